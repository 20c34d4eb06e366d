/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *ik_json_merge3 (JsonNode  *base,
                          JsonNode  *ours,
                          JsonNode  *theirs,
                          gboolean   prefer_ours,
                          char     **conflict_path);

G_END_DECLS
