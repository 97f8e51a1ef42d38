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
#include "practice_keys.h"
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
	    "'kind: choose', 'kind: type' or 'kind: practice'\n"
	  B "many-problems.lesson:9: choose step 'pay' has no 'correct:' option; "
	    "exactly one must be correct\n"
	  B "many-problems.lesson:14: key 'accept' is not allowed in a choose step\n"
	  B "many-problems.lesson:16: type step 'start' has no 'accept:'; add at "
	    "least one accepted answer\n"
	  B "many-problems.lesson:16: duplicate step id 'start' (first at line 6); "
	    "each step needs its own id\n" },
	{ "missing-kind",
	  B "missing-kind.lesson:4: step 'one' has no 'kind:'; add 'kind: read', "
	    "'kind: choose', 'kind: type' or 'kind: practice'\n" },
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
	{ "practice-bad-date",
	  B "practice-bad-date.lesson:10: value '29.02.2023' of 'field: Дата на "
	    "раждане' is not a real date written DD.MM.YYYY, as its 'date: yes' "
	    "asks\n" },
	{ "practice-bad-switch",
	  B "practice-bad-switch.lesson:9: 'date: true': the only value is 'yes'; "
	    "to leave it out, delete the line\n" },
	{ "practice-buttons-too-wide",
	  B "practice-buttons-too-wide.lesson:14: the buttons up to this one need "
	    "77 columns on their row; at most 68 fit: shorten their labels\n" },
	{ "practice-digits-range",
	  B "practice-digits-range.lesson:9: 'digits: 25': write how many digits "
	    "the field takes, a whole number from 1 to 20\n" },
	{ "practice-duplicate-item",
	  B "practice-duplicate-item.lesson:11: 'list: Град' has the item 'София' "
	    "twice (first at line 9); items must differ\n" },
	{ "practice-feedback-never-shown",
	  B "practice-feedback-never-shown.lesson:12: 'feedback:' of 'field: "
	    "Бележка' is never shown: the widget has no rule; add one or remove the "
	    "feedback\n" },
	{ "practice-label-too-wide",
	  B "practice-label-too-wide.lesson:8: 'field:' text is 33 columns wide; at "
	    "most 24 fit on its row of the practice screen: shorten it\n" },
	{ "practice-missing-value",
	  B "practice-missing-value.lesson:8: 'field: Име' has 'required:' but no "
	    "'value:'; add the value that \"show me\" types\n" },
	{ "practice-must-no-item",
	  B "practice-must-no-item.lesson:11: 'must: До вкъщи' is not an item of "
	    "'choice: Доставка'; copy the text of one of its 'item:' lines\n" },
	{ "practice-no-press",
	  B "practice-no-press.lesson:4: practice step 'form' has no button with "
	    "'press: yes'; mark the button the learner must press\n" },
	{ "practice-no-screen",
	  B "practice-no-screen.lesson:4: practice step 'form' has no 'screen:'; "
	    "add the made-up name or address shown in its title bar\n" },
	{ "practice-nothing-to-do",
	  B "practice-nothing-to-do.lesson:4: practice step 'form' has nothing for "
	    "the learner to do; add a 'field:', 'check:', 'choice:' or 'list:'\n" },
	{ "practice-rule-no-widget",
	  B "practice-rule-no-widget.lesson:8: 'accept:' must come below the "
	    "'field:' it belongs to\n" },
	{ "practice-rule-wrong-widget",
	  B "practice-rule-wrong-widget.lesson:9: 'digits:' does not belong to the "
	    "'check: Съгласен съм' above it (line 8); it goes below a 'field:'\n" },
	{ "practice-text-too-long",
	  B "practice-text-too-long.lesson:6: text of practice step 'form' takes 8 "
	    "rows on the screen; at most 6 fit above this practice screen: shorten "
	    "it\n" },
	{ "practice-too-few-items",
	  B "practice-too-few-items.lesson:8: 'list: Град' has 1 item; it needs 2 "
	    "to 8: add 'item:' lines\n" },
	{ "practice-too-many-buttons",
	  B "practice-too-many-buttons.lesson:16: practice step 'form' has 5 "
	    "buttons; at most 4 fit\n" },
	{ "practice-too-many-widgets",
	  B "practice-too-many-widgets.lesson:16: practice step 'form' has 9 "
	    "fields, checks, choices and lists; at most 8 fit\n" },
	{ "practice-too-tall",
	  B "practice-too-tall.lesson:4: the practice screen of step 'form' needs "
	    "18 rows; at most 14 fit on the 80x24 screen: remove widgets or items\n" },
	{ "practice-two-press",
	  B "practice-two-press.lesson:14: a second button with 'press: yes' (first "
	    "at line 12); exactly one button is the one to press\n" },
	{ "practice-two-rules",
	  B "practice-two-rules.lesson:11: 'field: Телефон' already has the rule "
	    "'digits:' (line 9); a field takes one kind of rule\n" },
	{ "practice-unknown-widget",
	  B "practice-unknown-widget.lesson:11: unknown key 'slider'; "
	    "lessons/README.md lists the keys\n" },
	{ "practice-value-breaks-rule",
	  B "practice-value-breaks-rule.lesson:10: value '12345' of 'field: "
	    "Телефон' is not 10 digits, as its 'digits: 10' asks\n" },
	{ "practice-value-no-rule",
	  B "practice-value-no-rule.lesson:9: 'field: Бележка' has a 'value:' but "
	    "no rule; add 'accept:', 'digits:', 'date:' or 'required:', or remove the "
	    "value\n" },
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
	  B "unknown-kind.lesson:5: unknown kind 'quiz'; use read, choose, type or "
	    "practice\n" },
	{ "uppercase-key",
	  B "uppercase-key.lesson:2: unknown key 'Title'; keys are written in "
	    "lowercase: 'title'\n" },
	/* Refused answers (reject:) and letter case (case:), issue 9. */
	{ "case-not-allowed",
	  B "case-not-allowed.lesson:9: key 'case' is not allowed in a choose "
	    "step\n"
	  B "case-not-allowed.lesson:10: key 'reject' is not allowed in a "
	    "choose step\n" },
	{ "practice-case-no-accept",
	  B "practice-case-no-accept.lesson:10: 'case: yes' of 'field: Нов ПИН' "
	    "changes nothing: only 'accept:' answers are compared by letter "
	    "case; remove the line\n" },
	{ "practice-case-not-yes",
	  B "practice-case-not-yes.lesson:10: 'case: no': the only value is "
	    "'yes'; to leave it out, delete the line\n" },
	{ "practice-case-value",
	  B "practice-case-value.lesson:11: value 'мария' of 'field: Име' "
	    "differs from its 'accept:' answers in capital letters, and its "
	    "'case: yes' makes them count\n" },
	{ "practice-case-wrong-widget",
	  B "practice-case-wrong-widget.lesson:12: 'case:' does not belong to "
	    "the 'button: Смени' above it (line 10); it goes below a 'field:'\n" },
	/* Enter's button on a form (default:), so a scam page is not closed by Enter. */
	{ "practice-default-twice",
	  B "practice-default-twice.lesson:13: a second button with 'default: yes' (first "
	    "at line 10); a form has one button that Enter presses\n" },
	{ "practice-default-no-field",
	  B "practice-default-no-field.lesson:10: 'default: yes' does nothing here: only "
	    "Enter in a text field presses the form's button, and step 'fake-shop' has no "
	    "'field:'; delete the line\n" },
	{ "practice-default-wrong-widget",
	  B "practice-default-wrong-widget.lesson:9: 'default:' does not belong to the "
	    "'field: Номер на картата' above it (line 8); it goes below a 'button:'\n" },
	{ "practice-reject-accept",
	  B "practice-reject-accept.lesson:10: 'accept: Парола123' of 'field: "
	    "Парола' is refused by its own 'reject: ПАРОЛА123' (line 11); an "
	    "answer cannot be both right and refused: remove one of them\n" },
	{ "practice-reject-no-feedback",
	  B "practice-reject-no-feedback.lesson:11: 'reject:' has no "
	    "'feedback:' directly below it; add one that tells the learner why "
	    "this answer is refused\n" },
	{ "practice-reject-no-widget",
	  B "practice-reject-no-widget.lesson:8: 'reject:' must come below the "
	    "'field:' it belongs to\n" },
	{ "practice-reject-value",
	  B "practice-reject-value.lesson:12: 'value: 12 34' of 'field: Нов "
	    "ПИН' is refused by its own 'reject: 1234' (line 10); an answer "
	    "cannot be both right and refused: remove one of them\n" },
	{ "practice-reject-wrong-widget",
	  B "practice-reject-wrong-widget.lesson:12: 'reject:' does not belong "
	    "to the 'check: Запомни ме' above it (line 11); it goes below a "
	    "'field:'\n" },
	{ "type-reject-accept",
	  B "type-reject-accept.lesson:7: 'accept: Мария' of step 'name' is "
	    "refused by its own 'reject: мария' (line 9); an answer cannot be "
	    "both right and refused: remove one of them\n" },
	{ "type-reject-no-feedback",
	  B "type-reject-no-feedback.lesson:10: 'reject:' has no 'feedback:' "
	    "directly below it; add one that tells the learner why this answer "
	    "is refused\n" },
	{ "type-two-case",
	  B "type-two-case.lesson:10: duplicate key 'case' in step 'name' "
	    "(first at line 8); it may appear only once\n" },
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
	assert_string_equal(lesson_kind_name(STEP_PRACTICE), "practice");
	assert_string_equal(lesson_kind_name((enum step_kind)42), "?");
}

