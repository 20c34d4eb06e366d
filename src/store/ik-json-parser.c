/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json-parser.c: the one JSON grammar of the model.
 *
 * IkJsonPull reads the bytes once, front to back, and hands out tokens. It
 * checks everything itself and says where a problem is: the grammar of RFC
 * 8259, UTF-8 (inside strings; outside them only JSON's ASCII is allowed),
 * the nesting limit, the size cap, and the policy of our files on top of
 * RFC 8259: the root is an object, member names are unique in an object
 * (compared decoded, since json-glib would keep only the last value) and
 * no string holds U+0000 (json-glib truncates it there). A UTF-8 byte
 * order mark is skipped. Numbers are not limited: an integer in int64 is an
 * IK_JSON_TOKEN_INT, any other number an IK_JSON_TOKEN_NUMBER with its text,
 * so that whatever a later version puts in a member this one does not know
 * is read and written back exactly; the typed readers refuse such numbers
 * where the model expects an integer.
 *
 * ik_json_parse() builds a JsonNode tree from the tokens (json-glib's
 * JsonParser took two thirds of a library load, and its grammar is looser
 * than ours). Readers may also walk the tokens directly and build a node
 * only for what they do not know (ik_json_pull_read_node()).
 */
#include "config.h"

#include "ik-json-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (ik-json-error-quark, ik_json_error)

const guchar ik_json_plain_string_byte[256] = {
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

/* What the next token may be. */
typedef enum
{
  EXPECT_ROOT,
  EXPECT_FIRST_MEMBER,    /* after "{" */
  EXPECT_MEMBER,          /* after "," in an object */
  EXPECT_VALUE,           /* after ":" */
  EXPECT_FIRST_ELEMENT,   /* after "[" */
  EXPECT_ELEMENT,         /* after "," in an array */
  EXPECT_SEPARATOR,       /* after a value in a container: "," or its end */
  EXPECT_END,             /* after the root */
  EXPECT_NOTHING,         /* IK_JSON_TOKEN_END was returned */
  FAILED,
} Expect;

struct _IkJsonPull
{
  const guchar *data;       /* after a byte order mark: locations count from here */
  const guchar *p;
  const guchar *end;
  Expect        expect;
  guint         depth;      /* open containers; the root object is 1 */
  char          open[IK_JSON_MAX_DEPTH + 1];  /* '{' or '[' of each level */
  /* The names seen in each open object; NULL when the caller checks
   * duplicates itself (the tree builder: its JsonObject already hashes
   * every name). */
  GHashTable   *names[IK_JSON_MAX_DEPTH + 1];
  gboolean      check_duplicates;
  const guchar *token;      /* where the last token starts */
  GString      *text;       /* decoded string or name, or number text */
  gint64        integer;
  GError       *error;
  guint         error_line;
  guint         error_column;
};

static IkJsonToken fail_at (IkJsonPull   *pull,
                            const guchar *at,
                            IkJsonError   code,
                            const char   *reason);

/**
 * ik_json_pull_new:
 * @data: the bytes of a document; must stay alive as long as the reader
 * @length: the number of bytes
 *
 * A reader of the tokens of @data, which must be a document
 * ik_json_parse() reads: a size cap, UTF-8, an object at the root. The
 * first ik_json_pull_next() gives %IK_JSON_TOKEN_BEGIN_OBJECT or
 * %IK_JSON_TOKEN_ERROR; after the root object it gives
 * %IK_JSON_TOKEN_END, or an error if anything but white space follows.
 *
 * Returns: (transfer full): a new reader
 */
/**
 * ik_json_byte_order_mark_length:
 * @data: the bytes of a document
 * @length: their number
 *
 * The places the pull parser gives (ranges of members, ends of values)
 * count from after a UTF-8 byte order mark: add this to them to find them
 * in @data.
 *
 * Returns: 3 when @data starts with a UTF-8 byte order mark, else 0
 */
gsize
ik_json_byte_order_mark_length (const char *data,
                                gsize       length)
{
  return length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

IkJsonPull *
ik_json_pull_new (const char *data,
                  gsize       length)
{
  IkJsonPull *pull;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  pull = g_new0 (IkJsonPull, 1);
  pull->data = (const guchar *) (data != NULL ? data : "");
  pull->end = pull->data + length;
  /* A UTF-8 byte order mark is harmless; some editors on Windows add it. */
  pull->data += ik_json_byte_order_mark_length ((const char *) pull->data, length);
  pull->p = pull->data;
  pull->token = pull->p;
  pull->expect = EXPECT_ROOT;
  pull->check_duplicates = TRUE;
  pull->text = g_string_sized_new (256);

  /* Refused before reading anything. */
  if (length > IK_JSON_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (IK_JSON_MAX_FILE_SIZE);

      /* Not located: none of it is read. */
      g_set_error (&pull->error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("The file is too large (%s, at most %s)"), size, max);
      pull->expect = FAILED;
    }
  /* After the byte order mark: the bytes left, not @length. */
  else if (pull->end - pull->data >= 2
           && ((pull->data[0] == 0xFF && pull->data[1] == 0xFE)
               || (pull->data[0] == 0xFE && pull->data[1] == 0xFF)))
    fail_at (pull, pull->data, IK_JSON_ERROR_INVALID,
             _("The file is in UTF-16; only UTF-8 is supported"));
  return pull;
}

void
ik_json_pull_free (IkJsonPull *pull)
{
  if (pull == NULL)
    return;

  for (guint i = 0; i <= IK_JSON_MAX_DEPTH; i++)
    g_clear_pointer (&pull->names[i], g_hash_table_unref);
  g_string_free (pull->text, TRUE);
  g_clear_error (&pull->error);
  g_free (pull);
}

/* Line and column (1-based, in characters) of @at. The data before it is
 * valid UTF-8, or the error is at the first invalid byte. */
static void
locate (IkJsonPull   *pull,
        const guchar *at,
        guint        *line,
        guint        *column)
{
  guint l = 1;
  guint c = 1;

  for (const guchar *q = pull->data; q < at; q++)
    {
      if (*q == '\n')
        {
          l++;
          c = 1;
        }
      else if ((*q & 0xC0) != 0x80)
        {
          c++;
        }
    }
  *line = l;
  *column = c;
}

/* Every error goes through here: the reader stops, and what it says is
 * "Line L, column C: reason" for the first problem in the text. */
static IkJsonToken
fail_at (IkJsonPull   *pull,
         const guchar *at,
         IkJsonError   code,
         const char   *reason)
{
  g_assert (pull->error == NULL);

  locate (pull, at, &pull->error_line, &pull->error_column);
  g_set_error (&pull->error, IK_JSON_ERROR, code, _("Line %u, column %u: %s"),
               pull->error_line, pull->error_column, reason);
  pull->expect = FAILED;
  return IK_JSON_TOKEN_ERROR;
}

/* At a byte that cannot start what is expected: the message names the
 * common mistakes, and @reason says what was expected otherwise. */
static IkJsonToken
fail_unexpected (IkJsonPull *pull,
                 const char *reason)
{
  const guchar *p = pull->p;

  if (p >= pull->end)
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Unexpected end of the document"));
  if (*p == '\0')
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("The file contains a NUL byte (is it UTF-16?)"));
  if (*p == '/')
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Comments are not allowed"));
  if (*p == '\'')
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Strings must use double quotes"));
  if (*p >= 0x80 && ik_json_utf8_sequence_length (p, pull->end) == 0)
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("The file is not valid UTF-8"));
  return fail_at (pull, p, IK_JSON_ERROR_INVALID, reason);
}

static inline void
skip_space (IkJsonPull *pull)
{
  const guchar *p = pull->p;

  while (p < pull->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  pull->p = p;
}

static inline int
hex4 (const guchar *p,
      const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint k = 0; k < 4; k++)
    {
      int h = g_ascii_xdigit_value ((char) p[k]);

      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

/* At the opening quote: decodes the string into pull->text. */
static gboolean
read_string (IkJsonPull *pull)
{
  const guchar *start = pull->p;
  const guchar *p = start + 1;
  const guchar *end = pull->end;
  GString *text = pull->text;

  g_string_truncate (text, 0);
  for (;;)
    {
      const guchar *run = p;

      /* Plain printable ASCII, the bulk of every string. */
      while (p < end && ik_json_plain_string_byte[*p])
        p++;
      if (p > run)
        g_string_append_len (text, (const char *) run, p - run);
      if (p >= end)
        {
          fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Unterminated string"));
          return FALSE;
        }

      if (*p == '"')
        {
          pull->p = p + 1;
          return TRUE;
        }
      if (*p == '\0')
        {
          fail_at (pull, p, IK_JSON_ERROR_INVALID, _("The file contains a NUL byte (is it UTF-16?)"));
          return FALSE;
        }
      if (*p < 0x20)
        {
          fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Control character in a string (it must be escaped)"));
          return FALSE;
        }
      if (*p >= 0x80)
        {
          gsize n = ik_json_utf8_sequence_length (p, end);

          if (n == 0)
            {
              fail_at (pull, p, IK_JSON_ERROR_INVALID, _("The file is not valid UTF-8"));
              return FALSE;
            }
          g_string_append_len (text, (const char *) p, n);
          p += n;
          continue;
        }

      /* A backslash. */
      if (end - p < 2)
        {
          fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Unterminated string"));
          return FALSE;
        }
      switch (p[1])
        {
        case '"': case '\\': case '/':
          g_string_append_c (text, (char) p[1]);
          p += 2;
          break;
        case 'b':
          g_string_append_c (text, '\b');
          p += 2;
          break;
        case 'f':
          g_string_append_c (text, '\f');
          p += 2;
          break;
        case 'n':
          g_string_append_c (text, '\n');
          p += 2;
          break;
        case 'r':
          g_string_append_c (text, '\r');
          p += 2;
          break;
        case 't':
          g_string_append_c (text, '\t');
          p += 2;
          break;
        case 'u':
          {
            int value = hex4 (p + 2, end);
            gunichar ch;

            if (value < 0)
              {
                fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Malformed \\u escape in a string"));
                return FALSE;
              }
            /* Our policy, not RFC 8259's: json-glib and C strings end
             * there, so the rest of the text would be lost. */
            if (value == 0)
              {
                fail_at (pull, p, IK_JSON_ERROR_INVALID, _("A string contains a NUL character (\\u0000)"));
                return FALSE;
              }
            if (value >= 0xDC00 && value <= 0xDFFF)
              {
                fail_at (pull, p, IK_JSON_ERROR_INVALID, _("A string contains a lone low surrogate escape"));
                return FALSE;
              }
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                int low = -1;

                if (end - p >= 12 && p[6] == '\\' && p[7] == 'u')
                  low = hex4 (p + 8, end);
                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    fail_at (pull, p, IK_JSON_ERROR_INVALID, _("A string contains a lone high surrogate escape"));
                    return FALSE;
                  }
                ch = 0x10000 + (((gunichar) value - 0xD800) << 10) + ((gunichar) low - 0xDC00);
                p += 12;
              }
            else
              {
                ch = (gunichar) value;
                p += 6;
              }
            g_string_append_unichar (text, ch);
          }
          break;
        default:
          fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Invalid escape sequence in a string"));
          return FALSE;
        }
    }
}

gsize
ik_json_number_length (const guchar *p,
                       const guchar *end,
                       gboolean     *is_integer)
{
  const guchar *q = p;

  *is_integer = TRUE;
  if (q < end && *q == '-')
    q++;
  if (q >= end || !g_ascii_isdigit (*q))
    return 0;
  if (*q == '0')
    q++;
  else
    while (q < end && g_ascii_isdigit (*q))
      q++;

  if (q < end && *q == '.')
    {
      q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return 0;
      while (q < end && g_ascii_isdigit (*q))
        q++;
      *is_integer = FALSE;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return 0;
      while (q < end && g_ascii_isdigit (*q))
        q++;
      *is_integer = FALSE;
    }
  return q - p;
}

/* The characters that would run on from a number or a word: "12abc",
 * "1.2.3" and "truely" are one malformed token, not two. */
static inline gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* Whether the integer text [p, end) fits in int64; sets *value. */
static gboolean
integer_value (const guchar *p,
               const guchar *end,
               gint64       *value)
{
  gboolean negative = *p == '-';
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 magnitude = 0;

  if (negative)
    p++;
  for (; p < end; p++)
    {
      guint d = *p - '0';

      if (magnitude > (limit - d) / 10)
        return FALSE;
      magnitude = magnitude * 10 + d;
    }
  if (negative)
    *value = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
  else
    *value = (gint64) magnitude;
  return TRUE;
}

static IkJsonToken
read_number (IkJsonPull *pull)
{
  const guchar *start = pull->p;
  const guchar *digits = *start == '-' ? start + 1 : start;
  gboolean is_integer;
  gsize n;

  /* The usual mistakes get their own message. */
  if (digits + 1 < pull->end && digits[0] == '0')
    {
      if (digits[1] == 'x' || digits[1] == 'X')
        return fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Hexadecimal numbers are not allowed"));
      if (g_ascii_isdigit (digits[1]))
        return fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Numbers must not have leading zeros"));
    }

  n = ik_json_number_length (start, pull->end, &is_integer);
  if (n == 0 || (start + n < pull->end && is_word_char (start[n])))
    return fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Malformed number"));

  pull->p = start + n;
  pull->expect = EXPECT_SEPARATOR;
  /* -0 is 0: an integer member holding it reads as 0. */
  if (is_integer && integer_value (start, start + n, &pull->integer))
    return IK_JSON_TOKEN_INT;

  g_string_truncate (pull->text, 0);
  g_string_append_len (pull->text, (const char *) start, n);
  return IK_JSON_TOKEN_NUMBER;
}

static IkJsonToken
read_word (IkJsonPull *pull)
{
  const guchar *start = pull->p;
  const guchar *q = start;
  gsize n;

  while (q < pull->end && is_word_char (*q))
    q++;
  n = q - start;

  pull->p = q;
  pull->expect = EXPECT_SEPARATOR;
  if (n == 4 && memcmp (start, "true", 4) == 0)
    return IK_JSON_TOKEN_TRUE;
  if (n == 5 && memcmp (start, "false", 5) == 0)
    return IK_JSON_TOKEN_FALSE;
  if (n == 4 && memcmp (start, "null", 4) == 0)
    return IK_JSON_TOKEN_NULL;
  return fail_at (pull, start, IK_JSON_ERROR_INVALID,
                  _("Unexpected word (only true, false and null are allowed)"));
}

static IkJsonToken
open_container (IkJsonPull *pull,
                char        kind)
{
  if (pull->depth == IK_JSON_MAX_DEPTH)
    return fail_at (pull, pull->p, IK_JSON_ERROR_TOO_DEEP, _("Nested too deeply"));

  pull->depth++;
  pull->open[pull->depth] = kind;
  pull->p++;
  if (kind == '{')
    {
      pull->expect = EXPECT_FIRST_MEMBER;
      return IK_JSON_TOKEN_BEGIN_OBJECT;
    }
  pull->expect = EXPECT_FIRST_ELEMENT;
  return IK_JSON_TOKEN_BEGIN_ARRAY;
}

/* At "}" or "]". */
static IkJsonToken
close_container (IkJsonPull *pull)
{
  char kind = *pull->p == '}' ? '{' : '[';

  if (pull->open[pull->depth] != kind)
    return fail_at (pull, pull->p, IK_JSON_ERROR_INVALID, _("Mismatched closing bracket"));

  if (pull->names[pull->depth] != NULL)
    g_hash_table_remove_all (pull->names[pull->depth]);
  pull->depth--;
  pull->p++;
  pull->expect = pull->depth == 0 ? EXPECT_END : EXPECT_SEPARATOR;
  return kind == '{' ? IK_JSON_TOKEN_END_OBJECT : IK_JSON_TOKEN_END_ARRAY;
}

static IkJsonToken
read_member (IkJsonPull *pull)
{
  const guchar *start = pull->p;

  if (start >= pull->end || *start != '"')
    {
      if (start < pull->end && (*start == '}' || *start == ']') && pull->expect == EXPECT_MEMBER)
        return fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Trailing commas are not allowed"));
      return fail_unexpected (pull, _("Expected a member name in double quotes"));
    }
  if (!read_string (pull))
    return IK_JSON_TOKEN_ERROR;

  if (pull->check_duplicates)
    {
      GHashTable **names = &pull->names[pull->depth];

      if (*names == NULL)
        *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (*names, g_strndup (pull->text->str, pull->text->len)))
        return fail_at (pull, start, IK_JSON_ERROR_INVALID, _("Duplicate member name in an object"));
    }

  skip_space (pull);
  if (pull->p >= pull->end || *pull->p != ':')
    return fail_unexpected (pull, _("Expected “:” after a member name"));
  pull->p++;
  pull->expect = EXPECT_VALUE;
  return IK_JSON_TOKEN_MEMBER;
}

