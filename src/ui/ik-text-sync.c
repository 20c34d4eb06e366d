/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-text-sync.c: showing a model value that changed elsewhere in a field
 * the user may be typing in.
 *
 * Every pane writes what is typed into the model at once, so a field and
 * its model value only differ when the value changed from elsewhere: these
 * replace the text only then (the user's own keystrokes come back equal and
 * are left alone, selection and undo included), and keep the cursor at the
 * same character offset (clamped), so that whoever is typing goes on where
 * they were. The callers block their own change handlers around the call.
 */
#include "config.h"

#include "ik-text-sync.h"

/**
 * ik_editable_sync:
 * @editable: an entry showing a model value
 * @text: (nullable): the value now; %NULL is the empty string
 *
 * Returns: whether the text was replaced
 */
gboolean
ik_editable_sync (GtkEditable *editable,
                  const char  *text)
{
  int position;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), FALSE);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (editable), text) == 0)
    return FALSE;

  position = gtk_editable_get_position (editable);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, MIN (position, (int) g_utf8_strlen (text, -1)));
  return TRUE;
}

/**
 * ik_text_buffer_sync:
 * @buffer: a buffer showing a model value
 * @text: (nullable): the value now; %NULL is the empty string
 *
 * Returns: whether the text was replaced
 */
gboolean
ik_text_buffer_sync (GtkTextBuffer *buffer,
                     const char    *text)
{
  GtkTextIter start, end, cursor;
  g_autofree char *current = NULL;
  int offset;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (text == NULL)
    text = "";
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) == 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  return TRUE;
}
