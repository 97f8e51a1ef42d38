/* Unit tests: the practice-screen focus model (practice_keys.c), without curses: feedback
 * moves the focus; typing on a button reaches the field; Enter in a field submits through
 * the "press: yes" button and never presses another; Enter on a list, choice or box presses
 * no button; a list of times picks by typed text; Up/Down stay in lists; Space ticks and
 * Enter does not; a key that cannot act leaves a note; "show me" is made of the learner's
 * own keys and passes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "practice_fixture.h"
#include "practice_keys.h"

#define DECOMPOSED_I_BREVE "\xd0\xb8\xcc\x86"  /* и + combining breve: a й typed in two keys */

static const struct practice_key TAB = { PKEY_TAB, 0 }, BACKTAB = { PKEY_BACKTAB, 0 },
	ENTER = { PKEY_ENTER, 0 }, UP = { PKEY_UP, 0 }, DOWN = { PKEY_DOWN, 0 },
	LEFT = { PKEY_LEFT, 0 }, RIGHT = { PKEY_RIGHT, 0 }, BACKSPACE = { PKEY_BACKSPACE, 0 },
	SPACE = { PKEY_CHAR, ' ' };

static struct practice_key ch(uint32_t c)
{
	struct practice_key k = { PKEY_CHAR, c };

	return k;
}

static enum practice_effect press(struct practice_state *st, struct practice_key k,
                                  size_t *button)
{
	size_t b = PRACTICE_NONE;
	enum practice_effect e = practice_keys_handle(st, k, &b);

	if (button)
		*button = b;
	if (e != PRACTICE_PRESS)
		assert_int_equal(b, PRACTICE_NONE);  /* *button is only set on a press */
	return e;
}

/* Types UTF-8 text one code point at a time. */
static void type(struct practice_state *st, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		uint32_t cp;
		int n = *u < 0x80 ? 1 : *u < 0xe0 ? 2 : *u < 0xf0 ? 3 : 4;

		cp = n == 1 ? *u : (uint32_t)(*u & (0x7f >> n));
		for (int i = 1; i < n; i++)
			cp = (cp << 6) | (u[i] & 0x3f);
		u += n;
		press(st, ch(cp), NULL);
	}
}

static enum practice_outcome play(const struct practice *p, const struct practice_key *k,
                                  size_t n, struct practice_state *st);

/* The search form of the lessons: a field, the button to press, a destructive one. */
struct search {
	struct practice *p;
	size_t field, go, erase;
};

static struct search search_form(void)
{
	static const char *const accept[] = { "йод" };
	struct search f;

	f.p = new_practice();
	add(f.p, WIDGET_LABEL, "Аптека");
	f.field = add_accept(f.p, "Търсене", 1, accept);
	f.erase = add_button(f.p, "Изтрий", false);
	f.go = add_button(f.p, "Търси", true);
	return f;
}

static void enter_in_a_field_submits_through_the_press_button(void **state)
{
	struct search f = search_form();
	struct practice_state st;
	size_t b;

	practice_state_init(&st, f.p);
	assert_int_equal(st.focus, f.field);
	/* Empty: Enter sends nothing and says so (a scam page's "Pay" must not be pressed by
	 * an Enter in its empty card field), and never jumps to the next widget. */
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ENTER_EMPTY);
	assert_int_equal(st.focus, f.field);
	/* With text it presses the form's button, never "Изтрий", the first button. */
	type(&st, "й");
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, f.go);
	assert_int_equal(st.focus, f.field);
	type(&st, "од");
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, f.go);
	assert_int_equal(practice_press(&st, b).outcome, PRACTICE_PASSED);
	/* Another button is pressed only when it has the focus. */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, f.erase);
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, f.erase);
	practice_state_free(&st);
	practice_free(f.p);
}

/* A scam page: the lesson wants "Затвори"; the form's own submit button is "Плати".  Enter
 * in the card field does what it does on the real page: it pays, and the learner is told so,
 * never praised for closing the page. */
