/* jd-consultations-page-private.h: what the consultations page and its
 * queue and lists share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-consultation-item.h"
#include "jd-consultation.h"
#include "jd-consultations-page.h"
#include "jd-queue-item.h"
#include "jd-queue.h"
#include "jd-staff.h"

G_BEGIN_DECLS

/* Enough to find one by scrolling; the search finds the rest. */
#define LIST_LIMIT 200

enum
{
  PERIOD_TODAY,
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_ALL,
};

struct _JdConsultationsPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkStack       *stack;          /* the AdwBin's child */
  GtkLabel       *services_label;
  GtkWidget      *queue_box;
  GtkWidget      *queue_empty;
  GtkListBox     *today_list;
  GtkWidget      *today_empty;
  GtkListBox     *follow_ups_list;
  GtkWidget      *follow_ups_empty;
  GtkSearchEntry *search_entry;
  GtkDropDown    *service_filter;
  GtkDropDown    *outcome_filter;
  GtkDropDown    *period_filter;
  GtkLabel       *all_count;
  GtkListBox     *all_list;
  GtkWidget      *all_banner;
  GtkLabel       *all_banner_label;

  /* borrowed: the application's connection */
  JdStore        *store;

  /* owned */
  GListStore     *queue;          /* JdQueueItem, every service's, as shown */
  GListStore     *today;          /* JdConsultationItem, in @today_list */
  GListStore     *follow_ups;     /* JdConsultationItem, in @follow_ups_list */
  GListStore     *all;            /* JdConsultationItem, in @all_list */
  char           *follow_ups_day; /* the ISO day the follow-ups were listed on */
  guint           refresh_source;
  gboolean        allowed;
  /* A list opened from the dashboard, while its banner shows: these
   * replace the period chosen on the page. */
  struct
  {
    gboolean      active;
    gint64        from;
    gint64        to;
    char         *referral;
    char         *placed_from;
    char         *placed_to;
    char         *follow_up_due;
  } opened;
};

/* jd-consultations-page.c */
void                jd_consultations_clear_box              (GtkWidget                *box);
void                jd_consultations_show_error             (JdConsultationsPage      *self,
                                                             const GError             *error);
const char         *jd_consultations_service_label          (const char               *code);
const char         *jd_consultations_outcome_label          (const char               *code);
char               *jd_consultations_format_clock           (JdDb                     *db,
                                                             gint64                    unix_time);
char               *jd_consultations_format_day             (const char               *iso);
GDateTime          *jd_consultations_day_start              (GDateTime                *when);
GtkWidget          *jd_consultations_light_row_new          (const char               *title,
                                                             const char               *subtitle,
                                                             GtkWidget               **header_out);
GtkWidget          *jd_consultations_consultation_row_new   (const JdConsultationRow  *c,
                                                             const char               *subtitle,
                                                             GtkWidget               **header_out);
void                jd_consultations_append_service         (GString                  *text,
                                                             const JdConsultationRow  *c);
JdStaff            *jd_consultations_get_actor              (JdConsultationsPage      *self);
GStrv               jd_consultations_queue_services         (const JdStaff            *actor);
void                jd_consultations_open_queue_entry       (JdConsultationsPage      *self,
                                                             const JdQueueEntry       *entry);

/* jd-consultations-queue.c: the waiting queue */
void                jd_consultations_refresh_queue          (JdConsultationsPage      *self);
const JdQueueEntry *jd_consultations_find_entry             (JdConsultationsPage      *self,
                                                             gint64                    entry_id);

/* jd-consultations-lists.c: today's, the follow-ups and all */
void                jd_consultations_refresh_today          (JdConsultationsPage      *self,
                                                             gint64                    actor_id);
void                jd_consultations_refresh_follow_ups     (JdConsultationsPage      *self,
                                                             gint64                    actor_id);
void                jd_consultations_refresh_all_list       (JdConsultationsPage      *self);
void                jd_consultations_filter_changed_cb      (JdConsultationsPage      *self);
void                jd_consultations_forget_opened          (JdConsultationsPage      *self);
void                jd_consultations_show_all_cb            (JdConsultationsPage      *self);
void                jd_consultations_bind_lists             (JdConsultationsPage      *self);

G_END_DECLS
