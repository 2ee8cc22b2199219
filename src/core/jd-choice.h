/* jd-choice.h: a code stored in the database and its label for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vocabulary modules (jd-purpose, the visitor's choice lists) hand
 * out tables of these; this header has no other dependency so that any
 * of them can use it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A code stored in the database and its label for people. */
typedef struct
{
  const char *code;
  const char *label;   /* untranslated (N_()); show jd_choice_label() */
} JdChoice;

/* The entry of @code in @choices, or NULL. */
const JdChoice *jd_choice_find (const JdChoice *choices,
                                guint           n_choices,
                                const char     *code);
/* The translated label of @code in @choices, or @code when unknown. */
const char *jd_choice_label (const JdChoice *choices,
                             guint           n_choices,
                             const char     *code);

G_END_DECLS
