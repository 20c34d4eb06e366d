/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access-export.h: "Export Everything About This Candidate…" */
#pragma once

#include <gtk/gtk.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

void ik_subject_access_export_present (GtkWidget    *parent,
                                       IkLibrary    *library,
                                       IkTeamFolder *team_folder,
                                       const char   *name_or_id);

G_END_DECLS
