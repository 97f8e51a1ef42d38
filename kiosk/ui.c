/* ui: see ui.h.  The only module that sets up curses and reads keys. */
#include "ui.h"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "address.h"
#include "curses_dl.h"
#include "i18n.h"
#include "layout.h"
#include "text.h"
#include "utf8dec.h"
#include "util.h"

/* How long the loop waits for a key before it looks at signals and the clock again. */
#define KEY_WAIT_MS 500

static bool started;
static volatile sig_atomic_t stop_requested;

static const struct screen *const screens[SCREEN_COUNT] = {
	[SCREEN_WELCOME] = &ui_welcome_screen,
	[SCREEN_LEARNER] = &ui_learner_screen,
	[SCREEN_LESSONS] = &ui_lessons_screen,
	[SCREEN_LESSON] = &ui_lesson_screen,
	[SCREEN_FINISH] = &ui_finish_screen,
	[SCREEN_GOODBYE] = &ui_goodbye_screen,
	[SCREEN_PIN] = &ui_pin_screen,
	[SCREEN_TRAINER] = &ui_trainer_screen,
	[SCREEN_TRAINER_LEARNERS] = &ui_trainer_learners_screen,
	[SCREEN_TRAINER_LEARNER] = &ui_trainer_learner_screen,
	[SCREEN_TRAINER_REPORT] = &ui_report_screen,
};

enum { PAIR_TITLE = 1, PAIR_WRONG, PAIR_RIGHT, PAIR_HINT, PAIR_SELECTED, PAIR_NORMAL };

static enum ui_theme theme = UI_THEME_NORMAL;

static const char *const theme_names[UI_THEME_COUNT] = {
	[UI_THEME_NORMAL] = "normal",
	[UI_THEME_CONTRAST] = "contrast",
	[UI_THEME_MONO] = "mono",
};

const struct screen *ui_screen_of(enum screen_id s)
{
	return s < SCREEN_COUNT ? screens[s] : NULL;
}

/* Handlers only set a flag; the loop notices it within one key timeout. */
static volatile sig_atomic_t continued;

