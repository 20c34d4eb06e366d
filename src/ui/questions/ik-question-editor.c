/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Editing one question in place. Every change goes straight into the model,
 * whose autosave writes it; a question of a bundled bank is first moved to
 * the user's own copy of the bank. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-input-limit.h"
#include "ik-question-editor.h"
#include "ik-text-sync.h"

typedef enum
{
  LIST_AREAS,
  LIST_FOLLOW_UPS,
  N_LISTS
} ListKind;

struct _IkQuestionEditor
{
  GtkWidget            parent_instance;

  IkLibrary           *library;
  IkBank              *bank;
  IkQuestion          *question;
  gboolean             loading;

  GPtrArray           *rows[N_LISTS];
  GPtrArray           *competency_rows;
  GListModel          *bank_competencies;
  gulong               competencies_handler;

  AdwPreferencesPage  *page;
  GtkTextView         *text_view;
  GtkSpinButton       *minutes_spin;
  AdwEntryRow         *tags_row;
  AdwPreferencesGroup *areas_group;
  AdwPreferencesGroup *follow_ups_group;
  AdwPreferencesGroup *competencies_group;
};

G_DEFINE_FINAL_TYPE (IkQuestionEditor, ik_question_editor, GTK_TYPE_WIDGET)

enum {
  PREPARE_COPY,
  BANK_COPIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_list        (IkQuestionEditor *self,
                                 ListKind          kind);
static void follow_competencies (IkQuestionEditor *self);
static void follow_question     (IkQuestionEditor *self,
                                 IkQuestion       *question);

/* Makes the question editable: a question of a bundled bank is replaced by
 * the same question in the user's copy of the bank, which the library
 * creates on the first edit. */
static gboolean
ensure_editable (IkQuestionEditor *self)
{
  IkBank *copy;
  IkQuestion *question;

  if (self->loading || self->question == NULL)
    return FALSE;
  if (self->bank == NULL || self->library == NULL ||
      ik_bank_get_origin (self->bank) != IK_BANK_ORIGIN_BUNDLED)
    return TRUE;

  g_signal_emit (self, signals[PREPARE_COPY], 0);
  copy = ik_library_make_user_copy (self->library, self->bank);
  question = ik_bank_find_question (copy, ik_question_get_id (self->question));
  if (copy == self->bank || question == NULL)
    return TRUE;

  g_set_object (&self->bank, copy);
  follow_question (self, question);
  g_set_object (&self->question, question);
  follow_competencies (self);
  g_signal_emit (self, signals[BANK_COPIED], 0, copy, question);
  return TRUE;
}

static const char * const *
list_get (IkQuestionEditor *self,
          ListKind          kind)
{
  return kind == LIST_AREAS ? ik_question_get_areas (self->question)
                            : ik_question_get_follow_ups (self->question);
}

static void
list_set (IkQuestionEditor   *self,
          ListKind            kind,
          const char * const *items)
{
  if (kind == LIST_AREAS)
    ik_question_set_areas (self->question, items);
  else
    ik_question_set_follow_ups (self->question, items);
}

static GtkTextBuffer *
row_buffer (GtkWidget *row)
{
  return gtk_text_view_get_buffer (ik_text_row_get_view (row));
}

static void
focus_row (GtkWidget *row)
{
  gtk_widget_grab_focus (GTK_WIDGET (ik_text_row_get_view (row)));
}

static GStrv
collect_rows (IkQuestionEditor *self,
              ListKind          kind)
{
  GPtrArray *rows = self->rows[kind];
  GStrv items = g_new0 (char *, rows->len + 1);

  for (guint i = 0; i < rows->len; i++)
    items[i] = ik_text_buffer_dup_text (row_buffer (g_ptr_array_index (rows, i)));
  return items;
}

static void
on_list_row_changed (GtkTextBuffer *buffer,
                     gpointer       user_data)
{
  IkQuestionEditor *self = IK_QUESTION_EDITOR (user_data);
  ListKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "ik-list"));
  g_auto(GStrv) items = NULL;

  if (!ensure_editable (self))
    return;
  items = collect_rows (self, kind);
  list_set (self, kind, (const char * const *) items);
}

