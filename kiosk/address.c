/* address: see address.h.  The rules cover the common endings of Ukrainian first names
 * (Олена → Олено, Марія → Маріє, Оля → Олю, Петро → Петре, Андрій → Андрію, Іван → Іване,
 * Василь → Василю, Олег → Олеже) and patronymics (Петрівна → Петрівно, Петрович → Петровичу).  Only the
 * first word, and the second when it is a patronymic, change; a surname stays as typed. */
#include "address.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

#include "util.h"

struct ending {
	const char *from, *to;  /* lower case; a capital last letter keeps its case */
};

/* Longest first: the first ending that matches wins. */
static const struct ending first_names[] = {
	{ "ія", "іє" }, { "ко", "ку" }, { "я", "ю" }, { "а", "о" }, { "о", "е" }, { "й", "ю" },
	{ "ь", "ю" },
	/* hard consonants take -е; г alternates (Олег → Олеже), к takes -у (Марк → Марку);
	 * х, rare at the end of a name, is left alone */
	{ "г", "же" }, { "к", "ку" },
	{ "б", "бе" }, { "в", "ве" }, { "д", "де" }, { "з", "зе" }, { "л", "ле" }, { "м", "ме" },
	{ "н", "не" }, { "п", "пе" }, { "р", "ре" }, { "с", "се" }, { "т", "те" }, { "ф", "фе" },
};
static const struct ending patronymics[] = {
	{ "івна", "івно" }, { "ївна", "ївно" }, { "ович", "овичу" }, { "евич", "евичу" },
	{ "йович", "йовичу" },
};

static bool ends_with(const char *w, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && memcmp(w + n - k, suffix, k) == 0;
}

/* Appends word w[0..n) changed by the first matching ending of e[], to out. */
static char *change(char *out, const char *w, size_t n, const struct ending *e, size_t count,
                    bool *changed)
{
	size_t lower_len;
	uint8_t *lower = u8_tolower((const uint8_t *)w, n, NULL, NULL, NULL, &lower_len);
	char *r = NULL;

	*changed = false;
	for (size_t i = 0; lower && i < count && !r; i++) {
		size_t k = strlen(e[i].from);
		bool upper;

		if (!ends_with((const char *)lower, lower_len, e[i].from) || lower_len != n)
			continue;
		/* ОЛЕНА typed in capitals becomes ОЛЕНО. */
		upper = memcmp(w + n - k, e[i].from, k) != 0;
		if (upper) {
			size_t ul;
			uint8_t *up = u8_toupper((const uint8_t *)e[i].to, strlen(e[i].to), NULL, NULL,
			                         NULL, &ul);

			r = xasprintf("%s%.*s%.*s", out, (int)(n - k), w, (int)ul, (const char *)up);
			free(up);
		} else {
			r = xasprintf("%s%.*s%s", out, (int)(n - k), w, e[i].to);
		}
		*changed = true;
	}
	free(lower);
	if (!r)
		r = xasprintf("%s%.*s", out, (int)n, w);
	free(out);
	return r;
}

/* Is w[0..n) all Cyrillic letters (and apostrophes, hyphens)? */
static bool cyrillic_word(const char *w, size_t n)
{
	const uint8_t *s = (const uint8_t *)w, *end = s + n;
	ucs4_t c;

	while (s < end) {
		int len = u8_mbtouc(&c, s, (size_t)(end - s));

		if (!((c >= 0x400 && c <= 0x4ff) || c == '\'' || c == 0x2019 || c == '-'))
			return false;
		s += len;
	}
	return n > 0;
}

char *address_vocative(const char *name, const char *language)
{
	const char *p = name, *sp;
	char *out;
	bool changed;
	size_t n;

	if (!language || strcmp(language, "uk") != 0)
		return xstrdup(name);
	while (*p == ' ')
		p++;
	sp = strchr(p, ' ');
	n = sp ? (size_t)(sp - p) : strlen(p);
	if (!cyrillic_word(p, n))
		return xstrdup(name);
	out = change(xstrdup(""), p, n, first_names, sizeof first_names / sizeof first_names[0],
	             &changed);
	if (!sp)
		return out;
	p = sp;
	while (*p == ' ')
		p++;
	sp = strchr(p, ' ');
	n = sp ? (size_t)(sp - p) : strlen(p);
	{
		char *with = xasprintf("%s ", out);

		free(out);
		out = change(with, p, n, patronymics, sizeof patronymics / sizeof patronymics[0],
		             &changed);
	}
	if (sp) {
		char *rest = xasprintf("%s%s", out, sp);

		free(out);
		out = rest;
	}
	return out;
}
