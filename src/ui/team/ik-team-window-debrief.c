/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-window-debrief.c: one candidate's debrief in the team window.
 *
 * Built from an IkDebrief, itself a snapshot of the team folder. Blind, the
 * page says only how many colleagues have submitted. Otherwise, top to
 * bottom: the sync conflicts of the candidate's files (compared side by
 * side, one version kept), the hiring-lead note, the grid (competencies ×
 * interviewers, each cell a button whose popover holds the evidence; every
 * column says whether its signature is valid, and a scorecard that is not
 * counted says so in words), the questions (who asked what, overlaps
 * marked), the recommendations tally, the signatures with their
 * fingerprints and the amendment history. Exports go through a file
 * chooser and are written in a worker thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-debrief-pdf.h"
#include "ik-tooltip.h"
#include "ik-export-files.h"
#include "ik-file-launcher.h"
#include "ik-scorecard-export.h"
#include "ik-team-window-private.h"

/* ---- Small builders ----------------------------------------------------- */

static GtkWidget *
boxed_list (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return list;
}

/* A row of text that is not markup: the team's files are not trusted. */
static GtkWidget *
info_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  g_autofree char *shown_title = ik_export_show_bidi_controls (title);
  g_autofree char *shown_subtitle = subtitle != NULL ? ik_export_show_bidi_controls (subtitle) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  if (shown_subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static GtkWidget *
section (GtkBox     *page,
         const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_box_append (GTK_BOX (box), ik_team_window_heading (title));
  gtk_box_append (page, box);
  return box;
}

static const char *
rating_words (int rating)
{
  switch (rating)
    {
    case IK_RATING_NOT_ASSESSED:
      return _("not assessed");
    case IK_RATING_UNRATED:
      return _("no rating");
    default:
      return ik_debrief_rating_text (rating);
    }
}

/* ---- The signature state of a column ------------------------------------ */

static GtkWidget *
signature_marker (IkTeamScorecard *scorecard)
{
  IkSignatureState state = ik_team_scorecard_get_signature_state (scorecard);
  const char *icon_name;
  const char *text;
  const char *css_class;
  GtkWidget *marker;

  switch (state)
    {
    case IK_SIGNATURE_VALID:
      icon_name = "object-select-symbolic";
      /* Translators: under an interviewer's name in the debrief grid */
      text = _("Signed");
      css_class = "success";
      break;
    case IK_SIGNATURE_UNKNOWN:
      icon_name = "dialog-warning-symbolic";
      text = _("Unknown interviewer — not counted");
      css_class = "warning";
      break;
    case IK_SIGNATURE_KEY_CHANGED:
      icon_name = "dialog-error-symbolic";
      text = _("Different key — not counted");
      css_class = "error";
      break;
    case IK_SIGNATURE_ALTERED:
    default:
      icon_name = "dialog-error-symbolic";
      text = _("Altered — not counted");
      css_class = "error";
      break;
    }
  marker = ik_team_window_notice (icon_name, text, css_class);
  gtk_label_set_width_chars (GTK_LABEL (gtk_widget_get_last_child (marker)), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (gtk_widget_get_last_child (marker)), 16);
  gtk_widget_add_css_class (marker, "caption");
  gtk_widget_set_name (marker, "signature");
  return marker;
}

/* ---- The grid ----------------------------------------------------------- */

typedef struct
{
  IkDebrief *debrief;
  guint      interviewer;
  guint      competency;
} Cell;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_object_unref (cell->debrief);
  g_free (cell);
}

