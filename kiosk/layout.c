/* layout: see layout.h. */
#include "layout.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "text.h"
#include "util.h"

/* Adds a line; with cap NULL only counts it (layout_count: the lesson checks need the number
 * of rows, not the rows). */
static void push(struct layout *l, size_t *cap, const char *s, size_t n)
{
	if (!cap) {
		l->count++;
		return;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (l->count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		l->line = xrealloc(l->line, *cap * sizeof *l->line);
	}
	l->line[l->count++] = xstrndup(s, n);
}

/* One piece between break opportunities can still be wider than the line (a long word or
 * address): cut it at grapheme boundaries so nothing runs off the screen. */
static void push_cut(struct layout *l, size_t *cap, const char *s, size_t n, size_t width)
{
	char *piece = xstrndup(s, n);
	const char *p = piece;
	size_t left = n;

	/* text_fit walks only as far as one line: long pieces stay linear. */
	for (;;) {
		size_t fit = text_fit(p, width);

		if (fit >= left)
			break;
		if (fit == 0)  /* a single grapheme wider than the line */
			fit = text_grapheme_next(p, left, 0);
		push(l, cap, p, fit);
		p += fit;
		left -= fit;
	}
	push(l, cap, p, left);
	free(piece);
}

static size_t trimmed_len(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
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

/* Display width of s[0..n), or -1 when it holds a control character (u8_width's rule, which
 * text_width_n turns into 0 for the whole text). */
static int piece_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	int w = 0, k;

	for (; p < end; p += k, w++) {
		/* Cyrillic letters first: most of every lesson */
		if ((p[0] == 0xd0 || p[0] == 0xd1) && end - p >= 2 && (p[1] & 0xc0) == 0x80)
			k = 2;
		else if (!(k = one_column(p, end)))
			return u8_width((const uint8_t *)s, n, "UTF-8");
	}
	return w;
}

/* The width of the line so far, measured once per piece: widths add up over break
 * opportunities, so a line is never measured again from its start. */
struct line_width {
	size_t full;     /* width of the pieces so far, trailing blanks included */
	size_t trimmed;  /* the same without the trailing blanks: what must fit */
	bool control;    /* a control character before the trailing blanks: the line measures 0
	                  * (as text_width_n measures it) */
	bool full_control;
};

/* The line's width with the piece s[0..n) added (*next), as text_width_n would measure the
 * whole line without its trailing blanks. */
static size_t add_piece(const struct line_width *w, const char *s, size_t n,
                        struct line_width *next)
{
	size_t t = trimmed_len(s, n);
	int full = piece_width(s, n), trim;

	/* Trailing spaces are one column each: the piece is not measured twice (a tab is
	 * measured, libunistring gives it no column). */
	if (t == n)
		trim = full;
	else if (full >= 0 && !memchr(s + t, '\t', n - t))
		trim = full - (int)(n - t);
	else
		trim = piece_width(s, t);

	*next = *w;
	if (t > 0) {  /* the piece has more than blanks: the line now ends in it */
		next->control = w->full_control || trim < 0;
		next->trimmed = w->full + (trim < 0 ? 0 : (size_t)trim);
	}
	next->full_control = w->full_control || full < 0;
	next->full = w->full + (full < 0 ? 0 : (size_t)full);
	return next->control ? 0 : next->trimmed;
}

#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
/* Word-at-a-time helpers of the one-column loop below read eight bytes as a little-endian
 * word (the byte a set bit stands for is then its bit number / 8). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS_LE 1
#else
#define WORDS_LE 0
#endif

/* High bit of each byte of w that is zero. */
static uint64_t zero_bytes(uint64_t w)
{
	return ~(((w & ~HIGH) + ~HIGH) | w) & HIGH;
}

/* How many bytes of w have their high bit set, when only high bits may be (a multiply, not
 * a popcount: x86-64's baseline has none). */
static size_t high_bits(uint64_t w)
{
	return (size_t)(((w >> 7) * ONES) >> 56);
}

/* Whether the eight bytes at p are printable ASCII and whole Cyrillic letters (lead D0 or D1,
 * then a continuation byte), the bulk of every lesson; *chars counts them.  *pend says that
 * the byte before p is a lead whose continuation begins this word. */
static bool word_one_column(const unsigned char *p, size_t *chars, unsigned *pend)
{
	uint64_t w, low, b7, cont, lead, printable;

	memcpy(&w, p, 8);
	low = w & ~HIGH;
	b7 = w & HIGH;
	/* an ASCII byte is printable when it is 0x20 or more and not 0x7f */
	printable = ((low + 0x60 * ONES) & HIGH) & ~zero_bytes(low ^ 0x7f * ONES);
	cont = b7 & ~(w << 1);
	lead = zero_bytes((w & 0xfe * ONES) ^ 0xd0 * ONES);
	if ((~b7 & HIGH & ~printable) || (b7 & ~(lead | cont)) ||
	    cont != ((lead << 8) | ((uint64_t)*pend << 7)))
		return false;
	*pend = (unsigned)(lead >> 63);
	*chars += 8 - (size_t)high_bits(cont);
	return true;
}

/* The number of characters of s[0..n) when each is one column (one_column), else -1. */
static long one_column_chars(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t chars = 0;
	unsigned pend = 0;
	int k;

	while (p < end) {
		if (WORDS_LE && end - p >= 8 && word_one_column(p, &chars, &pend)) {
			p += 8;
			continue;
		}
		/* one character the careful way, from the lead of a letter the word split */
		if (pend) {
			p--;
			chars--;
			pend = 0;
		}
		if ((p[0] == 0xd0 || p[0] == 0xd1) && end - p >= 2 && (p[1] & 0xc0) == 0x80)
			k = 2;
		else if (!(k = one_column(p, end)))
			return -1;
		p += k;
		chars++;
	}
	return pend ? -1 : (long)chars;
}

/* Bytes of s[a..b) that begin a character (all but the 10xxxxxx ones). */
static size_t char_starts(const char *s, size_t a, size_t b)
{
	const char *p = s + a;
	size_t n = b - a, cont = 0;

	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		cont += (size_t)high_bits(w & ~(w << 1) & HIGH);
	}
	for (; n > 0; p++, n--)
		cont += ((unsigned char)*p & 0xc0) == 0x80;
	return b - a - cont;
}

