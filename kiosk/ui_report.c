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

static struct report *report;
static size_t top;
static size_t index_of[NCOLUMNS];

static void report_enter(struct app *a)
{
	const char *paths[] = { a->db_path };
	struct report_filter all = { 0 };
	struct report_data *data = NULL;
	struct kerr err;

	report_free(report);
	report = NULL;
	top = 0;
	if (report_load(paths, 1, &data, &err) < 0 ||
	    report_build(data, a->catalog, REPORT_LESSONS, &all, &report, &err) < 0)
		ui_set_error(a, err.msg);
	report_data_free(data);
	for (size_t c = 0; report && c < NCOLUMNS; c++)
		for (size_t i = 0; i < report->ncols; i++)
			if (strcmp(report->columns[i], columns[c].field) == 0)
				index_of[c] = i;
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
		const char *s = report_cell_text(report_cell(report, r, index_of[c]), buf, sizeof buf);

		cell(row, col, &columns[c], s, A_NORMAL);
		col += columns[c].width + 2;
	}
}

static void report_draw(struct app *a)
{
	int row = 3, col = 2, rows = ui_rows() - 6;

	ui_header(_("Lesson statistics"), NULL);
	if (!report)
		return;
	for (size_t c = 0; c < NCOLUMNS; c++) {
		cell(row, col, &columns[c], _(columns[c].heading), A_BOLD | A_UNDERLINE);
		col += columns[c].width + 2;
	}
	row += 2;
	if (report->nrows == 0)
		ui_text(row, 2, ui_cols() - 4, 2, _("No answers yet."), A_NORMAL);
	for (size_t r = top; r < report->nrows && row < 3 + 2 + rows; r++)
		draw_row(row++, r);
	ui_footer(_("Arrows: scroll   Esc: back to the trainer menu"));
}

static void report_key_do(struct app *a, const struct ui_key *k)
{
	size_t n = report ? report->nrows : 0;

	if (k->code == UK_ESC)
		ui_go(a, SCREEN_TRAINER);
	else if (k->code == UK_DOWN && top + 1 < n)
		top++;
	else if (k->code == UK_UP && top > 0)
		top--;
}

static enum ui_result report_key(struct app *a, const struct ui_key *k)
{
	report_key_do(a, k);
	return ui_result_of(a);
}

const struct screen ui_report_screen = {
	.enter = report_enter, .draw = report_draw, .key = report_key,
};
