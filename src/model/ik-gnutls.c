/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-gnutls.c: GnuTLS, loaded when it is first needed.
 *
 * The team's signatures, the pseudonym key and the seals of submitted
 * scorecards need it, all after the first frame, and many starts use none.
 * Linked, GnuTLS and the eight libraries it brings cost 4.8 ms of the main
 * thread's CPU before every first frame (loading, relocation, its
 * constructor, and every later symbol lookup searching them; median of 20
 * paired runs, issue 15). So it is opened here, once, from whichever
 * thread asks first; the headers still come from the GnuTLS the build
 * found. Sanitizer builds link it (meson.build). */
#include "config.h"

#include "ik-gnutls.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <string.h>

typedef struct
{
  IkGnutls  table;
  char     *error;
} Loaded;

static gboolean
find (GModule    *module,
      const char *name,
      gpointer   *slot,
      GString    *missing)
{
  if (g_module_symbol (module, name, slot) && *slot != NULL)
    return TRUE;
  if (missing->len > 0)
    g_string_append (missing, ", ");
  g_string_append (missing, name);
  return FALSE;
}

static Loaded *
load (void)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  IkGnutls *t = &loaded->table;
  g_autoptr(GString) missing = g_string_new (NULL);
  gnutls_free_function *free_function = NULL;
  GModule *module;

#if IK_GNUTLS_LINKED
  /* A sanitizer build links GnuTLS (meson.build): the program's own
   * symbols are the library's. One reference keeps the linker from
   * dropping it as not needed. */
  static int (* volatile referenced) (gnutls_rnd_level_t, void *, size_t) = gnutls_rnd;

  (void) referenced;
  module = g_module_open (NULL, G_MODULE_BIND_LAZY);
#else
  /* Local: no other library's symbol lookups search it. Never closed: its
   * keys may live as long as the process. */
  module = g_module_open (IK_GNUTLS_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
#endif
  if (module == NULL)
    {
      loaded->error = g_strdup (g_module_error ());
      return loaded;
    }

#define FIND(field, name) find (module, name, (gpointer *) &t->field, missing)
  FIND (describe_error, "gnutls_strerror");
  FIND (rnd, "gnutls_rnd");
  FIND (wipe, "gnutls_memset");
  FIND (privkey_init, "gnutls_privkey_init");
  FIND (privkey_deinit, "gnutls_privkey_deinit");
  FIND (privkey_generate2, "gnutls_privkey_generate2");
  FIND (privkey_export_x509, "gnutls_privkey_export_x509");
  FIND (privkey_import_x509_raw, "gnutls_privkey_import_x509_raw");
  FIND (privkey_get_pk_algorithm, "gnutls_privkey_get_pk_algorithm");
  FIND (privkey_sign_data2, "gnutls_privkey_sign_data2");
  FIND (pubkey_init, "gnutls_pubkey_init");
  FIND (pubkey_deinit, "gnutls_pubkey_deinit");
  FIND (pubkey_import_privkey, "gnutls_pubkey_import_privkey");
  FIND (pubkey_import_ecc_raw, "gnutls_pubkey_import_ecc_raw");
  FIND (pubkey_export_ecc_raw2, "gnutls_pubkey_export_ecc_raw2");
  FIND (pubkey_verify_data2, "gnutls_pubkey_verify_data2");
  FIND (hash_fast, "gnutls_hash_fast");
  FIND (x509_privkey_deinit, "gnutls_x509_privkey_deinit");
  FIND (x509_privkey_export2_pkcs8, "gnutls_x509_privkey_export2_pkcs8");
#undef FIND
  /* gnutls_free is a variable holding the library's free function, which
   * is what must free the memory it hands out. */
  if (find (module, "gnutls_free", (gpointer *) &free_function, missing))
    t->free_data = *free_function;

  if (missing->len > 0)
    {
      /* Translators: %s is a list of function names */
      loaded->error = g_strdup_printf (_("it lacks %s"), missing->str);
      memset (t, 0, sizeof *t);
    }
  return loaded;
}

/**
 * ik_gnutls_get:
 * @error: where to say why GnuTLS cannot be used
 *
 * Loads GnuTLS on the first call. Safe to call from any thread.
 *
 * Returns: (transfer none) (nullable): the functions, or %NULL with @error
 *   set when the library cannot be loaded
 */
const IkGnutls *
ik_gnutls_get (GError **error)
{
  static Loaded *loaded;

  if (g_once_init_enter (&loaded))
    g_once_init_leave (&loaded, load ());

  if (loaded->error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s says why, in English (from the system) */
                   _("The cryptography library GnuTLS could not be loaded: %s"), loaded->error);
      return NULL;
    }
  return &loaded->table;
}

/**
 * ik_sha256_string:
 * @data: bytes
 * @length: their number
 *
 * The SHA-256 of @data, as g_compute_checksum_for_data() gives it. By
 * GnuTLS when it can be loaded: on x86-64 it uses the processor's SHA
 * instructions, 4.6 times GLib's speed (1650 against 360 MB/s), and the
 * seals of a library's submitted scorecards are checked at every load.
 *
 * Returns: (transfer full): 64 lowercase hexadecimal digits
 */
char *
ik_sha256_string (const char *data,
                  gsize       length)
{
  const IkGnutls *tls = ik_gnutls_get (NULL);
  guchar digest[32];
  char *hex;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (tls == NULL || tls->hash_fast (GNUTLS_DIG_SHA256, data != NULL ? data : "", length, digest) < 0)
    return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data != NULL ? data : ""), length);

  hex = g_malloc (2 * sizeof digest + 1);
  for (gsize i = 0; i < sizeof digest; i++)
    {
      hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 0xf];
    }
  hex[2 * sizeof digest] = '\0';
  return hex;
}
