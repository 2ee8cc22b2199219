/* jd-search.h: finding visitors as the receptionist types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"

G_BEGIN_DECLS

typedef enum
{
  JD_MATCH_EXACT,       /* a whole name word, the phone or the IIN */
  JD_MATCH_PREFIX,      /* the start of a name word, phone or IIN */
  JD_MATCH_SUBSTRING,   /* anywhere inside (3+ characters) */
  JD_MATCH_TRANSLIT,    /* through a Latin spelling or the wrong layout */
} JdMatchKind;

typedef struct
{
  gint64       visitor_id;
  char        *surname;
  char        *given_name;
  char        *patronymic;     /* nullable */
  char        *birth_date;     /* ISO */
  char        *phone;          /* nullable, E.164 */
  char        *iin;            /* nullable */
  gint64       last_visit;     /* Unix seconds, 0 if never */
  JdMatchKind  match;
  gboolean     consent_given;
} JdSearchResult;

void       jd_search_result_free     (JdSearchResult *result);

/* Keeps the search index of one visitor in step with its row: call in
 * the same transaction as the insert or update. Replaces what was there. */
gboolean   jd_search_index_visitor   (JdDb        *db,
                                      gint64       visitor_id,
                                      const char  *surname,
                                      const char  *given_name,
                                      const char  *patronymic,
                                      const char  *phone,
                                      const char  *iin,
                                      GError     **error);
/* The same for a visitor just inserted, who has nothing indexed yet. */
gboolean   jd_search_index_new_visitor (JdDb        *db,
                                        gint64       visitor_id,
                                        const char  *surname,
                                        const char  *given_name,
                                        const char  *patronymic,
                                        const char  *phone,
                                        const char  *iin,
                                        GError     **error);
/* What a visitor is found by (words, their Latin keys, phone and IIN
 * digits; the text for substrings), worked out without the database. */
typedef struct
{
  GPtrArray *tokens;   /* (element-type utf8) */
  GPtrArray *pairs;    /* (element-type utf8): visitor_pair keys */
  char      *text;
} JdSearchKeys;

JdSearchKeys *jd_search_keys_new     (const char          *surname,
                                      const char          *given_name,
                                      const char          *patronymic,
                                      const char          *phone,
                                      const char          *iin);
void       jd_search_keys_free       (JdSearchKeys        *keys);
/* jd_search_index_new_visitor() with the keys worked out before. */
gboolean   jd_search_index_keys      (JdDb                *db,
                                      gint64               visitor_id,
                                      const JdSearchKeys  *keys,
                                      GError             **error);
gboolean   jd_search_unindex_visitor (JdDb        *db,
                                      gint64       visitor_id,
                                      GError     **error);
/* Imports, in the caller's transaction: tokens of new visitors are
 * gathered and written in order at the end (or dropped, @write FALSE). */
void       jd_search_bulk_begin      (JdDb        *db);
gboolean   jd_search_bulk_end        (JdDb        *db,
                                      gboolean     write,
                                      GError     **error);
/* Indexes every visitor again (after a change of what is indexed), in
 * the caller's transaction. */
gboolean   jd_search_reindex_all     (JdDb        *db,
                                      GError     **error);
/* Fills the index of name word pairs again (a migration). */
gboolean   jd_search_index_pairs     (JdDb        *db,
                                      GError     **error);
/* Merges the substring index into one piece, which makes searches of
 * common letters faster after many visitors were added (an import, the
 * demo data, a nightly job). Takes seconds on a million visitors. */
gboolean   jd_search_optimize        (JdDb        *db,
                                      GError     **error);

/* Best first: exact and prefix above substring, above transliterated;
 * within a kind, the most recent visitor first. Several words must all
 * match (e.g. "асан ерж"). At most @limit results.
 * Returns: (transfer full) (element-type JdSearchResult) */
GPtrArray *jd_search_visitors        (JdDb          *db,
                                      const char    *query,
                                      guint          limit,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* The same off the calling thread, on its own read-only connection to
 * @db_path; a cancelled search finishes with G_IO_ERROR_CANCELLED. */
void       jd_search_visitors_async  (const char          *db_path,
                                      const char          *query,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *jd_search_visitors_finish (GAsyncResult        *result,
                                      GError             **error);
/* The asynchronous searches keep one read-only connection open between
 * keystrokes; this closes it (at exit, or before the file is replaced). */
void       jd_search_close_reader    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdSearchResult, jd_search_result_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdSearchKeys, jd_search_keys_free)

G_END_DECLS