static IkJsonToken
read_value (IkJsonPull *pull)
{
  const guchar *p = pull->p;

  if (p >= pull->end)
    return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Unexpected end of the document"));

  switch (*p)
    {
    case '{':
    case '[':
      return open_container (pull, (char) *p);

    case '"':
      if (!read_string (pull))
        return IK_JSON_TOKEN_ERROR;
      pull->expect = EXPECT_SEPARATOR;
      return IK_JSON_TOKEN_STRING;

    case '}':
    case ']':
      if (pull->expect == EXPECT_ELEMENT)
        return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Trailing commas are not allowed"));
      return fail_at (pull, p, IK_JSON_ERROR_INVALID, _("Expected a value"));

    case '-':
      return read_number (pull);

    default:
      if (g_ascii_isdigit (*p))
        return read_number (pull);
      if (g_ascii_isalpha (*p))
        return read_word (pull);
      return fail_unexpected (pull, _("Unexpected character"));
    }
}

/**
 * ik_json_pull_next:
 * @pull: a reader
 *
 * Reads the next token. After %IK_JSON_TOKEN_ERROR or %IK_JSON_TOKEN_END
 * it gives the same again.
 *
 * Returns: the token
 */
IkJsonToken
ik_json_pull_next (IkJsonPull *pull)
{
  g_return_val_if_fail (pull != NULL, IK_JSON_TOKEN_ERROR);

  for (;;)
    {
      skip_space (pull);
      pull->token = pull->p;

      switch (pull->expect)
        {
        case EXPECT_ROOT:
          if (pull->p >= pull->end)
            return fail_at (pull, pull->p, IK_JSON_ERROR_INVALID, _("The document is empty"));
          if (*pull->p == '{')
            return open_container (pull, '{');
          return fail_unexpected (pull, _("The document must be a JSON object"));

        case EXPECT_FIRST_MEMBER:
          if (pull->p < pull->end && (*pull->p == '}' || *pull->p == ']'))
            return close_container (pull);
          return read_member (pull);

        case EXPECT_MEMBER:
          return read_member (pull);

        case EXPECT_FIRST_ELEMENT:
          if (pull->p < pull->end && (*pull->p == ']' || *pull->p == '}'))
            return close_container (pull);
          return read_value (pull);

        case EXPECT_VALUE:
        case EXPECT_ELEMENT:
          return read_value (pull);

        case EXPECT_SEPARATOR:
          if (pull->p < pull->end && *pull->p == ',')
            {
              pull->p++;
              pull->expect = pull->open[pull->depth] == '{' ? EXPECT_MEMBER : EXPECT_ELEMENT;
              continue;
            }
          if (pull->p < pull->end && (*pull->p == '}' || *pull->p == ']'))
            return close_container (pull);
          return fail_unexpected (pull, pull->open[pull->depth] == '{'
                                        ? _("Expected “,” or “}” after a member")
                                        : _("Expected “,” or “]” after an element"));

        case EXPECT_END:
          if (pull->p < pull->end)
            return fail_at (pull, pull->p, IK_JSON_ERROR_INVALID,
                            _("Unexpected content after the end of the document"));
          pull->expect = EXPECT_NOTHING;
          return IK_JSON_TOKEN_END;

        case EXPECT_NOTHING:
          return IK_JSON_TOKEN_END;

        case FAILED:
        default:
          return IK_JSON_TOKEN_ERROR;
        }
    }
}

