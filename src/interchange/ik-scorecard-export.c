/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-export.c: scorecards as HTML, Markdown, CSV and JSON. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-scorecard-export.h"
#include "ik-util.h"

static const struct
{
  const char *name;
  const char *extension;
  const char *mime_type;
} formats[IK_EXPORT_N_FORMATS] = {
  [IK_EXPORT_FORMAT_PDF] = { "pdf", "pdf", "application/pdf" },
  [IK_EXPORT_FORMAT_HTML] = { "html", "html", "text/html" },
  [IK_EXPORT_FORMAT_MARKDOWN] = { "markdown", "md", "text/markdown" },
  [IK_EXPORT_FORMAT_CSV] = { "csv", "csv", "text/csv" },
  [IK_EXPORT_FORMAT_JSON] = { "json", "json", "application/json" },
};

/**
 * ik_export_format_from_name:
 * @name: a format name as given on the command line (`pdf`, `html`,
 *   `markdown` or `md`, `csv`, `json`)
 * @format: (out): the format
 *
 * Returns: whether @name is a known format
 */
gboolean
ik_export_format_from_name (const char     *name,
                            IkExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "md") == 0)
    name = "markdown";
  for (guint i = 0; i < IK_EXPORT_N_FORMATS; i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ik_export_format_get_name:
 *
 * Returns: the command-line name of @format
 */
const char *
ik_export_format_get_name (IkExportFormat format)
{
  g_return_val_if_fail (format < IK_EXPORT_N_FORMATS, NULL);
  return formats[format].name;
}

/**
 * ik_export_format_get_extension:
 *
 * Returns: the file name extension of @format, without the dot
 */
const char *
ik_export_format_get_extension (IkExportFormat format)
{
  g_return_val_if_fail (format < IK_EXPORT_N_FORMATS, NULL);
  return formats[format].extension;
}

/**
 * ik_export_format_get_mime_type:
 *
 * Returns: the MIME type of @format
 */
const char *
ik_export_format_get_mime_type (IkExportFormat format)
{
  g_return_val_if_fail (format < IK_EXPORT_N_FORMATS, NULL);
  return formats[format].mime_type;
}

/* Shared pieces ---------------------------------------------------------- */

/* The hexadecimal HMAC-SHA256 of @purpose and @value under @key: one key
 * gives unrelated codes for a candidate and for a session. */
static char *
keyed_digest (GBytes     *key,
              const char *purpose,
              const char *value)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL),
                                      g_bytes_get_size (key));

  g_hmac_update (hmac, (const guchar *) purpose, strlen (purpose) + 1);
  if (value != NULL)
    g_hmac_update (hmac, (const guchar *) value, strlen (value));
  return g_strdup (g_hmac_get_string (hmac));
}

/**
 * ik_export_pseudonym:
 * @key: the library's secret (ik_pseudonym_key_load_or_create())
 * @candidate_id: (nullable): the candidate id of a session
 *
 * A label such as “Candidate 7F3A-92C1-0B4D-E5A6” that is the same for
 * every export of the same candidate from one library, so calibration
 * readers can tell candidates apart. It is 64 bits of the HMAC-SHA256 of
 * the candidate id under the library's secret: never derived from the
 * name, and not computable from a guessed id by whoever reads the export.
 *
 * Returns: (transfer full): the pseudonym
 */
char *
ik_export_pseudonym (GBytes     *key,
                     const char *candidate_id)
{
  g_autofree char *digest = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  digest = keyed_digest (key, "candidate", candidate_id);
  upper = g_ascii_strup (digest, 16);
  code = g_strdup_printf ("%.4s-%.4s-%.4s-%.4s", upper, upper + 4, upper + 8, upper + 12);
  /* Translators: a pseudonym for a candidate; %s is a code of hexadecimal
   * digits such as 7F3A-92C1-0B4D-E5A6 */
  return g_strdup_printf (_("Candidate %s"), code);
}

static const char *
session_candidate_id (IkSession *session)
{
  const char *id = ik_session_get_candidate_id (session);

  /* Old sessions may have no candidate id: the session id is still stable. */
  return !ik_str_is_blank (id) ? id : ik_session_get_id (session);
}

/* The pseudonym of the session's candidate; without a key (a caller's
 * mistake), a label that names no one rather than a guessable one. */
static char *
session_pseudonym (IkSession             *session,
                   const IkExportOptions *options)
{
  g_return_val_if_fail (options->pseudonym_key != NULL, g_strdup (_("Candidate")));

  return ik_export_pseudonym (options->pseudonym_key, session_candidate_id (session));
}

/* The length of the bidirectional control at @p (U+202A–U+202E embeddings
 * and overrides, U+2066–U+2069 isolates), 0 when there is none: matched on
 * the bytes, so text that is not UTF-8 is safe too. */
static guint
bidi_control_length (const char *p,
                     gunichar   *c)
{
  const guchar *u = (const guchar *) p;

  if (u[0] != 0xE2 || u[1] == '\0' || u[2] == '\0')
    return 0;
  if ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) || (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))
    {
      *c = ((gunichar) (u[0] & 0x0F) << 12) | ((gunichar) (u[1] & 0x3F) << 6) | (u[2] & 0x3F);
      return 3;
    }
  return 0;
}

/* @text with every bidirectional control replaced by a visible marker, or
 * for JSON by its escape. */
static char *
replace_bidi_controls (const char *text,
                       gboolean    json)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = 0;
      guint length = bidi_control_length (p, &c);

      if (length > 0)
        {
          if (json)
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_printf (out, "⟨U+%04X⟩", (guint) c);
          p += length;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/**
 * ik_export_show_bidi_controls:
 * @text: (nullable): user text
 *
 * Replaces each bidirectional control character (U+202A–U+202E,
 * U+2066–U+2069) by a visible marker such as “⟨U+202E⟩”, so that a name
 * or a note cannot show its text reversed (“Eve”, U+202E, “gnp.exe” read
 * as “Eveexe.png”) in an export. Every text format goes through it.
 *
 * Returns: (transfer full): the text, never %NULL
 */
char *
ik_export_show_bidi_controls (const char *text)
{
  return replace_bidi_controls (text, FALSE);
}

/**
 * ik_export_candidate_label:
 *
 * Returns: (transfer full): the name to print for the candidate: the real
 *   name, or the pseudonym when @options asks for one
 */
char *
ik_export_candidate_label (IkSession             *session,
                           const IkExportOptions *options)
{
  const char *name;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  if (options != NULL && options->pseudonymise)
    return session_pseudonym (session, options);

  name = ik_session_get_candidate_name (session);
  return ik_export_show_bidi_controls (!ik_str_is_blank (name) ? name : _("Unnamed candidate"));
}

/* Text folded for comparison: each character decomposed (NFD), its
 * combining marks dropped and the rest case-folded, so that "Märgaret",
 * "MARGARET" and "margaret" read the same. @owner maps each byte of the
 * folded text to the byte offset of the character of the original it
 * came from, @owner_end to the end of that character. */
typedef struct
{
  GString *text;
  GArray  *owner;
  GArray  *owner_end;
} Folded;

static void
folded_clear (Folded *f)
{
  g_string_free (f->text, TRUE);
  g_array_unref (f->owner);
  g_array_unref (f->owner_end);
}

static void
fold (const char *text,
      Folded     *f)
{
  const char *end = text + strlen (text);

  f->text = g_string_new (NULL);
  f->owner = g_array_new (FALSE, FALSE, sizeof (gsize));
  f->owner_end = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize start = p - text;
      gsize before = f->text->len;
      gsize after;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A byte that is not UTF-8 matches nothing and separates words. */
          g_string_append_c (f->text, '\x01');
          p++;
        }
      else
        {
          char utf8[8];
          int length = g_unichar_to_utf8 (c, utf8);
          g_autofree char *nfd = g_utf8_normalize (utf8, length, G_NORMALIZE_NFD);
          GString *bare = g_string_new (NULL);
          g_autofree char *folded = NULL;

          for (const char *q = nfd != NULL ? nfd : ""; *q != '\0'; q = g_utf8_next_char (q))
            if (!g_unichar_ismark (g_utf8_get_char (q)))
              g_string_append_unichar (bare, g_utf8_get_char (q));
          folded = g_utf8_casefold (bare->str, bare->len);
          g_string_free (bare, TRUE);
          g_string_append (f->text, folded);
          p += length;
        }
      after = p - text;
      for (gsize i = before; i < f->text->len; i++)
        {
          g_array_append_val (f->owner, start);
          g_array_append_val (f->owner_end, after);
        }
    }
}

