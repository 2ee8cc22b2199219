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
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = jd_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

/* Every capital of the Russian and Kazakh alphabets folds to its small
 * letter (Ё and ё to е), which SQLite's own LIKE, NOCASE and lower() do
 * not do for any of them. */
static void
test_fold_every_letter (void)
{
  static const struct { const char *upper, *lower, *folded; } letters[] = {
    /* Russian А–Я */
    { "А", "а", "а" }, { "Б", "б", "б" }, { "В", "в", "в" }, { "Г", "г", "г" },
    { "Д", "д", "д" }, { "Е", "е", "е" }, { "Ё", "ё", "е" }, { "Ж", "ж", "ж" },
    { "З", "з", "з" }, { "И", "и", "и" }, { "Й", "й", "й" }, { "К", "к", "к" },
    { "Л", "л", "л" }, { "М", "м", "м" }, { "Н", "н", "н" }, { "О", "о", "о" },
    { "П", "п", "п" }, { "Р", "р", "р" }, { "С", "с", "с" }, { "Т", "т", "т" },
    { "У", "у", "у" }, { "Ф", "ф", "ф" }, { "Х", "х", "х" }, { "Ц", "ц", "ц" },
    { "Ч", "ч", "ч" }, { "Ш", "ш", "ш" }, { "Щ", "щ", "щ" }, { "Ъ", "ъ", "ъ" },
    { "Ы", "ы", "ы" }, { "Ь", "ь", "ь" }, { "Э", "э", "э" }, { "Ю", "ю", "ю" },
    { "Я", "я", "я" },
    /* Kazakh letters beyond Russian */
    { "Ә", "ә", "ә" }, { "Ғ", "ғ", "ғ" }, { "Қ", "қ", "қ" }, { "Ң", "ң", "ң" },
    { "Ө", "ө", "ө" }, { "Ұ", "ұ", "ұ" }, { "Ү", "ү", "ү" }, { "Һ", "һ", "һ" },
    { "І", "і", "і" },
  };

  g_assert_cmpuint (G_N_ELEMENTS (letters), ==, 33 + 9);

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    {
      g_autofree char *word_upper = g_strconcat ("Ж", letters[i].upper, "Ж", NULL);
      g_autofree char *word_lower = g_strconcat ("ж", letters[i].lower, "ж", NULL);

      g_test_message ("%s %s", letters[i].upper, letters[i].lower);
      assert_fold (letters[i].upper, letters[i].folded);
      assert_fold (letters[i].lower, letters[i].folded);
      /* Inside a word too. */
      assert_fold_equal (word_upper, word_lower);
    }

  assert_fold_equal ("ӘЛИЯ ҚАЙРАТҚЫЗЫ", "әлия қайратқызы");
  assert_fold_equal ("ҢҰҮҺІ", "ңұүһі");
  assert_fold_equal ("ӨРКЕН", "өркен");
  /* Kazakh І is not Latin I. */
  {
    g_autofree char *kazakh = jd_text_fold ("І");
    g_autofree char *latin = jd_text_fold ("I");

    g_assert_cmpstr (kazakh, !=, latin);
  }
}

static void
test_fold_yo (void)
{
  assert_fold ("  ЁЛКИНА   Алёна ", "елкина алена");
  assert_fold_equal ("Сёмин", "семин");
  assert_fold_equal ("ё", "Е");
  assert_fold_equal ("Фёдоров Пётр", "ФЕДОРОВ ПЕТР");
}

static void
test_fold_spaces_and_forms (void)
{
  assert_fold ("\t Асанов \n Ержан  ", "асанов ержан");
  assert_fold ("", "");
  assert_fold ("   ", "");
  /* NFKC: a compatibility form and a decomposed letter. */
  assert_fold ("ﬁ", "fi");
  assert_fold ("И\xcc\x86", "й");   /* И + combining breve */
  /* Not UTF-8: nothing rather than garbage. */
  assert_fold ("\xff\xfe", "");
}

/* The shortcut for plain ASCII and Cyrillic text folds every one of
 * those characters as the full NFKC and case-fold passes do: a no-break
 * space at the end sends the same text down the long way (it becomes a
 * space, and trailing spaces are dropped). */
