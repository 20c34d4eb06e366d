/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every .ui file builds with libadwaita's types known.
 * gtk4-builder-tool needs a display and knows no Adw types, so this test
 * builds each file itself: plain files with GtkBuilder, templates by
 * instantiating their class (which fails the test on any builder error). */
#include "config.h"

#include <adwaita.h>

#include "ik-application.h"
#include "ik-bank-editor.h"
#include "ik-export-dialog.h"
#include "ik-live-view.h"
#include "ik-session-planner.h"
#include "ik-sessions-view.h"
#include "ik-scorecard-editor.h"
#include "ik-team-window.h"
#include "ik-preferences-window.h"
#include "ik-progress-dialog.h"
#include "ik-question-browser.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-test-util.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

typedef GtkWidget *(*TemplateFactory) (IkApplication *app);

static GtkWidget *
make_window (IkApplication *app)
{
  return GTK_WIDGET (ik_window_new (app));
}

static GtkWidget *
make_preferences (IkApplication *app)
{
  return GTK_WIDGET (ik_preferences_window_new (app));
}

static GtkWidget *
make_scorecard_editor (IkApplication *app)
{
  g_autoptr(IkSession) session = ik_session_new ();

  return ik_scorecard_editor_new (ik_application_get_library (app), session);
}

static GtkWidget *
make_export_dialog (IkApplication *app)
{
  g_autoptr(IkSession) session = ik_session_new ();

  return GTK_WIDGET (ik_export_dialog_new (NULL, session, NULL));
}

static GtkWidget *
make_progress_dialog (IkApplication *app)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  return GTK_WIDGET (ik_progress_dialog_new (NULL, "Importing “guide.txt”…", cancellable));
}

static GtkWidget *
make_sessions_view (IkApplication *app)
{
  return ik_sessions_view_new (ik_application_get_library (app));
}

static GtkWidget *
make_session_planner (IkApplication *app)
{
  g_autoptr(IkSession) session = ik_session_new ();

  return ik_session_planner_new (ik_application_get_library (app), session);
}

static GtkWidget *
make_live_view (IkApplication *app)
{
  g_autoptr(IkSession) session = ik_session_new ();

  return ik_live_view_new (ik_application_get_library (app), session);
}

static GtkWidget *
make_question_browser (IkApplication *app)
{
  return ik_question_browser_new (ik_application_get_library (app));
}

static GtkWidget *
make_question_row (IkApplication *app)
{
  return ik_question_row_new ();
}

static GtkWidget *
make_question_editor (IkApplication *app)
{
  return ik_question_editor_new (ik_application_get_library (app));
}

static GtkWidget *
make_bank_editor (IkApplication *app)
{
  return ik_bank_editor_new (ik_application_get_library (app));
}

static GtkWidget *
make_team_window (IkApplication *app)
{
  return ik_team_window_new (app);
}

static const struct {
  const char      *class_name;
  TemplateFactory  factory;
} templates[] = {
  { "IkQuestionBrowser", make_question_browser },
  { "IkQuestionRow", make_question_row },
  { "IkQuestionEditor", make_question_editor },
  { "IkBankEditor", make_bank_editor },
  { "IkWindow", make_window },
  { "IkPreferencesWindow", make_preferences },
  { "IkScorecardEditor", make_scorecard_editor },
  { "IkExportDialog", make_export_dialog },
  { "IkProgressDialog", make_progress_dialog },
  { "IkSessionsView", make_sessions_view },
  { "IkSessionPlanner", make_session_planner },
  { "IkLiveView", make_live_view },
  { "IkTeamWindow", make_team_window },
};

static char *
template_class (const char *xml)
{
  const char *start = strstr (xml, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
collect_ui_files (const char *dir,
                  GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_ui_files (path, out);
      else if (g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static void
test_build_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *xml = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *gresource_xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gresource_path = g_build_filename (TOP_SRCDIR, "resources", "interview-kit.gresource.xml", NULL);

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);

  /* A .ui file that is not in the bundle is never shipped. */
  relative = g_strdup (path + strlen (TOP_SRCDIR "/resources/"));
  g_file_get_contents (gresource_path, &gresource_xml, NULL, &error);
  g_assert_no_error (error);
  if (strstr (gresource_xml, relative) == NULL)
    g_error ("%s is not listed in resources/interview-kit.gresource.xml", relative);

  klass = template_class (xml);
  if (klass == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();

      gtk_builder_add_from_string (builder, xml, -1, &error);
      g_assert_no_error (error);
      return;
    }

  /* A list item factory's file: shown in a drop-down, whose factory
   * builds it (a builder error there is a critical, fatal in tests). */
  if (g_strcmp0 (klass, "GtkListItem") == 0)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
      g_autoptr(GtkListItemFactory) factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
      GtkStringList *model = gtk_string_list_new ((const char * const[]) { "One", "Two", NULL });
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (model), NULL);
      GtkWidget *window = gtk_window_new ();

      gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
      gtk_window_set_child (GTK_WINDOW (window), dropdown);
      gtk_window_present (GTK_WINDOW (window));
      ik_test_iterate (10);
      g_assert_nonnull (ik_test_find_widget (dropdown, GTK_TYPE_LABEL, "One"));
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      if (g_strcmp0 (templates[i].class_name, klass) == 0)
        {
          g_autoptr(IkApplication) app = ik_test_application_new ();
          GtkWidget *widget;

          widget = templates[i].factory (app);
          g_assert_nonnull (widget);
          g_assert_cmpstr (G_OBJECT_TYPE_NAME (widget), ==, klass);
          if (GTK_IS_WINDOW (widget))
            gtk_window_destroy (GTK_WINDOW (widget));
          else
            g_object_unref (g_object_ref_sink (widget));
          return;
        }
    }

  g_error ("%s has a template for %s, which this test does not know: add it to templates[]", path, klass);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *resources = g_build_filename (TOP_SRCDIR, "resources", NULL);

  ik_ui_test_init (&argc, &argv);
  adw_init ();

  collect_ui_files (resources, files);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *test_path = g_strdup_printf ("/ui-files/%s", path + strlen (resources) + 1);

      g_test_add_data_func (test_path, path, test_build_file);
    }

  return g_test_run ();
}
