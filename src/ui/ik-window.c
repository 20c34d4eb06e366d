/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "ik-accessible.h"
#include "ik-file-launcher.h"
#include "ik-menu-button.h"
#include "ik-problem.h"
#include "ik-question-browser.h"
#include "ik-retention.h"
#include "ik-revealer.h"
#include "ik-text-layout.h"
#include "ik-window-private.h"

G_DEFINE_FINAL_TYPE (IkWindow, ik_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION_OBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * ik_window_new:
 * @application: the application
 *
 * Creates a main window showing the application's library.
 */
IkWindow *
ik_window_new (IkApplication *application)
{
  return g_object_new (IK_TYPE_WINDOW,
                       "application", application,
                       "application-object", application,
                       NULL);
}

/**
 * ik_window_get_library:
 *
 * Returns: (transfer none): the library the window shows.
 */
IkLibrary *
ik_window_get_library (IkWindow *self)
{
  g_return_val_if_fail (IK_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * ik_window_get_for_widget:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the window @widget is shown in, or
 * %NULL when it is not in one (a pane tested on its own)
 */
IkWindow *
ik_window_get_for_widget (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return IK_IS_WINDOW (root) ? IK_WINDOW (root) : NULL;
}

/**
 * ik_window_add_toast:
 * @toast: (transfer full): a toast
 *
 * Shows @toast on the window's one toast overlay.
 */
void
ik_window_add_toast (IkWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (IK_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ik_window_add_toast_for_widget:
 * @widget: a widget in a window
 * @toast: (transfer full): a toast
 *
 * Shows @toast on the window of @widget; a widget outside an #IkWindow has
 * nowhere to show it.
 */
void
ik_window_add_toast_for_widget (GtkWidget *widget,
                                AdwToast  *toast)
{
  IkWindow *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  window = ik_window_get_for_widget (widget);
  if (window != NULL)
    ik_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

/* ---- Undo of deletes ----------------------------------------------------- */

#define UNDO_TOAST_SECONDS 10

/* The delete is already done when its toast shows (a bank or a session is in
 * the library's trash); Undo brings it back. One at a time: a later delete
 * leaves the earlier one done. */
typedef struct _IkWindowUndo
{
  AdwToast       *toast;
  gint64          shown;      /* monotonic time the toast was added */
  IkUndoFunc      func;
  gpointer        data;
  GDestroyNotify  destroy;
} IkWindowUndo;

static void
window_undo_free (IkWindowUndo *undo)
{
  if (undo->destroy != NULL)
    undo->destroy (undo->data);
  g_clear_object (&undo->toast);
  g_free (undo);
}

static void on_undo_toast_dismissed (AdwToast *toast,
                                     IkWindow *self);

/* libadwaita 1.2 can crash when a toast is dismissed while it is still
 * sliding in (Ctrl+Z right after a delete): such a dismissal waits until
 * the animation is over. */
#define TOAST_ANIMATION_USEC (600 * G_TIME_SPAN_MILLISECOND)

static gboolean
dismiss_later_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

static void
dismiss_toast (AdwToast *toast,
               gint64    shown)
{
  gint64 age = g_get_monotonic_time () - shown;

  if (age >= TOAST_ANIMATION_USEC)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((TOAST_ANIMATION_USEC - age) / 1000) + 1,
                        dismiss_later_cb, g_object_ref (toast), g_object_unref);
}

/* Takes the current undo from the window; @dismiss: its toast goes too. */
static IkWindowUndo *
steal_undo (IkWindow *self,
            gboolean  dismiss)
{
  IkWindowUndo *undo = g_steal_pointer (&self->undo);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  if (undo == NULL)
    return NULL;
  g_signal_handlers_disconnect_by_func (undo->toast, on_undo_toast_dismissed, self);
  if (dismiss)
    dismiss_toast (undo->toast, undo->shown);
  return undo;
}

static void
on_undo_toast_dismissed (AdwToast *toast,
                         IkWindow *self)
{
  if (self->undo != NULL && self->undo->toast == toast)
    window_undo_free (steal_undo (self, FALSE));
}

/**
 * ik_window_show_undo_toast:
 * @title: the toast's title (markup: escape user text)
 * @undo: brings back what was deleted
 * @data: data for @undo
 * @destroy: (nullable): frees @data once the toast is gone or used
 *
 * Shows that something was deleted, with an Undo button that calls @undo.
 * The one undo path for deletes: the item is gone from view at once.
 */
void
ik_window_show_undo_toast (IkWindow       *self,
                           const char     *title,
                           IkUndoFunc      undo,
                           gpointer        data,
                           GDestroyNotify  destroy)
{
  IkWindowUndo *previous;
  IkWindowUndo *entry;
  AdwToast *toast;

  g_return_if_fail (IK_IS_WINDOW (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (undo != NULL);

  previous = steal_undo (self, TRUE);
  g_clear_pointer (&previous, window_undo_free);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Long enough to notice by ear or eye: Ctrl+Z works as long as it shows. */
  adw_toast_set_timeout (toast, UNDO_TOAST_SECONDS);

  entry = g_new0 (IkWindowUndo, 1);
  entry->toast = g_object_ref (toast);
  entry->shown = g_get_monotonic_time ();
  entry->func = undo;
  entry->data = data;
  entry->destroy = destroy;
  self->undo = entry;
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * ik_window_undo:
 *
 * Undoes the delete the toast shows, if any (the action `win.undo`).
 */
void
ik_window_undo (IkWindow *self)
{
  IkWindowUndo *undo;

  g_return_if_fail (IK_IS_WINDOW (self));

  undo = steal_undo (self, TRUE);
  if (undo == NULL)
    return;
  undo->func (self, undo->data);
  window_undo_free (undo);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ik_window_undo (IK_WINDOW (widget));
}

/* Ctrl+Z undoes the typing in a text field first; once the field has none
 * left to undo (or outside text fields), it undoes the last delete. */
static gboolean
on_undo_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     IkWindow              *self)
{
  GtkWidget *focus;

  if (gdk_keyval_to_lower (keyval) != GDK_KEY_z
      || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != GDK_CONTROL_MASK
      || self->undo == NULL)
    return FALSE;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus))
      && gtk_text_buffer_get_can_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus))))
    return FALSE;
  if (GTK_IS_EDITABLE (focus) && gtk_editable_get_editable (GTK_EDITABLE (focus)))
    {
      /* GtkText tells no one whether it can undo: try, and see. */
      g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));

      gtk_widget_activate_action (focus, "text.undo", NULL);
      if (g_strcmp0 (before, gtk_editable_get_text (GTK_EDITABLE (focus))) != 0)
        return TRUE;
    }
  ik_window_undo (self);
  return TRUE;
}

