/* jd-reports-page.c: reports saved as CSV, and visitors imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A long export or import runs on a worker thread with a connection of
 * its own, acting for the person signed in (jd_db_share_actor), so the
 * window stays responsive and the audit names who did it; progress comes
 * back through the main loop and Cancel leaves no file (src/core writes
 * to a temporary file and renames it).
 */
#define G_LOG_DOMAIN "jd-reports"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jd-reports-page.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-window.h"

struct _JdReportsPage
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  AdwComboRow    *kind_row;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  AdwComboRow    *delimiter_row;
  GtkWidget      *anonymise_row;
  GtkSwitch      *anonymise_switch;
  GtkWidget      *import_button;
  GtkWidget      *export_button;
  GtkWidget      *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *message_label;
  GtkGrid        *preview_grid;

  JdDb           *db;          /* borrowed */
  GCancellable   *cancellable; /* of the running job */
  guint           preview_id;
  guint           preview_rows;
};

G_DEFINE_FINAL_TYPE (JdReportsPage, jd_reports_page, ADW_TYPE_BIN)

static const char delimiters[] = { ';', ',', '\t' };

/* ISO day from what was typed, or NULL. */
static char *
iso_of (AdwEntryRow *row)
{
  GDate date;

  if (!jd_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &date))
    return NULL;
  return jd_date_to_iso (&date);
}

static gboolean
get_options (JdReportsPage   *self,
             JdExportOptions *options,
             char           **from,
             char           **to)
{
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);

  *from = iso_of (self->from_row);
  *to = iso_of (self->to_row);
  options->kind = (JdExportKind) adw_combo_row_get_selected (self->kind_row);
  options->from_day = *from;
  options->to_day = *to;
  options->delimiter = delimiters[MIN (delimiter, G_N_ELEMENTS (delimiters) - 1)];
  options->anonymize = gtk_switch_get_active (self->anonymise_switch);
  return *from != NULL && *to != NULL;
}

static void
show_message (JdReportsPage *self,
              const char    *text,
              gboolean       error)
{
  gtk_label_set_label (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* Who may export what: personal reports only anonymised for those who
 * may not export personal data (src/core refuses the rest too). */
static void
update_rights (JdReportsPage *self)
{
  JdExportKind kind = (JdExportKind) adw_combo_row_get_selected (self->kind_row);
  gboolean personal_ok = jd_access_allowed (self->db, JD_PERM_EXPORT_PERSONAL);
  gboolean personal = jd_export_kind_is_personal (kind);

  gtk_widget_set_visible (self->anonymise_row, personal);
  if (personal && !personal_ok)
    gtk_switch_set_active (self->anonymise_switch, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->anonymise_switch), personal_ok);
  gtk_widget_set_visible (self->import_button, personal_ok);
}

static gboolean
preview_cb (gpointer user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  JdExportOptions options = { 0 };
  GtkWidget *child;

  self->preview_id = 0;
  self->preview_rows = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  if (self->db == NULL || !jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    return G_SOURCE_REMOVE;
  if (!get_options (self, &options, &from, &to))
    {
      show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
      return G_SOURCE_REMOVE;
    }

  rows = jd_export_preview (self->db, &options, 10, &error);
  if (rows == NULL)
    {
      show_message (self, error->message, TRUE);
      return G_SOURCE_REMOVE;
    }
  show_message (self, NULL, FALSE);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (row[c]);

          /* Readable cells; the preview scrolls sideways when wide. */
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (g_utf8_strlen (row[c], -1), 16));
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->preview_grid, label, (int) c, (int) r, 1, 1);
        }
    }
  self->preview_rows = rows->len > 0 ? rows->len - 1 : 0;
  return G_SOURCE_REMOVE;
}

static void
options_changed_cb (JdReportsPage *self)
{
  if (self->db == NULL)
    return;
  update_rights (self);
  /* Typing a date: wait for a pause before reading. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (250, preview_cb, self);
}

static void
combo_changed_cb (GObject       *row,
                  GParamSpec    *pspec,
                  JdReportsPage *self)
{
  options_changed_cb (self);
}

/* Running a job. */

typedef struct
{
  JdReportsPage  *page;
  JdDb           *worker;
  JdExportOptions options;
  char           *from;
  char           *to;
  char           *path;
  gboolean        import;
  guint           rows;
} Job;

static void
job_free (Job *job)
{
  jd_db_close (job->worker);
  g_free (job->from);
  g_free (job->to);
  g_free (job->path);
  g_object_unref (job->page);
  g_free (job);
}

typedef struct
{
  JdReportsPage *page;
  guint          rows;
} Progress;

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows",
                                                        progress->rows),
                                           progress->rows);

  gtk_progress_bar_pulse (progress->page->progress_bar);
  gtk_progress_bar_set_text (progress->page->progress_bar, text);
  g_object_unref (progress->page);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread. */
