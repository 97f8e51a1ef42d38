/* report: see report.h.
 *
 * Loading copies every learner, session and event of each database into memory, inside one
 * read transaction per database.  The reports are then computed in C over all databases at
 * once: medians and "distinct learners" cannot be added up per kiosk, and a learner is a
 * (database, learner id) pair, so merging never counts anyone twice.
 *
 * Definitions used below (the README's "For coordinators" says the same for trainers):
 *
 * Selected event: its time is within --since/--until (both inclusive) and its lesson set is
 *   --lang (when given).  Every figure counts selected events only.  Events given before a
 *   reset (reset_id set) and events of removed learners are selected like any other.
 * Answer event: any kind but complete (read, choose, type, practice).  Each Enter on a read
 *   step, each option picked, each typed answer and each button pressed on a practice
 *   screen is one answer event, also called an attempt.
 * Run: a learner's pass through a lesson, as the kiosk's progress sees it.  The learner's
 *   events in the lesson (any lesson set, whole history, ordered by event id) are cut into runs
 *   after each complete event and wherever reset_id changes between two consecutive events (a
 *   reset ended the run before it).
 * Visit: the selected answer events of one run at one step.  Its first try is the first of
 *   them; it "had a hint" when any of them was given with the hint on screen.
 * Furthest step of a learner in a lesson (and set): the highest position they got to, by step
 *   index (0-based, as recorded): a correct answer at index i takes them to i + 1, a wrong one
 *   leaves them at i; capped at the last step of the lesson as the learner saw it.
 *
 * lessons report, per lesson and lesson set:
 *   learners_started    learners with at least one selected event in the lesson
 *   learners_completed  learners with at least one selected complete event in the lesson
 *   completion_rate     learners_completed / learners_started (null when none started)
 *   median_minutes_to_complete  median over selected complete events of the minutes from the
 *                       first event of that complete event's run (looked up in the whole
 *                       history) to the complete event; each completion counts once, so a
 *                       learner who finished twice gives two values (null when none)
 *   steps               steps of the lesson in the lessons folder; when the lesson is no longer
 *                       there, the largest step count recorded with its events
 *   avg_attempts_per_step  answer events / visits (null when no visits)
 * steps report, per step of a lesson in a lesson set:
 *   attempts            selected answer events at the step
 *   first_try_success_rate  visits whose first try was correct / visits (null when none)
 *   hint_rate           visits that had a hint / visits (null when none)
 *   learners_reached    learners who completed the lesson or whose furthest step is this one
 *                       or later
 *   learners_stopped_here  learners who did not complete the lesson and whose furthest step is
 *                       this one (the drop-off: where they left, or are still working)
 * learners report, per learner with at least one selected event:
 *   first_seen, last_seen  times of the first and last selected event
 *   lessons_started     distinct lessons with a selected event (any lesson set)
 *   lessons_completed   distinct lessons with a selected complete event
 *   minutes_spent       sum over the learner's sessions with selected events of the minutes
 *                       from the session's start (or --since, when later) to its last selected
 *                       event
 * events report: one row per selected event.  Personal columns (name, answer) exist only with
 *   with_names; a removed learner's rows never carry a name, answer, pseudonym or session,
 *   since those would link them together again.
 */
#include "report.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "i18n.h"
#include "store.h"

#define BUSY_TIMEOUT_MS 5000
#define KIOSK_ID_LEN 32
#define PSEUDONYM_HEX 8      /* kiosk id digits in a learner's pseudonym */
#define MS_PER_DAY 86400000LL
#define MS_PER_MINUTE 60000.0
#define NO_POS SIZE_MAX      /* sorts lessons that are not in the lessons folder last */

/* ---- the loaded snapshot ---- */

struct kiosk {
	char *path;                   /* as given */
	char *real;                   /* realpath, to find the same file given twice */
	char id[KIOSK_ID_LEN + 1];
};

struct learner_rec {
	size_t db;
	int64_t id;
	char *name;
	bool removed;                 /* v3 learners.removed_at set: name and answers withheld */
};

struct session_rec {
	size_t db;
	int64_t id;
	int64_t start_ms;
};

struct event {
	size_t db;
	int64_t id, session, learner;
	int64_t reset_id;             /* 0: current; else the reset this answer came before */
	char *lang, *lesson, *step, *answer;
	int64_t step_index, step_count, at_ms;
	char *kind;                   /* as saved: "read", "practice", "complete"... */
	bool complete;                /* kind "complete"; every other kind is an answer */
	bool correct, hint;
	bool show_me;                 /* schema 4: answered after the "show me" demonstration */
	int64_t run;                  /* number of its run, unique over all databases */
	int64_t run_start_ms;         /* time of its run's first event */
};

struct report_data {
	struct kiosk *kiosks;
	size_t nkiosks;
	struct learner_rec *learners; /* sorted by db, id */
	size_t nlearners;
	struct session_rec *sessions; /* sorted by db, id */
	size_t nsessions;
	struct event *events;         /* by db, then id */
	size_t nevents;
	size_t cap_learners, cap_sessions, cap_events;
};

/* qsort, which must not be given a NULL array even to sort nothing. */
static void sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

static char *dup_or_null(const unsigned char *s)
{
	return s ? xstrdup((const char *)s) : NULL;
}

static char *dup_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return xstrdup(s ? (const char *)s : "");
}

/* ---- times ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Reads exactly n ASCII digits. */
static bool digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		*v = *v * 10 + (**p - '0');
	}
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* ".123456" after the seconds: milliseconds, further digits dropped. */
static bool fraction(const char **p, int *ms)
{
	int n = 0;

	*ms = 0;
	if (!expect(p, '.'))
		return true;
	for (; **p >= '0' && **p <= '9'; (*p)++, n++)
		if (n < 3)
			*ms = *ms * 10 + (**p - '0');
	for (int i = n; i < 3; i++)
		*ms *= 10;
	return n > 0;
}

/* "Z", "+02:00", "-0530", or nothing (UTC): minutes east of UTC. */
static bool zone(const char **p, int *minutes)
{
	int sign, h, m;

	*minutes = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		return true;
	}
	if (**p != '+' && **p != '-')
		return true;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (!digits(p, 2, &h))
		return false;
	expect(p, ':');
	if (!digits(p, 2, &m) || h > 23 || m > 59)
		return false;
	*minutes = sign * (h * 60 + m);
	return true;
}

