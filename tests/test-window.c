/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: its chrome, its actions, its one toast overlay and undo
 * of deletes, and its lifetime. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ik-application.h"
#include "ik-file-store.h"
#include "ik-preferences-window.h"
#include "ik-question-browser.h"
#include "ik-question-row.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window-private.h"

typedef struct
{
  char          *dir;
  IkApplication *app;
  IkWindow      *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = ik_test_application_new ();
  /* A library of the test's own, not the one in the user's data folder. */
  f->dir = ik_test_make_tmpdir ();
  g_settings_set_string (ik_application_get_settings (f->app), "library-location", f->dir);

  /* Our own reference, so g_assert_finalize_object can check that nothing
   * else keeps the window alive once it is destroyed. */
  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (f->app), 10));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Close every dialog a test left open before checking for leaks. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      if (window == GTK_WINDOW (f->window))
        {
          g_autoptr(GtkWindow) other = NULL;

          if (g_list_model_get_n_items (toplevels) == 1)
            break;
          other = g_list_model_get_item (toplevels, 1);
          gtk_window_destroy (other);
          continue;
        }
      gtk_window_destroy (window);
    }

  gtk_window_destroy (GTK_WINDOW (f->window));
  ik_test_iterate (20);
  g_assert_finalize_object (f->window);
  /* Not asserted: the D-Bus export of the application's actions keeps a
   * reference until a shutdown that g_application_register() never runs. */
  g_object_unref (f->app);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
menu_open (gpointer menu_button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (menu_button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static void
test_chrome (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *menu_button = ik_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, "Main Menu");
  GtkWidget *header = ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *switcher = ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER, NULL);

  g_assert_nonnull (header);
  g_assert_nonnull (switcher);
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  /* The menu is built when it first opens (F10, as a keyboard user would),
   * not with the window. */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  if (!ik_test_press_key (GTK_WINDOW (f->window), GDK_KEY_F10, 0))
    return;
  g_assert_true (ik_test_wait_for (menu_open, menu_button, 5));
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  /* The team's debrief is in the menu, with its shortcut. */
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "app.team");
    gboolean found = FALSE;

    for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

        for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
          {
            g_autofree char *action = NULL;

            if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action)
                && g_strcmp0 (action, "app.team") == 0)
              found = TRUE;
          }
      }
    g_assert_true (found);
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Shift><Control>d"));
  }
}

static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GtkWindow *about;
  g_autofree char *debug_info = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  ik_test_iterate (10);
  about = ik_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  debug_info = g_strdup (adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (about)));
  g_assert_nonnull (strstr (debug_info, "GTK: "));
  g_assert_nonnull (strstr (debug_info, "libadwaita: "));
  g_assert_nonnull (strstr (debug_info, "Library: "));
  gtk_window_destroy (about);
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-shortcuts", NULL));
  ik_test_iterate (10);
  overlay = ik_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (overlay);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = ik_application_get_settings (f->app);
  GtkWindow *prefs;
  GtkWidget *spin;
  GtkWidget *entry_row;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  ik_test_iterate (10);
  prefs = ik_test_find_toplevel (IK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (f->window));

  /* The rows are bound to GSettings: a change in the window is a change of
   * the key, and the other way round. */
  entry_row = ik_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Ada Lovelace");
  {
    g_autofree char *name = g_settings_get_string (settings, "interviewer-name");
    g_assert_cmpstr (name, ==, "Ada Lovelace");
  }

  g_settings_set_int (settings, "default-duration", 45);
  spin = ik_test_find_widget (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 45);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 60);
  g_assert_cmpint (g_settings_get_int (settings, "default-duration"), ==, 60);

  gtk_window_destroy (prefs);
}

static void
test_dark_style_setting (Fixture       *f,
                         gconstpointer  data)
{
  GSettings *settings = ik_application_get_settings (f->app);
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_settings_set_string (settings, "color-scheme", "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_set_string (settings, "color-scheme", "default");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_window_size_saved (Fixture       *f,
                        gconstpointer  data)
{
  GSettings *settings = ik_application_get_settings (f->app);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 700, 500);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
}

static void
test_view_switching (Fixture       *f,
                     gconstpointer  data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "interviews"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "interviews");
  /* The Interviews view is built lazily, but is there once shown. */
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_SESSIONS_VIEW, NULL));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_QUESTION_BROWSER, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "questions"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "questions");
}

/* ---- One toast overlay, one undo ------------------------------------------ */

