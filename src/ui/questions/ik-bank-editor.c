/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bank's own page: title, description, guidance for interviewers, and
 * competencies with their rating anchors per level and seniority, all
 * edited in place. A bundled bank becomes the user's copy on its first
 * edit. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-bank-editor.h"
#include "ik-input-limit.h"
#include "ik-scorecard-export.h"
#include "ik-text-sync.h"
#include "ik-window.h"

typedef enum
{
  FIELD_TITLE,
  FIELD_DESCRIPTION,
  FIELD_GUIDANCE_QUESTION,
  FIELD_GUIDANCE_ANSWER,
  FIELD_COMPETENCY_NAME,
  FIELD_COMPETENCY_DESCRIPTION,
  FIELD_ANCHOR,
} Field;

struct _IkBankEditor
{
  GtkWidget            parent_instance;

  IkLibrary           *library;
  IkBank              *bank;
  gboolean             loading;

  GPtrArray           *guidance_rows;
  GPtrArray           *competency_rows;
  /* Every entry row of the guidance and competencies. */
  GPtrArray           *entries;

  AdwPreferencesPage  *page;
  AdwEntryRow         *title_row;
  GtkWidget           *description_row;
  AdwPreferencesGroup *bank_group;
  AdwActionRow        *origin_row;
  GtkWidget           *restore_button;
  AdwPreferencesGroup *guidance_group;
  AdwPreferencesGroup *competencies_group;
};

G_DEFINE_FINAL_TYPE (IkBankEditor, ik_bank_editor, GTK_TYPE_WIDGET)

enum {
  PREPARE_COPY,
  BANK_COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild         (IkBankEditor *self);
static void on_bank_changed (IkBankEditor *self);

static gboolean
ensure_editable (IkBankEditor *self)
{
  IkBank *copy;

  if (self->loading || self->bank == NULL)
    return FALSE;
  if (ik_bank_get_origin (self->bank) != IK_BANK_ORIGIN_BUNDLED || self->library == NULL)
    return TRUE;

  g_signal_emit (self, signals[PREPARE_COPY], 0);
  copy = ik_library_make_user_copy (self->library, self->bank);
  if (copy != self->bank)
    {
      g_signal_handlers_disconnect_by_func (self->bank, on_bank_changed, self);
      g_set_object (&self->bank, copy);
      g_signal_connect_swapped (copy, "changed", G_CALLBACK (on_bank_changed), self);
      g_signal_emit (self, signals[BANK_COPIED], 0, copy);
    }
  return TRUE;
}

static const char *
seniority_label (int seniority)
{
  if (seniority < 0)
    return _("Every seniority");
  return ik_export_seniority_label (seniority);
}

static void
set_expander_title (GtkWidget  *expander,
                    const char *title,
                    const char *fallback)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 title != NULL && title[0] != '\0' ? title : fallback);
}

/* Entry rows for one-line texts, text rows (ik_text_row_new()) for those
 * with paragraphs: the description and the guidance answers. */
static gboolean
is_text_row (GtkWidget *row)
{
  return !GTK_IS_EDITABLE (row);
}

static void
field_changed (IkBankEditor *self,
               GtkWidget    *row,
               const char   *text)
{
  Field field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-field"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-index"));
  GtkWidget *expander = g_object_get_data (G_OBJECT (row), "ik-expander");

  if (!ensure_editable (self))
    return;

  switch (field)
    {
    case FIELD_TITLE:
      ik_bank_set_title (self->bank, text);
      break;

    case FIELD_DESCRIPTION:
      ik_bank_set_description (self->bank, text);
      break;

    case FIELD_GUIDANCE_QUESTION:
    case FIELD_GUIDANCE_ANSWER:
      {
        g_autoptr(IkGuidance) guidance = g_list_model_get_item (ik_bank_get_guidance (self->bank), index);

        if (guidance == NULL)
          return;
        if (field == FIELD_GUIDANCE_QUESTION)
          {
            ik_guidance_set_question (guidance, text);
            set_expander_title (expander, text, _("Untitled guidance"));
          }
        else
          ik_guidance_set_answer (guidance, text);
      }
      break;

    case FIELD_COMPETENCY_NAME:
    case FIELD_COMPETENCY_DESCRIPTION:
    case FIELD_ANCHOR:
      {
        g_autoptr(IkCompetency) competency = g_list_model_get_item (ik_bank_get_competencies (self->bank), index);

        if (competency == NULL)
          return;
        if (field == FIELD_COMPETENCY_NAME)
          {
            ik_competency_set_name (competency, text);
            set_expander_title (expander, text, _("Unnamed competency"));
          }
        else if (field == FIELD_COMPETENCY_DESCRIPTION)
          ik_competency_set_description (competency, text);
        else
          ik_competency_set_anchor (competency,
                                    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-level")),
                                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "ik-seniority")),
                                    text);
      }
      break;
    }
}

