/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-sessions-view.c: the Interviews pane.
 *
 * A list of every interview (newest first, searchable, filtered by state)
 * beside the selected interview: its planner while planned, the live view
 * while in progress, the scorecard once completed. Deleting moves the
 * session into the library's trash at once; the window's toast offers Undo,
 * which restores it from there. With a team folder, each interview offers
 * the debrief of its candidate (`app.open-debrief`), and its scorecard is
 * published there on submit.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-scroller-bin.h"
#include "ik-date-format.h"
#include "ik-live-view.h"
#include "ik-plan-files.h"
#include "ik-retention.h"
#include "ik-scorecard-editor.h"
#include "ik-scorecard-export.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-subject-access-export.h"
#include "ik-window.h"
#include "ik-wrapped-labels.h"

struct _IkSessionsView
{
  AdwBin              parent_instance;

  IkLibrary          *library;
  IkTeamFolder       *team_folder;
  GSettings          *settings;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  IkSession          *session;
  /* A new interview the library gets once something is entered in its
   * planner (compared, never dereferenced). */
  IkSession          *draft;
  GtkWidget          *content;
  gulong              session_changed_id;
  char               *session_list_key;  /* what the list reads of it */
  guint               refresh_id;
  guint               sync_id;
  char               *search;
  int                 state_filter;
  gboolean            focus_mode;
  gboolean            syncing;

  GtkStack           *main_stack;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *separator;
  GtkWidget          *content_box;
  GtkWidget          *back_button;
  AdwBin             *content_bin;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *state_dropdown;
  GtkStack           *list_stack;
  GtkGridView        *list_view;   /* one column: see ik_accessible_make_list_item() */
};

G_DEFINE_FINAL_TYPE (IkSessionsView, ik_sessions_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_FOCUS_MODE,
  PROP_TEAM_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_session (IkSessionsView *self, IkSession *session);

static const char *
state_label (IkSessionState state)
{
  switch (state)
    {
    case IK_SESSION_STATE_PLANNED:
      return _("Planned");
    case IK_SESSION_STATE_IN_PROGRESS:
      return _("In Progress");
    case IK_SESSION_STATE_COMPLETED:
      return _("Completed");
    case IK_SESSION_STATE_SUBMITTED:
      return _("Submitted");
    default:
      return "";
    }
}

static void
add_toast (IkSessionsView *self,
           AdwToast       *toast)
{
  ik_window_add_toast_for_widget (GTK_WIDGET (self), toast);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle_folded) != NULL;
}

static gboolean
filter_session (gpointer item,
                gpointer user_data)
{
  IkSessionsView *self = user_data;
  IkSession *session = item;

  if (self->state_filter >= 0 && (int) ik_session_get_state (session) != self->state_filter)
    return FALSE;
  if (self->search != NULL && *self->search != '\0')
    return contains_casefold (ik_session_get_candidate_name (session), self->search)
           || contains_casefold (ik_session_get_role (session), self->search);
  return TRUE;
}

/* Newest first: by scheduled time, unscheduled sessions first (they are
 * being planned), then by id so that the order is stable. */
static int
compare_sessions (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GDateTime *ta = ik_session_get_scheduled ((IkSession *) a);
  GDateTime *tb = ik_session_get_scheduled ((IkSession *) b);

  if (ta == NULL && tb != NULL)
    return -1;
  if (ta != NULL && tb == NULL)
    return 1;
  if (ta != NULL && tb != NULL)
    {
      int order = g_date_time_compare (tb, ta);
      if (order != 0)
        return order;
    }
  return g_strcmp0 (ik_session_get_id ((IkSession *) a), ik_session_get_id ((IkSession *) b));
}

static gboolean
refresh_list_idle (gpointer user_data)
{
  IkSessionsView *self = user_data;

  self->refresh_id = 0;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  return G_SOURCE_REMOVE;
}

static void
update_empty_state (IkSessionsView *self)
{
  guint total = g_list_model_get_n_items (ik_library_get_sessions (self->library));
  guint visible = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  gtk_stack_set_visible_child_name (self->main_stack,
                                    total > 0 || self->session != NULL
                                    ? "sessions" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, visible > 0 ? "list" : "no-results");
}

static void
queue_refresh (IkSessionsView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_list_idle, self);
}

/* The candidate's name as the user should read it: bidirectional controls
 * shown as markers, so that a name cannot reverse the text around it. */
static char *
dup_shown_name (IkSession *session)
{
  const char *name = ik_session_get_candidate_name (session);

  return ik_export_show_bidi_controls (name != NULL && *name != '\0' ? name : _("Unnamed Candidate"));
}

