/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-date-format.c: dates as rows, subtitles and banners show them.
 *
 * The locale's own short date format (its order and separators: 12.02.2026,
 * 02/12/2026, 2026-02-12), but always with a four-digit year: `%x` gives
 * "02/12/26" in the C locale and in several others, which reads as three
 * different dates depending on who reads it. A spelled-out month
 * ("12 February 2026") would be clearer still but would follow the
 * translation rather than the date settings (LC_TIME), which users set on
 * purpose. */
#include "config.h"

#include <langinfo.h>
#include <string.h>

#include "ik-date-format.h"

static char *
date_format (void)
{
  GString *format = g_string_new (nl_langinfo (D_FMT));

  g_string_replace (format, "%y", "%Y", 0);
  if (strstr (format->str, "%Y") == NULL && strstr (format->str, "%F") == NULL)
    g_string_assign (format, "%Y-%m-%d");
  return g_string_free (format, FALSE);
}

/**
 * ik_format_date:
 * @when: a time
 *
 * Returns: (transfer full): the day of @when, in local time, in the
 *   locale's short date format with a four-digit year
 */
char *
ik_format_date (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *format = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  format = date_format ();
  return g_date_time_format (local, format);
}

/**
 * ik_format_date_time:
 * @when: a time
 *
 * Returns: (transfer full): ik_format_date() and the time of day in hours
 *   and minutes, local time
 */
char *
ik_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *format = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  date = date_format ();
  format = g_strconcat (date, " %H:%M", NULL);
  return g_date_time_format (local, format);
}
