/* lesson_parse: what the two halves of the lesson parser share, and nothing else includes.
 * lesson.c reads a file into key/value fields and builds the lesson step by step;
 * lesson_practice.c builds the mock screen of a practice step from its fields.  Owns the
 * key names, the field and parser structs, the message helper, and the state of a reject:
 * group (used by type steps and practice fields alike). */
#ifndef KIOSK_LESSON_PARSE_H
#define KIOSK_LESSON_PARSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "diag.h"
#include "lesson.h"

enum key {
	K_LESSON, K_TITLE, K_ORDER, K_STEP, K_KIND, K_TEXT, K_HINT, K_SUCCESS, K_OPTION,
	K_CORRECT, K_FEEDBACK, K_PROMPT, K_ACCEPT,
	/* practice steps: the mock's title, its widgets, and the keys that belong to the
	 * widget above them */
	K_SCREEN, K_LABEL, K_FIELD, K_CHECK, K_CHOICE, K_LIST, K_BUTTON,
	K_ITEM, K_PRESS, K_DIGITS, K_DATE, K_REQUIRED, K_VALUE, K_MUST,
	/* answers refused with a reason, and letter case: type steps and practice fields */
	K_REJECT, K_CASE,
	/* the button that Enter in a field presses, as a web form's submit button */
	K_DEFAULT,
	/* a spoken form for reading aloud: "say: 112 = едно едно две", any step */
	K_SAY, K_COUNT
};

/* The keys as written in lesson files ("lesson", "title"...), by enum key. */
extern const char *const lesson_key_names[K_COUNT];

#define BIT(k) (1u << (k))
/* Keys that start a widget of a practice step. */
#define WIDGET_KEYS (BIT(K_LABEL) | BIT(K_FIELD) | BIT(K_CHECK) | BIT(K_CHOICE) | \
                     BIT(K_LIST) | BIT(K_BUTTON))
/* Keys that belong to the widget above them (accept: and feedback: too, in a practice step). */
#define ATTACHED_KEYS (BIT(K_ITEM) | BIT(K_PRESS) | BIT(K_DIGITS) | BIT(K_DATE) | \
                       BIT(K_REQUIRED) | BIT(K_VALUE) | BIT(K_MUST) | BIT(K_ACCEPT) | \
                       BIT(K_FEEDBACK) | BIT(K_REJECT) | BIT(K_CASE) | BIT(K_DEFAULT))
/* A field's rules: at most one kind of them per field. */
#define FIELD_RULE_KEYS (BIT(K_ACCEPT) | BIT(K_DIGITS) | BIT(K_DATE) | BIT(K_REQUIRED))
/* Keys that the practice part of the parser (lesson_practice_field) handles. */
#define MOCK_KEYS (BIT(K_SCREEN) | WIDGET_KEYS | ATTACHED_KEYS)

/* A growing string: continuation lines and repeated text: keys append, and a file of many
 * short lines must not cost quadratic time. */
struct buf {
	char *s;
	size_t len, cap;
};

struct field {
	enum key key;
	int line;        /* line of "key:" */
	struct buf val;  /* trimmed value, continuation lines joined with one space */
};

struct parser {
	const char *name;
	bool trusted;        /* the contents passed the screen-fit checks before (fitcache.h):
	                      * texts are not measured against the screen again */
	struct diags diags;  /* this file's problems, sorted by line before they are handed on */
	struct field *f;
	size_t count, cap;
};

/* Adds a problem at line of the file being parsed (after too many, one last message). */
void lesson_vproblem(struct parser *p, int line, const char *fmt, va_list ap);

/* Reports a feedback:, hint: or success: f of step s that takes too many rows. */
void lesson_check_note(struct parser *p, const struct step *s, const struct field *f);

/* 'yes' is the only value of the switches date:, required:, press: and case:; true when f
 * says it, else reported. */
bool lesson_yes(struct parser *p, const struct field *f);

/* Consecutive reject: lines make one group; the feedback: directly after them is the reason
 * shown for all of them.  The same in a type step and under a practice field. */
struct reject_state {
	struct answer_reject *group;  /* the group still taking reject: lines, awaiting its
	                               * feedback; NULL when none is open */
	int line;                     /* its last reject: line, for the message */
	bool refused;                 /* the last reject: was reported as wrong: the feedback:
	                               * after it would only repeat the problem */
};

/* Adds reject: f to the open group of v[0..*n), or to a new group appended there. */
void lesson_reject_add(struct reject_state *rs, struct answer_reject **v, size_t *n,
                       const struct field *f);

/* A feedback: f that closes an open group; false when no group is open (f is then the
 * step's or the widget's own feedback). */
bool lesson_reject_feedback(struct parser *p, const struct step *s, struct reject_state *rs,
                            const struct field *f);

/* ---- practice steps (lesson_practice.c) ---- */

#define MOCK_MIN_ITEMS    2
#define MOCK_MAX_CHOICES  6
#define MOCK_MAX_LIST     8

/* A practice step while its fields are read. */
struct mock {
	struct practice *pr;
	bool open;                          /* pr's last widget still takes keys */
	const struct field *once[K_COUNT];  /* keys of the open widget seen so far */
	const struct field *rule;           /* the open field's first rule key */
	int item_line[MOCK_MAX_LIST + 1];   /* lines of its items, as far as allowed */
	const struct field *press;          /* the first 'press: yes' of the step */
	const struct field *dflt;           /* the first 'default: yes' of the step */
	size_t focusable, buttons;
	int extra_focusable_line, extra_button_line;  /* the first one too many, or 0 */
};

/* Starts reading practice step s: gives it an empty struct practice (owned by s). */
void lesson_practice_begin(struct mock *m, struct step *s);

/* One field of s whose key is in MOCK_KEYS: the screen: title, a widget, or a key that
 * belongs to the widget above it.  Problems are reported to p. */
void lesson_practice_field(struct parser *p, struct step *s, struct mock *m,
                           struct reject_state *rs, const struct field *f);

/* The step's fields are all read: checks the last widget and the screen as a whole (its
 * buttons, counts, and that the task text (first at text_line, 0 if none), the frame and,
 * below them, the praise with the step's success: (at success_line) fit the 80x24 screen). */
void lesson_practice_end(struct parser *p, const struct step *s, struct mock *m,
                         int text_line, int success_line);

#endif
