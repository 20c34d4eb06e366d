/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fast-read.c: the library load reads banks and sessions straight
 * from the tokens (ik_bank_new_from_data(), ik_session_new_from_data());
 * whatever that way takes must be read exactly as the tree readers
 * (ik_bank_new_from_json(), ik_session_new_from_json()) read it, and what
 * it does not take must still load, or fail with the tree readers'
 * reason.
 *
 * The documents are written by our writer from models built here and from
 * the bundled bank, then changed at random: members removed, replaced by
 * values of every type, added, reordered, repeated, and bytes cut or
 * changed. For each, if the fast way gives an object, the tree way must
 * give one too, and both must write the same bytes. */
#include "config.h"

#include <string.h>

#include "ik-bank.h"
#include "ik-json.h"
#include "ik-library-private.h"
#include "ik-problem.h"
#include "ik-session.h"
#include "ik-test-util.h"

#define SESSION_VARIANTS 2000
#define BANK_VARIANTS 400

typedef struct
{
  guint accepted;     /* fast way took it */
  guint declined;     /* fast way gave NULL, tree way an object */
  guint refused;      /* neither */
} Tally;

/* Documents ****************************************************************/

static char *
node_to_data (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *data = ik_json_to_data (root, &length, &error);

  g_assert_no_error (error);
  return data;
}

static IkBank *
load_bundled_bank (char **data_out)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "resources", "banks",
                                            "ai-system-security-design.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *data = NULL;
  gsize length = 0;
  IkBank *bank;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  root = ik_json_parse (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  *data_out = data;
  return bank;
}

static const char *
random_text (GRand *rand)
{
  static const char * const texts[] = {
    "", "Plain notes.", "Zoë “quoted” — naïve café", "Line 1\nLine 2\ttab \\ \"q\"",
    "\x01\x1f control", "日本語のメモ", "emoji 🙂 and 𝄞", "</script><b>markup</b>",
  };

  return texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
}

/* A session planned from @bank, with every kind of record state and, at
 * random, a rated and submitted scorecard. */
static char *
make_session_data (IkBank *bank,
                   GRand  *rand)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *questions = ik_bank_get_questions (bank);
  guint n_questions = g_list_model_get_n_items (questions);
  guint n = g_rand_int_range (rand, 0, 7);
  IkScorecard *scorecard;

  ik_session_set_candidate_name (session, random_text (rand));
  ik_session_set_role (session, "Security engineer");
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions,
                                                              g_rand_int_range (rand, 0, n_questions));
      IkQuestionRecord *record = ik_session_add_question (session, question);

      ik_question_record_set_notes (record, random_text (rand));
      for (guint a = 0; a < ik_question_record_get_n_areas (record); a++)
        ik_question_record_set_area_covered (record, a, ik_test_rand_chance (rand, 50));
      for (guint f = 0; f < ik_question_record_get_n_follow_ups (record); f++)
        ik_question_record_set_follow_up_asked (record, f, ik_test_rand_chance (rand, 50));
      ik_question_record_set_seconds (record, g_rand_int_range (rand, 0, 4000));
      if (ik_test_rand_chance (rand, 70))
        ik_question_record_set_rating (record, g_rand_int_range (rand, 1, IK_RATING_MAX + 1));
      ik_question_record_set_star (record, g_rand_int_range (rand, 0, 16));
      ik_question_record_set_skipped (record, ik_test_rand_chance (rand, 20));
      ik_question_record_set_no_experience (record, ik_test_rand_chance (rand, 20));
    }
  if (n > 0)
    ik_session_set_current (session, g_rand_int_range (rand, 0, n));

  scorecard = ik_session_get_scorecard (session);
  if (ik_test_rand_chance (rand, 60))
    {
      GListModel *ratings;

      g_assert_true (ik_session_ensure_scorecard_ratings (session, bank));
      ratings = ik_scorecard_get_ratings (scorecard);
      for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
        {
          g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

          ik_competency_rating_set_rating (rating, g_rand_int_range (rand, 1, IK_RATING_MAX + 1));
          ik_competency_rating_set_evidence (rating, random_text (rand));
        }
      ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES);
      ik_scorecard_set_summary (scorecard, random_text (rand));
      if (ik_test_rand_chance (rand, 50))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          g_assert_true (ik_scorecard_submit (scorecard, now));
        }
    }

  root = ik_session_to_json (session);
  return node_to_data (root);
}

/* Random changes ***********************************************************/

static void
collect_containers (JsonNode  *node,
                    GPtrArray *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      g_ptr_array_add (out, node);
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        collect_containers (member, out);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_ptr_array_add (out, node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_containers (json_array_get_element (array, i), out);
    }
}

