/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-guide.c: importing a plain-text interview guide (ik_guide_import,
 * through ik_bank_import_file_contents as the window's import does); a
 * bank it makes passes the check run before a save. */
#include "config.h"

#include "ik-bank-export.h"
#include "ik-fuzz.h"
#include "ik-guide-import.h"

IK_FUZZ_TARGET (guide)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(IkBank) imported = NULL;
  g_autoptr(GError) error = NULL;

  bank = ik_guide_import ((const char *) data, size, "Fuzzed guide", &warnings, &error);
  g_assert ((bank == NULL) == (error != NULL));
  g_clear_error (&error);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  imported = ik_bank_import_file_contents ((const char *) data, size, "guide.txt", &warnings, &error);
  g_assert ((imported == NULL) == (error != NULL));
  if (imported != NULL)
    ik_fuzz_assert_saves (imported, NULL);
  return 0;
}
