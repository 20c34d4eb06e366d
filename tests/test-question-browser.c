/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The question browser, driven through its real widgets and actions:
 * browsing, search with highlighting, editing with autosave, delete,
 * reordering, planning, and import through the window. */
#include "config.h"

#include <adwaita.h>

#include "ik-application.h"
#include "ik-bank-editor.h"
#include "ik-bank-export.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-library-private.h"
#include "ik-question-browser-private.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-row-text.h"
#include "ik-test-util.h"
#include "ik-text-sync.h"
#include "ik-ui-test-util.h"
#include "ik-window.h"

typedef struct
{
  char              *dir;
  IkLibrary         *library;
  IkBank            *alpha;
  IkBank            *beta;
  GtkWidget         *window;
  IkQuestionBrowser *browser;
  GVariant          *planned;
} Fixture;

static gboolean
library_idle (gpointer data)
{
  return !ik_library_get_saving (data) && G_OBJECT (data)->ref_count == 1;
}

/* Closes a test's own window and browser, and lets its library and
 * folder go once nothing holds them. */
static void
destroy_browser (GtkWidget         *window,
                 IkQuestionBrowser *browser,
                 IkLibrary         *library,
                 const char        *dir)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ik_test_iterate (20);
  g_assert_finalize_object (browser);
  g_assert_true (ik_test_wait_for (library_idle, library, 10));
  g_assert_finalize_object (library);
  ik_test_rm_rf (dir);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  ik_library_load_finish (IK_LIBRARY (source), result, &error);
  g_assert_no_error (error);
}

static IkQuestion *
add_question (IkBank             *bank,
              const char         *text,
              const char * const *areas,
              const char * const *follow_ups)
{
  g_autoptr(IkQuestion) question = ik_question_new ();

  ik_question_set_text (question, text);
  if (areas != NULL)
    ik_question_set_areas (question, areas);
  if (follow_ups != NULL)
    ik_question_set_follow_ups (question, follow_ups);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  return question;
}

static void
on_plan_interview (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  Fixture *f = user_data;

  g_clear_pointer (&f->planned, g_variant_unref);
  f->planned = g_variant_ref (parameter);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *areas[] = { "Scope of the incident", "Who was told, and when", NULL };
  const char *follow_ups[] = { "What would you change about the zebra crossing?", NULL };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) plan = g_simple_action_new ("plan-interview", G_VARIANT_TYPE ("(sas)"));
  g_autoptr(IkCompetency) competency = ik_competency_new ("ownership", "Ownership");
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkQuestionRecord) record = NULL;
  const char *competencies[] = { "ownership", NULL };
  IkQuestion *first;

  f->dir = ik_test_make_tmpdir ();
  f->library = ik_library_new (f->dir);
  ik_library_set_autosave_delay (f->library, 10);
  ik_library_load_async (f->library, NULL, on_loaded, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, f->library, 10));

  f->alpha = g_object_ref (ik_bank_new ("Alpha Bank"));
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (f->alpha)), competency);
  first = add_question (f->alpha, "Tell me about an outage you led", areas, follow_ups);
  ik_question_set_competencies (first, competencies);
  add_question (f->alpha, "Describe a design review that changed your mind", NULL, NULL);
  add_question (f->alpha, "How do you mentor new colleagues?", NULL, NULL);
  ik_library_add_bank (f->library, f->alpha);

  f->beta = g_object_ref (ik_bank_new ("Beta Bank"));
  add_question (f->beta, "Walk me through a Café outage at scale", NULL, NULL);
  add_question (f->beta, "What is your favourite debugging tool?", NULL, NULL);
  ik_library_add_bank (f->library, f->beta);

  /* The first question was asked in one past interview. */
  record = ik_question_record_new (first);
  g_list_store_append (G_LIST_STORE (ik_session_get_records (session)), record);
  ik_library_add_session (f->library, session);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  g_signal_connect (plan, "activate", G_CALLBACK (on_plan_interview), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (plan));
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));

  f->browser = IK_QUESTION_BROWSER (ik_question_browser_new (f->library));
  g_object_ref (f->browser);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->browser));
  gtk_window_present (GTK_WINDOW (f->window));
  ik_test_iterate (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  ik_test_iterate (20);
  g_assert_finalize_object (f->browser);

  /* A save still in flight holds the library until it is done. */
  ik_library_flush (f->library, NULL);
  g_assert_true (ik_test_wait_for (library_idle, f->library, 10));
  g_clear_object (&f->alpha);
  g_clear_object (&f->beta);
  g_assert_finalize_object (f->library);
  g_clear_pointer (&f->planned, g_variant_unref);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GListModel *
listed (Fixture *f)
{
  return ik_question_browser_get_questions (f->browser);
}

static IkQuestion *
listed_question (Fixture *f,
                 guint    position)
{
  g_autoptr(IkQuestion) question = g_list_model_get_item (listed (f), position);

  return question;  /* owned by its bank */
}

static gboolean
only_selected (GtkSelectionModel *model,
               guint              position)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  return gtk_bitset_get_size (selected) == 1 && gtk_bitset_contains (selected, position);
}

static void
select_only (Fixture *f,
             guint    position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (listed (f));

  g_assert_true (gtk_selection_model_select_item (model, position, TRUE));
  ik_test_iterate (10);
  g_assert_true (only_selected (model, position));
}

static gboolean
action (Fixture    *f,
        const char *name)
{
  gboolean ok = gtk_widget_activate_action (GTK_WIDGET (f->browser), name, NULL);

  ik_test_iterate (10);
  return ok;
}

/* The text a label or a question row's text shows. */
static const char *
shown_text (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (IK_IS_ROW_TEXT (widget))
    text = ik_row_text_get_text (IK_ROW_TEXT (widget));
  return text != NULL ? text : (GTK_IS_LABEL (widget) || IK_IS_ROW_TEXT (widget) ? "" : NULL);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    exact)
{
  const char *shown = shown_text (root);

  if (shown != NULL && gtk_widget_get_mapped (root) &&
      (exact ? g_str_equal (shown, text) : strstr (shown, text) != NULL))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, exact);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label holding @text. */
static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  return find_label (root, text, FALSE);
}

