/* jd-drop-down.c: drop-downs that fit a narrow window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-drop-down"

#include "config.h"

#include "jd-drop-down.h"

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize) > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (ellipsize));
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  ellipsize)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GObject *string = gtk_list_item_get_item (item);
  const char *text = GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (GTK_STRING_OBJECT (string)) : "";

  gtk_label_set_label (GTK_LABEL (label), text);
  /* The whole choice, where it is cut short. */
  if (GPOINTER_TO_INT (ellipsize) > 0)
    gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
label_factory (int ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (ellipsize));
  return factory;
}

void
jd_drop_down_ellipsize (GtkDropDown *drop_down,
                        int          width_chars)
{
  g_autoptr(GtkListItemFactory) button = NULL;
  g_autoptr(GtkListItemFactory) list = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (width_chars > 0);

  button = label_factory (width_chars);
  list = label_factory (0);
  gtk_drop_down_set_factory (drop_down, button);
  gtk_drop_down_set_list_factory (drop_down, list);
}
