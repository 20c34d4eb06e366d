/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-window.c: the hiring team's window.
 *
 * An AdwLeaflet: the sidebar lists the candidates found in the team folder
 * (grouped from its scorecards) under a Calibration entry; the content is
 * the selected candidate's debrief (ik-team-window-debrief.c) or the
 * calibration (ik-team-window-calibration.c). On narrow windows one column
 * shows at a time, with a back button. Without a team folder the window
 * says how to choose one.
 *
 * The pages are snapshots: the window rebuilds the sidebar and the page on
 * screen when the folder reports ::changed (keeping the selection and the
 * scroll position), when the application changes its team folder, and when
 * the hiring-lead preference changes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-file-launcher.h"
#include "ik-retention.h"
#include "ik-scorecard-export.h"
#include "ik-team-window-private.h"
#include "ik-wrapped-labels.h"

G_DEFINE_FINAL_TYPE (IkTeamWindow, ik_team_window, ADW_TYPE_WINDOW)

#define CALIBRATION_ROW "calibration"

static void rebuild (IkTeamWindow *self);

/* ---- Shared helpers ----------------------------------------------------- */

/**
 * ik_team_window_get_own_id:
 *
 * Returns: (nullable): this interviewer's id in the team folder
 */
const char *
ik_team_window_get_own_id (IkTeamWindow *self)
{
  IkIdentity *identity;

  if (self->team == NULL)
    return NULL;
  identity = ik_team_folder_get_identity (self->team);
  return identity != NULL ? ik_identity_get_id (identity) : NULL;
}

void
ik_team_window_show_error (IkTeamWindow *self,
                           const char   *heading,
                           const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ik_team_window_show_toast (IkTeamWindow *self,
                           const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
ik_team_window_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

GtkWidget *
ik_team_window_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A wrapped, left-aligned label of user or computed text (never markup). */
GtkWidget *
ik_team_window_text (const char *text,
                     const char *css_class)
{
  /* Bidirectional controls shown, so that a colleague's file cannot make
   * a name or an evidence text read reversed. */
  g_autofree char *shown = ik_export_show_bidi_controls (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* An icon and a sentence: the icon is decoration, the words carry the
 * meaning (never colour alone). */
GtkWidget *
ik_team_window_notice (const char *icon_name,
                       const char *text,
                       const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), ik_team_window_text (text, NULL));
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  return box;
}

/* ---- Sidebar ------------------------------------------------------------ */

typedef struct
{
  char  *id;
  char  *name;
  char     *role;
  guint     n_scorecards;
  gboolean  has_own;     /* one of them is this interviewer's */
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->id);
  g_free (candidate->name);
  g_free (candidate->role);
  g_free (candidate);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* (element-type Candidate): the team folder's candidates, in the folder's
 * order (by candidate id), named by the first scorecard that names them. */
static GPtrArray *
list_candidates (IkTeamFolder       *team,
                 IkCandidateMatches *matches,
                 const char         *own_id)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func (candidate_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *scorecards = ik_team_folder_get_scorecards (team);
  guint n = g_list_model_get_n_items (scorecards);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkTeamScorecard) scorecard = g_list_model_get_item (scorecards, i);
      const char *id = ik_team_scorecard_get_candidate_id (scorecard);
      Candidate *candidate;

      if (id == NULL)
        continue;
      /* Ids the user confirmed as one candidate: one row, under the
       * group's id. */
      if (matches != NULL)
        id = ik_candidate_matches_resolve (matches, id);
      candidate = g_hash_table_lookup (by_id, id);
      if (candidate == NULL)
        {
          candidate = g_new0 (Candidate, 1);
          candidate->id = g_strdup (id);
          g_ptr_array_add (candidates, candidate);
          g_hash_table_insert (by_id, candidate->id, candidate);
        }
      candidate->n_scorecards++;
      if (own_id != NULL && g_strcmp0 (ik_team_scorecard_get_interviewer_id (scorecard), own_id) == 0)
        candidate->has_own = TRUE;
      if (candidate->name == NULL && !is_blank (ik_team_scorecard_get_candidate_name (scorecard)))
        candidate->name = g_strdup (ik_team_scorecard_get_candidate_name (scorecard));
      if (candidate->role == NULL && !is_blank (ik_team_scorecard_get_role (scorecard)))
        candidate->role = g_strdup (ik_team_scorecard_get_role (scorecard));
    }
  return candidates;
}

