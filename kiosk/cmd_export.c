/* cmd_export: kiosk export: statistics from one or more kiosk databases as CSV, JSON or an
 * Excel workbook, for coordinators.  Parses options, loads the databases (report.c), computes
 * the report (or, in a workbook, every report) and writes it (export.c, export_xlsx.c) to
 * standard output or atomically to --output; says so when the period holds no data. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "catalog.h"
#include "cmd.h"
#include "export.h"
#include "export_html.h"
#include "export_xlsx.h"
#include "i18n.h"
#include "isotime.h"
#include "report.h"

#define MAX_SET_NAME 40

struct export_args {
	const char **dbs;
	size_t ndbs;
	enum report_kind kind;
	bool all;                       /* --report all: every report, a sheet each (xlsx) */
	const char *since, *until;      /* as given, for messages */
	struct export_options out;
	struct report_filter filter;
	const char *output;
	const char *lessons;
	bool help;
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: kiosk export [--db PATH]... [--report NAME] [--format csv|json|xlsx|html]\n"
	               "         [--since DATE] [--until DATE] [--lang SET] [--output FILE]\n"
	               "         [--excel] [--with-names] [--lessons DIR]\n"
	               "Statistics for coordinators from one or more kiosk databases (one per\n"
	               "kiosk; they are merged).  Times are UTC (local time in xlsx).\n"
	               "\n"
	               "  --db PATH       a kiosk database; repeat it for several kiosks\n"
	               "                  (default: this kiosk's database)\n"
	               "  --report NAME   lessons (default), learners, steps or events; with\n"
	               "                  xlsx also all (a sheet for each)\n"
	               "  --format NAME   csv (default), json, or xlsx (a spreadsheet file for\n"
	               "                  Excel and LibreOffice; needs --output), or html (one\n"
	               "                  page with charts of every report, for print; never\n"
	               "                  names or answers)\n"
	               "  --since DATE    only from DATE on: YYYY-MM-DD or an ISO 8601 time\n"
	               "                  such as 2026-11-23T10:00Z\n"
	               "  --until DATE    only up to DATE (a date alone: to the end of that day)\n"
	               "  --lang SET      only this lesson set (bg, uk)\n"
	               "  --output FILE   write FILE, complete or not at all (default: stdout)\n"
	               "  --excel         CSV with a byte-order mark for spreadsheet programs\n"
	               "  --with-names    include personal data: names (learners report) and\n"
	               "                  typed answers (events report)\n"
	               "  --lessons DIR   the lessons folder, for lesson titles and steps\n"
	               "Exit status: 0 on success, 1 on a failure, 2 on a usage error, 3 on a fatal\n"
	               "error (out of memory).\n"));
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("kiosk export: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'kiosk export --help' for more information.\n"));
	return -1;
}

static int parse_time_arg(const char *arg, bool until, bool *has, int64_t *ms)
{
	if (isotime_parse(arg, until, ms) < 0)
		return usage_error(_("'%s' is not a date: use YYYY-MM-DD or an ISO 8601 time "
		                     "such as 2026-11-23T10:00:00Z"), arg);
	*has = true;
	return 0;
}

