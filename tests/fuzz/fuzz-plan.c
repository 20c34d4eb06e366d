/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-plan.c: a plan file from a colleague (`*.ikplan.json`,
 * ik_planner_session_new_from_plan); what it creates has a valid candidate
 * id, a safe file name, and writes back to a plan that reads again. */
#include "config.h"

#include <string.h>

#include "ik-fuzz.h"
#include "ik-json.h"
#include "ik-plan-files.h"
#include "ik-planner.h"

IK_FUZZ_TARGET (plan)
{
  g_autoptr(IkSession) session = NULL;
  g_autoptr(IkSession) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *written = NULL;
  const char *candidate_id;
  guint index = 0;
  gsize length = 0;

  session = ik_planner_session_new_from_plan ((const char *) data, size, &index, &error);
  g_assert ((session == NULL) == (error != NULL));
  if (session == NULL)
    return 0;

  candidate_id = ik_session_get_candidate_id (session);
  g_assert (candidate_id == NULL || *candidate_id == '\0' || ik_id_is_valid (candidate_id));
  g_assert (index < IK_LIMIT_PANEL_SIZE);
  name = ik_plan_file_name (session, index);
  g_assert (strchr (name, '/') == NULL && name[0] != '.' && g_utf8_validate (name, -1, NULL));

  written = ik_planner_plan_to_data (session, index, &length, &error);
  g_assert_no_error (error);
  again = ik_planner_session_new_from_plan (written, length, NULL, &error);
  g_assert_no_error (error);
  return 0;
}
