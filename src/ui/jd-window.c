/* jd-window.c: the main window and its sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-connecting-page.h"
#include "jd-consultations-page.h"
#include "jd-dashboard-page.h"
#include "jd-events-page.h"
#include "jd-front-desk-page.h"
#include "jd-reports-page.h"
#include "jd-server.h"
#include "jd-sign-in-page.h"
#include "jd-staff.h"
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
  JdConnectingPage     *connecting_page;
  JdSignInPage         *sign_in_page;
  /* Where each section's page goes when it is made (build_pages()). */
  AdwBin               *front_desk_bin;
  AdwBin               *visitors_bin;
  AdwBin               *consultations_bin;
  AdwBin               *events_bin;
  AdwBin               *dashboard_bin;
  AdwBin               *reports_bin;
  GtkWidget            *menu_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *switcher_bar;
  GMenu                *primary_menu;
  GMenu                *person_section;
  GtkWidget            *restore_file_button;
  GtkRevealer          *connection_banner;
  GtkWidget            *connection_button;
  GtkWidget            *use_file_button;
  GtkLabel             *database_label;
  GtkWidget            *server_password_entry;

  /* The sections' pages, made after the first frame or at sign-in,
   * whichever comes first: making them took a fifth of the start-up. */
  JdFrontDeskPage      *front_desk_page;
  JdVisitorsPage       *visitors_page;
  JdConsultationsPage  *consultations_page;
  JdEventsPage         *events_page;
  JdDashboardPage      *dashboard_page;
  JdReportsPage        *reports_page;
  guint                 build_source;
  guint                 label_source;

  /* borrowed */
  JdApplication        *application;

  /* owned: the application's store, which the pages were made with */
  JdStore              *store;

  /* Dialogs and forms hidden while the desk is locked. */
  GPtrArray            *hidden_windows;
  gint64                last_activity;   /* monotonic µs */
  guint                 idle_source;
};

G_DEFINE_FINAL_TYPE (JdWindow, jd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

void
jd_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *window;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  window = gtk_widget_get_ancestor (widget, JD_TYPE_WINDOW);
  if (window != NULL)
    jd_window_add_toast (JD_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

typedef struct
{
  GCallback func;
  gpointer  user_data;
} FirstFrame;

static void
first_paint_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  ((void (*) (gpointer)) first->func) (first->user_data);
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, first);
}

static gboolean
first_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  FirstFrame *first = g_memdup2 (user_data, sizeof (FirstFrame));

  g_signal_connect_data (clock, "after-paint", G_CALLBACK (first_paint_cb), first,
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  return G_SOURCE_REMOVE;
}

/**
 * jd_widget_after_first_frame:
 * @func: (scope async): called with @user_data once
 *
 * Calls @func right after the first frame with @widget in it was drawn
 * (never if @widget goes before that): for work that can wait until
 * there is something on the screen.
 */
void
jd_widget_after_first_frame (GtkWidget *widget,
                             void     (*func) (gpointer user_data),
                             gpointer   user_data)
{
  FirstFrame *first = g_new (FirstFrame, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  first->func = G_CALLBACK (func);
  first->user_data = user_data;
  gtk_widget_add_tick_callback (widget, first_tick_cb, first, g_free);
}

void
jd_widget_show_error (GtkWidget    *widget,
                      const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);  /* until read */
  jd_widget_add_toast (widget, toast);
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

/* Window actions that need someone signed in. */
static const char *const signed_in_actions[] = {
  "section", "new-visitor", "find", "log-consultation", "lock", "switch-staff",
};

/* The bottom tabs, only while they are on screen: a bar that is not
 * revealed keeps its six tabs, and a screen reader would read them as
 * well as the ones at the top. */
/* Which database: beside the tabs on a wide window; under the title
 * (its subtitle) when the tabs give way to it. Shown by the window's
 * width alone, after the layout: a label that followed whether the
 * tabs fit would take their room and bring the title back, again and
 * again. */
#define DATABASE_LABEL_MIN_WIDTH 900

static gboolean
update_database_label_cb (gpointer user_data)
{
  JdWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height;

  self->label_source = 0;
  /* GTK 4.8 writes both sizes: no NULL for the height. */
  if (width == 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_visible (GTK_WIDGET (self->database_label),
                          adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) &&
                          width >= DATABASE_LABEL_MIN_WIDTH);
  return G_SOURCE_REMOVE;
}

static void
update_switcher_bar (JdWindow *self)
{
  gtk_widget_set_visible (self->switcher_bar,
                          adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) &&
                          adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (self->switcher_bar)));
  if (self->label_source == 0)
    self->label_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_database_label_cb, self, NULL);
}