/* The number of mapped labels whose whole text is @text. */
static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  const char *shown = shown_text (root);
  guint n = shown != NULL && gtk_widget_get_mapped (root) && g_str_equal (shown, text);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (IK_IS_QUESTION_ROW (root) && gtk_widget_get_mapped (root) &&
      ik_question_row_get_question (IK_QUESTION_ROW (root)) != NULL)
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static char *
read_bank_file (Fixture *f,
                IkBank  *bank)
{
  g_autofree char *name = g_strconcat (ik_bank_get_id (bank), ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "banks", name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

typedef struct
{
  Fixture    *f;
  IkBank     *bank;
  const char *needle;
} FileWait;

static gboolean
file_contains (gpointer data)
{
  FileWait *wait = data;
  g_autofree char *contents = read_bank_file (wait->f, wait->bank);

  return contents != NULL && strstr (contents, wait->needle) != NULL;
}

static void
test_browse (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *text;

  ik_question_browser_select_bank (f->browser, f->alpha);
  ik_test_iterate (20);
  g_assert_true (ik_question_browser_get_bank (f->browser) == f->alpha);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 3);

  /* The banks list shows each bank with its number of questions. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Alpha Bank"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Beta Bank"));

  /* Selecting shows the question in full, selectable, with its usage. */
  select_only (f, 0);
  text = find_label_with_text (GTK_WIDGET (f->browser), "Tell me about an outage you led");
  g_assert_nonnull (text);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Scope of the incident"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Ownership"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Used in 1 past interview"));

  select_only (f, 1);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Not used in past interviews yet"));

  /* The heading names the selected bank (the list row names it too) and
   * follows a rename; once another bank is selected it follows that one. */
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Alpha Bank"), ==, 2);
  ik_bank_set_title (f->alpha, "Alpha Renamed");
  ik_test_iterate (5);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Alpha Renamed"), ==, 2);

  ik_question_browser_select_bank (f->browser, f->beta);
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 2);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Beta Bank"), ==, 2);
  ik_bank_set_title (f->alpha, "Alpha Bank");
  ik_test_iterate (5);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Alpha Bank"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Beta Bank"), ==, 2);

  /* The bank's own page, with its competencies. */
  ik_question_browser_select_bank (f->browser, f->alpha);
  g_assert_true (action (f, "browser.show-bank"));
  g_assert_true (ik_bank_editor_get_bank (IK_BANK_EDITOR (ik_test_find_widget (GTK_WIDGET (f->browser),
                                                                               IK_TYPE_BANK_EDITOR, NULL))) == f->alpha);
}

/* Runs the key controllers of @widget on one key press, as GTK would. */
static gboolean
send_key (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry = ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *stack;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean highlighted = FALSE;
  IkQuestionRow *row;

  g_assert_nonnull (entry);
  /* A status page is built when its state first comes, not at start-up;
   * the filters when the search first opens. */
  g_assert_null (find_label_with_text (GTK_WIDGET (f->browser), "No Results"));
  g_assert_null (ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_true (action (f, "browser.clear-search"));
  ik_question_browser_select_bank (f->browser, f->alpha);
  g_assert_true (action (f, "browser.search"));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_DROP_DOWN, "Filter by Competency"));
  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_DROP_DOWN, "Filter by Tag"));

  /* One word across every bank, case- and accent-insensitively. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "OUTAGE");
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 2);
  /* While searching, the heading names the results, even through a rename. */
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Search Results"), ==, 1);
  ik_bank_set_title (f->alpha, "Alpha Renamed");
  ik_test_iterate (5);
  g_assert_cmpuint (count_labels (GTK_WIDGET (f->browser), "Search Results"), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "cafe outage");
  ik_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 1);
  g_assert_cmpstr (ik_question_get_text (listed_question (f, 0)), ==, "Walk me through a Café outage at scale");

  /* Enter opens the first result; Down moves focus into the results. */
  g_signal_emit_by_name (entry, "activate");
  ik_test_iterate (10);
  {
    g_autoptr(GPtrArray) selected = ik_question_browser_get_selected_questions (f->browser);

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_true (g_ptr_array_index (selected, 0) == (gpointer) listed_question (f, 0));
  }
  gtk_widget_grab_focus (entry);
  g_assert_true (send_key (entry, GDK_KEY_Down));
  ik_test_iterate (10);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_GRID_VIEW));
    g_assert_null (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  }

  /* The row highlights the matches and names the bank. */
  collect_rows (GTK_WIDGET (f->browser), rows);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (ik_question_row_get_markup (row), ==, "Walk me through a <b>Café</b> <b>outage</b> at scale");
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (row), "Beta Bank"));

  /* A match in a follow-up shows the follow-up, highlighted. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra");
  ik_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 1);
  g_ptr_array_set_size (rows, 0);
  collect_rows (GTK_WIDGET (f->browser), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *label = find_label_with_text (g_ptr_array_index (rows, i), "zebra crossing");
      if (label != NULL && strstr (gtk_label_get_label (GTK_LABEL (label)), "<b>zebra</b>") != NULL)
        highlighted = TRUE;
    }
  g_assert_true (highlighted);

  /* Nothing found: the empty state offers to clear the search. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "kubernetes");
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
  stack = gtk_widget_get_parent (find_label_with_text (GTK_WIDGET (f->browser), "No Results"));
  g_assert_nonnull (stack);
  g_assert_true (gtk_widget_get_mapped (stack));
  g_assert_true (action (f, "browser.clear-search"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Filter by competency alone. */
  {
    GtkWidget *dropdown = ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_DROP_DOWN, "Filter by Competency");
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
    guint ownership = G_MAXUINT;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Ownership") == 0)
        ownership = i;
    g_assert_cmpuint (ownership, !=, G_MAXUINT);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), ownership);
    ik_test_iterate (20);
    g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 1);
    g_assert_cmpstr (ik_question_get_text (listed_question (f, 0)), ==, "Tell me about an outage you led");
  }

  /* Escape closes the search and shows the bank again. */
  g_assert_true (action (f, "browser.close-search"));
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 3);

  /* Escape in the entry itself (GtkSearchEntry::stop-search) too. */
  g_assert_true (action (f, "browser.search"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "cafe");
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 1);
  g_signal_emit_by_name (entry, "stop-search");
  ik_test_iterate (10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 3);
}

static GtkWidget *find_row_titled (GtkWidget  *root,
                                   const char *title);

static GtkTextBuffer *
text_row_buffer (GtkWidget  *root,
                 const char *title)
{
  GtkWidget *row = find_row_titled (root, title);

  g_assert_nonnull (row);
  return gtk_text_view_get_buffer (ik_text_row_get_view (row));
}

static void
test_edit_autosave (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *editor;
  GtkWidget *text_view;
  GtkTextBuffer *buffer;
  IkQuestion *question;
  FileWait wait = { f, f->alpha, "Tell me about the worst outage you led" };

  ik_question_browser_select_bank (f->browser, f->alpha);
  select_only (f, 0);
  question = listed_question (f, 0);
  g_assert_true (action (f, "browser.edit"));

  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL);
  g_assert_true (ik_question_editor_get_question (IK_QUESTION_EDITOR (editor)) == question);
  g_assert_true (gtk_widget_get_mapped (editor));
  text_view = ik_test_find_widget (editor, GTK_TYPE_TEXT_VIEW, NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_set_text (buffer, "Tell me about the worst outage you led", -1);
  g_assert_cmpstr (ik_question_get_text (question), ==, "Tell me about the worst outage you led");

  /* The autosave writes it without any explicit save. */
  g_assert_true (ik_test_wait_for (file_contains, &wait, 10));

  /* Areas: add one through the editor's button, type into it. */
  g_signal_emit_by_name (ik_test_find_widget (editor, GTK_TYPE_BUTTON, "Add Area"), "clicked");
  ik_test_iterate (10);
  g_assert_cmpuint (g_strv_length ((char **) ik_question_get_areas (question)), ==, 3);
  {
    FileWait area_wait = { f, f->alpha, "Lessons written down" };

    /* The new, empty row is the last one. */
    gtk_text_buffer_set_text (text_row_buffer (editor, "Area 3"), "Lessons written down", -1);
    g_assert_cmpstr (ik_question_get_areas (question)[2], ==, "Lessons written down");
    g_assert_true (ik_test_wait_for (file_contains, &area_wait, 10));
  }
}

