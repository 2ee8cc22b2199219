/* jd-time-zone.c: the centre's time zone, a setting in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Days are the centre's: every day, week, month, age on a visit and
 * report period is counted in the zone kept in the setting
 * "centre.time-zone" (Asia/Almaty when unset), never in the zone of the
 * machine the program runs on. C code asks jd_db_get_time_zone(); SQL
 * (triggers, exports) reads the table time_zone_offset, the zone's UTC
 * offsets from 1970 to 2100 written here whenever the setting changes,
 * so that the SQLite shell can still write visits without any function
 * of ours.
 */
#define G_LOG_DOMAIN "jd-time-zone"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-settings.h"

/* The span of time_zone_offset: visits before 1970 or after 2100 take
 * the first or last offset. */
#define SPAN_START G_GINT64_CONSTANT (0)
#define SPAN_END   G_GINT64_CONSTANT (4102444800)   /* 2100-01-01 UTC */
#define DAY        (24 * 3600)

/**
 * jd_time_zone_is_valid:
 *
 * Returns: whether @identifier names a zone this machine knows
 * (GLib 2.74 gives %NULL for an unknown identifier).
 */
gboolean
jd_time_zone_is_valid (const char *identifier)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (identifier == NULL || *identifier == '\0')
    return FALSE;
  tz = g_time_zone_new_identifier (identifier);
  return tz != NULL;
}

/**
 * jd_time_zone_new:
 *
 * Returns: (transfer full): the zone @identifier, or the default
 * (Asia/Almaty) for %NULL or an identifier this machine does not know;
 * UTC+5 where even that is missing (no tzdata).
 */
GTimeZone *
jd_time_zone_new (const char *identifier)
{
  GTimeZone *tz = NULL;

  if (identifier != NULL && *identifier != '\0')
    tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    tz = g_time_zone_new_identifier (JD_DEFAULT_TIME_ZONE);
  if (tz == NULL)
    tz = g_time_zone_new_offset (5 * 3600);
  return tz;
}

/**
 * jd_db_get_time_zone_identifier:
 *
 * Returns: (transfer full): the setting, or the default when unset or
 * unknown here
 */
char *
jd_db_get_time_zone_identifier (JdDb *db)
{
  g_autofree char *identifier = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  identifier = jd_db_get_setting (db, JD_SETTING_TIME_ZONE);
  if (!jd_time_zone_is_valid (identifier))
    return g_strdup (JD_DEFAULT_TIME_ZONE);
  return g_steal_pointer (&identifier);
}

/**
 * jd_db_now_local:
 * @db: (nullable): the database, or %NULL for the default zone
 *
 * Returns: (transfer full): now, in the centre's time zone
 */
GDateTime *
jd_db_now_local (JdDb *db)
{
  return g_date_time_new_now (jd_db_get_time_zone (db));
}

/**
 * jd_db_local_time:
 * @db: (nullable): the database, or %NULL for the default zone
 *
 * Returns: (transfer full): Unix seconds @t on the centre's clock
 */
GDateTime *
jd_db_local_time (JdDb   *db,
                  gint64  t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return utc != NULL ? g_date_time_to_timezone (utc, jd_db_get_time_zone (db)) : NULL;
}

/**
 * jd_db_day_start:
 * @db: (nullable): the database, or %NULL for the default zone
 * @day: a calendar day
 *
 * Returns: Unix seconds of midnight starting @day on the centre's clock
 *   (days are not all 86,400 s long where clocks change)
 */
gint64
jd_db_day_start (JdDb        *db,
                 const GDate *day)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (jd_db_get_time_zone (db), g_date_get_year (day),
                                                   g_date_get_month (day), g_date_get_day (day),
                                                   0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static gint32
offset_at (GTimeZone *tz,
           gint64     t)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t));
}

static gboolean
insert_offset (JdStmt        *stmt,
               JdDb          *db,
               gint64         since,
               gint32         offset,
               GError       **error)
{
  jd_stmt_bind_int64 (stmt, 1, since);
  jd_stmt_bind_int (stmt, 2, offset);
  return jd_db_step_done (db, stmt, error);
}

/* Writes @tz's offsets into time_zone_offset: one row for every change
 * of the offset (found a day at a time, then to the second), the first
 * row from the beginning of time. The caller holds a transaction. */
