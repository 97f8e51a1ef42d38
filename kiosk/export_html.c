/* export_html: see export_html.h.
 *
 * The lessons and steps reports arrive as rows (report_write_overview); they are small (one
 * per lesson and step) and kept, with each figure's CSV text, until the page is written.
 * Charts are SVG drawn in a 680-unit-wide box that scales to the page; long lists are cut
 * into several charts of at most CHART_ROWS rows so that none is taller than an A4 page. */
#include "export_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "i18n.h"
#include "isotime.h"
#include "text.h"

#define CHART_W 680
#define LABEL_W 290          /* room for a lesson's title left of its bars */
#define CHART_ROWS 18        /* bars per chart at most: one chart fits half an A4 page */
#define LABEL_COLS 30        /* characters of a title shown beside its bar */
#define KEEP_KIOSKS 40       /* kiosk rows that fit one A4 page with their heading */
#define FIG_TEXT 40          /* a figure's CSV text */

/* Okabe & Ito's palette: told apart with every common colour blindness, and light (orange)
 * against dark (blue) in grey as well. */
#define COLOUR_A "#0072B2"   /* blue: what was completed (dark in grey) */
#define COLOUR_B "#E69F00"   /* orange: who started or came (light in grey) */
#define COLOUR_MARK "#D55E00" /* vermillion: a hardest step (also marked by a symbol) */

struct fig {                  /* one figure: its value and its CSV text */
	bool null;
	double v;
	char csv[FIG_TEXT];
};

struct h_lesson {
	char *id, *title, *lang;
	struct fig started, completed, rate, median, steps, avg;
};

struct h_step {
	char *lesson, *lang, *id, *text;
	struct fig index, attempts, first_ok, hint, reached, stopped;
};

struct page {
	FILE *out;
	struct h_lesson *lessons;
	size_t nlessons, cap_lessons;
	struct h_step *steps;
	size_t nsteps, cap_steps;
	size_t col[16];           /* the current report's column of each field below */
	const char *lang;         /* "bg", "uk" or "" */
};

/* ---- collecting the rows ---- */

static const char *const lesson_fields[] = {
	"lesson_id", "lesson_title", "language", "learners_started", "learners_completed",
	"completion_rate", "median_minutes_to_complete", "steps", "avg_attempts_per_step",
};
static const char *const step_fields[] = {
	"lesson_id", "language", "step_id", "step_text", "step_index", "attempts",
	"first_try_success_rate", "hint_rate", "learners_reached", "learners_stopped_here",
};
#define NFIELDS(a) (sizeof a / sizeof *a)

/* Finds each field among the columns: the page relies on names, not on positions. */
static int map_columns(struct page *p, const char *const *want, size_t nwant,
                       const char *const *columns, size_t ncols)
{
	for (size_t i = 0; i < nwant; i++) {
		p->col[i] = SIZE_MAX;
		for (size_t k = 0; k < ncols; k++)
			if (strcmp(want[i], columns[k]) == 0)
				p->col[i] = k;
		if (p->col[i] == SIZE_MAX) {
			errno = EINVAL;
			return -1;
		}
	}
	return 0;
}

static int lessons_begin(void *ctx, enum report_kind kind, const char *const *columns,
                         size_t ncols)
{
	return map_columns(ctx, lesson_fields, NFIELDS(lesson_fields), columns, ncols);
}

static int steps_begin(void *ctx, enum report_kind kind, const char *const *columns,
                       size_t ncols)
{
	return map_columns(ctx, step_fields, NFIELDS(step_fields), columns, ncols);
}

static char *text_of(const struct cell *c)
{
	return c->type == CELL_TEXT ? xstrdup(c->s) : NULL;
}

static struct fig fig_of(const struct cell *c)
{
	struct fig f = { .null = c->type == CELL_NULL };
	char buf[FIG_TEXT];

	if (c->type == CELL_INT)
		f.v = (double)c->i;
	else if (c->type == CELL_REAL)
		f.v = c->r;
	snprintf(f.csv, sizeof f.csv, "%s", report_cell_text(c, buf, sizeof buf));
	return f;
}