static void on_terminate(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void on_continue(int sig)
{
	(void)sig;
	continued = 1;
}

/* Every signal the kiosk may meet, in one place.  Those that would kill the process by
 * default (TERM, HUP, USR1, USR2, ALRM) end it cleanly instead: the session is closed and
 * the terminal restored.  PIPE is ignored: a write error is handled where it happens.  CONT
 * (after a SIGSTOP) repaints the whole screen, at the size the window has now. */
static void install_signals(bool kiosk_mode)
{
	static const int terminating[] = { SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_terminate;
	for (size_t i = 0; i < sizeof terminating / sizeof *terminating; i++)
		sigaction(terminating[i], &sa, NULL);
	if (!kiosk_mode)
		sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_continue;
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (!kiosk_mode)
		return;
	/* raw() already turns Ctrl-C, Ctrl-Z and Ctrl-\ into plain keys; ignoring the signals
	 * as well covers the same keys reaching us some other way. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
}

/* After SIGSTOP and SIGCONT the terminal may have been used by others and resized: take it
 * back in the kiosk's modes, at its present size, and repaint everything. */
static void resume_screen(void)
{
	struct winsize ws;

	continued = 0;
	endwin();
	refresh();
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

/* Colours in use: the terminal has them and the theme is not monochrome. */
static bool colours(void)
{
	return theme != UI_THEME_MONO && has_colors();
}

/* The high-contrast theme: bright white on black everywhere (no grey), yellow for what
 * needs the eye; every signal also has words, a mark or reverse video (ui_attr). */
static void init_colours(void)
{
	static bool started_colour;

	if (!has_colors())
		return;
	if (!started_colour) {
		start_color();
		use_default_colors();
		started_colour = true;
	}
	if (theme == UI_THEME_CONTRAST) {
		init_pair(PAIR_NORMAL, COLOR_WHITE, COLOR_BLACK);
		init_pair(PAIR_TITLE, COLOR_BLACK, COLOR_WHITE);
		init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_YELLOW);
		init_pair(PAIR_WRONG, COLOR_YELLOW, COLOR_BLACK);
		init_pair(PAIR_RIGHT, COLOR_WHITE, COLOR_BLACK);
		init_pair(PAIR_HINT, COLOR_YELLOW, COLOR_BLACK);
		return;
	}
	init_pair(PAIR_NORMAL, -1, -1);
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_WRONG, COLOR_RED, -1);
	init_pair(PAIR_RIGHT, COLOR_GREEN, -1);
	init_pair(PAIR_HINT, COLOR_CYAN, -1);
}

/* The background of every cell: the theme's plain text. */
static void apply_theme(void)
{
	init_colours();
	if (theme == UI_THEME_CONTRAST && colours())
		bkgdset(' ' | A_BOLD | COLOR_PAIR(PAIR_NORMAL));
	else
		bkgdset(' ' | A_NORMAL);
}

void ui_set_theme(enum ui_theme t)
{
	theme = t < UI_THEME_COUNT ? t : UI_THEME_NORMAL;
	if (started)
		apply_theme();
}

enum ui_theme ui_theme(void)
{
	return theme;
}

const char *ui_theme_name(enum ui_theme t)
{
	return t < UI_THEME_COUNT ? theme_names[t] : theme_names[UI_THEME_NORMAL];
}

int ui_theme_parse(const char *name)
{
	for (int i = 0; name && i < UI_THEME_COUNT; i++)
		if (strcmp(name, theme_names[i]) == 0)
			return i;
	return -1;
}

void ui_init(bool kiosk_mode)
{
	/* Esc must feel immediate; curses waits a whole second by default. */
	setenv("ESCDELAY", "25", 0);
	if (!initscr())
		die("%s", _("cannot start the terminal screen (is TERM set?)"));
	started = true;
	util_set_die_hook(ui_end);
	if (kiosk_mode)
		raw();     /* Ctrl-C, Ctrl-Z, Ctrl-\ arrive as keys and are ignored */
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);  /* all 8 bits of each byte: UTF-8 is decoded in read_key */
	set_escdelay(25);
	curs_set(0);
	timeout(KEY_WAIT_MS);
	apply_theme();
	install_signals(kiosk_mode);
}

void ui_end(void)
{
	if (!started)
		return;
	started = false;
	curs_set(1);
	endwin();
}

int ui_attr(enum ui_style s)
{
	bool c = colours();

	if (theme == UI_THEME_CONTRAST && c) {
		switch (s) {  /* reverse video as well as the colour: the focus shows without it */
		case UI_TITLE: return A_BOLD | A_REVERSE;
		case UI_SELECTED: return A_BOLD | A_REVERSE;
		case UI_WRONG: return A_BOLD | COLOR_PAIR(PAIR_WRONG);
		case UI_RIGHT: return A_BOLD | COLOR_PAIR(PAIR_RIGHT);
		case UI_HINT: return A_BOLD | A_UNDERLINE | COLOR_PAIR(PAIR_HINT);
		case UI_DIM:  /* never grey on black */
		case UI_NORMAL: break;
		}
		return A_BOLD;
	}
	switch (s) {
	case UI_TITLE:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_TITLE) : A_REVERSE);
	case UI_SELECTED:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_SELECTED) : A_REVERSE);
	case UI_WRONG:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_WRONG) : 0);
	case UI_RIGHT:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_RIGHT) : 0);
	case UI_HINT:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_HINT) : A_UNDERLINE);
	case UI_DIM:
		return A_DIM;
	case UI_NORMAL:
		break;
	}
	return A_NORMAL;
}

int ui_rows(void)
{
	return LINES;
}

int ui_cols(void)
{
	return COLS;
}

/* Draws s at (row, col) cut to cols columns, never splitting a character. */
static void put_clipped(int row, int col, int cols, const char *s)
{
	if (cols <= 0)
		return;
	mvaddnstr(row, col, s, (int)text_fit(s, (size_t)cols));
}

static void fill_row(int row, int attr)
{
	attron(attr);
	mvhline(row, 0, ' ', COLS);
	attroff(attr);
}

/* Columns the right side of the header (the learner's name) may always take, even next to a
 * long title. */
#define HEADER_RIGHT_MIN 24

char *ui_ellipsize(const char *s, int cols)
{
	size_t cut, space;

	if (cols < 1)
		return xstrdup("");
	if ((int)text_width(s) <= cols)
		return xstrdup(s);
	cut = text_fit(s, (size_t)cols - 1);  /* room for the ellipsis */
	/* End at a word when one ends in the last third, not in the middle of a name. */
	for (space = cut; space > 0 && s[space - 1] != ' '; space--)
		;
	if (space > 0 && (int)text_width_n(s, space) >= cols * 2 / 3)
		cut = space - 1;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	return xasprintf("%.*s\u2026", (int)cut, s);
}

/* Reading aloud as the current frame began (draw): the header says so. */
static enum ui_speech_sign header_sign;

enum ui_speech_sign ui_speech_sign(void)
{
	return header_sign;
}

void ui_header(const char *title, const char *right)
{
	char *g = ui_global_keys_text(header_sign);

	ui_header_keys(title, right, g);
	free(g);
}