static gboolean
has_user_copy (gpointer data)
{
  Fixture *f = data;
  IkBank *bank = ik_question_browser_get_bank (f->browser);

  return bank != NULL && ik_bank_get_origin (bank) == IK_BANK_ORIGIN_USER;
}

static void
test_edit_bundled (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *banks = ik_library_get_banks (f->library);
  g_autoptr(IkBank) bundled = NULL;
  GtkWidget *editor;
  GtkTextBuffer *buffer;
  IkBank *copy;
  FileWait wait = { f, NULL, "An edited bundled question" };
  g_autofree char *id = NULL;
  g_autofree char *question_id = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (banks) && bundled == NULL; i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, i);
      if (ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED)
        bundled = g_steal_pointer (&bank);
    }
  if (bundled == NULL)
    {
      g_test_skip ("no bundled bank in this build");
      return;
    }
  id = g_strdup (ik_bank_get_id (bundled));

  ik_question_browser_select_bank (f->browser, bundled);
  select_only (f, 0);
  question_id = g_strdup (ik_question_get_id (listed_question (f, 0)));
  g_assert_true (action (f, "browser.edit"));
  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ik_test_find_widget (editor, GTK_TYPE_TEXT_VIEW, NULL)));
  gtk_text_buffer_set_text (buffer, "An edited bundled question", -1);
  ik_test_iterate (10);

  /* The edit went into the user's copy, which the browser now shows. */
  g_assert_true (has_user_copy (f));
  copy = ik_question_browser_get_bank (f->browser);
  g_assert_true (copy != bundled);
  g_assert_cmpstr (ik_bank_get_id (copy), ==, id);
  g_assert_cmpstr (ik_question_get_text (ik_bank_find_question (copy, question_id)), ==, "An edited bundled question");
  g_assert_true (ik_question_editor_get_question (IK_QUESTION_EDITOR (editor)) == ik_bank_find_question (copy, question_id));
  g_assert_cmpstr (ik_question_get_text (ik_bank_find_question (bundled, question_id)), !=, "An edited bundled question");

  wait.bank = copy;
  g_assert_true (ik_test_wait_for (file_contains, &wait, 10));

  /* Typing on goes on in the copy. */
  gtk_text_buffer_insert_at_cursor (buffer, "!", -1);
  g_assert_true (ik_question_browser_get_bank (f->browser) == copy);
  g_assert_cmpstr (ik_question_get_text (ik_bank_find_question (copy, question_id)), ==, "An edited bundled question!");
}

static gboolean
beta_label_gone (gpointer data)
{
  Fixture *f = data;

  /* The bank's row, not the toast that names it. */
  return find_label (GTK_WIDGET (f->browser), "Beta Bank", TRUE) == NULL;
}

/* The delete itself; its Undo is the window's (tests/test-window.c). */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  GListModel *questions = ik_bank_get_questions (f->alpha);
  g_autoptr(IkQuestion) second = g_list_model_get_item (questions, 1);
  GListModel *banks = ik_library_get_banks (f->library);
  guint n_banks = g_list_model_get_n_items (banks);
  guint position;

  ik_question_browser_select_bank (f->browser, f->alpha);
  select_only (f, 1);
  g_assert_true (action (f, "browser.delete-question"));
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 2);
  g_assert_false (g_list_store_find (G_LIST_STORE (questions), second, &position));
  /* The keyboard stays in the list, on the next question. */
  g_assert_true (only_selected (GTK_SELECTION_MODEL (listed (f)), 1));

  /* A deleted bank goes to the library's trash at once. */
  ik_question_browser_select_bank (f->browser, f->beta);
  g_assert_true (action (f, "browser.delete-bank"));
  g_assert_true (ik_question_browser_get_bank (f->browser) != f->beta);
  g_assert_true (ik_test_wait_for (beta_label_gone, f, 5));
  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n_banks - 1);
  g_assert_null (ik_library_find_bank (f->library, ik_bank_get_id (f->beta)));

  /* Every question of a bank deleted: the page that offers to add one,
   * built only now. */
  g_assert_null (find_label_with_text (GTK_WIDGET (f->browser), "No Questions"));
  ik_question_browser_select_bank (f->browser, f->alpha);
  while (g_list_model_get_n_items (questions) > 0)
    {
      guint before = g_list_model_get_n_items (questions);

      select_only (f, 0);
      g_assert_true (action (f, "browser.delete-question"));
      g_assert_cmpuint (g_list_model_get_n_items (questions), ==, before - 1);
    }
  ik_test_iterate (20);
  {
    GtkWidget *title = find_label_with_text (GTK_WIDGET (f->browser), "No Questions");
    GtkWidget *add = ik_test_find_widget (GTK_WIDGET (f->browser), GTK_TYPE_BUTTON, "_Add Question");

    g_assert_nonnull (title);
    g_assert_true (gtk_widget_get_mapped (title));
    g_assert_nonnull (add);
    g_assert_true (gtk_widget_get_mapped (add));
  }
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  GListModel *questions = ik_bank_get_questions (f->alpha);
  g_autoptr(IkQuestion) first = g_list_model_get_item (questions, 0);
  g_autoptr(IkQuestion) third = g_list_model_get_item (questions, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint position;

  ik_question_browser_select_bank (f->browser, f->alpha);
  select_only (f, 0);
  g_assert_true (action (f, "browser.move-down"));
  g_assert_true (g_list_store_find (G_LIST_STORE (questions), first, &position));
  g_assert_cmpuint (position, ==, 1);
  /* The moved question stays selected, so it can move on. */
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (listed (f)), 1));
  g_assert_true (action (f, "browser.move-down"));
  g_assert_true (g_list_store_find (G_LIST_STORE (questions), first, &position));
  g_assert_cmpuint (position, ==, 2);
  /* At the end it stays there. */
  g_assert_true (action (f, "browser.move-down"));
  g_assert_true (g_list_store_find (G_LIST_STORE (questions), first, &position));
  g_assert_cmpuint (position, ==, 2);

  select_only (f, 1);
  g_assert_true (action (f, "browser.move-up"));
  g_assert_true (g_list_store_find (G_LIST_STORE (questions), third, &position));
  g_assert_cmpuint (position, ==, 0);

  /* Drag and drop: the question now first, dropped onto the last row. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(IkQuestion) dragged = g_list_model_get_item (questions, 0);
    GtkWidget *last_row = NULL;
    GtkDropTarget *target = NULL;
    g_auto(GValue) value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    ik_test_iterate (20);
    collect_rows (GTK_WIDGET (f->browser), rows);
    for (guint i = 0; i < rows->len; i++)
      if (ik_question_row_get_question (g_ptr_array_index (rows, i)) == first)
        last_row = g_ptr_array_index (rows, i);
    g_assert_nonnull (last_row);
    target = find_drop_target (last_row);
    g_assert_nonnull (target);
    g_value_init (&value, IK_TYPE_QUESTION);
    g_value_set_object (&value, dragged);
    g_signal_emit_by_name (target, "drop", &value, 1.0, 1.0, &dropped);
    g_assert_true (dropped);
    g_assert_true (g_list_store_find (G_LIST_STORE (questions), dragged, &position));
    g_assert_cmpuint (position, ==, 2);
    g_assert_true (g_list_store_find (G_LIST_STORE (questions), first, &position));
    g_assert_cmpuint (position, ==, 1);

    /* And back, to the order checked below. */
    select_only (f, 2);
    g_assert_true (action (f, "browser.move-up"));
    g_assert_true (action (f, "browser.move-up"));
  }

  /* The new order is what the file holds. */
  g_assert_true (ik_library_flush (f->library, &error));
  g_assert_no_error (error);
  g_assert_false (ik_library_is_dirty (f->library, G_OBJECT (f->alpha)));
  /* The autosave wrote every move while the file monitor read the earlier
   * writes back; none of those reads may pass for another program's edit
   * (which would replace the bank object or keep a conflict copy). */
  g_assert_true (ik_library_find_bank (f->library, ik_bank_get_id (f->alpha)) == f->alpha);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (f->library)), ==, 0);
  contents = read_bank_file (f, f->alpha);
  g_assert_nonnull (contents);
  g_assert_true (strstr (contents, "mentor new colleagues") < strstr (contents, "design review"));
  g_assert_true (strstr (contents, "design review") < strstr (contents, "outage you led"));
}

