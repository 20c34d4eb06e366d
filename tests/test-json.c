/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of ik-json: the strict parser, the typed readers and the writers.
 * Every bad input must give a located GError and never a CRITICAL (which
 * g_test_init makes fatal). */
#include "config.h"

#include <string.h>

#include "ik-bank.h"
#include "ik-enum-types.h"
#include "ik-enums.h"
#include "ik-json.h"
#include "ik-session.h"
#include "ik-test-util.h"

/* Parses data that must fail with `code`, a message containing `part` and,
 * when line is not 0, that location. */
static void
assert_parse_fails_len (const char  *data,
                        gsize        length,
                        IkJsonError  code,
                        const char  *part,
                        guint        line,
                        guint        column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint l = 99;
  guint c = 99;

  root = ik_json_parse (data, length, &l, &c, &error);
  g_assert_null (root);
  g_assert_error (error, IK_JSON_ERROR, (int) code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
  if (line != 0)
    {
      g_assert_cmpuint (l, ==, line);
      g_assert_cmpuint (c, ==, column);
    }
}

static void
assert_parse_fails (const char  *data,
                    IkJsonError  code,
                    const char  *part,
                    guint        line,
                    guint        column)
{
  assert_parse_fails_len (data, strlen (data), code, part, line, column);
}

static JsonObject *
parse_ok (const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint l = 99;
  guint c = 99;

  root = ik_json_parse (data, strlen (data), &l, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpuint (l, ==, 0);
  g_assert_cmpuint (c, ==, 0);
  return json_object_ref (json_node_get_object (root));
}

static void
test_parse_valid (void)
{
  g_autoptr(JsonObject) o = parse_ok ("{\r\n  \"a\": [1, -2, true, false, null, \"x\\n\\u00e9\\/\"],\r\n"
                                      "  \"b\": {\"c\": {}}, \"d\": -0, \"e\": 9223372036854775807,"
                                      " \"f\": -9223372036854775808}\r\n");
  JsonArray *a = json_object_get_array_member (o, "a");
  gint64 v = 5;

  g_assert_cmpuint (json_array_get_length (a), ==, 6);
  g_assert_cmpstr (json_array_get_string_element (a, 5), ==, "x\n\xc3\xa9/");
  g_assert_true (ik_json_get_int (o, "d", TRUE, G_MININT64, G_MAXINT64, &v, NULL));
  g_assert_cmpint (v, ==, 0);
  g_assert_true (ik_json_get_int (o, "e", TRUE, G_MININT64, G_MAXINT64, &v, NULL));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_true (ik_json_get_int (o, "f", TRUE, G_MININT64, G_MAXINT64, &v, NULL));
  g_assert_cmpint (v, ==, G_MININT64);
}

static void
test_parse_empty (void)
{
  assert_parse_fails_len ("", 0, IK_JSON_ERROR_INVALID, "Line 1, column 1: The document is empty", 1, 1);
  assert_parse_fails (" \n\t\r\n ", IK_JSON_ERROR_INVALID, "empty", 3, 2);
}

static char *
nested (const char *open,
        guint       levels)
{
  GString *s = g_string_new ("{\"x\": ");

  for (guint i = 0; i < levels; i++)
    g_string_append (s, open);
  return g_string_free (s, FALSE);
}

static void
test_parse_deep (void)
{
  g_autofree char *arrays = nested ("[", 10000);
  g_autofree char *objects = nested ("{\"a\":", 10000);
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *braces = g_strnfill (100000, '{');
  g_autoptr(GString) limit = g_string_new ("{\"x\": ");
  g_autoptr(JsonObject) o = NULL;

  /* The root object is level 1: level IK_JSON_MAX_DEPTH is allowed, the
   * next one is refused where it opens. */
  assert_parse_fails (arrays, IK_JSON_ERROR_TOO_DEEP, "deep", 1, 7 + IK_JSON_MAX_DEPTH - 1);
  assert_parse_fails (objects, IK_JSON_ERROR_TOO_DEEP, "deep", 0, 0);
  assert_parse_fails (brackets, IK_JSON_ERROR_INVALID, "object", 1, 1);
  /* One pass reports the first problem in the text: a "{" is no name. */
  assert_parse_fails (braces, IK_JSON_ERROR_INVALID, "Expected a member name", 1, 2);

  for (guint i = 1; i < IK_JSON_MAX_DEPTH; i++)
    g_string_append (limit, "[");
  for (guint i = 1; i < IK_JSON_MAX_DEPTH; i++)
    g_string_append (limit, "]");
  g_string_append (limit, "}");
  o = parse_ok (limit->str);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "x")));

  g_string_insert (limit, 6, "[");
  g_string_insert (limit, limit->len - 1, "]");
  assert_parse_fails (limit->str, IK_JSON_ERROR_TOO_DEEP, "deep", 1, 7 + IK_JSON_MAX_DEPTH - 1);
}

static void
test_parse_encoding (void)
{
  static const char utf16le[] = "\xff\xfe{\0}\0";
  static const char utf16_no_bom[] = "{\0\"\0a\0\"\0:\0""1\0}\0";
  g_autoptr(JsonObject) bom = NULL;

  assert_parse_fails ("{\n  \"a\": \"\xff\"}", IK_JSON_ERROR_INVALID, "UTF-8", 2, 9);
  /* Overlong "/" and an encoded surrogate are not UTF-8 either. */
  assert_parse_fails ("{\"a\": \"\xc0\xaf\"}", IK_JSON_ERROR_INVALID, "UTF-8", 1, 8);
  assert_parse_fails ("{\"a\": \"\xed\xa0\x80\"}", IK_JSON_ERROR_INVALID, "UTF-8", 1, 8);
  assert_parse_fails ("{\"a\": \"\xe2\x82\"}", IK_JSON_ERROR_INVALID, "UTF-8", 1, 8);
  assert_parse_fails_len (utf16le, sizeof utf16le - 1, IK_JSON_ERROR_INVALID, "UTF-16", 1, 1);
  assert_parse_fails_len (utf16_no_bom, sizeof utf16_no_bom - 1, IK_JSON_ERROR_INVALID, "NUL", 1, 2);

  /* A UTF-8 byte order mark is skipped. */
  bom = parse_ok ("\xef\xbb\xbf{\"a\": \"\xc3\xa9\"}");
  g_assert_cmpstr (json_object_get_string_member (bom, "a"), ==, "\xc3\xa9");
}

