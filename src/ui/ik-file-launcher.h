/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-file-launcher.h: after an export, opening the file or showing it in
 * the file manager, from a toast. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *ik_export_toast_new                (GFile          *file);
void      ik_file_launcher_install_actions   (GtkWidgetClass *widget_class);

void      ik_file_launcher_open_async        (GtkWidget           *widget,
                                              const char          *uri,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void      ik_file_launcher_show_in_folder_async  (GtkWidget           *widget,
                                                  const char          *uri,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean  ik_file_launcher_finish                (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
