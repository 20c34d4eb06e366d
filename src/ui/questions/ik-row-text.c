/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-row-text.c: a question row's text, a fixed number of lines high.
 *
 * What GtkInscription shows (text or markup, wrapped at the width given,
 * an ellipsis where it does not fit its lines), made cheaper for a list
 * that makes a screenful of rows at once (a search's first keystroke):
 *
 * - GtkInscription makes its layout when it is made, before it has a
 *   place in the window, and GTK 4.8 then works out its style twice:
 *   alone for the layout, and again where it is put.
 * - It asks Pango for the font's metrics whenever it is measured, and
 *   Pango 1.50's context lays a sample text out for each answer: four
 *   times for each new row.
 *
 * This makes its layout when first measured, where it is, and keeps the
 * height of a line for each font: the same Pango metrics, asked once.
 * Unlike GtkInscription, it does not apply the text attributes of CSS
 * (letter-spacing, font-feature-settings): the rows' style has none.
 */
#include "config.h"

#include <pango/pangocairo.h>

#include "ik-row-text.h"

struct _IkRowText
{
  GtkWidget             parent_instance;

  char                 *text;
  PangoAttrList        *attrs;
  guint                 lines;
  float                 yalign;

  /* Made when first measured. It follows its context's font (Pango
   * lays it out again when the context changes), and GTK measures the
   * widget again when the font's size does. */
  PangoLayout          *layout;
};

G_DEFINE_FINAL_TYPE (IkRowText, ik_row_text, GTK_TYPE_WIDGET)

/* Ascent and descent of a font at a resolution, with the font options
 * and language of a context: what gtk_inscription_measure() asks of
 * pango_context_get_metrics(), which the context works out anew for each
 * call. A few fonts in a process (text and caption, light and dark
 * alike); the key changes when the font map does. */
typedef struct
{
  int ascent;
  int descent;
} LineMetrics;

static GHashTable *metrics_cache;   /* char * -> LineMetrics */

static LineMetrics
line_metrics (PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  PangoFontMap *font_map = pango_context_get_font_map (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = NULL;
  LineMetrics *cached;

  key = g_strdup_printf ("%s|%g|%lu|%s|%p:%u", font, pango_cairo_context_get_resolution (context),
                         options != NULL ? cairo_font_options_hash (options) : 0,
                         pango_language_to_string (pango_context_get_language (context)),
                         (void *) font_map, font_map != NULL ? pango_font_map_get_serial (font_map) : 0);
  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (metrics_cache, key);
  if (cached == NULL)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      cached = g_new (LineMetrics, 1);
      cached->ascent = pango_font_metrics_get_ascent (metrics);
      cached->descent = pango_font_metrics_get_descent (metrics);
      pango_font_metrics_unref (metrics);
      g_hash_table_insert (metrics_cache, g_steal_pointer (&key), cached);
    }
  return *cached;
}

static void
update_alignment (IkRowText *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (self->layout != NULL)
    pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static PangoLayout *
ensure_layout (IkRowText *self)
{
  if (self->layout == NULL)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

      self->layout = pango_layout_new (context);
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      pango_layout_set_attributes (self->layout, self->attrs);
      update_alignment (self);
    }
  return self->layout;
}

static void
ik_row_text_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous_direction)
{
  GTK_WIDGET_CLASS (ik_row_text_parent_class)->direction_changed (widget, previous_direction);
  update_alignment (IK_ROW_TEXT (widget));
}

static void
ik_row_text_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  IkRowText *self = IK_ROW_TEXT (widget);
  LineMetrics metrics;

  /* As wide as it is given: its row sets the width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  metrics = line_metrics (pango_layout_get_context (ensure_layout (self)));
  *minimum = *natural = PANGO_PIXELS_CEIL ((int) self->lines * (metrics.ascent + metrics.descent));
  *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics.ascent);
}

static void
ik_row_text_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  PangoLayout *layout = ensure_layout (IK_ROW_TEXT (widget));

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_height (layout, height * PANGO_SCALE);
}

static void
ik_row_text_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  IkRowText *self = IK_ROW_TEXT (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  float y = 0;

  if (self->text == NULL || self->text[0] == '\0' || self->layout == NULL)
    return;

  /* Where GtkInscription puts it: at the top when an ellipsis shortened
   * it, else at yalign of the space left. */
  if (!pango_layout_is_ellipsized (self->layout))
    {
      pango_layout_get_pixel_extents (self->layout, NULL, &logical);
      y = MAX (floorf ((height - logical.height) * self->yalign), 0);
    }
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), height));
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget), 0, y, self->layout);
  gtk_snapshot_pop (snapshot);
}

static void
ik_row_text_finalize (GObject *object)
{
  IkRowText *self = IK_ROW_TEXT (object);

  g_free (self->text);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (ik_row_text_parent_class)->finalize (object);
}

static void
ik_row_text_class_init (IkRowTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ik_row_text_finalize;
  widget_class->direction_changed = ik_row_text_direction_changed;
  widget_class->measure = ik_row_text_measure;
  widget_class->size_allocate = ik_row_text_size_allocate;
  widget_class->snapshot = ik_row_text_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
  gtk_widget_class_set_css_name (widget_class, "label");
}

static void
ik_row_text_init (IkRowText *self)
{
  self->lines = 1;
  self->yalign = 0.5;
}

/**
 * ik_row_text_new:
 * @lines: its height, in lines of its font (at least 1)
 * @yalign: where a text shorter than that stands: 0 at the top, 1 at the
 *   bottom
 *
 * Returns: (transfer floating): a new #IkRowText, without text
 */
GtkWidget *
ik_row_text_new (guint lines,
                 float yalign)
{
  IkRowText *self = g_object_new (IK_TYPE_ROW_TEXT, NULL);

  self->lines = MAX (lines, 1);
  self->yalign = CLAMP (yalign, 0, 1);
  return GTK_WIDGET (self);
}

static void
set_text_and_attributes (IkRowText     *self,
                         const char    *text,
                         PangoAttrList *attrs)
{
  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                      -1);
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
    }
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs != NULL ? pango_attr_list_ref (attrs) : NULL;
  if (self->layout != NULL)
    pango_layout_set_attributes (self->layout, self->attrs);
  /* Its height is its lines': only what is drawn changes. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ik_row_text_set_text:
 * @text: (nullable): the text shown
 */
void
ik_row_text_set_text (IkRowText  *self,
                      const char *text)
{
  g_return_if_fail (IK_IS_ROW_TEXT (self));

  set_text_and_attributes (self, text, NULL);
}

/**
 * ik_row_text_set_markup:
 * @markup: (nullable): Pango markup of the text shown
 *
 * Markup that does not parse shows nothing, and warns.
 */
void
ik_row_text_set_markup (IkRowText  *self,
                        const char *markup)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (IK_IS_ROW_TEXT (self));

  if (markup != NULL && !pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, &error))
    {
      g_warning ("Row text markup does not parse: %s", error->message);
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&attrs, pango_attr_list_unref);
    }
  set_text_and_attributes (self, text, attrs);
}

/**
 * ik_row_text_get_text:
 *
 * Returns: (transfer none) (nullable): the text shown, without markup
 */
const char *
ik_row_text_get_text (IkRowText *self)
{
  g_return_val_if_fail (IK_IS_ROW_TEXT (self), NULL);

  return self->text;
}