static void
test_parse_escapes (void)
{
  g_autoptr(JsonObject) pair = NULL;

  assert_parse_fails ("{\"a\": \"x\\u0000y\"}", IK_JSON_ERROR_INVALID, "NUL", 1, 9);
  assert_parse_fails ("{\"a\\u0000\": 1}", IK_JSON_ERROR_INVALID, "NUL", 1, 4);
  assert_parse_fails ("{\"a\": \"\\ud800\"}", IK_JSON_ERROR_INVALID, "surrogate", 1, 8);
  assert_parse_fails ("{\"a\": \"\\uDBFFx\"}", IK_JSON_ERROR_INVALID, "surrogate", 1, 8);
  assert_parse_fails ("{\"a\": \"\\ud800\\u0041\"}", IK_JSON_ERROR_INVALID, "surrogate", 1, 8);
  assert_parse_fails ("{\"a\": \"\\udc00\\ud800\"}", IK_JSON_ERROR_INVALID, "surrogate", 1, 8);
  assert_parse_fails ("{\"a\": \"\\u12\"}", IK_JSON_ERROR_INVALID, "escape", 1, 8);
  assert_parse_fails ("{\"a\": \"\\x41\"}", IK_JSON_ERROR_INVALID, "escape", 1, 8);
  assert_parse_fails ("{\"a\": \"tab\there\"}", IK_JSON_ERROR_INVALID, "Control", 1, 11);
  assert_parse_fails ("{\"a\": \"open", IK_JSON_ERROR_INVALID, "Unterminated", 1, 7);
  assert_parse_fails ("{'a': 1}", IK_JSON_ERROR_INVALID, "double quotes", 1, 2);

  pair = parse_ok ("{\"a\": \"\\ud83d\\ude00\"}");
  g_assert_cmpstr (json_object_get_string_member (pair, "a"), ==, "\xf0\x9f\x98\x80");
}

/* Every RFC 8259 number is read (a member this version does not know may
 * hold any), but only integers in int64 are integers: the typed readers
 * refuse the rest, so a known member keeps its strict type. */
static void
test_parse_numbers (void)
{
  static const struct { const char *text; const char *message; } not_int64[] = {
    { "9223372036854775808", "a: 9223372036854775808 is out of range (0 to 100)" },
    { "-9223372036854775809", "a: -9223372036854775809 is out of range (0 to 100)" },
    { "123456789012345678901234567890", "a: 123456789012345678901234567890 is out of range (0 to 100)" },
    { "1e3", "a: expected an integer, found a fractional number" },
    { "1E-8", "a: expected an integer, found a fractional number" },
    { "2.5", "a: expected an integer, found a fractional number" },
    { "-0.0", "a: expected an integer, found a fractional number" },
    { "0e0", "a: expected an integer, found a fractional number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_int64); i++)
    {
      g_autofree char *doc = g_strdup_printf ("{\"a\": %s}", not_int64[i].text);
      g_autoptr(JsonObject) o = parse_ok (doc);
      g_autoptr(GError) error = NULL;
      g_autofree char *s = NULL;
      gint64 v = 5;

      g_assert_cmpstr (ik_json_node_get_number_text (json_object_get_member (o, "a")), ==,
                       not_int64[i].text);
      g_assert_false (ik_json_get_int (o, "a", TRUE, 0, 100, &v, &error));
      g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, not_int64[i].message);
      g_assert_cmpint (v, ==, 5);
      g_clear_error (&error);
      /* Held in a string node, but no string. */
      g_assert_false (ik_json_get_string (o, "a", TRUE, &s, &error));
      g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
      g_assert_null (s);
    }

  assert_parse_fails ("{\"a\": 0x10}", IK_JSON_ERROR_INVALID, "Hexadecimal", 1, 7);
  assert_parse_fails ("{\"a\": 007}", IK_JSON_ERROR_INVALID, "leading zeros", 1, 7);
  assert_parse_fails ("{\"a\": -}", IK_JSON_ERROR_INVALID, "Malformed", 1, 7);
  assert_parse_fails ("{\"a\": +1}", IK_JSON_ERROR_INVALID, "Unexpected character", 1, 7);
  assert_parse_fails ("{\"a\": 12abc}", IK_JSON_ERROR_INVALID, "Malformed", 1, 7);
  assert_parse_fails ("{\"a\": 1.}", IK_JSON_ERROR_INVALID, "Malformed", 1, 7);
  assert_parse_fails ("{\"a\": .5}", IK_JSON_ERROR_INVALID, "Unexpected character", 1, 7);
  assert_parse_fails ("{\"a\": 1e}", IK_JSON_ERROR_INVALID, "Malformed", 1, 7);
  assert_parse_fails ("{\"a\": 1.5.2}", IK_JSON_ERROR_INVALID, "Malformed", 1, 7);
  assert_parse_fails ("{\"a\": -01.5}", IK_JSON_ERROR_INVALID, "leading zeros", 1, 7);
  assert_parse_fails ("{\"a\": NaN}", IK_JSON_ERROR_INVALID, "Unexpected word", 1, 7);
  assert_parse_fails ("{\"a\": Infinity}", IK_JSON_ERROR_INVALID, "Unexpected word", 1, 7);
  assert_parse_fails ("{\"a\": True}", IK_JSON_ERROR_INVALID, "Unexpected word", 1, 7);
}

static void
test_parse_structure (void)
{
  g_autoptr(JsonObject) o = NULL;

  /* Roots other than an object. */
  assert_parse_fails ("42", IK_JSON_ERROR_INVALID, "JSON object", 1, 1);
  assert_parse_fails ("\"text\"", IK_JSON_ERROR_INVALID, "JSON object", 1, 1);
  assert_parse_fails ("null", IK_JSON_ERROR_INVALID, "JSON object", 1, 1);
  assert_parse_fails ("  [ {} ]", IK_JSON_ERROR_INVALID, "JSON object", 1, 3);

  /* json-glib accepts comments and trailing content; we refuse both. */
  assert_parse_fails ("// comment\n{}", IK_JSON_ERROR_INVALID, "Comments", 1, 1);
  assert_parse_fails ("{\n  \"a\": 1 /* c */\n}", IK_JSON_ERROR_INVALID, "Comments", 2, 10);
  assert_parse_fails ("{}\n// trailing", IK_JSON_ERROR_INVALID, "after the end", 2, 1);
  assert_parse_fails ("{} x", IK_JSON_ERROR_INVALID, "after the end", 1, 4);
  assert_parse_fails ("{\"a\": 1}{}", IK_JSON_ERROR_INVALID, "after the end", 1, 9);

  /* Duplicate member names would silently drop data. */
  assert_parse_fails ("{\"a\": 1,\n \"a\": 2}", IK_JSON_ERROR_INVALID, "Duplicate", 2, 2);
  assert_parse_fails ("{\"o\": {\"k\": 1, \"k\": 1}}", IK_JSON_ERROR_INVALID, "Duplicate", 1, 16);
  /* Names are compared decoded: json-glib would keep only the last of
   * "a" and "\u0061", silently dropping the first value (issue 11, case 9). */
  assert_parse_fails ("{\"a\":1,\"\\u0061\":2}", IK_JSON_ERROR_INVALID,
                      "Line 1, column 8: Duplicate member name", 1, 8);
  assert_parse_fails ("{\"o\": {\"\\u00e9t\\u00E9\": 1,\n \"\u00e9t\u00e9\": 2}}",
                      IK_JSON_ERROR_INVALID, "Duplicate member name", 2, 2);
  assert_parse_fails ("{\"\\ud83d\\ude00\": 1, \"\U0001F600\": 2}",
                      IK_JSON_ERROR_INVALID, "Duplicate member name", 1, 21);
  assert_parse_fails ("{\"a/\": 1, \"a\\/\": 2}", IK_JSON_ERROR_INVALID, "Duplicate", 1, 11);
  /* Different names that only look alike when escaped stay apart. */
  o = parse_ok ("{\"a\": 1, \"\\u0062\": 2, \"\\\\u0061\": 3}");
  g_assert_cmpint (json_object_get_int_member (o, "b"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "\\u0061"), ==, 3);

  /* Mismatched and unterminated structure. */
  assert_parse_fails ("{\"a\": [1}", IK_JSON_ERROR_INVALID, "Mismatched", 1, 9);
  assert_parse_fails ("{\"a\": [}", IK_JSON_ERROR_INVALID, "Mismatched", 1, 8);
  assert_parse_fails ("{\"a\": {]}", IK_JSON_ERROR_INVALID, "Mismatched", 1, 8);
  assert_parse_fails ("{\"a\": [1]", IK_JSON_ERROR_INVALID, "end of the document", 1, 10);

  /* Grammar errors are located where the text goes wrong. */
  assert_parse_fails ("{\n  \"a\": 1\n  \"b\": 2\n}", IK_JSON_ERROR_INVALID,
                      "Line 3, column 3: Expected “,” or “}” after a member", 3, 3);
  assert_parse_fails ("{\"a\" 1}", IK_JSON_ERROR_INVALID, "Line 1, column 6: Expected “:” after a member name", 1, 6);
  assert_parse_fails ("{\"a\": [1 2]}", IK_JSON_ERROR_INVALID, "Expected “,” or “]” after an element", 1, 10);
  assert_parse_fails ("{\"a\": 1,}", IK_JSON_ERROR_INVALID, "Trailing commas", 1, 9);
  assert_parse_fails ("{\"a\": [1,]}", IK_JSON_ERROR_INVALID, "Trailing commas", 1, 10);
  assert_parse_fails ("{\"a\": }", IK_JSON_ERROR_INVALID, "Expected a value", 1, 7);
  assert_parse_fails ("{\"a\": [,1]}", IK_JSON_ERROR_INVALID, "Unexpected character", 1, 8);
  assert_parse_fails ("{1: 2}", IK_JSON_ERROR_INVALID, "Expected a member name in double quotes", 1, 2);
  assert_parse_fails ("{\"a\"", IK_JSON_ERROR_INVALID, "end of the document", 1, 5);
}

static void
test_parse_size (void)
{
  gsize big = IK_JSON_MAX_FILE_SIZE + 1;
  g_autofree char *data = g_malloc (big);
  g_autoptr(GString) over_cap = g_string_new ("{\"a\": \"");
  g_autoptr(GString) elements = g_string_new ("{\"a\": [");
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) strv = NULL;

  memset (data, ' ', big);
  data[0] = '{';
  data[big - 1] = '}';
  assert_parse_fails_len (data, big, IK_JSON_ERROR_TOO_LARGE, "too large", 0, 0);

  for (guint i = 0; i < IK_JSON_MAX_FILE_SIZE / 8; i++)
    g_string_append (over_cap, "abcdefgh");
  g_string_append (over_cap, "\"}");
  assert_parse_fails (over_cap->str, IK_JSON_ERROR_TOO_LARGE, "too large", 0, 0);

  /* 100,000 elements are fine for the parser; the readers decide. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (elements, i == 0 ? "1" : ",1");
  g_string_append (elements, "]}");
  o = parse_ok (elements->str);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "a")), ==, 100000);
  g_assert_false (ik_json_get_strv (o, "a", TRUE, &strv, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "a[0]: expected a string, found an integer");
  g_assert_null (strv);
}

static JsonObject *
typed_object (void)
{
  JsonObject *o = parse_ok ("{\"s\": \"text\", \"i\": 42, \"t\": true, \"n\": null,"
                            " \"num_s\": \"7\", \"arr\": [\"x\", \"y\"], \"mixed\": [\"x\", 2],"
                            " \"obj\": {\"k\": 1}, \"time\": \"2026-11-25T10:00:00+01:00\","
                            " \"naive\": \"2026-11-25T10:00:00\", \"nick\": \"senior\"}");

  /* Values a parsed file can never hold, but a built object can. */
  json_object_set_double_member (o, "d", 2.9);
  return o;
}

