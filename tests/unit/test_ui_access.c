/* Unit tests: ui_access.c, F4, F5 and F6 as keys, without a terminal.  The learner's screens
 * take F4 and F5 and a lesson step F6, doing what the help does (the theme, auto-read, the
 * list of lessons), and each press names a note that says what it did; where nothing can be
 * heard F4 says so instead of promising reading, and the kiosk keeps knowing it (the top
 * row's "F3: no sound").  The trainer's screens take none of them, nor a screen whose own
 * keys take them ("show me" stops at any key). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui.h"

static enum ui_access_note press(struct app *a, enum ui_keycode code)
{
	struct ui_key k = { code, 0 };

	return ui_access_key(a, &k);
}

/* A learner's screen with no learner known yet (nothing is saved) and a speech command that
 * exists, or one that does not. */
static void at(struct app *a, enum screen_id s, const char *speech_cmd)
{
	memset(a, 0, sizeof *a);
	a->screen = a->next = s;
	speech_init(&a->speech, speech_cmd, 0);
	ui_set_theme(UI_THEME_NORMAL);
	ui_keys_shown(NULL, 0);
}

static enum ui_result nothing(struct app *a, const struct ui_key *k) { return UI_HANDLED; }

static void f5_switches_the_look_and_says_how_to_undo_it(void **state)
{
	struct app a;

	at(&a, SCREEN_LEARNER, "/bin/true");
	assert_int_equal(press(&a, UK_F5), UI_NOTE_CONTRAST_ON);
	assert_int_equal(ui_theme(), UI_THEME_CONTRAST);
	assert_int_equal(press(&a, UK_F5), UI_NOTE_CONTRAST_OFF);
	assert_int_equal(ui_theme(), UI_THEME_NORMAL);
	assert_non_null(strstr(ui_access_note_text(UI_NOTE_CONTRAST_ON), "F5"));
	assert_non_null(strstr(ui_access_note_text(UI_NOTE_CONTRAST_OFF), "F5"));
}

static void f4_turns_reading_on_and_off(void **state)
{
	struct app a;

	at(&a, SCREEN_LESSON, "/bin/true");
	assert_int_equal(press(&a, UK_F4), UI_NOTE_READ_ON);
	assert_true(a.auto_read);
	assert_false(a.speech_unheard);
	assert_int_equal(press(&a, UK_F4), UI_NOTE_READ_OFF);
	assert_false(a.auto_read);
	assert_non_null(strstr(ui_access_note_text(UI_NOTE_READ_ON), "F4"));
	assert_non_null(strstr(ui_access_note_text(UI_NOTE_READ_OFF), "F4"));
}

/* No engine: F4 still turns it on (as in the help), but the note says there is no sound,
 * and the top row's sign is kept. */
static void f4_where_nothing_can_be_heard_says_so(void **state)
{
	struct app a;

	at(&a, SCREEN_FINISH, "/no/such/engine");
	assert_int_equal(press(&a, UK_F4), UI_NOTE_NO_SOUND);
	/* Not switched on: the help would say "now: on" after a note saying it cannot be
	 * (novice test r12). */
	assert_false(a.auto_read);
	assert_true(a.speech_unheard);
	assert_null(strstr(ui_access_note_text(UI_NOTE_NO_SOUND), "F4"));
	/* Switched on earlier (a kiosk setting), F4 still switches it off. */
	a.auto_read = true;
	assert_int_equal(press(&a, UK_F4), UI_NOTE_READ_OFF);
	assert_false(a.auto_read);
}

static void f6_leaves_a_lesson_only(void **state)
{
	struct app a;

	at(&a, SCREEN_LESSON, "/bin/true");
	assert_int_equal(press(&a, UK_F6), UI_NOTE_LESSON_LEFT);
	assert_int_equal(a.next, SCREEN_LESSONS);
	for (enum screen_id s = SCREEN_WELCOME; s < SCREEN_COUNT; s++) {
		if (s == SCREEN_LESSON)
			continue;
		at(&a, s, "/bin/true");
		assert_int_equal(press(&a, UK_F6), UI_NOTE_NONE);
		assert_int_equal(a.next, s);
	}
}

