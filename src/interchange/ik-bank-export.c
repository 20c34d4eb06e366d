/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bank-export.c: banks as plain-text guides and Markdown.
 *
 * Both writers work on the bank's JSON document (ik_bank_to_json()), so they
 * see exactly what the bank file holds, unknown members included.
 *
 * Plain-text guide (ik_bank_to_guide_text()): the format ik_guide_import()
 * reads. It keeps the title, the description, every question with its areas
 * and follow-ups, and every guidance entry. It is plain text, so it cannot
 * keep ids, minutes, competencies or tags, and line breaks inside a field
 * are normalised: in the description and answers any run of line breaks
 * becomes a paragraph break, in one-line fields (title, question, item,
 * FAQ question) a space. Texts that would read as structure do not survive
 * either: a question starting with a bullet or number, a description line
 * that is a header (“Interview Questions”), an FAQ question that does not end
 * with “?” or an answer paragraph that does.
 *
 * Markdown (ik_bank_to_markdown(), ik_bank_from_markdown()) is readable and
 * lossless. The mapping:
 *
 *   <!-- interview-kit-bank: {JSON} -->   every bank member not shown below
 *   # <title>
 *   <description>
 *   ## Guidance
 *   ### <question>                        one per guidance entry
 *   [<!-- interview-kit-guidance: {JSON} -->]
 *   <answer>
 *   ## Competencies
 *   ### <name>
 *   <!-- interview-kit-competency: {JSON} -->   id and other members
 *   <description>
 *   #### Level <n>                        one per anchors[] entry
 *   <text>                                the general anchor
 *   - **Junior:** <text>                  junior, mid, senior, lead
 *   ## Questions
 *   ### <text>
 *   <!-- interview-kit-question: {JSON} -->     id and other members
 *   **Minutes:** <n>
 *   **Areas to cover:**      then “- <item>” lines; likewise
 *   **Follow-up questions:** (follow_ups), **Competencies:** (“- <name>
 *   (`<id>`)”, only the id is read back) and **Tags:**; an empty list is
 *   left out (a missing list reads as empty)
 *
 * User text is escaped so it can never be read as structure and renders as
 * written: a backslash before \ ` * _ [ ] < > # | ~ & anywhere and before a
 * leading - + = or the “.”/“)” of a leading number, numeric character
 * references for leading and trailing white space; a line break inside a
 * text block ends the line with a backslash (a Markdown hard break), a blank
 * line inside it stays blank. The labels and headings are format keywords,
 * not translated, so files read the same in every locale.
 *
 * A member is only shown as Markdown when showing it round-trips exactly
 * (checked while writing: for example a text with a leading line break, a
 * list item with a line break or an empty general anchor does not). A member
 * that does not is kept in the entity's JSON comment, which wins over the
 * readable text when reading; the readable text then shows it with line
 * breaks and control characters as spaces. The JSON in comments has “<” and
 * “>” written as \u003c and \u003e so it can never end the comment.
 *
 * Reading rebuilds the bank's JSON document and hands it to
 * ik_bank_new_from_json(), so everything the bank file keeps is kept.
 */
#include "config.h"

#include "ik-bank-export.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ik-document.h"
#include "ik-guide-import.h"
#include "ik-json.h"

#define GUIDANCE_MARKER "<!-- interview-kit-guidance:"
#define COMPETENCY_MARKER "<!-- interview-kit-competency:"
#define QUESTION_MARKER "<!-- interview-kit-question:"
#define MARKER_END " -->"

static const char * const seniority_members[] = { "junior", "mid", "senior", "lead" };
static const char * const seniority_labels[] = { "Junior", "Mid", "Senior", "Lead" };

/* Question lists, in the order they are written. */
static const struct
{
  const char *member;
  const char *label;
} question_lists[] = {
  { "areas", "**Areas to cover:**" },
  { "follow_ups", "**Follow-up questions:**" },
  { "competencies", "**Competencies:**" },
  { "tags", "**Tags:**" },
};

#define MINUTES_LABEL "**Minutes:**"

/* ------------------------------------------------------------------ */
/* Small JSON helpers                                                   */

static const char *
object_get_string (JsonObject *o,
                   const char *member)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
object_get_array (JsonObject *o,
                  const char *member)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* ------------------------------------------------------------------ */
/* Escaping                                                             */

static gboolean
has_control_chars (const char *text,
                   gboolean    allow_newline)
{
  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\t' && !(allow_newline && *p == '\n'))
        || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Writes one line of user text (no line break in it) so that Markdown shows
 * it literally and md_unescape_line() gives it back. */
static void
md_escape_line (GString    *out,
                const char *text)
{
  const char *p = text;
  const char *end = text + strlen (text);
  gboolean at_start = TRUE;

  while (*p == ' ' || *p == '\t')
    g_string_append_printf (out, "&#%d;", *p++);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  while (p < end)
    {
      char c = *p;

      if (strchr ("\\`*_[]<>#|~&", c) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          p++;
        }
      else if (at_start && strchr ("-+=", c) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          p++;
        }
      else if (at_start && g_ascii_isdigit (c))
        {
          while (p < end && g_ascii_isdigit (*p))
            g_string_append_c (out, *p++);
          if (p < end && (*p == '.' || *p == ')'))
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, *p++);
            }
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
      at_start = FALSE;
    }

  for (; *end != '\0'; end++)
    g_string_append_printf (out, "&#%d;", *end);
}

/* The inverse of md_escape_line(). A final unescaped backslash is a hard
 * line break: it is dropped and reported in @hard_break. */
