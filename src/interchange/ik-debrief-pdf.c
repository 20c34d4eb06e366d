/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-debrief-pdf.c: the printed debrief.
 *
 * The debrief is read in the calling thread into a document of styled
 * blocks and tables, which ik-pdf-document.c lays out on A4 pages and
 * renders, in a worker thread for the export: a long piece of evidence
 * flows onto the next page, a table row never splits, and a table's header
 * row is repeated at the top of a new page. The PDF holds what the
 * Markdown export holds, and like it no time of export and nothing about
 * who exported it. */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-debrief-pdf.h"
#include "ik-identity.h"
#include "ik-pdf-document.h"
#include "ik-scorecard-export.h"
#include "ik-util.h"

/* Narrower than the scorecard's: room for the columns of the grid. */
#define MARGIN 50.0

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
add_grid (IkPdfDocument *doc,
          IkDebrief     *debrief)
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
  header = ik_pdf_document_add_table_header (doc, n_columns, weights, texts);

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
      ik_pdf_document_take_table_row (doc, header, row, highlight);
    }
}

static void
add_questions (IkPdfDocument *doc,
               IkDebrief     *debrief)
{
  static const double weights[] = { 5, 3, 2 };
  const char *texts[] = { _("Question"), _("Asked by"), _("Overlap") };
  guint header = ik_pdf_document_add_table_header (doc, G_N_ELEMENTS (weights), weights, texts);

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
      ik_pdf_document_take_table_row (doc, header, row, overlap);
      g_string_free (who, TRUE);
    }
}

static IkPdfDocument *
document_new (IkDebrief *debrief)
{
  const char *name = ik_debrief_get_candidate_name (debrief);
  guint n = ik_debrief_get_n_interviewers (debrief);
  g_autofree char *title = g_strdup_printf (_("Debrief: %s"),
                                            !ik_str_is_blank (name) ? name : ik_debrief_get_candidate_id (debrief));
  /* Translators: the footer of a debrief; %s is the candidate id */
  g_autofree char *footer = g_strdup_printf (_("Candidate id %s"), ik_debrief_get_candidate_id (debrief));
  IkPdfDocument *doc = ik_pdf_document_new (title);

  ik_pdf_document_set_margin (doc, MARGIN);
  ik_pdf_document_set_footer (doc, footer);

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_TITLE, title);
  ik_pdf_document_add_field (doc, _("Candidate id"), ik_debrief_get_candidate_id (debrief));
  ik_pdf_document_add_field (doc, _("Role"), ik_debrief_get_role (debrief));

  if (ik_debrief_get_blind (debrief))
    {
      guint colleagues = ik_debrief_get_n_colleagues_submitted (debrief);
      g_autofree char *count = g_strdup_printf (ngettext ("%u colleague has submitted a scorecard for this candidate.",
                                                          "%u colleagues have submitted a scorecard for this candidate.",
                                                          colleagues),
                                                colleagues);

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_WARNING,
                                _("This debrief is blind: colleagues’ ratings and recommendations stay hidden "
                                  "until the interviewer’s own scorecard for this candidate is submitted."));
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, count);
      return doc;
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Ratings"));
  if (ik_debrief_get_n_competencies (debrief) > 0)
    add_grid (doc, debrief);
  else
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No counted scorecard rates any competency."));

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Signatures"));
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
      ik_pdf_document_take_markup (doc, ik_debrief_get_counted (debrief, i) ? IK_PDF_STYLE_BODY : IK_PDF_STYLE_WARNING,
                                   g_markup_printf_escaped ("<b>%s</b>  %s", ik_debrief_get_interviewer_name (debrief, i),
                                                            line->str));
      g_string_free (line, TRUE);
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Competencies nobody assessed"));
  {
    gboolean any = FALSE;

    for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
      if (ik_debrief_get_unassessed (debrief, c))
        {
          g_autofree char *line = g_strdup_printf ("• %s", ik_debrief_get_competency_name (debrief, c));

          ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, line);
          any = TRUE;
        }
    if (!any)
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("Every competency was assessed by at least one interviewer."));
  }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Questions"));
  if (ik_debrief_get_n_questions (debrief) > 0)
    add_questions (doc, debrief);
  else
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No questions were recorded."));

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Recommendations"));
  for (guint r = 0; r < G_N_ELEMENTS (tally_order); r++)
    {
      g_autofree char *count = g_strdup_printf ("%u", ik_debrief_get_tally (debrief, tally_order[r]));

      ik_pdf_document_add_field (doc, ik_export_recommendation_label (tally_order[r]), count);
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Evidence"));
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);
      IkScorecard *card = ik_team_scorecard_get_scorecard (scorecard);
      GPtrArray *asked = ik_team_scorecard_get_questions (scorecard);

      if (!ik_debrief_get_counted (debrief, i))
        continue;
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_SUBHEADING, ik_debrief_get_interviewer_name (debrief, i));
      ik_pdf_document_add_field (doc, _("Recommendation"), ik_export_recommendation_label (ik_scorecard_get_recommendation (card)));
      if (!ik_str_is_blank (ik_scorecard_get_summary (card)))
        ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, ik_scorecard_get_summary (card), TRUE);
      for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
        {
          int rating = ik_debrief_get_rating (debrief, i, c);
          const char *evidence = ik_debrief_get_evidence (debrief, i, c);

          if (evidence == NULL && (rating < 1 || rating > IK_RATING_MAX))
            continue;
          ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY,
                                       g_markup_printf_escaped ("<b>%s: %s</b>", ik_debrief_get_competency_name (debrief, c),
                                                                ik_debrief_rating_text (rating)));
          if (!ik_str_is_blank (evidence))
            ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, evidence, TRUE);
          else
            ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No evidence was recorded."));
        }
      for (guint q = 0; q < asked->len; q++)
        {
          IkTeamQuestion *question = g_ptr_array_index (asked, q);
          g_autofree char *heading = NULL;

          if (ik_str_is_blank (question->notes))
            continue;
          heading = g_strdup_printf (_("Notes on “%s”"), question->text);
          ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, heading);
          ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, question->notes, TRUE);
        }
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Amendment history"));
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

            ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY,
                                         g_markup_printf_escaped ("<b>%s</b>, %s: %s",
                                                                  ik_debrief_get_interviewer_name (debrief, i),
                                                                  when, ik_scorecard_revision_get_reason (revision)));
            any = TRUE;
          }
      }
    if (!any)
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No scorecard was amended."));
  }

  return doc;
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
  g_autoptr(IkPdfDocument) doc = NULL;

  g_return_val_if_fail (IK_IS_DEBRIEF (debrief), NULL);

  doc = document_new (debrief);
  return ik_pdf_document_render (doc, NULL, NULL, NULL, error);
}

/**
 * ik_debrief_pdf_write_async:
 * @debrief: a debrief
 * @path: where to write the PDF
 * @cancellable: (nullable): stops the export; nothing is written then
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
  g_return_if_fail (IK_IS_DEBRIEF (debrief));
  g_return_if_fail (path != NULL);

  ik_pdf_document_write_async (document_new (debrief), path, cancellable, NULL, NULL, NULL, callback, user_data);
}

/**
 * ik_debrief_pdf_write_finish:
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED when the
 *   export was cancelled before anything was written
 */
gboolean
ik_debrief_pdf_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  return ik_pdf_document_write_finish (result, error);
}
