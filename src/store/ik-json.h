/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json.h: safe reading and writing of the JSON files.
 *
 * json-glib 1.6 has no nesting limit, accepts empty input, comments and
 * trailing garbage, wraps out-of-range integers, truncates strings at
 * "\u0000" and coerces types in its getters. Every reader in the model goes
 * through these helpers instead, and every writer through ik_json_write().
 *
 * One grammar: a pull reader over the bytes (IkJsonPull, ik-json-parser.c)
 * with the tree builder ik_json_parse() on top of it; the writer
 * (ik-json-writer.c); the typed member readers (ik-json-read.c).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ik-limits.h"

G_BEGIN_DECLS

/* Aliases of the table in ik-limits.h: the largest file any loader
 * accepts, the deepest nesting, the longest string (in bytes)
 * ik_json_get_string() and friends accept. */
#define IK_JSON_MAX_FILE_SIZE IK_LIMIT_FILE_SIZE
#define IK_JSON_MAX_DEPTH IK_LIMIT_DEPTH
#define IK_JSON_MAX_STRING_LENGTH IK_LIMIT_TEXT_LENGTH

#define IK_JSON_ERROR (ik_json_error_quark ())
GQuark ik_json_error_quark (void);

/**
 * IkJsonError:
 * @IK_JSON_ERROR_INVALID: not valid JSON, or a member is missing, has the
 *   wrong type or is out of range
 * @IK_JSON_ERROR_TOO_LARGE: the data is larger than %IK_JSON_MAX_FILE_SIZE
 * @IK_JSON_ERROR_TOO_DEEP: nested deeper than %IK_JSON_MAX_DEPTH
 * @IK_JSON_ERROR_FORMAT: a JSON document, but not of the expected format
 * @IK_JSON_ERROR_NEWER_VERSION: written by a newer version that this one
 *   cannot read
 */
typedef enum
{
  IK_JSON_ERROR_INVALID,
  IK_JSON_ERROR_TOO_LARGE,
  IK_JSON_ERROR_TOO_DEEP,
  IK_JSON_ERROR_FORMAT,
  IK_JSON_ERROR_NEWER_VERSION,
} IkJsonError;

/**
 * IkJsonToken:
 * @IK_JSON_TOKEN_ERROR: the data is not a document ik_json_parse() reads;
 *   see ik_json_pull_propagate_error()
 * @IK_JSON_TOKEN_END: the end of the data, after the root object
 * @IK_JSON_TOKEN_BEGIN_OBJECT: "{"
 * @IK_JSON_TOKEN_MEMBER: a member name (ik_json_pull_get_string()); the
 *   next token starts its value
 * @IK_JSON_TOKEN_END_OBJECT: "}"
 * @IK_JSON_TOKEN_BEGIN_ARRAY: "["
 * @IK_JSON_TOKEN_END_ARRAY: "]"
 * @IK_JSON_TOKEN_STRING: a string (ik_json_pull_get_string())
 * @IK_JSON_TOKEN_INT: an integer in int64 (ik_json_pull_get_int())
 * @IK_JSON_TOKEN_NUMBER: any other number: a fraction, an exponent or an
 *   integer outside int64 (ik_json_pull_get_string() gives its text)
 * @IK_JSON_TOKEN_TRUE: true
 * @IK_JSON_TOKEN_FALSE: false
 * @IK_JSON_TOKEN_NULL: null
 */
typedef enum
{
  IK_JSON_TOKEN_ERROR,
  IK_JSON_TOKEN_END,
  IK_JSON_TOKEN_BEGIN_OBJECT,
  IK_JSON_TOKEN_MEMBER,
  IK_JSON_TOKEN_END_OBJECT,
  IK_JSON_TOKEN_BEGIN_ARRAY,
  IK_JSON_TOKEN_END_ARRAY,
  IK_JSON_TOKEN_STRING,
  IK_JSON_TOKEN_INT,
  IK_JSON_TOKEN_NUMBER,
  IK_JSON_TOKEN_TRUE,
  IK_JSON_TOKEN_FALSE,
  IK_JSON_TOKEN_NULL,
} IkJsonToken;

typedef struct _IkJsonPull IkJsonPull;

gsize       ik_json_byte_order_mark_length (const char  *data,
                                            gsize        length);
IkJsonPull *ik_json_pull_new        (const char          *data,
                                     gsize                length);
void        ik_json_pull_free       (IkJsonPull          *pull);
IkJsonToken ik_json_pull_next       (IkJsonPull          *pull);
const char *ik_json_pull_get_string (IkJsonPull          *pull,
                                     gsize               *length);
gint64      ik_json_pull_get_int    (IkJsonPull          *pull);
guint       ik_json_pull_get_depth  (IkJsonPull          *pull);
JsonNode   *ik_json_pull_read_node  (IkJsonPull          *pull,
                                     IkJsonToken          token);
void        ik_json_pull_propagate_error (IkJsonPull     *pull,
                                          guint          *line,
                                          guint          *column,
                                          GError        **error);
gboolean    ik_json_pull_string_is_valid (IkJsonPull     *pull);
gboolean    ik_json_pull_read_strings (IkJsonPull        *pull,
                                       GPtrArray         *out);

#define IK_JSON_PULL_END (-1)
#define IK_JSON_PULL_FAILED (-2)
int         ik_json_pull_next_known (IkJsonPull          *pull,
                                     const char * const  *known,
                                     guint               *seen,
                                     JsonObject         **unknown);
typedef gpointer (*IkJsonPullObjectFunc) (IkJsonPull    *pull,
                                          gpointer       user_data);

