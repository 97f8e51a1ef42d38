/* ui_welcome: the first screen, where a person chooses the language.  Nothing is known about
 * them yet, so every line is shown once in each language, the footer too.  The lines are
 * translated once, when the screen opens: it is redrawn every half second, and switching the
 * process's language clears gettext's cache each time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses_dl.h"
#include "i18n.h"
#include "layout.h"
#include "ui.h"
#include "util.h"

/* LINE_HELP..LINE_STOP are the words of the top row's keys (F1, F3), joined across the
 * languages into one row: "F1: помощ / довідка  F3: на глас / вголос". */
/* LINE_NOTE onwards: the note after F4 or F5, one line per enum ui_access_note from
 * UI_NOTE_READ_ON to UI_NOTE_CONTRAST_OFF (F6 is for a lesson only). */
enum { LINE_WELCOME, LINE_CHOOSE, LINE_KEYS, LINE_HELP, LINE_ALOUD, LINE_READING, LINE_STOP,
       LINE_UNHEARD, LINE_NOTE, WELCOME_LINES = LINE_NOTE + UI_NOTE_CONTRAST_OFF };

struct welcome {
	size_t selected;     /* highlighted set */
	char **line[WELCOME_LINES];  /* line[k][i]: line k in the i-th language */
	size_t languages;    /* distinct interface languages among the sets */
	const char **language;  /* language[i]: the code of the i-th ("bg"), for reading aloud */
	char *top_keys[UI_SPEECH_SIGNS];  /* the top row in every language, for each sign */
};

static struct welcome *me;

static enum ui_result choose_selected(struct app *a, const struct ui_key *k);
static enum ui_result select_digit(struct app *a, const struct ui_key *k);
static enum ui_result move_selection(struct app *a, const struct ui_key *k);
static enum ui_result quit(struct app *a, const struct ui_key *k);

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("choose"), choose_selected },
	{ UI_KEY_DIGIT, NULL, NULL, select_digit },
	{ UI_KEYS_ARROWS, NULL, NULL, move_selection },
	{ UI_KEY(UK_F10), NULL, NULL, quit },
};

/* Is set i the first of the sets in its interface language?  Two sets can share one
 * (Ukrainian, and Ukrainian for those living in Bulgaria): each line is shown once. */
static bool first_of_its_language(const struct app *a, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(a->catalog->sets[j].language, a->catalog->sets[i].language) == 0)
			return false;
	return true;
}

/* The words of the top row's keys in the current language, as language n. */
static void top_words(size_t n)
{
	struct ui_global_words w = ui_global_keys_words();

	me->line[LINE_HELP][n] = xstrdup(w.help);
	me->line[LINE_ALOUD][n] = xstrdup(w.aloud);
	me->line[LINE_READING][n] = xstrdup(w.reading);
	me->line[LINE_STOP][n] = xstrdup(w.stop);
	me->line[LINE_UNHEARD][n] = xstrdup(w.unheard);
}

static void translate_lines(const struct app *a)
{
	for (int k = 0; k < WELCOME_LINES; k++)
		me->line[k] = xcalloc(a->catalog->count, sizeof *me->line[k]);
	me->language = xcalloc(a->catalog->count, sizeof *me->language);
	for (size_t i = 0; i < a->catalog->count; i++) {
		size_t n = me->languages;

		if (!first_of_its_language(a, i))
			continue;
		i18n_set_language(a->catalog->sets[i].language);
		me->line[LINE_WELCOME][n] = xstrdup(_("Welcome!"));
		me->line[LINE_CHOOSE][n] =
			xstrdup(_("Press the digit of your language, then Enter."));
		me->line[LINE_KEYS][n] = ui_footer_text(keys, UI_COUNT(keys));
		top_words(n);
		for (int k = UI_NOTE_READ_ON; k <= UI_NOTE_CONTRAST_OFF; k++)
			me->line[LINE_NOTE + k - 1][n] =
				xstrdup(ui_access_note_text((enum ui_access_note)k));
		me->language[n] = a->catalog->sets[i].language;
		me->languages++;
	}
}

/* Line k in every language, joined with " / "; caller frees. */
static char *joined(int k)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < me->languages; i++) {
		char *prev = s;

		s = xasprintf("%s%s%s", prev, i ? " / " : "", me->line[k][i]);
		free(prev);
	}
	return s;
}

/* Nobody has chosen a language yet: F1 and F3 are named in every language at once. */
static void compose_top_keys(void)
{
	char *w[WELCOME_LINES];
	struct ui_global_words words;

	for (int k = LINE_HELP; k <= LINE_UNHEARD; k++)
		w[k] = joined(k);
	words = (struct ui_global_words){ w[LINE_HELP], w[LINE_ALOUD], w[LINE_READING],
	                                  w[LINE_STOP], w[LINE_UNHEARD] };
	for (int s = 0; s < UI_SPEECH_SIGNS; s++)
		me->top_keys[s] = ui_global_keys_compose(&words, (enum ui_speech_sign)s);
	for (int k = LINE_HELP; k <= LINE_UNHEARD; k++)
		free(w[k]);
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
	me = xcalloc(1, sizeof *me);
	/* The set chosen last: a learner back after F10 who only pressed Enter found themselves
	 * in the first set, another language (novice test r15), and at a centre the next person
	 * most often takes the same set. */
	for (size_t i = 0; i < a->catalog->count; i++)
		if (strcmp(a->catalog->sets[i].name, a->last_set) == 0)
			me->selected = i;
	translate_lines(a);
	compose_top_keys();
	/* Until a choice is made, a message this screen does not draw in every language (an
	 * error) uses the first set's language rather than untranslated English. */
	i18n_set_language(a->catalog->sets[0].language);
}

