/* jd-reports-page.c: reports saved as CSV, and visitors imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page asks and shows; the job itself is src/core's
 * (jd_export_run_async (), jd_import_visitors_async ()): a worker thread
 * with a connection of its own, acting for the person signed in. Rights
 * are checked on the window's connection before the job starts, so that
 * a refusal is said at once. Dialogs are built in jd-reports-dialogs.c.
 *
 * A modal dialog with a progress bar and Cancel stays up while the job
 * runs. The worker's own connection would let the window go on, but an
 * import holds a write transaction to the end (all or nothing), so the
 * front desk would only wait on the lock meanwhile, and a period changed
 * mid-export would make the file disagree with the preview. Cancel
 * leaves no file and imports nothing: src/core writes to a temporary
 * file and renames it, and rolls the import back.
 */
#define G_LOG_DOMAIN "jd-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-period.h"
#include "jd-import-sheet-dialog.h"
#include "jd-output.h"
#include "jd-report-print.h"
#include "jd-reports-dialogs.h"
#include "jd-reports-page.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-window.h"

/* Enough rows to recognise the report, few enough to build at once. */
#define PREVIEW_ROWS 20
/* A pause in typing a date before the preview is read again. */
#define PREVIEW_DELAY_MS 250

struct _JdReportsPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwComboRow    *kind_row;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  GtkWidget      *this_month_button;
  GtkWidget      *last_month_button;
  GtkWidget      *this_year_button;
  AdwComboRow    *format_row;
  AdwComboRow    *delimiter_row;
  AdwActionRow   *anonymise_row;
  GtkSwitch      *anonymise_switch;
  GtkWidget      *import_button;
  GtkWidget      *export_button;
  GtkLabel       *message_label;
  GtkGrid        *preview_grid;

  /* Owned references */
  JdStore        *store;
  GCancellable   *cancellable;     /* of the running job */
  char           *job_path;
  gboolean        importing;
  GtkWidget      *progress_dialog; /* weak: it destroys itself on Cancel */
  guint           preview_id;
  guint           pulse_id;
  guint           preview_rows;
  gboolean        disposed;        /* a job may outlive the widgets */
  gboolean        busy;            /* as last notified */
  /* The columns of the next import, as matched by hand, and its sheet. */
  GArray         *import_fields;
  char           *import_sheet;
};

