/* Unit tests: listnum, the lesson number typed one digit at a time with no time limit. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "listnum.h"

/* "1" then "5" is lesson 15, as the footer's "digit, then Enter" promises, whatever the time
 * between the two keys (the model has no clock at all). */
static void digits_join_while_they_name_an_item(void **state)
{
	struct listnum ln = { 0 };

	assert_int_equal(listnum_digit(&ln, 1, 16), 0);
	assert_true(listnum_can_grow(&ln, 16));
	assert_int_equal(listnum_digit(&ln, 5, 16), 14);
	assert_int_equal(ln.value, 15);
	assert_false(listnum_can_grow(&ln, 16));  /* 150 is past the end */
	listnum_clear(&ln);
	assert_int_equal(listnum_digit(&ln, 1, 16), 0);
	assert_int_equal(listnum_digit(&ln, 0, 16), 9);   /* "1", "0": 10 */
	assert_int_equal(listnum_digit(&ln, 1, 16), 0);   /* 101 is past the end: a new 1 */
	assert_int_equal(listnum_digit(&ln, 6, 16), 15);  /* and "6" makes 16 */
}

static void a_digit_past_the_end_starts_a_new_number(void **state)
{
	struct listnum ln = { 0 };

	assert_int_equal(listnum_digit(&ln, 1, 16), 0);
	assert_int_equal(listnum_digit(&ln, 7, 16), 6);   /* 17 > 16: lesson 7 */
	assert_int_equal(ln.value, 7);
	assert_int_equal(listnum_digit(&ln, 3, 16), 2);   /* 73 > 16: lesson 3 */
	assert_int_equal(ln.value, 3);
}

static void a_digit_that_names_nothing_is_refused(void **state)
{
	struct listnum ln = { 0 };

	assert_int_equal(listnum_digit(&ln, 0, 16), -1);  /* 0 alone names nothing */
	assert_int_equal(ln.value, 0);
	assert_int_equal(listnum_digit(&ln, 5, 16), 4);   /* "0" then "5": 5, not 05 */
	assert_int_equal(listnum_digit(&ln, 0, 16), -1);  /* 50 past the end, 0 alone nothing */
	assert_int_equal(ln.value, 5);                    /* the 5 stays */
	/* A short list: each digit on its own, as before. */
	listnum_clear(&ln);
	assert_int_equal(listnum_digit(&ln, 1, 6), 0);
	assert_int_equal(listnum_digit(&ln, 2, 6), 1);
	assert_int_equal(listnum_digit(&ln, 7, 6), -1);
	assert_int_equal(ln.value, 2);
	assert_false(listnum_can_grow(&ln, 6));
	/* An empty list takes nothing. */
	listnum_clear(&ln);
	assert_int_equal(listnum_digit(&ln, 1, 0), -1);
	assert_int_equal(listnum_digit(&ln, 10, 16), -1);  /* not a digit */
}

static void erase_takes_back_the_last_digit(void **state)
{
	struct listnum ln = { 0 };

	listnum_digit(&ln, 1, 16);
	listnum_digit(&ln, 2, 16);
	assert_int_equal(ln.value, 12);
	assert_int_equal(listnum_erase(&ln), 0);   /* back to 1 */
	assert_int_equal(listnum_digit(&ln, 4, 16), 13);  /* 14 */
	assert_int_equal(listnum_erase(&ln), 0);
	assert_int_equal(listnum_erase(&ln), -1);  /* nothing left */
	assert_int_equal(ln.value, 0);
	assert_int_equal(listnum_erase(&ln), -1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(digits_join_while_they_name_an_item),
		cmocka_unit_test(a_digit_past_the_end_starts_a_new_number),
		cmocka_unit_test(a_digit_that_names_nothing_is_refused),
		cmocka_unit_test(erase_takes_back_the_last_digit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
