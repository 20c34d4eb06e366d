/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json.c: safe reading and writing of the JSON files.
 *
 * ik_json_parse() runs a strict scan over the raw bytes before json-glib
 * sees them, because json-glib 1.6 recurses without a limit (a deep file
 * overflows the stack), silently wraps integers, truncates strings at
 * "\u0000" and accepts comments, hex numbers and trailing garbage. The scan
 * is a tokenizer only; the grammar itself is still checked by json-glib.
 */
#include "config.h"

#include "ik-json.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (ik-json-error-quark, ik_json_error)

/* Line and column (1-based, in characters) of a byte offset in valid UTF-8
 * (or in the valid prefix of a buffer that failed validation there). */
static void
locate_offset (const char *data,
               gsize       offset,
               guint      *line,
               guint      *column)
{
  guint l = 1;
  guint c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      guchar b = (guchar) data[i];

      if (b == '\n')
        {
          l++;
          c = 1;
        }
      else if ((b & 0xC0) != 0x80)
        {
          c++;
        }
    }

  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
}

typedef struct
{
  const char *data;
  gsize       length;
  guint      *line;
  guint      *column;
  GError    **error;
} ParseContext;

static void
set_located_error (ParseContext *ctx,
                   gsize         offset,
                   IkJsonError   code,
                   const char   *message)
{
  guint l = 0;
  guint c = 0;

  locate_offset (ctx->data, offset, &l, &c);
  if (ctx->line != NULL)
    *ctx->line = l;
  if (ctx->column != NULL)
    *ctx->column = c;
  g_set_error (ctx->error, IK_JSON_ERROR, code,
               _("Line %u, column %u: %s"), l, c, message);
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u" at data[pos]; -1 when malformed. */
static int
read_u_escape (const char *data,
               gsize       length,
               gsize       pos)
{
  int value = 0;

  if (pos + 4 > length)
    return -1;
  for (guint k = 0; k < 4; k++)
    {
      int h = hex_value (data[pos + k]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

/* Scans a string starting at the opening quote at *pos; on success *pos is
 * just past the closing quote. */
static gboolean
scan_string (ParseContext *ctx,
             gsize        *pos)
{
  const char *data = ctx->data;
  gsize start = *pos;
  gsize i = start + 1;

  while (i < ctx->length)
    {
      guchar c = (guchar) data[i];

      if (c == '"')
        {
          *pos = i + 1;
          return TRUE;
        }
      if (c < 0x20)
        {
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             _("Control character in a string (it must be escaped)"));
          return FALSE;
        }
      if (c != '\\')
        {
          i++;
          continue;
        }

      if (i + 1 >= ctx->length)
        break;

      switch (data[i + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          i += 2;
          break;

        case 'u':
          {
            int value = read_u_escape (data, ctx->length, i + 2);

            if (value < 0)
              {
                set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                   _("Malformed \\u escape in a string"));
                return FALSE;
              }
            if (value == 0)
              {
                set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                   _("A string contains a NUL character (\\u0000)"));
                return FALSE;
              }
            if (value >= 0xDC00 && value <= 0xDFFF)
              {
                set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                   _("A string contains a lone low surrogate escape"));
                return FALSE;
              }
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                int low = -1;

                if (i + 7 < ctx->length && data[i + 6] == '\\' && data[i + 7] == 'u')
                  low = read_u_escape (data, ctx->length, i + 8);
                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                       _("A string contains a lone high surrogate escape"));
                    return FALSE;
                  }
                i += 12;
              }
            else
              {
                i += 6;
              }
          }
          break;

        default:
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             _("Invalid escape sequence in a string"));
          return FALSE;
        }
    }

  set_located_error (ctx, start, IK_JSON_ERROR_INVALID, _("Unterminated string"));
  return FALSE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* Accepts exactly the JSON integer grammar -?(0|[1-9][0-9]*) within the
 * int64 range. Fractions and exponents are refused: none of our formats
 * stores a double, and json-glib writes some doubles back unreadably. */
static gboolean
scan_number (ParseContext *ctx,
             gsize        *pos)
{
  const char *data = ctx->data;
  gsize start = *pos;
  gsize i = start;
  gint64 value;
  g_autofree char *text = NULL;

  if (data[i] == '-')
    i++;

  if (i >= ctx->length || !g_ascii_isdigit (data[i]))
    {
      set_located_error (ctx, start, IK_JSON_ERROR_INVALID, _("Malformed number"));
      return FALSE;
    }

  if (data[i] == '0' && i + 1 < ctx->length && g_ascii_isalnum (data[i + 1]))
    {
      set_located_error (ctx, start, IK_JSON_ERROR_INVALID,
                         data[i + 1] == 'x' || data[i + 1] == 'X'
                         ? _("Hexadecimal numbers are not allowed")
                         : _("Numbers must not have leading zeros"));
      return FALSE;
    }

  while (i < ctx->length && g_ascii_isdigit (data[i]))
    i++;

  if (i < ctx->length && (data[i] == '.' || data[i] == 'e' || data[i] == 'E'))
    {
      set_located_error (ctx, start, IK_JSON_ERROR_INVALID,
                         _("Only whole numbers are allowed"));
      return FALSE;
    }
  if (i < ctx->length && is_word_char (data[i]))
    {
      set_located_error (ctx, start, IK_JSON_ERROR_INVALID, _("Malformed number"));
      return FALSE;
    }

  text = g_strndup (data + start, i - start);
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      set_located_error (ctx, start, IK_JSON_ERROR_INVALID,
                         _("Number out of range"));
      return FALSE;
    }

  *pos = i;
  return TRUE;
}

static gboolean
scan_word (ParseContext *ctx,
           gsize        *pos)
{
  gsize start = *pos;
  gsize i = start;
  gsize n;

  while (i < ctx->length && is_word_char (ctx->data[i]))
    i++;
  n = i - start;

  if ((n == 4 && memcmp (ctx->data + start, "true", 4) == 0)
      || (n == 5 && memcmp (ctx->data + start, "false", 5) == 0)
      || (n == 4 && memcmp (ctx->data + start, "null", 4) == 0))
    {
      *pos = i;
      return TRUE;
    }

  set_located_error (ctx, start, IK_JSON_ERROR_INVALID,
                     _("Unexpected word (only true, false and null are allowed)"));
  return FALSE;
}

