/* Unit tests: key tables (ui.c's ui_dispatch and ui_footer_text), without a terminal: the
 * footer names exactly the bindings that have names, in order, and the first binding that
 * takes a key runs, so what the footer says and what the keys do come from one table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "listnum.h"
#include "text.h"
#include "ui.h"

static int ran;  /* which binding ran: 1-based */

static enum ui_result one(struct app *a, const struct ui_key *k) { ran = 1; return UI_HANDLED; }
static enum ui_result two(struct app *a, const struct ui_key *k) { ran = 2; return UI_LEAVE; }
static enum ui_result three(struct app *a, const struct ui_key *k) { ran = 3; return UI_HANDLED; }

static const struct ui_binding keys[] = {
	{ UI_KEY_DIGIT, "Digit", "answer", one },
	{ UI_KEY(UK_ENTER) | UI_KEY(UK_TAB), "Enter", "next", two },
	{ UI_KEY_TEXT | UI_KEY(UK_BACKSPACE), NULL, NULL, three },
};

static enum ui_result press(enum ui_keycode code, uint32_t ch)
{
	struct ui_key k = { code, ch };

	ran = 0;
	return ui_dispatch(NULL, &k, keys, UI_COUNT(keys));
}

static void first_binding_that_takes_the_key_runs(void **state)
{
	assert_int_equal(press(UK_CHAR, '1'), UI_HANDLED);
	assert_int_equal(ran, 1);
	assert_int_equal(press(UK_CHAR, '9'), UI_HANDLED);
	assert_int_equal(ran, 1);
	/* 0 is a digit too: it makes 10, 20 in long lists. */
	assert_int_equal(press(UK_CHAR, '0'), UI_HANDLED);
	assert_int_equal(ran, 1);
	assert_int_equal(press(UK_CHAR, 0x0439), UI_HANDLED);  /* й */
	assert_int_equal(ran, 3);
	assert_int_equal(press(UK_TAB, 0), UI_LEAVE);
	assert_int_equal(ran, 2);
	assert_int_equal(press(UK_BACKSPACE, 0), UI_HANDLED);
	assert_int_equal(ran, 3);
	/* A key no binding takes does nothing, and says so. */
	assert_int_equal(press(UK_F7, 0), UI_IGNORED);
	assert_int_equal(ran, 0);
}

static void footer_names_the_named_bindings_in_order(void **state)
{
	char *s = ui_footer_text(keys, UI_COUNT(keys));

	assert_string_equal(s, "Digit: answer   Enter: next");
	free(s);
}

static void a_long_footer_closes_up_rather_than_losing_a_key(void **state)
{
	static const struct ui_binding many[] = {
		{ UI_KEY(UK_TAB), "Tab", "next", one },
		{ UI_KEY(UK_ENTER), "Enter", "press the button", one },
		{ UI_KEY(UK_F2), "F2", "show me how", one },
		{ UI_KEY(UK_ESC), "Esc", "go back", one },
		{ UI_KEY(UK_F10), "F10", "end", one },
	};
	char *s = ui_footer_text(many, UI_COUNT(many));

	assert_non_null(strstr(s, "F10: end"));
	assert_null(strstr(s, "   "));
	assert_true(strlen(s) <= UI_MIN_COLS - 4);
	free(s);
}

/* A practice screen's footer in the kiosk's own words: Enter names the button it presses when
 * the footer still fits (its last key whole), else keeps its short words. */
static const struct ui_binding practice_bg[] = {
	{ UI_KEY(UK_TAB), "Tab", "следващо", one },
	{ UI_KEY(UK_ENTER), "Enter", "натиска бутона", one },
	{ UI_KEY(UK_F2), "F2", "покажи", one },
	{ UI_KEY(UK_ESC), "Esc", "назад", one },
	{ UI_KEY(UK_F10), "F10", "край", one },
};
static const struct ui_binding practice_uk[] = {
	{ UI_KEY(UK_TAB), "Tab", "перейти", one },
	{ UI_KEY(UK_ENTER), "Enter", "натиснути", one },
	{ UI_KEY(UK_F2), "F2", "показати", one },
	{ UI_KEY(UK_ESC), "Esc", "назад", one },
	{ UI_KEY(UK_F10), "F10", "вийти", one },
};

