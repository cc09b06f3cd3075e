/* jm-qr-code.c: a widget that shows a text as a QR code
 *
 * The code is encoded and painted in src/render/jm-qr.c; this widget
 * only gives it a square as large as it is allowed, so that a phone can
 * read it from the back of a room when the window is projected. It is an
 * image to screen readers, named after the text it holds, which the
 * window also shows as text.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-qr-code"

#include "config.h"

#include <glib/gi18n.h>

#include "jm-qr.h"
#include "jm-qr-code.h"

#define MIN_SIDE 160
#define NATURAL_SIDE 320

struct _JmQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  JmQr      *qr;
};

G_DEFINE_FINAL_TYPE (JmQrCode, jm_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jm_qr_code_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  JmQrCode *self = JM_QR_CODE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double side = MIN (width, height);
  cairo_t *cr;

  if (self->qr == NULL || side <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  jm_qr_paint (self->qr, cr, (width - side) / 2, (height - side) / 2, side);
  cairo_destroy (cr);
}

/* Square: as tall as it is wide. */
static GtkSizeRequestMode
jm_qr_code_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
jm_qr_code_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = MIN_SIDE;
  *natural = orientation == GTK_ORIENTATION_VERTICAL && for_size > 0 ? MAX (for_size, MIN_SIDE)
                                                                     : NATURAL_SIDE;
}

static void
jm_qr_code_finalize (GObject *object)
{
  JmQrCode *self = JM_QR_CODE (object);

  g_free (self->text);
  jm_qr_free (self->qr);

  G_OBJECT_CLASS (jm_qr_code_parent_class)->finalize (object);
}

static void
jm_qr_code_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, JM_QR_CODE (object)->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_qr_code_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      jm_qr_code_set_text (JM_QR_CODE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_qr_code_class_init (JmQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jm_qr_code_finalize;
  object_class->get_property = jm_qr_code_get_property;
  object_class->set_property = jm_qr_code_set_property;
  widget_class->snapshot = jm_qr_code_snapshot;
  widget_class->measure = jm_qr_code_measure;
  widget_class->get_request_mode = jm_qr_code_get_request_mode;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jm_qr_code_init (JmQrCode *self)
{
}

GtkWidget *
jm_qr_code_new (void)
{
  return g_object_new (JM_TYPE_QR_CODE, NULL);
}

const char *
jm_qr_code_get_text (JmQrCode *self)
{
  g_return_val_if_fail (JM_IS_QR_CODE (self), NULL);
  return self->text;
}

/**
 * jm_qr_code_get_width:
 *
 * Returns: the modules on a side of the code shown, 0 for none
 */
guint
jm_qr_code_get_width (JmQrCode *self)
{
  g_return_val_if_fail (JM_IS_QR_CODE (self), 0);
  return self->qr != NULL ? jm_qr_get_width (self->qr) : 0;
}

/**
 * jm_qr_code_set_text:
 * @text: (nullable): the text to show as a code
 */
void
jm_qr_code_set_text (JmQrCode   *self,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (JM_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->qr, jm_qr_free);
  if (text != NULL)
    {
      self->qr = jm_qr_new (text, &error);
      if (self->qr == NULL)
        g_debug ("%s", error->message);
    }
  /* Translators: %s is an address, such as http://192.168.1.20:8080/j/abc/ */
  label = g_strdup_printf (_("QR code for %s"), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}
