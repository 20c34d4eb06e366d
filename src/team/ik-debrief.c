/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-debrief.c: one candidate's debrief, built from the team's scorecards.
 *
 * Everything is computed once, in ik_debrief_new(): a debrief is a snapshot
 * of the folder; a view makes a new one when the folder changes. The
 * exports depend only on the scorecards and their signature states, never on
 * who asks or when, so every interviewer who can see a debrief exports the
 * same bytes. */
#include "config.h"

#include "ik-debrief.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-scorecard-export.h"
#include "ik-util.h"

typedef struct
{
  char *id;
  char *name;
  int   spread;
  gboolean unassessed;
} Competency;

typedef struct
{
  char   *id;
  char   *text;
  GArray *askers;   /* guint: interviewer indices */
} Question;

struct _IkDebrief
{
  GObject     parent_instance;

  char       *candidate_id;
  char       *candidate_name;
  char       *role;
  gboolean    blind;
  gboolean    hiring_lead;
  guint       n_colleagues;

  GPtrArray  *interviewers;   /* IkTeamScorecard, sorted; empty when blind */
  GArray     *counted;        /* gboolean per interviewer */
  GPtrArray  *competencies;   /* Competency */
  GPtrArray  *cells;          /* IkCompetencyRating or NULL, interviewer-major */
  GPtrArray  *questions;      /* Question */
  guint       tally[IK_RECOMMENDATION_STRONG_YES + 1];
};

G_DEFINE_FINAL_TYPE (IkDebrief, ik_debrief, G_TYPE_OBJECT)

static void
competency_free (gpointer data)
{
  Competency *competency = data;

  g_free (competency->id);
  g_free (competency->name);
  g_free (competency);
}

static void
question_free (gpointer data)
{
  Question *question = data;

  g_free (question->id);
  g_free (question->text);
  g_array_unref (question->askers);
  g_free (question);
}

