/* jd-export.c: reports to CSV files, and visitors from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Managers send monthly figures to the akimat and keep lists in Excel;
 * centres bring years of visitors from spreadsheets. Rows are streamed
 * from SQLite to the file (memory stays flat), written to a temporary
 * file and renamed into place only when complete.
 */
#define G_LOG_DOMAIN "jd-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-consultation.h"
#include "jd-csv.h"
#include "jd-db-private.h"
#include "jd-export-private.h"
#include "jd-output.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-text.h"
#include "jd-validate.h"
#include "jd-visitor.h"
#include "jd-xlsx.h"

static const struct
{
  const char *name;
  const char *label;
  gboolean    personal;
} kinds[JD_EXPORT_N_KINDS] = {
  [JD_EXPORT_VISITORS] = { "visitors", N_("Visitors"), TRUE },
  [JD_EXPORT_VISITS] = { "visits", N_("Visits"), TRUE },
  [JD_EXPORT_CONSULTATIONS] = { "consultations", N_("Consultations"), TRUE },
  [JD_EXPORT_EVENTS] = { "events", N_("Events"), FALSE },
  [JD_EXPORT_ATTENDANCE] = { "attendance", N_("Attendance"), TRUE },
  [JD_EXPORT_SUMMARY] = { "summary", N_("Summary for the Period"), FALSE },
};

gboolean
jd_export_kind_from_string (const char   *text,
                            JdExportKind *kind)
{
  for (guint i = 0; i < JD_EXPORT_N_KINDS; i++)
    {
      if (g_strcmp0 (text, kinds[i].name) == 0)
        {
          *kind = (JdExportKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
jd_export_kind_to_string (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, NULL);
  return kinds[kind].name;
}

const char *
jd_export_kind_label (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, NULL);
  return _(kinds[kind].label);
}

gboolean
jd_export_kind_is_personal (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, FALSE);
  return kinds[kind].personal;
}

char *
jd_export_suggest_name (JdDb                  *db,
                        const JdExportOptions *options)
{
  g_autofree char *centre = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s%s%s-%s-%s%s.%s", centre && *centre ? centre : "",
                          centre && *centre ? "-" : "", kinds[options->kind].name,
                          options->from_day, options->to_day,
                          options->anonymize ? "-anonymised" : "",
                          options->format == JD_EXPORT_FORMAT_XLSX ? "xlsx" : "csv");
  /* A centre code typed with a slash or a space stays a file name. */
  return g_strdelimit (g_steal_pointer (&name), "/\\: ", '_');
}

JdExportFormat
jd_export_format_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, JD_EXPORT_FORMAT_CSV);

  return strlen (path) > 5 && g_ascii_strcasecmp (path + strlen (path) - 5, ".xlsx") == 0
         ? JD_EXPORT_FORMAT_XLSX : JD_EXPORT_FORMAT_CSV;
}

/* Labels of codes. */

static const char *
label_of (const JdChoice *(*list) (guint *),
          const char      *code)
{
  guint n;
  const JdChoice *choices;

  if (code == NULL)
    return NULL;
  choices = list (&n);
  return jd_choice_label (choices, n, code);
}

static const char *
sex_label (const char *code)
{
  if (g_strcmp0 (code, "female") == 0)
    return C_("sex", "Female");
  if (g_strcmp0 (code, "male") == 0)
    return C_("sex", "Male");
  return code;
}

