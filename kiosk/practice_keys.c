/* practice_keys: see practice_keys.h.  One function per kind of widget with the focus; the
 * "show me" script is built from the same keys, so the demonstration can never do something
 * the learner's keys cannot. */
#include "practice_keys.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "text.h"
#include "util.h"

static const struct widget *focused(const struct practice_state *st)
{
	return &st->p->widgets[st->focus];
}

static bool is_items(const struct widget *w)
{
	return w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST;
}

/* The button the task wants pressed ("press: yes"), or PRACTICE_NONE. */
static size_t expected_button(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->widgets[i].kind == WIDGET_BUTTON && p->widgets[i].expected)
			return i;
	return PRACTICE_NONE;
}

size_t practice_keys_submit_button(const struct practice *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->widgets[i].kind == WIDGET_BUTTON && p->widgets[i].submits)
			return i;
	return expected_button(p);
}

/* Enter away from a button submits the form, as a web page does. */
static enum practice_effect submit(const struct practice_state *st, size_t *button)
{
	size_t b = practice_keys_submit_button(st->p);

	if (b == PRACTICE_NONE)
		return PRACTICE_IGNORED;
	*button = b;
	return PRACTICE_PRESS;
}

static void focus_on(struct practice_state *st, size_t i)
{
	st->focus = i;
	if (st->p->widgets[i].kind == WIDGET_FIELD)
		edit_end(&st->text[i]);
}

/* The first widget (not a button) that breaks its rule, or PRACTICE_NONE. */
static size_t first_not_right(const struct practice_state *st)
{
	for (size_t i = 0; i < st->p->count; i++)
		if (st->p->widgets[i].kind != WIDGET_BUTTON && !practice_widget_ok(st, i))
			return i;
	return PRACTICE_NONE;
}

/* The nearest field above the focus, else the first field below it, else PRACTICE_NONE. */
static size_t nearest_field(const struct practice_state *st)
{
	const struct practice *p = st->p;

	for (size_t i = st->focus + 1; i-- > 0;)
		if (p->widgets[i].kind == WIDGET_FIELD)
			return i;
	for (size_t i = st->focus; i < p->count; i++)
		if (p->widgets[i].kind == WIDGET_FIELD)
			return i;
	return PRACTICE_NONE;
}

/* ---- one function per kind of widget ---- */

static enum practice_effect field_key(struct practice_state *st, struct practice_key k,
                                      size_t *button)
{
	struct edit *e = &st->text[st->focus];
	size_t len = e->len;

	switch (k.code) {
	case PKEY_ENTER:
		return submit(st, button);
	case PKEY_CHAR:
		edit_insert(e, k.ch);
		break;
	case PKEY_BACKSPACE:
		edit_backspace(e);
		break;
	case PKEY_DELETE:
		edit_delete(e);
		break;
	case PKEY_LEFT:
		edit_left(e);
		return PRACTICE_MOVED;
	case PKEY_RIGHT:
		edit_right(e);
		return PRACTICE_MOVED;
	case PKEY_HOME:
		edit_home(e);
		return PRACTICE_MOVED;
	case PKEY_END:
		edit_end(e);
		return PRACTICE_MOVED;
	default:
		return PRACTICE_IGNORED;
	}
	return e->len != len ? PRACTICE_CHANGED : PRACTICE_IGNORED;
}

static void pick(struct practice_state *st, size_t item)
{
	st->cursor[st->focus] = item;
	st->picked[st->focus] = item;
}

/* Choices and lists: a digit, the arrows, Space, Home/End pick; Enter picks when nothing is
 * picked yet (as on a quiz screen), else submits. */
static enum practice_effect items_key(struct practice_state *st, struct practice_key k,
                                      size_t *button)
{
	const struct widget *w = focused(st);
	size_t n = w->item_count, cur = st->cursor[st->focus];
	bool none = st->picked[st->focus] == PRACTICE_NONE;

	if (n == 0)
		return PRACTICE_IGNORED;
	if (k.code == PKEY_CHAR && k.ch >= '1' && k.ch <= '9' && k.ch - '1' < n) {
		pick(st, k.ch - '1');
	} else if (k.code == PKEY_UP || k.code == PKEY_LEFT) {
		/* the first arrow picks the highlighted item rather than skipping past it */
		pick(st, none ? cur : cur > 0 ? cur - 1 : n - 1);
	} else if (k.code == PKEY_DOWN || k.code == PKEY_RIGHT) {
		pick(st, none ? cur : cur + 1 < n ? cur + 1 : 0);
	} else if (k.code == PKEY_HOME) {
		pick(st, 0);
	} else if (k.code == PKEY_END) {
		pick(st, n - 1);
	} else if ((k.code == PKEY_CHAR && k.ch == ' ') || (k.code == PKEY_ENTER && none)) {
		pick(st, cur);
	} else if (k.code == PKEY_ENTER) {
		return submit(st, button);
	} else {
		return PRACTICE_IGNORED;
	}
	return PRACTICE_CHANGED;
}

