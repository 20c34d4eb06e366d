/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-debrief-pdf.c: the printed debrief.
 *
 * Built the way ik-pdf-export.c builds a scorecard: the document is a list
 * of blocks of Pango markup made from the debrief in the calling thread;
 * paginating places every line of every text block on a page (a long piece
 * of evidence flows onto the next page), and each table row as a whole (a
 * row never splits; the table's header row is repeated at the top of a new
 * page). Rendering uses a font map of its own, so it can run in a worker
 * thread. The PDF holds what the Markdown export holds, and like it no time
 * of export and nothing about who exported it. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ik-debrief-pdf.h"
#include "ik-export-files.h"
#include "ik-identity.h"
#include "ik-scorecard-export.h"

/* A4 in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define MARGIN 50.0
#define HEADER_HEIGHT 22.0
#define FOOTER_HEIGHT 30.0
#define QUOTE_INDENT 12.0
#define CELL_PADDING 3.0
#define KEEP_WITH_NEXT 48.0
#define MAX_CELL_LINES 8

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_BODY,
  STYLE_QUOTE,
  STYLE_MUTED,
  STYLE_WARNING,
  STYLE_ROW,
} BlockStyle;

static const struct
{
  const char *font;
  double      space_before;
  double      indent;
} styles[] = {
  [STYLE_TITLE] = { "Sans Bold 18", 0, 0 },
  [STYLE_HEADING] = { "Sans Bold 13", 14, 0 },
  [STYLE_SUBHEADING] = { "Sans Bold 11", 9, 0 },
  [STYLE_BODY] = { "Sans 10", 3, 0 },
  [STYLE_QUOTE] = { "Sans 10", 4, QUOTE_INDENT },
  [STYLE_MUTED] = { "Sans 9", 3, 0 },
  [STYLE_WARNING] = { "Sans Bold 10", 6, 0 },
  [STYLE_ROW] = { "Sans 9", 0, 0 },
};

typedef struct
{
  BlockStyle   style;
  char        *markup;       /* text blocks */
  PangoLayout *layout;
  /* Table rows: one markup and one layout per cell, the relative widths of
   * the columns, and the table's header row (itself for a header). */
  GPtrArray   *cells;
  GPtrArray   *cell_layouts;
  GArray      *weights;      /* double */
  guint        header;
  gboolean     is_header;
  gboolean     highlight;
} Block;

typedef struct
{
  guint            block;
  PangoLayoutLine *line;     /* NULL for a table row */
  guint            page;
  double           y;
  double           baseline;
  double           x;
  double           height;
} Placement;

typedef struct
{
  GPtrArray *blocks;
  GArray    *placements;
  GArray    *page_starts;
  guint      n_pages;
  char      *title;
  char      *footer;
} Document;

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_free (block->markup);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
  g_clear_pointer (&block->weights, g_array_unref);
  g_free (block);
}

static void
document_free (Document *doc)
{
  g_ptr_array_unref (doc->blocks);
  g_array_unref (doc->placements);
  g_array_unref (doc->page_starts);
  g_free (doc->title);
  g_free (doc->footer);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
add_markup (Document   *doc,
            BlockStyle  style,
            char       *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->markup = markup;
  g_ptr_array_add (doc->blocks, block);
}

static void
add_text (Document   *doc,
          BlockStyle  style,
          const char *text)
{
  add_markup (doc, style, g_markup_escape_text (text != NULL ? text : "", -1));
}

static void
add_field (Document   *doc,
           const char *label,
           const char *value)
{
  if (is_blank (value))
    return;
  add_markup (doc, STYLE_BODY, g_markup_printf_escaped ("<b>%s</b>  %s", label, value));
}

/* Starts a table: its header row, with the relative widths of the columns.
 * Returns the index of the header block, for the rows. */
static guint
add_table_header (Document     *doc,
                  const double *weights,
                  guint         n_columns,
                  const char  **texts)
{
  Block *block = g_new0 (Block, 1);

  block->style = STYLE_ROW;
  block->is_header = TRUE;
  block->cells = g_ptr_array_new_with_free_func (g_free);
  block->weights = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);
  g_array_append_vals (block->weights, weights, n_columns);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (block->cells, g_markup_printf_escaped ("<b>%s</b>", texts[i]));
  block->header = doc->blocks->len;
  g_ptr_array_add (doc->blocks, block);
  return block->header;
}