static IkLibrary *
library_of (Fixture *f)
{
  IkLibrary *library = ik_application_get_library (f->app);

  ik_library_set_autosave_delay (library, 10);
  return library;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static char *
file_path (IkLibrary  *library,
           const char *folder,
           const char *id)
{
  g_autofree char *name = g_strdup_printf ("%s.json", id);

  return g_build_filename (ik_library_get_dir (library), folder, name, NULL);
}

/* Trash files of one object: trash/<kind>-<id>-<time>.json. */
static guint
count_in_trash (IkLibrary  *library,
                const char *kind,
                const char *id)
{
  g_autofree char *trash = g_build_filename (ik_library_get_dir (library), "trash", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s-%s-", kind, id);
  g_autoptr(GDir) dir = g_dir_open (trash, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = g_type_is_a (G_OBJECT_TYPE (root), type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

/* A label whose text holds @text: a toast's title, say. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static IkQuestionBrowser *
browser_of (Fixture *f)
{
  return IK_QUESTION_BROWSER (ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_QUESTION_BROWSER, NULL));
}

static GtkWidget *
sessions_view_of (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "interviews"));
  return ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_SESSIONS_VIEW, NULL);
}

/* A user bank with @n_questions questions, saved to its file. */
static IkBank *
add_saved_bank (IkLibrary  *library,
                const char *title,
                guint       n_questions)
{
  g_autoptr(IkBank) bank = ik_bank_new (title);
  g_autofree char *path = NULL;
  IkBank *added;

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(IkQuestion) question = ik_question_new ();
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);

      ik_question_set_text (question, text);
      g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
    }
  added = ik_library_add_bank (library, bank);
  path = file_path (library, "banks", ik_bank_get_id (added));
  g_assert_true (ik_test_wait_for (file_exists, path, 10));
  return added;
}

static IkSession *
add_saved_session (IkLibrary  *library,
                   const char *candidate)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *path = NULL;
  IkSession *added;

  ik_session_set_candidate_name (session, candidate);
  added = ik_library_add_session (library, session);
  path = file_path (library, "sessions", ik_session_get_id (added));
  g_assert_true (ik_test_wait_for (file_exists, path, 10));
  return added;
}

/* The Interviews view is built when it is first shown; at load only when
 * an interview was left running, which the window then goes back to. */
static void
test_interviews_built_when_needed (Fixture       *f,
                                   gconstpointer  data)
{
  IkLibrary *library = library_of (f);

  add_saved_session (library, "Ada Lovelace");
  add_saved_session (library, "Grace Hopper");
  g_assert_null (f->window->sessions_view);
  g_assert_null (ik_test_find_widget (GTK_WIDGET (f->window), IK_TYPE_SESSIONS_VIEW, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (f->window->view_stack), ==, "questions");

  /* Shown: built, with its interviews. */
  g_assert_nonnull (sessions_view_of (f));
  g_assert_nonnull (f->window->sessions_view);
  g_assert_cmpuint (g_list_model_get_n_items (ik_sessions_view_get_visible_sessions (f->window->sessions_view)), ==, 2);
}

typedef struct
{
  IkWindow *window;
  gboolean  painted;             /* the first frame is out */
  gboolean  browser_at_frame;    /* the question browser was in it */
} FirstFrame;

static void
on_first_frame_painted (GdkFrameClock *clock,
                        FirstFrame    *frame)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, frame);
  frame->painted = TRUE;
  frame->browser_at_frame = ik_test_find_widget (GTK_WIDGET (frame->window), IK_TYPE_QUESTION_BROWSER, NULL) != NULL;
}

static void
on_mapped_watch_frame (GtkWidget  *widget,
                       FirstFrame *frame)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_first_frame_painted), frame);
}

static gboolean
browser_built (gpointer data)
{
  return ik_test_find_widget (GTK_WIDGET (data), IK_TYPE_QUESTION_BROWSER, NULL) != NULL;
}

/* The first frame shows the header over an empty page; the question
 * browser is built when the banks arrive (or shortly after, if they are
 * slow), without waiting for the rest of the library, and painted in a
 * later frame. */
