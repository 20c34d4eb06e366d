/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pdf-document.c: the printed documents' layout engine.
 *
 * A document is a list of blocks: text blocks of Pango markup in one of a
 * few styles, and table rows (cells with relative column widths, under a
 * header row of their table). Paginating places every line of every text
 * block on a page, so that a long text flows onto the next page instead
 * of being cut, and every table row as a whole (a row never splits; the
 * table's header row is repeated at the top of a new page). Drawing a page
 * shows what was placed on it, with a running header and a footer with the
 * page numbers. The PDF and the print operation share this code, so what
 * is printed is what is exported.
 *
 * Long texts are why this is built the way it is: every step is linear in
 * the length of the text (a paragraph is a block, since Pango lays out a
 * layout in time that grows with the whole layout for each line; a page
 * draws only its own lines, found by index), and the PDF is rendered on a
 * font map of its own, so it can run in a worker thread, and can be
 * cancelled between blocks and pages. A document is built in the main
 * thread (the model is not thread-safe) and then only read by the worker.
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ik-export-files.h"
#include "ik-pdf-document.h"

/* A4 in points. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define DEFAULT_MARGIN 56.0
#define PRINT_MARGIN 24.0
#define HEADER_HEIGHT 22.0
#define FOOTER_HEIGHT 30.0
#define QUOTE_INDENT 12.0
/* Room a heading (or a table's header row) needs below it so that it is
 * not left alone at the foot of a page. */
#define KEEP_WITH_NEXT 48.0
#define ROW_FONT "Sans 9"
#define CELL_PADDING 3.0
#define MAX_CELL_LINES 8

static const struct
{
  const char *font;
  double      space_before;
  double      indent;
  double      color[3];
  gboolean    bar;             /* beside quoted text, as in the HTML export */
  gboolean    keep_with_next;
} styles[] = {
  [IK_PDF_STYLE_TITLE] = { "Sans Bold 18", 0, 0, { 0.1, 0.1, 0.1 }, FALSE, FALSE },
  [IK_PDF_STYLE_HEADING] = { "Sans Bold 13", 14, 0, { 0.1, 0.1, 0.1 }, FALSE, TRUE },
  [IK_PDF_STYLE_SUBHEADING] = { "Sans Bold 11", 9, 0, { 0.1, 0.1, 0.1 }, FALSE, TRUE },
  [IK_PDF_STYLE_BODY] = { "Sans 10", 3, 0, { 0.1, 0.1, 0.1 }, FALSE, FALSE },
  [IK_PDF_STYLE_QUOTE] = { "Sans 10", 4, QUOTE_INDENT, { 0.1, 0.1, 0.1 }, TRUE, FALSE },
  [IK_PDF_STYLE_MUTED] = { "Sans 9", 3, 0, { 0.33, 0.33, 0.33 }, FALSE, FALSE },
  [IK_PDF_STYLE_WARNING] = { "Sans Bold 10", 6, 0, { 0.65, 0.2, 0.0 }, FALSE, FALSE },
};

typedef struct
{
  IkPdfStyle   style;
  /* A later paragraph of the same text: no space before it, as when the
   * text was one layout. */
  gboolean     continued;
  char        *markup;
  PangoLayout *layout;
  /* Table rows: one markup and one layout per cell, the relative widths
   * of the columns, and the table's header row (itself for a header). */
  GPtrArray   *cells;
  GPtrArray   *cell_layouts;
  GArray      *weights;        /* double */
  guint        header;
  gboolean     is_header;
  gboolean     highlight;
} Block;

typedef struct
{
  guint            block;
  PangoLayoutLine *line;      /* owned by the block's layout; NULL for a row */
  guint            page;
  double           y;         /* top of the line's logical box, in the body area */
  double           baseline;  /* from the top of the logical box */
  double           x;
  double           height;
} Placement;

struct _IkPdfDocument
{
  GPtrArray *blocks;
  gsize      markup_length;   /* of all blocks, to measure progress */
  GArray    *placements;      /* in page order */
  GArray    *page_starts;     /* guint: index of the first placement of each page */
  guint      n_pages;
  double     page_width;
  double     page_height;
  double     margin;          /* of the pages laid out */
  double     pdf_margin;
  gboolean   hyphenate;
  char      *title;
  char      *running_header;
  char      *footer;
};

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_free (block->markup);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
  g_clear_pointer (&block->weights, g_array_unref);
  g_free (block);
}