typedef struct
{
  char        kind;        /* '{' or '[' */
  GHashTable *keys;        /* decoded key text, objects only */
} Container;

static char *decode_key (const char *start, const char *end);

static gboolean
scan_document (ParseContext *ctx,
               gsize         start)
{
  Container stack[IK_JSON_MAX_DEPTH + 1] = { { 0 } };
  guint depth = 0;
  gboolean root_seen = FALSE;
  gboolean root_done = FALSE;
  gboolean expect_key = FALSE;
  gboolean ok = FALSE;
  gsize i = start;

  while (i < ctx->length)
    {
      char c = ctx->data[i];

      if (is_json_space (c))
        {
          i++;
          continue;
        }

      if (root_done)
        {
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             _("Unexpected content after the end of the document"));
          goto out;
        }

      if (depth == 0 && c != '{')
        {
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             c == '/' ? _("Comments are not allowed")
                                      : _("The document must be a JSON object"));
          goto out;
        }

      switch (c)
        {
        case '{':
        case '[':
          if (depth == IK_JSON_MAX_DEPTH)
            {
              set_located_error (ctx, i, IK_JSON_ERROR_TOO_DEEP,
                                 _("Nested too deeply"));
              goto out;
            }
          depth++;
          root_seen = TRUE;
          stack[depth].kind = c;
          if (c == '{')
            stack[depth].keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          expect_key = (c == '{');
          i++;
          break;

        case '}':
        case ']':
          if (stack[depth].kind != (c == '}' ? '{' : '['))
            {
              set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                 _("Mismatched closing bracket"));
              goto out;
            }
          g_clear_pointer (&stack[depth].keys, g_hash_table_unref);
          depth--;
          root_done = (depth == 0);
          expect_key = FALSE;
          i++;
          break;

        case ',':
          expect_key = (stack[depth].kind == '{');
          i++;
          break;

        case ':':
          expect_key = FALSE;
          i++;
          break;

        case '"':
          {
            gsize begin = i;

            if (!scan_string (ctx, &i))
              goto out;
            if (expect_key && stack[depth].kind == '{')
              {
                char *key = decode_key (ctx->data + begin, ctx->data + i);

                if (!g_hash_table_add (stack[depth].keys, key))
                  {
                    set_located_error (ctx, begin, IK_JSON_ERROR_INVALID,
                                       _("Duplicate member name in an object"));
                    goto out;
                  }
              }
            expect_key = FALSE;
          }
          break;

        case '/':
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             _("Comments are not allowed"));
          goto out;

        case '\'':
          set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                             _("Strings must use double quotes"));
          goto out;

        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (ctx, &i))
                goto out;
            }
          else if (g_ascii_isalpha (c))
            {
              if (!scan_word (ctx, &i))
                goto out;
            }
          else
            {
              set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                                 _("Unexpected character"));
              goto out;
            }
          break;
        }
    }

  if (!root_seen)
    {
      set_located_error (ctx, i, IK_JSON_ERROR_INVALID, _("The document is empty"));
      goto out;
    }
  if (depth > 0)
    {
      set_located_error (ctx, i, IK_JSON_ERROR_INVALID,
                         _("Unexpected end of the document"));
      goto out;
    }

  ok = TRUE;

out:
  for (guint k = 0; k <= IK_JSON_MAX_DEPTH; k++)
    g_clear_pointer (&stack[k].keys, g_hash_table_unref);
  return ok;
}

/* The strict parser proper ****************************************************
 *
 * One recursive-descent pass that checks and builds the tree at once. It
 * accepts exactly the documents that pass scan_document() and then
 * json-glib's grammar: UTF-8 (checked inside strings; outside them only
 * JSON's ASCII is allowed), no NUL, depth at most IK_JSON_MAX_DEPTH,
 * integers in int64 without fraction, exponent, hex or leading zeros,
 * the escapes of JSON minus "\u0000" and lone surrogates, no comments, no
 * trailing commas or content, no duplicate member names.
 *
 * It reports no error of its own: on any failure ik_json_parse() runs the
 * original scan and json-glib over the same bytes, so a bad file gets the
 * same message and location as before, and only the (rare) bad files pay
 * for the slow path. With @build FALSE it only validates (the writer's
 * check of its own output). */

typedef struct
{
  const guchar *p;
  const guchar *end;
  GString      *scratch;   /* decoded string, reused */
  gboolean      build;
} FastParser;

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if none.
 * Same rules as g_utf8_validate(): no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
static inline gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0];
  gsize avail = end - p;

#define CONT(b) (((b) & 0xC0) == 0x80)
  if (c >= 0xC2 && c <= 0xDF)
    return avail >= 2 && CONT (p[1]) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    {
      guchar lo = c == 0xE0 ? 0xA0 : 0x80;
      guchar hi = c == 0xED ? 0x9F : 0xBF;

      return avail >= 3 && p[1] >= lo && p[1] <= hi && CONT (p[2]) ? 3 : 0;
    }
  if (c >= 0xF0 && c <= 0xF4)
    {
      guchar lo = c == 0xF0 ? 0x90 : 0x80;
      guchar hi = c == 0xF4 ? 0x8F : 0xBF;

      return avail >= 4 && p[1] >= lo && p[1] <= hi && CONT (p[2]) && CONT (p[3]) ? 4 : 0;
    }
#undef CONT
  return 0;
}

static inline void
fast_skip_space (FastParser *fp)
{
  while (fp->p < fp->end && (*fp->p == ' ' || *fp->p == '\n' || *fp->p == '\r' || *fp->p == '\t'))
    fp->p++;
}