static void
test_browser_after_first_frame (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkApplication) app = ik_test_application_new ();
  FirstFrame frame = { NULL, FALSE, FALSE };
  IkLibrary *library;
  GtkWidget *browser;

  g_settings_set_string (ik_application_get_settings (app), "library-location", dir);
  library = ik_application_get_library (app);
  frame.window = g_object_ref (ik_window_new (app));
  g_assert_null (ik_test_find_widget (GTK_WIDGET (frame.window), IK_TYPE_QUESTION_BROWSER, NULL));
  g_signal_connect (frame.window, "map", G_CALLBACK (on_mapped_watch_frame), &frame);
  gtk_window_present (GTK_WINDOW (frame.window));

  g_assert_true (ik_test_wait_for (browser_built, frame.window, 10));
  g_assert_true (frame.painted);
  g_assert_false (frame.browser_at_frame);
  browser = ik_test_find_widget (GTK_WIDGET (frame.window), IK_TYPE_QUESTION_BROWSER, NULL);
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, browser, 10));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
  /* Built once. */
  g_assert_true (ik_test_find_widget (GTK_WIDGET (frame.window), IK_TYPE_QUESTION_BROWSER, NULL) == browser);

  gtk_window_destroy (GTK_WINDOW (frame.window));
  ik_test_iterate (20);
  g_assert_finalize_object (frame.window);
  ik_test_rm_rf (dir);
}

/* A window that has painted no frame has its browser by the time the
 * library is loaded (whoever waits for the load finds the banks listed),
 * and a window opened on a loaded library has it from the start. */
static void
test_browser_when_needed (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkApplication) app = ik_test_application_new ();
  IkWindow *hidden, *second;
  IkLibrary *library;

  g_settings_set_string (ik_application_get_settings (app), "library-location", dir);
  library = ik_application_get_library (app);
  hidden = g_object_ref (ik_window_new (app));
  g_assert_null (ik_test_find_widget (GTK_WIDGET (hidden), IK_TYPE_QUESTION_BROWSER, NULL));
  ik_application_load_library (app);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (hidden)));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (hidden), IK_TYPE_QUESTION_BROWSER, NULL));

  second = g_object_ref (ik_window_new (app));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (second), IK_TYPE_QUESTION_BROWSER, NULL));

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (hidden));
  ik_test_iterate (20);
  g_assert_finalize_object (second);
  g_assert_finalize_object (hidden);
  ik_test_rm_rf (dir);
}

/* The app opened again on that library goes back to the interview (one
 * without questions: the live view's focus once looped forever on it). */
static void
test_resumes_running_interview (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *running_id = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(IkApplication) app = ik_test_application_new ();
      IkWindow *window;
      IkLibrary *library;

      g_settings_set_string (ik_application_get_settings (app), "library-location", dir);
      window = g_object_ref (ik_window_new (app));
      gtk_window_present (GTK_WINDOW (window));
      library = ik_application_get_library (app);
      g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
      if (round == 0)
        {
          IkSession *running;

          ik_library_set_autosave_delay (library, 10);
          add_saved_session (library, "Grace Hopper");
          running = add_saved_session (library, "Ada Lovelace");
          running_id = g_strdup (ik_session_get_id (running));
          ik_session_set_state (running, IK_SESSION_STATE_IN_PROGRESS);
          g_assert_true (ik_library_flush (library, NULL));
          g_assert_null (window->sessions_view);
        }
      else
        {
          g_assert_nonnull (window->sessions_view);
          g_assert_nonnull (ik_sessions_view_get_session (window->sessions_view));
          g_assert_cmpstr (ik_session_get_id (ik_sessions_view_get_session (window->sessions_view)), ==, running_id);
          g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "interviews");
        }
      gtk_window_destroy (GTK_WINDOW (window));
      ik_test_iterate (20);
      g_assert_finalize_object (window);
    }
  ik_test_rm_rf (dir);
}

static void
test_one_toast_overlay (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *sessions = sessions_view_of (f);

  g_assert_nonnull (sessions);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY), ==, 1);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (browser_of (f)), ADW_TYPE_TOAST_OVERLAY), ==, 0);
  g_assert_cmpuint (count_widgets (sessions, ADW_TYPE_TOAST_OVERLAY), ==, 0);
  /* The planner shows its toasts on the window too. */
  g_assert_cmpuint (g_signal_lookup ("toast", IK_TYPE_SESSION_PLANNER), ==, 0);
}