static void
create_evidence_popover (GtkMenuButton *button,
                         gpointer       user_data)
{
  Cell *cell = user_data;
  const char *name = ik_debrief_get_interviewer_name (cell->debrief, cell->interviewer);
  const char *competency = ik_debrief_get_competency_name (cell->debrief, cell->competency);
  const char *evidence = ik_debrief_get_evidence (cell->debrief, cell->interviewer, cell->competency);
  int rating = ik_debrief_get_rating (cell->debrief, cell->interviewer, cell->competency);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *level = NULL;
  GtkWidget *label;

  gtk_widget_set_size_request (box, 240, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), ik_team_window_heading (competency));
  if (rating >= 1 && rating <= IK_RATING_MAX)
    /* Translators: an interviewer's name, then a level, e.g. "Grace: level 3 of 4" */
    level = g_strdup_printf (_("%s: level %d of %d"), name, rating, IK_RATING_MAX);
  else
    /* Translators: an interviewer's name, then "not assessed" or "no rating" */
    level = g_strdup_printf (_("%s: %s"), name, rating_words (rating));
  gtk_box_append (GTK_BOX (box), ik_team_window_text (level, "dim-label"));
  if (evidence != NULL && evidence[0] != '\0')
    {
      label = ik_team_window_text (evidence, NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_widget_set_name (label, "evidence");
    }
  else
    {
      label = ik_team_window_text (_("No evidence written."), "dim-label");
      gtk_widget_set_name (label, "no-evidence");
    }
  gtk_box_append (GTK_BOX (box), label);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
grid_cell (IkDebrief *debrief,
           guint      interviewer,
           guint      competency)
{
  IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, interviewer);
  const char *name = ik_debrief_get_interviewer_name (debrief, interviewer);
  int rating = ik_debrief_get_rating (debrief, interviewer, competency);
  g_autofree char *widget_name = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button;
  GtkWidget *label;
  Cell *cell;

  widget_name = g_strdup_printf ("cell:%s:%s", ik_team_scorecard_get_interviewer_id (scorecard),
                                 ik_debrief_get_competency_id (debrief, competency));
  if (!ik_debrief_get_counted (debrief, interviewer))
    {
      /* Not counted: nothing to open, the column header says why. */
      label = gtk_label_new ("–");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_name (label, widget_name);
      return label;
    }

  label = gtk_label_new (ik_debrief_rating_text (rating));
  button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_name (button, widget_name);
  /* Translators: a cell of the debrief grid: interviewer, competency, level */
  accessible = g_strdup_printf (_("%s, %s: %s. Show evidence"), name,
                                ik_debrief_get_competency_name (debrief, competency), rating_words (rating));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  ik_widget_set_tooltip_text (button, _("Show Evidence"));
  cell = g_new0 (Cell, 1);
  cell->debrief = g_object_ref (debrief);
  cell->interviewer = interviewer;
  cell->competency = competency;
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_evidence_popover, cell, cell_free);
  return button;
}

static GtkWidget *
competency_heading (IkDebrief *debrief,
                    guint      competency)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  int spread = ik_debrief_get_spread (debrief, competency);
  GtkWidget *label = ik_team_window_text (ik_debrief_get_competency_name (debrief, competency), NULL);

  /* A wrapping label in a horizontally scrolled grid is measured at its
   * minimum width: give it one that keeps the rows short. */
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_box_append (GTK_BOX (box), label);
  if (spread >= IK_DEBRIEF_SPREAD_HIGHLIGHT)
    {
      /* Translators: the levels given to one competency differ by N */
      g_autofree char *text = g_strdup_printf (_("Spread %d"), spread);
      GtkWidget *notice = ik_team_window_notice ("dialog-warning-symbolic", text, "warning");

      gtk_widget_add_css_class (notice, "caption");
      gtk_widget_set_name (notice, "spread");
      gtk_box_append (GTK_BOX (box), notice);
    }
  if (ik_debrief_get_unassessed (debrief, competency))
    {
      GtkWidget *notice = ik_team_window_notice ("dialog-information-symbolic", _("Nobody assessed this"),
                                                 "dim-label");

      gtk_widget_add_css_class (notice, "caption");
      gtk_widget_set_name (notice, "unassessed");
      gtk_box_append (GTK_BOX (box), notice);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static GtkWidget *
build_grid (IkDebrief *debrief)
{
  guint n_interviewers = ik_debrief_get_n_interviewers (debrief);
  guint n_competencies = ik_debrief_get_n_competencies (debrief);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 0);
  gtk_widget_add_css_class (grid, "debrief-grid");
  gtk_widget_set_name (grid, "debrief-grid");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ratings by competency and interviewer"), -1);

  for (guint i = 0; i < n_interviewers; i++)
    {
      IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = ik_team_window_text (ik_debrief_get_interviewer_name (debrief, i), "heading");
      g_autofree char *widget_name = g_strconcat ("header:", ik_team_scorecard_get_interviewer_id (scorecard), NULL);

      gtk_label_set_width_chars (GTK_LABEL (name), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 16);
      gtk_box_append (GTK_BOX (header), name);
      gtk_box_append (GTK_BOX (header), signature_marker (scorecard));
      gtk_widget_set_name (header, widget_name);
      gtk_widget_set_valign (header, GTK_ALIGN_END);
      gtk_widget_add_css_class (header, "debrief-column-header");
      gtk_grid_attach (GTK_GRID (grid), header, 1 + (int) i, 0, 1, 1);
    }

  for (guint c = 0; c < n_competencies; c++)
    {
      gboolean spread = ik_debrief_get_spread (debrief, c) >= IK_DEBRIEF_SPREAD_HIGHLIGHT;
      GtkWidget *heading = competency_heading (debrief, c);

      gtk_widget_add_css_class (heading, "debrief-row-header");
      if (spread)
        gtk_widget_add_css_class (heading, "debrief-spread");
      gtk_grid_attach (GTK_GRID (grid), heading, 0, 1 + (int) c, 1, 1);
      for (guint i = 0; i < n_interviewers; i++)
        {
          GtkWidget *cell = grid_cell (debrief, i, c);

          gtk_widget_add_css_class (cell, "debrief-cell");
          if (spread)
            gtk_widget_add_css_class (cell, "debrief-spread");
          gtk_grid_attach (GTK_GRID (grid), cell, 1 + (int) i, 1 + (int) c, 1, 1);
        }
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_widget_add_css_class (scrolled, "card");
  return scrolled;
}

/* ---- Questions, tally, signatures, history ------------------------------- */

static char *
askers_text (IkDebrief *debrief,
             guint      question)
{
  GArray *askers = ik_debrief_get_question_askers (debrief, question);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint k = 0; askers != NULL && k < askers->len; k++)
    {
      if (k > 0)
        /* Translators: separates interviewers' names in "Asked by A, B" */
        g_string_append (names, _(", "));
      g_string_append (names, ik_debrief_get_interviewer_name (debrief, g_array_index (askers, guint, k)));
    }
  /* Translators: %s is a list of interviewers' names */
  return g_strdup_printf (_("Asked by %s"), names->str);
}