static inline int
fast_hex4 (const guchar *p,
           const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint k = 0; k < 4; k++)
    {
      int h = hex_value ((char) p[k]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

/* Bytes that stand for themselves in a string: printable ASCII except the
 * quote and the backslash. */
static const guchar plain_string_byte[256] = {
#define R4(x) x, x, x, x
#define R16(x) R4 (x), R4 (x), R4 (x), R4 (x)
  R16 (0), R16 (0),                                   /* 0x00-0x1F */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20-0x2F: '"' */
  R16 (1), R16 (1),                                   /* 0x30-0x4F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50-0x5F: '\\' */
  R16 (1), R16 (1),                                   /* 0x60-0x7F */
  R16 (0), R16 (0), R16 (0), R16 (0),                 /* 0x80-0xBF */
  R16 (0), R16 (0), R16 (0), R16 (0),                 /* 0xC0-0xFF */
#undef R16
#undef R4
};

/* At the opening quote. Decodes into fp->scratch when @decode. */
static gboolean
fast_string (FastParser *fp,
             gboolean    decode)
{
  const guchar *p = fp->p + 1;
  const guchar *end = fp->end;

  if (decode)
    g_string_truncate (fp->scratch, 0);

  for (;;)
    {
      const guchar *run = p;

      /* Plain printable ASCII, the bulk of every string. */
      while (p < end && plain_string_byte[*p])
        p++;
      if (fp->build && p > run)
        g_string_append_len (fp->scratch, (const char *) run, p - run);
      if (p >= end)
        return FALSE;

      if (*p == '"')
        {
          fp->p = p + 1;
          return TRUE;
        }
      if (*p < 0x20)
        return FALSE;
      if (*p >= 0x80)
        {
          gsize n = utf8_sequence_length (p, end);

          if (n == 0)
            return FALSE;
          if (decode)
            g_string_append_len (fp->scratch, (const char *) p, n);
          p += n;
          continue;
        }

      /* A backslash. */
      if (end - p < 2)
        return FALSE;
      switch (p[1])
        {
        case '"': case '\\': case '/':
          if (decode)
            g_string_append_c (fp->scratch, (char) p[1]);
          p += 2;
          break;
        case 'b':
          if (decode)
            g_string_append_c (fp->scratch, '\b');
          p += 2;
          break;
        case 'f':
          if (decode)
            g_string_append_c (fp->scratch, '\f');
          p += 2;
          break;
        case 'n':
          if (decode)
            g_string_append_c (fp->scratch, '\n');
          p += 2;
          break;
        case 'r':
          if (decode)
            g_string_append_c (fp->scratch, '\r');
          p += 2;
          break;
        case 't':
          if (decode)
            g_string_append_c (fp->scratch, '\t');
          p += 2;
          break;
        case 'u':
          {
            int value = fast_hex4 (p + 2, end);
            gunichar ch;

            if (value <= 0 || (value >= 0xDC00 && value <= 0xDFFF))
              return FALSE;
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                int low;

                if (end - p < 12 || p[6] != '\\' || p[7] != 'u')
                  return FALSE;
                low = fast_hex4 (p + 8, end);
                if (low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                ch = 0x10000 + (((gunichar) value - 0xD800) << 10) + ((gunichar) low - 0xDC00);
                p += 12;
              }
            else
              {
                ch = (gunichar) value;
                p += 6;
              }
            if (decode)
              g_string_append_unichar (fp->scratch, ch);
          }
          break;
        default:
          return FALSE;
        }
    }
}

/* -?(0|[1-9][0-9]*) in int64, not followed by a fraction, an exponent or
 * any other character that scan_number() would take as part of it. */
static gboolean
fast_number (FastParser *fp,
             gint64     *out)
{
  const guchar *p = fp->p;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  guint64 limit;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= fp->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    {
      limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
      while (p < fp->end && g_ascii_isdigit (*p))
        {
          guint d = *p - '0';

          if (magnitude > (limit - d) / 10)
            return FALSE;
          magnitude = magnitude * 10 + d;
          p++;
        }
    }
  if (p < fp->end && is_word_char ((char) *p))
    return FALSE;

  fp->p = p;
  if (negative)
    *out = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
  else
    *out = (gint64) magnitude;
  return TRUE;
}

static gboolean
fast_literal (FastParser *fp,
              const char *word,
              gsize       n)
{
  if ((gsize) (fp->end - fp->p) < n || memcmp (fp->p, word, n) != 0)
    return FALSE;
  if (fp->p + n < fp->end && is_word_char ((char) fp->p[n]))
    return FALSE;
  fp->p += n;
  return TRUE;
}

static gboolean fast_value (FastParser *fp, guint depth, JsonNode **out);

/* At "{"; @depth is the level of this object (the root is 1). */
static gboolean
fast_object (FastParser *fp,
             guint       depth,
             JsonNode  **out)
{
  JsonObject *object = fp->build ? json_object_new () : NULL;
  /* Validating only: keys of this object, to refuse duplicates. */
  g_autoptr(GHashTable) keys = NULL;
  guint n_members = 0;

  fp->p++;
  fast_skip_space (fp);
  if (fp->p < fp->end && *fp->p == '}')
    {
      fp->p++;
      goto done;
    }

  for (;;)
    {
      JsonNode *member = NULL;
      g_autofree char *validated_key = NULL;

      if (fp->p >= fp->end || *fp->p != '"')
        goto fail;
      if (!fast_string (fp, TRUE))
        goto fail;

      if (!fp->build)
        {
          /* Keys are compared decoded: "a" and "\u0061" are the same
           * name, and json-glib would keep only the last value. */
          if (keys == NULL)
            keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          validated_key = g_strndup (fp->scratch->str, fp->scratch->len);
          if (!g_hash_table_add (keys, g_steal_pointer (&validated_key)))
            goto fail;
        }

      fast_skip_space (fp);
      if (fp->p >= fp->end || *fp->p != ':')
        goto fail;
      fp->p++;
      fast_skip_space (fp);

      if (fp->build)
        {
          /* The key is decoded in scratch, which the value reuses: keep a
           * copy, on the stack when it is short (it nearly always is). */
          char short_key[64];
          g_autofree char *long_key = NULL;
          const char *key;

          if (fp->scratch->len < sizeof short_key)
            {
              memcpy (short_key, fp->scratch->str, fp->scratch->len + 1);
              key = short_key;
            }
          else
            key = long_key = g_strndup (fp->scratch->str, fp->scratch->len);

          if (!fast_value (fp, depth, &member))
            goto fail;
          /* A member set again replaces the first one: the size tells a
           * duplicate name without a second lookup. */
          n_members++;
          json_object_set_member (object, key, member);
          if (json_object_get_size (object) != n_members)
            goto fail;
        }
      else if (!fast_value (fp, depth, NULL))
        goto fail;

      fast_skip_space (fp);
      if (fp->p >= fp->end)
        goto fail;
      if (*fp->p == ',')
        {
          fp->p++;
          fast_skip_space (fp);
          continue;
        }
      if (*fp->p == '}')
        {
          fp->p++;
          break;
        }
      goto fail;
    }

done:
  if (fp->build)
    {
      *out = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
    }
  return TRUE;

fail:
  g_clear_pointer (&object, json_object_unref);
  return FALSE;
}

/* At "["; @depth is the level of this array. */
static gboolean
fast_array (FastParser *fp,
            guint       depth,
            JsonNode  **out)
{
  JsonArray *array = fp->build ? json_array_new () : NULL;

  fp->p++;
  fast_skip_space (fp);
  if (fp->p < fp->end && *fp->p == ']')
    {
      fp->p++;
      goto done;
    }

  for (;;)
    {
      JsonNode *element = NULL;

      if (!fast_value (fp, depth, fp->build ? &element : NULL))
        goto fail;
      if (fp->build)
        json_array_add_element (array, element);

      fast_skip_space (fp);
      if (fp->p >= fp->end)
        goto fail;
      if (*fp->p == ',')
        {
          fp->p++;
          fast_skip_space (fp);
          continue;
        }
      if (*fp->p == ']')
        {
          fp->p++;
          break;
        }
      goto fail;
    }

done:
  if (fp->build)
    {
      *out = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }
  return TRUE;

fail:
  g_clear_pointer (&array, json_array_unref);
  return FALSE;
}

/* A value inside a container at level @depth. */
static gboolean
fast_value (FastParser *fp,
            guint       depth,
            JsonNode  **out)
{
  gint64 number;

  if (fp->p >= fp->end)
    return FALSE;

  switch (*fp->p)
    {
    case '{':
      if (depth >= IK_JSON_MAX_DEPTH)
        return FALSE;
      return fast_object (fp, depth + 1, out);

    case '[':
      if (depth >= IK_JSON_MAX_DEPTH)
        return FALSE;
      return fast_array (fp, depth + 1, out);

    case '"':
      if (!fast_string (fp, fp->build))
        return FALSE;
      if (fp->build)
        *out = json_node_init_string (json_node_alloc (), fp->scratch->str);
      return TRUE;

    case 't':
      if (!fast_literal (fp, "true", 4))
        return FALSE;
      if (fp->build)
        *out = json_node_init_boolean (json_node_alloc (), TRUE);
      return TRUE;

    case 'f':
      if (!fast_literal (fp, "false", 5))
        return FALSE;
      if (fp->build)
        *out = json_node_init_boolean (json_node_alloc (), FALSE);
      return TRUE;

    case 'n':
      if (!fast_literal (fp, "null", 4))
        return FALSE;
      if (fp->build)
        *out = json_node_init_null (json_node_alloc ());
      return TRUE;

    default:
      if (*fp->p != '-' && !g_ascii_isdigit (*fp->p))
        return FALSE;
      if (!fast_number (fp, &number))
        return FALSE;
      if (fp->build)
        *out = json_node_init_int (json_node_alloc (), number);
      return TRUE;
    }
}

/* Parses (or, with @build FALSE, only checks) the document at data[start..];
 * returns FALSE on anything the strict path would refuse. */
static gboolean
fast_parse (const char  *data,
            gsize        length,
            gsize        start,
            gboolean     build,
            JsonNode   **out)
{
  FastParser fp = { (const guchar *) data + start, (const guchar *) data + length, NULL, build };
  JsonNode *root = NULL;
  gboolean ok;

  fast_skip_space (&fp);
  if (fp.p >= fp.end || *fp.p != '{')
    return FALSE;

  /* Also when only validating: member names are compared decoded. */
  fp.scratch = g_string_sized_new (256);
  ok = fast_object (&fp, 1, build ? &root : NULL);
  if (ok)
    {
      fast_skip_space (&fp);
      ok = fp.p == fp.end;
    }
  g_string_free (fp.scratch, TRUE);

  if (!ok)
    {
      g_clear_pointer (&root, json_node_unref);
      return FALSE;
    }
  /* Not sealed: json_node_seal() hashes every string of the tree, a fifth
   * of the load, and nothing relies on it (readers never modify a tree,
   * and json-glib copies nodes by reference either way). */
  if (build)
    *out = root;
  return TRUE;
}

/* The decoded text of the valid JSON string [start, end), quotes included:
 * names are compared decoded, so {"a": 1, "\u0061": 2} is a duplicate. */
static char *
decode_key (const char *start,
            const char *end)
{
  FastParser fp = { (const guchar *) start, (const guchar *) end, g_string_new (NULL), TRUE };

  /* scan_string() and the UTF-8 check accepted it, so this cannot fail;
   * should it, the text as written still finds plain duplicates. */
  if (!fast_string (&fp, TRUE))
    g_string_assign (fp.scratch, "");
  if (fp.scratch->len == 0 && end - start > 2)
    g_string_append_len (fp.scratch, start + 1, end - start - 2);
  return g_string_free (fp.scratch, FALSE);
}

/**
 * ik_json_parse:
 * @data: the bytes of a file
 * @length: the number of bytes
 * @line: (out) (optional): the line of an error, 1-based, 0 when unknown
 * @column: (out) (optional): the column of an error, 1-based, 0 when unknown
 * @error: return location for an error
 *
 * Parses a JSON document whose root must be an object. Before json-glib is
 * involved the data is checked for size, NUL bytes (UTF-16), UTF-8
 * validity, nesting depth, "\u0000" and lone surrogate escapes, integers
 * outside int64, fractions, hex, leading zeros, comments, duplicate member
 * names and trailing content. A UTF-8 byte order mark is skipped.
 *
 * Returns: (transfer full): the root node (an object), or %NULL
 */
JsonNode *
ik_json_parse (const char  *data,
               gsize        length,
               guint       *line,
               guint       *column,
               GError     **error)
{
  ParseContext ctx = { data, length, line, column, error };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  gsize start = 0;
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;

  if (length > IK_JSON_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (IK_JSON_MAX_FILE_SIZE);

      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("The file is too large (%s, at most %s)"), size, max);
      return NULL;
    }

  /* A UTF-8 byte order mark is harmless; some editors on Windows add it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  /* The one-pass parser takes every valid file. Whatever it refuses goes
   * through the checks below, which find the first problem and locate it. */
  if (fast_parse (data, length, start, TRUE, &root))
    return root;
  start = 0;

  if (length == 0)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("The document is empty"));
      return NULL;
    }

  if (length >= 2
      && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
          || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      if (line != NULL)
        *line = 1;
      if (column != NULL)
        *column = 1;
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("The file is in UTF-16; only UTF-8 is supported"));
      return NULL;
    }

  {
    const char *nul = memchr (data, '\0', length);

    if (nul != NULL)
      {
        set_located_error (&ctx, nul - data, IK_JSON_ERROR_INVALID,
                           _("The file contains a NUL byte (is it UTF-16?)"));
        return NULL;
      }
  }

  if (!g_utf8_validate_len (data, length, &end))
    {
      set_located_error (&ctx, end - data, IK_JSON_ERROR_INVALID,
                         _("The file is not valid UTF-8"));
      return NULL;
    }

  /* A UTF-8 byte order mark is harmless; some editors on Windows add it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  if (!scan_document (&ctx, start))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, length - start, &local_error))
    {
      guint l = 0;
      guint c = 0;
      const char *message = local_error->message;
      const char *rest;

      /* json-glib formats its errors as "<data>:LINE:COL: Parse error: …". */
      if (sscanf (message, "<data>:%u:%u:", &l, &c) == 2
          && (rest = strstr (message + strlen ("<data>:"), ": ")) != NULL)
        {
          if (line != NULL)
            *line = l;
          if (column != NULL)
            *column = c;
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("Line %u, column %u: %s"), l, c, rest + 2);
        }
      else
        {
          g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID, message);
        }
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("The document must be a JSON object"));
      return NULL;
    }

  return json_node_copy (root);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return _("an integer");
    case G_TYPE_DOUBLE:
      return _("a fractional number");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_STRING:
      return _("a string");
    default:
      return _("an unknown value");
    }
}

