/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-text-sync.h: showing a model value that changed elsewhere (another
 * program rewrote the file) in a field the user may be typing in. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean ik_editable_sync    (GtkEditable   *editable,
                              const char    *text);
gboolean ik_text_buffer_sync (GtkTextBuffer *buffer,
                              const char    *text);

char        *ik_text_buffer_dup_text (GtkTextBuffer *buffer);

/* A multi-line field of a boxed list (an AdwPreferencesRow). */
GtkWidget   *ik_text_row_new         (const char    *title,
                                      const char    *text,
                                      gsize          max_bytes);
GtkTextView *ik_text_row_get_view    (GtkWidget     *row);
void         ik_text_row_add_suffix  (GtkWidget     *row,
                                      GtkWidget     *widget);

G_END_DECLS
