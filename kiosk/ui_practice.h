/* ui_practice: draws a practice step's mock screen (a frame with a title bar, a "practice"
 * marker, the widgets and the buttons) and turns keys into moves on its state.  The lesson
 * screen (ui_lesson.c) owns the step: it records attempts and shows feedback. */
#ifndef KIOSK_UI_PRACTICE_H
#define KIOSK_UI_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "practice.h"
#include "ui.h"

/* Starts p afresh: empty fields, focus on the first widget. */
void ui_practice_open(const struct practice *p);

/* The state behind the screen, for verdicts. */
const struct practice_state *ui_practice_state(void);

/* Draws the mock from row at col; returns the rows used. */
int ui_practice_draw(int row, int col);

/* Handles k; returns true and sets *button when the learner pressed a button. */
bool ui_practice_key(const struct ui_key *k, size_t *button);

/* Plays the "show me" demonstration on screen, slowly, then empties the screen again.
 * redraw draws the whole screen; any key stops the demonstration early. */
void ui_practice_show_me(struct app *a, void (*redraw)(struct app *a));

#endif