static gboolean
node_is_value_of (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static void
set_type_error (GError     **error,
                const char  *member,
                const char  *expected,
                JsonNode    *found)
{
  g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
               _("%s: expected %s, found %s"), member, expected, describe_node (found));
}

/* Returns the member's node, or NULL when absent or null. Sets an error and
 * *failed when it is required and absent. */
static JsonNode *
lookup_member (JsonObject  *o,
               const char  *member,
               gboolean     required,
               gboolean    *failed,
               GError     **error)
{
  JsonNode *node = json_object_get_member (o, member);

  *failed = FALSE;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  if (required)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: required member is missing"), member);
      *failed = TRUE;
    }
  return NULL;
}

/* g_utf8_validate() goes byte by byte; most text is ASCII, checked here
 * eight bytes at a time. Same result. */
static gboolean
utf8_validate_quick (const char *s,
                     gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, s + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
    }
  for (; i < len && (guchar) s[i] < 0x80; i++)
    ;
  return i == len || g_utf8_validate (s + i, len - i, NULL);
}

static gboolean
check_string (const char  *member,
              const char  *s,
              GError     **error)
{
  gsize len = strlen (s);

  if (len > IK_JSON_MAX_STRING_LENGTH)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("%s: the text is too long (%llu bytes, at most %d)"),
                   member, (unsigned long long) len, IK_JSON_MAX_STRING_LENGTH);
      return FALSE;
    }
  if (!utf8_validate_quick (s, len))
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: the text is not valid UTF-8"), member);
      return FALSE;
    }
  return TRUE;
}

