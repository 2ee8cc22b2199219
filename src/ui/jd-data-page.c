/* jd-data-page.c: locking, backups, restore, retention and the audit
 * trail in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Managers may make a backup; everything else here is the
 * administrator's. The rows show what the person may not change as
 * insensitive, and src/core refuses anyway.
 */
#define G_LOG_DOMAIN "jd-data-page"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "jd-audit-window.h"
#include "jd-backup.h"
#include "jd-data-page.h"
#include "jd-date-format.h"
#include "jd-privacy.h"
#include "jd-server.h"
#include "jd-staff.h"
#include "jd-window.h"

struct _JdDataPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *security_group;
  AdwPreferencesGroup  *backup_group;
  AdwPreferencesGroup  *privacy_group;
  AdwPreferencesGroup  *server_backup_group;
  AdwActionRow         *save_copy_row;
  GtkWidget            *save_copy_button;
  GtkSpinButton        *lock_spin;
  GtkSpinButton        *keep_spin;
  GtkSpinButton        *retention_spin;
  AdwActionRow         *folder_row;
  AdwActionRow         *keep_row;
  AdwActionRow         *keep_days_row;   /* made in init */
  GtkSpinButton        *keep_days_spin;
  GtkWidget            *folder_button;
  AdwExpanderRow       *backups_row;
  AdwActionRow         *inactive_row;
  GtkWidget            *anonymise_button;

  GPtrArray            *backup_rows;
  guint                 n_inactive;
  gboolean              loading;
  gboolean              saving;          /* a copy of a server's centre */
  char                 *save_copy_subtitle;
  JdStore                 *store; /* borrowed */
};

G_DEFINE_FINAL_TYPE (JdDataPage, jd_data_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (JdDataPage *self,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
report (JdDataPage   *self,
        const GError *error)
{
  if (error != NULL)
    toast (self, error->message);
}

static void
lock_changed_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->loading &&
      !jd_staff_set_lock_minutes (jd_store_get_db (self->store), (guint) gtk_spin_button_get_value_as_int (self->lock_spin), &error))
    report (self, error);
}

/* How long each kind of copy is kept, in plain words: a person deleted
 * at their request is gone from every copy after that. */
static void
show_backup_rule (JdDataPage *self)
{
  g_autofree char *rule = jd_backup_describe_rule (jd_store_get_db (self->store));
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s %s", rule,
                                 _("Keep the folder on this computer or on removable storage kept "
                                   "in the centre."));
  adw_preferences_group_set_description (self->backup_group, description);
}

static void
keep_changed_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!jd_backup_set_keep (jd_store_get_db (self->store), (guint) gtk_spin_button_get_value_as_int (self->keep_spin), &error))
    report (self, error);
  show_backup_rule (self);
}

static void
keep_days_changed_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!jd_backup_set_keep_days (jd_store_get_db (self->store), (guint) gtk_spin_button_get_value_as_int (self->keep_days_spin),
                                &error))
    report (self, error);
  show_backup_rule (self);
}

static void
retention_changed_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!jd_retention_set_years (jd_store_get_db (self->store), (guint) gtk_spin_button_get_value_as_int (self->retention_spin),
                               &error))
    report (self, error);
  jd_data_page_refresh (self);
}

static void
audit_activated_cb (JdDataPage *self)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *window = jd_audit_window_new (self->store);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_present (GTK_WINDOW (window));
}

static void
backup_clicked_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jd_backup_now (jd_store_get_db (self->store), &error);

  if (path == NULL)
    {
      report (self, error);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (path);
    g_autofree char *message = g_strdup_printf (_("Backup saved: %s"), name);

    toast (self, message);
  }
  jd_data_page_refresh (self);
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  JdDataPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (folder);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !jd_backup_set_folder (jd_store_get_db (self->store), path, &error))
        report (self, error);
      jd_data_page_refresh (self);
    }
  g_object_unref (chooser);
}

