/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-editor.c: turning interview notes into a rated scorecard.
 *
 * One card per competency: the four levels with the written anchor of each
 * for the candidate's seniority, an explicit “not assessed”, the evidence,
 * and the areas that were never ticked during the interview. Below, the
 * notes of each question, from which a selection can be used as evidence
 * for a competency (the question is then recorded as its source). A list of
 * gaps links to what is still missing; submitting seals the scorecard and
 * locks every input until it is amended with a reason (the texts become
 * read-only, still selectable; the choices insensitive).
 *
 * Edits go straight into the model; the library saves the session within a
 * second. The model refuses edits while the scorecard is read-only, the
 * widgets only mirror that.
 *
 * With a team folder (set by the sessions view), each submission, the
 * first and every one after an amendment, is also published there, signed
 * (ik_team_folder_publish_async()); the window's toast says how that went
 * and offers to try again.
 *
 * A submitted scorecard changed outside the app (IkScorecard:altered) shows
 * a banner, is never published, and is set right by amending it: the
 * banner stays through the amendment, and the history marks the altered
 * submission.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-date-format.h"
#include "ik-export-dialog.h"
#include "ik-input-limit.h"
#include "ik-retention.h"
#include "ik-scorecard-editor.h"
#include "ik-level-row.h"
#include "ik-scroller-bin.h"
#include "ik-wrapped-labels.h"
#include "ik-scorecard-export.h"
#include "ik-text-sync.h"
#include "ik-window.h"
#include "ik-util.h"

#define N_LEVEL_CHOICES (IK_RATING_MAX + 1) /* “not assessed” and 1..4 */
/* Cards made with the scorecard, before its first frame: see build_content(). */
#define FIRST_FRAME_CARDS 2

typedef struct
{
  IkCompetencyRating *rating;
  GtkWidget          *group;
  GtkWidget          *checks[N_LEVEL_CHOICES];
  GtkTextBuffer      *evidence;
  GtkWidget          *evidence_view;
  GtkLabel           *sources_label;
} CompetencyCard;

struct _IkScorecardEditor
{
  AdwBin               parent_instance;

  IkLibrary           *library;
  IkSession           *session;
  IkScorecard         *scorecard;
  GSettings           *settings;
  IkTeamFolder        *team_folder;

  /* Cards of the competencies and the notes views by question id. */
  GPtrArray           *cards;
  GHashTable          *notes_views;
  /* Every widget that edits the scorecard, locked when sealed. */
  GPtrArray           *inputs;
  GPtrArray           *history_rows;
  GMenu               *evidence_menu;
  /* Rating rows of the questions by question id, and the records followed
   * for changes made elsewhere. */
  GHashTable          *rating_rows;
  GPtrArray           *followed_records;
  guint                rebuild_id;
  /* The ratings shown as cards: the first FIRST_FRAME_CARDS are made
   * with the scorecard, the rest after its first frame, as the questions
   * below them: followed_ratings[0, n_cards_built) have their cards and
   * followed_records[0, n_questions_built) their groups. */
  GPtrArray           *followed_ratings;
  guint                n_cards_built;
  guint                questions_id;
  guint                questions_tick_id;
  guint                n_questions_built;
  guint                n_frames_waited;
  gboolean             syncing;

  AdwWindowTitle      *window_title;
  GtkRevealer         *altered_revealer;
  GtkLabel            *altered_label;
  GtkWidget           *submit_button;
  GtkWidget           *amend_button;
  GtkRevealer         *status_revealer;
  GtkLabel            *status_label;
  GtkScrolledWindow   *scrolled;
  AdwPreferencesGroup *completeness_group;
  GtkListBox          *completeness_list;
  GtkBox              *competencies_box;
  AdwComboRow         *recommendation_row;
  GtkTextView         *summary_view;
  GtkBox              *questions_box;
  AdwPreferencesGroup *history_group;
  AdwExpanderRow      *history_row;
};

G_DEFINE_FINAL_TYPE (IkScorecardEditor, ik_scorecard_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
card_free (CompetencyCard *card)
{
  g_clear_object (&card->rating);
  g_free (card);
}

static IkBank *
find_bank (IkScorecardEditor *self)
{
  return ik_library_find_bank (self->library, ik_session_get_bank_id (self->session));
}

static CompetencyCard *
find_card (IkScorecardEditor *self,
           const char        *competency_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      CompetencyCard *card = g_ptr_array_index (self->cards, i);

      if (g_strcmp0 (ik_competency_rating_get_competency_id (card->rating), competency_id) == 0)
        return card;
    }
  return NULL;
}

static char *
text_buffer_get_all (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (IkScorecardEditor *self,
                 GtkTextBuffer     *buffer,
                 const char        *text)
{
  self->syncing = TRUE;
  ik_text_buffer_sync (buffer, text);
  self->syncing = FALSE;
}

/* Status: gaps, banner, buttons, history --------------------------------- */

static void
update_sources_label (IkScorecardEditor *self,
                      CompetencyCard    *card)
{
  const char * const *sources = ik_competency_rating_get_evidence_questions (card->rating);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      guint position = 0;

      if (ik_export_find_record (self->session, sources[i], &position) == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%u", position + 1);
    }

  if (text->len > 0)
    {
      g_autofree char *label = g_strdup_printf (_("Evidence taken from question %s"), text->str);
      gtk_label_set_text (card->sources_label, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (card->sources_label), text->len > 0);
}

static void
update_gaps (IkScorecardEditor *self)
{
  g_autoptr(GPtrArray) gaps = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->completeness_list))) != NULL)
    gtk_list_box_remove (self->completeness_list, child);

  gaps = ik_scorecard_check_complete (self->scorecard,
                                      g_settings_get_boolean (self->settings, "require-evidence"));
  for (guint i = 0; i < gaps->len; i++)
    {
      IkScorecardGap *gap = g_ptr_array_index (gaps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *escaped = g_markup_escape_text (gap->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data_full (G_OBJECT (row), "competency-id", g_strdup (gap->competency_id), g_free);
      g_object_set_data (G_OBJECT (row), "gap-kind", GINT_TO_POINTER (gap->kind));
      gtk_list_box_append (self->completeness_list, row);
    }

  if (gaps->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     ik_scorecard_get_read_only (self->scorecard)
                                       ? _("The scorecard is complete and submitted")
                                       : _("Everything is rated: ready to submit"));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->completeness_list, row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scorecard.submit",
                                 gaps->len == 0 && !ik_scorecard_get_read_only (self->scorecard));
  ik_widget_set_tooltip_text (self->submit_button,
                               gaps->len == 0 ? _("Seal the scorecard (Ctrl+Return)")
                                              : _("Fill in what the completeness list shows first"));
}

