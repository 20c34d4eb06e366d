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

G_END_DECLS