/* While nobody is signed in, only the sign-in page is reachable. */
static void
set_signed_in_chrome (JdWindow *self,
                      gboolean  signed_in)
{
  g_autoptr(JdStaff) actor = NULL;

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, signed_in);
  update_switcher_bar (self);
  gtk_widget_set_visible (self->menu_button, signed_in);
  for (guint i = 0; i < G_N_ELEMENTS (signed_in_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), signed_in_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
    }

  actor = signed_in && self->store != NULL ? jd_store_dup_actor (self->store) : NULL;
  if (actor != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf ("%s · %s", actor->full_name,
                                                  jd_role_label (actor->role));
      g_autofree char *database = jd_application_dup_db_display_name (self->application);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", tooltip, database);

      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
      gtk_widget_set_tooltip_text (self->menu_button, tooltip);

      /* Who is signed in heads the menu with Lock and Switch Staff. */
      {
        g_autoptr(GMenuItem) item = g_menu_item_new_section (tooltip, G_MENU_MODEL (self->person_section));

        g_menu_remove (self->primary_menu, 0);
        g_menu_insert_item (self->primary_menu, 0, item);
      }
    }
  else
    {
      g_autofree char *database = jd_application_dup_db_display_name (self->application);

      adw_view_switcher_title_set_subtitle (self->switcher_title, database);
    }
}

/* Which database the desk is on, in the window's own title too (the
 * task switcher, and the headerbar when the tabs fill it). */
static void
update_title (JdWindow *self)
{
  g_autofree char *database = jd_application_dup_db_display_name (self->application);
  /* Translators: the main window's title: the program, then its database. */
  g_autofree char *title = g_strdup_printf (_("Jastar Desk — %s"), database);
  /* Translators: tooltip of the database's name in the header bar. */
  g_autofree char *tooltip = g_strdup_printf (_("Database: %s"), database);

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->database_label, database);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->database_label), tooltip);
}