/* "THH:MM[:SS[.fff]][zone]" after the date: milliseconds into the day, before the offset. */
static bool clock_time(const char **p, int64_t *ms, int *offset)
{
	int h, m, s = 0, frac = 0;

	if (**p != 'T' && **p != 't' && **p != ' ')
		return false;
	(*p)++;
	if (!digits(p, 2, &h) || !expect(p, ':') || !digits(p, 2, &m) || h > 23 || m > 59)
		return false;
	if (expect(p, ':') && (!digits(p, 2, &s) || s > 59 || !fraction(p, &frac)))
		return false;
	if (!zone(p, offset))
		return false;
	*ms = ((h * 60LL + m) * 60 + s) * 1000 + frac;
	return true;
}

int report_parse_time(const char *s, bool end_of_day, int64_t *ms)
{
	const char *p = s;
	int y, m, d, offset = 0;
	int64_t day, t = 0;

	if (!s || !digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &m) ||
	    !expect(&p, '-') || !digits(&p, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	day = days_from_civil(y, m, d) * MS_PER_DAY;
	if (*p == '\0') {
		*ms = day + (end_of_day ? MS_PER_DAY - 1 : 0);
		return 0;
	}
	if (!clock_time(&p, &t, &offset) || *p != '\0')
		return -1;
	*ms = day + t - offset * 60000LL;
	return 0;
}

void report_format_time(int64_t ms, char *buf, size_t size)
{
	int64_t days = ms / MS_PER_DAY, rest = ms % MS_PER_DAY, y;
	int m, d;

	if (rest < 0) {
		rest += MS_PER_DAY;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
	         (int)(rest / 3600000), (int)(rest / 60000 % 60), (int)(rest / 1000 % 60),
	         (int)(rest % 1000));
}

/* ---- loading one database ---- */

/* One database while it loads: the connection and what the file's schema has. */
struct source {
	const char *path;
	sqlite3 *db;
	bool v3;  /* events.reset_id and learners.removed_at exist (schema 3 or later) */
	bool v4;  /* events.show_me exists too (schema 4 or later) */
};

static int db_fail(const struct source *s, struct kerr *err, int rc)
{
	int primary = rc & 0xff;

	/* The reasons are the store's, so the kiosk and the export say the same thing. */
	if (primary == SQLITE_NOTADB)
		kerr_set(err, _("cannot read %s: the file is not a kiosk database"), s->path);
	else
		kerr_set(err, _("cannot read the database %s: %s"), s->path,
		         store_sqlite_reason(s->db, rc));
	return -1;
}

/* Read-only, so that an export can never change a kiosk's data; opening does not create a
 * missing file. */
static int open_source(struct source *s, struct kerr *err)
{
	struct stat st;
	int rc;

	if (stat(s->path, &st) < 0) {
		if (errno == ENOENT)
			kerr_set(err, _("cannot open the database %s: the file does not exist"),
			         s->path);
		else
			kerr_set(err, _("cannot open the database %s: %s"), s->path,
			         strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is a folder, not a file"),
		         s->path);
		return -1;
	}
	/* A named pipe would hang the open forever, a device would be read as a database. */
	if (!S_ISREG(st.st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is not a regular file (a named "
		                "pipe, a device or a socket)"), s->path);
		return -1;
	}
	rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		return db_fail(s, err, rc);
	sqlite3_extended_result_codes(s->db, 1);
	/* A WAL reader waits only in rare cases (the writer is recovering the log); a rollback
	 * journal database can be locked for the length of one write. */
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	return 0;
}

static int exec(const struct source *s, const char *sql, struct kerr *err)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : db_fail(s, err, rc);
}

static int not_ours(const struct source *s, struct kerr *err)
{
	kerr_set(err, _("cannot read %s: it is not a kiosk database (it has no kiosk id)"),
	         s->path);
	return -1;
}

/* meta.kiosk_id: what makes a file a kiosk database, and what tells kiosks apart. */
static int read_kiosk_id(const struct source *s, char id[KIOSK_ID_LEN + 1], struct kerr *err)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc = sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'kiosk_id'", -1,
	                            &st, NULL);

	if ((rc & 0xff) == SQLITE_ERROR)
		return not_ours(s, err);  /* no meta table, or not the columns of ours */
	if (rc != SQLITE_OK)
		return db_fail(s, err, rc);
	rc = sqlite3_step(st);
	v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	if (v && store_kiosk_id_valid((const char *)v))
		memcpy(id, v, KIOSK_ID_LEN + 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, rc);
	if (rc == SQLITE_DONE)
		return not_ours(s, err);
	if (!v || id[0] == '\0') {
		kerr_set(err, _("cannot read the database %s: its kiosk id is damaged"), s->path);
		return -1;
	}
	return 0;
}

/* Schema 3 added resets and removed learners, schema 4 the "show me" mark; a version 2 file
 * has none of them.  Asked of the columns themselves rather than user_version, so a later
 * schema that only adds keeps working. */
static int detect_schema(struct source *s, struct kerr *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db,
		"SELECT (SELECT count(*) FROM pragma_table_info('events') WHERE name = 'reset_id')"
		" + (SELECT count(*) FROM pragma_table_info('learners') WHERE name = 'removed_at'),"
		" (SELECT count(*) FROM pragma_table_info('events') WHERE name = 'show_me')",
		-1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->v3 = sqlite3_column_int(st, 0) == 2;
		s->v4 = s->v3 && sqlite3_column_int(st, 1) == 1;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : db_fail(s, err, rc);
}

static int each_row(const struct source *s, sqlite3_stmt *st, struct kerr *err,
                     int (*row)(struct report_data *, size_t, sqlite3_stmt *, const char *,
                                struct kerr *),
                     struct report_data *d, size_t db)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (row(d, db, st, s->path, err) < 0)
			return -1;
	return rc == SQLITE_DONE ? 0 : db_fail(s, err, rc);
}

/* Runs sql and hands each row to row(). */
static int query(const struct source *s, const char *sql, struct report_data *d, size_t db,
                 int (*row)(struct report_data *, size_t, sqlite3_stmt *, const char *,
                            struct kerr *),
                 struct kerr *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), status;

	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_ERROR)
			/* A table or column of the kiosk schema is missing. */
			kerr_set(err, _("cannot read the database %s: it is not a complete kiosk "
			                "database (%s)"), s->path, sqlite3_errmsg(s->db));
		else
			db_fail(s, err, rc);
		return -1;
	}
	status = each_row(s, st, err, row, d, db);
	sqlite3_finalize(st);
	return status;
}

