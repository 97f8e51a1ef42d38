/* I/O fault injection, at the scale of SQLite's own tests: a test-only SQLite VFS wraps the
 * default one and fails the Nth write, sync, open or truncate (SQLITE_IOERR or SQLITE_FULL),
 * either once or from then on (a disk that stays full).  A scripted learner goes through a
 * real lesson with the real store code (open, name, session, one answer per step, progress,
 * the finish, F10) with the fault at every I/O call in turn.  After each run: no crash,
 * every failure came with a clear message, the database passes integrity_check, every step
 * the learner was told is saved is in the file, and a session whose end could not be written
 * at F10 gets it once the disk works again.
 *
 * FAULT_ROUNDS (environment) repeats the sweep with the lesson taken that many times in a
 * row, for a longer run (FAULT_ROUNDS=5 build/tests/test_faults); the default keeps make
 * check fast (about 1 s, 452 runs, over 1,500 injected faults). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "answer.h"
#include "lesson.h"
#include "store.h"

#define LESSON_FILE "tests/fixtures/e2e/bg/demo.lesson"
#define RETRIES 2  /* a learner presses Enter again after an error */

/* ---- the faulty VFS ---- */

enum fault_kind { FAULT_IOERR, FAULT_FULL };

static struct {
	sqlite3_vfs vfs;
	sqlite3_vfs *real;
	long calls;        /* counted I/O calls so far */
	long fail_at;      /* the call that fails (1-based); 0: none */
	bool persist;      /* every call after fail_at fails too */
	enum fault_kind kind;
	long injected;     /* faults actually returned */
} fv;

struct ffile {
	sqlite3_file base;
	sqlite3_file *real;  /* follows this struct in the same allocation */
};

/* SQLITE_OK, or the error this call must return. */
static int fault(int ioerr)
{
	fv.calls++;
	if (fv.fail_at == 0 || fv.calls < fv.fail_at || (fv.calls > fv.fail_at && !fv.persist))
		return SQLITE_OK;
	fv.injected++;
	return fv.kind == FAULT_FULL ? SQLITE_FULL : ioerr;
}

#define REAL(f) (((struct ffile *)(f))->real)

