/* jd-schema.c: the database schema and its migrations, and opening a
 * file at the current schema (jd_db_open ())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions, everywhere:
 *  - every table has an INTEGER PRIMARY KEY called id and created_at /
 *    updated_at columns;
 *  - points in time are Unix seconds (INTEGER, UTC); calendar dates that
 *    are not points in time (date of birth, a follow-up day) are ISO-8601
 *    'YYYY-MM-DD' text;
 *  - enumerations are short English codes checked by CHECK constraints;
 *    their translated labels live in the code, never in the database.
 *    Write a list of more than two codes as an OR chain, not IN (...):
 *    SQLite builds a temporary index for such an IN list on every row
 *    written (see unroll_checks_v7);
 *  - foreign keys are enforced (PRAGMA foreign_keys=ON on every
 *    connection).
 *  - the records people edit in forms (visitor, consultation, event)
 *    carry a row_version that every UPDATE moves on (v11): a form saves
 *    only over the version it loaded (jd-row-version.h).
 * The SQL stays close to what PostgreSQL accepts where that costs nothing.
 */
#define G_LOG_DOMAIN "jd-schema"

#include "config.h"

#include "jd-db-private.h"
#include "jd-schema.h"
#include "jd-search.h"
#include "jd-settings.h"

static const char schema_v1[] =
  "CREATE TABLE setting ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  value TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE district ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name_kk TEXT NOT NULL,"
  "  name_ru TEXT NOT NULL,"
  "  name_en TEXT NOT NULL,"
  "  area TEXT NOT NULL CHECK (area IN ('city', 'region', 'other')),"
  "  in_use INTEGER NOT NULL DEFAULT 1 CHECK (in_use IN (0, 1)),"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  full_name TEXT NOT NULL CHECK (length(full_name) > 0),"
  "  login TEXT NOT NULL UNIQUE CHECK (length(login) > 0),"
  "  role TEXT NOT NULL CHECK (role IN ('receptionist', 'specialist', 'manager', 'administrator')),"
  "  password_hash TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  /* The service types a specialist covers (private notes follow them). */
  "CREATE TABLE staff_service ("
  "  id INTEGER PRIMARY KEY,"
  "  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,"
  "  service TEXT NOT NULL CHECK (service IN ('legal', 'psychological', 'career', 'employment', 'entrepreneurship', 'housing', 'education', 'health', 'other')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (staff_id, service)"
  ");"

  "CREATE TABLE visitor ("
  "  id INTEGER PRIMARY KEY,"
  "  surname TEXT NOT NULL,"
  "  given_name TEXT NOT NULL,"
  "  patronymic TEXT,"
  "  iin TEXT UNIQUE CHECK (iin IS NULL OR (length(iin) = 12 AND iin NOT GLOB '*[^0-9]*')),"
  "  birth_date TEXT NOT NULL CHECK (birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
  "  sex TEXT NOT NULL CHECK (sex IN ('female', 'male')),"
  "  phone TEXT CHECK (phone IS NULL OR (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*')),"
  "  email TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),"
  "  district_id INTEGER REFERENCES district (id),"
  "  locality TEXT,"
  "  occupation TEXT NOT NULL CHECK (occupation IN ('school', 'college', 'university', 'employed', 'self_employed', 'unemployed_seeking', 'not_seeking', 'other')),"
  "  education TEXT CHECK (education IS NULL OR education IN ('none', 'primary', 'basic_secondary', 'general_secondary', 'vocational', 'incomplete_higher', 'higher', 'postgraduate')),"
  "  language TEXT NOT NULL DEFAULT 'kk' CHECK (language IN ('kk', 'ru')),"
  "  notes TEXT,"
  /* Folded 'surname given patronymic' (g_utf8_casefold, ё→е): duplicate
   * checks and ordering compare this, never the raw names. */
  "  name_key TEXT NOT NULL,"
  /* Set when the person's data was removed on request or by retention:
   * the row stays for anonymous statistics (sex, birth date, district). */
  "  anonymised_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  created_by INTEGER REFERENCES staff (id),"
  "  updated_by INTEGER REFERENCES staff (id),"
  "  CHECK (anonymised_at IS NOT NULL OR (length(surname) > 0 AND length(given_name) > 0))"
  ");"
  "CREATE INDEX visitor_name_key ON visitor (name_key, birth_date);"
  /* The alphabetical list of everyone, read from the index alone. */
  "CREATE INDEX visitor_list ON visitor (name_key) WHERE anonymised_at IS NULL;"
  "CREATE INDEX visitor_phone ON visitor (phone) WHERE phone IS NOT NULL;"
  "CREATE INDEX visitor_created ON visitor (created_at);"
  "CREATE INDEX visitor_district ON visitor (district_id);"

  "CREATE TABLE visitor_category ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL CHECK (category IN ('disability', 'orphan', 'large_family', 'low_income', 'single_parent', 'kandas', 'young_family', 'other')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (visitor_id, category)"
  ");"

  /* Search: every folded word of a name, and the phone and IIN digits,
   * for prefix look-ups of one or two characters over a B-tree. */
  "CREATE TABLE visitor_token ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,"
  "  token TEXT NOT NULL,"
  "  UNIQUE (token, visitor_id)"
  ");"
  "CREATE INDEX visitor_token_visitor ON visitor_token (visitor_id);"
  /* Substrings of three characters and more: a trigram index over the
   * same folded text, kept in step by the code that writes visitors. */
  "CREATE VIRTUAL TABLE visitor_fts USING fts5 (text, tokenize = 'trigram', detail = 'none');"

  "CREATE TABLE consent ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id) ON DELETE CASCADE,"
  "  text_version TEXT NOT NULL,"
  "  given_on TEXT NOT NULL CHECK (given_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
  "  given_by TEXT NOT NULL CHECK (given_by IN ('self', 'guardian')),"
  "  guardian_name TEXT,"
  "  guardian_phone TEXT,"
  "  withdrawn_on TEXT CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  created_by INTEGER REFERENCES staff (id),"
  "  CHECK (given_by = 'self' OR (length(guardian_name) > 0 AND length(guardian_phone) > 0))"
  ");"
  "CREATE INDEX consent_visitor ON consent (visitor_id);"

  "CREATE TABLE visit ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id),"
  "  time_in INTEGER NOT NULL,"
  "  time_out INTEGER CHECK (time_out IS NULL OR time_out >= time_in),"
  "  staff_id INTEGER REFERENCES staff (id),"
  "  centre_code TEXT NOT NULL DEFAULT '',"
  /* The visitor's occupation when they came: NEET counts for a past
   * month must not change when the person later finds a job. */
  "  occupation TEXT NOT NULL CHECK (occupation IN ('school', 'college', 'university', 'employed', 'self_employed', 'unemployed_seeking', 'not_seeking', 'other')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX visit_time_in ON visit (time_in);"
  "CREATE INDEX visit_visitor ON visit (visitor_id, time_in);"

  "CREATE TABLE visit_purpose ("
  "  id INTEGER PRIMARY KEY,"
  "  visit_id INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,"
  "  purpose TEXT NOT NULL CHECK (purpose IN ('legal', 'psychological', 'career', 'employment', 'entrepreneurship', 'housing', 'education', 'health', 'event', 'course', 'coworking', 'leisure', 'other')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (visit_id, purpose)"
  ");"
  "CREATE INDEX visit_purpose_purpose ON visit_purpose (purpose);"

  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length(title) > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('lecture', 'seminar', 'masterclass', 'course', 'eco_action', 'tournament', 'quiz', 'meeting', 'club', 'other')),"
  "  starts_at INTEGER NOT NULL,"
  "  ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),"
  "  place TEXT,"
  "  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),"
  "  organiser TEXT,"
  "  description TEXT,"
  /* Events of one weekly course or club share the id of the first. */
  "  series_id INTEGER REFERENCES event (id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  created_by INTEGER REFERENCES staff (id),"
  "  updated_by INTEGER REFERENCES staff (id)"
  ");"
  "CREATE INDEX event_starts ON event (starts_at);"
  "CREATE INDEX event_series ON event (series_id) WHERE series_id IS NOT NULL;"

  "CREATE TABLE attendance ("
  "  id INTEGER PRIMARY KEY,"
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  visitor_id INTEGER REFERENCES visitor (id),"
  /* One row per person; an anonymous row counts heads instead. */
  "  head_count INTEGER NOT NULL DEFAULT 1 CHECK (head_count > 0),"
  "  visit_id INTEGER REFERENCES visit (id),"
  "  checked_in_at INTEGER NOT NULL,"
  "  staff_id INTEGER REFERENCES staff (id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (visitor_id IS NULL OR head_count = 1),"
  "  UNIQUE (event_id, visitor_id)"
  ");"
  "CREATE INDEX attendance_visitor ON attendance (visitor_id) WHERE visitor_id IS NOT NULL;"

  "CREATE TABLE consultation ("
  "  id INTEGER PRIMARY KEY,"
  "  visitor_id INTEGER REFERENCES visitor (id),"
  /* Anonymous consultations keep only sex and age band. */
  "  anon_sex TEXT CHECK (anon_sex IS NULL OR anon_sex IN ('female', 'male')),"
  "  anon_age_band TEXT CHECK (anon_age_band IS NULL OR anon_age_band IN ('14-17', '18-24', '25-29', '30-35')),"
  "  visit_id INTEGER REFERENCES visit (id),"
  /* Rows of one group session share the id of the first. */
  "  group_id INTEGER REFERENCES consultation (id),"
  "  service TEXT NOT NULL CHECK (service IN ('legal', 'psychological', 'career', 'employment', 'entrepreneurship', 'housing', 'education', 'health', 'other')),"
  "  topic TEXT,"
  "  specialist_id INTEGER REFERENCES staff (id),"
  "  started_at INTEGER NOT NULL,"
  "  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 600),"
  "  format TEXT NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'phone', 'online')),"
  "  summary TEXT,"
  "  private_note TEXT,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('resolved', 'referred', 'follow_up', 'no_show')),"
  "  referral TEXT CHECK (referral IS NULL OR referral IN ('enbek', 'first_job', 'youth_practice', 'business_bastau', 'otbasy', 'youth_health', 'course', 'psychologist', 'social_services', 'other')),"
  "  follow_up_on TEXT CHECK (follow_up_on IS NULL OR follow_up_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
  "  follow_up_done_at INTEGER,"
  "  placement_employer TEXT,"
  "  placement_kind TEXT CHECK (placement_kind IS NULL OR placement_kind IN ('permanent', 'temporary')),"
  "  placement_start TEXT CHECK (placement_start IS NULL OR placement_start GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  created_by INTEGER REFERENCES staff (id),"
  "  updated_by INTEGER REFERENCES staff (id),"
  "  CHECK (visitor_id IS NOT NULL OR (anon_sex IS NOT NULL AND anon_age_band IS NOT NULL)),"
  "  CHECK (outcome <> 'referred' OR referral IS NOT NULL),"
  "  CHECK ((placement_employer IS NULL) = (placement_kind IS NULL))"
  ");"
  "CREATE INDEX consultation_started ON consultation (started_at);"
  "CREATE INDEX consultation_visitor ON consultation (visitor_id) WHERE visitor_id IS NOT NULL;"
  "CREATE INDEX consultation_follow_up ON consultation (follow_up_on) WHERE follow_up_on IS NOT NULL AND follow_up_done_at IS NULL;"
  "CREATE INDEX consultation_specialist ON consultation (specialist_id, started_at);"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  /* No foreign key: the trail outlives staff accounts. */
  "  staff_id INTEGER,"
  "  at INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('sign_in', 'sign_in_failed', 'created', 'changed', 'viewed_private_note', 'exported', 'imported', 'deleted', 'anonymised', 'backup', 'restored', 'role_changed', 'migrated')),"
  "  target TEXT,"
  "  record_id INTEGER,"
  "  detail TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX audit_at ON audit (at);"

  /* Almaty's eight districts in use; the region's districts and cities
   * are there for centres that serve them (a centre picks its list). */
  "INSERT INTO district (code, name_kk, name_ru, name_en, area, in_use, sort_order, created_at, updated_at) VALUES"
  " ('almaty-alatau', 'Алатау ауданы', 'Алатауский район', 'Alatau district', 'city', 1, 1, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-almaly', 'Алмалы ауданы', 'Алмалинский район', 'Almaly district', 'city', 1, 2, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-auezov', 'Әуезов ауданы', 'Ауэзовский район', 'Auezov district', 'city', 1, 3, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-bostandyk', 'Бостандық ауданы', 'Бостандыкский район', 'Bostandyk district', 'city', 1, 4, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-zhetysu', 'Жетісу ауданы', 'Жетысуский район', 'Zhetysu district', 'city', 1, 5, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-medeu', 'Медеу ауданы', 'Медеуский район', 'Medeu district', 'city', 1, 6, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-nauryzbay', 'Наурызбай ауданы', 'Наурызбайский район', 'Nauryzbay district', 'city', 1, 7, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('almaty-turksib', 'Түрксіб ауданы', 'Турксибский район', 'Turksib district', 'city', 1, 8, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-karasay', 'Қарасай ауданы', 'Карасайский район', 'Karasay district', 'region', 0, 20, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-talgar', 'Талғар ауданы', 'Талгарский район', 'Talgar district', 'region', 0, 21, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-ile', 'Іле ауданы', 'Илийский район', 'Ile district', 'region', 0, 22, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-enbekshikazakh', 'Еңбекшіқазақ ауданы', 'Енбекшиказахский район', 'Enbekshikazakh district', 'region', 0, 23, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-zhambyl', 'Жамбыл ауданы', 'Жамбылский район', 'Zhambyl district', 'region', 0, 24, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-balkhash', 'Балқаш ауданы', 'Балхашский район', 'Balkhash district', 'region', 0, 25, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-kegen', 'Кеген ауданы', 'Кегенский район', 'Kegen district', 'region', 0, 26, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-raiymbek', 'Райымбек ауданы', 'Райымбекский район', 'Raiymbek district', 'region', 0, 27, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('region-uigur', 'Ұйғыр ауданы', 'Уйгурский район', 'Uigur district', 'region', 0, 28, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('city-konaev', 'Қонаев қаласы', 'город Конаев', 'Konaev city', 'region', 0, 29, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('city-alatau', 'Алатау қаласы', 'город Алатау', 'Alatau city', 'region', 0, 30, strftime('%s', 'now'), strftime('%s', 'now')),"
  " ('other', 'Басқа елді мекен', 'Другой населённый пункт', 'Other locality', 'other', 1, 99, strftime('%s', 'now'), strftime('%s', 'now'));";

