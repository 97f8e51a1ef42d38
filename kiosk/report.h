/* report: the statistics coordinators export (kiosk export) and the trainer menu shows.  Owns
 * what every figure means and computing it from the answer events of one or more kiosk
 * databases (read through store_read.h, one consistent snapshot per database and report),
 * as rows of typed cells handed to a sink as they are ready: the events report streams, the
 * others keep one small record per lesson, step or learner.  It neither formats files
 * (export.c, export_xlsx.c) nor draws (the UI); report_table.c collects rows into a table for screens.
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
 *   - All times are UTC (time cells carry the moment; a writer may show it in local time). */
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
	CELL_TIME,  /* a moment: i is milliseconds since 1970 UTC; files write it as ISO 8601 UTC
	             * text, a spreadsheet (xlsx) as a date cell in local time */
};

struct cell {
	enum cell_type type;
	union {
		int64_t i;  /* CELL_INT, CELL_TIME */
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

/* Number of databases loaded, the kiosk id (32 hex digits) of database i, and its name as
 * set with kiosk set-name (NULL when it has none). */
size_t report_data_kiosks(const struct report_data *d);
const char *report_data_kiosk_id(const struct report_data *d, size_t i);
const char *report_data_kiosk_name(const struct report_data *d, size_t i);

/* Computes one report.  c gives lesson titles, step lists and lessons nobody started yet; it
 * may be NULL (titles are then empty and only lessons and steps with events are listed).
 * Returns 0 and *out (free with report_free), or -1 and err. */
int report_build(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, struct report **out, struct kerr *err);
void report_free(struct report *r);

/* Where the rows of a report go, in order, as they are computed.  begin is called once with
 * the column names (static strings), then row for each row (cells valid during the call
 * only).  Each returns 0, or -1 to stop (a failed write: errno says why).  end, when not
 * NULL, is called after the last row of a report computed in full, with the number of
 * events it counted (selected by the filter): 0 means the period held no data, even when
 * the lessons report still lists every lesson with zeros. */
struct report_sink {
	int (*begin)(void *ctx, enum report_kind kind, const char *const *columns, size_t ncols);
	int (*row)(void *ctx, const struct cell *cells, size_t ncols);
	void *ctx;
	void (*end)(void *ctx, int64_t events);
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
 * or "false", times as "2026-11-02T09:01:00.000Z" (UTC).  Returns c->s itself for text, else
 * buf (at least 32 bytes). */
const char *report_cell_text(const struct cell *c, char *buf, size_t size);

/* "lessons", "learners", "steps", "events" <-> the enum.  Parse returns 0, or -1 when name is
 * none of them. */
int report_kind_parse(const char *name, enum report_kind *out);
const char *report_kind_name(enum report_kind k);

/* ---- the overview: every figure of the html page in one pass (export_html.h) ----
 *
 * Headline figures, counted over selected events like the reports:
 *   learners      learners with at least one selected event (the learners report's rows)
 *   sessions      distinct sessions with a selected event (a session is one learner's sitting
 *                 at one kiosk; removed learners' sessions count too)
 *   completions   lessons completed: the sum of the lessons report's learners_completed
 *                 (a learner who completed one lesson in both sets counts twice)
 *   median minutes to complete a lesson: the median over every selected completion, of the
 *                 minutes the lessons report's median_minutes_to_complete takes per lesson
 * Periods (weeks from Monday, or calendar months, in UTC): learners with a selected event in
 * the period, and completions in it (the figures of the learners and lessons reports run with
 * --since/--until set to that period).  Weeks when the selected events span at most
 * REPORT_MAX_WEEKS weeks, months otherwise; every period from the first to the last is listed,
 * with zeros where nobody came. */
#define REPORT_MAX_WEEKS 26

enum report_period_kind { REPORT_WEEKS, REPORT_MONTHS };

struct report_period {
	int64_t start_ms;          /* the period's first moment (UTC) */
	int64_t learners, completions;
};

struct report_kiosk_figures {
	int64_t learners, sessions, completions;
};

struct report_overview {
	int64_t events;            /* selected events: 0 is a period without data */
	int64_t learners, sessions, completions;
	bool has_median;
	double median_minutes;
	int64_t first_ms, last_ms; /* the first and last selected event (when events > 0) */
	enum report_period_kind period_kind;
	struct report_period *periods;
	size_t nperiods;
	struct report_kiosk_figures *kiosks;  /* one per database, in the order loaded */
	size_t nkiosks;
};

/* Computes the lessons report into lessons and the steps report into steps (the very rows,
 * by the very code, that report_write gives them) and fills *ov, reading each database once.
 * Never personal: f's with_names is ignored.  Returns 0 (free *ov with report_overview_free),
 * or -1 and err (empty when a sink stopped it). */
int report_write_overview(const struct report_data *d, const struct catalog *c,
                          const struct report_filter *f, const struct report_sink *lessons,
                          const struct report_sink *steps, struct report_overview *ov,
                          struct kerr *err);
void report_overview_free(struct report_overview *ov);

/* The lessons and the steps report as tables, from one pass over the databases (the trainer's
 * statistics screen).  Returns 0 and both (free each with report_free), or -1 and err. */
int report_build_lessons_steps(const struct report_data *d, const struct catalog *c,
                               const struct report_filter *f, struct report **lessons,
                               struct report **steps, struct kerr *err);

/* The same two reports, the same rows, from the running totals the kiosk keeps (store_stats.h)
 * over its open connection s (path for messages): the trainer's screen over the whole
 * history, without reading every event.  When the totals lag behind the events, *current is
 * false and nothing is written: use report_build_lessons_steps.  Returns 0, or -1 and err. */
int report_write_totals(struct store *s, const char *path, const struct catalog *c,
                        const struct report_sink *lessons, const struct report_sink *steps,
                        bool *current, struct kerr *err);
int report_build_totals(struct store *s, const char *path, const struct catalog *c,
                        struct report **lessons, struct report **steps, bool *current,
                        struct kerr *err);

/* The hard steps of one lesson, one rule for the trainer's screen and the html page: among
 * its steps with visits (a null rate is no evidence either way), the lowest first-try success
 * below 100% and the highest hint rate above 0, the first of equals.  Start with
 * report_hard_init, give every step in order to report_hard_add; SIZE_MAX when none. */
struct report_hard {
	size_t low_ok, high_hint;  /* the steps' numbers as given to report_hard_add */
	double low, high;
};
void report_hard_init(struct report_hard *h);
void report_hard_add(struct report_hard *h, size_t i, bool ok_null, double ok, bool hint_null,
                     double hint);

#endif
