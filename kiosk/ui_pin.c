/* ui_pin: the trainer's PIN prompt.  Digits only, shown as stars; every attempt is logged and
 * a wrong PIN makes the next attempt wait longer (pin_delay_seconds), counted from the store
 * so that restarting the kiosk does not reset the delay. */
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "curses_dl.h"
#include "i18n.h"
#include "pin.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* The screen's state, created in enter and freed in leave. */
struct pin_screen {
	struct edit pin;
	char *hash;          /* NULL: no PIN has been set */
	/* ui_now() seconds: no attempt is taken before this (whole-second time() would make a
	 * "1 second" wait anything from 0 to 1 s). */
	double wait_until;
	bool wrong;          /* the last attempt was wrong */
	bool dropped;        /* digits were typed during the wait (and not taken) */
};

static struct pin_screen *me;

/* The footer, from the key table in use (below). */
static void pin_footer(void);

static void arm_delay(struct app *a)
{
	unsigned failures = 0;
	struct kerr err;

	if (store_pin_failures(a->store, &failures, &err) < 0)
		ui_set_error(a, err.msg);
	me->wait_until = ui_now() + pin_delay_seconds(failures);
}

/* The hash is read from the database at every check, not kept from the start: a PIN changed
 * with `kiosk set-trainer-pin` while this kiosk runs must work at once, or nobody can leave. */
static int reload_hash(struct app *a)
{
	struct kerr err;

	free(me->hash);
	me->hash = NULL;
	if (store_trainer_pin(a->store, &me->hash, &err) < 0) {
		ui_set_error(a, err.msg);
		return -1;
	}
	return 0;
}

static void pin_enter(struct app *a)
{
	me = xcalloc(1, sizeof *me);
	edit_init(&me->pin, PIN_MAX_DIGITS);
	reload_hash(a);
	arm_delay(a);
}

static void pin_leave(struct app *a)
{
	if (!me)
		return;
	edit_free(&me->pin);
	free(me->hash);
	free(me);
	me = NULL;
}

static void draw_no_pin(const struct app *a)
{
	char *exe = exe_path();  /* this very program: the command can be typed as shown */
	const char *words[] = { exe, "set-trainer-pin", "--db", a->db_path };
	char **how;
	/* Whole words on each line, never a path cut in two: the lines can be copied as shown. */
	size_t lines = text_command_lines(words, UI_COUNT(words), (size_t)(ui_cols() - 10), &how);
	int row = 8;

	ui_text(3, 4, ui_cols() - 8, 3, _("No trainer PIN has been set on this kiosk yet."),
	        A_BOLD);
	ui_text(5, 4, ui_cols() - 8, 3,
	        _("To set one, open a terminal on this computer and run this command:"), A_NORMAL);
	for (size_t i = 0; i < lines && row < ui_rows() - 5; i++)  /* a word wider than the
		                                                          * screen still wraps */
		row += ui_text(row, 6, ui_cols() - 8, 3, how[i], ui_attr(UI_HINT));
	ui_text(row + 1, 4, ui_cols() - 8, 3,
	        _("Until a PIN is set, anyone can leave the kiosk from here."), A_NORMAL);
	pin_footer();
	text_free_lines(how, lines);
	free(exe);
}

static void pin_draw(struct app *a)
{
	long wait = (long)(me->wait_until - ui_now() + 0.999);  /* seconds left, rounded up */
	char stars[PIN_MAX_DIGITS + 1];
	size_t n = strlen(me->pin.buf);

	ui_header(_("Trainer menu"), NULL);
	if (!me->hash) {
		draw_no_pin(a);
		return;
	}
	ui_text(3, 4, ui_cols() - 8, 2, _("Enter the trainer PIN and press Enter."), A_BOLD);
	memset(stars, '*', n);
	stars[n] = '\0';
	mvaddstr(5, 4, "[");
	attron(A_BOLD | A_UNDERLINE);
	mvhline(5, 6, ' ', PIN_MAX_DIGITS);
	mvaddstr(5, 6, stars);
	attroff(A_BOLD | A_UNDERLINE);
	mvaddstr(5, 7 + PIN_MAX_DIGITS, "]");
	ui_cursor(5, 6 + (int)n);
	if (me->wrong)
		ui_text(7, 4, ui_cols() - 8, 2, _("Wrong PIN."), ui_attr(UI_WRONG));
	if (wait > 0) {
		char *msg = xasprintf(ngettext("Please wait %ld second before the next try.",
		                               "Please wait %ld seconds before the next try.", wait),
		                      wait);

		ui_text(8, 4, ui_cols() - 8, 2, msg, ui_attr(UI_HINT));
		ui_text(9, 4, ui_cols() - 8, 2, _("Digits typed during the wait are not taken."),
		        me->dropped ? ui_attr(UI_WRONG) : (int)A_NORMAL);
		free(msg);
	} else if (me->dropped && !n) {
		ui_text(8, 4, ui_cols() - 8, 2,
		        _("The wait is over: the digits typed during it were not taken. "
		          "Type the PIN now."), ui_attr(UI_HINT));
	}
	pin_footer();
}