/**
 * ik_json_pull_get_string:
 * @pull: a reader
 * @length: (out) (optional): the length in bytes
 *
 * The decoded text of the last %IK_JSON_TOKEN_STRING or
 * %IK_JSON_TOKEN_MEMBER (valid UTF-8 without NUL), or the text of the last
 * %IK_JSON_TOKEN_NUMBER as written. Valid until the next token.
 *
 * Returns: (transfer none): the text
 */
const char *
ik_json_pull_get_string (IkJsonPull *pull,
                         gsize      *length)
{
  g_return_val_if_fail (pull != NULL, NULL);

  if (length != NULL)
    *length = pull->text->len;
  return pull->text->str;
}

/**
 * ik_json_pull_get_int:
 * @pull: a reader
 *
 * Returns: the value of the last %IK_JSON_TOKEN_INT
 */
gint64
ik_json_pull_get_int (IkJsonPull *pull)
{
  g_return_val_if_fail (pull != NULL, 0);

  return pull->integer;
}

/**
 * ik_json_pull_get_depth:
 * @pull: a reader
 *
 * Returns: the number of open containers (1 inside the root object)
 */
guint
ik_json_pull_get_depth (IkJsonPull *pull)
{
  g_return_val_if_fail (pull != NULL, 0);

  return pull->depth;
}