static JsonNode *
random_value (GRand *rand)
{
  static const gint64 ints[] = { -1, 0, 1, 2, 3, 4, 5, 61, 1000, G_MAXINT64 };
  static const char * const numbers[] = { "1.5", "-0.0", "1e3", "99999999999999999999" };
  static const char * const strings[] = {
    "", "x", "q-1", "ai-security", "situation", "result", "lead", "planned", "completed",
    "submitted", "yes", "2026-01-02T03:04:05Z", "2026-01-02", "not an id!", "interview-kit/session",
  };

  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2:
    case 3:
      return json_node_init_int (json_node_alloc (), ints[g_rand_int_range (rand, 0, G_N_ELEMENTS (ints))]);
    case 4:
      return ik_json_node_new_number_text (numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]);
    case 5:
    case 6:
      return json_node_init_string (json_node_alloc (),
                                    strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
    case 7:
      {
        JsonNode *node = json_node_new (JSON_NODE_ARRAY);

        json_node_take_array (node, json_array_new ());
        return node;
      }
    case 8:
      {
        JsonArray *array = json_array_new ();
        JsonNode *node;

        json_array_add_int_element (array, g_rand_int_range (rand, -1, 4));
        json_array_add_int_element (array, 0);
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case 9:
      {
        JsonArray *array = json_array_new ();
        JsonNode *node;

        json_array_add_string_element (array, "situation");
        if (g_rand_boolean (rand))
          json_array_add_string_element (array, strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }
    case 10:
      {
        JsonNode *node = json_node_new (JSON_NODE_OBJECT);

        json_node_take_object (node, json_object_new ());
        return node;
      }
    default:
      {
        JsonObject *object = json_object_new ();
        JsonNode *node;

        json_object_set_string_member (object, "id", "q-1");
        json_object_set_string_member (object, "text", "A question?");
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }
    }
}

/* The members of @object in a new order: @first (if there) first, or a
 * random order. */
static void
reorder_members (JsonObject *object,
                 GRand      *rand,
                 gboolean    shuffle)
{
  g_autoptr(GList) names = json_object_get_members (object);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (order, g_strdup (l->data));
  if (order->len < 2)
    return;
  if (shuffle)
    for (guint i = order->len - 1; i > 0; i--)
      {
        guint j = g_rand_int_range (rand, 0, i + 1);
        gpointer t = order->pdata[i];

        order->pdata[i] = order->pdata[j];
        order->pdata[j] = t;
      }
  else
    {
      /* The first member moved to the end. */
      gpointer first = order->pdata[0];

      memmove (order->pdata, order->pdata + 1, (order->len - 1) * sizeof (gpointer));
      order->pdata[order->len - 1] = first;
    }
  for (guint i = 0; i < order->len; i++)
    {
      g_ptr_array_add (nodes, json_node_ref (json_object_get_member (object, order->pdata[i])));
      json_object_remove_member (object, order->pdata[i]);
    }
  for (guint i = 0; i < order->len; i++)
    json_object_set_member (object, order->pdata[i], json_node_ref (nodes->pdata[i]));
}

static const char *
random_name (GRand      *rand,
             JsonObject *object)
{
  static const char * const names[] = {
    "x-future", "notes", "question", "records", "rating", "star", "covered_areas", "text",
    "areas", "competencies", "minutes", "scorecard", "questions", "current", "seconds",
  };
  g_autoptr(GList) members = json_object_get_members (object);

  if (members != NULL && g_rand_boolean (rand))
    return g_list_nth_data (members, g_rand_int_range (rand, 0, g_list_length (members)));
  return names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))];
}

/* A value near @node's: of its type but out of range or invalid, or of
 * another type. */
static JsonNode *
nearby_value (JsonNode *node,
              GRand    *rand)
{
  static const gint64 ints[] = { -1, 0, 1, 5, 600, 601, 1441, G_MAXINT64 };
  static const char * const strings[] = {
    "", "not an id!", "situation", "2026-13-01T00:00:00Z", "strong-yes", "x",
  };

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonNode) copy = json_node_copy (node);
      JsonArray *changed = json_node_get_array (copy);
      guint n = json_array_get_length (array);

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          json_array_add_string_element (changed, strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
          break;
        case 1:
          json_array_add_int_element (changed, ints[g_rand_int_range (rand, 0, G_N_ELEMENTS (ints))]);
          break;
        case 2:
          json_array_add_null_element (changed);
          break;
        case 3:
          /* An element again: a repeated id, area or index. */
          if (n > 0)
            json_array_add_element (changed, json_node_copy (json_array_get_element (array, g_rand_int_range (rand, 0, n))));
          break;
        default:
          /* Up to the limit of most lists, or one past it. */
          if (n > 0)
            for (guint target = g_rand_boolean (rand) ? 1000 : 1001; json_array_get_length (changed) < target;)
              json_array_add_element (changed, json_node_copy (json_array_get_element (array, n - 1)));
          break;
        }
      return g_steal_pointer (&copy);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
      && g_rand_boolean (rand))
    return json_node_init_int (json_node_alloc (), ints[g_rand_int_range (rand, 0, G_N_ELEMENTS (ints))]);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && g_rand_boolean (rand))
    return json_node_init_string (json_node_alloc (), strings[g_rand_int_range (rand, 0, G_N_ELEMENTS (strings))]);
  return random_value (rand);
}

typedef struct
{
  JsonObject *object;
  const char *name;
} Member;

static void
collect_members (JsonNode *node,
                 GArray   *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          Member m = { json_node_get_object (node), name };

          g_array_append_val (out, m);
          collect_members (member, out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_members (json_array_get_element (array, i), out);
    }
}