/* Version 2: a faster search and visitors list.
 *  - The list index carries the columns its filters test, so a filtered
 *    list is one scan of the index in order, not a table scan and a sort.
 *  - visitor_token holds the Latin key of every name word ('~asanov')
 *    and is indexed by (visitor_id, token), so the other words of a query
 *    are checked for a candidate from the index alone.
 *  - The trigram index keeps positions (detail 'full'): a substring made
 *    of common trigrams ("ован") is checked in the index instead of row by
 *    row; no column sizes, as nothing ranks by them.
 * Both search indexes are rebuilt from the visitor rows (reindex_v2). */
static const char schema_v2[] =
  "DROP INDEX visitor_list;"
  "CREATE INDEX visitor_list ON visitor (name_key, district_id, occupation, birth_date, created_at)"
  " WHERE anonymised_at IS NULL;"
  "DROP INDEX visitor_token_visitor;"
  "CREATE INDEX visitor_token_visitor ON visitor_token (visitor_id, token);"
  "DELETE FROM visitor_token;"
  "DROP TABLE visitor_fts;"
  "CREATE VIRTUAL TABLE visitor_fts USING fts5 (text, tokenize = 'trigram', columnsize = 0);";

/* Version 3: staff sign-in and the audit trail.
 *  - A password reset by an administrator must be changed at the next
 *    sign-in; the last sign-in is shown in the staff list; who created
 *    and last changed an account, as for every other record.
 *  - The audit trail is browsed by action and by person, newest first. */