static GtkWidget *
sidebar_row (const char *key,
             const char *icon_name,
             const char *title,
             const char *subtitle,
             const char *accessible)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *shown_title = NULL;
  GtkWidget *label;

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (box), icon);
    }
  shown_title = ik_export_show_bidi_controls (title);
  label = gtk_label_new (shown_title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), label);
  if (subtitle != NULL)
    {
      g_autofree char *shown_subtitle = ik_export_show_bidi_controls (subtitle);

      label = gtk_label_new (shown_subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (labels), label);
    }
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible != NULL ? accessible : title, -1);
  g_object_set_data_full (G_OBJECT (row), "ik-key", g_strdup (key), g_free);
  return row;
}

static GtkWidget *
candidate_row (Candidate *candidate)
{
  /* "Including yours" tells two rows of one name apart, before and after
   * a match. */
  g_autofree char *count =
    candidate->has_own
      ? g_strdup_printf (ngettext ("%u scorecard, yours", "%u scorecards, including yours", candidate->n_scorecards),
                         candidate->n_scorecards)
      : g_strdup_printf (ngettext ("%u scorecard", "%u scorecards", candidate->n_scorecards),
                         candidate->n_scorecards);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *key = g_strconcat ("candidate:", candidate->id, NULL);
  const char *name = candidate->name != NULL ? candidate->name : candidate->id;
  GtkWidget *row;

  if (candidate->role != NULL)
    /* Translators: a candidate in the team window's sidebar: their role,
     * then e.g. "3 scorecards" */
    subtitle = g_strdup_printf (_("%s · %s"), candidate->role, count);
  else
    subtitle = g_strdup (count);
  accessible = g_strdup_printf ("%s, %s", name, subtitle);
  row = sidebar_row (key, NULL, name, subtitle, accessible);
  g_object_set_data_full (G_OBJECT (row), "ik-candidate-id", g_strdup (candidate->id), g_free);
  return row;
}

static void
sidebar_header (GtkListBoxRow *row,
                GtkListBoxRow *before,
                gpointer       user_data)
{
  GtkWidget *header = NULL;

  /* A heading above the first candidate, after the Calibration entry. */
  if (before != NULL && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (before)), CALIBRATION_ROW) == 0)
    {
      header = gtk_label_new (_("Candidates"));
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_set_margin_top (header, 12);
      gtk_widget_set_margin_bottom (header, 6);
      gtk_widget_set_margin_start (header, 12);
    }
  gtk_list_box_row_set_header (row, header);
}

static void
select_current_row (IkTeamWindow *self)
{
  GtkListBoxRow *row = NULL;
  g_autofree char *key = NULL;

  if (self->page == IK_TEAM_PAGE_CALIBRATION)
    key = g_strdup (CALIBRATION_ROW);
  else if (self->page == IK_TEAM_PAGE_CANDIDATE)
    key = g_strconcat ("candidate:", self->candidate_id, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL && key != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "ik-key"), key) == 0)
      {
        row = GTK_LIST_BOX_ROW (child);
        break;
      }

  self->rebuilding_sidebar = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar_list, row);
  else
    gtk_list_box_unselect_all (self->sidebar_list);
  self->rebuilding_sidebar = FALSE;
}

static void
rebuild_sidebar (IkTeamWindow *self)
{
  g_autoptr(GPtrArray) candidates = NULL;
  GtkWidget *child;

  self->rebuilding_sidebar = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  self->rebuilding_sidebar = FALSE;
  if (self->team == NULL)
    return;

  gtk_list_box_append (self->sidebar_list,
                       sidebar_row (CALIBRATION_ROW, "power-profile-balanced-symbolic", _("Calibration"),
                                    _("How you rate, next to the team"), NULL));
  candidates = list_candidates (self->team, self->matches, ik_team_window_get_own_id (self));
  for (guint i = 0; i < candidates->len; i++)
    gtk_list_box_append (self->sidebar_list, candidate_row (g_ptr_array_index (candidates, i)));
  if (candidates->len == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = ik_team_window_text (_("No candidates yet: they appear when a scorecard is submitted."),
                                              "dim-label");

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_widget_set_name (row, "no-candidates");
      gtk_list_box_append (self->sidebar_list, row);
    }
  select_current_row (self);
}