/* A row of the table whose header is @header; @markups are taken. */
static void
add_table_row (Document  *doc,
               guint      header,
               GPtrArray *markups,
               gboolean   highlight)
{
  Block *head = g_ptr_array_index (doc->blocks, header);
  Block *block = g_new0 (Block, 1);

  g_assert (markups->len == head->weights->len);
  block->style = STYLE_ROW;
  block->cells = markups;
  block->weights = g_array_ref (head->weights);
  block->header = header;
  block->highlight = highlight;
  g_ptr_array_add (doc->blocks, block);
}

/* User text: one block per paragraph, as Pango splits paragraphs, so that
 * a long text flows from page to page. */
static void
add_user_text (Document   *doc,
               const char *text)
{
  const char *paragraph = text;
  int rest = strlen (text);

  for (;;)
    {
      int delimiter = 0;
      int next = 0;

      pango_find_paragraph_boundary (paragraph, rest, &delimiter, &next);
      add_markup (doc, STYLE_QUOTE, g_markup_escape_text (paragraph, delimiter));
      if (next == delimiter)
        break;
      paragraph += next;
      rest -= next;
    }
}

static char *
state_label (IkDebrief *debrief,
             guint      i)
{
  IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);

  return g_strdup (ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (scorecard)));
}

static const IkRecommendation tally_order[] = {
  IK_RECOMMENDATION_STRONG_YES,
  IK_RECOMMENDATION_YES,
  IK_RECOMMENDATION_NO,
  IK_RECOMMENDATION_STRONG_NO,
  IK_RECOMMENDATION_NONE,
};

static void
add_grid (Document  *doc,
          IkDebrief *debrief)
{
  guint n = ik_debrief_get_n_interviewers (debrief);
  guint n_columns = n + 2;
  g_autofree double *weights = g_new (double, n_columns);
  g_autofree const char **texts = g_new0 (const char *, n_columns);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint header;

  weights[0] = 3;
  texts[0] = _("Competency");
  for (guint i = 0; i < n; i++)
    {
      char *name;

      if (ik_debrief_get_counted (debrief, i))
        name = g_strdup (ik_debrief_get_interviewer_name (debrief, i));
      else
        {
          g_autofree char *state = state_label (debrief, i);

          name = g_strdup_printf ("%s (%s)", ik_debrief_get_interviewer_name (debrief, i), state);
        }
      g_ptr_array_add (names, name);
      weights[i + 1] = 1.2;
      texts[i + 1] = name;
    }
  weights[n + 1] = 2;
  texts[n + 1] = _("Spread");
  header = add_table_header (doc, weights, n_columns, texts);

  for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      int spread = ik_debrief_get_spread (debrief, c);
      gboolean highlight = spread >= IK_DEBRIEF_SPREAD_HIGHLIGHT;
      const char *name = ik_debrief_get_competency_name (debrief, c);

      if (ik_debrief_get_unassessed (debrief, c))
        g_ptr_array_add (row, g_markup_printf_escaped ("%s\n<i>%s</i>", name, _("nobody assessed it")));
      else
        g_ptr_array_add (row, g_markup_escape_text (name, -1));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (row, g_markup_escape_text (ik_debrief_rating_text (ik_debrief_get_rating (debrief, i, c)), -1));
      if (highlight)
        {
          g_autofree char *text = g_strdup_printf (_("⚠ spread %d"), spread);

          g_ptr_array_add (row, g_markup_printf_escaped ("<b>%s</b>", text));
        }
      else
        g_ptr_array_add (row, g_strdup_printf ("%d", spread));
      add_table_row (doc, header, row, highlight);
    }
}

static void
add_questions (Document  *doc,
               IkDebrief *debrief)
{
  static const double weights[] = { 5, 3, 2 };
  const char *texts[] = { _("Question"), _("Asked by"), _("Overlap") };
  guint header = add_table_header (doc, weights, 3, texts);

  for (guint q = 0; q < ik_debrief_get_n_questions (debrief); q++)
    {
      GArray *askers = ik_debrief_get_question_askers (debrief, q);
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      GString *who = g_string_new (NULL);
      gboolean overlap = ik_debrief_get_question_overlap (debrief, q);

      for (guint k = 0; k < askers->len; k++)
        {
          if (k > 0)
            g_string_append (who, ", ");
          g_string_append (who, ik_debrief_get_interviewer_name (debrief, g_array_index (askers, guint, k)));
        }
      g_ptr_array_add (row, g_markup_escape_text (ik_debrief_get_question_text (debrief, q), -1));
      g_ptr_array_add (row, g_markup_escape_text (who->str, -1));
      if (overlap)
        {
          g_autofree char *text = g_strdup_printf (ngettext ("⚠ asked by %u interviewer",
                                                             "⚠ asked by %u interviewers", askers->len),
                                                   askers->len);

          g_ptr_array_add (row, g_markup_printf_escaped ("<b>%s</b>", text));
        }
      else
        g_ptr_array_add (row, g_strdup (""));
      add_table_row (doc, header, row, overlap);
      g_string_free (who, TRUE);
    }
}