static char *
md_unescape_line (const char *line,
                  gboolean   *hard_break)
{
  GString *out = g_string_new (NULL);
  const char *p = line;

  if (hard_break != NULL)
    *hard_break = FALSE;

  while (*p != '\0')
    {
      if (p[0] == '\\' && p[1] == '\0')
        {
          if (hard_break != NULL)
            *hard_break = TRUE;
          break;
        }
      if (p[0] == '\\' && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }
      if (p[0] == '&' && p[1] == '#')
        {
          const char *q = p + 2;
          gboolean hex = *q == 'x' || *q == 'X';
          guint64 value = 0;
          char *num_end = NULL;

          if (hex)
            q++;
          if (g_ascii_isxdigit (*q))
            {
              value = g_ascii_strtoull (q, &num_end, hex ? 16 : 10);
              if (num_end != NULL && *num_end == ';' && num_end - q <= 7
                  && value > 0 && value <= 0x10FFFF && g_unichar_validate ((gunichar) value))
                {
                  g_string_append_unichar (out, (gunichar) value);
                  p = num_end + 1;
                  continue;
                }
            }
        }
      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gboolean
line_round_trips (const char *text)
{
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autofree char *back = NULL;

  if (has_control_chars (text, FALSE))
    return FALSE;
  md_escape_line (escaped, text);
  back = md_unescape_line (escaped->str, NULL);
  return g_str_equal (back, text);
}

/* Line breaks and control characters (but tabs) as spaces, for text that is kept in a
 * JSON comment and shown for reading only. */
static char *
flatten (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
      *p = ' ';
  return copy;
}

static void
md_write_line (GString    *out,
               const char *prefix,
               const char *text)
{
  g_autofree char *flat = flatten (text);

  g_string_append (out, prefix);
  md_escape_line (out, flat);
  g_string_append_c (out, '\n');
}

/* Writes a multi-line text as Markdown lines followed by a blank line. */
static void
md_write_block (GString    *out,
                const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        {
          g_autofree char *flat = flatten (lines[i]);

          md_escape_line (out, flat);
          if (lines[i + 1] != NULL && lines[i + 1][0] != '\0')
            g_string_append_c (out, '\\');
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/* Reads the lines [first, last) of a text block: lines ending with a hard
 * break and blank lines keep their line breaks, other line breaks (a text
 * wrapped by hand) become spaces. Leading and trailing blank lines are not
 * part of the text. */
static char *
md_read_block (char  **lines,
               guint   first,
               guint   last)
{
  GString *out = g_string_new (NULL);
  gboolean previous_break = FALSE;
  gboolean previous_blank = TRUE;

  while (first < last && lines[first][0] == '\0')
    first++;
  while (last > first && lines[last - 1][0] == '\0')
    last--;

  for (guint i = first; i < last; i++)
    {
      gboolean blank = lines[i][0] == '\0';
      gboolean hard_break = FALSE;
      g_autofree char *text = blank ? g_strdup ("") : md_unescape_line (lines[i], &hard_break);

      if (i > first)
        g_string_append_c (out, previous_break || previous_blank || blank ? '\n' : ' ');
      g_string_append (out, text);
      previous_break = hard_break;
      previous_blank = blank;
    }

  return g_string_free (out, FALSE);
}

static gboolean
block_round_trips (const char *text)
{
  g_autoptr(GString) written = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *back = NULL;

  if (text[0] == '\0' || has_control_chars (text, TRUE))
    return FALSE;
  md_write_block (written, text);
  lines = g_strsplit (written->str, "\n", -1);
  back = md_read_block (lines, 0, g_strv_length (lines));
  return g_str_equal (back, text);
}

/* ------------------------------------------------------------------ */
/* Writing Markdown                                                     */

/* The JSON of a comment is written by the files' writer, so it reads back
 * with the files' parser: every control character escaped (json-glib 1.6
 * wrote U+001F raw, which the reader then refused), and “<” and “>” as
 * escapes, so that user text can never end the comment. */
static void
write_marker (GString    *out,
              const char *marker,
              JsonObject *residual)
{
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), residual);
  g_autoptr(GError) error = NULL;

  g_string_append (out, marker);
  g_string_append_c (out, ' ');
  /* The members come from a bank the model holds: valid UTF-8, no
   * doubles, and shallower than a bank file, which the limits keep
   * readable. */
  if (!ik_json_write (out, root, IK_JSON_WRITE_COMPACT | IK_JSON_WRITE_ESCAPE_MARKUP, &error))
    {
      g_critical ("Could not write the JSON of a Markdown comment: %s", error->message);
      g_string_append (out, "{}");
    }
  g_string_append (out, MARKER_END);
  g_string_append_c (out, '\n');
}

static JsonObject *
object_copy (JsonObject *o)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (o);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            json_node_copy (json_object_get_member (o, l->data)));
  return copy;
}

