/* Unit tests: the rules that keep a lesson from praising the wrong answer (issue 9):
 * "reject:" groups with their own feedback and "case: yes", in type steps and practice
 * fields.  The lessons are read by the real parser from tests/fixtures/lessons/rules, and the
 * answers are checked by the same model code the screens call (lesson_type_check,
 * practice_press); the answer.c primitives are pinned at their edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "answer.h"
#include "diag.h"
#include "lesson.h"
#include "practice.h"
#include "util.h"

#define RULES "tests/fixtures/lessons/rules/"
#define Y_DECOMPOSED "\xd0\xb8\xcc\x86"  /* и + combining breve */

static struct lesson *load(const char *path)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_file(path, &d);

	assert_int_equal(d.count, 0);
	assert_non_null(l);
	diags_free(&d);
	return l;
}

/* ---- answer.c ---- */

static void case_counts_only_when_asked(void **state)
{
	char *maria[] = { "Мария" };

	assert_true(answer_matches_case("мария", maria, 1, false));
	assert_true(answer_matches_case("  Мария ", maria, 1, true));
	assert_false(answer_matches_case("мария", maria, 1, true));
	assert_false(answer_matches_case("МАРИЯ", maria, 1, true));
	assert_false(answer_matches_case("", maria, 1, true));
	/* Normal forms still do not count: й typed as и + breve is й. */
	char *yod[] = { "Йод" };

	assert_true(answer_matches_case("\xd0\x98\xcc\x86" "од", yod, 1, true));  /* И + breve */
	assert_false(answer_matches_case(Y_DECOMPOSED "од", yod, 1, true));  /* small й */
}

static void rejects_ignore_case_and_spaces(void **state)
{
	char *weak[] = { "1234", "0000" }, *year[] = { "1955" }, *word[] = { "Парола" };
	struct answer_reject g[] = {
		{ weak, 2, "лесно" }, { year, 1, "година" }, { word, 1, "дума" },
	};

	assert_ptr_equal(answer_rejected("1234", g, 3, false), &g[0]);
	assert_ptr_equal(answer_rejected(" 0000 ", g, 3, false), &g[0]);
	assert_ptr_equal(answer_rejected("1955", g, 3, false), &g[1]);
	assert_ptr_equal(answer_rejected("ПАРОЛА", g, 3, false), &g[2]);
	assert_null(answer_rejected("7391", g, 3, false));
	assert_null(answer_rejected("", g, 3, false));
	/* Inner blanks count, except in a digits: field. */
	assert_null(answer_rejected("12 34", g, 3, false));
	assert_ptr_equal(answer_rejected("12 34", g, 3, true), &g[0]);
	assert_ptr_equal(answer_rejected("1\xc2\xa0" "234", g, 3, true), &g[0]);
	assert_null(answer_rejected("1234", g, 0, false));
	assert_true(answer_same("12 34", "1234", true));
	assert_false(answer_same("12 34", "1234", false));
	assert_true(answer_same("мария", "МАРИЯ", false));
	assert_false(answer_same("", "", false));
}

/* ---- the fixture lesson, through the parser ---- */

static void parser_groups_rejects_with_their_feedback(void **state)
{
	struct lesson *l = load(RULES "bg/pin.lesson");
	const struct widget *pin = &l->steps[0].practice->widgets[0];
	const struct step *name = &l->steps[1];
	const struct widget *form = &l->steps[2].practice->widgets[0];

	assert_int_equal(pin->rule, RULE_DIGITS);
	assert_int_equal(pin->reject_count, 2);
	assert_int_equal(pin->rejects[0].count, 2);
	assert_string_equal(pin->rejects[0].text[0], "1234");
	assert_string_equal(pin->rejects[0].text[1], "0000");
	assert_string_equal(pin->rejects[0].feedback,
	                    "1234 и 0000 се отгатват лесно. Изберете други 4 цифри.");
	assert_int_equal(pin->rejects[1].count, 1);
	assert_string_equal(pin->rejects[1].text[0], "1955");
	assert_string_equal(pin->rejects[1].feedback,
	                    "Годината на раждане се отгатва лесно. Изберете други 4 цифри.");
	/* A feedback: not right after a reject: stays the field's own. */
	assert_string_equal(pin->feedback, "Изтрийте с Backspace и напишете точно 4 цифри.");
	assert_string_equal(pin->value, "7391");
	assert_false(pin->case_counts);

	assert_true(name->case_counts);
	assert_int_equal(name->reject_count, 1);
	assert_string_equal(name->rejects[0].feedback, "Тук се пише име, не парола.");
	assert_string_equal(name->feedback, "Започнете с главна буква: задръжте Shift и "
	                    "натиснете буквата.");

	assert_true(form->case_counts);
	assert_int_equal(form->reject_count, 0);
	lesson_free(l);
}

