/* jd-reports-page.c: reports saved as CSV, and visitors imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A long export or import runs on a worker thread with a connection of
 * its own (a JdDb and its statement cache are not safe to share between
 * threads), acting for the person signed in (jd_db_share_actor) so that
 * the audit names who did it rather than "command line"; rights are
 * checked on the window's connection before the thread starts. The
 * window's connection is never touched by the thread.
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

#include "jd-output.h"
#include "jd-reports-page.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-window.h"

/* Enough rows to recognise the report, few enough to build at once. */
#define PREVIEW_ROWS 20
/* A pause in typing a date before the preview is read again. */
#define PREVIEW_DELAY_MS 250
/* Longer cells (notes, long names of places) are cut in the preview. */
#define PREVIEW_CELL_CHARS 32

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

  /* Borrowed references */
  JdDb           *db;

  /* Owned references */
  GCancellable   *cancellable;     /* of the running job */
  GtkWidget      *progress_dialog; /* weak: it destroys itself on Cancel */
  guint           preview_id;
  guint           pulse_id;
  guint           preview_rows;
  gboolean        disposed;        /* a job may outlive the widgets */
  /* The columns of the next import, as matched by hand. */
  GArray         *import_fields;
};

G_DEFINE_FINAL_TYPE (JdReportsPage, jd_reports_page, ADW_TYPE_BIN)

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
  gboolean personal_ok = jd_access_check (self->db, JD_PERM_EXPORT_PERSONAL, &error);
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

static gboolean
preview_cb (gpointer user_data)
{
  JdReportsPage *self = JD_REPORTS_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  JdExportOptions options = { 0 };
  gboolean dates_ok;

  self->preview_id = 0;
  clear_preview (self);

  if (self->db == NULL || !jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    return G_SOURCE_REMOVE;
  dates_ok = get_options (self, &options, &from, &to);
  gtk_widget_set_sensitive (self->export_button, dates_ok && self->cancellable == NULL);
  if (!dates_ok)
    {
      show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
      return G_SOURCE_REMOVE;
    }

  rows = jd_export_preview (self->db, &options, PREVIEW_ROWS, &error);
  if (rows == NULL)
    {
      show_message (self, error->message, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (rows->len <= 1)
    show_message (self, _("Nothing was recorded in this period: the file would hold only the column names."),
                  FALSE);
  else
    show_message (self, NULL, FALSE);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *label;

          /* Whole cells, so that the grid asks for its full width and
           * the preview scrolls sideways (an ellipsized label in a grid
           * gives way first and shrinks to '…'); only long notes are
           * cut, in the code rather than by Pango. */
          if (g_utf8_strlen (row[c], -1) > PREVIEW_CELL_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (row[c], 0, PREVIEW_CELL_CHARS - 1);
              g_autofree char *text = g_strconcat (cut, "…", NULL);

              label = gtk_label_new (text);
              gtk_widget_set_tooltip_text (label, row[c]);
            }
          else
            label = gtk_label_new (row[c]);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
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
  if (self->db == NULL || self->disposed)
    return;
  update_rights (self);
  /* Typing a date: wait for a pause before reading. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
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
  char from[32];
  char to[32];

  g_date_strftime (from, sizeof from, "%d.%m.%Y", first);
  g_date_strftime (to, sizeof to, "%d.%m.%Y", last);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
}

/* The centre's today, not the machine's. */
static void
get_today (JdDb  *db,
           GDate *today)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* The whole month around @day: the monthly report to the akimat. */
static void
set_month_of (JdReportsPage *self,
              const GDate   *day)
{
  GDateMonth month = g_date_get_month (day);
  GDateYear year = g_date_get_year (day);
  GDate first;
  GDate last;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, month, year);
  g_date_set_dmy (&last, g_date_get_days_in_month (month, year), month, year);
  set_period (self, &first, &last);
}

static void
this_month_clicked_cb (JdReportsPage *self)
{
  GDate today;

  get_today (self->db, &today);
  set_month_of (self, &today);
}

static void
last_month_clicked_cb (JdReportsPage *self)
{
  GDate day;

  get_today (self->db, &day);
  g_date_set_day (&day, 1);
  g_date_subtract_days (&day, 1);
  set_month_of (self, &day);
}

static void
this_year_clicked_cb (JdReportsPage *self)
{
  GDate today;
  GDate first;
  GDate last;

  get_today (self->db, &today);
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&today));
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&today));
  set_period (self, &first, &last);
}

