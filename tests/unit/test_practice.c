/* Unit tests: the practice screen model (practice.c): focus order, every rule at its edges,
 * the verdict of a button press, the "show me" script, and the frame's height.  Practices are
 * built by hand here, so that these tests depend on practice.c alone, not on the parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "practice.h"
#include "util.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DECOMPOSED_I_BREVE "\xd0\xb8\xcc\x86"  /* и + combining breve: a й typed in two keys */

#include "practice_fixture.h"

/* Replaces what is in field i with text, as typing would. */
static void type_in(struct practice_state *st, size_t i, const char *text)
{
	edit_set(&st->text[i], text);
}

/* Does the rule of a lone field accept text, both through the state and directly? */
static bool field_takes(struct practice *p, size_t i, const char *text)
{
	struct practice_state st;
	bool ok;

	practice_state_init(&st, p);
	type_in(&st, i, text);
	ok = practice_widget_ok(&st, i);
	assert_int_equal(ok, practice_field_accepts(&p->widgets[i], text));
	practice_state_free(&st);
	return ok;
}

/* ---- focus ---- */

static void focus_skips_labels_and_wraps(void **state)
{
	struct practice *p = new_practice();
	struct practice_state st;

	add(p, WIDGET_LABEL, "Добре дошли!");                  /* 0 */
	add_field(p, "Търсене", RULE_ANY, 0, NULL);            /* 1 */
	add(p, WIDGET_LABEL, "Изберете:");                     /* 2 */
	add_check(p, "Съгласен съм", CHECK_ANY);               /* 3 */
	add_button(p, "Търси", true);                          /* 4 */
	add_button(p, "Вход", false);                          /* 5 */
	add(p, WIDGET_LABEL, "© 2025");                        /* 6 */
	practice_state_init(&st, p);

	assert_int_equal(st.focus, 1);  /* the first widget that is not a label */
	practice_focus_next(&st);
	assert_int_equal(st.focus, 3);
	practice_focus_next(&st);
	assert_int_equal(st.focus, 4);
	practice_focus_next(&st);
	assert_int_equal(st.focus, 5);
	practice_focus_next(&st);       /* past the last label, round to the top */
	assert_int_equal(st.focus, 1);
	practice_focus_prev(&st);       /* and back the other way */
	assert_int_equal(st.focus, 5);
	practice_focus_prev(&st);
	assert_int_equal(st.focus, 4);
	practice_focus_prev(&st);
	assert_int_equal(st.focus, 3);
	practice_focus_prev(&st);
	assert_int_equal(st.focus, 1);

	assert_false(practice_focusable(&p->widgets[0]));
	assert_true(practice_focusable(&p->widgets[1]));
	assert_true(practice_focusable(&p->widgets[4]));

	practice_focus_next(&st);
	practice_state_reset(&st);
	assert_int_equal(st.focus, 1);
	practice_state_free(&st);
	practice_free(p);
}

static void one_widget_keeps_the_focus(void **state)
{
	struct practice *p = new_practice();
	struct practice_state st;

	add(p, WIDGET_LABEL, "Само бутон");
	add_button(p, "Добре", true);
	practice_state_init(&st, p);
	assert_int_equal(st.focus, 1);
	practice_focus_next(&st);
	assert_int_equal(st.focus, 1);
	practice_focus_prev(&st);
	assert_int_equal(st.focus, 1);
	practice_state_free(&st);
	practice_free(p);
}

/* ---- field rules ---- */

static void accept_folds_case_spaces_and_decomposed_letters(void **state)
{
	static const char *const accept[] = { "Йод", "paracetamol" };
	struct practice *p = new_practice();
	size_t f = add_accept(p, "Търсене", ARRAY_SIZE(accept), accept);

	assert_true(field_takes(p, f, "Йод"));
	assert_true(field_takes(p, f, "  йод  "));
	assert_true(field_takes(p, f, "ЙОД"));
	assert_true(field_takes(p, f, DECOMPOSED_I_BREVE "од"));
	assert_true(field_takes(p, f, "PARACETAMOL"));
	assert_false(field_takes(p, f, "йо"));
	assert_false(field_takes(p, f, "иод"));
	assert_false(field_takes(p, f, ""));
	assert_false(field_takes(p, f, "   "));
	practice_free(p);
}

