/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-calibration.c: how this interviewer rates, next to the team.
 *
 * Counts are made once, in ik_calibration_new(); the hints follow the rules
 * of ik-calibration.h. Means are only ever shown rounded to one decimal, so
 * the comparisons allow for the error of a double. */
#include "config.h"

#include "ik-calibration.h"

#include <glib/gi18n-lib.h>

#include "ik-session.h"
#include "ik-team-scorecard.h"
#include "ik-util.h"

#define N_RECOMMENDATIONS (IK_RECOMMENDATION_STRONG_YES + 1)
#define HINT_DIFFERENCE 0.5
#define EPSILON 1e-9

typedef struct
{
  guint own[IK_RATING_MAX + 1];    /* index 1..IK_RATING_MAX */
  guint team[IK_RATING_MAX + 1];
} Counts;

typedef struct
{
  char   *id;
  char   *name;
  Counts  counts;
} Competency;

struct _IkCalibration
{
  GObject    parent_instance;

  gboolean   has_team;
  GPtrArray *competencies;   /* Competency */
  Counts     overall;
  guint      own_recommendations[N_RECOMMENDATIONS];
  guint      team_recommendations[N_RECOMMENDATIONS];
};

G_DEFINE_FINAL_TYPE (IkCalibration, ik_calibration, G_TYPE_OBJECT)

static void
competency_free (gpointer data)
{
  Competency *competency = data;

  g_free (competency->id);
  g_free (competency->name);
  g_free (competency);
}

static void
ik_calibration_finalize (GObject *object)
{
  IkCalibration *self = IK_CALIBRATION (object);

  g_ptr_array_unref (self->competencies);

  G_OBJECT_CLASS (ik_calibration_parent_class)->finalize (object);
}

static void
ik_calibration_class_init (IkCalibrationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_calibration_finalize;
}

static void
ik_calibration_init (IkCalibration *self)
{
  self->competencies = g_ptr_array_new_with_free_func (competency_free);
}

static Competency *
ensure_competency (IkCalibration *self,
                   const char    *id,
                   const char    *name)
{
  Competency *competency;

  for (guint i = 0; i < self->competencies->len; i++)
    {
      competency = g_ptr_array_index (self->competencies, i);
      if (g_strcmp0 (competency->id, id) == 0)
        {
          /* Named by the first name met that is not blank. */
          if (ik_str_is_blank (competency->name) && !ik_str_is_blank (name))
            {
              g_free (competency->name);
              competency->name = g_strdup (name);
            }
          return competency;
        }
    }
  competency = g_new0 (Competency, 1);
  competency->id = g_strdup (id);
  competency->name = g_strdup (name != NULL ? name : "");
  g_ptr_array_add (self->competencies, competency);
  return competency;
}

static void
add_scorecard (IkCalibration *self,
               IkScorecard   *scorecard,
               gboolean       own)
{
  GListModel *ratings = ik_scorecard_get_ratings (scorecard);
  IkRecommendation recommendation = ik_scorecard_get_recommendation (scorecard);

  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      int level = ik_competency_rating_get_rating (rating);
      Competency *competency = ensure_competency (self,
                                                  ik_competency_rating_get_competency_id (rating),
                                                  ik_competency_rating_get_competency_name (rating));

      if (level < 1 || level > IK_RATING_MAX)
        continue;
      if (own)
        {
          competency->counts.own[level]++;
          self->overall.own[level]++;
        }
      else
        {
          competency->counts.team[level]++;
          self->overall.team[level]++;
        }
    }
  if ((guint) recommendation < N_RECOMMENDATIONS)
    {
      if (own)
        self->own_recommendations[recommendation]++;
      else
        self->team_recommendations[recommendation]++;
    }
}

