/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-calibration.h: how this interviewer rates, next to the team.
 *
 * Own figures come from this interviewer's submitted scorecards (the
 * sessions of their library); the team's from the VALID scorecards of
 * colleagues in the team folder (none without one). Per competency id:
 * counts of each level 1..IK_RATING_MAX, own and team; per recommendation:
 * counts, own and team.
 *
 * Hint per competency (and overall, over all competencies), only with at
 * least IK_CALIBRATION_MIN_RATINGS own numeric ratings:
 *   - HIGHER / LOWER: the own mean is at least 0.5 above / below the team's
 *     mean (needs at least IK_CALIBRATION_MIN_RATINGS team ratings);
 *   - MIDDLE: every own rating is 2 or 3 while the team used 1 or 4 at least
 *     once (or, with no team, simply every own rating is 2 or 3);
 *   - NONE otherwise.
 */
#pragma once

#include <gio/gio.h>

#include "ik-enums.h"

G_BEGIN_DECLS

#define IK_CALIBRATION_MIN_RATINGS 5

typedef enum
{
  IK_CALIBRATION_HINT_NONE,
  IK_CALIBRATION_HINT_HIGHER,
  IK_CALIBRATION_HINT_LOWER,
  IK_CALIBRATION_HINT_MIDDLE,
} IkCalibrationHint;

#define IK_TYPE_CALIBRATION (ik_calibration_get_type ())
G_DECLARE_FINAL_TYPE (IkCalibration, ik_calibration, IK, CALIBRATION, GObject)

/* @own_sessions: (element-type IkSession) the library's sessions (only
 * submitted scorecards count); @team_scorecards: (nullable) (element-type
 * IkTeamScorecard) the team folder's; those with @own_interviewer_id or not
 * VALID are skipped. */
IkCalibration     *ik_calibration_new                  (GListModel     *own_sessions,
                                                        GListModel     *team_scorecards,
                                                        const char     *own_interviewer_id);
gboolean           ik_calibration_get_has_team         (IkCalibration  *self);
guint              ik_calibration_get_n_competencies   (IkCalibration  *self);
const char        *ik_calibration_get_competency_id    (IkCalibration  *self,
                                                        guint           index);
const char        *ik_calibration_get_competency_name  (IkCalibration  *self,
                                                        guint           index);
/* level 1..IK_RATING_MAX */
guint              ik_calibration_get_own_count        (IkCalibration  *self,
                                                        guint           index,
                                                        int             level);
guint              ik_calibration_get_team_count       (IkCalibration  *self,
                                                        guint           index,
                                                        int             level);
double             ik_calibration_get_own_mean         (IkCalibration  *self,
                                                        guint           index);
double             ik_calibration_get_team_mean        (IkCalibration  *self,
                                                        guint           index);
IkCalibrationHint  ik_calibration_get_hint             (IkCalibration  *self,
                                                        guint           index);
IkCalibrationHint  ik_calibration_get_overall_hint     (IkCalibration  *self);
guint              ik_calibration_get_own_recommendations  (IkCalibration   *self,
                                                            IkRecommendation recommendation);
guint              ik_calibration_get_team_recommendations (IkCalibration   *self,
                                                            IkRecommendation recommendation);
/* (transfer full): a plain-language, translated sentence for a hint, e.g.
 * "You rate Threat modelling higher than the team (3.4 against 2.6)." */
char              *ik_calibration_describe_hint        (IkCalibration  *self,
                                                        int             index);

G_END_DECLS