static const char *
language_label (const char *code)
{
  if (g_strcmp0 (code, "kk") == 0)
    return _("Kazakh");
  if (g_strcmp0 (code, "ru") == 0)
    return _("Russian");
  return code;
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

/* District names in the interface language (as jd_district_get_name()):
 * SQL takes the language as parameter ?9 (numbered: a named parameter
 * would take the number of the first free one, clashing with ?1). */
#define DISTRICT_NAME \
  "CASE ?9 WHEN 'kk' THEN d.name_kk WHEN 'ru' THEN d.name_ru ELSE d.name_en END"

static void
bind_lang (sqlite3_stmt *stmt)
{
  if (sqlite3_bind_parameter_count (stmt) >= 9)
    sqlite3_bind_text (stmt, 9, C_("district-names", "en"), -1, SQLITE_STATIC);
}

/* Local times as people read them. */
#define DAY_OF(col)  "strftime ('%Y-%m-%d', " col ", 'unixepoch', 'localtime')"
#define TIME_OF(col) "strftime ('%H:%M', " col ", 'unixepoch', 'localtime')"

/* The local day and time of Unix seconds for rows in time order, as
 * DAY_OF and TIME_OF give them: a day's bounds are looked up once and a
 * time inside it is plain arithmetic. strftime (..., 'localtime') three
 * times a row was an eighth of exporting every visit. */
typedef struct
{
  GTimeZone *tz;
  gint64     start;       /* the local day [start, end), Unix seconds */
  gint64     end;
  gboolean   even;        /* no change of UTC offset inside the day */
  char       day[16];     /* YYYY-MM-DD */
} LocalDay;

static void
day_text (GDateTime *local,
          char       day[16])
{
  g_snprintf (day, 16, "%04d-%02d-%02d", g_date_time_get_year (local),
              g_date_time_get_month (local), g_date_time_get_day_of_month (local));
}

static void
local_day_move (LocalDay *ld,
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
local_day_format (LocalDay *ld,
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

typedef struct
{
  JdDb                  *db;
  const JdExportOptions *options;
  gint64                 from;       /* Unix seconds, inclusive */
  gint64                 to;         /* exclusive: the day after to_day */
  char                  *to_day_exclusive;
  GCancellable          *cancellable;
  JdExportProgress       progress;
  gpointer               user_data;
  /* Where rows go: a CSV writer, a workbook, or the preview. */
  JdCsvWriter           *writer;
  JdXlsxWriter          *xlsx;
  GPtrArray             *preview;
  guint                  preview_limit;
  guint                  rows;
  LocalDay               local_day;
} Export;

static gboolean
emit (Export              *e,
      const char * const  *fields,
      guint                n_fields,
      gboolean             header,
      GError             **error)
{
  if (e->preview != NULL)
    {
      GStrv copy = g_new0 (char *, n_fields + 1);

      for (guint i = 0; i < n_fields; i++)
        copy[i] = g_strdup (fields[i] ? fields[i] : "");
      g_ptr_array_add (e->preview, copy);
    }
  else if (e->xlsx != NULL)
    {
      if (!jd_xlsx_writer_write_row (e->xlsx, fields, n_fields, error))
        return FALSE;
    }
  else if (!jd_csv_writer_write_row (e->writer, fields, n_fields, e->cancellable, error))
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
done (Export *e)
{
  return e->preview != NULL && e->preview->len > e->preview_limit;
}

static gboolean
step_rows (Export        *e,
           sqlite3_stmt  *stmt,
           gboolean     (*row) (Export *, sqlite3_stmt *, GError **),
           GError       **error)
{
  int rc = SQLITE_DONE;

  bind_lang (stmt);
  while (!done (e) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!row (e, stmt, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if ((e->rows & 0x3FF) == 0 && g_cancellable_set_error_if_cancelled (e->cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (!done (e) && rc != SQLITE_DONE)
    {
      jd_db_set_error (e->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static const char *
text (sqlite3_stmt *stmt,
      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Visitors registered in the period. */

static gboolean
visitor_row (Export        *e,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
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
export_visitors (Export  *e,
                 GError **error)
{
  sqlite3_stmt *stmt;

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
  sqlite3_bind_int64 (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, visitor_row, error);
}

/* Visits in the period. */

static gboolean
visit_row (Export        *e,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autofree char *visitor = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
  g_autofree char *age = NULL;
  g_autofree char *purposes = NULL;
  const char *occupation = text (stmt, 8);
  const char *band = NULL;
  char day[16], time_in[8], out_day[16], time_out[8];
  const char *out = NULL;

  local_day_format (&e->local_day, sqlite3_column_int64 (stmt, 0), day, time_in);
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      local_day_format (&e->local_day, sqlite3_column_int64 (stmt, 1), out_day, time_out);
      out = time_out;
    }

  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      age = g_strdup_printf ("%d", sqlite3_column_int (stmt, 5));
      band = jd_age_band (sqlite3_column_int (stmt, 5));
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
export_visits (Export  *e,
               GError **error)
{
  sqlite3_stmt *stmt;

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
  sqlite3_bind_int64 (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, visit_row, error);
}

/* Consultations in the period: never the private notes. */

static gboolean
consultation_row (Export        *e,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autofree char *visitor = NULL;
  g_autofree char *duration = g_strdup_printf ("%d", sqlite3_column_int (stmt, 5));
  const char *service = text (stmt, 2);
  guint n_topics;
  const JdChoice *topics = jd_consultation_topics (service, &n_topics);
  const char *topic = text (stmt, 3) ? jd_choice_label (topics, n_topics, text (stmt, 3)) : NULL;

  if (sqlite3_column_int64 (stmt, 12) > 0)
    visitor = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 12));

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
export_consultations (Export  *e,
                      GError **error)
{
  const char *header[] = {
    _("Date"), _("Time"), _("Service"), _("Topic"), _("Format"), _("Duration, minutes"),
    _("Outcome"), _("Referred to"), _("Follow-up date"), _("Job placement"), _("First working day"),
    _("Visitor ID"), _("Sex (anonymous)"), _("Age group (anonymous)"), _("Specialist"),
    _("Employer"), _("Surname"), _("Given name"), _("Summary"),
  };
  sqlite3_stmt *stmt;

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
  sqlite3_bind_int64 (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, consultation_row, error);
}

/* Events, and who came. */

static gboolean
event_row (Export        *e,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  const char *fields[] = {
    text (stmt, 0), text (stmt, 1), text (stmt, 2), text (stmt, 3), text (stmt, 4), text (stmt, 5),
    text (stmt, 6), text (stmt, 7), text (stmt, 8),
  };

  return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
}

static gboolean
export_events (Export  *e,
               GError **error)
{
  const char *header[] = {
    _("Date"), _("Starts"), _("Ends"), _("Title"), _("Kind"), _("Place"), _("Capacity"),
    _("Organiser"), _("Participants"),
  };
  sqlite3_stmt *stmt;

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
  sqlite3_bind_int64 (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, event_row, error);
}

static gboolean
attendance_row (Export        *e,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  const char *fields[] = {
    text (stmt, 0), text (stmt, 1), text (stmt, 2), text (stmt, 3), text (stmt, 4), text (stmt, 5),
  };

  return emit (e, fields, G_N_ELEMENTS (fields) - (e->options->anonymize ? 2 : 0), FALSE, error);
}

static gboolean
export_attendance (Export  *e,
                   GError **error)
{
  const char *header[] = {
    _("Date"), _("Event"), _("Visitor ID"), _("Head count"), _("Surname"), _("Given name"),
  };
  sqlite3_stmt *stmt;

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
  sqlite3_bind_int64 (stmt, 1, e->from);
  sqlite3_bind_int64 (stmt, 2, e->to);
  return step_rows (e, stmt, attendance_row, error);
}

/* The summary: the dashboard's figures laid out for a monthly report,
 * one "section; item; value" row each. */

static gboolean
summary_line (Export      *e,
              const char  *section,
              const char  *item,
              double       value,
              gboolean     percent,
              GError     **error)
{
  g_autofree char *number = percent ? g_strdup_printf ("%.1f", value * 100) : g_strdup_printf ("%.0f", value);
  const char *fields[] = { section, item, number };

  /* Excel in kk/ru locales reads a decimal comma. */
  if (percent && e->options->delimiter != ',')
    g_strdelimit (number, ".", ',');
  return emit (e, fields, G_N_ELEMENTS (fields), FALSE, error);
}

static gboolean
summary_counts (Export      *e,
                const char  *section,
                GPtrArray   *counts,
                const char *(*label) (const char *code),
                GError     **error)
{
  for (guint i = 0; i < counts->len; i++)
    {
      JdStatsCount *count = counts->pdata[i];

      if (!summary_line (e, section, label (count->code), count->count, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
service_label (const char *code)
{
  return label_of (jd_consultation_services, code);
}

static const char *
referral_label (const char *code)
{
  return label_of (jd_referral_targets, code);
}

static JdDb *district_db;

static const char *
district_label (const char *code)
{
  static char buffer[256];
  sqlite3_stmt *stmt = jd_db_prepare (district_db,
                                      "SELECT " DISTRICT_NAME " FROM district d WHERE d.code = ?1",
                                      NULL);

  if (code == NULL || *code == '\0' || stmt == NULL)
    return _("Not given");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  bind_lang (stmt);
  g_strlcpy (buffer, sqlite3_step (stmt) == SQLITE_ROW ? text (stmt, 0) : code, sizeof buffer);
  sqlite3_reset (stmt);
  return buffer;
}

static gboolean
export_summary (Export  *e,
                GError **error)
{
  const char *header[] = { _("Section"), _("Item"), _("Value") };
  g_autoptr(JdStats) stats = NULL;
  const char *totals = _("Totals");
  const char *ages = _("Visits by age group");
  const char *sexes = _("Visits by sex");

  stats = jd_stats_compute (e->db, e->options->from_day, e->to_day_exclusive, 0, e->cancellable, error);
  if (stats == NULL || !emit (e, header, G_N_ELEMENTS (header), TRUE, error))
    return FALSE;

  if (!summary_line (e, totals, _("Visits"), stats->visits, FALSE, error) ||
      !summary_line (e, totals, _("Unique visitors"), stats->unique_visitors, FALSE, error) ||
      !summary_line (e, totals, _("New registrations"), stats->new_registrations, FALSE, error) ||
      !summary_line (e, totals, _("NEET visitors"), stats->neet_visitors, FALSE, error) ||
      !summary_line (e, totals, _("NEET share, %"), stats->neet_share, TRUE, error) ||
      !summary_line (e, totals, _("NEET placed in jobs"), stats->neet_placed, FALSE, error) ||
      !summary_line (e, totals, _("Consultations"), stats->consultations, FALSE, error) ||
      !summary_line (e, totals, _("Referrals"), stats->referrals, FALSE, error) ||
      !summary_line (e, totals, _("Events held"), stats->events, FALSE, error) ||
      !summary_line (e, totals, _("Event participants"), stats->participants, FALSE, error))
    return FALSE;

  if (!summary_counts (e, _("Consultations by service"), stats->consultations_by_service,
                       service_label, error) ||
      !summary_counts (e, _("Referrals by target"), stats->referrals_by_target, referral_label, error))
    return FALSE;

  for (guint band = 0; band < JD_STATS_N_AGE_BANDS; band++)
    if (!summary_line (e, ages, jd_stats_age_band_label (band),
                       stats->visits_by_age_sex[band][0] + stats->visits_by_age_sex[band][1], FALSE, error))
      return FALSE;
  {
    guint female = 0, male = 0;

    for (guint band = 0; band < JD_STATS_N_AGE_BANDS; band++)
      {
        female += stats->visits_by_age_sex[band][0];
        male += stats->visits_by_age_sex[band][1];
      }
    if (!summary_line (e, sexes, C_("sex", "Female"), female, FALSE, error) ||
        !summary_line (e, sexes, C_("sex", "Male"), male, FALSE, error))
      return FALSE;
  }

  district_db = e->db;
  if (!summary_counts (e, _("Visits by district"), stats->visits_by_district, district_label, error))
    return FALSE;

  return summary_line (e, _("Visits by NEET status"), _("NEET"), stats->neet_visits, FALSE, error) &&
         summary_line (e, _("Visits by NEET status"), _("Not NEET"),
                       stats->visits - stats->neet_visits, FALSE, error);
}

/* A long export or import reads and writes far more pages than the
 * default page cache holds (2 MB), and read the same pages back from the
 * file and the log again and again. For an export 16 MB is as fast as
 * 128 MB was (all 3 million visits: 50 s against 47 s; three months: the
 * same) and keeps the peak memory at 35 MB instead of 155 MB. An import
 * writes every page of its new rows, and keeps them in 128 MB (100,000
 * visitors: 11.5 s instead of 14.6 s). The cache is given back after. */
#define EXPORT_CACHE_KIB 16384
#define IMPORT_CACHE_KIB 131072
/* In bulk, rows go to the end of their tables and indexes and the
 * indexes that would take them at random are made by sorting: 32 MB is
 * as fast as 128 MB (100,000 visitors: 4.7-5.3 s against 5.1-5.7 s) and
 * the import's peak memory is 131 MB instead of 218 MB. */
#define BULK_IMPORT_CACHE_KIB 32768

static gint64
bulk_cache_begin (JdDb *db,
                  int   kib)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, "PRAGMA cache_size", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%d", kib);
  gint64 previous = -2000;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  jd_db_exec (db, sql, NULL);
  return previous;
}

static void
bulk_cache_end (JdDb   *db,
                gint64  previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT "; PRAGMA shrink_memory;",
                                          previous);

  jd_db_exec (db, sql, NULL);
}

/* Running a report. */

static gboolean
check_period (Export  *e,
              GError **error)
{
  GDate from, to;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (e->options->from_day == NULL || e->options->to_day == NULL ||
      !jd_date_parse (e->options->from_day, &from) || !jd_date_parse (e->options->to_day, &to) ||
      g_date_compare (&from, &to) > 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose a period: the first and the last day as YYYY-MM-DD, "
                             "the first not after the last."));
      return FALSE;
    }

  g_date_add_days (&to, 1);
  start = g_date_time_new_local (g_date_get_year (&from), g_date_get_month (&from),
                                 g_date_get_day (&from), 0, 0, 0);
  end = g_date_time_new_local (g_date_get_year (&to), g_date_get_month (&to), g_date_get_day (&to),
                               0, 0, 0);
  e->from = g_date_time_to_unix (start);
  e->to = g_date_time_to_unix (end);
  e->to_day_exclusive = jd_date_to_iso (&to);
  return TRUE;
}

static gboolean
check_rights (JdDb                  *db,
              const JdExportOptions *options,
              GError               **error)
{
  if (jd_export_kind_is_personal (options->kind) && !options->anonymize)
    return jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error);
  return jd_access_check (db, JD_PERM_VIEW_REPORTS, error);
}

static gboolean
run (Export  *e,
     GError **error)
{
  gint64 cache;
  gboolean ok;

  /* One snapshot for the whole file. */
  cache = bulk_cache_begin (e->db, EXPORT_CACHE_KIB);
  if (!jd_db_exec (e->db, "BEGIN", error))
    {
      bulk_cache_end (e->db, cache);
      return FALSE;
    }

  switch (e->options->kind)
    {
    case JD_EXPORT_VISITORS: ok = export_visitors (e, error); break;
    case JD_EXPORT_VISITS: ok = export_visits (e, error); break;
    case JD_EXPORT_CONSULTATIONS: ok = export_consultations (e, error); break;
    case JD_EXPORT_EVENTS: ok = export_events (e, error); break;
    case JD_EXPORT_ATTENDANCE: ok = export_attendance (e, error); break;
    case JD_EXPORT_SUMMARY: ok = export_summary (e, error); break;
    default: g_assert_not_reached ();
    }

  jd_db_exec (e->db, ok ? "COMMIT" : "ROLLBACK", NULL);
  bulk_cache_end (e->db, cache);
  return ok;
}

GPtrArray *
jd_export_preview (JdDb                  *db,
                   const JdExportOptions *options,
                   guint                  n_rows,
                   GError               **error)
{
  g_autoptr(GPtrArray) preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  Export e = { .db = db, .options = options, .preview = preview, .preview_limit = n_rows };
  gboolean ok;

  g_return_val_if_fail (db != NULL && options != NULL, NULL);
  e.local_day.tz = jd_db_get_time_zone (db);

  ok = check_rights (db, options, error) && check_period (&e, error) && run (&e, error);
  g_free (e.to_day_exclusive);
  return ok ? g_steal_pointer (&preview) : NULL;
}

gboolean
jd_export_to_file (JdDb                  *db,
                   const JdExportOptions *options,
                   const char            *path,
                   GCancellable          *cancellable,
                   JdExportProgress       progress,
                   gpointer               user_data,
                   guint                 *n_rows,
                   GError               **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *detail = NULL;
  int temp_fd = -1;
  Export e = { .db = db, .options = options, .cancellable = cancellable, .progress = progress,
               .user_data = user_data };
  gboolean ok = FALSE;

  g_return_val_if_fail (db != NULL && options != NULL && path != NULL, FALSE);
  e.local_day.tz = jd_db_get_time_zone (db);

  if (n_rows != NULL)
    *n_rows = 0;
  if (!check_rights (db, options, error) || !check_period (&e, error))
    goto out;

  /* Never over the database or a backup. */
  if (!jd_output_check (db, path, JD_OUTPUT_REPORT, error))
    goto out;

  /* A private, locked temporary file beside the target, renamed over it
   * at the end: nothing half-written under the target's name, and
   * nothing left behind that the next export would not clear. */
  target = g_file_new_for_path (path);
  temp_fd = jd_output_temp_new (path, &temp_path, &local_error);
  if (temp_fd < 0)
    goto io_failed;
  temp = g_file_new_for_path (temp_path);
  if (options->format == JD_EXPORT_FORMAT_XLSX)
    {
      /* The summary: one sheet per breakdown. */
      e.xlsx = jd_xlsx_writer_new (temp_path, jd_export_kind_label (options->kind),
                                   options->kind == JD_EXPORT_SUMMARY, &local_error);
      if (e.xlsx == NULL || !run (&e, &local_error) || !jd_xlsx_writer_close (e.xlsx, &local_error))
        goto io_failed;
    }
  else
    {
      /* Written in place: g_file_replace () would add a temporary file
       * of its own, which a killed export would leave behind. */
      io = g_file_open_readwrite (temp, cancellable, &local_error);
      if (io == NULL)
        goto io_failed;
      e.writer = jd_csv_writer_new (g_io_stream_get_output_stream (G_IO_STREAM (io)),
                                    options->delimiter ? options->delimiter : ';', TRUE);
      if (!run (&e, &local_error) || !jd_csv_writer_close (e.writer, cancellable, &local_error))
        goto io_failed;
    }
  /* On the disk before it takes the target's name, as g_file_replace ()
   * did: after a power cut the report is whole or absent, never empty. */
  if (fsync (temp_fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      goto io_failed;
    }
  /* Cancelled up to the last moment: no file. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto io_failed;
  if (g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      goto io_failed;
    }
  g_clear_object (&temp);

  /* On record, after the file is in place. */
  detail = g_strdup_printf ("%s %s..%s%s %s", kinds[options->kind].name, options->from_day,
                            options->to_day, options->anonymize ? " anonymised" : "", path);
  if (!jd_db_begin (db, &local_error) ||
      !jd_audit_record (db, JD_AUDIT_EXPORTED, NULL, 0, detail, &local_error) ||
      !jd_db_commit (db, &local_error))
    {
      jd_db_rollback (db);
      g_file_delete (target, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (n_rows != NULL)
    *n_rows = e.rows;
  ok = TRUE;
  goto out;

io_failed:
  /* Closed, then deleted while still locked. */
  g_clear_pointer (&e.writer, jd_csv_writer_free);
  g_clear_pointer (&e.xlsx, jd_xlsx_writer_free);
  g_clear_object (&io);
  if (temp_path != NULL)
    g_unlink (temp_path);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      local_error->domain == JD_DB_ERROR || local_error->domain == JD_ACCESS_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                 _("The report could not be saved to “%s” (%s). Choose another place."),
                 path, local_error->message);

out:
  g_clear_pointer (&e.writer, jd_csv_writer_free);
  g_clear_pointer (&e.xlsx, jd_xlsx_writer_free);
  g_clear_object (&io);
  if (temp_fd >= 0)
    close (temp_fd);
  g_free (e.to_day_exclusive);
  return ok;
}

/* Importing visitors. */

typedef enum
{
  COL_SURNAME,
  COL_GIVEN_NAME,
  COL_PATRONYMIC,
  COL_IIN,
  COL_BIRTH_DATE,
  COL_SEX,
  COL_PHONE,
  COL_EMAIL,
  COL_DISTRICT,
  COL_LOCALITY,
  COL_OCCUPATION,
  COL_EDUCATION,
  COL_CATEGORIES,
  COL_LANGUAGE,
  COL_CONSENT_BY,
  COL_GUARDIAN,
  COL_GUARDIAN_PHONE,
  COL_NOTES,
  COL_REGISTERED,
  N_COLUMNS
} Column;

/* The fields a column can hold, in the order of Column. */
static const JdChoice import_fields[N_COLUMNS] = {
  [COL_SURNAME] = { "surname", N_("Surname") },
  [COL_GIVEN_NAME] = { "given_name", N_("Given name") },
  [COL_PATRONYMIC] = { "patronymic", N_("Patronymic") },
  [COL_IIN] = { "iin", N_("IIN") },
  [COL_BIRTH_DATE] = { "birth_date", N_("Date of birth") },
  [COL_SEX] = { "sex", N_("Sex") },
  [COL_PHONE] = { "phone", N_("Phone") },
  [COL_EMAIL] = { "email", N_("E-mail") },
  [COL_DISTRICT] = { "district", N_("District") },
  [COL_LOCALITY] = { "locality", N_("Locality") },
  [COL_OCCUPATION] = { "occupation", N_("Occupation") },
  [COL_EDUCATION] = { "education", N_("Education") },
  [COL_CATEGORIES] = { "categories", N_("Social categories") },
  [COL_LANGUAGE] = { "language", N_("Preferred language") },
  [COL_CONSENT_BY] = { "consent_by", N_("Consent given by") },
  [COL_GUARDIAN] = { "guardian", N_("Guardian") },
  [COL_GUARDIAN_PHONE] = { "guardian_phone", N_("Guardian’s phone") },
  [COL_NOTES] = { "notes", N_("Notes") },
  [COL_REGISTERED] = { "registered", N_("Registered") },
};

/* Headers people use, in English, Kazakh and Russian, besides the ones
 * the export writes in the interface language (see header_column()). */
static const struct
{
  Column      column;
  const char *names[6];
} header_aliases[] = {
  { COL_SURNAME, { "surname", "last name", "тегі", "фамилия", NULL } },
  { COL_GIVEN_NAME, { "given name", "first name", "name", "аты", "имя", NULL } },
  { COL_PATRONYMIC, { "patronymic", "әкесінің аты", "отчество", NULL } },
  { COL_IIN, { "iin", "жсн", "иин", NULL } },
  { COL_BIRTH_DATE, { "date of birth", "birth date", "туған күні", "дата рождения", NULL } },
  { COL_SEX, { "sex", "gender", "жынысы", "пол", NULL } },
  { COL_PHONE, { "phone", "телефон", "телефон нөмірі", "номер телефона", NULL } },
  { COL_EMAIL, { "e-mail", "email", "электрондық пошта", "электронная почта", NULL } },
  { COL_DISTRICT, { "district", "аудан", "район", NULL } },
  { COL_LOCALITY, { "locality", "елді мекен", "населённый пункт", "населенный пункт", NULL } },
  { COL_OCCUPATION, { "occupation", "status", "қызметі", "жұмыспен қамтылуы", "занятость", NULL } },
  { COL_EDUCATION, { "education", "білімі", "образование", NULL } },
  { COL_CATEGORIES, { "social categories", "әлеуметтік санаттар", "социальные категории", NULL } },
  { COL_LANGUAGE, { "preferred language", "language", "тілі", "язык", NULL } },
  { COL_CONSENT_BY, { "consent given by", "келісім берген", "согласие дал", NULL } },
  { COL_GUARDIAN, { "guardian", "ата-анасы", "законный представитель", NULL } },
  { COL_GUARDIAN_PHONE, { "guardian’s phone", "guardian's phone", "ата-анасының телефоны",
                          "телефон представителя", NULL } },
  { COL_NOTES, { "notes", "ескертпелер", "примечания", NULL } },
  { COL_REGISTERED, { "registered", "тіркелген", "дата регистрации", NULL } },
};

/* Case, spaces and punctuation do not matter in headers and values. */
static char *
normalize (const char *text)
{
  g_autofree char *folded = jd_text_fold (text ? text : "");
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static int
header_column (const char *header)
{
  g_autofree char *key = normalize (header);

  if (*key == '\0')
    return -1;
  /* The export's own headers, in the interface language. */
  for (int c = 0; c < N_COLUMNS; c++)
    {
      g_autofree char *mine = normalize (_(import_fields[c].label));

      if (g_str_equal (key, mine))
        return c;
    }
  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    for (guint j = 0; header_aliases[i].names[j] != NULL; j++)
      {
        g_autofree char *alias = normalize (header_aliases[i].names[j]);

        if (g_str_equal (key, alias))
          return (int) header_aliases[i].column;
      }
  return -1;
}

/* A code of @choices from the code itself, its English label or its
 * translated label. */
static const char *
choice_from_text (const JdChoice *choices,
                  guint           n,
                  const char     *value)
{
  g_autofree char *key = normalize (value);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = normalize (choices[i].code);
      g_autofree char *english = normalize (choices[i].label);
      g_autofree char *translated = normalize (_(choices[i].label));

      if (g_str_equal (key, code) || g_str_equal (key, english) || g_str_equal (key, translated))
        return choices[i].code;
    }
  return NULL;
}

static JdSex
sex_from_text (const char *value)
{
  g_autofree char *key = normalize (value);
  g_autofree char *female = normalize (C_("sex", "Female"));
  g_autofree char *male = normalize (C_("sex", "Male"));

  if (*key == '\0')
    return JD_SEX_UNKNOWN;
  if (g_str_equal (key, female) || g_str_has_prefix (key, "f") || g_str_has_prefix (key, "ж") ||
      g_str_has_prefix (key, "ә"))
    return JD_SEX_FEMALE;
  if (g_str_equal (key, male) || g_str_has_prefix (key, "m") || g_str_has_prefix (key, "м") ||
      g_str_has_prefix (key, "е"))
    return JD_SEX_MALE;
  return JD_SEX_UNKNOWN;
}

static const char *
language_from_text (const char *value)
{
  g_autofree char *key = normalize (value);
  g_autofree char *kazakh = normalize (_("Kazakh"));
  g_autofree char *russian = normalize (_("Russian"));

  if (g_str_equal (key, kazakh) || g_str_has_prefix (key, "kk") || g_str_has_prefix (key, "kaz") ||
      g_str_has_prefix (key, "қаз") || g_str_has_prefix (key, "каз"))
    return "kk";
  if (g_str_equal (key, russian) || g_str_has_prefix (key, "ru") || g_str_has_prefix (key, "рус") ||
      g_str_has_prefix (key, "орыс"))
    return "ru";
  return NULL;
}

typedef struct
{
  JdDb         *db;
  GHashTable   *districts;   /* normalized code or name → code */
  /* Per column, what each distinct text was read as (a code, or MISS):
   * a file repeats a handful of values a hundred thousand times. */
  GHashTable   *memo[N_COLUMNS];
  JdCsvWriter  *rejects;
  GFile        *rejects_file;
  GFile        *rejects_temp;
  guint         n_header;
  /* Chosen by the person: per column of the file, a field or -1. */
  const int    *fields;
  guint         n_fields;
  /* In bulk: the indexes dropped (CREATE statements), and what the
   * duplicate rules compare, each key to the first visitor id with it. */
  gboolean      bulk;
  GPtrArray    *dropped;
  GHashTable   *by_iin;
  GHashTable   *by_name;     /* name key, "\x1f", birth date */
  GHashTable   *by_phone;
} Import;

static gboolean
load_districts (Import  *im,
                GError **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (im->db, "SELECT code, name_kk, name_ru, name_en FROM district", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_hash_table_insert (im->districts, normalize (text (stmt, i)), g_strdup (text (stmt, 0)));
  sqlite3_reset (stmt);
  return TRUE;
}

static const char MISS[] = "";

/* The code @resolve gives for @value in @column, remembered. */
static const char *
remembered (Import      *im,
            Column       column,
            const char  *value,
            const char *(*resolve) (Import *im, const char *value))
{
  const char *code;

  if (im->memo[column] == NULL)
    im->memo[column] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  code = g_hash_table_lookup (im->memo[column], value);
  if (code == NULL)
    {
      code = resolve (im, value);
      if (code == NULL)
        code = MISS;
      g_hash_table_insert (im->memo[column], g_strdup (value), (gpointer) code);
    }
  return code == MISS ? NULL : code;
}

static const char *
resolve_district (Import     *im,
                  const char *value)
{
  g_autofree char *key = normalize (value);

  return g_hash_table_lookup (im->districts, key);
}

#define RESOLVE_CHOICE(name, list)                                  \
  static const char *                                              \
  resolve_##name (Import     *im,                                  \
                  const char *value)                               \
  {                                                                \
    guint n;                                                       \
    const JdChoice *choices = list (&n);                           \
                                                                   \
    return choice_from_text (choices, n, value);                   \
  }
RESOLVE_CHOICE (occupation, jd_occupations)
RESOLVE_CHOICE (education, jd_education_levels)
RESOLVE_CHOICE (category, jd_social_categories)
#undef RESOLVE_CHOICE

static const char *
resolve_sex (Import     *im,
             const char *value)
{
  return jd_sex_to_code (sex_from_text (value));
}

static const char *
resolve_language (Import     *im,
                  const char *value)
{
  return language_from_text (value);
}

static const char *
cell (GPtrArray  *row,
      const int  *map,
      Column      column)
{
  int index = map[column];

  const char *value;

  if (index < 0 || (guint) index >= row->len)
    return NULL;
  value = row->pdata[index];
  /* The apostrophe our export puts before "+7…" and the like. */
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    value++;
  return *value ? value : NULL;
}

/* A visitor from a row, or NULL with @reason. */
static JdVisitor *
visitor_from_row (Import     *im,
                  GPtrArray  *row,
                  const int  *map,
                  gint64     *registered,
                  char      **reason)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  const char *value;

#define TEXT(col) g_strdup (cell (row, map, col))
  v->surname = TEXT (COL_SURNAME);
  v->given_name = TEXT (COL_GIVEN_NAME);
  v->patronymic = TEXT (COL_PATRONYMIC);
  v->iin = TEXT (COL_IIN);
  v->birth_date = TEXT (COL_BIRTH_DATE);
  v->phone = TEXT (COL_PHONE);
  v->email = TEXT (COL_EMAIL);
  v->notes = TEXT (COL_NOTES);
  v->guardian_name = TEXT (COL_GUARDIAN);
  v->guardian_phone = TEXT (COL_GUARDIAN_PHONE);
#undef TEXT
  if ((value = cell (row, map, COL_SEX)) != NULL)
    v->sex = jd_sex_from_code (remembered (im, COL_SEX, value, resolve_sex));

  if ((value = cell (row, map, COL_DISTRICT)) != NULL)
    {
      const char *code = remembered (im, COL_DISTRICT, value, resolve_district);

      if (code != NULL)
        {
          v->district_code = g_strdup (code);
          v->locality = g_strdup (cell (row, map, COL_LOCALITY));
        }
      else
        {
          /* A place outside the list: "other", with its name kept. */
          v->district_code = g_strdup ("other");
          v->locality = g_strdup (cell (row, map, COL_LOCALITY) ? cell (row, map, COL_LOCALITY) : value);
        }
    }

  if ((value = cell (row, map, COL_OCCUPATION)) != NULL)
    {
      const char *code = remembered (im, COL_OCCUPATION, value, resolve_occupation);

      if (code == NULL)
        {
          *reason = g_strdup_printf (_("Unknown occupation “%s”."), value);
          return NULL;
        }
      v->occupation = g_strdup (code);
    }
  if ((value = cell (row, map, COL_EDUCATION)) != NULL)
    {
      const char *code = remembered (im, COL_EDUCATION, value, resolve_education);

      if (code == NULL)
        {
          *reason = g_strdup_printf (_("Unknown education level “%s”."), value);
          return NULL;
        }
      v->education = g_strdup (code);
    }
  if ((value = cell (row, map, COL_CATEGORIES)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (value, ",;", -1);
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *code;

          g_strstrip (parts[i]);
          if (*parts[i] == '\0')
            continue;
          code = remembered (im, COL_CATEGORIES, parts[i], resolve_category);
          if (code == NULL)
            {
              *reason = g_strdup_printf (_("Unknown social category “%s”."), parts[i]);
              return NULL;
            }
          g_strv_builder_add (codes, code);
        }
      v->categories = g_strv_builder_end (codes);
    }
  if ((value = cell (row, map, COL_LANGUAGE)) != NULL &&
      (value = remembered (im, COL_LANGUAGE, value, resolve_language)) != NULL)
    {
      g_free (v->language);
      v->language = g_strdup (value);
    }

  /* Consent was given on paper when the person was first registered. */
  v->consent_given = TRUE;
  value = cell (row, map, COL_CONSENT_BY);
  v->consent_by_guardian = v->guardian_name != NULL ||
                           (value != NULL && !g_str_equal (value, _("self")) &&
                            g_ascii_strcasecmp (value, "self") != 0);

  *registered = 0;
  if ((value = cell (row, map, COL_REGISTERED)) != NULL)
    {
      GDate day;
      g_autoptr(GDateTime) noon = NULL;

      if (!jd_date_parse (value, &day))
        {
          *reason = g_strdup_printf (_("The registration date “%s” is not a date."), value);
          return NULL;
        }
      noon = g_date_time_new (jd_db_get_time_zone (im->db), g_date_get_year (&day),
                              g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
      *registered = g_date_time_to_unix (noon);
    }

  return g_steal_pointer (&v);
}

static gboolean
reject (Import      *im,
        guint        line,
        const char  *reason,
        GPtrArray   *row,
        GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  if (im->rejects == NULL)
    {
      g_autoptr(GFileOutputStream) out = NULL;
      const char *header[] = { _("Line"), _("Reason") };

      out = g_file_replace (im->rejects_temp, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
      if (out == NULL)
        return FALSE;
      im->rejects = jd_csv_writer_new (G_OUTPUT_STREAM (out), ';', TRUE);
      if (!jd_csv_writer_write_row (im->rejects, header, G_N_ELEMENTS (header), NULL, error))
        return FALSE;
    }

  g_ptr_array_add (fields, g_strdup_printf ("%u", line));
  g_ptr_array_add (fields, g_strdup (reason));
  for (guint i = 0; row != NULL && i < row->len; i++)
    g_ptr_array_add (fields, g_strdup (row->pdata[i]));
  return jd_csv_writer_write_row (im->rejects, (const char * const *) fields->pdata, fields->len,
                                  NULL, error);
}

void
jd_import_result_free (JdImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->rejects_path);
  g_free (result);
}

/* Bulk imports. */

/* A file as big as the database (at about 200 bytes a row) or bigger,
 * and 5,000 rows at least, is imported in bulk. */
#define BULK_ROW_BYTES 200
#define BULK_MIN_ROWS  5000

static gboolean
choose_bulk (Import        *im,
             GFile         *file,
             JdImportMode   mode,
             gboolean      *bulk,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  sqlite3_stmt *stmt;
  gint64 rows, existing = 0;

  *bulk = mode == JD_IMPORT_BULK;
  if (mode != JD_IMPORT_AUTO)
    return TRUE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return TRUE;
  rows = g_file_info_get_size (info) / BULK_ROW_BYTES;

  stmt = jd_db_prepare (im->db, "SELECT max(id) FROM visitor", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  *bulk = rows >= BULK_MIN_ROWS && rows >= existing;
  return TRUE;
}

static char *
name_and_birth (const char *key,
                const char *birth_date)
{
  return g_strconcat (key, "\x1f", birth_date, NULL);
}

static void
remember_key (GHashTable *keys,
              char       *key,
              gint64      visitor_id)
{
  if (key == NULL || g_hash_table_contains (keys, key))
    g_free (key);
  else
    g_hash_table_insert (keys, key, GSIZE_TO_POINTER ((gsize) visitor_id));
}

static void
remember_visitor (Import     *im,
                  gint64      visitor_id,
                  const char *iin,
                  const char *phone,
                  const char *key,
                  const char *birth_date,
                  gboolean    anonymised)
{
  remember_key (im->by_iin, g_strdup (iin), visitor_id);
  if (anonymised)
    return;
  remember_key (im->by_phone, g_strdup (phone), visitor_id);
  if (key != NULL && birth_date != NULL)
    remember_key (im->by_name, name_and_birth (key, birth_date), visitor_id);
}

static gint64
lookup_key (GHashTable *keys,
            const char *key)
{
  return key != NULL ? (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (keys, key)) : 0;
}

/* The rules of jd_visitor_find_duplicates() in the same order, on the
 * keys in memory: the id of the person @visitor repeats (and why), or 0. */
static gint64
bulk_duplicate (Import             *im,
                const JdVisitor    *visitor,
                const char         *key,
                const char         *short_key,
                JdDuplicateReason  *reason)
{
  gint64 id;

  *reason = JD_DUPLICATE_SAME_IIN;
  if ((id = lookup_key (im->by_iin, visitor->iin)) != 0)
    return id;
  *reason = JD_DUPLICATE_SAME_NAME_AND_DOB;
  if (visitor->birth_date != NULL)
    {
      g_autofree char *full = name_and_birth (key, visitor->birth_date);
      g_autofree char *shorter = short_key ? name_and_birth (short_key, visitor->birth_date) : NULL;

      if ((id = lookup_key (im->by_name, full)) != 0 || (id = lookup_key (im->by_name, shorter)) != 0)
        return id;
    }
  *reason = JD_DUPLICATE_SAME_PHONE;
  return lookup_key (im->by_phone, visitor->phone);
}

/* Inside the import's transaction: the keys of everyone registered in
 * memory, the secondary indexes dropped, search tokens gathered. */
static gboolean
bulk_begin (Import  *im,
            GError **error)
{
  /* Indexes whose entries would go to random places. New visitors'
   * ids grow, so an index by visitor id or by district (a dozen places
   * where rows are added at the end) stays cheap to keep up. */
  static const char * const indexes[] = {
    "visitor_name_key", "visitor_phone", "visitor_created", "visitor_list", "visitor_token_visitor", NULL
  };
  sqlite3_stmt *stmt;
  int rc;

  im->by_iin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = jd_db_prepare (im->db,
                        "SELECT id, iin, phone, name_key, birth_date, anonymised_at IS NOT NULL"
                        " FROM visitor ORDER BY id",
                        error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember_visitor (im, sqlite3_column_int64 (stmt, 0), text (stmt, 1), text (stmt, 2),
                      text (stmt, 3), text (stmt, 4), sqlite3_column_int (stmt, 5));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (im->db, rc, error);
      return FALSE;
    }

  im->dropped = jd_db_drop_indexes (im->db, indexes, error);
  if (im->dropped == NULL)
    return FALSE;
  jd_search_bulk_begin (im->db);
  return TRUE;
}

/* Before the commit: tokens written in order, indexes made again. */
static gboolean
bulk_end (Import  *im,
          GError **error)
{
  return jd_search_bulk_end (im->db, TRUE, error) &&
         jd_db_restore_indexes (im->db, im->dropped, error);
}

static void
bulk_clear (Import *im)
{
  jd_search_bulk_end (im->db, FALSE, NULL);
  g_clear_pointer (&im->dropped, g_ptr_array_unref);
  g_clear_pointer (&im->by_iin, g_hash_table_unref);
  g_clear_pointer (&im->by_name, g_hash_table_unref);
  g_clear_pointer (&im->by_phone, g_hash_table_unref);
}

/* Reading and writing.
 *
 * A thread reads the file and does everything that needs no database
 * (parsing, the registration rules, the name and search keys) a batch of
 * rows ahead, while the import's own thread checks duplicates and
 * writes: on two cores that is about a quarter of the time saved. */

#define BATCH_ROWS     256
#define BATCHES_AHEAD  8

typedef struct
{
  guint          line;
  GPtrArray     *fields;     /* the row as read; NULL when it could not be */
  JdVisitor     *visitor;    /* NULL when @reason says why not */
  gint64         registered;
  char          *reason;
  char          *key;        /* the name key, and without the patronymic */
  char          *short_key;
  JdSearchKeys  *keys;
} Row;

static void
row_free (Row *row)
{
  g_clear_pointer (&row->fields, g_ptr_array_unref);
  g_clear_pointer (&row->visitor, jd_visitor_free);
  g_free (row->reason);
  g_free (row->key);
  g_free (row->short_key);
  g_clear_pointer (&row->keys, jd_search_keys_free);
  g_free (row);
}

typedef struct
{
  Import        *im;
  JdCsvReader   *reader;
  int            map[N_COLUMNS];
  GDate          today;
  GCancellable  *cancellable;
  GAsyncQueue   *full;      /* batches read, in order; an empty one ends */
  GAsyncQueue   *empty;     /* batches to fill: how far to read ahead */
  gint           stop;      /* the writer has stopped */
  GError        *error;     /* why the file could not be read to the end */
} Reader;

static Row *
read_row (Reader    *r,
          GPtrArray *fields,
          guint      line)
{
  Row *row = g_new0 (Row, 1);
  g_autoptr(GPtrArray) issues = NULL;
  JdVisitor *v;

  row->line = line;
  row->fields = fields;
  if (fields->len > r->im->n_header)
    {
      row->reason = g_strdup_printf (_("The row has %u columns; the header has %u."), fields->len,
                                     r->im->n_header);
      return row;
    }

  v = row->visitor = visitor_from_row (r->im, fields, r->map, &row->registered, &row->reason);
  if (v == NULL)
    return row;
  issues = jd_visitor_validate (v, &r->today);
  for (guint i = 0; i < issues->len && row->reason == NULL; i++)
    {
      JdFieldIssue *issue = issues->pdata[i];

      if (!issue->is_warning)
        row->reason = g_strdup (issue->message);
    }
  if (row->reason != NULL)
    {
      g_clear_pointer (&row->visitor, jd_visitor_free);
      return row;
    }

  row->key = jd_visitor_name_keys (v, &row->short_key);
  row->keys = jd_search_keys_new (v->surname, v->given_name, v->patronymic, v->phone, v->iin);
  return row;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *r = data;
  gboolean more = TRUE;

  while (more)
    {
      GPtrArray *batch = g_async_queue_pop (r->empty);

      if (g_atomic_int_get (&r->stop) || g_cancellable_is_cancelled (r->cancellable))
        {
          g_ptr_array_unref (batch);
          break;
        }
      /* Rows written are freed here, not on the writing thread. */
      g_ptr_array_set_size (batch, 0);
      while (more && batch->len < BATCH_ROWS)
        {
          g_autoptr(GPtrArray) fields = NULL;
          g_autoptr(GError) row_error = NULL;
          guint line = 0;

          if (jd_csv_reader_next (r->reader, &fields, &line, NULL, &row_error))
            {
              g_ptr_array_add (batch, read_row (r, g_steal_pointer (&fields), line));
              continue;
            }
          /* A row in another encoding is one bad row; a broken quote is
           * a broken file. */
          if (g_error_matches (row_error, JD_CSV_ERROR, JD_CSV_ERROR_ENCODING))
            {
              Row *row = g_new0 (Row, 1);

              row->line = line;
              row->reason = g_strdup (row_error->message);
              g_ptr_array_add (batch, row);
              continue;
            }
          r->error = g_steal_pointer (&row_error);
          more = FALSE;
        }
      if (batch->len > 0)
        g_async_queue_push (r->full, batch);
      else
        g_ptr_array_unref (batch);
    }
  /* The end. */
  g_async_queue_push (r->full, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  return NULL;
}

/* The first person @row repeats, by the front-desk rules; NULL with no
 * @error when it is someone new. */
static JdDuplicate *
find_duplicate (Import   *im,
                Row      *row,
                GError  **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;
  JdDuplicateReason reason;
  gint64 id;

  if (im->bulk)
    {
      id = bulk_duplicate (im, row->visitor, row->key, row->short_key, &reason);
      return id != 0 ? jd_visitor_load_duplicate (im->db, id, reason, error) : NULL;
    }

  duplicates = jd_visitor_find_duplicates (im->db, row->visitor, error);
  return duplicates != NULL && duplicates->len > 0 ? g_ptr_array_steal_index (duplicates, 0) : NULL;
}

/* Checks @row for duplicates and writes it, or writes why not to the
 * rejects file. */
static gboolean
write_row (Import          *im,
           Row             *row,
           JdImportResult  *result,
           GError         **error)
{
  g_autoptr(JdDuplicate) dup = NULL;
  g_autoptr(GError) local_error = NULL;

  if (row->reason != NULL)
    {
      result->rejected++;
      return reject (im, row->line, row->reason, row->fields, error);
    }

  /* Someone already registered (or earlier in this file). */
  dup = find_duplicate (im, row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (dup != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Already registered: %s, born %s."),
                                                 dup->display_name, dup->birth_date);

      result->skipped++;
      return reject (im, row->line, reason, row->fields, error);
    }

  if (!jd_visitor_insert_unlocked (im->db, row->visitor, row->registered, row->key, row->keys, error))
    return FALSE;
  if (im->bulk)
    remember_visitor (im, row->visitor->id, row->visitor->iin, row->visitor->phone, row->key,
                      row->visitor->birth_date, FALSE);
  result->imported++;
  return TRUE;
}

static gboolean
import_rows (Import             *im,
             JdCsvReader        *reader,
             JdImportResult     *result,
             GCancellable       *cancellable,
             JdExportProgress    progress,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Reader r = { .im = im, .reader = reader, .cancellable = cancellable };
  GThread *thread;
  gboolean ok = TRUE;
  guint line = 0;

  g_date_clear (&r.today, 1);
  g_date_set_dmy (&r.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (!jd_csv_reader_next (reader, &header, &line, cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return FALSE;
    }

  for (int c = 0; c < N_COLUMNS; c++)
    r.map[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      int column = im->fields != NULL ? (i < im->n_fields ? im->fields[i] : -1)
                                      : header_column (header->pdata[i]);

      if (column >= 0 && column < N_COLUMNS && r.map[column] < 0)
        r.map[column] = (int) i;
    }
  im->n_header = header->len;
  if (r.map[COL_SURNAME] < 0 || r.map[COL_GIVEN_NAME] < 0 ||
      (r.map[COL_BIRTH_DATE] < 0 && r.map[COL_IIN] < 0))
    {
      g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                           _("The first row must name the columns, with at least the surname, the "
                             "given name and the date of birth or the IIN (in Kazakh, Russian or "
                             "English)."));
      return FALSE;
    }

  /* Read once here, not for the first time on the reading thread. */
  jd_db_get_time_zone (im->db);
  r.full = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  r.empty = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < BATCHES_AHEAD; i++)
    g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  thread = g_thread_new ("jd-import-reader", reader_thread, &r);

  while (ok)
    {
      GPtrArray *batch = g_async_queue_pop (r.full);

      if (batch->len == 0)
        {
          g_ptr_array_unref (batch);
          break;
        }
      for (guint i = 0; ok && i < batch->len; i++)
        {
          guint before = result->imported;

          ok = write_row (im, batch->pdata[i], result, error);
          if (ok && result->imported != before)
            {
              if (progress != NULL && result->imported % 1000 == 0)
                progress (result->imported, user_data);
              if ((result->imported & 0xFF) == 0)
                ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
            }
        }
      g_async_queue_push (r.empty, batch);
    }
  /* Stop the reader if it is still reading, and wait for it. */
  g_atomic_int_set (&r.stop, 1);
  g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  g_thread_join (thread);
  g_async_queue_unref (r.full);
  g_async_queue_unref (r.empty);

  if (ok && r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      ok = FALSE;
    }
  g_clear_error (&r.error);
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

JdImportResult *
jd_import_visitors (JdDb              *db,
                    const char        *path,
                    GCancellable      *cancellable,
                    JdExportProgress   progress,
                    gpointer           user_data,
                    GError           **error)
{
  return jd_import_visitors_mapped (db, path, NULL, 0, cancellable, progress, user_data, error);
}

const JdChoice *
jd_import_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_COLUMNS;
  return import_fields;
}

gboolean
jd_import_fields_complete (const int *fields,
                           guint      n_fields)
{
  gboolean have[N_COLUMNS] = { FALSE };

  for (guint i = 0; i < n_fields; i++)
    if (fields[i] >= 0 && fields[i] < N_COLUMNS)
      have[fields[i]] = TRUE;
  return have[COL_SURNAME] && have[COL_GIVEN_NAME] && (have[COL_BIRTH_DATE] || have[COL_IIN]);
}

/**
 * jd_import_read_header:
 * @fields: (out): per column, the field its name was recognised as, or -1
 * @sample: (out) (optional): the first row under the header (may be shorter)
 *
 * Returns: (transfer full) (element-type utf8): the names of the columns
 */
GPtrArray *
jd_import_read_header (const char  *path,
                       GArray     **fields,
                       GPtrArray  **sample,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(JdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) local_error = NULL;
  guint line = 0;

  g_return_val_if_fail (path != NULL && fields != NULL, NULL);

  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("“%s” cannot be read (%s)."), path,
                   local_error->message);
      return NULL;
    }
  reader = jd_csv_reader_new (G_INPUT_STREAM (in));
  if (!jd_csv_reader_next (reader, &header, &line, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return NULL;
    }

  *fields = g_array_sized_new (FALSE, FALSE, sizeof (int), header->len);
  for (guint i = 0; i < header->len; i++)
    {
      int column = header_column (header->pdata[i]);

      /* One column per field: the first with that name. */
      for (guint j = 0; j < (*fields)->len; j++)
        if (g_array_index (*fields, int, j) == column)
          column = -1;
      g_array_append_val (*fields, column);
    }
  if (sample != NULL && !jd_csv_reader_next (reader, sample, &line, NULL, NULL))
    *sample = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&header);
}

JdImportResult *
jd_import_visitors_mapped (JdDb              *db,
                           const char        *path,
                           const int         *fields,
                           guint              n_fields,
                           GCancellable      *cancellable,
                           JdExportProgress   progress,
                           gpointer           user_data,
                           GError           **error)
{
  return jd_import_visitors_full (db, path, fields, n_fields, JD_IMPORT_AUTO, cancellable, progress,
                                  user_data, error);
}

JdImportResult *
jd_import_visitors_full (JdDb              *db,
                         const char        *path,
                         const int         *fields,
                         guint              n_fields,
                         JdImportMode       mode,
                         GCancellable      *cancellable,
                         JdExportProgress   progress,
                         gpointer           user_data,
                         GError           **error)
{
  g_autoptr(JdImportResult) result = g_new0 (JdImportResult, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(JdCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rejects_name = NULL;
  g_autofree char *detail = NULL;
  Import im = { .db = db, .fields = fields, .n_fields = n_fields };
  gint64 cache;
  gboolean ok;

  g_return_val_if_fail (db != NULL && path != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error))
    return NULL;

  file = g_file_new_for_path (path);
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("“%s” cannot be read (%s)."), path,
                   local_error->message);
      return NULL;
    }
  reader = jd_csv_reader_new (G_INPUT_STREAM (in));

  /* "visitors.csv" → "visitors-rejected.csv" beside it. */
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".csv") || g_str_has_suffix (base, ".CSV"))
    base[strlen (base) - 4] = '\0';
  rejects_name = g_strdup_printf ("%s-rejected.csv", base);
  {
    g_autoptr(GFile) dir = g_file_get_parent (file);
    g_autofree char *temp_name = g_strdup_printf (".%s.part", rejects_name);

    im.rejects_file = g_file_get_child (dir, rejects_name);
    im.rejects_temp = g_file_get_child (dir, temp_name);
  }
  /* Rejected rows never land on the database or a backup. */
  {
    g_autofree char *rejects_path = g_file_get_path (im.rejects_file);
    g_autofree char *temp_path = g_file_get_path (im.rejects_temp);

    if (!jd_output_check (db, rejects_path, JD_OUTPUT_REPORT, error) ||
        !jd_output_check (db, temp_path, JD_OUTPUT_REPORT, error))
      {
        g_object_unref (im.rejects_file);
        g_object_unref (im.rejects_temp);
        return NULL;
      }
  }
  im.districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = choose_bulk (&im, file, mode, &im.bulk, error);
  cache = bulk_cache_begin (db, im.bulk ? BULK_IMPORT_CACHE_KIB : IMPORT_CACHE_KIB);
  /* In bulk, foreign keys are not looked up row by row: the rows
   * written point only at visitors written just before them, at an
   * existing district (or none) and at the person importing. Each
   * search token's lookup of its visitor was a fifth of the import.
   * (SQLite takes the setting only outside a transaction.) */
  ok = ok && (!im.bulk || jd_db_exec (db, "PRAGMA foreign_keys = OFF", error)) &&
       jd_db_begin (db, error);
  if (ok)
    {
      ok = load_districts (&im, error) &&
           (!im.bulk || bulk_begin (&im, error)) &&
           import_rows (&im, reader, result, cancellable, progress, user_data, error) &&
           (!im.bulk || bulk_end (&im, error));
      if (ok)
        {
          detail = g_strdup_printf ("visitors %u imported, %u skipped, %u rejected from %s",
                                    result->imported, result->skipped, result->rejected, path);
          ok = jd_audit_record (db, JD_AUDIT_IMPORTED, JD_AUDIT_TARGET_VISITOR, 0, detail, error) &&
               jd_db_commit (db, error);
        }
      bulk_clear (&im);
      if (!ok)
        jd_db_rollback (db);
    }
  if (im.bulk)
    jd_db_exec (db, "PRAGMA foreign_keys = ON", NULL);

  if (im.rejects != NULL)
    {
      if (ok && jd_csv_writer_close (im.rejects, NULL, &local_error) &&
          g_file_move (im.rejects_temp, im.rejects_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                       &local_error))
        result->rejects_path = g_file_get_path (im.rejects_file);
      else
        g_file_delete (im.rejects_temp, NULL, NULL);
      jd_csv_writer_free (im.rejects);
    }
  bulk_cache_end (db, cache);
  g_hash_table_unref (im.districts);
  for (int c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&im.memo[c], g_hash_table_unref);
  g_object_unref (im.rejects_file);
  g_object_unref (im.rejects_temp);

  return ok ? g_steal_pointer (&result) : NULL;
}
