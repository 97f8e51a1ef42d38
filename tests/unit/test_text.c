/* Unit tests: text (width, graphemes, folding), answer matching, the edit field model. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unistr.h>

#include "answer.h"
#include "edit.h"
#include "text.h"

#define Y_DECOMPOSED "\xd0\xb8\xcc\x86"  /* и + U+0306 combining breve */
#define YI_DECOMPOSED "\xd1\x96\xcc\x88" /* і + U+0308 combining diaeresis */

static void width_counts_columns_not_bytes(void **state)
{
	assert_int_equal(text_width("йод"), 3);
	assert_int_equal(text_width(Y_DECOMPOSED "од"), 3);
	assert_int_equal(text_width("日本"), 4);
	assert_int_equal(text_width(""), 0);
}

static void fit_never_splits_a_grapheme(void **state)
{
	const char *s = "а" Y_DECOMPOSED "б";

	assert_int_equal(text_fit(s, 1), strlen("а"));
	assert_int_equal(text_fit(s, 2), strlen("а" Y_DECOMPOSED));
	assert_int_equal(text_fit("日本", 3), strlen("日"));
}

static void grapheme_steps_over_combining_marks(void **state)
{
	const char *s = "а" Y_DECOMPOSED;
	size_t len = strlen(s);

	assert_int_equal(text_grapheme_prev(s, len), strlen("а"));
	assert_int_equal(text_grapheme_next(s, len, strlen("а")), len);
	assert_int_equal(text_grapheme_prev(s, 0), 0);
}

static void valid_utf8(void **state)
{
	assert_true(text_valid_utf8("Київ", strlen("Київ")));
	assert_false(text_valid_utf8("\xd0", 1));
	assert_false(text_valid_utf8("a\xff", 2));
}

/* The word-at-a-time check says what u8_check says: on random runs of the bytes that matter
 * (ASCII, leads of every length, continuations, bytes never valid), at every length and every
 * alignment, and on Cyrillic text cut at every byte. */
static void valid_utf8_agrees_with_u8_check(void **state)
{
	static const unsigned char pool[] = {
		'a', ' ', 0x7f, 0x00, 0xc2, 0xd0, 0xd1, 0xdf, 0xc0, 0xc1, 0x80, 0xa0, 0xbf, 0xe0,
		0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0x90, 0x8f,
	};
	const char *cyr = "Добре дошли в онлайн аптеката! Тук ще научите как — „така“ €.";
	unsigned char buf[40];
	unsigned seed = 12345;

	for (int round = 0; round < 200000; round++) {
		size_t n = (size_t)(round % (int)sizeof buf);

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly well-formed pairs, so that long valid runs are common too */
			buf[i] = (seed >> 16) % 3 ? (i % 2 ? 0xb0 : 0xd0) : pool[(seed >> 8) % sizeof pool];
		}
		assert_int_equal(text_valid_utf8((const char *)buf, n),
		                 u8_check(buf, n) == NULL);
	}
	for (size_t start = 0; start < 8; start++)
		for (size_t n = 0; start + n <= strlen(cyr); n++)
			assert_int_equal(text_valid_utf8(cyr + start, n),
			                 u8_check((const uint8_t *)cyr + start, n) == NULL);
	(void)state;
}

static void fold_trims_normalises_and_folds_case(void **state)
{
	char *a = text_fold("  ЙОД   ТАБЛЕТКИ ");
	char *b = text_fold(Y_DECOMPOSED "од таблетки");
	char *c = text_fold("\xc2\xa0Ї" "жак");  /* no-break space in front */
	char *d = text_fold(YI_DECOMPOSED "жак");

	assert_string_equal(a, "йод таблетки");
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	free(a);
	free(b);
	free(c);
	free(d);
}

static void nfc_composes(void **state)
{
	char *s = text_nfc(Y_DECOMPOSED);

	assert_string_equal(s, "й");
	free(s);
}

