/* ui_trainer: the trainer menu, reached with the PIN.  Ends the current session for the next
 * person, leads to the learners, sets the idle timeout, and is the only way out of the kiosk
 * (on a console run by kiosk@.service, out to a login prompt for maintenance).
 * Every action is written to the audit table. */
#include <stdio.h>
#include <stdlib.h>

#include "curses_dl.h"
#include "i18n.h"
#include "ui.h"
#include "util.h"

enum item {
	ITEM_END_SESSION,
	ITEM_LEARNERS,
	ITEM_REPORT,
	ITEM_IDLE,
	ITEM_LEAVE,
	/* the kiosk's look and reading aloud for everyone (kiosk set-access does the same);
	 * after Leave, so that the numbers trainers know stay as they were */
	ITEM_THEME,
	ITEM_AUTO_READ,
	ITEM_RATE,
	ITEM_COUNT,
};

/* The reading speeds Enter steps through, in words per minute. */
static const int rates[] = { 90, 110, 130, 150, 170 };

#define MINUTES_MAX (STORE_IDLE_TIMEOUT_MAX / 60)

/* The menu item a trainer last chose: kept between visits, so that coming back from the
 * learners finds the menu where it was. */
static size_t selected;

/* The screen's state, created in enter and freed in leave. */
struct trainer_screen {
	bool editing_idle;    /* the minutes field is open */
	bool confirm_leave;   /* Enter once more leaves the kiosk */
	struct edit minutes;
	bool minutes_refused; /* the last key or Enter in the minutes field was refused */
	char *note;           /* what the last action did */
};

static struct trainer_screen *me;

/* The footer, from the key table of the current state (below). */
static void trainer_footer(void);

static void set_note(const char *msg)
{
	free(me->note);
	me->note = msg ? xstrdup(msg) : NULL;
}

static void trainer_enter(struct app *a)
{
	me = xcalloc(1, sizeof *me);
	edit_init(&me->minutes, 4);
	/* No engine or no sound: said once, to the trainer, never to a learner. */
	if (!a->speech_told && (a->speech_problem || speech_problem(&a->speech)))
		ui_set_error(a, a->speech_problem ? a->speech_problem : speech_problem(&a->speech));
	a->speech_told = true;
}

static void trainer_leave(struct app *a)
{
	if (!me)
		return;
	edit_free(&me->minutes);
	free(me->note);
	free(me);
	me = NULL;
}

static const char *look_text(enum ui_theme t);

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
	case ITEM_THEME:
		return xstrdup(look_text(a->theme_default));
	case ITEM_AUTO_READ:
		return xstrdup(a->auto_read_default
		               ? _("Read every step aloud for everyone: yes")
		               : _("Read every step aloud for everyone: no"));
	case ITEM_RATE:
		return xasprintf(_("Reading aloud: %d words a minute"), a->speech.rate);
	case ITEM_COUNT:
		break;
	}
	return xstrdup(_("Leave the kiosk"));
}