static void
mutate_tree (JsonNode *root,
             GRand    *rand)
{
  g_autoptr(GPtrArray) containers = g_ptr_array_new ();
  JsonNode *node;

  /* Half the time, one member anywhere, chosen evenly: most are the
   * scalars of records and questions. */
  if (g_rand_boolean (rand))
    {
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
      Member m;
      g_autofree char *name = NULL;

      collect_members (root, members);
      m = g_array_index (members, Member, g_rand_int_range (rand, 0, members->len));
      name = g_strdup (m.name);
      if (ik_test_rand_chance (rand, 10))
        json_object_remove_member (m.object, name);
      else
        json_object_set_member (m.object, name,
                                ik_test_rand_chance (rand, 75)
                                ? nearby_value (json_object_get_member (m.object, name), rand)
                                : random_value (rand));
      return;
    }

  collect_containers (root, containers);
  node = g_ptr_array_index (containers, g_rand_int_range (rand, 0, containers->len));

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autofree char *name = g_strdup (random_name (rand, object));

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:
          json_object_remove_member (object, name);
          break;
        case 1:
        case 2:
          json_object_set_member (object, name, random_value (rand));
          break;
        case 5:
        case 6:
          if (json_object_has_member (object, name))
            json_object_set_member (object, name,
                                    nearby_value (json_object_get_member (object, name), rand));
          break;
        case 3:
          reorder_members (object, rand, TRUE);
          break;
        default:
          reorder_members (object, rand, FALSE);
          break;
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      guint op = g_rand_int_range (rand, 0, 3);

      if (n > 0 && op == 0)
        json_array_remove_element (array, g_rand_int_range (rand, 0, n));
      else if (n > 0 && op == 1)
        json_array_add_element (array, json_node_copy (json_array_get_element (array, g_rand_int_range (rand, 0, n))));
      else
        json_array_add_element (array, random_value (rand));
    }
}

/* A member line of the pretty layout written twice: a repeated name. */
static char *
repeat_a_member (const char *data,
                 GRand      *rand)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  guint pick;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "\" : ") != NULL && g_str_has_suffix (lines[i], ",")
        && !g_str_has_suffix (lines[i], "[,") && !g_str_has_suffix (lines[i], "{,"))
      g_ptr_array_add (candidates, GUINT_TO_POINTER (i));
  if (candidates->len == 0)
    return g_strdup (data);
  pick = GPOINTER_TO_UINT (g_ptr_array_index (candidates, g_rand_int_range (rand, 0, candidates->len)));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
      if (i == pick)
        {
          g_string_append (out, lines[i]);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
mutate_bytes (const char *data,
              GRand      *rand)
{
  static const char bytes[] = "{}[],:\"\\0a \xff";
  gsize length = strlen (data);
  char *copy = g_strdup (data);

  if (length == 0)
    return copy;
  if (g_rand_boolean (rand))
    copy[g_rand_int_range (rand, 0, length)] = '\0';   /* cut */
  else
    copy[g_rand_int_range (rand, 0, length)] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
  return copy;
}

static char *
make_variant (const char *base,
              GRand      *rand)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *written = NULL;
  guint kind = g_rand_int_range (rand, 0, 10);

  root = ik_json_parse (base, strlen (base), NULL, NULL, NULL);
  g_assert_nonnull (root);
  for (guint i = g_rand_int_range (rand, 1, 4); i > 0; i--)
    mutate_tree (root, rand);
  written = node_to_data (root);

  if (kind == 0)
    return repeat_a_member (written, rand);
  if (kind == 1)
    return mutate_bytes (written, rand);
  return g_steal_pointer (&written);
}

/* Checks ****************************************************************/

/* Reads @data both ways (ik_test_read_both_ways()), counting how; returns
 * whether the fast way took it. */
static gboolean
check_both_ways (gboolean    session,
                 const char *data,
                 Tally      *tally)
{
  switch (ik_test_read_both_ways (session, data, strlen (data)))
    {
    case IK_TEST_READ_FAST:
      tally->accepted++;
      return TRUE;
    case IK_TEST_READ_TREE_ONLY:
      tally->declined++;
      return FALSE;
    case IK_TEST_READ_NEITHER:
    default:
      tally->refused++;
      return FALSE;
    }
}

static void
test_sessions_agree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  Tally base = { 0 };
  Tally changed = { 0 };

  for (guint i = 0; i < SESSION_VARIANTS; i++)
    {
      g_autofree char *data = make_session_data (bank, rand);
      g_autofree char *variant = make_variant (data, rand);

      /* What the writer writes is always read the fast way. */
      g_assert_true (check_both_ways (TRUE, data, &base));
      check_both_ways (TRUE, variant, &changed);
    }
  g_test_message ("sessions: %u written, all read the fast way; %u changed: %u fast, "
                  "%u the tree way only, %u refused by both",
                  base.accepted, SESSION_VARIANTS, changed.accepted, changed.declined,
                  changed.refused);
  /* The changes reach both outcomes, or the test proves little. */
  g_assert_cmpuint (changed.accepted, >, SESSION_VARIANTS / 10);
  g_assert_cmpuint (changed.declined, >, 0);
  g_assert_cmpuint (changed.refused, >, SESSION_VARIANTS / 10);
}

static void
test_banks_agree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  Tally base = { 0 };
  Tally changed = { 0 };

  g_assert_true (check_both_ways (FALSE, bank_data, &base));
  for (guint i = 0; i < BANK_VARIANTS; i++)
    {
      g_autofree char *variant = make_variant (bank_data, rand);

      check_both_ways (FALSE, variant, &changed);
    }
  g_test_message ("banks: %u changed: %u fast, %u the tree way only, %u refused by both",
                  BANK_VARIANTS, changed.accepted, changed.declined, changed.refused);
  g_assert_cmpuint (changed.accepted, >, BANK_VARIANTS / 10);
  g_assert_cmpuint (changed.declined, >, 0);
  g_assert_cmpuint (changed.refused, >, BANK_VARIANTS / 10);
}

/* Competencies as a hand-written bank holds them, one case each: the fast
 * reader takes what it should and agrees with the tree reader on the
 * rest. */
