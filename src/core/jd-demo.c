/* jd-demo.c: a synthetic centre, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything comes from one seeded generator (splitmix64), so the same
 * seed and anchor give the same rows. Rows go in through prepared
 * statements in large transactions; the search index is kept the same
 * way the app keeps it.
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-search.h"
#include "jd-text.h"

#define VISITORS_PER_TRANSACTION 50000

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0) < p;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

static const char * const kk_male[] = {
  "Ержан", "Нұрлан", "Қайрат", "Дәулет", "Асхат", "Бауыржан", "Ерлан", "Айдос", "Нұрсұлтан",
  "Ерқанат", "Арман", "Темірлан", "Әлихан", "Санжар", "Дамир", "Азамат", "Мұхтар", "Ақжол",
  "Бекзат", "Жандос", "Әділет", "Ілияс", "Өркен", "Ұлан",
};
static const char * const kk_female[] = {
  "Айгерім", "Әлия", "Жансая", "Аружан", "Дана", "Мадина", "Гүлназ", "Әсел", "Ақбота",
  "Назерке", "Інжу", "Аяулым", "Балнұр", "Жұлдыз", "Сабина", "Томирис", "Айзере", "Ұлжан",
  "Меруерт", "Нұрай", "Өмірзая", "Көркем",
};
/* Surnames that take -а for women. */
static const char * const kk_surnames[] = {
  "Асанов", "Омаров", "Сейітов", "Жұмабаев", "Нұрланов", "Қасымов", "Әбенов", "Тоқаев",
  "Сұлтанов", "Бекмұханов", "Серікбаев", "Мұратов", "Қайратов", "Ахметов", "Жақсылықов",
  "Оспанов", "Ермеков", "Байжанов", "Әлиев", "Нұрпейісов", "Смағұлов", "Іскаков", "Өтебаев",
  "Ұзақов", "Шәріпов", "Ғабдуллин", "Құдайбергенов",
};
static const char * const kk_fathers[] = {
  "Серік", "Болат", "Ерлан", "Марат", "Нұрлан", "Қайрат", "Ғалым", "Талғат", "Бақыт",
  "Асқар", "Әділ", "Жомарт",
};
static const char * const ru_male[] = {
  "Иван", "Дмитрий", "Алексей", "Сергей", "Максим", "Артём", "Никита", "Кирилл", "Егор",
  "Андрей", "Виктор", "Денис",
};
static const char * const ru_female[] = {
  "Анна", "Екатерина", "Мария", "Анастасия", "Дарья", "Алёна", "Ирина", "Юлия", "Виктория",
  "Ольга", "Ксения", "Полина",
};
static const char * const ru_surnames[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Петров", "Соколов", "Волков", "Новиков",
  "Морозов", "Фёдоров", "Лебедев", "Семёнов",
};
/* Invariable surnames (Kazakhstan's Korean and other families). */
static const char * const other_surnames[] = { "Ким", "Пак", "Ли", "Цой", "Тен", "Шин" };
static const char * const ru_fathers_m[] = {
  "Сергеевич", "Александрович", "Владимирович", "Андреевич", "Николаевич", "Олегович",
};
static const char * const ru_fathers_f[] = {
  "Сергеевна", "Александровна", "Владимировна", "Андреевна", "Николаевна", "Олеговна",
};
static const int mobile_codes[] = {
  700, 701, 702, 705, 706, 707, 708, 747, 771, 775, 776, 777, 778,
};
static const char * const employers[] = {
  "ТОО «Алматы Сервис»", "АО «Kaspi Bank»", "ИП Жұмабаев", "ТОО «Green Almaty»",
  "Magnum Cash&Carry", "ТОО «Tech Garden»", "Коммунальное предприятие «Алматы Тазалық»",
  "Кофейня «Coffee Boom»",
};
static const char * const event_titles[][2] = {
  { "lecture", "Дәріс: Қаржылық сауаттылық" },
  { "lecture", "Лекция: Как составить резюме" },
  { "seminar", "Семинар «Бизнес бастау»" },
  { "masterclass", "Мастер-класс по мобильной фотографии" },
  { "masterclass", "Шеберлік сабағы: SMM негіздері" },
  { "course", "Курс английского языка" },
  { "course", "IT курсы: Python негіздері" },
  { "eco_action", "Экоакция «Таза Алматы»" },
  { "tournament", "Турнир по мини-футболу" },
  { "tournament", "Шахмат турнирі" },
  { "quiz", "Интеллектуальная игра «Брейн-ринг»" },
  { "meeting", "Встреча с работодателями" },
  { "club", "Разговорный клуб «Qazaq tili»" },
};

