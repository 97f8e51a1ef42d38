/* ui_report: the trainer's lesson statistics, from this kiosk's database (the same figures as
 * `kiosk export`: the lessons and steps reports of report.h).  Two views within 80x24:
 *   - the lessons: per lesson and set, started, completed, a bar of completed (█) within
 *     started (░) against the most-started lesson, the completion rate and median minutes;
 *     the arrows choose a lesson (the list scrolls), Enter opens it;
 *   - its steps: learners who reached each step as a bar, those who stopped there, right at
 *     the first try and with a hint; ▲ marks the hard steps (the fewest right at the first
 *     try, the most hints), as in the html page.  Esc goes back to the lessons.
 * Bars use only █ ▌ ░, which every console font has (CP437), and read without colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "curses_dl.h"
#include "i18n.h"
#include "isotime.h"
#include "layout.h"
#include "report.h"
#include "text.h"
#include "ui.h"
#include "util.h"

struct column {
	const char *field;    /* the report's column name, or NULL for the bar */
	const char *heading;  /* N_(): translated when drawn */
	int width;            /* display columns */
	bool right;           /* numbers align right */
};

/* The widths add up to 80 columns with the gaps: the smallest screen. */
static const struct column lesson_cols[] = {
	{ "lesson_title", N_("Lesson"), 18, false },
	{ "language", N_("Language"), 4, false },
	{ "learners_started", N_("Started"), 8, true },
	{ "learners_completed", N_("Completed"), 8, true },
	{ NULL, "", 15, false },
	{ "completion_rate", N_("Rate"), 5, true },
	/* TRANSLATORS: minutes:seconds, the heading of a column of times such as 12:05. */
	{ "median_minutes_to_complete", N_("m:ss"), 7, true },
};
static const struct column step_cols[] = {
	{ "step_index", N_("Step"), 6, false },
	{ "learners_reached", N_("Reached"), 8, true },
	{ NULL, "", 26, false },
	/* TRANSLATORS: short column headings (8-9 columns) of the trainer's step chart:
	 * learners who stopped at the step, right at the first try, given a hint. */
	{ "learners_stopped_here", N_("Stopped"), 8, true },
	{ "first_try_success_rate", N_("1st try"), 9, true },
	{ "hint_rate", N_("Hints"), 9, true },
};
#define NLESSON_COLS (sizeof lesson_cols / sizeof *lesson_cols)
#define NSTEP_COLS (sizeof step_cols / sizeof *step_cols)

/* The screen's state, created in enter and freed in leave. */
struct report_screen {
	struct report *lessons, *steps;
	size_t lesson_idx[NLESSON_COLS], step_idx[NSTEP_COLS];  /* the reports' columns */
	size_t sel, top;              /* the chosen lesson; the first lesson row shown */
	bool in_steps;                /* the steps view of the chosen lesson */
	size_t step_first, step_n;    /* its rows in the steps report */
	size_t step_top;              /* the first step shown */
	size_t hard_ok, hard_hint;    /* its hard steps (rows), or SIZE_MAX */
	bool this_month;              /* only this calendar month (local time), else all time */
	int64_t month_start_ms;       /* its first moment */
};

static struct report_screen *me;

/* Each wanted column's index in r (the report names its columns). */
static void find_columns(const struct report *r, const struct column *c, size_t n, size_t *idx)
{
	for (size_t k = 0; r && k < n; k++)
		for (size_t i = 0; c[k].field && i < r->ncols; i++)
			if (strcmp(r->columns[i], c[k].field) == 0)
				idx[k] = i;
}

/* The first moment of this calendar month in local time (the trainer's month). */
static int64_t month_start(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm))
		return 0;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