static void
folder_clicked_cb (JdDataPage *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *current = jd_backup_get_folder (jd_store_get_db (self->store));
  g_autoptr(GFile) folder = g_file_new_for_path (current);

  chooser = gtk_file_chooser_native_new (_("Folder for Backups"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A copy of the centre on the server, into a file (as --backup FILE):
 * on a worker thread with its own connections, the table being copied
 * shown under the button. */

typedef struct
{
  GWeakRef  page;
  char     *text;
} CopyProgress;

static gboolean
show_copy_progress_cb (gpointer data)
{
  CopyProgress *progress = data;
  g_autoptr(JdDataPage) self = g_weak_ref_get (&progress->page);

  if (self != NULL && self->saving)
    adw_action_row_set_subtitle (self->save_copy_row, progress->text);
  return G_SOURCE_REMOVE;
}

static void
copy_progress_free (gpointer data)
{
  CopyProgress *progress = data;

  g_weak_ref_clear (&progress->page);
  g_free (progress->text);
  g_free (progress);
}

/* On the worker thread: told to the window's loop. */
static void
copy_progress_cb (const char *table,
                  gint64      done,
                  gint64      total,
                  gpointer    user_data)
{
  CopyProgress *progress = g_new0 (CopyProgress, 1);

  g_weak_ref_init (&progress->page, user_data);
  /* Translators: progress of --copy-to on the terminal: a table's name
   * (as in the database), then rows copied of all its rows. */
  progress->text = g_strdup_printf (_("Copying %s: %lld of %lld rows"), table,
                                    (long long) done, (long long) total);
  g_idle_add_full (G_PRIORITY_DEFAULT, show_copy_progress_cb, progress, copy_progress_free);
}

typedef struct
{
  char *conninfo;   /* the store's, with its password */
  char *dest_path;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  secret_password_free (data->conninfo);
  g_free (data->dest_path);
  g_free (data);
}

static void
save_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CopyData *data = task_data;
  GError *error = NULL;

  if (jd_server_save_copy (data->conninfo, data->dest_path, copy_progress_cb, source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_saving (JdDataPage *self,
            gboolean    saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_copy_button, !saving);
  if (!saving)
    adw_action_row_set_subtitle (self->save_copy_row, self->save_copy_subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
save_copy_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  JdDataPage *self = JD_DATA_PAGE (object);
  CopyData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (data->dest_path);
  g_autofree char *message = NULL;

  set_saving (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      message = g_strdup_printf (_("The copy was not saved: %s"), error->message);
      toast (self, message);
      return;
    }
  message = g_strdup_printf (_("Copy of the centre saved: %s"), name);
  toast (self, message);
  if (!jd_server_note_copy (jd_store_get_db (self->store), data->dest_path, &error))
    report (self, error);
}

/**
 * jd_data_page_save_copy:
 * @path: the file to write (replaced when it exists)
 *
 * What "Save a Copy…" does once a file is chosen: the whole centre of
 * the server into @path, on a worker thread (#JdDataPage:saving while
 * it runs), then a toast.
 */
void
jd_data_page_save_copy (JdDataPage *self,
                        const char *path)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data;

  g_return_if_fail (JD_IS_DATA_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->saving)
    return;
  data = g_new0 (CopyData, 1);
  data->conninfo = g_strdup (jd_store_get_path (self->store));
  data->dest_path = g_strdup (path);
  task = g_task_new (self, NULL, save_copy_done_cb, NULL);
  g_task_set_source_tag (task, jd_data_page_save_copy);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  set_saving (self, TRUE);
  g_task_run_in_thread (task, save_copy_thread);
}

static void
save_copy_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     JdDataPage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        toast (self, _("Choose a file on this computer."));
      else
        jd_data_page_save_copy (self, path);
    }
  g_object_unref (chooser);
}

static void
save_copy_clicked_cb (JdDataPage *self)
{
  g_autoptr(GDateTime) now = jd_db_now_local (jd_store_get_db (self->store));
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested name of a copy of the whole centre;
   * keep it a file name (%s is the date, 2026-12-05). */
  g_autofree char *name = g_strdup_printf (_("jastar-copy-%s.db"), day);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Centre"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Jastar Desk backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_copy_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Restoring. */

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JdDataPage       *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *again = NULL;
  JdRestoreReport restored = { 0, };
  GtkWindow *prefs, *main_window;

  if (!g_str_equal (response, "restore"))
    return;

  if (!jd_backup_restore_full (jd_store_get_db (self->store), path, &safety, &restored, &error))
    {
      report (self, error);
      return;
    }
  again = jd_restore_report_describe (&restored);

  /* The data, and the accounts, are the backup's now: the window opens
   * the file again and asks for a sign-in. */
  prefs = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  main_window = gtk_window_get_transient_for (prefs);
  /* This dialog outlives Preferences by the rest of its response:
   * not its child any more, it does not reach back to a freed window. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (prefs);
  if (JD_IS_WINDOW (main_window))
    {
      jd_window_reload_database (JD_WINDOW (main_window));
      if (again == NULL)
        {
          jd_window_add_toast (JD_WINDOW (main_window),
                               adw_toast_new (_("The backup was restored. Sign in again.")));
        }
      else
        {
          /* People erased again after the restore: the administrator
           * must know, so it is said where it cannot be missed. */
          g_autofree char *body = g_strdup_printf ("%s\n\n%s",
                                                   _("The backup was restored. Sign in again."),
                                                   again);
          GtkWidget *done = adw_message_dialog_new (main_window, _("Backup Restored"), body);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (done), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (done));
        }
    }
}