static void
cell_free (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
ik_debrief_finalize (GObject *object)
{
  IkDebrief *self = IK_DEBRIEF (object);

  g_free (self->candidate_id);
  g_free (self->candidate_name);
  g_free (self->role);
  g_ptr_array_unref (self->interviewers);
  g_array_unref (self->counted);
  g_ptr_array_unref (self->competencies);
  g_ptr_array_unref (self->cells);
  g_ptr_array_unref (self->questions);

  G_OBJECT_CLASS (ik_debrief_parent_class)->finalize (object);
}

static void
ik_debrief_class_init (IkDebriefClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_debrief_finalize;
}

static void
ik_debrief_init (IkDebrief *self)
{
  self->interviewers = g_ptr_array_new_with_free_func (g_object_unref);
  self->counted = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->competencies = g_ptr_array_new_with_free_func (competency_free);
  self->cells = g_ptr_array_new_with_free_func (cell_free);
  self->questions = g_ptr_array_new_with_free_func (question_free);
}

static const char *
display_name (IkTeamScorecard *scorecard)
{
  const char *name = ik_team_scorecard_get_interviewer_name (scorecard);

  return !ik_str_is_blank (name) ? name : ik_team_scorecard_get_interviewer_id (scorecard);
}

/* By name, then id; bytewise on the case-folded, normalised name, so that
 * the order is the same in every locale (the exports must not differ). */
static int
compare_interviewers (gconstpointer a,
                      gconstpointer b)
{
  IkTeamScorecard *sa = *(IkTeamScorecard **) a;
  IkTeamScorecard *sb = *(IkTeamScorecard **) b;
  g_autofree char *fa = g_utf8_casefold (display_name (sa), -1);
  g_autofree char *fb = g_utf8_casefold (display_name (sb), -1);
  g_autofree char *na = g_utf8_normalize (fa, -1, G_NORMALIZE_ALL);
  g_autofree char *nb = g_utf8_normalize (fb, -1, G_NORMALIZE_ALL);
  int result;

  result = g_strcmp0 (na, nb);
  if (result == 0)
    result = g_strcmp0 (display_name (sa), display_name (sb));
  if (result == 0)
    result = g_strcmp0 (ik_team_scorecard_get_interviewer_id (sa),
                        ik_team_scorecard_get_interviewer_id (sb));
  return result;
}

static gboolean
is_valid (IkTeamScorecard *scorecard)
{
  return ik_team_scorecard_get_signature_state (scorecard) == IK_SIGNATURE_VALID;
}

static guint
find_competency (IkDebrief  *self,
                 const char *id)
{
  for (guint i = 0; i < self->competencies->len; i++)
    if (g_strcmp0 (((Competency *) g_ptr_array_index (self->competencies, i))->id, id) == 0)
      return i;
  return G_MAXUINT;
}

static IkCompetencyRating *
cell (IkDebrief *self,
      guint      interviewer,
      guint      competency)
{
  return g_ptr_array_index (self->cells, interviewer * self->competencies->len + competency);
}

static void
build_grid (IkDebrief *self)
{
  guint n = self->interviewers->len;

  /* Competencies: first met, named by the first name met. */
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
      GListModel *ratings;

      if (!g_array_index (self->counted, gboolean, i))
        continue;
      ratings = ik_scorecard_get_ratings (ik_team_scorecard_get_scorecard (scorecard));
      for (guint r = 0; r < g_list_model_get_n_items (ratings); r++)
        {
          g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, r);
          const char *id = ik_competency_rating_get_competency_id (rating);
          const char *name = ik_competency_rating_get_competency_name (rating);
          Competency *competency;

          if (find_competency (self, id) != G_MAXUINT)
            continue;
          competency = g_new0 (Competency, 1);
          competency->id = g_strdup (id);
          competency->name = g_strdup (!ik_str_is_blank (name) ? name : id);
          g_ptr_array_add (self->competencies, competency);
        }
    }

  g_ptr_array_set_size (self->cells, n * self->competencies->len);
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
      IkScorecard *card = ik_team_scorecard_get_scorecard (scorecard);

      if (!g_array_index (self->counted, gboolean, i))
        continue;
      for (guint c = 0; c < self->competencies->len; c++)
        {
          Competency *competency = g_ptr_array_index (self->competencies, c);
          IkCompetencyRating *rating = ik_scorecard_find_rating (card, competency->id);

          if (rating != NULL)
            self->cells->pdata[i * self->competencies->len + c] = g_object_ref (rating);
        }
      self->tally[CLAMP (ik_scorecard_get_recommendation (card), 0, IK_RECOMMENDATION_STRONG_YES)]++;
    }

  for (guint c = 0; c < self->competencies->len; c++)
    {
      Competency *competency = g_ptr_array_index (self->competencies, c);
      int min = G_MAXINT, max = G_MININT;
      guint n_numeric = 0;

      for (guint i = 0; i < n; i++)
        {
          IkCompetencyRating *rating = cell (self, i, c);
          int level = rating != NULL ? ik_competency_rating_get_rating (rating) : IK_RATING_UNRATED;

          if (level < 1 || level > IK_RATING_MAX)
            continue;
          n_numeric++;
          min = MIN (min, level);
          max = MAX (max, level);
        }
      competency->spread = n_numeric >= 2 ? max - min : 0;
      competency->unassessed = n_numeric == 0;
    }
}

static void
build_questions (IkDebrief *self)
{
  for (guint i = 0; i < self->interviewers->len; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
      GPtrArray *asked;

      if (!g_array_index (self->counted, gboolean, i))
        continue;
      asked = ik_team_scorecard_get_questions (scorecard);
      for (guint q = 0; q < asked->len; q++)
        {
          IkTeamQuestion *entry = g_ptr_array_index (asked, q);
          Question *question = NULL;
          gboolean already = FALSE;

          for (guint k = 0; k < self->questions->len && question == NULL; k++)
            if (g_strcmp0 (((Question *) g_ptr_array_index (self->questions, k))->id, entry->id) == 0)
              question = g_ptr_array_index (self->questions, k);
          if (question == NULL)
            {
              question = g_new0 (Question, 1);
              question->id = g_strdup (entry->id);
              question->text = g_strdup (entry->text != NULL ? entry->text : "");
              question->askers = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_add (self->questions, question);
            }
          /* Asked twice by one interviewer is still one asker. */
          for (guint k = 0; k < question->askers->len; k++)
            if (g_array_index (question->askers, guint, k) == i)
              already = TRUE;
          if (!already)
            g_array_append_val (question->askers, i);
        }
    }
}

