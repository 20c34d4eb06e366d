/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accessible names as a screen reader should read them, where GTK 4.8 and
 * libadwaita 1.2 get them wrong (tests/a11y walks the tree):
 *
 * - A button with a mnemonic is named by its label property as written
 *   ("_Submit…") and by the label child it is then labelled by
 *   ("Submit…"): "_Submit… Submit…". A check button with a mnemonic is
 *   named "No direct _experience".
 * - A check button made the activatable widget of an AdwActionRow is
 *   labelled by the row's title besides its own label: "3 · Strong 3 ·
 *   Strong". A switch made one is "Include private notes Include Private
 *   Notes".
 * - A GtkDropDown's button is named "GtkToggleButton"; an AdwExpanderRow
 *   and a GtkListView's row, which take the focus, have no name. */

#include "ik-accessible.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* "S_kip" → "Skip", "a__b" → "a_b", as GTK shows it. */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
name_without_mnemonic (GtkWidget *widget)
{
  const char *label = NULL;
  g_autofree char *text = NULL;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    label = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget)))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  if (label == NULL)
    return;

  text = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* An AdwExpanderRow is a list row that takes the focus, named by nothing
 * in libadwaita 1.2: it gets its title (plain text). */
static void
name_expander_row (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *text = NULL;

  if (title == NULL)
    return;
  if (!adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row))
      || !pango_parse_markup (title, -1, 0, NULL, &text, NULL, NULL))
    text = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* A switch made the activatable widget of an AdwActionRow is labelled by
 * the row's title besides its own label ("Include private notes Include
 * Private Notes"): it gets the title alone (plain text). */
static void
name_row_switch (GtkWidget *row)
{
  GtkWidget *widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *text = NULL;

  if (!GTK_IS_SWITCH (widget) || title == NULL)
    return;
  text = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
           ? strip_mnemonic (title) : g_strdup (title);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_label_changed (GtkWidget  *widget,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  name_without_mnemonic (widget);
}

/**
 * ik_accessible_fix_names:
 * @root: a widget
 *
 * Names every button, check button and menu button with a mnemonic under
 * @root (itself included) by its label as shown, now and whenever its
 * label changes; names drop-downs' buttons by the drop-downs.
 * Call it once the widgets are built (after gtk_widget_init_template(),
 * after adding a dialog's responses).
 */
void
ik_accessible_fix_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_DROP_DOWN (root))
    ik_accessible_name_dropdown (GTK_DROP_DOWN (root));
  else if (ADW_IS_EXPANDER_ROW (root))
    name_expander_row (root);
  else if (ADW_IS_ACTION_ROW (root))
    name_row_switch (root);
  else if ((GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root) || GTK_IS_MENU_BUTTON (root))
      && g_object_get_data (G_OBJECT (root), "ik-accessible-mnemonic") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "ik-accessible-mnemonic", GINT_TO_POINTER (1));
      g_signal_connect (root, "notify::label", G_CALLBACK (on_label_changed), NULL);
      if (!GTK_IS_MENU_BUTTON (root))
        g_signal_connect (root, "notify::use-underline", G_CALLBACK (on_label_changed), NULL);
      name_without_mnemonic (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ik_accessible_fix_names (child);
}

/**
 * ik_accessible_name_row:
 * @row: an activatable AdwActionRow, named by its title
 * @check: (nullable): its activatable check button, once added
 * @label: the name of the check button, as plain text
 * @description: (nullable): what the item belongs to
 *
 * Names the check button of a row once, and describes both.
 */
void
ik_accessible_name_row (GtkWidget  *row,
                        GtkWidget  *check,
                        const char *label,
                        const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (label != NULL);

  /* The row is named by its title already. */
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  if (check == NULL)
    return;

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/**
 * ik_accessible_name_dropdown:
 * @dropdown: a GtkDropDown with an accessible label
 *
 * Gives the drop-down's button (its first child) the drop-down's name.
 */
void
ik_accessible_name_dropdown (GtkDropDown *dropdown)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  if (button == NULL)
    return;
  /* GTK 4.8 has no getter for an accessible property: the drop-down,
   * named in the .ui file, labels its button. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, dropdown, NULL,
                                  -1);
}

/**
 * ik_accessible_make_list_item:
 * @item: a bound list item of a one-column GtkGridView
 *
 * A one-column GtkGridView is a list that keeps about 30 rows alive where
 * GtkListView keeps 200 (GTK_GRID_VIEW_MAX_VISIBLE_ROWS against
 * GTK_LIST_VIEW_MAX_LIST_ITEMS), so a keystroke that refilters rebinds
 * and measures six times fewer rows. It should still read as a list: the
 * view says so in its .ui file, and this makes its cell a list item. Call
 * it from "bind": GTK binds a new cell before it is in the window, so
 * before a screen reader can have seen it; once a list item, it stays one.
 */
void
ik_accessible_make_list_item (GtkListItem *item)
{
  GtkWidget *child;
  GtkWidget *cell;
  GtkAccessibleRole role;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));

  child = gtk_list_item_get_child (item);
  cell = child != NULL ? gtk_widget_get_parent (child) : NULL;
  if (cell == NULL)
    return;
  g_object_get (cell, "accessible-role", &role, NULL);
  if (role == GTK_ACCESSIBLE_ROLE_GRID_CELL)
    g_object_set (cell, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM, NULL);
}