static gboolean
strv_node_round_trips (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!node_is_string (item) || !line_round_trips (json_node_get_string (item)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
id_list_round_trips (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *id;
      g_autofree char *stripped = NULL;

      if (!node_is_string (item))
        return FALSE;
      id = json_node_get_string (item);
      stripped = g_strstrip (g_strdup (id));
      if (id[0] == '\0' || strchr (id, '`') != NULL || has_control_chars (id, FALSE)
          || !g_str_equal (stripped, id))
        return FALSE;
    }
  return TRUE;
}

static gboolean
anchors_round_trip (JsonNode *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *anchor;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      anchor = json_node_get_object (item);
      if (!node_is_int (json_object_get_member (anchor, "level")))
        return FALSE;
      members = json_object_get_members (anchor);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *value = json_object_get_member (anchor, name);

          if (g_str_equal (name, "level"))
            continue;
          if (!node_is_string (value))
            return FALSE;
          if (g_str_equal (name, "text"))
            {
              if (!block_round_trips (json_node_get_string (value)))
                return FALSE;
            }
          else if (g_strv_contains (seniority_members, name))
            {
              if (!line_round_trips (json_node_get_string (value)))
                return FALSE;
            }
          else
            {
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Removes @member from @residual when @ok, i.e. when the Markdown shows it
 * exactly. */
static void
settle (JsonObject *residual,
        const char *member,
        gboolean    ok)
{
  if (ok)
    json_object_remove_member (residual, member);
}

static void
write_guidance (GString    *out,
                JsonObject *entry)
{
  g_autoptr(JsonObject) residual = object_copy (entry);
  const char *question = object_get_string (entry, "question");
  const char *answer = object_get_string (entry, "answer");

  md_write_line (out, "### ", question != NULL ? question : "");
  settle (residual, "question", question != NULL && line_round_trips (question));
  settle (residual, "answer", answer != NULL && block_round_trips (answer));
  if (json_object_get_size (residual) > 0)
    write_marker (out, GUIDANCE_MARKER, residual);
  g_string_append_c (out, '\n');
  if (answer != NULL && answer[0] != '\0')
    md_write_block (out, answer);
}

static void
write_competency (GString    *out,
                  JsonObject *competency)
{
  g_autoptr(JsonObject) residual = object_copy (competency);
  const char *name = object_get_string (competency, "name");
  const char *description = object_get_string (competency, "description");
  JsonNode *anchors = json_object_get_member (competency, "anchors");
  gboolean anchors_ok = anchors_round_trip (anchors);

  md_write_line (out, "### ", name != NULL ? name : "");
  settle (residual, "name", name != NULL && line_round_trips (name));
  settle (residual, "description", description != NULL && block_round_trips (description));
  settle (residual, "anchors", anchors_ok);
  write_marker (out, COMPETENCY_MARKER, residual);
  g_string_append_c (out, '\n');

  if (description != NULL && description[0] != '\0')
    md_write_block (out, description);

  if (anchors != NULL && JSON_NODE_HOLDS_ARRAY (anchors))
    {
      JsonArray *array = json_node_get_array (anchors);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *anchor;
          JsonNode *level;
          const char *text;
          gboolean any = FALSE;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          anchor = json_node_get_object (item);
          level = json_object_get_member (anchor, "level");
          g_string_append_printf (out, "#### Level %" G_GINT64_FORMAT "\n\n",
                                  node_is_int (level) ? json_node_get_int (level) : (gint64) i + 1);
          text = object_get_string (anchor, "text");
          if (text != NULL && text[0] != '\0')
            md_write_block (out, text);
          for (guint s = 0; s < G_N_ELEMENTS (seniority_members); s++)
            {
              const char *value = object_get_string (anchor, seniority_members[s]);
              g_autofree char *prefix = NULL;

              if (value == NULL)
                continue;
              prefix = g_strdup_printf ("- **%s:** ", seniority_labels[s]);
              md_write_line (out, prefix, value);
              any = TRUE;
            }
          if (any)
            g_string_append_c (out, '\n');
        }
    }
}

static void
write_question (GString    *out,
                JsonObject *question,
                GHashTable *competency_names)
{
  g_autoptr(JsonObject) residual = object_copy (question);
  const char *text = object_get_string (question, "text");
  JsonNode *minutes = json_object_get_member (question, "minutes");

  md_write_line (out, "### ", text != NULL ? text : "");
  settle (residual, "text", text != NULL && line_round_trips (text));
  settle (residual, "minutes", node_is_int (minutes));
  for (guint i = 0; i < G_N_ELEMENTS (question_lists); i++)
    {
      JsonNode *node = json_object_get_member (question, question_lists[i].member);

      settle (residual, question_lists[i].member,
              g_str_equal (question_lists[i].member, "competencies")
              ? id_list_round_trips (node) : strv_node_round_trips (node));
    }
  write_marker (out, QUESTION_MARKER, residual);
  g_string_append_c (out, '\n');

  if (node_is_int (minutes))
    g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n\n", MINUTES_LABEL,
                            json_node_get_int (minutes));

  for (guint i = 0; i < G_N_ELEMENTS (question_lists); i++)
    {
      JsonArray *array = object_get_array (question, question_lists[i].member);
      gboolean ids = g_str_equal (question_lists[i].member, "competencies");

      /* An empty list is not shown: reading treats a missing list as
       * empty, just like ik_question_new_from_json() does. */
      if (array == NULL || json_array_get_length (array) == 0)
        continue;
      g_string_append_printf (out, "%s\n\n", question_lists[i].label);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *item = json_array_get_element (array, j);
          const char *value = node_is_string (item) ? json_node_get_string (item) : "";

          if (ids)
            {
              const char *name = g_hash_table_lookup (competency_names, value);
              g_autofree char *flat = flatten (value);

              g_string_append (out, "- ");
              if (name != NULL)
                {
                  g_autofree char *flat_name = flatten (name);

                  md_escape_line (out, flat_name);
                  g_string_append (out, " (");
                }
              g_string_append_printf (out, "`%s`", g_strdelimit (flat, "`", '\''));
              g_string_append (out, name != NULL ? ")\n" : "\n");
            }
          else
            {
              md_write_line (out, "- ", value);
            }
        }
      g_string_append_c (out, '\n');
    }
}

/* Whether every element of the bank member is an object, so that the
 * section can be written entity by entity. */
static JsonArray *
entity_array (JsonObject *bank,
              const char *member)
{
  JsonArray *array = object_get_array (bank, member);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      return NULL;
  return array;
}

/**
 * ik_bank_to_markdown:
 * @bank: a bank
 *
 * Writes @bank as readable Markdown that ik_bank_from_markdown() reads back
 * into an identical bank (the mapping is described at the top of
 * ik-bank-export.c).
 *
 * Returns: (transfer full): the Markdown text, UTF-8, ending with a newline
 */