static void
assert_member_error (GError     **error,
                     const char  *expected)
{
  g_assert_error (*error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_cmpstr ((*error)->message, ==, expected);
  g_clear_error (error);
}

static void
test_get_int (void)
{
  g_autoptr(JsonObject) o = typed_object ();
  g_autoptr(GError) error = NULL;
  gint64 v = -5;

  g_assert_true (ik_json_get_int (o, "i", TRUE, 0, 100, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, 42);

  /* Absent and null keep the default when optional. */
  v = -5;
  g_assert_true (ik_json_get_int (o, "missing", FALSE, 0, 100, &v, &error));
  g_assert_true (ik_json_get_int (o, "n", FALSE, 0, 100, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, -5);

  g_assert_false (ik_json_get_int (o, "missing", TRUE, 0, 100, &v, &error));
  assert_member_error (&error, "missing: required member is missing");
  g_assert_false (ik_json_get_int (o, "t", TRUE, 0, 100, &v, &error));
  assert_member_error (&error, "t: expected an integer, found a boolean");
  g_assert_false (ik_json_get_int (o, "num_s", TRUE, 0, 100, &v, &error));
  assert_member_error (&error, "num_s: expected an integer, found a string");
  g_assert_false (ik_json_get_int (o, "d", TRUE, 0, 100, &v, &error));
  assert_member_error (&error, "d: expected an integer, found a fractional number");
  g_assert_false (ik_json_get_int (o, "arr", TRUE, 0, 100, &v, &error));
  assert_member_error (&error, "arr: expected an integer, found an array");
  g_assert_false (ik_json_get_int (o, "i", TRUE, 0, 41, &v, &error));
  assert_member_error (&error, "i: 42 is out of range (0 to 41)");
  g_assert_cmpint (v, ==, -5);
}

static void
test_get_string (void)
{
  g_autoptr(JsonObject) o = typed_object ();
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  g_autofree char *big = g_strnfill (IK_JSON_MAX_STRING_LENGTH + 1, 'a');
  g_autofree char *max = g_strnfill (IK_JSON_MAX_STRING_LENGTH, 'a');

  g_assert_true (ik_json_get_string (o, "s", TRUE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (s, ==, "text");
  g_clear_pointer (&s, g_free);

  g_assert_true (ik_json_get_string (o, "missing", FALSE, &s, &error));
  g_assert_null (s);
  g_assert_false (ik_json_get_string (o, "n", TRUE, &s, &error));
  assert_member_error (&error, "n: required member is missing");
  g_assert_false (ik_json_get_string (o, "i", TRUE, &s, &error));
  assert_member_error (&error, "i: expected a string, found an integer");
  g_assert_false (ik_json_get_string (o, "obj", TRUE, &s, &error));
  assert_member_error (&error, "obj: expected a string, found an object");
  g_assert_null (s);

  /* Strings built in memory are checked too: UTF-8 and the size cap. */
  json_object_set_string_member (o, "bad", "\xff");
  g_assert_false (ik_json_get_string (o, "bad", TRUE, &s, &error));
  assert_member_error (&error, "bad: the text is not valid UTF-8");
  json_object_set_string_member (o, "big", big);
  g_assert_false (ik_json_get_string (o, "big", TRUE, &s, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
  g_clear_error (&error);
  json_object_set_string_member (o, "max", max);
  g_assert_true (ik_json_get_string (o, "max", TRUE, &s, &error));
  g_assert_cmpuint (strlen (s), ==, IK_JSON_MAX_STRING_LENGTH);
}

static void
test_get_other (void)
{
  g_autoptr(JsonObject) o = typed_object ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) strv = NULL;
  g_autoptr(GDateTime) t = NULL;
  gboolean b = FALSE;
  int e = -1;
  JsonArray *a = NULL;
  JsonObject *obj = NULL;

  g_assert_true (ik_json_get_bool (o, "t", TRUE, &b, &error));
  g_assert_true (b);
  g_assert_false (ik_json_get_bool (o, "i", TRUE, &b, &error));
  assert_member_error (&error, "i: expected true or false, found an integer");

  g_assert_true (ik_json_get_strv (o, "arr", TRUE, &strv, &error));
  g_assert_cmpstrv (strv, ((const char * const[]) { "x", "y", NULL }));
  g_assert_false (ik_json_get_strv (o, "mixed", TRUE, &strv, &error));
  assert_member_error (&error, "mixed[1]: expected a string, found an integer");
  g_assert_false (ik_json_get_strv (o, "s", TRUE, &strv, &error));
  assert_member_error (&error, "s: expected an array of strings, found a string");

  g_assert_true (ik_json_get_time (o, "time", TRUE, &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_hour (t), ==, 10);
  g_assert_cmpint (g_date_time_get_utc_offset (t), ==, G_TIME_SPAN_HOUR);
  g_assert_false (ik_json_get_time (o, "naive", TRUE, &t, &error));
  assert_member_error (&error, "naive: expected an ISO 8601 date and time with a time zone offset");
  g_assert_false (ik_json_get_time (o, "s", TRUE, &t, &error));
  assert_member_error (&error, "s: expected an ISO 8601 date and time with a time zone offset");
  g_assert_false (ik_json_get_time (o, "i", TRUE, &t, &error));
  assert_member_error (&error, "i: expected a date and time string, found an integer");

  g_assert_true (ik_json_get_enum (o, "nick", TRUE, IK_TYPE_SENIORITY, &e, &error));
  g_assert_cmpint (e, ==, IK_SENIORITY_SENIOR);
  g_assert_false (ik_json_get_enum (o, "s", TRUE, IK_TYPE_SENIORITY, &e, &error));
  assert_member_error (&error, "s: unknown value “text”");
  g_assert_false (ik_json_get_enum (o, "i", TRUE, IK_TYPE_SENIORITY, &e, &error));
  assert_member_error (&error, "i: expected a string, found an integer");
  g_assert_cmpint (e, ==, IK_SENIORITY_SENIOR);

  g_assert_true (ik_json_get_array (o, "arr", TRUE, &a, &error));
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_false (ik_json_get_array (o, "obj", TRUE, &a, &error));
  assert_member_error (&error, "obj: expected an array, found an object");
  g_assert_true (ik_json_get_object (o, "obj", TRUE, &obj, &error));
  g_assert_true (json_object_has_member (obj, "k"));
  g_assert_false (ik_json_get_object (o, "arr", TRUE, &obj, &error));
  assert_member_error (&error, "arr: expected an object, found an array");
  g_assert_false (ik_json_get_object (o, "missing", TRUE, &obj, &error));
  assert_member_error (&error, "missing: required member is missing");
}

static void
test_ids (void)
{
  g_autoptr(JsonObject) o = parse_ok ("{\"ok\": \"ai-security_2\", \"dots\": \"../banks\","
                                      " \"slash\": \"a/b\", \"empty\": \"\", \"space\": \"a b\","
                                      " \"long\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}");
  const char *bad[] = { "dots", "slash", "empty", "space", "long" };
  g_autofree char *id = NULL;
  g_autofree char *uuid1 = ik_uuid_new ();
  g_autofree char *uuid2 = ik_uuid_new ();
  g_autofree char *max = g_strnfill (64, 'z');
  g_autofree char *over = g_strnfill (65, 'z');

  g_assert_true (ik_id_is_valid ("a"));
  g_assert_true (ik_id_is_valid (max));
  g_assert_false (ik_id_is_valid (over));
  g_assert_false (ik_id_is_valid (NULL));
  g_assert_false (ik_id_is_valid (""));
  g_assert_false (ik_id_is_valid (".."));
  g_assert_false (ik_id_is_valid ("..\\x"));
  g_assert_false (ik_id_is_valid ("caf\xc3\xa9"));
  g_assert_true (ik_id_is_valid (uuid1));
  g_assert_cmpstr (uuid1, !=, uuid2);

  g_assert_true (ik_json_get_id (o, "ok", TRUE, &id, NULL));
  g_assert_cmpstr (id, ==, "ai-security_2");
  g_clear_pointer (&id, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: not a valid identifier", bad[i]);

      g_assert_false (ik_json_get_id (o, bad[i], TRUE, &id, &error));
      g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_null (id);
    }
}

static void
test_enum_nicks (void)
{
  int v = -1;

  g_assert_cmpstr (ik_enum_to_nick (IK_TYPE_SESSION_STATE, IK_SESSION_STATE_IN_PROGRESS), ==, "in-progress");
  g_assert_cmpstr (ik_enum_to_nick (IK_TYPE_RECOMMENDATION, IK_RECOMMENDATION_NONE), ==, "no-decision");
  g_assert_cmpstr (ik_enum_to_nick (IK_TYPE_RECOMMENDATION, IK_RECOMMENDATION_STRONG_YES), ==, "strong-yes");
  g_assert_cmpstr (ik_enum_to_nick (IK_TYPE_BANK_ORIGIN, IK_BANK_ORIGIN_IMPORTED), ==, "imported");
  g_assert_null (ik_enum_to_nick (IK_TYPE_SENIORITY, 42));

  g_assert_true (ik_enum_from_nick (IK_TYPE_SENIORITY, "lead", &v));
  g_assert_cmpint (v, ==, IK_SENIORITY_LEAD);
  g_assert_true (ik_enum_from_nick (IK_TYPE_RECOMMENDATION, "strong-no", &v));
  g_assert_cmpint (v, ==, IK_RECOMMENDATION_STRONG_NO);
  g_assert_false (ik_enum_from_nick (IK_TYPE_SENIORITY, "Lead", &v));
  g_assert_false (ik_enum_from_nick (IK_TYPE_SENIORITY, NULL, &v));
  g_assert_cmpint (v, ==, IK_RECOMMENDATION_STRONG_NO);

  g_assert_cmpint (IK_RATING_UNRATED, ==, 0);
  g_assert_cmpint (IK_RATING_NOT_ASSESSED, ==, -1);
  g_assert_cmpint (IK_RATING_MAX, ==, 4);
}

static void
test_unknown_members (void)
{
  static const char * const known[] = { "id", "name", NULL };
  g_autoptr(JsonObject) o = parse_ok ("{\"future\": {\"deep\": [1, \"two\", null, {\"x\": false}]},"
                                      " \"id\": \"a\", \"later\": \"text\", \"name\": \"n\"}");
  g_autoptr(JsonObject) unknown = ik_json_collect_unknown (o, known);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *wo;

  g_assert_cmpuint (json_object_get_size (unknown), ==, 2);
  members = json_object_get_members (unknown);
  g_assert_cmpstr (members->data, ==, "future");
  g_assert_cmpstr (members->next->data, ==, "later");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "a");
  ik_json_add_unknown (b, unknown);
  ik_json_add_unknown (b, NULL);
  json_builder_end_object (b);
  written = json_builder_get_root (b);
  wo = json_node_get_object (written);

  expected = json_from_string ("{\"deep\": [1, \"two\", null, {\"x\": false}]}", NULL);
  g_assert_true (json_node_equal (json_object_get_member (wo, "future"), expected));
  g_assert_cmpstr (json_object_get_string_member (wo, "later"), ==, "text");
  g_assert_false (json_object_has_member (wo, "name"));
}

/* A later version, or a script, may put any JSON in a member this version
 * does not know. Any fraction used to make the whole file unreadable; now
 * such members load, and are saved back byte for byte. */
static const char unknown_values[] =
  "{\"fraction\": 1.5, \"negative_zero\": -0.0, \"huge\": 1e300,"
  " \"big\": 12345678901234567890123, \"small\": -2.50E-3,"
  " \"nested\": [1.5, [-0.0, {\"e\": 1e300, \"n\": [12345678901234567890123, 0.1]}], {}]}";

static void
add_unknown_values (JsonObject *target)
{
  g_autoptr(JsonNode) values = ik_json_parse (unknown_values, strlen (unknown_values),
                                              NULL, NULL, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_nonnull (values);
  json_object_iter_init_ordered (&iter, json_node_get_object (values));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      g_autofree char *future = g_strconcat ("future_", name, NULL);

      json_object_set_member (target, future, json_node_copy (value));
    }
}

typedef JsonNode *(*ReloadFunc) (JsonNode *document);

static JsonNode *
reload_bank (JsonNode *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = ik_bank_new_from_json (document, &error);

  g_assert_no_error (error);
  return ik_bank_to_json (bank);
}

static JsonNode *
reload_session (JsonNode *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = ik_session_new_from_json (document, &error);

  g_assert_no_error (error);
  return ik_session_to_json (session);
}

/* Loads the text of @document and saves it again: the same bytes. */
static void
assert_unknown_values_survive (JsonNode   *document,
                               ReloadFunc  reload)
{
  static const char * const lexemes[] = {
    " : 1.5,", " : -0.0,", " : 1e300,", " : 12345678901234567890123,", " : -2.50E-3,",
    "    1.5,\n", "      -0.0,\n", "\"e\" : 1e300,", "12345678901234567890123,\n", "0.1\n",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ik_json_to_data (document, NULL, &error);
  g_autoptr(JsonNode) loaded = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *saved_text = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lexemes); i++)
    if (strstr (text, lexemes[i]) == NULL)
      g_error ("“%s” is not in:\n%s", lexemes[i], text);

  loaded = ik_json_parse (text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  saved = reload (loaded);
  saved_text = ik_json_to_data (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved_text, ==, text);
}

static void
test_unknown_values (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Future");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(JsonNode) bank_doc = NULL;
  g_autoptr(JsonNode) session_doc = NULL;
  JsonNode *scorecard;

  ik_question_set_text (question, "What comes next?");
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  bank_doc = ik_bank_to_json (bank);
  add_unknown_values (json_node_get_object (bank_doc));
  add_unknown_values (json_array_get_object_element (json_object_get_array_member (json_node_get_object (bank_doc),
                                                                                     "questions"), 0));
  assert_unknown_values_survive (bank_doc, reload_bank);

  ik_session_add_question (session, question);
  session_doc = ik_session_to_json (session);
  add_unknown_values (json_node_get_object (session_doc));
  add_unknown_values (json_array_get_object_element (json_object_get_array_member (json_node_get_object (session_doc),
                                                                                     "records"), 0));
  scorecard = json_object_get_member (json_node_get_object (session_doc), "scorecard");
  if (scorecard != NULL && JSON_NODE_HOLDS_OBJECT (scorecard))
    add_unknown_values (json_node_get_object (scorecard));
  assert_unknown_values_survive (session_doc, reload_session);
}

static void
test_time_round_trip (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (-(5 * 3600 + 30 * 60));
  g_autoptr(GDateTime) precise = g_date_time_new (tz, 2026, 11, 25, 10, 0, 1.25);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 1, 2, 3, 4, 5);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) t1 = NULL;
  g_autoptr(GDateTime) t2 = NULL;
  JsonObject *o;

  json_builder_begin_object (b);
  ik_json_add_time (b, "precise", precise);
  ik_json_add_time (b, "utc", utc);
  ik_json_add_time (b, "none", NULL);
  ik_json_add_strv (b, "list", (const char * const[]) { "a", "b", NULL });
  ik_json_add_strv (b, "empty", NULL);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  o = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (o, "precise"), ==, "2026-11-25T10:00:01.250000-05:30");
  g_assert_cmpstr (json_object_get_string_member (o, "utc"), ==, "2026-01-02T03:04:05+00:00");
  g_assert_false (json_object_has_member (o, "none"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "list")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "empty")), ==, 0);

  g_assert_true (ik_json_get_time (o, "precise", TRUE, &t1, NULL));
  g_assert_true (g_date_time_equal (t1, precise));
  g_assert_cmpint (g_date_time_get_utc_offset (t1), ==, g_date_time_get_utc_offset (precise));
  g_assert_true (ik_json_get_time (o, "utc", TRUE, &t2, NULL));
  g_assert_true (g_date_time_equal (t2, utc));
}

/* Years before 1000 were written with three digits ("202-06-01"), which
 * the reader refuses: the whole file was lost at the next start (issue 11,
 * case 3). Every year GDateTime holds must be written with four. */
static void
test_time_years (void)
{
  static const struct { int y, mo, d, h, mi; double s; const char *text; } cases[] = {
    { 1, 1, 1, 0, 0, 0, "0001-01-01T00:00:00+00:00" },
    { 202, 6, 1, 0, 0, 0, "0202-06-01T00:00:00+00:00" },
    { 999, 12, 31, 23, 59, 59.5, "0999-12-31T23:59:59.500000+00:00" },
    { 1000, 1, 1, 0, 0, 0, "1000-01-01T00:00:00+00:00" },
    { 9999, 12, 31, 23, 59, 59.25, "9999-12-31T23:59:59.250000+00:00" },
  };
  g_autoptr(GTimeZone) east = g_time_zone_new_offset (14 * 3600);
  g_autoptr(GTimeZone) west = g_time_zone_new_offset (-12 * 3600);
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) t = g_date_time_new_utc (cases[i].y, cases[i].mo, cases[i].d,
                                                    cases[i].h, cases[i].mi, cases[i].s);
      g_autoptr(GDateTime) back = NULL;
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *data = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (t);

      json_builder_begin_object (b);
      ik_json_add_time (b, "t", t);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "t"), ==,
                       cases[i].text);

      data = ik_json_to_data (root, NULL, &error);
      g_assert_no_error (error);
      again = ik_json_parse (data, strlen (data), NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ik_json_get_time (json_node_get_object (again), "t", TRUE, &back, &error));
      g_assert_no_error (error);
      g_assert_true (g_date_time_equal (back, t));
    }

  /* The ends of the range in the farthest offsets still read back. */
  {
    g_autoptr(GDateTime) first = g_date_time_new (east, 1, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) last = g_date_time_new (west, 9999, 12, 31, 23, 59, 59);
    g_autoptr(GDateTime) lmt = g_date_time_new (paris, 1850, 3, 1, 12, 0, 0);
    GDateTime *times[] = { first, last, lmt };

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        g_autofree char *text = NULL;
        g_autoptr(GDateTime) back = NULL;

        g_assert_nonnull (times[i]);
        text = ik_json_format_time (times[i]);
        back = g_date_time_new_from_iso8601 (text, NULL);
        g_assert_nonnull (back);
        /* Paris's 1850 offset is +00:09:21: written in UTC, same instant. */
        g_assert_true (g_date_time_equal (back, times[i]));
      }
  }
}

