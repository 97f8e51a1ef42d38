/* ui_lessons: the lesson list, with each lesson's number of steps and this learner's status
 * (not started / step 4 of 12 / completed), derived from the store when the screen opens. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

static struct progress *progress;  /* one per lesson of the current set */
static size_t selected;

static void lessons_enter(struct app *a)
{
	struct kerr err;

	free(progress);
	progress = xcalloc(a->set->count, sizeof *progress);
	if (store_progress_all(a->store, a->learner, a->set->lessons, a->set->count, progress,
	                       &err) < 0)
		ui_set_error(a, err.msg);
	/* Put the learner back on the lesson they were last in. */
	for (size_t i = 0; a->lesson && i < a->set->count; i++)
		if (a->set->lessons[i] == a->lesson)
			selected = i;
	if (selected >= a->set->count)
		selected = 0;
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

static void lessons_draw(struct app *a)
{
	const char **titles = xcalloc(a->set->count, sizeof *titles);
	char **details = xcalloc(a->set->count, sizeof *details);
	char *hello = xasprintf(_("Hello, %s! Choose a lesson."), a->learner_name);
	int row = 3;

	ui_header(_("Lessons"), a->learner_name);
	row += ui_text(row, 4, ui_cols() - 8, 2, hello, A_BOLD) + 1;
	if (a->set->count == 0)
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("There are no lessons in this language yet. Please ask a trainer."),
		        ui_attr(UI_HINT));
	for (size_t i = 0; i < a->set->count; i++) {
		titles[i] = a->set->lessons[i]->title;
		details[i] = details_text(a->set->lessons[i], &progress[i]);
	}
	ui_menu_details(row, ui_rows() - row - 2, titles, (const char *const *)details,
	                a->set->count, selected, true);
	ui_footer(_("Digit or arrows, then Enter: open   Esc: back   F10: finish"));
	for (size_t i = 0; i < a->set->count; i++)
		free(details[i]);
	free(details);
	free(titles);
	free(hello);
}

static void open_lesson(struct app *a, size_t i)
{
	selected = i;
	a->lesson = a->set->lessons[i];
	/* Continue where the learner stopped; a completed lesson starts again at step 1. */
	a->step = progress[i].resume;
	ui_go(a, SCREEN_LESSON);
}

static void lessons_key(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, a->set->count);

	if (d >= 0) {
		open_lesson(a, (size_t)d);
	} else if (k->code == UK_ENTER && a->set->count > 0) {
		open_lesson(a, selected);
	} else if (k->code == UK_F10) {
		ui_end_session(a);
	} else if (k->code == UK_ESC) {
		ui_end_session(a);
		ui_go(a, SCREEN_LEARNER);  /* someone else, same language */
	} else {
		ui_menu_key(k, &selected, a->set->count);
	}
}

const struct screen ui_lessons_screen = { lessons_enter, lessons_draw, lessons_key };