static void
on_field_changed (GtkEditable  *row,
                  IkBankEditor *self)
{
  field_changed (self, GTK_WIDGET (row), gtk_editable_get_text (row));
}

static void
on_text_field_changed (GtkTextBuffer *buffer,
                       IkBankEditor  *self)
{
  g_autofree char *text = ik_text_buffer_dup_text (buffer);

  field_changed (self, g_object_get_data (G_OBJECT (buffer), "ik-row"), text);
}

static GtkWidget *
make_text_row (IkBankEditor *self,
               const char   *title,
               const char   *text,
               Field         field)
{
  GtkWidget *row = ik_text_row_new (title, text, IK_LIMIT_TEXT_LENGTH);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (ik_text_row_get_view (row));

  g_object_set_data (G_OBJECT (row), "ik-field", GUINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (buffer), "ik-row", row);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_text_field_changed), self);
  return row;
}

static void
sync_row (GtkWidget  *row,
          const char *text)
{
  if (is_text_row (row))
    ik_text_buffer_sync (gtk_text_view_get_buffer (ik_text_row_get_view (row)), text);
  else
    ik_editable_sync (GTK_EDITABLE (row), text);
}

static GtkWidget *
make_entry_row (IkBankEditor *self,
                const char   *title,
                const char   *text,
                Field         field,
                guint         index,
                GtkWidget    *expander)
{
  GtkWidget *row;

  if (field == FIELD_GUIDANCE_ANSWER)
    row = make_text_row (self, title, text, field);
  else
    {
      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
      g_object_set_data (G_OBJECT (row), "ik-field", GUINT_TO_POINTER (field));
      ik_editable_limit (GTK_EDITABLE (row), IK_LIMIT_TEXT_LENGTH);
      g_signal_connect (row, "changed", G_CALLBACK (on_field_changed), self);
    }
  g_object_set_data (G_OBJECT (row), "ik-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "ik-expander", expander);
  g_ptr_array_add (self->entries, row);
  return row;
}

static void
on_remove_clicked (GtkButton    *button,
                   IkBankEditor *self)
{
  Field field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ik-field"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ik-index"));
  GListModel *list;

  if (!ensure_editable (self))
    return;
  list = field == FIELD_GUIDANCE_QUESTION ? ik_bank_get_guidance (self->bank)
                                          : ik_bank_get_competencies (self->bank);
  if (index < g_list_model_get_n_items (list))
    g_list_store_remove (G_LIST_STORE (list), index);
  rebuild (self);
}

