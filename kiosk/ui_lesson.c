/* ui_lesson: one step per screen.  Each finished step is recorded in
 * the store before the screen shows it as done, so leaving at any moment loses nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "curses_dl.h"
#include "layout.h"
#include "text.h"
#include "i18n.h"
#include "ui.h"
#include "ui_practice.h"
#include "util.h"

#define FIELD_COLS 40
/* A typed answer may be longer than the box: it scrolls, and nothing is refused silently. */
#define ANSWER_MAX_COLS 120
#define TRIES_BEFORE_HINT 2
/* No option is highlighted at first, so that a learner who presses Enter to go on does not
 * give a wrong answer by accident. */
#define NONE ((size_t)-1)

enum phase {
	PHASE_ANSWER,  /* waiting for an answer (or for Enter on a read step) */
	PHASE_RIGHT,   /* answered correctly: praise shown, Enter goes on */
};

/* The screen's state, created in enter and freed in leave. */
struct lesson_screen {
	enum phase phase;
	int wrong;            /* wrong tries on this visit to the step */
	int wrong_option;     /* choose: index of the last wrong pick, -1 */
	bool wrong_typed;     /* type: the last answer was wrong */
	const char *typed_feedback;  /* type: what the lesson says about it; may be NULL */
	size_t selected;      /* choose: highlighted option, NONE until the learner moves */
	bool empty_note;      /* Enter before choosing an option or typing anything */
	bool digit_note;      /* choose: a digit no option has (someone typing a code there) */
	struct edit field;    /* type: the answer being typed */
	struct ui_practice *practice;     /* practice: the mock screen, NULL on other steps */
	struct practice_verdict verdict;  /* practice: the last press, when wrong */
	bool practice_wrong;  /* practice: verdict is to be shown */
	bool empty_field;     /* practice: the press found verdict's field still empty */
	size_t pressed;       /* practice: the button of the last press */
	bool pressed_by_enter;  /* practice: Enter in a field pressed it, not the learner */
	char *key_note;       /* practice: what the last key did instead, or why it did nothing
	                       * (practice_keys.h); NULL */
	bool show_me_used;    /* practice: the demonstration was watched on this visit */
	bool your_turn;       /* practice: the demonstration just ended */
	size_t furthest;      /* the first step not done: those before it are done */
	bool shown_done;      /* a done step come to again: shown done, not praised again */
};

static struct lesson_screen *me;

static const struct step *current(const struct app *a)
{
	return &a->lesson->steps[a->step];
}

static void reset_step(void)
{
	edit_clear(&me->field);
	ui_practice_free(me->practice);
	me->practice = NULL;
	me->phase = PHASE_ANSWER;
	me->wrong = 0;
	me->wrong_option = -1;
	me->wrong_typed = false;
	me->selected = NONE;
	me->empty_note = false;
	me->practice_wrong = false;
	me->empty_field = false;
	me->show_me_used = false;
	me->your_turn = false;
	me->pressed_by_enter = false;
	me->shown_done = false;
	free(me->key_note);
	me->key_note = NULL;
}

/* reset_step, plus what needs the step itself. */
static void show_if_done(struct app *a);

static void open_step(struct app *a)
{
	const struct step *s = &a->lesson->steps[a->step];

	reset_step();
	if (s->kind == STEP_PRACTICE)
		me->practice = ui_practice_new(s->practice);
	/* Before it is read aloud: a done step was read as a new one, its form as empty. */
	show_if_done(a);
	ui_read_step_opened(a);
}

static void lesson_enter(struct app *a)
{
	me = xcalloc(1, sizeof *me);
	edit_init(&me->field, ANSWER_MAX_COLS);
	if (a->step >= a->lesson->step_count)
		a->step = 0;
	me->furthest = a->step;  /* a lesson goes on from its first step not done */
	open_step(a);
}

static void practice_named_reset(void);

