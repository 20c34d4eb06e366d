/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-debrief.h: one candidate's debrief, built from the team's scorecards.
 *
 * Input: the candidate's IkTeamScorecards (ik_team_folder_list_candidate()),
 * this interviewer's id and whether they are the hiring lead.
 *
 * Blind rule: unless this interviewer's own VALID scorecard for the
 * candidate is among them, or they are the hiring lead, the debrief is
 * blind: only the number of colleagues who submitted is available, every
 * other getter returns nothing (0 interviewers, 0 competencies, …) and the
 * exports say only that it is blind.
 *
 * Interviewers are sorted by name (then id). Every scorecard is listed with
 * its signature state; only VALID ones are counted in the grid, the tally,
 * spreads, unassessed competencies and question overlaps. The others appear
 * in the list with their state and no ratings ("altered: not counted").
 *
 * Competencies are the union over counted scorecards' ratings, in the order
 * first met (scorecards in interviewer order, ratings in their order), named
 * by the first name met. A spread is max − min over the numeric ratings
 * (1..IK_RATING_MAX) of a competency; 2 or more is highlighted. A competency
 * is unassessed when no counted scorecard gives it a numeric rating.
 * Questions: one row per question id over counted scorecards, in first-asked
 * order; it overlaps when two or more interviewers asked it.
 */
#pragma once

#include <gio/gio.h>

#include "ik-team-scorecard.h"

G_BEGIN_DECLS

#define IK_DEBRIEF_SPREAD_HIGHLIGHT 2

#define IK_TYPE_DEBRIEF (ik_debrief_get_type ())
G_DECLARE_FINAL_TYPE (IkDebrief, ik_debrief, IK, DEBRIEF, GObject)

IkDebrief        *ik_debrief_new                       (const char      *candidate_id,
                                                        GPtrArray       *scorecards,
                                                        const char      *own_interviewer_id,
                                                        gboolean         hiring_lead);
const char       *ik_debrief_get_candidate_id          (IkDebrief       *self);
const char       *ik_debrief_get_candidate_name        (IkDebrief       *self);
const char       *ik_debrief_get_role                  (IkDebrief       *self);
gboolean          ik_debrief_get_blind                 (IkDebrief       *self);
gboolean          ik_debrief_get_hiring_lead           (IkDebrief       *self);
/* scorecards by colleagues (not ours), whatever their state */
guint             ik_debrief_get_n_colleagues_submitted (IkDebrief      *self);

/* Interviewers: every scorecard, counted or not (0 when blind). */
guint             ik_debrief_get_n_interviewers        (IkDebrief       *self);
IkTeamScorecard  *ik_debrief_get_interviewer           (IkDebrief       *self,
                                                        guint            index);
gboolean          ik_debrief_get_counted               (IkDebrief       *self,
                                                        guint            index);

guint             ik_debrief_get_n_competencies        (IkDebrief       *self);
const char       *ik_debrief_get_competency_id         (IkDebrief       *self,
                                                        guint            competency);
const char       *ik_debrief_get_competency_name       (IkDebrief       *self,
                                                        guint            competency);
/* The rating (1..IK_RATING_MAX, IK_RATING_NOT_ASSESSED or IK_RATING_UNRATED
 * when the interviewer has no rating for it or is not counted). */
int               ik_debrief_get_rating                (IkDebrief       *self,
                                                        guint            interviewer,
                                                        guint            competency);
/* (nullable): the evidence written for that cell */
const char       *ik_debrief_get_evidence              (IkDebrief       *self,
                                                        guint            interviewer,
                                                        guint            competency);
/* max − min of the numeric ratings; 0 with fewer than two */
int               ik_debrief_get_spread                (IkDebrief       *self,
                                                        guint            competency);
gboolean          ik_debrief_get_unassessed            (IkDebrief       *self,
                                                        guint            competency);

guint             ik_debrief_get_n_questions           (IkDebrief       *self);
const char       *ik_debrief_get_question_text         (IkDebrief       *self,
                                                        guint            question);
/* (transfer none): indices of the interviewers who asked it */
GArray           *ik_debrief_get_question_askers       (IkDebrief       *self,
                                                        guint            question);
gboolean          ik_debrief_get_question_overlap      (IkDebrief       *self,
                                                        guint            question);

/* counted scorecards per recommendation (IK_RECOMMENDATION_NONE included) */
guint             ik_debrief_get_tally                 (IkDebrief       *self,
                                                        IkRecommendation recommendation);

/* Exports for the hiring meeting. Markdown: title, blind note or the grid as
 * a table (cells "3", "n/a", "–"; spreads marked "⚠ spread N"), signature
 * state per interviewer, unassessed competencies, questions (overlaps
 * marked), tally, evidence per interviewer, amendment history. CSV (RFC
 * 4180, CRLF, formula-leading cells prefixed with '): one row per
 * interviewer × competency: candidate_id, interviewer_id, interviewer_name,
 * signature, competency_id, competency_name, rating, evidence,
 * recommendation. */
char             *ik_debrief_to_markdown               (IkDebrief       *self);
char             *ik_debrief_to_csv                    (IkDebrief       *self);

/* Added for the views and the PDF (h2). The interviewer's display name (the
 * id when the name is blank); the state of a signature in words ("valid",
 * "altered: not counted", …); a grid cell ("3", "n/a", "–"); a time as the
 * exports write it, in UTC so that every viewer writes the same bytes. */
const char       *ik_debrief_get_interviewer_name      (IkDebrief       *self,
                                                        guint            index);
const char       *ik_debrief_describe_signature        (IkSignatureState state);
const char       *ik_debrief_rating_text               (int              rating);
char             *ik_debrief_format_time               (GDateTime       *when);

G_END_DECLS
