/* cmd_admin: the trainer's batch commands, for scripted administration.
 *   kiosk learners [--db PATH]                              the learners as a table
 *   kiosk reset --learner ID|NAME [--lesson LESSON] [--db PATH]  start a lesson (or all) afresh
 *   kiosk remove-learner ID [--db PATH]                     erase a learner's name
 *   kiosk set-trainer-pin [--db PATH]                       set or change the trainer PIN
 * Each works while a kiosk runs on the same database: the store keeps its write
 * transactions short and waits for the kiosk's (busy timeout).  Results and the one-line
 * confirmation go to stdout, errors to stderr; exit 0 success, 1 failure, 2 usage. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "isotime.h"
#include "pin.h"
#include "store.h"
#include "text.h"
#include "util.h"

#define EXIT_USAGE 2
#define EXIT_INTERRUPTED 130  /* as a shell reports a command ended by Ctrl-C */

/* ---- options ---- */

enum { OPT_DB = 256, OPT_LEARNER, OPT_LESSON, OPT_HELP };

/* Which options a command takes. */
#define TAKES_LEARNER 1u
#define TAKES_LESSON 2u

struct admin_opts {
	const char *db;       /* --db, or NULL for cmd_default_db() */
	const char *learner;  /* --learner, as typed */
	const char *lesson;   /* --lesson */
	int first_arg;        /* index in argv of the first operand */
};

/* The command's usage line; usage(...) also prints what it does for --help. */
struct admin_cmd {
	const char *name;
	const char *usage;    /* untranslated; _() at print time */
	const char *about;
	unsigned takes;
	int operands;         /* exact number of operands (learner ID for remove-learner);
	                       * -1: zero or one */
	const char *missing;  /* what to say when the operand is missing; untranslated */
};

static const struct admin_cmd learners_cmd = {
	"learners", N_("Usage: kiosk learners [--db PATH]\n"),
	N_("Lists the learners: ID, name, last visit (local time), lessons started and\n"
	   "completed, and the IDs of their lessons (for 'kiosk reset --lesson').\n"),
	0, 0, NULL,
};
static const struct admin_cmd reset_cmd = {
	"reset", N_("Usage: kiosk reset --learner ID|NAME [--lesson LESSON] [--db PATH]\n"),
	N_("Starts one lesson, or every lesson, afresh for a learner.  Earlier answers are\n"
	   "kept as history.  NAME: the whole name of exactly one learner; LESSON: an ID from\n"
	   "the last column of 'kiosk learners'.\n"),
	TAKES_LEARNER | TAKES_LESSON, 0, NULL,
};
static const struct admin_cmd remove_cmd = {
	"remove-learner", N_("Usage: kiosk remove-learner ID [--db PATH]\n"),
	N_("Erases a learner's name.  Their answers stay as anonymous statistics.\n"),
	0, 1, N_("kiosk %s: which learner? Give the ID shown by 'kiosk learners'\n"),
};
static const struct admin_cmd pin_cmd = {
	"set-trainer-pin", N_("Usage: kiosk set-trainer-pin [--db PATH]\n"),
	N_("Sets or changes the trainer PIN (6 to 12 digits).  On a terminal it is asked\n"
	   "twice and not shown; otherwise one line is read from standard input.\n"),
	0, 0, NULL,
};

static const struct admin_cmd language_cmd = {
	"set-language", N_("Usage: kiosk set-language bg|uk|none [--db PATH]\n"),
	N_("Sets the kiosk's own language: the language of its commands when the system's\n"
	   "locale (LANG) names neither Bulgarian nor Ukrainian.  'none': English then.\n"),
	0, 1, N_("kiosk %s: which language? Give bg, uk or none\n"),
};

static const struct admin_cmd name_cmd = {
	"set-name", N_("Usage: kiosk set-name NAME [--db PATH]\n"),
	N_("Gives the kiosk a name people recognise, such as the community centre and town.\n"
	   "Reports show it beside the kiosk id.  Without NAME: shows the current name.\n"),
	0, -1, NULL,
};