static const char schema_v3[] =
  "ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0"
  " CHECK (must_change_password IN (0, 1));"
  "ALTER TABLE staff ADD COLUMN last_sign_in_at INTEGER;"
  "ALTER TABLE staff ADD COLUMN created_by INTEGER REFERENCES staff (id);"
  "ALTER TABLE staff ADD COLUMN updated_by INTEGER REFERENCES staff (id);"
  "CREATE INDEX audit_action ON audit (action, at);"
  "CREATE INDEX audit_staff ON audit (staff_id, at);";

/* Version 4: the waiting queue. A check-in for a consultation service
 * puts the person in that service's queue; a specialist calls them and
 * the consultation logged for the visit closes the entry. Placements
 * are counted by their start day. */
static const char schema_v4[] =
  "CREATE TABLE queue_entry ("
  "  id INTEGER PRIMARY KEY,"
  "  visit_id INTEGER NOT NULL REFERENCES visit (id) ON DELETE CASCADE,"
  "  visitor_id INTEGER NOT NULL REFERENCES visitor (id),"
  "  service TEXT NOT NULL CHECK (service IN ('legal', 'psychological', 'career', 'employment', 'entrepreneurship', 'housing', 'education', 'health', 'other')),"
  "  enqueued_at INTEGER NOT NULL,"
  "  called_at INTEGER,"
  "  called_by INTEGER REFERENCES staff (id),"
  "  done_at INTEGER,"
  "  consultation_id INTEGER REFERENCES consultation (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (visit_id, service)"
  ");"
  "CREATE INDEX queue_open ON queue_entry (service, enqueued_at) WHERE done_at IS NULL;"
  "CREATE INDEX consultation_placement ON consultation (placement_start)"
  " WHERE placement_kind IS NOT NULL;";