static void
test_to_data (void)
{
  g_autoptr(JsonObject) o = parse_ok ("{\"text\": \"line\\nquote\\\" \\u0001 \xc3\xa9\", \"n\": -3,"
                                      " \"list\": [true, null, {}]}");
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), o);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  data = ik_json_to_data (root, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, strlen (data));
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_nonnull (strstr (data, "\n  \"n\" : -3"));

  again = ik_json_parse (data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (root, again));
}

static void
test_to_data_invalid (void)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  JsonObject *inner = json_object_new ();
  gsize len = 7;

  /* json-glib writes invalid UTF-8 as is; such a file must never be saved. */
  json_object_set_string_member (o, "bad", "caf\xe9");
  root = json_node_init_object (json_node_alloc (), o);
  data = ik_json_to_data (root, &len, &error);
  g_assert_null (data);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_assert_cmpuint (len, ==, 7);
  g_clear_error (&error);

  /* A double would be written in a form we refuse to read back. */
  json_object_remove_member (o, "bad");
  json_object_set_double_member (inner, "d", 1e-8);
  json_object_set_object_member (o, "inner", inner);
  data = ik_json_to_data (root, &len, &error);
  g_assert_null (data);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
}

/* Every string the writer can meet, in names and values, at every depth
 * the parser allows: what ik_json_to_data() writes must read back equal. */