static char *
format_time (GDateTime *when)
{
  return when != NULL ? ik_format_date_time (when) : g_strdup ("");
}

static void
update_history (IkScorecardEditor *self)
{
  GListModel *revisions = ik_scorecard_get_revisions (self->scorecard);
  guint n = g_list_model_get_n_items (revisions);

  for (guint i = 0; i < self->history_rows->len; i++)
    adw_expander_row_remove (self->history_row, g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, i);
      g_autofree char *when = format_time (ik_scorecard_revision_get_time (revision));
      g_autofree char *submitted = format_time (ik_scorecard_revision_get_submitted (revision));
      g_autofree char *title = g_markup_printf_escaped (_("Amended on %s: %s"), when,
                                                        ik_scorecard_revision_get_reason (revision));
      g_autofree char *subtitle = g_markup_printf_escaped (_("Submitted on %s · Seal %s"), submitted,
                                                           ik_scorecard_revision_get_seal (revision));
      GtkWidget *row = adw_action_row_new ();

      if (ik_scorecard_revision_get_altered (revision))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *marked = g_markup_printf_escaped ("%s\n<b>%s</b>", subtitle, ik_export_altered_label ());

          g_free (subtitle);
          subtitle = g_steal_pointer (&marked);
          gtk_widget_add_css_class (icon, "error");
          ik_widget_set_tooltip_text (icon, ik_export_altered_label ());
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->history_row, row);
      g_ptr_array_add (self->history_rows, row);
    }

  {
    g_autofree char *subtitle = g_strdup_printf (ngettext ("%u earlier submission kept",
                                                           "%u earlier submissions kept", n), n);
    adw_expander_row_set_subtitle (self->history_row, n > 0 ? subtitle : _("Never amended"));
  }
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_row), n > 0);
}

/* The last submission, when the scorecard is being amended from it. */
static IkScorecardRevision *
dup_amended_revision (IkScorecardEditor *self)
{
  GListModel *revisions = ik_scorecard_get_revisions (self->scorecard);
  guint n = g_list_model_get_n_items (revisions);

  if (n == 0 || ik_scorecard_get_submitted (self->scorecard) != NULL)
    return NULL;
  return g_list_model_get_item (revisions, n - 1);
}

static void
update_altered (IkScorecardEditor *self)
{
  g_autoptr(IkScorecardRevision) amended = dup_amended_revision (self);

  if (ik_scorecard_get_altered (self->scorecard))
    {
      g_autofree char *text = g_strdup_printf ("%s %s", ik_export_altered_warning (),
                                               _("The values shown are the changed ones. Amend the scorecard "
                                                 "to check them and submit it again; the altered version stays "
                                                 "in its history."));

      gtk_label_set_text (self->altered_label, text);
      gtk_revealer_set_reveal_child (self->altered_revealer, TRUE);
    }
  else if (amended != NULL && ik_scorecard_revision_get_altered (amended))
    {
      gtk_label_set_text (self->altered_label,
                          _("This amendment starts from a scorecard that was changed outside Interview Kit "
                            "after it was submitted. Check every value before you submit it again."));
      gtk_revealer_set_reveal_child (self->altered_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->altered_revealer, FALSE);
}

static void
update_read_only (IkScorecardEditor *self)
{
  gboolean read_only = ik_scorecard_get_read_only (self->scorecard);
  GDateTime *submitted = ik_scorecard_get_submitted (self->scorecard);

  for (guint i = 0; i < self->inputs->len; i++)
    {
      GtkWidget *input = g_ptr_array_index (self->inputs, i);

      /* Sealed text stays readable at full contrast, selectable and
       * copyable (the cursor moves by keyboard too); only typing stops. */
      if (GTK_IS_TEXT_VIEW (input))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (input), !read_only);
      else
        gtk_widget_set_sensitive (input, !read_only);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scorecard.use-as-evidence", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scorecard.amend", read_only);
  gtk_widget_set_visible (self->amend_button, read_only);
  gtk_widget_set_visible (self->submit_button, !read_only);

  if (read_only && submitted != NULL)
    {
      g_autofree char *when = format_time (submitted);
      g_autofree char *text = g_strdup_printf (_("Submitted on %s · Seal %s"), when,
                                               ik_scorecard_get_seal (self->scorecard));
      gtk_label_set_text (self->status_label, text);
    }
  gtk_revealer_set_reveal_child (self->status_revealer, read_only);
}

static void
update_status (IkScorecardEditor *self)
{
  update_gaps (self);
  update_history (self);
  update_read_only (self);
  update_altered (self);
  for (guint i = 0; i < self->cards->len; i++)
    update_sources_label (self, g_ptr_array_index (self->cards, i));
}

/* Competency cards ------------------------------------------------------- */

static void
on_level_toggled (GtkCheckButton    *check,
                  IkScorecardEditor *self)
{
  CompetencyCard *card = g_object_get_data (G_OBJECT (check), "card");
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "level"));

  if (self->syncing || !gtk_check_button_get_active (check))
    return;
  ik_competency_rating_set_rating (card->rating, level);
}

static void
on_evidence_changed (GtkTextBuffer     *buffer,
                     IkScorecardEditor *self)
{
  CompetencyCard *card = g_object_get_data (G_OBJECT (buffer), "card");
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  text = text_buffer_get_all (buffer);
  ik_competency_rating_set_evidence (card->rating, text);
}

static void
sync_card (IkScorecardEditor *self,
           CompetencyCard    *card)
{
  int rating = ik_competency_rating_get_rating (card->rating);

  self->syncing = TRUE;
  for (int i = 0; i < N_LEVEL_CHOICES; i++)
    {
      int level = i == 0 ? IK_RATING_NOT_ASSESSED : i;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (card->checks[i]), rating == level);
    }
  self->syncing = FALSE;
  set_buffer_text (self, card->evidence, ik_competency_rating_get_evidence (card->rating));
}