static Document *
document_new (IkDebrief *debrief)
{
  Document *doc = g_new0 (Document, 1);
  const char *name = ik_debrief_get_candidate_name (debrief);
  guint n = ik_debrief_get_n_interviewers (debrief);

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  doc->title = g_strdup_printf (_("Debrief: %s"), !is_blank (name) ? name : ik_debrief_get_candidate_id (debrief));
  /* Translators: the footer of a debrief; %s is the candidate id */
  doc->footer = g_strdup_printf (_("Candidate id %s"), ik_debrief_get_candidate_id (debrief));

  add_text (doc, STYLE_TITLE, doc->title);
  add_field (doc, _("Candidate id"), ik_debrief_get_candidate_id (debrief));
  add_field (doc, _("Role"), ik_debrief_get_role (debrief));

  if (ik_debrief_get_blind (debrief))
    {
      guint colleagues = ik_debrief_get_n_colleagues_submitted (debrief);
      g_autofree char *count = g_strdup_printf (ngettext ("%u colleague has submitted a scorecard for this candidate.",
                                                          "%u colleagues have submitted a scorecard for this candidate.",
                                                          colleagues),
                                                colleagues);

      add_text (doc, STYLE_WARNING, _("This debrief is blind: colleagues’ ratings and recommendations stay hidden "
                                      "until the interviewer’s own scorecard for this candidate is submitted."));
      add_text (doc, STYLE_BODY, count);
      return doc;
    }

  add_text (doc, STYLE_HEADING, _("Ratings"));
  if (ik_debrief_get_n_competencies (debrief) > 0)
    add_grid (doc, debrief);
  else
    add_text (doc, STYLE_MUTED, _("No counted scorecard rates any competency."));

  add_text (doc, STYLE_HEADING, _("Signatures"));
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);
      const char *key = ik_team_scorecard_get_public_key (scorecard);
      g_autofree char *state = state_label (debrief, i);
      g_autofree char *fingerprint = key != NULL && key[0] != '\0' ? ik_key_fingerprint (key) : NULL;
      g_autofree char *submitted = ik_debrief_format_time (ik_scorecard_get_submitted (ik_team_scorecard_get_scorecard (scorecard)));
      GString *line = g_string_new (state);

      if (fingerprint != NULL)
        {
          g_autofree char *key_label = g_strdup_printf (_("key %s"), fingerprint);

          g_string_append_printf (line, " · %s", key_label);
        }
      if (submitted[0] != '\0' && ik_debrief_get_counted (debrief, i))
        {
          g_autofree char *when = g_strdup_printf (_("submitted %s"), submitted);

          g_string_append_printf (line, " · %s", when);
        }
      add_markup (doc, ik_debrief_get_counted (debrief, i) ? STYLE_BODY : STYLE_WARNING,
                  g_markup_printf_escaped ("<b>%s</b>  %s", ik_debrief_get_interviewer_name (debrief, i), line->str));
      g_string_free (line, TRUE);
    }

  add_text (doc, STYLE_HEADING, _("Competencies nobody assessed"));
  {
    gboolean any = FALSE;

    for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
      if (ik_debrief_get_unassessed (debrief, c))
        {
          g_autofree char *line = g_strdup_printf ("• %s", ik_debrief_get_competency_name (debrief, c));

          add_text (doc, STYLE_BODY, line);
          any = TRUE;
        }
    if (!any)
      add_text (doc, STYLE_MUTED, _("Every competency was assessed by at least one interviewer."));
  }

  add_text (doc, STYLE_HEADING, _("Questions"));
  if (ik_debrief_get_n_questions (debrief) > 0)
    add_questions (doc, debrief);
  else
    add_text (doc, STYLE_MUTED, _("No questions were recorded."));

  add_text (doc, STYLE_HEADING, _("Recommendations"));
  for (guint r = 0; r < G_N_ELEMENTS (tally_order); r++)
    {
      g_autofree char *count = g_strdup_printf ("%u", ik_debrief_get_tally (debrief, tally_order[r]));

      add_field (doc, ik_export_recommendation_label (tally_order[r]), count);
    }

  add_text (doc, STYLE_HEADING, _("Evidence"));
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);
      IkScorecard *card = ik_team_scorecard_get_scorecard (scorecard);
      GPtrArray *asked = ik_team_scorecard_get_questions (scorecard);

      if (!ik_debrief_get_counted (debrief, i))
        continue;
      add_text (doc, STYLE_SUBHEADING, ik_debrief_get_interviewer_name (debrief, i));
      add_field (doc, _("Recommendation"), ik_export_recommendation_label (ik_scorecard_get_recommendation (card)));
      if (!is_blank (ik_scorecard_get_summary (card)))
        add_user_text (doc, ik_scorecard_get_summary (card));
      for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
        {
          int rating = ik_debrief_get_rating (debrief, i, c);
          const char *evidence = ik_debrief_get_evidence (debrief, i, c);

          if (evidence == NULL && (rating < 1 || rating > IK_RATING_MAX))
            continue;
          add_markup (doc, STYLE_BODY, g_markup_printf_escaped ("<b>%s: %s</b>",
                                                                ik_debrief_get_competency_name (debrief, c),
                                                                ik_debrief_rating_text (rating)));
          if (!is_blank (evidence))
            add_user_text (doc, evidence);
          else
            add_text (doc, STYLE_MUTED, _("No evidence was recorded."));
        }
      for (guint q = 0; q < asked->len; q++)
        {
          IkTeamQuestion *question = g_ptr_array_index (asked, q);
          g_autofree char *heading = NULL;

          if (is_blank (question->notes))
            continue;
          heading = g_strdup_printf (_("Notes on “%s”"), question->text);
          add_text (doc, STYLE_BODY, heading);
          add_user_text (doc, question->notes);
        }
    }

  add_text (doc, STYLE_HEADING, _("Amendment history"));
  {
    gboolean any = FALSE;

    for (guint i = 0; i < n; i++)
      {
        GListModel *revisions = ik_scorecard_get_revisions (ik_team_scorecard_get_scorecard (ik_debrief_get_interviewer (debrief, i)));

        if (!ik_debrief_get_counted (debrief, i))
          continue;
        for (guint r = 0; r < g_list_model_get_n_items (revisions); r++)
          {
            g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, r);
            g_autofree char *when = ik_debrief_format_time (ik_scorecard_revision_get_time (revision));

            add_markup (doc, STYLE_BODY,
                        g_markup_printf_escaped ("<b>%s</b>, %s: %s", ik_debrief_get_interviewer_name (debrief, i),
                                                 when, ik_scorecard_revision_get_reason (revision)));
            any = TRUE;
          }
      }
    if (!any)
      add_text (doc, STYLE_MUTED, _("No scorecard was amended."));
  }

  return doc;
}

