/* jd-text.h: folding and transliteration of names for search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC, g_utf8_casefold, ё→е, trimmed, inner white space collapsed to
 * one space. Folds every Kazakh and Russian letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І Ё). */
char  *jd_text_fold            (const char *text);
/* A plain ASCII key for Latin spellings of a (folded) name, equal for
 * "Асанов" / "Asanov", "Ержан" / "Erzhan" / "Yerzhan", "Әзім" / "Ázim". */
char  *jd_text_romanize        (const char *text);
/* Text typed on a Latin (QWERTY) layout meant for the Russian/Kazakh
 * ЙЦУКЕН layout: "Fcfyjd" → "Асанов". NULL when @text has no Latin
 * letters. */
char  *jd_text_from_wrong_layout (const char *text);
/* Digits only ("+7 (701) 123" → "7701123"). */
char  *jd_text_digits          (const char *text);

G_END_DECLS
