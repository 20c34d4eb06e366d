/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates in rows and banners: the locale's order and separators, and always
 * a four-digit year (`%x` gives "02/12/26" in the C locale). */
#include "config.h"

#include <locale.h>

#include "ik-date-format.h"

static GDateTime *
make_time (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_date_time_new (local, 2026, 2, 12, 9, 5, 30);
}

static void
test_c_locale (void)
{
  g_autoptr(GDateTime) when = make_time ();
  g_autofree char *date = NULL;
  g_autofree char *date_time = NULL;

  g_assert_nonnull (setlocale (LC_TIME, "C.UTF-8"));
  date = ik_format_date (when);
  date_time = ik_format_date_time (when);
  g_assert_cmpstr (date, ==, "02/12/2026");
  g_assert_cmpstr (date_time, ==, "02/12/2026 09:05");
}

/* Only where the machine has the locale. */
static void
test_other_locales (void)
{
  static const struct { const char *locale; const char *date; } cases[] = {
    { "de_DE.UTF-8", "12.02.2026" },
    { "en_US.UTF-8", "02/12/2026" },
    { "en_GB.UTF-8", "12/02/2026" },
  };
  g_autoptr(GDateTime) when = make_time ();
  guint tested = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;

      if (setlocale (LC_TIME, cases[i].locale) == NULL)
        continue;
      date = ik_format_date (when);
      g_assert_cmpstr (date, ==, cases[i].date);
      tested++;
    }
  setlocale (LC_TIME, "C.UTF-8");
  if (tested == 0)
    g_test_skip ("None of the locales is installed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-format/c-locale", test_c_locale);
  g_test_add_func ("/date-format/other-locales", test_other_locales);

  return g_test_run ();
}
