/* test-text.c: folding and transliteration for search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-text.h"

static void
assert_fold_equal (const char *a,
                   const char *b)
{
  g_autofree char *fa = jd_text_fold (a);
  g_autofree char *fb = jd_text_fold (b);

  g_assert_cmpstr (fa, ==, fb);
}

static void
test_fold_every_letter (void)
{
  /* Every capital of the Russian and Kazakh alphabets folds to its small
   * letter, which SQLite's own case folding does not do. */
  const char *upper = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
  const char *lower = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
  const char *u = upper, *l = lower;

  for (; *u != '\0' && *l != '\0'; u = g_utf8_next_char (u), l = g_utf8_next_char (l))
    {
      char a[8] = { 0 }, b[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (u), a);
      g_unichar_to_utf8 (g_utf8_get_char (l), b);
      assert_fold_equal (a, b);
    }
  g_assert_cmpint (*u, ==, *l);

  assert_fold_equal ("ӘЛИЯ ҚАЙРАТҚЫЗЫ", "әлия қайратқызы");
  assert_fold_equal ("ҢҰҮҺІ", "ңұүһі");
}

static void
test_fold_yo (void)
{
  g_autofree char *folded = jd_text_fold ("  ЁЛКИНА   Алёна ");

  g_assert_cmpstr (folded, ==, "елкина алена");
  assert_fold_equal ("Сёмин", "семин");
  assert_fold_equal ("ё", "Е");
}

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *ka = jd_text_romanize (a);
  g_autofree char *kb = jd_text_romanize (b);

  g_test_message ("%s → %s, %s → %s", a, ka, b, kb);
  g_assert_cmpstr (ka, ==, kb);
}

static void
test_romanize (void)
{
  assert_same_key ("Асанов", "Asanov");
  assert_same_key ("Ержан", "Erzhan");
  assert_same_key ("Ержан", "Yerzhan");
  assert_same_key ("Ержан", "Erjan");
  assert_same_key ("Әзім", "Ázim");
  assert_same_key ("Нұрлан", "Nurlan");
  assert_same_key ("Жанар", "Zhanar");
  assert_same_key ("Қайрат", "Kairat");
  assert_same_key ("Қайрат", "Qairat");
  assert_same_key ("Қайрат", "Kayrat");
  assert_same_key ("Ирина", "Irina");
  assert_same_key ("Юлия", "Yulia");
  assert_same_key ("Юлия", "Yuliya");
  assert_same_key ("Шынар", "Şynar");
  assert_same_key ("Ахметов", "Akhmetov");

  {
    g_autofree char *key = jd_text_romanize ("Асанов Ержан");
    g_autofree char *other = jd_text_romanize ("Иванов");

    g_assert_cmpstr (key, ==, "asanov erzhan");
    g_assert_cmpstr (other, !=, key);
  }
}

static void
test_wrong_layout (void)
{
  g_autofree char *asanov = jd_text_from_wrong_layout ("Fcfyjd");
  g_autofree char *yerzhan = jd_text_from_wrong_layout ("th;fy");
  g_autofree char *kairat = jd_text_from_wrong_layout ("0fqhfn");
  g_autofree char *none = jd_text_from_wrong_layout ("Асанов");
  g_autofree char *digits = jd_text_from_wrong_layout ("8701");

  g_assert_cmpstr (asanov, ==, "асанов");
  g_assert_cmpstr (yerzhan, ==, "ержан");
  g_assert_cmpstr (kairat, ==, "қайрат");  /* 0 is қ on the Kazakh layout */
  g_assert_null (none);
  g_assert_null (digits);
}

static void
test_digits (void)
{
  g_autofree char *a = jd_text_digits ("+7 (701) 123-45-67");
  g_autofree char *b = jd_text_digits ("no digits");

  g_assert_cmpstr (a, ==, "77011234567");
  g_assert_cmpstr (b, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/text/fold/every-letter", test_fold_every_letter);
  g_test_add_func ("/jd/text/fold/yo", test_fold_yo);
  g_test_add_func ("/jd/text/romanize", test_romanize);
  g_test_add_func ("/jd/text/wrong-layout", test_wrong_layout);
  g_test_add_func ("/jd/text/digits", test_digits);

  return g_test_run ();
}
