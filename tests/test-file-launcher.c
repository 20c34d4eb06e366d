/* SPDX-License-Identifier: GPL-3.0-or-later */
/* After an export, the window's toast says where the file went and opens
 * it or shows it in its folder. The desktop is played by the test: a
 * default application of its own (a .desktop file that links what it is
 * given), and a file manager on the session bus that records ShowItems. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ik-application.h"
#include "ik-export-dialog.h"
#include "ik-library.h"
#include "ik-scorecard-export.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

typedef struct
{
  char          *dir;
  IkApplication *app;
  IkWindow      *window;
  /* What the fake file manager was asked to show. */
  char         **shown;
  guint          registration;
  guint          owner;
  gboolean       owned;
} Fixture;

static const char file_manager_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.FileManager1'>"
  "    <method name='ShowItems'>"
  "      <arg type='as' name='uris' direction='in'/>"
  "      <arg type='s' name='startup_id' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static gboolean
is_symlink (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_SYMLINK);
}

static gboolean
items_shown (gpointer data)
{
  Fixture *f = data;

  return f->shown != NULL;
}

static gboolean
name_owned (gpointer data)
{
  Fixture *f = data;

  return f->owned;
}

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Fixture *f = user_data;

  g_strfreev (f->shown);
  g_variant_get (parameters, "(^ass)", &f->shown, NULL);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable file_manager_vtable = { on_method_call, NULL, NULL, { 0 } };

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Fixture *f = user_data;

  f->owned = TRUE;
}

/* A default application for @content_type that makes @link a symbolic
 * link to the file or folder it was asked to open. Written before GIO
 * first reads the applications of the test's own data folder. */
static void
add_default_application (const char *id,
                         const char *content_type,
                         const char *link)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *path = g_build_filename (applications, id, NULL);
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test opener\n"
                                            "Exec=ln -s %%f %s\nMimeType=%s;\nNoDisplay=true\n",
                                            link, content_type);
  g_autofree char *list_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *list = NULL;
  g_autofree char *new_list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (path, entry, -1, &error);
  g_assert_no_error (error);
  if (!g_file_get_contents (list_path, &list, NULL, NULL))
    list = g_strdup ("[Default Applications]\n");
  new_list = g_strdup_printf ("%s%s=%s\n", list, content_type, id);
  g_file_set_contents (list_path, new_list, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (file_manager_xml, NULL);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bus);
  f->registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                       node->interfaces[0], &file_manager_vtable,
                                                       f, NULL, &error);
  g_assert_no_error (error);
  f->owner = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           on_name_acquired, NULL, f, NULL);
  g_assert_true (ik_test_wait_for (name_owned, f, 10));

  f->app = ik_test_application_new ();
  f->dir = ik_test_make_tmpdir ();
  g_settings_set_string (ik_application_get_settings (f->app), "library-location", f->dir);
  f->window = g_object_ref (ik_window_new (f->app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 600);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (f->app), 10));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  ik_test_iterate (20);
  /* The last launch may still be reporting back (its opener already ran):
   * its task holds the window until then. */
  ik_test_unref_finalized (f->window, 10);
  g_object_unref (f->app);
  if (f->owner != 0)
    g_bus_unown_name (f->owner);
  if (f->registration != 0)
    g_dbus_connection_unregister_object (bus, f->registration);
  g_strfreev (f->shown);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The label of the export toast, or NULL while it is not shown. */
static GtkWidget *
find_label_text (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label_text (wait->root, wait->text) != NULL;
}

static void
test_export_toast (Fixture       *f,
                   gconstpointer  data)
{
  IkLibrary *library = ik_application_get_library (f->app);
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *path = g_build_filename (f->dir, "Ines scorecard.md", NULL);
  g_autofree char *opened = g_build_filename (f->dir, "opened", NULL);
  g_autofree char *folder_opened = g_build_filename (f->dir, "folder-opened", NULL);
  g_autofree char *target = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  LabelWait wait = { GTK_WIDGET (f->window), "Exported to “Ines scorecard.md”" };
  IkExportDialog *dialog;
  GtkWidget *open;
  GtkWidget *folder;

  ik_session_set_candidate_name (session, "Ines Okafor");
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);
  ik_library_add_session (library, session);

  dialog = ik_export_dialog_new (GTK_WINDOW (f->window), session, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ik_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL)),
                              IK_EXPORT_FORMAT_MARKDOWN);
  ik_export_dialog_export_to_async (dialog, file, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_export_dialog_export_to_finish (dialog, result, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The window that the dialog belongs to says where the file went. */
  g_assert_true (ik_test_wait_for (label_shown, &wait, 5));
  open = ik_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "_Open");
  folder = ik_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "Show in Folder");
  g_assert_nonnull (open);
  g_assert_nonnull (folder);
  g_assert_true (gtk_widget_get_focusable (folder) || gtk_widget_get_can_focus (folder));

  /* The desktop's default applications, for the file and for folders. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  add_default_application ("ik-test-open-file.desktop", g_file_info_get_content_type (info), opened);
  add_default_application ("ik-test-open-folder.desktop", "inode/directory", folder_opened);

  /* Show in Folder: the file manager on the bus is asked for the file. */
  gtk_widget_activate (folder);
  g_assert_true (ik_test_wait_for (items_shown, f, 10));
  uri = g_file_get_uri (file);
  g_assert_cmpuint (g_strv_length (f->shown), ==, 1);
  g_assert_cmpstr (f->shown[0], ==, uri);
  g_assert_false (g_file_test (folder_opened, G_FILE_TEST_IS_SYMLINK));

  /* Without a file manager on the bus, the folder is opened instead. */
  g_bus_unown_name (f->owner);
  f->owner = 0;
  g_clear_pointer (&f->shown, g_strfreev);
  gtk_widget_activate (folder);
  g_assert_true (ik_test_wait_for (is_symlink, folder_opened, 15));
  target = g_file_read_link (folder_opened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, f->dir);
  g_assert_null (f->shown);
  g_assert_false (g_file_test (opened, G_FILE_TEST_EXISTS));

  /* Open (the toast's own button, which dismisses it): the default
   * application of the file's type gets the file. Show in Folder leaves the
   * toast up. */
  gtk_widget_activate (open);
  g_assert_true (ik_test_wait_for (is_symlink, opened, 10));
  g_clear_pointer (&target, g_free);
  target = g_file_read_link (opened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/file-launcher/export-toast", Fixture, NULL, fixture_setup, test_export_toast, fixture_teardown);

  return g_test_run ();
}
