/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The interviewer's identity: made once, read back identically, never
 * replaced when damaged; Ed25519 signatures that verify, and that do not
 * once anything is changed. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ik-identity.h"
#include "ik-test-util.h"

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static gboolean
is_fingerprint (const char *text)
{
  return g_regex_match_simple ("^([0-9A-F]{4} ){7}[0-9A-F]{4}$", text, 0, 0);
}

static void
test_create_and_reload (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *data_dir = g_build_filename (dir, "not-yet", "interview-kit", NULL);
  g_autofree char *identity_dir = g_build_filename (data_dir, "identity", NULL);
  g_autofree char *key_path = g_build_filename (identity_dir, "private-key.pem", NULL);
  g_autofree char *json_path = g_build_filename (identity_dir, "identity.json", NULL);
  g_autofree char *key_before = NULL;
  g_autofree char *json_before = NULL;
  g_autofree char *key_after = NULL;
  g_autofree char *json_after = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkIdentity) again = NULL;
  g_autoptr(IkIdentity) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);

  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  g_assert_true (g_uuid_string_is_valid (ik_identity_get_id (identity)));
  g_assert_cmpuint (strlen (ik_identity_get_public_key (identity)), ==, 44);
  g_assert_true (is_fingerprint (ik_identity_get_fingerprint (identity)));
  fingerprint = ik_key_fingerprint (ik_identity_get_public_key (identity));
  g_assert_cmpstr (fingerprint, ==, ik_identity_get_fingerprint (identity));

  /* Private: the key 0600, its folder 0700, and nothing left of the
   * temporary folder it was made in. */
  g_assert_cmpint (ik_test_file_mode (key_path), ==, 0600);
  g_assert_cmpint (ik_test_file_mode (identity_dir), ==, 0700);
  g_assert_cmpuint (ik_test_count_entries (data_dir), ==, 1);
  g_assert_cmpuint (ik_test_count_entries (identity_dir), ==, 2);
  key_before = read_file (key_path, NULL);
  json_before = read_file (json_path, NULL);
  g_assert_true (g_str_has_prefix (key_before, "-----BEGIN PRIVATE KEY-----"));
  g_assert_nonnull (strstr (json_before, ik_identity_get_id (identity)));

  /* The same identity at every later start, files untouched. */
  again = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_identity_get_id (again), ==, ik_identity_get_id (identity));
  g_assert_cmpstr (ik_identity_get_public_key (again), ==, ik_identity_get_public_key (identity));
  g_assert_cmpstr (ik_identity_get_fingerprint (again), ==, ik_identity_get_fingerprint (identity));
  key_after = read_file (key_path, NULL);
  json_after = read_file (json_path, NULL);
  g_assert_cmpstr (key_after, ==, key_before);
  g_assert_cmpstr (json_after, ==, json_before);

  /* A key made public by mistake is made private again. */
  g_assert_cmpint (g_chmod (key_path, 0644), ==, 0);
  g_clear_object (&again);
  again = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ik_test_file_mode (key_path), ==, 0600);

  /* Another data folder, another interviewer. */
  other = ik_identity_load_or_create (other_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_identity_get_id (other), !=, ik_identity_get_id (identity));
  g_assert_cmpstr (ik_identity_get_public_key (other), !=, ik_identity_get_public_key (identity));

  ik_test_rm_rf (dir);
}

/* A damaged identity: the call fails with CORRUPT, says where, and every
 * file is left byte for byte. */
static void
assert_refused (const char *data_dir)
{
  g_autofree char *identity_dir = g_build_filename (data_dir, "identity", NULL);
  g_autofree char *key_path = g_build_filename (identity_dir, "private-key.pem", NULL);
  g_autofree char *json_path = g_build_filename (identity_dir, "identity.json", NULL);
  g_autofree char *key_before = NULL;
  g_autofree char *json_before = NULL;
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  gsize key_len = 0, json_len = 0;
  gboolean key_exists = g_file_test (key_path, G_FILE_TEST_EXISTS);
  gboolean json_exists = g_file_test (json_path, G_FILE_TEST_EXISTS);
  guint entries = ik_test_count_entries (data_dir);

  if (key_exists && g_file_test (key_path, G_FILE_TEST_IS_REGULAR))
    key_before = read_file (key_path, &key_len);
  if (json_exists && g_file_test (json_path, G_FILE_TEST_IS_REGULAR))
    json_before = read_file (json_path, &json_len);

  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_null (identity);
  g_assert_error (error, IK_IDENTITY_ERROR, IK_IDENTITY_ERROR_CORRUPT);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, data_dir));

  g_assert_cmpint (g_file_test (key_path, G_FILE_TEST_EXISTS), ==, key_exists);
  g_assert_cmpint (g_file_test (json_path, G_FILE_TEST_EXISTS), ==, json_exists);
  g_assert_cmpuint (ik_test_count_entries (data_dir), ==, entries);
  if (key_before != NULL)
    {
      gsize len = 0;
      g_autofree char *after = read_file (key_path, &len);

      g_assert_cmpmem (after, len, key_before, key_len);
    }
  if (json_before != NULL)
    {
      gsize len = 0;
      g_autofree char *after = read_file (json_path, &len);

      g_assert_cmpmem (after, len, json_before, json_len);
    }
}

