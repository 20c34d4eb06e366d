/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-listeners.h: how a container hears that one of its children changed.
 *
 * A bank holds thousands of questions, a session its records, a scorecard
 * its ratings, and each container must hear its children's "changed". A
 * GSignal handler per child costs about 300 bytes (the handler, its
 * closure, and the entries of GSignal's global tables): 10 MB for the
 * 1x benchmark library. A child instead keeps its containers in an
 * IkListeners (three pointers), and calls them from the class handler of
 * its "changed" signal, so before any handler connected to the signal,
 * and with the child kept alive by the emission.
 *
 * Only the model's containers use this; everything else (the UI) connects
 * to "changed" as usual. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef void (*IkChangedFunc) (gpointer data,
                               gpointer child);

typedef struct
{
  IkChangedFunc func;
  gpointer      data;
  GArray       *more;   /* further IkListener pairs; NULL while at most one */
} IkListeners;

void     ik_listeners_add    (gpointer       child,
                              IkChangedFunc  func,
                              gpointer       data);
void     ik_listeners_remove (gpointer       child,
                              IkChangedFunc  func,
                              gpointer       data);
guint    ik_listeners_count  (gpointer       child);

/* For the children's own units. */
void     ik_listeners_notify (IkListeners   *listeners,
                              gpointer       child);
void     ik_listeners_clear  (IkListeners   *listeners);

IkListeners *ik_question_get_listeners          (gpointer question);
IkListeners *ik_competency_get_listeners        (gpointer competency);
IkListeners *ik_question_record_get_listeners   (gpointer record);
IkListeners *ik_scorecard_get_listeners         (gpointer scorecard);
IkListeners *ik_competency_rating_get_listeners (gpointer rating);
IkListeners *ik_guidance_get_listeners          (gpointer guidance);

/* Defines, for a child type, the class handler of "changed" that notifies
 * the listeners (pass it to g_signal_new_class_handler() with
 * G_SIGNAL_RUN_FIRST) and the getter above. The instance struct has an
 * IkListeners member named listeners. */
#define IK_DEFINE_LISTENERS(TypeName, type_name)                           \
  static void                                                              \
  type_name##_real_changed (TypeName *self)                                \
  {                                                                        \
    ik_listeners_notify (&self->listeners, self);                          \
  }                                                                        \
                                                                           \
  IkListeners *                                                            \
  type_name##_get_listeners (gpointer child)                               \
  {                                                                        \
    return &((TypeName *) child)->listeners;                               \
  }

G_END_DECLS
