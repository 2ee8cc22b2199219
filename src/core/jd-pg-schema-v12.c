/* jd-pg-schema-v12.c: the centre server's schema step 12 (visitor_month)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept apart from jd-pg-schema.c, which runs it, for that file's length.
 */
#include "config.h"

#include "jd-pg-schema.h"

/* 12, as the file's version 12: visitor_month, one row per person and
 * local calendar month, and month_total, its sums by month, kept by
 * triggers (jd_month () is the file's
 * JD_SQL_LOCAL_MONTH in the server's own functions). The update trigger
 * fires on any update and compares the three columns, as the summary's
 * does; subtracting and adding are separate statements, for the same
 * reason as the summary's. The first fill reads every visit once. */
const char jd_pg_schema_v12[] =
  "CREATE TABLE visitor_month ("
  "  month bigint NOT NULL, visitor_id bigint NOT NULL,"
  "  visits bigint NOT NULL, neet_visits bigint NOT NULL,"
  "  PRIMARY KEY (month, visitor_id)"
  ");"
  "CREATE FUNCTION jd_month (t bigint) RETURNS bigint LANGUAGE sql STABLE AS $$"
  "  SELECT to_char (to_timestamp (jd_local (t)) AT TIME ZONE 'UTC', 'YYYYMM')::bigint $$;"
  "CREATE FUNCTION jd_visitor_month () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN"
  "  IF TG_OP IN ('UPDATE', 'DELETE') THEN"
  "   UPDATE visitor_month SET visits = visits - 1,"
  "    neet_visits = neet_visits - (CASE WHEN OLD.occupation IN ('unemployed_seeking', 'not_seeking')"
  "     THEN 1 ELSE 0 END)"
  "    WHERE month = jd_month (OLD.time_in) AND visitor_id = OLD.visitor_id;"
  "   DELETE FROM visitor_month WHERE month = jd_month (OLD.time_in)"
  "    AND visitor_id = OLD.visitor_id AND visits <= 0;"
  "  END IF;"
  "  IF TG_OP IN ('UPDATE', 'INSERT') THEN"
  "   INSERT INTO visitor_month AS m (month, visitor_id, visits, neet_visits)"
  "    VALUES (jd_month (NEW.time_in), NEW.visitor_id, 1,"
  "     CASE WHEN NEW.occupation IN ('unemployed_seeking', 'not_seeking') THEN 1 ELSE 0 END)"
  "    ON CONFLICT (month, visitor_id) DO UPDATE"
  "    SET visits = m.visits + 1, neet_visits = m.neet_visits + excluded.neet_visits;"
  "  END IF;"
  "  RETURN NULL;"
  " END $$;"
  "CREATE TABLE month_total ("
  "  month bigint PRIMARY KEY, visits bigint NOT NULL, neet_visits bigint NOT NULL,"
  "  visitors bigint NOT NULL, neet_visitors bigint NOT NULL"
  ");"
  /* month_total follows visitor_month: only visits and neet_visits of a
   * row change on UPDATE, never its month. */
  "CREATE FUNCTION jd_month_total () RETURNS trigger LANGUAGE plpgsql AS $$"
  " BEGIN"
  "  IF TG_OP = 'INSERT' THEN"
  "   INSERT INTO month_total AS t (month, visits, neet_visits, visitors, neet_visitors)"
  "    VALUES (NEW.month, NEW.visits, NEW.neet_visits, 1, (NEW.neet_visits > 0)::int)"
  "    ON CONFLICT (month) DO UPDATE SET visits = t.visits + excluded.visits,"
  "    neet_visits = t.neet_visits + excluded.neet_visits, visitors = t.visitors + 1,"
  "    neet_visitors = t.neet_visitors + excluded.neet_visitors;"
  "  ELSIF TG_OP = 'UPDATE' THEN"
  "   UPDATE month_total SET visits = visits - OLD.visits + NEW.visits,"
  "    neet_visits = neet_visits - OLD.neet_visits + NEW.neet_visits,"
  "    neet_visitors = neet_visitors - (OLD.neet_visits > 0)::int + (NEW.neet_visits > 0)::int"
  "    WHERE month = NEW.month;"
  "  ELSE"
  "   UPDATE month_total SET visits = visits - OLD.visits, neet_visits = neet_visits - OLD.neet_visits,"
  "    visitors = visitors - 1, neet_visitors = neet_visitors - (OLD.neet_visits > 0)::int"
  "    WHERE month = OLD.month;"
  "  END IF;"
  "  RETURN NULL;"
  " END $$;"
  "INSERT INTO visitor_month (month, visitor_id, visits, neet_visits)"
  " SELECT jd_month (time_in), visitor_id, count(*),"
  "  count(*) FILTER (WHERE occupation IN ('unemployed_seeking', 'not_seeking'))"
  " FROM visit GROUP BY 1, 2;"
  "INSERT INTO month_total (month, visits, neet_visits, visitors, neet_visitors)"
  " SELECT month, sum (visits), sum (neet_visits), count(*), count(*) FILTER (WHERE neet_visits > 0)"
  " FROM visitor_month GROUP BY month;"
  "CREATE TRIGGER month_total_insert AFTER INSERT ON visitor_month"
  " FOR EACH ROW EXECUTE FUNCTION jd_month_total ();"
  "CREATE TRIGGER month_total_update AFTER UPDATE ON visitor_month"
  " FOR EACH ROW EXECUTE FUNCTION jd_month_total ();"
  "CREATE TRIGGER month_total_delete AFTER DELETE ON visitor_month"
  " FOR EACH ROW EXECUTE FUNCTION jd_month_total ();"
  "CREATE TRIGGER visitor_month_insert AFTER INSERT ON visit"
  " FOR EACH ROW EXECUTE FUNCTION jd_visitor_month ();"
  "CREATE TRIGGER visitor_month_update AFTER UPDATE ON visit"
  " FOR EACH ROW WHEN (OLD.visitor_id IS DISTINCT FROM NEW.visitor_id"
  "  OR OLD.time_in IS DISTINCT FROM NEW.time_in OR OLD.occupation IS DISTINCT FROM NEW.occupation)"
  " EXECUTE FUNCTION jd_visitor_month ();"
  "CREATE TRIGGER visitor_month_delete AFTER DELETE ON visit"
  " FOR EACH ROW EXECUTE FUNCTION jd_visitor_month ();";

