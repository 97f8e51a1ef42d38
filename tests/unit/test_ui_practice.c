/* Unit tests: ui_practice_show_done(), the practice form of a step done already, without a
 * terminal.  It shows the form as "show me" leaves it just before its button is pressed:
 * every field holding the right entry (Cyrillic), the right boxes ticked and items chosen,
 * fields without a rule left empty, the focus on the task's button (not Enter's default
 * one), no caption, nothing playing.  A practice whose demonstration gives no keys, or does
 * not finish the form, keeps the state it had. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "lesson.h"
#include "practice_fixture.h"
#include "ui_practice.h"

/* A booking form whose task names the widgets out of the file's order; "Назад" comes before
 * the task's button, and a box the task wants left alone. */
static const char BOOKING[] =
	"lesson: booking\n"
	"title: Запис\n"
	"\n"
	"step: book\n"
	"kind: practice\n"
	"text: Изберете 10:30, напишете името Мария, съгласете се с условията и натиснете "
	"„Запази“.\n"
	"screen: Поликлиника · zapis.example\n"
	"field: Име\n"
	"accept: Мария\n"
	"accept: Мариа\n"
	"field: Бележка\n"
	"list: Час\n"
	"item: 10:00\n"
	"item: 10:30\n"
	"must: 10:30\n"
	"check: Съгласен съм с условията\n"
	"must: checked\n"
	"check: Искам реклами\n"
	"must: unchecked\n"
	"button: Назад\n"
	"button: Запази\n"
	"press: yes\n";

static struct lesson *parse(const char *src)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_buffer("t", src, strlen(src), &d);

	if (!l)
		diags_print(&d, stderr);
	assert_non_null(l);
	diags_free(&d);
	return l;
}

/* The widget of p labelled label. */
static size_t widget(const struct practice *p, const char *label)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->widgets[i].label, label) == 0)
			return i;
	fail_msg("no widget %s", label);
	return PRACTICE_NONE;
}

static void shown_done_is_the_form_show_me_finishes(void **state)
{
	struct lesson *l = parse(BOOKING);
	const struct step *s = &l->steps[0];
	const struct practice *p = s->practice;
	struct ui_practice *u = ui_practice_new(p);
	const struct practice_state *st = ui_practice_state(u);

	assert_true(ui_practice_show_done(u, s->text));
	assert_string_equal(st->text[widget(p, "Име")].buf, "Мария");  /* the first accept: */
	assert_string_equal(st->text[widget(p, "Бележка")].buf, "");    /* no rule: left empty */
	assert_int_equal(st->picked[widget(p, "Час")], 1);
	assert_true(st->checked[widget(p, "Съгласен съм с условията")]);
	assert_false(st->checked[widget(p, "Искам реклами")]);
	assert_int_equal(st->focus, widget(p, "Запази"));  /* the task's button, not "Назад" */
	assert_int_equal(practice_press(st, st->focus).outcome, PRACTICE_PASSED);
	/* Instantly, with nothing of the demonstration's playing left over. */
	assert_false(ui_practice_demo_playing(u));
	assert_null(ui_practice_caption(u));
	assert_int_equal(st->note, PRACTICE_NOTE_NONE);
	assert_false(st->enter_in_field);
	assert_string_equal(st->typed, "");
	ui_practice_free(u);
	lesson_free(l);
}

/* On a scam page Enter in the card field would press "Плати" (default: yes); the form shown
 * done has the focus on "Затвори", the button the task presses and the footer names. */
static void shown_done_focuses_the_tasks_button_not_enters_default(void **state)
{
	static const char src[] =
		"lesson: scam\n"
		"title: Измама\n"
		"\n"
		"step: close\n"
		"kind: practice\n"
		"text: Не плащайте: изберете „До офис“, отметнете „Това е измама“ и натиснете "
		"„Затвори“.\n"
		"screen: Куриер · kurier-bg.example\n"
		"field: Номер на карта\n"
		"choice: Доставка\n"
		"item: До адрес\n"
		"item: До офис\n"
		"must: До офис\n"
		"check: Това е измама\n"
		"must: checked\n"
		"button: Плати\n"
		"default: yes\n"
		"feedback: Така картата Ви отива при измамници.\n"
		"button: Затвори\n"
		"press: yes\n";
	struct lesson *l = parse(src);
	const struct practice *p = l->steps[0].practice;
	struct ui_practice *u = ui_practice_new(p);
	const struct practice_state *st = ui_practice_state(u);

	assert_true(ui_practice_show_done(u, l->steps[0].text));
	assert_string_equal(st->text[widget(p, "Номер на карта")].buf, "");
	assert_int_equal(st->picked[widget(p, "Доставка")], 1);
	assert_true(st->checked[widget(p, "Това е измама")]);
	assert_int_equal(st->focus, widget(p, "Затвори"));
	assert_int_equal(practice_keys_enter_button(st), widget(p, "Затвори"));
	ui_practice_free(u);
	lesson_free(l);
}

/* Built by hand: the parser would refuse a required field without a "show me" value.  Its
 * demonstration fills the rest, tabs to the button and leaves that field empty: the form is
 * not done, and none of it may show half filled as done. */
static void a_demo_that_cannot_finish_leaves_the_state_untouched(void **state)
{
	static const char *const accept[] = { "Мария" };
	static const char *const towns[] = { "София", "Варна" };
	struct practice *p = new_practice();
	size_t first = add_accept(p, "Име", 1, accept);
	size_t town = add_items(p, WIDGET_LIST, "Град", 2, towns, 1);
	size_t agree = add_check(p, "Съгласен съм", CHECK_CHECKED);
	size_t phone = add_field(p, "Телефон", RULE_REQUIRED, 0, NULL);
	struct ui_practice *u;
	struct practice_state *st;
	struct practice_key *keys;
	size_t n, b;

	add_button(p, "Изпрати", true);
	n = practice_keys_demo(p, NULL, &keys);
	assert_true(n > 0);  /* it gives keys: it is their end state that falls short */
	free(keys);
	u = ui_practice_new(p);
	st = ui_practice_state(u);
	practice_keys_handle(st, (struct practice_key){ PKEY_CHAR, 0x041c }, &b);  /* М */
	assert_false(ui_practice_show_done(u, "Попълнете формуляра."));
	assert_string_equal(st->text[first].buf, "М");
	assert_string_equal(st->text[phone].buf, "");
	assert_int_equal(st->picked[town], PRACTICE_NONE);
	assert_false(st->checked[agree]);
	assert_int_equal(st->focus, first);
	ui_practice_free(u);
	practice_free(p);
}

/* No keys at all (practice_keys_demo's failure, or nothing to do): nothing changes. */
static void a_demo_without_keys_changes_nothing(void **state)
{
	struct practice *p = new_practice();
	size_t close = add_button(p, "Затвори", true);
	struct ui_practice *u = ui_practice_new(p);
	const struct practice_state *st = ui_practice_state(u);

	assert_false(ui_practice_show_done(u, NULL));
	assert_int_equal(st->focus, close);
	ui_practice_free(u);
	practice_free(p);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(shown_done_is_the_form_show_me_finishes),
		cmocka_unit_test(shown_done_focuses_the_tasks_button_not_enters_default),
		cmocka_unit_test(a_demo_that_cannot_finish_leaves_the_state_untouched),
		cmocka_unit_test(a_demo_without_keys_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
