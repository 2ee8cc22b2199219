/* jd-reports-dialogs.c: what the Reports page asks and tells in dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moved from jd-reports-page.c, which now only asks for a job and shows
 * its outcome: the progress of a running job, the rules confirmed and
 * the columns matched before an import, and what the import did.
 */
#define G_LOG_DOMAIN "jd-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-reports-dialogs.h"

/* One column of the file being imported, and what it is taken for. */
#define JD_TYPE_IMPORT_COLUMN (jd_import_column_get_type ())
G_DECLARE_FINAL_TYPE (JdImportColumn, jd_import_column, JD, IMPORT_COLUMN, GObject)

struct _JdImportColumn
{
  GObject  parent_instance;

  char    *title;
  char    *sample;     /* nullable: the first row's value */
  guint    selected;   /* in the choices: 0 is Skip, n a field of jd_import_fields() + 1 */
};

G_DEFINE_FINAL_TYPE (JdImportColumn, jd_import_column, G_TYPE_OBJECT)

enum
{
  COLUMN_PROP_0,
  COLUMN_PROP_SELECTED,
  COLUMN_N_PROPS
};

static GParamSpec *column_properties[COLUMN_N_PROPS];

static void
jd_import_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (prop_id == COLUMN_PROP_SELECTED)
    g_value_set_uint (value, JD_IMPORT_COLUMN (object)->selected);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jd_import_column_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JdImportColumn *self = JD_IMPORT_COLUMN (object);

  if (prop_id == COLUMN_PROP_SELECTED && self->selected != g_value_get_uint (value))
    {
      self->selected = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
    }
  else if (prop_id != COLUMN_PROP_SELECTED)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jd_import_column_finalize (GObject *object)
{
  JdImportColumn *self = JD_IMPORT_COLUMN (object);

  g_free (self->title);
  g_free (self->sample);

  G_OBJECT_CLASS (jd_import_column_parent_class)->finalize (object);
}

static void
jd_import_column_class_init (JdImportColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_import_column_finalize;
  object_class->get_property = jd_import_column_get_property;
  object_class->set_property = jd_import_column_set_property;

  column_properties[COLUMN_PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, COLUMN_N_PROPS, column_properties);
}

static void
jd_import_column_init (JdImportColumn *self)
{
}

/* The dialogs before an import keep the file, and the columns matched. */
#define JD_TYPE_IMPORT_DIALOG (jd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JdImportDialog, jd_import_dialog, JD, IMPORT_DIALOG, AdwMessageDialog)

struct _JdImportDialog
{
  AdwMessageDialog  parent_instance;

  char             *path;
  GListStore       *columns;   /* JdImportColumn; empty but for Match the Columns */
};

G_DEFINE_FINAL_TYPE (JdImportDialog, jd_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
jd_import_dialog_finalize (GObject *object)
{
  JdImportDialog *self = JD_IMPORT_DIALOG (object);

  g_free (self->path);
  g_object_unref (self->columns);

  G_OBJECT_CLASS (jd_import_dialog_parent_class)->finalize (object);
}

static void
jd_import_dialog_class_init (JdImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_import_dialog_finalize;
}

static void
jd_import_dialog_init (JdImportDialog *self)
{
  self->columns = g_list_store_new (JD_TYPE_IMPORT_COLUMN);
}

static AdwMessageDialog *
jd_import_dialog_new (GtkWindow  *parent,
                      const char *heading,
                      const char *path)
{
  JdImportDialog *self = g_object_new (JD_TYPE_IMPORT_DIALOG,
                                       "transient-for", parent,
                                       "heading", heading,
                                       NULL);

  self->path = g_strdup (path);
  return ADW_MESSAGE_DIALOG (self);
}

/* Longer cells (notes, long names of places) are cut in the preview. */
#define PREVIEW_CELL_CHARS 32

/* The preview. */

void
jd_reports_preview_fill (GtkGrid   *grid,
                         GPtrArray *rows)
{
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = rows->pdata[r];

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *label;

          /* Whole cells, so that the grid asks for its full width and
           * the preview scrolls sideways (an ellipsized label in a grid
           * gives way first and shrinks to '…'); only long notes are
           * cut, in the code rather than by Pango. */
          if (g_utf8_strlen (row[c], -1) > PREVIEW_CELL_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (row[c], 0, PREVIEW_CELL_CHARS - 1);
              g_autofree char *text = g_strconcat (cut, "…", NULL);

              label = gtk_label_new (text);
              gtk_widget_set_tooltip_text (label, row[c]);
            }
          else
            label = gtk_label_new (row[c]);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          if (r == 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (grid, label, (int) c, (int) r, 1, 1);
        }
    }
}

