/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IK_TYPE_SCROLLER_BIN (ik_scroller_bin_get_type ())
G_DECLARE_FINAL_TYPE (IkScrollerBin, ik_scroller_bin, IK, SCROLLER_BIN, GtkWidget)

GtkWidget *ik_scroller_bin_new       (void);
GtkWidget *ik_scroller_bin_get_child (IkScrollerBin *self);
void       ik_scroller_bin_set_child (IkScrollerBin *self,
                                      GtkWidget     *child);

G_END_DECLS
