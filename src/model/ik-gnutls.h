/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

/* The GnuTLS functions Interview Kit uses, from the library loaded on
 * first use (ik-gnutls.c). */
typedef struct
{
  const char *(*describe_error)        (int                    error);
  int         (*rnd)                   (gnutls_rnd_level_t     level,
                                        void                  *data,
                                        size_t                 len);
  void        (*wipe)                  (void                  *data,
                                        int                    c,
                                        size_t                 size);
  void        (*free_data)             (void                  *data);

  int         (*privkey_init)          (gnutls_privkey_t      *key);
  void        (*privkey_deinit)        (gnutls_privkey_t       key);
  int         (*privkey_generate2)     (gnutls_privkey_t       key,
                                        gnutls_pk_algorithm_t  algo,
                                        unsigned int           bits,
                                        unsigned int           flags,
                                        const gnutls_keygen_data_st *data,
                                        unsigned               data_size);
  int         (*privkey_export_x509)   (gnutls_privkey_t       pkey,
                                        gnutls_x509_privkey_t *key);
  int         (*privkey_import_x509_raw) (gnutls_privkey_t     pkey,
                                          const gnutls_datum_t *data,
                                          gnutls_x509_crt_fmt_t format,
                                          const char          *password,
                                          unsigned int         flags);
  int         (*privkey_get_pk_algorithm) (gnutls_privkey_t    key,
                                           unsigned int       *bits);
  int         (*privkey_sign_data2)    (gnutls_privkey_t       signer,
                                        gnutls_sign_algorithm_t algo,
                                        unsigned int           flags,
                                        const gnutls_datum_t  *data,
                                        gnutls_datum_t        *signature);

  int         (*pubkey_init)           (gnutls_pubkey_t       *key);
  void        (*pubkey_deinit)         (gnutls_pubkey_t        key);
  int         (*pubkey_import_privkey) (gnutls_pubkey_t        key,
                                        gnutls_privkey_t       pkey,
                                        unsigned int           usage,
                                        unsigned int           flags);
  int         (*pubkey_import_ecc_raw) (gnutls_pubkey_t        key,
                                        gnutls_ecc_curve_t     curve,
                                        const gnutls_datum_t  *x,
                                        const gnutls_datum_t  *y);
  int         (*pubkey_export_ecc_raw2) (gnutls_pubkey_t       key,
                                         gnutls_ecc_curve_t   *curve,
                                         gnutls_datum_t       *x,
                                         gnutls_datum_t       *y,
                                         unsigned int          flags);
  int         (*pubkey_verify_data2)   (gnutls_pubkey_t        pubkey,
                                        gnutls_sign_algorithm_t algo,
                                        unsigned int           flags,
                                        const gnutls_datum_t  *data,
                                        const gnutls_datum_t  *signature);

  void        (*x509_privkey_deinit)   (gnutls_x509_privkey_t  key);
  int         (*hash_fast)             (gnutls_digest_algorithm_t algorithm,
                                        const void            *text,
                                        size_t                 textlen,
                                        void                  *digest);

  int         (*x509_privkey_export2_pkcs8) (gnutls_x509_privkey_t key,
                                             gnutls_x509_crt_fmt_t format,
                                             const char          *password,
                                             unsigned int         flags,
                                             gnutls_datum_t      *out);
} IkGnutls;

const IkGnutls *ik_gnutls_get    (GError     **error);
char           *ik_sha256_string (const char  *data,
                                  gsize        length);

G_END_DECLS
