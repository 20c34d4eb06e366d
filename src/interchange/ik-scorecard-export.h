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
 * @pseudonymise: replace the candidate's name by a stable pseudonym derived
 *   from the candidate id (see ik_export_pseudonym())
 *
 * What an export of a scorecard leaves out.
 */
typedef struct
{
  gboolean include_notes;
  gboolean pseudonymise;
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

char       *ik_export_pseudonym             (const char             *candidate_id);
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
