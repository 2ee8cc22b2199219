/* summary-report-fixture.h: a centre's November 2026 report, filled in
 * by hand, for the renderers' tests and screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels are the program's own messages (gettext at fill time), so that
 * under LANGUAGE=kk or ru the report reads as the app would write it.
 * Every table's total row is the sum of its rows, as in a real report.
 * The fixture frees what it made itself (fixture_report_free), so that
 * it does not depend on how the model's own code frees a report.
 */
#pragma once

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-age-band.h"
#include "jd-consultation.h"
#include "jd-purpose.h"
#include "jd-stats.h"
#include "jd-summary-report.h"

/* A table with @n_columns value columns of the given kinds, no rows. */
static inline JdSummaryTable *
fixture_table_new (const char               *title,
                   const char               *note,
                   const char               *label_title,
                   guint                     n_columns,
                   const char * const       *column_titles,
                   const JdSummaryValueKind *kinds)
{
  JdSummaryTable *table = g_new0 (JdSummaryTable, 1);

  table->title = g_strdup (title);
  table->note = g_strdup (note);
  table->label_title = g_strdup (label_title);
  table->n_columns = n_columns;
  table->column_titles = g_new0 (char *, n_columns + 1);
  table->kinds = g_new0 (JdSummaryValueKind, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      table->column_titles[c] = g_strdup (column_titles[c]);
      table->kinds[c] = kinds != NULL ? kinds[c] : JD_SUMMARY_VALUE_COUNT;
    }
  table->rows = g_ptr_array_new ();
  table->chart = TRUE;
  return table;
}

static inline JdSummaryRow *
fixture_add_row (JdSummaryTable *table,
                 const char     *label,
                 const double   *values)
{
  JdSummaryRow *row = g_new0 (JdSummaryRow, 1);

  row->label = g_strdup (label);
  row->values = g_memdup2 (values, sizeof (double) * MAX (table->n_columns, 1));
  g_ptr_array_add (table->rows, row);
  return row;
}

/* The total row: the sum of each column (a share column's total is
 * set by the caller afterwards). */
static inline void
fixture_add_total (JdSummaryTable *table,
                   const char     *label)
{
  g_autofree double *sums = g_new0 (double, MAX (table->n_columns, 1));
  JdSummaryRow *row;

  for (guint r = 0; r < table->rows->len; r++)
    {
      JdSummaryRow *each = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        sums[c] += each->values[c];
    }
  row = fixture_add_row (table, label, sums);
  row->is_total = TRUE;
}

static inline void
fixture_table_free (JdSummaryTable *table)
{
  if (table == NULL)
    return;
  for (guint r = 0; r < table->rows->len; r++)
    {
      JdSummaryRow *row = g_ptr_array_index (table->rows, r);

      g_free (row->label);
      g_free (row->values);
      g_free (row);
    }
  g_ptr_array_unref (table->rows);
  g_free (table->title);
  g_free (table->note);
  g_free (table->label_title);
  g_strfreev (table->column_titles);
  g_free (table->kinds);
  g_free (table);
}

static inline void
fixture_report_free (JdSummaryReport *report)
{
  for (guint t = 0; t < report->tables->len; t++)
    fixture_table_free (g_ptr_array_index (report->tables, t));
  g_ptr_array_unref (report->tables);
  fixture_table_free (report->headline);
  g_free (report->centre_name);
  g_free (report->centre_code);
  g_free (report->centre_district);
  g_free (report->from_day);
  g_free (report->to_day);
  g_free (report->period_label);
  g_free (report->made_at);
  g_free (report->made_by);
  g_free (report);
}

/* A report with the title block and no tables yet. */
static inline JdSummaryReport *
fixture_report_empty (void)
{
  JdSummaryReport *report = g_new0 (JdSummaryReport, 1);
  gboolean kk = g_str_equal (C_("district-names", "en"), "kk");

  report->centre_name = g_strdup (kk ? "«Жастар орталығы» — Алматы қаласы, Әуезов ауданы"
                                     : "Молодёжный ресурсный центр «Жастар» Ауэзовского района");
  report->centre_code = g_strdup ("ALM-AUE-01");
  report->centre_district = g_strdup (kk ? "Әуезов ауданы" : "Ауэзовский район");
  report->from_day = g_strdup ("2026-11-01");
  report->to_day = g_strdup ("2026-11-30");
  report->period_label = g_strdup (kk ? "Қараша 2026" : "Ноябрь 2026");
  report->made_at = g_strdup ("01.12.2026 09:30");
  report->made_by = g_strdup (kk ? "Әйгерім Нұрланқызы Сәрсенбаева" : "Айгерим Нурлановна Сарсенбаева");
  report->tables = g_ptr_array_new ();
  return report;
}

/* A day-by-day table of @n_days rows: long enough to break across
 * pages. Visits on day d: 152 + (d * 37) % 90, weekends a third; a
 * whole November's last day makes the month's 4 812 visits. */
static inline JdSummaryTable *
fixture_days_table (guint n_days)
{
  const char *columns[] = { _("Visits") };
  JdSummaryTable *table = fixture_table_new (_("Visits per Day"), NULL, _("Day"), 1, columns, NULL);
  double sum = 0;

  for (guint d = 1; d <= n_days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
      g_autoptr(GDateTime) at = g_date_time_add_days (day, (int) d - 1);
      g_autofree char *label = g_date_time_format (at, "%d.%m.%Y");
      int weekday = g_date_time_get_day_of_week (at);
      double visits = 152 + (d * 37) % 90;

      if (weekday >= 6)
        visits = floor (visits / 3);
      if (n_days == 30 && d == 30)
        visits = 4812 - sum;
      sum += visits;
      fixture_add_row (table, label, &visits);
    }
  fixture_add_total (table, _("Total"));
  return table;
}

