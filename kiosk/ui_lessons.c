/* ui_lessons: the lesson list, with each lesson's number of steps and this learner's status
 * (not started / step 4 of 12 / completed), derived from the store when the screen opens.
 * The highlight starts on the lesson in progress, else on the first one not completed, so
 * that Enter never restarts a finished lesson by accident; back from a lesson, on that
 * lesson, or after finishing it on the next one to take.  A lesson's number is typed one
 * digit at a time with no time limit and shown on the screen as it grows (listnum.h). */
#include <stdlib.h>

#include "address.h"
#include "curses_dl.h"
#include "i18n.h"
#include "listnum.h"
#include "ui.h"
#include "util.h"

struct lessons {
	struct progress *progress;  /* one per lesson of the current set */
	size_t selected;
	struct listnum number;      /* the lesson number typed so far, shown under the list */
};

static struct lessons *me;

/* Index of the lesson opened last in this sitting, or count when none was. */
static size_t last_opened(const struct app *a)
{
	size_t i;

	for (i = 0; i < a->set->count; i++)
		if (a->set->lessons[i] == a->lesson)
			break;
	return i;
}

/* The lesson to highlight.  Back from a lesson: that lesson (the learner was just in it),
 * or when it was just finished the next one after it not yet completed, else that lesson
 * itself: the highlight never jumps back up to lesson 1 (two novice testers).  On the way in:
 * the first in progress, else the first not completed, else the first. */
static size_t first_to_offer(const struct app *a)
{
	size_t n = a->set->count, last = last_opened(a);

	if (last < n && a->lesson_finished) {
		for (size_t i = last + 1; i < n; i++)
			if (me->progress[i].status != PROGRESS_COMPLETED)
				return i;
		return last;
	}
	if (last < n)
		return last;
	for (size_t i = 0; i < n; i++)
		if (me->progress[i].status == PROGRESS_STARTED)
			return i;
	for (size_t i = 0; i < n; i++)
		if (me->progress[i].status != PROGRESS_COMPLETED)
			return i;
	return 0;
}

static void lessons_enter(struct app *a)
{
	struct kerr err;

	me = xcalloc(1, sizeof *me);
	me->progress = xcalloc(a->set->count ? a->set->count : 1, sizeof *me->progress);
	/* One read transaction for the whole list. */
	if (store_progress_all(a->store, a->sitting.learner, a->set->lessons, a->set->count,
	                       me->progress, &err) < 0)
		ui_set_error(a, err.msg);
	me->selected = first_to_offer(a);
	a->lesson_finished = false;
}

static void lessons_leave(struct app *a)
{
	if (!me)
		return;
	free(me->progress);
	free(me);
	me = NULL;
}

static char *status_text(const struct lesson *l, const struct progress *p)
{
	switch (p->status) {
	case PROGRESS_COMPLETED:
		return xstrdup(_("completed"));
	case PROGRESS_STARTED:
		/* TRANSLATORS: status in the lesson list: the step the learner will continue at. */
		return xasprintf(_("step %zu of %zu"), p->resume + 1, l->step_count);
	case PROGRESS_NOT_STARTED:
		break;
	}
	return xstrdup(_("not started"));
}

/* The row under a lesson's title: its length and this learner's status. */
static char *details_text(const struct lesson *l, const struct progress *p)
{
	char *status = status_text(l, p);
	/* TRANSLATORS: under a lesson's title in the list: number of steps, then the status. */
	char *steps = xasprintf(ngettext("%zu step", "%zu steps", l->step_count), l->step_count);
	char *details = xasprintf("%s  ·  %s", steps, status);

	free(steps);
	free(status);
	return details;
}

static void open_lesson(struct app *a, size_t i)
{
	me->selected = i;
	a->lesson = a->set->lessons[i];
	/* Continue where the learner stopped; a completed lesson starts again at step 1. */
	a->step = me->progress[i].resume;
	ui_go(a, SCREEN_LESSON);
}

/* A digit only moves the highlight; Enter opens (see ui_welcome.c).  Digits make one number
 * however slowly they come ("1", a pause, "5": lesson 15), since the number typed so far is
 * on the screen: no timeout decides for the learner (listnum.h has the rule). */
static enum ui_result select_digit(struct app *a, const struct ui_key *k)
{
	return ui_listnum_digit(&me->number, k, a->set->count, &me->selected);
}

/* Backspace takes back the last digit typed ("1", "2" meant as 2: Backspace, then 2). */
static enum ui_result erase_digit(struct app *a, const struct ui_key *k)
{
	return ui_listnum_erase(&me->number, &me->selected);
}

static enum ui_result open_selected(struct app *a, const struct ui_key *k)
{
	if (a->set->count == 0)
		return UI_IGNORED;
	open_lesson(a, me->selected);
	return UI_LEAVE;
}

static enum ui_result move_selection(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &me->selected, a->set->count) ? UI_HANDLED : UI_IGNORED;
}

