/* jd-demo.c: a synthetic centre, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything comes from one seeded generator (splitmix64), so the same
 * seed and anchor give the same rows on any machine. Rows go in through
 * prepared statements in one transaction, with synchronous=OFF, a big
 * page cache and a rollback journal while the file is being made (all
 * restored after); the search index is written as an import writes it
 * (words gathered and written in order), and indexes whose entries go
 * to random places are made again at the end. Dates are counted in
 * days from the anchor (Kazakhstan keeps no summer time), never through
 * the time zone database, which GLib would read again on every call.
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-event-private.h"
#include "jd-search.h"
#include "jd-text.h"
#include "jd-validate.h"

#define DAY 86400
#define MAX_VISITS 24
/* Visitors indexed for search together (see index_visitors ()). */
#define INDEX_BATCH 20000

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
static const char * const employers[] = {
  "ТОО «Алматы Сервис»", "АО «Kaspi Bank»", "ИП Жұмабаев", "ТОО «Green Almaty»",
  "Magnum Cash&Carry", "ТОО «Tech Garden»", "Коммунальное предприятие «Алматы Тазалық»",
  "Кофейня «Coffee Boom»", "ТОО «Almaty Logistics»", "ИП «Шеберхана»", "Small Supermarket",
  "АО «Алматы Электр Желілері»",
};

typedef struct
{
  const char *kind;
  const char *title;
  guint       sessions;   /* weekly sessions of one series */
} EventKind;

static const EventKind event_kinds[] = {
  { "lecture", "Дәріс: Қаржылық сауаттылық", 1 },
  { "lecture", "Лекция: Как составить резюме", 1 },
  { "seminar", "Семинар «Бизнес бастау»", 1 },
  { "seminar", "Семинар: Otbasy bank и жильё для молодых семей", 1 },
  { "masterclass", "Мастер-класс по мобильной фотографии", 1 },
  { "masterclass", "Шеберлік сабағы: SMM негіздері", 1 },
  { "course", "Курс английского языка", 8 },
  { "course", "IT курсы: Python негіздері", 6 },
  { "eco_action", "Экоакция «Таза Алматы»", 1 },
  { "tournament", "Турнир по мини-футболу", 1 },
  { "tournament", "Шахмат турнирі", 1 },
  { "quiz", "Интеллектуальная игра «Брейн-ринг»", 1 },
  { "meeting", "Встреча с работодателями", 1 },
  { "club", "Разговорный клуб «Qazaq tili»", 4 },
  { "other", "Күн ашық есік: орталықпен танысу", 1 },
};

/* Purposes weighted by how often people come for them. */
static const char * const purposes[] = {
  "employment", "employment", "employment", "career", "career", "psychological",
  "psychological", "legal", "event", "event", "course", "course", "entrepreneurship",
  "education", "housing", "health", "coworking", "coworking", "leisure", "other",
};

typedef struct
{
  const char *service;
  const char *topics[3];
} Service;

/* Topic codes of jd_consultation_topics(), the most common first. */
static const Service services[] = {
  { "legal", { "labour", "housing", "documents" } },
  { "psychological", { "anxiety", "family_conflict", "relationships" } },
  { "career", { "profession", "cv", "interview" } },
  { "employment", { "enbek", "vacancies", "first_job" } },
  { "entrepreneurship", { "grants", "plan", "registration" } },
  { "housing", { "otbasy", "rent", "queue" } },
  { "education", { "grants", "college", "courses" } },
  { "health", { "lifestyle", "prevention", "sport" } },
  { "other", { "volunteering", "information", "other" } },
};

static const char * const referrals[] = {
  "enbek", "first_job", "youth_practice", "business_bastau", "otbasy", "youth_health",
  "course", "psychologist", "social_services", "other",
};

static const Service *
find_service (const char *purpose)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (services[i].service, purpose))
      return &services[i];

  return NULL;
}

static gboolean
is_neet (const char *occupation)
{
  return g_str_equal (occupation, "unemployed_seeking") || g_str_equal (occupation, "not_seeking");
}

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