/* The footer of b with Enter doing the first of texts that fits in cols columns: the footer
 * as shown; *chosen is that text's index (2: none, the table's own words). */
static char *footer_with(const struct ui_binding *b, const char *full, const char *label,
                         int cols, size_t *chosen)
{
	const char *texts[] = { full, label };
	struct ui_binding out[5];

	*chosen = ui_footer_first_fit(b, 5, 1, texts, 2, cols, out);
	assert_ptr_equal(out[1].does, *chosen < 2 ? texts[*chosen] : b[1].does);
	assert_ptr_equal(out[0].does, b[0].does);
	assert_ptr_equal(out[4].fn, b[4].fn);
	return ui_footer_text(out, 5);
}

static void enter_names_its_button_when_the_footer_fits(void **state)
{
	size_t chosen;
	char *s = footer_with(practice_bg, "натиска „Вход“", "„Вход“", UI_MIN_COLS - 4, &chosen);

	assert_int_equal(chosen, 0);
	assert_string_equal(s, "Tab: следващо   Enter: натиска „Вход“   F2: покажи   Esc: назад   "
	                       "F10: край");
	free(s);
	/* Exactly the 76 columns of an 80-column footer. */
	s = footer_with(practice_uk, "натискає «Камера»", "«Камера»", UI_MIN_COLS - 4, &chosen);
	assert_int_equal(chosen, 0);
	assert_int_equal(text_width(s), UI_MIN_COLS - 4);
	free(s);
	/* One column more: the label alone, which says what the button does. */
	s = footer_with(practice_uk, "натискає «Слухавка»", "«Слухавка»", UI_MIN_COLS - 4,
	                &chosen);
	assert_int_equal(chosen, 1);
	assert_string_equal(s, "Tab: перейти   Enter: «Слухавка»   F2: показати   Esc: назад   "
	                       "F10: вийти");
	free(s);
}

static void a_long_button_name_falls_back_to_the_short_words(void **state)
{
	size_t chosen;
	char *s = footer_with(practice_uk, "натискає «Оформити замовлення»",
	                      "«Оформити замовлення»", UI_MIN_COLS - 4, &chosen);

	/* Not even the label fits: the footer as it was, F10 whole. */
	assert_int_equal(chosen, 2);
	assert_string_equal(s, "Tab: перейти   Enter: натиснути   F2: показати   Esc: назад   "
	                       "F10: вийти");
	free(s);
	s = footer_with(practice_bg, "натиска „Изпрати оплакване сега“", "„Изпрати оплакване сега“",
	                UI_MIN_COLS - 4, &chosen);
	assert_int_equal(chosen, 2);
	assert_non_null(strstr(s, "Enter: натиска бутона"));
	assert_true(text_width(s) <= UI_MIN_COLS - 4);
	free(s);
	/* A wider terminal has room for all of it. */
	s = footer_with(practice_bg, "натиска „Изпрати оплакване сега“", "„Изпрати оплакване сега“",
	                116, &chosen);
	assert_int_equal(chosen, 0);
	assert_non_null(strstr(s, "Enter: натиска „Изпрати оплакване сега“"));
	free(s);
}

static int digit(char c, size_t count)
{
	struct ui_key k = { UK_CHAR, (uint32_t)c };

	return ui_digit(&k, count);
}