static void
test_add_question (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *questions = ik_bank_get_questions (f->alpha);
  GtkWidget *editor;

  ik_question_browser_select_bank (f->browser, f->alpha);
  g_assert_true (action (f, "browser.add-question"));
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 4);
  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL);
  g_assert_true (gtk_widget_get_mapped (editor));
  {
    g_autoptr(IkQuestion) added = g_list_model_get_item (questions, 3);
    g_assert_true (ik_question_editor_get_question (IK_QUESTION_EDITOR (editor)) == added);
  }
}

static void
test_plan_interview (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *bank_id = NULL;
  g_autofree const char **ids = NULL;

  ik_question_browser_select_bank (f->browser, f->alpha);
  ik_test_iterate (10);
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (f)), 0, TRUE));
  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (listed (f)), 2, FALSE));
  ik_test_iterate (10);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "2 Questions Selected"));

  g_assert_true (action (f, "browser.plan-interview"));
  g_assert_nonnull (f->planned);
  g_variant_get (f->planned, "(s^a&s)", &bank_id, &ids);
  g_assert_cmpstr (bank_id, ==, ik_bank_get_id (f->alpha));
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, ik_question_get_id (listed_question (f, 0)));
  g_assert_cmpstr (ids[1], ==, ik_question_get_id (listed_question (f, 2)));
}

static void
test_new_and_duplicate_bank (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *banks = ik_library_get_banks (f->library);
  guint n = g_list_model_get_n_items (banks);
  IkBank *copy;

  ik_question_browser_select_bank (f->browser, f->alpha);
  g_assert_true (action (f, "browser.duplicate-bank"));
  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n + 1);
  copy = ik_question_browser_get_bank (f->browser);
  g_assert_true (copy != f->alpha);
  g_assert_cmpstr (ik_bank_get_title (copy), ==, "Alpha Bank (Copy)");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (copy)), ==, 3);

  g_assert_true (action (f, "browser.new-bank"));
  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n + 2);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 0);
  /* Renaming happens on the bank's page. */
  {
    GtkWidget *editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_BANK_EDITOR, NULL);
    GtkWidget *title = ik_test_find_widget (editor, ADW_TYPE_ENTRY_ROW, NULL);

    g_assert_true (gtk_widget_get_mapped (editor));
    gtk_editable_set_text (GTK_EDITABLE (title), "Leadership");
    g_assert_cmpstr (ik_bank_get_title (ik_question_browser_get_bank (f->browser)), ==, "Leadership");
    ik_test_iterate (10);
    g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->browser), "Leadership"));
  }
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_bank_editor (Fixture       *f,
                  gconstpointer  data)
{
  IkCompetency *ownership = ik_bank_find_competency (f->alpha, "ownership");
  GListModel *guidance = ik_bank_get_guidance (f->alpha);
  FileWait anchor_wait = { f, f->alpha, "Names who owns the follow-up" };
  FileWait guidance_wait = { f, f->alpha, "Keep the candidate talking" };
  FileWait title_wait = { f, f->alpha, "Operations Bank" };
  GtkWidget *editor;
  GtkWidget *row;

  ik_question_browser_select_bank (f->browser, f->alpha);
  g_assert_true (action (f, "browser.show-bank"));
  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_BANK_EDITOR, NULL);
  g_assert_true (gtk_widget_get_mapped (editor));

  /* Rating anchors, per level and per seniority. */
  row = find_row_titled (editor, "Level 1 · Every seniority");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Names who owns the follow-up");
  g_assert_cmpstr (ik_competency_get_anchor (ownership, 1, IK_ANCHOR_GENERAL), ==, "Names who owns the follow-up");
  row = find_row_titled (editor, "Level 3 · Senior");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Sets up the follow-up process");
  g_assert_cmpstr (ik_competency_get_anchor (ownership, 3, IK_SENIORITY_SENIOR), ==, "Sets up the follow-up process");
  g_assert_true (ik_test_wait_for (file_contains, &anchor_wait, 10));

  /* Guidance: a new entry, then its text. */
  g_signal_emit_by_name (ik_test_find_widget (editor, GTK_TYPE_BUTTON, "Add Guidance"), "clicked");
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (guidance), ==, 1);
  gtk_text_buffer_set_text (text_row_buffer (editor, "Answer"), "Keep the candidate talking", -1);
  {
    g_autoptr(IkGuidance) entry = g_list_model_get_item (guidance, 0);
    g_assert_cmpstr (ik_guidance_get_answer (entry), ==, "Keep the candidate talking");
  }
  g_assert_true (ik_test_wait_for (file_contains, &guidance_wait, 10));

  /* Rename through the title row: the banks list follows. */
  g_assert_true (action (f, "browser.rename-bank"));
  row = find_row_titled (editor, "Title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Operations Bank");
  ik_test_iterate (10);
  g_assert_nonnull (find_label (GTK_WIDGET (f->browser), "Operations Bank", TRUE));
  g_assert_true (ik_test_wait_for (file_contains, &title_wait, 10));

  /* Competencies are added on this page too, and questions can then be
   * linked to them in the question editor. */
  g_signal_emit_by_name (ik_test_find_widget (editor, GTK_TYPE_BUTTON, "Add Competency"), "clicked");
  ik_test_iterate (10);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_competencies (f->alpha)), ==, 2);
  select_only (f, 0);
  g_assert_true (action (f, "browser.edit"));
  row = find_row_titled (ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL),
                         "New competency");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  {
    g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (f->alpha), 0);
    g_assert_cmpuint (g_strv_length ((char **) ik_question_get_competencies (question)), ==, 2);
  }
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Exports the selected bank through the bank menu's action, saving under
 * the suggested name (@name) in the test's folder; returns the path. */