/* The age in whole years on the local day of visit time @t of someone
 * born on @b (ISO): as jd_age_on(), a 29 February birthday counts on
 * 1 March in common years. */
#define AGE_AT(t, b) \
  "(CAST (strftime ('%Y', " t ", 'unixepoch', 'localtime') AS INTEGER)" \
  " - CAST (substr (" b ", 1, 4) AS INTEGER)" \
  " - (strftime ('%m-%d', " t ", 'unixepoch', 'localtime') < substr (" b ", 6, 5)))"

/* Version 5: the dashboard reads a month of visits from one index.
 * Counting by age band, sex and district joined every visit to its
 * visitor (1.3 s for a month of a million-visitor centre); each visit
 * now carries the visitor's sex, district and age on the visit day,
 * kept equal to the visitor's record by triggers (a corrected birth
 * date corrects every visit), so they can never disagree. The age is
 * the age on the visit date, as the counting rules require. */
static const char schema_v5[] =
  "ALTER TABLE visit ADD COLUMN sex TEXT CHECK (sex IS NULL OR sex IN ('female', 'male'));"
  "ALTER TABLE visit ADD COLUMN age INTEGER;"
  "ALTER TABLE visit ADD COLUMN district_id INTEGER REFERENCES district (id);"
  "UPDATE visit SET (sex, age, district_id) = (SELECT p.sex, " AGE_AT ("visit.time_in", "p.birth_date") ","
  " p.district_id FROM visitor p WHERE p.id = visit.visitor_id);"
  "CREATE TRIGGER visit_snapshot AFTER INSERT ON visit BEGIN"
  "  UPDATE visit SET (sex, age, district_id) = (SELECT p.sex, " AGE_AT ("NEW.time_in", "p.birth_date") ","
  "  p.district_id FROM visitor p WHERE p.id = NEW.visitor_id) WHERE id = NEW.id;"
  " END;"
  "CREATE TRIGGER visit_snapshot_time AFTER UPDATE OF time_in, visitor_id ON visit BEGIN"
  "  UPDATE visit SET (sex, age, district_id) = (SELECT p.sex, " AGE_AT ("NEW.time_in", "p.birth_date") ","
  "  p.district_id FROM visitor p WHERE p.id = NEW.visitor_id) WHERE id = NEW.id;"
  " END;"
  "CREATE TRIGGER visitor_snapshot AFTER UPDATE OF birth_date, sex, district_id ON visitor BEGIN"
  "  UPDATE visit SET sex = NEW.sex, district_id = NEW.district_id,"
  "  age = " AGE_AT ("visit.time_in", "NEW.birth_date") " WHERE visitor_id = NEW.id;"
  " END;"
  "DROP INDEX visit_time_in;"
  "CREATE INDEX visit_stats ON visit (time_in, visitor_id, occupation, age, sex, district_id);"
  "DROP INDEX consultation_started;"
  "CREATE INDEX consultation_stats ON consultation (started_at, service, outcome, referral);";

