/* Unit tests: the lesson parser (lesson.c) and diagnostics (diag.c).  Every broken fixture
 * under tests/fixtures/lessons/broken is checked for its exact "FILE:LINE: message" output;
 * the rest pins the limits at their edges and feeds the parser damaged input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diag.h"
#include "lesson.h"
#include "util.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FIXTURES "tests/fixtures/lessons/"
#define B FIXTURES "broken/"

/* ---- helpers ---- */

/* Everything in d as diags_print writes it; caller frees. */
static char *diag_text(const struct diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	diags_print(d, f);
	fclose(f);
	return s;
}

/* Parses buf as a lesson file named name; returns the messages (caller frees) and the
 * lesson in *out (NULL when rejected).  Checks the contract: rejected exactly when there
 * is a message. */
static char *parse(const char *name, const char *buf, size_t len, struct lesson **out)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_buffer(name, buf, len, &d);
	char *text = diag_text(&d);

	assert_true((l == NULL) == (d.count > 0));
	diags_free(&d);
	if (out)
		*out = l;
	else
		lesson_free(l);
	return text;
}

static char *parse_str(const char *name, const char *s, struct lesson **out)
{
	return parse(name, s, strlen(s), out);
}

static void expect_ok(const char *s)
{
	char *msg = parse_str("t", s, NULL);

	assert_string_equal(msg, "");
	free(msg);
}

static void expect_msg(const char *s, const char *expected)
{
	char *msg = parse_str("t", s, NULL);

	assert_string_equal(msg, expected);
	free(msg);
}

static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *r = xmalloc(len * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[len * n] = '\0';
	return r;
}

#define HEAD "lesson: t\ntitle: Проба\n"

/* ---- broken fixtures: one message each, exactly ---- */

struct broken {
	const char *name;
	const char *expected;
};

