/* jd-sql-array.h: PostgreSQL array literals, to bind a batch of values
 * as one parameter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  jd_sql_array_append_text   (GString     *array,
                                  const char  *value);
void  jd_sql_array_append_int64  (GString     *array,
                                  gint64       value);
char *jd_sql_array_end           (GString     *array);

char *jd_sql_text_array          (const char * const *values,
                                  guint               n_values);

G_END_DECLS