static void the_trainers_screens_take_none(void **state)
{
	static const enum screen_id trainer[] = {
		SCREEN_PIN, SCREEN_TRAINER, SCREEN_TRAINER_LEARNERS, SCREEN_TRAINER_LEARNER,
		SCREEN_TRAINER_REPORT,
	};
	struct app a;

	for (size_t i = 0; i < UI_COUNT(trainer); i++) {
		at(&a, trainer[i], "/bin/true");
		assert_int_equal(press(&a, UK_F4), UI_NOTE_NONE);
		assert_int_equal(press(&a, UK_F5), UI_NOTE_NONE);
		assert_int_equal(press(&a, UK_F6), UI_NOTE_NONE);
		assert_false(a.auto_read);
		assert_int_equal(ui_theme(), UI_THEME_NORMAL);
		assert_int_equal(a.next, trainer[i]);
	}
}

/* "Show me" stops at any key, as its footer says: F4, F5 and F6 keep that meaning there, and
 * the help does not offer them. */
static void a_screen_that_takes_the_key_keeps_it(void **state)
{
	static const struct ui_binding any[] = { { UI_KEYS_ANY, "Any key", "stop", nothing } };
	static const struct ui_binding enter[] = { { UI_KEY(UK_ENTER), "Enter", "next", nothing } };
	struct app a;

	at(&a, SCREEN_LESSON, "/bin/true");
	ui_keys_shown(any, UI_COUNT(any));
	for (enum ui_keycode k = UK_F4; k <= UK_F6; k++) {
		assert_false(ui_access_offered(&a, k));
		assert_int_equal(press(&a, k), UI_NOTE_NONE);
	}
	assert_int_equal(ui_theme(), UI_THEME_NORMAL);
	assert_false(a.auto_read);
	assert_int_equal(a.next, SCREEN_LESSON);
	ui_keys_shown(enter, UI_COUNT(enter));
	for (enum ui_keycode k = UK_F4; k <= UK_F6; k++)
		assert_true(ui_access_offered(&a, k));
}

static void other_keys_are_not_taken(void **state)
{
	struct app a;

	at(&a, SCREEN_LESSON, "/bin/true");
	assert_int_equal(press(&a, UK_F3), UI_NOTE_NONE);
	assert_int_equal(press(&a, UK_F7), UI_NOTE_NONE);
	assert_int_equal(press(&a, UK_ENTER), UI_NOTE_NONE);
	assert_null(ui_access_note_text(UI_NOTE_NONE));
}

/* Esc on the lesson list: the name screen's note names the learner, and the name goes with
 * the note (the next person may sit down); without a name there is no note. */
static void leaving_the_list_names_the_learner_until_cleared(void **state)
{
	struct app a;
	char *text;

	at(&a, SCREEN_LEARNER, "/bin/true");
	assert_null(ui_access_note_say(&a));
	ui_access_note_list_left(&a, strdup("Олено"));
	assert_int_equal(a.access_note, UI_NOTE_LIST_LEFT);
	assert_null(ui_access_note_text(UI_NOTE_LIST_LEFT));  /* only with the name */
	text = ui_access_note_say(&a);
	assert_non_null(text);
	assert_true(strncmp(text, "Олено, ", strlen("Олено, ")) == 0);
	assert_non_null(strstr(text, "saved"));
	free(text);
	ui_access_note_clear(&a);
	assert_int_equal(a.access_note, UI_NOTE_NONE);
	assert_null(a.note_name);
	assert_null(ui_access_note_say(&a));
	ui_access_note_list_left(&a, NULL);
	assert_int_equal(a.access_note, UI_NOTE_NONE);
	assert_null(a.note_name);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(f5_switches_the_look_and_says_how_to_undo_it),
		cmocka_unit_test(f4_turns_reading_on_and_off),
		cmocka_unit_test(f4_where_nothing_can_be_heard_says_so),
		cmocka_unit_test(f6_leaves_a_lesson_only),
		cmocka_unit_test(the_trainers_screens_take_none),
		cmocka_unit_test(a_screen_that_takes_the_key_keeps_it),
		cmocka_unit_test(other_keys_are_not_taken),
		cmocka_unit_test(leaving_the_list_names_the_learner_until_cleared),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
