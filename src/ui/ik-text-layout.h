/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IK_TYPE_TEXT_LAYOUT (ik_text_layout_get_type ())
G_DECLARE_FINAL_TYPE (IkTextLayout, ik_text_layout, IK, TEXT_LAYOUT, GtkLayoutManager)

GtkLayoutManager *ik_text_layout_new   (GtkOrientation  orientation,
                                        int             spacing);
void              ik_text_layout_adopt (GtkWidget      *widget,
                                        GtkOrientation  orientation,
                                        int             spacing);

G_END_DECLS