static void
test_competency_cases (void)
{
  static const struct
  {
    const char    *competencies;
    IkTestReadWay  way;
  } cases[] = {
    { "[]", IK_TEST_READ_FAST },
    { "null", IK_TEST_READ_FAST },
    { "[{\"id\": \"c-1\", \"name\": \"Judgement\"}]", IK_TEST_READ_FAST },
    { "[{\"name\": \"Judgement\", \"id\": \"c-1\", \"description\": null, \"anchors\": null}]", IK_TEST_READ_FAST },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": 1, \"text\": \"\", \"senior\": \"s\"},"
      " {\"mid\": \"m\", \"level\": 4, \"x-note\": [1, {\"a\": null}], \"lead\": null}]}]", IK_TEST_READ_FAST },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"x-weight\": 2, \"anchors\": [{\"level\": 2}]}]", IK_TEST_READ_FAST },
    /* Refused by both. */
    { "[{\"id\": \"c-1\"}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": null}]", IK_TEST_READ_NEITHER },
    { "[{\"name\": \"J\"}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"not an id\", \"name\": \"J\"}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": 3}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\"}, {\"id\": \"c-1\", \"name\": \"K\"}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": 0}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": 6}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": \"2\"}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": null}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"text\": \"t\"}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": 2}, {\"level\": 2}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [{\"level\": 2, \"senior\": 1}]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": [2]}]", IK_TEST_READ_NEITHER },
    { "[{\"id\": \"c-1\", \"name\": \"J\", \"anchors\": {\"level\": 2}}]", IK_TEST_READ_NEITHER },
    { "[\"c-1\"]", IK_TEST_READ_NEITHER },
    { "{}", IK_TEST_READ_NEITHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data =
        g_strdup_printf ("{\"format\": \"%s\", \"version\": 1, \"id\": \"bank-1\", \"title\": \"T\", "
                         "\"competencies\": %s, \"questions\": [{\"id\": \"q-1\", \"text\": \"Q\"}]}",
                         IK_BANK_FORMAT, cases[i].competencies);

      g_test_message ("%s", cases[i].competencies);
      g_assert_cmpint (ik_test_read_both_ways (FALSE, data, strlen (data)), ==, cases[i].way);
    }
}

/* With a string pool set (as the load sets it), the fast way shares the
 * same strings as the tree way and still reads the same. */
static void
test_pooled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  IkQuestionStringPool *pool = ik_question_string_pool_new ();
  GListModel *questions = ik_bank_get_questions (bank);
  Tally tally = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);

      ik_question_string_pool_add (pool, question);
    }
  ik_question_string_pool_set_thread (pool);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *data = make_session_data (bank, rand);
      g_autoptr(IkSession) session = ik_session_new_from_data (data, strlen (data));
      GListModel *records;

      g_assert_true (check_both_ways (TRUE, data, &tally));
      g_assert_nonnull (session);
      records = ik_session_get_records (session);
      for (guint r = 0; r < g_list_model_get_n_items (records); r++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, r);
          IkQuestion *snapshot = ik_question_record_get_question (record);
          IkQuestion *original = ik_bank_find_question (bank, ik_question_get_id (snapshot));

          /* The very same string, not a copy. */
          g_assert_true (ik_question_get_text (snapshot) == ik_question_get_text (original));
        }
    }
  ik_question_string_pool_set_thread (NULL);
  ik_question_string_pool_free (pool);
}

/* Through the library's loader: what the fast way does not take still
 * loads, and what nobody can read gets the tree readers' reason. */
static void
test_loader_falls_back (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  g_autofree char *data = NULL;
  g_autofree char *reordered = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *question;
  LoadedItem *item;

  do
    {
      g_clear_pointer (&data, g_free);
      data = make_session_data (bank, rand);
      g_clear_pointer (&root, json_node_unref);
      root = ik_json_parse (data, strlen (data), NULL, NULL, NULL);
    }
  while (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "records")) == 0);

  /* The snapshot's "id" last: valid, but not the writer's order. */
  question = json_object_get_object_member (json_array_get_object_element (
                 json_object_get_array_member (json_node_get_object (root), "records"), 0), "question");
  reorder_members (question, rand, FALSE);
  reordered = node_to_data (root);
  g_assert_null (ik_session_new_from_data (reordered, strlen (reordered)));
  item = ik_library_load_document (KIND_SESSION, "/x/s.json", "s.json", reordered,
                                   strlen (reordered), NULL, FALSE, problems);
  g_assert_nonnull (item);
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autoptr(JsonNode) read_root = ik_session_to_json (IK_SESSION (item->object));
    g_autofree char *read = node_to_data (read_root);

    g_assert_cmpstr (read, ==, data);
  }
  ik_library_loaded_item_free (item);

  /* A wrong type deep inside: the message names the member. */
  json_object_set_int_member (question, "text", 5);
  wrong = node_to_data (root);
  item = ik_library_load_document (KIND_SESSION, "/x/s.json", "s.json", wrong,
                                   strlen (wrong), NULL, FALSE, problems);
  g_assert_null (item);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (ik_problem_get_message (g_ptr_array_index (problems, 0)),
                            "records[0].question.text"));
}

/* A string one byte over the limit: refused both ways. */
static void
test_long_string (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  g_autofree char *data = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *records;
  Tally tally = { 0 };

  do
    {
      g_clear_pointer (&data, g_free);
      data = make_session_data (bank, rand);
      g_clear_pointer (&root, json_node_unref);
      root = ik_json_parse (data, strlen (data), NULL, NULL, NULL);
      records = json_object_get_array_member (json_node_get_object (root), "records");
    }
  while (json_array_get_length (records) == 0);

  notes = g_strnfill (IK_JSON_MAX_STRING_LENGTH + 1, 'n');
  json_object_set_string_member (json_array_get_object_element (records, 0), "notes", notes);
  too_long = node_to_data (root);
  g_assert_false (check_both_ways (TRUE, too_long, &tally));
  g_assert_cmpuint (tally.refused, ==, 1);

  notes[IK_JSON_MAX_STRING_LENGTH] = '\0';
  json_object_set_string_member (json_array_get_object_element (records, 0), "notes", notes);
  g_clear_pointer (&too_long, g_free);
  too_long = node_to_data (root);
  g_assert_true (check_both_ways (TRUE, too_long, &tally));
}

