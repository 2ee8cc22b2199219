/* test-hostile.c: every probe of a hostile user or a busy centre that once
 * lost or bent data (issue "Trust"), kept as a case so it stays fixed.
 * The real program is run where it can be; core calls where a probe needs
 * timing the command line cannot give.
 *
 * Each area keeps its cases and its registrations in its own section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli-helpers.h"
#include "db-helpers.h"

/* ------------------------------------------------------------------ */
/* Output files and opening databases                                  */
/* ------------------------------------------------------------------ */

/* end of output files and opening databases */

/* ------------------------------------------------------------------ */
/* Import                                                              */
/* ------------------------------------------------------------------ */

/* end of import */

/* ------------------------------------------------------------------ */
/* Backups, restore and deletion                                       */
/* ------------------------------------------------------------------ */

/* end of backups, restore and deletion */

/* ------------------------------------------------------------------ */
/* Figures, days and the centre's time zone                            */
/* ------------------------------------------------------------------ */

/* end of figures */

/* ------------------------------------------------------------------ */
/* Demo data                                                           */
/* ------------------------------------------------------------------ */

/* end of demo data */

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("jd-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  /* Output files and opening databases. */

  /* Import. */

  /* Backups, restore and deletion. */

  /* Figures. */

  /* Demo data. */

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
