/* lesson_practice: the part of the lesson parser that reads a practice step's mock screen
 * (lessons/README.md, "Practice steps") into struct practice: the screen: title, the widgets,
 * the rules below each widget, and the checks on the screen as a whole.  lesson.c hands it
 * the fields of a practice step (lesson_parse.h says how); the rules themselves live in
 * practice.c and the geometry in practice_layout.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "lesson_parse.h"
#include "practice.h"
#include "text.h"
#include "util.h"

__attribute__((format(printf, 3, 4)))
static void problem(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lesson_vproblem(p, line, fmt, ap);
	va_end(ap);
}

/* ---- practice steps: the mock screen ----
 * Widget keys (field:, check:...) start a widget; the keys below one (accept:, item:,
 * must:, feedback:...) belong to it.  A widget is checked as a whole when the next one
 * starts or the step ends, because its keys may come in any order. */

/* The widths on the mock's rows are practice_layout.h's, shared with the screen. */

static const enum key widget_keys[] = {
	[WIDGET_LABEL] = K_LABEL, [WIDGET_FIELD] = K_FIELD, [WIDGET_CHECK] = K_CHECK,
	[WIDGET_CHOICE] = K_CHOICE, [WIDGET_LIST] = K_LIST, [WIDGET_BUTTON] = K_BUTTON,
};

static const char *widget_key(const struct widget *w)
{
	return lesson_key_names[widget_keys[w->kind]];
}

/* The widgets a key that belongs to a widget may follow, as written in the file. */
static const char *owners(enum key k)
{
	switch (k) {
	case K_MUST:
		return "'check:'/'choice:'/'list:'";
	case K_ITEM:
		return "'choice:'/'list:'";
	case K_PRESS:
	case K_DEFAULT:
		return "'button:'";
	case K_FEEDBACK:
		return "'field:'/'check:'/'choice:'/'list:'/'button:'";
	default:
		return "'field:'";
	}
}

static bool owner_ok(enum key k, enum widget_kind w)
{
	switch (k) {
	case K_MUST:
		return w == WIDGET_CHECK || w == WIDGET_CHOICE || w == WIDGET_LIST;
	case K_ITEM:
		return w == WIDGET_CHOICE || w == WIDGET_LIST;
	case K_PRESS:
	case K_DEFAULT:
		return w == WIDGET_BUTTON;
	case K_FEEDBACK:
		return w != WIDGET_LABEL;
	default:
		return w == WIDGET_FIELD;
	}
}

static struct widget *open_widget(struct mock *m)
{
	return m->open ? &m->pr->widgets[m->pr->count - 1] : NULL;
}

static void check_width(struct parser *p, const struct field *f, size_t limit)
{
	size_t w = text_width(f->val.s);

	if (w > limit)
		problem(p, f->line, _("'%s:' text is %zu columns wide; at most %zu fit on its row "
		                      "of the practice screen: shorten it"), lesson_key_names[f->key], w,
		        limit);
}

static void check_label(struct parser *p, const struct field *f)
{
	static const size_t limit[] = {
		[K_LABEL] = PRACTICE_TEXT_COLS, [K_FIELD] = PRACTICE_LABEL_COLS,
		[K_CHECK] = PRACTICE_CHECK_COLS, [K_CHOICE] = PRACTICE_TEXT_COLS,
		[K_LIST] = PRACTICE_TEXT_COLS, [K_BUTTON] = PRACTICE_BUTTON_COLS,
	};

	check_width(p, f, limit[f->key]);
}

static char **add_string(char **v, size_t *n, const char *s)
{
	if ((*n & (*n - 1)) == 0)
		v = xrealloc(v, (*n ? *n * 2 : 1) * sizeof *v);
	v[(*n)++] = xstrdup(s);
	return v;
}

/* ---- a widget as a whole, when it is complete ---- */

