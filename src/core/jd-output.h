/* jd-output.h: files the program writes outside its database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_OUTPUT_ERROR (jd_output_error_quark ())

/**
 * JdOutputError:
 * @JD_OUTPUT_ERROR_DATABASE: the path is the open database or one of its
 *   own files (-wal, -shm, -journal), or a link to one
 * @JD_OUTPUT_ERROR_BACKUPS: the path is a backup, or in the backups folder
 * @JD_OUTPUT_ERROR_FOLDER: the path is a folder
 *
 * A path the person chose that must not be written: bad input.
 */
typedef enum
{
  JD_OUTPUT_ERROR_DATABASE,
  JD_OUTPUT_ERROR_BACKUPS,
  JD_OUTPUT_ERROR_FOLDER,
} JdOutputError;

typedef enum
{
  JD_OUTPUT_REPORT = 0,
  /* A backup copy: the backups folder is where it belongs. */
  JD_OUTPUT_BACKUP = 1 << 0,
} JdOutputKind;

GQuark    jd_output_error_quark   (void);

gboolean  jd_output_check         (JdDb          *db,
                                   const char    *path,
                                   JdOutputKind   kind,
                                   GError       **error);

int       jd_output_temp_new      (const char    *target,
                                   char         **temp_path,
                                   GError       **error);
guint     jd_output_clean_stale   (const char    *folder);

G_END_DECLS
