/* jd-visitor-private.h: what jd-visitor.c, jd-duplicates.c and
 * jd-visit.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-visitor.h"

G_BEGIN_DECLS

/* "Surname Given Patronymic", skipping the parts that are empty. */
char        *jd_visitor_compose_name     (const char      *surname,
                                          const char      *given_name,
                                          const char      *patronymic);
/* The folded full name stored in visitor.name_key (jd-duplicates.c). */
char        *jd_visitor_name_key         (const JdVisitor *visitor);

G_END_DECLS
