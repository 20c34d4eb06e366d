/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: its chrome, its actions and its lifetime. */
#include "config.h"

#include <adwaita.h>

#include "ik-application.h"
#include "ik-preferences-window.h"
#include "ik-question-browser.h"
#include "ik-sessions-view.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

typedef struct
{
  IkApplication *app;
  IkWindow      *window;
} Fixture;

static gboolean
library_loaded (gpointer data)
{
  return ik_library_get_loaded (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = ik_test_application_new ();

  /* Our own reference, so g_assert_finalize_object can check that nothing
   * else keeps the window alive once it is destroyed. */
  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (library_loaded, ik_application_get_library (f->app), 10));
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
}

static void
test_chrome (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *menu_button = ik_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, "Main Menu");
  GtkWidget *header = ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR, NULL);
  GtkWidget *switcher = ik_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);

  g_assert_nonnull (header);
  g_assert_nonnull (switcher);
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/window/chrome", Fixture, NULL, fixture_setup, test_chrome, fixture_teardown);
  g_test_add ("/window/about", Fixture, NULL, fixture_setup, test_about, fixture_teardown);
  g_test_add ("/window/shortcuts", Fixture, NULL, fixture_setup, test_shortcuts, fixture_teardown);
  g_test_add ("/window/preferences", Fixture, NULL, fixture_setup, test_preferences, fixture_teardown);
  g_test_add ("/window/dark-style-setting", Fixture, NULL, fixture_setup, test_dark_style_setting, fixture_teardown);
  g_test_add ("/window/window-size-saved", Fixture, NULL, fixture_setup, test_window_size_saved, fixture_teardown);
  g_test_add ("/window/view-switching", Fixture, NULL, fixture_setup, test_view_switching, fixture_teardown);

  return g_test_run ();
}