/**
 * ik_calibration_new:
 * @own_sessions: (element-type IkSession): the library's sessions; only
 *   those whose scorecard is submitted count
 * @team_scorecards: (nullable) (element-type IkTeamScorecard): the team
 *   folder's scorecards; those with @own_interviewer_id or not VALID are
 *   skipped
 * @own_interviewer_id: (nullable): this interviewer's id
 *
 * Counts the levels given per competency and the recommendations, own and
 * team. Competencies are in the order first met, own sessions first.
 *
 * Returns: (transfer full): the calibration
 */
IkCalibration *
ik_calibration_new (GListModel *own_sessions,
                    GListModel *team_scorecards,
                    const char *own_interviewer_id)
{
  IkCalibration *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (own_sessions), NULL);
  g_return_val_if_fail (team_scorecards == NULL || G_IS_LIST_MODEL (team_scorecards), NULL);

  self = g_object_new (IK_TYPE_CALIBRATION, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (own_sessions); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (own_sessions, i);
      IkScorecard *scorecard;

      /* Only submitted ones count: the others' bodies stay on disk. */
      if (!IK_IS_SESSION (item) || ik_session_get_scorecard_submitted (IK_SESSION (item)) == NULL)
        continue;
      scorecard = ik_session_get_scorecard (IK_SESSION (item));
      if (ik_scorecard_get_submitted (scorecard) == NULL)
        continue;
      add_scorecard (self, scorecard, TRUE);
    }

  for (guint i = 0; team_scorecards != NULL && i < g_list_model_get_n_items (team_scorecards); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (team_scorecards, i);
      IkTeamScorecard *team;

      if (!IK_IS_TEAM_SCORECARD (item))
        continue;
      team = IK_TEAM_SCORECARD (item);
      if (ik_team_scorecard_get_signature_state (team) != IK_SIGNATURE_VALID
          || (own_interviewer_id != NULL
              && g_strcmp0 (ik_team_scorecard_get_interviewer_id (team), own_interviewer_id) == 0))
        continue;
      add_scorecard (self, ik_team_scorecard_get_scorecard (team), FALSE);
      self->has_team = TRUE;
    }

  return self;
}

/**
 * ik_calibration_get_has_team:
 *
 * Returns: whether at least one colleague's valid scorecard was counted
 */
gboolean
ik_calibration_get_has_team (IkCalibration *self)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), FALSE);
  return self->has_team;
}

guint
ik_calibration_get_n_competencies (IkCalibration *self)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0);
  return self->competencies->len;
}

static Competency *
get_competency (IkCalibration *self,
                guint          index)
{
  return g_ptr_array_index (self->competencies, index);
}

const char *
ik_calibration_get_competency_id (IkCalibration *self,
                                  guint          index)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), NULL);
  g_return_val_if_fail (index < self->competencies->len, NULL);
  return get_competency (self, index)->id;
}

/**
 * ik_calibration_get_competency_name:
 *
 * Returns: the first name met for the competency, or its id when none was
 *   given
 */
const char *
ik_calibration_get_competency_name (IkCalibration *self,
                                    guint          index)
{
  Competency *competency;

  g_return_val_if_fail (IK_IS_CALIBRATION (self), NULL);
  g_return_val_if_fail (index < self->competencies->len, NULL);
  competency = get_competency (self, index);
  return !ik_str_is_blank (competency->name) ? competency->name : competency->id;
}

guint
ik_calibration_get_own_count (IkCalibration *self,
                              guint          index,
                              int            level)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0);
  g_return_val_if_fail (index < self->competencies->len, 0);
  g_return_val_if_fail (level >= 1 && level <= IK_RATING_MAX, 0);
  return get_competency (self, index)->counts.own[level];
}

guint
ik_calibration_get_team_count (IkCalibration *self,
                               guint          index,
                               int            level)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0);
  g_return_val_if_fail (index < self->competencies->len, 0);
  g_return_val_if_fail (level >= 1 && level <= IK_RATING_MAX, 0);
  return get_competency (self, index)->counts.team[level];
}

static guint
total (const guint *counts)
{
  guint n = 0;

  for (int level = 1; level <= IK_RATING_MAX; level++)
    n += counts[level];
  return n;
}

