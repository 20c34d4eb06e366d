/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-guide-import.c: reading plain-text interview guides into a bank.
 *
 * The format, as published by hiring-guide sites and pasted by users:
 *
 *   [Interview Questions for]          optional title header, the title is
 *   [<title>]                          on the same or the next text line
 *   <introduction paragraphs>          → bank description
 *   Interview Questions                (optional)
 *   <question>                         → IkQuestion text
 *   Areas to Cover:                    → areas, one bullet a line
 *   - …
 *   Follow-Up Questions:               → follow-ups
 *   - …
 *   Frequently Asked Questions         (optional)
 *   <question ending with “?”>         → IkGuidance question
 *   <answer paragraphs>                → IkGuidance answer
 *   [closing line]                     a sign-up pitch: warned about, dropped
 *
 * Pasted text varies, so the reader is lenient: headers are recognised
 * whatever their case, trailing colon, Markdown “#”/“**” decoration or
 * hyphenation; bullets may be “-”, “*”, “+”, “•” and friends or numbers
 * (“1.”, “1)”), indented or not; blank lines may be anywhere or nowhere;
 * line ends may be LF, CRLF or CR; a UTF-8 BOM is skipped. Text is kept as
 * written (curly quotes included), only surrounding white space is trimmed.
 *
 * The format is recognised when at least one question has an “Areas to
 * Cover” section (otherwise the import fails). Guides copied from web pages
 * are often cut off, so these are reported as warnings with a line number
 * (and the question they are in), whether or not the input ends with a
 * line break:
 * - a question with neither section, a section header with no bullets and an
 *   FAQ question with no answer look like a truncated guide;
 * - a question with “Areas to Cover” but no “Follow-Up Questions”: the
 *   published guides always have both;
 * - a guide that ends inside a question, in its “Areas to Cover” list with
 *   no section after it: a complete guide goes on with the follow-ups, the
 *   next question or the FAQ (what we export ends with one of those unless
 *   the bank's last question has no follow-up). This says the follow-ups
 *   are missing, so the previous warning is not given for that question;
 * - a last line that is an item or an answer without final punctuation: it
 *   was probably cut in the middle of a word or sentence (so is a last text
 *   line after the questions without it, which is not imported);
 * - a last line that is not part of the guide (a call to action) is dropped:
 *   after the questions, a last text line that has no sections and is not a
 *   question; in the FAQ, the last paragraph of the last answer when it holds
 *   a question followed by more text (“Interested? Sign up…”) or a link, or
 *   when the input does not end with a line break and every other answer is
 *   a single paragraph (what we export always ends with one);
 * - an indented line right below a bullet continues that bullet;
 * - a bullet or numbered line directly followed by an “Areas to Cover”
 *   header is a (numbered) question, not an item, and so is a line that
 *   reads like a header;
 * - the line after a lone “Interview Questions for” is the title, unless it
 *   is “Interview Questions”.
 *
 * The function is pure: no I/O and no global state, so it can be fuzzed.
 */
#include "config.h"

#include "ik-guide-import.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ik-guidance.h"
#include "ik-question.h"

G_DEFINE_QUARK (ik-import-error-quark, ik_import_error)

/**
 * ik_import_warning_new:
 * @line: 1-based line number
 * @message: translated message
 *
 * Returns: (transfer full): a new warning
 */
IkImportWarning *
ik_import_warning_new (guint       line,
                       const char *message)
{
  IkImportWarning *warning = g_new0 (IkImportWarning, 1);

  warning->line = line;
  warning->message = g_strdup (message);
  warning->kind = IK_IMPORT_WARNING_OTHER;
  return warning;
}

/**
 * ik_import_warning_free:
 * @warning: (nullable): a warning
 *
 * Frees @warning.
 */
void
ik_import_warning_free (IkImportWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning);
}

typedef enum
{
  LINE_BLANK,
  LINE_TEXT,
  LINE_BULLET,
  LINE_QUESTIONS_HEADER,
  LINE_AREAS_HEADER,
  LINE_FOLLOW_UPS_HEADER,
  LINE_FAQ_HEADER,
} LineKind;

typedef struct
{
  guint     number;
  LineKind  kind;
  gboolean  indented;
  char     *text;     /* trimmed line */
  char     *content;  /* bullet text after the marker, or the inline title */
} GuideLine;

typedef enum
{
  SECTION_NONE,
  SECTION_AREAS,
  SECTION_FOLLOW_UPS,
  SECTION_SKIP,
} Section;

typedef struct
{
  char      *text;
  guint      line;
  GPtrArray *areas;
  GPtrArray *follow_ups;
  guint      areas_line;
  guint      follow_ups_line;
  guint      last_item_line;
  Section    section;
  /* The guide ends inside the question: said once, not also as missing
   * follow-ups. */
  gboolean   ends_guide;
  /* The last item of @continued_items while indented lines continue it:
   * appended to in place, put back into the array when it is complete.
   * Joining the whole item again for every line made a long wrapped item
   * quadratic. */
  GString   *continued;
  GPtrArray *continued_items;
} PendingQuestion;

