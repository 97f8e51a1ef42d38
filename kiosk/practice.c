/* practice: see practice.h.  The rules live here and nowhere else: the lesson parser asks
 * practice_field_accepts() whether a field's "show me" value meets its own rule, so what
 * check-lessons accepts is exactly what the learner's screen accepts. */
#include "practice.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "i18n.h"
#include "isotime.h"
#include "text.h"
#include "util.h"

void practice_free(struct practice *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++) {
		struct widget *w = &p->widgets[i];

		free(w->label);
		for (size_t j = 0; j < w->accept_count; j++)
			free(w->accept[j]);
		free(w->accept);
		free(w->value);
		answer_rejects_free(w->rejects, w->reject_count);
		for (size_t j = 0; j < w->item_count; j++)
			free(w->items[j]);
		free(w->items);
		free(w->feedback);
	}
	free(p->widgets);
	free(p->title);
	free(p);
}

size_t practice_rows(const struct practice *p)
{
	/* Title, marker, then the widgets, a blank row, the buttons, two borders. */
	size_t rows = 1 + 1 + 1 + 1 + 2;

	for (size_t i = 0; i < p->count; i++) {
		const struct widget *w = &p->widgets[i];

		if (w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST)
			rows += 1 + w->item_count;
		else if (w->kind != WIDGET_BUTTON)
			rows++;
	}
	return rows;
}

bool practice_focusable(const struct widget *w)
{
	return w->kind != WIDGET_LABEL;
}

/* ---- rules ---- */

/* Phone numbers and PINs are written in groups ("0888 123 456"): only the digits count. */
static bool digits_ok(const char *s, int want)
{
	int n = 0;
	size_t b;

	while (*s) {
		if ((b = text_blank_len(s))) {
			s += b;
			continue;
		}
		if (*s < '0' || *s > '9')
			return false;
		n++;
		s++;
	}
	return n == want;
}

/* The number in s[0..n) when all of it is ASCII digits, else -1. */
static int number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* DD.MM.YYYY, a day that exists; blanks around it are forgiven (a stray Space is not the
 * mistake the lesson is about). */
static bool date_ok(const char *s)
{
	size_t b, n;
	int d, m, y;

	while ((b = text_blank_len(s)))
		s += b;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n != 10 || s[2] != '.' || s[5] != '.')
		return false;
	d = number(s, 2);
	m = number(s + 3, 2);
	y = number(s + 6, 4);
	if (d < 1 || m < 1 || m > 12 || y < 1)
		return false;
	return d <= isotime_days_in_month(y, m);
}

const struct answer_reject *practice_field_rejects(const struct widget *w, const char *text)
{
	return answer_rejected(text, w->rejects, w->reject_count, w->rule == RULE_DIGITS);
}

/* Does text meet the rule of field w, leaving its rejects aside? */
static bool rule_met(const struct widget *w, const char *text)
{
	switch (w->rule) {
	case RULE_ANY:
		return true;
	case RULE_REQUIRED:
		return !text_is_blank(text);
	case RULE_ACCEPT:
		return answer_matches_case(text, w->accept, w->accept_count, w->case_counts);
	case RULE_DIGITS:
		return digits_ok(text, w->digits);
	case RULE_DATE:
		return date_ok(text);
	}
	return false;
}

bool practice_field_accepts(const struct widget *w, const char *text)
{
	return !practice_field_rejects(w, text) && rule_met(w, text);
}

bool practice_widget_ok(const struct practice_state *st, size_t i)
{
	const struct widget *w = &st->p->widgets[i];

	switch (w->kind) {
	case WIDGET_FIELD:
		return practice_field_accepts(w, st->text[i].buf);
	case WIDGET_CHECK:
		if (w->check == CHECK_ANY)
			return true;
		return st->checked[i] == (w->check == CHECK_CHECKED);
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		return w->must == PRACTICE_NONE || st->picked[i] == w->must;
	case WIDGET_LABEL:
	case WIDGET_BUTTON:
		break;
	}
	return true;
}

struct practice_verdict practice_press(const struct practice_state *st, size_t button)
{
	const struct practice *p = st->p;
	struct practice_verdict v = { PRACTICE_WRONG_BUTTON, button, NULL };

	if (button >= p->count || p->widgets[button].kind != WIDGET_BUTTON ||
	    !p->widgets[button].expected)
		return v;
	for (size_t i = 0; i < p->count; i++)
		if (!practice_widget_ok(st, i)) {
			v.outcome = PRACTICE_NOT_READY;
			v.widget = i;
			if (p->widgets[i].kind == WIDGET_FIELD)
				v.reject = practice_field_rejects(&p->widgets[i], st->text[i].buf);
			return v;
		}
	v.outcome = PRACTICE_PASSED;
	return v;
}