/* Version 6: the dashboard's charts read an hourly summary of the
 * visits instead of every visit. A month of a million-visitor centre is
 * 250,000 visits but a few thousand summary rows; unique visitors and
 * NEET still come from the visits, which no sum can give.
 *
 * Each visit counts once in every kind of row of its hour (time_in
 * rounded down to the hour, Unix time): kind 0 all visits (key 0),
 * kind 1 the age band and sex (key band * 2 + sex, female 0, male 1,
 * bands 14–17, 18–24, 25–29, 30–35; -1 for an unknown sex or an age
 * outside 14–35), kind 2 the district (key its id, 0 when unknown).
 * Triggers keep it equal to the visits through every insert, change
 * and delete (also the ones the snapshot triggers make); additions and
 * subtractions are both upserts, so the order triggers fire in does not
 * matter. Hours line up with local days wherever the offset from UTC is
 * whole hours (Kazakhstan's is); jd-stats.c counts from the visits
 * themselves elsewhere. */
#define HOUR_OF(r) "(" r ".time_in - " r ".time_in % 3600)"
#define AGE_SEX_KEY(r) \
  "(CASE WHEN " r ".sex IN ('female', 'male') AND " r ".age BETWEEN 14 AND 35" \
  " THEN (CASE WHEN " r ".age < 18 THEN 0 WHEN " r ".age < 25 THEN 1" \
  " WHEN " r ".age < 30 THEN 2 ELSE 3 END) * 2 + (" r ".sex = 'male') ELSE -1 END)"
#define DISTRICT_KEY(r) "coalesce (" r ".district_id, 0)"
#define SUMMARY_ROWS(r, n) \
  "(" HOUR_OF (r) ", 0, 0, " n "), (" HOUR_OF (r) ", 1, " AGE_SEX_KEY (r) ", " n ")," \
  " (" HOUR_OF (r) ", 2, " DISTRICT_KEY (r) ", " n ")"
#define SUMMARY_UPSERT " ON CONFLICT DO UPDATE SET n = n + excluded.n;"

static const char schema_v6[] =
  "CREATE TABLE visit_summary ("
  "  hour INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  key INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (hour, kind, key)"
  ") WITHOUT ROWID;"
  "INSERT INTO visit_summary (hour, kind, key, n)"
  " SELECT " HOUR_OF ("visit") ", 0, 0, count(*) FROM visit GROUP BY 1;"
  "INSERT INTO visit_summary (hour, kind, key, n)"
  " SELECT " HOUR_OF ("visit") ", 1, " AGE_SEX_KEY ("visit") ", count(*) FROM visit GROUP BY 1, 3;"
  "INSERT INTO visit_summary (hour, kind, key, n)"
  " SELECT " HOUR_OF ("visit") ", 2, " DISTRICT_KEY ("visit") ", count(*) FROM visit GROUP BY 1, 3;"
  "CREATE TRIGGER visit_summary_insert AFTER INSERT ON visit BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS ("NEW", "1")
  SUMMARY_UPSERT
  " END;"
  "CREATE TRIGGER visit_summary_update AFTER UPDATE OF time_in, age, sex, district_id ON visit"
  " WHEN OLD.time_in IS NOT NEW.time_in OR OLD.age IS NOT NEW.age OR OLD.sex IS NOT NEW.sex"
  "  OR OLD.district_id IS NOT NEW.district_id BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS ("OLD", "-1") ","
  "  " SUMMARY_ROWS ("NEW", "1")
  SUMMARY_UPSERT
  " END;"
  "CREATE TRIGGER visit_summary_delete AFTER DELETE ON visit BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS ("OLD", "-1")
  SUMMARY_UPSERT
  " END;";

/* Version 8: days are the centre's, not the machine's. The ages on
 * visits were counted by 'localtime', the zone of whichever machine
 * wrote the visit; they now follow the setting "centre.time-zone"
 * through time_zone_offset (jd-time-zone.c), which plain SQL can read,
 * so the SQLite shell still writes visits correctly.
 *
 * The summary's hours stay Unix hours (UTC), which line up with the
 * centre's days wherever its offset is whole hours; kind 1 is keyed
 * anew so that every breakdown adds up to the total: key band * 3 +
 * sex, bands 14–17, 18–24, 25–29, 30–35 and 4 for any other (or
 * unknown) age, sex female 0, male 1, unknown 2. */
#define BAND_OF(r) \
  "(CASE WHEN " r ".age BETWEEN 14 AND 17 THEN 0 WHEN " r ".age BETWEEN 18 AND 24 THEN 1" \
  " WHEN " r ".age BETWEEN 25 AND 29 THEN 2 WHEN " r ".age BETWEEN 30 AND 35 THEN 3 ELSE 4 END)"