typedef struct
{
  char    *question;
  guint    line;
  GString *answer;
  guint    n_paragraphs;
  guint    last_line;
  gsize    last_paragraph_start;
  gboolean last_was_bullet;
} PendingPair;

typedef struct
{
  GPtrArray *warnings;
  guint      dropped_line;  /* of the last line left out, or 0 */
} Parser;

/* How many content lines the parser sees at once: the one it reads, the
 * next one (is it “Areas to Cover”?) and the one after, which decides what
 * the next one is. */
#define LOOKAHEAD 3

/* The input is read one line at a time instead of being split up front:
 * blank lines are dropped as they are read and only the lines looked
 * ahead at are kept, so memory does not grow with the number of lines (an
 * array of every line took 670 MB for 10 MB of blank lines). */
typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       number;   /* of the next line to read */
  GString    *scratch;
  GuideLine   window[LOOKAHEAD]; /* content lines, a ring from @first */
  guint       first;
  guint       n;
} LineReader;

static void
guide_line_clear (GuideLine *line)
{
  g_free (line->text);
  g_free (line->content);
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->warnings, g_ptr_array_unref);
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const IkImportWarning *wa = *(IkImportWarning * const *) a;
  const IkImportWarning *wb = *(IkImportWarning * const *) b;

  return (wa->line > wb->line) - (wa->line < wb->line);
}

/* Puts the item being continued back into its array. */
static void
pending_question_end_continuation (PendingQuestion *q)
{
  GPtrArray *items = q->continued_items;

  if (q->continued == NULL)
    return;
  g_free (g_ptr_array_index (items, items->len - 1));
  g_ptr_array_index (items, items->len - 1) = g_string_free (g_steal_pointer (&q->continued), FALSE);
  q->continued_items = NULL;
}

/* Appends @text to the last item of @items, after a space. */
static void
pending_question_continue_item (PendingQuestion *q,
                                GPtrArray       *items,
                                const char      *text)
{
  if (q->continued != NULL && q->continued_items != items)
    pending_question_end_continuation (q);
  if (q->continued == NULL)
    {
      q->continued = g_string_new (g_ptr_array_index (items, items->len - 1));
      q->continued_items = items;
    }
  g_string_append_c (q->continued, ' ');
  g_string_append (q->continued, text);
}

static void
pending_question_free (PendingQuestion *q)
{
  if (q->continued != NULL)
    g_string_free (q->continued, TRUE);
  g_free (q->text);
  g_ptr_array_unref (q->areas);
  g_ptr_array_unref (q->follow_ups);
  g_free (q);
}

static void
pending_pair_free (PendingPair *pair)
{
  g_free (pair->question);
  g_string_free (pair->answer, TRUE);
  g_free (pair);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingQuestion, pending_question_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingPair, pending_pair_free)

static void
add_warning (Parser              *parser,
             IkImportWarningKind  kind,
             guint                line,
             const char          *message)
{
  IkImportWarning *warning = ik_import_warning_new (line, message);

  warning->kind = kind;
  g_ptr_array_add (parser->warnings, warning);
}

/* A question or item as quoted in a warning: the first words of a long
 * one, so that the warning stays readable. */
#define QUOTE_MAX_CHARS 60

static char *
quote_text (const char *text)
{
  const char *cut, *space;

  if (g_utf8_strlen (text, -1) <= QUOTE_MAX_CHARS)
    return g_strdup (text);
  cut = g_utf8_offset_to_pointer (text, QUOTE_MAX_CHARS);
  space = g_strrstr_len (text, cut - text, " ");
  if (space != NULL && space - text > QUOTE_MAX_CHARS / 2)
    cut = space;
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0xFEFF;
}

/* Returns a copy of [start, end) without surrounding white space. */
static char *
trim_copy (const char *start,
           const char *end)
{
  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Reduces a line to the words of a possible header: no Markdown heading or
 * emphasis marks, no trailing colon, hyphens as spaces, one space between
 * words, case folded. */
static char *
header_key (const char *text)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *folded = NULL;
  const char *p = text;
  gboolean space = FALSE;

  while (*p == '#' || *p == '*' || *p == '_' || *p == ' ' || *p == '\t')
    p++;
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == 0x2010 || c == 0x2011 || is_space (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  while (key->len > 0 && strchr (":*_# ", key->str[key->len - 1]) != NULL)
    g_string_truncate (key, key->len - 1);

  folded = g_utf8_casefold (key->str, -1);
  return g_steal_pointer (&folded);
}

static LineKind
classify_header (const char *text)
{
  static const struct { const char *key; LineKind kind; } headers[] = {
    { "interview questions", LINE_QUESTIONS_HEADER },
    { "behavioral interview questions", LINE_QUESTIONS_HEADER },
    { "behavioural interview questions", LINE_QUESTIONS_HEADER },
    { "areas to cover", LINE_AREAS_HEADER },
    { "follow up questions", LINE_FOLLOW_UPS_HEADER },
    { "followup questions", LINE_FOLLOW_UPS_HEADER },
    { "follow ups", LINE_FOLLOW_UPS_HEADER },
    { "followups", LINE_FOLLOW_UPS_HEADER },
    { "frequently asked questions", LINE_FAQ_HEADER },
    { "faq", LINE_FAQ_HEADER },
    { "faqs", LINE_FAQ_HEADER },
  };
  g_autofree char *key = NULL;

  /* Headers are short; do not fold whole paragraphs. */
  if (strlen (text) > 64)
    return LINE_TEXT;

  key = header_key (text);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (g_str_equal (key, headers[i].key))
      return headers[i].kind;
  return LINE_TEXT;
}

/* A line of only “-”, “*”, “_” or “=” is a decorative rule. */
static gboolean
is_rule (const char *text)
{
  gsize len = strlen (text);

  if (len < 3)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p != text[0] && *p != ' ')
      return FALSE;
  return strchr ("-*_=", text[0]) != NULL;
}