/**
 * ik_team_window_list_scorecards:
 * @candidate_id: the id a candidate is shown under
 *
 * Returns: (transfer full) (element-type IkTeamScorecard): the candidate's
 *   scorecards under every id the user confirmed as theirs
 */
GPtrArray *
ik_team_window_list_scorecards (IkTeamWindow *self,
                                const char   *candidate_id)
{
  return ik_team_folder_list_candidate_group (self->team, self->matches, candidate_id);
}

/* ---- "Same candidate?" -------------------------------------------------- */

/* The first offer of another id that may be the candidate on screen: the
 * same name and role, not yet answered. Only names and roles are compared
 * and shown, so the offer tells nothing a blind interviewer may not know. */
static void
update_match_banner (IkTeamWindow *self)
{
  g_autoptr(GPtrArray) offers = NULL;
  const char *other = NULL;
  IkCandidateMatch *offer = NULL;

  g_clear_pointer (&self->match_other_id, g_free);
  if (self->team != NULL && self->matches != NULL && self->page == IK_TEAM_PAGE_CANDIDATE)
    {
      offers = ik_candidate_find_matches (ik_team_folder_get_scorecards (self->team), self->matches);
      for (guint i = 0; i < offers->len && other == NULL; i++)
        {
          IkCandidateMatch *match = g_ptr_array_index (offers, i);

          if (!g_strv_contains ((const char * const *) match->candidate_ids, self->candidate_id))
            continue;
          for (guint k = 0; match->candidate_ids[k] != NULL && other == NULL; k++)
            if (g_strcmp0 (match->candidate_ids[k], self->candidate_id) != 0
                && !ik_candidate_matches_is_answered (self->matches, self->candidate_id, match->candidate_ids[k]))
              {
                other = match->candidate_ids[k];
                offer = match;
              }
        }
    }

  if (other != NULL)
    {
      g_autoptr(GPtrArray) theirs = ik_team_window_list_scorecards (self, other);
      g_autofree char *count = g_strdup_printf (ngettext ("%u scorecard", "%u scorecards", theirs->len), theirs->len);
      g_autofree char *text = NULL;

      self->match_other_id = g_strdup (other);
      if (offer->role != NULL && offer->role[0] != '\0')
        /* Translators: the team window asks whether two candidate ids are
         * one person: the name, the role, then "2 scorecards" */
        text = g_strdup_printf (_("Another candidate in the team folder is also called %s and applied as %s (%s). Is this the same person? Nothing is joined until you say so."),
                                offer->name, offer->role, count);
      else
        /* Translators: as above, without a role */
        text = g_strdup_printf (_("Another candidate in the team folder is also called %s (%s). Is this the same person? Nothing is joined until you say so."),
                                offer->name, count);
      gtk_label_set_text (self->match_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.same-candidate", other != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.different-candidate", other != NULL);
  gtk_revealer_set_reveal_child (self->match_revealer, other != NULL);
}

static void
answer_match (IkTeamWindow *self,
              gboolean      same)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_strdup (self->match_other_id);

  if (self->matches == NULL || other == NULL || self->candidate_id == NULL)
    return;
  if (!ik_candidate_matches_confirm (self->matches, self->candidate_id, other, same, &error))
    {
      ik_team_window_show_error (self, _("Could Not Save the Answer"), error->message);
      return;
    }
  ik_team_window_show_toast (self, same ? _("Joined: one candidate, one debrief")
                                        : _("Kept apart: you will not be asked again"));
  /* The group is shown under its smallest id. */
  if (same)
    {
      g_autofree char *resolved = g_strdup (ik_candidate_matches_resolve (self->matches, self->candidate_id));

      g_free (self->candidate_id);
      self->candidate_id = g_steal_pointer (&resolved);
    }
  rebuild (self);
}

