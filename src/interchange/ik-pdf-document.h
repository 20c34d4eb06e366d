/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pdf-document.h: a printed document of styled blocks of Pango markup
 * and tables, laid out on pages, written as PDF or sent to a printer. */
#pragma once

#include <gtk/gtk.h>

#include "ik-progress.h"

G_BEGIN_DECLS

/**
 * IkPdfStyle:
 * @IK_PDF_STYLE_TITLE: the title, at the top of the first page
 * @IK_PDF_STYLE_HEADING: a section heading; kept with what follows it
 * @IK_PDF_STYLE_SUBHEADING: a heading within a section; kept with what
 *   follows it
 * @IK_PDF_STYLE_BODY: ordinary text
 * @IK_PDF_STYLE_QUOTE: text a person typed, indented with a bar beside it
 * @IK_PDF_STYLE_MUTED: smaller grey text: statuses, what is missing
 * @IK_PDF_STYLE_WARNING: bold text in a warning colour
 *
 * How a text block looks. Both printed documents use the same styles, so
 * that they look alike.
 */
typedef enum
{
  IK_PDF_STYLE_TITLE,
  IK_PDF_STYLE_HEADING,
  IK_PDF_STYLE_SUBHEADING,
  IK_PDF_STYLE_BODY,
  IK_PDF_STYLE_QUOTE,
  IK_PDF_STYLE_MUTED,
  IK_PDF_STYLE_WARNING,
} IkPdfStyle;

typedef struct _IkPdfDocument IkPdfDocument;

IkPdfDocument *ik_pdf_document_new                (const char           *title);
void           ik_pdf_document_free               (IkPdfDocument        *doc);
void           ik_pdf_document_set_running_header (IkPdfDocument        *doc,
                                                   const char           *text);
void           ik_pdf_document_set_footer         (IkPdfDocument        *doc,
                                                   const char           *text);
void           ik_pdf_document_set_margin         (IkPdfDocument        *doc,
                                                   double                margin);
void           ik_pdf_document_set_hyphenate      (IkPdfDocument        *doc,
                                                   gboolean              hyphenate);

void           ik_pdf_document_take_markup        (IkPdfDocument        *doc,
                                                   IkPdfStyle            style,
                                                   char                 *markup);
void           ik_pdf_document_add_text           (IkPdfDocument        *doc,
                                                   IkPdfStyle            style,
                                                   const char           *text);
void           ik_pdf_document_add_field          (IkPdfDocument        *doc,
                                                   const char           *label,
                                                   const char           *value);
void           ik_pdf_document_add_paragraphs     (IkPdfDocument        *doc,
                                                   IkPdfStyle            style,
                                                   const char           *text,
                                                   gboolean              space_between);
guint          ik_pdf_document_add_table_header   (IkPdfDocument        *doc,
                                                   guint                 n_columns,
                                                   const double         *weights,
                                                   const char * const   *texts);
void           ik_pdf_document_take_table_row     (IkPdfDocument        *doc,
                                                   guint                 header,
                                                   GPtrArray            *markups,
                                                   gboolean              highlight);

GBytes        *ik_pdf_document_render             (IkPdfDocument        *doc,
                                                   GCancellable         *cancellable,
                                                   IkProgressFunc        progress,
                                                   gpointer              progress_data,
                                                   GError              **error);
void           ik_pdf_document_write_async        (IkPdfDocument        *doc,
                                                   const char           *path,
                                                   GCancellable         *cancellable,
                                                   IkProgressFunc        progress,
                                                   gpointer              progress_data,
                                                   GDestroyNotify        progress_destroy,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean       ik_pdf_document_write_finish       (GAsyncResult         *result,
                                                   GError              **error);
void           ik_pdf_document_print              (IkPdfDocument        *doc,
                                                   GtkWindow            *parent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkPdfDocument, ik_pdf_document_free)

G_END_DECLS
