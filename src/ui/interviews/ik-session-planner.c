/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-session-planner.c: the form of a planned interview and its questions.
 *
 * Every field writes straight into the session, which the library saves a
 * second later: there is no Save button. Questions can be picked from the
 * bank, suggested by the planner, reordered and removed until the interview
 * starts; a running total compares their minutes with the time available.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-scroller-bin.h"
#include "ik-plan-files.h"
#include "ik-planner.h"
#include "ik-retention.h"
#include "ik-session-planner.h"
#include "ik-text-sync.h"
#include "ik-window.h"

struct _IkSessionPlanner
{
  AdwBin                parent_instance;

  IkLibrary            *library;
  IkSession            *session;
  IkBank               *bank;
  GSettings            *settings;
  GPtrArray            *planned_rows;
  GPtrArray            *bank_rows;
  /* The records shown, followed for their snapshots. */
  GPtrArray            *planned_records;
  guint                 rebuild_id;
  /* Where the focus goes when the planned rows are made anew after a
   * move, or -1: the same place. */
  int                   focus_position;
  gboolean              loading;
  /* A new interview not in the library yet: it goes there with the first
   * thing the user enters (no empty drafts). */
  gulong                draft_changed_id;

  AdwEntryRow          *candidate_row;
  AdwEntryRow          *role_row;
  AdwComboRow          *seniority_row;
  AdwEntryRow          *interviewer_row;
  GtkWidget            *time_row;
  GtkMenuButton        *date_button;
  GtkPopover           *date_popover;
  GtkCalendar          *calendar;
  GtkSpinButton        *hour_spin;
  GtkSpinButton        *minute_spin;
  /* What Escape in the calendar puts back. */
  GDateTime            *date_before_popup;
  /* keep_scroll(): the row to keep in its place while the plan changes. */
  guint                 keep_scroll_id;
  GtkScrolledWindow    *scrolled;
  guint                 keep_scroll_frames;
  guint                 follow_focus_id;
  GtkWidget            *kept_row;
  double                kept_row_y;
  AdwComboRow          *duration_row;
  GtkWidget            *custom_duration_row;
  GtkSpinButton        *custom_duration_spin;
  AdwComboRow          *bank_row;
  AdwPreferencesGroup  *planned_group;
  AdwPreferencesGroup  *bank_group;
  GtkLabel             *total_label;
};

G_DEFINE_FINAL_TYPE (IkSessionPlanner, ik_session_planner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_rows (IkSessionPlanner *self);
static void queue_rebuild (IkSessionPlanner *self);

static guint
available_minutes (IkSessionPlanner *self)
{
  guint duration = ik_session_get_duration (self->session);
  guint buffers = (guint) (g_settings_get_int (self->settings, "opening-minutes")
                           + g_settings_get_int (self->settings, "closing-minutes"));

  return duration > buffers ? duration - buffers : 0;
}

/**
 * ik_session_planner_get_planned_minutes:
 *
 * Returns: the minutes of the planned questions, added up
 */
guint
ik_session_planner_get_planned_minutes (IkSessionPlanner *self)
{
  GListModel *records;
  guint total = 0;

  g_return_val_if_fail (IK_IS_SESSION_PLANNER (self), 0);

  records = ik_session_get_records (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      total += ik_planner_question_minutes (ik_question_record_get_question (record));
    }
  return total;
}

/**
 * ik_session_planner_get_overrun:
 *
 * Returns: whether the planned questions need more time than the interview
 *   leaves after its opening and closing
 */
gboolean
ik_session_planner_get_overrun (IkSessionPlanner *self)
{
  g_return_val_if_fail (IK_IS_SESSION_PLANNER (self), FALSE);

  return ik_session_planner_get_planned_minutes (self) > available_minutes (self);
}

static void
update_total (IkSessionPlanner *self)
{
  guint planned = ik_session_planner_get_planned_minutes (self);
  guint available = available_minutes (self);
  g_autofree char *text = NULL;

  if (planned > available)
    text = g_strdup_printf (_("%u of %u min planned: the plan overruns by %u min. Remove a question or lengthen the interview."),
                            planned, available, planned - available);
  else
    text = g_strdup_printf (_("%u of %u min planned (the rest of the %u min goes to the opening and closing)."),
                            planned, available, ik_session_get_duration (self->session));
  gtk_label_set_text (self->total_label, text);
  if (planned > available)
    gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "warning");
}

/* Minutes and the competencies assessed, by name when the bank knows them. */
static char *
question_subtitle (IkBank     *bank,
                   IkQuestion *question)
{
  const char * const *comps = ik_question_get_competencies (question);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; comps != NULL && comps[i] != NULL; i++)
    {
      IkCompetency *competency = bank != NULL ? ik_bank_find_competency (bank, comps[i]) : NULL;

      g_ptr_array_add (names, (gpointer) (competency != NULL ? ik_competency_get_name (competency) : comps[i]));
    }
  g_ptr_array_add (names, NULL);
  joined = g_strjoinv (", ", (char **) names->pdata);
  text = g_strdup_printf (_("%u min · %s"), ik_planner_question_minutes (question), joined);

  return g_markup_escape_text (text, -1);
}