static const struct broken broken[] = {
	{ "bad-lesson-id",
	  B "bad-lesson-id.lesson:1: lesson id 'Bad_Lesson' may contain only a-z, 0-9 "
	    "and '-'\n" },
	{ "bad-step-id",
	  B "bad-step-id.lesson:4: step id 'Step_1' may contain only a-z, 0-9 and '-'\n" },
	{ "choose-no-correct",
	  B "choose-no-correct.lesson:4: choose step 'pay' has no 'correct:' option; "
	    "exactly one must be correct\n" },
	{ "choose-too-long",
	  B "choose-too-long.lesson:6: step 'pay' needs 16 rows on the 80x24 screen "
	    "(text 6, blank 1, options 9); at most 13 fit: shorten the text or the "
	    "options\n" },
	{ "choose-two-correct",
	  B "choose-two-correct.lesson:9: choose step 'pay' has 2 correct options; "
	    "exactly one must be correct\n" },
	{ "control-char",
	  B "control-char.lesson:6: line contains the invisible control character "
	    "0x00; delete it\n" },
	{ "duplicate-key",
	  B "duplicate-key.lesson:3: duplicate key 'title' (first at line 2); it may "
	    "appear only once\n" },
	{ "duplicate-kind",
	  B "duplicate-kind.lesson:6: duplicate key 'kind' in step 'one' (first at "
	    "line 5); it may appear only once\n" },
	{ "duplicate-option",
	  B "duplicate-option.lesson:9: step 'pay' has the option 'В брой' twice "
	    "(first at line 8); options must differ\n" },
	{ "duplicate-step-id",
	  B "duplicate-step-id.lesson:8: duplicate step id 'one' (first at line 4); "
	    "each step needs its own id\n" },
	{ "empty-value",
	  B "empty-value.lesson:9: 'hint:' has no value; write it after the colon\n" },
	{ "empty",
	  B "empty.lesson:1: no lesson in this file; it must start with 'lesson: ID'\n" },
	{ "feedback-after-correct",
	  B "feedback-after-correct.lesson:9: 'feedback:' after 'correct:' is not "
	    "allowed; use 'success:' for the message after a correct answer\n" },
	{ "feedback-no-option",
	  B "feedback-no-option.lesson:7: 'feedback:' in a choose step must come "
	    "directly after the 'option:' it belongs to\n" },
	{ "feedback-twice",
	  B "feedback-twice.lesson:9: duplicate key 'feedback' for one option (first "
	    "at line 8); each option may have one\n" },
	{ "header-key-in-step",
	  B "header-key-in-step.lesson:7: 'order:' belongs in the lesson header, "
	    "above the first 'step:'\n" },
	{ "hint-too-long",
	  B "hint-too-long.lesson:9: 'hint' of step 'pay' takes 4 rows on the screen; "
	    "at most 3 fit: shorten it\n" },
	{ "id-mismatch",
	  B "id-mismatch.lesson:1: lesson id 'id-mismatched' does not match the file "
	    "name 'id-mismatch.lesson'; rename the file to 'id-mismatched.lesson' or "
	    "change the id\n" },
	{ "invalid-utf8",
	  B "invalid-utf8.lesson:7: line is not valid UTF-8; save the file with UTF-8 "
	    "encoding\n" },
	{ "key-not-allowed",
	  B "key-not-allowed.lesson:7: key 'accept' is not allowed in a read step\n" },
	{ "lesson-not-first",
	  B "lesson-not-first.lesson:2: 'lesson:' must be the first key in the file\n" },
	{ "long-id",
	  B "long-id.lesson:4: step id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is "
	    "41 bytes long; at most 40 are allowed\n" },
	{ "long-line",
	  B "long-line.lesson:6: line is 1006 bytes long; at most 1000 are allowed: "
	    "continue on the next line, starting it with a space\n" },
	{ "many-problems",
	  B "many-problems.lesson:3: 'title:' has no value; write it after the colon\n"
	  B "many-problems.lesson:4: unknown key 'colour'; lessons/README.md lists "
	    "the keys\n"
	  B "many-problems.lesson:6: step 'start' has no 'kind:'; add 'kind: read', "
	    "'kind: choose' or 'kind: type'\n"
	  B "many-problems.lesson:9: choose step 'pay' has no 'correct:' option; "
	    "exactly one must be correct\n"
	  B "many-problems.lesson:14: key 'accept' is not allowed in a choose step\n"
	  B "many-problems.lesson:16: type step 'start' has no 'accept:'; add at "
	    "least one accepted answer\n"
	  B "many-problems.lesson:16: duplicate step id 'start' (first at line 6); "
	    "each step needs its own id\n" },
	{ "missing-kind",
	  B "missing-kind.lesson:4: step 'one' has no 'kind:'; add 'kind: read', "
	    "'kind: choose' or 'kind: type'\n" },
	{ "missing-lesson-id",
	  B "missing-lesson-id.lesson:1: missing lesson id; start the file with "
	    "'lesson: ID', where ID is the file name without .lesson\n" },
	{ "missing-text",
	  B "missing-text.lesson:4: step 'one' has no 'text:'; add the text the "
	    "learner reads\n" },
	{ "missing-title",
	  B "missing-title.lesson:1: missing 'title:'; add it below the 'lesson:' "
	    "line\n" },
	{ "no-colon",
	  B "no-colon.lesson:7: expected 'key: value'; a line that continues the "
	    "value above must start with a space\n" },
	{ "no-steps",
	  B "no-steps.lesson:1: lesson has no steps; add at least one 'step: ID' with "
	    "its 'kind:' and 'text:'\n" },
	{ "order-not-number",
	  B "order-not-number.lesson:4: order 'първи' is not a whole number; write "
	    "for example 'order: 10'\n" },
	{ "prompt-too-wide",
	  B "prompt-too-wide.lesson:7: 'prompt' of step 'name' is 79 columns wide; at "
	    "most 76 fit on its row: shorten it\n" },
	{ "step-key-in-header",
	  B "step-key-in-header.lesson:4: 'text:' must be inside a step; add a 'step: "
	    "ID' line above it\n" },
	{ "stray-continuation",
	  B "stray-continuation.lesson:2: line starts with a space, but there is no "
	    "value above it to continue; remove the leading spaces\n" },
	{ "text-too-long",
	  B "text-too-long.lesson:6: text of step 'one' takes 14 rows on the 80x24 "
	    "screen; at most 12 fit: shorten it or split the step in two\n" },
	{ "title-too-wide",
	  B "title-too-wide.lesson:2: title is 70 columns wide; at most 60 fit on the "
	    "screen: shorten it\n" },
	{ "too-few-options",
	  B "too-few-options.lesson:4: choose step 'pay' has 1 option; it needs 2 to "
	    "6: add 'option:' lines\n" },
	{ "too-many-options",
	  B "too-many-options.lesson:13: choose step 'pay' has 7 options; at most 6 "
	    "fit (keys 1-6)\n" },
	{ "type-no-accept",
	  B "type-no-accept.lesson:4: type step 'name' has no 'accept:'; add at least "
	    "one accepted answer\n" },
	{ "unknown-key",
	  B "unknown-key.lesson:7: unknown key 'colour'; lessons/README.md lists the "
	    "keys\n" },
	{ "unknown-kind",
	  B "unknown-kind.lesson:5: unknown kind 'quiz'; use read, choose or type\n" },
	{ "uppercase-key",
	  B "uppercase-key.lesson:2: unknown key 'Title'; keys are written in "
	    "lowercase: 'title'\n" },
};

