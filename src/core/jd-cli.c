/* jd-cli.c: what the command line does without opening a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-cli.h"
#include "jd-csv.h"
#include "jd-db-private.h"
#include "jd-db-transfer.h"
#include "jd-db.h"
#include "jd-demo.h"
#include "jd-export.h"
#include "jd-import.h"
#include "jd-output.h"
#include "jd-purpose.h"
#include "jd-server.h"
#include "jd-staff.h"
#include "jd-workbook.h"

/* A path the user named that does not exist, or that must not be
 * written, is bad input; a file that exists but cannot be used is a
 * data error. */
int
jd_cli_exit_code_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, JD_EXIT_DATA_ERROR);

  if (g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND) ||
      error->domain == JD_OUTPUT_ERROR)
    return JD_EXIT_BAD_INPUT;

  return JD_EXIT_DATA_ERROR;
}

int
jd_cli_check (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *report = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, JD_EXIT_BAD_INPUT);

  /* A server by its host and database, never its password. */
  name = jd_database_is_server (db_path) ? jd_database_display_name (db_path)
                                         : g_filename_display_name (db_path);
  db = jd_db_open (db_path, JD_DB_OPEN_READ_ONLY, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return jd_cli_exit_code_for_error (error);
    }

  if (!jd_db_check_integrity (db, FALSE, &report, &error))
    {
      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          return jd_cli_exit_code_for_error (error);
        }

      g_printerr (_("The database “%s” is damaged. Restore the latest backup "
                    "and tell your administrator. What the check found:\n%s"),
                  name, report);
      return JD_EXIT_DATA_ERROR;
    }

  g_print (_("The database “%s” is healthy.\n"), name);
  return JD_EXIT_OK;
}

/* The copy is on record like the window's "Back up now", by the
 * command line. A database that cannot be written (a read-only folder)
 * is still copied: it just cannot take the note. */
static void
audit_backup (const char *db_path,
              const char *dest_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (db_path, JD_DB_OPEN_DEFAULT, &error);

  if (db != NULL)
    {
      jd_db_act_as_system (db);
      if (jd_db_begin (db, &error))
        {
          if (!jd_audit_record (db, JD_AUDIT_BACKUP, JD_AUDIT_TARGET_DATABASE, 0, dest_path, &error) ||
              !jd_db_commit (db, &error))
            jd_db_rollback (db);
        }
    }
  if (error != NULL)
    g_printerr (_("The backup was not noted in the audit trail: %s\n"), error->message);
}

/* The progress line of a copy: in place on a terminal, a line per
 * table elsewhere (a log keeps every table's end). */
static void
copy_progress_cb (const char *table,
                  gint64      done,
                  gint64      total,
                  gpointer    user_data)
{
  gboolean tty = GPOINTER_TO_INT (user_data);

  if (!tty && done < total)
    return;
  if (tty)
    g_printerr ("\r\033[K");
  /* Translators: progress of --copy-to on the terminal: a table's name
   * (as in the database), then rows copied of all its rows. */
  g_printerr (_("Copying %s: %lld of %lld rows"), table, (long long) done, (long long) total);
  if (!tty)
    g_printerr ("\n");
}

static int
copy_with_progress (const char *db_path,
                    const char *dest_path,
                    gboolean    replace_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autofree char *from = jd_database_display_name (db_path);
  g_autofree char *to = jd_database_display_name (dest_path);
  gboolean tty = isatty (STDERR_FILENO);

  if (!jd_db_copy_to (db_path, dest_path, replace_file, copy_progress_cb, GINT_TO_POINTER (tty),
                      &counts, &error))
    {
      if (tty)
        g_printerr ("\n");
      g_printerr (_("Nothing was copied: %s\n"), error->message);
      if (error->domain == JD_DB_TRANSFER_ERROR &&
          (error->code == JD_DB_TRANSFER_ERROR_NOT_EMPTY || error->code == JD_DB_TRANSFER_ERROR_EXISTS ||
           error->code == JD_DB_TRANSFER_ERROR_SAME))
        return JD_EXIT_BAD_INPUT;
      return jd_cli_exit_code_for_error (error);
    }
  if (tty)
    g_printerr ("\n");

  g_print (_("Copied “%s” to “%s”. Rows in each table, counted on both sides:\n"), from, to);
  for (guint i = 0; i < counts->len; i++)
    {
      const JdDbTransferCount *count = &g_array_index (counts, JdDbTransferCount, i);

      g_print ("  %-18s %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT "\n",
               count->table, count->source_rows, count->copied_rows);
    }
  return JD_EXIT_OK;
}