/**
 * ik_window_focus_list_row:
 * @view: a list view whose row widgets were made by
 *   ik_window_remember_list_item()
 * @position: the row to focus; past the end, the last row
 *
 * Puts the keyboard on a row of @view itself, never on a button inside it:
 * after a delete, a second Enter or Delete must not delete again.
 */
void
ik_window_focus_list_row (GtkWidget *view,
                          guint      position)
{
  g_autoptr(GListModel) model = NULL;
  guint n;

  g_return_if_fail (GTK_IS_LIST_VIEW (view) || GTK_IS_GRID_VIEW (view));

  g_object_get (view, "model", &model, NULL);
  n = model != NULL ? g_list_model_get_n_items (model) : 0;
  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", position);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "ik-list-item") : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == position)
        {
          /* The list item takes focus itself: with what it shows unable to
           * take it for a moment, a button in the row is not tried. */
          gtk_widget_set_can_focus (row, FALSE);
          gtk_widget_grab_focus (child);
          gtk_widget_set_can_focus (row, TRUE);
          return;
        }
    }
}

/**
 * ik_window_get_focused_list_item:
 * @view: a list view whose row widgets were made by
 *   ik_window_remember_list_item()
 *
 * Returns: (transfer none) (nullable): the item of the row that has the
 * keyboard (or a button in it), or %NULL
 */
gpointer
ik_window_get_focused_list_item (GtkWidget *view)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (view) || GTK_IS_GRID_VIEW (view), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (view));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (view))
    focus = gtk_widget_get_parent (focus);
  if (focus != NULL && gtk_widget_get_first_child (focus) != NULL)
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (gtk_widget_get_first_child (focus)), "ik-list-item");

      if (item != NULL)
        return gtk_list_item_get_item (item);
    }
  return NULL;
}

