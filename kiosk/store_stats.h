/* store_stats: running totals of the lessons and steps reports (report.h) over the whole
 * history, kept in the database beside the events, so that the trainer's statistics screen
 * reads a few thousand rows instead of every answer ever given.
 *
 * Owns the stat_* tables (created by schema migration 6 in store.c) and keeping them equal to
 * what the reports compute from the events: every event is applied once, in id order, inside
 * the write transaction that saved it (store_record), so a saved answer and its totals commit
 * together or not at all (kill -9 leaves both or neither).  stat_state.covered is the last
 * event applied: events written by any other program (a generator, an older copy) are applied
 * when the kiosk next opens the database, and the screen never uses totals that lag behind
 * the events (it computes from the events instead).
 *
 * What is kept, per the definitions in report.c (runs as run.h cuts them):
 *   stat_groups       per learner and lesson: the last event's run state (complete? reset?),
 *                     the current run's first event id and start time, and the latest time
 *                     of its events (max_ms: a report from a date on reads only the learners
 *                     and lessons with an event since, store_read_events_since)
 *   stat_sets         per lesson set, lesson and learner: completed?, furthest step, largest
 *                     step count seen, answer events
 *   stat_steps        per lesson set, lesson and step: answer events, visits, visits right at
 *                     the first try, visits with a hint, and the step index of its latest event
 *   stat_completions  per complete event: milliseconds from its run's first event
 * A reset changes none of the figures (answers before a reset still count); it only ends the
 * run (store_stats_reset).  Removing a learner changes none either.
 *
 * Call order: store_stats_prepare (after the tables exist), store_stats_catch_up and
 * store_stats_reset inside the caller's write transaction, store_stats_free.  The read
 * functions need only a connection and a read transaction. */
#ifndef KIOSK_STORE_STATS_H
#define KIOSK_STORE_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct sqlite3;
struct store_stats;

/* The tables and their starting state: the SQL of the migration that adds them. */
extern const char store_stats_schema[];

/* Prepares the statements on db.  Returns a SQLite code (SQLITE_OK and *out). */
int store_stats_prepare(struct sqlite3 *db, struct store_stats **out);
void store_stats_free(struct store_stats *t);

/* Applies every event after the last one applied, in id order.  An event whose time cannot
 * be read marks the totals broken (the screen then computes from the events, and says what is
 * damaged).  The caller holds a write transaction.  Returns a SQLite code. */
int store_stats_catch_up(struct store_stats *t);

/* A reset (resets row reset_id) of learner's lesson (NULL: every lesson) was just marked on
 * the events: the runs it ended are over.  The caller holds the write transaction.  Returns a
 * SQLite code. */
int store_stats_reset(struct store_stats *t, int64_t reset_id, int64_t learner,
                      const char *lesson);

/* ---- reading (any connection, inside the caller's read transaction) ---- */

/* What the totals hold, handed over row by row; strings valid during the call only. */
struct store_stats_reader {
	/* per lesson set and lesson: learners with an event, of them those with a complete
	 * event, answer events, the largest step count recorded */
	void (*lesson)(void *ctx, const char *lang, const char *lesson, int64_t learners,
	               int64_t completed, int64_t attempts, int64_t step_count);
	/* learners who did not complete it, count of them per furthest step (-1: none) */
	void (*stop)(void *ctx, const char *lang, const char *lesson, int64_t furthest,
	             int64_t count);
	void (*step)(void *ctx, const char *lang, const char *lesson, const char *step,
	             int64_t attempts, int64_t visits, int64_t first_ok, int64_t hinted,
	             int64_t index);
	/* one per complete event: milliseconds from its run's start (negative when the clock
	 * was set back) */
	void (*completion)(void *ctx, const char *lang, const char *lesson, int64_t ms);
	void *ctx;
};

/* *current: every event is applied and none was damaged.  Returns a SQLite code. */
int store_stats_current(struct sqlite3 *db, bool *current);

/* Hands every total to rd when they are current (every event applied, none damaged):
 * *current true.  Else *current false and nothing is handed over.  Returns a SQLite code. */
int store_stats_read(struct sqlite3 *db, const struct store_stats_reader *rd, bool *current);

#endif
