/* ui_practice: see ui_practice.h. */
#include "ui_practice.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

#include "curses_dl.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* "Show me" is for people who have never used a keyboard: slow enough to read the caption
 * and follow the focus with the eyes.  Letters go a little faster, or a sentence would take
 * half a minute. */
#define DEMO_KEY_MS 1500
#define DEMO_LETTER_MS 600

struct ui_practice {
	struct practice_state st;
	struct practice_key *demo;  /* "show me": the keys, NULL when not playing */
	size_t demo_count, demo_next;
	double demo_due;            /* ui_now() when the next demo key is pressed */
	char *caption;              /* names the key just pressed, or NULL */
};

struct ui_practice *ui_practice_new(const struct practice *p)
{
	struct ui_practice *u = xcalloc(1, sizeof *u);

	practice_state_init(&u->st, p);
	return u;
}

void ui_practice_free(struct ui_practice *u)
{
	if (!u)
		return;
	practice_state_free(&u->st);
	free(u->demo);
	free(u->caption);
	free(u);
}

struct practice_state *ui_practice_state(struct ui_practice *u)
{
	return &u->st;
}

static bool focused(const struct practice_state *st, size_t i)
{
	return st->focus == i;
}

static int focus_attr(const struct practice_state *st, size_t i)
{
	return focused(st, i) ? ui_attr(UI_SELECTED) : (int)A_BOLD;
}

/* "> " in front of the focused widget: the focus shows even without colours. */
static void marker(const struct practice_state *st, int row, int col, size_t i)
{
	mvaddstr(row, col, focused(st, i) ? ">" : " ");
}

static void put(int row, int col, int cols, const char *s, int attr)
{
	attron(attr);
	mvaddnstr(row, col, s, (int)text_fit(s, (size_t)cols));
	attroff(attr);
}

static int draw_field(const struct practice_state *st, const struct widget *w, size_t i,
                      int row, int col)
{
	char *label = xasprintf("%s:", w->label);

	marker(st, row, col, i);
	/* + 1: the colon */
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_LABEL_COLS + 1, label, focus_attr(st, i));
	ui_field_focus(row, col + PRACTICE_FIELD_X, PRACTICE_FIELD_COLS, &st->text[i],
	               focused(st, i));
	free(label);
	return 1;
}

static int draw_check(const struct practice_state *st, const struct widget *w, size_t i,
                      int row, int col)
{
	char *s = xasprintf("[%s] %s", st->checked[i] ? "x" : " ", w->label);

	marker(st, row, col, i);
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_WIDGET_COLS, s, focus_attr(st, i));
	free(s);
	return 1;
}

/* Choices and lists: the label, then one row per item; the picked one is marked, the
 * highlighted one shows where Left/Right or Enter acts. */
static int draw_items(const struct practice_state *st, const struct widget *w, size_t i,
                      int row, int col)
{
	marker(st, row, col, i);
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_WIDGET_COLS, w->label, focus_attr(st, i));
	for (size_t j = 0; j < w->item_count; j++) {
		bool picked = st->picked[i] == j;
		/* Both kinds pick one item: round marks, so that they never look like the
		 * square tick boxes of which any number may be ticked. */
		const char *mark = picked ? "(*)" : "( )";
		char *s = xasprintf("%zu. %s %s", j + 1, mark, w->items[j]);
		bool lit = focused(st, i) && st->cursor[i] == j;
		int attr = lit ? ui_attr(UI_SELECTED) : (int)A_NORMAL;

		put(row + 1 + (int)j, col + PRACTICE_ITEM_X, PRACTICE_ITEM_ROW_COLS, s, attr);
		free(s);
	}
	return 1 + (int)w->item_count;
}

static void draw_buttons(const struct practice_state *st, int row, int col)
{
	const struct practice *p = st->p;
	int x = col + PRACTICE_WIDGET_X;

	for (size_t i = 0; i < p->count; i++) {
		char *s;

		if (p->widgets[i].kind != WIDGET_BUTTON)
			continue;
		s = xasprintf("[ %s ]", p->widgets[i].label);
		if (focused(st, i))
			mvaddstr(row, x - PRACTICE_WIDGET_X, ">");
		put(row, x, PRACTICE_INNER_COLS - (x - col), s, focus_attr(st, i));
		x += (int)text_width(s) + PRACTICE_BUTTON_GAP;
		free(s);
	}
}