/* The kiosk's look, as the menu names it. */
static const char *look_text(enum ui_theme t)
{
	switch (t) {
	case UI_THEME_CONTRAST: return _("The look for everyone: high contrast");
	case UI_THEME_MONO: return _("The look for everyone: no colours");
	default: return _("The look for everyone: the usual colours");
	}
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
	if (me->editing_idle) {
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("Minutes without a key press before the session ends (1 to 1440):"),
		        A_BOLD);
		ui_field(row + 2, 6, 6, &me->minutes);
		if (me->minutes_refused) {
			char *msg = xasprintf(_("Only a whole number of minutes from 1 to %d."),
			                      MINUTES_MAX);

			ui_text(row + 4, 4, ui_cols() - 8, 2, msg, ui_attr(UI_WRONG));
			free(msg);
		}
	} else if (me->confirm_leave) {
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("Press Enter again to leave the kiosk, or Esc to stay."), ui_attr(UI_HINT));
	} else if (me->note) {
		ui_text(row, 4, ui_cols() - 8, 2, me->note, ui_attr(UI_RIGHT));
	}
	trainer_footer();
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
	long m = strtol(me->minutes.buf, NULL, 10);
	struct kerr err;

	if (m < 1 || m > MINUTES_MAX) {
		me->minutes_refused = true;  /* said under the field, with the range */
		return;
	}
	if (store_set_idle_timeout(a->store, (int)m * 60, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	a->idle_timeout = (int)m * 60;
	me->editing_idle = false;
	set_note(_("Saved."));
}

/* Saves one of the kiosk's access settings and applies it at once (a learner's own choice
 * still wins for that learner). */
static void save_access(struct app *a, const char *name, const char *value)
{
	struct kerr err;

	if (store_set_access(a->store, 0, name, value, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	set_note(_("Saved."));
}

static void next_access(struct app *a, enum item i)
{
	char buf[16];
	size_t r = 0;

	if (i == ITEM_THEME) {
		enum ui_theme t = (enum ui_theme)((a->theme_default + 1) % UI_THEME_COUNT);

		save_access(a, "theme", ui_theme_name(t));
		if (!a->error)
			a->theme_default = t;
	} else if (i == ITEM_AUTO_READ) {
		save_access(a, "auto-read", a->auto_read_default ? "no" : "yes");
		if (!a->error)
			a->auto_read_default = !a->auto_read_default;
	} else {
		while (r < UI_COUNT(rates) && rates[r] <= a->speech.rate)
			r++;
		snprintf(buf, sizeof buf, "%d", rates[r % UI_COUNT(rates)]);
		save_access(a, "speech-rate", buf);
		if (!a->error)
			a->speech.rate = rates[r % UI_COUNT(rates)];
	}
	ui_access_load(a);
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
		edit_set(&me->minutes, buf);
		me->editing_idle = true;
		me->minutes_refused = false;
		break;
	case ITEM_THEME:
	case ITEM_AUTO_READ:
	case ITEM_RATE:
		next_access(a, i);
		break;
	case ITEM_LEAVE:
		if (confirmed) {
			/* kiosk@.service reads this status: a login prompt, then the kiosk again. */
			if (a->maintenance_minutes > 0)
				a->exit_status = KIOSK_EXIT_MAINTENANCE;
			ui_leave_kiosk(a);
		}
		else
			me->confirm_leave = true;
		break;
	case ITEM_COUNT:
		break;
	}
}

/* ---- the keys: one table per state ---- */

static enum ui_result idle_save(struct app *a, const struct ui_key *k)
{
	save_idle(a);
	return UI_HANDLED;
}

static enum ui_result idle_cancel(struct app *a, const struct ui_key *k)
{
	me->editing_idle = false;
	return UI_HANDLED;
}

static enum ui_result idle_edit(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_CHAR && (k->ch < '0' || k->ch > '9')) {
		me->minutes_refused = true;  /* minutes are digits: say so, not just ignore */
		return UI_HANDLED;
	}
	if (!ui_edit_key(&me->minutes, k))
		return UI_IGNORED;
	me->minutes_refused = false;
	return UI_HANDLED;
}

static enum ui_result choose_digit(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, ITEM_COUNT);

	if (d < 0)
		return UI_IGNORED;
	choose(a, (enum item)d, false);
	return ui_result_of(a);
}

static enum ui_result choose_selected(struct app *a, const struct ui_key *k)
{
	choose(a, (enum item)selected, false);
	return ui_result_of(a);
}

static enum ui_result move_selection(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &selected, ITEM_COUNT) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result back(struct app *a, const struct ui_key *k)
{
	ui_go(a, a->trainer_return);
	return UI_LEAVE;
}

/* "Leave the kiosk" asks once more: only the very next Enter confirms; any other key
 * (Esc included) stays. */
static enum ui_result leave_confirmed(struct app *a, const struct ui_key *k)
{
	choose(a, ITEM_LEAVE, true);
	return ui_result_of(a);
}

static enum ui_result stay(struct app *a, const struct ui_key *k)
{
	return UI_HANDLED;
}

static const struct ui_binding menu_keys[] = {
	{ UI_KEY_DIGIT, N_("Digit"), N_("choose"), choose_digit },
	{ UI_KEY(UK_ENTER), N_("Arrows, then Enter"), N_("choose"), choose_selected },
	{ UI_KEYS_ARROWS, NULL, NULL, move_selection },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back to the learner's screen"), back },
};
static const struct ui_binding idle_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("save"), idle_save },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("cancel"), idle_cancel },
	{ UI_KEYS_EDIT, NULL, NULL, idle_edit },
};
static const struct ui_binding confirm_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("leave the kiosk"), leave_confirmed },
	{ UI_KEYS_ANY, N_("Esc"), N_("stay"), stay },
};

static const struct ui_binding *menu_state_keys(size_t *n)
{
	if (me->editing_idle) {
		*n = UI_COUNT(idle_keys);
		return idle_keys;
	}
	if (me->confirm_leave) {
		*n = UI_COUNT(confirm_keys);
		return confirm_keys;
	}
	*n = UI_COUNT(menu_keys);
	return menu_keys;
}

static void trainer_footer(void)
{
	size_t n;
	const struct ui_binding *keys = menu_state_keys(&n);

	ui_footer_bindings(keys, n);
}

static enum ui_result trainer_key(struct app *a, const struct ui_key *k)
{
	size_t n;
	const struct ui_binding *keys = menu_state_keys(&n);

	set_note(NULL);
	me->confirm_leave = false;
	return ui_dispatch(a, k, keys, n);
}

const struct screen ui_trainer_screen = {
	.enter = trainer_enter, .leave = trainer_leave, .draw = trainer_draw, .key = trainer_key,
	.purpose = N_("The trainer menu: looking after learners, reports, and leaving the kiosk."),
};