/**
 * ik_json_get_string:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out): a newly allocated copy of the string; left untouched (not
 *   freed) when the member is absent
 * @error: return location for an error naming @member
 *
 * Reads a string member without coercion. Strings are checked for UTF-8
 * and capped at %IK_JSON_MAX_STRING_LENGTH bytes.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_string (JsonObject  *o,
                    const char  *member,
                    gboolean     required,
                    char       **out,
                    GError     **error)
{
  JsonNode *node;
  gboolean failed;
  const char *s;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!node_is_value_of (node, G_TYPE_STRING))
    {
      set_type_error (error, member, _("a string"), node);
      return FALSE;
    }

  s = json_node_get_string (node);
  if (!check_string (member, s, error))
    return FALSE;

  *out = g_strdup (s);
  return TRUE;
}

/**
 * ik_json_get_int:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @min: the smallest accepted value
 * @max: the largest accepted value
 * @out: (out): the value; untouched when the member is absent
 * @error: return location for an error naming @member
 *
 * Reads an integer member. Booleans, strings and fractional numbers are
 * errors, not coerced.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_int (JsonObject  *o,
                 const char  *member,
                 gboolean     required,
                 gint64       min,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;
  gboolean failed;
  gint64 value;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!node_is_value_of (node, G_TYPE_INT64))
    {
      set_type_error (error, member, _("an integer"), node);
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: %lld is out of range (%lld to %lld)"),
                   member, (long long) value, (long long) min, (long long) max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/**
 * ik_json_get_bool:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out): the value; untouched when the member is absent
 * @error: return location for an error naming @member
 *
 * Reads a boolean member; numbers and strings are errors.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_bool (JsonObject  *o,
                  const char  *member,
                  gboolean     required,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node;
  gboolean failed;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!node_is_value_of (node, G_TYPE_BOOLEAN))
    {
      set_type_error (error, member, _("true or false"), node);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/**
 * ik_json_get_string_array:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out) (transfer none): the array; untouched when the member is absent
 * @error: return location for an error naming @member and the index
 *
 * Checks an array of strings as ik_json_get_strv() does, without copying
 * it: for readers that keep the strings in their own form.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_string_array (JsonObject  *o,
                          const char  *member,
                          gboolean     required,
                          JsonArray  **out,
                          GError     **error)
{
  JsonNode *node;
  JsonArray *array;
  gboolean failed;
  guint n;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_type_error (error, member, _("an array of strings"), node);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value = node_is_value_of (element, G_TYPE_STRING)
                          ? json_node_get_string (element) : NULL;

      /* The name is only needed for a message; formatting it for every
       * element was a tenth of the load. */
      if (value == NULL || !check_string (member, value, NULL))
        {
          g_autofree char *name = g_strdup_printf ("%s[%u]", member, i);

          if (value == NULL)
            set_type_error (error, name, _("a string"), element);
          else
            check_string (name, value, error);
          return FALSE;
        }
    }

  *out = array;
  return TRUE;
}

