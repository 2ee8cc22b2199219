/* jd-sql-dialect.h: SQL text that only SQLite reads this way
 *
 * Owned by the storage engine: a second engine gives the same macros
 * its own text. The rest of the dialect is the schema itself
 * (jd-schema.c: FTS5 with the trigram tokenizer, strftime in triggers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The centre's zone as SQL sees it (jd-time-zone.c): the table
 * time_zone_offset holds the UTC offset in force from each change on,
 * so triggers and the sqlite3 shell need no function of ours.
 * JD_SQL_LOCAL gives Unix seconds @t moved to the centre's wall clock,
 * for strftime (..., 'unixepoch'); NULL stays NULL. */
#define JD_SQL_LOCAL(t) \
  "(" t " + (SELECT utc_offset FROM time_zone_offset WHERE since <= " t \
  " ORDER BY since DESC LIMIT 1))"

/* The age in whole years on the centre's day of visit time @t of
 * someone born on @b (ISO): as jd_age_on(), a 29 February birthday
 * counts on 1 March in common years. */
#define JD_SQL_AGE_AT(t, b) \
  "((CAST (strftime ('%Y%m%d', " JD_SQL_LOCAL (t) ", 'unixepoch') AS INTEGER)" \
  " - CAST (replace (" b ", '-', '') AS INTEGER)) / 10000)"

/* Moves every visit's age to its day in the zone time_zone_offset now
 * holds. Only the ages that change are written: a rewrite of every
 * visit took 6 s for 150,000 visits, this 1 s. */
#define JD_SQL_UPDATE_VISIT_AGES \
  "UPDATE visit SET age = n.age FROM (SELECT v.id, " JD_SQL_AGE_AT ("v.time_in", "p.birth_date") " AS age" \
  " FROM visit v JOIN visitor p ON p.id = v.visitor_id) AS n" \
  " WHERE n.id = visit.id AND n.age IS NOT visit.age"

/* The centre's calendar month of Unix seconds @t as an integer YYYYmm
 * (202611), and whether the visit row @r counts as NEET (1 or 0): the
 * keys of visitor_month (jd-schema.c, version 12). */
#define JD_SQL_LOCAL_MONTH(t) \
  "CAST (strftime ('%Y%m', " JD_SQL_LOCAL (t) ", 'unixepoch') AS INTEGER)"
#define JD_SQL_NEET_OF(r) \
  "(CASE WHEN " r ".occupation = 'unemployed_seeking' OR " r ".occupation = 'not_seeking'" \
  " THEN 1 ELSE 0 END)"

/* visitor_month counted again from every visit, in the zone
 * time_zone_offset now holds (the migration, a zone change). */
#define JD_SQL_FILL_VISITOR_MONTH \
  "INSERT INTO visitor_month (month, visitor_id, visits, neet_visits)" \
  " SELECT " JD_SQL_LOCAL_MONTH ("visit.time_in") ", visit.visitor_id, count(*), sum (" \
  JD_SQL_NEET_OF ("visit") ") FROM visit GROUP BY 1, 2"

/* month_total counted again from visitor_month. */
#define JD_SQL_FILL_MONTH_TOTAL \
  "INSERT INTO month_total (month, visits, neet_visits, visitors, neet_visitors)" \
  " SELECT month, sum (visits), sum (neet_visits), count(*)," \
  " sum (CASE WHEN neet_visits > 0 THEN 1 ELSE 0 END) FROM visitor_month GROUP BY month"

/* The months whose month_total is not the sum of their visitor_month
 * rows (the check: 0 when it holds). */
#define JD_SQL_MONTH_TOTAL_MISMATCHES \
  "SELECT (SELECT count(*) FROM (SELECT month, sum (visits) AS v, sum (neet_visits) AS n," \
  "  count(*) AS p, sum (CASE WHEN neet_visits > 0 THEN 1 ELSE 0 END) AS q" \
  "  FROM visitor_month GROUP BY month) AS a LEFT JOIN month_total t ON t.month = a.month" \
  "  WHERE t.month IS NULL OR t.visits <> a.v OR t.neet_visits <> a.n OR t.visitors <> a.p" \
  "  OR t.neet_visitors <> a.q)" \
  " + (SELECT count(*) FROM month_total t WHERE (t.visits <> 0 OR t.neet_visits <> 0" \
  "  OR t.visitors <> 0 OR t.neet_visitors <> 0)" \
  "  AND NOT EXISTS (SELECT 1 FROM visitor_month m WHERE m.month = t.month))"

/* The CREATE INDEX statement of the index named ?1, no row if there is
 * none (jd-db-bulk.c). */
#define JD_SQL_INDEX_DEFINITION \
  "SELECT sql FROM sqlite_schema" \
  " WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL"

/* Unix seconds @t as the centre's "YYYY-mm-dd HH:MM", "YYYY-mm-dd" and
 * "HH:MM" (privacy exports, report rows). */
#define JD_SQL_LOCAL_DATE_TIME(t) "strftime ('%Y-%m-%d %H:%M', " JD_SQL_LOCAL (t) ", 'unixepoch')"
#define JD_SQL_LOCAL_DATE(t)      "strftime ('%Y-%m-%d', " JD_SQL_LOCAL (t) ", 'unixepoch')"
#define JD_SQL_LOCAL_TIME(t)      "strftime ('%H:%M', " JD_SQL_LOCAL (t) ", 'unixepoch')"
