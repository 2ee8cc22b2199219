/* jd-visitor-list.c: the list of all visitors, its filters and a
 * visitor's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a sorted array of ids (8 bytes a visitor: 8 MB for a
 * million); rows are read a page at a time for what is on screen.
 */
#define G_LOG_DOMAIN "jd-visitor-list"

#include "config.h"

#include <string.h>

#include "jd-age-band.h"
#include "jd-db-private.h"
#include "jd-district.h"
#include "jd-staff.h"
#include "jd-visitor-list.h"

void
jd_visitor_filter_clear (JdVisitorFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->district_code, g_free);
  g_clear_pointer (&filter->occupation, g_free);
  g_clear_pointer (&filter->visit_district_code, g_free);
  memset (filter, 0, sizeof *filter);
}

/* @dest is overwritten, not cleared first. */
void
jd_visitor_filter_copy (JdVisitorFilter       *dest,
                        const JdVisitorFilter *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->district_code = g_strdup (src->district_code);
  dest->occupation = g_strdup (src->occupation);
  dest->visit_district_code = g_strdup (src->visit_district_code);
}

void
jd_visitor_summary_free (JdVisitorSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->display_name);
  g_free (summary->birth_date);
  g_free (summary->phone);
  g_free (summary->district_code);
  g_free (summary->district_name);
  g_free (summary->occupation);
  g_free (summary);
}

JdVisitorSummary *
jd_visitor_summary_copy (const JdVisitorSummary *summary)
{
  JdVisitorSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_memdup2 (summary, sizeof *summary);
  copy->display_name = g_strdup (summary->display_name);
  copy->birth_date = g_strdup (summary->birth_date);
  copy->phone = g_strdup (summary->phone);
  copy->district_code = g_strdup (summary->district_code);
  copy->district_name = g_strdup (summary->district_name);
  copy->occupation = g_strdup (summary->occupation);
  return copy;
}

void
jd_history_entry_free (JdHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->what);
  g_free (entry->detail);
  g_free (entry);
}

/* Born after the first date and on or before the second: aged
 * @age_min to @age_max on the centre's today. */
static void
birth_range (JdDb  *db,
             int    age_min,
             int    age_max,
             char **after,
             char **until)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  g_autoptr(GDateTime) youngest = g_date_time_add_years (now, -age_min);
  g_autoptr(GDateTime) oldest = g_date_time_add_years (now, -(age_max + 1));

  *until = g_date_time_format (youngest, "%Y-%m-%d");
  *after = g_date_time_format (oldest, "%Y-%m-%d");
}

gboolean
jd_visitor_filter_is_empty (const JdVisitorFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  return filter->district_code == NULL && filter->occupation == NULL && !filter->neet_only &&
         filter->age_min == 0 && filter->age_max == 0 &&
         filter->registered_from == 0 && filter->registered_to == 0 &&
         filter->visited_from == 0 && filter->visited_to == 0;
}

gboolean
jd_visitor_filter_set_age_band (JdVisitorFilter *filter,
                                const char      *band)
{
  int index;

  g_return_val_if_fail (filter != NULL, FALSE);

  filter->age_min = filter->age_max = 0;
  if (band == NULL)
    return TRUE;

  index = jd_age_band_find (band);
  if (index < 0)
    return FALSE;
  jd_age_band_ages ((guint) index, &filter->age_min, &filter->age_max);
  return TRUE;
}

/* Stops a long statement of a worker whose result nobody waits for. */
static int
progress_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (user_data));
}

