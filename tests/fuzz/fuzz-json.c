/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-json.c: the JSON reader (ik-json-parser.c): the pull reader token
 * by token, the tree builder, and the writer on whatever it accepted. */
#include "config.h"

#include "ik-fuzz.h"
#include "ik-json.h"

IK_FUZZ_TARGET (json)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  IkJsonPull *pull;
  IkJsonToken token;
  guint line = 0;
  guint column = 0;

  pull = ik_json_pull_new ((const char *) data, size);
  do
    {
      token = ik_json_pull_next (pull);
      if (token == IK_JSON_TOKEN_STRING || token == IK_JSON_TOKEN_MEMBER || token == IK_JSON_TOKEN_NUMBER)
        g_assert (g_utf8_validate (ik_json_pull_get_string (pull, NULL), -1, NULL));
    }
  while (token != IK_JSON_TOKEN_ERROR && token != IK_JSON_TOKEN_END);
  if (token == IK_JSON_TOKEN_ERROR)
    {
      g_autoptr(GError) pull_error = NULL;

      ik_json_pull_propagate_error (pull, NULL, NULL, &pull_error);
      g_assert (pull_error != NULL);
    }
  ik_json_pull_free (pull);

  root = ik_json_parse ((const char *) data, size, &line, &column, &error);
  g_assert ((root == NULL) == (error != NULL));
  if (root != NULL)
    {
      g_autofree char *written = NULL;
      g_autoptr(JsonNode) again = NULL;
      gsize length = 0;

      /* What was read writes back, and what was written reads again. */
      written = ik_json_to_data (root, &length, NULL);
      if (written != NULL)
        {
          again = ik_json_parse (written, length, NULL, NULL, NULL);
          g_assert (again != NULL);
        }
    }
  return 0;
}