static void
test_undo_delete_bank (Fixture       *f,
                       gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  IkQuestionBrowser *browser = browser_of (f);
  IkBank *bank = add_saved_bank (library, "Delta <Bank>", 2);
  g_autofree char *id = g_strdup (ik_bank_get_id (bank));
  g_autofree char *path = file_path (library, "banks", id);
  IkBank *restored;

  ik_question_browser_select_bank (browser, bank);
  g_assert_true (ik_question_browser_get_bank (browser) == bank);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "browser.delete-bank", NULL));
  ik_test_iterate (10);

  /* Gone at once, into the library's trash, with Undo offered. */
  g_assert_null (ik_library_find_bank (library, id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_in_trash (library, "bank", id), ==, 1);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->window), "Deleted “Delta <Bank>”"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  ik_test_iterate (10);
  restored = ik_library_find_bank (library, id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (ik_bank_get_title (restored), ==, "Delta <Bank>");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (restored)), ==, 2);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_in_trash (library, "bank", id), ==, 0);
  g_assert_true (ik_question_browser_get_bank (browser) == restored);

  /* Undo twice does nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  ik_test_iterate (10);
  g_assert_true (ik_library_find_bank (library, id) == restored);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_undo_delete_question (Fixture       *f,
                           gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  IkQuestionBrowser *browser = browser_of (f);
  IkBank *bank = add_saved_bank (library, "Echo Bank", 3);
  GListModel *questions = ik_bank_get_questions (bank);
  g_autoptr(IkQuestion) second = g_list_model_get_item (questions, 1);
  GtkSelectionModel *listed;
  guint position;

  ik_question_browser_select_bank (browser, bank);
  ik_test_iterate (10);
  listed = GTK_SELECTION_MODEL (ik_question_browser_get_questions (browser));
  g_assert_true (gtk_selection_model_select_item (listed, 1, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (browser), "browser.delete-question", NULL));
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 2);
  g_assert_false (g_list_store_find (G_LIST_STORE (questions), second, &position));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->window), "Deleted “Question 2”"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);
  g_assert_true (g_list_store_find (G_LIST_STORE (questions), second, &position));
  g_assert_cmpuint (position, ==, 1);

  /* Undo twice does nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);
}

static void
test_undo_delete_session (Fixture       *f,
                          gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  GtkWidget *view = sessions_view_of (f);
  IkSession *grace = add_saved_session (library, "Grace Hopper");
  IkSession *alan = add_saved_session (library, "Alan Turing");
  g_autofree char *grace_id = g_strdup (ik_session_get_id (grace));
  g_autofree char *alan_id = g_strdup (ik_session_get_id (alan));
  g_autofree char *grace_path = file_path (library, "sessions", grace_id);
  g_autofree char *alan_path = file_path (library, "sessions", alan_id);
  GListModel *visible = ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (view));
  IkSession *restored;

  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  g_assert_true (gtk_widget_activate_action (view, "sessions.delete", "s", grace_id));
  ik_test_iterate (10);
  g_assert_null (ik_library_find_session (library, grace_id));
  g_assert_false (g_file_test (grace_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_in_trash (library, "session", grace_id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->window), "Deleted the interview with Grace Hopper"));

  /* One undo at a time: the later delete is the one Undo brings back. */
  g_assert_true (gtk_widget_activate_action (view, "sessions.delete", "s", alan_id));
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  ik_test_iterate (10);

  restored = ik_library_find_session (library, alan_id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (ik_session_get_candidate_name (restored), ==, "Alan Turing");
  g_assert_true (g_file_test (alan_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_in_trash (library, "session", alan_id), ==, 0);
  g_assert_null (ik_library_find_session (library, grace_id));
  g_assert_cmpuint (count_in_trash (library, "session", grace_id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
}

static void
test_delete_session_fails (Fixture       *f,
                           gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  GtkWidget *view = sessions_view_of (f);
  IkSession *ada = add_saved_session (library, "Ada Lovelace");
  g_autofree char *id = g_strdup (ik_session_get_id (ada));
  g_autofree char *path = file_path (library, "sessions", id);
  g_autofree char *trash = g_build_filename (ik_library_get_dir (library), "trash", NULL);
  g_autoptr(GError) error = NULL;

  /* A trash that is not a folder cannot take the file (root included). */
  g_rmdir (trash);
  g_file_set_contents (trash, "not a folder", -1, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (view, "sessions.delete", "s", id));
  ik_test_iterate (10);
  g_assert_true (ik_library_find_session (library, id) == ada);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (ik_sessions_view_get_visible_sessions (IK_SESSIONS_VIEW (view))), ==, 1);
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->window), "Could not delete the interview with Ada Lovelace"));

  /* Nothing to undo. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL);
  ik_test_iterate (10);
  g_assert_true (ik_library_find_session (library, id) == ada);
  g_unlink (trash);
}

static gboolean
failing_write (const char  *path,
               const char  *data,
               gsize        len,
               GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  return FALSE;
}

static gboolean
window_is_open (IkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == GTK_WINDOW (window))
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
close_dialog (Fixture *f)
{
  GtkWindow *dialog = ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "No space left on device"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "keep");
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
test_close_flush_fails (Fixture       *f,
                        gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  IkSession *session = add_saved_session (library, "Barbara Liskov");

  ik_file_store_set_write_func (failing_write);
  ik_session_set_role (session, "Staff Engineer");

  /* The edit cannot be written: the window stays and says why. */
  gtk_window_close (GTK_WINDOW (f->window));
  ik_test_iterate (10);
  g_assert_true (window_is_open (f->window));
  adw_message_dialog_response (close_dialog (f), "keep");
  ik_test_iterate (10);
  g_assert_true (window_is_open (f->window));
  g_assert_null (ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Quitting asks too. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  ik_test_iterate (10);
  g_assert_true (window_is_open (f->window));

  /* Only the user's word closes it. */
  adw_message_dialog_response (close_dialog (f), "close");
  ik_test_iterate (10);
  g_assert_false (window_is_open (f->window));
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (session)));
  ik_file_store_set_write_func (NULL);
}

