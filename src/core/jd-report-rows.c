/* jd-report-rows.c: the rows of each report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each report holds: its columns, its query, and every code of
 * the database turned into the words people read. Rows are stepped out
 * of SQLite one at a time into a JdRowWriter (a CSV file, a workbook or
 * the preview), so memory stays flat whatever the period. The file
 * itself, its rights and its safety are jd-export.c's.
 */
#define G_LOG_DOMAIN "jd-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-report-rows.h"
#include "jd-stats.h"
#include "jd-summary-report.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"

/* Labels of codes.
 *
 * Translated once per report, not once per row: gettext for each label
 * of each row was a quarter of the desk's work in an export of every
 * visit. While jd_report_rows_write () runs, the thread keeps a table
 * of the labels found so far, by kind and code; gettext's strings live
 * as long as the process. A code with no label stands for itself. */

static GPrivate labels_private;
static const char same_as_code[] = "";

/* The labels found so far of one kind (a list of choices, or one of
 * the functions below), or NULL outside a report. */
static GHashTable *
labels_of (gconstpointer kind)
{
  GHashTable *all = g_private_get (&labels_private);
  GHashTable *labels;

  if (all == NULL)
    return NULL;
  labels = g_hash_table_lookup (all, kind);
  if (labels == NULL)
    {
      labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (all, (gpointer) kind, labels);
    }
  return labels;
}

/* The label of @code by @kind, found or made with @make. */
static const char *
label_cached (gconstpointer   kind,
              const char   *(*make) (gconstpointer kind, const char *code),
              const char     *code)
{
  GHashTable *labels = code != NULL ? labels_of (kind) : NULL;
  const char *label;

  if (labels == NULL)
    return make (kind, code);
  label = g_hash_table_lookup (labels, code);
  if (label == NULL)
    {
      label = make (kind, code);
      g_hash_table_insert (labels, g_strdup (code), (gpointer) (label == code ? same_as_code : label));
    }
  return label == same_as_code ? code : label;
}

static const char *
choice_label (gconstpointer  kind,
              const char    *code)
{
  const JdChoice *(*list) (guint *) = kind;
  const JdChoice *choices;
  guint n;

  if (code == NULL)
    return NULL;
  choices = list (&n);
  return jd_choice_label (choices, n, code);
}

static const char *
label_of (const JdChoice *(*list) (guint *),
          const char      *code)
{
  return label_cached (list, choice_label, code);
}

static const char *
sex_label_of (G_GNUC_UNUSED gconstpointer  kind,
              const char                  *code)
{
  if (g_strcmp0 (code, "female") == 0)
    return C_("sex", "Female");
  if (g_strcmp0 (code, "male") == 0)
    return C_("sex", "Male");
  return code;
}

static const char *
sex_label (const char *code)
{
  return label_cached (sex_label_of, sex_label_of, code);
}

static const char *
language_label_of (G_GNUC_UNUSED gconstpointer  kind,
                   const char                  *code)
{
  if (g_strcmp0 (code, "kk") == 0)
    return _("Kazakh");
  if (g_strcmp0 (code, "ru") == 0)
    return _("Russian");
  return code;
}

static const char *
language_label (const char *code)
{
  return label_cached (language_label_of, language_label_of, code);
}

static const char *
yes_no_of (G_GNUC_UNUSED gconstpointer  kind,
           const char                  *code)
{
  return code[0] == '1' ? _("yes") : _("no");
}

static const char *
yes_no (gboolean value)
{
  return label_cached (yes_no_of, yes_no_of, value ? "1" : "0");
}

/* District names in the interface language (as jd_district_get_name()):
 * SQL takes the language as parameter ?9 (numbered: a named parameter
 * would take the number of the first free one, clashing with ?1). */
#define DISTRICT_NAME \
  "CASE ?9 WHEN 'kk' THEN d.name_kk WHEN 'ru' THEN d.name_ru ELSE d.name_en END"

static void
bind_lang (JdStmt *stmt)
{
  if (jd_stmt_bind_parameter_count (stmt) >= 9)
    jd_stmt_bind_text_static (stmt, 9, C_("district-names", "en"));
}