/* Writes @root and checks that both ways agree, and that the fast way
 * took it (@valid) or both refused it. */
static void
check_edit (JsonNode *root,
            gboolean  session,
            gboolean  valid)
{
  g_autofree char *data = node_to_data (root);
  Tally tally = { 0 };

  check_both_ways (session, data, &tally);
  g_assert_cmpuint ((valid ? tally.accepted : tally.refused), ==, 1);
}

static JsonObject *
first_record (JsonNode *root)
{
  return json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (root), "records"), 0);
}

/* json_node_copy() shares the objects and arrays. */
static JsonNode *
deep_copy (JsonNode *root)
{
  g_autofree char *data = node_to_data (root);

  return ik_json_parse (data, strlen (data), NULL, NULL, NULL);
}

/* A deep copy of @root (freeing @old) and its first record. */
static JsonNode *
edit_copy (JsonNode    *root,
           JsonNode    *old,
           JsonObject **record,
           JsonObject **question)
{
  JsonNode *copy = deep_copy (root);

  if (old != NULL)
    json_node_unref (old);
  *record = first_record (copy);
  *question = json_object_get_object_member (*record, "question");
  return copy;
}

static JsonArray *
scorecard_ratings (JsonNode *root)
{
  JsonObject *scorecard = json_object_get_object_member (json_node_get_object (root), "scorecard");

  return json_object_has_member (scorecard, "ratings")
         ? json_object_get_array_member (scorecard, "ratings") : NULL;
}

static void
set_ints (JsonObject *object,
          const char *member,
          gint64      value)
{
  JsonArray *array = json_array_new ();

  json_array_add_int_element (array, value);
  json_object_set_array_member (object, member, array);
}

static void
fill_array (JsonArray *array,
            guint      length)
{
  while (json_array_get_length (array) < length)
    json_array_add_element (array, json_node_copy (json_array_get_element (array, 0)));
}

