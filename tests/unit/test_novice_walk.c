/* Unit tests: a scripted learner walks through every step of every bundled lesson, in every
 * language, pressing only keys that the screens name, through the curses-free models
 * (answer.c, practice.c, practice_keys.c).  On each step it first does the wrong thing (Enter
 * at once, typing while a button has the focus, a wrong option or word), then the right
 * thing, and must reach the end of each lesson: no step where the named keys lead nowhere.
 * Enter on a list, choice or box must press no button and say something; a list of times
 * must pick its item when the item is typed, and by the digit of its place when the step
 * says "press the digit".
 * The lessons folder is KIOSK_WALK_LESSONS, else "lessons". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistr.h>

#include "answer.h"
#include "catalog.h"
#include "practice_keys.h"
#include "util.h"

static const struct practice_key TAB = { PKEY_TAB, 0 }, ENTER = { PKEY_ENTER, 0 },
	END = { PKEY_END, 0 }, BACKSPACE = { PKEY_BACKSPACE, 0 }, DOWN = { PKEY_DOWN, 0 },
	SPACE = { PKEY_CHAR, ' ' };

static size_t practice_steps, lessons_walked, typed_walked;

static enum practice_effect key(struct practice_state *st, struct practice_key k, size_t *b)
{
	size_t dummy;

	return practice_keys_handle(st, k, b ? b : &dummy);
}

static void type(struct practice_state *st, const char *s)
{
	const uint8_t *u = (const uint8_t *)s;
	ucs4_t cp;

	while ((u = u8_next(&cp, u))) {
		struct practice_key k = { PKEY_CHAR, cp };

		key(st, k, NULL);
	}
}

/* Tab until widget i has the focus; fails the test when Tab never gets there. */
static void tab_to(struct practice_state *st, size_t i, const char *where)
{
	for (size_t n = 0; st->focus != i; n++) {
		if (n > st->p->count) {
			print_error("%s: Tab never reaches widget %zu\n", where, i);
			fail();
		}
		key(st, TAB, NULL);
	}
}

static bool has_field(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->widgets[i].kind == WIDGET_FIELD)
			return true;
	return false;
}

/* Enter on a list, a choice or a box (twice: the first may pick) presses no button and
 * always says something. */
static void enter_off_a_field_presses_nothing(struct practice_state *st, const char *where)
{
	size_t b = PRACTICE_NONE;

	for (int i = 0; i < 2; i++)
		if (key(st, ENTER, &b) == PRACTICE_PRESS || st->note == PRACTICE_NOTE_NONE) {
			print_error("%s: Enter on a list or box pressed a button or said nothing\n",
			            where);
			fail();
		}
}

/* Wrong first: Enter at once, then typing while a button has the focus. */
static void practice_wrong_first(struct practice_state *st, const char *where)
{
	const struct practice *p = st->p;
	size_t go = practice_keys_submit_button(p), b = PRACTICE_NONE;
	struct practice_verdict v;
	enum practice_effect e;

	if (p->widgets[st->focus].kind != WIDGET_FIELD) {
		enter_off_a_field_presses_nothing(st, where);
		practice_state_reset(st);
		for (size_t n = 0; p->widgets[st->focus].kind != WIDGET_FIELD && n <= p->count; n++)
			key(st, TAB, NULL);
	}
	if (p->widgets[st->focus].kind != WIDGET_FIELD)
		return;  /* no field on this screen: nothing more Enter could do */
	/* In the empty field Enter sends nothing (and says so); with a letter typed it presses
	 * the form's button. */
	e = key(st, ENTER, &b);
	if (st->text[st->focus].len == 0) {
		assert_int_equal(e, PRACTICE_IGNORED);
		assert_int_equal(st->note, PRACTICE_NOTE_ENTER_EMPTY);
		type(st, "1");
		e = key(st, ENTER, &b);
	}
	assert_int_equal(e, PRACTICE_PRESS);
	assert_int_equal(b, go);
	assert_true(st->enter_in_field);
	v = practice_press(st, b);
	/* On a scam page Enter presses the page's own "Pay": never praised as the task's "Close",
	 * and the learner is told what paying would have done, not a generic message. */
	if (!p->widgets[go].expected &&
	    (v.outcome == PRACTICE_PASSED || !p->widgets[go].feedback)) {
		print_error("%s: Enter pressed '%s', which passed or says nothing of its own\n",
		            where, p->widgets[go].label);
		fail();
	}
	practice_keys_pressed(st, v);
	if (v.outcome == PRACTICE_NOT_READY && !practice_widget_ok(st, st->focus) &&
	    st->focus != v.widget) {
		print_error("%s: the focus is not on the widget the feedback names\n", where);
		fail();
	}
	/* Tab to a button, then type: the letter must land in a field, not in nothing. */
	for (size_t n = 0; p->widgets[st->focus].kind != WIDGET_BUTTON && n <= p->count; n++)
		key(st, TAB, NULL);
	assert_int_equal(p->widgets[st->focus].kind, WIDGET_BUTTON);
	if (has_field(p)) {
		struct practice_key a = { PKEY_CHAR, 0x0430 };  /* а */

		if (key(st, a, NULL) == PRACTICE_IGNORED) {
			print_error("%s: a letter typed on a button went nowhere\n", where);
			fail();
		}
		assert_int_not_equal(p->widgets[st->focus].kind, WIDGET_BUTTON);
	}
}

