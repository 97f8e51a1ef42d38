/* text: see text.h.  Thin, careful wrappers over libunistring. */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "swar.h"
#include "util.h"

/* libunistring wants the locale's encoding name only for ambiguous-width East Asian
 * characters; our text is always UTF-8, so say so instead of asking the locale. */
static const char ENCODING[] = "UTF-8";

/* Eight bytes at a time when they are ASCII or whole two-byte characters (all of Cyrillic):
 * bit tests on the word, no branch per character (check-lessons checks every byte of every
 * lesson).  *pend says the last byte of the previous word began a two-byte character.
 * Returns false when the word needs the careful path (a longer character, or bad bytes). */
static bool word_ascii_or_2byte(uint64_t w, unsigned *pend)
{
	const uint64_t high = SWAR_HIGH;
	uint64_t b7 = w & high, b6 = (w << 1) & high, b5 = (w << 2) & high;
	uint64_t cont = b7 & ~b6;            /* 10xxxxxx */
	uint64_t lead = b7 & b6 & ~b5;       /* 110xxxxx */
	/* C0 and C1 would be overlong: a lead needs one of bits 1..4 set. */
	uint64_t big = ((w & 0x1E1E1E1E1E1E1E1EULL) + 0x7F7F7F7F7F7F7F7FULL) & high;

	if ((b7 & b6 & b5) || (lead & ~big) || cont != ((lead << 8) | ((uint64_t)*pend << 7)))
		return false;
	*pend = (unsigned)(lead >> 63);
	return true;
}

/* Anything else one character at a time by libunistring's own decoder, which rejects exactly
 * what u8_check rejects (overlong forms, surrogates, beyond U+10FFFF). */
bool text_valid_utf8(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n, *stop;
	unsigned pend = 0;

	while (p < end) {
		ucs4_t uc;
		int k;

		if (SWAR_LE && end - p >= 8 && word_ascii_or_2byte(swar_load(p), &pend)) {
			p += 8;
			continue;
		}
		/* The careful path starts at a character (the lead byte of a two-byte character
		 * that the last word ended in) and goes past the word. */
		stop = end - p >= 8 ? p + 8 : end;
		p -= pend;
		pend = 0;
		while (p < stop) {
			if (*p < 0x80) {
				p++;
			} else if (*p >= 0xc2 && *p <= 0xdf && end - p >= 2 &&
			           (p[1] & 0xc0) == 0x80) {
				p += 2;
			} else {
				k = u8_mbtoucr(&uc, p, (size_t)(end - p));
				if (k < 0)
					return false;
				p += k;
			}
		}
	}
	return pend == 0;
}

/* One column, and the length of the character at p (end - p bytes left), for the characters
 * lessons are made of: printable ASCII, Latin-1 and Latin Extended letters (U+00A0..U+02FF
 * but the soft hyphen), Cyrillic letters U+0400..U+047F, and the dashes, quotes, ellipsis,
 * bullet, euro, numero and arrow signs of the texts.  0 for anything else: libunistring
 * measures that. */
static int one_column(const unsigned char *p, const unsigned char *end)
{
	static const unsigned char e2_80[] = { 0x93, 0x94, 0x98, 0x99, 0x9c, 0x9d, 0x9e, 0xa2, 0xa6 };

	if (p[0] >= 0x20 && p[0] < 0x7f)
		return 1;
	if (end - p >= 2 && (p[1] & 0xc0) == 0x80 &&
	    ((p[0] == 0xc2 && p[1] >= 0xa0 && p[1] != 0xad) || (p[0] >= 0xc3 && p[0] <= 0xcb) ||
	     p[0] == 0xd0 || p[0] == 0xd1))
		return 2;
	if (end - p >= 3 && p[0] == 0xe2) {
		if (p[1] == 0x80 && memchr(e2_80, p[2], sizeof e2_80))
			return 3;
		if ((p[1] == 0x82 && p[2] == 0xac) || (p[1] == 0x84 && p[2] == 0x96) ||
		    (p[1] == 0x86 && p[2] == 0x92))
			return 3;
	}
	return 0;
}

/* Whether the eight bytes at p are printable ASCII and whole Cyrillic letters (lead D0 or D1,
 * then a continuation byte), the bulk of every lesson; *chars counts them.  *pend says that
 * the byte before p is a lead whose continuation begins this word. */