static int learner_row(struct report_data *d, size_t db, sqlite3_stmt *st, const char *path,
                       struct kerr *err)
{
	struct learner_rec *l;

	d->learners = xgrow(d->learners, &d->cap_learners, d->nlearners, sizeof *d->learners);
	l = &d->learners[d->nlearners++];
	l->db = db;
	l->id = sqlite3_column_int64(st, 0);
	l->removed = sqlite3_column_int(st, 2) != 0;
	l->name = l->removed ? NULL : dup_text(st, 1);
	return 0;
}

static int bad_time(const char *path, const char *what, const unsigned char *at,
                    struct kerr *err)
{
	/* TRANSLATORS: the second %s is "a session" or "an event"; the third is the stored
	 * time as it is. */
	kerr_set(err, _("cannot read the database %s: %s has a damaged time (%s)"), path, what,
	         at ? (const char *)at : "NULL");
	return -1;
}

static int session_row(struct report_data *d, size_t db, sqlite3_stmt *st, const char *path,
                       struct kerr *err)
{
	struct session_rec *s;
	const unsigned char *at = sqlite3_column_text(st, 1);
	int64_t ms;

	if (report_parse_time((const char *)at, false, &ms) < 0)
		return bad_time(path, _("a session"), at, err);
	d->sessions = xgrow(d->sessions, &d->cap_sessions, d->nsessions, sizeof *d->sessions);
	s = &d->sessions[d->nsessions++];
	s->db = db;
	s->id = sqlite3_column_int64(st, 0);
	s->start_ms = ms;
	return 0;
}

static int event_row(struct report_data *d, size_t db, sqlite3_stmt *st, const char *path,
                     struct kerr *err)
{
	const unsigned char *at = sqlite3_column_text(st, 12);
	struct event *e;
	int64_t ms;

	if (report_parse_time((const char *)at, false, &ms) < 0)
		return bad_time(path, _("an event"), at, err);
	d->events = xgrow(d->events, &d->cap_events, d->nevents, sizeof *d->events);
	e = &d->events[d->nevents++];
	memset(e, 0, sizeof *e);
	e->db = db;
	e->id = sqlite3_column_int64(st, 0);
	e->session = sqlite3_column_int64(st, 1);
	e->learner = sqlite3_column_int64(st, 2);
	e->lang = dup_text(st, 3);
	e->lesson = dup_text(st, 4);
	e->step = dup_text(st, 5);
	e->step_index = sqlite3_column_int64(st, 6);
	e->step_count = sqlite3_column_int64(st, 7);
	e->kind = dup_text(st, 8);
	e->complete = strcmp(e->kind, "complete") == 0;
	e->answer = dup_or_null(sqlite3_column_text(st, 9));
	e->correct = sqlite3_column_int(st, 10) != 0;
	e->hint = sqlite3_column_int(st, 11) != 0;
	e->at_ms = ms;
	e->reset_id = sqlite3_column_int64(st, 13);  /* NULL reads as 0 */
	e->show_me = sqlite3_column_int(st, 14) != 0;
	return 0;
}

static const char sql_learners_v2[] = "SELECT id, name, 0 FROM learners";
static const char sql_learners_v3[] =
	"SELECT id, name, removed_at IS NOT NULL FROM learners";
static const char sql_sessions[] = "SELECT id, started_at FROM sessions";
static const char sql_events_v2[] =
	"SELECT id, session_id, learner_id, lang, lesson_id, step_id, step_index, step_count,"
	" kind, answer, correct, hint_shown, at, NULL, 0 FROM events ORDER BY id";
static const char sql_events_v3[] =
	"SELECT id, session_id, learner_id, lang, lesson_id, step_id, step_index, step_count,"
	" kind, answer, correct, hint_shown, at, reset_id, 0 FROM events ORDER BY id";
static const char sql_events_v4[] =
	"SELECT id, session_id, learner_id, lang, lesson_id, step_id, step_index, step_count,"
	" kind, answer, correct, hint_shown, at, reset_id, show_me FROM events ORDER BY id";

/* Everything of one database, in one read transaction: the learners, sessions and events
 * copied are one consistent state even while the kiosk records answers. */
static int read_source(struct source *s, struct report_data *d, size_t db, struct kerr *err)
{
	struct kiosk *k = &d->kiosks[db];
	int status;

	if (exec(s, "BEGIN", err) < 0)
		return -1;
	status = read_kiosk_id(s, k->id, err);
	if (status == 0)
		status = detect_schema(s, err);
	if (status == 0)
		status = query(s, s->v3 ? sql_learners_v3 : sql_learners_v2, d, db, learner_row,
		               err);
	if (status == 0)
		status = query(s, sql_sessions, d, db, session_row, err);
	if (status == 0)
		status = query(s, s->v4 ? sql_events_v4 : s->v3 ? sql_events_v3 : sql_events_v2,
		               d, db, event_row, err);
	/* Ends the read either way; a read has nothing to lose. */
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return status;
}

static int load_one(struct report_data *d, size_t db, const char *path, struct kerr *err)
{
	struct source s = { .path = path };
	int status = open_source(&s, err);

	d->kiosks[db].path = xstrdup(path);
	d->kiosks[db].real = realpath(path, NULL);
	if (!d->kiosks[db].real)
		d->kiosks[db].real = xstrdup(path);
	if (status == 0)
		status = read_source(&s, d, db, err);
	sqlite3_close(s.db);
	return status;
}

/* The same file twice, or a copy of a kiosk's file next to the original, would count every
 * learner twice. */
