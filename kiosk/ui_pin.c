/* ui_pin: the trainer's PIN prompt.  Digits only, shown as stars; every attempt is logged and
 * a wrong PIN makes the next attempt wait longer (pin_delay_seconds), counted from the store
 * so that restarting the kiosk does not reset the delay. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <unistd.h>

#include "i18n.h"
#include "pin.h"
#include "ui.h"
#include "util.h"

static struct edit pin;
static bool pin_ready;
static char *hash;          /* NULL: no PIN has been set */
/* ui_now() seconds: no attempt is taken before this (whole-second time() would make a
 * "1 second" wait anything from 0 to 1 s). */
static double wait_until;
static bool wrong;          /* the last attempt was wrong */

static void arm_delay(struct app *a)
{
	unsigned failures = 0;
	struct kerr err;

	if (store_pin_failures(a->store, &failures, &err) < 0)
		ui_set_error(a, err.msg);
	wait_until = ui_now() + pin_delay_seconds(failures);
}

/* The hash is read from the database at every check, not kept from the start: a PIN changed
 * with `kiosk set-trainer-pin` while this kiosk runs must work at once, or nobody can leave. */
static int reload_hash(struct app *a)
{
	struct kerr err;

	free(hash);
	hash = NULL;
	if (store_trainer_pin(a->store, &hash, &err) < 0) {
		ui_set_error(a, err.msg);
		return -1;
	}
	return 0;
}

static void pin_enter(struct app *a)
{
	if (!pin_ready) {
		edit_init(&pin, PIN_MAX_DIGITS);
		pin_ready = true;
	}
	edit_clear(&pin);
	wrong = false;
	reload_hash(a);
	arm_delay(a);
}

/* This very program, so the command shown can be typed as it is. */
static char *exe_path(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return xstrdup("kiosk");
	exe[n] = '\0';
	return xstrdup(exe);
}

static void draw_no_pin(const struct app *a)
{
	char *exe = exe_path();
	char *how = xasprintf("%s set-trainer-pin --db %s", exe, a->db_path);

	ui_text(3, 4, ui_cols() - 8, 3, _("No trainer PIN has been set on this kiosk yet."),
	        A_BOLD);
	ui_text(5, 4, ui_cols() - 8, 3,
	        _("To set one, open a terminal on this computer and run this command:"), A_NORMAL);
	ui_text(8, 6, ui_cols() - 10, 3, how, ui_attr(UI_HINT));
	ui_text(11, 4, ui_cols() - 8, 3,
	        _("Until a PIN is set, anyone can leave the kiosk from here."), A_NORMAL);
	ui_footer(_("Enter: leave the kiosk   Esc: back"));
	free(how);
	free(exe);
}

static void pin_draw(struct app *a)
{
	long wait = (long)(wait_until - ui_now() + 0.999);  /* seconds left, rounded up */
	char stars[PIN_MAX_DIGITS + 1];
	size_t n = strlen(pin.buf);

	ui_header(_("Trainer menu"), NULL);
	if (!hash) {
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
	if (wrong)
		ui_text(7, 4, ui_cols() - 8, 2, _("Wrong PIN."), ui_attr(UI_WRONG));
	if (wait > 0) {
		char *msg = xasprintf(ngettext("Please wait %ld second before the next try.",
		                               "Please wait %ld seconds before the next try.", wait),
		                      wait);

		ui_text(8, 4, ui_cols() - 8, 2, msg, ui_attr(UI_HINT));
		free(msg);
	}
	ui_footer(_("Enter: open the menu   Esc: back"));
}

static void attempt(struct app *a)
{
	struct kerr err;
	bool match = false;

	if (ui_now() < wait_until || !*pin.buf || reload_hash(a) < 0)
		return;
	if (pin_verify(pin.buf, hash, &match, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	edit_clear(&pin);
	if (store_log_pin_attempt(a->store, match, STORE_SOURCE_MENU, &err) < 0) {
		ui_set_error(a, err.msg);
		return;  /* an attempt that cannot be logged is not taken */
	}
	wrong = !match;
	if (match)
		ui_go(a, SCREEN_TRAINER);
	else
		arm_delay(a);
}

static void pin_key_do(struct app *a, const struct ui_key *k)
{
	if (!hash)
		reload_hash(a);  /* a PIN set meanwhile closes the open way out */
	if (k->code == UK_ESC) {
		edit_clear(&pin);
		ui_go(a, a->trainer_return);
	} else if (!hash && k->code == UK_ENTER) {
		/* A kiosk nobody has set a PIN for yet (a first run, `make run`) must not trap
		 * whoever started it: the way out is open, and audited, until a PIN closes it. */
		ui_leave_kiosk(a);
	} else if (!hash || ui_now() < wait_until) {
		return;  /* typing during the wait is dropped, not saved up for later */
	} else if (k->code == UK_ENTER) {
		attempt(a);
	} else if (k->code == UK_BACKSPACE) {
		edit_backspace(&pin);
	} else if (k->code == UK_CHAR && k->ch >= '0' && k->ch <= '9') {
		edit_insert(&pin, k->ch);
	}
}

static enum ui_result pin_key(struct app *a, const struct ui_key *k)
{
	pin_key_do(a, k);
	return ui_result_of(a);
}

const struct screen ui_pin_screen = { .enter = pin_enter, .draw = pin_draw, .key = pin_key };
