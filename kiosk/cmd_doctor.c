/* cmd_doctor: kiosk doctor [--db PATH] [--lessons DIR]: checks this computer for the kiosk
 * and says, in the trainer's language, what is wrong and the exact fix.  Checks the terminal
 * (termcheck), the locale and translations, the lessons (as check-lessons), the database
 * (without changing it: opened read-only, never created or upgraded) and, on the Linux
 * console, the console font.  Exit 0 when all is well, 1 when a problem was found, 2 on a
 * usage error. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <linux/kd.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"
#include "paths.h"
#include "speech.h"
#include "store.h"
#include "termcheck.h"
#include "util.h"

/* Below this the kiosk may soon fail to save progress; a year of a busy centre is a few MB. */
#define DOCTOR_MIN_FREE_MB 100

struct doctor {
	int problems;
};

static void ok(const char *area, const char *what)
{
	/* TRANSLATORS: a result line of kiosk doctor: "Database: ok: ..." */
	printf(_("%s: ok: %s\n"), area, what);
}

static void note(const char *area, const char *what)
{
	/* TRANSLATORS: something worth knowing that is not a problem */
	printf(_("%s: note: %s\n"), area, what);
}

/* fix NULL when the problem text says it already. */
static void problem(struct doctor *d, const char *area, const char *what, const char *fix)
{
	d->problems++;
	/* TRANSLATORS: keep PROBLEM in capitals: trainers look for it */
	printf(_("%s: PROBLEM: %s\n"), area, what);
	if (fix)
		printf(_("  What to do: %s\n"), fix);
}

/* ok/problem with a formatted text; the area and fix stay plain. */
#define SAY(fn, ...) do { char *m_ = xasprintf(__VA_ARGS__); fn; free(m_); } while (0)

/* ---- the terminal ---- */

static int terminal_fd(void)
{
	if (isatty(STDIN_FILENO))
		return STDIN_FILENO;
	return isatty(STDOUT_FILENO) ? STDOUT_FILENO : STDERR_FILENO;
}

static void check_terminal(struct doctor *d, const struct termcheck *t)
{
	const char *area = _("Terminal");
	char *why = termcheck_explain(t);

	if (why) {
		problem(d, area, why, NULL);
		free(why);
		return;
	}
	SAY(ok(area, m_), _("the type %s has the keys F2, F10, F11 and F12"), t->name);
	if (t->colours < 8)
		problem(d, area, _("this terminal type shows no colours: right and wrong answers "
		                   "would differ only in bold"),
		        _("on the Linux console use TERM=linux, in a window TERM=xterm-256color"));
	else
		SAY(ok(area, m_), _("%d colours"), t->colours);
	if (t->rows == 0)
		note(area, _("not run on a terminal, so the window size was not checked"));
	else if (t->cols < TERMCHECK_MIN_COLS || t->rows < TERMCHECK_MIN_ROWS)
		SAY(problem(d, area, m_, _("make the window larger, or choose a smaller console "
		                           "font (README, \"The console font\")")),
		    _("the window is %dx%d; the kiosk needs at least %dx%d"), t->cols, t->rows,
		    TERMCHECK_MIN_COLS, TERMCHECK_MIN_ROWS);
	else
		SAY(ok(area, m_), _("the window is %dx%d"), t->cols, t->rows);
}

/* ---- the locale and translations ---- */

static void check_locale(struct doctor *d, bool utf8)
{
	const char *area = _("Language");
	char *dir = getenv("KIOSK_LOCALEDIR") && *getenv("KIOSK_LOCALEDIR")
	          ? xstrdup(getenv("KIOSK_LOCALEDIR")) : paths_localedir();
	const char *langs[] = { "bg", "uk" };

	if (utf8)
		ok(area, _("UTF-8: Cyrillic letters can be shown and typed"));
	else
		problem(d, area, _("no UTF-8 locale: Cyrillic letters cannot be shown or typed"),
		        _("install the locales package, or make sure 'locale -a' lists C.UTF-8"));
	for (size_t i = 0; i < 2; i++) {
		char *mo = xasprintf("%s/%s/LC_MESSAGES/kiosk.mo", dir, langs[i]);

		if (access(mo, R_OK) == 0)
			SAY(ok(area, m_), _("the %s translation is in %s"), langs[i], mo);
		else
			SAY(problem(d, area, m_, _("install the kiosk again (the package, or make "
			                           "install)")),
			    _("the %s translation is missing: %s"), langs[i], mo);
		free(mo);
	}
	free(dir);
}

/* ---- the lessons ---- */