static GtkWidget *
make_remove_row (IkBankEditor *self,
                 const char   *label,
                 Field         field,
                 guint         index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), "ik-field", GUINT_TO_POINTER (field));
  g_object_set_data (G_OBJECT (button), "ik-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
load_header (IkBankEditor *self)
{
  ik_editable_sync (GTK_EDITABLE (self->title_row), ik_bank_get_title (self->bank));
  sync_row (self->description_row, ik_bank_get_description (self->bank));
  gtk_widget_set_visible (self->restore_button,
                          ik_bank_get_origin (self->bank) != IK_BANK_ORIGIN_BUNDLED
                          && ik_library_find_bundled_bank (self->library, ik_bank_get_id (self->bank)) != NULL);
  switch (ik_bank_get_origin (self->bank))
    {
    case IK_BANK_ORIGIN_BUNDLED:
      adw_action_row_set_subtitle (self->origin_row, _("Bundled with Interview Kit; editing makes it your own copy"));
      break;
    case IK_BANK_ORIGIN_IMPORTED:
      {
        const char *file = ik_bank_get_origin_file (self->bank);
        g_autofree char *escaped = g_markup_escape_text (file != NULL ? file : "", -1);
        g_autofree char *text = g_strdup_printf (_("Imported from %s"), escaped);
        adw_action_row_set_subtitle (self->origin_row, file != NULL ? text : _("Imported"));
      }
      break;
    case IK_BANK_ORIGIN_USER:
    default:
      adw_action_row_set_subtitle (self->origin_row, _("Your own bank"));
      break;
    }
}

static void
rebuild (IkBankEditor *self)
{
  GListModel *guidance;
  GListModel *competencies;
  gboolean was_loading = self->loading;

  clear_rows (self->guidance_group, self->guidance_rows);
  clear_rows (self->competencies_group, self->competency_rows);
  g_ptr_array_set_size (self->entries, 0);
  if (self->bank == NULL)
    return;

  self->loading = TRUE;
  load_header (self);
  guidance = ik_bank_get_guidance (self->bank);
  for (guint i = 0; i < g_list_model_get_n_items (guidance); i++)
    {
      g_autoptr(IkGuidance) entry = g_list_model_get_item (guidance, i);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      set_expander_title (expander, ik_guidance_get_question (entry), _("Untitled guidance"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_entry_row (self, _("Question"), ik_guidance_get_question (entry),
                                                FIELD_GUIDANCE_QUESTION, i, expander));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_entry_row (self, _("Answer"), ik_guidance_get_answer (entry),
                                                FIELD_GUIDANCE_ANSWER, i, expander));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_remove_row (self, _("_Remove Guidance"), FIELD_GUIDANCE_QUESTION, i));
      adw_preferences_group_add (self->guidance_group, expander);
      g_ptr_array_add (self->guidance_rows, expander);
    }

  competencies = ik_bank_get_competencies (self->bank);
  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      set_expander_title (expander, ik_competency_get_name (competency), _("Unnamed competency"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_entry_row (self, _("Name"), ik_competency_get_name (competency),
                                                FIELD_COMPETENCY_NAME, i, expander));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_entry_row (self, _("Description"), ik_competency_get_description (competency),
                                                FIELD_COMPETENCY_DESCRIPTION, i, expander));
      for (guint level = 1; level <= IK_RATING_MAX; level++)
        for (int seniority = IK_ANCHOR_GENERAL; seniority <= IK_SENIORITY_LEAD; seniority++)
          {
            /* Translators: a rating anchor, e.g. "Level 3 · Senior" */
            g_autofree char *title = g_strdup_printf (_("Level %u · %s"), level, seniority_label (seniority));
            GtkWidget *row = make_entry_row (self, title,
                                             ik_competency_get_anchor (competency, level, seniority),
                                             FIELD_ANCHOR, i, expander);

            g_object_set_data (G_OBJECT (row), "ik-level", GUINT_TO_POINTER (level));
            g_object_set_data (G_OBJECT (row), "ik-seniority", GINT_TO_POINTER (seniority));
            adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                make_remove_row (self, _("_Remove Competency"), FIELD_COMPETENCY_NAME, i));
      adw_preferences_group_add (self->competencies_group, expander);
      g_ptr_array_add (self->competency_rows, expander);
    }
  self->loading = was_loading;
}

static void
on_add_guidance (IkBankEditor *self)
{
  g_autoptr(IkGuidance) guidance = ik_guidance_new ("", "");
  GtkWidget *expander;

  if (!ensure_editable (self))
    return;
  g_list_store_append (G_LIST_STORE (ik_bank_get_guidance (self->bank)), guidance);
  rebuild (self);
  expander = g_ptr_array_index (self->guidance_rows, self->guidance_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_widget_grab_focus (expander);
}

static void
on_add_competency (IkBankEditor *self)
{
  g_autoptr(IkCompetency) competency = ik_competency_new (NULL, _("New competency"));
  GtkWidget *expander;

  if (!ensure_editable (self))
    return;
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (self->bank)), competency);
  rebuild (self);
  expander = g_ptr_array_index (self->competency_rows, self->competency_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_widget_grab_focus (expander);
}

