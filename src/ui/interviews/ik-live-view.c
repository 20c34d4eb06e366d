/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-live-view.c: what the interviewer has open while the candidate talks.
 *
 * One question at a time, its checklists, the notes and the clock. Every
 * edit goes straight into the session's records; the library saves them
 * within a second, so closing the window or a crash loses nothing and
 * reopening the session shows the same question, ticks, notes and clock.
 *
 * The clock is never accumulated from ticks: every label is computed from
 * ik_session_get_elapsed_at(), so a late timer or a suspended laptop cannot
 * make it drift.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-scroller-bin.h"
#include "ik-input-limit.h"
#include "ik-live-view.h"
#include "ik-planner.h"
#include "ik-text-layout.h"
#include "ik-text-sync.h"
#include "ik-wrapped-labels.h"

/* Time on a question is written to its record at least this often. */
#define COMMIT_INTERVAL_SECONDS 30

struct _IkLiveView
{
  AdwBin             parent_instance;

  IkLibrary         *library;
  IkSession         *session;
  IkQuestionRecord  *record;
  GSettings         *settings;
  GtkStringList     *jump_titles;

  guint              tick_id;
  /* The clock reading up to which the current question's time is in its
   * record. */
  gint64             committed_elapsed;
  /* The record for which the STAR follow-up was already suggested. */
  IkQuestionRecord  *suggested_record;
  gboolean           focus_mode;
  gboolean           loading;
  /* Question and notes beside each other rather than one above the other. */
  gboolean           wide;
  guint              layout_id;
  guint              position_id;
  int                layout_width;
  /* The checklist digits, on the window so that they work wherever the
   * focus is (ik_live_view_handle_key()). */
  GtkEventController *root_keys;
  GtkEventController *root_shortcuts;
  GtkWidget         *root;

  GtkWidget         *clock_box;
  GtkPaned          *paned;
  GtkScrolledWindow *scroller;
  GtkWidget         *question_nav;
  GtkWidget         *controls_box;
  GtkWidget         *skip_button;
  GtkWidget         *finish_button;
  GtkButton         *focus_mode_button;
  GtkDropDown       *jump_dropdown;
  GtkButton         *pause_button;
  GtkLabel          *elapsed_label;
  GtkLabel          *question_time_label;
  GtkLabel          *pacing_label;
  GtkProgressBar    *pacing_bar;
  GtkLabel          *position_label;
  GtkLabel          *question_label;
  GtkLabel          *competencies_label;
  GtkWidget         *areas_heading;
  GtkListBox        *areas_list;
  GtkWidget         *follow_ups_heading;
  GtkListBox        *follow_ups_list;
  GtkWidget         *extras_box;
  GtkFlowBox        *star_box;
  GtkCheckButton    *situation_button;
  GtkCheckButton    *task_button;
  GtkCheckButton    *action_button;
  GtkCheckButton    *result_button;
  GtkCheckButton    *no_experience_check;
  GtkRevealer       *suggestion_revealer;
  GtkLabel          *suggestion_label;
  GtkRevealer       *no_experience_revealer;
  GtkExpander       *expectations_expander;
  GtkLabel          *expectations_label;
  GtkTextView       *notes_view;
};