/* Both reports for the period chosen, from one pass over the events. */
static void load(struct app *a)
{
	struct report_filter filter = { 0 };
	struct report_data *data = NULL;
	struct kerr err;
	bool current = false;

	report_free(me->lessons);
	report_free(me->steps);
	me->lessons = me->steps = NULL;
	me->sel = me->top = 0;
	if (me->this_month) {
		filter.has_since = true;
		filter.since_ms = me->month_start_ms = month_start();
	}
	/* All time: the running totals the kiosk keeps with every answer (the same rows). */
	if (!me->this_month && report_build_totals(a->store, a->db_path, a->catalog,
	                                           &me->lessons, &me->steps, &current, &err) < 0) {
		ui_set_error(a, err.msg);
	} else if (me->this_month || !current) {
		/* This month (the events of the learners and lessons with one this month, which
		 * the totals know), or totals that lag behind the events (every event): on the
		 * kiosk's own connection, with no second open of the file on every visit. */
		if (report_load_store(a->store, a->db_path, &data, &err) < 0 ||
		    report_build_lessons_steps(data, a->catalog, &filter, &me->lessons, &me->steps,
		                               &err) < 0)
			ui_set_error(a, err.msg);
		report_data_free(data);
	}
	find_columns(me->lessons, lesson_cols, NLESSON_COLS, me->lesson_idx);
	find_columns(me->steps, step_cols, NSTEP_COLS, me->step_idx);
}

static void report_enter(struct app *a)
{
	me = xcalloc(1, sizeof *me);
	load(a);
}

static void report_leave(struct app *a)
{
	if (!me)
		return;
	report_free(me->lessons);
	report_free(me->steps);
	free(me);
	me = NULL;
}

static double num(const struct report *r, size_t row, size_t col, bool *null)
{
	const struct cell *c = report_cell(r, row, col);

	*null = c->type != CELL_INT && c->type != CELL_REAL;
	return c->type == CELL_INT ? (double)c->i : c->type == CELL_REAL ? c->r : 0.0;
}

/* ---- drawing ---- */

/* Writes s into a cell of width columns, cut or padded by display width. */
static void cell(int row, int col, const struct column *c, const char *s, int attr)
{
	size_t w = text_width(s), fit = text_fit(s, (size_t)c->width);
	int pad = c->right && (int)w < c->width ? c->width - (int)w : 0;

	attron(attr);
	mvaddnstr(row, col + pad, s, (int)fit);
	attroff(attr);
}

/* A bar of width cells: full blocks for part, light shade up to whole, scaled to max; half
 * blocks give twice the resolution.  Reads without colour. */
static void bar(int row, int col, int width, double part, double whole, double max, int attr)
{
	int halves = max > 0 ? (int)(part / max * width * 2 + 0.5) : 0;
	int shade = max > 0 ? (int)(whole / max * width + 0.5) : 0;

	if (part > 0 && halves == 0)
		halves = 1;  /* someone did: never an empty bar */
	attron(attr);
	move(row, col);
	for (int i = 0; i < width; i++) {
		if (2 * i + 2 <= halves)
			addstr("█");
		else if (2 * i + 1 == halves)
			addstr("▌");
		else if (i < shade)
			addstr("░");
		else
			addch(' ');
	}
	attroff(attr);
}

/* A rate as "75%", "–" for none. */
static const char *pct(const struct report *r, size_t row, size_t col, char *buf, size_t n)
{
	bool null;
	double v = num(r, row, col, &null);

	if (null)
		return "–";
	snprintf(buf, n, "%.0f%%", v * 100.0);
	return buf;
}

/* Minutes as minutes:seconds ("12:05"), "–" for none. */
static const char *minutes(const struct report *r, size_t row, size_t col, char *buf, size_t n)
{
	bool null;
	double v = num(r, row, col, &null);
	long long secs;

	if (null)
		return "–";
	secs = (long long)(v * 60.0 + 0.5);
	snprintf(buf, n, "%lld:%02lld", secs / 60, secs % 60);
	return buf;
}

