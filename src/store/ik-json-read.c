/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json-read.c: the typed member readers, unknown members, numbers kept
 * as text, enum nicks and ids.
 *
 * json-glib's getters coerce ("7" and true read as integers), emit
 * CRITICALs on a missing member and read a double as an integer; these
 * read a member without coercion and name it in the message.
 */
#include "config.h"

#include "ik-json-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Numbers kept as text ********************************************************/

/**
 * ik_json_node_new_number_text:
 * @text: a number in the syntax of RFC 8259, such as "1.5", "-0.0",
 *   "1e300" or "12345678901234567890123"
 *
 * A node holding a number as written, which ik_json_write() writes back
 * exactly. The parser gives such nodes for every number that is not an
 * integer in int64; an integer member holding one is refused by
 * ik_json_get_int().
 *
 * Returns: (transfer full): a new node
 */
JsonNode *
ik_json_node_new_number_text (const char *text)
{
  gsize length;
  gboolean is_integer;

  g_return_val_if_fail (text != NULL, NULL);
  length = strlen (text);
  g_return_val_if_fail (length > 0 && ik_json_number_length ((const guchar *) text,
                                                             (const guchar *) text + length,
                                                             &is_integer) == length, NULL);

  return ik_json_number_node_new (text, length);
}

/**
 * ik_json_node_get_number_text:
 * @node: a node
 *
 * Returns: (nullable): the text of the number @node holds as written (see
 *   ik_json_node_new_number_text()), or %NULL when it holds anything else
 */
const char *
ik_json_node_get_number_text (JsonNode *node)
{
  const char *s;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  s = json_node_get_string (node);
  if (s == NULL || s[0] != IK_JSON_NUMBER_MARK)
    return NULL;

  /* Any other text after the mark is a string that is not UTF-8, which
   * the string readers and the writer refuse as such. */
  {
    gsize length = strlen (s + 1);
    gboolean is_integer;

    if (length == 0
        || ik_json_number_length ((const guchar *) s + 1, (const guchar *) s + 1 + length,
                                  &is_integer) != length)
      return NULL;
  }
  return s + 1;
}

/* Member readers **************************************************************/

static const char *
describe_node (JsonNode *node)
{
  const char *number = ik_json_node_get_number_text (node);

  if (number != NULL)
    return strpbrk (number, ".eE") != NULL ? _("a fractional number") : _("an integer");

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

/* A number kept as text is held in a string node, but is no string. */
static gboolean
node_is_value_of (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type
         && (type != G_TYPE_STRING || ik_json_node_get_number_text (node) == NULL);
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
      /* Sizes as words ("1.2 MB"), so that no plural of "bytes" is needed. */
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (IK_JSON_MAX_STRING_LENGTH);

      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("%s: the text is too long (%s, at most %s)"), member, size, limit);
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
      const char *number = ik_json_node_get_number_text (node);

      /* An integer the parser could not hold in int64. */
      if (number != NULL && strpbrk (number, ".eE") == NULL)
        g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                     _("%s: %s is out of range (%lld to %lld)"),
                     member, number, (long long) min, (long long) max);
      else
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