/**
 * ik_json_pull_propagate_error:
 * @pull: a reader that gave %IK_JSON_TOKEN_ERROR
 * @line: (out) (optional): the line of the error, 1-based, 0 when the
 *   error has no place (the size cap)
 * @column: (out) (optional): the column, in characters, 1-based, or 0
 * @error: return location for the error, "Line L, column C: reason"
 */
void
ik_json_pull_propagate_error (IkJsonPull  *pull,
                              guint       *line,
                              guint       *column,
                              GError     **error)
{
  g_return_if_fail (pull != NULL);
  g_return_if_fail (pull->error != NULL);

  if (line != NULL)
    *line = pull->error_line;
  if (column != NULL)
    *column = pull->error_column;
  g_propagate_error (error, g_error_copy (pull->error));
}

/* The tree builder *************************************************************/

JsonNode *
ik_json_number_node_new (const char *text,
                         gsize       length)
{
  char short_marked[64];
  g_autofree char *long_marked = NULL;
  char *marked = length + 2 <= sizeof short_marked
                 ? short_marked : (long_marked = g_malloc (length + 2));

  marked[0] = IK_JSON_NUMBER_MARK;
  memcpy (marked + 1, text, length);
  marked[length + 1] = '\0';
  return json_node_init_string (json_node_alloc (), marked);
}

