/* jd-pg-catalog.c: the centre server's tables as the engine sees them:
 * listing them for a copy (jd-db-transfer.c), turning triggers off for
 * it, moving identity sequences on, and the integrity check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"


#include "jd-pg-private.h"

/* Runs @sql with text @params; NULL (and @error set) on a failure. */
static PGresult *
query (JdDb        *db,
       const char  *sql,
       int          n_params,
       const char  *const *params,
       GError     **error)
{
  JdPg *pg = jd_pg_get (db);
  PGresult *res = PQexecParams (pg->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      jd_pg_remember_error (pg, res);
      PQclear (res);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      return NULL;
    }
  return res;
}

/* The first column of every row of @sql. */
static GPtrArray *
query_strings (JdDb        *db,
               const char  *sql,
               int          n_params,
               const char  *const *params,
               GError     **error)
{
  PGresult *res = query (db, sql, n_params, params, error);
  GPtrArray *values;

  if (res == NULL)
    return NULL;
  values = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (values, g_strdup (PQgetvalue (res, i, 0)));
  PQclear (res);
  return values;
}

/* The one integer of @sql; -1 for NULL. */
static gboolean
query_int64 (JdDb        *db,
             const char  *sql,
             gint64      *value,
             GError     **error)
{
  PGresult *res = query (db, sql, 0, NULL, error);

  if (res == NULL)
    return FALSE;
  *value = PQntuples (res) == 1 && !PQgetisnull (res, 0, 0)
           ? g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10) : -1;
  PQclear (res);
  return TRUE;
}

/* The base tables of the centre's schema, without the version table. */
GPtrArray *
jd_pg_list_tables (JdDb    *db,
                   GError **error)
{
  return query_strings (db,
                        "SELECT table_name FROM information_schema.tables"
                        " WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'"
                        " AND table_name <> 'jd_schema' ORDER BY table_name COLLATE \"C\"",
                        0, NULL, error);
}

GPtrArray *
jd_pg_list_columns (JdDb        *db,
                    const char  *table,
                    GError     **error)
{
  const char *params[] = { table };

  return query_strings (db,
                        "SELECT column_name FROM information_schema.columns"
                        " WHERE table_schema = current_schema () AND table_name = $1"
                        " ORDER BY ordinal_position",
                        1, params, error);
}

/* The foreign keys are checked at the end of the copy, not row by row:
 * a row may refer to a later row of its own table (the first account
 * last changed by a newer one). Each becomes DEFERRABLE for this
 * transaction; the restore checks them all (SET CONSTRAINTS ALL
 * IMMEDIATE, which must come before any other ALTER TABLE of the
 * restore: none may run with checks pending) and makes them NOT
 * DEFERRABLE again. */
static gboolean
defer_foreign_keys (JdDb       *db,
                    GPtrArray  *restore,
                    GError    **error)
{
  PGresult *keys, *res;

  keys = query (db,
                "SELECT c.conrelid::regclass::text, quote_ident (c.conname)"
                " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                " WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema ()"
                " ORDER BY 1, 2",
                0, NULL, error);
  if (keys == NULL)
    return FALSE;

  g_ptr_array_add (restore, g_strdup ("SET CONSTRAINTS ALL IMMEDIATE"));
  for (int i = 0; i < PQntuples (keys); i++)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER CONSTRAINT %s DEFERRABLE",
                                              PQgetvalue (keys, i, 0), PQgetvalue (keys, i, 1));

      res = query (db, sql, 0, NULL, error);
      if (res == NULL)
        {
          PQclear (keys);
          return FALSE;
        }
      PQclear (res);
      g_ptr_array_add (restore, g_strdup_printf ("ALTER TABLE %s ALTER CONSTRAINT %s NOT DEFERRABLE",
                                                 PQgetvalue (keys, i, 0), PQgetvalue (keys, i, 1)));
    }
  PQclear (keys);

  res = query (db, "SET CONSTRAINTS ALL DEFERRED", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* ALTER TABLE … DISABLE TRIGGER USER: the schema's triggers (snapshot,
 * summary, NOTIFY), not the foreign keys' internal ones, which are
 * deferred instead. Rolled back with the transaction if it fails. */
GPtrArray *
jd_pg_suspend_triggers (JdDb    *db,
                        GError **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) restore = g_ptr_array_new_with_free_func (g_free);

  if (!defer_foreign_keys (db, restore, error))
    return NULL;

  tables = query_strings (db,
                          "SELECT DISTINCT c.relname FROM pg_trigger t"
                          " JOIN pg_class c ON c.oid = t.tgrelid"
                          " JOIN pg_namespace n ON n.oid = c.relnamespace"
                          " WHERE n.nspname = current_schema () AND NOT t.tgisinternal"
                          " ORDER BY 1",
                          0, NULL, error);
  if (tables == NULL)
    return NULL;

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *quoted = jd_db_quote_identifier (tables->pdata[i]);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DISABLE TRIGGER USER", quoted);
      PGresult *res = query (db, sql, 0, NULL, error);

      if (res == NULL)
        return NULL;
      PQclear (res);
      g_ptr_array_add (restore, g_strdup_printf ("ALTER TABLE %s ENABLE TRIGGER USER", quoted));
    }
  return g_steal_pointer (&restore);
}

/* Rows copied with their ids leave the identity sequence behind: the
 * next insert would take id 1 again. */
