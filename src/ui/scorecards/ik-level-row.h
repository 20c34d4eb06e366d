/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IK_TYPE_LEVEL_ROW (ik_level_row_get_type ())
G_DECLARE_FINAL_TYPE (IkLevelRow, ik_level_row, IK, LEVEL_ROW, AdwPreferencesRow)

GtkWidget   *ik_level_row_new          (const char *title,
                                        const char *subtitle);
GtkWidget   *ik_level_row_get_check    (IkLevelRow *self);
const char  *ik_level_row_get_subtitle (IkLevelRow *self);

G_END_DECLS
