/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-identity.c: the interviewer's id and Ed25519 key (ik-identity.h).
 *
 * The identity is made in a private temporary folder next to its final
 * place and renamed into place in one step, so that an interrupted first
 * start leaves either no identity or a whole one: a half-made identity
 * would otherwise be indistinguishable from a damaged one, which is never
 * replaced (the team has pinned its key). */
#include "config.h"

#include "ik-identity.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "ik-file-store.h"
#include "ik-gnutls.h"
#include "ik-json.h"

#define IDENTITY_FORMAT "interview-kit/identity"
#define IDENTITY_VERSION 1
#define IDENTITY_DIR "identity"
#define IDENTITY_FILE "identity.json"
#define KEY_FILE "private-key.pem"
#define TEMP_PREFIX ".identity-"
/* Both files are tiny; anything larger is not ours. */
#define MAX_IDENTITY_FILE_SIZE (64 * 1024)
/* A temporary identity folder older than this is left over from a crash. */
#define TEMP_STALE_SECONDS (5 * 60)

#define ED25519_KEY_SIZE 32
#define ED25519_SIGNATURE_SIZE 64

struct _IkIdentity
{
  GObject           parent_instance;

  char             *id;
  char             *public_key;
  char             *fingerprint;
  gnutls_privkey_t  key;
  GMutex            lock;   /* around the key: signing may run in workers */
};

G_DEFINE_FINAL_TYPE (IkIdentity, ik_identity, G_TYPE_OBJECT)

G_DEFINE_QUARK (ik-identity-error-quark, ik_identity_error)

static void
ik_identity_finalize (GObject *object)
{
  IkIdentity *self = IK_IDENTITY (object);

  g_free (self->id);
  g_free (self->public_key);
  g_free (self->fingerprint);
  /* A key comes from GnuTLS, which is then loaded. */
  if (self->key != NULL)
    ik_gnutls_get (NULL)->privkey_deinit (self->key);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ik_identity_parent_class)->finalize (object);
}

static void
ik_identity_class_init (IkIdentityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_identity_finalize;
}

static void
ik_identity_init (IkIdentity *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
set_crypto_error (GError     **error,
                  const char  *what,
                  int          ret)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);

  g_set_error (error, IK_IDENTITY_ERROR, IK_IDENTITY_ERROR_CRYPTO,
               /* Translators: the first %s says what failed, the second is
                * GnuTLS's reason */
               _("%s (%s)"), what, tls->describe_error (ret));
  return FALSE;
}

/* Standard base64 of exactly @size bytes, and nothing else: no white
 * space, no missing or extra padding, no stray bits in the last letter.
 * g_base64_decode() skips what it does not understand, so it cannot be
 * trusted with a hostile string on its own. */
static guchar *
decode_exact (const char *text,
              gsize       size)
{
  g_autofree guchar *bytes = NULL;
  g_autofree char *again = NULL;
  gsize expected_length = (size + 2) / 3 * 4;
  gsize len;

  if (text == NULL || strlen (text) != expected_length)
    return NULL;
  for (gsize i = 0; i < expected_length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' && text[i] != '=')
      return NULL;

  bytes = g_base64_decode (text, &len);
  if (bytes == NULL || len != size)
    return NULL;
  again = g_base64_encode (bytes, len);
  if (strcmp (again, text) != 0)
    return NULL;
  return g_steal_pointer (&bytes);
}

/**
 * ik_key_fingerprint:
 * @public_key: a public key (base64 of the raw 32 bytes)
 *
 * The fingerprint a team compares out of band: the first 16 bytes of the
 * SHA-256 of the raw key, as eight groups of four upper-case hex digits.
 *
 * Returns: (transfer full) (nullable): the fingerprint, or %NULL if
 *   @public_key is not a key
 */
char *
ik_key_fingerprint (const char *public_key)
{
  g_autofree guchar *raw = decode_exact (public_key, ED25519_KEY_SIZE);
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out;

  if (raw == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, raw, ED25519_KEY_SIZE);
  g_checksum_get_digest (checksum, digest, &digest_len);

  out = g_string_sized_new (40);
  for (guint i = 0; i < 16; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%02X%02X", digest[i], digest[i + 1]);
    }
  return g_string_free (out, FALSE);
}

/**
 * ik_signature_verify:
 * @public_key: (nullable): the signer's public key (base64, raw 32 bytes)
 * @data: the signed bytes
 * @length: their length
 * @signature: (nullable): the signature (base64, raw 64 bytes)
 *
 * Checks an Ed25519 signature. Anything malformed (base64, key or
 * signature) is simply not a valid signature.
 *
 * Returns: %TRUE when @signature is @public_key's signature of @data
 */
gboolean
ik_signature_verify (const char *public_key,
                     const char *data,
                     gsize       length,
                     const char *signature)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  g_autofree guchar *raw_key = NULL;
  g_autofree guchar *raw_signature = NULL;
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t x, message, sig;
  int ret;

  if (tls == NULL)
    return FALSE;
  if (data == NULL && length > 0)
    return FALSE;
  if (length > G_MAXUINT)
    return FALSE;

  raw_key = decode_exact (public_key, ED25519_KEY_SIZE);
  raw_signature = decode_exact (signature, ED25519_SIGNATURE_SIZE);
  if (raw_key == NULL || raw_signature == NULL)
    return FALSE;

  if (tls->pubkey_init (&pub) < 0)
    return FALSE;

  x.data = raw_key;
  x.size = ED25519_KEY_SIZE;
  message.data = (unsigned char *) (data != NULL ? data : "");
  message.size = (unsigned int) length;
  sig.data = raw_signature;
  sig.size = ED25519_SIGNATURE_SIZE;

  ret = tls->pubkey_import_ecc_raw (pub, GNUTLS_ECC_CURVE_ED25519, &x, NULL);
  if (ret >= 0)
    ret = tls->pubkey_verify_data2 (pub, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &sig);
  tls->pubkey_deinit (pub);

  return ret >= 0;
}