int
jd_cli_copy_to (const char *db_path,
                const char *dest_path)
{
  g_return_val_if_fail (db_path != NULL, JD_EXIT_BAD_INPUT);
  g_return_val_if_fail (dest_path != NULL, JD_EXIT_BAD_INPUT);

  if (!jd_database_is_server (dest_path) && g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (dest_path);

      g_printerr (_("“%s” is a folder. Give the name of the new database file to write.\n"), name);
      return JD_EXIT_BAD_INPUT;
    }
  return copy_with_progress (db_path, dest_path, FALSE);
}

int
jd_cli_backup (const char *db_path,
               const char *dest_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, JD_EXIT_BAD_INPUT);
  g_return_val_if_fail (dest_path != NULL, JD_EXIT_BAD_INPUT);

  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      name = g_filename_display_name (dest_path);
      g_printerr (_("“%s” is a folder. Give the name of the backup file to write.\n"), name);
      return JD_EXIT_BAD_INPUT;
    }

  /* A server's backup is a new SQLite file, through the same copy as
   * --copy-to: any desk can open it, or copy it back. */
  if (jd_database_is_server (db_path))
    {
      int status = copy_with_progress (db_path, dest_path, TRUE);

      if (status != JD_EXIT_OK)
        return status;
      name = g_filename_display_name (dest_path);
      g_print (_("Backup saved to “%s”.\n"), name);
      audit_backup (db_path, dest_path);
      return JD_EXIT_OK;
    }

  /* Reading is all a copy needs, so a database in a folder this user
   * cannot write is copied too; never onto itself. */
  db = jd_db_open (db_path, JD_DB_OPEN_READ_ONLY, &error);
  if (db == NULL || !jd_output_check (db, dest_path, JD_OUTPUT_BACKUP, &error) ||
      !jd_db_backup (db, dest_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return jd_cli_exit_code_for_error (error);
    }
  g_clear_pointer (&db, jd_db_close);

  name = g_filename_display_name (dest_path);
  g_print (_("Backup saved to “%s”.\n"), name);
  audit_backup (db_path, dest_path);
  return JD_EXIT_OK;
}

static void
demo_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  /* Translators: progress of --demo-data on the terminal. */
  g_printerr ("\r");
  g_printerr (_("Generating demo data: %u%% (%u of %u visitors)"),
              (guint) ((guint64) done * 100 / MAX (total, 1)), done, total);
}

int
jd_cli_demo (const char *db_path,
             guint       n_visitors,
             guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  gint64 start = g_get_monotonic_time ();
  const JdDemoAccount *accounts;
  guint n_accounts;

  g_return_val_if_fail (db_path != NULL, JD_EXIT_BAD_INPUT);

  db = jd_db_open (db_path, JD_DB_OPEN_CREATE, &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return jd_cli_exit_code_for_error (error);
    }
  /* Whoever runs the command line holds the file: full rights. */
  jd_db_act_as_system (db);

  if (!jd_demo_generate (db, n_visitors, seed, 0, demo_progress_cb, NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      return g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT)
             ? JD_EXIT_BAD_INPUT : JD_EXIT_DATA_ERROR;
    }

  g_printerr ("\n");
  g_print (ngettext ("Generated %u demo visitor in %.1f s.\n",
                     "Generated %u demo visitors in %.1f s.\n", n_visitors),
           n_visitors, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* Someone trying the app signs in as each role in turn. */
  accounts = jd_demo_accounts (&n_accounts);
  g_print (_("Sign in with one of these logins; the password of each is “%s”:\n"), JD_DEMO_PASSWORD);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(GString) line = g_string_new (jd_role_label (accounts[i].role));

      for (guint s = 0; accounts[i].services[s] != NULL; s++)
        g_string_append_printf (line, s == 0 ? " (%s" : ", %s",
                                jd_purpose_service_label (accounts[i].services[s]));
      if (accounts[i].services[0] != NULL)
        g_string_append_c (line, ')');
      g_print ("  %-14s %s\n", accounts[i].login, line->str);
    }
  return JD_EXIT_OK;
}

static JdDb *
open_for_cli (const char     *db_path,
              JdDbOpenFlags   flags,
              int            *status)
{
  g_autoptr(GError) error = NULL;
  JdDb *db = jd_db_open (db_path, flags, &error);

  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      *status = jd_cli_exit_code_for_error (error);
      return NULL;
    }
  /* Whoever runs the command line holds the file: full rights, and the
   * audit says it was the command line. */
  jd_db_act_as_system (db);
  return db;
}

