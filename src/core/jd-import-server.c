/* jd-import-server.c: a bulk import's visitors written to the centre
 * server a few hundred at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a server every statement is a network round trip: a visitor, the
 * consent and the social categories were three or more per row. In a
 * bulk import (duplicates found in memory, nothing read back) a server
 * gathers the rows instead and writes each table's batch as one INSERT …
 * SELECT FROM unnest () of array literals (jd-sql-array.c). The ids are
 * taken from the visitor table's own sequence first, so that a row has
 * its id at once, as jd_visitor_insert_unlocked () gives it. The same
 * values go in as there; a file keeps writing row by row.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include "jd-choice.h"
#include "jd-db-private.h"
#include "jd-import-private.h"
#include "jd-search.h"
#include "jd-sql-array.h"
#include "jd-visitor.h"

#define SERVER_ROWS 400

typedef struct
{
  JdVisitor    *visitor;
  char         *key;
  JdSearchKeys *keys;
  gint64        created_at;
} Pending;

struct _ImportServerRows
{
  GArray    *pending;    /* of Pending */
  GArray    *ids;        /* taken from the sequence, not used yet */
  guint      next_id;
};

static void
pending_clear (Pending *p)
{
  g_clear_pointer (&p->visitor, jd_visitor_free);
  g_clear_pointer (&p->key, g_free);
  g_clear_pointer (&p->keys, jd_search_keys_free);
}

ImportServerRows *
import_server_rows_new (void)
{
  ImportServerRows *rows = g_new0 (ImportServerRows, 1);

  rows->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (rows->pending, (GDestroyNotify) pending_clear);
  rows->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return rows;
}

void
import_server_rows_free (ImportServerRows *rows)
{
  if (rows == NULL)
    return;

  g_array_unref (rows->pending);
  g_array_unref (rows->ids);
  g_free (rows);
}

