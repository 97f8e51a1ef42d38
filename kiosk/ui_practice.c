/* ui_practice: see ui_practice.h. */
#include "ui_practice.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

#define DEMO_FOCUS_MS 700                     /* slow enough to follow with the eyes */
#define DEMO_TYPE_MS 180

static struct practice_state st;
static bool is_open;

void ui_practice_open(const struct practice *p)
{
	if (is_open)
		practice_state_free(&st);
	practice_state_init(&st, p);
	is_open = true;
}

const struct practice_state *ui_practice_state(void)
{
	return &st;
}

static bool focused(size_t i)
{
	return st.focus == i;
}

static int focus_attr(size_t i)
{
	return focused(i) ? ui_attr(UI_SELECTED) : (int)A_BOLD;
}

/* "> " in front of the focused widget: the focus shows even without colours. */
static void marker(int row, int col, size_t i)
{
	mvaddstr(row, col, focused(i) ? ">" : " ");
}

static void put(int row, int col, int cols, const char *s, int attr)
{
	attron(attr);
	mvaddnstr(row, col, s, (int)text_fit(s, (size_t)cols));
	attroff(attr);
}

static int draw_field(const struct widget *w, size_t i, int row, int col)
{
	char *label = xasprintf("%s:", w->label);

	marker(row, col, i);
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_LABEL_COLS + 1, label, focus_attr(i));  /* + : */
	ui_field(row, col + PRACTICE_FIELD_X, PRACTICE_FIELD_COLS, &st.text[i]);
	if (!focused(i))
		ui_cursor(-1, 0);
	free(label);
	return 1;
}

static int draw_check(const struct widget *w, size_t i, int row, int col)
{
	char *s = xasprintf("[%s] %s", st.checked[i] ? "x" : " ", w->label);

	marker(row, col, i);
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_WIDGET_COLS, s, focus_attr(i));
	free(s);
	return 1;
}

/* Choices and lists: the label, then one row per item; the picked one is marked, the
 * highlighted one shows where Left/Right or Enter acts. */
static int draw_items(const struct widget *w, size_t i, int row, int col)
{
	marker(row, col, i);
	put(row, col + PRACTICE_WIDGET_X, PRACTICE_WIDGET_COLS, w->label, focus_attr(i));
	for (size_t j = 0; j < w->item_count; j++) {
		bool picked = st.picked[i] == j;
		const char *mark = w->kind == WIDGET_CHOICE ? (picked ? "(*)" : "( )")
		                                            : (picked ? "[*]" : "[ ]");
		char *s = xasprintf("%zu. %s %s", j + 1, mark, w->items[j]);
		int attr = focused(i) && st.cursor[i] == j ? ui_attr(UI_SELECTED) : (int)A_NORMAL;

		put(row + 1 + (int)j, col + PRACTICE_ITEM_X, PRACTICE_ITEM_ROW_COLS, s, attr);
		free(s);
	}
	return 1 + (int)w->item_count;
}

static void draw_buttons(int row, int col)
{
	const struct practice *p = st.p;
	int x = col + PRACTICE_WIDGET_X;

	for (size_t i = 0; i < p->count; i++) {
		char *s;

		if (p->widgets[i].kind != WIDGET_BUTTON)
			continue;
		s = xasprintf("[ %s ]", p->widgets[i].label);
		if (focused(i))
			mvaddstr(row, x - PRACTICE_WIDGET_X, ">");
		put(row, x, PRACTICE_INNER_COLS - (x - col), s, focus_attr(i));
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

int ui_practice_draw(int row, int col)
{
	const struct practice *p = st.p;
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
			r += draw_field(w, i, r, inner);
			break;
		case WIDGET_CHECK:
			r += draw_check(w, i, r, inner);
			break;
		case WIDGET_CHOICE:
		case WIDGET_LIST:
			r += draw_items(w, i, r, inner);
			break;
		case WIDGET_BUTTON:
			break;
		}
	}
	draw_buttons(row + rows - 2, inner);
	if (p->widgets[st.focus].kind != WIDGET_FIELD)
		ui_cursor(-1, 0);
	return rows;
}

/* Left/Right, Up/Down within the items, or a digit, pick in a choice or list. */
static bool items_key(const struct widget *w, const struct ui_key *k)
{
	size_t *cur = &st.cursor[st.focus];
	int d = ui_digit(k, w->item_count);

	if (d >= 0) {
		*cur = (size_t)d;
	} else if ((k->code == UK_LEFT || k->code == UK_RIGHT) &&
	           st.picked[st.focus] == PRACTICE_NONE) {
		/* the first arrow picks the highlighted item rather than skipping past it */
	} else if (k->code == UK_LEFT) {
		*cur = *cur > 0 ? *cur - 1 : w->item_count - 1;
	} else if (k->code == UK_RIGHT) {
		*cur = *cur + 1 < w->item_count ? *cur + 1 : 0;
	} else if (k->code == UK_ENTER || (k->code == UK_CHAR && k->ch == ' ')) {
		/* picks the highlighted item, below */
	} else {
		return false;
	}
	st.picked[st.focus] = *cur;
	return true;
}

bool ui_practice_key(const struct ui_key *k, size_t *button)
{
	const struct widget *w = &st.p->widgets[st.focus];

	if (k->code == UK_TAB || k->code == UK_DOWN) {
		practice_focus_next(&st);
	} else if (k->code == UK_BACKTAB || k->code == UK_UP) {
		practice_focus_prev(&st);
	} else if (w->kind == WIDGET_BUTTON && k->code == UK_ENTER) {
		*button = st.focus;
		return true;
	} else if (w->kind == WIDGET_FIELD) {
		if (k->code == UK_ENTER)
			practice_focus_next(&st);
		else
			ui_edit_key(&st.text[st.focus], k);
	} else if (w->kind == WIDGET_CHECK) {
		if (k->code == UK_ENTER || (k->code == UK_CHAR && k->ch == ' '))
			st.checked[st.focus] = !st.checked[st.focus];
	} else if (w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST) {
		items_key(w, k);
	}
	return false;
}

/* Waits ms, or less when a key arrives; true when one did (it stops the demonstration). */
static bool pause_or_key(int ms)
{
	int c;

	timeout(ms);
	c = getch();
	timeout(500);
	return c != ERR;
}

void ui_practice_show_me(struct app *a, void (*redraw)(struct app *a))
{
	struct practice_move *moves = NULL;
	size_t n = practice_demo(st.p, &moves);

	practice_state_reset(&st);
	for (size_t i = 0; i < n; i++) {
		practice_apply(&st, &moves[i]);
		redraw(a);
		if (pause_or_key(moves[i].action == MOVE_TYPE ? DEMO_TYPE_MS : DEMO_FOCUS_MS))
			break;
	}
	pause_or_key(DEMO_FOCUS_MS);
	free(moves);
	practice_state_reset(&st);  /* now the learner does it themselves */
}
