/* jd-sql-array.c: PostgreSQL array literals, to bind a batch of values
 * as one parameter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch of rows goes to the server as one statement, its columns as
 * arrays: "INSERT … SELECT * FROM unnest (CAST (?1 AS bigint[]),
 * CAST (?2 AS text[]))", each array bound as the text of an array
 * literal ('{1,2,3}', '{"a","b"}'). Building one starts with an empty
 * GString; every value is appended, and jd_sql_array_end () closes it.
 *
 * Every text element is quoted, with " and \ escaped by a backslash:
 * inside quotes, commas, braces, spaces and the word NULL are plain
 * text. A NULL value is the bare word NULL.
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-sql-array.h"

static void
open_or_separate (GString *array)
{
  g_string_append_c (array, array->len == 0 ? '{' : ',');
}

/**
 * jd_sql_array_append_text:
 * @value: (nullable): the element; %NULL is SQL NULL
 */
void
jd_sql_array_append_text (GString    *array,
                          const char *value)
{
  g_return_if_fail (array != NULL);

  open_or_separate (array);
  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }

  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

void
jd_sql_array_append_int64 (GString *array,
                           gint64   value)
{
  g_return_if_fail (array != NULL);

  open_or_separate (array);
  g_string_append_printf (array, "%" G_GINT64_FORMAT, value);
}

/**
 * jd_sql_array_end:
 *
 * Closes the literal ("{}" when nothing was appended) and empties
 * @array for the next one.
 *
 * Returns: (transfer full): the array literal
 */
char *
jd_sql_array_end (GString *array)
{
  char *literal;

  g_return_val_if_fail (array != NULL, NULL);

  if (array->len == 0)
    g_string_append_c (array, '{');
  g_string_append_c (array, '}');
  literal = g_strndup (array->str, array->len);
  g_string_truncate (array, 0);
  return literal;
}

/**
 * jd_sql_text_array:
 * @values: (array length=n_values) (nullable): elements, any of them %NULL
 *
 * Returns: (transfer full): the text[] literal of @values
 */
char *
jd_sql_text_array (const char * const *values,
                   guint               n_values)
{
  g_autoptr(GString) array = g_string_new (NULL);

  for (guint i = 0; i < n_values; i++)
    jd_sql_array_append_text (array, values[i]);
  return jd_sql_array_end (array);
}
