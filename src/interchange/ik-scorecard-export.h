/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-export.h: one session's scorecard as HTML, Markdown, CSV or
 * JSON, and the pieces of text every export format (the PDF too) shares.
 *
 * Every string typed by a user (names, notes, evidence, summary, question
 * text, even competency names of an imported bank) is escaped for the target
 * format: an export can be opened in a browser, a Markdown viewer or a
 * spreadsheet without anything in it becoming active.
 */
#pragma once

#include <glib.h>

#include "ik-bank.h"
#include "ik-session.h"

G_BEGIN_DECLS

/**
 * IkExportOptions:
 * @include_notes: write the interviewer's private notes of each question
 * @pseudonymise: leave out everything that identifies the candidate (see
 *   below)
 * @pseudonym_key: (nullable): the library's secret
 *   (ik_pseudonym_key_load_or_create()); needed when @pseudonymise is set
 *
 * What an export of a scorecard leaves out.
 *
 * A pseudonymised export, in every format, names the candidate by a stable
 * pseudonym (ik_export_pseudonym()), and replaces in every text (notes,
 * evidence, summary, reasons, even question text) each part of the
 * candidate's name standing as a word, compared without case or accents,
 * and the candidate id and session id wherever they appear. The JSON
 * export also drops every `candidate_id`, gives the session a pseudonymous
 * `id` (`session_id` in revisions), and replaces the seals by keyed codes:
 * as hashes of the content with the id, they would let a reader confirm a
 * guessed id. What
 * stays: the role, the seniority, the interviewer, the dates, the bank,
 * the ratings: they describe the interview, not who was interviewed, and
 * calibration needs them.
 */
typedef struct
{
  gboolean include_notes;
  gboolean pseudonymise;
  GBytes  *pseudonym_key;
} IkExportOptions;

/**
 * IkExportFormat:
 *
 * The formats a scorecard can be exported to. The nicks are the values of
 * `--format` on the command line.
 */
typedef enum
{
  IK_EXPORT_FORMAT_PDF,
  IK_EXPORT_FORMAT_HTML,
  IK_EXPORT_FORMAT_MARKDOWN,
  IK_EXPORT_FORMAT_CSV,
  IK_EXPORT_FORMAT_JSON,
} IkExportFormat;

#define IK_EXPORT_N_FORMATS (IK_EXPORT_FORMAT_JSON + 1)

gboolean    ik_export_format_from_name      (const char             *name,
                                             IkExportFormat         *format);
const char *ik_export_format_get_name       (IkExportFormat          format);
const char *ik_export_format_get_extension  (IkExportFormat          format);
const char *ik_export_format_get_mime_type  (IkExportFormat          format);

char       *ik_export_pseudonym             (GBytes                 *key,
                                             const char             *candidate_id);
char       *ik_export_candidate_label       (IkSession              *session,
                                             const IkExportOptions  *options);
char       *ik_export_default_filename      (IkSession              *session,
                                             const IkExportOptions  *options,
                                             IkExportFormat          format);
const char *ik_export_rating_label          (int                     rating);
const char *ik_export_altered_warning       (void);
const char *ik_export_altered_label         (void);
const char *ik_export_recommendation_label  (IkRecommendation        recommendation);
const char *ik_export_seniority_label       (IkSeniority             seniority);
const char *ik_export_anchor                (IkBank                 *bank,
                                             const char             *competency_id,
                                             int                     rating,
                                             IkSeniority             seniority);
GPtrArray  *ik_export_uncovered_areas       (IkSession              *session,
                                             const char             *competency_id);
GPtrArray  *ik_export_question_marks        (IkSession              *session,
                                             const IkExportOptions  *options,
                                             IkQuestionRecord       *record);
IkQuestionRecord *ik_export_find_record     (IkSession              *session,
                                             const char             *question_id,
                                             guint                  *position);
char       *ik_export_scrub_text            (IkSession              *session,
                                             const IkExportOptions  *options,
                                             const char             *text);

char       *ik_scorecard_export_html        (IkSession              *session,
                                             IkBank                 *bank,
                                             const IkExportOptions  *options);
char       *ik_scorecard_export_markdown    (IkSession              *session,
                                             IkBank                 *bank,
                                             const IkExportOptions  *options);
char       *ik_scorecard_export_csv         (IkSession              *session,
                                             IkBank                 *bank,
                                             const IkExportOptions  *options);
char       *ik_scorecard_export_json        (IkSession              *session,
                                             const IkExportOptions  *options,
                                             gsize                  *length,
                                             GError                **error);
char       *ik_scorecard_export            (IkSession              *session,
                                             IkBank                 *bank,
                                             const IkExportOptions  *options,
                                             IkExportFormat          format,
                                             gsize                  *length,
                                             GError                **error);

char       *ik_export_show_bidi_controls    (const char             *text);
char       *ik_markdown_escape              (const char             *text);
char       *ik_csv_escape_cell              (const char             *text);

G_END_DECLS
