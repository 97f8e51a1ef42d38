/* Unit tests for report.c: every figure of the four reports computed on hand-built kiosk
 * databases whose answers are worked out by hand below.  The databases are written with raw
 * SQL (schema 3 for kiosk A, schema 2 for kiosk B), not through store.c, so the tests pin the
 * file format the export reads.  Each test works in its own mkdtemp folder.
 *
 * Kiosk A (schema 3), lesson "demo" of set bg (6 steps: start pick search middle town end):
 *   learner 1 Мария     session 1 from 10:00; every step, pick wrong three times (the hint
 *                       showed on the third) then right; complete at 10:10 (run began 10:01:
 *                       9 minutes)
 *   learner 2 =HYPERLINK("x")  session 2 from 11:00; start, pick, search wrong; left
 *   learner 3 (removed) session 3 from 12:00; start, pick, search wrong ("0888123456")
 *   learner 4 Иван      2026-11-03, session 4 from 09:00: whole lesson, complete at 09:06
 *                       (run began 09:00:10: 5 min 50 s); reset 1 at 09:10 marked all of it;
 *                       session 5 from 09:20: start, pick wrong
 * Kiosk B (schema 2), 2026-11-05:
 *   learner 4 Петро     bg, session 1 from 14:59: start at 15:00; left
 *   learner 2 Олена     uk, session 2 from 14:00: whole lesson, town wrong once; complete at
 *                       14:07 (run began 14:00:20: 6 min 40 s)
 * Learner ids 2 and 4 exist on both kiosks: they are different people. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalog.h"
#include "isotime.h"
#include "report.h"
#include "text.h"

#define KIOSK_A "a1b2c3d4000000000000000000000000"
#define KIOSK_B "b5e6f7a8111111111111111111111111"

struct fx {
	char dir[64];
	char a[128], b[128];  /* kiosk A and B databases */
	struct catalog cat;
};

/* ---- building databases ---- */

static const char schema_v2[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	"  created_at TEXT NOT NULL, name_key TEXT);"
	"CREATE TABLE sessions (id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id), lang TEXT NOT NULL,"
	"  started_at TEXT NOT NULL, ended_at TEXT);"
	"CREATE TABLE events (id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id), lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL, step_id TEXT NOT NULL, step_index INTEGER NOT NULL,"
	"  step_count INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('read', 'choose', 'type', 'complete')),"
	"  answer TEXT, correct INTEGER NOT NULL, hint_shown INTEGER NOT NULL, at TEXT NOT NULL);"
	"CREATE INDEX learners_name_key ON learners(name_key);"
	"CREATE INDEX events_learner_lesson ON events(learner_id, lesson_id);"
	"PRAGMA user_version = 2;";

static const char schema_v3[] =
	"CREATE TABLE resets (id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id), lesson_id TEXT,"
	"  at TEXT NOT NULL, source TEXT NOT NULL);"
	"ALTER TABLE events ADD COLUMN reset_id INTEGER REFERENCES resets(id);"
	"ALTER TABLE learners ADD COLUMN removed_at TEXT;"
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,"
	"  learner_id INTEGER REFERENCES learners(id), lesson_id TEXT, detail TEXT);"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"PRAGMA user_version = 3;";

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw sql: %s", msg);
	sqlite3_close(db);
}

static void make_db(const char *path, int version, const char *kiosk_id)
{
	char meta[256];

	raw_exec(path, schema_v2);
	if (version >= 3)
		raw_exec(path, schema_v3);
	snprintf(meta, sizeof meta, "INSERT INTO meta VALUES ('kiosk_id', '%s'),"
	         " ('created_at', '2026-11-01T08:00:00.000Z')", kiosk_id);
	raw_exec(path, meta);
}

struct ev {
	int session, learner;
	const char *lang, *step;
	int index;
	const char *kind, *answer;
	int correct, hint;
	const char *at;
	int reset;  /* 0: NULL */
};

