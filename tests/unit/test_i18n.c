/* Unit tests: i18n.c, the language the interface speaks, switched and given back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n.h"

/* A screen shown in several languages switches for a moment, then gives the one set back. */
static void a_saved_language_comes_back(void **state)
{
	struct i18n_saved saved;

	i18n_set_language("uk");
	saved = i18n_save();
	i18n_set_language("bg");
	assert_string_equal(i18n_language(), "bg");
	i18n_restore(&saved);
	assert_string_equal(i18n_language(), "uk");
	assert_string_equal(getenv("LANGUAGE"), "uk");
	(void)state;
}

/* None chosen yet (the welcome screen): none again afterwards, not the last one switched to. */
static void no_language_comes_back_as_none(void **state)
{
	struct i18n_saved saved;

	i18n_set_language(NULL);
	saved = i18n_save();
	i18n_set_language("uk");
	i18n_restore(&saved);
	assert_string_equal(i18n_language(), "");
	assert_null(getenv("LANGUAGE"));
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_saved_language_comes_back),
		cmocka_unit_test(no_language_comes_back_as_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