static const struct admin_cmd access_cmd = {
	"set-access", N_("Usage: kiosk set-access theme|speech-rate|auto-read VALUE [--db PATH]\n"),
	N_("Sets the kiosk's look and reading aloud for every learner (each learner can still\n"
	   "choose for themselves with F1, then F4 or F5):\n"
	   "  theme normal|contrast|mono   the colours; contrast for weak eyes, mono without colour\n"
	   "  speech-rate 80..260          words per minute read aloud (default 130)\n"
	   "  auto-read yes|no             read every step aloud as it opens\n"),
	0, 2, N_("kiosk %s: which setting and value? e.g. theme contrast\n"),
};

static int usage_error(const struct admin_cmd *c)
{
	fputs(_(c->usage), stderr);
	fprintf(stderr, _("Try 'kiosk %s --help' for more information.\n"), c->name);
	return EXIT_USAGE;
}

static void help(const struct admin_cmd *c)
{
	fputs(_(c->usage), stdout);
	fputs(_(c->about), stdout);
	printf(_("  --db PATH   the database (default: as for the kiosk itself)\n"));
}

/* Returns -1 after printing help (exit 0), EXIT_USAGE after a usage error, or 0. */
static int parse_options(int argc, char **argv, const struct admin_cmd *c,
                         struct admin_opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "learner", required_argument, NULL, OPT_LEARNER },
		{ "lesson", required_argument, NULL, OPT_LESSON },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof *o);
	opterr = 0;  /* our messages name the command, getopt's would not */
	while ((opt = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (opt == OPT_DB) {
			o->db = optarg;
		} else if (opt == OPT_LEARNER && (c->takes & TAKES_LEARNER)) {
			o->learner = optarg;
		} else if (opt == OPT_LESSON && (c->takes & TAKES_LESSON)) {
			o->lesson = optarg;
		} else if (opt == OPT_HELP) {
			help(c);
			return -1;
		} else if (opt == ':') {
			fprintf(stderr, _("kiosk %s: the option '%s' needs a value\n"), c->name,
			        argv[optind - 1]);
			return usage_error(c);
		} else {
			fprintf(stderr, _("kiosk %s: unknown option '%s'\n"), c->name,
			        argv[optind - 1]);
			return usage_error(c);
		}
	}
	o->first_arg = optind;
	if (argc - optind > (c->operands < 0 ? 1 : c->operands)) {
		fprintf(stderr, _("kiosk %s: unexpected argument '%s'\n"), c->name,
		        argv[optind + (c->operands < 0 ? 1 : c->operands)]);
		return usage_error(c);
	}
	if (argc - optind < c->operands) {
		fprintf(stderr, _(c->missing), c->name);
		return usage_error(c);
	}
	return 0;
}

/* A learner ID as typed: digits only, at least 1.  Prints the error itself. */
static int parse_id(const struct admin_cmd *c, const char *text, int64_t *id)
{
	char *end = (char *)text;
	long long v;

	/* strtoll alone would take " 7", "+7" and "-7". */
	errno = 0;
	v = text[0] >= '0' && text[0] <= '9' ? strtoll(text, &end, 10) : 0;
	if (v < 1 || errno || *end) {
		fprintf(stderr, _("kiosk %s: '%s' is not a learner ID: use a number from "
		                  "'kiosk learners'\n"), c->name, text);
		return -1;
	}
	*id = v;
	return 0;
}

/* Where the environment names no interface language, the kiosk's own setting (kiosk
 * set-language) is used: a trainer on a bare console reads the kiosk's language. */
static void use_kiosk_language(struct store *s)
{
	char lang[STORE_LANGUAGE_LEN];
	struct kerr err;

	if (!i18n_language_from_env() && store_kiosk_language(s, lang, &err) == 0 && *lang)
		i18n_set_language(lang);
}

static struct store *open_store(const struct admin_opts *o)
{
	char *path = o->db ? xstrdup(o->db) : cmd_default_db();
	struct store *s = NULL;
	struct kerr err;

	if (store_open(path, &s, &err) < 0)
		fprintf(stderr, "kiosk: %s\n", err.msg);
	else
		use_kiosk_language(s);
	free(path);
	return s;
}

/* ---- kiosk learners ---- */

/* A copy of name safe to print: control characters, C0 and C1 (a learner's name must not
 * be able to move the trainer's cursor or change their terminal), become '?'. */
static char *printable(const char *name)
{
	char *out = xstrdup(name);

	util_printable(out);
	return out;
}