static int
find_record (IkSessionPlanner *self,
             const char       *question_id)
{
  GListModel *records = ik_session_get_records (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (ik_question_get_id (ik_question_record_get_question (record)), question_id) == 0)
        return (int) i;
    }
  return -1;
}

static GtkAdjustment *
vadjustment (IkSessionPlanner *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scrolled);
}

/* The plan above the bank grows or shrinks with a tick: the scroll
 * position moves by as much once the layout is done, so that the row just
 * ticked stays where it was on the screen rather than sliding away from
 * the eye and the focus. */
/* Only for the layout that follows the tick (two frames, the first one
 * may have begun already). */
static void scroll_to_focus (IkSessionPlanner *self);

static gboolean
keep_scroll_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);
  GtkWidget *scrolled = adw_bin_get_child (ADW_BIN (self));
  graphene_rect_t bounds;

  if (++self->keep_scroll_frames < 2)
    return G_SOURCE_CONTINUE;
  if (self->kept_row != NULL && gtk_widget_get_parent (self->kept_row) != NULL
      && gtk_widget_compute_bounds (self->kept_row, scrolled, &bounds)
      && bounds.origin.y != self->kept_row_y)
    gtk_adjustment_set_value (vadjustment (self),
                              gtk_adjustment_get_value (vadjustment (self)) + bounds.origin.y - self->kept_row_y);
  g_clear_object (&self->kept_row);
  self->keep_scroll_id = 0;
  /* The focus may have moved meanwhile. */
  scroll_to_focus (self);
  return G_SOURCE_REMOVE;
}

static void
keep_scroll (IkSessionPlanner *self,
             GtkWidget        *row)
{
  graphene_rect_t bounds;

  g_set_object (&self->kept_row, row);
  self->kept_row_y = 0;
  if (row != NULL && gtk_widget_compute_bounds (row, adw_bin_get_child (ADW_BIN (self)), &bounds))
    self->kept_row_y = bounds.origin.y;
  else
    g_clear_object (&self->kept_row);

  self->keep_scroll_frames = 0;
  if (self->keep_scroll_id == 0)
    self->keep_scroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), keep_scroll_tick, NULL, NULL);
}

/* The form scrolls to what Tab or an arrow key moved the focus to, just
 * enough to show it whole. */
static void
scroll_to_focus (IkSessionPlanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled);
  graphene_rect_t bounds;

  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (focus == NULL || content == NULL || !gtk_widget_is_ancestor (focus, content))
    return;
  /* The row of a text field, as its title belongs to what is shown. */
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) != NULL)
    focus = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (gtk_widget_compute_bounds (focus, content, &bounds))
    gtk_adjustment_clamp_page (vadjustment (self), bounds.origin.y,
                               bounds.origin.y + bounds.size.height);
}

/* In the next frame, as a list box moving its cursor scrolls back after
 * the focus moved, and after keep_scroll() if one is under way. */
static gboolean
follow_focus_tick (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);

  if (self->keep_scroll_id != 0)
    return G_SOURCE_CONTINUE;
  self->follow_focus_id = 0;
  scroll_to_focus (self);
  return G_SOURCE_REMOVE;
}

static void
follow_focus (IkSessionPlanner *self)
{
  if (self->follow_focus_id == 0)
    self->follow_focus_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_focus_tick, NULL, NULL);
}

static void
ik_session_planner_root (GtkWidget *widget)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);

  GTK_WIDGET_CLASS (ik_session_planner_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (follow_focus), self, G_CONNECT_SWAPPED);
}

static void
ik_session_planner_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), follow_focus, widget);
  GTK_WIDGET_CLASS (ik_session_planner_parent_class)->unroot (widget);
}

static void
on_bank_check_toggled (GtkCheckButton   *check,
                       IkSessionPlanner *self)
{
  IkQuestion *question = g_object_get_data (G_OBJECT (check), "question");
  int position;

  if (self->loading)
    return;
  keep_scroll (self, gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW));
  position = find_record (self, ik_question_get_id (question));
  if (gtk_check_button_get_active (check) && position < 0)
    ik_session_add_question (self->session, question);
  else if (!gtk_check_button_get_active (check) && position >= 0)
    ik_session_remove_record (self->session, (guint) position);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             guint       position)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);
  return button;
}

/* The button of @row's suffixes that runs @action, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The planned rows are made anew on every change of the plan; the focus
 * that was in one of them goes to the same place in the new ones (the row
 * the question moved to, the same button when it can still be used) rather
 * than back to the top of the window. */
