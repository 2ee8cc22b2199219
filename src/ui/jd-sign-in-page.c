/* jd-sign-in-page.c: first-run set-up, sign-in, change of a reset
 * password, and the locked desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page for the four moments when the desk needs a person: the
 * first start (the centre and its administrator), an ordinary sign-in,
 * a password an administrator reset (changed before going on), and a
 * desk locked after a pause (only the password of who locked it, or
 * someone else signs in). Passwords are handed to src/core and cleared
 * from the fields at once; they are never logged.
 */
#define G_LOG_DOMAIN "jd-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-settings.h"
#include "jd-sign-in-page.h"
#include "jd-staff.h"

struct _JdSignInPage
{
  AdwBin                parent_instance;

  AdwStatusPage        *status_page;
  AdwPreferencesGroup  *set_up_group;
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *centre_row;
  AdwEntryRow          *full_name_row;
  AdwEntryRow          *login_row;
  AdwEntryRow          *password_row;
  AdwEntryRow          *new_password_row;
  AdwEntryRow          *repeat_row;
  GtkLabel             *message_label;
  GtkButton            *primary_button;
  GtkButton            *switch_button;

  JdStore              *store;
  JdSignInMode          mode;
  /* The temporary password just used, to change it (never shown). */
  char                 *temporary_password;
};

G_DEFINE_FINAL_TYPE (JdSignInPage, jd_sign_in_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
forget_temporary_password (JdSignInPage *self)
{
  if (self->temporary_password != NULL)
    {
      memset (self->temporary_password, 0, strlen (self->temporary_password));
      g_clear_pointer (&self->temporary_password, g_free);
    }
}

static void
clear_errors (JdSignInPage *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->centre_row), GTK_WIDGET (self->full_name_row), GTK_WIDGET (self->login_row),
    GTK_WIDGET (self->password_row), GTK_WIDGET (self->new_password_row), GTK_WIDGET (self->repeat_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
}

/* Shows @message, marks @row and puts the focus there. */
static void
show_error (JdSignInPage *self,
            AdwEntryRow  *row,
            const char   *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
clear_passwords (JdSignInPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The first field shown and still empty, or NULL. */
static GtkWidget *
first_empty_row (JdSignInPage *self)
{
  AdwEntryRow *rows[] = {
    self->centre_row, self->full_name_row, self->login_row, self->password_row,
    self->new_password_row, self->repeat_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (rows[i])) &&
          gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (rows[i]),
                                                           ADW_TYPE_PREFERENCES_GROUP)) &&
          gtk_widget_get_sensitive (GTK_WIDGET (rows[i])) &&
          *text_of (rows[i]) == '\0')
        return GTK_WIDGET (rows[i]);
    }
  return NULL;
}

void
jd_sign_in_page_focus (JdSignInPage *self)
{
  GtkWidget *row;

  g_return_if_fail (JD_IS_SIGN_IN_PAGE (self));

  row = first_empty_row (self);
  gtk_widget_grab_focus (row ? row : GTK_WIDGET (self->primary_button));
}

/* Enter in a field: the next empty one, or the button. */
static void
next_row_cb (JdSignInPage *self)
{
  GtkWidget *row = first_empty_row (self);

  if (row != NULL)
    gtk_widget_grab_focus (row);
  else
    gtk_widget_activate (GTK_WIDGET (self->primary_button));
}

static void
set_up (JdSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;

  if (g_strcmp0 (text_of (self->password_row), text_of (self->repeat_row)) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
      show_error (self, self->repeat_row, _("The two passwords differ. Type the password again."));
      return;
    }

  admin = jd_store_set_up_centre (self->store, text_of (self->centre_row), text_of (self->full_name_row),
                                  text_of (self->login_row), text_of (self->password_row), &error);
  if (admin == NULL)
    {
      g_autofree char *centre = g_strstrip (g_strdup (text_of (self->centre_row)));
      const char *message = error->message;
      AdwEntryRow *row = self->full_name_row;

      /* The row the core's message is about. */
      if (*centre == '\0')
        row = self->centre_row;
      else if (!jd_login_check_rules (text_of (self->login_row), NULL))
        row = self->login_row;
      else if (!jd_password_check_rules (text_of (self->password_row), NULL))
        row = self->password_row;
      show_error (self, row, message);
      return;
    }

  clear_passwords (self);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, FALSE);
}

