/* ui_read: F3 and reading every step aloud.  Owns what the kiosk does with speech.h: which
 * text of the screen is read (the screen's speak hook, else its purpose), in which language,
 * and telling the trainer once when no engine or sound device is there.  Speech never blocks:
 * the child speaks while the loop goes on reading keys, and any key stops it. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "util.h"

/* The learner's language, or the interface's on the welcome screen. */
static const char *speech_language(const struct app *a)
{
	const char *l = a->set ? a->set->language : i18n_language();

	return l && *l ? l : "bg";
}

static void say(struct app *a, const char *lang, char *text)
{
	struct kerr err;

	if (speech_say(&a->speech, lang, text, &err) < 0) {
		a->speech_unheard = true;  /* the top row says so from now on */
		if (!a->speech_problem)
			a->speech_problem = _("Reading aloud does not work on this kiosk: the "
			                      "speech command cannot be started.");
	}
	free(text);
}

/* Does F3 read this screen (or its help) in parts, one language after the other? */
static bool read_in_parts(const struct app *a, const struct screen *s)
{
	return a->help_open ? s->language_at != NULL : s->speak_in != NULL;
}

/* Starts part i of a screen read in several languages (speak_in, or the help of a screen
 * shown in several: ui_help_text_in); the next part follows when this one ends
 * (ui_read_next). */
static void say_part(struct app *a, const struct screen *s, size_t i)
{
	const char *lang = NULL;
	char *text = a->help_open ? ui_help_text_in(a, i, &lang) : s->speak_in(a, i, &lang);

	a->read_part = 0;
	if (!text)
		return;
	say(a, lang && *lang ? lang : speech_language(a), text);
	a->read_part = i + 1;
}

void ui_read_now(struct app *a)
{
	const struct screen *s = ui_screen_of(a->screen);
	char *text;

	if (!s)
		return;
	if (read_in_parts(a, s)) {
		say_part(a, s, 0);
		return;
	}
	if (!a->help_open && (text = ui_access_note_say(a)) != NULL) {
		/* F3 right after F4, F5 or F6, or on the name screen after Esc on the list: what
		 * the key did, the news on the screen. */
		say(a, speech_language(a), text);
		return;
	}
	if (a->help_open)
		text = ui_help_text(a);
	else
		text = s->speak ? s->speak(a) : NULL;
	if (!text)
		text = xstrdup(gettext(s->purpose));
	say(a, speech_language(a), text);
}

void ui_read_next(struct app *a)
{
	const struct screen *s = ui_screen_of(a->screen);

	if (a->read_part == 0 || speech_active(&a->speech))
		return;
	if (!s || !read_in_parts(a, s))
		a->read_part = 0;
	else
		say_part(a, s, a->read_part);
}

/* "There is no sound here", in each language of a screen shown in several (a Ukrainian
 * speaker got it in Bulgarian alone on the welcome screen: novice test). */
static void say_unheard(struct app *a)
{
	ui_set_error_in_each(a, N_("There is no sound on this computer, so nothing can be read "
	                           "aloud. The trainer can help."));
}

bool ui_read_unheard(struct app *a)
{
	/* Kept, not cleared by the next key: the top row said "F3: read aloud" again after the
	 * help was opened and closed, as if the sound had come back (novice test).  Asked again
	 * at every F3 and F4, so a sound device plugged in later is noticed. */
	a->speech_unheard = speech_problem(&a->speech) != NULL;
	return a->speech_unheard;
}

void ui_read_toggle(struct app *a)
{
	if (speech_active(&a->speech) || a->read_part) {
		ui_read_stop(a);
		return;
	}
	/* espeak-ng without a sound device ends at once, silently: the "reading aloud" sign
	 * would not even be seen.  Say in the top row that nothing can be heard here instead
	 * of letting F3 seem dead (novice test); the trainer is told why (ui_trainer.c). */
	if (ui_read_unheard(a)) {
		/* The top row alone went unnoticed (novice test r9): say it where the eye is. */
		say_unheard(a);
		return;
	}
	ui_read_now(a);
}

void ui_read_stop(struct app *a)
{
	a->read_part = 0;
	speech_stop(&a->speech);
}

void ui_read_step_opened(struct app *a)
{
	if (a->auto_read)
		ui_read_now(a);
}

/* name's value for learner (0: the kiosk), or NULL; errors are shown, not fatal. */
static char *access_value(struct app *a, int64_t learner, const char *name)
{
	char *v = NULL;
	struct kerr err;

	if (a->store && store_access(a->store, learner, name, &v, &err) < 0)
		ui_set_error(a, err.msg);
	return v;
}

void ui_access_load(struct app *a)
{
	char *theme = NULL, *auto_read = NULL;

	if (a->sitting.learner) {
		theme = access_value(a, a->sitting.learner, "theme");
		auto_read = access_value(a, a->sitting.learner, "auto-read");
	}
	a->auto_read = auto_read ? strcmp(auto_read, "yes") == 0 : a->auto_read_default;
	ui_set_theme(theme ? (enum ui_theme)ui_theme_parse(theme) : a->theme_default);
	free(theme);
	free(auto_read);
}

static void save(struct app *a, const char *name, const char *value)
{
	struct kerr err;

	if (a->sitting.learner &&
	    store_set_access(a->store, a->sitting.learner, name, value, STORE_SOURCE_LEARNER,
	                     &err) < 0)
		ui_set_error(a, err.msg);
}

void ui_access_toggle_auto_read(struct app *a)
{
	a->auto_read = !a->auto_read;
	save(a, "auto-read", a->auto_read ? "yes" : "no");
}

void ui_access_toggle_theme(struct app *a)
{
	enum ui_theme t = ui_theme() == UI_THEME_CONTRAST ? UI_THEME_NORMAL : UI_THEME_CONTRAST;

	ui_set_theme(t);
	save(a, "theme", ui_theme_name(t));
}