/* The field's value must be something its own rule accepts, or "show me" would fail. */
static void check_value(struct parser *p, const struct mock *m, const struct widget *w)
{
	const struct field *v = m->once[K_VALUE];

	if (w->rule == RULE_ANY && m->rule) {
		return;  /* its rule was wrong, and reported */
	} else if (practice_field_rejects(w, w->value)) {
		return;  /* reported with the reject: line, by check_refused */
	} else if (w->rule == RULE_ANY && w->reject_count) {
		return;  /* anything but the refused answers */
	} else if (w->rule == RULE_ANY) {
		problem(p, v->line, _("'field: %s' has a 'value:' but no rule; add 'accept:', "
		                      "'digits:', 'date:' or 'required:', or remove the value"),
		        w->label);
	} else if (practice_field_accepts(w, w->value)) {
		return;
	} else if (w->rule == RULE_DIGITS && w->digits > 0) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not %d digits, as its "
		                      "'digits: %d' asks"), w->value, w->label, w->digits,
		        w->digits);
	} else if (w->rule == RULE_DATE) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not a real date written "
		                      "DD.MM.YYYY, as its 'date: yes' asks"), w->value, w->label);
	} else if (w->rule == RULE_ACCEPT && w->case_counts &&
	           answer_matches(w->value, w->accept, w->accept_count)) {
		problem(p, v->line, _("value '%s' of 'field: %s' differs from its 'accept:' answers "
		                      "in capital letters, and its 'case: yes' makes them count"),
		        w->value, w->label);
	} else if (w->rule == RULE_ACCEPT) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not one of its 'accept:' "
		                      "answers"), w->value, w->label);
	}
}

static void close_field(struct parser *p, const struct mock *m, const struct widget *w)
{
	const struct field *c = m->once[K_CASE];

	/* Only accept: answers are compared by letter case (refused ones never are). */
	if (c && w->case_counts && w->rule != RULE_ACCEPT && !m->rule)
		problem(p, c->line, _("'case: yes' of 'field: %s' changes nothing: the field has no "
		                      "'accept:' answers; add them or remove the line"), w->label);
	else if (c && w->case_counts && w->rule != RULE_ACCEPT && w->rule != RULE_ANY)
		problem(p, c->line, _("'case: yes' of 'field: %s' changes nothing: only 'accept:' "
		                      "answers are compared by letter case; remove the line"),
		        w->label);
	if (w->value)
		check_value(p, m, w);
	else if (w->rule != RULE_ANY && w->rule != RULE_ACCEPT)
		problem(p, w->line, _("'field: %s' has '%s:' but no 'value:'; add the value that "
		                      "\"show me\" types"), w->label, lesson_key_names[m->rule->key]);
}

static void close_items(struct parser *p, const struct mock *m, struct widget *w)
{
	int max = w->kind == WIDGET_CHOICE ? MOCK_MAX_CHOICES : MOCK_MAX_LIST;
	const struct field *must = m->once[K_MUST];
	size_t n = w->item_count;

	if (n < MOCK_MIN_ITEMS)
		problem(p, w->line, ngettext("'%s: %s' has %zu item; it needs %d to %d: add "
		                             "'item:' lines",
		                             "'%s: %s' has %zu items; it needs %d to %d: add "
		                             "'item:' lines", n),
		        widget_key(w), w->label, n, MOCK_MIN_ITEMS, max);
	else if (n > (size_t)max)
		problem(p, m->item_line[max], _("'%s: %s' has %zu items; at most %d fit"),
		        widget_key(w), w->label, n, max);
	if (!must || must->val.len == 0)
		return;
	for (size_t i = 0; i < n && w->must == PRACTICE_NONE; i++)
		if (strcmp(w->items[i], must->val.s) == 0)
			w->must = i;
	if (w->must == PRACTICE_NONE)
		problem(p, must->line, _("'must: %s' is not an item of '%s: %s'; copy the text of "
		                         "one of its 'item:' lines"), must->val.s, widget_key(w),
		        w->label);
}