gboolean
jd_pg_move_sequence (JdDb        *db,
                     const char  *table,
                     GError     **error)
{
  g_autofree char *quoted = jd_db_quote_identifier (table);
  g_autofree char *sql = NULL;
  const char *params[] = { quoted };
  PGresult *res;
  gboolean has_sequence;

  res = query (db, "SELECT pg_get_serial_sequence ($1, 'id') IS NOT NULL FROM pg_attribute"
                   " WHERE attrelid = to_regclass ($1) AND attname = 'id' AND NOT attisdropped",
               1, params, error);
  if (res == NULL)
    return FALSE;
  has_sequence = PQntuples (res) == 1 && g_str_equal (PQgetvalue (res, 0, 0), "t");
  PQclear (res);
  if (!has_sequence)
    return TRUE;

  sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ($1, 'id'), max (id)) FROM %s"
                         " HAVING max (id) IS NOT NULL", quoted);
  res = query (db, sql, 1, params, error);
  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* One snapshot for the whole copy, however long it takes. */
gboolean
jd_pg_begin_read (JdDb    *db,
                  GError **error)
{
  PGresult *res = query (db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* Every foreign key of the schema, checked by a query of its own: the
 * server enforces them, so a row found here means something bypassed
 * it (a trigger turned off, a hand-made change). */
static gboolean
check_foreign_keys (JdDb     *db,
                    GString  *problems,
                    GError  **error)
{
  PGresult *keys;

  keys = query (db,
                "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname"
                " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                " JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]"
                " WHERE c.contype = 'f' AND n.nspname = current_schema ()"
                " ORDER BY 1, 2",
                0, NULL, error);
  if (keys == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (keys); i++)
    {
      const char *table = PQgetvalue (keys, i, 0), *parent = PQgetvalue (keys, i, 2);
      g_autofree char *column = jd_db_quote_identifier (PQgetvalue (keys, i, 1));
      g_autofree char *key = jd_db_quote_identifier (PQgetvalue (keys, i, 3));
      g_autofree char *sql = NULL;
      gint64 missing = 0;

      /* regclass text is already quoted where it needs to be. */
      sql = g_strdup_printf ("SELECT count(*) FROM %s x WHERE x.%s IS NOT NULL AND NOT EXISTS"
                             " (SELECT 1 FROM %s y WHERE y.%s = x.%s)",
                             table, column, parent, key, column);
      if (!query_int64 (db, sql, &missing, error))
        {
          PQclear (keys);
          return FALSE;
        }
      if (missing > 0)
        g_string_append_printf (problems, "foreign key: %" G_GINT64_FORMAT " rows of %s refer to a missing %s (%s)\n",
                                missing, table, parent, PQgetvalue (keys, i, 1));
    }
  PQclear (keys);
  return TRUE;
}

/* The server keeps its pages consistent itself (amcheck needs a
 * superuser); what a desk can check is that the schema is the one it
 * knows, that every foreign key holds, and that the hourly summary
 * and visitor_month count every visit once, and month_total sums
 * visitor_month. */
gboolean
jd_pg_check_integrity (JdDb      *db,
                       G_GNUC_UNUSED gboolean   quick,
                       char     **report,
                       GError   **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  gint64 versions = 0, version = 0, visits = 0, summed = 0, neet = 0, months = 0, neet_months = 0;
  gint64 wrong_months = 0;

  if (report != NULL)
    *report = NULL;

  if (!query_int64 (db, "SELECT count(*) FROM jd_schema", &versions, error) ||
      !query_int64 (db, "SELECT max (version) FROM jd_schema", &version, error))
    return FALSE;
  if (versions != 1 || version != (gint64) jd_db_get_user_version (db))
    g_string_append_printf (problems, "schema version: %" G_GINT64_FORMAT " rows, version %"
                            G_GINT64_FORMAT ", expected one row with %u\n",
                            versions, version, jd_db_get_user_version (db));

  if (!check_foreign_keys (db, problems, error))
    return FALSE;

  if (!query_int64 (db, "SELECT count(*) FROM visit", &visits, error) ||
      !query_int64 (db, "SELECT coalesce (sum (n), 0) FROM visit_summary WHERE kind = 0", &summed, error))
    return FALSE;
  if (visits != summed)
    g_string_append_printf (problems, "visit_summary: counts %" G_GINT64_FORMAT " visits, visit holds %"
                            G_GINT64_FORMAT "\n", summed, visits);

  if (!query_int64 (db, "SELECT count(*) FROM visit"
                        " WHERE occupation IN ('unemployed_seeking', 'not_seeking')", &neet, error) ||
      !query_int64 (db, "SELECT coalesce (sum (visits), 0) FROM visitor_month", &months, error) ||
      !query_int64 (db, "SELECT coalesce (sum (neet_visits), 0) FROM visitor_month", &neet_months, error))
    return FALSE;
  if (months != visits || neet_months != neet)
    g_string_append_printf (problems, "visitor_month: counts %" G_GINT64_FORMAT " visits (%"
                            G_GINT64_FORMAT " NEET), visit holds %" G_GINT64_FORMAT " (%"
                            G_GINT64_FORMAT " NEET)\n", months, neet_months, visits, neet);
  if (!query_int64 (db, JD_SQL_MONTH_TOTAL_MISMATCHES, &wrong_months, error))
    return FALSE;
  if (wrong_months != 0)
    g_string_append_printf (problems, "month_total: %" G_GINT64_FORMAT " months differ from visitor_month\n",
                            wrong_months);

  if (report != NULL && problems->len > 0)
    *report = g_strdup (problems->str);
  return problems->len == 0;
}