/* Whether the folded character ending right before @at (or starting at
 * @at) is a letter or digit: a name part must not be a piece of a word. */
static gboolean
alnum_before (const GString *text,
              gsize          at)
{
  const char *prev;

  if (at == 0)
    return FALSE;
  prev = g_utf8_find_prev_char (text->str, text->str + at);
  return prev != NULL && g_unichar_isalnum (g_utf8_get_char (prev));
}

static gboolean
alnum_at (const GString *text,
          gsize          at)
{
  return at < text->len && g_unichar_isalnum (g_utf8_get_char (text->str + at));
}

static gboolean
is_name_separator (gunichar c)
{
  /* White space, and the hyphens and dashes of double-barrelled names. */
  return g_unichar_isspace (c) || c == '-' || (c >= 0x2010 && c <= 0x2015);
}

static void
add_term (GPtrArray  *terms,
          const char *text,
          gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  const char *start = copy;
  const char *end = copy + strlen (copy);
  Folded folded;
  guint n_chars = 0;

  /* "J." and "(Maggie)" are parts too: without the marks around them. */
  while (start < end && !g_unichar_isalnum (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || g_unichar_isalnum (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    n_chars++;
  if (n_chars < 2)
    return;

  *(char *) end = '\0';
  fold (start, &folded);
  g_ptr_array_add (terms, g_string_free (g_steal_pointer (&folded.text), FALSE));
  g_array_unref (folded.owner);
  g_array_unref (folded.owner_end);
}

static int
longest_first (gconstpointer a,
               gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The folded parts of the candidate's name (two characters or more, split
 * at white space and hyphens), longest first. */
static GPtrArray *
name_terms (IkSession *session)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *name = ik_session_get_candidate_name (session);
  const char *part = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return terms;
  for (const char *p = name;; p = g_utf8_next_char (p))
    {
      gboolean at_end = *p == '\0';

      if (at_end || is_name_separator (g_utf8_get_char (p)))
        {
          if (part != NULL)
            add_term (terms, part, p - part);
          part = NULL;
        }
      else if (part == NULL)
        part = p;
      if (at_end)
        break;
    }
  g_ptr_array_sort (terms, longest_first);
  return terms;
}

/* @text with every part of the candidate's name (as a whole word) and the
 * candidate's and session's ids (anywhere) replaced by @replacement;
 * neighbouring parts ("Margaret Hamilton", "Hamilton-Smith") become one
 * replacement. */
static char *
replace_identifiers (IkSession  *session,
                     const char *text,
                     const char *replacement)
{
  g_autoptr(GPtrArray) words = name_terms (session);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *id_sources[] = { ik_session_get_candidate_id (session), ik_session_get_id (session) };
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gsize));
  GString *out;
  Folded f;
  gsize copied = 0;

  for (guint i = 0; i < G_N_ELEMENTS (id_sources); i++)
    if (!ik_str_is_blank (id_sources[i]) && g_utf8_validate (id_sources[i], -1, NULL))
      {
        Folded id;

        fold (id_sources[i], &id);
        g_ptr_array_add (ids, g_string_free (g_steal_pointer (&id.text), FALSE));
        g_array_unref (id.owner);
        g_array_unref (id.owner_end);
      }

  fold (text, &f);
  for (gsize at = 0; at < f.text->len;)
    {
      gsize length = 0;

      /* A match starts and ends on whole characters of the original. */
      if (at == 0 || g_array_index (f.owner, gsize, at - 1) != g_array_index (f.owner, gsize, at))
        {
          for (guint i = 0; i < ids->len + words->len && length == 0; i++)
            {
              gboolean word = i >= ids->len;
              const char *term = word ? words->pdata[i - ids->len] : ids->pdata[i];
              gsize term_length = strlen (term);
              gsize end = at + term_length;

              if (end > f.text->len || memcmp (f.text->str + at, term, term_length) != 0)
                continue;
              if (end < f.text->len && g_array_index (f.owner, gsize, end - 1) == g_array_index (f.owner, gsize, end))
                continue;
              if (word && (alnum_before (f.text, at) || alnum_at (f.text, end)))
                continue;
              length = term_length;
            }
        }
      if (length > 0)
        {
          gsize from = g_array_index (f.owner, gsize, at);
          gsize to = g_array_index (f.owner_end, gsize, at + length - 1);

          g_array_append_val (ranges, from);
          g_array_append_val (ranges, to);
          at += length;
        }
      else
        at = g_utf8_next_char (f.text->str + at) - f.text->str;
    }
  folded_clear (&f);

  out = g_string_sized_new (strlen (text));
  for (guint i = 0; i < ranges->len; i += 2)
    {
      gsize from = g_array_index (ranges, gsize, i);
      gsize to = g_array_index (ranges, gsize, i + 1);

      /* Only spaces or hyphens since the last replacement: the same name. */
      if (i > 0)
        {
          gboolean joined = TRUE;

          for (const char *p = text + copied; p < text + from && joined; p = g_utf8_next_char (p))
            joined = is_name_separator (g_utf8_get_char (p));
          if (joined)
            {
              copied = to;
              continue;
            }
        }
      g_string_append_len (out, text + copied, from - copied);
      g_string_append (out, replacement);
      copied = to;
    }
  g_string_append (out, text + copied);
  return g_string_free (out, FALSE);
}

/**
 * ik_export_scrub_text:
 * @text: (nullable): free text of the session (evidence, notes, summary)
 *
 * When pseudonymising, the candidate may also be named inside notes or
 * evidence: each part of the name ("Margaret", "HAMILTON", "Märgaret",
 * the "Hamilton" of "Hamilton's") standing as a word, compared without case
 * or accents, and the candidate and session ids wherever they appear, are
 * replaced by the pseudonym. Bidirectional controls are shown
 * (ik_export_show_bidi_controls()).
 *
 * Returns: (transfer full): @text ready to export (never %NULL)
 */
