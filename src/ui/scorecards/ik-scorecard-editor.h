/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

#define IK_TYPE_SCORECARD_EDITOR (ik_scorecard_editor_get_type ())
G_DECLARE_FINAL_TYPE (IkScorecardEditor, ik_scorecard_editor, IK, SCORECARD_EDITOR, AdwBin)

GtkWidget    *ik_scorecard_editor_new             (IkLibrary         *library,
                                                  IkSession         *session);
IkSession    *ik_scorecard_editor_get_session     (IkScorecardEditor *self);
IkTeamFolder *ik_scorecard_editor_get_team_folder (IkScorecardEditor *self);
void          ik_scorecard_editor_set_team_folder (IkScorecardEditor *self,
                                                  IkTeamFolder      *team_folder);

G_END_DECLS