static void
add_questions (IkTeamWindow *self,
               IkDebrief    *debrief)
{
  guint n = ik_debrief_get_n_questions (debrief);
  GtkWidget *box = section (self->debrief_box, _("Questions"));
  GtkWidget *list;

  if (n == 0)
    {
      gtk_box_append (GTK_BOX (box), ik_team_window_text (_("No questions were recorded."), "dim-label"));
      return;
    }
  list = boxed_list (_("Questions"));
  for (guint q = 0; q < n; q++)
    {
      g_autofree char *askers = askers_text (debrief, q);
      GtkWidget *row = info_row (ik_debrief_get_question_text (debrief, q), askers);

      if (ik_debrief_get_question_overlap (debrief, q))
        {
          GtkWidget *notice = ik_team_window_notice ("dialog-warning-symbolic", _("Asked more than once"), "warning");

          gtk_label_set_width_chars (GTK_LABEL (gtk_widget_get_last_child (notice)), 8);
          gtk_label_set_max_width_chars (GTK_LABEL (gtk_widget_get_last_child (notice)), 24);
          gtk_widget_set_valign (notice, GTK_ALIGN_CENTER);
          gtk_widget_set_name (notice, "overlap");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), notice);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
add_tally (IkTeamWindow *self,
           IkDebrief    *debrief)
{
  static const IkRecommendation order[] = {
    IK_RECOMMENDATION_STRONG_YES,
    IK_RECOMMENDATION_YES,
    IK_RECOMMENDATION_NO,
    IK_RECOMMENDATION_STRONG_NO,
    IK_RECOMMENDATION_NONE,
  };
  GtkWidget *box = section (self->debrief_box, _("Recommendations"));
  GtkWidget *list = boxed_list (_("Recommendations"));

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      guint count = ik_debrief_get_tally (debrief, order[k]);
      g_autofree char *text = g_strdup_printf ("%u", count);
      GtkWidget *row = info_row (ik_export_recommendation_label (order[k]), NULL);
      GtkWidget *label = gtk_label_new (text);

      if (count == 0)
        gtk_widget_add_css_class (label, "dim-label");
      else
        gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);
}

