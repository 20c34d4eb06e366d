/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-problem.c: one file of the library that could not be used as is.
 * Problems are immutable: they are created by the library and shown. */
#include "config.h"

#include "ik-problem.h"

struct _IkProblem
{
  GObject        parent_instance;

  IkProblemKind  kind;
  char          *path;
  guint          line;
  guint          column;
  char          *message;
};

G_DEFINE_FINAL_TYPE (IkProblem, ik_problem, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (IkProblemKind, ik_problem_kind,
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_PARSE, "parse"),
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_VALIDATE, "validate"),
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_READ, "read"),
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_NEWER_VERSION, "newer-version"),
  G_DEFINE_ENUM_VALUE (IK_PROBLEM_WRITE, "write"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_PATH,
  PROP_LINE,
  PROP_COLUMN,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ik_problem_finalize (GObject *object)
{
  IkProblem *self = IK_PROBLEM (object);

  g_free (self->path);
  g_free (self->message);

  G_OBJECT_CLASS (ik_problem_parent_class)->finalize (object);
}

static void
ik_problem_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IkProblem *self = IK_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_COLUMN:
      g_value_set_uint (value, self->column);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_problem_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  IkProblem *self = IK_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_LINE:
      self->line = g_value_get_uint (value);
      break;
    case PROP_COLUMN:
      self->column = g_value_get_uint (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_problem_class_init (IkProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ik_problem_finalize;
  object_class->get_property = ik_problem_get_property;
  object_class->set_property = ik_problem_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       IK_TYPE_PROBLEM_KIND, IK_PROBLEM_PARSE, flags);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COLUMN] =
    g_param_spec_uint ("column", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ik_problem_init (IkProblem *self)
{
}

/**
 * ik_problem_new:
 * @kind: what went wrong
 * @path: the file concerned (a `resource://` URI for bundled banks)
 * @line: 1-based line of the error, or 0 when unknown
 * @column: 1-based column of the error, or 0 when unknown
 * @message: a message for the user
 *
 * Returns: (transfer full): a new problem
 */
IkProblem *
ik_problem_new (IkProblemKind  kind,
                const char    *path,
                guint          line,
                guint          column,
                const char    *message)
{
  return g_object_new (IK_TYPE_PROBLEM,
                       "kind", kind,
                       "path", path,
                       "line", line,
                       "column", column,
                       "message", message,
                       NULL);
}

IkProblemKind
ik_problem_get_kind (IkProblem *self)
{
  g_return_val_if_fail (IK_IS_PROBLEM (self), IK_PROBLEM_PARSE);
  return self->kind;
}

const char *
ik_problem_get_path (IkProblem *self)
{
  g_return_val_if_fail (IK_IS_PROBLEM (self), NULL);
  return self->path;
}

guint
ik_problem_get_line (IkProblem *self)
{
  g_return_val_if_fail (IK_IS_PROBLEM (self), 0);
  return self->line;
}

guint
ik_problem_get_column (IkProblem *self)
{
  g_return_val_if_fail (IK_IS_PROBLEM (self), 0);
  return self->column;
}

const char *
ik_problem_get_message (IkProblem *self)
{
  g_return_val_if_fail (IK_IS_PROBLEM (self), NULL);
  return self->message;
}