static void
sign_in (JdSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) staff = NULL;

  staff = jd_store_sign_in (self->store, text_of (self->login_row), text_of (self->password_row), &error);
  if (staff == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_error (self, self->password_row, error->message);
      return;
    }

  if (staff->must_change_password)
    {
      self->temporary_password = g_strdup (text_of (self->password_row));
      clear_passwords (self);
      jd_sign_in_page_set_mode (self, JD_SIGN_IN_MODE_CHANGE_PASSWORD);
      return;
    }

  clear_passwords (self);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, FALSE);
}

static void
change_password (JdSignInPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (text_of (self->new_password_row), text_of (self->repeat_row)) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
      show_error (self, self->repeat_row, _("The two passwords differ. Type the password again."));
      return;
    }
  if (!jd_staff_change_password (jd_store_get_db (self->store), self->temporary_password, text_of (self->new_password_row),
                                 &error))
    {
      clear_passwords (self);
      show_error (self, self->new_password_row, error->message);
      return;
    }

  forget_temporary_password (self);
  clear_passwords (self);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, FALSE);
}

static void
unlock (JdSignInPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!jd_staff_unlock (jd_store_get_db (self->store), text_of (self->password_row), &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      show_error (self, self->password_row, error->message);
      return;
    }

  clear_passwords (self);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, TRUE);
}

static void
primary_clicked_cb (JdSignInPage *self)
{
  g_return_if_fail (self->store != NULL);

  clear_errors (self);
  switch (self->mode)
    {
    case JD_SIGN_IN_MODE_SET_UP:
      set_up (self);
      break;
    case JD_SIGN_IN_MODE_SIGN_IN:
      sign_in (self);
      break;
    case JD_SIGN_IN_MODE_CHANGE_PASSWORD:
      change_password (self);
      break;
    case JD_SIGN_IN_MODE_LOCKED:
      unlock (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
switch_clicked_cb (JdSignInPage *self)
{
  /* Whoever locked the desk is signed out; the window hears of it when
   * the next person signs in. */
  jd_store_sign_out (self->store);
  gtk_editable_set_text (GTK_EDITABLE (self->login_row), "");
  jd_sign_in_page_set_mode (self, JD_SIGN_IN_MODE_SIGN_IN);
  jd_sign_in_page_focus (self);
}

void
jd_sign_in_page_set_mode (JdSignInPage *self,
                          JdSignInMode  mode)
{
  g_autofree char *centre = NULL;
  g_autofree char *description = NULL;
  g_autoptr(JdStaff) actor = NULL;
  gboolean set_up = mode == JD_SIGN_IN_MODE_SET_UP;
  gboolean change = mode == JD_SIGN_IN_MODE_CHANGE_PASSWORD;
  gboolean locked = mode == JD_SIGN_IN_MODE_LOCKED;

  g_return_if_fail (JD_IS_SIGN_IN_PAGE (self));

  self->mode = mode;
  if (mode != JD_SIGN_IN_MODE_CHANGE_PASSWORD)
    forget_temporary_password (self);
  clear_errors (self);
  clear_passwords (self);

  centre = self->store ? jd_store_get_setting (self->store, JD_SETTING_CENTRE_NAME) : NULL;
  actor = self->store ? jd_store_dup_actor (self->store) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->set_up_group), set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->login_row), !change);
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_row), !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !change);
  gtk_widget_set_visible (GTK_WIDGET (self->new_password_row), change);
  gtk_widget_set_visible (GTK_WIDGET (self->repeat_row), set_up || change);
  gtk_widget_set_visible (GTK_WIDGET (self->switch_button), locked);
  if (locked && actor != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->login_row), actor->login);

  switch (mode)
    {
    case JD_SIGN_IN_MODE_SET_UP:
      adw_status_page_set_icon_name (self->status_page, "avatar-default-symbolic");
      adw_status_page_set_title (self->status_page, _("Welcome to Jastar Desk"));
      adw_status_page_set_description (self->status_page,
                                       _("Name the centre and create the first account. It will be "
                                         "the administrator’s, who adds the rest of the staff."));
      adw_preferences_group_set_title (self->account_group, _("Administrator’s Account"));
      gtk_button_set_label (self->primary_button, _("_Create Account"));
      break;
    case JD_SIGN_IN_MODE_SIGN_IN:
      adw_status_page_set_icon_name (self->status_page, "avatar-default-symbolic");
      adw_status_page_set_title (self->status_page, centre && *centre ? centre : _("Jastar Desk"));
      adw_status_page_set_description (self->status_page,
                                       _("Sign in with the login and password your administrator "
                                         "gave you."));
      adw_preferences_group_set_title (self->account_group, "");
      gtk_button_set_label (self->primary_button, _("_Sign In"));
      break;
    case JD_SIGN_IN_MODE_CHANGE_PASSWORD:
      adw_status_page_set_icon_name (self->status_page, "dialog-password-symbolic");
      adw_status_page_set_title (self->status_page, _("Choose a New Password"));
      adw_status_page_set_description (self->status_page,
                                       _("Your password was reset by an administrator. Choose one "
                                         "that only you know."));
      adw_preferences_group_set_title (self->account_group, "");
      gtk_button_set_label (self->primary_button, _("C_hange Password"));
      break;
    case JD_SIGN_IN_MODE_LOCKED:
      adw_status_page_set_icon_name (self->status_page, "system-lock-screen-symbolic");
      adw_status_page_set_title (self->status_page, _("The Desk Is Locked"));
      description = actor ? g_strdup_printf (_("Signed in as %s. Type your password to go on."),
                                             actor->full_name)
                          : g_strdup ("");
      adw_status_page_set_description (self->status_page, description);
      adw_preferences_group_set_title (self->account_group, "");
      gtk_button_set_label (self->primary_button, _("_Unlock"));
      break;
    default:
      g_assert_not_reached ();
    }
}