char *
ik_bank_to_markdown (IkBank *bank)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) residual = NULL;
  g_autoptr(GHashTable) competency_names = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = g_string_new (NULL);
  JsonObject *doc;
  JsonArray *guidance, *competencies, *questions;
  const char *title, *description;

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  root = ik_bank_to_json (bank);
  doc = json_node_get_object (root);
  residual = object_copy (doc);
  title = object_get_string (doc, "title");
  description = object_get_string (doc, "description");
  guidance = entity_array (doc, "guidance");
  competencies = entity_array (doc, "competencies");
  questions = entity_array (doc, "questions");

  settle (residual, "title", title != NULL && line_round_trips (title));
  settle (residual, "description", description != NULL && block_round_trips (description));
  settle (residual, "guidance", guidance != NULL);
  settle (residual, "competencies", competencies != NULL);
  settle (residual, "questions", questions != NULL);

  write_marker (out, IK_BANK_MARKDOWN_MARKER, residual);
  g_string_append_c (out, '\n');
  md_write_line (out, "# ", title != NULL ? title : "");
  g_string_append_c (out, '\n');
  if (description != NULL && description[0] != '\0')
    md_write_block (out, description);

  if (guidance != NULL)
    {
      g_string_append (out, "## Guidance\n\n");
      for (guint i = 0; i < json_array_get_length (guidance); i++)
        write_guidance (out, json_array_get_object_element (guidance, i));
    }

  if (competencies != NULL)
    {
      g_string_append (out, "## Competencies\n\n");
      for (guint i = 0; i < json_array_get_length (competencies); i++)
        {
          JsonObject *competency = json_array_get_object_element (competencies, i);
          const char *id = object_get_string (competency, "id");
          const char *name = object_get_string (competency, "name");

          if (id != NULL && name != NULL)
            g_hash_table_insert (competency_names, (gpointer) id, (gpointer) name);
          write_competency (out, competency);
        }
    }

  if (questions != NULL)
    {
      g_string_append (out, "## Questions\n\n");
      for (guint i = 0; i < json_array_get_length (questions); i++)
        write_question (out, json_array_get_object_element (questions, i), competency_names);
    }

  /* One final newline, not a blank line. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Reading Markdown                                                     */

typedef struct
{
  char  **lines;
  guint   n_lines;
  guint   pos;
} MdReader;

static gboolean
md_is_heading (const char *line,
               guint       level)
{
  for (guint i = 0; i < level; i++)
    if (line[i] != '#')
      return FALSE;
  return line[level] == ' ' || line[level] == '\0';
}

/* Any heading of level 1 to @max_level. */
static gboolean
md_is_heading_up_to (const char *line,
                     guint       max_level)
{
  for (guint level = 1; level <= max_level; level++)
    if (md_is_heading (line, level))
      return TRUE;
  return FALSE;
}

static const char *
md_heading_text (const char *line,
                 guint       level)
{
  return line[level] == ' ' ? line + level + 1 : line + level;
}

static gboolean
md_is_item (const char *line)
{
  return ((line[0] == '-' || line[0] == '*' || line[0] == '+') && (line[1] == ' ' || line[1] == '\0'));
}

static const char *
md_item_text (const char *line)
{
  const char *p = line + 1;

  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Lines that end a text block. */
static gboolean
md_is_structure (const char *line)
{
  return line[0] == '#' || g_str_has_prefix (line, "<!--") || md_is_item (line)
    || g_str_has_prefix (line, "**");
}

static void
md_skip_blank (MdReader *r)
{
  while (r->pos < r->n_lines && r->lines[r->pos][0] == '\0')
    r->pos++;
}

static char *
md_take_block (MdReader *r)
{
  guint first = r->pos;

  while (r->pos < r->n_lines && !md_is_structure (r->lines[r->pos]))
    r->pos++;
  return md_read_block (r->lines, first, r->pos);
}

static gboolean
md_set_error (GError    **error,
              guint       line,
              const char *detail)
{
  g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_FORMAT,
               _("Not a valid Interview Kit Markdown file (line %u): %s"), line, detail);
  return FALSE;
}

/* Reads the JSON comment at the current line if it is @marker. On success,
 * *out is the object (a new empty one when there is no such comment). */
static gboolean
md_take_marker (MdReader    *r,
                const char  *marker,
                JsonObject **out,
                GError     **error)
{
  const char *line;
  gsize len;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  *out = NULL;
  md_skip_blank (r);
  if (r->pos >= r->n_lines || !g_str_has_prefix (r->lines[r->pos], marker))
    {
      *out = json_object_new ();
      return TRUE;
    }

  line = r->lines[r->pos] + strlen (marker);
  len = strlen (line);
  if (len < strlen (MARKER_END) || !g_str_has_suffix (line, MARKER_END))
    return md_set_error (error, r->pos + 1, _("the comment is not closed on its line"));

  node = ik_json_parse (line, len - strlen (MARKER_END), NULL, NULL, &local_error);
  if (node == NULL)
    return md_set_error (error, r->pos + 1, local_error->message);

  *out = json_object_ref (json_node_get_object (node));
  r->pos++;
  return TRUE;
}

static void
set_if_absent (JsonObject *o,
               const char *member,
               JsonNode   *node)
{
  if (json_object_has_member (o, member))
    json_node_unref (node);
  else
    json_object_set_member (o, member, node);
}

static void
set_string_if_absent (JsonObject *o,
                      const char *member,
                      const char *value)
{
  if (!json_object_has_member (o, member))
    json_object_set_string_member (o, member, value);
}

