/* jd-search-private.h: what the search index and the search queries share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db-private.h"
#include "jd-search.h"

G_BEGIN_DECLS

/* Sorts after every string that starts with the text before it. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"
/* Sorts after the text before it and before any longer string: no token
 * holds a control character. */
#define EXACT_END "\x01"
#define ROMAN_MARK "~"
/* Starts the keys of visitor_pair: "\x02бекмұханова шұғыла", one for
 * every ordered pair of different name words of a visitor. Sorts
 * before every word, and tells a pair from a token in the bulk tokens. */
#define PAIR_MARK "\x02"

gboolean   jd_search_is_digits        (const char  *word);
GPtrArray *jd_search_split_words      (const char  *folded,
                                       gboolean     pieces);
GPtrArray *jd_search_name_words       (const char  *folded);
void       jd_search_phone_forms      (const char  *phone,
                                       char       **full,
                                       char       **national);
char      *jd_search_dialled_at_home  (const char  *word);

/* A visitor's row as a search checks it (jd-search-match.c). */
typedef struct
{
  char   *surname;
  char   *given_name;
  char   *patronymic;
  char   *birth_date;
  char   *phone;
  char   *iin;
  char   *name_key;
  gint64  last_visit;
} JdSearchRow;

void       jd_search_row_clear        (JdSearchRow  *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JdSearchRow, jd_search_row_clear)

JdStmt    *jd_search_prepare_row      (JdDb               *db,
                                       GError            **error);
gboolean   jd_search_load_row         (JdDb               *db,
                                       JdStmt             *stmt,
                                       gint64              id,
                                       JdSearchRow        *row,
                                       GError            **error);
GHashTable *jd_search_load_rows       (JdDb               *db,
                                       GArray             *ids,
                                       GError            **error);
gboolean   jd_search_read_consent     (JdDb               *db,
                                       GPtrArray          *results,
                                       GError            **error);
int        jd_search_classify         (GPtrArray          *words,
                                       const JdSearchRow  *row,
                                       gboolean            romanized);

G_END_DECLS
