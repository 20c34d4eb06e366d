/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-application.h"

G_BEGIN_DECLS

#define IK_TYPE_PREFERENCES_WINDOW (ik_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (IkPreferencesWindow, ik_preferences_window, IK, PREFERENCES_WINDOW, AdwPreferencesWindow)

IkPreferencesWindow *ik_preferences_window_new (IkApplication *application);

G_END_DECLS
