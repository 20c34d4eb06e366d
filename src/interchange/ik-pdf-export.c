/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pdf-export.c: the printed scorecard.
 *
 * The document is a list of blocks of Pango markup. Paginating places every
 * line of every block on a page, so that a long note flows onto the next
 * page instead of being cut; drawing a page shows the lines placed on it
 * with a running header and a footer carrying the seal and page numbers.
 * The PDF export and the print operation share this code, so what is
 * printed is what is exported.
 *
 * Long notes are why this is built the way it is: every step is linear in
 * the length of the text (a paragraph is a block, since Pango lays out a
 * layout in time that grows with the whole layout for each line; a page
 * draws only its own lines, found by index), and the PDF export runs in a
 * worker thread, on its own font map, and can be cancelled between blocks
 * and pages. The document is built from the session in the main thread
 * (the model is not thread-safe) and is only read by the worker.
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ik-export-files.h"
#include "ik-pdf-export.h"
#include "ik-progress.h"

/* A4 in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define PDF_MARGIN 56.0
#define PRINT_MARGIN 24.0
#define HEADER_HEIGHT 22.0
#define FOOTER_HEIGHT 30.0
#define QUOTE_INDENT 12.0
/* Room a heading needs below it so that it is not left alone at the foot
 * of a page. */
#define KEEP_WITH_NEXT 48.0

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_BODY,
  STYLE_QUOTE,
  STYLE_MUTED,
} BlockStyle;

static const struct
{
  const char *font;
  double      space_before;
  double      indent;
} styles[] = {
  [STYLE_TITLE] = { "Sans Bold 18", 0, 0 },
  [STYLE_HEADING] = { "Sans Bold 13", 14, 0 },
  [STYLE_SUBHEADING] = { "Sans Bold 11", 9, 0 },
  [STYLE_BODY] = { "Sans 10", 3, 0 },
  [STYLE_QUOTE] = { "Sans 10", 4, QUOTE_INDENT },
  [STYLE_MUTED] = { "Sans 9", 3, 0 },
};

typedef struct
{
  BlockStyle   style;
  /* A later paragraph of the same text: no space before it, as when the
   * text was one layout. */
  gboolean     continued;
  char        *markup;
  PangoLayout *layout;
} Block;

typedef struct
{
  guint            block;
  PangoLayoutLine *line;  /* owned by the block's layout */
  guint            page;
  double y;        /* top of the line's logical box, in the body area */
  double baseline; /* from the top of the logical box */
  double x;
  double height;
} Placement;

typedef struct
{
  GPtrArray *blocks;
  gsize      markup_length;  /* of all blocks, to measure progress */
  GArray    *placements;     /* in page order */
  GArray    *page_starts;    /* guint: index of the first placement of each page */
  guint      n_pages;
  double     page_width;
  double     page_height;
  double     margin;
  char      *running_header;
  char      *footer;
  char      *title;
} Document;

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_free (block->markup);
  g_free (block);
}