static void
on_rating_notify (IkCompetencyRating *rating,
                  GParamSpec         *pspec,
                  IkScorecardEditor  *self)
{
  CompetencyCard *card = find_card (self, ik_competency_rating_get_competency_id (rating));

  if (card != NULL)
    sync_card (self, card);
}

static GtkWidget *
add_level_row (IkScorecardEditor *self,
               CompetencyCard    *card,
               GtkCheckButton    *group,
               int                level,
               const char        *title,
               const char        *anchor)
{
  /* A row of our own, not an AdwActionRow: see ik-level-row.c. */
  GtkWidget *row = ik_level_row_new (title, !ik_str_is_blank (anchor) ? anchor : NULL);
  GtkWidget *check = ik_level_row_get_check (IK_LEVEL_ROW (row));
  g_autofree char *competency = NULL;
  g_autofree char *description = NULL;

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  /* The description names the competency the level rates. */
  if (!pango_parse_markup (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (card->group)),
                           -1, 0, NULL, &competency, NULL, NULL))
    competency = g_strdup ("");
  if (!ik_str_is_blank (anchor))
    description = g_strdup_printf (_("Rating of %s: %s"), competency, anchor);
  else
    description = g_strdup_printf (_("Rating of %s"), competency);
  ik_accessible_name_row (row, check, title, description);
  g_object_set_data (G_OBJECT (check), "card", card);
  g_object_set_data (G_OBJECT (check), "level", GINT_TO_POINTER (level));
  g_signal_connect (check, "toggled", G_CALLBACK (on_level_toggled), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (card->group), row);
  g_ptr_array_add (self->inputs, row);
  return check;
}