static void lesson_leave(struct app *a)
{
	if (!me)
		return;
	ui_practice_free(me->practice);
	edit_free(&me->field);
	free(me->key_note);
	free(me);
	me = NULL;
	practice_named_reset();
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

/* Right and wrong are never told by colour alone: a mark in the margin beside the words. */
#define MARK_RIGHT "\u2713"  /* ✓ */
#define MARK_WRONG "\u2717"  /* ✗ */

static void mark(int row, int col, const char *m, int attr)
{
	if (col < 2 || row >= ui_rows() - 1)
		return;
	attron(attr);
	mvaddstr(row, col - 2, m);
	attroff(attr);
}

static int draw_options(const struct step *s, int row)
{
	int used = 0;

	for (size_t i = 0; i < s->option_count; i++) {
		int attr = i == me->selected ? ui_attr(UI_SELECTED) : (int)A_BOLD;
		char *num = xasprintf("%zu.", i + 1);

		if ((int)i == me->wrong_option)  /* still the focus: reverse video as well */
			attr = ui_attr(UI_WRONG) | (i == me->selected ? A_REVERSE : 0);
		if (me->phase == PHASE_RIGHT && s->options[i].correct)
			attr = ui_attr(UI_RIGHT) | A_REVERSE;
		mvaddstr(row + used, lesson_left(), i == me->selected ? ">" : " ");
		if ((int)i == me->wrong_option)
			mark(row + used, lesson_left() + 3, MARK_WRONG, attr);
		else if (me->phase == PHASE_RIGHT && s->options[i].correct)
			mark(row + used, lesson_left() + 3, MARK_RIGHT, attr);
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
	/* Answered rightly: nothing more to type, so no cursor. */
	ui_field_focus(row + 1, lesson_left() + 2, FIELD_COLS, &me->field,
	               me->phase != PHASE_RIGHT);
}

/* Does the field the verdict is about hold Latin letters where its answer is Cyrillic? */
static bool field_in_wrong_script(const struct widget *w)
{
	const struct practice_state *ps = ui_practice_state(me->practice);

	return w->kind == WIDGET_FIELD && w->rule == RULE_ACCEPT &&
	       answer_wrong_script(ps->text[me->verdict.widget].buf, w->accept, w->accept_count);
}

/* Is w the list or choice the verdict is about, with nothing picked in it yet? */
static bool nothing_picked(const struct widget *w)
{
	const struct practice_state *ps = ui_practice_state(me->practice);

	return me->verdict.outcome == PRACTICE_NOT_READY &&
	       (w->kind == WIDGET_LIST || w->kind == WIDGET_CHOICE) &&
	       ps->picked[me->verdict.widget] == PRACTICE_NONE;
}

/* The lesson's feedback on a list is written about a wrong pick ("we pay on delivery, not
 * by card"): with nothing picked yet, say that first (novice test: "but I never chose the
 * card"). */
static char *with_nothing_picked(const struct widget *w, const char *feedback)
{
	char *first = xasprintf(_("Nothing is chosen in \"%s\" yet."), w->label);
	char *both = xasprintf("%s %s", first, feedback);

	free(first);
	return both;
}

/* What the lesson says about a wrong press, or a plain explanation when it says nothing. */
static char *button_feedback(const struct step *s)
{
	const struct widget *w = &s->practice->widgets[me->verdict.widget];

	if (me->verdict.reject)
		return xstrdup(me->verdict.reject->feedback);  /* an answer the lesson warns against */
	if (me->empty_field)  /* see empty_field_note */
		/* Not "press it again": Enter in another field may have pressed it (novice test). */
		return xasprintf(_("The field \"%s\" is still empty. You are in it now: type your "
		                   "answer, then press \"%s\"."), w->label,
		                 s->practice->widgets[me->pressed].label);
	if (me->verdict.outcome == PRACTICE_NOT_READY && field_in_wrong_script(w))
		return xstrdup(answer_wrong_script_feedback(
			ui_practice_state(me->practice)->text[me->verdict.widget].buf));
	if (w->feedback && nothing_picked(w))
		return with_nothing_picked(w, w->feedback);
	if (w->feedback)
		return xstrdup(w->feedback);
	if (me->verdict.outcome == PRACTICE_WRONG_BUTTON)
		return xasprintf(_("You pressed \"%s\". Please read the task above again."), w->label);
	return xasprintf(_("Please check \"%s\" and try again."), w->label);
}

/* button_feedback, after a line saying why that button was pressed when the learner did not
 * choose it: Enter in a field presses the form's button (novice test: "the button Pay would
 * send your card to crooks", though she had only pressed Enter in the card field). */
static char *practice_feedback(const struct step *s)
{
	char *fb = button_feedback(s), *why, *both;

	if (!me->pressed_by_enter || me->verdict.outcome != PRACTICE_WRONG_BUTTON)
		return fb;
	why = xasprintf(_("Enter in a field presses the form's button \"%s\"."),
	                s->practice->widgets[me->pressed].label);
	both = xasprintf("%s\n%s", why, fb);
	free(why);
	free(fb);
	return both;
}

/* The line about what a key on the mock did instead, or why it did nothing (see enum
 * practice_note), or NULL; caller frees.  Never names the button to press: finding it is
 * part of the task. */
static char *note_text(const struct practice_state *ps)
{
	const struct widget *w = &ps->p->widgets[ps->focus];
	size_t picked = ps->picked[ps->focus];
	const char *item = picked < w->item_count ? w->items[picked] : "";

	switch (ps->note) {
	case PRACTICE_NOTE_NONE:
		break;
	case PRACTICE_NOTE_ENTER_PICKED:
		/* How to choose another: a learner who pressed Enter too early was sent on to the
		 * button with an item she never chose (novice test r16). */
		return xasprintf(_("Enter chose \"%s\". To choose another, press its digit or an "
		                   "arrow. To press a button, press Tab until it lights up, then "
		                   "press Enter."), item);
	case PRACTICE_NOTE_DIGIT_CHANGED:
		return xasprintf(_("The digit changed the choice in \"%s\": now \"%s\". Tab goes "
		                   "on to the next field or button."), w->label, item);
	case PRACTICE_NOTE_ENTER_ON_ITEMS:
		return xasprintf(_("You have chosen \"%s\". To press a button, press Tab until it "
		                   "lights up, then press Enter."), item);
	case PRACTICE_NOTE_CHECK:
		return xstrdup(_("Space puts or removes the tick. To press a button, press Tab "
		                 "until it lights up, then press Enter."));
	case PRACTICE_NOTE_NO_ITEM:
		/* Most often typed for the next field (a phone number on a list of times): name
		 * the list, so that the learner sees where the keys went, and the way out. */
		return xasprintf(_("You are on the list \"%s\": no entry in it begins with \"%s\". "
		                   "To write in another field, press Tab until it lights up."),
		                 w->label, ps->unmatched);
	case PRACTICE_NOTE_LIST_KEY:
		return xstrdup(_("Here you choose: press the digit in front of an entry, or use the "
		                 "arrows. Tab goes on."));
	case PRACTICE_NOTE_ON_BUTTON:
		return xasprintf(_("You are on the button \"%s\": Enter presses it, Tab goes to "
		                   "the next one."), w->label);
	case PRACTICE_NOTE_ENTER_EMPTY:
		/* A field that asks for nothing (a scam page's card number: "type nothing") must
		 * not be told to be filled: a learner obeyed and was scolded (novice test r17). */
		if (w->rule == RULE_ANY)
			return xasprintf(_("The field \"%s\" is empty, so Enter does nothing here. Tab "
			                   "goes to the next field or button."), w->label);
		return xasprintf(_("The field \"%s\" is empty, so Enter does nothing here. Type "
		                   "something in it first. Tab goes to the next field or button."),
		                 w->label);
	case PRACTICE_NOTE_FIELD_EMPTY:
		return xasprintf(_("The field \"%s\" is empty: there is nothing to delete."),
		                 w->label);
	}
	return NULL;
}

/* Feedback, hint and praise share the rows above the footer. */
/* The feedback for the last wrong answer, or NULL; caller frees. */
static char *wrong_text(const struct step *s)
{
	const char *fb;

	if (me->practice_wrong)
		return practice_feedback(s);
	if (me->wrong_option < 0 && !me->wrong_typed)
		return NULL;
	/* Moved on to another answer: the old explanation goes, as a changed typed answer's
	 * does, so it is never read as being about the new one (novice test). */
	if (me->wrong_option >= 0 && me->selected != (size_t)me->wrong_option)
		return NULL;
	fb = me->wrong_option >= 0 ? s->options[me->wrong_option].feedback : me->typed_feedback;
	return xstrdup(fb ? fb : _("Not quite. Please try again."));
}

/* What a done step says when Esc brings the learner back to it. */
static const char *done_already(void)
{
	return _("You did this step already. Press Enter to go on, or Esc to go further back.");
}

/* Feedback, hint and praise share the rows from row to the footer.  A practice screen can
 * leave few of them at 80x24: then the feedback of the press comes first, and the hint, when
 * it no longer fits, shrinks to one row pointing to F2.  (The hint used to take the
 * feedback's place: a wrong button pressed after two tries then changed nothing on the
 * screen, a dead end for a tester, r19.) */
static void draw_notes(const struct app *a, const struct step *s, int row)
{
	int end = ui_rows() - 1, col = lesson_left(), w = LESSON_WRAP_COLS;
	char *wrong = wrong_text(s), *hint = NULL;

	row += ui_access_note_draw(a, row, col, w, end - row);  /* F4, F5 just pressed: first */

	if (me->phase == PHASE_RIGHT) {
		mark(row, col, MARK_RIGHT, ui_attr(UI_RIGHT));
		row += ui_text(row, col, w, end - row, me->shown_done ? done_already() :
		               _("Correct! Well done."), ui_attr(UI_RIGHT));
		if (s->success && !me->shown_done)
			ui_text(row, col, w, end - row, s->success, A_NORMAL);
		free(wrong);
		return;
	}
	if (me->empty_note)
		row += ui_text(row, col, w, end - row,
		               s->kind == STEP_CHOOSE
		               ? _("Choose an answer first: press its digit or use the arrows, then "
		                   "press Enter.")
		               : _("Please type your answer first, then press Enter."),
		               ui_attr(UI_HINT));
	if (me->digit_note) {
		char *note = xasprintf(_("Press only the digit in front of an answer: 1 to %zu."),
		                       s->option_count);

		row += ui_text(row, col, w, end - row, note, ui_attr(UI_HINT));
		free(note);
	}
	/* A digit or an arrow only highlights: say what gives the answer, since a lesson may have
	 * said "press the digit" alone. */
	if (s->kind == STEP_CHOOSE && me->selected != NONE && (int)me->selected != me->wrong_option)
		row += ui_text(row, col, w, end - row, _("Press Enter to give this answer."),
		               ui_attr(UI_HINT));
	if (me->key_note)
		row += ui_text(row, col, w, end - row, me->key_note, ui_attr(UI_HINT));
	if (me->practice && ui_practice_caption(me->practice))
		row += ui_text(row, col, w, end - row, ui_practice_caption(me->practice),
		               ui_attr(UI_HINT));
	if (me->your_turn)
		row += ui_text(row, col, w, end - row, _("Now it is your turn: do the same yourself."),
		               ui_attr(UI_HINT));
	if (me->wrong >= TRIES_BEFORE_HINT && s->hint)
		hint = xasprintf(_("Hint: %s"), s->hint);
	if (wrong) {
		mark(row, col, MARK_WRONG, ui_attr(UI_WRONG));
		row += ui_text(row, col, w, end - row, wrong, ui_attr(UI_WRONG));
	}
	if (hint && (int)layout_count(hint, (size_t)w) <= end - row)
		ui_text(row, col, w, end - row, hint, ui_attr(UI_HINT));
	else if (hint && me->practice && row < end)
		/* TRANSLATORS: one row of 76 columns: the hint when the screen has no room for it
		 * under the feedback (practice screens only, where F2 shows how it is done). */
		ui_text(row, col, w, 1, _("Hint: press F2 and watch how it is done."),
		        ui_attr(UI_HINT));
	free(wrong);
	free(hint);
}

/* The key table of the step on screen (below). */
static const struct ui_binding *step_keys(const struct app *a, size_t *n);
/* The table F1 help explains for the footer's keys (below). */
static const struct ui_binding *keys_for_help(const struct ui_binding *keys);

static void lesson_draw(struct app *a)
{
	const struct step *s = current(a);
	int row = 3, notes;
	size_t n;
	const struct ui_binding *keys = step_keys(a, &n);

	ui_header(a->lesson->title, a->sitting.name);
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
		notes = row + ui_practice_draw(me->practice, row, lesson_left());
	draw_notes(a, s, notes);
	ui_footer_bindings(keys, n);
	ui_keys_shown(keys_for_help(keys), n);
}

/* Saves the answer; returns false (and shows why) when the store refused it. */
static bool record(struct app *a, const char *answer, bool correct)
{
	const struct step *s = current(a);
	struct store_event ev = {
		.session = a->sitting.id,
		.learner = a->sitting.learner,
		.lang = a->set->name,
		.lesson_id = a->lesson->id,
		.step_id = s->id,
		.step_index = (int)a->step,
		.step_count = (int)a->lesson->step_count,
		.kind = lesson_kind_name(s->kind),
		.answer = answer,
		.correct = correct,
		.hint_shown = me->wrong >= TRIES_BEFORE_HINT && s->hint,
		.show_me = me->show_me_used,
	};
	struct kerr err;

	if (store_record(a->store, &ev, &err) < 0) {
		ui_set_error(a, err.msg);
		return false;
	}
	return true;
}

/* A step done already (before the first one not done), come to again with Esc or with Enter
 * after going back, is shown done, its right answer marked, and Enter goes on: learners who
 * went back to look had to answer again, though the help says every answer is saved at once,
 * and a list's Enter picked an item they never meant (novice tests r11 to r14).  A practice
 * form is shown filled in, as "show me" leaves it: an empty form beside "You did this step
 * already" read as a contradiction ("it says I did it, but everything is blank").  Its keys
 * are then the done step's (Enter, Esc, F10): typing on the form changes and records
 * nothing. */
static void show_if_done(struct app *a)
{
	if (a->step < me->furthest && current(a)->kind != STEP_READ) {
		me->phase = PHASE_RIGHT;
		me->shown_done = true;
		/* false: a lesson whose demonstration cannot finish its form; the form stays
		 * empty, as before, and the note still tells the truth about the step. */
		if (me->practice)
			(void)ui_practice_show_done(me->practice, current(a)->text);
	}
}

static void next_step(struct app *a)
{
	if (a->step + 1 < a->lesson->step_count) {
		a->step++;
		if (a->step > me->furthest)
			me->furthest = a->step;
		open_step(a);
		return;
	}
	struct store_event done = {
		.session = a->sitting.id, .learner = a->sitting.learner, .lang = a->set->name,
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

/* Records the answer and shows it; false when the store refused it. */
static bool answered(struct app *a, const char *answer, bool correct)
{
	if (!record(a, answer, correct))
		return false;
	if (correct) {
		me->phase = PHASE_RIGHT;
		/* Done now, whether or not Enter leaves it: Esc straight after a right answer, then
		 * Enter, found the step blank again (novice test r14). */
		if (a->step + 1 > me->furthest)
			me->furthest = a->step + 1;
		me->wrong_option = -1;
		me->wrong_typed = false;
		me->practice_wrong = false;
	} else {
		me->wrong++;
	}
	return true;
}

static void pick(struct app *a, size_t i)
{
	const struct step *s = current(a);
	char answer[24];

	me->selected = i;
	snprintf(answer, sizeof answer, "%zu", i + 1);
	me->wrong_option = s->options[i].correct ? -1 : (int)i;
	answered(a, answer, s->options[i].correct);
}

/* A letter typed on a question (a word of the answer, "перша") says how to answer, as a
 * digit no option has does; the highlight stays.  It only flashed the footer (novice r19). */
static enum ui_result choose_letter(struct app *a, const struct ui_key *k)
{
	me->digit_note = true;
	return UI_HANDLED;
}

/* A digit highlights an option and Enter answers, as on every list of the kiosk: "digit,
 * then Enter" is one answer, and the Enter never goes on past the explanation unseen. */
static enum ui_result choose_digit(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, current(a)->option_count);

	if (d < 0) {
		/* Typing a number the question talks about ("4829") would pick option 2 by its
		 * one matching digit: a digit no option has takes the pick away and says why. */
		me->selected = NONE;
		me->digit_note = true;
		return UI_HANDLED;
	}
	me->selected = (size_t)d;
	return UI_HANDLED;
}

static enum ui_result choose_enter(struct app *a, const struct ui_key *k)
{
	if (me->selected == NONE)
		me->empty_note = true;
	else if ((int)me->selected == me->wrong_option)
		return UI_IGNORED;  /* already answered, and shown as wrong: not a second try */
	else
		pick(a, me->selected);
	return UI_HANDLED;
}

static enum ui_result choose_move(struct app *a, const struct ui_key *k)
{
	/* From NONE, Up and Down both highlight the first option (ui_menu_key). */
	return ui_menu_key(k, &me->selected, current(a)->option_count) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result type_edit(struct app *a, const struct ui_key *k)
{
	size_t len = me->field.len;

	if (!ui_edit_key(&me->field, k))
		return UI_IGNORED;
	/* A changed answer is not the wrong one any more: the old "✗" must not stay on screen
	 * as if the correction were wrong too (found by a novice tester). */
	if (me->field.len != len)
		me->wrong_typed = false;
	return UI_HANDLED;
}

static enum ui_result type_enter(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);

	if (text_is_blank(me->field.buf)) {
		me->empty_note = true;  /* nothing typed yet: not a wrong answer */
		return UI_HANDLED;
	}
	me->wrong_typed = !lesson_type_check(s, me->field.buf, &me->typed_feedback);
	answered(a, me->field.buf, !me->wrong_typed);
	return UI_HANDLED;
}

/* A feedback line goes once it is out of date: the one about a widget as soon as that widget
 * is right (a stale "tick the box" next to a ticked box confuses more than it helps), the one
 * about a wrong button as soon as the learner moves on, as a question's explanation does. */
static void forget_stale_feedback(bool moved)
{
	const struct practice_state *ps = ui_practice_state(me->practice);

	if (!me->practice_wrong)
		return;
	if (me->verdict.outcome == PRACTICE_NOT_READY && practice_widget_ok(ps, me->verdict.widget))
		me->practice_wrong = false;
	else if (me->empty_field && ps->text[me->verdict.widget].len > 0)
		me->practice_wrong = false;  /* "still empty" is no longer true */
	else if (me->verdict.outcome == PRACTICE_WRONG_BUTTON && moved)
		me->practice_wrong = false;
}

static enum ui_result stop_demo(struct app *a, const struct ui_key *k)
{
	/* Any key stops the demonstration and gives the empty screen back. */
	ui_practice_demo_stop(me->practice);
	me->your_turn = true;
	return UI_HANDLED;
}

static enum ui_result show_me(struct app *a, const struct ui_key *k)
{
	me->show_me_used = true;
	me->practice_wrong = false;
	me->your_turn = false;
	ui_practice_demo_start(me->practice, current(a)->text, ui_now());
	return UI_HANDLED;
}

/* Whether the press just judged found its field empty, with no word of the lesson that fits
 * that: the field has no feedback, or one about a wrong text, which names Backspace to erase it
 * ("erase it with Backspace and type ...") and would send the learner looking for something to
 * erase (novice test).  A feedback that only says what to type stays. */
static bool empty_field_note(const struct step *s, const struct practice_state *ps)
{
	const struct widget *w = &s->practice->widgets[me->verdict.widget];

	return me->verdict.outcome == PRACTICE_NOT_READY && !me->verdict.reject &&
	       w->kind == WIDGET_FIELD && ps->text[me->verdict.widget].len == 0 &&
	       (!w->feedback || strstr(w->feedback, "Backspace"));
}

static enum ui_result practice_key(struct app *a, const struct ui_key *k)
{
	const struct step *s = current(a);
	struct practice_state *ps = ui_practice_state(me->practice);
	size_t button = 0;
	enum practice_effect effect;

	me->your_turn = false;
	effect = ui_practice_key(me->practice, k, &button);
	free(me->key_note);
	me->key_note = note_text(ps);
	switch (effect) {
	case PRACTICE_IGNORED:
		return me->key_note ? UI_HANDLED : UI_IGNORED;
	case PRACTICE_MOVED:
		forget_stale_feedback(true);
		return UI_HANDLED;
	case PRACTICE_CHANGED:
		forget_stale_feedback(false);
		return UI_HANDLED;
	case PRACTICE_PRESS:
		break;
	}
	me->verdict = practice_press(ps, button);
	me->practice_wrong = me->verdict.outcome != PRACTICE_PASSED;
	me->pressed = button;
	me->pressed_by_enter = ps->enter_in_field;
	me->empty_field = empty_field_note(s, ps);
	if (answered(a, s->practice->widgets[button].label, !me->practice_wrong))
		practice_keys_pressed(ps, me->verdict);
	return UI_HANDLED;
}

/* Drives "show me" from the event loop. */
static int lesson_tick(struct app *a)
{
	int ms;

	if (!me || !me->practice || !ui_practice_demo_playing(me->practice))
		return -1;
	ms = ui_practice_demo_tick(me->practice, ui_now());
	if (!ui_practice_demo_playing(me->practice))
		me->your_turn = true;
	return ms;
}

static enum ui_result go_back(struct app *a, const struct ui_key *k)
{
	if (a->step == 0) {
		ui_go(a, SCREEN_LESSONS);
		return UI_LEAVE;
	}
	a->step--;
	open_step(a);
	return UI_HANDLED;
}

static enum ui_result finish(struct app *a, const struct ui_key *k)
{
	ui_say_goodbye(a);
	return UI_LEAVE;
}

static enum ui_result read_next(struct app *a, const struct ui_key *k)
{
	if (record(a, NULL, true))
		next_step(a);
	return ui_result_of(a);
}

static enum ui_result right_next(struct app *a, const struct ui_key *k)
{
	next_step(a);
	return ui_result_of(a);
}

#define BACK_AND_FINISH \
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), go_back }, \
	{ UI_KEY(UK_F10), N_("F10"), N_("finish"), finish }

static const struct ui_binding read_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("next"), read_next },
	BACK_AND_FINISH,
};
static const struct ui_binding right_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("next"), right_next },
	BACK_AND_FINISH,
};
static const struct ui_binding choose_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("answer"), choose_enter },
	{ UI_KEY_DIGIT, NULL, NULL, choose_digit },
	{ UI_KEY_TEXT, NULL, NULL, choose_letter },
	{ UI_KEYS_ARROWS, NULL, NULL, choose_move },
	BACK_AND_FINISH,
};
static const struct ui_binding type_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Type, then Enter"), N_("answer"), type_enter },
	{ UI_KEYS_EDIT, NULL, NULL, type_edit },
	BACK_AND_FINISH,
};
/* Everything else on a practice screen goes to the mock (practice_keys.h).  The footer
 * names what the widget in focus takes: Enter presses a button from a field or a button;
 * on a list or a box it presses none, and Space is the key there (novice test: the footer
 * said "Enter: press" on a box the learner was told not to tick). */
