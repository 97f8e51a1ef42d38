/* i18n: see i18n.h. */
#include "i18n.h"

#include <ctype.h>
#include <langinfo.h>
#include <stdbool.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

#define DOMAIN "kiosk"

static char current[16];

static bool is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

const char *i18n_language_from_env(void)
{
	/* POSIX order: LANGUAGE, then the first of LC_ALL, LC_MESSAGES, LANG that is set. */
	const char *names[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = getenv(names[i]);

		if (!v || !*v)
			continue;
		if (strncmp(v, "bg", 2) == 0 && !isalpha((unsigned char)v[2]))
			return "bg";
		if (strncmp(v, "uk", 2) == 0 && !isalpha((unsigned char)v[2]))
			return "uk";
		if (i > 0)  /* the first locale variable set decides */
			return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 ||
			       strncmp(v, "C.", 2) == 0 ? NULL : "";
	}
	return NULL;
}

/* gettext ignores LANGUAGE while the messages locale is plain C, so the kiosk's screens
 * would be English.  That happens with a UTF-8 LC_CTYPE and nothing else set (ssh sessions
 * and Python's child processes set only LC_CTYPE): give messages C.UTF-8, which gettext
 * does not treat as C, so LANGUAGE chooses the catalogue. */
static void messages_not_plain_c(void)
{
	const char *m = setlocale(LC_MESSAGES, NULL);

	if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
}

int i18n_init(const char *localedir)
{
	char *dir, *abs;
	const char *env_lang = i18n_language_from_env();

	/* With LANG unset (CI, a bare console) the "" locale is ASCII and Cyrillic would be lost;
	 * C.UTF-8 exists on every Debian system. */
	if (!setlocale(LC_ALL, "") || !is_utf8()) {
		/* Only the two categories the kiosk's text depends on: the other ten stay C, which
		 * is what C.UTF-8 would give them too, without opening ten more files at every
		 * start. */
		setlocale(LC_CTYPE, "C.UTF-8");
		setlocale(LC_MESSAGES, "C.UTF-8");
	}
	messages_not_plain_c();
	if (!localedir)
		localedir = getenv("KIOSK_LOCALEDIR");
	dir = localedir && *localedir ? xstrdup(localedir) : paths_localedir();
	/* gettext resolves a relative directory at lookup time, against whatever the current
	 * directory is then: make it absolute now. */
	abs = realpath(dir, NULL);
	bindtextdomain(DOMAIN, abs ? abs : dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	free(abs);
	free(dir);
	/* LANG=bg_BG.UTF-8 on a system without that locale falls back to C.UTF-8 above, where
	 * gettext would speak English: name the language to gettext directly. */
	if (env_lang && *env_lang)
		i18n_set_language(env_lang);
	return is_utf8() ? 0 : -1;
}

void i18n_set_language(const char *lang)
{
	snprintf(current, sizeof current, "%s", lang ? lang : "");
	/* LANGUAGE overrides the locale for messages; an empty value would fall back to the
	 * locale, which is C.UTF-8 here: untranslated. */
	if (*current)
		setenv("LANGUAGE", current, 1);
	else
		unsetenv("LANGUAGE");
	textdomain(DOMAIN);  /* clears gettext's cache so the switch takes effect now */
}

const char *i18n_language(void)
{
	return current;
}

struct i18n_saved i18n_save(void)
{
	struct i18n_saved saved;

	_Static_assert(sizeof saved.lang == sizeof current, "a saved language holds any");
	memcpy(saved.lang, current, sizeof current);
	return saved;
}

void i18n_restore(const struct i18n_saved *saved)
{
	i18n_set_language(saved->lang);
}