static void
add_signatures_and_history (IkTeamWindow *self,
                            IkDebrief    *debrief)
{
  guint n = ik_debrief_get_n_interviewers (debrief);
  GtkWidget *box = section (self->debrief_box, _("Signatures"));
  GtkWidget *list = boxed_list (_("Signatures"));
  GtkWidget *history = NULL;

  gtk_box_append (GTK_BOX (box),
                  ik_team_window_text (_("Compare these fingerprints with your colleagues once, in person or by phone."),
                                       "dim-label"));
  for (guint i = 0; i < n; i++)
    {
      IkTeamScorecard *scorecard = ik_debrief_get_interviewer (debrief, i);
      const char *key = ik_team_scorecard_get_public_key (scorecard);
      g_autofree char *fingerprint = key != NULL && key[0] != '\0' ? ik_key_fingerprint (key) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: a signature's state ("valid", "altered: not counted"),
       * then the signing key's fingerprint */
      subtitle = g_strdup_printf (_("%s · key %s"),
                                  ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (scorecard)),
                                  fingerprint != NULL ? fingerprint : _("unknown"));
      row = info_row (ik_debrief_get_interviewer_name (debrief, i), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);

  box = section (self->debrief_box, _("Amendments"));
  for (guint i = 0; i < n; i++)
    {
      IkScorecard *scorecard = ik_team_scorecard_get_scorecard (ik_debrief_get_interviewer (debrief, i));
      GListModel *revisions = scorecard != NULL ? ik_scorecard_get_revisions (scorecard) : NULL;
      guint n_revisions = revisions != NULL ? g_list_model_get_n_items (revisions) : 0;

      if (!ik_debrief_get_counted (debrief, i))
        continue;
      for (guint r = 0; r < n_revisions; r++)
        {
          g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, r);
          g_autofree char *when = ik_debrief_format_time (ik_scorecard_revision_get_time (revision));
          g_autofree char *title = NULL;

          if (history == NULL)
            history = boxed_list (_("Amendments"));
          /* Translators: an interviewer's name, then when they amended */
          title = g_strdup_printf (_("%s amended on %s"), ik_debrief_get_interviewer_name (debrief, i), when);
          gtk_list_box_append (GTK_LIST_BOX (history), info_row (title, ik_scorecard_revision_get_reason (revision)));
        }
    }
  if (history != NULL)
    gtk_box_append (GTK_BOX (box), history);
  else
    gtk_box_append (GTK_BOX (box), ik_team_window_text (_("No scorecard was amended."), "dim-label"));
}

/* ---- Sync conflicts ----------------------------------------------------- */

static gboolean
conflict_is_for (IkTeamConflict *conflict,
                 const char     *candidate_id)
{
  const char *path = ik_team_conflict_get_original_path (conflict);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *parent_name = NULL;

  if (path == NULL)
    path = ik_team_conflict_get_copy_path (conflict);
  if (path == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);
  name = g_path_get_basename (dir);
  parent = g_path_get_dirname (dir);
  parent_name = g_path_get_basename (parent);
  return g_strcmp0 (name, candidate_id) == 0 && g_strcmp0 (parent_name, "candidates") == 0;
}

/* The interviewer id a file is named after ("<id>.json", "<id>.sync-…"). */
static char *
file_interviewer_id (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strchr (base, '.');

  if (dot != NULL)
    *dot = '\0';
  return g_strdup (base);
}

typedef struct
{
  IkTeamScorecard *scorecard;
  char            *problem;
} Version;

typedef struct
{
  Version  versions[2];     /* original, copy */
} Comparison;

static void
comparison_free (gpointer data)
{
  Comparison *comparison = data;

  for (guint k = 0; k < 2; k++)
    {
      g_clear_object (&comparison->versions[k].scorecard);
      g_free (comparison->versions[k].problem);
    }
  g_free (comparison);
}

static const char *
rating_of (IkTeamScorecard *scorecard,
           const char      *competency_id,
           int             *rating)
{
  IkCompetencyRating *found = ik_scorecard_find_rating (ik_team_scorecard_get_scorecard (scorecard), competency_id);

  *rating = found != NULL ? ik_competency_rating_get_rating (found) : IK_RATING_UNRATED;
  return found != NULL ? ik_competency_rating_get_competency_name (found) : NULL;
}

