/* jd-staff-page.c: the administrator's list of staff accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding, changing, deactivating and resetting passwords happen here;
 * every rule (the login, the password, the last administrator) and the
 * right to do it at all are src/core's, whose messages are shown as
 * they come.
 */
#define G_LOG_DOMAIN "jd-staff-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-purpose.h"
#include "jd-staff-page.h"
#include "jd-staff.h"

struct _JdStaffPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *staff_group;
  GPtrArray            *rows;      /* the rows added to the group */

  JdStore                      *store; /* borrowed */
};

G_DEFINE_FINAL_TYPE (JdStaffPage, jd_staff_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh (JdStaffPage *self);

static void
toast (JdStaffPage *self,
       const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

/* The account dialog: an AdwMessageDialog whose extra child is a form. */
typedef struct
{
  JdStaffPage  *page;
  gint64        staff_id;
  GtkWidget    *name_row;
  GtkWidget    *login_row;
  GtkWidget    *role_row;
  GtkWidget    *services_box;
  GPtrArray    *service_checks;
  GtkWidget    *active_switch;
  GtkWidget    *password_row;
  GtkWidget    *repeat_row;
  GtkWidget    *message;
  gboolean      keep_open;
} Form;

static void
form_free (Form *form)
{
  g_ptr_array_unref (form->service_checks);
  g_free (form);
}

static void
role_changed_cb (GObject    *row,
                 GParamSpec *pspec,
                 Form       *form)
{
  gtk_widget_set_visible (form->services_box,
                          adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == JD_ROLE_SPECIALIST);
}

static void
show_form_error (Form       *form,
                 const char *message)
{
  gtk_label_set_label (GTK_LABEL (form->message), message);
  gtk_widget_set_visible (form->message, TRUE);
}

static gboolean
save_form (Form *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  JdStaff staff = { 0 };
  const char *password = gtk_editable_get_text (GTK_EDITABLE (form->password_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (form->repeat_row));
  gboolean ok;

  for (guint i = 0; i < form->service_checks->len; i++)
    if (gtk_check_button_get_active (form->service_checks->pdata[i]))
      g_strv_builder_add (services, jd_purpose_service_codes ()[i]);
  codes = g_strv_builder_end (services);

  staff.id = form->staff_id;
  staff.full_name = (char *) gtk_editable_get_text (GTK_EDITABLE (form->name_row));
  staff.login = (char *) gtk_editable_get_text (GTK_EDITABLE (form->login_row));
  staff.role = (JdRole) adw_combo_row_get_selected (ADW_COMBO_ROW (form->role_row));
  staff.services = codes;
  staff.active = gtk_switch_get_active (GTK_SWITCH (form->active_switch));

  if ((form->staff_id == 0 || *password != '\0') && g_strcmp0 (password, repeat) != 0)
    {
      show_form_error (form, _("The two passwords differ. Type the password again."));
      return FALSE;
    }

  if (form->staff_id == 0)
    ok = jd_staff_add (jd_store_get_db (form->page->store), &staff, password, &error);
  else
    ok = jd_staff_update (jd_store_get_db (form->page->store), &staff, &error) &&
         (*password == '\0' || jd_staff_reset_password (jd_store_get_db (form->page->store), staff.id, password, &error));

  if (!ok)
    {
      show_form_error (form, error->message);
      return FALSE;
    }

  toast (form->page, form->staff_id == 0 ? _("Staff member added") : _("Account saved"));
  refresh (form->page);
  return TRUE;
}

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *form)
{
  /* After a refusal the dialog, and what was typed, stay open. */
  form->keep_open = g_str_equal (response, "save") && !save_form (form);
}

static gboolean
form_close_request_cb (GtkWindow *dialog,
                       Form      *form)
{
  gboolean keep = form->keep_open;

  form->keep_open = FALSE;
  return keep;
}

static GtkWidget *
entry_row (const char *title,
           gboolean    password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return row;
}

GtkWidget *
jd_staff_page_edit (JdStaffPage *self,
                    gint64       staff_id)
{
  g_autoptr(JdStaff) staff = NULL;
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkWidget *dialog, *scrolled, *box, *group, *row, *services_group;
  Form *form = g_new0 (Form, 1);

  g_return_val_if_fail (JD_IS_STAFF_PAGE (self), NULL);

  if (staff_id != 0)
    {
      g_autoptr(GPtrArray) list = jd_staff_list (jd_store_get_db (self->store), NULL);

      for (guint i = 0; list != NULL && i < list->len; i++)
        if (((JdStaff *) list->pdata[i])->id == staff_id)
          staff = jd_staff_copy (list->pdata[i]);
    }

  form->page = self;
  form->staff_id = staff_id;
  form->service_checks = g_ptr_array_new ();

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  gtk_box_append (GTK_BOX (box), group);

  form->name_row = entry_row (_("Full _Name"), FALSE);
  form->login_row = entry_row (_("_Login"), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->login_row);

  for (JdRole role = JD_ROLE_RECEPTIONIST; role <= JD_ROLE_ADMINISTRATOR; role++)
    gtk_string_list_append (roles, jd_role_label (role));
  form->role_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->role_row), _("_Role"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (form->role_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (form->role_row), G_LIST_MODEL (roles));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->role_row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Can Sign _In"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Switch off for someone who left: their records stay."));
  form->active_switch = gtk_switch_new ();
  gtk_widget_set_valign (form->active_switch, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (form->active_switch), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), form->active_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), form->active_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* The services a specialist covers decide whose private notes they
   * may read and whose queue they call. */
  services_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (services_group), _("Services"));
  form->services_box = services_group;
  for (guint i = 0; jd_purpose_service_codes ()[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *service_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (service_row),
                                     jd_purpose_service_label (jd_purpose_service_codes ()[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (service_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (service_row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (services_group), service_row);
      g_ptr_array_add (form->service_checks, check);
      if (staff != NULL && staff->services != NULL &&
          g_strv_contains ((const char * const *) staff->services, jd_purpose_service_codes ()[i]))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  gtk_box_append (GTK_BOX (box), services_group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         staff_id == 0 ? _("At least 8 characters. Give it to the person in private.")
                                                       : _("Leave empty to keep the password. A new one is temporary: "
                                                           "the person chooses their own at the next sign-in."));
  form->password_row = entry_row (staff_id == 0 ? _("_Password") : _("_Temporary Password"), TRUE);
  form->repeat_row = entry_row (_("_Repeat the Password"), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->password_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->repeat_row);
  gtk_box_append (GTK_BOX (box), group);

  form->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (form->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (form->message), 0);
  gtk_widget_add_css_class (form->message, "error");
  gtk_widget_set_visible (form->message, FALSE);
  gtk_box_append (GTK_BOX (box), form->message);

  if (staff != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (form->name_row), staff->full_name);
      gtk_editable_set_text (GTK_EDITABLE (form->login_row), staff->login);
      adw_combo_row_set_selected (ADW_COMBO_ROW (form->role_row), staff->role);
      gtk_switch_set_active (GTK_SWITCH (form->active_switch), staff->active);
    }
  g_signal_connect (form->role_row, "notify::selected", G_CALLBACK (role_changed_cb), form);
  role_changed_cb (G_OBJECT (form->role_row), NULL, form);

  /* A specialist's services make the form taller than a laptop's
   * screen (1366×768): the form scrolls, the buttons stay on screen. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   staff_id == 0 ? _("New Staff Member") : _("Staff Account"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", staff_id == 0 ? _("_Add") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) form_free);
  g_signal_connect (dialog, "response", G_CALLBACK (form_response_cb), form);
  g_signal_connect (dialog, "close-request", G_CALLBACK (form_close_request_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_clicked_cb (JdStaffPage *self)
{
  jd_staff_page_edit (self, 0);
}

/* A row's staff member comes as the action's target rather than as
 * data kept on the row. */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jd_staff_page_edit (JD_STAFF_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
refresh (JdStaffPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->staff_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  list = jd_staff_list (jd_store_get_db (self->store), &error);
  if (list == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      JdStaff *staff = list->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);

      g_string_append_printf (subtitle, "%s · %s", staff->login, jd_role_label (staff->role));
      if (staff->role == JD_ROLE_SPECIALIST && staff->services != NULL)
        for (guint s = 0; staff->services[s] != NULL; s++)
          g_string_append_printf (subtitle, "%s%s", s == 0 ? ": " : ", ",
                                  jd_purpose_service_label (staff->services[s]));
      if (!staff->active)
        g_string_append_printf (subtitle, " · %s", _("cannot sign in"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff->full_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "staff.edit");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (staff->id));
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
jd_staff_page_dispose (GObject *object)
{
  JdStaffPage *self = JD_STAFF_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_STAFF_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_staff_page_parent_class)->dispose (object);
}

static void
jd_staff_page_finalize (GObject *object)
{
  JdStaffPage *self = JD_STAFF_PAGE (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (jd_staff_page_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_staff_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JdStaffPage *self = JD_STAFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_staff_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JdStaffPage *self = JD_STAFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_staff_page_class_init (JdStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_staff_page_dispose;
  object_class->finalize = jd_staff_page_finalize;
  object_class->get_property = jd_staff_page_get_property;
  object_class->set_property = jd_staff_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdStaffPage, staff_group);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_install_action (widget_class, "staff.edit", "x", edit_action);
}

static void
jd_staff_page_init (JdStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
jd_staff_page_new (JdStore *store)
{
  JdStaffPage *self = g_object_new (JD_TYPE_STAFF_PAGE, "store", store, NULL);
  refresh (self);
  return GTK_WIDGET (self);
}