/* Applies a structural edit (move or delete) to a copy of the list. */
static void
edit_list (IkQuestionEditor *self,
           ListKind          kind,
           guint             index,
           int               delta)
{
  g_auto(GStrv) items = NULL;
  guint n;

  if (!ensure_editable (self))
    return;

  items = g_strdupv ((char **) list_get (self, kind));
  n = items != NULL ? g_strv_length (items) : 0;
  if (index >= n)
    return;

  if (delta == 0)
    {
      g_free (items[index]);
      memmove (&items[index], &items[index + 1], (n - index) * sizeof (char *));
    }
  else
    {
      guint other = index + delta;
      char *tmp;

      if ((int) index + delta < 0 || other >= n)
        return;
      tmp = items[index];
      items[index] = items[other];
      items[other] = tmp;
    }

  list_set (self, kind, (const char * const *) items);
  rebuild_list (self, kind);

  /* Keep the keyboard where the user was. */
  if (self->rows[kind]->len > 0)
    {
      guint focus = delta == 0 ? MIN (index, self->rows[kind]->len - 1) : index + delta;
      focus_row (g_ptr_array_index (self->rows[kind], focus));
    }
}

static void
on_row_button_clicked (GtkButton *button,
                       gpointer   user_data)
{
  IkQuestionEditor *self = IK_QUESTION_EDITOR (user_data);
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "ik-row");
  ListKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-list"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ik-delta"));
  guint index;

  if (!g_ptr_array_find (self->rows[kind], row, &index))
    return;
  edit_list (self, kind, index, delta);
}

static GtkWidget *
make_row_button (IkQuestionEditor *self,
                 GtkWidget        *row,
                 const char       *icon,
                 const char       *label,
                 int               delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "ik-row", row);
  g_object_set_data (G_OBJECT (button), "ik-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_row_button_clicked), self);
  return button;
}

static void add_list_item (IkQuestionEditor *self,
                           ListKind          kind,
                           guint             position);

/* An item is one line: Enter (with Shift too) adds the next item instead
 * of a line break. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     IkQuestionEditor      *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (controller), "ik-row");
  ListKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ik-list"));
  guint index;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  /* Ctrl+Return and Alt+Return are the window's. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (g_ptr_array_find (self->rows[kind], row, &index))
    add_list_item (self, kind, index + 1);
  return TRUE;
}

/* Pasted line breaks become spaces. */
static void
on_list_insert_text (GtkTextBuffer *buffer,
                     GtkTextIter   *location,
                     const char    *text,
                     int            len,
                     gpointer       user_data)
{
  g_autofree char *line = NULL;

  if (memchr (text, '\n', len) == NULL && memchr (text, '\r', len) == NULL)
    return;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  line = g_strndup (text, len);
  g_strdelimit (line, "\r\n", ' ');
  gtk_text_buffer_insert (buffer, location, line, -1);
}

static void
rebuild_list (IkQuestionEditor *self,
              ListKind          kind)
{
  AdwPreferencesGroup *group = kind == LIST_AREAS ? self->areas_group : self->follow_ups_group;
  GPtrArray *rows = self->rows[kind];
  const char * const *items;
  gboolean was_loading = self->loading;

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  if (self->question == NULL)
    return;

  self->loading = TRUE;
  items = list_get (self, kind);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *title = g_strdup_printf (kind == LIST_AREAS ? _("Area %u") : _("Follow-up %u"), i + 1);
      GtkWidget *row = ik_text_row_new (title, items[i], IK_LIMIT_TEXT_LENGTH);
      GtkTextBuffer *buffer = row_buffer (row);
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_object_set_data (G_OBJECT (row), "ik-list", GUINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (buffer), "ik-list", GUINT_TO_POINTER (kind));
      ik_text_row_add_suffix (row, make_row_button (self, row, "go-up-symbolic", _("Move Up"), -1));
      ik_text_row_add_suffix (row, make_row_button (self, row, "go-down-symbolic", _("Move Down"), 1));
      ik_text_row_add_suffix (row, make_row_button (self, row, "user-trash-symbolic", _("Remove"), 0));
      g_signal_connect (buffer, "insert-text", G_CALLBACK (on_list_insert_text), NULL);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_list_row_changed), self);
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_object_set_data (G_OBJECT (keys), "ik-row", row);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
      gtk_widget_add_controller (GTK_WIDGET (ik_text_row_get_view (row)), keys);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }
  self->loading = was_loading;
}

/* Adds an empty item at @position (at most the end) and puts the keyboard
 * in it. */
