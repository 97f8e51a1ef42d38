/* ui_report: the lessons report (report.h) as a table in the trainer menu: per lesson and
 * language, how many learners started and completed it, the completion rate and the median
 * minutes to complete.  The same figures as `kiosk export`, from this kiosk's database. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* The widths add up to 80 columns with the gaps: the smallest screen. */
struct column {
	const char *field;    /* the report's column name */
	const char *heading;  /* N_(): translated when drawn */
	int width;            /* display columns */
	bool right;           /* numbers align right */
};

static const struct column columns[] = {
	{ "lesson_title", N_("Lesson"), 26, false },
	{ "language", N_("Language"), 6, false },
	{ "learners_started", N_("Started"), 10, true },
	{ "learners_completed", N_("Completed"), 10, true },
	{ "completion_rate", N_("Rate"), 6, true },
	{ "median_minutes_to_complete", N_("Minutes"), 8, true },
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* The screen's state, created in enter and freed in leave. */
struct report_screen {
	struct report *report;
	size_t top;                 /* first row shown */
	size_t index_of[NCOLUMNS];  /* columns[c] is the report's column index_of[c] */
};

static struct report_screen *me;

static void report_enter(struct app *a)
{
	const char *paths[] = { a->db_path };
	struct report_filter all = { 0 };
	struct report_data *data = NULL;
	struct kerr err;

	me = xcalloc(1, sizeof *me);
	if (report_load(paths, 1, &data, &err) < 0 ||
	    report_build(data, a->catalog, REPORT_LESSONS, &all, &me->report, &err) < 0)
		ui_set_error(a, err.msg);
	report_data_free(data);
	for (size_t c = 0; me->report && c < NCOLUMNS; c++)
		for (size_t i = 0; i < me->report->ncols; i++)
			if (strcmp(me->report->columns[i], columns[c].field) == 0)
				me->index_of[c] = i;
}

static void report_leave(struct app *a)
{
	if (!me)
		return;
	report_free(me->report);
	free(me);
	me = NULL;
}

/* Writes s into a cell of width columns, cut or padded by display width. */
static void cell(int row, int col, const struct column *c, const char *s, int attr)
{
	size_t w = text_width(s), fit = text_fit(s, (size_t)c->width);
	int pad = c->right && (int)w < c->width ? c->width - (int)w : 0;

	attron(attr);
	mvaddnstr(row, col + pad, s, (int)fit);
	attroff(attr);
}

static void draw_row(int row, size_t r)
{
	int col = 2;

	for (size_t c = 0; c < NCOLUMNS; c++) {
		char buf[64];
		const char *s = report_cell_text(report_cell(me->report, r, me->index_of[c]), buf,
		                                 sizeof buf);

		cell(row, col, &columns[c], s, A_NORMAL);
		col += columns[c].width + 2;
	}
}

static enum ui_result scroll_rows(struct app *a, const struct ui_key *k)
{
	size_t n = me->report ? me->report->nrows : 0;

	if (k->code == UK_DOWN && me->top + 1 < n)
		me->top++;
	else if (k->code == UK_UP && me->top > 0)
		me->top--;
	else
		return UI_IGNORED;
	return UI_HANDLED;
}

static enum ui_result back(struct app *a, const struct ui_key *k)
{
	ui_go(a, SCREEN_TRAINER);
	return UI_LEAVE;
}

static const struct ui_binding keys[] = {
	{ UI_KEY(UK_UP) | UI_KEY(UK_DOWN), N_("Arrows"), N_("scroll"), scroll_rows },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back to the trainer menu"), back },
};

static void report_draw(struct app *a)
{
	int row = 3, col = 2, rows = ui_rows() - 6;

	ui_header(_("Lesson statistics"), NULL);
	ui_footer_bindings(keys, UI_COUNT(keys));
	if (!me->report)
		return;
	for (size_t c = 0; c < NCOLUMNS; c++) {
		cell(row, col, &columns[c], _(columns[c].heading), A_BOLD | A_UNDERLINE);
		col += columns[c].width + 2;
	}
	row += 2;
	if (me->report->nrows == 0)
		ui_text(row, 2, ui_cols() - 4, 2, _("No answers yet."), A_NORMAL);
	for (size_t r = me->top; r < me->report->nrows && row < 3 + 2 + rows; r++)
		draw_row(row++, r);
}

static enum ui_result report_key(struct app *a, const struct ui_key *k)
{
	return ui_dispatch(a, k, keys, UI_COUNT(keys));
}

const struct screen ui_report_screen = {
	.enter = report_enter, .leave = report_leave, .draw = report_draw, .key = report_key,
};
