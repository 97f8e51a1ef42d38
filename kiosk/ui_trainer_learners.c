/* ui_trainer_learners: the trainers' view of learners: the list with last visit and
 * progress, and one learner's page with rename, reset (one lesson or all) and remove.
 * Resets and removal are confirmed first and keep history (see store_reset). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

/* ---- the list ---- */

static struct learner_summary *people;
static size_t people_count, list_selected;

static void list_enter(struct app *a)
{
	struct kerr err;

	store_free_learner_summaries(people, people_count);
	people = NULL;
	people_count = 0;
	if (store_learner_summaries(a->store, &people, &people_count, &err) < 0)
		ui_set_error(a, err.msg);
	if (list_selected >= people_count)
		list_selected = 0;
}

/* "2026-11-23T10:15:02.123Z" as "2026-11-23 10:15 UTC", or "never". */
static char *short_time(const char *iso)
{
	char *s;

	if (!iso)
		return xstrdup(_("never"));
	s = xasprintf("%.16s UTC", iso);
	if (strlen(s) > 10)
		s[10] = ' ';
	return s;
}

/* The row under a learner's name: last visit and lesson counts. */
static char *person_details(const struct learner_summary *p)
{
	char *when = short_time(p->last_seen);
	/* TRANSLATORS: under a learner's name in the trainers' list. */
	char *s = xasprintf(_("last here: %s · lessons: started %zu, completed %zu"), when,
	                    p->lessons_started, p->lessons_completed);

	free(when);
	return s;
}

static void list_draw(struct app *a)
{
	const char **names = xcalloc(people_count, sizeof *names);
	char **details = xcalloc(people_count, sizeof *details);
	int row = 3;

	ui_header(_("Learners"), NULL);
	if (people_count == 0)
		ui_text(row, 4, ui_cols() - 8, 2, _("No learners yet."), A_BOLD);
	for (size_t i = 0; i < people_count; i++) {
		names[i] = people[i].name;
		details[i] = person_details(&people[i]);
	}
	ui_menu_details(row, ui_rows() - row - 2, names, (const char *const *)details,
	                people_count, list_selected, true);
	ui_footer(_("Arrows, then Enter: open   Esc: back to the trainer menu"));
	for (size_t i = 0; i < people_count; i++)
		free(details[i]);
	free(details);
	free(names);
}

static void list_key_do(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, people_count);

	if (k->code == UK_ESC) {
		ui_go(a, SCREEN_TRAINER);
	} else if (d >= 0 || (k->code == UK_ENTER && people_count > 0)) {
		list_selected = d >= 0 ? (size_t)d : list_selected;
		a->trainer_learner = people[list_selected].id;
		ui_go(a, SCREEN_TRAINER_LEARNER);
	} else {
		ui_menu_key(k, &list_selected, people_count);
	}
}

static enum ui_result list_key(struct app *a, const struct ui_key *k)
{
	list_key_do(a, k);
	return ui_result_of(a);
}

const struct screen ui_trainer_learners_screen = {
	.enter = list_enter, .draw = list_draw, .key = list_key,
};

/* ---- one learner ---- */

enum action { ACT_RENAME, ACT_RESET_ONE, ACT_RESET_ALL, ACT_REMOVE, ACT_COUNT };

enum mode {
	MODE_MENU,
	MODE_RENAME,       /* the name field is open */
	MODE_PICK_LESSON,  /* choosing the lesson to reset */
	MODE_CONFIRM,      /* Enter confirms pending, Esc cancels */
};

static struct {
	enum mode mode;
	enum action pending;
	size_t selected, lesson;
	char *name;
	char *note;
	struct edit field;
	bool field_ready;
} me;

/* The lessons a trainer can reset: those of the language in use, else of the first set. */
static const struct lesson_set *lessons_of(const struct app *a)
{
	return a->set ? a->set : &a->catalog->sets[0];
}

static void set_note(const char *msg)
{
	free(me.note);
	me.note = msg ? xstrdup(msg) : NULL;
}

static void learner_enter(struct app *a)
{
	struct kerr err;

	if (!me.field_ready) {
		edit_init(&me.field, 40);
		me.field_ready = true;
	}
	me.mode = MODE_MENU;
	me.selected = 0;
	me.lesson = 0;
	set_note(NULL);
	free(me.name);
	me.name = NULL;
	if (store_learner_name(a->store, a->trainer_learner, &me.name, &err) < 0) {
		ui_set_error(a, err.msg);
		ui_go(a, SCREEN_TRAINER_LEARNERS);
	}
}

static char *confirm_text(const struct app *a)
{
	const struct lesson_set *set = lessons_of(a);

	switch (me.pending) {
	case ACT_RESET_ONE:
		return xasprintf(_("Start the lesson \"%s\" afresh for %s? Earlier answers stay in the statistics."),
		                 set->lessons[me.lesson]->title, me.name);
	case ACT_RESET_ALL:
		return xasprintf(_("Start all lessons afresh for %s? Earlier answers stay in the statistics."),
		                 me.name);
	case ACT_REMOVE:
		return xasprintf(_("Remove %s? The name is erased; the anonymous statistics stay."),
		                 me.name);
	default:
		return xstrdup("");
	}
}

