/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json-writer.c: the one JSON writer of the model.
 *
 * Every text the model writes as JSON goes through ik_json_write(): the
 * files (ik_json_to_data()), the JSON in the comments of the Markdown
 * export and the canonical content of a scorecard seal. What it writes is
 * readable by ik_json_parse() by construction: every string checked for
 * UTF-8 as it is escaped and every control character escaped (json-glib
 * 1.6 writes U+001F raw, which then could never be read), a C string holds
 * no NUL, member names are unique (a JsonObject cannot repeat one), the
 * depth is checked, integers are written by hand and numbers kept as text
 * are written as they were read. It refuses doubles: no file stores one,
 * and json-glib 1.6 writes some unreadably ("1e-08.0", "nan.0").
 */
#include "config.h"

#include "ik-json-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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


/* Writing *********************************************************************/

typedef struct
{
  GString          *out;
  IkJsonWriteFlags  flags;
  const guchar     *plain;      /* bytes copied as they are in a string */
  /* After a failure: what it is, and where (the names and indexes of the
   * containers around it, innermost first, gathered as the recursion
   * unwinds, so that writing pays nothing for them). */
  IkJsonError       code;
  char             *reason;
  GPtrArray        *path;
} Writer;

/* The bytes that need no escape in a string, for each way of escaping. */
static const guchar *
plain_bytes (IkJsonWriteFlags flags)
{
  static guchar tables[3][256];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint c = 0; c < 256; c++)
        {
          gboolean plain = ik_json_plain_string_byte[c];

          /* json-glib's escapes, which the files have always used: DEL
           * too. The seal's canonical form never escaped it. */
          tables[0][c] = plain && c != 0x7F;
          tables[1][c] = plain && c != 0x7F && c != '<' && c != '>';
          tables[2][c] = plain;
        }
      g_once_init_leave (&initialised, 1);
    }

  if (flags & IK_JSON_WRITE_CANONICAL)
    return tables[2];
  if (flags & IK_JSON_WRITE_ESCAPE_MARKUP)
    return tables[1];
  return tables[0];
}

static gboolean
writer_fail (Writer      *w,
             IkJsonError  code,
             const char  *reason)
{
  w->code = code;
  w->reason = g_strdup (reason);
  return FALSE;
}

/* The parser would refuse a container at this level. */
static gboolean
writer_fail_too_deep (Writer *w)
{
  g_autofree char *reason = g_strdup_printf (ngettext ("nested deeper than %d level",
                                                       "nested deeper than %d levels",
                                                       IK_JSON_MAX_DEPTH),
                                             IK_JSON_MAX_DEPTH);

  return writer_fail (w, IK_JSON_ERROR_TOO_DEEP, reason);
}

/* Called while unwinding from a failure inside a member or element. */
static gboolean
writer_fail_inside (Writer     *w,
                    const char *name,
                    guint       index)
{
  if (w->path == NULL)
    w->path = g_ptr_array_new_with_free_func (g_free);
  if (name != NULL)
    {
      /* The name may be what is wrong: show it readable, and short. */
      g_autofree char *valid = g_utf8_make_valid (name, -1);

      g_ptr_array_add (w->path, g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), 64)));
    }
  else
    g_ptr_array_add (w->path, g_strdup_printf ("[%u]", index));
  return FALSE;
}

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

