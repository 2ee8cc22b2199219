/* jd-consultation.h: consultations, follow-ups and placements (the
 * queue: jd-queue.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"
#include "jd-purpose.h"
#include "jd-types.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

/* Topics within @service (codes unique within it). */
const JdChoice *jd_consultation_topics   (const char *service,
                                          guint      *n_choices);
const JdChoice *jd_consultation_formats  (guint      *n_choices);
const JdChoice *jd_consultation_outcomes (guint      *n_choices);
const JdChoice *jd_referral_targets      (guint      *n_choices);
const JdChoice *jd_placement_kinds       (guint      *n_choices);

typedef enum
{
  JD_CONSULTATION_FIELD_NONE,
  JD_CONSULTATION_FIELD_VISITOR,
  JD_CONSULTATION_FIELD_ANON_SEX,
  JD_CONSULTATION_FIELD_ANON_AGE_BAND,
  JD_CONSULTATION_FIELD_SERVICE,
  JD_CONSULTATION_FIELD_TOPIC,
  JD_CONSULTATION_FIELD_STARTED_AT,
  JD_CONSULTATION_FIELD_DURATION,
  JD_CONSULTATION_FIELD_FORMAT,
  JD_CONSULTATION_FIELD_OUTCOME,
  JD_CONSULTATION_FIELD_REFERRAL,
  JD_CONSULTATION_FIELD_FOLLOW_UP,
  JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER,
  JD_CONSULTATION_FIELD_PLACEMENT_KIND,
  JD_CONSULTATION_FIELD_PLACEMENT_START,
} JdConsultationField;

typedef struct
{
  gint64   id;               /* 0 until saved */
  gint64   visitor_id;       /* 0: anonymous */
  JdSex    anon_sex;         /* anonymous only */
  char    *anon_age_band;    /* anonymous only: "14-17", "18-24", "25-29", "30-35" */
  gint64   visit_id;         /* 0: not from a check-in */
  gint64   group_id;         /* the first row of a group session; 0: alone */
  char    *service;
  char    *topic;            /* nullable: a code of jd_consultation_topics() */
  gint64   specialist_id;    /* 0: the person signed in */
  gint64   started_at;       /* Unix seconds */
  int      duration_min;     /* 1–600 */
  char    *format;           /* in_person, phone, online */
  char    *summary;          /* nullable */
  char    *private_note;     /* nullable; never filled by jd_consultation_load() */
  char    *outcome;          /* resolved, referred, follow_up, no_show */
  char    *referral;         /* required when referred */
  char    *follow_up_on;     /* ISO date; required for follow_up */
  gint64   follow_up_done_at;
  char    *placement_employer;
  char    *placement_kind;   /* permanent, temporary */
  char    *placement_start;  /* ISO date */
  /* Read only, filled by jd_consultation_load(). */
  gboolean has_private_note;
  char    *visitor_name;
  char    *specialist_name;
  gint64   created_at;
  gint64   updated_at;
  /* The record's version as loaded (jd-row-version.h): an update saves
   * only over that version and moves it on; 0 saves over any. */
  gint64   row_version;
} JdConsultation;

JdConsultation *jd_consultation_new      (void);
void            jd_consultation_free     (JdConsultation *consultation);

/* Checks every rule and normalises @consultation (trims text, empty
 * strings to NULL, fields that do not apply to the outcome cleared).
 * @today: the day "not in the past" is measured from.
 * On error, @field (optional) says which field to show it on. */
gboolean        jd_consultation_validate (JdConsultation       *consultation,
                                          const GDate          *today,
                                          JdConsultationField  *field,
                                          GError              **error);

/* Saves a new consultation (JD_PERM_CONSULT), audited. A placement of
 * a visitor counted as NEET makes them employed from then on. When
 * @consultation->visit_id is set, that visit's queue entry for the
 * service is closed. */
gboolean        jd_consultation_insert   (JdDb                 *db,
                                          JdConsultation       *consultation,
                                          GError              **error);
