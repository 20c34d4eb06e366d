/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole flow by keyboard alone (issue 16): plan an interview (name,
 * date from the calendar, time, questions), run it (a tick, notes, a STAR
 * mark, the next question), finish, rate, sum up, submit and export, with
 * real key events only. Nothing here activates a widget, emits a signal or
 * calls a setter of the UI: the model is only read, to check each step, and
 * after each key the focus must be on a widget that is shown, with its
 * focus ring on. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ik-application.h"
#include "ik-live-view.h"
#include "ik-scorecard-editor.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

typedef struct
{
  char          *dir;
  IkApplication *app;
  IkWindow      *window;
} Fixture;

static gboolean
on_a_monitor (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return surface != NULL && gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GSettings *settings;

  f->app = ik_test_application_new ();
  f->dir = ik_test_make_tmpdir ();
  settings = ik_application_get_settings (f->app);
  g_settings_set_string (settings, "library-location", f->dir);
  g_settings_set_string (settings, "interviewer-name", "Grace Hopper");
  /* Ratings without written evidence: the flow stays short. */
  g_settings_set_boolean (settings, "require-evidence", FALSE);

  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (f->app), 10));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, f->window, 10));
  /* Popovers are placed on the window's monitor: on a loaded machine the
   * first keys could open one before the X server had told GTK where the
   * window is. */
  g_assert_true (ik_test_wait_for (on_a_monitor, f->window, 10));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i = 0;

  while (i < g_list_model_get_n_items (toplevels))
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == GTK_WINDOW (f->window))
        i++;
      else
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (20);
  g_assert_finalize_object (f->window);
  g_object_unref (f->app);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The window that has the keyboard: the newest one shown (a dialog is
 * newer than the window it belongs to). */
static GtkWindow *
keyboard_window (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = GTK_WINDOW (f->window);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (window)) && window != GTK_WINDOW (f->window))
        found = window;
    }
  return found;
}

static GtkWidget *
current_focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (keyboard_window (f)));
}

/* GTK hides the focus ring again 3 s after the last key press
 * (VISIBLE_FOCUS_DURATION in gtkwindow.c). On a slow build (ASan) handling
 * one key can take longer than that, so a ring already hidden again counts
 * when it was shown after the key and that long has passed since. */
#define GTK_FOCUS_RING_SECONDS 3

static gint64 focus_ring_shown_at;
static gint64 last_key_at;

static void
on_focus_visible (GtkWindow *window)
{
  if (gtk_window_get_focus_visible (window))
    focus_ring_shown_at = g_get_monotonic_time ();
}

/* Every window, including those a key opens, reports its focus ring. */
static void
watch_focus_rings (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "ik-test-ring-watched") != NULL)
        continue;
      g_object_set_data (G_OBJECT (window), "ik-test-ring-watched", GINT_TO_POINTER (1));
      g_signal_connect (window, "notify::focus-visible", G_CALLBACK (on_focus_visible), NULL);
    }
}

static gboolean
slow_build (void)
{
  const char *scale = g_getenv ("IK_TEST_TIME_SCALE");

  return scale != NULL && g_ascii_strtod (scale, NULL) > 1.0;
}

/* Sends a key through the X server, noting when. */
static gboolean
send_key (Fixture         *f,
          guint            keyval,
          GdkModifierType  modifiers)
{
  watch_focus_rings ();
  last_key_at = g_get_monotonic_time ();
  /* Already shown: the key starts GTK's 3 s again, without a notify. */
  if (gtk_window_get_focus_visible (keyboard_window (f)))
    focus_ring_shown_at = last_key_at;
  return ik_test_press_key (keyboard_window (f), keyval, modifiers);
}

/* After every key: the focus is somewhere a user sees it. */
static void
assert_focus_visible (Fixture *f)
{
  GtkWindow *window = keyboard_window (f);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (gtk_widget_is_visible (focus));
  g_assert_true (gtk_widget_is_sensitive (focus));
  /* Under a sanitizer (IK_TEST_TIME_SCALE, set by build-aux/test
   * --sanitize) GTK hides the ring again before a slow key is done with,
   * for reasons of its own timing; the ring is checked in normal runs. */
  if (!gtk_window_get_focus_visible (window) && !slow_build ())
    {
      /* Only GTK's own timeout may have hidden it. */
      g_assert_cmpint (focus_ring_shown_at, >=, last_key_at);
      g_assert_cmpint (g_get_monotonic_time () - focus_ring_shown_at, >=, GTK_FOCUS_RING_SECONDS * G_USEC_PER_SEC);
    }
}

