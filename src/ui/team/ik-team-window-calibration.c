/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-window-calibration.c: how this interviewer rates, next to the
 * team, in the team window.
 *
 * The overall hint first, then per competency the counts of each level,
 * own and team's, as bars with the count and share written next to them
 * (the bars are not the only way to read them), the means and the hint
 * sentence; then the recommendations the same way.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-calibration.h"
#include "ik-scorecard-export.h"
#include "ik-team-window-private.h"

/* One figure: a bar of @count out of @total and "count (share)". */
static GtkWidget *
figure (guint       count,
        guint       total,
        const char *accessible)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (total, 1));
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* One colour: the bars are compared by length, not by a threshold. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 48, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (GTK_BOX (box), bar);

  if (total > 0)
    /* Translators: a count and its share, e.g. "3 (25%)" */
    text = g_strdup_printf (_("%u (%.0f%%)"), count, 100.0 * count / total);
  else
    text = g_strdup_printf ("%u", count);
  label = gtk_label_new (text);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
column_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

/* A table: one row per value (level or recommendation), columns You and
 * Team. */
static GtkWidget *
distribution (gboolean       has_team,
              const char   **names,
              guint          n_values,
              guint          own[],
              guint          team[])
{
  GtkWidget *grid = gtk_grid_new ();
  guint own_total = 0;
  guint team_total = 0;

  for (guint k = 0; k < n_values; k++)
    {
      own_total += own[k];
      team_total += team[k];
    }
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), column_label (_("You")), 1, 0, 1, 1);
  if (has_team)
    gtk_grid_attach (GTK_GRID (grid), column_label (_("Team")), 2, 0, 1, 1);
  for (guint k = 0; k < n_values; k++)
    {
      GtkWidget *name = gtk_label_new (names[k]);
      g_autofree char *own_words = NULL;
      g_autofree char *team_words = NULL;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_grid_attach (GTK_GRID (grid), name, 0, 1 + (int) k, 1, 1);
      /* Translators: e.g. "You, level 3: 4 of 10" */
      own_words = g_strdup_printf (_("You, %s: %u of %u"), names[k], own[k], own_total);
      gtk_grid_attach (GTK_GRID (grid), figure (own[k], own_total, own_words), 1, 1 + (int) k, 1, 1);
      if (has_team)
        {
          team_words = g_strdup_printf (_("Team, %s: %u of %u"), names[k], team[k], team_total);
          gtk_grid_attach (GTK_GRID (grid), figure (team[k], team_total, team_words), 2, 1 + (int) k, 1, 1);
        }
    }
  return grid;
}

static GtkWidget *
card (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "calibration-card");
  return box;
}

static void
add_hint (GtkWidget     *box,
          IkCalibration *calibration,
          int            index,
          IkCalibrationHint hint)
{
  g_autofree char *text = ik_calibration_describe_hint (calibration, index);
  GtkWidget *notice;

  if (text == NULL)
    return;
  if (hint != IK_CALIBRATION_HINT_NONE)
    notice = ik_team_window_notice ("dialog-information-symbolic", text, "accent");
  else
    notice = ik_team_window_text (text, "dim-label");
  gtk_widget_set_name (notice, index < 0 ? "overall-hint" : "hint");
  gtk_box_append (GTK_BOX (box), notice);
}

static void
add_competency (IkTeamWindow  *self,
                IkCalibration *calibration,
                guint          index,
                gboolean       has_team)
{
  static const int levels[] = { 1, 2, 3, 4 };
  const char *names[G_N_ELEMENTS (levels)];
  char level_names[G_N_ELEMENTS (levels)][32];
  guint own[G_N_ELEMENTS (levels)];
  guint team[G_N_ELEMENTS (levels)];
  GtkWidget *box = card ();
  GtkWidget *heading = ik_team_window_heading (ik_calibration_get_competency_name (calibration, index));
  g_autofree char *means = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (levels) == IK_RATING_MAX);
  for (guint k = 0; k < G_N_ELEMENTS (levels); k++)
    {
      /* Translators: a row of the calibration: a level of the rating scale */
      g_snprintf (level_names[k], sizeof level_names[k], _("Level %d"), levels[k]);
      names[k] = level_names[k];
      own[k] = ik_calibration_get_own_count (calibration, index, levels[k]);
      team[k] = ik_calibration_get_team_count (calibration, index, levels[k]);
    }
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), distribution (has_team, names, G_N_ELEMENTS (levels), own, team));
  if (has_team)
    /* Translators: two means of levels, e.g. "Mean: you 3.4, team 2.6" */
    means = g_strdup_printf (_("Mean: you %.1f, team %.1f"), ik_calibration_get_own_mean (calibration, index),
                             ik_calibration_get_team_mean (calibration, index));
  else
    means = g_strdup_printf (_("Mean: %.1f"), ik_calibration_get_own_mean (calibration, index));
  gtk_box_append (GTK_BOX (box), ik_team_window_text (means, "dim-label"));
  add_hint (box, calibration, (int) index, ik_calibration_get_hint (calibration, index));
  gtk_box_append (self->calibration_box, box);
}