static int lessons_row(void *ctx, const struct cell *c, size_t ncols)
{
	struct page *p = ctx;
	struct h_lesson *l;

	p->lessons = xgrow(p->lessons, &p->cap_lessons, p->nlessons, sizeof *p->lessons);
	l = &p->lessons[p->nlessons++];
	l->id = text_of(&c[p->col[0]]);
	l->title = text_of(&c[p->col[1]]);
	l->lang = text_of(&c[p->col[2]]);
	l->started = fig_of(&c[p->col[3]]);
	l->completed = fig_of(&c[p->col[4]]);
	l->rate = fig_of(&c[p->col[5]]);
	l->median = fig_of(&c[p->col[6]]);
	l->steps = fig_of(&c[p->col[7]]);
	l->avg = fig_of(&c[p->col[8]]);
	return 0;
}

static int steps_row(void *ctx, const struct cell *c, size_t ncols)
{
	struct page *p = ctx;
	struct h_step *s;

	p->steps = xgrow(p->steps, &p->cap_steps, p->nsteps, sizeof *p->steps);
	s = &p->steps[p->nsteps++];
	s->lesson = text_of(&c[p->col[0]]);
	s->lang = text_of(&c[p->col[1]]);
	s->id = text_of(&c[p->col[2]]);
	s->text = text_of(&c[p->col[3]]);
	s->index = fig_of(&c[p->col[4]]);
	s->attempts = fig_of(&c[p->col[5]]);
	s->first_ok = fig_of(&c[p->col[6]]);
	s->hint = fig_of(&c[p->col[7]]);
	s->reached = fig_of(&c[p->col[8]]);
	s->stopped = fig_of(&c[p->col[9]]);
	return 0;
}

static void page_free(struct page *p)
{
	for (size_t i = 0; i < p->nlessons; i++) {
		free(p->lessons[i].id);
		free(p->lessons[i].title);
		free(p->lessons[i].lang);
	}
	for (size_t i = 0; i < p->nsteps; i++) {
		free(p->steps[i].lesson);
		free(p->steps[i].lang);
		free(p->steps[i].id);
		free(p->steps[i].text);
	}
	free(p->lessons);
	free(p->steps);
}

/* ---- text ---- */

/* s as HTML text or attribute value, always valid UTF-8. */
static void esc(struct page *p, const char *s)
{
	size_t n;
	const char *src = s ? s : "", *clean = export_clean_utf8(src, &n);

	for (size_t i = 0; i < n; i++) {
		switch (clean[i]) {
		case '&': fputs("&amp;", p->out); break;
		case '<': fputs("&lt;", p->out); break;
		case '>': fputs("&gt;", p->out); break;
		case '"': fputs("&quot;", p->out); break;
		case '\'': fputs("&#39;", p->out); break;
		default: fputc(clean[i], p->out);
		}
	}
	if (clean != src)
		free((char *)clean);
}

/* The beginning of s that fits cols columns, with an ellipsis when cut. */
static void esc_fit(struct page *p, const char *s, size_t cols)
{
	size_t n;
	char *cut;

	if (!s || text_width(s) <= cols) {
		esc(p, s);
		return;
	}
	n = text_fit(s, cols - 1);
	cut = xasprintf("%.*s…", (int)n, s);
	esc(p, cut);
	free(cut);
}

static bool decimal_comma(const struct page *p)
{
	return p->lang[0] != '\0';  /* Bulgarian and Ukrainian write 12,5 */
}

/* v with at most one decimal, in the language's style. */
static void number(const struct page *p, double v, char *buf, size_t size)
{
	char *dot;

	if (v == (double)(int64_t)v)
		snprintf(buf, size, "%lld", (long long)v);
	else
		snprintf(buf, size, "%.1f", v);
	if (decimal_comma(p) && (dot = strchr(buf, '.')))
		*dot = ',';
}

/* A rate as a percentage: "75 %" in bg and uk, "75%" in English; "–" for null. */
static void percent(const struct page *p, const struct fig *f, char *buf, size_t size)
{
	char n[32];

	if (f->null) {
		snprintf(buf, size, "–");
		return;
	}
	number(p, f->v * 100.0, n, sizeof n);
	snprintf(buf, size, decimal_comma(p) ? "%s\u00a0%%" : "%s%%", n);
}