static void
same_candidate_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  answer_match (IK_TEAM_WINDOW (widget), TRUE);
}

static void
different_candidate_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  answer_match (IK_TEAM_WINDOW (widget), FALSE);
}

/* ---- Scorecards submitted before there was a team folder ---------------- */

/* (element-type IkSession): this interviewer's submitted scorecards that
 * the folder does not hold as they are now. */
static GPtrArray *
list_unpublished (IkTeamWindow *self)
{
  GPtrArray *sessions = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->team == NULL || self->own_sessions == NULL)
    return sessions;
  n = g_list_model_get_n_items (self->own_sessions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (self->own_sessions, i);
      const char *candidate_id = ik_session_get_candidate_id (session);

      if (candidate_id != NULL && candidate_id[0] != '\0'
          && !ik_team_folder_holds_submission (self->team, session))
        g_ptr_array_add (sessions, g_steal_pointer (&session));
    }
  return sessions;
}

static void
update_publish_banner (IkTeamWindow *self)
{
  g_autoptr(GPtrArray) unpublished = list_unpublished (self);
  guint n = unpublished->len;

  if (n > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u of your submitted scorecards is not in the team folder, or not as it is now.",
                                   "%u of your submitted scorecards are not in the team folder, or not as they are now.",
                                   n),
                         n);

      gtk_label_set_text (self->publish_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.publish-pending", n > 0 && !self->publishing);
  gtk_revealer_set_reveal_child (self->publish_revealer, n > 0);
}

/* One press of Publish: its publishes run together; the last to finish
 * says how it went. */
typedef struct
{
  GWeakRef  window;
  guint     pending;
  guint     n_failed;
  char     *first_error;
} PublishRun;

static void
on_pending_published (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PublishRun *run = user_data;
  g_autoptr(IkTeamWindow) self = NULL;
  g_autoptr(GError) error = NULL;

  if (!ik_team_folder_publish_finish (IK_TEAM_FOLDER (source), result, &error))
    {
      run->n_failed++;
      if (run->first_error == NULL)
        run->first_error = g_strdup (error->message);
    }
  if (--run->pending > 0)
    return;

  self = g_weak_ref_get (&run->window);
  if (self != NULL)
    {
      self->publishing = FALSE;
      if (run->n_failed > 0)
        {
          g_autofree char *title = g_strdup_printf (_("Could not publish to the team folder: %s"), run->first_error);

          ik_team_window_show_toast (self, title);
        }
      else
        ik_team_window_show_toast (self, _("Published to the team folder"));
      update_publish_banner (self);
    }
  g_weak_ref_clear (&run->window);
  g_free (run->first_error);
  g_free (run);
}

/* The name colleagues see: the one in Preferences, else the session's. */
static char *
dup_display_name (IkTeamWindow *self,
                  IkSession    *session)
{
  g_autofree char *name = NULL;

  if (self->app != NULL)
    name = g_strstrip (g_settings_get_string (ik_application_get_settings (self->app), "interviewer-name"));
  if (name != NULL && name[0] != '\0')
    return g_steal_pointer (&name);
  if (!is_blank (ik_session_get_interviewer (session)))
    return g_strstrip (g_strdup (ik_session_get_interviewer (session)));
  return g_strdup (g_get_real_name ());
}

/* Erases this interviewer's sessions and files of the candidate shown,
 * after a confirmation that lists them; a colleague's files stay. */
static void
erase_candidate_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (widget);

  if (self->app == NULL || self->candidate_id == NULL)
    return;
  ik_erase_candidate_present (widget, ik_application_get_library (self->app), self->team, self->candidate_id);
}

/* Publishes what list_unpublished() finds. Notes are shared only when the
 * Preferences say so: nobody ticked the box for these at submit time. */