static void broken_fixture(void **state)
{
	const struct broken *b = *state;
	char *path = xasprintf(B "%s.lesson", b->name);
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_file(path, &d);
	char *text = diag_text(&d);

	assert_null(l);
	assert_string_equal(text, b->expected);
	free(text);
	diags_free(&d);
	free(path);
}

/* ---- valid lessons ---- */

static void good_lesson_has_every_field(void **state)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_file(FIXTURES "good/bg/pharmacy.lesson", &d);
	const struct step *s;

	assert_int_equal(d.count, 0);
	assert_non_null(l);
	assert_string_equal(l->id, "pharmacy");
	assert_string_equal(l->title, "Онлайн аптека");
	assert_string_equal(l->path, FIXTURES "good/bg/pharmacy.lesson");
	assert_int_equal(l->order, 20);
	assert_int_equal(l->line, 2);
	assert_int_equal(l->step_count, 3);

	s = &l->steps[0];
	assert_string_equal(s->id, "intro");
	assert_int_equal(s->kind, STEP_READ);
	assert_int_equal(s->line, 6);
	/* A continuation line joins with one space; a second text: is a new paragraph. */
	assert_string_equal(s->text, "В онлайн аптеката можете да поръчате лекарства от вкъщи. "
	                    "Ще ги получите с куриер или в аптека близо до вас.\n"
	                    "Натиснете Enter, за да продължите.");
	assert_null(s->hint);

	s = &l->steps[1];
	assert_string_equal(s->id, "cart");
	assert_int_equal(s->kind, STEP_CHOOSE);
	assert_int_equal(s->option_count, 3);
	assert_string_equal(s->options[0].text, "Назад");
	assert_false(s->options[0].correct);
	assert_string_equal(s->options[0].feedback, "„Назад“ връща към предишната страница.");
	assert_string_equal(s->options[1].text, "Добави в количката");
	assert_true(s->options[1].correct);
	assert_null(s->options[1].feedback);
	assert_false(s->options[2].correct);
	assert_null(s->options[2].feedback);
	assert_string_equal(s->hint, "Количката събира всичко, което искате да купите.");
	assert_string_equal(s->success, "Точно така! Лекарството е в количката.");

	s = &l->steps[2];
	assert_int_equal(s->kind, STEP_TYPE);
	assert_string_equal(s->prompt, "Код за отстъпка:");
	assert_int_equal(s->accept_count, 2);
	assert_string_equal(s->accept[0], "ЗДРАВЕ");
	assert_string_equal(s->accept[1], "ZDRAVE");
	assert_string_equal(s->feedback, "Проверете дали пишете на кирилица.");

	assert_int_equal(lesson_step_index(l, "intro"), 0);
	assert_int_equal(lesson_step_index(l, "code"), 2);
	assert_int_equal(lesson_step_index(l, "nope"), -1);
	assert_int_equal(lesson_step_index(l, NULL), -1);
	lesson_free(l);
}

static void every_good_fixture_parses(void **state)
{
	static const char *const files[] = {
		"bg/pharmacy", "bg/first-steps", "bg/keyboard",
		"uk/pharmacy", "uk/first-steps", "uk/keyboard",
	};

	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char *path = xasprintf(FIXTURES "good/%s.lesson", files[i]);
		struct diags d = { 0 };
		struct lesson *l = lesson_parse_file(path, &d);
		char *text = diag_text(&d);

		assert_string_equal(text, "");
		assert_non_null(l);
		lesson_free(l);
		free(text);
		diags_free(&d);
		free(path);
	}
}

