/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-planner.h: choosing the questions of an interview.
 *
 * The suggestion fills the time of one interview with the bank's questions,
 * covering as many competencies as possible and preferring the questions this
 * interviewer has used least. The panel split gives N interviewers meeting the
 * same candidate disjoint slices of a bank that together cover every
 * competency. Both are deterministic: the same input always gives the same
 * plan, ties being broken by the order of the bank.
 *
 * Plan files (`*.ikplan.json`, format "interview-kit/plan") carry one
 * interviewer's slice of a panel plan to a colleague, who creates a session
 * from it; that session shares the candidate id of the panel.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-bank.h"
#include "ik-session.h"

G_BEGIN_DECLS

/* The "format" member of a plan document. */
#define IK_PLAN_FORMAT "interview-kit/plan"
/* The major format version this build writes and fully understands. */
#define IK_PLAN_FORMAT_VERSION 1
/* The minutes planned for a question that suggests none. */
#define IK_PLANNER_DEFAULT_MINUTES 10
/* The most interviewers in one panel. */
#define IK_PLANNER_MAX_PANEL IK_LIMIT_PANEL_SIZE

guint       ik_planner_question_minutes     (IkQuestion          *question);

GPtrArray  *ik_planner_suggest              (IkBank              *bank,
                                             guint                duration,
                                             guint                opening,
                                             guint                closing,
                                             GHashTable          *usage);

GPtrArray  *ik_planner_split_panel          (IkBank              *bank,
                                             guint                n_interviewers,
                                             guint                budget,
                                             GStrv               *out_uncovered);

GHashTable *ik_planner_count_usage          (GListModel          *sessions,
                                             const char          *interviewer);

JsonNode   *ik_planner_plan_to_json         (IkSession           *session,
                                             guint                interviewer_index);
char       *ik_planner_plan_to_data         (IkSession           *session,
                                             guint                interviewer_index,
                                             gsize               *length,
                                             GError             **error);
IkSession  *ik_planner_session_new_from_plan (const char         *data,
                                              gsize               length,
                                              guint              *out_interviewer_index,
                                              GError            **error);

G_END_DECLS