static void
test_to_data_round_trip (void)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char controls[0x80];
  JsonObject *inner;
  JsonArray *deep;
  gsize len = 0;

  /* U+0001..U+007F, U+001F and DEL included. */
  for (guint c = 1; c < 0x80; c++)
    controls[c - 1] = (char) c;
  controls[0x7F] = '\0';
  json_object_set_string_member (o, controls, controls);
  json_object_set_string_member (o, "utf8", "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf");
  json_object_set_string_member (o, "", "");
  json_object_set_int_member (o, "min", G_MININT64);
  json_object_set_int_member (o, "max", G_MAXINT64);
  json_object_set_int_member (o, "zero", 0);
  json_object_set_boolean_member (o, "yes", TRUE);
  json_object_set_boolean_member (o, "no", FALSE);
  json_object_set_null_member (o, "nothing");
  json_object_set_object_member (o, "empty", json_object_new ());
  json_object_set_array_member (o, "none", json_array_new ());
  inner = json_object_new ();
  json_object_set_object_member (inner, "empty", json_object_new ());
  json_object_set_array_member (o, "list", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (o, "list"), inner);

  /* The root object is level 1: 31 arrays reach the deepest level read. */
  deep = json_array_new ();
  json_object_set_array_member (o, "deep", deep);
  for (guint level = 3; level <= IK_JSON_MAX_DEPTH; level++)
    {
      JsonArray *next = json_array_new ();

      json_array_add_array_element (deep, next);
      deep = next;
    }
  json_array_add_string_element (deep, "bottom");

  root = json_node_init_object (json_node_alloc (), o);
  data = ik_json_to_data (root, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpuint (len, ==, strlen (data));
  /* Control characters are escaped, U+001F too (json-glib 1.6 writes it raw). */
  g_assert_nonnull (strstr (data, "\\u001e\\u001f !"));
  g_assert_nonnull (strstr (data, "~\\u007f"));

  again = ik_json_parse (data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (root, again));
}