/* A date (UTC day of ms) in the language's style: 29.11.2026 г. / 29.11.2026 / 29 Nov 2026. */
static void date_text(const struct page *p, int64_t ms, char *buf, size_t size)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	                                      "Aug", "Sep", "Oct", "Nov", "Dec" };
	int64_t day = ms / ISOTIME_MS_PER_DAY - (ms % ISOTIME_MS_PER_DAY < 0), y;
	int m, d;

	isotime_civil_from_days(day, &y, &m, &d);
	if (strcmp(p->lang, "bg") == 0)
		snprintf(buf, size, "%02d.%02d.%lld\u00a0г.", d, m, (long long)y);
	else if (strcmp(p->lang, "uk") == 0)
		snprintf(buf, size, "%02d.%02d.%lld", d, m, (long long)y);
	else
		snprintf(buf, size, "%d %s %lld", d, months[m - 1], (long long)y);
}

/* A month: 11.2026 in bg and uk, Nov 2026 in English. */
static void month_text(const struct page *p, int64_t ms, char *buf, size_t size)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	                                      "Aug", "Sep", "Oct", "Nov", "Dec" };
	int64_t y;
	int m, d;

	isotime_civil_from_days(ms / ISOTIME_MS_PER_DAY - (ms % ISOTIME_MS_PER_DAY < 0), &y, &m,
	                        &d);
	if (p->lang[0])
		snprintf(buf, size, "%02d.%lld", m, (long long)y);
	else
		snprintf(buf, size, "%s %lld", months[m - 1], (long long)y);
}

/* ---- page parts ---- */

