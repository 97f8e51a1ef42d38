/* Unit tests for store.c: schema and migrations, learners, events and derived progress,
 * refusals at open, durability, and the trainer's actions (resets, removing and renaming
 * learners, settings, PIN attempts, audit).  Every test works in its own mkdtemp folder under /tmp,
 * removed afterwards; the database is also read "from outside" with raw SQLite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

#define NOBODY 65534  /* uid and gid the permission tests drop to when run as root */

struct fx {
	char dir[64];
	char path[128];  /* dir/kiosk.db, not created */
};

/* ---- fixture ---- */

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/kiosk-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/kiosk.db", f->dir);
	*state = f;
	return 0;
}

static int unlock_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	if (type == FTW_D || type == FTW_DNR)
		chmod(p, 0700);
	return 0;
}

static int remove_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	/* First make every folder writable again (a test may have failed before restoring). */
	nftw(f->dir, unlock_entry, 8, FTW_PHYS);
	nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static struct store *open_ok(const char *path)
{
	struct store *s = NULL;
	struct kerr err = { "" };

	if (store_open(path, &s, &err) != 0)
		fail_msg("store_open(%s): %s", path, err.msg);
	assert_non_null(s);
	return s;
}

/* Opening must fail with -1, no store, and a message containing want. */
static void open_fails(const char *path, const char *want)
{
	struct store *s = (struct store *)1;
	struct kerr err = { "" };

	assert_int_equal(store_open(path, &s, &err), -1);
	assert_null(s);
	if (!strstr(err.msg, want))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("raw sql: %s", msg);
	sqlite3_close(db);
}