static void
document_free (Document *doc)
{
  g_ptr_array_unref (doc->blocks);
  g_array_unref (doc->placements);
  g_array_unref (doc->page_starts);
  g_free (doc->running_header);
  g_free (doc->footer);
  g_free (doc->title);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
add_block (Document   *doc,
           BlockStyle  style,
           gboolean    continued,
           char       *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->continued = continued;
  block->markup = markup;
  doc->markup_length += strlen (markup);
  g_ptr_array_add (doc->blocks, block);
}

static void
add_markup (Document   *doc,
            BlockStyle  style,
            char       *markup)
{
  add_block (doc, style, FALSE, markup);
}

static void
add_text (Document   *doc,
          BlockStyle  style,
          const char *text)
{
  add_markup (doc, style, g_markup_escape_text (text != NULL ? text : "", -1));
}

static void
add_field (Document   *doc,
           const char *label,
           const char *value)
{
  if (is_blank (value))
    return;
  add_markup (doc, STYLE_BODY, g_markup_printf_escaped ("<b>%s</b>  %s", label, value));
}

static void
add_user_text (Document              *doc,
               IkSession             *session,
               const IkExportOptions *options,
               const char            *text)
{
  g_autofree char *scrubbed = ik_export_scrub_text (session, options, text);
  const char *paragraph = scrubbed;
  int rest = strlen (scrubbed);
  gboolean continued = FALSE;

  /* One block per paragraph, split where Pango splits paragraphs, so the
   * lines are those of one layout of the whole text. */
  for (;;)
    {
      int delimiter = 0;
      int next = 0;

      pango_find_paragraph_boundary (paragraph, rest, &delimiter, &next);
      add_block (doc, STYLE_QUOTE, continued, g_markup_escape_text (paragraph, delimiter));
      continued = TRUE;
      /* No delimiter: that was the last paragraph. After a final line
       * break comes an empty one, as in a layout. */
      if (next == delimiter)
        break;
      paragraph += next;
      rest -= next;
    }
}

static char *
format_time (GDateTime *when)
{
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M %:z") : g_strdup ("");
}

static Document *
document_new (IkSession             *session,
              IkBank                *bank,
              const IkExportOptions *options)
{
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  GListModel *ratings = ik_scorecard_get_ratings (scorecard);
  GListModel *records = ik_session_get_records (session);
  GListModel *revisions = ik_scorecard_get_revisions (scorecard);
  IkSeniority seniority = ik_session_get_seniority (session);
  g_autofree char *candidate = ik_export_candidate_label (session, options);
  g_autofree char *scheduled = format_time (ik_session_get_scheduled (session));
  g_autofree char *submitted = format_time (ik_scorecard_get_submitted (scorecard));
  const char *seal = ik_scorecard_get_seal (scorecard);
  Document *doc = g_new0 (Document, 1);

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  doc->title = g_strdup_printf (_("Scorecard: %s"), candidate);
  if (!is_blank (ik_session_get_role (session)))
    doc->running_header = g_strdup_printf ("%s — %s", doc->title, ik_session_get_role (session));
  else
    doc->running_header = g_strdup (doc->title);
  if (seal != NULL)
    /* Translators: the footer of an exported scorecard */
    doc->footer = g_strdup_printf (_("Submitted %s · SHA-256 seal %s"), submitted, seal);
  else
    doc->footer = g_strdup (_("Not submitted: this scorecard may still change"));

  add_text (doc, STYLE_TITLE, doc->title);
  add_field (doc, _("Candidate"), candidate);
  add_field (doc, _("Role"), ik_session_get_role (session));
  add_field (doc, _("Seniority"), ik_export_seniority_label (seniority));
  add_field (doc, _("Interviewer"), ik_session_get_interviewer (session));
  add_field (doc, _("Date"), scheduled);
  add_field (doc, _("Question bank"), ik_session_get_bank_title (session));

  add_text (doc, STYLE_HEADING, _("Recommendation"));
  add_markup (doc, STYLE_BODY,
              g_markup_printf_escaped ("<b>%s</b>",
                                       ik_export_recommendation_label (ik_scorecard_get_recommendation (scorecard))));
  add_text (doc, STYLE_HEADING, _("Key Takeaways"));
  if (!is_blank (ik_scorecard_get_summary (scorecard)))
    add_user_text (doc, session, options, ik_scorecard_get_summary (scorecard));
  else
    add_text (doc, STYLE_MUTED, _("No summary was written."));

  add_text (doc, STYLE_HEADING, _("Competencies"));
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      const char *id = ik_competency_rating_get_competency_id (rating);
      const char *name = ik_competency_rating_get_competency_name (rating);
      int level = ik_competency_rating_get_rating (rating);
      const char *anchor = ik_export_anchor (bank, id, level, seniority);
      const char * const *sources = ik_competency_rating_get_evidence_questions (rating);
      g_autoptr(GPtrArray) areas = ik_export_uncovered_areas (session, id);

      add_text (doc, STYLE_SUBHEADING, !is_blank (name) ? name : id);
      if (anchor != NULL)
        add_markup (doc, STYLE_BODY,
                    g_markup_printf_escaped ("<b>%s</b> — <i>%s</i>", ik_export_rating_label (level), anchor));
      else
        add_markup (doc, STYLE_BODY, g_markup_printf_escaped ("<b>%s</b>", ik_export_rating_label (level)));
      if (!is_blank (ik_competency_rating_get_evidence (rating)))
        add_user_text (doc, session, options, ik_competency_rating_get_evidence (rating));
      else
        add_text (doc, STYLE_MUTED, _("No evidence was recorded."));
      for (guint s = 0; sources != NULL && sources[s] != NULL; s++)
        {
          guint position = 0;
          IkQuestionRecord *record = ik_export_find_record (session, sources[s], &position);
          g_autofree char *line = NULL;

          if (record == NULL)
            continue;
          line = g_strdup_printf (_("Evidence from question %u: %s"), position + 1,
                                  ik_question_get_text (ik_question_record_get_question (record)));
          add_text (doc, STYLE_MUTED, line);
        }
      if (areas->len > 0)
        {
          g_autofree char *joined = NULL;
          g_autofree char *line = NULL;

          /* One bullet per area: a list reads faster than a paragraph. */
          g_ptr_array_add (areas, NULL);
          joined = g_strjoinv ("\n• ", (GStrv) areas->pdata);
          line = g_strdup_printf (_("Areas never probed:\n• %s"), joined);
          add_text (doc, STYLE_MUTED, line);
        }
    }

  add_text (doc, STYLE_HEADING, _("Questions"));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      int level = ik_question_record_get_rating (record);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, ik_question_get_text (question));
      g_autofree char *status = NULL;

      add_text (doc, STYLE_SUBHEADING, heading);
      if (ik_question_record_get_skipped (record))
        status = g_strdup (_("Skipped"));
      else
        status = g_strdup_printf (_("Areas covered: %u of %u"),
                                  ik_question_record_get_n_areas_covered (record),
                                  ik_question_record_get_n_areas (record));
      if (level != IK_RATING_UNRATED)
        {
          g_autofree char *with_rating = g_strdup_printf (_("%s · Rating: %s"), status,
                                                          ik_export_rating_label (level));
          g_free (status);
          status = g_steal_pointer (&with_rating);
        }
      add_text (doc, STYLE_MUTED, status);
      if (options->include_notes && !is_blank (ik_question_record_get_notes (record)))
        add_user_text (doc, session, options, ik_question_record_get_notes (record));
    }

  add_text (doc, STYLE_HEADING, _("Seal"));
  if (seal != NULL)
    {
      add_field (doc, _("Submitted"), submitted);
      add_field (doc, _("SHA-256 seal"), seal);
    }
  else
    add_text (doc, STYLE_MUTED, _("This scorecard has not been submitted."));
  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (revisions, i);
      g_autofree char *when = format_time (ik_scorecard_revision_get_time (revision));
      g_autofree char *reason = ik_export_scrub_text (session, options,
                                                      ik_scorecard_revision_get_reason (revision));
      g_autofree char *line = g_strdup_printf (_("Amended %s: %s (previous seal %s)"), when, reason,
                                               ik_scorecard_revision_get_seal (revision));

      add_text (doc, STYLE_MUTED, line);
    }

  return doc;
}