static void
ask_restore (JdDataPage *self,
             const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Restore This Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("All data will be replaced by the backup “%s”. Whatever was "
                                    "entered after it was made is kept only in a copy of the "
                                    "current data, saved in the backups folder first. Everyone "
                                    "signs in again."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A backup's Restore… button names its file as the action's target
 * rather than in data kept on the button. */
static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ask_restore (JD_DATA_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* Retention. */

static void
anonymise_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JdDataPage       *self)
{
  g_autoptr(GError) error = NULL;
  guint done = 0;

  if (!g_str_equal (response, "anonymise"))
    return;
  if (!jd_retention_anonymise (jd_store_get_db (self->store), jd_retention_get_years (jd_store_get_db (self->store)), jd_db_now (), &done, &error))
    report (self, error);
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u visitor anonymised",
                                                               "%u visitors anonymised", done),
                                                  done);
      toast (self, message);
    }
  jd_data_page_refresh (self);
}

static void
anonymise_clicked_cb (JdDataPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint total = 0;

  rows = jd_retention_list (jd_store_get_db (self->store), jd_retention_get_years (jd_store_get_db (self->store)), jd_db_now (), 10, &total, &error);
  if (rows == NULL)
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      JdRetentionRow *row = rows->pdata[i];
      g_autoptr(GDateTime) last = jd_db_local_time (jd_store_get_db (self->store), row->last_activity);
      g_autofree char *day = jd_date_format_day (last);

      g_string_append_printf (names, "\n%s — %s", row->display_name, day);
    }
  if (total > rows->len)
    g_string_append (names, "\n…");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Anonymise Inactive Visitors?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u visitor has not come for the retention period. Their "
                                               "names, IIN, phone, e-mail and notes will be removed for "
                                               "good; anonymous statistics stay. Last activity:%s",
                                               "%u visitors have not come for the retention period. Their "
                                               "names, IIN, phones, e-mail and notes will be removed for "
                                               "good; anonymous statistics stay. Last activity:%s",
                                               total),
                                  total, names->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "anonymise", _("_Anonymise"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "anonymise", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (anonymise_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Loading. */

void
jd_data_page_refresh (JdDataPage *self)
{
  gboolean admin = jd_access_allowed (jd_store_get_db (self->store), JD_PERM_MANAGE_SETTINGS);
  gboolean may_back_up = jd_access_allowed (jd_store_get_db (self->store), JD_PERM_BACKUP);
  gboolean may_restore = jd_access_allowed (jd_store_get_db (self->store), JD_PERM_RESTORE);
  gboolean retention = jd_access_allowed (jd_store_get_db (self->store), JD_PERM_RETENTION);
  gboolean on_server = jd_database_is_server (jd_store_get_path (self->store));
  g_autofree char *folder = jd_backup_get_folder (jd_store_get_db (self->store));
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) inactive = NULL;
  g_autofree char *subtitle = NULL;
  guint total = 0;

  self->loading = TRUE;
  gtk_spin_button_set_value (self->lock_spin, jd_staff_get_lock_minutes (jd_store_get_db (self->store)));
  gtk_spin_button_set_value (self->keep_spin, jd_backup_get_keep (jd_store_get_db (self->store)));
  gtk_spin_button_set_value (self->keep_days_spin, jd_backup_get_keep_days (jd_store_get_db (self->store)));
  gtk_spin_button_set_value (self->retention_spin, jd_retention_get_years (jd_store_get_db (self->store)));
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->security_group), admin);
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_group), retention);
  /* A server is backed up on the server: none of this computer's
   * copies, folder or restore, but a copy of the whole centre. */
  gtk_widget_set_visible (GTK_WIDGET (self->backup_group), may_back_up && !on_server);
  gtk_widget_set_visible (GTK_WIDGET (self->server_backup_group), may_back_up && on_server);
  gtk_widget_set_sensitive (self->folder_button, admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_days_row), admin);
  show_backup_rule (self);
  gtk_widget_set_visible (GTK_WIDGET (self->backups_row), may_restore);
  adw_action_row_set_subtitle (self->folder_row, folder);

  /* The backups there, newest first, each with its Restore button. */
  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_expander_row_remove (self->backups_row, self->backup_rows->pdata[i]);
  g_ptr_array_set_size (self->backup_rows, 0);
  backups = may_restore && !on_server ? jd_backup_list (jd_store_get_db (self->store), NULL) : NULL;
  for (guint i = 0; backups != NULL && i < backups->len && i < 30; i++)
    {
      GFileInfo *info = backups->pdata[i];
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autofree char *when = modified ? jd_date_format_day_time (modified) : g_strdup ("");
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *row_subtitle = g_strdup_printf ("%s · %s", when, size);
      g_autofree char *path = g_build_filename (folder, g_file_info_get_name (info), NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_file_info_get_name (info));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), row_subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "data.restore");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (path));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (self->backups_row, row);
      g_ptr_array_add (self->backup_rows, row);
    }

  if (retention)
    {
      inactive = jd_retention_list (jd_store_get_db (self->store), jd_retention_get_years (jd_store_get_db (self->store)), jd_db_now (), 1,
                                    &total, NULL);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u visitor without activity for the period",
                                               "%u visitors without activity for the period", total),
                                  total);
      adw_action_row_set_subtitle (self->inactive_row, subtitle);
      gtk_widget_set_sensitive (self->anonymise_button, total > 0);
    }
}