/* One value read by another connection, as another program would see the file. */
static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The same for text; caller frees; NULL for no row or NULL. */
static char *raw_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void assert_raw_text(const char *path, const char *sql, const char *want)
{
	char *got = raw_text(path, sql);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* "2026-11-23T10:15:02.123Z" */
static void assert_utc_ms(const char *t)
{
	assert_non_null(t);
	assert_int_equal(strlen(t), 24);
	assert_true(t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':');
	assert_true(t[19] == '.' && t[23] == 'Z');
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	fchmod(fd, mode);
	close(fd);
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static int64_t learner(struct store *s, const char *name, bool want_created)
{
	struct kerr err = { "" };
	int64_t id = -1;
	bool created = !want_created;

	if (store_find_or_add_learner(s, name, &id, &created, &err) != 0)
		fail_msg("find_or_add(%s): %s", name, err.msg);
	assert_int_equal(created, want_created);
	assert_true(id > 0);
	return id;
}

static int64_t session(struct store *s, int64_t learner_id)
{
	struct kerr err = { "" };
	int64_t id = -1;

	if (store_begin_session(s, learner_id, "bg", &id, &err) != 0)
		fail_msg("begin_session: %s", err.msg);
	return id;
}

/* The lesson as the kiosk knows it now: four steps. */
static struct step steps[] = { { .id = "s1" }, { .id = "s2" }, { .id = "s3" }, { .id = "s4" } };
static const struct lesson intro = { .id = "intro", .title = "Вступ", .steps = steps,
                                     .step_count = 4 };
static const struct lesson email = { .id = "email", .title = "Пошта", .steps = steps,
                                     .step_count = 4 };

static void record_in(struct store *s, int64_t sess, int64_t who, const char *lesson,
                      const char *step, const char *kind, bool correct, bool hint)
{
	int index = step[0] == 's' ? step[1] - '1' : 0;
	struct store_event ev = {
		.session = sess, .learner = who, .lang = "bg", .lesson_id = lesson,
		.step_id = step, .step_index = index, .step_count = 4, .kind = kind,
		.answer = strcmp(kind, "choose") == 0 ? "2" : NULL,
		.correct = correct, .hint_shown = hint,
	};
	struct kerr err = { "" };

	if (store_record(s, &ev, &err) != 0)
		fail_msg("store_record(%s, %s): %s", step, kind, err.msg);
}

static void record(struct store *s, int64_t sess, int64_t who, const char *step,
                   const char *kind, bool correct)
{
	record_in(s, sess, who, "intro", step, kind, correct, false);
}

static void check_progress(struct store *s, int64_t who, const struct lesson *l,
                           enum progress_status status, size_t resume, size_t done, int line)
{
	struct kerr err = { "" };
	struct progress p = { PROGRESS_NOT_STARTED, 99, 99 };

	if (store_progress(s, who, l, &p, &err) != 0)
		fail_msg("line %d: store_progress: %s", line, err.msg);
	if (p.status != status || p.resume != resume || p.done != done)
		fail_msg("line %d: progress is status %d resume %zu done %zu, want %d %zu %zu",
		         line, (int)p.status, p.resume, p.done, (int)status, resume, done);
}
#define assert_progress(s, who, status, resume, done) \
	check_progress(s, who, &intro, status, resume, done, __LINE__)
#define assert_progress_in(s, who, l, status, resume, done) \
	check_progress(s, who, l, status, resume, done, __LINE__)

/* ---- schema ---- */

static void test_open_creates_schema(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	char id[33];
	char *created;

	snprintf(id, sizeof id, "%s", store_kiosk_id(s));
	assert_int_equal(strlen(id), 32);
	assert_int_equal(strspn(id, "0123456789abcdef"), 32);
	store_close(s);

	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(STORE_SCHEMA_VERSION, 6);
	/* Schema 6: the running totals of the trainer's statistics, covering no event yet. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                         " AND name IN ('stat_state', 'stat_groups', 'stat_sets', 'stat_steps',"
	                         " 'stat_completions')"), 5);
	assert_int_equal(raw_int(f->path, "SELECT covered FROM stat_state"), 0);
	/* Schema 5: the learner list finds each learner's sessions by index. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                         " AND name = 'sessions_learner'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	                         " AND name IN ('meta', 'learners', 'sessions', 'events', 'resets',"
	                         " 'audit', 'settings')"), 7);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('events')"
	                         " WHERE name = 'reset_id'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('learners')"
	                         " WHERE name = 'removed_at'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('events')"
	                         " WHERE name = 'show_me' AND \"notnull\" = 1"
	                         " AND dflt_value = '0'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                         " AND name IN ('learners_name_key', 'events_learner_lesson')"), 2);
	assert_raw_text(f->path, "PRAGMA journal_mode", "wal");
	assert_raw_text(f->path, "SELECT value FROM meta WHERE key = 'kiosk_id'", id);
	created = raw_text(f->path, "SELECT value FROM meta WHERE key = 'created_at'");
	assert_utc_ms(created);
	free(created);

	s = open_ok(f->path);
	assert_string_equal(store_kiosk_id(s), id);
	store_close(s);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
}

/* A new database is created without waiting for the disk, but every answer after that is
 * durable: the connection is back to synchronous = FULL (2) once open returns. */
static void test_created_then_durable(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(store_connection(s), "PRAGMA synchronous", -1, &st,
	                                    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
	store_close(s);
	s = open_ok(f->path);
	assert_int_equal(sqlite3_prepare_v2(store_connection(s), "PRAGMA synchronous", -1, &st,
	                                    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);
	sqlite3_finalize(st);
	store_close(s);
}

static void test_file_mode(void **state)
{
	struct fx *f = *state;
	char wal[160], other[160];
	mode_t old = umask(0);  /* 0600 must come from the store, not from the umask */
	struct store *s = open_ok(f->path);

	umask(old);
	assert_int_equal(mode_of(f->path), 0600);
	/* SQLite gives the log the database's mode: learners' names never leak through it. */
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	learner(s, "Мария", true);
	assert_int_equal(mode_of(wal), 0600);
	store_close(s);
	assert_int_equal(mode_of(f->path), 0600);

	/* An existing file keeps the mode its owner gave it. */
	snprintf(other, sizeof other, "%s/shared.db", f->dir);
	write_file(other, "", 0640);
	s = open_ok(other);
	store_close(s);
	assert_int_equal(mode_of(other), 0640);
}

/* ---- learners ---- */

static void test_find_or_add_learner(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	struct learner *v;
	size_t n;
	struct kerr err = { "" };
	int64_t id, maria, yordan, yizhak;
	bool created;

	maria = learner(s, "  Мария ", true);
	assert_int_equal(learner(s, "МАРИЯ", false), maria);
	assert_int_equal(learner(s, "мария\t", false), maria);
	assert_int_equal(learner(s, "\xc2\xa0мАрИя", false), maria);  /* no-break space */

	/* И + combining breve (U+0306) is й decomposed: stored composed (NFC). */
	yordan = learner(s, "\xd0\x98\xcc\x86ордан", true);
	assert_int_not_equal(yordan, maria);
	assert_int_equal(learner(s, "йордан", false), yordan);
	assert_int_equal(learner(s, "ЙОРДАН", false), yordan);
	assert_int_equal(learner(s, "\xd0\xb8\xcc\x86ордан", false), yordan);

	yizhak = learner(s, "Їжак Ґанна", true);  /* Ukrainian letters */
	assert_int_equal(learner(s, "їжак ґанна", false), yizhak);

	assert_int_equal(store_list_learners(s, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		if (v[i].id == maria)
			assert_string_equal(v[i].name, "Мария");
		else if (v[i].id == yordan)
			assert_string_equal(v[i].name, "\xd0\x99ордан");
		else
			assert_string_equal(v[i].name, "Їжак Ґанна");
	}
	store_free_learners(v, n);

	assert_int_equal(store_find_or_add_learner(s, "   ", &id, &created, &err), -1);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(store_find_or_add_learner(s, "", &id, &created, &err), -1);
	assert_int_equal(store_find_or_add_learner(s, "\xc2\xa0\t", &id, &created, &err), -1);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(store_find_or_add_learner(s, "Ма\xffрия", &id, &created, &err), -1);
	assert_non_null(strstr(err.msg, "not valid"));
	store_close(s);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM learners"), 3);
}

static void test_two_kiosks_one_learner(void **state)
{
	struct fx *f = *state;
	struct store *a = open_ok(f->path), *b = open_ok(f->path);
	int64_t id = learner(a, "Олена", true);

	assert_int_equal(learner(b, "ОЛЕНА", false), id);
	store_close(a);
	store_close(b);
}

static void test_list_by_last_seen(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t anna = learner(s, "Анна", true), boris = learner(s, "Борис", true);
	int64_t vira = learner(s, "Віра", true);
	struct learner *v;
	size_t n;
	struct kerr err = { "" };

	session(s, boris);
	session(s, anna);
	assert_int_equal(store_list_learners(s, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, anna);
	assert_int_equal(v[1].id, boris);
	assert_int_equal(v[2].id, vira);
	assert_utc_ms(v[0].last_seen);
	assert_utc_ms(v[1].last_seen);
	assert_null(v[2].last_seen);
	assert_string_equal(v[0].name, "Анна");
	store_free_learners(v, n);

	session(s, boris);
	assert_int_equal(store_list_learners(s, &v, &n, &err), 0);
	assert_int_equal(v[0].id, boris);
	assert_int_equal(v[1].id, anna);
	store_free_learners(v, n);
	store_close(s);
}

/* ---- sessions and events ---- */

static void test_sessions_and_events(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), sess = session(s, who), other;
	struct kerr err = { "" };
	struct store_event ev = {
		.session = sess, .learner = who, .lang = "uk", .lesson_id = "email",
		.step_id = "write", .step_index = 2, .step_count = 7, .kind = "type",
		.answer = "Привіт", .correct = true, .hint_shown = true,
	};
	char *t;

	assert_int_equal(store_record(s, &ev, &err), 0);
	assert_raw_text(f->path, "SELECT lang || '|' || lesson_id || '|' || step_id || '|' ||"
	                " step_index || '|' || step_count || '|' || kind || '|' || answer || '|' ||"
	                " correct || '|' || hint_shown FROM events",
	                "uk|email|write|2|7|type|Привіт|1|1");
	t = raw_text(f->path, "SELECT at FROM events");
	assert_utc_ms(t);
	free(t);

	/* read has no answer; complete has an empty step id. */
	record(s, sess, who, "s1", "read", true);
	record(s, sess, who, "", "complete", true);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE answer IS NULL"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE kind = 'complete'"
	                         " AND step_id = ''"), 1);

	assert_int_equal(store_end_session(s, sess, &err), 0);
	t = raw_text(f->path, "SELECT ended_at FROM sessions");
	assert_utc_ms(t);
	free(t);
	assert_int_equal(store_end_session(s, 999, &err), -1);
	assert_non_null(strstr(err.msg, "no session 999"));

	/* The schema refuses what the model never produces; foreign keys are on. */
	ev.kind = "guess";
	assert_int_equal(store_record(s, &ev, &err), -1);
	assert_non_null(strstr(err.msg, "cannot save the answer"));
	assert_non_null(strstr(err.msg, "CHECK"));
	ev.kind = "type";
	ev.session = 999;
	assert_int_equal(store_record(s, &ev, &err), -1);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	assert_int_equal(store_begin_session(s, 999, "bg", &other, &err), -1);
	assert_non_null(strstr(err.msg, "cannot start the session"));
	store_close(s);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 3);
}

/* ---- progress ---- */

static void test_progress_runs(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), sess;

	assert_progress(s, who, PROGRESS_NOT_STARTED, 0, 0);
	sess = session(s, who);
	record(s, sess, who, "s1", "read", true);
	assert_progress(s, who, PROGRESS_STARTED, 1, 1);
	record(s, sess, who, "s3", "choose", true);  /* out of order: s2 is still to do */
	assert_progress(s, who, PROGRESS_STARTED, 1, 2);
	record(s, sess, who, "s2", "choose", false);
	assert_progress(s, who, PROGRESS_STARTED, 1, 2);
	store_close(s);

	/* The next day: a new store, a new session, the same place. */
	s = open_ok(f->path);
	assert_int_equal(learner(s, "мария", false), who);
	assert_progress(s, who, PROGRESS_STARTED, 1, 2);
	sess = session(s, who);
	record(s, sess, who, "s2", "choose", true);
	assert_progress(s, who, PROGRESS_STARTED, 3, 3);
	record(s, sess, who, "s4", "type", true);
	assert_progress(s, who, PROGRESS_STARTED, 3, 4);  /* all done, finish not reached: back to the last step */
	record(s, sess, who, "", "complete", true);
	assert_progress(s, who, PROGRESS_COMPLETED, 0, 0);

	/* Again after completion: a new run that tracks on its own. */
	record(s, sess, who, "s1", "read", true);
	assert_progress(s, who, PROGRESS_COMPLETED, 1, 1);
	record(s, sess, who, "s2", "choose", false);
	assert_progress(s, who, PROGRESS_COMPLETED, 1, 1);
	record(s, sess, who, "s2", "choose", true);
	assert_progress(s, who, PROGRESS_COMPLETED, 2, 2);
	store_close(s);
}

static void test_progress_counts_only_this_lesson(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), other = learner(s, "Петро", true);
	int64_t sess = session(s, who);

	/* Wrong answers, with or without a hint, do not make a step done. */
	record_in(s, sess, who, "intro", "s1", "choose", false, false);
	record_in(s, sess, who, "intro", "s1", "choose", false, true);
	assert_progress(s, who, PROGRESS_STARTED, 0, 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE hint_shown = 1"), 1);

	/* A step the lesson no longer has is ignored; so are other lessons and learners. */
	record_in(s, sess, who, "intro", "old-step", "read", true, false);
	record_in(s, sess, who, "email", "s1", "read", true, false);
	record_in(s, sess, who, "email", "", "complete", true, false);
	assert_progress(s, who, PROGRESS_STARTED, 0, 0);
	assert_progress(s, other, PROGRESS_NOT_STARTED, 0, 0);
	record_in(s, sess, who, "intro", "s1", "choose", true, true);
	assert_progress(s, who, PROGRESS_STARTED, 1, 1);
	store_close(s);
}

/* ---- migration ---- */

/* Schema version 1 exactly as released, written by hand: the upgrade must not depend on
 * store.c's own copy. */
static const char v1_schema[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE learners (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE sessions (id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id), lang TEXT NOT NULL,"
	"  started_at TEXT NOT NULL, ended_at TEXT);"
	"CREATE TABLE events (id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  lang TEXT NOT NULL, lesson_id TEXT NOT NULL, step_id TEXT NOT NULL,"
	"  step_index INTEGER NOT NULL, step_count INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('read', 'choose', 'type', 'complete')),"
	"  answer TEXT, correct INTEGER NOT NULL CHECK (correct IN (0, 1)),"
	"  hint_shown INTEGER NOT NULL CHECK (hint_shown IN (0, 1)), at TEXT NOT NULL);"
	"PRAGMA user_version = 1;";

static const char v1_data[] =
	"INSERT INTO meta VALUES ('kiosk_id', '0123456789abcdef0123456789abcdef'),"
	"  ('created_at', '2025-03-01T09:00:00.000Z');"
	"INSERT INTO learners VALUES (1, 'ОЛЕНА', '2025-03-01T09:01:00.000Z'),"
	"  (2, ' \xd0\x98\xcc\x86осип ', '2025-03-01T09:02:00.000Z');"
	"INSERT INTO sessions VALUES (1, 1, 'uk', '2025-03-01T09:01:01.000Z',"
	"  '2025-03-01T09:30:00.000Z');"
	"INSERT INTO events VALUES"
	"  (1, 1, 1, 'uk', 'intro', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-01T09:02:00.000Z'),"
	"  (2, 1, 1, 'uk', 'intro', 's2', 1, 4, 'choose', '3', 0, 1, '2025-03-01T09:03:00.000Z'),"
	"  (3, 1, 1, 'uk', 'intro', 's2', 1, 4, 'choose', '2', 1, 1, '2025-03-01T09:04:00.000Z');";

static void test_migrates_version_1(void **state)
{
	struct fx *f = *state;
	struct store *s;

	raw_exec(f->path, v1_schema);
	raw_exec(f->path, v1_data);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);

	s = open_ok(f->path);
	assert_string_equal(store_kiosk_id(s), "0123456789abcdef0123456789abcdef");
	store_close(s);

	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_raw_text(f->path, "PRAGMA journal_mode", "wal");
	assert_raw_text(f->path, "SELECT name || '|' || name_key FROM learners WHERE id = 1",
	                "ОЛЕНА|олена");
	/* Old names are brought to the new rule too: trimmed, NFC. */
	assert_raw_text(f->path, "SELECT name || '|' || name_key FROM learners WHERE id = 2",
	                "\xd0\x99осип|\xd0\xb9осип");
	assert_raw_text(f->path, "SELECT created_at FROM learners WHERE id = 1",
	                "2025-03-01T09:01:00.000Z");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                         " AND name IN ('learners_name_key', 'events_learner_lesson')"), 2);

	s = open_ok(f->path);
	assert_int_equal(learner(s, "Олена", false), 1);
	assert_int_equal(learner(s, "йосип", false), 2);
	assert_progress(s, 1, PROGRESS_STARTED, 2, 2);
	assert_int_equal(learner(s, "Нова", true), 3);
	store_close(s);
}

static void test_failed_migration_rolls_back(void **state)
{
	struct fx *f = *state;

	/* An object in the way makes migration 2 fail halfway: nothing of it may remain. */
	raw_exec(f->path, v1_schema);
	raw_exec(f->path, v1_data);
	raw_exec(f->path, "CREATE INDEX learners_name_key ON learners(name);");
	open_fails(f->path, "cannot upgrade the database");
	open_fails(f->path, "to schema 2");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('learners')"
	                         " WHERE name = 'name_key'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
	                         " WHERE name = 'events_learner_lesson'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 3);
}

/* Schema version 2 as released: version 1 plus what migration 2 added, by hand again. */
static const char v2_schema[] =
	"ALTER TABLE learners ADD COLUMN name_key TEXT;"
	"CREATE INDEX learners_name_key ON learners(name_key);"
	"CREATE INDEX events_learner_lesson ON events(learner_id, lesson_id);"
	"PRAGMA user_version = 2;";

/* Two learners, two sessions, eight events: Олена completed intro once and began it again,
 * and answered one step of email; Йосип began intro. */
static const char v2_data[] =
	"INSERT INTO meta VALUES ('kiosk_id', '0123456789abcdef0123456789abcdef'),"
	"  ('created_at', '2025-03-01T09:00:00.000Z');"
	"INSERT INTO learners VALUES (1, 'Олена', '2025-03-01T09:01:00.000Z', 'олена'),"
	"  (2, 'Йосип', '2025-03-01T09:02:00.000Z', 'йосип');"
	"INSERT INTO sessions VALUES (1, 1, 'uk', '2025-03-01T09:01:01.000Z', NULL),"
	"  (2, 2, 'uk', '2025-03-02T10:00:00.000Z', NULL);"
	"INSERT INTO events VALUES"
	"  (1, 1, 1, 'uk', 'intro', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-01T09:02:00.000Z'),"
	"  (2, 1, 1, 'uk', 'intro', 's2', 1, 4, 'choose', '2', 1, 0, '2025-03-01T09:03:00.000Z'),"
	"  (3, 1, 1, 'uk', 'intro', 's3', 2, 4, 'choose', '1', 1, 0, '2025-03-01T09:04:00.000Z'),"
	"  (4, 1, 1, 'uk', 'intro', 's4', 3, 4, 'type', 'так', 1, 0, '2025-03-01T09:05:00.000Z'),"
	"  (5, 1, 1, 'uk', 'intro', '', 4, 4, 'complete', NULL, 1, 0, '2025-03-01T09:06:00.000Z'),"
	"  (6, 1, 1, 'uk', 'intro', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-01T09:07:00.000Z'),"
	"  (7, 1, 1, 'uk', 'email', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-01T09:08:00.000Z'),"
	"  (8, 2, 2, 'uk', 'intro', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-02T10:01:00.000Z');";

static void make_v2(const char *path)
{
	raw_exec(path, v1_schema);
	raw_exec(path, v2_schema);
	raw_exec(path, v2_data);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 2);
}