G_DEFINE_FINAL_TYPE (IkLiveView, ik_live_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SESSION,
  PROP_FOCUS_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_record (IkLiveView *self);
static void follow_record (IkLiveView *self, IkQuestionRecord *record);

static char *
format_clock (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static guint
n_records (IkLiveView *self)
{
  return g_list_model_get_n_items (ik_session_get_records (self->session));
}

static guint
record_minutes (IkQuestionRecord *record)
{
  return ik_planner_question_minutes (ik_question_record_get_question (record));
}

/* Moves the time spent on the current question since the last commit into
 * its record. */
static void
commit_question_time (IkLiveView *self)
{
  gint64 now = ik_session_get_elapsed_at (self->session, NULL);

  if (self->record != NULL && now > self->committed_elapsed)
    ik_question_record_add_seconds (self->record, now - self->committed_elapsed);
  self->committed_elapsed = now;
}

static gint64
question_seconds (IkLiveView *self,
                  gint64      elapsed)
{
  if (self->record == NULL)
    return 0;
  return ik_question_record_get_seconds (self->record) + MAX (elapsed - self->committed_elapsed, 0);
}

static void
update_pacing (IkLiveView *self,
               gint64      elapsed)
{
  guint duration = ik_session_get_duration (self->session);
  gint64 closing = g_settings_get_int (self->settings, "closing-minutes") * 60;
  gint64 available = (gint64) duration * 60 - closing - elapsed;
  gint64 needed = 0;
  gint64 behind;
  guint current = ik_session_get_current (self->session);
  GListModel *records = ik_session_get_records (self->session);
  g_autofree char *text = NULL;

  for (guint i = current; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

      if (ik_question_record_get_skipped (record))
        continue;
      if (i == current)
        needed += MAX ((gint64) record_minutes (record) * 60 - question_seconds (self, elapsed), 0);
      else
        needed += (gint64) record_minutes (record) * 60;
    }

  behind = needed - available;
  gtk_widget_remove_css_class (GTK_WIDGET (self->pacing_bar), "pacing-behind");
  gtk_widget_remove_css_class (GTK_WIDGET (self->pacing_label), "warning");
  if (behind >= 60)
    {
      guint minutes = (guint) (behind / 60);

      /* Skipping follow-ups saves a few minutes; beyond the length of a
       * typical question only dropping one helps. */
      if (behind >= (gint64) IK_PLANNER_DEFAULT_MINUTES * 60)
        text = g_strdup_printf (ngettext ("%u min behind: consider skipping a question",
                                          "%u min behind: consider skipping a question", minutes), minutes);
      else
        text = g_strdup_printf (ngettext ("%u min behind: consider skipping follow-ups",
                                          "%u min behind: consider skipping follow-ups", minutes), minutes);
      gtk_widget_add_css_class (GTK_WIDGET (self->pacing_bar), "pacing-behind");
      gtk_widget_add_css_class (GTK_WIDGET (self->pacing_label), "warning");
    }
  else if (behind <= -60)
    {
      guint minutes = (guint) (-behind / 60);
      text = g_strdup_printf (ngettext ("On time, %u min to spare", "On time, %u min to spare", minutes), minutes);
    }
  else
    text = g_strdup (_("On time"));

  gtk_label_set_text (self->pacing_label, text);
  gtk_progress_bar_set_fraction (self->pacing_bar,
                                 duration > 0 ? CLAMP ((double) elapsed / (duration * 60.0), 0.0, 1.0) : 0.0);
}

static void
update_clock (IkLiveView *self)
{
  gint64 elapsed = ik_session_get_elapsed_at (self->session, NULL);
  g_autofree char *total = format_clock (elapsed);
  g_autofree char *on_question = format_clock (question_seconds (self, elapsed));
  g_autofree char *total_text = NULL;
  g_autofree char *question_text = NULL;
  gboolean running = ik_session_get_running (self->session);

  if (running)
    total_text = g_strdup_printf (_("Elapsed %s"), total);
  else
    total_text = g_strdup_printf (_("Elapsed %s (paused)"), total);
  question_text = g_strdup_printf (_("This question %s"), on_question);
  gtk_label_set_text (self->elapsed_label, total_text);
  gtk_label_set_text (self->question_time_label, question_text);

  gtk_button_set_icon_name (self->pause_button, running ? "media-playback-pause-symbolic"
                                                        : "media-playback-start-symbolic");
  ik_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               running ? _("Pause Clock (Alt+P)") : _("Resume Clock (Alt+P)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause Clock") : _("Resume Clock"),
                                  -1);
  update_pacing (self, elapsed);
}

static gboolean
on_tick (gpointer user_data)
{
  IkLiveView *self = user_data;

  if (ik_session_get_running (self->session)
      && ik_session_get_elapsed_at (self->session, NULL) - self->committed_elapsed >= COMMIT_INTERVAL_SECONDS)
    commit_question_time (self);
  update_clock (self);
  return G_SOURCE_CONTINUE;
}

static void
update_star_buttons (IkLiveView *self)
{
  IkStarFlags star = self->record != NULL ? ik_question_record_get_star (self->record) : IK_STAR_NONE;

  self->loading = TRUE;
  gtk_check_button_set_active (self->situation_button, (star & IK_STAR_SITUATION) != 0);
  gtk_check_button_set_active (self->task_button, (star & IK_STAR_TASK) != 0);
  gtk_check_button_set_active (self->action_button, (star & IK_STAR_ACTION) != 0);
  gtk_check_button_set_active (self->result_button, (star & IK_STAR_RESULT) != 0);
  self->loading = FALSE;
}

/* The follow-up to suggest when the answer lacks a personal action or a
 * result, or NULL when it has both. */
static const char *
missing_star_follow_up (IkQuestionRecord *record)
{
  IkStarFlags star = ik_question_record_get_star (record);

  if (ik_question_record_get_no_experience (record) || ik_question_record_get_skipped (record))
    return NULL;
  if ((star & IK_STAR_ACTION) == 0)
    return _("No personal action recorded yet. Ask: “What did you do yourself?”");
  if ((star & IK_STAR_RESULT) == 0)
    return _("No result recorded yet. Ask: “What was the outcome?”");
  return NULL;
}

static void
on_check_toggled (GtkCheckButton *check,
                  IkLiveView     *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "index"));
  gboolean follow_up = g_object_get_data (G_OBJECT (check), "follow-up") != NULL;
  gboolean active = gtk_check_button_get_active (check);

  if (self->loading || self->record == NULL)
    return;
  if (follow_up)
    ik_question_record_set_follow_up_asked (self->record, index, active);
  else
    ik_question_record_set_area_covered (self->record, index, active);
}

static void
fill_checklist (IkLiveView         *self,
                GtkListBox         *list,
                GtkWidget          *heading,
                const char * const *items,
                gboolean            follow_up)
{
  GtkWidget *child;
  guint n = items != NULL ? g_strv_length ((char **) items) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (items[i]);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *number = i < 9 ? g_strdup_printf (follow_up ? "⇧%u" : "%u", i + 1) : g_strdup ("");
      GtkWidget *key = gtk_label_new (number);
      gboolean active = follow_up ? ik_question_record_get_follow_up_asked (self->record, i)
                                  : ik_question_record_get_area_covered (self->record, i);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      gtk_widget_set_hexpand (check, TRUE);
      /* The description names the list the item is ticked in. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, items[i],
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, follow_up ? _("Follow-ups") : _("Areas to Cover"),
                                      -1);
      g_object_set_data (G_OBJECT (check), "index", GUINT_TO_POINTER (i));
      if (follow_up)
        g_object_set_data (G_OBJECT (check), "follow-up", GUINT_TO_POINTER (1));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);

      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_add_css_class (key, "numeric");
      gtk_widget_set_size_request (key, 24, -1);
      gtk_box_append (GTK_BOX (box), key);
      gtk_box_append (GTK_BOX (box), check);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      /* Its width for a height without laying the text out. */
      ik_text_layout_adopt (box, GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_list_box_append (list, box);
      /* One Tab stop per item: the check button, not also its row. */
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (list, i), FALSE);
      gtk_widget_set_focusable (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i)), FALSE);
    }

  ik_wrapped_labels_measure_cheaply (GTK_WIDGET (list));
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
  gtk_widget_set_visible (heading, n > 0);
}

