/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-input-limit.c: stopping input at the limits of the files. */
#include "config.h"

#include "ik-input-limit.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ik-window.h"

#define LIMIT_KEY "ik-input-limit"
#define TOAST_KEY "ik-input-limit-toast"

static void
on_toast_dismissed (AdwToast  *toast,
                    GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), TOAST_KEY) == toast)
    g_object_set_data (G_OBJECT (widget), TOAST_KEY, NULL);
}

/**
 * ik_show_limit_message:
 * @widget: the widget whose input was refused
 * @message: why, for users (plain text)
 *
 * Rings the bell and shows @message in a toast of the window, once while
 * the toast is up: holding a key down must not stack a hundred toasts.
 */
void
ik_show_limit_message (GtkWidget  *widget,
                       const char *message)
{
  GtkRoot *root;
  AdwToast *toast;
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  gtk_widget_error_bell (widget);
  root = gtk_widget_get_root (widget);
  if (!IK_IS_WINDOW (root) || g_object_get_data (G_OBJECT (widget), TOAST_KEY) != NULL)
    return;

  /* Toast titles are markup. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  g_object_set_data (G_OBJECT (widget), TOAST_KEY, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), widget, 0);
  ik_window_add_toast (IK_WINDOW (root), toast);
}

static void
refuse_text (GtkWidget *widget,
             gsize      max_bytes)
{
  g_autofree char *max = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = g_strdup_printf (_("This text is at its limit of %s: a longer one could not be saved"),
                                              max);

  ik_show_limit_message (widget, message);
}

typedef struct
{
  GtkWidget *widget;   /* unowned: the buffer's view outlives the handler */
  gsize      max_bytes;
} BufferLimit;

static void
on_buffer_insert_text (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       const char    *text,
                       int            len,
                       BufferLimit   *limit)
{
  gsize added = len < 0 ? strlen (text) : (gsize) len;
  gsize chars = (gsize) gtk_text_buffer_get_char_count (buffer);
  GtkTextIter start, end;
  g_autofree char *all = NULL;

  /* A character takes at most four bytes: the exact length, which copies
   * the whole text, is only needed near the limit. */
  if (chars * 4 + added <= limit->max_bytes)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  all = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (strlen (all) + added <= limit->max_bytes)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  refuse_text (limit->widget, limit->max_bytes);
}

/**
 * ik_text_buffer_limit:
 * @buffer: the buffer of an editor
 * @widget: its view, which shows the message
 * @max_bytes: the most bytes of UTF-8 it may hold, e.g. %IK_LIMIT_TEXT_LENGTH
 *
 * Refuses any insertion (typed, pasted or programmatic) that would make
 * @buffer longer than @max_bytes.
 */
void
ik_text_buffer_limit (GtkTextBuffer *buffer,
                      GtkWidget     *widget,
                      gsize          max_bytes)
{
  BufferLimit *limit;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  limit = g_new0 (BufferLimit, 1);
  limit->widget = widget;
  limit->max_bytes = max_bytes;
  g_object_set_data_full (G_OBJECT (buffer), LIMIT_KEY, limit, g_free);
  /* Before the default handler, which inserts. */
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_buffer_insert_text), limit);
}

static void
on_editable_insert_text (GtkEditable *delegate,
                         const char  *text,
                         int          length,
                         int         *position,
                         GtkEditable *editable)
{
  gsize max_bytes = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (editable), LIMIT_KEY));
  gsize added = length < 0 ? strlen (text) : (gsize) length;
  const char *current = gtk_editable_get_text (delegate);

  if (strlen (current) + added > max_bytes)
    {
      g_signal_stop_emission_by_name (delegate, "insert-text");
      refuse_text (GTK_WIDGET (editable), max_bytes);
    }
  else if ((gsize) g_utf8_strlen (current, -1) + g_utf8_strlen (text, added) > GTK_ENTRY_BUFFER_MAX_SIZE)
    {
      g_autofree char *message = NULL;

      /* GtkEntryBuffer would silently drop the rest of the text. */
      g_signal_stop_emission_by_name (delegate, "insert-text");
      message = g_strdup_printf (ngettext ("This field holds at most %d character",
                                           "This field holds at most %d characters",
                                           GTK_ENTRY_BUFFER_MAX_SIZE),
                                 GTK_ENTRY_BUFFER_MAX_SIZE);
      ik_show_limit_message (GTK_WIDGET (editable), message);
    }
}

/**
 * ik_editable_limit:
 * @editable: an entry or entry row
 * @max_bytes: the most bytes of UTF-8 it may hold
 *
 * Like ik_text_buffer_limit(), for a one-line field. Such a field also
 * holds at most %GTK_ENTRY_BUFFER_MAX_SIZE characters, and GTK silently
 * cuts what goes beyond: that is refused the same way.
 */
void
ik_editable_limit (GtkEditable *editable,
                   gsize        max_bytes)
{
  GtkEditable *delegate;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  /* Rows and entries forward to a GtkText, which emits insert-text. */
  delegate = editable;
  while (gtk_editable_get_delegate (delegate) != NULL)
    delegate = gtk_editable_get_delegate (delegate);

  g_object_set_data (G_OBJECT (editable), LIMIT_KEY, GSIZE_TO_POINTER (max_bytes));
  g_signal_connect_object (delegate, "insert-text", G_CALLBACK (on_editable_insert_text), editable, 0);
}