/* A feedback: that could never be shown is a mistake worth naming. */
static void check_feedback_shown(struct parser *p, const struct mock *m,
                                 const struct widget *w)
{
	const struct field *f = m->once[K_FEEDBACK];
	bool rule = (w->kind == WIDGET_FIELD && w->rule != RULE_ANY) ||
	            (w->kind == WIDGET_CHECK && m->once[K_MUST]) ||
	            ((w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST) && m->once[K_MUST]);

	if (!f)
		return;
	if (w->kind == WIDGET_BUTTON && w->expected)
		problem(p, f->line, _("'feedback:' of 'button: %s' is never shown: it is the "
		                      "button to press; use 'success:' or put the feedback below "
		                      "a widget"), w->label);
	else if (w->kind != WIDGET_BUTTON && !rule)
		problem(p, f->line, _("'feedback:' of '%s: %s' is never shown: the widget has no "
		                      "rule; add one or remove the feedback"), widget_key(w),
		        w->label);
}

static void close_widget(struct parser *p, struct mock *m)
{
	struct widget *w = open_widget(m);

	if (!w)
		return;
	if (w->kind == WIDGET_FIELD)
		close_field(p, m, w);
	else if (w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST)
		close_items(p, m, w);
	check_feedback_shown(p, m, w);
	m->open = false;
}

/* ---- keys ---- */

static void open_new_widget(struct parser *p, struct mock *m, const struct field *f)
{
	static const enum widget_kind kinds[] = {
		[K_LABEL] = WIDGET_LABEL, [K_FIELD] = WIDGET_FIELD, [K_CHECK] = WIDGET_CHECK,
		[K_CHOICE] = WIDGET_CHOICE, [K_LIST] = WIDGET_LIST, [K_BUTTON] = WIDGET_BUTTON,
	};
	struct practice *pr = m->pr;
	struct widget *w;

	close_widget(p, m);
	if ((pr->count & (pr->count - 1)) == 0)
		pr->widgets = xrealloc(pr->widgets, (pr->count ? pr->count * 2 : 1) *
		                                    sizeof *pr->widgets);
	w = &pr->widgets[pr->count++];
	memset(w, 0, sizeof *w);
	w->kind = kinds[f->key];
	w->label = xstrdup(f->val.s);
	w->line = f->line;
	w->must = PRACTICE_NONE;
	memset(m->once, 0, sizeof m->once);
	m->rule = NULL;
	m->open = true;
	check_label(p, f);
	if (w->kind == WIDGET_BUTTON && ++m->buttons == PRACTICE_MAX_BUTTONS + 1)
		m->extra_button_line = f->line;
	else if (practice_focusable(w) && w->kind != WIDGET_BUTTON &&
	         ++m->focusable == PRACTICE_MAX_FOCUSABLE + 1)
		m->extra_focusable_line = f->line;
}

static void set_digits(struct parser *p, struct widget *w, const struct field *f)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(f->val.s, &end, 10);
	if (end == f->val.s || *end || errno || v < 1 || v > PRACTICE_MAX_DIGITS) {
		problem(p, f->line, _("'digits: %s': write how many digits the field takes, a "
		                      "whole number from 1 to %d"), f->val.s, PRACTICE_MAX_DIGITS);
		return;  /* digits stays 0: the value is not checked against it */
	}
	w->digits = (int)v;
}

/* A rule key of a field: one kind of rule per field. */
static void field_rule(struct parser *p, struct mock *m, struct widget *w,
                       const struct field *f)
{
	static const enum field_rule rules[] = {
		[K_ACCEPT] = RULE_ACCEPT, [K_DIGITS] = RULE_DIGITS, [K_DATE] = RULE_DATE,
		[K_REQUIRED] = RULE_REQUIRED,
	};

	if (m->rule && m->rule->key != f->key) {
		problem(p, f->line, _("'field: %s' already has the rule '%s:' (line %d); a field "
		                      "takes one kind of rule"), w->label, lesson_key_names[m->rule->key],
		        m->rule->line);
		return;
	}
	if (!m->rule)
		m->rule = f;
	if (f->key == K_ACCEPT) {
		w->accept = add_string(w->accept, &w->accept_count, f->val.s);
		check_width(p, f, PRACTICE_TYPED_COLS);
	} else if (f->key == K_DIGITS) {
		set_digits(p, w, f);
	} else if (!lesson_yes(p, f)) {
		return;  /* no rule then, rather than one the trainer did not write */
	}
	w->rule = rules[f->key];
}