/* Local times as people read them. */
/* The centre's day and time, not the machine's (time_zone_offset). */
#define DAY_OF(col)  JD_SQL_LOCAL_DATE (col)
#define TIME_OF(col) JD_SQL_LOCAL_TIME (col)

static void
day_text (GDateTime *local,
          char       day[16])
{
  g_snprintf (day, 16, "%04d-%02d-%02d", g_date_time_get_year (local),
              g_date_time_get_month (local), g_date_time_get_day_of_month (local));
}

static void
local_day_move (JdLocalDay *ld,
                gint64    t)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, ld->tz) : NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;

  ld->start = ld->end = 0;
  ld->even = FALSE;
  if (local == NULL)
    return;
  day_text (local, ld->day);
  start = g_date_time_new (ld->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), 0, 0, 0);
  next = start ? g_date_time_add_days (start, 1) : NULL;
  if (next == NULL)
    return;
  ld->start = g_date_time_to_unix (start);
  ld->end = g_date_time_to_unix (next);
  ld->even = ld->end - ld->start == 24 * 3600 &&
             g_date_time_get_utc_offset (start) == g_date_time_get_utc_offset (next);
}

/* Fills @day (YYYY-MM-DD) and @time (HH:MM) for @t in local time. */
static void
local_day_format (JdLocalDay *ld,
                  gint64    t,
                  char      day[16],
                  char      time[8])
{
  if (t < ld->start || t >= ld->end)
    local_day_move (ld, t);

  if (ld->even && t >= ld->start && t < ld->end)
    {
      gint64 seconds = t - ld->start;

      memcpy (day, ld->day, sizeof ld->day);
      g_snprintf (time, 8, "%02d:%02d", (int) (seconds / 3600), (int) (seconds % 3600 / 60));
    }
  else
    {
      /* A day when the clocks change, or a time GLib cannot place. */
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = at ? g_date_time_to_timezone (at, ld->tz) : NULL;

      day[0] = time[0] = '\0';
      if (local != NULL)
        {
          day_text (local, day);
          g_snprintf (time, 8, "%02d:%02d", g_date_time_get_hour (local),
                      g_date_time_get_minute (local));
        }
    }
}

/* Writing one report. */

static gboolean
emit (JdReport            *e,
      const char * const  *fields,
      guint                n_fields,
      gboolean             header,
      GError             **error)
{
  if (!jd_row_writer_write (e->writer, fields, n_fields, error))
    return FALSE;

  if (!header)
    {
      e->rows++;
      if (e->progress != NULL && e->rows % 1000 == 0)
        e->progress (e->rows, e->user_data);
    }
  return TRUE;
}

static gboolean
done (JdReport *e)
{
  return jd_row_writer_is_full (e->writer);
}

