/* Unit tests: the vocative used to address Ukrainian learners (address.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "address.h"

static void expect(const char *name, const char *lang, const char *want)
{
	char *got = address_vocative(name, lang);

	assert_string_equal(got, want);
	free(got);
}

static void ukrainian_first_names(void **state)
{
	expect("Олена", "uk", "Олено");
	expect("Оксана", "uk", "Оксано");
	expect("Марія", "uk", "Маріє");
	expect("Оля", "uk", "Олю");
	expect("Петро", "uk", "Петре");
	expect("Юрко", "uk", "Юрку");
	expect("Андрій", "uk", "Андрію");
	expect("Іван", "uk", "Іване");
	expect("Василь", "uk", "Василю");
	expect("Олег", "uk", "Олеже");
	expect("ОЛЕГ", "uk", "ОЛЕЖЕ");
	expect("Марк", "uk", "Марку");
	expect("Юрко", "uk", "Юрку");
	expect("ОЛЕНА", "uk", "ОЛЕНО");
	expect("олена", "uk", "олено");
}

static void patronymic_changes_surname_does_not(void **state)
{
	expect("Олена Петрівна", "uk", "Олено Петрівно");
	expect("Іван Петрович", "uk", "Іване Петровичу");
	expect("Олена Коваленко", "uk", "Олено Коваленко");
	expect("Олена Петрівна Коваленко", "uk", "Олено Петрівно Коваленко");
	expect("  Олена", "uk", "Олено");
}

static void left_alone(void **state)
{
	expect("Maria", "uk", "Maria");
	expect("Бистра", "bg", "Бистра");  /* Bulgarian: the name as it is */
	expect("Мария", NULL, "Мария");
	expect("", "uk", "");
	expect("7", "uk", "7");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(ukrainian_first_names),
		cmocka_unit_test(patronymic_changes_surname_does_not),
		cmocka_unit_test(left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