static void enter_on_a_scam_page_presses_its_default_button(void **state)
{
	struct practice *p = new_practice();
	struct practice_state st;
	size_t card, pay, close, b;
	struct practice_verdict v;

	add(p, WIDGET_LABEL, "Плащане на сметка за ток");
	card = add_field(p, "Номер на картата", RULE_ANY, 0, NULL);
	pay = add_button(p, "Плати", false);
	p->widgets[pay].submits = true;
	p->widgets[pay].feedback = strdup("Така картата Ви стига до измамниците.");
	close = add_button(p, "Затвори", true);
	assert_int_equal(practice_keys_submit_button(p), pay);
	practice_state_init(&st, p);
	assert_int_equal(st.focus, card);
	type(&st, "4111");
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, pay);
	v = practice_press(&st, b);
	assert_int_not_equal(v.outcome, PRACTICE_PASSED);
	/* Only the button the lesson wants passes, reached with Tab. */
	assert_int_equal(practice_press(&st, close).outcome, PRACTICE_PASSED);
	practice_state_free(&st);
	/* "Show me" ends on "Затвори", not on Enter's default, and passes. */
	{
		struct practice_key *demo;
		size_t n = practice_keys_demo(p, "Затворете страницата.", &demo);
		struct practice_state d;

		assert_int_equal(play(p, demo, n, &d), PRACTICE_PASSED);
		assert_int_equal(d.focus, close);
		practice_state_free(&d);
		free(demo);
	}
	practice_free(p);
}

/* What the footer names for Enter is what Enter really presses, wherever the focus is: every
 * widget of p in turn, with something typed in a field (an empty one presses nothing and
 * says so). */
static void footer_button_is_enters(const struct practice *p)
{
	struct practice_state st;

	practice_state_init(&st, p);
	for (size_t i = 0; i < p->count; i++) {
		size_t named, b = PRACTICE_NONE;
		enum practice_effect e;

		if (!practice_focusable(&p->widgets[i]))
			continue;
		st.focus = i;
		if (p->widgets[i].kind == WIDGET_FIELD && st.text[i].len == 0)
			type(&st, "1");
		named = practice_keys_enter_button(&st);
		e = press(&st, ENTER, &b);
		if (named == PRACTICE_NONE) {
			assert_int_not_equal(e, PRACTICE_PRESS);
		} else {
			assert_int_equal(e, PRACTICE_PRESS);
			assert_int_equal(b, named);
		}
	}
	practice_state_free(&st);
}

static void the_footers_enter_button_is_the_one_pressed(void **state)
{
	static const char *const days[] = { "Сряда", "Четвъртък" };
	struct search f = search_form();
	struct practice *one = new_practice(), *scam = new_practice(), *none = new_practice();
	struct practice_state st;
	size_t field, pay, list, check;

	/* Several buttons, the one to press not first: a field names it, a button itself. */
	footer_button_is_enters(f.p);
	practice_state_init(&st, f.p);
	/* An empty field: Enter presses nothing there, and the footer must not say it does. */
	assert_int_equal(practice_keys_enter_button(&st), PRACTICE_NONE);
	type(&st, "й");
	assert_int_equal(practice_keys_enter_button(&st), f.go);
	st.focus = f.erase;
	assert_int_equal(practice_keys_enter_button(&st), f.erase);
	practice_state_free(&st);
	/* One button, with a list and a box that press none. */
	list = add_items(one, WIDGET_LIST, "Ден", 2, days, 0);
	check = add_check(one, "Съгласен съм", CHECK_ANY);
	field = add_field(one, "Име", RULE_ANY, 0, NULL);
	add_button(one, "Вход", true);
	footer_button_is_enters(one);
	practice_state_init(&st, one);
	st.focus = list;
	assert_int_equal(practice_keys_enter_button(&st), PRACTICE_NONE);
	st.focus = check;
	assert_int_equal(practice_keys_enter_button(&st), PRACTICE_NONE);
	st.focus = field;
	assert_int_equal(practice_keys_enter_button(&st), PRACTICE_NONE);
	type(&st, "Ана");
	assert_int_equal(practice_keys_enter_button(&st), 3);
	practice_state_free(&st);
	/* "default: yes": the form's submit button, not the one the lesson wants. */
	field = add_field(scam, "Карта", RULE_ANY, 0, NULL);
	add_button(scam, "Затвори", true);
	pay = add_button(scam, "Плати", false);
	scam->widgets[pay].submits = true;
	footer_button_is_enters(scam);
	practice_state_init(&st, scam);
	type(&st, "4111");
	assert_int_equal(practice_keys_enter_button(&st), pay);
	practice_state_free(&st);
	/* No button to press (the parser refuses it; built by hand): Enter names none. */
	add_field(none, "Име", RULE_ANY, 0, NULL);
	footer_button_is_enters(none);
	practice_free(none);
	practice_free(scam);
	practice_free(one);
	practice_free(f.p);
}