/* A save that fails shows the error banner, which is hidden (neither
 * styled nor measured) while there is none; its status element, for a
 * screen reader, is in the window throughout. */
static gboolean
revealer_open (gpointer revealer)
{
  return gtk_widget_get_mapped (revealer) && gtk_revealer_get_child_revealed (revealer);
}

static void
test_save_error_banner (Fixture       *f,
                        gconstpointer  data)
{
  IkLibrary *library = library_of (f);
  IkSession *session = add_saved_session (library, "Frances Allen");
  GtkWidget *status;
  GtkWidget *banner = GTK_WIDGET (f->window->error_revealer);

  /* The status element: a box with that role, labelled by the message. */
  for (status = gtk_widget_get_first_child (gtk_widget_get_parent (banner)); status != NULL;
       status = gtk_widget_get_next_sibling (status))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (status)) == GTK_ACCESSIBLE_ROLE_STATUS)
      break;
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_false (gtk_widget_get_visible (banner));

  ik_library_set_autosave_delay (library, 10);
  ik_library_set_retry_delay (library, 60000);
  ik_file_store_set_write_func (failing_write);
  ik_session_set_role (session, "Compiler Engineer");
  g_assert_true (ik_test_wait_for (ik_test_library_has_error, library, 5));
  g_assert_true (ik_test_wait_for (revealer_open, banner, 5));
  g_assert_cmpstr (gtk_label_get_text (f->window->error_label), ==, ik_library_get_error (library));
  g_assert_true (gtk_widget_get_visible (status));

  /* Saved again: the banner closes and is hidden. */
  ik_file_store_set_write_func (NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry-save", NULL));
  g_assert_true (ik_test_wait_for (ik_test_widget_hidden, banner, 5));
  g_assert_false (ik_library_get_has_error (library));
  g_assert_true (gtk_widget_get_visible (status));
}

/* ---- Keyboard: view shortcuts from anywhere, no empty drafts -------------- */

