/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-preferences-window.h"

struct _IkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  IkApplication        *application;
  GSettings            *settings;

  AdwEntryRow          *interviewer_row;
  GtkSpinButton        *duration_spin;
  GtkSpinButton        *opening_spin;
  GtkSpinButton        *closing_spin;
  GtkSwitch            *evidence_switch;
  AdwComboRow          *style_row;
  GtkSpinButton        *retention_spin;
  AdwActionRow         *location_row;
  GtkButton            *location_reset_button;

  AdwPreferencesPage   *team_page;
  AdwActionRow         *team_folder_row;
  GtkButton            *team_folder_clear_button;
  AdwActionRow         *team_error_row;
  GtkSwitch            *hiring_lead_switch;
  GtkSwitch            *share_notes_switch;
  GtkLabel             *fingerprint_label;
  GtkButton            *fingerprint_copy_button;
  GtkLabel             *interviewer_id_label;
  gboolean              identity_shown;
};

G_DEFINE_FINAL_TYPE (IkPreferencesWindow, ik_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *style_nicks[] = { "default", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_nicks); i++)
    if (g_strcmp0 (nick, style_nicks[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (style_nicks[MIN (i, G_N_ELEMENTS (style_nicks) - 1)]);
}

static void
add_toast (IkPreferencesWindow *self,
           const char          *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
update_location (IkPreferencesWindow *self)
{
  g_autofree char *location = g_settings_get_string (self->settings, "library-location");
  g_autofree char *fallback = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
  gboolean is_default = location[0] == '\0';
  g_autofree char *escaped = g_markup_escape_text (is_default ? fallback : location, -1);

  adw_action_row_set_subtitle (self->location_row, escaped);
  gtk_widget_set_sensitive (GTK_WIDGET (self->location_reset_button), !is_default);
}

static void
on_location_chosen (GtkNativeDialog     *chooser,
                    int                  response,
                    IkPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (folder);

      if (path != NULL)
        g_settings_set_string (self->settings, "library-location", path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_location_choose_clicked (IkPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose Library Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_location_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_location_reset_clicked (IkPreferencesWindow *self)
{
  g_settings_reset (self->settings, "library-location");
}

/* Team ------------------------------------------------------------------- */

static void
update_team_folder (IkPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "team-folder");
  const char *error = ik_application_get_team_folder_error (self->application);
  gboolean has_team = path[0] != '\0';
  g_autofree char *escaped = g_markup_escape_text (has_team ? path : _("None — nothing is shared"), -1);

  adw_action_row_set_subtitle (self->team_folder_row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->team_folder_clear_button), has_team);

  g_clear_pointer (&escaped, g_free);
  escaped = g_markup_escape_text (error != NULL ? error : "", -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->team_error_row), escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->team_error_row), has_team && error != NULL);
}

static void
on_team_folder_chosen (GtkNativeDialog     *chooser,
                       int                  response,
                       IkPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      /* A folder without a local path (a remote location) cannot be
       * watched or written atomically: a sync tool keeps it local. */
      if (path != NULL)
        g_settings_set_string (self->settings, "team-folder", path);
      else
        add_toast (self, _("Choose a folder on this computer: a sync tool such as Syncthing keeps it in step with your team"));
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_team_folder_choose_clicked (IkPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *current = g_settings_get_string (self->settings, "team-folder");

  chooser = gtk_file_chooser_native_new (_("Choose Team Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  if (current[0] != '\0' && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);

      /* Opened inside it, so that Select right away keeps it (a selected
       * folder in its parent may not be loaded yet, and Select would then
       * pick the parent). */
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_team_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_team_folder_clear_clicked (IkPreferencesWindow *self)
{
  g_settings_reset (self->settings, "team-folder");
}

/* The key is made the first time it is needed: here, when the Team page
 * is first shown, so that Preferences alone never makes one. */
static void
show_identity (IkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  IkIdentity *identity;

  if (self->identity_shown)
    return;
  self->identity_shown = TRUE;

  identity = ik_application_get_identity (self->application, &error);
  if (identity == NULL)
    {
      gtk_label_set_text (self->fingerprint_label, error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->fingerprint_label), "monospace");
      gtk_widget_add_css_class (GTK_WIDGET (self->fingerprint_label), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprint_copy_button), FALSE);
      gtk_label_set_text (self->interviewer_id_label, "");
      return;
    }
  gtk_label_set_text (self->fingerprint_label, ik_identity_get_fingerprint (identity));
  gtk_label_set_text (self->interviewer_id_label, ik_identity_get_id (identity));
  gtk_widget_set_sensitive (GTK_WIDGET (self->fingerprint_copy_button), TRUE);
}

static void
on_visible_page_changed (IkPreferencesWindow *self)
{
  if (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self))
      == ADW_PREFERENCES_PAGE (self->team_page))
    show_identity (self);
}

static void
on_fingerprint_copy_clicked (IkPreferencesWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  if (!self->identity_shown)
    show_identity (self);
  gdk_clipboard_set_text (clipboard, gtk_label_get_text (self->fingerprint_label));
  add_toast (self, _("Fingerprint copied"));
}

static void
ik_preferences_window_dispose (GObject *object)
{
  IkPreferencesWindow *self = IK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (ik_preferences_window_parent_class)->dispose (object);
}

static void
ik_preferences_window_class_init (IkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, interviewer_row);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, opening_spin);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, closing_spin);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, evidence_switch);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, location_reset_button);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, team_page);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, team_folder_row);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, team_folder_clear_button);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, team_error_row);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, hiring_lead_switch);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, share_notes_switch);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, fingerprint_copy_button);
  gtk_widget_class_bind_template_child (widget_class, IkPreferencesWindow, interviewer_id_label);
  gtk_widget_class_bind_template_callback (widget_class, on_location_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_location_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_team_folder_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_team_folder_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_fingerprint_copy_clicked);
}

/* The search entry libadwaita 1.2 builds into the window has no name. */
static void
name_search_entry (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Search preferences"), -1);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_entry (child);
}

static void
ik_preferences_window_init (IkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
  name_search_entry (GTK_WIDGET (self));
}

/**
 * ik_preferences_window_new:
 *
 * Every row is bound to its GSettings key, so changes apply at once.
 */
IkPreferencesWindow *
ik_preferences_window_new (IkApplication *application)
{
  IkPreferencesWindow *self = g_object_new (IK_TYPE_PREFERENCES_WINDOW, NULL);

  self->application = g_object_ref (application);
  self->settings = g_object_ref (ik_application_get_settings (application));

  g_settings_bind (self->settings, "interviewer-name", self->interviewer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-duration", self->duration_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "opening-minutes", self->opening_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "closing-minutes", self->closing_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "require-evidence", self->evidence_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-months", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping, NULL, NULL);

  g_settings_bind (self->settings, "hiring-lead", self->hiring_lead_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "share-notes", self->share_notes_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::library-location",
                           G_CALLBACK (update_location), self, G_CONNECT_SWAPPED);
  update_location (self);

  g_signal_connect_object (self->settings, "changed::team-folder",
                           G_CALLBACK (update_team_folder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::team-folder-error",
                           G_CALLBACK (update_team_folder), self, G_CONNECT_SWAPPED);
  update_team_folder (self);

  /* A user who has a team has a key already: show it wherever they look. */
  g_signal_connect_object (self, "notify::visible-page",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  if (ik_application_get_team_folder (application) != NULL)
    show_identity (self);

  return self;
}
