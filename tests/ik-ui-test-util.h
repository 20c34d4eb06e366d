/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ik-application.h"

G_BEGIN_DECLS

/* Iterates the default main context until condition(data) is true or the
 * deadline (in seconds) passes; returns whether the condition became true. */
gboolean   ik_test_wait_for (gboolean (*condition) (gpointer data),
                             gpointer   data,
                             double     seconds);

/* Runs main-loop work: `iterations` iterations, then whatever is still
 * pending, for at most 5 seconds (no sleeping). */
void       ik_test_iterate  (guint      iterations);
/* Drops the caller's reference to object, which must be the last one
 * once asynchronous work still on its way (an application being launched,
 * reporting back) lets go: waits up to `seconds` for it to be finalized,
 * and fails the test if it is not. */
void       ik_test_unref_finalized (gpointer object,
                                    double   seconds);
/* Conditions for ik_test_wait_for(): an IkLibrary has loaded, or has an
 * error to show; a widget is mapped, or not visible. */
gboolean   ik_test_library_loaded    (gpointer library);
gboolean   ik_test_library_has_error (gpointer library);
gboolean   ik_test_widget_mapped     (gpointer widget);
gboolean   ik_test_widget_hidden     (gpointer widget);
void       ik_ui_test_init  (int       *argc,
                             char    ***argv);

/* A widget sized as a text that wraps: its widths are fixed (min_width,
 * nat_width), its height for a width is area / width (min_width's for no
 * width). It notes every size it is asked at: the widths it is asked its
 * height for and the heights it is asked its width for (-1 for none). */
#define IK_TYPE_TEST_SIZED (ik_test_sized_get_type ())
G_DECLARE_FINAL_TYPE (IkTestSized, ik_test_sized, IK, TEST_SIZED, GtkWidget)

GtkWidget *ik_test_sized_new               (int          min_width,
                                            int          nat_width,
                                            int          area);
GArray    *ik_test_sized_get_widths_asked  (IkTestSized *self);
GArray    *ik_test_sized_get_heights_asked (IkTestSized *self);

/* The first toplevel window of the given type, or NULL. */
GtkWindow *ik_test_find_toplevel (GType type);

/* Picks folder in a GtkFileChooserDialog that selects folders and accepts
 * it, as a user does once the folder is shown. The chooser reads a folder
 * asynchronously and until then keeps the previous folder's list, whose
 * selected row it would answer with, or refuse to answer if that row is
 * a file: this waits (up to `seconds`) until the chooser answers with
 * folder, and fails the test if it does not, or if the dialog does not
 * close. */
void       ik_test_choose_folder (GtkWindow *chooser,
                                  GFile     *folder,
                                  double     seconds);

/* Depth-first search of a widget tree for a widget of the given type whose
 * accessible label / button label / name matches `label` (NULL: any). */
GtkWidget *ik_test_find_widget (GtkWidget  *root,
                                GType       type,
                                const char *label);

/* A registered application with an id of its own: every GApplication exports
 * its actions on D-Bus under a path made from its id, so two applications
 * with one id cannot be registered in one test program. */
IkApplication *ik_test_application_new (void);

/* Presses and releases keyval with the modifiers (Control, Shift, Alt)
 * held, as a user would: through the X server (XTest), to the window that
 * has the keyboard, then lets the window handle it. Skips the test when
 * keys cannot be sent (not X11, no XTest): returns FALSE then. */
gboolean   ik_test_press_key (GtkWindow       *window,
                              guint            keyval,
                              GdkModifierType  modifiers);

G_END_DECLS
