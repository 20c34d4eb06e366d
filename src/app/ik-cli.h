/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ik-application.h"

G_BEGIN_DECLS

void ik_cli_add_options    (IkApplication *app);
int  ik_cli_handle_options (IkApplication *app,
                            GVariantDict  *options);

G_END_DECLS