static void
add_card (IkScorecardEditor  *self,
          IkCompetencyRating *rating,
          IkBank             *bank)
{
  static const char *level_names[] = { NULL, N_("1 · Weak"), N_("2 · Developing"),
                                       N_("3 · Strong"), N_("4 · Exceptional") };
  CompetencyCard *card = g_new0 (CompetencyCard, 1);
  const char *id = ik_competency_rating_get_competency_id (rating);
  IkCompetency *competency = bank != NULL ? ik_bank_find_competency (bank, id) : NULL;
  IkSeniority seniority = ik_session_get_seniority (self->session);
  const char *name = ik_competency_rating_get_competency_name (rating);
  g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (self->session, id);
  g_autofree char *escaped_name = NULL;
  GtkWidget *label;
  GtkWidget *frame;

  card->rating = g_object_ref (rating);
  card->group = adw_preferences_group_new ();
  if (competency != NULL && !ik_str_is_blank (ik_competency_get_name (competency)))
    name = ik_competency_get_name (competency);
  escaped_name = g_markup_escape_text (!ik_str_is_blank (name) ? name : id, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (card->group), escaped_name);
  if (competency != NULL && !ik_str_is_blank (ik_competency_get_description (competency)))
    {
      g_autofree char *escaped = g_markup_escape_text (ik_competency_get_description (competency), -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (card->group), escaped);
    }
  else if (competency == NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (card->group),
                                           _("The question bank is gone: the level descriptions cannot be shown."));

  for (int level = 1; level <= IK_RATING_MAX; level++)
    {
      const char *anchor = competency != NULL ? ik_competency_get_anchor_for (competency, level, seniority) : NULL;

      card->checks[level] = add_level_row (self, card, level > 1 ? GTK_CHECK_BUTTON (card->checks[1]) : NULL,
                                           level, _(level_names[level]), anchor);
    }
  card->checks[0] = add_level_row (self, card, GTK_CHECK_BUTTON (card->checks[1]), IK_RATING_NOT_ASSESSED,
                                   _("Not assessed"),
                                   _("The interview gave no fair chance to see this competency."));

  if (areas->len > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u area to cover was not ticked",
                                                             "%u areas to cover were not ticked", areas->len),
                                                   areas->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Never probed"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      for (guint a = 0; a < areas->len; a++)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (areas, a), -1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (card->group), expander);
      ik_accessible_fix_names (expander);
    }

  label = gtk_label_new (_("Evidence"));
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_add_css_class (label, "heading");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (card->group), label);

  card->evidence_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (card->evidence_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (card->evidence_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (card->evidence_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (card->evidence_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (card->evidence_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (card->evidence_view), 8);
  gtk_widget_set_size_request (card->evidence_view, -1, 72);
  {
    g_autofree char *accessible = g_strdup_printf (_("Evidence for %s"), !ik_str_is_blank (name) ? name : id);
    gtk_accessible_update_property (GTK_ACCESSIBLE (card->evidence_view),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }
  card->evidence = gtk_text_view_get_buffer (GTK_TEXT_VIEW (card->evidence_view));
  ik_text_buffer_limit (card->evidence, card->evidence_view, IK_LIMIT_TEXT_LENGTH);
  g_object_set_data (G_OBJECT (card->evidence), "card", card);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), card->evidence_view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (card->group), frame);
  g_ptr_array_add (self->inputs, card->evidence_view);

  card->sources_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (card->sources_label), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (card->sources_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (card->sources_label), "caption");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (card->group), GTK_WIDGET (card->sources_label));

  g_ptr_array_add (self->cards, card);
  sync_card (self, card);
  g_signal_connect (card->evidence, "changed", G_CALLBACK (on_evidence_changed), self);
  g_signal_connect_object (rating, "notify::rating", G_CALLBACK (on_rating_notify), self, 0);
  g_signal_connect_object (rating, "notify::evidence", G_CALLBACK (on_rating_notify), self, 0);
  gtk_box_append (self->competencies_box, card->group);
}

/* Questions -------------------------------------------------------------- */

static void
on_question_rating_selected (AdwComboRow       *row,
                             GParamSpec        *pspec,
                             IkScorecardEditor *self)
{
  IkQuestionRecord *record = g_object_get_data (G_OBJECT (row), "record");
  guint selected = adw_combo_row_get_selected (row);

  if (self->syncing)
    return;
  /* 0 = not rated, 1..4, 5 = not assessed */
  ik_question_record_set_rating (record, selected == 5 ? IK_RATING_NOT_ASSESSED : (int) selected);
}

static void
add_question (IkScorecardEditor *self,
              IkQuestionRecord  *record,
              guint              position)
{
  IkQuestion *question = ik_question_record_get_question (record);
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = g_markup_printf_escaped (_("Question %u"), position + 1);
  g_autofree char *text = g_markup_escape_text (ik_question_get_text (question), -1);
  g_autoptr(GtkStringList) choices = NULL;
  GtkWidget *rating_row;
  GtkWidget *notes_view;
  GtkWidget *frame;
  GtkWidget *menu_button;
  int rating = ik_question_record_get_rating (record);
  g_autofree char *accessible = g_strdup_printf (_("Notes of question %u"), position + 1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), text);

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Use as _Evidence"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (menu_button), TRUE);
  ik_accessible_fix_names (menu_button);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  ik_widget_set_tooltip_text (menu_button, _("Add the selected notes to a competency’s evidence"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), menu_button);
  g_ptr_array_add (self->inputs, menu_button);

  notes_view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (notes_view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (notes_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (notes_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (notes_view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (notes_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (notes_view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes_view)),
                            ik_str_is_blank (ik_question_record_get_notes (record)) ? "" : ik_question_record_get_notes (record),
                            -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_hash_table_insert (self->notes_views, g_strdup (ik_question_get_id (question)), notes_view);

  {
    /* The same menu as the button, in the notes' context menu. */
    g_autoptr(GMenu) extra = g_menu_new ();
    g_autoptr(GMenu) section = g_menu_new ();
    g_autoptr(GMenu) submenu = g_menu_new ();

    for (guint i = 0; i < self->cards->len; i++)
      {
        CompetencyCard *card = g_ptr_array_index (self->cards, i);
        const char *name = ik_competency_rating_get_competency_name (card->rating);
        g_autoptr(GMenuItem) item = g_menu_item_new (!ik_str_is_blank (name) ? name
                                                                      : ik_competency_rating_get_competency_id (card->rating),
                                                     NULL);

        g_menu_item_set_action_and_target (item, "scorecard.use-as-evidence", "(ss)",
                                           ik_question_get_id (question),
                                           ik_competency_rating_get_competency_id (card->rating));
        g_menu_append_item (submenu, item);
      }
    g_menu_append_submenu (section, _("Use as Evidence"), G_MENU_MODEL (submenu));
    g_menu_append_section (extra, NULL, G_MENU_MODEL (section));
    gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (notes_view), G_MENU_MODEL (extra));
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (submenu));
  }

  {
    /* What was marked in the room: skipped, areas ticked, no direct
     * experience, STAR parts; the editor shows everything, unscrubbed. */
    static const IkExportOptions shown = { TRUE, FALSE };
    g_autoptr(GPtrArray) marks = ik_export_question_marks (self->session, &shown, record);

    for (guint m = 0; m < marks->len; m++)
      {
        GtkWidget *mark = gtk_label_new (g_ptr_array_index (marks, m));

        gtk_label_set_wrap (GTK_LABEL (mark), TRUE);
        gtk_label_set_xalign (GTK_LABEL (mark), 0);
        gtk_widget_set_halign (mark, GTK_ALIGN_START);
        gtk_widget_add_css_class (mark, "dim-label");
        if (m == 0)
          gtk_widget_set_margin_top (mark, 6);
        if (m + 1 == marks->len)
          gtk_widget_set_margin_bottom (mark, 6);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), mark);
      }
  }

  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), notes_view);
  if (ik_str_is_blank (ik_question_record_get_notes (record)))
    {
      /* A skipped question's mark already says why there are none. */
      if (!ik_question_record_get_skipped (record))
        {
          GtkWidget *empty = gtk_label_new (_("No notes were taken for this question."));

          gtk_widget_add_css_class (empty, "dim-label");
          gtk_widget_set_halign (empty, GTK_ALIGN_START);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty);
        }
      gtk_widget_set_sensitive (menu_button, FALSE);
      g_ptr_array_remove (self->inputs, menu_button);
    }
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("Not rated"));
  for (int level = 1; level <= IK_RATING_MAX; level++)
    gtk_string_list_append (choices, ik_export_rating_label (level));
  gtk_string_list_append (choices, _("Not assessed"));
  rating_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rating_row), _("Rating (optional)"));
  adw_combo_row_set_model (ADW_COMBO_ROW (rating_row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (rating_row),
                              rating == IK_RATING_NOT_ASSESSED ? 5 : (guint) CLAMP (rating, 0, IK_RATING_MAX));
  g_object_set_data (G_OBJECT (rating_row), "record", record);
  g_signal_connect (rating_row, "notify::selected", G_CALLBACK (on_question_rating_selected), self);
  g_hash_table_insert (self->rating_rows, g_strdup (ik_question_get_id (question)), rating_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), rating_row);
  g_ptr_array_add (self->inputs, rating_row);

  gtk_box_append (self->questions_box, group);
}

/* Building --------------------------------------------------------------- */

static void
on_summary_changed (GtkTextBuffer     *buffer,
                    IkScorecardEditor *self)
{
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  text = text_buffer_get_all (buffer);
  ik_scorecard_set_summary (self->scorecard, text);
}

static void
on_recommendation_selected (IkScorecardEditor *self)
{
  if (self->syncing)
    return;
  ik_scorecard_set_recommendation (self->scorecard, adw_combo_row_get_selected (self->recommendation_row));
}

static void
on_scorecard_changed (IkScorecard       *scorecard,
                      IkScorecardEditor *self)
{
  update_status (self);
}

static void
on_read_only_notify (IkScorecard       *scorecard,
                     GParamSpec        *pspec,
                     IkScorecardEditor *self)
{
  update_status (self);
}

static void
on_require_evidence_changed (GSettings         *settings,
                             const char        *key,
                             IkScorecardEditor *self)
{
  update_gaps (self);
}

