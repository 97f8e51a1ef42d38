/* cmd_backup: kiosk backup [--db PATH] --output FILE.  A consistent copy of a kiosk's
 * database, safe to take while the kiosk runs, and complete by itself: copying kiosk.db with
 * cp would miss the newest answers, which live in kiosk.db-wal until a checkpoint.  The copy
 * is written beside FILE under a temporary name and renamed over FILE only when it is
 * complete and checked, so FILE is either the old file or the whole new copy.  Exit 0 success,
 * 1 failure, 2 usage error. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "i18n.h"
#include "store_backup.h"
#include "util.h"

#define EXIT_USAGE 2

struct backup_args {
	const char *db;
	const char *output;
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: kiosk backup [--db PATH] --output FILE\n"
	               "Writes a complete, consistent copy of a kiosk database to FILE, also while\n"
	               "the kiosk is running.  The copy needs no -wal or -shm file beside it: copy\n"
	               "it to a USB stick and export from it there, even read-only.\n"
	               "\n"
	               "  --db PATH      the database (default: as for the kiosk itself)\n"
	               "  --output FILE  where to write the copy (replaced if it exists)\n"
	               "Exit status: 0 on success, 1 on a failure, 2 on a usage error.\n"));
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("kiosk backup: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fprintf(stderr, _("Try 'kiosk backup --help' for more information.\n"));
	return EXIT_USAGE;
}

/* Returns 0, -1 after --help (exit 0) or EXIT_USAGE. */
static int parse_args(int argc, char **argv, struct backup_args *a)
{
	enum { OPT_DB = 256, OPT_OUTPUT, OPT_HELP };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(a, 0, sizeof *a);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (opt == OPT_DB)
			a->db = optarg;
		else if (opt == OPT_OUTPUT)
			a->output = optarg;
		else if (opt == OPT_HELP) {
			usage(stdout);
			return -1;
		} else if (opt == ':')
			return usage_error(_("the option '%s' needs a value"), argv[optind - 1]);
		else
			return usage_error(_("unknown option '%s'"), argv[optind - 1]);
	}
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (!a->output || !*a->output)
		return usage_error("%s", _("where should the copy go? Give --output FILE"));
	return 0;
}

/* The source must be a regular file (a named pipe would block, a device is no database). */
static int check_source(const char *db, struct kerr *err)
{
	struct stat st;

	if (stat(db, &st) < 0) {
		kerr_set(err, _("cannot open %s: %s"), db, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		kerr_set(err, _("%s is not a regular file"), db);
		return -1;
	}
	return 0;
}

/* The copy goes through export's atomic output file: never onto the database or its -wal,
 * -shm or -journal by any name, never through a symbolic link, complete or not at all. */
static int backup(const char *db, const char *output)
{
	const char *dbs[] = { db };
	struct backup_counts counts;
	struct export_file *f = NULL;
	struct kerr err;

	if (check_source(db, &err) < 0 || export_check_output(output, dbs, 1, &err) < 0 ||
	    export_file_open(output, true, &f, &err) < 0) {
		fprintf(stderr, "kiosk backup: %s\n", err.msg);
		return 1;
	}
	if (store_backup(db, export_file_temp_path(f), &counts, &err) < 0) {
		fprintf(stderr, "kiosk backup: %s\n", err.msg);
		export_file_abort(f);
		return 1;
	}
	if (export_file_commit(f, &err) < 0) {
		fprintf(stderr, "kiosk backup: %s\n", err.msg);
		return 1;
	}
	printf(_("Backup written to %s: %lld learners, %lld answers.\n"), output,
	       counts.learners, counts.answers);
	return 0;
}

int cmd_backup(int argc, char **argv)
{
	struct backup_args a;
	char *db;
	int st = parse_args(argc, argv, &a);

	if (st != 0)
		return st < 0 ? 0 : st;
	db = a.db ? xstrdup(a.db) : cmd_default_db();
	st = backup(db, a.output);
	free(db);
	return st;
}
