/* export_xlsx: see export_xlsx.h. */
#include "export_xlsx.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "export.h"
#include "i18n.h"

#define MAX_TEXT 32767      /* characters a cell can hold (the file format's limit) */
#define HEADER_ROWS 2       /* headings in the command's language, then the English names */
#define HEADER_HEIGHT 45    /* points: room for a heading wrapped on three lines */
#define DEFAULT_WIDTH 14    /* characters */
#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD */

/* How a column of the reports (report.c) looks: its heading and width.  The English names
 * are the fixed identifiers; the headings are translated when a sheet is begun. */
struct column_look {
	const char *name;
	const char *heading;   /* N_() */
	double width;          /* characters */
};

static const struct column_look looks[] = {
	/* TRANSLATORS: spreadsheet column headings of kiosk export --format xlsx; a second row
	 * under them keeps the fixed English names. */
	{ "lesson_id", N_("Lesson ID"), 16 },
	{ "lesson_title", N_("Lesson title"), 34 },
	{ "language", N_("Lesson set"), 10 },
	{ "lang", N_("Lesson set"), 10 },
	{ "learners_started", N_("Learners who started"), 14 },
	{ "learners_completed", N_("Learners who completed"), 14 },
	{ "completion_rate", N_("Completion rate"), 14 },
	{ "median_minutes_to_complete", N_("Median minutes to complete"), 16 },
	{ "steps", N_("Steps"), 10 },
	{ "avg_attempts_per_step", N_("Average tries per step"), 14 },
	{ "step_id", N_("Step ID"), 18 },
	{ "step_text", N_("Step text (beginning)"), 44 },
	{ "step_index", N_("Step number (from 0)"), 12 },
	{ "attempts", N_("Tries"), 10 },
	{ "first_try_success_rate", N_("Right at the first try"), 14 },
	{ "hint_rate", N_("Visits with the hint shown"), 14 },
	{ "learners_reached", N_("Learners who reached the step"), 14 },
	{ "learners_stopped_here", N_("Learners who stopped here"), 14 },
	{ "learner_id", N_("Learner (pseudonym)"), 16 },
	{ "kiosk_id", N_("Kiosk ID"), 34 },
	{ "kiosk_name", N_("Kiosk name"), 30 },
	{ "name", N_("Name"), 24 },
	{ "first_seen", N_("First visit"), 20 },
	{ "last_seen", N_("Last visit"), 20 },
	{ "lessons_started", N_("Lessons started"), 12 },
	{ "lessons_completed", N_("Lessons completed"), 12 },
	{ "minutes_spent", N_("Minutes spent"), 12 },
	{ "session", N_("Session"), 10 },
	{ "kind", N_("Kind of answer"), 12 },
	{ "answer", N_("Answer typed"), 24 },
	{ "correct", N_("Correct"), 10 },
	{ "hint_shown", N_("Hint on screen"), 10 },
	{ "show_me", N_("After \"show me\""), 12 },
	{ "before_reset", N_("Before a reset"), 10 },
	{ "at", N_("Time"), 20 },
};

/* TRANSLATORS: names of the sheets of an xlsx export, one per report (at most 31
 * characters, none of [ ] : * ? / \). */
static const char *const sheet_names[] = {
	[REPORT_LESSONS] = N_("Lessons"),
	[REPORT_LEARNERS] = N_("Learners"),
	[REPORT_STEPS] = N_("Steps"),
	[REPORT_EVENTS] = N_("Answers"),
};

/* libxlsxwriter is loaded when a workbook is begun, not when the program starts: with the
 * libraries it needs (libcrypto, minizip, zlib) it would double the time and the memory the
 * kiosk takes to show its first screen, for the one command that writes spreadsheets.  The
 * functions used, called through lib: */
#define XLSX_FUNCTIONS(X) \
	X(workbook_new_opt) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) \
	X(format_set_bold) X(format_set_text_wrap) X(format_set_align) X(format_set_italic) \
	X(format_set_font_color) X(format_set_num_format) X(worksheet_set_row) \
	X(worksheet_set_column) X(worksheet_write_string) X(worksheet_freeze_panes) \
	X(worksheet_write_datetime) X(worksheet_write_number) X(worksheet_write_boolean) \
	X(lxw_strerror)

#define XLSX_POINTER(f) __typeof__(f) *f;
static struct {
	XLSX_FUNCTIONS(XLSX_POINTER)
} lib;

#ifndef XLSX_SONAME
#define XLSX_SONAME "libxlsxwriter.so.4"  /* the Makefile names the one built against */
#endif

