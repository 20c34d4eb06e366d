/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ik-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IkApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* build-aux/run points this at <builddir>/po, where meson compiles the
   * catalogues, so that LANGUAGE=de works without installing. */
  localedir = g_getenv ("INTERVIEW_KIT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ik_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