/* What an entry row of the guidance or the competencies shows. */
static const char *
model_text (IkBankEditor *self,
            GtkWidget    *row)
{
  Field field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-field"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-index"));
  const char *text = NULL;

  if (field == FIELD_GUIDANCE_QUESTION || field == FIELD_GUIDANCE_ANSWER)
    {
      g_autoptr(IkGuidance) guidance = g_list_model_get_item (ik_bank_get_guidance (self->bank), index);

      if (guidance != NULL)
        text = field == FIELD_GUIDANCE_QUESTION ? ik_guidance_get_question (guidance)
                                                : ik_guidance_get_answer (guidance);
    }
  else
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (ik_bank_get_competencies (self->bank), index);

      if (competency == NULL)
        text = NULL;
      else if (field == FIELD_COMPETENCY_NAME)
        text = ik_competency_get_name (competency);
      else if (field == FIELD_COMPETENCY_DESCRIPTION)
        text = ik_competency_get_description (competency);
      else
        text = ik_competency_get_anchor (competency,
                                         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-level")),
                                         GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "ik-seniority")));
    }
  /* The items are owned by the bank, which outlives this call. */
  return text;
}

/* Another program may rewrite the bank while its page is open: the library
 * updates the same bank, and the page follows. Rows are by position, so
 * entries added, removed or moved elsewhere rebuild the page; otherwise
 * only the fields that differ are replaced, and the user's own keystrokes,
 * which come back equal, are left alone. */
static void
on_bank_changed (IkBankEditor *self)
{
  if (self->guidance_rows->len != g_list_model_get_n_items (ik_bank_get_guidance (self->bank))
      || self->competency_rows->len != g_list_model_get_n_items (ik_bank_get_competencies (self->bank)))
    {
      rebuild (self);
      return;
    }

  self->loading = TRUE;
  load_header (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->entries, i);
      Field field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-field"));
      const char *text = model_text (self, row);

      sync_row (row, text);
      if (field == FIELD_GUIDANCE_QUESTION)
        set_expander_title (g_object_get_data (G_OBJECT (row), "ik-expander"), text, _("Untitled guidance"));
      else if (field == FIELD_COMPETENCY_NAME)
        set_expander_title (g_object_get_data (G_OBJECT (row), "ik-expander"), text, _("Unnamed competency"));
    }
  self->loading = FALSE;
}

static void
undo_restore (IkWindow *window,
              gpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (ik_library_restore_bank (ik_window_get_library (window), data, &error) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your copy could not be brought back: %s"), error->message);

      ik_window_add_toast (window, adw_toast_new (message));
    }
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     IkBankEditor     *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  IkWindow *window = ik_window_get_for_widget (GTK_WIDGET (self));
  IkBank *bundled;

  if (!g_str_equal (response, "restore") || self->bank == NULL)
    return;
  id = g_strdup (ik_bank_get_id (self->bank));
  bundled = ik_library_restore_bundled_bank (self->library, self->bank, &error);
  if (bundled == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The original questions could not be restored: %s"),
                                                  error->message);

      if (window != NULL)
        ik_window_add_toast (window, adw_toast_new (message));
      return;
    }
  ik_bank_editor_set_bank (self, bundled);
  if (window != NULL)
    ik_window_show_undo_toast (window, _("Original questions restored"), undo_restore,
                               g_steal_pointer (&id), g_free);
}