/**
 * ik_window_remember_list_item:
 * @row: the widget a list item factory made for @item
 * @item: its list item
 *
 * Lets ik_window_focus_list_row() find @row by position.
 */
void
ik_window_remember_list_item (GtkWidget   *row,
                              GtkListItem *item)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  g_object_set_data (G_OBJECT (row), "ik-list-item", item);
}

/**
 * ik_window_show_view:
 * @name: "questions" or "interviews"
 */
void
ik_window_show_view (IkWindow   *self,
                     const char *name)
{
  g_return_if_fail (IK_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
update_error_banner (IkWindow *self)
{
  const char *message = ik_library_get_error (self->library);

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  ik_revealer_set_revealed (self->error_revealer, ik_library_get_has_error (self->library));
}

static void
update_problems_banner (IkWindow *self)
{
  GListModel *problems = ik_library_get_problems (self->library);
  guint n = g_list_model_get_n_items (problems);
  guint n_conflicts = 0;

  /* What keeps the library from saving comes first: it says why. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);

      if (ik_problem_get_kind (problem) == IK_PROBLEM_WRITE)
        {
          gtk_label_set_text (self->problems_label, ik_problem_get_message (problem));
          ik_revealer_set_revealed (self->problems_revealer, TRUE);
          return;
        }
      if (ik_problem_get_kind (problem) == IK_PROBLEM_CONFLICT)
        n_conflicts++;
    }

  if (n > 0 && n_conflicts == n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u file was changed by another program while you were editing it. Both versions were kept.",
                                                         "%u files were changed by another program while you were editing them. Both versions were kept.",
                                                         n), n);
      gtk_label_set_text (self->problems_label, text);
    }
  else if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u file in your library could not be read. It was left untouched.",
                                                         "%u files in your library could not be read. They were left untouched.",
                                                         n), n);
      gtk_label_set_text (self->problems_label, text);
    }
  ik_revealer_set_revealed (self->problems_revealer, n > 0);
}

/* ---- Retention ----------------------------------------------------------- */

static GDateTime *
window_now (IkWindow *self)
{
  return self->clock != NULL ? self->clock () : g_date_time_new_now_local ();
}

static int
day_number (GDateTime *time)
{
  return g_date_time_get_year (time) * 1000 + g_date_time_get_day_of_year (time);
}

static void
update_retention_banner (IkWindow *self)
{
  guint n = self->expired != NULL ? self->expired->len : 0;

  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u interview is past its retention date",
                                                         "%u interviews are past their retention date",
                                                         n), n);
      gtk_label_set_text (self->retention_label, text);
    }
  ik_revealer_set_revealed (self->retention_revealer, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review-retention", n > 0);
}

/**
 * ik_window_check_retention:
 * @self: a window
 *
 * Lists the sessions past their retention date (at the window's clock)
 * and shows the banner that offers to review them. Runs when the library
 * is loaded, when its sessions change, after a review and once a day.
 */
void
ik_window_check_retention (IkWindow *self)
{
  g_autoptr(GDateTime) now = window_now (self);

  g_clear_pointer (&self->expired, g_ptr_array_unref);
  if (ik_library_get_loaded (self->library))
    self->expired = ik_library_list_expired_sessions (self->library, now);
  self->retention_day = day_number (now);
  update_retention_banner (self);
}

/* The hourly timer: the check runs again on a new day. */
gboolean
ik_window_retention_tick (gpointer data)
{
  IkWindow *self = IK_WINDOW (data);
  g_autoptr(GDateTime) now = window_now (self);

  if (day_number (now) != self->retention_day)
    ik_window_check_retention (self);
  return G_SOURCE_CONTINUE;
}

/**
 * ik_window_set_clock:
 * @self: a window
 * @clock: (nullable): returns the current time (a new reference); %NULL
 *   for the system's
 *
 * For tests: the time the retention check compares with.
 */
void
ik_window_set_clock (IkWindow     *self,
                     GDateTime *(*clock) (void))
{
  g_return_if_fail (IK_IS_WINDOW (self));

  self->clock = clock;
}

static void
check_retention_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ik_window_check_retention (IK_WINDOW (widget));
}

static void
review_retention_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  IkWindow *self = IK_WINDOW (widget);
  g_autoptr(GPtrArray) sessions = NULL;

  ik_window_check_retention (self);
  if (self->expired == NULL || self->expired->len == 0)
    return;
  sessions = g_ptr_array_ref (self->expired);
  ik_retention_review_present (widget, self->library,
                               ik_application_get_team_folder (self->application), sessions);
}

