/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-update.h: helpers of the model's *_update_from functions, which make
 * an object hold what a freshly read copy of it holds while keeping its
 * identity and that of its children (private to the model). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-listeners.h"

G_BEGIN_DECLS

/* The key items are matched by (an id); NULL matches any item. */
typedef const char *(*IkListKeyFunc)    (gpointer item);
/* Makes @item hold what @source holds; returns whether anything changed. */
typedef gboolean    (*IkListUpdateFunc) (gpointer item,
                                         gpointer source);
typedef void        (*IkListItemFunc)   (gpointer item,
                                         gpointer user_data);

gboolean ik_list_store_update_from (GListStore       *store,
                                    GListModel       *source,
                                    IkListKeyFunc     get_key,
                                    IkListUpdateFunc  update,
                                    IkListItemFunc    on_removed,
                                    IkListItemFunc    on_added,
                                    gpointer          user_data);

/* Sets a scalar field to the value of the fresh copy and notifies when they
 * differ; evaluates to whether they did. */
#define IK_UPDATE_FIELD(object, field, value, pspec) \
  ((field) != (value) \
   ? ((field) = (value), g_object_notify_by_pspec (G_OBJECT (object), (pspec)), TRUE) \
   : FALSE)

gboolean ik_update_string          (GObject          *object,
                                    char            **field,
                                    const char       *value,
                                    GParamSpec       *pspec);
gboolean ik_update_time            (GObject          *object,
                                    GDateTime       **field,
                                    GDateTime        *value,
                                    GParamSpec       *pspec);
void     ik_list_store_detach_all  (GListStore       *store,
                                    IkChangedFunc     handler,
                                    gpointer          data);
gboolean ik_json_take_unknown      (JsonObject      **unknown,
                                    JsonObject       *source);

G_END_DECLS