static gboolean
step_rows (JdReport      *e,
           JdStmt        *stmt,
           gboolean     (*row) (JdReport *, JdStmt *, GError **),
           GError       **error)
{
  int rc = JD_STEP_DONE;

  bind_lang (stmt);
  while (!done (e) && (rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      if (!row (e, stmt, error))
        {
          jd_stmt_reset (stmt);
          return FALSE;
        }
      if ((e->rows & 0x3FF) == 0 && g_cancellable_set_error_if_cancelled (e->cancellable, error))
        {
          jd_stmt_reset (stmt);
          return FALSE;
        }
    }
  jd_stmt_reset (stmt);
  if (!done (e) && rc != JD_STEP_DONE)
    {
      jd_db_set_error (e->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static const char *
text (JdStmt *stmt,
      int     column)
{
  return jd_stmt_column_text (stmt, column);
}

/* Visitors registered in the period. */

static gboolean
visitor_row (JdReport      *e,
             JdStmt        *stmt,
             GError       **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) jd_stmt_column_int64 (stmt, 0));
  g_autofree char *categories = NULL;
  const char *occupation = text (stmt, 11);
  const char *given_by = text (stmt, 16);

  /* Categories: labels joined, as typed in a spreadsheet. */
  if (text (stmt, 13) != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (text (stmt, 13), ",", -1);
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint i = 0; codes[i] != NULL; i++)
        g_string_append_printf (labels, "%s%s", i ? ", " : "",
                                label_of (jd_social_categories, codes[i]));
      categories = g_string_free (g_steal_pointer (&labels), FALSE);
    }

  if (e->options->anonymize)
    {
      const char *fields[] = {
        id, text (stmt, 5), sex_label (text (stmt, 6)), text (stmt, 9),
        label_of (jd_occupations, occupation), yes_no (jd_occupation_is_neet (occupation)),
        label_of (jd_education_levels, text (stmt, 12)), categories,
        language_label (text (stmt, 14)), text (stmt, 19),
      };
      return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
    }
  else
    {
      const char *fields[] = {
        id, text (stmt, 1), text (stmt, 2), text (stmt, 3), text (stmt, 4), text (stmt, 5),
        sex_label (text (stmt, 6)), text (stmt, 7), text (stmt, 8), text (stmt, 9), text (stmt, 10),
        label_of (jd_occupations, occupation), yes_no (jd_occupation_is_neet (occupation)),
        label_of (jd_education_levels, text (stmt, 12)), categories,
        language_label (text (stmt, 14)), text (stmt, 15),
        given_by == NULL ? NULL : g_str_equal (given_by, "guardian") ? _("parent or guardian") : _("self"),
        text (stmt, 17), text (stmt, 18), text (stmt, 19),
      };
      return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
    }
}

static gboolean
export_visitors (JdReport  *e,
                 GError   **error)
{
  JdStmt *stmt;

  if (e->options->anonymize)
    {
      const char *header[] = {
        _("ID"), _("Date of birth"), _("Sex"), _("District"), _("Occupation"), _("NEET"),
        _("Education"), _("Social categories"), _("Preferred language"), _("Registered"),
      };
      if (!emit (e, header, G_N_ELEMENTS (header), TRUE, error))
        return FALSE;
    }
  else
    {
      const char *header[] = {
        _("ID"), _("Surname"), _("Given name"), _("Patronymic"), _("IIN"), _("Date of birth"),
        _("Sex"), _("Phone"), _("E-mail"), _("District"), _("Locality"), _("Occupation"), _("NEET"),
        _("Education"), _("Social categories"), _("Preferred language"), _("Consent date"),
        _("Consent given by"), _("Guardian"), _("Guardian’s phone"), _("Registered"),
      };
      if (!emit (e, header, G_N_ELEMENTS (header), TRUE, error))
        return FALSE;
    }

  /* Columns 0–19; consent: the latest one not withdrawn. */
  stmt = jd_db_prepare (e->db,
                        "SELECT v.id, v.surname, v.given_name, v.patronymic, v.iin, v.birth_date,"
                        " v.sex, v.phone, v.email, " DISTRICT_NAME ", v.locality, v.occupation, v.education,"
                        " (SELECT group_concat (category) FROM visitor_category c WHERE c.visitor_id = v.id),"
                        " v.language, k.given_on, k.given_by, k.guardian_name, k.guardian_phone,"
                        " " DAY_OF ("v.created_at")
                        " FROM visitor v LEFT JOIN district d ON d.id = v.district_id"
                        " LEFT JOIN consent k ON k.id = (SELECT max (id) FROM consent"
                        "  WHERE visitor_id = v.id AND withdrawn_on IS NULL)"
                        " WHERE v.anonymised_at IS NULL AND v.created_at >= ?1 AND v.created_at < ?2"
                        " ORDER BY v.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, e->from);
  jd_stmt_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, visitor_row, error);
}

/* Visits in the period. */

static gboolean
visit_row (JdReport      *e,
           JdStmt        *stmt,
           GError       **error)
{
  g_autofree char *visitor = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) jd_stmt_column_int64 (stmt, 2));
  g_autofree char *age = NULL;
  g_autofree char *purposes = NULL;
  const char *occupation = text (stmt, 8);
  const char *band = NULL;
  char day[16], time_in[8], out_day[16], time_out[8];
  const char *out = NULL;

  local_day_format (&e->local_day, jd_stmt_column_int64 (stmt, 0), day, time_in);
  if (!jd_stmt_column_is_null (stmt, 1))
    {
      local_day_format (&e->local_day, jd_stmt_column_int64 (stmt, 1), out_day, time_out);
      out = time_out;
    }

  if (!jd_stmt_column_is_null (stmt, 5))
    {
      age = g_strdup_printf ("%d", jd_stmt_column_int (stmt, 5));
      band = jd_age_band (jd_stmt_column_int (stmt, 5));
    }
  if (text (stmt, 9) != NULL)
    {
      g_auto(GStrv) codes = g_strsplit (text (stmt, 9), ",", -1);
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint i = 0; codes[i] != NULL; i++)
        g_string_append_printf (labels, "%s%s", i ? ", " : "", label_of (jd_visit_purposes, codes[i]));
      purposes = g_string_free (g_steal_pointer (&labels), FALSE);
    }

  if (e->options->anonymize)
    {
      const char *fields[] = {
        day, time_in, out, visitor, sex_label (text (stmt, 6)), age, band, text (stmt, 7), label_of (jd_occupations, occupation), yes_no (jd_occupation_is_neet (occupation)),
        purposes,
      };
      return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
    }
  else
    {
      const char *fields[] = {
        day, time_in, out, visitor, text (stmt, 3), text (stmt, 4), sex_label (text (stmt, 6)), age, band, text (stmt, 7), label_of (jd_occupations, occupation),
        yes_no (jd_occupation_is_neet (occupation)), purposes,
      };
      return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
    }
}