static void test_migrates_version_2(void **state)
{
	struct fx *f = *state;
	struct kerr err = { "" };
	struct learner *v;
	size_t n;
	struct store *s;
	char *hash = (char *)"untouched";
	int idle = 0;

	make_v2(f->path);
	s = open_ok(f->path);
	/* Progress reads the same as before the upgrade. */
	assert_progress(s, 1, PROGRESS_COMPLETED, 1, 1);
	assert_progress_in(s, 1, &email, PROGRESS_STARTED, 1, 1);
	assert_progress(s, 2, PROGRESS_STARTED, 1, 1);
	assert_int_equal(learner(s, "ОЛЕНА", false), 1);
	assert_int_equal(store_list_learners(s, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, 2);
	assert_string_equal(v[1].name, "Олена");
	store_free_learners(v, n);
	/* Nothing set yet: the defaults. */
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 900);
	assert_int_equal(store_trainer_pin(s, &hash, &err), 0);
	assert_null(hash);
	store_close(s);

	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 8);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id IS NULL"), 8);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM learners WHERE removed_at IS NULL"), 2);
	assert_raw_text(f->path, "SELECT group_concat(name || '|' || name_key || '|' || created_at,"
	                " ';') FROM learners",
	                "Олена|олена|2025-03-01T09:01:00.000Z;Йосип|йосип|2025-03-01T09:02:00.000Z");
	assert_raw_text(f->path, "SELECT answer FROM events WHERE id = 4", "так");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sessions"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM resets"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM settings"), 0);
	/* The new reference is a real foreign key. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_foreign_key_list('events')"
	                         " WHERE \"table\" = 'resets' AND \"from\" = 'reset_id'"), 1);
}

static void test_failed_migration_3_rolls_back(void **state)
{
	struct fx *f = *state;

	/* A table in the way makes migration 3 fail after its first statements. */
	make_v2(f->path);
	raw_exec(f->path, "CREATE TABLE audit (x);");
	open_fails(f->path, "to schema 3");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'resets'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('events')"
	                         " WHERE name = 'reset_id'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 8);
}

/* Schema version 3 as released: version 2 plus what migration 3 added, by hand again. */
static const char v3_schema[] =
	"CREATE TABLE resets (id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id), lesson_id TEXT,"
	"  at TEXT NOT NULL, source TEXT NOT NULL);"
	"ALTER TABLE events ADD COLUMN reset_id INTEGER REFERENCES resets(id);"
	"ALTER TABLE learners ADD COLUMN removed_at TEXT;"
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,"
	"  learner_id INTEGER REFERENCES learners(id), lesson_id TEXT, detail TEXT);"
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"PRAGMA user_version = 3;";

/* On top of v2_data: Йосип's intro was reset (event 8 is history), he answered again, then
 * was removed; a setting and two audit rows. */
static const char v3_data[] =
	"INSERT INTO resets VALUES (1, 2, 'intro', '2025-03-03T08:00:00.000Z', 'cli');"
	"UPDATE events SET reset_id = 1 WHERE id = 8;"
	"INSERT INTO events VALUES"
	"  (9, 2, 2, 'uk', 'intro', 's1', 0, 4, 'read', NULL, 1, 0, '2025-03-03T08:01:00.000Z',"
	"  NULL);"
	"UPDATE learners SET name = '', name_key = NULL,"
	"  removed_at = '2025-03-04T08:00:00.000Z' WHERE id = 2;"
	"INSERT INTO settings VALUES ('idle_timeout', '600');"
	"INSERT INTO audit VALUES (1, '2025-03-03T08:00:00.000Z', 'reset', 2, 'intro',"
	"  'source=cli answers=1'),"
	"  (2, '2025-03-04T08:00:00.000Z', 'remove', 2, NULL, 'source=menu');";

static void make_v3(const char *path)
{
	make_v2(path);
	raw_exec(path, v3_schema);
	raw_exec(path, v3_data);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 3);
}

/* Every column of every event, one row per line: compared before and after the upgrade. */
#define ALL_EVENTS \
	"SELECT group_concat(id || '|' || session_id || '|' || learner_id || '|' || lang || '|'" \
	" || lesson_id || '|' || step_id || '|' || step_index || '|' || step_count || '|' || kind" \
	" || '|' || coalesce(answer, '-') || '|' || correct || '|' || hint_shown || '|' || at" \
	" || '|' || coalesce(reset_id, '-'), ';') FROM (SELECT * FROM events ORDER BY id)"

