/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ik-ui-test-util.h"
#include "ik-test-util.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

#include <gdk/x11/gdkx.h>

IkApplication *
ik_test_application_new (void)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("%s.Test%u_%u", APP_ID, (guint) getpid (), ++counter);
  g_autoptr(GError) error = NULL;
  IkApplication *app;

  app = g_object_new (IK_TYPE_APPLICATION,
                      "application-id", id,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

gboolean
ik_test_wait_for (gboolean (*condition) (gpointer data),
                  gpointer   data,
                  double     seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      /* Block briefly so timeouts and worker-thread results are delivered. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
ik_test_unref_finalized (gpointer object,
                         double   seconds)
{
  gpointer weak = object;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);
  if (!ik_test_wait_for (pointer_is_null, &weak, seconds))
    {
      g_object_remove_weak_pointer (G_OBJECT (weak), &weak);
      g_error ("%s is still referenced %.0f s after its last reference was dropped",
               G_OBJECT_TYPE_NAME (weak), seconds);
    }
}

void
ik_test_iterate (guint iterations)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (guint i = 0; i < iterations; i++)
    g_main_context_iteration (NULL, FALSE);

  /* Then let deferred work (idles queued behind layout and paint, which
   * valgrind makes slow) finish, within a bound in case something keeps
   * the loop busy for ever. */
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

GtkWindow *
ik_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return window;
    }
  return NULL;
}

struct _IkTestSized
{
  GtkWidget  parent_instance;

  int        min_width;
  int        nat_width;
  int        area;
  GArray    *widths_asked;
  GArray    *heights_asked;
};

G_DEFINE_FINAL_TYPE (IkTestSized, ik_test_sized, GTK_TYPE_WIDGET)

static void
ik_test_sized_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  IkTestSized *self = IK_TEST_SIZED (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      g_array_append_val (self->heights_asked, for_size);
      *minimum = self->min_width;
      *natural = self->nat_width;
    }
  else
    {
      g_array_append_val (self->widths_asked, for_size);
      *minimum = *natural = self->area / MAX (for_size < 0 ? self->min_width : for_size, 1);
    }
}

static GtkSizeRequestMode
ik_test_sized_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ik_test_sized_finalize (GObject *object)
{
  IkTestSized *self = IK_TEST_SIZED (object);

  g_array_unref (self->widths_asked);
  g_array_unref (self->heights_asked);
  G_OBJECT_CLASS (ik_test_sized_parent_class)->finalize (object);
}

static void
ik_test_sized_class_init (IkTestSizedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_test_sized_finalize;
  GTK_WIDGET_CLASS (klass)->measure = ik_test_sized_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = ik_test_sized_get_request_mode;
}

static void
ik_test_sized_init (IkTestSized *self)
{
  self->widths_asked = g_array_new (FALSE, FALSE, sizeof (int));
  self->heights_asked = g_array_new (FALSE, FALSE, sizeof (int));
}

GtkWidget *
ik_test_sized_new (int min_width,
                   int nat_width,
                   int area)
{
  IkTestSized *self = g_object_new (IK_TYPE_TEST_SIZED, NULL);

  self->min_width = min_width;
  self->nat_width = nat_width;
  self->area = area;
  return GTK_WIDGET (self);
}

GArray *
ik_test_sized_get_widths_asked (IkTestSized *self)
{
  return self->widths_asked;
}

GArray *
ik_test_sized_get_heights_asked (IkTestSized *self)
{
  return self->heights_asked;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *folder;
} ChooserWait;

static gboolean
chooser_answers_with (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (wait->chooser);

  return file != NULL && g_file_equal (file, wait->folder);
}

static gboolean
toplevel_gone (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == data && gtk_widget_get_visible (GTK_WIDGET (window)))
        return FALSE;
    }
  return TRUE;
}

void
ik_test_choose_folder (GtkWindow *chooser,
                       GFile     *folder,
                       double     seconds)
{
  ChooserWait wait = { GTK_FILE_CHOOSER (chooser), folder };
  g_autoptr(GError) error = NULL;

  g_assert_true (GTK_IS_FILE_CHOOSER_DIALOG (chooser));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  g_assert_true (ik_test_wait_for (chooser_answers_with, &wait, seconds));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* The widget that may hold the last reference is gone with the dialog;
   * only the pointer is compared from here on. */
  g_assert_true (ik_test_wait_for (toplevel_gone, chooser, seconds));
}

