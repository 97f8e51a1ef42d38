/* ui_welcome: the first screen, where a person chooses the language.  Nothing is known about
 * them yet, so every line is shown once in each set's own language. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

static size_t selected;

/* The screen's lines in every set's language, translated once when the screen opens: the
 * screen is redrawn every half second, and switching the process's language clears
 * gettext's cache each time. */
enum { LINE_WELCOME, LINE_CHOOSE, LINE_KEYS, WELCOME_LINES };
struct welcome_text {
	char *line[WELCOME_LINES];
};
static struct welcome_text *texts;  /* one per set */
static size_t ntexts;

static void free_texts(void)
{
	for (size_t i = 0; i < ntexts; i++)
		for (int k = 0; k < WELCOME_LINES; k++)
			free(texts[i].line[k]);
	free(texts);
	texts = NULL;
	ntexts = 0;
}

static void translate_texts(const struct app *a)
{
	free_texts();
	texts = xcalloc(a->catalog->count, sizeof *texts);
	ntexts = a->catalog->count;
	for (size_t i = 0; i < ntexts; i++) {
		i18n_set_language(a->catalog->sets[i].language);
		texts[i].line[LINE_WELCOME] = xstrdup(_("Welcome!"));
		texts[i].line[LINE_CHOOSE] = xstrdup(_("Choose your language and press Enter."));
		texts[i].line[LINE_KEYS] = xstrdup(_("Arrows or digit, then Enter"));
	}
}

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
	translate_texts(a);
	/* Until a choice is made, messages such as "make the window larger" use the first set's
	 * language rather than untranslated English. */
	i18n_set_language(a->catalog->sets[0].language);
}

/* One line per set, each in its own language, from row; returns rows. */
static int draw_in_every_language(int line, int row, int attr)
{
	for (size_t i = 0; i < ntexts; i++)
		ui_text_center(row + (int)i, texts[i].line[line], attr);
	return (int)ntexts;
}

static void welcome_draw(struct app *a)
{
	const char **titles = xcalloc(a->catalog->count, sizeof *titles);
	char *footer = NULL;
	int row = 3;

	ui_header("", NULL);
	row += draw_in_every_language(LINE_WELCOME, row, A_BOLD) + 1;
	row += draw_in_every_language(LINE_CHOOSE, row, A_NORMAL) + 2;
	for (size_t i = 0; i < a->catalog->count; i++)
		titles[i] = a->catalog->sets[i].title;
	ui_menu(row, ui_rows() - row - 2, titles, a->catalog->count, selected, true);
	for (size_t i = 0; i < ntexts; i++) {
		char *prev = footer;

		footer = xasprintf("%s%s%s", prev ? prev : "", prev ? "   |   " : "", texts[i].line[LINE_KEYS]);
		free(prev);
	}
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

const struct screen ui_welcome_screen = { welcome_enter, welcome_draw, welcome_key };