static void
on_retention_months_changed (IkWindow  *self,
                             const char *key,
                             GSettings *settings)
{
  ik_library_set_retention_months (self->library, (guint) g_settings_get_int (settings, key));
}

static void
save_window_state (IkWindow *self)
{
  GSettings *settings = ik_application_get_settings (self->application);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static void
on_close_dialog_response (AdwMessageDialog *dialog,
                          const char       *response,
                          IkWindow         *self)
{
  /* A response given without a button leaves the dialog up. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "close") != 0)
    return;
  self->close_anyway = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Says what could not be saved and lets the user choose. */
static void
ask_before_closing (IkWindow     *self,
                    const GError *error)
{
  const char *reason = ik_library_get_error (self->library);
  GtkWidget *dialog;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  if (reason == NULL)
    reason = error != NULL ? error->message : _("Unknown error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changes Could Not Be Saved"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nWhile the window stays open, Interview Kit keeps trying to save them. If you close it now, these changes are lost."),
                                  reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Open"),
                                    "close", _("_Close Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_dialog_response), self, 0);

  self->close_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
ik_window_close_request (GtkWindow *window)
{
  IkWindow *self = IK_WINDOW (window);
  g_autoptr(GError) error = NULL;

  save_window_state (self);
  /* Whatever is typed is written before the window goes away, and what
   * cannot be written is not dropped without asking. */
  if (!self->close_anyway && !ik_library_flush (self->library, &error))
    {
      ask_before_closing (self, error);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ik_window_parent_class)->close_request (window);
}

/* Start-up benchmark (tests/bench): report the first painted frame of the
 * mapped window, then leave. Only active when the variable is set. */
static void
on_first_paint (GdkFrameClock *clock,
                IkWindow      *self)
{
  g_print ("mapped %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  _exit (0);
}

/* How long the page stays empty when the banks are slow to come: then
 * the browser shows, its lists empty until they do. */
#define BROWSER_WAIT_MS 150

/**
 * ik_window_ensure_question_browser:
 *
 * The first frame shows the window's header over an empty page. The
 * question browser (about half of what start-up adds to a bare window)
 * is built when the library's banks arrive from the load's worker threads,
 * for the frame that lists them, rather than painted empty in a frame of
 * its own just before; after BROWSER_WAIT_MS if they are slow to come; or
 * as soon as something needs it (an action, the library loaded).
 *
 * Returns: (transfer none): the question browser
 */
IkQuestionBrowser *
ik_window_ensure_question_browser (IkWindow *self)
{
  g_clear_handle_id (&self->build_browser_timeout, g_source_remove);
  if (self->question_browser == NULL)
    {
      g_signal_handlers_disconnect_by_func (ik_library_get_banks (self->library),
                                            ik_window_ensure_question_browser, self);
      self->question_browser = IK_QUESTION_BROWSER (ik_question_browser_new (self->library));
      adw_bin_set_child (self->questions_bin, GTK_WIDGET (self->question_browser));
    }
  return self->question_browser;
}

static gboolean
build_browser_cb (gpointer data)
{
  IkWindow *self = data;

  self->build_browser_timeout = 0;
  ik_window_ensure_question_browser (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock,
                IkWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  ik_application_load_library (self->application);
  if (self->question_browser == NULL && self->build_browser_timeout == 0)
    {
      g_signal_connect_object (ik_library_get_banks (self->library), "items-changed",
                               G_CALLBACK (ik_window_ensure_question_browser), self, G_CONNECT_SWAPPED);
      self->build_browser_timeout = g_timeout_add (BROWSER_WAIT_MS, build_browser_cb, self);
    }
}

/* The library loads once the window has painted its first frame. */
static void
on_map_load_library (GtkWidget *widget)
{
  IkWindow *self = IK_WINDOW (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, on_map_load_library, NULL);
  if (clock == NULL)
    {
      ik_window_ensure_question_browser (self);
      ik_application_load_library (self->application);
    }
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_frame), self, 0);
}

static void
on_map_for_benchmark (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), widget);
}

/* Reopening the app while an interview runs goes straight back to it. */
static void
show_interviews_if_resumed (IkWindow *self)
{
  if (self->sessions_view != NULL && ik_sessions_view_get_session (self->sessions_view) != NULL)
    ik_window_show_view (self, "interviews");
}

/* The Interviews view is built when it is first shown (its list binds a
 * row per interview: a third of the main thread's work at load), or at
 * load when an interview was left running, which it then resumes. */
static void
build_sessions_view_if_running (IkWindow *self)
{
  if (self->sessions_view == NULL && ik_library_get_loaded (self->library)
      && ik_library_find_session_in_progress (self->library) != NULL)
    ik_window_ensure_sessions_view (self);
}

/**
 * ik_window_ensure_sessions_view:
 *
 * The Interviews view is not on screen at start-up, so it is built when
 * it is first shown or something needs it (an action, an interview left
 * running), which keeps its cost out of the start-up and the load.
 *
 * Returns: (transfer none): the sessions view
 */
IkSessionsView *
ik_window_ensure_sessions_view (IkWindow *self)
{
  GtkWidget *sessions;

  if (self->sessions_view != NULL)
    return self->sessions_view;

  sessions = ik_sessions_view_new (self->library);
  self->sessions_view = IK_SESSIONS_VIEW (sessions);
  adw_bin_set_child (self->interviews_bin, sessions);

  /* Focus mode (F11) leaves only the interview on screen. */
  g_object_bind_property (sessions, "focus-mode", self->header_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (sessions, "focus-mode", self->switcher_bar, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  /* Publishing on submit and the debrief buttons follow the team folder. */
  g_object_bind_property (self->application, "team-folder", sessions, "team-folder",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->library, "notify::loaded",
                           G_CALLBACK (show_interviews_if_resumed), self, G_CONNECT_SWAPPED);
  show_interviews_if_resumed (self);
  return self->sessions_view;
}

static void
on_visible_view_changed (IkWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "interviews") == 0)
    ik_window_ensure_sessions_view (self);

  /* The focus follows into the view shown (the live view takes it to its
   * notes), never stays on one that is gone: the other view is unmapped
   * only after this notification. */
  if (page != NULL &&
      (focus == NULL || !gtk_widget_get_mapped (focus) ||
       (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_stack)) && !gtk_widget_is_ancestor (focus, page))))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
add_panes (IkWindow *self)
{
  /* A window opened on a library already there shows it at once. */
  if (ik_library_get_loaded (self->library))
    ik_window_ensure_question_browser (self);
  /* Whoever waits for the load finds the banks listed. */
  g_signal_connect_object (self->library, "notify::loaded",
                           G_CALLBACK (ik_window_ensure_question_browser), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_view_changed), self, G_CONNECT_SWAPPED);
}

/* A team folder that went missing: the toast is one line, Preferences say
 * what is wrong in full. */
static void
on_team_folder_error (IkWindow *self)
{
  AdwToast *toast;

  if (ik_application_get_team_folder_error (self->application) == NULL)
    return;
  toast = adw_toast_new (_("The team folder cannot be used"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "app.team-preferences");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
ik_window_constructed (GObject *object)
{
  IkWindow *self = IK_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (ik_window_parent_class)->constructed (object);

  g_assert (self->application != NULL);
  settings = ik_application_get_settings (self->application);
  self->library = g_object_ref (ik_application_get_library (self->application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->library, "notify::has-error",
                           G_CALLBACK (update_error_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::error",
                           G_CALLBACK (update_error_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_library_get_problems (self->library), "items-changed",
                           G_CALLBACK (update_problems_banner), self, G_CONNECT_SWAPPED);
  update_error_banner (self);
  update_problems_banner (self);

  g_signal_connect_object (self->library, "notify::loaded",
                           G_CALLBACK (ik_window_check_retention), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loaded",
                           G_CALLBACK (build_sessions_view_if_running), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_library_get_sessions (self->library), "items-changed",
                           G_CALLBACK (ik_window_check_retention), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::retention-months",
                           G_CALLBACK (on_retention_months_changed), self, G_CONNECT_SWAPPED);
  self->retention_timer = g_timeout_add_seconds (IK_WINDOW_RETENTION_TICK_SECONDS,
                                                 ik_window_retention_tick, self);
  ik_window_check_retention (self);

  add_panes (self);
  build_sessions_view_if_running (self);

  ik_window_update_actions (self);

  g_signal_connect_object (self->application, "notify::team-folder-error",
                           G_CALLBACK (on_team_folder_error), self, G_CONNECT_SWAPPED);
  on_team_folder_error (self);

  g_signal_connect (self, "map", G_CALLBACK (on_map_load_library), NULL);
  if (g_getenv ("IK_BENCH_EXIT_AFTER_MAP") != NULL)
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_benchmark), NULL);
}

static void
ik_window_dispose (GObject *object)
{
  IkWindow *self = IK_WINDOW (object);
  IkWindowUndo *undo = steal_undo (self, FALSE);

  /* What an undo holds (a pane, say) is let go before the panes are. */
  g_clear_pointer (&undo, window_undo_free);
  if (self->close_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->close_dialog), (gpointer *) &self->close_dialog);
      self->close_dialog = NULL;
    }

  g_clear_handle_id (&self->retention_timer, g_source_remove);
  g_clear_handle_id (&self->build_browser_timeout, g_source_remove);
  if (self->library != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->library, ik_window_ensure_question_browser, self);
      g_signal_handlers_disconnect_by_func (ik_library_get_banks (self->library),
                                            ik_window_ensure_question_browser, self);
    }
  self->question_browser = NULL;
  g_clear_pointer (&self->expired, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_WINDOW);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (ik_window_parent_class)->dispose (object);
}

static void
ik_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  IkWindow *self = IK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      self->application = g_value_get_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  IkWindow *self = IK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_APPLICATION_OBJECT:
      g_value_set_object (value, self->application);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_window_class_init (IkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ik_window_constructed;
  object_class->dispose = ik_window_dispose;
  object_class->set_property = ik_window_set_property;
  object_class->get_property = ik_window_get_property;
  window_class->close_request = ik_window_close_request;

  /* The application as our own type, set once at construction; the window
   * holds no reference since the application outlives it. */
  properties[PROP_APPLICATION_OBJECT] =
    g_param_spec_object ("application-object", NULL, NULL,
                         IK_TYPE_APPLICATION,
                         G_PARAM_WRITABLE | G_PARAM_READABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, questions_bin);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, interviews_bin);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, retention_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, retention_label);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, IkWindow, switcher_bar);

  ik_window_class_add_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.check-retention", NULL, check_retention_action);
  gtk_widget_class_install_action (widget_class, "win.review-retention", NULL, review_retention_action);
  ik_file_launcher_install_actions (widget_class);
}

