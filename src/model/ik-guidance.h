/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define IK_TYPE_GUIDANCE (ik_guidance_get_type ())
G_DECLARE_FINAL_TYPE (IkGuidance, ik_guidance, IK, GUIDANCE, GObject)

IkGuidance *ik_guidance_new           (const char   *question,
                                       const char   *answer);
IkGuidance *ik_guidance_copy          (IkGuidance   *self);
IkGuidance *ik_guidance_new_from_json (JsonObject   *o,
                                       GError      **error);
void        ik_guidance_to_json       (IkGuidance   *self,
                                       JsonBuilder  *b);
gboolean    ik_guidance_update_from   (IkGuidance   *self,
                                       IkGuidance   *source);

const char *ik_guidance_get_question  (IkGuidance   *self);
void        ik_guidance_set_question  (IkGuidance   *self,
                                       const char   *question);
const char *ik_guidance_get_answer    (IkGuidance   *self);
void        ik_guidance_set_answer    (IkGuidance   *self,
                                       const char   *answer);

G_END_DECLS
