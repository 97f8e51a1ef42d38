/* termcheck: see termcheck.h.  Uses terminfo (term.h) only: no curses screen is started, so
 * nothing is drawn and the terminal is left exactly as it was. */
#include "termcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include "curses_dl.h"  /* first: term.h needs its declarations */
#include <term.h>  /* defines macros such as "lines" and "columns": keep them out of headers */
#include <unistd.h>

#include "i18n.h"
#include "util.h"

/* The function keys the kiosk's screens use, with their terminfo capability names. */
static const struct {
	const char *cap;
	const char *label;
} needed_keys[] = {
	{ "kf2", "F2" },   /* "show me" in practice steps */
	{ "kf10", "F10" }, /* end the session */
	{ "kf11", "F11" }, /* first of the trainer keys */
	{ "kf12", "F12" }, /* second of the trainer keys */
};

static bool has_str(const char *cap)
{
	char *s = tigetstr(cap);

	return s && s != (char *)-1 && *s;
}

static void copy_name(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = (src[i] > 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

static void missing_keys(struct termcheck *t)
{
	size_t len = 0;

	t->missing_keys[0] = '\0';
	for (size_t i = 0; i < sizeof needed_keys / sizeof needed_keys[0]; i++) {
		if (has_str(needed_keys[i].cap))
			continue;
		len += (size_t)snprintf(t->missing_keys + len, sizeof t->missing_keys - len, "%s%s",
		                        len ? " " : "", needed_keys[i].label);
	}
}

void termcheck_run(int fd, struct termcheck *t)
{
	const char *term = getenv("TERM");
	struct winsize ws;
	int err = 0, n;

	memset(t, 0, sizeof *t);
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0) {
		t->rows = ws.ws_row;
		t->cols = ws.ws_col;
	}
	if (!term || !*term) {
		t->verdict = TERMCHECK_UNSET;
		return;
	}
	copy_name(t->name, sizeof t->name, term);
	if (curses_dl_load() < 0) {
		t->verdict = TERMCHECK_NO_LIBRARY;
		return;
	}
	/* fd only serves the size here; -1 would make ncurses print to stderr on failure. */
	if (setupterm(term, isatty(fd) ? fd : STDOUT_FILENO, &err) != 0 || err != 1) {
		t->verdict = TERMCHECK_UNKNOWN;
		return;
	}
	n = tigetnum("colors");
	t->colours = n > 0 ? n : 0;
	t->line_drawing = has_str("acsc");
	missing_keys(t);
	if (!has_str("cup") || !has_str("clear") || tigetflag("hc") > 0)
		t->verdict = TERMCHECK_NO_CURSOR;
	else if (t->missing_keys[0])
		t->verdict = TERMCHECK_NO_KEYS;
	/* initscr() sets up its own; this one has served its purpose. */
	del_curterm(set_curterm(NULL));
}

/* The sentence every message ends with: what to set instead. */
static const char *fix_hint(void)
{
	/* TRANSLATORS: keep the TERM=... values exactly as they are. */
	return _("On the computer's own screen (the Linux console) set TERM=linux; in a terminal "
	         "window set TERM=xterm-256color; over SSH, use a terminal program that sends F10, "
	         "F11 and F12.");
}

char *termcheck_explain(const struct termcheck *t)
{
	switch (t->verdict) {
	case TERMCHECK_OK:
		return NULL;
	case TERMCHECK_UNSET:
		return xasprintf("%s %s", _("The terminal type is not set (TERM is empty), so the "
		                            "kiosk cannot draw its screens."), fix_hint());
	case TERMCHECK_NO_LIBRARY:
		/* TRANSLATORS: what comes first says which library and why (already translated). */
		return xasprintf(_("The kiosk cannot draw its screens: %s. Install the package "
		                   "libncursesw6."), curses_dl_error());
	case TERMCHECK_UNKNOWN:
		return xasprintf(_("The terminal type '%s' is not known on this computer, so the kiosk "
		                   "cannot draw its screens (the package ncurses-term knows more "
		                   "types). %s"), t->name, fix_hint());
	case TERMCHECK_NO_CURSOR:
		return xasprintf(_("The terminal type '%s' cannot show full screens (it cannot move "
		                   "the cursor). %s"), t->name, fix_hint());
	case TERMCHECK_NO_KEYS:
		return xasprintf(_("The terminal type '%s' lacks the keys %s, which the kiosk needs: "
		                   "F10 ends a session, F11 then F12 open the trainer menu, F2 shows "
		                   "a practice step. %s"), t->name, t->missing_keys, fix_hint());
	}
	return NULL;
}