/* Purposes weighted by how often people come for them. */
static const char * const purposes[] = {
  "employment", "employment", "employment", "career", "career", "psychological",
  "psychological", "legal", "event", "event", "course", "course", "entrepreneurship",
  "education", "housing", "health", "coworking", "coworking", "leisure", "other",
};

static const char * const consultation_services[] = {
  "legal", "psychological", "career", "employment", "entrepreneurship", "housing",
  "education", "health",
};

static const char * const referrals[] = {
  "enbek", "first_job", "youth_practice", "business_bastau", "otbasy", "youth_health",
  "course", "psychologist", "social_services",
};

static gboolean
in_list (const char * const *list,
         gsize               n,
         const char         *value)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], value))
      return TRUE;

  return FALSE;
}

#define IS_SERVICE(s) in_list (consultation_services, G_N_ELEMENTS (consultation_services), (s))

static char *
feminine (const char *surname)
{
  /* -ов, -ев, -ин take -а; the rest (-ұлы, Ким) do not change. */
  if (g_str_has_suffix (surname, "ов") || g_str_has_suffix (surname, "ев") ||
      g_str_has_suffix (surname, "ин"))
    return g_strconcat (surname, "а", NULL);

  return g_strdup (surname);
}

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
make_iin (GHashTable *serials,
          GDate      *birth,
          gboolean    male)
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