/* Every limit the readers check, at it and one past it. */
static void
test_limits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) bank_root = ik_json_parse (bank_data, strlen (bank_data), NULL, NULL, NULL);
  g_autofree char *long_text = g_strnfill (IK_JSON_MAX_STRING_LENGTH + 1, 't');
  JsonObject *question;
  guint n_areas;
  guint n_follow_ups;

  do
    {
      g_autofree char *data = make_session_data (bank, rand);

      g_clear_pointer (&root, json_node_unref);
      root = ik_json_parse (data, strlen (data), NULL, NULL, NULL);
    }
  while (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "records")) == 0
         || json_array_get_length (scorecard_ratings (root)) == 0);
  question = json_object_get_object_member (first_record (root), "question");
  n_areas = json_array_get_length (json_object_get_array_member (question, "areas"));
  n_follow_ups = json_array_get_length (json_object_get_array_member (question, "follow_ups"));

  for (int bad = 0; bad <= 1; bad++)
    {
      g_autoptr(JsonNode) edited = NULL;
      JsonObject *record;
      JsonObject *q;

#define EDIT() edited = edit_copy (root, edited, &record, &q)

      EDIT ();
      set_ints (record, "covered_areas", n_areas - 1 + bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      set_ints (record, "asked_follow_ups", n_follow_ups - 1 + bad);
      check_edit (edited, TRUE, !bad && n_follow_ups > 0);
      EDIT ();
      json_object_set_int_member (record, "rating", IK_RATING_MAX + bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_object_set_int_member (record, "rating", 1 - bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_object_set_int_member (record, "seconds", -bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_object_set_int_member (q, "minutes", IK_QUESTION_MAX_MINUTES + bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_object_set_int_member (q, "minutes", -bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      long_text[IK_JSON_MAX_STRING_LENGTH - 1 + bad] = 't';
      long_text[IK_JSON_MAX_STRING_LENGTH + bad] = '\0';
      json_object_set_string_member (q, "text", long_text);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      fill_array (json_object_get_array_member (q, "areas"), IK_QUESTION_MAX_LIST_LENGTH + bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      fill_array (json_object_get_array_member (json_node_get_object (edited), "records"),
                  IK_SESSION_MAX_RECORDS + bad);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_array_add_string_element (json_object_get_array_member (q, "competencies"),
                                     bad ? "not an id" : "an-id");
      check_edit (edited, TRUE, !bad);

      /* The scorecard's ratings. */
      EDIT ();
      json_object_set_string_member (json_array_get_object_element (scorecard_ratings (edited), 0),
                                     "evidence", long_text);
      check_edit (edited, TRUE, !bad);
      EDIT ();
      json_object_set_string_member (json_array_get_object_element (scorecard_ratings (edited), 0),
                                     "competency_id", bad ? "not an id" : "another-id");
      check_edit (edited, TRUE, !bad);
      EDIT ();
      {
        JsonArray *ratings = scorecard_ratings (edited);
        JsonNode *copy = deep_copy (json_array_get_element (ratings, 0));

        /* The same competency twice, or another one. */
        if (!bad)
          json_object_set_string_member (json_node_get_object (copy), "competency_id", "x-other");
        json_array_add_element (ratings, copy);
      }
      check_edit (edited, TRUE, !bad);
      EDIT ();
      {
        JsonArray *ratings = scorecard_ratings (edited);

        for (guint i = json_array_get_length (ratings); i < IK_SCORECARD_MAX_RATINGS + (guint) bad; i++)
          {
            JsonNode *copy = deep_copy (json_array_get_element (ratings, 0));
            g_autofree char *id = g_strdup_printf ("c-%u", i);

            json_object_set_string_member (json_node_get_object (copy), "competency_id", id);
            json_array_add_element (ratings, copy);
          }
      }
      check_edit (edited, TRUE, !bad);
#undef EDIT
    }

  /* A newer version is left to the tree way, which marks it read-only. */
  {
    g_autoptr(JsonNode) newer = deep_copy (root);
    g_autofree char *newer_data = NULL;
    Tally tally = { 0 };

    json_object_set_int_member (json_node_get_object (newer), "version", IK_SESSION_FORMAT_VERSION + 1);
    newer_data = node_to_data (newer);
    check_both_ways (TRUE, newer_data, &tally);
    g_assert_cmpuint (tally.declined, ==, 1);
  }

  /* "records" twice, each valid on its own. */
  {
    g_autofree char *data = node_to_data (root);
    const char *records = strstr (data, "\"records\"");
    g_autoptr(GString) twice = g_string_new (NULL);
    Tally tally = { 0 };

    g_assert_nonnull (records);
    g_string_append_len (twice, data, records - data);
    g_string_append (twice, "\"records\" : [],\n  ");
    g_string_append (twice, records);
    check_both_ways (TRUE, twice->str, &tally);
    g_assert_cmpuint (tally.refused, ==, 1);
  }

  /* Refused before any token: too large, or UTF-16. */
  {
    gsize size = IK_JSON_MAX_FILE_SIZE + 1;
    g_autofree char *huge = g_malloc (size);

    memset (huge, ' ', size);
    huge[0] = '{';
    g_assert_null (ik_session_new_from_data (huge, size));
    g_assert_null (ik_bank_new_from_data (huge, size));
    g_assert_null (ik_session_new_from_data ("\xff\xfe{\0}\0", 6));
  }

  /* White space may follow the root, nothing else. */
  for (int bad = 0; bad <= 1; bad++)
    {
      g_autofree char *data = node_to_data (root);
      g_autofree char *trailing = g_strconcat (data, bad ? " {}" : " \n\t", NULL);
      Tally tally = { 0 };

      check_both_ways (TRUE, trailing, &tally);
      g_assert_cmpuint ((bad ? tally.refused : tally.accepted), ==, 1);
    }

  /* A member this version does not know is kept, but not twice. */
  for (int bad = 0; bad <= 1; bad++)
    {
      g_autofree char *data = node_to_data (root);
      const char *notes = strstr (data, "\"notes\"");
      g_autoptr(GString) unknown = g_string_new (NULL);
      Tally tally = { 0 };

      g_string_append_len (unknown, data, notes - data);
      g_string_append (unknown, "\"x-future\" : { \"a\" : [1, 2.5] },\n");
      if (bad)
        g_string_append (unknown, "\"x-future\" : 2,\n");
      g_string_append (unknown, notes);
      check_both_ways (TRUE, unknown->str, &tally);
      g_assert_cmpuint ((bad ? tally.refused : tally.accepted), ==, 1);
    }

  /* A bank holds at most IK_BANK_MAX_ITEMS questions. */
  for (int bad = 0; bad <= 1; bad++)
    {
      g_autoptr(JsonNode) small = deep_copy (root);
      JsonObject *o = json_node_get_object (small);
      JsonArray *questions = json_array_new ();

      json_object_set_string_member (o, "format", "interview-kit/bank");
      json_object_set_int_member (o, "version", IK_BANK_FORMAT_VERSION);
      json_object_set_string_member (o, "title", "Many");
      json_object_remove_member (o, "records");
      json_object_remove_member (o, "scorecard");
      for (guint i = 0; i < (guint) (IK_BANK_MAX_ITEMS + bad); i++)
        {
          JsonObject *item = json_object_new ();
          g_autofree char *id = g_strdup_printf ("q-%u", i);

          json_object_set_string_member (item, "id", id);
          json_object_set_string_member (item, "text", "?");
          json_array_add_object_element (questions, item);
        }
      json_object_set_array_member (o, "questions", questions);
      check_edit (small, FALSE, !bad);
    }

  /* A bank's question ids are unique. */
  {
    JsonArray *questions = json_object_get_array_member (json_node_get_object (bank_root), "questions");

    json_array_add_element (questions, deep_copy (json_array_get_element (questions, 0)));
    check_edit (bank_root, FALSE, FALSE);
    json_object_set_string_member (json_array_get_object_element (questions,
                                                                  json_array_get_length (questions) - 1),
                                   "id", "a-new-id");
    check_edit (bank_root, FALSE, TRUE);
  }
}

/* The index's read (ik_session_new_from_summary()): the same bytes read
 * again without their body give the same session, its body standing away
 * with what lists show of it; bytes that are not where the summary says
 * give NULL, never a session built from a wrong guess. */
static void
load_body_from (IkSession *session,
                gpointer   user_data)
{
  const char *data = user_data;
  g_autoptr(IkSession) whole = ik_session_new_from_data (data, strlen (data));

  g_assert_nonnull (whole);
  ik_session_take_body (session, whole);
}

static void
check_summary_read (const char *data)
{
  gsize length = strlen (data);
  IkSessionSummary summary = { 0, };
  g_auto(IkSessionSummary) wrong = { 0, };
  g_autoptr(IkSession) whole = ik_session_new_from_data_summary (data, length, &summary);
  g_autoptr(IkSession) away = NULL;
  g_autoptr(JsonNode) whole_root = NULL;
  g_autoptr(JsonNode) away_root = NULL;
  g_autofree char *whole_data = NULL;
  g_autofree char *away_data = NULL;
  g_auto(GStrv) whole_ids = NULL;
  g_auto(GStrv) away_ids = NULL;
  gsize *ends[] = { &wrong.records_start, &wrong.records_end,
                    &wrong.scorecard_start, &wrong.scorecard_end };

  /* The spans are the body's bytes, counted after a byte order mark. */
  const char *text = g_str_has_prefix (data, "\xef\xbb\xbf") ? data + 3 : data;

  g_assert_nonnull (whole);
  g_assert_cmpuint (summary.records_end, >, summary.records_start);
  g_assert_cmpint (text[summary.records_start], ==, '[');
  g_assert_cmpint (text[summary.records_end - 1], ==, ']');
  g_assert_cmpint (text[summary.scorecard_start], ==, '{');
  g_assert_cmpint (text[summary.scorecard_end - 1], ==, '}');
  g_assert_cmpuint (summary.n_records, ==, ik_session_get_n_records (whole));

  away = ik_session_new_from_summary (data, length, &summary);
  g_assert_nonnull (away);
  g_assert_false (ik_session_get_body_loaded (away));
  g_assert_cmpstr (ik_session_get_candidate_name (away), ==, ik_session_get_candidate_name (whole));
  g_assert_cmpuint (ik_session_get_n_records (away), ==, ik_session_get_n_records (whole));
  g_assert_cmpint (ik_session_get_scorecard_altered (away), ==, ik_session_get_scorecard_altered (whole));
  g_assert_true ((ik_session_get_scorecard_submitted (away) == NULL) ==
                 (ik_session_get_scorecard_submitted (whole) == NULL));
  whole_ids = ik_session_dup_question_ids (whole);
  away_ids = ik_session_dup_question_ids (away);
  g_assert_true (g_strv_equal ((const char * const *) whole_ids, (const char * const *) away_ids));

  /* Its body brought back, it writes what the whole read writes. */
  ik_session_set_body_loader (away, load_body_from, (gpointer) data);
  away_root = ik_session_to_json (away);
  whole_root = ik_session_to_json (whole);
  away_data = node_to_data (away_root);
  whole_data = node_to_data (whole_root);
  g_assert_cmpstr (away_data, ==, whole_data);

  /* Every end moved by one either way: not read. */
  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    for (int delta = -1; delta <= 1; delta += 2)
      {
        g_autoptr(IkSession) moved = NULL;

        ik_session_summary_clear (&wrong);
        wrong = summary;
        wrong.submitted = NULL;
        wrong.question_ids = NULL;
        *ends[e] += delta;
        moved = ik_session_new_from_summary (data, length, &wrong);
        g_assert_null (moved);
      }
  /* The records and the scorecard swapped: not read. */
  wrong.records_start = summary.scorecard_start;
  wrong.records_end = summary.scorecard_end;
  wrong.scorecard_start = summary.records_start;
  wrong.scorecard_end = summary.records_end;
  g_assert_null (ik_session_new_from_summary (data, length, &wrong));
  /* Said to be missing: not read. */
  wrong.records_start = wrong.records_end = 0;
  wrong.scorecard_start = summary.scorecard_start;
  wrong.scorecard_end = summary.scorecard_end;
  g_assert_null (ik_session_new_from_summary (data, length, &wrong));

  ik_session_summary_clear (&summary);
}

static void
count_changed (IkBank *bank,
               guint  *count)
{
  (*count)++;
}

static IkBank *
read_later (const char            *data,
            gsize                  length,
            const IkBankQuestions *skip)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  return ik_bank_new_from_bytes (g_bytes_get_data (bytes, NULL), length, bytes, skip, NULL);
}

/* A bank read with its questions passed over (the library's index
 * vouches for the file): the range must be the one read before, the
 * questions come on first use without an edit, and a range that turns out
 * not to hold questions leaves the bank read-only, never to be written. */
static void
test_questions_later (void)
{
  g_autofree char *data = NULL;
  g_autoptr(IkBank) whole = load_bundled_bank (&data);
  g_autoptr(IkBank) ranged = NULL;
  g_autoptr(IkBank) later = NULL;
  g_autoptr(IkBank) copy = NULL;
  g_autoptr(IkBank) updated = NULL;
  g_autoptr(IkBank) broken = NULL;
  g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (whole), 0);
  g_autoptr(GString) bad = NULL;
  IkBankQuestions questions = { 0, };
  IkBankQuestions moved;
  gsize length = strlen (data);
  guint n = g_list_model_get_n_items (ik_bank_get_questions (whole));
  guint n_items_changed = 0;
  guint n_changed = 0;
  guint64 version;

  ranged = ik_bank_new_from_bytes (data, length, NULL, NULL, &questions);
  g_assert_nonnull (ranged);
  g_assert_cmpuint (questions.n, ==, n);
  g_assert_cmpuint (n, >, 1);

  /* Not the range read before: not taken (the library reads it whole). */
  moved = questions;
  moved.start++;
  g_assert_null (read_later (data, length, &moved));
  moved = questions;
  moved.end--;
  g_assert_null (read_later (data, length, &moved));
  moved = questions;
  moved.end = length + 1;
  g_assert_null (read_later (data, length, &moved));
  /* More questions than a bank may hold: not passed over, read now. */
  moved = questions;
  moved.n = IK_BANK_MAX_ITEMS + 1;
  later = read_later (data, length, &moved);
  g_assert_nonnull (later);
  g_assert_false (ik_bank_has_pending_questions (later));
  g_assert_cmpuint (ik_bank_get_n_questions (later), ==, n);
  g_clear_object (&later);

  /* Read on first use: a lookup by id reads them, once, as one change of
   * the list and no edit of the bank. */
  later = read_later (data, length, &questions);
  g_assert_nonnull (later);
  g_assert_true (ik_bank_has_pending_questions (later));
  g_assert_cmpuint (ik_bank_get_n_questions (later), ==, n);
  g_signal_connect (ik_bank_peek_questions (later), "items-changed",
                    G_CALLBACK (ik_test_count_items_changed), &n_items_changed);
  g_signal_connect (later, "changed", G_CALLBACK (count_changed), &n_changed);
  version = ik_bank_get_version (later);
  g_assert_nonnull (ik_bank_find_question (later, ik_question_get_id (first)));
  g_assert_false (ik_bank_has_pending_questions (later));
  g_assert_cmpuint (n_items_changed, ==, 1);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (ik_bank_get_version (later), ==, version);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (later)), ==, n);
  g_assert_true (ik_bank_load_questions (later));
  g_assert_cmpuint (n_items_changed, ==, 1);
  /* An edit afterwards is one. */
  ik_question_set_text (ik_bank_find_question (later, ik_question_get_id (first)), "Edited");
  g_assert_cmpuint (n_changed, ==, 1);
  g_clear_object (&later);

  /* A copy, and an update from the file, of a bank still pending. */
  later = read_later (data, length, &questions);
  copy = ik_bank_duplicate (later, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (copy)), ==, n);
  g_clear_object (&later);
  later = read_later (data, length, &questions);
  updated = read_later (data, length, &questions);
  ik_bank_update_from (later, updated);
  g_assert_false (ik_bank_has_pending_questions (later));
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (later)), ==, n);

  /* Brackets that do not hold questions (the file changed under a stamp
   * the index still vouches for): read-only, no questions. */
  bad = g_string_new_len (data, questions.start);
  moved.start = questions.start;
  g_string_append (bad, "[{\"bogus\": true}]");
  moved.end = bad->len;
  moved.n = 1;
  g_string_append (bad, data + questions.end);
  broken = read_later (bad->str, bad->len, &moved);
  g_assert_nonnull (broken);
  g_assert_cmpuint (ik_bank_get_n_questions (broken), ==, 1);
  g_assert_false (ik_bank_load_questions (broken));
  g_assert_true (ik_bank_get_read_only (broken));
  g_assert_false (ik_bank_has_pending_questions (broken));
  g_assert_cmpuint (ik_bank_get_n_questions (broken), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_competencies (broken)), ==,
                    g_list_model_get_n_items (ik_bank_get_competencies (whole)));
  g_assert_false (ik_bank_load_questions (broken));

  /* The file read again whole (changed by another program since): its
   * questions are back, and the bank may be written again. */
  g_clear_object (&updated);
  updated = ik_bank_new_from_data (data, length);
  ik_bank_update_from (broken, updated);
  g_assert_true (ik_bank_load_questions (broken));
  g_assert_false (ik_bank_get_read_only (broken));
  g_assert_cmpuint (ik_bank_get_n_questions (broken), ==, n);
}