/* Returns the text after a bullet or number marker, or NULL when the line
 * does not start with one. */
static const char *
bullet_content (const char *text)
{
  static const gunichar symbols[] = {
    0x2022 /* • */, 0x2023 /* ‣ */, 0x25E6 /* ◦ */, 0x25AA /* ▪ */,
    0x25CF /* ● */, 0x00B7 /* · */, 0x2043 /* ⁃ */,
  };
  gunichar c = g_utf8_get_char (text);
  const char *p;

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (c == symbols[i])
      return g_utf8_next_char (text);

  if ((c == '-' || c == '*' || c == '+' || c == 0x2013 || c == 0x2014)
      && is_space (g_utf8_get_char (g_utf8_next_char (text))))
    return g_utf8_next_char (text);

  p = text;
  while (g_ascii_isdigit (*p) && p - text < 3)
    p++;
  if (p > text && (*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t'))
    return p + 1;

  return NULL;
}

static void
classify_line (GuideLine *line)
{
  const char *after;

  if (line->text[0] == '\0' || is_rule (line->text))
    {
      line->kind = LINE_BLANK;
      return;
    }

  /* Bullets first: an item may well read “Follow-up questions”. */
  after = bullet_content (line->text);
  if (after != NULL)
    {
      line->content = trim_copy (after, after + strlen (after));
      line->kind = line->content[0] != '\0' ? LINE_BULLET : LINE_BLANK;
      return;
    }

  line->kind = classify_header (line->text);
}

static void
line_reader_init (LineReader *reader,
                  const char *text,
                  gsize       length)
{
  memset (reader, 0, sizeof *reader);
  reader->start = text;
  reader->p = text;
  reader->end = text + length;
  reader->number = 1;
  reader->scratch = g_string_new (NULL);
}

static void
line_reader_clear (LineReader *reader)
{
  for (guint k = 0; k < reader->n; k++)
    guide_line_clear (&reader->window[(reader->first + k) % LOOKAHEAD]);
  reader->n = 0;
  g_string_free (reader->scratch, TRUE);
  reader->scratch = NULL;
}

/* Reads the next line, blank or not, trimmed, on LF, CRLF or a lone CR.
 * Control characters other than tab become spaces. */
static gboolean
line_reader_read (LineReader *reader,
                  GuideLine  *line)
{
  GString *clean = reader->scratch;
  const char *eol = reader->p;

  if (reader->p >= reader->end)
    return FALSE;

  while (eol < reader->end && *eol != '\n' && *eol != '\r')
    eol++;

  /* One buffer for every line: no allocation per line but the result. */
  g_string_truncate (clean, 0);
  g_string_append_len (clean, reader->p, eol - reader->p);
  for (gsize i = 0; i < clean->len; i++)
    if ((guchar) clean->str[i] < 0x20 && clean->str[i] != '\t')
      clean->str[i] = ' ';
    else if (clean->str[i] == 0x7f)
      clean->str[i] = ' ';

  memset (line, 0, sizeof *line);
  line->number = reader->number++;
  line->indented = clean->len > 0 && (clean->str[0] == ' ' || clean->str[0] == '\t');
  line->text = trim_copy (clean->str, clean->str + clean->len);
  classify_line (line);

  if (eol < reader->end && *eol == '\r' && eol + 1 < reader->end && eol[1] == '\n')
    eol++;
  reader->p = eol + 1;
  return TRUE;
}

/* Reads content lines until the window is full or the input ends. A line
 * is final once the content line after it has been read. */
static void
line_reader_fill (LineReader *reader)
{
  while (reader->n < LOOKAHEAD)
    {
      GuideLine line;

      if (!line_reader_read (reader, &line))
        return;
      if (line.kind == LINE_BLANK)
        {
          guide_line_clear (&line);
          continue;
        }

      /* A line right above “Areas to Cover” is a question, even when it
       * reads like a header (a question may well be “Frequently asked
       * questions?” without its question mark). */
      if (reader->n > 0 && line.kind == LINE_AREAS_HEADER)
        {
          GuideLine *previous = &reader->window[(reader->first + reader->n - 1) % LOOKAHEAD];

          if (previous->kind != LINE_TEXT && previous->kind != LINE_BULLET)
            previous->kind = LINE_TEXT;
        }
      reader->window[(reader->first + reader->n) % LOOKAHEAD] = line;
      reader->n++;
    }
}

/* The content line @k lines ahead of the current one (0), or NULL. Lines
 * 0 and 1 are final. */
static const GuideLine *
line_reader_peek (LineReader *reader,
                  guint       k)
{
  g_assert (k < LOOKAHEAD);
  return k < reader->n ? &reader->window[(reader->first + k) % LOOKAHEAD] : NULL;
}

/* Moves past the current line; it goes into @out (freed first) or is
 * freed when @out is NULL. */
static void
line_reader_next (LineReader *reader,
                  GuideLine  *out)
{
  GuideLine *line = &reader->window[reader->first];

  g_assert (reader->n > 0);
  if (out != NULL)
    {
      guide_line_clear (out);
      *out = *line;
    }
  else
    {
      guide_line_clear (line);
    }
  memset (line, 0, sizeof *line);
  reader->first = (reader->first + 1) % LOOKAHEAD;
  reader->n--;
  line_reader_fill (reader);
}

static gboolean
ends_with_question_mark (const char *text)
{
  const char *end = text + strlen (text);

  /* Look past closing quotes and brackets: “…do?” and (…?) count. */
  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (prev);

      if (c == '?' || c == 0xFF1F)
        return TRUE;
      if (c != '"' && c != '\'' && c != ')' && c != 0x201D && c != 0x2019 && c != 0x00BB)
        return FALSE;
      end = prev;
    }
  return FALSE;
}

static gboolean
ends_with_final_punctuation (const char *text)
{
  static const gunichar final[] = {
    '.', '!', '?', ';', ':', ')', ']', '"', '\'', 0x201D, 0x2019, 0x00BB,
    0x2026, 0x3002, 0xFF01, 0xFF1F,
  };
  const char *end = text + strlen (text);
  const char *prev = g_utf8_find_prev_char (text, end);
  gunichar c;

  if (prev == NULL)
    return FALSE;
  c = g_utf8_get_char (prev);
  for (guint i = 0; i < G_N_ELEMENTS (final); i++)
    if (c == final[i])
      return TRUE;
  return FALSE;
}

/* A call to action reads “Interested in …? Sign up …”: a question mark
 * followed by more text on the same line. */
static gboolean
has_inner_question (const char *text)
{
  const char *mark = strchr (text, '?');

  return mark != NULL && mark[1] == ' ' && mark[2] != '\0';
}

static PendingQuestion *
pending_question_new (const char *text,
                      guint       line)
{
  PendingQuestion *q = g_new0 (PendingQuestion, 1);

  q->text = g_strdup (text);
  q->line = line;
  q->areas = g_ptr_array_new_with_free_func (g_free);
  q->follow_ups = g_ptr_array_new_with_free_func (g_free);
  return q;
}

static void
finish_question (Parser          *parser,
                 PendingQuestion *q,
                 GPtrArray       *questions)
{
  g_autofree char *quoted = quote_text (q->text);

  pending_question_end_continuation (q);
  if (q->areas_line == 0 && q->follow_ups_line == 0)
    {
      g_autofree char *msg =
        g_strdup_printf (_("The question “%s” has no “Areas to Cover” or “Follow-Up Questions”; the guide may be incomplete"),
                         quoted);
      add_warning (parser, IK_IMPORT_WARNING_INCOMPLETE, q->line, msg);
    }
  if (q->areas_line != 0 && q->areas->len == 0)
    add_warning (parser, IK_IMPORT_WARNING_INCOMPLETE, q->areas_line,
                 _("“Areas to Cover” is not followed by any item; the guide may be incomplete"));
  if (q->areas_line != 0 && q->follow_ups_line == 0 && !q->ends_guide)
    {
      g_autofree char *msg =
        g_strdup_printf (_("The question “%s” has “Areas to Cover” but no “Follow-Up Questions”; the guide may be incomplete"),
                         quoted);
      add_warning (parser, IK_IMPORT_WARNING_NO_FOLLOW_UPS, q->line, msg);
    }
  if (q->follow_ups_line != 0 && q->follow_ups->len == 0)
    add_warning (parser, IK_IMPORT_WARNING_INCOMPLETE, q->follow_ups_line,
                 _("“Follow-Up Questions” is not followed by any item; the guide may be incomplete"));
  g_ptr_array_add (questions, q);
}

/* Appends one input line to a description or answer: lines are paragraphs,
 * consecutive bullets stay together as a list. */
static void
append_paragraph (GString    *out,
                  const char *text,
                  gboolean    bullet,
                  gboolean    previous_bullet)
{
  if (out->len > 0)
    g_string_append (out, bullet && previous_bullet ? "\n" : "\n\n");
  g_string_append (out, text);
}

static void
finish_pair (Parser      *parser,
             PendingPair *pair,
             GPtrArray   *pairs)
{
  if (pair->n_paragraphs == 0)
    add_warning (parser, IK_IMPORT_WARNING_INCOMPLETE, pair->line,
                 _("This frequently asked question has no answer; the guide may be incomplete"));
  g_ptr_array_add (pairs, pair);
}

/* A closing line is left out; without final punctuation, it is more likely
 * the start of a line the guide was cut in. */
static void
warn_closing_line (Parser     *parser,
                   guint       line,
                   const char *text)
{
  g_autofree char *quoted = quote_text (text);
  g_autofree char *msg = NULL;

  if (ends_with_final_punctuation (text))
    {
      msg = g_strdup_printf (_("The closing line “%s” is not part of the guide and was not imported"), quoted);
      add_warning (parser, IK_IMPORT_WARNING_CLOSING_LINE, line, msg);
    }
  else
    {
      msg = g_strdup_printf (_("The last line “%s” ends in the middle of a sentence and was not imported; the guide may have been cut off"),
                             quoted);
      add_warning (parser, IK_IMPORT_WARNING_CUT_OFF, line, msg);
    }
  parser->dropped_line = line;
}

static char **
strv_from_array (GPtrArray *array)
{
  char **v = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    v[i] = g_strdup (g_ptr_array_index (array, i));
  return v;
}

static gboolean
check_encoding (const char  *text,
                gsize        length,
                GError     **error)
{
  const char *invalid = NULL;
  gsize controls = 0;
  gsize chars = 0;

  if (length > IK_GUIDE_IMPORT_MAX_SIZE)
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be an interview guide (%lu MB, at most %d MB)"),
                   (unsigned long) (length / (1024 * 1024)), IK_GUIDE_IMPORT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (length >= 2 && (((guchar) text[0] == 0xFF && (guchar) text[1] == 0xFE)
                      || ((guchar) text[0] == 0xFE && (guchar) text[1] == 0xFF)))
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NOT_UTF8,
                   _("The file is encoded in UTF-16; save it as UTF-8 and import it again"));
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
      guint line = 1;

      for (const char *p = text; p < invalid; p++)
        if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
          line++;
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NOT_UTF8,
                   _("The text is not valid UTF-8 (line %u); save it as UTF-8 and import it again"),
                   line);
      return FALSE;
    }

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t')
          || (c >= 0x7F && c < 0xA0))
        controls++;
    }
  /* Text pasted from PDFs carries the odd form feed; binary data is full of
   * control characters. */
  if (controls > 0 && controls * 10 > chars)
    {
      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_BINARY,
                   _("The file is not text (it is mostly control characters)"));
      return FALSE;
    }

  return TRUE;
}

