/* jd-summary-report-tables.c: the report's breakdowns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each breakdown is counted from the rows of the period in one pass,
 * and each of its rows counts a visit, a person or a consultation once:
 * so every table adds up to its total row, and the totals are the
 * headline figures.
 *
 * People (unique) are put in the row of their first visit of the
 * period (age band, sex and district as recorded then); a person is
 * NEET with at least one NEET visit in the period, as on the dashboard.
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-age-band.h"
#include "jd-consultation.h"
#include "jd-event.h"
#include "jd-purpose.h"
#include "jd-stats.h"
#include "jd-summary-report-private.h"

static gboolean
step_failed (JdDb    *db,
             JdStmt  *stmt,
             int      rc,
             GError **error)
{
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return TRUE;
    }
  return FALSE;
}

/* Visits and people. */

#define N_BANDS (JD_STATS_N_AGE_BANDS + 1)   /* and other ages */
#define N_SEXES 3                            /* female, male, not given */

/* A person of the period, in an array by visitor id: eight bytes each,
 * a million visitors take 8 MB (a hash table took ten times more). */
typedef struct
{
  guint32 district;    /* 0: not given */
  guint8  band;
  guint8  sex;
  guint8  seen;
  guint8  neet;
} Person;

typedef struct
{
  guint visits;
  guint people;
} Pair;

static int
band_of (JdStmt *stmt,
         int     column)
{
  int band;

  if (jd_stmt_column_is_null (stmt, column))
    return JD_STATS_OTHER_AGES;
  band = jd_age_band_of_age (jd_stmt_column_int (stmt, column));
  return band < 0 ? JD_STATS_OTHER_AGES : band;
}

static int
sex_of (const char *code)
{
  return g_strcmp0 (code, "female") == 0 ? 0 : g_strcmp0 (code, "male") == 0 ? 1 : 2;
}

/* NEET: looking for work or not, and not studying. */
static gboolean
is_neet (const char *occupation)
{
  return g_strcmp0 (occupation, "unemployed_seeking") == 0 || g_strcmp0 (occupation, "not_seeking") == 0;
}

static JdSummaryTable *
visits_people_table (const char *title,
                     const char *label_title)
{
  return jd_summary_table_new (title,
                               _("Visits: every check-in. People: each person once, "
                                 "as at their first visit of the period."),
                               label_title, 3,
                               _("Visits"), JD_SUMMARY_VALUE_COUNT,
                               _("People"), JD_SUMMARY_VALUE_COUNT,
                               _("Share of people"), JD_SUMMARY_VALUE_SHARE);
}

static void
add_pair (JdSummaryTable *table,
          const char     *label,
          const Pair     *pair,
          guint           people)
{
  double values[3] = { pair->visits, pair->people, jd_summary_share (pair->people, people) };

  jd_summary_table_add (table, label, values);
}

typedef struct
{
  gint64 id;
  char  *label;
  Pair   n;
} DistrictRow;

static void
district_row_free (DistrictRow *row)
{
  g_free (row->label);
  g_free (row);
}

static gint
most_visits_first (gconstpointer a,
                   gconstpointer b)
{
  const DistrictRow *ra = *(DistrictRow **) a;
  const DistrictRow *rb = *(DistrictRow **) b;

  /* Not given last, whatever its count. */
  if ((ra->id == 0) != (rb->id == 0))
    return ra->id == 0 ? 1 : -1;
  if (ra->n.visits != rb->n.visits)
    return ra->n.visits > rb->n.visits ? -1 : 1;
  return g_utf8_collate (ra->label, rb->label);
}

static DistrictRow *
district_row (GHashTable *rows,
              gint64      id)
{
  DistrictRow *row = g_hash_table_lookup (rows, &id);

  if (row == NULL)
    {
      row = g_new0 (DistrictRow, 1);
      row->id = id;
      g_hash_table_insert (rows, &row->id, row);
    }
  return row;
}

static gboolean
district_labels (JdDb       *db,
                 GPtrArray  *rows,
                 GError    **error)
{
  JdStmt *stmt = jd_db_prepare (db, "SELECT " JD_SUMMARY_DISTRICT_NAME " FROM district d WHERE d.id = ?1",
                                error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      DistrictRow *row = rows->pdata[i];

      if (row->id != 0)
        {
          jd_stmt_bind_int64 (stmt, 1, row->id);
          jd_summary_bind_lang (stmt, 2);
          if (jd_stmt_step (stmt) == JD_STEP_ROW)
            row->label = g_strdup (jd_stmt_column_text (stmt, 0));
          jd_stmt_reset (stmt);
        }
      if (row->label == NULL)
        {
          /* A district removed since: not given. */
          row->id = 0;
          row->label = g_strdup (_("Not given"));
        }
    }
  return TRUE;
}