/**
 * ik_debrief_new:
 * @candidate_id: the candidate
 * @scorecards: (element-type IkTeamScorecard): the candidate's scorecards,
 *   whatever their signature state (ik_team_folder_list_candidate())
 * @own_interviewer_id: (nullable): this interviewer's id
 * @hiring_lead: whether this person leads hiring and sees everything
 *
 * Builds the debrief as this interviewer may see it (the blind rule is in
 * ik-debrief.h). The scorecards are referenced, not copied; they are
 * read-only.
 *
 * Returns: (transfer full): the debrief
 */
IkDebrief *
ik_debrief_new (const char *candidate_id,
                GPtrArray  *scorecards,
                const char *own_interviewer_id,
                gboolean    hiring_lead)
{
  IkDebrief *self;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean own_valid = FALSE;

  g_return_val_if_fail (candidate_id != NULL, NULL);
  g_return_val_if_fail (scorecards != NULL, NULL);

  self = g_object_new (IK_TYPE_DEBRIEF, NULL);
  self->candidate_id = g_strdup (candidate_id);
  self->hiring_lead = hiring_lead;

  for (guint i = 0; i < scorecards->len; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (scorecards, i);
      gboolean own;

      g_return_val_if_fail (IK_IS_TEAM_SCORECARD (scorecard), self);
      own = own_interviewer_id != NULL
            && g_strcmp0 (ik_team_scorecard_get_interviewer_id (scorecard), own_interviewer_id) == 0;
      if (own && is_valid (scorecard))
        own_valid = TRUE;
      if (!own)
        self->n_colleagues++;
      g_ptr_array_add (sorted, g_object_ref (scorecard));
    }
  g_ptr_array_sort (sorted, compare_interviewers);

  /* The candidate as a valid scorecard names them; any other only when no
   * valid one does. */
  for (guint pass = 0; pass < 2 && self->candidate_name == NULL; pass++)
    for (guint i = 0; i < sorted->len && self->candidate_name == NULL; i++)
      {
        IkTeamScorecard *scorecard = g_ptr_array_index (sorted, i);

        if ((pass == 0 && !is_valid (scorecard))
            || ik_str_is_blank (ik_team_scorecard_get_candidate_name (scorecard)))
          continue;
        self->candidate_name = g_strdup (ik_team_scorecard_get_candidate_name (scorecard));
        self->role = g_strdup (ik_team_scorecard_get_role (scorecard));
      }
  if (self->candidate_name == NULL)
    self->candidate_name = g_strdup ("");
  if (self->role == NULL)
    self->role = g_strdup ("");

  self->blind = !hiring_lead && !own_valid;
  if (self->blind)
    return self;

  for (guint i = 0; i < sorted->len; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (sorted, i);
      gboolean counted = is_valid (scorecard);

      g_ptr_array_add (self->interviewers, g_object_ref (scorecard));
      g_array_append_val (self->counted, counted);
    }
  build_grid (self);
  build_questions (self);
  return self;
}

const char *
ik_debrief_get_candidate_id (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  return self->candidate_id;
}

/**
 * ik_debrief_get_candidate_name:
 *
 * Returns: the candidate's name as a valid scorecard gives it (any
 *   scorecard when none is valid); "" when none names them
 */
const char *
ik_debrief_get_candidate_name (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  return self->candidate_name;
}

const char *
ik_debrief_get_role (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  return self->role;
}

gboolean
ik_debrief_get_blind (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), TRUE);
  return self->blind;
}

gboolean
ik_debrief_get_hiring_lead (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), FALSE);
  return self->hiring_lead;
}

guint
ik_debrief_get_n_colleagues_submitted (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  return self->n_colleagues;
}

guint
ik_debrief_get_n_interviewers (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  return self->interviewers->len;
}

/**
 * ik_debrief_get_interviewer:
 *
 * Returns: (transfer none): the scorecard of the interviewer at @index
 */
IkTeamScorecard *
ik_debrief_get_interviewer (IkDebrief *self,
                            guint      index)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (index < self->interviewers->len, NULL);
  return g_ptr_array_index (self->interviewers, index);
}

