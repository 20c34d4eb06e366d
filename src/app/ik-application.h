/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-identity.h"
#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

#define IK_TYPE_APPLICATION (ik_application_get_type ())

G_DECLARE_FINAL_TYPE (IkApplication, ik_application, IK, APPLICATION, AdwApplication)

IkApplication *ik_application_new                   (void);
GSettings     *ik_application_get_settings          (IkApplication  *self);
IkLibrary     *ik_application_get_library           (IkApplication  *self);
void           ik_application_load_library          (IkApplication  *self);
char          *ik_application_dup_debug_info        (IkApplication  *self);
char          *ik_application_dup_data_dir          (IkApplication  *self);
IkIdentity    *ik_application_get_identity          (IkApplication  *self,
                                                     GError        **error);
IkTeamFolder  *ik_application_get_team_folder       (IkApplication  *self);
const char    *ik_application_get_team_folder_error (IkApplication  *self);
void           ik_application_check_team_folder     (IkApplication  *self);
void           ik_application_show_team_window      (IkApplication  *self,
                                                     const char     *candidate_id);

G_END_DECLS