static void kind_names(void **state)
{
	assert_string_equal(lesson_kind_name(STEP_READ), "read");
	assert_string_equal(lesson_kind_name(STEP_CHOOSE), "choose");
	assert_string_equal(lesson_kind_name(STEP_TYPE), "type");
	assert_string_equal(lesson_kind_name((enum step_kind)42), "?");
}

static void crlf_bom_and_no_final_newline(void **state)
{
	const char *s = "\xEF\xBB\xBFlesson: t\r\ntitle: Проба\r\n\r\nstep: a\r\nkind: read\r\n"
	                "text: Ред\r\n  и още\r\n\ttab";
	struct lesson *l;
	char *msg = parse_str("t", s, &l);

	assert_string_equal(msg, "");
	assert_string_equal(l->title, "Проба");
	assert_string_equal(l->steps[0].text, "Ред и още tab");
	lesson_free(l);
	free(msg);
}

static void comments_and_blanks_do_not_end_a_value(void **state)
{
	struct lesson *l;
	char *msg = parse_str("t", HEAD "step: a\nkind: read\ntext: едно\n\n# бележка\n  две\n"
	                      "   # коментар, не продължение\n\ttext: три\n", &l);

	assert_string_equal(msg, "");
	assert_string_equal(l->steps[0].text, "едно две text: три");
	lesson_free(l);
	free(msg);
}

static void value_may_start_on_the_next_line(void **state)
{
	struct lesson *l;
	char *msg = parse_str("t", HEAD "step: a\nkind: read\ntext:\n  Дълъг абзац\n"
	                      "  на два реда.\n", &l);

	assert_string_equal(msg, "");
	assert_string_equal(l->steps[0].text, "Дълъг абзац на два реда.");
	lesson_free(l);
	free(msg);
}

static void kind_may_come_after_the_other_keys(void **state)
{
	struct lesson *l;
	char *msg = parse_str("t", HEAD "order: -3\nstep: a\ntext: Въпрос?\noption: не\n"
	                      "feedback: Опитайте пак.\ncorrect: да\nkind: choose\n", &l);

	assert_string_equal(msg, "");
	assert_int_equal(l->order, -3);
	assert_int_equal(l->steps[0].kind, STEP_CHOOSE);
	assert_string_equal(l->steps[0].options[0].feedback, "Опитайте пак.");
	lesson_free(l);
	free(msg);
}

static void file_name_rule_only_for_lesson_files(void **state)
{
	const char *s = "lesson: pharmacy\ntitle: x\nstep: a\nkind: read\ntext: x\n";

	expect_ok(s);
	free(parse_str("dir.lesson/pharmacy.lesson", s, NULL));
	{
		char *msg = parse_str("lessons/bg/other.lesson", s, NULL);

		assert_string_equal(msg, "lessons/bg/other.lesson:1: lesson id 'pharmacy' does not "
		                    "match the file name 'other.lesson'; rename the file to "
		                    "'pharmacy.lesson' or change the id\n");
		free(msg);
	}
	{
		char *msg = parse_str("lessons/bg/pharmacy.lesson", s, NULL);

		assert_string_equal(msg, "");
		free(msg);
	}
}

static void order_must_be_a_whole_number(void **state)
{
	expect_msg(HEAD "order: 99999999999\nstep: a\nkind: read\ntext: x\n",
	           "t:3: order '99999999999' is not a whole number; write for example "
	           "'order: 10'\n");
	expect_msg(HEAD "order: 1.5\nstep: a\nkind: read\ntext: x\n",
	           "t:3: order '1.5' is not a whole number; write for example 'order: 10'\n");
}

/* ---- limits at their edges ---- */

static void read_step_fits_twelve_rows(void **state)
{
	char *twelve = repeat("text: ред\n", 12);
	char *ok = xasprintf(HEAD "step: a\nkind: read\n%s", twelve);
	char *bad = xasprintf(HEAD "step: a\nkind: read\n%stext: още един\n", twelve);

	expect_ok(ok);
	expect_msg(bad, "t:5: text of step 'a' takes 13 rows on the 80x24 screen; at most 12 "
	           "fit: shorten it or split the step in two\n");
	free(twelve);
	free(ok);
	free(bad);
}

