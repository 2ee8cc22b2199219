/* jd-text.c: folding and transliteration of names for search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-text"

#include "config.h"

#include <string.h>

#include "jd-text.h"

/* ASCII and the Cyrillic block less its combining marks: NFKC leaves
 * these as they are, none composes with another, and their case fold
 * is their lower case. Nearly every name is written with them alone,
 * and then the two passes over the whole text are not needed. */
static inline gboolean
is_plain (gunichar c)
{
  return c < 0x80 || (c >= 0x0400 && c <= 0x04FF && (c < 0x0483 || c > 0x0489));
}

char *
jd_text_fold (const char *text)
{
  g_autofree char *folded = NULL;
  const char *source = text;
  const char *p;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  for (p = text; *p != '\0' && is_plain (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    ;
  if (*p != '\0')
    {
      g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

      /* g_utf8_casefold folds every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І),
       * which SQLite's LIKE, NOCASE and lower() do not. */
      source = folded = g_utf8_casefold (normalized, -1);
    }
  out = g_string_sized_new (strlen (source));

  for (p = source; *p != '\0'; p = g_utf8_next_char (p))
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

      if (folded == NULL)
        c = g_unichar_tolower (c);
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

/* Latin letters with no plain decomposition, or whose decomposition is
 * not how they are read: Kazakh Latin (ş, ç, ı) and Czech-style
 * transliteration (š, ž, č). */
static const char *
latin_extra (gunichar c)
{
  switch (c)
    {
    case 0x015F: case 0x0161: return "sh";  /* ş š */
    case 0x00E7: case 0x010D: return "ch";  /* ç č */
    case 0x017E: return "zh";               /* ž */
    case 0x0131: return "i";                /* ı */
    case 0x00DF: return "ss";               /* ß */
    default: return NULL;
    }
}

static gboolean
is_vowel (char c)
{
  return c != '\0' && strchr ("aeiouy", c) != NULL;
}

/* The same key for both sides: Latin spellings of one name differ in
 * these ways, and the Cyrillic side is brought to the same letters. */
static void
simplify_word (GString *word)
{
  static const struct { const char *from, *to; } rules[] = {
    { "shch", "sh" },             /* Щ: Shchukin, Щукин → shukin */
    { "dzh", "zh" }, { "dj", "zh" }, { "j", "zh" },  /* Джамиля, Jamilya, Djamila */
    { "kh", "h" },                /* Х, Һ: Akhmetov, Ahmetov */
    { "gh", "g" },                /* Ғ: Ghalym, Galym */
    { "q", "k" },                 /* Қ: Qairat, Kairat */
    { "x", "ks" },                /* Maxim, Максим */
    { "w", "v" },
    { "y", "i" },                 /* Й, Ы, Я: Kayrat, Kairat; Bauyrzhan */
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < word->len;)
    {
      const char *at = word->str + i;
      gboolean replaced = FALSE;

      /* Ержан is Erzhan and Yerzhan; Ёлкина is Elkina and Yolkina. */
      if (i == 0 && (g_str_has_prefix (at, "ye") || g_str_has_prefix (at, "yo")))
        {
          g_string_append_c (out, 'e');
          i += 2;
          continue;
        }

      /* Ё after a consonant: Алёна is Alyona and Alena, Артём Artyom. */
      if (i > 0 && g_str_has_prefix (at, "yo") && !is_vowel (word->str[i - 1]))
        {
          g_string_append_c (out, 'e');
          i += 2;
          continue;
        }

      /* C is Ц before e, i, y (Tsoi, Cyrillic ц) and K elsewhere
       * (Victoria, Nicolai); ch stays Ч. */
      if (*at == 'c' && at[1] != 'h')
        {
          g_string_append (out, at[1] != '\0' && strchr ("eiy", at[1]) != NULL ? "ts" : "k");
          i++;
          continue;
        }

      for (guint r = 0; r < G_N_ELEMENTS (rules) && !replaced; r++)
        {
          gsize n = strlen (rules[r].from);

          if (strncmp (at, rules[r].from, n) == 0)
            {
              g_string_append (out, rules[r].to);
              i += n;
              replaced = TRUE;
            }
        }

      if (!replaced)
        g_string_append_c (out, word->str[i++]);
    }

  /* Doubled letters are often written once: Юлия, Yulia, Yuliya, Iuliia;
   * Әсел, Assel; Кирилл, Kiril. */
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

/* What the Russian ЙЦУКЕН layout gives for each key of a US layout, and
 * the Kazakh layout for its number row (ә і ң ғ ү ұ қ ө һ on 2 3 4 5 8 9 0
 * - =, capitals with Shift). 0 for keys that give no letter. */
static gunichar
layout_key (char      key,
            gboolean  word_start)
{
  static const char keys[] =
    "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
    "{}:\"<>~"
    "234589 0=@#$%*()+_";
  static const gunichar letters[] = {
    /* q w e r t y u i o p [ ] */
    0x0439, 0x0446, 0x0443, 0x043A, 0x0435, 0x043D, 0x0433, 0x0448, 0x0449, 0x0437, 0x0445, 0x044A,
    /* a s d f g h j k l ; ' */
    0x0444, 0x044B, 0x0432, 0x0430, 0x043F, 0x0440, 0x043E, 0x043B, 0x0434, 0x0436, 0x044D,
    /* z x c v b n m , . ` */
    0x044F, 0x0447, 0x0441, 0x043C, 0x0438, 0x0442, 0x044C, 0x0431, 0x044E, 0x0451,
    /* { } : " < > ~ */
    0x0425, 0x042A, 0x0416, 0x042D, 0x0411, 0x042E, 0x0401,
    /* 2 3 4 5 8 9 (space: no key) 0 = */
    0x04D9, 0x0456, 0x04A3, 0x0493, 0x04AF, 0x04B1, 0, 0x049B, 0x04BB,
    /* @ # $ % * ( ) + _ */
    0x04D8, 0x0406, 0x04A2, 0x0492, 0x04AE, 0x04B0, 0x049A, 0x04BA, 0x04E8,
  };
  const char *at;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) - 1 == G_N_ELEMENTS (letters));

  /* A hyphen inside a word joins a double surname; only a word that
   * starts with it was meant as ө (Өркен: -hrty). */
  if (key == '-')
    return word_start ? 0x04E9 : 0;

  if (key == '\0' || key == ' ' || (at = strchr (keys, g_ascii_tolower (key))) == NULL)
    return 0;

  if (g_ascii_isupper (key))
    return g_unichar_toupper (letters[at - keys]);

  return letters[at - keys];
}

static void
append_word (GString    *out,
             const char *start,
             const char *end)
{
  gboolean latin = FALSE;

  /* Digits and punctuation stand for letters only in a word that has
   * Latin letters: "8701" stays a phone number. */
  for (const char *p = start; p < end; p++)
    if (g_ascii_isalpha (*p))
      latin = TRUE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar mapped = latin && (guchar) *p < 0x80 ? layout_key (*p, p == start) : 0;

      if (mapped != 0)
        g_string_append_unichar (out, mapped);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

char *
jd_text_from_wrong_layout (const char *text)
{
  GString *out;
  const char *start;
  gboolean any_latin = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      any_latin = TRUE;

  if (!any_latin)
    return NULL;

  out = g_string_new (NULL);
  start = text;
  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || g_ascii_isspace (*p))
        {
          append_word (out, start, p);
          if (*p == '\0')
            break;
          g_string_append_c (out, *p);
          start = p + 1;
        }
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