static void digits_ignore_spaces_and_count_exactly(void **state)
{
	struct practice *p = new_practice();
	size_t f = add_field(p, "Телефон", RULE_DIGITS, 10, "0888 123 456");

	assert_true(field_takes(p, f, "0888123456"));
	assert_true(field_takes(p, f, "0888 123 456"));
	assert_true(field_takes(p, f, " 0888 12 34 56 "));
	assert_true(field_takes(p, f, "0888\xc2\xa0" "123456"));  /* a no-break space */
	assert_false(field_takes(p, f, "0888 123 45"));          /* 9 */
	assert_false(field_takes(p, f, "08881234567"));          /* 11 */
	assert_false(field_takes(p, f, "0888-123-456"));
	assert_false(field_takes(p, f, "+359888123456"));
	assert_false(field_takes(p, f, "\xef\xbc\x90" "888123456"));  /* a fullwidth zero */
	assert_false(field_takes(p, f, "0888 12З 456"));         /* Cyrillic З for 3 */
	assert_false(field_takes(p, f, ""));
	practice_free(p);
}

static void one_digit_pin(void **state)
{
	struct practice *p = new_practice();
	size_t f = add_field(p, "Код", RULE_DIGITS, 1, "7");

	assert_true(field_takes(p, f, "7"));
	assert_true(field_takes(p, f, " 0 "));
	assert_false(field_takes(p, f, "77"));
	assert_false(field_takes(p, f, " "));
	practice_free(p);
}

static void date_is_a_real_calendar_day(void **state)
{
	struct practice *p = new_practice();
	size_t f = add_field(p, "Дата на раждане", RULE_DATE, 0, "01.03.1950");

	assert_true(field_takes(p, f, "01.03.1950"));
	assert_true(field_takes(p, f, " 01.03.1950 "));
	assert_true(field_takes(p, f, "29.02.2024"));   /* leap year */
	assert_false(field_takes(p, f, "29.02.2023"));  /* not a leap year */
	assert_true(field_takes(p, f, "29.02.2000"));   /* divisible by 400 */
	assert_false(field_takes(p, f, "29.02.1900"));  /* divisible by 100 only */
	assert_true(field_takes(p, f, "31.12.2025"));
	assert_true(field_takes(p, f, "30.04.2025"));
	assert_false(field_takes(p, f, "31.04.2025"));
	assert_false(field_takes(p, f, "32.01.2025"));
	assert_false(field_takes(p, f, "00.01.2025"));
	assert_false(field_takes(p, f, "15.00.2025"));
	assert_false(field_takes(p, f, "15.13.2025"));
	assert_false(field_takes(p, f, "01.01.0000"));
	assert_false(field_takes(p, f, "1.3.1950"));    /* DD.MM.YYYY, as forms ask */
	assert_false(field_takes(p, f, "01.03.50"));
	assert_false(field_takes(p, f, "01/03/1950"));
	assert_false(field_takes(p, f, "01.03.1950г"));
	assert_false(field_takes(p, f, "0a.03.1950"));
	assert_false(field_takes(p, f, ""));
	practice_free(p);
}

static void required_and_any(void **state)
{
	struct practice *p = new_practice();
	size_t req = add_field(p, "Име", RULE_REQUIRED, 0, "Мария");
	size_t any = add_field(p, "Бележка", RULE_ANY, 0, NULL);

	assert_true(field_takes(p, req, "Мария"));
	assert_true(field_takes(p, req, " x "));
	assert_false(field_takes(p, req, ""));
	assert_false(field_takes(p, req, "   "));
	assert_true(field_takes(p, any, ""));
	assert_true(field_takes(p, any, "каквото и да е"));
	practice_free(p);
}

/* ---- checks, choices, lists ---- */

static void check_rules(void **state)
{
	struct practice *p = new_practice();
	struct practice_state st;
	size_t must = add_check(p, "Съгласен съм с условията", CHECK_CHECKED);
	size_t mustnt = add_check(p, "Искам реклами", CHECK_UNCHECKED);
	size_t any = add_check(p, "Запомни ме", CHECK_ANY);

	practice_state_init(&st, p);
	assert_false(practice_widget_ok(&st, must));
	assert_true(practice_widget_ok(&st, mustnt));
	assert_true(practice_widget_ok(&st, any));
	st.checked[must] = st.checked[mustnt] = st.checked[any] = true;
	assert_true(practice_widget_ok(&st, must));
	assert_false(practice_widget_ok(&st, mustnt));
	assert_true(practice_widget_ok(&st, any));
	practice_state_free(&st);
	practice_free(p);
}