/* One group session: one row per visitor, sharing group_id (the first
 * row's id); each is counted. @consultation->visitor_id is ignored.
 * Returns: the group id, or 0 on error */
gint64          jd_consultation_insert_group (JdDb             *db,
                                              JdConsultation   *consultation,
                                              const gint64     *visitor_ids,
                                              guint             n_visitors,
                                              GError          **error);
/* The author or an administrator changes a consultation. The private
 * note is replaced only when @replace_note. Refused with
 * JD_DB_ERROR_CHANGED_ELSEWHERE, nothing written, when it was changed
 * meanwhile (its version is no longer @consultation->row_version). */
gboolean        jd_consultation_update   (JdDb                 *db,
                                          JdConsultation       *consultation,
                                          gboolean              replace_note,
                                          GError              **error);
/* Everything but the private note (see has_private_note). */
JdConsultation *jd_consultation_load     (JdDb                 *db,
                                          gint64                id,
                                          GError              **error);
/* The private note, for its author and specialists of the same service
 * only; every read is audited. Returns: (transfer full) (nullable): the
 * note, NULL with no error when there is none */
char           *jd_consultation_read_private_note (JdDb        *db,
                                                   gint64       id,
                                                   GError     **error);

/* Follow-ups. */
gboolean        jd_consultation_follow_up_done (JdDb           *db,
                                                gint64          id,
                                                GError        **error);
gboolean        jd_consultation_reschedule     (JdDb           *db,
                                                gint64          id,
                                                const char     *follow_up_on,
                                                const GDate    *today,
                                                GError        **error);

typedef struct
{
  gint64      specialist_id;   /* 0: anyone */
  const char *service;         /* nullable: any */
  const char *outcome;         /* nullable: any */
  gint64      visitor_id;      /* 0: anyone */
  gint64      from;            /* started_at >= from; 0: any */
  gint64      to;              /* started_at < to; 0: any */
  /* Follow-ups due on or before this ISO day and not done (NULL: no
   * such condition). */
  const char *follow_up_due;
  /* The visitor's name, a phone or an IIN, found as the front desk finds
   * people (the best thousand people it finds). */
  const char *text;
  /* Referred to this place, or anywhere for "*" (NULL: no such
   * condition). */
  const char *referral;
  /* Job placements of NEET young people starting in [placed_from,
   * placed_to) (ISO days), as jd_consultation_count_neet_placed()
   * counts them (NULL: no such condition). */
  const char *placed_from;
  const char *placed_to;
} JdConsultationFilter;

typedef struct
{
  gint64   id;
  gint64   visitor_id;       /* 0: anonymous */
  char    *visitor_name;     /* nullable for anonymous */
  JdSex    anon_sex;
  char    *anon_age_band;
  gint64   group_id;
  char    *service;
  char    *topic;
  gint64   started_at;
  int      duration_min;
  char    *outcome;
  char    *referral;
  char    *follow_up_on;
  gint64   follow_up_done_at;
  char    *placement_kind;   /* nullable: no placement */
  gint64   specialist_id;
  char    *specialist_name;
} JdConsultationRow;

void            jd_consultation_row_free (JdConsultationRow *row);
/* Newest first (follow-ups: earliest due first), at most @limit;
 * @total counts every match. Everyone who may consult (JD_PERM_CONSULT).
 * Returns: (transfer full) (element-type JdConsultationRow) */
GPtrArray      *jd_consultation_list     (JdDb                       *db,
                                          const JdConsultationFilter *filter,
                                          guint                       limit,
                                          guint                      *total,
                                          GError                    **error);

/* NEET young people placed in jobs: distinct visitors with a placement
 * starting in [@from_day, @to_day) (ISO days) who were NEET before it,
 * by the occupation recorded at their visit (the consultation's visit,
 * or the last one before it). Derived, never stored. */
guint           jd_consultation_count_neet_placed (JdDb        *db,
                                                   const char  *from_day,
                                                   const char  *to_day,
                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdConsultation, jd_consultation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdConsultationRow, jd_consultation_row_free)

G_END_DECLS