static GtkWidget *
version_column (const char      *title,
                Version         *version,
                IkTeamScorecard *other)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  IkScorecard *scorecard;
  GListModel *ratings;
  g_autofree char *published = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), ik_team_window_heading (title));
  if (version->scorecard == NULL)
    {
      gtk_box_append (GTK_BOX (box), ik_team_window_notice ("dialog-error-symbolic", version->problem, "error"));
      return box;
    }
  scorecard = ik_team_scorecard_get_scorecard (version->scorecard);
  /* Which version is genuine, before the user keeps one. */
  if (ik_team_scorecard_get_signature_state (version->scorecard) == IK_SIGNATURE_VALID)
    gtk_box_append (GTK_BOX (box), ik_team_window_notice ("emblem-ok-symbolic", _("Signature valid"), "success"));
  else
    {
      /* Translators: %s says what is wrong, e.g. "altered: not counted" */
      text = g_strdup_printf (_("Signature: %s"),
                              ik_debrief_describe_signature (ik_team_scorecard_get_signature_state (version->scorecard)));
      gtk_box_append (GTK_BOX (box), ik_team_window_notice ("dialog-warning-symbolic", text, "error"));
      g_clear_pointer (&text, g_free);
    }
  published = ik_debrief_format_time (ik_team_scorecard_get_published (version->scorecard));
  /* Translators: when a version of a scorecard was published */
  text = g_strdup_printf (_("Published %s"), published);
  gtk_box_append (GTK_BOX (box), ik_team_window_text (text, "dim-label"));
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (ngettext ("%u amendment", "%u amendments",
                                    g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard))),
                          g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard)));
  gtk_box_append (GTK_BOX (box), ik_team_window_text (text, "dim-label"));
  g_clear_pointer (&text, g_free);
  /* Translators: the recommendation of one version of a scorecard */
  text = g_strdup_printf (_("Recommendation: %s"),
                          ik_export_recommendation_label (ik_scorecard_get_recommendation (scorecard)));
  gtk_box_append (GTK_BOX (box), ik_team_window_text (text, NULL));

  ratings = ik_scorecard_get_ratings (scorecard);
  for (guint k = 0; k < g_list_model_get_n_items (ratings); k++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, k);
      int level = ik_competency_rating_get_rating (rating);
      int other_level = IK_RATING_UNRATED;
      g_autofree char *line = NULL;
      GtkWidget *label;

      if (other != NULL)
        rating_of (other, ik_competency_rating_get_competency_id (rating), &other_level);
      if (other != NULL && other_level != level)
        /* Translators: a competency and its level, in a version that differs */
        line = g_strdup_printf (_("%s: %s (differs)"), ik_competency_rating_get_competency_name (rating),
                                rating_words (level));
      else
        line = g_strdup_printf (_("%s: %s"), ik_competency_rating_get_competency_name (rating), rating_words (level));
      label = ik_team_window_text (line, other != NULL && other_level != level ? "warning" : NULL);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

typedef struct
{
  IkTeamWindow   *window;
  IkTeamConflict *conflict;
  GtkWindow      *dialog;
} Resolve;

static void
resolve_free (gpointer data)
{
  Resolve *resolve = data;

  g_object_unref (resolve->conflict);
  g_free (resolve);
}

static void
keep (Resolve  *resolve,
      gboolean  keep_copy)
{
  IkTeamWindow *self = resolve->window;
  g_autoptr(GError) error = NULL;

  if (self->team == NULL)
    return;
  if (!ik_team_folder_resolve_conflict (self->team, resolve->conflict, keep_copy, &error))
    {
      ik_team_window_show_error (self, _("Could Not Keep This Version"), error->message);
      return;
    }
  gtk_window_close (resolve->dialog);
  ik_team_window_show_toast (self, keep_copy ? _("The copy replaced the original") : _("The original was kept"));
  /* The folder has read itself again: its ::changed rebuilds the page. */
}

static void
on_keep_copy (GtkButton *button,
              Resolve   *resolve)
{
  keep (resolve, TRUE);
}

static void
on_keep_original (GtkButton *button,
                  Resolve   *resolve)
{
  keep (resolve, FALSE);
}