/**
 * ik_debrief_get_interviewer_name:
 *
 * Returns: the name the interviewer's scorecard gives, or their id when it
 *   gives none
 */
const char *
ik_debrief_get_interviewer_name (IkDebrief *self,
                                 guint      index)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (index < self->interviewers->len, NULL);
  return display_name (g_ptr_array_index (self->interviewers, index));
}

gboolean
ik_debrief_get_counted (IkDebrief *self,
                        guint      index)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), FALSE);
  g_return_val_if_fail (index < self->counted->len, FALSE);
  return g_array_index (self->counted, gboolean, index);
}

guint
ik_debrief_get_n_competencies (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  return self->competencies->len;
}

const char *
ik_debrief_get_competency_id (IkDebrief *self,
                              guint      competency)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (competency < self->competencies->len, NULL);
  return ((Competency *) g_ptr_array_index (self->competencies, competency))->id;
}

const char *
ik_debrief_get_competency_name (IkDebrief *self,
                                guint      competency)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (competency < self->competencies->len, NULL);
  return ((Competency *) g_ptr_array_index (self->competencies, competency))->name;
}

int
ik_debrief_get_rating (IkDebrief *self,
                       guint      interviewer,
                       guint      competency)
{
  IkCompetencyRating *rating;

  g_return_val_if_fail (IK_IS_DEBRIEF (self), IK_RATING_UNRATED);
  g_return_val_if_fail (interviewer < self->interviewers->len, IK_RATING_UNRATED);
  g_return_val_if_fail (competency < self->competencies->len, IK_RATING_UNRATED);

  rating = cell (self, interviewer, competency);
  return rating != NULL ? ik_competency_rating_get_rating (rating) : IK_RATING_UNRATED;
}

/**
 * ik_debrief_get_evidence:
 *
 * Returns: (nullable): the evidence of that cell; %NULL when there is none
 *   (no rating, an uncounted scorecard, or an empty text)
 */
const char *
ik_debrief_get_evidence (IkDebrief *self,
                         guint      interviewer,
                         guint      competency)
{
  IkCompetencyRating *rating;
  const char *evidence;

  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (interviewer < self->interviewers->len, NULL);
  g_return_val_if_fail (competency < self->competencies->len, NULL);

  rating = cell (self, interviewer, competency);
  if (rating == NULL)
    return NULL;
  evidence = ik_competency_rating_get_evidence (rating);
  return evidence != NULL && evidence[0] != '\0' ? evidence : NULL;
}

int
ik_debrief_get_spread (IkDebrief *self,
                       guint      competency)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  g_return_val_if_fail (competency < self->competencies->len, 0);
  return ((Competency *) g_ptr_array_index (self->competencies, competency))->spread;
}

gboolean
ik_debrief_get_unassessed (IkDebrief *self,
                           guint      competency)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), FALSE);
  g_return_val_if_fail (competency < self->competencies->len, FALSE);
  return ((Competency *) g_ptr_array_index (self->competencies, competency))->unassessed;
}

guint
ik_debrief_get_n_questions (IkDebrief *self)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  return self->questions->len;
}

const char *
ik_debrief_get_question_text (IkDebrief *self,
                              guint      question)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (question < self->questions->len, NULL);
  return ((Question *) g_ptr_array_index (self->questions, question))->text;
}

/**
 * ik_debrief_get_question_askers:
 *
 * Returns: (transfer none) (element-type guint): the indices of the
 *   interviewers who asked it, in interviewer order
 */
GArray *
ik_debrief_get_question_askers (IkDebrief *self,
                                guint      question)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);
  g_return_val_if_fail (question < self->questions->len, NULL);
  return ((Question *) g_ptr_array_index (self->questions, question))->askers;
}

gboolean
ik_debrief_get_question_overlap (IkDebrief *self,
                                 guint      question)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), FALSE);
  g_return_val_if_fail (question < self->questions->len, FALSE);
  return ((Question *) g_ptr_array_index (self->questions, question))->askers->len >= 2;
}