static void test_migrates_version_3(void **state)
{
	struct fx *f = *state;
	struct kerr err = { "" };
	struct store *s;
	char *before;
	int idle = 0;

	make_v3(f->path);
	before = raw_text(f->path, ALL_EVENTS);
	s = open_ok(f->path);
	/* Progress reads the same as before the upgrade; the reset still counts. */
	assert_progress(s, 1, PROGRESS_COMPLETED, 1, 1);
	assert_progress_in(s, 1, &email, PROGRESS_STARTED, 1, 1);
	assert_progress(s, 2, PROGRESS_STARTED, 1, 1);
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 600);
	store_close(s);

	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	                         " AND name = 'sessions_learner'"), 1);
	assert_raw_text(f->path, ALL_EVENTS, before);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 9);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE show_me = 0"), 9);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM resets"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM learners"
	                         " WHERE removed_at IS NOT NULL AND name = ''"), 1);
	/* The rebuilt table keeps its foreign keys and its index, and leaves nothing behind. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_foreign_key_list('events')"),
	                 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_foreign_key_list('events')"
	                         " WHERE \"table\" = 'resets' AND \"from\" = 'reset_id'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
	                         " WHERE type = 'index' AND name = 'events_learner_lesson'"
	                         " AND tbl_name = 'events'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
	                         " WHERE name = 'events_new'"), 0);
	assert_raw_text(f->path, "PRAGMA integrity_check", "ok");
	/* New ids follow the old ones. */
	s = open_ok(f->path);
	record(s, 1, 1, "s2", "read", true);
	store_close(s);
	assert_int_equal(raw_int(f->path, "SELECT max(id) FROM events"), 10);
	free(before);
}

static void test_failed_migration_4_rolls_back(void **state)
{
	struct fx *f = *state;

	/* A table in the way makes migration 4 fail at its first statement. */
	make_v3(f->path);
	raw_exec(f->path, "CREATE TABLE events_new (x);");
	open_fails(f->path, "to schema 4");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_table_info('events')"
	                         " WHERE name = 'show_me'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 9);
}

static void test_migration_4_refuses_dangling_rows(void **state)
{
	struct fx *f = *state;

	/* An answer of a learner who is not there (written by hand, foreign keys off): the
	 * copy would carry it into the new table, so the upgrade stops and changes nothing. */
	make_v3(f->path);
	raw_exec(f->path, "INSERT INTO events VALUES (10, 1, 99, 'uk', 'intro', 's1', 0, 4,"
	         " 'read', NULL, 1, 0, '2025-03-05T08:00:00.000Z', NULL);");
	open_fails(f->path, "to schema 4");
	open_fails(f->path, "rows that point at rows that do not exist");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 10);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
	                         " WHERE name = 'events_new'"), 0);
}

#define RACERS 4

/* Kiosk programs started at once on a new file: one creates the schema, all agree. */
static void test_concurrent_first_open(void **state)
{
	struct fx *f = *state;
	char (*ids)[33] = mmap(NULL, RACERS * 33, PROT_READ | PROT_WRITE,
	                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t pid[RACERS];
	int status;

	assert_true((void *)ids != MAP_FAILED);
	for (int i = 0; i < RACERS; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0) {
			struct store *s;
			struct kerr err;

			if (store_open(f->path, &s, &err) < 0) {
				fprintf(stderr, "racer %d: %s\n", i, err.msg);
				_exit(1);
			}
			snprintf(ids[i], 33, "%s", store_kiosk_id(s));
			store_close(s);
			_exit(0);
		}
	}
	for (int i = 0; i < RACERS; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	for (int i = 1; i < RACERS; i++)
		assert_string_equal(ids[i], ids[0]);
	munmap(ids, RACERS * 33);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM meta"), 2);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
}

/* ---- refusals at open ---- */

static void test_missing_folder(void **state)
{
	struct fx *f = *state;
	char path[200], dir[160];

	snprintf(dir, sizeof dir, "%s/missing", f->dir);
	snprintf(path, sizeof path, "%s/kiosk.db", dir);
	open_fails(path, "does not exist");
	open_fails(path, dir);
	assert_false(exists(dir));
	open_fails(f->dir, "is a folder");
}

static void test_not_a_database(void **state)
{
	struct fx *f = *state;
	char big[4096];
	size_t n1, n2;
	char *before, *after;

	write_file(f->path, "Це не база даних, а список покупок.\n", 0600);
	open_fails(f->path, "not a kiosk database");
	open_fails(f->path, f->path);

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	write_file(f->path, big, 0600);
	before = read_file(f->path, &n1);
	open_fails(f->path, "not a kiosk database");
	after = read_file(f->path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
}

static void test_foreign_database(void **state)
{
	struct fx *f = *state;
	char wal[160];
	size_t n1, n2;
	char *before, *after;

	raw_exec(f->path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
	         "INSERT INTO recipes (title) VALUES ('борщ');");
	before = read_file(f->path, &n1);
	open_fails(f->path, "another program");
	after = read_file(f->path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_false(exists(wal));
	assert_raw_text(f->path, "PRAGMA journal_mode", "delete");

	/* Its own user_version and a table named meta do not make it ours, nor "newer". */
	raw_exec(f->path, "CREATE TABLE meta (name TEXT, data BLOB); PRAGMA user_version = 7;");
	open_fails(f->path, "another program");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 7);
}

static void test_newer_database(void **state)
{
	struct fx *f = *state;

	store_close(open_ok(f->path));
	raw_exec(f->path, "PRAGMA user_version = 7;");
	open_fails(f->path, "newer kiosk");
	open_fails(f->path, "schema 7, this kiosk knows up to 6");
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 7);
}

/* ---- permissions ---- */

struct open_result {
	int rc;
	bool got_store;
	struct kerr err;
};

static void try_open(const char *path, struct open_result *r)
{
	struct store *s = NULL;

	r->rc = store_open(path, &s, &r->err);
	r->got_store = s != NULL;
	store_close(s);
}

/* store_open(path) with file permissions in force.  Root ignores them, so as root it runs
 * in a child that becomes nobody (the files were handed to nobody by give()).  False when
 * privileges cannot be dropped here. */
static bool open_unprivileged(const char *path, struct open_result *r)
{
	struct open_result *shared;
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		try_open(path, r);
		return true;
	}
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	              -1, 0);
	assert_true(shared != MAP_FAILED);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgroups(0, NULL) < 0 || setgid(NOBODY) < 0 || setuid(NOBODY) < 0)
			_exit(77);
		try_open(path, shared);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*r = *shared;
	munmap(shared, sizeof *shared);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status) == 0;
}

/* Makes path belong to whoever open_unprivileged() opens as. */
static void give(const char *path)
{
	if (geteuid() == 0)
		assert_int_equal(chown(path, NOBODY, NOBODY), 0);
}

static void assert_refused(const struct open_result *r, const char *want, const char *want2)
{
	assert_int_equal(r->rc, -1);
	assert_false(r->got_store);
	if (!strstr(r->err.msg, want) || !strstr(r->err.msg, want2))
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", r->err.msg, want, want2);
}

static void test_read_only_file(void **state)
{
	struct fx *f = *state;
	struct open_result r;
	char side[160];

	store_close(open_ok(f->path));
	give(f->dir);
	give(f->path);
	assert_int_equal(chmod(f->path, 0400), 0);
	if (!open_unprivileged(f->path, &r))
		skip();  /* running as root and cannot become nobody: permissions cannot be tested */
	assert_refused(&r, "the file is read-only", f->path);
	/* Refused before reading: no -wal or -shm left behind for the owner to wonder about. */
	snprintf(side, sizeof side, "%s-shm", f->path);
	assert_false(exists(side));
	snprintf(side, sizeof side, "%s-wal", f->path);
	assert_false(exists(side));
}

static void test_read_only_folder(void **state)
{
	struct fx *f = *state;
	struct open_result r;
	char fresh[160];

	store_close(open_ok(f->path));
	give(f->dir);
	give(f->path);
	assert_int_equal(chmod(f->dir, 0500), 0);
	if (!open_unprivileged(f->path, &r))
		skip();  /* as above */
	assert_refused(&r, "is read-only", f->dir);
	assert_refused(&r, "the folder", f->path);

	snprintf(fresh, sizeof fresh, "%s/new.db", f->dir);
	assert_true(open_unprivileged(fresh, &r));
	assert_refused(&r, "cannot create the database", "is read-only");
	assert_false(exists(fresh));
	chmod(f->dir, 0700);
}

/* ---- durability ---- */

