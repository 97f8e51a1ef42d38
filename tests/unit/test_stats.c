/* The running totals of the trainer's statistics screen (store_stats.h) against a full
 * recomputation from the events (the lessons and steps reports of report.h): after random
 * sequences of answers, completions, resets of one lesson or of all, removed learners, events
 * written by another program (times set back included, applied at the next open), and after
 * kill -9 in the middle of saving answers.  Every cell of both reports must be the same.
 * Also the one definition of a run (run.h) as the progress sees it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "catalog.h"
#include "report.h"
#include "run.h"
#include "store.h"

#define LESSONS "tests/fixtures/e2e"

static char dir[] = "/tmp/kiosk-stats.XXXXXX";
static char db[64];
static struct catalog cat;

/* Both reports as text, one line per row. */
static char *dump(const struct report *a, const struct report *b)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	for (const struct report *r = a; r; r = r == a ? b : NULL)
		for (size_t row = 0; row < r->nrows; row++) {
			for (size_t col = 0; col < r->ncols; col++) {
				char buf[64];

				fprintf(f, "%s=%s,", r->columns[col],
				        report_cell_text(report_cell(r, row, col), buf, sizeof buf));
			}
			fputc('\n', f);
		}
	fclose(f);
	return out;
}

/* From a date on, the screen reads only the learners and lessons with an event since (the
 * totals know which): the same rows as a pass over every event of the file. */
static void assert_same_since(struct store *s, int64_t since_ms)
{
	struct report_filter f = { .has_since = true, .since_ms = since_ms };
	struct report *al = NULL, *as = NULL, *bl = NULL, *bs = NULL;
	struct report_data *own = NULL, *file = NULL;
	const char *paths[] = { db };
	struct kerr err;
	char *a, *b;

	assert_int_equal(report_load_store(s, db, &own, &err), 0);
	assert_int_equal(report_build_lessons_steps(own, &cat, &f, &al, &as, &err), 0);
	assert_int_equal(report_load(paths, 1, &file, &err), 0);
	assert_int_equal(report_build_lessons_steps(file, &cat, &f, &bl, &bs, &err), 0);
	a = dump(al, as);
	b = dump(bl, bs);
	assert_string_equal(a, b);
	free(a);
	free(b);
	report_free(al);
	report_free(as);
	report_free(bl);
	report_free(bs);
	report_data_free(own);
	report_data_free(file);
}

