/* ui_trainer: the trainer menu, reached with the PIN.  Ends the current session for the next
 * person, leads to the learners, sets the idle timeout, and is the only way out of the kiosk
 * (on a console run by kiosk@.service, out to a login prompt for maintenance).
 * Every action is written to the audit table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

enum item {
	ITEM_END_SESSION,
	ITEM_LEARNERS,
	ITEM_REPORT,
	ITEM_IDLE,
	ITEM_LEAVE,
	ITEM_COUNT,
};

#define MINUTES_MAX (STORE_IDLE_TIMEOUT_MAX / 60)

static size_t selected;
static bool editing_idle;    /* the minutes field is open */
static bool confirm_leave;   /* Enter once more leaves the kiosk */
static struct edit minutes;
static bool minutes_ready;
static char *note;           /* what the last action did */

static void set_note(const char *msg)
{
	free(note);
	note = msg ? xstrdup(msg) : NULL;
}

static void trainer_enter(struct app *a)
{
	if (!minutes_ready) {
		edit_init(&minutes, 4);
		minutes_ready = true;
	}
	editing_idle = false;
	confirm_leave = false;
	set_note(NULL);
}

static char *item_text(const struct app *a, enum item i)
{
	switch (i) {
	case ITEM_END_SESSION:
		return xstrdup(_("End the session: back to the welcome screen"));
	case ITEM_LEARNERS:
		return xstrdup(_("Learners: progress, rename, reset, remove"));
	case ITEM_REPORT:
		return xstrdup(_("Lesson statistics: started, completed, time"));
	case ITEM_IDLE:
		return xasprintf(ngettext("Idle timeout: %d minute", "Idle timeout: %d minutes",
		                          a->idle_timeout / 60), a->idle_timeout / 60);
	case ITEM_LEAVE:
		if (a->maintenance_minutes > 0)
			return xasprintf(ngettext("Maintenance: a login prompt for %d minute",
			                          "Maintenance: a login prompt for %d minutes",
			                          a->maintenance_minutes), a->maintenance_minutes);
		break;
	case ITEM_COUNT:
		break;
	}
	return xstrdup(_("Leave the kiosk"));
}

static void trainer_draw(struct app *a)
{
	char *items[ITEM_COUNT];
	int row = 3;

	ui_header(_("Trainer menu"), a->sitting.name);
	for (int i = 0; i < ITEM_COUNT; i++)
		items[i] = item_text(a, (enum item)i);
	row += ui_menu(row, ITEM_COUNT, (const char *const *)items, ITEM_COUNT, selected, true);
	row++;
	if (editing_idle) {
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("Minutes without a key press before the session ends (1 to 1440):"),
		        A_BOLD);
		ui_field(row + 2, 6, 6, &minutes);
	} else if (confirm_leave) {
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("Press Enter again to leave the kiosk, or Esc to stay."), ui_attr(UI_HINT));
	} else if (note) {
		ui_text(row, 4, ui_cols() - 8, 2, note, ui_attr(UI_RIGHT));
	}
	ui_footer(_("Digit, or arrows then Enter: choose   Esc: back to the learner's screen"));
	for (int i = 0; i < ITEM_COUNT; i++)
		free(items[i]);
}

static void end_session(struct app *a)
{
	struct kerr err;

	if (store_audit(a->store, "session-end", a->sitting.learner, NULL, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	ui_end_session(a);
}

static void save_idle(struct app *a)
{
	long m = strtol(minutes.buf, NULL, 10);
	struct kerr err;

	if (m < 1 || m > MINUTES_MAX)
		return;  /* the prompt says the range; nothing to save yet */
	if (store_set_idle_timeout(a->store, (int)m * 60, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	a->idle_timeout = (int)m * 60;
	editing_idle = false;
	set_note(_("Saved."));
}

static void idle_key(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_ENTER)
		save_idle(a);
	else if (k->code == UK_ESC)
		editing_idle = false;
	else if (k->code != UK_CHAR || (k->ch >= '0' && k->ch <= '9'))
		ui_edit_key(&minutes, k);
}

static void choose(struct app *a, enum item i, bool confirmed)
{
	char buf[16];

	selected = i;
	switch (i) {
	case ITEM_END_SESSION:
		end_session(a);
		break;
	case ITEM_LEARNERS:
		ui_go(a, SCREEN_TRAINER_LEARNERS);
		break;
	case ITEM_REPORT:
		ui_go(a, SCREEN_TRAINER_REPORT);
		break;
	case ITEM_IDLE:
		snprintf(buf, sizeof buf, "%d", a->idle_timeout / 60);
		edit_set(&minutes, buf);
		editing_idle = true;
		break;
	case ITEM_LEAVE:
		if (confirmed) {
			/* kiosk@.service reads this status: a login prompt, then the kiosk again. */
			if (a->maintenance_minutes > 0)
				a->exit_status = KIOSK_EXIT_MAINTENANCE;
			ui_leave_kiosk(a);
		}
		else
			confirm_leave = true;
		break;
	case ITEM_COUNT:
		break;
	}
}

static void trainer_key_do(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, ITEM_COUNT);
	bool confirming = confirm_leave;  /* only the very next Enter confirms */

	set_note(NULL);
	confirm_leave = false;
	if (editing_idle)
		idle_key(a, k);
	else if (k->code == UK_ESC && !confirming)
		ui_go(a, a->trainer_return);
	else if (d >= 0)
		choose(a, (enum item)d, confirming && d == ITEM_LEAVE);
	else if (k->code == UK_ENTER)
		choose(a, (enum item)selected, confirming && selected == ITEM_LEAVE);
	else
		ui_menu_key(k, &selected, ITEM_COUNT);
}

static enum ui_result trainer_key(struct app *a, const struct ui_key *k)
{
	trainer_key_do(a, k);
	return ui_result_of(a);
}

const struct screen ui_trainer_screen = {
	.enter = trainer_enter, .draw = trainer_draw, .key = trainer_key,
};
