/* jd-drop-down.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a drop-down over a GtkStringList: the button shows the choice cut
 * short with "…" when space is tight (a narrow window), the list opened
 * from it shows every choice in full. Without it, the longest choice
 * sets the narrowest the window can be. */
void jd_drop_down_ellipsize (GtkDropDown *drop_down,
                             int          width_chars);

G_END_DECLS