/* The PIN field as the learner meets it: type, press "Смени", read what is said. */
static void refused_pin_shows_its_reason(void **state)
{
	struct lesson *l = load(RULES "bg/pin.lesson");
	const struct practice *p = l->steps[0].practice;
	struct practice_state st;
	struct practice_verdict v;
	static const struct {
		const char *typed;
		int group;  /* reject group expected, -1 none, -2 passes */
	} cases[] = {
		{ "1234", 0 }, { "0000", 0 }, { "12 34", 0 }, { "1955", 1 }, { "123", -1 },
		{ "12345", -1 }, { "", -1 }, { "7391", -2 }, { "73 91", -2 },
	};

	practice_state_init(&st, p);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		edit_set(&st.text[0], cases[i].typed);
		v = practice_press(&st, 1);
		if (cases[i].group == -2) {
			assert_int_equal(v.outcome, PRACTICE_PASSED);
			assert_null(v.reject);
			continue;
		}
		assert_int_equal(v.outcome, PRACTICE_NOT_READY);
		assert_int_equal(v.widget, 0);
		if (cases[i].group < 0)
			assert_null(v.reject);
		else
			assert_ptr_equal(v.reject, &p->widgets[0].rejects[cases[i].group]);
	}
	/* A refused answer never counts as right, whichever button. */
	edit_set(&st.text[0], "1234");
	assert_false(practice_field_accepts(&p->widgets[0], "1234"));
	assert_ptr_equal(practice_field_rejects(&p->widgets[0], "1234"),
	                 &p->widgets[0].rejects[0]);
	assert_int_equal(practice_press(&st, 2).outcome, PRACTICE_WRONG_BUTTON);
	assert_null(practice_press(&st, 2).reject);
	practice_state_free(&st);
	lesson_free(l);
}

static void capital_letter_counts_in_the_field(void **state)
{
	struct lesson *l = load(RULES "bg/pin.lesson");
	const struct practice *p = l->steps[2].practice;
	struct practice_state st;

	practice_state_init(&st, p);
	edit_set(&st.text[0], "мария");
	assert_int_equal(practice_press(&st, 1).outcome, PRACTICE_NOT_READY);
	assert_null(practice_press(&st, 1).reject);  /* the field's own feedback is shown */
	edit_set(&st.text[0], "Мария");
	assert_int_equal(practice_press(&st, 1).outcome, PRACTICE_PASSED);
	practice_state_free(&st);
	lesson_free(l);
}

static void type_step_refuses_and_counts_case(void **state)
{
	struct lesson *l = load(RULES "bg/pin.lesson");
	const struct step *s = &l->steps[1];
	const char *fb = "unset";

	assert_true(lesson_type_check(s, "Мария", &fb));
	assert_null(fb);
	assert_true(lesson_type_check(s, "  Мария ", NULL));
	assert_false(lesson_type_check(s, "мария", &fb));
	assert_ptr_equal(fb, s->feedback);
	assert_false(lesson_type_check(s, "ПАРОЛА", &fb));
	assert_ptr_equal(fb, s->rejects[0].feedback);
	assert_false(lesson_type_check(s, "Иван", &fb));
	assert_ptr_equal(fb, s->feedback);
	lesson_free(l);
}