typedef struct
{
  JdDb       *db;
  Rng         rng;
  gint64      anchor;           /* local midnight starting the anchor day */
  GDate       anchor_day;
  int         anchor_weekday;   /* 1 Monday … 7 Sunday */
  GArray     *districts;        /* gint64 ids of Almaty's districts */
  GHashTable *serials;
  GArray     *people;           /* Registered: each visitor's id and registration */
  const char *password_hash;    /* of JD_DEMO_PASSWORD, for every account */
  gint64      receptionist;     /* checks people in */
  gint64      specialist[G_N_ELEMENTS (services)];  /* who holds each service */
  GPtrArray  *unindexed;        /* JdSearchKeys of the visitors not indexed yet */
  GArray     *unindexed_ids;    /* and their ids */
} Demo;

typedef struct
{
  gint64 id;
  gint64 created;
} Registered;

static gint64
last_id (Demo *demo)
{
  return sqlite3_last_insert_rowid (jd_db_get_handle (demo->db));
}

/* Days from the anchor day to the day of @when (negative before). */
static int
day_of (Demo   *demo,
        gint64  when)
{
  gint64 seconds = when - demo->anchor;

  return (int) (seconds >= 0 ? seconds / DAY : -((-seconds + DAY - 1) / DAY));
}

/* 'YYYY-MM-DD' of the day @offset days from the anchor day. */
static void
format_day (Demo *demo,
            int   offset,
            char  text[11])
{
  GDate day = demo->anchor_day;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);

  g_snprintf (text, 11, "%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day));
}

/* The age on the day @offset days from the anchor day of someone born
 * on @birth, counted as JD_SQL_AGE_AT () counts it. */
static int
age_on (Demo        *demo,
        const GDate *birth,
        int          offset)
{
  GDate day = demo->anchor_day;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);

  return ((int) (g_date_get_year (&day) * 10000 + g_date_get_month (&day) * 100 + g_date_get_day (&day)) -
          (int) (g_date_get_year (birth) * 10000 + g_date_get_month (birth) * 100 + g_date_get_day (birth))) /
         10000;
}

/* A time on one of the @days days up to the anchor day (the anchor day
 * included), mostly on weekdays and between 10 and 18. */
static gint64
visit_time (Demo *demo,
            guint days)
{
  for (;;)
    {
      guint day = rng_below (&demo->rng, days);
      int weekday = ((demo->anchor_weekday - 1 - (int) (day % 7)) + 7) % 7 + 1;
      int hour = 9 + (int) rng_below (&demo->rng, 5) + (int) rng_below (&demo->rng, 6);

      /* Open at weekends too, but quieter. */
      if (weekday >= 6 && rng_chance (&demo->rng, 0.7))
        continue;

      return demo->anchor - (gint64) day * DAY + hour * 3600 + rng_below (&demo->rng, 3600);
    }
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  gint64       id;           /* 0: anonymous */
  gboolean     male;
  int          age;
  const char  *occupation;
} Person;

/* A consultation on a visit; TRUE in @placed when a NEET visitor found
 * a job through it. */
