/* jd-preferences-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JD_TYPE_PREFERENCES_DATABASE (jd_preferences_database_get_type ())

G_DECLARE_FINAL_TYPE (JdPreferencesDatabase, jd_preferences_database, JD, PREFERENCES_DATABASE, AdwPreferencesPage)

JdPreferencesDatabase *jd_preferences_database_new      (GSettings             *settings,
                                                         const char            *file_path);
gboolean               jd_preferences_database_get_busy (JdPreferencesDatabase *self);

G_END_DECLS