static GtkCheckButton *
find_check (GtkListBox *list,
            guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  GtkWidget *box;

  if (row == NULL)
    return NULL;
  box = gtk_list_box_row_get_child (row);
  return GTK_CHECK_BUTTON (gtk_widget_get_last_child (box));
}

static void
update_expectations (IkLiveView *self,
                     IkQuestion *question)
{
  const char * const *comps = ik_question_get_competencies (question);
  IkBank *bank = NULL;
  IkSeniority seniority = ik_session_get_seniority (self->session);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) expectations = g_string_new (NULL);
  const char *bank_id = ik_session_get_bank_id (self->session);

  if (bank_id != NULL && *bank_id != '\0')
    bank = ik_library_find_bank (self->library, bank_id);

  for (guint i = 0; comps != NULL && comps[i] != NULL; i++)
    {
      IkCompetency *competency = bank != NULL ? ik_bank_find_competency (bank, comps[i]) : NULL;
      const char *name = competency != NULL ? ik_competency_get_name (competency) : comps[i];
      const char *anchor = competency != NULL ? ik_competency_get_anchor_for (competency, 3, seniority) : NULL;

      if (names->len > 0)
        g_string_append (names, " · ");
      g_string_append (names, name);

      if (anchor != NULL && *anchor != '\0')
        {
          g_autofree char *escaped_name = g_markup_escape_text (name, -1);
          g_autofree char *escaped_anchor = g_markup_escape_text (anchor, -1);

          if (expectations->len > 0)
            g_string_append (expectations, "\n\n");
          g_string_append_printf (expectations, "<b>%s</b>\n%s", escaped_name, escaped_anchor);
        }
    }

  if (names->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Assesses: %s"), names->str);
      gtk_label_set_text (self->competencies_label, text);
    }
  else
    gtk_label_set_text (self->competencies_label, "");

  gtk_label_set_markup (self->expectations_label, expectations->str);
  gtk_widget_set_visible (GTK_WIDGET (self->expectations_expander), expectations->len > 0 && !self->focus_mode);
  if (expectations->len > 0)
    {
      const char *title;

      /* The level-3 ("solid") anchor: what a good answer sounds like here. */
      switch (seniority)
        {
        case IK_SENIORITY_JUNIOR:
          title = _("What a Solid Answer Sounds Like for a Junior Candidate");
          break;
        case IK_SENIORITY_SENIOR:
          title = _("What a Solid Answer Sounds Like for a Senior Candidate");
          break;
        case IK_SENIORITY_LEAD:
          title = _("What a Solid Answer Sounds Like for a Lead Candidate");
          break;
        case IK_SENIORITY_MID:
        default:
          title = _("What a Solid Answer Sounds Like for a Mid-Level Candidate");
          break;
        }
      gtk_expander_set_label (self->expectations_expander, title);
      /* Long titles wrap rather than widen a narrow window. */
      gtk_label_set_wrap (GTK_LABEL (gtk_expander_get_label_widget (self->expectations_expander)), TRUE);
    }
}

static void
update_flags (IkLiveView *self)
{
  gboolean no_experience = self->record != NULL && ik_question_record_get_no_experience (self->record);

  self->loading = TRUE;
  gtk_check_button_set_active (self->no_experience_check, no_experience);
  self->loading = FALSE;
  gtk_revealer_set_reveal_child (self->no_experience_revealer, no_experience);
  update_star_buttons (self);
}

static void
update_position (IkLiveView *self)
{
  guint current = ik_session_get_current (self->session);
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.previous", current > 0 && current < n_records (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.next", current + 1 < n_records (self));

  if (self->record != NULL && ik_question_record_get_skipped (self->record))
    text = g_strdup_printf (_("Question %u of %u · skipped"), current + 1, n_records (self));
  else
    text = g_strdup_printf (_("Question %u of %u"), current + 1, n_records (self));
  gtk_label_set_text (self->position_label, text);
}

static void
rebuild_jump_titles (IkLiveView *self)
{
  GListModel *records = ik_session_get_records (self->session);
  guint n = g_list_model_get_n_items (records);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      const char *text = ik_question_get_text (ik_question_record_get_question (record));
      g_autofree char *shortened = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 60));

      g_ptr_array_add (titles, g_strdup_printf ("%u. %s%s%s", i + 1, shortened,
                                                g_utf8_strlen (text, -1) > 60 ? "…" : "",
                                                ik_question_record_get_skipped (record) ? _(" (skipped)") : ""));
    }
  g_ptr_array_add (titles, NULL);
  self->loading = TRUE;
  gtk_string_list_splice (self->jump_titles, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->jump_titles)),
                          (const char * const *) titles->pdata);
  gtk_drop_down_set_selected (self->jump_dropdown, ik_session_get_current (self->session));
  self->loading = FALSE;
}