/* The row's menu: what is done to the candidate as a whole. It is made
 * when the button opens it (GtkMenuButton's create-popup function), for
 * the row's interview then: a popover menu made on every bind was 3
 * million instructions a row, most of the list's cost. */
static void
create_row_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  GtkListItem *item = user_data;
  IkSession *session = gtk_list_item_get_item (item);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) everything = NULL;
  g_autoptr(GMenuItem) erase = NULL;

  if (session == NULL)
    return;
  everything = g_menu_item_new (_("E_xport Everything About This Candidate…"), NULL);
  g_menu_item_set_action_and_target (everything, "sessions.subject-access", "s", ik_session_get_id (session));
  g_menu_append_item (menu, everything);
  erase = g_menu_item_new (_("_Erase Candidate…"), NULL);
  g_menu_item_set_action_and_target (erase, "sessions.erase-candidate", "s", ik_session_get_id (session));
  g_menu_append_item (menu, erase);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
update_row_menu_label (GtkWidget *button,
                       IkSession *session)
{
  g_autofree char *name = dup_shown_name (session);
  g_autofree char *label = g_strdup_printf (_("More Actions for %s"), name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update_row (GtkListItem *item)
{
  IkSession *session = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_first_child (box));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *state = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *altered = gtk_widget_get_next_sibling (state);
  GtkWidget *delete = gtk_widget_get_last_child (box);
  GtkWidget *debrief = gtk_widget_get_prev_sibling (delete);
  GtkWidget *more = gtk_widget_get_prev_sibling (debrief);
  IkSessionsView *self = g_object_get_data (G_OBJECT (box), "sessions-view");
  GDateTime *scheduled;
  const char *name;
  const char *role;
  const char *candidate_id;
  g_autofree char *date = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *delete_label = NULL;
  g_autofree char *debrief_label = NULL;
  g_autofree char *shown_name = NULL;

  if (session == NULL)
    return;
  name = ik_session_get_candidate_name (session);
  role = ik_session_get_role (session);
  scheduled = ik_session_get_scheduled (session);
  if (scheduled != NULL)
    date = ik_format_date_time (scheduled);
  else
    date = g_strdup (_("Not scheduled"));

  sub = g_strdup_printf ("%s · %s", role != NULL && *role != '\0' ? role : _("No role"), date);
  shown_name = dup_shown_name (session);
  gtk_label_set_text (GTK_LABEL (title), shown_name);
  gtk_label_set_text (GTK_LABEL (subtitle), sub);
  gtk_label_set_text (GTK_LABEL (state), state_label (ik_session_get_state (session)));
  gtk_widget_set_visible (altered, ik_session_get_scorecard_altered (session));
  /* The row takes the focus: named by the candidate, described by the
   * role and date. */
  ik_accessible_name_list_item (item, title, subtitle);
  if (name == NULL || *name == '\0')
    name = _("Unnamed Candidate");
  delete_label = g_strdup_printf (_("Delete Interview with %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  /* The action name only once there is a target to go with it. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", ik_session_get_id (session));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "sessions.delete");

  update_row_menu_label (more, session);

  candidate_id = ik_session_get_candidate_id (session);
  debrief_label = g_strdup_printf (_("Open Debrief for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (debrief), GTK_ACCESSIBLE_PROPERTY_LABEL, debrief_label, -1);
  gtk_widget_set_visible (debrief, self->team_folder != NULL && candidate_id != NULL && *candidate_id != '\0');
  if (candidate_id != NULL && *candidate_id != '\0')
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (debrief), "s", candidate_id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (debrief), "app.open-debrief");
    }
}

/* The debrief button of a row shows with a team folder, for a session
 * that has a candidate id (every session made by this version has one). */
static gboolean
debrief_visible_transform (GBinding     *binding,
                           const GValue *from,
                           GValue       *to,
                           gpointer      user_data)
{
  GtkListItem *item = user_data;
  IkSession *session = gtk_list_item_get_item (item);
  const char *candidate_id = session != NULL ? ik_session_get_candidate_id (session) : NULL;

  g_value_set_boolean (to, g_value_get_object (from) != NULL
                           && candidate_id != NULL && *candidate_id != '\0');
  return TRUE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *altered = gtk_label_new (_("Altered"));
  GtkWidget *debrief = gtk_button_new_from_icon_name ("system-users-symbolic");
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *more = gtk_menu_button_new ();
  IkSessionsView *self = user_data;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "session-state");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  /* A submitted scorecard whose file was edited by hand (IkScorecard:altered). */
  gtk_widget_set_name (altered, "altered-tag");
  gtk_widget_add_css_class (altered, "caption");
  gtk_widget_add_css_class (altered, "session-altered");
  gtk_widget_set_valign (altered, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (altered, FALSE);
  ik_widget_set_tooltip_text (altered, ik_export_altered_warning ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (altered),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, ik_export_altered_warning (), -1);
  gtk_widget_add_css_class (debrief, "flat");
  gtk_widget_set_valign (debrief, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (debrief, _("Open Debrief"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (debrief), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open Debrief"), -1);
  g_object_bind_property_full (self, "team-folder", debrief, "visible", G_BINDING_SYNC_CREATE,
                               debrief_visible_transform, NULL, item, NULL);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (delete, _("Delete Interview"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Interview"), -1);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), state);
  gtk_box_append (GTK_BOX (box), altered);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_row_menu, item, NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (more), FALSE);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (more, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Actions"), -1);
  gtk_box_append (GTK_BOX (box), more);
  gtk_box_append (GTK_BOX (box), debrief);
  gtk_box_append (GTK_BOX (box), delete);
  g_object_set_data (G_OBJECT (box), "sessions-view", self);
  ik_window_remember_list_item (box, item);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  IkSession *session = gtk_list_item_get_item (item);

  g_signal_connect_object (session, "changed", G_CALLBACK (update_row), item, G_CONNECT_SWAPPED);
  ik_accessible_make_list_item (item);
  update_row (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  IkSession *session = gtk_list_item_get_item (item);

  if (session != NULL)
    g_signal_handlers_disconnect_by_func (session, update_row, item);
}

/* Whether the pane shown is the one for the session's state. */
static gboolean
content_fits_state (IkSessionsView *self)
{
  /* The status page of an unreadable interview, until it can be read. */
  if (ADW_IS_STATUS_PAGE (self->content))
    return ik_session_get_body_lost (self->session);
  switch (ik_session_get_state (self->session))
    {
    case IK_SESSION_STATE_PLANNED:
      return IK_IS_SESSION_PLANNER (self->content);
    case IK_SESSION_STATE_IN_PROGRESS:
      return IK_IS_LIVE_VIEW (self->content);
    case IK_SESSION_STATE_COMPLETED:
    case IK_SESSION_STATE_SUBMITTED:
    default:
      return IK_IS_SCORECARD_EDITOR (self->content);
    }
}

/* No pane may edit a session the library no longer tracks, nor one whose
 * state another program changed under it (a planner of a running
 * interview): show what the library holds under the id now, in the pane of
 * its state, or go back to the list when it holds nothing. */
static gboolean
sync_content_idle (gpointer user_data)
{
  IkSessionsView *self = user_data;
  IkSession *tracked;

  self->sync_id = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;

  tracked = ik_library_find_session (self->library, ik_session_get_id (self->session));
  if (tracked == NULL && self->session == self->draft)
    return G_SOURCE_REMOVE;
  if (tracked == NULL)
    {
      show_session (self, NULL);
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }
  else if (tracked != self->session || !content_fits_state (self))
    show_session (self, tracked);
  return G_SOURCE_REMOVE;
}

/* Before input events are handled, so that nothing typed meanwhile goes
 * to a dropped object; and not from within a pane's own signal handler,
 * which the pane may be running when the state changes. */
static void
queue_sync_content (IkSessionsView *self)
{
  if (self->sync_id == 0)
    self->sync_id = g_idle_add_full (G_PRIORITY_HIGH, sync_content_idle, self, NULL);
}

/* What filter_session() and compare_sessions() read of a session. */
static char *
list_key (IkSession *session)
{
  GDateTime *scheduled = ik_session_get_scheduled (session);
  const char *name = ik_session_get_candidate_name (session);
  const char *role = ik_session_get_role (session);

  return g_strdup_printf ("%d\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s",
                          (int) ik_session_get_state (session),
                          scheduled != NULL ? g_date_time_to_unix (scheduled) : G_MININT64,
                          name != NULL ? name : "", role != NULL ? role : "",
                          ik_session_get_id (session));
}

static void
on_session_changed (IkSessionsView *self)
{
  g_autofree char *key = list_key (self->session);

  /* Filtering and sorting every interview again costs a few milliseconds
   * at 20,000 of them: not for each character of the notes. */
  if (g_strcmp0 (key, self->session_list_key) != 0)
    {
      g_free (self->session_list_key);
      self->session_list_key = g_steal_pointer (&key);
      queue_refresh (self);
    }
  if (!content_fits_state (self))
    queue_sync_content (self);
}

static void
on_focus_mode_changed (IkSessionsView *self,
                       GParamSpec     *pspec,
                       IkLiveView     *live)
{
  gboolean focus_mode = ik_live_view_get_focus_mode (live);

  if (self->focus_mode == focus_mode)
    return;
  self->focus_mode = focus_mode;
  gtk_widget_set_visible (self->sidebar, !focus_mode);
  gtk_widget_set_visible (self->separator, !focus_mode);
  if (focus_mode)
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MODE]);
}

/* Filled by the scorecard editor of issue 7: completed and submitted
 * sessions show their scorecard. */
static GtkWidget *
show_scorecard (IkSessionsView *self,
                IkSession      *session)
{
  GtkWidget *editor = ik_scorecard_editor_new (self->library, session);

  ik_scorecard_editor_set_team_folder (IK_SCORECARD_EDITOR (editor), self->team_folder);
  return editor;
}

static void
on_live_finished (IkSessionsView *self)
{
  g_autoptr(IkSession) session = self->session != NULL ? g_object_ref (self->session) : NULL;

  if (session != NULL)
    show_session (self, session);
}

static void
on_planner_start (IkSessionsView   *self,
                  IkSessionPlanner *planner)
{
  IkSession *session = ik_session_planner_get_session (planner);

  if (g_list_model_get_n_items (ik_session_get_records (session)) == 0)
    {
      add_toast (self, adw_toast_new (_("Plan at least one question first")));
      return;
    }
  ik_session_set_current (session, 0);
  ik_session_start_clock (session, NULL);
  show_session (self, session);
}

static void
set_content (IkSessionsView *self,
             GtkWidget      *content)
{
  if (self->content != NULL && IK_IS_LIVE_VIEW (self->content))
    {
      ik_live_view_set_focus_mode (IK_LIVE_VIEW (self->content), FALSE);
      g_signal_handlers_disconnect_by_data (self->content, self);
    }
  self->content = content;
  if (ADW_IS_STATUS_PAGE (content))
    ik_status_pages_measure_cheaply (content);
  adw_bin_set_child (self->content_bin, content);
}

static void
show_session (IkSessionsView *self,
              IkSession      *session)
{
  GtkWidget *content;

  if (self->session != NULL && self->session_changed_id != 0)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_set_object (&self->session, session);

  if (session == NULL)
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content), "x-office-calendar-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content), _("No Interview Selected"));
      set_content (self, content);
      update_empty_state (self);
      return;
    }

  self->session_changed_id = g_signal_connect_swapped (session, "changed",
                                                       G_CALLBACK (on_session_changed), self);
  g_free (self->session_list_key);
  self->session_list_key = list_key (session);

  /* Read back from its file now (the library keeps interviews' bodies
   * on disk until opened); one that is no longer valid is not shown as an
   * empty interview to fill in. */
  (void) ik_session_get_records (session);
  if (ik_session_get_body_lost (session))
    {
      content = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (content), "dialog-warning-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (content), _("Interview Cannot Be Read"));
      adw_status_page_set_description (ADW_STATUS_PAGE (content),
                                       _("Another program changed its file, which is no longer valid. The file is left untouched; the interview opens again when a valid version of it arrives."));
      set_content (self, content);
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
      update_empty_state (self);
      return;
    }

  switch (ik_session_get_state (session))
    {
    case IK_SESSION_STATE_PLANNED:
      content = ik_session_planner_new (self->library, session);
      g_signal_connect_object (content, "start", G_CALLBACK (on_planner_start), self, G_CONNECT_SWAPPED);
      break;

    case IK_SESSION_STATE_IN_PROGRESS:
      content = ik_live_view_new (self->library, session);
      g_signal_connect_object (content, "finished", G_CALLBACK (on_live_finished), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (content, "notify::focus-mode", G_CALLBACK (on_focus_mode_changed), self, G_CONNECT_SWAPPED);
      break;

    case IK_SESSION_STATE_COMPLETED:
    case IK_SESSION_STATE_SUBMITTED:
    default:
      content = show_scorecard (self, session);
      break;
    }

  set_content (self, content);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  /* What the user types next goes into the planner or the notes. */
  if (!IK_IS_SCORECARD_EDITOR (content))
    gtk_widget_grab_focus (content);
  update_empty_state (self);
  queue_refresh (self);
}

/**
 * ik_sessions_view_open_session:
 * @session: a session of the library
 *
 * Shows @session: its planner, live view or scorecard, by its state.
 */
void
ik_sessions_view_open_session (IkSessionsView *self,
                               IkSession      *session)
{
  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));
  g_return_if_fail (session == NULL || IK_IS_SESSION (session));

  show_session (self, session);
}

static void
on_activate (GtkGridView    *list,
             guint           position,
             IkSessionsView *self)
{
  g_autoptr(IkSession) session = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (session != NULL && session != self->session)
    show_session (self, session);
  else if (session != NULL)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
      if (!IK_IS_SCORECARD_EDITOR (self->content))
        gtk_widget_grab_focus (self->content);
    }
}

static IkSession *
new_session (IkSessionsView *self)
{
  IkSession *session = ik_session_new ();
  /* What ik_uuid_new() makes, without the JSON header in a widget. */
  g_autofree char *candidate_id = g_uuid_string_random ();
  g_autofree char *interviewer = g_settings_get_string (self->settings, "interviewer-name");
  int duration = g_settings_get_int (self->settings, "default-duration");

  ik_session_set_candidate_id (session, candidate_id);
  ik_session_set_interviewer (session, interviewer);
  ik_session_set_duration (session, (guint) duration);
  ik_session_set_seniority (session, IK_SENIORITY_MID);
  ik_session_set_default_keep_until (session, (guint) g_settings_get_int (self->settings, "retention-months"));
  return session;
}

/**
 * ik_sessions_view_plan_interview:
 * @bank: (nullable): the bank to plan from
 * @question_ids: (nullable) (array zero-terminated=1): questions of @bank
 *   to plan, in order
 *
 * Creates a planned interview and opens its planner. With questions it is
 * saved in the library right away; an empty one only once something is
 * entered in the planner, so that no empty draft is left behind.
 */
void
ik_sessions_view_plan_interview (IkSessionsView     *self,
                                 IkBank             *bank,
                                 const char * const *question_ids)
{
  g_autoptr(IkSession) session = NULL;

  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));
  g_return_if_fail (bank == NULL || IK_IS_BANK (bank));

  session = new_session (self);
  if (bank != NULL)
    {
      ik_session_set_bank_id (session, ik_bank_get_id (bank));
      ik_session_set_bank_title (session, ik_bank_get_title (bank));
      for (guint i = 0; question_ids != NULL && question_ids[i] != NULL; i++)
        {
          IkQuestion *question = ik_bank_find_question (bank, question_ids[i]);

          if (question != NULL)
            ik_session_add_question (session, question);
        }
    }
  if (g_list_model_get_n_items (ik_session_get_records (session)) == 0)
    {
      self->draft = session;
      show_session (self, session);
    }
  else
    show_session (self, ik_library_add_session (self->library, session));
}