/* Without case: yes, the old rule holds: case never counts. */
static void case_is_ignored_by_default(void **state)
{
	static const char src[] = "lesson: t\ntitle: Т\nstep: a\nkind: type\ntext: Х\n"
	                          "accept: Мария\nreject: Иван\nfeedback: Не Иван.\n";
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_buffer("t", src, sizeof src - 1, &d);
	const char *fb;

	assert_non_null(l);
	assert_false(l->steps[0].case_counts);
	assert_true(lesson_type_check(&l->steps[0], "МАРИЯ", &fb));
	assert_false(lesson_type_check(&l->steps[0], "иван", &fb));
	assert_string_equal(fb, "Не Иван.");
	lesson_free(l);
	diags_free(&d);
}

/* Latin letters where the answer is Cyrillic: "switch the keyboard", not "wrong"; a lesson's
 * own reject: reason still comes first, and Latin answers are left alone. */
static void latin_letters_in_a_cyrillic_answer(void **state)
{
	static const char src[] = "lesson: t\ntitle: Т\nstep: a\nkind: type\ntext: Х\n"
	                          "accept: Мария\nreject: Maria\nfeedback: Латиница.\n"
	                          "step: b\nkind: type\ntext: Х\naccept: Viber\n"
	                          "feedback: Опитайте пак.\n";
	char *maria[] = { "Мария", "внучка Мария" }, *mixed[] = { "Мария", "Viber" };
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_buffer("t", src, sizeof src - 1, &d);
	const char *fb;

	assert_true(answer_wrong_script("Mariya", maria, 2));
	assert_true(answer_wrong_script("M\xd0\xb0рия", maria, 2));  /* Latin M, Cyrillic rest */
	assert_true(answer_wrong_script("Мaрия", maria, 2));          /* one Latin a */
	assert_false(answer_wrong_script("Марина", maria, 2));
	assert_false(answer_wrong_script("1234", maria, 2));
	assert_false(answer_wrong_script("Maria", mixed, 2));  /* a Latin answer is possible */
	assert_false(answer_wrong_script("Maria", maria, 0));
	assert_non_null(l);
	assert_false(lesson_type_check(&l->steps[0], "Mariya", &fb));
	assert_string_equal(fb, answer_wrong_script_feedback("Mariya"));
	assert_non_null(strstr(fb, "The letters are Latin"));
	assert_false(lesson_type_check(&l->steps[0], "Мaрия", &fb));
	assert_non_null(strstr(fb, "Some letters are Latin"));
	assert_true(answer_has_latin_letters("Oksana"));
	assert_true(answer_has_latin_letters("Оксаna"));
	assert_false(answer_has_latin_letters("Оксана 2"));
	assert_false(lesson_type_check(&l->steps[0], "maria", &fb));
	assert_string_equal(fb, "Латиница.");
	assert_false(lesson_type_check(&l->steps[1], "Вайбър", &fb));
	assert_string_equal(fb, "Опитайте пак.");
	lesson_free(l);
	diags_free(&d);
}

/* The Ukrainian version of the fixture has the same rules. */
static void ukrainian_fixture_agrees(void **state)
{
	struct lesson *l = load(RULES "uk/pin.lesson");
	const struct widget *pin = &l->steps[0].practice->widgets[0];

	assert_ptr_equal(practice_field_rejects(pin, "1234"), &pin->rejects[0]);
	assert_ptr_equal(practice_field_rejects(pin, "1955"), &pin->rejects[1]);
	assert_true(practice_field_accepts(pin, "7391"));
	assert_false(lesson_type_check(&l->steps[1], "марія", NULL));
	assert_true(lesson_type_check(&l->steps[1], "Марія", NULL));
	lesson_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(case_counts_only_when_asked),
		cmocka_unit_test(rejects_ignore_case_and_spaces),
		cmocka_unit_test(parser_groups_rejects_with_their_feedback),
		cmocka_unit_test(refused_pin_shows_its_reason),
		cmocka_unit_test(capital_letter_counts_in_the_field),
		cmocka_unit_test(type_step_refuses_and_counts_case),
		cmocka_unit_test(case_is_ignored_by_default),
		cmocka_unit_test(ukrainian_fixture_agrees),
		cmocka_unit_test(latin_letters_in_a_cyrillic_answer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