guint
ik_debrief_get_tally (IkDebrief        *self,
                      IkRecommendation  recommendation)
{
  g_return_val_if_fail (IK_IS_DEBRIEF (self), 0);
  g_return_val_if_fail ((guint) recommendation <= IK_RECOMMENDATION_STRONG_YES, 0);
  return self->tally[recommendation];
}

/* Shared words ----------------------------------------------------------- */

/**
 * ik_debrief_describe_signature:
 *
 * Returns: the translated words every export and view uses for @state
 */
const char *
ik_debrief_describe_signature (IkSignatureState state)
{
  switch (state)
    {
    case IK_SIGNATURE_VALID:
      return _("valid");
    case IK_SIGNATURE_UNKNOWN:
      return _("unknown interviewer: not counted");
    case IK_SIGNATURE_KEY_CHANGED:
      return _("signed by a different key: not counted");
    case IK_SIGNATURE_ALTERED:
    default:
      return _("altered: not counted");
    }
}

/**
 * ik_debrief_rating_text:
 *
 * Returns: the text of a grid cell: the level, “n/a” when not assessed,
 *   “–” when there is no rating
 */
const char *
ik_debrief_rating_text (int rating)
{
  static const char * const levels[] = { "1", "2", "3", "4" };

  G_STATIC_ASSERT (G_N_ELEMENTS (levels) == IK_RATING_MAX);
  if (rating >= 1 && rating <= IK_RATING_MAX)
    return levels[rating - 1];
  if (rating == IK_RATING_NOT_ASSESSED)
    /* Translators: a debrief cell: the interviewer did not assess it */
    return _("n/a");
  return "–";
}

/**
 * ik_debrief_format_time:
 * @when: (nullable): a time
 *
 * Returns: (transfer full): @when in UTC, “2026-12-01 14:05 UTC”; "" for
 *   %NULL
 */
char *
ik_debrief_format_time (GDateTime *when)
{
  g_autoptr(GDateTime) utc = NULL;

  if (when == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (when);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static const IkRecommendation tally_order[] = {
  IK_RECOMMENDATION_STRONG_YES,
  IK_RECOMMENDATION_YES,
  IK_RECOMMENDATION_NO,
  IK_RECOMMENDATION_STRONG_NO,
  IK_RECOMMENDATION_NONE,
};

static char *
fingerprint_of (IkTeamScorecard *scorecard)
{
  const char *key = ik_team_scorecard_get_public_key (scorecard);

  return key != NULL && key[0] != '\0' ? ik_key_fingerprint (key) : NULL;
}

/* Markdown --------------------------------------------------------------- */

/* One line of user text: line breaks and tabs become spaces (a table row or
 * a heading must stay on its line), then everything active is escaped. */
static void
md_line (GString    *out,
         const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  g_autofree char *escaped = NULL;

  for (char *p = flat; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\v' || *p == '\f')
      *p = ' ';
  escaped = ik_markdown_escape (flat);
  g_string_append (out, escaped);
}

/* A paragraph of user text in a block quote, every line quoted. */
static void
md_quote (GString    *out,
          const char *text)
{
  g_autofree char *escaped = ik_markdown_escape (text);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, lines[i][0] != '\0' ? "> %s\n" : ">%s\n", lines[i]);
  g_string_append_c (out, '\n');
}

static void
md_heading (GString    *out,
            const char *level,
            const char *text)
{
  g_string_append (out, level);
  g_string_append_c (out, ' ');
  md_line (out, text);
  g_string_append (out, "\n\n");
}

static void
md_meta (GString    *out,
         const char *label,
         const char *value)
{
  g_string_append (out, "- **");
  md_line (out, label);
  g_string_append (out, ":** ");
  md_line (out, value);
  g_string_append_c (out, '\n');
}

static char *
title_text (IkDebrief *self)
{
  const char *name = !ik_str_is_blank (self->candidate_name) ? self->candidate_name : self->candidate_id;

  /* Translators: the title of a debrief export; %s is the candidate */
  return g_strdup_printf (_("Debrief: %s"), name);
}

static char *
blind_text (IkDebrief *self)
{
  g_autofree char *count = g_strdup_printf (ngettext (
                                                         "%u colleague has submitted a scorecard for this candidate.",
                                                         "%u colleagues have submitted a scorecard for this candidate.",
                                                         self->n_colleagues),
                                            self->n_colleagues);

  return g_strdup_printf ("%s %s",
                          _("This debrief is blind: colleagues’ ratings and recommendations stay hidden "
                            "until the interviewer’s own scorecard for this candidate is submitted."),
                          count);
}

static char *
spread_text (int spread)
{
  if (spread >= IK_DEBRIEF_SPREAD_HIGHLIGHT)
    /* Translators: a competency whose ratings differ by %d levels */
    return g_strdup_printf (_("⚠ spread %d"), spread);
  return g_strdup_printf ("%d", spread);
}

static char *
askers_text (IkDebrief *self,
             guint      question)
{
  GArray *askers = ik_debrief_get_question_askers (self, question);
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < askers->len; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      g_string_append (out, ik_debrief_get_interviewer_name (self, g_array_index (askers, guint, k)));
    }
  return g_string_free (out, FALSE);
}

static char *
overlap_text (IkDebrief *self,
              guint      question)
{
  guint n = ik_debrief_get_question_askers (self, question)->len;

  if (n < 2)
    return g_strdup ("");
  return g_strdup_printf (ngettext (
                                       "⚠ asked by %u interviewer",
                                       "⚠ asked by %u interviewers", n), n);
}

static void
md_interviewer_state (GString   *out,
                      IkDebrief *self,
                      guint      i)
{
  IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
  g_autofree char *fingerprint = fingerprint_of (scorecard);
  g_autofree char *submitted = ik_debrief_format_time (ik_scorecard_get_submitted (ik_team_scorecard_get_scorecard (scorecard)));

  g_string_append (out, "- **");
  md_line (out, ik_debrief_get_interviewer_name (self, i));
  g_string_append (out, ":** ");
  md_line (out, ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (scorecard)));
  if (fingerprint != NULL)
    {
      g_autofree char *key = g_strdup_printf (_("key %s"), fingerprint);

      g_string_append (out, " · ");
      md_line (out, key);
    }
  if (submitted[0] != '\0' && ik_debrief_get_counted (self, i))
    {
      g_autofree char *when = g_strdup_printf (_("submitted %s"), submitted);

      g_string_append (out, " · ");
      md_line (out, when);
    }
  g_string_append_c (out, '\n');
}

