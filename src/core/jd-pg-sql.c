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
 * - `INDEXED BY name` and `NOT INDEXED` (SQLite's planner hints) go, as
 *   does CROSS in `CROSS JOIN … ON`; `char (n)` (a type keyword here)
 *   becomes `chr (n)`; `a IS b` and `a IS NOT b` between values become
 *   `IS NOT DISTINCT FROM` and `IS DISTINCT FROM`; a subquery in FROM
 *   or after JOIN without a name gets one (`AS jd_subquery1`).
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

/* Erases the words @first to @last and the spaces after them. */
static void
erase_words (Statement *st,
             guint      first,
             guint      last,
             gsize     *code_end)
{
  const Word *a = &g_array_index (st->words, Word, first);
  const Word *b = &g_array_index (st->words, Word, last);
  gsize from = a->start, to = b->start + b->len;

  while (to < st->text->len && g_ascii_isspace (st->text->str[to]))
    to++;
  g_string_erase (st->text, from, to - from);
  shift_words (st, to, -(gssize) (to - from));
  if (*code_end >= to)
    *code_end -= to - from;
  else if (*code_end > from)
    *code_end = from;
  g_array_remove_range (st->words, first, last - first + 1);
}

/* Whether the join whose table begins at word @i has ON or USING (up
 * to the next clause at its depth). */
static gboolean
join_has_condition (const Statement *st,
                    guint            i)
{
  static const char *const ends[] = { "JOIN", "CROSS", "LEFT", "INNER", "NATURAL", "WHERE",
                                       "GROUP", "ORDER", "LIMIT", "UNION", "HAVING", "WINDOW" };
  int depth;

  if (i >= st->words->len)
    return FALSE;
  depth = g_array_index (st->words, Word, i).depth;
  for (; i < st->words->len; i++)
    {
      if (g_array_index (st->words, Word, i).depth < depth)
        return FALSE;
      if (g_array_index (st->words, Word, i).depth > depth)
        continue;
      if (word_is (st, i, "ON") || word_is (st, i, "USING"))
        return TRUE;
      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        if (word_is (st, i, ends[e]))
          return FALSE;
    }
  return FALSE;
}

/* Whether the text at @at (after spaces) is a word that may follow IS
 * in PostgreSQL: NULL, NOT, TRUE, FALSE, UNKNOWN, DISTINCT. */
static gboolean
is_operand_keyword (const Statement *st,
                    gsize            at)
{
  static const char *const keywords[] = { "NULL", "NOT", "TRUE", "FALSE", "UNKNOWN", "DISTINCT" };
  const char *p = st->text->str + at;
  gsize len = 0;

  while (g_ascii_isspace (*p))
    p++;
  while (g_ascii_isalnum (p[len]) || p[len] == '_')
    len++;
  for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
    if (len == strlen (keywords[k]) && g_ascii_strncasecmp (p, keywords[k], len) == 0)
      return TRUE;
  return FALSE;
}

/* Puts @insert at @at of the text, moving the words after it. */
static void
insert_text (Statement   *st,
             gsize        at,
             const char  *insert,
             gsize       *code_end)
{
  g_string_insert (st->text, at, insert);
  shift_words (st, at, (gssize) strlen (insert));
  if (*code_end >= at)
    *code_end += strlen (insert);
}

/* SQLite's `a IS b` and `a IS NOT b` between values: `a IS NOT DISTINCT
 * FROM b` and `a IS DISTINCT FROM b`. */
static void
reword_is (Statement *st,
           guint      i,
           gsize     *code_end)
{
  Word *is = &g_array_index (st->words, Word, i);
  gsize after = is->start + is->len;

  if (word_is (st, i + 1, "NOT"))
    {
      Word *not = &g_array_index (st->words, Word, i + 1);
      gsize at = not->start;

      if (is_operand_keyword (st, not->start + not->len))
        return;
      g_string_erase (st->text, at, not->len);
      shift_words (st, at + not->len, -(gssize) not->len);
      if (*code_end >= at + not->len)
        *code_end -= not->len;
      g_array_remove_index (st->words, i + 1);
      insert_text (st, at, "DISTINCT FROM", code_end);
    }
  else if (!is_operand_keyword (st, after))
    insert_text (st, after, " NOT DISTINCT FROM", code_end);
}

/* The end of the parenthesis opened at @open in @text (after its ')'),
 * quoted runs skipped; the text's end if it is not closed. */
static gsize
skip_parentheses (const GString *text,
                  gsize          open)
{
  int depth = 0;

  for (gsize i = open; i < text->len; i++)
    {
      char c = text->str[i];

      if (c == '\'' || c == '"')
        {
          /* to the closing quote (a doubled one is inside) */
          for (i++; i < text->len; i++)
            if (text->str[i] == c)
              {
                if (i + 1 < text->len && text->str[i + 1] == c)
                  i++;
                else
                  break;
              }
        }
      else if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return i + 1;
    }
  return text->len;
}

/* group_concat (x [, sep]) → string_agg (CAST (x AS text), sep or ','):
 * the server's own aggregate, where the schema's group_concat, written
 * in SQL, called a function per row (the visits export spent a third of
 * its server time there). DISTINCT or ORDER BY inside stay with the
 * schema's aggregate. @i is the word group_concat, @open its '('. */
static void
reword_group_concat (Statement *st,
                     guint      i,
                     gsize      open,
                     gsize     *code_end)
{
  Word *w = &g_array_index (st->words, Word, i);
  gsize close = skip_parentheses (st->text, open);
  gsize comma = 0;
  int depth = 0;

  if (close <= open + 1 || st->text->str[close - 1] != ')')
    return;
  close--;

  for (guint k = i + 1; k < st->words->len; k++)
    {
      const Word *inner = &g_array_index (st->words, Word, k);

      if (inner->start >= close)
        break;
      if (word_is (st, k, "DISTINCT") || word_is (st, k, "ORDER"))
        return;
    }

  for (gsize k = open + 1; k < close; k++)
    {
      char c = st->text->str[k];

      if (c == '\'' || c == '"')
        {
          /* to the closing quote (a doubled one is inside) */
          for (k++; k < close && (st->text->str[k] != c || st->text->str[k + 1] == c); k++)
            if (st->text->str[k] == c)
              k++;
        }
      else if (c == '(')
        depth++;
      else if (c == ')')
        depth--;
      else if (c == ',' && depth == 0)
        {
          comma = k;
          break;
        }
    }

  /* From the right, so that each edit leaves the places before it. */
  if (comma > 0)
    insert_text (st, comma, " AS text)", code_end);
  else
    insert_text (st, close, " AS text), ','", code_end);
  insert_text (st, open + 1, "CAST (", code_end);

  memcpy (st->text->str + w->start, "string_agg", 10);
  g_string_erase (st->text, w->start + 10, 2);
  shift_words (st, w->start + 12, -2);
  if (*code_end > w->start + 10)
    *code_end -= 2;
  w->len = 10;
}

/* SQLite lets a subquery in FROM (or after JOIN) go without a name;
 * PostgreSQL 15 needs one: "AS jd_subquery<n>" is added where there is
 * none. */
static void
name_subqueries (Statement *st,
                 gsize     *code_end)
{
  static const char *const clauses[] = { "WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "RIGHT",
                                          "FULL", "INNER", "CROSS", "NATURAL", "ON", "USING", "UNION",
                                          "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "OFFSET" };
  guint n = 0;

  for (guint i = 0; i + 1 < st->words->len; i++)
    {
      const Word *w = &g_array_index (st->words, Word, i);
      const Word *next = &g_array_index (st->words, Word, i + 1);
      gsize p = w->start + w->len, end;
      gboolean named = FALSE;

      if (!word_is (st, i, "FROM") && !word_is (st, i, "JOIN"))
        continue;
      while (p < st->text->len && g_ascii_isspace (st->text->str[p]))
        p++;
      if (p >= st->text->len || st->text->str[p] != '(' || !word_is (st, i + 1, "SELECT") ||
          next->depth != w->depth + 1)
        continue;

      end = skip_parentheses (st->text, p);
      for (guint j = i + 1; j < st->words->len; j++)
        {
          const Word *after = &g_array_index (st->words, Word, j);
          gboolean clause = FALSE;

          if (after->start < end)
            continue;
          /* The first word after the parenthesis, if nothing but spaces
           * comes between. */
          for (gsize q = end; q < after->start; q++)
            if (!g_ascii_isspace (st->text->str[q]))
              goto decided;
          for (guint c = 0; c < G_N_ELEMENTS (clauses); c++)
            clause = clause || word_is (st, j, clauses[c]);
          named = !clause;
          break;
        }
    decided:
      if (!named)
        {
          g_autofree char *alias = g_strdup_printf (" AS jd_subquery%u", ++n);

          insert_text (st, end, alias, code_end);
        }
    }
}

/* SQLite's words with a plain twin here: `INDEXED BY name` and `NOT
 * INDEXED` (hints to SQLite's planner) go; so does CROSS in `CROSS JOIN
 * … ON` (SQLite's way to fix the join order; PostgreSQL's CROSS JOIN
 * takes no condition); `char (n)`, which would be the type, becomes
 * chr (n). */
static void
reword_sqlite_words (Statement *st,
                     gsize     *code_end)
{
  for (guint i = 0; i < st->words->len; i++)
    {
      Word *w = &g_array_index (st->words, Word, i);

      if (word_is (st, i, "INDEXED") && word_is (st, i + 1, "BY") && i + 2 < st->words->len)
        {
          erase_words (st, i, i + 2, code_end);
          i--;
        }
      else if (word_is (st, i, "NOT") && word_is (st, i + 1, "INDEXED") && !word_is (st, i + 2, "BY"))
        {
          erase_words (st, i, i + 1, code_end);
          i--;
        }
      else if (word_is (st, i, "CROSS") && word_is (st, i + 1, "JOIN") && join_has_condition (st, i + 2))
        {
          erase_words (st, i, i, code_end);
          i--;
        }
      else if (word_is (st, i, "IS"))
        {
          reword_is (st, i, code_end);
        }
      else if (word_is (st, i, "group_concat"))
        {
          gsize open = w->start + w->len;

          while (open < st->text->len && g_ascii_isspace (st->text->str[open]))
            open++;
          if (open < st->text->len && st->text->str[open] == '(')
            reword_group_concat (st, i, open, code_end);
        }
      else if (word_is (st, i, "char"))
        {
          const char *p = st->text->str + w->start + w->len;

          while (g_ascii_isspace (*p))
            p++;
          if (*p == '(')
            {
              memcpy (st->text->str + w->start, "chr", 3);
              g_string_erase (st->text, w->start + 3, 1);
              shift_words (st, w->start + 4, -1);
              if (*code_end > w->start + 3)
                (*code_end)--;
              w->len = 3;
            }
        }
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

  reword_sqlite_words (st, &code_end);
  name_subqueries (st, &code_end);

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
          if (info != NULL)
            {
              guint8 yes = 1;

              if (info->used == NULL)
                info->used = g_array_new (FALSE, TRUE, sizeof (guint8));
              if (info->used->len < (guint) n)
                g_array_set_size (info->used, n);
              g_array_index (info->used, guint8, n - 1) = yes;
            }
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
  g_clear_pointer (&info->used, g_array_unref);
}