static const char style[] =
	"body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#111;"
	"max-width:190mm;margin:1em auto;padding:0 1em;line-height:1.35}"
	"h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .4em;"
	"border-bottom:1px solid #999}h3{font-size:1em;margin:1em 0 .3em}"
	"dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.5em 0}"
	"dl.meta dt{font-weight:bold}td:first-child,th:first-child{width:34%}dl.meta dd{margin:0}"
	"ul.head{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.6em;margin:.6em 0}"
	"ul.head li{border:2px solid #0072B2;border-radius:4px;padding:.4em .8em;min-width:8em}"
	"ul.head b{display:block;font-size:1.6em}"
	"table{border-collapse:collapse;margin:.4em 0 1em;font-size:.9em;width:99.5%}"
	"th{font-size:.9em;hyphens:auto}td{overflow-wrap:break-word}"
	"th,td{border:1px solid #999;padding:.15em .45em;text-align:left;vertical-align:top}"
	"td.n{text-align:right;white-space:nowrap}"
	"figure{margin:.6em 0}figcaption{font-size:.9em;margin-bottom:.2em}"
	"svg{width:100%;height:auto;display:block}svg text{font-family:inherit}"
	".key span{display:inline-block;margin-right:1.2em}"
	".sw{display:inline-block;width:1em;height:.8em;border:1px solid #333;"
	"vertical-align:middle;margin-right:.3em}"
	".note{font-style:italic}"
	"@page{size:A4 portrait;margin:14mm 12mm}"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
	"figure,ul.head,dl.meta,tr,.keep{break-inside:avoid;page-break-inside:avoid}"
	"table{font-size:8.5pt}"
	"h2,h3{break-after:avoid;page-break-after:avoid}"
	"th,td{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"svg,.sw{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* Its title, or its id when the lessons folder does not know it; with its lesson set. */
static void lesson_label(struct page *p, const struct h_lesson *l, size_t cols)
{
	esc_fit(p, l->title && *l->title ? l->title : l->id, cols);
	fputs(" (", p->out);
	esc(p, l->lang);
	fputs(")", p->out);
}

/* A table cell holding one figure: its CSV column and text for scripts, the figure for
 * people. */
static void fig_cell(struct page *p, const char *col, const struct fig *f, const char *shown)
{
	char buf[48];

	if (!shown) {
		if (f->null)
			snprintf(buf, sizeof buf, "–");
		else
			number(p, f->v, buf, sizeof buf);
		shown = buf;
	}
	fprintf(p->out, "<td class=\"n\" data-col=\"%s\" data-value=\"", col);
	esc(p, f->csv);
	fputs("\">", p->out);
	esc(p, shown);
	fputs("</td>", p->out);
}

static void int_cell(struct page *p, const char *col, int64_t v)
{
	struct fig f = { .v = (double)v };

	snprintf(f.csv, sizeof f.csv, "%lld", (long long)v);
	fig_cell(p, col, &f, NULL);
}

static void head(struct page *p)
{
	fprintf(p->out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<title>", p->lang[0] ? p->lang : "en");
	esc(p, _("Digital skills kiosks: report"));
	fprintf(p->out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	esc(p, _("Digital skills kiosks: report"));
	fputs("</h1>\n", p->out);
}

static void period_line(struct page *p, const struct report_filter *f,
                        const struct report_overview *ov)
{
	char a[48], b[48];
	bool has_a = f->has_since || ov->events > 0, has_b = f->has_until || ov->events > 0;

	if (has_a)
		date_text(p, f->has_since ? f->since_ms : ov->first_ms, a, sizeof a);
	if (has_b)
		date_text(p, f->has_until ? f->until_ms : ov->last_ms, b, sizeof b);
	fputs("<dt>", p->out);
	esc(p, _("Period"));
	fputs("</dt><dd data-figure=\"period\">", p->out);
	if (has_a && has_b) {
		char *s = xasprintf(_("%s to %s"), a, b);

		esc(p, s);
		free(s);
	} else if (has_a) {
		char *s = xasprintf(_("from %s on"), a);

		esc(p, s);
		free(s);
	} else if (has_b) {
		char *s = xasprintf(_("up to %s"), b);

		esc(p, s);
		free(s);
	} else {
		esc(p, _("all recorded answers"));
	}
	if (f->lang) {
		char *s = xasprintf(_(", lesson set %s"), f->lang);

		esc(p, s);
		free(s);
	}
	fputs("</dd>\n", p->out);
}

static void kiosk_label(struct page *p, const struct report_data *d, size_t i)
{
	const char *name = report_data_kiosk_name(d, i), *id = report_data_kiosk_id(d, i);

	if (name && *name) {
		esc(p, name);
		fprintf(p->out, " <small>(%.8s)</small>", id);
	} else {
		fprintf(p->out, "%.8s", id);
	}
}

static void meta(struct page *p, const struct report_data *d, const struct report_filter *f,
                 const struct report_overview *ov, int64_t made_ms)
{
	char date[48];
	time_t t = (time_t)(made_ms / 1000);
	struct tm tm;
	size_t n = report_data_kiosks(d);

	fputs("<dl class=\"meta\">\n", p->out);
	period_line(p, f, ov);
	fputs("<dt>", p->out);
	esc(p, ngettext("Kiosk", "Kiosks", n));
	fprintf(p->out, "</dt><dd data-figure=\"kiosks\" data-value=\"%zu\">", n);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", p->out);
		kiosk_label(p, d, i);
	}
	fputs("</dd>\n<dt>", p->out);
	esc(p, _("Made"));
	localtime_r(&t, &tm);
	/* The day in the local time zone, as the clock on the wall. */
	date_text(p, (int64_t)(timegm(&tm)) * 1000, date, sizeof date);
	fputs("</dt><dd>", p->out);
	esc(p, date);
	fprintf(p->out, " %02d:%02d</dd>\n</dl>\n", tm.tm_hour, tm.tm_min);
}

static void headline(struct page *p, const struct report_overview *ov)
{
	struct fig med = { .null = !ov->has_median, .v = ov->median_minutes };
	char buf[48];
	struct {
		const char *label, *key;
		int64_t v;
	} items[] = {
		{ _("Learners"), "learners", ov->learners },
		{ _("Sessions"), "sessions", ov->sessions },
		{ _("Lessons completed"), "lessons_completed", ov->completions },
	};

	if (ov->has_median) {
		struct cell c = { .type = CELL_REAL, .r = ov->median_minutes };

		snprintf(med.csv, sizeof med.csv, "%s", report_cell_text(&c, buf, sizeof buf));
	}
	fputs("<h2>", p->out);
	esc(p, _("In figures"));
	fputs("</h2>\n<ul class=\"head\">\n", p->out);
	for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
		fprintf(p->out, "<li data-figure=\"%s\" data-value=\"%lld\"><b>%lld</b>", items[i].key,
		        (long long)items[i].v, (long long)items[i].v);
		esc(p, items[i].label);
		fputs("</li>\n", p->out);
	}
	if (ov->has_median)
		number(p, ov->median_minutes, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "–");
	fprintf(p->out, "<li data-figure=\"median_minutes_to_complete\" data-value=\"%s\"><b>",
	        med.csv);
	esc(p, buf);
	fputs("</b>", p->out);
	esc(p, _("median minutes to complete a lesson"));
	fputs("</li>\n</ul>\n", p->out);
	if (ov->events == 0) {
		fputs("<p class=\"note\" data-figure=\"no-data\">", p->out);
		esc(p, _("No answers were recorded in this period."));
		fputs("</p>\n", p->out);
	}
}

static void key(struct page *p, const char *colour, const char *label)
{
	fprintf(p->out, "<span><i class=\"sw\" style=\"background:%s\"></i>", colour);
	esc(p, label);
	fputs("</span>", p->out);
}

/* ---- completion by lesson ---- */

static double max_started(const struct page *p)
{
	double m = 1;

	for (size_t i = 0; i < p->nlessons; i++)
		if (p->lessons[i].started.v > m)
			m = p->lessons[i].started.v;
	return m;
}

static bool any_started(const struct page *p)
{
	for (size_t i = 0; i < p->nlessons; i++)
		if (p->lessons[i].started.v > 0)
			return true;
	return false;
}

/* Two bars per lesson: started (orange, hatched by its outline) and completed (blue). */
static void completion_chart(struct page *p, size_t from, size_t to, double max)
{
	const double row_h = 34, top = 6, bar = LABEL_W + 4, room = CHART_W - bar - 50;
	double h = top + (double)(to - from) * row_h + 6;

	fprintf(p->out, "<figure>\n<svg viewBox=\"0 0 %d %.0f\" role=\"img\" aria-hidden=\"true\" "
	        "font-size=\"12\">\n", CHART_W, h);
	for (size_t i = from; i < to; i++) {
		const struct h_lesson *l = &p->lessons[i];
		double y = top + (double)(i - from) * row_h;
		double ws = l->started.v / max * room, wc = l->completed.v / max * room;

		fprintf(p->out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_W,
		        y + 19);
		lesson_label(p, l, LABEL_COLS);
		fprintf(p->out, "</text>\n<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
		        "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\">%lld</text>\n", bar, y + 2, ws, COLOUR_B,
		        bar + ws + 4, y + 12, (long long)l->started.v);
		fprintf(p->out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
		        "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\">%lld</text>\n", bar, y + 16, wc, COLOUR_A,
		        bar + wc + 4, y + 26, (long long)l->completed.v);
	}
	fputs("</svg>\n</figure>\n", p->out);
}

static void completion(struct page *p)
{
	double max = max_started(p);
	/* Nobody started anything: bars of zeros would say nothing the table does not. */
	bool draw = any_started(p);
	char pct[48];

	fputs("<div class=\"keep\"><h2>", p->out);
	esc(p, _("Completion by lesson"));
	fputs("</h2>\n", p->out);
	if (draw) {
		fputs("<p class=\"key\">", p->out);
		key(p, COLOUR_B, _("learners who started"));
		key(p, COLOUR_A, _("learners who completed"));
		fputs("</p>\n", p->out);
	}
	for (size_t i = 0; draw && i < p->nlessons; i += CHART_ROWS) {
		completion_chart(p, i, i + CHART_ROWS < p->nlessons ? i + CHART_ROWS : p->nlessons,
		                 max);
		if (i == 0)
			fputs("</div>\n", p->out);  /* the heading stays with the first chart */
	}
	if (!draw || p->nlessons == 0)
		fputs("</div>\n", p->out);
	fputs("<table data-table=\"lessons\">\n<thead><tr><th>", p->out);
	esc(p, _("Lesson"));
	fputs("</th><th>", p->out);
	esc(p, _("Set"));
	fputs("</th><th>", p->out);
	esc(p, _("Started"));
	fputs("</th><th>", p->out);
	esc(p, _("Completed"));
	fputs("</th><th>", p->out);
	esc(p, _("Completion"));
	fputs("</th><th>", p->out);
	esc(p, _("Median minutes"));
	fputs("</th><th>", p->out);
	esc(p, _("Steps"));
	fputs("</th></tr></thead>\n<tbody>\n", p->out);
	for (size_t i = 0; i < p->nlessons; i++) {
		const struct h_lesson *l = &p->lessons[i];

		fputs("<tr data-lesson=\"", p->out);
		esc(p, l->id);
		fputs("\" data-lang=\"", p->out);
		esc(p, l->lang);
		fputs("\"><td>", p->out);
		esc(p, l->title && *l->title ? l->title : l->id);
		fputs("</td><td>", p->out);
		esc(p, l->lang);
		fputs("</td>", p->out);
		fig_cell(p, "learners_started", &l->started, NULL);
		fig_cell(p, "learners_completed", &l->completed, NULL);
		percent(p, &l->rate, pct, sizeof pct);
		fig_cell(p, "completion_rate", &l->rate, pct);
		fig_cell(p, "median_minutes_to_complete", &l->median, NULL);
		fig_cell(p, "steps", &l->steps, NULL);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
}

/* ---- step funnels ---- */

/* The hardest steps of a lesson (the rule is report_hard_add's). */
static void hardest(const struct h_step *s, size_t n, size_t *low_ok, size_t *high_hint)
{
	struct report_hard h;

	report_hard_init(&h);
	for (size_t i = 0; i < n; i++)
		report_hard_add(&h, i, s[i].first_ok.null, s[i].first_ok.v, s[i].hint.null,
		                s[i].hint.v);
	*low_ok = h.low_ok;
	*high_hint = h.high_hint;
}

static const char *mark_of(size_t i, size_t low_ok, size_t high_hint)
{
	if (i == low_ok && i == high_hint)
		return "◆▲";
	if (i == low_ok)
		return "◆";
	return i == high_hint ? "▲" : "";
}

static void funnel_chart(struct page *p, const struct h_step *s, size_t n, double max,
                         size_t low_ok, size_t high_hint)
{
	const double row_h = 20, bar = 130, room = CHART_W - bar - 60;

	fprintf(p->out, "<figure>\n<svg viewBox=\"0 0 %d %.0f\" role=\"img\" aria-hidden=\"true\" "
	        "font-size=\"12\">\n", CHART_W, (double)n * row_h + 8);
	for (size_t i = 0; i < n; i++) {
		double y = 4 + (double)i * row_h, w = s[i].reached.v / max * room;
		const char *mark = mark_of(i, low_ok, high_hint);
		char *label = xasprintf(_("Step %lld"), (long long)s[i].index.v + 1);

		fprintf(p->out, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", bar - 6, y + 12);
		esc(p, label);
		fprintf(p->out, " %s</text><rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
		        "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\">%lld</text>\n", mark, bar, y, w,
		        *mark ? COLOUR_MARK : COLOUR_A, bar + w + 4, y + 12,
		        (long long)s[i].reached.v);
		free(label);
	}
	fputs("</svg>\n</figure>\n", p->out);
}

static void funnel_table(struct page *p, const struct h_step *s, size_t n, size_t low_ok,
                         size_t high_hint)
{
	char pct[48];

	fputs("<table data-table=\"steps\">\n<thead><tr><th>", p->out);
	esc(p, _("Step"));
	fputs("</th><th>", p->out);
	esc(p, _("Reached"));
	fputs("</th><th>", p->out);
	esc(p, _("Stopped here"));
	fputs("</th><th>", p->out);
	esc(p, _("Right at first try"));
	fputs("</th><th>", p->out);
	esc(p, _("With a hint"));
	fputs("</th><th>", p->out);
	esc(p, _("Attempts"));
	fputs("</th></tr></thead>\n<tbody>\n", p->out);
	for (size_t i = 0; i < n; i++) {
		fputs("<tr data-lesson=\"", p->out);
		esc(p, s[i].lesson);
		fputs("\" data-lang=\"", p->out);
		esc(p, s[i].lang);
		fputs("\" data-step=\"", p->out);
		esc(p, s[i].id);
		fprintf(p->out, "\"><td>%lld %s ", (long long)s[i].index.v + 1,
		        mark_of(i, low_ok, high_hint));
		esc_fit(p, s[i].text ? s[i].text : s[i].id, 40);
		fputs("</td>", p->out);
		fig_cell(p, "learners_reached", &s[i].reached, NULL);
		fig_cell(p, "learners_stopped_here", &s[i].stopped, NULL);
		percent(p, &s[i].first_ok, pct, sizeof pct);
		fig_cell(p, "first_try_success_rate", &s[i].first_ok, pct);
		percent(p, &s[i].hint, pct, sizeof pct);
		fig_cell(p, "hint_rate", &s[i].hint, pct);
		fig_cell(p, "attempts", &s[i].attempts, NULL);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
}

/* The steps rows of one lesson and set: consecutive in the steps report. */
static size_t steps_of(const struct page *p, const struct h_lesson *l, size_t *first)
{
	size_t i = 0, n = 0;

	while (i < p->nsteps && !(strcmp(p->steps[i].lesson, l->id) == 0 &&
	                          strcmp(p->steps[i].lang, l->lang) == 0))
		i++;
	*first = i;
	while (i + n < p->nsteps && strcmp(p->steps[i + n].lesson, l->id) == 0 &&
	       strcmp(p->steps[i + n].lang, l->lang) == 0)
		n++;
	return n;
}

static void funnels(struct page *p)
{
	bool any = false;

	for (size_t i = 0; i < p->nlessons; i++) {
		const struct h_lesson *l = &p->lessons[i];
		size_t first, n = l->started.v > 0 ? steps_of(p, l, &first) : 0, low, high;

		if (n == 0)
			continue;
		/* The section's heading and each lesson's heading stay with the lesson's (first)
		 * chart on the page. */
		fputs("<div class=\"keep\">", p->out);
		if (!any) {
			fputs("<h2>", p->out);
			esc(p, _("Where learners stop"));
			fputs("</h2>\n<p class=\"key\">", p->out);
			esc(p, _("Learners who reached each step. ◆ the step least often right at the "
			         "first try; ▲ the step with the most hints."));
			fputs("</p>\n", p->out);
			any = true;
		}
		hardest(&p->steps[first], n, &low, &high);
		fputs("<h3>", p->out);
		lesson_label(p, l, 200);
		fputs("</h3>\n", p->out);
		for (size_t k = 0; k < n; k += CHART_ROWS * 2) {
			funnel_chart(p, &p->steps[first + k], k + CHART_ROWS * 2 < n ? CHART_ROWS * 2 :
			             n - k, l->started.v, low == SIZE_MAX ? low : low - k,
			             high == SIZE_MAX ? high : high - k);
			if (k == 0)
				fputs("</div>\n", p->out);
		}
		funnel_table(p, &p->steps[first], n, low, high);
	}
}

/* ---- learners and completions over time ---- */

static void period_label(struct page *p, const struct report_overview *ov, size_t i,
                         char *buf, size_t size)
{
	if (ov->period_kind == REPORT_WEEKS)
		date_text(p, ov->periods[i].start_ms, buf, size);
	else
		month_text(p, ov->periods[i].start_ms, buf, size);
}

static void time_chart(struct page *p, const struct report_overview *ov)
{
	const double left = 40, bottom = 200, room = 180, w = (CHART_W - left) / (double)ov->nperiods;
	double max = 1;
	size_t every = ov->nperiods > 13 ? (ov->nperiods + 12) / 13 : 1;  /* labels that fit */

	for (size_t i = 0; i < ov->nperiods; i++) {
		if (ov->periods[i].learners > max)
			max = (double)ov->periods[i].learners;
		if (ov->periods[i].completions > max)
			max = (double)ov->periods[i].completions;
	}
	fprintf(p->out, "<figure>\n<svg viewBox=\"0 0 %d 240\" role=\"img\" aria-hidden=\"true\" "
	        "font-size=\"11\">\n<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%d\" y2=\"%.0f\" "
	        "stroke=\"#333\"/><text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.0f</text>"
	        "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">0</text>\n", CHART_W, left, bottom,
	        CHART_W, bottom, left - 4, bottom - room + 4, max, left - 4, bottom);
	for (size_t i = 0; i < ov->nperiods; i++) {
		const struct report_period *r = &ov->periods[i];
		double x = left + (double)i * w, hl = (double)r->learners / max * room;
		double hc = (double)r->completions / max * room, bw = w * 0.4;
		char label[48];

		fprintf(p->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
		        "stroke=\"#333\" stroke-width=\"0.5\"/><rect x=\"%.1f\" y=\"%.1f\" "
		        "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#333\" "
		        "stroke-width=\"0.5\"/>\n", x + w * 0.08, bottom - hl, bw, hl, COLOUR_B,
		        x + w * 0.08 + bw, bottom - hc, bw, hc, COLOUR_A);
		if (i % every)
			continue;
		period_label(p, ov, i, label, sizeof label);
		fprintf(p->out, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"9\">", x + 2, bottom + 14);
		esc(p, label);
		fputs("</text>\n", p->out);
	}
	fputs("</svg>\n</figure>\n", p->out);
}

static void over_time(struct page *p, const struct report_overview *ov)
{
	if (ov->nperiods == 0)
		return;
	fputs("<div class=\"keep\"><h2>", p->out);
	esc(p, ov->period_kind == REPORT_WEEKS ? _("Learners and completions per week") :
	       _("Learners and completions per month"));
	fputs("</h2>\n<p class=\"key\">", p->out);
	key(p, COLOUR_B, _("learners"));
	key(p, COLOUR_A, _("lessons completed"));
	fputs("</p>\n", p->out);
	time_chart(p, ov);
	fputs("</div>\n", p->out);
	fputs("<table data-table=\"periods\">\n<thead><tr><th>", p->out);
	esc(p, ov->period_kind == REPORT_WEEKS ? _("Week from") : _("Month"));
	fputs("</th><th>", p->out);
	esc(p, _("Learners"));
	fputs("</th><th>", p->out);
	esc(p, _("Lessons completed"));
	fputs("</th></tr></thead>\n<tbody>\n", p->out);
	for (size_t i = 0; i < ov->nperiods; i++) {
		char label[48], iso[32];

		period_label(p, ov, i, label, sizeof label);
		isotime_format(ov->periods[i].start_ms, iso, sizeof iso);
		fprintf(p->out, "<tr data-period=\"%.10s\" data-kind=\"%s\"><td>", iso,
		        ov->period_kind == REPORT_WEEKS ? "week" : "month");
		esc(p, label);
		fputs("</td>", p->out);
		int_cell(p, "learners", ov->periods[i].learners);
		int_cell(p, "lessons_completed", ov->periods[i].completions);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
}

/* ---- kiosks ---- */

static void kiosks(struct page *p, const struct report_data *d, const struct report_overview *ov)
{
	if (ov->nkiosks < 2)
		return;
	/* A table of a few dozen kiosks stays on one page with its heading. */
	fprintf(p->out, "<div%s><h2>", ov->nkiosks <= KEEP_KIOSKS ? " class=\"keep\"" : "");
	esc(p, _("Per kiosk"));
	fputs("</h2>\n<table data-table=\"kiosks\">\n<thead><tr><th>", p->out);
	esc(p, _("Kiosk"));
	fputs("</th><th>", p->out);
	esc(p, _("Learners"));
	fputs("</th><th>", p->out);
	esc(p, _("Sessions"));
	fputs("</th><th>", p->out);
	esc(p, _("Lessons completed"));
	fputs("</th></tr></thead>\n<tbody>\n", p->out);
	for (size_t i = 0; i < ov->nkiosks; i++) {
		fprintf(p->out, "<tr data-kiosk=\"%s\"><td>", report_data_kiosk_id(d, i));
		kiosk_label(p, d, i);
		fputs("</td>", p->out);
		int_cell(p, "learners", ov->kiosks[i].learners);
		int_cell(p, "sessions", ov->kiosks[i].sessions);
		int_cell(p, "lessons_completed", ov->kiosks[i].completions);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n</div>\n", p->out);
}

int export_html_write(FILE *out, const struct report_data *d, const struct catalog *c,
                      const struct report_filter *f, int64_t made_ms, int64_t *events,
                      struct kerr *err)
{
	static const struct report_filter none = { 0 };
	struct page p = { .out = out, .lang = i18n_language() };
	struct report_sink ls = { lessons_begin, lessons_row, &p, NULL };
	struct report_sink ss = { steps_begin, steps_row, &p, NULL };
	struct report_overview ov;
	int status;

	f = f ? f : &none;
	if (strcmp(p.lang, "bg") != 0 && strcmp(p.lang, "uk") != 0)
		p.lang = "";
	status = report_write_overview(d, c, f, &ls, &ss, &ov, err);
	if (status == 0) {
		*events = ov.events;
		head(&p);
		meta(&p, d, f, &ov, made_ms);
		headline(&p, &ov);
		completion(&p);
		if (ov.events > 0)
			funnels(&p);
		over_time(&p, &ov);
		kiosks(&p, d, &ov);
		fputs("</body>\n</html>\n", out);
		report_overview_free(&ov);
		if (fflush(out) != 0 || ferror(out))
			status = -1;
	}
	page_free(&p);
	return status;
}
