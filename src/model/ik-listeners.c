/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-listeners.c: a container's subscription to a child's changes (see
 * ik-listeners.h for why not a GSignal handler). */
#include "config.h"

#include "ik-listeners.h"

#include <string.h>

#include "ik-competency.h"
#include "ik-guidance.h"
#include "ik-question-record.h"
#include "ik-question.h"
#include "ik-scorecard.h"

typedef struct
{
  IkChangedFunc func;
  gpointer      data;
} IkListener;

static IkListeners *
listeners_of (gpointer child)
{
  if (IK_IS_QUESTION (child))
    return ik_question_get_listeners (child);
  if (IK_IS_QUESTION_RECORD (child))
    return ik_question_record_get_listeners (child);
  if (IK_IS_COMPETENCY_RATING (child))
    return ik_competency_rating_get_listeners (child);
  if (IK_IS_SCORECARD (child))
    return ik_scorecard_get_listeners (child);
  if (IK_IS_COMPETENCY (child))
    return ik_competency_get_listeners (child);
  if (IK_IS_GUIDANCE (child))
    return ik_guidance_get_listeners (child);
  g_return_val_if_reached (NULL);
}

/**
 * ik_listeners_add:
 * @child: a question, competency, guidance, record, scorecard or rating
 * @func: called with @data and @child whenever @child emits "changed"
 * @data: the container
 *
 * Like g_signal_connect_swapped() on "changed", but runs before the
 * signal's handlers. The pair may be added more than once; each is called.
 */
void
ik_listeners_add (gpointer      child,
                  IkChangedFunc func,
                  gpointer      data)
{
  IkListeners *listeners = listeners_of (child);
  IkListener listener = { func, data };

  g_return_if_fail (listeners != NULL);
  g_return_if_fail (func != NULL);

  if (listeners->func == NULL)
    {
      listeners->func = func;
      listeners->data = data;
      return;
    }
  if (listeners->more == NULL)
    listeners->more = g_array_new (FALSE, FALSE, sizeof (IkListener));
  g_array_append_val (listeners->more, listener);
}

/**
 * ik_listeners_remove:
 *
 * Removes every @func, @data pair that ik_listeners_add() added to @child,
 * as g_signal_handlers_disconnect_by_func() does.
 */
void
ik_listeners_remove (gpointer      child,
                     IkChangedFunc func,
                     gpointer      data)
{
  IkListeners *listeners = listeners_of (child);

  g_return_if_fail (listeners != NULL);

  if (listeners->more != NULL)
    {
      for (guint i = listeners->more->len; i > 0; i--)
        {
          IkListener *l = &g_array_index (listeners->more, IkListener, i - 1);

          if (l->func == func && l->data == data)
            g_array_remove_index (listeners->more, i - 1);
        }
    }

  if (listeners->func == func && listeners->data == data)
    {
      listeners->func = NULL;
      listeners->data = NULL;
      /* The first slot is taken by the oldest of the others. */
      if (listeners->more != NULL && listeners->more->len > 0)
        {
          IkListener *l = &g_array_index (listeners->more, IkListener, 0);

          listeners->func = l->func;
          listeners->data = l->data;
          g_array_remove_index (listeners->more, 0);
        }
    }

  if (listeners->more != NULL && listeners->more->len == 0)
    g_clear_pointer (&listeners->more, g_array_unref);
}

/**
 * ik_listeners_count:
 *
 * Returns: how many pairs @child will call (for tests)
 */
guint
ik_listeners_count (gpointer child)
{
  IkListeners *listeners = listeners_of (child);

  g_return_val_if_fail (listeners != NULL, 0);

  return (listeners->func != NULL ? 1 : 0)
         + (listeners->more != NULL ? listeners->more->len : 0);
}

static gboolean
still_listening (IkListeners *listeners,
                 IkListener  *l)
{
  if (listeners->func == l->func && listeners->data == l->data)
    return TRUE;
  for (guint i = 0; listeners->more != NULL && i < listeners->more->len; i++)
    {
      IkListener *o = &g_array_index (listeners->more, IkListener, i);

      if (o->func == l->func && o->data == l->data)
        return TRUE;
    }
  return FALSE;
}

/**
 * ik_listeners_notify:
 * @listeners: the child's listeners
 * @child: the child, kept alive by the caller
 *
 * Calls each listener in the order they were added. A listener removed
 * by an earlier one is not called.
 */
void
ik_listeners_notify (IkListeners *listeners,
                     gpointer     child)
{
  g_autofree IkListener *all = NULL;
  guint n;

  if (listeners->more == NULL)
    {
      if (listeners->func != NULL)
        listeners->func (listeners->data, child);
      return;
    }

  n = listeners->more->len + 1;
  all = g_new (IkListener, n);
  all[0] = (IkListener) { listeners->func, listeners->data };
  memcpy (all + 1, listeners->more->data, listeners->more->len * sizeof (IkListener));
  for (guint i = 0; i < n; i++)
    if (all[i].func != NULL && (i == 0 || still_listening (listeners, &all[i])))
      all[i].func (all[i].data, child);
}

void
ik_listeners_clear (IkListeners *listeners)
{
  listeners->func = NULL;
  listeners->data = NULL;
  g_clear_pointer (&listeners->more, g_array_unref);
}
