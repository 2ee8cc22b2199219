/* jd-visitor.h: visitors, their registration rules and duplicates
 * (visits: jd-visit.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-choice.h"
#include "jd-db.h"
#include "jd-search.h"
#include "jd-types.h"

G_BEGIN_DECLS


/* Occupation statuses; NEET (not in education, employment or training)
 * is derived from them. */
const JdChoice *jd_occupations        (guint       *n_choices);
gboolean        jd_occupation_is_neet (const char  *code);
const JdChoice *jd_education_levels   (guint       *n_choices);
const JdChoice *jd_social_categories  (guint       *n_choices);

/* Version of the consent text staff read out or hand over. */
#define JD_CONSENT_TEXT_VERSION "2026-1"

/**
 * JdVisitor:
 *
 * A visitor as typed into the registration form: text fields hold what
 * was typed until jd_visitor_validate() normalises them (names trimmed,
 * IIN to 12 digits, phones to E.164, dates to ISO YYYY-MM-DD).
 */
typedef struct
{
  gint64   id;              /* 0 until saved */
  char    *surname;
  char    *given_name;
  char    *patronymic;      /* optional */
  char    *iin;             /* optional */
  char    *birth_date;      /* DD.MM.YYYY or YYYY-MM-DD as typed; ISO after validation */
  JdSex    sex;
  char    *phone;           /* optional */
  char    *email;           /* optional */
  char    *district_code;   /* district.code; "other" needs locality */
  char    *locality;        /* free text for "other" */
  char    *occupation;      /* code from jd_occupations() */
  char    *education;       /* optional, code from jd_education_levels() */
  GStrv    categories;      /* codes from jd_social_categories() */
  char    *language;        /* "kk" or "ru" */
  char    *notes;
  /* Consent to the processing of personal data. */
  gboolean consent_given;
  gboolean consent_by_guardian;
  char    *guardian_name;
  char    *guardian_phone;
  char    *consent_date;    /* ISO, when given on paper before; NULL: the day it is saved */
  gint64   created_at;
  gint64   updated_at;
  /* The record's version as loaded (jd-row-version.h): an update saves
   * only over that version and moves it on; 0 saves over any. */
  gint64   row_version;
} JdVisitor;

typedef enum
{
  JD_FIELD_SURNAME,
  JD_FIELD_GIVEN_NAME,
  JD_FIELD_PATRONYMIC,
  JD_FIELD_IIN,
  JD_FIELD_BIRTH_DATE,
  JD_FIELD_SEX,
  JD_FIELD_PHONE,
  JD_FIELD_EMAIL,
  JD_FIELD_DISTRICT,
  JD_FIELD_LOCALITY,
  JD_FIELD_OCCUPATION,
  JD_FIELD_EDUCATION,
  JD_FIELD_LANGUAGE,
  JD_FIELD_CONSENT,
  JD_FIELD_GUARDIAN_NAME,
  JD_FIELD_GUARDIAN_PHONE,
  JD_N_FIELDS
} JdField;

typedef struct
{
  JdField   field;
  gboolean  is_warning;   /* shown, but saving goes on */
  char     *message;      /* translated, says what to do */
} JdFieldIssue;

typedef enum
{
  JD_DUPLICATE_SAME_IIN,          /* refused */
  JD_DUPLICATE_SAME_NAME_AND_DOB, /* warned, the existing record offered */
  JD_DUPLICATE_SAME_PHONE,        /* warned, the existing record offered */
} JdDuplicateReason;

typedef struct
{
  gint64             visitor_id;
  JdDuplicateReason  reason;
  char              *display_name;  /* "Surname Given Patronymic" */
  char              *birth_date;    /* ISO */
  char              *phone;         /* nullable */
} JdDuplicate;

JdVisitor  *jd_visitor_new              (void);
JdVisitor  *jd_visitor_copy             (const JdVisitor *visitor);
void        jd_visitor_free             (JdVisitor       *visitor);
char       *jd_visitor_display_name     (const JdVisitor *visitor);

void        jd_field_issue_free         (JdFieldIssue    *issue);
void        jd_duplicate_free           (JdDuplicate     *duplicate);

/* Applies every registration rule of DESIGN.md (age 14–35 on @today,
 * IIN, phone, e-mail, names, guardian consent under 18, locality for
 * "other") and normalises @visitor in place. Fills in birth date and sex
 * from the IIN when they are empty.
 * Returns: (transfer full) (element-type JdFieldIssue): errors and
 *   warnings; saving is allowed when none is an error */
GPtrArray  *jd_visitor_validate         (JdVisitor       *visitor,
                                         const GDate     *today);
gboolean    jd_field_issues_have_error  (GPtrArray       *issues);

/* Existing visitors the new one may be: same IIN, same name and date of
 * birth (compared folded: case, Kazakh letters, ё/е), or same phone.
 * @visitor must be validated. Ignores @visitor->id itself.
 * Returns: (transfer full) (element-type JdDuplicate) */
GPtrArray  *jd_visitor_find_duplicates  (JdDb            *db,
                                         const JdVisitor *visitor,
                                         GError         **error);

/* For src/core (imports that find duplicates in memory): visitor
 * @visitor_id as found for @reason. */
JdDuplicate *jd_visitor_load_duplicate  (JdDb              *db,
                                         gint64             visitor_id,
                                         JdDuplicateReason  reason,
                                         GError           **error);

/* Writes need a signed-in person (jd-staff.h), who is recorded as the
 * creator or last editor of the record and as the staff member of a
 * visit; JD_ACCESS_ERROR otherwise. */

/* Validates (refusing with JD_VALIDATE_ERROR on the first error, or
 * JD_DB_ERROR_CONSTRAINT for a visitor with the same IIN), then saves the
 * visitor, categories, consent and search index in one transaction.
 * Sets visitor->id. */
gboolean    jd_visitor_insert           (JdDb            *db,
                                         JdVisitor       *visitor,
                                         GError         **error);
/* Refused with JD_DB_ERROR_CHANGED_ELSEWHERE, nothing written, when
 * the record's version is no longer @visitor->row_version (changed on
 * another desk meanwhile); JD_DB_ERROR_NOT_FOUND when it is gone. */
gboolean    jd_visitor_update           (JdDb            *db,
                                         JdVisitor       *visitor,
                                         GError         **error);
/* For src/core (imports): the folded name duplicates are found by, and
 * the same without the patronymic (NULL without one). */
char       *jd_visitor_name_keys        (const JdVisitor  *visitor,
                                         char            **short_key);
/* For src/core (imports): inserts a visitor already validated and checked
 * for duplicates inside the caller's transaction, registered at
 * @created_at (0: now). @name_key (jd_visitor_name_keys()) and @keys
 * (jd_search_keys_new()) may be worked out before, or NULL. */
gboolean    jd_visitor_insert_unlocked  (JdDb            *db,
                                         JdVisitor       *visitor,
                                         gint64           created_at,
                                         const char      *name_key,
                                         const JdSearchKeys *keys,
                                         GError         **error);
JdVisitor  *jd_visitor_load             (JdDb            *db,
                                         gint64           visitor_id,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdVisitor, jd_visitor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdFieldIssue, jd_field_issue_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDuplicate, jd_duplicate_free)

G_END_DECLS