/* The base64 public key of an Ed25519 private key, or NULL. */
static char *
public_key_of (gnutls_privkey_t key)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  gnutls_pubkey_t pub = NULL;
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
  gnutls_datum_t x = { NULL, 0 };
  char *result = NULL;

  if (tls->pubkey_init (&pub) < 0)
    return NULL;
  if (tls->pubkey_import_privkey (pub, key, 0, 0) >= 0 &&
      tls->pubkey_export_ecc_raw2 (pub, &curve, &x, NULL, 0) >= 0 &&
      curve == GNUTLS_ECC_CURVE_ED25519 && x.size == ED25519_KEY_SIZE)
    result = g_base64_encode (x.data, x.size);
  tls->free_data (x.data);
  tls->pubkey_deinit (pub);
  return result;
}

static IkIdentity *
corrupt (GError     **error,
         const char  *path,
         const char  *reason)
{
  g_set_error (error, IK_IDENTITY_ERROR, IK_IDENTITY_ERROR_CORRUPT,
               /* Translators: %s are a file and the reason it is unusable */
               _("Your team identity in “%s” cannot be used: %s. It was left as it is; "
                 "restore it from a backup, or move the folder away to start with a new "
                 "identity (your team will then see a new key)."),
               path, reason);
  return NULL;
}

static IkIdentity *
load (const char  *dir,
      GError     **error)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  g_autofree char *json_path = g_build_filename (dir, IDENTITY_FILE, NULL);
  g_autofree char *key_path = g_build_filename (dir, KEY_FILE, NULL);
  g_autoptr(IkIdentity) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *format = NULL;
  g_autofree char *derived = NULL;
  gnutls_datum_t pem;
  JsonObject *o;
  gint64 version = 0;
  gsize len = 0;
  int ret;

  if (!ik_file_store_read (json_path, MAX_IDENTITY_FILE_SIZE, &data, &len, &local_error))
    return corrupt (error, json_path, local_error->message);
  root = ik_json_parse (data, len, NULL, NULL, &local_error);
  if (root == NULL)
    return corrupt (error, json_path, local_error->message);
  o = json_node_get_object (root);

  self = g_object_new (IK_TYPE_IDENTITY, NULL);
  if (!ik_json_get_string (o, "format", TRUE, &format, &local_error) ||
      !ik_json_get_int (o, "version", TRUE, 1, G_MAXINT, &version, &local_error) ||
      !ik_json_get_id (o, "id", TRUE, &self->id, &local_error) ||
      !ik_json_get_string (o, "public_key", TRUE, &self->public_key, &local_error))
    return corrupt (error, json_path, local_error->message);
  if (g_strcmp0 (format, IDENTITY_FORMAT) != 0)
    return corrupt (error, json_path, _("it is not an identity file"));
  if (version > IDENTITY_VERSION)
    return corrupt (error, json_path, _("it was written by a newer version of Interview Kit"));

  g_clear_pointer (&data, g_free);
  if (!ik_file_store_read (key_path, MAX_IDENTITY_FILE_SIZE, &data, &len, &local_error))
    return corrupt (error, key_path, local_error->message);

  ret = tls->privkey_init (&self->key);
  if (ret < 0)
    {
      set_crypto_error (error, _("Could not prepare the signing key"), ret);
      return NULL;
    }
  pem.data = (unsigned char *) data;
  pem.size = (unsigned int) len;
  ret = tls->privkey_import_x509_raw (self->key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0);
  tls->wipe (data, 0, len);
  if (ret < 0)
    return corrupt (error, key_path, tls->describe_error (ret));
  if (tls->privkey_get_pk_algorithm (self->key, NULL) != GNUTLS_PK_EDDSA_ED25519)
    return corrupt (error, key_path, _("it is not an Ed25519 key"));

  derived = public_key_of (self->key);
  if (derived == NULL || strcmp (derived, self->public_key) != 0)
    return corrupt (error, json_path, _("the public key does not belong to the private key"));

  self->fingerprint = ik_key_fingerprint (self->public_key);
  g_assert (self->fingerprint != NULL);

  /* Permissions widened by hand or by a copy are narrowed again. */
  ik_file_store_repair_mode (key_path);
  ik_file_store_repair_mode (dir);

  return g_steal_pointer (&self);
}

