/* Unit tests: a sitting at the kiosk (session.c), without curses: which earlier names a
 * person may see while typing, and starting and ending a session on a real database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "session.h"
#include "util.h"

#define DECOMPOSED_I_BREVE "\xd0\xb8\xcc\x86"  /* и + combining breve */

static const char *const names[] = {
	"Мария Петрова", "Марин Иванов", "Йордан Стоев", "Олена Коваленко", "мария стоянова",
};

static size_t match(const char *typed, size_t *out)
{
	return session_matching_names(names, 5, typed, out, 5);
}

static void nothing_shown_before_the_first_letter(void **state)
{
	size_t out[5];

	assert_int_equal(match("", out), 0);
	assert_int_equal(match("   ", out), 0);
}

static void names_that_start_with_the_typed_letters(void **state)
{
	size_t out[5];

	assert_int_equal(match("мар", out), 3);  /* any case */
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 1);
	assert_int_equal(out[2], 4);
	assert_int_equal(match("МАРИЯ", out), 2);
	assert_int_equal(match("мария п", out), 1);
	assert_int_equal(match(DECOMPOSED_I_BREVE "ор", out), 1);  /* a й typed in two keys */
	assert_int_equal(out[0], 2);
	/* From the first letter only: a surname in the middle does not match. */
	assert_int_equal(match("петрова", out), 0);
	assert_int_equal(match("x", out), 0);
	/* Never more than asked for. */
	assert_int_equal(session_matching_names(names, 5, "м", out, 2), 2);
}

static void capitals_only_when_none_were_typed(void **state)
{
	static const char *const cases[][2] = {
		{ "мария петрова", "Мария Петрова" },
		{ "олена петрівна коваленко-шевченко", "Олена Петрівна Коваленко-Шевченко" },
		{ "мар'яна", "Мар'яна" },
		{ "Мария петрова", "Мария петрова" },  /* a capital typed: left as typed */
		{ "McNeil", "McNeil" },
		{ "", "" },
		{ "7", "7" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = session_capitalise(cases[i][0]);

		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

static void start_and_end_on_a_database(void **state)
{
	char dir[] = "/tmp/kiosk-session-XXXXXX", *path;
	struct store *st = NULL;
	struct kerr err = { "" };
	struct session s = { 0 };
	int64_t first;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/kiosk.db", dir);
	assert_int_equal(store_open(path, &st, &err), 0);
	/* The name as stored, not as typed: "  мария " is the learner "Мария". */
	assert_int_equal(session_start_typed(&s, st, "bg", "Мария", &err), 0);
	first = s.learner;
	assert_true(s.id > 0);
	assert_string_equal(s.name, "Мария");
	assert_int_equal(session_end(&s, st, &err), 0);
	assert_int_equal(s.id, 0);
	assert_int_equal(s.learner, 0);
	assert_null(s.name);
	assert_int_equal(session_start_typed(&s, st, "bg", "  мария ", &err), 0);
	assert_int_equal(s.learner, first);
	assert_string_equal(s.name, "Мария");
	assert_int_equal(session_end(&s, st, &err), 0);
	/* A new name typed in small letters is kept with capitals. */
	assert_int_equal(session_start_typed(&s, st, "bg", "петър иванов", &err), 0);
	assert_int_not_equal(s.learner, first);
	assert_string_equal(s.name, "Петър Иванов");
	assert_int_equal(session_end(&s, st, &err), 0);
	/* An empty name is refused and nothing changes. */
	assert_int_equal(session_start_typed(&s, st, "bg", "   ", &err), -1);
	assert_int_equal(s.id, 0);
	assert_null(s.name);
	assert_int_equal(session_end(&s, st, &err), 0);  /* ending nothing is fine */
	store_close(st);
	unlink(path);
	free(path);
	path = xasprintf("%s/kiosk.db-wal", dir);
	unlink(path);
	free(path);
	path = xasprintf("%s/kiosk.db-shm", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_shown_before_the_first_letter),
		cmocka_unit_test(names_that_start_with_the_typed_letters),
		cmocka_unit_test(capitals_only_when_none_were_typed),
		cmocka_unit_test(start_and_end_on_a_database),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
