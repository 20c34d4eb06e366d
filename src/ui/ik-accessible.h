/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ik_accessible_fix_names      (GtkWidget   *root);
void ik_accessible_name_row       (GtkWidget   *row,
                                   GtkWidget   *check,
                                   const char  *label,
                                   const char  *description);
void ik_accessible_name_dropdown  (GtkDropDown *dropdown);
void ik_accessible_make_list_item (GtkListItem *item);
void ik_accessible_name_list_item (GtkListItem *item,
                                   GtkWidget   *label,
                                   GtkWidget   *description);
void ik_accessible_name_unlabelled (GtkWidget  *root);

G_END_DECLS
