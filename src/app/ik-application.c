/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ik-accessible.h"
#include "ik-application.h"
#include "ik-cli.h"
#include "ik-preferences-window.h"
#include "ik-team-window.h"
#include "ik-window.h"

struct _IkApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  IkLibrary      *library;
  gboolean        load_started;

  /* The team (issue 12): made on first use, so that someone who never
   * joins a team never gets a key file. */
  IkIdentity     *identity;
  IkTeamFolder   *team_folder;
  char           *team_folder_error;
  gboolean        team_followed;
  GtkWidget      *team_window;
};

G_DEFINE_FINAL_TYPE (IkApplication, ik_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_TEAM_FOLDER,
  PROP_TEAM_FOLDER_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
 * ik_application_dup_data_dir:
 *
 * The folder of the library, which also holds the interviewer's identity
 * (`identity/`) and the keys pinned for colleagues (`team-keys.json`).
 *
 * Returns: (transfer full): a path
 */
char *
ik_application_dup_data_dir (IkApplication *self)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);

  /* The library's, which a change of the setting only moves at the next
   * start: the key stays with the library it signs for. */
  return g_strdup (ik_library_get_dir (ik_application_get_library (self)));
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
      ik_library_set_retention_months (self->library,
                                       (guint) g_settings_get_int (ik_application_get_settings (self), "retention-months"));
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

/* Team ------------------------------------------------------------------- */

/**
 * ik_application_get_identity:
 * @error: where to say why the identity cannot be used
 *
 * Loads the interviewer's id and signing key, making them on first use
 * (ik_identity_load_or_create()). A damaged identity is never replaced.
 *
 * Returns: (transfer none) (nullable): the identity, or %NULL with @error set
 */
IkIdentity *
ik_application_get_identity (IkApplication  *self,
                             GError        **error)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->identity == NULL)
    {
      g_autofree char *data_dir = ik_application_dup_data_dir (self);

      self->identity = ik_identity_load_or_create (data_dir, error);
    }
  return self->identity;
}

/* Why the folder cannot be used as a team folder, or NULL. Only what
 * ik_team_folder_reload() would fail on, cheaply: a read-only folder is
 * fine to read a debrief from, and publishing says so itself. */
static char *
check_team_folder (const char *path)
{
  GStatBuf st;
  int saved_errno;

  if (!g_path_is_absolute (path))
    return g_strdup_printf (_("The team folder “%s” is not a full path. Choose it again in Preferences."), path);
  if (g_stat (path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        return g_strdup_printf (_("The team folder “%s” does not exist. Check that the drive is connected and that the sync tool still shares it."), path);
      return g_strdup_printf (_("The team folder “%s” cannot be read: %s"), path, g_strerror (saved_errno));
    }
  if (!S_ISDIR (st.st_mode))
    return g_strdup_printf (_("The team folder “%s” is a file, not a folder. Choose a folder in Preferences."), path);
  if (g_access (path, R_OK | X_OK) != 0)
    {
      saved_errno = errno;
      return g_strdup_printf (_("The team folder “%s” cannot be read: %s"), path, g_strerror (saved_errno));
    }
  return NULL;
}

static void
set_team_folder_error (IkApplication *self,
                       char          *message)
{
  g_autofree char *owned = message;

  if (g_strcmp0 (owned, self->team_folder_error) == 0)
    return;
  g_free (self->team_folder_error);
  self->team_folder_error = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM_FOLDER_ERROR]);
}

/* The folder may go away or come back while we watch it. */
static void
on_team_folder_changed (IkApplication *self)
{
  if (self->team_folder != NULL)
    set_team_folder_error (self, check_team_folder (ik_team_folder_get_path (self->team_folder)));
}

static void
update_team_folder (IkApplication *self)
{
  g_autofree char *path = g_settings_get_string (ik_application_get_settings (self), "team-folder");
  g_autoptr(IkTeamFolder) team = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  if (path[0] != '\0' && self->team_folder != NULL
      && g_strcmp0 (path, ik_team_folder_get_path (self->team_folder)) == 0)
    {
      on_team_folder_changed (self);
      return;
    }

  if (path[0] != '\0')
    {
      IkIdentity *identity = ik_application_get_identity (self, &error);

      if (identity == NULL)
        message = g_strdup_printf (_("Nothing can be shared with the team: your signing key could not be loaded. %s"),
                                   error->message);
      else
        {
          g_autofree char *data_dir = ik_application_dup_data_dir (self);
          g_autofree char *trust_path = g_build_filename (data_dir, "team-keys.json", NULL);

          message = check_team_folder (path);
          team = ik_team_folder_new (path, identity, trust_path);
          g_signal_connect_object (team, "changed", G_CALLBACK (on_team_folder_changed),
                                   self, G_CONNECT_SWAPPED);
          ik_team_folder_watch (team);
        }
    }

  if (self->team_folder != NULL)
    g_signal_handlers_disconnect_by_data (self->team_folder, self);
  g_set_object (&self->team_folder, team);
  set_team_folder_error (self, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM_FOLDER]);
}

static void
follow_team_folder (IkApplication *self)
{
  if (self->team_followed)
    return;
  self->team_followed = TRUE;
  g_signal_connect_object (ik_application_get_settings (self), "changed::team-folder",
                           G_CALLBACK (update_team_folder), self, G_CONNECT_SWAPPED);
  update_team_folder (self);
}

