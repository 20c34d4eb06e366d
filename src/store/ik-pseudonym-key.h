/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pseudonym-key.h: the library's secret for pseudonyms.
 *
 * A pseudonymised export names the candidate "Candidate 7F3A-92C1-…", an
 * HMAC-SHA256 of the candidate id under this secret (ik_export_pseudonym()).
 * A hash of the id alone could be recomputed by anyone for ids such as
 * `CAND-00001`; with the secret, the pseudonym is stable for the owner of
 * the library (every export of one candidate agrees) but cannot be guessed
 * or reversed by a reader of the export.
 *
 * The secret is 32 random bytes from GnuTLS, kept as base64 in
 * `<data-dir>/pseudonym-key` (mode 0600), made on first use with the
 * store's atomic write. A file that exists but cannot be read is never
 * replaced: a new secret would change every pseudonym. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IK_PSEUDONYM_KEY_SIZE 32
#define IK_PSEUDONYM_KEY_FILE "pseudonym-key"

GBytes *ik_pseudonym_key_load_or_create (const char           *data_dir,
                                         GError              **error);
void    ik_pseudonym_key_load_async     (const char           *data_dir,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GBytes *ik_pseudonym_key_load_finish    (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