static void headings(int row, const struct column *c, size_t n)
{
	int col = 2;

	for (size_t k = 0; k < n; k++) {
		cell(row, col, &c[k], c[k].heading[0] ? _(c[k].heading) : "", A_BOLD | A_UNDERLINE);
		col += c[k].width + 2;
	}
}

static double most_started(void)
{
	double m = 1;
	bool null;

	for (size_t r = 0; r < me->lessons->nrows; r++) {
		double v = num(me->lessons, r, me->lesson_idx[2], &null);

		if (v > m)
			m = v;
	}
	return m;
}

#define TITLE_LINES_MAX 3  /* a longer title is cut on its third line */

static const char *title_of(size_t r)
{
	const struct cell *c = report_cell(me->lessons, r, me->lesson_idx[0]);

	return c->type == CELL_TEXT ? c->s : report_cell(me->lessons, r, 0)->s;  /* else the id */
}

/* Rows lesson r takes: its whole title, wrapped in the title column. */
static int lesson_height(size_t r)
{
	struct layout l;
	int n;

	layout_wrap(title_of(r), (size_t)lesson_cols[0].width, &l);
	n = l.count < 1 ? 1 : l.count > TITLE_LINES_MAX ? TITLE_LINES_MAX : (int)l.count;
	layout_free(&l);
	return n;
}

/* The title's lines after the first, under it (the figures are on the first line). */
static void draw_title_rest(int row, size_t r, int attr)
{
	struct layout l;

	layout_wrap(title_of(r), (size_t)lesson_cols[0].width, &l);
	for (size_t i = 1; i < l.count && i < TITLE_LINES_MAX; i++)
		cell(row + (int)i, 2, &lesson_cols[0], l.line[i], attr);
	if (l.count > 0)
		cell(row, 2, &lesson_cols[0], l.line[0], attr);
	layout_free(&l);
}

static int draw_lesson(int row, size_t r, double max)
{
	int col = 2, attr = r == me->sel ? A_REVERSE : A_NORMAL;
	bool null;

	if (r == me->sel)
		mvaddstr(row, 0, "►");  /* the chosen lesson, also without reverse video */

	for (size_t c = 0; c < NLESSON_COLS; c++) {
		char buf[64];
		const char *s;

		if (!lesson_cols[c].field) {
			bar(row, col, lesson_cols[c].width, num(me->lessons, r, me->lesson_idx[3], &null),
			    num(me->lessons, r, me->lesson_idx[2], &null), max, attr);
		} else {
			if (c == 0) {
				draw_title_rest(row, r, attr);
				col += lesson_cols[c].width + 2;
				continue;
			} else if (c == 5)
				s = pct(me->lessons, r, me->lesson_idx[c], buf, sizeof buf);
			else if (c == 6)
				s = minutes(me->lessons, r, me->lesson_idx[c], buf, sizeof buf);
			else
				s = report_cell_text(report_cell(me->lessons, r, me->lesson_idx[c]), buf,
				                     sizeof buf);
			cell(row, col, &lesson_cols[c], s, attr);
		}
		col += lesson_cols[c].width + 2;
	}
	return lesson_height(r);
}

static int list_rows(void)
{
	return ui_rows() - 6;  /* header, period, headings, footer */
}

static void draw_period(void)
{
	char *line;

	if (me->this_month) {
		char from[64];

		if (isotime_format_local(me->month_start_ms, from, sizeof from) < 0)
			from[0] = '\0';
		from[10] = '\0';  /* the date is enough */
		line = xasprintf(_("Period: this month, from %s (Left and Right: all time)"), from);
	} else {
		line = xstrdup(_("Period: all time (Left and Right: this month)"));
	}
	ui_text(2, 2, ui_cols() - 4, 1, line, A_BOLD);
	free(line);
}