void ui_header_keys(const char *title, const char *right, const char *keys)
{
	int gw = (int)text_width(keys);
	int attr = ui_attr(UI_TITLE), room = COLS - 6 - gw - 3;
	int tw = (int)text_width(title), rw = right ? (int)text_width(right) : 0;
	char *t, *r;

	/* Both fit, or the longer one gives way, never below HEADER_RIGHT_MIN for the name. */
	if (tw + rw > room) {
		int rmax = room - tw > HEADER_RIGHT_MIN ? room - tw : HEADER_RIGHT_MIN;

		rw = rw < rmax ? rw : rmax;
	}
	r = right ? ui_ellipsize(right, rw) : NULL;
	rw = r ? (int)text_width(r) : 0;
	t = ui_ellipsize(title, room - rw);
	fill_row(0, attr);
	attron(attr);
	put_clipped(0, 2, room - rw, t);
	if (r)
		put_clipped(0, COLS - gw - 3 - rw - 2, rw, r);
	/* F1 and F3 work on every screen: named once, at the top right, so that no screen's
	 * footer has to make room for them at 80 columns. */
	put_clipped(0, COLS - gw - 2, gw, keys);
	attroff(attr);
	free(t);
	free(r);
}

static bool footer_flash;

void ui_footer(const char *keys)
{
	ui_footer_row(LINES - 1, keys);
}

void ui_footer_row(int row, const char *keys)
{
	int attr = ui_attr(footer_flash ? UI_SELECTED : UI_TITLE);

	fill_row(row, attr);
	attron(attr);
	put_clipped(row, 2, COLS - 4, keys);
	attroff(attr);
}

int ui_text(int row, int col, int width, int max_rows, const char *text, int attr)
{
	struct layout l;
	int used = 0;

	if (width < 1)
		return 0;
	layout_wrap(text, (size_t)width, &l);
	attron(attr);
	for (size_t i = 0; i < l.count && used < max_rows; i++, used++)
		put_clipped(row + used, col, width, l.line[i]);
	attroff(attr);
	layout_free(&l);
	return used;
}

void ui_text_center(int row, const char *text, int attr)
{
	int w = (int)text_width(text);
	int col = w < COLS ? (COLS - w) / 2 : 0;

	attron(attr);
	put_clipped(row, col, COLS - col, text);
	attroff(attr);
}

/* The first item shown so that selected is on screen. */
static size_t menu_top(size_t selected, size_t count, size_t rows)
{
	/* No selection ((size_t)-1, a list shown under a field): the top.  selected + rows / 2
	 * below would wrap around and scroll every item off the screen. */
	if (count <= rows || selected >= count || selected < rows / 2)
		return 0;
	if (selected + rows / 2 >= count)
		return count - rows;
	return selected - rows / 2;
}

int ui_menu(int row, int max_rows, const char *const *items, size_t count, size_t selected,
            bool numbered)
{
	return ui_menu_details(row, max_rows, items, NULL, count, selected, numbered);
}

int ui_menu_details(int row, int max_rows, const char *const *items,
                    const char *const *details, size_t count, size_t selected, bool numbered)
{
	size_t per_item = details ? 2 : 1;
	size_t shown = (size_t)(max_rows > 0 ? max_rows : 0) / per_item;
	size_t top = menu_top(selected, count, shown);
	int used = 0;
	/* Numbers right-aligned to the widest one, so that names past 9 line up with 1-9. */
	int digits = snprintf(NULL, 0, "%zu", count);

	for (size_t i = top; i < count && i < top + shown; i++) {
		int attr = i == selected ? ui_attr(UI_SELECTED) : (int)A_BOLD;
		char *line = numbered ? xasprintf(" %*zu. %s ", digits, i + 1, items[i])
		                      : xasprintf(" %s ", items[i]);

		mvaddstr(row + used, 2, i == selected ? ">" : " ");
		attron(attr);
		put_clipped(row + used, 4, COLS - 6, line);
		attroff(attr);
		free(line);
		used++;
		if (details) {  /* under the item, lined up with its text */
			int col = numbered ? 7 + digits : 5;

			put_clipped(row + used, col, COLS - col - 4, details[i]);  /* clear of "v" */
			used++;
		}
	}
	if (top > 0)
		mvaddstr(row, COLS - 3, "^");
	if (top + shown < count)
		mvaddstr(row + used - 1, COLS - 3, "v");
	return used;
}