static void
plan_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IkSessionsView *self = g_task_get_source_object (task);
  g_autoptr(IkSession) session = NULL;
  g_autofree char *interviewer = NULL;
  GError *error = NULL;

  session = ik_plan_read_file_finish (result, &error);
  if (session == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  interviewer = g_settings_get_string (self->settings, "interviewer-name");
  if (*ik_session_get_interviewer (session) == '\0')
    ik_session_set_interviewer (session, interviewer);
  ik_session_set_default_keep_until (session, (guint) g_settings_get_int (self->settings, "retention-months"));
  show_session (self, ik_library_add_session (self->library, session));
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_sessions_view_import_plan_async:
 * @file: a `.ikplan.json` file a colleague sent
 * @cancellable: (nullable): stops the read
 *
 * Reads the plan in a worker thread (ik_plan_read_file_async()), then
 * creates a planned session from it (sharing the panel's candidate id),
 * adds it to the library and opens it.
 */
void
ik_sessions_view_import_plan_async (IkSessionsView      *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_sessions_view_import_plan_async);
  ik_plan_read_file_async (file, cancellable, plan_read_cb, task);
}

/**
 * ik_sessions_view_import_plan_finish:
 *
 * Returns: whether the plan could be read; the new session is then shown
 */
gboolean
ik_sessions_view_import_plan_finish (IkSessionsView  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
plan_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (source);
  g_autoptr(GError) error = NULL;

  if (!ik_sessions_view_import_plan_finish (self, result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *title = g_strdup_printf (_("Could not open the plan: %s"), escaped);

      add_toast (self, adw_toast_new (title));
    }
}

static void
on_plan_file_chosen (GtkNativeDialog *chooser,
                     int              response,
                     IkSessionsView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ik_sessions_view_import_plan_async (self, file, NULL, plan_imported_cb, NULL);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Plan File"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Interview Plans"));
  gtk_file_filter_add_pattern (filter, "*.ikplan.json");
  gtk_file_filter_add_mime_type (filter, "application/x-interview-kit-plan+json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_plan_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ik_sessions_view_plan_interview (IK_SESSIONS_VIEW (widget), NULL, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

typedef struct
{
  IkSessionsView *self;
  char           *session_id;
} SessionUndo;

static void
session_undo_free (gpointer data)
{
  SessionUndo *undo = data;

  g_object_unref (undo->self);
  g_free (undo->session_id);
  g_free (undo);
}

static void
undo_session_delete (IkWindow *window,
                     gpointer  data)
{
  SessionUndo *undo = data;
  g_autoptr(GError) error = NULL;

  if (ik_library_restore_session (undo->self->library, undo->session_id, &error) == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *title = g_strdup_printf (_("Could not restore the interview: %s"), escaped);

      ik_window_add_toast (window, adw_toast_new (title));
      return;
    }
  ik_window_show_view (window, "interviews");
}

static gboolean
listed_position (IkSessionsView *self,
                 IkSession      *session,
                 guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkSession) listed = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

      if (listed == session)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ik_sessions_view_delete_session:
 * @session: a session of the library
 *
 * Moves @session into the library's trash and offers Undo on the window's
 * toast; a failure is shown there instead.
 */
void
ik_sessions_view_delete_session (IkSessionsView *self,
                                 IkSession      *session)
{
  g_autoptr(IkSession) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  IkWindow *window;
  SessionUndo *undo;
  g_autofree char *name = NULL;
  GtkWidget *focus;
  gboolean had_row;
  gboolean list_had_focus;
  guint position = 0;

  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));
  g_return_if_fail (IK_IS_SESSION (session));

  /* The library lets go of it on removal. */
  deleted = g_object_ref (session);
  had_row = listed_position (self, deleted, &position);
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  list_had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
  name = dup_shown_name (deleted);
  escaped = g_markup_escape_text (name, -1);
  if (!ik_library_remove_session (self->library, deleted, &error))
    {
      g_autofree char *reason = g_markup_escape_text (error->message, -1);

      title = g_strdup_printf (_("Could not delete the interview with %s: %s"), escaped, reason);
      add_toast (self, adw_toast_new (title));
      return;
    }
  if (self->session == deleted)
    show_session (self, NULL);
  /* The row that took its place, not the Delete button now under the
   * keyboard: a second Enter would delete that interview too. */
  if (had_row && list_had_focus)
    ik_window_focus_list_row (GTK_WIDGET (self->list_view), position);

  window = ik_window_get_for_widget (GTK_WIDGET (self));
  if (window == NULL)
    return;
  undo = g_new0 (SessionUndo, 1);
  undo->self = g_object_ref (self);
  undo->session_id = g_strdup (ik_session_get_id (deleted));
  title = g_strdup_printf (_("Deleted the interview with %s"), escaped);
  ik_window_show_undo_toast (window, title, undo_session_delete, undo, session_undo_free);
}

