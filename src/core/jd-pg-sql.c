/* jd-pg-sql.c: the core's SQL in PostgreSQL's words
 *
 * The core writes SQLite-flavoured SQL. A scanner walks it once, copying
 * quoted literals ('…'), quoted identifiers ("…") and comments as they
 * are, and notes every word outside them with its depth in parentheses;
 * each statement (up to a `;` outside quotes) is then reworded:
 *
 * - `?` and `?N` become `$n`: a bare `?` takes one more than the highest
 *   number used so far in the text, as in SQLite.
 * - `INSERT OR IGNORE …` becomes `INSERT … ON CONFLICT DO NOTHING`,
 *   placed before a RETURNING clause if there is one.
 * - `INSERT OR REPLACE`, `REPLACE INTO` and the other OR clauses have
 *   no one-statement equivalent (ON CONFLICT … DO UPDATE needs the
 *   conflict's columns): they fail with %JD_DB_ERROR_UNSUPPORTED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-pg-private.h"

/* PostgreSQL's limit on parameters of one statement. */
#define MAX_PARAMS 65535

typedef struct
{
  gsize start;   /* in the translated text */
  gsize len;
  int   depth;
} Word;

typedef struct
{
  GString *text;        /* the statement so far, translated */
  GArray  *words;
  gsize    code_end;    /* after the last thing that is not space or a comment */
  int      depth;
} Statement;

static gboolean
word_is (const Statement *st,
         guint            i,
         const char      *keyword)
{
  const Word *w;

  if (i >= st->words->len)
    return FALSE;
  w = &g_array_index (st->words, Word, i);
  return w->len == strlen (keyword) &&
         g_ascii_strncasecmp (st->text->str + w->start, keyword, w->len) == 0;
}

/* The first word named @keyword outside parentheses, or -1. */
static int
find_top_word (const Statement *st,
               const char      *keyword)
{
  for (guint i = 0; i < st->words->len; i++)
    if (g_array_index (st->words, Word, i).depth == 0 && word_is (st, i, keyword))
      return (int) i;
  return -1;
}

static void
set_unsupported (GError     **error,
                 const char  *clause)
{
  /* Translators: %s is an SQL clause such as "INSERT OR REPLACE". */
  g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_UNSUPPORTED,
               _("This part of Jastar Desk does not work on a centre server yet "
                 "(it uses “%s”). Use a database file for it, and tell your administrator."),
               clause);
}

/* The table after INTO, as written: a name, "a quoted name" or
 * schema.name, up to a space or the column list. */
static char *
insert_table (const Statement *st)
{
  int into = find_top_word (st, "INTO");
  const char *p, *end;

  if (into < 0)
    return NULL;

  p = st->text->str + g_array_index (st->words, Word, into).start + strlen ("INTO");
  while (g_ascii_isspace (*p))
    p++;
  end = p;
  while (*end != '\0' && !g_ascii_isspace (*end) && *end != '(')
    {
      if (*end == '"')
        {
          end++;
          while (*end != '\0' && (*end != '"' || end[1] == '"'))
            end += (*end == '"') ? 2 : 1;
          if (*end == '\0')
            break;
        }
      end++;
    }

  return end > p ? g_strndup (p, end - p) : NULL;
}

/* Moves the words at or after @at by @by after an edit of the text. */
static void
shift_words (Statement *st,
             gsize      at,
             gssize     by)
{
  for (guint i = 0; i < st->words->len; i++)
    {
      Word *w = &g_array_index (st->words, Word, i);

      if (w->start >= at)
        w->start += by;
    }
}