static void answers_match_after_folding(void **state)
{
	char *accepted[] = { "Парацетамол", "paracetamol" };

	assert_true(answer_matches("парацетамол", accepted, 2));
	assert_true(answer_matches("  ПАРАЦЕТАМОЛ ", accepted, 2));
	assert_true(answer_matches("Paracetamol", accepted, 2));
	assert_false(answer_matches("парацетамо", accepted, 2));
	assert_false(answer_matches("", accepted, 2));
	assert_false(answer_matches("   ", accepted, 2));
}

static void answers_match_decomposed_letters(void **state)
{
	char *yod[] = { "йод" };
	char *yizhak[] = { "їжак" };
	char *spaced[] = { "Нова пошта" };

	assert_true(answer_matches("ЙОД", yod, 1));
	assert_true(answer_matches(Y_DECOMPOSED "од", yod, 1));
	assert_true(answer_matches(YI_DECOMPOSED "ЖАК", yizhak, 1));
	assert_true(answer_matches("нова    пошта", spaced, 1));
	assert_false(answer_matches("новапошта", spaced, 1));
	assert_false(answer_matches("иод", yod, 1));
}

static void edit_typed(struct edit *e, const uint32_t *cps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_true(edit_insert(e, cps[i]));
}

static void edit_backspace_removes_whole_character(void **state)
{
	struct edit e;
	const uint32_t cps[] = { 0x41c, 0x438, 0x306 };  /* М и + breve */

	edit_init(&e, 40);
	edit_typed(&e, cps, 3);
	assert_string_equal(e.buf, "М" Y_DECOMPOSED);
	assert_int_equal(edit_cursor_col(&e), 2);
	edit_backspace(&e);
	assert_string_equal(e.buf, "М");
	edit_backspace(&e);
	edit_backspace(&e);
	assert_string_equal(e.buf, "");
	edit_free(&e);
}

static void edit_moves_by_character(void **state)
{
	struct edit e;
	const uint32_t cps[] = { 0x430, 0x438, 0x306, 0x431 };  /* а й б */

	edit_init(&e, 40);
	edit_typed(&e, cps, 4);
	edit_left(&e);
	assert_int_equal(edit_cursor_col(&e), 2);
	edit_left(&e);
	assert_int_equal(edit_cursor_col(&e), 1);
	edit_delete(&e);
	assert_string_equal(e.buf, "аб");
	assert_true(edit_insert(&e, 0x432));
	assert_string_equal(e.buf, "авб");
	edit_home(&e);
	assert_int_equal(e.cursor, 0);
	edit_left(&e);
	assert_int_equal(e.cursor, 0);
	edit_end(&e);
	edit_right(&e);
	assert_int_equal(e.cursor, e.len);
	edit_free(&e);
}

static void edit_refuses_controls_and_overflow(void **state)
{
	struct edit e;

	edit_init(&e, 3);
	assert_false(edit_insert(&e, 0x1b));
	assert_false(edit_insert(&e, '\n'));
	assert_false(edit_insert(&e, 0x9b));
	assert_true(edit_insert(&e, 0x44f));
	assert_true(edit_insert(&e, 0x44f));
	assert_true(edit_insert(&e, 0x44f));
	assert_false(edit_insert(&e, 0x44f));
	assert_true(edit_insert(&e, 0x301));  /* a combining accent takes no column */
	assert_int_equal(edit_cursor_col(&e), 3);
	edit_set(&e, "ab");
	assert_int_equal(e.cursor, 2);
	edit_free(&e);
}

static void first_words_cut_at_a_space(void **state)
{
	char *s = text_first_words("Натиснете  Enter,\nза да продължите нататък.", 20);

	assert_string_equal(s, "Натиснете Enter, за…");  /* 20 columns at most, whole words */
	assert_true(text_width(s) <= 20);
	free(s);
	s = text_first_words("Кратко.\n", 20);
	assert_string_equal(s, "Кратко.");
	free(s);
	s = text_first_words("Дълга-дума-без-интервали-никъде", 10);
	assert_string_equal(s, "Дълга-дум…");  /* no space: cut inside, never inside a letter */
	free(s);
}