static void
rebuild_planned_rows (IkSessionPlanner *self)
{
  GListModel *records = ik_session_get_records (self->session);
  guint n = g_list_model_get_n_items (records);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focus_action = NULL;
  int focus_index = -1;

  for (guint i = 0; focus != NULL && i < self->planned_rows->len; i++)
    if (focus == g_ptr_array_index (self->planned_rows, i)
        || gtk_widget_is_ancestor (focus, g_ptr_array_index (self->planned_rows, i)))
      {
        focus_index = self->focus_position >= 0 ? self->focus_position : (int) i;
        if (GTK_IS_ACTIONABLE (focus))
          focus_action = g_strdup (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)));
      }
  self->focus_position = -1;

  for (guint i = 0; i < self->planned_rows->len; i++)
    adw_preferences_group_remove (self->planned_group, g_ptr_array_index (self->planned_rows, i));
  g_ptr_array_set_size (self->planned_rows, 0);
  for (guint i = 0; i < self->planned_records->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->planned_records, i), self);
  g_ptr_array_set_size (self->planned_records, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (ik_question_get_text (question), -1);
      g_autofree char *subtitle = question_subtitle (self->bank, question);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"), "planner.move-up", i);
      GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"), "planner.move-down", i);
      GtkWidget *remove = icon_button ("list-remove-symbolic", _("Remove from Plan"), "planner.remove", i);
      GtkWidget *number_label = gtk_label_new (number);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (number_label, "dim-label");
      gtk_widget_add_css_class (number_label, "numeric");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), number_label);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < n);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->planned_group, row);
      g_ptr_array_add (self->planned_rows, row);

      /* A snapshot only changes when another program rewrote the file. */
      g_signal_connect_swapped (record, "notify::question", G_CALLBACK (queue_rebuild), self);
      g_ptr_array_add (self->planned_records, g_object_ref (record));
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No questions planned yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Tick questions of the bank below, or let Suggest fill the time"));
      adw_preferences_group_add (self->planned_group, row);
      g_ptr_array_add (self->planned_rows, row);
    }

  if (focus_index >= 0)
    {
      GtkWidget *row = g_ptr_array_index (self->planned_rows,
                                          MIN ((guint) focus_index, self->planned_rows->len - 1));
      GtkWidget *button = focus_action != NULL ? find_action_button (row, focus_action) : NULL;

      if (button == NULL || !gtk_widget_is_sensitive (button) || !gtk_widget_grab_focus (button))
        gtk_widget_grab_focus (row);
    }
}

/* Ticks the bank's questions that are planned. The rows stay: remade, they
 * would take the focus and the scroll position with them. */
static void
sync_bank_checks (IkSessionPlanner *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < self->bank_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->bank_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      IkQuestion *question = g_object_get_data (G_OBJECT (check), "question");

      gtk_check_button_set_active (check, find_record (self, ik_question_get_id (question)) >= 0);
    }
  self->loading = FALSE;
}