static gboolean
widget_matches (GtkWidget  *widget,
                const char *label)
{
  const char *text = NULL;

  if (label == NULL)
    return TRUE;
  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  if (text != NULL && g_strcmp0 (text, label) == 0)
    return TRUE;
  if (g_strcmp0 (gtk_widget_get_name (widget), label) == 0)
    return TRUE;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), label) == 0)
    return TRUE;
  return FALSE;
}

GtkWidget *
ik_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *label)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && widget_matches (root, label))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ik_test_find_widget (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * ik_ui_test_init:
 *
 * gtk_test_init() with the user's data, config and cache folders moved to a
 * new temporary folder. GTK 4.8 ignores the options given to
 * gtk_test_init(), so G_TEST_OPTION_ISOLATE_DIRS never applied and the UI
 * tests read and wrote the real library of whoever ran them. (Isolating
 * XDG_DATA_DIRS too, as that option does, would hide the MIME database
 * GTK needs to load its icons.)
 */
static char *test_root;

static void
remove_test_root (void)
{
  ik_test_rm_rf (test_root);
  g_clear_pointer (&test_root, g_free);
}

void
ik_ui_test_init (int    *argc,
                 char ***argv)
{
  const char *root = test_root = g_dir_make_tmp ("ik-ui-test-XXXXXX", NULL);
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (root, names[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (names[i], dir, TRUE);
    }
  atexit (remove_test_root);
  gtk_test_init (argc, argv, NULL);
}

/* Keys are sent through the X server rather than made up in the process:
 * GTK 4 has no public way to create a key event, and a real one goes
 * through the same focus handling, capture and bubble phases as a user's.
 * libXtst is looked up at run time, so that building the tests does not
 * need its headers. */
typedef int (*FakeKeyEventFunc) (Display *display, unsigned int keycode, Bool is_press, unsigned long delay);

static FakeKeyEventFunc
fake_key_event_func (void)
{
  static FakeKeyEventFunc func;
  static gboolean looked_up;

  if (!looked_up)
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);

      looked_up = TRUE;
      if (library != NULL)
        func = (FakeKeyEventFunc) dlsym (library, "XTestFakeKeyEvent");
    }
  return func;
}

gboolean
ik_test_press_key (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  static const struct { GdkModifierType mask; guint keyval; } held[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_ALT_MASK, GDK_KEY_Alt_L },
  };
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  FakeKeyEventFunc fake = fake_key_event_func ();
  g_autofree GdkKeymapKey *keys = NULL;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  Display *xdisplay;
  int n_keys = 0;

  if (!GDK_IS_X11_DISPLAY (display) || fake == NULL)
    {
      g_test_skip ("Keys can only be sent on X11 with libXtst");
      return FALSE;
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* A key may open a popover or go full screen, both placed on the
   * window's monitor: on a loaded machine the first key could come before
   * the X server told GTK where a new window is (then GTK warns of a NULL
   * monitor, fatal in tests). Bounded by the same deadline as the key. */
  while (gdk_display_get_monitor_at_surface (display, surface) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gdk_display_map_keyval (display, keyval, &keys, &n_keys));
  g_assert_cmpint (n_keys, >, 0);

  xdisplay = gdk_x11_display_get_xdisplay (display);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if (modifiers & held[i].mask)
      fake (xdisplay, XKeysymToKeycode (xdisplay, held[i].keyval), True, CurrentTime);
  fake (xdisplay, keys[0].keycode, True, CurrentTime);
  fake (xdisplay, keys[0].keycode, False, CurrentTime);
  for (guint i = G_N_ELEMENTS (held); i > 0; i--)
    if (modifiers & held[i - 1].mask)
      fake (xdisplay, XKeysymToKeycode (xdisplay, held[i - 1].keyval), False, CurrentTime);

  /* Once the server has them, they are in our queue: handle them all. */
  XSync (xdisplay, False);
  while ((XPending (xdisplay) > 0 || g_main_context_pending (NULL))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  ik_test_iterate (5);
  return TRUE;
}

gboolean
ik_test_library_loaded (gpointer library)
{
  return ik_library_get_loaded (IK_LIBRARY (library));
}

gboolean
ik_test_library_has_error (gpointer library)
{
  return ik_library_get_has_error (IK_LIBRARY (library));
}

gboolean
ik_test_widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

gboolean
ik_test_widget_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (GTK_WIDGET (widget));
}