/* Running a job. */

/* The task's data. It may be freed on the worker thread (whichever
 * thread drops the task last), so it holds no reference to a widget:
 * the page is the callback's user data, released on the main thread. */
typedef struct
{
  JdReportsPage  *page;     /* borrowed: alive until the callback runs */
  JdDb           *worker;
  JdExportOptions options;
  char           *from;
  char           *to;
  char           *path;
  gboolean        import;
  GArray         *fields;   /* int per column, matched by hand; NULL: by names */
  guint           rows;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->worker, jd_db_close);
  g_free (job->from);
  g_free (job->to);
  g_free (job->path);
  g_clear_pointer (&job->fields, g_array_unref);
  g_free (job);
}

typedef struct
{
  JdReportsPage *page;
  guint          rows;
  gboolean       import;
} Progress;

static GtkProgressBar *
progress_bar (JdReportsPage *self)
{
  if (self->progress_dialog == NULL)
    return NULL;
  return GTK_PROGRESS_BAR (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (self->progress_dialog)));
}

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  GtkProgressBar *bar = progress_bar (progress->page);

  if (bar != NULL)
    {
      g_autofree char *text = NULL;

      if (progress->import)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visitor imported", "%u visitors imported",
                                             progress->rows),
                                progress->rows);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row written", "%u rows written",
                                             progress->rows),
                                progress->rows);
      gtk_progress_bar_set_text (bar, text);
    }
  g_object_unref (progress->page);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread: hands the count to the main loop. */
static void
progress_cb (guint    rows,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->page = g_object_ref (job->page);
  progress->rows = rows;
  progress->import = job->import;
  g_idle_add (progress_idle, progress);
}

/* The total is not known in advance: the bar shows that work goes on. */
static gboolean
pulse_cb (gpointer user_data)
{
  GtkProgressBar *bar = progress_bar (JD_REPORTS_PAGE (user_data));

  if (bar != NULL)
    gtk_progress_bar_pulse (bar);
  return G_SOURCE_CONTINUE;
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
      JdImportResult *result =
        jd_import_visitors_mapped (job->worker, job->path,
                                   job->fields ? (const int *) job->fields->data : NULL,
                                   job->fields ? job->fields->len : 0, cancellable, progress_cb, job, &error);

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
  GtkWidget *bar;

  if (window == NULL)
    return;

  dialog = adw_message_dialog_new (window, heading, body);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  /* Until the first thousand rows are counted. */
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), _("Starting…"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
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

static void
open_rejects_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "rejects-path");
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (g_strcmp0 (response, "open") != 0 || path == NULL)
    return;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