static void draw_lessons(void)
{
	int row = 4, rows = list_rows();
	double max = most_started();

	headings(3, lesson_cols, NLESSON_COLS);
	if (me->lessons->nrows == 0)
		ui_text(row, 2, ui_cols() - 4, 2,
		        me->this_month ? _("No answers this month yet.") : _("No answers yet."),
		        A_NORMAL);
	for (size_t r = me->top; r < me->lessons->nrows; r++) {
		if (row + lesson_height(r) > 4 + rows)
			break;
		row += draw_lesson(row, r, max);
	}
}

static const char *text_at(const struct report *r, size_t row, const char *column)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->columns[i], column) == 0)
			return report_cell(r, row, i)->type == CELL_TEXT ? report_cell(r, row, i)->s :
			       "";
	return "";
}

/* The chosen lesson's steps (consecutive in the steps report) and its hard steps. */
static void open_steps(void)
{
	const char *id = text_at(me->lessons, me->sel, "lesson_id");
	const char *set = text_at(me->lessons, me->sel, "language");
	struct report_hard hard;

	me->step_first = me->step_n = me->step_top = 0;
	for (size_t r = 0; r < me->steps->nrows; r++) {
		if (strcmp(text_at(me->steps, r, "lesson_id"), id) != 0 ||
		    strcmp(text_at(me->steps, r, "language"), set) != 0)
			continue;
		if (me->step_n++ == 0)
			me->step_first = r;
	}
	/* The same rule as the html page (report_hard_add). */
	report_hard_init(&hard);
	for (size_t r = me->step_first; r < me->step_first + me->step_n; r++) {
		bool ok_null, hint_null;
		double ok = num(me->steps, r, me->step_idx[4], &ok_null);
		double hint = num(me->steps, r, me->step_idx[5], &hint_null);

		report_hard_add(&hard, r, ok_null, ok, hint_null, hint);
	}
	me->hard_ok = hard.low_ok;
	me->hard_hint = hard.high_hint;
	me->in_steps = true;
}

static void draw_step(int row, size_t r, double started)
{
	int col = 2;
	bool null;

	for (size_t c = 0; c < NSTEP_COLS; c++) {
		char buf[64];

		if (!step_cols[c].field) {
			double reached = num(me->steps, r, me->step_idx[1], &null);

			bar(row, col, step_cols[c].width, reached, reached, started, A_NORMAL);
		} else if (c == 0) {
			snprintf(buf, sizeof buf, "%3lld %s",
			         (long long)num(me->steps, r, me->step_idx[0], &null) + 1,
			         r == me->hard_ok || r == me->hard_hint ? "▲" : "");
			cell(row, col, &step_cols[c], buf,
			     r == me->hard_ok || r == me->hard_hint ? A_BOLD : A_NORMAL);
		} else if (c >= 4) {
			cell(row, col, &step_cols[c], pct(me->steps, r, me->step_idx[c], buf, sizeof buf),
			     A_NORMAL);
		} else {
			cell(row, col, &step_cols[c],
			     report_cell_text(report_cell(me->steps, r, me->step_idx[c]), buf,
			                      sizeof buf),
			     A_NORMAL);
		}
		col += step_cols[c].width + 2;
	}
}

static int step_rows(void)
{
	return ui_rows() - 9;  /* header, lesson, headings, legend, footer */
}

static void draw_steps(void)
{
	const char *title = text_at(me->lessons, me->sel, "lesson_title");
	char *line = xasprintf("%s (%s)",
	                       *title ? title : text_at(me->lessons, me->sel, "lesson_id"),
	                       text_at(me->lessons, me->sel, "language"));
	bool null;
	double started = num(me->lessons, me->sel, me->lesson_idx[2], &null);
	int row = 6;

	ui_text(3, 2, ui_cols() - 4, 1, line, A_BOLD);
	free(line);
	headings(4, step_cols, NSTEP_COLS);
	if (me->step_n == 0 || started == 0)
		ui_text(row, 2, ui_cols() - 4, 2, _("Nobody has started this lesson yet."), A_NORMAL);
	for (size_t r = me->step_top; started > 0 && r < me->step_n && row < 6 + step_rows(); r++)
		draw_step(row++, me->step_first + r, started);
	ui_text(ui_rows() - 3, 2, ui_cols() - 4, 1,
	        _("▲ a hard step: the fewest right at the first try, or the most hints"), A_NORMAL);
}