/* Appends "s" escaped as w->flags say; FALSE on invalid UTF-8. */
static gboolean
write_string (Writer     *w,
              const char *s)
{
  static const char hex[] = "0123456789abcdef";
  GString *out = w->out;
  const guchar *plain = w->plain;
  gboolean canonical = (w->flags & IK_JSON_WRITE_CANONICAL) != 0;
  const guchar *p = (const guchar *) s;

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      while (plain[*p])
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
      else if (*p == '\n' || *p == '\r' || *p == '\t'
               || (!canonical && (*p == '\b' || *p == '\f')))
        {
          static const char letters[] = { ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n',
                                          ['\r'] = 'r', ['\t'] = 't' };

          g_string_append_c (out, '\\');
          g_string_append_c (out, letters[*p]);
          p++;
        }
      else if (*p < 0x80)
        {
          /* Other control characters, DEL, and "<" and ">" in markup. */
          char esc[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xF] };

          g_string_append_len (out, esc, 6);
          p++;
        }
      else if (canonical)
        {
          g_string_append_c (out, (char) *p);
          p++;
        }
      else
        {
          /* The NUL ends the string, so the sequence cannot run past it. */
          gsize n = ik_json_utf8_sequence_length (p, p + 4);

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

static gboolean
write_value (Writer   *w,
             JsonNode *node)
{
  const char *s;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      write_int (w->out, json_node_get_int (node));
      return TRUE;

    case G_TYPE_BOOLEAN:
      if (json_node_get_boolean (node))
        g_string_append_len (w->out, "true", 4);
      else
        g_string_append_len (w->out, "false", 5);
      return TRUE;

    case G_TYPE_STRING:
      s = json_node_get_string (node);
      if (s == NULL)
        return writer_fail (w, IK_JSON_ERROR_INVALID, _("a string without a value"));
      if (s[0] == IK_JSON_NUMBER_MARK && !(w->flags & IK_JSON_WRITE_CANONICAL))
        {
          const char *number = ik_json_node_get_number_text (node);

          if (number != NULL)
            {
              g_string_append (w->out, number);
              return TRUE;
            }
        }
      if (!write_string (w, s))
        return writer_fail (w, IK_JSON_ERROR_INVALID, _("the text is not valid UTF-8"));
      return TRUE;

    case G_TYPE_DOUBLE:
      return writer_fail (w, IK_JSON_ERROR_INVALID,
                          _("a floating-point number, which no file holds"));

    default:
      return writer_fail (w, IK_JSON_ERROR_INVALID, _("a value JSON cannot hold"));
    }
}

/* Writes @node, whose line starts at indentation @level (already written).
 * A container at @level is at depth @level + 1 as ik_json_parse() counts. */
static gboolean
write_node (Writer   *w,
            JsonNode *node,
            guint     level)
{
  GString *out = w->out;
  gboolean pretty = (w->flags & IK_JSON_WRITE_PRETTY) != 0;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append_len (out, "null", 4);
      return TRUE;

    case JSON_NODE_VALUE:
      return write_value (w, node);

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (level + 1 > IK_JSON_MAX_DEPTH)
          return writer_fail_too_deep (w);
        g_string_append_c (out, '[');
        if (n == 0)
          {
            g_string_append_c (out, ']');
            return TRUE;
          }
        if (pretty)
          g_string_append_c (out, '\n');
        for (guint i = 0; i < n; i++)
          {
            if (pretty)
              write_indent (out, level + 1);
            if (!write_node (w, json_array_get_element (array, i), level + 1))
              return writer_fail_inside (w, NULL, i);
            if (i + 1 < n)
              g_string_append_c (out, ',');
            if (pretty)
              g_string_append_c (out, '\n');
          }
        if (pretty)
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
          return writer_fail_too_deep (w);
        g_string_append_c (out, '{');
        if (n == 0)
          {
            /* json-glib's pretty layout of an empty object. */
            if (pretty)
              write_indent (out, level);
            g_string_append_c (out, '}');
            return TRUE;
          }
        if (pretty)
          g_string_append_c (out, '\n');
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (pretty)
              write_indent (out, level + 1);
            if (!write_string (w, name))
              {
                writer_fail (w, IK_JSON_ERROR_INVALID, _("the name is not valid UTF-8"));
                return writer_fail_inside (w, name, 0);
              }
            if (pretty)
              g_string_append_len (out, " : ", 3);
            else
              g_string_append_c (out, ':');
            if (!write_node (w, member, level + 1))
              return writer_fail_inside (w, name, 0);
            if (++i < n)
              g_string_append_c (out, ',');
            if (pretty)
              g_string_append_c (out, '\n');
          }
        if (pretty)
          write_indent (out, level);
        g_string_append_c (out, '}');
        return TRUE;
      }

    default:
      return writer_fail (w, IK_JSON_ERROR_INVALID, _("a value JSON cannot hold"));
    }
}

