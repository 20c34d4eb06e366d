/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application object: command line and window lifecycle. */
#include "config.h"

#include <adwaita.h>

#include "ik-application.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

static char *
run_app (const char * const *args,
         int                *exit_status,
         char              **err)
{
  g_autofree char *exe = g_build_filename (TOP_BUILDDIR, "src", "interview-kit", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, err, &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return out;
}

static void
test_version_option (void)
{
  const char *args[] = { "--version", NULL };
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status;

  out = run_app (args, &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, PACKAGE_NAME " " PACKAGE_VERSION "\n");
}

static void
test_bad_option_fails (void)
{
  const char *args[] = { "--no-such-option", NULL };
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status;

  out = run_app (args, &status, &err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "no-such-option"));
}

static void
test_window_lifecycle (void)
{
  g_autoptr(IkApplication) app = ik_test_application_new ();
  IkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = IK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (app), 10));

  /* A second activation presents the same window instead of a new one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ik_test_iterate (50);
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/application/version-option", test_version_option);
  g_test_add_func ("/application/bad-option-fails", test_bad_option_fails);
  g_test_add_func ("/application/window-lifecycle", test_window_lifecycle);

  return g_test_run ();
}
