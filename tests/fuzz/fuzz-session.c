/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-session.c: an interview (session) file as the library loads it
 * (ik_library_load_document); an interview that loads must save (pass the check
 * run before every save) and load again. */
#include "config.h"

#include "ik-document.h"
#include "ik-fuzz.h"
#include "ik-library-private.h"
#include "ik-test-util.h"

IK_FUZZ_TARGET (session)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LoadedItem) item = NULL;

  ik_document_check_session ((const char *) data, size, NULL);
  item = ik_library_load_document (KIND_SESSION, "/fuzz/session.json", "session.json",
                                   (const char *) data, size, NULL, TRUE, problems);
  g_assert (item != NULL || problems->len > 0);
  /* The load's fast reader takes no more than the tree reader. */
  ik_test_read_both_ways (TRUE, (const char *) data, size);
  if (item != NULL)
    ik_fuzz_assert_saves (NULL, IK_SESSION (item->object));
  return 0;
}