/* ---- practice steps ---- */

static void practice_fixture_has_every_field(void **state)
{
	struct diags d = { 0 };
	struct lesson *l = lesson_parse_file(FIXTURES "practice/bg/services.lesson", &d);
	const struct practice *pr;
	const struct widget *w;

	assert_int_equal(d.count, 0);
	assert_non_null(l);
	assert_int_equal(l->step_count, 4);
	assert_null(l->steps[0].practice);

	/* The example of the format, widget by widget. */
	assert_int_equal(l->steps[1].kind, STEP_PRACTICE);
	assert_string_equal(l->steps[1].hint, "Натиснете Tab, докато бутонът „Търси“ светне, "
	                    "после Enter.");
	assert_string_equal(l->steps[1].success, "Отлично! Сайтът показва резултатите.");
	assert_null(l->steps[1].feedback);
	assert_int_equal(l->steps[1].accept_count, 0);  /* the field's, not the step's */
	pr = l->steps[1].practice;
	assert_non_null(pr);
	assert_string_equal(pr->title, "Аптека Здраве · apteka-zdrave.example");
	assert_int_equal(pr->count, 4);
	w = &pr->widgets[0];
	assert_int_equal(w->kind, WIDGET_LABEL);
	assert_string_equal(w->label, "Добре дошли! Какво лекарство търсите?");
	assert_int_equal(w->line, 14);
	w = &pr->widgets[1];
	assert_int_equal(w->kind, WIDGET_FIELD);
	assert_string_equal(w->label, "Търсене");
	assert_int_equal(w->rule, RULE_ACCEPT);
	assert_int_equal(w->accept_count, 2);
	assert_string_equal(w->accept[0], "парацетамол");
	assert_string_equal(w->accept[1], "paracetamol");
	assert_null(w->value);
	assert_string_equal(w->feedback, "В полето „Търсене“ напишете парацетамол.");
	w = &pr->widgets[2];
	assert_int_equal(w->kind, WIDGET_BUTTON);
	assert_string_equal(w->label, "Търси");
	assert_true(w->expected);
	assert_null(w->feedback);
	w = &pr->widgets[3];
	assert_false(w->expected);
	assert_string_equal(w->feedback, "„Вход“ е за регистрирани клиенти. Сега търсим "
	                    "лекарство.");
	assert_int_equal(practice_rows(pr), 8);

	/* Every rule kind; value: may come before or after its rule. */
	pr = l->steps[2].practice;
	assert_string_equal(l->steps[2].text, "Запишете се за преглед: попълнете името, "
	                    "телефона и датата, изберете „Сутрин“, отметнете съгласието и "
	                    "натиснете „Запиши“.");
	assert_int_equal(pr->count, 7);
	assert_int_equal(pr->widgets[0].rule, RULE_REQUIRED);
	assert_string_equal(pr->widgets[0].value, "Мария Иванова");
	assert_int_equal(pr->widgets[1].rule, RULE_DIGITS);
	assert_int_equal(pr->widgets[1].digits, 10);
	assert_string_equal(pr->widgets[1].value, "0888 123 456");
	assert_int_equal(pr->widgets[2].rule, RULE_DATE);
	assert_string_equal(pr->widgets[2].value, "29.02.2028");
	w = &pr->widgets[3];
	assert_int_equal(w->kind, WIDGET_CHOICE);
	assert_int_equal(w->item_count, 2);
	assert_string_equal(w->items[1], "Следобед");
	assert_int_equal(w->must, 0);
	assert_int_equal(pr->widgets[4].kind, WIDGET_CHECK);
	assert_int_equal(pr->widgets[4].check, CHECK_CHECKED);
	assert_true(pr->widgets[5].expected);
	assert_false(pr->widgets[6].expected);

	pr = l->steps[3].practice;
	assert_int_equal(pr->widgets[0].kind, WIDGET_LIST);
	assert_int_equal(pr->widgets[0].must, 2);
	assert_int_equal(pr->widgets[1].check, CHECK_UNCHECKED);
	assert_non_null(pr->widgets[1].feedback);
	assert_int_equal(pr->widgets[2].rule, RULE_ANY);
	assert_null(pr->widgets[2].value);
	assert_int_equal(pr->widgets[0].must, 2);
	assert_int_equal(pr->widgets[3].kind, WIDGET_BUTTON);
	lesson_free(l);
}

