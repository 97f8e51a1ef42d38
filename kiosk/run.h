/* run: the one definition of a learner's "run" through a lesson (an attempt at it), shared
 * by everything that needs it: the kiosk's progress (store.c: where a learner resumes, which
 * steps are done), the running totals of the trainer's statistics (store_stats.c) and the
 * reports (report.c: visits, minutes to complete).
 *
 * A learner's events in one lesson (every lesson set, the whole history, ordered by event
 * id, since the clock may be set back) are cut into runs: a run begins at the first event,
 * at the event after a complete event (the lesson was finished), and at an event whose
 * reset_id differs from the one before it (a reset ended the run before it: a reset marks
 * every current event of the learner in the lesson with its id, and later events have none).
 * A run whose last event is a complete event is over: the next run has no events yet. */
#ifndef KIOSK_RUN_H
#define KIOSK_RUN_H

#include <stdbool.h>
#include <stdint.h>

/* The event before, as far as runs are concerned.  Zero it before the first event. */
struct run_mark {
	bool any;          /* there was an event before */
	bool complete;     /* it was a complete event */
	int64_t reset_id;  /* its reset_id; 0 for none (a current event) */
};

/* True when an event with reset_id (0 for none) after m begins a new run. */
bool run_begins(const struct run_mark *m, int64_t reset_id);

/* Moves m past an event. */
void run_note(struct run_mark *m, bool complete, int64_t reset_id);

/* True when the run of the last event noted is over (it was a complete event): the current
 * run then has no events. */
bool run_over(const struct run_mark *m);

#endif
