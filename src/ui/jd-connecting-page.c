/* jd-connecting-page.c: the window while the centre server is reached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown instead of the pages while the application reaches the server
 * on a worker thread (up to ten seconds when nothing answers): which
 * server, a spinner, and the two ways out: Cancel, or this computer's
 * file instead. The window stays alive meanwhile.
 */
#define G_LOG_DOMAIN "jd-connecting-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-connecting-page.h"

struct _JdConnectingPage
{
  AdwBin          parent_instance;

  /* template children */
  AdwStatusPage  *status_page;
  GtkSpinner     *spinner;

  /* borrowed: the application outlives its windows */
  JdApplication  *application;
};

G_DEFINE_FINAL_TYPE (JdConnectingPage, jd_connecting_page, ADW_TYPE_BIN)

/* The server's name ("jastar on server.local"); the spinner turns only
 * while the server is being reached, not hidden behind another page. */
static void
connecting_changed_cb (JdConnectingPage *self)
{
  gboolean connecting = jd_application_is_connecting (self->application);

  if (connecting)
    {
      g_autofree char *name = jd_application_dup_db_display_name (self->application);

      adw_status_page_set_description (self->status_page, name);
    }
  gtk_spinner_set_spinning (self->spinner, connecting);
}

static void
cancel_clicked_cb (JdConnectingPage *self)
{
  if (self->application != NULL)
    jd_application_cancel_connecting (self->application);
}

static void
use_file_clicked_cb (JdConnectingPage *self)
{
  if (self->application != NULL)
    jd_application_use_file (self->application);
}

void
jd_connecting_page_set_application (JdConnectingPage *self,
                                    JdApplication    *application)
{
  g_return_if_fail (JD_IS_CONNECTING_PAGE (self));
  g_return_if_fail (JD_IS_APPLICATION (application));
  g_return_if_fail (self->application == NULL);

  self->application = application;
  g_signal_connect_object (application, "notify::connecting",
                           G_CALLBACK (connecting_changed_cb), self, G_CONNECT_SWAPPED);
  connecting_changed_cb (self);
}

static void
jd_connecting_page_class_init (JdConnectingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No gtk_widget_dispose_template(): the status page is AdwBin's
   * child, which AdwBin unparents itself. */

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-connecting-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdConnectingPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, JdConnectingPage, spinner);
  /* Not kept, but found by tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "use_file_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_file_clicked_cb);
}

static void
jd_connecting_page_init (JdConnectingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