static bool word_one_column(const unsigned char *p, size_t *chars, unsigned *pend)
{
	uint64_t w = swar_load(p), low = w & ~SWAR_HIGH, b7 = w & SWAR_HIGH, cont, lead, printable;

	/* an ASCII byte is printable when it is 0x20 or more and not 0x7f */
	printable = ((low + 0x60 * SWAR_ONES) & SWAR_HIGH) &
	            ~swar_zero_bytes(low ^ 0x7f * SWAR_ONES);
	cont = b7 & ~(w << 1);
	lead = swar_zero_bytes((w & 0xfe * SWAR_ONES) ^ 0xd0 * SWAR_ONES);
	if ((~b7 & SWAR_HIGH & ~printable) || (b7 & ~(lead | cont)) ||
	    cont != ((lead << 8) | ((uint64_t)*pend << 7)))
		return false;
	*pend = (unsigned)(lead >> 63);
	*chars += 8 - swar_count_high(cont);
	return true;
}

long text_one_column_chars(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t chars = 0;
	unsigned pend = 0;
	int k;

	while (p < end) {
		const unsigned char *stop = end - p >= 8 ? p + 8 : end;

		if (SWAR_LE && end - p >= 8 && word_one_column(p, &chars, &pend)) {
			p += 8;
			continue;
		}
		/* past the word the careful way, from the lead of a letter the last word split */
		if (pend) {
			p--;
			chars--;
			pend = 0;
		}
		for (; p < stop; p += k, chars++) {
			if ((p[0] == 0xd0 || p[0] == 0xd1) && end - p >= 2 && (p[1] & 0xc0) == 0x80)
				k = 2;
			else if (!(k = one_column(p, end)))
				return -1;
		}
	}
	return pend ? -1 : (long)chars;
}

size_t text_width_n(const char *s, size_t n)
{
	long chars = text_one_column_chars(s, n);
	int w;

	if (chars >= 0)
		return (size_t)chars;  /* the usual text: no table to look up */
	w = u8_width((const uint8_t *)s, n, ENCODING);
	return w < 0 ? 0 : (size_t)w;
}

size_t text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

size_t text_grapheme_next(const char *s, size_t len, size_t pos)
{
	const uint8_t *p, *end = (const uint8_t *)s + len;

	if (pos >= len)
		return len;
	p = u8_grapheme_next((const uint8_t *)s + pos, end);
	return p ? (size_t)(p - (const uint8_t *)s) : len;
}

size_t text_grapheme_prev(const char *s, size_t pos)
{
	const uint8_t *p;

	if (pos == 0)
		return 0;
	p = u8_grapheme_prev((const uint8_t *)s + pos, (const uint8_t *)s);
	return p ? (size_t)(p - (const uint8_t *)s) : 0;
}

/* Bytes looked ahead for one grapheme: no real cluster is longer, and not calling strlen
 * keeps fitting a line of a very long text proportional to the line. */
#define GRAPHEME_WINDOW 256

size_t text_fit(const char *s, size_t cols)
{
	size_t pos = 0, used = 0;
	/* The usual case, a short text that fits whole, in one pass instead of one grapheme at a
	 * time (it was 15% of a key's CPU on the lesson list).  The widths of the graphemes add
	 * up to the width of the whole when it is valid UTF-8 without control characters. */
	size_t n = strnlen(s, 4 * cols + 4);
	int whole;

	if (n < 4 * cols + 4 && u8_check((const uint8_t *)s, n) == NULL &&
	    (whole = u8_width((const uint8_t *)s, n, ENCODING)) >= 0 && (size_t)whole <= cols)
		return n;
	while (s[pos]) {
		size_t window = strnlen(s + pos, GRAPHEME_WINDOW);
		size_t next = pos + text_grapheme_next(s + pos, window, 0);
		size_t w = text_width_n(s + pos, next - pos);

		if (used + w > cols)
			break;
		used += w;
		pos = next;
	}
	return pos;
}

char *text_nfc(const char *s)
{
	size_t n = strlen(s), outlen = 0;
	uint8_t *r;
	char *out;

	r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &outlen);
	if (!r)
		return xstrdup(s);
	out = xstrndup((const char *)r, outlen);
	free(r);
	return out;
}

size_t text_blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\v' || *s == '\f')
		return 1;
	if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	return 0;
}


/* Copy of s with blanks trimmed at both ends and inner runs made one ASCII space. */
static char *squeeze_spaces(const char *s)
{
	char *out = xmalloc(strlen(s) + 1);
	size_t o = 0, n;
	bool pending = false;

	while (*s) {
		if ((n = text_blank_len(s))) {
			pending = o > 0;
			s += n;
			continue;
		}
		if (pending)
			out[o++] = ' ';
		pending = false;
		out[o++] = *s++;
	}
	out[o] = '\0';
	return out;
}