/* Count of events as a separate process sees the file; for a child, so no cmocka. */
static int child_count(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static void test_record_is_committed(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), sess = session(s, who);
	pid_t pid;
	int status;

	record(s, sess, who, "s1", "read", true);
	record(s, sess, who, "s2", "choose", false);
	record(s, sess, who, "s2", "choose", true);
	/* The store stays open: another process must already see all three. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child_count(f->path) & 0xff);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	store_close(s);
}

static void test_record_practice(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), sess = session(s, who);
	struct store_event ev = {
		.session = sess, .learner = who, .lang = "bg", .lesson_id = "intro",
		.step_id = "s1", .step_index = 0, .step_count = 4, .kind = "practice",
		.answer = "Вход", .correct = false,
	};
	struct kerr err = { "" };

	/* A wrong button, then "show me", then the right one. */
	assert_int_equal(store_record(s, &ev, &err), 0);
	ev.answer = "Търси";
	ev.correct = true;
	ev.show_me = true;
	assert_int_equal(store_record(s, &ev, &err), 0);
	assert_progress(s, who, PROGRESS_STARTED, 1, 1);
	record(s, sess, who, "s2", "read", true);
	store_close(s);
	assert_raw_text(f->path, "SELECT group_concat(kind || '|' || answer || '|' || correct"
	                " || '|' || show_me, ';') FROM (SELECT * FROM events WHERE id <= 2"
	                " ORDER BY id)", "practice|Вход|0|0;practice|Търси|1|1");
	assert_int_equal(raw_int(f->path, "SELECT show_me FROM events WHERE id = 3"), 0);
	/* The schema itself refuses what store_record never writes. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 3);
	{
		sqlite3 *db;

		assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "UPDATE events SET show_me = 2 WHERE id = 1",
		                              NULL, NULL, NULL), SQLITE_CONSTRAINT);
		assert_int_equal(sqlite3_exec(db, "UPDATE events SET kind = 'drill' WHERE id = 1",
		                              NULL, NULL, NULL), SQLITE_CONSTRAINT);
		sqlite3_close(db);
	}
}

static void test_survives_kill(void **state)
{
	struct fx *f = *state;
	struct store *s;
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct kerr err;
		int64_t who, sess;
		bool created;
		struct store_event ev = { .lang = "bg", .lesson_id = "intro", .step_id = "s1",
		                          .step_count = 4, .kind = "read", .correct = true };

		if (store_open(f->path, &s, &err) < 0 ||
		    store_find_or_add_learner(s, "Мария", &who, &created, &err) < 0 ||
		    store_begin_session(s, who, "bg", &sess, &err) < 0)
			_exit(1);
		ev.session = sess;
		ev.learner = who;
		if (store_record(s, &ev, &err) < 0)
			_exit(1);
		ev.step_id = "s2";
		ev.step_index = 1;
		if (store_record(s, &ev, &err) < 0)
			_exit(1);
		kill(getpid(), SIGKILL);  /* no close, no exit handlers: as a power cut to the process */
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	s = open_ok(f->path);
	assert_progress(s, learner(s, "МАРИЯ", false), PROGRESS_STARTED, 2, 2);
	store_close(s);
}

/* ---- trainer actions ---- */

static size_t reset_ok(struct store *s, int64_t who, const char *lesson,
                       enum store_source source)
{
	struct kerr err = { "" };
	size_t answers = 999;

	if (store_reset(s, who, lesson, source, &answers, &err) != 0)
		fail_msg("store_reset(%lld, %s): %s", (long long)who, lesson ? lesson : "all",
		         err.msg);
	return answers;
}

static struct learner_summary *summary_of(struct learner_summary *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* A learner's started and completed lessons as the trainers' list shows them. */
static void check_counts(struct store *s, int64_t who, size_t started, size_t completed,
                         int line)
{
	struct learner_summary *v, *l;
	size_t n;
	struct kerr err = { "" };

	if (store_learner_summaries(s, &v, &n, &err) != 0)
		fail_msg("line %d: store_learner_summaries: %s", line, err.msg);
	l = summary_of(v, n, who);
	if (!l)
		fail_msg("line %d: learner %lld is not listed", line, (long long)who);
	if (l->lessons_started != started || l->lessons_completed != completed)
		fail_msg("line %d: %zu started, %zu completed; want %zu, %zu", line,
		         l->lessons_started, l->lessons_completed, started, completed);
	store_free_learner_summaries(v, n);
}
#define assert_counts(s, who, started, completed) \
	check_counts(s, who, started, completed, __LINE__)

static void test_reset_one_lesson(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t maria = learner(s, "Мария", true), petro = learner(s, "Петро", true);
	int64_t sm = session(s, maria), sp = session(s, petro);
	char *t;

	record(s, sm, maria, "s1", "read", true);
	record(s, sm, maria, "s2", "choose", false);
	record(s, sm, maria, "s2", "choose", true);
	record_in(s, sm, maria, "email", "s1", "read", true, false);
	record(s, sp, petro, "s1", "read", true);
	assert_progress(s, maria, PROGRESS_STARTED, 2, 2);
	assert_progress_in(s, maria, &email, PROGRESS_STARTED, 1, 1);
	assert_progress(s, petro, PROGRESS_STARTED, 1, 1);
	assert_counts(s, maria, 2, 0);

	assert_int_equal(reset_ok(s, maria, "intro", STORE_SOURCE_CLI), 3);
	/* Maria starts intro afresh; her email and Petro's intro are untouched. */
	assert_progress(s, maria, PROGRESS_NOT_STARTED, 0, 0);
	assert_progress_in(s, maria, &email, PROGRESS_STARTED, 1, 1);
	assert_progress(s, petro, PROGRESS_STARTED, 1, 1);
	assert_counts(s, maria, 1, 0);
	assert_counts(s, petro, 1, 0);

	/* Nothing was deleted: the three answers are history, marked with the reset. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 5);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id = 1"
	                         " AND learner_id = 1 AND lesson_id = 'intro'"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id IS NOT NULL"), 3);
	assert_raw_text(f->path, "SELECT learner_id || '|' || lesson_id || '|' || source FROM resets",
	                "1|intro|cli");
	t = raw_text(f->path, "SELECT at FROM resets");
	assert_utc_ms(t);
	free(t);
	assert_raw_text(f->path, "SELECT action || '|' || learner_id || '|' || lesson_id || '|' ||"
	                " detail FROM audit", "reset|1|intro|source=cli answers=3");
	t = raw_text(f->path, "SELECT at FROM audit");
	assert_utc_ms(t);
	free(t);

	/* The new run counts on its own; a second reset marks only the new answers. */
	record(s, sm, maria, "s1", "read", true);
	assert_progress(s, maria, PROGRESS_STARTED, 1, 1);
	assert_int_equal(reset_ok(s, maria, "intro", STORE_SOURCE_MENU), 1);
	assert_progress(s, maria, PROGRESS_NOT_STARTED, 0, 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id = 1"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id = 2"), 1);
	assert_raw_text(f->path, "SELECT source FROM resets WHERE id = 2", "menu");

	/* Nothing left to reset (or a mistyped lesson): nothing is written. */
	assert_int_equal(reset_ok(s, maria, "intro", STORE_SOURCE_CLI), 0);
	assert_int_equal(reset_ok(s, maria, "intr", STORE_SOURCE_CLI), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM resets"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 2);
	store_close(s);
}

static void test_reset_all_lessons(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t maria = learner(s, "Мария", true), petro = learner(s, "Петро", true);
	int64_t sm = session(s, maria), sp = session(s, petro);
	struct kerr err = { "" };
	size_t answers = 7;

	for (int i = 0; i < 4; i++) {
		char step[3] = { 's', (char)('1' + i), '\0' };

		record(s, sm, maria, step, "read", true);
	}
	record(s, sm, maria, "", "complete", true);
	record_in(s, sm, maria, "email", "s1", "read", true, false);
	record(s, sp, petro, "s1", "read", true);
	assert_progress(s, maria, PROGRESS_COMPLETED, 0, 0);
	assert_counts(s, maria, 2, 1);

	assert_int_equal(reset_ok(s, maria, NULL, STORE_SOURCE_MENU), 6);
	assert_progress(s, maria, PROGRESS_NOT_STARTED, 0, 0);
	assert_progress_in(s, maria, &email, PROGRESS_NOT_STARTED, 0, 0);
	assert_progress(s, petro, PROGRESS_STARTED, 1, 1);
	assert_counts(s, maria, 0, 0);
	assert_counts(s, petro, 1, 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 7);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE reset_id = 1"), 6);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM resets WHERE lesson_id IS NULL"
	                         " AND source = 'menu' AND learner_id = 1"), 1);
	assert_raw_text(f->path, "SELECT action || '|' || learner_id || '|' ||"
	                " coalesce(lesson_id, 'NULL') || '|' || detail FROM audit",
	                "reset|1|NULL|source=menu answers=6");

	/* Unknown and removed learners are refused by id, with nothing written. */
	assert_int_equal(store_reset(s, 99, NULL, STORE_SOURCE_CLI, &answers, &err), -1);
	assert_string_equal(err.msg, "there is no learner 99");
	assert_int_equal(answers, 0);
	assert_int_equal(store_remove_learner(s, petro, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_reset(s, petro, "intro", STORE_SOURCE_CLI, &answers, &err), -1);
	assert_string_equal(err.msg, "learner 2 was already removed; nothing changed");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM resets"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE learner_id = 2"
	                         " AND reset_id IS NULL"), 1);
	store_close(s);
}