void ui_menu_hidden(int max_rows, bool details, size_t count, size_t selected, bool *above,
                    bool *below)
{
	size_t shown = (size_t)(max_rows > 0 ? max_rows : 0) / (details ? 2 : 1);
	size_t top = menu_top(selected, count, shown);

	*above = top > 0;
	*below = top + shown < count;
}

void ui_field(int row, int col, int cols, const struct edit *e)
{
	ui_field_focus(row, col, cols, e, true);
}

void ui_field_focus(int row, int col, int cols, const struct edit *e, bool focus)
{
	int attr = A_UNDERLINE | A_BOLD;
	size_t cur = edit_cursor_col(e);
	/* Scroll long text so that the cursor stays inside the box. */
	size_t skip_cols = cur >= (size_t)cols ? cur - (size_t)cols + 1 : 0;
	const char *s = e->buf + text_fit(e->buf, skip_cols);
	int x = col + (int)(cur - skip_cols);

	/* Brackets as well as the underline: some consoles show no underline at all. */
	mvaddch(row, col - 2, '[');
	mvaddch(row, col + cols + 1, ']');
	attron(attr);
	mvhline(row, col, ' ', cols);
	put_clipped(row, col, cols, s);
	attroff(attr);
	if (!focus)
		return;
	/* The cell under the cursor in reverse video as well as the terminal's own cursor:
	 * some terminals cannot show a cursor, and a blinking one is easy to miss. */
	mvchgat(row, x, 1, A_REVERSE | A_BOLD, 0, NULL);
	ui_cursor(row, x);
}

void ui_progress_bar(int row, int col, int width, size_t done, size_t total)
{
	int inner = width - 2, filled;

	if (inner < 1 || total == 0)
		return;
	filled = (int)((size_t)inner * done / total);
	mvaddch(row, col, '[');
	attron(ui_attr(UI_RIGHT) | A_REVERSE);
	mvhline(row, col + 1, ' ', filled);
	attroff(ui_attr(UI_RIGHT) | A_REVERSE);
	mvhline(row, col + 1 + filled, ACS_BULLET, inner - filled);
	mvaddch(row, col + width - 1, ']');
}

static int cursor_row = -1, cursor_col;

void ui_cursor(int row, int col)
{
	cursor_row = row;
	cursor_col = col;
}

bool ui_menu_key(const struct ui_key *k, size_t *selected, size_t count)
{
	if (count == 0)
		return false;
	/* Nothing highlighted yet (a question's options): Up as well as Down goes to the first
	 * one.  Up wrapping to the last made a learner answer with an option she never read
	 * (novice test). */
	if (*selected >= count && (k->code == UK_UP || k->code == UK_DOWN)) {
		*selected = 0;
		return true;
	}
	switch (k->code) {
	case UK_UP:
		*selected = *selected > 0 ? *selected - 1 : count - 1;
		return true;
	case UK_DOWN:
		*selected = *selected + 1 < count ? *selected + 1 : 0;
		return true;
	case UK_HOME:
	case UK_PGUP:
		*selected = 0;
		return true;
	case UK_END:
	case UK_PGDN:
		*selected = count - 1;
		return true;
	default:
		return false;
	}
}

/* Lists of ten or more: digits typed within NUMBER_SECONDS of each other make one number, so
 * "1" then "2" picks item 12 as the footer's "digit, then Enter" promises.  A digit that
 * would make a number past the end starts a new one. */
#define NUMBER_SECONDS 1.5

int ui_digit(const struct ui_key *k, size_t count)
{
	static size_t number, number_count;
	static double number_at = -1e9;
	double now = ui_now();
	size_t d, joined;

	if (k->code != UK_CHAR || k->ch < '0' || k->ch > '9')
		return -1;
	d = k->ch - '0';
	joined = number * 10 + d;
	if (count >= 10 && number_count == count && now - number_at <= NUMBER_SECONDS &&
	    number > 0 && joined >= 1 && joined <= count)
		d = joined;
	number = d;
	number_count = count;
	number_at = now;
	return d >= 1 && d <= count ? (int)(d - 1) : -1;
}

bool ui_edit_key(struct edit *e, const struct ui_key *k)
{
	switch (k->code) {
	case UK_CHAR:
		edit_insert(e, k->ch);
		return true;
	case UK_BACKSPACE:
		edit_backspace(e);
		return true;
	case UK_DELETE:
		edit_delete(e);
		return true;
	case UK_LEFT:
		edit_left(e);
		return true;
	case UK_RIGHT:
		edit_right(e);
		return true;
	case UK_HOME:
		edit_home(e);
		return true;
	case UK_END:
		edit_end(e);
		return true;
	default:
		return false;
	}
}

