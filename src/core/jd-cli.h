/* jd-cli.h: what the command line does without opening a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of jastar-desk (DESIGN.md "Command line"). */
typedef enum
{
  JD_EXIT_OK = 0,
  JD_EXIT_BAD_INPUT = 1,
  JD_EXIT_DATA_ERROR = 2,
} JdExitCode;

int  jd_cli_check  (const char *db_path);
int  jd_cli_backup (const char *db_path,
                    const char *dest_path);
/* --copy-to DEST: the whole centre into an empty server database or a
 * new file, with a progress line and the counts of both sides. */
int  jd_cli_copy_to (const char *db_path,
                     const char *dest_path);
int  jd_cli_demo   (const char *db_path,
                    guint       n_visitors,
                    guint64     seed);
/* --export KIND --from DATE --to DATE --output FILE [--delimiter D]
 * [--anonymize]: @delimiter is ";", ",", "tab" or NULL (";"). */
int  jd_cli_export (const char *db_path,
                    const char *kind,
                    const char *from_day,
                    const char *to_day,
                    const char *output,
                    const char *delimiter,
                    gboolean    anonymize);
/* --import visitors FILE */
int  jd_cli_import (const char *db_path,
                    const char *kind,
                    const char *input);
/* --import visitors FILE.xlsx --sheet NAME (NULL: the first sheet with
 * a value; a CSV file has no sheets) */
int  jd_cli_import_sheet (const char *db_path,
                          const char *kind,
                          const char *input,
                          const char *sheet);
int  jd_cli_exit_code_for_error (const GError *error);

G_END_DECLS