static double
body_height (void)
{
  return A4_HEIGHT - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *font,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Ligatures and hyphens off, so that the text of the PDF is extractable as
 * typed. */
static void
set_markup (PangoLayout *layout,
            const char  *markup)
{
  g_autofree char *wrapped = g_strdup_printf ("<span font_features=\"liga=0, clig=0\" insert_hyphens=\"false\">%s</span>",
                                              markup);

  pango_layout_set_markup (layout, wrapped, -1);
}

static double
weights_total (GArray *weights)
{
  double sum = 0;

  for (guint i = 0; i < weights->len; i++)
    sum += g_array_index (weights, double, i);
  return sum;
}

/* Lays out the cells of a row; returns its height. */
static double
layout_row (Block        *block,
            PangoContext *context,
            double        width)
{
  double sum = weights_total (block->weights);
  double height = 0;

  if (block->cell_layouts == NULL)
    block->cell_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (block->cell_layouts, 0);
  for (guint i = 0; i < block->cells->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;
      PangoLayout *layout = make_layout (context, styles[STYLE_ROW].font, column - 2 * CELL_PADDING);
      int cell_height;

      /* A row never splits: a cell keeps to a few lines, whatever was typed. */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX_CELL_LINES);

      set_markup (layout, g_ptr_array_index (block->cells, i));
      pango_layout_get_size (layout, NULL, &cell_height);
      height = MAX (height, (double) cell_height / PANGO_SCALE);
      g_ptr_array_add (block->cell_layouts, layout);
    }
  return height + 2 * CELL_PADDING;
}