static gboolean
md_read_guidance (MdReader    *r,
                  JsonArray   *out,
                  GError     **error)
{
  g_autofree char *question = md_unescape_line (md_heading_text (r->lines[r->pos++], 3), NULL);
  g_autoptr(JsonObject) entry = NULL;
  g_autofree char *answer = NULL;

  if (!md_take_marker (r, GUIDANCE_MARKER, &entry, error))
    return FALSE;
  set_string_if_absent (entry, "question", question);
  md_skip_blank (r);
  answer = md_take_block (r);
  if (answer[0] != '\0')
    set_string_if_absent (entry, "answer", answer);
  json_array_add_object_element (out, g_steal_pointer (&entry));

  /* Anything else up to the next entry is not ours: skip it. */
  while (r->pos < r->n_lines && !md_is_heading_up_to (r->lines[r->pos], 3))
    r->pos++;
  return TRUE;
}

static int
seniority_from_label (const char *item,
                      const char **value)
{
  for (guint s = 0; s < G_N_ELEMENTS (seniority_labels); s++)
    {
      g_autofree char *prefix = g_strdup_printf ("**%s:**", seniority_labels[s]);

      if (g_ascii_strncasecmp (item, prefix, strlen (prefix)) == 0)
        {
          *value = item + strlen (prefix);
          if (**value == ' ')
            (*value)++;
          return s;
        }
    }
  return -1;
}

static gboolean
md_read_competency (MdReader    *r,
                    JsonArray   *out,
                    GError     **error)
{
  g_autofree char *name = md_unescape_line (md_heading_text (r->lines[r->pos++], 3), NULL);
  g_autoptr(JsonObject) competency = NULL;
  g_autofree char *description = NULL;
  g_autoptr(JsonArray) anchors = json_array_new ();
  gboolean any_anchor = FALSE;

  if (!md_take_marker (r, COMPETENCY_MARKER, &competency, error))
    return FALSE;
  set_string_if_absent (competency, "name", name);
  md_skip_blank (r);
  description = md_take_block (r);
  if (description[0] != '\0')
    set_string_if_absent (competency, "description", description);

  while (r->pos < r->n_lines && !md_is_heading_up_to (r->lines[r->pos], 3))
    {
      const char *line = r->lines[r->pos];

      if (md_is_heading (line, 4))
        {
          const char *text = md_heading_text (line, 4);
          gint64 level = 0;
          JsonObject *anchor = json_object_new ();
          g_autofree char *general = NULL;

          if (g_ascii_strncasecmp (text, "Level ", 6) != 0
              || !g_ascii_string_to_signed (text + 6, 10, G_MININT64, G_MAXINT64, &level, NULL))
            {
              json_object_unref (anchor);
              return md_set_error (error, r->pos + 1, _("expected “#### Level” and a number"));
            }
          json_object_set_int_member (anchor, "level", level);
          r->pos++;
          md_skip_blank (r);
          general = md_take_block (r);
          if (general[0] != '\0')
            json_object_set_string_member (anchor, "text", general);

          while (r->pos < r->n_lines
                 && (r->lines[r->pos][0] == '\0' || md_is_item (r->lines[r->pos])))
            {
              const char *value = NULL;
              int s;

              if (r->lines[r->pos][0] != '\0'
                  && (s = seniority_from_label (md_item_text (r->lines[r->pos]), &value)) >= 0)
                {
                  g_autofree char *text_value = md_unescape_line (value, NULL);

                  json_object_set_string_member (anchor, seniority_members[s], text_value);
                }
              r->pos++;
            }
          json_array_add_object_element (anchors, anchor);
          any_anchor = TRUE;
          continue;
        }
      r->pos++;
    }

  if (any_anchor)
    set_if_absent (competency, "anchors", json_node_init_array (json_node_alloc (), anchors));
  json_array_add_object_element (out, g_steal_pointer (&competency));
  return TRUE;
}

/* The id of a “- Name (`id`)” or “- `id`” item. */
static char *
competency_item_id (const char *item)
{
  const char *close = strrchr (item, '`');
  const char *open;

  if (close == NULL || close == item)
    return g_strdup (item);
  open = close - 1;
  while (open > item && *open != '`')
    open--;
  if (*open != '`')
    return g_strdup (item);
  return g_strndup (open + 1, close - open - 1);
}

static gboolean
md_read_question (MdReader    *r,
                  JsonArray   *out,
                  GError     **error)
{
  g_autofree char *text = md_unescape_line (md_heading_text (r->lines[r->pos++], 3), NULL);
  g_autoptr(JsonObject) question = NULL;
  JsonArray *lists[G_N_ELEMENTS (question_lists)] = { NULL, };
  int current = -1;
  gboolean ok = TRUE;

  if (!md_take_marker (r, QUESTION_MARKER, &question, error))
    return FALSE;
  set_string_if_absent (question, "text", text);
  if (!json_object_has_member (question, "id"))
    {
      g_autofree char *id = ik_uuid_new ();

      json_object_set_string_member (question, "id", id);
    }

  for (; r->pos < r->n_lines && !md_is_heading_up_to (r->lines[r->pos], 3); r->pos++)
    {
      const char *line = r->lines[r->pos];
      gboolean label = FALSE;

      if (line[0] == '\0')
        continue;

      if (g_str_has_prefix (line, MINUTES_LABEL))
        {
          gint64 minutes = 0;
          g_autofree char *value = g_strstrip (g_strdup (line + strlen (MINUTES_LABEL)));

          if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &minutes, NULL))
            {
              /* Not returned here: the lists made so far are freed below. */
              ok = md_set_error (error, r->pos + 1, _("the minutes are not a number"));
              break;
            }
          if (!json_object_has_member (question, "minutes"))
            json_object_set_int_member (question, "minutes", minutes);
          current = -1;
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (question_lists); i++)
        if (g_ascii_strcasecmp (line, question_lists[i].label) == 0)
          {
            current = i;
            if (lists[i] == NULL)
              lists[i] = json_array_new ();
            label = TRUE;
          }
      if (label)
        continue;

      if (md_is_item (line) && current >= 0)
        {
          const char *item = md_item_text (line);

          g_autofree char *value = NULL;

          if (g_str_equal (question_lists[current].member, "competencies"))
            value = competency_item_id (item);
          else
            value = md_unescape_line (item, NULL);
          json_array_add_string_element (lists[current], value);
        }
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (question_lists); i++)
    if (lists[i] != NULL)
      set_if_absent (question, question_lists[i].member,
                     json_node_init_array (json_node_alloc (), lists[i]));
  for (guint i = 0; i < G_N_ELEMENTS (question_lists); i++)
    g_clear_pointer (&lists[i], json_array_unref);
  if (!ok)
    return FALSE;

  json_array_add_object_element (out, g_steal_pointer (&question));
  return TRUE;
}