/* Files keep json-glib's layout, byte for byte, so that saving an unchanged
 * document rewrites the same file as before. */
static void
test_to_data_layout (void)
{
  g_autoptr(JsonObject) o = parse_ok ("{\"a\": [1, [], {}, {\"b\": {}}], \"c\": {\"d\": \"\\\"\\\\\\n\\u0001\"},"
                                      " \"e\": {}, \"f\": [[true, null]], \"g\": -7}");
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), o);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  expected = json_generator_to_data (generator, NULL);
  expected_line = g_strconcat (expected, "\n", NULL);

  data = ik_json_to_data (root, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, expected_line);
}

static void
test_to_data_too_deep (void)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  JsonArray *deep = json_array_new ();

  json_object_set_array_member (o, "deep", deep);
  for (guint level = 3; level <= IK_JSON_MAX_DEPTH + 1; level++)
    {
      JsonArray *next = json_array_new ();

      json_array_add_array_element (deep, next);
      deep = next;
    }
  root = json_node_init_object (json_node_alloc (), o);
  data = ik_json_to_data (root, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_DEEP);
}

/* Numbers that are not integers in int64 are written back as they were
 * written, in every layout. */
static void
test_write_numbers (void)
{
  static const char * const numbers[] = {
    "1.5", "-0.0", "1e300", "1E-8", "2.50", "12345678901234567890123", "-9223372036854775809",
    "0e0", "1e+2", "-123.456e-789",
  };
  static const IkJsonWriteFlags layouts[] = { IK_JSON_WRITE_PRETTY, IK_JSON_WRITE_COMPACT };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    for (guint k = 0; k < G_N_ELEMENTS (layouts); k++)
      {
        g_autofree char *doc = g_strdup_printf (layouts[k] == IK_JSON_WRITE_PRETTY
                                                ? "{\n  \"n\" : %s,\n  \"a\" : [\n    %s\n  ]\n}"
                                                : "{\"n\":%s,\"a\":[%s]}",
                                                numbers[i], numbers[i]);
        g_autoptr(JsonNode) root = ik_json_parse (doc, strlen (doc), NULL, NULL, NULL);
        g_autoptr(GString) out = g_string_new (NULL);
        g_autoptr(JsonNode) built = ik_json_node_new_number_text (numbers[i]);
        g_autoptr(GError) error = NULL;

        g_assert_nonnull (root);
        g_assert_true (ik_json_write (out, root, layouts[k], &error));
        g_assert_no_error (error);
        g_assert_cmpstr (out->str, ==, doc);
        g_assert_cmpstr (ik_json_node_get_number_text (built), ==, numbers[i]);
        g_assert_true (json_node_equal (built, json_object_get_member (json_node_get_object (root), "n")));
      }

  /* A string is never taken for a number, and invalid UTF-8 is refused
   * even when it looks like the way numbers are held. */
  {
    g_autoptr(JsonObject) o = json_object_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *data = NULL;

    json_object_set_string_member (o, "s", "1.5");
    root = json_node_init_object (json_node_alloc (), o);
    data = ik_json_to_data (root, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (data, ==, "{\n  \"s\" : \"1.5\"\n}\n");
    g_assert_null (ik_json_node_get_number_text (json_object_get_member (o, "s")));
    g_clear_pointer (&data, g_free);

    json_object_set_string_member (o, "s", "\xff" "1.5x");
    g_assert_null (ik_json_node_get_number_text (json_object_get_member (o, "s")));
    data = ik_json_to_data (root, NULL, &error);
    g_assert_null (data);
    g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "Could not write a readable document: s: the text is not valid UTF-8");
  }
}