gboolean
jd_summary_count_visits (JdDb                  *db,
                         const JdSummaryPeriod *period,
                         JdSummaryCounts       *counts,
                         GPtrArray             *tables,
                         GError               **error)
{
  g_autofree Person *people = NULL;
  gsize n_people = 0;
  g_autoptr(GHashTable) districts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) district_row_free);
  g_autoptr(GPtrArray) district_rows = NULL;
  Pair bands[N_BANDS] = { { 0 } }, sexes[N_SEXES] = { { 0 } }, neet[2] = { { 0 } };
  const char *sex_labels[N_SEXES] = { C_("sex", "Female"), C_("sex", "Male"), _("Not given") };
  JdSummaryTable *table;
  GHashTableIter iter;
  gpointer value;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, "SELECT coalesce (max (id), 0) FROM visitor", error);
  if (stmt == NULL)
    return FALSE;
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    n_people = (gsize) jd_stmt_column_int64 (stmt, 0) + 1;
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  people = g_new0 (Person, n_people);

  /* In time order: a person is counted as at their first visit. */
  stmt = jd_db_prepare (db,
                        "SELECT visitor_id, age, sex, district_id, occupation FROM visit"
                        " WHERE time_in >= ?1 AND time_in < ?2 ORDER BY time_in",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, period->from);
  jd_stmt_bind_int64 (stmt, 2, period->to);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 visitor = jd_stmt_column_int64 (stmt, 0);
      int band = band_of (stmt, 1);
      int sex = sex_of (jd_stmt_column_text (stmt, 2));
      guint32 district = jd_stmt_column_is_null (stmt, 3) ? 0 : (guint32) jd_stmt_column_int64 (stmt, 3);
      gboolean visit_neet = is_neet (jd_stmt_column_text (stmt, 4));
      Person *person;

      /* The visitors' ids are all below max (id) + 1 in this snapshot. */
      if (G_UNLIKELY (visitor < 0 || (gsize) visitor >= n_people))
        {
          gsize n = MAX ((gsize) MAX (visitor, 0) + 1, n_people * 2);

          people = g_renew (Person, people, n);
          memset (people + n_people, 0, (n - n_people) * sizeof (Person));
          n_people = n;
        }
      person = &people[MAX (visitor, 0)];

      counts->visits++;
      bands[band].visits++;
      sexes[sex].visits++;
      district_row (districts, district)->n.visits++;
      neet[visit_neet ? 0 : 1].visits++;
      if (!person->seen)
        {
          person->seen = TRUE;
          person->band = (guint8) band;
          person->sex = (guint8) sex;
          person->district = district;
        }
      person->neet |= visit_neet;
    }
  if (step_failed (db, stmt, rc, error))
    return FALSE;

  for (gsize i = 0; i < n_people; i++)
    {
      Person *person = &people[i];

      if (!person->seen)
        continue;
      counts->people++;
      bands[person->band].people++;
      sexes[person->sex].people++;
      district_row (districts, person->district)->n.people++;
      neet[person->neet ? 0 : 1].people++;
    }
  counts->neet_people = neet[0].people;

  table = visits_people_table (_("Age band: visits and people"), _("Age band"));
  table->chart = TRUE;
  for (guint band = 0; band < N_BANDS; band++)
    add_pair (table, band < JD_STATS_N_AGE_BANDS ? jd_age_band_label (band) : jd_stats_other_ages_label (),
              &bands[band], counts->people);
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);

  table = visits_people_table (_("Sex: visits and people"), _("Sex"));
  for (guint sex = 0; sex < N_SEXES; sex++)
    add_pair (table, sex_labels[sex], &sexes[sex], counts->people);
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);

  /* Districts: most visits first, not given last. */
  district_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) district_row_free);
  g_hash_table_iter_init (&iter, districts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (district_rows, value);
      g_hash_table_iter_steal (&iter);
    }
  if (!district_labels (db, district_rows, error))
    return FALSE;
  g_ptr_array_sort (district_rows, most_visits_first);
  table = visits_people_table (_("District: visits and people"), _("District"));
  table->chart = TRUE;
  for (guint i = 0; i < district_rows->len; i++)
    {
      DistrictRow *row = district_rows->pdata[i];
      Pair pair = row->n;

      /* Districts removed since join "Not given". */
      while (row->id == 0 && i + 1 < district_rows->len &&
             ((DistrictRow *) district_rows->pdata[i + 1])->id == 0)
        {
          i++;
          pair.visits += ((DistrictRow *) district_rows->pdata[i])->n.visits;
          pair.people += ((DistrictRow *) district_rows->pdata[i])->n.people;
        }
      add_pair (table, row->label, &pair, counts->people);
    }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);

  table = jd_summary_table_new (_("NEET status: visits and people"),
                                _("Visits: the occupation recorded at the visit. People: NEET with "
                                  "at least one NEET visit in the period."),
                                _("Status"), 3,
                                _("Visits"), JD_SUMMARY_VALUE_COUNT,
                                _("People"), JD_SUMMARY_VALUE_COUNT,
                                _("Share of people"), JD_SUMMARY_VALUE_SHARE);
  add_pair (table, _("NEET"), &neet[0], counts->people);
  add_pair (table, _("Not NEET"), &neet[1], counts->people);
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);
  return TRUE;
}