/* How often the import looks at its cancellable and reports progress: a
 * check per line would cost more than the line. */
#define CHECK_BYTES (64 * 1024)
#define CHECK_ITEMS 256
/* Reading the lines is most of the work; building the objects the rest. */
#define READ_SHARE 0.9

static gboolean
report (GCancellable    *cancellable,
        IkProgressFunc   progress,
        gpointer         progress_data,
        double           fraction,
        GError         **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (fraction, progress_data);
  return TRUE;
}

/**
 * ik_guide_import_full:
 * @text: the guide, need not be NUL-terminated
 * @length: length of @text in bytes
 * @fallback_title: (nullable): the bank title when the guide has no
 *   “Interview Questions for” header, typically the file name
 * @cancellable: (nullable): stops the import with %G_IO_ERROR_CANCELLED
 * @progress: (nullable) (scope call): called in the calling thread with the
 *   fraction done, never decreasing, 1.0 last when a bank is returned
 * @progress_data: data for @progress
 * @warnings: (out) (optional) (element-type IkImportWarning): on success, the
 *   things that look wrong with the guide (possibly none)
 * @error: return location for an #IK_IMPORT_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Reads a plain-text interview guide (see the top of ik-guide-import.c for
 * the format) into a new bank of origin %IK_BANK_ORIGIN_IMPORTED: the
 * introduction becomes the description, each question an #IkQuestion with
 * its areas to cover and follow-ups, each frequently asked question an
 * #IkGuidance. Nothing is read from or written to disk, and no global
 * state is used, so it may run in any thread; time and memory are linear
 * in @length.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
IkBank *
ik_guide_import_full (const char      *text,
                      gsize            length,
                      const char      *fallback_title,
                      GCancellable    *cancellable,
                      IkProgressFunc   progress,
                      gpointer         progress_data,
                      GPtrArray      **warnings,
                      GError         **error)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_question_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_pair_free);
  g_autoptr(PendingQuestion) cur = NULL;
  g_autoptr(PendingPair) pair = NULL;
  g_autoptr(IkBank) bank = NULL;
  /* The introduction, built as it is read. Its last paragraph may turn out
   * to be the first question (when no “Interview Questions” header comes
   * before the first “Areas to Cover”), so where it starts is kept. */
  g_autoptr(GString) description = g_string_new (NULL);
  gsize intro_last_start = 0;
  gsize intro_last_text = 0;
  guint intro_last_line = 0;
  gboolean intro_last_bullet = FALSE;
  guint n_intro = 0;
  g_autofree char *title = NULL;
  Parser parser = { 0 };
  LineReader reader;
  enum { STATE_INTRO, STATE_QUESTIONS, STATE_FAQ } state = STATE_INTRO;
  Section orphan_section = SECTION_NONE;
  GuideLine last_content = { 0 };
  const GuideLine *head;
  const char *next_check;
  gboolean ends_with_newline;
  guint faq_line = 0;
  gboolean any_areas = FALSE;
  g_autofree char *cut_message = NULL;
  g_autoptr(GPtrArray) new_items = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (warnings == NULL || *warnings == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!report (cancellable, progress, progress_data, 0.0, error))
    return NULL;
  if (!check_encoding (text, length, error))
    return NULL;

  ends_with_newline = length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r');

  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  parser.warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_import_warning_free);
  line_reader_init (&reader, text, length);
  line_reader_fill (&reader);
  next_check = reader.start + CHECK_BYTES;

  /* The optional title header must be the first text of the guide. */
  head = line_reader_peek (&reader, 0);
  if (head != NULL
      && g_ascii_strncasecmp (head->text, "Interview Questions for", 23) == 0
      && (head->text[23] == '\0' || head->text[23] == ' '
          || head->text[23] == ':' || head->text[23] == '\t'))
    {
      const char *rest = head->text + 23;

      while (*rest == ':' || *rest == ' ' || *rest == '\t')
        rest++;
      if (*rest != '\0')
        {
          title = g_strdup (rest);
          line_reader_next (&reader, NULL);
        }
      else
        {
          const GuideLine *next = line_reader_peek (&reader, 1);

          /* Whatever the next line says, it is the title; only the
           * questions header means there is none. */
          if (next != NULL && next->kind != LINE_QUESTIONS_HEADER)
            {
              title = g_strdup (next->text);
              line_reader_next (&reader, NULL);
            }
          line_reader_next (&reader, NULL);
        }
    }

  while ((head = line_reader_peek (&reader, 0)) != NULL)
    {
      const GuideLine *line = head;
      const GuideLine *next = line_reader_peek (&reader, 1);
      /* Whether the line is a question because an “Areas to Cover” header
       * follows it. */
      gboolean followed_by_areas = next != NULL && next->kind == LINE_AREAS_HEADER;
      gboolean again = FALSE;

      if (reader.p >= next_check)
        {
          double read = (double) (reader.p - reader.start) / MAX (length, 1);

          if (!report (cancellable, progress, progress_data, READ_SHARE * read, error))
            {
              line_reader_clear (&reader);
              guide_line_clear (&last_content);
              parser_clear (&parser);
              return NULL;
            }
          next_check = reader.p + CHECK_BYTES;
        }

      if (state == STATE_INTRO)
        {
          switch (line->kind)
            {
            case LINE_QUESTIONS_HEADER:
              state = STATE_QUESTIONS;
              break;

            case LINE_AREAS_HEADER:
            case LINE_FOLLOW_UPS_HEADER:
              /* No “Interview Questions” header: the line above the first
               * section is the first question. */
              state = STATE_QUESTIONS;
              if (n_intro > 0)
                {
                  cur = pending_question_new (description->str + intro_last_text, intro_last_line);
                  g_string_truncate (description, intro_last_start);
                  n_intro--;
                }
              again = TRUE;
              break;

            case LINE_FAQ_HEADER:
              state = STATE_FAQ;
              faq_line = line->number;
              break;

            case LINE_TEXT:
            case LINE_BULLET:
            case LINE_BLANK:
            default:
              {
                const char *paragraph = line->kind == LINE_BULLET && followed_by_areas
                                        ? line->content : line->text;

                /* Lines are paragraphs, consecutive bullets stay together
                 * as a list. */
                intro_last_start = description->len;
                append_paragraph (description, paragraph, line->kind == LINE_BULLET,
                                  n_intro > 0 && intro_last_bullet);
                intro_last_text = description->len - strlen (paragraph);
                intro_last_line = line->number;
                intro_last_bullet = line->kind == LINE_BULLET;
                n_intro++;
              }
              break;
            }
        }
      else if (state == STATE_QUESTIONS)
        {
          switch (line->kind)
            {
            case LINE_QUESTIONS_HEADER:
              break;

            case LINE_AREAS_HEADER:
            case LINE_FOLLOW_UPS_HEADER:
              if (cur == NULL)
                {
                  add_warning (&parser, IK_IMPORT_WARNING_OTHER, line->number,
                               _("This section does not follow a question; its items were not imported"));
                  orphan_section = SECTION_SKIP;
                }
              else if (line->kind == LINE_AREAS_HEADER)
                {
                  cur->section = SECTION_AREAS;
                  if (cur->areas_line == 0)
                    cur->areas_line = line->number;
                }
              else
                {
                  cur->section = SECTION_FOLLOW_UPS;
                  if (cur->follow_ups_line == 0)
                    cur->follow_ups_line = line->number;
                }
              break;

            case LINE_FAQ_HEADER:
              if (cur != NULL)
                finish_question (&parser, g_steal_pointer (&cur), questions);
              orphan_section = SECTION_NONE;
              state = STATE_FAQ;
              faq_line = line->number;
              break;

            case LINE_BULLET:
              if (followed_by_areas)
                {
                  /* A numbered question. */
                  if (cur != NULL)
                    finish_question (&parser, g_steal_pointer (&cur), questions);
                  orphan_section = SECTION_NONE;
                  cur = pending_question_new (line->content, line->number);
                }
              else if (cur == NULL && orphan_section == SECTION_SKIP)
                {
                  /* Items of a section without a question: dropped. */
                }
              else if (cur == NULL)
                {
                  cur = pending_question_new (line->content, line->number);
                }
              else
                {
                  if (cur->section == SECTION_NONE)
                    {
                      add_warning (&parser, IK_IMPORT_WARNING_OTHER, line->number,
                                   _("A list without an “Areas to Cover” header was read as areas to cover"));
                      cur->section = SECTION_AREAS;
                      cur->areas_line = line->number;
                    }
                  pending_question_end_continuation (cur);
                  g_ptr_array_add (cur->section == SECTION_AREAS ? cur->areas : cur->follow_ups,
                                   g_strdup (line->content));
                  cur->last_item_line = line->number;
                }
              break;

            case LINE_TEXT:
            case LINE_BLANK:
            default:
              if (cur != NULL && (cur->section == SECTION_AREAS || cur->section == SECTION_FOLLOW_UPS)
                  && line->indented
                  && (cur->section == SECTION_AREAS ? cur->areas : cur->follow_ups)->len > 0
                  && cur->last_item_line + 1 == line->number
                  && !followed_by_areas)
                {
                  pending_question_continue_item (cur, cur->section == SECTION_AREAS ? cur->areas : cur->follow_ups,
                                                  line->text);
                  cur->last_item_line = line->number;
                  break;
                }
              if (cur != NULL)
                finish_question (&parser, g_steal_pointer (&cur), questions);
              orphan_section = SECTION_NONE;
              cur = pending_question_new (line->text, line->number);
              break;
            }
        }
      else
        {
          const char *t = line->text;

          if (line->kind != LINE_BULLET && ends_with_question_mark (t))
            {
              if (pair != NULL)
                finish_pair (&parser, g_steal_pointer (&pair), pairs);
            }
          if (pair == NULL)
            {
              pair = g_new0 (PendingPair, 1);
              pair->question = g_strdup (t);
              pair->line = line->number;
              pair->answer = g_string_new (NULL);
            }
          else
            {
              pair->last_paragraph_start = pair->answer->len;
              append_paragraph (pair->answer, t, line->kind == LINE_BULLET, pair->last_was_bullet);
              pair->last_was_bullet = line->kind == LINE_BULLET;
              pair->last_line = line->number;
              pair->n_paragraphs++;
            }
        }

      /* A line that changed the state is read again in the new one. */
      if (!again)
        line_reader_next (&reader, &last_content);
    }
  line_reader_clear (&reader);

  /* The end of the input: closing lines and truncation. */
  if (cur != NULL)
    {
      if (cur->areas_line == 0 && cur->follow_ups_line == 0
          && !ends_with_question_mark (cur->text) && questions->len > 0)
        {
          warn_closing_line (&parser, cur->line, cur->text);
          g_clear_pointer (&cur, pending_question_free);
        }
      else
        {
          g_autofree char *quoted = quote_text (cur->text);

          /* Nothing after the areas: no follow-ups, no next question, no
           * FAQ. The input ended inside the question. */
          if (cur->section == SECTION_AREAS && last_content.text != NULL)
            {
              g_autofree char *msg =
                g_strdup_printf (_("The guide ends inside the question “%s”, in its “Areas to Cover”; its follow-up questions and anything after them are missing"),
                                 quoted);
              add_warning (&parser, IK_IMPORT_WARNING_ENDS_IN_QUESTION, last_content.number, msg);
              cur->ends_guide = TRUE;
            }
          if (last_content.text != NULL && cur->last_item_line == last_content.number)
            cut_message = g_strdup_printf (_("The last item of the question “%s” ends without final punctuation; the guide may have been cut off in the middle of a sentence"),
                                           quoted);
          finish_question (&parser, g_steal_pointer (&cur), questions);
        }
    }
  if (pair != NULL)
    {
      g_autofree char *quoted = quote_text (pair->question);

      cut_message = g_strdup_printf (_("The last line, in the frequently asked question “%s”, ends without final punctuation; the guide may have been cut off in the middle of a sentence"),
                                     quoted);
    }
  if (pair != NULL)
    {
      gboolean closing = FALSE;

      if (pair->n_paragraphs >= 2 && last_content.text != NULL && pair->last_line == last_content.number)
        {
          const char *last = pair->answer->str + pair->last_paragraph_start;

          while (*last == '\n')
            last++;
          closing = has_inner_question (last) || strstr (last, "://") != NULL;
          if (!closing && !ends_with_newline && pairs->len > 0)
            {
              closing = TRUE;
              for (guint j = 0; j < pairs->len; j++)
                if (((PendingPair *) g_ptr_array_index (pairs, j))->n_paragraphs != 1)
                  closing = FALSE;
            }
          if (closing)
            {
              warn_closing_line (&parser, pair->last_line, last);
              g_string_truncate (pair->answer, pair->last_paragraph_start);
              pair->n_paragraphs--;
            }
        }
      finish_pair (&parser, g_steal_pointer (&pair), pairs);
    }
  else if (state == STATE_FAQ)
    {
      add_warning (&parser, IK_IMPORT_WARNING_INCOMPLETE, faq_line,
                   _("“Frequently Asked Questions” is not followed by any question; the guide may be incomplete"));
    }

  /* Items and answers end with punctuation, or they were cut (with or
   * without a line break after them); not when that last line was just
   * dropped as a closing line. */
  if (last_content.text != NULL && last_content.number != parser.dropped_line
      && (cut_message != NULL || last_content.kind == LINE_BULLET)
      && !ends_with_final_punctuation (last_content.text))
    add_warning (&parser, IK_IMPORT_WARNING_CUT_OFF, last_content.number,
                 cut_message != NULL ? cut_message
                 : _("The last line ends in the middle of a sentence; the guide may have been cut off"));
  guide_line_clear (&last_content);

  for (guint j = 0; j < questions->len; j++)
    if (((PendingQuestion *) g_ptr_array_index (questions, j))->areas_line != 0)
      any_areas = TRUE;

  if (!any_areas)
    {
      guint gave_up = faq_line != 0 ? faq_line : MAX (reader.number - 1, 1);

      g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NO_QUESTIONS,
                   _("No interview question followed by an “Areas to Cover” list was found; reading stopped at line %u"),
                   gave_up);
      parser_clear (&parser);
      return NULL;
    }

  if (!report (cancellable, progress, progress_data, READ_SHARE, error))
    {
      parser_clear (&parser);
      return NULL;
    }

  bank = ik_bank_new (title != NULL && title[0] != '\0' ? title
                      : fallback_title != NULL && fallback_title[0] != '\0' ? fallback_title
                      : _("Imported Guide"));
  g_object_set (bank,
                "description", description->str,
                "origin", IK_BANK_ORIGIN_IMPORTED,
                NULL);

  /* Added in one splice each: one edit of the bank, not one per item. */
  new_items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint j = 0; j < questions->len; j++)
    {
      PendingQuestion *pq = g_ptr_array_index (questions, j);
      IkQuestion *q = ik_question_new ();
      g_auto(GStrv) areas = strv_from_array (pq->areas);
      g_auto(GStrv) follow_ups = strv_from_array (pq->follow_ups);

      ik_question_set_text (q, pq->text);
      ik_question_set_areas (q, (const char * const *) areas);
      ik_question_set_follow_ups (q, (const char * const *) follow_ups);
      ik_question_set_minutes (q, IK_GUIDE_IMPORT_DEFAULT_MINUTES);
      g_ptr_array_add (new_items, q);

      if ((j + 1) % CHECK_ITEMS == 0
          && !report (cancellable, progress, progress_data,
                      READ_SHARE + (1 - READ_SHARE) * (j + 1) / (questions->len + pairs->len), error))
        {
          parser_clear (&parser);
          return NULL;
        }
    }
  g_list_store_splice (G_LIST_STORE (ik_bank_get_questions (bank)), 0, 0, new_items->pdata, new_items->len);
  g_ptr_array_set_size (new_items, 0);

  for (guint j = 0; j < pairs->len; j++)
    {
      PendingPair *pp = g_ptr_array_index (pairs, j);

      g_ptr_array_add (new_items, ik_guidance_new (pp->question, pp->answer->str));
    }
  g_list_store_splice (G_LIST_STORE (ik_bank_get_guidance (bank)), 0, 0, new_items->pdata, new_items->len);

  /* Building the bank is not an edit: a fresh import is its first revision. */
  ik_bank_set_version (bank, 1);

  /* Warnings come in the order of the text (a stable sort). */
  g_qsort_with_data (parser.warnings->pdata, parser.warnings->len, sizeof (gpointer),
                     compare_warnings, NULL);
  if (progress != NULL)
    progress (1.0, progress_data);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&parser.warnings);
  parser_clear (&parser);

  return g_steal_pointer (&bank);
}

/**
 * ik_guide_import:
 * @text: the guide, need not be NUL-terminated
 * @length: length of @text in bytes
 * @fallback_title: (nullable): the bank title when the guide has no
 *   “Interview Questions for” header, typically the file name
 * @warnings: (out) (optional) (element-type IkImportWarning): on success, the
 *   things that look wrong with the guide (possibly none)
 * @error: return location for an #IK_IMPORT_ERROR
 *
 * ik_guide_import_full() without cancellation or progress.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL with @error set
 */
IkBank *
ik_guide_import (const char  *text,
                 gsize        length,
                 const char  *fallback_title,
                 GPtrArray  **warnings,
                 GError     **error)
{
  return ik_guide_import_full (text, length, fallback_title, NULL, NULL, NULL, warnings, error);
}
