/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-export-dialog.c: choosing how a scorecard leaves the application.
 *
 * The two privacy switches are bound to GSettings, so the choice made for
 * one export is the default of the next one (and of nothing else: the
 * command line has its own flags).
 *
 * Every format is written in a worker thread (the fsync of an atomic
 * write can take seconds). A PDF with long notes also takes seconds to lay
 * out: it is rendered there too, under a progress dialog that can cancel
 * it (nothing is written then).
 *
 * A pseudonymised export needs the library's secret, read (or made, the
 * first time) by the model in a worker thread before the export starts.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-application.h"
#include "ik-export-dialog.h"
#include "ik-export-files.h"
#include "ik-file-launcher.h"
#include "ik-pdf-export.h"
#include "ik-progress-dialog.h"
#include "ik-pseudonym-key.h"
#include "ik-scorecard-export.h"
#include "ik-window.h"

struct _IkExportDialog
{
  AdwWindow             parent_instance;

  IkSession            *session;
  IkBank               *bank;
  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwComboRow          *format_row;
  GtkSwitch            *notes_switch;
  GtkSwitch            *pseudonymise_switch;

  GBytes               *pseudonym_key;
};

G_DEFINE_FINAL_TYPE (IkExportDialog, ik_export_dialog, ADW_TYPE_WINDOW)

static void
get_options (IkExportDialog  *self,
             IkExportOptions *options)
{
  options->include_notes = gtk_switch_get_active (self->notes_switch);
  options->pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  options->pseudonym_key = self->pseudonym_key;
}

/* The folder of the library, whose secret names the candidates. */
static char *
dup_data_dir (void)
{
  GApplication *app = g_application_get_default ();

  if (IK_IS_APPLICATION (app))
    return ik_application_dup_data_dir (IK_APPLICATION (app));
  return g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
}

typedef void (*WithKeyFunc) (IkExportDialog *self,
                             GTask          *task,
                             GError         *error);

/* Calls @func once the options are complete: at once, or when the secret
 * of a pseudonymised export has been read in a worker thread (with the
 * error when it could not be). @task carries what @func needs. */
static void
on_key_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IkExportDialog *self = g_task_get_source_object (task);
  WithKeyFunc func = g_object_get_data (G_OBJECT (task), "with-key");
  g_autoptr(GError) error = NULL;
  GBytes *key = ik_pseudonym_key_load_finish (result, &error);

  if (key != NULL)
    {
      g_clear_pointer (&self->pseudonym_key, g_bytes_unref);
      self->pseudonym_key = key;
    }
  func (self, task, error);
}

static void
with_key (IkExportDialog *self,
          GTask          *task,
          WithKeyFunc     func)
{
  g_autofree char *dir = NULL;

  if (!gtk_switch_get_active (self->pseudonymise_switch) || self->pseudonym_key != NULL)
    {
      func (self, task, NULL);
      return;
    }
  dir = dup_data_dir ();
  g_object_set_data (G_OBJECT (task), "with-key", func);
  ik_pseudonym_key_load_async (dir, NULL, on_key_loaded, g_object_ref (task));
}

static IkExportFormat
get_format (IkExportDialog *self)
{
  /* The rows of the combo follow the order of IkExportFormat. */
  return MIN (adw_combo_row_get_selected (self->format_row), IK_EXPORT_N_FORMATS - 1);
}

/* The file of an export, on its task (ik_export_dialog_export_to_async()). */
#define EXPORT_FILE_KEY "file"

/* The file is written: the window the dialog belongs to says where it went,
 * with Open and Show in Folder. */
static void
export_done (GTask  *task,
             GError *error)
{
  IkExportDialog *self = g_task_get_source_object (task);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", TRUE);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (parent != NULL)
    ik_window_add_toast_for_widget (GTK_WIDGET (parent),
                                    ik_export_toast_new (g_object_get_data (G_OBJECT (task), EXPORT_FILE_KEY)));
  g_task_return_boolean (task, TRUE);
}

static void
on_pdf_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  ik_progress_dialog_done (g_task_get_task_data (task));
  if (ik_pdf_export_write_finish (result, &error))
    export_done (task, NULL);
  else
    export_done (task, error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (ik_export_write_file_finish (result, &error))
    export_done (task, NULL);
  else
    export_done (task, error);
}

/**
 * ik_export_dialog_export_to_async:
 * @file: a local file to write
 *
 * Exports with the format and options shown in the dialog; the file is
 * written atomically, in a worker thread. A PDF is also laid out there,
 * under a progress dialog whose Cancel button stops it
 * (%G_IO_ERROR_CANCELLED, nothing written); the other formats are quick to
 * make, so they are made at once and only written in the worker. Once it
 * is written, the window the dialog belongs to shows a toast with Open and
 * Show in Folder (ik_export_toast_new()).
 */
