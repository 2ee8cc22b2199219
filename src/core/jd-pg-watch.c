/* jd-pg-watch.c: a centre server's notifications, and a server that
 * goes away
 *
 * The server sends NOTIFY jd_changes with a table's name for every
 * committed write (jd-pg-schema.c); a second connection of the desk
 * LISTENs, and its socket is watched on the main context, so the
 * store hears of other desks' commits with the topics of the tables
 * they wrote (jd-topics.c).
 *
 * This desk's own commits are told as a file's are: at once, from the
 * thread that wrote. The main connection LISTENs too, and a session
 * gets its own notifications before the server says the COMMIT is
 * done, so they are in libpq's hands when the statement returns. A
 * libpq event procedure on the main connection reads them as the
 * result of each statement is let go (PQclear) outside a transaction,
 * keeps those sent by its own server process and hands their topics
 * to the watch's function; the listening connection leaves those out.
 *
 * The same connection tells when the server goes away: its socket
 * closes. So does any statement of the main connection that finds the
 * connection gone (jd_pg_set_lost_func()). The watch then says LOST and
 * tries again after 1, 2, 5, then every 10 seconds (RECONNECTING while
 * it tries): the listening connection is made without blocking; once
 * the server answers it, the main connection is made again
 * (jd_pg_reconnect(), which forgets the prepared statements). Back
 * ONLINE, everything is told as changed, since anything may have been
 * written meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db-watch"

#include "config.h"

#include <glib-unix.h>
#include <libpq-events.h>

#include "jd-pg-private.h"
#include "jd-pg-watch.h"

/* As jd_pg_open()'s: the connect timeout, in seconds. */
#define CONNECT_TIMEOUT_S 10

/* What the main connection's event procedure shares with the watch.
 * libpq keeps the pointer in the connection and in each of its results,
 * which may outlive both the watch and the connection: it is counted,
 * one for the connection and one for each result, and the watch only
 * borrows it. */
typedef struct
{
  gatomicrefcount  refs;
  GMutex           lock;
  JdPgWatch       *watch;   /* NULL while nobody watches */
  PGconn          *conn;    /* NULL once the connection is closed */
} OwnNotes;

struct _JdPgWatch
{
  JdDb               *db;          /* borrowed: outlives the watch */
  JdDbWatchFunc       func;
  gpointer            user_data;
  JdDbWatchStateFunc  state_func;
  gpointer            state_data;
  GMainContext       *context;

  JdDbWatchState      state;
  PGconn             *listen;      /* listening, or being made */
  GSource            *socket;      /* the socket of @listen */
  GSource            *timer;       /* the next try, or a try's deadline */
  guint               attempt;     /* tries since the server went */

  /* Set from the main connection's statements. */
  GMutex              lock;
  GSource            *lost;
  OwnNotes           *own;         /* of the main connection, borrowed */
  gboolean            own_listening; /* the main connection LISTENs */
};

/* Seconds before each try: then every 10 s. */
static const guint retry_delays[] = { 1, 2, 5, 10 };

static void start_connect (JdPgWatch *self);

static void
own_notes_unref (OwnNotes *notes)
{
  if (!g_atomic_ref_count_dec (&notes->refs))
    return;
  g_mutex_clear (&notes->lock);
  g_free (notes);
}

/* The server process of the main connection, whose notifications are
 * this desk's own; 0 when it has none. */
static int
own_pid (JdPgWatch *self)
{
  PGconn *conn = jd_db_get_pg_conn (self->db);

  if (!self->own_listening || conn == NULL || PQstatus (conn) != CONNECTION_OK)
    return 0;
  return PQbackendPID (conn);
}

/* After a statement of the main connection, outside a transaction: the
 * notifications of what it committed, if any. Others' are left to the
 * listening connection. */
static void
own_notes_read (OwnNotes *notes)
{
  JdTopics topics = JD_TOPIC_NONE;
  PGnotify *notify;
  int pid;

  g_mutex_lock (&notes->lock);
  if (notes->watch == NULL || notes->conn == NULL ||
      PQstatus (notes->conn) != CONNECTION_OK ||
      PQtransactionStatus (notes->conn) != PQTRANS_IDLE)
    {
      g_mutex_unlock (&notes->lock);
      return;
    }
  pid = PQbackendPID (notes->conn);
  while ((notify = PQnotifies (notes->conn)) != NULL)
    {
      if (notify->be_pid == pid)
        topics |= jd_topics_for_table (notify->extra);
      PQfreemem (notify);
    }
  if (topics != JD_TOPIC_NONE)
    notes->watch->func (topics, notes->watch->user_data);
  g_mutex_unlock (&notes->lock);
}