/* Lists of ten or more: digits typed one after the other make one number. */
static void digits_make_numbers_in_long_lists(void **state)
{
	assert_int_equal(digit('1', 16), 0);
	assert_int_equal(digit('6', 16), 15);   /* "1", "6": item 16 */
	assert_int_equal(digit('7', 16), 6);    /* 167 is past the end: a new number, 7 */
	assert_int_equal(digit('1', 16), 0);
	assert_int_equal(digit('0', 16), 9);    /* "1", "0": item 10 */
	assert_int_equal(digit('0', 16), -1);   /* 100 is past the end, and 0 alone picks nothing */
	assert_int_equal(digit('2', 16), 1);
	/* Short lists: each digit on its own, as before. */
	assert_int_equal(digit('1', 6), 0);
	assert_int_equal(digit('2', 6), 1);
	assert_int_equal(digit('7', 6), -1);
	assert_int_equal(digit('x', 16), -1);
}

/* A long list's number (ui_listnum, the trainer's learners and lessons, the learner's
 * lessons): the screen's keys in the order a screen feeds them, with the highlight. */
static enum ui_result number_key(struct listnum *ln, enum ui_keycode code, uint32_t ch,
                                 size_t count, size_t *sel)
{
	struct ui_key k = { code, ch };

	ui_listnum_key(ln, &k);
	if (code == UK_BACKSPACE)
		return ui_listnum_erase(ln, sel);
	return ui_listnum_digit(ln, &k, count, sel);
}

/* Digits only move the highlight and join with no clock at all: "1" then "2" is item 12 of
 * 30, Backspace goes back to 1, another key forgets the number. */
static void a_long_list_number_moves_the_highlight(void **state)
{
	struct listnum ln = { 0 };
	size_t sel = 5;

	assert_int_equal(number_key(&ln, UK_CHAR, '1', 30, &sel), UI_HANDLED);
	assert_int_equal(sel, 0);
	assert_int_equal(number_key(&ln, UK_CHAR, '2', 30, &sel), UI_HANDLED);
	assert_int_equal(sel, 11);
	assert_int_equal(ln.value, 12);
	assert_int_equal(number_key(&ln, UK_BACKSPACE, 0, 30, &sel), UI_HANDLED);
	assert_int_equal(sel, 0);
	assert_int_equal(ln.value, 1);
	/* The last digit taken back: nothing typed, the highlight stays where it was. */
	assert_int_equal(number_key(&ln, UK_BACKSPACE, 0, 30, &sel), UI_HANDLED);
	assert_int_equal(sel, 0);
	assert_int_equal(ln.value, 0);
	/* No number: Backspace is the screen's (the learners list's search field). */
	assert_int_equal(number_key(&ln, UK_BACKSPACE, 0, 30, &sel), UI_IGNORED);
	/* A digit that names nothing changes nothing, and says so. */
	assert_int_equal(number_key(&ln, UK_CHAR, '0', 30, &sel), UI_IGNORED);
	assert_int_equal(sel, 0);
	/* Another key forgets the number: "2" after an arrow is item 2, not 12. */
	number_key(&ln, UK_CHAR, '1', 30, &sel);
	ui_listnum_key(&ln, &(struct ui_key){ UK_DOWN, 0 });
	assert_int_equal(ln.value, 0);
	assert_int_equal(number_key(&ln, UK_CHAR, '2', 30, &sel), UI_HANDLED);
	assert_int_equal(sel, 1);
	/* So does a letter (typed into the learners list's search). */
	ui_listnum_key(&ln, &(struct ui_key){ UK_CHAR, 0x043c });  /* м */
	assert_int_equal(ln.value, 0);
	/* Esc with a number typed only takes the number back (the key is used up); with none,
	 * Esc is the screen's (back). */
	number_key(&ln, UK_CHAR, '1', 30, &sel);
	assert_true(ui_listnum_key(&ln, &(struct ui_key){ UK_ESC, 0 }));
	assert_int_equal(ln.value, 0);
	assert_false(ui_listnum_key(&ln, &(struct ui_key){ UK_ESC, 0 }));
	assert_false(ui_listnum_key(&ln, &(struct ui_key){ UK_CHAR, '1' }));
	/* A letter is no digit. */
	assert_int_equal(ui_listnum_digit(&ln, &(struct ui_key){ UK_CHAR, 'x' }, 30, &sel),
	                 UI_IGNORED);
}