/**
 * ik_json_write:
 * @out: where to append the text
 * @node: the value to write
 * @flags: the layout and the escaping
 * @error: return location for an error
 *
 * Appends @node as JSON that ik_json_parse() reads back to an equal tree
 * (wrapped in an object if @node is not one): strings checked for UTF-8,
 * every control character escaped, numbers kept as text written as they
 * were read. Doubles, invalid UTF-8 and nesting deeper than
 * %IK_JSON_MAX_DEPTH are refused with an error that says where they are
 * ("Could not write a readable document: questions[3].text: the text is
 * not valid UTF-8"); @out is then left as it was.
 *
 * Returns: %FALSE on error
 */
gboolean
ik_json_write (GString           *out,
               JsonNode          *node,
               IkJsonWriteFlags   flags,
               GError           **error)
{
  Writer w = { out, flags, plain_bytes (flags), 0, NULL, NULL };
  gsize start;
  g_autoptr(GString) where = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  start = out->len;
  if (write_node (&w, node, 0))
    return TRUE;

  g_string_truncate (out, start);
  where = g_string_new (NULL);
  for (guint i = w.path != NULL ? w.path->len : 0; i > 0; i--)
    {
      const char *segment = g_ptr_array_index (w.path, i - 1);

      if (where->len > 0 && segment[0] != '[')
        g_string_append_c (where, '.');
      g_string_append (where, segment);
    }
  if (where->len > 0)
    g_set_error (error, IK_JSON_ERROR, w.code,
                 _("Could not write a readable document: %s: %s"), where->str, w.reason);
  else
    g_set_error (error, IK_JSON_ERROR, w.code,
                 _("Could not write a readable document: %s"), w.reason);
  g_free (w.reason);
  g_clear_pointer (&w.path, g_ptr_array_unref);
  return FALSE;
}

/**
 * ik_json_write_canonical_string:
 * @out: where to append
 * @s: a string
 *
 * Appends @s as ik_json_write() writes a string node with
 * %IK_JSON_WRITE_CANONICAL, for a canonical form written without building
 * a tree first. Cannot fail: that escaping copies bytes it does not
 * escape unchecked.
 */
void
ik_json_write_canonical_string (GString    *out,
                                const char *s)
{
  Writer w = { out, IK_JSON_WRITE_CANONICAL, plain_bytes (IK_JSON_WRITE_CANONICAL), 0, NULL, NULL };

  g_return_if_fail (out != NULL);
  g_return_if_fail (s != NULL);

  write_string (&w, s);
}

/**
 * ik_json_write_int:
 * @out: where to append
 * @value: an integer
 *
 * Appends @value as ik_json_write() writes an integer node.
 */
void
ik_json_write_int (GString *out,
                   gint64   value)
{
  g_return_if_fail (out != NULL);

  write_int (out, value);
}

/**
 * ik_json_to_data:
 * @root: a document (an object node)
 * @length: (out) (optional): the length of the result
 * @error: return location for an error
 *
 * The text of a file: ik_json_write() with json-glib's pretty layout and a
 * final newline, at most %IK_JSON_MAX_FILE_SIZE bytes
 * (%IK_JSON_ERROR_TOO_LARGE). A file we cannot read back is never saved.
 *
 * Returns: (transfer full): the text, or %NULL
 */
char *
ik_json_to_data (JsonNode  *root,
                 gsize     *length,
                 GError   **error)
{
  GString *out;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("Could not write a readable document: the root is not an object"));
      return NULL;
    }

  out = g_string_sized_new (16 * 1024);
  if (!ik_json_write (out, root, IK_JSON_WRITE_PRETTY, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_append_c (out, '\n');

  if (out->len > IK_JSON_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (out->len, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *max = g_format_size_full (IK_JSON_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_string_free (out, TRUE);
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("The document is too large to save (%s, at most %s)"), size, max);
      return NULL;
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