static void
progress_cb (guint    rows,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->page = g_object_ref (job->page);
  progress->rows = rows;
  g_idle_add (progress_idle, progress);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (job->import)
    {
      JdImportResult *result = jd_import_visitors (job->worker, job->path, cancellable, progress_cb, job,
                                                   &error);

      if (result == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, result, (GDestroyNotify) jd_import_result_free);
      return;
    }

  if (!jd_export_to_file (job->worker, &job->options, job->path, cancellable, progress_cb, job,
                          &job->rows, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (JdReportsPage *self,
          gboolean       busy)
{
  gtk_widget_set_visible (self->progress_box, busy);
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_sensitive (self->import_button, !busy);
  if (busy)
    gtk_progress_bar_set_text (self->progress_bar, NULL);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (job->import)
    {
      g_autoptr(JdImportResult) imported = g_task_propagate_pointer (G_TASK (result), &error);

      if (imported == NULL)
        message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      else if (imported->rejects_path != NULL)
        message = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u. "
                                     "The rows not imported, with the reasons, are in %s."),
                                   imported->imported, imported->skipped, imported->rejected,
                                   imported->rejects_path);
      else
        message = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u."),
                                   imported->imported, imported->skipped, imported->rejected);
      show_message (self, message, imported == NULL);
      return;
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("The export was cancelled; no file was written."), FALSE);
      else
        show_message (self, error->message, TRUE);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u row to %s", "Saved %u rows to %s",
                                          job->rows),
                             job->rows, name);
  show_message (self, message, FALSE);
}

static void
start_job (JdReportsPage *self,
           const char    *path,
           gboolean       import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->page = g_object_ref (self);
  job->path = g_strdup (path);
  job->import = import;
  if (!import && !get_options (self, &job->options, &job->from, &job->to))
    {
      show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
      job_free (job);
      return;
    }

  /* Its own connection, acting for the person signed in here. */
  job->worker = jd_db_open (jd_db_get_path (self->db), JD_DB_OPEN_DEFAULT, &error);
  if (job->worker == NULL)
    {
      show_message (self, error->message, TRUE);
      job_free (job);
      return;
    }
  jd_db_share_actor (job->worker, self->db);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_message (self, NULL, FALSE);
  task = g_task_new (self, self->cancellable, job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

void
jd_reports_page_export_to (JdReportsPage *self,
                           const char    *path)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));

  start_job (self, path, FALSE);
}

void
jd_reports_page_import_from (JdReportsPage *self,
                             const char    *path)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));

  start_job (self, path, TRUE);
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  JdReportsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        jd_reports_page_export_to (self, path);
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (JdReportsPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *name = NULL;
  JdExportOptions options = { 0 };
  GtkFileChooserNative *chooser;

  if (!get_options (self, &options, &from, &to))
    {
      show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
      return;
    }
  name = jd_export_suggest_name (self->db, &options);
  chooser = gtk_file_chooser_native_new (_("Save the Report"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  JdReportsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        jd_reports_page_import_from (self, path);
    }
  g_object_unref (chooser);
}

static void
import_clicked_cb (JdReportsPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Visitors from CSV"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked_cb (JdReportsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

GCancellable *
jd_reports_page_get_cancellable (JdReportsPage *self)
{
  g_return_val_if_fail (JD_IS_REPORTS_PAGE (self), NULL);

  return self->cancellable;
}

gboolean
jd_reports_page_is_busy (JdReportsPage *self)
{
  g_return_val_if_fail (JD_IS_REPORTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

guint
jd_reports_page_get_preview_rows (JdReportsPage *self)
{
  g_return_val_if_fail (JD_IS_REPORTS_PAGE (self), 0);

  return self->preview_rows;
}

void
jd_reports_page_refresh (JdReportsPage *self)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));

  if (self->db == NULL)
    return;
  if (!jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    {
      gtk_stack_set_visible_child_name (self->stack, "denied");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");
  update_rights (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  preview_cb (self);
}

void
jd_reports_page_set_db (JdReportsPage *self,
                        JdDb          *db)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));

  self->db = db;
}

static void
jd_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jd_reports_page_parent_class)->map (widget);
  jd_reports_page_refresh (JD_REPORTS_PAGE (widget));
}

static void
jd_reports_page_dispose (GObject *object)
{
  JdReportsPage *self = JD_REPORTS_PAGE (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (jd_reports_page_parent_class)->dispose (object);
}

static void
jd_reports_page_class_init (JdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_reports_page_dispose;
  widget_class->map = jd_reports_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, anonymise_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, anonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, preview_grid);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
jd_reports_page_init (JdReportsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) separators = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now), 1, 0, 0, 0);
  g_autofree char *from = g_date_time_format (first, "%d.%m.%Y");
  g_autofree char *to = g_date_time_format (now, "%d.%m.%Y");

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < JD_EXPORT_N_KINDS; i++)
    gtk_string_list_append (kinds, jd_export_kind_label ((JdExportKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  gtk_string_list_append (separators, _("Semicolon (Excel in Kazakh and Russian)"));
  gtk_string_list_append (separators, _("Comma"));
  gtk_string_list_append (separators, _("Tab"));
  adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (separators));

  /* This month so far. */
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);

  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  g_signal_connect (self->delimiter_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  /* The edits above queued a preview with no database yet. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
}
