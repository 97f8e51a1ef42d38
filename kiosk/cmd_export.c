/* cmd_export: kiosk export: statistics from one or more kiosk databases as CSV or JSON, for
 * coordinators.  Parses options, loads the databases (report.c), builds one report and writes
 * it (export.c) to standard output or atomically to --output. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "cmd.h"
#include "export.h"
#include "i18n.h"
#include "report.h"

#define MAX_SET_NAME 40

struct export_args {
	const char **dbs;
	size_t ndbs;
	enum report_kind kind;
	struct export_options out;
	struct report_filter filter;
	const char *output;
	const char *lessons;
	bool help;
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: kiosk export [--db PATH]... [--report NAME] [--format csv|json]\n"
	               "         [--since DATE] [--until DATE] [--lang SET] [--output FILE]\n"
	               "         [--excel] [--with-names] [--lessons DIR]\n"
	               "Statistics for coordinators from one or more kiosk databases (one per\n"
	               "kiosk; they are merged).  Times are UTC.\n"
	               "\n"
	               "  --db PATH       a kiosk database; repeat it for several kiosks\n"
	               "                  (default: this kiosk's database)\n"
	               "  --report NAME   lessons (default), learners, steps or events\n"
	               "  --format NAME   csv (default) or json\n"
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
	if (report_parse_time(arg, until, ms) < 0)
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
		if (report_kind_parse(optarg, &a->kind) < 0)
			return usage_error(_("unknown report '%s': use lessons, learners, steps or "
			                     "events"), optarg);
		return 0;
	case 'f':
		if (export_format_parse(optarg, &a->out.format) < 0)
			return usage_error(_("unknown format '%s': use csv or json"), optarg);
		return 0;
	case 's':
		return parse_time_arg(optarg, false, &a->filter.has_since, &a->filter.since_ms);
	case 'u':
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
	return a->filter.with_names && (a->kind == REPORT_LEARNERS || a->kind == REPORT_EVENTS);
}

/* Writes r to --output (atomically) or standard output.  Returns the exit status. */
static int write_report(const struct export_args *a, const struct report *r)
{
	struct export_file *f;
	struct kerr err;

	if (!a->output) {
		if (export_write(stdout, r, &a->out) < 0) {
			fprintf(stderr, _("kiosk export: cannot write the report: %s\n"),
			        strerror(errno));
			return 1;
		}
		return 0;
	}
	if (export_file_open(a->output, personal(a), &f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	if (export_write(export_file_stream(f), r, &a->out) < 0) {
		fprintf(stderr, _("kiosk export: cannot write %s: %s\n"), a->output,
		        strerror(errno));
		export_file_abort(f);
		return 1;
	}
	if (export_file_commit(f, &err) < 0) {
		fprintf(stderr, "kiosk export: %s\n", err.msg);
		return 1;
	}
	printf(ngettext("%zu row written to %s\n", "%zu rows written to %s\n", r->nrows),
	       r->nrows, a->output);
	return 0;
}

static int run_export(struct export_args *a)
{
	struct catalog c = { 0 };
	struct report_data *d = NULL;
	struct report *r = NULL;
	struct kerr err = { "" };
	char *default_db = NULL;
	int status = 0;

	if (a->kind == REPORT_LESSONS || a->kind == REPORT_STEPS || a->filter.lang)
		status = load_catalog(a, &c);
	if (status == 0 && a->ndbs == 0) {
		default_db = cmd_default_db();
		a->dbs = xrealloc(a->dbs, sizeof *a->dbs);
		a->dbs[a->ndbs++] = default_db;
	}
	if (status == 0 && a->output && export_check_output(a->output, a->dbs, a->ndbs, &err) < 0)
		status = 1;
	if (status == 0 && report_load(a->dbs, a->ndbs, &d, &err) < 0)
		status = 1;
	if (status == 0 && report_build(d, c.count ? &c : NULL, a->kind, &a->filter, &r, &err) < 0)
		status = 1;
	if (status == 1 && err.msg[0])
		fprintf(stderr, "kiosk export: %s\n", err.msg);
	if (status == 0)
		status = write_report(a, r);
	report_free(r);
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