/**
 * ik_pdf_document_new:
 * @title: the title of the document, in its metadata and, unless another
 *   is set, at the top of every page after the first
 *
 * Returns: (transfer full): an empty document
 */
IkPdfDocument *
ik_pdf_document_new (const char *title)
{
  IkPdfDocument *doc;

  g_return_val_if_fail (title != NULL, NULL);

  doc = g_new0 (IkPdfDocument, 1);
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  doc->pdf_margin = DEFAULT_MARGIN;
  doc->title = g_strdup (title);
  doc->running_header = g_strdup (title);
  doc->footer = g_strdup ("");
  return doc;
}

void
ik_pdf_document_free (IkPdfDocument *doc)
{
  g_return_if_fail (doc != NULL);

  g_ptr_array_unref (doc->blocks);
  g_array_unref (doc->placements);
  g_array_unref (doc->page_starts);
  g_free (doc->title);
  g_free (doc->running_header);
  g_free (doc->footer);
  g_free (doc);
}

/**
 * ik_pdf_document_set_running_header:
 * @text: plain text shown at the top of every page after the first
 */
void
ik_pdf_document_set_running_header (IkPdfDocument *doc,
                                    const char    *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  g_free (doc->running_header);
  doc->running_header = g_strdup (text);
}

/**
 * ik_pdf_document_set_footer:
 * @text: plain text shown at the foot of every page, beside the page number
 */
void
ik_pdf_document_set_footer (IkPdfDocument *doc,
                            const char    *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  g_free (doc->footer);
  doc->footer = g_strdup (text);
}

/**
 * ik_pdf_document_set_margin:
 * @margin: the margin of the PDF's pages, in points; 56 unless set
 *
 * A printed document takes the margin that suits a printer instead.
 */
void
ik_pdf_document_set_margin (IkPdfDocument *doc,
                            double         margin)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (margin >= 0 && margin < A4_WIDTH / 4);

  doc->pdf_margin = margin;
}

/**
 * ik_pdf_document_set_hyphenate:
 * @hyphenate: whether a word broken over two lines gets a hyphen
 *
 * Off by default, so that the text taken out of the PDF is the text as
 * typed.
 */
void
ik_pdf_document_set_hyphenate (IkPdfDocument *doc,
                               gboolean       hyphenate)
{
  g_return_if_fail (doc != NULL);

  doc->hyphenate = !!hyphenate;
}

static void
add_block (IkPdfDocument *doc,
           IkPdfStyle     style,
           gboolean       continued,
           char          *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->continued = continued;
  block->markup = markup;
  doc->markup_length += strlen (markup);
  g_ptr_array_add (doc->blocks, block);
}

/**
 * ik_pdf_document_take_markup:
 * @markup: (transfer full): Pango markup, taken
 *
 * Adds a text block.
 */
void
ik_pdf_document_take_markup (IkPdfDocument *doc,
                             IkPdfStyle     style,
                             char          *markup)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (style < G_N_ELEMENTS (styles));
  g_return_if_fail (markup != NULL);

  add_block (doc, style, FALSE, markup);
}

/**
 * ik_pdf_document_add_text:
 * @text: (nullable): plain text
 *
 * Adds a text block of @text as it is: nothing in it is markup.
 */
void
ik_pdf_document_add_text (IkPdfDocument *doc,
                          IkPdfStyle     style,
                          const char    *text)
{
  ik_pdf_document_take_markup (doc, style, g_markup_escape_text (text != NULL ? text : "", -1));
}

/**
 * ik_pdf_document_add_field:
 * @label: plain text, shown in bold
 * @value: (nullable): plain text; nothing is added when it is blank
 *
 * Adds a line of body text: a label and its value.
 */
void
ik_pdf_document_add_field (IkPdfDocument *doc,
                           const char    *label,
                           const char    *value)
{
  g_return_if_fail (label != NULL);

  if (value == NULL)
    return;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return;
  ik_pdf_document_take_markup (doc, IK_PDF_STYLE_BODY, g_markup_printf_escaped ("<b>%s</b>  %s", label, value));
}

/**
 * ik_pdf_document_add_paragraphs:
 * @text: plain text, of any length
 * @space_between: whether every paragraph has the space before it of
 *   @style, or only the first, as in one layout of the whole text
 *
 * Adds @text as one text block per paragraph, split where Pango splits
 * paragraphs, so that its lines are those of one layout of the whole text
 * and laying it out stays linear in its length.
 */
