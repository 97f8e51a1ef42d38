/* ui_finish: the end of a lesson: congratulations, then back to the list.  The "complete"
 * event is already saved when this screen appears.  No state of its own. */
#include <stdlib.h>

#include "curses_dl.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

static enum ui_result to_lessons(struct app *a, const struct ui_key *k)
{
	ui_go(a, SCREEN_LESSONS);
	return UI_LEAVE;
}

static enum ui_result end_session(struct app *a, const struct ui_key *k)
{
	ui_say_goodbye(a);
	return UI_LEAVE;
}

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("back to the lessons"), to_lessons },
	{ UI_KEY(UK_F10), N_("F10"), N_("finish"), end_session },
};

static void finish_enter(struct app *a)
{
	a->lesson_finished = true;
}

static void finish_draw(struct app *a)
{
	char *done = xasprintf(_("You have completed the lesson \"%s\"."), a->lesson->title);
	int row = ui_rows() / 2 - 3;

	ui_header(a->lesson->title, a->sitting.name);
	ui_text_center(row, _("Congratulations!"), ui_attr(UI_RIGHT));
	ui_text(row + 2, lesson_left(), LESSON_WRAP_COLS, 2, done, A_BOLD);
	ui_text(row + 5, lesson_left(), LESSON_WRAP_COLS, 2,
	        _("Your progress is saved. You can take the lesson again at any time."), A_NORMAL);
	ui_access_note_draw(a, row + 8, lesson_left(), LESSON_WRAP_COLS, 2);  /* F4, F5 */
	ui_footer_bindings(keys, UI_COUNT(keys));
	free(done);
}

static enum ui_result finish_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

/* F3: what the screen says, in its order. */
static char *finish_speak(struct app *a)
{
	char *done = xasprintf(_("You have completed the lesson \"%s\"."), a->lesson->title);
	char *out = xasprintf("%s\n%s\n%s", _("Congratulations!"), done,
	                      _("Your progress is saved. You can take the lesson again at any time."));

	free(done);
	return out;
}

const struct screen ui_finish_screen = {
	.speak = finish_speak,
	.enter = finish_enter, .draw = finish_draw, .key = finish_key,
	.purpose = N_("You have finished a lesson. From here you go back to the list of lessons."),
};