/* Makes widget i right with the keys the task names; it has the focus. */
static void make_right(struct practice_state *st, size_t i)
{
	const struct widget *w = &st->p->widgets[i];

	switch (w->kind) {
	case WIDGET_FIELD:
		key(st, END, NULL);
		while (st->text[i].len > 0)
			key(st, BACKSPACE, NULL);
		if (practice_demo_text(w))
			type(st, practice_demo_text(w));
		break;
	case WIDGET_CHECK:
		if (!practice_widget_ok(st, i))
			key(st, SPACE, NULL);
		break;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		if (w->must < 9) {
			struct practice_key d = { PKEY_CHAR, '1' + (uint32_t)w->must };

			key(st, d, NULL);
		}
		while (!practice_widget_ok(st, i))
			key(st, DOWN, NULL);
		break;
	default:
		break;
	}
	assert_true(practice_widget_ok(st, i));
}

/* Enter never ticks a box: a box's own feedback that tells the learner to press Enter would
 * send them round in circles. */
static void box_feedback_names_space(const struct practice *p, const char *where)
{
	for (size_t i = 0; i < p->count; i++) {
		const struct widget *w = &p->widgets[i];

		if (w->kind == WIDGET_CHECK && w->feedback && strstr(w->feedback, "Enter")) {
			print_error("%s: the feedback of 'check: %s' says Enter; a box ticks with "
			            "Space\n", where, w->label);
			fail();
		}
	}
}

/* The button that finishes the task ("press: yes"); on a scam page it is not the form's own
 * submit button ("default: yes"), which Enter in a field presses. */
static size_t task_button(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->widgets[i].kind == WIDGET_BUTTON && p->widgets[i].expected)
			return i;
	return PRACTICE_NONE;
}

/* Does the step tell the learner to press a digit ("натиснете цифрата 2", "натисніть
 * цифру 2")? */
static bool says_digit(const char *text)
{
	return text && strstr(text, "цифр");
}

/* A list of times or dates: typing its item as the text names it („изберете „10:00““)
 * picks it, key by key, on the list; and when the step says "press the digit", the digit of
 * its place picks it too (novice test: "1" picked 8:30, then "0" went to the phone). */
static void typed_lists(const struct practice *p, const struct step *s, const char *where)
{
	for (size_t i = 0; i < p->count; i++) {
		const struct widget *w = &p->widgets[i];
		struct practice_state st;
		const char *item;

		if (!practice_keys_typed_items(w) || w->must == PRACTICE_NONE)
			continue;
		item = w->items[w->must];
		typed_walked++;
		practice_state_init(&st, p);
		tab_to(&st, i, where);
		type(&st, item);
		if (st.focus != i || st.picked[i] != w->must) {
			print_error("%s: typing '%s' on '%s' does not pick it\n", where, item, w->label);
			fail();
		}
		practice_state_reset(&st);
		tab_to(&st, i, where);
		if (w->must < 9 && (says_digit(s->text) || says_digit(s->hint) ||
		                    says_digit(w->feedback))) {
			struct practice_key d = { PKEY_CHAR, '1' + (uint32_t)w->must };

			key(&st, d, NULL);
			if (st.picked[i] != w->must) {
				print_error("%s: the step says to press a digit, but %u on '%s' picks "
				            "another item\n", where, (unsigned)d.ch - '0', w->label);
				fail();
			}
		}
		practice_state_free(&st);
	}
}