#define SEX_OF(r) "(CASE " r ".sex WHEN 'female' THEN 0 WHEN 'male' THEN 1 ELSE 2 END)"
#define AGE_SEX_KEY_V8(r) "(" BAND_OF (r) " * 3 + " SEX_OF (r) ")"
#define SUMMARY_ROWS_V8(r, n) \
  "(" HOUR_OF (r) ", 0, 0, " n "), (" HOUR_OF (r) ", 1, " AGE_SEX_KEY_V8 (r) ", " n ")," \
  " (" HOUR_OF (r) ", 2, " DISTRICT_KEY (r) ", " n ")"

static const char schema_v8[] =
  "DROP TRIGGER visit_snapshot;"
  "DROP TRIGGER visit_snapshot_time;"
  "DROP TRIGGER visitor_snapshot;"
  "DROP TRIGGER visit_summary_insert;"
  "DROP TRIGGER visit_summary_update;"
  "DROP TRIGGER visit_summary_delete;"
  JD_SQL_UPDATE_VISIT_AGES ";"
  "DELETE FROM visit_summary WHERE kind = 1;"
  "INSERT INTO visit_summary (hour, kind, key, n)"
  " SELECT " HOUR_OF ("visit") ", 1, " AGE_SEX_KEY_V8 ("visit") ", count(*) FROM visit GROUP BY 1, 3;"
  "CREATE TRIGGER visit_snapshot AFTER INSERT ON visit BEGIN"
  "  UPDATE visit SET (sex, age, district_id) = (SELECT p.sex, " JD_SQL_AGE_AT ("NEW.time_in", "p.birth_date") ","
  "  p.district_id FROM visitor p WHERE p.id = NEW.visitor_id) WHERE id = NEW.id;"
  " END;"
  "CREATE TRIGGER visit_snapshot_time AFTER UPDATE OF time_in, visitor_id ON visit BEGIN"
  "  UPDATE visit SET (sex, age, district_id) = (SELECT p.sex, " JD_SQL_AGE_AT ("NEW.time_in", "p.birth_date") ","
  "  p.district_id FROM visitor p WHERE p.id = NEW.visitor_id) WHERE id = NEW.id;"
  " END;"
  "CREATE TRIGGER visitor_snapshot AFTER UPDATE OF birth_date, sex, district_id ON visitor BEGIN"
  "  UPDATE visit SET sex = NEW.sex, district_id = NEW.district_id,"
  "  age = " JD_SQL_AGE_AT ("visit.time_in", "NEW.birth_date") " WHERE visitor_id = NEW.id;"
  " END;"
  "CREATE TRIGGER visit_summary_insert AFTER INSERT ON visit BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS_V8 ("NEW", "1")
  SUMMARY_UPSERT
  " END;"
  "CREATE TRIGGER visit_summary_update AFTER UPDATE OF time_in, age, sex, district_id ON visit"
  " WHEN OLD.time_in IS NOT NEW.time_in OR OLD.age IS NOT NEW.age OR OLD.sex IS NOT NEW.sex"
  "  OR OLD.district_id IS NOT NEW.district_id BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS_V8 ("OLD", "-1") ","
  "  " SUMMARY_ROWS_V8 ("NEW", "1")
  SUMMARY_UPSERT
  " END;"
  "CREATE TRIGGER visit_summary_delete AFTER DELETE ON visit BEGIN"
  "  INSERT INTO visit_summary (hour, kind, key, n) VALUES " SUMMARY_ROWS_V8 ("OLD", "-1")
  SUMMARY_UPSERT
  " END;";

/* The offsets first: the new ages are counted with them. */
static gboolean
centre_time_zone_v8 (JdDb    *db,
                      GError **error)
{
  g_autofree char *identifier = jd_db_get_setting (db, JD_SETTING_TIME_ZONE);
  g_autoptr(GTimeZone) tz = jd_time_zone_new (identifier);

  return jd_db_exec (db,
                     "CREATE TABLE time_zone_offset ("
                     "  since INTEGER PRIMARY KEY,"
                     "  utc_offset INTEGER NOT NULL"
                     ");",
                     error) &&
         jd_time_zone_fill_offsets (db, tz, error) &&
         jd_db_exec (db, schema_v8, error);
}

/* v9: visitor_pair, every ordered pair of different name words of a
 * visitor with the visitor ("\x02бекмұханова шұғыла"). A common surname
 * with the first letters of the given name ("бекмұханова ш") is one
 * range of it, where visitor_token had to check thousands of people of
 * that surname one by one (9–17 ms at a million visitors). Created here
 * for reindex_v2 too, which indexes pairs already. */
#define CREATE_VISITOR_PAIR \
  "CREATE TABLE IF NOT EXISTS visitor_pair (" \
  "  token TEXT NOT NULL," \
  "  visitor_id INTEGER NOT NULL," \
  "  PRIMARY KEY (token, visitor_id)" \
  ") WITHOUT ROWID;"

static gboolean
reindex_v2 (JdDb    *db,
            GError **error)
{
  return jd_db_exec (db, CREATE_VISITOR_PAIR, error) &&
         jd_search_reindex_all (db, error);
}

static gboolean
visitor_pair_v9 (JdDb    *db,
                 GError **error)
{
  return jd_search_index_pairs (db, error);
}