static double
mean (const guint *counts)
{
  guint n = 0;
  guint sum = 0;

  for (int level = 1; level <= IK_RATING_MAX; level++)
    {
      n += counts[level];
      sum += counts[level] * level;
    }
  return n > 0 ? (double) sum / n : 0.0;
}

/**
 * ik_calibration_get_own_mean:
 *
 * Returns: the mean of the own levels given, 0 when there are none
 */
double
ik_calibration_get_own_mean (IkCalibration *self,
                             guint          index)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0.0);
  g_return_val_if_fail (index < self->competencies->len, 0.0);
  return mean (get_competency (self, index)->counts.own);
}

/**
 * ik_calibration_get_team_mean:
 *
 * Returns: the mean of the team's levels, 0 when there are none
 */
double
ik_calibration_get_team_mean (IkCalibration *self,
                              guint          index)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0.0);
  g_return_val_if_fail (index < self->competencies->len, 0.0);
  return mean (get_competency (self, index)->counts.team);
}

static IkCalibrationHint
hint_for (const Counts *counts)
{
  guint n_own = total (counts->own);
  guint n_team = total (counts->team);
  gboolean own_middle;

  if (n_own < IK_CALIBRATION_MIN_RATINGS)
    return IK_CALIBRATION_HINT_NONE;

  if (n_team >= IK_CALIBRATION_MIN_RATINGS)
    {
      double difference = mean (counts->own) - mean (counts->team);

      if (difference >= HINT_DIFFERENCE - EPSILON)
        return IK_CALIBRATION_HINT_HIGHER;
      if (difference <= -HINT_DIFFERENCE + EPSILON)
        return IK_CALIBRATION_HINT_LOWER;
    }

  own_middle = counts->own[1] == 0 && counts->own[IK_RATING_MAX] == 0;
  if (own_middle && (n_team == 0 || counts->team[1] + counts->team[IK_RATING_MAX] > 0))
    return IK_CALIBRATION_HINT_MIDDLE;
  return IK_CALIBRATION_HINT_NONE;
}

IkCalibrationHint
ik_calibration_get_hint (IkCalibration *self,
                         guint          index)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), IK_CALIBRATION_HINT_NONE);
  g_return_val_if_fail (index < self->competencies->len, IK_CALIBRATION_HINT_NONE);
  return hint_for (&get_competency (self, index)->counts);
}

/**
 * ik_calibration_get_overall_hint:
 *
 * Returns: the hint over every level given, all competencies together
 */
IkCalibrationHint
ik_calibration_get_overall_hint (IkCalibration *self)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), IK_CALIBRATION_HINT_NONE);
  return hint_for (&self->overall);
}

guint
ik_calibration_get_own_recommendations (IkCalibration    *self,
                                        IkRecommendation  recommendation)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0);
  g_return_val_if_fail ((guint) recommendation < N_RECOMMENDATIONS, 0);
  return self->own_recommendations[recommendation];
}

guint
ik_calibration_get_team_recommendations (IkCalibration    *self,
                                         IkRecommendation  recommendation)
{
  g_return_val_if_fail (IK_IS_CALIBRATION (self), 0);
  g_return_val_if_fail ((guint) recommendation < N_RECOMMENDATIONS, 0);
  return self->team_recommendations[recommendation];
}