/* "2026-11-23T10:15:02.123Z" (UTC) as local "2026-11-23 12:15"; caller frees.  NULL (no
 * session yet) reads "never". */
static char *local_time(const char *utc)
{
	int64_t ms;
	char buf[32];

	if (!utc)
		return xstrdup(_("never"));
	if (isotime_parse(utc, false, &ms) < 0 || isotime_format_local(ms, buf, sizeof buf) < 0)
		return xstrdup(utc);
	return xstrdup(buf);
}

enum { COL_ID, COL_NAME, COL_SEEN, COL_STARTED, COL_DONE, COL_LESSONS, COLS };

/* Numbers right, text left; widths in display columns, never bytes. */
static const bool right_aligned[COLS] = { true, false, false, true, true, false };

struct table {
	char *(*cell)[COLS];  /* rows of cells; row 0 is the header */
	size_t rows;
	size_t width[COLS];
};

static void add_row(struct table *t, char *cells[COLS])
{
	t->cell = xrealloc(t->cell, (t->rows + 1) * sizeof *t->cell);
	for (int c = 0; c < COLS; c++) {
		size_t w = text_width(cells[c]);

		t->cell[t->rows][c] = cells[c];
		if (w > t->width[c])
			t->width[c] = w;
	}
	t->rows++;
}

static void pad(size_t n)
{
	while (n--)
		putchar(' ');
}

/* Two spaces between columns; nothing after the last. */
static void print_table(const struct table *t)
{
	for (size_t r = 0; r < t->rows; r++) {
		for (int c = 0; c < COLS; c++) {
			const char *s = t->cell[r][c];
			size_t fill = t->width[c] - text_width(s);

			if (c > 0)
				pad(2);
			if (right_aligned[c])
				pad(fill);
			fputs(s, stdout);
			if (!right_aligned[c] && c < COLS - 1)
				pad(fill);
		}
		putchar('\n');
	}
}

static void free_table(struct table *t)
{
	for (size_t r = 0; r < t->rows; r++)
		for (int c = 0; c < COLS; c++)
			free(t->cell[r][c]);
	free(t->cell);
}

/* The table, with each learner's lesson IDs (for `kiosk reset --lesson`) last. */
static int print_learners(struct store *s, const struct learner_summary *v, size_t n,
                          struct kerr *err)
{
	struct table t = { 0 };
	char *header[COLS] = {
		xstrdup(_("ID")), xstrdup(_("Name")), xstrdup(_("Last visit")),
		xstrdup(_("Lessons started")), xstrdup(_("Lessons completed")),
		xstrdup(_("Lesson IDs")),
	};
	int rc = 0;

	add_row(&t, header);
	for (size_t i = 0; i < n; i++) {
		char *row[COLS] = {
			xasprintf("%" PRId64, v[i].id), printable(v[i].name),
			local_time(v[i].last_seen), xasprintf("%zu", v[i].lessons_started),
			xasprintf("%zu", v[i].lessons_completed),
			printable(*v[i].lesson_ids ? v[i].lesson_ids : "-"),
		};

		add_row(&t, row);
	}
	if (rc == 0)
		print_table(&t);
	free_table(&t);
	return rc;
}

/* "Kiosk: Читалище „Христо Ботев“ (id 2ed1076d…)" above the table, so that a list printed
 * on paper says which kiosk it came from; nothing for a kiosk without a name. */
static int print_kiosk(struct store *s, struct kerr *err)
{
	char *name = NULL, *shown;

	if (store_kiosk_name(s, &name, err) < 0)
		return -1;
	if (name) {
		shown = printable(name);
		printf(_("Kiosk: %s (kiosk id %s)\n"), shown, store_kiosk_id(s));
		free(shown);
	}
	free(name);
	return 0;
}

int cmd_learners(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct learner_summary *v;
	size_t n;
	struct kerr err;
	int rc = parse_options(argc, argv, &learners_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(s = open_store(&o)))
		return 1;
	if (store_learner_summaries(s, &v, &n, &err) < 0) {
		store_close(s);
		fprintf(stderr, "kiosk: %s\n", err.msg);
		return 1;
	}
	rc = print_kiosk(s, &err);
	if (rc == 0 && n == 0)
		printf(_("No learners yet.\n"));
	else if (rc == 0)
		rc = print_learners(s, v, n, &err);
	store_free_learner_summaries(v, n);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk: %s\n", err.msg);
		return 1;
	}
	return 0;
}

