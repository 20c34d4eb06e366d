/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-retention.c: how long interviews are kept, and erasing them. */
#include "config.h"

#include "ik-retention.h"
#include "ik-tooltip.h"

#include <glib/gi18n.h>

#include "ik-date-format.h"
#include "ik-erase.h"
#include "ik-scorecard-export.h"
#include "ik-util.h"
#include "ik-window.h"

#define RETENTION_MAX_MONTHS 120
#define LIST_MAX_HEIGHT 300
/* A session of the review: name, role and date. */
#define SESSION_ROW_HEIGHT 64
/* A file to erase: its description and its path, which wraps. */
#define FILE_ROW_HEIGHT 120

/* ---- Texts --------------------------------------------------------------- */

/**
 * ik_retention_describe:
 * @session: a session
 *
 * Returns: (transfer full): "Kept until 03/06/2027", or that it has no date
 */
char *
ik_retention_describe (IkSession *session)
{
  GDateTime *keep_until = ik_session_get_keep_until (session);
  g_autofree char *date = NULL;

  if (keep_until == NULL)
    return g_strdup (_("Kept without a retention date"));
  date = ik_format_date (keep_until);
  /* Translators: %s is a date */
  return g_strdup_printf (_("Kept until %s"), date);
}

/* The name as the user should read it: bidirectional controls shown as
 * markers, so that a name cannot reverse the text around it. */
static char *
shown_name (IkSession *session)
{
  const char *name = ik_session_get_candidate_name (session);

  return ik_export_show_bidi_controls (name != NULL && name[0] != '\0' ? name : _("Unnamed Candidate"));
}

/* Asks the main window to look at the retention dates again. */
static void
check_retention (GtkWindow *window)
{
  if (window != NULL && IK_IS_WINDOW (window))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.check-retention", NULL);
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A list of @n_rows in a dialog, scrolled when long. A message dialog
 * gives its extra child only its minimum height, so the minimum is set. */
static GtkWidget *
scrolled_list (GtkWidget **list,
               guint       n_rows,
               guint       row_height)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), LIST_MAX_HEIGHT);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              (int) MIN (n_rows * row_height, LIST_MAX_HEIGHT));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), *list);
  return scrolled;
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and paths are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* ---- Changing the date --------------------------------------------------- */

typedef struct
{
  GPtrArray   *sessions;   /* IkSession */
  GtkWidget   *months_check;
  GtkWidget   *months_spin;
  GtkWidget   *calendar;
  GtkWidget   *reason_entry;
} ChangeDialog;

static void
change_dialog_free (gpointer data)
{
  ChangeDialog *change = data;

  g_ptr_array_unref (change->sessions);
  g_free (change);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "change", !ik_str_is_blank (gtk_editable_get_text (entry)));
}

static void
on_mode_toggled (GtkCheckButton *months_check,
                 ChangeDialog   *change)
{
  gboolean months = gtk_check_button_get_active (months_check);

  gtk_widget_set_sensitive (change->months_spin, months);
  gtk_widget_set_sensitive (change->calendar, !months);
}

/* The date chosen for @session. */
static GDateTime *
chosen_date (ChangeDialog *change,
             IkSession    *session)
{
  g_autoptr(GDateTime) now = NULL;
  GDateTime *base;

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (change->months_check)))
    {
      int months = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (change->months_spin));

      base = ik_session_get_retention_base (session);
      if (base == NULL)
        base = now = g_date_time_new_now_local ();
      return g_date_time_add_months (base, months);
    }
  else
    {
      g_autoptr(GDateTime) day = gtk_calendar_get_date (GTK_CALENDAR (change->calendar));

      /* The whole day chosen: kept until its end. */
      return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                    g_date_time_get_day_of_month (day), 23, 59, 59);
    }
}

static void
on_change_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ChangeDialog     *change)
{
  g_autofree char *reason = NULL;
  guint n_changed = 0;
  g_autoptr(GError) first_error = NULL;

  if (g_strcmp0 (response, "change") != 0)
    return;

  reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (change->reason_entry)));
  for (guint i = 0; i < change->sessions->len; i++)
    {
      IkSession *session = g_ptr_array_index (change->sessions, i);
      g_autoptr(GDateTime) date = chosen_date (change, session);
      g_autoptr(GError) error = NULL;

      if (ik_session_change_keep_until (session, date, reason, NULL, &error))
        n_changed++;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&error);
    }

  if (first_error != NULL)
    {
      GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));

      if (window != NULL)
        ik_window_add_toast_for_widget (GTK_WIDGET (window), adw_toast_new (first_error->message));
    }
  check_retention (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
}