void
ik_pdf_document_add_paragraphs (IkPdfDocument *doc,
                                IkPdfStyle     style,
                                const char    *text,
                                gboolean       space_between)
{
  const char *paragraph = text;
  int rest;
  gboolean continued = FALSE;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (style < G_N_ELEMENTS (styles));
  g_return_if_fail (text != NULL);

  rest = strlen (text);
  for (;;)
    {
      int delimiter = 0;
      int next = 0;

      pango_find_paragraph_boundary (paragraph, rest, &delimiter, &next);
      add_block (doc, style, continued, g_markup_escape_text (paragraph, delimiter));
      continued = !space_between;
      /* No delimiter: that was the last paragraph. After a final line
       * break comes an empty one, as in a layout. */
      if (next == delimiter)
        break;
      paragraph += next;
      rest -= next;
    }
}

/**
 * ik_pdf_document_add_table_header:
 * @n_columns: how many columns the table has
 * @weights: (array length=n_columns): the relative widths of the columns
 * @texts: (array length=n_columns): plain text of the header cells
 *
 * Starts a table with its header row, which is repeated at the top of
 * every page the table continues on.
 *
 * Returns: the table's header, for ik_pdf_document_take_table_row()
 */
guint
ik_pdf_document_add_table_header (IkPdfDocument      *doc,
                                  guint               n_columns,
                                  const double       *weights,
                                  const char * const *texts)
{
  Block *block;

  g_return_val_if_fail (doc != NULL, 0);
  g_return_val_if_fail (n_columns > 0, 0);
  g_return_val_if_fail (weights != NULL && texts != NULL, 0);

  block = g_new0 (Block, 1);
  block->is_header = TRUE;
  block->cells = g_ptr_array_new_with_free_func (g_free);
  block->weights = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);
  g_array_append_vals (block->weights, weights, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      char *markup = g_markup_printf_escaped ("<b>%s</b>", texts[i]);

      doc->markup_length += strlen (markup);
      g_ptr_array_add (block->cells, markup);
    }
  block->header = doc->blocks->len;
  g_ptr_array_add (doc->blocks, block);
  return block->header;
}

/**
 * ik_pdf_document_take_table_row:
 * @header: what ik_pdf_document_add_table_header() returned for the table
 * @markups: (transfer full) (element-type utf8): Pango markup of every
 *   cell, one a column; taken
 * @highlight: whether the row stands out
 *
 * Adds a row to a table. A row never splits: each cell shows a few lines
 * at the most, and the row goes on the next page whole.
 */
void
ik_pdf_document_take_table_row (IkPdfDocument *doc,
                                guint          header,
                                GPtrArray     *markups,
                                gboolean       highlight)
{
  Block *head;
  Block *block;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (header < doc->blocks->len);
  g_return_if_fail (markups != NULL);

  head = g_ptr_array_index (doc->blocks, header);
  g_return_if_fail (head->is_header);
  g_return_if_fail (markups->len == head->weights->len);

  block = g_new0 (Block, 1);
  block->cells = markups;
  block->weights = g_array_ref (head->weights);
  block->header = header;
  block->highlight = highlight;
  for (guint i = 0; i < markups->len; i++)
    doc->markup_length += strlen (g_ptr_array_index (markups, i));
  g_ptr_array_add (doc->blocks, block);
}

/* Laying out ------------------------------------------------------------- */

static double
body_top (IkPdfDocument *doc)
{
  return doc->margin + HEADER_HEIGHT;
}

static double
body_height (IkPdfDocument *doc)
{
  return doc->page_height - 2 * doc->margin - HEADER_HEIGHT - FOOTER_HEIGHT;
}

