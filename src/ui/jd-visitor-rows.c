/* jd-visitor-rows.c: rows that show a visitor found by the search
 *
 * What the lists of visitors share: names joined, the date of birth with
 * the age, a word for someone over 35, and a cheap row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-validate.h"
#include "jd-visitor-rows.h"

static GDate
today_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  return today;
}

/* "04.05.1999 · 27 years", or the date alone when it cannot be read. */
char *
jd_visitor_describe_birth (const char *iso)
{
  GDate birth, today = today_date ();
  g_autofree char *date = NULL;
  int age;

  if (!jd_date_parse (iso, &birth))
    return g_strdup (iso ? iso : "");

  date = jd_date_format_date (&birth);
  age = jd_age_on (&birth, &today);

  /* Translators: a date of birth and the age, e.g. "04.05.1999 · 27 years". */
  return g_strdup_printf (ngettext ("%s · %d year", "%s · %d years", age), date, age);
}

/* A note for someone outside 14–35 today: kept, but worth a word. */
char *
jd_visitor_age_note (const char *birth_iso)
{
  GDate birth, today = today_date ();
  int age;

  if (!jd_date_parse (birth_iso, &birth))
    return NULL;

  age = jd_age_on (&birth, &today);
  if (age > JD_AGE_MAX)
    return g_strdup_printf (ngettext ("This visitor is %d year old now, over 35. The record is kept; the visit is counted as usual.",
                                      "This visitor is %d years old now, over 35. The record is kept; the visit is counted as usual.",
                                      age),
                            age);
  return NULL;
}

char *
jd_visitor_join_name (const char *surname,
                      const char *given_name,
                      const char *patronymic)
{
  return g_strjoin (" ", surname, given_name,
                    (patronymic && *patronymic) ? patronymic : NULL, NULL);
}

/* A row that looks like an AdwActionRow (same CSS nodes) but is much
 * cheaper to lay out: its labels ellipsize instead of wrapping, so each
 * is shaped once rather than once per width tried. Fifty results appear
 * at every keystroke, and wrapping labels made that take half a second
 * on the 2-core desk machine. Suffixes go into the returned header box. */
GtkWidget *
jd_light_row_new (const char  *title,
                  const char  *subtitle,
                  GtkWidget  **header_out)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (titles, "title");
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "title");
  gtk_box_append (GTK_BOX (titles), label);

  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "subtitle");
  gtk_box_append (GTK_BOX (titles), label);

  gtk_box_append (GTK_BOX (header), titles);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  gtk_widget_set_tooltip_text (row, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  if (header_out != NULL)
    *header_out = header;
  return row;
}