static gboolean
check_text (const char  *text,
            gsize        length,
            GError     **error)
{
  const char *invalid = NULL;

  if (length > IK_GUIDE_IMPORT_MAX_SIZE)
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large to import (%lu MB, at most %d MB)"),
                   (unsigned long) (length / (1024 * 1024)), IK_GUIDE_IMPORT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_BINARY,
                   _("The file is not text (it contains NUL bytes)"));
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NOT_UTF8,
                   _("The text is not valid UTF-8; save it as UTF-8 and import it again"));
      return FALSE;
    }
  return TRUE;
}

/* Splits on LF, dropping a CR before it and trailing spaces and tabs:
 * what we write has none, an editor may have added them. */
static char **
md_split_lines (const char *text,
                gsize       length,
                guint      *n_lines)
{
  g_autofree char *copy = g_strndup (text, length);
  char **lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      while (len > 0 && (lines[i][len - 1] == '\r' || lines[i][len - 1] == ' '
                         || lines[i][len - 1] == '\t'))
        lines[i][--len] = '\0';
    }
  *n_lines = g_strv_length (lines);
  return lines;
}

/**
 * ik_bank_from_markdown:
 * @text: Markdown written by ik_bank_to_markdown(), possibly edited
 * @length: length of @text in bytes
 * @error: return location for an #IK_IMPORT_ERROR, or an error of
 *   ik_bank_new_from_json()
 *
 * Reads a bank back from its Markdown form. Fields shown as Markdown are
 * read from the text, so edits to it are taken; fields kept in the JSON
 * comments are read from there.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
IkBank *
ik_bank_from_markdown (const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  MdReader r = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (text, length, error))
    return NULL;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  lines = md_split_lines (text, length, &r.n_lines);
  r.lines = lines;

  md_skip_blank (&r);
  if (r.pos >= r.n_lines || !g_str_has_prefix (r.lines[r.pos], IK_BANK_MARKDOWN_MARKER))
    {
      md_set_error (error, MIN (r.pos + 1, MAX (r.n_lines, 1)),
                    _("expected the “interview-kit-bank” comment"));
      return NULL;
    }
  if (!md_take_marker (&r, IK_BANK_MARKDOWN_MARKER, &doc, error))
    return NULL;

  md_skip_blank (&r);
  if (r.pos >= r.n_lines || !md_is_heading (r.lines[r.pos], 1))
    {
      md_set_error (error, MIN (r.pos + 1, MAX (r.n_lines, 1)), _("expected the “#” title heading"));
      return NULL;
    }
  title = md_unescape_line (md_heading_text (r.lines[r.pos++], 1), NULL);
  set_string_if_absent (doc, "title", title);
  md_skip_blank (&r);
  description = md_take_block (&r);
  if (description[0] != '\0')
    set_string_if_absent (doc, "description", description);

  while (r.pos < r.n_lines)
    {
      const char *line = r.lines[r.pos];
      g_autofree char *section = NULL;
      g_autoptr(JsonArray) entities = NULL;
      gboolean (*read_entity) (MdReader *, JsonArray *, GError **) = NULL;
      const char *member = NULL;

      if (!md_is_heading (line, 2))
        {
          r.pos++;
          continue;
        }
      section = g_utf8_casefold (md_heading_text (line, 2), -1);
      r.pos++;
      if (g_str_equal (section, "guidance"))
        {
          read_entity = md_read_guidance;
          member = "guidance";
        }
      else if (g_str_equal (section, "competencies"))
        {
          read_entity = md_read_competency;
          member = "competencies";
        }
      else if (g_str_equal (section, "questions"))
        {
          read_entity = md_read_question;
          member = "questions";
        }
      else
        {
          continue;
        }

      entities = json_array_new ();
      while (r.pos < r.n_lines && !md_is_heading_up_to (r.lines[r.pos], 2))
        {
          if (md_is_heading (r.lines[r.pos], 3))
            {
              if (!read_entity (&r, entities, error))
                return NULL;
            }
          else
            {
              r.pos++;
            }
        }
      set_if_absent (doc, member, json_node_init_array (json_node_alloc (), entities));
    }

  root = json_node_init_object (json_node_alloc (), doc);
  return ik_bank_new_from_json (root, error);
}

/* ------------------------------------------------------------------ */
/* Plain-text guide                                                     */

/* One line of a one-line field: line breaks and control characters as
 * spaces, no surrounding white space. */
static void
guide_write_line (GString    *out,
                  const char *prefix,
                  const char *text)
{
  g_autofree char *flat = flatten (text != NULL ? text : "");

  g_string_append (out, prefix);
  g_string_append (out, g_strstrip (flat));
  g_string_append_c (out, '\n');
}

/* Paragraphs: every non-empty line of @text on its own line, separated by
 * blank lines, as ik_guide_import() reads them. */
static void
guide_write_paragraphs (GString    *out,
                        const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *flat = flatten (lines[i]);

      g_strstrip (flat);
      if (flat[0] == '\0')
        continue;
      if (any)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s\n", flat);
      any = TRUE;
    }
}