static void check_lessons(struct doctor *d, const char *dir)
{
	const char *area = _("Lessons");
	struct catalog c = { 0 };
	struct diags g = { 0 };
	size_t lessons = 0;
	char *fix = xasprintf(_("run: kiosk check-lessons %s"), dir);

	if (catalog_load(dir, &c, &g) < 0 && g.count == 0)
		SAY(problem(d, area, m_, fix), _("no usable lessons in %s"), dir);
	else if (g.count > 0)
		SAY(problem(d, area, m_, fix),
		    ngettext("%zu problem in the lessons in %s", "%zu problems in the lessons in %s",
		             g.count), g.count, dir);
	else {
		for (size_t i = 0; i < c.count; i++)
			lessons += c.sets[i].count;
		SAY(ok(area, m_), ngettext("%zu lesson in %s, no problems",
		                           "%zu lessons in %s, no problems", lessons), lessons, dir);
	}
	free(fix);
	diags_free(&g);
	catalog_free(&c);
}

/* ---- the database ---- */

static const char *user_name(void)
{
	struct passwd *pw = getpwuid(geteuid());

	return pw ? pw->pw_name : "?";
}

static void check_free_space(struct doctor *d, const char *area, const char *db)
{
	char *dir = path_dir(db);
	struct statvfs v;

	if (statvfs(dir, &v) == 0) {
		unsigned long long mb = (unsigned long long)v.f_bavail * v.f_frsize / (1024 * 1024);

		if (mb < DOCTOR_MIN_FREE_MB)
			SAY(problem(d, area, m_, _("free some disk space: the kiosk needs it to keep "
			                           "saving the learners' progress")),
			    _("only %llu MB free on the disk of %s"), mb, dir);
		else
			SAY(ok(area, m_), _("%llu MB free on the disk"), mb);
	}
	free(dir);
}