static void
update_subtitle (IkScorecardEditor *self)
{
  const IkExportOptions real_name = { TRUE, FALSE };
  g_autofree char *candidate = ik_export_candidate_label (self->session, &real_name);
  g_autofree char *subtitle = NULL;

  if (!ik_str_is_blank (ik_session_get_role (self->session)))
    subtitle = g_strdup_printf ("%s · %s", candidate, ik_session_get_role (self->session));
  else
    subtitle = g_strdup (candidate);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void queue_rebuild (IkScorecardEditor *self);

static void
on_record_notify (IkQuestionRecord  *record,
                  GParamSpec        *pspec,
                  IkScorecardEditor *self)
{
  const char *name = g_param_spec_get_name (pspec);
  const char *id = ik_question_get_id (ik_question_record_get_question (record));
  GtkWidget *notes_view = g_hash_table_lookup (self->notes_views, id);
  GtkWidget *rating_row = g_hash_table_lookup (self->rating_rows, id);
  const char *notes = ik_question_record_get_notes (record);

  /* A question whose group is not made yet will show it as it is. */
  for (guint i = self->n_questions_built; i < self->followed_records->len; i++)
    if (g_ptr_array_index (self->followed_records, i) == record)
      return;

  if (g_str_equal (name, "rating") && rating_row != NULL)
    {
      int rating = ik_question_record_get_rating (record);

      self->syncing = TRUE;
      adw_combo_row_set_selected (ADW_COMBO_ROW (rating_row),
                                  rating == IK_RATING_NOT_ASSESSED ? 5 : (guint) CLAMP (rating, 0, IK_RATING_MAX));
      self->syncing = FALSE;
    }
  else if (g_str_equal (name, "notes") && notes_view != NULL && !ik_str_is_blank (notes)
           /* Shown, in its frame, only when there were notes. */
           && gtk_widget_get_parent (gtk_widget_get_parent (notes_view)) != NULL)
    set_buffer_text (self, gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes_view)), notes);
  else if (g_str_equal (name, "notes") || g_str_equal (name, "question"))
    /* Notes appearing or going, or a snapshot edited by hand: the
     * question's group is laid out differently. */
    queue_rebuild (self);
}

static void ensure_all_built (IkScorecardEditor *self);

/* Adds the next card that is not made yet, else the next question's
 * group; FALSE when all are there. */
static gboolean
add_next_pending (IkScorecardEditor *self)
{
  guint i = self->n_questions_built;

  if (self->n_cards_built < self->followed_ratings->len)
    {
      add_card (self, g_ptr_array_index (self->followed_ratings, self->n_cards_built++), find_bank (self));
      ik_wrapped_labels_measure_cheaply (gtk_widget_get_last_child (GTK_WIDGET (self->competencies_box)));
      return TRUE;
    }
  if (i >= self->followed_records->len)
    return FALSE;
  self->n_questions_built++;
  add_question (self, g_ptr_array_index (self->followed_records, i), i);
  ik_wrapped_labels_measure_cheaply (gtk_widget_get_last_child (GTK_WIDGET (self->questions_box)));
  return TRUE;
}

/* Adds the cards and the questions' groups not made yet, a few at a time,
 * each batch while there is time in a frame (8 ms), so that the window
 * stays responsive. */
static gboolean
add_pending_idle (gpointer user_data)
{
  IkScorecardEditor *self = user_data;
  gint64 start = g_get_monotonic_time ();

  while (add_next_pending (self))
    if (g_get_monotonic_time () - start > 8000)
      {
        /* What was added is locked too when the scorecard is sealed. */
        update_read_only (self);
        return G_SOURCE_CONTINUE;
      }
  self->questions_id = 0;
  update_status (self);
  return G_SOURCE_REMOVE;
}

/* Called as each frame starts: the first frame is left to the cards; the
 * questions start once it is painted. */
static gboolean
questions_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (widget);

  if (self->n_frames_waited++ == 0)
    return G_SOURCE_CONTINUE;
  self->questions_tick_id = 0;
  self->questions_id = g_idle_add (add_pending_idle, self);
  return G_SOURCE_REMOVE;
}

/* What needs every card or question widget (a notes view as evidence, a
 * card to focus) makes the rest of them now. */
static void
ensure_all_built (IkScorecardEditor *self)
{
  if (self->n_cards_built == self->followed_ratings->len
      && self->n_questions_built == self->followed_records->len)
    return;
  g_clear_handle_id (&self->questions_id, g_source_remove);
  if (self->questions_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->questions_tick_id);
  self->questions_tick_id = 0;
  while (add_next_pending (self))
    ;
  update_status (self);
}

/* The competency cards and the questions, which follow the ratings and
 * records of the session. The questions come after the first frame: laying
 * out their text and notes was most of the 350 ms a scorecard took to
 * open, and they are below the cards, the recommendation and the summary.
 * So do the cards after the first FIRST_FRAME_CARDS, which fill the
 * window's height (about one and a half in a window 800 pixels high); with
 * six competencies they were two thirds of the time to the first frame. */
static void
build_content (IkScorecardEditor *self)
{
  IkBank *bank = find_bank (self);
  GListModel *ratings = ik_scorecard_get_ratings (self->scorecard);
  GListModel *records = ik_session_get_records (self->session);

  update_subtitle (self);

  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    g_ptr_array_add (self->followed_ratings, g_list_model_get_item (ratings, i));
  for (self->n_cards_built = 0;
       self->n_cards_built < MIN (self->followed_ratings->len, FIRST_FRAME_CARDS);
       self->n_cards_built++)
    add_card (self, g_ptr_array_index (self->followed_ratings, self->n_cards_built), bank);
  ik_wrapped_labels_measure_cheaply (GTK_WIDGET (self->competencies_box));
  if (g_list_model_get_n_items (ratings) == 0)
    {
      GtkWidget *label = gtk_label_new (_("The questions of this interview name no competency to rate."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->competencies_box, label);
    }

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

      g_signal_connect_object (record, "notify", G_CALLBACK (on_record_notify), self, 0);
      g_ptr_array_add (self->followed_records, g_steal_pointer (&record));
    }
  self->n_questions_built = 0;
  self->n_frames_waited = 0;
  if (self->followed_records->len > 0 || self->n_cards_built < self->followed_ratings->len)
    self->questions_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), questions_tick, NULL, NULL);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
