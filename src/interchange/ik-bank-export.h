/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bank-export.h: banks as plain-text guides and Markdown, and importing
 * any file the user picks. */
#pragma once

#include <glib.h>

#include "ik-bank.h"
#include "ik-progress.h"

G_BEGIN_DECLS

/* The first thing in a Markdown file written by ik_bank_to_markdown(). */
#define IK_BANK_MARKDOWN_MARKER "<!-- interview-kit-bank:"

char   *ik_bank_to_guide_text          (IkBank       *bank);
char   *ik_bank_to_markdown            (IkBank       *bank);
IkBank *ik_bank_from_markdown          (const char   *text,
                                        gsize         length,
                                        GError      **error);
IkBank *ik_bank_import_file_contents   (const char   *data,
                                        gsize         length,
                                        const char   *filename,
                                        GPtrArray   **warnings,
                                        GError      **error);
IkBank *ik_bank_import_file_contents_full   (const char          *data,
                                             gsize                length,
                                             const char          *filename,
                                             GCancellable        *cancellable,
                                             IkProgressFunc       progress,
                                             gpointer             progress_data,
                                             GPtrArray          **warnings,
                                             GError             **error);
void    ik_bank_import_file_contents_async  (GBytes              *data,
                                             const char          *filename,
                                             GCancellable        *cancellable,
                                             IkProgressFunc       progress,
                                             gpointer             progress_data,
                                             GDestroyNotify       progress_destroy,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
IkBank *ik_bank_import_file_contents_finish (GAsyncResult        *result,
                                             GPtrArray          **warnings,
                                             GError             **error);

G_END_DECLS