/* A set is a folder name: letters, digits, '-' and '_'. */
static int check_set_name(const char *arg)
{
	size_t n = strlen(arg);

	if (n == 0 || n > MAX_SET_NAME ||
	    strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
		return usage_error(_("'%s' is not a lesson set name (such as bg or uk)"), arg);
	return 0;
}

static int parse_one(int c, struct export_args *a)
{
	switch (c) {
	case 'd':
		a->dbs = xrealloc(a->dbs, (a->ndbs + 1) * sizeof *a->dbs);
		a->dbs[a->ndbs++] = optarg;
		return 0;
	case 'r':
		a->all = strcmp(optarg, "all") == 0;
		if (!a->all && report_kind_parse(optarg, &a->kind) < 0)
			return usage_error(_("unknown report '%s': use lessons, learners, steps, "
			                     "events, or all with --format xlsx"), optarg);
		return 0;
	case 'f':
		if (export_format_parse(optarg, &a->out.format) < 0)
			return usage_error(_("unknown format '%s': use csv, json, xlsx or html"), optarg);
		return 0;
	case 's':
		a->since = optarg;
		return parse_time_arg(optarg, false, &a->filter.has_since, &a->filter.since_ms);
	case 'u':
		a->until = optarg;
		return parse_time_arg(optarg, true, &a->filter.has_until, &a->filter.until_ms);
	case 'l':
		a->filter.lang = optarg;
		return check_set_name(optarg);
	case 'o': a->output = optarg; return 0;
	case 'e': a->out.bom = true; return 0;
	case 'n': a->filter.with_names = true; return 0;
	case 'L': a->lessons = optarg; return 0;
	case 'h': a->help = true; return 0;
	default:
		return -1;
	}
}

/* Checks that need every option: combinations. */
static int check_args(const struct export_args *a, int argc, char **argv)
{
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (a->out.bom && a->out.format != EXPORT_CSV)
		return usage_error("%s", _("--excel applies to CSV only"));
	if (a->filter.has_since && a->filter.has_until &&
	    a->filter.since_ms > a->filter.until_ms)
		return usage_error("%s", _("--since is after --until: nothing could match"));
	if (a->output && !*a->output)
		return usage_error("%s", _("--output needs a file name"));
	if (a->out.format == EXPORT_XLSX && !a->output)
		return usage_error("%s", _("--format xlsx writes a file: give it with --output FILE"));
	if (a->out.format == EXPORT_HTML && a->filter.with_names)
		return usage_error("%s", _("--with-names does not apply to --format html: the page "
		                           "never holds names or typed answers"));
	if (a->all && a->out.format != EXPORT_XLSX)
		return usage_error("%s", _("--report all needs --format xlsx (a sheet for each "
		                           "report)"));
	return 0;
}

static int parse_args(int argc, char **argv, struct export_args *a)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "report", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "lang", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "excel", no_argument, NULL, 'e' },
		{ "with-names", no_argument, NULL, 'n' },
		{ "lessons", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* Long options only.  The leading ':' makes getopt report a missing value apart from an
	 * unknown option, in our words instead of its own. */
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (c == ':')
			return usage_error(_("the option '%s' needs a value"), argv[optind - 1]);
		if (c == '?')
			return usage_error(_("unknown option '%s'"), argv[optind - 1]);
		if (parse_one(c, a) < 0)
			return -1;
	}
	return a->help ? 0 : check_args(a, argc, argv);
}

/* The lessons folder gives titles, step lists and lessons nobody started.  A folder given
 * with --lessons must load; the default one is a convenience, so without it the report only
 * lacks titles.  Returns 0 (c filled or left empty), 1 failure, 2 usage. */
static int load_catalog(const struct export_args *a, struct catalog *c)
{
	char *dir = a->lessons ? xstrdup(a->lessons) : cmd_default_lessons();
	struct diags d = { 0 };
	int status = 0;

	if (catalog_load(dir, c, &d) < 0) {
		catalog_free(c);
		memset(c, 0, sizeof *c);
		if (a->lessons) {
			fprintf(stderr, _("kiosk export: no usable lessons in %s (run kiosk "
			                  "check-lessons %s)\n"), dir, dir);
			status = 1;
		} else {
			fprintf(stderr, _("kiosk export: warning: no lessons in %s: lesson titles "
			                  "are left empty (use --lessons DIR)\n"), dir);
		}
	} else if (a->filter.lang && !catalog_find_set(c, a->filter.lang)) {
		fprintf(stderr, _("kiosk export: there is no lesson set '%s' in %s\n"),
		        a->filter.lang, dir);
		status = 2;
	}
	diags_free(&d);
	free(dir);
	return status;
}

