/* store_read: kiosk databases as reports read them, one row at a time.  Owns opening a
 * database read-only (so an export can never change a kiosk's data), telling a kiosk
 * database from any other file, the read transaction that makes every report a consistent
 * snapshot while the kiosk keeps writing, and the queries reports run.  Nothing is copied
 * into memory: events are handed to a callback in the order asked for, so a report's memory
 * does not grow with the history.
 *
 * Call order: store_read_open (or store_read_borrow on the kiosk's own connection), then
 * any number of store_read_begin ... store_read_end snapshots, each with any of the reads
 * below, then store_read_close. */
#ifndef KIOSK_STORE_READ_H
#define KIOSK_STORE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "util.h"

#define STORE_KIOSK_ID_LEN 32

struct store_read;

/* Opens path read-only and checks that it is a complete kiosk database with a kiosk id.
 * Fails with a clear message for a missing file, a folder, a file that is not a kiosk
 * database, a damaged kiosk id.  Returns 0 and *out, or -1 and err. */
int store_read_open(const char *path, struct store_read **out, struct kerr *err);
/* The same over the kiosk's own open connection (the trainer's screens); s must outlive
 * *out. */
int store_read_borrow(struct store *s, const char *path, struct store_read **out,
                      struct kerr *err);
void store_read_close(struct store_read *r);

const char *store_read_path(const struct store_read *r);
const char *store_read_kiosk_id(const struct store_read *r);
/* The kiosk's name (kiosk set-name) as it was when the file was opened, or NULL. */
const char *store_read_kiosk_name(const struct store_read *r);

/* One read transaction: everything read until store_read_end is one state of the file. */
int store_read_begin(struct store_read *r, struct kerr *err);
void store_read_end(struct store_read *r);

/* One answer event.  Strings are valid only during the callback; answer may be NULL. */
struct store_read_event {
	int64_t id, session, learner;
	int64_t reset_id;            /* 0: current; else the reset this answer came before */
	int64_t step_index, step_count, at_ms;
	const char *lang, *lesson, *step, *kind, *answer;
	bool correct, hint, show_me;
};

enum store_read_order {
	STORE_READ_BY_ID,             /* as recorded */
	STORE_READ_BY_LEARNER_LESSON, /* learner id, lesson id, then id (an index) */
	STORE_READ_FOR_LEARNERS,      /* the same order with only session, learner, lang, lesson,
	                               * kind and time (the rest 0, "" or NULL) */
};

/* Calls fn for every event in order; stops at the first fn that returns -1 (and returns
 * -1).  An event with a damaged time fails with a message naming the database.  Returns 0,
 * or -1 and err. */
int store_read_events(struct store_read *r, enum store_read_order order,
                      int (*fn)(void *ctx, const struct store_read_event *e, struct kerr *err),
                      void *ctx, struct kerr *err);

/* The learner row id: *found, whether it was removed, and (when name is not NULL and the
 * learner is not removed) a copy of the name for the caller to free. */
int store_read_learner(struct store_read *r, int64_t id, bool *found, bool *removed,
                       char **name, struct kerr *err);

/* Ids of removed learners, ascending (caller frees *ids). */
int store_read_removed(struct store_read *r, int64_t **ids, size_t *n, struct kerr *err);

/* Fails, naming the database, when any session has a damaged start time: a report is not
 * made from a database with such damage, whichever figures it would touch. */
int store_read_check_sessions(struct store_read *r, struct kerr *err);

/* Start of session id; *found is false when there is no such session. */
int store_read_session_start(struct store_read *r, int64_t id, bool *found, int64_t *ms,
                             struct kerr *err);

/* The events of every learner in every lesson where they have an event at or after since_ms,
 * by learner, lesson and id, as STORE_READ_BY_LEARNER_LESSON gives them: for a report from
 * a date on, whose figures only such learners and lessons touch.  Only on the kiosk's own
 * connection with current totals (store_stats.h): then *done; else *done false and nothing
 * is read (read every event instead).  Returns 0, or -1 and err (as store_read_events). */
int store_read_events_since(struct store_read *r, int64_t since_ms, bool *done,
                            int (*fn)(void *ctx, const struct store_read_event *e,
                                      struct kerr *err),
                            void *ctx, struct kerr *err);

/* The running totals of the lessons and steps reports (store_stats.h), handed to rd, when
 * they are current: *current.  When they lag behind the events (or an event is damaged),
 * *current is false and nothing is handed over: compute from the events instead. */
struct store_stats_reader;
int store_read_totals(struct store_read *r, const struct store_stats_reader *rd,
                      bool *current, struct kerr *err);

#endif