static void draw_mode(const struct app *a, int row)
{
	const struct lesson_set *set = lessons_of(a);

	if (me.mode == MODE_RENAME) {
		ui_text(row, 4, ui_cols() - 8, 1, _("New name, then Enter:"), A_BOLD);
		ui_field(row + 1, 6, 40, &me.field);
	} else if (me.mode == MODE_PICK_LESSON) {
		const char **titles = xcalloc(set->count, sizeof *titles);

		for (size_t i = 0; i < set->count; i++)
			titles[i] = set->lessons[i]->title;
		ui_text(row, 4, ui_cols() - 8, 1, _("Which lesson?"), A_BOLD);
		ui_menu(row + 1, ui_rows() - row - 3, titles, set->count, me.lesson, true);
		free(titles);
	} else if (me.mode == MODE_CONFIRM) {
		char *q = confirm_text(a);

		row += ui_text(row, 4, ui_cols() - 8, 3, q, A_BOLD);
		ui_text(row + 1, 4, ui_cols() - 8, 2, _("Enter: yes   Esc: no"), ui_attr(UI_HINT));
		free(q);
	} else if (me.note) {
		ui_text(row, 4, ui_cols() - 8, 3, me.note, ui_attr(UI_RIGHT));
	}
}

static void learner_draw(struct app *a)
{
	const char *items[ACT_COUNT] = {
		_("Rename"), _("Start one lesson afresh"), _("Start all lessons afresh"),
		_("Remove this learner"),
	};
	int row = 3;

	ui_header(_("Learners"), me.name);
	row += ui_menu(row, ACT_COUNT, items, ACT_COUNT, me.selected, true) + 1;
	draw_mode(a, row);
	ui_footer(_("Digit, or arrows then Enter: choose   Esc: back"));
}

static void run_pending(struct app *a)
{
	const struct lesson_set *set = lessons_of(a);
	const char *lesson = me.pending == ACT_RESET_ONE ? set->lessons[me.lesson]->id : NULL;
	struct kerr err;
	size_t answers = 0;
	char *msg;

	me.mode = MODE_MENU;
	if (me.pending == ACT_REMOVE) {
		if (store_remove_learner(a->store, a->trainer_learner, STORE_SOURCE_MENU, &err) < 0) {
			ui_set_error(a, err.msg);
			return;
		}
		if (a->sitting.learner == a->trainer_learner) {  /* the person at the kiosk: end it */
			ui_close_session(a);
			a->trainer_return = a->fixed_set ? SCREEN_LEARNER : SCREEN_WELCOME;
		}
		ui_go(a, SCREEN_TRAINER_LEARNERS);
		return;
	}
	if (store_reset(a->store, a->trainer_learner, lesson, STORE_SOURCE_MENU, &answers,
	                &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	msg = answers ? xasprintf(ngettext("Done: %zu earlier answer is kept as history.",
	                                   "Done: %zu earlier answers are kept as history.",
	                                   answers), answers)
	              : xstrdup(_("There was nothing to start afresh."));
	set_note(msg);
	free(msg);
}

static void rename_now(struct app *a)
{
	struct kerr err;

	if (store_rename_learner(a->store, a->trainer_learner, me.field.buf, STORE_SOURCE_MENU,
	                         &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	free(me.name);
	me.name = NULL;
	if (store_learner_name(a->store, a->trainer_learner, &me.name, &err) < 0) {
		ui_set_error(a, err.msg);
		me.name = xstrdup("");
	}
	if (a->sitting.learner == a->trainer_learner) {
		free(a->sitting.name);
		a->sitting.name = xstrdup(me.name);
	}
	me.mode = MODE_MENU;
	set_note(_("Saved."));
}

static void start_action(struct app *a, enum action act)
{
	me.selected = act;
	me.pending = act;
	if (act == ACT_RENAME) {
		edit_set(&me.field, me.name);
		me.mode = MODE_RENAME;
	} else if (act == ACT_RESET_ONE) {
		me.mode = lessons_of(a)->count ? MODE_PICK_LESSON : MODE_MENU;
	} else {
		me.mode = MODE_CONFIRM;
	}
}

static void learner_key_do(struct app *a, const struct ui_key *k)
{
	const struct lesson_set *set = lessons_of(a);
	int d;

	set_note(NULL);
	if (k->code == UK_ESC) {
		if (me.mode == MODE_MENU)
			ui_go(a, SCREEN_TRAINER_LEARNERS);
		me.mode = MODE_MENU;
		return;
	}
	switch (me.mode) {
	case MODE_RENAME:
		if (k->code == UK_ENTER)
			rename_now(a);
		else
			ui_edit_key(&me.field, k);
		return;
	case MODE_PICK_LESSON:
		d = ui_digit(k, set->count);
		if (d >= 0 || k->code == UK_ENTER) {
			me.lesson = d >= 0 ? (size_t)d : me.lesson;
			me.mode = MODE_CONFIRM;
		} else {
			ui_menu_key(k, &me.lesson, set->count);
		}
		return;
	case MODE_CONFIRM:
		if (k->code == UK_ENTER)
			run_pending(a);
		return;
	case MODE_MENU:
		break;
	}
	d = ui_digit(k, ACT_COUNT);
	if (d >= 0)
		start_action(a, (enum action)d);
	else if (k->code == UK_ENTER)
		start_action(a, (enum action)me.selected);
	else
		ui_menu_key(k, &me.selected, ACT_COUNT);
}

static enum ui_result learner_key(struct app *a, const struct ui_key *k)
{
	learner_key_do(a, k);
	return ui_result_of(a);
}

const struct screen ui_trainer_learner_screen = {
	.enter = learner_enter, .draw = learner_draw, .key = learner_key,
};