/* TRANSLATORS: Tab on a practice screen goes to the next field or button; keep it short:
 * the whole footer must fit in 80 columns. */
#define PRACTICE_TAB { UI_KEY(UK_TAB), N_("Tab"), N_("next field"), practice_key }
#define PRACTICE_REST \
	{ UI_KEY(UK_F2), N_("F2"), N_("show me"), show_me }, \
	BACK_AND_FINISH, \
	{ UI_KEYS_EDIT | UI_KEYS_ARROWS | UI_KEY(UK_BACKTAB) | UI_KEY(UK_ENTER), NULL, NULL, \
	  practice_key }
#define PRACTICE_ENTER 1  /* the Enter row of practice_tbl */
static const struct ui_binding practice_tbl[] = {
	PRACTICE_TAB,
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("press"), practice_key },
	PRACTICE_REST,
};
/* practice_tbl as the footer shows it now: Enter names the button it presses from the widget
 * in focus (novice test: "Enter: press the button" in a field, and the learner did not know
 * which).  Static, not in the screen's state, because F1 help reads the table last shown. */
static struct ui_binding practice_named[UI_COUNT(practice_tbl)];
/* The same for F1 help, which has room for the button's name however long it is. */
static struct ui_binding practice_help[UI_COUNT(practice_tbl)];
static char *practice_enter[2];  /* the Enter row's words, fullest first, or NULL */
/* screen_wording's answer for the practice and width it was asked about: the same for every
 * key on a step, and it builds two footers for each of the screen's buttons. */
