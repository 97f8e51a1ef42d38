/* curses_dl: see curses_dl.h. */
#include "curses_dl.h"

#include <stdbool.h>
#include <stdio.h>
#include <term.h>

#include "dl.h"
#include "i18n.h"

#ifndef CURSES_SONAME
#define CURSES_SONAME "libncursesw.so.6"  /* the Makefile names the one built against */
#endif

/* Every function defined below, as the library's own (tinfo's are found through ncursesw,
 * which depends on it). */
#define CURSES_DL_FUNCTIONS(X) \
	X(cbreak) X(clearok) X(curs_set) X(del_curterm) X(endwin) X(has_colors) X(init_pair) \
	X(initscr) X(keypad) X(meta) X(noecho) X(nonl) X(raw) X(resizeterm) X(set_curterm) \
	X(set_escdelay) X(setupterm) X(start_color) X(tigetflag) X(tigetnum) X(tigetstr) \
	X(use_default_colors) X(waddch) X(waddnstr) X(wattr_off) X(wattr_on) X(wbkgdset) \
	X(wchgat) X(wclrtoeol) X(werase) X(wgetch) X(whline) X(wmove) X(wrefresh) X(wtimeout)

/* Pointers typed from <curses.h>'s prototypes: a wrong call is a compile error. */
#define CURSES_DL_POINTER(f) __typeof__(f) *f;
static struct {
	CURSES_DL_FUNCTIONS(CURSES_DL_POINTER)
} real;

WINDOW **curses_dl_stdscr, **curses_dl_curscr;
int *curses_dl_lines, *curses_dl_cols;
chtype *curses_dl_acs_map;

static void *handle;
static char failure[256];  /* dlerror's text, or the missing symbol's name */

int curses_dl_load(void)
{
#define CURSES_DL_SYMBOL(f) { #f, (void **)&real.f },
	static const struct dl_symbol symbols[] = {
		CURSES_DL_FUNCTIONS(CURSES_DL_SYMBOL)
		{ "stdscr", (void **)&curses_dl_stdscr },
		{ "curscr", (void **)&curses_dl_curscr },
		{ "LINES", (void **)&curses_dl_lines },
		{ "COLS", (void **)&curses_dl_cols },
		{ "acs_map", (void **)&curses_dl_acs_map },
	};
#undef CURSES_DL_SYMBOL

	if (!handle)
		handle = dl_open(CURSES_SONAME, symbols, sizeof symbols / sizeof *symbols, failure,
		                 sizeof failure);
	return handle ? 0 : -1;
}

const char *curses_dl_error(void)
{
	static char msg[512];

	if (!failure[0])
		return "";
	/* TRANSLATORS: the library's file name, then why it cannot be loaded (from the system,
	 * in English). */
	snprintf(msg, sizeof msg, _("the screen library %s cannot be loaded (%s)"), CURSES_SONAME,
	         failure);
	return msg;
}

/* True when the library is there to call; loads it on the first call. */
static bool ready(void)
{
	return __builtin_expect(handle != NULL, 1) || curses_dl_load() == 0;
}

/* ---- the functions: the library's, or a failure when it cannot be loaded ----
 * The kiosk checks the terminal (termcheck.c, which loads the library first and says when it
 * cannot) before any other call: the fallbacks only keep a stray call safe. */

WINDOW *initscr(void)
{
	return ready() ? real.initscr() : NULL;
}

int endwin(void)
{
	return ready() ? real.endwin() : ERR;
}

int cbreak(void)
{
	return ready() ? real.cbreak() : ERR;
}

int raw(void)
{
	return ready() ? real.raw() : ERR;
}

int noecho(void)
{
	return ready() ? real.noecho() : ERR;
}

int nonl(void)
{
	return ready() ? real.nonl() : ERR;
}

int curs_set(int v)
{
	return ready() ? real.curs_set(v) : ERR;
}

int set_escdelay(int ms)
{
	return ready() ? real.set_escdelay(ms) : ERR;
}

int resizeterm(int rows, int cols)
{
	return ready() ? real.resizeterm(rows, cols) : ERR;
}

bool has_colors(void)
{
	return ready() && real.has_colors();
}

int start_color(void)
{
	return ready() ? real.start_color() : ERR;
}

int use_default_colors(void)
{
	return ready() ? real.use_default_colors() : ERR;
}

int init_pair(NCURSES_PAIRS_T pair, NCURSES_COLOR_T fg, NCURSES_COLOR_T bg)
{
	return ready() ? real.init_pair(pair, fg, bg) : ERR;
}

int clearok(WINDOW *w, bool on)
{
	return ready() ? real.clearok(w, on) : ERR;
}

int keypad(WINDOW *w, bool on)
{
	return ready() ? real.keypad(w, on) : ERR;
}

int meta(WINDOW *w, bool on)
{
	return ready() ? real.meta(w, on) : ERR;
}

void wtimeout(WINDOW *w, int ms)
{
	if (ready())
		real.wtimeout(w, ms);
}

void wbkgdset(WINDOW *w, chtype ch)
{
	if (ready())
		real.wbkgdset(w, ch);
}

int waddch(WINDOW *w, const chtype ch)
{
	return ready() ? real.waddch(w, ch) : ERR;
}

int waddnstr(WINDOW *w, const char *s, int n)
{
	return ready() ? real.waddnstr(w, s, n) : ERR;
}

int wattr_on(WINDOW *w, attr_t a, void *o)
{
	return ready() ? real.wattr_on(w, a, o) : ERR;
}

int wattr_off(WINDOW *w, attr_t a, void *o)
{
	return ready() ? real.wattr_off(w, a, o) : ERR;
}

int wchgat(WINDOW *w, int n, attr_t a, NCURSES_PAIRS_T pair, const void *o)
{
	return ready() ? real.wchgat(w, n, a, pair, o) : ERR;
}

int wclrtoeol(WINDOW *w)
{
	return ready() ? real.wclrtoeol(w) : ERR;
}

int werase(WINDOW *w)
{
	return ready() ? real.werase(w) : ERR;
}

int wgetch(WINDOW *w)
{
	return ready() ? real.wgetch(w) : ERR;
}

int whline(WINDOW *w, chtype ch, int n)
{
	return ready() ? real.whline(w, ch, n) : ERR;
}

int wmove(WINDOW *w, int y, int x)
{
	return ready() ? real.wmove(w, y, x) : ERR;
}

int wrefresh(WINDOW *w)
{
	return ready() ? real.wrefresh(w) : ERR;
}

/* ---- terminfo (tinfo), for the terminal check made before the screen starts ---- */

int setupterm(const char *term, int fd, int *err)
{
	if (ready())
		return real.setupterm(term, fd, err);
	if (err)
		*err = -1;
	return ERR;
}

int tigetflag(const char *cap)
{
	return ready() ? real.tigetflag(cap) : -1;
}

int tigetnum(const char *cap)
{
	return ready() ? real.tigetnum(cap) : -2;
}

char *tigetstr(const char *cap)
{
	return ready() ? real.tigetstr(cap) : (char *)-1;
}

TERMINAL *set_curterm(TERMINAL *t)
{
	return ready() ? real.set_curterm(t) : NULL;
}

int del_curterm(TERMINAL *t)
{
	return ready() ? real.del_curterm(t) : ERR;
}