static bool move(enum ui_keycode code, size_t *sel, size_t count)
{
	struct ui_key k = { code, 0 };

	return ui_menu_key(&k, sel, count);
}

/* A question's options start with none highlighted: Up went to the last one, and a learner
 * who then pressed Enter gave an answer she never meant (novice test, e-mail lesson step 14).
 * Up and Down both go to the first; from there they move, and wrap, as usual. */
static void with_nothing_chosen_up_and_down_go_to_the_first(void **state)
{
	size_t sel = (size_t)-1;

	assert_true(move(UK_UP, &sel, 4));
	assert_int_equal(sel, 0);
	assert_true(move(UK_UP, &sel, 4));
	assert_int_equal(sel, 3);   /* then Up wraps round, as on every list */
	sel = (size_t)-1;
	assert_true(move(UK_DOWN, &sel, 4));
	assert_int_equal(sel, 0);
	assert_true(move(UK_DOWN, &sel, 4));
	assert_int_equal(sel, 1);
	assert_true(move(UK_UP, &sel, 4));
	assert_int_equal(sel, 0);
	sel = (size_t)-1;
	assert_true(move(UK_END, &sel, 4));  /* End still means the last */
	assert_int_equal(sel, 3);
	sel = (size_t)-1;
	assert_false(move(UK_LEFT, &sel, 4));
	assert_int_equal(sel, (size_t)-1);
	assert_false(move(UK_UP, &sel, 0));  /* an empty list: nothing to go to */
}

/* The lesson list's "there are more lessons" note: only when rows are really hidden (novice
 * test: it showed at the end of the list too).  16 lessons of two rows each in 16 rows: 8
 * shown. */
static void a_menu_says_what_it_hides(void **state)
{
	bool above, below;

	ui_menu_hidden(16, true, 16, 0, &above, &below);
	assert_false(above);
	assert_true(below);
	ui_menu_hidden(16, true, 16, 8, &above, &below);   /* the middle: 5-12 shown */
	assert_true(above);
	assert_true(below);
	ui_menu_hidden(16, true, 16, 15, &above, &below);  /* the end: 9-16 shown */
	assert_true(above);
	assert_false(below);
	ui_menu_hidden(16, true, 8, 7, &above, &below);    /* all fit */
	assert_false(above);
	assert_false(below);
	ui_menu_hidden(16, false, 16, 15, &above, &below); /* one row each: all fit */
	assert_false(above);
	assert_false(below);
}

/* The top row for each speech sign: F3 always shows that it did something. */
static void the_top_row_shows_the_reading(void **state)
{
	static const struct ui_global_words w = {
		"help / довідка", "read aloud / вголос", "Reading… / Читаю…", "stop / зупинити",
		"no sound / немає звуку",
	};
	char *s = ui_global_keys_compose(&w, UI_SPEECH_IDLE);

	assert_string_equal(s, "F1: help / довідка  F3: read aloud / вголос");
	free(s);
	s = ui_global_keys_compose(&w, UI_SPEECH_READING);
	assert_string_equal(s, "Reading… / Читаю… F3: stop / зупинити");
	free(s);
	s = ui_global_keys_compose(&w, UI_SPEECH_UNHEARD);
	assert_string_equal(s, "F1: help / довідка  F3: no sound / немає звуку");
	free(s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_binding_that_takes_the_key_runs),
		cmocka_unit_test(digits_make_numbers_in_long_lists),
		cmocka_unit_test(a_long_list_number_moves_the_highlight),
		cmocka_unit_test(footer_names_the_named_bindings_in_order),
		cmocka_unit_test(a_long_footer_closes_up_rather_than_losing_a_key),
		cmocka_unit_test(enter_names_its_button_when_the_footer_fits),
		cmocka_unit_test(a_long_button_name_falls_back_to_the_short_words),
		cmocka_unit_test(a_menu_says_what_it_hides),
		cmocka_unit_test(with_nothing_chosen_up_and_down_go_to_the_first),
		cmocka_unit_test(the_top_row_shows_the_reading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