/* v7: "occupation IN ('school', 'college', ...)" in a CHECK constraint
 * made SQLite fill and free a temporary index on every row written:
 * a fifth of an import's time, and part of every check-in. The same
 * rule as an OR chain costs a few comparisons. Only the schema text
 * changes, not a byte of the rows, so the tables are rewritten in
 * place, as SQLite's ALTER TABLE documentation allows for CHECK
 * constraints; the migration's transaction undoes it on failure. */
static gboolean
unroll_in_list (const GMatchInfo *match,
                GString          *result,
                gpointer          user_data)
{
  g_autofree char *column = g_match_info_fetch (match, 1);
  g_autofree char *list = g_match_info_fetch (match, 2);
  g_auto(GStrv) codes = g_strsplit (list, ", ", -1);

  if (g_strv_length (codes) <= 2)
    {
      g_autofree char *whole = g_match_info_fetch (match, 0);

      g_string_append (result, whole);
      return FALSE;
    }

  g_string_append_c (result, '(');
  for (guint i = 0; codes[i] != NULL; i++)
    g_string_append_printf (result, "%s%s = %s", i > 0 ? " OR " : "", column, codes[i]);
  g_string_append_c (result, ')');
  return FALSE;
}

static gboolean
unroll_checks_v7 (JdDb    *db,
                  GError **error)
{
  g_autoptr(GRegex) in_list = g_regex_new ("\\b(\\w+) IN \\(('[^',]*'(?:, '[^',]*')*)\\)",
                                           G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                            " AND sql LIKE '% IN (''%'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      const char *sql = jd_stmt_column_text (stmt, 1);
      char *unrolled = g_regex_replace_eval (in_list, sql, -1, 0, 0, unroll_in_list, NULL, NULL);

      g_ptr_array_add (names, g_strdup (jd_stmt_column_text (stmt, 0)));
      g_ptr_array_add (texts, unrolled);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  if (!jd_db_exec (db, "PRAGMA writable_schema = ON", error))
    return FALSE;
  for (guint i = 0; i < names->len && local_error == NULL; i++)
    {
      stmt = jd_db_prepare (db, "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
                            &local_error);
      if (stmt == NULL)
        break;
      jd_stmt_bind_text (stmt, 1, names->pdata[i]);
      jd_stmt_bind_text (stmt, 2, texts->pdata[i]);
      jd_db_step_done (db, stmt, &local_error);
    }
  /* Reload the schema either way; on failure the migration's rollback
   * restores the old text. */
  jd_db_exec (db, "PRAGMA writable_schema = RESET", local_error ? NULL : &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* v10: the rows that name a visit are found through an index. Undoing
 * a check-in deletes the visit, and SQLite then looks for consultations
 * and event check-ins that still point at it; without these indexes that
 * read every consultation and every attendance, a quarter of a second or
 * more per Ctrl+Z at a million visitors. */
static const char schema_v10[] =
  "CREATE INDEX consultation_visit ON consultation (visit_id) WHERE visit_id IS NOT NULL;"
  "CREATE INDEX attendance_visit ON attendance (visit_id) WHERE visit_id IS NOT NULL;";

/* v11: a row version on the records people edit in forms (visitors,
 * consultations, events). A form saves with "WHERE row_version = the
 * one it loaded", so a change made meanwhile on another desk or in
 * another window is not silently overwritten. The triggers move it on
 * for every writer (a placement that sets the occupation, a removal
 * on request, the command line), not only the forms. An UPDATE that
 * moves it itself is left alone (WHEN), and the trigger's own UPDATE
 * does not fire it again (recursive triggers are off, and WHEN). */
#define ROW_VERSION_TRIGGER(t) \
  "CREATE TRIGGER " t "_row_version AFTER UPDATE ON " t \
  " WHEN NEW.row_version = OLD.row_version BEGIN" \
  " UPDATE " t " SET row_version = OLD.row_version + 1 WHERE id = NEW.id;" \
  " END;"

static const char schema_v11[] =
  "ALTER TABLE visitor ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE consultation ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE event ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;"
  ROW_VERSION_TRIGGER ("visitor")
  ROW_VERSION_TRIGGER ("consultation")
  ROW_VERSION_TRIGGER ("event");

/* v12: visitor_month, one row per person and local calendar month in
 * which they came: their visits and NEET visits of the month. The
 * dashboard's unique visitors and NEET of whole months are counted from
 * it (jd-stats.c): a month of a million-visitor centre is 250,000
 * visits to read, but one row per person to count. Triggers keep it
 * exact through every insert, change and delete of a visit; a row goes
 * when its visits reach 0. A change of the centre's zone counts it
 * again (jd-time-zone.c).
 *
 * month_total sums visitor_month by month (visits, NEET visits, people,
 * NEET people), kept by triggers on visitor_month: one month's figures
 * are one row, as a month has about as many people as visits (217,000
 * of 256,000 at a million visitors), too many rows to count in 100 ms on
 * a server. A month that empties keeps its row, at 0. */
#define VISITOR_MONTH_ADD(r) \
  "INSERT INTO visitor_month (month, visitor_id, visits, neet_visits)" \
  " VALUES (" JD_SQL_LOCAL_MONTH (r ".time_in") ", " r ".visitor_id, 1, " JD_SQL_NEET_OF (r) ")" \
  " ON CONFLICT DO UPDATE SET visits = visits + 1, neet_visits = neet_visits + excluded.neet_visits;"
#define VISITOR_MONTH_REMOVE(r) \
  "UPDATE visitor_month SET visits = visits - 1, neet_visits = neet_visits - " JD_SQL_NEET_OF (r) \
  " WHERE month = " JD_SQL_LOCAL_MONTH (r ".time_in") " AND visitor_id = " r ".visitor_id;" \
  "DELETE FROM visitor_month WHERE month = " JD_SQL_LOCAL_MONTH (r ".time_in") \
  " AND visitor_id = " r ".visitor_id AND visits <= 0;"

static const char schema_v12[] =
  "CREATE TABLE visitor_month ("
  "  month INTEGER NOT NULL,"
  "  visitor_id INTEGER NOT NULL,"
  "  visits INTEGER NOT NULL,"
  "  neet_visits INTEGER NOT NULL,"
  "  PRIMARY KEY (month, visitor_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE month_total ("
  "  month INTEGER PRIMARY KEY,"
  "  visits INTEGER NOT NULL,"
  "  neet_visits INTEGER NOT NULL,"
  "  visitors INTEGER NOT NULL,"
  "  neet_visitors INTEGER NOT NULL"
  ");"
  JD_SQL_FILL_VISITOR_MONTH ";"
  JD_SQL_FILL_MONTH_TOTAL ";"
  "CREATE TRIGGER month_total_insert AFTER INSERT ON visitor_month BEGIN"
  " INSERT INTO month_total (month, visits, neet_visits, visitors, neet_visitors)"
  "  VALUES (NEW.month, NEW.visits, NEW.neet_visits, 1, NEW.neet_visits > 0)"
  "  ON CONFLICT DO UPDATE SET visits = visits + excluded.visits,"
  "  neet_visits = neet_visits + excluded.neet_visits, visitors = visitors + 1,"
  "  neet_visitors = neet_visitors + excluded.neet_visitors;"
  " END;"
  "CREATE TRIGGER month_total_update AFTER UPDATE ON visitor_month BEGIN"
  " UPDATE month_total SET visits = visits - OLD.visits + NEW.visits,"
  "  neet_visits = neet_visits - OLD.neet_visits + NEW.neet_visits,"
  "  neet_visitors = neet_visitors - (OLD.neet_visits > 0) + (NEW.neet_visits > 0)"
  "  WHERE month = NEW.month;"
  " END;"
  "CREATE TRIGGER month_total_delete AFTER DELETE ON visitor_month BEGIN"
  " UPDATE month_total SET visits = visits - OLD.visits, neet_visits = neet_visits - OLD.neet_visits,"
  "  visitors = visitors - 1, neet_visitors = neet_visitors - (OLD.neet_visits > 0)"
  "  WHERE month = OLD.month;"
  " END;"
  "CREATE TRIGGER visitor_month_insert AFTER INSERT ON visit BEGIN "
  VISITOR_MONTH_ADD ("NEW")
  " END;"
  "CREATE TRIGGER visitor_month_update AFTER UPDATE OF visitor_id, time_in, occupation ON visit"
  " WHEN OLD.visitor_id IS NOT NEW.visitor_id OR OLD.time_in IS NOT NEW.time_in"
  "  OR OLD.occupation IS NOT NEW.occupation BEGIN "
  VISITOR_MONTH_REMOVE ("OLD")
  VISITOR_MONTH_ADD ("NEW")
  " END;"
  "CREATE TRIGGER visitor_month_delete AFTER DELETE ON visit BEGIN "
  VISITOR_MONTH_REMOVE ("OLD")
  " END;";

static const JdMigration migrations[] = {
  { schema_v1, NULL },
  { schema_v2, reindex_v2 },
  { schema_v3, NULL },
  { schema_v4, NULL },
  { schema_v5, NULL },
  { schema_v6, NULL },
  { "", unroll_checks_v7 },
  { "", centre_time_zone_v8 },
  { CREATE_VISITOR_PAIR, visitor_pair_v9 },
  { schema_v10, NULL },
  { schema_v11, NULL },
  { schema_v12, NULL },
};

const JdMigration *
jd_schema_get_migrations (guint *n_migrations)
{
  g_return_val_if_fail (n_migrations != NULL, NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

guint
jd_db_schema_version (void)
{
  guint n;

  jd_schema_get_migrations (&n);
  return n;
}

/**
 * jd_db_open:
 * @path: the file
 * @flags: #JdDbOpenFlags
 * @error: a #JD_DB_ERROR with a message for people
 *
 * Opens the file, creating it (mode 0600, folder 0700) with
 * %JD_DB_OPEN_CREATE, and upgrades it to the current schema. A file that
 * is not ours, is damaged, read-only or newer than this program is
 * refused and left as it was; so is a missing or empty file unless
 * @flags has %JD_DB_OPEN_CREATE (the window's first run, demo data).
 */
JdDb *
jd_db_open (const char     *path,
            JdDbOpenFlags   flags,
            GError        **error)
{
  const JdMigration *all;
  guint n;

  all = jd_schema_get_migrations (&n);
  return jd_db_open_with_migrations (path, flags, all, n, error);
}