static void
new_page (Document *doc,
          guint    *page,
          double   *y)
{
  (*page)++;
  *y = 0;
  g_array_append_val (doc->page_starts, doc->placements->len);
}

static void
place_row (Document *doc,
           guint     block,
           guint     page,
           double   *y,
           double    height)
{
  Placement placement = { 0, };

  placement.block = block;
  placement.page = page;
  placement.y = *y;
  placement.height = height;
  *y += height;
  g_array_append_val (doc->placements, placement);
}

static void
document_paginate (Document     *doc,
                   PangoContext *context)
{
  double width = A4_WIDTH - 2 * MARGIN;
  double y = 0;
  guint page = 0;
  guint first = 0;

  g_array_set_size (doc->placements, 0);
  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, first);

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);
      double indent = styles[block->style].indent;
      PangoLayoutIter *iter;

      if (block->style == STYLE_ROW)
        {
          double height = layout_row (block, context, width);

          if (y > 0 && y + height > body_height ())
            {
              new_page (doc, &page, &y);
              /* The header again above the rows that follow it. */
              if (!block->is_header)
                {
                  Block *header = g_ptr_array_index (doc->blocks, block->header);
                  double header_height = layout_row (header, context, width);

                  place_row (doc, block->header, page, &y, header_height);
                }
            }
          else if (block->is_header && y > 0 && y + height + KEEP_WITH_NEXT > body_height ())
            new_page (doc, &page, &y);
          place_row (doc, b, page, &y, height);
          continue;
        }

      g_clear_object (&block->layout);
      block->layout = make_layout (context, styles[block->style].font, width - indent);
      set_markup (block->layout, block->markup);

      if (y > 0)
        y += styles[block->style].space_before;
      if ((block->style == STYLE_HEADING || block->style == STYLE_SUBHEADING) && y > 0)
        {
          int height;

          pango_layout_get_size (block->layout, NULL, &height);
          if (y + (double) height / PANGO_SCALE + KEEP_WITH_NEXT > body_height ())
            new_page (doc, &page, &y);
        }

      iter = pango_layout_get_iter (block->layout);
      do
        {
          PangoRectangle logical;
          Placement placement = { 0, };

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          placement.block = b;
          placement.line = pango_layout_iter_get_line_readonly (iter);
          placement.height = (double) logical.height / PANGO_SCALE;
          placement.baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
          placement.x = indent + (double) logical.x / PANGO_SCALE;
          if (y > 0 && y + placement.height > body_height ())
            new_page (doc, &page, &y);
          placement.page = page;
          placement.y = y;
          y += placement.height;
          g_array_append_val (doc->placements, placement);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  doc->n_pages = page + 1;
}

