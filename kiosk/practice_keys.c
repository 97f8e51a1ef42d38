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

size_t practice_keys_enter_button(const struct practice_state *st)
{
	if (st->focus >= st->p->count)
		return PRACTICE_NONE;
	switch (focused(st)->kind) {
	case WIDGET_FIELD:
		/* Empty, Enter presses nothing (field_key): the footer named the button all the
		 * same, and a learner believed it (novice test r16). */
		return st->text[st->focus].len ? practice_keys_submit_button(st->p) : PRACTICE_NONE;
	case WIDGET_BUTTON:
		return st->focus;
	default:
		return PRACTICE_NONE;
	}
}

/* Enter in a field submits the form, as a web page does. */
static enum practice_effect submit(struct practice_state *st, size_t *button)
{
	size_t b = practice_keys_submit_button(st->p);

	if (b == PRACTICE_NONE)
		return PRACTICE_IGNORED;
	*button = b;
	st->enter_in_field = true;
	return PRACTICE_PRESS;
}

static void focus_on(struct practice_state *st, size_t i)
{
	st->focus = i;
	st->typed[0] = '\0';  /* type-ahead starts afresh on every list */
	if (st->p->widgets[i].kind == WIDGET_FIELD)
		edit_end(&st->text[i]);
}

bool practice_keys_typed_items(const struct widget *w)
{
	if (w->kind != WIDGET_CHOICE && w->kind != WIDGET_LIST)
		return false;
	for (size_t i = 0; i < w->item_count; i++)
		if (w->items[i][0] >= '0' && w->items[i][0] <= '9')
			return true;
	return false;
}

/* The item of w whose text is typed, else the first that begins with it (letters compared
 * as text_fold does); PRACTICE_NONE when none does. */