static void
publish_pending_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (widget);
  g_autoptr(GPtrArray) unpublished = list_unpublished (self);
  gboolean share_notes = self->app != NULL
                         && g_settings_get_boolean (ik_application_get_settings (self->app), "share-notes");
  PublishRun *run;

  if (unpublished->len == 0 || self->publishing)
    return;
  run = g_new0 (PublishRun, 1);
  g_weak_ref_init (&run->window, self);
  run->pending = unpublished->len;
  self->publishing = TRUE;
  gtk_widget_action_set_enabled (widget, "team.publish-pending", FALSE);
  for (guint i = 0; i < unpublished->len; i++)
    {
      IkSession *session = g_ptr_array_index (unpublished, i);
      g_autofree char *name = dup_display_name (self, session);

      ik_team_folder_publish_async (self->team, session, name, share_notes, NULL, on_pending_published, run);
    }
}

/* ---- Pages -------------------------------------------------------------- */

static void
show_status (IkTeamWindow *self,
             const char   *icon_name,
             const char   *title,
             const char   *description)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "status");
}

static void
rebuild_page (IkTeamWindow *self)
{
  g_clear_object (&self->debrief);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.export", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), self->page == IK_TEAM_PAGE_CANDIDATE);
  adw_window_title_set_subtitle (self->content_title, NULL);

  if (self->team == NULL)
    {
      update_match_banner (self);
      return;
    }

  switch (self->page)
    {
    case IK_TEAM_PAGE_CALIBRATION:
      adw_window_title_set_title (self->content_title, _("Calibration"));
      ik_team_window_build_calibration (self);
      break;

    case IK_TEAM_PAGE_CANDIDATE:
      ik_team_window_build_debrief (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "team.export",
                                     self->debrief != NULL && !ik_debrief_get_blind (self->debrief));
      break;

    case IK_TEAM_PAGE_NONE:
    default:
      adw_window_title_set_title (self->content_title, NULL);
      if (g_list_model_get_n_items (ik_team_folder_get_scorecards (self->team)) == 0)
        {
          g_autofree char *description =
            g_strdup_printf (_("Scorecards appear here as the team submits them: yours, once you submit one, and your colleagues’ as their sync client brings them into %s."),
                             ik_team_folder_get_path (self->team));

          show_status (self, "system-users-symbolic", _("No Scorecards Yet"), description);
        }
      else
        show_status (self, "system-users-symbolic", _("No Candidate Selected"),
                     _("Choose a candidate to see their debrief, or Calibration to see how you rate"));
      break;
    }
  update_match_banner (self);
}

/* What is wrong with the folder (missing, unreadable, its trusted keys
 * unreadable): the pages show what was last read, under this banner. */
static void
update_error (IkTeamWindow *self)
{
  const GError *error = self->team != NULL ? ik_team_folder_get_error (self->team) : NULL;
  const char *message = error != NULL ? error->message : NULL;

  if (message == NULL && self->app != NULL && self->team != NULL
      && ik_application_get_team_folder (self->app) == self->team)
    message = ik_application_get_team_folder_error (self->app);
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_no_team_page (IkTeamWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, self->team != NULL ? "team" : "no-team");
  update_error (self);
}

static void
rebuild (IkTeamWindow *self)
{
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  update_no_team_page (self);
  update_publish_banner (self);
  rebuild_sidebar (self);
  rebuild_page (self);
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          IkTeamWindow  *self)
{
  const char *candidate_id = g_object_get_data (G_OBJECT (row), "ik-candidate-id");

  if (self->rebuilding_sidebar)
    return;
  if (candidate_id != NULL)
    ik_team_window_show_candidate (self, candidate_id);
  else if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), CALIBRATION_ROW) == 0)
    {
      self->page = IK_TEAM_PAGE_CALIBRATION;
      g_clear_pointer (&self->candidate_id, g_free);
      select_current_row (self);
      rebuild_page (self);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
    }
}

/* ---- Following the folder, the application and the library ------------- */

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  IkTeamWindow *self = user_data;

  self->rebuild_idle = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces bursts (a sync client writing several files). */
static void
queue_rebuild (IkTeamWindow *self)
{
  if (self->rebuild_idle == 0)
    self->rebuild_idle = g_idle_add (rebuild_idle_cb, self);
}

static void
on_team_changed (IkTeamFolder *team,
                 IkTeamWindow *self)
{
  queue_rebuild (self);
}