static void set_check_must(struct parser *p, struct widget *w, const struct field *f)
{
	if (strcmp(f->val.s, "checked") == 0)
		w->check = CHECK_CHECKED;
	else if (strcmp(f->val.s, "unchecked") == 0)
		w->check = CHECK_UNCHECKED;
	else
		problem(p, f->line, _("'must: %s' for a 'check:' is 'checked' or 'unchecked'"),
		        f->val.s);
}

static void add_item(struct parser *p, struct mock *m, struct widget *w, const struct field *f)
{
	size_t n = w->item_count;

	for (size_t i = 0; i < n && i <= MOCK_MAX_LIST; i++)
		if (strcmp(w->items[i], f->val.s) == 0) {
			problem(p, f->line, _("'%s: %s' has the item '%s' twice (first at line %d); "
			                      "items must differ"), widget_key(w), w->label, f->val.s,
			        m->item_line[i]);
			return;
		}
	w->items = add_string(w->items, &w->item_count, f->val.s);
	if (n <= MOCK_MAX_LIST)
		m->item_line[n] = f->line;
	check_width(p, f, PRACTICE_ITEM_COLS);
}

static void set_press(struct parser *p, struct mock *m, struct widget *w, const struct field *f)
{
	if (!lesson_yes(p, f))
		return;
	w->expected = true;
	if (!m->press)
		m->press = f;
	else
		problem(p, f->line, _("a second button with 'press: yes' (first at line %d); "
		                      "exactly one button is the one to press"), m->press->line);
}

/* "default: yes": the button a web form would press when Enter is pressed in it (its submit
 * button).  On a scam page that is "Pay", not the "Close" the lesson wants: without it, Enter
 * in the card field would count as closing the page and be praised. */
static void set_default(struct parser *p, struct mock *m, struct widget *w,
                        const struct field *f)
{
	if (!lesson_yes(p, f))
		return;
	w->submits = true;
	if (!m->dflt)
		m->dflt = f;
	else
		problem(p, f->line, _("a second button with 'default: yes' (first at line %d); "
		                      "a form has one button that Enter presses"), m->dflt->line);
}

/* Is f allowed on the open widget, and not a second copy of a key it may have once? */
static bool attach_ok(struct parser *p, struct mock *m, const struct reject_state *rs,
                      const struct field *f)
{
	struct widget *w = open_widget(m);

	if (!w) {
		problem(p, f->line, _("'%s:' must come below the %s it belongs to"),
		        lesson_key_names[f->key], owners(f->key));
		return false;
	}
	if (!owner_ok(f->key, w->kind)) {
		problem(p, f->line, _("'%s:' does not belong to the '%s: %s' above it (line %d); "
		                      "it goes below a %s"), lesson_key_names[f->key], widget_key(w),
		        w->label, w->line, owners(f->key));
		return false;
	}
	if (f->key == K_ACCEPT || f->key == K_ITEM || f->key == K_REJECT)
		return true;  /* these repeat */
	if (f->key == K_FEEDBACK && rs->group)
		return true;  /* a reject group's reason, not the widget's own feedback */
	if (m->once[f->key]) {
		problem(p, f->line, _("duplicate key '%s' for '%s: %s' (first at line %d); it may "
		                      "appear once per widget"), lesson_key_names[f->key], widget_key(w),
		        w->label, m->once[f->key]->line);
		return false;
	}
	m->once[f->key] = f;
	return true;
}

