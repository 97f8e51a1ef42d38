/* practice: the model of a practice screen, a simplified mock of a web page or phone app in
 * which the learner does a real task safely (lessons/README.md, "kind: practice").  Owns the
 * widgets a lesson describes, the learner's state on them (focus, typed text, ticks, picks),
 * and the rules that decide whether the task is done.  What keys do, and the "show me"
 * demonstration, are in practice_keys.h.  Draws nothing: ui_practice.c does. */
#ifndef KIOSK_PRACTICE_H
#define KIOSK_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "edit.h"
#include "practice_layout.h"

#define PRACTICE_MAX_FOCUSABLE 8
#define PRACTICE_MAX_BUTTONS   4
#define PRACTICE_MAX_DIGITS   20
#define PRACTICE_NONE ((size_t)-1)

enum widget_kind {
	WIDGET_LABEL,   /* plain text */
	WIDGET_FIELD,   /* a text field */
	WIDGET_CHECK,   /* a checkbox */
	WIDGET_CHOICE,  /* radio choices */
	WIDGET_LIST,    /* a list to pick one from */
	WIDGET_BUTTON,
};

enum field_rule {
	RULE_ANY,       /* anything, even empty */
	RULE_REQUIRED,  /* not empty */
	RULE_ACCEPT,    /* one of accept[], compared with text_fold */
	RULE_DIGITS,    /* exactly digits digits, spaces ignored */
	RULE_DATE,      /* DD.MM.YYYY, a real date */
};

enum check_rule { CHECK_ANY, CHECK_CHECKED, CHECK_UNCHECKED };

struct widget {
	enum widget_kind kind;
	char *label;
	int line;                /* in the lesson file, for messages */
	enum field_rule rule;    /* field */
	char **accept;           /* field, RULE_ACCEPT */
	size_t accept_count;
	int digits;              /* field, RULE_DIGITS */
	char *value;             /* field: what "show me" types; NULL for RULE_ANY */
	struct answer_reject *rejects;  /* field: answers refused whatever the rule, each group
	                                 * with its own reason */
	size_t reject_count;
	bool case_counts;        /* field, RULE_ACCEPT: "case: yes", capitals must match */
	enum check_rule check;   /* check */
	char **items;            /* choice, list */
	size_t item_count;
	size_t must;             /* choice, list: index of the item required, or PRACTICE_NONE */
	bool expected;           /* button: the one to press */
	bool submits;            /* button: "default: yes", the one Enter in a field presses (a
	                          * web form's submit button); without one, the expected one */
	char *feedback;          /* shown when this widget breaks its rule, or when this button
	                          * (not the expected one) is pressed; may be NULL */
};

struct practice {
	char *title;             /* the mock's title bar: app name or made-up address */
	struct widget *widgets;
	size_t count;
};

/* Frees p (from malloc) and everything in it; NULL is fine. */
void practice_free(struct practice *p);

/* Rows the frame takes, borders included (see PRACTICE_MAX_ROWS). */
size_t practice_rows(const struct practice *p);

/* True for widgets the focus can move to (everything but labels). */
bool practice_focusable(const struct widget *w);

/* Why the last key did something else than a learner may expect, or nothing: set by
 * practice_keys_handle(), shown as a line by the lesson screen, so that a named key never
 * does nothing silently (novice test). */
enum practice_note {
	PRACTICE_NOTE_NONE,
	PRACTICE_NOTE_ENTER_PICKED,    /* Enter on a list without a pick picked the highlighted
	                                * item; it presses no button */
	PRACTICE_NOTE_ENTER_ON_ITEMS,  /* Enter on a list or choice: it presses no button */
	PRACTICE_NOTE_CHECK,           /* Enter, or a key with nowhere to go, on a box */
	PRACTICE_NOTE_NO_ITEM,         /* typed text begins no item: in unmatched[] */
	PRACTICE_NOTE_LIST_KEY,        /* a key a list cannot take, with nowhere to go */
	PRACTICE_NOTE_ON_BUTTON,       /* Space, a letter or Backspace on a button */
	PRACTICE_NOTE_FIELD_EMPTY,     /* Backspace or Delete in an empty field */
	PRACTICE_NOTE_ENTER_EMPTY,     /* Enter in an empty field: it presses no button */
	PRACTICE_NOTE_DIGIT_CHANGED,   /* a digit changed a choice already made (often typed for
	                                * the next field) */
};