static void
on_sessions_changed (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     IkTeamWindow *self)
{
  if (self->page == IK_TEAM_PAGE_CALIBRATION)
    queue_rebuild (self);
  else
    update_publish_banner (self);
}

static void
on_app_team_folder_changed (IkTeamWindow *self)
{
  ik_team_window_set_team_folder (self, ik_application_get_team_folder (self->app));
}

static void
on_hiring_lead_changed (GSettings    *settings,
                        const char   *key,
                        IkTeamWindow *self)
{
  ik_team_window_set_hiring_lead (self, g_settings_get_boolean (settings, key));
}

/* ---- Actions ------------------------------------------------------------ */

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ik_team_window_export (IK_TEAM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- GObject ------------------------------------------------------------ */

static void
ik_team_window_dispose (GObject *object)
{
  IkTeamWindow *self = IK_TEAM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_idle, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->team != NULL)
    g_signal_handlers_disconnect_by_data (self->team, self);
  if (self->own_sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->own_sessions, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_TEAM_WINDOW);
  g_clear_object (&self->team);
  g_clear_object (&self->matches);
  g_clear_pointer (&self->match_other_id, g_free);
  g_clear_object (&self->own_sessions);
  g_clear_object (&self->debrief);
  g_clear_object (&self->app);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->candidate_id, g_free);

  G_OBJECT_CLASS (ik_team_window_parent_class)->dispose (object);
}

static void
ik_team_window_class_init (IkTeamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_team_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-team-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, publish_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, publish_label);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, match_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, blind_page);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, debrief_scroll);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, debrief_box);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, calibration_scroll);
  gtk_widget_class_bind_template_child (widget_class, IkTeamWindow, calibration_box);

  gtk_widget_class_install_action (widget_class, "team.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "team.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "team.same-candidate", NULL, same_candidate_activated);
  gtk_widget_class_install_action (widget_class, "team.different-candidate", NULL, different_candidate_activated);
  gtk_widget_class_install_action (widget_class, "team.publish-pending", NULL, publish_pending_activated);
  gtk_widget_class_install_action (widget_class, "team.erase-candidate", NULL, erase_candidate_activated);
  ik_file_launcher_install_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
ik_team_window_init (IkTeamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_status_pages_measure_cheaply (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header, NULL, NULL);
  g_signal_connect (self->sidebar_list, "row-activated", G_CALLBACK (on_sidebar_row_activated), self);
  rebuild (self);
}

/**
 * ik_team_window_new:
 * @app: (nullable): the application; %NULL in tests, which then give the
 *   window its folder, sessions and mode with the setters
 *
 * With an application, the window follows its team folder, its library's
 * sessions (for the calibration) and the `hiring-lead` setting.
 *
 * Returns: (transfer none): a new window, owned by GTK's list of toplevels
 */
