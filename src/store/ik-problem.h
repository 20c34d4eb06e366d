/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * IkProblemKind:
 * @IK_PROBLEM_PARSE: the file is not valid JSON (or is empty, too deep, ...)
 * @IK_PROBLEM_VALIDATE: valid JSON, but not a valid bank or session, or a
 *   file name that does not match its contents
 * @IK_PROBLEM_READ: the file could not be read (permissions, not a regular
 *   file, too large)
 * @IK_PROBLEM_CONFLICT: a conflict copy (from a sync client or from an edit
 *   by another program while there were unsaved changes)
 * @IK_PROBLEM_NEWER_VERSION: written by a newer Interview Kit; shown but
 *   never written
 * @IK_PROBLEM_WRITE: a folder of the library could not be created or written
 *
 * What went wrong with a file of the library.
 */
typedef enum
{
  IK_PROBLEM_PARSE,
  IK_PROBLEM_VALIDATE,
  IK_PROBLEM_READ,
  IK_PROBLEM_CONFLICT,
  IK_PROBLEM_NEWER_VERSION,
  IK_PROBLEM_WRITE,
} IkProblemKind;

GType ik_problem_kind_get_type (void) G_GNUC_CONST;
#define IK_TYPE_PROBLEM_KIND (ik_problem_kind_get_type ())

#define IK_TYPE_PROBLEM (ik_problem_get_type ())
G_DECLARE_FINAL_TYPE (IkProblem, ik_problem, IK, PROBLEM, GObject)

IkProblem     *ik_problem_new         (IkProblemKind  kind,
                                       const char    *path,
                                       guint          line,
                                       guint          column,
                                       const char    *message);
IkProblemKind  ik_problem_get_kind    (IkProblem     *self);
const char    *ik_problem_get_path    (IkProblem     *self);
guint          ik_problem_get_line    (IkProblem     *self);
guint          ik_problem_get_column  (IkProblem     *self);
const char    *ik_problem_get_message (IkProblem     *self);

G_END_DECLS