/* ---- keys ---- */

/* Rows from the top lesson down to and with the chosen one. */
static int rows_to_sel(void)
{
	int n = 0;

	for (size_t r = me->top; r <= me->sel; r++)
		n += lesson_height(r);
	return n;
}

static void keep_in_view(void)
{
	if (me->sel < me->top)
		me->top = me->sel;
	while (me->top < me->sel && rows_to_sel() > list_rows())
		me->top++;
}

static enum ui_result choose(struct app *a, const struct ui_key *k)
{
	size_t n = me->lessons ? me->lessons->nrows : 0;

	if (k->code == UK_DOWN && me->sel + 1 < n)
		me->sel++;
	else if (k->code == UK_UP && me->sel > 0)
		me->sel--;
	else
		return UI_IGNORED;
	keep_in_view();
	return UI_HANDLED;
}

static enum ui_result open_lesson(struct app *a, const struct ui_key *k)
{
	if (!me->lessons || me->lessons->nrows == 0 || !me->steps)
		return UI_IGNORED;
	open_steps();
	return UI_HANDLED;
}

static enum ui_result switch_period(struct app *a, const struct ui_key *k)
{
	me->this_month = !me->this_month;
	load(a);
	return UI_HANDLED;
}

static enum ui_result back(struct app *a, const struct ui_key *k)
{
	ui_go(a, SCREEN_TRAINER);
	return UI_LEAVE;
}

static enum ui_result scroll_steps(struct app *a, const struct ui_key *k)
{
	size_t rows = (size_t)(step_rows() > 1 ? step_rows() : 1);

	if (k->code == UK_DOWN && me->step_top + rows < me->step_n)
		me->step_top++;
	else if (k->code == UK_UP && me->step_top > 0)
		me->step_top--;
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

static enum ui_result close_steps(struct app *a, const struct ui_key *k)
{
	me->in_steps = false;
	return UI_HANDLED;
}

static const struct ui_binding lesson_keys[] = {
	{ UI_KEY(UK_UP) | UI_KEY(UK_DOWN), N_("Arrows"), N_("choose a lesson"), choose },
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("its steps"), open_lesson },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back to the trainer menu"), back },
	/* Named on the period's line above the chart, where the footer has no room. */
	{ UI_KEY(UK_LEFT) | UI_KEY(UK_RIGHT), NULL, NULL, switch_period },
};

static const struct ui_binding step_keys[] = {
	{ UI_KEY(UK_UP) | UI_KEY(UK_DOWN), N_("Arrows"), N_("scroll"), scroll_steps },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back to the lessons"), close_steps },
};

static void report_draw(struct app *a)
{
	ui_header(_("Lesson statistics"), NULL);
	if (me->in_steps)
		ui_footer_bindings(step_keys, UI_COUNT(step_keys));
	else
		ui_footer_bindings(lesson_keys, UI_COUNT(lesson_keys));
	if (!me->lessons || !me->steps)
		return;
	if (me->in_steps) {
		draw_steps();
	} else {
		draw_period();
		draw_lessons();
	}
}

static enum ui_result report_key(struct app *a, const struct ui_key *k)
{
	if (me->in_steps)
		return ui_dispatch(a, k, step_keys, UI_COUNT(step_keys));
	return ui_dispatch(a, k, lesson_keys, UI_COUNT(lesson_keys));
}

const struct screen ui_report_screen = {
	.enter = report_enter, .leave = report_leave, .draw = report_draw, .key = report_key,
	.purpose = N_("For trainers: how the learners did in each lesson."),
};
