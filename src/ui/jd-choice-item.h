/* jd-choice-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JD_TYPE_CHOICE_ITEM (jd_choice_item_get_type ())

G_DECLARE_FINAL_TYPE (JdChoiceItem, jd_choice_item, JD, CHOICE_ITEM, GObject)

/* One choice of a list a person picks from (a combo row's model): the
 * code stored in the database and the label shown. */
JdChoiceItem *jd_choice_item_new       (const char   *code,
                                        const char   *label);
const char   *jd_choice_item_get_code  (JdChoiceItem *self);
const char   *jd_choice_item_get_label (JdChoiceItem *self);

G_END_DECLS