char *
ik_export_scrub_text (IkSession             *session,
                      const IkExportOptions *options,
                      const char            *text)
{
  g_autofree char *pseudonym = NULL;
  g_autofree char *replaced = NULL;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  if (text == NULL)
    return g_strdup ("");
  if (options == NULL || !options->pseudonymise)
    return ik_export_show_bidi_controls (text);

  pseudonym = session_pseudonym (session, options);
  replaced = replace_identifiers (session, text, pseudonym);
  return ik_export_show_bidi_controls (replaced);
}

/**
 * ik_export_default_filename:
 *
 * Returns: (transfer full): a file name for an export, made of the
 *   candidate label (or pseudonym) and the date, safe on every file system
 */
char *
ik_export_default_filename (IkSession             *session,
                            const IkExportOptions *options,
                            IkExportFormat         format)
{
  g_autofree char *label = ik_export_candidate_label (session, options);
  GDateTime *when = ik_session_get_scheduled (session);
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : NULL;
  GString *name = g_string_new (NULL);

  /* Keep letters of any script, drop what a file system or shell dislikes. */
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "scorecard");
  if (date != NULL)
    g_string_append_printf (name, "-%s", date);
  g_string_append_printf (name, ".%s", ik_export_format_get_extension (format));
  return g_string_free (name, FALSE);
}

/**
 * ik_export_rating_label:
 *
 * Returns: a translated label for a competency or question rating
 */
const char *
ik_export_rating_label (int rating)
{
  switch (rating)
    {
    case IK_RATING_NOT_ASSESSED:
      return _("Not assessed");
    case 1:
      return _("1 of 4");
    case 2:
      return _("2 of 4");
    case 3:
      return _("3 of 4");
    case 4:
      return _("4 of 4");
    default:
      return _("Not rated");
    }
}

/**
 * ik_export_altered_warning:
 *
 * What every export of an altered scorecard (IkScorecard:altered) says
 * before anything else, and what `--export-session` prints.
 *
 * Returns: a translated sentence
 */
const char *
ik_export_altered_warning (void)
{
  return _("This scorecard was changed outside Interview Kit after it was submitted: "
           "its content no longer matches its seal.");
}

/**
 * ik_export_altered_label:
 *
 * The short form, after the seal of an altered scorecard or of an altered
 * earlier submission in the history (IkScorecardRevision:altered).
 *
 * Returns: a translated label
 */
const char *
ik_export_altered_label (void)
{
  return _("Altered: changed outside Interview Kit after it was submitted");
}

/**
 * ik_export_recommendation_label:
 *
 * Returns: the translated name of a recommendation
 */
const char *
ik_export_recommendation_label (IkRecommendation recommendation)
{
  switch (recommendation)
    {
    case IK_RECOMMENDATION_STRONG_NO:
      return _("Strong No");
    case IK_RECOMMENDATION_NO:
      return _("No");
    case IK_RECOMMENDATION_YES:
      return _("Yes");
    case IK_RECOMMENDATION_STRONG_YES:
      return _("Strong Yes");
    case IK_RECOMMENDATION_NONE:
    default:
      return _("No decision");
    }
}

/**
 * ik_export_seniority_label:
 *
 * Returns: the translated name of a seniority
 */
const char *
ik_export_seniority_label (IkSeniority seniority)
{
  switch (seniority)
    {
    case IK_SENIORITY_JUNIOR:
      return _("Junior");
    case IK_SENIORITY_MID:
      return _("Mid-level");
    case IK_SENIORITY_SENIOR:
      return _("Senior");
    case IK_SENIORITY_LEAD:
      return _("Lead");
    default:
      return "";
    }
}

/**
 * ik_export_anchor:
 * @bank: (nullable): the bank the session was planned from
 *
 * Returns: (nullable): the behavioural anchor of level @rating of the
 *   competency for @seniority, or %NULL when the bank, the competency or the
 *   anchor is missing or @rating is not a level
 */
const char *
ik_export_anchor (IkBank      *bank,
                  const char  *competency_id,
                  int          rating,
                  IkSeniority  seniority)
{
  IkCompetency *competency;
  const char *anchor;

  if (bank == NULL || competency_id == NULL || rating < 1 || rating > IK_RATING_MAX)
    return NULL;
  competency = ik_bank_find_competency (bank, competency_id);
  if (competency == NULL)
    return NULL;
  anchor = ik_competency_get_anchor_for (competency, rating, seniority);
  return !ik_str_is_blank (anchor) ? anchor : NULL;
}

/* The competency under which the unprobed areas of @question are listed:
 * the first of its competencies that the scorecard rates, so that each area
 * is listed once however many competencies the question assesses. */
static const char *
areas_competency (IkScorecard *scorecard,
                  IkQuestion  *question)
{
  const char * const *ids = ik_question_get_competencies (question);

  for (guint c = 0; ids != NULL && ids[c] != NULL; c++)
    if (ik_scorecard_find_rating (scorecard, ids[c]) != NULL)
      return ids[c];
  return NULL;
}

/**
 * ik_export_uncovered_areas:
 *
 * The areas to cover that were not ticked during the interview: what was
 * never probed. Each such area is listed once in the whole scorecard, under
 * the first competency its question assesses that the scorecard rates;
 * skipped questions were not asked, so their areas are not listed.
 *
 * Returns: (transfer full) (element-type utf8): the area texts to list
 *   under @competency_id, without duplicates
 */
GPtrArray *
ik_export_uncovered_areas (IkSession  *session,
                           const char *competency_id)
{
  IkScorecard *scorecard;
  GListModel *records;
  GPtrArray *areas;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  areas = g_ptr_array_new_with_free_func (g_free);
  scorecard = ik_session_get_scorecard (session);
  records = ik_session_get_records (session);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      const char * const *texts = ik_question_get_areas (question);

      if (ik_question_record_get_skipped (record)
          || g_strcmp0 (areas_competency (scorecard, question), competency_id) != 0)
        continue;
      for (guint a = 0; texts != NULL && texts[a] != NULL; a++)
        if (!ik_question_record_get_area_covered (record, a)
            && !g_ptr_array_find_with_equal_func (areas, texts[a], g_str_equal, NULL))
          g_ptr_array_add (areas, g_strdup (texts[a]));
    }
  return areas;
}

static const struct
{
  IkStarFlags flag;
  const char *name;
} star_parts[] = {
  { IK_STAR_SITUATION, N_("Situation") },
  { IK_STAR_TASK, N_("Task") },
  { IK_STAR_ACTION, N_("Action") },
  { IK_STAR_RESULT, N_("Result") },
};

/* The translated names of the STAR parts that are (or are not) in @star,
 * joined by commas; "" when there are none. */
static char *
star_part_names (IkStarFlags star,
                 gboolean    present)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (star_parts); i++)
    if (((star & star_parts[i].flag) != 0) == present)
      g_ptr_array_add (names, (gpointer) _(star_parts[i].name));
  g_ptr_array_add (names, NULL);
  /* Translators: separates the items of a list, e.g. "Situation, Task" */
  return g_strjoinv (_(", "), (GStrv) names->pdata);
}