/* A practice step around the widgets w (the task text, the screen and one expected button
 * are added); caller frees. */
static char *practice_with(const char *widgets)
{
	return xasprintf(HEAD "step: p\nkind: practice\ntext: Задача.\nscreen: Сайт\n%s"
	                 "button: Напред\npress: yes\n", widgets);
}

static void expect_practice_ok(const char *widgets)
{
	char *s = practice_with(widgets);

	expect_ok(s);
	free(s);
}

static void expect_practice_msg(const char *widgets, const char *expected)
{
	char *s = practice_with(widgets);

	expect_msg(s, expected);
	free(s);
}

static void practice_limits_at_their_edges(void **state)
{
	char *eight = repeat("check: Отметка\n", 8);
	char *eight_and_label = xasprintf("label: Заглавие\n%s", eight);
	char *label24 = repeat("Ж", 24), *label66 = repeat("Ж", 66), *cols29 = repeat("7", 29);
	char *s;

	/* 6 rows of frame plus 8 widgets: exactly 14. */
	expect_practice_ok(eight);
	expect_practice_msg(eight_and_label, "t:3: the practice screen of step 'p' needs 15 "
	                    "rows; at most 14 fit on the 80x24 screen: remove widgets or "
	                    "items\n");
	s = xasprintf("field: %s\nlabel: %s\n", label24, label66);
	expect_practice_ok(s);
	free(s);
	s = xasprintf("field: %sЖ\n", label24);
	expect_practice_msg(s, "t:7: 'field:' text is 25 columns wide; at most 24 fit on its "
	                    "row of the practice screen: shorten it\n");
	free(s);
	s = xasprintf("label: %sЖ\ncheck: x\n", label66);
	expect_practice_msg(s, "t:7: 'label:' text is 67 columns wide; at most 66 fit on its "
	                    "row of the practice screen: shorten it\n");
	free(s);
	/* A value must fit in the field, or "show me" could not type it. */
	s = xasprintf("field: Име\nrequired: yes\nvalue: %s\n", cols29);
	expect_practice_ok(s);
	free(s);
	s = xasprintf("field: Име\nrequired: yes\nvalue: %s7\n", cols29);
	expect_practice_msg(s, "t:9: 'value:' text is 30 columns wide; at most 29 fit on its "
	                    "row of the practice screen: shorten it\n");
	free(s);
	s = xasprintf("field: Код\naccept: %s7\n", cols29);
	expect_practice_msg(s, "t:8: 'accept:' text is 30 columns wide; at most 29 fit on its "
	                    "row of the practice screen: shorten it\n");
	free(s);
	expect_practice_ok("field: ПИН\ndigits: 1\nvalue: 0\nfield: IBAN\ndigits: 20\n"
	                   "value: 1234 5678 9012 3456 7890\n");
	expect_practice_msg("field: ПИН\ndigits: 0\nvalue: 0\n",
	                    "t:8: 'digits: 0': write how many digits the field takes, a whole "
	                    "number from 1 to 20\n");
	expect_practice_msg("field: ПИН\ndigits: 21\nvalue: 0\n",
	                    "t:8: 'digits: 21': write how many digits the field takes, a whole "
	                    "number from 1 to 20\n");
	expect_practice_msg("field: ПИН\ndigits: четири\nvalue: 0\n",
	                    "t:8: 'digits: четири': write how many digits the field takes, a "
	                    "whole number from 1 to 20\n");
	/* Six choices, eight list items. */
	expect_practice_ok("choice: Избор\nitem: 1\nitem: 2\nitem: 3\nitem: 4\nitem: 5\n"
	                   "item: 6\n");
	expect_practice_msg("choice: Избор\nitem: 1\nitem: 2\nitem: 3\nitem: 4\nitem: 5\n"
	                    "item: 6\nitem: 7\n",
	                    "t:14: 'choice: Избор' has 7 items; at most 6 fit\n");
	expect_practice_ok("list: Списък\nitem: 1\nitem: 2\nitem: 3\nitem: 4\nitem: 5\n"
	                   "item: 6\nitem: 7\n");
	expect_practice_msg("list: Списък\nitem: 1\nitem: 2\nitem: 3\nitem: 4\nitem: 5\n"
	                    "item: 6\nitem: 7\nitem: 8\nitem: 9\n",
	                    "t:3: the practice screen of step 'p' needs 16 rows; at most 14 fit "
	                    "on the 80x24 screen: remove widgets or items\n"
	                    "t:16: 'list: Списък' has 9 items; at most 8 fit\n");
	/* Four buttons, 20 columns each, would not fit one row; three short ones do. */
	expect_practice_ok("check: x\nbutton: Едно\nbutton: Две\nbutton: Три\n");
	free(eight);
	free(eight_and_label);
	free(label24);
	free(label66);
	free(cols29);
}