static char *
export_as (Fixture    *f,
           const char *format,
           const char *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->browser), "browser.export", "s", format));
  ik_test_iterate (20);
  /* Without a portal, GtkFileChooserNative shows a GtkFileChooserDialog. */
  chooser = ik_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);

  /* As the user does: the dialog's Export button. */
  g_signal_emit_by_name (ik_test_find_widget (GTK_WIDGET (chooser), GTK_TYPE_BUTTON, "_Export"), "clicked");
  /* The dialog checks the folder asynchronously before it answers. */
  g_assert_true (ik_test_wait_for (file_exists, path, 10));
  g_assert_null (ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  return path;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *json_path = NULL;
  g_autofree char *md_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) read_back = NULL;
  gsize length;

  ik_question_browser_select_bank (f->browser, f->alpha);
  ik_test_iterate (10);

  json_path = export_as (f, "json", "Alpha Bank.ikbank.json");
  g_assert_true (g_file_get_contents (json_path, &contents, &length, &error));
  g_assert_no_error (error);
  ik_test_assert_schema_valid ("bank.schema.json", json_path);
  root = ik_json_parse (contents, length, NULL, NULL, &error);
  g_assert_no_error (error);
  read_back = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_title (read_back), ==, "Alpha Bank");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (read_back)), ==, 3);
  g_clear_pointer (&contents, g_free);

  md_path = export_as (f, "md", "Alpha Bank.md");
  g_assert_true (g_file_get_contents (md_path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, IK_BANK_MARKDOWN_MARKER));
  g_assert_nonnull (strstr (contents, "Tell me about an outage you led"));
  g_clear_pointer (&contents, g_free);

  txt_path = export_as (f, "txt", "Alpha Bank.txt");
  g_assert_true (g_file_get_contents (txt_path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "Tell me about an outage you led"));
  g_assert_nonnull (strstr (contents, "Scope of the incident"));
}

/* ---- Import through the window ---------------------------------------- */

static gboolean
message_dialog_shown (gpointer data)
{
  return ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A window of @app, shown, with the library loaded. */
static IkWindow *
open_import_window (IkApplication *app)
{
  IkWindow *window = g_object_ref (ik_window_new (app));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, ik_application_get_library (app), 10));
  return window;
}

/* Imports @data through @window and returns the preview dialog. */
static GtkWindow *
import_to_preview (IkWindow   *window,
                   const char *data,
                   gsize       length,
                   const char *name)
{
  GtkWindow *dialog;

  ik_window_import_data (window, data, length, name);
  /* The guide is read in a worker thread; the preview follows. */
  g_assert_true (ik_test_wait_for (message_dialog_shown, NULL, 30));
  dialog = ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* Closes every window, the preview included, and drops @window and @app. */
static void
close_import_test (IkWindow      *window,
                   IkApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (w);
    }
  ik_test_iterate (20);
  /* Whether the window itself is freed is tests/test-window.c's to check. */
  g_object_unref (window);
  g_object_unref (app);
}

static void
test_import_guide (void)
{
  g_autoptr(GError) error = NULL;
  IkApplication *app = ik_application_new ();
  IkLibrary *library;
  IkWindow *window;
  GtkWidget *browser;
  GtkWindow *dialog;
  GListModel *banks;
  guint n;
  gsize length = 0;
  g_autofree char *guide = ik_test_read_fixture ("guides/canonical.txt", &length);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  library = ik_application_get_library (app);
  window = open_import_window (app);

  browser = ik_test_find_widget (GTK_WIDGET (window), IK_TYPE_QUESTION_BROWSER, NULL);
  g_assert_nonnull (browser);

  banks = ik_library_get_banks (library);
  n = g_list_model_get_n_items (banks);
  dialog = import_to_preview (window, guide, length, "canonical.txt");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  ik_test_iterate (20);

  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n + 1);
  {
    g_autoptr(IkBank) imported = g_list_model_get_item (banks, n);

    g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (imported)), >=, 1);
    /* The browser shows what was just imported. */
    ik_test_iterate (10);
    g_assert_true (ik_question_browser_get_bank (IK_QUESTION_BROWSER (browser)) == imported);
    g_assert_cmpuint (g_list_model_get_n_items (ik_question_browser_get_questions (IK_QUESTION_BROWSER (browser))), ==,
                      g_list_model_get_n_items (ik_bank_get_questions (imported)));
  }

  close_import_test (window, app);
}

/* The preview of a guide cut in the middle of its first question's areas
 * says so, with the line and the question, before anything is imported;
 * cancelling imports nothing. */
static void
test_import_cut_guide_preview (void)
{
  IkApplication *app = ik_test_application_new ();
  IkLibrary *library;
  IkWindow *window;
  GtkWindow *dialog;
  GtkWidget *list;
  GListModel *banks;
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n, n_rows = 0;
  gsize length = 0;
  g_autofree char *guide = ik_test_read_fixture ("guides/cut-first-areas.txt", &length);

  library = ik_application_get_library (app);
  window = open_import_window (app);

  banks = ik_library_get_banks (library);
  n = g_list_model_get_n_items (banks);
  dialog = import_to_preview (window, guide, length, "cut-first-areas.txt");
  ik_test_iterate (5);

  g_assert_nonnull (ik_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                         "The guide looks incomplete in 1 place:"));
  list = ik_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, NULL);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      g_string_append_printf (shown, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
      g_assert_true (gtk_widget_get_mapped (label));
      n_rows++;
    }
  g_test_message ("%s", shown->str);
  g_assert_cmpuint (n_rows, ==, 2);
  /* The line, the question and what is wrong. */
  g_assert_nonnull (strstr (shown->str, "Line 7: The guide ends inside the question “Tell me about a time a scheduled job"));
  g_assert_nonnull (strstr (shown->str, "Line 7: The last item of the question “Tell me about a time a scheduled job"));
  g_assert_nonnull (strstr (shown->str, "may have been cut off"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (banks), ==, n);

  close_import_test (window, app);
}