/* The writer's other layouts: compact (the JSON in Markdown comments, with
 * markup escaped) and canonical (the scorecard seal, byte for byte what
 * seal version 1 has always been computed over). */
static void
test_write_layouts (void)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) out = g_string_new ("prefix ");
  g_autoptr(GError) error = NULL;
  JsonArray *list = json_array_new ();
  const char *text = "q\" b\\ \b\f\n\r\t \x01\x1f\x7f <tag> / \xc3\xa9";

  json_object_set_string_member (o, "text", text);
  json_array_add_int_element (list, -7);
  json_array_add_null_element (list);
  json_array_add_boolean_element (list, TRUE);
  json_array_add_object_element (list, json_object_new ());
  json_array_add_array_element (list, json_array_new ());
  json_object_set_array_member (o, "list", list);
  root = json_node_init_object (json_node_alloc (), o);

  g_assert_true (ik_json_write (out, root, IK_JSON_WRITE_COMPACT | IK_JSON_WRITE_ESCAPE_MARKUP, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "prefix {\"text\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\\u007f "
                   "\\u003ctag\\u003e / \xc3\xa9\",\"list\":[-7,null,true,{},[]]}");

  g_string_assign (out, "");
  g_assert_true (ik_json_write (out, root, IK_JSON_WRITE_CANONICAL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==,
                   "{\"text\":\"q\\\" b\\\\ \\u0008\\u000c\\n\\r\\t \\u0001\\u001f\x7f "
                   "<tag> / \xc3\xa9\",\"list\":[-7,null,true,{},[]]}");

  /* A failure leaves what was written before untouched. */
  g_string_assign (out, "kept");
  json_object_set_double_member (o, "d", 0.5);
  g_assert_false (ik_json_write (out, root, IK_JSON_WRITE_COMPACT, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Could not write a readable document: d: a floating-point number, which no file holds");
  g_assert_cmpstr (out->str, ==, "kept");
}

/* The tokens a reader can walk without a tree, building a node only for
 * what it does not know. */
static void
test_pull_tokens (void)
{
  static const char doc[] = "{\"a\": [1, -2.5e3, \"x\\u00e9\", true, false, null, {}],\n"
                            " \"future\": {\"n\": [1e300, {\"k\": \"v\"}]}, \"z\": 9223372036854775808}";
  static const IkJsonToken expected[] = {
    IK_JSON_TOKEN_BEGIN_OBJECT, IK_JSON_TOKEN_MEMBER, IK_JSON_TOKEN_BEGIN_ARRAY,
    IK_JSON_TOKEN_INT, IK_JSON_TOKEN_NUMBER, IK_JSON_TOKEN_STRING, IK_JSON_TOKEN_TRUE,
    IK_JSON_TOKEN_FALSE, IK_JSON_TOKEN_NULL, IK_JSON_TOKEN_BEGIN_OBJECT,
    IK_JSON_TOKEN_END_OBJECT, IK_JSON_TOKEN_END_ARRAY, IK_JSON_TOKEN_MEMBER,
  };
  static const char future_text[] = "{\"n\": [1e300, {\"k\": \"v\"}]}";
  g_autoptr(IkJsonPull) pull = ik_json_pull_new (doc, strlen (doc));
  g_autoptr(JsonNode) future = NULL;
  g_autoptr(JsonNode) expected_future = NULL;
  gsize length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      IkJsonToken token = ik_json_pull_next (pull);

      g_assert_cmpint (token, ==, expected[i]);
      if (i == 1)
        g_assert_cmpstr (ik_json_pull_get_string (pull, NULL), ==, "a");
      if (i == 3)
        g_assert_cmpint (ik_json_pull_get_int (pull), ==, 1);
      if (i == 4)
        g_assert_cmpstr (ik_json_pull_get_string (pull, NULL), ==, "-2.5e3");
      if (i == 5)
        {
          g_assert_cmpstr (ik_json_pull_get_string (pull, &length), ==, "x\xc3\xa9");
          g_assert_cmpuint (length, ==, 3);
          g_assert_cmpuint (ik_json_pull_get_depth (pull), ==, 2);
        }
    }
  g_assert_cmpstr (ik_json_pull_get_string (pull, NULL), ==, "future");

  /* A member the reader does not know: its whole value, as a node. */
  future = ik_json_pull_read_node (pull, ik_json_pull_next (pull));
  expected_future = ik_json_parse (future_text, strlen (future_text), NULL, NULL, NULL);
  g_assert_nonnull (expected_future);
  g_assert_nonnull (future);
  g_assert_true (json_node_equal (future, expected_future));
  g_assert_cmpuint (ik_json_pull_get_depth (pull), ==, 1);

  g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_MEMBER);
  g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_NUMBER);
  g_assert_cmpstr (ik_json_pull_get_string (pull, NULL), ==, "9223372036854775808");
  g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_END_OBJECT);
  g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_END);
  g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_END);
}

/* The members a reader knows, found whatever their order: in the
 * writer's, with optional ones left out, backwards, with members the
 * reader does not know (kept), and a second one of a name refused. */