static void feedback_moves_the_focus_to_the_widget_to_fix(void **state)
{
	struct search f = search_form();
	struct practice_state st;
	struct practice_verdict v;
	size_t b;

	practice_state_init(&st, f.p);
	type(&st, "йодд");
	press(&st, LEFT, NULL);
	press(&st, LEFT, NULL);  /* the text cursor is no longer at the end */
	press(&st, TAB, NULL);
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, f.go);
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	v = practice_press(&st, b);
	assert_int_equal(v.outcome, PRACTICE_NOT_READY);
	practice_keys_pressed(&st, v);
	/* "Delete the wrong letters with Backspace": Backspace now does exactly that. */
	assert_int_equal(st.focus, f.field);
	assert_int_equal(st.text[f.field].cursor, st.text[f.field].len);
	assert_int_equal(press(&st, BACKSPACE, NULL), PRACTICE_CHANGED);
	assert_string_equal(st.text[f.field].buf, "йод");

	/* A wrong button: the focus leaves it for the widget that is not right, so a second
	 * Enter does not press "Изтрий" again. */
	edit_clear(&st.text[f.field]);
	st.focus = f.erase;
	v = practice_press(&st, f.erase);
	assert_int_equal(v.outcome, PRACTICE_WRONG_BUTTON);
	practice_keys_pressed(&st, v);
	assert_int_equal(st.focus, f.field);
	/* A press that passed leaves the focus alone. */
	type(&st, "йод");
	st.focus = f.go;
	v = practice_press(&st, f.go);
	practice_keys_pressed(&st, v);
	assert_int_equal(st.focus, f.go);
	practice_state_free(&st);
	practice_free(f.p);
}

static void typing_on_a_button_reaches_the_field(void **state)
{
	struct search f = search_form();
	struct practice_state st;

	practice_state_init(&st, f.p);
	st.focus = f.go;
	assert_int_equal(press(&st, ch(0x0439), NULL), PRACTICE_CHANGED);  /* й */
	assert_int_equal(st.focus, f.field);
	assert_string_equal(st.text[f.field].buf, "й");
	/* Backspace on a button works on the field too. */
	st.focus = f.erase;
	assert_int_equal(press(&st, BACKSPACE, NULL), PRACTICE_CHANGED);
	assert_string_equal(st.text[f.field].buf, "");
	assert_int_equal(st.focus, f.field);
	practice_state_free(&st);
	practice_free(f.p);
}

static void typing_goes_to_the_field_the_task_is_about(void **state)
{
	static const char *const towns[] = { "София", "Пловдив", "Варна" };
	struct practice *p = new_practice();
	struct practice_state st;
	size_t name, phone, town, agree, go;

	name = add_field(p, "Име", RULE_REQUIRED, 0, "Мария");
	phone = add_field(p, "Телефон", RULE_DIGITS, 10, "0888 123 456");
	agree = add_check(p, "Съгласен съм", CHECK_CHECKED);
	town = add_items(p, WIDGET_LIST, "Град", 3, towns, 1);
	go = add_button(p, "Поръчай", true);
	practice_state_init(&st, p);
	type(&st, "Мария");
	/* The name is right, the phone is not: a digit typed on the button goes to the phone. */
	st.focus = go;
	press(&st, ch('0'), NULL);
	assert_int_equal(st.focus, phone);
	assert_string_equal(st.text[phone].buf, "0");
	/* A letter typed on the list (the list takes digits, not letters) when the phone is
	 * still wrong goes to the phone as well. */
	st.focus = town;
	press(&st, ch('8'), NULL);
	assert_int_equal(st.focus, phone);
	assert_string_equal(st.text[phone].buf, "08");
	/* Fields right: a digit on the button picks in the list the task is about ... */
	edit_set(&st.text[phone], "0888123456");
	st.focus = go;
	press(&st, ch('2'), NULL);
	assert_int_equal(st.focus, agree);  /* ... unless the box comes first: it takes Space */
	assert_false(st.checked[agree]);
	assert_string_equal(st.text[phone].buf, "0888123456");
	assert_int_equal(st.focus, agree);
	press(&st, SPACE, NULL);
	assert_true(st.checked[agree]);
	st.focus = go;
	press(&st, ch('2'), NULL);
	assert_int_equal(st.focus, town);
	assert_int_equal(st.picked[town], 1);
	/* Everything right: a letter on the button goes to the nearest field above. */
	/* Everything right: a digit no item has, on the list, stays there with a note: it
	 * spoiled the name above (novice test r17). */
	st.focus = town;
	assert_int_equal(press(&st, ch('0'), NULL), PRACTICE_IGNORED);
	assert_int_equal(st.focus, town);
	assert_int_equal(st.note, PRACTICE_NOTE_LIST_KEY);
	assert_string_equal(st.text[name].buf, "Мария");
	assert_string_equal(st.text[phone].buf, "0888123456");
	press(&st, ch('5'), NULL);
	assert_int_equal(st.focus, town);
	assert_string_equal(st.text[phone].buf, "0888123456");
	assert_int_equal(st.picked[town], 1);
	/* Everything right: a letter on the button goes to the nearest field above. */
	st.focus = go;
	press(&st, ch('x'), NULL);
	assert_int_equal(st.focus, phone);
	assert_string_equal(st.text[phone].buf, "0888123456x");
	practice_state_free(&st);
	practice_free(p);
}

