/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-listeners: how banks, sessions and scorecards hear their children
 * change without a GSignal handler per child. */
#include "config.h"

#include "ik-bank.h"
#include "ik-listeners.h"
#include "ik-session.h"
#include "ik-test-util.h"

/* What the listeners and handlers below saw, in order. */
static GString *calls;

static void
record_call (gpointer data,
             gpointer child)
{
  g_assert_true (IK_IS_QUESTION (child));
  g_string_append_printf (calls, "%s;", (const char *) data);
}

static void
on_changed_handler (IkQuestion *question,
                    gpointer    data)
{
  g_string_append (calls, "handler;");
}

static void
test_order_and_count (void)
{
  g_autoptr(IkQuestion) question = ik_question_new ();

  calls = g_string_new ("");
  /* A handler connected before any listener still runs after them: the
   * containers hear first, from the signal's class handler. */
  g_signal_connect (question, "changed", G_CALLBACK (on_changed_handler), NULL);
  ik_listeners_add (question, record_call, "a");
  ik_listeners_add (question, record_call, "b");
  ik_listeners_add (question, record_call, "c");
  g_assert_cmpuint (ik_listeners_count (question), ==, 3);

  ik_question_set_text (question, "One");
  g_assert_cmpstr (calls->str, ==, "a;b;c;handler;");

  /* Removing the first moves the oldest other one into its place; the
   * order stays the order of adding. */
  g_string_truncate (calls, 0);
  ik_listeners_remove (question, record_call, "a");
  g_assert_cmpuint (ik_listeners_count (question), ==, 2);
  ik_question_set_text (question, "Two");
  g_assert_cmpstr (calls->str, ==, "b;c;handler;");

  /* A pair added twice is called twice and removed at once, as
   * g_signal_handlers_disconnect_by_func() does. */
  g_string_truncate (calls, 0);
  ik_listeners_add (question, record_call, "b");
  ik_question_set_text (question, "Three");
  g_assert_cmpstr (calls->str, ==, "b;c;b;handler;");
  ik_listeners_remove (question, record_call, "b");
  g_assert_cmpuint (ik_listeners_count (question), ==, 1);

  /* Removing what is not there changes nothing. */
  ik_listeners_remove (question, record_call, "zzz");
  g_assert_cmpuint (ik_listeners_count (question), ==, 1);

  g_string_truncate (calls, 0);
  ik_listeners_remove (question, record_call, "c");
  g_assert_cmpuint (ik_listeners_count (question), ==, 0);
  ik_question_set_text (question, "Four");
  g_assert_cmpstr (calls->str, ==, "handler;");

  g_string_free (calls, TRUE);
}

/* A listener that removes the one after it: that one is not called. */
static void
remove_next (gpointer data,
             gpointer child)
{
  g_string_append (calls, "remover;");
  ik_listeners_remove (child, record_call, "victim");
}

/* A listener that removes itself and adds another: the new one waits for
 * the next change. */
static void
remove_self (gpointer data,
             gpointer child)
{
  g_string_append (calls, "self;");
  ik_listeners_remove (child, remove_self, data);
  ik_listeners_add (child, record_call, "late");
}

static void
test_changes_during_notify (void)
{
  g_autoptr(IkQuestion) question = ik_question_new ();

  calls = g_string_new ("");
  ik_listeners_add (question, remove_next, NULL);
  ik_listeners_add (question, record_call, "victim");
  ik_listeners_add (question, record_call, "other");
  ik_question_set_text (question, "One");
  g_assert_cmpstr (calls->str, ==, "remover;other;");
  g_assert_cmpuint (ik_listeners_count (question), ==, 2);
  ik_listeners_remove (question, remove_next, NULL);
  ik_listeners_remove (question, record_call, "other");

  g_string_truncate (calls, 0);
  ik_listeners_add (question, remove_self, NULL);
  ik_question_set_text (question, "Two");
  g_assert_cmpstr (calls->str, ==, "self;");
  g_string_truncate (calls, 0);
  ik_question_set_text (question, "Three");
  g_assert_cmpstr (calls->str, ==, "late;");

  g_string_free (calls, TRUE);
}

static void
count_changes (gpointer object,
               gpointer counter)
{
  (*(guint *) counter)++;
}

/* One question in two banks (a caller may put it in both stores): each
 * bank hears its edits, and keeps hearing when the other lets go. */
static void
test_question_in_two_banks (void)
{
  g_autoptr(IkBank) first = ik_bank_new ("First");
  IkBank *second = ik_bank_new ("Second");
  g_autoptr(IkQuestion) question = ik_question_new ();
  guint first_changes = 0;
  guint second_changes = 0;

  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (first)), question);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (second)), question);
  g_assert_cmpuint (ik_listeners_count (question), ==, 2);
  g_signal_connect (first, "changed", G_CALLBACK (count_changes), &first_changes);
  g_signal_connect (second, "changed", G_CALLBACK (count_changes), &second_changes);

  ik_question_set_text (question, "Edited");
  g_assert_cmpuint (first_changes, ==, 1);
  g_assert_cmpuint (second_changes, ==, 1);

  g_list_store_remove (G_LIST_STORE (ik_bank_get_questions (first)), 0);
  g_assert_cmpuint (ik_listeners_count (question), ==, 1);
  first_changes = second_changes = 0;
  ik_question_set_text (question, "Edited again");
  g_assert_cmpuint (first_changes, ==, 0);
  g_assert_cmpuint (second_changes, ==, 1);

  /* A bank that goes away lets go of its questions: an edit of one still
   * held elsewhere reaches nothing freed. */
  g_clear_object (&second);
  g_assert_cmpuint (ik_listeners_count (question), ==, 0);
  ik_question_set_text (question, "After the bank");
}

/* A session hears its records' and scorecard's edits, and stops hearing a
 * record once it is removed. */
static void
test_session_children (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkQuestionRecord) removed = NULL;
  IkQuestionRecord *record;
  guint changes = 0;

  ik_question_set_text (question, "Tell me about a design you changed");
  record = ik_session_add_question (session, question);
  g_assert_nonnull (record);
  g_assert_cmpuint (ik_listeners_count (record), ==, 1);
  g_signal_connect (session, "changed", G_CALLBACK (count_changes), &changes);

  ik_question_record_set_notes (record, "Reworked the review flow");
  g_assert_cmpuint (changes, ==, 1);

  ik_scorecard_set_summary (ik_session_get_scorecard (session), "Strong");
  g_assert_cmpuint (changes, ==, 2);

  removed = g_object_ref (record);
  g_assert_true (ik_session_remove_record (session, 0));
  g_assert_cmpuint (ik_listeners_count (removed), ==, 0);
  changes = 0;
  ik_question_record_set_notes (removed, "Edited after removal");
  g_assert_cmpuint (changes, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/listeners/order-and-count", test_order_and_count);
  g_test_add_func ("/listeners/changes-during-notify", test_changes_during_notify);
  g_test_add_func ("/listeners/question-in-two-banks", test_question_in_two_banks);
  g_test_add_func ("/listeners/session-children", test_session_children);

  return g_test_run ();
}
