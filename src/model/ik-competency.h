/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ik-enums.h"

G_BEGIN_DECLS

typedef struct _IkJsonPull IkJsonPull;

/* The anchor of a level that applies to every seniority. */
#define IK_ANCHOR_GENERAL (-1)

#define IK_TYPE_COMPETENCY (ik_competency_get_type ())
G_DECLARE_FINAL_TYPE (IkCompetency, ik_competency, IK, COMPETENCY, GObject)

IkCompetency *ik_competency_new             (const char    *id,
                                             const char    *name);
IkCompetency *ik_competency_copy            (IkCompetency  *self);
IkCompetency *ik_competency_new_from_json   (JsonObject    *o,
                                             GError       **error);
IkCompetency *ik_competency_new_from_pull   (IkJsonPull    *pull);
void          ik_competency_to_json         (IkCompetency  *self,
                                             JsonBuilder   *b);
gboolean      ik_competency_update_from     (IkCompetency  *self,
                                             IkCompetency  *source);

const char   *ik_competency_get_id          (IkCompetency  *self);
const char   *ik_competency_get_name        (IkCompetency  *self);
void          ik_competency_set_name        (IkCompetency  *self,
                                             const char    *name);
const char   *ik_competency_get_description (IkCompetency  *self);
void          ik_competency_set_description (IkCompetency  *self,
                                             const char    *description);

const char   *ik_competency_get_anchor      (IkCompetency  *self,
                                             guint          level,
                                             int            seniority);
void          ik_competency_set_anchor      (IkCompetency  *self,
                                             guint          level,
                                             int            seniority,
                                             const char    *text);
const char   *ik_competency_get_anchor_for  (IkCompetency  *self,
                                             guint          level,
                                             IkSeniority    seniority);

G_END_DECLS