/**
 * ik_json_get_strv:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out): a newly allocated vector; untouched when the member is absent
 * @error: return location for an error naming @member and the index
 *
 * Reads an array of strings. Every element must be a string (errors name
 * it as "member[index]").
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_strv (JsonObject  *o,
                  const char  *member,
                  gboolean     required,
                  GStrv       *out,
                  GError     **error)
{
  JsonArray *array = NULL;
  GStrv strv;
  guint n;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!ik_json_get_string_array (o, member, required, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  /* Exactly the size needed: a builder rounds up to a power of two, and a
   * big library holds a hundred thousand of these vectors. */
  n = json_array_get_length (array);
  strv = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    strv[i] = g_strdup (json_array_get_string_element (array, i));
  strv[n] = NULL;

  *out = strv;
  return TRUE;
}

/**
 * ik_json_get_time:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out): a new #GDateTime; untouched when the member is absent
 * @error: return location for an error naming @member
 *
 * Reads an ISO 8601 date and time string, which must carry a time zone
 * offset ("Z" or "+02:00").
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_time (JsonObject  *o,
                  const char  *member,
                  gboolean     required,
                  GDateTime  **out,
                  GError     **error)
{
  JsonNode *node;
  gboolean failed;
  GDateTime *t;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!node_is_value_of (node, G_TYPE_STRING))
    {
      set_type_error (error, member, _("a date and time string"), node);
      return FALSE;
    }

  /* With no default time zone, a string without an offset is refused. */
  t = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (t == NULL)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: expected an ISO 8601 date and time with a time zone offset"),
                   member);
      return FALSE;
    }

  *out = t;
  return TRUE;
}

/**
 * ik_json_get_enum:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @enum_type: the #GEnum type whose nicks are accepted
 * @out: (out): the value; untouched when the member is absent
 * @error: return location for an error naming @member
 *
 * Reads an enumeration stored as its nick (numbers are refused).
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_enum (JsonObject  *o,
                  const char  *member,
                  gboolean     required,
                  GType        enum_type,
                  int         *out,
                  GError     **error)
{
  JsonNode *node;
  gboolean failed;
  int value;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (o, member, required, &failed, error);
  if (node == NULL)
    return !failed;

  if (!node_is_value_of (node, G_TYPE_STRING))
    {
      set_type_error (error, member, _("a string"), node);
      return FALSE;
    }

  if (!ik_enum_from_nick (enum_type, json_node_get_string (node), &value))
    {
      g_autofree char *valid = g_utf8_make_valid (json_node_get_string (node), -1);
      g_autofree char *shown = g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 64));

      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: unknown value “%s”"), member, shown);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* A member that must hold a node of @type (an array or an object). */
static JsonNode *
lookup_member_of_type (JsonObject    *o,
                       const char    *member,
                       gboolean       required,
                       JsonNodeType   type,
                       const char    *expected,
                       gboolean      *failed,
                       GError       **error)
{
  JsonNode *node = lookup_member (o, member, required, failed, error);

  if (node != NULL && JSON_NODE_TYPE (node) != type)
    {
      set_type_error (error, member, expected, node);
      *failed = TRUE;
      return NULL;
    }
  return node;
}

/**
 * ik_json_get_array:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out) (transfer none): the array; untouched when absent
 * @error: return location for an error naming @member
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_array (JsonObject  *o,
                   const char  *member,
                   gboolean     required,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node;
  gboolean failed;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member_of_type (o, member, required, JSON_NODE_ARRAY, _("an array"), &failed, error);
  if (node == NULL)
    return !failed;

  *out = json_node_get_array (node);
  return TRUE;
}

/**
 * ik_json_get_object:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out) (transfer none): the object; untouched when absent
 * @error: return location for an error naming @member
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_object (JsonObject  *o,
                    const char  *member,
                    gboolean     required,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node;
  gboolean failed;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member_of_type (o, member, required, JSON_NODE_OBJECT, _("an object"), &failed, error);
  if (node == NULL)
    return !failed;

  *out = json_node_get_object (node);
  return TRUE;
}

/**
 * ik_json_get_id:
 * @o: an object
 * @member: the member name
 * @required: whether a missing (or null) member is an error
 * @out: (out): a newly allocated id; untouched when absent
 * @error: return location for an error naming @member
 *
 * Reads an identifier, which must pass ik_id_is_valid() because ids
 * become file names.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_get_id (JsonObject  *o,
                const char  *member,
                gboolean     required,
                char       **out,
                GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!ik_json_get_string (o, member, required, &id, error))
    return FALSE;
  if (id == NULL)
    return TRUE;

  if (!ik_id_is_valid (id))
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("%s: not a valid identifier (1 to 64 letters, digits, “-” or “_”)"),
                   member);
      return FALSE;
    }

  *out = g_steal_pointer (&id);
  return TRUE;
}

/**
 * ik_json_collect_unknown:
 * @o: an object read from a file
 * @known: (array zero-terminated=1): the member names the reader handles
 *
 * Copies the members of @o that are not in @known, in their order, so that
 * they can be written back unchanged by a newer file's reader.
 *
 * Returns: (transfer full): a new object, possibly empty
 */
JsonObject *
ik_json_collect_unknown (JsonObject         *o,
                         const char * const *known)
{
  JsonObject *unknown = json_object_new ();
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (o != NULL, unknown);

  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (known != NULL && g_strv_contains (known, name))
        continue;
      json_object_set_member (unknown, name,
                              json_node_copy (json_object_get_member (o, name)));
    }

  return unknown;
}

/**
 * ik_json_collect_unknown_or_null:
 * @o: (nullable): an object read from a file, or %NULL
 * @known: (array zero-terminated=1) (nullable): the member names the reader
 *   handles
 *
 * Like ik_json_collect_unknown(), but gives %NULL when there is nothing to
 * keep: an empty #JsonObject still holds a hash table (some 300 bytes),
 * which for every question, record and session of a big library adds up
 * to megabytes. ik_json_add_unknown() takes %NULL.
 *
 * Returns: (transfer full) (nullable): a new object with at least one
 *   member, or %NULL
 */
JsonObject *
ik_json_collect_unknown_or_null (JsonObject         *o,
                                 const char * const *known)
{
  JsonObjectIter iter;
  const char *name;

  if (o == NULL)
    return NULL;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, NULL))
    if (known == NULL || !g_strv_contains (known, name))
      return ik_json_collect_unknown (o, known);
  return NULL;
}

