/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-progress.c: carrying progress from a worker thread to the thread that
 * started the work.
 *
 * The worker reports as often as it likes; the relay keeps the latest
 * fraction and schedules at most one idle callback at a time in the
 * starter's main context, so a fast worker never floods the main loop and
 * the widget showing the progress only ever runs in its own thread. Once
 * the starter has its result (the _finish function stops the relay),
 * reports still queued are dropped: the widget they were for may be gone.
 */
#include "config.h"

#include "ik-progress.h"

struct _IkProgressRelay
{
  GMainContext   *context;
  IkProgressFunc  func;
  gpointer        user_data;
  GDestroyNotify  destroy;

  GMutex          mutex;
  double          fraction;   /* the latest report, under the mutex */
  gboolean        scheduled;  /* an idle is pending, under the mutex */
  gboolean        stopped;    /* only read and written in the context */
};

/**
 * ik_progress_relay_new:
 * @func: (nullable): called in the thread-default main context of the
 *   caller with the latest fraction
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when the relay is freed
 *
 * Returns: (transfer full): a relay; give it to the worker with
 *   ik_progress_relay_report() as its #IkProgressFunc
 */
IkProgressRelay *
ik_progress_relay_new (IkProgressFunc func,
                       gpointer       user_data,
                       GDestroyNotify destroy)
{
  IkProgressRelay *relay = g_atomic_rc_box_new0 (IkProgressRelay);

  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->user_data = user_data;
  relay->destroy = destroy;
  relay->fraction = -1;
  g_mutex_init (&relay->mutex);
  return relay;
}

typedef struct
{
  GDestroyNotify destroy;
  gpointer       data;
} DeferredDestroy;

static gboolean
run_deferred_destroy (gpointer data)
{
  DeferredDestroy *deferred = data;

  deferred->destroy (deferred->data);
  return G_SOURCE_REMOVE;
}

/* The worker may hold the last reference; @user_data (a dialog, say) is
 * still freed in the context that made the relay, never in the worker's
 * thread, where dropping the last reference of a widget would finalize
 * it beside the main thread's use of its parent. */
static void
relay_clear (gpointer data)
{
  IkProgressRelay *relay = data;

  if (relay->destroy != NULL)
    {
      if (g_main_context_is_owner (relay->context))
        relay->destroy (relay->user_data);
      else
        {
          g_autoptr(GSource) source = g_idle_source_new ();
          DeferredDestroy *deferred = g_new (DeferredDestroy, 1);

          deferred->destroy = relay->destroy;
          deferred->data = relay->user_data;
          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, run_deferred_destroy, deferred, g_free);
          g_source_set_static_name (source, "[ik] progress relay destroy");
          g_source_attach (source, relay->context);
        }
    }
  g_main_context_unref (relay->context);
  g_mutex_clear (&relay->mutex);
}

IkProgressRelay *
ik_progress_relay_ref (IkProgressRelay *relay)
{
  return g_atomic_rc_box_acquire (relay);
}

void
ik_progress_relay_unref (IkProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

static gboolean
deliver (gpointer data)
{
  IkProgressRelay *relay = data;
  double fraction;

  g_mutex_lock (&relay->mutex);
  fraction = relay->fraction;
  relay->scheduled = FALSE;
  g_mutex_unlock (&relay->mutex);

  if (!relay->stopped && relay->func != NULL)
    relay->func (fraction, relay->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * ik_progress_relay_report:
 * @fraction: from 0 to 1
 * @relay: (type IkProgressRelay): the relay
 *
 * An #IkProgressFunc, safe in any thread.
 */
void
ik_progress_relay_report (double   fraction,
                          gpointer relay_pointer)
{
  IkProgressRelay *relay = relay_pointer;
  gboolean schedule;

  g_mutex_lock (&relay->mutex);
  /* Monotonic even if the worker is not. */
  relay->fraction = MAX (relay->fraction, CLAMP (fraction, 0.0, 1.0));
  schedule = !relay->scheduled;
  relay->scheduled = TRUE;
  g_mutex_unlock (&relay->mutex);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver, ik_progress_relay_ref (relay),
                             (GDestroyNotify) ik_progress_relay_unref);
      g_source_set_static_name (source, "[interview-kit] progress");
      g_source_attach (source, relay->context);
    }
}

/**
 * ik_progress_relay_stop:
 *
 * Drops the reports not delivered yet and every later one. Call it in the
 * starter's context, typically in the _finish function of the work.
 */
void
ik_progress_relay_stop (IkProgressRelay *relay)
{
  g_return_if_fail (relay != NULL);

  relay->stopped = TRUE;
}