/**
 * ik_export_question_marks:
 * @record: a record of @session
 *
 * What the interviewer marked on a question in the room, as lines of text
 * every format (and the scorecard editor) shows under the question: the
 * first line says whether it was skipped or how many of its areas were
 * ticked, and which; then whether the candidate had no direct experience
 * (a gap to probe elsewhere, not a fail); then the STAR parts heard and
 * missing. A skipped question has only its first line. The area texts are
 * scrubbed as @options asks (ik_export_scrub_text()).
 *
 * Returns: (transfer full) (element-type utf8): the lines, at least one
 */
GPtrArray *
ik_export_question_marks (IkSession             *session,
                          const IkExportOptions *options,
                          IkQuestionRecord      *record)
{
  GPtrArray *lines;
  const char * const *texts;
  IkStarFlags star;
  guint n_areas;
  guint n_covered;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (record), NULL);

  lines = g_ptr_array_new_with_free_func (g_free);
  if (ik_question_record_get_skipped (record))
    {
      g_ptr_array_add (lines, g_strdup (_("Skipped: this question was not asked")));
      return lines;
    }

  texts = ik_question_get_areas (ik_question_record_get_question (record));
  n_areas = ik_question_record_get_n_areas (record);
  n_covered = ik_question_record_get_n_areas_covered (record);
  if (n_covered > 0)
    {
      g_autoptr(GPtrArray) covered = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      g_autofree char *scrubbed = NULL;

      for (guint a = 0; texts != NULL && texts[a] != NULL; a++)
        if (ik_question_record_get_area_covered (record, a))
          g_ptr_array_add (covered, (gpointer) texts[a]);
      g_ptr_array_add (covered, NULL);
      joined = g_strjoinv (_(", "), (GStrv) covered->pdata);
      scrubbed = ik_export_scrub_text (session, options, joined);
      /* Translators: %u of %u are numbers, %s the areas ticked */
      g_ptr_array_add (lines, g_strdup_printf (_("Areas covered: %u of %u (%s)"), n_covered, n_areas, scrubbed));
    }
  else
    g_ptr_array_add (lines, g_strdup_printf (_("Areas covered: %u of %u"), n_covered, n_areas));

  if (ik_question_record_get_no_experience (record))
    g_ptr_array_add (lines, g_strdup (_("No direct experience: a gap to probe elsewhere, not a fail")));

  star = ik_question_record_get_star (record);
  if (star != IK_STAR_NONE || !ik_question_record_get_no_experience (record))
    {
      g_autofree char *heard = star_part_names (star, TRUE);
      g_autofree char *missing = star_part_names (star, FALSE);

      /* Translators: both %s are lists of STAR parts, e.g. "Situation, Action", or "none" */
      g_ptr_array_add (lines, g_strdup_printf (_("STAR heard: %s; missing: %s"),
                                               heard[0] != '\0' ? heard : _("none"),
                                               missing[0] != '\0' ? missing : _("none")));
    }
  return lines;
}

/**
 * ik_export_find_record:
 * @position: (out) (optional): the index of the record in the session
 *
 * Returns: (transfer none) (nullable): the record of the question with id
 *   @question_id
 */
IkQuestionRecord *
ik_export_find_record (IkSession  *session,
                       const char *question_id,
                       guint      *position)
{
  GListModel *records;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  records = ik_session_get_records (session);
  for (guint i = 0; question_id != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

      if (g_strcmp0 (ik_question_get_id (ik_question_record_get_question (record)), question_id) == 0)
        {
          if (position != NULL)
            *position = i;
          /* The session keeps its own reference. */
          return record;
        }
    }
  return NULL;
}

static char *
format_time (GDateTime *when)
{
  if (when == NULL)
    return g_strdup ("");
  return g_date_time_format (when, "%Y-%m-%d %H:%M %:z");
}

static const char *
competency_name (IkCompetencyRating *rating)
{
  const char *name = ik_competency_rating_get_competency_name (rating);

  return !ik_str_is_blank (name) ? name : ik_competency_rating_get_competency_id (rating);
}

/* HTML ------------------------------------------------------------------- */

static void
html_text (GString    *out,
           const char *text)
{
  g_autofree char *shown = ik_export_show_bidi_controls (text);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  g_string_append (out, escaped);
}

/* Free text keeps its line breaks through CSS (white-space: pre-wrap). */
static void
html_block (GString               *out,
            IkSession             *session,
            const IkExportOptions *options,
            const char            *css_class,
            const char            *text)
{
  g_autofree char *scrubbed = ik_export_scrub_text (session, options, text);

  g_string_append_printf (out, "<div class=\"%s\">", css_class);
  html_text (out, scrubbed);
  g_string_append (out, "</div>\n");
}

static void
html_meta (GString    *out,
           const char *label,
           const char *value)
{
  g_string_append (out, "<tr><th scope=\"row\">");
  html_text (out, label);
  g_string_append (out, "</th><td>");
  html_text (out, value);
  g_string_append (out, "</td></tr>\n");
}

static const char html_style[] =
  "body{font-family:Cantarell,'Noto Sans',system-ui,sans-serif;color:#1e1e1e;"
  "background:#fff;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.45}"
  "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;"
  "padding-bottom:.2em;margin-top:1.6em}h3{font-size:1.05em;margin-bottom:.3em}"
  "table.meta th{text-align:left;padding-right:1em;font-weight:600;vertical-align:top}"
  ".rating{font-weight:700}.anchor{color:#555;font-style:italic}"
  ".text{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid #ccc;"
  "padding-left:.6em;margin:.3em 0}.muted{color:#555}"
  ".competency,.question{break-inside:avoid;page-break-inside:avoid}"
  ".seal{font-family:monospace;overflow-wrap:anywhere}"
  ".altered{border:2px solid #c01c28;color:#a51d2d;font-weight:700;padding:.5em .8em}"
  "@media print{body{margin:0;max-width:none}h2{break-after:avoid}}";

/**
 * ik_scorecard_export_html:
 * @session: the session whose scorecard to export
 * @bank: (nullable): the bank of the session, for the anchors
 * @options: what to leave out
 *
 * A self-contained HTML5 document (inline style, no script, no external
 * resource) that prints well. Every user string is escaped, attributes
 * included, so nothing typed in a note can become markup.
 *
 * Returns: (transfer full): the document
 */
