/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-window.h: the hiring team's window: the candidates found in the
 * team folder, one candidate's debrief grid, and the interviewer's
 * calibration next to the team's. */
#pragma once

#include <adwaita.h>

#include "ik-application.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

#define IK_TYPE_TEAM_WINDOW (ik_team_window_get_type ())
G_DECLARE_FINAL_TYPE (IkTeamWindow, ik_team_window, IK, TEAM_WINDOW, AdwWindow)

GtkWidget *ik_team_window_new              (IkApplication *app);
void       ik_team_window_set_team_folder  (IkTeamWindow  *self,
                                            IkTeamFolder  *team);
void       ik_team_window_set_own_sessions (IkTeamWindow  *self,
                                            GListModel    *sessions);
void       ik_team_window_set_candidate_matches (IkTeamWindow       *self,
                                                 IkCandidateMatches *matches);
void       ik_team_window_set_hiring_lead  (IkTeamWindow  *self,
                                            gboolean       hiring_lead);
void       ik_team_window_show_candidate   (IkTeamWindow  *self,
                                            const char    *candidate_id);
/* The debrief on screen, as @format ("pdf", "markdown", "csv"), written
 * atomically in a worker thread; what the Export menu does once a file is
 * chosen. */
void       ik_team_window_export_to_async  (IkTeamWindow        *self,
                                            GFile               *file,
                                            const char          *format,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   ik_team_window_export_to_finish (IkTeamWindow        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
