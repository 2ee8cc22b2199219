/* jd-import-sheet-dialog.c: which sheet of a workbook to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A centre's workbook often has a sheet per year, or a sheet of notes
 * before the list: the person chooses, with the first sheet that holds
 * anything chosen already. The import itself is the Reports page's.
 */
#define G_LOG_DOMAIN "jd-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-import.h"
#include "jd-import-sheet-dialog.h"

typedef struct
{
  char              *path;
  JdImportSheetFunc  done;
  GtkDropDown       *sheets;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->path);
  g_free (choice);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GObject          *owner)
{
  Choice *choice = g_object_get_data (G_OBJECT (dialog), "jd-import-sheet");
  GtkStringObject *item;

  if (g_strcmp0 (response, "next") != 0)
    return;
  item = gtk_drop_down_get_selected_item (choice->sheets);
  if (item != NULL)
    choice->done (owner, choice->path, gtk_string_object_get_string (item));
}

void
jd_import_sheet_choose (GtkWindow         *parent,
                        const char        *path,
                        GObject           *owner,
                        JdImportSheetFunc  done)
{
  g_auto(GStrv) sheets = NULL;
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  Choice *choice;
  guint first = 0;

  g_return_if_fail (path != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (done != NULL);

  /* A workbook that cannot be read goes on: the import says why. */
  sheets = jd_import_list_sheets (path, &first, NULL);
  if (sheets == NULL || g_strv_length (sheets) < 2)
    {
      done (owner, path, sheets != NULL ? sheets[0] : NULL);
      return;
    }

  name = g_path_get_basename (path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Choose the Sheet"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” has several sheets. Which one lists the visitors?"),
                                  name);
  choice = g_new0 (Choice, 1);
  choice->path = g_strdup (path);
  choice->done = done;
  choice->sheets = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) sheets));
  gtk_drop_down_set_selected (choice->sheets, first);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->sheets), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sheet"), -1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (choice->sheets));
  g_object_set_data_full (G_OBJECT (dialog), "jd-import-sheet", choice, (GDestroyNotify) choice_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "next", _("C_ontinue"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "next", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "next");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
jd_import_sheet_add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char *const patterns[] = { "*.csv", "*.CSV", "*.xlsx", "*.XLSX", "*.ods", "*.ODS" };

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  gtk_file_filter_set_name (filter, _("CSV files and workbooks"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.spreadsheet");
  gtk_file_chooser_add_filter (chooser, filter);
}
