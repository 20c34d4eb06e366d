/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-text-sync.c: showing a model value that changed elsewhere in a field
 * the user may be typing in.
 *
 * Every pane writes what is typed into the model at once, so a field and
 * its model value only differ when the value changed from elsewhere: these
 * replace the text only then (the user's own keystrokes come back equal and
 * are left alone, selection and undo included), and keep the cursor at the
 * same character offset (clamped), so that whoever is typing goes on where
 * they were. The callers block their own change handlers around the call.
 */
#include "config.h"

#include "ik-text-sync.h"

#include <adwaita.h>

#include "ik-input-limit.h"

/**
 * ik_editable_sync:
 * @editable: an entry showing a model value
 * @text: (nullable): the value now; %NULL is the empty string
 *
 * Returns: whether the text was replaced
 */
gboolean
ik_editable_sync (GtkEditable *editable,
                  const char  *text)
{
  int position;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), FALSE);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (editable), text) == 0)
    return FALSE;

  position = gtk_editable_get_position (editable);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (text, -1)));
  return TRUE;
}

/**
 * ik_text_buffer_sync:
 * @buffer: a buffer showing a model value
 * @text: (nullable): the value now; %NULL is the empty string
 *
 * Returns: whether the text was replaced
 */
gboolean
ik_text_buffer_sync (GtkTextBuffer *buffer,
                     const char    *text)
{
  GtkTextIter start, end, cursor;
  g_autofree char *current = NULL;
  int offset;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (text == NULL)
    text = "";
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) == 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  return TRUE;
}

/**
 * ik_text_buffer_dup_text:
 * @buffer: a buffer
 *
 * Returns: (transfer full): all of its text
 */
char *
ik_text_buffer_dup_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

#define ROW_VIEW_KEY "ik-text-row-view"
#define ROW_SUFFIXES_KEY "ik-text-row-suffixes"

/* A wrapping text view whose height follows its text at the width it is
 * given.
 *
 * GTK 4.8 measures a text view at the height of its text as last laid out
 * and does not ask its parent for a new size when that height changes
 * without an edit: a view is first laid out before it has a width (one
 * character a line, hundreds of pixels tall) and is then relaid at its real
 * width, but the box keeps the first height (a tall row with a short text,
 * or, once rows are rebuilt, a row too short to show its text) until the
 * user types in it. Outside a scrolled window nothing else notices. So
 * whenever its width changes, the view watches its own measured height for
 * a few frames and asks for a new size as soon as it differs. */
#define SETTLED_FRAMES 10

#define IK_TYPE_WRAP_VIEW (ik_wrap_view_get_type ())
G_DECLARE_FINAL_TYPE (IkWrapView, ik_wrap_view, IK, WRAP_VIEW, GtkTextView)

struct _IkWrapView
{
  GtkTextView parent_instance;

  int         width;
  int         measured;
  guint       same;
  guint       settle_id;
};

G_DEFINE_FINAL_TYPE (IkWrapView, ik_wrap_view, GTK_TYPE_TEXT_VIEW)

static gboolean
settle_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  IkWrapView *self = IK_WRAP_VIEW (widget);
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, self->width, &height, NULL, NULL, NULL);
  if (height != self->measured)
    {
      self->measured = height;
      self->same = 0;
      gtk_widget_queue_resize (widget);
      return G_SOURCE_CONTINUE;
    }
  if (++self->same < SETTLED_FRAMES)
    return G_SOURCE_CONTINUE;
  self->settle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
ik_wrap_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  IkWrapView *self = IK_WRAP_VIEW (widget);

  GTK_WIDGET_CLASS (ik_wrap_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (width == self->width)
    return;
  self->width = width;
  self->measured = -1;
  self->same = 0;
  if (self->settle_id == 0)
    self->settle_id = gtk_widget_add_tick_callback (widget, settle_tick, NULL, NULL);
}

static void
ik_wrap_view_unmap (GtkWidget *widget)
{
  IkWrapView *self = IK_WRAP_VIEW (widget);

  /* Shown again, it settles again at whatever width it gets. */
  if (self->settle_id != 0)
    gtk_widget_remove_tick_callback (widget, self->settle_id);
  self->settle_id = 0;
  self->width = 0;
  GTK_WIDGET_CLASS (ik_wrap_view_parent_class)->unmap (widget);
}

static void
ik_wrap_view_class_init (IkWrapViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->size_allocate = ik_wrap_view_size_allocate;
  widget_class->unmap = ik_wrap_view_unmap;
}

static void
ik_wrap_view_init (IkWrapView *self)
{
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self), GTK_WRAP_WORD_CHAR);
}

/**
 * ik_text_row_new:
 * @title: what the field holds, shown above it and its accessible name
 * @text: (nullable): the text shown
 * @max_bytes: the most bytes of UTF-8 it may hold (ik_text_buffer_limit())
 *
 * A multi-line field for a boxed list, where a one-line entry row would
 * show a few words of a long text: the title above a text view that wraps
 * at words. Tab leaves it, as it leaves an entry.
 *
 * Returns: (transfer floating): an #AdwPreferencesRow
 */
GtkWidget *
ik_text_row_new (const char *title,
                 const char *text,
                 gsize       max_bytes)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                 "title", title,
                                 "use-markup", FALSE,
                                 "activatable", FALSE,
                                 "focusable", FALSE,
                                 NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *view = g_object_new (IK_TYPE_WRAP_VIEW, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 2);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 2);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  ik_text_buffer_limit (buffer, view, max_bytes);
  gtk_widget_set_valign (suffixes, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (column), label);
  gtk_box_append (GTK_BOX (column), view);
  gtk_box_append (GTK_BOX (box), column);
  gtk_box_append (GTK_BOX (box), suffixes);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), ROW_VIEW_KEY, view);
  g_object_set_data (G_OBJECT (row), ROW_SUFFIXES_KEY, suffixes);
  return row;
}

/**
 * ik_text_row_get_view:
 * @row: a row of ik_text_row_new()
 *
 * Returns: (transfer none): its text view
 */
GtkTextView *
ik_text_row_get_view (GtkWidget *row)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (row), ROW_VIEW_KEY);

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  return view;
}

/**
 * ik_text_row_add_suffix:
 * @row: a row of ik_text_row_new()
 * @widget: a button, say, shown after the text
 */
void
ik_text_row_add_suffix (GtkWidget *row,
                        GtkWidget *widget)
{
  GtkWidget *suffixes = g_object_get_data (G_OBJECT (row), ROW_SUFFIXES_KEY);

  g_return_if_fail (GTK_IS_BOX (suffixes));
  gtk_box_append (GTK_BOX (suffixes), widget);
}