static void
on_confirm_delete_response (AdwMessageDialog *dialog,
                            const char       *response,
                            IkSessionsView   *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "session-id");
  IkSession *session = ik_library_find_session (self->library, id);
  GtkWidget *focus = g_object_get_data (G_OBJECT (dialog), "focus");

  /* Back where the user was, so that the delete finds the row to leave. */
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  if (g_str_equal (response, "delete") && session != NULL)
    ik_sessions_view_delete_session (self, session);
}

/* A submitted scorecard was sent on to others: deleting it asks first,
 * with Cancel as what Enter and Escape choose. */
static void
ask_delete_session (IkSessionsView *self,
                    IkSession      *session)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *name = dup_shown_name (session);
  GtkWidget *dialog;

  if (ik_session_get_state (session) != IK_SESSION_STATE_SUBMITTED)
    {
      ik_sessions_view_delete_session (self, session);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Submitted Interview?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The scorecard for %s was already submitted. "
                                    "The interview goes to the trash; Undo brings it back for a few seconds."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "session-id", g_strdup (ik_session_get_id (session)), g_free);
  if (focus != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "focus", g_object_ref (focus), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (widget);
  IkSession *session = ik_library_find_session (self->library, g_variant_get_string (parameter, NULL));

  if (session != NULL)
    ask_delete_session (self, session);
}

