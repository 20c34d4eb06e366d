/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_BANK_EDITOR (ik_bank_editor_get_type ())
G_DECLARE_FINAL_TYPE (IkBankEditor, ik_bank_editor, IK, BANK_EDITOR, GtkWidget)

GtkWidget *ik_bank_editor_new      (IkLibrary    *library);
void       ik_bank_editor_set_bank (IkBankEditor *self,
                                    IkBank       *bank);
IkBank    *ik_bank_editor_get_bank (IkBankEditor *self);
void       ik_bank_editor_focus_title (IkBankEditor *self);

G_END_DECLS