static void walk_practice(const struct practice *p, const char *task, const char *where)
{
	struct practice_state st;
	size_t go = task_button(p), b = PRACTICE_NONE, last = PRACTICE_NONE;
	struct practice_key *demo = NULL;
	size_t n;

	assert_int_not_equal(go, PRACTICE_NONE);
	box_feedback_names_space(p, where);
	practice_state_init(&st, p);
	practice_wrong_first(&st, where);
	/* Then right: Tab to each widget that is not right, fix it, Tab to the button. */
	for (size_t i = 0; i < p->count; i++) {
		if (p->widgets[i].kind == WIDGET_BUTTON || practice_widget_ok(&st, i))
			continue;
		tab_to(&st, i, where);
		make_right(&st, i);
		last = i;
	}
	/* Enter in a field submits the form; elsewhere, or when the form's submit button is not
	 * the task's (a scam page), Tab to the task's button first. */
	if (last == PRACTICE_NONE || p->widgets[last].kind != WIDGET_FIELD ||
	    practice_keys_submit_button(p) != go)
		tab_to(&st, go, where);
	assert_int_equal(key(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, go);
	if (practice_press(&st, b).outcome != PRACTICE_PASSED) {
		print_error("%s: done right, the press does not pass (widget %zu)\n", where,
		            practice_press(&st, b).widget);
		fail();
	}
	/* "Show me" from an empty screen passes too, with the same keys. */
	practice_state_reset(&st);
	n = practice_keys_demo(p, task, &demo);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(key(&st, demo[i], NULL), PRACTICE_PRESS);
	assert_int_equal(st.focus, go);
	assert_int_equal(practice_press(&st, go).outcome, PRACTICE_PASSED);
	free(demo);
	practice_state_free(&st);
	practice_steps++;
}

static void walk_step(const struct step *s, const char *where)
{
	size_t right = 0, wrong = s->option_count;

	switch (s->kind) {
	case STEP_READ:
		break;
	case STEP_CHOOSE:
		for (size_t i = 0; i < s->option_count; i++) {
			if (s->options[i].correct)
				right = i;
			else
				wrong = i;
		}
		assert_true(wrong < s->option_count);
		assert_false(s->options[wrong].correct);
		assert_true(s->options[right].correct);
		break;
	case STEP_TYPE:
		assert_false(answer_matches("ъъъ", s->accept, s->accept_count));
		assert_true(answer_matches(s->accept[0], s->accept, s->accept_count));
		break;
	case STEP_PRACTICE:
		walk_practice(s->practice, s->text, where);
		typed_lists(s->practice, s, where);
		break;
	}
}

static void every_lesson_to_its_end(void **state)
{
	const char *dir = getenv("KIOSK_WALK_LESSONS") ? getenv("KIOSK_WALK_LESSONS") : "lessons";
	struct catalog c = { 0 };
	struct diags d = { 0 };

	assert_int_equal(catalog_load(dir, &c, &d), 0);
	assert_true(c.count >= 2);  /* Bulgarian and Ukrainian */
	for (size_t i = 0; i < c.count; i++) {
		for (size_t j = 0; j < c.sets[i].count; j++) {
			const struct lesson *l = c.sets[i].lessons[j];
			size_t step;

			for (step = 0; step < l->step_count; step++) {
				char *where = xasprintf("%s:%d", l->path, l->steps[step].line);

				walk_step(&l->steps[step], where);
				free(where);
			}
			assert_int_equal(step, l->step_count);
			lessons_walked++;
		}
	}
	print_message("walked %zu lessons, %zu practice steps, %zu lists of times typed\n",
	              lessons_walked, practice_steps, typed_walked);
	assert_true(practice_steps > 0);
	if (!getenv("KIOSK_WALK_LESSONS"))
		assert_true(typed_walked >= 10);  /* the bundled lessons have times and dates */
	catalog_free(&c);
	diags_free(&d);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_lesson_to_its_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