static JsonNode *build_value (IkJsonPull  *pull,
                              IkJsonToken  token);

static JsonNode *
build_object (IkJsonPull *pull)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;
  guint n_members = 0;

  for (;;)
    {
      IkJsonToken token = ik_json_pull_next (pull);
      /* The name is decoded in pull->text, which the value reuses: keep a
       * copy, on the stack when it is short (it nearly always is). */
      char short_name[64];
      g_autofree char *long_name = NULL;
      const char *name;
      const guchar *name_at = pull->token;
      JsonNode *member;

      if (token == IK_JSON_TOKEN_END_OBJECT)
        break;
      if (token != IK_JSON_TOKEN_MEMBER)
        goto fail;

      if (pull->text->len < sizeof short_name)
        {
          memcpy (short_name, pull->text->str, pull->text->len + 1);
          name = short_name;
        }
      else
        name = long_name = g_strndup (pull->text->str, pull->text->len);

      member = build_value (pull, ik_json_pull_next (pull));
      if (member == NULL)
        goto fail;
      /* A member set again replaces the first one: the size tells a
       * duplicate name without a second lookup. */
      n_members++;
      json_object_set_member (object, name, member);
      if (json_object_get_size (object) != n_members)
        {
          fail_at (pull, name_at, IK_JSON_ERROR_INVALID, _("Duplicate member name in an object"));
          goto fail;
        }
    }

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;

fail:
  json_object_unref (object);
  return NULL;
}

static JsonNode *
build_array (IkJsonPull *pull)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  for (;;)
    {
      IkJsonToken token = ik_json_pull_next (pull);
      JsonNode *element;

      if (token == IK_JSON_TOKEN_END_ARRAY)
        break;
      element = build_value (pull, token);
      if (element == NULL)
        {
          json_array_unref (array);
          return NULL;
        }
      json_array_add_element (array, element);
    }

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

static JsonNode *
build_value (IkJsonPull  *pull,
             IkJsonToken  token)
{
  switch (token)
    {
    case IK_JSON_TOKEN_BEGIN_OBJECT:
      return build_object (pull);
    case IK_JSON_TOKEN_BEGIN_ARRAY:
      return build_array (pull);
    case IK_JSON_TOKEN_STRING:
      return json_node_init_string (json_node_alloc (), pull->text->str);
    case IK_JSON_TOKEN_INT:
      return json_node_init_int (json_node_alloc (), pull->integer);
    case IK_JSON_TOKEN_NUMBER:
      return ik_json_number_node_new (pull->text->str, pull->text->len);
    case IK_JSON_TOKEN_TRUE:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case IK_JSON_TOKEN_FALSE:
      return json_node_init_boolean (json_node_alloc (), FALSE);
    case IK_JSON_TOKEN_NULL:
      return json_node_init_null (json_node_alloc ());
    case IK_JSON_TOKEN_ERROR:
      return NULL;
    case IK_JSON_TOKEN_END:
    case IK_JSON_TOKEN_MEMBER:
    case IK_JSON_TOKEN_END_OBJECT:
    case IK_JSON_TOKEN_END_ARRAY:
    default:
      /* The reader only gives these where no value can start. */
      g_assert_not_reached ();
    }
}