static int check_twice(const struct report_data *d, size_t db, struct kerr *err)
{
	const struct kiosk *k = &d->kiosks[db];

	for (size_t i = 0; i < db; i++) {
		if (strcmp(d->kiosks[i].real, k->real) == 0) {
			kerr_set(err, _("the database %s is given twice (also as %s): give each "
			                "database once"), k->path, d->kiosks[i].path);
			return -1;
		}
		if (strcmp(d->kiosks[i].id, k->id) == 0) {
			kerr_set(err, _("%s and %s are the same kiosk (kiosk id %s): one is a "
			                "copy of the other; give each kiosk's database once"),
			         d->kiosks[i].path, k->path, k->id);
			return -1;
		}
	}
	return 0;
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int learner_rec_cmp(const void *a, const void *b)
{
	const struct learner_rec *x = a, *y = b;

	return x->db != y->db ? cmp_size(x->db, y->db) : cmp_i64(x->id, y->id);
}

static int session_rec_cmp(const void *a, const void *b)
{
	const struct session_rec *x = a, *y = b;

	return x->db != y->db ? cmp_size(x->db, y->db) : cmp_i64(x->id, y->id);
}

/* ---- runs ---- */

/* Orders a learner's events in one lesson (all lesson sets) by id. */
static int run_order(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;
	int c;

	if (x->db != y->db)
		return cmp_size(x->db, y->db);
	if (x->learner != y->learner)
		return cmp_i64(x->learner, y->learner);
	if ((c = strcmp(x->lesson, y->lesson)))
		return c;
	return cmp_i64(x->id, y->id);
}

static bool same_learner_lesson(const struct event *a, const struct event *b)
{
	return a->db == b->db && a->learner == b->learner && strcmp(a->lesson, b->lesson) == 0;
}

/* Numbers the runs (see the definitions at the top).  A run also ends where reset_id changes,
 * because the kiosk started that learner afresh there. */
static void mark_runs(struct report_data *d)
{
	const struct event **v = xmalloc(d->nevents * sizeof *v);
	int64_t run = 0, start = 0;

	for (size_t i = 0; i < d->nevents; i++)
		v[i] = &d->events[i];
	sort(v, d->nevents, sizeof *v, run_order);
	for (size_t i = 0; i < d->nevents; i++) {
		struct event *e = (struct event *)v[i];
		const struct event *prev = i > 0 ? v[i - 1] : NULL;

		if (!prev || !same_learner_lesson(prev, e) || prev->complete ||
		    prev->reset_id != e->reset_id) {
			run++;
			start = e->at_ms;
		}
		e->run = run;
		e->run_start_ms = start;
	}
	free(v);
}

int report_load(const char *const *paths, size_t count, struct report_data **out,
                struct kerr *err)
{
	struct report_data *d = xcalloc(1, sizeof *d);

	*out = NULL;
	d->kiosks = xcalloc(count, sizeof *d->kiosks);
	for (size_t i = 0; i < count; i++) {
		d->nkiosks = i + 1;
		if (load_one(d, i, paths[i], err) < 0 || check_twice(d, i, err) < 0) {
			report_data_free(d);
			return -1;
		}
	}
	sort(d->learners, d->nlearners, sizeof *d->learners, learner_rec_cmp);
	sort(d->sessions, d->nsessions, sizeof *d->sessions, session_rec_cmp);
	mark_runs(d);
	*out = d;
	return 0;
}

void report_data_free(struct report_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nkiosks; i++) {
		free(d->kiosks[i].path);
		free(d->kiosks[i].real);
	}
	for (size_t i = 0; i < d->nlearners; i++)
		free(d->learners[i].name);
	for (size_t i = 0; i < d->nevents; i++) {
		struct event *e = &d->events[i];

		free(e->lang);
		free(e->lesson);
		free(e->step);
		free(e->answer);
		free(e->kind);
	}
	free(d->kiosks);
	free(d->learners);
	free(d->sessions);
	free(d->events);
	free(d);
}

size_t report_data_kiosks(const struct report_data *d)
{
	return d->nkiosks;
}

const char *report_data_kiosk_id(const struct report_data *d, size_t i)
{
	return i < d->nkiosks ? d->kiosks[i].id : NULL;
}

static const struct learner_rec *find_learner(const struct report_data *d, size_t db,
                                              int64_t id)
{
	struct learner_rec key = { .db = db, .id = id };

	return bsearch(&key, d->learners, d->nlearners, sizeof key, learner_rec_cmp);
}

static const struct session_rec *find_session(const struct report_data *d, size_t db,
                                              int64_t id)
{
	struct session_rec key = { .db = db, .id = id };

	return bsearch(&key, d->sessions, d->nsessions, sizeof key, session_rec_cmp);
}

/* ---- tables of cells ---- */

static struct report *new_report(enum report_kind kind, const char *const *cols, size_t n,
                                 bool with_names, const char *personal)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->kind = kind;
	r->columns = xmalloc(n * sizeof *r->columns);
	for (size_t i = 0; i < n; i++)
		if (with_names || !personal || strcmp(cols[i], personal) != 0)
			r->columns[r->ncols++] = cols[i];
	return r;
}

/* Appends a row of null cells; returns its first cell. */
static struct cell *add_row(struct report *r, size_t *cap)
{
	struct cell *row;

	if (r->nrows >= *cap) {
		*cap = *cap ? *cap * 2 : 16;
		r->cells = xrealloc(r->cells, *cap * r->ncols * sizeof *r->cells);
	}
	row = &r->cells[r->nrows++ * r->ncols];
	memset(row, 0, r->ncols * sizeof *row);
	return row;
}

/* Fills one row's cells left to right. */
struct filler {
	struct cell *row;
	size_t col;
};

static struct cell *next_cell(struct filler *f)
{
	return &f->row[f->col++];
}

static void put_text(struct filler *f, const char *s)
{
	struct cell *c = next_cell(f);

	if (s) {
		c->type = CELL_TEXT;
		c->s = xstrdup(s);
	}
}

static void put_int(struct filler *f, int64_t v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_INT;
	c->i = v;
}

static void put_real(struct filler *f, double v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_REAL;
	c->r = v;
}

static void put_bool(struct filler *f, bool v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_BOOL;
	c->b = v;
}

static void put_null(struct filler *f)
{
	next_cell(f);
}

/* num / den, or null when den is 0: a rate of nothing is undefined, not 0. */
static void put_ratio(struct filler *f, int64_t num, int64_t den)
{
	if (den == 0)
		put_null(f);
	else
		put_real(f, (double)num / (double)den);
}

