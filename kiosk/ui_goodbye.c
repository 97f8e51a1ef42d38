/* ui_goodbye: after F10, a word to the person who is leaving ("Goodbye, Maria! Your progress
 * is saved."), for a few seconds or until Enter, then the welcome screen for the next person.
 * The session has already ended when this screen appears. */
#include <stdlib.h>

#include "curses_dl.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

#define GOODBYE_SECONDS 6

struct goodbye {
	double until;  /* ui_now() when the screen goes on by itself */
};

static struct goodbye *me;

static void goodbye_enter(struct app *a)
{
	me = xcalloc(1, sizeof *me);
	me->until = ui_now() + GOODBYE_SECONDS;
}

static void goodbye_leave(struct app *a)
{
	free(me);
	me = NULL;
	free(a->goodbye_name);
	a->goodbye_name = NULL;
	a->goodbye_why = STORE_CHANGE_NONE;
}

static void go_on(struct app *a)
{
	ui_go(a, a->fixed_set ? SCREEN_LEARNER : SCREEN_WELCOME);
}

static enum ui_result next(struct app *a, const struct ui_key *k)
{
	go_on(a);
	return UI_LEAVE;
}

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("continue"), next },
};

static int goodbye_tick(struct app *a)
{
	double left = me->until - ui_now();

	if (left <= 0) {
		go_on(a);
		return 0;
	}
	return (int)(left * 1000) + 1;
}

static void goodbye_draw(struct app *a)
{
	char *bye = a->goodbye_name
	            /* TRANSLATORS: after F10; %s is the learner's name. */
	            ? xasprintf(_("Goodbye, %s!"), a->goodbye_name)
	            : xstrdup(_("Goodbye!"));
	int row = ui_rows() / 2 - 3;

	ui_header(_("Digital skills"), NULL);
	ui_text(row, lesson_left(), LESSON_WRAP_COLS, 2, bye, ui_attr(UI_RIGHT));
	if (a->goodbye_why != STORE_CHANGE_NONE) {  /* ended by the trainer's command line */
		ui_text(row + 2, lesson_left(), LESSON_WRAP_COLS, 3,
		        a->goodbye_why == STORE_CHANGE_REMOVED
		        ? _("The trainer has removed this name from the kiosk, so the session has ended.")
		        : _("The trainer has started your lessons afresh, so the session has ended. "
		            "Type your name again to begin."), A_BOLD);
		ui_access_note_draw(a, row + 6, lesson_left(), LESSON_WRAP_COLS, 2);  /* F4, F5 */
		ui_footer_bindings(keys, UI_COUNT(keys));
		free(bye);
		return;
	}
	if (store_file_gone(a->store))  /* deleted under the kiosk: nothing is kept any more */
		ui_text(row + 2, lesson_left(), LESSON_WRAP_COLS, 2,
		        _("Your latest progress could not be saved. Please call the trainer."),
		        ui_attr(UI_WRONG));
	else
		ui_text(row + 2, lesson_left(), LESSON_WRAP_COLS, 2, _("Your progress is saved."),
		        A_BOLD);
	ui_text(row + 4, lesson_left(), LESSON_WRAP_COLS, 2,
	        _("Next time, type the same name and you will continue where you stopped."),
	        A_NORMAL);
	ui_access_note_draw(a, row + 7, lesson_left(), LESSON_WRAP_COLS, 2);  /* F4, F5 */
	ui_footer_bindings(keys, UI_COUNT(keys));
	free(bye);
}

static enum ui_result goodbye_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

const struct screen ui_goodbye_screen = {
	.enter = goodbye_enter, .leave = goodbye_leave, .draw = goodbye_draw,
	.key = goodbye_key, .tick = goodbye_tick,
	.purpose = N_("The kiosk says goodbye; your progress is saved. The next person can start soon."),
};