/* A hint is shown after its label ("Подсказка: "): three rows of text alone are four on
 * screen, so the check counts the label too. */
static void hint_counts_its_label(void **state)
{
	char *w60 = repeat("ж", 60), *w66 = repeat("ж", 66), *w70 = repeat("ж", 70), *ok, *bad;

	/* 11 + 60 columns fit the first 76-column row; 11 + 66 do not, so the label stands
	 * alone there and three words that were three rows become four. */
	ok = xasprintf(HEAD "step: r\nkind: type\ntext: Т\naccept: да\nhint: %s %s %s\n", w60,
	               w70, w70);
	bad = xasprintf(HEAD "step: r\nkind: type\ntext: Т\naccept: да\nhint: %s %s %s\n", w66,
	                w70, w70);
	expect_ok(ok);
	expect_msg(bad, "t:7: 'hint' of step 'r' takes 4 rows on the screen; at most 3 fit: "
	           "shorten it\n");
	free(w60);
	free(w66);
	free(w70);
	free(ok);
	free(bad);
}

static void practice_task_fits_three_rows(void **state)
{
	static const char *const five[] = { "1", "2", "3", "4", "5" };
	char *row = repeat("ж", 76), *items = xstrdup("");
	char *ok, *bad, *small_ok, *small_bad, *ok_success, *bad_success;

	/* The largest frame (14 rows: a list of 5, a field, a check) leaves 3 rows above it. */
	for (size_t i = 0; i < 5; i++) {
		char *prev = items;

		items = xasprintf("%sitem: %s\n", prev, five[i]);
		free(prev);
	}
	ok = xasprintf(HEAD "step: p\nkind: practice\ntext: %s %s\ntext: %s\n"
	               "screen: Сайт\nlist: Л\n%sfield: Ф\ncheck: x\nbutton: Да\npress: yes\n",
	               row, row, row, items);
	bad = xasprintf(HEAD "step: p\nkind: practice\ntext: %s %s %s ж\n"
	                "screen: Сайт\nlist: Л\n%sfield: Ф\ncheck: x\nbutton: Да\npress: yes\n",
	                row, row, row, items);
	expect_ok(ok);
	expect_msg(bad, "t:5: text of practice step 'p' takes 4 rows on the screen; at most 3 "
	           "fit above this practice screen: shorten it\n");
	/* Under that task and frame, 3 rows are left: the praise and a 2-row success: text. */
	ok_success = xasprintf("%ssuccess: %s %s\n", ok, row, row);
	bad_success = xasprintf("%ssuccess: %s %s %s\n", ok, row, row, row);
	expect_ok(ok_success);
	expect_msg(bad_success, "t:18: 'success' of practice step 'p' takes 3 rows on the "
	           "screen; under this task and practice screen at most 2 fit: shorten it\n");
	free(ok_success);
	free(bad_success);
	/* A small frame gives its rows to the task (room for a gloss), up to 6. */
	small_ok = xasprintf(HEAD "step: p\nkind: practice\ntext: %s %s %s %s %s %s\n"
	                     "screen: Сайт\ncheck: x\nbutton: Да\npress: yes\n",
	                     row, row, row, row, row, row);
	small_bad = xasprintf(HEAD "step: p\nkind: practice\ntext: %s %s %s %s %s %s ж\n"
	                      "screen: Сайт\ncheck: x\nbutton: Да\npress: yes\n",
	                      row, row, row, row, row, row);
	expect_ok(small_ok);
	expect_msg(small_bad, "t:5: text of practice step 'p' takes 7 rows on the screen; at "
	           "most 6 fit above this practice screen: shorten it\n");
	free(row);
	free(items);
	free(ok);
	free(bad);
	free(small_ok);
	free(small_bad);
}