static void
show_sign_in (JdWindow     *self,
              JdSignInMode  mode)
{
  jd_sign_in_page_set_mode (self->sign_in_page, mode);
  set_signed_in_chrome (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
  jd_sign_in_page_focus (self->sign_in_page);
}

static void open_visitors_cb      (JdWindow                   *self,
                                   const JdVisitorFilter      *filter,
                                   const char                 *description);
static void open_consultations_cb (JdWindow                   *self,
                                   const JdConsultationFilter *filter,
                                   const char                 *description);

/* The pages are made with the store they show: a new store (the
 * database opened again) means new pages, made when next needed. */
static void
destroy_pages (JdWindow *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  if (self->front_desk_page == NULL)
    return;

  adw_bin_set_child (self->front_desk_bin, NULL);
  adw_bin_set_child (self->visitors_bin, NULL);
  adw_bin_set_child (self->consultations_bin, NULL);
  adw_bin_set_child (self->events_bin, NULL);
  adw_bin_set_child (self->dashboard_bin, NULL);
  adw_bin_set_child (self->reports_bin, NULL);
  self->front_desk_page = NULL;
  self->visitors_page = NULL;
  self->consultations_page = NULL;
  self->events_page = NULL;
  self->dashboard_page = NULL;
  self->reports_page = NULL;
}

/* Makes the sections' pages, once. */
static void
build_pages (JdWindow *self)
{
  if (self->front_desk_page != NULL)
    return;

  g_clear_handle_id (&self->build_source, g_source_remove);
  self->front_desk_page = g_object_new (JD_TYPE_FRONT_DESK_PAGE, "store", self->store, NULL);
  self->visitors_page = g_object_new (JD_TYPE_VISITORS_PAGE, "store", self->store, NULL);
  self->consultations_page = g_object_new (JD_TYPE_CONSULTATIONS_PAGE, "store", self->store, NULL);
  self->events_page = g_object_new (JD_TYPE_EVENTS_PAGE, "store", self->store, NULL);
  self->dashboard_page = g_object_new (JD_TYPE_DASHBOARD_PAGE, "store", self->store, NULL);
  self->reports_page = g_object_new (JD_TYPE_REPORTS_PAGE, "store", self->store, NULL);
  adw_bin_set_child (self->front_desk_bin, GTK_WIDGET (self->front_desk_page));
  adw_bin_set_child (self->visitors_bin, GTK_WIDGET (self->visitors_page));
  adw_bin_set_child (self->consultations_bin, GTK_WIDGET (self->consultations_page));
  adw_bin_set_child (self->events_bin, GTK_WIDGET (self->events_page));
  adw_bin_set_child (self->dashboard_bin, GTK_WIDGET (self->dashboard_page));
  adw_bin_set_child (self->reports_bin, GTK_WIDGET (self->reports_page));

  g_signal_connect_object (self->dashboard_page, "open-visitors", G_CALLBACK (open_visitors_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dashboard_page, "open-consultations", G_CALLBACK (open_consultations_cb),
                           self, G_CONNECT_SWAPPED);
}

static gboolean
build_pages_idle_cb (gpointer user_data)
{
  JdWindow *self = user_data;

  self->build_source = 0;
  build_pages (self);
  return G_SOURCE_REMOVE;
}

/* After the first frame, the pages are made while nobody waits for
 * them (someone is typing a password). */
static void
first_frame_cb (gpointer user_data)
{
  JdWindow *self = user_data;

  if (self->front_desk_page == NULL && self->build_source == 0)
    self->build_source = g_idle_add_full (G_PRIORITY_LOW, build_pages_idle_cb, self, NULL);
}

/**
 * jd_window_get_page:
 *
 * Returns: (transfer none): the page of @section (made now if it was
 *   not yet)
 */
GtkWidget *
jd_window_get_page (JdWindow        *self,
                    JdWindowSection  section)
{
  g_return_val_if_fail (JD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (section < JD_WINDOW_N_SECTIONS, NULL);

  build_pages (self);
  switch (section)
    {
    case JD_WINDOW_SECTION_FRONT_DESK:
      return GTK_WIDGET (self->front_desk_page);
    case JD_WINDOW_SECTION_VISITORS:
      return GTK_WIDGET (self->visitors_page);
    case JD_WINDOW_SECTION_CONSULTATIONS:
      return GTK_WIDGET (self->consultations_page);
    case JD_WINDOW_SECTION_EVENTS:
      return GTK_WIDGET (self->events_page);
    case JD_WINDOW_SECTION_DASHBOARD:
      return GTK_WIDGET (self->dashboard_page);
    case JD_WINDOW_SECTION_REPORTS:
    case JD_WINDOW_N_SECTIONS:
    default:
      return GTK_WIDGET (self->reports_page);
    }
}

/**
 * jd_window_show_signed_in:
 *
 * Shows the sections to the person signed in on the database (after the
 * sign-in page, or when a test signed someone in directly).
 */
void
jd_window_show_signed_in (JdWindow *self)
{
  g_return_if_fail (JD_IS_WINDOW (self));

  self->last_activity = g_get_monotonic_time ();
  build_pages (self);
  set_signed_in_chrome (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  jd_front_desk_page_focus_search (self->front_desk_page);
}

static void
update_db_state (JdWindow *self)
{
  const GError *error = jd_application_get_db_error (self->application);
  JdDb *db = self->store ? jd_store_get_db (self->store) : NULL;
  gboolean on_server = jd_application_is_on_server (self->application);

  update_title (self);
  if (jd_application_is_connecting (self->application))
    {
      set_signed_in_chrome (self, FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "connecting");
      return;
    }
  if (db != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (jd_store_get_actor_id (self->store) != 0 || jd_access_allowed (db, JD_PERM_FRONT_DESK))
        jd_window_show_signed_in (self);
      else if (jd_staff_needs_setup (db, &local_error))
        show_sign_in (self, JD_SIGN_IN_MODE_SET_UP);
      else
        show_sign_in (self, JD_SIGN_IN_MODE_SIGN_IN);
      return;
    }

  set_signed_in_chrome (self, FALSE);
  adw_status_page_set_description (self->db_error_page,
                                   error ? error->message : NULL);
  /* A damaged file: a backup can take its place. */
  gtk_widget_set_visible (self->restore_file_button,
                          !on_server &&
                          (g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT) ||
                           g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_NOT_A_DATABASE)));
  /* A server that cannot be reached: try again, or this computer's
   * file, which the desk never opens by itself instead. */
  gtk_widget_set_visible (self->use_file_button, on_server);
  gtk_widget_set_visible (self->server_password_entry,
                          on_server &&
                          (g_error_matches (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED) ||
                           g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_AUTH)));
  gtk_stack_set_visible_child_name (self->main_stack, "db-error");
}

/* Locking: the window's own dialogs and forms are hidden, not closed, so
 * that what was typed is still there for the same person. */
static void
hide_transient_windows (JdWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (window != GTK_WINDOW (self) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) != NULL)
        {
          g_ptr_array_add (self->hidden_windows, g_object_ref (window));
          gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
        }
    }
  g_list_free (toplevels);
}

