/* jd-db-engine.h: what the core may ask of either engine beyond jd-stmt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

/* Reading every row of large results (an export, a copy of a centre):
 * while @on, a query stepped inside a transaction reads its rows from a
 * server a batch at a time instead of holding the whole result, so
 * memory stays flat whatever the size; other statements may still run
 * between two steps. The transaction must stay open until the query is
 * reset: a step after it ended fails. A file streams its rows anyway.
 * Returns whether it was on, to put back after. */
gboolean      jd_db_set_streaming      (JdDb              *db,
                                        gboolean           on);

G_END_DECLS