clear_content (IkScorecardEditor *self)
{
  g_clear_handle_id (&self->questions_id, g_source_remove);
  if (self->questions_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->questions_tick_id);
  self->questions_tick_id = 0;
  self->n_questions_built = 0;
  self->n_cards_built = 0;
  g_ptr_array_set_size (self->followed_ratings, 0);
  for (guint i = 0; i < self->cards->len; i++)
    {
      CompetencyCard *card = g_ptr_array_index (self->cards, i);

      g_signal_handlers_disconnect_by_data (card->rating, self);
    }
  for (guint i = 0; i < self->followed_records->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->followed_records, i), self);
  g_ptr_array_set_size (self->followed_records, 0);
  g_hash_table_remove_all (self->notes_views);
  g_hash_table_remove_all (self->rating_rows);
  clear_box (self->competencies_box);
  clear_box (self->questions_box);
  g_ptr_array_set_size (self->cards, 0);
  g_ptr_array_set_size (self->inputs, 0);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  IkScorecardEditor *self = user_data;

  self->rebuild_id = 0;
  clear_content (self);
  build_content (self);
  g_ptr_array_add (self->inputs, self->recommendation_row);
  g_ptr_array_add (self->inputs, self->summary_view);
  update_status (self);
  return G_SOURCE_REMOVE;
}

/* Ratings or questions added, removed or moved, which only another program
 * does while the scorecard is open: built again, once for the burst. */
static void
queue_rebuild (IkScorecardEditor *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

static void
on_scorecard_notify (IkScorecard       *scorecard,
                     GParamSpec        *pspec,
                     IkScorecardEditor *self)
{
  const char *name = g_param_spec_get_name (pspec);

  self->syncing = TRUE;
  if (g_str_equal (name, "summary"))
    ik_text_buffer_sync (gtk_text_view_get_buffer (self->summary_view), ik_scorecard_get_summary (scorecard));
  else if (g_str_equal (name, "recommendation"))
    adw_combo_row_set_selected (self->recommendation_row, ik_scorecard_get_recommendation (scorecard));
  self->syncing = FALSE;
}

static void
on_session_notify (IkSession         *session,
                   GParamSpec        *pspec,
                   IkScorecardEditor *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "candidate-name") || g_str_equal (name, "candidate-id")
      || g_str_equal (name, "role"))
    update_subtitle (self);
  else if (g_str_equal (name, "seniority") || g_str_equal (name, "bank-id"))
    queue_rebuild (self);
}

static void
build (IkScorecardEditor *self)
{
  IkBank *bank = find_bank (self);
  GListModel *ratings = ik_scorecard_get_ratings (self->scorecard);

  /* A session planned from a bank gets one rating per competency of its
   * questions; older or imported sessions may still lack them. */
  if (g_list_model_get_n_items (ratings) == 0 && bank != NULL)
    ik_session_ensure_scorecard_ratings (self->session, bank);

  build_content (self);

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->recommendation_row, ik_scorecard_get_recommendation (self->scorecard));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            ik_scorecard_get_summary (self->scorecard) != NULL
                              ? ik_scorecard_get_summary (self->scorecard) : "", -1);
  self->syncing = FALSE;
  g_ptr_array_add (self->inputs, self->recommendation_row);
  g_ptr_array_add (self->inputs, self->summary_view);
  g_signal_connect (gtk_text_view_get_buffer (self->summary_view), "changed",
                    G_CALLBACK (on_summary_changed), self);

  g_signal_connect_object (self->scorecard, "changed", G_CALLBACK (on_scorecard_changed), self, 0);
  g_signal_connect_object (self->scorecard, "notify::read-only", G_CALLBACK (on_read_only_notify), self, 0);
  g_signal_connect_object (self->scorecard, "notify::altered", G_CALLBACK (on_read_only_notify), self, 0);
  g_signal_connect_object (self->scorecard, "notify", G_CALLBACK (on_scorecard_notify), self, 0);
  g_signal_connect_object (ik_scorecard_get_ratings (self->scorecard), "items-changed",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ik_session_get_records (self->session), "items-changed",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify", G_CALLBACK (on_session_notify), self, 0);
  update_status (self);
}

/* Actions ---------------------------------------------------------------- */

static void
use_as_evidence (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (widget);
  const char *question_id = NULL;
  const char *competency_id = NULL;
  GtkTextView *notes_view;
  CompetencyCard *card;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  g_autofree char *current = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(GStrvBuilder) sources = NULL;
  g_auto(GStrv) new_sources = NULL;
  const char * const *old_sources;

  g_variant_get (parameter, "(&s&s)", &question_id, &competency_id);
  ensure_all_built (self);
  notes_view = g_hash_table_lookup (self->notes_views, question_id);
  card = find_card (self, competency_id);
  if (notes_view == NULL || card == NULL || ik_scorecard_get_read_only (self->scorecard))
    return;

  /* Without a selection, the whole note is the evidence. */
  buffer = gtk_text_view_get_buffer (notes_view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    gtk_text_buffer_get_bounds (buffer, &start, &end);
  selected = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (selected[0] == '\0')
    return;

  current = text_buffer_get_all (card->evidence);
  joined = ik_str_is_blank (current) ? g_strdup (selected) : g_strdup_printf ("%s\n%s", g_strchomp (current), selected);
  if (!ik_competency_rating_set_evidence (card->rating, joined))
    return;
  set_buffer_text (self, card->evidence, joined);

  old_sources = ik_competency_rating_get_evidence_questions (card->rating);
  sources = g_strv_builder_new ();
  if (old_sources != NULL)
    g_strv_builder_addv (sources, (const char **) old_sources);
  if (old_sources == NULL || !g_strv_contains (old_sources, question_id))
    g_strv_builder_add (sources, question_id);
  new_sources = g_strv_builder_end (sources);
  ik_competency_rating_set_evidence_questions (card->rating, (const char * const *) new_sources);

  update_sources_label (self, card);
  gtk_widget_grab_focus (card->evidence_view);
}

/* Publishing ------------------------------------------------------------- */

/* One publish of a submitted scorecard, kept for a retry. It outlives the
 * editor (the user may open another interview meanwhile): its toast goes
 * to the window the submission was made in, if that is still open. */
typedef struct
{
  GWeakRef      window;
  IkTeamFolder *team_folder;
  IkSession    *session;
  char         *display_name;
  gboolean      share_notes;
} Publish;

static void
publish_free (Publish *publish)
{
  g_weak_ref_clear (&publish->window);
  g_clear_object (&publish->team_folder);
  g_clear_object (&publish->session);
  g_free (publish->display_name);
  g_free (publish);
}

static void publish_start (Publish *publish);

/* Takes @toast to the window of the submission, if it is still open. */
static void
publish_show_toast (Publish  *publish,
                    AdwToast *toast)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (&publish->window);

  if (window != NULL)
    ik_window_add_toast_for_widget (window, toast);
  else
    g_object_unref (toast);
}