static void draw_frame(int row, int col, int rows)
{
	mvaddch(row, col, ACS_ULCORNER);
	mvhline(row, col + 1, ACS_HLINE, PRACTICE_FRAME_COLS - 2);
	mvaddch(row, col + PRACTICE_FRAME_COLS - 1, ACS_URCORNER);
	for (int r = 1; r < rows - 1; r++) {
		mvaddch(row + r, col, ACS_VLINE);
		mvaddch(row + r, col + PRACTICE_FRAME_COLS - 1, ACS_VLINE);
	}
	mvaddch(row + rows - 1, col, ACS_LLCORNER);
	mvhline(row + rows - 1, col + 1, ACS_HLINE, PRACTICE_FRAME_COLS - 2);
	mvaddch(row + rows - 1, col + PRACTICE_FRAME_COLS - 1, ACS_LRCORNER);
}

int ui_practice_draw(struct ui_practice *u, int row, int col)
{
	const struct practice *p = u->st.p;
	int rows = (int)practice_rows(p), r = row + 1, inner = col + 2;

	draw_frame(row, col, rows);
	attron(ui_attr(UI_TITLE));
	mvhline(r, col + 1, ' ', PRACTICE_FRAME_COLS - 2);
	attroff(ui_attr(UI_TITLE));
	put(r++, inner, PRACTICE_INNER_COLS, p->title, ui_attr(UI_TITLE));
	/* Plainly practice: nothing typed here goes anywhere. */
	put(r++, inner, PRACTICE_INNER_COLS, _("Practice: nothing you do here is sent anywhere."),
	    ui_attr(UI_HINT));
	for (size_t i = 0; i < p->count; i++) {
		const struct widget *w = &p->widgets[i];

		switch (w->kind) {
		case WIDGET_LABEL:
			put(r++, inner + PRACTICE_WIDGET_X, PRACTICE_WIDGET_COLS, w->label, A_NORMAL);
			break;
		case WIDGET_FIELD:
			r += draw_field(&u->st, w, i, r, inner);
			break;
		case WIDGET_CHECK:
			r += draw_check(&u->st, w, i, r, inner);
			break;
		case WIDGET_CHOICE:
		case WIDGET_LIST:
			r += draw_items(&u->st, w, i, r, inner);
			break;
		case WIDGET_BUTTON:
			break;
		}
	}
	draw_buttons(&u->st, row + rows - 2, inner);
	if (p->widgets[u->st.focus].kind != WIDGET_FIELD || u->demo)
		ui_cursor(-1, 0);
	return rows;
}

static struct practice_key to_practice_key(const struct ui_key *k)
{
	static const enum practice_keycode map[] = {
		[UK_CHAR] = PKEY_CHAR, [UK_ENTER] = PKEY_ENTER, [UK_TAB] = PKEY_TAB,
		[UK_BACKTAB] = PKEY_BACKTAB, [UK_UP] = PKEY_UP, [UK_DOWN] = PKEY_DOWN,
		[UK_LEFT] = PKEY_LEFT, [UK_RIGHT] = PKEY_RIGHT, [UK_HOME] = PKEY_HOME,
		[UK_END] = PKEY_END, [UK_BACKSPACE] = PKEY_BACKSPACE, [UK_DELETE] = PKEY_DELETE,
	};
	struct practice_key pk = { PKEY_OTHER, k->ch };

	if ((size_t)k->code < sizeof map / sizeof map[0] && (k->code == UK_CHAR || map[k->code]))
		pk.code = map[k->code];
	return pk;
}

enum practice_effect ui_practice_key(struct ui_practice *u, const struct ui_key *k,
                                     size_t *button)
{
	return practice_keys_handle(&u->st, to_practice_key(k), button);
}

/* ---- "show me" ---- */

/* "Tab", "Space", "1", "Й": the key as it is written on the keyboard. */
static char *demo_key_name(struct practice_key k)
{
	char buf[8];
	int n;

	switch (k.code) {
	case PKEY_TAB:
		return xstrdup("Tab");
	case PKEY_BACKTAB:
		return xstrdup("Shift + Tab");
	case PKEY_DOWN:
		/* TRANSLATORS: the Down arrow key, in "show me" captions. */
		return xstrdup(_("the Down arrow"));
	case PKEY_CHAR:
		if (k.ch == ' ')
			/* TRANSLATORS: the Space bar, as the lessons call it. */
			return xstrdup(_("Space"));
		n = u8_uctomb((uint8_t *)buf, uc_toupper(k.ch), sizeof buf - 1);
		buf[n > 0 ? n : 0] = '\0';
		if (uc_tolower(k.ch) != k.ch)  /* a capital letter: Shift is pressed with it */
			/* TRANSLATORS: "show me" caption for a capital letter: "Shift + М". */
			return xasprintf(_("Shift + %s"), buf);
		return xstrdup(buf);
	default:
		return xstrdup("?");
	}
}