/* The height a row was given (a text view wraps at the width it has). */
static int
row_height (GtkWidget *row)
{
  int height = -1;
  guint same = 0;

  /* Wrapped text takes a few frames to settle. */
  for (guint i = 0; i < 300 && same < 20; i++)
    {
      ik_test_iterate (2);
      g_usleep (16000);
      same = gtk_widget_get_height (row) == height ? same + 1 : 0;
      height = gtk_widget_get_height (row);
    }
  return height;
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* Areas and follow-ups are edited in fields that wrap; an item is one
 * line: Enter adds the next item, pasted line breaks become spaces. */
static void
test_multi_line_items (Fixture       *f,
                       gconstpointer  data)
{
  const char *long_area = "How the incident was detected, who noticed first, which alerts fired "
                          "and which did not, and what the on-call engineer did in the first ten minutes";
  const char *elsewhere[] = { "Changed elsewhere", "Who was told, and when", NULL };
  g_autofree char *too_long = g_strnfill (IK_LIMIT_TEXT_LENGTH + 1, 'x');
  GtkWidget *editor;
  GtkWidget *row;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  IkQuestion *question;
  GtkTextIter iter;
  int short_height;
  int long_height;

  ik_question_browser_select_bank (f->browser, f->alpha);
  select_only (f, 0);
  question = listed_question (f, 0);
  g_assert_true (action (f, "browser.edit"));
  ik_test_iterate (10);
  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL);

  row = find_row_titled (editor, "Area 1");
  g_assert_nonnull (row);
  view = ik_text_row_get_view (row);
  g_assert_nonnull (find_row_titled (editor, "Follow-up 1"));
  g_assert_false (gtk_text_view_get_accepts_tab (view));
  buffer = gtk_text_view_get_buffer (view);

  /* A long area wraps: the row grows. (The height of the row as first
   * built is not used: see the report on GTK 4.8 text views.) */
  gtk_text_buffer_set_text (buffer, long_area, -1);
  g_assert_cmpstr (ik_question_get_areas (question)[0], ==, long_area);
  long_height = row_height (row);
  gtk_text_buffer_set_text (buffer, "Scope", -1);
  short_height = row_height (row);
  g_assert_cmpint (short_height, >, 0);
  g_assert_cmpint (long_height, >=, short_height + 2 * 10);
  gtk_text_buffer_set_text (buffer, long_area, -1);

  /* Pasted line breaks become spaces. */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "\nand after", -1);
  g_assert_true (g_str_has_suffix (ik_question_get_areas (question)[0], "minutes and after"));

  /* The limit holds. */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, too_long, -1);
  g_assert_true (g_str_has_suffix (ik_question_get_areas (question)[0], "minutes and after"));

  /* A change from elsewhere shows, and the cursor stays where it was. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
  gtk_text_buffer_place_cursor (buffer, &iter);
  ik_question_set_areas (question, elsewhere);
  ik_test_iterate (5);
  row = find_row_titled (editor, "Area 1");
  view = ik_text_row_get_view (row);
  buffer = gtk_text_view_get_buffer (view);
  {
    g_autofree char *shown = ik_text_buffer_dup_text (buffer);
    g_assert_cmpstr (shown, ==, "Changed elsewhere");
  }
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 4);

  /* Enter, and Shift+Enter, add an item below instead of a line break. */
  if (!ik_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Return, 0))
    return;
  g_assert_cmpuint (g_strv_length ((char **) ik_question_get_areas (question)), ==, 3);
  g_assert_cmpstr (ik_question_get_areas (question)[0], ==, "Changed elsewhere");
  g_assert_cmpstr (ik_question_get_areas (question)[1], ==, "");
  view = ik_text_row_get_view (find_row_titled (editor, "Area 2"));
  g_assert_true (ik_test_wait_for (has_focus, view, 5));
  g_assert_true (ik_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpuint (g_strv_length ((char **) ik_question_get_areas (question)), ==, 4);
  g_assert_null (strchr (ik_question_get_areas (question)[0], '\n'));
  view = ik_text_row_get_view (find_row_titled (editor, "Area 3"));
  g_assert_true (ik_test_wait_for (has_focus, view, 5));
  g_assert_cmpstr (ik_question_get_areas (question)[3], ==, "Who was told, and when");
}

/* Whether the view of a text row is as wide as its row lets it be and
 * exactly as tall as its text laid out at that width. */
static gboolean
text_row_laid_out (GtkWidget *row)
{
  GtkTextView *view = ik_text_row_get_view (row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;
  int y = 0;
  int height = 0;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_view_get_line_yrange (view, &end, &y, &height);
  return gtk_widget_get_width (GTK_WIDGET (view)) > 100
         && gtk_widget_get_height (GTK_WIDGET (view))
              == y + height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
}

typedef struct
{
  GtkWidget *editor;
  guint      n_rows;
} RowsWait;

static gboolean
area_rows_laid_out (gpointer data)
{
  RowsWait *wait = data;

  for (guint i = 1; i <= wait->n_rows; i++)
    {
      g_autofree char *title = g_strdup_printf ("Area %u", i);
      GtkWidget *row = find_row_titled (wait->editor, title);

      if (row == NULL || !text_row_laid_out (row))
        return FALSE;
    }
  return TRUE;
}

/* GTK 4.8 lays a text view out before it has a width (one character a
 * line) and does not resize it once it has one: the rows of areas, as
 * first shown and as rebuilt when an area is added, take the height of
 * their text at their real width. */
static void
test_new_rows_laid_out (Fixture       *f,
                        gconstpointer  data)
{
  RowsWait wait = { NULL, 2 };
  GtkWidget *add;

  ik_question_browser_select_bank (f->browser, f->alpha);
  select_only (f, 0);
  g_assert_true (action (f, "browser.edit"));
  ik_test_iterate (10);
  wait.editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_QUESTION_EDITOR, NULL);
  g_assert_nonnull (wait.editor);
  g_assert_true (ik_test_wait_for (area_rows_laid_out, &wait, 10));

  add = ik_test_find_widget (wait.editor, GTK_TYPE_BUTTON, "Add Area");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  wait.n_rows = 3;
  g_assert_true (ik_test_wait_for (area_rows_laid_out, &wait, 10));
}

typedef struct
{
  GtkWidget  *view;
  IkQuestion *question;
} LastShown;

/* Whether a bound, mapped row of the view shows the question. */
static gboolean
last_row_shown (gpointer data)
{
  LastShown *last = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (last->view, rows);
  for (guint i = 0; i < rows->len; i++)
    if (ik_question_row_get_question (g_ptr_array_index (rows, i)) == last->question)
      return TRUE;
  return FALSE;
}

/* A long list keeps few rows alive (a refiltering keystroke rebinds and
 * measures each one; issue 15), yet every question can be scrolled to and
 * read. */
static void
test_long_list_few_rows (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(IkBank) big = ik_bank_new ("Big Bank");
  GtkWidget *view;
  guint n_widgets = 0;
  LastShown last;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u: tell me about a time you had to weigh one risk against another", i);

      add_question (big, text, NULL, NULL);
    }
  ik_library_add_bank (f->library, big);
  ik_question_browser_select_bank (f->browser, big);
  ik_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 600);

  view = GTK_WIDGET (f->browser->questions_view);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL; child = gtk_widget_get_next_sibling (child))
    n_widgets++;
  /* GtkListView would keep 205; what fills an 800 px window is about 12. */
  g_assert_cmpuint (n_widgets, >=, 10);
  g_assert_cmpuint (n_widgets, <=, 40);

  /* The last question, scrolled to, is a bound, mapped row. */
  gtk_widget_activate_action (view, "list.scroll-to-item", "u", 599);
  last = (LastShown) { view, listed_question (f, 599) };
  g_assert_true (ik_test_wait_for (last_row_shown, &last, 10));
}

typedef struct
{
  Fixture *f;
  guint    position;
} BankAt;

static gboolean
bank_selected (gpointer data)
{
  BankAt *at = data;

  return gtk_single_selection_get_selected (at->f->browser->banks_selection) == at->position;
}