static void
show_comparison (IkTeamWindow   *self,
                 IkTeamConflict *conflict,
                 Comparison     *comparison)
{
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *left;
  GtkWidget *right;
  GtkWidget *button;
  g_autofree char *copy_title = NULL;
  Resolve *resolve;

  gtk_window_set_title (GTK_WINDOW (dialog), _("Compare Versions"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 520);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_box_append (GTK_BOX (content), header);

  left = version_column (_("Original"), &comparison->versions[0], comparison->versions[1].scorecard);
  /* Translators: %s is who made the copy: "Syncthing", "Nextcloud" */
  copy_title = g_strdup_printf (_("Copy Made by %s"), ik_team_conflict_get_origin (conflict));
  right = version_column (copy_title, &comparison->versions[1], comparison->versions[0].scorecard);

  resolve = g_new0 (Resolve, 1);
  resolve->window = self;
  resolve->conflict = g_object_ref (conflict);
  resolve->dialog = GTK_WINDOW (dialog);
  g_object_set_data_full (G_OBJECT (dialog), "ik-resolve", resolve, resolve_free);

  button = gtk_button_new_with_mnemonic (_("Keep _Original"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect (button, "clicked", G_CALLBACK (on_keep_original), resolve);
  gtk_box_append (GTK_BOX (left), button);
  button = gtk_button_new_with_mnemonic (_("Keep _This Copy"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_set_sensitive (button, comparison->versions[1].scorecard != NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (on_keep_copy), resolve);
  gtk_box_append (GTK_BOX (right), button);

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_widget_set_margin_top (columns, 12);
  gtk_widget_set_margin_bottom (columns, 18);
  gtk_widget_set_margin_start (columns, 18);
  gtk_widget_set_margin_end (columns, 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), columns);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (dialog), content);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window may close while the versions are read. */
typedef struct
{
  GWeakRef        window;
  IkTeamConflict *conflict;
} CompareRequest;

static void
on_versions_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CompareRequest *request = user_data;
  g_autoptr(GtkWidget) window = g_weak_ref_get (&request->window);
  Comparison *comparison = g_new0 (Comparison, 1);

  if (ik_team_folder_read_conflict_finish (IK_TEAM_FOLDER (source), result,
                                           &comparison->versions[0].scorecard, &comparison->versions[0].problem,
                                           &comparison->versions[1].scorecard, &comparison->versions[1].problem,
                                           NULL)
      && window != NULL)
    show_comparison (IK_TEAM_WINDOW (window), request->conflict, comparison);
  comparison_free (comparison);
  g_weak_ref_clear (&request->window);
  g_object_unref (request->conflict);
  g_free (request);
}

/* Both versions are read (and checked against their signatures) in the
 * model, off the main thread. */
static void
on_compare_clicked (GtkButton      *button,
                    IkTeamConflict *conflict)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  CompareRequest *request = g_new0 (CompareRequest, 1);

  g_weak_ref_init (&request->window, self);
  request->conflict = g_object_ref (conflict);
  ik_team_folder_read_conflict_async (self->team, conflict, self->cancellable, on_versions_read, request);
}

/* For any id of the candidate's group. */
static gboolean
conflict_is_for_group (IkTeamWindow   *self,
                       IkTeamConflict *conflict,
                       const char     *candidate_id)
{
  g_auto(GStrv) group = NULL;

  if (self->matches == NULL)
    return conflict_is_for (conflict, candidate_id);
  group = ik_candidate_matches_get_group (self->matches, candidate_id);
  for (guint i = 0; group[i] != NULL; i++)
    if (conflict_is_for (conflict, group[i]))
      return TRUE;
  return FALSE;
}

static void
add_conflicts (IkTeamWindow *self,
               const char   *candidate_id)
{
  GListModel *conflicts = ik_team_folder_get_conflicts (self->team);
  GtkWidget *box = NULL;
  GtkWidget *list = NULL;

  for (guint k = 0; k < g_list_model_get_n_items (conflicts); k++)
    {
      g_autoptr(IkTeamConflict) conflict = g_list_model_get_item (conflicts, k);
      const char *original = ik_team_conflict_get_original_path (conflict);
      g_autofree char *interviewer_id = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *name;
      GtkWidget *row;
      GtkWidget *button;

      if (!conflict_is_for_group (self, conflict, candidate_id))
        continue;
      if (box == NULL)
        {
          box = section (self->debrief_box, _("Sync Conflicts"));
          gtk_box_append (GTK_BOX (box),
                          ik_team_window_text (_("A sync client found two versions of these files. Neither is counted twice: compare them and keep one."),
                                               "dim-label"));
          list = boxed_list (_("Sync Conflicts"));
          gtk_box_append (GTK_BOX (box), list);
        }
      interviewer_id = file_interviewer_id (original != NULL ? original : ik_team_conflict_get_copy_path (conflict));
      name = ik_team_folder_get_person_name (self->team, interviewer_id);
      /* Translators: %s is an interviewer's name */
      title = g_strdup_printf (_("Two versions of %s’s scorecard"), name != NULL ? name : interviewer_id);
      /* Translators: %s is who made the copy: "Syncthing", "Nextcloud" */
      subtitle = g_strdup_printf (_("Copy made by %s"), ik_team_conflict_get_origin (conflict));
      row = info_row (title, subtitle);
      gtk_widget_add_css_class (row, "conflict-row");
      button = gtk_button_new_with_mnemonic (_("_Compare…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title, -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_compare_clicked), g_object_ref (conflict),
                             (GClosureNotify) (void (*) (void)) g_object_unref, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* ---- The page ----------------------------------------------------------- */

typedef struct
{
  GtkScrolledWindow *scrolled;
  double             value;
} ScrollRestore;

static gboolean
restore_scroll (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollRestore *restore = user_data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (restore->scrolled), restore->value);
  return G_SOURCE_REMOVE;
}

static gboolean
owns_scorecard (IkTeamWindow *self,
                IkDebrief    *debrief)
{
  const char *own_id = ik_team_window_get_own_id (self);

  for (guint i = 0; i < ik_debrief_get_n_interviewers (debrief); i++)
    if (g_strcmp0 (ik_team_scorecard_get_interviewer_id (ik_debrief_get_interviewer (debrief, i)), own_id) == 0)
      return TRUE;
  return FALSE;
}

/**
 * ik_team_window_build_debrief:
 *
 * (Re)builds the page of the selected candidate from the folder as it is
 * now, keeping the scroll position.
 */
void
ik_team_window_build_debrief (IkTeamWindow *self)
{
  g_autoptr(GPtrArray) scorecards = NULL;
  g_autoptr(IkDebrief) debrief = NULL;
  const char *candidate_id = self->candidate_id;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->debrief_scroll);
  ScrollRestore *restore;
  const char *name;
  g_autofree char *shown_name = NULL;
  g_autofree char *shown_role = NULL;
  GtkWidget *title;
  GtkWidget *grid_box;

  g_clear_object (&self->debrief);
  ik_team_window_clear_box (self->debrief_box);
  if (self->team == NULL || candidate_id == NULL)
    return;

  scorecards = ik_team_window_list_scorecards (self, candidate_id);
  debrief = ik_debrief_new (candidate_id, scorecards, ik_team_window_get_own_id (self), self->hiring_lead);
  self->debrief = g_object_ref (debrief);
  name = ik_debrief_get_candidate_name (debrief);
  shown_name = ik_export_show_bidi_controls (name != NULL && name[0] != '\0' ? name : candidate_id);
  shown_role = ik_export_show_bidi_controls (ik_debrief_get_role (debrief));
  adw_window_title_set_title (self->content_title, shown_name);
  adw_window_title_set_subtitle (self->content_title, shown_role);

  if (scorecards->len == 0)
    {
      adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
      adw_status_page_set_title (self->status_page, _("No Scorecards"));
      adw_status_page_set_description (self->status_page,
                                       _("The team folder no longer holds a scorecard for this candidate."));
      gtk_stack_set_visible_child_name (self->content_stack, "status");
      return;
    }

  if (ik_debrief_get_blind (debrief))
    {
      guint n = ik_debrief_get_n_colleagues_submitted (debrief);
      g_autofree char *description =
        g_strdup_printf (ngettext ("%u colleague has submitted. Their ratings stay hidden until you submit yours, so that your judgement is your own.",
                                   "%u colleagues have submitted. Their ratings stay hidden until you submit yours, so that your judgement is your own.",
                                   n),
                         n);

      adw_status_page_set_description (self->blind_page, description);
      gtk_stack_set_visible_child_name (self->content_stack, "blind");
      return;
    }

  add_conflicts (self, candidate_id);

  if (ik_debrief_get_hiring_lead (debrief) && !owns_scorecard (self, debrief))
    {
      GtkWidget *notice = ik_team_window_notice ("system-users-symbolic",
                                                 _("You are viewing as hiring lead: you have no scorecard of your own for this candidate."),
                                                 "scorecard-banner");

      gtk_widget_set_name (notice, "hiring-lead");
      gtk_box_append (self->debrief_box, notice);
    }

  title = gtk_label_new (shown_name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_selectable (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (self->debrief_box, title);

  grid_box = section (self->debrief_box, _("Ratings"));
  if (ik_debrief_get_n_competencies (debrief) == 0)
    gtk_box_append (GTK_BOX (grid_box), ik_team_window_text (_("No counted scorecard rates a competency."), "dim-label"));
  else
    {
      g_autoptr(GString) unassessed = g_string_new (NULL);

      gtk_box_append (GTK_BOX (grid_box),
                      ik_team_window_text (_("Levels 1 to 4; “n/a” not assessed, “–” no rating. Choose a level to read its evidence."),
                                           "dim-label"));
      gtk_box_append (GTK_BOX (grid_box), build_grid (debrief));
      for (guint c = 0; c < ik_debrief_get_n_competencies (debrief); c++)
        if (ik_debrief_get_unassessed (debrief, c))
          {
            if (unassessed->len > 0)
              g_string_append (unassessed, _(", "));
            g_string_append (unassessed, ik_debrief_get_competency_name (debrief, c));
          }
      if (unassessed->len > 0)
        {
          /* Translators: %s is a list of competencies */
          g_autofree char *text = g_strdup_printf (_("Nobody assessed: %s"), unassessed->str);
          GtkWidget *notice = ik_team_window_notice ("dialog-warning-symbolic", text, "warning");

          gtk_widget_set_name (notice, "unassessed-summary");
          gtk_box_append (GTK_BOX (grid_box), notice);
        }
    }

  add_questions (self, debrief);
  add_tally (self, debrief);
  add_signatures_and_history (self, debrief);
  if (self->app != NULL)
    {
      GtkWidget *erase = gtk_button_new_with_mnemonic (_("_Erase Candidate…"));

      /* Your own sessions and files of the candidate (ik-retention.h). */
      gtk_widget_set_name (erase, "erase-candidate");
      gtk_widget_set_halign (erase, GTK_ALIGN_START);
      gtk_widget_add_css_class (erase, "destructive-action");
      ik_widget_set_tooltip_text (erase, _("Erase your interviews and scorecards of this candidate"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (erase), "team.erase-candidate");
      gtk_box_append (self->debrief_box, erase);
    }
  gtk_stack_set_visible_child_name (self->content_stack, "debrief");

  restore = g_new0 (ScrollRestore, 1);
  restore->scrolled = self->debrief_scroll;
  restore->value = gtk_adjustment_get_value (adjustment);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->debrief_scroll), restore_scroll, restore, g_free);
}

/* ---- Exports ------------------------------------------------------------ */

static void
on_export_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean written;

  if (g_strcmp0 (g_task_get_task_data (task), "pdf") == 0)
    written = ik_debrief_pdf_write_finish (result, &error);
  else
    written = ik_export_write_file_finish (result, &error);
  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ik_team_window_export_to_async:
 * @file: a local file to write
 * @format: "pdf", "markdown" or "csv"
 *
 * Exports the debrief on screen to @file, atomically, in a worker thread
 * (the PDF is also laid out there). Fails with %G_IO_ERROR_NOT_FOUND when
 * no debrief is open, %G_IO_ERROR_PERMISSION_DENIED when it is blind.
 */
void
ik_team_window_export_to_async (IkTeamWindow        *self,
                                GFile               *file,
                                const char          *format,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (IK_IS_TEAM_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (format != NULL);

  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_team_window_export_to_async);
  g_task_set_task_data (task, g_strdup (format), g_free);
  if (self->debrief == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", _("No debrief is open."));
      return;
    }
  if (ik_debrief_get_blind (self->debrief))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s",
                               _("Submit your scorecard to export the debrief."));
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("A debrief can only be exported to a local file."));
      return;
    }

  if (g_strcmp0 (format, "pdf") == 0)
    ik_debrief_pdf_write_async (self->debrief, path, self->cancellable, on_export_written, g_steal_pointer (&task));
  else
    {
      char *data = g_strcmp0 (format, "csv") == 0 ? ik_debrief_to_csv (self->debrief)
                                                  : ik_debrief_to_markdown (self->debrief);
      g_autoptr(GBytes) bytes = g_bytes_new_take (data, strlen (data));

      ik_export_write_file_async (file, bytes, self->cancellable, on_export_written, g_steal_pointer (&task));
    }
}

/**
 * ik_team_window_export_to_finish:
 *
 * Returns: whether the file was written
 */
gboolean
ik_team_window_export_to_finish (IkTeamWindow  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_team_window_export_to_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (ik_team_window_export_to_finish (self, result, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, ik_export_toast_new (file));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ik_team_window_show_error (self, _("Could Not Export"), error->message);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     IkTeamWindow    *self)
{
  g_autofree char *format = g_strdup (g_object_get_data (G_OBJECT (chooser), "ik-format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_data (chooser, self);
  g_clear_object (&self->chooser);
  if (file != NULL)
    ik_team_window_export_to_async (self, file, format, on_exported, g_object_ref (file));
}

/**
 * ik_team_window_export:
 * @format: "pdf", "markdown" or "csv"
 *
 * Asks where to export the debrief on screen, then writes it in a worker
 * thread.
 */
void
ik_team_window_export (IkTeamWindow *self,
                       const char   *format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *extension;
  const char *mime_type;

  if (self->debrief == NULL)
    return;
  if (g_strcmp0 (format, "pdf") == 0)
    {
      extension = "pdf";
      mime_type = "application/pdf";
      gtk_file_filter_set_name (filter, _("PDF Documents"));
    }
  else if (g_strcmp0 (format, "csv") == 0)
    {
      extension = "csv";
      mime_type = "text/csv";
      gtk_file_filter_set_name (filter, _("CSV Spreadsheets"));
    }
  else
    {
      format = "markdown";
      extension = "md";
      mime_type = "text/markdown";
      gtk_file_filter_set_name (filter, _("Markdown Documents"));
    }
  gtk_file_filter_add_mime_type (filter, mime_type);
  name = g_strdup_printf ("debrief-%s.%s", ik_debrief_get_candidate_id (self->debrief), extension);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (_("Export Debrief"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data_full (G_OBJECT (self->chooser), "ik-format", g_strdup (format), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