static gboolean
focus_mapped (gpointer data)
{
  GtkWidget *focus = current_focus (data);

  return focus != NULL && gtk_widget_get_mapped (focus);
}

static gboolean
in_combo_row (GtkWidget *focus,
              gpointer   data)
{
  return gtk_widget_get_ancestor (focus, ADW_TYPE_COMBO_ROW) != NULL;
}

/* Whether the focused row lies wholly inside the window: GTK 4.8 on X11
 * lays a popover out against the monitor its anchor is on, and for a row
 * scrolled out of view there is none (a negative width; the popover does
 * not show). */
static gboolean
focus_row_in_view (gpointer data)
{
  GtkWidget *window = GTK_WIDGET (keyboard_window (data));
  GtkWidget *focus = current_focus (data);
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_COMBO_ROW) : NULL;
  graphene_rect_t bounds;

  return row != NULL && gtk_widget_compute_bounds (row, window, &bounds)
         && bounds.origin.x >= 0 && bounds.origin.y >= 0
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window)
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window);
}

static void
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_assert_true (send_key (f, keyval, modifiers));
  watch_focus_rings ();
  assert_focus_visible (f);
}

/* Types text as a user would, with Shift where the layout needs it. */
static void
type_text (Fixture    *f,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guint keyval = gdk_unicode_to_keyval (g_utf8_get_char (p));
      g_autofree GdkKeymapKey *keys = NULL;
      int n_keys = 0;

      g_assert_true (gdk_display_map_keyval (gdk_display_get_default (), keyval, &keys, &n_keys));
      press (f, keyval, keys[0].level == 1 ? GDK_SHIFT_MASK : 0);
    }
}

typedef gboolean (*FocusMatch) (GtkWidget *focus,
                                gpointer   data);

/* Tab until the focus is on what @match wants; fails if it never gets
 * there, i.e. if the keyboard cannot reach it. */
static GtkWidget *
tab_to (Fixture    *f,
        FocusMatch  match,
        gpointer    data,
        guint       max_tabs)
{
  for (guint i = 0; i <= max_tabs; i++)
    {
      GtkWidget *focus = current_focus (f);

      if (focus != NULL && match (focus, data))
        return focus;
      press (f, GDK_KEY_Tab, 0);
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
in_type (GtkWidget *focus,
         gpointer   data)
{
  return gtk_widget_get_ancestor (focus, GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
is_widget (GtkWidget *focus,
           gpointer   data)
{
  return focus == data;
}

static const char *
group_title (GtkWidget *focus)
{
  GtkWidget *group = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_GROUP);

  return group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : NULL;
}

/* A row of the bank's questions in the planner. */
static gboolean
is_bank_row (GtkWidget *focus,
             gpointer   data)
{
  return GTK_IS_LIST_BOX_ROW (focus) && g_strcmp0 (group_title (focus), "Questions in the Bank") == 0;
}

static gboolean
is_summary (GtkWidget *focus,
            gpointer   data)
{
  return GTK_IS_TEXT_VIEW (focus) && g_strcmp0 (group_title (focus), "Key Takeaways") == 0;
}

/* A level of a competency card of the scorecard (its row or its radio
 * button) in a card not rated yet. */
static gboolean
is_unrated_level (GtkWidget *focus,
                  gpointer   data)
{
  GHashTable *rated = data;
  GtkWidget *row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *group = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *check;

  if (row == NULL || group == NULL || g_hash_table_contains (rated, group))
    return FALSE;
  check = ik_test_find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL);
  return check != NULL
         && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (check)) == GTK_ACCESSIBLE_ROLE_RADIO;
}

static guint
n_records (IkSession *session)
{
  return g_list_model_get_n_items (ik_session_get_records (session));
}

static IkQuestionRecord *
record_at (IkSession *session,
           guint      index)
{
  return g_list_model_get_item (ik_session_get_records (session), index);
}

static guint
n_rated (IkSession *session)
{
  GListModel *ratings = ik_scorecard_get_ratings (ik_session_get_scorecard (session));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

      n += ik_competency_rating_get_rating (rating) != IK_RATING_UNRATED;
    }
  return n;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
popover_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

typedef struct
{
  Fixture *f;
  GType    type;
} WindowWait;

static gboolean
window_shown (gpointer data)
{
  WindowWait *wait = data;
  GtkWindow *window = keyboard_window (wait->f);

  return g_type_is_a (G_OBJECT_TYPE (window), wait->type) && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
wait_for_window (Fixture *f,
                 GType    type)
{
  WindowWait wait = { f, type };

  g_assert_true (ik_test_wait_for (window_shown, &wait, 10));
  ik_test_iterate (10);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 3;
}

/* Waits for the layout of what the last key changed. */
static void
wait_for_layout (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  g_assert_true (ik_test_wait_for (two_frames, &frames, 5));
  gtk_widget_remove_tick_callback (widget, id);
}

/* The row is within what the scrolled window shows: the scroll position
 * followed it rather than going back to the top. */
static void
assert_in_view (GtkWidget *row,
                GtkWidget *scrolled)
{
  graphene_rect_t bounds;

  wait_for_layout (scrolled);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, -0.5);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scrolled) + 0.5);
}