static size_t item_starting(const struct widget *w, const char *typed)
{
	char *key = text_fold(typed);
	size_t len = strlen(key), found = PRACTICE_NONE;

	for (size_t i = 0; i < w->item_count; i++) {
		char *item = text_fold(w->items[i]);

		if (strncmp(item, key, len) == 0) {
			if (item[len] == '\0') {
				free(item);
				found = i;
				break;
			}
			if (found == PRACTICE_NONE)
				found = i;
		}
		free(item);
	}
	free(key);
	return found;
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
		/* Nothing typed: no form is sent.  A web page would send it, but a learner who
		 * presses Enter in an empty card field on a scam page has sent nothing, and must
		 * not be told the scammers now have the card (novice test). */
		if (e->len == 0) {
			st->note = PRACTICE_NOTE_ENTER_EMPTY;
			return PRACTICE_IGNORED;
		}
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

/* typed (when it fits in PRACTICE_TYPED_MAX) followed by ch, into out; false when too long. */
static bool typed_plus(char *out, const char *typed, uint32_t ch)
{
	uint8_t buf[8];
	int n = u8_uctomb(buf, ch, sizeof buf);
	size_t len = strlen(typed);

	if (n <= 0 || len + (size_t)n >= PRACTICE_TYPED_MAX)
		return false;
	memcpy(out, typed, len);
	memcpy(out + len, buf, (size_t)n);
	out[len + (size_t)n] = '\0';
	return true;
}

/* A list whose items begin with digits ("8:30", "10:00", "16.03, 9:30") picks by text as a
 * real drop-down does: what was typed so far selects the item that begins with it, so "1"
 * then "0" means "10:00", never "item 1, then something for another field" (novice test).
 * A key that continues nothing starts the text afresh; a digit that begins no item still
 * picks the item with that number, as the lessons say ("press the digit 2").  Anything else
 * stays on the list with a note: typing here never lands in another widget. */
static enum practice_effect type_ahead(struct practice_state *st, uint32_t ch)
{
	const struct widget *w = focused(st);
	char more[PRACTICE_TYPED_MAX] = "", fresh[PRACTICE_TYPED_MAX] = "";
	size_t i = PRACTICE_NONE;
	bool longer = typed_plus(more, st->typed, ch);

	if (longer && (i = item_starting(w, more)) != PRACTICE_NONE) {
		memcpy(st->typed, more, sizeof more);
	} else if (typed_plus(fresh, "", ch) && (i = item_starting(w, fresh)) != PRACTICE_NONE) {
		memcpy(st->typed, fresh, sizeof fresh);
	} else if (ch >= '1' && ch <= '9' && ch - '1' < w->item_count) {
		i = ch - '1';
		st->typed[0] = '\0';
	} else {
		st->note = PRACTICE_NOTE_NO_ITEM;
		if (!longer)
			typed_plus(more, "", ch);
		memcpy(st->unmatched, more, sizeof more);
		st->typed[0] = '\0';
		return PRACTICE_IGNORED;
	}
	pick(st, i);
	return PRACTICE_CHANGED;
}

/* Choices and lists: a digit, the arrows, Space, Home/End pick (a list of times picks by
 * text, see type_ahead).  Enter presses no button here: it picks the highlighted item when
 * nothing is picked yet, and says so; else it says how to reach a button (novice test: "3,
 * Enter" on a list passed a step whose point was the button). */
static enum practice_effect items_key(struct practice_state *st, struct practice_key k)
{
	const struct widget *w = focused(st);
	size_t n = w->item_count, cur = st->cursor[st->focus];
	bool none = st->picked[st->focus] == PRACTICE_NONE;
	char more[PRACTICE_TYPED_MAX];

	if (n == 0)
		return PRACTICE_IGNORED;
	if (k.code == PKEY_CHAR && practice_keys_typed_items(w) &&
	    (k.ch != ' ' || (st->typed[0] && typed_plus(more, st->typed, ' ') &&
	                     item_starting(w, more) != PRACTICE_NONE)))
		return type_ahead(st, k.ch);
	st->typed[0] = '\0';
	if (k.code == PKEY_CHAR && k.ch >= '1' && k.ch <= '9' && k.ch - '1' < n) {
		/* "3", then "2" meant for the next field changed the choice unseen (novice tests
		 * r15, r16): say so when a digit changes a choice already made. */
		if (!none && st->picked[st->focus] != (size_t)(k.ch - '1'))
			st->note = PRACTICE_NOTE_DIGIT_CHANGED;
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
	} else if (k.code == PKEY_CHAR && k.ch == ' ') {
		pick(st, cur);
	} else if (k.code == PKEY_ENTER && none) {
		pick(st, cur);
		st->note = PRACTICE_NOTE_ENTER_PICKED;
	} else if (k.code == PKEY_ENTER) {
		st->note = PRACTICE_NOTE_ENTER_ON_ITEMS;
		return PRACTICE_IGNORED;
	} else {
		return PRACTICE_IGNORED;
	}
	return PRACTICE_CHANGED;
}

/* A box: Space ticks.  Enter presses no button here (novice test: Enter on "Remember me"
 * passed a login without reaching "Log in"): it says what Space and Tab do. */
static enum practice_effect check_key(struct practice_state *st, struct practice_key k)
{
	if (k.code == PKEY_CHAR && k.ch == ' ') {
		st->checked[st->focus] = !st->checked[st->focus];
		return PRACTICE_CHANGED;
	}
	if (k.code == PKEY_ENTER)
		st->note = PRACTICE_NOTE_CHECK;
	return PRACTICE_IGNORED;
}

/* The note for a key that widget kind cannot take, when it has nowhere else to go. */
static enum practice_note cannot_take(enum widget_kind kind)
{
	switch (kind) {
	case WIDGET_CHECK:
		return PRACTICE_NOTE_CHECK;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		return PRACTICE_NOTE_LIST_KEY;
	case WIDGET_BUTTON:
		return PRACTICE_NOTE_ON_BUTTON;
	default:
		return PRACTICE_NOTE_NONE;
	}
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
			e = check_key(st, k);
			break;
		case WIDGET_CHOICE:
		case WIDGET_LIST:
			e = items_key(st, k);
			break;
		default:
			break;
		}
		/* It does not take this key (a letter on a list): the focus shows where to go,
		 * and a note what that widget takes. */
		if (e == PRACTICE_IGNORED && st->note == PRACTICE_NOTE_NONE)
			st->note = cannot_take(st->p->widgets[t].kind);
		return e != PRACTICE_IGNORED ? e : PRACTICE_MOVED;
	}
	/* Everything right already, and a digit no item of the list has ("0", "5" on three
	 * times): a number meant for the list, not for the field above, where it spoiled a name
	 * that was right without a word (novice test r17).  The note says what the list takes. */
	if (k.code == PKEY_CHAR && k.ch >= '0' && k.ch <= '9' &&
	    (st->p->widgets[from].kind == WIDGET_LIST || st->p->widgets[from].kind == WIDGET_CHOICE))
		return PRACTICE_IGNORED;
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