static gboolean
export_visits (JdReport  *e,
               GError   **error)
{
  JdStmt *stmt;

  if (e->options->anonymize)
    {
      const char *header[] = {
        _("Date"), _("Time in"), _("Time out"), _("Visitor ID"), _("Sex"), _("Age"), _("Age group"),
        _("District"), _("Occupation at the visit"), _("NEET"), _("Purposes"),
      };
      if (!emit (e, header, G_N_ELEMENTS (header), TRUE, error))
        return FALSE;
    }
  else
    {
      const char *header[] = {
        _("Date"), _("Time in"), _("Time out"), _("Visitor ID"), _("Surname"), _("Given name"),
        _("Sex"), _("Age"), _("Age group"), _("District"), _("Occupation at the visit"), _("NEET"),
        _("Purposes"),
      };
      if (!emit (e, header, G_N_ELEMENTS (header), TRUE, error))
        return FALSE;
    }

  stmt = jd_db_prepare (e->db,
                        "SELECT v.time_in, v.time_out, v.visitor_id, p.surname, p.given_name,"
                        " v.age, v.sex, " DISTRICT_NAME ", v.occupation,"
                        " (SELECT group_concat (purpose) FROM visit_purpose u WHERE u.visit_id = v.id)"
                        " FROM visit v JOIN visitor p ON p.id = v.visitor_id"
                        " LEFT JOIN district d ON d.id = v.district_id"
                        " WHERE v.time_in >= ?1 AND v.time_in < ?2 ORDER BY v.time_in, v.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, e->from);
  jd_stmt_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, visit_row, error);
}

/* Consultations in the period: never the private notes. */

static gboolean
consultation_row (JdReport      *e,
                  JdStmt        *stmt,
                  GError       **error)
{
  g_autofree char *visitor = NULL;
  g_autofree char *duration = g_strdup_printf ("%d", jd_stmt_column_int (stmt, 5));
  const char *service = text (stmt, 2);
  guint n_topics;
  const JdChoice *topics = jd_consultation_topics (service, &n_topics);
  const char *topic = text (stmt, 3) ? jd_choice_label (topics, n_topics, text (stmt, 3)) : NULL;

  if (jd_stmt_column_int64 (stmt, 12) > 0)
    visitor = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) jd_stmt_column_int64 (stmt, 12));

  {
    const char *fields[] = {
      text (stmt, 0), text (stmt, 1), label_of (jd_consultation_services, service), topic,
      label_of (jd_consultation_formats, text (stmt, 4)), duration,
      label_of (jd_consultation_outcomes, text (stmt, 6)), label_of (jd_referral_targets, text (stmt, 7)),
      text (stmt, 8), label_of (jd_placement_kinds, text (stmt, 10)), text (stmt, 11),
      visitor, visitor ? NULL : sex_label (text (stmt, 15)), visitor ? NULL : text (stmt, 16),
      text (stmt, 17),
      /* Personal from here on. */
      text (stmt, 9), text (stmt, 13), text (stmt, 14), text (stmt, 18),
    };
    return emit (e, fields, G_N_ELEMENTS (fields) - (e->options->anonymize ? 4 : 0), FALSE, error);
  }
}

