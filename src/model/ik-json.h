/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-json.h: safe reading and writing of the JSON files.
 *
 * json-glib 1.6 has no nesting limit, accepts empty input, comments and
 * trailing garbage, wraps out-of-range integers, truncates strings at
 * "\u0000" and coerces types in its getters. Every reader in the model goes
 * through these helpers instead.
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

JsonNode   *ik_json_parse           (const char          *data,
                                     gsize                length,
                                     guint               *line,
                                     guint               *column,
                                     GError             **error);

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

char       *ik_json_to_data         (JsonNode            *root,
                                     gsize               *length,
                                     GError             **error);

char       *ik_uuid_new             (void);
gboolean    ik_id_is_valid          (const char          *id);

G_END_DECLS