static int f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;

	f->pMethods = NULL;
	return rc;
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fault(SQLITE_IOERR_WRITE);

	return rc ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	int rc = fault(SQLITE_IOERR_TRUNCATE);

	return rc ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	int rc = fault(SQLITE_IOERR_FSYNC);

	return rc ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int f_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int f_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, p);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods f_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_reserved,
	f_control, f_sector, f_device, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap,
	f_fetch, f_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	struct ffile *ff = (struct ffile *)f;
	int rc;

	ff->real = (sqlite3_file *)(ff + 1);
	ff->real->pMethods = NULL;
	f->pMethods = NULL;
	rc = fault(SQLITE_CANTOPEN);
	if (rc != SQLITE_OK)
		return rc;
	rc = fv.real->xOpen(fv.real, name, ff->real, flags, out);
	if (ff->real->pMethods)
		f->pMethods = &f_methods;
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync)
{
	return fv.real->xDelete(fv.real, name, sync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	return fv.real->xAccess(fv.real, name, flags, out);
}

static int v_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
	return fv.real->xFullPathname(fv.real, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
	return fv.real->xRandomness(fv.real, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
	return fv.real->xSleep(fv.real, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
	return fv.real->xCurrentTime(fv.real, out);
}

static int v_error(sqlite3_vfs *v, int n, char *out)
{
	return fv.real->xGetLastError(fv.real, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	return fv.real->xCurrentTimeInt64(fv.real, out);
}

/* Makes the faulty VFS the default, so store_open uses it unchanged. */
static void install_vfs(void)
{
	fv.real = sqlite3_vfs_find(NULL);
	fv.vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct ffile) + fv.real->szOsFile,
		.mxPathname = fv.real->mxPathname,
		.zName = "faulty",
		.xOpen = v_open, .xDelete = v_delete, .xAccess = v_access,
		.xFullPathname = v_full, .xRandomness = v_random, .xSleep = v_sleep,
		.xCurrentTime = v_time, .xGetLastError = v_error, .xCurrentTimeInt64 = v_time64,
	};
	assert_int_equal(sqlite3_vfs_register(&fv.vfs, 1), SQLITE_OK);
}

/* ---- the scripted learner ---- */

struct outcome {
	bool opened;
	int64_t learner;
	int64_t session;        /* 0: none was begun */
	bool ended;             /* store_end_session said so */
	bool end_tried;
	size_t confirmed;       /* answers the learner was told are saved */
	char confirmed_ids[64][48];  /* their step ids */
	bool complete;          /* the finish was confirmed */
	size_t errors;          /* failures seen, each with a message */
};

static const struct lesson *lesson;
static char dir[] = "/dev/shm/kiosk-faults-XXXXXX";
static char path[96];

/* A failure must say what failed and why, in words a trainer can act on. */
static void check_message(const struct kerr *err, struct outcome *o)
{
	o->errors++;
	if (!strstr(err->msg, "cannot"))
		fail_msg("unclear message: \"%s\"", err->msg);
}

static void remove_files(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char name[128];

	for (size_t i = 0; i < 4; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffix[i]);
		unlink(name);
	}
}

/* One answer, retried as a learner would; true when the store confirmed it. */
static bool answer(struct store *s, struct outcome *o, size_t i, const char *kind,
                   const char *typed, bool correct)
{
	const struct step *st = i < lesson->step_count ? &lesson->steps[i] : NULL;
	struct store_event ev = {
		.session = o->session, .learner = o->learner, .lang = "bg", .lesson_id = lesson->id,
		.step_id = st ? st->id : "", .step_index = (int)i,
		.step_count = (int)lesson->step_count, .kind = kind, .answer = typed,
		.correct = correct,
	};
	struct kerr err = { "" };

	for (int t = 0; t <= RETRIES; t++) {
		if (store_record(s, &ev, &err) == 0)
			return true;
		check_message(&err, o);
	}
	return false;
}

/* Every step of the lesson answered rightly, the way the lesson screen does it. */
static void take_lesson(struct store *s, struct outcome *o)
{
	for (size_t i = 0; i < lesson->step_count; i++) {
		const struct step *st = &lesson->steps[i];
		const char *typed = NULL;
		char pick[24] = "";
		bool correct = true;

		if (st->kind == STEP_CHOOSE) {
			for (size_t k = 0; k < st->option_count; k++)
				if (st->options[k].correct)
					snprintf(pick, sizeof pick, "%zu", k + 1);
			typed = pick;
		} else if (st->kind == STEP_TYPE) {
			typed = st->accept[0];
			correct = answer_matches(typed, st->accept, st->accept_count);
		}
		if (answer(s, o, i, lesson_kind_name(st->kind), typed, correct) &&
		    o->confirmed < 64)
			snprintf(o->confirmed_ids[o->confirmed++], 48, "%s", st->id);
		if (i % 2 == 1) {  /* the lesson list shows progress now and then */
			struct progress p;
			struct kerr err = { "" };

			if (store_progress(s, o->learner, lesson, &p, &err) < 0)
				check_message(&err, o);
		}
	}
	o->complete = answer(s, o, lesson->step_count, "complete", NULL, true);
}

static void learner_script(struct outcome *o, int rounds)
{
	struct store *s = NULL;
	struct kerr err = { "" };
	int64_t who = 0;
	bool created;

	memset(o, 0, sizeof *o);
	for (int t = 0; t <= RETRIES && !s; t++)
		if (store_open(path, &s, &err) < 0)
			check_message(&err, o);
	if (!s)
		return;
	o->opened = true;
	for (int t = 0; t <= RETRIES && !who; t++)
		if (store_find_or_add_learner(s, "Мария", &who, &created, &err) < 0)
			check_message(&err, o);
	o->learner = who;
	for (int t = 0; t <= RETRIES && who && !o->session; t++)
		if (store_begin_session(s, who, "bg", &o->session, &err) < 0)
			check_message(&err, o);
	if (o->session) {
		for (int r = 0; r < rounds; r++)
			take_lesson(s, o);
		o->end_tried = true;
		o->ended = store_end_session(s, o->session, &err) == 0;  /* F10: no retry */
		if (!o->ended)
			check_message(&err, o);
	}
	fv.fail_at = 0;  /* the disk works again */
	store_close(s);  /* writes a session end that failed */
}

/* ---- checks from outside, with SQLite's own VFS ---- */

static sqlite3 *raw_open(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, fv.real->zName),
	                 SQLITE_OK);
	return db;
}