static void up_and_down_stay_in_lists(void **state)
{
	static const char *const items[] = { "А", "Б", "В" };
	struct practice *p = new_practice();
	struct practice_state st;
	size_t f, l, c, go;

	f = add_field(p, "Име", RULE_ANY, 0, NULL);
	l = add_items(p, WIDGET_LIST, "Списък", 3, items, 2);
	c = add_items(p, WIDGET_CHOICE, "Избор", 3, items, PRACTICE_NONE);
	go = add_button(p, "Добре", true);
	practice_state_init(&st, p);
	/* Down and Up move between fields and buttons ... */
	assert_int_equal(press(&st, DOWN, NULL), PRACTICE_MOVED);
	assert_int_equal(st.focus, l);
	/* ... but inside a list they move the pick: the first Down picks the first item. */
	assert_int_equal(press(&st, DOWN, NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[l], 0);
	press(&st, DOWN, NULL);
	press(&st, DOWN, NULL);
	assert_int_equal(st.picked[l], 2);
	assert_int_equal(st.focus, l);
	press(&st, DOWN, NULL);  /* wraps inside the list, never leaves it */
	assert_int_equal(st.picked[l], 0);
	press(&st, UP, NULL);
	assert_int_equal(st.picked[l], 2);
	assert_int_equal(st.focus, l);
	/* Tab leaves it; the choice works the same way with Left/Right. */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, c);
	press(&st, RIGHT, NULL);
	press(&st, RIGHT, NULL);
	assert_int_equal(st.picked[c], 1);
	press(&st, LEFT, NULL);
	assert_int_equal(st.picked[c], 0);
	assert_int_equal(press(&st, ch('3'), NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[c], 2);
	press(&st, BACKTAB, NULL);
	assert_int_equal(st.focus, l);
	press(&st, TAB, NULL);
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, go);
	/* Up on a button moves the focus back, as in a field. */
	press(&st, UP, NULL);
	assert_int_equal(st.focus, c);
	(void)f;
	practice_state_free(&st);
	practice_free(p);
}

/* Enter on a list, a choice or a box never presses a button: "3, Enter" on «Контакти» must
 * not pass a step whose point is the «Камера» button (novice test). */