/**
 * ik_debrief_to_markdown:
 *
 * The debrief as a Markdown document for the hiring meeting (ik-debrief.h).
 * Every text typed by someone (names, evidence, questions, reasons) is
 * escaped: nothing in it can break the tables or become markup. The text
 * holds no time of export and nothing about who exported it.
 *
 * Returns: (transfer full): the document
 */
char *
ik_debrief_to_markdown (IkDebrief *self)
{
  g_autofree char *title = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);

  title = title_text (self);
  out = g_string_new (NULL);
  md_heading (out, "#", title);
  md_meta (out, _("Candidate id"), self->candidate_id);
  if (!ik_str_is_blank (self->role))
    md_meta (out, _("Role"), self->role);
  g_string_append_c (out, '\n');

  if (self->blind)
    {
      g_autofree char *blind = blind_text (self);

      g_string_append (out, "**");
      md_line (out, blind);
      g_string_append (out, "**\n");
      return g_string_free (out, FALSE);
    }

  n = self->interviewers->len;

  /* The grid: every interviewer has a column, the uncounted marked. */
  md_heading (out, "##", _("Ratings"));
  if (self->competencies->len > 0)
    {
      g_string_append (out, "| ");
      md_line (out, _("Competency"));
      for (guint i = 0; i < n; i++)
        {
          IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
          g_autofree char *label = NULL;

          if (ik_debrief_get_counted (self, i))
            label = g_strdup (ik_debrief_get_interviewer_name (self, i));
          else
            label = g_strdup_printf ("%s (%s)", ik_debrief_get_interviewer_name (self, i),
                                     ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (scorecard)));
          g_string_append (out, " | ");
          md_line (out, label);
        }
      g_string_append (out, " | ");
      md_line (out, _("Spread"));
      g_string_append (out, " |\n|");
      for (guint i = 0; i < n + 2; i++)
        g_string_append (out, " --- |");
      g_string_append_c (out, '\n');
      for (guint c = 0; c < self->competencies->len; c++)
        {
          g_autofree char *spread = spread_text (ik_debrief_get_spread (self, c));

          g_string_append (out, "| ");
          md_line (out, ik_debrief_get_competency_name (self, c));
          for (guint i = 0; i < n; i++)
            {
              g_string_append (out, " | ");
              md_line (out, ik_debrief_rating_text (ik_debrief_get_rating (self, i, c)));
            }
          g_string_append (out, " | ");
          md_line (out, spread);
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }
  else
    {
      md_line (out, _("No counted scorecard rates any competency."));
      g_string_append (out, "\n\n");
    }

  md_heading (out, "##", _("Signatures"));
  for (guint i = 0; i < n; i++)
    md_interviewer_state (out, self, i);
  g_string_append_c (out, '\n');

  md_heading (out, "##", _("Competencies nobody assessed"));
  {
    gboolean any = FALSE;

    for (guint c = 0; c < self->competencies->len; c++)
      if (ik_debrief_get_unassessed (self, c))
        {
          g_string_append (out, "- ");
          md_line (out, ik_debrief_get_competency_name (self, c));
          g_string_append_c (out, '\n');
          any = TRUE;
        }
    if (!any)
      md_line (out, _("Every competency was assessed by at least one interviewer."));
    g_string_append (out, "\n\n");
  }

  md_heading (out, "##", _("Questions"));
  if (self->questions->len > 0)
    {
      g_string_append (out, "| ");
      md_line (out, _("Question"));
      g_string_append (out, " | ");
      md_line (out, _("Asked by"));
      g_string_append (out, " | ");
      md_line (out, _("Overlap"));
      g_string_append (out, " |\n| --- | --- | --- |\n");
      for (guint q = 0; q < self->questions->len; q++)
        {
          g_autofree char *askers = askers_text (self, q);
          g_autofree char *overlap = overlap_text (self, q);

          g_string_append (out, "| ");
          md_line (out, ik_debrief_get_question_text (self, q));
          g_string_append (out, " | ");
          md_line (out, askers);
          g_string_append (out, " | ");
          md_line (out, overlap);
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }
  else
    {
      md_line (out, _("No questions were recorded."));
      g_string_append (out, "\n\n");
    }

  md_heading (out, "##", _("Recommendations"));
  for (guint r = 0; r < G_N_ELEMENTS (tally_order); r++)
    {
      g_autofree char *count = g_strdup_printf ("%u", self->tally[tally_order[r]]);

      md_meta (out, ik_export_recommendation_label (tally_order[r]), count);
    }
  g_string_append_c (out, '\n');

  md_heading (out, "##", _("Evidence"));
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
      IkScorecard *card = ik_team_scorecard_get_scorecard (scorecard);
      GPtrArray *asked = ik_team_scorecard_get_questions (scorecard);

      if (!ik_debrief_get_counted (self, i))
        continue;
      md_heading (out, "###", ik_debrief_get_interviewer_name (self, i));
      md_meta (out, _("Recommendation"), ik_export_recommendation_label (ik_scorecard_get_recommendation (card)));
      g_string_append_c (out, '\n');
      if (!ik_str_is_blank (ik_scorecard_get_summary (card)))
        md_quote (out, ik_scorecard_get_summary (card));
      for (guint c = 0; c < self->competencies->len; c++)
        {
          const char *evidence = ik_debrief_get_evidence (self, i, c);
          int level = ik_debrief_get_rating (self, i, c);
          g_autofree char *heading = NULL;

          /* Cells with neither a level nor evidence say nothing here. */
          if (evidence == NULL && (level < 1 || level > IK_RATING_MAX))
            continue;
          heading = g_strdup_printf ("%s: %s", ik_debrief_get_competency_name (self, c),
                                     ik_debrief_rating_text (level));
          md_heading (out, "####", heading);
          if (!ik_str_is_blank (evidence))
            md_quote (out, evidence);
          else
            {
              md_line (out, _("No evidence was recorded."));
              g_string_append (out, "\n\n");
            }
        }
      for (guint q = 0; q < asked->len; q++)
        {
          IkTeamQuestion *question = g_ptr_array_index (asked, q);
          g_autofree char *heading = NULL;

          if (ik_str_is_blank (question->notes))
            continue;
          heading = g_strdup_printf (_("Notes on “%s”"), question->text);
          md_heading (out, "####", heading);
          md_quote (out, question->notes);
        }
    }

  md_heading (out, "##", _("Amendment history"));
  {
    gboolean any = FALSE;

    for (guint i = 0; i < n; i++)
      {
        IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
        GListModel *revisions = ik_scorecard_get_revisions (ik_team_scorecard_get_scorecard (scorecard));

        if (!ik_debrief_get_counted (self, i))
          continue;
        for (guint r = 0; r < g_list_model_get_n_items (revisions); r++)
          {
            g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, r);
            g_autofree char *when = ik_debrief_format_time (ik_scorecard_revision_get_time (revision));

            g_string_append (out, "- **");
            md_line (out, ik_debrief_get_interviewer_name (self, i));
            g_string_append (out, ",** ");
            md_line (out, when);
            g_string_append (out, ": ");
            md_line (out, ik_scorecard_revision_get_reason (revision));
            g_string_append_c (out, '\n');
            any = TRUE;
          }
      }
    if (!any)
      {
        md_line (out, _("No scorecard was amended."));
        g_string_append_c (out, '\n');
      }
  }

  return g_string_free (out, FALSE);
}