gboolean
jd_time_zone_fill_offsets (JdDb       *db,
                           GTimeZone  *tz,
                           GError    **error)
{
  JdStmt *stmt;
  gint32 current;

  g_assert (tz != NULL);

  if (!jd_db_exec (db, "DELETE FROM time_zone_offset", error))
    return FALSE;
  stmt = jd_db_prepare (db, "INSERT INTO time_zone_offset (since, utc_offset) VALUES (?1, ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;

  current = offset_at (tz, SPAN_START);
  if (!insert_offset (stmt, db, G_MININT64, current, error))
    return FALSE;
  for (gint64 t = SPAN_START + DAY; t <= SPAN_END; t += DAY)
    {
      gint64 low, high;

      if (offset_at (tz, t) == current)
        continue;
      /* The change is in (t - DAY, t]: the first second of the new
       * offset. */
      low = t - DAY;
      high = t;
      while (high - low > 1)
        {
          gint64 mid = low + (high - low) / 2;

          if (offset_at (tz, mid) == current)
            low = mid;
          else
            high = mid;
        }
      current = offset_at (tz, high);
      if (!insert_offset (stmt, db, high, current, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * jd_db_set_time_zone:
 * @identifier: a tz database identifier, such as "Asia/Almaty"
 *
 * Administrators only (JD_PERM_MANAGE_SETTINGS). Keeps the setting,
 * writes the zone's offsets for SQL and moves every visit's age to its
 * day in the new zone (the hourly summary follows through its
 * triggers) and counts visitor_month again by the new months (its
 * triggers keep month_total), in one transaction.
 */
gboolean
jd_db_set_time_zone (JdDb        *db,
                     const char  *identifier,
                     GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_MANAGE_SETTINGS, error))
    return FALSE;

  if (!jd_time_zone_is_valid (identifier))
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                   _("“%s” is not a time zone this computer knows. Type its name from the "
                     "time zone database, such as Asia/Almaty."),
                   identifier != NULL ? identifier : "");
      return FALSE;
    }
  tz = g_time_zone_new_identifier (identifier);

  stmt = jd_db_prepare (db,
                        "INSERT INTO setting (key, value, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?3)"
                        " ON CONFLICT (key) DO UPDATE"
                        " SET value = excluded.value, updated_at = excluded.updated_at",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text_static (stmt, 1, JD_SETTING_TIME_ZONE);
  jd_stmt_bind_text (stmt, 2, identifier);
  jd_stmt_bind_int64 (stmt, 3, jd_db_now ());

  if (!jd_db_begin (db, error))
    {
      jd_stmt_clear_bindings (stmt);
      return FALSE;
    }
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_time_zone_fill_offsets (db, tz, error) ||
      !jd_db_exec (db, JD_SQL_UPDATE_VISIT_AGES, error) ||
      !jd_db_exec (db, "DELETE FROM visitor_month", error) ||
      !jd_db_exec (db, JD_SQL_FILL_VISITOR_MONTH, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_SETTING, 0,
                        JD_SETTING_TIME_ZONE, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      jd_db_forget_time_zone (db);
      return FALSE;
    }

  jd_db_forget_time_zone (db);
  return TRUE;
}

/**
 * jd_db_get_time_zone:
 *
 * The centre's time zone (the "centre.time-zone" setting): every day,
 * month, age on a visit and report period is counted in it, never in
 * the machine's. Read once per connection, and again when another
 * connection has written to the file since (PRAGMA data_version) or
 * this one changed the setting: GLib would otherwise read the zone
 * file on every call, which shows in loops over thousands of rows.
 *
 * @db may be %NULL (screens before a database is open): the default
 * zone.
 *
 * Returns: (transfer none): the zone
 */
GTimeZone *
jd_db_get_time_zone (JdDb *db)
{
  static GTimeZone *default_zone;
  GTimeZone *tz;
  gint64 version, cached_version;

  if (db == NULL)
    {
      if (g_once_init_enter (&default_zone))
        g_once_init_leave (&default_zone, jd_time_zone_new (NULL));
      return default_zone;
    }

  version = jd_db_get_data_version (db);
  tz = jd_db_get_cached_time_zone (db, &cached_version);
  if (tz == NULL || version != cached_version)
    {
      g_autofree char *identifier = jd_db_get_setting (db, JD_SETTING_TIME_ZONE);

      tz = jd_time_zone_new (identifier);
      jd_db_set_cached_time_zone (db, tz, version);
    }
  return tz;
}
