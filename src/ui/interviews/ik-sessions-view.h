/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

#define IK_TYPE_SESSIONS_VIEW (ik_sessions_view_get_type ())
G_DECLARE_FINAL_TYPE (IkSessionsView, ik_sessions_view, IK, SESSIONS_VIEW, AdwBin)

GtkWidget *ik_sessions_view_new            (IkLibrary          *library);
void       ik_sessions_view_plan_interview (IkSessionsView     *self,
                                            IkBank             *bank,
                                            const char * const *question_ids);
void       ik_sessions_view_open_session   (IkSessionsView     *self,
                                            IkSession          *session);
IkSession *ik_sessions_view_get_session    (IkSessionsView     *self);
GtkWidget *ik_sessions_view_get_content    (IkSessionsView     *self);
GListModel *ik_sessions_view_get_visible_sessions (IkSessionsView *self);
void       ik_sessions_view_set_search     (IkSessionsView     *self,
                                            const char         *text);
void       ik_sessions_view_set_state_filter (IkSessionsView   *self,
                                              int               state);
void       ik_sessions_view_delete_session (IkSessionsView     *self,
                                            IkSession          *session);
void       ik_sessions_view_import_plan_async  (IkSessionsView      *self,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean   ik_sessions_view_import_plan_finish (IkSessionsView      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
gboolean   ik_sessions_view_get_focus_mode (IkSessionsView     *self);
IkTeamFolder *ik_sessions_view_get_team_folder (IkSessionsView   *self);
void       ik_sessions_view_set_team_folder (IkSessionsView     *self,
                                             IkTeamFolder       *team_folder);

G_END_DECLS