static void practice_rules_and_their_widgets(void **state)
{
	/* A field without a rule takes anything; feedback on a check with a rule. */
	expect_practice_ok("field: Бележка\ncheck: Съгласен\nfeedback: Отметнете.\n"
	                   "must: checked\n");
	/* must: may come before the items it names. */
	expect_practice_ok("list: Град\nmust: Варна\nitem: София\nitem: Варна\n");
	expect_practice_msg("field: Име\nmust: checked\n",
	                    "t:8: 'must:' does not belong to the 'field: Име' above it (line 7); "
	                    "it goes below a 'check:'/'choice:'/'list:'\n");
	expect_practice_msg("check: Да\nitem: едно\n",
	                    "t:8: 'item:' does not belong to the 'check: Да' above it (line 7); "
	                    "it goes below a 'choice:'/'list:'\n");
	expect_practice_msg("check: Да\npress: yes\n",
	                    "t:8: 'press:' does not belong to the 'check: Да' above it (line 7); "
	                    "it goes below a 'button:'\n");
	expect_practice_msg("label: Здравейте\nfeedback: не\ncheck: x\n",
	                    "t:8: 'feedback:' does not belong to the 'label: Здравейте' above it "
	                    "(line 7); it goes below a 'field:'/'check:'/'choice:'/'list:'/"
	                    "'button:'\n");
	expect_practice_msg("feedback: рано\ncheck: x\n",
	                    "t:7: 'feedback:' must come below the "
	                    "'field:'/'check:'/'choice:'/'list:'/'button:' it belongs to\n");
	expect_practice_msg("field: Име\nrequired: yes\nvalue: А\nvalue: Б\n",
	                    "t:10: duplicate key 'value' for 'field: Име' (first at line 9); it "
	                    "may appear once per widget\n");
	expect_practice_msg("field: Дата\ndate: yes\ndate: yes\nvalue: 01.01.2000\n",
	                    "t:9: duplicate key 'date' for 'field: Дата' (first at line 8); it "
	                    "may appear once per widget\n");
	expect_practice_msg("field: Име\naccept: Мария\nvalue: Иван\n",
	                    "t:9: value 'Иван' of 'field: Име' is not one of its 'accept:' "
	                    "answers\n");
	/* The value is compared as the learner's answer is: case and spaces do not count. */
	expect_practice_ok("field: Име\naccept: Мария\nvalue: МАРИЯ\n");
	expect_practice_msg("check: Да\nmust: yes\n",
	                    "t:8: 'must: yes' for a 'check:' is 'checked' or 'unchecked'\n");
	expect_practice_msg("field: Дата\ndate: yes\nvalue: 31.04.2025\n",
	                    "t:9: value '31.04.2025' of 'field: Дата' is not a real date written "
	                    "DD.MM.YYYY, as its 'date: yes' asks\n");
	expect_practice_ok("field: Дата\ndate: yes\nvalue: 29.02.2024\n");
	/* An empty value is reported once, not again as a broken rule. */
	expect_practice_msg("field: Име\naccept:\ncheck: x\n",
	                    "t:8: 'accept:' has no value; write it after the colon\n");
}

