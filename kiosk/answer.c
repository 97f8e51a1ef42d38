/* answer: see answer.h. */
#include "answer.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "i18n.h"
#include "text.h"

/* The comparison key of s: text_fold, or without the case folding when case counts; with
 * digits_only, without its blanks ("0888 123 456" is written in groups). */
static char *answer_key(const char *s, bool case_counts, bool digits_only)
{
	char *k = case_counts ? text_normal(s) : text_fold(s);

	if (digits_only) {
		char *to = k;

		for (const char *from = k; *from; from++)
			if (*from != ' ')
				*to++ = *from;
		*to = '\0';
	}
	return k;
}

bool answer_matches_case(const char *typed, char *const *accepted, size_t n, bool case_counts)
{
	char *key = answer_key(typed, case_counts, false);
	bool match = false;

	for (size_t i = 0; i < n && !match; i++) {
		char *want = answer_key(accepted[i], case_counts, false);

		match = *key && strcmp(key, want) == 0;
		free(want);
	}
	free(key);
	return match;
}

bool answer_matches(const char *typed, char *const *accepted, size_t n)
{
	return answer_matches_case(typed, accepted, n, false);
}

char *answer_same_key(const char *s, bool digits_only)
{
	return answer_key(s, false, digits_only);
}

bool answer_same(const char *a, const char *b, bool digits_only)
{
	char *ka = answer_same_key(a, digits_only), *kb = answer_same_key(b, digits_only);
	bool same = *ka && strcmp(ka, kb) == 0;

	free(ka);
	free(kb);
	return same;
}

const struct answer_reject *answer_rejected(const char *typed, const struct answer_reject *g,
                                            size_t n, bool digits_only)
{
	char *key = answer_key(typed, false, digits_only);
	const struct answer_reject *hit = NULL;

	for (size_t i = 0; i < n && !hit && *key; i++)
		for (size_t j = 0; j < g[i].count && !hit; j++) {
			char *bad = answer_key(g[i].text[j], false, digits_only);

			if (strcmp(key, bad) == 0)
				hit = &g[i];
			free(bad);
		}
	free(key);
	return hit;
}

void answer_rejects_free(struct answer_reject *g, size_t n)
{
	if (!g)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < g[i].count; j++)
			free(g[i].text[j]);
		free(g[i].text);
		free(g[i].feedback);
	}
	free(g);
}

/* Which letters s holds: bit 1 Latin, bit 2 Cyrillic (other scripts and non-letters do not
 * count).  Invalid UTF-8 ends the scan: lesson and typed text are checked elsewhere. */
enum { SCRIPT_LATIN = 1, SCRIPT_CYRILLIC = 2 };

static int letter_scripts(const char *s)
{
	const uc_script_t *latin = uc_script_byname("Latin"), *cyrillic = uc_script_byname("Cyrillic");
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	int found = 0;

	while (p < end) {
		ucs4_t c;
		int len = u8_mbtouc(&c, p, (size_t)(end - p));

		if (c == 0xfffd && len == 1)
			break;
		if (uc_is_alpha(c)) {
			if (uc_is_script(c, latin))
				found |= SCRIPT_LATIN;
			else if (uc_is_script(c, cyrillic))
				found |= SCRIPT_CYRILLIC;
		}
		p += len;
	}
	return found;
}

bool answer_wrong_script(const char *typed, char *const *accepted, size_t n)
{
	if (n == 0 || !(letter_scripts(typed) & SCRIPT_LATIN))
		return false;
	for (size_t i = 0; i < n; i++)
		if (letter_scripts(accepted[i]) != SCRIPT_CYRILLIC)
			return false;
	return true;
}

bool answer_has_latin_letters(const char *s)
{
	return (letter_scripts(s) & SCRIPT_LATIN) != 0;
}

const char *answer_wrong_script_feedback(const char *typed)
{
	/* "Some letters" only when some are not: a whole word in Latin letters is the keyboard. */
	if (letter_scripts(typed) & SCRIPT_CYRILLIC)
		return _("Some letters are Latin. Ask the trainer to switch the keyboard to Cyrillic, "
		         "erase what you typed with the Backspace key and type it again.");
	return _("The letters are Latin. Ask the trainer to switch the keyboard to Cyrillic, "
	         "erase what you typed with the Backspace key and type it again.");
}
