/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-bank.h"
#include "ik-session.h"

G_BEGIN_DECLS

#define IK_TYPE_EXPORT_DIALOG (ik_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IkExportDialog, ik_export_dialog, IK, EXPORT_DIALOG, AdwWindow)

IkExportDialog *ik_export_dialog_new         (GtkWindow      *parent,
                                              IkSession      *session,
                                              IkBank         *bank);
void            ik_export_dialog_export_to_async  (IkExportDialog       *self,
                                                   GFile                *file,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean        ik_export_dialog_export_to_finish (IkExportDialog       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