/* The focus is in the row that shows the bank at at->position. */
static gboolean
focus_in_bank (gpointer data)
{
  BankAt *at = data;
  g_autoptr(IkBank) bank = g_list_model_get_item (G_LIST_MODEL (at->f->browser->banks_selection), at->position);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (at->f->window));
  GtkWidget *label = focus != NULL ? find_label_with_text (focus, ik_bank_get_title (bank)) : NULL;

  return label != NULL && gtk_widget_get_mapped (label);
}

/* Many banks keep few rows alive in the sidebar too (the loaded library's
 * first frame makes each one), which still reads as a list whose items
 * are named by their bank, and the keyboard moves through it. */
static void
test_many_banks_few_rows (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->browser->banks_view);
  guint n_widgets = 0;
  GtkAccessibleRole role;
  BankAt at;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bank %03u", i);
      g_autoptr(IkBank) bank = ik_bank_new (title);

      ik_library_add_bank (f->library, bank);
    }
  ik_test_iterate (50);

  g_object_get (view, "accessible-role", &role, NULL);
  g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_LIST);
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_object_get (child, "accessible-role", &role, NULL);
      g_assert_cmpint (role, ==, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
      n_widgets++;
    }
  /* GtkListView would keep all 152 (up to 200). */
  g_assert_cmpuint (n_widgets, >=, 10);
  g_assert_cmpuint (n_widgets, <=, 40);

  /* Down from the selected first bank selects the second; End the last,
   * which is then a bound row. */
  gtk_single_selection_set_selected (f->browser->banks_selection, 0);
  ik_test_iterate (5);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_first_child (view)));
  if (!ik_test_press_key (GTK_WINDOW (f->window), GDK_KEY_Down, 0))
    return;
  at = (BankAt) { f, 1 };
  g_assert_true (ik_test_wait_for (bank_selected, &at, 10));
  g_assert_true (ik_test_press_key (GTK_WINDOW (f->window), GDK_KEY_End, 0));
  at.position = g_list_model_get_n_items (G_LIST_MODEL (f->browser->banks_selection)) - 1;
  g_assert_cmpuint (at.position, >=, 150);
  g_assert_true (ik_test_wait_for (bank_selected, &at, 10));
  g_assert_true (ik_test_wait_for (focus_in_bank, &at, 10));
}

/* The bank's description is multi-line; the bundled bank, once edited,
 * can be restored to its original. */
static void
test_restore_bundled (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *banks = ik_library_get_banks (f->library);
  IkBank *bundled = NULL;
  IkBank *copy;
  GtkWidget *editor;
  GtkWidget *restore;
  GtkWidget *description;
  GtkWindow *dialog;
  g_autofree char *id = NULL;
  g_autofree char *original = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (banks) && bundled == NULL; i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, i);

      if (ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED)
        bundled = bank;
    }
  if (bundled == NULL)
    {
      g_test_skip ("no bundled bank in this build");
      return;
    }
  id = g_strdup (ik_bank_get_id (bundled));
  original = g_strdup (ik_bank_get_description (bundled));

  ik_question_browser_select_bank (f->browser, bundled);
  g_assert_true (action (f, "browser.show-bank"));
  ik_test_iterate (10);
  editor = ik_test_find_widget (GTK_WIDGET (f->browser), IK_TYPE_BANK_EDITOR, NULL);
  restore = ik_test_find_widget (editor, GTK_TYPE_BUTTON, "_Restore Original Questions…");
  g_assert_nonnull (restore);
  g_assert_false (gtk_widget_get_visible (restore));

  /* Paragraphs are kept in the description. */
  description = find_row_titled (editor, "Description");
  g_assert_nonnull (description);
  gtk_text_buffer_set_text (text_row_buffer (editor, "Description"), "First paragraph.\n\nSecond one.", -1);
  ik_test_iterate (10);
  copy = ik_library_find_bank (f->library, id);
  g_assert_true (copy != bundled);
  g_assert_cmpstr (ik_bank_get_description (copy), ==, "First paragraph.\n\nSecond one.");
  g_assert_true (gtk_widget_get_visible (restore));

  /* The confirmation says what is lost; Cancel keeps the copy. */
  g_signal_emit_by_name (restore, "clicked");
  ik_test_iterate (10);
  dialog = ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "edits"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  ik_test_iterate (10);
  g_assert_true (ik_library_find_bank (f->library, id) == copy);

  g_signal_emit_by_name (restore, "clicked");
  ik_test_iterate (10);
  dialog = ik_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_destroy (dialog);
  ik_test_iterate (10);
  g_assert_true (ik_library_find_bank (f->library, id) == bundled);
  g_assert_cmpstr (ik_bank_get_description (bundled), ==, original);
  g_assert_true (ik_bank_editor_get_bank (IK_BANK_EDITOR (editor)) == bundled);
  g_assert_false (gtk_widget_get_visible (restore));
  {
    g_autofree char *shown = ik_text_buffer_dup_text (text_row_buffer (editor, "Description"));
    g_assert_cmpstr (shown, ==, original != NULL ? original : "");
  }
}

/* The search texts are not prepared while the library loads (the banks
 * are shown before the sessions are read): noted when the banks arrive,
 * after the browser has seen them. */
static void
on_banks_arrived (GListModel        *banks,
                  guint              position,
                  guint              removed,
                  guint              added,
                  IkQuestionBrowser *browser)
{
  /* 1: arrived, not warming; 2: arrived, warming. */
  g_object_set_data (G_OBJECT (browser), "warming-while-loading",
                     GINT_TO_POINTER (browser->warm_source != 0 ? 2 : 1));
  /* The detail pane, while the interviews are still loading. */
  if (!ik_library_get_loaded (browser->library))
    g_object_set_data_full (G_OBJECT (browser), "detail-while-loading",
                            g_strdup (gtk_stack_get_visible_child_name (browser->detail_stack)), g_free);
}

static gboolean
warm_finished (gpointer data)
{
  return IK_QUESTION_BROWSER (data)->warm_source == 0;
}

/* Before the banks are there there is nothing to select: the detail
 * pane stays empty rather than asking for a selection, and says "No
 * Question Selected" once the questions are there, while the interviews
 * still load. The search texts are prepared once the library is loaded,
 * not while it loads. */
static void
test_detail_while_loading (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  IkLibrary *library = ik_library_new (dir);
  GtkWidget *window = gtk_window_new ();
  IkQuestionBrowser *browser = IK_QUESTION_BROWSER (ik_question_browser_new (library));
  GtkWidget *none;

  g_object_ref (browser);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (browser));
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (20);
  g_assert_false (ik_library_get_loaded (library));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser->detail_stack), ==, "loading");
  /* The pages start-up does not show are not built with it. */
  g_assert_null (gtk_stack_get_child_by_name (browser->detail_stack, "none"));
  g_assert_null (gtk_stack_get_child_by_name (browser->detail_stack, "question"));
  g_assert_null (browser->question_box);

  g_signal_connect (ik_library_get_banks (library), "items-changed", G_CALLBACK (on_banks_arrived), browser);
  ik_library_load_async (library, NULL, on_loaded, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
  g_signal_handlers_disconnect_by_func (ik_library_get_banks (library), on_banks_arrived, browser);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (browser), "warming-while-loading")), ==, 1);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (browser), "detail-while-loading"), ==, "none");
  g_assert_true (ik_test_wait_for (warm_finished, browser, 10));
  g_assert_cmpuint (browser->warm_position, >, 0);
  ik_test_iterate (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (browser->detail_stack), ==, "none");
  none = gtk_stack_get_visible_child (browser->detail_stack);
  g_assert_true (ADW_IS_STATUS_PAGE (none));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (none)), ==, "No Question Selected");
  g_assert_true (gtk_widget_get_mapped (none));
  g_assert_null (gtk_stack_get_child_by_name (browser->detail_stack, "question"));

  destroy_browser (window, browser, library, dir);
}

