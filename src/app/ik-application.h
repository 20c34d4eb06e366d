/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_APPLICATION (ik_application_get_type ())

G_DECLARE_FINAL_TYPE (IkApplication, ik_application, IK, APPLICATION, AdwApplication)

IkApplication *ik_application_new           (void);
GSettings     *ik_application_get_settings  (IkApplication *self);
IkLibrary     *ik_application_get_library   (IkApplication *self);
void           ik_application_load_library  (IkApplication *self);
char          *ik_application_dup_debug_info (IkApplication *self);

G_END_DECLS