static void
add_list_item (IkQuestionEditor *self,
               ListKind          kind,
               guint             position)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  const char * const *current;
  GPtrArray *rows = self->rows[kind];

  if (!ensure_editable (self))
    return;
  /* The load refuses a question with more (ik-limits.h). */
  if (rows->len >= IK_LIMIT_QUESTION_LIST_LENGTH)
    {
      g_autofree char *message = g_strdup_printf (kind == LIST_AREAS
                                                    ? ngettext ("A question can have at most %d area to cover",
                                                                "A question can have at most %d areas to cover",
                                                                IK_LIMIT_QUESTION_LIST_LENGTH)
                                                    : ngettext ("A question can have at most %d follow-up question",
                                                                "A question can have at most %d follow-up questions",
                                                                IK_LIMIT_QUESTION_LIST_LENGTH),
                                                  IK_LIMIT_QUESTION_LIST_LENGTH);

      ik_show_limit_message (GTK_WIDGET (self), message);
      return;
    }
  current = list_get (self, kind);
  position = MIN (position, rows->len);
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    {
      if (i == position)
        g_strv_builder_add (builder, "");
      g_strv_builder_add (builder, current[i]);
    }
  if (position == rows->len)
    g_strv_builder_add (builder, "");
  items = g_strv_builder_end (builder);
  list_set (self, kind, (const char * const *) items);
  rebuild_list (self, kind);
  focus_row (g_ptr_array_index (rows, position));
}

static void
on_add_area (IkQuestionEditor *self)
{
  add_list_item (self, LIST_AREAS, G_MAXUINT);
}

static void
on_add_follow_up (IkQuestionEditor *self)
{
  add_list_item (self, LIST_FOLLOW_UPS, G_MAXUINT);
}

static void
on_text_changed (GtkTextBuffer    *buffer,
                 IkQuestionEditor *self)
{
  g_autofree char *text = NULL;

  if (!ensure_editable (self))
    return;
  text = ik_text_buffer_dup_text (buffer);
  ik_question_set_text (self->question, text);
}

static void
on_minutes_changed (GtkSpinButton    *spin,
                    IkQuestionEditor *self)
{
  if (!ensure_editable (self))
    return;
  ik_question_set_minutes (self->question, gtk_spin_button_get_value_as_int (spin));
}

static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (tag[0] != '\0')
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

static void
on_tags_changed (GtkEditable      *editable,
                 IkQuestionEditor *self)
{
  g_auto(GStrv) tags = NULL;

  if (!ensure_editable (self))
    return;
  tags = parse_tags (gtk_editable_get_text (editable));
  ik_question_set_tags (self->question, (const char * const *) tags);
}

static void
on_competency_toggled (GtkCheckButton   *check,
                       IkQuestionEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "ik-competency");
  const char * const *current;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  gboolean active = gtk_check_button_get_active (check);

  if (!ensure_editable (self))
    return;
  current = ik_question_get_competencies (self->question);
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (g_strcmp0 (current[i], id) != 0)
      g_strv_builder_add (builder, current[i]);
  if (active)
    g_strv_builder_add (builder, id);
  ids = g_strv_builder_end (builder);
  ik_question_set_competencies (self->question, (const char * const *) ids);
}

static void
rebuild_competencies (IkQuestionEditor *self)
{
  GListModel *competencies;
  const char * const *assessed;

  for (guint i = 0; i < self->competency_rows->len; i++)
    adw_preferences_group_remove (self->competencies_group, g_ptr_array_index (self->competency_rows, i));
  g_ptr_array_set_size (self->competency_rows, 0);

  if (self->bank == NULL || self->question == NULL)
    return;

  competencies = ik_bank_get_competencies (self->bank);
  assessed = ik_question_get_competencies (self->question);
  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *name = ik_competency_get_name (competency);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   assessed != NULL && g_strv_contains (assessed, ik_competency_get_id (competency)));
      g_object_set_data_full (G_OBJECT (check), "ik-competency",
                              g_strdup (ik_competency_get_id (competency)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_competency_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      ik_accessible_name_row (row, check, name, _("Competency assessed by this question"));
      adw_preferences_group_add (self->competencies_group, row);
      g_ptr_array_add (self->competency_rows, row);
    }
}