/* A running kiosk (one connection) notices what the command line (another) did to the
 * learner at its screen, and only that; reset counts for the trainer too. */
static void test_outside_change(void **state)
{
	struct fx *f = *state;
	struct store *kiosk = open_ok(f->path), *cli = open_ok(f->path);
	int64_t maria = learner(kiosk, "Мария", true), petro = learner(kiosk, "Петро", true);
	int64_t sm = session(kiosk, maria), mark = -1;
	enum store_change change = STORE_CHANGE_RESET;
	struct kerr err = { "" };
	size_t answers, resets;

	record(kiosk, sm, maria, "s1", "read", true);
	record_in(kiosk, sm, maria, "other", "s1", "read", true, false);
	assert_int_equal(store_watch_learner(kiosk, &mark, &err), 0);
	assert_true(mark >= 0);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_NONE);
	/* The kiosk's own writes and the command line's work on someone else: nothing. */
	record(kiosk, sm, maria, "s2", "choose", true);
	assert_int_equal(store_remove_learner(cli, petro, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_NONE);
	/* A reset of one lesson from the command line: noticed once. */
	assert_int_equal(store_reset(cli, maria, "intro", STORE_SOURCE_CLI, &answers, &err), 0);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_RESET);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_NONE);
	assert_int_equal(store_reset_count(kiosk, maria, "intro", &resets, &err), 0);
	assert_int_equal(resets, 1);
	assert_int_equal(store_reset_count(kiosk, maria, "other", &resets, &err), 0);
	assert_int_equal(resets, 0);
	/* The same from the trainer menu (source=menu) is the kiosk's own doing: not reported. */
	assert_int_equal(store_reset(cli, maria, NULL, STORE_SOURCE_MENU, &answers, &err), 0);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_NONE);
	assert_int_equal(store_reset_count(kiosk, maria, "other", &resets, &err), 0);
	assert_int_equal(resets, 1);  /* a reset of every lesson counts for each */
	assert_int_equal(store_remove_learner(cli, maria, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_outside_change(kiosk, maria, &mark, &change, &err), 0);
	assert_int_equal(change, STORE_CHANGE_REMOVED);
	store_close(cli);
	store_close(kiosk);
}

static void test_remove_learner(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t maria = learner(s, "Мария", true), petro = learner(s, "Петро", true), again;
	int64_t sm = session(s, maria);
	struct learner *v;
	struct learner_summary *sv;
	size_t n;
	struct kerr err = { "" };
	char *name = NULL, *t;

	record(s, sm, maria, "s1", "read", true);
	record(s, sm, maria, "s2", "choose", true);
	{
		struct store_event typed = {
			.session = sm, .learner = maria, .lang = "bg", .lesson_id = "intro",
			.step_id = "s3", .step_index = 2, .step_count = 4, .kind = "type",
			.answer = "0888 765 432", .correct = false,
		};
		assert_int_equal(store_record(s, &typed, &err), 0);
	}
	assert_int_equal(store_end_session(s, sm, &err), 0);
	assert_int_equal(store_learner_name(s, maria, &name, &err), 0);
	assert_string_equal(name, "Мария");
	free(name);

	assert_int_equal(store_remove_learner(s, maria, STORE_SOURCE_CLI, &err), 0);
	/* The name is gone; the row, the session and the answers stay as statistics. */
	assert_raw_text(f->path, "SELECT '[' || name || ']|' || coalesce(name_key, 'NULL')"
	                " FROM learners WHERE id = 1", "[]|NULL");
	t = raw_text(f->path, "SELECT removed_at FROM learners WHERE id = 1");
	assert_utc_ms(t);
	free(t);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM learners"), 2);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE learner_id = 1"), 3);
	/* What was typed is personal and gone; that it was wrong is a statistic and stays. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE learner_id = 1"
	                         " AND kind = 'type' AND answer IS NULL AND correct = 0"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events WHERE answer = '2'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sessions WHERE learner_id = 1"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM learners WHERE removed_at IS NOT NULL"), 1);
	assert_raw_text(f->path, "SELECT action || '|' || learner_id || '|' || detail FROM audit",
	                "remove|1|source=cli");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE detail LIKE '%Мария%'"), 0);

	/* Not listed, not found by name, not named. */
	assert_int_equal(store_list_learners(s, &v, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, petro);
	store_free_learners(v, n);
	assert_int_equal(store_learner_summaries(s, &sv, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(sv[0].id, petro);
	store_free_learner_summaries(sv, n);
	name = NULL;
	assert_int_equal(store_learner_name(s, maria, &name, &err), -1);
	assert_null(name);
	assert_string_equal(err.msg, "learner 1 was already removed; nothing changed");
	again = learner(s, "мария", true);  /* the same name now makes a new learner */
	assert_int_not_equal(again, maria);
	assert_progress(s, again, PROGRESS_NOT_STARTED, 0, 0);

	/* Once only; unknown ids are named. */
	assert_int_equal(store_remove_learner(s, maria, STORE_SOURCE_CLI, &err), -1);
	assert_string_equal(err.msg, "learner 1 was already removed; nothing changed");
	assert_int_equal(store_remove_learner(s, 42, STORE_SOURCE_MENU, &err), -1);
	assert_string_equal(err.msg, "there is no learner 42");
	assert_int_equal(store_learner_name(s, 42, &name, &err), -1);
	assert_string_equal(err.msg, "there is no learner 42");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 1);
	store_close(s);
}

static void test_rename_learner(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t maria = learner(s, "Мария", true), petro = learner(s, "Петро", true);
	int64_t gone = learner(s, "Олена", true);
	struct kerr err = { "" };
	char *name;

	assert_int_equal(store_rename_learner(s, maria, "  Марийка\xc2\xa0", STORE_SOURCE_MENU,
	                                      &err), 0);
	assert_raw_text(f->path, "SELECT name || '|' || name_key FROM learners WHERE id = 1",
	                "Марийка|марийка");
	assert_int_equal(learner(s, "МАРИЙКА", false), maria);
	learner(s, "Мария", true);  /* the old name is free again */

	/* Another active learner's name, in any case or form, is refused. */
	assert_int_equal(store_rename_learner(s, petro, "марийка", STORE_SOURCE_MENU, &err), -1);
	assert_string_equal(err.msg, "another learner (1) is already called Марийка");
	assert_raw_text(f->path, "SELECT name FROM learners WHERE id = 2", "Петро");
	/* Only the case changes: allowed. */
	assert_int_equal(store_rename_learner(s, maria, "МАРИЙКА", STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_learner_name(s, maria, &name, &err), 0);
	assert_string_equal(name, "МАРИЙКА");
	free(name);
	/* Decomposed й is stored composed. */
	assert_int_equal(store_rename_learner(s, petro, "\xd0\x98\xcc\x86ордан", STORE_SOURCE_MENU,
	                                      &err), 0);
	assert_raw_text(f->path, "SELECT name FROM learners WHERE id = 2", "\xd0\x99ордан");
	/* A removed learner's old name does not count. */
	assert_int_equal(store_remove_learner(s, gone, STORE_SOURCE_MENU, &err), 0);
	assert_int_equal(store_rename_learner(s, petro, "Олена", STORE_SOURCE_MENU, &err), 0);
	assert_int_equal(store_rename_learner(s, gone, "Віра", STORE_SOURCE_MENU, &err), -1);
	assert_string_equal(err.msg, "learner 3 was already removed; nothing changed");

	assert_int_equal(store_rename_learner(s, maria, " \t", STORE_SOURCE_MENU, &err), -1);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(store_rename_learner(s, maria, "Ма\xffрия", STORE_SOURCE_MENU, &err), -1);
	assert_non_null(strstr(err.msg, "not valid"));
	assert_int_equal(store_rename_learner(s, 77, "Віра", STORE_SOURCE_MENU, &err), -1);
	assert_string_equal(err.msg, "there is no learner 77");

	/* Four renames and one removal audited, without any name. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE action = 'rename'"), 4);
	assert_raw_text(f->path, "SELECT group_concat(learner_id || ':' || detail, ' ') FROM audit"
	                " WHERE action = 'rename'",
	                "1:source=menu 1:source=cli 2:source=menu 2:source=menu");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE detail LIKE '%а%'"
	                         " OR detail LIKE '%о%'"), 0);
	store_close(s);
}

static void test_learner_summaries(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t anna = learner(s, "Анна", true), boris = learner(s, "Борис", true);
	int64_t sa = session(s, anna);
	struct learner_summary *v;
	size_t n;
	struct kerr err = { "" };

	record(s, sa, anna, "s1", "read", true);
	record(s, sa, anna, "", "complete", true);
	record(s, sa, anna, "s1", "read", true);  /* again after completing: still one lesson */
	record_in(s, sa, anna, "email", "s1", "choose", false, false);  /* a wrong try starts it */
	assert_int_equal(store_learner_summaries(s, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, anna);  /* seen most recently */
	assert_string_equal(v[0].name, "Анна");
	assert_utc_ms(v[0].first_seen);
	assert_utc_ms(v[0].last_seen);
	assert_int_equal(v[0].lessons_started, 2);
	assert_int_equal(v[0].lessons_completed, 1);
	assert_int_equal(v[1].id, boris);
	assert_utc_ms(v[1].first_seen);
	assert_null(v[1].last_seen);  /* never had a session */
	assert_int_equal(v[1].lessons_started, 0);
	assert_int_equal(v[1].lessons_completed, 0);
	store_free_learner_summaries(v, n);

	session(s, boris);
	assert_int_equal(store_learner_summaries(s, &v, &n, &err), 0);
	assert_int_equal(v[0].id, boris);
	store_free_learner_summaries(v, n);
	store_close(s);
}

static void test_idle_timeout(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	struct kerr err = { "" };
	int idle = 0;

	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, STORE_IDLE_TIMEOUT_DEFAULT);
	assert_int_equal(idle, 900);
	assert_int_equal(store_set_idle_timeout(s, 600, STORE_SOURCE_MENU, &err), 0);
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 600);
	assert_raw_text(f->path, "SELECT value FROM settings WHERE key = 'idle_timeout'", "600");
	assert_raw_text(f->path, "SELECT action || '|' || coalesce(learner_id, 'NULL') || '|' ||"
	                " detail FROM audit", "idle-timeout-set|NULL|source=menu seconds=600");

	assert_int_equal(store_set_idle_timeout(s, 0, STORE_SOURCE_MENU, &err), -1);
	assert_string_equal(err.msg, "the idle timeout must be from 1 to 86400 seconds");
	assert_int_equal(store_set_idle_timeout(s, 86401, STORE_SOURCE_MENU, &err), -1);
	assert_int_equal(store_set_idle_timeout(s, -5, STORE_SOURCE_MENU, &err), -1);
	assert_int_equal(store_set_idle_timeout(s, 86400, STORE_SOURCE_CLI, &err), 0);
	store_close(s);

	/* Kept across a restart; a damaged value falls back to the default. */
	s = open_ok(f->path);
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 86400);
	raw_exec(f->path, "UPDATE settings SET value = '15 minutes' WHERE key = 'idle_timeout'");
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 900);
	raw_exec(f->path, "UPDATE settings SET value = '0' WHERE key = 'idle_timeout'");
	assert_int_equal(store_idle_timeout(s, &idle, &err), 0);
	assert_int_equal(idle, 900);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 2);
	store_close(s);
}