/* ---- kiosk reset ---- */

/* The confirmation, or the refusal when there was nothing to reset. */
static int report_reset(int64_t id, const char *name, const char *lesson, size_t answers)
{
	if (answers == 0 && lesson) {
		/* Most likely a mistyped lesson id: say so rather than succeed silently. */
		fprintf(stderr, _("kiosk: learner %" PRId64 " (%s) has no current answers in the "
		                  "lesson '%s'; nothing was reset (a lesson's ID is the name of "
		                  "its .lesson file)\n"), id, name, lesson);
		return 1;
	}
	if (answers == 0)
		printf(_("Nothing to reset: learner %" PRId64 " (%s) has no current answers.\n"),
		       id, name);
	else if (lesson)
		printf(ngettext("Reset the lesson %s for learner %" PRId64 " (%s): %zu earlier "
		                "answer is kept as history.\n",
		                "Reset the lesson %s for learner %" PRId64 " (%s): %zu earlier "
		                "answers are kept as history.\n", answers),
		       lesson, id, name, answers);
	else
		printf(ngettext("Reset all lessons for learner %" PRId64 " (%s): %zu earlier "
		                "answer is kept as history.\n",
		                "Reset all lessons for learner %" PRId64 " (%s): %zu earlier "
		                "answers are kept as history.\n", answers),
		       id, name, answers);
	return 0;
}

/* Prints "  3  Мария Петрова" lines for the learners whose folded name is (exact) or contains
 * (!exact) key; returns how many. */
static size_t list_named(const struct learner *v, size_t n, const char *key, bool exact,
                         int64_t *first)
{
	size_t found = 0;

	for (size_t i = 0; i < n; i++) {
		char *f = text_fold(v[i].name);
		bool hit = exact ? strcmp(f, key) == 0 : strstr(f, key) != NULL;

		free(f);
		if (!hit)
			continue;
		if (found++ == 0)
			*first = v[i].id;
	}
	return found;
}

static void print_named(const struct learner *v, size_t n, const char *key, bool exact)
{
	for (size_t i = 0; i < n; i++) {
		char *f = text_fold(v[i].name), *shown;
		bool hit = exact ? strcmp(f, key) == 0 : strstr(f, key) != NULL;

		free(f);
		if (!hit)
			continue;
		shown = printable(v[i].name);
		fprintf(stderr, "  %" PRId64 "  %s\n", v[i].id, shown);
		free(shown);
	}
}

/* --learner as an ID, or as the name of exactly one learner (case and Cyrillic letters
 * folded as the kiosk compares names).  Returns 0 and *id, or 1 after saying why not. */
static int learner_by_name(struct store *s, const char *typed, int64_t *id)
{
	struct learner *v;
	size_t n, exact, partial;
	struct kerr err;
	char *key = text_fold(typed), *shown = printable(typed);
	int rc = 1;

	if (store_list_learners(s, &v, &n, &err) < 0) {
		fprintf(stderr, "kiosk: %s\n", err.msg);
		free(key);
		free(shown);
		return 1;
	}
	exact = list_named(v, n, key, true, id);
	if (exact == 1) {
		rc = 0;
	} else if (exact > 1) {
		fprintf(stderr, _("kiosk reset: %zu learners are called '%s'; give one of these "
		                  "IDs with --learner:\n"), exact, shown);
		print_named(v, n, key, true);
	} else if (*key && (partial = list_named(v, n, key, false, id)) > 0) {
		fprintf(stderr, _("kiosk reset: no learner is called '%s'; these names contain it "
		                  "(give the ID or the whole name):\n"), shown);
		print_named(v, n, key, false);
	} else {
		fprintf(stderr, _("kiosk reset: no learner is called '%s' (see 'kiosk learners')\n"),
		        shown);
	}
	store_free_learners(v, n);
	free(key);
	free(shown);
	return rc;
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int cmd_reset(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct kerr err;
	char *name = NULL, *shown;
	size_t answers;
	int64_t id;
	int rc = parse_options(argc, argv, &reset_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!o.learner) {
		fprintf(stderr, _("kiosk reset: say whose lessons to reset with --learner ID\n"));
		return usage_error(&reset_cmd);
	}
	if (o.lesson && !*o.lesson) {
		fprintf(stderr, _("kiosk reset: the lesson ID is empty; leave out --lesson to "
		                  "reset every lesson\n"));
		return usage_error(&reset_cmd);
	}
	if (all_digits(o.learner) && parse_id(&reset_cmd, o.learner, &id) < 0)
		return EXIT_USAGE;
	if (!(s = open_store(&o)))
		return 1;
	if (!all_digits(o.learner) && learner_by_name(s, o.learner, &id) != 0) {
		store_close(s);
		return 1;
	}
	rc = store_learner_name(s, id, &name, &err);
	if (rc == 0)
		rc = store_reset(s, id, o.lesson, STORE_SOURCE_CLI, &answers, &err);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk: %s\n", err.msg);
		free(name);
		return 1;
	}
	shown = printable(name);
	rc = report_reset(id, shown, o.lesson, answers);
	free(shown);
	free(name);
	return rc;
}

