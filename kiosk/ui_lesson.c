/* ui_lesson: one step per screen.  Each finished step is recorded in
 * the store before the screen shows it as done, so leaving at any moment loses nothing. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "answer.h"
#include "layout.h"
#include "text.h"
#include "i18n.h"
#include "ui.h"
#include "ui_practice.h"
#include "util.h"

#define FIELD_COLS 40
#define TRIES_BEFORE_HINT 2
/* No option is highlighted at first, so that a learner who presses Enter to go on does not
 * give a wrong answer by accident. */
#define NONE ((size_t)-1)

enum phase {
	PHASE_ANSWER,  /* waiting for an answer (or for Enter on a read step) */
	PHASE_RIGHT,   /* answered correctly: praise shown, Enter goes on */
};

static struct {
	enum phase phase;
	int wrong;            /* wrong tries on this visit to the step */
	int wrong_option;     /* choose: index of the last wrong pick, -1 */
	bool wrong_typed;     /* type: the last answer was wrong */
	const char *typed_feedback;  /* type: what the lesson says about it; may be NULL */
	size_t selected;      /* choose: highlighted option, NONE until the learner moves */
	bool empty_note;      /* Enter before choosing an option or typing anything */
	struct edit field;    /* type: the answer being typed */
	bool field_ready;
	struct practice_verdict verdict;  /* practice: the last press, when wrong */
	bool practice_wrong;  /* practice: verdict is to be shown */
	bool show_me_used;    /* practice: the demonstration was watched on this visit */
	bool your_turn;       /* practice: the demonstration just ended */
} st;

static const struct step *current(const struct app *a)
{
	return &a->lesson->steps[a->step];
}

static void reset_step(void)
{
	if (!st.field_ready) {
		edit_init(&st.field, FIELD_COLS - 1);
		st.field_ready = true;
	}
	edit_clear(&st.field);
	st.phase = PHASE_ANSWER;
	st.wrong = 0;
	st.wrong_option = -1;
	st.wrong_typed = false;
	st.selected = NONE;
	st.empty_note = false;
	st.practice_wrong = false;
	st.show_me_used = false;
	st.your_turn = false;
}

/* reset_step, plus what needs the step itself. */
static void open_step(const struct app *a)
{
	const struct step *s = &a->lesson->steps[a->step];

	reset_step();
	if (s->kind == STEP_PRACTICE)
		ui_practice_open(s->practice);
}

static void lesson_enter(struct app *a)
{
	if (a->step >= a->lesson->step_count)
		a->step = 0;
	open_step(a);
}

int lesson_left(void)
{
	return (ui_cols() - LESSON_WRAP_COLS) / 2;
}

static void draw_progress(const struct app *a)
{
	/* TRANSLATORS: header of a lesson step, e.g. "Step 3 of 12". */
	char *where = xasprintf(_("Step %zu of %zu"), a->step + 1, a->lesson->step_count);
	int w = (int)text_width(where);

	ui_text(1, lesson_left(), w, 1, where, A_BOLD);
	ui_progress_bar(1, lesson_left() + w + 2, LESSON_WRAP_COLS - w - 2, a->step,
	                a->lesson->step_count);
	free(where);
}

static int draw_options(const struct step *s, int row)
{
	int used = 0;

	for (size_t i = 0; i < s->option_count; i++) {
		int attr = i == st.selected ? ui_attr(UI_SELECTED) : (int)A_BOLD;
		char *num = xasprintf("%zu.", i + 1);

		if ((int)i == st.wrong_option)
			attr = ui_attr(UI_WRONG);
		if (st.phase == PHASE_RIGHT && s->options[i].correct)
			attr = ui_attr(UI_RIGHT) | A_REVERSE;
		mvaddstr(row + used, lesson_left(), i == st.selected ? ">" : " ");
		attron(attr);
		mvaddstr(row + used, lesson_left() + 2, num);
		attroff(attr);
		used += ui_text(row + used, lesson_left() + 5, LESSON_OPTION_COLS, LESSON_BODY_ROWS,
		                s->options[i].text, attr);
		free(num);
	}
	return used;
}

static void draw_field(const struct step *s, int row)
{
	if (s->prompt)
		ui_text(row, lesson_left(), LESSON_WRAP_COLS, 1, s->prompt, A_NORMAL);
	ui_field(row + 1, lesson_left() + 2, FIELD_COLS, &st.field);
	if (st.phase == PHASE_RIGHT)
		ui_cursor(-1, 0);
}