#define FAKE_HASH "$y$j9T$0123456789abcdef$ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg"

static unsigned failures(struct store *s)
{
	struct kerr err = { "" };
	unsigned n = 999;

	if (store_pin_failures(s, &n, &err) != 0)
		fail_msg("store_pin_failures: %s", err.msg);
	return n;
}

static void attempt(struct store *s, bool ok)
{
	struct kerr err = { "" };

	if (store_log_pin_attempt(s, ok, STORE_SOURCE_MENU, &err) != 0)
		fail_msg("store_log_pin_attempt: %s", err.msg);
}

static void test_trainer_pin(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	struct kerr err = { "" };
	char *hash = (char *)"untouched";

	assert_int_equal(store_trainer_pin(s, &hash, &err), 0);
	assert_null(hash);
	/* Only a hash: the digits themselves are refused. */
	assert_int_equal(store_set_trainer_pin(s, "123456", STORE_SOURCE_CLI, &err), -1);
	assert_non_null(strstr(err.msg, "only its hash"));
	assert_int_equal(store_set_trainer_pin(s, NULL, STORE_SOURCE_CLI, &err), -1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM settings"), 0);

	assert_int_equal(store_set_trainer_pin(s, FAKE_HASH, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_trainer_pin(s, &hash, &err), 0);
	assert_string_equal(hash, FAKE_HASH);
	free(hash);
	assert_raw_text(f->path, "SELECT value FROM settings WHERE key = 'trainer_pin'", FAKE_HASH);
	assert_raw_text(f->path, "SELECT action || '|' || detail FROM audit", "pin-set|source=cli");
	/* Changed: the new hash replaces the old. */
	assert_int_equal(store_set_trainer_pin(s, FAKE_HASH "x", STORE_SOURCE_MENU, &err), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM settings"), 1);
	assert_raw_text(f->path, "SELECT value FROM settings", FAKE_HASH "x");
	store_close(s);
}

static void test_pin_failures(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true);
	struct kerr err = { "" };

	assert_int_equal(failures(s), 0);
	attempt(s, false);
	attempt(s, false);
	assert_int_equal(failures(s), 2);
	/* Other trainer actions in between do not break the run. */
	assert_int_equal(store_audit(s, "session-end", who, NULL, STORE_SOURCE_MENU, &err), 0);
	attempt(s, false);
	assert_int_equal(failures(s), 3);
	store_close(s);

	/* A restart does not forget them. */
	s = open_ok(f->path);
	assert_int_equal(failures(s), 3);
	attempt(s, true);
	assert_int_equal(failures(s), 0);
	attempt(s, false);
	attempt(s, false);
	assert_int_equal(failures(s), 2);
	/* A new PIN from the command line starts over. */
	assert_int_equal(store_set_trainer_pin(s, FAKE_HASH, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(failures(s), 0);
	attempt(s, false);
	assert_int_equal(failures(s), 1);
	store_close(s);

	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE action = 'pin-wrong'"), 6);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE action = 'pin-ok'"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE action = 'pin-wrong'"
	                         " AND detail = 'source=menu' AND learner_id IS NULL"), 6);
}

static void test_audit(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true);
	struct kerr err = { "" };
	char *t;

	assert_int_equal(store_audit(s, "session-end", who, "intro", STORE_SOURCE_MENU, &err), 0);
	assert_int_equal(store_audit(s, "leave", 0, NULL, STORE_SOURCE_MENU, &err), 0);
	assert_raw_text(f->path, "SELECT group_concat(action || '|' || coalesce(learner_id, 'NULL')"
	                " || '|' || coalesce(lesson_id, 'NULL') || '|' || detail, ';') FROM audit",
	                "session-end|1|intro|source=menu;leave|NULL|NULL|source=menu");
	t = raw_text(f->path, "SELECT max(at) FROM audit");
	assert_utc_ms(t);
	free(t);
	/* The schema keeps the audit honest: no learner that does not exist. */
	assert_int_equal(store_audit(s, "rename", 99, NULL, STORE_SOURCE_MENU, &err), -1);
	assert_non_null(strstr(err.msg, "cannot write to the audit log"));
	store_close(s);
}

/* The command line acts while a kiosk has the same database open and keeps recording. */
static void test_trainer_while_kiosk_runs(void **state)
{
	struct fx *f = *state;
	struct store *kiosk = open_ok(f->path), *cli;
	int64_t who = learner(kiosk, "Мария", true), other = learner(kiosk, "Петро", true);
	int64_t sess = session(kiosk, who);
	struct kerr err = { "" };

	record(kiosk, sess, who, "s1", "read", true);
	record(kiosk, sess, who, "s2", "choose", true);
	cli = open_ok(f->path);
	assert_int_equal(reset_ok(cli, who, "intro", STORE_SOURCE_CLI), 2);
	assert_int_equal(store_remove_learner(cli, other, STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_set_trainer_pin(cli, FAKE_HASH, STORE_SOURCE_CLI, &err), 0);
	/* The kiosk goes on: its next answer counts in the new run. */
	record(kiosk, sess, who, "s3", "choose", true);
	assert_progress(kiosk, who, PROGRESS_STARTED, 0, 1);
	assert_progress(cli, who, PROGRESS_STARTED, 0, 1);
	store_close(cli);
	store_close(kiosk);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 3);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 3);
}

/* ---- the file under the kiosk (issue 10) ---- */

/* An existing database that every user can read is tightened when it is ours (the group
 * keeps its bits), its -wal too; another user's is refused with the reason. */
