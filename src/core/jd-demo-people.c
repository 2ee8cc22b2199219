/* jd-demo-people.c: the demo centre's people: names, IINs, phones, registration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-search.h"
#include "jd-text.h"
#include "jd-validate.h"

#define MAX_VISITS 24

/* Names as they are written in Almaty: Kazakh ones with Kazakh letters,
 * Russian ones, and the city's Korean, Ukrainian, German, Uyghur and
 * Tatar families. Surnames in the masculine form; -ов, -ев, -ин take -а. */
static const char * const kk_male[] = {
  "Ержан", "Нұрлан", "Қайрат", "Дәулет", "Асхат", "Бауыржан", "Ерлан", "Айдос", "Нұрсұлтан",
  "Ерқанат", "Арман", "Темірлан", "Әлихан", "Санжар", "Дамир", "Азамат", "Мұхтар", "Ақжол",
  "Бекзат", "Жандос", "Әділет", "Ілияс", "Өркен", "Ұлан", "Алишер", "Диас", "Ерасыл",
  "Ернұр", "Нұрдәулет", "Бексұлтан", "Мирас", "Ризабек", "Сұңқар", "Тимур", "Жасұлан",
  "Елдос", "Айбек", "Асылан", "Дінмұхамед", "Ғалымжан", "Мағжан", "Олжас", "Рауан",
  "Сәкен", "Еркебұлан", "Абылай", "Әлібек", "Жәнібек",
};
static const char * const kk_female[] = {
  "Айгерім", "Әлия", "Жансая", "Аружан", "Дана", "Мадина", "Гүлназ", "Әсел", "Ақбота",
  "Назерке", "Інжу", "Аяулым", "Балнұр", "Жұлдыз", "Сабина", "Томирис", "Айзере", "Ұлжан",
  "Меруерт", "Нұрай", "Өмірзая", "Көркем", "Айша", "Ақерке", "Гүлнұр", "Динара", "Жанерке",
  "Жасмин", "Зарина", "Іңкәр", "Қарлығаш", "Ләззат", "Мөлдір", "Нұрсұлу", "Перизат",
  "Сымбат", "Толғанай", "Ұлпан", "Фариза", "Шұғыла", "Айым", "Аманай", "Дариға",
  "Еркеназ", "Камила", "Ботагөз",
};
static const char * const kk_surnames[] = {
  "Асанов", "Омаров", "Сейітов", "Жұмабаев", "Нұрланов", "Қасымов", "Әбенов", "Тоқаев",
  "Сұлтанов", "Бекмұханов", "Серікбаев", "Мұратов", "Қайратов", "Ахметов", "Жақсылықов",
  "Оспанов", "Ермеков", "Байжанов", "Әлиев", "Нұрпейісов", "Смағұлов", "Іскаков", "Өтебаев",
  "Ұзақов", "Шәріпов", "Ғабдуллин", "Құдайбергенов", "Әбдірахманов", "Байтұрсынов",
  "Бекетов", "Дәулетов", "Досмұхамедов", "Ерғалиев", "Есенов", "Жанұзақов", "Жүсіпов",
  "Ибраев", "Исабеков", "Кенжебаев", "Қалиев", "Қожахметов", "Құрманов", "Мамыров",
  "Мұқанов", "Нұрмағамбетов", "Оразов", "Рахимов", "Сапаров", "Сәрсенбаев", "Сыздықов",
  "Тәжібаев", "Төлеуов", "Тұрсынов", "Үсенов", "Шайхысламов", "Шаяхметов", "Ыдырысов",
  "Әмірханов", "Байбосынов", "Жолдасбеков", "Қуанышев", "Мейірманов", "Нұрғалиев",
  "Сағынтаев", "Темірбеков", "Әшімов", "Бақытжанов", "Ғалымжанов", "Дүйсенов", "Елеусізов",
};
static const char * const kk_fathers[] = {
  "Серік", "Болат", "Ерлан", "Марат", "Нұрлан", "Қайрат", "Ғалым", "Талғат", "Бақыт",
  "Асқар", "Әділ", "Жомарт", "Бекжан", "Дархан", "Ерболат", "Жанат", "Мұрат", "Нұржан",
  "Қанат", "Руслан", "Сәкен", "Төлеген", "Ұзақ", "Ербол",
};
static const char * const ru_male[] = {
  "Иван", "Дмитрий", "Алексей", "Сергей", "Максим", "Артём", "Никита", "Кирилл", "Егор",
  "Андрей", "Виктор", "Денис", "Александр", "Михаил", "Даниил", "Роман", "Владислав",
  "Евгений", "Илья", "Павел", "Антон", "Олег", "Глеб", "Тимофей",
};
static const char * const ru_female[] = {
  "Анна", "Екатерина", "Мария", "Анастасия", "Дарья", "Алёна", "Ирина", "Юлия", "Виктория",
  "Ольга", "Ксения", "Полина", "Елизавета", "Софья", "Татьяна", "Наталья", "Валерия",
  "Вероника", "Алина", "Кристина", "Светлана", "Евгения", "Ульяна", "Милана",
};
static const char * const ru_surnames[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Петров", "Соколов", "Волков", "Новиков",
  "Морозов", "Фёдоров", "Лебедев", "Семёнов", "Козлов", "Павлов", "Степанов", "Николаев",
  "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов",
  "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
  "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков",
  "Сорокин", "Белов", "Медведев", "Ершов", "Тарасов", "Беляев", "Комаров", "Осипов",
};
static const char * const ru_fathers[] = {
  "Сергеев", "Александров", "Владимиров", "Андреев", "Николаев", "Олегов", "Викторов",
  "Юрьев", "Игорев", "Михайлов",
};
/* Korean, Ukrainian and German surnames do not change for women. */
static const char * const invariable_surnames[] = {
  "Ким", "Пак", "Ли", "Цой", "Тен", "Шин", "Хван", "Югай", "Хегай", "Шевченко",
  "Бондаренко", "Коваленко", "Ткаченко", "Шмидт", "Вагнер", "Миллер",
};
static const char * const turkic_surnames[] = {
  "Масимов", "Абдуллаев", "Хамраев", "Юсупов", "Турсунов", "Сабиров", "Ахмадиев", "Гарипов",
};
static const char * const turkic_male[] = {
  "Арслан", "Азат", "Рустам", "Ильшат", "Ренат", "Шахрат", "Ильдар", "Рамиль",
};
static const char * const turkic_female[] = {
  "Гульнара", "Дильназ", "Диляра", "Рената", "Эльмира", "Альбина", "Алсу", "Гузель",
};
static const int mobile_codes[] = {
  700, 701, 702, 705, 706, 707, 708, 747, 771, 775, 776, 777, 778,
};
static char *
feminine (const char *surname)
{
  /* -ов, -ев, -ин take -а; the rest (-ұлы, Ким, Шевченко) do not change. */
  if (g_str_has_suffix (surname, "ов") || g_str_has_suffix (surname, "ев") ||
      g_str_has_suffix (surname, "ёв") || g_str_has_suffix (surname, "ин"))
    return g_strconcat (surname, "а", NULL);

  return g_strdup (surname);
}