static void put_time(struct filler *f, int64_t ms)
{
	char buf[32];

	report_format_time(ms, buf, sizeof buf);
	put_text(f, buf);
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

/* ---- selection and shared helpers ---- */

static bool selected(const struct event *e, const struct report_filter *f)
{
	if (f->has_since && e->at_ms < f->since_ms)
		return false;
	if (f->has_until && e->at_ms > f->until_ms)
		return false;
	return !f->lang || strcmp(e->lang, f->lang) == 0;
}

/* Pointers to the selected events, in database order, then by id. */
static const struct event **select_events(const struct report_data *d,
                                          const struct report_filter *f, size_t *n)
{
	const struct event **v = xmalloc(d->nevents * sizeof *v);

	*n = 0;
	for (size_t i = 0; i < d->nevents; i++)
		if (selected(&d->events[i], f))
			v[(*n)++] = &d->events[i];
	return v;
}

static bool same_learner(const struct event *a, const struct event *b)
{
	return a->db == b->db && a->learner == b->learner;
}

static bool same_lesson_set(const struct event *a, const struct event *b)
{
	return strcmp(a->lang, b->lang) == 0 && strcmp(a->lesson, b->lesson) == 0;
}

/* lang, lesson, db, learner, run, step, id: groups everything one lesson row counts. */
static int by_lesson_learner(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;
	int c;

	if ((c = strcmp(x->lang, y->lang)) || (c = strcmp(x->lesson, y->lesson)))
		return c;
	if (x->db != y->db)
		return cmp_size(x->db, y->db);
	if (x->learner != y->learner)
		return cmp_i64(x->learner, y->learner);
	if (x->run != y->run)
		return cmp_i64(x->run, y->run);
	if ((c = strcmp(x->step, y->step)))
		return c;
	return cmp_i64(x->id, y->id);
}

/* Position of a lesson in its set in the lessons folder, NO_POS when it is not there. */
static size_t lesson_pos(const struct catalog *c, const char *lang, const char *lesson)
{
	const struct lesson_set *set = c ? catalog_find_set(c, lang) : NULL;

	for (size_t i = 0; set && i < set->count; i++)
		if (strcmp(set->lessons[i]->id, lesson) == 0)
			return i;
	return NO_POS;
}

static bool set_wanted(const struct lesson_set *s, const struct report_filter *f)
{
	return !f->lang || strcmp(s->name, f->lang) == 0;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v; the middle value, or the mean of the two middle ones. */
static double median(double *v, size_t n)
{
	sort(v, n, sizeof *v, dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* ---- lessons report ---- */

struct lesson_row {
	const char *lang, *lesson;     /* borrowed from the catalog or the events */
	const struct lesson *def;      /* NULL when the lesson is not in the lessons folder */
	size_t pos;                    /* order in its set; NO_POS when not in the folder */
	int64_t step_count;            /* largest recorded, used when def is NULL */
	int64_t started, completed, attempts, visits;
	double *minutes;               /* one per selected completion */
	size_t nminutes;
};

struct lesson_rows {
	struct lesson_row *v;
	size_t n, cap;
};

static void push_lesson(struct lesson_rows *t, const char *lang, const char *lesson,
                        const struct lesson *def, size_t pos)
{
	t->v = xgrow(t->v, &t->cap, t->n, sizeof *t->v);
	t->v[t->n++] = (struct lesson_row){ .lang = lang, .lesson = lesson, .def = def,
	                                    .pos = pos };
}

static int lesson_key_cmp(const void *a, const void *b)
{
	const struct lesson_row *x = a, *y = b;
	int c;

	if ((c = strcmp(x->lang, y->lang)) || (c = strcmp(x->lesson, y->lesson)))
		return c;
	return cmp_size(x->pos, y->pos);
}

/* Output order: lesson set, then the order of the lessons folder, then id. */
static int lesson_out_cmp(const void *a, const void *b)
{
	const struct lesson_row *x = a, *y = b;
	int c;

	if ((c = strcmp(x->lang, y->lang)))
		return c;
	if (x->pos != y->pos)
		return cmp_size(x->pos, y->pos);
	return strcmp(x->lesson, y->lesson);
}

/* Every lesson of the wanted sets (a lesson nobody started is a row of zeros), and every
 * lesson with selected events, once each, sorted by key for lookups. */
static void collect_lessons(struct lesson_rows *t, const struct catalog *c,
                            const struct report_filter *f, const struct event **sel, size_t n)
{
	size_t out = 0;

	for (size_t s = 0; c && s < c->count; s++)
		for (size_t i = 0; set_wanted(&c->sets[s], f) && i < c->sets[s].count; i++)
			push_lesson(t, c->sets[s].name, c->sets[s].lessons[i]->id,
			            c->sets[s].lessons[i], i);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || !same_lesson_set(sel[i - 1], sel[i]))
			push_lesson(t, sel[i]->lang, sel[i]->lesson, NULL, NO_POS);
	sort(t->v, t->n, sizeof *t->v, lesson_key_cmp);
	/* Keeps the first of equal keys: the catalog's row sorts before NO_POS. */
	for (size_t i = 0; i < t->n; i++)
		if (out == 0 || strcmp(t->v[out - 1].lang, t->v[i].lang) != 0 ||
		    strcmp(t->v[out - 1].lesson, t->v[i].lesson) != 0)
			t->v[out++] = t->v[i];
	t->n = out;
}

static struct lesson_row *find_lesson(struct lesson_rows *t, const struct event *e)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->v[mid].lang, e->lang);

		if (c == 0)
			c = strcmp(t->v[mid].lesson, e->lesson);
		if (c == 0)
			return &t->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;  /* cannot happen: every selected lesson has a row */
}

/* Minutes from the start of the run to this complete event; a clock set back between the
 * two gives 0, not a negative time. */
static double run_minutes(const struct event *e)
{
	int64_t ms = e->at_ms - e->run_start_ms;

	return ms > 0 ? (double)ms / MS_PER_MINUTE : 0.0;
}

static void add_minutes(struct lesson_row *r, double m)
{
	r->minutes = xrealloc(r->minutes, (r->nminutes + 1) * sizeof *r->minutes);
	r->minutes[r->nminutes++] = m;
}

/* One pass over the selected events sorted by_lesson_learner. */
static void count_lessons(struct lesson_rows *t, const struct event **sel, size_t n)
{
	struct lesson_row *row = NULL;
	bool done = false;  /* the current learner has completed the current lesson */

	for (size_t i = 0; i < n; i++) {
		const struct event *e = sel[i], *p = i > 0 ? sel[i - 1] : NULL;
		bool new_lesson = !p || !same_lesson_set(p, e);
		bool new_learner = new_lesson || !same_learner(p, e);

		if (new_lesson)
			row = find_lesson(t, e);
		if (!row)
			continue;
		if (new_learner) {
			row->started++;
			done = false;
		}
		if (e->step_count > row->step_count)
			row->step_count = e->step_count;
		if (e->complete) {
			row->completed += !done;
			done = true;
			add_minutes(row, run_minutes(e));
			continue;
		}
		row->attempts++;
		/* A complete event (step "") sorts before its run's answers, so it never looks
		 * like the same step. */
		if (new_learner || p->run != e->run || strcmp(p->step, e->step) != 0)
			row->visits++;
	}
}

static const char *const lesson_columns[] = {
	"lesson_id", "lesson_title", "language", "learners_started", "learners_completed",
	"completion_rate", "median_minutes_to_complete", "steps", "avg_attempts_per_step",
};

static void lesson_out(struct report *r, size_t *cap, struct lesson_row *l)
{
	struct filler f = { add_row(r, cap), 0 };

	put_text(&f, l->lesson);
	put_text(&f, l->def ? l->def->title : NULL);
	put_text(&f, l->lang);
	put_int(&f, l->started);
	put_int(&f, l->completed);
	put_ratio(&f, l->completed, l->started);
	if (l->nminutes)
		put_real(&f, median(l->minutes, l->nminutes));
	else
		put_null(&f);
	put_int(&f, l->def ? (int64_t)l->def->step_count : l->step_count);
	put_ratio(&f, l->attempts, l->visits);
}

static struct report *build_lessons(const struct catalog *c, const struct report_filter *f,
                                    const struct event **sel, size_t n)
{
	struct report *r = new_report(REPORT_LESSONS, lesson_columns,
	                              sizeof lesson_columns / sizeof *lesson_columns, true, NULL);
	struct lesson_rows t = { 0 };
	size_t cap = 0;

	sort(sel, n, sizeof *sel, by_lesson_learner);
	collect_lessons(&t, c, f, sel, n);
	count_lessons(&t, sel, n);
	sort(t.v, t.n, sizeof *t.v, lesson_out_cmp);
	for (size_t i = 0; i < t.n; i++) {
		lesson_out(r, &cap, &t.v[i]);
		free(t.v[i].minutes);
	}
	free(t.v);
	return r;
}

/* ---- steps report ---- */

struct step_row {
	const char *lang, *lesson, *step;  /* borrowed */
	size_t pos;                        /* the lesson's order in its set, or NO_POS */
	int64_t index;                     /* 0-based position in the lesson */
	bool in_catalog;
	int64_t at_ms;                     /* for a step only events know: its latest event */
	int64_t attempts, visits, first_ok, hinted, reached, stopped;
};

struct step_rows {
	struct step_row *v;
	size_t n, cap;
	struct step_row **by_key;          /* sorted by lang, lesson, step: lookups */
};

static void push_step(struct step_rows *t, struct step_row s)
{
	t->v = xgrow(t->v, &t->cap, t->n, sizeof *t->v);
	t->v[t->n++] = s;
}

static int step_key_cmp3(const char *lang, const char *lesson, const char *step,
                         const struct step_row *y)
{
	int c;

	if ((c = strcmp(lang, y->lang)) || (c = strcmp(lesson, y->lesson)))
		return c;
	return strcmp(step, y->step);
}

/* Key, then the catalog's row first, then the latest event: the row kept when deduplicating. */
static int step_dedup_cmp(const void *a, const void *b)
{
	const struct step_row *x = a, *y = b;
	int c = step_key_cmp3(x->lang, x->lesson, x->step, y);

	if (c)
		return c;
	if (x->in_catalog != y->in_catalog)
		return x->in_catalog ? -1 : 1;
	return cmp_i64(y->at_ms, x->at_ms);
}

/* Output order: set, lesson order, lesson id, position, step id. */
static int step_out_cmp(const void *a, const void *b)
{
	const struct step_row *x = a, *y = b;
	int c;

	if ((c = strcmp(x->lang, y->lang)))
		return c;
	if (x->pos != y->pos)
		return cmp_size(x->pos, y->pos);
	if ((c = strcmp(x->lesson, y->lesson)))
		return c;
	if (x->index != y->index)
		return cmp_i64(x->index, y->index);
	return strcmp(x->step, y->step);
}

static int step_ptr_key_cmp(const void *a, const void *b)
{
	const struct step_row *x = *(const struct step_row *const *)a;

	return step_key_cmp3(x->lang, x->lesson, x->step, *(const struct step_row *const *)b);
}

static void collect_steps(struct step_rows *t, const struct catalog *c,
                          const struct report_filter *f, const struct event **sel, size_t n)
{
	size_t out = 0;

	for (size_t s = 0; c && s < c->count; s++) {
		const struct lesson_set *set = &c->sets[s];

		for (size_t i = 0; set_wanted(set, f) && i < set->count; i++) {
			const struct lesson *l = set->lessons[i];

			for (size_t k = 0; k < l->step_count; k++)
				push_step(t, (struct step_row){ .lang = set->name, .lesson = l->id,
					.step = l->steps[k].id, .pos = i, .index = (int64_t)k,
					.in_catalog = true });
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct event *e = sel[i];

		if (!e->complete)
			push_step(t, (struct step_row){ .lang = e->lang, .lesson = e->lesson,
				.step = e->step, .index = e->step_index, .at_ms = e->at_ms });
	}
	sort(t->v, t->n, sizeof *t->v, step_dedup_cmp);
	for (size_t i = 0; i < t->n; i++)
		if (out == 0 || step_key_cmp3(t->v[i].lang, t->v[i].lesson, t->v[i].step,
		                              &t->v[out - 1]) != 0)
			t->v[out++] = t->v[i];
	t->n = out;
	for (size_t i = 0; i < t->n; i++)
		if (!t->v[i].in_catalog)
			t->v[i].pos = lesson_pos(c, t->v[i].lang, t->v[i].lesson);
	sort(t->v, t->n, sizeof *t->v, step_out_cmp);
	t->by_key = xmalloc(t->n * sizeof *t->by_key);
	for (size_t i = 0; i < t->n; i++)
		t->by_key[i] = &t->v[i];
	sort(t->by_key, t->n, sizeof *t->by_key, step_ptr_key_cmp);
}

/* First row of the lesson (lang, lesson) in by_key, or n. */
static size_t first_step_of(const struct step_rows *t, const char *lang, const char *lesson)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->by_key[mid]->lang, lang);

		if (c == 0)
			c = strcmp(t->by_key[mid]->lesson, lesson);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct step_row *find_step(const struct step_rows *t, const struct event *e)
{
	for (size_t i = first_step_of(t, e->lang, e->lesson); i < t->n; i++) {
		int c = step_key_cmp3(e->lang, e->lesson, e->step, t->by_key[i]);

		if (c == 0)
			return t->by_key[i];
		if (c < 0)
			break;
	}
	return NULL;
}

/* lang, lesson, step, db, learner, run, id: one group per visit. */
static int by_step_visit(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;
	int c;

	if ((c = strcmp(x->lang, y->lang)) || (c = strcmp(x->lesson, y->lesson)) ||
	    (c = strcmp(x->step, y->step)))
		return c;
	if (x->db != y->db)
		return cmp_size(x->db, y->db);
	if (x->learner != y->learner)
		return cmp_i64(x->learner, y->learner);
	if (x->run != y->run)
		return cmp_i64(x->run, y->run);
	return cmp_i64(x->id, y->id);
}

static void count_visits(struct step_rows *t, const struct event **sel, size_t n)
{
	struct step_row *row = NULL;
	bool hinted = false;  /* the current visit already counted its hint */

	sort(sel, n, sizeof *sel, by_step_visit);
	for (size_t i = 0; i < n; i++) {
		const struct event *e = sel[i], *p = i > 0 ? sel[i - 1] : NULL;
		bool new_step = !p || !same_lesson_set(p, e) || strcmp(p->step, e->step) != 0;

		/* Complete events (step "") form groups of their own: skipped. */
		if (e->complete)
			continue;
		if (new_step)
			row = find_step(t, e);
		if (!row)
			continue;
		row->attempts++;
		if (new_step || !same_learner(p, e) || p->run != e->run) {
			row->visits++;
			row->first_ok += e->correct;
			hinted = false;
		}
		if (e->hint && !hinted) {
			row->hinted++;
			hinted = true;
		}
	}
}

/* Where one learner got to in one lesson of one set. */
struct reach {
	int64_t furthest;  /* -1 when only a complete event was selected */
	bool completed;
};

static void add_reach(struct step_rows *t, const struct event *e, struct reach r)
{
	for (size_t i = first_step_of(t, e->lang, e->lesson); i < t->n; i++) {
		struct step_row *s = t->by_key[i];

		if (strcmp(s->lang, e->lang) != 0 || strcmp(s->lesson, e->lesson) != 0)
			break;
		if (r.completed || s->index <= r.furthest)
			s->reached++;
		if (!r.completed && s->index == r.furthest)
			s->stopped++;
	}
}

/* The step a correct answer leads to, capped at the last step of the lesson as recorded. */
static int64_t got_to(const struct event *e)
{
	int64_t i = e->step_index + (e->correct ? 1 : 0);

	return e->step_count > 0 && i > e->step_count - 1 ? e->step_count - 1 : i;
}

/* Over the selected events sorted by_lesson_learner: one reach per learner and lesson. */
static void count_reach(struct step_rows *t, const struct event **sel, size_t n)
{
	struct reach r = { -1, false };

	sort(sel, n, sizeof *sel, by_lesson_learner);
	for (size_t i = 0; i < n; i++) {
		const struct event *e = sel[i], *next = i + 1 < n ? sel[i + 1] : NULL;

		if (e->complete)
			r.completed = true;
		else if (got_to(e) > r.furthest)
			r.furthest = got_to(e);
		if (!next || !same_lesson_set(e, next) || !same_learner(e, next)) {
			add_reach(t, e, r);
			r = (struct reach){ -1, false };
		}
	}
}

static const char *const step_columns[] = {
	"lesson_id", "language", "step_id", "step_index", "attempts", "first_try_success_rate",
	"hint_rate", "learners_reached", "learners_stopped_here",
};

static struct report *build_steps(const struct catalog *c, const struct report_filter *f,
                                  const struct event **sel, size_t n)
{
	struct report *r = new_report(REPORT_STEPS, step_columns,
	                              sizeof step_columns / sizeof *step_columns, true, NULL);
	struct step_rows t = { 0 };
	size_t cap = 0;

	collect_steps(&t, c, f, sel, n);
	count_visits(&t, sel, n);
	count_reach(&t, sel, n);
	for (size_t i = 0; i < t.n; i++) {
		const struct step_row *s = &t.v[i];
		struct filler fl = { add_row(r, &cap), 0 };

		put_text(&fl, s->lesson);
		put_text(&fl, s->lang);
		put_text(&fl, s->step);
		put_int(&fl, s->index);
		put_int(&fl, s->attempts);
		put_ratio(&fl, s->first_ok, s->visits);
		put_ratio(&fl, s->hinted, s->visits);
		put_int(&fl, s->reached);
		put_int(&fl, s->stopped);
	}
	free(t.by_key);
	free(t.v);
	return r;
}

/* ---- learners report ---- */

/* "1a2b3c4d-17": the same learner gets the same id in every export, and nothing in it names
 * the person.  A removed learner gets none (NULL): their rows can no longer be linked. */
static char *pseudonym(const struct report_data *d, size_t db, int64_t learner)
{
	const struct learner_rec *l = find_learner(d, db, learner);

	if (l && l->removed)
		return NULL;
	return xasprintf("%.*s-%lld", PSEUDONYM_HEX, d->kiosks[db].id, (long long)learner);
}

static bool is_removed(const struct report_data *d, size_t db, int64_t learner)
{
	const struct learner_rec *l = find_learner(d, db, learner);

	return l && l->removed;
}

/* db, learner, session, lesson, id. */
static int by_learner_session(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;
	int c;

	if (x->db != y->db)
		return cmp_size(x->db, y->db);
	if (x->learner != y->learner)
		return cmp_i64(x->learner, y->learner);
	if (x->session != y->session)
		return cmp_i64(x->session, y->session);
	if ((c = strcmp(x->lesson, y->lesson)))
		return c;
	return cmp_i64(x->id, y->id);
}

/* db, learner, lesson, id. */
static int by_learner_lesson(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;
	int c;

	if (x->db != y->db)
		return cmp_size(x->db, y->db);
	if (x->learner != y->learner)
		return cmp_i64(x->learner, y->learner);
	if ((c = strcmp(x->lesson, y->lesson)))
		return c;
	return cmp_i64(x->id, y->id);
}

struct learner_sum {
	size_t db;
	int64_t learner, first_ms, last_ms, started, completed;
	double minutes;
};

/* Minutes of one session: from its start (or --since, when later) to its last selected event.
 * first and last are the times of its first and last selected events. */
static double session_minutes(const struct report_data *d, const struct report_filter *f,
                              const struct event *e, int64_t first, int64_t last)
{
	const struct session_rec *s = find_session(d, e->db, e->session);
	int64_t start = s ? s->start_ms : first;  /* no session row: a damaged database */

	if (f->has_since && start < f->since_ms)
		start = f->since_ms;
	return last > start ? (double)(last - start) / MS_PER_MINUTE : 0.0;
}

/* Events of one learner, sorted by_learner_lesson, in v[0..n). */
static void sum_lessons(struct learner_sum *s, const struct event **v, size_t n)
{
	bool done = false;

	s->first_ms = INT64_MAX;
	s->last_ms = INT64_MIN;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i - 1]->lesson, v[i]->lesson) != 0) {
			s->started++;
			done = false;
		}
		if (v[i]->complete && !done) {
			s->completed++;
			done = true;
		}
		if (v[i]->at_ms < s->first_ms)
			s->first_ms = v[i]->at_ms;
		if (v[i]->at_ms > s->last_ms)
			s->last_ms = v[i]->at_ms;
	}
}