/* Is k a key the learner meant to do something with (not an arrow at the end of a list)? */
static bool named_key(struct practice_key k)
{
	return k.code == PKEY_CHAR || k.code == PKEY_ENTER || k.code == PKEY_BACKSPACE ||
	       k.code == PKEY_DELETE;
}

enum practice_effect practice_keys_handle(struct practice_state *st, struct practice_key k,
                                          size_t *button)
{
	enum practice_effect e = PRACTICE_IGNORED;
	enum widget_kind kind;

	st->note = PRACTICE_NOTE_NONE;
	st->enter_in_field = false;
	if (st->p->count == 0)
		return PRACTICE_IGNORED;
	if (focus_key(st, k))
		return PRACTICE_MOVED;
	kind = focused(st)->kind;
	switch (kind) {
	case WIDGET_FIELD:
		e = field_key(st, k, button);
		if (e == PRACTICE_IGNORED && st->text[st->focus].len == 0 &&
		    (k.code == PKEY_BACKSPACE || k.code == PKEY_DELETE))
			st->note = PRACTICE_NOTE_FIELD_EMPTY;
		return e;
	case WIDGET_CHECK:
		e = check_key(st, k);
		break;
	case WIDGET_CHOICE:
	case WIDGET_LIST:
		e = items_key(st, k);
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
	if (e != PRACTICE_IGNORED || st->note != PRACTICE_NOTE_NONE)
		return e;
	e = redirect(st, k, button);
	/* Nowhere sensible to go: say so rather than do nothing (novice test: Space on a
	 * button, after the hint said "press Space for the tick"). */
	if (e == PRACTICE_IGNORED && named_key(k) && st->note == PRACTICE_NOTE_NONE)
		st->note = cannot_take(kind);
	return e;
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

/* A list of times or dates: "show me" types how the item to pick begins: its leading digits
 * ("10" for "10:00", "17" for "17.03, 11:00"), which need no Shift, or when they pick another
 * item, the digits with the marks between them ("10:30" beside "10:00").  False when neither
 * picks it (then the arrows do). */
static bool typed_keys(struct keys *ks, const struct widget *w)
{
	const char *item = w->items[w->must];
	size_t digits = 0, n = 0;

	while (n + 1 < PRACTICE_TYPED_MAX &&
	       ((item[n] >= '0' && item[n] <= '9') ||
	        (n > 0 && item[n] && strchr(":.,", item[n]) && item[n + 1] >= '0' &&
	         item[n + 1] <= '9'))) {
		if (digits == n && item[n] >= '0' && item[n] <= '9')
			digits++;
		n++;
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t len = pass == 0 ? digits : n;
		char lead[PRACTICE_TYPED_MAX];

		if (len == 0)
			continue;
		memcpy(lead, item, len);
		lead[len] = '\0';
		if (item_starting(w, lead) != w->must)
			continue;
		for (size_t i = 0; i < len; i++)
			add_key(ks, PKEY_CHAR, (uint8_t)lead[i]);
		return true;
	}
	return false;
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
		if (practice_keys_typed_items(w) && typed_keys(ks, w))
			break;
		if (w->must < 9 && !practice_keys_typed_items(w)) {
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