/* ---- kiosk remove-learner ---- */

int cmd_remove_learner(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct kerr err;
	char *name = NULL, *shown;
	int64_t id;
	int rc = parse_options(argc, argv, &remove_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (parse_id(&remove_cmd, argv[o.first_arg], &id) < 0)
		return EXIT_USAGE;
	if (!(s = open_store(&o)))
		return 1;
	rc = store_learner_name(s, id, &name, &err);
	if (rc == 0)
		rc = store_remove_learner(s, id, STORE_SOURCE_CLI, &err);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk: %s\n", err.msg);
		free(name);
		return 1;
	}
	shown = printable(name);
	printf(_("Removed learner %" PRId64 " (%s): the name is erased; the answers stay as "
	         "anonymous statistics.\n"), id, shown);
	free(shown);
	free(name);
	return 0;
}

/* ---- kiosk set-trainer-pin ---- */

#define LINE_MAX_PIN 64  /* far more than a PIN: a longer line is "too long" all the same */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* Reads one line from fd into buf without its end ("\n" or "\r\n"); the rest of a longer
 * line is read and dropped.  Returns 0, or -1 at end of input before any character, on a
 * read error, or when a signal came (interrupted is then set). */
static int read_line(int fd, char buf[LINE_MAX_PIN])
{
	size_t len = 0;
	bool any = false;
	char ch;
	ssize_t r;

	for (;;) {
		r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR && !interrupted)
			continue;
		if (r <= 0 || ch == '\n')
			break;
		any = true;
		if (len < LINE_MAX_PIN - 1)
			buf[len++] = ch;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	if (interrupted || r < 0 || (r == 0 && !any))
		return -1;
	return 0;
}

/* Asks on the terminal with echo off.  Ctrl-C, hang-up or termination while the echo is
 * off must not leave the trainer's terminal without it: the handlers only set a flag, the
 * read is interrupted (no SA_RESTART), and the terminal is restored here. */
static int ask_hidden(const char *prompt, char buf[LINE_MAX_PIN])
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa = { .sa_handler = on_signal }, old[4];
	struct termios saved, quiet;
	int rc;

	if (tcgetattr(STDIN_FILENO, &saved) < 0)
		return -1;
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;  /* the Enter still moves to the next line */
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	fputs(prompt, stderr);
	fflush(stderr);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	rc = read_line(STDIN_FILENO, buf);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (interrupted)
		fputc('\n', stderr);
	return rc;
}

/* The new PIN into pin: asked twice on a terminal, else one line of standard input.
 * Returns 0, or an exit status after printing why. */
static int get_new_pin(char pin[LINE_MAX_PIN])
{
	char again[LINE_MAX_PIN];
	struct kerr err;
	int rc = 0;

	if (!isatty(STDIN_FILENO)) {
		if (read_line(STDIN_FILENO, pin) < 0) {
			fprintf(stderr, _("kiosk: no PIN on standard input: give the new PIN "
			                  "(6 to 12 digits) on one line\n"));
			return 1;
		}
	} else if (ask_hidden(_("New trainer PIN (6 to 12 digits): "), pin) < 0) {
		return interrupted ? EXIT_INTERRUPTED : 1;
	}
	if (pin_check_format(pin, &err) < 0) {
		fprintf(stderr, _("kiosk: %s; the PIN was not changed\n"), err.msg);
		return 1;
	}
	if (!isatty(STDIN_FILENO))
		return 0;
	if (ask_hidden(_("Type the same PIN again: "), again) < 0)
		rc = interrupted ? EXIT_INTERRUPTED : 1;
	else if (strcmp(pin, again) != 0) {
		fprintf(stderr, _("kiosk: the two PINs differ; the PIN was not changed\n"));
		rc = 1;
	}
	explicit_bzero(again, sizeof again);
	return rc;
}