/* The same events sorted by_learner_session. */
static void sum_sessions(const struct report_data *d, const struct report_filter *f,
                         struct learner_sum *s, const struct event **v, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t first = INT64_MAX, last = INT64_MIN;

		if (i + 1 < n && v[i + 1]->session == v[i]->session)
			continue;
		for (size_t k = start; k <= i; k++) {
			if (v[k]->at_ms < first)
				first = v[k]->at_ms;
			if (v[k]->at_ms > last)
				last = v[k]->at_ms;
		}
		s->minutes += session_minutes(d, f, v[start], first, last);
		start = i + 1;
	}
}

static const char *const learner_columns[] = {
	"learner_id", "kiosk_id", "name", "first_seen", "last_seen", "lessons_started",
	"lessons_completed", "minutes_spent",
};

static void learner_out(const struct report_data *d, struct report *r, size_t *cap,
                        const struct learner_sum *s, bool with_names)
{
	const struct learner_rec *l = find_learner(d, s->db, s->learner);
	struct filler f = { add_row(r, cap), 0 };
	char *id = pseudonym(d, s->db, s->learner);

	put_text(&f, id);
	put_text(&f, d->kiosks[s->db].id);
	if (with_names)
		put_text(&f, l && !l->removed ? l->name : NULL);
	put_time(&f, s->first_ms);
	put_time(&f, s->last_ms);
	put_int(&f, s->started);
	put_int(&f, s->completed);
	put_real(&f, s->minutes);
	free(id);
}

