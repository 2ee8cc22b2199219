/* jd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-preferences-database.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_PREFERENCES_WINDOW (jd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (JdPreferencesWindow, jd_preferences_window, JD, PREFERENCES_WINDOW, AdwPreferencesWindow)

JdPreferencesWindow   *jd_preferences_window_new               (JdStore             *store);
JdPreferencesDatabase *jd_preferences_window_add_database_page (JdPreferencesWindow *self,
                                                                GSettings           *settings,
                                                                const char          *file_path);

G_END_DECLS
