/* jd-visitors-page-private.h: what the visitors page's list and detail share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-visitor-list.h"
#include "jd-visitor-model.h"
#include "jd-visitors-page.h"

G_BEGIN_DECLS

struct _JdVisitorsPage
{
  AdwBin          parent_instance;

  /* template children */
  AdwLeaflet     *leaflet;
  GtkWidget      *separator;
  GtkDropDown    *district_filter;
  GtkDropDown    *status_filter;
  GtkDropDown    *age_filter;
  GtkDropDown    *period_filter;
  GtkCheckButton *neet_filter;
  GtkLabel       *count_label;
  GtkWidget      *visit_banner;
  GtkLabel       *visit_banner_label;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  GtkLabel       *detail_title;
  GtkWidget      *edit_button;
  GtkWidget      *more_button;
  GtkStack       *detail_stack;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *history_group;

  /* borrowed: the application's connection */
  JdStore        *store;

  /* owned */
  JdVisitorFilter visits;        /* the visit conditions from the dashboard */
  JdVisitorModel *model;
  GPtrArray      *districts;     /* JdDistrict, after "All districts" */
  GPtrArray      *detail_rows;   /* rows added to the two groups */
  GCancellable   *cancellable;
  gint64          shown_id;
  guint64         stamp;         /* of the database at the last reading */
  gboolean        loaded;
  gboolean        loading;
};

/* jd-visitors-page.c */
char       *jd_visitors_page_format_date      (const char     *iso);
char       *jd_visitors_page_format_phone     (const char     *e164);
char       *jd_visitors_page_format_time      (JdDb           *db,
                                               gint64          unix_time);
int         jd_visitors_page_age_today        (JdDb           *db,
                                               const char     *iso);
const char *jd_visitors_page_district_name    (JdVisitorsPage *self,
                                               const char     *code);

/* jd-visitors-detail.c: one person's details and history */
void        jd_visitors_page_row_activated_cb (JdVisitorsPage *self,
                                               guint           position);
void        jd_visitors_page_back_clicked_cb  (JdVisitorsPage *self);
void        jd_visitors_page_edit_clicked_cb  (JdVisitorsPage *self);

G_END_DECLS
