/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pdf-export.c: the printed scorecard.
 *
 * The scorecard is read from the session in the calling thread (the model
 * is not thread-safe) into a document of styled blocks, which
 * ik-pdf-document.c lays out on pages and renders, in a worker thread for
 * the PDF export; the PDF export and the print operation share that
 * layout, so what is printed is what is exported. A note is split into its
 * paragraphs, so that a long one flows from page to page and laying it out
 * stays linear in its length.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-pdf-document.h"
#include "ik-pdf-export.h"
#include "ik-util.h"

/* Text the interviewer typed, with the candidate's name scrubbed as the
 * options ask. */
static void
add_user_text (IkPdfDocument         *doc,
               IkSession             *session,
               const IkExportOptions *options,
               const char            *text)
{
  g_autofree char *scrubbed = ik_export_scrub_text (session, options, text);

  ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, scrubbed, FALSE);
}

static char *
format_time (GDateTime *when)
{
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M %:z") : g_strdup ("");
}

static IkPdfDocument *
document_new (IkSession             *session,
              IkBank                *bank,
              const IkExportOptions *options)
{
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  GListModel *ratings = ik_scorecard_get_ratings (scorecard);
  GListModel *records = ik_session_get_records (session);
  GListModel *revisions = ik_scorecard_get_revisions (scorecard);
  IkSeniority seniority = ik_session_get_seniority (session);
  g_autofree char *candidate = ik_export_candidate_label (session, options);
  g_autofree char *scheduled = format_time (ik_session_get_scheduled (session));
  g_autofree char *submitted = format_time (ik_scorecard_get_submitted (scorecard));
  g_autofree char *title = g_strdup_printf (_("Scorecard: %s"), candidate);
  const char *seal = ik_scorecard_get_seal (scorecard);
  IkPdfDocument *doc = ik_pdf_document_new (title);

  /* As the scorecard has always been printed: a word too long for a line
   * is broken with a hyphen. */
  ik_pdf_document_set_hyphenate (doc, TRUE);
  if (!ik_str_is_blank (ik_session_get_role (session)))
    {
      g_autofree char *running_header = g_strdup_printf ("%s — %s", title, ik_session_get_role (session));

      ik_pdf_document_set_running_header (doc, running_header);
    }
  if (seal != NULL)
    {
      /* Translators: the footer of an exported scorecard */
      g_autofree char *footer = g_strdup_printf (_("Submitted %s · SHA-256 seal %s"), submitted, seal);

      ik_pdf_document_set_footer (doc, footer);
    }
  else
    ik_pdf_document_set_footer (doc, _("Not submitted: this scorecard may still change"));

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_TITLE, title);
  if (ik_scorecard_get_altered (scorecard))
    ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY,
                                 g_markup_printf_escaped ("<b>⚠ %s</b>", ik_export_altered_warning ()));
  ik_pdf_document_add_field (doc, _("Candidate"), candidate);
  ik_pdf_document_add_field (doc, _("Role"), ik_session_get_role (session));
  ik_pdf_document_add_field (doc, _("Seniority"), ik_export_seniority_label (seniority));
  ik_pdf_document_add_field (doc, _("Interviewer"), ik_session_get_interviewer (session));
  ik_pdf_document_add_field (doc, _("Date"), scheduled);
  ik_pdf_document_add_field (doc, _("Question bank"), ik_session_get_bank_title (session));

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Recommendation"));
  ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY,
                               g_markup_printf_escaped ("<b>%s</b>",
                                                        ik_export_recommendation_label (ik_scorecard_get_recommendation (scorecard))));
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Key Takeaways"));
  if (!ik_str_is_blank (ik_scorecard_get_summary (scorecard)))
    add_user_text (doc, session, options, ik_scorecard_get_summary (scorecard));
  else
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No summary was written."));

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Competencies"));
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      const char *id = ik_competency_rating_get_competency_id (rating);
      const char *name = ik_competency_rating_get_competency_name (rating);
      int level = ik_competency_rating_get_rating (rating);
      const char *anchor = ik_export_anchor (bank, id, level, seniority);
      const char * const *sources = ik_competency_rating_get_evidence_questions (rating);
      g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (session, id);

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_SUBHEADING, !ik_str_is_blank (name) ? name : id);
      if (anchor != NULL)
        ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY,
                                     g_markup_printf_escaped ("<b>%s</b> — <i>%s</i>", ik_export_rating_label (level), anchor));
      else
        ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY, g_markup_printf_escaped ("<b>%s</b>", ik_export_rating_label (level)));
      if (!ik_str_is_blank (ik_competency_rating_get_evidence (rating)))
        add_user_text (doc, session, options, ik_competency_rating_get_evidence (rating));
      else
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("No evidence was recorded."));
      for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
        {
          guint position = 0;
          IkQuestionRecord *record = ik_export_find_record (session, sources[s], &position);
          g_autofree char *line = NULL;

          if (record == NULL)
            continue;
          line = g_strdup_printf (_("Evidence from question %u: %s"), position + 1,
                                  ik_question_get_text (ik_question_record_get_question (record)));
          ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, line);
        }
      if (areas->len > 0)
        {
          g_autofree char *joined = NULL;
          g_autofree char *line = NULL;

          /* One bullet per area: a list reads faster than a paragraph. */
          g_ptr_array_add (areas, NULL);
          joined = g_strjoinv ("\n• ", (GStrv) areas->pdata);
          line = g_strdup_printf (_("Areas never probed:\n• %s"), joined);
          ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, line);
        }
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Questions"));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      int level = ik_question_record_get_rating (record);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, ik_question_get_text (question));
      g_autoptr(GPtrArray) marks = ik_export_question_marks (session, options, record);

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_SUBHEADING, heading);
      if (level != IK_RATING_UNRATED)
        {
          g_autofree char *with_rating = g_strdup_printf (_("%s · Rating: %s"),
                                                          (char *) g_ptr_array_index (marks, 0),
                                                          ik_export_rating_label (level));

          ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, with_rating);
        }
      else
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, g_ptr_array_index (marks, 0));
      for (guint m = 1; m < marks->len; m++)
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, g_ptr_array_index (marks, m));
      if (options->include_notes && !ik_str_is_blank (ik_question_record_get_notes (record)))
        add_user_text (doc, session, options, ik_question_record_get_notes (record));
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Seal"));
  if (seal != NULL)
    {
      ik_pdf_document_add_field (doc, _("Submitted"), submitted);
      ik_pdf_document_add_field (doc, _("SHA-256 seal"), seal);
      if (ik_scorecard_get_altered (scorecard))
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, ik_export_altered_label ());
    }
  else
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, _("This scorecard has not been submitted."));
  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, i);
      g_autofree char *when = format_time (ik_scorecard_revision_get_time (revision));
      g_autofree char *reason = ik_export_scrub_text (session, options,
                                                      ik_scorecard_revision_get_reason (revision));
      g_autofree char *line = g_strdup_printf (_("Amended %s: %s (previous seal %s)"), when, reason,
                                               ik_scorecard_revision_get_seal (revision));

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, line);
      if (ik_scorecard_revision_get_altered (revision))
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, ik_export_altered_label ());
    }

  return doc;
}

