/* jd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-application.h"

G_BEGIN_DECLS

#define JD_TYPE_WINDOW (jd_window_get_type ())

G_DECLARE_FINAL_TYPE (JdWindow, jd_window, JD, WINDOW, AdwApplicationWindow)

typedef enum
{
  JD_WINDOW_SECTION_FRONT_DESK,
  JD_WINDOW_SECTION_VISITORS,
  JD_WINDOW_SECTION_CONSULTATIONS,
  JD_WINDOW_SECTION_EVENTS,
  JD_WINDOW_SECTION_DASHBOARD,
  JD_WINDOW_SECTION_REPORTS,
  JD_WINDOW_N_SECTIONS
} JdWindowSection;

JdWindow   *jd_window_new            (JdApplication *application);
void        jd_window_show_signed_in (JdWindow      *self);
void        jd_window_reload_database (JdWindow     *self);
const char *jd_window_section_name   (JdWindowSection section);
const char *jd_window_get_section    (JdWindow      *self);
GtkWidget  *jd_window_get_page       (JdWindow        *self,
                                      JdWindowSection  section);
void        jd_window_add_toast      (JdWindow      *self,
                                      AdwToast      *toast);
/* The same for any widget of a window (the toast is dropped when
 * @widget is in none); an error toast stays until read. */
void        jd_widget_add_toast      (GtkWidget     *widget,
                                      AdwToast      *toast);
void        jd_widget_show_error     (GtkWidget     *widget,
                                      const GError  *error);
/* @func (@user_data) once the first frame with @widget is drawn. */
void        jd_widget_after_first_frame (GtkWidget  *widget,
                                         void      (*func) (gpointer user_data),
                                         gpointer    user_data);
void        jd_window_show_error     (JdWindow      *self,
                                      const char    *heading,
                                      const char    *message);

G_END_DECLS