static void
show_import_result (JdReportsPage        *self,
                    const JdImportResult *result)
{
  GtkWindow *window = parent_window (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (result->rejects_path != NULL)
    body = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u. "
                              "The rows not imported, with the reasons, are in %s."),
                            result->imported, result->skipped, result->rejected,
                            result->rejects_path);
  else
    body = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u."),
                            result->imported, result->skipped, result->rejected);
  /* Possible duplicates were imported: say which, so that staff can
   * check them (the first few; the count says how many). */
  if (result->warned > 0)
    {
      g_autoptr(GString) text = g_string_new (body);

      g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u person imported may be registered already:",
                                                 "%u people imported may be registered already:",
                                                 result->warned),
                              result->warned);
      for (guint i = 0; i < result->warnings->len && i < 10; i++)
        g_string_append_printf (text, "\n%s", (const char *) result->warnings->pdata[i]);
      if (result->warnings->len > 10)
        g_string_append (text, "\n…");
      g_free (body);
      body = g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (window == NULL)
    {
      show_message (self, body, FALSE);
      return;
    }

  dialog = adw_message_dialog_new (window,
                                   result->imported > 0 ? _("Visitors Imported") : _("No Visitors Were Imported"),
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (result->rejects_path != NULL)
    {
      /* Whoever fixes the rows wants the list, not just its name. */
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("_Open the List"));
      g_object_set_data_full (G_OBJECT (dialog), "rejects-path", g_strdup (result->rejects_path), g_free);
      g_signal_connect (dialog, "response", G_CALLBACK (open_rejects_response_cb), NULL);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JdReportsPage) self = JD_REPORTS_PAGE (user_data);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  /* The window closed while the job ran: nobody to tell. */
  if (self->disposed)
    return;
  hide_progress (self);
  set_busy (self, FALSE);

  if (job->import)
    {
      g_autoptr(JdImportResult) imported = g_task_propagate_pointer (G_TASK (result), &error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("The import was cancelled; nothing was imported."));
      else if (imported == NULL)
        show_failure (self, _("No Visitors Were Imported"), error->message);
      else
        show_import_result (self, imported);
      /* New people may change what the report holds. */
      options_changed_cb (self);
      return;
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("The export was cancelled; no file was written."));
      else
        show_failure (self, _("The Report Was Not Saved"), error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u row to %s", "Saved %u rows to %s",
                                          job->rows),
                             job->rows, name);
  show_toast (self, message);
}

static void
start_job (JdReportsPage *self,
           const char    *path,
           gboolean       import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *body = NULL;
  JdPermission permission = JD_PERM_EXPORT_PERSONAL;
  Job *job;

  if (self->db == NULL || self->cancellable != NULL)
    return;

  job = g_new0 (Job, 1);
  job->page = self;
  job->path = g_strdup (path);
  job->import = import;
  job->fields = g_steal_pointer (&self->import_fields);
  if (!import)
    {
      if (!get_options (self, &job->options, &job->from, &job->to))
        {
          show_message (self, _("Type the first and the last day as DD.MM.YYYY."), TRUE);
          job_free (job);
          return;
        }
      if (job->options.anonymize || !jd_export_kind_is_personal (job->options.kind))
        permission = JD_PERM_VIEW_REPORTS;
      /* The name decides, as on the command line: "report.xlsx" is a
       * workbook whatever the row says. */
      if (jd_export_format_for_path (path) == JD_EXPORT_FORMAT_XLSX)
        job->options.format = JD_EXPORT_FORMAT_XLSX;
    }

  /* Checked here, on the connection the person signed in on, so that a
   * refusal is said at once and not after a thread has started; a file
   * chosen in the save dialog is never the database or a backup. */
  if (jd_access_check (self->db, permission, &error) &&
      (import || jd_output_check (self->db, path, JD_OUTPUT_REPORT, &error)))
    job->worker = jd_db_open (jd_db_get_path (self->db), JD_DB_OPEN_DEFAULT, &error);
  if (job->worker == NULL)
    {
      show_failure (self, import ? _("No Visitors Were Imported") : _("The Report Was Not Saved"), error->message);
      job_free (job);
      return;
    }
  jd_db_share_actor (job->worker, self->db);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  if (import)
    {
      body = g_strdup_printf (_("Reading “%s”. If you cancel, nobody is imported."), name);
      show_progress (self, _("Importing Visitors"), body);
    }
  else
    {
      body = g_strdup_printf (_("Writing “%s”. If you cancel, no file is left behind."), name);
      show_progress (self, _("Saving the Report"), body);
    }

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
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
  name = jd_export_suggest_name (self->db, &options);
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
    jd_reports_page_import_from (self, g_object_get_data (G_OBJECT (dialog), "path"));
}

