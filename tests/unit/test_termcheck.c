/* Unit tests: termcheck.c, the terminal check made before curses starts and by kiosk doctor.
 * Each test names a terminal type through $TERM; the terminfo entries are Debian's own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "termcheck.h"

static void run_with(const char *term, struct termcheck *t)
{
	if (term)
		setenv("TERM", term, 1);
	else
		unsetenv("TERM");
	termcheck_run(-1, t);
}

static void test_unset_and_empty(void **state)
{
	struct termcheck t;
	char *msg;

	run_with(NULL, &t);
	assert_int_equal(t.verdict, TERMCHECK_UNSET);

	run_with("", &t);
	assert_int_equal(t.verdict, TERMCHECK_UNSET);
	msg = termcheck_explain(&t);
	assert_non_null(msg);
	free(msg);
}

static void test_unknown_keeps_a_printable_name(void **state)
{
	struct termcheck t;

	run_with("no-such\033]0;x", &t);
	assert_int_equal(t.verdict, TERMCHECK_UNKNOWN);
	assert_string_equal(t.name, "no-such?]0;x");
}

static void test_dumb_cannot_place_the_cursor(void **state)
{
	struct termcheck t;

	run_with("dumb", &t);
	assert_int_equal(t.verdict, TERMCHECK_NO_CURSOR);
}

static void test_vt100_lacks_f11_f12(void **state)
{
	struct termcheck t;
	char *msg;

	run_with("vt100", &t);
	assert_int_equal(t.verdict, TERMCHECK_NO_KEYS);
	assert_string_equal(t.missing_keys, "F11 F12");
	msg = termcheck_explain(&t);
	assert_non_null(strstr(msg, "F11 F12"));
	free(msg);
}

static void test_linux_console_is_fine(void **state)
{
	struct termcheck t;

	run_with("linux", &t);
	assert_int_equal(t.verdict, TERMCHECK_OK);
	assert_int_equal(t.colours, 8);
	assert_true(t.line_drawing);
	assert_string_equal(t.missing_keys, "");
	assert_null(termcheck_explain(&t));
	/* Not a terminal: no size rather than a made-up one. */
	assert_int_equal(t.rows, 0);
	assert_int_equal(t.cols, 0);
}

static void test_xterm_256color(void **state)
{
	struct termcheck t;

	run_with("xterm-256color", &t);
	assert_int_equal(t.verdict, TERMCHECK_OK);
	assert_int_equal(t.colours, 256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unset_and_empty),
		cmocka_unit_test(test_unknown_keeps_a_printable_name),
		cmocka_unit_test(test_dumb_cannot_place_the_cursor),
		cmocka_unit_test(test_vt100_lacks_f11_f12),
		cmocka_unit_test(test_linux_console_is_fine),
		cmocka_unit_test(test_xterm_256color),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
