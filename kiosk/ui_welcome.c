/* ui_welcome: the first screen, where a person chooses the language.  Nothing is known about
 * them yet, so every line is shown once in each set's own language, the footer too. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

struct welcome {
	size_t selected;  /* highlighted language */
};

static struct welcome *me;

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
	/* Until a choice is made, messages such as "make the window larger" use the first set's
	 * language rather than untranslated English. */
	i18n_set_language(a->catalog->sets[0].language);
}

static void welcome_leave(struct app *a)
{
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

/* Shows msgid translated into each set's language, one row each, from row; returns rows. */
static int draw_in_every_language(const struct app *a, int row, const char *msgid, int attr)
{
	const char *keep = a->catalog->sets[0].language;

	for (size_t i = 0; i < a->catalog->count; i++) {
		i18n_set_language(a->catalog->sets[i].language);
		ui_text_center(row + (int)i, gettext(msgid), attr);
	}
	i18n_set_language(keep);
	return (int)a->catalog->count;
}

/* The footer in every language, one row each, the first language at the bottom. */
static void draw_footers(const struct app *a)
{
	size_t n = a->catalog->count;

	for (size_t i = n; i-- > 0;) {
		char *s;

		i18n_set_language(a->catalog->sets[i].language);
		s = ui_footer_text(keys, UI_COUNT(keys));
		if (i == 0)
			ui_footer(s);
		else if (ui_rows() - 1 - (int)i > 0)
			ui_footer_row(ui_rows() - 1 - (int)i, s);
		free(s);
	}
	i18n_set_language(a->catalog->sets[0].language);
}

static void welcome_draw(struct app *a)
{
	const char **titles = xcalloc(a->catalog->count, sizeof *titles);
	int row = 3;

	ui_header("", NULL);
	row += draw_in_every_language(a, row, N_("Welcome!"), A_BOLD) + 1;
	row += draw_in_every_language(a, row, N_("Press the digit of your language, then Enter."),
	                              A_NORMAL) + 2;
	for (size_t i = 0; i < a->catalog->count; i++)
		titles[i] = a->catalog->sets[i].title;
	ui_menu(row, ui_rows() - row - 1 - (int)a->catalog->count, titles, a->catalog->count,
	        me->selected, true);
	draw_footers(a);
	free(titles);
}

static enum ui_result welcome_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

const struct screen ui_welcome_screen = {
	.enter = welcome_enter, .leave = welcome_leave, .draw = welcome_draw, .key = welcome_key,
};