static struct report *build_learners(const struct report_data *d, const struct report_filter *f,
                                     const struct event **sel, size_t n)
{
	struct report *r = new_report(REPORT_LEARNERS, learner_columns,
	                              sizeof learner_columns / sizeof *learner_columns,
	                              f->with_names, "name");
	const struct event **by_session = xmalloc((n ? n : 1) * sizeof *by_session);
	size_t cap = 0, start = 0;

	memcpy(by_session, sel, n * sizeof *sel);
	sort(sel, n, sizeof *sel, by_learner_lesson);
	sort(by_session, n, sizeof *by_session, by_learner_session);
	/* Both orders group a learner's events into the same range [start, i]. */
	for (size_t i = 0; i < n; i++) {
		struct learner_sum s = { .db = sel[i]->db, .learner = sel[i]->learner };

		if (i + 1 < n && same_learner(sel[i], sel[i + 1]))
			continue;
		sum_lessons(&s, sel + start, i + 1 - start);
		sum_sessions(d, f, &s, by_session + start, i + 1 - start);
		learner_out(d, r, &cap, &s, f->with_names);
		start = i + 1;
	}
	free(by_session);
	return r;
}

/* ---- events report ---- */

static const char *const event_columns[] = {
	"kiosk_id", "learner_id", "session", "lang", "lesson_id", "step_id", "step_index", "kind",
	"answer", "correct", "hint_shown", "show_me", "before_reset", "at",
};

