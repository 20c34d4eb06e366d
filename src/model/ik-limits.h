/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-limits.h: every limit of the saved files, in one table.
 *
 * The reader refuses a file past any of these, and a refused file makes a
 * whole bank or interview disappear at the next start. So the writer
 * (ik_document_check_bank/_session, run before every save), the readers,
 * the importers and the editors (which stop input at the limit) all use
 * these names and nothing else. The older names (IK_JSON_MAX_FILE_SIZE,
 * IK_BANK_MAX_ITEMS, ...) are aliases of these.
 *
 * A reader limit may be raised but never lowered: a lower one would refuse
 * files that this version saved.
 */
#pragma once

/* Bytes of one file, for every loader (pass it as the max size of
 * ik_file_store_read) and for ik_json_parse / ik_json_to_data. Large
 * enough that any single item at its own limit fits: a text of
 * IK_LIMIT_TEXT_LENGTH control characters, each escaped as \u001f, takes
 * 6 MiB; 10,000 questions of ~1.5 KB each take 15 MB. Parsing costs about
 * ten times the size in memory, so it is not much larger than needed. */
#define IK_LIMIT_FILE_SIZE (16 * 1024 * 1024)

/* Nesting of arrays and objects; our files need fewer than 10 levels. */
#define IK_LIMIT_DEPTH 32

/* Bytes (UTF-8, after unescaping) of any one string: notes, a question's
 * text, one area, a description, evidence, a summary, a reason, ... */
#define IK_LIMIT_TEXT_LENGTH (1024 * 1024)

/* Entries in one list of a question: areas to cover, follow-ups,
 * competencies, tags. */
#define IK_LIMIT_QUESTION_LIST_LENGTH 1000

/* Questions in a bank, and as many competencies and guidance entries. */
#define IK_LIMIT_BANK_ITEMS 10000

/* Questions planned in one interview. */
#define IK_LIMIT_SESSION_RECORDS 1000

/* Competencies rated in one scorecard. */
#define IK_LIMIT_SCORECARD_RATINGS 1000

/* Amendments (revisions) of one scorecard. */
#define IK_LIMIT_SCORECARD_REVISIONS 1000

/* Minutes planned for one question, and for one interview. */
#define IK_LIMIT_QUESTION_MINUTES 600
#define IK_LIMIT_SESSION_DURATION (24 * 60)

/* Interviewers in one panel (a plan file's interviewer_index is below). */
#define IK_LIMIT_PANEL_SIZE 12

/* Answers about whether two candidate ids are one person
 * (candidate-matches.json): more than anyone gives by hand. */
#define IK_LIMIT_CANDIDATE_MATCHES 10000

/* Years of every date written: always four digits (what GDateTime holds). */
#define IK_LIMIT_YEAR_MIN 1
#define IK_LIMIT_YEAR_MAX 9999

/* Bytes of a guide or Markdown file to import; the bank made from it must
 * still pass every limit above (ik_bank_import_file_contents checks). */
#define IK_LIMIT_IMPORT_SIZE (10 * 1024 * 1024)