static const char *
pick_occupation (Rng *rng,
                 int  age)
{
  guint r = rng_below (rng, 100);

  if (age <= 17)
    return r < 84 ? "school" : r < 96 ? "college" : "not_seeking";
  if (age <= 22)
    return r < 38 ? "university" : r < 52 ? "college" : r < 72 ? "employed" :
           r < 85 ? "unemployed_seeking" : r < 92 ? "not_seeking" : r < 97 ? "self_employed" : "other";
  return r < 50 ? "employed" : r < 60 ? "self_employed" : r < 76 ? "unemployed_seeking" :
         r < 85 ? "not_seeking" : r < 93 ? "university" : "other";
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

typedef struct
{
  JdDb      *db;
  Rng        rng;
  gint64     anchor;      /* local midnight of the last day */
  gint64     now;
  GArray    *districts;   /* gint64 ids of Almaty's districts */
  GHashTable *serials;
} Demo;

static gint64
last_id (Demo *demo)
{
  return sqlite3_last_insert_rowid (jd_db_get_handle (demo->db));
}

/* A time on one of the 365 days before the anchor, mostly on weekdays
 * between 10 and 18. */
static gint64
visit_time (Demo *demo)
{
  for (;;)
    {
      guint day = rng_below (&demo->rng, 365);
      gint64 midnight = demo->anchor - (gint64) day * 86400;
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (midnight + 12 * 3600);
      int weekday = g_date_time_get_day_of_week (dt);
      int hour = 9 + (int) rng_below (&demo->rng, 5) + (int) rng_below (&demo->rng, 6);

      if (weekday >= 6 && rng_chance (&demo->rng, 0.7))
        continue;

      return midnight + hour * 3600 + rng_below (&demo->rng, 3600);
    }
}

static gboolean
add_consultation (Demo          *demo,
                  gint64         visitor_id,
                  gint64         visit_id,
                  gint64         when,
                  const char    *purpose,
                  gboolean       neet,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  const char *service = purpose;
  const char *outcome, *referral = NULL;
  char follow_up[11] = { 0 };
  char placement_start[11] = { 0 };
  const char *employer = NULL;
  guint r = rng_below (&demo->rng, 100);

  if (!IS_SERVICE (purpose))
    service = PICK (&demo->rng, consultation_services);

  outcome = r < 50 ? "resolved" : r < 70 ? "referred" : r < 90 ? "follow_up" : "no_show";
  if (g_str_equal (outcome, "referred"))
    referral = g_str_equal (service, "employment") ? (rng_chance (&demo->rng, 0.6) ? "enbek" : "first_job")
             : g_str_equal (service, "entrepreneurship") ? "business_bastau"
             : g_str_equal (service, "housing") ? "otbasy"
             : PICK (&demo->rng, referrals);
  if (g_str_equal (outcome, "follow_up"))
    {
      g_autoptr(GDateTime) later = g_date_time_new_from_unix_local (when + (7 + rng_below (&demo->rng, 21)) * 86400);
      g_autofree char *text = g_date_time_format (later, "%Y-%m-%d");

      memcpy (follow_up, text, 10);
    }

  /* NEET young people placed in jobs: what the city counts most. */
  if (neet && g_str_equal (service, "employment") && !g_str_equal (outcome, "no_show") &&
      rng_chance (&demo->rng, 0.3))
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (when + (3 + rng_below (&demo->rng, 20)) * 86400);
      g_autofree char *text = g_date_time_format (start, "%Y-%m-%d");

      memcpy (placement_start, text, 10);
      employer = PICK (&demo->rng, employers);
    }

  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO consultation (visitor_id, visit_id, service, started_at,"
                        " duration_min, format, summary, outcome, referral, follow_up_on,"
                        " placement_employer, placement_kind, placement_start, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_int64 (stmt, 2, visit_id);
  sqlite3_bind_text (stmt, 3, service, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, when + 600);
  sqlite3_bind_int (stmt, 5, 15 + 5 * (int) rng_below (&demo->rng, 16));
  sqlite3_bind_text (stmt, 6, rng_chance (&demo->rng, 0.85) ? "in_person" :
                              rng_chance (&demo->rng, 0.5) ? "phone" : "online", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, "Demo", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, outcome, -1, SQLITE_STATIC);
  if (referral)
    sqlite3_bind_text (stmt, 9, referral, -1, SQLITE_STATIC);
  if (follow_up[0])
    sqlite3_bind_text (stmt, 10, follow_up, -1, SQLITE_TRANSIENT);
  if (employer)
    {
      sqlite3_bind_text (stmt, 11, employer, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, rng_chance (&demo->rng, 0.7) ? "permanent" : "temporary", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, placement_start, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 14, demo->now);

  return jd_db_step_done (demo->db, stmt, error);
}

static gboolean
add_visitor (Demo    *demo,
             gint64  *out_id,
             GError **error)
{
  Rng *rng = &demo->rng;
  gboolean kazakh = rng_chance (rng, 0.75);
  gboolean male = rng_chance (rng, 0.48);
  g_autofree char *surname = NULL;
  g_autofree char *patronymic = NULL;
  g_autofree char *iin = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *birth_text = NULL;
  const char *given, *occupation;
  GDate birth, anchor_day;
  g_autoptr(GDateTime) anchor_dt = g_date_time_new_from_unix_local (demo->anchor);
  sqlite3_stmt *stmt;
  gint64 id;
  int age;
  guint n_visits;

  if (kazakh)
    {
      const char *father = PICK (rng, kk_fathers);

      given = male ? PICK (rng, kk_male) : PICK (rng, kk_female);
      if (rng_chance (rng, 0.12))
        surname = g_strconcat (father, male ? "ұлы" : "қызы", NULL);
      else
        surname = male ? g_strdup (PICK (rng, kk_surnames)) : feminine (PICK (rng, kk_surnames));
      if (rng_chance (rng, 0.7))
        patronymic = g_strconcat (father, male ? "ұлы" : "қызы", NULL);
    }
  else
    {
      given = male ? PICK (rng, ru_male) : PICK (rng, ru_female);
      if (rng_chance (rng, 0.25))
        surname = g_strdup (PICK (rng, other_surnames));
      else
        surname = male ? g_strdup (PICK (rng, ru_surnames)) : feminine (PICK (rng, ru_surnames));
      if (rng_chance (rng, 0.8))
        patronymic = g_strdup (male ? PICK (rng, ru_fathers_m) : PICK (rng, ru_fathers_f));
    }

  /* Ages 14–35 at the anchor, weighted to the early twenties. */
  g_date_clear (&anchor_day, 1);
  g_date_set_dmy (&anchor_day, g_date_time_get_day_of_month (anchor_dt),
                  g_date_time_get_month (anchor_dt), g_date_time_get_year (anchor_dt));
  age = 14 + (int) (rng_below (rng, 12) + rng_below (rng, 11));
  birth = anchor_day;
  g_date_subtract_years (&birth, age + 1);
  g_date_add_days (&birth, 1 + rng_below (rng, 364));
  birth_text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&birth),
                                g_date_get_month (&birth), g_date_get_day (&birth));

  if (rng_chance (rng, 0.8))
    iin = make_iin (demo->serials, &birth, male);
  if (rng_chance (rng, 0.85))
    phone = g_strdup_printf ("+7%03d%07u", PICK (rng, mobile_codes), rng_below (rng, 10000000));

  occupation = pick_occupation (rng, age);
  name = g_strjoin (" ", surname, given, patronymic, NULL);
  key = jd_text_fold (name);

  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO visitor (surname, given_name, patronymic, iin, birth_date, sex,"
                        " phone, district_id, occupation, education, language, name_key,"
                        " created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, surname, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, given, -1, SQLITE_STATIC);
  if (patronymic)
    sqlite3_bind_text (stmt, 3, patronymic, -1, SQLITE_STATIC);
  if (iin)
    sqlite3_bind_text (stmt, 4, iin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, birth_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, male ? "male" : "female", -1, SQLITE_STATIC);
  if (phone)
    sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, g_array_index (demo->districts, gint64,
                                              rng_below (rng, demo->districts->len)));
  sqlite3_bind_text (stmt, 9, occupation, -1, SQLITE_STATIC);
  if (rng_chance (rng, 0.9))
    sqlite3_bind_text (stmt, 10, pick_education (rng, age, occupation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, kazakh || rng_chance (rng, 0.2) ? "kk" : "ru", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, demo->anchor - rng_below (rng, 3 * 365) * 86400);
  if (!jd_db_step_done (demo->db, stmt, error))
    return FALSE;
  id = last_id (demo);

  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                        " guardian_name, guardian_phone, created_at, updated_at)"
                        " VALUES (?1, '2026-1', ?2, ?3, ?4, ?5, ?6, ?6)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, "2026-01-15", -1, SQLITE_STATIC);
  if (age < 18)
    {
      g_autofree char *guardian = g_strconcat (surname, " ", kazakh ? PICK (rng, kk_female) : PICK (rng, ru_female), NULL);
      g_autofree char *guardian_phone = g_strdup_printf ("+7%03d%07u", PICK (rng, mobile_codes),
                                                         rng_below (rng, 10000000));

      sqlite3_bind_text (stmt, 3, "guardian", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, guardian, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, guardian_phone, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_text (stmt, 3, "self", -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 6, demo->now);
  if (!jd_db_step_done (demo->db, stmt, error))
    return FALSE;

  if (!jd_search_index_visitor (demo->db, id, surname, given, patronymic, phone, iin, error))
    return FALSE;

  /* About three visits each, some people many more. */
  n_visits = rng_below (rng, 4) + rng_below (rng, 3) + (rng_chance (rng, 0.05) ? 10 : 0);
  for (guint v = 0; v < n_visits; v++)
    {
      gint64 when = visit_time (demo);
      const char *purpose = PICK (rng, purposes);
      gint64 visit_id;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO visit (visitor_id, time_in, time_out, centre_code, occupation,"
                            " created_at, updated_at) VALUES (?1, ?2, ?3, 'DEMO', ?4, ?2, ?2)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, when);
      if (rng_chance (rng, 0.6))
        sqlite3_bind_int64 (stmt, 3, when + 1800 + rng_below (rng, 3 * 3600));
      sqlite3_bind_text (stmt, 4, occupation, -1, SQLITE_STATIC);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
      visit_id = last_id (demo);

      for (guint p = 0; p < (rng_chance (rng, 0.3) ? 2u : 1u); p++)
        {
          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                                error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, visit_id);
          sqlite3_bind_text (stmt, 2, p == 0 ? purpose : PICK (rng, purposes), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, when);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
        }

      if (IS_SERVICE (purpose) &&
          rng_chance (rng, 0.3) &&
          !add_consultation (demo, id, visit_id, when, purpose,
                             g_str_equal (occupation, "unemployed_seeking") ||
                             g_str_equal (occupation, "not_seeking"),
                             error))
        return FALSE;
    }

  *out_id = id;
  return TRUE;
}

static gboolean
add_events (Demo    *demo,
            guint    n_events,
            gint64   max_visitor,
            GError **error)
{
  for (guint e = 0; e < n_events; e++)
    {
      const char * const *kind_title = event_titles[rng_below (&demo->rng, G_N_ELEMENTS (event_titles))];
      gint64 starts = visit_time (demo) / 3600 * 3600;
      guint capacity = 20 + 10 * rng_below (&demo->rng, 9);
      guint attendees = 5 + rng_below (&demo->rng, capacity - 4);
      sqlite3_stmt *stmt;
      gint64 event_id;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                            " organiser, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind_title[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind_title[0], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, starts);
      sqlite3_bind_int64 (stmt, 4, starts + 3600 * (1 + rng_below (&demo->rng, 3)));
      sqlite3_bind_text (stmt, 5, rng_chance (&demo->rng, 0.8) ? "Үлкен зал" : "Коворкинг", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, (int) capacity);
      sqlite3_bind_text (stmt, 7, "Жастар орталығы", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, demo->now);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
      event_id = last_id (demo);

      for (guint a = 0; a < attendees; a++)
        {
          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO attendance (event_id, visitor_id, checked_in_at,"
                                " created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3)"
                                " ON CONFLICT DO NOTHING",
                                error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, event_id);
          sqlite3_bind_int64 (stmt, 2, 1 + (gint64) (rng_next (&demo->rng) % (guint64) max_visitor));
          sqlite3_bind_int64 (stmt, 3, starts);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
        }

      /* Open-air events count heads too. */
      if (g_str_equal (kind_title[0], "eco_action"))
        {
          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO attendance (event_id, head_count, checked_in_at,"
                                " created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3)",
                                error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, event_id);
          sqlite3_bind_int (stmt, 2, 10 + (int) rng_below (&demo->rng, 40));
          sqlite3_bind_int64 (stmt, 3, starts);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
jd_demo_generate (JdDb            *db,
                  guint            n_visitors,
                  guint64          seed,
                  gint64           anchor,
                  JdDemoProgress   progress,
                  gpointer         user_data,
                  GError         **error)
{
  g_autoptr(GArray) districts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gint64 last_visitor = 0;
  gboolean ok = FALSE;
  Demo demo = { 0 };
  guint step_every = MAX (n_visitors / 100, 1);
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  stmt = jd_db_prepare (db, "SELECT count(*) FROM visitor", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Demo data goes only into an empty database, so that it never mixes "
                             "with real visitors. Give a new file with --database."));
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = jd_db_prepare (db, "SELECT id FROM district WHERE area = 'city' ORDER BY sort_order", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (districts, id);
    }
  sqlite3_reset (stmt);

  if (anchor <= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                             g_date_time_get_month (now),
                                                             g_date_time_get_day_of_month (now),
                                                             0, 0, 0);
      anchor = g_date_time_to_unix (midnight);
    }

  demo.db = db;
  demo.rng.state = seed;
  demo.anchor = anchor;
  demo.now = anchor;
  demo.districts = districts;
  demo.serials = serials;

  /* A fresh file: if the machine stops midway, the file is thrown away. */
  if (!jd_db_exec (db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", error))
    return FALSE;

  for (guint i = 0; i < n_visitors;)
    {
      if (!jd_db_begin (db, error))
        goto out;

      for (guint j = 0; j < VISITORS_PER_TRANSACTION && i < n_visitors; j++, i++)
        {
          if (!add_visitor (&demo, &last_visitor, error))
            {
              jd_db_rollback (db);
              goto out;
            }
          if (progress != NULL && (i + 1) % step_every == 0)
            progress (i + 1, n_visitors, user_data);
        }

      if (!jd_db_commit (db, error))
        goto out;
    }

  if (n_visitors > 0)
    {
      if (!jd_db_begin (db, error))
        goto out;
      if (!add_events (&demo, MAX (n_visitors / 200, 1), last_visitor, error))
        {
          jd_db_rollback (db);
          goto out;
        }
      if (!jd_db_commit (db, error))
        goto out;
    }

  ok = jd_db_exec (db, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", error);

out:
  jd_db_exec (db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;", NULL);
  return ok;
}