GArray *
jd_visitor_list_ids (JdDb                  *db,
                     const JdVisitorFilter *filter,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  g_autofree char *after = NULL;
  g_autofree char *until = NULL;
  JdVisitorFilter none = { 0 };
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (filter == NULL)
    filter = &none;

  /* Everyone, or those who pass the filters: one scan of the covering
   * index visitor_list, already in order, the filters tested on its
   * columns (~0.1 s at a million either way). A table scan and a sort
   * took two to four times as long; the indexes on district or
   * registration date, with a million look-ups, longer still. Ties on
   * the name come in index order in both statements. */
  if (jd_visitor_filter_is_empty (filter))
    stmt = jd_db_prepare (db,
                          "SELECT id FROM visitor INDEXED BY visitor_list"
                          " WHERE anonymised_at IS NULL ORDER BY name_key",
                          error);
  else
    stmt = jd_db_prepare (db,
                          "SELECT v.id FROM visitor v INDEXED BY visitor_list"
                          " WHERE v.anonymised_at IS NULL"
                          " AND (?1 IS NULL OR v.district_id = (SELECT id FROM district WHERE code = ?1))"
                          " AND (?2 IS NULL OR v.occupation = ?2)"
                          " AND (?3 = 0 OR v.occupation IN ('unemployed_seeking', 'not_seeking'))"
                          " AND (?4 IS NULL OR (v.birth_date > ?4 AND v.birth_date <= ?5))"
                          " AND (?6 = 0 OR v.created_at >= ?6)"
                          " AND (?7 = 0 OR v.created_at < ?7)"
                          /* The visits of a period: one range of the
                           * dashboard's covering index, not a look-up
                           * per visitor. */
                          " AND (?8 = 0 OR v.id IN (SELECT t.visitor_id FROM visit t INDEXED BY visit_stats"
                          "  WHERE t.time_in >= ?8 AND t.time_in < ?9"
                          "  AND (?10 IS NULL OR t.district_id = (SELECT id FROM district WHERE code = ?10))"
                          "  AND (?11 = 0 OR t.occupation IN ('unemployed_seeking', 'not_seeking'))"
                          "  AND (?12 = 0 OR t.age >= ?12) AND (?13 = 0 OR t.age <= ?13)"
                          "  AND (?14 IS NULL OR t.sex = ?14)))"
                          " ORDER BY v.name_key",
                          error);
  if (stmt == NULL)
    return NULL;

  if (jd_visitor_filter_is_empty (filter))
    goto step;

  if (filter->district_code != NULL)
    jd_stmt_bind_text (stmt, 1, filter->district_code);
  if (filter->occupation != NULL)
    jd_stmt_bind_text (stmt, 2, filter->occupation);
  jd_stmt_bind_int (stmt, 3, filter->neet_only ? 1 : 0);
  if (filter->age_min > 0 || filter->age_max > 0)
    {
      birth_range (db, filter->age_min, filter->age_max > 0 ? filter->age_max : 200, &after, &until);
      jd_stmt_bind_text (stmt, 4, after);
      jd_stmt_bind_text (stmt, 5, until);
    }
  jd_stmt_bind_int64 (stmt, 6, filter->registered_from);
  jd_stmt_bind_int64 (stmt, 7, filter->registered_to);
  if (filter->visited_from != 0 || filter->visited_to != 0)
    {
      jd_stmt_bind_int64 (stmt, 8, MAX (filter->visited_from, 1));
      jd_stmt_bind_int64 (stmt, 9, filter->visited_to != 0 ? filter->visited_to : G_MAXINT64);
    }
  else
    jd_stmt_bind_int64 (stmt, 8, 0);
  jd_db_bind_text_or_null (stmt, 10, filter->visit_district_code);
  jd_stmt_bind_int (stmt, 11, filter->visit_neet ? 1 : 0);
  jd_stmt_bind_int (stmt, 12, filter->visit_age_min);
  jd_stmt_bind_int (stmt, 13, filter->visit_age_max);
  jd_db_bind_text_or_null (stmt, 14, filter->visit_sex == JD_SEX_FEMALE ? "female"
                                     : filter->visit_sex == JD_SEX_MALE ? "male" : NULL);

step:
  /* A filtered list sorts before its first row: only the progress
   * handler can stop that early. */
  if (cancellable != NULL)
    jd_db_set_progress_handler (db, progress_cb, cancellable);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  jd_stmt_reset (stmt);
  if (cancellable != NULL)
    jd_db_set_progress_handler (db, NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  JdVisitorFilter *filter = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "db-path");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_READ_ONLY, &error);
  GArray *ids;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ids = jd_visitor_list_ids (db, filter, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
filter_free (JdVisitorFilter *filter)
{
  jd_visitor_filter_clear (filter);
  g_free (filter);
}

void
jd_visitor_list_ids_async (const char            *db_path,
                           const JdVisitorFilter *filter,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  JdVisitorFilter *copy = g_new0 (JdVisitorFilter, 1);

  g_return_if_fail (db_path != NULL);

  if (filter != NULL)
    jd_visitor_filter_copy (copy, filter);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_visitor_list_ids_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) filter_free);
  g_object_set_data_full (G_OBJECT (task), "db-path", g_strdup (db_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

GArray *
jd_visitor_list_ids_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
join_name (JdStmt *stmt,
           int     first)
{
  const char *patronymic = jd_stmt_column_text (stmt, first + 2);

  return g_strjoin (" ", jd_stmt_column_text (stmt, first), jd_stmt_column_text (stmt, first + 1),
                    (patronymic && *patronymic) ? patronymic : NULL, NULL);
}

/* "SELECT … WHERE v.id IN (?1, …, ?100)": built once, kept for the
 * life of the process as the key of the cached statement. */
static const char *
rows_sql (void)
{
  static gsize once = 0;
  static const char *sql;

  if (g_once_init_enter (&once))
    {
      GString *text = g_string_new ("SELECT v.id, v.surname, v.given_name, v.patronymic,"
                                    " v.birth_date, v.phone, d.code, d.name_kk, d.name_ru,"
                                    " d.name_en, v.locality, v.occupation,"
                                    " (SELECT max (time_in) FROM visit WHERE visitor_id = v.id)"
                                    " FROM visitor v LEFT JOIN district d ON d.id = v.district_id"
                                    " WHERE v.anonymised_at IS NULL AND v.id IN (");

      for (guint i = 1; i <= JD_VISITOR_LIST_PAGE_SIZE; i++)
        g_string_append_printf (text, i == 1 ? "?%u" : ", ?%u", i);
      g_string_append (text, ")");
      sql = g_string_free (text, FALSE);
      g_once_init_leave (&once, 1);
    }

  return sql;
}

static JdVisitorSummary *
read_summary (JdStmt *stmt)
{
  JdVisitorSummary *summary = g_new0 (JdVisitorSummary, 1);
  const char *locality = jd_stmt_column_text (stmt, 10);
  JdDistrict district = {
    .name_kk = (char *) jd_stmt_column_text (stmt, 7),
    .name_ru = (char *) jd_stmt_column_text (stmt, 8),
    .name_en = (char *) jd_stmt_column_text (stmt, 9),
  };

  summary->id = jd_stmt_column_int64 (stmt, 0);
  summary->display_name = join_name (stmt, 1);
  summary->birth_date = g_strdup (jd_stmt_column_text (stmt, 4));
  summary->phone = g_strdup (jd_stmt_column_text (stmt, 5));
  summary->district_code = g_strdup (jd_stmt_column_text (stmt, 6));
  if (locality != NULL && *locality != '\0')
    summary->district_name = g_strdup (locality);
  else if (district.name_en != NULL)
    summary->district_name = g_strdup (jd_district_get_name (&district));
  summary->occupation = g_strdup (jd_stmt_column_text (stmt, 11));
  summary->last_visit = jd_stmt_column_int64 (stmt, 12);
  return summary;
}

GPtrArray *
jd_visitor_list_rows (JdDb          *db,
                      const gint64  *ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) slots = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  rows = g_ptr_array_new_full (n_ids, (GDestroyNotify) jd_visitor_summary_free);
  g_ptr_array_set_size (rows, n_ids);
  /* Where each id goes: the query returns rows in its own order. */
  slots = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_insert (slots, (gpointer) &ids[i], GUINT_TO_POINTER (i));

  for (guint first = 0; first < n_ids; first += JD_VISITOR_LIST_PAGE_SIZE)
    {
      guint n = MIN (JD_VISITOR_LIST_PAGE_SIZE, n_ids - first);
      JdStmt *stmt = jd_db_prepare (db, rows_sql (), error);
      int rc;

      if (stmt == NULL)
        return NULL;

      /* Unused parameters stay NULL, which matches no id. */
      for (guint i = 0; i < n; i++)
        jd_stmt_bind_int64 (stmt, i + 1, ids[first + i]);

      while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
        {
          gint64 id = jd_stmt_column_int64 (stmt, 0);
          gpointer slot;

          if (g_hash_table_lookup_extended (slots, &id, NULL, &slot) &&
              g_ptr_array_index (rows, GPOINTER_TO_UINT (slot)) == NULL)
            g_ptr_array_index (rows, GPOINTER_TO_UINT (slot)) = read_summary (stmt);
        }
      jd_stmt_reset (stmt);

      if (rc != JD_STEP_DONE)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
    }

  /* The same id twice in @ids (never from jd_visitor_list_ids ()) gets
   * its row once per place. */
  for (guint i = 0; i < n_ids; i++)
    {
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (slots, &ids[i]));

      if (slot != i && g_ptr_array_index (rows, slot) != NULL)
        g_ptr_array_index (rows, i) = jd_visitor_summary_copy (g_ptr_array_index (rows, slot));
    }

  return g_steal_pointer (&rows);
}

