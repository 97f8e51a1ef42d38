/* store_stats: see store_stats.h. */
#include "store_stats.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "isotime.h"
#include "run.h"

const char store_stats_schema[] =
	"CREATE TABLE stat_state ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  covered INTEGER NOT NULL,"       /* the last event applied */
	"  broken INTEGER NOT NULL);"       /* an event's time could not be read */
	"INSERT INTO stat_state(id, covered, broken) VALUES (1, 0, 0);"
	"CREATE TABLE stat_groups ("
	"  learner_id INTEGER NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  last_complete INTEGER NOT NULL,"
	"  last_reset INTEGER NOT NULL,"    /* the last event's reset_id, 0 for none */
	"  run_first_id INTEGER NOT NULL,"
	"  run_start_ms INTEGER NOT NULL,"
	"  max_ms INTEGER NOT NULL,"        /* the latest time of its events */
	"  PRIMARY KEY (learner_id, lesson_id)) WITHOUT ROWID;"
	"CREATE TABLE stat_sets ("
	"  lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  learner_id INTEGER NOT NULL,"
	"  completed INTEGER NOT NULL,"
	"  furthest INTEGER NOT NULL,"
	"  step_count INTEGER NOT NULL,"
	"  attempts INTEGER NOT NULL,"
	"  PRIMARY KEY (lang, lesson_id, learner_id)) WITHOUT ROWID;"
	"CREATE TABLE stat_steps ("
	"  lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  step_id TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL,"
	"  visits INTEGER NOT NULL,"
	"  first_ok INTEGER NOT NULL,"
	"  hinted INTEGER NOT NULL,"
	"  seen_ms INTEGER NOT NULL,"
	"  seen_index INTEGER NOT NULL,"
	"  PRIMARY KEY (lang, lesson_id, step_id)) WITHOUT ROWID;"
	"CREATE TABLE stat_completions ("
	"  event_id INTEGER PRIMARY KEY,"
	"  lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  ms INTEGER NOT NULL);";

enum {
	SS_STATE,
	SS_SET_STATE,
	SS_NEW_EVENTS,
	SS_GROUP,
	SS_PUT_GROUP,
	SS_PUT_SET,
	SS_VISIT,
	SS_PUT_STEP,
	SS_COMPLETION,
	SS_RESET,
	SS_COUNT
};

static const char *const ss_sql[SS_COUNT] = {
	[SS_STATE] = "SELECT covered, broken FROM stat_state WHERE id = 1",
	[SS_SET_STATE] = "UPDATE stat_state SET covered = ?1, broken = ?2 WHERE id = 1",
	[SS_NEW_EVENTS] =
		"SELECT id, learner_id, lesson_id, lang, step_id, step_index, step_count,"
		" kind = 'complete', correct, hint_shown, at, coalesce(reset_id, 0)"
		" FROM events WHERE id > ?1 ORDER BY id",
	[SS_GROUP] =
		"SELECT last_complete, last_reset, run_first_id, run_start_ms, max_ms FROM stat_groups"
		" WHERE learner_id = ?1 AND lesson_id = ?2",
	[SS_PUT_GROUP] =
		"INSERT OR REPLACE INTO stat_groups(learner_id, lesson_id, last_complete, last_reset,"
		" run_first_id, run_start_ms, max_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* Every expression of the update reads the row as it was. */
	[SS_PUT_SET] =
		"INSERT INTO stat_sets(lang, lesson_id, learner_id, completed, furthest, step_count,"
		" attempts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT DO UPDATE SET completed = max(completed, excluded.completed),"
		" furthest = max(furthest, excluded.furthest),"
		" step_count = max(step_count, excluded.step_count),"
		" attempts = attempts + excluded.attempts",
	/* The earlier answers of this visit: the same run (from its first event on), set and
	 * step.  The index on (learner_id, lesson_id) holds the ids in order. */
	[SS_VISIT] =
		"SELECT count(*), coalesce(max(hint_shown), 0) FROM events"
		" WHERE learner_id = ?1 AND lesson_id = ?2 AND id >= ?3 AND id < ?4"
		" AND lang = ?5 AND step_id = ?6 AND kind <> 'complete'",
	/* A step's index is its latest event's (the first applied of equal times). */
	[SS_PUT_STEP] =
		"INSERT INTO stat_steps(lang, lesson_id, step_id, attempts, visits, first_ok, hinted,"
		" seen_ms, seen_index) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8)"
		" ON CONFLICT DO UPDATE SET attempts = attempts + 1, visits = visits + excluded.visits,"
		" first_ok = first_ok + excluded.first_ok, hinted = hinted + excluded.hinted,"
		" seen_index = CASE WHEN excluded.seen_ms > seen_ms THEN excluded.seen_index"
		"   ELSE seen_index END,"
		" seen_ms = max(seen_ms, excluded.seen_ms)",
	[SS_COMPLETION] =
		"INSERT INTO stat_completions(event_id, lang, lesson_id, ms) VALUES (?1, ?2, ?3, ?4)",
	/* Mirrors the reset's own update of events: the groups whose last event was current. */
	[SS_RESET] =
		"UPDATE stat_groups SET last_reset = ?1"
		" WHERE learner_id = ?2 AND last_reset = 0 AND (?3 IS NULL OR lesson_id = ?3)",
};

