/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ik_set_string:
 * @field: (inout): a string owned by an object
 * @value: (nullable): the new value
 *
 * Replaces *@field with a copy of @value when they differ, which is when
 * the model's setters notify and emit ::changed. (g_set_str() does this
 * from GLib 2.76, above our floor.)
 *
 * Returns: whether *@field changed
 */
static inline gboolean
ik_set_string (char       **field,
               const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* Copied before freeing: @value may point into *@field. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

/**
 * ik_set_text:
 * @field: (inout): a string owned by an object that is never %NULL
 * @value: (nullable): the new value; %NULL is stored as ""
 *
 * Returns: whether *@field changed
 */
static inline gboolean
ik_set_text (char       **field,
             const char  *value)
{
  return ik_set_string (field, value != NULL ? value : "");
}

/**
 * ik_str_is_blank:
 * @text: (nullable): a string
 *
 * Returns: whether @text is %NULL, empty or only ASCII white space: the
 *   test for an answer, evidence or field left empty
 */
static inline gboolean
ik_str_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

G_END_DECLS
