/* jd-import-labels.c: the words an import reads, in all three languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file exported on a Russian desk is imported on a Kazakh one and the
 * other way round, so an import cannot read headers and values only in
 * the interface language. Switching the catalogue (setlocale, LANGUAGE,
 * uselocale) for a lookup is not safe while other threads translate, so
 * the Kazakh and Russian words are kept here, copied from po/kk.po and
 * po/ru.po; test-export checks that they still agree with the
 * catalogues, and the interface language's own translation is accepted
 * too, so a changed translation is read either way.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-import-private.h"
#include "jd-text.h"

static const JdImportLabel labels[] = {
  /* Column headers. */
  { NULL, "Surname", "Тегі", "Фамилия" },
  { NULL, "Given name", "Аты", "Имя" },
  { NULL, "Patronymic", "Әкесінің аты", "Отчество" },
  { NULL, "IIN", "ЖСН", "ИИН" },
  { NULL, "Date of birth", "Туған күні", "Дата рождения" },
  { NULL, "Sex", "Жынысы", "Пол" },
  { NULL, "Phone", "Телефон", "Телефон" },
  { NULL, "E-mail", "Эл. пошта", "Эл. почта" },
  { NULL, "District", "Аудан", "Район" },
  { NULL, "Locality", "Елді мекен", "Населённый пункт" },
  { NULL, "Occupation", "Қазіргі жағдайы", "Занятость" },
  { NULL, "Education", "Білім", "Образование" },
  { NULL, "Social categories", "Әлеуметтік санаттар", "Социальные категории" },
  { NULL, "Preferred language", "Қалаған тілі", "Предпочитаемый язык" },
  { NULL, "Consent given by", "Келісім берген", "Согласие дал" },
  { NULL, "Guardian", "Ата-анасы не қорғаншысы", "Родитель или опекун" },
  { NULL, "Guardian’s phone", "Ата-анасының не қорғаншысының телефоны", "Телефон родителя или опекуна" },
  { NULL, "Notes", "Ескертпелер", "Заметки" },
  { NULL, "Registered", "Тіркелген кезі", "Дата регистрации" },
  { NULL, "Consent date", "Келісім күні", "Дата согласия" },
  { NULL, "Line", "Жол", "Строка" },
  { NULL, "Reason", "Себебі", "Причина" },
  /* Occupations. */
  { NULL, "School pupil", "Мектеп оқушысы", "Школьник" },
  { NULL, "College student", "Колледж студенті", "Студент колледжа" },
  { NULL, "University student", "ЖОО студенті", "Студент вуза" },
  { NULL, "Employed", "Жұмыс істейді", "Работает" },
  { NULL, "Self-employed", "Өзін-өзі жұмыспен қамтыған", "Самозанятый" },
  { NULL, "Unemployed, looking for work", "Жұмыссыз, жұмыс іздеп жүр", "Безработный, ищет работу" },
  { NULL, "Not working and not looking for work", "Жұмыс істемейді және іздемейді", "Не работает и не ищет работу" },
  { NULL, "Other", "Басқа", "Другое" },
  /* Education levels. */
  { NULL, "Primary school", "Бастауыш мектеп", "Начальная школа" },
  { NULL, "Basic secondary (9 grades)", "Негізгі орта (9 сынып)", "Основное среднее (9 классов)" },
  { NULL, "General secondary (11 grades)", "Жалпы орта (11 сынып)", "Общее среднее (11 классов)" },
  { NULL, "Technical and vocational (college)", "Техникалық және кәсіптік (колледж)", "Техническое и профессиональное (колледж)" },
  { NULL, "Incomplete higher", "Аяқталмаған жоғары", "Неоконченное высшее" },
  { NULL, "Higher (bachelor’s or specialist)", "Жоғары (бакалавр немесе маман)", "Высшее (бакалавр или специалист)" },
  { NULL, "Postgraduate (master’s or doctorate)", "Жоғары оқу орнынан кейінгі (магистратура, докторантура)", "Послевузовское (магистратура, докторантура)" },
  { NULL, "No school completed", "Мектепті бітірмеген", "Школа не окончена" },
  /* Social categories. */
  { NULL, "Disability", "Мүгедектігі бар", "Инвалидность" },
  { NULL, "Orphan or left without parental care", "Жетім немесе ата-ана қамқорлығынсыз қалған", "Сирота или оставшийся без попечения родителей" },
  { NULL, "From a large family", "Көпбалалы отбасынан", "Из многодетной семьи" },
  { NULL, "Low-income family", "Аз қамтылған отбасы", "Малообеспеченная семья" },
  { NULL, "Single-parent family", "Толық емес отбасы", "Неполная семья" },
  { NULL, "Young family", "Жас отбасы", "Молодая семья" },
  { NULL, "Kandas (ethnic Kazakh who returned)", "Қандас", "Кандас" },
  { NULL, "Other vulnerable group", "Басқа әлеуметтік осал топ", "Другая уязвимая группа" },
  /* Values of other columns. */
  { NULL, "Kazakh", "Қазақ тілі", "Казахский" },
  { NULL, "Russian", "Орыс тілі", "Русский" },
  { NULL, "yes", "иә", "да" },
  { NULL, "no", "жоқ", "нет" },
  { NULL, "parent or guardian", "ата-анасы не қорғаншысы", "родитель или опекун" },
  { NULL, "self", "өзі", "сам" },
  { "sex", "Female", "Әйел", "Женский" },
  { "sex", "Male", "Ер", "Мужской" },
};

const JdImportLabel *
jd_import_labels (guint *n_labels)
{
  *n_labels = G_N_ELEMENTS (labels);
  return labels;
}

/* Case, spaces and punctuation do not matter in headers and values. */
char *
jd_import_normalize (const char *text)
{
  g_autofree char *folded = jd_text_fold (text ? text : "");
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
same (const char *key,
      const char *text)
{
  g_autofree char *normal = jd_import_normalize (text);

  return g_str_equal (key, normal);
}

/**
 * jd_import_label_matches:
 * @context: (nullable): the message context of @english, the context that pgettext takes
 * @english: an untranslated label (a msgid)
 * @key: a text as normalised by jd_import_normalize()
 *
 * Whether @key is @english, its Kazakh or Russian words, or its
 * translation in the interface language.
 */
gboolean
jd_import_label_matches (const char *context,
                         const char *english,
                         const char *key)
{
  if (*key == '\0')
    return FALSE;
  if (same (key, english) ||
      same (key, context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, english)
                                 : g_dgettext (GETTEXT_PACKAGE, english)))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].context, context) == 0 && g_str_equal (labels[i].english, english))
      return same (key, labels[i].kk) || same (key, labels[i].ru);
  return FALSE;
}