static void choose_and_type_steps_count_their_rows(void **state)
{
	char *six = repeat("text: ред\n", 6);
	char *nine = repeat("text: ред\n", 9);
	/* 6 text + 1 blank + 6 options = 13 rows: fits; 9 + 1 + 2 = 12 for type. */
	char *choose = xasprintf(HEAD "step: a\nkind: choose\n%scorrect: 1\noption: 2\n"
	                         "option: 3\noption: 4\noption: 5\noption: 6\n", six);
	char *choose_long = xasprintf(HEAD "step: a\nkind: choose\n%stext: 7\ncorrect: 1\n"
	                              "option: 2\noption: 3\noption: 4\noption: 5\n"
	                              "option: 6\n", six);
	char *type = xasprintf(HEAD "step: a\nkind: type\n%stext: 10\naccept: x\n", nine);
	char *type_long = xasprintf(HEAD "step: a\nkind: type\n%stext: 10\ntext: 11\n"
	                            "accept: x\n", nine);

	expect_ok(choose);
	expect_msg(choose_long, "t:5: step 'a' needs 14 rows on the 80x24 screen (text 7, "
	           "blank 1, options 6); at most 13 fit: shorten the text or the options\n");
	expect_ok(type);
	expect_msg(type_long, "t:5: step 'a' needs 14 rows on the 80x24 screen (text 11, blank "
	           "1, answer 2); at most 13 fit: shorten the text\n");
	free(six);
	free(nine);
	free(choose);
	free(choose_long);
	free(type);
	free(type_long);
}

static void notes_fit_three_rows(void **state)
{
	char *row = repeat("ж", 76);
	char *ok = xasprintf(HEAD "step: a\nkind: type\ntext: x\naccept: x\n"
	                     "feedback: %s %s %s\n", row, row, row);
	char *bad = xasprintf(HEAD "step: a\nkind: type\ntext: x\naccept: x\n"
	                      "success: %s %s %s ж\n", row, row, row);

	expect_ok(ok);
	expect_msg(bad, "t:7: 'success' of step 'a' takes 4 rows on the screen; at most 3 fit: "
	           "shorten it\n");
	free(row);
	free(ok);
	free(bad);
}

static void title_is_measured_in_columns(void **state)
{
	char *sixty = repeat("Ж", 60);
	char *ok = xasprintf("lesson: t\ntitle: %s\nstep: a\nkind: read\ntext: x\n", sixty);
	char *bad = xasprintf("lesson: t\ntitle: %sЖ\nstep: a\nkind: read\ntext: x\n", sixty);

	/* 60 Cyrillic letters are 120 bytes but 60 columns. */
	expect_ok(ok);
	expect_msg(bad, "t:2: title is 61 columns wide; at most 60 fit on the screen: "
	           "shorten it\n");
	free(sixty);
	free(ok);
	free(bad);
}

static void ids_hold_forty_bytes(void **state)
{
	char *forty = repeat("a", 40);
	char *ok = xasprintf("lesson: %s\ntitle: x\nstep: %s\nkind: read\ntext: x\n", forty,
	                     forty);
	char *bad = xasprintf("lesson: %sb\ntitle: x\nstep: a\nkind: read\ntext: x\n", forty);
	char *expected = xasprintf("t:1: lesson id '%sb' is 41 bytes long; at most 40 are "
	                           "allowed\n", forty);

	expect_ok(ok);
	expect_msg(bad, expected);
	free(forty);
	free(ok);
	free(bad);
	free(expected);
}

static void lines_hold_a_thousand_bytes(void **state)
{
	char *x = repeat("x", 999);
	char *ok = xasprintf(HEAD "#%s\r\nstep: a\nkind: read\ntext: x\n", x);
	char *bad = xasprintf(HEAD "#%sx\nstep: a\nkind: read\ntext: x\n", x);

	expect_ok(ok);  /* the CR of CRLF does not count */
	expect_msg(bad, "t:3: line is 1001 bytes long; at most 1000 are allowed: continue on the "
	           "next line, starting it with a space\n");
	free(x);
	free(ok);
	free(bad);
}

static void six_options_are_allowed(void **state)
{
	expect_ok(HEAD "step: a\nkind: choose\ntext: ?\ncorrect: 1\noption: 2\noption: 3\n"
	          "option: 4\noption: 5\noption: 6\n");
	expect_msg(HEAD "step: a\nkind: choose\ntext: ?\n",
	           "t:3: choose step 'a' has no 'correct:' option; exactly one must be correct\n"
	           "t:3: choose step 'a' has 0 options; it needs 2 to 6: add 'option:' lines\n");
}