static double
body_top (Document *doc)
{
  return doc->margin + HEADER_HEIGHT;
}

static double
body_height (Document *doc)
{
  return doc->page_height - 2 * doc->margin - HEADER_HEIGHT - FOOTER_HEIGHT;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *font,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Ligatures off: the text of the PDF is then searchable and extractable
 * exactly as typed. */
static void
set_markup (PangoLayout *layout,
            const char  *markup)
{
  g_autofree char *wrapped = g_strdup_printf ("<span font_features=\"liga=0, clig=0\">%s</span>", markup);

  pango_layout_set_markup (layout, wrapped, -1);
}

/* Lays out every block and places its lines on pages. Progress goes from
 * @progress_from to @progress_to, by the length of the markup laid out.
 * Returns FALSE when cancelled; the placements are then incomplete. */
static gboolean
document_paginate (Document       *doc,
                   PangoContext   *context,
                   double          page_width,
                   double          page_height,
                   double          margin,
                   GCancellable   *cancellable,
                   IkProgressFunc  progress,
                   gpointer        progress_data,
                   double          progress_from,
                   double          progress_to,
                   GError        **error)
{
  double y = 0;
  guint page = 0;
  guint first = 0;
  double content_width;
  gsize laid_out = 0;

  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->margin = margin;
  content_width = page_width - 2 * margin;
  g_array_set_size (doc->placements, 0);
  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, first);

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);
      double indent = styles[block->style].indent;
      PangoLayoutIter *iter;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (progress_from + (progress_to - progress_from) * laid_out / MAX (doc->markup_length, 1),
                  progress_data);
      laid_out += strlen (block->markup);

      g_clear_object (&block->layout);
      block->layout = make_layout (context, styles[block->style].font, content_width - indent);
      set_markup (block->layout, block->markup);

      if (y > 0 && !block->continued)
        y += styles[block->style].space_before;
      if ((block->style == STYLE_HEADING || block->style == STYLE_SUBHEADING) && y > 0)
        {
          int height;

          pango_layout_get_size (block->layout, NULL, &height);
          if (y + (double) height / PANGO_SCALE + KEEP_WITH_NEXT > body_height (doc))
            {
              page++;
              y = 0;
              g_array_append_val (doc->page_starts, doc->placements->len);
            }
        }

      iter = pango_layout_get_iter (block->layout);
      do
        {
          PangoRectangle logical;
          Placement placement = { 0, };

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          placement.block = b;
          placement.line = pango_layout_iter_get_line_readonly (iter);
          placement.height = (double) logical.height / PANGO_SCALE;
          placement.baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
          placement.x = indent + (double) logical.x / PANGO_SCALE;
          if (y > 0 && y + placement.height > body_height (doc))
            {
              page++;
              y = 0;
              g_array_append_val (doc->page_starts, doc->placements->len);
            }
          placement.page = page;
          placement.y = y;
          y += placement.height;
          g_array_append_val (doc->placements, placement);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  doc->n_pages = page + 1;
  return TRUE;
}

