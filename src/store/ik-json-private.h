/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json-private.h: what the parser, the writer and the typed readers of
 * ik-json share and nothing else needs. */
#pragma once

#include "ik-json.h"

G_BEGIN_DECLS

/* A number that is not an integer in int64 (a fraction, an exponent, a big
 * integer) is kept as the text it was written as, so that an unknown member
 * is written back exactly: a JsonNode cannot hold that text as a number, and
 * a double would change it (json-glib 1.6 even writes 1e-08 as "1e-08.0",
 * which no parser reads). It is held in a string node whose value is this
 * byte followed by the text. 0xFF never occurs in UTF-8, so no string read
 * from a file, nor any string the writer accepts, can be mistaken for one. */
#define IK_JSON_NUMBER_MARK '\xFF'

/* Bytes that stand for themselves inside a JSON string: printable ASCII
 * except the quote and the backslash. */
extern const guchar ik_json_plain_string_byte[256];

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if none.
 * Same rules as g_utf8_validate(): no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
static inline gsize
ik_json_utf8_sequence_length (const guchar *p,
                              const guchar *end)
{
  guchar c = p[0];
  gsize avail = end - p;

#define IK_JSON_CONT(b) (((b) & 0xC0) == 0x80)
  if (c >= 0xC2 && c <= 0xDF)
    return avail >= 2 && IK_JSON_CONT (p[1]) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    {
      guchar lo = c == 0xE0 ? 0xA0 : 0x80;
      guchar hi = c == 0xED ? 0x9F : 0xBF;

      return avail >= 3 && p[1] >= lo && p[1] <= hi && IK_JSON_CONT (p[2]) ? 3 : 0;
    }
  if (c >= 0xF0 && c <= 0xF4)
    {
      guchar lo = c == 0xF0 ? 0x90 : 0x80;
      guchar hi = c == 0xF4 ? 0x8F : 0xBF;

      return avail >= 4 && p[1] >= lo && p[1] <= hi
             && IK_JSON_CONT (p[2]) && IK_JSON_CONT (p[3]) ? 4 : 0;
    }
#undef IK_JSON_CONT
  return 0;
}

/* Length of the RFC 8259 number at the start of [p, end), 0 if there is
 * none; *is_integer says whether it has neither fraction nor exponent.
 * The caller decides what may follow it. */
gsize     ik_json_number_length     (const guchar *p,
                                     const guchar *end,
                                     gboolean     *is_integer);

/* A string node holding @text (RFC 8259 number syntax, checked by the
 * caller) as a number kept as written. */
JsonNode *ik_json_number_node_new   (const char   *text,
                                     gsize         length);

G_END_DECLS
