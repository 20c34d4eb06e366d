/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-application.h"

G_BEGIN_DECLS

#define IK_TYPE_WINDOW (ik_window_get_type ())

G_DECLARE_FINAL_TYPE (IkWindow, ik_window, IK, WINDOW, AdwApplicationWindow)

/**
 * IkUndoFunc:
 * @window: the window whose toast offered Undo
 * @data: the data given to ik_window_show_undo_toast()
 *
 * Brings back what a delete removed.
 */
typedef void (*IkUndoFunc) (IkWindow *window,
                            gpointer  data);

IkWindow  *ik_window_new                  (IkApplication  *application);
IkWindow  *ik_window_get_for_widget       (GtkWidget      *widget);
IkLibrary *ik_window_get_library          (IkWindow       *self);
void       ik_window_add_toast            (IkWindow       *self,
                                           AdwToast       *toast);
void       ik_window_add_toast_for_widget (GtkWidget      *widget,
                                           AdwToast       *toast);
void       ik_window_show_undo_toast      (IkWindow       *self,
                                           const char     *title,
                                           IkUndoFunc      undo,
                                           gpointer        data,
                                           GDestroyNotify  destroy);
void       ik_window_undo                 (IkWindow       *self);
void       ik_window_focus_list_row       (GtkWidget      *view,
                                           guint           position);
gpointer   ik_window_get_focused_list_item (GtkWidget     *view);
void       ik_window_remember_list_item   (GtkWidget      *row,
                                           GtkListItem    *item);
void       ik_window_import_file          (IkWindow       *self,
                                           GFile          *file);
void       ik_window_import_data          (IkWindow       *self,
                                           const char     *data,
                                           gsize           length,
                                           const char     *name);
void       ik_window_show_view            (IkWindow       *self,
                                           const char     *name);
void       ik_window_add_accels           (GtkApplication *app);

G_END_DECLS
