/* jd-window.c: the main window and its sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultations-page.h"
#include "jd-front-desk-page.h"
#include "jd-visitors-page.h"
#include "jd-window.h"

struct _JdWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *db_error_page;
  JdFrontDeskPage      *front_desk_page;
  JdVisitorsPage       *visitors_page;
  JdConsultationsPage  *consultations_page;

  /* borrowed */
  JdApplication        *application;
};

G_DEFINE_FINAL_TYPE (JdWindow, jd_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const section_names[JD_WINDOW_N_SECTIONS] = {
  "front-desk",
  "visitors",
  "consultations",
  "events",
  "dashboard",
  "reports",
};

const char *
jd_window_section_name (JdWindowSection section)
{
  g_return_val_if_fail (section < JD_WINDOW_N_SECTIONS, NULL);

  return section_names[section];
}

const char *
jd_window_get_section (JdWindow *self)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
jd_window_add_toast (JdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (JD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * jd_window_show_error:
 *
 * For failures the user cannot fix on a field: a dialog in plain words.
 */
void
jd_window_show_error (JdWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (JD_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_db_state (JdWindow *self)
{
  const GError *error = jd_application_get_db_error (self->application);

  jd_front_desk_page_set_db (self->front_desk_page,
                             jd_application_get_db (self->application));
  jd_visitors_page_set_db (self->visitors_page, jd_application_get_db (self->application));
  jd_consultations_page_set_db (self->consultations_page,
                                jd_application_get_db (self->application));

  if (jd_application_get_db (self->application) != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "content");
      jd_front_desk_page_focus_search (self->front_desk_page);
      return;
    }

  adw_status_page_set_description (self->db_error_page,
                                   error ? error->message : NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "db-error");
}

static void
retry_clicked_cb (JdWindow *self)
{
  jd_application_reopen_db (self->application);
  update_db_state (self);
}

static void
section_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* GtkWindow:application is not a construct property, so this runs once
 * it is set rather than in constructed(). */
static void
setup (JdWindow      *self,
       JdApplication *application)
{
  GSettings *settings;

  self->application = application;
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.log-consultation",
                                         (const char *[]) { "<Control><Shift>n", NULL });

  settings = jd_application_get_settings (self->application);
  if (settings != NULL)
    {
      g_settings_bind (settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }

  update_db_state (self);
}

static void
jd_window_class_init (JdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (JD_TYPE_FRONT_DESK_PAGE);
  g_type_ensure (JD_TYPE_VISITORS_PAGE);
  g_type_ensure (JD_TYPE_CONSULTATIONS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, db_error_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, front_desk_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, visitors_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, consultations_page);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
show_front_desk (JdWindow *self)
{
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         section_names[JD_WINDOW_SECTION_FRONT_DESK]);
}

static void
new_visitor_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);

  show_front_desk (self);
  jd_front_desk_page_new_visitor (self->front_desk_page);
}

static void
find_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);

  show_front_desk (self);
  jd_front_desk_page_focus_search (self->front_desk_page);
}

/* Ctrl+Shift+N from anywhere: the Consultations section and its form. */
static void
log_consultation_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);

  adw_view_stack_set_visible_child_name (self->view_stack,
                                         section_names[JD_WINDOW_SECTION_CONSULTATIONS]);
  jd_consultations_page_log_consultation (self->consultations_page);
}

static const GActionEntry win_actions[] = {
  { "section", section_activated, "s" },
  { "new-visitor", new_visitor_activated },
  { "find", find_activated },
  { "log-consultation", log_consultation_activated },
};

static void
jd_window_init (JdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
}

JdWindow *
jd_window_new (JdApplication *application)
{
  JdWindow *self;

  g_return_val_if_fail (JD_IS_APPLICATION (application), NULL);

  self = g_object_new (JD_TYPE_WINDOW,
                       "application", application,
                       NULL);
  setup (self, application);

  return self;
}