struct store_stats {
	sqlite3 *db;
	sqlite3_stmt *st[SS_COUNT];
	struct isotime_day day;   /* the parser's cache */
};

/* One event as applied. */
struct stat_event {
	int64_t id, learner, step_index, step_count, reset_id, at_ms;
	const char *lesson, *lang, *step;
	bool complete, correct, hint;
};

int store_stats_prepare(sqlite3 *db, struct store_stats **out)
{
	struct store_stats *t = xcalloc(1, sizeof *t);
	int rc = SQLITE_OK;

	t->db = db;
	for (int i = 0; rc == SQLITE_OK && i < SS_COUNT; i++)
		rc = sqlite3_prepare_v2(db, ss_sql[i], -1, &t->st[i], NULL);
	if (rc != SQLITE_OK) {
		store_stats_free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

void store_stats_free(struct store_stats *t)
{
	if (!t)
		return;
	for (int i = 0; i < SS_COUNT; i++)
		sqlite3_finalize(t->st[i]);
	free(t);
}

/* Steps a statement that returns no rows and makes it ready for the next use. */
static int done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static void text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* The step a correct answer leads to, capped at the last step of the lesson as recorded
 * (report.c's got_to). */
static int64_t got_to(const struct stat_event *e)
{
	int64_t i = e->step_index + (e->correct ? 1 : 0);

	return e->step_count > 0 && i > e->step_count - 1 ? e->step_count - 1 : i;
}

/* Where e's run began: *first the id of its first event, *start its time.  Updates the
 * group's state to after e. */
static int advance_run(struct store_stats *t, const struct stat_event *e, int64_t *first,
                       int64_t *start)
{
	sqlite3_stmt *st = t->st[SS_GROUP];
	struct run_mark m = { 0 };
	int64_t max = e->at_ms;
	int rc;

	sqlite3_bind_int64(st, 1, e->learner);
	text(st, 2, e->lesson);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		run_note(&m, sqlite3_column_int(st, 0) != 0, sqlite3_column_int64(st, 1));
		*first = sqlite3_column_int64(st, 2);
		*start = sqlite3_column_int64(st, 3);
		if (sqlite3_column_int64(st, 4) > max)
			max = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (run_begins(&m, e->reset_id)) {
		*first = e->id;
		*start = e->at_ms;
	}
	st = t->st[SS_PUT_GROUP];
	sqlite3_bind_int64(st, 1, e->learner);
	text(st, 2, e->lesson);
	sqlite3_bind_int(st, 3, e->complete);
	sqlite3_bind_int64(st, 4, e->reset_id);
	sqlite3_bind_int64(st, 5, *first);
	sqlite3_bind_int64(st, 6, *start);
	sqlite3_bind_int64(st, 7, max);
	return done(st);
}

static int put_set(struct store_stats *t, const struct stat_event *e)
{
	sqlite3_stmt *st = t->st[SS_PUT_SET];

	text(st, 1, e->lang);
	text(st, 2, e->lesson);
	sqlite3_bind_int64(st, 3, e->learner);
	sqlite3_bind_int(st, 4, e->complete);
	sqlite3_bind_int64(st, 5, e->complete ? -1 : got_to(e));
	sqlite3_bind_int64(st, 6, e->step_count);
	sqlite3_bind_int(st, 7, !e->complete);
	return done(st);
}

/* An answer event: its step's attempts, and a visit when it is the visit's first answer (a
 * visit counts its hint once). */
static int put_step(struct store_stats *t, const struct stat_event *e, int64_t first)
{
	sqlite3_stmt *st = t->st[SS_VISIT];
	int64_t before = 0;
	bool had_hint = false;
	int rc;

	sqlite3_bind_int64(st, 1, e->learner);
	text(st, 2, e->lesson);
	sqlite3_bind_int64(st, 3, first);
	sqlite3_bind_int64(st, 4, e->id);
	text(st, 5, e->lang);
	text(st, 6, e->step);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		before = sqlite3_column_int64(st, 0);
		had_hint = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
	st = t->st[SS_PUT_STEP];
	text(st, 1, e->lang);
	text(st, 2, e->lesson);
	text(st, 3, e->step);
	sqlite3_bind_int(st, 4, before == 0);
	sqlite3_bind_int(st, 5, before == 0 && e->correct);
	sqlite3_bind_int(st, 6, e->hint && !had_hint);
	sqlite3_bind_int64(st, 7, e->at_ms);
	sqlite3_bind_int64(st, 8, e->step_index);
	return done(st);
}

static int put_completion(struct store_stats *t, const struct stat_event *e, int64_t start)
{
	sqlite3_stmt *st = t->st[SS_COMPLETION];

	sqlite3_bind_int64(st, 1, e->id);
	text(st, 2, e->lang);
	text(st, 3, e->lesson);
	sqlite3_bind_int64(st, 4, e->at_ms - start);
	return done(st);
}

static int apply(struct store_stats *t, const struct stat_event *e)
{
	int64_t first = 0, start = 0;
	int rc = advance_run(t, e, &first, &start);

	if (rc == SQLITE_OK)
		rc = put_set(t, e);
	if (rc == SQLITE_OK)
		rc = e->complete ? put_completion(t, e, start) : put_step(t, e, first);
	return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

int store_stats_catch_up(struct store_stats *t)
{
	sqlite3_stmt *st = t->st[SS_STATE];
	int64_t covered = 0, last;
	bool broken = false, was_broken;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		covered = sqlite3_column_int64(st, 0);
		broken = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
	last = covered;
	was_broken = broken;
	st = t->st[SS_NEW_EVENTS];
	sqlite3_bind_int64(st, 1, covered);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct stat_event e = {
			.id = sqlite3_column_int64(st, 0),
			.learner = sqlite3_column_int64(st, 1),
			.lesson = col_text(st, 2),
			.lang = col_text(st, 3),
			.step = col_text(st, 4),
			.step_index = sqlite3_column_int64(st, 5),
			.step_count = sqlite3_column_int64(st, 6),
			.complete = sqlite3_column_int(st, 7) != 0,
			.correct = sqlite3_column_int(st, 8) != 0,
			.hint = sqlite3_column_int(st, 9) != 0,
			.reset_id = sqlite3_column_int64(st, 11),
		};

		last = e.id;
		if (isotime_parse_stored(col_text(st, 10), &t->day, &e.at_ms) < 0) {
			broken = true;  /* the reports refuse this database: so does the screen */
			continue;
		}
		if (!broken && (rc = apply(t, &e)) != SQLITE_OK)
			break;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return rc;
	if (last == covered && broken == was_broken)
		return SQLITE_OK;
	st = t->st[SS_SET_STATE];
	sqlite3_bind_int64(st, 1, last);
	sqlite3_bind_int(st, 2, broken);
	return done(st);
}

int store_stats_reset(struct store_stats *t, int64_t reset_id, int64_t learner,
                      const char *lesson)
{
	sqlite3_stmt *st = t->st[SS_RESET];

	sqlite3_bind_int64(st, 1, reset_id);
	sqlite3_bind_int64(st, 2, learner);
	if (lesson)
		text(st, 3, lesson);
	else
		sqlite3_bind_null(st, 3);
	return done(st);
}

/* ---- reading ---- */

#define CURRENT_SQL \
	"SELECT covered = (SELECT coalesce(max(id), 0) FROM events) AND broken = 0" \
	" FROM stat_state WHERE id = 1"

static const char *const read_sql[] = {
	CURRENT_SQL,
	"SELECT lang, lesson_id, count(*), sum(completed), sum(attempts), max(step_count)"
	" FROM stat_sets GROUP BY lang, lesson_id",
	"SELECT lang, lesson_id, furthest, count(*) FROM stat_sets WHERE completed = 0"
	" GROUP BY lang, lesson_id, furthest",
	"SELECT lang, lesson_id, step_id, attempts, visits, first_ok, hinted, seen_index"
	" FROM stat_steps",
	"SELECT lang, lesson_id, ms FROM stat_completions",
};

static void hand_over(const struct store_stats_reader *rd, int which, sqlite3_stmt *st)
{
#define I(k) sqlite3_column_int64(st, k)
	switch (which) {
	case 1:
		rd->lesson(rd->ctx, col_text(st, 0), col_text(st, 1), I(2), I(3), I(4), I(5));
		break;
	case 2:
		rd->stop(rd->ctx, col_text(st, 0), col_text(st, 1), I(2), I(3));
		break;
	case 3:
		rd->step(rd->ctx, col_text(st, 0), col_text(st, 1), col_text(st, 2), I(3), I(4),
		         I(5), I(6), I(7));
		break;
	default:
		rd->completion(rd->ctx, col_text(st, 0), col_text(st, 1), I(2));
		break;
	}
#undef I
}

int store_stats_read(sqlite3 *db, const struct store_stats_reader *rd, bool *current)
{
	int rc = SQLITE_OK;

	*current = false;
	for (int q = 0; rc == SQLITE_OK && q < (int)(sizeof read_sql / sizeof *read_sql); q++) {
		sqlite3_stmt *st;

		rc = sqlite3_prepare_v2(db, read_sql[q], -1, &st, NULL);
		if (rc != SQLITE_OK)
			break;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (q == 0)
				*current = sqlite3_column_int(st, 0) != 0;
			else
				hand_over(rd, q, st);
		}
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		if (q == 0 && !*current)
			break;
	}
	return rc;
}

int store_stats_current(sqlite3 *db, bool *current)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, CURRENT_SQL, -1, &st, NULL);

	*current = false;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*current = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}
