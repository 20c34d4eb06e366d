/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-progress.h: progress of long work done in a worker thread, shown by
 * the thread that started it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * IkProgressFunc:
 * @fraction: how much of the work is done, from 0 to 1; never smaller than
 *   the fraction reported before
 * @user_data: the data given with the function
 *
 * Reports the progress of long work, in the thread doing the work.
 */
typedef void (*IkProgressFunc) (double   fraction,
                                gpointer user_data);

typedef struct _IkProgressRelay IkProgressRelay;

IkProgressRelay *ik_progress_relay_new    (IkProgressFunc   func,
                                           gpointer         user_data,
                                           GDestroyNotify   destroy);
void             ik_progress_relay_report (double           fraction,
                                           gpointer         relay);
void             ik_progress_relay_stop   (IkProgressRelay *relay);
IkProgressRelay *ik_progress_relay_ref    (IkProgressRelay *relay);
void             ik_progress_relay_unref  (IkProgressRelay *relay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkProgressRelay, ik_progress_relay_unref)

G_END_DECLS