/**
 * ik_json_pull_read_node:
 * @pull: a reader
 * @token: the token just read, the start of a value
 *
 * Builds the node of the value that starts with @token, reading the rest
 * of it (a whole object or array): for a reader that walks the tokens and
 * keeps what it does not know as it is.
 *
 * Returns: (transfer full) (nullable): the node, or %NULL after an error
 *   (see ik_json_pull_propagate_error())
 */
JsonNode *
ik_json_pull_read_node (IkJsonPull  *pull,
                        IkJsonToken  token)
{
  g_return_val_if_fail (pull != NULL, NULL);
  g_return_val_if_fail (token != IK_JSON_TOKEN_END && token != IK_JSON_TOKEN_MEMBER
                        && token != IK_JSON_TOKEN_END_OBJECT
                        && token != IK_JSON_TOKEN_END_ARRAY, NULL);

  return build_value (pull, token);
}

/**
 * ik_json_parse:
 * @data: the bytes of a file
 * @length: the number of bytes
 * @line: (out) (optional): the line of an error, 1-based, 0 when unknown
 * @column: (out) (optional): the column of an error, 1-based, 0 when unknown
 * @error: return location for an error
 *
 * Parses a document whose root must be an object, with the grammar of
 * IkJsonPull: strict RFC 8259, at most %IK_JSON_MAX_FILE_SIZE bytes and
 * %IK_JSON_MAX_DEPTH levels, no duplicate member names, no "\u0000". A
 * UTF-8 byte order mark is skipped. Numbers other than integers in int64
 * are kept as written (ik_json_node_get_number_text()). The tree is not
 * sealed: json_node_seal() hashes every string, a fifth of a load, and
 * nothing relies on it.
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
  g_autoptr(IkJsonPull) pull = NULL;
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;

  pull = ik_json_pull_new (data, length);
  pull->check_duplicates = FALSE;
  if (ik_json_pull_next (pull) == IK_JSON_TOKEN_BEGIN_OBJECT)
    root = build_object (pull);
  if (root != NULL && ik_json_pull_next (pull) == IK_JSON_TOKEN_END)
    return root;

  g_clear_pointer (&root, json_node_unref);
  ik_json_pull_propagate_error (pull, line, column, error);
  return NULL;
}

/* Readers that walk the tokens ***********************************************/

/**
 * ik_json_pull_string_is_valid:
 * @pull: a reader that just gave %IK_JSON_TOKEN_STRING
 *
 * Whether the string passes the checks of ik_json_get_string(): at most
 * %IK_JSON_MAX_STRING_LENGTH bytes. The reader has checked the rest (UTF-8
 * without NUL) for every string, so only the length is left.
 *
 * Returns: %TRUE when ik_json_get_string() would take it
 */
gboolean
ik_json_pull_string_is_valid (IkJsonPull *pull)
{
  g_return_val_if_fail (pull != NULL, FALSE);

  return pull->text->len <= IK_JSON_MAX_STRING_LENGTH;
}

/**
 * ik_json_pull_read_strings:
 * @pull: a reader that just gave %IK_JSON_TOKEN_BEGIN_ARRAY
 * @out: (element-type utf8): where the strings are appended, newly
 *   allocated
 *
 * Reads an array of strings to its end, each checked as
 * ik_json_pull_string_is_valid() does.
 *
 * Returns: %FALSE when an element is anything else; the reader is then
 *   somewhere inside the array
 */
gboolean
ik_json_pull_read_strings (IkJsonPull *pull,
                           GPtrArray  *out)
{
  IkJsonToken token;

  g_return_val_if_fail (pull != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_STRING)
    {
      if (!ik_json_pull_string_is_valid (pull))
        return FALSE;
      g_ptr_array_add (out, g_strndup (pull->text->str, pull->text->len));
    }
  return token == IK_JSON_TOKEN_END_ARRAY;
}

/* Reads the value of the member just given into @unknown under its name,
 * as ik_json_collect_unknown() would have kept it; FALSE when the value
 * is not valid or the name is already there. */
static gboolean
add_unknown (IkJsonPull  *pull,
             JsonObject **unknown)
{
  g_autofree char *name = g_strndup (pull->text->str, pull->text->len);
  JsonNode *node = build_value (pull, ik_json_pull_next (pull));

  if (node == NULL)
    return FALSE;
  if (*unknown == NULL)
    *unknown = json_object_new ();
  else if (json_object_has_member (*unknown, name))
    {
      json_node_unref (node);
      return FALSE;
    }
  json_object_set_member (*unknown, name, node);
  return TRUE;
}

/**
 * ik_json_pull_next_known:
 * @pull: a reader inside an object, before a member or the object's "}"
 * @known: (array zero-terminated=1): the member names the caller reads,
 *   at most 32
 * @seen: (inout): a bit per entry of @known already read
 * @unknown: (inout) (nullable): the members not in @known, kept in their
 *   order as ik_json_collect_unknown() keeps them (created when the first
 *   one comes)
 *
 * Reads on to the next member the caller knows, keeping those it does not
 * on the way: the walk of the load's fast readers through an object.
 *
 * Returns: the index in @known of the member whose value comes next;
 *   %IK_JSON_PULL_END after the object's "}"; %IK_JSON_PULL_FAILED when the
 *   document is not valid there or a member comes twice
 */