JdSignInMode
jd_sign_in_page_get_mode (JdSignInPage *self)
{
  g_return_val_if_fail (JD_IS_SIGN_IN_PAGE (self), JD_SIGN_IN_MODE_SIGN_IN);

  return self->mode;
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JdSignInPage *self = JD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window's store, bound in jd-window.ui; a reopened database
 * brings a new one. */
static void
jd_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JdSignInPage *self = JD_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_sign_in_page_dispose (GObject *object)
{
  JdSignInPage *self = JD_SIGN_IN_PAGE (object);

  /* The bin lets go of its child first: gtk_widget_dispose_template ()
   * unparents a template child it finds parented to the page, after
   * which AdwBin's own dispose would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_sign_in_page_parent_class)->dispose (object);
}

static void
jd_sign_in_page_finalize (GObject *object)
{
  JdSignInPage *self = JD_SIGN_IN_PAGE (object);

  forget_temporary_password (self);

  G_OBJECT_CLASS (jd_sign_in_page_parent_class)->finalize (object);
}

static void
jd_sign_in_page_class_init (JdSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_sign_in_page_dispose;
  object_class->finalize = jd_sign_in_page_finalize;
  object_class->get_property = jd_sign_in_page_get_property;
  object_class->set_property = jd_sign_in_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, set_up_group);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, centre_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, primary_button);
  gtk_widget_class_bind_template_child (widget_class, JdSignInPage, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, next_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, primary_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
jd_sign_in_page_init (JdSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jd_sign_in_page_set_mode (self, JD_SIGN_IN_MODE_SIGN_IN);
}

GtkWidget *
jd_sign_in_page_new (void)
{
  return g_object_new (JD_TYPE_SIGN_IN_PAGE, NULL);
}