static gboolean
take_ids (JdDb              *db,
          ImportServerRows  *rows,
          GError           **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT nextval (pg_get_serial_sequence ('visitor', 'id'))"
                                " FROM generate_series (1, ?1)",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (rows->ids, 0);
  rows->next_id = 0;
  jd_stmt_bind_int (stmt, 1, SERVER_ROWS);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      g_array_append_val (rows->ids, id);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
bind_staff (JdStmt *stmt,
            int     index,
            gint64  staff_id)
{
  if (staff_id > 0)
    jd_stmt_bind_int64 (stmt, index, staff_id);
  else
    jd_stmt_bind_null (stmt, index);
}

/* Binds the arrays of @columns as ?1 … ?n, and with @staff the person
 * importing as ?n+1. */
static gboolean
insert (JdDb        *db,
        const char  *sql,
        GString    **columns,
        guint        n_columns,
        gboolean     staff,
        gint64       staff_id,
        GError     **error)
{
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  JdStmt *stmt;

  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (literals, jd_sql_array_end (columns[i]));
  stmt = jd_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    jd_stmt_bind_text_static (stmt, (int) i + 1, literals->pdata[i]);
  if (staff)
    bind_staff (stmt, (int) n_columns + 1, staff_id);
  return jd_db_step_done (db, stmt, error);
}

enum { V_ID, V_SURNAME, V_GIVEN, V_PATRONYMIC, V_IIN, V_BIRTH, V_SEX, V_PHONE, V_EMAIL, V_DISTRICT,
       V_LOCALITY, V_OCCUPATION, V_EDUCATION, V_LANGUAGE, V_NOTES, V_KEY, V_CREATED, N_V };
enum { C_VISITOR, C_GIVEN_ON, C_BY, C_GUARDIAN, C_GUARDIAN_PHONE, C_CREATED, N_C };
enum { K_VISITOR, K_CATEGORY, K_CREATED, N_K };

static gboolean
write_visitors (JdDb              *db,
                ImportServerRows  *rows,
                gint64             staff_id,
                GError           **error)
{
  GString *v[N_V];
  gboolean ok;

  for (int c = 0; c < N_V; c++)
    v[c] = g_string_new (NULL);
  for (guint i = 0; i < rows->pending->len; i++)
    {
      Pending *p = &g_array_index (rows->pending, Pending, i);
      JdVisitor *visitor = p->visitor;

      jd_sql_array_append_int64 (v[V_ID], visitor->id);
      jd_sql_array_append_text (v[V_SURNAME], visitor->surname);
      jd_sql_array_append_text (v[V_GIVEN], visitor->given_name);
      jd_sql_array_append_text (v[V_PATRONYMIC], visitor->patronymic);
      jd_sql_array_append_text (v[V_IIN], visitor->iin);
      jd_sql_array_append_text (v[V_BIRTH], visitor->birth_date);
      jd_sql_array_append_text (v[V_SEX], jd_sex_to_code (visitor->sex));
      jd_sql_array_append_text (v[V_PHONE], visitor->phone);
      jd_sql_array_append_text (v[V_EMAIL], visitor->email);
      jd_sql_array_append_text (v[V_DISTRICT], visitor->district_code);
      jd_sql_array_append_text (v[V_LOCALITY], visitor->locality);
      jd_sql_array_append_text (v[V_OCCUPATION], visitor->occupation);
      jd_sql_array_append_text (v[V_EDUCATION], visitor->education);
      jd_sql_array_append_text (v[V_LANGUAGE], visitor->language);
      jd_sql_array_append_text (v[V_NOTES], visitor->notes);
      jd_sql_array_append_text (v[V_KEY], p->key);
      jd_sql_array_append_int64 (v[V_CREATED], p->created_at);
    }
  ok = insert (db,
               "INSERT INTO visitor (id, surname, given_name, patronymic, iin, birth_date, sex,"
               " phone, email, district_id, locality, occupation, education, language, notes,"
               " name_key, created_at, updated_at, created_by, updated_by)"
               " SELECT u.id, s, g, p, i, b, x, ph, e, (SELECT d.id FROM district d WHERE d.code = dc),"
               " l, o, ed, la, n, k, t, t, CAST (?18 AS bigint), CAST (?18 AS bigint)"
               " FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]), CAST (?3 AS text[]),"
               " CAST (?4 AS text[]), CAST (?5 AS text[]), CAST (?6 AS text[]), CAST (?7 AS text[]),"
               " CAST (?8 AS text[]), CAST (?9 AS text[]), CAST (?10 AS text[]), CAST (?11 AS text[]),"
               " CAST (?12 AS text[]), CAST (?13 AS text[]), CAST (?14 AS text[]), CAST (?15 AS text[]),"
               " CAST (?16 AS text[]), CAST (?17 AS bigint[]))"
               " AS u (id, s, g, p, i, b, x, ph, e, dc, l, o, ed, la, n, k, t)",
               v, N_V, TRUE, staff_id, error);
  for (int c = 0; c < N_V; c++)
    g_string_free (v[c], TRUE);
  return ok;
}

static gboolean
write_related (JdDb              *db,
               ImportServerRows  *rows,
               gint64             staff_id,
               GError           **error)
{
  guint n_choices;
  const JdChoice *categories = jd_social_categories (&n_choices);
  GTimeZone *tz = jd_db_get_time_zone (db);
  GString *c[N_C], *k[N_K];
  guint n_consents = 0, n_categories = 0;
  gboolean ok = TRUE;

  for (int i = 0; i < N_C; i++)
    c[i] = g_string_new (NULL);
  for (int i = 0; i < N_K; i++)
    k[i] = g_string_new (NULL);
  for (guint i = 0; i < rows->pending->len; i++)
    {
      Pending *p = &g_array_index (rows->pending, Pending, i);
      JdVisitor *visitor = p->visitor;

      for (guint j = 0; visitor->categories != NULL && visitor->categories[j] != NULL; j++)
        {
          if (jd_choice_find (categories, n_choices, visitor->categories[j]) == NULL)
            continue;
          jd_sql_array_append_int64 (k[K_VISITOR], visitor->id);
          jd_sql_array_append_text (k[K_CATEGORY], visitor->categories[j]);
          jd_sql_array_append_int64 (k[K_CREATED], p->created_at);
          n_categories++;
        }

      /* Imported without any record of consent: none is made up. */
      if (visitor->consent_given)
        {
          g_autofree char *today = NULL;

          if (visitor->consent_date == NULL)
            {
              g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (p->created_at);
              g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

              today = g_date_time_format (local, "%Y-%m-%d");
            }
          jd_sql_array_append_int64 (c[C_VISITOR], visitor->id);
          jd_sql_array_append_text (c[C_GIVEN_ON], visitor->consent_date != NULL ? visitor->consent_date : today);
          jd_sql_array_append_text (c[C_BY], visitor->consent_by_guardian ? "guardian" : "self");
          jd_sql_array_append_text (c[C_GUARDIAN], visitor->guardian_name);
          jd_sql_array_append_text (c[C_GUARDIAN_PHONE], visitor->guardian_phone);
          jd_sql_array_append_int64 (c[C_CREATED], p->created_at);
          n_consents++;
        }
    }

  if (n_categories > 0)
    ok = insert (db,
                 "INSERT INTO visitor_category (visitor_id, category, created_at, updated_at)"
                 " SELECT v, c, t, t FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]),"
                 " CAST (?3 AS bigint[])) AS u (v, c, t)"
                 " ON CONFLICT DO NOTHING",
                 k, N_K, FALSE, 0, error);
  if (ok && n_consents > 0)
    ok = insert (db,
                 "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                 " guardian_name, guardian_phone, created_at, updated_at, created_by)"
                 " SELECT v, '" JD_CONSENT_TEXT_VERSION "', d, b, g, gp, t, t, CAST (?7 AS bigint)"
                 " FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]), CAST (?3 AS text[]),"
                 " CAST (?4 AS text[]), CAST (?5 AS text[]), CAST (?6 AS bigint[]))"
                 " AS u (v, d, b, g, gp, t)",
                 c, N_C, TRUE, staff_id, error);

  for (int i = 0; i < N_C; i++)
    g_string_free (c[i], TRUE);
  for (int i = 0; i < N_K; i++)
    g_string_free (k[i], TRUE);
  return ok;
}

