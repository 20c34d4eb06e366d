/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-guide-import.h: reading plain-text interview guides into a bank. */
#pragma once

#include <glib.h>

#include "ik-bank.h"
#include "ik-progress.h"

G_BEGIN_DECLS

/* Guides larger than this are refused before they are looked at. */
#define IK_GUIDE_IMPORT_MAX_SIZE IK_LIMIT_IMPORT_SIZE

/* The time a question imported from a guide is planned for. */
#define IK_GUIDE_IMPORT_DEFAULT_MINUTES 12

#define IK_IMPORT_ERROR (ik_import_error_quark ())
GQuark ik_import_error_quark (void);

/**
 * IkImportError:
 * @IK_IMPORT_ERROR_TOO_LARGE: the data is larger than the importer accepts
 * @IK_IMPORT_ERROR_NOT_UTF8: the text is not UTF-8 (Latin-1, UTF-16, …)
 * @IK_IMPORT_ERROR_BINARY: the data holds NUL bytes or mostly control
 *   characters, so it is not text at all
 * @IK_IMPORT_ERROR_NO_QUESTIONS: no question with an “Areas to Cover”
 *   section was found
 * @IK_IMPORT_ERROR_FORMAT: the data claims a format (an Interview Kit
 *   Markdown export) but does not follow it
 *
 * Errors of the importers in ik-guide-import.h and ik-bank-export.h. Their
 * messages are translated and name the line where reading stopped when
 * there is one.
 */
typedef enum
{
  IK_IMPORT_ERROR_TOO_LARGE,
  IK_IMPORT_ERROR_NOT_UTF8,
  IK_IMPORT_ERROR_BINARY,
  IK_IMPORT_ERROR_NO_QUESTIONS,
  IK_IMPORT_ERROR_FORMAT,
} IkImportError;

/**
 * IkImportWarningKind:
 * @IK_IMPORT_WARNING_OTHER: anything not listed below
 * @IK_IMPORT_WARNING_INCOMPLETE: a question with no section, a section
 *   header with no item, or a frequently asked question with no answer
 * @IK_IMPORT_WARNING_NO_FOLLOW_UPS: a question with “Areas to Cover” but no
 *   “Follow-Up Questions” section
 * @IK_IMPORT_WARNING_ENDS_IN_QUESTION: the guide ends inside a question,
 *   in its “Areas to Cover” list, with no section after it
 * @IK_IMPORT_WARNING_CUT_OFF: the last line ends without final punctuation,
 *   in the middle of a word or sentence
 * @IK_IMPORT_WARNING_CLOSING_LINE: a closing line (a sign-up pitch) was
 *   left out
 *
 * What an #IkImportWarning is about, for callers and tests that need more
 * than the message.
 */
typedef enum
{
  IK_IMPORT_WARNING_OTHER,
  IK_IMPORT_WARNING_INCOMPLETE,
  IK_IMPORT_WARNING_NO_FOLLOW_UPS,
  IK_IMPORT_WARNING_ENDS_IN_QUESTION,
  IK_IMPORT_WARNING_CUT_OFF,
  IK_IMPORT_WARNING_CLOSING_LINE,
} IkImportWarningKind;

/**
 * IkImportWarning:
 * @line: the 1-based line of the input the warning is about
 * @message: a translated sentence describing what was odd; it does not
 *   repeat the line number, so a caller can show it as “Line 12: …”
 * @kind: what the warning is about; %IK_IMPORT_WARNING_OTHER from
 *   ik_import_warning_new()
 *
 * Something an importer read past: the bank was still built, but parts of
 * the input may be missing or were left out.
 */
typedef struct
{
  guint                line;
  char                *message;
  IkImportWarningKind  kind;
} IkImportWarning;

IkImportWarning *ik_import_warning_new  (guint            line,
                                         const char      *message);
void             ik_import_warning_free (IkImportWarning *warning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkImportWarning, ik_import_warning_free)

IkBank          *ik_guide_import        (const char      *text,
                                         gsize            length,
                                         const char      *fallback_title,
                                         GPtrArray      **warnings,
                                         GError         **error);
IkBank          *ik_guide_import_full   (const char      *text,
                                         gsize            length,
                                         const char      *fallback_title,
                                         GCancellable    *cancellable,
                                         IkProgressFunc   progress,
                                         gpointer         progress_data,
                                         GPtrArray      **warnings,
                                         GError         **error);

G_END_DECLS