static void practice_screen_and_buttons(void **state)
{
	char *sixty = repeat("ж", 60);
	char *s = xasprintf(HEAD "step: p\nkind: practice\ntext: x\nscreen: %sж\ncheck: x\n"
	                    "button: Да\npress: yes\n", sixty);

	expect_msg(s, "t:6: 'screen:' is 61 columns wide; at most 60 fit in the title bar: "
	           "shorten it\n");
	free(s);
	expect_msg(HEAD "step: p\nkind: practice\ntext: x\nscreen: А\nscreen: Б\ncheck: x\n"
	           "button: Да\npress: yes\n",
	           "t:7: duplicate key 'screen' in step 'p' (first at line 6); it may appear "
	           "only once\n");
	expect_msg(HEAD "step: p\nkind: practice\ntext: x\nscreen: А\ncheck: x\n",
	           "t:3: practice step 'p' has no 'button:'; add the button that finishes the "
	           "task, with 'press: yes' below it\n");
	expect_msg(HEAD "step: p\nkind: practice\ntext: x\nscreen: А\ncheck: x\n"
	           "button: Да\npress: yes\nfeedback: Не това.\n",
	           "t:10: 'feedback:' of 'button: Да' is never shown: it is the button to "
	           "press; use 'success:' or put the feedback below a widget\n");
	expect_msg(HEAD "step: p\nkind: practice\ntext: x\nscreen: А\ncheck: x\n"
	           "button: Да\npress: no\n",
	           "t:3: practice step 'p' has no button with 'press: yes'; mark the button the "
	           "learner must press\n"
	           "t:9: 'press: no': the only value is 'yes'; to leave it out, delete the line\n");
	sixty[40] = '\0';  /* 20 columns */
	s = xasprintf(HEAD "step: p\nkind: practice\ntext: x\nscreen: А\ncheck: x\n"
	              "button: %s\npress: yes\nbutton: %sж\n", sixty, sixty);
	expect_msg(s, "t:10: 'button:' text is 21 columns wide; at most 20 fit on its row of "
	           "the practice screen: shorten it\n");
	free(s);
	free(sixty);
}