typedef void (*Damage) (const char *identity_dir,
                        const char *spare_dir);

static void
damage_json_garbage (const char *identity_dir,
                     const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "identity.json", NULL);

  write_file (path, "{\"format\":\"interview-kit/identity\",", -1);
}

static void
damage_json_empty (const char *identity_dir,
                   const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "identity.json", NULL);

  write_file (path, "", 0);
}

static void
damage_json_missing (const char *identity_dir,
                     const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "identity.json", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
damage_key_missing (const char *identity_dir,
                    const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "private-key.pem", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
damage_key_truncated (const char *identity_dir,
                      const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "private-key.pem", NULL);
  gsize len = 0;
  g_autofree char *data = read_file (path, &len);

  write_file (path, data, len / 2);
}

static void
damage_key_other (const char *identity_dir,
                  const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "private-key.pem", NULL);
  g_autofree char *spare = g_build_filename (spare_dir, "identity", "private-key.pem", NULL);
  gsize len = 0;
  g_autofree char *data = read_file (spare, &len);

  /* Someone else's key: it does not match the public key on record. */
  write_file (path, data, len);
}

static void
damage_key_symlink (const char *identity_dir,
                    const char *spare_dir)
{
  g_autofree char *path = g_build_filename (identity_dir, "private-key.pem", NULL);
  g_autofree char *spare = g_build_filename (spare_dir, "identity", "private-key.pem", NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (symlink (spare, path), ==, 0);
}

static void
damage_dir_is_file (const char *identity_dir,
                    const char *spare_dir)
{
  ik_test_rm_rf (identity_dir);
  write_file (identity_dir, "not a folder", -1);
}

static void
test_corrupt_refused (void)
{
  static const struct
  {
    const char *what;
    Damage      damage;
  } cases[] = {
    { "identity.json cut short", damage_json_garbage },
    { "identity.json empty", damage_json_empty },
    { "identity.json missing", damage_json_missing },
    { "private key missing", damage_key_missing },
    { "private key cut short", damage_key_truncated },
    { "another interviewer's private key", damage_key_other },
    { "private key is a symbolic link", damage_key_symlink },
    { "identity is a file", damage_dir_is_file },
  };
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *spare_dir = g_build_filename (dir, "spare", NULL);
  g_autoptr(IkIdentity) spare = NULL;
  g_autoptr(GError) error = NULL;

  spare = ik_identity_load_or_create (spare_dir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u", i);
      g_autofree char *data_dir = g_build_filename (dir, name, NULL);
      g_autofree char *identity_dir = g_build_filename (data_dir, "identity", NULL);
      g_autoptr(IkIdentity) identity = NULL;

      g_test_message ("%s", cases[i].what);
      identity = ik_identity_load_or_create (data_dir, &error);
      g_assert_no_error (error);
      g_clear_object (&identity);

      cases[i].damage (identity_dir, spare_dir);
      assert_refused (data_dir);
      /* And again: a refusal does not "repair" anything. */
      assert_refused (data_dir);
    }

  ik_test_rm_rf (dir);
}

static void
test_sign_verify (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *other_dir = g_build_filename (dir, "other", NULL);
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkIdentity) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *again = NULL;
  g_autofree char *empty_signature = NULL;
  g_autofree char *tampered = NULL;
  const char *key;
  char data[] = "{\"candidate_id\":\"cand-1\",\"rating\":3}";
  gsize len = strlen (data);

  identity = ik_identity_load_or_create (dir, &error);
  g_assert_no_error (error);
  other = ik_identity_load_or_create (other_dir, &error);
  g_assert_no_error (error);
  key = ik_identity_get_public_key (identity);

  signature = ik_identity_sign (identity, data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (signature), ==, 88);
  g_assert_true (ik_signature_verify (key, data, len, signature));
  /* Ed25519 is deterministic. */
  again = ik_identity_sign (identity, data, len, &error);
  g_assert_cmpstr (again, ==, signature);

  empty_signature = ik_identity_sign (identity, "", 0, &error);
  g_assert_no_error (error);
  g_assert_true (ik_signature_verify (key, "", 0, empty_signature));
  g_assert_false (ik_signature_verify (key, data, len, empty_signature));

  /* Every byte of the data counts. */
  for (gsize i = 0; i < len; i++)
    {
      data[i] ^= 0x01;
      g_assert_false (ik_signature_verify (key, data, len, signature));
      data[i] ^= 0x01;
    }
  g_assert_false (ik_signature_verify (key, data, len - 1, signature));
  g_assert_true (ik_signature_verify (key, data, len, signature));

  /* Another key, another signature. */
  g_assert_false (ik_signature_verify (ik_identity_get_public_key (other), data, len, signature));

  /* A changed signature. */
  tampered = g_strdup (signature);
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  g_assert_false (ik_signature_verify (key, data, len, tampered));

  ik_test_rm_rf (dir);
}