static void
test_summary_read (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (151);
  g_autofree char *bank_data = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank (&bank_data);
  guint n_nulled = 0;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *data = make_session_data (bank, rand);
      g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", data, NULL);

      check_summary_read (data);
      check_summary_read (with_bom);
    }

  /* Records that are null where the summary has an array, and the other
   * way round: not read. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *data = make_session_data (bank, rand);
      IkSessionSummary summary = { 0, };
      IkSessionSummary null_summary = { 0, };
      g_autoptr(IkSession) session = ik_session_new_from_data_summary (data, strlen (data), &summary);
      g_autoptr(IkSession) null_session = NULL;
      g_autofree char *head = NULL;
      g_autofree char *null_records = NULL;

      g_assert_nonnull (session);
      head = g_strndup (data, summary.records_start);
      null_records = g_strconcat (head, "null", data + summary.records_end, NULL);
      null_session = ik_session_new_from_data_summary (null_records, strlen (null_records), &null_summary);
      if (null_session == NULL)
        {
          /* Its current question is past the records now. */
          g_autoptr(IkSession) again = ik_session_new_from_data (null_records, strlen (null_records));

          g_assert_null (again);
          ik_session_summary_clear (&summary);
          continue;
        }
      n_nulled++;
      g_assert_cmpuint (null_summary.records_start, ==, 0);
      g_assert_cmpuint (null_summary.records_end, ==, 0);
      g_assert_cmpuint (null_summary.n_records, ==, 0);
      g_assert_null (ik_session_new_from_summary (null_records, strlen (null_records), &summary));
      if (summary.n_records > 0)
        g_assert_null (ik_session_new_from_summary (data, strlen (data), &null_summary));
      ik_session_summary_clear (&summary);
      ik_session_summary_clear (&null_summary);
    }
  g_assert_cmpuint (n_nulled, >, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fast-read/sessions-agree", test_sessions_agree);
  g_test_add_func ("/fast-read/banks-agree", test_banks_agree);
  g_test_add_func ("/fast-read/competency-cases", test_competency_cases);
  g_test_add_func ("/fast-read/pooled", test_pooled);
  g_test_add_func ("/fast-read/loader-falls-back", test_loader_falls_back);
  g_test_add_func ("/fast-read/long-string", test_long_string);
  g_test_add_func ("/fast-read/limits", test_limits);
  g_test_add_func ("/fast-read/summary-read", test_summary_read);
  g_test_add_func ("/fast-read/questions-later", test_questions_later);

  return g_test_run ();
}