/* Hashes and stores pin; returns an exit status. */
static int save_pin(struct store *s, const char *pin)
{
	struct kerr err;
	char *old = NULL, *hash = NULL;
	int rc = store_trainer_pin(s, &old, &err);

	if (rc == 0)
		rc = pin_hash(pin, &hash, &err);
	if (rc == 0)
		rc = store_set_trainer_pin(s, hash, STORE_SOURCE_CLI, &err);
	if (rc < 0)
		fprintf(stderr, "kiosk: %s\n", err.msg);
	else if (old)
		printf(_("The trainer PIN was changed.\n"));
	else
		printf(_("The trainer PIN was set.\n"));
	free(old);
	free(hash);
	return rc < 0 ? 1 : 0;
}

int cmd_set_trainer_pin(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	char pin[LINE_MAX_PIN];
	int rc = parse_options(argc, argv, &pin_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	/* The database first: a wrong path is found before the trainer types anything. */
	if (!(s = open_store(&o)))
		return 1;
	rc = get_new_pin(pin);
	if (rc == 0)
		rc = save_pin(s, pin);
	explicit_bzero(pin, sizeof pin);
	store_close(s);
	return rc;
}

/* ---- kiosk set-language ---- */

int cmd_set_language(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct kerr err;
	const char *lang;
	int rc = parse_options(argc, argv, &language_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	lang = argv[o.first_arg];
	if (strcmp(lang, "none") == 0)
		lang = "";
	else if (strcmp(lang, "bg") != 0 && strcmp(lang, "uk") != 0) {
		fprintf(stderr, _("kiosk set-language: '%s' is not a kiosk language: use bg, uk or "
		                  "none\n"), lang);
		return usage_error(&language_cmd);
	}
	if (!(s = open_store(&o)))
		return 1;
	rc = store_set_kiosk_language(s, lang, STORE_SOURCE_CLI, &err);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk: %s\n", err.msg);
		return 1;
	}
	if (!i18n_language_from_env())
		i18n_set_language(lang);  /* confirm in the language just chosen */
	if (*lang)
		printf(_("The kiosk's language is now %s.\n"), lang);
	else
		printf(_("The kiosk has no language of its own now: its commands follow LANG.\n"));
	return 0;
}

/* ---- kiosk set-name ---- */

int cmd_set_name(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct kerr err;
	char *name = NULL, *shown;
	int rc = parse_options(argc, argv, &name_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(s = open_store(&o)))
		return 1;
	if (o.first_arg < argc)
		rc = store_set_kiosk_name(s, argv[o.first_arg], STORE_SOURCE_CLI, &err);
	if (rc == 0)
		rc = store_kiosk_name(s, &name, &err);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk set-name: %s\n", err.msg);
		return 1;
	}
	shown = name ? printable(name) : NULL;
	if (!name)
		printf(_("This kiosk has no name yet.\n"));
	else if (o.first_arg < argc)
		printf(_("The kiosk is now called: %s\n"), shown);
	else
		printf(_("The kiosk is called: %s\n"), shown);
	free(shown);
	free(name);
	return 0;
}

/* ---- kiosk set-access ---- */

int cmd_set_access(int argc, char **argv)
{
	struct admin_opts o;
	struct store *s;
	struct kerr err;
	int rc = parse_options(argc, argv, &access_cmd, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!(s = open_store(&o)))
		return 1;
	rc = store_set_access(s, 0, argv[o.first_arg], argv[o.first_arg + 1], STORE_SOURCE_CLI,
	                      &err);
	store_close(s);
	if (rc < 0) {
		fprintf(stderr, "kiosk set-access: %s\n", err.msg);
		return usage_error(&access_cmd);
	}
	printf(_("Saved: %s is now %s for this kiosk.\n"), argv[o.first_arg],
	       argv[o.first_arg + 1]);
	return 0;
}