static void practice_keys_only_in_practice_steps(void **state)
{
	expect_msg(HEAD "step: a\nkind: read\ntext: x\nscreen: Сайт\nbutton: Да\n",
	           "t:6: key 'screen' is not allowed in a read step\n"
	           "t:7: key 'button' is not allowed in a read step\n");
	expect_msg(HEAD "step: a\nkind: type\ntext: x\naccept: да\nvalue: да\n",
	           "t:7: key 'value' is not allowed in a type step\n");
	expect_msg(HEAD "step: a\nkind: practice\ntext: x\nscreen: С\ncheck: x\nbutton: Да\n"
	           "press: yes\nprompt: Отговор\n",
	           "t:10: key 'prompt' is not allowed in a practice step\n");
	expect_msg(HEAD "step: a\nkind: practise\ntext: x\n",
	           "t:4: unknown kind 'practise'; use read, choose, type or practice\n");
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
	                    "directory\n" FIXTURES "good: not loaded: it is a folder, not a lesson file\n");
	free(text);
	diags_free(&d);
}

/* What every accepted practice step must satisfy: something to do, one button to press that
 * "show me" reaches with every rule met, and a frame that fits. */
static void check_practice_invariants(const struct practice *pr)
{
	struct practice_state st;
	struct practice_key *m = NULL;
	size_t focusable = 0, buttons = 0, expected = 0, go = 0, n;

	assert_non_null(pr->title);
	for (size_t i = 0; i < pr->count; i++) {
		const struct widget *w = &pr->widgets[i];

		buttons += w->kind == WIDGET_BUTTON;
		focusable += practice_focusable(w) && w->kind != WIDGET_BUTTON;
		if (w->expected) {
			expected++;
			go = i;
		}
		if (w->must != PRACTICE_NONE)
			assert_true(w->must < w->item_count);
		if (w->value)
			assert_true(practice_field_accepts(w, w->value));
	}
	assert_in_range(focusable, 1, PRACTICE_MAX_FOCUSABLE);
	assert_in_range(buttons, 1, PRACTICE_MAX_BUTTONS);
	assert_int_equal(expected, 1);
	assert_true(practice_rows(pr) <= PRACTICE_MAX_ROWS);
	n = practice_keys_demo(pr, NULL, &m);
	practice_state_init(&st, pr);
	for (size_t i = 0; i < n; i++) {
		size_t b;

		assert_int_not_equal(practice_keys_handle(&st, m[i], &b), PRACTICE_PRESS);
	}
	assert_int_equal(practice_press(&st, go).outcome, PRACTICE_PASSED);
	practice_state_free(&st);
	free(m);
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
		assert_true((s->kind == STEP_PRACTICE) == (s->practice != NULL));
		if (s->practice)
			check_practice_invariants(s->practice);
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
	char *buf = slurp(*state ? *state : FIXTURES "good/uk/pharmacy.lesson", &len);

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
	char *orig = slurp(*state ? *state : FIXTURES "good/bg/pharmacy.lesson", &len);
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

/* ---- say: spoken forms for reading aloud ---- */

static void say_gives_spoken_forms(void **state)
{
	struct lesson *l;
	char *msg = parse_str("t", "lesson: t\ntitle: T\n\nstep: a\nkind: read\n"
	                      "text: Обадете се на 112 или на ПИК.\n"
	                      "say: 112 = едно едно две\nsay: ПИК = пе и ка\n"
	                      "say: 11 = единайсет\n", &l);
	char *spoken;

	assert_string_equal(msg, "");
	assert_non_null(l);
	assert_int_equal(l->steps[0].say_count, 3);
	spoken = lesson_spoken(&l->steps[0], l->steps[0].text);
	/* The longest written form wins where two start at the same place. */
	assert_string_equal(spoken, "Обадете се на едно едно две или на пе и ка.");
	free(spoken);
	spoken = lesson_spoken(&l->steps[0], "без съвпадения");
	assert_string_equal(spoken, "без съвпадения");
	free(spoken);
	free(msg);
	lesson_free(l);
}

static void say_needs_both_sides(void **state)
{
	char *msg = parse_str("t", "lesson: t\ntitle: T\n\nstep: a\nkind: read\n"
	                      "text: Текст.\nsay: 112\n", NULL);

	assert_non_null(strstr(msg, "t:7: 'say:' needs the written form"));
	free(msg);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(say_gives_spoken_forms),
		cmocka_unit_test(say_needs_both_sides),
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
		{ .name = "every_prefix_of_a_practice_lesson",
		  .test_func = every_prefix_of_a_lesson,
		  .initial_state = (void *)FIXTURES "practice/uk/services.lesson" },
		{ .name = "random_damage_to_a_practice_lesson",
		  .test_func = random_damage_never_crashes,
		  .initial_state = (void *)FIXTURES "practice/bg/services.lesson" },
		cmocka_unit_test(practice_fixture_has_every_field),
		cmocka_unit_test(practice_limits_at_their_edges),
		cmocka_unit_test(practice_task_fits_three_rows),
		cmocka_unit_test(hint_counts_its_label),
		cmocka_unit_test(practice_rules_and_their_widgets),
		cmocka_unit_test(practice_screen_and_buttons),
		cmocka_unit_test(practice_keys_only_in_practice_steps),
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