/* The first break opportunity at or after i, or n. */
static size_t next_break(const char *brk, size_t i, size_t n)
{
	for (; WORDS_LE && i + 8 <= n; i += 8) {
		uint64_t w, hit;

		memcpy(&w, brk + i, 8);
		/* UC_BREAK_POSSIBLE (2) and UC_BREAK_MANDATORY (3): 2 once the low bit is off */
		hit = zero_bytes((w & 0xfe * ONES) ^ 0x02 * ONES);
		if (hit)
			return i + (size_t)__builtin_ctzll(hit) / 8;
	}
	while (i < n && brk[i] != UC_BREAK_POSSIBLE && brk[i] != UC_BREAK_MANDATORY)
		i++;
	return i;
}

/* wrap_paragraph's greedy loop for a paragraph of one-column characters only (nearly every
 * paragraph of the lessons), from break opportunity to break opportunity: a line's width is
 * then the number of characters from its start to its last non-blank one, counted instead of
 * measuring each piece.  The same choices as the general loop: one_column_chars and the width
 * add_piece gives agree for such text (no tab, no control character; a trailing space is one
 * column and one byte). */
static void wrap_one_column(struct layout *l, size_t *cap, const char *s, size_t n,
                            size_t width, const char *brk)
{
	size_t start = 0, fits = 0, prev = 0;
	size_t chars = 0;                    /* characters of s[0..prev) */
	size_t start_chars = 0, fits_chars = 0;

	while (prev < n) {
		size_t i = next_break(brk, prev + 1, n), ink = i, w;

		chars += char_starts(s, prev, i);
		prev = i;
		while (ink > start && s[ink - 1] == ' ')
			ink--;
		/* the line s[start..i) without its trailing blanks: s[start..ink) */
		w = ink > start ? chars - (i - ink) - start_chars : 0;
		if (w > width && fits > start) {  /* end the line at the last piece that fitted */
			push(l, cap, s + start, fits - start);
			start = fits;
			start_chars = fits_chars;
			w = ink > start ? chars - (i - ink) - start_chars : 0;
		}
		if (w > width) {
			push_cut(l, cap, s + start, i - start, width);
			start = i;
			start_chars = chars;
		}
		fits = i;
		fits_chars = chars;
	}
	if (start < n)
		push(l, cap, s + start, n - start);
}

/* Greedy wrapping over libunistring's break opportunities (UAX #14): each line takes as many
 * pieces as fit; a piece wider than the whole line is cut by push_cut.  Linear: each piece is
 * measured once (twice when it starts a new line). */
static void wrap_paragraph(struct layout *l, size_t *cap, const char *s, size_t n,
                           size_t width)
{
	char small[1024], *brk;
	size_t start = 0, fits = 0;
	struct line_width line = { 0 }, next;
	long chars;

	if (n == 0) {
		push(l, cap, "", 0);
		return;
	}
	/* A paragraph that fits whole is one line: no break opportunities to look for (every
	 * line before it would be a prefix, and a prefix is never wider).  Not worth measuring
	 * when it has more than four bytes a column (it fits only with many combining marks; the
	 * loop below finds that too). */
	chars = one_column_chars(s, n);
	if (chars >= 0 ? n <= 4 * width && (size_t)chars - (n - trimmed_len(s, n)) <= width
	               : n <= 4 * width && add_piece(&line, s, n, &next) <= width &&
	                 !next.control) {
		push(l, cap, s, n);
		return;
	}
	brk = n <= sizeof small ? small : xmalloc(n);
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
	if (chars >= 0) {
		wrap_one_column(l, cap, s, n, width, brk);
		if (brk != small)
			free(brk);
		return;
	}
	for (size_t i = 1; i <= n; i++) {
		if (i < n && brk[i] != UC_BREAK_POSSIBLE && brk[i] != UC_BREAK_MANDATORY)
			continue;
		if (add_piece(&line, s + fits, i - fits, &next) <= width) {
			fits = i;
			line = next;
			continue;
		}
		if (fits > start) {  /* end the line at the last piece that fitted */
			push(l, cap, s + start, fits - start);
			start = fits;
			line = (struct line_width){ 0 };
			if (add_piece(&line, s + start, i - start, &next) <= width) {
				fits = i;
				line = next;
				continue;
			}
		}
		push_cut(l, cap, s + start, i - start, width);
		start = fits = i;
		line = (struct line_width){ 0 };
	}
	if (start < n)
		push(l, cap, s + start, n - start);
	if (brk != small)
		free(brk);
}

/* Wraps text into out, or only counts its lines when cap is NULL. */
static void wrap(const char *text, size_t width, size_t *cap, struct layout *out)
{
	const char *p = text;

	out->line = NULL;
	out->count = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		wrap_paragraph(out, cap, p, n, width);
		if (!nl)
			break;
		p = nl + 1;
	}
}

void layout_wrap(const char *text, size_t width, struct layout *out)
{
	size_t cap = 0;

	wrap(text, width, &cap, out);
}

void layout_free(struct layout *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->count = 0;
}

size_t layout_count(const char *text, size_t width)
{
	struct layout l = { 0 };

	wrap(text, width, NULL, &l);
	return l.count;
}