/**
 * ik_pdf_export_to_bytes:
 * @bank_or_null: (nullable): the bank of the session, for the anchors
 *
 * Renders the scorecard of @session as an A4 PDF document in memory.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error
 */
GBytes *
ik_pdf_export_to_bytes (IkSession             *session,
                        IkBank                *bank_or_null,
                        const IkExportOptions *options,
                        GError               **error)
{
  g_autoptr(IkPdfDocument) doc = NULL;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank_or_null == NULL || IK_IS_BANK (bank_or_null), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  doc = document_new (session, bank_or_null, options);
  return ik_pdf_document_render (doc, NULL, NULL, NULL, error);
}

/**
 * ik_pdf_export_write_async:
 * @bank_or_null: (nullable): the bank of the session, for the anchors
 * @path: where to write the PDF
 * @cancellable: (nullable): stops the export; nothing is written then
 * @progress: (nullable): called in the thread-default main context of the
 *   caller with the fraction done, until the export finishes
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 *
 * Exports the scorecard as a PDF in a worker thread: it is read from
 * @session now, laid out and written in the worker, atomically
 * (ik_export_write_file()): an existing file at @path is either replaced
 * whole or left untouched.
 */
void
ik_pdf_export_write_async (IkSession             *session,
                           IkBank                *bank_or_null,
                           const IkExportOptions *options,
                           const char            *path,
                           GCancellable          *cancellable,
                           IkProgressFunc         progress,
                           gpointer               progress_data,
                           GDestroyNotify         progress_destroy,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_return_if_fail (IK_IS_SESSION (session));
  g_return_if_fail (bank_or_null == NULL || IK_IS_BANK (bank_or_null));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  ik_pdf_document_write_async (document_new (session, bank_or_null, options), path, cancellable,
                               progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * ik_pdf_export_write_finish:
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED when the
 *   export was cancelled before anything was written
 */
gboolean
ik_pdf_export_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  return ik_pdf_document_write_finish (result, error);
}

/**
 * ik_pdf_export_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @bank: (nullable): the bank of the session, for the anchors
 *
 * Shows the print dialog and prints the scorecard with the same layout as
 * the PDF export.
 */
void
ik_pdf_export_print (GtkWindow             *parent,
                     IkSession             *session,
                     IkBank                *bank,
                     const IkExportOptions *options)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (IK_IS_SESSION (session));
  g_return_if_fail (bank == NULL || IK_IS_BANK (bank));
  g_return_if_fail (options != NULL);

  ik_pdf_document_print (document_new (session, bank, options), parent);
}
