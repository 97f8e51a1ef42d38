/* report_table: a report's rows collected into a table of typed cells, for the screens that
 * show one (the trainer's statistics) and the tests; how a cell reads as text; the names of
 * the reports.  See report.h. */
#include "report.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isotime.h"

struct collector {
	struct report **out;
	size_t cap;  /* rows cells has room for */
};

static int table_begin(void *ctx, enum report_kind kind, const char *const *columns,
                       size_t ncols)
{
	struct collector *c = ctx;
	struct report *r = xcalloc(1, sizeof *r);

	r->kind = kind;
	r->ncols = ncols;
	r->columns = xmalloc((ncols ? ncols : 1) * sizeof *r->columns);
	memcpy(r->columns, columns, ncols * sizeof *columns);
	*c->out = r;
	return 0;
}

/* Copies the row; text cells get their own copy of the string. */
static int table_row(void *ctx, const struct cell *cells, size_t ncols)
{
	struct collector *c = ctx;
	struct report *r = *c->out;
	struct cell *row;

	if (r->nrows >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		r->cells = xrealloc(r->cells, c->cap * r->ncols * sizeof *r->cells);
	}
	row = &r->cells[r->nrows++ * r->ncols];
	for (size_t i = 0; i < ncols; i++) {
		row[i] = cells[i];
		if (cells[i].type == CELL_TEXT)
			row[i].s = xstrdup(cells[i].s);
	}
	return 0;
}

int report_build(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, struct report **out, struct kerr *err)
{
	struct collector col = { out, 0 };
	struct report_sink sink = { .begin = table_begin, .row = table_row, .ctx = &col };

	*out = NULL;
	if (report_write(d, c, kind, f, &sink, err) == 0)
		return 0;
	report_free(*out);
	*out = NULL;
	return -1;
}

int report_build_lessons_steps(const struct report_data *d, const struct catalog *c,
                               const struct report_filter *f, struct report **lessons,
                               struct report **steps, struct kerr *err)
{
	struct collector cl = { lessons, 0 }, cs = { steps, 0 };
	struct report_sink ls = { .begin = table_begin, .row = table_row, .ctx = &cl };
	struct report_sink ss = { .begin = table_begin, .row = table_row, .ctx = &cs };
	struct report_overview ov;

	*lessons = *steps = NULL;
	if (report_write_overview(d, c, f, &ls, &ss, &ov, err) == 0) {
		report_overview_free(&ov);
		return 0;
	}
	report_free(*lessons);
	report_free(*steps);
	*lessons = *steps = NULL;
	return -1;
}

int report_build_totals(struct store *s, const char *path, const struct catalog *c,
                        struct report **lessons, struct report **steps, bool *current,
                        struct kerr *err)
{
	struct collector cl = { lessons, 0 }, cs = { steps, 0 };
	struct report_sink ls = { .begin = table_begin, .row = table_row, .ctx = &cl };
	struct report_sink ss = { .begin = table_begin, .row = table_row, .ctx = &cs };

	*lessons = *steps = NULL;
	if (report_write_totals(s, path, c, &ls, &ss, current, err) == 0)
		return 0;
	report_free(*lessons);
	report_free(*steps);
	*lessons = *steps = NULL;
	return -1;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrows * r->ncols; i++)
		if (r->cells[i].type == CELL_TEXT)
			free(r->cells[i].s);
	free(r->cells);
	free(r->columns);
	free(r);
}

const struct cell *report_cell(const struct report *r, size_t row, size_t col)
{
	assert(row < r->nrows && col < r->ncols);
	return &r->cells[row * r->ncols + col];
}

/* Rounded to 4 decimals with integer arithmetic: printf("%f") would write "0,75" under a
 * locale with a decimal comma, and a CSV or JSON file must not depend on the locale. */
static void format_real(double v, char *buf, size_t size)
{
	int64_t q, whole, frac;
	const char *sign = "";
	int len;

	if (v >= 1e14 || v <= -1e14) {
		snprintf(buf, size, "%.0f", v);  /* no decimal point: locale-proof */
		return;
	}
	q = (int64_t)(v < 0 ? v * 10000.0 - 0.5 : v * 10000.0 + 0.5);
	if (q < 0) {
		sign = "-";
		q = -q;
	}
	whole = q / 10000;
	frac = q % 10000;
	len = snprintf(buf, size, "%s%lld.%04lld", q ? sign : "", (long long)whole,
	               (long long)frac);
	while (len > 0 && (size_t)len < size && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len > 0 && (size_t)len < size && buf[len - 1] == '.')
		buf[--len] = '\0';
}

const char *report_cell_text(const struct cell *c, char *buf, size_t size)
{
	switch (c->type) {
	case CELL_TEXT:
		return c->s;
	case CELL_INT:
		snprintf(buf, size, "%lld", (long long)c->i);
		return buf;
	case CELL_REAL:
		format_real(c->r, buf, size);
		return buf;
	case CELL_BOOL:
		snprintf(buf, size, "%s", c->b ? "true" : "false");
		return buf;
	case CELL_TIME:
		isotime_format(c->i, buf, size);
		return buf;
	case CELL_NULL:
	default:
		snprintf(buf, size, "%s", "");
		return buf;
	}
}

static const char *const kind_names[] = {
	[REPORT_LESSONS] = "lessons",
	[REPORT_LEARNERS] = "learners",
	[REPORT_STEPS] = "steps",
	[REPORT_EVENTS] = "events",
};

int report_kind_parse(const char *name, enum report_kind *out)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (name && strcmp(name, kind_names[i]) == 0) {
			*out = (enum report_kind)i;
			return 0;
		}
	}
	return -1;
}

const char *report_kind_name(enum report_kind k)
{
	return kind_names[k];
}

