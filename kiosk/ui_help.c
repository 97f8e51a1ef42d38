/* ui_help: F1 on every screen.  Owns the help page drawn over the current screen: what the
 * screen is for (its purpose), what each of its keys does (read from the same key table as
 * its footer, so help, footer and keys cannot drift apart) and how to call a trainer.  The
 * screen underneath keeps its state: Esc or F1 returns exactly where the learner was. */
#include <stdlib.h>

#include "curses_dl.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* The closing note ("Need a person?..."): three rows, since Bulgarian took a third at 72
 * columns and lost its last words. */
#define HELP_NOTE_ROWS 3

char *ui_global_keys_compose(const struct ui_global_words *w, enum ui_speech_sign sign)
{
	switch (sign) {
	case UI_SPEECH_READING:
		/* Without F1 for the time being, so that the title and the learner's name keep
		 * their room: the sign is longer, and any key (F1 too) ends the reading. */
		return xasprintf("%s %s: %s", w->reading, "F3", w->stop);
	case UI_SPEECH_UNHEARD:
		return xasprintf("%s: %s  %s: %s", "F1", w->help, "F3", w->unheard);
	case UI_SPEECH_IDLE:
	case UI_SPEECH_SIGNS:
		break;
	}
	return xasprintf("%s: %s  %s: %s", "F1", w->help, "F3", w->aloud);
}

struct ui_global_words ui_global_keys_words(void)
{
	struct ui_global_words w = {
		/* TRANSLATORS: the keys that work on every screen, shown at the top right beside
		 * the title: keep "help" and "read aloud" as short as possible ("помощ", "на
		 * глас"). */
		.help = _("help"),
		.aloud = _("read aloud"),
		/* TRANSLATORS: at the top right while the kiosk reads the screen aloud, before
		 * "F3: stop"; keep it short. */
		.reading = _("Reading aloud…"),
		/* TRANSLATORS: "F3: stop" at the top right while the kiosk reads aloud. */
		.stop = _("stop reading"),
		/* TRANSLATORS: "F3: no sound here" at the top right after F3 on a kiosk where
		 * nothing can be heard (no speech engine or no sound device); keep it short. */
		.unheard = _("no sound here"),
	};

	return w;
}

char *ui_global_keys_text(enum ui_speech_sign sign)
{
	struct ui_global_words w = ui_global_keys_words();

	return ui_global_keys_compose(&w, sign);
}

/* One row per named key: "Enter: next".  Returns the next free row. */
static int help_keys(struct app *a, int row, int end, int col, int width)
{
	size_t n;
	const struct ui_binding *b = ui_keys_current(&n);

	for (size_t i = 0; i < n && row < end; i++) {
		char *line;

		if (!b[i].name)
			continue;
		line = xasprintf("%s: %s", gettext(b[i].name), gettext(b[i].does));
		row += ui_text(row, col, width, end - row, line, A_NORMAL);
		free(line);
	}
	if (row < end)
		row += ui_text(row, col, width, end - row,
		               _("F1: this help; press F1 or Esc to go back"), A_NORMAL);
	/* Where nothing can be heard, the help says so too, as the top row does (novice test:
	 * the help promised a reading that never came).  speech_unheard, not a look along PATH
	 * at every redraw: it is asked at the first frame and again at every F3 and F4. */
	if (row < end)
		row += ui_text(row, col, width, end - row,
		               a->speech_unheard
		               /* TRANSLATORS: one row of 70 columns, or the help's last line
		                * is cut. */
		               ? _("F3: read this screen aloud, but there is no sound on this "
		                   "computer")
		               : _("F3: read this screen aloud; press any key to stop"), A_NORMAL);
	return row;
}

/* The learner's own choices, kept for them, and in a lesson the way straight back to the
 * list (Esc goes back one step at a time: five presses from step 5, novice test): named only
 * here, so that no footer grows for what is needed now and then; they work on the screen as
 * well (ui_access.c).  F1 is named on every screen. */
static int help_choices(const struct app *a, int row, int end, int col, int width)
{
	const char *lines[] = {
		a->auto_read ? _("F4: stop reading every step aloud (now: on)")
		/* Where nothing can be heard, as the F3 line says: a tester wondered why he should
		 * switch on a reading the top row said he could not hear (novice test r16). */
		: a->speech_unheard
		             /* TRANSLATORS: one row of 70 columns, as the F3 line above it. */
		             ? _("F4: read every step aloud, but there is no sound on this computer")
		             : _("F4: read every step aloud as it opens (now: off)"),
		ui_theme() == UI_THEME_CONTRAST ? _("F5: the usual colours (now: high contrast)")
		                                : _("F5: high contrast, for weak eyes"),
	};

	for (size_t i = 0; i < 2 && row < end; i++)
		if (ui_access_offered(a, i ? UK_F5 : UK_F4))
			row += ui_text(row, col, width, end - row, lines[i], A_NORMAL);
	if (ui_access_offered(a, UK_F6) && row < end)
		row += ui_text(row, col, width, end - row,
		               _("F6: back to the list of lessons; the lesson goes on from this step "
		                 "next time"), A_NORMAL);
	return row;
}

/* The note on calling a trainer (for trainers: that the learners have this help too). */
static const char *help_note(const struct app *a)
{
	return ui_is_trainer_screen(a->screen)
	       ? _("The learner's screens have this help as well.")
	       : _("Need a person? Raise your hand or call a trainer: they are glad to help. "
	           "Nothing you press here can break the computer.");
}

/* How many languages the screen is shown in at once: 1 but for the welcome screen. */
static size_t help_languages(const struct app *a, const struct screen *s)
{
	size_t n = 0;

	while (s->language_at && s->language_at(a, n))
		n++;
	return n ? n : 1;
}