static gboolean
export_consultations (JdReport  *e,
                      GError   **error)
{
  const char *header[] = {
    _("Date"), _("Time"), _("Service"), _("Topic"), _("Format"), _("Duration, minutes"),
    _("Outcome"), _("Referred to"), _("Follow-up date"), _("Job placement"), _("First working day"),
    _("Visitor ID"), _("Sex (anonymous)"), _("Age group (anonymous)"), _("Specialist"),
    _("Employer"), _("Surname"), _("Given name"), _("Summary"),
  };
  JdStmt *stmt;

  if (!emit (e, header, G_N_ELEMENTS (header) - (e->options->anonymize ? 4 : 0), TRUE, error))
    return FALSE;

  stmt = jd_db_prepare (e->db,
                        "SELECT " DAY_OF ("c.started_at") ", " TIME_OF ("c.started_at") ", c.service,"
                        " c.topic, c.format, c.duration_min, c.outcome, c.referral, c.follow_up_on,"
                        " c.placement_employer, c.placement_kind, c.placement_start,"
                        " coalesce (c.visitor_id, 0), v.surname, v.given_name, c.anon_sex,"
                        " c.anon_age_band, s.full_name, c.summary"
                        " FROM consultation c LEFT JOIN visitor v ON v.id = c.visitor_id"
                        " LEFT JOIN staff s ON s.id = c.specialist_id"
                        " WHERE c.started_at >= ?1 AND c.started_at < ?2 ORDER BY c.started_at, c.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, e->from);
  jd_stmt_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, consultation_row, error);
}

/* Events, and who came. */

static gboolean
event_row (JdReport      *e,
           JdStmt        *stmt,
           GError       **error)
{
  const char *fields[] = {
    text (stmt, 0), text (stmt, 1), text (stmt, 2), text (stmt, 3), text (stmt, 4), text (stmt, 5),
    text (stmt, 6), text (stmt, 7), text (stmt, 8),
  };

  return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
}

static gboolean
export_events (JdReport  *e,
               GError   **error)
{
  const char *header[] = {
    _("Date"), _("Starts"), _("Ends"), _("Title"), _("Kind"), _("Place"), _("Capacity"),
    _("Organiser"), _("Participants"),
  };
  JdStmt *stmt;

  if (!emit (e, header, G_N_ELEMENTS (header), TRUE, error))
    return FALSE;

  stmt = jd_db_prepare (e->db,
                        "SELECT " DAY_OF ("e.starts_at") ", " TIME_OF ("e.starts_at") ","
                        " " TIME_OF ("e.ends_at") ", e.title, e.kind, e.place, e.capacity, e.organiser,"
                        " (SELECT coalesce (sum (head_count), 0) FROM attendance a WHERE a.event_id = e.id)"
                        " FROM event e WHERE e.starts_at >= ?1 AND e.starts_at < ?2"
                        " ORDER BY e.starts_at, e.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, e->from);
  jd_stmt_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, event_row, error);
}

static gboolean
attendance_row (JdReport      *e,
                JdStmt        *stmt,
                GError       **error)
{
  const char *fields[] = {
    text (stmt, 0), text (stmt, 1), text (stmt, 2), text (stmt, 3), text (stmt, 4), text (stmt, 5),
  };

  return emit (e, fields, G_N_ELEMENTS (fields) - (e->options->anonymize ? 2 : 0), FALSE, error);
}