static void
lock (JdWindow *self)
{
  if (gtk_stack_get_visible_child_name (self->main_stack) == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "content"))
    return;

  hide_transient_windows (self);
  show_sign_in (self, JD_SIGN_IN_MODE_LOCKED);
}

static void
signed_in_cb (JdWindow *self,
              gboolean  same_person)
{
  /* Back to what the same person left; another person does not see it. */
  for (guint i = 0; i < self->hidden_windows->len; i++)
    {
      GtkWindow *window = self->hidden_windows->pdata[i];

      if (same_person)
        gtk_window_present (window);
      else
        gtk_window_destroy (window);
    }
  g_ptr_array_set_size (self->hidden_windows, 0);
  jd_window_show_signed_in (self);
}

static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  lock (JD_WINDOW (user_data));
}

static void
switch_staff_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);

  lock (self);
  jd_store_sign_out (self->store);
  show_sign_in (self, JD_SIGN_IN_MODE_SIGN_IN);
}

static void
activity_cb (JdWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
key_activity_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 JdWindow              *self)
{
  activity_cb (self);
  return GDK_EVENT_PROPAGATE;
}

/* Locks the desk after the centre's idle period without input. */
static gboolean
idle_check_cb (gpointer user_data)
{
  JdWindow *self = JD_WINDOW (user_data);
  guint minutes;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  minutes = jd_staff_get_lock_minutes (jd_store_get_db (self->store));
  if (g_get_monotonic_time () - self->last_activity > (gint64) minutes * 60 * G_USEC_PER_SEC)
    lock (self);
  return G_SOURCE_CONTINUE;
}

/**
 * jd_window_reload_database:
 *
 * Opens the database file again (after a restore replaced its data) and
 * asks whoever is at the desk to sign in: the accounts are the
 * restored ones.
 */
void
jd_window_reload_database (JdWindow *self)
{
  g_return_if_fail (JD_IS_WINDOW (self));

  /* The application tells of the new store (store_changed_cb ()). */
  jd_application_reopen_db (self->application);
}

static void
restore_file_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        JdWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *source = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (source == NULL ||
          !jd_db_restore_file (jd_application_get_db_path (self->application), source, NULL, &error))
        jd_window_show_error (self, _("The Backup Was Not Restored"),
                              error ? error->message : _("Choose a file on this computer."));
      else
        {
          jd_window_reload_database (self);
          jd_window_add_toast (self, adw_toast_new (_("The backup was restored. Sign in again.")));
        }
    }
  g_object_unref (chooser);
}

static void
restore_file_clicked_cb (JdWindow *self)
{
  g_autofree char *dir = g_path_get_dirname (jd_application_get_db_path (self->application));
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (backups);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Jastar Desk backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
retry_clicked_cb (JdWindow *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->server_password_entry));

  /* Typed on the error page: for this session only, like Preferences
   * without a keyring. */
  if (gtk_widget_get_visible (self->server_password_entry) && password[0] != '\0')
    jd_application_set_session_password (self->application, password);
  gtk_editable_set_text (GTK_EDITABLE (self->server_password_entry), "");
  jd_application_reopen_db (self->application);
}

/* The banner while the centre server cannot be reached. The pages and
 * open forms stay as they are, with whatever was typed: the store
 * reconnects by itself and then tells everything as changed. */
static void
connection_state_cb (JdWindow *self)
{
  JdStoreConnection state = self->store != NULL ?
                            jd_store_get_connection_state (self->store) :
                            JD_STORE_CONNECTION_ONLINE;

  gtk_revealer_set_reveal_child (self->connection_banner,
                                 state != JD_STORE_CONNECTION_ONLINE);
  gtk_widget_set_sensitive (self->connection_button, state == JD_STORE_CONNECTION_LOST);
}

static void
try_now_clicked_cb (JdWindow *self)
{
  if (self->store != NULL)
    jd_store_reconnect_now (self->store);
}

static void
use_file_clicked_cb (JdWindow *self)
{
  jd_application_use_file (self->application);
}

/* A new store: what was made with the old one goes (the pages, and the
 * forms hidden at a lock, which would write to the old connection),
 * and the desk starts again from signing in. */