static int
own_event_cb (PGEventId  id,
              void      *info,
              void      *pass_through)
{
  OwnNotes *notes = pass_through;

  switch (id)
    {
    case PGEVT_RESULTCREATE:
    case PGEVT_RESULTCOPY:
      g_atomic_ref_count_inc (&notes->refs);
      break;

    case PGEVT_RESULTDESTROY:
      own_notes_read (notes);
      own_notes_unref (notes);
      break;

    case PGEVT_CONNDESTROY:
      g_mutex_lock (&notes->lock);
      notes->conn = NULL;
      g_mutex_unlock (&notes->lock);
      own_notes_unref (notes);
      break;

    case PGEVT_REGISTER:
    case PGEVT_CONNRESET:
    default:
      break;
    }
  return 1;
}

/* LISTEN on the main connection too, so that its own notifications come
 * back with its COMMIT; FALSE when the server refused. */
static gboolean
own_listen (JdPgWatch *self)
{
  PGconn *conn = jd_db_get_pg_conn (self->db);
  PGresult *res;
  gboolean ok;

  if (conn == NULL)
    return FALSE;
  res = PQexec (conn, "LISTEN jd_changes");
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    g_debug ("The desk's connection could not listen: %s", PQresultErrorMessage (res));
  PQclear (res);
  return ok;
}

/* The event procedure on the main connection (once per connection: a
 * later watch finds it there), pointing at @self. */
static void
own_start (JdPgWatch *self)
{
  PGconn *conn = jd_db_get_pg_conn (self->db);
  OwnNotes *notes;

  if (conn == NULL)
    return;
  notes = PQinstanceData (conn, own_event_cb);
  if (notes == NULL)
    {
      notes = g_new0 (OwnNotes, 1);
      g_atomic_ref_count_init (&notes->refs);
      g_mutex_init (&notes->lock);
      notes->conn = conn;
      if (!PQregisterEventProc (conn, own_event_cb, "jastar-desk own notifications", notes))
        {
          g_debug ("Could not follow the desk's own commits");
          own_notes_unref (notes);
          return;
        }
      /* Registered: the connection holds it now, whatever comes. */
      PQsetInstanceData (conn, own_event_cb, notes);
    }
  g_mutex_lock (&notes->lock);
  notes->watch = self;
  g_mutex_unlock (&notes->lock);
  self->own = notes;
  self->own_listening = own_listen (self);
}

static void
own_stop (JdPgWatch *self)
{
  if (self->own == NULL)
    return;
  g_mutex_lock (&self->own->lock);
  self->own->watch = NULL;
  g_mutex_unlock (&self->own->lock);
  self->own = NULL;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static GSource *
attach (JdPgWatch   *self,
        GSource     *source,
        GSourceFunc  func,
        const char  *name)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, self->context);
  return source;
}

static void
set_state (JdPgWatch      *self,
           JdDbWatchState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  if (self->state_func != NULL)
    self->state_func (state, self->state_data);
}

static void
close_listen (JdPgWatch *self)
{
  clear_source (&self->socket);
  clear_source (&self->timer);
  g_clear_pointer (&self->listen, PQfinish);
}

/* The connection string as jd_pg_open() reads it, under another name in
 * pg_stat_activity. A network that goes quiet (a cable pulled) closes
 * no socket: TCP keepalives find it out within about 25 seconds (the
 * string may say otherwise). */
static PGconn *
connect_start (JdPgWatch *self,
               gboolean   wait)
{
  g_autofree char *timeout = g_strdup_printf ("%d", CONNECT_TIMEOUT_S);
  const char * const keys[] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
                                "keepalives_count", "fallback_application_name", "dbname",
                                NULL };
  const char * const values[] = { timeout, "10", "5", "3", "jastar-desk listener",
                                  jd_db_get_path (self->db), NULL };

  if (wait)
    return PQconnectdbParams (keys, values, 1);
  return PQconnectStartParams (keys, values, 1);
}