/**
 * ik_accessible_name_list_item:
 * @item: a bound list item of a GtkListView
 * @label: the widget that names it (the item's child, or a label in it)
 * @description: (nullable): the widget that describes it
 *
 * Names the row of a GtkListView, which takes the focus, by a widget in
 * it: GTK 4.8 names the row only by its type. Call it from "bind".
 */
void
ik_accessible_name_list_item (GtkListItem *item,
                              GtkWidget   *label,
                              GtkWidget   *description)
{
  GtkWidget *child;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_LIST_ITEM (item));
  g_return_if_fail (GTK_IS_WIDGET (label));

  child = gtk_list_item_get_child (item);
  row = child != NULL ? gtk_widget_get_parent (child) : NULL;
  if (row == NULL)
    return;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  if (description != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, description, NULL, -1);
}

/* The title of the page @widget is in: the AdwWindowTitle of the header
 * bar that a box holds beside it (libadwaita's subpages), or NULL. */
static const char *
page_title (GtkWidget *widget)
{
  for (GtkWidget *parent = gtk_widget_get_parent (widget);
       parent != NULL;
       parent = gtk_widget_get_parent (parent))
    {
      GtkWidget *first = gtk_widget_get_first_child (parent);

      if (GTK_IS_HEADER_BAR (first)
          && ADW_IS_WINDOW_TITLE (gtk_header_bar_get_title_widget (GTK_HEADER_BAR (first))))
        return adw_window_title_get_title (ADW_WINDOW_TITLE (gtk_header_bar_get_title_widget (GTK_HEADER_BAR (first))));
    }
  return NULL;
}

/* What an icon-only button without a tooltip does, by its icon. */
static const char *
icon_purpose (const char *icon_name)
{
  if (g_strcmp0 (icon_name, "go-previous-symbolic") == 0)
    return _("Back");
  if (g_strcmp0 (icon_name, "go-next-symbolic") == 0)
    return _("Forward");
  if (g_strcmp0 (icon_name, "edit-find-symbolic") == 0)
    return _("Search");
  return NULL;
}

/* The first label in @widget, depth first, or NULL. */
static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/**
 * ik_accessible_name_unlabelled:
 * @root: a widget built by a library (AdwAboutWindow, GtkShortcutsWindow)
 *
 * Names what GTK 4.8 names only by its type under @root: a button
 * without a label, or a menu button, by its tooltip, its icon's purpose
 * or the label inside it; a search entry by its placeholder; a text view by the
 * title of the page it shows. For widgets the app does not build; its
 * own are named in their .ui files.
 */
void
ik_accessible_name_unlabelled (GtkWidget *root)
{
  const char *name = NULL;
  g_autofree char *placeholder = NULL;
  GtkWidget *label = NULL;

  g_return_if_fail (GTK_IS_WIDGET (root));

  /* GTK 4.8 names a menu button by its type even when it has a label. */
  if ((GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL)
      || GTK_IS_MENU_BUTTON (root))
    {
      const char *icon_name = GTK_IS_BUTTON (root) ? gtk_button_get_icon_name (GTK_BUTTON (root))
                                                   : gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root));

      name = gtk_widget_get_tooltip_text (root);
      if (name == NULL || *name == '\0')
        name = icon_name != NULL ? icon_purpose (icon_name) : NULL;
      if (name == NULL && icon_name == NULL)
        label = find_label (root);
    }
  else if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_object_get (root, "placeholder-text", &placeholder, NULL);
      name = placeholder;
    }
  else if (GTK_IS_TEXT_VIEW (root))
    name = page_title (root);

  if (name != NULL && *name != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else if (label != NULL)
    /* It follows the label's text as it changes. */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ik_accessible_name_unlabelled (child);
}