/* Consultations, by their start time. */

static int
choice_index (const JdChoice *choices,
              guint           n,
              const char     *code)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (choices[i].code, code) == 0)
      return (int) i;
  return -1;
}

gboolean
jd_summary_count_consultations (JdDb                  *db,
                                const JdSummaryPeriod *period,
                                JdSummaryCounts       *counts,
                                GPtrArray             *tables,
                                GError               **error)
{
  guint n_services, n_targets;
  const JdChoice *services = jd_consultation_services (&n_services);
  const JdChoice *targets = jd_referral_targets (&n_targets);
  g_autofree guint *held = g_new0 (guint, n_services + 1);
  g_autofree guint *missed = g_new0 (guint, n_services + 1);
  g_autofree guint *referred = g_new0 (guint, n_targets + 1);
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint named_held = 0, anonymous_held = 0;
  JdSummaryTable *table;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT service, outcome, referral, visitor_id FROM consultation"
                        " WHERE started_at >= ?1 AND started_at < ?2",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, period->from);
  jd_stmt_bind_int64 (stmt, 2, period->to);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      int service = choice_index (services, n_services, jd_stmt_column_text (stmt, 0));
      gboolean no_show = g_strcmp0 (jd_stmt_column_text (stmt, 1), "no_show") == 0;
      const char *referral = jd_stmt_column_text (stmt, 2);

      if (service < 0)
        service = (int) n_services;
      if (no_show)
        {
          missed[service]++;
          counts->no_shows++;
        }
      else
        {
          held[service]++;
          counts->consultations_held++;
          if (jd_stmt_column_is_null (stmt, 3))
            anonymous_held++;
          else
            {
              gint64 visitor = jd_stmt_column_int64 (stmt, 3);

              named_held++;
              g_hash_table_add (named, g_memdup2 (&visitor, sizeof visitor));
            }
        }
      /* Referrals as the dashboard counts them: every consultation with one. */
      if (referral != NULL)
        {
          int target = choice_index (targets, n_targets, referral);

          referred[target < 0 ? (int) n_targets : target]++;
          counts->referrals++;
        }
    }
  if (step_failed (db, stmt, rc, error))
    return FALSE;

  table = jd_summary_table_new (C_("report table", "Consultations by service"),
                                _("Held: every consultation but those the person did not attend; "
                                  "a group session counts each participant."),
                                _("Service"), 2,
                                _("Held"), JD_SUMMARY_VALUE_COUNT,
                                _("Did not attend"), JD_SUMMARY_VALUE_COUNT);
  table->chart = TRUE;
  for (guint i = 0; i <= n_services; i++)
    {
      double values[2] = { held[i], missed[i] };

      if (held[i] + missed[i] > 0)
        jd_summary_table_add (table, i < n_services ? jd_choice_label (services, n_services, services[i].code)
                                                    : _("Not given"), values);
    }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);

  counts->people_consulted = g_hash_table_size (named) + anonymous_held;
  table = jd_summary_table_new (_("People consulted"),
                                _("Consultations held. Each anonymous consultation counts as one person."),
                                _("Who"), 2,
                                _("Consultations"), JD_SUMMARY_VALUE_COUNT,
                                _("People"), JD_SUMMARY_VALUE_COUNT);
  {
    double named_values[2] = { named_held, g_hash_table_size (named) };
    double anonymous_values[2] = { anonymous_held, anonymous_held };

    jd_summary_table_add (table, _("Named"), named_values);
    jd_summary_table_add (table, _("Anonymous"), anonymous_values);
  }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);

  table = jd_summary_table_new (_("Referrals by organisation"), NULL, _("Organisation"), 1,
                                _("Referrals"), JD_SUMMARY_VALUE_COUNT);
  for (guint i = 0; i <= n_targets; i++)
    {
      double values[1] = { referred[i] };

      if (referred[i] > 0)
        jd_summary_table_add (table, i < n_targets ? jd_choice_label (targets, n_targets, targets[i].code)
                                                   : _("Not given"), values);
    }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);
  return TRUE;
}