static void
on_restore_clicked (IkBankEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (self->bank == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Restore Original Questions?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Your edits to “%s” are discarded and the bank is shown as shipped with Interview Kit. Your copy goes to the trash."),
                                  ik_bank_get_title (self->bank));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore Original"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ik_bank_editor_set_bank:
 * @bank: (nullable): the bank to show
 */
void
ik_bank_editor_set_bank (IkBankEditor *self,
                         IkBank       *bank)
{
  g_return_if_fail (IK_IS_BANK_EDITOR (self));
  g_return_if_fail (bank == NULL || IK_IS_BANK (bank));

  if (self->bank == bank)
    return;
  if (self->bank != NULL)
    g_signal_handlers_disconnect_by_func (self->bank, on_bank_changed, self);
  g_set_object (&self->bank, bank);
  if (bank != NULL)
    g_signal_connect_swapped (bank, "changed", G_CALLBACK (on_bank_changed), self);
  rebuild (self);
}

/**
 * ik_bank_editor_get_bank:
 *
 * Returns: (transfer none) (nullable): the bank shown
 */
IkBank *
ik_bank_editor_get_bank (IkBankEditor *self)
{
  g_return_val_if_fail (IK_IS_BANK_EDITOR (self), NULL);

  return self->bank;
}

/**
 * ik_bank_editor_focus_title:
 *
 * Moves the keyboard focus to the title, to rename the bank.
 */
void
ik_bank_editor_focus_title (IkBankEditor *self)
{
  g_return_if_fail (IK_IS_BANK_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/**
 * ik_bank_editor_new:
 * @library: the library, which makes user copies of bundled banks
 *
 * Returns: (transfer floating): a new bank page showing no bank
 */
GtkWidget *
ik_bank_editor_new (IkLibrary *library)
{
  IkBankEditor *self;

  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);

  self = g_object_new (IK_TYPE_BANK_EDITOR, NULL);
  self->library = g_object_ref (library);
  return GTK_WIDGET (self);
}

static void
ik_bank_editor_dispose (GObject *object)
{
  IkBankEditor *self = IK_BANK_EDITOR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_BANK_EDITOR);
  /* The template's top widget is our child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->guidance_rows, g_ptr_array_unref);
  g_clear_pointer (&self->competency_rows, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (self->bank != NULL)
    g_signal_handlers_disconnect_by_func (self->bank, on_bank_changed, self);
  g_clear_object (&self->bank);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (ik_bank_editor_parent_class)->dispose (object);
}

static void
ik_bank_editor_class_init (IkBankEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_bank_editor_dispose;

  /**
   * IkBankEditor::bank-copied:
   * @copy: the user's copy of the bundled bank
   *
   * Emitted when the first edit of a bundled bank made the user's copy.
   */
  /**
   * IkBankEditor::prepare-copy:
   *
   * Emitted just before the first edit of a bundled bank makes the user's
   * copy, which replaces the bundled bank in the library's list.
   */
  signals[PREPARE_COPY] =
    g_signal_new ("prepare-copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[BANK_COPIED] =
    g_signal_new ("bank-copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, IK_TYPE_BANK);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-bank-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, page);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, bank_group);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, origin_row);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, restore_button);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, guidance_group);
  gtk_widget_class_bind_template_child (widget_class, IkBankEditor, competencies_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_guidance);
  gtk_widget_class_bind_template_callback (widget_class, on_add_competency);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
}

static void
ik_bank_editor_init (IkBankEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));

  self->guidance_rows = g_ptr_array_new ();
  self->competency_rows = g_ptr_array_new ();
  self->entries = g_ptr_array_new ();
  g_object_set_data (G_OBJECT (self->title_row), "ik-field", GUINT_TO_POINTER (FIELD_TITLE));
  g_signal_connect (self->title_row, "changed", G_CALLBACK (on_field_changed), self);
  /* Longer texts could not be saved (ik-limits.h). */
  ik_editable_limit (GTK_EDITABLE (self->title_row), IK_LIMIT_TEXT_LENGTH);
  /* The description goes between the title and the origin. */
  self->description_row = make_text_row (self, _("Description"), NULL, FIELD_DESCRIPTION);
  g_object_ref (self->origin_row);
  adw_preferences_group_remove (self->bank_group, GTK_WIDGET (self->origin_row));
  adw_preferences_group_add (self->bank_group, self->description_row);
  adw_preferences_group_add (self->bank_group, GTK_WIDGET (self->origin_row));
  g_object_unref (self->origin_row);
}