static gboolean
retry_cb (gpointer data)
{
  JdPgWatch *self = data;

  g_clear_pointer (&self->timer, g_source_unref);
  self->attempt++;
  set_state (self, JD_DB_WATCH_RECONNECTING);
  start_connect (self);
  return G_SOURCE_REMOVE;
}

/* The server is gone, or a try failed: try again later. */
static void
lost (JdPgWatch *self)
{
  guint delay = retry_delays[MIN (self->attempt, G_N_ELEMENTS (retry_delays) - 1)];

  close_listen (self);
  set_state (self, JD_DB_WATCH_LOST);
  self->timer = attach (self, g_timeout_source_new_seconds (delay), retry_cb,
                        "[jd-db-watch] retry");
}

static gboolean
lost_cb (gpointer data)
{
  JdPgWatch *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->lost, g_source_unref);
  g_mutex_unlock (&self->lock);

  /* A try under way (or due) finds out by itself. */
  if (self->state == JD_DB_WATCH_ONLINE)
    {
      g_debug ("A statement found the centre server gone");
      self->attempt = 0;
      lost (self);
    }
  return G_SOURCE_REMOVE;
}

/* Inside a failing statement of the main connection: only noted. */
static void
main_lost_cb (gpointer data)
{
  JdPgWatch *self = data;

  g_mutex_lock (&self->lock);
  if (self->lost == NULL)
    {
      self->lost = g_idle_source_new ();
      g_source_set_priority (self->lost, G_PRIORITY_DEFAULT);
      attach (self, self->lost, lost_cb, "[jd-db-watch] lost");
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
notified_cb (G_GNUC_UNUSED int          fd,
             G_GNUC_UNUSED GIOCondition condition,
             gpointer                   data)
{
  JdPgWatch *self = data;
  JdTopics topics = JD_TOPIC_NONE;
  PGnotify *notify;

  if (!PQconsumeInput (self->listen) || PQstatus (self->listen) != CONNECTION_OK)
    {
      g_debug ("The listening connection closed: %s", PQerrorMessage (self->listen));
      /* This very source is destroyed in there. */
      g_clear_pointer (&self->socket, g_source_unref);
      self->attempt = 0;
      lost (self);
      return G_SOURCE_REMOVE;
    }

  while ((notify = PQnotifies (self->listen)) != NULL)
    {
      /* This desk's own are told from its statements already. */
      if (notify->be_pid != own_pid (self))
        topics |= jd_topics_for_table (notify->extra);
      PQfreemem (notify);
    }
  if (topics != JD_TOPIC_NONE)
    self->func (topics, self->user_data);

  /* The same notifications reach the main connection, which LISTENs
   * too: read them off its socket now, between its statements, so that
   * an idle desk does not leave them piling up there. */
  if (self->own != NULL)
    {
      PGconn *conn = jd_db_get_pg_conn (self->db);

      if (conn != NULL && PQtransactionStatus (conn) == PQTRANS_IDLE)
        {
          PQconsumeInput (conn);
          own_notes_read (self->own);
        }
    }
  return G_SOURCE_CONTINUE;
}

/* LISTEN on a connection just made, and watch its socket. */
static gboolean
listen_now (JdPgWatch *self)
{
  PGresult *res = PQexec (self->listen, "LISTEN jd_changes");
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  PQclear (res);
  if (!ok)
    {
      g_debug ("Could not listen: %s", PQerrorMessage (self->listen));
      return FALSE;
    }

  self->socket = attach (self,
                         g_unix_fd_source_new (PQsocket (self->listen),
                                               G_IO_IN | G_IO_ERR | G_IO_HUP),
                         G_SOURCE_FUNC (notified_cb),
                         "[jd-db-watch] notifications");
  return TRUE;
}

/* The server answers again: the main connection too, then everyone
 * reads everything again. */
static void
connected (JdPgWatch *self)
{
  g_autoptr(GError) error = NULL;

  clear_source (&self->socket);
  clear_source (&self->timer);
  if (!listen_now (self) || !jd_pg_reconnect (self->db, &error) ||
      (self->own != NULL && !(self->own_listening = own_listen (self))))
    {
      if (error != NULL)
        g_debug ("The centre server answered, but: %s", error->message);
      lost (self);
      return;
    }

  g_debug ("The centre server is back after %u tries", self->attempt);
  self->attempt = 0;
  set_state (self, JD_DB_WATCH_ONLINE);
  self->func (JD_TOPIC_ALL, self->user_data);
}

static gboolean connect_ready_cb (int fd, GIOCondition condition, gpointer data);

/* Waits for what PQconnectPoll() asked for. */
static void
watch_connect (JdPgWatch                 *self,
               PostgresPollingStatusType  status)
{
  GIOCondition condition = status == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT;

  clear_source (&self->socket);
  self->socket = attach (self,
                         g_unix_fd_source_new (PQsocket (self->listen),
                                               condition | G_IO_ERR | G_IO_HUP),
                         G_SOURCE_FUNC (connect_ready_cb),
                         "[jd-db-watch] connect");
}

static gboolean
connect_ready_cb (G_GNUC_UNUSED int          fd,
                  G_GNUC_UNUSED GIOCondition condition,
                  gpointer                   data)
{
  JdPgWatch *self = data;
  PostgresPollingStatusType status = PQconnectPoll (self->listen);

  /* Each outcome destroys this source (the context keeps it alive
   * until it returns) and makes what comes next. */
  switch (status)
    {
    case PGRES_POLLING_OK:
      connected (self);
      break;

    case PGRES_POLLING_READING:
    case PGRES_POLLING_WRITING:
      watch_connect (self, status);
      break;

    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      g_debug ("Could not reach the centre server: %s", PQerrorMessage (self->listen));
      lost (self);
      break;
    }
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer data)
{
  JdPgWatch *self = data;

  g_clear_pointer (&self->timer, g_source_unref);
  g_debug ("The centre server did not answer within %d s", CONNECT_TIMEOUT_S);
  lost (self);
  return G_SOURCE_REMOVE;
}

/* Starts making the listening connection, without blocking. */
static void
start_connect (JdPgWatch *self)
{
  close_listen (self);
  self->listen = connect_start (self, FALSE);
  if (self->listen == NULL || PQstatus (self->listen) == CONNECTION_BAD)
    {
      lost (self);
      return;
    }

  self->timer = attach (self, g_timeout_source_new_seconds (CONNECT_TIMEOUT_S), deadline_cb,
                        "[jd-db-watch] connect deadline");
  watch_connect (self, PGRES_POLLING_WRITING);
}

/**
 * jd_pg_watch_new:
 * @db: a server connection, which must outlive the watch
 *
 * Listens on a second connection, made now (the server just answered
 * @db); when that fails, the watch is lost and tries again later.
 */
JdPgWatch *
jd_pg_watch_new (JdDb          *db,
                 JdDbWatchFunc  func,
                 gpointer       user_data)
{
  JdPgWatch *self = g_new0 (JdPgWatch, 1);

  self->db = db;
  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->state = JD_DB_WATCH_ONLINE;
  g_mutex_init (&self->lock);
  jd_pg_set_lost_func (db, main_lost_cb, self);
  own_start (self);

  self->listen = connect_start (self, TRUE);
  if (self->listen == NULL || PQstatus (self->listen) != CONNECTION_OK || !listen_now (self))
    {
      g_debug ("Could not listen to the centre server: %s",
               self->listen ? PQerrorMessage (self->listen) : "no memory");
      /* Told from the main loop, once someone may be listening. */
      main_lost_cb (self);
    }
  return self;
}

void
jd_pg_watch_free (JdPgWatch *self)
{
  if (self == NULL)
    return;

  jd_pg_set_lost_func (self->db, NULL, NULL);
  own_stop (self);
  close_listen (self);
  g_mutex_lock (&self->lock);
  clear_source (&self->lost);
  g_mutex_unlock (&self->lock);
  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);
  g_free (self);
}

void
jd_pg_watch_set_state_func (JdPgWatch          *self,
                            JdDbWatchStateFunc  func,
                            gpointer            user_data)
{
  self->state_func = func;
  self->state_data = user_data;
}

void
jd_pg_watch_retry_now (JdPgWatch *self)
{
  if (self->state != JD_DB_WATCH_LOST)
    return;

  clear_source (&self->timer);
  /* Not a step further back: the next wait stays what it was. */
  if (self->attempt > 0)
    self->attempt--;
  retry_cb (self);
}
