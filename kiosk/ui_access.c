/* ui_access: the learner's own choices as keys: F4 (read every step aloud), F5 (high
 * contrast, for weak eyes) and, in a lesson, F6 (straight back to the list of lessons).
 * Owns which screens take them (every learner's screen, never a trainer's; F6 only on a
 * lesson step; none while the screen's own keys take it: "show me" stops at any key) and
 * the note that says on the screen what a press did and how to undo it.
 * The F1 help names these keys and they work the same there and on the screen itself
 * (novice test: after Esc the help's keys did nothing but flash the footer).  They are in no
 * footer, so a press may be an accident, and F4 changes nothing that can be seen: hence the
 * note, shown in the screen's own note place until the next key.
 * The same note place carries the word after Esc on the lesson list: it ends the session, and
 * the name screen that follows looked as if everything was lost (novice test r15), so it says
 * that all is saved and how to go on, by name, until the next key. */
#include <stdlib.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

/* Does the key table on screen take code itself?  Then the key keeps the screen's meaning:
 * while "show me" plays, any key stops it (its footer says so), F5 too. */
static bool screen_takes(enum ui_keycode code)
{
	size_t n;
	const struct ui_binding *b = ui_keys_current(&n);

	for (size_t i = 0; i < n; i++)
		if (b[i].keys & UI_KEY(code))
			return true;
	return false;
}

bool ui_access_offered(const struct app *a, enum ui_keycode code)
{
	if (ui_is_trainer_screen(a->screen) || screen_takes(code))
		return false;
	if (code == UK_F6)
		return a->screen == SCREEN_LESSON;
	return code == UK_F4 || code == UK_F5;
}

enum ui_access_note ui_access_key(struct app *a, const struct ui_key *k)
{
	if (!ui_access_offered(a, k->code))
		return UI_NOTE_NONE;
	switch (k->code) {
	case UK_F4:
		/* Never switch reading on where nothing can be heard: the note said so while the
		 * help then said "now: on" (novice test r12).  Switching it off always works. */
		if (!a->auto_read && ui_read_unheard(a))
			return UI_NOTE_NO_SOUND;
		ui_access_toggle_auto_read(a);
		return a->auto_read ? UI_NOTE_READ_ON : UI_NOTE_READ_OFF;
	case UK_F5:
		ui_access_toggle_theme(a);
		return ui_theme() == UI_THEME_CONTRAST ? UI_NOTE_CONTRAST_ON : UI_NOTE_CONTRAST_OFF;
	case UK_F6:
		/* Every finished step is saved already: the list shows "step 5 of 12". */
		ui_go(a, SCREEN_LESSONS);
		return UI_NOTE_LESSON_LEFT;
	default:
		return UI_NOTE_NONE;
	}
}

const char *ui_access_note_text(enum ui_access_note n)
{
	switch (n) {
	case UI_NOTE_NONE:
		break;
	case UI_NOTE_READ_ON:
		/* TRANSLATORS: after F4 on a screen (it is in no footer, and may have been
		 * pressed by accident): what it did, and how to undo it. */
		return _("Every step will now be read aloud. F4 stops this.");
	case UI_NOTE_READ_OFF:
		return _("The steps will no longer be read aloud. F4 turns this on again.");
	case UI_NOTE_NO_SOUND:
		/* TRANSLATORS: after F4 on a computer where nothing can be heard. */
		return _("There is no sound on this computer, so the steps cannot be read aloud. "
		         "The trainer can help.");
	case UI_NOTE_CONTRAST_ON:
		/* TRANSLATORS: after F5 on a screen: what it did, and how to undo it. */
		return _("High contrast is on. F5 brings back the usual colours.");
	case UI_NOTE_CONTRAST_OFF:
		return _("The usual colours are back. F5 turns high contrast on again.");
	case UI_NOTE_LESSON_LEFT:
		/* TRANSLATORS: on the list of lessons after F6 in a lesson; the lesson just left
		 * is highlighted. */
		return _("You have left the lesson; it is saved at the step where you were. "
		         "Enter opens it again from there.");
	case UI_NOTE_LIST_LEFT:
		break;  /* names the learner: ui_access_note_say */
	}
	return NULL;
}

char *ui_access_note_say(const struct app *a)
{
	const char *text = ui_access_note_text(a->access_note);

	if (text)
		return xstrdup(text);
	if (a->access_note != UI_NOTE_LIST_LEFT || !a->note_name)
		return NULL;
	/* TRANSLATORS: on the name screen after Esc on the list of lessons, which ended the
	 * learner's session; %s is their name as they are addressed (Ukrainian: vocative). */
	return xasprintf(_("%s, you have left the list of lessons. Everything is saved. To go on, "
	                   "type your name and press Enter."), a->note_name);
}

void ui_access_note_list_left(struct app *a, char *whom)
{
	ui_access_note_clear(a);
	if (!whom)
		return;
	a->access_note = UI_NOTE_LIST_LEFT;
	a->note_name = whom;
}

void ui_access_note_clear(struct app *a)
{
	a->access_note = UI_NOTE_NONE;
	free(a->note_name);
	a->note_name = NULL;
}

int ui_access_note_draw(const struct app *a, int row, int col, int width, int max_rows)
{
	char *text;
	int used;

	/* A store failure (the choice was not saved) is shown instead, where errors go. */
	if (a->error || max_rows < 1)
		return 0;
	text = ui_access_note_say(a);
	if (!text)
		return 0;
	used = ui_text(row, col, width, max_rows, text, ui_attr(UI_HINT));
	free(text);
	return used;
}