/* What the lesson says about a wrong press, or a plain explanation when it says nothing. */
static char *practice_feedback(const struct step *s)
{
	const struct widget *w = &s->practice->widgets[st.verdict.widget];

	if (st.verdict.reject)
		return xstrdup(st.verdict.reject->feedback);  /* an answer the lesson warns against */
	if (w->feedback)
		return xstrdup(w->feedback);
	if (st.verdict.outcome == PRACTICE_WRONG_BUTTON)
		return xasprintf(_("You pressed \"%s\". Please read the task above again."), w->label);
	return xasprintf(_("Please check \"%s\" and try again."), w->label);
}

/* Feedback, hint and praise share the rows above the footer. */
/* The feedback for the last wrong answer, or NULL; caller frees. */
static char *wrong_text(const struct step *s)
{
	const char *fb;

	if (st.practice_wrong)
		return practice_feedback(s);
	if (st.wrong_option < 0 && !st.wrong_typed)
		return NULL;
	fb = st.wrong_option >= 0 ? s->options[st.wrong_option].feedback : st.typed_feedback;
	return xstrdup(fb ? fb : _("Not quite. Please try again."));
}

/* Feedback, hint and praise share the rows from row to the footer.  A practice screen can
 * leave few of them at 80x24: then the hint, the more helpful after two tries, takes the
 * place of the feedback. */
static void draw_notes(const struct step *s, int row)
{
	int end = ui_rows() - 1, col = lesson_left(), w = LESSON_WRAP_COLS;
	char *wrong = wrong_text(s), *hint = NULL;

	if (st.phase == PHASE_RIGHT) {
		row += ui_text(row, col, w, end - row, _("Correct! Well done."), ui_attr(UI_RIGHT));
		if (s->success)
			ui_text(row, col, w, end - row, s->success, A_NORMAL);
		free(wrong);
		return;
	}
	if (st.empty_note)
		row += ui_text(row, col, w, end - row,
		               s->kind == STEP_CHOOSE
		               ? _("Choose an answer first: press its digit, or use the arrows.")
		               : _("Please type your answer first, then press Enter."),
		               ui_attr(UI_HINT));
	if (st.your_turn)
		row += ui_text(row, col, w, end - row, _("Now it is your turn: do the same yourself."),
		               ui_attr(UI_HINT));
	if (st.wrong >= TRIES_BEFORE_HINT && s->hint)
		hint = xasprintf(_("Hint: %s"), s->hint);
	if (wrong && (!hint || (int)(layout_count(wrong, (size_t)w) +
	                             layout_count(hint, (size_t)w)) <= end - row))
		row += ui_text(row, col, w, end - row, wrong, ui_attr(UI_WRONG));
	if (hint)
		ui_text(row, col, w, end - row, hint, ui_attr(UI_HINT));
	free(wrong);
	free(hint);
}

static const char *footer_for(const struct step *s)
{
	if (st.phase == PHASE_RIGHT || s->kind == STEP_READ)
		return _("Enter: next   Esc: back   F10: finish");
	if (s->kind == STEP_CHOOSE)
		return _("Digit or arrows, then Enter: answer   Esc: back   F10: finish");
	if (s->kind == STEP_PRACTICE)
		return _("Tab: next   Enter: press   F2: show me   Esc: back   F10: finish");
	return _("Type your answer, then Enter   Esc: back   F10: finish");
}

static void lesson_draw(struct app *a)
{
	const struct step *s = current(a);
	int row = 3, notes;

	ui_header(a->lesson->title, a->learner_name);
	draw_progress(a);
	row += ui_text(row, lesson_left(), LESSON_WRAP_COLS, LESSON_BODY_ROWS, s->text, A_NORMAL);
	if (s->kind != STEP_PRACTICE)
		row++;  /* a practice frame has its own border: no blank row needed */
	notes = ui_rows() - 1 - 2 * LESSON_NOTE_ROWS;
	if (s->kind == STEP_CHOOSE)
		draw_options(s, row);
	else if (s->kind == STEP_TYPE)
		draw_field(s, row);
	else if (s->kind == STEP_PRACTICE)
		notes = row + ui_practice_draw(row, lesson_left());
	draw_notes(s, notes);
	ui_footer(footer_for(s));
}

