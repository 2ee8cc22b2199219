/* jd-output.c: files the program writes outside its database
 *
 * Reports, backups and lists of rejected rows are written where the
 * person says. Two rules keep that from costing data:
 *
 *  - a path that is, or would replace, the open database (or its -wal,
 *    -shm, -journal) or a backup is refused. Files are compared as files
 *    (device and inode, through symbolic links and ".."), never as
 *    strings: "./jastar.db", a link to it and a hard link are one file.
 *  - what is being written goes to a private temporary file, mode 0600,
 *    named ".jastar-export-XXXXXX.part", renamed over the target only
 *    when complete. The writer holds an flock on it while it lives; a
 *    file of that name that nobody holds was left by a killed program
 *    and is removed (personal data must not stay behind).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-output"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jd-backup.h"
#include "jd-output.h"
#include "jd-privacy.h"

#define TEMP_PREFIX ".jastar-export-"
#define TEMP_SUFFIX ".part"
/* Symbolic links followed before a path is taken as unsafe. */
#define MAX_LINKS   16

G_DEFINE_QUARK (jd-output-error-quark, jd_output_error)

typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

static gboolean
file_id (const char *path,
         FileId     *id)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  id->dev = st.st_dev;
  id->ino = st.st_ino;
  return TRUE;
}

static gboolean
same_file (const FileId *a,
           const FileId *b)
{
  return a->dev == b->dev && a->ino == b->ino;
}

/* What must not be written over, as files. */
typedef struct
{
  FileId     db_folder;
  gboolean   have_db_folder;
  char      *db_names[4];      /* the database and its working files */
  GArray    *db_files;         /* FileId: those of them that exist */
  GArray    *backup_folders;   /* FileId */
  GArray    *backup_files;     /* FileId: every file in them */
} Protected;

static void
add_backup_folder (Protected  *p,
                   const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  FileId id;

  if (folder == NULL || !file_id (folder, &id))
    return;
  g_array_append_val (p->backup_folders, id);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (file_id (path, &id))
        g_array_append_val (p->backup_files, id);
    }
}

static void
protected_init (Protected *p,
                JdDb      *db)
{
  const char *db_path = jd_db_get_path (db);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *default_backups = jd_db_backup_dir (db);
  g_autofree char *chosen_backups = jd_backup_get_folder (db);

  memset (p, 0, sizeof *p);
  p->have_db_folder = file_id (folder, &p->db_folder);
  p->db_files = g_array_new (FALSE, FALSE, sizeof (FileId));
  p->backup_folders = g_array_new (FALSE, FALSE, sizeof (FileId));
  p->backup_files = g_array_new (FALSE, FALSE, sizeof (FileId));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      FileId id;

      p->db_names[i] = g_strconcat (base, suffixes[i], NULL);
      if (file_id (path, &id))
        g_array_append_val (p->db_files, id);
    }

  /* Migrations always keep their copy beside the database; daily ones
   * go where the administrator chose. */
  add_backup_folder (p, default_backups);
  if (g_strcmp0 (chosen_backups, default_backups) != 0)
    add_backup_folder (p, chosen_backups);
}

static void
protected_clear (Protected *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->db_names); i++)
    g_free (p->db_names[i]);
  g_array_unref (p->db_files);
  g_array_unref (p->backup_folders);
  g_array_unref (p->backup_files);
}

static gboolean
in_ids (GArray       *ids,
        const FileId *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (same_file (&g_array_index (ids, FileId, i), id))
      return TRUE;
  return FALSE;
}

static gboolean
refuse (JdOutputError   code,
        const char     *path,
        GError        **error)
{
  g_autofree char *name = g_filename_display_name (path);

  switch (code)
    {
    case JD_OUTPUT_ERROR_DATABASE:
      g_set_error (error, JD_OUTPUT_ERROR, code,
                   _("“%s” is the Jastar Desk database itself (or one of its working files): "
                     "writing there would destroy it. Choose another name or folder."),
                   name);
      break;
    case JD_OUTPUT_ERROR_BACKUPS:
      g_set_error (error, JD_OUTPUT_ERROR, code,
                   _("“%s” is in the backups folder, which holds only backups of the "
                     "database. Choose another folder."),
                   name);
      break;
    case JD_OUTPUT_ERROR_FOLDER:
    default:
      g_set_error (error, JD_OUTPUT_ERROR, JD_OUTPUT_ERROR_FOLDER,
                   _("“%s” is a folder. Give the name of the file to write."), name);
      break;
    }
  return FALSE;
}

