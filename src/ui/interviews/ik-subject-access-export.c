/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access-export.c: everything stored about one candidate,
 * written into a folder the user picks (ik-subject-access.h).
 *
 * What is stored is found at once, as erasing finds it; the user then
 * picks a folder, and the report is built, laid out as PDF and written in
 * a worker thread under the progress dialog (Cancel stops it before
 * anything is written). A toast says where it went. */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-progress-dialog.h"
#include "ik-subject-access-export.h"
#include "ik-subject-access-pdf.h"
#include "ik-subject-access.h"
#include "ik-window.h"

typedef struct
{
  /* Weak: the pane may go (its window closed) while the report is written. */
  GWeakRef          parent;
  IkSubjectAccess  *access;
  /* Weak too: GTK owns the dialog, which goes with its window. */
  GWeakRef          progress;
  char             *folder_name;
} Run;

static void
run_free (Run *run)
{
  g_weak_ref_clear (&run->parent);
  ik_subject_access_free (run->access);
  g_weak_ref_clear (&run->progress);
  g_free (run->folder_name);
  g_free (run);
}

static void
toast (GtkWidget  *widget,
       const char *title)
{
  if (widget != NULL)
    ik_window_add_toast_for_widget (widget, adw_toast_new (title));
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GtkWidget) parent = g_weak_ref_get (&run->parent);
  g_autoptr(IkProgressDialog) progress = g_weak_ref_get (&run->progress);
  g_autoptr(GError) error = NULL;

  if (progress != NULL)
    ik_progress_dialog_done (progress);
  if (ik_subject_access_write_finish (result, &error))
    {
      /* Translators: %s is the name of a folder */
      g_autofree char *title = g_strdup_printf (_("Everything about the candidate was exported to “%s”"),
                                                run->folder_name);
      toast (parent, title);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      g_autofree char *title = g_strdup_printf (_("Could not export: %s"), error->message);
      toast (parent, title);
    }
  run_free (run);
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Run             *run)
{
  g_autoptr(GtkWidget) parent = g_weak_ref_get (&run->parent);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *path = NULL;
  GtkRoot *root;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  path = folder != NULL ? g_file_get_path (folder) : NULL;
  if (path == NULL || parent == NULL)
    {
      if (folder != NULL)
        toast (parent, _("Only local folders can be written to"));
      run_free (run);
      return;
    }

  run->folder_name = g_file_get_basename (folder);
  root = gtk_widget_get_root (parent);
  cancellable = g_cancellable_new ();
  g_weak_ref_set (&run->progress, ik_progress_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         _("Exporting Everything About the Candidate…"),
                                                         cancellable));
  ik_subject_access_write_async (g_steal_pointer (&run->access), path, ik_subject_access_pdf, cancellable,
                                 on_written, run);
}

/**
 * ik_subject_access_export_present:
 * @parent: the widget the action came from
 * @team_folder: (nullable): the team folder, if one is set
 * @name_or_id: the candidate
 *
 * Asks for a folder, then writes everything stored about the candidate
 * into it; says in a toast when it is done, or why it failed.
 */
void
ik_subject_access_export_present (GtkWidget    *parent,
                                  IkLibrary    *library,
                                  IkTeamFolder *team_folder,
                                  const char   *name_or_id)
{
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  Run *run;
  IkSubjectAccess *access;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (IK_IS_LIBRARY (library));
  g_return_if_fail (name_or_id != NULL);

  access = ik_subject_access_new (library, team_folder, ik_library_get_dir (library), name_or_id, &error);
  if (access == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *title = g_strdup_printf (_("Could not export: %s"), error->message);
      toast (parent, title);
      return;
    }

  run = g_new0 (Run, 1);
  g_weak_ref_init (&run->parent, parent);
  g_weak_ref_init (&run->progress, NULL);
  run->access = access;
  root = gtk_widget_get_root (parent);
  chooser = gtk_file_chooser_native_new (_("Export Everything About This Candidate"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
