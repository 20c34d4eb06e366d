/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_LIVE_VIEW (ik_live_view_get_type ())
G_DECLARE_FINAL_TYPE (IkLiveView, ik_live_view, IK, LIVE_VIEW, AdwBin)

GtkWidget        *ik_live_view_new            (IkLibrary   *library,
                                               IkSession   *session);
IkSession        *ik_live_view_get_session    (IkLiveView  *self);
gboolean          ik_live_view_get_focus_mode (IkLiveView  *self);
void              ik_live_view_set_focus_mode (IkLiveView  *self,
                                               gboolean     focus_mode);
gboolean          ik_live_view_handle_key     (IkLiveView  *self,
                                               guint        keyval,
                                               guint        keycode,
                                               GdkModifierType state);

G_END_DECLS
