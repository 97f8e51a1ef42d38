/* report: the statistics coordinators export (kiosk export) and the trainer menu shows.  Owns
 * what every figure means and computing it from the answer events of one or more kiosk
 * databases (read through store_read.h, one consistent snapshot per database and report),
 * as rows of typed cells handed to a sink as they are ready: the events report streams, the
 * others keep one small record per lesson, step or learner.  It neither formats files
 * (export.c) nor draws (the UI); report_table.c collects rows into a table for screens.
 *
 * Call order: report_load() (or report_load_store()) once for a list of databases, then
 * report_write() or report_build() as often as needed (each call is independent),
 * report_free() for each table, report_data_free() at the end.
 *
 * What every figure means is defined once, in report.c above the code that computes it, and
 * in the README ("For coordinators").  In short:
 *   - Every event counts, including answers given before a reset (reset_id set) and answers of
 *     removed learners: a reset or a removal does not undo that someone learned.  A reset only
 *     ends a learner's run through a lesson.
 *   - A learner is a (kiosk, learner row) pair: the same id on two kiosks is two people.
 *   - --since/--until select events by their time; figures count selected events only.
 *     The one exception: a run's start (for minutes to complete) is looked up in the whole
 *     history, so a lesson finished inside the range but begun before it is timed fully.
 *   - All times are UTC. */
#ifndef KIOSK_REPORT_H
#define KIOSK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "store.h"
#include "util.h"

enum report_kind {
	REPORT_LESSONS,   /* one row per lesson and lesson set */
	REPORT_LEARNERS,  /* one row per learner */
	REPORT_STEPS,     /* one row per step of a lesson in a lesson set */
	REPORT_EVENTS,    /* one row per recorded answer */
};

enum cell_type {
	CELL_NULL,  /* undefined (a rate of nothing) or withheld: CSV "", JSON null */
	CELL_INT,
	CELL_REAL,  /* finite; never NaN or infinite */
	CELL_TEXT,  /* UTF-8 */
	CELL_BOOL,
};

struct cell {
	enum cell_type type;
	union {
		int64_t i;
		double r;
		char *s;   /* owned by the report */
		bool b;
	};
};

/* A table: nrows rows of ncols cells, row after row. */
struct report {
	enum report_kind kind;
	const char **columns;  /* fixed English identifiers (not translated); the array is owned
	                        * by the report, the names are static */
	size_t ncols;
	struct cell *cells;    /* cells[row * ncols + col] */
	size_t nrows;
};

/* Which events a report counts and what it may show. */
struct report_filter {
	bool has_since, has_until;
	int64_t since_ms, until_ms;  /* inclusive bounds, milliseconds since 1970 UTC */
	const char *lang;            /* lesson set name ("bg"), or NULL for all */
	bool with_names;             /* personal data: learner names (learners report) and typed
	                              * answers (events report); never for removed learners */
};

struct report_data;

/* Opens each database read-only and checks it (nothing is read into memory yet: each report
 * reads inside one read transaction per database, so each is a consistent snapshot even while
 * its kiosk is writing; a kiosk writing in WAL mode is never blocked).  Fails with a clear message
 * for a missing file, a file that is not a kiosk database, a database given twice (the same
 * file, or two files with the same kiosk id: a copy).  Returns 0 and *out (free with
 * report_data_free), or -1 and err. */
int report_load(const char *const *paths, size_t count, struct report_data **out,
                struct kerr *err);
void report_data_free(struct report_data *d);

/* The same for the kiosk's own database over its open connection s (the trainer's screen);
 * path is for messages.  s must outlive *out. */
int report_load_store(struct store *s, const char *path, struct report_data **out,
                      struct kerr *err);

/* Number of databases loaded, and the kiosk id (32 hex digits) of database i. */
size_t report_data_kiosks(const struct report_data *d);
const char *report_data_kiosk_id(const struct report_data *d, size_t i);

/* Computes one report.  c gives lesson titles, step lists and lessons nobody started yet; it
 * may be NULL (titles are then empty and only lessons and steps with events are listed).
 * Returns 0 and *out (free with report_free), or -1 and err. */
int report_build(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, struct report **out, struct kerr *err);
void report_free(struct report *r);

/* Where the rows of a report go, in order, as they are computed.  begin is called once with
 * the column names (static strings), then row for each row (cells valid during the call
 * only).  Each returns 0, or -1 to stop (a failed write: errno says why). */
struct report_sink {
	int (*begin)(void *ctx, enum report_kind kind, const char *const *columns, size_t ncols);
	int (*row)(void *ctx, const struct cell *cells, size_t ncols);
	void *ctx;
};

/* Computes one report into sink.  c as for report_build.  Returns 0, or -1 and err (err's
 * message is empty when the sink stopped it). */
int report_write(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, const struct report_sink *sink,
                 struct kerr *err);

/* The cell at row, col (no bounds check beyond an assert). */
const struct cell *report_cell(const struct report *r, size_t row, size_t col);

/* Text of a cell as files and screens show it: "" for null, integers in decimal, reals with
 * at most 4 decimals and a '.' whatever the locale ("0.75", "12.5", "1"), booleans as "true"
 * or "false".  Returns c->s itself for text, else buf (at least 32 bytes). */
const char *report_cell_text(const struct cell *c, char *buf, size_t size);

/* "lessons", "learners", "steps", "events" <-> the enum.  Parse returns 0, or -1 when name is
 * none of them. */
int report_kind_parse(const char *name, enum report_kind *out);
const char *report_kind_name(enum report_kind k);

#endif