static void enter_on_a_list_or_box_presses_no_button(void **state)
{
	static const char *const items[] = { "А", "Б" };
	struct practice *p = new_practice();
	struct practice_state st;
	size_t l, c, box, b;

	l = add_items(p, WIDGET_LIST, "Списък", 2, items, 0);
	c = add_items(p, WIDGET_CHOICE, "Избор", 2, items, 1);
	box = add_check(p, "Запомни ме", CHECK_UNCHECKED);
	add_button(p, "Изтрий", false);
	add_button(p, "Отвори", true);
	practice_state_init(&st, p);
	/* Nothing picked: Enter picks the highlighted item, and says so. */
	assert_int_equal(press(&st, ENTER, NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[l], 0);
	assert_int_equal(st.note, PRACTICE_NOTE_ENTER_PICKED);
	/* Picked: Enter does nothing but say how to reach a button. */
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ENTER_ON_ITEMS);
	assert_int_equal(st.focus, l);
	assert_int_equal(st.picked[l], 0);
	/* The next key clears the note. */
	assert_int_equal(press(&st, TAB, NULL), PRACTICE_MOVED);
	assert_int_equal(st.note, PRACTICE_NOTE_NONE);
	assert_int_equal(st.focus, c);
	press(&st, ch('2'), NULL);
	assert_int_equal(st.note, PRACTICE_NOTE_NONE);  /* a first choice: nothing to say */
	assert_int_equal(press(&st, ENTER, NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ENTER_ON_ITEMS);
	/* A digit that changes a choice made says so ("3", then a "2" meant for the next
	 * field); the same digit again changes nothing and says nothing. */
	assert_int_equal(press(&st, ch('1'), NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[c], 0);
	assert_int_equal(st.note, PRACTICE_NOTE_DIGIT_CHANGED);
	press(&st, ch('1'), NULL);
	assert_int_equal(st.note, PRACTICE_NOTE_NONE);
	press(&st, ch('2'), NULL);
	assert_int_equal(st.note, PRACTICE_NOTE_DIGIT_CHANGED);
	/* On a box Enter neither ticks nor presses: it says what Space does. */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, box);
	assert_int_equal(press(&st, ENTER, NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_CHECK);
	assert_false(st.checked[box]);
	assert_int_equal(st.focus, box);
	practice_state_free(&st);
	practice_free(p);
}

/* „изберете „10:00““ typed on a list of times: type-ahead picks 10:00, never item 1 and then
 * a "0" sent to the phone field (novice test). */
static void a_list_of_times_picks_by_text(void **state)
{
	static const char *const times[] = { "8:30", "10:00", "11:30" };
	static const char *const days[] = { "16.03, 9:30", "17.03, 11:00", "18.03, 14:30" };
	static const char *const towns[] = { "София", "Варна" };
	struct practice *p = new_practice();
	struct practice_state st;
	size_t t, d, town, phone;

	t = add_items(p, WIDGET_CHOICE, "Час", 3, times, 1);
	d = add_items(p, WIDGET_LIST, "Свободни часове", 3, days, 1);
	town = add_items(p, WIDGET_LIST, "Град", 2, towns, 1);
	phone = add_field(p, "Телефон", RULE_DIGITS, 10, "0888123456");
	add_button(p, "Запиши", true);
	assert_true(practice_keys_typed_items(&p->widgets[t]));
	assert_true(practice_keys_typed_items(&p->widgets[d]));
	assert_false(practice_keys_typed_items(&p->widgets[town]));
	practice_state_init(&st, p);
	assert_int_equal(st.focus, t);
	/* Each key of "10:00" keeps 10:00 picked and the focus on the list. */
	for (const char *k = "10:00"; *k; k++) {
		assert_int_equal(press(&st, ch((uint8_t)*k), NULL), PRACTICE_CHANGED);
		assert_int_equal(st.picked[t], 1);
		assert_int_equal(st.focus, t);
	}
	assert_string_equal(st.text[phone].buf, "");
	/* "11" goes on to 11:30: a key that continues nothing starts the text afresh. */
	press(&st, TAB, NULL);
	press(&st, BACKTAB, NULL);
	press(&st, ch('1'), NULL);
	assert_int_equal(st.picked[t], 1);  /* 10:00, the first that begins with 1 */
	press(&st, ch('1'), NULL);
	assert_int_equal(st.picked[t], 2);
	/* The lessons' "press the digit 2": no time begins with 2, so item 2 is picked. */
	press(&st, TAB, NULL);
	press(&st, BACKTAB, NULL);
	assert_int_equal(press(&st, ch('2'), NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[t], 1);
	/* A key that begins nothing stays here with a note, never goes to the phone. */
	assert_int_equal(press(&st, ch('0'), NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_NO_ITEM);
	assert_string_equal(st.unmatched, "0");
	assert_int_equal(st.focus, t);
	assert_int_equal(st.picked[t], 1);
	assert_string_equal(st.text[phone].buf, "");
	assert_int_equal(press(&st, ch(0x0430), NULL), PRACTICE_IGNORED);  /* а */
	assert_int_equal(st.note, PRACTICE_NOTE_NO_ITEM);
	assert_string_equal(st.text[phone].buf, "");
	/* Dates with a comma and a space in them: typed whole, Space continues the text. */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, d);
	for (const char *k = "17.03, 11:00"; *k; k++)
		assert_int_equal(press(&st, ch((uint8_t)*k), NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[d], 1);
	/* Text that goes wrong midway names what was typed. */
	press(&st, ch('1'), NULL);
	press(&st, ch('9'), NULL);
	assert_int_equal(st.note, PRACTICE_NOTE_NO_ITEM);
	assert_string_equal(st.unmatched, "19");
	assert_int_equal(st.picked[d], 0);  /* the "1" began "16.03" afresh */
	/* Space alone still picks the highlighted item. */
	press(&st, DOWN, NULL);
	assert_int_equal(press(&st, SPACE, NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[d], 1);
	/* A list of names keeps "digit N picks item N". */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, town);
	assert_int_equal(press(&st, ch('2'), NULL), PRACTICE_CHANGED);
	assert_int_equal(st.picked[town], 1);
	practice_state_free(&st);
	practice_free(p);
}

static void space_ticks_and_enter_does_not(void **state)
{
	struct practice *p = new_practice();
	struct practice_state st;
	size_t c, go;

	c = add_check(p, "Съгласен съм", CHECK_CHECKED);
	add_button(p, "Отказ", false);
	go = add_button(p, "Изпрати", true);
	practice_state_init(&st, p);
	assert_int_equal(press(&st, ENTER, NULL), PRACTICE_IGNORED);
	assert_false(st.checked[c]);
	assert_int_equal(press(&st, SPACE, NULL), PRACTICE_CHANGED);
	assert_true(st.checked[c]);
	assert_int_equal(press(&st, SPACE, NULL), PRACTICE_CHANGED);
	assert_false(st.checked[c]);
	/* Space on a button, with no field anywhere and the box ticked, does not press it:
	 * it says where the focus is (novice test: "press Space for the tick" on a button). */
	st.checked[c] = true;
	st.focus = go;
	assert_int_equal(press(&st, SPACE, NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ON_BUTTON);
	assert_true(st.checked[c]);
	assert_int_equal(st.focus, go);
	practice_state_free(&st);
	practice_free(p);
}

/* A named key never does nothing without a word. */
static void keys_that_cannot_act_leave_a_note(void **state)
{
	static const char *const towns[] = { "София", "Варна" };
	struct search f = search_form();
	struct practice *p = new_practice();
	struct practice_state st;
	size_t town, go;

	/* Backspace in an empty field. */
	practice_state_init(&st, f.p);
	assert_int_equal(press(&st, BACKSPACE, NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_FIELD_EMPTY);
	type(&st, "й");
	assert_int_equal(st.note, PRACTICE_NOTE_NONE);
	practice_state_free(&st);
	practice_free(f.p);
	/* A letter on a list of names, with no field to take it. */
	town = add_items(p, WIDGET_LIST, "Град", 2, towns, 1);
	go = add_button(p, "Напред", true);
	practice_state_init(&st, p);
	press(&st, ch('2'), NULL);
	assert_int_equal(press(&st, ch(0x0432), NULL), PRACTICE_IGNORED);  /* в */
	assert_int_equal(st.note, PRACTICE_NOTE_LIST_KEY);
	assert_int_equal(st.focus, town);
	/* A letter on the button, everything right and no field: where the focus is. */
	press(&st, TAB, NULL);
	assert_int_equal(st.focus, go);
	assert_int_equal(press(&st, ch(0x0432), NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ON_BUTTON);
	assert_int_equal(press(&st, BACKSPACE, NULL), PRACTICE_IGNORED);
	assert_int_equal(st.note, PRACTICE_NOTE_ON_BUTTON);
	practice_state_free(&st);
	practice_free(p);
}

/* The screen says "Enter in a field presses the form's button" only when that is how the
 * button was pressed. */
static void a_press_says_whether_enter_in_a_field_made_it(void **state)
{
	struct search f = search_form();
	struct practice_state st;
	size_t b;

	practice_state_init(&st, f.p);
	type(&st, "йод");
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_true(st.enter_in_field);
	press(&st, TAB, NULL);
	assert_false(st.enter_in_field);
	assert_int_equal(st.focus, f.erase);
	assert_int_equal(press(&st, ENTER, &b), PRACTICE_PRESS);
	assert_int_equal(b, f.erase);
	assert_false(st.enter_in_field);
	practice_state_free(&st);
	practice_free(f.p);
}

/* "Show me" on a list of times types how the item begins, in digits where they suffice. */
static void demo_types_a_time(void **state)
{
	static const char *const times[] = { "8:30", "10:00", "11:30" };
	static const char *const halves[] = { "10:00", "10:30" };
	static const char *const packs[] = { "10 таблетки – 0,75 €", "20 таблетки – 1,20 €" };
	struct practice *p = new_practice();
	struct practice_state st;
	struct practice_key *k = NULL;
	size_t n, t, half, pack;

	t = add_items(p, WIDGET_CHOICE, "Час", 3, times, 1);
	half = add_items(p, WIDGET_LIST, "Начало", 2, halves, 1);
	pack = add_items(p, WIDGET_CHOICE, "Опаковка", 2, packs, 1);
	add_button(p, "Запиши", true);
	n = practice_keys_demo(p, NULL, &k);
	/* "10", Tab, "10:30" (10 alone would be 10:00), Tab, "20", Tab */
	assert_int_equal(n, 2 + 1 + 5 + 1 + 2 + 1);
	assert_int_equal(k[0].ch, '1');
	assert_int_equal(k[1].ch, '0');
	assert_int_equal(k[2].code, PKEY_TAB);
	assert_int_equal(k[5].ch, ':');
	assert_int_equal(k[9].ch, '2');
	assert_int_equal(k[10].ch, '0');
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	assert_int_equal(st.picked[t], 1);
	assert_int_equal(st.picked[half], 1);
	assert_int_equal(st.picked[pack], 1);
	practice_state_free(&st);
	free(k);
	practice_free(p);
}

/* Plays keys from a fresh state; returns the state's verdict on the button to press. */
static enum practice_outcome play(const struct practice *p, const struct practice_key *k,
                                  size_t n, struct practice_state *st)
{
	size_t go = PRACTICE_NONE, b;

	for (size_t i = 0; i < p->count && go == PRACTICE_NONE; i++)
		if (p->widgets[i].kind == WIDGET_BUTTON && p->widgets[i].expected)
			go = i;  /* the button the task wants, whatever Enter's default is */
	practice_state_init(st, p);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(practice_keys_handle(st, k[i], &b), PRACTICE_PRESS);
	assert_int_equal(st->focus, go);
	return practice_press(st, go).outcome;
}

static size_t count(const struct practice_key *k, size_t n, enum practice_keycode code,
                    uint32_t c)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		m += k[i].code == code && (code != PKEY_CHAR || k[i].ch == c);
	return m;
}

static void demo_is_the_learners_keys_and_passes(void **state)
{
	static const char *const accept[] = { "парацетамол", "paracetamol" };
	static const char *const ways[] = { "До адрес", "До офис" };
	static const char *const towns[] = { "София", "Пловдив", "Варна" };
	struct practice *p = new_practice();
	struct practice_state st;
	struct practice_key *k = NULL;
	size_t n, search, phone, agree, town;

	add(p, WIDGET_LABEL, "Добре дошли!");
	search = add_accept(p, "Търсене", 2, accept);
	phone = add_field(p, "Телефон", RULE_DIGITS, 10, "0888 123 456");
	add_field(p, "Дата", RULE_DATE, 0, "29.02.2024");
	agree = add_check(p, "Съгласен съм", CHECK_CHECKED);
	add_check(p, "Искам реклами", CHECK_UNCHECKED);
	add_items(p, WIDGET_CHOICE, "Доставка", 2, ways, 1);
	town = add_items(p, WIDGET_LIST, "Град", 3, towns, 2);
	add_field(p, "Бележка", RULE_ANY, 0, NULL);
	add_button(p, "Назад", false);
	add_button(p, "Поръчай", true);

	n = practice_keys_demo(p, NULL, &k);
	assert_non_null(k);
	/* The first field has the focus already: the letters come first. */
	assert_int_equal(k[0].code, PKEY_CHAR);
	assert_int_equal(k[0].ch, 0x043f);  /* п */
	/* Tab between widgets (never Enter, never Down out of a field), one Space for the box
	 * to tick, the item's digit in the choice and the list. */
	assert_int_equal(count(k, n, PKEY_ENTER, 0) + count(k, n, PKEY_DOWN, 0), 0);
	assert_int_equal(count(k, n, PKEY_CHAR, ' '), 2 + 1);  /* two in the phone, the tick */
	assert_int_equal(count(k, n, PKEY_CHAR, '3'), 1 + 1);  /* "0888 123 456", Варна */
	/* Tabs: search to phone, date, agree; past "реклами" to choice, list; past the note
	 * and "Назад" to "Поръчай". */
	assert_int_equal(count(k, n, PKEY_TAB, 0), 3 + 2 + 1 + 3);
	assert_int_equal(n, 11 + 12 + 10 + 1 + 1 + 1 + 9);
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	assert_string_equal(st.text[search].buf, "парацетамол");
	assert_string_equal(st.text[phone].buf, "0888 123 456");
	assert_true(st.checked[agree]);
	assert_int_equal(st.picked[town], 2);
	practice_state_free(&st);
	free(k);
	practice_free(p);
}

static void demo_types_value_or_first_accept(void **state)
{
	static const char *const accept[] = { "йод", "iod" };
	static const char *const many[] = { "а", "б", "в", "г", "д", "е", "ж", "з", "и", "й",
	                                     "к" };
	struct practice *p = new_practice();
	struct practice_state st;
	struct practice_key *k = NULL;
	size_t n, f, l;

	/* A value written with a decomposed й: two key presses, one letter on screen. */
	f = add_accept(p, "Търсене", 2, accept);
	p->widgets[f].value = xstrdup(DECOMPOSED_I_BREVE "од");
	l = add_items(p, WIDGET_LIST, "Списък", 11, many, 10);  /* item 11 has no digit */
	add_button(p, "Търси", true);
	n = practice_keys_demo(p, NULL, &k);
	assert_int_equal(count(k, n, PKEY_DOWN, 0), 11);
	assert_int_equal(n, 4 + 1 + 11 + 1);
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	assert_int_equal(st.picked[l], 10);
	practice_state_free(&st);
	free(k);

	free(p->widgets[f].value);
	p->widgets[f].value = NULL;
	n = practice_keys_demo(p, NULL, &k);
	assert_int_equal(count(k, n, PKEY_CHAR, 0x0439), 1);  /* "йод", the first accept */
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	practice_state_free(&st);
	free(k);
	practice_free(p);
}

static void demo_follows_the_order_the_task_names(void **state)
{
	static const char *const accept[] = { "Мария" };
	static const char *const towns[] = { "София", "Варна" };
	struct practice *p = new_practice();
	struct practice_state st;
	struct practice_key *k = NULL;
	size_t n, phone, name, town;

	phone = add_field(p, "Телефон", RULE_DIGITS, 10, "0888123456");
	name = add_accept(p, "Име", 1, accept);
	town = add_items(p, WIDGET_LIST, "Град", 2, towns, 1);
	add_button(p, "Изпрати", true);
	/* The task names the town first, then the name, then the phone. */
	n = practice_keys_demo(p, "Изберете Варна, напишете името Мария и телефона 0888123456, "
	                       "после натиснете „Изпрати“.", &k);
	assert_int_equal(k[0].code, PKEY_TAB);
	assert_int_equal(k[1].code, PKEY_TAB);     /* Телефон -> Име -> Град */
	assert_int_equal(k[2].code, PKEY_CHAR);
	assert_int_equal(k[2].ch, '2');            /* Варна */
	assert_int_equal(k[3].code, PKEY_BACKTAB); /* back up to Име */
	assert_int_equal(k[4].ch, 0x041c);         /* М */
	assert_int_equal(k[9].code, PKEY_BACKTAB); /* and up to Телефон */
	assert_int_equal(k[10].ch, '0');
	assert_int_equal(n, 2 + 1 + 1 + 5 + 1 + 10 + 3);
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	assert_string_equal(st.text[name].buf, "Мария");
	assert_string_equal(st.text[phone].buf, "0888123456");
	assert_int_equal(st.picked[town], 1);
	practice_state_free(&st);
	free(k);
	/* A task that names none of them: the file's order. */
	n = practice_keys_demo(p, "Попълнете формуляра.", &k);
	assert_int_equal(k[0].code, PKEY_CHAR);
	assert_int_equal(k[0].ch, '0');
	assert_int_equal(play(p, k, n, &st), PRACTICE_PASSED);
	practice_state_free(&st);
	free(k);
	practice_free(p);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(enter_in_a_field_submits_through_the_press_button),
		cmocka_unit_test(enter_on_a_scam_page_presses_its_default_button),
		cmocka_unit_test(the_footers_enter_button_is_the_one_pressed),
		cmocka_unit_test(feedback_moves_the_focus_to_the_widget_to_fix),
		cmocka_unit_test(typing_on_a_button_reaches_the_field),
		cmocka_unit_test(typing_goes_to_the_field_the_task_is_about),
		cmocka_unit_test(up_and_down_stay_in_lists),
		cmocka_unit_test(enter_on_a_list_or_box_presses_no_button),
		cmocka_unit_test(a_list_of_times_picks_by_text),
		cmocka_unit_test(space_ticks_and_enter_does_not),
		cmocka_unit_test(keys_that_cannot_act_leave_a_note),
		cmocka_unit_test(a_press_says_whether_enter_in_a_field_made_it),
		cmocka_unit_test(demo_types_a_time),
		cmocka_unit_test(demo_is_the_learners_keys_and_passes),
		cmocka_unit_test(demo_types_value_or_first_accept),
		cmocka_unit_test(demo_follows_the_order_the_task_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