static struct {
	const struct practice *p;
	int cols;
	size_t form;
} wording_memo;
/* Only named in the footer: Space reaches practice_key through the last row. */
static const struct ui_binding practice_items_tbl[] = {
	PRACTICE_TAB,
	/* A digit or the arrows, as on a question: the Space bar only picks the highlighted
	 * entry, and learners told "Space bar: choose" could not reach the second one (novice
	 * test).  TRANSLATORS: footer on a list: "Digit or arrows: choose"; short. */
	{ 0, N_("Digit or arrows"), N_("choose"), practice_key },
	PRACTICE_REST,
};
static const struct ui_binding practice_check_tbl[] = {
	PRACTICE_TAB,
	/* TRANSLATORS: footer on a tick box: "Space bar: tick"; short. */
	{ 0, N_("Space bar"), N_("tick"), practice_key },
	PRACTICE_REST,
};
/* While "show me" plays, every key stops it, Esc and F10 included: a person who is
 * startled by moving letters must not lose their place. */
static const struct ui_binding demo_keys[] = {
	{ UI_KEYS_ANY, N_("Any key"), N_("stop"), stop_demo },
};

/* The kind of the practice widget in focus (a label when there is none). */
static enum widget_kind focused_kind(void)
{
	const struct practice_state *ps = me->practice ? ui_practice_state(me->practice) : NULL;

