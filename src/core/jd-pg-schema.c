/* jd-pg-schema.c: PLACEHOLDER, REPLACED AT MERGE
 *
 * The real centre-server schema comes from another branch. This stand-in
 * only makes the two tables tests/test-pg-engine.c needs, so that the
 * engine (jd-pg.c) can be opened and tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-db.h"
#include "jd-pg-schema.h"

#define PLACEHOLDER_VERSION 1

static const char placeholder_sql[] =
  "BEGIN;"
  "CREATE TABLE IF NOT EXISTS placeholder_schema (version integer NOT NULL);"
  "INSERT INTO placeholder_schema (version)"
  "  SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM placeholder_schema);"
  "CREATE TABLE IF NOT EXISTS placeholder_person ("
  "  id bigserial PRIMARY KEY,"
  "  code text UNIQUE,"
  "  name text,"
  "  score double precision,"
  "  visits integer,"
  "  big bigint,"
  "  active boolean);"
  "CREATE TABLE IF NOT EXISTS placeholder_tag ("
  "  name text PRIMARY KEY,"
  "  n integer);"
  "COMMIT;";

gboolean
jd_pg_schema_apply (PGconn  *conn,
                    guint   *version,
                    GError **error)
{
  PGresult *res;
  guint found = 0;

  res = PQexec (conn, "SELECT version FROM placeholder_schema");
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0)
    {
      found = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
      if (found > PLACEHOLDER_VERSION)
        {
          PQclear (res);
          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NEWER_SCHEMA,
                       "placeholder schema: version %u is newer", found);
          return FALSE;
        }
      if (found == PLACEHOLDER_VERSION)
        {
          PQclear (res);
          *version = found;
          return TRUE;
        }
    }
  PQclear (res);

  res = PQexec (conn, placeholder_sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION,
                   "placeholder schema: %s", PQerrorMessage (conn));
      PQclear (res);
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  PQclear (res);

  *version = PLACEHOLDER_VERSION;
  return TRUE;
}
