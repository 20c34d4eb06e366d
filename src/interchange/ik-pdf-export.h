/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pdf-export.h: a scorecard laid out on pages, written as PDF with cairo
 * and Pango, or sent to a printer with the same drawing code. */
#pragma once

#include <gtk/gtk.h>

#include "ik-progress.h"
#include "ik-scorecard-export.h"

G_BEGIN_DECLS

void     ik_pdf_export_write_async  (IkSession              *session,
                                     IkBank                 *bank_or_null,
                                     const IkExportOptions  *options,
                                     const char             *path,
                                     GCancellable           *cancellable,
                                     IkProgressFunc          progress,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_destroy,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean ik_pdf_export_write_finish (GAsyncResult           *result,
                                     GError                **error);
GBytes  *ik_pdf_export_to_bytes  (IkSession              *session,
                                  IkBank                 *bank_or_null,
                                  const IkExportOptions  *options,
                                  GError                **error);
void     ik_pdf_export_print     (GtkWindow              *parent,
                                  IkSession              *session,
                                  IkBank                 *bank,
                                  const IkExportOptions  *options);

G_END_DECLS
