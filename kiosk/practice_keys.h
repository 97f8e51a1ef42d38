/* practice_keys: what each key does on a practice screen, and the "show me" demonstration as
 * the very keys a learner would press.  Owns the focus model that a person who has never used
 * a keyboard relies on:
 *   - Tab / Shift-Tab move between widgets; Down / Up do too, except inside a list or a choice,
 *     where they move the pick (Tab leaves it).
 *   - Enter in a field, on a checkbox, or on a list with a pick submits the form through its
 *     one "press: yes" button, as on a real web page; Enter presses another button only when
 *     that button has the focus.
 *   - Space ticks a box; Enter never does.
 *   - Typing while a button, box or list has the focus goes to the widget the task is about
 *     (the first one that is not right yet) or the nearest field, never into nothing.
 *   - After a failed press the focus moves to the first widget that is not right, with the
 *     cursor at the end of its text, so the next key does what the feedback says.
 * Curses-free: the UI turns its keys into struct practice_key (ui_practice.c). */
#ifndef KIOSK_PRACTICE_KEYS_H
#define KIOSK_PRACTICE_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "practice.h"

enum practice_keycode {
	PKEY_CHAR,      /* ch holds a printable code point (Space included) */
	PKEY_ENTER, PKEY_TAB, PKEY_BACKTAB,
	PKEY_UP, PKEY_DOWN, PKEY_LEFT, PKEY_RIGHT, PKEY_HOME, PKEY_END,
	PKEY_BACKSPACE, PKEY_DELETE,
	PKEY_OTHER,     /* anything else: ignored */
};

struct practice_key {
	enum practice_keycode code;
	uint32_t ch;    /* PKEY_CHAR only */
};

enum practice_effect {
	PRACTICE_IGNORED,   /* the key does nothing here */
	PRACTICE_MOVED,     /* the focus, a highlight or a text cursor moved */
	PRACTICE_CHANGED,   /* a value changed: text, a tick, a pick */
	PRACTICE_PRESS,     /* a button was pressed: its index is in *button */
};

/* Applies k to st.  On PRACTICE_PRESS, *button is the widget pressed; the caller asks
 * practice_press() for the verdict and then calls practice_keys_pressed(). */
enum practice_effect practice_keys_handle(struct practice_state *st, struct practice_key k,
                                          size_t *button);

/* After a press that did not pass: moves the focus to the first widget that is not right
 * (text cursor at the end), so that typing, Backspace, Space or a digit acts where the
 * feedback points.  A passed press changes nothing. */
void practice_keys_pressed(struct practice_state *st, struct practice_verdict v);

/* The button Enter in a field presses: the one with "default: yes" (a web form's submit
 * button), else the one with "press: yes" (the parser guarantees one); or PRACTICE_NONE. */
size_t practice_keys_submit_button(const struct practice *p);

/* The "show me" demonstration from a fresh state: the keys a learner presses to do the task,
 * widget by widget in the order the task (the step's text, or NULL) names them, else in the
 * file's order: Tab (Shift-Tab for a widget above) to reach each one, then the letters,
 * Space or the item's digit, ending with the focus on the button to press.  Feeding them to
 * practice_keys_handle() from practice_state_reset() leaves a state that passes.  Returns the
 * number of keys; *out is the caller's to free. */
size_t practice_keys_demo(const struct practice *p, const char *task,
                          struct practice_key **out);

#endif