static void attempt(struct app *a)
{
	struct kerr err;
	bool match = false;

	if (ui_now() < me->wait_until || !*me->pin.buf || reload_hash(a) < 0)
		return;
	if (pin_verify(me->pin.buf, me->hash, &match, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	edit_clear(&me->pin);
	if (store_log_pin_attempt(a->store, match, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;  /* an attempt that cannot be logged is not taken */
	}
	me->wrong = !match;
	me->dropped = false;
	if (match)
		ui_go(a, SCREEN_TRAINER);
	else
		arm_delay(a);
}

static enum ui_result back(struct app *a, const struct ui_key *k)
{
	ui_go(a, a->trainer_return);
	return UI_LEAVE;
}

/* A kiosk nobody has set a PIN for yet (a first run, `make run`) must not trap whoever
 * started it: the way out is open, and audited, until a PIN closes it. */
static enum ui_result leave(struct app *a, const struct ui_key *k)
{
	ui_leave_kiosk(a);
	return ui_result_of(a);
}

static enum ui_result try_pin(struct app *a, const struct ui_key *k)
{
	attempt(a);
	return ui_result_of(a);
}

static enum ui_result type_digit(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_BACKSPACE)
		edit_backspace(&me->pin);
	else if (k->ch >= '0' && k->ch <= '9')
		edit_insert(&me->pin, k->ch);
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

/* During the wait: the key is dropped, and the screen says so (a PIN half taken would be
 * a wrong PIN and a longer wait). */
static enum ui_result drop_digit(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_CHAR && (k->ch < '0' || k->ch > '9'))
		return UI_IGNORED;
	me->dropped = true;
	return UI_HANDLED;
}

static const struct ui_binding no_pin_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("leave the kiosk"), leave },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), back },
};
static const struct ui_binding pin_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("open the menu"), try_pin },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), back },
	{ UI_KEY_TEXT | UI_KEY(UK_BACKSPACE), NULL, NULL, type_digit },
};
/* During the wait after a wrong PIN: typing is dropped, not saved up for later. */
static const struct ui_binding wait_keys[] = {
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), back },
	{ UI_KEY_TEXT | UI_KEY(UK_ENTER) | UI_KEY(UK_BACKSPACE), NULL, NULL, drop_digit },
};

static const struct ui_binding *pin_screen_keys(size_t *n)
{
	if (!me->hash) {
		*n = UI_COUNT(no_pin_keys);
		return no_pin_keys;
	}
	if (ui_now() < me->wait_until) {
		*n = UI_COUNT(wait_keys);
		return wait_keys;
	}
	*n = UI_COUNT(pin_keys);
	return pin_keys;
}

static void pin_footer(void)
{
	size_t n;
	const struct ui_binding *keys = pin_screen_keys(&n);

	ui_footer_bindings(keys, n);
}

static enum ui_result pin_key(struct app *a, const struct ui_key *k)
{
	const struct ui_binding *keys;
	size_t n;

	if (!me->hash)
		reload_hash(a);  /* a PIN set meanwhile closes the open way out */
	keys = pin_screen_keys(&n);
	return ui_dispatch(a, k, keys, n);
}

/* During the wait the seconds count down: wake when the shown number changes. */
static int pin_tick(struct app *a)
{
	double left = me ? me->wait_until - ui_now() : 0;

	if (left <= 0)
		return -1;
	return (int)((left - (long)left) * 1000) + 1;
}

const struct screen ui_pin_screen = {
	.enter = pin_enter, .leave = pin_leave, .draw = pin_draw, .key = pin_key,
	.tick = pin_tick,
	.purpose = N_("The way in for trainers: a trainer types the PIN here."),
};
