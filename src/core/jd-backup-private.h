/* jd-backup-private.h: what jd-backup.c shares with jd-backup-restore.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

/* A new copy's path in the backups folder: jastar-@kind-<stamp>.db. */
char        *jd_backup_path              (JdDb         *db,
                                          const char   *kind);

G_END_DECLS