static gboolean
only_main_window (gpointer data)
{
  Fixture *f = data;

  return keyboard_window (f) == GTK_WINDOW (f->window);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static void
run_flow (Fixture *f,
          int      width,
          int      height)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  IkLibrary *library = ik_application_get_library (f->app);
  g_autoptr(GHashTable) rated = g_hash_table_new (NULL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(IkQuestionRecord) first = NULL;
  g_autofree char *export_path = g_build_filename (f->dir, "ada-scorecard.pdf", NULL);
  g_autofree char *exported = NULL;
  IkSessionsView *view;
  IkSession *session;
  GtkWidget *planner, *live, *editor, *focus, *row, *scrolled, *finish;
  GtkMenuButton *date_button;
  GtkPopover *popover;
  GtkAdjustment *vadjustment;
  guint n_ratings;
  double scroll;

  gtk_window_set_default_size (window, width, height);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_banks (library)), >, 0);

  /* Plan: the Interviews view, Ctrl+N, the candidate's name. */
  if (!ik_test_press_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK))
    return;
  view = IK_SESSIONS_VIEW (ik_test_find_widget (GTK_WIDGET (window), IK_TYPE_SESSIONS_VIEW, NULL));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  press (f, GDK_KEY_n, GDK_CONTROL_MASK);
  planner = ik_sessions_view_get_content (view);
  g_assert_true (IK_IS_SESSION_PLANNER (planner));
  session = ik_session_planner_get_session (IK_SESSION_PLANNER (planner));
  g_assert_true (gtk_widget_is_ancestor (current_focus (f), planner));
  type_text (f, "Ada Lovelace");
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Ada Lovelace");
  g_assert_true (ik_library_find_session (library, ik_session_get_id (session)) == session);

  /* The date: the button opens the calendar with Enter, Right moves to the
   * next day, Enter keeps it; opened again, a day moved to is dropped with
   * Escape. */
  g_assert_null (ik_session_get_scheduled (session));
  focus = tab_to (f, in_type, GSIZE_TO_POINTER (GTK_TYPE_MENU_BUTTON), 20);
  date_button = GTK_MENU_BUTTON (gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (date_button), planner));
  popover = gtk_menu_button_get_popover (date_button);
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_CALENDAR, NULL));
  press (f, GDK_KEY_Return, 0);
  g_assert_true (ik_test_wait_for (popover_shown, popover, 5));
  g_assert_true (GTK_IS_CALENDAR (current_focus (f)));
  press (f, GDK_KEY_Right, 0);
  press (f, GDK_KEY_Return, 0);
  g_assert_true (ik_test_wait_for (popover_hidden, popover, 5));
  g_assert_true (gtk_widget_is_ancestor (current_focus (f), GTK_WIDGET (date_button)));
  scheduled = g_date_time_to_local (ik_session_get_scheduled (session));
  g_assert_cmpint (g_date_time_get_year (scheduled), ==, g_date_time_get_year (tomorrow));
  g_assert_cmpint (g_date_time_get_day_of_year (scheduled), ==, g_date_time_get_day_of_year (tomorrow));
  press (f, GDK_KEY_space, 0);
  g_assert_true (ik_test_wait_for (popover_shown, popover, 5));
  press (f, GDK_KEY_Down, 0);
  g_clear_pointer (&scheduled, g_date_time_unref);
  scheduled = g_date_time_to_local (ik_session_get_scheduled (session));
  g_assert_cmpint (g_date_time_get_day_of_year (scheduled), !=, g_date_time_get_day_of_year (tomorrow));
  press (f, GDK_KEY_Escape, 0);
  g_assert_true (ik_test_wait_for (popover_hidden, popover, 5));
  g_assert_true (gtk_widget_is_ancestor (current_focus (f), GTK_WIDGET (date_button)));
  g_clear_pointer (&scheduled, g_date_time_unref);
  scheduled = g_date_time_to_local (ik_session_get_scheduled (session));
  g_assert_cmpint (g_date_time_get_day_of_year (scheduled), ==, g_date_time_get_day_of_year (tomorrow));
  g_assert_true (ik_sessions_view_get_content (view) == planner);
  /* The button shows the date with its four-digit year. */
  {
    g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (tomorrow));

    g_assert_nonnull (strstr (gtk_menu_button_get_label (date_button), year));
  }

  /* The time: the hour one up. */
  tab_to (f, in_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON), 5);
  press (f, GDK_KEY_Up, 0);
  g_clear_pointer (&scheduled, g_date_time_unref);
  scheduled = g_date_time_to_local (ik_session_get_scheduled (session));
  g_assert_cmpint (g_date_time_get_hour (scheduled), ==, 10);
  g_assert_cmpint (g_date_time_get_day_of_year (scheduled), ==, g_date_time_get_day_of_year (tomorrow));

  /* Questions: Space ticks the row with the focus, which stays there, and
   * stays in view; the list is one Tab stop, and Down goes to the next
   * question (not to its check box). */
  row = tab_to (f, is_bank_row, NULL, 40);
  scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  scroll = gtk_adjustment_get_value (vadjustment);
  assert_in_view (row, scrolled);
  g_assert_cmpuint (n_records (session), ==, 0);
  press (f, GDK_KEY_space, 0);
  g_assert_cmpuint (n_records (session), ==, 1);
  g_assert_true (current_focus (f) == row);
  assert_in_view (row, scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >=, scroll);
  press (f, GDK_KEY_Down, 0);
  g_assert_true (is_bank_row (current_focus (f), NULL));
  g_assert_true (current_focus (f) != row);
  row = current_focus (f);
  scroll = gtk_adjustment_get_value (vadjustment);
  press (f, GDK_KEY_Return, 0);
  g_assert_cmpuint (n_records (session), ==, 2);
  g_assert_true (current_focus (f) == row);
  assert_in_view (row, scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >=, scroll);

  /* Run: Ctrl+Return starts, Alt+1 ticks the first area, the notes have
   * the focus, Alt+S marks the situation, Alt+Right goes on. */
  press (f, GDK_KEY_Return, GDK_CONTROL_MASK);
  live = ik_sessions_view_get_content (view);
  g_assert_true (IK_IS_LIVE_VIEW (live));
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_IN_PROGRESS);
  first = record_at (session, 0);
  press (f, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_true (ik_question_record_get_area_covered (first, 0));
  press (f, GDK_KEY_n, GDK_ALT_MASK);
  g_assert_true (GTK_IS_TEXT_VIEW (current_focus (f)));
  type_text (f, "Calm and precise.");
  g_assert_cmpstr (ik_question_record_get_notes (first), ==, "Calm and precise.");
  press (f, GDK_KEY_s, GDK_ALT_MASK);
  g_assert_true (ik_question_record_get_star (first) & IK_STAR_SITUATION);
  /* Without an action or result, Next first suggests the follow-up;
   * pressed again, it moves on. */
  press (f, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpuint (ik_session_get_current (session), ==, 0);
  press (f, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpuint (ik_session_get_current (session), ==, 1);

  /* Finish: Tab leaves the notes, on to the Finish button, Enter. */
  finish = ik_test_find_widget (live, GTK_TYPE_BUTTON, "_Finish");
  g_assert_nonnull (finish);
  tab_to (f, is_widget, finish, 40);
  press (f, GDK_KEY_Return, 0);
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_COMPLETED);
  editor = ik_sessions_view_get_content (view);
  g_assert_true (IK_IS_SCORECARD_EDITOR (editor));

  /* Rate every competency: Tab to a card not rated yet, Space. */
  n_ratings = g_list_model_get_n_items (ik_scorecard_get_ratings (ik_session_get_scorecard (session)));
  g_assert_cmpuint (n_ratings, >, 0);
  while (n_rated (session) < n_ratings)
    {
      guint before = n_rated (session);

      focus = tab_to (f, is_unrated_level, rated, 60);
      g_hash_table_add (rated, gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_GROUP));
      press (f, GDK_KEY_space, 0);
      g_assert_cmpuint (n_rated (session), ==, before + 1);
    }

  /* The recommendation by its mnemonic: Alt+R opens the list, Down to
   * "Yes" and Enter. */
  {
    /* Each key once the popover has shown or hidden: the focus moves
     * into it and back with its mapping. */
    /* Tabbed to first, so that it is in view (see focus_row_in_view()),
     * as a user sees it before choosing. */
    tab_to (f, in_combo_row, NULL, 60);
    g_assert_true (ik_test_wait_for (focus_row_in_view, f, 5));
    g_assert_true (send_key (f, GDK_KEY_r, GDK_ALT_MASK));
    g_assert_true (ik_test_wait_for (focus_mapped, f, 5));
    press (f, GDK_KEY_Down, 0);
    press (f, GDK_KEY_Down, 0);
    press (f, GDK_KEY_Down, 0);
    g_assert_true (send_key (f, GDK_KEY_Return, 0));
    g_assert_true (ik_test_wait_for (focus_mapped, f, 5));
    assert_focus_visible (f);
  }
  g_assert_cmpint (ik_scorecard_get_recommendation (ik_session_get_scorecard (session)), ==, IK_RECOMMENDATION_YES);

  /* The summary. */
  tab_to (f, is_summary, NULL, 60);
  type_text (f, "Hire.");
  g_assert_cmpstr (ik_scorecard_get_summary (ik_session_get_scorecard (session)), ==, "Hire.");

  /* Submit: Ctrl+Return, Enter confirms. */
  press (f, GDK_KEY_Return, GDK_CONTROL_MASK);
  wait_for_window (f, ADW_TYPE_MESSAGE_DIALOG);
  assert_focus_visible (f);
  press (f, GDK_KEY_Return, 0);
  g_assert_cmpint (ik_session_get_state (session), ==, IK_SESSION_STATE_SUBMITTED);
  g_assert_true (ik_scorecard_get_read_only (ik_session_get_scorecard (session)));

  /* Export: Ctrl+E, Alt+E, the path typed into the name, Enter (a PDF,
   * the first format: the format row's popover does not open on Xvfb). */
  g_assert_true (keyboard_window (f) == window);
  press (f, GDK_KEY_e, GDK_CONTROL_MASK);
  wait_for_window (f, ADW_TYPE_WINDOW);
  assert_focus_visible (f);
  press (f, GDK_KEY_e, GDK_ALT_MASK);
  wait_for_window (f, GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_focus_visible (f);
  g_assert_true (GTK_IS_EDITABLE (current_focus (f)) || GTK_IS_TEXT (current_focus (f)));
  press (f, GDK_KEY_a, GDK_CONTROL_MASK);
  type_text (f, export_path);
  press (f, GDK_KEY_Return, 0);
  g_assert_true (ik_test_wait_for (file_exists, export_path, 10));
  g_assert_true (ik_test_wait_for (only_main_window, f, 10));
  ik_test_iterate (20);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  /* The dialog's first format. */
  g_assert_true (g_str_has_prefix (exported, "%PDF-"));
  /* Done, the focus is back in the window. */
  assert_focus_visible (f);
}

/* 700 rather than 768 high: on a 768 high Xvfb screen the window's
 * shadow puts its surface past the monitor, and GTK 4.8 then cannot place
 * the combo rows' popovers. */
static void
test_flow_wide (Fixture       *f,
                gconstpointer  data)
{
  run_flow (f, 1366, 700);
}

static void
test_flow_narrow (Fixture       *f,
                  gconstpointer  data)
{
  run_flow (f, 683, 700);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add ("/keyboard-flow/wide", Fixture, NULL, fixture_setup, test_flow_wide, fixture_teardown);
  g_test_add ("/keyboard-flow/narrow", Fixture, NULL, fixture_setup, test_flow_narrow, fixture_teardown);

  return g_test_run ();
}
