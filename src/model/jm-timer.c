/* jm-timer.c: a workshop's countdown and its agenda
 *
 * A workshop is time-boxed: "map as is, 30 minutes; vote, 10 minutes".
 * The timer counts down from a duration, pauses, resumes, takes a minute
 * more, and says "finished" once when it reaches zero. It may follow an
 * agenda, a list of timed steps: starting a step loads its minutes, and
 * when a step's time is up the timer stays at zero on that step until it
 * is started again, which starts the next step. The room moves on when
 * the facilitator says so, not when a clock does.
 *
 * The timer belongs to the document, not to a window, so that every view
 * of a map (the editing window, present mode) shows the same countdown.
 * It knows no widgets. The time comes from a clock that tests replace
 * (jm_timer_set_clock()); while it runs, a source in the thread-default
 * main context reads the clock a few times a second, and
 * jm_timer_tick() does the same on demand.
 *
 * Copyright 2026 The Journey Mapper developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jm-timer"

#include "config.h"

#include "jm-timer.h"

/* How often a running timer reads its clock: often enough that the
 * seconds shown never lag by more than a quarter of one. */
#define TICK_MS 250

typedef struct
{
  char  *title;
  guint  minutes;
} Step;

struct _JmTimer
{
  GObject       parent_instance;

  JmTimerClock  clock;
  gpointer      clock_data;

  gint64        duration;    /* microseconds */
  gint64        remaining;   /* microseconds, while not running */
  gint64        deadline;    /* the clock's time at zero, while running */
  gboolean      running;
  gboolean      finished;
  guint         shown;       /* the remaining seconds last notified */
  GSource      *source;

  GPtrArray    *steps;       /* (element-type Step) */
  int           step;        /* the agenda's step, -1 for none */
};

G_DEFINE_FINAL_TYPE (JmTimer, jm_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DURATION,
  PROP_REMAINING,
  PROP_RUNNING,
  PROP_FINISHED,
  PROP_STEP,
  N_PROPS
};

enum {
  FINISHED,
  AGENDA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
system_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->title);
  g_free (step);
}

static gint64
now (JmTimer *self)
{
  return self->clock (self->clock_data);
}

static gint64
remaining_us (JmTimer *self)
{
  return self->running ? MAX (self->deadline - now (self), 0) : self->remaining;
}