/**
 * import_server_rows_flush:
 *
 * Writes the rows gathered: the visitors, then what points at them (the
 * categories, the consents, the search keys). Before anything reads a
 * visitor row back, and before the commit.
 */
gboolean
import_server_rows_flush (Import  *im,
                          GError **error)
{
  ImportServerRows *rows = im->server_rows;
  gint64 staff_id = jd_db_get_actor_id (im->db);
  gboolean ok;

  if (rows == NULL || rows->pending->len == 0)
    return TRUE;

  ok = write_visitors (im->db, rows, staff_id, error) &&
       write_related (im->db, rows, staff_id, error);
  for (guint i = 0; ok && i < rows->pending->len; i++)
    {
      Pending *p = &g_array_index (rows->pending, Pending, i);

      ok = jd_search_index_keys (im->db, p->visitor->id, p->keys, error);
    }
  g_array_set_size (rows->pending, 0);
  return ok;
}

/**
 * import_server_rows_add:
 * @visitor: (transfer full): validated, given its id here
 * @key: (transfer full): its name key
 * @keys: (transfer full) (nullable): its search keys
 *
 * jd_visitor_insert_unlocked () for a bulk import on a server: the row
 * is written with others by import_server_rows_flush (). @visitor and
 * @key stay valid until then.
 */
gboolean
import_server_rows_add (Import        *im,
                        JdVisitor     *visitor,
                        gint64         registered,
                        char          *key,
                        JdSearchKeys  *keys,
                        GError       **error)
{
  ImportServerRows *rows = im->server_rows;
  Pending p = { visitor, key, keys, registered > 0 ? registered : jd_db_now () };

  if (rows->next_id >= rows->ids->len && !take_ids (im->db, rows, error))
    {
      pending_clear (&p);
      return FALSE;
    }
  visitor->id = g_array_index (rows->ids, gint64, rows->next_id++);
  visitor->created_at = visitor->updated_at = p.created_at;
  visitor->row_version = 1;
  if (p.keys == NULL)
    p.keys = jd_search_keys_new (visitor->surname, visitor->given_name, visitor->patronymic,
                                 visitor->phone, visitor->iin);
  g_array_append_val (rows->pending, p);
  return TRUE;
}

/* After a row: the batch is written when full. */
gboolean
import_server_rows_maybe_flush (Import  *im,
                                GError **error)
{
  return im->server_rows == NULL || im->server_rows->pending->len < SERVER_ROWS ||
         import_server_rows_flush (im, error);
}