static void must_pick_the_named_item(void **state)
{
	static const char *const ways[] = { "До адрес", "До офис", "В аптеката" };
	static const char *const towns[] = { "София", "Пловдив", "Варна", "Бургас" };
	struct practice *p = new_practice();
	struct practice_state st;
	size_t choice = add_items(p, WIDGET_CHOICE, "Доставка", 3, ways, 1);
	size_t list = add_items(p, WIDGET_LIST, "Град", 4, towns, 2);
	size_t free_pick = add_items(p, WIDGET_LIST, "Друг град", 4, towns, PRACTICE_NONE);

	practice_state_init(&st, p);
	assert_false(practice_widget_ok(&st, choice));  /* nothing picked yet */
	assert_false(practice_widget_ok(&st, list));
	assert_true(practice_widget_ok(&st, free_pick));
	st.picked[choice] = 0;
	st.picked[list] = 3;
	assert_false(practice_widget_ok(&st, choice));
	assert_false(practice_widget_ok(&st, list));
	st.picked[choice] = 1;
	st.picked[list] = 2;
	st.picked[free_pick] = 0;
	assert_true(practice_widget_ok(&st, choice));
	assert_true(practice_widget_ok(&st, list));
	assert_true(practice_widget_ok(&st, free_pick));
	practice_state_free(&st);
	practice_free(p);
}

/* ---- pressing buttons ---- */

struct form {
	struct practice *p;
	size_t title, name, phone, agree, send, back;
};

static void make_form(struct form *f)
{
	f->p = new_practice();
	f->title = add(f->p, WIDGET_LABEL, "Запишете час при лекар");
	f->name = add_field(f->p, "Име", RULE_REQUIRED, 0, "Мария Иванова");
	f->phone = add_field(f->p, "Телефон", RULE_DIGITS, 10, "0888 123 456");
	f->agree = add_check(f->p, "Съгласен съм", CHECK_CHECKED);
	f->send = add_button(f->p, "Изпрати", true);
	f->back = add_button(f->p, "Назад", false);
}

static void verdicts(void **state)
{
	struct form f;
	struct practice_state st;
	struct practice_verdict v;

	make_form(&f);
	practice_state_init(&st, f.p);

	v = practice_press(&st, f.back);
	assert_int_equal(v.outcome, PRACTICE_WRONG_BUTTON);
	assert_int_equal(v.widget, f.back);
	/* Not a button at all: never a pass. */
	assert_int_equal(practice_press(&st, f.title).outcome, PRACTICE_WRONG_BUTTON);
	assert_int_equal(practice_press(&st, 99).outcome, PRACTICE_WRONG_BUTTON);

	/* Everything wrong: the first widget that breaks its rule is named. */
	v = practice_press(&st, f.send);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	assert_int_equal(v.widget, f.name);
	type_in(&st, f.name, "Мария");
	v = practice_press(&st, f.send);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	assert_int_equal(v.widget, f.phone);
	type_in(&st, f.phone, "0888 123 456");
	v = practice_press(&st, f.send);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	assert_int_equal(v.widget, f.agree);
	st.checked[f.agree] = true;
	v = practice_press(&st, f.send);
	assert_int_equal(v.outcome, PRACTICE_PASSED);
	assert_int_equal(v.widget, f.send);
	/* A wrong button stays wrong even when the form is complete. */
	assert_int_equal(practice_press(&st, f.back).outcome, PRACTICE_WRONG_BUTTON);
	/* A later mistake counts again. */
	type_in(&st, f.phone, "0888 123");
	v = practice_press(&st, f.send);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	assert_int_equal(v.widget, f.phone);

	practice_state_reset(&st);
	assert_string_equal(st.text[f.name].buf, "");
	assert_false(st.checked[f.agree]);
	assert_int_equal(practice_press(&st, f.send).widget, f.name);
	practice_state_free(&st);
	practice_free(f.p);
}

/* ---- the frame ---- */

static void rows_follow_the_formula(void **state)
{
	static const char *const three[] = { "1", "2", "3" };
	static const char *const four[] = { "1", "2", "3", "4" };
	struct practice *p = new_practice();

	/* The example of the format: title, marker, label, field, blank, buttons, borders. */
	add(p, WIDGET_LABEL, "Добре дошли!");
	add_field(p, "Търсене", RULE_ANY, 0, NULL);
	add_button(p, "Търси", true);
	add_button(p, "Вход", false);
	assert_int_equal(practice_rows(p), 8);
	add_check(p, "Отметка", CHECK_ANY);
	assert_int_equal(practice_rows(p), 9);
	add_items(p, WIDGET_CHOICE, "Избор", 3, three, PRACTICE_NONE);
	assert_int_equal(practice_rows(p), 13);
	add_items(p, WIDGET_LIST, "Списък", 4, four, PRACTICE_NONE);
	assert_int_equal(practice_rows(p), 18);
	add_button(p, "Отказ", false);  /* buttons share one row */
	assert_int_equal(practice_rows(p), 18);
	practice_free(p);
}

/* ---- reading aloud: the widget in focus (untranslated here: the C locale) ---- */