static gboolean
export_attendance (JdReport  *e,
                   GError   **error)
{
  const char *header[] = {
    _("Date"), _("Event"), _("Visitor ID"), _("Head count"), _("Surname"), _("Given name"),
  };
  JdStmt *stmt;

  if (!emit (e, header, G_N_ELEMENTS (header) - (e->options->anonymize ? 2 : 0), TRUE, error))
    return FALSE;

  stmt = jd_db_prepare (e->db,
                        "SELECT " DAY_OF ("e.starts_at") ", e.title, a.visitor_id, a.head_count,"
                        " v.surname, v.given_name"
                        " FROM attendance a JOIN event e ON e.id = a.event_id"
                        " LEFT JOIN visitor v ON v.id = a.visitor_id"
                        " WHERE e.starts_at >= ?1 AND e.starts_at < ?2 ORDER BY e.starts_at, a.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, e->from);
  jd_stmt_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, attendance_row, error);
}

/* The summary (jd-summary-report.h), for the preview: the headline's
 * headings as the header, then its figures, then each table under its
 * title and headings. Files are written by jd-summary-report-sheets.c. */

static char *
summary_value (double             value,
               JdSummaryValueKind kind)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  if (kind == JD_SUMMARY_VALUE_COUNT)
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value * 100);
  return g_strconcat (buffer, "%", NULL);
}

static gboolean
summary_rows (JdReport             *e,
              const JdSummaryTable *table,
              GError              **error)
{
  for (guint r = 0; r < table->rows->len && !done (e); r++)
    {
      const JdSummaryRow *row = table->rows->pdata[r];
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (fields, g_strdup (row->label));
      for (guint c = 0; c < table->n_columns; c++)
        g_ptr_array_add (fields, summary_value (row->values[c], table->kinds[c]));
      if (!emit (e, (const char * const *) fields->pdata, fields->len, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
export_summary (JdReport  *e,
                GError   **error)
{
  const JdStaff *actor = jd_access_peek_actor (e->db);
  g_autoptr(JdSummaryReport) report = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  const JdSummaryTable *headline;

  report = jd_summary_report_new (e->db, e->options->from_day, e->options->to_day,
                                  actor != NULL ? actor->full_name : NULL, error);
  if (report == NULL)
    return FALSE;
  headline = report->headline;
  g_ptr_array_add (header, headline->label_title);
  for (guint c = 0; c < headline->n_columns; c++)
    g_ptr_array_add (header, headline->column_titles[c]);
  if (!emit (e, (const char * const *) header->pdata, header->len, TRUE, error) ||
      !summary_rows (e, headline, error))
    return FALSE;

  for (guint i = 0; i < report->tables->len && !done (e); i++)
    {
      const JdSummaryTable *table = report->tables->pdata[i];

      g_ptr_array_set_size (header, 0);
      g_ptr_array_add (header, table->label_title);
      for (guint c = 0; c < table->n_columns; c++)
        g_ptr_array_add (header, table->column_titles[c]);
      if (!emit (e, (const char * const *) &table->title, 1, FALSE, error) ||
          !emit (e, (const char * const *) header->pdata, header->len, FALSE, error) ||
          !summary_rows (e, table, error))
        return FALSE;
    }
  return TRUE;
}

/* The rows of the report @e asks for, header first, into its writer. */
static gboolean
write_rows (JdReport  *e,
            GError   **error)
{
  switch (e->options->kind)
    {
    case JD_EXPORT_VISITORS: return export_visitors (e, error);
    case JD_EXPORT_VISITS: return export_visits (e, error);
    case JD_EXPORT_CONSULTATIONS: return export_consultations (e, error);
    case JD_EXPORT_EVENTS: return export_events (e, error);
    case JD_EXPORT_ATTENDANCE: return export_attendance (e, error);
    case JD_EXPORT_SUMMARY: return export_summary (e, error);
    default: g_assert_not_reached ();
    }
}

gboolean
jd_report_rows_write (JdReport  *e,
                      GError   **error)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                       (GDestroyNotify) g_hash_table_unref);
  GHashTable *outer = g_private_get (&labels_private);
  gboolean ok;

  /* This report's language: a report within a report keeps its own. */
  g_private_set (&labels_private, labels);
  ok = write_rows (e, error);
  g_private_set (&labels_private, outer);
  return ok;
}
