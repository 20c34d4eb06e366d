/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access-pdf.c: the readable copy of a subject access report.
 *
 * Laid out from the report's JSON, in the worker thread that writes it:
 * what the candidate reads is exactly what the JSON beside it holds, each
 * session with its questions, notes, ratings, evidence and amendments, then
 * the other files and the list of every file it came from. */
#include "config.h"

#include <glib/gi18n.h>

#include "ik-pdf-document.h"
#include "ik-subject-access-pdf.h"
#include "ik-util.h"

static const char *
text_member (JsonObject *o,
             const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
add_field (IkPdfDocument *doc,
           const char    *label,
           JsonObject    *o,
           const char    *member)
{
  const char *value = text_member (o, member);

  if (!ik_str_is_blank (value))
    ik_pdf_document_add_field (doc, label, value);
}

static void
add_quote (IkPdfDocument *doc,
           const char    *label,
           const char    *text)
{
  if (ik_str_is_blank (text))
    return;
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED, label);
  ik_pdf_document_add_paragraphs (doc, IK_PDF_STYLE_QUOTE, text, FALSE);
}

static void
add_session (IkPdfDocument *doc,
             JsonObject    *session)
{
  JsonObject *scorecard = object_member (session, "scorecard");
  JsonArray *records = array_member (session, "records");
  JsonArray *ratings = array_member (scorecard, "ratings");
  JsonArray *revisions = array_member (scorecard, "revisions");
  const char *role = text_member (session, "role");

  /* Translators: a heading of the subject access report; %s is the role */
  {
    g_autofree char *heading = g_strdup_printf (_("Interview for %s"), !ik_str_is_blank (role) ? role : "—");
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, heading);
  }
  add_field (doc, _("Candidate"), session, "candidate_name");
  add_field (doc, _("Interviewer"), session, "interviewer");
  add_field (doc, _("Date"), session, "scheduled");
  add_field (doc, _("Stored until"), session, "keep_until");
  add_field (doc, _("Session id"), session, "id");

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonObject *question = object_member (record, "question");

      ik_pdf_document_add_text (doc, IK_PDF_STYLE_SUBHEADING,
                                text_member (question, "text") != NULL ? text_member (question, "text") : "");
      add_quote (doc, _("Interviewer’s notes"), text_member (record, "notes"));
    }

  if (scorecard == NULL)
    return;
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_SUBHEADING, _("Scorecard"));
  for (guint i = 0; ratings != NULL && i < json_array_get_length (ratings); i++)
    {
      JsonObject *rating = json_array_get_object_element (ratings, i);
      JsonNode *value = json_object_get_member (rating, "rating");
      g_autofree char *shown = value != NULL && JSON_NODE_HOLDS_VALUE (value)
                                 ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value))
                                 : g_strdup ("—");
      const char *name = text_member (rating, "competency_name");

      ik_pdf_document_add_field (doc, name != NULL ? name : text_member (rating, "competency_id"), shown);
      add_quote (doc, _("Evidence"), text_member (rating, "evidence"));
    }
  add_field (doc, _("Recommendation"), scorecard, "recommendation");
  add_quote (doc, _("Summary of the scorecard"), text_member (scorecard, "summary"));
  for (guint i = 0; revisions != NULL && i < json_array_get_length (revisions); i++)
    {
      JsonObject *revision = json_array_get_object_element (revisions, i);
      /* Translators: an amendment of a submitted scorecard; %s is when */
      g_autofree char *label = g_strdup_printf (_("Amended %s"), text_member (revision, "time") != NULL
                                                                   ? text_member (revision, "time") : "");

      add_quote (doc, label, text_member (revision, "reason"));
    }
}

/**
 * ik_subject_access_pdf:
 * @report: a report of ik_subject_access_build()
 *
 * An #IkSubjectAccessPdfFunc: the report laid out as a PDF.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error
 */
GBytes *
ik_subject_access_pdf (JsonNode      *report,
                       GCancellable  *cancellable,
                       GError       **error)
{
  JsonObject *root;
  JsonArray *names;
  JsonArray *sessions;
  JsonArray *files;
  JsonArray *sources;
  g_autoptr(IkPdfDocument) doc = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) all_names = g_string_new (NULL);

  g_return_val_if_fail (report != NULL && JSON_NODE_HOLDS_OBJECT (report), NULL);

  root = json_node_get_object (report);
  names = array_member (root, "candidate_names");
  sessions = array_member (root, "sessions");
  files = array_member (root, "files");
  sources = array_member (root, "sources");
  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    g_string_append_printf (all_names, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (names, i));

  /* Translators: the title of the subject access report; %s is the candidate id */
  title = g_strdup_printf (_("Everything Stored About Candidate %s"), text_member (root, "candidate_id"));
  doc = ik_pdf_document_new (title);
  ik_pdf_document_add_text (doc, IK_PDF_STYLE_TITLE, title);
  if (all_names->len > 0)
    ik_pdf_document_add_field (doc, _("Names given"), all_names->str);
  add_field (doc, _("Report made"), root, "created");

  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    add_session (doc, json_array_get_object_element (sessions, i));

  if (files != NULL && json_array_get_length (files) > 0)
    {
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Other Files"));
      for (guint i = 0; i < json_array_get_length (files); i++)
        {
          JsonObject *file = json_array_get_object_element (files, i);

          ik_pdf_document_add_field (doc, text_member (file, "description"), text_member (file, "path"));
        }
      ik_pdf_document_add_text (doc, IK_PDF_STYLE_MUTED,
                                _("Their full contents are in the JSON file of this report."));
    }

  ik_pdf_document_add_text (doc, IK_PDF_STYLE_HEADING, _("Where This Came From"));
  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    ik_pdf_document_add_text (doc, IK_PDF_STYLE_BODY, json_array_get_string_element (sources, i));

  return ik_pdf_document_render (doc, cancellable, NULL, NULL, error);
}