static void describe_focus_names_the_widget_and_its_state(void **state)
{
	static const char *const pay[] = { "С карта", "Наложен платеж" };
	struct practice *p = new_practice();
	struct practice_state st;
	char *s;

	add(p, WIDGET_LABEL, "Поръчка");                        /* 0 */
	add_field(p, "Телефон", RULE_ANY, 0, NULL);              /* 1 */
	add_check(p, "Съгласен съм", CHECK_ANY);                /* 2 */
	add_items(p, WIDGET_CHOICE, "Плащане", 2, pay, PRACTICE_NONE);  /* 3 */
	add_button(p, "Поръчай", true);                         /* 4 */
	practice_state_init(&st, p);
	s = practice_describe_focus(&st);
	assert_string_equal(s, "field Телефон, empty");
	free(s);
	type_in(&st, 1, "0888 123 456");
	s = practice_describe_focus(&st);
	assert_string_equal(s, "field Телефон: 0888 123 456");
	free(s);
	practice_focus_next(&st);
	s = practice_describe_focus(&st);
	assert_string_equal(s, "checkbox Съгласен съм, not ticked");
	free(s);
	st.checked[2] = true;
	s = practice_describe_focus(&st);
	assert_string_equal(s, "checkbox Съгласен съм, ticked");
	free(s);
	practice_focus_next(&st);
	s = practice_describe_focus(&st);
	assert_string_equal(s, "choice Плащане, nothing chosen");
	free(s);
	st.picked[3] = 1;
	s = practice_describe_focus(&st);
	assert_string_equal(s, "choice Плащане, chosen: Наложен платеж");
	free(s);
	practice_focus_next(&st);
	s = practice_describe_focus(&st);
	assert_string_equal(s, "button Поръчай");
	free(s);
	practice_state_free(&st);
	practice_free(p);
}

/* ---- reading aloud: the screen's own words ---- */

static void describe_screen_reads_title_and_labels_in_order(void **state)
{
	struct practice *p = new_practice();
	char *s;

	add(p, WIDGET_LABEL, "Съобщение от 1234:");             /* 0 */
	add(p, WIDGET_LABEL, "Пратката Ви чака. Платете 2 лв. на bit.example");  /* 1 */
	add_field(p, "Телефон", RULE_ANY, 0, NULL);              /* 2 */
	add(p, WIDGET_LABEL, "Рецепта № 0042");                 /* 3 */
	add_check(p, "Съгласен съм", CHECK_ANY);                /* 4 */
	add_button(p, "Изтрий", true);                          /* 5 */
	s = practice_describe_screen(p);
	/* The title first, then only the labels, as they stand on the screen: no field,
	 * checkbox or button (the one in focus is read by practice_describe_focus). */
	assert_string_equal(s, "Аптека Здраве\napteka-zdrave.example\n"
	                       "Съобщение от 1234:\n"
	                       "Пратката Ви чака. Платете 2 лв. на bit.example\n"
	                       "Рецепта № 0042");
	free(s);
	practice_free(p);
}

static void describe_screen_without_labels_is_the_title_a_part_a_line(void **state)
{
	/* "App · address": a line each, for the pause between them (the dot is silent). */
	static const struct { const char *title, *said; } cases[] = {
		{ "Аптека Здраве · apteka-zdrave.example", "Аптека Здраве\napteka-zdrave.example" },
		{ "Поща · Входящи · poshta.example", "Поща\nВходящи\nposhta.example" },
		{ "Сигнал за измама", "Сигнал за измама" },
		{ "", "" },
	};
	struct practice *p = new_practice();

	add_field(p, "Телефон", RULE_ANY, 0, NULL);
	add_button(p, "Поръчай", true);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *s;

		free(p->title);
		p->title = xstrdup(cases[i].title);
		s = practice_describe_screen(p);
		assert_string_equal(s, cases[i].said);
		free(s);
	}
	practice_free(p);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(describe_focus_names_the_widget_and_its_state),
		cmocka_unit_test(describe_screen_reads_title_and_labels_in_order),
		cmocka_unit_test(describe_screen_without_labels_is_the_title_a_part_a_line),
		cmocka_unit_test(focus_skips_labels_and_wraps),
		cmocka_unit_test(one_widget_keeps_the_focus),
		cmocka_unit_test(accept_folds_case_spaces_and_decomposed_letters),
		cmocka_unit_test(digits_ignore_spaces_and_count_exactly),
		cmocka_unit_test(one_digit_pin),
		cmocka_unit_test(date_is_a_real_calendar_day),
		cmocka_unit_test(required_and_any),
		cmocka_unit_test(check_rules),
		cmocka_unit_test(must_pick_the_named_item),
		cmocka_unit_test(verdicts),
		cmocka_unit_test(rows_follow_the_formula),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