static void
store_changed_cb (JdWindow *self)
{
  JdStore *store = jd_application_get_store (self->application);

  if (store != self->store)
    {
      for (guint i = 0; i < self->hidden_windows->len; i++)
        gtk_window_destroy (self->hidden_windows->pdata[i]);
      g_ptr_array_set_size (self->hidden_windows, 0);
      destroy_pages (self);
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, connection_state_cb, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "notify::connection-state",
                                 G_CALLBACK (connection_state_cb), self, G_CONNECT_SWAPPED);
      connection_state_cb (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
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

/* The lists behind a dashboard figure. */
static void
open_visitors_cb (JdWindow              *self,
                  const JdVisitorFilter *filter,
                  const char            *description)
{
  build_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "visitors");
  jd_visitors_page_show_filtered (self->visitors_page, filter, description);
}

static void
open_consultations_cb (JdWindow                   *self,
                       const JdConsultationFilter *filter,
                       const char                 *description)
{
  build_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "consultations");
  jd_consultations_page_show_filtered (self->consultations_page, filter, description);
}

/* GtkWindow:application is not a construct property, so this runs once
 * it is set rather than in constructed(). */
static void
setup (JdWindow      *self,
       JdApplication *application)
{
  GSettings *settings;

  self->application = application;
  jd_connecting_page_set_application (self->connecting_page, application);
  g_signal_connect_object (application, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.log-consultation",
                                         (const char *[]) { "<Control><Shift>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.lock",
                                         (const char *[]) { "<Control>l", NULL });

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

  store_changed_cb (self);
}

static void
jd_window_dispose (GObject *object)
{
  JdWindow *self = JD_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->build_source, g_source_remove);
  g_clear_handle_id (&self->label_source, g_source_remove);
  g_clear_pointer (&self->hidden_windows, g_ptr_array_unref);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, connection_state_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_window_parent_class)->dispose (object);
}

static void
jd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JdWindow *self = JD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_window_class_init (JdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (JD_TYPE_FRONT_DESK_PAGE);
  g_type_ensure (JD_TYPE_VISITORS_PAGE);
  g_type_ensure (JD_TYPE_CONSULTATIONS_PAGE);
  g_type_ensure (JD_TYPE_SIGN_IN_PAGE);
  g_type_ensure (JD_TYPE_DASHBOARD_PAGE);
  g_type_ensure (JD_TYPE_EVENTS_PAGE);
  g_type_ensure (JD_TYPE_REPORTS_PAGE);
  g_type_ensure (JD_TYPE_CONNECTING_PAGE);

  object_class->dispose = jd_window_dispose;
  object_class->get_property = jd_window_get_property;

  /**
   * JdWindow:store: (nullable)
   *
   * The application's store, which the pages show; bound down to the
   * sign-in page.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JD_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, db_error_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, front_desk_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, visitors_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, consultations_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, dashboard_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, events_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, reports_bin);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, switcher_title);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_file_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, use_file_button);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, database_label);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, server_password_entry);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, restore_file_button);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, person_section);
  gtk_widget_class_bind_template_callback (widget_class, restore_file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, signed_in_cb);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, connection_banner);
  gtk_widget_class_bind_template_child (widget_class, JdWindow, connection_button);
  gtk_widget_class_bind_template_callback (widget_class, try_now_clicked_cb);
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

  build_pages (self);
  show_front_desk (self);
  jd_front_desk_page_new_visitor (self->front_desk_page);
}

static void
find_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JdWindow *self = JD_WINDOW (user_data);

  build_pages (self);
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

  build_pages (self);
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         section_names[JD_WINDOW_SECTION_CONSULTATIONS]);
  jd_consultations_page_log_consultation (self->consultations_page);
}

static const GActionEntry win_actions[] = {
  { "section", section_activated, "s" },
  { "new-visitor", new_visitor_activated },
  { "find", find_activated },
  { "log-consultation", log_consultation_activated },
  { "lock", lock_activated },
  { "switch-staff", switch_staff_activated },
};

static void
jd_window_init (JdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->switcher_bar, "notify::reveal", G_CALLBACK (update_switcher_bar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (update_switcher_bar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::maximized", G_CALLBACK (update_switcher_bar), self,
                           G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  jd_widget_after_first_frame (GTK_WIDGET (self), first_frame_cb, self);

  /* Any key or pointer input counts as someone at the desk. */
  self->hidden_windows = g_ptr_array_new_with_free_func (g_object_unref);
  self->last_activity = g_get_monotonic_time ();
  {
    GtkEventController *key = gtk_event_controller_key_new ();
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (key, "key-pressed", G_CALLBACK (key_activity_cb), self);
    g_signal_connect_swapped (motion, "motion", G_CALLBACK (activity_cb), self);
    g_signal_connect_swapped (click, "pressed", G_CALLBACK (activity_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), key);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  }
  self->idle_source = g_timeout_add_seconds (15, idle_check_cb, self);
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
