/* jd-visitor-rows.c: rows that show a visitor found by the search
 *
 * The front desk and the check-in of an event list the same search
 * results the same way: name, date of birth and age, part of the phone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor-rows"

#include "config.h"

#include <string.h>

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
static char *
describe_birth (const char *iso)
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

/* Shows enough of a phone to tell people apart, not the whole number. */
static char *
mask_phone (const char *e164)
{
  gsize len;

  if (e164 == NULL || (len = strlen (e164)) < 8)
    return NULL;

  if (g_str_has_prefix (e164, "+7") && len == 12)
    return g_strdup_printf ("+7 %.3s ··· ·· %s", e164 + 2, e164 + 10);

  return g_strdup_printf ("%.4s ··· %s", e164, e164 + len - 2);
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

GtkWidget *
jd_search_result_row_new (const JdSearchResult *result)
{
  g_autofree char *name = jd_visitor_join_name (result->surname, result->given_name, result->patronymic);
  g_autofree char *birth = describe_birth (result->birth_date);
  g_autofree char *phone = mask_phone (result->phone);
  g_autofree char *note = jd_visitor_age_note (result->birth_date);
  g_autofree char *subtitle = phone ? g_strdup_printf ("%s · %s", birth, phone) : g_strdup (birth);
  GtkWidget *header;
  GtkWidget *row = jd_light_row_new (name, subtitle, &header);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (note != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Over 35"));

      gtk_widget_set_tooltip_text (label, note);
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (header), label);
    }

  if (result->match == JD_MATCH_TRANSLIT)
    {
      GtkWidget *label = gtk_label_new (_("similar spelling"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (header), label);
    }

  g_object_set_data_full (G_OBJECT (row), "jd-visitor-id",
                          g_memdup2 (&result->visitor_id, sizeof result->visitor_id), g_free);
  return row;
}

gint64
jd_search_result_row_get_visitor_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "jd-visitor-id");

  return id ? *id : 0;
}