char *text_fold(const char *s)
{
	char *squeezed = squeeze_spaces(s), *out;
	size_t outlen = 0;
	uint8_t *r;

	r = u8_casefold((const uint8_t *)squeezed, strlen(squeezed), NULL, UNINORM_NFC,
	                NULL, &outlen);
	if (!r)
		return squeezed;  /* invalid UTF-8: compare as typed */
	out = xstrndup((const char *)r, outlen);
	free(r);
	free(squeezed);
	return out;
}

char *text_normal(const char *s)
{
	char *squeezed = squeeze_spaces(s), *out = text_nfc(squeezed);

	free(squeezed);
	return out;
}

bool text_is_blank(const char *s)
{
	size_t n;

	while (*s && (n = text_blank_len(s)))
		s += n;
	return *s == '\0';
}

int text_encode(uint32_t cp, char out[4])
{
	int n = u8_uctomb((uint8_t *)out, cp, 4);

	return n < 0 ? 0 : n;
}

char *text_first_words(const char *s, size_t cols)
{
	size_t n = 0, cut;
	char *out = xmalloc(strlen(s) + sizeof "\xe2\x80\xa6");
	bool space = false;

	for (const char *p = s; *p; p++) {
		if (strchr(" \t\r\n\v\f", *p)) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = *p;
	}
	out[n] = '\0';
	if (text_width(out) <= cols)
		return out;
	cut = text_fit(out, cols - 1);  /* room for the ellipsis */
	for (size_t i = cut; i > 0; i--) {
		if (out[i] == ' ') {
			cut = i;  /* a whole word rather than half of one */
			break;
		}
	}
	while (cut > 0 && out[cut - 1] == ' ')
		cut--;
	memcpy(out + cut, "\xe2\x80\xa6", sizeof "\xe2\x80\xa6");
	return out;
}

bool text_is_invisible_format(uint32_t cp)
{
	return cp == 0x00ad || cp == 0x061c || cp == 0x200b || cp == 0x200d || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x2069) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff ||
	       (cp >= 0x1f3fb && cp <= 0x1f3ff);
}

char *text_strip_invisible(const char *s)
{
	size_t len = strlen(s), o = 0;
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	char *out = xmalloc(len + 1);

	if (!text_valid_utf8(s, len)) {
		memcpy(out, s, len + 1);
		return out;
	}
	while (p < end) {
		ucs4_t cp;
		int n = u8_mbtouc(&cp, p, (size_t)(end - p));

		if (!text_is_invisible_format(cp)) {
			memcpy(out + o, p, (size_t)n);
			o += (size_t)n;
		}
		p += n;
	}
	out[o] = '\0';
	return out;
}

/* word as the shell reads it back unchanged: bare when it holds only safe characters (UTF-8
 * letters included), else in single quotes with each ' written as '\''. */
static char *shell_word(const char *w)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                           "0123456789@%+=:,./_-";
	size_t n = strlen(w), o = 0;
	bool bare = n > 0;
	char *out;

	for (const char *p = w; *p && bare; p++)
		bare = (unsigned char)*p >= 0x80 || strchr(safe, *p);
	if (bare)
		return xstrdup(w);
	out = xmalloc(4 * n + 3);
	out[o++] = '\'';
	for (const char *p = w; *p; p++) {
		if (*p == '\'') {
			memcpy(out + o, "'\\''", 4);
			o += 4;
		} else {
			out[o++] = *p;
		}
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

size_t text_command_lines(const char *const *words, size_t n, size_t width, char ***lines)
{
	size_t count = 0;
	char *cur = NULL;

	*lines = NULL;
	for (size_t i = 0; i < n; i++) {
		char *w = shell_word(words[i]);

		/* " \\" at the end of the line takes 2 columns. */
		if (cur && text_width(cur) + 1 + text_width(w) + 2 > width) {
			char *done = xasprintf("%s \\", cur);

			*lines = xrealloc(*lines, (count + 1) * sizeof **lines);
			(*lines)[count++] = done;
			free(cur);
			cur = xasprintf("  %s", w);
		} else if (cur) {
			char *longer = xasprintf("%s %s", cur, w);

			free(cur);
			cur = longer;
		} else {
			cur = xstrdup(w);
		}
		free(w);
	}
	if (cur) {
		*lines = xrealloc(*lines, (count + 1) * sizeof **lines);
		(*lines)[count++] = cur;
	}
	return count;
}

void text_free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
