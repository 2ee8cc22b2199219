/* jd-report-print.c: the monthly report printed, or saved as a PDF,
 * from the Reports page and the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both pages attach the same two actions ("report.print" and
 * "report.save-pdf") and say where their period is. The report is made
 * on the window's connection (its figures take a moment), then drawn
 * by src/core: page by page for GtkPrintOperation, or written as a PDF
 * on a worker thread once a file is chosen. Any failure, making the
 * report included, is said in a dialog over the window.
 */
#define G_LOG_DOMAIN "jd-report-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-access.h"
#include "jd-export.h"
#include "jd-output.h"
#include "jd-report-print.h"
#include "jd-validate.h"
#include "jd-window.h"

typedef struct
{
  JdStore            *store;
  JdReportPeriodFunc  period;
  /* Or the days typed, in entries the widget holds. */
  GtkEditable        *from;
  GtkEditable        *to;
} Attachment;

static void
attachment_free (Attachment *attachment)
{
  g_clear_object (&attachment->store);
  g_free (attachment);
}

static Attachment *
attachment_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "jd-report-print");
}

static char *
iso_of (GtkEditable *entry)
{
  GDate date;

  if (!jd_date_parse (gtk_editable_get_text (entry), &date))
    return NULL;
  return jd_date_to_iso (&date);
}

static gboolean
period_of (GtkWidget   *widget,
           Attachment  *attachment,
           char       **from,
           char       **to)
{
  if (attachment->period != NULL)
    return attachment->period (widget, from, to);
  *from = iso_of (attachment->from);
  *to = iso_of (attachment->to);
  return *from != NULL && *to != NULL;
}

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_failure (GtkWidget  *widget,
              const char *heading,
              const char *body)
{
  GtkWindow *window = window_of (widget);
  GtkWidget *dialog;

  if (window == NULL)
    {
      g_warning ("%s: %s", heading, body);
      return;
    }
  dialog = adw_message_dialog_new (window, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (GtkWidget  *widget,
            const char *text)
{
  GtkWindow *window = window_of (widget);
  g_autofree char *markup = NULL;

  if (!JD_IS_WINDOW (window))
    return;
  /* A toast's title is markup; file names may hold '&'. */
  markup = g_markup_escape_text (text, -1);
  jd_window_add_toast (JD_WINDOW (window), adw_toast_new (markup));
}

/* Makes the report of the widget's period, as the person signed in, on
 * a worker thread; @ready gets the widget (a reference of its own). A
 * mistyped period is said at once. */
static void
start_report (GtkWidget           *widget,
              GAsyncReadyCallback  ready)
{
  Attachment *attachment = attachment_of (widget);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_assert (attachment != NULL);
  if (!period_of (widget, attachment, &from, &to))
    {
      show_failure (widget, _("The Report Was Not Made"),
                    _("Type the first and the last day as DD.MM.YYYY."));
      return;
    }
  jd_summary_report_new_async (attachment->store, from, to, NULL, ready, g_object_ref (widget));
}

/* The report start_report() made, or NULL with the reason said. */
static JdSummaryReport *
finish_report (GtkWidget    *widget,
               GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  JdSummaryReport *report = jd_summary_report_new_finish (attachment_of (widget)->store, result, &error);

  if (report == NULL)
    show_failure (widget, _("The Report Was Not Made"), error->message);
  return report;
}

/* Printing. */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                JdSummaryReport   *report)
{
  gtk_print_operation_set_n_pages (operation,
                                   jd_summary_report_n_pages (report, gtk_print_context_get_width (context),
                                                              gtk_print_context_get_height (context)));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              JdSummaryReport   *report)
{
  jd_summary_report_draw_page (report, gtk_print_context_get_cairo_context (context),
                               gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context), page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               GtkWidget               *widget)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  /* Said once, whether the failure comes now or from the run. */
  g_object_set_data (G_OBJECT (operation), "jd-failure-shown", GINT_TO_POINTER (TRUE));
  gtk_print_operation_get_error (operation, &error);
  show_failure (widget, _("The Report Was Not Printed"), error != NULL ? error->message : "");
}

GtkPrintOperation *
jd_report_print_operation_new (JdSummaryReport *report)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *job = NULL;
  GtkPaperSize *a4;

  g_return_val_if_fail (report != NULL, NULL);

  operation = gtk_print_operation_new ();
  /* The report draws its own margins on a whole A4 page, in points. */
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  job = g_strdup_printf ("%s — %s", report->centre_name, report->period_label);
  gtk_print_operation_set_job_name (operation, job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
  return operation;
}