static void
remove_temp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        g_unlink (child);
      }
  g_rmdir (path);
}

/* Temporary identities of interrupted first starts hold a private key
 * nobody uses: remove them once no start can still be making them. */
static void
remove_stale_temp_dirs (const char *data_dir)
{
  g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!g_str_has_prefix (name, TEMP_PREFIX))
        continue;
      path = g_build_filename (data_dir, name, NULL);
      if (lstat (path, &st) == 0 && S_ISDIR (st.st_mode) &&
          st.st_mtime < now - TEMP_STALE_SECONDS)
        remove_temp_dir (path);
    }
}

static gboolean
make_key_pem (gnutls_datum_t  *pem,
              GError         **error)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  gnutls_privkey_t key = NULL;
  gnutls_x509_privkey_t x509 = NULL;
  int ret;

  ret = tls->privkey_init (&key);
  if (ret >= 0)
    ret = tls->privkey_generate2 (key, GNUTLS_PK_EDDSA_ED25519, 256, 0, NULL, 0);
  if (ret >= 0)
    ret = tls->privkey_export_x509 (key, &x509);
  if (ret >= 0)
    ret = tls->x509_privkey_export2_pkcs8 (x509, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, pem);
  if (x509 != NULL)
    tls->x509_privkey_deinit (x509);
  if (key != NULL)
    tls->privkey_deinit (key);
  if (ret < 0)
    return set_crypto_error (error, _("Could not make a signing key"), ret);
  return TRUE;
}

static gboolean
write_new_identity (const char  *tmp_dir,
                    GError     **error)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  g_autofree char *json_path = g_build_filename (tmp_dir, IDENTITY_FILE, NULL);
  g_autofree char *key_path = g_build_filename (tmp_dir, KEY_FILE, NULL);
  g_autofree char *id = ik_uuid_new ();
  g_autofree char *public_key = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  gnutls_privkey_t key = NULL;
  gnutls_datum_t pem = { NULL, 0 };
  gsize len = 0;
  gboolean ok;
  int ret;

  if (!make_key_pem (&pem, error))
    return FALSE;

  /* Read back the way every later start reads it. */
  ret = tls->privkey_init (&key);
  if (ret >= 0)
    ret = tls->privkey_import_x509_raw (key, &pem, GNUTLS_X509_FMT_PEM, NULL, 0);
  if (ret >= 0)
    public_key = public_key_of (key);
  if (key != NULL)
    tls->privkey_deinit (key);
  if (ret < 0 || public_key == NULL)
    {
      tls->wipe (pem.data, 0, pem.size);
      tls->free_data (pem.data);
      return set_crypto_error (error, _("Could not read back the new signing key"),
                               ret < 0 ? ret : GNUTLS_E_INVALID_REQUEST);
    }

  ok = ik_file_store_write (key_path, (const char *) pem.data, pem.size, error);
  tls->wipe (pem.data, 0, pem.size);
  tls->free_data (pem.data);
  if (!ok)
    return FALSE;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, IDENTITY_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, IDENTITY_VERSION);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, public_key);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  data = ik_json_to_data (root, &len, error);
  if (data == NULL)
    return FALSE;
  return ik_file_store_write (json_path, data, len, error);
}