static void
follow_competencies (IkQuestionEditor *self)
{
  GListModel *competencies = self->bank != NULL ? ik_bank_get_competencies (self->bank) : NULL;

  if (competencies == self->bank_competencies)
    return;
  if (self->bank_competencies != NULL)
    g_clear_signal_handler (&self->competencies_handler, self->bank_competencies);
  g_set_object (&self->bank_competencies, competencies);
  /* Competencies added or removed on the bank's page show up here. */
  if (competencies != NULL)
    self->competencies_handler = g_signal_connect_swapped (competencies, "items-changed",
                                                           G_CALLBACK (rebuild_competencies), self);
}

static void
load_tags (IkQuestionEditor *self)
{
  g_auto(GStrv) shown = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  g_autofree char *tags = NULL;

  /* "a,b" as typed and "a, b" as written are the same tags. */
  if (g_strv_equal ((const char * const *) shown, ik_question_get_tags (self->question)))
    return;
  tags = g_strjoinv (", ", (char **) ik_question_get_tags (self->question));
  ik_editable_sync (GTK_EDITABLE (self->tags_row), tags);
}

/* Rebuilds a list whose items changed elsewhere, keeping the keyboard in
 * the row it was in. */
static void
load_list (IkQuestionEditor *self,
           ListKind          kind)
{
  g_auto(GStrv) shown = collect_rows (self, kind);
  GPtrArray *rows = self->rows[kind];
  int focus = -1;
  int position = 0;

  if (g_strv_equal ((const char * const *) shown, list_get (self, kind)))
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkRoot *root = gtk_widget_get_root (row);
      GtkWidget *focused = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focused != NULL && (focused == row || gtk_widget_is_ancestor (focused, row)))
        {
          GtkTextIter cursor;

          gtk_text_buffer_get_iter_at_mark (row_buffer (row), &cursor,
                                            gtk_text_buffer_get_insert (row_buffer (row)));
          focus = (int) i;
          position = gtk_text_iter_get_offset (&cursor);
        }
    }
  rebuild_list (self, kind);
  if (focus >= 0 && rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_index (rows, MIN ((guint) focus, rows->len - 1));
      GtkTextIter cursor;

      focus_row (row);
      gtk_text_buffer_get_iter_at_offset (row_buffer (row), &cursor, position);
      gtk_text_buffer_place_cursor (row_buffer (row), &cursor);
    }
}

static void
load_competency_checks (IkQuestionEditor *self)
{
  const char * const *assessed = ik_question_get_competencies (self->question);

  for (guint i = 0; i < self->competency_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->competency_rows, i);
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      const char *id = g_object_get_data (G_OBJECT (check), "ik-competency");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   assessed != NULL && g_strv_contains (assessed, id));
    }
}

/* Another program may rewrite the bank while the question is open: the
 * library updates the same question, and the fields follow it. Only what
 * differs is replaced, so the user's own keystrokes are left alone. */
static void
on_question_notify (IkQuestionEditor *self,
                    GParamSpec       *pspec)
{
  const char *name = g_param_spec_get_name (pspec);
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  if (g_str_equal (name, "text"))
    ik_text_buffer_sync (gtk_text_view_get_buffer (self->text_view), ik_question_get_text (self->question));
  else if (g_str_equal (name, "minutes")
           && (guint) gtk_spin_button_get_value_as_int (self->minutes_spin) != ik_question_get_minutes (self->question))
    gtk_spin_button_set_value (self->minutes_spin, ik_question_get_minutes (self->question));
  else if (g_str_equal (name, "tags"))
    load_tags (self);
  else if (g_str_equal (name, "areas"))
    load_list (self, LIST_AREAS);
  else if (g_str_equal (name, "follow-ups"))
    load_list (self, LIST_FOLLOW_UPS);
  else if (g_str_equal (name, "competencies"))
    load_competency_checks (self);
  self->loading = was_loading;
}

static void
follow_question (IkQuestionEditor *self,
                 IkQuestion       *question)
{
  if (self->question != NULL)
    g_signal_handlers_disconnect_by_func (self->question, on_question_notify, self);
  if (question != NULL)
    g_signal_connect_swapped (question, "notify", G_CALLBACK (on_question_notify), self);
}

/**
 * ik_question_editor_set_question:
 * @bank: (nullable): the bank holding @question
 * @question: (nullable): the question to edit
 *
 * Shows @question for editing. Nothing happens when it is already shown, so
 * that the focus stays where it is.
 */
