/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-plan-files.h: a panel's plans, as files sent to colleagues.
 *
 * A panel plan splits a bank between the interviewers meeting one candidate
 * (ik_planner_split_panel()); each slice becomes a plan session sharing the
 * candidate id, written as a `.ikplan.json` file (ik_planner_plan_to_data()).
 * The first plan is the planning interviewer's own.
 */
#pragma once

#include <gio/gio.h>

#include "ik-bank.h"
#include "ik-session.h"

G_BEGIN_DECLS

GPtrArray *ik_plan_new_panel            (IkSession            *session,
                                         IkBank               *bank,
                                         guint                 n_interviewers,
                                         guint                 budget);
char      *ik_plan_file_name            (IkSession            *plan,
                                         guint                 interviewer_index);
void       ik_plan_apply                (IkSession            *plan,
                                         IkSession            *session);
gboolean   ik_plan_export_panel         (GPtrArray            *plans,
                                         GFile                *folder,
                                         GError              **error);
void       ik_plan_export_panel_async   (GPtrArray            *plans,
                                         GFile                *folder,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean   ik_plan_export_panel_finish  (GAsyncResult         *result,
                                         GError              **error);
IkSession *ik_plan_read_file            (GFile                *file,
                                         GCancellable         *cancellable,
                                         GError              **error);
void       ik_plan_read_file_async      (GFile                *file,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
IkSession *ik_plan_read_file_finish     (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
