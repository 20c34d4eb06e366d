/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-menu-button.c: menu buttons whose menu is built when first opened.
 *
 * GTK 4.8 builds a GtkPopoverMenu, with a button per item, as soon as a
 * menu button is given its model: for the main menu and the bank menu,
 * a sixth of the window's widgets at start-up, styled and measured for a
 * first frame that never shows them.
 */
#include "config.h"

#include "ik-menu-button.h"

static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  /* Called on every opening: the menu is made once. */
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

/**
 * ik_menu_button_set_menu_on_demand:
 * @button: a menu button without a menu
 * @model: the menu
 *
 * Gives @button the menu @model, built the first time it opens (by
 * pointer, key or its mnemonic; a primary menu button by F10 as well).
 */
void
ik_menu_button_set_menu_on_demand (GtkMenuButton *button,
                                   GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup, g_object_ref (model), g_object_unref);
}
