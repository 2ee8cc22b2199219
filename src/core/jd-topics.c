/* jd-topics.c: what a write touched, as JdStore::changed reports it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-topics"

#include "config.h"

#include <string.h>

#include "jd-topics.h"

GType
jd_topics_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { JD_TOPIC_VISITORS, "JD_TOPIC_VISITORS", "visitors" },
        { JD_TOPIC_VISITS, "JD_TOPIC_VISITS", "visits" },
        { JD_TOPIC_QUEUE, "JD_TOPIC_QUEUE", "queue" },
        { JD_TOPIC_CONSULTATIONS, "JD_TOPIC_CONSULTATIONS", "consultations" },
        { JD_TOPIC_EVENTS, "JD_TOPIC_EVENTS", "events" },
        { JD_TOPIC_SETTINGS, "JD_TOPIC_SETTINGS", "settings" },
        { JD_TOPIC_STAFF, "JD_TOPIC_STAFF", "staff" },
        { 0, NULL, NULL },
      };
      GType id = g_flags_register_static (g_intern_static_string ("JdTopics"), values);

      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

/* Every table of the schema. A new table belongs here too: until it
 * is, a write to it reports everything (test-store checks the list
 * against the schema). */
static const struct
{
  const char *table;
  JdTopics    topics;
} tables[] = {
  { "visitor", JD_TOPIC_VISITORS },
  { "visitor_category", JD_TOPIC_VISITORS },
  { "visitor_token", JD_TOPIC_VISITORS },
  { "visitor_pair", JD_TOPIC_VISITORS },
  { "consent", JD_TOPIC_VISITORS },
  /* The trigram index and the tables it keeps its rows in. */
  { "visitor_fts", JD_TOPIC_VISITORS },
  { "visitor_fts_data", JD_TOPIC_VISITORS },
  { "visitor_fts_idx", JD_TOPIC_VISITORS },
  { "visitor_fts_content", JD_TOPIC_VISITORS },
  { "visitor_fts_docsize", JD_TOPIC_VISITORS },
  { "visitor_fts_config", JD_TOPIC_VISITORS },
  { "visit", JD_TOPIC_VISITS },
  { "visit_purpose", JD_TOPIC_VISITS },
  { "visit_summary", JD_TOPIC_VISITS },
  { "visitor_month", JD_TOPIC_VISITS },
  { "month_total", JD_TOPIC_VISITS },
  { "queue_entry", JD_TOPIC_QUEUE },
  { "consultation", JD_TOPIC_CONSULTATIONS },
  { "event", JD_TOPIC_EVENTS },
  { "attendance", JD_TOPIC_EVENTS },
  { "setting", JD_TOPIC_SETTINGS },
  { "time_zone_offset", JD_TOPIC_SETTINGS },
  /* The district list is part of the centre's set-up, not of anyone's
   * record. */
  { "district", JD_TOPIC_SETTINGS },
  { "staff", JD_TOPIC_STAFF },
  { "staff_service", JD_TOPIC_STAFF },
  /* Who did what: shown by no screen that refreshes. */
  { "audit", JD_TOPIC_NONE },
  /* SQLite's own (ANALYZE, AUTOINCREMENT). */
  { "sqlite_stat1", JD_TOPIC_NONE },
  { "sqlite_stat4", JD_TOPIC_NONE },
  { "sqlite_sequence", JD_TOPIC_NONE },
};

/* Called for every row written, so a look-up in a table made once
 * rather than a walk through the list, which cost twice as much. The
 * values are the topics + 1, so that JD_TOPIC_NONE is not taken for
 * a miss. */
static GHashTable *
table_topics (void)
{
  static GHashTable *topics;

  if (g_once_init_enter (&topics))
    {
      GHashTable *made = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        g_hash_table_insert (made, (gpointer) tables[i].table,
                             GUINT_TO_POINTER (tables[i].topics + 1));
      g_once_init_leave (&topics, made);
    }
  return topics;
}

JdTopics
jd_topics_for_table (const char *table)
{
  guint found;

  g_return_val_if_fail (table != NULL, JD_TOPIC_ALL);

  found = GPOINTER_TO_UINT (g_hash_table_lookup (table_topics (), table));
  if (found != 0)
    return found - 1;

  /* Another table of the trigram index's (FTS5 may add some). */
  if (g_str_has_prefix (table, "visitor_fts"))
    return JD_TOPIC_VISITORS;

  return JD_TOPIC_ALL;
}
