/* jd-demo-staff.c: the demo centre's staff accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Someone trying the app signs in as each role in turn, with the one
 * password that --demo-data prints. Consultations of the demo are held
 * by the specialist of their service, so private notes follow the same
 * rules as a real centre's.
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-settings.h"

/* Every role, and four specialists who cover the nine services. */
static const JdDemoAccount accounts[] = {
  { "admin", "Сәуле Әкімова", JD_ROLE_ADMINISTRATOR, { NULL } },
  { "manager", "Марат Жұмабаев", JD_ROLE_MANAGER, { NULL } },
  { "reception", "Айгүл Сейітова", JD_ROLE_RECEPTIONIST, { NULL } },
  { "psychologist", "Динара Оспанова", JD_ROLE_SPECIALIST, { "psychological", "health", NULL } },
  { "lawyer", "Ерлан Қасымов", JD_ROLE_SPECIALIST, { "legal", "housing", NULL } },
  { "career", "Анна Ким", JD_ROLE_SPECIALIST, { "career", "employment", NULL } },
  { "mentor", "Дамир Ахметов", JD_ROLE_SPECIALIST, { "entrepreneurship", "education", "other", NULL } },
};

/* What a specialist keeps to themselves. */
static const char * const private_notes[JD_DEMO_N_PRIVATE_NOTES] = {
  "Ұйқысы нашар, емтихан алдында қатты мазасызданады. Келесі жолы қайта сұрау.",
  "Дома конфликт с родителями, просил не звонить на домашний.",
  "Қарызы бар екенін айтудан ұялады; заңгерге жіберу керек пе, ойластыру.",
  "Говорит, что работодатель не платит второй месяц; документы обещал принести.",
  "Ата-анасы ажырасып жатыр, мектепте үлгерімі төмендеген.",
};

const JdDemoAccount *
jd_demo_accounts (guint *n_accounts)
{
  g_return_val_if_fail (n_accounts != NULL, NULL);

  *n_accounts = G_N_ELEMENTS (accounts);
  return accounts;
}

const char *
jd_demo_private_note (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (private_notes), NULL);

  return private_notes[index];
}

static gboolean
add_service (JdDb                *db,
             gint64               staff_id,
             const char          *code,
             gint64               since,
             const char * const  *services,
             guint                n_services,
             gint64              *specialists,
             GError             **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "INSERT INTO staff_service (staff_id, service, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?3)",
                                error);

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, staff_id);
  jd_stmt_bind_text_static (stmt, 2, code);
  jd_stmt_bind_int64 (stmt, 3, since);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_services; i++)
    if (g_str_equal (services[i], code))
      specialists[i] = staff_id;
  return TRUE;
}

gboolean
jd_demo_add_staff (JdDb                *db,
                   const char          *password_hash,
                   gint64               since,
                   const char * const  *services,
                   guint                n_services,
                   gint64              *receptionist,
                   gint64              *specialists,
                   GError             **error)
{
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL && password_hash != NULL, FALSE);
  g_return_val_if_fail (receptionist != NULL && (specialists != NULL || n_services == 0), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      gint64 id;

      stmt = jd_db_prepare (db,
                            "INSERT INTO staff (full_name, login, role, password_hash,"
                            " active, must_change_password, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, 1, 0, ?5, ?5)",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_text_static (stmt, 1, accounts[i].full_name);
      jd_stmt_bind_text_static (stmt, 2, accounts[i].login);
      jd_stmt_bind_text_static (stmt, 3, jd_role_to_code (accounts[i].role));
      jd_stmt_bind_text (stmt, 4, password_hash);
      jd_stmt_bind_int64 (stmt, 5, since);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
      id = jd_db_last_insert_id (db);
      if (accounts[i].role == JD_ROLE_RECEPTIONIST)
        *receptionist = id;

      for (const char * const *code = accounts[i].services; *code != NULL; code++)
        if (!add_service (db, id, *code, since, services, n_services, specialists, error))
          return FALSE;
    }

  /* A name for the centre, unless it has one. */
  stmt = jd_db_prepare (db,
                        "INSERT INTO setting (key, value, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)"
                        " ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text_static (stmt, 1, JD_SETTING_CENTRE_NAME);
  jd_stmt_bind_text_static (stmt, 2, "Жастар орталығы (демо)");
  jd_stmt_bind_int64 (stmt, 3, since);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_services; i++)
    g_return_val_if_fail (specialists[i] != 0, FALSE);
  return TRUE;
}