/* The bar at the bottom switches views only in a narrow window: its
 * buttons (two views, each two icons and two labels in stacks) are made
 * when it is first revealed, not styled and measured hidden for every
 * start in a wide window. */
static void
on_switcher_bar_reveal (IkWindow *self)
{
  if (adw_view_switcher_bar_get_reveal (self->switcher_bar) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

/* Where the header bar has no room for the views' switcher, it shows the
 * title, and the bar at the bottom offers the views. */
static void
on_title_squeezed (IkWindow *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (self->title_squeezer);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, shown == GTK_WIDGET (self->window_title));
}

static void
ik_window_init (IkWindow *self)
{
  GtkEventController *undo_keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->switcher_bar, "notify::reveal", G_CALLBACK (on_switcher_bar_reveal), self);
  g_signal_connect_swapped (self->title_squeezer, "notify::visible-child", G_CALLBACK (on_title_squeezed), self);
  on_title_squeezed (self);
  on_switcher_bar_reveal (self);
  ik_menu_button_set_menu_on_demand (self->primary_menu_button, self->primary_menu);
  /* The banners' messages wrap: their boxes answer their width for no
   * height (see ik-text-layout.c), with the spacing the template gives
   * them (the banners' style adds none). */
  {
    GtkLabel *messages[] = { self->error_label, self->problems_label, self->retention_label };

    for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
      {
        GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (messages[i]));

        ik_text_layout_adopt (box, GTK_ORIENTATION_HORIZONTAL, gtk_box_get_spacing (GTK_BOX (box)));
      }
  }
  ik_accessible_fix_names (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);

  /* Seen before the focused widget: a text field takes Ctrl+Z whether or
   * not it has typing to undo. */
  gtk_event_controller_set_propagation_phase (undo_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (undo_keys, "key-pressed", G_CALLBACK (on_undo_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), undo_keys);
}
