/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-debrief-pdf.h: a candidate's debrief laid out on A4 pages and written
 * as PDF with cairo and Pango, for the hiring meeting. */
#pragma once

#include <gio/gio.h>

#include "ik-debrief.h"

G_BEGIN_DECLS

GBytes  *ik_debrief_pdf_to_bytes     (IkDebrief            *debrief,
                                      GError              **error);
void     ik_debrief_pdf_write_async  (IkDebrief            *debrief,
                                      const char           *path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean ik_debrief_pdf_write_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