static void attach(struct parser *p, struct step *s, struct mock *m, struct reject_state *rs,
                   const struct field *f)
{
	struct widget *w;

	if (f->val.len == 0 || !attach_ok(p, m, rs, f)) {
		rs->refused = f->key == K_REJECT;
		return;  /* an empty value is reported already */
	}
	w = open_widget(m);
	if (f->key == K_REJECT) {
		lesson_reject_add(rs, &w->rejects, &w->reject_count, f);
	} else if (f->key == K_FEEDBACK && lesson_reject_feedback(p, s, rs, f)) {
		return;
	} else if (f->key == K_CASE) {
		w->case_counts = lesson_yes(p, f);
	} else if (BIT(f->key) & FIELD_RULE_KEYS) {
		field_rule(p, m, w, f);
	} else if (f->key == K_VALUE) {
		w->value = xstrdup(f->val.s);
		check_width(p, f, PRACTICE_TYPED_COLS);
	} else if (f->key == K_MUST && w->kind == WIDGET_CHECK) {
		set_check_must(p, w, f);
	} else if (f->key == K_ITEM) {
		add_item(p, m, w, f);
	} else if (f->key == K_PRESS) {
		set_press(p, m, w, f);
	} else if (f->key == K_DEFAULT) {
		set_default(p, m, w, f);
	} else if (f->key == K_FEEDBACK) {
		w->feedback = xstrdup(f->val.s);
		lesson_check_note(p, s, f);
	}
	/* must: of a choice or list names an item, maybe one further down: see close_items */
}

static void set_screen(struct parser *p, struct step *s, const struct field *f)
{
	size_t w = text_width(f->val.s);

	s->practice->title = xstrdup(f->val.s);
	if (w > LESSON_TITLE_COLS)
		problem(p, f->line, _("'screen:' is %zu columns wide; at most %d fit in the "
		                      "title bar: shorten it"), w, LESSON_TITLE_COLS);
}

void lesson_practice_begin(struct mock *m, struct step *s)
{
	memset(m, 0, sizeof *m);
	m->pr = s->practice = xcalloc(1, sizeof *s->practice);
}

void lesson_practice_field(struct parser *p, struct step *s, struct mock *m,
                           struct reject_state *rs, const struct field *f)
{
	if (f->key == K_SCREEN)
		set_screen(p, s, f);
	else if (BIT(f->key) & WIDGET_KEYS)
		open_new_widget(p, m, f);
	else
		attach(p, s, m, rs, f);
}

/* ---- the step as a whole ---- */

static void check_buttons_row(struct parser *p, const struct step *s)
{
	const struct practice *pr = s->practice;
	size_t cols = 0, n = 0;

	for (size_t i = 0; i < pr->count; i++) {
		const struct widget *w = &pr->widgets[i];

		if (w->kind != WIDGET_BUTTON)
			continue;
		cols += (n++ ? PRACTICE_BUTTON_GAP : 0) + text_width(w->label) +
		        PRACTICE_BUTTON_DECOR;
		if (cols > PRACTICE_BUTTONS_COLS) {
			problem(p, w->line, _("the buttons up to this one need %zu columns on their "
			                      "row; at most %d fit: shorten their labels"), cols,
			        PRACTICE_BUTTONS_COLS);
			return;
		}
	}
}

/* "default: yes" matters only where Enter can press it, in a text field: on a screen of boxes
 * and lists it would promise the lesson's writer something the kiosk never does. */
static void check_default_has_field(struct parser *p, const struct step *s,
                                    const struct mock *m)
{
	if (!m->dflt)
		return;
	for (size_t i = 0; i < s->practice->count; i++)
		if (s->practice->widgets[i].kind == WIDGET_FIELD)
			return;
	problem(p, m->dflt->line, _("'default: yes' does nothing here: only Enter in a text field "
	                            "presses the form's button, and step '%s' has no 'field:'; "
	                            "delete the line"), s->id);
}

