/* Unit test: walks every step of every lesson in lessons/ (and of the rules fixture) the way a
 * learner who gives the lesson's own answers would, through the real model code (parser,
 * lesson_type_check, the practice state, "show me" keys, practice_press), and checks that
 * each lesson reaches its end.  On the way every "reject:" answer must be refused with its
 * own feedback, and under "case: yes" the answer in small letters must be refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "answer.h"
#include "catalog.h"
#include "diag.h"
#include "lesson.h"
#include "practice.h"
#include "practice_keys.h"
#include "text.h"
#include "util.h"

struct tally {
	size_t lessons, steps, practice, rejects, cases;
};

/* s in small letters, when that differs from s (else NULL); caller frees. */
static char *small_letters(const char *s)
{
	char *folded = text_fold(s), *normal = text_normal(s);

	if (strcmp(folded, normal) == 0) {
		free(folded);
		folded = NULL;
	}
	free(normal);
	return folded;
}

static void walk_type(const struct lesson *l, const struct step *s, struct tally *t)
{
	const char *fb;
	char *small;

	if (!lesson_type_check(s, s->accept[0], NULL))
		fail_msg("%s: step '%s' refuses its own 'accept: %s'", l->path, s->id,
		         s->accept[0]);
	for (size_t g = 0; g < s->reject_count; g++)
		for (size_t j = 0; j < s->rejects[g].count; j++, t->rejects++) {
			assert_false(lesson_type_check(s, s->rejects[g].text[j], &fb));
			assert_ptr_equal(fb, s->rejects[g].feedback);
		}
	if (s->case_counts && (small = small_letters(s->accept[0]))) {
		if (!answer_matches_case(small, s->accept, s->accept_count, true)) {
			assert_false(lesson_type_check(s, small, NULL));
			t->cases++;
		}
		free(small);
	}
}

/* What "show me" does, so that each check below starts from a right screen. */
static size_t expected_button(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->widgets[i].expected)
			return i;
	fail_msg("no expected button");
	return 0;
}

static void demo(struct practice_state *st)
{
	struct practice_key *m = NULL;
	size_t n = practice_keys_demo(st->p, NULL, &m), b;

	practice_state_reset(st);
	for (size_t i = 0; i < n; i++) {
		/* No list of a lesson is long enough to need the arrows: "show me" picks with the
		 * item's digit, or on a list of times by typing the time; and never with Enter. */
		assert_int_not_equal(m[i].code, PKEY_DOWN);
		assert_int_not_equal(m[i].code, PKEY_ENTER);
		assert_int_not_equal(practice_keys_handle(st, m[i], &b), PRACTICE_PRESS);
		assert_int_equal(st->note, PRACTICE_NOTE_NONE);  /* every key did what it shows */
	}
	free(m);
}

/* Field i of a done screen given text instead: must be refused, with group g's reason (or
 * none when g is NULL). */
static void expect_refused(struct practice_state *st, size_t go, size_t i, const char *text,
                           const struct answer_reject *g)
{
	struct practice_verdict v;

	demo(st);
	edit_set(&st->text[i], text);
	v = practice_press(st, go);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	assert_int_equal(v.widget, i);
	assert_ptr_equal(v.reject, g);
}

static void walk_practice(const struct lesson *l, const struct step *s, struct tally *t)
{
	const struct practice *p = s->practice;
	struct practice_state st;
	size_t go = expected_button(p);

	practice_state_init(&st, p);
	demo(&st);
	if (practice_press(&st, go).outcome != PRACTICE_PASSED)
		fail_msg("%s: practice step '%s' is not done by its own values", l->path, s->id);
	for (size_t i = 0; i < p->count; i++) {
		const struct widget *w = &p->widgets[i];
		char *small;

		for (size_t g = 0; g < w->reject_count; g++)
			for (size_t j = 0; j < w->rejects[g].count; j++, t->rejects++)
				expect_refused(&st, go, i, w->rejects[g].text[j], &w->rejects[g]);
		if (!w->case_counts || !(small = small_letters(w->value ? w->value
		                                                            : w->accept[0])))
			continue;
		if (!answer_matches_case(small, w->accept, w->accept_count, true)) {
			expect_refused(&st, go, i, small, NULL);
			t->cases++;
		}
		free(small);
	}
	practice_state_free(&st);
	t->practice++;
}

/* One lesson from its first step to its end, each step answered right. */
static void walk_lesson(const struct lesson *l, struct tally *t)
{
	size_t step = 0;

	while (step < l->step_count) {
		const struct step *s = &l->steps[step];
		size_t correct = 0;

		switch (s->kind) {
		case STEP_READ:
			break;
		case STEP_CHOOSE:
			for (size_t i = 0; i < s->option_count; i++)
				correct += s->options[i].correct;
			assert_int_equal(correct, 1);
			break;
		case STEP_TYPE:
			walk_type(l, s, t);
			break;
		case STEP_PRACTICE:
			walk_practice(l, s, t);
			break;
		}
		step++;
		t->steps++;
	}
	assert_int_equal(step, l->step_count);
	t->lessons++;
}

static void walk_dir(const char *dir, struct tally *t)
{
	struct catalog c = { 0 };
	struct diags d = { 0 };

	/* A broken lesson would be left out of the walk without a word: none may be. */
	if (catalog_load(dir, &c, &d) < 0 || d.count > 0) {
		diags_print(&d, stdout);
		fail_msg("%s does not load cleanly", dir);
	}
	for (size_t i = 0; i < c.count; i++)
		for (size_t j = 0; j < c.sets[i].count; j++)
			walk_lesson(c.sets[i].lessons[j], t);
	catalog_free(&c);
	diags_free(&d);
}

static void every_lesson_reaches_its_end(void **state)
{
	struct tally t = { 0 };

	walk_dir("lessons", &t);
	printf("# lessons/: %zu lessons, %zu steps, %zu practice steps, %zu rejects, "
	       "%zu case rules walked\n", t.lessons, t.steps, t.practice, t.rejects, t.cases);
	assert_true(t.lessons >= 12);
	assert_true(t.practice > 0);
}

/* The same walk on the rules fixture, where the reject and case checks must happen. */
static void the_walk_checks_rejects_and_case(void **state)
{
	struct tally t = { 0 };

	walk_dir("tests/fixtures/lessons/rules", &t);
	assert_int_equal(t.lessons, 2);
	assert_int_equal(t.rejects, 2 * 4);   /* 1234 0000 1955 in the PIN, one in the type step */
	assert_int_equal(t.cases, 2 * 2);     /* the type step and the name field */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_lesson_reaches_its_end),
		cmocka_unit_test(the_walk_checks_rejects_and_case),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
