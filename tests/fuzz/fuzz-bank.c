/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-bank.c: a bank file as the library loads it
 * (ik_library_load_document); a bank that loads must save (pass the check
 * run before every save) and load again. */
#include "config.h"

#include "ik-document.h"
#include "ik-fuzz.h"
#include "ik-library-private.h"
#include "ik-test-util.h"

IK_FUZZ_TARGET (bank)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LoadedItem) item = NULL;

  ik_document_check_bank ((const char *) data, size, NULL);
  item = ik_library_load_document (KIND_BANK, "/fuzz/bank.json", "bank.json",
                                   (const char *) data, size, NULL, TRUE, problems);
  g_assert (item != NULL || problems->len > 0);
  /* The load's fast reader takes no more than the tree reader. */
  ik_test_read_both_ways (FALSE, (const char *) data, size);
  if (item != NULL)
    ik_fuzz_assert_saves (IK_BANK (item->object), NULL);
  return 0;
}