static bool personal(const struct export_args *a)
{
	return a->filter.with_names &&
	       (a->all || a->kind == REPORT_LEARNERS || a->kind == REPORT_EVENTS);
}

/* A report of a period in which nothing was recorded is still written (every lesson with
 * zeros, or only the header), and exits 0; but a coordinator who mistyped a date should
 * not take it for a month nobody came.  Standard error, so a file on standard output is
 * unchanged. */
static void note_no_data(const struct export_args *a, int64_t events)
{
	char *when;

	if (events > 0)
		return;
	if (a->since && a->until)
		when = xasprintf(_("from %s to %s"), a->since, a->until);
	else if (a->since)
		when = xasprintf(_("from %s on"), a->since);
	else if (a->until)
		when = xasprintf(_("up to %s"), a->until);
	else
		when = xstrdup(_("at all"));
	if (a->filter.lang)
		fprintf(stderr, _("kiosk export: no answers were recorded %s in the lesson set %s: "
		                  "the report has no data\n"), when, a->filter.lang);
	else
		fprintf(stderr, _("kiosk export: no answers were recorded %s: the report has no "
		                  "data\n"), when);
	free(when);
}

/* Computes the report straight into out, row by row.  Returns 0, or -1 with err filled (or
 * empty when writing failed: errno says why then). */
static int stream_report(const struct export_args *a, const struct report_data *d,
                         const struct catalog *c, FILE *out, size_t *rows, struct kerr *err)
{
	struct export_writer w;
	struct report_sink sink = export_sink(&w, out, &a->out);
	int status = report_write(d, c, a->kind, &a->filter, &sink, err);

	*rows = w.rows;
	if (status == 0 && export_finish(&w) < 0)
		status = -1;
	if (status == 0)
		note_no_data(a, w.events);
	return status;
}

/* A failure while the report was being made: the database's message, or why writing failed. */
static int report_failed(const struct export_args *a, const struct kerr *err)
{
	if (err->msg[0])
		fprintf(stderr, "kiosk export: %s\n", err->msg);
	else if (a->output)
		fprintf(stderr, _("kiosk export: cannot write %s: %s\n"), a->output,
		        strerror(errno ? errno : EIO));
	else
		fprintf(stderr, _("kiosk export: cannot write the report: %s\n"),
		        strerror(errno ? errno : EIO));
	return 1;
}

/* The report, or with --report all every report, as sheets of a workbook written into the
 * temporary file of f.  Returns 0 and *rows, or -1 with err filled. */
static int xlsx_reports(const struct export_args *a, const struct report_data *d,
                        const struct catalog *c, struct export_file *f, size_t *rows,
                        struct kerr *err)
{
	static const enum report_kind every[] = {
		REPORT_LESSONS, REPORT_STEPS, REPORT_LEARNERS, REPORT_EVENTS,
	};
	struct export_xlsx *x;
	struct kerr closing;
	int status = 0;
	int64_t events = 0;

	if (export_xlsx_open(export_file_temp_path(f), a->output, &x, err) < 0)
		return -1;
	for (size_t i = 0; status == 0 && i < (a->all ? 4u : 1u); i++) {
		struct report_sink sink = export_xlsx_sink(x);

		status = report_write(d, c, a->all ? every[i] : a->kind, &a->filter, &sink, err);
		if (status < 0 && export_xlsx_error(x))
			kerr_set(err, "%s", export_xlsx_error(x));
		events = export_xlsx_events(x);
	}
	*rows = export_xlsx_rows(x);
	if (export_xlsx_close(x, &closing) < 0 && status == 0) {
		*err = closing;
		status = -1;
	}
	if (status == 0)
		note_no_data(a, events);
	return status;
}