static void
draw_small (cairo_t      *cr,
            PangoContext *context,
            const char   *text,
            double        x,
            double        y,
            double        width,
            PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (context, "Sans 8", width);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  pango_layout_set_alignment (layout, alignment);
  set_markup (layout, escaped);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
document_draw_page (Document     *doc,
                    cairo_t      *cr,
                    PangoContext *context,
                    guint         page)
{
  double content_width = doc->page_width - 2 * doc->margin;
  double footer_top = doc->page_height - doc->margin - FOOTER_HEIGHT + 8;
  g_autofree char *page_label = g_strdup_printf (_("Page %u of %u"), page + 1, doc->n_pages);
  guint last;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  if (page > 0)
    draw_small (cr, context, doc->running_header, doc->margin, doc->margin, content_width, PANGO_ALIGN_LEFT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, doc->margin, footer_top - 4);
  cairo_line_to (cr, doc->margin + content_width, footer_top - 4);
  cairo_stroke (cr);
  draw_small (cr, context, doc->footer, doc->margin, footer_top, content_width - 70, PANGO_ALIGN_LEFT);
  draw_small (cr, context, page_label, doc->margin + content_width - 70, footer_top, 70, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);

  last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1)
                                           : doc->placements->len;
  for (guint i = g_array_index (doc->page_starts, guint, page); i < last; i++)
    {
      Placement *placement = &g_array_index (doc->placements, Placement, i);
      Block *block = g_ptr_array_index (doc->blocks, placement->block);
      double top = body_top (doc) + placement->y;

      cairo_save (cr);
      if (block->style == STYLE_QUOTE)
        {
          /* A bar beside quoted user text, as in the HTML export. */
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_rectangle (cr, doc->margin + 2, top, 2.5, placement->height);
          cairo_fill (cr);
        }
      if (block->style == STYLE_MUTED)
        cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
      else
        cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, doc->margin + placement->x, top + placement->baseline);
      pango_cairo_show_layout_line (cr, placement->line);
      cairo_restore (cr);
    }
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Share of the work that is laying out; the rest is drawing the pages. */
#define LAYOUT_SHARE 0.7

/* Renders @doc as an A4 PDF in memory. Safe in a worker thread: the fonts
 * come from a font map of this call's own (Pango objects must not be
 * shared between threads), and @doc is not shared while it runs. */