/* Progress. */

GtkWidget *
jd_reports_dialog_progress_new (GtkWindow  *parent,
                                const char *heading,
                                const char *body)
{
  GtkWidget *dialog;
  GtkWidget *bar;

  dialog = adw_message_dialog_new (parent, heading, body);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  /* Until the first thousand rows are counted. */
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), _("Starting…"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

static GtkProgressBar *
progress_bar (GtkWidget *dialog)
{
  return GTK_PROGRESS_BAR (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

void
jd_reports_dialog_progress_pulse (GtkWidget *dialog)
{
  gtk_progress_bar_pulse (progress_bar (dialog));
}

void
jd_reports_dialog_progress_set_count (GtkWidget *dialog,
                                      guint      count,
                                      gboolean   import)
{
  g_autofree char *text = NULL;

  if (import)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visitor imported", "%u visitors imported",
                                         count),
                            count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row written", "%u rows written",
                                         count),
                            count);
  gtk_progress_bar_set_text (progress_bar (dialog), text);
}

/* What an import did. */

/* @path: the list of rejected rows */
static void
open_rejects_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          const char       *path)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (g_strcmp0 (response, "open") != 0 || path == NULL)
    return;
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), uri, GDK_CURRENT_TIME);
}

char *
jd_reports_dialog_import_summary (const JdImportResult *result)
{
  g_autofree char *body = NULL;

  if (result->rejects_path != NULL)
    body = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u. "
                              "The rows not imported, with the reasons, are in %s."),
                            result->imported, result->skipped, result->rejected,
                            result->rejects_path);
  else
    body = g_strdup_printf (_("Imported: %u. Already registered, skipped: %u. Rejected: %u."),
                            result->imported, result->skipped, result->rejected);
  /* Possible duplicates were imported: say which, so that staff can
   * check them (the first few; the count says how many). */
  if (result->warned > 0)
    {
      g_autoptr(GString) text = g_string_new (body);

      g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u person imported may be registered already:",
                                                 "%u people imported may be registered already:",
                                                 result->warned),
                              result->warned);
      for (guint i = 0; i < result->warnings->len && i < 10; i++)
        g_string_append_printf (text, "\n%s", (const char *) result->warnings->pdata[i]);
      if (result->warnings->len > 10)
        g_string_append (text, "\n…");
      g_free (body);
      body = g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_steal_pointer (&body);
}

