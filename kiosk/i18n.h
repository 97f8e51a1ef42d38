/* i18n: the process locale and gettext.  Owns the choice of a UTF-8 locale (falling back to
 * C.UTF-8 when the environment gives none, as in CI), the absolute catalogue directory, and the
 * runtime switch between interface languages.  Every user-visible string goes through _(). */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Selects a UTF-8 locale and binds the "kiosk" domain to localedir (made absolute here).
 * localedir NULL means: $KIOSK_LOCALEDIR, else paths_localedir().
 * Returns 0, or -1 when no UTF-8 locale exists (Cyrillic cannot work then). */
int i18n_init(const char *localedir);

/* The interface language the environment asks for: "bg" or "uk" from LANGUAGE, or from the
 * first of LC_ALL, LC_MESSAGES and LANG that is set (bg_BG.UTF-8 -> "bg"); "" when that
 * variable names another language (en_US.UTF-8: English); NULL when none is set or it is
 * C/POSIX (a bare console, CI).  i18n_init() applies it, also where the locale is not
 * installed. */
const char *i18n_language_from_env(void);

/* Switches interface text to lang ("bg", "uk"); NULL or "" means untranslated.  Takes effect
 * for the next gettext() call; no restart. */
void i18n_set_language(const char *lang);

/* The language last set, "" when none. */
const char *i18n_language(void);

/* The language set now, kept to be set again after text is made in other languages for a
 * moment (a screen shown in several at once): i18n_restore(i18n_save()) changes nothing. */
struct i18n_saved {
	char lang[16];
};
struct i18n_saved i18n_save(void);
void i18n_restore(const struct i18n_saved *saved);

#endif