static void check_mock_counts(struct parser *p, const struct step *s, const struct mock *m)
{
	check_default_has_field(p, s, m);
	if (m->focusable == 0)
		problem(p, s->line, _("practice step '%s' has nothing for the learner to do; add "
		                      "a 'field:', 'check:', 'choice:' or 'list:'"), s->id);
	else if (m->extra_focusable_line)
		problem(p, m->extra_focusable_line, _("practice step '%s' has %zu fields, checks, "
		                                      "choices and lists; at most %d fit"),
		        s->id, m->focusable, PRACTICE_MAX_FOCUSABLE);
	if (m->buttons == 0)
		problem(p, s->line, _("practice step '%s' has no 'button:'; add the button that "
		                      "finishes the task, with 'press: yes' below it"), s->id);
	else if (m->extra_button_line)
		problem(p, m->extra_button_line, _("practice step '%s' has %zu buttons; at most "
		                                   "%d fit"), s->id, m->buttons,
		        PRACTICE_MAX_BUTTONS);
	else if (!m->press)
		problem(p, s->line, _("practice step '%s' has no button with 'press: yes'; mark "
		                      "the button the learner must press"), s->id);
	else
		check_buttons_row(p, s);
}

/* The task above the frame and the frame itself must fit the 80x24 screen.  A small frame
 * leaves its unused rows to the task, so that a word the learner may not know can be
 * explained there ("застосунок (програма в телефоні)"). */
/* Under the frame, the praise and the step's success: text must fit above the footer: a
 * row more and the screen cuts the last words off. */
static void check_success_fits(struct parser *p, const struct step *s, size_t used,
                               int success_line)
{
	size_t rows, room;

	if (!s->success || used + PRACTICE_PRAISE_ROWS >= PRACTICE_BODY_ROWS)
		return;
	rows = layout_count(s->success, LESSON_WRAP_COLS);
	room = PRACTICE_BODY_ROWS - used - PRACTICE_PRAISE_ROWS;
	if (rows > room)
		problem(p, success_line, _("'success' of practice step '%s' takes %zu rows on the "
		                           "screen; under this task and practice screen at most %zu "
		                           "fit: shorten it"), s->id, rows, room);
}

static void check_mock_fits(struct parser *p, const struct step *s, const struct mock *m,
                            int text_line, int success_line)
{
	size_t text, rows, room;

	if (p->trusted)
		return;  /* these contents passed before (fitcache.h) */
	text = layout_count(s->text, LESSON_WRAP_COLS);
	rows = practice_rows(s->practice);
	room = PRACTICE_TEXT_ROWS + (rows < PRACTICE_MAX_ROWS ? PRACTICE_MAX_ROWS - rows : 0);
	if (room > PRACTICE_TEXT_MAX_ROWS)
		room = PRACTICE_TEXT_MAX_ROWS;
	if (text_line && text > room)
		problem(p, text_line, _("text of practice step '%s' takes %zu rows on the screen; "
		                        "at most %zu fit above this practice screen: shorten it"),
		        s->id, text, room);
	/* Nine widgets never fit: that is said already, as "too many". */
	if (rows > PRACTICE_MAX_ROWS && !m->extra_focusable_line)
		problem(p, s->line, _("the practice screen of step '%s' needs %zu rows; at most "
		                      "%d fit on the 80x24 screen: remove widgets or items"),
		        s->id, rows, PRACTICE_MAX_ROWS);
	else if (text <= room)
		check_success_fits(p, s, text + rows, success_line);
}

void lesson_practice_end(struct parser *p, const struct step *s, struct mock *m, int text_line,
                         int success_line)
{
	close_widget(p, m);
	if (!s->practice->title)
		problem(p, s->line, _("practice step '%s' has no 'screen:'; add the made-up name "
		                      "or address shown in its title bar"), s->id);
	check_mock_counts(p, s, m);
	check_mock_fits(p, s, m, text_line, success_line);
	if (!s->practice->title)
		s->practice->title = xstrdup("");
}