/* Typing in the list starts a search (GtkSearchBar's key capture), though
 * the bar's contents are hidden while it is closed, so that GTK does not
 * measure them at every layout; they are hidden again once it closes. */
static gboolean
search_open_with (gpointer data)
{
  Fixture *f = data;

  return gtk_search_bar_get_search_mode (f->browser->search_bar) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (f->browser->search_entry)), "zebra") == 0;
}

static gboolean
search_box_hidden (gpointer data)
{
  Fixture *f = data;

  return !gtk_widget_get_visible (GTK_WIDGET (f->browser->search_box));
}

static void
test_type_to_search (Fixture       *f,
                     gconstpointer  data)
{
  const guint keys[] = { GDK_KEY_z, GDK_KEY_e, GDK_KEY_b, GDK_KEY_r, GDK_KEY_a };

  ik_question_browser_select_bank (f->browser, f->alpha);
  ik_test_iterate (10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->browser->search_box)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->browser->search_entry)));

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->browser->questions_view)));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!ik_test_press_key (GTK_WINDOW (f->window), keys[i], 0))
      return;
  g_assert_true (ik_test_wait_for (search_open_with, f, 5));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->browser->search_box)));
  g_assert_true (ik_test_wait_for (ik_test_widget_mapped, f->browser->search_entry, 5));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->browser->search_entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (f->browser->search_entry)));
  /* Only the first question has a zebra (in a follow-up). */
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 1);

  g_assert_true (action (f, "browser.close-search"));
  g_assert_true (ik_test_wait_for (search_box_hidden, f, 5));
  g_assert_cmpuint (g_list_model_get_n_items (listed (f)), ==, 3);
}

/* A start whose banks' questions are still unread (the index of the banks
 * let the load pass over them; they come in idle time): a search typed at
 * once finds the questions of every bank, and the banks list their counts
 * before. */
static void
write_bank_file (const char *dir,
                 const char *title,
                 const char *question_text)
{
  g_autoptr(IkBank) bank = ik_bank_new (title);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.json", ik_bank_get_id (bank));
  g_autofree char *banks = g_build_filename (dir, "banks", NULL);
  g_autofree char *path = g_build_filename (banks, name, NULL);
  g_autofree char *data = NULL;

  add_question (bank, question_text, NULL, NULL);
  add_question (bank, "Another question", NULL, NULL);
  data = ik_test_to_data (ik_bank_to_json (bank));
  g_assert_cmpint (g_mkdir_with_parents (banks, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

static void
test_search_right_after_start (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) first = NULL;
  IkLibrary *library;
  GtkWidget *window;
  IkQuestionBrowser *browser;
  GtkWidget *entry;
  guint pending = 0;

  write_bank_file (dir, "Alpha Bank", "Tell me about an outage you led");
  write_bank_file (dir, "Beta Bank", "Tell me about a zebra you tamed");
  /* A first start writes the index of the banks; the files just written
   * count as settled, so it vouches for them. */
  ik_library_set_clock_offset (3 * G_GINT64_CONSTANT (1000000000));
  first = ik_test_load_library (dir, G_MAXINT);
  ik_library_set_clock_offset (0);
  ik_library_index_wait ();
  g_clear_object (&first);

  library = ik_library_new (dir);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  browser = IK_QUESTION_BROWSER (ik_question_browser_new (library));
  g_object_ref (browser);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (browser));
  gtk_window_present (GTK_WINDOW (window));
  ik_test_iterate (20);
  ik_library_set_clock_offset (3 * G_GINT64_CONSTANT (1000000000));
  ik_library_load_async (library, NULL, on_loaded, NULL);
  g_assert_true (ik_test_wait_for (ik_test_library_loaded, library, 10));
  ik_library_set_clock_offset (0);

  g_assert_true (ik_library_has_pending_questions (library));
  for (guint i = 0; i < g_list_model_get_n_items (ik_library_get_banks (library)); i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (library), i);

      /* The bundled bank is read whole, from the resources. */
      if (ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED)
        continue;
      g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 2);
      pending += ik_bank_has_pending_questions (bank);
    }
  /* The bank on screen has read its own. */
  g_assert_cmpuint (pending, >=, 1);

  entry = ik_test_find_widget (GTK_WIDGET (browser), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_search_bar_set_search_mode (browser->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra");
  g_assert_false (ik_library_has_pending_questions (library));
  g_assert_cmpuint (g_list_model_get_n_items (ik_question_browser_get_questions (browser)), ==, 1);
  ik_test_iterate (20);
  g_assert_cmpuint (g_list_model_get_n_items (ik_question_browser_get_questions (browser)), ==, 1);

  destroy_browser (window, browser, library, dir);
}

int
main (int   argc,
      char *argv[])
{
  ik_ui_test_init (&argc, &argv);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/question-browser/browse", test_browse);
  ADD ("/question-browser/search", test_search);
  ADD ("/question-browser/edit-autosave", test_edit_autosave);
  ADD ("/question-browser/edit-bundled", test_edit_bundled);
  ADD ("/question-browser/delete", test_delete);
  ADD ("/question-browser/reorder", test_reorder);
  ADD ("/question-browser/add-question", test_add_question);
  ADD ("/question-browser/long-list-few-rows", test_long_list_few_rows);
  ADD ("/question-browser/many-banks-few-rows", test_many_banks_few_rows);
  ADD ("/question-browser/plan-interview", test_plan_interview);
  ADD ("/question-browser/new-and-duplicate-bank", test_new_and_duplicate_bank);
  ADD ("/question-browser/export", test_export);
  ADD ("/question-browser/bank-editor", test_bank_editor);
  ADD ("/question-browser/multi-line-items", test_multi_line_items);
  ADD ("/question-browser/new-rows-laid-out", test_new_rows_laid_out);
  ADD ("/question-browser/restore-bundled", test_restore_bundled);
  ADD ("/question-browser/type-to-search", test_type_to_search);
#undef ADD
  g_test_add_func ("/question-browser/detail-while-loading", test_detail_while_loading);
  g_test_add_func ("/question-browser/search-right-after-start", test_search_right_after_start);
  g_test_add_func ("/question-browser/import-guide", test_import_guide);
  g_test_add_func ("/question-browser/import-cut-guide-preview", test_import_cut_guide_preview);

  return g_test_run ();
}
