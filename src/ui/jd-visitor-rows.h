/* jd-visitor-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "Surname Given Patronymic", without a missing patronymic. */
char      *jd_visitor_join_name                (const char           *surname,
                                                const char           *given_name,
                                                const char           *patronymic);
/* "04.05.1999 · 27 years", or the date alone when it cannot be read. */
char      *jd_visitor_describe_birth           (const char           *birth_iso);
/* A note for someone over 35 today, or NULL. */
char      *jd_visitor_age_note                 (const char           *birth_iso);
/* A cheap row with the look of an AdwActionRow: labels ellipsize rather
 * than wrap. Suffixes go into *@header_out. */
GtkWidget *jd_light_row_new                    (const char           *title,
                                                const char           *subtitle,
                                                GtkWidget           **header_out);

G_END_DECLS