static void
load_record (IkLiveView *self)
{
  GListModel *records = ik_session_get_records (self->session);
  guint current = ik_session_get_current (self->session);
  IkQuestion *question;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  const char *notes;

  follow_record (self, NULL);
  g_clear_object (&self->record);
  self->record = g_list_model_get_item (records, current);
  follow_record (self, self->record);
  gtk_revealer_set_reveal_child (self->suggestion_revealer, FALSE);

  if (self->record == NULL)
    {
      gtk_label_set_text (self->question_label, _("This interview has no questions"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->notes_view), FALSE);
      update_position (self);
      return;
    }

  question = ik_question_record_get_question (self->record);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_view), TRUE);
  gtk_label_set_text (self->question_label, ik_question_get_text (question));
  fill_checklist (self, self->areas_list, self->areas_heading, ik_question_get_areas (question), FALSE);
  fill_checklist (self, self->follow_ups_list, self->follow_ups_heading, ik_question_get_follow_ups (question), TRUE);
  update_expectations (self, question);
  update_flags (self);
  update_position (self);
  rebuild_jump_titles (self);

  notes = ik_question_record_get_notes (self->record);
  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  self->loading = FALSE;

  /* Each question starts at its top, with its text in view. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  update_clock (self);
}

/* Following the session and the record shown ------------------------------
 *
 * Another program (a second window, a sync client) may rewrite the session's
 * file; the library then updates the same objects in place. Everything shown
 * follows them, and what the interviewer is typing is only replaced when the
 * model really differs (ik-text-sync.c). */

static void
sync_checks (IkLiveView *self)
{
  guint n_areas = self->record != NULL ? ik_question_record_get_n_areas (self->record) : 0;
  guint n_follow_ups = self->record != NULL ? ik_question_record_get_n_follow_ups (self->record) : 0;

  self->loading = TRUE;
  for (guint i = 0; i < n_areas; i++)
    {
      GtkCheckButton *check = find_check (self->areas_list, i);

      if (check != NULL)
        gtk_check_button_set_active (check, ik_question_record_get_area_covered (self->record, i));
    }
  for (guint i = 0; i < n_follow_ups; i++)
    {
      GtkCheckButton *check = find_check (self->follow_ups_list, i);

      if (check != NULL)
        gtk_check_button_set_active (check, ik_question_record_get_follow_up_asked (self->record, i));
    }
  self->loading = FALSE;
}

static void
on_record_notify (IkLiveView *self,
                  GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "notes"))
    {
      self->loading = TRUE;
      ik_text_buffer_sync (gtk_text_view_get_buffer (self->notes_view),
                           ik_question_record_get_notes (self->record));
      self->loading = FALSE;
    }
  else if (g_str_equal (name, "question"))
    load_record (self);
  else if (g_str_equal (name, "star") || g_str_equal (name, "no-experience"))
    update_flags (self);
  else if (g_str_equal (name, "skipped"))
    {
      update_position (self);
      rebuild_jump_titles (self);
    }
  else if (g_str_equal (name, "seconds"))
    update_clock (self);
}

/* Asked follow-ups have no property of their own: `changed` covers them. */
static void
follow_record (IkLiveView       *self,
               IkQuestionRecord *record)
{
  if (record == NULL)
    {
      if (self->record != NULL)
        g_signal_handlers_disconnect_by_data (self->record, self);
      return;
    }
  g_signal_connect_swapped (record, "notify", G_CALLBACK (on_record_notify), self);
  g_signal_connect_swapped (record, "changed", G_CALLBACK (sync_checks), self);
}

static void
on_session_notify (IkLiveView *self,
                   GParamSpec *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "current"))
    {
      g_autoptr(IkQuestionRecord) shown = g_list_model_get_item (ik_session_get_records (self->session),
                                                                 ik_session_get_current (self->session));

      if (shown != self->record)
        {
          commit_question_time (self);
          load_record (self);
        }
    }
  else if (g_str_equal (name, "seniority") || g_str_equal (name, "bank-id"))
    {
      if (self->record != NULL)
        update_expectations (self, ik_question_record_get_question (self->record));
    }
  else if (g_str_equal (name, "duration") || g_str_equal (name, "elapsed")
           || g_str_equal (name, "running-since"))
    update_clock (self);
}

static void
on_records_changed (IkLiveView *self)
{
  g_autoptr(IkQuestionRecord) shown = g_list_model_get_item (ik_session_get_records (self->session),
                                                             ik_session_get_current (self->session));

  if (shown != self->record)
    load_record (self);
  else
    {
      update_position (self);
      rebuild_jump_titles (self);
    }
}

static void
go_to (IkLiveView *self,
       guint       index)
{
  if (index >= n_records (self))
    return;
  commit_question_time (self);
  ik_session_set_current (self->session, index);
  load_record (self);
}

static void
on_notes_changed (GtkTextBuffer *buffer,
                  IkLiveView    *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->record == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* The library saves a second after the last change. */
  ik_question_record_set_notes (self->record, text);
}

static void
on_star_toggled (GtkCheckButton *button,
                 IkLiveView     *self)
{
  IkStarFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "flag"));
  IkStarFlags star;

  if (self->loading || self->record == NULL)
    return;
  star = ik_question_record_get_star (self->record);
  star = gtk_check_button_get_active (button) ? (star | flag) : (star & ~flag);
  ik_question_record_set_star (self->record, star);
  if (missing_star_follow_up (self->record) == NULL)
    gtk_revealer_set_reveal_child (self->suggestion_revealer, FALSE);
}