/* One integer from a query on a read-only connection; -1 when it fails. */
static long long query_one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* PRAGMA integrity_check's first line: "ok" or the first damage found.  Caller frees. */
static char *integrity(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *r = NULL;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK)
		return xstrdup(sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	else
		r = xstrdup(sqlite3_errmsg(db));
	sqlite3_finalize(st);
	/* One line, and nothing from a damaged file reaches the terminal as a control code. */
	for (char *p = r; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return r;
}

static void check_contents(struct doctor *d, const char *area, const char *path)
{
	sqlite3 *db = NULL;
	char *fix_pin = xasprintf("kiosk set-trainer-pin --db %s", path);
	char *damage;
	long long version, pin;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		SAY(problem(d, area, m_, NULL), _("cannot open %s: %s"), path, sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	damage = integrity(db);
	if (strcmp(damage, "ok") != 0) {
		SAY(problem(d, area, m_, _("stop the kiosk and put back a copy made with kiosk "
		                           "backup")),
		    _("%s is damaged or unreadable: %s"), path, damage);
		free(damage);
		goto out;
	}
	free(damage);
	version = query_one(db, "PRAGMA user_version");
	if (version > STORE_SCHEMA_VERSION)
		SAY(problem(d, area, m_, _("install the newer kiosk program")),
		    _("%s was written by a newer kiosk (schema %lld; this one knows up to %d)"),
		    path, version, STORE_SCHEMA_VERSION);
	else if (version < STORE_SCHEMA_VERSION)
		SAY(note(area, m_), _("%s has schema %lld; the kiosk upgrades it to %d when it "
		                      "starts"), path, version, STORE_SCHEMA_VERSION);
	else
		SAY(ok(area, m_), _("%s is intact, schema %lld"), path, version);
	/* The store keeps the PIN hash in settings under this key (store.c, SETTING_PIN). */
	pin = query_one(db, "SELECT count(*) FROM settings WHERE key = 'trainer_pin' "
	                    "AND value LIKE '$%'");
	if (pin > 0)
		ok(area, _("a trainer PIN is set"));
	else
		problem(d, area, _("no trainer PIN is set: nobody can open the trainer menu, and "
		                   "anyone can leave the kiosk"), fix_pin);
out:
	sqlite3_close(db);
	free(fix_pin);
}

static void check_database(struct doctor *d, const char *path)
{
	const char *area = _("Database");
	char *dir = path_dir(path);
	char *fix;
	struct stat st;

	if (stat(path, &st) < 0) {
		bool missing = errno == ENOENT;  /* before anything else can change errno */

		fix = missing
		    ? xasprintf(_("it is made when the kiosk first starts; then set the trainer PIN: "
		                  "kiosk set-trainer-pin --db %s"), path)
		    : xasprintf(_("run this check as the user the kiosk runs as (for the package: "
		                  "sudo -u kiosk kiosk doctor)"));
		SAY(problem(d, area, m_, fix), missing ? _("%s does not exist yet")
		                                        : _("%s cannot be reached"), path);
		free(fix);
		check_free_space(d, area, path);
		free(dir);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		SAY(problem(d, area, m_, _("give --db the path of a database file")),
		    _("%s is not a regular file"), path);
		free(dir);
		return;
	}
	if (access(path, R_OK | W_OK) < 0 || access(dir, W_OK | X_OK) < 0)
		SAY(problem(d, area, m_, _("run the kiosk and this check as the user who owns the "
		                           "database (for the package: sudo -u kiosk kiosk doctor)")),
		    _("%s (or its folder) cannot be written by the user %s"), path, user_name());
	else
		SAY(ok(area, m_), _("%s can be written"), path);
	if (st.st_mode & 077) {
		fix = xasprintf("chmod 600 %s", path);
		SAY(problem(d, area, m_, fix), _("%s can be read by other users (mode %04o): names "
		                                 "and answers are private"),
		    path, (unsigned)(st.st_mode & 07777));
		free(fix);
	}
	check_contents(d, area, path);
	check_free_space(d, area, path);
	free(dir);
}

/* ---- the console font ---- */

/* Letters the lessons need that Latin-only and Russian-only fonts lack: Bulgarian Ж and Ъ,
 * Ukrainian Є, І, Ї, Ґ. */
static const unsigned short needed_letters[] = { 0x0416, 0x042A, 0x0404, 0x0406, 0x0407, 0x0490 };

/* True when the console's Unicode map has every needed letter; -1 when it cannot be read. */
static int font_has_cyrillic(int fd)
{
	struct unipair pairs[2048];
	struct unimapdesc map = { .entry_ct = 2048, .entries = pairs };
	size_t found = 0;

	if (ioctl(fd, GIO_UNIMAP, &map) < 0)
		return -1;
	for (size_t i = 0; i < sizeof needed_letters / sizeof needed_letters[0]; i++)
		for (unsigned j = 0; j < map.entry_ct; j++)
			if (pairs[j].unicode == needed_letters[i]) {
				found++;
				break;
			}
	return found == sizeof needed_letters / sizeof needed_letters[0];
}

static void check_console_font(struct doctor *d)
{
	const char *area = _("Console font");
	const char *tty = ttyname(STDIN_FILENO);
	int has;

	/* Virtual consoles are /dev/ttyN; a pseudo-terminal or serial line has no font here. */
	if (!tty || strncmp(tty, "/dev/tty", 8) != 0 || tty[8] < '0' || tty[8] > '9') {
		note(area, _("not on the Linux console, so the console font was not checked"));
		return;
	}
	has = font_has_cyrillic(STDIN_FILENO);
	if (has < 0)
		note(area, _("the console font could not be read (run the check as root)"));
	else if (has)
		ok(area, _("the console font has the Bulgarian and Ukrainian letters"));
	else
		problem(d, area, _("the console font lacks Bulgarian or Ukrainian letters"),
		        _("in /etc/default/console-setup set CODESET=\"CyrSlav\" "
		          "FONTFACE=\"TerminusBold\" FONTSIZE=\"16x32\", then run setupcon"));
}

/* ---- the command ---- */

/* Where the environment names no language, the kiosk's own (kiosk set-language), as the other
 * trainer commands do; read without opening the store, which could change the file. */
static void use_kiosk_language(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st;

	if (i18n_language_from_env() || access(path, R_OK) < 0)
		return;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = 'language'", -1, &st,
	                       NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
			const char *v = (const char *)sqlite3_column_text(st, 0);

			if (strcmp(v, "bg") == 0 || strcmp(v, "uk") == 0)
				i18n_set_language(v);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

/* Reading aloud is a help, not a need: without it the kiosk works silently, so a missing
 * engine or sound device is a note, not a problem. */
static void check_speech(void)
{
	const char *cmd = getenv("KIOSK_SPEECH_CMD");
	struct speech sp;
	const char *why;

	speech_init(&sp, cmd && *cmd ? cmd : NULL, SPEECH_RATE_DEFAULT);
	why = speech_problem(&sp);
	if (why)
		note(_("Reading aloud"), why);
	else
		ok(_("Reading aloud"), sp.cmd ? sp.cmd : "espeak-ng");
}

static void usage(FILE *out)
{
	fprintf(out, _("Usage: kiosk doctor [--db PATH] [--lessons DIR]\n"));
}

int cmd_doctor(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_LESSONS, OPT_HELP };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "lessons", required_argument, NULL, OPT_LESSONS },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_opt = NULL, *lessons_opt = NULL;
	struct doctor d = { 0 };
	struct termcheck t;
	char *db, *lessons;
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: db_opt = optarg; break;
		case OPT_LESSONS: lessons_opt = optarg; break;
		case OPT_HELP:
			usage(stdout);
			printf(_("Checks the terminal, the language, the lessons, the database and the "
			         "console font,\nand says what to do about each problem.  Exit status: "
			         "0 all is well, 1 a problem.\n"));
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	db = db_opt ? xstrdup(db_opt) : cmd_default_db();
	use_kiosk_language(db);
	termcheck_run(terminal_fd(), &t);
	check_terminal(&d, &t);
	check_locale(&d, strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	lessons = lessons_opt ? xstrdup(lessons_opt) : cmd_default_lessons();
	check_lessons(&d, lessons);
	check_database(&d, db);
	check_console_font(&d);
	check_speech();
	if (d.problems)
		printf(ngettext("%d problem found.\n", "%d problems found.\n", d.problems),
		       d.problems);
	else
		printf(_("All is well.\n"));
	free(lessons);
	free(db);
	return d.problems ? 1 : 0;
}
