/* main: command line, then either a batch command (check-lessons) or the kiosk itself. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "fitcache.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "termcheck.h"
#include "ui.h"
#include "util.h"

struct options {
	const char *db;
	const char *lang;
	const char *lessons;
	const char *speech_cmd;
	bool kiosk_mode;
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: kiosk [OPTION]...\n"
	               "  or:  kiosk check-lessons [DIR]\n"
	               "  or:  kiosk doctor [--db PATH] [--lessons DIR]\n"
	               "  or:  kiosk learners [--db PATH]\n"
	               "  or:  kiosk reset --learner ID|NAME [--lesson ID] [--db PATH]\n"
	               "  or:  kiosk remove-learner ID [--db PATH]\n"
	               "  or:  kiosk set-trainer-pin [--db PATH]\n"
	               "  or:  kiosk set-language bg|uk|none [--db PATH]\n"
	               "  or:  kiosk set-name [NAME] [--db PATH]\n"
	               "  or:  kiosk set-access theme|speech-rate|auto-read VALUE [--db PATH]\n"
	               "  or:  kiosk export [--db PATH]... [OPTION]... (see kiosk export --help)\n"
	               "  or:  kiosk backup [--db PATH] --output FILE\n"
	               "A full-screen kiosk that teaches digital skills step by step, in Bulgarian\n"
	               "and Ukrainian.\n"
	               "\n"
	               "  --db PATH        the progress database (default: $KIOSK_DB, or\n"
	               "                   $XDG_DATA_HOME/kiosk/kiosk.db, or\n"
	               "                   ~/.local/share/kiosk/kiosk.db); created on first use\n"
	               "  --lang LANG      start in this lesson language (bg or uk) and skip the\n"
	               "                   language choice\n"
	               "  --lessons DIR    the lessons folder (default: $KIOSK_LESSONS, or the\n"
	               "                   lessons folder of this build)\n"
	               "  --no-kiosk       let Ctrl-C quit (for development)\n"
	               "  --speech-cmd CMD the command that reads aloud (default: $KIOSK_SPEECH_CMD,\n"
	               "                   or espeak-ng); run as CMD LANG with the text on its input\n"
	               "  --help           show this help and exit\n"
	               "  --version        show the version and exit\n"
	               "\n"
	               "check-lessons checks every lesson file under DIR (default: the lessons\n"
	               "folder) and prints one line FILE:LINE: message for each problem.\n"
	               "learners, reset and remove-learner look after learners (a reset keeps the\n"
	               "earlier answers as history); set-trainer-pin sets the PIN of the trainer\n"
	               "menu (F11 then F12 on any kiosk screen).  Each command has --help.\n"
	               "Exit status: 0 on success, 1 on a problem found, 2 on a usage error, 3 on a\n"
	               "fatal error (out of memory, a terminal that cannot be used).\n"));
}

/* The terminal cannot run the kiosk: say why and what to set, in the kiosk's language, or in
 * both languages when none is chosen yet (whoever reads it may speak either). */
static void explain_terminal(const struct termcheck *t, const char *lang)
{
	static const char *const both[] = { "bg", "uk", NULL };
	const char *one[] = { lang, NULL };
	const char *const *langs = lang ? one : both;

	for (int i = 0; langs[i]; i++) {
		char *msg;

		i18n_set_language(langs[i]);
		msg = termcheck_explain(t);
		fprintf(stderr, "kiosk: %s\n", msg);
		free(msg);
	}
	i18n_set_language(lang);
}

/* kiosk@.service sets KIOSK_MAINTENANCE_MINUTES: then leaving from the trainer menu means a
 * login prompt for that long (see kiosk/deploy/kiosk-maintenance).  0 when unset or invalid. */
static int maintenance_minutes(void)
{
	const char *v = getenv("KIOSK_MAINTENANCE_MINUTES");
	char *end;
	long m;

	if (!v || !*v)
		return 0;
	m = strtol(v, &end, 10);
	return *end == '\0' && m > 0 && m <= 24 * 60 ? (int)m : 0;
}

/* The kiosk's own look, speech rate and auto-read (kiosk set-access); the defaults when
 * none is set. */
static int load_access(struct app *a, const struct options *o, struct kerr *err)
{
	const char *cmd = o->speech_cmd ? o->speech_cmd : getenv("KIOSK_SPEECH_CMD");
	char *theme = NULL, *rate = NULL, *auto_read = NULL;
	int rc = store_access(a->store, 0, "theme", &theme, err);

	if (rc == 0)
		rc = store_access(a->store, 0, "speech-rate", &rate, err);
	if (rc == 0)
		rc = store_access(a->store, 0, "auto-read", &auto_read, err);
	speech_init(&a->speech, cmd && *cmd ? cmd : NULL,
	            rate ? atoi(rate) : SPEECH_RATE_DEFAULT);
	a->theme_default = theme ? (enum ui_theme)ui_theme_parse(theme) : UI_THEME_NORMAL;
	a->auto_read_default = auto_read && strcmp(auto_read, "yes") == 0;
	free(theme);
	free(rate);
	free(auto_read);
	return rc;
}