/* ---- damaged input ---- */

static void nul_bytes_and_bad_utf8_keep_the_line_numbers(void **state)
{
	static const char s[] = HEAD "step: a\nkind: read\ntext: a\0b\n\xff\xfe: x\ntext: \xd0\n";
	char *msg = parse("t", s, sizeof s - 1, NULL);

	assert_string_equal(msg,
		"t:5: line contains the invisible control character 0x00; delete it\n"
		"t:6: line is not valid UTF-8; save the file with UTF-8 encoding\n"
		"t:6: unknown key '?\?'; lessons/README.md lists the keys\n"
		"t:7: line is not valid UTF-8; save the file with UTF-8 encoding\n");
	free(msg);
}

static void empty_and_comment_only_files(void **state)
{
	char *msg = parse("e.lesson", NULL, 0, NULL);

	assert_string_equal(msg, "e.lesson:1: no lesson in this file; it must start with "
	                    "'lesson: ID'\n");
	free(msg);
	msg = parse_str("e.lesson", "# только коментар\n\n   \n", NULL);
	assert_string_equal(msg, "e.lesson:1: no lesson in this file; it must start with "
	                    "'lesson: ID'\n");
	free(msg);
	msg = parse_str("e.lesson", "\r\n\r\n\r", NULL);
	assert_string_equal(msg, "e.lesson:1: no lesson in this file; it must start with "
	                    "'lesson: ID'\n");
	free(msg);
}

static void huge_line_is_cut_not_wrapped(void **state)
{
	size_t n = 600000;
	char *s = xmalloc(n + 64);
	int len = sprintf(s, HEAD "step: a\nkind: read\ntext: ");
	char *msg;

	memset(s + len, 'x', n);  /* one word, no break opportunity, no newline at the end */
	msg = parse("t", s, (size_t)len + n, NULL);
	assert_non_null(strstr(msg, "t:5: line is 600006 bytes long;"));
	free(msg);
	free(s);
}

static void many_problems_are_capped(void **state)
{
	char *junk = repeat("no colon here\n", 500);
	char *msg = parse_str("t", junk, NULL);
	size_t lines = 0;

	for (const char *p = msg; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 51);
	assert_true(strncmp(msg, "t: more than 50 problems;", 25) == 0);
	free(msg);
	free(junk);
}

static void unreadable_files(void **state)
{
	struct diags d = { 0 };
	char *text;

	assert_null(lesson_parse_file(FIXTURES "no-such.lesson", &d));
	assert_null(lesson_parse_file(FIXTURES "good", &d));
	text = diag_text(&d);
	assert_string_equal(text, FIXTURES "no-such.lesson: cannot open: No such file or "
	                    "directory\n" FIXTURES "good: cannot read: Is a directory\n");
	free(text);
	diags_free(&d);
}

/* What every accepted lesson must satisfy, whatever the input was. */
static void check_invariants(const struct lesson *l)
{
	assert_true(l->step_count > 0);
	for (size_t i = 0; i < l->step_count; i++) {
		const struct step *s = &l->steps[i];
		size_t correct = 0;

		assert_true(s->text[0] != '\0');
		for (size_t j = 0; j < s->option_count; j++)
			correct += s->options[j].correct;
		if (s->kind == STEP_CHOOSE) {
			assert_int_equal(correct, 1);
			assert_in_range(s->option_count, LESSON_MIN_OPTIONS, LESSON_MAX_OPTIONS);
		} else {
			assert_int_equal(s->option_count, 0);
		}
		assert_true(s->kind != STEP_TYPE || s->accept_count > 0);
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 16);

	assert_non_null(f);
	*len = fread(buf, 1, 1 << 16, f);
	fclose(f);
	return buf;
}

static void every_prefix_of_a_lesson(void **state)
{
	size_t len;
	char *buf = slurp(FIXTURES "good/uk/pharmacy.lesson", &len);

	for (size_t n = 0; n <= len; n++) {
		struct lesson *l;
		char *msg = parse("t", buf, n, &l);

		if (l)
			check_invariants(l);
		lesson_free(l);
		free(msg);
	}
	free(buf);
}

