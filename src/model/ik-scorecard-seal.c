/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-seal.c: the canonical content of a scorecard and its seal. */
#include "config.h"

#include "ik-scorecard-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-gnutls.h"
#include "ik-json.h"
#include "ik-update.h"
#include "ik-util.h"

gboolean
ik_scorecard_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

gboolean
ik_scorecard_seal_is_valid (const char *seal)
{
  gsize n = 0;

  if (seal == NULL)
    return FALSE;
  for (const char *p = seal; *p != '\0'; p++, n++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return n == SEAL_LENGTH;
}

static int
compare_ratings_by_id (gconstpointer a,
                       gconstpointer b)
{
  IkCompetencyRating *ra = *(IkCompetencyRating * const *) a;
  IkCompetencyRating *rb = *(IkCompetencyRating * const *) b;

  return strcmp (ra->competency_id, rb->competency_id);
}

/* The ratings in the order of the canonical form: by competency id. */
static GPtrArray *
sorted_ratings (IkScorecard *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));
  GPtrArray *sorted = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (self->ratings), i));
  g_ptr_array_sort (sorted, compare_ratings_by_id);
  return sorted;
}

/* @prefix, then @value as a canonical string ("" for NULL). */
static void
write_text (GString    *out,
            const char *prefix,
            const char *value)
{
  g_string_append (out, prefix);
  ik_json_write_canonical_string (out, value != NULL ? value : "");
}

static void
add_text (JsonBuilder *b,
          const char  *member,
          const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

/* The content the seal is computed over, as a tree whose members are in
 * the fixed order of the canonical form. */
JsonNode *
ik_scorecard_canonical_content_node (IkScorecard *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) sorted = sorted_ratings (self);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seal_version");
  json_builder_add_int_value (b, SEAL_VERSION);
  add_text (b, "session_id", self->session_id);
  add_text (b, "candidate_id", self->candidate_id);
  json_builder_set_member_name (b, "ratings");
  json_builder_begin_array (b);
  for (guint i = 0; i < sorted->len; i++)
    {
      IkCompetencyRating *rating = g_ptr_array_index (sorted, i);

      json_builder_begin_object (b);
      add_text (b, "competency_id", rating->competency_id);
      json_builder_set_member_name (b, "rating");
      if (rating->rating == IK_RATING_UNRATED)
        json_builder_add_null_value (b);
      else if (rating->rating == IK_RATING_NOT_ASSESSED)
        json_builder_add_string_value (b, "not-assessed");
      else
        json_builder_add_int_value (b, rating->rating);
      add_text (b, "evidence", rating->evidence);
      json_builder_set_member_name (b, "evidence_questions");
      json_builder_begin_array (b);
      for (guint j = 0; rating->evidence_questions[j] != NULL; j++)
        json_builder_add_string_value (b, rating->evidence_questions[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_text (b, "recommendation", ik_enum_to_nick (IK_TYPE_RECOMMENDATION, self->recommendation));
  add_text (b, "summary", self->summary);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * ik_scorecard_get_canonical_content:
 * @self: a scorecard
 *
 * The content the seal is computed over, as compact JSON with a fixed
 * member order (never the order of a hash table), in the form ik_json_write()
 * writes with %IK_JSON_WRITE_CANONICAL:
 * `{"seal_version":1,"session_id":…,"candidate_id":…,"ratings":[{"competency_id":…,
 * "rating":1..4|"not-assessed"|null,"evidence":…,"evidence_questions":[…]}…],
 * "recommendation":nick,"summary":…}` with ratings sorted by competency id.
 * Competency names are not included: they are a display snapshot.
 *
 * Returns: (transfer full): the canonical serialisation
 */
char *
ik_scorecard_get_canonical_content (IkScorecard *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GString *out;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  /* Written straight from the scorecard, as ik_json_write() writes
   * ik_scorecard_canonical_content_node() (the tests check that they
   * agree): building that tree and freeing it was half of checking a seal,
   * and every submitted scorecard's seal is checked at every load. */
  sorted = sorted_ratings (self);
  out = g_string_sized_new (256);
  g_string_append (out, "{\"seal_version\":");
  ik_json_write_int (out, SEAL_VERSION);
  write_text (out, ",\"session_id\":", self->session_id);
  write_text (out, ",\"candidate_id\":", self->candidate_id);
  g_string_append (out, ",\"ratings\":[");
  for (guint i = 0; i < sorted->len; i++)
    {
      IkCompetencyRating *rating = g_ptr_array_index (sorted, i);

      if (i > 0)
        g_string_append_c (out, ',');
      write_text (out, "{\"competency_id\":", rating->competency_id);
      g_string_append (out, ",\"rating\":");
      if (rating->rating == IK_RATING_UNRATED)
        g_string_append (out, "null");
      else if (rating->rating == IK_RATING_NOT_ASSESSED)
        g_string_append (out, "\"not-assessed\"");
      else
        ik_json_write_int (out, rating->rating);
      write_text (out, ",\"evidence\":", rating->evidence);
      g_string_append (out, ",\"evidence_questions\":[");
      for (guint j = 0; rating->evidence_questions[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          ik_json_write_canonical_string (out, rating->evidence_questions[j]);
        }
      g_string_append (out, "]}");
    }
  g_string_append_c (out, ']');
  write_text (out, ",\"recommendation\":", ik_enum_to_nick (IK_TYPE_RECOMMENDATION, self->recommendation));
  write_text (out, ",\"summary\":", self->summary);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* The seal of a revision's content as read from a file: the same canonical
 * writing, so content that was sealed gives its seal back. A tree the
 * canonical writer refuses (text that is not UTF-8 cannot come from the
 * reader, but a depth could) has no seal: NULL, which matches none. */
char *
ik_scorecard_seal_of_content (JsonObject *content)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GString) out = g_string_new (NULL);

  json_node_init_object (node, content);
  if (!ik_json_write (out, node, IK_JSON_WRITE_CANONICAL, NULL))
    return NULL;
  return ik_sha256_string (out->str, out->len);
}

/**
 * ik_scorecard_compute_seal:
 * @self: a scorecard
 *
 * Computes the SHA-256 of ik_scorecard_get_canonical_content(): the same
 * content always gives the same seal, and any change of a rating, evidence,
 * recommendation, summary or context gives a different one.
 *
 * Returns: (transfer full): 64 lowercase hexadecimal digits
 */
char *
ik_scorecard_compute_seal (IkScorecard *self)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  canonical = ik_scorecard_get_canonical_content (self);
  return ik_sha256_string (canonical, strlen (canonical));
}

/**
 * ik_scorecard_verify_seal:
 * @self: a scorecard
 *
 * Recomputes the seal. The owning session's reader does it for every
 * submitted scorecard (through ik_scorecard_set_context()): see
 * IkScorecard:altered.
 *
 * Returns: %TRUE when the scorecard is submitted and its content still
 *   matches the stored seal; %FALSE for a draft or altered content
 */
gboolean
ik_scorecard_verify_seal (IkScorecard *self)
{
  g_autofree char *seal = NULL;

  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  if (self->seal == NULL)
    return FALSE;

  seal = ik_scorecard_compute_seal (self);
  return g_strcmp0 (seal, self->seal) == 0;
}
