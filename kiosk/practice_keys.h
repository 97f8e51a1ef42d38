/* practice_keys: what each key does on a practice screen, and the "show me" demonstration as
 * the very keys a learner would press.  Owns the focus model that a person who has never used
 * a keyboard relies on:
 *   - Tab / Shift-Tab move between widgets; Down / Up do too, except inside a list or a choice,
 *     where they move the pick (Tab leaves it).
 *   - Enter in a field submits the form through its submit button ("default: yes", else the
 *     "press: yes" one), as on a real web page; Enter on a button presses that button.
 *     Enter on a list, a choice or a box presses no button (the learner must reach the
 *     button, which may be the lesson's very point): on a list with nothing picked it picks
 *     the highlighted item, otherwise it only leaves a note saying how to reach a button.
 *   - Space ticks a box; Enter never does.
 *   - A list whose items begin with digits (times, dates) picks by text, as a drop-down
 *     does: "10:00" typed picks "10:00"; a digit that begins no item picks the item with
 *     that number.  Other lists: the digit N picks item N.
 *   - Typing while a button, box or list has the focus goes to the widget the task is about
 *     (the first one that is not right yet) or the nearest field; never from a list of times.
 *   - A named key (a letter, Space, Enter, Backspace) that can do nothing where the focus is
 *     leaves a note in st->note (enum practice_note) for the screen to show: never silence.
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

/* Applies k to st.  On PRACTICE_PRESS, *button is the widget pressed (st->enter_in_field
 * says whether Enter in a field pressed it); the caller asks practice_press() for the
 * verdict and then calls practice_keys_pressed().  Whatever the effect, st->note says what
 * to tell the learner about this key (PRACTICE_NOTE_NONE: nothing). */
enum practice_effect practice_keys_handle(struct practice_state *st, struct practice_key k,
                                          size_t *button);

/* After a press that did not pass: moves the focus to the first widget that is not right
 * (text cursor at the end), so that typing, Backspace, Space or a digit acts where the
 * feedback points.  A passed press changes nothing. */
void practice_keys_pressed(struct practice_state *st, struct practice_verdict v);

/* Does w (a choice or list) pick by typed text, because an item begins with a digit? */
bool practice_keys_typed_items(const struct widget *w);

/* The button Enter in a field presses: the one with "default: yes" (a web form's submit
 * button), else the one with "press: yes" (the parser guarantees one); or PRACTICE_NONE. */
size_t practice_keys_submit_button(const struct practice *p);

/* The button Enter presses where the focus is now, for the footer to name: in a field with
 * something typed the submit button (an empty field presses none, and says so), on a button
 * that button; on a list, a choice, a box or an empty field none.  A widget index, or
 * PRACTICE_NONE. */
size_t practice_keys_enter_button(const struct practice_state *st);

/* The "show me" demonstration from a fresh state: the keys a learner presses to do the task,
 * widget by widget in the order the task (the step's text, or NULL) names them, else in the
 * file's order: Tab (Shift-Tab for a widget above) to reach each one, then the letters,
 * Space, the item's digit, or how a time or date item begins ("10:00"), ending with the focus on the button to press.  Feeding them to
 * practice_keys_handle() from practice_state_reset() leaves a state that passes.  Returns the
 * number of keys; *out is the caller's to free. */
size_t practice_keys_demo(const struct practice *p, const char *task,
                          struct practice_key **out);

#endif