/* Whole seconds, rounded up: a timer shows 0:00 only when it is done. */
static guint
to_seconds (gint64 us)
{
  return (guint) ((us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

static void
notify_remaining (JmTimer *self)
{
  guint seconds = jm_timer_get_remaining (self);

  if (seconds == self->shown)
    return;
  self->shown = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

static void
set_running (JmTimer  *self,
             gboolean  running);

static gboolean
tick_cb (gpointer data)
{
  jm_timer_tick (data);
  return G_SOURCE_CONTINUE;
}

static void
set_running (JmTimer  *self,
             gboolean  running)
{
  if (running == self->running)
    return;
  if (running)
    {
      self->deadline = now (self) + self->remaining;
      self->source = g_timeout_source_new (TICK_MS);
      g_source_set_callback (self->source, tick_cb, self, NULL);
      g_source_set_static_name (self->source, "[jm] timer");
      g_source_attach (self->source, g_main_context_get_thread_default ());
    }
  else
    {
      self->remaining = remaining_us (self);
      if (self->source != NULL)
        g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_finished (JmTimer  *self,
              gboolean  finished)
{
  if (finished == self->finished)
    return;
  self->finished = finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
}

/* Stops the timer at @duration microseconds, all of them left. */
static void
load (JmTimer *self,
      gint64   duration)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_running (self, FALSE);
  set_finished (self, FALSE);
  self->duration = duration;
  self->remaining = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  notify_remaining (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_step (JmTimer *self,
          int      step)
{
  if (step == self->step)
    return;
  self->step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
jm_timer_dispose (GObject *object)
{
  JmTimer *self = JM_TIMER (object);

  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  self->running = FALSE;
  G_OBJECT_CLASS (jm_timer_parent_class)->dispose (object);
}

static void
jm_timer_finalize (GObject *object)
{
  JmTimer *self = JM_TIMER (object);

  g_ptr_array_unref (self->steps);
  G_OBJECT_CLASS (jm_timer_parent_class)->finalize (object);
}

static void
jm_timer_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JmTimer *self = JM_TIMER (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      g_value_set_uint (value, jm_timer_get_duration (self));
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, jm_timer_get_remaining (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_timer_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JmTimer *self = JM_TIMER (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      jm_timer_set_duration (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jm_timer_class_init (JmTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = jm_timer_dispose;
  object_class->finalize = jm_timer_finalize;
  object_class->get_property = jm_timer_get_property;
  object_class->set_property = jm_timer_set_property;

  /**
   * JmTimer:duration:
   *
   * The seconds the countdown started from, with any minutes added.
   */
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT / 2, 0, G_PARAM_READWRITE | flags);
  /**
   * JmTimer:remaining:
   *
   * The seconds left, rounded up; notified as each second passes.
   */
  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | flags);
  /**
   * JmTimer:running:
   *
   * Whether the countdown runs.
   */
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, G_PARAM_READABLE | flags);
  /**
   * JmTimer:finished:
   *
   * Whether the time is up, until the timer starts or is reset.
   */
  properties[PROP_FINISHED] = g_param_spec_boolean ("finished", NULL, NULL, FALSE, G_PARAM_READABLE | flags);
  /**
   * JmTimer:step:
   *
   * The agenda's step the timer counts, or -1.
   */
  properties[PROP_STEP] = g_param_spec_int ("step", NULL, NULL, -1, G_MAXINT, -1, G_PARAM_READABLE | flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JmTimer::finished:
   *
   * The countdown reached zero; said once each time.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 0);
  /**
   * JmTimer::agenda-changed:
   *
   * The agenda's steps changed.
   */
  signals[AGENDA_CHANGED] = g_signal_new ("agenda-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jm_timer_init (JmTimer *self)
{
  self->clock = system_clock;
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->step = -1;
}

JmTimer *
jm_timer_new (void)
{
  return g_object_new (JM_TYPE_TIMER, NULL);
}

/**
 * jm_timer_set_clock:
 * @clock: (nullable): where the time comes from; %NULL for
 *   g_get_monotonic_time()
 *
 * Replaces the clock, for tests: set it before the timer first runs.
 */
void
jm_timer_set_clock (JmTimer      *self,
                    JmTimerClock  clock,
                    gpointer      user_data)
{
  g_return_if_fail (JM_IS_TIMER (self));
  g_return_if_fail (!self->running);

  self->clock = clock != NULL ? clock : system_clock;
  self->clock_data = user_data;
}

/**
 * jm_timer_tick:
 *
 * Reads the clock: notifies the seconds left, and says "finished" if the
 * time is up. A running timer does this by itself.
 */
void
jm_timer_tick (JmTimer *self)
{
  g_return_if_fail (JM_IS_TIMER (self));

  if (!self->running)
    return;
  if (remaining_us (self) > 0)
    {
      notify_remaining (self);
      return;
    }
  g_object_ref (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_running (self, FALSE);
  self->remaining = 0;
  notify_remaining (self);
  set_finished (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[FINISHED], 0);
  g_object_unref (self);
}

guint
jm_timer_get_duration (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), 0);
  return to_seconds (self->duration);
}

/**
 * jm_timer_set_duration:
 * @seconds: the countdown's length
 *
 * Stops the timer and sets it to @seconds, outside any agenda step.
 */
void
jm_timer_set_duration (JmTimer *self,
                       guint    seconds)
{
  g_return_if_fail (JM_IS_TIMER (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_step (self, -1);
  load (self, (gint64) seconds * G_USEC_PER_SEC);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
jm_timer_get_remaining (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), 0);
  return to_seconds (remaining_us (self));
}

gboolean
jm_timer_get_running (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), FALSE);
  return self->running;
}

gboolean
jm_timer_get_finished (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), FALSE);
  return self->finished;
}

/**
 * jm_timer_start:
 *
 * Runs the countdown from where it stands. A timer whose time is up
 * starts the agenda's next step if there is one, or its duration again.
 */
void
jm_timer_start (JmTimer *self)
{
  g_return_if_fail (JM_IS_TIMER (self));

  if (self->running)
    return;
  if (self->finished && self->step >= 0 && (guint) self->step + 1 < self->steps->len)
    {
      jm_timer_start_step (self, (guint) self->step + 1);
      return;
    }
  g_object_freeze_notify (G_OBJECT (self));
  if (self->remaining == 0)
    self->remaining = self->duration;
  if (self->remaining > 0)
    {
      set_finished (self, FALSE);
      set_running (self, TRUE);
    }
  notify_remaining (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
jm_timer_pause (JmTimer *self)
{
  g_return_if_fail (JM_IS_TIMER (self));
  set_running (self, FALSE);
}

/**
 * jm_timer_add_minute:
 *
 * Gives the countdown one minute more; a timer whose time was up runs
 * again for that minute.
 */
void
jm_timer_add_minute (JmTimer *self)
{
  gint64 minute = 60 * G_USEC_PER_SEC;

  g_return_if_fail (JM_IS_TIMER (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->running)
    self->deadline += minute;
  else
    self->remaining += minute;
  self->duration += minute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  if (self->finished)
    {
      set_finished (self, FALSE);
      set_running (self, TRUE);
    }
  notify_remaining (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * jm_timer_reset:
 *
 * Stops the timer with its whole duration left: the current step's, in
 * an agenda.
 */
void
jm_timer_reset (JmTimer *self)
{
  g_return_if_fail (JM_IS_TIMER (self));

  if (self->step >= 0)
    load (self, (gint64) jm_timer_get_step_minutes (self, (guint) self->step) * 60 * G_USEC_PER_SEC);
  else
    load (self, self->duration);
}

/**
 * jm_timer_set_agenda:
 * @titles: (array zero-terminated=1): the steps' titles, in order
 * @minutes: (array): each step's minutes, as many as @titles
 *
 * Replaces the agenda. The step the timer counts stays its step while
 * the agenda has one at its place.
 */
void
jm_timer_set_agenda (JmTimer            *self,
                     const char * const *titles,
                     const guint        *minutes)
{
  g_return_if_fail (JM_IS_TIMER (self));
  g_return_if_fail (titles != NULL);
  g_return_if_fail (minutes != NULL || titles[0] == NULL);

  g_ptr_array_set_size (self->steps, 0);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      Step *step = g_new0 (Step, 1);

      step->title = g_strdup (titles[i]);
      step->minutes = minutes[i];
      g_ptr_array_add (self->steps, step);
    }
  if (self->step >= (int) self->steps->len)
    set_step (self, -1);
  g_signal_emit (self, signals[AGENDA_CHANGED], 0);
}

guint
jm_timer_get_n_steps (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), 0);
  return self->steps->len;
}

const char *
jm_timer_get_step_title (JmTimer *self,
                         guint    index)
{
  g_return_val_if_fail (JM_IS_TIMER (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return ((Step *) g_ptr_array_index (self->steps, index))->title;
}

guint
jm_timer_get_step_minutes (JmTimer *self,
                           guint    index)
{
  g_return_val_if_fail (JM_IS_TIMER (self), 0);
  g_return_val_if_fail (index < self->steps->len, 0);
  return ((Step *) g_ptr_array_index (self->steps, index))->minutes;
}

int
jm_timer_get_step (JmTimer *self)
{
  g_return_val_if_fail (JM_IS_TIMER (self), -1);
  return self->step;
}

/**
 * jm_timer_start_step:
 * @index: a step of the agenda
 *
 * Runs the countdown for the step's minutes.
 */
void
jm_timer_start_step (JmTimer *self,
                     guint    index)
{
  g_return_if_fail (JM_IS_TIMER (self));
  g_return_if_fail (index < self->steps->len);

  g_object_freeze_notify (G_OBJECT (self));
  set_step (self, (int) index);
  load (self, (gint64) jm_timer_get_step_minutes (self, index) * 60 * G_USEC_PER_SEC);
  if (self->remaining > 0)
    set_running (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * jm_timer_format:
 * @seconds: a time left
 *
 * Returns: (transfer full): @seconds as a clock shows them, "4:05", or
 *   "1:02:03" from an hour
 */
char *
jm_timer_format (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}