/**
 * ik_retention_change_present:
 * @parent: the widget the dialog is for
 * @sessions: (element-type IkSession): the sessions to keep until another
 *   date
 *
 * Asks for the new date (months after each interview, or a day) and the
 * reason, which ik_session_change_keep_until() records in each session.
 */
void
ik_retention_change_present (GtkWidget *parent,
                             GPtrArray *sessions)
{
  ChangeDialog *change;
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *months_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *date_check;
  GtkWidget *reason_label;
  GDateTime *current;
  g_autoptr(GDateTime) selected = NULL;
  IkSession *first;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (sessions != NULL && sessions->len > 0);

  first = g_ptr_array_index (sessions, 0);
  change = g_new0 (ChangeDialog, 1);
  change->sessions = g_ptr_array_ref (sessions);

  dialog = adw_message_dialog_new (window_of (parent), _("Keep Until Another Date"), NULL);
  if (sessions->len == 1)
    {
      g_autofree char *kept = ik_retention_describe (first);
      g_autofree char *name = shown_name (first);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      /* Translators: the first %s is a name, the second "Kept until <date>" */
                                      _("The interview with %s: %s. Choose a new date and say why; "
                                        "the reason is recorded in the interview."),
                                      name, kept);
    }
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    ngettext ("Choose a new date for %u interview and say why; "
                                              "the reason is recorded in it.",
                                              "Choose a new date for %u interviews and say why; "
                                              "the reason is recorded in each.",
                                              sessions->len),
                                    sessions->len);

  change->months_check = gtk_check_button_new_with_mnemonic (_("_Months after the interview"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (change->months_check), TRUE);
  gtk_widget_set_hexpand (change->months_check, TRUE);
  change->months_spin = gtk_spin_button_new_with_range (1, RETENTION_MAX_MONTHS, 1);
  gtk_widget_set_name (change->months_spin, "retention-months");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (change->months_spin), 24);
  gtk_widget_set_valign (change->months_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (change->months_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Months after the interview"), -1);
  gtk_box_append (GTK_BOX (months_box), change->months_check);
  gtk_box_append (GTK_BOX (months_box), change->months_spin);
  gtk_box_append (GTK_BOX (box), months_box);

  date_check = gtk_check_button_new_with_mnemonic (_("_On a date"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (date_check), GTK_CHECK_BUTTON (change->months_check));
  gtk_box_append (GTK_BOX (box), date_check);
  change->calendar = gtk_calendar_new ();
  current = ik_session_get_keep_until (first);
  selected = current != NULL ? g_date_time_to_local (current) : g_date_time_new_now_local ();
  gtk_calendar_select_day (GTK_CALENDAR (change->calendar), selected);
  gtk_widget_set_sensitive (change->calendar, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (change->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep until"), -1);
  gtk_box_append (GTK_BOX (box), change->calendar);
  g_signal_connect (change->months_check, "toggled", G_CALLBACK (on_mode_toggled), change);

  reason_label = gtk_label_new_with_mnemonic (_("_Reason (required)"));
  gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
  gtk_widget_set_margin_top (reason_label, 6);
  change->reason_entry = gtk_entry_new ();
  gtk_widget_set_name (change->reason_entry, "retention-reason");
  gtk_label_set_mnemonic_widget (GTK_LABEL (reason_label), change->reason_entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (change->reason_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (change->reason_entry), TRUE);
  gtk_box_append (GTK_BOX (box), reason_label);
  gtk_box_append (GTK_BOX (box), change->reason_entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "change", _("_Change Date"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "change", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (change->reason_entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_object_set_data_full (G_OBJECT (dialog), "ik-change", change, change_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_change_response), change);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (change->reason_entry);
}

/* ---- Erasing ------------------------------------------------------------- */

typedef struct
{
  IkErasePlan *plan;
  GtkWindow   *window;     /* weak */
} EraseRun;

static void
erase_run_free (EraseRun *run)
{
  if (run->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (run->window), (gpointer *) &run->window);
  ik_erase_plan_free (run->plan);
  g_free (run);
}

static void
on_erased (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EraseRun *run = user_data;
  g_autoptr(GError) error = NULL;
  guint n = ik_erase_plan_get_n_items (run->plan);

  if (!ik_erase_plan_execute_finish (run->plan, result, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (run->window, _("Not Everything Was Erased"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (run->window != NULL)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u item was erased", "%u items were erased", n), n);

      ik_window_add_toast_for_widget (GTK_WIDGET (run->window), adw_toast_new (title));
    }
  check_retention (run->window);
  erase_run_free (run);
}

static void
on_erase_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  EraseRun *run;

  if (g_strcmp0 (response, "erase") != 0)
    return;

  run = g_new0 (EraseRun, 1);
  run->plan = g_object_steal_data (G_OBJECT (dialog), "ik-erase-plan");
  run->window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  if (run->window != NULL)
    g_object_add_weak_pointer (G_OBJECT (run->window), (gpointer *) &run->window);
  ik_erase_plan_execute_async (run->plan, NULL, on_erased, run);
}

/* Lists every file of @plan (transfer full) and erases them when the user
 * confirms. */
static void
present_erase_plan (GtkWindow   *window,
                    IkErasePlan *plan,
                    const char  *heading)
{
  guint n = ik_erase_plan_get_n_items (plan);
  GtkWidget *dialog = adw_message_dialog_new (window, heading, NULL);
  GtkWidget *list;

  if (n == 0)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("Nothing is stored about this candidate."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      ik_erase_plan_free (plan);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("This item will be deleted. It does not go to the trash and "
                                            "cannot be brought back: there is no undo.",
                                            "These %u items will be deleted. They do not go to the trash and "
                                            "cannot be brought back: there is no undo.",
                                            n),
                                  n);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled_list (&list, n, FILE_ROW_HEIGHT));
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), plain_row (ik_erase_plan_get_description (plan, i),
                                                         ik_erase_plan_get_path (plan, i)));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ik-erase-plan", plan, (GDestroyNotify) ik_erase_plan_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_erase_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
present_error (GtkWindow    *window,
               const char   *heading,
               const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ik_erase_candidate_present:
 * @parent: the widget the dialog is for
 * @library: the library
 * @team_folder: (nullable): the team folder, if one is set
 * @candidate_id: the candidate's id (or name, for a session without id)
 *
 * Lists every file stored about the candidate (ik_erase_plan_new()) and
 * erases them when the user confirms.
 */
void
ik_erase_candidate_present (GtkWidget    *parent,
                            IkLibrary    *library,
                            IkTeamFolder *team_folder,
                            const char   *candidate_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  IkErasePlan *plan;
  GListModel *sessions;
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (IK_IS_LIBRARY (library));
  g_return_if_fail (candidate_id != NULL);

  plan = ik_erase_plan_new (library, team_folder, ik_library_get_dir (library), candidate_id, &error);
  if (plan == NULL)
    {
      present_error (window_of (parent), _("Could Not Erase the Candidate"), error);
      return;
    }

  sessions = ik_library_get_sessions (library);
  for (guint i = 0; name == NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (ik_session_get_candidate_id (session), ik_erase_plan_get_candidate_id (plan)) == 0)
        name = shown_name (session);
    }
  /* Translators: %s is a candidate's name or id */
  heading = g_strdup_printf (_("Erase Everything About %s?"),
                             name != NULL ? name : ik_erase_plan_get_candidate_id (plan));
  present_erase_plan (window_of (parent), plan, heading);
}

/* ---- The review of expired sessions -------------------------------------- */

typedef struct
{
  IkLibrary    *library;
  IkTeamFolder *team_folder;
  GPtrArray    *sessions;   /* IkSession */
  GPtrArray    *checks;     /* GtkCheckButton, one per session */
} Review;

static void
review_free (gpointer data)
{
  Review *review = data;

  g_object_unref (review->library);
  g_clear_object (&review->team_folder);
  g_ptr_array_unref (review->sessions);
  g_ptr_array_unref (review->checks);
  g_free (review);
}

static GPtrArray *
review_selected (Review *review)
{
  GPtrArray *selected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < review->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (review->checks, i)))
      g_ptr_array_add (selected, g_object_ref (g_ptr_array_index (review->sessions, i)));
  return selected;
}

static void
on_review_toggled (GtkCheckButton   *check,
                   AdwMessageDialog *dialog)
{
  Review *review = g_object_get_data (G_OBJECT (dialog), "ik-review");
  g_autoptr(GPtrArray) selected = review_selected (review);

  adw_message_dialog_set_response_enabled (dialog, "erase", selected->len > 0);
  adw_message_dialog_set_response_enabled (dialog, "keep", selected->len > 0);
}

static void
on_review_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Review           *review)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GPtrArray) selected = review_selected (review);
  g_autoptr(GError) error = NULL;

  if (selected->len == 0)
    return;

  if (g_strcmp0 (response, "keep") == 0)
    {
      if (window != NULL)
        ik_retention_change_present (GTK_WIDGET (window), selected);
    }
  else if (g_strcmp0 (response, "erase") == 0)
    {
      IkErasePlan *plan = ik_erase_plan_new_for_sessions (review->library, review->team_folder,
                                                          ik_library_get_dir (review->library),
                                                          selected, &error);
      g_autofree char *heading = NULL;

      if (plan == NULL)
        {
          present_error (window, _("Could Not Erase the Interviews"), error);
          return;
        }
      heading = g_strdup_printf (ngettext ("Erase %u Interview?", "Erase %u Interviews?", selected->len),
                                 selected->len);
      present_erase_plan (window, plan, heading);
    }
}

/**
 * ik_retention_review_present:
 * @parent: the widget the dialog is for
 * @library: the library
 * @team_folder: (nullable): the team folder, if one is set
 * @sessions: (element-type IkSession): the sessions past their date
 *
 * Lists @sessions with check boxes; the selected ones are erased (after a
 * confirmation that lists every file) or kept longer with a reason.
 */
void
ik_retention_review_present (GtkWidget    *parent,
                             IkLibrary    *library,
                             IkTeamFolder *team_folder,
                             GPtrArray    *sessions)
{
  GtkWidget *dialog;
  GtkWidget *list;
  Review *review;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (IK_IS_LIBRARY (library));
  g_return_if_fail (sessions != NULL);

  review = g_new0 (Review, 1);
  review->library = g_object_ref (library);
  review->team_folder = team_folder != NULL ? g_object_ref (team_folder) : NULL;
  review->sessions = g_ptr_array_ref (sessions);
  review->checks = g_ptr_array_new ();

  dialog = adw_message_dialog_new (window_of (parent), _("Interviews Past Their Retention Date"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Erase the interviews you no longer need, or keep them longer with a reason. "
                                 "Nothing is erased until you confirm."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled_list (&list, sessions->len, SESSION_ROW_HEIGHT));
  g_object_set_data_full (G_OBJECT (dialog), "ik-review", review, review_free);

  for (guint i = 0; i < sessions->len; i++)
    {
      IkSession *session = g_ptr_array_index (sessions, i);
      const char *role = ik_session_get_role (session);
      g_autofree char *kept = ik_retention_describe (session);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", role[0] != '\0' ? role : _("No role"), kept);
      g_autofree char *name = shown_name (session);
      g_autofree char *label = g_strdup_printf (_("Select the interview with %s"), name);
      GtkWidget *row = plain_row (name, subtitle);
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      ik_widget_set_tooltip_text (check, label);
      g_signal_connect (check, "toggled", G_CALLBACK (on_review_toggled), dialog);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (review->checks, check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "keep", _("_Keep Longer…"),
                                    "erase", _("_Erase Selected…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect (dialog, "response", G_CALLBACK (on_review_response), review);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The row ------------------------------------------------------------- */

struct _IkRetentionRow
{
  AdwActionRow  parent_instance;

  IkSession    *session;
  GtkWidget    *button;
};

G_DEFINE_FINAL_TYPE (IkRetentionRow, ik_retention_row, ADW_TYPE_ACTION_ROW)

static void
update_row (IkRetentionRow *self)
{
  g_autofree char *text = self->session != NULL ? ik_retention_describe (self->session) : NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text != NULL ? text : "");
  gtk_widget_set_sensitive (self->button,
                            self->session != NULL && !ik_session_get_read_only (self->session));
}

static void
on_change_clicked (IkRetentionRow *self)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->session == NULL)
    return;
  g_ptr_array_add (sessions, g_object_ref (self->session));
  ik_retention_change_present (GTK_WIDGET (self), sessions);
}

static void
ik_retention_row_dispose (GObject *object)
{
  IkRetentionRow *self = IK_RETENTION_ROW (object);

  ik_retention_row_set_session (self, NULL);
  G_OBJECT_CLASS (ik_retention_row_parent_class)->dispose (object);
}

static void
ik_retention_row_class_init (IkRetentionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ik_retention_row_dispose;
}

static void
ik_retention_row_init (IkRetentionRow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Retention"));
  self->button = gtk_button_new_with_mnemonic (_("C_hange…"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (self->button, _("Keep the interview until another date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change Retention Date"), -1);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_change_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->button);
  update_row (self);
}

/**
 * ik_retention_row_new:
 *
 * A row "Retention: Kept until <date>" with a Change… button; give it its
 * session with ik_retention_row_set_session().
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
ik_retention_row_new (void)
{
  return g_object_new (IK_TYPE_RETENTION_ROW, NULL);
}

void
ik_retention_row_set_session (IkRetentionRow *self,
                              IkSession      *session)
{
  g_return_if_fail (IK_IS_RETENTION_ROW (self));
  g_return_if_fail (session == NULL || IK_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_row, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::keep-until", G_CALLBACK (update_row), self);
      g_signal_connect_swapped (session, "notify::read-only", G_CALLBACK (update_row), self);
    }
  if (self->button != NULL)
    update_row (self);
}
