/* ui_finish: the end of a lesson: congratulations, then back to the list.  The "complete"
 * event is already saved when this screen appears. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

static void finish_enter(struct app *a)
{
}

static void finish_draw(struct app *a)
{
	char *done = xasprintf(_("You have completed the lesson \"%s\"."), a->lesson->title);
	int row = ui_rows() / 2 - 3;

	ui_header(a->lesson->title, a->learner_name);
	ui_text_center(row, _("Congratulations!"), ui_attr(UI_RIGHT));
	ui_text(row + 2, lesson_left(), LESSON_WRAP_COLS, 2, done, A_BOLD);
	ui_text(row + 5, lesson_left(), LESSON_WRAP_COLS, 2,
	        _("Your progress is saved. You can take the lesson again at any time."), A_NORMAL);
	ui_footer(_("Enter: back to the lessons   F10: finish"));
	free(done);
}

static void finish_key(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_ENTER)
		ui_go(a, SCREEN_LESSONS);
	else if (k->code == UK_F10)
		ui_end_session(a);
}

const struct screen ui_finish_screen = {
	.enter = finish_enter, .draw = finish_draw, .key = finish_key,
};