static void welcome_leave(struct app *a)
{
	if (!me)
		return;
	for (int k = 0; k < WELCOME_LINES; k++) {
		for (size_t i = 0; i < me->languages; i++)
			free(me->line[k][i]);
		free(me->line[k]);
	}
	for (int s = 0; s < UI_SPEECH_SIGNS; s++)
		free(me->top_keys[s]);
	free(me->language);
	free(me);
	me = NULL;
}

static void choose(struct app *a, size_t i)
{
	a->set = &a->catalog->sets[i];
	snprintf(a->last_set, sizeof a->last_set, "%s", a->set->name);
	i18n_set_language(a->set->language);
	ui_go(a, SCREEN_LEARNER);
}

/* A digit only moves the highlight: Enter chooses, as the footer says, so that "digit, then
 * Enter" is one choice and never two. */
static enum ui_result select_digit(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, a->catalog->count);

	if (d < 0 && k->code == UK_CHAR && k->ch >= '0' && k->ch <= '9') {
		/* A flash of the footer alone told a novice nothing (last note's leftovers). */
		ui_set_error_in_each(a, N_("Press only the digit in front of a language: 1 to %zu."),
		                     a->catalog->count);
		return UI_HANDLED;
	}
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

/* Line k in every language, one row each, from row; returns rows. */
static int draw_in_every_language(int k, int row, int attr)
{
	for (size_t i = 0; i < me->languages; i++)
		ui_text_center(row + (int)i, me->line[k][i], attr);
	return (int)me->languages;
}

/* Does any set say what it is for (set.info "description:")?  Then each gets a second row. */
static bool described(const struct app *a)
{
	for (size_t i = 0; i < a->catalog->count; i++)
		if (a->catalog->sets[i].description)
			return true;
	return false;
}

static void welcome_draw(struct app *a)
{
	const char **titles = xcalloc(a->catalog->count, sizeof *titles);
	const char **details = described(a) ? xcalloc(a->catalog->count, sizeof *details) : NULL;
	int row = 3, bottom = ui_rows() - 1, menu_end = bottom - (int)me->languages + 1;

	ui_header_keys("", NULL, me->top_keys[ui_speech_sign()]);
	row += draw_in_every_language(LINE_WELCOME, row, A_BOLD) + 1;
	row += draw_in_every_language(LINE_CHOOSE, row, A_NORMAL) + 2;
	for (size_t i = 0; i < a->catalog->count; i++) {
		const char *d = a->catalog->sets[i].description;

		titles[i] = a->catalog->sets[i].title;
		if (details)
			details[i] = d ? d : "";
	}
	/* Under each name, what the set is for: two Ukrainian sets side by side left a tester
	 * not knowing which to take. */
	if (a->error) {  /* ("no sound here"), in every language: above the footer */
		int rows = (int)layout_count(a->error, (size_t)ui_cols() - 4);

		menu_end -= rows + 1;
		ui_text(menu_end + 1, 2, ui_cols() - 4, rows, a->error, ui_attr(UI_WRONG));
	}
	/* F4 or F5 just pressed: what it did, in every language, above the footer too. */
	if (a->access_note >= UI_NOTE_READ_ON && a->access_note <= UI_NOTE_CONTRAST_OFF) {
		int at;

		for (size_t i = 0; i < me->languages; i++)
			menu_end -= (int)layout_count(me->line[LINE_NOTE + a->access_note - 1][i],
			                              (size_t)ui_cols() - 8);
		at = --menu_end + 1;
		for (size_t i = 0; i < me->languages; i++)
			at += ui_text(at, 4, ui_cols() - 8, bottom - at,
			              me->line[LINE_NOTE + a->access_note - 1][i], ui_attr(UI_HINT));
	}
	ui_menu_details(row, menu_end - row, titles, details, a->catalog->count, me->selected,
	                true);
	ui_keys_shown(keys, UI_COUNT(keys));  /* for F1 help */
	/* The footer in every language, the first language at the bottom. */
	for (size_t i = 0; i < me->languages && bottom - (int)i > 0; i++)
		ui_footer_row(bottom - (int)i, me->line[LINE_KEYS][i]);
	free(details);
	free(titles);
}

static enum ui_result welcome_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

/* F3: the greeting and the question in each language, in that language's voice (nobody has
 * chosen yet: a Ukrainian speaker must not hear only Bulgarian), then the choices. */
static char *welcome_speak_in(struct app *a, size_t i, const char **lang)
{
	char *text;

	if (i >= me->languages)
		return NULL;
	*lang = me->language[i];
	text = xasprintf("%s\n%s", me->line[LINE_WELCOME][i], me->line[LINE_CHOOSE][i]);
	for (size_t j = 0; j < a->catalog->count; j++) {
		char *prev = text;

		const char *d = a->catalog->sets[j].description;

		text = xasprintf("%s\n%zu. %s%s%s", prev, j + 1, a->catalog->sets[j].title,
		                 d ? ". " : "", d ? d : "");
		free(prev);
	}
	return text;
}

/* F1: the help in each language of the screen, as the screen itself. */
static const char *welcome_language_at(const struct app *a, size_t i)
{
	return me && i < me->languages ? me->language[i] : NULL;
}

const struct screen ui_welcome_screen = {
	.enter = welcome_enter, .leave = welcome_leave, .draw = welcome_draw, .key = welcome_key,
	.speak_in = welcome_speak_in, .language_at = welcome_language_at, .draws_error = true,
	.purpose = N_("Welcome! Here you choose the language of the lessons."),
};