static gboolean
add_consultation (Demo          *demo,
                  const Person  *person,
                  gint64         visit_id,
                  gint64         when,
                  const char    *purpose,
                  gboolean      *placed,
                  GError       **error)
{
  Rng *rng = &demo->rng;
  const Service *service = find_service (purpose);
  const char *outcome, *referral = NULL;
  char follow_up[11] = { 0 };
  char placement_start[11] = { 0 };
  const char *employer = NULL;
  gboolean anonymous;
  sqlite3_stmt *stmt;
  guint r = rng_below (rng, 100);

  if (service == NULL || rng_chance (rng, 0.04))
    service = &services[G_N_ELEMENTS (services) - 1];  /* other */

  outcome = r < 50 ? "resolved" : r < 70 ? "referred" : r < 90 ? "follow_up" : "no_show";
  if (g_str_equal (outcome, "referred"))
    referral = g_str_equal (service->service, "employment") ? (rng_chance (rng, 0.6) ? "enbek" : "first_job")
             : g_str_equal (service->service, "entrepreneurship") ? "business_bastau"
             : g_str_equal (service->service, "housing") ? "otbasy"
             : g_str_equal (service->service, "psychological") ? "psychologist"
             : PICK (rng, referrals);
  if (g_str_equal (outcome, "follow_up"))
    format_day (demo, day_of (demo, when) + 7 + (int) rng_below (rng, 21), follow_up);

  /* Young people without work placed in jobs: what the city counts. */
  *placed = FALSE;
  if (is_neet (person->occupation) && g_str_equal (service->service, "employment") &&
      !g_str_equal (outcome, "no_show") && rng_chance (rng, 0.3))
    {
      format_day (demo, day_of (demo, when) + 3 + (int) rng_below (rng, 20), placement_start);
      employer = PICK (rng, employers);
      *placed = TRUE;
    }

  /* Some come to the psychologist or the lawyer without giving a name. */
  anonymous = !*placed &&
              (g_str_equal (service->service, "psychological") || g_str_equal (service->service, "legal")) &&
              rng_chance (rng, 0.1);

  /* Held, and written down, by the specialist of the service. */
  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, visit_id,"
                        " service, topic, started_at, duration_min, format, summary, outcome,"
                        " referral, follow_up_on, placement_employer, placement_kind, placement_start,"
                        " created_at, updated_at, specialist_id, private_note, created_by, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                        " ?17, ?17, ?18, ?19, ?18, ?18)",
                        error);
  if (stmt == NULL)
    return FALSE;

  if (anonymous)
    {
      sqlite3_bind_text (stmt, 2, person->male ? "male" : "female", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, jd_age_band (person->age), -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, person->id);
      sqlite3_bind_int64 (stmt, 4, visit_id);
    }
  sqlite3_bind_text (stmt, 5, service->service, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, PICK (rng, service->topics), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, when + 600);
  sqlite3_bind_int (stmt, 8, 15 + 5 * (int) rng_below (rng, 16));
  sqlite3_bind_text (stmt, 9, rng_chance (rng, 0.85) ? "in_person" :
                              rng_chance (rng, 0.5) ? "phone" : "online", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, "Demo", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, outcome, -1, SQLITE_STATIC);
  if (referral != NULL)
    sqlite3_bind_text (stmt, 12, referral, -1, SQLITE_STATIC);
  if (follow_up[0] != '\0')
    sqlite3_bind_text (stmt, 13, follow_up, -1, SQLITE_TRANSIENT);
  if (employer != NULL)
    {
      sqlite3_bind_text (stmt, 14, employer, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 15, rng_chance (rng, 0.7) ? "permanent" : "temporary", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 16, placement_start, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 17, when + 600);
  sqlite3_bind_int64 (stmt, 18, demo->specialist[service - services]);
  /* The psychologist keeps notes most; the others now and then. */
  if (rng_chance (rng, g_str_equal (service->service, "psychological") ? 0.5 : 0.1))
    sqlite3_bind_text (stmt, 19, jd_demo_private_note (rng_below (rng, JD_DEMO_N_PRIVATE_NOTES)), -1,
                       SQLITE_STATIC);

  return jd_db_step_done (demo->db, stmt, error);
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

static gboolean
add_visitor (Demo    *demo,
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
  char birth_text[11], consent_day[11];
  const char *given, *occupation;
  gint64 visits[MAX_VISITS];
  gint64 created, earliest, district = 0;
  GDate birth, fourteen;
  sqlite3_stmt *stmt;
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
    visits[v] = visit_time (demo, (guint) MIN (365, 1 - first_day));
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
  format_day (demo, day_of (demo, created), consent_day);
  {
    GDate registered = demo->anchor_day;
    int offset = day_of (demo, created);

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

  sqlite3_bind_text (stmt, 1, surname, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, given, -1, SQLITE_STATIC);
  if (patronymic != NULL)
    sqlite3_bind_text (stmt, 3, patronymic, -1, SQLITE_STATIC);
  if (iin != NULL)
    sqlite3_bind_text (stmt, 4, iin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, birth_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, male ? "male" : "female", -1, SQLITE_STATIC);
  if (phone != NULL)
    sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_STATIC);
  /* A district of Almaty (none when a centre has removed them all). */
  if (demo->districts->len > 0)
    {
      district = g_array_index (demo->districts, gint64, rng_below (rng, demo->districts->len));
      sqlite3_bind_int64 (stmt, 8, district);
    }
  sqlite3_bind_text (stmt, 9, occupation, -1, SQLITE_STATIC);
  if (rng_chance (rng, 0.9))
    sqlite3_bind_text (stmt, 10, pick_education (rng, age, occupation), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, kazakh || rng_chance (rng, 0.15) ? "kk" : "ru", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, created);
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
  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                        " guardian_name, guardian_phone, created_at, updated_at)"
                        " VALUES (?1, '2026-1', ?2, ?3, ?4, ?5, ?6, ?6)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person.id);
  sqlite3_bind_text (stmt, 2, consent_day, -1, SQLITE_STATIC);
  if (age_registered < 18)
    {
      g_autofree char *guardian = g_strconcat (surname, " ",
                                               kazakh ? PICK (rng, kk_female) : PICK (rng, ru_female),
                                               NULL);
      g_autofree char *guardian_phone = mobile (rng);

      sqlite3_bind_text (stmt, 3, "guardian", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, guardian, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, guardian_phone, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_text (stmt, 3, "self", -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 6, created);
  if (!jd_db_step_done (demo->db, stmt, error))
    return FALSE;

  /* Indexed later, with others (see index_visitors ()). */
  g_ptr_array_add (demo->unindexed, jd_search_keys_new (surname, given, patronymic, phone, iin));
  g_array_append_val (demo->unindexed_ids, person.id);

  for (guint v = 0; v < n_visits; v++)
    {
      gint64 when = visits[v];
      const char *purpose = PICK (rng, purposes);
      gboolean placed = FALSE;
      gint64 visit_id;

      /* The sex, age and district the visit's trigger takes from the
       * visitor, given here: the same values, so the trigger's update
       * does not move the visit in the statistics' summary. */
      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO visit (visitor_id, time_in, time_out, centre_code, occupation,"
                            " staff_id, created_at, updated_at, sex, age, district_id)"
                            " VALUES (?1, ?2, ?3, 'DEMO', ?4, ?5, ?2, ?2, ?6, ?7, ?8)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person.id);
      sqlite3_bind_int64 (stmt, 2, when);
      if (rng_chance (rng, 0.6))
        sqlite3_bind_int64 (stmt, 3, when + 1800 + rng_below (rng, 3 * 3600));
      /* The occupation when they came, which a job found changes. */
      sqlite3_bind_text (stmt, 4, person.occupation, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, demo->receptionist);
      sqlite3_bind_text (stmt, 6, male ? "male" : "female", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, age_on (demo, &birth, day_of (demo, when)));
      if (district != 0)
        sqlite3_bind_int64 (stmt, 8, district);
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

      /* One visit in three for a service ends in a consultation. */
      if (find_service (purpose) != NULL && rng_chance (rng, 0.3) &&
          !add_consultation (demo, &person, visit_id, when, purpose, &placed, error))
        return FALSE;

      if (placed)
        person.occupation = "employed";
    }

  if (person.occupation != occupation)
    {
      stmt = jd_db_prepare (demo->db,
                            "UPDATE visitor SET occupation = ?2, updated_at = ?3 WHERE id = ?1",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person.id);
      sqlite3_bind_text (stmt, 2, person.occupation, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, visits[n_visits - 1]);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  *out_id = person.id;
  return TRUE;
}

/* People checked in to a past event the way the app does it: the
 * check-in is the person's visit of that day, found or made
 * (jd_event_visit_for_day ()). Only people registered by then come. */
static gboolean
add_attendance (Demo    *demo,
                gint64   event_id,
                gint64   starts,
                guint    capacity,
                GError **error)
{
  guint attendees = 5 + rng_below (&demo->rng, capacity - 4);

  for (guint a = 0; a < attendees; a++)
    {
      const Registered *person = &g_array_index (demo->people, Registered,
                                                 rng_below (&demo->rng, demo->people->len));
      gint64 at = starts - rng_below (&demo->rng, 900);
      gint64 day_start = demo->anchor + (gint64) day_of (demo, at) * DAY;
      sqlite3_stmt *stmt;
      gint64 visit;

      if (person->created > at)
        continue;

      visit = jd_event_visit_for_day (demo->db, person->id, day_start, day_start + DAY, at,
                                      demo->receptionist, "DEMO", at, error);
      if (visit == 0)
        return FALSE;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO attendance (event_id, visitor_id, visit_id, checked_in_at,"
                            " staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?4)"
                            " ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, event_id);
      sqlite3_bind_int64 (stmt, 2, person->id);
      sqlite3_bind_int64 (stmt, 3, visit);
      sqlite3_bind_int64 (stmt, 4, at);
      sqlite3_bind_int64 (stmt, 5, demo->receptionist);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* About five events per thousand visitors; courses and clubs as weekly
 * series sharing the id of their first session. */
static gboolean
add_events (Demo    *demo,
            guint    n_events,
            GError **error)
{
  for (guint e = 0; e < n_events;)
    {
      const EventKind *kind = &event_kinds[rng_below (&demo->rng, G_N_ELEMENTS (event_kinds))];
      gint64 starts = visit_time (demo, 365) / 3600 * 3600;
      guint capacity = 20 + 10 * rng_below (&demo->rng, 9);
      guint hours = 1 + rng_below (&demo->rng, 3);
      const char *place = rng_chance (&demo->rng, 0.8) ? "Үлкен зал" : "Коворкинг";
      gint64 series_id = 0;

      /* A series runs weekly back from its start, within the year. */
      for (guint s = 0; s < kind->sessions && e < n_events; s++, e++)
        {
          gint64 at = starts - (gint64) (kind->sessions - 1 - s) * 7 * DAY;
          sqlite3_stmt *stmt;
          gint64 event_id;

          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                                " organiser, series_id, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                                error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, kind->title, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, kind->kind, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, at);
          sqlite3_bind_int64 (stmt, 4, at + 3600 * hours);
          sqlite3_bind_text (stmt, 5, place, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 6, (int) capacity);
          sqlite3_bind_text (stmt, 7, "Жастар орталығы", -1, SQLITE_STATIC);
          if (series_id != 0)
            sqlite3_bind_int64 (stmt, 8, series_id);
          sqlite3_bind_int64 (stmt, 9, at - 14 * DAY);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
          event_id = last_id (demo);
          if (kind->sessions > 1 && series_id == 0)
            series_id = event_id;

          if (!add_attendance (demo, event_id, at, capacity, error))
            return FALSE;

          /* Open-air events count heads too. */
          if (g_str_equal (kind->kind, "eco_action"))
            {
              stmt = jd_db_prepare (demo->db,
                                    "INSERT INTO attendance (event_id, head_count, checked_in_at,"
                                    " created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3)",
                                    error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, event_id);
              sqlite3_bind_int (stmt, 2, 10 + (int) rng_below (&demo->rng, 40));
              sqlite3_bind_int64 (stmt, 3, at);
              if (!jd_db_step_done (demo->db, stmt, error))
                return FALSE;
            }
        }
    }

  /* And a calendar ahead: the next four weeks, nobody checked in yet. */
  for (guint e = 0; e < MAX (3, n_events * 28 / 365); e++)
    {
      const EventKind *kind = &event_kinds[rng_below (&demo->rng, G_N_ELEMENTS (event_kinds))];
      gint64 at = demo->anchor + (gint64) (1 + rng_below (&demo->rng, 28)) * DAY +
                  (10 + (gint64) rng_below (&demo->rng, 8)) * 3600;
      sqlite3_stmt *stmt;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                            " organiser, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, kind->kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, at);
      sqlite3_bind_int64 (stmt, 4, at + 2 * 3600);
      sqlite3_bind_text (stmt, 5, rng_chance (&demo->rng, 0.8) ? "Үлкен зал" : "Коворкинг", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, (int) (20 + 10 * rng_below (&demo->rng, 9)));
      sqlite3_bind_text (stmt, 7, "Жастар орталығы", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, demo->anchor);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (JdDb        *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when the journal mode is now @mode. */
static gboolean
set_journal_mode (JdDb       *db,
                  const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, NULL);
  gboolean done = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    done = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), mode) == 0;
  sqlite3_reset (stmt);
  return done;
}

/* The accounts of jd_demo_accounts (), signed up three years before the
 * anchor; who checks people in and who holds each service. */
static gboolean
add_staff (Demo    *demo,
           GError **error)
{
  const char *codes[G_N_ELEMENTS (services)];

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    codes[i] = services[i].service;

  return jd_demo_add_staff (demo->db, demo->password_hash, demo->anchor - 3 * 365 * DAY,
                            codes, G_N_ELEMENTS (codes), &demo->receptionist, demo->specialist,
                            error);
}

/* The search index of the visitors added since the last call, written
 * one after the other. A statement that may need undoing halfway (a
 * visit's, through its triggers) makes the substring index (FTS5) write
 * out what it holds as a new piece; indexed with every visitor, that was
 * a piece per visitor and most of the time went in merging them. The
 * words go to jd_search_bulk_begin ()'s store, written in order. */
static gboolean
index_visitors (Demo    *demo,
                GError **error)
{
  for (guint i = 0; i < demo->unindexed->len; i++)
    if (!jd_search_index_keys (demo->db, g_array_index (demo->unindexed_ids, gint64, i),
                               demo->unindexed->pdata[i], error))
      return FALSE;

  g_ptr_array_set_size (demo->unindexed, 0);
  g_array_set_size (demo->unindexed_ids, 0);
  return TRUE;
}

static gboolean
generate (Demo            *demo,
          guint            n_visitors,
          JdDemoProgress   progress,
          gpointer         user_data,
          GError         **error)
{
  /* Each visitor's entries in these go anywhere in the index. */
  static const char * const scattered_indexes[] = {
    "visitor_name_key", "visitor_phone", "visitor_created", "visitor_list", "visitor_token_visitor",
    "visit_time_in", "visit_stats", "consultation_started", "consultation_stats", NULL
  };
  JdDb *db = demo->db;
  g_autoptr(GPtrArray) dropped = NULL;
  guint step_every = MAX (n_visitors / 100, 1);
  gint64 n_existing = 0;

  /* The check and every write are one transaction, taken for writing
   * before the check: an import that began first is waited for (up to
   * the busy timeout) and its visitors are then seen, and nobody can
   * add any until the demo is complete. */
  if (!jd_db_begin (db, error))
    return FALSE;
  if (!query_int (db, "SELECT (SELECT count(*) FROM visitor) + (SELECT count(*) FROM staff)",
                  &n_existing, error))
    goto fail;
  if (n_existing > 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Demo data goes only into an empty database, so that it never mixes "
                             "with real visitors. Give a new file with --database."));
      goto fail;
    }

  if (!add_staff (demo, error))
    goto fail;

  /* Indexes whose entries would go to random places are made again at
   * the end, which sorts them once. */
  dropped = jd_db_drop_indexes (db, scattered_indexes, error);
  if (dropped == NULL)
    goto fail;
  jd_search_bulk_begin (db);

  for (guint i = 0; i < n_visitors; i++)
    {
      gint64 id;

      if (!add_visitor (demo, &id, error))
        goto fail;
      if (demo->unindexed->len >= INDEX_BATCH && !index_visitors (demo, error))
        goto fail;
      if (progress != NULL && ((i + 1) % step_every == 0 || i + 1 == n_visitors))
        progress (i + 1, n_visitors, user_data);
    }

  if (!index_visitors (demo, error))
    goto fail;

  if (n_visitors > 0 && !add_events (demo, MAX (n_visitors / 200, 1), error))
    goto fail;
  if (!jd_search_bulk_end (db, TRUE, error) ||
      !jd_db_restore_indexes (db, dropped, error))
    goto fail;
  if (!jd_db_commit (db, error))
    return FALSE;

  if (n_visitors == 0)
    return TRUE;

  /* One piece of substring index instead of the many that bulk inserts
   * leave, and statistics for the query planner from a sample of each
   * index. */
  return jd_search_optimize (db, error) &&
         jd_db_exec (db, "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0;", error);

fail:
  jd_search_bulk_end (db, FALSE, NULL);
  jd_db_rollback (db);
  return FALSE;
}

/**
 * jd_demo_generate:
 * @n_visitors: how many visitors (about 3 visits, 0.5 consultations each)
 * @seed: the same seed and @anchor give the same rows
 * @anchor: Unix seconds in the last day of the data (0: now)
 * @progress: (nullable): told about every percent
 *
 * Fills an empty database with a synthetic centre. Refuses a database
 * that already has visitors (%JD_DB_ERROR_CONSTRAINT).
 */
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
  g_autoptr(GDateTime) anchor_dt = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (Registered));
  g_autoptr(GPtrArray) unindexed = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_search_keys_free);
  g_autoptr(GArray) unindexed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *restore = NULL;
  g_autofree char *password_hash = NULL;
  sqlite3_stmt *stmt;
  gint64 synchronous = 1, cache_size = -2000;
  gboolean ok, rollback_mode;
  Demo demo = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  password_hash = jd_password_hash (JD_DEMO_PASSWORD, error);
  if (password_hash == NULL)
    return FALSE;

  stmt = jd_db_prepare (db, "SELECT id FROM district WHERE code LIKE 'almaty-%' ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (districts, id);
    }
  sqlite3_reset (stmt);

  /* The time zone is read once, here. */
  {
    /* The centre's day, whatever the machine's zone. */
    GTimeZone *tz = jd_db_get_time_zone (db);
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (anchor > 0 ? anchor : jd_db_now ());

    anchor_dt = g_date_time_to_timezone (utc, tz);
    midnight = g_date_time_new (tz, g_date_time_get_year (anchor_dt),
                                g_date_time_get_month (anchor_dt),
                                g_date_time_get_day_of_month (anchor_dt), 0, 0, 0);
  }

  demo.db = db;
  demo.rng.state = seed;
  demo.anchor = g_date_time_to_unix (midnight);
  g_date_clear (&demo.anchor_day, 1);
  g_date_set_dmy (&demo.anchor_day, g_date_time_get_day_of_month (midnight),
                  g_date_time_get_month (midnight), g_date_time_get_year (midnight));
  demo.anchor_weekday = g_date_time_get_day_of_week (midnight);
  demo.districts = districts;
  demo.serials = serials;
  demo.people = people;
  demo.unindexed = unindexed;
  demo.unindexed_ids = unindexed_ids;
  demo.password_hash = password_hash;

  /* A new file: if the machine stops midway, it is thrown away, so the
   * writes need not reach the disk one by one. */
  if (!query_int (db, "PRAGMA synchronous", &synchronous, error) ||
      !query_int (db, "PRAGMA cache_size", &cache_size, error) ||
      !jd_db_exec (db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", error))
    return FALSE;

  /* Alone with the file, it goes without the write-ahead log while it
   * is filled: a transaction of gigabytes in the log is written twice
   * (the log, then the checkpoint) and every page read from it is
   * looked up through an index of the log that grows with it. A new,
   * empty file keeps next to nothing in the rollback journal, so it is
   * still all or nothing. With another connection open the mode stays
   * (the switch needs the file to itself). */
  rollback_mode = set_journal_mode (db, "delete");

  ok = generate (&demo, n_visitors, progress, user_data, error);

  if (rollback_mode && !set_journal_mode (db, "wal") && ok)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED, "could not go back to the write-ahead log");
      ok = FALSE;
    }

  restore = g_strdup_printf ("PRAGMA synchronous = %" G_GINT64_FORMAT ";"
                             " PRAGMA cache_size = %" G_GINT64_FORMAT ";"
                             " PRAGMA wal_checkpoint(TRUNCATE);",
                             synchronous, cache_size);
  if (!jd_db_exec (db, restore, ok ? error : NULL))
    ok = FALSE;

  return ok;
}