static int64_t raw_int(sqlite3 *db, const char *sql, const char *text)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void verify(const struct outcome *o, long n)
{
	sqlite3 *db;
	sqlite3_stmt *st;

	if (!o->opened)
		return;  /* nothing was confirmed; the file may not even be a database yet */
	db = raw_open();
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		fail_msg("fault at call %ld: integrity_check says %s", n,
		         (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	/* Every step the learner saw as saved is in the file. */
	for (size_t i = 0; i < o->confirmed; i++)
		if (raw_int(db, "SELECT count(*) FROM events WHERE step_id = ?1 AND kind <> 'complete'",
		            o->confirmed_ids[i]) < 1)
			fail_msg("fault at call %ld: step %s was confirmed but is not in the file", n,
			         o->confirmed_ids[i]);
	if (o->complete && raw_int(db, "SELECT count(*) FROM events WHERE kind = 'complete'",
	                           NULL) < 1)
		fail_msg("fault at call %ld: the finish was confirmed but is not in the file", n);
	/* A session end that failed at F10 is written once the disk works again. */
	if (o->end_tried && raw_int(db, "SELECT count(*) FROM sessions WHERE ended_at IS NULL",
	                            NULL) != 0)
		fail_msg("fault at call %ld: a session has no end time", n);
	sqlite3_close(db);
}

/* The fault at every I/O call of the script in turn, for each kind and mode. */
static void sweep(int rounds, long *runs, long *faults)
{
	struct outcome o;
	long calls;

	remove_files();
	fv.fail_at = 0;
	fv.calls = 0;
	learner_script(&o, rounds);
	calls = fv.calls;
	assert_true(calls > 20);
	assert_int_equal(o.errors, 0);
	for (int mode = 0; mode < 4; mode++) {
		for (long n = 1; n <= calls; n++) {
			remove_files();
			fv.calls = 0;
			fv.fail_at = n;
			fv.kind = mode & 1 ? FAULT_FULL : FAULT_IOERR;
			fv.persist = mode & 2;
			learner_script(&o, rounds);
			verify(&o, n);
			++*runs;
		}
	}
	*faults = fv.injected;
}

static void test_fault_at_every_io_call(void **state)
{
	const char *env = getenv("FAULT_ROUNDS");
	int rounds = env && atoi(env) > 0 ? atoi(env) : 1;
	long runs = 0, faults = 0;

	sweep(rounds, &runs, &faults);
	printf("# %ld runs, %ld injected faults (lesson taken %d time%s per run)\n", runs,
	       faults, rounds, rounds == 1 ? "" : "s");
	assert_true(faults >= 1000);
}

/* A disk that is full at F10 and has room again later: the session gets its real end time
 * with the next write, not only at close. */
static void test_session_end_written_when_space_returns(void **state)
{
	struct store *s;
	struct kerr err = { "" };
	int64_t who, sess, next;
	bool created;
	sqlite3 *db;

	remove_files();
	fv.fail_at = 0;
	assert_int_equal(store_open(path, &s, &err), 0);
	assert_int_equal(store_find_or_add_learner(s, "Мария", &who, &created, &err), 0);
	assert_int_equal(store_begin_session(s, who, "bg", &sess, &err), 0);
	fv.calls = 0;
	fv.fail_at = 1;
	fv.persist = true;
	fv.kind = FAULT_FULL;
	assert_int_equal(store_end_session(s, sess, &err), -1);
	assert_non_null(strstr(err.msg, "the disk is full"));
	assert_int_equal(store_pending_ends(s), 1);
	/* Still full: the next learner cannot start either, and the end stays queued. */
	assert_int_equal(store_begin_session(s, who, "bg", &next, &err), -1);
	assert_int_equal(store_pending_ends(s), 1);
	fv.fail_at = 0;
	assert_int_equal(store_begin_session(s, who, "bg", &next, &err), 0);
	assert_int_equal(store_pending_ends(s), 0);
	db = raw_open();
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sessions WHERE id = 1 AND"
	                         " ended_at IS NOT NULL AND ended_at <= (SELECT started_at FROM"
	                         " sessions WHERE id = 2)", NULL), 1);
	sqlite3_close(db);
	store_close(s);
}

static int setup(void **state)
{
	struct diags d = { 0 };

	if (!mkdtemp(dir)) {
		strcpy(dir, "/tmp/kiosk-faults-XXXXXX");
		if (!mkdtemp(dir))
			return -1;
	}
	snprintf(path, sizeof path, "%s/kiosk.db", dir);
	lesson = lesson_parse_file(LESSON_FILE, &d);
	diags_free(&d);
	if (!lesson)
		return -1;
	install_vfs();
	return 0;
}

static int teardown(void **state)
{
	remove_files();
	rmdir(dir);
	lesson_free((struct lesson *)lesson);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fault_at_every_io_call),
		cmocka_unit_test(test_session_end_written_when_space_returns),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