static enum practice_effect check_key(struct practice_state *st, struct practice_key k,
                                      size_t *button)
{
	if (k.code == PKEY_CHAR && k.ch == ' ') {
		st->checked[st->focus] = !st->checked[st->focus];
		return PRACTICE_CHANGED;
	}
	if (k.code == PKEY_ENTER)
		return submit(st, button);
	return PRACTICE_IGNORED;
}

/* A key that means "type" or "pick" reached a widget that cannot take it: it goes to the
 * first widget that is not right (which gets the focus even when it cannot take this very
 * key), or, when all are right, into the nearest field.  PRACTICE_IGNORED when there is
 * nowhere sensible. */
static enum practice_effect redirect(struct practice_state *st, struct practice_key k,
                                     size_t *button)
{
	size_t t = first_not_right(st), from = st->focus;
	enum practice_effect e;
	bool typing = k.code == PKEY_CHAR || k.code == PKEY_BACKSPACE || k.code == PKEY_DELETE;

	if (!typing)
		return PRACTICE_IGNORED;
	if (t != PRACTICE_NONE && t != from) {
		focus_on(st, t);
		e = PRACTICE_IGNORED;
		switch (st->p->widgets[t].kind) {
		case WIDGET_FIELD:
			e = field_key(st, k, button);
			break;
		case WIDGET_CHECK:
			e = check_key(st, k, button);
			break;
		case WIDGET_CHOICE:
		case WIDGET_LIST:
			e = items_key(st, k, button);
			break;
		default:
			break;
		}
		/* It does not take this key (a letter on a list): the focus shows where to go. */
		return e != PRACTICE_IGNORED ? e : PRACTICE_MOVED;
	}
	t = nearest_field(st);
	if (t == PRACTICE_NONE || k.code != PKEY_CHAR || k.ch == ' ')
		return PRACTICE_IGNORED;
	focus_on(st, t);
	return field_key(st, k, button);
}

/* Keys that move the focus whatever has it; returns false for the others. */
static bool focus_key(struct practice_state *st, struct practice_key k)
{
	const struct widget *w = focused(st);
	bool items = is_items(w), field = w->kind == WIDGET_FIELD;

	if (k.code == PKEY_TAB || (k.code == PKEY_DOWN && !items) ||
	    (k.code == PKEY_RIGHT && !items && !field))
		practice_focus_next(st);
	else if (k.code == PKEY_BACKTAB || (k.code == PKEY_UP && !items) ||
	         (k.code == PKEY_LEFT && !items && !field))
		practice_focus_prev(st);
	else
		return false;
	focus_on(st, st->focus);
	return true;
}

enum practice_effect practice_keys_handle(struct practice_state *st, struct practice_key k,
                                          size_t *button)
{
	enum practice_effect e = PRACTICE_IGNORED;

	if (st->p->count == 0)
		return PRACTICE_IGNORED;
	if (focus_key(st, k))
		return PRACTICE_MOVED;
	switch (focused(st)->kind) {
	case WIDGET_FIELD:
		return field_key(st, k, button);
	case WIDGET_CHECK:
		e = check_key(st, k, button);
		break;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		e = items_key(st, k, button);
		break;
	case WIDGET_BUTTON:
		if (k.code == PKEY_ENTER) {
			*button = st->focus;
			return PRACTICE_PRESS;
		}
		break;
	case WIDGET_LABEL:
		break;
	}
	return e != PRACTICE_IGNORED ? e : redirect(st, k, button);
}

void practice_keys_pressed(struct practice_state *st, struct practice_verdict v)
{
	size_t t;

	if (v.outcome == PRACTICE_PASSED)
		return;
	t = v.outcome == PRACTICE_NOT_READY ? v.widget : first_not_right(st);
	if (t != PRACTICE_NONE && t < st->p->count)
		focus_on(st, t);
}

/* ---- "show me" ---- */