/* Rewords the statement in @st and appends it to @out. */
static gboolean
finish_statement (Statement    *st,
                  GString      *out,
                  JdPgSqlInfo  *info,
                  GError      **error)
{
  gboolean is_insert = word_is (st, 0, "INSERT");
  gsize code_end = st->code_end;

  if (word_is (st, 0, "REPLACE"))
    {
      set_unsupported (error, "REPLACE INTO");
      return FALSE;
    }

  if (is_insert && word_is (st, 1, "OR"))
    {
      const Word *or = &g_array_index (st->words, Word, 1);
      const Word *what;
      const char *clause;
      int returning;
      gsize at, from, to;

      if (!word_is (st, 2, "IGNORE"))
        {
          g_autofree char *name = NULL;
          g_autofree char *full = NULL;

          if (st->words->len > 2)
            {
              what = &g_array_index (st->words, Word, 2);
              name = g_ascii_strup (st->text->str + what->start, what->len);
            }
          full = g_strconcat ("INSERT OR ", name ? name : "", NULL);
          set_unsupported (error, full);
          return FALSE;
        }

      /* ON CONFLICT goes before RETURNING, or at the end of the code
       * (not inside a trailing comment). */
      returning = find_top_word (st, "RETURNING");
      at = returning >= 0 ? g_array_index (st->words, Word, returning).start : code_end;
      clause = returning >= 0 ? "ON CONFLICT DO NOTHING " : " ON CONFLICT DO NOTHING";
      g_string_insert (st->text, at, clause);
      shift_words (st, at, (gssize) strlen (clause));
      if (code_end >= at)
        code_end += strlen (clause);

      /* Then "OR IGNORE " goes. */
      what = &g_array_index (st->words, Word, 2);
      from = or->start;
      to = what->start + what->len;
      while (to < st->text->len && g_ascii_isspace (st->text->str[to]))
        to++;
      g_string_erase (st->text, from, to - from);
      shift_words (st, to, -(gssize) (to - from));
      code_end -= to - from;
      g_array_remove_range (st->words, 1, 2);
    }

  if (info != NULL && is_insert && find_top_word (st, "RETURNING") < 0)
    {
      g_free (info->insert_table);
      info->insert_table = insert_table (st);
      info->insert_end = out->len + code_end;
    }

  g_string_append_len (out, st->text->str, st->text->len);
  g_string_truncate (st->text, 0);
  g_array_set_size (st->words, 0);
  st->code_end = 0;
  st->depth = 0;
  return TRUE;
}

/* The end of a quoted run opened by @sql[@i] (its quote doubled inside). */
static gsize
skip_quoted (const char *sql,
             gsize       i)
{
  char quote = sql[i];

  for (i++; sql[i] != '\0'; i++)
    if (sql[i] == quote)
      {
        if (sql[i + 1] != quote)
          return i + 1;
        i++;
      }

  return i;
}

char *
jd_pg_translate_sql (const char   *sql,
                     gboolean      params,
                     JdPgSqlInfo  *info,
                     GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  Statement st = { text, words, 0, 0 };
  int max_param = 0;
  gsize i = 0;

  g_return_val_if_fail (sql != NULL, NULL);

  if (info != NULL)
    memset (info, 0, sizeof *info);

  while (sql[i] != '\0')
    {
      char c = sql[i];
      gsize j = i + 1;
      gboolean code = TRUE;

      if (c == '\'' || c == '"')
        {
          j = skip_quoted (sql, i);
        }
      else if (c == '-' && sql[i + 1] == '-')
        {
          while (sql[j] != '\0' && sql[j] != '\n')
            j++;
          code = FALSE;
        }
      else if (c == '/' && sql[i + 1] == '*')
        {
          const char *close = strstr (sql + i + 2, "*/");

          j = close != NULL ? (gsize) (close - sql) + 2 : strlen (sql);
          code = FALSE;
        }
      else if (c == '?' && params)
        {
          gint64 n = 0;

          if (g_ascii_isdigit (sql[j]))
            {
              while (g_ascii_isdigit (sql[j]) && n <= MAX_PARAMS)
                n = n * 10 + (sql[j++] - '0');
            }
          else
            n = max_param + 1;

          if (n < 1 || n > MAX_PARAMS)
            {
              g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           "SQL parameter ?%" G_GINT64_FORMAT " is out of range", n);
              return NULL;
            }
          max_param = MAX (max_param, (int) n);
          g_string_append_printf (text, "$%d", (int) n);
          st.code_end = text->len;
          i = j;
          continue;
        }
      else if (g_ascii_isalpha (c) || c == '_' || (guchar) c >= 0x80)
        {
          Word w = { text->len, 0, st.depth };

          while (g_ascii_isalnum (sql[j]) || sql[j] == '_' || (guchar) sql[j] >= 0x80)
            j++;
          w.len = j - i;
          g_array_append_val (words, w);
        }
      else if (c == ';')
        {
          if (!finish_statement (&st, out, info, error))
            return NULL;
          g_string_append_c (out, ';');
          i = j;
          continue;
        }
      else if (g_ascii_isspace (c))
        {
          code = FALSE;
        }
      else if (c == '(')
        {
          st.depth++;
        }
      else if (c == ')')
        {
          st.depth--;
        }

      g_string_append_len (text, sql + i, j - i);
      if (code)
        st.code_end = text->len;
      i = j;
    }

  if (!finish_statement (&st, out, info, error))
    return NULL;

  if (info != NULL)
    info->n_params = max_param;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
jd_pg_sql_info_clear (JdPgSqlInfo *info)
{
  g_clear_pointer (&info->insert_table, g_free);
}
