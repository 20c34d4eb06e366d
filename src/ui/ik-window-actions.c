/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-bank-export.h"
#include "ik-export-files.h"
#include "ik-guide-import.h"
#include "ik-problem.h"
#include "ik-progress-dialog.h"
#include "ik-window-private.h"

typedef struct
{
  IkWindow *window;
  IkBank   *bank;
} ImportPreview;

static void
import_preview_free (ImportPreview *preview)
{
  g_clear_object (&preview->window);
  g_clear_object (&preview->bank);
  g_free (preview);
}

static void
show_error_dialog (IkWindow   *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  ImportPreview *preview = user_data;
  IkWindow *self = preview->window;

  if (g_strcmp0 (response, "import") == 0)
    {
      IkBank *bank = preview->bank;
      g_autofree char *escaped = NULL;
      g_autofree char *title = NULL;

      /* Importing the same file twice keeps both instead of replacing. */
      if (ik_library_find_bank (self->library, ik_bank_get_id (bank)) != NULL)
        {
          g_autoptr(IkBank) copy = ik_bank_duplicate (bank, ik_bank_get_title (bank));
          g_set_object (&preview->bank, copy);
          bank = preview->bank;
        }

      bank = ik_library_add_bank (self->library, bank);
      escaped = g_markup_escape_text (ik_bank_get_title (bank), -1);
      title = g_strdup_printf (_("Imported “%s”"), escaped);
      ik_window_add_toast (self, adw_toast_new (title));
      ik_window_show_view (self, "questions");
    }
  /* The preview goes with the dialog (ik-import-preview), answered or not. */
}

/* How many warnings the import preview shows without a scrolled list, and
 * the height of that list when there are more. */
#define PREVIEW_UNSCROLLED_WARNINGS 3
#define PREVIEW_SCROLLED_HEIGHT 240

/* Shows what an import would add (title, counts, every warning with its line)
 * and adds the bank only when the user confirms. */
static void
show_import_preview (IkWindow  *self,
                     IkBank    *bank,
                     GPtrArray *warnings)
{
  ImportPreview *preview = g_new0 (ImportPreview, 1);
  GtkWidget *dialog;
  guint n_questions = g_list_model_get_n_items (ik_bank_get_questions (bank));
  guint n_guidance = g_list_model_get_n_items (ik_bank_get_guidance (bank));
  g_autofree char *heading = g_strdup_printf (_("Import “%s”?"), ik_bank_get_title (bank));
  g_autofree char *questions = g_strdup_printf (ngettext ("%u question", "%u questions", n_questions), n_questions);
  g_autofree char *guidance = g_strdup_printf (ngettext ("%u guidance entry", "%u guidance entries", n_guidance), n_guidance);
  g_autofree char *body = g_strdup_printf ("%s · %s", questions, guidance);

  preview->window = g_object_ref (self);
  preview->bank = g_object_ref (bank);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  if (warnings != NULL && warnings->len > 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *list = gtk_list_box_new ();
      g_autofree char *title_text = NULL;
      guint n_places = 0;

      /* A guide cut in an item gets two warnings for that line: one
       * place. The warnings come sorted by line. */
      for (guint i = 0; i < warnings->len; i++)
        if (i == 0 || ((IkImportWarning *) g_ptr_array_index (warnings, i))->line
                      != ((IkImportWarning *) g_ptr_array_index (warnings, i - 1))->line)
          n_places++;
      title_text = g_strdup_printf (ngettext ("The guide looks incomplete in %u place:",
                                              "The guide looks incomplete in %u places:",
                                              n_places), n_places);

      gtk_label_set_text (GTK_LABEL (title), title_text);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (box), title);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Import warnings"), -1);
      for (guint i = 0; i < warnings->len; i++)
        {
          IkImportWarning *warning = g_ptr_array_index (warnings, i);
          g_autofree char *text = g_strdup_printf (_("Line %u: %s"), warning->line, warning->message);
          GtkWidget *label = gtk_label_new (text);
          GtkWidget *row;

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_widget_set_margin_top (label, 8);
          gtk_widget_set_margin_bottom (label, 8);
          gtk_list_box_append (GTK_LIST_BOX (list), label);
          /* Read, not activated: the row is named by its text. */
          row = gtk_widget_get_parent (label);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
      /* A few warnings are shown whole. The natural height of wrapped
       * labels is not what a narrow dialog needs, so a scrolled list gets
       * a fixed height, or it showed a line and a half of the first. */
      if (warnings->len <= PREVIEW_UNSCROLLED_WARNINGS)
        {
          gtk_box_append (GTK_BOX (box), list);
        }
      else
        {
          GtkWidget *scrolled = gtk_scrolled_window_new ();

          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
          gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), PREVIEW_SCROLLED_HEIGHT);
          gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), PREVIEW_SCROLLED_HEIGHT);
          gtk_box_append (GTK_BOX (box), scrolled);
        }
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
    }

  /* Freed with the dialog: also when it is destroyed without an answer
   * (the window closing under it). */
  g_object_set_data_full (G_OBJECT (dialog), "ik-import-preview", preview,
                          (GDestroyNotify) import_preview_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), preview);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  IkWindow         *window;
  char             *name;
  GCancellable     *cancellable;
  IkProgressDialog *dialog;
} ImportRun;