static void test_tightens_mode(void **state)
{
	struct fx *f = *state;
	char wal[160], other[160];
	struct store *s = open_ok(f->path);

	learner(s, "Мария", true);
	store_close(s);
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	assert_int_equal(chmod(f->path, 0664), 0);
	write_file(wal, "", 0644);
	s = open_ok(f->path);
	assert_int_equal(mode_of(f->path), 0660);
	assert_int_equal(mode_of(wal) & 007, 0);
	store_close(s);

	snprintf(other, sizeof other, "%s/other.db", f->dir);
	write_file(other, "", 0644);
	assert_int_equal(chown(other, NOBODY, NOBODY), 0);
	open_fails(other, "can be read by every user");
	assert_int_equal(mode_of(other), 0644);
}

/* Only a regular file is a database: a named pipe is refused at once, never opened. */
static void test_refuses_fifo(void **state)
{
	struct fx *f = *state;

	assert_int_equal(mkfifo(f->path, 0600), 0);
	open_fails(f->path, "not a regular file");
}

/* The database deleted, or replaced by another file, while the kiosk runs: no answer is
 * confirmed any more, progress is not shown from the lost file, and the message asks for the
 * trainer; audit rows still go in, so the trainer can get in and out. */
static void test_file_deleted_while_open(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "Мария", true), sess = session(s, who);
	struct store_event ev = {
		.session = sess, .learner = who, .lang = "bg", .lesson_id = "intro",
		.step_id = "s1", .step_index = 0, .step_count = 4, .kind = "read", .correct = true,
	};
	struct kerr err = { "" };
	struct progress p;
	char moved[160];

	assert_int_equal(store_record(s, &ev, &err), 0);
	assert_false(store_file_gone(s));
	assert_int_equal(unlink(f->path), 0);
	assert_true(store_file_gone(s));
	assert_int_equal(store_record(s, &ev, &err), -1);
	assert_non_null(strstr(err.msg, "call the trainer"));
	assert_int_equal(store_progress(s, who, &intro, &p, &err), -1);
	assert_int_equal(store_begin_session(s, who, "bg", &sess, &err), -1);
	assert_int_equal(store_audit(s, "leave", 0, NULL, STORE_SOURCE_MENU, &err), 0);
	store_close(s);

	/* Replaced: another file at the same name. */
	s = open_ok(f->path);
	snprintf(moved, sizeof moved, "%s/old.db", f->dir);
	assert_int_equal(rename(f->path, moved), 0);
	write_file(f->path, "", 0600);
	assert_true(store_file_gone(s));
	assert_int_equal(store_find_or_add_learner(s, "Іван", &who, &(bool){ false }, &err), -1);
	/* Put back, the same file: it is used again. */
	assert_int_equal(rename(moved, f->path), 0);
	assert_false(store_file_gone(s));
	learner(s, "Іван", true);
	store_close(s);
}

/* Invisible direction overrides never reach the database: not in names, not in answers. */
static void test_strips_invisible(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	int64_t who = learner(s, "\u202eМария\u2066", true), sess = session(s, who);
	struct store_event ev = {
		.session = sess, .learner = who, .lang = "bg", .lesson_id = "intro",
		.step_id = "s1", .step_index = 0, .step_count = 4, .kind = "type",
		.answer = "Со\u202eфия", .correct = true,
	};
	struct kerr err = { "" };
	bool created;
	int64_t id;

	assert_int_equal(learner(s, "Мария", false), who);
	assert_int_equal(store_record(s, &ev, &err), 0);
	assert_int_equal(store_find_or_add_learner(s, "\u202e\u2066", &id, &created, &err), -1);
	store_close(s);
	assert_raw_text(f->path, "SELECT name FROM learners", "Мария");
	assert_raw_text(f->path, "SELECT answer FROM events", "София");
}

/* The look and reading aloud: the kiosk's and a learner's own, checked and audited. */
static void test_access_settings(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	struct kerr err;
	char *v = (char *)1;
	int64_t maria, petar;
	bool created;

	assert_int_equal(store_find_or_add_learner(s, "Мария", &maria, &created, &err), 0);
	assert_int_equal(store_find_or_add_learner(s, "Петър", &petar, &created, &err), 0);
	assert_int_equal(store_access(s, 0, "theme", &v, &err), 0);
	assert_null(v);
	assert_int_equal(store_set_access(s, 0, "theme", "contrast", STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_set_access(s, 0, "theme", "pink", STORE_SOURCE_CLI, &err), -1);
	assert_non_null(strstr(err.msg, "'pink' is not a valid value for theme"));
	assert_int_equal(store_set_access(s, 0, "speech-rate", "79", STORE_SOURCE_CLI, &err), -1);
	assert_int_equal(store_set_access(s, 0, "speech-rate", "12x", STORE_SOURCE_CLI, &err), -1);
	assert_int_equal(store_set_access(s, 0, "speech-rate", "100", STORE_SOURCE_CLI, &err), 0);
	assert_int_equal(store_set_access(s, 0, "auto-read", "maybe", STORE_SOURCE_CLI, &err), -1);
	assert_int_equal(store_set_access(s, 0, "volume", "yes", STORE_SOURCE_CLI, &err), -1);
	assert_int_equal(store_set_access(s, maria, "auto-read", "yes", STORE_SOURCE_LEARNER, &err), 0);
	assert_int_equal(store_access(s, 0, "theme", &v, &err), 0);
	assert_string_equal(v, "contrast");
	free(v);
	assert_int_equal(store_access(s, maria, "auto-read", &v, &err), 0);
	assert_string_equal(v, "yes");
	free(v);
	assert_int_equal(store_access(s, petar, "auto-read", &v, &err), 0);
	assert_null(v);  /* another learner has no choice of their own */
	store_close(s);
	assert_raw_text(f->path, "SELECT count(*) FROM audit WHERE action = 'access-set'", "3");
	assert_raw_text(f->path, "SELECT detail FROM audit WHERE learner_id IS NOT NULL",
	                "source=learner auto-read=yes");
	/* A damaged value counts as none set. */
	assert_raw_text(f->path, "UPDATE settings SET value = 'x' WHERE key = 'theme' RETURNING 1",
	                "1");
	s = open_ok(f->path);
	assert_int_equal(store_access(s, 0, "theme", &v, &err), 0);
	assert_null(v);
	store_close(s);
}

/* Statements are prepared at their first use (store_open no longer prepares all of them): a
 * database damaged by hand (its settings table dropped) still opens, what needs the table
 * fails with a message rather than a crash, and the rest works. */
static void test_statement_prepared_when_needed(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->path);
	struct kerr err;
	int seconds = -1;
	int64_t id;
	bool created;

	store_close(s);
	raw_exec(f->path, "DROP TABLE settings");
	s = open_ok(f->path);
	assert_int_equal(store_idle_timeout(s, &seconds, &err), -1);
	assert_non_null(strstr(err.msg, "cannot read the settings"));
	assert_non_null(strstr(err.msg, "no such table: settings"));  /* SQLite's reason */
	assert_int_equal(store_idle_timeout(s, &seconds, &err), -1);  /* again: still refused */
	assert_int_equal(store_find_or_add_learner(s, "Мария", &id, &created, &err), 0);
	assert_true(created);
	store_close(s);
	assert_raw_text(f->path, "SELECT name FROM learners", "Мария");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_open_creates_schema),
		T(test_access_settings),
		T(test_statement_prepared_when_needed),
		T(test_created_then_durable),
		T(test_file_mode),
		T(test_tightens_mode),
		T(test_refuses_fifo),
		T(test_file_deleted_while_open),
		T(test_strips_invisible),
		T(test_find_or_add_learner),
		T(test_two_kiosks_one_learner),
		T(test_list_by_last_seen),
		T(test_sessions_and_events),
		T(test_progress_runs),
		T(test_progress_counts_only_this_lesson),
		T(test_migrates_version_1),
		T(test_failed_migration_rolls_back),
		T(test_migrates_version_2),
		T(test_failed_migration_3_rolls_back),
		T(test_migrates_version_3),
		T(test_failed_migration_4_rolls_back),
		T(test_migration_4_refuses_dangling_rows),
		T(test_concurrent_first_open),
		T(test_missing_folder),
		T(test_not_a_database),
		T(test_foreign_database),
		T(test_newer_database),
		T(test_read_only_file),
		T(test_read_only_folder),
		T(test_record_is_committed),
		T(test_record_practice),
		T(test_survives_kill),
		T(test_reset_one_lesson),
		T(test_reset_all_lessons),
		T(test_outside_change),
		T(test_remove_learner),
		T(test_rename_learner),
		T(test_learner_summaries),
		T(test_idle_timeout),
		T(test_trainer_pin),
		T(test_pin_failures),
		T(test_audit),
		T(test_trainer_while_kiosk_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