#define PRACTICE_TYPED_MAX 48

/* The learner's state on one practice screen. */
struct practice_state {
	const struct practice *p;
	size_t focus;            /* index of the focused widget */
	struct edit *text;       /* per widget; used by fields */
	bool *checked;           /* per widget; used by checks */
	size_t *picked;          /* per widget; choice/list: item index or PRACTICE_NONE */
	size_t *cursor;          /* per widget; choice/list: highlighted item */
	char typed[PRACTICE_TYPED_MAX];  /* a list whose items begin with digits: what was typed
	                                  * on it so far (type-ahead) */
	char unmatched[PRACTICE_TYPED_MAX];  /* with PRACTICE_NOTE_NO_ITEM: the text that begins
	                                      * no item */
	enum practice_note note; /* about the last key */
	bool enter_in_field;     /* the last press came from Enter in a field, not from the
	                          * learner choosing the button */
};

/* Fresh state: empty fields, nothing ticked or picked, focus on the first focusable widget. */
void practice_state_init(struct practice_state *st, const struct practice *p);
void practice_state_reset(struct practice_state *st);
void practice_state_free(struct practice_state *st);

/* Moves the focus to the next / previous focusable widget, wrapping around. */
void practice_focus_next(struct practice_state *st);
void practice_focus_prev(struct practice_state *st);

/* Does text meet the rule of field w, and is it none of its refused answers?  The parser
 * uses it on each "show me" value, so a lesson cannot ask for something its own
 * demonstration fails. */
bool practice_field_accepts(const struct widget *w, const char *text);

/* The group of field w's "reject:" answers that text is, or NULL. */
const struct answer_reject *practice_field_rejects(const struct widget *w, const char *text);

/* Does widget i meet its rule in st?  Labels and buttons always do. */
bool practice_widget_ok(const struct practice_state *st, size_t i);

enum practice_outcome {
	PRACTICE_PASSED,        /* the expected button with every rule met */
	PRACTICE_WRONG_BUTTON,  /* another button: widget is that button */
	PRACTICE_NOT_READY,     /* the expected button, but widget breaks its rule */
};

struct practice_verdict {
	enum practice_outcome outcome;
	size_t widget;          /* the wrong button, or the first widget breaking its rule */
	const struct answer_reject *reject;  /* NOT_READY: the refused answer's group, whose
	                                      * feedback is the reason to show; else NULL */
};

/* What pressing button (a widget index) does now. */
struct practice_verdict practice_press(const struct practice_state *st, size_t button);

/* The widget in focus as it is read aloud: "field Phone, empty", "field Name: Мария",
 * "checkbox I agree, ticked", "choice Delivery, chosen: By post", "button Send"; caller frees.
 * NULL when nothing has the focus. */
char *practice_describe_focus(const struct practice_state *st);

/* The practice screen's own words as they are read aloud, in screen order: its title (a line
 * for each part of "App · address"), then each label: line, one a line (the text of a mock SMS or letter, a number, an address that
 * the learner must read to do the task).  Field, checkbox and button labels are not in it:
 * practice_describe_focus() reads the one in focus.  Caller frees; "" when there is
 * nothing to read. */
char *practice_describe_screen(const struct practice *p);

/* What "show me" types in field w: its value, else its first accepted answer, else NULL
 * (practice_keys.c plays it). */
const char *practice_demo_text(const struct widget *w);

#endif
