/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-document.h: the check a document passes before it is saved.
 *
 * A bank or interview that is saved but refused at the next start
 * disappears. These run the reader the library's load runs on the exact
 * bytes about to be written, so what they accept loads; what they refuse
 * gets a message for users that names the limit (ik-limits.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ik_document_check_bank    (const char  *data,
                                    gsize        len,
                                    GError     **error);
gboolean ik_document_check_session (const char  *data,
                                    gsize        len,
                                    GError     **error);

G_END_DECLS
