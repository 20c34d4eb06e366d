/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The smallest libadwaita application the benchmark compares Interview Kit
 * with: an AdwApplicationWindow of the same default size holding a header
 * bar. With IK_BENCH_EXIT_AFTER_MAP set it speaks the same protocol as the
 * application: on the first frame painted after the window is mapped it
 * prints "mapped <g_get_monotonic_time()>" and exits. After the time come
 * the main thread's CPU time in µs and the peak RSS (VmHWM) in kB, for
 * ik-bench-window. */

#include <adwaita.h>
#include <unistd.h>

#include "ik-bench-util.h"

static void
on_first_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_print ("mapped %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           ik_bench_thread_cpu_us (), ik_bench_status_kb ("self", "VmHWM:"));
  fflush (stdout);
  _exit (0);
}

static void
on_map (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), window);
}

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* The default size of Interview Kit's main window (its GSettings keys). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_title (GTK_WINDOW (window), "Minimal window");

  if (g_getenv ("IK_BENCH_EXIT_AFTER_MAP") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application =
    adw_application_new ("io.github.interviewkit.InterviewKit.BenchMinimalWindow",
                         G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