static void
on_no_experience_toggled (GtkCheckButton *check,
                          IkLiveView     *self)
{
  if (self->loading || self->record == NULL)
    return;
  ik_question_record_set_no_experience (self->record, gtk_check_button_get_active (check));
  gtk_revealer_set_reveal_child (self->no_experience_revealer, gtk_check_button_get_active (check));
  if (gtk_check_button_get_active (check))
    gtk_revealer_set_reveal_child (self->suggestion_revealer, FALSE);
}

static void
on_jump_selected (IkLiveView *self)
{
  guint selected = gtk_drop_down_get_selected (self->jump_dropdown);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected != ik_session_get_current (self->session))
    go_to (self, selected);
}

/* Whether anything was noted for the record: only then does a missing
 * action or result mean the answer lacked it. */
static gboolean
record_was_discussed (IkQuestionRecord *record)
{
  const char *notes = ik_question_record_get_notes (record);

  return (notes != NULL && *notes != '\0')
         || ik_question_record_get_n_areas_covered (record) > 0
         || ik_question_record_get_star (record) != IK_STAR_NONE;
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);
  const char *follow_up;

  if (self->record == NULL)
    return;

  /* Before leaving an answer without an action or result, suggest the
   * follow-up once; pressing Next again moves on. */
  follow_up = missing_star_follow_up (self->record);
  if (follow_up != NULL && self->suggested_record != self->record && record_was_discussed (self->record))
    {
      g_autofree char *text = g_strdup_printf (_("%s Press Next again to move on."), follow_up);

      self->suggested_record = self->record;
      gtk_label_set_text (self->suggestion_label, text);
      gtk_revealer_set_reveal_child (self->suggestion_revealer, TRUE);
      return;
    }

  go_to (self, ik_session_get_current (self->session) + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);
  guint current = ik_session_get_current (self->session);

  if (current > 0)
    go_to (self, current - 1);
}