static void
rebuild_bank_rows (IkSessionPlanner *self)
{
  for (guint i = 0; i < self->bank_rows->len; i++)
    adw_preferences_group_remove (self->bank_group, g_ptr_array_index (self->bank_rows, i));
  g_ptr_array_set_size (self->bank_rows, 0);

  if (self->bank != NULL)
    {
      GListModel *questions = ik_bank_get_questions (self->bank);

      for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
        {
          g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *title = g_markup_escape_text (ik_question_get_text (question), -1);
          g_autofree char *subtitle = question_subtitle (self->bank, question);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          /* One Tab stop a question: the row, whose Space or Enter ticks. */
          gtk_widget_set_focusable (check, FALSE);
          g_object_set_data_full (G_OBJECT (check), "question", g_object_ref (question), g_object_unref);
          g_signal_connect (check, "toggled", G_CALLBACK (on_bank_check_toggled), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          ik_accessible_name_row (row, check, ik_question_get_text (question), subtitle);
          g_object_set_data (G_OBJECT (row), "check", check);
          adw_preferences_group_add (self->bank_group, row);
          g_ptr_array_add (self->bank_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bank_group), self->bank != NULL);
  sync_bank_checks (self);
}

static void
rebuild_rows (IkSessionPlanner *self)
{
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild_planned_rows (self);
  rebuild_bank_rows (self);
  update_total (self);
}

static void
on_records_changed (IkSessionPlanner *self)
{
  rebuild_planned_rows (self);
  sync_bank_checks (self);
  update_total (self);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  IkSessionPlanner *self = user_data;

  self->rebuild_id = 0;
  rebuild_rows (self);
  return G_SOURCE_REMOVE;
}

/* Once for a burst of changes, e.g. a bank rewritten by another program. */
static void
queue_rebuild (IkSessionPlanner *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

static guint
duration_to_index (guint minutes)
{
  return minutes == 45 ? 0 : minutes == 60 ? 1 : 2;
}

/* The locale's date with the century: %x has a two-digit year in many
 * locales, which reads wrongly for a date to come. */
static char *
format_date (GDateTime *local)
{
  const char *d_fmt = nl_langinfo (D_FMT);
  g_autoptr(GString) format = NULL;

  if (d_fmt == NULL || *d_fmt == '\0' || !g_utf8_validate (d_fmt, -1, NULL))
    d_fmt = "%Y-%m-%d";
  format = g_string_new (d_fmt);
  g_string_replace (format, "%y", "%Y", 0);
  g_string_replace (format, "%C%Y", "%Y", 0);
  return g_date_time_format (local, format->str);
}

/* The date button, the calendar and the time show the session's date:
 * an interview without one shows "Not Scheduled" and no time. */
static void
load_scheduled (IkSessionPlanner *self)
{
  GDateTime *scheduled = ik_session_get_scheduled (self->session);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;
  gboolean loading = self->loading;

  self->loading = TRUE;
  if (scheduled != NULL)
    {
      local = g_date_time_to_local (scheduled);
      date = format_date (local);
      gtk_calendar_select_day (self->calendar, local);
      gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
      gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
    }
  else
    date = g_strdup (_("Not Scheduled"));
  gtk_menu_button_set_label (self->date_button, date);
  label = g_strdup_printf (_("Interview Date: %s"), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (self->time_row, scheduled != NULL);
  self->loading = loading;
}

static void
load_duration (IkSessionPlanner *self)
{
  guint duration = ik_session_get_duration (self->session);

  adw_combo_row_set_selected (self->duration_row, duration_to_index (duration));
  gtk_widget_set_visible (self->custom_duration_row, duration_to_index (duration) == 2);
  if (duration_to_index (duration) == 2)
    gtk_spin_button_set_value (self->custom_duration_spin, duration);
}

/* The fields show the session; also when another program changed it, in
 * which case only what differs is replaced (ik-text-sync.c). */
static void
load_fields (IkSessionPlanner *self)
{
  self->loading = TRUE;
  ik_editable_sync (GTK_EDITABLE (self->candidate_row), ik_session_get_candidate_name (self->session));
  ik_editable_sync (GTK_EDITABLE (self->role_row), ik_session_get_role (self->session));
  ik_editable_sync (GTK_EDITABLE (self->interviewer_row), ik_session_get_interviewer (self->session));
  adw_combo_row_set_selected (self->seniority_row, ik_session_get_seniority (self->session));
  load_scheduled (self);
  load_duration (self);
  self->loading = FALSE;
}

static void show_bank (IkSessionPlanner *self,
                       IkBank           *bank);

/* The bank of the session, as the library holds it now. */
static IkBank *
session_bank (IkSessionPlanner *self)
{
  const char *bank_id = ik_session_get_bank_id (self->session);

  return bank_id != NULL && *bank_id != '\0' ? ik_library_find_bank (self->library, bank_id) : NULL;
}

static void
on_session_notify (IkSessionPlanner *self,
                   GParamSpec       *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  self->loading = TRUE;
  if (g_str_equal (name, "candidate-name"))
    ik_editable_sync (GTK_EDITABLE (self->candidate_row), ik_session_get_candidate_name (self->session));
  else if (g_str_equal (name, "role"))
    ik_editable_sync (GTK_EDITABLE (self->role_row), ik_session_get_role (self->session));
  else if (g_str_equal (name, "interviewer"))
    ik_editable_sync (GTK_EDITABLE (self->interviewer_row), ik_session_get_interviewer (self->session));
  else if (g_str_equal (name, "seniority"))
    adw_combo_row_set_selected (self->seniority_row, ik_session_get_seniority (self->session));
  else if (g_str_equal (name, "scheduled"))
    load_scheduled (self);
  else if (g_str_equal (name, "duration"))
    {
      load_duration (self);
      update_total (self);
    }
  else if (g_str_equal (name, "bank-id") && session_bank (self) != self->bank)
    show_bank (self, session_bank (self));
  self->loading = FALSE;
}

/* A bank the library dropped (its file was deleted) is not offered any
 * longer; one it holds under the session's bank id is. */
static void
on_library_banks_changed (IkSessionPlanner *self)
{
  if (self->bank != NULL && session_bank (self) != self->bank)
    show_bank (self, session_bank (self));
}

static void
on_text_changed (GtkEditable      *editable,
                 IkSessionPlanner *self)
{
  const char *text = gtk_editable_get_text (editable);

  if (self->loading)
    return;
  if (editable == GTK_EDITABLE (self->candidate_row))
    ik_session_set_candidate_name (self->session, text);
  else if (editable == GTK_EDITABLE (self->role_row))
    ik_session_set_role (self->session, text);
  else if (editable == GTK_EDITABLE (self->interviewer_row))
    ik_session_set_interviewer (self->session, text);
}

/* The day of the calendar at the time of the spin buttons, in the local
 * time zone; stored as before (ISO 8601 with the offset). */
static void
save_scheduled (IkSessionPlanner *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (self->loading)
    return;
  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
  if (when != NULL)
    ik_session_set_scheduled (self->session, when);
}

static void
on_time_changed (IkSessionPlanner *self)
{
  /* No time without a day: the spin buttons wait for the calendar. */
  if (ik_session_get_scheduled (self->session) != NULL)
    save_scheduled (self);
}

/* Hours and minutes with two digits, as a clock shows them. */
static gboolean
on_time_output (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* The calendar by keyboard. GtkCalendar 4.8 starts its own keyboard focus
 * at the top left cell whatever day is chosen, and chooses only on Space;
 * here the arrows move the chosen day itself (Left/Right a day, Up/Down a
 * week, Page Up/Down a month, with Ctrl a year, Home/End the month's ends),
 * Enter or Space keeps it and closes, Escape puts back the day the
 * calendar opened with and closes. */
static gboolean
on_calendar_key_pressed (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         IkSessionPlanner      *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) moved = NULL;
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self->calendar)) == GTK_TEXT_DIR_RTL;
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;

  if ((state & (GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      moved = g_date_time_add_days (day, rtl ? 1 : -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      moved = g_date_time_add_days (day, rtl ? -1 : 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      moved = g_date_time_add_weeks (day, -1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      moved = g_date_time_add_weeks (day, 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      moved = ctrl ? g_date_time_add_years (day, -1) : g_date_time_add_months (day, -1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      moved = ctrl ? g_date_time_add_years (day, 1) : g_date_time_add_months (day, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      moved = g_date_time_add_days (day, 1 - g_date_time_get_day_of_month (day));
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        g_autoptr(GDateTime) next_month = g_date_time_add_months (day, 1);

        moved = g_date_time_add_days (next_month, -g_date_time_get_day_of_month (next_month));
      }
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      /* The day shown chosen is the one kept (also when it was never
       * moved: an interview without a date gets this one). */
      save_scheduled (self);
      gtk_popover_popdown (self->date_popover);
      return TRUE;
    case GDK_KEY_Escape:
      ik_session_set_scheduled (self->session, self->date_before_popup);
      gtk_popover_popdown (self->date_popover);
      return TRUE;
    default:
      return FALSE;
    }
  if (moved != NULL)
    gtk_calendar_select_day (self->calendar, moved);
  return TRUE;
}

/* The focus goes back to the date button, not to the top of the window. */
static void
on_date_popover_closed (IkSessionPlanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->date_popover))
      || !gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (GTK_WIDGET (self->date_button));
}

/* The calendar shows the chosen day, also after being moved through
 * without choosing. */
static void
on_date_popover_show (IkSessionPlanner *self)
{
  GDateTime *scheduled = ik_session_get_scheduled (self->session);
  g_autoptr(GDateTime) day = scheduled != NULL ? g_date_time_to_local (scheduled) : g_date_time_new_now_local ();

  g_clear_pointer (&self->date_before_popup, g_date_time_unref);
  if (scheduled != NULL)
    self->date_before_popup = g_date_time_ref (scheduled);
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->loading = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
on_seniority_selected (IkSessionPlanner *self)
{
  guint selected = adw_combo_row_get_selected (self->seniority_row);

  if (!self->loading && selected <= IK_SENIORITY_LEAD)
    ik_session_set_seniority (self->session, (IkSeniority) selected);
}

static void
on_duration_changed (IkSessionPlanner *self)
{
  guint selected = adw_combo_row_get_selected (self->duration_row);

  gtk_widget_set_visible (self->custom_duration_row, selected == 2);
  if (self->loading)
    return;
  if (selected == 0)
    ik_session_set_duration (self->session, 45);
  else if (selected == 1)
    ik_session_set_duration (self->session, 60);
  else
    ik_session_set_duration (self->session, (guint) gtk_spin_button_get_value_as_int (self->custom_duration_spin));
  update_total (self);
}

static void
on_bank_selected (IkSessionPlanner *self)
{
  g_autoptr(IkBank) bank = NULL;

  if (self->loading)
    return;
  bank = adw_combo_row_get_selected_item (self->bank_row);
  if (bank != NULL)
    bank = g_object_ref (bank);
  ik_session_planner_set_bank (self, bank);
}

/**
 * ik_session_planner_get_bank:
 *
 * Returns: (transfer none) (nullable): the bank the questions are chosen from
 */
IkBank *
ik_session_planner_get_bank (IkSessionPlanner *self)
{
  g_return_val_if_fail (IK_IS_SESSION_PLANNER (self), NULL);

  return self->bank;
}

/**
 * ik_session_planner_set_bank:
 * @bank: (nullable): the bank to choose questions from
 *
 * Also records the bank in the session.
 */
void
ik_session_planner_set_bank (IkSessionPlanner *self,
                             IkBank           *bank)
{
  g_return_if_fail (IK_IS_SESSION_PLANNER (self));

  if (bank == self->bank)
    return;
  /* Shown first, so that the session's notify finds it shown already. */
  show_bank (self, bank);
  if (bank != NULL)
    {
      ik_session_set_bank_id (self->session, ik_bank_get_id (bank));
      ik_session_set_bank_title (self->session, ik_bank_get_title (bank));
    }
}

/* Offers the questions of @bank, and follows it: the bank page or another
 * program may change them while the planner is open. */
static void
show_bank (IkSessionPlanner *self,
           IkBank           *bank)
{
  GListModel *banks;

  if (self->bank == bank)
    return;
  if (self->bank != NULL)
    g_signal_handlers_disconnect_by_func (self->bank, queue_rebuild, self);
  g_set_object (&self->bank, bank);

  if (bank != NULL)
    {
      g_signal_connect_swapped (bank, "changed", G_CALLBACK (queue_rebuild), self);
      banks = ik_library_get_banks (self->library);
      for (guint i = 0; i < g_list_model_get_n_items (banks); i++)
        {
          g_autoptr(IkBank) item = g_list_model_get_item (banks, i);

          if (item == bank)
            {
              self->loading = TRUE;
              adw_combo_row_set_selected (self->bank_row, i);
              self->loading = FALSE;
            }
        }
    }
  rebuild_rows (self);
}

/**
 * ik_session_planner_suggest:
 *
 * Replaces the planned questions with the planner's suggestion for the
 * session's duration, the opening and closing minutes of the settings and
 * this interviewer's history.
 */
void
ik_session_planner_suggest (IkSessionPlanner *self)
{
  g_autoptr(GHashTable) usage = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  GListModel *records;

  g_return_if_fail (IK_IS_SESSION_PLANNER (self));

  if (self->bank == NULL)
    return;

  usage = ik_planner_count_usage (ik_library_get_sessions (self->library),
                                  ik_session_get_interviewer (self->session));
  questions = ik_planner_suggest (self->bank,
                                  ik_session_get_duration (self->session),
                                  (guint) g_settings_get_int (self->settings, "opening-minutes"),
                                  (guint) g_settings_get_int (self->settings, "closing-minutes"),
                                  usage);

  records = ik_session_get_records (self->session);
  while (g_list_model_get_n_items (records) > 0)
    ik_session_remove_record (self->session, g_list_model_get_n_items (records) - 1);
  for (guint i = 0; i < questions->len; i++)
    ik_session_add_question (self->session, g_ptr_array_index (questions, i));
}

typedef struct
{
  IkSession *session;
  GPtrArray *plans;
} PanelExport;

static void
panel_export_free (PanelExport *export)
{
  g_clear_object (&export->session);
  g_clear_pointer (&export->plans, g_ptr_array_unref);
  g_free (export);
}

static void
on_panel_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PanelExport *export = g_task_get_task_data (task);
  GError *error = NULL;

  if (!ik_plan_export_panel_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Only now that every colleague has a file does this session change
   * (the one the export began with, even if the planner shows another). */
  ik_plan_apply (g_ptr_array_index (export->plans, 0), export->session);
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_session_planner_export_panel_async:
 * @n_interviewers: the size of the panel, 2 to %IK_PLANNER_MAX_PANEL
 * @folder: where to write the plan files
 *
 * Splits the bank between the panel (ik_plan_new_panel() for the time of
 * this interview) and writes one `.ikplan.json` per interviewer into
 * @folder in a worker thread. When every file is written, this session
 * takes the first slice and the panel's candidate id; after an error it is
 * left as it was.
 */
void
ik_session_planner_export_panel_async (IkSessionPlanner    *self,
                                       guint                n_interviewers,
                                       GFile               *folder,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PanelExport *export;

  g_return_if_fail (IK_IS_SESSION_PLANNER (self));
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ik_session_planner_export_panel_async);
  if (self->bank == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s", _("Choose a question bank first"));
      return;
    }

  export = g_new0 (PanelExport, 1);
  export->session = g_object_ref (self->session);
  export->plans = ik_plan_new_panel (self->session, self->bank, n_interviewers, available_minutes (self));
  g_task_set_task_data (task, export, (GDestroyNotify) panel_export_free);
  ik_plan_export_panel_async (export->plans, folder, NULL, on_panel_written, g_steal_pointer (&task));
}

/**
 * ik_session_planner_export_panel_finish:
 *
 * Returns: whether every plan file was written
 */
gboolean
ik_session_planner_export_panel_finish (IkSessionPlanner  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_session_planner_export_panel_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_panel_exported (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (source);
  guint n = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (ik_session_planner_export_panel_finish (self, result, &error))
    title = g_strdup_printf (ngettext ("Saved %u plan file: send each colleague theirs",
                                       "Saved %u plan files: send each colleague theirs", n), n);
  else
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      title = g_strdup_printf (_("Could not save the plan files: %s"), escaped);
    }
  ik_window_add_toast_for_widget (GTK_WIDGET (self), adw_toast_new (title));
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  IkSessionPlanner *self = g_object_get_data (G_OBJECT (chooser), "planner");
  guint n = GPOINTER_TO_UINT (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ik_session_planner_export_panel_async (self, n, folder, on_panel_exported, GUINT_TO_POINTER (n));
    }
  g_object_unref (self);
  g_object_unref (chooser);
}

static void
on_panel_response (AdwMessageDialog *dialog,
                   const char       *response,
                   IkSessionPlanner *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "spin");
  GtkFileChooserNative *chooser;
  guint n;

  if (g_strcmp0 (response, "export") != 0)
    return;

  n = (guint) gtk_spin_button_get_value_as_int (spin);
  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Plan Files"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  g_object_set_data (G_OBJECT (chooser), "planner", g_object_ref (self));
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), GUINT_TO_POINTER (n));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
panel_plan_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);
  GtkWidget *dialog;
  GtkWidget *spin = gtk_spin_button_new_with_range (2, IK_PLANNER_MAX_PANEL, 1);

  if (self->bank == NULL)
    {
      ik_window_add_toast_for_widget (GTK_WIDGET (self), adw_toast_new (_("Choose a question bank first")));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Panel Plan"),
                                   _("The bank’s questions are split so that no question is asked twice and every competency is covered. You keep the first plan; each colleague gets a plan file to open with “New from Plan File”."));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of Interviewers"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export Plans…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "spin", spin);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_panel_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ik_session_planner_suggest (IK_SESSION_PLANNER (widget));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[START], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);
  guint position = g_variant_get_uint32 (parameter);
  guint n = g_list_model_get_n_items (ik_session_get_records (self->session));

  if (g_str_equal (action_name, "planner.remove"))
    ik_session_remove_record (self->session, position);
  else if (g_str_equal (action_name, "planner.move-up") && position > 0 && position < n)
    {
      self->focus_position = (int) position - 1;
      ik_session_move_record (self->session, position, position - 1);
    }
  else if (g_str_equal (action_name, "planner.move-down") && position + 1 < n)
    {
      self->focus_position = (int) position + 1;
      ik_session_move_record (self->session, position, position + 1);
    }
  self->focus_position = -1;
}

/**
 * ik_session_planner_new:
 * @library: the library holding @session (its banks are offered)
 * @session: a planned session, edited in place
 *
 * Returns: (transfer floating): a new #IkSessionPlanner
 */
GtkWidget *
ik_session_planner_new (IkLibrary *library,
                        IkSession *session)
{
  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  return g_object_new (IK_TYPE_SESSION_PLANNER, "library", library, "session", session, NULL);
}

/**
 * ik_session_planner_get_session:
 *
 * Returns: (transfer none): the session being planned
 */
IkSession *
ik_session_planner_get_session (IkSessionPlanner *self)
{
  g_return_val_if_fail (IK_IS_SESSION_PLANNER (self), NULL);

  return self->session;
}

static void
on_draft_changed (IkSessionPlanner *self)
{
  g_clear_signal_handler (&self->draft_changed_id, self->session);
  ik_library_add_session (self->library, self->session);
}

/* The candidate's name comes first when planning. */
static gboolean
ik_session_planner_grab_focus (GtkWidget *widget)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->candidate_row));
}

/* Escape leaves the planner for the list of interviews; a draft nothing
 * was entered in is not kept. */
static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "sessions.back", NULL);
}

