/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-fuzz.c: setup shared by the fuzz targets (see ik-fuzz.h). */
#include "config.h"

#include "ik-fuzz.h"

#include <locale.h>
#include <stdlib.h>

#include "ik-document.h"
#include "ik-json.h"
#include "ik-test-util.h"

static char *tmpdir;

static void
remove_tmpdir (void)
{
  if (tmpdir != NULL)
    ik_test_rm_rf (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
ik_fuzz_init (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}

const char *
ik_fuzz_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("ik-fuzz-XXXXXX", &error);
      if (tmpdir == NULL)
        g_error ("ik-fuzz: %s", error->message);
      atexit (remove_tmpdir);
    }
  return tmpdir;
}

void
ik_fuzz_write_file (const char    *path,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr(GError) error = NULL;

  /* No fsync: the files live only as long as one input. */
  if (!g_file_set_contents_full (path, (const char *) data, size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("ik-fuzz: %s", error->message);
}

void
ik_fuzz_assert_saves (IkBank    *bank,
                      IkSession *session)
{
  g_autoptr(JsonNode) root = bank != NULL ? ik_bank_to_json (bank) : ik_session_to_json (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;

  saved = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  if (bank != NULL)
    ik_document_check_bank (saved, length, &error);
  else
    ik_document_check_session (saved, length, &error);
  g_assert_no_error (error);
}