static enum ui_keycode decode_function_key(wint_t c)
{
	if (c >= (wint_t)KEY_F(1) && c <= (wint_t)KEY_F(12))
		return (enum ui_keycode)(UK_F1 + (int)(c - KEY_F(1)));
	switch (c) {
	case KEY_ENTER: return UK_ENTER;
	case KEY_UP: return UK_UP;
	case KEY_DOWN: return UK_DOWN;
	case KEY_LEFT: return UK_LEFT;
	case KEY_RIGHT: return UK_RIGHT;
	case KEY_HOME: return UK_HOME;
	case KEY_END: return UK_END;
	case KEY_PPAGE: return UK_PGUP;
	case KEY_NPAGE: return UK_PGDN;
	case KEY_BACKSPACE: return UK_BACKSPACE;
	case KEY_DC: return UK_DELETE;
	case KEY_BTAB: return UK_BACKTAB;
	case KEY_RESIZE: return UK_RESIZE;
	default: return UK_OTHER;
	}
}

static enum ui_keycode decode_char(wint_t c)
{
	switch (c) {
	case '\r':
	case '\n':
		return UK_ENTER;
	case 27:
		return UK_ESC;
	case '\t':
		return UK_TAB;
	case 8:
	case 127:
		return UK_BACKSPACE;
	default:
		return c < 0x20 ? UK_OTHER : UK_CHAR;
	}
}

/* Keys are read a byte at a time and decoded by utf8dec, not by get_wch: one invalid byte
 * from the terminal (0xff, or "c3 28") left ncurses' own decoder stuck, ignoring every
 * letter and Enter until an arrow key came. */
static struct ui_key read_key(void)
{
	static struct utf8dec dec;
	struct ui_key k = { UK_NONE, 0 };
	enum utf8dec_result r = UTF8DEC_MORE;
	uint32_t cp = 0;

	while (r == UTF8DEC_MORE) {
		int c = getch();

		if (c == ERR)
			return k;  /* a timeout tick; a half-read character waits for its rest */
		if (c >= KEY_MIN) {
			utf8dec_reset(&dec);
			k.code = decode_function_key((wint_t)c);
			return k;
		}
		r = utf8dec_feed(&dec, (unsigned char)c, &cp);
	}
	if (r == UTF8DEC_CHAR) {
		k.code = decode_char((wint_t)cp);
		k.ch = cp;
	}
	return k;
}

void ui_go(struct app *a, enum screen_id next)
{
	a->next = next;
}

enum ui_result ui_result_of(const struct app *a)
{
	return a->next != a->screen ? UI_LEAVE : UI_HANDLED;
}

static bool binding_takes(const struct ui_binding *b, const struct ui_key *k)
{
	if (b->keys & UI_KEY(k->code))
		return true;
	if (k->code != UK_CHAR)
		return false;
	if ((b->keys & UI_KEY_DIGIT) && k->ch >= '0' && k->ch <= '9')
		return true;
	return (b->keys & UI_KEY_TEXT) != 0;
}

enum ui_result ui_dispatch(struct app *a, const struct ui_key *k, const struct ui_binding *b,
                           size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (binding_takes(&b[i], k))
			return b[i].fn(a, k);
	return UI_IGNORED;
}

static char *footer_joined(const struct ui_binding *b, size_t n, const char *gap)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *prev = s;

		if (!b[i].name)
			continue;
		s = xasprintf("%s%s%s: %s", prev, *prev ? gap : "", gettext(b[i].name),
		              gettext(b[i].does));
		free(prev);
	}
	return s;
}

char *ui_footer_text(const struct ui_binding *b, size_t n)
{
	char *s = footer_joined(b, n, "   ");

	/* Closer together rather than cut: every key named must show at 80 columns. */
	if ((int)text_width(s) > UI_MIN_COLS - 4) {
		free(s);
		s = footer_joined(b, n, "  ");
	}
	return s;
}

/* Does the footer of b[0..n) fit in cols columns? */
static bool footer_fits(const struct ui_binding *b, size_t n, int cols)
{
	char *s = ui_footer_text(b, n);
	bool fits = (int)text_width(s) <= cols;

	free(s);
	return fits;
}

size_t ui_footer_first_fit(const struct ui_binding *b, size_t n, size_t i,
                           const char *const *texts, size_t count, int cols,
                           struct ui_binding *out)
{
	memcpy(out, b, n * sizeof *b);
	for (size_t t = 0; t < count; t++) {
		out[i].does = texts[t];
		if (footer_fits(out, n, cols))
			return t;
	}
	out[i].does = b[i].does;
	return count;
}