static void
jump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  if (parameter != NULL)
    {
      int index = g_variant_get_int32 (parameter);

      if (index >= 0)
        go_to (self, (guint) index);
    }
  else
    {
      /* Open the list of questions, as a click on the drop-down does:
       * GTK 4.8 has no call for it, the drop-down's button opens it. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->jump_dropdown));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_TOGGLE_BUTTON (child))
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), TRUE);
    }
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);
  guint current = ik_session_get_current (self->session);

  if (self->record == NULL)
    return;
  ik_question_record_set_skipped (self->record, TRUE);
  if (current + 1 < n_records (self))
    go_to (self, current + 1);
  else
    {
      update_position (self);
      rebuild_jump_titles (self);
      update_clock (self);
    }
}

static void
toggle_clock_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  if (ik_session_get_running (self->session))
    {
      commit_question_time (self);
      ik_session_pause_clock (self->session, NULL);
    }
  else
    {
      ik_session_start_clock (self->session, NULL);
      self->committed_elapsed = ik_session_get_elapsed_at (self->session, NULL);
    }
  update_clock (self);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  commit_question_time (self);
  ik_session_pause_clock (self->session, NULL);
  ik_session_set_state (self->session, IK_SESSION_STATE_COMPLETED);
  ik_live_view_set_focus_mode (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
toggle_check (GtkListBox *list,
              int         index)
{
  GtkCheckButton *check;

  if (index < 0)
    return;
  check = find_check (list, (guint) index);
  if (check != NULL)
    gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
toggle_area_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  toggle_check (self->areas_list, g_variant_get_int32 (parameter));
}

static void
toggle_follow_up_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  toggle_check (self->follow_ups_list, g_variant_get_int32 (parameter));
}

static void
star_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);
  const char *part = g_variant_get_string (parameter, NULL);
  GtkCheckButton *button = NULL;

  if (g_str_equal (part, "situation"))
    button = self->situation_button;
  else if (g_str_equal (part, "task"))
    button = self->task_button;
  else if (g_str_equal (part, "action"))
    button = self->action_button;
  else if (g_str_equal (part, "result"))
    button = self->result_button;
  if (button != NULL)
    gtk_check_button_set_active (button, !gtk_check_button_get_active (button));
}

static void
no_experience_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  gtk_check_button_set_active (self->no_experience_check,
                               !gtk_check_button_get_active (self->no_experience_check));
}

static void
focus_mode_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  ik_live_view_set_focus_mode (self, !self->focus_mode);
}

/* The digit 1-9 of a key press regardless of Shift (Shift+1 is "!" on many
 * layouts), or 0. */
static guint
key_digit (IkLiveView      *self,
           guint            keyval,
           guint            keycode,
           GdkModifierType  state)
{
  guint base = keyval;

  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_1 + 1;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_1 + 1;
  if (keycode != 0)
    gdk_display_translate_key (gtk_widget_get_display (GTK_WIDGET (self)), keycode, 0, 0,
                               &base, NULL, NULL, NULL);
  if (base >= GDK_KEY_1 && base <= GDK_KEY_9)
    return base - GDK_KEY_1 + 1;
  return 0;
}

/**
 * ik_live_view_handle_key:
 * @self: a live view
 * @keyval: the key pressed
 * @keycode: its hardware keycode (0 when unknown)
 * @state: the modifiers held
 *
 * The checklist keys: 1-9 tick the areas to cover and Shift+1-9 the
 * follow-ups, with Alt or Ctrl added when the notes (or another text field)
 * have the focus: there the bare digits are typed. Called by a key
 * controller on the window, before the focused widget sees the key, while
 * the live view is shown.
 *
 * Returns: whether the key ticked or unticked an item
 */
gboolean
ik_live_view_handle_key (IkLiveView      *self,
                         guint            keyval,
                         guint            keycode,
                         GdkModifierType  state)
{
  GtkRoot *root;
  GtkWidget *focus = NULL;
  gboolean in_notes;
  gboolean with_modifier;
  guint digit;

  g_return_val_if_fail (IK_IS_LIVE_VIEW (self), FALSE);

  digit = key_digit (self, keyval, keycode, state);
  if (digit == 0)
    return FALSE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL)
    focus = gtk_root_get_focus (root);
  /* The notes, or any other field text is typed into (the search of the
   * interviews beside the live view). */
  in_notes = focus != NULL && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus));
  with_modifier = (state & (GDK_ALT_MASK | GDK_CONTROL_MASK)) != 0;

  if (in_notes && !with_modifier)
    return FALSE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  if ((state & (GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;

  if (state & GDK_SHIFT_MASK)
    toggle_check (self->follow_ups_list, (int) digit - 1);
  else
    toggle_check (self->areas_list, (int) digit - 1);
  return TRUE;
}

/**
 * ik_live_view_new:
 * @library: the library holding @session
 * @session: the session to run
 *
 * Creates the live view of @session, showing its current question.
 *
 * Returns: (transfer floating): a new #IkLiveView
 */
GtkWidget *
ik_live_view_new (IkLibrary *library,
                  IkSession *session)
{
  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  return g_object_new (IK_TYPE_LIVE_VIEW,
                       "library", library,
                       "session", session,
                       NULL);
}

/**
 * ik_live_view_get_session:
 *
 * Returns: (transfer none): the session shown
 */
IkSession *
ik_live_view_get_session (IkLiveView *self)
{
  g_return_val_if_fail (IK_IS_LIVE_VIEW (self), NULL);

  return self->session;
}

/**
 * ik_live_view_get_focus_mode:
 *
 * Returns: whether only the question, checklists, notes and clock show
 */
gboolean
ik_live_view_get_focus_mode (IkLiveView *self)
{
  g_return_val_if_fail (IK_IS_LIVE_VIEW (self), FALSE);

  return self->focus_mode;
}

/**
 * ik_live_view_set_focus_mode:
 * @focus_mode: whether to show only the question, checklists, notes and
 *   clock, fullscreen
 *
 * The window binds its header bar to the `focus-mode` property (through
 * IkSessionsView) so that nothing but the interview shows.
 */
void
ik_live_view_set_focus_mode (IkLiveView *self,
                             gboolean    focus_mode)
{
  GtkRoot *root;

  g_return_if_fail (IK_IS_LIVE_VIEW (self));

  focus_mode = !!focus_mode;
  if (self->focus_mode == focus_mode)
    return;
  self->focus_mode = focus_mode;

  /* The question, checklists, notes and clock stay, in a larger type
   * (style.css); Escape or F11 leaves. */
  gtk_widget_set_visible (self->question_nav, !focus_mode);
  gtk_widget_set_visible (self->extras_box, !focus_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->competencies_label), !focus_mode);
  gtk_widget_set_visible (self->skip_button, !focus_mode);
  gtk_widget_set_visible (self->finish_button, !focus_mode);
  if (focus_mode)
    gtk_widget_add_css_class (GTK_WIDGET (self), "live-focus-mode");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "live-focus-mode");
  gtk_button_set_icon_name (self->focus_mode_button,
                            focus_mode ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  ik_widget_set_tooltip_text (GTK_WIDGET (self->focus_mode_button),
                               focus_mode ? _("Leave Focus Mode (F11 or Escape)") : _("Focus Mode (F11)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_mode_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  focus_mode ? _("Leave Focus Mode") : _("Focus Mode"),
                                  -1);
  if (self->record != NULL)
    update_expectations (self, ik_question_record_get_question (self->record));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      if (focus_mode)
        gtk_window_fullscreen (GTK_WINDOW (root));
      else
        gtk_window_unfullscreen (GTK_WINDOW (root));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MODE]);
}

