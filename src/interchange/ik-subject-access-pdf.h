/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access-pdf.h: the readable copy of a subject access report
 * (ik-subject-access.h), laid out on A4 pages with cairo and Pango. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GBytes *ik_subject_access_pdf (JsonNode      *report,
                               GCancellable  *cancellable,
                               GError       **error);

G_END_DECLS