static gboolean
focus_mapped (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_get_mapped (focus);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Ctrl+N with the focus in the header bar, in a window as narrow as a
 * phone: the planner comes to the front with the focus on the candidate's
 * name; Escape before typing anything leaves no interview behind. Then
 * typing keeps it. Ctrl+F after Ctrl+Page Up searches the questions. */
static void
test_view_shortcuts_from_header (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  IkLibrary *library = library_of (f);
  g_autofree char *sessions_dir = g_build_filename (ik_library_get_dir (library), "sessions", NULL);
  GtkWidget *header = ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *menu_button = ik_test_find_widget (header, GTK_TYPE_MENU_BUTTON, NULL);
  AdwViewStack *stack = ADW_VIEW_STACK (ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_autoptr(GError) error = NULL;
  IkSessionsView *view;
  GtkWidget *planner, *focus;
  IkSession *session;

  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, window, 5));
  if (!ik_test_press_key (window, GDK_KEY_Page_Down, GDK_CONTROL_MASK))
    return;
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "interviews");
  gtk_window_set_default_size (window, 360, 640);
  ik_test_iterate (10);
  view = IK_SESSIONS_VIEW (ik_test_find_widget (GTK_WIDGET (window), IK_TYPE_SESSIONS_VIEW, NULL));
  g_assert_nonnull (view);

  gtk_widget_grab_focus (menu_button);
  ik_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  planner = ik_sessions_view_get_content (view);
  g_assert_true (IK_IS_SESSION_PLANNER (planner));
  g_assert_true (gtk_widget_get_mapped (planner));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, planner));
  g_assert_true (GTK_IS_TEXT (focus));
  session = ik_session_planner_get_session (IK_SESSION_PLANNER (planner));

  /* Nothing entered: not saved, not listed, gone after Escape. */
  ik_test_press_key (window, GDK_KEY_Escape, 0);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_null (ik_library_find_session (library, ik_session_get_id (session)));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 0);
  g_assert_cmpuint (count_files (sessions_dir), ==, 0);

  /* A name typed in the planner keeps the interview. */
  gtk_widget_grab_focus (menu_button);
  ik_test_press_key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  planner = ik_sessions_view_get_content (view);
  session = ik_session_planner_get_session (IK_SESSION_PLANNER (planner));
  ik_test_press_key (window, GDK_KEY_A, GDK_SHIFT_MASK);
  ik_test_press_key (window, GDK_KEY_d, 0);
  ik_test_press_key (window, GDK_KEY_a, 0);
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Ada");
  g_assert_true (ik_library_find_session (library, ik_session_get_id (session)) == session);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (sessions_dir), ==, 1);

  /* Ctrl+Page Up, then Ctrl+F searches the questions, not the interviews
   * left behind. */
  ik_test_press_key (window, GDK_KEY_Page_Up, GDK_CONTROL_MASK);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "questions");
  ik_test_press_key (window, GDK_KEY_f, GDK_CONTROL_MASK);
  /* The search bar slides in. */
  g_assert_true (ik_test_wait_for (focus_mapped, window, 5));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_ancestor (focus, IK_TYPE_QUESTION_BROWSER) != NULL);
  g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
}

/* A 360 px window (a phone, or half a laptop screen beside a video call)
 * is as narrow as the window goes: every view of the stack is measured,
 * so a long button label or filter name in the browser would keep the
 * live view wider too. */
static gboolean
narrow (gpointer data)
{
  return gtk_widget_get_width (data) <= 360;
}

static gboolean
bar_revealed (gpointer data)
{
  return adw_view_switcher_bar_get_reveal (data);
}

/* ... and the switcher at the bottom, whose buttons a wide window never
 * makes, offers the views there. */
static void
test_fits_360 (Fixture       *f,
               gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  AdwViewStack *stack = ADW_VIEW_STACK (ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL));
  GtkWidget *header = ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *switcher = ik_test_find_widget (header, ADW_TYPE_VIEW_SWITCHER, NULL);
  GtkWidget *title = ik_test_find_widget (header, ADW_TYPE_WINDOW_TITLE, NULL);
  int min = 0;

  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, window, 5));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 600);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  g_assert_null (adw_view_switcher_bar_get_stack (bar));
  /* The header bar offers the views, with one switcher only (the narrow
   * one of AdwViewSwitcherTitle is not built). */
  g_assert_true (gtk_widget_get_mapped (switcher));
  g_assert_false (gtk_widget_get_mapped (title));
  g_assert_true (ik_test_find_widget (gtk_widget_get_next_sibling (switcher), ADW_TYPE_VIEW_SWITCHER, NULL) == NULL);

  gtk_window_set_default_size (window, 360, 640);
  g_assert_true (ik_test_wait_for (narrow, window, 5));
  g_assert_true (ik_test_wait_for (bar_revealed, bar, 5));
  /* The header bar has the title instead. */
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, title, 5));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, "Interview Kit");
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == stack);
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_LABEL, "Interviews"));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  adw_view_stack_set_visible_child_name (stack, "interviews");
  ik_test_iterate (10);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
}

/* ---- Deletes undone by keyboard ------------------------------------------ */