static void event_out(const struct report_data *d, struct report *r, size_t *cap,
                      const struct event *e, bool with_names)
{
	struct filler f = { add_row(r, cap), 0 };
	bool removed = is_removed(d, e->db, e->learner);
	char *id = pseudonym(d, e->db, e->learner);

	put_text(&f, d->kiosks[e->db].id);
	put_text(&f, id);
	if (removed)
		put_null(&f);  /* a session belongs to one learner: it would link their answers */
	else
		put_int(&f, e->session);
	put_text(&f, e->lang);
	put_text(&f, e->lesson);
	put_text(&f, e->step);
	put_int(&f, e->step_index);
	put_text(&f, e->kind);
	if (with_names)
		put_text(&f, removed ? NULL : e->answer);
	put_bool(&f, e->correct);
	put_bool(&f, e->hint);
	put_bool(&f, e->show_me);
	put_bool(&f, e->reset_id != 0);
	put_time(&f, e->at_ms);
	free(id);
}

static struct report *build_events(const struct report_data *d, const struct report_filter *f,
                                   const struct event **sel, size_t n)
{
	struct report *r = new_report(REPORT_EVENTS, event_columns,
	                              sizeof event_columns / sizeof *event_columns,
	                              f->with_names, "answer");
	size_t cap = 0;

	for (size_t i = 0; i < n; i++)
		event_out(d, r, &cap, sel[i], f->with_names);
	return r;
}

int report_build(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, struct report **out, struct kerr *err)
{
	static const struct report_filter none = { 0 };
	const struct event **sel;
	size_t n;

	if (!f)
		f = &none;
	if (f->has_since && f->has_until && f->since_ms > f->until_ms) {
		kerr_set(err, _("the start of the period is after its end"));
		return -1;
	}
	sel = select_events(d, f, &n);
	switch (kind) {
	case REPORT_LESSONS: *out = build_lessons(c, f, sel, n); break;
	case REPORT_LEARNERS: *out = build_learners(d, f, sel, n); break;
	case REPORT_STEPS: *out = build_steps(c, f, sel, n); break;
	case REPORT_EVENTS: *out = build_events(d, f, sel, n); break;
	default:
		kerr_set(err, _("unknown report"));
		free(sel);
		return -1;
	}
	free(sel);
	return 0;
}