/* Job placements, by the day the job starts: a job found this month
 * that begins next month counts next month. */
gboolean
jd_summary_count_placements (JdDb                  *db,
                             const JdSummaryPeriod *period,
                             JdSummaryCounts       *counts,
                             GPtrArray             *tables,
                             GError               **error)
{
  guint n_kinds;
  const JdChoice *kinds = jd_placement_kinds (&n_kinds);
  g_autofree guint *placed = g_new0 (guint, n_kinds + 1);
  JdSummaryTable *table;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT placement_kind FROM consultation"
                        " WHERE placement_kind IS NOT NULL AND placement_start >= ?1 AND placement_start < ?2",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text (stmt, 1, period->from_day);
  jd_stmt_bind_text (stmt, 2, period->to_day_exclusive);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      int kind = choice_index (kinds, n_kinds, jd_stmt_column_text (stmt, 0));

      placed[kind < 0 ? (int) n_kinds : kind]++;
      counts->placements++;
    }
  if (step_failed (db, stmt, rc, error))
    return FALSE;

  table = jd_summary_table_new (_("Job placements"),
                                _("Counted in the period the job starts in."),
                                _("Kind of job"), 1,
                                _("Placements"), JD_SUMMARY_VALUE_COUNT);
  for (guint i = 0; i < n_kinds; i++)
    {
      double values[1] = { placed[i] };

      jd_summary_table_add (table, jd_choice_label (kinds, n_kinds, kinds[i].code), values);
    }
  if (placed[n_kinds] > 0)
    {
      double values[1] = { placed[n_kinds] };

      jd_summary_table_add (table, _("Not given"), values);
    }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);
  return TRUE;
}

/* Events held in the period (begun by now) and their participants. */
gboolean
jd_summary_count_events (JdDb                  *db,
                         const JdSummaryPeriod *period,
                         JdSummaryCounts       *counts,
                         GPtrArray             *tables,
                         GError               **error)
{
  guint n_kinds;
  const JdChoice *kinds = jd_event_kinds (&n_kinds);
  g_autofree guint *events = g_new0 (guint, (n_kinds + 1));
  g_autofree guint *named = g_new0 (guint, (n_kinds + 1));
  g_autofree guint *heads = g_new0 (guint, (n_kinds + 1));
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JdSummaryTable *table;
  gint64 last_event = 0;
  JdStmt *stmt;
  int rc;

  /* Every event, with its attendances if any (one row each). */
  stmt = jd_db_prepare (db,
                        "SELECT e.id, e.kind, a.visitor_id, a.head_count FROM event e"
                        " LEFT JOIN attendance a ON a.event_id = e.id"
                        " WHERE e.starts_at >= ?1 AND e.starts_at < ?2 ORDER BY e.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, period->from);
  jd_stmt_bind_int64 (stmt, 2, MIN (period->to, period->now + 1));
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);
      int kind = choice_index (kinds, n_kinds, jd_stmt_column_text (stmt, 1));

      if (kind < 0)
        kind = (int) n_kinds;
      if (id != last_event)
        {
          events[kind]++;
          counts->events++;
          last_event = id;
        }
      if (jd_stmt_column_is_null (stmt, 3))
        continue;   /* nobody came */
      if (jd_stmt_column_is_null (stmt, 2))
        heads[kind] += (guint) jd_stmt_column_int64 (stmt, 3);
      else
        {
          gint64 visitor = jd_stmt_column_int64 (stmt, 2);

          named[kind]++;
          g_hash_table_add (people, g_memdup2 (&visitor, sizeof visitor));
        }
    }
  if (step_failed (db, stmt, rc, error))
    return FALSE;

  table = jd_summary_table_new (_("Events and participants"),
                                _("Events begun in the period. Participants: named people checked in "
                                  "plus anonymous head counts."),
                                _("Kind of event"), 4,
                                _("Events"), JD_SUMMARY_VALUE_COUNT,
                                _("Named participants"), JD_SUMMARY_VALUE_COUNT,
                                _("Head counts"), JD_SUMMARY_VALUE_COUNT,
                                _("Participants"), JD_SUMMARY_VALUE_COUNT);
  for (guint i = 0; i <= n_kinds; i++)
    {
      double values[4] = { events[i], named[i], heads[i], named[i] + heads[i] };

      counts->participants += named[i] + heads[i];
      if (events[i] > 0)
        jd_summary_table_add (table, i < n_kinds ? jd_choice_label (kinds, n_kinds, kinds[i].code)
                                                 : _("Not given"), values);
    }
  jd_summary_table_add_total (table);
  g_ptr_array_add (tables, table);
  counts->participants_unique = g_hash_table_size (people);
  return TRUE;
}