	if (!ps || ps->focus >= ps->p->count)
		return WIDGET_LABEL;
	return ps->p->widgets[ps->focus].kind;
}

/* Forgets the Enter row's words (after the tables stopped pointing to them). */
static void practice_enter_free(char **words)
{
	for (size_t i = 0; i < UI_COUNT(practice_enter); i++)
		free(words[i]);
}

/* F1 help may still hold practice_named after the lesson: the table's own words, then. */
static void practice_named_reset(void)
{
	memcpy(practice_named, practice_tbl, sizeof practice_tbl);
	memcpy(practice_help, practice_tbl, sizeof practice_tbl);
	wording_memo.p = NULL;
	practice_enter_free(practice_enter);
	memset(practice_enter, 0, sizeof practice_enter);
}

/* Enter's words for button w into out[0..UI_COUNT(practice_enter)), fullest first; the
 * caller frees them. */
static void enter_words(const struct widget *w, char **out)
{
	/* TRANSLATORS: footer on a practice screen, Enter's words: "Enter: presses "Log in"",
	 * the label of the button Enter presses (in a field, the form's button).  Keep it
	 * short: when the footer would not fit 80 columns, the label alone is shown (next
	 * message), or else "press". */
	out[0] = xasprintf(_("presses \"%s\""), w->label);
	/* TRANSLATORS: the shorter footer: "Enter: "Log in"", only the button's label in your
	 * language's quotes. */
	out[1] = xasprintf(_("\"%s\""), w->label);
}