/* ---- state ---- */

static size_t first_focusable(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (practice_focusable(&p->widgets[i]))
			return i;
	return 0;
}

void practice_state_init(struct practice_state *st, const struct practice *p)
{
	size_t n = p->count ? p->count : 1;  /* never a zero-size allocation */

	st->p = p;
	st->text = xmalloc(n * sizeof *st->text);
	st->checked = xmalloc(n * sizeof *st->checked);
	st->picked = xmalloc(n * sizeof *st->picked);
	st->cursor = xmalloc(n * sizeof *st->cursor);
	/* Every widget gets an edit, not only fields: a few bytes each, and no special
	 * case to forget when freeing. */
	for (size_t i = 0; i < n; i++)
		edit_init(&st->text[i], PRACTICE_FIELD_MAX_COLS);
	practice_state_reset(st);
}

void practice_state_reset(struct practice_state *st)
{
	size_t n = st->p->count ? st->p->count : 1;

	for (size_t i = 0; i < n; i++) {
		edit_clear(&st->text[i]);
		st->checked[i] = false;
		st->picked[i] = PRACTICE_NONE;
		st->cursor[i] = 0;
	}
	st->focus = first_focusable(st->p);
}

void practice_state_free(struct practice_state *st)
{
	size_t n = st->p && st->p->count ? st->p->count : 1;

	if (st->text)
		for (size_t i = 0; i < n; i++)
			edit_free(&st->text[i]);
	free(st->text);
	free(st->checked);
	free(st->picked);
	free(st->cursor);
	memset(st, 0, sizeof *st);
}

/* The next focusable widget after (step 1) or before (step count - 1) the focus. */
static void focus_move(struct practice_state *st, size_t step)
{
	const struct practice *p = st->p;
	size_t i = st->focus;

	for (size_t tries = 0; tries < p->count; tries++) {
		i = (i + step) % p->count;
		if (practice_focusable(&p->widgets[i])) {
			st->focus = i;
			return;
		}
	}
}

void practice_focus_next(struct practice_state *st)
{
	if (st->p->count > 0)
		focus_move(st, 1);
}

void practice_focus_prev(struct practice_state *st)
{
	if (st->p->count > 0)
		focus_move(st, st->p->count - 1);
}

/* ---- "show me" ---- */

const char *practice_demo_text(const struct widget *w)
{
	if (w->value)
		return w->value;
	if (w->rule == RULE_ACCEPT && w->accept_count > 0)
		return w->accept[0];
	return NULL;
}

/* The title bar as it is read: "App · address" is two things, and the middle dot is silent
 * in espeak-ng, which would run them together; a line each gives the pause a reader makes. */
static char *spoken_title(const char *title)
{
	static const char dot[] = " \xc2\xb7 ";  /* " · " in UTF-8 */
	char *out = xstrdup(title), *at = out;

	/* In place: each " · " becomes one newline, so the text only gets shorter. */
	while ((at = strstr(at, dot))) {
		*at = '\n';
		memmove(at + 1, at + strlen(dot), strlen(at + strlen(dot)) + 1);
		at++;
	}
	return out;
}

char *practice_describe_screen(const struct practice *p)
{
	char *out = spoken_title(p->title ? p->title : "");

	for (size_t i = 0; i < p->count; i++) {
		char *prev = out;

		if (p->widgets[i].kind != WIDGET_LABEL || !*p->widgets[i].label)
			continue;
		out = xasprintf("%s%s%s", prev, *prev ? "\n" : "", p->widgets[i].label);
		free(prev);
	}
	return out;
}

char *practice_describe_focus(const struct practice_state *st)
{
	const struct widget *w;
	size_t i = st->focus;

	if (i >= st->p->count || !practice_focusable(&st->p->widgets[i]))
		return NULL;
	w = &st->p->widgets[i];
	switch (w->kind) {
	case WIDGET_FIELD:
		if (!*st->text[i].buf)
			/* TRANSLATORS: read aloud: the text field in focus, e.g. "field Phone, empty". */
			return xasprintf(_("field %s, empty"), w->label);
		/* TRANSLATORS: read aloud: a field and what is typed in it. */
		return xasprintf(_("field %s: %s"), w->label, st->text[i].buf);
	case WIDGET_CHECK:
		return xasprintf(st->checked[i] ? _("checkbox %s, ticked")
		                                : _("checkbox %s, not ticked"), w->label);
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		if (st->picked[i] == PRACTICE_NONE)
			return xasprintf(_("choice %s, nothing chosen"), w->label);
		return xasprintf(_("choice %s, chosen: %s"), w->label, w->items[st->picked[i]]);
	case WIDGET_BUTTON:
		return xasprintf(_("button %s"), w->label);
	case WIDGET_LABEL:
		break;
	}
	return NULL;
}