static void
add_recommendations (IkTeamWindow  *self,
                     IkCalibration *calibration,
                     gboolean       has_team)
{
  static const int order[] = {
    IK_RECOMMENDATION_STRONG_YES,
    IK_RECOMMENDATION_YES,
    IK_RECOMMENDATION_NO,
    IK_RECOMMENDATION_STRONG_NO,
    IK_RECOMMENDATION_NONE,
  };
  const char *names[G_N_ELEMENTS (order)];
  guint own[G_N_ELEMENTS (order)];
  guint team[G_N_ELEMENTS (order)];
  GtkWidget *box = card ();

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      names[k] = ik_export_recommendation_label (order[k]);
      own[k] = ik_calibration_get_own_recommendations (calibration, order[k]);
      team[k] = ik_calibration_get_team_recommendations (calibration, order[k]);
    }
  gtk_box_append (GTK_BOX (box), ik_team_window_heading (_("Recommendations")));
  gtk_box_append (GTK_BOX (box), distribution (has_team, names, G_N_ELEMENTS (order), own, team));
  gtk_box_append (self->calibration_box, box);
}

/**
 * ik_team_window_build_calibration:
 *
 * (Re)builds the calibration page from the library's sessions and the team
 * folder as they are now.
 */
void
ik_team_window_build_calibration (IkTeamWindow *self)
{
  g_autoptr(GListStore) none = NULL;
  g_autoptr(IkCalibration) calibration = NULL;
  GListModel *sessions = self->own_sessions;
  gboolean has_team;
  guint n;
  guint n_own = 0;
  GtkWidget *intro;

  ik_team_window_clear_box (self->calibration_box);
  if (sessions == NULL)
    sessions = G_LIST_MODEL (none = g_list_store_new (G_TYPE_OBJECT));
  calibration = ik_calibration_new (sessions, self->team != NULL ? ik_team_folder_get_scorecards (self->team) : NULL,
                                    ik_team_window_get_own_id (self));
  has_team = ik_calibration_get_has_team (calibration);
  n = ik_calibration_get_n_competencies (calibration);
  for (guint i = 0; i < n; i++)
    for (int level = 1; level <= IK_RATING_MAX; level++)
      n_own += ik_calibration_get_own_count (calibration, i, level);

  if (n_own == 0)
    {
      adw_status_page_set_icon_name (self->status_page, "power-profile-balanced-symbolic");
      adw_status_page_set_title (self->status_page, _("Nothing to Calibrate Yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Once you submit scorecards, this page shows how often you give each level, next to your colleagues in the team folder."));
      gtk_stack_set_visible_child_name (self->content_stack, "status");
      return;
    }

  intro = ik_team_window_text (has_team
                                 ? _("How often you gave each level on your submitted scorecards, next to your colleagues’ valid scorecards in the team folder.")
                                 : _("How often you gave each level on your submitted scorecards. Your colleagues’ figures appear once their scorecards are in the team folder."),
                               "dim-label");
  gtk_box_append (self->calibration_box, intro);
  add_hint (GTK_WIDGET (self->calibration_box), calibration, -1, ik_calibration_get_overall_hint (calibration));
  for (guint i = 0; i < n; i++)
    add_competency (self, calibration, i, has_team);
  add_recommendations (self, calibration, has_team);
  gtk_stack_set_visible_child_name (self->content_stack, "calibration");
}
