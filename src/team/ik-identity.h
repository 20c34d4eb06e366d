/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-identity.h: who this interviewer is to the team, and their signing key.
 *
 * On first use an interviewer gets a stable id (a UUID) and an Ed25519 key
 * pair made with GnuTLS. Both live in `<data-dir>/identity/`: `identity.json`
 * (`{"format":"interview-kit/identity","version":1,"id":…,"public_key":…}`)
 * and `private-key.pem` (mode 0600, folder 0700). A missing or unreadable
 * identity is never silently replaced: ik_identity_load_or_create() creates
 * one only when neither file exists, and otherwise fails with a message.
 *
 * Public keys and signatures travel as standard base64 of the raw 32-byte
 * key and 64-byte signature. The fingerprint a team compares out of band is
 * the first 16 bytes of the SHA-256 of the raw public key, as eight groups of
 * four upper-case hex digits separated by spaces ("3F2A 9C01 …").
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IK_IDENTITY_ERROR (ik_identity_error_quark ())
GQuark ik_identity_error_quark (void);

typedef enum
{
  IK_IDENTITY_ERROR_CORRUPT,   /* an identity file exists but cannot be used */
  IK_IDENTITY_ERROR_CRYPTO,    /* GnuTLS refused (key generation, signing) */
} IkIdentityError;

#define IK_TYPE_IDENTITY (ik_identity_get_type ())
G_DECLARE_FINAL_TYPE (IkIdentity, ik_identity, IK, IDENTITY, GObject)

IkIdentity *ik_identity_load_or_create  (const char   *data_dir,
                                         GError      **error);
const char *ik_identity_get_id          (IkIdentity   *self);
const char *ik_identity_get_public_key  (IkIdentity   *self);
const char *ik_identity_get_fingerprint (IkIdentity   *self);
char       *ik_identity_sign            (IkIdentity   *self,
                                         const char   *data,
                                         gsize         length,
                                         GError      **error);

gboolean    ik_signature_verify         (const char   *public_key,
                                         const char   *data,
                                         gsize         length,
                                         const char   *signature);
char       *ik_key_fingerprint          (const char   *public_key);

G_END_DECLS
