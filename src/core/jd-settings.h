/* jd-settings.h: the centre's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

/* Keys of the setting table: centre-wide, shared by every desk. */
#define JD_SETTING_CENTRE_NAME     "centre.name"
#define JD_SETTING_CENTRE_CODE     "centre.code"
#define JD_SETTING_CENTRE_DISTRICT "centre.district"
/* A tz database identifier; unset means JD_DEFAULT_TIME_ZONE. */
#define JD_SETTING_TIME_ZONE       "centre.time-zone"
#define JD_DEFAULT_TIME_ZONE       "Asia/Almaty"

char        *jd_db_get_setting            (JdDb           *db,
                                           const char     *key);
gboolean     jd_db_set_setting            (JdDb           *db,
                                           const char     *key,
                                           const char     *value,
                                           GError        **error);

G_END_DECLS