void
ik_question_editor_set_question (IkQuestionEditor *self,
                                 IkBank           *bank,
                                 IkQuestion       *question)
{
  g_autofree char *tags = NULL;

  g_return_if_fail (IK_IS_QUESTION_EDITOR (self));
  g_return_if_fail (bank == NULL || IK_IS_BANK (bank));
  g_return_if_fail (question == NULL || IK_IS_QUESTION (question));

  if (self->question == question && self->bank == bank)
    return;

  g_set_object (&self->bank, bank);
  follow_question (self, question);
  g_set_object (&self->question, question);
  follow_competencies (self);

  self->loading = TRUE;
  if (question != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                ik_question_get_text (question) != NULL ? ik_question_get_text (question) : "", -1);
      gtk_spin_button_set_value (self->minutes_spin, ik_question_get_minutes (question));
      tags = g_strjoinv (", ", (char **) ik_question_get_tags (question));
      gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags != NULL ? tags : "");
    }
  rebuild_list (self, LIST_AREAS);
  rebuild_list (self, LIST_FOLLOW_UPS);
  rebuild_competencies (self);
  self->loading = FALSE;
}

/**
 * ik_question_editor_get_question:
 *
 * Returns: (transfer none) (nullable): the question being edited, which is
 * the user's copy once a bundled question was edited
 */
IkQuestion *
ik_question_editor_get_question (IkQuestionEditor *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_EDITOR (self), NULL);

  return self->question;
}

/**
 * ik_question_editor_get_bank:
 *
 * Returns: (transfer none) (nullable): the bank of the question
 */
IkBank *
ik_question_editor_get_bank (IkQuestionEditor *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_EDITOR (self), NULL);

  return self->bank;
}

/**
 * ik_question_editor_new:
 * @library: the library, which makes user copies of bundled banks
 *
 * Returns: (transfer floating): a new editor showing no question
 */
GtkWidget *
ik_question_editor_new (IkLibrary *library)
{
  IkQuestionEditor *self;

  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);

  self = g_object_new (IK_TYPE_QUESTION_EDITOR, NULL);
  self->library = g_object_ref (library);
  return GTK_WIDGET (self);
}

static void
ik_question_editor_dispose (GObject *object)
{
  IkQuestionEditor *self = IK_QUESTION_EDITOR (object);
  GtkWidget *child;

  if (self->bank_competencies != NULL)
    g_clear_signal_handler (&self->competencies_handler, self->bank_competencies);
  g_clear_object (&self->bank_competencies);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_QUESTION_EDITOR);
  /* The template's top widget is our child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);
  g_clear_pointer (&self->competency_rows, g_ptr_array_unref);
  follow_question (self, NULL);
  g_clear_object (&self->question);
  g_clear_object (&self->bank);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (ik_question_editor_parent_class)->dispose (object);
}

static void
ik_question_editor_class_init (IkQuestionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ik_question_editor_dispose;

  /**
   * IkQuestionEditor::bank-copied:
   * @copy: the user's copy of the bundled bank
   * @question: the edited question, in @copy
   *
   * Emitted when the first edit of a bundled question made the user's copy
   * of its bank.
   */
  /**
   * IkQuestionEditor::prepare-copy:
   *
   * Emitted just before the first edit of a bundled bank makes the user's
   * copy, which replaces the bundled bank in the library's list.
   */
  signals[PREPARE_COPY] =
    g_signal_new ("prepare-copy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[BANK_COPIED] =
    g_signal_new ("bank-copied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, IK_TYPE_BANK, IK_TYPE_QUESTION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-question-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, page);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, areas_group);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, follow_ups_group);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionEditor, competencies_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_area);
  gtk_widget_class_bind_template_callback (widget_class, on_add_follow_up);
}

static void
ik_question_editor_init (IkQuestionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));

  self->rows[LIST_AREAS] = g_ptr_array_new ();
  self->rows[LIST_FOLLOW_UPS] = g_ptr_array_new ();
  self->competency_rows = g_ptr_array_new ();

  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed",
                    G_CALLBACK (on_text_changed), self);
  ik_text_buffer_limit (gtk_text_view_get_buffer (self->text_view),
                        GTK_WIDGET (self->text_view), IK_LIMIT_TEXT_LENGTH);
  g_signal_connect (self->minutes_spin, "value-changed", G_CALLBACK (on_minutes_changed), self);
  g_signal_connect (self->tags_row, "changed", G_CALLBACK (on_tags_changed), self);
}