static void
ik_session_planner_constructed (GObject *object)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (object);
  g_autoptr(GtkExpression) title = gtk_property_expression_new (IK_TYPE_BANK, NULL, "title");
  GtkEventController *calendar_keys;
  GtkWidget *retention;
  const char *bank_id;
  IkBank *bank = NULL;

  G_OBJECT_CLASS (ik_session_planner_parent_class)->constructed (object);

  adw_combo_row_set_expression (self->bank_row, title);
  adw_combo_row_set_model (self->bank_row, ik_library_get_banks (self->library));

  load_fields (self);
  g_signal_connect_object (ik_session_get_records (self->session), "items-changed",
                           G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);

  bank_id = ik_session_get_bank_id (self->session);
  if (bank_id != NULL && *bank_id != '\0')
    bank = ik_library_find_bank (self->library, bank_id);
  if (bank == NULL && g_list_model_get_n_items (ik_library_get_banks (self->library)) > 0 && (bank_id == NULL || *bank_id == '\0'))
    {
      g_autoptr(IkBank) first = g_list_model_get_item (ik_library_get_banks (self->library), 0);
      bank = first;
      ik_session_planner_set_bank (self, bank);
    }
  else
    ik_session_planner_set_bank (self, bank);
  if (self->bank == NULL)
    rebuild_rows (self);

  /* Kept until…, with its Change… button, under the details. */
  retention = ik_retention_row_new ();
  ik_retention_row_set_session (IK_RETENTION_ROW (retention), self->session);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->bank_row),
                                                                             ADW_TYPE_PREFERENCES_GROUP)),
                             retention);

  g_signal_connect_object (self->session, "notify", G_CALLBACK (on_session_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_library_get_banks (self->library), "items-changed",
                           G_CALLBACK (on_library_banks_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->candidate_row, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect (self->role_row, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect (self->interviewer_row, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (save_scheduled), self);
  g_signal_connect_swapped (self->hour_spin, "value-changed", G_CALLBACK (on_time_changed), self);
  g_signal_connect_swapped (self->minute_spin, "value-changed", G_CALLBACK (on_time_changed), self);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (on_time_output), NULL);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (on_time_output), NULL);
  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (on_date_popover_show), self);
  g_signal_connect_swapped (self->date_popover, "closed", G_CALLBACK (on_date_popover_closed), self);
  calendar_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (calendar_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (calendar_keys, "key-pressed", G_CALLBACK (on_calendar_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), calendar_keys);
  g_signal_connect_swapped (self->seniority_row, "notify::selected", G_CALLBACK (on_seniority_selected), self);
  g_signal_connect_swapped (self->duration_row, "notify::selected", G_CALLBACK (on_duration_changed), self);
  g_signal_connect_swapped (self->custom_duration_spin, "value-changed", G_CALLBACK (on_duration_changed), self);
  g_signal_connect_swapped (self->bank_row, "notify::selected", G_CALLBACK (on_bank_selected), self);

  if (ik_library_find_session (self->library, ik_session_get_id (self->session)) != self->session)
    self->draft_changed_id = g_signal_connect_swapped (self->session, "changed",
                                                       G_CALLBACK (on_draft_changed), self);
}

static void
ik_session_planner_dispose (GObject *object)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (object);

  if (self->keep_scroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->keep_scroll_id);
  self->keep_scroll_id = 0;
  g_clear_object (&self->kept_row);
  if (self->follow_focus_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_focus_id);
  self->follow_focus_id = 0;
  /* AdwBin keeps a pointer to its child: drop it before the template
   * unparents the child, or AdwBin unparents a finalized widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_SESSION_PLANNER);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->draft_changed_id, self->session);
  if (self->planned_records != NULL)
    for (guint i = 0; i < self->planned_records->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->planned_records, i), self);
  g_clear_pointer (&self->planned_records, g_ptr_array_unref);
  if (self->bank != NULL)
    g_signal_handlers_disconnect_by_func (self->bank, queue_rebuild, self);
  g_clear_object (&self->bank);
  g_clear_pointer (&self->date_before_popup, g_date_time_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->planned_rows, g_ptr_array_unref);
  g_clear_pointer (&self->bank_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ik_session_planner_parent_class)->dispose (object);
}

static void
ik_session_planner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_session_planner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IkSessionPlanner *self = IK_SESSION_PLANNER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_session_planner_class_init (IkSessionPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ik_session_planner_constructed;
  object_class->dispose = ik_session_planner_dispose;
  object_class->get_property = ik_session_planner_get_property;
  object_class->set_property = ik_session_planner_set_property;
  widget_class->grab_focus = ik_session_planner_grab_focus;
  widget_class->root = ik_session_planner_root;
  widget_class->unroot = ik_session_planner_unroot;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, IK_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, IK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkSessionPlanner::start:
   *
   * The interviewer asked to start the interview.
   */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (IK_TYPE_SCROLLER_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-session-planner.ui");
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, scrolled);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, candidate_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, role_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, seniority_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, interviewer_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, time_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, date_button);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, date_popover);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, calendar);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, duration_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, custom_duration_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, custom_duration_spin);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, bank_row);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, planned_group);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, bank_group);
  gtk_widget_class_bind_template_child (widget_class, IkSessionPlanner, total_label);

  gtk_widget_class_install_action (widget_class, "planner.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "planner.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "planner.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "planner.panel-plan", NULL, panel_plan_action);
  gtk_widget_class_install_action (widget_class, "planner.move-up", "u", move_action);
  gtk_widget_class_install_action (widget_class, "planner.move-down", "u", move_action);
  gtk_widget_class_install_action (widget_class, "planner.remove", "u", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "planner.suggest", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "planner.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "planner.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "planner.start", NULL);
}

static void
ik_session_planner_init (IkSessionPlanner *self)
{
  GtkWidget *viewport;

  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
  /* The viewport of GTK 4.8 scrolls to the focus by the wrong amount
   * (bounds relative to itself, not to what it scrolls): follow_focus()
   * does it instead. */
  viewport = gtk_scrolled_window_get_child (self->scrolled);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);

  self->settings = g_settings_new (APP_ID);
  self->planned_rows = g_ptr_array_new ();
  self->focus_position = -1;
  self->bank_rows = g_ptr_array_new ();
  self->planned_records = g_ptr_array_new_with_free_func (g_object_unref);
}