/* RFC 8032, section 7.1, tests 1 and 2: what any other Ed25519
 * implementation produces verifies here. */
static char *
hex_to_base64 (const char *hex)
{
  gsize n = strlen (hex) / 2;
  g_autofree guchar *bytes = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    bytes[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_base64_encode (bytes, n);
}

static void
test_rfc8032 (void)
{
  g_autofree char *key1 = hex_to_base64 ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  g_autofree char *sig1 = hex_to_base64 ("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  g_autofree char *key2 = hex_to_base64 ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  g_autofree char *sig2 = hex_to_base64 ("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

  g_assert_true (ik_signature_verify (key1, "", 0, sig1));
  g_assert_true (ik_signature_verify (key2, "\x72", 1, sig2));
  g_assert_false (ik_signature_verify (key1, "\x72", 1, sig2));
  g_assert_false (ik_signature_verify (key2, "", 0, sig1));
}

static void
test_verify_malformed (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *zero_key = NULL;
  g_autofree char *ff_key = NULL;
  g_autofree char *short_key = NULL;
  g_autofree char *long_signature = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *unpadded = NULL;
  g_autofree char *noncanonical = NULL;
  guchar zeros[64] = { 0 };
  guchar ffs[64];
  const char *key;
  const char *data = "payload";

  identity = ik_identity_load_or_create (dir, &error);
  g_assert_no_error (error);
  key = ik_identity_get_public_key (identity);
  signature = ik_identity_sign (identity, data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_true (ik_signature_verify (key, data, strlen (data), signature));

  memset (ffs, 0xff, sizeof ffs);
  zero_key = g_base64_encode (zeros, 32);
  ff_key = g_base64_encode (ffs, 32);
  short_key = g_base64_encode (zeros, 31);
  long_signature = g_base64_encode (zeros, 65);
  spaced = g_strdup_printf (" %s", key);
  unpadded = g_strndup (key, 43);
  /* The last letter of 32 bytes in base64 carries 2 unused bits. */
  noncanonical = g_strdup (key);
  {
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int value = (int) (strchr (alphabet, noncanonical[42]) - alphabet);

    noncanonical[42] = alphabet[value ^ 1];
  }

  g_assert_false (ik_signature_verify (NULL, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (key, data, strlen (data), NULL));
  g_assert_false (ik_signature_verify ("", data, strlen (data), signature));
  g_assert_false (ik_signature_verify (key, data, strlen (data), ""));
  g_assert_false (ik_signature_verify ("not base64 at all!", data, strlen (data), signature));
  g_assert_false (ik_signature_verify (key, data, strlen (data), "%%%%"));
  g_assert_false (ik_signature_verify (zero_key, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (ff_key, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (short_key, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (key, data, strlen (data), long_signature));
  g_assert_false (ik_signature_verify (key, data, strlen (data), key));
  g_assert_false (ik_signature_verify (signature, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (spaced, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (unpadded, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (noncanonical, data, strlen (data), signature));
  g_assert_false (ik_signature_verify (key, NULL, 5, signature));
  {
    g_autofree char *zero_signature = g_base64_encode (zeros, 64);
    g_autofree char *ff_signature = g_base64_encode (ffs, 64);

    g_assert_false (ik_signature_verify (key, data, strlen (data), zero_signature));
    g_assert_false (ik_signature_verify (key, data, strlen (data), ff_signature));
    g_assert_false (ik_signature_verify (zero_key, data, strlen (data), zero_signature));
  }

  ik_test_rm_rf (dir);
}

static void
test_fingerprint (void)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *short_key = NULL;
  guchar bytes[32];

  /* SHA-256 of the bytes 0..31, first 16 bytes (computed with Python's
   * hashlib). */
  for (guint i = 0; i < 32; i++)
    bytes[i] = i;
  {
    g_autofree char *key = g_base64_encode (bytes, 32);

    g_assert_cmpstr (key, ==, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    fingerprint = ik_key_fingerprint (key);
  }
  g_assert_cmpstr (fingerprint, ==, "630D CD29 66C4 3366 9112 5448 BBB2 5B4F");

  short_key = g_base64_encode (bytes, 16);
  g_assert_null (ik_key_fingerprint (short_key));
  g_assert_null (ik_key_fingerprint (NULL));
  g_assert_null (ik_key_fingerprint (""));
  g_assert_null (ik_key_fingerprint ("!!!!"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/identity/create-and-reload", test_create_and_reload);
  g_test_add_func ("/identity/corrupt-refused", test_corrupt_refused);
  g_test_add_func ("/identity/sign-verify", test_sign_verify);
  g_test_add_func ("/identity/rfc8032", test_rfc8032);
  g_test_add_func ("/identity/verify-malformed", test_verify_malformed);
  g_test_add_func ("/identity/fingerprint", test_fingerprint);

  return g_test_run ();
}
