/* jd-visitor-list.h: the list of all visitors, its filters and a
 * visitor's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-types.h"

G_BEGIN_DECLS

/* Rows a page of the list reads in one query. */
#define JD_VISITOR_LIST_PAGE_SIZE 100

typedef struct
{
  char    *district_code;   /* nullable: any */
  char    *occupation;      /* nullable: any */
  gboolean neet_only;
  int      age_min;         /* 0: any; ages today, inclusive */
  int      age_max;         /* 0: no upper limit */
  gint64   registered_from; /* Unix seconds, 0: any */
  gint64   registered_to;   /* exclusive, 0: any */
  /* People who came in [visited_from, visited_to) (Unix seconds; both 0:
   * no such condition), at a visit that also matches what follows, as
   * recorded at that visit: the way the dashboard counts them. */
  gint64   visited_from;
  gint64   visited_to;
  char    *visit_district_code; /* nullable: any */
  gboolean visit_neet;
  int      visit_age_min;       /* 0: any; age on the visit day */
  int      visit_age_max;       /* 0: no upper limit */
  JdSex    visit_sex;           /* JD_SEX_UNKNOWN: any */
} JdVisitorFilter;

typedef struct
{
  gint64  id;
  char   *display_name;
  char   *birth_date;      /* ISO */
  char   *phone;           /* nullable */
  char   *district_code;   /* nullable */
  char   *district_name;   /* nullable: in the interface language, or the
                            * locality typed for "other" */
  char   *occupation;
  gint64  last_visit;      /* 0 if never */
} JdVisitorSummary;

typedef enum
{
  JD_HISTORY_VISIT,
  JD_HISTORY_CONSULTATION,
  JD_HISTORY_EVENT,
} JdHistoryKind;

typedef struct
{
  JdHistoryKind  kind;
  gint64         time;
  char          *what;     /* visit: purposes joined by ","; consultation: service; event: title */
  char          *detail;   /* consultation: outcome; otherwise NULL */
} JdHistoryEntry;

void        jd_visitor_filter_clear   (JdVisitorFilter  *filter);
void        jd_visitor_filter_copy    (JdVisitorFilter       *dest,
                                       const JdVisitorFilter *src);
gboolean    jd_visitor_filter_is_empty (const JdVisitorFilter *filter);
/* Sets the ages from a band of jd_age_band() ("14-17", "18-24", "25-29",
 * "30-35"), or clears them for NULL; FALSE for anything else. */
gboolean    jd_visitor_filter_set_age_band (JdVisitorFilter *filter,
                                            const char      *band);
JdVisitorSummary *jd_visitor_summary_copy (const JdVisitorSummary *summary);
void        jd_visitor_summary_free   (JdVisitorSummary *summary);
void        jd_history_entry_free     (JdHistoryEntry   *entry);

/* Ids of the visitors that pass @filter, in alphabetical order.
 * Returns: (transfer full) (element-type gint64) */
GArray     *jd_visitor_list_ids       (JdDb                  *db,
                                       const JdVisitorFilter *filter,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* The same on a worker thread with its own read-only connection. */
void        jd_visitor_list_ids_async (const char            *db_path,
                                       const JdVisitorFilter *filter,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
GArray     *jd_visitor_list_ids_finish (GAsyncResult         *result,
                                        GError              **error);

/* One summary per id, in the same order (a removed visitor gives NULL),
 * read with one query per JD_VISITOR_LIST_PAGE_SIZE ids.
 * Returns: (transfer full) (element-type JdVisitorSummary) */
GPtrArray  *jd_visitor_list_rows      (JdDb                  *db,
                                       const gint64          *ids,
                                       guint                  n_ids,
                                       GError               **error);

/* A value that changes whenever anything was written to the database,
 * through @db or by another connection: the list is read again only when
 * it differs from the one seen at the last reading. */
guint64     jd_visitor_list_stamp     (JdDb                  *db);

/* Visits, consultations and events of one visitor, newest first, as
 * far as the signed-in actor may know them: consultations only for
 * managers, administrators and specialists of the consultation's
 * service (never receptionists). JD_ACCESS_ERROR when nobody is signed in.
 * Returns: (transfer full) (element-type JdHistoryEntry) */
GPtrArray  *jd_visitor_history        (JdDb                  *db,
                                       gint64                 visitor_id,
                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdVisitorSummary, jd_visitor_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdHistoryEntry, jd_history_entry_free)

G_END_DECLS
