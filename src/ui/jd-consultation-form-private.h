/* jd-consultation-form-private.h: what the consultation form's parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-consultation-form.h"
#include "jd-consultation.h"
#include "jd-staff.h"
#include "jd-visitor-search.h"

G_BEGIN_DECLS

/* Who was consulted: the positions of the "Who" row. */
enum
{
  WHO_VISITOR,
  WHO_ANONYMOUS,
  WHO_GROUP,
};

#define N_FIELDS (JD_CONSULTATION_FIELD_PLACEMENT_START + 1)

typedef struct
{
  gint64     visitor_id;
  GtkWidget *row;
} Participant;

struct _JdConsultationForm
{
  JdForm               parent_instance;

  /* template children */
  AdwComboRow         *who_row;
  AdwActionRow        *fixed_row;
  GtkBox              *search_box;
  AdwActionRow        *chosen_row;
  AdwComboRow         *anon_sex_row;
  AdwComboRow         *anon_age_row;
  AdwPreferencesGroup *participants_group;
  AdwComboRow         *service_row;
  AdwComboRow         *topic_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *time_row;
  AdwActionRow        *duration_row;
  GtkSpinButton       *duration_spin;
  AdwComboRow         *format_row;
  GtkTextView         *summary_view;
  GtkTextView         *note_view;
  GtkLabel            *note_hint;
  AdwComboRow         *outcome_row;
  AdwComboRow         *referral_row;
  AdwEntryRow         *follow_up_row;
  AdwExpanderRow      *placement_row;
  AdwEntryRow         *employer_row;
  AdwComboRow         *placement_kind_row;
  AdwEntryRow         *placement_start_row;

  /* the row of each JdConsultationField and the message row below it */
  GtkWidget           *rows[N_FIELDS];
  GtkWidget           *messages[N_FIELDS];

  /* in search_box, made in constructed */
  JdVisitorSearch     *search;

  /* borrowed: JdForm's "store" */
  JdStore             *store;

  /* owned */
  JdConsultation      *loaded;        /* the saved consultation being edited, or NULL */
  char                *visitor_name;
  GArray              *participants;  /* Participant */
  gint64               visitor_id;    /* chosen or fixed; 0: none yet */
  gint64               visit_id;      /* from the queue */
  gboolean             visitor_fixed;
  gboolean             note_changed;
  gboolean             loading;
};

/* jd-consultation-form.c */
void         jd_consultation_form_fill_combo (AdwComboRow        *row,
                                              const char         *none,
                                              const JdChoice     *choices,
                                              guint              n,
                                              const char * const *only);
const char   *jd_consultation_form_combo_code (AdwComboRow *row);
void         jd_consultation_form_combo_select (AdwComboRow *row,
                                                const char  *code);
char         *jd_consultation_form_format_day (const char *iso);

/* jd-consultation-form-fields.c */
void         jd_consultation_form_clear_message (JdConsultationForm  *self,
                                                 JdConsultationField field);
void         jd_consultation_form_clear_messages (JdConsultationForm *self);
void         jd_consultation_form_show_message (JdConsultationForm  *self,
                                                JdConsultationField field,
                                                const char          *message);
GtkWidget    *jd_consultation_form_add_message_row (GtkWidget *row);
void         jd_consultation_form_focus_field (JdConsultationForm  *self,
                                               JdConsultationField field);
void         jd_consultation_form_show_banner (JdConsultationForm *self,
                                               const char         *message);
guint        jd_consultation_form_who_mode (JdConsultationForm *self);
void         jd_consultation_form_update_rows (JdConsultationForm *self);
void         jd_consultation_form_mark_changed (JdConsultationForm *self,
                                                gpointer           sender);
void         jd_consultation_form_changed_cb (JdConsultationForm *self,
                                              gpointer           sender);
void         jd_consultation_form_notify_cb (JdConsultationForm *self,
                                             GParamSpec         *pspec,
                                             GObject            *sender);
void         jd_consultation_form_text_changed_cb (JdConsultationForm *self,
                                                   GtkTextBuffer      *buffer);
void         jd_consultation_form_fill_topics (JdConsultationForm *self);
void         jd_consultation_form_service_changed_cb (JdConsultationForm *self,
                                                      GParamSpec         *pspec,
                                                      GObject            *sender);

/* jd-consultation-form-visitor.c */
void         jd_consultation_form_set_row_title (AdwPreferencesRow *row,
                                                 const char        *title);
void         jd_consultation_form_change_visitor_cb (JdConsultationForm *self);
void         jd_consultation_form_add_search (JdConsultationForm *self);
void         jd_consultation_form_who_changed_cb (JdConsultationForm *self,
                                                  GParamSpec         *pspec,
                                                  GObject            *sender);

G_END_DECLS