char *
ik_scorecard_export_html (IkSession             *session,
                          IkBank                *bank,
                          const IkExportOptions *options)
{
  IkScorecard *scorecard;
  GListModel *ratings;
  GListModel *records;
  GListModel *revisions;
  g_autofree char *candidate = NULL;
  g_autofree char *scheduled = NULL;
  g_autofree char *submitted = NULL;
  IkSeniority seniority;
  GString *out;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank == NULL || IK_IS_BANK (bank), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  records = ik_session_get_records (session);
  revisions = ik_scorecard_get_revisions (scorecard);
  candidate = ik_export_candidate_label (session, options);
  scheduled = format_time (ik_session_get_scheduled (session));
  submitted = format_time (ik_scorecard_get_submitted (scorecard));
  seniority = ik_session_get_seniority (session);

  out = g_string_new ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
  /* Nothing but the inline style may load or run, even if escaping failed. */
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" "
                        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
  /* Translators: the title of an exported scorecard; %s is the candidate */
  {
    g_autofree char *title = g_strdup_printf (_("Scorecard: %s"), candidate);
    html_text (out, title);
    g_string_append (out, "</title>\n<style>");
    g_string_append (out, html_style);
    g_string_append (out, "</style>\n</head>\n<body>\n<header>\n<h1>");
    html_text (out, title);
    g_string_append (out, "</h1>\n");
  }
  if (ik_scorecard_get_altered (scorecard))
    {
      g_string_append (out, "<p class=\"altered\" role=\"alert\">");
      html_text (out, ik_export_altered_warning ());
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<table class=\"meta\">\n");
  html_meta (out, _("Candidate"), candidate);
  html_meta (out, _("Role"), ik_session_get_role (session));
  html_meta (out, _("Seniority"), ik_export_seniority_label (seniority));
  html_meta (out, _("Interviewer"), ik_session_get_interviewer (session));
  html_meta (out, _("Date"), scheduled);
  html_meta (out, _("Question bank"), ik_session_get_bank_title (session));
  html_meta (out, _("Recommendation"),
             ik_export_recommendation_label (ik_scorecard_get_recommendation (scorecard)));
  g_string_append (out, "</table>\n</header>\n");

  g_string_append (out, "<section>\n<h2>");
  html_text (out, _("Key Takeaways"));
  g_string_append (out, "</h2>\n");
  if (!ik_str_is_blank (ik_scorecard_get_summary (scorecard)))
    html_block (out, session, options, "text", ik_scorecard_get_summary (scorecard));
  else
    {
      g_string_append (out, "<p class=\"muted\">");
      html_text (out, _("No summary was written."));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</section>\n");

  g_string_append (out, "<section>\n<h2>");
  html_text (out, _("Competencies"));
  g_string_append (out, "</h2>\n");
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      int level = ik_competency_rating_get_rating (rating);
      const char *anchor = ik_export_anchor (bank, ik_competency_rating_get_competency_id (rating),
                                             level, seniority);
      const char * const *sources = ik_competency_rating_get_evidence_questions (rating);
      g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (session,
                                                              ik_competency_rating_get_competency_id (rating));

      g_string_append (out, "<div class=\"competency\">\n<h3>");
      html_text (out, competency_name (rating));
      g_string_append (out, "</h3>\n<p><span class=\"rating\">");
      html_text (out, ik_export_rating_label (level));
      g_string_append (out, "</span>");
      if (anchor != NULL)
        {
          g_string_append (out, " — <span class=\"anchor\">");
          html_text (out, anchor);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</p>\n");

      if (!ik_str_is_blank (ik_competency_rating_get_evidence (rating)))
        html_block (out, session, options, "text", ik_competency_rating_get_evidence (rating));
      else
        {
          g_string_append (out, "<p class=\"muted\">");
          html_text (out, _("No evidence was recorded."));
          g_string_append (out, "</p>\n");
        }

      for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
        {
          guint position = 0;

          if (ik_export_find_record (session, sources[s], &position) == NULL)
            continue;
          /* The fragment is built from an index, never from user text. */
          g_string_append_printf (out, "<p class=\"muted\"><a href=\"#question-%u\">", position + 1);
          {
            g_autofree char *label = g_strdup_printf (_("Evidence from question %u"), position + 1);
            html_text (out, label);
          }
          g_string_append (out, "</a></p>\n");
        }

      if (areas->len > 0)
        {
          g_string_append (out, "<p class=\"muted\">");
          html_text (out, _("Areas never probed:"));
          g_string_append (out, "</p>\n<ul>\n");
          for (guint a = 0; a < areas->len; a++)
            {
              g_string_append (out, "<li>");
              html_text (out, g_ptr_array_index (areas, a));
              g_string_append (out, "</li>\n");
            }
          g_string_append (out, "</ul>\n");
        }
      g_string_append (out, "</div>\n");
    }
  g_string_append (out, "</section>\n");

  g_string_append (out, "<section>\n<h2>");
  html_text (out, _("Questions"));
  g_string_append (out, "</h2>\n");
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      int level = ik_question_record_get_rating (record);
      g_autoptr(GPtrArray) marks = ik_export_question_marks (session, options, record);

      g_string_append_printf (out, "<div class=\"question\" id=\"question-%u\">\n<h3>%u. ", i + 1, i + 1);
      html_text (out, ik_question_get_text (question));
      g_string_append (out, "</h3>\n<p class=\"muted\">");
      html_text (out, g_ptr_array_index (marks, 0));
      if (level != IK_RATING_UNRATED)
        {
          g_autofree char *rated = g_strdup_printf (_(" · Rating: %s"), ik_export_rating_label (level));
          html_text (out, rated);
        }
      g_string_append (out, "</p>\n");
      for (guint m = 1; m < marks->len; m++)
        {
          g_string_append (out, "<p class=\"muted\">");
          html_text (out, g_ptr_array_index (marks, m));
          g_string_append (out, "</p>\n");
        }
      if (options->include_notes && !ik_str_is_blank (ik_question_record_get_notes (record)))
        html_block (out, session, options, "text", ik_question_record_get_notes (record));
      g_string_append (out, "</div>\n");
    }
  g_string_append (out, "</section>\n");

  g_string_append (out, "<footer>\n<h2>");
  html_text (out, _("Seal"));
  g_string_append (out, "</h2>\n");
  if (ik_scorecard_get_seal (scorecard) != NULL)
    {
      g_string_append (out, "<table class=\"meta\">\n");
      html_meta (out, _("Submitted"), submitted);
      g_string_append (out, "<tr><th scope=\"row\">");
      html_text (out, _("SHA-256 seal"));
      g_string_append (out, "</th><td class=\"seal\">");
      html_text (out, ik_scorecard_get_seal (scorecard));
      g_string_append (out, "</td></tr>\n</table>\n");
      if (ik_scorecard_get_altered (scorecard))
        {
          g_string_append (out, "<p class=\"altered\">");
          html_text (out, ik_export_altered_label ());
          g_string_append (out, "</p>\n");
        }
    }
  else
    {
      g_string_append (out, "<p class=\"muted\">");
      html_text (out, _("This scorecard has not been submitted."));
      g_string_append (out, "</p>\n");
    }
  if (g_list_model_get_n_items (revisions) > 0)
    {
      g_string_append (out, "<h3>");
      html_text (out, _("Amendments"));
      g_string_append (out, "</h3>\n<ul>\n");
      for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
        {
          g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, i);
          g_autofree char *when = format_time (ik_scorecard_revision_get_time (revision));
          g_autofree char *reason = ik_export_scrub_text (session, options,
                                                          ik_scorecard_revision_get_reason (revision));

          g_string_append (out, "<li>");
          html_text (out, when);
          g_string_append (out, " — ");
          html_text (out, reason);
          g_string_append (out, " <span class=\"seal\">(");
          html_text (out, ik_scorecard_revision_get_seal (revision));
          g_string_append (out, ")</span>");
          if (ik_scorecard_revision_get_altered (revision))
            {
              g_string_append (out, " <strong class=\"altered\">");
              html_text (out, ik_export_altered_label ());
              g_string_append (out, "</strong>");
            }
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</footer>\n</body>\n</html>\n");

  return g_string_free (out, FALSE);
}

/* Markdown --------------------------------------------------------------- */

/**
 * ik_markdown_escape:
 * @text: (nullable): user text
 *
 * Makes @text inert in CommonMark and GitHub Markdown: HTML is written as
 * entities, link and emphasis syntax is backslash-escaped, and what would
 * start a block at the beginning of a line (headings, lists, quotes, rules,
 * indented code) is neutralised. Line breaks are kept as hard breaks.
 * Bidirectional controls are shown (ik_export_show_bidi_controls()).
 *
 * Returns: (transfer full): the escaped text
 */
char *
ik_markdown_escape (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *shown = NULL;
  gboolean line_start = TRUE;

  if (text == NULL)
    return g_string_free (out, FALSE);
  shown = ik_export_show_bidi_controls (text);
  text = shown;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\r')
        continue;
      if (c == '\n')
        {
          /* A backslash before the newline is a hard line break. */
          if (!line_start)
            g_string_append (out, "\\\n");
          else
            g_string_append (out, "\n");
          line_start = TRUE;
          continue;
        }
      if (line_start)
        {
          /* Indentation would turn the line into a code block. */
          if (c == ' ' || c == '\t')
            continue;
          line_start = FALSE;
          if (c == '-' || c == '+' || c == '=')
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, c);
              continue;
            }
          if (g_ascii_isdigit (c))
            {
              /* “1.” or “1)” would start an ordered list. */
              while (g_ascii_isdigit (*p))
                g_string_append_c (out, *p++);
              if (*p == '.' || *p == ')')
                g_string_append_c (out, '\\');
              p--;
              continue;
            }
        }
      switch (c)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '\\': case '`': case '*': case '_': case '[': case ']':
        case '(': case ')': case '#': case '|': case '~': case '!':
        case '{': case '}':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        default:
          g_string_append_c (out, c);
        }
    }
  /* A trailing hard break would dangle. */
  while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == '\\'))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