/* Appends events to lesson "demo" (6 steps), ids in the order given. */
static void add_events(const char *path, const struct ev *v, size_t n, bool v3)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const char *sql = v3 ?
		"INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
		" step_count, kind, answer, correct, hint_shown, at, reset_id)"
		" VALUES (?1, ?2, ?3, 'demo', ?4, ?5, 6, ?6, ?7, ?8, ?9, ?10, ?11)" :
		"INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
		" step_count, kind, answer, correct, hint_shown, at)"
		" VALUES (?1, ?2, ?3, 'demo', ?4, ?5, 6, ?6, ?7, ?8, ?9, ?10)";

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int(st, 1, v[i].session);
		sqlite3_bind_int(st, 2, v[i].learner);
		sqlite3_bind_text(st, 3, v[i].lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, v[i].step, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, v[i].index);
		sqlite3_bind_text(st, 6, v[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, v[i].answer, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, v[i].correct);
		sqlite3_bind_int(st, 9, v[i].hint);
		sqlite3_bind_text(st, 10, v[i].at, -1, SQLITE_STATIC);
		if (v3 && v[i].reset)
			sqlite3_bind_int(st, 11, v[i].reset);
		else if (v3)
			sqlite3_bind_null(st, 11);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

#define D2 "2026-11-02T"
#define D3 "2026-11-03T"
#define D5 "2026-11-05T"

static const struct ev events_a[] = {
	{ 1, 1, "bg", "start", 0, "read", NULL, 1, 0, D2 "10:01:00.000Z", 0 },
	{ 1, 1, "bg", "pick", 1, "choose", "1", 0, 0, D2 "10:02:00.000Z", 0 },
	{ 1, 1, "bg", "pick", 1, "choose", "3", 0, 0, D2 "10:03:00.000Z", 0 },
	{ 1, 1, "bg", "pick", 1, "choose", "1", 0, 1, D2 "10:03:30.000Z", 0 },
	{ 1, 1, "bg", "pick", 1, "choose", "2", 1, 1, D2 "10:04:00.000Z", 0 },
	{ 1, 1, "bg", "search", 2, "type", "йод", 1, 0, D2 "10:05:00.000Z", 0 },
	{ 1, 1, "bg", "middle", 3, "read", NULL, 1, 0, D2 "10:06:00.000Z", 0 },
	{ 1, 1, "bg", "town", 4, "type", "София", 1, 0, D2 "10:07:00.000Z", 0 },
	{ 1, 1, "bg", "end", 5, "read", NULL, 1, 0, D2 "10:08:00.000Z", 0 },
	{ 1, 1, "bg", "", 6, "complete", NULL, 1, 0, D2 "10:10:00.000Z", 0 },
	{ 2, 2, "bg", "start", 0, "read", NULL, 1, 0, D2 "11:00:30.000Z", 0 },
	{ 2, 2, "bg", "pick", 1, "choose", "2", 1, 0, D2 "11:01:00.000Z", 0 },
	{ 2, 2, "bg", "search", 2, "type", "иод", 0, 0, D2 "11:02:00.000Z", 0 },
	{ 3, 3, "bg", "start", 0, "read", NULL, 1, 0, D2 "12:01:00.000Z", 0 },
	{ 3, 3, "bg", "pick", 1, "choose", "2", 1, 0, D2 "12:02:00.000Z", 0 },
	{ 3, 3, "bg", "search", 2, "type", "0888123456", 0, 0, D2 "12:03:00.000Z", 0 },
	{ 4, 4, "bg", "start", 0, "read", NULL, 1, 0, D3 "09:00:10.000Z", 1 },
	{ 4, 4, "bg", "pick", 1, "choose", "2", 1, 0, D3 "09:01:00.000Z", 1 },
	{ 4, 4, "bg", "search", 2, "type", "йод", 1, 0, D3 "09:02:00.000Z", 1 },
	{ 4, 4, "bg", "middle", 3, "read", NULL, 1, 0, D3 "09:03:00.000Z", 1 },
	{ 4, 4, "bg", "town", 4, "type", "София", 1, 0, D3 "09:04:00.000Z", 1 },
	{ 4, 4, "bg", "end", 5, "read", NULL, 1, 0, D3 "09:05:00.000Z", 1 },
	{ 4, 4, "bg", "", 6, "complete", NULL, 1, 0, D3 "09:06:00.000Z", 1 },
	{ 5, 4, "bg", "start", 0, "read", NULL, 1, 0, D3 "09:21:00.000Z", 0 },
	{ 5, 4, "bg", "pick", 1, "choose", "1", 0, 0, D3 "09:22:00.000Z", 0 },
};

static const struct ev events_b[] = {
	{ 2, 2, "uk", "start", 0, "read", NULL, 1, 0, D5 "14:00:20.000Z", 0 },
	{ 2, 2, "uk", "pick", 1, "choose", "2", 1, 0, D5 "14:01:00.000Z", 0 },
	{ 2, 2, "uk", "search", 2, "type", "йод", 1, 0, D5 "14:02:00.000Z", 0 },
	{ 2, 2, "uk", "middle", 3, "read", NULL, 1, 0, D5 "14:03:00.000Z", 0 },
	{ 2, 2, "uk", "town", 4, "type", "Київ", 0, 0, D5 "14:04:00.000Z", 0 },
	{ 2, 2, "uk", "town", 4, "type", "София", 1, 0, D5 "14:05:00.000Z", 0 },
	{ 2, 2, "uk", "end", 5, "read", NULL, 1, 0, D5 "14:06:00.000Z", 0 },
	{ 2, 2, "uk", "", 6, "complete", NULL, 1, 0, D5 "14:07:00.000Z", 0 },
	{ 1, 4, "bg", "start", 0, "read", NULL, 1, 0, D5 "15:00:00.000Z", 0 },
};

#define COUNT(v) (sizeof (v) / sizeof (v)[0])

static void make_kiosk_a(const char *path)
{
	make_db(path, 3, KIOSK_A);
	raw_exec(path,
		"INSERT INTO learners(id, name, created_at, name_key, removed_at) VALUES"
		" (1, 'Мария', '" D2 "09:59:00.000Z', 'мария', NULL),"
		" (2, '=HYPERLINK(\"x\")', '" D2 "10:59:00.000Z', '=hyperlink(\"x\")', NULL),"
		" (3, '', '" D2 "11:59:00.000Z', NULL, '2026-11-04T08:00:00.000Z'),"
		" (4, 'Иван', '" D3 "08:59:00.000Z', 'иван', NULL);"
		"INSERT INTO sessions(id, learner_id, lang, started_at, ended_at) VALUES"
		" (1, 1, 'bg', '" D2 "10:00:00.000Z', '" D2 "10:11:00.000Z'),"
		" (2, 2, 'bg', '" D2 "11:00:00.000Z', NULL),"
		" (3, 3, 'bg', '" D2 "12:00:00.000Z', NULL),"
		" (4, 4, 'bg', '" D3 "09:00:00.000Z', NULL),"
		" (5, 4, 'bg', '" D3 "09:20:00.000Z', NULL);"
		"INSERT INTO resets(id, learner_id, lesson_id, at, source) VALUES"
		" (1, 4, 'demo', '" D3 "09:10:00.000Z', 'menu');");
	add_events(path, events_a, COUNT(events_a), true);
}

static void make_kiosk_b(const char *path)
{
	make_db(path, 2, KIOSK_B);
	raw_exec(path,
		"INSERT INTO learners(id, name, created_at, name_key) VALUES"
		" (4, 'Петро', '" D5 "14:58:00.000Z', 'петро'),"
		" (2, 'Олена', '" D5 "13:59:00.000Z', 'олена');"
		"INSERT INTO sessions(id, learner_id, lang, started_at) VALUES"
		" (1, 4, 'bg', '" D5 "14:59:00.000Z'),"
		" (2, 2, 'uk', '" D5 "14:00:00.000Z');");
	add_events(path, events_b, COUNT(events_b), false);
}

/* ---- fixture ---- */

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[4096];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

/* A lessons folder of our own with only the demo lesson (bg and uk) of the end-to-end
 * fixtures: other lessons added there must not change the figures below. */
static char *copy_lessons(const char *dir)
{
	static const char *const sets[] = { "bg", "uk" }, *const files[] = { "demo.lesson",
	                                                                   "set.info" };
	const char *src = getenv("KIOSK_SRC");
	char *root = xasprintf("%s/lessons", dir);

	assert_int_equal(mkdir(root, 0700), 0);
	for (size_t i = 0; i < 2; i++) {
		char *set = xasprintf("%s/%s", root, sets[i]);

		assert_int_equal(mkdir(set, 0700), 0);
		for (size_t k = 0; k < 2; k++) {
			char *from = xasprintf("%s/tests/fixtures/e2e/%s/%s",
			                       src && *src ? src : ".", sets[i], files[k]);
			char *to = xasprintf("%s/%s", set, files[k]);

			copy_file(from, to);
			free(from);
			free(to);
		}
		free(set);
	}
	return root;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *lessons;
	struct diags d = { 0 };

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/kiosk-report-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->a, sizeof f->a, "%s/a.db", f->dir);
	snprintf(f->b, sizeof f->b, "%s/b.db", f->dir);
	make_kiosk_a(f->a);
	make_kiosk_b(f->b);
	lessons = copy_lessons(f->dir);
	if (catalog_load(lessons, &f->cat, &d) < 0 || f->cat.count != 2)
		fail_msg("cannot load the lessons in %s", lessons);
	diags_free(&d);
	free(lessons);
	*state = f;
	return 0;
}

static int remove_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	catalog_free(&f->cat);
	free(f);
	return 0;
}

/* ---- reading reports ---- */

static struct report_data *load_ok(const char *const *paths, size_t n)
{
	struct report_data *d = NULL;
	struct kerr err = { "" };

	if (report_load(paths, n, &d, &err) != 0)
		fail_msg("report_load: %s", err.msg);
	assert_non_null(d);
	return d;
}

static void load_fails(const char *const *paths, size_t n, const char *want)
{
	struct report_data *d = (struct report_data *)1;
	struct kerr err = { "" };

	assert_int_equal(report_load(paths, n, &d, &err), -1);
	assert_null(d);
	if (!strstr(err.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

static struct report *build(const struct report_data *d, const struct catalog *c,
                            enum report_kind kind, const struct report_filter *f)
{
	struct report *r = NULL;
	struct kerr err = { "" };

	if (report_build(d, c, kind, f, &r, &err) != 0)
		fail_msg("report_build: %s", err.msg);
	return r;
}

/* One report of the given databases. */
static struct report *report_of(const char *const *paths, size_t n, const struct catalog *c,
                                enum report_kind kind, const struct report_filter *f)
{
	struct report_data *d = load_ok(paths, n);
	struct report *r = build(d, c, kind, f);

	report_data_free(d);
	return r;
}

static size_t col(const struct report *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->columns[i], name) == 0)
			return i;
	fail_msg("no column %s", name);
	return 0;
}

static bool has_col(const struct report *r, const char *name)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (strcmp(r->columns[i], name) == 0)
			return true;
	return false;
}

static const struct cell *at(const struct report *r, size_t row, const char *name)
{
	return report_cell(r, row, col(r, name));
}

static bool text_is(const struct cell *c, const char *want)
{
	return c->type == CELL_TEXT && strcmp(c->s, want) == 0;
}

/* The row whose columns k1 and k2 hold v1 and v2 (k2 NULL: one key). */
static size_t row_of(const struct report *r, const char *k1, const char *v1, const char *k2,
                     const char *v2)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (text_is(at(r, i, k1), v1) && (!k2 || text_is(at(r, i, k2), v2)))
			return i;
	fail_msg("no row with %s=%s %s=%s", k1, v1, k2 ? k2 : "", v2 ? v2 : "");
	return 0;
}

static void assert_int_cell(const struct report *r, size_t row, const char *name, int64_t v)
{
	const struct cell *c = at(r, row, name);

	if (c->type != CELL_INT || c->i != v)
		fail_msg("%s: want %lld, got type %d value %lld", name, (long long)v, c->type,
		         (long long)c->i);
}

/* Reals are compared as written to files: 4 decimals. */
static void assert_real_cell(const struct report *r, size_t row, const char *name,
                             const char *v)
{
	const struct cell *c = at(r, row, name);
	char buf[32];

	if (c->type != CELL_REAL)
		fail_msg("%s: want real %s, got type %d", name, v, c->type);
	assert_string_equal(report_cell_text(c, buf, sizeof buf), v);
}

