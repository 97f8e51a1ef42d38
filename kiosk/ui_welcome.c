/* ui_welcome: the first screen, where a person chooses the language.  Nothing is known about
 * them yet, so every line is shown once in each set's own language. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

static size_t selected;

static void welcome_enter(struct app *a)
{
	a->set = NULL;
	if (a->fixed_set) {
		a->set = catalog_find_set(a->catalog, a->fixed_set);
		i18n_set_language(a->set->language);
		ui_go(a, SCREEN_LEARNER);
		return;
	}
	selected = 0;
	/* Until a choice is made, messages such as "make the window larger" use the first set's
	 * language rather than untranslated English. */
	i18n_set_language(a->catalog->sets[0].language);
}

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

static void welcome_draw(struct app *a)
{
	const char **titles = xcalloc(a->catalog->count, sizeof *titles);
	char *footer = NULL;
	int row = 3;

	ui_header("", NULL);
	row += draw_in_every_language(a, row, N_("Welcome!"), A_BOLD) + 1;
	row += draw_in_every_language(a, row, N_("Choose your language and press Enter."),
	                              A_NORMAL) + 2;
	for (size_t i = 0; i < a->catalog->count; i++)
		titles[i] = a->catalog->sets[i].title;
	ui_menu(row, ui_rows() - row - 2, titles, a->catalog->count, selected, true);
	for (size_t i = 0; i < a->catalog->count; i++) {
		char *prev = footer;

		i18n_set_language(a->catalog->sets[i].language);
		footer = xasprintf("%s%s%s", prev ? prev : "", prev ? "   |   " : "",
		                   _("Arrows or digit, then Enter"));
		free(prev);
	}
	i18n_set_language(a->catalog->sets[0].language);
	ui_footer(footer);
	free(footer);
	free(titles);
}

static void choose(struct app *a, size_t i)
{
	a->set = &a->catalog->sets[i];
	i18n_set_language(a->set->language);
	ui_go(a, SCREEN_LEARNER);
}

static void welcome_key(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, a->catalog->count);

	if (d >= 0)
		choose(a, (size_t)d);
	else if (k->code == UK_ENTER)
		choose(a, selected);
	else if (k->code == UK_F10 && !a->kiosk_mode)
		ui_go(a, SCREEN_QUIT);  /* development only: in kiosk mode the trainer menu leaves */
	else
		ui_menu_key(k, &selected, a->catalog->count);
}

const struct screen ui_welcome_screen = {
	.enter = welcome_enter, .draw = welcome_draw, .key = welcome_key,
};