static const struct ui_binding *shown_keys;
static size_t shown_count;

void ui_keys_shown(const struct ui_binding *b, size_t n)
{
	shown_keys = b;
	shown_count = n;
}

const struct ui_binding *ui_keys_current(size_t *n)
{
	*n = shown_count;
	return shown_keys;
}

void ui_footer_bindings(const struct ui_binding *b, size_t n)
{
	char *s = ui_footer_text(b, n);

	ui_keys_shown(b, n);
	ui_footer(s);
	free(s);
}

void ui_set_error(struct app *a, const char *msg)
{
	free(a->error);
	a->error = msg ? xstrdup(msg) : NULL;
}

void ui_set_error_in_each(struct app *a, const char *msgid, ...)
{
	const struct screen *s = screens[a->screen];
	struct i18n_saved was = i18n_save();
	char *text = xstrdup(""), *line;
	const char *lang;
	va_list ap;

	for (size_t i = 0; s->language_at && (lang = s->language_at(a, i)); i++) {
		char *prev = text;

		i18n_set_language(lang);
		va_start(ap, msgid);
		line = xvasprintf(gettext(msgid), ap);
		va_end(ap);
		text = xasprintf("%s%s%s", prev, i ? "\n" : "", line);
		free(line);
		free(prev);
	}
	i18n_restore(&was);
	if (!*text) {  /* a screen in the learner's language alone */
		free(text);
		va_start(ap, msgid);
		text = xvasprintf(gettext(msgid), ap);
		va_end(ap);
	}
	ui_set_error(a, text);
	free(text);
}

bool ui_is_trainer_screen(enum screen_id s)
{
	return s == SCREEN_PIN || s == SCREEN_TRAINER || s == SCREEN_TRAINER_LEARNERS ||
	       s == SCREEN_TRAINER_LEARNER || s == SCREEN_TRAINER_REPORT;
}

void ui_close_session(struct app *a)
{
	struct kerr err;

	if (session_end(&a->sitting, a->store, &err) < 0)
		ui_set_error(a, err.msg);
	a->lesson = NULL;
	a->lesson_finished = false;
	a->step = 0;
	ui_access_note_clear(a);  /* about the last person's choice, or with their name */
	ui_access_load(a);  /* the next person starts with the kiosk's own look */
}