/* CSV -------------------------------------------------------------------- */

static void
csv_row (GString            *out,
         const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *escaped = ik_csv_escape_cell (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, escaped);
    }
  g_string_append (out, "\r\n");
}

static const char *
csv_rating (int rating)
{
  static const char * const levels[] = { "1", "2", "3", "4" };

  if (rating >= 1 && rating <= IK_RATING_MAX)
    return levels[rating - 1];
  if (rating == IK_RATING_NOT_ASSESSED)
    return "not-assessed";
  return "";
}

/**
 * ik_debrief_to_csv:
 *
 * One header row, then one row per interviewer × competency (ik-debrief.h);
 * an interviewer whose scorecard is not counted has empty ratings and
 * recommendation, and one row even when no competency is known. Rows end
 * with CRLF; every cell is quoted and a cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading `'`. A blind debrief has
 * only the header.
 *
 * Returns: (transfer full): the CSV text
 */
char *
ik_debrief_to_csv (IkDebrief *self)
{
  static const char * const header[] = {
    "candidate_id", "interviewer_id", "interviewer_name", "signature",
    "competency_id", "competency_name", "rating", "evidence", "recommendation", NULL
  };
  GString *out;

  g_return_val_if_fail (IK_IS_DEBRIEF (self), NULL);

  out = g_string_new (NULL);
  csv_row (out, header);
  for (guint i = 0; i < self->interviewers->len; i++)
    {
      IkTeamScorecard *scorecard = g_ptr_array_index (self->interviewers, i);
      gboolean counted = ik_debrief_get_counted (self, i);
      const char *recommendation = counted
        ? ik_enum_to_nick (IK_TYPE_RECOMMENDATION,
                           ik_scorecard_get_recommendation (ik_team_scorecard_get_scorecard (scorecard)))
        : "";
      const char *cells[G_N_ELEMENTS (header)];

      cells[0] = self->candidate_id;
      cells[1] = ik_team_scorecard_get_interviewer_id (scorecard);
      cells[2] = ik_team_scorecard_get_interviewer_name (scorecard);
      cells[3] = ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (scorecard));
      cells[8] = recommendation;
      cells[9] = NULL;
      if (self->competencies->len == 0)
        {
          cells[4] = cells[5] = cells[6] = cells[7] = "";
          csv_row (out, cells);
          continue;
        }
      for (guint c = 0; c < self->competencies->len; c++)
        {
          const char *evidence = ik_debrief_get_evidence (self, i, c);

          cells[4] = ik_debrief_get_competency_id (self, c);
          cells[5] = ik_debrief_get_competency_name (self, c);
          cells[6] = csv_rating (ik_debrief_get_rating (self, i, c));
          cells[7] = evidence != NULL ? evidence : "";
          csv_row (out, cells);
        }
    }
  return g_string_free (out, FALSE);
}