static void assert_null_cell(const struct report *r, size_t row, const char *name)
{
	if (at(r, row, name)->type != CELL_NULL)
		fail_msg("%s: want null, got type %d", name, at(r, row, name)->type);
}

static void assert_text_cell(const struct report *r, size_t row, const char *name,
                             const char *v)
{
	const struct cell *c = at(r, row, name);

	if (!text_is(c, v))
		fail_msg("%s: want \"%s\", got type %d \"%s\"", name, v, c->type,
		         c->type == CELL_TEXT ? c->s : "");
}

/* A time cell: the moment, compared as files write it. */
static void assert_time_cell(const struct report *r, size_t row, const char *name,
                             const char *v)
{
	const struct cell *c = at(r, row, name);
	char buf[32];

	if (c->type != CELL_TIME)
		fail_msg("%s: want time %s, got type %d", name, v, c->type);
	assert_string_equal(report_cell_text(c, buf, sizeof buf), v);
}

static void assert_bool_cell(const struct report *r, size_t row, const char *name, bool v)
{
	const struct cell *c = at(r, row, name);

	assert_int_equal(c->type, CELL_BOOL);
	assert_int_equal(c->b, v);
}

static int64_t ms(const char *iso)
{
	int64_t v;

	if (isotime_parse(iso, false, &v) != 0)
		fail_msg("bad time %s", iso);
	return v;
}

/* ---- times and cells ---- */

/* Trainers read local time with the zone: 17:37 UTC in November is 19:37 EET in Sofia and in
 * Kyiv, 09:05 UTC in July 12:05 EEST; with no TZ, UTC says so. */