static void
print_report_ready_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  JdSummaryReport *report = finish_report (widget, result);

  if (report == NULL)
    return;

  operation = jd_report_print_operation_new (report);
  g_object_set_data_full (G_OBJECT (operation), "jd-report", report,
                          (GDestroyNotify) jd_summary_report_free);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), widget, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window_of (widget),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL &&
      g_object_get_data (G_OBJECT (operation), "jd-failure-shown") == NULL)
    show_failure (widget, _("The Report Was Not Printed"), error->message);
}

static void
print_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  start_report (GTK_WIDGET (user_data), print_report_ready_cb);
}

/* Saving as PDF. */

typedef struct
{
  JdSummaryReport *report;   /* borrowed */
  char            *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (jd_summary_report_write_pdf (job->report, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jd_report_print_save_pdf_async (GtkWidget           *widget,
                                JdSummaryReport     *report,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (report != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_report_print_save_pdf_async);
  job = g_new0 (SaveJob, 1);
  job->report = report;
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
jd_report_print_save_pdf_finish (GtkWidget     *widget,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GtkWidget *widget = GTK_WIDGET (source);
  JdSummaryReport *report = user_data;
  g_autoptr(GError) error = NULL;

  if (!jd_report_print_save_pdf_finish (widget, result, &error))
    show_failure (widget, _("The Report Was Not Saved"), error->message);
  else
    {
      SaveJob *job = g_task_get_task_data (G_TASK (result));
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *message = g_strdup_printf (_("Saved the report as %s"), name);

      show_toast (widget, message);
    }
  jd_summary_report_free (report);
}

static void
pdf_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               GtkWidget       *widget)
{
  JdSummaryReport *report = g_object_steal_data (G_OBJECT (chooser), "jd-report");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  g_object_unref (chooser);
  if (path == NULL)
    {
      jd_summary_report_free (report);
      return;
    }
  /* Never over the database or a backup. */
  if (!jd_output_check (jd_store_get_db (attachment_of (widget)->store), path, JD_OUTPUT_REPORT, &error))
    {
      show_failure (widget, _("The Report Was Not Saved"), error->message);
      jd_summary_report_free (report);
      return;
    }
  jd_report_print_save_pdf_async (widget, report, path, NULL, saved_cb, report);
}

static void
save_pdf_report_ready_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  Attachment *attachment = attachment_of (widget);
  JdExportOptions options = { .kind = JD_EXPORT_SUMMARY, .format = JD_EXPORT_FORMAT_CSV };
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  JdSummaryReport *report = finish_report (widget, result);

  if (report == NULL)
    return;

  /* The export's name for the summary, as a PDF. */
  options.from_day = report->from_day;
  options.to_day = report->to_day;
  name = jd_export_suggest_name (jd_store_get_db (attachment->store), &options);
  if (g_str_has_suffix (name, ".csv"))
    memcpy (name + strlen (name) - 4, ".pdf", 4);

  chooser = gtk_file_chooser_native_new (_("Save the Report as PDF"), window_of (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "jd-report", report, (GDestroyNotify) jd_summary_report_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (pdf_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_pdf_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  start_report (GTK_WIDGET (user_data), save_pdf_report_ready_cb);
}

static void
attach (GtkWidget  *widget,
        Attachment *attachment)
{
  static const GActionEntry entries[] = {
    { "print", print_activated_cb, NULL, NULL, NULL, { 0 } },
    { "save-pdf", save_pdf_activated_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_object_set_data_full (G_OBJECT (widget), "jd-report-print", attachment,
                          (GDestroyNotify) attachment_free);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), widget);
  gtk_widget_insert_action_group (widget, "report", G_ACTION_GROUP (group));
}

void
jd_report_print_attach (GtkWidget          *widget,
                        JdStore            *store,
                        JdReportPeriodFunc  period)
{
  Attachment *attachment;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (period != NULL);

  attachment = g_new0 (Attachment, 1);
  attachment->store = g_object_ref (store);
  attachment->period = period;
  attach (widget, attachment);
}

void
jd_report_print_attach_entries (GtkWidget   *widget,
                                JdStore     *store,
                                GtkEditable *from,
                                GtkEditable *to)
{
  Attachment *attachment;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (GTK_IS_EDITABLE (from) && GTK_IS_EDITABLE (to));

  attachment = g_new0 (Attachment, 1);
  attachment->store = g_object_ref (store);
  attachment->from = from;
  attachment->to = to;
  attach (widget, attachment);
}
