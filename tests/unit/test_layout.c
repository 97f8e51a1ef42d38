/* Unit tests: wrapping by display width with libunistring line breaking. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "layout.h"
#include "text.h"

static void wraps_cyrillic_at_word_boundaries(void **state)
{
	struct layout l;

	layout_wrap("Добре дошли в онлайн аптеката! Тук ще научите", 20, &l);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.line[0], "Добре дошли в онлайн");
	assert_string_equal(l.line[1], "аптеката! Тук ще");
	assert_string_equal(l.line[2], "научите");
	layout_free(&l);
}

static void line_may_fill_the_width_exactly(void **state)
{
	struct layout l;

	layout_wrap("абвг деж", 8, &l);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.line[0], "абвг деж");
	layout_free(&l);
}

static void combining_marks_take_no_column(void **state)
{
	struct layout l;

	/* five "й" written decomposed: 10 code points, 5 columns */
	layout_wrap("и\xcc\x86и\xcc\x86и\xcc\x86и\xcc\x86и\xcc\x86 ок", 8, &l);
	assert_int_equal(l.count, 1);
	layout_free(&l);
}

static void wide_characters_take_two_columns(void **state)
{
	struct layout l;

	layout_wrap("日本語 日本語", 6, &l);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.line[0], "日本語");
	layout_free(&l);
}

static void paragraphs_and_empty_lines_are_kept(void **state)
{
	struct layout l;

	layout_wrap("Първи.\n\nВтори.", 40, &l);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.line[0], "Първи.");
	assert_string_equal(l.line[1], "");
	assert_string_equal(l.line[2], "Втори.");
	layout_free(&l);
}

static void long_word_is_cut_within_width(void **state)
{
	struct layout l;

	layout_wrap("www.аптека-здраве-пример.bg", 10, &l);
	assert_true(l.count >= 3);
	for (size_t i = 0; i < l.count; i++)
		assert_true(text_width(l.line[i]) <= 10);
	layout_free(&l);
}

/* Every line fits, and no line could have taken the next line's first word. */
static void greedy_and_within_width_on_many_texts(void **state)
{
	static const char *words[] = { "а", "бб", "ввв", "гггг", "ддддд", "ї", "жж" };
	unsigned seed = 7;
	char buf[2048];

	for (int t = 0; t < 300; t++) {
		int n = rand_r(&seed) % 40;

		buf[0] = '\0';
		for (int i = 0; i < n; i++) {
			strcat(buf, words[rand_r(&seed) % 7]);
			strcat(buf, " ");
		}
		for (size_t w = 6; w < 30; w++) {
			struct layout l;

			layout_wrap(buf, w, &l);
			for (size_t i = 0; i < l.count; i++) {
				assert_true(text_width(l.line[i]) <= w);
				if (i + 1 < l.count) {
					size_t first = strcspn(l.line[i + 1], " ");
					size_t next = text_width_n(l.line[i + 1], first);

					assert_true(text_width(l.line[i]) + 1 + next > w);
				}
			}
			assert_int_equal(layout_count(buf, w), l.count);
			layout_free(&l);
		}
	}
}

/* Runs of blanks at the ends of pieces (the width of a piece without them is its width less one
 * column per space; a tab, which libunistring gives no column, is measured again): every line
 * fits, is greedy, and layout_count counts what layout_wrap makes. */
static void runs_of_blanks_and_tabs(void **state)
{
	static const char *words[] = { "а", "бб", "ввв", "гггг", "ддддд", "ї", "жж", "е\tё" };
	static const char *plain[] = { "а", "бб", "ввв", "гггг", "ддддд", "ї", "жж", "ж" };
	static const char *gaps[] = { " ", "  ", "   ", " \t", "\t" };
	unsigned seed = 11;
	char buf[4096];

	for (int t = 0; t < 300; t++) {
		int n = rand_r(&seed) % 30;

		buf[0] = '\0';
		for (int i = 0; i < n; i++) {
			strcat(buf, (t % 2 ? words : plain)[rand_r(&seed) % 8]);
			strcat(buf, gaps[rand_r(&seed) % (t % 2 ? 5 : 1)]);
		}
		for (size_t w = 4; w < 30; w++) {
			struct layout l;

			layout_wrap(buf, w, &l);
			for (size_t i = 0; i < l.count; i++) {
				size_t len = strlen(l.line[i]);

				assert_true(len == 0 || (l.line[i][len - 1] != ' ' && l.line[i][len - 1] != '\t'));
				assert_true(text_width(l.line[i]) <= w);
				if (t % 2 == 0 && w > 5 && i + 1 < l.count) {  /* spaces, no cut word */
					size_t first = strcspn(l.line[i + 1], " ");

					/* the next line's first word did not fit after one space */
					assert_true(text_width(l.line[i]) + 1 +
					            text_width_n(l.line[i + 1], first) > w);
				}
			}
			assert_int_equal(layout_count(buf, w), l.count);
			layout_free(&l);
		}
	}
}