int
ik_json_pull_next_known (IkJsonPull         *pull,
                         const char * const *known,
                         guint              *seen,
                         JsonObject        **unknown)
{
  IkJsonToken token;

  g_return_val_if_fail (pull != NULL, IK_JSON_PULL_FAILED);
  g_return_val_if_fail (known != NULL && seen != NULL && unknown != NULL, IK_JSON_PULL_FAILED);

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_MEMBER)
    {
      /* The writer writes them in @known's order: the first not yet
       * read is tried first, then those after the last one read (the
       * writer leaves out optional members: a session without a
       * keep-until date had every later member looked up from the start,
       * 95,000 comparisons to load 1,000 sessions), then all. */
      const char *name = pull->text->str;
      int i = g_bit_nth_lsf (~(gulong) *seen, -1);

      if (i < 0 || i >= 32 || known[i] == NULL || strcmp (name, known[i]) != 0)
        {
          int after = g_bit_nth_msf (*seen, -1) + 1;

          for (i = after; i < 32 && known[i] != NULL && strcmp (name, known[i]) != 0; i++)
            ;
          if (i >= 32 || known[i] == NULL)
            {
              i = 0;
              while (known[i] != NULL && strcmp (name, known[i]) != 0)
                i++;
            }
        }
      if (known[i] == NULL)
        {
          if (!add_unknown (pull, unknown))
            return IK_JSON_PULL_FAILED;
          continue;
        }
      g_assert (i < 32);
      if (*seen & (1u << i))
        return IK_JSON_PULL_FAILED;
      *seen |= 1u << i;
      return i;
    }
  return token == IK_JSON_TOKEN_END_OBJECT ? IK_JSON_PULL_END : IK_JSON_PULL_FAILED;
}

/**
 * IkJsonPullObjectFunc:
 * @pull: a reader that has just given the "{" of an object
 * @user_data: the caller's
 *
 * Reads the object to its "}".
 *
 * Returns: (transfer full) (nullable): what was read (a #GObject), or %NULL
 *   when the reader does not take the object
 */

/* Passes over the container whose "[" or "{" was just read, to
 * @member->skip_end. Only the ends are checked: the caller read these
 * bytes whole before. */
static gboolean
skip_container (IkJsonPull       *pull,
                IkJsonPullMember *member,
                IkJsonToken       token,
                gsize             start)
{
  gsize length = pull->end - pull->data;
  char close;

  if (token != (member->is_array ? IK_JSON_TOKEN_BEGIN_ARRAY : IK_JSON_TOKEN_BEGIN_OBJECT) ||
      start != member->skip_start || member->skip_end < start + 2 || member->skip_end > length)
    return FALSE;
  close = pull->open[pull->depth] == '{' ? '}' : ']';
  if (pull->data[member->skip_end - 1] != close)
    return FALSE;

  if (pull->names[pull->depth] != NULL)
    g_hash_table_remove_all (pull->names[pull->depth]);
  pull->depth--;
  pull->p = pull->data + member->skip_end;
  pull->expect = pull->depth == 0 ? EXPECT_END : EXPECT_SEPARATOR;
  member->start = start;
  member->end = member->skip_end;
  return TRUE;
}

/* Reads the value of @member (its first token just read). */
static gboolean
read_special_member (IkJsonPull       *pull,
                     IkJsonPullMember *member,
                     IkJsonToken       token)
{
  gsize start = pull->token - pull->data;

  if (token == IK_JSON_TOKEN_NULL)
    return TRUE;
  if (member->skip_end != 0)
    return skip_container (pull, member, token, start);
  member->objects = g_ptr_array_new_with_free_func (g_object_unref);
  if (!member->is_array)
    {
      gpointer object = token == IK_JSON_TOKEN_BEGIN_OBJECT
                        ? member->read (pull, member->user_data) : NULL;

      if (object == NULL)
        return FALSE;
      g_ptr_array_add (member->objects, object);
    }
  else
    {
      if (token != IK_JSON_TOKEN_BEGIN_ARRAY)
        return FALSE;
      while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_BEGIN_OBJECT)
        {
          gpointer object = member->objects->len < member->max
                            ? member->read (pull, member->user_data) : NULL;

          if (object == NULL)
            return FALSE;
          g_ptr_array_add (member->objects, object);
        }
      if (token != IK_JSON_TOKEN_END_ARRAY)
        return FALSE;
    }
  member->start = start;
  member->end = pull->p - pull->data;
  return TRUE;
}

/**
 * ik_json_pull_read_member:
 * @pull: a reader that has just given the name of @member
 * @member: the member, read with its own reader
 *
 * Reads the value of one member as ik_json_pull_read_object() reads those
 * of its @members: for the fast readers that walk an object themselves
 * (ik_json_pull_next_known()).
 *
 * Returns: %FALSE (@member's objects cleared) when the value is neither
 *   what @member says nor null, or holds more than its @max objects
 */