md_text (GString    *out,
         const char *text)
{
  g_autofree char *escaped = ik_markdown_escape (text);

  g_string_append (out, escaped);
}

/* User paragraphs go into a block quote so that they stand apart from the
 * document's own structure; every line gets its own “> ”. */
static void
md_quote (GString               *out,
          IkSession             *session,
          const IkExportOptions *options,
          const char            *text)
{
  g_autofree char *scrubbed = ik_export_scrub_text (session, options, text);
  g_autofree char *escaped = ik_markdown_escape (scrubbed);
  g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, lines[i][0] != '\0' ? "> %s\n" : ">%s\n", lines[i]);
  g_string_append_c (out, '\n');
}

static void
md_meta (GString    *out,
         const char *label,
         const char *value)
{
  g_string_append (out, "- **");
  md_text (out, label);
  g_string_append (out, ":** ");
  md_text (out, value);
  g_string_append (out, "\n");
}

/**
 * ik_scorecard_export_markdown:
 * @bank: (nullable): the bank of the session, for the anchors
 *
 * The scorecard as a Markdown document; user text is escaped with
 * ik_markdown_escape().
 *
 * Returns: (transfer full): the document
 */
char *
ik_scorecard_export_markdown (IkSession             *session,
                              IkBank                *bank,
                              const IkExportOptions *options)
{
  IkScorecard *scorecard;
  GListModel *ratings;
  GListModel *records;
  GListModel *revisions;
  g_autofree char *candidate = NULL;
  g_autofree char *scheduled = NULL;
  g_autofree char *title = NULL;
  IkSeniority seniority;
  GString *out;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank == NULL || IK_IS_BANK (bank), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  records = ik_session_get_records (session);
  revisions = ik_scorecard_get_revisions (scorecard);
  candidate = ik_export_candidate_label (session, options);
  scheduled = format_time (ik_session_get_scheduled (session));
  seniority = ik_session_get_seniority (session);
  title = g_strdup_printf (_("Scorecard: %s"), candidate);

  out = g_string_new ("# ");
  md_text (out, title);
  g_string_append (out, "\n\n");
  if (ik_scorecard_get_altered (scorecard))
    {
      g_string_append (out, "> **⚠ ");
      md_text (out, ik_export_altered_warning ());
      g_string_append (out, "**\n\n");
    }
  md_meta (out, _("Candidate"), candidate);
  md_meta (out, _("Role"), ik_session_get_role (session));
  md_meta (out, _("Seniority"), ik_export_seniority_label (seniority));
  md_meta (out, _("Interviewer"), ik_session_get_interviewer (session));
  md_meta (out, _("Date"), scheduled);
  md_meta (out, _("Question bank"), ik_session_get_bank_title (session));
  md_meta (out, _("Recommendation"),
           ik_export_recommendation_label (ik_scorecard_get_recommendation (scorecard)));

  g_string_append (out, "\n## ");
  md_text (out, _("Key Takeaways"));
  g_string_append (out, "\n\n");
  if (!ik_str_is_blank (ik_scorecard_get_summary (scorecard)))
    md_quote (out, session, options, ik_scorecard_get_summary (scorecard));
  else
    {
      md_text (out, _("No summary was written."));
      g_string_append (out, "\n\n");
    }

  g_string_append (out, "## ");
  md_text (out, _("Competencies"));
  g_string_append (out, "\n\n");
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      const char *id = ik_competency_rating_get_competency_id (rating);
      int level = ik_competency_rating_get_rating (rating);
      const char *anchor = ik_export_anchor (bank, id, level, seniority);
      const char * const *sources = ik_competency_rating_get_evidence_questions (rating);
      g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (session, id);

      g_string_append (out, "### ");
      md_text (out, competency_name (rating));
      g_string_append (out, "\n\n**");
      md_text (out, ik_export_rating_label (level));
      g_string_append (out, "**");
      if (anchor != NULL)
        {
          g_string_append (out, " — *");
          md_text (out, anchor);
          g_string_append (out, "*");
        }
      g_string_append (out, "\n\n");

      if (!ik_str_is_blank (ik_competency_rating_get_evidence (rating)))
        md_quote (out, session, options, ik_competency_rating_get_evidence (rating));
      else
        {
          md_text (out, _("No evidence was recorded."));
          g_string_append (out, "\n\n");
        }

      for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
        {
          guint position = 0;
          g_autofree char *label = NULL;

          if (ik_export_find_record (session, sources[s], &position) == NULL)
            continue;
          label = g_strdup_printf (_("Evidence from question %u"), position + 1);
          g_string_append (out, "*");
          md_text (out, label);
          g_string_append (out, "*\n\n");
        }

      if (areas->len > 0)
        {
          md_text (out, _("Areas never probed:"));
          g_string_append (out, "\n\n");
          for (guint a = 0; a < areas->len; a++)
            {
              g_string_append (out, "- ");
              md_text (out, g_ptr_array_index (areas, a));
              g_string_append (out, "\n");
            }
          g_string_append (out, "\n");
        }
    }

  g_string_append (out, "## ");
  md_text (out, _("Questions"));
  g_string_append (out, "\n\n");
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      int level = ik_question_record_get_rating (record);
      g_autoptr(GPtrArray) marks = ik_export_question_marks (session, options, record);

      g_string_append_printf (out, "### %u\\. ", i + 1);
      md_text (out, ik_question_get_text (question));
      g_string_append (out, "\n\n");
      md_text (out, g_ptr_array_index (marks, 0));
      if (level != IK_RATING_UNRATED)
        {
          g_autofree char *rated = g_strdup_printf (_(" · Rating: %s"), ik_export_rating_label (level));
          md_text (out, rated);
        }
      g_string_append (out, "\n\n");
      for (guint m = 1; m < marks->len; m++)
        {
          g_string_append (out, "- ");
          md_text (out, g_ptr_array_index (marks, m));
          g_string_append (out, "\n");
        }
      if (marks->len > 1)
        g_string_append (out, "\n");
      if (options->include_notes && !ik_str_is_blank (ik_question_record_get_notes (record)))
        md_quote (out, session, options, ik_question_record_get_notes (record));
    }

  g_string_append (out, "## ");
  md_text (out, _("Seal"));
  g_string_append (out, "\n\n");
  if (ik_scorecard_get_seal (scorecard) != NULL)
    {
      g_autofree char *submitted = format_time (ik_scorecard_get_submitted (scorecard));

      md_meta (out, _("Submitted"), submitted);
      g_string_append (out, "- **");
      md_text (out, _("SHA-256 seal"));
      g_string_append_printf (out, ":** `%s`\n", ik_scorecard_get_seal (scorecard));
      if (ik_scorecard_get_altered (scorecard))
        {
          g_string_append (out, "- **");
          md_text (out, ik_export_altered_label ());
          g_string_append (out, "**\n");
        }
    }
  else
    {
      md_text (out, _("This scorecard has not been submitted."));
      g_string_append (out, "\n");
    }
  if (g_list_model_get_n_items (revisions) > 0)
    {
      g_string_append (out, "\n### ");
      md_text (out, _("Amendments"));
      g_string_append (out, "\n\n");
      for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
        {
          g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, i);
          g_autofree char *when = format_time (ik_scorecard_revision_get_time (revision));
          g_autofree char *reason = ik_export_scrub_text (session, options,
                                                          ik_scorecard_revision_get_reason (revision));

          g_string_append (out, "- ");
          md_text (out, when);
          g_string_append (out, " — ");
          md_text (out, reason);
          g_string_append (out, " (");
          md_text (out, ik_scorecard_revision_get_seal (revision));
          g_string_append (out, ")");
          if (ik_scorecard_revision_get_altered (revision))
            {
              g_string_append (out, " — **");
              md_text (out, ik_export_altered_label ());
              g_string_append (out, "**");
            }
          g_string_append (out, "\n");
        }
    }

  return g_string_free (out, FALSE);
}

