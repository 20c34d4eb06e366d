/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ik-application.h"
#include "ik-cli.h"
#include "ik-preferences-window.h"
#include "ik-window.h"

struct _IkApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  IkLibrary      *library;
  gboolean        load_started;
};

G_DEFINE_FINAL_TYPE (IkApplication, ik_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/**
 * ik_application_new:
 *
 * Creates the application object.
 */
IkApplication *
ik_application_new (void)
{
  return g_object_new (IK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * ik_application_get_settings:
 *
 * Returns: (transfer none): the application's GSettings.
 */
GSettings *
ik_application_get_settings (IkApplication *self)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}

static char *
library_location (IkApplication *self)
{
  g_autofree char *configured = g_settings_get_string (ik_application_get_settings (self),
                                                       "library-location");

  if (configured != NULL && configured[0] != '\0')
    return g_steal_pointer (&configured);
  return g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
}

/**
 * ik_application_get_library:
 *
 * The library is created on first use, empty; ik_application_load_library()
 * fills it from disk.
 *
 * Returns: (transfer none): the library of banks and sessions.
 */
IkLibrary *
ik_application_get_library (IkApplication *self)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);

  if (self->library == NULL)
    {
      g_autofree char *location = library_location (self);

      self->library = ik_library_new (location);
    }
  return self->library;
}

/**
 * ik_application_load_library:
 *
 * Starts reading the library in a worker thread, once. The window calls it
 * after its first frame, so that a large library never competes with the
 * first paint for the CPU.
 */
void
ik_application_load_library (IkApplication *self)
{
  g_return_if_fail (IK_IS_APPLICATION (self));

  if (self->load_started)
    return;
  self->load_started = TRUE;
  ik_library_load_async (ik_application_get_library (self), NULL, NULL, NULL);
}

/**
 * ik_application_dup_debug_info:
 *
 * Returns: (transfer full): versions and paths for bug reports.
 */
char *
ik_application_dup_debug_info (IkApplication *self)
{
  g_autofree char *location = library_location (self);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Interview Kit %s\n\n", PACKAGE_VERSION);
  g_string_append_printf (s, "GLib: %u.%u.%u\n", glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (s, "GTK: %u.%u.%u\n", gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version ());
  g_string_append_printf (s, "libadwaita: %u.%u.%u\n", adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version ());
  g_string_append_printf (s, "json-glib: %s\n", JSON_VERSION_S);
  g_string_append_printf (s, "Flatpak: %s\n", g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");
  g_string_append_printf (s, "Library: %s\n", location);
  g_string_append_printf (s, "Desktop: %s\n", g_getenv ("XDG_CURRENT_DESKTOP") ? g_getenv ("XDG_CURRENT_DESKTOP") : "unknown");
  g_string_append_printf (s, "Session: %s\n", g_getenv ("WAYLAND_DISPLAY") ? "Wayland" : "X11");
  return g_string_free (s, FALSE);
}

static void
apply_color_scheme (IkApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  int scheme = g_settings_get_enum (ik_application_get_settings (self), "color-scheme");

  switch (scheme)
    {
    case 1:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case 2:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    default:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
      break;
    }
}

static IkWindow *
get_or_create_window (IkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (ik_window_new (self));
  return IK_WINDOW (window);
}

static void
ik_application_activate (GApplication *app)
{
  IkApplication *self = IK_APPLICATION (app);

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));
}

static void
ik_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  IkApplication *self = IK_APPLICATION (app);
  IkWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    ik_window_import_file (window, files[i]);
}

static int
ik_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return ik_cli_handle_options (IK_APPLICATION (app), options);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  IkApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window runs its close-request handler, which saves. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  /* A window whose changes could not be saved stays open and asks the
   * user; the application ends when they close it. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (IK_IS_WINDOW (l->data))
      return;
  g_application_quit (G_APPLICATION (self));
}

static void
on_about (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  IkApplication *self = user_data;
  g_autofree char *debug_info = ik_application_dup_debug_info (self);
  static const char *developers[] = { "Interview Kit developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Interview Kit"),
                         "application-icon", APP_ID,
                         "developer-name", _("Interview Kit developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/interviewkit/InterviewKit",
                         "issue-url", "https://github.com/interviewkit/InterviewKit/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 Interview Kit developers",
                         "comments", _("Prepare, run and score structured behavioral interviews"),
                         "debug-info", debug_info,
                         "debug-info-filename", "interview-kit-debug-info.txt",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  IkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  IkPreferencesWindow *prefs = ik_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit },
  { "about", on_about },
  { "preferences", on_preferences },
};

static void
ik_application_startup (GApplication *app)
{
  IkApplication *self = IK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (ik_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  ik_window_add_accels (GTK_APPLICATION (self));

  g_signal_connect_object (ik_application_get_settings (self), "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
ik_application_shutdown (GApplication *app)
{
  IkApplication *self = IK_APPLICATION (app);

  /* Nothing typed may be lost on quit: write whatever is still pending. */
  if (self->library != NULL)
    ik_library_flush (self->library, NULL);

  G_APPLICATION_CLASS (ik_application_parent_class)->shutdown (app);
}

static void
ik_application_dispose (GObject *object)
{
  IkApplication *self = IK_APPLICATION (object);

  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ik_application_parent_class)->dispose (object);
}

static void
ik_application_class_init (IkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ik_application_dispose;
  app_class->activate = ik_application_activate;
  app_class->open = ik_application_open;
  app_class->startup = ik_application_startup;
  app_class->shutdown = ik_application_shutdown;
  app_class->handle_local_options = ik_application_handle_local_options;
}

static void
ik_application_init (IkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  ik_cli_add_options (self);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Prepare, run and score structured behavioral interviews."));
}
