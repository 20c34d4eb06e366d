/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ik_wrapped_labels_measure_cheaply (GtkWidget *root);
void ik_status_pages_measure_cheaply   (GtkWidget *root);

G_END_DECLS