/* Saves the answer; returns false (and shows why) when the store refused it. */
static bool record(struct app *a, const char *answer, bool correct)
{
	const struct step *s = current(a);
	struct store_event ev = {
		.session = a->session,
		.learner = a->learner,
		.lang = a->set->name,
		.lesson_id = a->lesson->id,
		.step_id = s->id,
		.step_index = (int)a->step,
		.step_count = (int)a->lesson->step_count,
		.kind = lesson_kind_name(s->kind),
		.answer = answer,
		.correct = correct,
		.hint_shown = st.wrong >= TRIES_BEFORE_HINT && s->hint,
		.show_me = st.show_me_used,
	};
	struct kerr err;

	if (store_record(a->store, &ev, &err) < 0) {
		ui_set_error(a, err.msg);
		return false;
	}
	return true;
}

static void next_step(struct app *a)
{
	if (a->step + 1 < a->lesson->step_count) {
		a->step++;
		open_step(a);
		return;
	}
	struct store_event done = {
		.session = a->session, .learner = a->learner, .lang = a->set->name,
		.lesson_id = a->lesson->id, .step_id = "", .step_index = (int)a->step + 1,
		.step_count = (int)a->lesson->step_count, .kind = "complete", .correct = true,
	};
	struct kerr err;

	if (store_record(a->store, &done, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	ui_go(a, SCREEN_FINISH);
}

static void answered(struct app *a, const char *answer, bool correct)
{
	if (!record(a, answer, correct))
		return;
	if (correct) {
		st.phase = PHASE_RIGHT;
		st.wrong_option = -1;
		st.wrong_typed = false;
		st.practice_wrong = false;
	} else {
		st.wrong++;
	}
}

static void pick(struct app *a, size_t i)
{
	const struct step *s = current(a);
	char answer[8];

	st.selected = i;
	snprintf(answer, sizeof answer, "%zu", i + 1);
	st.wrong_option = s->options[i].correct ? -1 : (int)i;
	answered(a, answer, s->options[i].correct);
}

static void choose_key(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);
	int d = ui_digit(k, s->option_count);

	if (d >= 0)
		pick(a, (size_t)d);
	else if (k->code == UK_ENTER && st.selected != NONE)
		pick(a, st.selected);
	else if (k->code == UK_ENTER)
		st.empty_note = true;
	else if (st.selected == NONE && (k->code == UK_DOWN || k->code == UK_UP))
		st.selected = k->code == UK_DOWN ? 0 : s->option_count - 1;
	else
		ui_menu_key(k, &st.selected, s->option_count);
}

static void type_key(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);

	if (k->code != UK_ENTER) {
		ui_edit_key(&st.field, k);
		return;
	}
	if (text_is_blank(st.field.buf)) {
		st.empty_note = true;  /* nothing typed yet: not a wrong answer */
		return;
	}
	st.wrong_typed = !lesson_type_check(s, st.field.buf, &st.typed_feedback);
	answered(a, st.field.buf, !st.wrong_typed);
}

static void practice_key(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);
	size_t button;

	st.your_turn = false;
	if (k->code == UK_F2) {
		st.show_me_used = true;
		st.practice_wrong = false;
		ui_practice_show_me(a, ui_redraw);
		st.your_turn = true;
		return;
	}
	if (!ui_practice_key(k, &button))
		return;
	st.verdict = practice_press(ui_practice_state(), button);
	st.practice_wrong = st.verdict.outcome != PRACTICE_PASSED;
	answered(a, s->practice->widgets[button].label, !st.practice_wrong);
}

static void go_back(struct app *a)
{
	if (a->step == 0) {
		ui_go(a, SCREEN_LESSONS);
		return;
	}
	a->step--;
	open_step(a);
}

static void lesson_key(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);

	st.empty_note = false;
	if (k->code == UK_F10) {
		ui_end_session(a);
	} else if (k->code == UK_ESC) {
		go_back(a);
	} else if (st.phase == PHASE_RIGHT) {
		if (k->code == UK_ENTER)
			next_step(a);
	} else if (s->kind == STEP_READ) {
		if (k->code == UK_ENTER && record(a, NULL, true))
			next_step(a);
	} else if (s->kind == STEP_CHOOSE) {
		choose_key(a, k);
	} else if (s->kind == STEP_PRACTICE) {
		practice_key(a, k);
	} else {
		type_key(a, k);
	}
}

const struct screen ui_lesson_screen = { lesson_enter, lesson_draw, lesson_key };