/* Importing registers many people at once: say what will happen first. */
static void
confirm_import (JdReportsPage *self,
                const char    *path)
{
  g_autofree char *name = g_path_get_basename (path);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Import Visitors?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Everyone listed in “%s” is registered under the same rules as at "
                                    "the front desk. People already registered (the same IIN, the "
                                    "same name and date of birth, or the same phone) are skipped. "
                                    "Rows that break a rule are not imported; they are listed with "
                                    "the reasons in a file next to this one. If the file cannot be "
                                    "read to the end, nobody is imported."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Matching the columns of a file whose names are not known. */

static GArray *
chosen_fields (AdwMessageDialog *dialog)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < rows->len; i++)
    {
      int field = (int) adw_combo_row_get_selected (rows->pdata[i]) - 1;  /* 0 is Skip */

      g_array_append_val (fields, field);
    }
  return fields;
}

static void
mapping_changed_cb (AdwMessageDialog *dialog)
{
  g_autoptr(GArray) fields = chosen_fields (dialog);

  adw_message_dialog_set_response_enabled (dialog, "import",
                                           jd_import_fields_complete ((int *) fields->data, fields->len));
}

static void
mapping_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JdReportsPage    *self)
{
  if (g_strcmp0 (response, "import") != 0)
    return;
  g_clear_pointer (&self->import_fields, g_array_unref);
  self->import_fields = chosen_fields (dialog);
  jd_reports_page_import_from (self, g_object_get_data (G_OBJECT (dialog), "path"));
}

static void
ask_mapping (JdReportsPage *self,
             const char    *path,
             GPtrArray     *header,
             GArray        *fields,
             GPtrArray     *sample)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list, *scrolled;
  AdwMessageDialog *dialog;
  guint n;
  const JdChoice *known = jd_import_fields (&n);

  gtk_string_list_append (choices, C_("import column", "Skip"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (choices, jd_choice_label (known, n, known[i].code));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Match the Columns"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Some columns of “%s” have names the import does not know. Choose "
                                    "what each one holds; columns left at Skip are not imported. The "
                                    "surname, the given name, and the date of birth or the IIN are "
                                    "needed. Everyone is then registered under the front desk’s rules."),
                                  name);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < header->len; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *title = header->pdata[i];
      g_autofree char *fallback = NULL;

      if (title == NULL || *title == '\0')
        /* Translators: a column of a file that has no name; %u counts from 1. */
        title = fallback = g_strdup_printf (_("Column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (i < sample->len && sample->pdata[i] != NULL && *(char *) sample->pdata[i] != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample->pdata[i]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) (g_array_index (fields, int, i) + 1));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (mapping_changed_cb), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (rows, row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  mapping_changed_cb (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mapping_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  gboolean all_known = TRUE;

  g_return_if_fail (JD_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);

  header = jd_import_read_header (path, &fields, &sample, &error);
  if (header == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < header->len; i++)
    if (g_array_index (fields, int, i) < 0 && header->pdata[i] != NULL && *(char *) header->pdata[i] != '\0')
      all_known = FALSE;

  g_clear_pointer (&self->import_fields, g_array_unref);
  if (all_known && jd_import_fields_complete ((int *) fields->data, fields->len))
    confirm_import (self, path);
  else
    ask_mapping (self, path, header, fields, sample);
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
        jd_reports_page_prepare_import (self, path);
    }
  g_object_unref (chooser);
}

static void
import_clicked_cb (JdReportsPage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Visitors from CSV"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
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

  return self->cancellable != NULL;
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

  if (self->db == NULL)
    return;
  if (!jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    {
      g_clear_handle_id (&self->preview_id, g_source_remove);
      clear_preview (self);
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

  if (self->db == db)
    return;
  /* A job keeps its own connection; only what is shown changes. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->db = db;
  if (db == NULL)
    clear_preview (self);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    jd_reports_page_refresh (self);
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
  g_clear_pointer (&self->import_fields, g_array_unref);
  /* No gtk_widget_dispose_template (): with GTK 4.8 it unparents a
   * child of an AdwBin twice; AdwBin's dispose unparents the tree. */

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