static void
draw_small (cairo_t       *cr,
            PangoContext  *context,
            const char    *text,
            double         x,
            double         y,
            double         width,
            PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (context, "Sans 8", width);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  pango_layout_set_alignment (layout, alignment);
  set_markup (layout, escaped);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (Document  *doc,
          cairo_t   *cr,
          Placement *placement)
{
  Block *block = g_ptr_array_index (doc->blocks, placement->block);
  double width = A4_WIDTH - 2 * MARGIN;
  double sum = weights_total (block->weights);
  double top = MARGIN + HEADER_HEIGHT + placement->y;
  double x = MARGIN;

  cairo_save (cr);
  if (block->is_header || block->highlight)
    {
      if (block->is_header)
        cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      else
        cairo_set_source_rgb (cr, 1.0, 0.93, 0.75);
      cairo_rectangle (cr, MARGIN, top, width, placement->height);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  for (guint i = 0; i < block->cell_layouts->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;

      cairo_rectangle (cr, x, top, column, placement->height);
      cairo_stroke (cr);
      x += column;
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  x = MARGIN;
  for (guint i = 0; i < block->cell_layouts->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;

      cairo_move_to (cr, x + CELL_PADDING, top + CELL_PADDING);
      pango_cairo_show_layout (cr, g_ptr_array_index (block->cell_layouts, i));
      x += column;
    }
  cairo_restore (cr);
}

static void
document_draw_page (Document     *doc,
                    cairo_t      *cr,
                    PangoContext *context,
                    guint         page)
{
  double width = A4_WIDTH - 2 * MARGIN;
  double footer_top = A4_HEIGHT - MARGIN - FOOTER_HEIGHT + 8;
  g_autofree char *page_label = g_strdup_printf (_("Page %u of %u"), page + 1, doc->n_pages);
  guint last;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  if (page > 0)
    draw_small (cr, context, doc->title, MARGIN, MARGIN, width, PANGO_ALIGN_LEFT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, footer_top - 4);
  cairo_line_to (cr, MARGIN + width, footer_top - 4);
  cairo_stroke (cr);
  draw_small (cr, context, doc->footer, MARGIN, footer_top, width - 70, PANGO_ALIGN_LEFT);
  draw_small (cr, context, page_label, MARGIN + width - 70, footer_top, 70, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);

  last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1)
                                           : doc->placements->len;
  for (guint i = g_array_index (doc->page_starts, guint, page); i < last; i++)
    {
      Placement *placement = &g_array_index (doc->placements, Placement, i);
      Block *block = g_ptr_array_index (doc->blocks, placement->block);
      double top = MARGIN + HEADER_HEIGHT + placement->y;

      if (placement->line == NULL)
        {
          draw_row (doc, cr, placement);
          continue;
        }
      cairo_save (cr);
      if (block->style == STYLE_QUOTE)
        {
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_rectangle (cr, MARGIN + 2, top, 2.5, placement->height);
          cairo_fill (cr);
        }
      if (block->style == STYLE_MUTED)
        cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
      else if (block->style == STYLE_WARNING)
        cairo_set_source_rgb (cr, 0.65, 0.2, 0.0);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, MARGIN + placement->x, top + placement->baseline);
      pango_cairo_show_layout_line (cr, placement->line);
      cairo_restore (cr);
    }
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Renders @doc as an A4 PDF in memory; safe in a worker thread (a font map
 * of its own, @doc not shared while it runs). */
static GBytes *
document_render_pdf (Document  *doc,
                     GError   **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_to_array, buffer, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Interview Kit " PACKAGE_VERSION);
  cr = cairo_create (surface);

  context = pango_font_map_create_context (font_map);
  pango_cairo_update_context (cr, context);
  pango_cairo_context_set_resolution (context, 72);
  document_paginate (doc, context);
  for (guint page = 0; page < doc->n_pages; page++)
    {
      document_draw_page (doc, cr, context, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* The layouts hold fonts of this font map: not kept past it. */
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);

      g_clear_object (&block->layout);
      g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
    }
  g_object_unref (context);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not render the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * ik_debrief_pdf_to_bytes:
 * @debrief: a debrief
 *
 * Renders @debrief as an A4 PDF in memory: the grid with its spreads, the
 * signature state of every scorecard, competencies nobody assessed, the
 * questions with their overlaps, the tally, the evidence and the amendment
 * history; or, for a blind debrief, only that it is blind.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error
 */
GBytes *
ik_debrief_pdf_to_bytes (IkDebrief  *debrief,
                         GError    **error)
{
  g_autoptr(Document) doc = NULL;

  g_return_val_if_fail (IK_IS_DEBRIEF (debrief), NULL);

  doc = document_new (debrief);
  return document_render_pdf (doc, error);
}

typedef struct
{
  Document *doc;
  char     *path;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  document_free (job->doc);
  g_free (job->path);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  bytes = document_render_pdf (job->doc, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  file = g_file_new_for_path (job->path);
  if (!ik_export_write_file (file, bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_debrief_pdf_write_async:
 * @debrief: a debrief
 * @path: where to write the PDF
 * @cancellable: (nullable): stops the export before the file is written
 *
 * Writes the PDF of @debrief in a worker thread, atomically: an existing
 * file at @path is either replaced whole or left untouched. The document
 * is made from @debrief now, in the calling thread.
 */
void
ik_debrief_pdf_write_async (IkDebrief           *debrief,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (IK_IS_DEBRIEF (debrief));
  g_return_if_fail (path != NULL);

  job = g_new0 (WriteJob, 1);
  job->doc = document_new (debrief);
  job->path = g_strdup (path);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_debrief_pdf_write_async);
  g_task_set_name (task, "[interview-kit] debrief PDF");
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

/**
 * ik_debrief_pdf_write_finish:
 *
 * Returns: whether the file was written
 */
gboolean
ik_debrief_pdf_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_debrief_pdf_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
