/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-progress-dialog.h: the progress of slow work, with a Cancel button. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IK_TYPE_PROGRESS_DIALOG (ik_progress_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IkProgressDialog, ik_progress_dialog, IK, PROGRESS_DIALOG, AdwWindow)

IkProgressDialog *ik_progress_dialog_new     (GtkWindow        *parent,
                                              const char       *heading,
                                              GCancellable     *cancellable);
void              ik_progress_dialog_report  (double            fraction,
                                              gpointer          dialog);
void              ik_progress_dialog_done    (IkProgressDialog *self);

G_END_DECLS
