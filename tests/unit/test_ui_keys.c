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
	/* 0 is not a menu digit: it is text. */
	assert_int_equal(press(UK_CHAR, '0'), UI_HANDLED);
	assert_int_equal(ran, 3);
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

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_binding_that_takes_the_key_runs),
		cmocka_unit_test(footer_names_the_named_bindings_in_order),
		cmocka_unit_test(a_long_footer_closes_up_rather_than_losing_a_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
