/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One question in the browser's list: its text, with the words searched for
 * highlighted, the area or follow-up that matched, and a line of details. */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-question-row.h"
#include "ik-row-text.h"

struct _IkQuestionRow
{
  GtkWidget      parent_instance;

  IkQuestion    *question;
  IkBank        *bank;
  IkSearchQuery *query;
  gulong         changed_handler;
  char          *markup;

  IkRowText     *title_label;
  GtkLabel      *match_label;   /* made when a row first shows a match */
  IkRowText     *meta_label;
};

G_DEFINE_FINAL_TYPE (IkQuestionRow, ik_question_row, GTK_TYPE_WIDGET)

/* Bold keeps the highlight readable in light and dark styles alike. */
#define HIGHLIGHT_OPEN "<b>"
#define HIGHLIGHT_CLOSE "</b>"

/* Between the question's text and its details. */
static void
ensure_match_label (IkQuestionRow *self)
{
  if (self->match_label != NULL)
    return;
  self->match_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->match_label, 0);
  gtk_label_set_ellipsize (self->match_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_use_markup (self->match_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->match_label), "dim-label");
  gtk_widget_insert_after (GTK_WIDGET (self->match_label), gtk_widget_get_parent (GTK_WIDGET (self->title_label)),
                           GTK_WIDGET (self->title_label));
}

static void
update (IkQuestionRow *self)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  const char *text;
  const char *line = NULL;
  guint minutes;
  guint n_competencies;

  if (self->question == NULL)
    return;

  text = ik_question_get_text (self->question);
  if (text == NULL || text[0] == '\0')
    text = _("Untitled question");

  g_free (self->markup);
  if (self->query != NULL)
    {
      self->markup = ik_search_highlight_markup (self->query, text, HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE);
      line = ik_search_first_matching_line (self->query, self->question);
    }
  else
    self->markup = g_markup_escape_text (text, -1);
  ik_row_text_set_markup (self->title_label, self->markup);

  if (line != NULL)
    {
      g_autofree char *line_markup = ik_search_highlight_markup (self->query, line, HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE);

      ensure_match_label (self);
      gtk_label_set_markup (self->match_label, line_markup);
    }
  if (self->match_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->match_label), line != NULL);

  if (self->bank != NULL)
    g_string_append (meta, ik_bank_get_title (self->bank));
  minutes = ik_question_get_minutes (self->question);
  if (minutes > 0)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append_printf (meta, ngettext ("%u minute", "%u minutes", minutes), minutes);
    }
  n_competencies = g_strv_length ((char **) ik_question_get_competencies (self->question));
  if (n_competencies > 0)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append_printf (meta, ngettext ("%u competency", "%u competencies", n_competencies), n_competencies);
    }
  ik_row_text_set_text (self->meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), meta->len > 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meta->str,
                                  -1);
}

static void
clear_question (IkQuestionRow *self)
{
  if (self->question != NULL)
    g_clear_signal_handler (&self->changed_handler, self->question);
  g_clear_object (&self->question);
  g_clear_object (&self->bank);
  g_clear_pointer (&self->query, ik_search_query_unref);
}

/**
 * ik_question_row_set_question:
 * @question: (nullable): the question to show
 * @bank: (nullable): its bank, whose title is shown (in search results)
 * @query: (nullable): the search whose matches are highlighted
 *
 * Shows @question and follows its edits until another question is set.
 */
void
ik_question_row_set_question (IkQuestionRow *self,
                              IkQuestion    *question,
                              IkBank        *bank,
                              IkSearchQuery *query)
{
  g_return_if_fail (IK_IS_QUESTION_ROW (self));
  g_return_if_fail (question == NULL || IK_IS_QUESTION (question));

  if (query != NULL && !ik_search_query_has_words (query))
    query = NULL;
  /* Already shown: a row bound for a search is offered it again when the
   * browser updates the rows that stay (issue 15: two markups parsed for
   * each new row of a search's first keystroke). */
  if (question != NULL && question == self->question && bank == self->bank && query == self->query)
    return;

  clear_question (self);
  if (question == NULL)
    return;

  self->question = g_object_ref (question);
  self->bank = bank != NULL ? g_object_ref (bank) : NULL;
  if (query != NULL)
    self->query = ik_search_query_ref (query);
  self->changed_handler = g_signal_connect_swapped (question, "changed", G_CALLBACK (update), self);
  update (self);
}

/**
 * ik_question_row_get_question:
 *
 * Returns: (transfer none) (nullable): the question shown
 */
IkQuestion *
ik_question_row_get_question (IkQuestionRow *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_ROW (self), NULL);

  return self->question;
}

/**
 * ik_question_row_get_markup:
 *
 * Returns: (transfer none) (nullable): the markup of the question's text,
 * with the matches of the search highlighted
 */
const char *
ik_question_row_get_markup (IkQuestionRow *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_ROW (self), NULL);

  return self->markup;
}

/**
 * ik_question_row_new:
 *
 * Returns: (transfer floating): a row showing no question yet
 */
GtkWidget *
ik_question_row_new (void)
{
  return g_object_new (IK_TYPE_QUESTION_ROW, NULL);
}

static void
ik_question_row_dispose (GObject *object)
{
  IkQuestionRow *self = IK_QUESTION_ROW (object);
  GtkWidget *child;

  clear_question (self);
  g_clear_pointer (&self->markup, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ik_question_row_parent_class)->dispose (object);
}

/* The width the row asks for, whatever its text: the list's column sets
 * the real one. Measuring a wrapped label's natural width lays its whole
 * text out on one line, for every row bound after a search keystroke,
 * only for the list to give every row the column's width anyway. */
#define ROW_MIN_WIDTH 48

static void
ik_question_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  /* Heights for no width: the scrolled window asks the list, and the grid
   * asks every row for the narrowest column it could have (ROW_MIN_WIDTH),
   * but neither uses the answer; the grid measures again for its column's
   * real width (never that narrow: the page is 300 wide) before it lays
   * rows out. */
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL || child == NULL || for_size <= ROW_MIN_WIDTH)
    {
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? ROW_MIN_WIDTH : 0;
      return;
    }
  /* Heights for the column's width: the wrapped title is laid out once. */
  gtk_widget_measure (child, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
ik_question_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ik_question_row_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
ik_question_row_class_init (IkQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_question_row_dispose;

  widget_class->get_request_mode = ik_question_row_get_request_mode;
  widget_class->measure = ik_question_row_measure;
  widget_class->size_allocate = ik_question_row_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Made in code, not from a template: a list makes a row for each question
 * that scrolls into view, and a search's first keystroke makes a screenful
 * at once; parsing a template was 510 k instructions a row, half of making
 * one (issue 15). */
static void
ik_question_row_init (IkQuestionRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  /* Not a label: its height comes from its lines, so a row's text is laid
   * out once, at the column's width (a wrapping label was laid out four
   * times); see ik-row-text.c. At the top of its three lines, as every
   * row's text starts at the same place; a shorter text leaves its spare
   * line above the details, not half of it above the text. */
  self->title_label = IK_ROW_TEXT (ik_row_text_new (3, 0));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));

  self->meta_label = IK_ROW_TEXT (ik_row_text_new (1, 0.5));
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->meta_label));

  gtk_widget_set_parent (box, GTK_WIDGET (self));
}