int
jd_cli_export (const char *db_path,
               const char *kind_name,
               const char *from_day,
               const char *to_day,
               const char *output,
               const char *delimiter,
               gboolean    anonymize)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  JdExportOptions options = { 0 };
  guint rows = 0;
  int status = JD_EXIT_OK;

  if (!jd_export_kind_from_string (kind_name, &options.kind))
    {
      g_printerr (_("Unknown report “%s”. Choose visitors, visits, consultations, events, "
                    "attendance or summary.\n"),
                  kind_name ? kind_name : "");
      return JD_EXIT_BAD_INPUT;
    }
  if (from_day == NULL || to_day == NULL || output == NULL)
    {
      g_printerr (_("--export needs --from DATE, --to DATE and --output FILE.\n"));
      return JD_EXIT_BAD_INPUT;
    }
  if (delimiter == NULL || g_str_equal (delimiter, ";"))
    options.delimiter = ';';
  else if (g_str_equal (delimiter, ","))
    options.delimiter = ',';
  else if (g_str_equal (delimiter, "tab") || g_str_equal (delimiter, "\t"))
    options.delimiter = '\t';
  else
    {
      g_printerr (_("--delimiter is “;”, “,” or “tab”.\n"));
      return JD_EXIT_BAD_INPUT;
    }
  options.from_day = from_day;
  options.to_day = to_day;
  options.anonymize = anonymize;
  /* An Excel workbook for a name ending in .xlsx, the printable summary
   * (jd_summary_report_write_pdf(), through the export) for .pdf; neither
   * has a delimiter. */
  options.format = jd_export_format_for_path (output);
  if (options.format == JD_EXPORT_FORMAT_XLSX && delimiter != NULL)
    {
      g_printerr (_("--delimiter is for CSV files; an .xlsx workbook has none.\n"));
      return JD_EXIT_BAD_INPUT;
    }
  if (options.format == JD_EXPORT_FORMAT_PDF &&
      (delimiter != NULL || options.kind != JD_EXPORT_SUMMARY))
    {
      g_printerr (_("Only --export summary can be saved as PDF, and without --delimiter.\n"));
      return JD_EXIT_BAD_INPUT;
    }

  db = open_for_cli (db_path, JD_DB_OPEN_DEFAULT, &status);
  if (db == NULL)
    return status;

  if (!jd_export_to_file (db, &options, output, NULL, NULL, NULL, &rows, &error))
    {
      g_printerr ("%s\n", error->message);
      return g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT) ? JD_EXIT_BAD_INPUT
                                                                         : jd_cli_exit_code_for_error (error);
    }
  if (options.format == JD_EXPORT_FORMAT_PDF)
    g_print (_("Report written to %s\n"), output);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u row written to %s\n", "%u rows written to %s\n", rows),
             rows, output);
  return JD_EXIT_OK;
}

int
jd_cli_import (const char *db_path,
               const char *kind,
               const char *input)
{
  return jd_cli_import_sheet (db_path, kind, input, NULL);
}

int
jd_cli_import_sheet (const char *db_path,
                     const char *kind,
                     const char *input,
                     const char *sheet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdImportResult) result = NULL;
  int status = JD_EXIT_OK;

  if (g_strcmp0 (kind, "visitors") != 0 || input == NULL)
    {
      g_printerr (_("Only visitors can be imported: --import visitors FILE.\n"));
      return JD_EXIT_BAD_INPUT;
    }
  if (!g_file_test (input, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("There is no file “%s”.\n"), input);
      return JD_EXIT_BAD_INPUT;
    }

  /* Into a database that exists: a mistyped path must not quietly
   * become a new, empty centre. */
  db = open_for_cli (db_path, JD_DB_OPEN_DEFAULT, &status);
  if (db == NULL)
    return status;

  result = jd_import_visitors_sheet (db, input, sheet, NULL, 0, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_printerr (_("Nothing was imported: %s\n"), error->message);
      /* A file that is not a list of visitors, or an output that would
       * land on the database, is bad input, not a problem with the data
       * already kept. */
      return error->domain == JD_CSV_ERROR || error->domain == JD_OUTPUT_ERROR ||
             error->domain == JD_WORKBOOK_ERROR
             ? JD_EXIT_BAD_INPUT : JD_EXIT_DATA_ERROR;
    }
  g_print (_("Imported: %u. Already registered, skipped: %u. Rejected: %u.\n"),
           result->imported, result->skipped, result->rejected);
  if (result->warned > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u person imported may be registered already:",
                            "%u people imported may be registered already:", result->warned),
               result->warned);
      g_print ("\n");
    }
  for (guint i = 0; i < result->warnings->len; i++)
    g_print ("  %s\n", (const char *) result->warnings->pdata[i]);
  if (result->rejects_path != NULL)
    g_print (_("Rows not imported, with the reasons: %s\n"), result->rejects_path);
  return result->rejected > 0 ? JD_EXIT_BAD_INPUT : JD_EXIT_OK;
}