static void
ik_live_view_constructed (GObject *object)
{
  IkLiveView *self = IK_LIVE_VIEW (object);

  G_OBJECT_CLASS (ik_live_view_parent_class)->constructed (object);

  g_assert (self->library != NULL && self->session != NULL);

  self->committed_elapsed = ik_session_get_elapsed_at (self->session, NULL);
  load_record (self);
  g_signal_connect_object (self->session, "notify", G_CALLBACK (on_session_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_session_get_records (self->session), "items-changed",
                           G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
ik_live_view_dispose (GObject *object)
{
  IkLiveView *self = IK_LIVE_VIEW (object);

  /* Closing the window keeps the time spent on the current question. */
  if (self->session != NULL)
    commit_question_time (self);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  g_clear_handle_id (&self->position_id, g_source_remove);

  /* AdwBin keeps a pointer to its child: drop it before the template
   * unparents the child, or AdwBin unparents a finalized widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_LIVE_VIEW);

  follow_record (self, NULL);
  g_clear_object (&self->record);
  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->jump_titles);

  G_OBJECT_CLASS (ik_live_view_parent_class)->dispose (object);
}

static void
ik_live_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IkLiveView *self = IK_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FOCUS_MODE:
      g_value_set_boolean (value, self->focus_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_live_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IkLiveView *self = IK_LIVE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_FOCUS_MODE:
      ik_live_view_set_focus_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Live shortcuts -----------------------------------------------------------
 *
 * An interviewer does not look for the focus: every shortcut of the live
 * view works wherever the focus is in the window (the header bar, the list
 * of interviews, the notes), and only while the live view is shown. They
 * are a shortcut controller on the window, added while the live view is in
 * it, in the capture phase so that the notes do not keep Alt+digits or
 * Ctrl+J. */

/* @args: (action name, maybe parameter) */
static gboolean
run_live_shortcut (GtkWidget *window,
                   GVariant  *args,
                   gpointer   user_data)
{
  IkLiveView *self = user_data;
  g_autoptr(GVariant) parameter = NULL;
  const char *action;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return FALSE;
  g_variant_get (args, "(&smv)", &action, &parameter);
  return gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter);
}

static gboolean
leave_focus_mode (GtkWidget *window,
                  GVariant  *args,
                  gpointer   user_data)
{
  IkLiveView *self = user_data;

  if (!self->focus_mode || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  ik_live_view_set_focus_mode (self, FALSE);
  return TRUE;
}

static void
add_live_shortcut (IkLiveView *self,
                   const char *accelerator,
                   const char *action,
                   GVariant   *parameter)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                            gtk_callback_action_new (run_live_shortcut, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(smv)", action, parameter));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->root_shortcuts), shortcut);
}

static void
add_live_shortcuts (IkLiveView *self)
{
  self->root_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (self->root_shortcuts, GTK_PHASE_CAPTURE);
  add_live_shortcut (self, "<Alt>Right", "live.next", NULL);
  add_live_shortcut (self, "<Alt>Left", "live.previous", NULL);
  add_live_shortcut (self, "<Control>j", "live.jump", NULL);
  add_live_shortcut (self, "<Alt>k", "live.skip", NULL);
  add_live_shortcut (self, "<Alt>p", "live.toggle-clock", NULL);
  add_live_shortcut (self, "<Alt>e", "live.no-experience", NULL);
  add_live_shortcut (self, "<Alt>s", "live.star", g_variant_new_string ("situation"));
  add_live_shortcut (self, "<Alt>t", "live.star", g_variant_new_string ("task"));
  add_live_shortcut (self, "<Alt>a", "live.star", g_variant_new_string ("action"));
  add_live_shortcut (self, "<Alt>r", "live.star", g_variant_new_string ("result"));
  add_live_shortcut (self, "F11", "live.focus-mode", NULL);
  /* The mnemonic of "Notes", also from outside the live view. */
  add_live_shortcut (self, "<Alt>n", "live.focus-notes", NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (self->root_shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (leave_focus_mode, self, NULL)));
}

/* Tab and Shift+Tab leave the notes (accepts-tab is off); Ctrl+Tab types a
 * tab for whoever wants one. */
static gboolean
insert_tab (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);

  gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (view), "\t", 1,
                                                gtk_text_view_get_editable (view));
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                IkLiveView            *self)
{
  return ik_live_view_handle_key (self, keyval, keycode, state);
}

static void
ik_live_view_root (GtkWidget *widget)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  GTK_WIDGET_CLASS (ik_live_view_parent_class)->root (widget);

  /* The checklist digits depend on the layout (Shift+1 is "!" on many), so
   * they are a key controller rather than shortcuts; on the window, so
   * that they work wherever the focus is. */
  self->root = GTK_WIDGET (gtk_widget_get_root (widget));
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->root, self->root_keys);
  add_live_shortcuts (self);
  gtk_widget_add_controller (self->root, self->root_shortcuts);
}

static void
ik_live_view_unroot (GtkWidget *widget)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  if (self->root_keys != NULL)
    gtk_widget_remove_controller (self->root, g_steal_pointer (&self->root_keys));
  if (self->root_shortcuts != NULL)
    gtk_widget_remove_controller (self->root, g_steal_pointer (&self->root_shortcuts));
  self->root = NULL;

  GTK_WIDGET_CLASS (ik_live_view_parent_class)->unroot (widget);
}

/* Whichever way the live view comes on screen (opened from the list, the
 * interview started, the app reopened), the interviewer types notes. */
static void
ik_live_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ik_live_view_parent_class)->map (widget);

  gtk_widget_grab_focus (widget);
}

static void
focus_notes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_widget_grab_focus (widget);
}

static gboolean
ik_live_view_grab_focus (GtkWidget *widget)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->notes_view)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
  /* No notes (an interview without questions): the first control that
   * takes the focus. Not gtk_widget_child_focus() on the view itself,
   * whose default handler grabs the focus of the view again: a loop. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
      return TRUE;
  return FALSE;
}

/* Adaptive layout --------------------------------------------------------
 *
 * Beside a video call or on a phone-sized window the notes go below the
 * question; on a wide window beside it, so that the question, all its
 * areas and follow-ups and a good part of the notes show at once. */

#define WIDE_LAYOUT_WIDTH 900

static gboolean
update_layout_idle (gpointer user_data)
{
  IkLiveView *self = user_data;

  self->layout_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  self->wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_resize_end_child (self->paned, self->wide);
  if (!self->wide)
    g_object_set (self->paned, "position-set", FALSE, NULL);
  self->layout_width = 0;
  return G_SOURCE_REMOVE;
}

/* The live view lays out its child itself (no layout manager), to see its
 * width. */
static void
ik_live_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static gboolean
update_position_idle (gpointer user_data)
{
  IkLiveView *self = user_data;

  self->position_id = 0;
  gtk_paned_set_position (self->paned, self->layout_width * 11 / 20);
  return G_SOURCE_REMOVE;
}

