/* layout: see layout.h. */
#include "layout.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "swar.h"
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

/* Display width of s[0..n), or -1 when it holds a control character (u8_width's rule, which
 * text_width_n turns into 0 for the whole text). */
static int piece_width(const char *s, size_t n)
{
	long chars = text_one_column_chars(s, n);

	return chars >= 0 ? (int)chars : u8_width((const uint8_t *)s, n, "UTF-8");
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

/* The position of the (k + 1)-th character from p in s[p..n), or n when there are no more
 * than k: s[p..that) is k characters (k columns, in one-column text). */
static size_t skip_chars(const char *s, size_t p, size_t n, size_t k)
{
	for (; n - p >= 8; p += 8) {
		uint64_t w = swar_load(s + p);
		size_t starts = 8 - swar_count_high(w & ~(w << 1) & SWAR_HIGH);

		if (starts > k)
			break;
		k -= starts;
	}
	for (; p < n; p++)
		if (((unsigned char)s[p] & 0xc0) != 0x80 && k-- == 0)
			return p;
	return n;
}

static bool is_break(const char *brk, size_t i)
{
	return brk[i] == UC_BREAK_POSSIBLE || brk[i] == UC_BREAK_MANDATORY;
}

/* The first break opportunity at or after i, or n. */
static size_t next_break(const char *brk, size_t i, size_t n)
{
	while (i < n && !is_break(brk, i))
		i++;
	return i;
}

/* The break opportunities of a one-column paragraph, found only near the ends of its lines:
 * libunistring's line breaking over whole paragraphs was 40% of check-lessons.
 *
 * UAX #14 can start afresh at a character that follows a space (U+0020, the only SP among
 * one-column characters): the rules that look back across spaces (LB14-LB17) look only at
 * the last character before them, and every other rule looks back over a run without spaces;
 * the state the algorithm keeps after a character that is not a space is that character's
 * class, as at the start of a text.  So u8_possible_linebreaks over s[ws..we), with ws such a
 * restart point, finds the paragraph's own opportunities at every position after ws, as long
 * as the window reaches past the next space after the positions wanted: no rule looks ahead
 * past a space.  (One-column text has no combining marks, emoji or complex-context scripts,
 * whose rules keep more state.)  A window started too late could only hide opportunities
 * (no text breaks at its start, even after leading spaces), and a line that finds none near
 * its end looks again from its start.  test_layout and test_layout_window compare the lines
 * with those of the whole paragraph's opportunities on texts of every kind of punctuation. */
struct lazy_breaks {
	const char *s;
	size_t n;
	char *brk;       /* n bytes, right in (lo, hi) */
	size_t lo, hi;   /* the last window */
};

static bool restart_at(const char *s, size_t q)
{
	return q == 0 || (s[q - 1] == ' ' && s[q] != ' ');
}

static size_t restart_at_or_before(const char *s, size_t q)
{
	while (!restart_at(s, q))
		q--;
	return q;
}

/* Makes b->brk right over (from, to]: the window starts at a restart point at or before from
 * and ends after the first space at or after to. */
static void find_breaks(struct lazy_breaks *b, size_t from, size_t to)
{
	const char *sp;
	size_t ws, we;

	if (from >= b->lo && to < b->hi)
		return;
	ws = restart_at_or_before(b->s, from);
	sp = to < b->n ? memchr(b->s + to, ' ', b->n - to) : NULL;
	we = sp ? (size_t)(sp - b->s) + 1 : b->n;
	u8_possible_linebreaks((const uint8_t *)b->s + ws, we - ws, "UTF-8", b->brk + ws);
	b->lo = ws;
	b->hi = we;
}

/* Bytes before a line's end where the last break opportunity is looked for first: two or
 * three words.  Only a line without one there needs the line from its start.  A test builds
 * this file with 1, so that windows start right at the positions looked at
 * (tests/unit/test_layout_window.c). */
#ifndef LAYOUT_BREAK_LOOKBACK
#define LAYOUT_BREAK_LOOKBACK 40
#endif

/* wrap_paragraph's greedy loop for a paragraph of one-column characters only (nearly every
 * paragraph of the lessons), a line at a time: a line's width is then the number of
 * characters from its start to its last non-blank one, so the line from start may end at
 * any break opportunity up to the width-th character after it, or past it over blanks only;
 * the greedy choice is the last of those, found by looking back from there.  The same lines
 * as the general loop (the width of a line only grows with each piece, and
 * text_one_column_chars and the width add_piece gives agree for such text: no tab, no
 * control character; a trailing space is one column and one byte). */
static void wrap_one_column(struct layout *l, size_t *cap, const char *s, size_t n,
                            size_t width, char *brk)
{
	struct lazy_breaks b = { .s = s, .n = n, .brk = brk };
	size_t start = 0;

	while (start < n) {
		size_t end = skip_chars(s, start, n, width), f, from;

		while (end < n && s[end] == ' ')
			end++;
		if (end == n)
			break;  /* the rest fits */
		from = end - start > LAYOUT_BREAK_LOOKBACK ? end - LAYOUT_BREAK_LOOKBACK : start;
		find_breaks(&b, from, end);
		for (f = end; f > b.lo && f > start && !is_break(brk, f); f--)
			;
		if (f == b.lo && f > start) {  /* none near the end: look from the line's start */
			find_breaks(&b, start, end);
			for (f = end; f > start && !is_break(brk, f); f--)
				;
		}
		if (f > start) {  /* the last break opportunity that fits */
			push(l, cap, s + start, f - start);
			start = f;
			continue;
		}
		/* a piece wider than the line */
		find_breaks(&b, start, n);
		f = next_break(brk, end + 1, n);
		push_cut(l, cap, s + start, f - start, width);
		start = f;
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
	chars = text_one_column_chars(s, n);
	if (chars >= 0 ? n <= 4 * width && (size_t)chars - (n - trimmed_len(s, n)) <= width
	               : n <= 4 * width && add_piece(&line, s, n, &next) <= width &&
	                 !next.control) {
		push(l, cap, s, n);
		return;
	}
	brk = n <= sizeof small ? small : xmalloc(n);
	if (chars >= 0) {
		wrap_one_column(l, cap, s, n, width, brk);
		if (brk != small)
			free(brk);
		return;
	}
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
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