/* The first of Enter's wordings that every button of p whose name fits the footer at all fits
 * in: so that the footer keeps one form while Tab goes from button to button (""Book"" on
 * one and "presses "Back"" on the next read as two different things). */
static size_t screen_wording(const struct practice *p, int cols)
{
	size_t form = 0, count = UI_COUNT(practice_enter);

	if (wording_memo.p == p && wording_memo.cols == cols)
		return wording_memo.form;

	for (size_t i = 0; i < p->count; i++) {
		struct ui_binding out[UI_COUNT(practice_tbl)];
		char *words[UI_COUNT(practice_enter)];
		size_t t;

		if (p->widgets[i].kind != WIDGET_BUTTON)
			continue;
		enter_words(&p->widgets[i], words);
		t = ui_footer_first_fit(practice_tbl, UI_COUNT(practice_tbl), PRACTICE_ENTER,
		                        (const char *const *)words, count, cols, out);
		if (t < count && t > form)
			form = t;
		practice_enter_free(words);
	}
	wording_memo.p = p;
	wording_memo.cols = cols;
	wording_memo.form = form;
	return form;
}

/* practice_tbl with Enter's words for the focus now: "presses "Log in"" when that fits the
 * footer, else ""Log in"" (the label is what the button does: "Send", "Book"), else the
 * table's own "press", in the one form the screen's buttons take (screen_wording); not in
 * the footer where Enter presses no button (an empty field: Enter comes back with the first
 * letter typed).  F1 help gets the full words. */
