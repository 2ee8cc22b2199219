/* jd-check-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-search-hit.h"

G_BEGIN_DECLS

#define JD_TYPE_CHECK_IN_DIALOG (jd_check_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (JdCheckInDialog, jd_check_in_dialog, JD, CHECK_IN_DIALOG, AdwMessageDialog)

/* Asks for the purposes of a visit of the visitor of @hit; responds
 * "check-in" or "cancel". The name, age and consent shown come from
 * @hit. */
JdCheckInDialog *jd_check_in_dialog_new          (GtkWindow       *parent,
                                                  JdSearchHit     *hit);
/* Returns: (transfer none): who is checked in */
JdSearchHit     *jd_check_in_dialog_get_hit      (JdCheckInDialog *self);
/* Returns: (transfer full): the codes of the ticked purposes */
GStrv            jd_check_in_dialog_get_purposes (JdCheckInDialog *self);
/* For tests and keyboard use: ticks or unticks purpose number @index. */
void             jd_check_in_dialog_toggle       (JdCheckInDialog *self,
                                                  guint            index);

G_END_DECLS