void ui_practice_demo_start(struct ui_practice *u, const char *task, double now)
{
	ui_practice_demo_stop(u);
	u->demo_count = practice_keys_demo(u->st.p, task, &u->demo);
	u->demo_next = 0;
	u->demo_due = now + DEMO_KEY_MS / 1000.0;
	u->caption = xstrdup(_("Watch: I will do it slowly. Any key stops me."));
}

bool ui_practice_demo_playing(const struct ui_practice *u)
{
	return u->demo != NULL;
}

void ui_practice_demo_stop(struct ui_practice *u)
{
	free(u->demo);
	u->demo = NULL;
	u->demo_count = u->demo_next = 0;
	free(u->caption);
	u->caption = NULL;
	practice_state_reset(&u->st);  /* now the learner does it themselves */
}

const char *ui_practice_caption(const struct ui_practice *u)
{
	return u->caption;
}

/* Presses the next key of the demonstration, as the learner would. */
static void demo_press(struct ui_practice *u)
{
	struct practice_key k = u->demo[u->demo_next++];
	char *name = demo_key_name(k);
	size_t button;
	const struct widget *w = &u->st.p->widgets[u->st.focus];
	bool letter = k.code == PKEY_CHAR &&
	              (w->kind == WIDGET_FIELD || practice_keys_typed_items(w));

	free(u->caption);
	/* TRANSLATORS: "show me" caption as each key is pressed: "I press Tab". */
	u->caption = xasprintf(_("I press %s"), name);
	free(name);
	practice_keys_handle(&u->st, k, &button);
	u->demo_due += (letter ? DEMO_LETTER_MS : DEMO_KEY_MS) / 1000.0;
}

/* The caption after the last key: the demonstration ends on the button to press, named as
 * the footer names it ("Enter: presses "Save""). */
static char *demo_last_caption(const struct practice_state *st)
{
	const struct widget *w = st->focus < st->p->count ? &st->p->widgets[st->focus] : NULL;

	if (w && w->kind == WIDGET_BUTTON)
		/* TRANSLATORS: "show me" caption at the end: "Last, Enter presses the button
		 * "Save"." */
		return xasprintf(_("Last, Enter presses the button \"%s\"."), w->label);
	return xstrdup(_("Last, Enter presses the button."));
}

int ui_practice_demo_tick(struct ui_practice *u, double now)
{
	if (!u->demo)
		return -1;
	while (u->demo && now >= u->demo_due) {
		if (u->demo_next < u->demo_count) {
			demo_press(u);
		} else if (u->demo_next == u->demo_count) {
			u->demo_next++;
			free(u->caption);
			u->caption = demo_last_caption(&u->st);
			u->demo_due += DEMO_KEY_MS / 1000.0 * 2;
		} else {
			ui_practice_demo_stop(u);
			return 0;
		}
	}
	return (int)((u->demo_due - now) * 1000) + 1;
}

/* ---- a done step shown again ---- */

/* Does st end where "show me" ends: on the task's button, which would pass if pressed? */
static bool demo_finished(const struct practice_state *st)
{
	const struct practice *p = st->p;

	return st->focus < p->count && p->widgets[st->focus].kind == WIDGET_BUTTON &&
	       p->widgets[st->focus].expected &&
	       practice_press(st, st->focus).outcome == PRACTICE_PASSED;
}

bool ui_practice_show_done(struct ui_practice *u, const char *task)
{
	struct practice_key *keys;
	struct practice_state done;
	size_t n = practice_keys_demo(u->st.p, task, &keys), button;

	if (n == 0) {
		free(keys);
		return false;
	}
	/* On a state of its own, so that a demonstration that falls short leaves the screen
	 * untouched (empty), never half filled. */
	practice_state_init(&done, u->st.p);
	for (size_t i = 0; i < n; i++)
		/* The demonstration stops on the button; should it ever press one, the press is
		 * not part of the finished form (and nothing here records it). */
		if (practice_keys_handle(&done, keys[i], &button) == PRACTICE_PRESS)
			break;
	free(keys);
	if (!demo_finished(&done)) {
		practice_state_free(&done);
		return false;
	}
	/* What the keys left for the learner's next key: nothing of it belongs to this screen. */
	done.note = PRACTICE_NOTE_NONE;
	done.enter_in_field = false;
	done.typed[0] = '\0';
	done.unmatched[0] = '\0';
	free(u->demo);
	u->demo = NULL;
	u->demo_count = u->demo_next = 0;
	free(u->caption);
	u->caption = NULL;
	practice_state_free(&u->st);
	u->st = done;
	return true;
}