/* The whole help in the current language, compact, in rows [top, bottom): a rule with the
 * title, the purpose, the keys and the note, with no blank rows, so that two languages fit
 * one above the other at 80x24.  Returns the row after it. */
static int help_block(struct app *a, const struct screen *s, int top, int bottom)
{
	int col = 2, width = ui_cols() - 4, row = top;
	/* TRANSLATORS: the title of the help shown in several languages at once (the first
	 * screen, before a language is chosen): "Help" and the name of this very language,
	 * so that each reader finds their own ("Помощ на български"). */
	const char *title = _("Help in English");
	int w = (int)text_width(title);

	/* "── Помощ на български ─────": a rule that parts the languages, named in each. */
	mvhline(row, 0, ACS_HLINE, col);
	ui_text(row, col + 1, w, 1, title, ui_attr(UI_TITLE));
	if (ui_cols() > col + w + 2)
		mvhline(row, col + w + 2, ACS_HLINE, ui_cols() - col - w - 2);
	row++;
	row += ui_text(row, col, width, 2, gettext(s->purpose), A_BOLD);
	row += ui_text(row, col, width, 1, _("The keys on this screen:"), A_BOLD);
	row = help_keys(a, row, bottom - 2, col + 2, width - 2);
	if (!ui_is_trainer_screen(a->screen))
		row = help_choices(a, row, bottom - 2, col + 2, width - 2);
	return row + ui_text(row, col, width, bottom - row, help_note(a), ui_attr(UI_HINT));
}

/* Nobody has chosen a language yet (the welcome screen): the help once in each language,
 * one under the other, the first language at the top as on the screen itself.  A Ukrainian
 * speaker got Bulgarian alone before (novice test). */
static void help_draw_languages(struct app *a, const struct screen *s, size_t n)
{
	struct i18n_saved was = i18n_save();
	char *footer = xstrdup("");
	/* Each part gets its share of the rows at most; on a taller window they follow one
	 * another, a blank row apart. */
	int rows = (ui_rows() - 2) / (int)n, top = 1, end = ui_rows() - 1;

	for (size_t i = 0; i < n; i++) {
		char *prev = footer;

		i18n_set_language(s->language_at(a, i));
		top = help_block(a, s, top, top + rows < end ? top + rows : end) + 1;
		footer = xasprintf("%s%s%s", prev, i ? " / " : "",
		                   _("Esc or F1: back to where you were"));
		free(prev);
	}
	i18n_restore(&was);
	ui_footer(footer);
	free(footer);
}

void ui_help_draw(struct app *a)
{
	const struct screen *s = ui_screen_of(a->screen);
	int col = 4, width = ui_cols() - 8, end = ui_rows() - 1, row = 2;
	size_t languages = help_languages(a, s);

	/* The help covers the screen below the header; the screen is drawn again when it
	 * closes, unchanged. */
	for (int r = 1; r < ui_rows(); r++) {
		move(r, 0);
		clrtoeol();
	}
	ui_cursor(-1, 0);
	if (languages > 1) {
		help_draw_languages(a, s, languages);
		return;
	}
	row += ui_text(row, col, width, 1, _("Help"), ui_attr(UI_TITLE));
	row++;
	row += ui_text(row, col, width, 3, gettext(s->purpose), A_BOLD);
	row++;
	row += ui_text(row, col, width, 1, _("The keys on this screen:"), A_BOLD);
	row = help_keys(a, row, end - HELP_NOTE_ROWS - 1, col + 2, width - 2);
	if (!ui_is_trainer_screen(a->screen))
		row = help_choices(a, row, end - HELP_NOTE_ROWS - 1, col + 2, width - 2);
	row++;
	ui_text(end - HELP_NOTE_ROWS - 1 > row ? end - HELP_NOTE_ROWS - 1 : row, col, width,
	        HELP_NOTE_ROWS, help_note(a), ui_attr(UI_HINT));
	ui_footer(_("Esc or F1: back to where you were"));
}

char *ui_help_text(struct app *a)
{
	const struct screen *s = ui_screen_of(a->screen);
	size_t n;
	const struct ui_binding *b = ui_keys_current(&n);
	char *out = xasprintf("%s\n%s", gettext(s->purpose), _("The keys on this screen:"));

	for (size_t i = 0; i < n; i++) {
		char *prev = out;

		if (!b[i].name)
			continue;
		out = xasprintf("%s\n%s: %s", prev, gettext(b[i].name), gettext(b[i].does));
		free(prev);
	}
	return out;
}

char *ui_help_text_in(struct app *a, size_t i, const char **lang)
{
	const struct screen *s = ui_screen_of(a->screen);
	struct i18n_saved was;
	char *text;

	if (!s->language_at) {
		*lang = NULL;
		return i == 0 ? ui_help_text(a) : NULL;
	}
	if (!(*lang = s->language_at(a, i)))
		return NULL;
	was = i18n_save();
	i18n_set_language(*lang);
	text = ui_help_text(a);
	i18n_restore(&was);
	return text;
}

bool ui_help_key(struct app *a, const struct ui_key *k)
{
	/* F4, F5, F6: the same as on the screen (ui_access.c); the help's own lines say what
	 * they did, so no note. */
	if (ui_access_key(a, k) != UI_NOTE_NONE) {
		if (a->next != a->screen)  /* F6: the list of lessons */
			a->help_open = false;
		return true;
	}
	if (k->code != UK_ESC && k->code != UK_F1)
		return false;
	a->help_open = false;
	return true;
}
