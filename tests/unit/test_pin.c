/* Unit tests for pin.c: the PIN's format, its yescrypt hash, verification, and the delay
 * after wrong PINs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pin.h"

static void format_fails(const char *pin, const char *want)
{
	struct kerr err = { "" };

	assert_int_equal(pin_check_format(pin, &err), -1);
	if (!strstr(err.msg, want))
		fail_msg("pin \"%s\": message \"%s\" lacks \"%s\"", pin ? pin : "(null)", err.msg,
		         want);
}

static void test_format(void **state)
{
	struct kerr err = { "" };

	assert_int_equal(pin_check_format("123456", &err), 0);
	assert_int_equal(pin_check_format("000000000000", &err), 0);  /* 12 digits */
	assert_int_equal(pin_check_format("9081726354", NULL), 0);

	format_fails("12345", "too short");
	format_fails("", "too short");
	format_fails(NULL, "too short");
	format_fails("12345", "6 to 12 digits");
	format_fails("1234567890123", "too long");
	format_fails("12ab56", "digits only");
	format_fails("12a", "digits only");           /* not "too short": the letters matter more */
	format_fails("123 456", "digits only");
	format_fails(" 123456", "digits only");
	format_fails("123456\n", "digits only");
	format_fails("１２３４５６", "digits only");  /* fullwidth digits are not 0 to 9 */
	format_fails("-123456", "digits only");
}

static void test_hash_and_verify(void **state)
{
	struct kerr err = { "" };
	char *hash = NULL, *again = NULL;
	bool match = false;

	if (pin_hash("24681357", &hash, &err) != 0)
		fail_msg("pin_hash: %s", err.msg);
	assert_non_null(hash);
	/* yescrypt, and never the digits themselves. */
	assert_memory_equal(hash, "$y$", 3);
	assert_null(strstr(hash, "24681357"));

	assert_int_equal(pin_verify("24681357", hash, &match, &err), 0);
	assert_true(match);
	assert_int_equal(pin_verify("24681358", hash, &match, &err), 0);
	assert_false(match);
	assert_int_equal(pin_verify("2468135", hash, &match, &err), 0);   /* a prefix */
	assert_false(match);
	assert_int_equal(pin_verify("246813570", hash, &match, &err), 0);  /* longer */
	assert_false(match);
	assert_int_equal(pin_verify("", hash, &match, &err), 0);
	assert_false(match);
	assert_int_equal(pin_verify("abc", hash, &match, &err), 0);
	assert_false(match);

	/* A fresh salt each time: the same PIN hashes differently and both verify. */
	assert_int_equal(pin_hash("24681357", &again, &err), 0);
	assert_string_not_equal(hash, again);
	assert_int_equal(pin_verify("24681357", again, &match, &err), 0);
	assert_true(match);
	free(hash);
	free(again);
}

static void test_hash_refuses_bad_format(void **state)
{
	struct kerr err = { "" };
	char *hash = (char *)"untouched";

	assert_int_equal(pin_hash("1234", &hash, &err), -1);
	assert_null(hash);
	assert_non_null(strstr(err.msg, "too short"));
	assert_int_equal(pin_hash("12345x", &hash, &err), -1);
	assert_non_null(strstr(err.msg, "digits only"));
	assert_int_equal(pin_hash("1234567890123", &hash, &err), -1);
	assert_non_null(strstr(err.msg, "too long"));
}

static void test_verify_unusable_hash(void **state)
{
	struct kerr err = { "" };
	bool match = true;

	assert_int_equal(pin_verify("123456", NULL, &match, &err), -1);
	assert_false(match);
	assert_non_null(strstr(err.msg, "no trainer PIN"));
	assert_int_equal(pin_verify("123456", "", &match, &err), -1);
	assert_non_null(strstr(err.msg, "no trainer PIN"));

	/* The digits stored in clear (never written by us) must not be accepted as a hash. */
	match = true;
	assert_int_equal(pin_verify("123456", "123456", &match, &err), -1);
	assert_false(match);
	assert_non_null(strstr(err.msg, "damaged"));
	assert_non_null(strstr(err.msg, "set-trainer-pin"));
	assert_int_equal(pin_verify("123456", "$y$broken", &match, &err), -1);
	assert_false(match);
}

static void test_delay_sequence(void **state)
{
	static const unsigned want[] = { 0, 1, 2, 4, 8, 16, 32, 60, 60, 60 };

	for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
		if (pin_delay_seconds(i) != want[i])
			fail_msg("after %u failures: %u s, want %u s", i, pin_delay_seconds(i),
			         want[i]);
	assert_int_equal(PIN_DELAY_CAP, 60);
	/* Never more than the cap, never an overflow, however long someone tries. */
	assert_int_equal(pin_delay_seconds(31), 60);
	assert_int_equal(pin_delay_seconds(32), 60);
	assert_int_equal(pin_delay_seconds(1000), 60);
	assert_int_equal(pin_delay_seconds(~0u), 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_hash_and_verify),
		cmocka_unit_test(test_hash_refuses_bad_format),
		cmocka_unit_test(test_verify_unusable_hash),
		cmocka_unit_test(test_delay_sequence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