static void
import_run_free (ImportRun *run)
{
  g_clear_object (&run->window);
  g_free (run->name);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->dialog);
  g_free (run);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportRun *run = user_data;
  IkWindow *self = run->window;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;

  bank = ik_bank_import_file_contents_finish (result, &warnings, &error);
  ik_progress_dialog_done (run->dialog);
  self->n_imports--;

  /* Cancelled, or the window was closed meanwhile: nothing to show. A
   * result that came in just as the user cancelled is dropped too. */
  if (g_cancellable_is_cancelled (run->cancellable) || !gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      import_run_free (run);
      return;
    }

  if (bank == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), run->name);
      show_error_dialog (self, heading, error->message);
    }
  else
    {
      show_import_preview (self, bank, warnings);
    }
  import_run_free (run);
}

/**
 * ik_window_import_data:
 * @data: the file's or clipboard's bytes
 * @name: a display name (file name), used for the title of an untitled guide
 *
 * The one import path of the app: the file chooser, drag and drop, the
 * clipboard and files opened from the file manager all arrive here. The
 * data is read in a worker thread (a guide of several megabytes takes
 * seconds), with a dialog that shows the progress and can cancel it; the
 * preview follows when it is done.
 */
void
ik_window_import_data (IkWindow   *self,
                       const char *data,
                       gsize       length,
                       const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autofree char *heading = g_strdup_printf (_("Importing “%s”…"), name);
  ImportRun *run = g_new0 (ImportRun, 1);

  run->window = g_object_ref (self);
  run->name = g_strdup (name);
  run->cancellable = g_cancellable_new ();
  run->dialog = g_object_ref (ik_progress_dialog_new (GTK_WINDOW (self), heading, run->cancellable));
  self->n_imports++;

  ik_bank_import_file_contents_async (bytes, name, run->cancellable,
                                      ik_progress_dialog_report, g_object_ref (run->dialog), g_object_unref,
                                      on_import_done, run);
}

typedef struct
{
  IkWindow *window;
  char     *name;
} FileRead;

static void
file_read_free (FileRead *read)
{
  g_clear_object (&read->window);
  g_free (read->name);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileRead, file_read_free)

static void
on_file_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FileRead) read = user_data;
  IkWindow *self = read->window;
  const char *name = read->name;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = ik_import_read_file_finish (result, &error);
  gsize length = 0;
  const char *data;

  if (contents == NULL)
    {
      /* A file refused for what it is, or one that could not be read. */
      gboolean refused = g_error_matches (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE) ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_autofree char *heading = g_strdup_printf (refused ? _("Could Not Import “%s”") : _("Could Not Open “%s”"),
                                                  name);
      show_error_dialog (self, heading, error->message);
      return;
    }

  data = g_bytes_get_data (contents, &length);
  ik_window_import_data (self, data != NULL ? data : "", length, name);
}

/**
 * ik_window_import_file:
 * @file: a guide text, Markdown or bank file
 *
 * Reads @file off the main thread and shows the import preview.
 */
