/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-input-limit.h: stopping input at the limits of the files.
 *
 * Text past a limit of ik-limits.h could be kept in memory but never
 * saved (the store refuses what the next load would refuse). So editors
 * refuse the insertion instead, ring the bell and say why in a toast.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ik_text_buffer_limit      (GtkTextBuffer *buffer,
                                GtkWidget     *widget,
                                gsize          max_bytes);
void ik_editable_limit         (GtkEditable   *editable,
                                gsize          max_bytes);
void ik_show_limit_message     (GtkWidget     *widget,
                                const char    *message);

G_END_DECLS
