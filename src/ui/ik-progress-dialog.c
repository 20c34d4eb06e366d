/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-progress-dialog.c: the progress of slow work, with a Cancel button.
 *
 * Importing a guide of several megabytes or exporting a scorecard with
 * long notes to PDF takes seconds; the work runs in a worker thread and
 * this dialog shows how far it is and lets the user stop it. It appears
 * only when the work has not finished after a moment, so quick work (the
 * usual case) does not flash a window. The window below it keeps running:
 * autosave timers fire, and it redraws.
 */
#include "config.h"

#include "ik-accessible.h"
#include "ik-progress-dialog.h"

/* How long work may take before the dialog appears, in milliseconds. */
#define PRESENT_DELAY_MS 300

struct _IkProgressDialog
{
  AdwWindow       parent_instance;

  GCancellable   *cancellable;
  guint           present_id;
  gboolean        done;

  GtkLabel       *heading_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (IkProgressDialog, ik_progress_dialog, ADW_TYPE_WINDOW)

static gboolean
present_later (gpointer user_data)
{
  IkProgressDialog *self = user_data;

  self->present_id = 0;
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Ends the dialog: it was cancelled or the work is over. */
static void
finish (IkProgressDialog *self)
{
  if (self->done)
    return;
  self->done = TRUE;
  g_clear_handle_id (&self->present_id, g_source_remove);
  /* The parent (an export dialog) may close and go before the last
   * reference of this one is dropped. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  IkProgressDialog *self = IK_PROGRESS_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  finish (self);
}

/* Closing the dialog (Escape, the window manager) is cancelling. */
static gboolean
ik_progress_dialog_close_request (GtkWindow *window)
{
  IkProgressDialog *self = IK_PROGRESS_DIALOG (window);

  if (!self->done)
    {
      g_cancellable_cancel (self->cancellable);
      self->done = TRUE;
      g_clear_handle_id (&self->present_id, g_source_remove);
    }
  return FALSE;
}

static void
ik_progress_dialog_dispose (GObject *object)
{
  IkProgressDialog *self = IK_PROGRESS_DIALOG (object);

  /* Destroyed with its window before the work was over: the work is for
   * nothing now. */
  if (!self->done)
    {
      self->done = TRUE;
      g_cancellable_cancel (self->cancellable);
    }
  g_clear_handle_id (&self->present_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_PROGRESS_DIALOG);

  G_OBJECT_CLASS (ik_progress_dialog_parent_class)->dispose (object);
}

static void
ik_progress_dialog_finalize (GObject *object)
{
  IkProgressDialog *self = IK_PROGRESS_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ik_progress_dialog_parent_class)->finalize (object);
}

static void
ik_progress_dialog_class_init (IkProgressDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ik_progress_dialog_dispose;
  object_class->finalize = ik_progress_dialog_finalize;
  window_class->close_request = ik_progress_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IkProgressDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, IkProgressDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "progress.cancel", NULL);
}

static void
ik_progress_dialog_init (IkProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
}

/**
 * ik_progress_dialog_new:
 * @parent: the window whose work this is
 * @heading: what is being done, e.g. “Importing “guide.txt”…”
 * @cancellable: cancelled by the Cancel button, Escape or closing
 *
 * Creates the dialog of one piece of work; it shows itself if the work
 * lasts. Report progress with ik_progress_dialog_report() and end it with
 * ik_progress_dialog_done() when the work is over.
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels
 */
IkProgressDialog *
ik_progress_dialog_new (GtkWindow    *parent,
                        const char   *heading,
                        GCancellable *cancellable)
{
  IkProgressDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (IK_TYPE_PROGRESS_DIALOG,
                       "transient-for", parent,
                       "title", heading,
                       NULL);
  self->cancellable = g_object_ref (cancellable);
  gtk_label_set_text (self->heading_label, heading);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->present_id = g_timeout_add (PRESENT_DELAY_MS, present_later, self);
  return self;
}

/**
 * ik_progress_dialog_report:
 * @fraction: from 0 to 1
 * @dialog: (type IkProgressDialog): the dialog
 *
 * An #IkProgressFunc for the main thread: shows @fraction.
 */
void
ik_progress_dialog_report (double   fraction,
                           gpointer dialog)
{
  IkProgressDialog *self = dialog;

  g_return_if_fail (IK_IS_PROGRESS_DIALOG (self));

  if (!self->done)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/**
 * ik_progress_dialog_done:
 *
 * The work is over: closes the dialog (or never shows it) without
 * cancelling anything.
 */
void
ik_progress_dialog_done (IkProgressDialog *self)
{
  g_return_if_fail (IK_IS_PROGRESS_DIALOG (self));

  finish (self);
}
