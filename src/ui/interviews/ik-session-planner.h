/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_SESSION_PLANNER (ik_session_planner_get_type ())
G_DECLARE_FINAL_TYPE (IkSessionPlanner, ik_session_planner, IK, SESSION_PLANNER, AdwBin)

GtkWidget *ik_session_planner_new           (IkLibrary        *library,
                                             IkSession        *session);
IkSession *ik_session_planner_get_session   (IkSessionPlanner *self);
IkBank    *ik_session_planner_get_bank      (IkSessionPlanner *self);
void       ik_session_planner_set_bank      (IkSessionPlanner *self,
                                             IkBank           *bank);
void       ik_session_planner_suggest       (IkSessionPlanner *self);
guint      ik_session_planner_get_planned_minutes (IkSessionPlanner *self);
gboolean   ik_session_planner_get_overrun   (IkSessionPlanner *self);
void       ik_session_planner_export_panel_async  (IkSessionPlanner     *self,
                                                   guint                 n_interviewers,
                                                   GFile                *folder,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean   ik_session_planner_export_panel_finish (IkSessionPlanner     *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