/* The IIN check digit: weights 1…11, and 3…11,1,2 when the first sum
 * gives 10; -1 when the second does too (no valid number). */
static int
iin_check_digit (const char *d)
{
  int sum = 0;

  for (int i = 0; i < 11; i++)
    sum += (d[i] - '0') * (i + 1);
  if (sum % 11 != 10)
    return sum % 11;

  sum = 0;
  for (int i = 0; i < 11; i++)
    sum += (d[i] - '0') * ((i + 2) % 11 + 1);
  return sum % 11 == 10 ? -1 : sum % 11;
}

/* A valid IIN for the date and sex, unique through a serial per prefix. */
static char *
make_iin (GHashTable  *serials,
          const GDate *birth,
          gboolean     male)
{
  int year = g_date_get_year (birth);
  int code = (year >= 2000 ? 5 : 3) + (male ? 0 : 1);
  char prefix[8];
  guint serial;

  g_snprintf (prefix, sizeof prefix, "%02d%02d%02d%d", year % 100, g_date_get_month (birth),
              g_date_get_day (birth), code);
  serial = GPOINTER_TO_UINT (g_hash_table_lookup (serials, prefix));

  for (; serial < 10000; serial++)
    {
      char digits[13];
      int check;

      g_snprintf (digits, sizeof digits, "%s%04u0", prefix, serial);
      check = iin_check_digit (digits);
      if (check < 0)
        continue;

      digits[11] = (char) ('0' + check);
      g_hash_table_insert (serials, g_strdup (prefix), GUINT_TO_POINTER (serial + 1));
      return g_strdup (digits);
    }

  return NULL;
}