GtkWidget *
ik_team_window_new (IkApplication *app)
{
  IkTeamWindow *self;

  g_return_val_if_fail (app == NULL || IK_IS_APPLICATION (app), NULL);

  self = g_object_new (IK_TYPE_TEAM_WINDOW, "application", app, NULL);
  if (app == NULL)
    return GTK_WIDGET (self);

  self->app = g_object_ref (app);
  g_signal_connect_object (app, "notify::team-folder", G_CALLBACK (on_app_team_folder_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "notify::team-folder-error", G_CALLBACK (update_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_application_get_settings (app), "changed::hiring-lead",
                           G_CALLBACK (on_hiring_lead_changed), self, 0);
  self->hiring_lead = g_settings_get_boolean (ik_application_get_settings (app), "hiring-lead");
  {
    g_autofree char *data_dir = ik_application_dup_data_dir (app);
    g_autofree char *path = g_build_filename (data_dir, IK_CANDIDATE_MATCHES_FILE, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(IkCandidateMatches) matches = ik_candidate_matches_new (path, &error);

    /* Unreadable answers are left as they are: no offers, no joins. */
    if (matches == NULL)
      g_warning ("Cannot read %s: %s", path, error->message);
    self->matches = g_steal_pointer (&matches);
  }
  ik_team_window_set_own_sessions (self, ik_library_get_sessions (ik_application_get_library (app)));
  ik_team_window_set_team_folder (self, ik_application_get_team_folder (app));
  return GTK_WIDGET (self);
}

/**
 * ik_team_window_set_team_folder:
 * @team: (nullable): the team folder, %NULL for none
 *
 * Shows @team and follows its ::changed. The selected candidate stays
 * selected while the new folder has them.
 */
void
ik_team_window_set_team_folder (IkTeamWindow *self,
                                IkTeamFolder *team)
{
  g_return_if_fail (IK_IS_TEAM_WINDOW (self));
  g_return_if_fail (team == NULL || IK_IS_TEAM_FOLDER (team));

  if (self->team == team)
    return;
  if (self->team != NULL)
    g_signal_handlers_disconnect_by_data (self->team, self);
  g_set_object (&self->team, team);
  if (team != NULL)
    {
      g_signal_connect (team, "changed", G_CALLBACK (on_team_changed), self);
      g_signal_connect_swapped (team, "notify::error", G_CALLBACK (update_error), self);
    }
  rebuild (self);
}

/**
 * ik_team_window_set_own_sessions:
 * @sessions: (nullable) (element-type IkSession): this interviewer's
 *   sessions, for the calibration
 */
void
ik_team_window_set_own_sessions (IkTeamWindow *self,
                                 GListModel   *sessions)
{
  g_return_if_fail (IK_IS_TEAM_WINDOW (self));
  g_return_if_fail (sessions == NULL || G_IS_LIST_MODEL (sessions));

  if (self->own_sessions == sessions)
    return;
  if (self->own_sessions != NULL)
    g_signal_handlers_disconnect_by_data (self->own_sessions, self);
  g_set_object (&self->own_sessions, sessions);
  if (sessions != NULL)
    g_signal_connect (sessions, "items-changed", G_CALLBACK (on_sessions_changed), self);
  update_publish_banner (self);
  if (self->page == IK_TEAM_PAGE_CALIBRATION)
    rebuild_page (self);
}

/**
 * ik_team_window_set_candidate_matches:
 * @matches: (nullable): this interviewer's answers to "same candidate?";
 *   without them no match is offered and every id is its own candidate
 */
void
ik_team_window_set_candidate_matches (IkTeamWindow       *self,
                                      IkCandidateMatches *matches)
{
  g_return_if_fail (IK_IS_TEAM_WINDOW (self));
  g_return_if_fail (matches == NULL || IK_IS_CANDIDATE_MATCHES (matches));

  if (g_set_object (&self->matches, matches))
    rebuild (self);
}

/**
 * ik_team_window_set_hiring_lead:
 *
 * In hiring-lead mode every debrief is open, with a note saying so when
 * this interviewer has no scorecard of their own for the candidate.
 */
void
ik_team_window_set_hiring_lead (IkTeamWindow *self,
                                gboolean      hiring_lead)
{
  g_return_if_fail (IK_IS_TEAM_WINDOW (self));

  hiring_lead = !!hiring_lead;
  if (self->hiring_lead == hiring_lead)
    return;
  self->hiring_lead = hiring_lead;
  if (self->page == IK_TEAM_PAGE_CANDIDATE)
    rebuild_page (self);
}

/**
 * ik_team_window_show_candidate:
 * @candidate_id: a candidate id
 *
 * Selects the candidate and shows their debrief (on a narrow window, the
 * debrief column).
 */
void
ik_team_window_show_candidate (IkTeamWindow *self,
                               const char   *candidate_id)
{
  g_return_if_fail (IK_IS_TEAM_WINDOW (self));
  g_return_if_fail (candidate_id != NULL);

  if (self->matches != NULL)
    candidate_id = ik_candidate_matches_resolve (self->matches, candidate_id);
  self->page = IK_TEAM_PAGE_CANDIDATE;
  if (g_strcmp0 (self->candidate_id, candidate_id) != 0)
    {
      g_free (self->candidate_id);
      self->candidate_id = g_strdup (candidate_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->debrief_scroll), 0);
    }
  select_current_row (self);
  rebuild_page (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}
