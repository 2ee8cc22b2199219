/* jd-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

const JdMigration *jd_schema_get_migrations (guint *n_migrations);

G_END_DECLS
