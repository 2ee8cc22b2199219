/* jd-date-format.h: dates and times as people here write them:
 * 31.12.2026, 18:05
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Digits in every language: the forms staff fill in use dd.mm.yyyy in
 * Kazakh and Russian alike. Times are shown in @when's own zone; pass
 * the centre's (jd_db_local_time()). */
char *jd_date_format_day       (GDateTime   *when);   /* 31.12.2026 */
char *jd_date_format_day_time  (GDateTime   *when);   /* 31.12.2026 18:05 */
char *jd_date_format_time      (GDateTime   *when);   /* 18:05 */
char *jd_date_format_date      (const GDate *date);   /* 31.12.2026 */
/* "2026-12-31" as 31.12.2026; any other text as it is, NULL as "". */
char *jd_date_format_iso       (const char  *iso);

G_END_DECLS