/* The totals give exactly the reports computed from every event. */
static void assert_same(struct store *s)
{
	struct report *tl = NULL, *ts = NULL, *fl = NULL, *fs = NULL;
	struct report_data *data = NULL;
	struct kerr err;
	bool current = false;
	char *a, *b;

	assert_int_equal(report_build_totals(s, db, &cat, &tl, &ts, &current, &err), 0);
	assert_true(current);
	assert_int_equal(report_load_store(s, db, &data, &err), 0);
	assert_int_equal(report_build_lessons_steps(data, &cat, NULL, &fl, &fs, &err), 0);
	a = dump(tl, ts);
	b = dump(fl, fs);
	assert_true(strlen(b) > 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	report_free(tl);
	report_free(ts);
	report_free(fl);
	report_free(fs);
	report_data_free(data);
	assert_same_since(s, (int64_t)time(NULL) * 1000 - 3600 * 1000);
}

struct who {
	int64_t learner, session;
	bool removed;
};

/* One random answer or completion by w in a lesson of the catalogue (or one the lessons
 * folder no longer has, or a step it no longer has). */
static void random_event(struct store *s, const struct who *w)
{
	const struct lesson_set *set = &cat.sets[rand() % cat.count];
	const struct lesson *l = set->lessons[rand() % set->count];
	bool gone = rand() % 10 == 0;
	int n = gone ? 5 : (int)l->step_count, i = rand() % n;
	static const char *const kinds[] = { "read", "choose", "type", "practice", "complete" };
	struct store_event ev = {
		.session = w->session, .learner = w->learner, .lang = set->name,
		.lesson_id = gone ? "gone-lesson" : l->id,
		.step_id = gone || rand() % 15 == 0 ? "old-step" : l->steps[i].id,
		.step_index = i, .step_count = n + (rand() % 10 == 0),
		.kind = kinds[rand() % 5 == 0 ? 4 : rand() % 4],
		.correct = rand() % 3 != 0, .hint_shown = rand() % 4 == 0,
	};
	struct kerr err;

	assert_int_equal(store_record(s, &ev, &err), 0);
}

static void add_learner(struct store *s, struct who *w, int k)
{
	char name[32];
	bool created;
	struct kerr err;

	snprintf(name, sizeof name, "Учащ %d", k);
	assert_int_equal(store_find_or_add_learner(s, name, &w->learner, &created, &err), 0);
	assert_int_equal(store_begin_session(s, w->learner, "bg", &w->session, &err), 0);
	w->removed = false;
}

/* Random answers, completions, resets and removals; compared now and then. */
static void test_random_sequences(void **state)
{
	struct store *s;
	struct who w[6];
	struct kerr err;
	int learners = 0;

	srand(11);
	assert_int_equal(store_open(db, &s, &err), 0);
	for (int k = 0; k < 6; k++)
		add_learner(s, &w[k], learners++);
	for (int op = 1; op <= 1500; op++) {
		struct who *x = &w[rand() % 6];
		int r = rand() % 100;
		size_t answers;

		if (x->removed)
			add_learner(s, x, learners++);
		if (r < 85) {
			random_event(s, x);
		} else if (r < 91) {
			const struct lesson_set *set = &cat.sets[rand() % cat.count];

			store_reset(s, x->learner, set->lessons[rand() % set->count]->id,
			            STORE_SOURCE_CLI, &answers, &err);
		} else if (r < 94) {
			store_reset(s, x->learner, NULL, STORE_SOURCE_MENU, &answers, &err);
		} else if (r < 96) {
			assert_int_equal(store_remove_learner(s, x->learner, STORE_SOURCE_CLI, &err), 0);
			x->removed = true;
		} else {
			assert_int_equal(store_begin_session(s, x->learner, "uk", &x->session, &err), 0);
		}
		if (op % 100 == 0)
			assert_same(s);
	}
	store_close(s);
	/* Reopened: nothing to apply, the same figures. */
	assert_int_equal(store_open(db, &s, &err), 0);
	assert_same(s);
	store_close(s);
}

static void raw(const char *sql)
{
	sqlite3 *h;

	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static int64_t raw_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t v = -1;

	/* -1 while the file or its tables do not exist yet */
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

/* Events another program wrote, with times going back and forth: the screen does not use
 * totals that lag, and the next open applies them. */
static void test_events_written_by_another_program(void **state)
{
	struct store *s;
	struct kerr err;
	struct who w;
	struct report *l = NULL, *st = NULL;
	bool current = true;

	struct who old;
	char *sql;

	assert_int_equal(store_open(db, &s, &err), 0);
	add_learner(s, &w, 1);
	add_learner(s, &old, 2);
	for (int i = 0; i < 40; i++)
		random_event(s, &w);
	/* A learner who came 40 days ago only: left out of this month's figures. */
	sql = xasprintf("INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id,"
	                " step_index, step_count, kind, correct, hint_shown, at)"
	                " SELECT %lld, %lld, lang, lesson_id, step_id, step_index, step_count, kind,"
	                " correct, hint_shown, strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '-40 days')"
	                " FROM events ORDER BY id", (long long)old.session, (long long)old.learner);
	raw(sql);
	free(sql);
	raw("INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
	    " step_count, kind, correct, hint_shown, at)"
	    " SELECT session_id, learner_id, lang, lesson_id, step_id, step_index, step_count,"
	    " kind, 1 - correct, hint_shown,"
	    " strftime('%Y-%m-%dT%H:%M:%fZ', 'now', (id % 7 - 3) || ' hours')"
	    " FROM events ORDER BY id");
	assert_int_equal(report_build_totals(s, db, &cat, &l, &st, &current, &err), 0);
	assert_false(current);  /* the screen then computes from the events */
	assert_null(l);
	store_close(s);
	assert_int_equal(store_open(db, &s, &err), 0);
	assert_same(s);
	store_close(s);
}

/* A database of schema 5 (no totals) with a history: the upgrade fills them from it. */
static void test_upgrade_fills_the_totals(void **state)
{
	struct store *s;
	struct kerr err;
	struct who w;
	size_t answers;

	assert_int_equal(store_open(db, &s, &err), 0);
	add_learner(s, &w, 1);
	for (int i = 0; i < 200; i++) {
		random_event(s, &w);
		if (i % 50 == 49)
			store_reset(s, w.learner, NULL, STORE_SOURCE_CLI, &answers, &err);
	}
	store_close(s);
	raw("DROP TABLE stat_state; DROP TABLE stat_groups; DROP TABLE stat_sets;"
	    " DROP TABLE stat_steps; DROP TABLE stat_completions; PRAGMA user_version = 5;");
	assert_int_equal(store_open(db, &s, &err), 0);
	assert_int_equal(raw_int("PRAGMA user_version"), 6);
	assert_same(s);
	/* And it goes on from there. */
	for (int i = 0; i < 50; i++)
		random_event(s, &w);
	assert_same(s);
	store_close(s);
}

/* kill -9 while answers are being saved: each answer and its totals are saved together or
 * not at all. */
static void test_kill_mid_way(void **state)
{
	struct store *s;
	struct kerr err;
	int64_t before = 0;

	for (int round = 0; round < 4; round++) {
		pid_t pid = fork();
		struct timespec ts = { 0, (3 + 7 * round) * 1000000L }, poll = { 0, 2000000L };

		assert_true(pid >= 0);
		if (pid == 0) {
			struct who w;

			srand((unsigned)getpid());
			if (store_open(db, &s, &err) < 0)
				_exit(2);
			add_learner(s, &w, 100 + round);
			for (;;) {
				size_t answers;

				random_event(s, &w);
				if (rand() % 40 == 0)
					store_reset(s, w.learner, NULL, STORE_SOURCE_MENU, &answers, &err);
			}
		}
		/* Once it is saving answers, a while more, then the kill. */
		for (int i = 0; i < 2500 && raw_int("SELECT count(*) FROM events") <= before + 2; i++)
			nanosleep(&poll, NULL);
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		/* Before any open could apply anything: the totals already cover every event. */
		assert_int_equal(raw_int("SELECT covered FROM stat_state"),
		                 raw_int("SELECT coalesce(max(id), 0) FROM events"));
		assert_true(raw_int("SELECT count(*) FROM events") > before);  /* it did save */
		before = raw_int("SELECT count(*) FROM events");
		assert_int_equal(store_open(db, &s, &err), 0);
		assert_same(s);
		store_close(s);
	}
}

/* run.h: a run ends after a complete event and where reset_id changes. */
static void test_run_definition(void **state)
{
	struct run_mark m = { 0 };

	assert_true(run_begins(&m, 0));
	run_note(&m, false, 0);
	assert_false(run_begins(&m, 0));
	assert_false(run_over(&m));
	assert_true(run_begins(&m, 7));   /* a reset marked the events before */
	run_note(&m, false, 7);
	assert_true(run_begins(&m, 0));
	run_note(&m, true, 0);
	assert_true(run_over(&m));
	assert_true(run_begins(&m, 0));   /* after the complete event */
}

static int setup(void **state)
{
	struct diags d = { 0 };

	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/k.db", dir);
	catalog_load(LESSONS, &cat, &d);
	diags_free(&d);
	return cat.count > 0 ? 0 : -1;
}

static int fresh(void **state)
{
	char p[96];

	for (const char *const *ext = (const char *const[]){ "", "-wal", "-shm", NULL }; *ext;
	     ext++) {
		snprintf(p, sizeof p, "%s%s", db, *ext);
		unlink(p);
	}
	return 0;
}

static int teardown(void **state)
{
	fresh(state);
	catalog_free(&cat);
	rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_definition),
		cmocka_unit_test_setup(test_random_sequences, fresh),
		cmocka_unit_test_setup(test_events_written_by_another_program, fresh),
		cmocka_unit_test_setup(test_upgrade_fills_the_totals, fresh),
		cmocka_unit_test_setup(test_kill_mid_way, fresh),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