typedef void (*CandidateFunc) (GtkWidget    *parent,
                               IkLibrary    *library,
                               IkTeamFolder *team_folder,
                               const char   *name_or_id);

/* Calls @func with the candidate of the session whose id is @parameter. */
static void
for_candidate (IkSessionsView *self,
               GVariant       *parameter,
               CandidateFunc   func)
{
  IkSession *session = ik_library_find_session (self->library, g_variant_get_string (parameter, NULL));
  const char *candidate_id;

  if (session == NULL)
    return;
  /* A session from before candidate ids is found by its name. */
  candidate_id = ik_session_get_candidate_id (session);
  func (GTK_WIDGET (self), self->library, self->team_folder,
        candidate_id[0] != '\0' ? candidate_id : ik_session_get_candidate_name (session));
}

static void
erase_candidate_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  for_candidate (IK_SESSIONS_VIEW (widget), parameter, ik_erase_candidate_present);
}

static void
subject_access_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  for_candidate (IK_SESSIONS_VIEW (widget), parameter, ik_subject_access_export_present);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (widget);
  /* The row Delete was pressed on, which need not be the one shown. */
  IkSession *session = ik_window_get_focused_list_item (GTK_WIDGET (self->list_view));

  if (session == NULL)
    session = gtk_single_selection_get_selected_item (self->selection);
  if (session != NULL)
    ask_delete_session (self, session);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * ik_sessions_view_set_search:
 * @text: (nullable): words to look for in candidate names and roles
 */