static void
jd_data_page_dispose (GObject *object)
{
  JdDataPage *self = JD_DATA_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_DATA_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_data_page_parent_class)->dispose (object);
}

static void
jd_data_page_finalize (GObject *object)
{
  JdDataPage *self = JD_DATA_PAGE (object);

  g_ptr_array_unref (self->backup_rows);
  g_free (self->save_copy_subtitle);

  G_OBJECT_CLASS (jd_data_page_parent_class)->finalize (object);
}

static void
jd_data_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JdDataPage *self = JD_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_data_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JdDataPage *self = JD_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_data_page_class_init (JdDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_data_page_dispose;
  object_class->finalize = jd_data_page_finalize;
  object_class->get_property = jd_data_page_get_property;
  object_class->set_property = jd_data_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  /* JdDataPage:saving: a copy of the server's centre is being written. */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, security_group);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, backup_group);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, server_backup_group);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, save_copy_row);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, save_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, save_copy_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, lock_spin);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, keep_row);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, folder_button);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, backups_row);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, inactive_row);
  gtk_widget_class_bind_template_child (widget_class, JdDataPage, anonymise_button);
  gtk_widget_class_bind_template_callback (widget_class, lock_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retention_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, anonymise_clicked_cb);
  gtk_widget_class_install_action (widget_class, "data.restore", "s", restore_action);
}

static void
jd_data_page_init (JdDataPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
  self->save_copy_subtitle = g_strdup (adw_action_row_get_subtitle (self->save_copy_row) ?: "");

  /* Copies made by hand, before a restore or before an upgrade. */
  self->keep_days_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3650, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->keep_days_spin), GTK_ALIGN_CENTER);
  self->keep_days_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keep_days_row),
                                 _("Days to Keep _Other Copies"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->keep_days_row), TRUE);
  adw_action_row_add_suffix (self->keep_days_row, GTK_WIDGET (self->keep_days_spin));
  adw_action_row_set_activatable_widget (self->keep_days_row, GTK_WIDGET (self->keep_days_spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->keep_days_spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->keep_days_row, NULL,
                                  -1);
  adw_preferences_group_add (self->backup_group, GTK_WIDGET (self->keep_days_row));
  g_signal_connect_swapped (self->keep_days_spin, "value-changed",
                            G_CALLBACK (keep_days_changed_cb), self);
}

GtkWidget *
jd_data_page_new (JdStore *store)
{
  JdDataPage *self = g_object_new (JD_TYPE_DATA_PAGE, "store", store, NULL);
  jd_data_page_refresh (self);
  return GTK_WIDGET (self);
}