static void
on_retry_clicked (AdwToast *toast,
                  Publish  *failed)
{
  g_autoptr(GtkWidget) window = g_weak_ref_get (&failed->window);
  Publish *publish = g_new0 (Publish, 1);

  g_weak_ref_init (&publish->window, window);
  publish->team_folder = g_object_ref (failed->team_folder);
  publish->session = g_object_ref (failed->session);
  publish->display_name = g_strdup (failed->display_name);
  publish->share_notes = failed->share_notes;
  publish_start (publish);
}

static void
on_published (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Publish *publish = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (ik_team_folder_publish_finish (IK_TEAM_FOLDER (source), result, &error))
    {
      toast = adw_toast_new (_("Published to the team folder"));
      adw_toast_set_timeout (toast, 3);
      publish_show_toast (publish, toast);
      publish_free (publish);
      return;
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *title = g_strdup_printf (_("Could not publish to the team folder: %s"), escaped);

      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_button_label (toast, _("_Retry"));
      /* The toast keeps what to publish again until it is gone. */
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_retry_clicked),
                             publish, (GClosureNotify) (void (*) (void)) publish_free, 0);
    }
  publish_show_toast (publish, toast);
}

static void
publish_start (Publish *publish)
{
  /* Only what Interview Kit sealed is signed for the team: a file changed
   * by hand since (read again while a retry waited) is amended first. */
  if (ik_scorecard_get_altered (ik_session_get_scorecard (publish->session)))
    {
      AdwToast *toast = adw_toast_new (_("Not published to the team folder: the scorecard was changed "
                                         "outside Interview Kit. Amend it and submit it again."));

      adw_toast_set_timeout (toast, 10);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      publish_show_toast (publish, toast);
      publish_free (publish);
      return;
    }
  ik_team_folder_publish_async (publish->team_folder, publish->session, publish->display_name,
                                publish->share_notes, NULL, on_published, publish);
}

/* The name colleagues see: the one in Preferences, else the session's. */
static char *
dup_display_name (IkScorecardEditor *self)
{
  g_autofree char *name = g_strstrip (g_settings_get_string (self->settings, "interviewer-name"));
  const char *interviewer = ik_session_get_interviewer (self->session);

  if (name[0] != '\0')
    return g_steal_pointer (&name);
  if (interviewer != NULL && !ik_str_is_blank (interviewer))
    return g_strstrip (g_strdup (interviewer));
  return g_strdup (g_get_real_name ());
}

static gboolean
can_publish (IkScorecardEditor *self)
{
  const char *candidate_id = ik_session_get_candidate_id (self->session);

  return self->team_folder != NULL && candidate_id != NULL && candidate_id[0] != '\0';
}

static void
publish_submission (IkScorecardEditor *self,
                    gboolean           share_notes)
{
  Publish *publish = g_new0 (Publish, 1);

  g_weak_ref_init (&publish->window, gtk_widget_get_root (GTK_WIDGET (self)));
  publish->team_folder = g_object_ref (self->team_folder);
  publish->session = g_object_ref (self->session);
  publish->display_name = dup_display_name (self);
  publish->share_notes = share_notes;
  publish_start (publish);
}

static void
on_submit_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    IkScorecardEditor *self)
{
  GtkWidget *share_check = adw_message_dialog_get_extra_child (dialog);
  g_autoptr(GDateTime) now = NULL;

  if (g_strcmp0 (response, "submit") != 0)
    return;
  now = g_date_time_new_now_local ();
  if (ik_scorecard_submit (self->scorecard, now))
    {
      ik_session_set_state (self->session, IK_SESSION_STATE_SUBMITTED);
      /* Only what was submitted leaves the personal library. */
      if (can_publish (self))
        publish_submission (self, share_check != NULL
                                  && gtk_check_button_get_active (GTK_CHECK_BUTTON (share_check)));
    }
  update_status (self);
}

static void
submit (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (widget);
  const char *sealed = _("The scorecard is sealed and becomes read-only. Changing it later "
                         "needs an amendment with a reason, and the submitted version stays "
                         "in its history.");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Submit Scorecard?"), NULL);
  if (!can_publish (self))
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), sealed);
  else
    {
      GtkWidget *share_check = gtk_check_button_new_with_mnemonic (_("Share my private _notes with the team"));

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", sealed,
                                      _("It is then published to the team folder, signed with your key. "
                                        "Colleagues see it once they have submitted their own."));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (share_check),
                                   g_settings_get_boolean (self->settings, "share-notes"));
      gtk_widget_set_halign (share_check, GTK_ALIGN_CENTER);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), share_check);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "submit", _("_Submit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, 0);
  ik_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "amend", !ik_str_is_blank (gtk_editable_get_text (entry)));
}

static void
on_amend_response (AdwMessageDialog  *dialog,
                   const char        *response,
                   IkScorecardEditor *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "amend") != 0)
    return;
  if (ik_scorecard_amend (self->scorecard, gtk_editable_get_text (entry), &error))
    ik_session_set_state (self->session, IK_SESSION_STATE_COMPLETED);
  else
    {
      GtkWidget *failed = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Could Not Amend"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
  update_status (self);
}

static void
amend (GtkWidget  *widget,
       const char *action_name,
       GVariant   *parameter)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Amend Submitted Scorecard?"),
                                   _("The submitted version and its seal stay in the history. "
                                     "Say why it needs to change."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the amendment"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "amend", _("_Amend"),
                                    NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "amend", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "amend");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_amend_response), self, 0);
  ik_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