gboolean
ik_json_pull_read_member (IkJsonPull       *pull,
                          IkJsonPullMember *member)
{
  g_return_val_if_fail (pull != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  member->objects = NULL;
  member->start = member->end = 0;
  if (!read_special_member (pull, member, ik_json_pull_next (pull)))
    {
      g_clear_pointer (&member->objects, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

/**
 * ik_json_pull_new_document:
 * @data: the bytes of a document
 * @length: their number
 *
 * A reader for the fast readers that walk a whole document themselves:
 * the names a reader knows are checked for duplicates by
 * ik_json_pull_next_known(), and the nodes it builds check their own.
 * Check the end with ik_json_pull_next() giving %IK_JSON_TOKEN_END.
 *
 * Returns: (transfer full) (nullable): the reader just past the root's
 *   "{", or %NULL when the document does not start with one
 */
IkJsonPull *
ik_json_pull_new_document (const char *data,
                           gsize       length)
{
  g_autoptr(IkJsonPull) pull = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  pull = ik_json_pull_new (data, length);
  pull->check_duplicates = FALSE;
  if (ik_json_pull_next (pull) != IK_JSON_TOKEN_BEGIN_OBJECT)
    return NULL;
  return g_steal_pointer (&pull);
}

/**
 * ik_json_pull_new_slice:
 * @data: the bytes of one value cut from a document
 * @length: their number
 *
 * A reader of a value that an earlier read of a document passed over
 * (#IkJsonPullMember's @skip_start and @skip_end), to read it now: read
 * it with ik_json_pull_read_member(), as it would have been in the
 * document, then check the end with ik_json_pull_next() giving
 * %IK_JSON_TOKEN_END. Names are checked as with
 * ik_json_pull_new_document().
 *
 * Returns: (transfer full): the reader
 */
IkJsonPull *
ik_json_pull_new_slice (const char *data,
                        gsize       length)
{
  IkJsonPull *pull;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  pull = ik_json_pull_new (data, length);
  pull->check_duplicates = FALSE;
  if (pull->expect == EXPECT_ROOT)
    pull->expect = EXPECT_VALUE;
  return pull;
}

/**
 * ik_json_pull_read_object:
 * @pull: a reader that has just given the "{" of an object
 * @members: (array length=n_members): the members read with their own
 *   readers; each one's @objects is set to what it read, or %NULL when it
 *   is missing or null
 * @n_members: their number
 *
 * The walk of the library load's fast readers (ik_session_new_from_data(),
 * ik_bank_new_from_data()): the bulk of an object, its arrays of objects
 * or objects in @members, is read straight from the tokens, and every
 * other member is built as a node, for the tree reader to read as ever.
 *
 * Returns: (transfer full) (nullable): the object without @members, the
 *   reader just past its "}"; or %NULL (@members' objects cleared) when it
 *   is not valid, a member of @members is neither what it should be nor
 *   null, or holds more than its @max objects
 */
JsonObject *
ik_json_pull_read_object (IkJsonPull       *pull,
                          IkJsonPullMember *members,
                          guint             n_members)
{
  g_autoptr(JsonObject) o = json_object_new ();
  IkJsonToken token;
  guint seen = 0;

  g_return_val_if_fail (pull != NULL, NULL);
  g_return_val_if_fail (n_members < 32, NULL);

  for (guint m = 0; m < n_members; m++)
    {
      members[m].objects = NULL;
      members[m].start = members[m].end = 0;
    }

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_MEMBER)
    {
      g_autofree char *name = g_strndup (pull->text->str, pull->text->len);
      JsonNode *node;
      guint m = 0;

      while (m < n_members && strcmp (name, members[m].member) != 0)
        m++;
      if (m < n_members)
        {
          if ((seen & (1u << m)) || !read_special_member (pull, &members[m], ik_json_pull_next (pull)))
            goto fail;
          seen |= 1u << m;
          continue;
        }

      node = build_value (pull, ik_json_pull_next (pull));
      if (node == NULL || json_object_has_member (o, name))
        {
          g_clear_pointer (&node, json_node_unref);
          goto fail;
        }
      json_object_set_member (o, name, node);
    }
  if (token == IK_JSON_TOKEN_END_OBJECT)
    return g_steal_pointer (&o);

fail:
  for (guint m = 0; m < n_members; m++)
    g_clear_pointer (&members[m].objects, g_ptr_array_unref);
  return NULL;
}

/**
 * ik_json_pull_read_document:
 * @data: the bytes of a document
 * @length: their number
 * @members: (array length=n_members): as for ik_json_pull_read_object()
 * @n_members: their number
 *
 * ik_json_pull_read_object() of a whole document's root.
 *
 * Returns: (transfer full) (nullable): the root object without @members,
 *   or %NULL
 */
JsonObject *
ik_json_pull_read_document (const char       *data,
                            gsize             length,
                            IkJsonPullMember *members,
                            guint             n_members)
{
  g_autoptr(IkJsonPull) pull = NULL;
  g_autoptr(JsonObject) o = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  pull = ik_json_pull_new (data, length);
  /* The readers check the names they know; the nodes their own. */
  pull->check_duplicates = FALSE;
  if (ik_json_pull_next (pull) != IK_JSON_TOKEN_BEGIN_OBJECT)
    return NULL;
  o = ik_json_pull_read_object (pull, members, n_members);
  if (o == NULL)
    return NULL;
  if (ik_json_pull_next (pull) != IK_JSON_TOKEN_END)
    {
      for (guint m = 0; m < n_members; m++)
        g_clear_pointer (&members[m].objects, g_ptr_array_unref);
      return NULL;
    }
  return g_steal_pointer (&o);
}