guint64
jd_visitor_list_stamp (JdDb *db)
{
  gint64 version;

  g_return_val_if_fail (db != NULL, 0);

  /* data_version moves with commits of other connections (another desk,
   * a worker), total_changes with those of this one. */
  version = MAX (jd_db_get_data_version (db), 0);

  return ((guint64) version << 40) ^ (guint64) jd_db_total_changes (db);
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const JdHistoryEntry *ea = *(JdHistoryEntry * const *) a;
  const JdHistoryEntry *eb = *(JdHistoryEntry * const *) b;

  return ea->time > eb->time ? -1 : ea->time < eb->time;
}

static gboolean
collect_history (JdDb           *db,
                 GPtrArray      *entries,
                 const char     *sql,
                 JdHistoryKind   kind,
                 gint64          visitor_id,
                 GError        **error)
{
  JdStmt *stmt = jd_db_prepare (db, sql, error);
  JdHistoryEntry *last = NULL;
  gint64 last_key = -1;
  int rc;

  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 key = jd_stmt_column_int64 (stmt, 0);
      const char *what = jd_stmt_column_text (stmt, 2);

      /* Visits come one row per purpose: join them. */
      if (last != NULL && key == last_key)
        {
          char *joined = g_strconcat (last->what, ",", what, NULL);

          g_free (last->what);
          last->what = joined;
          continue;
        }

      last = g_new0 (JdHistoryEntry, 1);
      last->kind = kind;
      last->time = jd_stmt_column_int64 (stmt, 1);
      last->what = g_strdup (what ? what : "");
      last->detail = g_strdup (jd_stmt_column_text (stmt, 3));
      last_key = key;
      g_ptr_array_add (entries, last);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* Whether the actor may know of a consultation of @service: that
 * someone sees a psychologist is itself sensitive. Receptionists: none;
 * specialists: their own services; managers and administrators: all. */
static gboolean
may_see_consultation (const JdStaff *actor,
                      const char    *service)
{
  switch (actor->role)
    {
    case JD_ROLE_MANAGER:
    case JD_ROLE_ADMINISTRATOR:
      return TRUE;
    case JD_ROLE_SPECIALIST:
      return actor->services != NULL && service != NULL &&
             g_strv_contains ((const char * const *) actor->services, service);
    case JD_ROLE_RECEPTIONIST:
    default:
      return FALSE;
    }
}

GPtrArray *
jd_visitor_history (JdDb     *db,
                    gint64    visitor_id,
                    GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_history_entry_free);
  g_autoptr(JdStaff) actor = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return NULL;
  actor = jd_db_get_actor (db);

  /* Visits with their purposes (the front desk's own data) and events:
   * everyone. */
  if (!collect_history (db, entries,
                        "SELECT v.id, v.time_in, vp.purpose, NULL FROM visit v"
                        " LEFT JOIN visit_purpose vp ON vp.visit_id = v.id"
                        " WHERE v.visitor_id = ?1 ORDER BY v.time_in DESC, v.id, vp.id",
                        JD_HISTORY_VISIT, visitor_id, error) ||
      !collect_history (db, entries,
                        "SELECT e.id, e.starts_at, e.title, NULL FROM attendance a"
                        " JOIN event e ON e.id = a.event_id"
                        " WHERE a.visitor_id = ?1 ORDER BY e.starts_at DESC",
                        JD_HISTORY_EVENT, visitor_id, error))
    return NULL;

  if (actor->role != JD_ROLE_RECEPTIONIST)
    {
      guint first = entries->len;

      if (!collect_history (db, entries,
                            /* A job found says more than the outcome. */
                            "SELECT id, started_at, service,"
                            " CASE WHEN placement_kind IS NOT NULL THEN 'placed' ELSE outcome END"
                            " FROM consultation"
                            " WHERE visitor_id = ?1 ORDER BY started_at DESC",
                            JD_HISTORY_CONSULTATION, visitor_id, error))
        return NULL;
      for (guint i = entries->len; i > first; i--)
        {
          const JdHistoryEntry *entry = entries->pdata[i - 1];

          if (!may_see_consultation (actor, entry->what))
            g_ptr_array_remove_index (entries, i - 1);
        }
    }

  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}