static void
guide_write_list (GString    *out,
                  const char *header,
                  JsonArray  *items)
{
  g_string_append_printf (out, "%s\n", header);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (node_is_string (item))
        guide_write_line (out, "- ", json_node_get_string (item));
    }
}

/**
 * ik_bank_to_guide_text:
 * @bank: a bank
 *
 * Writes @bank as a plain-text interview guide: the “Interview Questions
 * for” title header, the description, the questions with their “Areas to
 * Cover” and “Follow-Up Questions”, and the guidance as “Frequently Asked
 * Questions”. ik_guide_import() reads it back with every question, area,
 * follow-up and guidance entry (see the top of ik-bank-export.c for what
 * plain text cannot keep).
 *
 * Returns: (transfer full): the text, UTF-8, ending with a newline
 */
char *
ik_bank_to_guide_text (IkBank *bank)
{
  g_autoptr(JsonNode) root = NULL;
  GString *out = g_string_new (NULL);
  JsonObject *doc;
  JsonArray *questions, *guidance;
  const char *description;
  g_autofree char *title = NULL;

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  root = ik_bank_to_json (bank);
  doc = json_node_get_object (root);

  /* Format keywords, not translated: the importer looks for them. */
  title = flatten (object_get_string (doc, "title") != NULL ? object_get_string (doc, "title") : "");
  g_strstrip (title);
  if (title[0] != '\0')
    g_string_append_printf (out, "Interview Questions for\n%s\n\n", title);
  description = object_get_string (doc, "description");
  if (description != NULL && description[0] != '\0')
    {
      guide_write_paragraphs (out, description);
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "Interview Questions\n");
  questions = object_get_array (doc, "questions");
  for (guint i = 0; questions != NULL && i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      JsonObject *question;
      JsonArray *follow_ups;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      question = json_node_get_object (node);
      g_string_append_c (out, '\n');
      guide_write_line (out, "", object_get_string (question, "text"));
      /* Always written: it is what marks the line above as a question. */
      guide_write_list (out, "Areas to Cover:", object_get_array (question, "areas"));
      follow_ups = object_get_array (question, "follow_ups");
      if (follow_ups != NULL && json_array_get_length (follow_ups) > 0)
        guide_write_list (out, "Follow-Up Questions:", follow_ups);
    }

  guidance = object_get_array (doc, "guidance");
  if (guidance != NULL && json_array_get_length (guidance) > 0)
    {
      g_string_append (out, "\nFrequently Asked Questions\n");
      for (guint i = 0; i < json_array_get_length (guidance); i++)
        {
          JsonNode *node = json_array_get_element (guidance, i);
          JsonObject *entry;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          entry = json_node_get_object (node);
          g_string_append_c (out, '\n');
          guide_write_line (out, "", object_get_string (entry, "question"));
          guide_write_paragraphs (out, object_get_string (entry, "answer"));
        }
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Importing a file                                                     */

static gboolean
looks_like_json (const char *data,
                 gsize       length,
                 const char *filename)
{
  gsize i = 0;

  if (filename != NULL && g_str_has_suffix (filename, ".json"))
    return TRUE;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && data[i] == '{';
}

static gboolean
looks_like_markdown_export (const char *data,
                            gsize       length)
{
  gsize i = 0;
  gsize marker_len = strlen (IK_BANK_MARKDOWN_MARKER);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return length - i >= marker_len && memcmp (data + i, IK_BANK_MARKDOWN_MARKER, marker_len) == 0;
}

/* “customer_support-leads.txt” → “customer support leads”. */
static char *
title_from_filename (const char *filename)
{
  g_autofree char *base = NULL;
  char *dot;

  if (filename == NULL)
    return NULL;
  base = g_path_get_basename (filename);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, "_-", ' ');
  g_strstrip (base);
  if (base[0] == '\0' || g_str_equal (base, ".") || g_str_equal (base, G_DIR_SEPARATOR_S))
    return NULL;
  if (!g_utf8_validate (base, -1, NULL))
    return g_utf8_make_valid (base, -1);
  return g_steal_pointer (&base);
}

/* An imported bank is saved at once; one the load would refuse (a guide
 * whose introduction is over IK_LIMIT_TEXT_LENGTH, a compact JSON file
 * that grows past IK_LIMIT_FILE_SIZE once pretty-printed, ...) would be
 * written and then lost at the next start. Refused here instead, with the
 * check the library runs before saving. */
static gboolean
check_importable (IkBank  *bank,
                  GError **error)
{
  g_autoptr(JsonNode) root = ik_bank_to_json (bank);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  data = ik_json_to_data (root, &len, &local_error);
  if (data != NULL)
    ik_document_check_bank (data, len, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE,
                   _("The bank cannot be imported: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ik_bank_import_file_contents_full:
 * @data: the contents of a file the user chose
 * @length: length of @data in bytes
 * @filename: (nullable): the file's name or path, for the kind of file and
 *   the title of a guide without one
 * @cancellable: (nullable): stops the import of a guide with
 *   %G_IO_ERROR_CANCELLED
 * @progress: (nullable) (scope call): the progress of a guide's import, in
 *   the calling thread (see ik_guide_import_full())
 * @progress_data: data for @progress
 * @warnings: (out) (optional) (element-type IkImportWarning): on success,
 *   the warnings of the guide importer (empty for the other formats)
 * @error: return location for an error
 *
 * Reads a bank from any file we can import: a bank file (JSON, starting
 * with “{” or named *.json), a Markdown export (starting with the
 * %IK_BANK_MARKDOWN_MARKER comment) or a plain-text guide (anything else,
 * titled after the file name when it has no title header). A bank file and
 * a Markdown export are read as they are; a guide gives a bank of origin
 * %IK_BANK_ORIGIN_IMPORTED whose origin-file is the file's base name.
 * Safe in a worker thread.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
static IkBank *
import_contents (const char      *data,
                 gsize            length,
                 const char      *filename,
                 GCancellable    *cancellable,
                 IkProgressFunc   progress,
                 gpointer         progress_data,
                 GPtrArray      **warnings,
                 const char     **format,
                 GError         **error)
{
  g_autoptr(IkBank) bank = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (warnings == NULL || *warnings == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (looks_like_json (data, length, filename))
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local_error = NULL;
      guint line = 0, column = 0;

      *format = "JSON";
      root = ik_json_parse (data, length, &line, &column, &local_error);
      if (root == NULL)
        {
          if (line > 0)
            g_set_error (error, local_error->domain, local_error->code,
                         _("Line %u, column %u: %s"), line, column, local_error->message);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      bank = ik_bank_new_from_json (root, error);
      if (bank == NULL)
        return NULL;
      if (warnings != NULL)
        *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_import_warning_free);
    }
  else if (looks_like_markdown_export (data, length))
    {
      *format = "Markdown";
      bank = ik_bank_from_markdown (data, length, error);
      if (bank == NULL)
        return NULL;
      if (warnings != NULL)
        *warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_import_warning_free);
    }
  else
    {
      g_autofree char *title = title_from_filename (filename);
      g_autofree char *base = filename != NULL ? g_path_get_basename (filename) : NULL;

      *format = "guide text";
      bank = ik_guide_import_full (data, length, title, cancellable, progress, progress_data,
                 warnings, error);
      if (bank == NULL)
        return NULL;
      if (base != NULL && g_utf8_validate (base, -1, NULL))
        g_object_set (bank, "origin-file", base, NULL);
    }

  if (!check_importable (bank, error))
    {
      if (warnings != NULL)
        g_clear_pointer (warnings, g_ptr_array_unref);
      return NULL;
    }
  return g_steal_pointer (&bank);
}

IkBank *
ik_bank_import_file_contents_full (const char      *data,
                                   gsize            length,
                                   const char      *filename,
                                   GCancellable    *cancellable,
                                   IkProgressFunc   progress,
                                   gpointer         progress_data,
                                   GPtrArray      **warnings,
                                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *format = "?";
  IkBank *bank;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (warnings == NULL || *warnings == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bank = import_contents (data, length, filename, cancellable, progress, progress_data,
                          warnings, &format, &local_error);
  if (bank == NULL)
    {
      g_debug ("Import of %s (%" G_GSIZE_FORMAT " bytes, read as %s) refused: %s",
               filename != NULL ? filename : "pasted text", length, format, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_debug ("Imported %s (%" G_GSIZE_FORMAT " bytes) as %s: %u questions, %u warnings",
           filename != NULL ? filename : "pasted text", length, format,
           g_list_model_get_n_items (ik_bank_get_questions (bank)),
           warnings != NULL && *warnings != NULL ? (*warnings)->len : 0);
  return bank;
}

/**
 * ik_bank_import_file_contents:
 *
 * ik_bank_import_file_contents_full() without cancellation or progress.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
IkBank *
ik_bank_import_file_contents (const char  *data,
                              gsize        length,
                              const char  *filename,
                              GPtrArray  **warnings,
                              GError     **error)
{
  return ik_bank_import_file_contents_full (data, length, filename, NULL, NULL, NULL, warnings, error);
}

typedef struct
{
  GBytes          *data;
  char            *filename;
  IkProgressRelay *relay;
  GPtrArray       *warnings;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_bytes_unref (job->data);
  g_free (job->filename);
  ik_progress_relay_unref (job->relay);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (job->data, &length);
  IkBank *bank;

  bank = ik_bank_import_file_contents_full (data, length, job->filename, cancellable,
                                            ik_progress_relay_report, job->relay,
                                            &job->warnings, &error);
  if (bank == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bank, g_object_unref);
}

/**
 * ik_bank_import_file_contents_async:
 * @data: the contents of a file the user chose
 * @filename: (nullable): as for ik_bank_import_file_contents_full()
 * @cancellable: (nullable): stops the import
 * @progress: (nullable): called in the thread-default main context of the
 *   caller with the fraction done, until the import finishes
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 *
 * ik_bank_import_file_contents_full() in a worker thread: a guide of
 * several megabytes takes a noticeable time to read.
 */
void
ik_bank_import_file_contents_async (GBytes              *data,
                                    const char          *filename,
                                    GCancellable        *cancellable,
                                    IkProgressFunc       progress,
                                    gpointer             progress_data,
                                    GDestroyNotify       progress_destroy,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (data != NULL);

  job = g_new0 (ImportJob, 1);
  job->data = g_bytes_ref (data);
  job->filename = g_strdup (filename);
  job->relay = ik_progress_relay_new (progress, progress_data, progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_bank_import_file_contents_async);
  g_task_set_name (task, "[interview-kit] import");
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * ik_bank_import_file_contents_finish:
 * @warnings: (out) (optional) (element-type IkImportWarning): on success,
 *   as for ik_bank_import_file_contents_full()
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when the import was cancelled)
 */
IkBank *
ik_bank_import_file_contents_finish (GAsyncResult  *result,
                                     GPtrArray    **warnings,
                                     GError       **error)
{
  ImportJob *job;
  IkBank *bank;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_bank_import_file_contents_async, NULL);
  g_return_val_if_fail (warnings == NULL || *warnings == NULL, NULL);

  job = g_task_get_task_data (G_TASK (result));
  ik_progress_relay_stop (job->relay);
  bank = g_task_propagate_pointer (G_TASK (result), error);
  if (bank != NULL && warnings != NULL)
    *warnings = g_steal_pointer (&job->warnings);
  return bank;
}
