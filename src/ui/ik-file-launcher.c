/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-file-launcher.c: after an export, opening the file or showing it in
 * the file manager, from a toast.
 *
 * The floor is GTK 4.8, without GtkFileLauncher (4.10), so this is what it
 * does there:
 *
 * - Open: g_app_info_launch_default_for_uri_async(), which goes through the
 *   OpenURI portal inside a sandbox and to the default application outside.
 * - Show in Folder: org.freedesktop.FileManager1.ShowItems on the session
 *   bus (the file manager opens the folder with the file selected). Without
 *   a file manager that speaks it: inside a sandbox, the portal's
 *   OpenURI.OpenDirectory; outside, the folder's URI opened as above.
 *
 * libadwaita 1.2 gives a toast one button. The export toast takes “Open”
 * there, and puts “Show in Folder” beside its title (a custom title: an
 * icon button with that tooltip and accessible name), so both are buttons
 * Tab reaches. Both are actions of the window with the
 * file's URI as target (`win.open-export`, `win.show-export-in-folder`),
 * installed by ik_file_launcher_install_actions() on each window that shows
 * such toasts; what fails becomes a toast on the same window.
 */
#define _GNU_SOURCE /* O_PATH */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ik-file-launcher.h"
#include "ik-tooltip.h"

#define FILE_MANAGER_NAME "org.freedesktop.FileManager1"
#define FILE_MANAGER_PATH "/org/freedesktop/FileManager1"
#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
/* A file manager that is not running is started by the bus: give it time. */
#define DBUS_TIMEOUT_MSEC (10 * 1000)

/**
 * ik_export_toast_new:
 * @file: the file an export wrote
 *
 * Returns: (transfer full): a toast that says where the file went, with
 *   “Open” and “Show in Folder”
 */
AdwToast *
ik_export_toast_new (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *folder;
  AdwToast *toast;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  uri = g_file_get_uri (file);
  title = g_strdup_printf (_("Exported to “%s”"), name);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (title);
  /* On a narrow window the name wraps rather than shrinking to "E…". */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  /* An icon, so that the name, the two buttons and the close button fit a
   * 360 px window. */
  folder = gtk_button_new_from_icon_name ("folder-open-symbolic");
  ik_widget_set_tooltip_text (folder, _("Show in Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (folder), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show in Folder"), -1);
  gtk_widget_set_valign (folder, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-export-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (folder), "s", uri);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);

  toast = adw_toast_new (title);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target (toast, "s", uri);
  /* Time to read it and reach its buttons. */
  adw_toast_set_timeout (toast, 10);
  return toast;
}

/* ---- Open --------------------------------------------------------------- */

static void
on_uri_launched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A task of @widget whose data is @uri. */
static GTask *
new_task (GtkWidget           *widget,
          const char          *uri,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (widget, NULL, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (uri), g_free);
  return task;
}

static void
launch_uri (GtkWidget  *widget,
            const char *uri,
            GTask      *task)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), g_task_get_cancellable (task),
                                           on_uri_launched, task);
}

/**
 * ik_file_launcher_open_async:
 * @widget: the widget the request comes from (for its display)
 * @uri: the file to open
 *
 * Opens @uri in the application the desktop opens its type with.
 */
void
ik_file_launcher_open_async (GtkWidget           *widget,
                             const char          *uri,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  launch_uri (widget, uri, new_task (widget, uri, ik_file_launcher_open_async, callback, user_data));
}

/**
 * ik_file_launcher_finish:
 *
 * Finishes ik_file_launcher_open_async() and
 * ik_file_launcher_show_in_folder_async().
 *
 * Returns: whether the file or its folder was opened
 */
gboolean
ik_file_launcher_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Show in Folder ----------------------------------------------------- */

static gboolean
in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("SNAP") != NULL;
}

static void
on_directory_opened (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  /* The portal answers with a request; what the user does with the folder
   * is not ours to follow. */
  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL, result, &error);
  if (reply != NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The portal takes the file as a descriptor; O_PATH opens no content. */
static void
open_directory_portal (GDBusConnection *bus,
                       GTask           *task)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_task_get_task_data (task));
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GUnixFDList) fds = NULL;
  GVariantBuilder options;
  int fd;

  fd = path != NULL ? g_open (path, O_PATH | O_CLOEXEC, 0) : -1;
  if (fd < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      g_object_unref (task);
      return;
    }
  fds = g_unix_fd_list_new_from_array (&fd, 1);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_dbus_connection_call_with_unix_fd_list (bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.OpenURI",
                                            "OpenDirectory",
                                            g_variant_new ("(sha{sv})", "", 0, &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, DBUS_TIMEOUT_MSEC,
                                            fds, g_task_get_cancellable (task), on_directory_opened, task);
}

/* Without a file manager: the folder opened like any URI. */
static void
open_parent_folder (GTask *task)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_task_get_task_data (task));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *parent_uri = g_file_get_uri (parent != NULL ? parent : file);

  launch_uri (g_task_get_source_object (task), parent_uri, task);
}

static void
on_items_shown (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  g_debug ("No file manager showed the file: %s", error->message);
  if (in_sandbox ())
    {
      open_directory_portal (G_DBUS_CONNECTION (source), task);
      return;
    }
  open_parent_folder (task);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *uris[] = { g_task_get_task_data (task), NULL };

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      open_parent_folder (task);
      return;
    }
  g_dbus_connection_call (bus, FILE_MANAGER_NAME, FILE_MANAGER_PATH, FILE_MANAGER_NAME, "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          DBUS_TIMEOUT_MSEC, g_task_get_cancellable (task), on_items_shown, task);
}

/**
 * ik_file_launcher_show_in_folder_async:
 * @widget: the widget the request comes from (for its display)
 * @uri: the file to show
 *
 * Shows the folder of @uri with the file selected, or at least the folder.
 */
void
ik_file_launcher_show_in_folder_async (GtkWidget           *widget,
                                       const char          *uri,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  g_bus_get (G_BUS_TYPE_SESSION, NULL, on_bus,
             new_task (widget, uri, ik_file_launcher_show_in_folder_async, callback, user_data));
}

/* ---- Window actions ----------------------------------------------------- */

/* The window's one toast overlay. */
static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = ADW_IS_TOAST_OVERLAY (child) ? ADW_TOAST_OVERLAY (child) : find_toast_overlay (child);

      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree char *heading = user_data;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (ik_file_launcher_finish (result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  overlay = find_toast_overlay (GTK_WIDGET (source));
  if (overlay == NULL)
    return;
  title = g_markup_printf_escaped ("%s: %s", heading, error->message);
  toast = adw_toast_new (title);
  /* At once, in front of the export toast, which comes back after it. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

static char *
uri_basename (GVariant *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  return g_file_get_basename (file);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *name = uri_basename (parameter);

  ik_file_launcher_open_async (widget, g_variant_get_string (parameter, NULL), on_launched,
                               g_strdup_printf (_("Could not open “%s”"), name));
}

static void
show_export_in_folder_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autofree char *name = uri_basename (parameter);

  ik_file_launcher_show_in_folder_async (widget, g_variant_get_string (parameter, NULL), on_launched,
                                         g_strdup_printf (_("Could not show “%s” in its folder"), name));
}

/**
 * ik_file_launcher_install_actions:
 * @widget_class: the class of a window that shows export toasts
 *
 * Installs `win.open-export` and `win.show-export-in-folder` (both with the
 * file's URI as target), which the toasts of ik_export_toast_new() use.
 */
void
ik_file_launcher_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-export-in-folder", "s", show_export_in_folder_action);
}