static gboolean
find_question_row_cb (GtkWidget  *widget,
                      const char *text,
                      GtkWidget **found)
{
  if (IK_IS_QUESTION_ROW (widget))
    {
      IkQuestion *question = ik_question_row_get_question (IK_QUESTION_ROW (widget));

      if (question != NULL && g_strcmp0 (ik_question_get_text (question), text) == 0)
        {
          *found = widget;
          return TRUE;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (find_question_row_cb (child, text, found))
      return TRUE;
  return FALSE;
}

/* The list item (the focusable row) that shows the question @text. */
static GtkWidget *
question_list_item (Fixture    *f,
                    const char *text)
{
  GtkWidget *row = NULL;

  find_question_row_cb (GTK_WIDGET (f->window), text, &row);
  return row != NULL ? gtk_widget_get_parent (row) : NULL;
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (ik_test_find_widget (data, ADW_TYPE_LEAFLET, NULL)));
}

static gboolean
no_delete_toast (gpointer window)
{
  return find_label_containing (GTK_WIDGET (window), "Deleted") == NULL;
}

/* libadwaita 1.2 can crash when a toast is dismissed while it or the one
 * before is still sliding (adw_animation_skip); the window waits for the
 * slide before it dismisses, so the test presses keys as fast as it can. */
static void
let_toast_settle (void)
{
  ik_test_iterate (2);
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !leaflet_folded (data);
}

static void
assert_focus_on_question (Fixture    *f,
                          const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_test_message ("keyboard on %s (%s), wanted on “%s”", G_OBJECT_TYPE_NAME (focus),
                  focus != NULL ? gtk_widget_get_tooltip_text (focus) : NULL, text);
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_BUTTON (focus));
  g_assert_true (focus == question_list_item (f, text));
}

/* Return on a question shows it and keeps the keyboard on the row (it went
 * to "Move Question Up", where Delete deleted); Delete there deletes, the
 * keyboard goes to the next row, and Ctrl+Z brings the question back, from
 * the list and from a button alike. */
static void
test_undo_by_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  IkLibrary *library = library_of (f);
  IkQuestionBrowser *browser = browser_of (f);
  IkBank *bank = add_saved_bank (library, "Echo Bank", 3);
  GListModel *questions = ik_bank_get_questions (bank);
  GtkWidget *header = ik_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *menu_button = ik_test_find_widget (header, GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *row;
  GtkWidget *focus;

  gtk_window_set_default_size (window, 1280, 800);
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, window, 5));
  g_assert_true (ik_test_wait_for (leaflet_unfolded, browser, 5));
  ik_question_browser_select_bank (browser, bank);
  ik_test_iterate (20);
  row = question_list_item (f, "Question 2");
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  if (!ik_test_press_key (window, GDK_KEY_Return, 0))
    return;
  assert_focus_on_question (f, "Question 2");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "Question 2"));

  ik_test_press_key (window, GDK_KEY_Delete, 0);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 2);
  g_assert_null (question_list_item (f, "Question 2"));
  assert_focus_on_question (f, "Question 3");

  /* Ctrl+Z in the list. */
  let_toast_settle ();
  ik_test_press_key (window, GDK_KEY_z, GDK_CONTROL_MASK);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);
  g_assert_nonnull (question_list_item (f, "Question 2"));

  g_assert_true (ik_test_wait_for (no_delete_toast, window, 5));

  /* Ctrl+Z from a button of the header bar. */
  gtk_widget_grab_focus (question_list_item (f, "Question 1"));
  ik_test_press_key (window, GDK_KEY_Delete, 0);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 2);
  assert_focus_on_question (f, "Question 2");
  gtk_widget_grab_focus (menu_button);
  let_toast_settle ();
  ik_test_press_key (window, GDK_KEY_z, GDK_CONTROL_MASK);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);

  /* Nothing left to undo: Ctrl+Z does nothing more. */
  ik_test_press_key (window, GDK_KEY_z, GDK_CONTROL_MASK);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);

  /* Delete on "Move Question Up" deletes nothing. */
  focus = ik_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_BUTTON, "Move Question Up");
  g_assert_nonnull (focus);
  gtk_widget_grab_focus (focus);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == focus);
  ik_test_press_key (window, GDK_KEY_Delete, 0);
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);

  /* One column at a time, Return opens the question with the keyboard on
   * Back, not on a button that changes the bank. */
  gtk_window_set_default_size (window, 360, 640);
  g_assert_true (ik_test_wait_for (leaflet_folded, browser, 5));
  gtk_widget_grab_focus (question_list_item (f, "Question 3"));
  ik_test_press_key (window, GDK_KEY_Return, 0);
  ik_test_iterate (10);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (focus), ==, "Back to Questions");
  g_assert_true (gtk_widget_get_mapped (focus));
}

typedef struct
{
  IkLibrary  *library;
  const char *id;
} SessionLookup;

static gboolean
session_back (gpointer data)
{
  SessionLookup *lookup = data;

  return ik_library_find_session (lookup->library, lookup->id) != NULL;
}

/* In a text field Ctrl+Z undoes the typing first; once the field has
 * nothing left to undo, it undoes the delete. */