/**
 * ik_json_add_unknown:
 * @b: a builder inside an object
 * @unknown: (nullable): members from ik_json_collect_unknown()
 *
 * Writes the preserved members back into the object being built.
 */
void
ik_json_add_unknown (JsonBuilder *b,
                     JsonObject  *unknown)
{
  g_autoptr(GList) members = NULL;

  g_return_if_fail (JSON_IS_BUILDER (b));

  if (unknown == NULL)
    return;

  members = json_object_get_members (unknown);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      json_builder_set_member_name (b, name);
      json_builder_add_value (b, json_node_copy (json_object_get_member (unknown, name)));
    }
}

/**
 * ik_json_format_time:
 * @t: a time
 *
 * Formats @t as ISO 8601 with an explicit offset ("+00:00"), and
 * microseconds only when there are some, so that a read gives back the
 * same instant. The year always has four digits: g_date_time_format()'s
 * "%Y" writes the year 202 as "202", which g_date_time_new_from_iso8601()
 * refuses, so such a date made its whole file unreadable.
 *
 * Returns: (transfer full): the text, readable by ik_json_get_time()
 */
char *
ik_json_format_time (GDateTime *t)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *offset = NULL;
  int year, month, day;

  g_return_val_if_fail (t != NULL, NULL);

  /* Old local times have offsets in seconds (Paris before 1911 was
   * +00:09:21), which "%:z" would round to minutes: write those in UTC so
   * the instant read back is the same (unless UTC is outside year 1..9999:
   * then the offset is rounded, a few seconds off, still readable). */
  if (g_date_time_get_utc_offset (t) % G_TIME_SPAN_MINUTE != 0
      && (utc = g_date_time_to_utc (t)) != NULL)
    t = utc;

  g_date_time_get_ymd (t, &year, &month, &day);
  /* GDateTime only holds years IK_LIMIT_YEAR_MIN..IK_LIMIT_YEAR_MAX. */
  g_assert (year >= IK_LIMIT_YEAR_MIN && year <= IK_LIMIT_YEAR_MAX);
  offset = g_date_time_format (t, "%:z");

  if (g_date_time_get_microsecond (t) != 0)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06d%s",
                            year, month, day,
                            g_date_time_get_hour (t), g_date_time_get_minute (t),
                            g_date_time_get_second (t), g_date_time_get_microsecond (t),
                            offset);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s",
                          year, month, day,
                          g_date_time_get_hour (t), g_date_time_get_minute (t),
                          g_date_time_get_second (t), offset);
}

/**
 * ik_json_add_time:
 * @b: a builder inside an object
 * @member: the member name
 * @t: (nullable): the time; nothing is written when %NULL
 *
 * Writes @t as ik_json_format_time() does: ISO 8601 with an explicit
 * offset, a four-digit year, microseconds only when there are some.
 */
void
ik_json_add_time (JsonBuilder *b,
                  const char  *member,
                  GDateTime   *t)
{
  g_autofree char *text = NULL;

  g_return_if_fail (JSON_IS_BUILDER (b));
  g_return_if_fail (member != NULL);

  if (t == NULL)
    return;

  text = ik_json_format_time (t);
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, text);
}

/**
 * ik_json_add_strv:
 * @b: a builder inside an object
 * @member: the member name
 * @v: (nullable) (array zero-terminated=1): the strings; %NULL writes []
 *
 * Writes an array of strings.
 */
void
ik_json_add_strv (JsonBuilder        *b,
                  const char         *member,
                  const char * const *v)
{
  g_autoptr(JsonArray) array = NULL;

  g_return_if_fail (JSON_IS_BUILDER (b));
  g_return_if_fail (member != NULL);

  /* The array is built directly: the builder's bookkeeping for every
   * element cost more than the element. */
  array = json_array_sized_new (v != NULL ? g_strv_length ((char **) v) : 0);
  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    json_array_add_string_element (array, v[i]);
  json_builder_set_member_name (b, member);
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), array));
}

/**
 * ik_enum_to_nick:
 * @enum_type: a #GEnum type
 * @value: a value of it
 *
 * Returns: (nullable): the nick stored in files, or %NULL for an invalid value
 */
const char *
ik_enum_to_nick (GType enum_type,
                 int   value)
{
  GEnumClass *klass;
  GEnumValue *ev;
  const char *nick;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value (klass, value);
  /* Enum values are static data, so the nick outlives the class ref. */
  nick = ev != NULL ? ev->value_nick : NULL;
  g_type_class_unref (klass);
  return nick;
}

/**
 * ik_enum_from_nick:
 * @enum_type: a #GEnum type
 * @nick: (nullable): a nick
 * @value: (out): the value
 *
 * Returns: %TRUE when @nick names a value of @enum_type
 */
gboolean
ik_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev != NULL)
    *value = ev->value;
  g_type_class_unref (klass);
  return ev != NULL;
}

/* Writing ***********************************************************************
 *
 * The pretty-printer of ik_json_to_data(): the layout of json-glib 1.6's
 * JsonGenerator (pretty, indent 2, " : " after names, an empty object
 * written as "{", its indentation and "}"), in one pass that also checks what json-glib
 * does not. It refuses (and ik_json_to_data() then falls back to json-glib
 * and the full check, for the message) invalid UTF-8, doubles, nesting
 * deeper than ik_json_parse() reads, and any node it does not know. Unlike
 * json-glib it escapes U+001F, which json-glib 1.6 writes raw (a file that
 * could then not be read back). */

static void
write_indent (GString *out,
              guint    level)
{
  static const char spaces[] = "                                                                ";
  gsize n = (gsize) level * 2;

  while (n > 0)
    {
      gsize chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (out, spaces, chunk);
      n -= chunk;
    }
}