/* CSV -------------------------------------------------------------------- */

/**
 * ik_csv_escape_cell:
 * @text: (nullable): a cell value
 *
 * Quotes a cell as RFC 4180 says (always in double quotes, inner quotes
 * doubled), after neutralising spreadsheet formulas: a cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
 * Bidirectional controls are shown (ik_export_show_bidi_controls()).
 *
 * Returns: (transfer full): the quoted cell
 */
char *
ik_csv_escape_cell (const char *text)
{
  GString *out = g_string_new ("\"");
  g_autofree char *shown = ik_export_show_bidi_controls (text);

  text = shown;
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
csv_row (GString            *out,
         const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = ik_csv_escape_cell (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, cell);
    }
  g_string_append (out, "\r\n");
}

static char *
csv_rating (int rating)
{
  if (rating == IK_RATING_NOT_ASSESSED)
    return g_strdup ("not-assessed");
  if (rating >= 1 && rating <= IK_RATING_MAX)
    return g_strdup_printf ("%d", rating);
  return g_strdup ("");
}

/* The marks of every question assessing @competency_id, one question a
 * line: "Question 2: Areas covered: 1 of 3 (…); STAR heard: …". */
static char *
csv_question_marks (IkSession             *session,
                    const IkExportOptions *options,
                    const char            *competency_id)
{
  GListModel *records = ik_session_get_records (session);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      g_autoptr(GPtrArray) marks = NULL;
      g_autofree char *joined = NULL;

      if (!g_strv_contains (ik_question_get_competencies (question), competency_id))
        continue;
      marks = ik_export_question_marks (session, options, record);
      g_ptr_array_add (marks, NULL);
      joined = g_strjoinv ("; ", (GStrv) marks->pdata);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: %u is the number of a question, %s what was marked on it */
      g_string_append_printf (out, _("Question %u: %s"), i + 1, joined);
    }
  return g_string_free (out, FALSE);
}

/**
 * ik_scorecard_export_csv:
 * @bank: (nullable): the bank of the session, for the anchors
 *
 * One header row, then one row per competency, with the session's context
 * repeated on each row so that rows of many candidates can be pasted into
 * one sheet. Rows end with CRLF (RFC 4180). Private notes are never part of
 * the CSV: it holds the rating, its anchor and the evidence. The column
 * `question_marks` holds what was marked in the room on each question
 * assessing the competency (ik_export_question_marks()), one question a
 * line. The last column, `altered`, holds ik_export_altered_warning() on
 * every row of a scorecard changed outside Interview Kit after it was
 * submitted.
 *
 * Returns: (transfer full): the CSV text
 */
char *
ik_scorecard_export_csv (IkSession             *session,
                         IkBank                *bank,
                         const IkExportOptions *options)
{
  static const char * const header[] = {
    "candidate", "candidate_id", "role", "seniority", "interviewer", "date",
    "competency_id", "competency", "rating", "anchor", "evidence",
    "evidence_questions", "areas_not_covered", "recommendation", "submitted",
    "seal", "question_marks", "altered", NULL
  };
  IkScorecard *scorecard;
  GListModel *ratings;
  g_autofree char *candidate = NULL;
  g_autofree char *date = NULL;
  g_autofree char *submitted = NULL;
  const char *candidate_id;
  IkSeniority seniority;
  GString *out;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank == NULL || IK_IS_BANK (bank), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  candidate = ik_export_candidate_label (session, options);
  candidate_id = session_candidate_id (session);
  seniority = ik_session_get_seniority (session);
  date = ik_session_get_scheduled (session) != NULL
           ? g_date_time_format_iso8601 (ik_session_get_scheduled (session)) : g_strdup ("");
  submitted = ik_scorecard_get_submitted (scorecard) != NULL
                ? g_date_time_format_iso8601 (ik_scorecard_get_submitted (scorecard)) : g_strdup ("");

  out = g_string_new (NULL);
  csv_row (out, header);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      const char *id = ik_competency_rating_get_competency_id (rating);
      int level = ik_competency_rating_get_rating (rating);
      g_autofree char *level_text = csv_rating (level);
      g_autofree char *evidence = ik_export_scrub_text (session, options,
                                                        ik_competency_rating_get_evidence (rating));
      const char * const *sources = ik_competency_rating_get_evidence_questions (rating);
      g_autofree char *sources_text = sources != NULL ? g_strjoinv (" ", (GStrv) sources) : g_strdup ("");
      g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (session, id);
      g_autofree char *areas_text = NULL;
      const char *anchor = ik_export_anchor (bank, id, level, seniority);
      g_autofree char *marks_text = csv_question_marks (session, options, id);
      const char *cells[G_N_ELEMENTS (header)];

      g_ptr_array_add (areas, NULL);
      areas_text = g_strjoinv ("; ", (GStrv) areas->pdata);

      cells[0] = candidate;
      /* The id of a pseudonymised export must not lead back to the person. */
      cells[1] = options->pseudonymise ? "" : candidate_id;
      cells[2] = ik_session_get_role (session);
      cells[3] = ik_enum_to_nick (IK_TYPE_SENIORITY, seniority);
      cells[4] = ik_session_get_interviewer (session);
      cells[5] = date;
      cells[6] = id;
      cells[7] = competency_name (rating);
      cells[8] = level_text;
      cells[9] = anchor != NULL ? anchor : "";
      cells[10] = evidence;
      cells[11] = sources_text;
      cells[12] = areas_text;
      cells[13] = ik_enum_to_nick (IK_TYPE_RECOMMENDATION, ik_scorecard_get_recommendation (scorecard));
      cells[14] = submitted;
      cells[15] = ik_scorecard_get_seal (scorecard) != NULL ? ik_scorecard_get_seal (scorecard) : "";
      cells[16] = marks_text;
      cells[17] = ik_scorecard_get_altered (scorecard) ? ik_export_altered_warning () : "";
      cells[18] = NULL;
      csv_row (out, cells);
    }
  return g_string_free (out, FALSE);
}

