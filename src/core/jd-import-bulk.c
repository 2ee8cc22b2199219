/* jd-import-bulk.c: a big import, with duplicates found in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moved from jd-export.c unchanged.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include "jd-db-private.h"
#include "jd-import-private.h"
#include "jd-search.h"

/* Bulk imports. */

/* A file as big as the database (at about 200 bytes a row) or bigger,
 * and 5,000 rows at least, is imported in bulk. */
#define BULK_ROW_BYTES 200
#define BULK_MIN_ROWS  5000

gboolean
choose_bulk (Import        *im,
             GFile         *file,
             JdImportMode   mode,
             gboolean      *bulk,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  JdStmt *stmt;
  gint64 rows, existing = 0;

  *bulk = mode == JD_IMPORT_BULK;
  if (mode != JD_IMPORT_AUTO)
    return TRUE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return TRUE;
  rows = g_file_info_get_size (info) / BULK_ROW_BYTES;
  /* A workbook is packed: about half the bytes a visitor (2,000
   * exported: 203 kB as .xlsx, 214 kB as .ods, 398 kB as CSV). */
  if (im->workbook)
    rows *= 2;

  stmt = jd_db_prepare (im->db, "SELECT max(id) FROM visitor", error);
  if (stmt == NULL)
    return FALSE;
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    existing = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);

  *bulk = rows >= BULK_MIN_ROWS && rows >= existing;
  return TRUE;
}

static char *
name_and_birth (const char *key,
                const char *birth_date)
{
  return g_strconcat (key, "\x1f", birth_date, NULL);
}

static void
remember_key (GHashTable *keys,
              char       *key,
              gint64      visitor_id)
{
  if (key == NULL || g_hash_table_contains (keys, key))
    g_free (key);
  else
    g_hash_table_insert (keys, key, GSIZE_TO_POINTER ((gsize) visitor_id));
}

void
remember_visitor (Import     *im,
                  gint64      visitor_id,
                  const char *iin,
                  const char *phone,
                  const char *key,
                  const char *birth_date,
                  gboolean    anonymised)
{
  remember_key (im->by_iin, g_strdup (iin), visitor_id);
  if (anonymised)
    return;
  remember_key (im->by_phone, g_strdup (phone), visitor_id);
  if (iin == NULL)
    remember_key (im->by_phone_bare, g_strdup (phone), visitor_id);
  if (key != NULL && birth_date != NULL)
    {
      remember_key (im->by_name, name_and_birth (key, birth_date), visitor_id);
      if (iin == NULL)
        remember_key (im->by_name_bare, name_and_birth (key, birth_date), visitor_id);
    }
}

static gint64
lookup_key (GHashTable *keys,
            const char *key)
{
  return key != NULL ? (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (keys, key)) : 0;
}

/* The rules of jd_visitor_find_duplicates() in the same order, on the
 * keys in memory: the id of the person @visitor repeats (and why), or 0.
 * Someone with an IIN can only be warned about people without one: two
 * different IINs are two people (the same one is found first). */
gint64
bulk_duplicate (Import             *im,
                const JdVisitor    *visitor,
                const char         *key,
                const char         *short_key,
                JdDuplicateReason  *reason)
{
  GHashTable *by_name = visitor->iin != NULL ? im->by_name_bare : im->by_name;
  GHashTable *by_phone = visitor->iin != NULL ? im->by_phone_bare : im->by_phone;
  gint64 id;

  *reason = JD_DUPLICATE_SAME_IIN;
  if ((id = lookup_key (im->by_iin, visitor->iin)) != 0)
    return id;
  *reason = JD_DUPLICATE_SAME_NAME_AND_DOB;
  if (visitor->birth_date != NULL)
    {
      g_autofree char *full = name_and_birth (key, visitor->birth_date);
      g_autofree char *shorter = short_key ? name_and_birth (short_key, visitor->birth_date) : NULL;

      if ((id = lookup_key (by_name, full)) != 0 || (id = lookup_key (by_name, shorter)) != 0)
        return id;
    }
  *reason = JD_DUPLICATE_SAME_PHONE;
  return lookup_key (by_phone, visitor->phone);
}

/* Inside the import's transaction: the keys of everyone registered in
 * memory, the secondary indexes dropped, search tokens gathered. */
gboolean
bulk_begin (Import  *im,
            GError **error)
{
  /* Indexes whose entries would go to random places. New visitors'
   * ids grow, so an index by visitor id or by district (a dozen places
   * where rows are added at the end) stays cheap to keep up. */
  static const char * const indexes[] = {
    "visitor_name_key", "visitor_phone", "visitor_created", "visitor_list", "visitor_token_visitor", NULL
  };
  JdStmt *stmt;
  int rc;

  im->by_iin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_name_bare = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_phone_bare = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = jd_db_prepare (im->db,
                        "SELECT id, iin, phone, name_key, birth_date, anonymised_at IS NOT NULL"
                        " FROM visitor ORDER BY id",
                        error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    remember_visitor (im, jd_stmt_column_int64 (stmt, 0), jd_import_text (stmt, 1), jd_import_text (stmt, 2),
                      jd_import_text (stmt, 3), jd_import_text (stmt, 4), jd_stmt_column_int (stmt, 5));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (im->db, rc, error);
      return FALSE;
    }

  im->dropped = jd_db_drop_indexes (im->db, indexes, error);
  if (im->dropped == NULL)
    return FALSE;
  jd_search_bulk_begin (im->db);
  if (jd_db_get_engine_kind (im->db) != JD_DB_ENGINE_SQLITE)
    im->server_rows = import_server_rows_new ();
  return TRUE;
}

/* Before the commit: a server's last rows, tokens written in order,
 * indexes made again. */
gboolean
bulk_end (Import  *im,
          GError **error)
{
  return import_server_rows_flush (im, error) &&
         jd_search_bulk_end (im->db, TRUE, error) &&
         jd_db_restore_indexes (im->db, im->dropped, error);
}

void
bulk_clear (Import *im)
{
  g_clear_pointer (&im->server_rows, import_server_rows_free);
  jd_search_bulk_end (im->db, FALSE, NULL);
  g_clear_pointer (&im->dropped, g_ptr_array_unref);
  g_clear_pointer (&im->by_iin, g_hash_table_unref);
  g_clear_pointer (&im->by_name, g_hash_table_unref);
  g_clear_pointer (&im->by_phone, g_hash_table_unref);
  g_clear_pointer (&im->by_name_bare, g_hash_table_unref);
  g_clear_pointer (&im->by_phone_bare, g_hash_table_unref);
}