void
ik_window_import_file (IkWindow *self,
                       GFile    *file)
{
  FileRead *read;

  g_return_if_fail (IK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  read = g_new0 (FileRead, 1);
  read->window = g_object_ref (self);
  read->name = g_file_get_basename (file);
  /* Refused before a huge or special file is read into memory. */
  ik_import_read_file_async (file, NULL, on_file_read, read);
}

static void
on_import_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  IkWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ik_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IkWindow *self = IK_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) banks = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Guide or Bank"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));

  gtk_file_filter_set_name (all, _("Guides and Banks"));
  gtk_file_filter_add_mime_type (all, "text/plain");
  gtk_file_filter_add_mime_type (all, "text/markdown");
  gtk_file_filter_add_mime_type (all, "application/json");
  gtk_file_filter_add_mime_type (all, "application/x-interview-kit-bank");
  gtk_file_filter_add_suffix (all, "txt");
  gtk_file_filter_add_suffix (all, "md");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  gtk_file_filter_set_name (banks, _("Interview Kit Banks"));
  gtk_file_filter_add_mime_type (banks, "application/x-interview-kit-bank");
  gtk_file_filter_add_suffix (banks, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), banks);

  gtk_file_filter_set_name (text, _("Text and Markdown"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_mime_type (text, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(IkWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL || text[0] == '\0')
    {
      show_error_dialog (self, _("Nothing to Import"),
                         _("The clipboard holds no text. Copy the guide’s text first, then try again."));
      return;
    }

  ik_window_import_data (self, text, strlen (text), _("Pasted Guide"));
}

static void
import_clipboard_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, g_object_ref (widget));
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IkWindow *self = IK_WINDOW (widget);

  ik_library_retry_save (self->library);
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IkWindow *self = IK_WINDOW (widget);
  GListModel *problems = ik_library_get_problems (self->library);
  GtkWidget *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Files That Could Not Be Read"),
                                   _("These files were left exactly as they are. Fix or remove them with another program; everything else in your library is available."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);
      g_autofree char *basename = g_path_get_basename (ik_problem_get_path (problem));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped_title = g_markup_escape_text (basename, -1);
      g_autofree char *escaped_message = NULL;

      if (ik_problem_get_line (problem) > 0)
        subtitle = g_strdup_printf (_("Line %u, column %u: %s"),
                                    ik_problem_get_line (problem),
                                    ik_problem_get_column (problem),
                                    ik_problem_get_message (problem));
      else
        subtitle = g_strdup (ik_problem_get_message (problem));
      escaped_message = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_message);
      ik_widget_set_tooltip_text (row, ik_problem_get_path (problem));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The shortcuts window is built the first time it is asked for: building
 * it with the window cost about 5% of the time to the first frame. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/shortcuts-window.ui");
      GtkShortcutsWindow *overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

      gtk_application_window_set_help_overlay (window, overlay);
      ik_accessible_name_unlabelled (GTK_WIDGET (overlay));
    }
  gtk_widget_activate_action (widget, "win.show-help-overlay", NULL);
}

/* The browser hands selected questions over: (bank id, question ids). */
static void
plan_interview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IkWindow *self = IK_WINDOW (widget);
  const char *bank_id = NULL;
  g_autofree const char **ids = NULL;
  IkBank *bank;

  g_variant_get (param, "(&s^a&s)", &bank_id, &ids);
  bank = ik_library_find_bank (self->library, bank_id);
  if (bank == NULL)
    return;

  ik_sessions_view_plan_interview (ik_window_ensure_sessions_view (self), bank, ids);
  ik_window_show_view (self, "interviews");
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ik_window_show_view (IK_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Ctrl+N and Ctrl+F mean "new" and "search" in the view shown: a question
 * or a bank search among the questions, an interview or its search among
 * the interviews. Wherever the focus is: in the header bar, or still on
 * the view just left. */
static gboolean
activate_in_view (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  IkWindow *self = IK_WINDOW (widget);
  const char *what = user_data;
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "interviews") == 0)
    return gtk_widget_activate_action (GTK_WIDGET (ik_window_ensure_sessions_view (self)),
                                       g_str_equal (what, "new") ? "sessions.new" : "sessions.search", NULL);
  if (g_strcmp0 (view, "questions") == 0)
    return gtk_widget_activate_action (GTK_WIDGET (ik_window_ensure_question_browser (self)),
                                       g_str_equal (what, "new") ? "browser.add-question" : "browser.search", NULL);
  return FALSE;
}

static void
add_view_shortcuts (IkWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* Before the panes' own bindings, which would run in a pane no longer
   * shown while the focus is still there. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (activate_in_view, (gpointer) "new", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (activate_in_view, (gpointer) "search", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  IkWindow *self = user_data;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        ik_window_import_file (self, l->data);
      return files != NULL;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      ik_window_import_file (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

void
ik_window_update_actions (IkWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  add_view_shortcuts (self);
}

void
ik_window_add_accels (GtkApplication *app)
{
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *clipboard_accels[] = { "<Control><Shift>v", NULL };
  /* Not Alt+digits: the live view ticks its checklists with them while the
   * notes have focus, and application accelerators would win. */
  static const char *questions_accels[] = { "<Control>Page_Up", NULL };
  static const char *interviews_accels[] = { "<Control>Page_Down", NULL };

  gtk_application_set_accels_for_action (app, "win.import", import_accels);
  gtk_application_set_accels_for_action (app, "win.show-shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (app, "win.import-clipboard", clipboard_accels);
  gtk_application_set_accels_for_action (app, "win.show-view::questions", questions_accels);
  gtk_application_set_accels_for_action (app, "win.show-view::interviews", interviews_accels);
}

void
ik_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-clipboard", NULL, import_clipboard_action);
  gtk_widget_class_install_action (widget_class, "win.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.plan-interview", "(sas)", plan_interview_action);
  gtk_widget_class_install_action (widget_class, "win.show-shortcuts", NULL, show_shortcuts_action);
}