/**
 * ik_application_get_team_folder:
 *
 * The folder of the `team-folder` setting, watched for changes, or %NULL
 * when there is no team. A new object replaces it when the setting changes
 * (#IkApplication:team-folder). A folder that is missing or unreadable is
 * still returned: ik_application_get_team_folder_error() says what is wrong.
 *
 * Returns: (transfer none) (nullable): the team folder
 */
IkTeamFolder *
ik_application_get_team_folder (IkApplication *self)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);

  follow_team_folder (self);
  return self->team_folder;
}

/**
 * ik_application_get_team_folder_error:
 *
 * Returns: (nullable): why the team folder cannot be used, for the user, or
 *   %NULL when it can (or there is none)
 */
const char *
ik_application_get_team_folder_error (IkApplication *self)
{
  g_return_val_if_fail (IK_IS_APPLICATION (self), NULL);

  follow_team_folder (self);
  return self->team_folder_error;
}

/**
 * ik_application_check_team_folder:
 *
 * Looks at the team folder again (a drive may have been plugged in, a sync
 * tool may have made it); #IkApplication:team-folder-error follows. The
 * folder's monitor does this on every change it sees.
 */
void
ik_application_check_team_folder (IkApplication *self)
{
  g_return_if_fail (IK_IS_APPLICATION (self));

  follow_team_folder (self);
  on_team_folder_changed (self);
}

static void
show_preferences (IkApplication *self,
                  const char    *page)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  IkPreferencesWindow *prefs;

  ik_application_check_team_folder (self);
  prefs = ik_preferences_window_new (self);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

/**
 * ik_application_show_team_window:
 * @candidate_id: (nullable): the candidate whose debrief to show
 *
 * Presents the debrief window (one per application), on @candidate_id if
 * given. Without a team folder it says where to choose one instead.
 */
void
ik_application_show_team_window (IkApplication *self,
                                 const char    *candidate_id)
{
  GtkWindow *active;

  g_return_if_fail (IK_IS_APPLICATION (self));

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (ik_application_get_team_folder (self) == NULL)
    {
      AdwToast *toast = adw_toast_new (_("Choose a team folder in Preferences to see debriefs"));

      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.team-preferences");
      if (active != NULL)
        ik_window_add_toast_for_widget (GTK_WIDGET (active), toast);
      else
        g_object_unref (toast);
      return;
    }

  if (self->team_window == NULL)
    {
      self->team_window = ik_team_window_new (self);
      g_object_add_weak_pointer (G_OBJECT (self->team_window), (gpointer *) &self->team_window);
    }
  if (candidate_id != NULL && candidate_id[0] != '\0')
    ik_team_window_show_candidate (IK_TEAM_WINDOW (self->team_window), candidate_id);
  gtk_window_present (GTK_WINDOW (self->team_window));
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
  GtkWidget *about;

  /* Not adw_show_about_window(): the window's buttons with mnemonics need
   * their accessible names fixed before it shows. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
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
  ik_accessible_fix_names (about);
  ik_accessible_name_unlabelled (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  show_preferences (user_data, NULL);
}

static void
on_team_preferences (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  show_preferences (user_data, "team");
}

static void
on_team (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  ik_application_show_team_window (user_data, NULL);
}

static void
on_open_debrief (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  ik_application_show_team_window (user_data, g_variant_get_string (param, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit },
  { "about", on_about },
  { "preferences", on_preferences },
  { "team-preferences", on_team_preferences },
  { "team", on_team },
  { "open-debrief", on_open_debrief, "s" },
};

static void
ik_application_startup (GApplication *app)
{
  IkApplication *self = IK_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *team_accels[] = { "<Control><Shift>d", NULL };

  G_APPLICATION_CLASS (ik_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.team", team_accels);
  ik_window_add_accels (GTK_APPLICATION (self));

  g_signal_connect_object (ik_application_get_settings (self), "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  follow_team_folder (self);
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

  if (self->team_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->team_window), (gpointer *) &self->team_window);
      self->team_window = NULL;
    }
  if (self->team_folder != NULL)
    g_signal_handlers_disconnect_by_data (self->team_folder, self);
  g_clear_object (&self->team_folder);
  g_clear_object (&self->identity);
  g_clear_pointer (&self->team_folder_error, g_free);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ik_application_parent_class)->dispose (object);
}

static void
ik_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IkApplication *self = IK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_TEAM_FOLDER:
      g_value_set_object (value, ik_application_get_team_folder (self));
      break;
    case PROP_TEAM_FOLDER_ERROR:
      g_value_set_string (value, ik_application_get_team_folder_error (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_application_class_init (IkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ik_application_dispose;
  object_class->get_property = ik_application_get_property;
  app_class->activate = ik_application_activate;
  app_class->open = ik_application_open;
  app_class->startup = ik_application_startup;
  app_class->shutdown = ik_application_shutdown;
  app_class->handle_local_options = ik_application_handle_local_options;

  /**
   * IkApplication:team-folder:
   *
   * The team folder of the `team-folder` setting, or %NULL: a new object
   * each time the setting changes, so views follow this property.
   */
  properties[PROP_TEAM_FOLDER] =
    g_param_spec_object ("team-folder", NULL, NULL, IK_TYPE_TEAM_FOLDER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * IkApplication:team-folder-error:
   *
   * Why the team folder cannot be used (missing, unreadable, no key), or
   * %NULL.
   */
  properties[PROP_TEAM_FOLDER_ERROR] =
    g_param_spec_string ("team-folder-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ik_application_init (IkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  ik_cli_add_options (self);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Prepare, run and score structured behavioral interviews."));
}
