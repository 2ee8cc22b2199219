/* jd-text.c: folding and transliteration of names for search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-text"

#include "config.h"

#include <string.h>

#include "jd-text.h"

char *
jd_text_fold (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)  /* not UTF-8 */
    return g_strdup ("");

  /* g_utf8_casefold folds every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І), which
   * SQLite's LIKE, NOCASE and lower() do not. */
  folded = g_utf8_casefold (normalized, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;

      /* ё is written е as often as not. */
      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }

  return g_string_free (out, FALSE);
}

/* Cyrillic (Russian and Kazakh) to plain Latin, the way names are
 * spelled in passports and by the visitors themselves. */
static const char *
cyrillic_to_latin (gunichar c)
{
  switch (c)
    {
    case 0x0430: case 0x04D9: return "a";   /* а ә */
    case 0x0431: return "b";
    case 0x0432: return "v";
    case 0x0433: case 0x0493: return "g";   /* г ғ */
    case 0x0434: return "d";
    case 0x0435: case 0x0451: case 0x044D: return "e";  /* е ё э */
    case 0x0436: return "zh";
    case 0x0437: return "z";
    case 0x0438: case 0x0439: case 0x0456: return "i";  /* и й і */
    case 0x043A: case 0x049B: return "k";   /* к қ */
    case 0x043B: return "l";
    case 0x043C: return "m";
    case 0x043D: case 0x04A3: return "n";   /* н ң */
    case 0x043E: case 0x04E9: return "o";   /* о ө */
    case 0x043F: return "p";
    case 0x0440: return "r";
    case 0x0441: return "s";
    case 0x0442: return "t";
    case 0x0443: case 0x04B1: case 0x04AF: return "u";  /* у ұ ү */
    case 0x0444: return "f";
    case 0x0445: case 0x04BB: return "h";   /* х һ */
    case 0x0446: return "ts";
    case 0x0447: return "ch";
    case 0x0448: case 0x0449: return "sh";
    case 0x044A: case 0x044C: return "";    /* ъ ь */
    case 0x044B: return "y";
    case 0x044E: return "yu";
    case 0x044F: return "ya";
    default: return NULL;
    }
}

/* Kazakh Latin letters with no plain decomposition. */
static const char *
latin_extra (gunichar c)
{
  switch (c)
    {
    case 0x015F: return "sh";  /* ş */
    case 0x00E7: return "ch";  /* ç */
    case 0x0131: return "i";   /* ı */
    case 0x00DF: return "ss";
    default: return NULL;
    }
}

/* The same key for both sides: spellings differ in these ways. */
static void
simplify_word (GString *word)
{
  static const struct { const char *from, *to; } rules[] = {
    { "kh", "h" }, { "q", "k" }, { "x", "ks" }, { "w", "v" }, { "j", "zh" },
    { "y", "i" }, { "c", "ts" },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  /* Ержан is Erzhan and Yerzhan; Елена is Elena and Yelena. */
  if (g_str_has_prefix (word->str, "ye"))
    g_string_erase (word, 0, 1);

  for (gsize i = 0; i < word->len;)
    {
      gboolean replaced = FALSE;

      for (guint r = 0; r < G_N_ELEMENTS (rules) && !replaced; r++)
        {
          gsize n = strlen (rules[r].from);

          if (strncmp (word->str + i, rules[r].from, n) == 0 &&
              !(g_str_equal (rules[r].from, "c") && word->str[i + 1] == 'h'))
            {
              g_string_append (out, rules[r].to);
              i += n;
              replaced = TRUE;
            }
        }

      if (!replaced)
        g_string_append_c (out, word->str[i++]);
    }

  /* Doubled letters are often written once: Юлия, Yulia, Yuliya. */
  g_string_truncate (word, 0);
  for (gsize i = 0; i < out->len; i++)
    if (i == 0 || out->str[i] != out->str[i - 1])
      g_string_append_c (word, out->str[i]);
}

char *
jd_text_romanize (const char *text)
{
  g_autofree char *folded = jd_text_fold (text);
  g_autoptr(GString) word = g_string_new (NULL);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *latin;

      if (c == 0 || c == ' ' || c == '-')
        {
          if (word->len > 0)
            {
              simplify_word (word);
              g_string_append_printf (out, "%s%s", out->len ? " " : "", word->str);
              g_string_truncate (word, 0);
            }
          if (c == 0)
            break;
          continue;
        }

      if (c < 0x80)
        {
          if (g_ascii_isalnum ((char) c))
            g_string_append_c (word, g_ascii_tolower ((char) c));
        }
      else if ((latin = cyrillic_to_latin (c)) != NULL || (latin = latin_extra (c)) != NULL)
        {
          g_string_append (word, latin);
        }
      else
        {
          /* Latin with accents (á, ó, ú, ñ): the base letter. */
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

          if (n > 0 && decomposed[0] < 0x80 && g_ascii_isalpha ((char) decomposed[0]))
            g_string_append_c (word, g_ascii_tolower ((char) decomposed[0]));
        }
    }

  return g_string_free (out, FALSE);
}

/* What the Russian ЙЦУКЕН layout gives for each key of a US layout; the
 * digits give the Kazakh letters of the Kazakh layout. */
static gunichar
layout_key (gunichar c)
{
  static const char latin[] = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
  static const gunichar cyrillic[] = {
    0x0439, 0x0446, 0x0443, 0x043A, 0x0435, 0x043D, 0x0433, 0x0448, 0x0449, 0x0437, 0x0445, 0x044A,
    0x0444, 0x044B, 0x0432, 0x0430, 0x043F, 0x0440, 0x043E, 0x043B, 0x0434, 0x0436, 0x044D,
    0x044F, 0x0447, 0x0441, 0x043C, 0x0438, 0x0442, 0x044C, 0x0431, 0x044E, 0x0451,
  };
  static const char digits[] = "2345890";
  static const gunichar kazakh[] = {
    0x04D9, 0x0456, 0x04A3, 0x0493, 0x04AF, 0x04B1, 0x049B,
  };
  const char *at;

  if (c == 0 || c >= 0x80)
    return 0;
  if ((at = strchr (latin, g_ascii_tolower ((char) c))) != NULL)
    return cyrillic[at - latin];
  if ((at = strchr (digits, (char) c)) != NULL)
    return kazakh[at - digits];

  return 0;
}

char *
jd_text_from_wrong_layout (const char *text)
{
  GString *out;
  gboolean any_latin = FALSE;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      any_latin = TRUE;

  if (!any_latin)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar mapped = layout_key (c);

      g_string_append_unichar (out, mapped != 0 ? mapped : c);
    }

  return g_string_free (out, FALSE);
}

char *
jd_text_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}
