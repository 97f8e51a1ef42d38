/* ui_practice: draws a practice step's mock screen (a frame with a title bar, a "practice"
 * marker, the widgets and the buttons), turns keys into moves on its state (practice_keys.c
 * decides what each key does), and plays "show me" as a timed state: the lesson screen's
 * tick calls ui_practice_demo_tick() from the one event loop, so signals, resizes, the idle
 * timer and the trainer keys keep working while it plays.  The lesson screen (ui_lesson.c)
 * owns the step: it records attempts and shows feedback. */
#ifndef KIOSK_UI_PRACTICE_H
#define KIOSK_UI_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "practice.h"
#include "practice_keys.h"
#include "ui.h"

struct ui_practice;

/* A fresh screen for p: empty fields, focus on the first widget.  Free with
 * ui_practice_free() (NULL is fine). */
struct ui_practice *ui_practice_new(const struct practice *p);
void ui_practice_free(struct ui_practice *u);

/* The state behind the screen, for verdicts and the focus after a press. */
struct practice_state *ui_practice_state(struct ui_practice *u);

/* Draws the mock from row at col; returns the rows used. */
int ui_practice_draw(struct ui_practice *u, int row, int col);

/* Handles k (see practice_keys.h); on PRACTICE_PRESS *button is the button pressed. */
enum practice_effect ui_practice_key(struct ui_practice *u, const struct ui_key *k,
                                     size_t *button);

/* "Show me" of the step whose text is task: starts from an empty screen and presses one key
 * every 1.5 s (letters 0.6 s),
 * with a caption naming each key.  ui_practice_demo_tick() advances it; it returns the
 * milliseconds until it wants to be called again, or -1 when nothing plays.  At the end, or
 * on ui_practice_demo_stop(), the screen is empty again for the learner. */
void ui_practice_demo_start(struct ui_practice *u, const char *task, double now);
int ui_practice_demo_tick(struct ui_practice *u, double now);
bool ui_practice_demo_playing(const struct ui_practice *u);
void ui_practice_demo_stop(struct ui_practice *u);
/* The caption of the demonstration ("I press Tab"), or NULL. */
const char *ui_practice_caption(const struct ui_practice *u);

/* A practice step done already, come to again (ui_lesson.c shows it done): the form as "show
 * me" for task leaves it just before its button is pressed: every field holding the right
 * entry, the right boxes ticked and items chosen, the focus on the button the task presses.
 * At once: no keys played, no caption.  Meant for a screen just made by ui_practice_new().
 * Returns true when the form shows that state; false, leaving the screen as it was, when the
 * demonstration gives no keys (practice_keys_demo()'s failure) or does not end on the task's
 * button with every rule met (a lesson the parser let through with a field "show me" cannot
 * fill): a form shown done must never show a wrong answer. */
bool ui_practice_show_done(struct ui_practice *u, const char *task);

#endif