static gboolean
check_path (Protected     *p,
            const char    *path,
            const char    *shown,
            JdOutputKind   kind,
            guint          depth,
            GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  gboolean backup = (kind & JD_OUTPUT_BACKUP) != 0;
  GStatBuf st;
  FileId id;

  /* The file there now, wherever links lead. */
  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return refuse (JD_OUTPUT_ERROR_FOLDER, shown, error);
      id.dev = st.st_dev;
      id.ino = st.st_ino;
      if (in_ids (p->db_files, &id))
        return refuse (JD_OUTPUT_ERROR_DATABASE, shown, error);
      if (!backup && in_ids (p->backup_files, &id))
        return refuse (JD_OUTPUT_ERROR_BACKUPS, shown, error);
    }

  /* The name it would get: working files that do not exist yet are
   * the database's all the same. */
  if (file_id (folder, &id))
    {
      if (p->have_db_folder && same_file (&id, &p->db_folder))
        for (guint i = 0; i < G_N_ELEMENTS (p->db_names); i++)
          if (strcmp (base, p->db_names[i]) == 0)
            return refuse (JD_OUTPUT_ERROR_DATABASE, shown, error);
      if (!backup && in_ids (p->backup_folders, &id))
        return refuse (JD_OUTPUT_ERROR_BACKUPS, shown, error);
    }

  /* A link, even one that leads nowhere yet, is judged by its target. */
  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_autofree char *target = g_file_read_link (path, NULL);
      g_autofree char *full = NULL;

      if (target == NULL || depth >= MAX_LINKS)
        return refuse (JD_OUTPUT_ERROR_DATABASE, shown, error);
      full = g_path_is_absolute (target) ? g_strdup (target)
                                         : g_build_filename (folder, target, NULL);
      return check_path (p, full, shown, kind, depth + 1, error);
    }

  return TRUE;
}

/**
 * jd_output_check:
 * @db: the open database
 * @path: where a report or copy is about to be written
 * @kind: %JD_OUTPUT_BACKUP for a backup copy, which may go to the
 *   backups folder
 * @error: a #JD_OUTPUT_ERROR with a message for people
 *
 * Refuses a path that is, or would replace, the database, one of its
 * working files or (for a report) a backup, and a folder.
 *
 * Returns: %TRUE when @path may be written
 */
gboolean
jd_output_check (JdDb          *db,
                 const char    *path,
                 JdOutputKind   kind,
                 GError       **error)
{
  Protected p;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  protected_init (&p, db);
  ok = check_path (&p, path, path, kind, 0, error);
  protected_clear (&p);
  return ok;
}

/**
 * jd_output_temp_new:
 * @target: the file that will be written
 * @temp_path: (out): the temporary file to write instead
 * @error: a #G_IO_ERROR
 *
 * Makes a private (0600) temporary file in @target's folder and locks
 * it for as long as the returned descriptor stays open. Write to
 * @temp_path, rename it over @target when done, then close the
 * descriptor; on failure unlink @temp_path, then close.
 *
 * Returns: the descriptor holding the lock, or -1 with @error set
 */
int
jd_output_temp_new (const char  *target,
                    char       **temp_path,
                    GError     **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (target != NULL, -1);
  g_return_val_if_fail (temp_path != NULL, -1);

  folder = g_path_get_dirname (target);
  /* Whatever an earlier, killed export left here goes first. */
  jd_output_clean_stale (folder);

  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *path = g_build_filename (folder, TEMP_PREFIX "XXXXXX" TEMP_SUFFIX, NULL);
      int fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
      GStatBuf st;

      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                       g_strerror (saved_errno));
          return -1;
        }

      /* A cleaner in another program may have taken the file between
       * its creation and the lock: then it is gone, and we start over. */
      if (flock (fd, LOCK_EX) == 0 && fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          *temp_path = g_steal_pointer (&path);
          return fd;
        }
      close (fd);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", g_strerror (EAGAIN));
  return -1;
}

/**
 * jd_output_clean_stale:
 * @folder: a folder the program writes in
 *
 * Removes the temporary files of killed exports: ours by name, regular
 * files, held by no one.
 *
 * Returns: how many were removed
 */
guint
jd_output_clean_stale (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, 0);

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!g_str_has_prefix (name, TEMP_PREFIX))
        continue;
      /* A copy of the database made there (a backup or a restore's
       * working copy) may have SQLite's files beside it: they go with
       * it, or alone once it is gone. */
      if (!g_str_has_suffix (name, TEMP_SUFFIX))
        {
          static const char *const extras[] = { "-wal", "-shm", "-journal" };

          for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
            if (g_str_has_suffix (name, extras[i]))
              {
                g_autofree char *companion = g_build_filename (folder, name, NULL);
                g_autofree char *main_file = g_strndup (companion,
                                                        strlen (companion) - strlen (extras[i]));

                if (g_str_has_suffix (main_file, TEMP_SUFFIX) &&
                    !g_file_test (main_file, G_FILE_TEST_EXISTS) && g_unlink (companion) == 0)
                  removed++;
              }
          continue;
        }

      path = g_build_filename (folder, name, NULL);
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);
      if (fd < 0)
        continue;
      /* Unlinked while the lock is held, so a writer that gets the lock
       * next sees its file gone (jd_output_temp_new). */
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          g_unlink (path) == 0)
        {
          static const char *const extras[] = { "-wal", "-shm", "-journal" };

          for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
            {
              g_autofree char *companion = g_strconcat (path, extras[i], NULL);

              g_unlink (companion);
            }
          g_debug ("Removed %s, left by an export that did not finish", path);
          removed++;
        }
      close (fd);
    }
  return removed;
}
