/* jd-stats.h: the centre's figures for a period (dashboard, reports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-age-band.h"
#include "jd-db.h"

G_BEGIN_DECLS

/* Age bands of the statistics, in order (jd-age-band.h). */
#define JD_STATS_N_AGE_BANDS JD_N_AGE_BANDS
/* Sexes, in order: female, male. */
#define JD_STATS_N_SEXES 2
/* The row of visits_by_age_sex for any other age (or none known), and
 * its column for a sex not recorded: with them every breakdown adds up
 * to the number of visits. */
#define JD_STATS_OTHER_AGES  JD_STATS_N_AGE_BANDS
#define JD_STATS_SEX_UNKNOWN JD_STATS_N_SEXES

typedef struct
{
  char  *code;     /* a service, district or referral code */
  guint  count;
} JdStatsCount;

/**
 * JdStats:
 *
 * Counting rules:
 *  - the period is the centre's days [from_day, to_day), in its time
 *    zone (jd_db_get_time_zone());
 *  - a visit counts once per check-in;
 *  - unique visitors: distinct people with a visit in the period;
 *  - age is the age on the visit day, NEET status as recorded at the
 *    visit (so a person placed in a job later still counts as NEET in
 *    the months before);
 *  - NEET visitors: people with at least one NEET visit in the period;
 *    NEET share = NEET visitors / unique visitors;
 *  - the age, sex, district and busy-hour charts count visits; each
 *    adds up to the visits, with rows for other ages, sex not recorded
 *    and district not known;
 *  - new registrations: visitors registered in the period (deleted and
 *    anonymised ones included, as they were registered);
 *  - consultations: rows (a group session counts each participant),
 *    by their start time; referrals: consultations with a referral;
 *  - NEET placed: jd_consultation_count_neet_placed() by placement start;
 *  - events held: events that started in the period (not those still
 *    to come in a period in progress); participants: named
 *    attendances plus anonymous head counts; unique participants: named
 *    people, each once however many events;
 *  - follow-ups overdue: not done and due before today (as of now, not
 *    of the period).
 */
typedef struct
{
  char      *from_day;
  char      *to_day;
  guint      n_days;

  guint      visits;
  guint      unique_visitors;
  guint      new_registrations;
  guint      neet_visits;
  guint      neet_visitors;
  double     neet_share;          /* 0–1; 0 without visitors */
  guint      neet_placed;
  guint      consultations;
  guint      referrals;
  guint      events;
  guint      participants;
  guint      participants_unique;  /* named people, each once */
  guint      follow_ups_overdue;

  GPtrArray *consultations_by_service; /* JdStatsCount, most first */
  GPtrArray *referrals_by_target;      /* JdStatsCount, most first */
  GPtrArray *visits_by_district;       /* JdStatsCount (district code; "" unknown), most first */
  guint     *visits_per_day;           /* n_days entries */
  /* [band or JD_STATS_OTHER_AGES][sex or JD_STATS_SEX_UNKNOWN] */
  guint      visits_by_age_sex[JD_STATS_N_AGE_BANDS + 1][JD_STATS_N_SEXES + 1];
  guint      busy_hours[7][24];        /* [weekday, Monday = 0][local hour] */
} JdStats;

typedef enum
{
  JD_STATS_TILES_ONLY = 1 << 0,   /* skip the charts (a previous period) */
  JD_STATS_PERIOD_ONLY = 1 << 1,  /* skip what is counted as of today
                                   * (follow_ups_overdue is left 0) */
  JD_STATS_SCAN_VISITS = 1 << 2,  /* charts from every visit, not the hourly
                                   * summary (tests compare the two) */
} JdStatsFlags;

/* Managers and administrators (JD_PERM_VIEW_REPORTS). @from_day and
 * @to_day are ISO local days, @to_day exclusive; at most ten years. */
JdStats   *jd_stats_compute          (JdDb          *db,
                                      const char    *from_day,
                                      const char    *to_day,
                                      JdStatsFlags   flags,
                                      GCancellable  *cancellable,
                                      GError       **error);
void       jd_stats_free             (JdStats       *stats);

const char *jd_stats_other_ages_label (void);

/* The period before [@from_day, @to_day) of the same length: the month
 * before a month, the week before a week, the same number of days
 * before any other range. Returns: (transfer full) both days */
void       jd_stats_previous_period  (const char    *from_day,
                                      const char    *to_day,
                                      char         **prev_from,
                                      char         **prev_to);

/* Computes on a read-only connection of its own in a worker thread. */
void       jd_stats_compute_async    (const char          *db_path,
                                      JdDb                *db,
                                      const char          *from_day,
                                      const char          *to_day,
                                      JdStatsFlags         flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
JdStats   *jd_stats_compute_finish   (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdStats, jd_stats_free)

G_END_DECLS
