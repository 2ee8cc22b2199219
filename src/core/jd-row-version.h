/* jd-row-version.h: records that two desks may edit at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Visitors, consultations and events carry a row version (schema 11),
 * moved on by every change. A form remembers the version it loaded and
 * saves with it; a save over a change made meanwhile elsewhere is
 * refused with JD_DB_ERROR_CHANGED_ELSEWHERE, naming who changed it
 * and when, and nothing is written.
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

typedef enum
{
  JD_RECORD_VISITOR,
  JD_RECORD_CONSULTATION,
  JD_RECORD_EVENT,
} JdRecordKind;

/* The version of record @id now: 0 when it is gone (deleted, or a
 * visitor whose data was removed), -1 with @error set when reading
 * failed. */
gint64    jd_record_get_version  (JdDb          *db,
                                  JdRecordKind   kind,
                                  gint64         id,
                                  GError       **error);

/* For src/core, after "UPDATE … WHERE id = ? AND row_version = ?"
 * changed no row: sets @error to say why, JD_DB_ERROR_CHANGED_ELSEWHERE
 * ("Aigerim Seitkali changed this visitor at 14:32 on another desk.")
 * or JD_DB_ERROR_NOT_FOUND for a record deleted meanwhile.
 * Returns: FALSE */
gboolean  jd_record_refuse_stale (JdDb          *db,
                                  JdRecordKind   kind,
                                  gint64         id,
                                  GError       **error);

G_END_DECLS