G_DEFINE_FINAL_TYPE (JdReportsPage, jd_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "busy": a job runs or the preview is about to be read again. Called
 * once the page has settled, so that whoever waits on the notify finds
 * it as it stays (an import's end starts a preview, for instance). */
static void
update_busy (JdReportsPage *self)
{
  gboolean busy = self->cancellable != NULL || self->preview_id != 0;

  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* In the order of the separator row's labels. */
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

/* A workbook has no separator. */
static void
format_changed_cb (JdReportsPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->delimiter_row), adw_combo_row_get_selected (self->format_row) == 0);
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
  options->format = adw_combo_row_get_selected (self->format_row) == 1 ? JD_EXPORT_FORMAT_XLSX
                                                                      : JD_EXPORT_FORMAT_CSV;
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

static GtkWindow *
parent_window (JdReportsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A result nobody has to act on. Outside a window (a test building
 * the page alone) the message line says it instead. */
static void
show_toast (JdReportsPage *self,
            const char    *text)
{
  GtkWindow *window = parent_window (self);
  g_autofree char *markup = NULL;

  if (!JD_IS_WINDOW (window))
    {
      show_message (self, text, FALSE);
      return;
    }
  /* A toast's title is markup; file names may hold '&'. */
  markup = g_markup_escape_text (text, -1);
  jd_window_add_toast (JD_WINDOW (window), adw_toast_new (markup));
}

static void
show_failure (JdReportsPage *self,
              const char    *heading,
              const char    *body)
{
  GtkWindow *window = parent_window (self);
  GtkWidget *dialog;

  if (window == NULL)
    {
      show_message (self, body, TRUE);
      return;
    }
  dialog = adw_message_dialog_new (window, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Who may export what: the personal reports only anonymised for those
 * who may not export personal data, saying why (src/core refuses the
 * rest too, whatever the switch shows). */
static void
update_rights (JdReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  JdExportKind kind = (JdExportKind) adw_combo_row_get_selected (self->kind_row);
  gboolean personal_ok = jd_access_check (jd_store_get_db (self->store), JD_PERM_EXPORT_PERSONAL, &error);
  gboolean personal = jd_export_kind_is_personal (kind);

  gtk_widget_set_visible (GTK_WIDGET (self->anonymise_row), personal);
  if (personal && !personal_ok)
    {
      gtk_switch_set_active (self->anonymise_switch, TRUE);
      adw_action_row_set_subtitle (self->anonymise_row, error->message);
    }
  else
    adw_action_row_set_subtitle (self->anonymise_row, _("No names, IIN, phones, e-mail or notes"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->anonymise_switch), personal_ok);
  /* Importing registers people: the same right as their data. */
  gtk_widget_set_visible (self->import_button, personal_ok);
}

static void
clear_preview (JdReportsPage *self)
{
  GtkWidget *child;

  self->preview_rows = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
}

static void
preview (JdReportsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  JdExportOptions options = { 0 };
  gboolean dates_ok;

  self->preview_id = 0;
  clear_preview (self);

  if (self->store == NULL || !jd_access_allowed (jd_store_get_db (self->store), JD_PERM_VIEW_REPORTS))
    return;
  dates_ok = get_options (self, &options, &from, &to);
  gtk_widget_set_sensitive (self->export_button, dates_ok && self->cancellable == NULL);
  if (!dates_ok)
    {
      show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
      return;
    }

  rows = jd_export_preview (jd_store_get_db (self->store), &options, PREVIEW_ROWS, &error);
  if (rows == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (rows->len <= 1)
    show_message (self, _("Nothing was recorded in this period: the file would hold only the column names."),
                  FALSE);
  else
    show_message (self, NULL, FALSE);

  jd_reports_preview_fill (self->preview_grid, rows);
  self->preview_rows = rows->len > 0 ? rows->len - 1 : 0;
}

static gboolean
preview_cb (gpointer user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (user_data);

  preview (self);
  update_busy (self);
  return G_SOURCE_REMOVE;
}

static void
options_changed_cb (JdReportsPage *self)
{
  if (self->store == NULL || self->disposed)
    return;
  update_rights (self);
  /* Typing a date: wait for a pause before reading. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
  update_busy (self);
}

static void
combo_changed_cb (GObject       *row,
                  GParamSpec    *pspec,
                  JdReportsPage *self)
{
  options_changed_cb (self);
}

/* The period. */

static void
set_period (JdReportsPage *self,
            const GDate   *first,
            const GDate   *last)
{
  g_autofree char *from = jd_date_format_date (first);
  g_autofree char *to = jd_date_format_date (last);

  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

/* The centre's today, not the machine's. */
static void
get_today (JdDb  *db,
           GDate *today)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  jd_period_day_of (now, today);
}

/* The whole month around @day: the monthly report to the akimat. */
static void
set_month_of (JdReportsPage *self,
              const GDate   *day)
{
  GDate first;
  GDate last;

  jd_period_bounds (JD_PERIOD_MONTH, day, &first, &last);
  g_date_subtract_days (&last, 1);
  set_period (self, &first, &last);
}

static void
this_month_clicked_cb (JdReportsPage *self)
{
  GDate today;

  get_today (self->store ? jd_store_get_db (self->store) : NULL, &today);
  set_month_of (self, &today);
}

static void
last_month_clicked_cb (JdReportsPage *self)
{
  GDate day;

  get_today (self->store ? jd_store_get_db (self->store) : NULL, &day);
  jd_period_step (JD_PERIOD_MONTH, &day, -1);
  set_month_of (self, &day);
}

static void
this_year_clicked_cb (JdReportsPage *self)
{
  GDate today;
  GDate first;
  GDate last;

  get_today (self->store ? jd_store_get_db (self->store) : NULL, &today);
  jd_period_bounds (JD_PERIOD_YEAR, &today, &first, &last);
  g_date_subtract_days (&last, 1);
  set_period (self, &first, &last);
}

/* Running a job. */

/* On the main thread, from src/core, now and then. */
static void
progress_cb (guint    count,
             gpointer user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (user_data);

  if (self->progress_dialog != NULL)
    jd_reports_dialog_progress_set_count (self->progress_dialog, count, self->importing);
}

static gboolean
pulse_cb (gpointer user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (user_data);

  if (self->progress_dialog != NULL)
    jd_reports_dialog_progress_pulse (self->progress_dialog);
  return G_SOURCE_CONTINUE;
}

static void
progress_response_cb (JdReportsPage *self,
                      const char    *response)
{
  /* The dialog closes itself; the job stops at its next row. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
show_progress (JdReportsPage *self,
               const char    *heading,
               const char    *body)
{
  GtkWindow *window = parent_window (self);
  GtkWidget *dialog;

  if (window == NULL)
    return;

  dialog = jd_reports_dialog_progress_new (window, heading, body);
  g_signal_connect_object (dialog, "response", G_CALLBACK (progress_response_cb), self, G_CONNECT_SWAPPED);
  self->progress_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->progress_dialog);
  self->pulse_id = g_timeout_add (150, pulse_cb, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hide_progress (JdReportsPage *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->progress_dialog != NULL)
    {
      GtkWidget *dialog = self->progress_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->progress_dialog);
      self->progress_dialog = NULL;
      /* Not gtk_window_close (): that would answer "cancel". */
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
set_busy (JdReportsPage *self,
          gboolean       busy)
{
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_sensitive (self->import_button, !busy);
}

/* The job is over: FALSE when the window closed meanwhile and nobody is
 * left to tell. The caller updates "busy" once it has said how it went. */
static gboolean
job_ended (JdReportsPage *self)
{
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return FALSE;
  hide_progress (self);
  set_busy (self, FALSE);
  return TRUE;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JdReportsPage) self = JD_REPORTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) imported = jd_import_visitors_finish (JD_STORE (source), result, &error);

  if (!job_ended (self))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("The import was cancelled; nothing was imported."));
  else if (imported == NULL)
    show_failure (self, _("No Visitors Were Imported"), error->message);
  else if (parent_window (self) == NULL)
    {
      g_autofree char *body = jd_reports_dialog_import_summary (imported);

      show_message (self, body, FALSE);
    }
  else
    jd_reports_dialog_import_result (parent_window (self), imported);
  /* New people may change what the report holds. */
  options_changed_cb (self);
  update_busy (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JdReportsPage) self = JD_REPORTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint rows = 0;

  if (!jd_export_run_finish (JD_STORE (source), result, &rows, &error))
    {
      if (!job_ended (self))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("The export was cancelled; no file was written."));
      else
        show_failure (self, _("The Report Was Not Saved"), error->message);
      update_busy (self);
      return;
    }
  if (!job_ended (self))
    return;

  name = g_path_get_basename (self->job_path);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u row to %s", "Saved %u rows to %s",
                                          rows),
                             rows, name);
  show_toast (self, message);
  update_busy (self);
}

static void
start_job (JdReportsPage *self,
           const char    *path,
           gboolean       import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fields = NULL;
  g_autofree char *sheet = g_steal_pointer (&self->import_sheet);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *body = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  JdPermission permission = JD_PERM_EXPORT_PERSONAL;
  JdExportOptions options = { 0 };

  if (self->store == NULL || self->cancellable != NULL)
    return;

  fields = g_steal_pointer (&self->import_fields);
  if (!import)
    {
      if (!get_options (self, &options, &from, &to))
        {
          show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
          return;
        }
      if (options.anonymize || !jd_export_kind_is_personal (options.kind))
        permission = JD_PERM_VIEW_REPORTS;
      /* The name decides, as on the command line: "report.xlsx" is a
       * workbook whatever the row says. */
      if (jd_export_format_for_path (path) == JD_EXPORT_FORMAT_XLSX)
        options.format = JD_EXPORT_FORMAT_XLSX;
    }

  /* Checked here, on the connection the person signed in on, so that a
   * refusal is said at once and not after a thread has started; a file
   * chosen in the save dialog is never the database or a backup. */
  if (!jd_access_check (jd_store_get_db (self->store), permission, &error) ||
      (!import && !jd_output_check (jd_store_get_db (self->store), path, JD_OUTPUT_REPORT, &error)))
    {
      show_failure (self, import ? _("No Visitors Were Imported") : _("The Report Was Not Saved"), error->message);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->importing = import;
  g_free (self->job_path);
  self->job_path = g_strdup (path);
  set_busy (self, TRUE);
  update_busy (self);
  if (import)
    {
      body = g_strdup_printf (_("Reading “%s”. If you cancel, nobody is imported."), name);
      show_progress (self, _("Importing Visitors"), body);
      jd_import_visitors_sheet_async (self->store, path, sheet,
                                      fields ? (const int *) fields->data : NULL,
                                      fields ? fields->len : 0, self->cancellable, progress_cb, self,
                                      import_done_cb, g_object_ref (self));
    }
  else
    {
      body = g_strdup_printf (_("Writing “%s”. If you cancel, no file is left behind."), name);
      show_progress (self, _("Saving the Report"), body);
      jd_export_run_async (self->store, &options, path, self->cancellable, progress_cb, self,
                           export_done_cb, g_object_ref (self));
    }
}

/**
 * jd_reports_page_export_to:
 * @self: a reports page
 * @path: the file to write
 *
 * Saves the report chosen on the page to @path on a worker thread,
 * with a modal progress dialog; what the file chooser leads to.
 */
void
jd_reports_page_export_to (JdReportsPage *self,
                           const char    *path)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

  start_job (self, path, FALSE);
}

/**
 * jd_reports_page_import_from:
 * @self: a reports page
 * @path: a CSV file of visitors
 *
 * Imports @path the same way, once the person has confirmed it.
 */
void
jd_reports_page_import_from (JdReportsPage *self,
                             const char    *path)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

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
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

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
  name = jd_export_suggest_name (jd_store_get_db (self->store), &options);
  chooser = gtk_file_chooser_native_new (_("Save the Report"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
confirm_import_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            JdReportsPage    *self)
{
  if (g_strcmp0 (response, "import") == 0)
    jd_reports_page_import_from (self, jd_reports_dialog_get_path (dialog));
}

static void
mapping_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JdReportsPage    *self)
{
  if (g_strcmp0 (response, "import") != 0)
    return;
  g_clear_pointer (&self->import_fields, g_array_unref);
  self->import_fields = jd_reports_dialog_get_columns (dialog);
  jd_reports_page_import_from (self, jd_reports_dialog_get_path (dialog));
}

/**
 * jd_reports_page_prepare_import:
 * @self: a reports page
 * @path: a CSV file of visitors
 *
 * What choosing a file to import leads to: the columns are matched by
 * hand when their names are not all known, else the rules are confirmed.
 */
void
jd_reports_page_prepare_import (JdReportsPage *self,
                                const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GPtrArray) header = NULL;
  AdwMessageDialog *dialog;
  gboolean all_known = TRUE;

  g_return_if_fail (JD_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

  header = jd_import_read_header_sheet (path, self->import_sheet, &fields, &sample, &error);
  if (header == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < header->len; i++)
    if (g_array_index (fields, int, i) < 0 && header->pdata[i] != NULL && *(char *) header->pdata[i] != '\0')
      all_known = FALSE;

  g_clear_pointer (&self->import_fields, g_array_unref);
  /* Importing registers many people at once: say what will happen
   * first, or ask what the columns hold when their names are not all
   * known. */
  if (all_known && jd_import_fields_complete ((int *) fields->data, fields->len))
    {
      dialog = jd_reports_dialog_confirm_import (parent_window (self), path);
      g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_import_response_cb), self, 0);
    }
  else
    {
      dialog = jd_reports_dialog_match_columns (parent_window (self), path, header, fields, sample);
      g_signal_connect_object (dialog, "response", G_CALLBACK (mapping_response_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A workbook's sheet chosen (NULL for CSV), the columns next. */
static void
sheet_chosen_cb (GObject    *owner,
                 const char *path,
                 const char *sheet)
{
  JdReportsPage *self = JD_REPORTS_PAGE (owner);

  g_free (self->import_sheet);
  self->import_sheet = g_strdup (sheet);
  jd_reports_page_prepare_import (self, path);
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  JdReportsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        jd_import_sheet_choose (parent_window (self), path, G_OBJECT (self), sheet_chosen_cb);
    }
  g_object_unref (chooser);
}

static void
import_clicked_cb (JdReportsPage *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Visitors"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  jd_import_sheet_add_filters (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

  return self->busy;
}

guint
jd_reports_page_get_preview_rows (JdReportsPage *self)
{
  g_return_val_if_fail (JD_IS_REPORTS_PAGE (self), 0);

  return self->preview_rows;
}

/* The preview now, without waiting for a pause in typing. */
void
jd_reports_page_refresh (JdReportsPage *self)
{
  g_return_if_fail (JD_IS_REPORTS_PAGE (self));

  if (self->store == NULL)
    return;
  if (!jd_access_allowed (jd_store_get_db (self->store), JD_PERM_VIEW_REPORTS))
    {
      g_clear_handle_id (&self->preview_id, g_source_remove);
      clear_preview (self);
      gtk_stack_set_visible_child_name (self->stack, "denied");
      update_busy (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");
  update_rights (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  preview_cb (self);
}

/* The preview on screen follows what is written, here, at another
 * desk or by an import; out of sight it is read again when shown. */
static void
store_changed_cb (JdReportsPage *self,
                  JdTopics       topics)
{
  if ((topics & ~JD_TOPIC_SETTINGS) != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    jd_reports_page_refresh (self);
}

static void
jd_reports_page_constructed (GObject *object)
{
  JdReportsPage *self = JD_REPORTS_PAGE (object);

  G_OBJECT_CLASS (jd_reports_page_parent_class)->constructed (object);

  if (self->store == NULL)
    return;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Print… and Save as PDF… of the summary, for the days typed. */
  jd_report_print_attach_entries (GTK_WIDGET (self), self->store, GTK_EDITABLE (self->from_row),
                                  GTK_EDITABLE (self->to_row));
}

/* Who is signed in decides what the page shows: read it each time the
 * section is opened. */
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

  self->disposed = TRUE;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  hide_progress (self);
  /* The job holds a reference until its thread ends; it ends soon. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->job_path, g_free);
  g_clear_pointer (&self->import_fields, g_array_unref);
  g_clear_pointer (&self->import_sheet, g_free);
  /* No gtk_widget_dispose_template (): with GTK 4.8 it unparents a
   * child of an AdwBin twice; AdwBin's dispose unparents the tree. */

  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_reports_page_parent_class)->dispose (object);
}

static void
jd_reports_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JdReportsPage *self = JD_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_reports_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JdReportsPage *self = JD_REPORTS_PAGE (object);

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
jd_reports_page_class_init (JdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_reports_page_constructed;
  object_class->dispose = jd_reports_page_dispose;
  object_class->get_property = jd_reports_page_get_property;
  object_class->set_property = jd_reports_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  /* Whether a job runs or the preview is about to be read again: tests
   * wait on its notify. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_reports_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, this_month_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, last_month_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, this_year_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, anonymise_row);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, anonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, JdReportsPage, preview_grid);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, this_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, this_year_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
}

static void
jd_reports_page_init (JdReportsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) separators = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < JD_EXPORT_N_KINDS; i++)
    gtk_string_list_append (kinds, jd_export_kind_label ((JdExportKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  /* In the order of delimiters[]. */
  gtk_string_list_append (separators, _("Semicolon (Excel in Kazakh and Russian)"));
  gtk_string_list_append (separators, _("Comma"));
  gtk_string_list_append (separators, _("Tab"));
  adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (separators));
  /* CSV first: other tools read it too. */
  gtk_string_list_append (formats, _("CSV"));
  gtk_string_list_append (formats, _("Excel workbook (.xlsx)"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));

  /* The monthly report is the one asked for most. */
  this_month_clicked_cb (self);

  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  g_signal_connect (self->delimiter_row, "notify::selected", G_CALLBACK (combo_changed_cb), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self);
}