static const struct ui_binding *practice_keys_named(size_t *n)
{
	const struct practice_state *ps = ui_practice_state(me->practice);
	size_t b = practice_keys_enter_button(ps);
	char *prev[UI_COUNT(practice_enter)];

	memcpy(prev, practice_enter, sizeof prev);
	memset(practice_enter, 0, sizeof practice_enter);
	*n = UI_COUNT(practice_tbl);
	if (b == PRACTICE_NONE) {
		memcpy(practice_named, practice_tbl, sizeof practice_tbl);
		practice_named[PRACTICE_ENTER].name = NULL;
	} else {
		int cols = ui_cols() - 4;
		size_t form = screen_wording(ps->p, cols);

		enter_words(&ps->p->widgets[b], practice_enter);
		ui_footer_first_fit(practice_tbl, *n, PRACTICE_ENTER,
		                    (const char *const *)practice_enter + form,
		                    UI_COUNT(practice_enter) - form, cols, practice_named);
	}
	memcpy(practice_help, practice_named, sizeof practice_named);
	if (practice_enter[0])
		practice_help[PRACTICE_ENTER].does = practice_enter[0];
	practice_enter_free(prev);  /* the tables point to the new words now */
	return practice_named;
}

/* On a practice screen, the help names the button Enter presses even where the footer had
 * no room for it. */
