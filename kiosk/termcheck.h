/* termcheck: can this terminal run the kiosk?  Reads the terminfo entry named by $TERM and the
 * window size, without starting curses, so the kiosk can refuse a hopeless terminal with a
 * clear message in the learners' languages (instead of ncurses' English "Error opening
 * terminal", a blank dumb screen, or a vt100 where F11 and F12 never arrive), and so that
 * `kiosk doctor` can report the same facts.  Owns no state after termcheck_run returns. */
#ifndef KIOSK_TERMCHECK_H
#define KIOSK_TERMCHECK_H

#include <stdbool.h>

/* The worst problem found, in the order they are checked. */
enum termcheck_verdict {
	TERMCHECK_OK,
	TERMCHECK_UNSET,     /* $TERM empty or unset */
	TERMCHECK_NO_LIBRARY, /* ncursesw cannot be loaded (curses_dl_error() says why) */
	TERMCHECK_UNKNOWN,   /* no terminfo entry for $TERM */
	TERMCHECK_NO_CURSOR, /* cannot move the cursor or clear: dumb, hardcopy */
	TERMCHECK_NO_KEYS,   /* F2, F10, F11 or F12 unknown: a learner could not leave */
};

struct termcheck {
	enum termcheck_verdict verdict;
	char name[64];          /* $TERM, control characters replaced by '?', "" when unset */
	int colours;            /* terminfo colours, 0 when none */
	bool line_drawing;      /* the terminal has line-drawing characters (acsc) */
	char missing_keys[24];  /* "F11 F12": the kiosk's function keys the terminal lacks */
	int rows, cols;         /* window size of fd; 0 when fd is not a terminal */
};

/* The minimum window the kiosk's screens are laid out for. */
enum { TERMCHECK_MIN_COLS = 80, TERMCHECK_MIN_ROWS = 24 };

/* Fills t from $TERM and the terminal on fd (for its size only).  Never prints. */
void termcheck_run(int fd, struct termcheck *t);

/* What is wrong with the terminal and how to fix it, in the current gettext language, one
 * paragraph without a trailing newline; NULL when t->verdict is TERMCHECK_OK.  Caller frees. */
char *termcheck_explain(const struct termcheck *t);

#endif
