/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ik_revealer_set_revealed              (GtkRevealer *revealer,
                                            gboolean     revealed);
void ik_revealer_hide_content_while_closed (GtkRevealer *revealer,
                                            GtkWidget   *content);

G_END_DECLS
