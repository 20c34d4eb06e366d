/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IK_TYPE_ROW_TEXT (ik_row_text_get_type ())
G_DECLARE_FINAL_TYPE (IkRowText, ik_row_text, IK, ROW_TEXT, GtkWidget)

GtkWidget  *ik_row_text_new        (guint       lines,
                                    float       yalign);
void        ik_row_text_set_text   (IkRowText  *self,
                                    const char *text);
void        ik_row_text_set_markup (IkRowText  *self,
                                    const char *markup);
const char *ik_row_text_get_text   (IkRowText  *self);

G_END_DECLS
