/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-preferences-window.h"

struct _IkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

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

static void
ik_preferences_window_dispose (GObject *object)
{
  IkPreferencesWindow *self = IK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_callback (widget_class, on_location_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_location_reset_clicked);
}

static void
ik_preferences_window_init (IkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

  self->settings = g_object_ref (ik_application_get_settings (application));

  g_settings_bind (self->settings, "interviewer-name", self->interviewer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-duration", self->duration_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "opening-minutes", self->opening_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "closing-minutes", self->closing_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "require-evidence", self->evidence_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-months", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping, NULL, NULL);

  g_signal_connect_object (self->settings, "changed::library-location",
                           G_CALLBACK (update_location), self, G_CONNECT_SWAPPED);
  update_location (self);

  return self;
}