static const struct ui_binding *keys_for_help(const struct ui_binding *keys)
{
	return keys == practice_named ? practice_help : keys;
}

static const struct ui_binding *step_keys(const struct app *a, size_t *n)
{
#define TABLE(t) (*n = UI_COUNT(t), t)
	const struct step *s = current(a);

	if (me->practice && ui_practice_demo_playing(me->practice))
		return TABLE(demo_keys);
	if (me->phase == PHASE_RIGHT)
		return TABLE(right_keys);
	switch (s->kind) {
	case STEP_READ:
		return TABLE(read_keys);
	case STEP_CHOOSE:
		return TABLE(choose_keys);
	case STEP_TYPE:
		return TABLE(type_keys);
	case STEP_PRACTICE:
		break;
	}
	switch (focused_kind()) {
	case WIDGET_CHECK:
		return TABLE(practice_check_tbl);
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		return TABLE(practice_items_tbl);
	default:
		return practice_keys_named(n);
	}
#undef TABLE
}

/* Appends line to *s as a paragraph of its own. */
static void add_line(char **s, const char *line)
{
	char *prev = *s;

	if (!line || !*line)
		return;
	*s = xasprintf("%s%s%s", prev, *prev ? "\n" : "", line);
	free(prev);
}

/* out with the step's spoken forms; frees out. */
static char *spoken(const struct step *s, char *out)
{
	char *r = lesson_spoken(s, out);

	free(out);
	return r;
}

/* F3: the note and feedback just shown when there are some; else the step's text, then its
 * question: the numbered options, the field's label, or the practice screen as a person
 * reads it aloud: its title and label: lines (often the very message the task is about: an
 * SMS, a letter, a number), then the widget in focus.  The footer's keys are never read: F1
 * has them. */
static char *lesson_speak(struct app *a)
{
	const struct step *s = current(a);
	char *out = xstrdup(""), *wrong = wrong_text(s);

	if (me->phase == PHASE_RIGHT) {
		/* A done step come to again: what it said, then that it is done (a learner who went
		 * back went back to hear it). */
		if (me->shown_done)
			add_line(&out, s->text);
		add_line(&out, me->shown_done ? done_already() : _("Correct! Well done."));
		if (!me->shown_done)
			add_line(&out, s->success);
		free(wrong);
		return spoken(s, out);
	}
	if (wrong || me->key_note) {
		add_line(&out, me->key_note);  /* what the last key did instead, first */
		add_line(&out, wrong);
		if (wrong && me->wrong >= TRIES_BEFORE_HINT && s->hint) {
			char *hint = xasprintf(_("Hint: %s"), s->hint);

			add_line(&out, hint);
			free(hint);
		}
		free(wrong);
		return spoken(s, out);
	}
	add_line(&out, s->text);
	if (s->kind == STEP_CHOOSE) {
		for (size_t i = 0; i < s->option_count; i++) {
			char *opt = xasprintf("%zu. %s", i + 1, s->options[i].text);

			add_line(&out, opt);
			free(opt);
		}
	} else if (s->kind == STEP_TYPE) {
		add_line(&out, s->prompt);
	} else if (s->kind == STEP_PRACTICE && me->practice) {
		char *screen = practice_describe_screen(s->practice);
		char *w = practice_describe_focus(ui_practice_state(me->practice));

		add_line(&out, screen);
		add_line(&out, w);
		free(screen);
		free(w);
	}
	return spoken(s, out);
}

static enum ui_result lesson_key(struct app *a, const struct ui_key *k)
{
	size_t n;
	const struct ui_binding *keys = step_keys(a, &n);

	me->empty_note = false;
	me->digit_note = false;
	free(me->key_note);
	me->key_note = NULL;
	return ui_dispatch(a, k, keys, n);
}

const struct screen ui_lesson_screen = {
	.enter = lesson_enter, .leave = lesson_leave, .draw = lesson_draw, .key = lesson_key,
	.tick = lesson_tick, .speak = lesson_speak,
	.purpose = N_("This is one step of a lesson. Read the text and do what it asks; every "
	              "answer is saved at once."),
};