static void
test_undo_in_text_field (Fixture       *f,
                         gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  IkLibrary *library = library_of (f);
  GtkWidget *view = sessions_view_of (f);
  IkSession *grace = add_saved_session (library, "Grace Hopper");
  g_autofree char *grace_id = g_strdup (ik_session_get_id (grace));
  GtkWidget *entry = ik_test_find_widget (view, GTK_TYPE_SEARCH_ENTRY, NULL);

  /* One left, so that the list and its search stay. */
  add_saved_session (library, "Alan Turing");

  g_assert_nonnull (entry);
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, entry, 5));
  g_assert_true (gtk_widget_activate_action (view, "sessions.delete", "s", grace_id));
  ik_test_iterate (10);
  g_assert_null (ik_library_find_session (library, grace_id));

  gtk_widget_grab_focus (entry);
  if (!ik_test_press_key (window, GDK_KEY_q, 0))
    return;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "q");
  ik_test_press_key (window, GDK_KEY_z, GDK_CONTROL_MASK);
  ik_test_iterate (10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (ik_library_find_session (library, grace_id));

  let_toast_settle ();
  ik_test_press_key (window, GDK_KEY_z, GDK_CONTROL_MASK);
  {
    /* The restore reads the file back: bounded, not a fixed number of
     * iterations (under ASan it took longer than 10). */
    SessionLookup lookup = { library, grace_id };

    g_assert_true (ik_test_wait_for (session_back, &lookup, 10));
  }
}

/* Ctrl+Z is in the shortcuts window. */
static void
test_undo_shortcut_listed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  gboolean listed = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accel = NULL;

        g_object_get (l->data, "accelerator", &accel, NULL);
        listed |= g_strcmp0 (accel, "<Control>z") == 0;
      }
  g_assert_true (listed);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add ("/window/chrome", Fixture, NULL, fixture_setup, test_chrome, fixture_teardown);
  g_test_add ("/window/about", Fixture, NULL, fixture_setup, test_about, fixture_teardown);
  g_test_add ("/window/shortcuts", Fixture, NULL, fixture_setup, test_shortcuts, fixture_teardown);
  g_test_add ("/window/preferences", Fixture, NULL, fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/window/dark-style-setting", Fixture, NULL, fixture_setup, test_dark_style_setting, fixture_teardown);
  g_test_add ("/window/window-size-saved", Fixture, NULL, fixture_setup, test_window_size_saved, fixture_teardown);
  g_test_add ("/window/view-switching", Fixture, NULL, fixture_setup, test_view_switching, fixture_teardown);
  g_test_add ("/window/interviews-built-when-needed", Fixture, NULL, fixture_setup, test_interviews_built_when_needed, fixture_teardown);
  g_test_add_func ("/window/browser-after-first-frame", test_browser_after_first_frame);
  g_test_add_func ("/window/browser-when-needed", test_browser_when_needed);
  g_test_add_func ("/window/resumes-running-interview", test_resumes_running_interview);
  g_test_add ("/window/one-toast-overlay", Fixture, NULL, fixture_setup, test_one_toast_overlay, fixture_teardown);
  g_test_add ("/window/undo-delete-bank", Fixture, NULL, fixture_setup, test_undo_delete_bank, fixture_teardown);
  g_test_add ("/window/undo-delete-question", Fixture, NULL, fixture_setup, test_undo_delete_question, fixture_teardown);
  g_test_add ("/window/undo-delete-session", Fixture, NULL, fixture_setup, test_undo_delete_session, fixture_teardown);
  g_test_add ("/window/undo-by-keyboard", Fixture, NULL, fixture_setup, test_undo_by_keyboard, fixture_teardown);
  g_test_add ("/window/undo-in-text-field", Fixture, NULL, fixture_setup, test_undo_in_text_field, fixture_teardown);
  g_test_add ("/window/undo-shortcut-listed", Fixture, NULL, fixture_setup, test_undo_shortcut_listed, fixture_teardown);
  g_test_add ("/window/delete-session-fails", Fixture, NULL, fixture_setup, test_delete_session_fails, fixture_teardown);
  g_test_add ("/window/close-flush-fails", Fixture, NULL, fixture_setup, test_close_flush_fails, fixture_teardown);
  g_test_add ("/window/save-error-banner", Fixture, NULL, fixture_setup, test_save_error_banner, fixture_teardown);
  g_test_add ("/window/view-shortcuts-from-header", Fixture, NULL, fixture_setup, test_view_shortcuts_from_header, fixture_teardown);
  g_test_add ("/window/fits-360", Fixture, NULL, fixture_setup, test_fits_360, fixture_teardown);

  return g_test_run ();
}