/**
 * ik_calibration_describe_hint:
 * @index: a competency, or -1 for the overall hint
 *
 * A sentence for the hint of @index, for a person reading their own
 * calibration: what stands out, or why nothing is said yet.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
ik_calibration_describe_hint (IkCalibration *self,
                              int            index)
{
  const Counts *counts;
  const char *name = NULL;
  guint n_own;
  guint n_team;
  double own_mean;
  double team_mean;

  g_return_val_if_fail (IK_IS_CALIBRATION (self), NULL);
  g_return_val_if_fail (index >= -1 && (index < 0 || (guint) index < self->competencies->len), NULL);

  if (index >= 0)
    {
      counts = &get_competency (self, index)->counts;
      name = ik_calibration_get_competency_name (self, index);
    }
  else
    counts = &self->overall;
  n_own = total (counts->own);
  n_team = total (counts->team);
  own_mean = mean (counts->own);
  team_mean = mean (counts->team);

  switch (hint_for (counts))
    {
    case IK_CALIBRATION_HINT_HIGHER:
      if (name != NULL)
        /* Translators: %s is a competency; then two means, e.g. 3.4 and 2.6 */
        return g_strdup_printf (_("You rate %s higher than the team (%.1f against %.1f)."),
                                name, own_mean, team_mean);
      return g_strdup_printf (_("Overall, you rate higher than the team (%.1f against %.1f)."),
                              own_mean, team_mean);

    case IK_CALIBRATION_HINT_LOWER:
      if (name != NULL)
        return g_strdup_printf (_("You rate %s lower than the team (%.1f against %.1f)."),
                                name, own_mean, team_mean);
      return g_strdup_printf (_("Overall, you rate lower than the team (%.1f against %.1f)."),
                              own_mean, team_mean);

    case IK_CALIBRATION_HINT_MIDDLE:
      if (n_team > 0)
        {
          if (name != NULL)
            return g_strdup_printf (ngettext ("Your %u rating of %s is in the middle (2 or 3), while the team also uses 1 or 4.",
                                              "All your %u ratings of %s are in the middle (2 or 3), while the team also uses 1 or 4.",
                                              n_own),
                                    n_own, name);
          return g_strdup_printf (ngettext ("Your %u rating is in the middle (2 or 3), while the team also uses 1 or 4.",
                                            "All your %u ratings are in the middle (2 or 3), while the team also uses 1 or 4.",
                                            n_own),
                                  n_own);
        }
      if (name != NULL)
        return g_strdup_printf (ngettext ("Your %u rating of %s is in the middle (2 or 3): the ends of the scale are there to be used.",
                                          "All your %u ratings of %s are in the middle (2 or 3): the ends of the scale are there to be used.",
                                          n_own),
                                n_own, name);
      return g_strdup_printf (ngettext ("Your %u rating is in the middle (2 or 3): the ends of the scale are there to be used.",
                                        "All your %u ratings are in the middle (2 or 3): the ends of the scale are there to be used.",
                                        n_own),
                              n_own);

    case IK_CALIBRATION_HINT_NONE:
    default:
      break;
    }

  if (n_own < IK_CALIBRATION_MIN_RATINGS)
    {
      /* Translators: the first %u is a number of ratings; the second, the
       * number a hint needs */
      g_autofree char *needed = g_strdup_printf (ngettext ("A hint needs at least %u rating.",
                                                           "A hint needs at least %u ratings.",
                                                           IK_CALIBRATION_MIN_RATINGS),
                                                 (guint) IK_CALIBRATION_MIN_RATINGS);
      g_autofree char *have = NULL;

      if (name != NULL)
        have = g_strdup_printf (ngettext ("You have given %u rating of %s so far.",
                                          "You have given %u ratings of %s so far.", n_own),
                                n_own, name);
      else
        have = g_strdup_printf (ngettext ("You have given %u rating so far.",
                                          "You have given %u ratings so far.", n_own),
                                n_own);
      return g_strdup_printf ("%s %s", have, needed);
    }
  if (n_team >= IK_CALIBRATION_MIN_RATINGS)
    {
      if (name != NULL)
        return g_strdup_printf (_("You rate %s in line with the team (%.1f against %.1f)."),
                                name, own_mean, team_mean);
      return g_strdup_printf (_("Overall, you rate in line with the team (%.1f against %.1f)."),
                              own_mean, team_mean);
    }
  if (name != NULL)
    return g_strdup_printf (ngettext ("Nothing stands out in your %u rating of %s.",
                                      "Nothing stands out in your %u ratings of %s.", n_own),
                            n_own, name);
  return g_strdup_printf (ngettext ("Nothing stands out in your %u rating.",
                                    "Nothing stands out in your %u ratings.", n_own),
                          n_own);
}