/* JSON ------------------------------------------------------------------- */

/* Returns a deep, unsealed copy of @node (the model's nodes are sealed and
 * cannot be edited) with nothing left that identifies the candidate: see
 * IkExportOptions. */
static JsonNode *
json_copy_pseudonymised (JsonNode              *node,
                         IkSession             *session,
                         const IkExportOptions *options,
                         const char            *pseudonym,
                         const char            *session_code)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *o = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        g_autoptr(GList) members = json_object_get_members (o);

        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *name = l->data;
            JsonNode *member = json_object_get_member (o, name);
            gboolean text = JSON_NODE_HOLDS_VALUE (member) &&
                            json_node_get_value_type (member) == G_TYPE_STRING;

            if (g_str_equal (name, "candidate_id"))
              continue;
            if (text && g_str_equal (name, "seal"))
              {
                /* Still 64 hexadecimal digits, as a reader expects. */
                g_autofree char *code = options->pseudonym_key != NULL
                                          ? keyed_digest (options->pseudonym_key, "seal", json_node_get_string (member))
                                          : g_strnfill (64, '0');

                json_object_set_string_member (copy, name, code);
              }
            else if (text && (g_str_equal (name, "id") || g_str_equal (name, "session_id")) &&
                     g_strcmp0 (json_node_get_string (member), ik_session_get_id (session)) == 0)
              json_object_set_string_member (copy, name, session_code);
            else if (text && (g_str_equal (name, "id") || g_str_has_suffix (name, "_id")))
              /* Other ids (banks, questions, competencies) are no text of
               * the candidate's, and rewriting one would break the file. */
              json_object_set_member (copy, name, json_node_copy (member));
            else
              json_object_set_member (copy, name,
                                      json_copy_pseudonymised (member, session, options, pseudonym, session_code));
          }
        return json_node_init_object (json_node_alloc (), copy);
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (a));

        for (guint i = 0; i < json_array_get_length (a); i++)
          json_array_add_element (copy, json_copy_pseudonymised (json_array_get_element (a, i),
                                                                 session, options, pseudonym, session_code));
        return json_node_init_array (json_node_alloc (), copy);
      }
    case JSON_NODE_VALUE:
      /* A number kept as its text (an unknown member's 1.5) is no text of
       * the candidate's: rewriting it would break it. */
      if (ik_json_node_get_number_text (node) != NULL)
        return json_node_copy (node);
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *replaced = replace_identifiers (session, json_node_get_string (node), pseudonym);

          return json_node_init_string (json_node_alloc (), replaced);
        }
      return json_node_copy (node);
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * ik_scorecard_export_json:
 * @length: (out) (optional): the length of the result
 *
 * The session document as stored in the library, without the private notes
 * of its questions and with the candidate pseudonymised when @options asks.
 * An altered scorecard, and every altered revision, carries `"altered":
 * true` there (see data/schemas/session.schema.json). Bidirectional
 * controls are written as `\u202e` escapes: the same strings, shown.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 */
char *
ik_scorecard_export_json (IkSession             *session,
                          const IkExportOptions *options,
                          gsize                 *length,
                          GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) copy = NULL;
  g_autofree char *data = NULL;
  g_autofree char *shown = NULL;
  GListModel *records;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  root = ik_session_to_json (session);
  if (!options->include_notes)
    {
      /* Edit a copy made through the file format, so that the exported
       * document is exactly what the library would store, minus the notes. */
      copy = ik_session_new_from_json (root, error);
      if (copy == NULL)
        return NULL;

      records = ik_session_get_records (copy);
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

          ik_question_record_set_notes (record, "");
        }
      g_clear_pointer (&root, json_node_unref);
      root = ik_session_to_json (copy);
    }

  if (options->pseudonymise)
    {
      g_autofree char *pseudonym = session_pseudonym (session, options);
      g_autofree char *session_code = NULL;
      JsonNode *replaced;

      /* A valid id (at most 64 characters) that leads back to no file. */
      if (options->pseudonym_key != NULL)
        session_code = keyed_digest (options->pseudonym_key, "session", ik_session_get_id (session));
      else
        session_code = g_strdup ("session");
      session_code[MIN (strlen (session_code), 32)] = '\0';
      replaced = json_copy_pseudonymised (root, session, options, pseudonym, session_code);
      json_object_set_string_member (json_node_get_object (replaced), "candidate_name", pseudonym);
      g_clear_pointer (&root, json_node_unref);
      root = replaced;
    }

  data = ik_json_to_data (root, length, error);
  if (data == NULL)
    return NULL;
  /* The same text, but a viewer shows "\u202e" instead of reversing it.
   * These characters can only stand inside strings. */
  shown = replace_bidi_controls (data, TRUE);
  if (length != NULL)
    *length = strlen (shown);
  return g_steal_pointer (&shown);
}

/**
 * ik_scorecard_export:
 * @bank: (nullable): the bank of the session
 * @format: any format but %IK_EXPORT_FORMAT_PDF, which needs cairo and is
 *   made by ik_pdf_export_to_bytes() in the UI library
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full) (nullable): the export, or %NULL with @error
 */
char *
ik_scorecard_export (IkSession             *session,
                     IkBank                *bank,
                     const IkExportOptions *options,
                     IkExportFormat         format,
                     gsize                 *length,
                     GError               **error)
{
  char *data = NULL;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  switch (format)
    {
    case IK_EXPORT_FORMAT_HTML:
      data = ik_scorecard_export_html (session, bank, options);
      break;
    case IK_EXPORT_FORMAT_MARKDOWN:
      data = ik_scorecard_export_markdown (session, bank, options);
      break;
    case IK_EXPORT_FORMAT_CSV:
      data = ik_scorecard_export_csv (session, bank, options);
      break;
    case IK_EXPORT_FORMAT_JSON:
      return ik_scorecard_export_json (session, options, length, error);
    case IK_EXPORT_FORMAT_PDF:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This format cannot be written here"));
      return NULL;
    }

  if (length != NULL)
    *length = strlen (data);
  return data;
}