/* Appends "s", escaped like json-glib does; FALSE on invalid UTF-8. */
static gboolean
write_string (GString    *out,
              const char *s)
{
  const guchar *p = (const guchar *) s;

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      while (plain_string_byte[*p] && *p != 0x7F)
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);

      if (*p == '\0')
        break;
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) *p);
          p++;
        }
      else if (*p < 0x20 || *p == 0x7F)
        {
          switch (*p)
            {
            case '\b': g_string_append_len (out, "\\b", 2); break;
            case '\f': g_string_append_len (out, "\\f", 2); break;
            case '\n': g_string_append_len (out, "\\n", 2); break;
            case '\r': g_string_append_len (out, "\\r", 2); break;
            case '\t': g_string_append_len (out, "\\t", 2); break;
            default:
              {
                static const char hex[] = "0123456789abcdef";
                char esc[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xF] };

                g_string_append_len (out, esc, 6);
              }
              break;
            }
          p++;
        }
      else
        {
          /* The NUL ends the string, so the sequence cannot run past it. */
          gsize n = utf8_sequence_length (p, p + 4);

          if (n == 0)
            return FALSE;
          g_string_append_len (out, (const char *) p, n);
          p += n;
        }
    }
  g_string_append_c (out, '"');
  return TRUE;
}

static void
write_int (GString *out,
           gint64   value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = end;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, end - p);
}

/* Writes @node, whose line starts at indentation @level (already written).
 * A container at @level is at depth @level + 1 as ik_json_parse() counts. */
static gboolean
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append_len (out, "null", 4);
      return TRUE;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          write_int (out, json_node_get_int (node));
          return TRUE;
        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (node))
            g_string_append_len (out, "true", 4);
          else
            g_string_append_len (out, "false", 5);
          return TRUE;
        case G_TYPE_STRING:
          return json_node_get_string (node) != NULL &&
                 write_string (out, json_node_get_string (node));
        default:
          /* Doubles: json-glib writes some unreadably, and we read none. */
          return FALSE;
        }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (level + 1 > IK_JSON_MAX_DEPTH)
          return FALSE;
        g_string_append_c (out, '[');
        if (n == 0)
          {
            g_string_append_c (out, ']');
            return TRUE;
          }
        g_string_append_c (out, '\n');
        for (guint i = 0; i < n; i++)
          {
            write_indent (out, level + 1);
            if (!write_node (out, json_array_get_element (array, i), level + 1))
              return FALSE;
            if (i + 1 < n)
              g_string_append_c (out, ',');
            g_string_append_c (out, '\n');
          }
        write_indent (out, level);
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        guint n = json_object_get_size (object);
        guint i = 0;

        if (level + 1 > IK_JSON_MAX_DEPTH)
          return FALSE;
        g_string_append_c (out, '{');
        if (n == 0)
          {
            /* json-glib's layout of an empty object. */
            write_indent (out, level);
            g_string_append_c (out, '}');
            return TRUE;
          }
        g_string_append_c (out, '\n');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            write_indent (out, level + 1);
            if (!write_string (out, name))
              return FALSE;
            g_string_append_len (out, " : ", 3);
            if (!write_node (out, member, level + 1))
              return FALSE;
            if (++i < n)
              g_string_append_c (out, ',');
            g_string_append_c (out, '\n');
          }
        write_indent (out, level);
        g_string_append_c (out, '}');
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/**
 * ik_json_to_data:
 * @root: a document (an object node)
 * @length: (out) (optional): the length of the result
 * @error: return location for an error
 *
 * Serialises pretty-printed with a final newline (json-glib's layout),
 * then checks the result with the strict parser: a file we cannot read
 * back must never be saved. Invalid UTF-8, doubles and too deep nesting
 * fail with the message of ik_json_parse() on what json-glib would write.
 *
 * Returns: (transfer full): the text, or %NULL
 */
char *
ik_json_to_data (JsonNode  *root,
                 gsize     *length,
                 GError   **error)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) check = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  char *result;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Our own writer first. What it writes is readable by construction:
   * an object root, every string checked for UTF-8 as it is escaped (all
   * control characters escaped, and a C string holds no NUL), integers
   * only, depth checked, member names unique (a JsonObject cannot repeat
   * one). So only the size is left to check; the tests re-parse what it
   * writes (tests/test-json.c). Anything it refuses takes the old path:
   * json-glib, then the full parse, for the error message. */
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      GString *out = g_string_sized_new (16 * 1024);

      if (write_node (out, root, 0))
        {
          g_string_append_c (out, '\n');
          if (out->len <= IK_JSON_MAX_FILE_SIZE)
            {
              if (length != NULL)
                *length = out->len;
              return g_string_free (out, FALSE);
            }
          else
            {
              /* Readable but over the cap. Said here: json-glib's output
               * would fail on something else first (it writes U+001F raw). */
              g_autofree char *size = g_format_size_full (out->len, G_FORMAT_SIZE_IEC_UNITS);
              g_autofree char *max = g_format_size_full (IK_JSON_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

              g_string_free (out, TRUE);
              g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                           _("The document is too large to save (%s, at most %s)"), size, max);
              return NULL;
            }
        }
      g_string_free (out, TRUE);
    }

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  result = g_malloc (len + 2);
  memcpy (result, text, len);
  result[len] = '\n';
  result[len + 1] = '\0';
  len++;

  /* Checking needs no tree: the same strict pass, validating only. What
   * it refuses is parsed for real, for the message (or, should the two
   * ever disagree, accepted as ik_json_parse() accepts it). */
  if (len <= IK_JSON_MAX_FILE_SIZE && fast_parse (result, len, 0, FALSE, NULL))
    check = NULL;
  else if ((check = ik_json_parse (result, len, NULL, NULL, &local_error)) == NULL)
    {
      g_free (result);
      g_set_error (error, IK_JSON_ERROR, local_error->code,
                   _("Could not write a readable document: %s"), local_error->message);
      return NULL;
    }

  if (length != NULL)
    *length = len;
  return result;
}

/**
 * ik_uuid_new:
 *
 * Returns: (transfer full): a new random UUID, which is a valid id
 */
char *
ik_uuid_new (void)
{
  return g_uuid_string_random ();
}

/**
 * ik_id_is_valid:
 * @id: (nullable): a candidate id
 *
 * Ids become file names, so only [A-Za-z0-9_-]{1,64} is accepted: this
 * rules out "..", "/", NUL, dot files and anything a file system mangles.
 *
 * Returns: %TRUE when @id is a valid id
 */
gboolean
ik_id_is_valid (const char *id)
{
  gsize n = 0;

  if (id == NULL)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++, n++)
    {
      if (n >= 64)
        return FALSE;
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return n > 0;
}