/* What the kiosk leaves until its first frame is on screen (see start_later). */
struct later {
	const struct options *o;
	const char *lessons;
	char *db;
	struct catalog *catalog;  /* the sets only (catalog_scan) until the lessons load */
	struct diags *diags;
	bool lessons_due;         /* the lessons are still to be read */
	bool store_due;           /* the database does not exist yet: create it */
	bool diags_due;           /* lesson problems to print once the screen has closed */
	char language[16];        /* the language messages on stderr were in before the screen */
};

static struct later later;

/* Broken lessons are logged and left out; the kiosk offers the rest.  Files that passed the
 * screen-fit checks before are not wrapped again (a cache beside the database).  -1 when no
 * lesson loads. */
static int load_lessons(const char *lessons, const char *db, struct catalog *c,
                        struct diags *d)
{
	char *cache_path = xasprintf("%s.lessons-checked", db);
	struct fit_cache *cache = fit_cache_load(cache_path);
	int loaded = catalog_load_cached(lessons, cache, c, d);

	fit_cache_save(cache);  /* a cache that cannot be written only costs time */
	fit_cache_free(cache);
	free(cache_path);
	diags_sort(d);
	return loaded;
}

/* Opens the database and reads the kiosk's settings (idle timeout, look, speech). */
static int open_store(struct app *a, const struct options *o, const char *db, struct kerr *err)
{
	if (store_open(db, &a->store, err) < 0)
		return -1;
	if (store_idle_timeout(a->store, &a->idle_timeout, err) < 0 || load_access(a, o, err) < 0) {
		store_close(a->store);
		a->store = NULL;
		return -1;
	}
	return 0;
}

/* A database that does not exist yet, in a folder where it can be made: creating it (a
 * schema and a few disk syncs) can wait until the welcome screen shows, since a new database
 * holds no settings for it.  Anything else is opened first, and a problem said at once. */
static bool creation_can_wait(const char *db)
{
	struct stat st;
	char *dir;
	bool can;

	if (stat(db, &st) == 0 || errno != ENOENT)
		return false;
	dir = path_dir(db);
	can = stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
	free(dir);
	return can;
}

/* Reads the lessons left for later into the catalog that held only the sets; returns what
 * load_lessons returns. */
static int load_due_lessons(void)
{
	struct catalog full = { 0 };
	int loaded = load_lessons(later.lessons, later.db, &full, later.diags);

	later.lessons_due = false;
	catalog_free(later.catalog);
	*later.catalog = full;
	return loaded;
}

/* A start that ends before the screen opens says what it always said about the lessons:
 * their problems, and "no usable lessons" before any other reason.  Returns 1 when no lesson
 * loads, 0 otherwise. */
static int lessons_now(void)
{
	int loaded;

	if (!later.lessons_due)
		return 0;
	loaded = load_due_lessons();
	diags_print(later.diags, stderr);
	if (loaded < 0)
		fprintf(stderr, _("kiosk: no usable lessons in %s\n"), later.lessons);
	return loaded < 0;
}

/* Lesson problems found while the screen is open: on stderr now when it is a log, once the
 * screen has closed when it is this terminal (they would be written over the screen). */
static void log_diags(void)
{
	if (isatty(STDERR_FILENO))
		later.diags_due = true;
	else
		diags_print(later.diags, stderr);
}

static void log_pending_diags(void)
{
	if (later.diags_due)
		diags_print(later.diags, stderr);
	later.diags_due = false;
}

/* The kiosk cannot go on after its screen opened: the screen closes, and the reason is said
 * on stderr as it would have been before the screen opened. */
static bool fail_after_frame(struct app *a, int status, const char *fmt, ...)
{
	va_list ap;

	ui_end();
	log_pending_diags();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	a->exit_status = status;
	return false;
}

/* Run by ui_run right after the first frame: the lessons, the new database.  What goes to
 * stderr is in the language it would have been in before the screen opened. */
static bool start_later(struct app *a)
{
	struct i18n_saved shown = i18n_save();
	struct kerr err;

	i18n_set_language(later.language[0] ? later.language : NULL);
	if (later.lessons_due) {
		int loaded = load_due_lessons();

		log_diags();
		if (loaded < 0)
			return fail_after_frame(a, 1, _("kiosk: no usable lessons in %s\n"),
			                        later.lessons);
	}
	if (later.store_due && open_store(a, later.o, later.db, &err) < 0)
		return fail_after_frame(a, 1, "kiosk: %s\n", err.msg);
	if (later.store_due)
		ui_access_load(a);  /* a kiosk look set meanwhile by set-access */
	i18n_restore(&shown);  /* the screen's language again */
	return true;
}