static void test_local_time_names_the_zone(void **state)
{
	char buf[64];
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;

	setenv("TZ", "Europe/Sofia", 1);
	tzset();
	assert_int_equal(isotime_format_local(ms("2026-11-29T17:37:00Z"), buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-29 19:37 EET");
	assert_int_equal(isotime_format_local(ms("2026-07-01T09:05:00Z"), buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-07-01 12:05 EEST");
	setenv("TZ", "Europe/Kyiv", 1);
	tzset();
	assert_int_equal(isotime_format_local(ms("2026-11-29T23:30:00Z"), buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-30 01:30 EET");  /* the next day there */
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(isotime_format_local(ms("2026-11-29T17:37:00Z"), buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-29 17:37 UTC");
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void assert_time_fails(const char *s)
{
	int64_t v;

	if (isotime_parse(s, false, &v) != -1)
		fail_msg("\"%s\" was accepted", s);
}

/* Stored times take a shortcut; it must agree with the general parser, refuse what it
 * refuses, and not carry a day over to a time of another day. */
static void test_parse_stored_time(void **state)
{
	static const char *const times[] = {
		"2026-11-02T10:15:02.123Z", "2026-11-02T23:59:59.999Z", "2026-11-03T00:00:00.000Z",
		"2024-02-29T12:00:00.500Z", "2026-02-29T12:00:00.500Z", "2026-11-02T24:00:00.000Z",
		"2026-11-02T10:60:00.000Z", "2026-11-02T10:15:02Z", "2026-11-02 10:15:02.123Z",
		"2026-11-02T10:15:02.12xZ", "2026-13-02T10:15:02.123Z", "2026-11-02T10:15:02.123+02:00",
		"", "garbage that is 24 bytes",
	};
	struct isotime_day day = { .date = "" };

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
			int64_t a = -1, b = -1;
			int ra = isotime_parse(times[i], false, &a);
			int rb = isotime_parse_stored(times[i], &day, &b);

			assert_int_equal(rb, ra);
			if (ra == 0)
				assert_int_equal(b, a);
		}
}

static void test_parse_time(void **state)
{
	int64_t v;
	char buf[32];

	assert_int_equal(isotime_parse("1970-01-01", false, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(isotime_parse("2026-11-02", false, &v), 0);
	assert_int_equal(v, 1793577600000LL);
	assert_int_equal(isotime_parse("2026-11-02", true, &v), 0);
	assert_int_equal(v, 1793577600000LL + 86399999);
	isotime_format(v, buf, sizeof buf);
	assert_string_equal(buf, "2026-11-02T23:59:59.999Z");
	/* Offsets are turned into UTC; a time without one is UTC. */
	assert_int_equal(ms("2026-11-02T10:05:00.5+02:00"), ms("2026-11-02T08:05:00.500Z"));
	assert_int_equal(ms("2026-11-02T10:05"), ms("2026-11-02T10:05:00.000Z"));
	assert_int_equal(ms("2026-11-02 10:05:07-0130"), ms("2026-11-02T11:35:07Z"));
	assert_int_equal(ms("2026-11-02T10:05:07.123456Z"), ms("2026-11-02T10:05:07.123Z"));
	isotime_format(ms("2024-02-29T23:59:59.999Z"), buf, sizeof buf);
	assert_string_equal(buf, "2024-02-29T23:59:59.999Z");
	isotime_format(ms("1969-12-31T23:00:00Z"), buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31T23:00:00.000Z");
	assert_time_fails("");
	assert_time_fails("yesterday");
	assert_time_fails("2026-02-29");
	assert_time_fails("2026-13-01");
	assert_time_fails("2026-11-2");
	assert_time_fails("2026/11/02");
	assert_time_fails("2026-11-02T25:00");
	assert_time_fails("2026-11-02T10:60");
	assert_time_fails("2026-11-02T10:00:00Zjunk");
	assert_time_fails("2026-11-02T10:00:00.");
	assert_time_fails("2026-11-02T");
	assert_time_fails("2026-11-02T10:00+25:00");
}

static void test_cell_text(void **state)
{
	struct cell c = { .type = CELL_REAL, .r = 0.75 };
	char buf[32];

	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "0.75");
	c.r = 1.0;
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "1");
	c.r = 22.0 / 3.0;
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "7.3333");
	c.r = 0.00004;
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "0");
	c.r = 12.5;
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "12.5");
	c = (struct cell){ .type = CELL_INT, .i = -42 };
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "-42");
	c = (struct cell){ .type = CELL_BOOL, .b = true };
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "true");
	c = (struct cell){ .type = CELL_NULL };
	assert_string_equal(report_cell_text(&c, buf, sizeof buf), "");
}

static void test_kind_names(void **state)
{
	enum report_kind k;

	assert_int_equal(report_kind_parse("steps", &k), 0);
	assert_int_equal(k, REPORT_STEPS);
	assert_string_equal(report_kind_name(REPORT_EVENTS), "events");
	assert_int_equal(report_kind_parse("Lessons", &k), -1);
	assert_int_equal(report_kind_parse("", &k), -1);
}

/* ---- lessons ---- */

static void test_lessons_one_kiosk(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report *r = report_of(paths, 1, &f->cat, REPORT_LESSONS, NULL);
	static const char *const cols[] = {
		"lesson_id", "lesson_title", "language", "learners_started", "learners_completed",
		"completion_rate", "median_minutes_to_complete", "steps", "avg_attempts_per_step",
	};
	size_t bg, uk;

	assert_int_equal(r->ncols, COUNT(cols));
	for (size_t i = 0; i < COUNT(cols); i++)
		assert_string_equal(r->columns[i], cols[i]);
	assert_int_equal(r->nrows, 2);  /* demo in bg and in uk (from the lessons folder) */
	bg = row_of(r, "lesson_id", "demo", "language", "bg");
	assert_int_equal(bg, 0);  /* sets in name order */
	assert_text_cell(r, bg, "lesson_title", "Проба");
	/* Learners 1-4 started; 1 and 4 completed (4's completion came before a reset and
	 * still counts); the removed learner 3 counts too. */
	assert_int_cell(r, bg, "learners_started", 4);
	assert_int_cell(r, bg, "learners_completed", 2);
	assert_real_cell(r, bg, "completion_rate", "0.5");
	/* Median of 9 and 5 min 50 s. */
	assert_real_cell(r, bg, "median_minutes_to_complete", "7.4167");
	assert_int_cell(r, bg, "steps", 6);
	/* 23 answers in 20 visits: 6 + 3 + 3 + 6 (run before the reset) + 2 (run after). */
	assert_real_cell(r, bg, "avg_attempts_per_step", "1.15");
	/* Nobody took the Ukrainian set: zeros, and undefined figures are null, not 0. */
	uk = row_of(r, "lesson_id", "demo", "language", "uk");
	assert_int_cell(r, uk, "learners_started", 0);
	assert_int_cell(r, uk, "learners_completed", 0);
	assert_null_cell(r, uk, "completion_rate");
	assert_null_cell(r, uk, "median_minutes_to_complete");
	assert_int_cell(r, uk, "steps", 6);
	assert_null_cell(r, uk, "avg_attempts_per_step");
	report_free(r);
}

/* Without the lessons folder: no title, steps as recorded, only lessons with events. */
static void test_lessons_without_catalog(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report *r = report_of(paths, 1, NULL, REPORT_LESSONS, NULL);

	assert_int_equal(r->nrows, 1);
	assert_null_cell(r, 0, "lesson_title");
	assert_text_cell(r, 0, "language", "bg");
	assert_int_cell(r, 0, "steps", 6);
	assert_int_cell(r, 0, "learners_started", 4);
	report_free(r);
}

/* A run cut by a reset: the restarted run is timed from its own start, not the first one. */
static void test_reset_starts_a_new_run(void **state)
{
	struct fx *f = *state;
	char path[160];
	const char *paths[] = { path };
	static const struct ev v[] = {
		{ 1, 1, "bg", "start", 0, "read", NULL, 1, 0, D2 "08:00:00.000Z", 1 },
		{ 1, 1, "bg", "pick", 1, "choose", "1", 0, 0, D2 "08:01:00.000Z", 1 },
		{ 2, 1, "bg", "start", 0, "read", NULL, 1, 0, D2 "09:00:00.000Z", 0 },
		{ 2, 1, "bg", "pick", 1, "choose", "2", 1, 0, D2 "09:01:00.000Z", 0 },
		{ 2, 1, "bg", "search", 2, "type", "йод", 1, 0, D2 "09:02:00.000Z", 0 },
		{ 2, 1, "bg", "middle", 3, "read", NULL, 1, 0, D2 "09:03:00.000Z", 0 },
		{ 2, 1, "bg", "town", 4, "type", "София", 1, 0, D2 "09:04:00.000Z", 0 },
		{ 2, 1, "bg", "end", 5, "read", NULL, 1, 0, D2 "09:05:00.000Z", 0 },
		{ 2, 1, "bg", "", 6, "complete", NULL, 1, 0, D2 "09:06:30.000Z", 0 },
	};
	static const struct ev twice[] = {
		{ 3, 2, "bg", "end", 5, "read", NULL, 1, 0, D2 "12:00:00.000Z", 0 },
		{ 3, 2, "bg", "", 6, "complete", NULL, 1, 0, D2 "12:03:00.000Z", 0 },
		{ 3, 2, "bg", "end", 5, "read", NULL, 1, 0, D2 "12:10:00.000Z", 0 },
		{ 3, 2, "bg", "", 6, "complete", NULL, 1, 0, D2 "12:12:00.000Z", 0 },
	};
	static const struct ev again[] = {
		{ 4, 3, "bg", "start", 0, "read", NULL, 1, 0, D2 "13:01:00.000Z", 2 },
		{ 4, 3, "bg", "start", 0, "read", NULL, 1, 0, D2 "13:06:00.000Z", 0 },
	};
	struct report *r;
	size_t row;

	snprintf(path, sizeof path, "%s/reset.db", f->dir);
	make_db(path, 3, "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0");
	raw_exec(path, "INSERT INTO learners(id, name, created_at) VALUES (1, 'Ана', '" D2
	               "07:00:00.000Z');"
	               "INSERT INTO sessions VALUES (1, 1, 'bg', '" D2 "07:59:00.000Z', NULL),"
	               " (2, 1, 'bg', '" D2 "08:59:00.000Z', NULL);"
	               "INSERT INTO resets VALUES (1, 1, NULL, '" D2 "08:30:00.000Z', 'cli');");
	add_events(path, v, COUNT(v), true);
	r = report_of(paths, 1, NULL, REPORT_LESSONS, NULL);
	assert_int_cell(r, 0, "learners_started", 1);
	assert_int_cell(r, 0, "learners_completed", 1);
	assert_real_cell(r, 0, "median_minutes_to_complete", "6.5");
	/* 8 answers in 8 visits: start and pick were each visited in both runs. */
	assert_real_cell(r, 0, "avg_attempts_per_step", "1");
	report_free(r);
	/* Learner 2 finishes twice (3 and 2 minutes): one learner completed, every completion
	 * timed: the median of 6.5, 3 and 2 is 3. */
	raw_exec(path, "INSERT INTO learners(id, name, created_at) VALUES (2, 'Боян', '" D2
	               "07:00:00.000Z');"
	               "INSERT INTO sessions VALUES (3, 2, 'bg', '" D2 "12:00:00.000Z', NULL);");
	add_events(path, twice, COUNT(twice), true);
	r = report_of(paths, 1, NULL, REPORT_LESSONS, NULL);
	assert_int_cell(r, 0, "learners_started", 2);
	assert_int_cell(r, 0, "learners_completed", 2);
	assert_real_cell(r, 0, "median_minutes_to_complete", "3");
	report_free(r);
	r = report_of(paths, 1, NULL, REPORT_LEARNERS, NULL);
	assert_int_cell(r, 1, "lessons_completed", 1);
	report_free(r);
	/* Learner 3 read the first step, was reset, and read it again: two visits, not one. */
	raw_exec(path, "INSERT INTO learners(id, name, created_at) VALUES (3, 'Вера', '" D2
	               "07:00:00.000Z');"
	               "INSERT INTO sessions VALUES (4, 3, 'bg', '" D2 "13:00:00.000Z', NULL);"
	               "INSERT INTO resets VALUES (2, 3, 'demo', '" D2 "13:05:00.000Z', 'menu');");
	add_events(path, again, COUNT(again), true);
	r = report_of(paths, 1, NULL, REPORT_LESSONS, NULL);
	assert_real_cell(r, 0, "avg_attempts_per_step", "1");  /* 12 answers, 12 visits */
	report_free(r);
	r = report_of(paths, 1, NULL, REPORT_STEPS, NULL);
	row = row_of(r, "step_id", "pick", NULL, NULL);
	assert_int_cell(r, row, "attempts", 2);
	assert_real_cell(r, row, "first_try_success_rate", "0.5");
	report_free(r);
}

/* ---- steps ---- */

struct step_want {
	const char *id;
	int64_t index, attempts;
	const char *first_try, *hint;
	int64_t reached, stopped;
};

static void assert_steps(const struct report *r, const char *lang, const struct step_want *w,
                         size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t row = row_of(r, "step_id", w[i].id, "language", lang);

		assert_text_cell(r, row, "lesson_id", "demo");
		assert_int_cell(r, row, "step_index", w[i].index);
		assert_int_cell(r, row, "attempts", w[i].attempts);
		if (w[i].first_try)
			assert_real_cell(r, row, "first_try_success_rate", w[i].first_try);
		else
			assert_null_cell(r, row, "first_try_success_rate");
		if (w[i].hint)
			assert_real_cell(r, row, "hint_rate", w[i].hint);
		else
			assert_null_cell(r, row, "hint_rate");
		assert_int_cell(r, row, "learners_reached", w[i].reached);
		assert_int_cell(r, row, "learners_stopped_here", w[i].stopped);
	}
}

static void test_steps_one_kiosk(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report *r = report_of(paths, 1, &f->cat, REPORT_STEPS, NULL);
	/* pick: 5 visits (1, 2, 3, 4 before and 4 after the reset); first tries right for 2, 3
	 * and 4's first run; 1 saw the hint (twice, one visit).  search: 2 and 3 answered wrong
	 * and left there.
	 * Learner 4 completed, so their second run stopping at pick is no drop-off. */
	static const struct step_want want[] = {
		{ "start", 0, 5, "1", "0", 4, 0 },
		{ "pick", 1, 8, "0.6", "0.2", 4, 0 },
		{ "search", 2, 4, "0.5", "0", 4, 2 },
		{ "middle", 3, 2, "1", "0", 2, 0 },
		{ "town", 4, 2, "1", "0", 2, 0 },
		{ "end", 5, 2, "1", "0", 2, 0 },
	};

	assert_int_equal(r->nrows, 12);  /* 6 steps in bg, 6 in uk */
	for (size_t i = 0; i < 6; i++)   /* bg first, in lesson order */
		assert_text_cell(r, i, "step_id", want[i].id);
	assert_steps(r, "bg", want, COUNT(want));
	assert_int_cell(r, row_of(r, "step_id", "start", "language", "uk"), "attempts", 0);
	assert_null_cell(r, row_of(r, "step_id", "start", "language", "uk"), "hint_rate");
	report_free(r);
}

/* ---- learners ---- */

static void test_learners_one_kiosk(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report_filter names = { .with_names = true };
	struct report *r = report_of(paths, 1, NULL, REPORT_LEARNERS, NULL);
	size_t row;

	assert_false(has_col(r, "name"));  /* personal data only when asked */
	assert_int_equal(r->ncols, 8);
	assert_int_equal(r->nrows, 4);
	row = row_of(r, "learner_id", "a1b2c3d4-1", NULL, NULL);
	assert_text_cell(r, row, "kiosk_id", KIOSK_A);
	assert_time_cell(r, row, "first_seen", D2 "10:01:00.000Z");
	assert_time_cell(r, row, "last_seen", D2 "10:10:00.000Z");
	assert_int_cell(r, row, "lessons_started", 1);
	assert_int_cell(r, row, "lessons_completed", 1);
	assert_real_cell(r, row, "minutes_spent", "10");  /* session start 10:00 to 10:10 */
	row = row_of(r, "learner_id", "a1b2c3d4-2", NULL, NULL);
	assert_int_cell(r, row, "lessons_completed", 0);
	assert_real_cell(r, row, "minutes_spent", "2");
	/* Two sessions: 09:00-09:06 and 09:20-09:22; the completion before the reset counts. */
	row = row_of(r, "learner_id", "a1b2c3d4-4", NULL, NULL);
	assert_int_cell(r, row, "lessons_completed", 1);
	assert_real_cell(r, row, "minutes_spent", "8");
	assert_time_cell(r, row, "first_seen", D3 "09:00:10.000Z");
	assert_time_cell(r, row, "last_seen", D3 "09:22:00.000Z");
	/* The removed learner is counted, with no id that could link their rows. */
	assert_null_cell(r, 2, "learner_id");
	assert_text_cell(r, 2, "kiosk_id", KIOSK_A);
	assert_real_cell(r, 2, "minutes_spent", "3");
	assert_int_cell(r, 2, "lessons_started", 1);
	report_free(r);

	r = report_of(paths, 1, NULL, REPORT_LEARNERS, &names);
	assert_string_equal(r->columns[3], "name");
	assert_text_cell(r, 0, "name", "Мария");
	assert_text_cell(r, 1, "name", "=HYPERLINK(\"x\")");  /* neutralised by the CSV writer */
	assert_null_cell(r, 2, "name");
	assert_null_cell(r, 2, "learner_id");
	assert_text_cell(r, 3, "name", "Иван");
	report_free(r);
}

/* The learners report reads a learner's events lesson by lesson: a lesson counts as started
 * only with a selected event in it, and the next learner's first lesson is theirs even when
 * it has the same id as the last learner's last one. */
static void test_learners_lesson_by_lesson(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report_filter bg = { .lang = "bg" }, uk = { .lang = "uk" };
	struct report *r;
	size_t row;

	/* Learner 1 also took "aaa" (sorted before "demo") in Ukrainian and finished it, and
	 * learner 2 opened "zzz" (after "demo") and nothing else there. */
	raw_exec(f->a,
		"INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
		" step_count, kind, answer, correct, hint_shown, at) VALUES"
		" (1, 1, 'uk', 'aaa', 'x', 0, 1, 'read', NULL, 1, 0, '" D2 "10:09:30.000Z'),"
		" (1, 1, 'uk', 'aaa', '', 1, 1, 'complete', NULL, 1, 0, '" D2 "10:09:40.000Z'),"
		" (2, 2, 'uk', 'zzz', 'x', 0, 1, 'read', NULL, 1, 0, '" D2 "11:05:00.000Z');");
	r = report_of(paths, 1, NULL, REPORT_LEARNERS, NULL);
	row = row_of(r, "learner_id", "a1b2c3d4-1", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 2);
	assert_int_cell(r, row, "lessons_completed", 2);
	row = row_of(r, "learner_id", "a1b2c3d4-2", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 2);
	assert_int_cell(r, row, "lessons_completed", 0);
	assert_time_cell(r, row, "last_seen", D2 "11:05:00.000Z");
	assert_real_cell(r, row, "minutes_spent", "5");  /* 11:00 to 11:05 */
	row = row_of(r, "learner_id", "a1b2c3d4-4", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 1);  /* "demo" only, after learner 3's */
	report_free(r);

	/* Only Bulgarian: the Ukrainian lessons are not started, and their times not seen. */
	r = report_of(paths, 1, NULL, REPORT_LEARNERS, &bg);
	row = row_of(r, "learner_id", "a1b2c3d4-1", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 1);
	assert_int_cell(r, row, "lessons_completed", 1);
	assert_time_cell(r, row, "last_seen", D2 "10:10:00.000Z");
	row = row_of(r, "learner_id", "a1b2c3d4-2", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 1);
	assert_real_cell(r, row, "minutes_spent", "2");
	report_free(r);

	/* Only Ukrainian: two learners, each with their one lesson. */
	r = report_of(paths, 1, NULL, REPORT_LEARNERS, &uk);
	assert_int_equal(r->nrows, 2);
	row = row_of(r, "learner_id", "a1b2c3d4-1", NULL, NULL);
	assert_int_cell(r, row, "lessons_started", 1);
	assert_int_cell(r, row, "lessons_completed", 1);
	assert_time_cell(r, row, "first_seen", D2 "10:09:30.000Z");
	assert_real_cell(r, row, "minutes_spent", "9.6667");  /* 10:00 to 10:09:40 */
	row = row_of(r, "learner_id", "a1b2c3d4-2", NULL, NULL);
	assert_int_cell(r, row, "lessons_completed", 0);
	report_free(r);
}

/* ---- events ---- */

static void test_events_one_kiosk(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report_filter names = { .with_names = true };
	struct report *r = report_of(paths, 1, NULL, REPORT_EVENTS, NULL);
	static const char *const cols[] = {
		"kiosk_id", "kiosk_name", "learner_id", "session", "lang", "lesson_id", "step_id",
		"step_index", "kind", "correct", "hint_shown", "show_me", "before_reset", "at",
	};

	assert_int_equal(r->ncols, COUNT(cols));  /* no answer column without --with-names */
	for (size_t i = 0; i < COUNT(cols); i++)
		assert_string_equal(r->columns[i], cols[i]);
	assert_int_equal(r->nrows, COUNT(events_a));
	assert_text_cell(r, 4, "learner_id", "a1b2c3d4-1");
	assert_int_cell(r, 4, "session", 1);
	assert_text_cell(r, 4, "step_id", "pick");
	assert_int_cell(r, 4, "step_index", 1);
	assert_text_cell(r, 4, "kind", "choose");
	assert_bool_cell(r, 4, "correct", true);
	assert_bool_cell(r, 4, "hint_shown", true);
	assert_bool_cell(r, 4, "before_reset", false);
	assert_time_cell(r, 4, "at", D2 "10:04:00.000Z");
	assert_bool_cell(r, 2, "correct", false);
	assert_text_cell(r, 9, "kind", "complete");
	assert_text_cell(r, 9, "step_id", "");
	/* Removed learner 3: neither id nor session links their answers. */
	assert_null_cell(r, 13, "learner_id");
	assert_null_cell(r, 13, "session");
	for (size_t i = 16; i < 23; i++)
		assert_bool_cell(r, i, "before_reset", true);
	assert_bool_cell(r, 23, "before_reset", false);
	report_free(r);

	r = report_of(paths, 1, NULL, REPORT_EVENTS, &names);
	assert_string_equal(r->columns[9], "answer");
	assert_text_cell(r, 5, "answer", "йод");
	assert_null_cell(r, 0, "answer");  /* read steps have none */
	assert_text_cell(r, 12, "answer", "иод");
	assert_null_cell(r, 15, "answer");  /* the removed learner typed a phone number here */
	report_free(r);
}

/* ---- several kiosks ---- */

static void test_two_kiosks_merge(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a, f->b };
	struct report_data *d = load_ok(paths, 2);
	struct report *r;
	struct report_filter uk = { .lang = "uk" };
	size_t row;
	static const struct step_want bg[] = {
		{ "start", 0, 6, "1", "0", 5, 0 },
		{ "pick", 1, 8, "0.6", "0.2", 5, 1 },  /* B's learner 4 stopped at pick */
	};
	static const struct step_want town_uk[] = { { "town", 4, 2, "0", "0", 1, 0 } };

	assert_int_equal(report_data_kiosks(d), 2);
	assert_string_equal(report_data_kiosk_id(d, 1), KIOSK_B);
	r = build(d, &f->cat, REPORT_LESSONS, NULL);
	/* Learner id 4 is on both kiosks: two people, so 5 started in bg. */
	row = row_of(r, "lesson_id", "demo", "language", "bg");
	assert_int_cell(r, row, "learners_started", 5);
	assert_int_cell(r, row, "learners_completed", 2);
	assert_real_cell(r, row, "completion_rate", "0.4");
	assert_real_cell(r, row, "median_minutes_to_complete", "7.4167");
	assert_real_cell(r, row, "avg_attempts_per_step", "1.1429");  /* 24 / 21 */
	row = row_of(r, "lesson_id", "demo", "language", "uk");
	assert_int_cell(r, row, "learners_started", 1);
	assert_int_cell(r, row, "learners_completed", 1);
	assert_real_cell(r, row, "completion_rate", "1");
	assert_real_cell(r, row, "median_minutes_to_complete", "6.6667");
	assert_real_cell(r, row, "avg_attempts_per_step", "1.1667");  /* 7 / 6 */
	report_free(r);

	r = build(d, &f->cat, REPORT_STEPS, NULL);
	assert_steps(r, "bg", bg, COUNT(bg));
	assert_steps(r, "uk", town_uk, COUNT(town_uk));
	report_free(r);

	r = build(d, NULL, REPORT_LEARNERS, NULL);
	assert_int_equal(r->nrows, 6);
	row = row_of(r, "learner_id", "b5e6f7a8-2", NULL, NULL);
	assert_text_cell(r, row, "kiosk_id", KIOSK_B);
	assert_real_cell(r, row, "minutes_spent", "7");
	assert_int_cell(r, row, "lessons_completed", 1);
	row = row_of(r, "learner_id", "b5e6f7a8-4", NULL, NULL);
	assert_real_cell(r, row, "minutes_spent", "1");
	assert_int_cell(r, row, "lessons_started", 1);
	row = row_of(r, "learner_id", "a1b2c3d4-4", NULL, NULL);
	assert_real_cell(r, row, "minutes_spent", "8");
	report_free(r);

	r = build(d, NULL, REPORT_EVENTS, NULL);
	assert_int_equal(r->nrows, COUNT(events_a) + COUNT(events_b));
	assert_text_cell(r, COUNT(events_a), "kiosk_id", KIOSK_B);  /* in the order given */
	assert_bool_cell(r, COUNT(events_a), "before_reset", false);  /* schema 2: no resets */
	report_free(r);

	/* --lang uk: only the Ukrainian set's rows and events. */
	r = build(d, &f->cat, REPORT_LESSONS, &uk);
	assert_int_equal(r->nrows, 1);
	assert_text_cell(r, 0, "language", "uk");
	report_free(r);
	r = build(d, NULL, REPORT_LEARNERS, &uk);
	assert_int_equal(r->nrows, 1);
	assert_text_cell(r, 0, "learner_id", "b5e6f7a8-2");
	report_free(r);
	report_data_free(d);
}

/* A schema 2 database on its own: no resets, no removed learners, names as they are. */
static void test_schema_2_alone(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->b };
	struct report_filter names = { .with_names = true };
	struct report *r = report_of(paths, 1, NULL, REPORT_LEARNERS, &names);

	assert_int_equal(r->nrows, 2);
	assert_text_cell(r, 0, "name", "Олена");
	assert_text_cell(r, 1, "name", "Петро");
	report_free(r);
}

/* ---- dates ---- */

static void test_date_range(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report_data *d = load_ok(paths, 1);
	struct report_filter day2 = { .has_since = true, .has_until = true };
	struct report_filter exact = { .has_until = true };
	struct report_filter day3 = { .has_since = true };
	struct report_filter backwards = { .has_since = true, .has_until = true };
	struct report *r;
	struct kerr err = { "" };
	size_t row;

	/* From 10:05 on the first day, to the end of that day. */
	day2.since_ms = ms(D2 "10:05Z");
	assert_int_equal(isotime_parse("2026-11-02", true, &day2.until_ms), 0);
	r = build(d, NULL, REPORT_LESSONS, &day2);
	assert_int_cell(r, 0, "learners_started", 3);
	assert_int_cell(r, 0, "learners_completed", 1);
	/* Learner 1's run began at 10:01, before the range: still timed from 10:01. */
	assert_real_cell(r, 0, "median_minutes_to_complete", "9");
	assert_real_cell(r, 0, "avg_attempts_per_step", "1");  /* 10 answers, 10 visits */
	report_free(r);
	r = build(d, NULL, REPORT_LEARNERS, &day2);
	assert_int_equal(r->nrows, 3);
	row = row_of(r, "learner_id", "a1b2c3d4-1", NULL, NULL);
	assert_time_cell(r, row, "first_seen", D2 "10:05:00.000Z");
	assert_real_cell(r, row, "minutes_spent", "5");  /* the session counts from --since */
	report_free(r);
	r = build(d, NULL, REPORT_EVENTS, &day2);
	assert_int_equal(r->nrows, 5 + 3 + 3);
	report_free(r);

	/* An --until time is inclusive to the millisecond. */
	exact.until_ms = ms(D2 "10:10:00.000Z");
	r = build(d, NULL, REPORT_EVENTS, &exact);
	assert_int_equal(r->nrows, 10);
	report_free(r);

	/* Only learner 1's complete event is in range: they still reached every step. */
	exact = (struct report_filter){ .has_since = true, .since_ms = ms(D2 "10:10Z"),
	                                .has_until = true, .until_ms = ms(D2 "23:59Z") };
	r = build(d, &f->cat, REPORT_STEPS, &exact);
	row = row_of(r, "step_id", "end", "language", "bg");
	assert_int_cell(r, row, "learners_reached", 1);
	assert_int_cell(r, row, "attempts", 0);
	assert_int_cell(r, row_of(r, "step_id", "start", "language", "bg"), "learners_reached", 3);
	report_free(r);

	day3.since_ms = ms("2026-11-03");
	r = build(d, &f->cat, REPORT_STEPS, &day3);
	row = row_of(r, "step_id", "pick", "language", "bg");
	assert_int_cell(r, row, "attempts", 2);
	assert_int_cell(r, row, "learners_reached", 1);
	report_free(r);

	backwards.since_ms = ms("2026-11-03");
	backwards.until_ms = ms("2026-11-02");
	assert_int_equal(report_build(d, NULL, REPORT_LESSONS, &backwards, &r, &err), -1);
	assert_non_null(strstr(err.msg, "after"));
	report_data_free(d);
}

/* ---- refusals ---- */

static void test_same_file_twice(void **state)
{
	struct fx *f = *state;
	char other[160], copy[160];
	const char *twice[] = { f->a, f->b, f->a };
	const char *dotted[] = { f->a, other };
	const char *copied[] = { f->a, copy };

	load_fails(twice, 3, "given twice");
	snprintf(other, sizeof other, "%s/./a.db", f->dir);
	load_fails(dotted, 2, "given twice");
	snprintf(copy, sizeof copy, "%s/copy-of-a.db", f->dir);
	copy_file(f->a, copy);
	load_fails(copied, 2, "same kiosk");
	load_fails(copied, 2, KIOSK_A);
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_open_errors(void **state)
{
	struct fx *f = *state;
	char path[160];
	const char *paths[] = { path };
	const char *missing_second[] = { f->a, path };

	snprintf(path, sizeof path, "%s/none.db", f->dir);
	load_fails(paths, 1, "does not exist");
	load_fails(missing_second, 2, "none.db");
	assert_int_equal(access(path, F_OK), -1);  /* read-only open creates nothing */
	load_fails((const char *[]){ f->dir }, 1, "folder");
	snprintf(path, sizeof path, "%s/notes.txt", f->dir);
	write_text(path, "Списък за пазаруване: хляб, мляко, яйца.\n"
	                 "This is a text file, not a database at all, and long enough.\n");
	load_fails(paths, 1, "not a kiosk database");
	snprintf(path, sizeof path, "%s/other.db", f->dir);
	raw_exec(path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)");
	load_fails(paths, 1, "not a kiosk database");
	snprintf(path, sizeof path, "%s/empty.db", f->dir);
	write_text(path, "");
	load_fails(paths, 1, "not a kiosk database");
	snprintf(path, sizeof path, "%s/damaged.db", f->dir);
	make_db(path, 3, "not-hex");
	load_fails(paths, 1, "kiosk id is damaged");
}

/* A database with no events yet: lessons from the folder, all zero; no learners. */
static void test_empty_kiosk(void **state)
{
	struct fx *f = *state;
	char path[160];
	const char *paths[] = { path };
	struct report *r;

	snprintf(path, sizeof path, "%s/new.db", f->dir);
	make_db(path, 3, "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0");
	r = report_of(paths, 1, &f->cat, REPORT_LESSONS, NULL);
	assert_int_equal(r->nrows, 2);
	assert_int_cell(r, 0, "learners_started", 0);
	report_free(r);
	r = report_of(paths, 1, &f->cat, REPORT_LEARNERS, NULL);
	assert_int_equal(r->nrows, 0);
	report_free(r);
}

/* Schema 4: practice screens save answers of kind "practice" and mark those given after the
 * "show me" demonstration.  A kind the export does not know is an answer like any other. */
static void test_schema_4_practice(void **state)
{
	struct fx *f = *state;
	char path[160];
	const char *paths[] = { path };
	struct report *r;
	size_t row;

	snprintf(path, sizeof path, "%s/v4.db", f->dir);
	make_db(path, 3, "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0");
	raw_exec(path,
		"DROP TABLE events;"
		"CREATE TABLE events (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL,"
		"  learner_id INTEGER NOT NULL, lang TEXT NOT NULL, lesson_id TEXT NOT NULL,"
		"  step_id TEXT NOT NULL, step_index INTEGER NOT NULL, step_count INTEGER NOT NULL,"
		"  kind TEXT NOT NULL"
		"    CHECK (kind IN ('read', 'choose', 'type', 'practice', 'complete')),"
		"  answer TEXT, correct INTEGER NOT NULL, hint_shown INTEGER NOT NULL,"
		"  at TEXT NOT NULL, reset_id INTEGER, show_me INTEGER NOT NULL DEFAULT 0);"
		"PRAGMA user_version = 4;"
		"INSERT INTO learners(id, name, created_at)"
		"  VALUES (1, 'Ана', '" D2 "07:00:00.000Z');"
		"INSERT INTO sessions VALUES (1, 1, 'bg', '" D2 "08:00:00.000Z', NULL);"
		"INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
		"  step_count, kind, answer, correct, hint_shown, at, show_me) VALUES"
		"  (1, 1, 'bg', 'screens', 'order', 0, 2, 'practice', 'Търси', 0, 0,"
		"   '" D2 "08:01:00.000Z', 0),"
		"  (1, 1, 'bg', 'screens', 'order', 0, 2, 'practice', 'Търси', 1, 0,"
		"   '" D2 "08:02:00.000Z', 1),"
		"  (1, 1, 'bg', 'screens', 'pay', 1, 2, 'practice', 'Плати', 1, 0,"
		"   '" D2 "08:03:00.000Z', 0),"
		"  (1, 1, 'bg', 'screens', '', 2, 2, 'complete', NULL, 1, 0,"
		"   '" D2 "08:04:00.000Z', 0);");
	r = report_of(paths, 1, NULL, REPORT_EVENTS, NULL);
	assert_int_equal(r->nrows, 4);
	assert_text_cell(r, 0, "kind", "practice");
	assert_bool_cell(r, 0, "show_me", false);
	assert_bool_cell(r, 1, "show_me", true);
	report_free(r);
	r = report_of(paths, 1, NULL, REPORT_STEPS, NULL);
	row = row_of(r, "step_id", "order", NULL, NULL);
	assert_int_cell(r, row, "attempts", 2);
	assert_real_cell(r, row, "first_try_success_rate", "0");
	assert_int_equal(r->nrows, 2);
	report_free(r);
	r = report_of(paths, 1, NULL, REPORT_LESSONS, NULL);
	assert_int_cell(r, 0, "learners_completed", 1);
	assert_int_cell(r, 0, "steps", 2);
	assert_real_cell(r, 0, "median_minutes_to_complete", "3");
	assert_real_cell(r, 0, "avg_attempts_per_step", "1.5");
	report_free(r);
}

/* ---- snapshots ---- */

static int64_t raw_count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A kiosk in the middle of writing (WAL, an open write transaction) neither blocks the export
 * nor shows it half an answer; and the writer can commit while the export holds its data. */
static void test_snapshot_while_writing(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a };
	struct report_data *d;
	struct report *r;
	sqlite3 *w;
	double t0;

	assert_int_equal(sqlite3_open(f->a, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE;"
	                              "INSERT INTO events(session_id, learner_id, lang, lesson_id,"
	                              " step_id, step_index, step_count, kind, correct, hint_shown,"
	                              " at) VALUES (2, 2, 'bg', 'demo', 'search', 2, 6, 'type', 1,"
	                              " 0, '2026-11-02T11:03:00.000Z')", NULL, NULL, NULL),
	                 SQLITE_OK);
	t0 = now_s();
	d = load_ok(paths, 1);
	assert_true(now_s() - t0 < 1.0);  /* not waiting for the writer */
	r = build(d, NULL, REPORT_EVENTS, NULL);
	assert_int_equal(r->nrows, COUNT(events_a));  /* the uncommitted answer is not seen */
	report_free(r);
	assert_int_equal(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	report_data_free(d);
	d = load_ok(paths, 1);
	r = build(d, NULL, REPORT_EVENTS, NULL);
	assert_int_equal(r->nrows, COUNT(events_a) + 1);
	report_free(r);
	report_data_free(d);
	/* Reading changed nothing. */
	assert_int_equal(raw_count(w, "SELECT count(*) FROM events"), COUNT(events_a) + 1);
	sqlite3_close(w);
}


/* ---- kiosk name, step text, counted events ---- */

static int count_end(void *ctx, const struct cell *cells, size_t ncols) { return 0; }
static int count_begin(void *ctx, enum report_kind k, const char *const *c, size_t n)
{
	return 0;
}
static void count_events(void *ctx, int64_t events) { *(int64_t *)ctx = events; }

static int64_t events_counted(const char *const *paths, size_t n, const struct catalog *c,
                              enum report_kind kind, const struct report_filter *f)
{
	struct report_data *d = load_ok(paths, n);
	int64_t events = -1;
	struct report_sink sink = { .begin = count_begin, .row = count_end, .ctx = &events,
	                            .end = count_events };
	struct kerr err;

	assert_int_equal(report_write(d, c, kind, f, &sink, &err), 0);
	report_data_free(d);
	return events;
}

static void test_kiosk_name_step_text(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a, f->b };
	struct report_filter nothing = { .has_since = true, .since_ms = 4102444800000LL };
	const struct lesson_set *bg = catalog_find_set(&f->cat, "bg");
	struct report *r;
	char *words;

	raw_exec(f->a, "INSERT INTO settings VALUES ('kiosk_name', 'Читалище „Христо Ботев“')");
	r = report_of(paths, 2, NULL, REPORT_LEARNERS, NULL);
	assert_string_equal(r->columns[2], "kiosk_name");  /* beside kiosk_id */
	assert_text_cell(r, 0, "kiosk_name", "Читалище „Христо Ботев“");
	assert_null_cell(r, r->nrows - 1, "kiosk_name");    /* kiosk b: schema 2, no settings */
	report_free(r);
	r = report_of(paths, 2, NULL, REPORT_EVENTS, NULL);
	assert_string_equal(r->columns[1], "kiosk_name");
	assert_text_cell(r, 0, "kiosk_name", "Читалище „Христо Ботев“");
	assert_null_cell(r, r->nrows - 1, "kiosk_name");
	report_free(r);

	r = report_of(paths, 1, &f->cat, REPORT_STEPS, NULL);
	assert_string_equal(r->columns[3], "step_text");    /* beside step_id */
	words = text_first_words(bg->lessons[0]->steps[0].text, 40);
	assert_text_cell(r, row_of(r, "step_id", "start", "language", "bg"), "step_text", words);
	free(words);
	report_free(r);

	/* A period without data: every lesson is still listed, and no event is counted. */
	assert_int_equal(events_counted(paths, 2, &f->cat, REPORT_LESSONS, &nothing), 0);
	assert_true(events_counted(paths, 2, &f->cat, REPORT_LESSONS, NULL) > 0);
	assert_int_equal(events_counted(paths, 2, NULL, REPORT_EVENTS, &nothing), 0);
	assert_int_equal(events_counted(paths, 1, NULL, REPORT_EVENTS, NULL), COUNT(events_a));
}

/* ---- the overview of the html page ---- */

static int count_rows(void *ctx, const struct cell *cells, size_t ncols)
{
	(*(size_t *)ctx)++;
	return 0;
}

static void overview_of(const char *const *paths, size_t n, const struct catalog *c,
                        const struct report_filter *f, struct report_overview *ov,
                        size_t *lesson_rows, size_t *step_rows)
{
	struct report_data *d = load_ok(paths, n);
	struct report_sink ls = { .begin = count_begin, .row = count_rows, .ctx = lesson_rows };
	struct report_sink ss = { .begin = count_begin, .row = count_rows, .ctx = step_rows };
	struct kerr err;

	*lesson_rows = *step_rows = 0;
	assert_int_equal(report_write_overview(d, c, f, &ls, &ss, ov, &err), 0);
	report_data_free(d);
}

static void test_overview(void **state)
{
	struct fx *f = *state;
	const char *paths[] = { f->a, f->b };
	struct report_filter from3 = { .has_since = true, .since_ms = ms("2026-11-03T00:00:00Z") };
	struct report_overview ov;
	size_t nl, ns;
	struct report *lessons = report_of(paths, 2, &f->cat, REPORT_LESSONS, NULL);
	struct report *steps = report_of(paths, 2, &f->cat, REPORT_STEPS, NULL);
	static const struct ev later = { 2, 2, "uk", "start", 0, "read", NULL, 1, 0,
	                                 "2027-06-01T10:00:00.000Z", 0 };

	overview_of(paths, 2, &f->cat, NULL, &ov, &nl, &ns);
	assert_int_equal(nl, lessons->nrows);  /* the very rows of the two reports */
	assert_int_equal(ns, steps->nrows);
	report_free(lessons);
	report_free(steps);
	/* Kiosk a: learners 1-4, sessions 1-5, completions by 1 and 4 (before the reset);
	 * kiosk b: learners 2 and 4 (two more people), sessions 1 and 2, one completion. */
	assert_int_equal(ov.events, COUNT(events_a) + COUNT(events_b));
	assert_int_equal(ov.learners, 6);
	assert_int_equal(ov.sessions, 7);
	assert_int_equal(ov.completions, 3);
	/* 9, 5.83 and 6.67 minutes from each run's start. */
	assert_true(ov.has_median);
	assert_float_equal(ov.median_minutes, 400.0 / 60.0, 1e-9);
	assert_int_equal(ov.nkiosks, 2);
	assert_int_equal(ov.kiosks[0].learners, 4);
	assert_int_equal(ov.kiosks[0].sessions, 5);
	assert_int_equal(ov.kiosks[0].completions, 2);
	assert_int_equal(ov.kiosks[1].learners, 2);
	assert_int_equal(ov.kiosks[1].sessions, 2);
	assert_int_equal(ov.kiosks[1].completions, 1);
	/* Monday 2 to Thursday 5 November: one week, from Monday 00:00 UTC. */
	assert_int_equal(ov.period_kind, REPORT_WEEKS);
	assert_int_equal(ov.nperiods, 1);
	assert_int_equal(ov.periods[0].start_ms, ms("2026-11-02T00:00:00Z"));
	assert_int_equal(ov.periods[0].learners, 6);
	assert_int_equal(ov.periods[0].completions, 3);
	report_overview_free(&ov);

	overview_of(paths, 2, &f->cat, &from3, &ov, &nl, &ns);
	assert_int_equal(ov.learners, 3);
	assert_int_equal(ov.sessions, 4);
	assert_int_equal(ov.completions, 2);
	assert_float_equal(ov.median_minutes, (350.0 / 60.0 + 400.0 / 60.0) / 2.0, 1e-9);
	report_overview_free(&ov);

	/* Seven months later: months, every one listed, the empty ones with zeros. */
	add_events(f->b, &later, 1, false);
	overview_of(paths, 2, &f->cat, NULL, &ov, &nl, &ns);
	assert_int_equal(ov.period_kind, REPORT_MONTHS);
	assert_int_equal(ov.nperiods, 8);
	assert_int_equal(ov.periods[0].start_ms, ms("2026-11-01T00:00:00Z"));
	assert_int_equal(ov.periods[0].learners, 6);
	assert_int_equal(ov.periods[3].start_ms, ms("2027-02-01T00:00:00Z"));
	assert_int_equal(ov.periods[3].learners, 0);
	assert_int_equal(ov.periods[7].start_ms, ms("2027-06-01T00:00:00Z"));
	assert_int_equal(ov.periods[7].learners, 1);
	assert_int_equal(ov.periods[7].completions, 0);
	assert_int_equal(ov.learners, 6);  /* the same person came back */
	report_overview_free(&ov);
}

/* One rule for the hard steps: nulls (no visits) and perfect or hint-free steps are never
 * marked; the first of equal steps is. */
static void test_hard_steps_rule(void **state)
{
	struct report_hard h;

	(void)state;
	report_hard_init(&h);
	assert_int_equal(h.low_ok, SIZE_MAX);
	report_hard_add(&h, 0, true, 0.0, true, 1.0);      /* no visits: no evidence */
	report_hard_add(&h, 1, false, 1.0, false, 0.0);    /* all right, no hints */
	assert_int_equal(h.low_ok, SIZE_MAX);
	assert_int_equal(h.high_hint, SIZE_MAX);
	report_hard_add(&h, 2, false, 0.5, false, 0.25);
	report_hard_add(&h, 3, false, 0.5, false, 0.75);   /* equal first-try rate: 2 stays */
	report_hard_add(&h, 4, false, 0.75, false, 0.75);  /* equal hint rate: 3 stays */
	assert_int_equal(h.low_ok, 2);
	assert_int_equal(h.high_hint, 3);
	report_hard_add(&h, 5, false, 0.0, false, 0.9);
	assert_int_equal(h.low_ok, 5);
	assert_int_equal(h.high_hint, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_parse_stored_time),
		cmocka_unit_test(test_cell_text),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test_setup_teardown(test_lessons_one_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lessons_without_catalog, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_starts_a_new_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_one_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_learners_one_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_learners_lesson_by_lesson, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_one_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_kiosks_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_2_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_file_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_4_practice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_while_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kiosk_name_step_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overview, setup, teardown),
		cmocka_unit_test(test_local_time_names_the_zone),
		cmocka_unit_test(test_hard_steps_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