void
jd_reports_dialog_import_result (GtkWindow            *window,
                                 const JdImportResult *result)
{
  g_autofree char *body = jd_reports_dialog_import_summary (result);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (window,
                                   result->imported > 0 ? _("Visitors Imported") : _("No Visitors Were Imported"),
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (result->rejects_path != NULL)
    {
      /* Whoever fixes the rows wants the list, not just its name. */
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("_Open the List"));
      g_signal_connect_data (dialog, "response", G_CALLBACK (open_rejects_response_cb),
                             g_strdup (result->rejects_path), (GClosureNotify) (void (*) (void)) g_free, 0);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Before an import. */

/* Importing registers many people at once: say what will happen first. */
AdwMessageDialog *
jd_reports_dialog_confirm_import (GtkWindow  *parent,
                                  const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  AdwMessageDialog *dialog;

  dialog = jd_import_dialog_new (parent, _("Import Visitors?"), path);
  adw_message_dialog_format_body (dialog,
                                  _("Everyone listed in “%s” is registered under the same rules as at "
                                    "the front desk. People already registered (the same IIN, the "
                                    "same name and date of birth, or the same phone) are skipped. "
                                    "Rows that break a rule are not imported; they are listed with "
                                    "the reasons in a file next to this one. If the file cannot be "
                                    "read to the end, nobody is imported."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

const char *
jd_reports_dialog_get_path (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (JD_IS_IMPORT_DIALOG (dialog), NULL);

  return JD_IMPORT_DIALOG (dialog)->path;
}

GArray *
jd_reports_dialog_get_columns (AdwMessageDialog *dialog)
{
  GListModel *columns;
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (JD_IS_IMPORT_DIALOG (dialog), fields);

  columns = G_LIST_MODEL (JD_IMPORT_DIALOG (dialog)->columns);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(JdImportColumn) column = g_list_model_get_item (columns, i);
      int field = (int) column->selected - 1;  /* 0 is Skip */

      g_array_append_val (fields, field);
    }
  return fields;
}

static void
mapping_changed_cb (AdwMessageDialog *dialog)
{
  g_autoptr(GArray) fields = jd_reports_dialog_get_columns (dialog);

  adw_message_dialog_set_response_enabled (dialog, "import",
                                           jd_import_fields_complete ((int *) fields->data, fields->len));
}

/* A column: its name, the first row's value, and what it holds. */
static GtkWidget *
create_column_row_cb (gpointer item,
                      gpointer user_data)
{
  JdImportColumn *column = item;
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (column->sample != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), column->sample);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (user_data));
  g_object_bind_property (column, "selected", row, "selected", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return row;
}

AdwMessageDialog *
jd_reports_dialog_match_columns (GtkWindow  *parent,
                                 const char *path,
                                 GPtrArray  *header,
                                 GArray     *fields,
                                 GPtrArray  *sample)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *list, *scrolled;
  AdwMessageDialog *dialog;
  guint n;
  const JdChoice *known = jd_import_fields (&n);

  gtk_string_list_append (choices, C_("import column", "Skip"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (choices, jd_choice_label (known, n, known[i].code));

  dialog = jd_import_dialog_new (parent, _("Match the Columns"), path);
  adw_message_dialog_format_body (dialog,
                                  _("Some columns of “%s” have names the import does not know. Choose "
                                    "what each one holds; columns left at Skip are not imported. The "
                                    "surname, the given name, and the date of birth or the IIN are "
                                    "needed. Everyone is then registered under the front desk’s rules."),
                                  name);
  for (guint i = 0; i < header->len; i++)
    {
      JdImportColumn *column = g_object_new (JD_TYPE_IMPORT_COLUMN, NULL);
      const char *title = header->pdata[i];

      if (title == NULL || *title == '\0')
        /* Translators: a column of a file that has no name; %u counts from 1. */
        column->title = g_strdup_printf (_("Column %u"), i + 1);
      else
        column->title = g_strdup (title);
      if (i < sample->len && sample->pdata[i] != NULL && *(char *) sample->pdata[i] != '\0')
        column->sample = g_strdup (sample->pdata[i]);
      column->selected = (guint) (g_array_index (fields, int, i) + 1);
      g_signal_connect_object (column, "notify::selected", G_CALLBACK (mapping_changed_cb), dialog,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (columns, column);
    }
  g_list_store_splice (JD_IMPORT_DIALOG (dialog)->columns, 0, 0, columns->pdata, columns->len);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (JD_IMPORT_DIALOG (dialog)->columns),
                           create_column_row_cb, g_object_ref (choices), g_object_unref);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  mapping_changed_cb (dialog);
  return dialog;
}