static int run_kiosk(const struct options *o)
{
	struct termcheck term;
	struct catalog c = { 0 };
	struct diags d = { 0 };
	struct app a = { 0 };
	struct kerr err;
	char *lessons = o->lessons ? xstrdup(o->lessons) : cmd_default_lessons();
	char *db = o->db ? xstrdup(o->db) : cmd_default_db();
	bool tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	int status = 0;

	/* The welcome screen needs only the list of sets: with a terminal and no --lang, the
	 * lessons load right after it shows (start_later), and a new database is created then.
	 * Problems found then close the screen and are said as they would be now. */
	later = (struct later){ .o = o, .lessons = lessons, .db = db, .catalog = &c, .diags = &d };
	later.lessons_due = tty && !o->lang && catalog_scan(lessons, &c) == 0;
	later.store_due = later.lessons_due && creation_can_wait(db);
	snprintf(later.language, sizeof later.language, "%s", i18n_language());
	if (!later.lessons_due) {
		catalog_free(&c);
		if (load_lessons(lessons, db, &c, &d) < 0) {
			diags_print(&d, stderr);
			fprintf(stderr, _("kiosk: no usable lessons in %s\n"), lessons);
			status = 1;
			goto out;
		}
		diags_print(&d, stderr);
	}
	if (o->lang && !catalog_find_set(&c, o->lang)) {
		fprintf(stderr, _("kiosk: no lessons in the language '%s' under %s\n"), o->lang,
		        lessons);
		status = 2;
		goto out;
	}
	if (!later.store_due && open_store(&a, o, db, &err) < 0) {
		if (lessons_now() == 0)
			fprintf(stderr, "kiosk: %s\n", err.msg);
		status = 1;
		goto out;
	}
	if (!tty) {
		fprintf(stderr, _("kiosk: the kiosk needs a terminal (for batch work see kiosk --help)\n"));
		status = 2;
		goto out;
	}
	termcheck_run(STDOUT_FILENO, &term);
	if (term.verdict != TERMCHECK_OK) {
		if (lessons_now() == 0)
			explain_terminal(&term, o->lang);
		status = 1;
		goto out;
	}
	if (later.lessons_due || later.store_due)
		a.after_first_frame = start_later;
	a.db_path = db;
	a.catalog = &c;
	a.fixed_set = o->lang;
	a.kiosk_mode = o->kiosk_mode;
	a.screen = SCREEN_WELCOME;
	ui_init(o->kiosk_mode);
	ui_access_load(&a);
	a.maintenance_minutes = maintenance_minutes();
	ui_run(&a);
	ui_end();
	log_pending_diags();
	status = a.exit_status;
	free(a.sitting.name);
	free(a.goodbye_name);
	free(a.note_name);
	free(a.error);
out:
	store_close(a.store);
	diags_free(&d);
	catalog_free(&c);
	free(lessons);
	free(db);
	return status;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_DB = 256, OPT_LANG, OPT_LESSONS, OPT_NO_KIOSK, OPT_HELP, OPT_VERSION,
	       OPT_SPEECH_CMD };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "lessons", required_argument, NULL, OPT_LESSONS },
		{ "no-kiosk", no_argument, NULL, OPT_NO_KIOSK },
		{ "speech-cmd", required_argument, NULL, OPT_SPEECH_CMD },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: o->db = optarg; break;
		case OPT_LANG: o->lang = optarg; break;
		case OPT_LESSONS: o->lessons = optarg; break;
		case OPT_NO_KIOSK: o->kiosk_mode = false; break;
		case OPT_SPEECH_CMD: o->speech_cmd = optarg; break;
		case OPT_HELP: usage(stdout); exit(0);
		case OPT_VERSION:
			printf("kiosk %s\n", KIOSK_VERSION);
			exit(0);
		default:
			fprintf(stderr, _("Try 'kiosk --help' for more information.\n"));
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .kiosk_mode = true };
	const char *cmd;

	if (i18n_init(NULL) < 0)
		fprintf(stderr, _("kiosk: no UTF-8 locale (C.UTF-8) on this system; Cyrillic will not show\n"));
	if (parse_options(argc, argv, &o) < 0)
		return 2;
	if (o.lang)
		i18n_set_language(o.lang);
	/* Options given before a command reach it through the same variables as the defaults. */
	if (o.db)
		setenv("KIOSK_DB", o.db, 1);
	if (o.lessons)
		setenv("KIOSK_LESSONS", o.lessons, 1);
	cmd = optind < argc ? argv[optind] : NULL;
	for (const struct command *c = commands; cmd && c->name; c++) {
		if (strcmp(cmd, c->name) == 0) {
			int at = optind;

			optind = 0;  /* glibc: start over for the command's own options */
			return c->run(argc - at, argv + at);
		}
	}
	if (cmd) {
		fprintf(stderr, _("kiosk: unknown command '%s'\n"), cmd);
		fprintf(stderr, _("Try 'kiosk --help' for more information.\n"));
		return 2;
	}
	return run_kiosk(&o);
}