/* Text of the characters lessons are made of is wrapped by a quicker loop than other text
 * (layout.c: wrap_one_column), which also looks for break opportunities only near the ends of
 * lines.  Greek letters are one column and break like Cyrillic ones but take the general loop,
 * which runs the line breaker over the whole paragraph: the same random texts written with
 * either must give lines of the same bytes, at every width.  Between the words go blanks and
 * every kind of punctuation a lesson may hold, alone and in runs, so that the rules that look
 * across spaces (opening brackets and quotes, closing ones, dashes) meet the start and the end
 * of a window. */
static void one_column_text_wraps_as_any_text(void **state)
{
	static const char *const seps[] = {
		" ", "  ", " ", " ", "-", ", ", " \u00a0", " \u2014 ", "\u00ab", "\u00bb ", "\u2026",
		"(", ") ", " (", "[", "] ", "{", "} ", "!", " !", "?", " ?", ". ", ".", ":", ";",
		"/", " / ", "%", " %", "$", "\u20ac", " \u20ac", "\u2116 ", "\u201e", "\u201c ", "\u201d",
		"\u2018", "\u2019", "'", "\"", " \"", "\u2013", " \u2013 ", "\u2014", "\u2022 ",
		"\u2192", " \u2192 ", "12", " 3,50 ", "10:00", "+359 ", "-5", "#", "&", "*", "@",
		"_", "~", "^", "`", "|", "\\", "<", ">", "=", "+", "\u00a7", "\u00b0", "\u00b1",
		"\u00bf", "\u00a1", "\u00b7", "\u00b4", "\u02c8", "\u02cc", "\u02dd", "\u00a9",
		" \u00ab", "\u00bb", "www.", ".bg ", "e-", "(1) ", "0,5", "1 000", "2026-11-30",
		"http://", "\u00f8", "\u00df", "\u0127", "  (", ")  ", " - ", "!!", "?\u00bb",
	};
	const size_t nseps = sizeof seps / sizeof *seps;
	unsigned seed = 7;

	for (int round = 0; round < 3000; round++) {
		char cyr[8192] = "", gre[8192] = "";  /* 40 words of at most 30 letters */
		size_t words;

		seed = seed * 1103515245u + 12345u;
		words = 1 + (seed >> 16) % 40;
		for (size_t w = 0; w < words; w++) {
			size_t len, runs;

			seed = seed * 1103515245u + 12345u;
			len = 1 + (seed >> 16) % (w % 7 == 6 ? 30 : 9);  /* now and then a long word */
			for (size_t i = 0; i < len; i++) {
				strcat(cyr, "\xd0\xb4");  /* д */
				strcat(gre, "\xce\xb4");  /* δ */
			}
			seed = seed * 1103515245u + 12345u;
			runs = 1 + (seed >> 16) % 3;  /* one to three pieces of punctuation */
			for (size_t r = 0; r < runs; r++) {
				const char *sep;

				seed = seed * 1103515245u + 12345u;
				sep = seps[(seed >> 16) % nseps];
				if (w + 1 == words && r + 1 == runs)
					sep = (seed >> 20) % 2 ? "   " : "";  /* trailing blanks, or none */
				strcat(cyr, sep);
				strcat(gre, sep);
			}
		}
		assert_true(text_width(cyr) == text_width(gre));
		size_t widths[40], nw = 0, whole = text_width(cyr);

		for (size_t w = 1; w <= 80; w += 1 + w / 8)
			widths[nw++] = w;
		/* ...and about the text's own width (trailing blanks not counted): it fits whole,
		 * or only just not */
		for (size_t d = 0; d < 5 && d < whole; d++)
			widths[nw++] = whole - d;
		for (size_t k = 0; k < nw; k++) {
			size_t width = widths[k];
			struct layout a, b;

			layout_wrap(cyr, width, &a);
			layout_wrap(gre, width, &b);
			assert_int_equal(a.count, b.count);
			assert_int_equal(layout_count(cyr, width), a.count);
			for (size_t i = 0; i < a.count; i++)
				assert_int_equal(strlen(a.line[i]), strlen(b.line[i]));
			layout_free(&a);
			layout_free(&b);
		}
	}
	(void)state;
}