/* Direction overrides and other invisible format characters: refused by a field, removed
 * from stored text; the joiners emoji need stay. */
static void invisible_format_characters(void **state)
{
	struct edit e;
	char *s;

	edit_init(&e, 20);
	assert_false(edit_insert(&e, 0x202e));
	assert_false(edit_insert(&e, 0x2066));
	assert_false(edit_insert(&e, 0x200f));
	assert_false(edit_insert(&e, 0xfeff));
	assert_false(edit_insert(&e, 0x200d));  /* a joiner: width differs between terminals */
	assert_false(edit_insert(&e, 0xfe0f));
	assert_true(edit_insert(&e, 0x1f600));  /* an emoji on its own is fine */
	assert_true(edit_insert(&e, 0x200c));
	edit_free(&e);
	s = text_strip_invisible("Ана\u202eЗлоб\u2066\u2069\u200e\u00ad\ufeff!");
	assert_string_equal(s, "АнаЗлоб!");
	free(s);
	s = text_strip_invisible("👩\u200d💻☺\ufe0f👍\U0001f3fd");
	assert_string_equal(s, "👩💻☺👍");
	free(s);
	s = text_strip_invisible("bad \xff\u202e");  /* invalid UTF-8: left as it is */
	assert_string_equal(s, "bad \xff\u202e");
	free(s);
}

/* The no-PIN screen's command: whole words per line, continuation marks, shell quoting. */
static void command_lines_keep_paths_whole(void **state)
{
	const char *words[] = { "/usr/local/bin/kiosk", "set-trainer-pin", "--db",
	                        "/var/lib/kiosk/Читалище Ботев/kiosk's.db" };
	char **lines;
	size_t n = text_command_lines(words, 4, 200, &lines);

	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "/usr/local/bin/kiosk set-trainer-pin --db "
	                              "'/var/lib/kiosk/Читалище Ботев/kiosk'\\''s.db'");
	text_free_lines(lines, n);
	n = text_command_lines(words, 3, 40, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "/usr/local/bin/kiosk set-trainer-pin \\");
	assert_string_equal(lines[1], "  --db");
	text_free_lines(lines, n);
	words[3] = "/var/lib/kiosk/центр/kiosk.db";  /* Cyrillic needs no quotes */
	n = text_command_lines(words, 4, 30, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "/usr/local/bin/kiosk \\");
	assert_string_equal(lines[1], "  set-trainer-pin --db \\");
	assert_string_equal(lines[2], "  /var/lib/kiosk/центр/kiosk.db");
	for (size_t i = 0; i + 1 < n; i++)
		assert_true(text_width(lines[i]) <= 30);
	text_free_lines(lines, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invisible_format_characters),
		cmocka_unit_test(width_counts_columns_not_bytes),
		cmocka_unit_test(fit_never_splits_a_grapheme),
		cmocka_unit_test(grapheme_steps_over_combining_marks),
		cmocka_unit_test(valid_utf8),
		cmocka_unit_test(valid_utf8_agrees_with_u8_check),
		cmocka_unit_test(fold_trims_normalises_and_folds_case),
		cmocka_unit_test(nfc_composes),
		cmocka_unit_test(answers_match_after_folding),
		cmocka_unit_test(answers_match_decomposed_letters),
		cmocka_unit_test(edit_backspace_removes_whole_character),
		cmocka_unit_test(edit_moves_by_character),
		cmocka_unit_test(edit_refuses_controls_and_overflow),
		cmocka_unit_test(first_words_cut_at_a_space),
		cmocka_unit_test(command_lines_keep_paths_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
