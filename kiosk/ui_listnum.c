/* ui_listnum: a numbered list's number typed on a screen one digit at a time, with no time
 * limit: the learner's lesson list and the trainer's learners list and lesson list (reset
 * one lesson) share it.  Owns the keys (a digit grows the number and moves the highlight,
 * Backspace takes back a digit, Esc the whole number, any other key forgets it) and the
 * line that shows the number as it grows ("Lesson number: 1_").  The joining rule is
 * listnum.c's; each screen keeps its struct listnum and its highlight, and Enter stays the
 * screen's own. */
#include <stdlib.h>

#include "curses_dl.h"
#include "listnum.h"
#include "ui.h"
#include "util.h"

static bool is_digit(const struct ui_key *k)
{
	return k->code == UK_CHAR && k->ch >= '0' && k->ch <= '9';
}

enum ui_result ui_listnum_digit(struct listnum *ln, const struct ui_key *k, size_t count,
                                size_t *selected)
{
	int d = is_digit(k) ? listnum_digit(ln, k->ch - '0', count) : -1;

	if (d < 0)
		return UI_IGNORED;
	*selected = (size_t)d;
	return UI_HANDLED;
}

enum ui_result ui_listnum_erase(struct listnum *ln, size_t *selected)
{
	int d;

	if (ln->value == 0)
		return UI_IGNORED;
	d = listnum_erase(ln);
	if (d >= 0)
		*selected = (size_t)d;
	return UI_HANDLED;
}

bool ui_listnum_key(struct listnum *ln, const struct ui_key *k)
{
	/* Esc takes back a number before it leaves the screen, as it takes back a half-typed
	 * answer (novice test r16): the number was the last thing done here. */
	if (k->code == UK_ESC && ln->value != 0) {
		listnum_clear(ln);
		return true;
	}
	/* After an arrow, a letter or Enter, "5" is item 5 again, not 15. */
	if (!is_digit(k) && k->code != UK_BACKSPACE)
		listnum_clear(ln);
	return false;
}

int ui_listnum_draw(const struct listnum *ln, size_t count, const char *format, int row,
                    int col, int width, int max_rows)
{
	char *digits, *typed;
	int used;

	if (ln->value == 0)
		return 0;
	/* "_" says that another digit may follow: 1_ (10-16 are still possible), 15. */
	digits = xasprintf("%zu%s", ln->value, listnum_can_grow(ln, count) ? "_" : "");
	typed = xasprintf(format, digits);
	used = ui_text(row, col, width, max_rows, typed, A_BOLD);
	free(typed);
	free(digits);
	return used;
}
