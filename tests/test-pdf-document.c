/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout engine of the printed documents: what is too long for a page
 * goes on the next one, and nothing is lost on the way. Checked on the
 * text of the PDF, as pdftotext reads it, page by page. */
#include "config.h"

#include <string.h>

#include "ik-pdf-document.h"

/* The text of every page of @pdf, laid out as on the page. */
static GStrv
pdf_pages (GBytes *pdf)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GStrv pages;
  guint n;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "pdftotext", "-layout", "-enc", "UTF-8", "-", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, pdf, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  /* Every page ends with a form feed. */
  pages = g_strsplit (text, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (pages[n - 1], ==, "");
  g_clear_pointer (&pages[n - 1], g_free);
  return pages;
}

static GBytes *
render (IkPdfDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GBytes *pdf = ik_pdf_document_render (doc, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

#define N_ROWS 150

/* A table taller than a page: every page it continues on starts with its
 * header row, and every row is there once, in order. */
static void
test_table_repeats_header (void)
{
  static const double weights[] = { 1, 3 };
  const char *texts[] = { "Column A", "Column B" };
  g_autoptr(IkPdfDocument) doc = ik_pdf_document_new ("Table");
  g_autoptr(GBytes) pdf = NULL;
  g_auto(GStrv) pages = NULL;
  guint header;
  guint next_row = 0;
  guint pages_with_rows = 0;

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_TITLE, "Table");
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, "Rows");
  header = ik_pdf_document_add_table_header (doc, G_N_ELEMENTS (weights), weights, texts);
  for (guint i = 0; i < N_ROWS; i++)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, g_strdup_printf ("row-%03u", i));
      g_ptr_array_add (row, g_strdup_printf ("<b>value</b> %u", i));
      ik_pdf_document_take_table_row (doc, header, row, i % 10 == 0);
    }
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, "After the table");

  pdf = render (doc);
  pages = pdf_pages (pdf);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      const char *first_row = strstr (pages[p], "row-");
      const char *heading = strstr (pages[p], "Column A");
      const char *at = pages[p];
      g_autofree char *label = g_strdup_printf ("Page %u of %u", p + 1, g_strv_length (pages));

      g_assert_nonnull (strstr (pages[p], label));
      if (first_row == NULL)
        continue;
      pages_with_rows++;
      g_assert_nonnull (heading);
      g_assert_true (heading < first_row);
      /* Only once on a page, above its rows. */
      g_assert_null (strstr (heading + 1, "Column A"));
      while ((at = strstr (at, "row-")) != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("row-%03u", next_row);

          g_assert_cmpint (strncmp (at, expected, strlen (expected)), ==, 0);
          next_row++;
          at += strlen (expected);
        }
    }
  g_assert_cmpuint (next_row, ==, N_ROWS);
  g_assert_cmpuint (pages_with_rows, >=, 2);
  g_assert_nonnull (strstr (pages[g_strv_length (pages) - 1], "After the table"));
}

#define N_WORDS 4000

/* The numbered words on @pages must be all of them, each once, in order;
 * returns the page the last one is on. */
static guint
assert_all_words (GStrv pages)
{
  guint next = 0;
  guint last_page = 0;

  for (guint p = 0; pages[p] != NULL; p++)
    {
      g_auto(GStrv) tokens = g_strsplit_set (pages[p], " \n", -1);

      for (guint t = 0; tokens[t] != NULL; t++)
        {
          g_autofree char *expected = NULL;

          if (tokens[t][0] != 'w')
            continue;
          expected = g_strdup_printf ("w%04u", next);
          g_assert_cmpstr (tokens[t], ==, expected);
          next++;
          last_page = p;
        }
    }
  g_assert_cmpuint (next, ==, N_WORDS);
  return last_page;
}

/* One text block of several pages, and the same text as paragraphs: every
 * line is on a page, none twice. */
static void
test_long_text_flows (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) paragraphs = g_string_new (NULL);

  for (guint i = 0; i < N_WORDS; i++)
    {
      g_string_append_printf (text, "w%04u ", i);
      g_string_append_printf (paragraphs, "w%04u%s", i, i % 30 == 29 ? "\n" : " ");
    }

  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(IkPdfDocument) doc = ik_pdf_document_new ("Long");
      g_autoptr(GBytes) pdf = NULL;
      g_auto(GStrv) pages = NULL;

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, "Long");
      if (variant == 0)
        ik_pdf_document_add_text (doc, IK_PDF_STYLE_QUOTE, text->str);
      else
        ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, paragraphs->str, variant == 2);
      pdf = render (doc);
      pages = pdf_pages (pdf);
      g_assert_cmpuint (g_strv_length (pages), >=, 2);
      g_assert_cmpuint (assert_all_words (pages), ==, g_strv_length (pages) - 1);
    }
}

/* Cancelled: no PDF, and the reason. */
static void
test_cancelled (void)
{
  g_autoptr(IkPdfDocument) doc = ik_pdf_document_new ("Cancelled");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, "Never drawn");
  g_cancellable_cancel (cancellable);
  pdf = ik_pdf_document_render (doc, cancellable, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pdf-document/table-repeats-header", test_table_repeats_header);
  g_test_add_func ("/pdf-document/long-text-flows", test_long_text_flows);
  g_test_add_func ("/pdf-document/cancelled", test_cancelled);

  return g_test_run ();
}