/* The whole November report. */
static inline JdSummaryReport *
fixture_report_new (void)
{
  JdSummaryReport *report = fixture_report_empty ();
  gboolean kk = g_str_equal (C_("district-names", "en"), "kk");
  const char *people[] = { _("Visits"), _("Unique visitors") };
  const char *ages[] = { _("Visits"), _("Unique visitors"), _("NEET share, %") };
  const JdSummaryValueKind age_kinds[] = { JD_SUMMARY_VALUE_COUNT, JD_SUMMARY_VALUE_COUNT,
                                           JD_SUMMARY_VALUE_SHARE };
  const char *consultations[] = { _("Consultations") };
  const char *referrals[] = { _("Referrals") };
  JdSummaryTable *table;

  /* Headline figures. */
  {
    static const struct { const char *label; double value; } headline[] = {
      { N_("Visits"), 4812 },
      { N_("Unique visitors"), 1356 },
      { N_("New registrations"), 214 },
      { N_("NEET visitors"), 388 },
      { N_("NEET placed in jobs"), 27 },
      { N_("Consultations"), 642 },
      { N_("Referrals"), 118 },
      { N_("Events held"), 23 },
      { N_("Event participants"), 911 },
    };
    const char *value[] = { _("Total") };

    report->headline = fixture_table_new (_("Totals"), NULL, _("Item"), 1, value, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (headline); i++)
      fixture_add_row (report->headline, _(headline[i].label), &headline[i].value);
  }

  /* Age groups: visits, people and the NEET share among them. */
  {
    static const double values[][3] = {
      { 1034, 318, 0.057 }, { 2411, 652, 0.342 }, { 896, 247, 0.381 }, { 402, 121, 0.298 }, { 69, 18, 0.0 },
    };

    table = fixture_table_new (_("Visits by age group"),
                               kk ? "Келген күнгі жасы бойынша; әр адам бір рет саналады."
                                  : "Возраст на день посещения; каждый человек учтён один раз.",
                               _("Age group"), 3, ages, age_kinds);
    for (guint band = 0; band < G_N_ELEMENTS (values); band++)
      fixture_add_row (table, band < JD_N_AGE_BANDS ? jd_age_band_label (band) : jd_stats_other_ages_label (),
                       values[band]);
    fixture_add_total (table, _("Total"));
    /* The NEET share of all visitors, not the sum of the shares. */
    ((JdSummaryRow *) g_ptr_array_index (table->rows, table->rows->len - 1))->values[2] = 388.0 / 1356;
    g_ptr_array_add (report->tables, table);
  }

  {
    static const double values[][2] = { { 2688, 741 }, { 2079, 602 }, { 45, 13 } };
    const char *labels[] = { C_("sex", "Female"), C_("sex", "Male"), _("Not given") };

    table = fixture_table_new (_("Visits by sex"), NULL, _("Sex"), 2, people, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      fixture_add_row (table, labels[i], values[i]);
    fixture_add_total (table, _("Total"));
    g_ptr_array_add (report->tables, table);
  }

  {
    static const char *const kk_names[] = { "Әуезов ауданы", "Алмалы ауданы", "Бостандық ауданы",
                                            "Алатау ауданы", "Наурызбай ауданы", "Жетісу ауданы",
                                            "Түрксіб ауданы", "Медеу ауданы" };
    static const char *const ru_names[] = { "Ауэзовский район", "Алмалинский район",
                                            "Бостандыкский район", "Алатауский район",
                                            "Наурызбайский район", "Жетысуский район",
                                            "Турксибский район", "Медеуский район" };
    static const double values[][2] = { { 2904, 803 }, { 512, 150 }, { 431, 122 }, { 388, 117 },
                                        { 251, 69 }, { 143, 41 }, { 98, 29 }, { 85, 25 } };

    table = fixture_table_new (_("Visits by district"), NULL, _("District"), 2, people, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      fixture_add_row (table, kk ? kk_names[i] : ru_names[i], values[i]);
    fixture_add_total (table, _("Total"));
    g_ptr_array_add (report->tables, table);
  }

  {
    static const double values[][2] = { { 1490, 388 }, { 3322, 968 } };

    table = fixture_table_new (_("Visits by NEET status"), NULL, _("NEET"), 2, people, NULL);
    fixture_add_row (table, _("NEET"), values[0]);
    fixture_add_row (table, _("Not NEET"), values[1]);
    fixture_add_total (table, _("Total"));
    g_ptr_array_add (report->tables, table);
  }

  {
    static const double values[] = { 231, 148, 87, 64, 52, 31, 29 };
    const char *const *codes = jd_purpose_service_codes ();

    table = fixture_table_new (_("Consultations by service"), NULL, _("Service"), 1, consultations, NULL);
    for (guint i = 0; i < G_N_ELEMENTS (values) && codes[i] != NULL; i++)
      fixture_add_row (table, jd_purpose_service_label (codes[i]), &values[i]);
    fixture_add_total (table, _("Total"));
    g_ptr_array_add (report->tables, table);
  }

  {
    static const double values[] = { 41, 22, 17, 9, 8, 7, 6, 5, 2, 1 };
    guint n_targets = 0;
    const JdChoice *targets = jd_referral_targets (&n_targets);

    table = fixture_table_new (_("Referrals by target"), NULL, _("Referred to"), 1, referrals, NULL);
    for (guint i = 0; i < n_targets && i < G_N_ELEMENTS (values); i++)
      fixture_add_row (table, _(targets[i].label), &values[i]);
    fixture_add_total (table, _("Total"));
    g_ptr_array_add (report->tables, table);
  }

  g_ptr_array_add (report->tables, fixture_days_table (30));
  return report;
}