/* About 17 % NEET (unemployed and looking, or not looking): rare among
 * school pupils, most common after 23. */
static const char *
pick_occupation (Rng *rng,
                 int  age)
{
  guint r = rng_below (rng, 100);

  if (age <= 17)
    return r < 84 ? "school" : r < 96 ? "college" : "not_seeking";
  if (age <= 22)
    return r < 38 ? "university" : r < 54 ? "college" : r < 75 ? "employed" :
           r < 86 ? "unemployed_seeking" : r < 91 ? "not_seeking" : r < 96 ? "self_employed" : "other";
  return r < 52 ? "employed" : r < 64 ? "self_employed" : r < 76 ? "unemployed_seeking" :
         r < 83 ? "not_seeking" : r < 92 ? "university" : "other";
}

static const char *
pick_education (Rng        *rng,
                int         age,
                const char *occupation)
{
  if (g_str_equal (occupation, "school"))
    return age < 16 ? "primary" : "basic_secondary";
  if (g_str_equal (occupation, "college"))
    return "basic_secondary";
  if (g_str_equal (occupation, "university"))
    return "general_secondary";
  switch (rng_below (rng, 5))
    {
    case 0: return "general_secondary";
    case 1: return "vocational";
    case 2: return "incomplete_higher";
    case 3: return age > 24 ? "postgraduate" : "higher";
    default: return "higher";
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
pick_name (Rng          *rng,
           gboolean      male,
           gboolean     *kazakh,
           char        **surname,
           const char  **given,
           char        **patronymic)
{
  guint group = rng_below (rng, 100);

  *patronymic = NULL;
  *kazakh = group < 70;

  if (*kazakh)
    {
      const char *father = PICK (rng, kk_fathers);

      *given = male ? PICK (rng, kk_male) : PICK (rng, kk_female);
      if (rng_chance (rng, 0.12))
        *surname = g_strconcat (father, male ? "ұлы" : "қызы", NULL);
      else
        *surname = male ? g_strdup (PICK (rng, kk_surnames)) : feminine (PICK (rng, kk_surnames));

      /* Kazakh patronymics: -ұлы / -қызы, or the Russian-style -ович / -овна. */
      if (rng_chance (rng, 0.7))
        *patronymic = rng_chance (rng, 0.6) ? g_strconcat (father, male ? "ұлы" : "қызы", NULL)
                                            : g_strconcat (father, male ? "ович" : "овна", NULL);
    }
  else if (group < 90)
    {
      *given = male ? PICK (rng, ru_male) : PICK (rng, ru_female);
      *surname = male ? g_strdup (PICK (rng, ru_surnames)) : feminine (PICK (rng, ru_surnames));
      if (rng_chance (rng, 0.85))
        *patronymic = g_strconcat (PICK (rng, ru_fathers), male ? "ич" : "на", NULL);
    }
  else if (group < 96)
    {
      *given = male ? PICK (rng, ru_male) : PICK (rng, ru_female);
      *surname = g_strdup (PICK (rng, invariable_surnames));
      if (rng_chance (rng, 0.6))
        *patronymic = g_strconcat (PICK (rng, ru_fathers), male ? "ич" : "на", NULL);
    }
  else
    {
      *given = male ? PICK (rng, turkic_male) : PICK (rng, turkic_female);
      *surname = male ? g_strdup (PICK (rng, turkic_surnames)) : feminine (PICK (rng, turkic_surnames));
    }
}

static char *
mobile (Rng *rng)
{
  return g_strdup_printf ("+7%03d%07u", PICK (rng, mobile_codes), rng_below (rng, 10000000));
}

gboolean
jd_demo_add_visitor (Demo    *demo,
                     gint64  *out_id,
                     GError **error)
{
  Rng *rng = &demo->rng;
  gboolean male = rng_chance (rng, 0.48);
  gboolean kazakh;
  g_autofree char *surname = NULL;
  g_autofree char *patronymic = NULL;
  g_autofree char *iin = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *guardian = NULL;
  g_autofree char *guardian_phone = NULL;
  char birth_text[11], consent_day[11];
  const char *given, *occupation;
  gint64 visits[MAX_VISITS];
  gint64 created, earliest, district = 0;
  GDate birth, fourteen;
  JdStmt *stmt;
  Person person;
  int age, age_registered, first_day;
  guint n_visits;

  pick_name (rng, male, &kazakh, &surname, &given, &patronymic);

  /* Ages 14–35 on the anchor day, weighted to the early twenties. */
  age = 14 + (int) (rng_below (rng, 12) + rng_below (rng, 11));
  birth = demo->anchor_day;
  g_date_subtract_years (&birth, age + 1);
  g_date_add_days (&birth, 1 + rng_below (rng, 364));
  g_snprintf (birth_text, sizeof birth_text, "%04u-%02u-%02u", g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth));

  if (rng_chance (rng, 0.8))
    iin = make_iin (demo->serials, &birth, male);
  if (rng_chance (rng, 0.85))
    phone = mobile (rng);

  occupation = pick_occupation (rng, age);
  name = g_strjoin (" ", surname, given, patronymic, NULL);
  key = jd_text_fold (name);

  /* Nothing before the 14th birthday, the youngest age a centre
   * registers; registration at most three years back. */
  fourteen = birth;
  g_date_add_years (&fourteen, 14);
  first_day = MAX (-3 * 365, -(int) g_date_days_between (&fourteen, &demo->anchor_day));
  earliest = demo->anchor + (gint64) first_day * DAY;

  /* About three visits over the year, in order; a few regulars come
   * every other week. */
  n_visits = rng_below (rng, 4) + rng_below (rng, 3) + (rng_chance (rng, 0.05) ? 10 : 0);
  for (guint v = 0; v < n_visits; v++)
    visits[v] = jd_demo_visit_time (demo, (guint) MIN (365, 1 - first_day));
  qsort (visits, n_visits, sizeof (gint64), compare_times);

  /* Registered on the first visit, or before it. */
  if (n_visits > 0 && rng_chance (rng, 0.6))
    created = visits[0] - 300;
  else
    {
      gint64 latest = n_visits > 0 ? visits[0] : demo->anchor + 20 * 3600;

      created = latest <= earliest ? latest
                                   : earliest + (gint64) (rng_next (rng) % (guint64) (latest - earliest));
    }
  jd_demo_format_day (demo, jd_demo_day_of (demo, created), consent_day);
  {
    GDate registered = demo->anchor_day;
    int offset = jd_demo_day_of (demo, created);

    if (offset < 0)
      g_date_subtract_days (&registered, (guint) -offset);
    age_registered = g_date_get_year (&registered) - g_date_get_year (&birth) -
                     (g_date_get_month (&registered) < g_date_get_month (&birth) ||
                      (g_date_get_month (&registered) == g_date_get_month (&birth) &&
                       g_date_get_day (&registered) < g_date_get_day (&birth)));
  }

  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO visitor (surname, given_name, patronymic, iin, birth_date, sex,"
                        " phone, district_id, occupation, education, language, name_key,"
                        " created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                        error);
  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_text_static (stmt, 1, surname);
  jd_stmt_bind_text_static (stmt, 2, given);
  if (patronymic != NULL)
    jd_stmt_bind_text_static (stmt, 3, patronymic);
  if (iin != NULL)
    jd_stmt_bind_text_static (stmt, 4, iin);
  jd_stmt_bind_text_static (stmt, 5, birth_text);
  jd_stmt_bind_text_static (stmt, 6, male ? "male" : "female");
  if (phone != NULL)
    jd_stmt_bind_text_static (stmt, 7, phone);
  /* A district of Almaty (none when a centre has removed them all). */
  if (demo->districts->len > 0)
    {
      district = g_array_index (demo->districts, gint64, rng_below (rng, demo->districts->len));
      jd_stmt_bind_int64 (stmt, 8, district);
    }
  jd_stmt_bind_text_static (stmt, 9, occupation);
  if (rng_chance (rng, 0.9))
    jd_stmt_bind_text_static (stmt, 10, pick_education (rng, age, occupation));
  jd_stmt_bind_text_static (stmt, 11, kazakh || rng_chance (rng, 0.15) ? "kk" : "ru");
  jd_stmt_bind_text_static (stmt, 12, key);
  jd_stmt_bind_int64 (stmt, 13, created);
  if (!jd_db_step_done (demo->db, stmt, error))
    return FALSE;

  person.id = last_id (demo);
  {
    Registered registered = { person.id, created };

    g_array_append_val (demo->people, registered);
  }
  person.male = male;
  person.age = age;
  person.occupation = occupation;

  /* Consent on the day of registration; a parent's under 18. */
  if (age_registered < 18)
    {
      guardian = g_strconcat (surname, " ", kazakh ? PICK (rng, kk_female) : PICK (rng, ru_female), NULL);
      guardian_phone = mobile (rng);
    }
  if (demo->consents != NULL)
    {
      jd_demo_batch_int64 (demo->consents, 1, person.id);
      jd_demo_batch_text (demo->consents, 2, consent_day);
      jd_demo_batch_text (demo->consents, 3, guardian != NULL ? "guardian" : "self");
      jd_demo_batch_text (demo->consents, 4, guardian);
      jd_demo_batch_text (demo->consents, 5, guardian_phone);
      jd_demo_batch_int64 (demo->consents, 6, created);
      jd_demo_batch_row_done (demo->consents);
    }
  else
    {
      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                            " guardian_name, guardian_phone, created_at, updated_at)"
                            " VALUES (?1, '2026-1', ?2, ?3, ?4, ?5, ?6, ?6)",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, person.id);
      jd_stmt_bind_text_static (stmt, 2, consent_day);
      jd_stmt_bind_text_static (stmt, 3, guardian != NULL ? "guardian" : "self");
      if (guardian != NULL)
        {
          jd_stmt_bind_text_static (stmt, 4, guardian);
          jd_stmt_bind_text_static (stmt, 5, guardian_phone);
        }
      jd_stmt_bind_int64 (stmt, 6, created);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  /* Indexed later, with others (see index_visitors ()). */
  g_ptr_array_add (demo->unindexed, jd_search_keys_new (surname, given, patronymic, phone, iin));
  g_array_append_val (demo->unindexed_ids, person.id);

  person.birth = birth;
  person.district = district;
  if (!jd_demo_add_visits (demo, &person, visits, n_visits, error))
    return FALSE;

  *out_id = person.id;
  return TRUE;
}