/* Any text of one-column characters (layout.c's quick loop, which looks for break
 * opportunities near the ends of lines only) wraps as the same text with a combining mark
 * after its last character (the general loop, over the whole paragraph's opportunities: a
 * mark takes no column and joins the character before it, so it moves no break): the same
 * lines but the last, which ends in the mark.  Random texts of every one-column character
 * (ASCII, Latin-1 and Latin Extended, Cyrillic, the dashes, quotes and signs of the lessons),
 * a space about one character in five. */
static size_t put_utf8(char *p, unsigned c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | c >> 6);
		p[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	p[0] = (char)(0xe0 | c >> 12);
	p[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	p[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

static unsigned one_column_char(unsigned r)
{
	static const unsigned signs[] = { 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x201e,
	                                  0x2022, 0x2026, 0x20ac, 0x2116, 0x2192 };
	unsigned c;

	switch (r % 5) {
	case 0:
		return 0x21 + r / 5 % 94;                    /* printable ASCII but space */
	case 1:
		c = 0xa0 + r / 5 % (0x300 - 0xa0);           /* Latin-1, Latin Extended, IPA */
		return c == 0xad ? 0xa0 : c;                 /* (not the soft hyphen) */
	case 2:
		return signs[r / 5 % (sizeof signs / sizeof *signs)];
	default:
		return 0x400 + r / 5 % 0x80;                 /* Cyrillic */
	}
}

static void any_one_column_text_wraps_as_with_a_mark(void **state)
{
	unsigned seed = 11;

	for (int round = 0; round < 2000; round++) {
		char text[2048], marked[2048];
		size_t n = 0, chars;

		seed = seed * 1103515245u + 12345u;
		chars = 1 + (seed >> 16) % 300;
		for (size_t i = 0; i < chars; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 5 == 0 && i + 1 < chars)
				text[n++] = ' ';
			else
				n += put_utf8(text + n, one_column_char(seed >> 8));
		}
		text[n] = '\0';
		memcpy(marked, text, n);
		memcpy(marked + n, "\xcc\x81", 3);  /* U+0301, and the NUL */
		for (size_t width = 1; width <= 80; width += 1 + width / 10) {
			struct layout a, b;

			layout_wrap(text, width, &a);
			layout_wrap(marked, width, &b);
			assert_int_equal(a.count, b.count);
			for (size_t i = 0; i + 1 < a.count; i++)
				assert_string_equal(a.line[i], b.line[i]);
			assert_int_equal(strlen(a.line[a.count - 1]) + 2, strlen(b.line[b.count - 1]));
			layout_free(&a);
			layout_free(&b);
		}
	}
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wraps_cyrillic_at_word_boundaries),
		cmocka_unit_test(line_may_fill_the_width_exactly),
		cmocka_unit_test(combining_marks_take_no_column),
		cmocka_unit_test(wide_characters_take_two_columns),
		cmocka_unit_test(paragraphs_and_empty_lines_are_kept),
		cmocka_unit_test(long_word_is_cut_within_width),
		cmocka_unit_test(greedy_and_within_width_on_many_texts),
		cmocka_unit_test(runs_of_blanks_and_tabs),
		cmocka_unit_test(one_column_text_wraps_as_any_text),
		cmocka_unit_test(any_one_column_text_wraps_as_with_a_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