static double
content_width (IkPdfDocument *doc)
{
  return doc->page_width - 2 * doc->margin;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *font,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Ligatures off, and hyphens unless asked for: the text of the PDF is then
 * searchable and extractable exactly as typed. */
static void
set_markup (IkPdfDocument *doc,
            PangoLayout   *layout,
            const char    *markup)
{
  g_autofree char *wrapped = NULL;

  if (doc->hyphenate)
    wrapped = g_strdup_printf ("<span font_features=\"liga=0, clig=0\">%s</span>", markup);
  else
    wrapped = g_strdup_printf ("<span font_features=\"liga=0, clig=0\" insert_hyphens=\"false\">%s</span>",
                               markup);
  pango_layout_set_markup (layout, wrapped, -1);
}

static double
weights_total (GArray *weights)
{
  double sum = 0;

  for (guint i = 0; i < weights->len; i++)
    sum += g_array_index (weights, double, i);
  return sum;
}

/* Lays out the cells of a row; returns its height. */
static double
layout_row (IkPdfDocument *doc,
            Block         *block,
            PangoContext  *context)
{
  double width = content_width (doc);
  double sum = weights_total (block->weights);
  double height = 0;

  if (block->cell_layouts == NULL)
    block->cell_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (block->cell_layouts, 0);
  for (guint i = 0; i < block->cells->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;
      PangoLayout *layout = make_layout (context, ROW_FONT, column - 2 * CELL_PADDING);
      int cell_height;

      /* A row never splits: a cell keeps to a few lines, whatever was typed. */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX_CELL_LINES);

      set_markup (doc, layout, g_ptr_array_index (block->cells, i));
      pango_layout_get_size (layout, NULL, &cell_height);
      height = MAX (height, (double) cell_height / PANGO_SCALE);
      g_ptr_array_add (block->cell_layouts, layout);
    }
  return height + 2 * CELL_PADDING;
}

static void
new_page (IkPdfDocument *doc,
          guint         *page,
          double        *y)
{
  (*page)++;
  *y = 0;
  g_array_append_val (doc->page_starts, doc->placements->len);
}

static void
place_row (IkPdfDocument *doc,
           guint          block,
           guint          page,
           double        *y,
           double         height)
{
  Placement placement = { 0, };

  placement.block = block;
  placement.page = page;
  placement.y = *y;
  placement.height = height;
  *y += height;
  g_array_append_val (doc->placements, placement);
}

static void
paginate_row (IkPdfDocument *doc,
              PangoContext  *context,
              guint          b,
              guint         *page,
              double        *y)
{
  Block *block = g_ptr_array_index (doc->blocks, b);
  double height = layout_row (doc, block, context);

  if (*y > 0 && *y + height > body_height (doc))
    {
      new_page (doc, page, y);
      /* The header again above the rows that follow it. */
      if (!block->is_header)
        {
          Block *header = g_ptr_array_index (doc->blocks, block->header);

          place_row (doc, block->header, *page, y, layout_row (doc, header, context));
        }
    }
  else if (block->is_header && *y > 0 && *y + height + KEEP_WITH_NEXT > body_height (doc))
    new_page (doc, page, y);
  place_row (doc, b, *page, y, height);
}

static void
paginate_text (IkPdfDocument *doc,
               PangoContext  *context,
               guint          b,
               guint         *page,
               double        *y)
{
  Block *block = g_ptr_array_index (doc->blocks, b);
  double indent = styles[block->style].indent;
  PangoLayoutIter *iter;

  g_clear_object (&block->layout);
  block->layout = make_layout (context, styles[block->style].font, content_width (doc) - indent);
  set_markup (doc, block->layout, block->markup);

  if (*y > 0 && !block->continued)
    *y += styles[block->style].space_before;
  if (styles[block->style].keep_with_next && *y > 0)
    {
      int height;

      pango_layout_get_size (block->layout, NULL, &height);
      if (*y + (double) height / PANGO_SCALE + KEEP_WITH_NEXT > body_height (doc))
        new_page (doc, page, y);
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
      if (*y > 0 && *y + placement.height > body_height (doc))
        new_page (doc, page, y);
      placement.page = *page;
      placement.y = *y;
      *y += placement.height;
      g_array_append_val (doc->placements, placement);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static gsize
block_length (Block *block)
{
  gsize length = block->markup != NULL ? strlen (block->markup) : 0;

  for (guint i = 0; block->cells != NULL && i < block->cells->len; i++)
    length += strlen (g_ptr_array_index (block->cells, i));
  return length;
}

/* Lays out every block and places it on pages. Progress goes from
 * @progress_from to @progress_to, by the length of the markup laid out.
 * Returns FALSE when cancelled; the placements are then incomplete. */
static gboolean
paginate (IkPdfDocument  *doc,
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
  gsize laid_out = 0;

  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->margin = margin;
  g_array_set_size (doc->placements, 0);
  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, first);

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (progress_from + (progress_to - progress_from) * laid_out / MAX (doc->markup_length, 1),
                  progress_data);
      laid_out += block_length (block);

      if (block->cells != NULL)
        paginate_row (doc, context, b, &page, &y);
      else
        paginate_text (doc, context, b, &page, &y);
    }

  doc->n_pages = page + 1;
  return TRUE;
}