/* Esc ends the session (the next person may sit down), and the name screen says so by name,
 * with how to go on: it came back without a word, as if all was lost (novice test r15). */
static enum ui_result back(struct app *a, const struct ui_key *k)
{
	char *whom = a->sitting.name ? address_vocative(a->sitting.name, a->set->language) : NULL;

	ui_end_session(a);
	ui_go(a, SCREEN_LEARNER);  /* someone else, same language */
	ui_access_note_list_left(a, whom);
	return UI_LEAVE;
}

static enum ui_result finish(struct app *a, const struct ui_key *k)
{
	ui_say_goodbye(a);
	return UI_LEAVE;
}

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("open"), open_selected },
	{ UI_KEY_DIGIT, NULL, NULL, select_digit },
	{ UI_KEY(UK_BACKSPACE), NULL, NULL, erase_digit },
	{ UI_KEYS_ARROWS, NULL, NULL, move_selection },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), back },
	{ UI_KEY(UK_F10), N_("F10"), N_("finish"), finish },
};

/* The two rows under the list: the lesson number being typed, else whether the list goes
 * on beyond what is shown. */
static void draw_note(const struct app *a, int row, int list_rows)
{
	/* TRANSLATORS: under the lesson list while a lesson's number is typed; %s is the
	 * digits so far, such as "1_" (another digit may follow) or "15". */
	const char *typed = _("Lesson number: %s   Enter opens it, Backspace erases a digit.");
	bool above, below;

	if (ui_access_note_draw(a, row, 4, ui_cols() - 8, 2))  /* F4, F5, F6 just pressed */
		return;
	if (ui_listnum_draw(&me->number, a->set->count, typed, row, 4, ui_cols() - 8, 2) > 0)
		return;
	/* The small "v" at the edge is easy to miss: say in words that the list goes on (two
	 * novice testers thought it ended at lesson 8), and only when it does. */
	ui_menu_hidden(list_rows, true, a->set->count, me->selected, &above, &below);
	if (below)
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("There are more lessons: use the Down and Up arrows, or type a lesson's "
		          "number."), ui_attr(UI_HINT));
	else if (above)
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("There are more lessons above: use the Up arrow, or type a lesson's "
		          "number."), ui_attr(UI_HINT));
}

static void lessons_draw(struct app *a)
{
	const char **titles = xcalloc(a->set->count ? a->set->count : 1, sizeof *titles);
	char **details = xcalloc(a->set->count ? a->set->count : 1, sizeof *details);
	char *whom = address_vocative(a->sitting.name, a->set->language);
	char *hello = xasprintf(_("Hello, %s! Choose a lesson."), whom);
	int row = 3, list_rows;

	ui_header(_("Lessons"), a->sitting.name);
	row += ui_text(row, 4, ui_cols() - 8, 2, hello, A_BOLD) + 1;
	if (a->set->count == 0)
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("There are no lessons in this language yet. Please ask a trainer."),
		        ui_attr(UI_HINT));
	for (size_t i = 0; i < a->set->count; i++) {
		titles[i] = a->set->lessons[i]->title;
		details[i] = details_text(a->set->lessons[i], &me->progress[i]);
	}
	list_rows = ui_rows() - row - 3;  /* two rows under the list for the note below */
	row += ui_menu_details(row, list_rows, titles, (const char *const *)details,
	                       a->set->count, me->selected, true);
	draw_note(a, row, list_rows);
	ui_footer_bindings(keys, UI_COUNT(keys));
	for (size_t i = 0; i < a->set->count; i++)
		free(details[i]);
	free(details);
	free(titles);
	free(hello);
	free(whom);
}

static enum ui_result lessons_key(struct app *a, const struct ui_key *k)
{
	/* Esc with a number typed takes the number back first, as it takes back a half-typed
	 * answer: it went straight to the name screen (novice test r16). */
	if (ui_listnum_key(&me->number, k))
		return UI_HANDLED;
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

/* F3: the greeting, then each lesson with its number and how far the learner got. */
static char *lessons_speak(struct app *a)
{
	char *whom = address_vocative(a->sitting.name, a->set->language);
	char *out = xasprintf(_("Hello, %s! Choose a lesson."), whom);

	for (size_t i = 0; i < a->set->count; i++) {
		char *status = status_text(a->set->lessons[i], &me->progress[i]);
		char *prev = out;

		out = xasprintf("%s\n%zu. %s. %s", prev, i + 1, a->set->lessons[i]->title, status);
		free(prev);
		free(status);
	}
	free(whom);
	return out;
}

const struct screen ui_lessons_screen = {
	.enter = lessons_enter, .leave = lessons_leave, .draw = lessons_draw, .key = lessons_key,
	.speak = lessons_speak,
	.purpose = N_("This is the list of lessons. Choose one to open it; a lesson you started opens where you stopped."),
};