static GBytes *
document_render_pdf (Document       *doc,
                     GCancellable   *cancellable,
                     IkProgressFunc  progress,
                     gpointer        progress_data,
                     GError        **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context;
  gboolean done = TRUE;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_to_array, buffer, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Interview Kit " PACKAGE_VERSION);
  cr = cairo_create (surface);

  context = pango_font_map_create_context (font_map);
  pango_cairo_update_context (cr, context);
  /* One layout unit is one point, as on the PDF surface. */
  pango_cairo_context_set_resolution (context, 72);
  done = document_paginate (doc, context, A4_WIDTH, A4_HEIGHT, PDF_MARGIN,
                            cancellable, progress, progress_data, 0, LAYOUT_SHARE, error);
  for (guint page = 0; done && page < doc->n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        done = FALSE;
      else
        {
          if (progress != NULL)
            progress (LAYOUT_SHARE + (1 - LAYOUT_SHARE) * page / doc->n_pages, progress_data);
          document_draw_page (doc, cr, context, page);
          cairo_show_page (cr);
        }
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* The layouts hold fonts of this font map: not kept past it. */
  for (guint b = 0; b < doc->blocks->len; b++)
    g_clear_object (&((Block *) g_ptr_array_index (doc->blocks, b))->layout);
  g_object_unref (context);
  if (!done)
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not render the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  if (progress != NULL)
    progress (1.0, progress_data);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * ik_pdf_export_to_bytes:
 * @bank_or_null: (nullable): the bank of the session, for the anchors
 *
 * Renders the scorecard of @session as an A4 PDF document in memory.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error
 */
GBytes *
ik_pdf_export_to_bytes (IkSession             *session,
                        IkBank                *bank_or_null,
                        const IkExportOptions *options,
                        GError               **error)
{
  g_autoptr(Document) doc = NULL;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (bank_or_null == NULL || IK_IS_BANK (bank_or_null), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  doc = document_new (session, bank_or_null, options);
  return document_render_pdf (doc, NULL, NULL, NULL, error);
}

typedef struct
{
  Document        *doc;
  char            *path;
  IkProgressRelay *relay;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  document_free (job->doc);
  g_free (job->path);
  ik_progress_relay_unref (job->relay);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  bytes = document_render_pdf (job->doc, cancellable, ik_progress_relay_report, job->relay, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The last moment to stop: the write itself is atomic, the file is
   * either all there or not at all. */
  if (g_task_return_error_if_cancelled (task))
    return;
  file = g_file_new_for_path (job->path);
  if (!ik_export_write_file (file, bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_pdf_export_write_async:
 * @bank_or_null: (nullable): the bank of the session, for the anchors
 * @path: where to write the PDF
 * @cancellable: (nullable): stops the export; nothing is written then
 * @progress: (nullable): called in the thread-default main context of the
 *   caller with the fraction done, until the export finishes
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 *
 * Exports the scorecard as a PDF in a worker thread: it is read from
 * @session now, laid out and written in the worker, atomically
 * (ik_export_write_file()): an existing file at @path is either replaced
 * whole or left untouched.
 */
void
ik_pdf_export_write_async (IkSession             *session,
                           IkBank                *bank_or_null,
                           const IkExportOptions *options,
                           const char            *path,
                           GCancellable          *cancellable,
                           IkProgressFunc         progress,
                           gpointer               progress_data,
                           GDestroyNotify         progress_destroy,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (IK_IS_SESSION (session));
  g_return_if_fail (bank_or_null == NULL || IK_IS_BANK (bank_or_null));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->doc = document_new (session, bank_or_null, options);
  job->path = g_strdup (path);
  job->relay = ik_progress_relay_new (progress, progress_data, progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_pdf_export_write_async);
  g_task_set_name (task, "[interview-kit] PDF export");
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  /* A file written before the cancellation came is reported as written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

/**
 * ik_pdf_export_write_finish:
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED when the
 *   export was cancelled before anything was written
 */
gboolean
ik_pdf_export_write_finish (GAsyncResult  *result,
                            GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_pdf_export_write_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  ik_progress_relay_stop (job->relay);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Printing --------------------------------------------------------------- */

typedef struct
{
  Document     *doc;
  PangoContext *context;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->context);
  document_free (job->doc);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *print_context,
                PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (print_context);

  g_clear_object (&job->context);
  job->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (job->context, 72);
  document_paginate (job->doc, job->context,
                     gtk_print_context_get_width (print_context),
                     gtk_print_context_get_height (print_context),
                     PRINT_MARGIN, NULL, NULL, NULL, 0, 1, NULL);
  gtk_print_operation_set_n_pages (operation, job->doc->n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *print_context,
              int                page,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (print_context);

  pango_cairo_update_context (cr, job->context);
  document_draw_page (job->doc, cr, job->context, page);
}

static void
show_print_error (GtkWindow    *parent,
                  const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Print"),
                                              error != NULL ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ik_pdf_export_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @bank: (nullable): the bank of the session, for the anchors
 *
 * Shows the print dialog and prints the scorecard with the same layout as
 * the PDF export.
 */
void
ik_pdf_export_print (GtkWindow             *parent,
                     IkSession             *session,
                     IkBank                *bank,
                     const IkExportOptions *options)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  PrintJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (IK_IS_SESSION (session));
  g_return_if_fail (options != NULL);

  job = g_new0 (PrintJob, 1);
  job->doc = document_new (session, bank, options);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job->doc->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_object_set_data_full (G_OBJECT (operation), "ik-print-job", job, (GDestroyNotify) print_job_free);

  /* Synchronous: the dialog is modal and the job lives until it closes. */
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (parent, error);
}