/* Loads the library once.  Returns 0, or -1 and err. */
static int load_library(const char *name, struct kerr *err)
{
	static void *handle;
	const char *missing = NULL;

	if (handle)
		return 0;
	if (!(handle = dlopen(XLSX_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		/* TRANSLATORS: the workbook's file name, the library's, then why (from the system,
		 * in English). */
		kerr_set(err, _("cannot write %s: the spreadsheet library %s cannot be loaded (%s)"),
		         name, XLSX_SONAME, dlerror());
		return -1;
	}
#define XLSX_LOAD(f) if (!missing && !(*(void **)&lib.f = dlsym(handle, #f))) missing = #f;
	XLSX_FUNCTIONS(XLSX_LOAD)
#undef XLSX_LOAD
	if (missing) {
		kerr_set(err, _("cannot write %s: the spreadsheet library %s cannot be loaded (%s)"),
		         name, XLSX_SONAME, missing);
		dlclose(handle);
		handle = NULL;
		return -1;
	}
	return 0;
}

enum look { LOOK_PLAIN, LOOK_RATE, LOOK_DECIMAL };

struct export_xlsx {
	lxw_workbook *wb;
	char *name;                     /* for messages */
	lxw_worksheet *ws;              /* the sheet being written */
	lxw_format *heading, *english, *rate, *decimal, *time;
	enum look look[64];             /* per column of the sheet being written */
	size_t ncols;
	lxw_row_t row;                  /* next row of the sheet */
	size_t rows;                    /* data rows in all sheets */
	int64_t events;
	char error[512];
};

int export_xlsx_open(const char *path, const char *name, struct export_xlsx **out,
                     struct kerr *err)
{
	lxw_workbook_options o = { .constant_memory = LXW_TRUE };
	struct export_xlsx *x = xcalloc(1, sizeof *x);

	*out = NULL;
	if (load_library(name, err) < 0) {
		free(x);
		return -1;
	}
	x->wb = lib.workbook_new_opt(path, &o);
	if (!x->wb) {
		kerr_set(err, _("cannot write %s: %s"), name, _("cannot start the workbook"));
		free(x);
		return -1;
	}
	x->name = xstrdup(name);
	x->heading = lib.workbook_add_format(x->wb);
	lib.format_set_bold(x->heading);
	lib.format_set_text_wrap(x->heading);
	lib.format_set_align(x->heading, LXW_ALIGN_VERTICAL_TOP);
	x->english = lib.workbook_add_format(x->wb);
	lib.format_set_italic(x->english);
	lib.format_set_font_color(x->english, LXW_COLOR_GRAY);
	x->rate = lib.workbook_add_format(x->wb);
	lib.format_set_num_format(x->rate, "0.0%");
	x->decimal = lib.workbook_add_format(x->wb);
	lib.format_set_num_format(x->decimal, "0.0#");
	x->time = lib.workbook_add_format(x->wb);
	lib.format_set_num_format(x->time, "yyyy-mm-dd hh:mm:ss");
	*out = x;
	return 0;
}

static const struct column_look *look_of(const char *name)
{
	for (size_t i = 0; i < sizeof looks / sizeof looks[0]; i++)
		if (strcmp(looks[i].name, name) == 0)
			return &looks[i];
	return NULL;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

/* Text a cell can hold: valid UTF-8 with no control character but tab and line feed (an XML
 * file cannot carry them), at most MAX_TEXT bytes, never cut inside a character.  Returns s
 * or a copy the caller frees. */
static const char *cell_text(const char *s)
{
	size_t n;
	const char *v = export_clean_utf8(s, &n);
	char *out;
	size_t len = 0;

	if (n <= MAX_TEXT && !strpbrk(v, "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f"
	                               "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
	                               "\x1c\x1d\x1e\x1f"))
		return v;
	out = xmalloc(3 * n + 1);
	for (size_t i = 0; i < n && len + 3 <= MAX_TEXT; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c < 0x20 && c != '\t' && c != '\n') {
			memcpy(out + len, REPLACEMENT, 3);
			len += 3;
		} else {
			out[len++] = (char)c;
		}
	}
	while (len > 0 && ((unsigned char)out[len - 1] & 0xc0) == 0x80)
		len--;  /* a character cut at the limit: drop its pieces */
	if (len > 0 && (unsigned char)out[len - 1] >= 0xc0)
		len--;
	out[len] = '\0';
	if (v != s)
		free((char *)v);
	return out;
}

static int sheet_begin(void *ctx, enum report_kind kind, const char *const *columns,
                       size_t ncols)
{
	struct export_xlsx *x = ctx;

	x->ws = lib.workbook_add_worksheet(x->wb, _(sheet_names[kind]));
	if (!x->ws || ncols > sizeof x->look / sizeof x->look[0]) {
		snprintf(x->error, sizeof x->error, _("cannot write %s: %s"), x->name,
		         _("cannot add a sheet"));
		return -1;
	}
	x->ncols = ncols;
	x->row = 0;
	lib.worksheet_set_row(x->ws, 0, HEADER_HEIGHT, NULL);
	/* Row by row: in constant_memory mode a row is final once the next one is written. */
	for (size_t i = 0; i < ncols; i++) {
		const struct column_look *l = look_of(columns[i]);
		lxw_col_t c = (lxw_col_t)i;

		x->look[i] = ends_with(columns[i], "_rate") ? LOOK_RATE : LOOK_DECIMAL;
		lib.worksheet_set_column(x->ws, c, c, l ? l->width : DEFAULT_WIDTH, NULL);
		lib.worksheet_write_string(x->ws, 0, c, l ? _(l->heading) : columns[i], x->heading);
	}
	for (size_t i = 0; i < ncols; i++)
		lib.worksheet_write_string(x->ws, 1, (lxw_col_t)i, columns[i], x->english);
	lib.worksheet_freeze_panes(x->ws, HEADER_ROWS, 0);
	x->row = HEADER_ROWS;
	return 0;
}

/* The value the CSV file shows: rounded to 4 decimals as report_cell_text does, so that a
 * figure read from either file is the same number. */
static double csv_value(double v)
{
	if (v >= 1e14 || v <= -1e14)
		return (double)(int64_t)v;  /* report_cell_text writes no decimals there */
	return (double)(int64_t)(v < 0 ? v * 10000.0 - 0.5 : v * 10000.0 + 0.5) / 10000.0;
}

/* A moment as a date cell: the local time of the machine (TZ). */
static lxw_error write_time(struct export_xlsx *x, lxw_col_t c, int64_t ms)
{
	int64_t sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
	time_t t = (time_t)sec;
	struct tm tm;
	lxw_datetime dt;

	if (!localtime_r(&t, &tm))
		return LXW_ERROR_PARAMETER_VALIDATION;
	dt = (lxw_datetime){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	                     tm.tm_sec + (double)(ms - sec * 1000) / 1000.0 };
	return lib.worksheet_write_datetime(x->ws, x->row, c, &dt, x->time);
}

static lxw_error write_cell(struct export_xlsx *x, lxw_col_t c, const struct cell *v)
{
	lxw_format *real = x->look[c] == LOOK_RATE ? x->rate : x->decimal;
	const char *s;
	lxw_error e;

	switch (v->type) {
	case CELL_INT:
		return lib.worksheet_write_number(x->ws, x->row, c, (double)v->i, NULL);
	case CELL_REAL:
		return lib.worksheet_write_number(x->ws, x->row, c, csv_value(v->r), real);
	case CELL_BOOL:
		return lib.worksheet_write_boolean(x->ws, x->row, c, v->b, NULL);
	case CELL_TIME:
		return write_time(x, c, v->i);
	case CELL_TEXT:
		s = cell_text(v->s);
		e = lib.worksheet_write_string(x->ws, x->row, c, s, NULL);
		if (s != v->s)
			free((char *)s);
		return e;
	case CELL_NULL:
	default:
		return LXW_NO_ERROR;  /* an empty cell */
	}
}

static int sheet_row(void *ctx, const struct cell *cells, size_t ncols)
{
	struct export_xlsx *x = ctx;

	if (x->row >= LXW_ROW_MAX) {
		snprintf(x->error, sizeof x->error,
		         _("cannot write %s: the report has more rows than a spreadsheet sheet "
		           "holds (%d): choose a shorter period with --since and --until, or "
		           "use --format csv"), x->name, LXW_ROW_MAX - HEADER_ROWS);
		return -1;
	}
	for (size_t i = 0; i < ncols && i < x->ncols; i++) {
		lxw_error e = write_cell(x, (lxw_col_t)i, &cells[i]);

		if (e != LXW_NO_ERROR) {
			snprintf(x->error, sizeof x->error, _("cannot write %s: %s"), x->name,
			         lib.lxw_strerror(e));
			return -1;
		}
	}
	x->row++;
	x->rows++;
	return 0;
}

static void sheet_end(void *ctx, int64_t events)
{
	struct export_xlsx *x = ctx;

	x->events = events;
}

struct report_sink export_xlsx_sink(struct export_xlsx *x)
{
	return (struct report_sink){ .begin = sheet_begin, .row = sheet_row, .ctx = x,
	                             .end = sheet_end };
}

const char *export_xlsx_error(const struct export_xlsx *x)
{
	return x->error[0] ? x->error : NULL;
}

size_t export_xlsx_rows(const struct export_xlsx *x)
{
	return x->rows;
}

int64_t export_xlsx_events(const struct export_xlsx *x)
{
	return x->events;
}

int export_xlsx_close(struct export_xlsx *x, struct kerr *err)
{
	lxw_error e = lib.workbook_close(x->wb);
	int status = 0;

	if (e != LXW_NO_ERROR) {
		kerr_set(err, _("cannot write %s: %s"), x->name, lib.lxw_strerror(e));
		status = -1;
	}
	free(x->name);
	free(x);
	return status;
}