static void
test_pull_next_known (void)
{
  static const char * const known[] = { "a", "b", "c", "d", "e", NULL };
  static const struct { const char *doc; int order[6]; const char *unknown; } cases[] = {
    { "{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0}", { 0, 1, 2, 3, 4, IK_JSON_PULL_END }, NULL },
    { "{\"a\":0,\"c\":0,\"e\":0}", { 0, 2, 4, IK_JSON_PULL_END }, NULL },
    { "{\"b\":0,\"d\":0}", { 1, 3, IK_JSON_PULL_END }, NULL },
    { "{\"e\":0,\"d\":0,\"c\":0,\"b\":0,\"a\":0}", { 4, 3, 2, 1, 0, IK_JSON_PULL_END }, NULL },
    { "{\"c\":0,\"x\":1,\"a\":0,\"e\":0}", { 2, 0, 4, IK_JSON_PULL_END }, "x" },
    { "{\"a\":0,\"c\":0,\"c\":0}", { 0, 2, IK_JSON_PULL_FAILED }, NULL },
    { "{\"a\":0,\"d\":0,\"b\":0,\"d\":0}", { 0, 3, 1, IK_JSON_PULL_FAILED }, NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(IkJsonPull) pull = ik_json_pull_new (cases[c].doc, strlen (cases[c].doc));
      g_autoptr(JsonObject) unknown = NULL;
      guint seen = 0;

      g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_BEGIN_OBJECT);
      for (guint i = 0; ; i++)
        {
          int member = ik_json_pull_next_known (pull, known, &seen, &unknown);

          g_assert_cmpint (member, ==, cases[c].order[i]);
          if (member < 0)
            break;
          g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_INT);
        }
      if (cases[c].unknown != NULL)
        g_assert_true (unknown != NULL && json_object_has_member (unknown, cases[c].unknown));
      else
        g_assert_null (unknown);
    }
}

/* Walking the tokens, the reader itself refuses duplicate names (the tree
 * builder leaves that to its JsonObject), and stops at the first error. */
static void
test_pull_errors (void)
{
  static const struct { const char *doc; guint tokens; guint line, column; const char *part; } cases[] = {
    { "{\"a\":1,\"\\u0061\":2}", 3, 1, 8, "Duplicate member name" },
    { "{\"o\": {\"k\": 1,\n \"k\": 1}}", 5, 2, 2, "Duplicate member name" },
    /* The same name in different objects is fine. */
    { "{\"k\": {\"k\": 1}, \"j\": {\"k\": 2}, \"l\": [{\"k\": 3}, {\"k\": 4}]}", 0, 0, 0, NULL },
    { "{\"a\": [1,]}", 4, 1, 10, "Trailing commas" },
    { "", 0, 1, 1, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(IkJsonPull) pull = ik_json_pull_new (cases[i].doc, strlen (cases[i].doc));
      g_autoptr(GError) error = NULL;
      IkJsonToken token;
      guint n = 0;
      guint line = 0;
      guint column = 0;

      while ((token = ik_json_pull_next (pull)) != IK_JSON_TOKEN_END && token != IK_JSON_TOKEN_ERROR)
        n++;

      if (cases[i].part == NULL)
        {
          g_assert_cmpint (token, ==, IK_JSON_TOKEN_END);
          continue;
        }
      g_assert_cmpint (token, ==, IK_JSON_TOKEN_ERROR);
      g_assert_cmpuint (n, ==, cases[i].tokens);
      g_assert_cmpint (ik_json_pull_next (pull), ==, IK_JSON_TOKEN_ERROR);
      ik_json_pull_propagate_error (pull, &line, &column, &error);
      g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].part));
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
    }
}

/* The parser builds the same tree as json-glib would from valid files. */
static void
test_parse_same_tree (void)
{
  static const char * const documents[] = {
    "{}",
    "{\"a\": 1, \"b\": [true, false, null, -0, 9223372036854775807], \"c\": {\"d\": {}}}",
    "\xef\xbb\xbf{\"text\": \"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\ \xc3\xa9\"}",
    "{\"\": \"\", \"nested\": [[[]], [{}], {\"x\": [\"y\"]}]}\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(GError) error = NULL;
      gsize len = strlen (documents[i]);
      gsize skip = g_str_has_prefix (documents[i], "\xef\xbb\xbf") ? 3 : 0;

      ours = ik_json_parse (documents[i], len, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, documents[i] + skip, len - skip, &error));
      g_assert_no_error (error);
      g_assert_true (json_node_equal (ours, json_parser_get_root (parser)));
    }
}

static void
test_collect_unknown_or_null (void)
{
  static const char * const known[] = { "a", NULL };
  g_autoptr(JsonObject) only_known = parse_ok ("{\"a\": 1}");
  g_autoptr(JsonObject) mixed = parse_ok ("{\"a\": 1, \"z\": [2]}");
  g_autoptr(JsonObject) unknown = NULL;

  g_assert_null (ik_json_collect_unknown_or_null (NULL, known));
  g_assert_null (ik_json_collect_unknown_or_null (only_known, known));
  unknown = ik_json_collect_unknown_or_null (mixed, known);
  g_assert_nonnull (unknown);
  g_assert_cmpuint (json_object_get_size (unknown), ==, 1);
  g_assert_true (json_object_has_member (unknown, "z"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/parse/valid", test_parse_valid);
  g_test_add_func ("/json/parse/empty", test_parse_empty);
  g_test_add_func ("/json/parse/deep", test_parse_deep);
  g_test_add_func ("/json/parse/encoding", test_parse_encoding);
  g_test_add_func ("/json/parse/escapes", test_parse_escapes);
  g_test_add_func ("/json/parse/numbers", test_parse_numbers);
  g_test_add_func ("/json/parse/structure", test_parse_structure);
  g_test_add_func ("/json/parse/size", test_parse_size);
  g_test_add_func ("/json/get/int", test_get_int);
  g_test_add_func ("/json/get/string", test_get_string);
  g_test_add_func ("/json/get/other", test_get_other);
  g_test_add_func ("/json/ids", test_ids);
  g_test_add_func ("/json/enum-nicks", test_enum_nicks);
  g_test_add_func ("/json/unknown-members", test_unknown_members);
  g_test_add_func ("/json/unknown-members/any-value", test_unknown_values);
  g_test_add_func ("/json/time-round-trip", test_time_round_trip);
  g_test_add_func ("/json/time-years", test_time_years);
  g_test_add_func ("/json/to-data", test_to_data);
  g_test_add_func ("/json/to-data-invalid", test_to_data_invalid);
  g_test_add_func ("/json/to-data-round-trip", test_to_data_round_trip);
  g_test_add_func ("/json/to-data-layout", test_to_data_layout);
  g_test_add_func ("/json/to-data-too-deep", test_to_data_too_deep);
  g_test_add_func ("/json/parse/same-tree", test_parse_same_tree);
  g_test_add_func ("/json/pull/tokens", test_pull_tokens);
  g_test_add_func ("/json/pull/errors", test_pull_errors);
  g_test_add_func ("/json/pull/next-known", test_pull_next_known);
  g_test_add_func ("/json/write/numbers", test_write_numbers);
  g_test_add_func ("/json/write/layouts", test_write_layouts);
  g_test_add_func ("/json/collect-unknown-or-null", test_collect_unknown_or_null);

  return g_test_run ();
}