/**
 * IkJsonPullMember:
 * @member: the name of a member read by its own reader
 * @is_array: whether it holds an array of objects, or one object
 * @max: the most objects the array may hold
 * @read: the reader of one object
 * @user_data: for @read
 * @objects: (out): what @read read, in order; %NULL when the member is
 *   missing or null
 * @skip_start: with @skip_end, the bytes of the value (from its "[" or
 *   "{" to just past its close) to pass over unread, when the caller
 *   knows them from an earlier read of the same bytes; 0 and 0 to read it
 * @skip_end: see @skip_start
 * @start: (out): where the value read (or passed over) starts, as an
 *   offset after any byte order mark; 0 when the member is missing or null
 * @end: (out): just past its end
 */
typedef struct
{
  const char           *member;
  gboolean              is_array;
  guint                 max;
  IkJsonPullObjectFunc  read;
  gpointer              user_data;
  GPtrArray            *objects;
  gsize                 skip_start;
  gsize                 skip_end;
  gsize                 start;
  gsize                 end;
} IkJsonPullMember;

JsonObject *ik_json_pull_read_object (IkJsonPull        *pull,
                                      IkJsonPullMember  *members,
                                      guint              n_members);
gboolean    ik_json_pull_read_member (IkJsonPull         *pull,
                                      IkJsonPullMember   *member);
IkJsonPull *ik_json_pull_new_document (const char        *data,
                                       gsize              length);
IkJsonPull *ik_json_pull_new_slice    (const char        *data,
                                       gsize              length);
JsonObject *ik_json_pull_read_document (const char      *data,
                                        gsize            length,
                                        IkJsonPullMember *members,
                                        guint            n_members);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkJsonPull, ik_json_pull_free)

JsonNode   *ik_json_parse           (const char          *data,
                                     gsize                length,
                                     guint               *line,
                                     guint               *column,
                                     GError             **error);

JsonNode   *ik_json_node_new_number_text (const char     *text);
const char *ik_json_node_get_number_text (JsonNode       *node);

gboolean    ik_json_get_string      (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     char               **out,
                                     GError             **error);
gboolean    ik_json_get_int         (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     gint64               min,
                                     gint64               max,
                                     gint64              *out,
                                     GError             **error);
gboolean    ik_json_get_bool        (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     gboolean            *out,
                                     GError             **error);
gboolean    ik_json_get_string_array (JsonObject         *o,
                                      const char         *member,
                                      gboolean            required,
                                      JsonArray         **out,
                                      GError            **error);
gboolean    ik_json_get_strv        (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     GStrv               *out,
                                     GError             **error);
gboolean    ik_json_get_time        (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     GDateTime          **out,
                                     GError             **error);
gboolean    ik_json_get_enum        (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     GType                enum_type,
                                     int                 *out,
                                     GError             **error);
gboolean    ik_json_get_array       (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     JsonArray          **out,
                                     GError             **error);
gboolean    ik_json_get_object      (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     JsonObject         **out,
                                     GError             **error);
gboolean    ik_json_get_id          (JsonObject          *o,
                                     const char          *member,
                                     gboolean             required,
                                     char               **out,
                                     GError             **error);

JsonObject *ik_json_collect_unknown_or_null (JsonObject         *o,
                                             const char * const *known);
JsonObject *ik_json_collect_unknown (JsonObject          *o,
                                     const char * const  *known);
void        ik_json_add_unknown     (JsonBuilder         *b,
                                     JsonObject          *unknown);

char       *ik_json_format_time     (GDateTime           *t);
void        ik_json_add_time        (JsonBuilder         *b,
                                     const char          *member,
                                     GDateTime           *t);
void        ik_json_add_strv        (JsonBuilder         *b,
                                     const char          *member,
                                     const char * const  *v);

const char *ik_enum_to_nick         (GType                enum_type,
                                     int                  value);
gboolean    ik_enum_from_nick       (GType                enum_type,
                                     const char          *nick,
                                     int                 *value);

/**
 * IkJsonWriteFlags:
 * @IK_JSON_WRITE_COMPACT: no white space at all (json-glib's compact layout)
 * @IK_JSON_WRITE_PRETTY: json-glib's pretty layout: indent 2, " : " after
 *   names (what the files use, so an unchanged document is rewritten byte
 *   for byte)
 * @IK_JSON_WRITE_ESCAPE_MARKUP: "<" and ">" written as \u003c and \u003e,
 *   so that the text can sit in an HTML or Markdown comment
 * @IK_JSON_WRITE_CANONICAL: the escaping the scorecard seal (version 1) is
 *   computed over: only the quote, the backslash and control characters
 *   are escaped (\n, \r, \t, the others as \u00xx), every other byte is
 *   copied as it is, unchecked (a hash input must never fail), and strings
 *   are always strings
 */
typedef enum
{
  IK_JSON_WRITE_COMPACT = 0,
  IK_JSON_WRITE_PRETTY = 1 << 0,
  IK_JSON_WRITE_ESCAPE_MARKUP = 1 << 1,
  IK_JSON_WRITE_CANONICAL = 1 << 2,
} IkJsonWriteFlags;

gboolean    ik_json_write           (GString             *out,
                                     JsonNode            *node,
                                     IkJsonWriteFlags     flags,
                                     GError             **error);
char       *ik_json_to_data         (JsonNode            *root,
                                     gsize               *length,
                                     GError             **error);
void        ik_json_write_canonical_string (GString      *out,
                                            const char   *s);
void        ik_json_write_int       (GString             *out,
                                     gint64               value);

char       *ik_uuid_new             (void);
gboolean    ik_id_is_valid          (const char          *id);

G_END_DECLS