static void
export_with_key (IkExportDialog *self,
                 GTask          *task_in,
                 GError         *key_error)
{
  g_autoptr(GTask) task = g_object_ref (task_in);
  g_autoptr(GCancellable) cancellable = NULL;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autofree char *path = g_file_get_path (file);
  IkProgressDialog *progress;
  IkExportOptions options;
  IkExportFormat format;
  GError *error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", TRUE);
  if (key_error != NULL)
    {
      g_task_return_error (task, g_error_copy (key_error));
      return;
    }
  get_options (self, &options);
  format = get_format (self);

  if (format != IK_EXPORT_FORMAT_PDF)
    {
      gsize length = 0;
      char *data = ik_scorecard_export (self->session, self->bank, &options, format, &length, &error);
      g_autoptr(GBytes) bytes = NULL;

      if (data == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      bytes = g_bytes_new_take (data, length);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", FALSE);
      ik_export_write_file_async (file, bytes, NULL, on_written, g_steal_pointer (&task));
      return;
    }

  cancellable = g_cancellable_new ();
  progress = ik_progress_dialog_new (GTK_WINDOW (self), _("Exporting the Scorecard…"), cancellable);
  g_task_set_task_data (task, g_object_ref (progress), g_object_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", FALSE);
  ik_pdf_export_write_async (self->session, self->bank, &options, path, cancellable,
                             ik_progress_dialog_report, g_object_ref (progress), g_object_unref,
                             on_pdf_written, g_steal_pointer (&task));
}

/**
 * ik_export_dialog_export_to_async:
 * @file: a local file to write
 *
 * Exports with the format and options shown in the dialog; the file is
 * written atomically, in a worker thread. A PDF is also laid out there,
 * under a progress dialog whose Cancel button stops it
 * (%G_IO_ERROR_CANCELLED, nothing written); the other formats are quick to
 * make, so they are made at once and only written in the worker.
 */
void
ik_export_dialog_export_to_async (IkExportDialog      *self,
                                  GFile               *file,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (IK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ik_export_dialog_export_to_async);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Scorecards can only be exported to local files"));
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  /* No second export while the secret is read. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", FALSE);
  with_key (self, task, export_with_key);
}

/**
 * ik_export_dialog_export_to_finish:
 *
 * Returns: whether the file was written
 */
gboolean
ik_export_dialog_export_to_finish (IkExportDialog  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_export_dialog_export_to_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IkExportDialog *self = IK_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (ik_export_dialog_export_to_finish (self, result, &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* The user stopped it: the export dialog stays, to change the options. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     IkExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  ik_export_dialog_export_to_async (self, file, on_exported, NULL);
}

static void
save (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  IkExportDialog *self = IK_EXPORT_DIALOG (widget);
  IkExportFormat format = get_format (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  IkExportOptions options;

  get_options (self, &options);
  name = ik_export_default_filename (self->session, &options, format);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Scorecard"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_add_mime_type (filter, ik_export_format_get_mime_type (format));
  gtk_file_filter_set_name (filter, adw_combo_row_get_selected_item (self->format_row) != NULL
                                      ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->format_row))
                                      : NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_with_key (IkExportDialog *self,
                GTask          *task,
                GError         *key_error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(IkSession) session = g_object_ref (self->session);
  g_autoptr(IkBank) bank = self->bank != NULL ? g_object_ref (self->bank) : NULL;
  g_autoptr(GBytes) key = self->pseudonym_key != NULL ? g_bytes_ref (self->pseudonym_key) : NULL;
  IkExportOptions options;

  g_task_return_boolean (task, key_error == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print", TRUE);
  if (key_error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"), key_error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  get_options (self, &options);
  options.pseudonym_key = key;
  /* The print dialog replaces this one. */
  gtk_window_close (GTK_WINDOW (self));
  ik_pdf_export_print (parent, session, bank, &options);
}

static void
print (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  IkExportDialog *self = IK_EXPORT_DIALOG (widget);
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

  gtk_widget_action_set_enabled (widget, "export.print", FALSE);
  with_key (self, task, print_with_key);
}

static void
ik_export_dialog_dispose (GObject *object)
{
  IkExportDialog *self = IK_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->session);
  g_clear_object (&self->bank);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pseudonym_key, g_bytes_unref);

  G_OBJECT_CLASS (ik_export_dialog_parent_class)->dispose (object);
}

static void
ik_export_dialog_class_init (IkExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IkExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, IkExportDialog, notes_switch);
  gtk_widget_class_bind_template_child (widget_class, IkExportDialog, pseudonymise_switch);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save);
  gtk_widget_class_install_action (widget_class, "export.print", NULL, print);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "export.print", NULL);
}

static void
ik_export_dialog_init (IkExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "export-include-notes", self->notes_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-pseudonymise", self->pseudonymise_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * ik_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @session: the session whose scorecard to export
 * @bank: (nullable): the bank of the session, for the anchors
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
IkExportDialog *
ik_export_dialog_new (GtkWindow *parent,
                      IkSession *session,
                      IkBank    *bank)
{
  IkExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank == NULL || IK_IS_BANK (bank), NULL);

  self = g_object_new (IK_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->bank = bank != NULL ? g_object_ref (bank) : NULL;
  return self;
}
