/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-retention.h: how long interviews are kept, and erasing them.
 *
 * The row that shows a session's retention date with its Change… button,
 * the dialog that changes it (with a reason, recorded in the session), the
 * review of the sessions past their date, and the confirmation that lists
 * exactly the files an erasure deletes before the model deletes them
 * (ik_erase_plan_execute_async()). Nothing is erased without that
 * confirmation, and nothing erased can be brought back.
 */
#pragma once

#include <adwaita.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

#define IK_TYPE_RETENTION_ROW (ik_retention_row_get_type ())

G_DECLARE_FINAL_TYPE (IkRetentionRow, ik_retention_row, IK, RETENTION_ROW, AdwActionRow)

GtkWidget *ik_retention_row_new          (void);
void       ik_retention_row_set_session  (IkRetentionRow *self,
                                          IkSession      *session);

char      *ik_retention_describe         (IkSession      *session);

void       ik_retention_change_present   (GtkWidget      *parent,
                                          GPtrArray      *sessions);
void       ik_retention_review_present   (GtkWidget      *parent,
                                          IkLibrary      *library,
                                          IkTeamFolder   *team_folder,
                                          GPtrArray      *sessions);
void       ik_erase_candidate_present    (GtkWidget      *parent,
                                          IkLibrary      *library,
                                          IkTeamFolder   *team_folder,
                                          const char     *candidate_id);

G_END_DECLS
