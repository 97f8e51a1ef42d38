/* ui_welcome: the first screen, where a person chooses the language.  Nothing is known about
 * them yet, so every line is shown once in each set's own language, the footer too. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

/* The screen's lines in every set's language are translated once, when the screen opens:
 * it is redrawn every half second, and each switch of the process's language clears
 * gettext's cache. */
enum { LINE_WELCOME, LINE_PRESS, LINE_FOOTER, WELCOME_LINES };

struct welcome {
	size_t selected;  /* highlighted language */
	char *(*text)[WELCOME_LINES];  /* per set, in its language */
	size_t nsets;
};

static struct welcome *me;

static void translate(const struct app *a);

static void welcome_enter(struct app *a)
{
	a->set = NULL;
	if (a->fixed_set) {
		a->set = catalog_find_set(a->catalog, a->fixed_set);
		i18n_set_language(a->set->language);
		ui_go(a, SCREEN_LEARNER);
		return;
	}
	me = xcalloc(1, sizeof *me);
	translate(a);
	/* Until a choice is made, messages such as "make the window larger" use the first set's
	 * language rather than untranslated English. */
	i18n_set_language(a->catalog->sets[0].language);
}

static void welcome_leave(struct app *a)
{
	if (!me)
		return;
	for (size_t i = 0; i < me->nsets; i++)
		for (int k = 0; k < WELCOME_LINES; k++)
			free(me->text[i][k]);
	free(me->text);
	free(me);
	me = NULL;
}

static void choose(struct app *a, size_t i)
{
	a->set = &a->catalog->sets[i];
	i18n_set_language(a->set->language);
	ui_go(a, SCREEN_LEARNER);
}

/* A digit only moves the highlight: Enter chooses, as the footer says, so that "digit, then
 * Enter" is one choice and never two. */
static enum ui_result select_digit(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, a->catalog->count);

	if (d < 0)
		return UI_IGNORED;
	me->selected = (size_t)d;
	return UI_HANDLED;
}

static enum ui_result choose_selected(struct app *a, const struct ui_key *k)
{
	choose(a, me->selected);
	return UI_LEAVE;
}

static enum ui_result move_selection(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &me->selected, a->catalog->count) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result quit(struct app *a, const struct ui_key *k)
{
	if (a->kiosk_mode)
		return UI_IGNORED;  /* in kiosk mode the trainer menu leaves */
	ui_go(a, SCREEN_QUIT);  /* development only */
	return UI_LEAVE;
}

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("choose"), choose_selected },
	{ UI_KEY_DIGIT, NULL, NULL, select_digit },
	{ UI_KEYS_ARROWS, NULL, NULL, move_selection },
	{ UI_KEY(UK_F10), NULL, NULL, quit },
};

static void translate(const struct app *a)
{
	me->nsets = a->catalog->count;
	me->text = xcalloc(me->nsets ? me->nsets : 1, sizeof *me->text);
	for (size_t i = 0; i < me->nsets; i++) {
		i18n_set_language(a->catalog->sets[i].language);
		me->text[i][LINE_WELCOME] = xstrdup(_("Welcome!"));
		me->text[i][LINE_PRESS] = xstrdup(_("Press the digit of your language, then Enter."));
		me->text[i][LINE_FOOTER] = ui_footer_text(keys, UI_COUNT(keys));
	}
}

/* One line per set, each in its own language, from row; returns rows. */
static int draw_in_every_language(int line, int row, int attr)
{
	for (size_t i = 0; i < me->nsets; i++)
		ui_text_center(row + (int)i, me->text[i][line], attr);
	return (int)me->nsets;
}

/* The footer in every language, one row each, the first language at the bottom. */
static void draw_footers(void)
{
	for (size_t i = me->nsets; i-- > 0;) {
		if (i == 0)
			ui_footer(me->text[i][LINE_FOOTER]);
		else if (ui_rows() - 1 - (int)i > 0)
			ui_footer_row(ui_rows() - 1 - (int)i, me->text[i][LINE_FOOTER]);
	}
}

static void welcome_draw(struct app *a)
{
	const char **titles = xcalloc(a->catalog->count, sizeof *titles);
	int row = 3;

	ui_header("", NULL);
	row += draw_in_every_language(LINE_WELCOME, row, A_BOLD) + 1;
	row += draw_in_every_language(LINE_PRESS, row, A_NORMAL) + 2;
	for (size_t i = 0; i < a->catalog->count; i++)
		titles[i] = a->catalog->sets[i].title;
	ui_menu(row, ui_rows() - row - 1 - (int)a->catalog->count, titles, a->catalog->count,
	        me->selected, true);
	draw_footers();
	free(titles);
}

static enum ui_result welcome_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

const struct screen ui_welcome_screen = {
	.enter = welcome_enter, .leave = welcome_leave, .draw = welcome_draw, .key = welcome_key,
};