/* A small fixed generator: the same "random" damage on every run. */
static uint32_t next_rand(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

static void random_damage_never_crashes(void **state)
{
	static const char bytes[] = "\n\r\t :#\0\xff\xd0\x80\xe2-aZ";
	size_t len;
	char *orig = slurp(FIXTURES "good/bg/pharmacy.lesson", &len);
	char *buf = xmalloc(len * 2 + 1);
	uint32_t seed = 2024;

	for (int round = 0; round < 3000; round++) {
		size_t n = len;
		struct lesson *l;
		char *msg;

		memcpy(buf, orig, len);
		for (uint32_t k = next_rand(&seed) % 6 + 1; k > 0; k--) {
			size_t at = next_rand(&seed) % n;

			switch (next_rand(&seed) % 3) {
			case 0:  /* overwrite a byte */
				buf[at] = bytes[next_rand(&seed) % (sizeof bytes - 1)];
				break;
			case 1: {  /* delete a run */
				size_t del = (n - at) / 8;

				memmove(buf + at, buf + at + del, n - at - del);
				n -= del;
				break;
			}
			default:  /* duplicate a run, as a copy-paste slip does */
				if (n + 64 <= len * 2) {
					memmove(buf + at + 32, buf + at, n - at);
					n += 32;
				}
				break;
			}
		}
		msg = parse("t.lesson", buf, n, &l);
		if (l)
			check_invariants(l);
		lesson_free(l);
		free(msg);
	}
	free(buf);
	free(orig);
}

/* ---- diag ---- */

static void diags_sort_by_file_then_line_stably(void **state)
{
	struct diags d = { 0 };
	char *text;

	diags_add(&d, "b.lesson", 3, "third %d", 3);
	diags_add(&d, "a.lesson", 9, "nine");
	diags_add(&d, "b.lesson", 1, "first");
	diags_add(&d, "a.lesson", 0, "whole file");
	diags_add(&d, "b.lesson", 3, "third again");
	diags_sort(&d);
	text = diag_text(&d);
	assert_string_equal(text, "a.lesson: whole file\na.lesson:9: nine\nb.lesson:1: first\n"
	                    "b.lesson:3: third 3\nb.lesson:3: third again\n");
	free(text);
	diags_free(&d);
	assert_int_equal(d.count, 0);
	diags_sort(&d);  /* empty: nothing to do, nothing to crash on */
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(good_lesson_has_every_field),
		cmocka_unit_test(every_good_fixture_parses),
		cmocka_unit_test(kind_names),
		cmocka_unit_test(crlf_bom_and_no_final_newline),
		cmocka_unit_test(comments_and_blanks_do_not_end_a_value),
		cmocka_unit_test(value_may_start_on_the_next_line),
		cmocka_unit_test(kind_may_come_after_the_other_keys),
		cmocka_unit_test(file_name_rule_only_for_lesson_files),
		cmocka_unit_test(order_must_be_a_whole_number),
		cmocka_unit_test(read_step_fits_twelve_rows),
		cmocka_unit_test(choose_and_type_steps_count_their_rows),
		cmocka_unit_test(notes_fit_three_rows),
		cmocka_unit_test(title_is_measured_in_columns),
		cmocka_unit_test(ids_hold_forty_bytes),
		cmocka_unit_test(lines_hold_a_thousand_bytes),
		cmocka_unit_test(six_options_are_allowed),
		cmocka_unit_test(nul_bytes_and_bad_utf8_keep_the_line_numbers),
		cmocka_unit_test(empty_and_comment_only_files),
		cmocka_unit_test(huge_line_is_cut_not_wrapped),
		cmocka_unit_test(many_problems_are_capped),
		cmocka_unit_test(unreadable_files),
		cmocka_unit_test(every_prefix_of_a_lesson),
		cmocka_unit_test(random_damage_never_crashes),
		cmocka_unit_test(diags_sort_by_file_then_line_stably),
	};
	/* One named test per broken fixture, so a failure names the file. */
	struct CMUnitTest tests[ARRAY_SIZE(fixed) + ARRAY_SIZE(broken)];

	for (size_t i = 0; i < ARRAY_SIZE(broken); i++)
		tests[i] = (struct CMUnitTest){
			.name = broken[i].name,
			.test_func = broken_fixture,
			.initial_state = (void *)&broken[i],
		};
	memcpy(tests + ARRAY_SIZE(broken), fixed, sizeof fixed);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
