/* jd-demo-private.h: what the parts of the demo generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The driver (jd-demo.c) makes the staff (jd-demo-staff.c), then each
 * person (jd-demo-people.c) with their visits (jd-demo-visits.c) and
 * consultations (jd-demo-consultations.c), then the events
 * (jd-demo-events.c). All draw from one generator, in one order.
 */
#pragma once

#include "jd-db-private.h"

G_BEGIN_DECLS

#define DAY 86400
#define JD_DEMO_N_SERVICES 9

#define JD_DEMO_N_PRIVATE_NOTES 5

/* Inserts the accounts of jd_demo_accounts (), all with @password_hash
 * and made at @since, and names the centre unless it has a name. Call
 * inside a transaction. Sets @receptionist and, for each of the
 * @n_services codes of @services, the specialist who holds it in
 * @specialists; every code must be covered. */
gboolean    jd_demo_add_staff      (JdDb                *db,
                                    const char          *password_hash,
                                    gint64               since,
                                    const char * const  *services,
                                    guint                n_services,
                                    gint64              *receptionist,
                                    gint64              *specialists,
                                    GError             **error);

/* One of JD_DEMO_N_PRIVATE_NOTES notes a specialist might keep. */
const char *jd_demo_private_note   (guint                index);

/* One seeded generator (splitmix64). */
typedef struct
{
  guint64 state;
} Rng;

static inline guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0) < p;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Rows gathered for one INSERT on a server (jd-demo-batch.c). */
#define JD_DEMO_BATCH_MAX_COLUMNS 20
typedef struct _JdDemoBatch JdDemoBatch;

JdDemoBatch *jd_demo_batch_new       (const char   *sql,
                                      guint         n_columns);
void         jd_demo_batch_free      (JdDemoBatch  *batch);
void         jd_demo_batch_text      (JdDemoBatch  *batch,
                                      guint         column,
                                      const char   *value);
void         jd_demo_batch_int64     (JdDemoBatch  *batch,
                                      guint         column,
                                      gint64        value);
void         jd_demo_batch_row_done  (JdDemoBatch  *batch);
gboolean     jd_demo_batch_full      (JdDemoBatch  *batch);
gboolean     jd_demo_batch_flush     (JdDb         *db,
                                      JdDemoBatch  *batch,
                                      GError      **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDemoBatch, jd_demo_batch_free)

typedef struct
{
  JdDb       *db;
  Rng         rng;
  gint64      anchor;           /* local midnight starting the anchor day */
  GDate       anchor_day;
  int         anchor_weekday;   /* 1 Monday … 7 Sunday */
  GArray     *districts;        /* gint64 ids of Almaty's districts */
  GHashTable *serials;
  GArray     *people;           /* Registered: each visitor's id and registration */
  const char *password_hash;    /* of JD_DEMO_PASSWORD, for every account */
  gint64      receptionist;     /* checks people in */
  gint64      specialist[JD_DEMO_N_SERVICES];  /* who holds each service */
  GPtrArray  *unindexed;        /* JdSearchKeys of the visitors not indexed yet */
  GArray     *unindexed_ids;    /* and their ids */
  /* On a server (NULL on a file): consents and visit purposes waiting. */
  JdDemoBatch *consents;
  JdDemoBatch *visits;
  JdDemoBatch *purposes;
  JdDemoBatch *consultations;
  GArray      *visit_ids;       /* taken from the sequence, not used yet */
  guint        next_visit_id;
} Demo;

gboolean     jd_demo_next_visit_id   (Demo         *demo,
                                      gint64       *id,
                                      GError      **error);
gboolean     jd_demo_flush           (Demo         *demo,
                                      GError      **error);
gboolean     jd_demo_flush_if_full   (Demo         *demo,
                                      GError      **error);

typedef struct
{
  gint64 id;
  gint64 created;
} Registered;

static inline gint64
last_id (Demo *demo)
{
  return jd_db_last_insert_id (demo->db);
}

typedef struct
{
  gint64       id;           /* 0: anonymous */
  gboolean     male;
  int          age;
  const char  *occupation;
  GDate        birth;
  gint64       district;     /* 0: none */
} Person;

gboolean    jd_demo_add_visitor       (Demo           *demo,
                                       gint64         *out_id,
                                       GError        **error);

int         jd_demo_day_of            (Demo           *demo,
                                       gint64          when);
void        jd_demo_format_day        (Demo           *demo,
                                       int             offset,
                                       char            text[11]);
int         jd_demo_age_on            (Demo           *demo,
                                       const GDate    *birth,
                                       int             offset);
gint64      jd_demo_visit_time        (Demo           *demo,
                                       guint           days);
gboolean    jd_demo_add_visits        (Demo           *demo,
                                       Person         *person,
                                       const gint64   *visits,
                                       guint           n_visits,
                                       GError        **error);

/* Service codes, in the order of Demo.specialist. */
const char *jd_demo_service_code      (guint           index);
gboolean    jd_demo_is_service        (const char     *purpose);
gboolean    jd_demo_add_consultation  (Demo           *demo,
                                       const Person   *person,
                                       gint64          visit_id,
                                       gint64          when,
                                       const char     *purpose,
                                       gboolean       *placed,
                                       GError        **error);

gboolean    jd_demo_add_events        (Demo           *demo,
                                       guint           n_events,
                                       GError        **error);

G_END_DECLS
