/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-date-format.h: dates as rows, subtitles and banners show them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ik_format_date      (GDateTime *when);
char *ik_format_date_time (GDateTime *when);

G_END_DECLS