struct keys {
	struct practice_key *v;
	size_t count, cap;
};

static void add_key(struct keys *ks, enum practice_keycode code, uint32_t ch)
{
	if (ks->count == ks->cap) {
		ks->cap = ks->cap ? ks->cap * 2 : 16;
		ks->v = xrealloc(ks->v, ks->cap * sizeof *ks->v);
	}
	ks->v[ks->count].code = code;
	ks->v[ks->count].ch = ch;
	ks->count++;
}

/* Tab (or Shift-Tab, when i is above) from *focus until widget i has the focus. */
static void tab_to(struct keys *ks, const struct practice *p, size_t *focus, size_t i)
{
	bool back = i < *focus;

	for (size_t tries = 0; *focus != i && tries < p->count; tries++) {
		add_key(ks, back ? PKEY_BACKTAB : PKEY_TAB, 0);
		do
			*focus = (*focus + (back ? p->count - 1 : 1)) % p->count;
		while (!practice_focusable(&p->widgets[*focus]));
	}
}

/* Where the task first names widget w (its value, the item to pick, or its label), as a byte
 * offset in the folded task; SIZE_MAX when it does not. */
static size_t named_at(const char *task, const struct widget *w)
{
	const char *names[3] = { w->label, NULL, NULL };
	size_t best = SIZE_MAX;

	if (w->kind == WIDGET_FIELD)
		names[1] = practice_demo_text(w);
	else if ((w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST) && w->must < w->item_count)
		names[1] = w->items[w->must];
	for (size_t i = 0; i < 2; i++) {
		char *key, *hit;

		if (!names[i] || !*names[i])
			continue;
		key = text_fold(names[i]);
		hit = *key ? strstr(task, key) : NULL;
		if (hit && (size_t)(hit - task) < best)
			best = (size_t)(hit - task);
		free(key);
	}
	return best;
}

struct target {
	size_t widget, at;
};

static int by_position(const void *x, const void *y)
{
	const struct target *a = x, *b = y;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->widget < b->widget ? -1 : a->widget > b->widget;
}

/* The keys for widget i, or none when its fresh state already meets its rule. */
static bool widget_needs(const struct widget *w)
{
	switch (w->kind) {
	case WIDGET_FIELD:
		return practice_demo_text(w) && *practice_demo_text(w);
	case WIDGET_CHECK:
		return w->check == CHECK_CHECKED;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		return w->must != PRACTICE_NONE;
	default:
		return false;
	}
}

static void widget_keys(struct keys *ks, const struct widget *w)
{
	const uint8_t *s;
	ucs4_t cp;

	switch (w->kind) {
	case WIDGET_FIELD:
		s = (const uint8_t *)practice_demo_text(w);
		while ((s = u8_next(&cp, s)))
			add_key(ks, PKEY_CHAR, cp);
		break;
	case WIDGET_CHECK:
		add_key(ks, PKEY_CHAR, ' ');
		break;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		if (w->must < 9) {
			add_key(ks, PKEY_CHAR, '1' + (uint32_t)w->must);
			break;
		}
		for (size_t j = 0; j <= w->must; j++)  /* the first Down picks item 1 */
			add_key(ks, PKEY_DOWN, 0);
		break;
	default:
		break;
	}
}

size_t practice_keys_demo(const struct practice *p, const char *task,
                          struct practice_key **out)
{
	struct keys ks = { 0 };
	struct practice_state st;
	struct target *t;
	size_t focus, n = 0, go = expected_button(p);  /* the right one, not Enter's default */
	char *folded = text_fold(task ? task : "");

	*out = NULL;
	if (p->count == 0) {
		free(folded);
		return 0;
	}
	practice_state_init(&st, p);
	focus = st.focus;
	practice_state_free(&st);
	/* The widgets to fill, in the order the task names them (the file's order otherwise). */
	t = xcalloc(p->count, sizeof *t);
	for (size_t i = 0; i < p->count; i++)
		if (widget_needs(&p->widgets[i])) {
			t[n].widget = i;
			t[n++].at = named_at(folded, &p->widgets[i]);
		}
	qsort(t, n, sizeof *t, by_position);
	for (size_t i = 0; i < n; i++) {
		tab_to(&ks, p, &focus, t[i].widget);
		widget_keys(&ks, &p->widgets[t[i].widget]);
	}
	if (go != PRACTICE_NONE)
		tab_to(&ks, p, &focus, go);
	free(t);
	free(folded);
	*out = ks.v;
	return ks.count;
}