static int write_xlsx(const struct export_args *a, const struct report_data *d,
                      const struct catalog *c)
{
	struct export_file *f;
	struct kerr err = { "" };
	size_t rows;

	if (export_file_open(a->output, personal(a), &f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	if (xlsx_reports(a, d, c, f, &rows, &err) < 0) {
		export_file_abort(f);
		if (err.msg[0] == '\0')  /* a sheet stopped without saying why */
			kerr_set(&err, _("cannot write %s: %s"), a->output, strerror(EIO));
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	if (export_file_commit(f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	printf(ngettext("%zu row written to %s\n", "%zu rows written to %s\n", rows),
	       rows, a->output);
	return 0;
}

/* The moment the page says it was made. */
static int64_t now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* The html page into out; prints what failed.  Returns 0, or -1. */
static int html_page(const struct export_args *a, const struct report_data *d,
                     const struct catalog *c, FILE *out)
{
	struct kerr err = { "" };
	int64_t events = 0;

	if (export_html_write(out, d, c, &a->filter, now_ms(), &events, &err) < 0) {
		report_failed(a, &err);
		return -1;
	}
	note_no_data(a, events);
	return 0;
}

static int write_html(const struct export_args *a, const struct report_data *d,
                      const struct catalog *c)
{
	struct export_file *f;
	struct kerr err = { "" };

	if (!a->output)
		return html_page(a, d, c, stdout) < 0 ? 1 : 0;
	if (export_file_open(a->output, false, &f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	if (html_page(a, d, c, export_file_stream(f)) < 0) {
		export_file_abort(f);
		return 1;
	}
	if (export_file_commit(f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	printf(_("page written to %s\n"), a->output);
	return 0;
}

/* Writes the report to --output (atomically) or standard output.  Returns the exit status. */
static int write_report(const struct export_args *a, const struct report_data *d,
                        const struct catalog *c)
{
	struct export_file *f;
	struct kerr err = { "" };
	size_t rows;

	if (a->out.format == EXPORT_XLSX)
		return write_xlsx(a, d, c);
	if (a->out.format == EXPORT_HTML)
		return write_html(a, d, c);
	if (!a->output)
		return stream_report(a, d, c, stdout, &rows, &err) < 0 ? report_failed(a, &err) : 0;
	if (export_file_open(a->output, personal(a), &f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	if (stream_report(a, d, c, export_file_stream(f), &rows, &err) < 0) {
		int e = errno;

		export_file_abort(f);
		errno = e;
		return report_failed(a, &err);
	}
	if (export_file_commit(f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	printf(ngettext("%zu row written to %s\n", "%zu rows written to %s\n", rows),
	       rows, a->output);
	return 0;
}

static int run_export(struct export_args *a)
{
	struct catalog c = { 0 };
	struct report_data *d = NULL;
	struct kerr err = { "" };
	char *default_db = NULL;
	int status = 0;

	if (a->all || a->out.format == EXPORT_HTML || a->kind == REPORT_LESSONS || a->kind == REPORT_STEPS || a->filter.lang)
		status = load_catalog(a, &c);
	if (status == 0 && a->ndbs == 0) {
		default_db = cmd_default_db();
		a->dbs = xrealloc(a->dbs, sizeof *a->dbs);
		a->dbs[a->ndbs++] = default_db;
	}
	if (status == 0 && a->output && export_check_output(a->output, a->dbs, a->ndbs, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		status = 1;
	}
	if (status == 0 && report_load(a->dbs, a->ndbs, &d, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		status = 1;
	}
	if (status == 0)
		status = write_report(a, d, c.count ? &c : NULL);
	report_data_free(d);
	catalog_free(&c);
	free(default_db);
	return status;
}

int cmd_export(int argc, char **argv)
{
	struct export_args a = { .kind = REPORT_LESSONS };
	int status;

	if (parse_args(argc, argv, &a) < 0) {
		free(a.dbs);
		return 2;
	}
	if (a.help) {
		usage(stdout);
		free(a.dbs);
		return 0;
	}
	status = run_export(&a);
	free(a.dbs);
	return status;
}