/* The layouts hold fonts of the font map they were made with: not kept
 * past it. */
static void
clear_layouts (IkPdfDocument *doc)
{
  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (doc->blocks, b);

      g_clear_object (&block->layout);
      g_clear_pointer (&block->cell_layouts, g_ptr_array_unref);
    }
}

/* Drawing ---------------------------------------------------------------- */

static void
draw_small (IkPdfDocument  *doc,
            cairo_t        *cr,
            PangoContext   *context,
            const char     *text,
            double          x,
            double          y,
            double          width,
            PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (context, "Sans 8", width);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  pango_layout_set_alignment (layout, alignment);
  set_markup (doc, layout, escaped);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (IkPdfDocument *doc,
          cairo_t       *cr,
          Placement     *placement)
{
  Block *block = g_ptr_array_index (doc->blocks, placement->block);
  double width = content_width (doc);
  double sum = weights_total (block->weights);
  double top = body_top (doc) + placement->y;
  double x = doc->margin;

  cairo_save (cr);
  if (block->is_header || block->highlight)
    {
      if (block->is_header)
        cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      else
        cairo_set_source_rgb (cr, 1.0, 0.93, 0.75);
      cairo_rectangle (cr, doc->margin, top, width, placement->height);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  for (guint i = 0; i < block->cell_layouts->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;

      cairo_rectangle (cr, x, top, column, placement->height);
      cairo_stroke (cr);
      x += column;
    }
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  x = doc->margin;
  for (guint i = 0; i < block->cell_layouts->len; i++)
    {
      double column = width * g_array_index (block->weights, double, i) / sum;

      cairo_move_to (cr, x + CELL_PADDING, top + CELL_PADDING);
      pango_cairo_show_layout (cr, g_ptr_array_index (block->cell_layouts, i));
      x += column;
    }
  cairo_restore (cr);
}

static void
draw_line (IkPdfDocument *doc,
           cairo_t       *cr,
           Placement     *placement)
{
  Block *block = g_ptr_array_index (doc->blocks, placement->block);
  const double *color = styles[block->style].color;
  double top = body_top (doc) + placement->y;

  cairo_save (cr);
  if (styles[block->style].bar)
    {
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_rectangle (cr, doc->margin + 2, top, 2.5, placement->height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, color[0], color[1], color[2]);
  cairo_move_to (cr, doc->margin + placement->x, top + placement->baseline);
  pango_cairo_show_layout_line (cr, placement->line);
  cairo_restore (cr);
}

static void
draw_page (IkPdfDocument *doc,
           cairo_t       *cr,
           PangoContext  *context,
           guint          page)
{
  double width = content_width (doc);
  double footer_top = doc->page_height - doc->margin - FOOTER_HEIGHT + 8;
  g_autofree char *page_label = g_strdup_printf (_("Page %u of %u"), page + 1, doc->n_pages);
  guint last;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  if (page > 0)
    draw_small (doc, cr, context, doc->running_header, doc->margin, doc->margin, width, PANGO_ALIGN_LEFT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, doc->margin, footer_top - 4);
  cairo_line_to (cr, doc->margin + width, footer_top - 4);
  cairo_stroke (cr);
  draw_small (doc, cr, context, doc->footer, doc->margin, footer_top, width - 70, PANGO_ALIGN_LEFT);
  draw_small (doc, cr, context, page_label, doc->margin + width - 70, footer_top, 70, PANGO_ALIGN_RIGHT);
  cairo_restore (cr);

  last = page + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page + 1)
                                           : doc->placements->len;
  for (guint i = g_array_index (doc->page_starts, guint, page); i < last; i++)
    {
      Placement *placement = &g_array_index (doc->placements, Placement, i);

      if (placement->line == NULL)
        draw_row (doc, cr, placement);
      else
        draw_line (doc, cr, placement);
    }
}

/* The PDF ---------------------------------------------------------------- */

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

/**
 * ik_pdf_document_render:
 * @cancellable: (nullable): stops the rendering between blocks and pages
 * @progress: (nullable): called with the fraction done, in this thread
 * @progress_data: data for @progress
 *
 * Renders @doc as an A4 PDF in memory. Safe in a worker thread: the fonts
 * come from a font map of this call's own (Pango objects must not be
 * shared between threads); @doc must not be used elsewhere while it runs.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error
 */
GBytes *
ik_pdf_document_render (IkPdfDocument   *doc,
                        GCancellable    *cancellable,
                        IkProgressFunc   progress,
                        gpointer         progress_data,
                        GError         **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(PangoFontMap) font_map = NULL;
  PangoContext *context;
  gboolean done;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  buffer = g_byte_array_new ();
  font_map = pango_cairo_font_map_new ();
  surface = cairo_pdf_surface_create_for_stream (write_to_array, buffer, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Interview Kit " PACKAGE_VERSION);
  cr = cairo_create (surface);

  context = pango_font_map_create_context (font_map);
  pango_cairo_update_context (cr, context);
  /* One layout unit is one point, as on the PDF surface. */
  pango_cairo_context_set_resolution (context, 72);
  done = paginate (doc, context, A4_WIDTH, A4_HEIGHT, doc->pdf_margin,
                   cancellable, progress, progress_data, 0, LAYOUT_SHARE, error);
  for (guint page = 0; done && page < doc->n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        done = FALSE;
      else
        {
          if (progress != NULL)
            progress (LAYOUT_SHARE + (1 - LAYOUT_SHARE) * page / doc->n_pages, progress_data);
          draw_page (doc, cr, context, page);
          cairo_show_page (cr);
        }
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  clear_layouts (doc);
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

typedef struct
{
  IkPdfDocument   *doc;
  char            *path;
  IkProgressRelay *relay;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  ik_pdf_document_free (job->doc);
  g_free (job->path);
  ik_progress_relay_unref (job->relay);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  bytes = ik_pdf_document_render (job->doc, cancellable, ik_progress_relay_report, job->relay, &error);
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
 * ik_pdf_document_write_async:
 * @doc: (transfer full): the document, taken: the worker reads it
 * @path: where to write the PDF
 * @cancellable: (nullable): stops the export; nothing is written then
 * @progress: (nullable): called in the thread-default main context of the
 *   caller with the fraction done, until the export finishes
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 *
 * Renders @doc as a PDF in a worker thread and writes it atomically
 * (ik_export_write_file()): an existing file at @path is either replaced
 * whole or left untouched.
 */
void
ik_pdf_document_write_async (IkPdfDocument       *doc,
                             const char          *path,
                             GCancellable        *cancellable,
                             IkProgressFunc       progress,
                             gpointer             progress_data,
                             GDestroyNotify       progress_destroy,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (WriteJob, 1);
  job->doc = doc;
  job->path = g_strdup (path);
  job->relay = ik_progress_relay_new (progress, progress_data, progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_pdf_document_write_async);
  g_task_set_name (task, "[interview-kit] PDF export");
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  /* A file written before the cancellation came is reported as written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

/**
 * ik_pdf_document_write_finish:
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED when the
 *   export was cancelled before anything was written
 */
gboolean
ik_pdf_document_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  WriteJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_pdf_document_write_async, FALSE);

  /* No progress reported after this. */
  job = g_task_get_task_data (G_TASK (result));
  ik_progress_relay_stop (job->relay);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Printing --------------------------------------------------------------- */

typedef struct
{
  IkPdfDocument *doc;
  PangoContext  *context;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->context);
  ik_pdf_document_free (job->doc);
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
  paginate (job->doc, job->context,
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
  draw_page (job->doc, cr, job->context, page);
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
 * ik_pdf_document_print:
 * @doc: (transfer full): the document, taken
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog and prints @doc with the same layout as its PDF,
 * on the paper and with the margin of the printer.
 */
void
ik_pdf_document_print (IkPdfDocument *doc,
                       GtkWindow     *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  PrintJob *job;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  job = g_new0 (PrintJob, 1);
  job->doc = doc;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, doc->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_object_set_data_full (G_OBJECT (operation), "ik-print-job", job, (GDestroyNotify) print_job_free);

  /* Synchronous: the dialog is modal and the job lives until it closes. */
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (parent, error);
}