export (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (widget);
  IkExportDialog *dialog = ik_export_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                 self->session, find_bank (self));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_gap_activated (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  IkScorecardEditor *self)
{
  IkScorecardGapKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gap-kind"));
  const char *competency_id = g_object_get_data (G_OBJECT (row), "competency-id");
  CompetencyCard *card = NULL;
  GtkWidget *target = NULL;

  if (competency_id != NULL)
    {
      /* A card made after the first frame may not be there yet. */
      ensure_all_built (self);
      card = find_card (self, competency_id);
    }

  if (kind == IK_SCORECARD_GAP_NO_RECOMMENDATION)
    target = GTK_WIDGET (self->recommendation_row);
  else if (card != NULL && kind == IK_SCORECARD_GAP_NO_EVIDENCE)
    target = card->evidence_view;
  else if (card != NULL)
    target = card->checks[1];

  /* The viewport scrolls to the focused child. */
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* GObject ---------------------------------------------------------------- */

static void
ik_scorecard_editor_constructed (GObject *object)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (object);
  GtkWidget *retention;

  G_OBJECT_CLASS (ik_scorecard_editor_parent_class)->constructed (object);

  g_assert (IK_IS_LIBRARY (self->library));
  g_assert (IK_IS_SESSION (self->session));
  self->scorecard = g_object_ref (ik_session_get_scorecard (self->session));
  build (self);

  /* Kept until…, with its Change… button, next to the revisions. */
  retention = ik_retention_row_new ();
  ik_retention_row_set_session (IK_RETENTION_ROW (retention), self->session);
  adw_preferences_group_add (self->history_group, retention);
}

static void
ik_scorecard_editor_dispose (GObject *object)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (object);

  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_SCORECARD_EDITOR);
  if (self->scorecard != NULL)
    g_signal_handlers_disconnect_by_data (self->scorecard, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->questions_id, g_source_remove);
  if (self->followed_records != NULL)
    for (guint i = 0; i < self->followed_records->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->followed_records, i), self);
  g_clear_pointer (&self->followed_records, g_ptr_array_unref);
  g_clear_pointer (&self->followed_ratings, g_ptr_array_unref);
  g_clear_pointer (&self->rating_rows, g_hash_table_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->notes_views, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_object (&self->scorecard);
  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->team_folder);

  G_OBJECT_CLASS (ik_scorecard_editor_parent_class)->dispose (object);
}

static void
ik_scorecard_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scorecard_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  IkScorecardEditor *self = IK_SCORECARD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scorecard_editor_class_init (IkScorecardEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ik_scorecard_editor_constructed;
  object_class->dispose = ik_scorecard_editor_dispose;
  object_class->get_property = ik_scorecard_editor_get_property;
  object_class->set_property = ik_scorecard_editor_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, IK_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, IK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (IK_TYPE_SCROLLER_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-scorecard-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, altered_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, altered_label);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, amend_button);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, completeness_group);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, completeness_list);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, competencies_box);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, recommendation_row);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, questions_box);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, IkScorecardEditor, history_row);
  gtk_widget_class_bind_template_callback (widget_class, on_gap_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_recommendation_selected);

  gtk_widget_class_install_action (widget_class, "scorecard.submit", NULL, submit);
  gtk_widget_class_install_action (widget_class, "scorecard.amend", NULL, amend);
  gtk_widget_class_install_action (widget_class, "scorecard.export", NULL, export);
  gtk_widget_class_install_action (widget_class, "scorecard.use-as-evidence", "(ss)", use_as_evidence);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "scorecard.export", NULL);
}

/* Taken even when submitting is not possible yet: it never types a new
 * line either way. */
static gboolean
submit_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  gtk_widget_activate_action (widget, "scorecard.submit", NULL);
  return TRUE;
}

static void
ik_scorecard_editor_init (IkScorecardEditor *self)
{
  GtkEventController *submit_keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ik_accessible_fix_names (GTK_WIDGET (self));
  /* Ctrl+Return submits wherever the focus is: before a text field sees
   * it, which would type a new line. */
  gtk_event_controller_set_propagation_phase (submit_keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (submit_keys),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_callback_action_new (submit_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), submit_keys);
  /* A longer summary or evidence could not be saved (ik-limits.h). */
  ik_text_buffer_limit (gtk_text_view_get_buffer (self->summary_view),
                        GTK_WIDGET (self->summary_view), IK_LIMIT_TEXT_LENGTH);

  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
  self->notes_views = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inputs = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  self->rating_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->followed_records = g_ptr_array_new_with_free_func (g_object_unref);
  self->followed_ratings = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::require-evidence",
                    G_CALLBACK (on_require_evidence_changed), self);
}

/**
 * ik_scorecard_editor_new:
 * @library: the library, to find the bank of the session for the anchors
 * @session: the session whose scorecard to edit
 *
 * Returns: (transfer floating): the editor
 */
GtkWidget *
ik_scorecard_editor_new (IkLibrary *library,
                         IkSession *session)
{
  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  return g_object_new (IK_TYPE_SCORECARD_EDITOR, "library", library, "session", session, NULL);
}

/**
 * ik_scorecard_editor_get_session:
 *
 * Returns: (transfer none): the session shown
 */
IkSession *
ik_scorecard_editor_get_session (IkScorecardEditor *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_EDITOR (self), NULL);
  return self->session;
}

/**
 * ik_scorecard_editor_get_team_folder:
 *
 * Returns: (transfer none) (nullable): where a submission is published
 */
IkTeamFolder *
ik_scorecard_editor_get_team_folder (IkScorecardEditor *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_EDITOR (self), NULL);
  return self->team_folder;
}

/**
 * ik_scorecard_editor_set_team_folder:
 * @team_folder: (nullable): the team folder, or %NULL for none
 *
 * With a team folder, submitting also publishes the scorecard there, signed,
 * if the session has a candidate id; the submit dialog then offers to share
 * the private notes too (the `share-notes` setting is the default).
 */
void
ik_scorecard_editor_set_team_folder (IkScorecardEditor *self,
                                     IkTeamFolder      *team_folder)
{
  g_return_if_fail (IK_IS_SCORECARD_EDITOR (self));
  g_return_if_fail (team_folder == NULL || IK_IS_TEAM_FOLDER (team_folder));

  g_set_object (&self->team_folder, team_folder);
}