static void
ik_live_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  IkLiveView *self = IK_LIVE_VIEW (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean wide = width >= WIDE_LAYOUT_WIDTH;

  /* Not while allocating: the new layout is measured on the next frame. */
  if (wide != self->wide)
    {
      self->wide = wide;
      if (self->layout_id == 0)
        self->layout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_layout_idle, self, NULL);
    }
  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Side by side, the question gets a little more than half. Set once the
   * paned has its new width (it scales a position set before to it), and
   * not while allocating. */
  if (wide && self->layout_id == 0 && self->position_id == 0 && width != self->layout_width)
    {
      self->layout_width = width;
      self->position_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_position_idle, self, NULL);
    }
}

/* The drop-down shows the current question's title shortened, so that a
 * long one does not widen the window; its list wraps them in full. */
static void
setup_jump_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  in_button)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (in_button))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_jump_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  in_button)
{
  GtkStringObject *title = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (title));
}

static GtkListItemFactory *
jump_item_factory (gboolean in_button)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_jump_item), GINT_TO_POINTER (in_button));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_jump_item), GINT_TO_POINTER (in_button));
  return factory;
}

static void
ik_live_view_class_init (IkLiveViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ik_live_view_constructed;
  object_class->dispose = ik_live_view_dispose;
  object_class->get_property = ik_live_view_get_property;
  object_class->set_property = ik_live_view_set_property;
  widget_class->root = ik_live_view_root;
  widget_class->unroot = ik_live_view_unroot;
  widget_class->map = ik_live_view_map;
  widget_class->grab_focus = ik_live_view_grab_focus;
  widget_class->measure = ik_live_view_measure;
  widget_class->size_allocate = ik_live_view_size_allocate;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, IK_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, IK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * IkLiveView:focus-mode:
   *
   * Whether only the question, checklists, notes and clock show, with the
   * window fullscreen (F11).
   */
  properties[PROP_FOCUS_MODE] =
    g_param_spec_boolean ("focus-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkLiveView::finished:
   *
   * The interviewer finished the interview: the session is completed and
   * its scorecard comes next.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (IK_TYPE_SCROLLER_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-live-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, clock_box);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, paned);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, scroller);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, question_nav);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, controls_box);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, skip_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, finish_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, focus_mode_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, jump_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, question_time_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, pacing_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, pacing_bar);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, position_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, question_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, competencies_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, areas_heading);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, areas_list);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, follow_ups_heading);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, follow_ups_list);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, extras_box);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, star_box);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, situation_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, task_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, action_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, result_button);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, no_experience_check);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, suggestion_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, no_experience_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, expectations_expander);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, expectations_label);
  gtk_widget_class_bind_template_child (widget_class, IkLiveView, notes_view);

  gtk_widget_class_install_action (widget_class, "live.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "live.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "live.jump", NULL, jump_action);
  gtk_widget_class_install_action (widget_class, "live.jump-to", "i", jump_action);
  gtk_widget_class_install_action (widget_class, "live.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "live.toggle-clock", NULL, toggle_clock_action);
  gtk_widget_class_install_action (widget_class, "live.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "live.toggle-area", "i", toggle_area_action);
  gtk_widget_class_install_action (widget_class, "live.toggle-follow-up", "i", toggle_follow_up_action);
  gtk_widget_class_install_action (widget_class, "live.star", "s", star_action);
  gtk_widget_class_install_action (widget_class, "live.no-experience", NULL, no_experience_action);
  gtk_widget_class_install_action (widget_class, "live.focus-mode", NULL, focus_mode_action);
  gtk_widget_class_install_action (widget_class, "live.focus-notes", NULL, focus_notes_action);

}

static void
ik_live_view_init (IkLiveView *self)
{
  GtkEventController *tab_keys;
  g_autoptr(GtkListItemFactory) button_factory = jump_item_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = jump_item_factory (FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->settings = g_settings_new (APP_ID);
  self->jump_titles = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->jump_dropdown, G_LIST_MODEL (self->jump_titles));
  gtk_drop_down_set_factory (self->jump_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->jump_dropdown, list_factory);

  /* The STAR marks wrap on a narrow window; one Tab stop each, on the check
   * button rather than also its flow box child. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->star_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  g_object_set_data (G_OBJECT (self->situation_button), "flag", GUINT_TO_POINTER (IK_STAR_SITUATION));
  g_object_set_data (G_OBJECT (self->task_button), "flag", GUINT_TO_POINTER (IK_STAR_TASK));
  g_object_set_data (G_OBJECT (self->action_button), "flag", GUINT_TO_POINTER (IK_STAR_ACTION));
  g_object_set_data (G_OBJECT (self->result_button), "flag", GUINT_TO_POINTER (IK_STAR_RESULT));
  g_signal_connect (self->situation_button, "toggled", G_CALLBACK (on_star_toggled), self);
  g_signal_connect (self->task_button, "toggled", G_CALLBACK (on_star_toggled), self);
  g_signal_connect (self->action_button, "toggled", G_CALLBACK (on_star_toggled), self);
  g_signal_connect (self->result_button, "toggled", G_CALLBACK (on_star_toggled), self);
  g_signal_connect (self->no_experience_check, "toggled", G_CALLBACK (on_no_experience_toggled), self);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed), self);
  /* Longer notes could not be saved (ik-limits.h). */
  ik_text_buffer_limit (gtk_text_view_get_buffer (self->notes_view),
                        GTK_WIDGET (self->notes_view), IK_LIMIT_TEXT_LENGTH);
  g_signal_connect_swapped (self->jump_dropdown, "notify::selected", G_CALLBACK (on_jump_selected), self);

  tab_keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab_keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (insert_tab, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), tab_keys);
}