void
ik_sessions_view_set_search (IkSessionsView *self,
                             const char     *text)
{
  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));

  /* Replacing the entry's text empties it first, which the entry reports
   * at once: ignore that while we set it. */
  self->syncing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->syncing = FALSE;
  g_free (self->search);
  self->search = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

/**
 * ik_sessions_view_set_state_filter:
 * @state: an #IkSessionState to show only, or -1 for all
 */
void
ik_sessions_view_set_state_filter (IkSessionsView *self,
                                   int             state)
{
  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));

  if (gtk_drop_down_get_selected (self->state_dropdown) != (guint) (state + 1))
    gtk_drop_down_set_selected (self->state_dropdown, (guint) (state + 1));
  self->state_filter = state;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

static void
on_search_changed (IkSessionsView *self)
{
  if (self->syncing)
    return;
  ik_sessions_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_state_selected (IkSessionsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  ik_sessions_view_set_state_filter (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                           ? -1 : (int) selected - 1);
}

/**
 * ik_sessions_view_get_visible_sessions:
 *
 * Returns: (transfer none): the sessions the list shows, in its order
 */
GListModel *
ik_sessions_view_get_visible_sessions (IkSessionsView *self)
{
  g_return_val_if_fail (IK_IS_SESSIONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * ik_sessions_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown beside the list
 */
IkSession *
ik_sessions_view_get_session (IkSessionsView *self)
{
  g_return_val_if_fail (IK_IS_SESSIONS_VIEW (self), NULL);

  return self->session;
}

/**
 * ik_sessions_view_get_content:
 *
 * Returns: (transfer none) (nullable): the planner, live view or scorecard
 *   shown for the session
 */
GtkWidget *
ik_sessions_view_get_content (IkSessionsView *self)
{
  g_return_val_if_fail (IK_IS_SESSIONS_VIEW (self), NULL);

  return self->content;
}

/**
 * ik_sessions_view_get_focus_mode:
 *
 * Returns: whether the live view is in focus mode; the window hides its
 *   header bar meanwhile
 */
gboolean
ik_sessions_view_get_focus_mode (IkSessionsView *self)
{
  g_return_val_if_fail (IK_IS_SESSIONS_VIEW (self), FALSE);

  return self->focus_mode;
}

/**
 * ik_sessions_view_get_team_folder:
 *
 * Returns: (transfer none) (nullable): the team folder submitted scorecards
 *   are published to
 */
IkTeamFolder *
ik_sessions_view_get_team_folder (IkSessionsView *self)
{
  g_return_val_if_fail (IK_IS_SESSIONS_VIEW (self), NULL);

  return self->team_folder;
}

/**
 * ik_sessions_view_set_team_folder:
 * @team_folder: (nullable): where the scorecards shown are published on
 *   submit; %NULL: nowhere
 *
 * The window binds this to #IkApplication:team-folder.
 */
void
ik_sessions_view_set_team_folder (IkSessionsView *self,
                                  IkTeamFolder   *team_folder)
{
  g_return_if_fail (IK_IS_SESSIONS_VIEW (self));
  g_return_if_fail (team_folder == NULL || IK_IS_TEAM_FOLDER (team_folder));

  if (!g_set_object (&self->team_folder, team_folder))
    return;
  if (self->content != NULL && IK_IS_SCORECARD_EDITOR (self->content))
    ik_scorecard_editor_set_team_folder (IK_SCORECARD_EDITOR (self->content), team_folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM_FOLDER]);
}

static void
on_sessions_changed (IkSessionsView *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  if (self->session != NULL
      && ik_library_find_session (self->library, ik_session_get_id (self->session)) != self->session)
    queue_sync_content (self);
  update_empty_state (self);
}

/* Reopening the app after a crash or a closed window goes straight back to
 * the interview that was running. */
static void
resume_interview (IkSessionsView *self)
{
  IkSession *running = ik_library_find_session_in_progress (self->library);

  if (self->session == NULL && running != NULL)
    show_session (self, running);
}

/**
 * ik_sessions_view_new:
 * @library: the library whose sessions to show
 *
 * Returns: (transfer floating): a new #IkSessionsView
 */
GtkWidget *
ik_sessions_view_new (IkLibrary *library)
{
  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);

  return g_object_new (IK_TYPE_SESSIONS_VIEW, "library", library, NULL);
}

static void
ik_sessions_view_constructed (GObject *object)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (object);
  GtkListItemFactory *factory;
  GListModel *sessions;

  G_OBJECT_CLASS (ik_sessions_view_parent_class)->constructed (object);

  sessions = ik_library_get_sessions (self->library);
  self->filter = gtk_custom_filter_new (filter_session, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_sessions, NULL, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (sessions), g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (sessions, "items-changed", G_CALLBACK (on_sessions_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loaded", G_CALLBACK (resume_interview), self, G_CONNECT_SWAPPED);

  update_empty_state (self);
  if (ik_library_get_loaded (self->library))
    resume_interview (self);
}

static void
ik_sessions_view_dispose (GObject *object)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  self->content = NULL;

  /* AdwBin keeps a pointer to its child: drop it before the template
   * unparents the child, or AdwBin unparents a finalized widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_SESSIONS_VIEW);

  g_clear_object (&self->session);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->settings);
  g_clear_object (&self->team_folder);
  g_clear_object (&self->library);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->session_list_key, g_free);

  G_OBJECT_CLASS (ik_sessions_view_parent_class)->dispose (object);
}

static void
ik_sessions_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_FOCUS_MODE:
      g_value_set_boolean (value, self->focus_mode);
      break;
    case PROP_TEAM_FOLDER:
      g_value_set_object (value, self->team_folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_sessions_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IkSessionsView *self = IK_SESSIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_TEAM_FOLDER:
      ik_sessions_view_set_team_folder (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_sessions_view_class_init (IkSessionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ik_sessions_view_constructed;
  object_class->dispose = ik_sessions_view_dispose;
  object_class->get_property = ik_sessions_view_get_property;
  object_class->set_property = ik_sessions_view_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, IK_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * IkSessionsView:focus-mode:
   *
   * Whether the live view is in focus mode (F11): the window should hide
   * its header bar and view switcher while it is %TRUE.
   */
  properties[PROP_FOCUS_MODE] =
    g_param_spec_boolean ("focus-mode", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * IkSessionsView:team-folder:
   *
   * Where submitted scorecards are published, or %NULL; with one, each
   * interview offers its candidate's debrief.
   */
  properties[PROP_TEAM_FOLDER] =
    g_param_spec_object ("team-folder", NULL, NULL, IK_TYPE_TEAM_FOLDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IK_TYPE_SCROLLER_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-sessions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, separator);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, content_box);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, content_bin);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IkSessionsView, list_view);

  gtk_widget_class_install_action (widget_class, "sessions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sessions.import-plan", NULL, import_plan_action);
  gtk_widget_class_install_action (widget_class, "sessions.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "sessions.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "sessions.erase-candidate", "s", erase_candidate_action);
  gtk_widget_class_install_action (widget_class, "sessions.subject-access", "s", subject_access_action);
  gtk_widget_class_install_action (widget_class, "sessions.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "sessions.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sessions.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "sessions.search", NULL);
}

static void
ik_sessions_view_init (IkSessionsView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
  ik_status_pages_measure_cheaply (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->state_filter = -1;

  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->state_dropdown, "notify::selected", G_CALLBACK (on_state_selected), self);

  /* Delete only where it cannot mean deleting text: on the list itself. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("sessions.delete-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
}