void ui_leave_kiosk(struct app *a)
{
	struct kerr err;

	if (store_audit(a->store, "leave", a->sitting.learner, NULL, STORE_SOURCE_MENU,
	                &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	ui_close_session(a);
	ui_go(a, SCREEN_QUIT);
}

void ui_end_session(struct app *a)
{
	ui_close_session(a);
	ui_go(a, a->fixed_set ? SCREEN_LEARNER : SCREEN_WELCOME);
}

void ui_say_goodbye(struct app *a)
{
	free(a->goodbye_name);
	a->goodbye_name = a->sitting.name
	                  ? address_vocative(a->sitting.name, a->set ? a->set->language : NULL)
	                  : NULL;
	ui_close_session(a);
	ui_go(a, SCREEN_GOODBYE);
}

static bool too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

/* The message for a small terminal, in the current language, from row on; returns the row
 * after it. */
static int draw_too_small_at(int row)
{
	row += ui_text(row, 1, COLS - 2, LINES - row, _("Please make this window larger."),
	               A_BOLD) + 1;
	if (row < LINES)
		row += ui_text(row, 1, COLS - 2, LINES - row,
		               _("The kiosk needs at least 80 columns and 24 rows."), A_NORMAL);
	return row;
}

/* The one place that handles a small terminal: a clear message in the learner's language, or,
 * on a screen shown in several languages (the welcome screen, before anyone chose one), in
 * each of them, one under the other. */
static void draw_too_small(const struct app *a)
{
	const struct screen *s = screens[a->screen];
	struct i18n_saved was;
	size_t n = 0;
	int row;

	while (s->language_at && s->language_at(a, n))
		n++;
	if (n < 2) {
		row = LINES / 2 - 1;
		draw_too_small_at(row > 0 ? row : 0);
		return;
	}
	/* Three rows each (message, blank, size) and a blank row between languages. */
	row = (LINES - 4 * (int)n + 1) / 2;
	row = row > 0 ? row : 0;
	was = i18n_save();
	for (size_t i = 0; i < n && row < LINES; i++) {
		i18n_set_language(s->language_at(a, i));
		row = draw_too_small_at(row) + 1;
	}
	i18n_restore(&was);
}

/* Seconds before the end when "Are you still there?" appears. */
static int warn_seconds(int timeout)
{
	return timeout >= 180 ? 60 : timeout / 3;
}

double ui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double last_key;

/* Someone is (or was) using the kiosk: a session, or a name half typed. */
static bool in_use(const struct app *a)
{
	return a->idle_timeout > 0 && a->screen != SCREEN_WELCOME;
}

static int seconds_left(const struct app *a)
{
	return a->idle_timeout - (int)(ui_now() - last_key);
}

static bool idle_warning(const struct app *a)
{
	return in_use(a) && seconds_left(a) <= warn_seconds(a->idle_timeout);
}

static void draw_idle_warning(const struct app *a)
{
	int left = seconds_left(a), top = LINES / 2 - 4, width = 60, col = (COLS - width) / 2;
	char *count = xasprintf(ngettext("The session will end in %d second.",
	                                 "The session will end in %d seconds.", left), left);

	attron(ui_attr(UI_SELECTED));
	for (int r = 0; r < 8; r++)
		mvhline(top + r, col, ' ', width);
	attroff(ui_attr(UI_SELECTED));
	ui_text(top + 1, col + 3, width - 6, 2, _("Are you still there?"), ui_attr(UI_SELECTED));
	ui_text(top + 3, col + 3, width - 6, 2, _("Press any key to go on."),
	        ui_attr(UI_SELECTED));
	ui_text(top + 5, col + 3, width - 6, 2, count, ui_attr(UI_SELECTED));
	cursor_row = -1;
	free(count);
}

/* Frees the current screen's state. */
static void leave_screen(struct app *a)
{
	if (a->screen < SCREEN_COUNT && screens[a->screen]->leave)
		screens[a->screen]->leave(a);
}

/* The time is up: the next person must not see this person's name or answers. */
static void idle_timeout(struct app *a)
{
	ui_read_stop(a);
	a->help_open = false;
	ui_end_session(a);
	if (a->next == a->screen) {  /* already there (--lang): start it afresh */
		leave_screen(a);
		screens[a->screen]->enter(a);
	}
}

/* F11 then F12: the trainer's way in.  Returns true when k completed the combination. */
static bool trainer_keys(struct app *a, const struct ui_key *k)
{
	static double f11_at = -1e9;

	if (k->code == UK_F11) {
		f11_at = ui_now();
		return false;
	}
	if (k->code != UK_F12 || ui_now() - f11_at > TRAINER_KEYS_SECONDS)
		return false;
	f11_at = -1e9;
	if (!ui_is_trainer_screen(a->screen)) {
		a->trainer_return = a->screen;
		ui_go(a, SCREEN_PIN);
	}
	return true;
}

static void draw(struct app *a)
{
	erase();
	cursor_row = -1;
	/* Also notices speech that ended on its own: the loop draws at least every
	 * KEY_WAIT_MS, so the header's "reading aloud" goes within half a second of the end. */
	header_sign = a->speech_unheard ? UI_SPEECH_UNHEARD
	              : speech_active(&a->speech) || a->read_part ? UI_SPEECH_READING
	              : UI_SPEECH_IDLE;
	if (too_small()) {
		draw_too_small(a);
	} else {
		screens[a->screen]->draw(a);
		if (a->help_open)
			ui_help_draw(a);
		else if (a->error && !screens[a->screen]->draws_error)
			ui_text(LINES - 3, 2, COLS - 4, 2, a->error, ui_attr(UI_WRONG));
		if (idle_warning(a))
			draw_idle_warning(a);
	}
	if (cursor_row >= 0 && !too_small()) {
		move(cursor_row, cursor_col);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Follows ui_go() requests; an enter() may itself redirect (the welcome screen does with
 * --lang). */
static void switch_screens(struct app *a)
{
	if (a->next != a->screen) {  /* what was said belonged to the screen left */
		ui_read_stop(a);
		a->help_open = false;
	}
	while (a->next != a->screen && a->next != SCREEN_QUIT) {
		leave_screen(a);
		a->screen = a->next;
		screens[a->screen]->enter(a);
	}
	if (a->next == SCREEN_QUIT)
		leave_screen(a);
	a->screen = a->next;
}

/* Lets an animating screen move on; returns how long to wait for a key (ms). */
static int tick(struct app *a)
{
	int ms = a->screen < SCREEN_COUNT && screens[a->screen]->tick
	         ? screens[a->screen]->tick(a) : -1;

	return ms < 0 || ms > KEY_WAIT_MS ? KEY_WAIT_MS : ms;
}

/* `kiosk reset` or `kiosk remove-learner` run for the person at the screen: the session ends
 * with a word why, instead of going on under a removed name or with progress that is gone.
 * Checked at every key and tick; cheap (see store_outside_change). */
static void notice_command_line(struct app *a)
{
	enum store_change change;
	struct kerr err;

	if (a->sitting.learner != a->watched) {
		a->watched = a->sitting.learner;
		if (a->watched && store_watch_learner(a->store, &a->audit_mark, &err) < 0)
			ui_set_error(a, err.msg);
		return;
	}
	if (!a->watched || ui_is_trainer_screen(a->screen) || a->screen == SCREEN_GOODBYE)
		return;  /* the trainer at the screen sees it for themselves */
	if (store_outside_change(a->store, a->watched, &a->audit_mark, &change, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	if (change == STORE_CHANGE_NONE)
		return;
	ui_say_goodbye(a);
	a->goodbye_why = change;
	if (change == STORE_CHANGE_REMOVED) {  /* the name is erased: not even in the goodbye */
		free(a->goodbye_name);
		a->goodbye_name = NULL;
	}
}

/* F1 and F3 on every screen, F4-F6 on the learner's, and any key stopping the speech.  True
 * when k was used up. */
static bool global_key(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_F3) {
		ui_read_toggle(a);
		return true;
	}
	ui_read_stop(a);  /* any other key stops the reading at once */
	if (a->help_open) {
		/* The trainer keys still work under the help; nothing else reaches the screen, so
		 * closing it returns exactly where the learner was. */
		if (k->code == UK_F11 || k->code == UK_F12)
			return trainer_keys(a, k) ? (a->help_open = false, true) : true;
		if (!ui_help_key(a, k))
			footer_flash = true;
		return true;
	}
	if (k->code == UK_F1) {
		a->help_open = true;
		return true;
	}
	/* F4, F5, F6: the help names them, so they work on the screen too, which then says
	 * what the key did (ui_access.c).  The last key's message goes first, as for any key
	 * (F3's "no sound" sentence stayed and ran into the note); a failed save sets a new one. */
	ui_set_error(a, NULL);
	a->access_note = ui_access_key(a, k);
	return a->access_note != UI_NOTE_NONE;
}

void ui_redraw(struct app *a)
{
	draw(a);
}

void ui_run(struct app *a)
{
	bool sound_asked = false;

	a->next = a->screen;
	screens[a->screen]->enter(a);
	switch_screens(a);
	last_key = ui_now();
	while (!stop_requested && a->screen != SCREEN_QUIT) {
		struct ui_key k;
		bool warned;
		int wait;

		notice_command_line(a);
		wait = tick(a);
		if (continued)
			resume_screen();
		if (a->next != a->screen) {  /* a tick moved on (the goodbye screen's time is up) */
			switch_screens(a);
			continue;
		}
		timeout(wait);
		ui_read_next(a);
		draw(a);
		if (!sound_asked && !a->after_first_frame) {  /* after it: speech is set up then */
			/* Asked once the first frame is up (a look along PATH and for a sound device):
			 * the top row offered "F3: read aloud" until someone pressed F3 and learned
			 * that nothing can be heard here (novice tests r15, in both languages). */
			sound_asked = true;
			if (ui_read_unheard(a))
				continue;  /* drawn again, saying "F3: no sound" */
		}
		if (a->after_first_frame) {
			bool (*later)(struct app *) = a->after_first_frame;

			a->after_first_frame = NULL;
			if (!later(a))
				break;
			/* The screen starts again with what was loaded (the welcome screen's list of
			 * languages is now the sets that have a lesson that loads). */
			leave_screen(a);
			screens[a->screen]->enter(a);
			switch_screens(a);
			continue;
		}
		warned = idle_warning(a);
		k = read_key();
		if (in_use(a) && seconds_left(a) <= 0) {
			idle_timeout(a);
			switch_screens(a);
			last_key = ui_now();
			continue;
		}
		if (k.code == UK_NONE || k.code == UK_RESIZE)
			continue;
		last_key = ui_now();
		if (warned || too_small())
			continue;  /* the key only said "I am here" */
		footer_flash = false;
		if (k.code != UK_F3)  /* F3 may read the note; any other key takes it away */
			ui_access_note_clear(a);
		if (global_key(a, &k)) {
			switch_screens(a);
			continue;
		}
		ui_set_error(a, NULL);
		if (!trainer_keys(a, &k) &&
		    screens[a->screen]->key(a, &k) == UI_IGNORED && k.code != UK_F11)
			footer_flash = true;
		switch_screens(a);
	}
	ui_read_stop(a);
	if (a->screen != SCREEN_QUIT)
		leave_screen(a);
	if (a->sitting.id)
		ui_close_session(a);
}
