/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-markdown.c: reading a bank exported as Markdown
 * (ik_bank_from_markdown, and ik_bank_import_file_contents for a `.md`
 * file); a bank it reads passes the check run before a save and exports
 * to Markdown that reads again. */
#include "config.h"

#include <string.h>

#include "ik-bank-export.h"
#include "ik-fuzz.h"

IK_FUZZ_TARGET (markdown)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(IkBank) imported = NULL;
  g_autoptr(GError) error = NULL;

  bank = ik_bank_from_markdown ((const char *) data, size, &error);
  g_assert ((bank == NULL) == (error != NULL));
  if (bank != NULL)
    {
      g_autoptr(IkBank) again = NULL;
      g_autofree char *markdown = NULL;

      ik_fuzz_assert_saves (bank, NULL);
      markdown = ik_bank_to_markdown (bank);
      again = ik_bank_from_markdown (markdown, strlen (markdown), &error);
      g_assert_no_error (error);
    }
  g_clear_error (&error);

  imported = ik_bank_import_file_contents ((const char *) data, size, "bank.md", &warnings, &error);
  g_assert ((imported == NULL) == (error != NULL));
  return 0;
}
