/* Unit tests for utf8dec.c: the terminal input decoder never gets stuck on a bad byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "utf8dec.h"

/* Feeds bytes and writes the code points that came out, as numbers; returns how many. */
static size_t decode(const char *bytes, size_t n, uint32_t *out)
{
	struct utf8dec d = { 0 };
	size_t got = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t cp;

		if (utf8dec_feed(&d, (unsigned char)bytes[i], &cp) == UTF8DEC_CHAR)
			out[got++] = cp;
	}
	return got;
}

static void test_valid(void **state)
{
	uint32_t cp[8];
	const char s[] = "a\xd0\x99\xe2\x82\xac\xf0\x9f\x98\x80";  /* a Й € 😀 */

	assert_int_equal(decode(s, strlen(s), cp), 4);
	assert_int_equal(cp[0], 'a');
	assert_int_equal(cp[1], 0x419);
	assert_int_equal(cp[2], 0x20ac);
	assert_int_equal(cp[3], 0x1f600);
}

/* One invalid byte: dropped, and the next letter comes through at once. */
static void test_ff_then_letters(void **state)
{
	uint32_t cp[8];
	struct utf8dec d = { 0 };
	uint32_t one;

	assert_int_equal(utf8dec_feed(&d, 0xff, &one), UTF8DEC_BAD);
	assert_int_equal(utf8dec_feed(&d, 'x', &one), UTF8DEC_CHAR);
	assert_int_equal(one, 'x');
	assert_int_equal(decode("\xff\xd0\x90\r", 4, cp), 2);
	assert_int_equal(cp[0], 0x410);
	assert_int_equal(cp[1], '\r');
}

/* c3 28: the lead byte is dropped, "(" is kept; a cut Cyrillic letter before Enter too. */
static void test_cut_sequence_resyncs(void **state)
{
	uint32_t cp[8];

	assert_int_equal(decode("\xc3\x28", 2, cp), 1);
	assert_int_equal(cp[0], '(');
	assert_int_equal(decode("\xe2\x82\r", 3, cp), 1);
	assert_int_equal(cp[0], '\r');
	assert_int_equal(decode("\xd0\xd0\x91", 3, cp), 1);  /* a lead after a lead */
	assert_int_equal(cp[0], 0x411);
}

static void test_refused_forms(void **state)
{
	uint32_t cp[8];

	assert_int_equal(decode("\xc0\xaf", 2, cp), 0);          /* overlong "/" */
	assert_int_equal(decode("\xe0\x80\xaf", 3, cp), 0);      /* overlong */
	assert_int_equal(decode("\xed\xa0\x80", 3, cp), 0);      /* a surrogate */
	assert_int_equal(decode("\xf4\x90\x80\x80", 4, cp), 0);  /* above U+10FFFF */
	assert_int_equal(decode("\x80\xbf", 2, cp), 0);          /* stray continuations */
	assert_int_equal(decode("\xed\xa0\x80z", 4, cp), 1);     /* and then it goes on */
	assert_int_equal(cp[0], 'z');
}

/* Every single byte followed by "ok": the decoder always gives back "ok". */
static void test_every_byte_recovers(void **state)
{
	for (int b = 0; b < 256; b++) {
		char s[3] = { (char)b, 'o', 'k' };
		uint32_t cp[4];
		size_t n = decode(s, 3, cp);

		assert_true(n >= 2);
		assert_int_equal(cp[n - 2], 'o');
		assert_int_equal(cp[n - 1], 'k');
	}
}

static void test_reset(void **state)
{
	struct utf8dec d = { 0 };
	uint32_t cp;

	assert_int_equal(utf8dec_feed(&d, 0xd0, &cp), UTF8DEC_MORE);
	utf8dec_reset(&d);
	assert_int_equal(utf8dec_feed(&d, 0x99, &cp), UTF8DEC_BAD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_ff_then_letters),
		cmocka_unit_test(test_cut_sequence_resyncs),
		cmocka_unit_test(test_refused_forms),
		cmocka_unit_test(test_every_byte_recovers),
		cmocka_unit_test(test_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