static void
test_fold_shortcut (void)
{
  for (gunichar c = 1; c < 0x0500; c++)
    {
      char letter[8] = { 0 };
      g_autofree char *plain = NULL;
      g_autofree char *marked = NULL;
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;

      if (c >= 0x80 && c < 0x0400)
        continue;
      g_unichar_to_utf8 (c, letter);
      plain = g_strconcat ("x", letter, "y", NULL);
      marked = g_strconcat ("x", letter, "y\xc2\xa0", NULL);
      fast = jd_text_fold (plain);
      slow = jd_text_fold (marked);
      if (g_strcmp0 (fast, slow) != 0)
        g_error ("U+%04X folds to “%s” the short way and “%s” the long way", c, fast, slow);
    }
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
assert_other_key (const char *a,
                  const char *b)
{
  g_autofree char *ka = jd_text_romanize (a);
  g_autofree char *kb = jd_text_romanize (b);

  g_assert_cmpstr (ka, !=, kb);
}

static void
test_romanize (void)
{
  static const char * const same[][2] = {
    { "Асанов", "Asanov" },
    { "Ержан", "Erzhan" }, { "Ержан", "Yerzhan" }, { "Ержан", "Erjan" }, { "Ержан", "YERZHAN" },
    { "Әзім", "Ázim" }, { "Әзім", "Äzim" }, { "Әзім", "Azim" },
    { "Нұрлан", "Nurlan" }, { "Нұрсұлтан", "Nūrsūltan" },
    { "Жанар", "Zhanar" }, { "Жанар", "Janar" },
    { "Қайрат", "Kairat" }, { "Қайрат", "Qairat" }, { "Қайрат", "Kayrat" }, { "Қайрат", "Qaırat" },
    { "Ирина", "Irina" },
    { "Юлия", "Yulia" }, { "Юлия", "Yuliya" }, { "Юлия", "Iuliia" },
    { "Шынар", "Şynar" }, { "Шынар", "Shynar" },
    { "Ахметов", "Akhmetov" }, { "Ахметов", "Ahmetov" },
    { "Айгерім", "Aigerim" }, { "Айгерім", "Aygerim" },
    { "Жансая", "Zhansaya" }, { "Ерқанат", "Yerkanat" }, { "Ерқанат", "Erqanat" },
    { "Әлия", "Aliya" }, { "Әсел", "Assel" }, { "Ғалым", "Galym" }, { "Ғалым", "Ghalym" },
    { "Бауыржан", "Bauyrzhan" }, { "Жұлдыз", "Zhuldyz" }, { "Өркен", "Örken" },
    { "Гүлназ", "Gülnaz" }, { "Шәріпов", "Sharipov" }, { "Ілияс", "Ilyas" },
    { "Алёна", "Alyona" }, { "Алёна", "Alena" }, { "Артём", "Artyom" }, { "Ёлкина", "Yolkina" },
    { "Фёдоров", "Fyodorov" }, { "Семёнов", "Semyonov" },
    { "Виктория", "Victoria" }, { "Виктория", "Viktoriya" }, { "Максим", "Maxim" },
    { "Ксения", "Kseniya" }, { "Ксения", "Xenia" }, { "Кирилл", "Kiril" },
    { "Дмитрий", "Dmitry" }, { "Дмитрий", "Dmitriy" }, { "Андрей", "Andrey" },
    { "Цой", "Tsoi" }, { "Цой", "Tsoy" }, { "Джамиля", "Jamilya" }, { "Джамиля", "Dzhamilya" },
    { "Евгения", "Yevgeniya" }, { "Щукин", "Shchukin" }, { "Ольга", "Olga" },
    { "Майор", "Mayor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    assert_same_key (same[i][0], same[i][1]);

  assert_other_key ("Асанов", "Иванов");
  assert_other_key ("Ержан", "Ерлан");
  assert_other_key ("Жанар", "Жандос");

  {
    g_autofree char *key = jd_text_romanize ("Асанов Ержан");
    g_autofree char *hyphen = jd_text_romanize ("Әбілқасым-Оғлы");
    g_autofree char *empty = jd_text_romanize ("  ");

    g_assert_cmpstr (key, ==, "asanov erzhan");
    g_assert_cmpstr (hyphen, ==, "abilkasim ogli");
    g_assert_cmpstr (empty, ==, "");
  }
}

static void
assert_layout (const char *typed,
               const char *expected)
{
  g_autofree char *converted = jd_text_from_wrong_layout (typed);

  g_assert_cmpstr (converted, ==, expected);
}

static void
test_wrong_layout (void)
{
  assert_layout ("Fcfyjd", "Асанов");
  assert_layout ("fcfyjd", "асанов");
  assert_layout ("th;fy", "ержан");
  assert_layout ("Ujkjdrbyf Fk`yf", "Головкина Алёна");
  assert_layout ("{fkbkf", "Халила");
  /* The Kazakh layout's number row: ә і ң ғ ү ұ қ ө һ. */
  assert_layout ("0fqhfn", "қайрат");
  assert_layout ("y9hkfy", "нұрлан");
  assert_layout ("2ktv", "әлем");
  assert_layout ("-hrty", "өркен");
  assert_layout ("u8kyfp", "гүлназ");
  assert_layout ("@kbz", "Әлия");
  /* A hyphen inside a word stays one; a number stays a number. */
  assert_layout ("Fcfyjdf-Jukb", "Асанова-Огли");
  assert_layout ("Fcfyjd 8701", "Асанов 8701");
  /* No Latin letters: nothing to convert. */
  g_assert_null (jd_text_from_wrong_layout ("Асанов"));
  g_assert_null (jd_text_from_wrong_layout ("8701"));
  g_assert_null (jd_text_from_wrong_layout (""));
  g_assert_null (jd_text_from_wrong_layout (NULL));
}

static void
test_digits (void)
{
  g_autofree char *a = jd_text_digits ("+7 (701) 123-45-67");
  g_autofree char *b = jd_text_digits ("no digits");
  g_autofree char *c = jd_text_digits (NULL);

  g_assert_cmpstr (a, ==, "77011234567");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/text/fold/every-letter", test_fold_every_letter);
  g_test_add_func ("/jd/text/fold/yo", test_fold_yo);
  g_test_add_func ("/jd/text/fold/spaces-and-forms", test_fold_spaces_and_forms);
  g_test_add_func ("/jd/text/fold/shortcut", test_fold_shortcut);
  g_test_add_func ("/jd/text/romanize", test_romanize);
  g_test_add_func ("/jd/text/wrong-layout", test_wrong_layout);
  g_test_add_func ("/jd/text/digits", test_digits);

  return g_test_run ();
}