static gboolean
create (const char  *data_dir,
        const char  *dir,
        GError     **error)
{
  g_autofree char *tmp_dir = g_build_filename (data_dir, TEMP_PREFIX "XXXXXX", NULL);
  int saved_errno;

  remove_stale_temp_dirs (data_dir);

  if (g_mkdtemp_full (tmp_dir, 0700) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create your team identity in “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_new_identity (tmp_dir, error))
    {
      remove_temp_dir (tmp_dir);
      return FALSE;
    }

  /* One step: a folder in place of an empty (or missing) one. A folder
   * another start made in the meantime is not replaced (ENOTEMPTY). */
  if (g_rename (tmp_dir, dir) != 0)
    {
      saved_errno = errno;
      remove_temp_dir (tmp_dir);
      if (saved_errno == ENOTEMPTY || saved_errno == EEXIST)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create your team identity in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exists (const char *path)
{
  struct stat st;

  return lstat (path, &st) == 0 || errno != ENOENT;
}

/**
 * ik_identity_load_or_create:
 * @data_dir: the user's data folder for Interview Kit
 * @error: return location for an %IK_IDENTITY_ERROR or #GIOErrorEnum error
 *
 * Reads the identity in `@data_dir/identity/`, or makes one when there is
 * none at all (a new id and key pair). An identity that is there but
 * damaged or incomplete is never replaced: the call fails with
 * %IK_IDENTITY_ERROR_CORRUPT and a message that says what to do, and the
 * files are left as they are.
 *
 * Returns: (transfer full) (nullable): the identity, or %NULL with @error
 */
IkIdentity *
ik_identity_load_or_create (const char  *data_dir,
                            GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *key_path = NULL;
  struct stat st;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The functions below take GnuTLS as loaded from here on. */
  if (ik_gnutls_get (error) == NULL)
    return NULL;

  dir = g_build_filename (data_dir, IDENTITY_DIR, NULL);
  json_path = g_build_filename (dir, IDENTITY_FILE, NULL);
  key_path = g_build_filename (dir, KEY_FILE, NULL);

  if (lstat (dir, &st) == 0)
    {
      if (!S_ISDIR (st.st_mode))
        return corrupt (error, dir, _("it is not a folder"));
      if (exists (json_path) || exists (key_path))
        return load (dir, error);
    }
  else if (errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read your team identity in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create your team identity in “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return NULL;
    }
  if (!create (data_dir, dir, error))
    return NULL;
  g_debug ("Team identity ready in %s", dir);
  return load (dir, error);
}

/**
 * ik_identity_get_id:
 *
 * Returns: the interviewer's stable id
 */
const char *
ik_identity_get_id (IkIdentity *self)
{
  g_return_val_if_fail (IK_IS_IDENTITY (self), NULL);
  return self->id;
}

/**
 * ik_identity_get_public_key:
 *
 * Returns: the public key, base64 of the raw 32 bytes
 */
const char *
ik_identity_get_public_key (IkIdentity *self)
{
  g_return_val_if_fail (IK_IS_IDENTITY (self), NULL);
  return self->public_key;
}

/**
 * ik_identity_get_fingerprint:
 *
 * Returns: the key's fingerprint ("3F2A 9C01 …"), see ik_key_fingerprint()
 */
const char *
ik_identity_get_fingerprint (IkIdentity *self)
{
  g_return_val_if_fail (IK_IS_IDENTITY (self), NULL);
  return self->fingerprint;
}

/**
 * ik_identity_sign:
 * @self: an identity
 * @data: the bytes to sign
 * @length: their length
 * @error: return location for an %IK_IDENTITY_ERROR_CRYPTO error
 *
 * Signs @data with the private key (Ed25519). Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the signature, base64 of 64 bytes
 */
char *
ik_identity_sign (IkIdentity  *self,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  gnutls_datum_t message;
  gnutls_datum_t signature = { NULL, 0 };
  char *result;
  int ret;

  g_return_val_if_fail (IK_IS_IDENTITY (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > G_MAXUINT)
    {
      set_crypto_error (error, _("Could not sign"), GNUTLS_E_INVALID_REQUEST);
      return NULL;
    }

  message.data = (unsigned char *) (data != NULL ? data : "");
  message.size = (unsigned int) length;
  g_mutex_lock (&self->lock);
  ret = tls->privkey_sign_data2 (self->key, GNUTLS_SIGN_EDDSA_ED25519, 0, &message, &signature);
  g_mutex_unlock (&self->lock);
  if (ret < 0)
    {
      set_crypto_error (error, _("Could not sign"), ret);
      return NULL;
    }
  if (signature.size != ED25519_SIGNATURE_SIZE)
    {
      tls->free_data (signature.data);
      set_crypto_error (error, _("Could not sign"), GNUTLS_E_INTERNAL_ERROR);
      return NULL;
    }
  result = g_base64_encode (signature.data, signature.size);
  tls->free_data (signature.data);
  return result;
}
