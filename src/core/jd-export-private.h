/* jd-export-private.h: what an export shares with an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-export.h"

G_BEGIN_DECLS

/* A bigger page cache for a long export or import (in KiB); returns the
 * previous size, for bulk_cache_end(). */
gint64          bulk_cache_begin        (JdDb              *db,
                                         int                kib);
void            bulk_cache_end          (JdDb              *db,
                                         gint64             previous);

G_END_DECLS
