/* report: see report.h.
 *
 * Each database is read in one pass inside one read transaction (store_read.h).  The events
 * report takes the events as recorded (by id) and hands each selected one to the sink at once.
 * The other reports read the events by learner, lesson and id (the index
 * events_learner_lesson), so all events of one learner in one lesson (a "group": every lesson
 * set, the whole history) arrive together, and a group is all that a run, a visit or a
 * learner's furthest step needs.  Each group is reduced into small records (one per lesson,
 * step, or the learner being read) keyed by interned strings, and dropped: memory holds one
 * group and the records, not the history.  Every figure of those records adds up over
 * learners, and a learner is a (database, learner id) pair, so merging databases is adding;
 * only the medians keep their values (one per selected completion).
 *
 * Definitions used below (the README's "For coordinators" says the same for trainers):
 *
 * Selected event: its time is within --since/--until (both inclusive) and its lesson set is
 *   --lang (when given).  Every figure counts selected events only.  Events given before a
 *   reset (reset_id set) and events of removed learners are selected like any other.
 * Answer event: any kind but complete (read, choose, type, practice).  Each Enter on a read
 *   step, each option picked, each typed answer and each button pressed on a practice
 *   screen is one answer event, also called an attempt.
 * Run: a learner's pass through a lesson, as the kiosk's progress sees it: defined once, in
 *   run.h (the learner's events in the lesson, any lesson set, whole history, ordered by event
 *   id, cut after each complete event and wherever reset_id changes between two consecutive
 *   events).
 * Visit: the selected answer events of one run at one step.  Its first try is the first of
 *   them; it "had a hint" when any of them was given with the hint on screen.
 * Furthest step of a learner in a lesson (and set): the highest position they got to, by step
 *   index (0-based, as recorded): a correct answer at index i takes them to i + 1, a wrong one
 *   leaves them at i; capped at the last step of the lesson as the learner saw it.
 *
 * lessons report, per lesson and lesson set:
 *   learners_started    learners with at least one selected event in the lesson
 *   learners_completed  learners with at least one selected complete event in the lesson
 *   completion_rate     learners_completed / learners_started (null when none started)
 *   median_minutes_to_complete  median over selected complete events of the minutes from the
 *                       first event of that complete event's run (looked up in the whole
 *                       history) to the complete event; each completion counts once, so a
 *                       learner who finished twice gives two values (null when none)
 *   steps               steps of the lesson in the lessons folder; when the lesson is no longer
 *                       there, the largest step count recorded with its events
 *   avg_attempts_per_step  answer events / visits (null when no visits)
 * steps report, per step of a lesson in a lesson set:
 *   step_text           the first words of the step's text in the lessons folder (null for a
 *                       step only events know)
 *   attempts            selected answer events at the step
 *   first_try_success_rate  visits whose first try was correct / visits (null when none)
 *   hint_rate           visits that had a hint / visits (null when none)
 *   learners_reached    learners who completed the lesson or whose furthest step is this one
 *                       or later
 *   learners_stopped_here  learners who did not complete the lesson and whose furthest step is
 *                       this one (the drop-off: where they left, or are still working)
 * learners report, per learner with at least one selected event:
 *   first_seen, last_seen  times of the first and last selected event
 *   lessons_started     distinct lessons with a selected event (any lesson set)
 *   lessons_completed   distinct lessons with a selected complete event
 *   minutes_spent       sum over the learner's sessions with selected events of the minutes
 *                       from the session's start (or --since, when later) to its last selected
 *                       event
 * events report: one row per selected event.  Personal columns (name, answer) exist only with
 *   with_names; a removed learner's rows never carry a name, answer, pseudonym or session,
 *   since those would link them together again.
 */
#include "report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "isotime.h"
#include "run.h"
#include "store_read.h"
#include "store_stats.h"
#include "text.h"

#define PSEUDONYM_HEX 8      /* kiosk id digits in a learner's pseudonym */
#define MS_PER_MINUTE 60000.0
#define NO_POS SIZE_MAX      /* sorts lessons that are not in the lessons folder last */
#define NO_ID UINT32_MAX
#define MAX_COLUMNS 16
#define STEP_TEXT_COLUMNS 40 /* the beginning of a step's text in the steps report */

struct report_data {
	struct store_read **src;
	char **real;                  /* realpath of each file, to find one given twice */
	size_t n;
};

/* ---- loading ---- */

/* The same file twice, or a copy of a kiosk's file next to the original, would count every
 * learner twice. */
static int check_twice(const struct report_data *d, size_t db, struct kerr *err)
{
	const char *path = store_read_path(d->src[db]), *id = store_read_kiosk_id(d->src[db]);

	for (size_t i = 0; i < db; i++) {
		if (strcmp(d->real[i], d->real[db]) == 0) {
			kerr_set(err, _("the database %s is given twice (also as %s): give each "
			                "database once"), path, store_read_path(d->src[i]));
			return -1;
		}
		if (strcmp(store_read_kiosk_id(d->src[i]), id) == 0) {
			kerr_set(err, _("%s and %s are the same kiosk (kiosk id %s): one is a "
			                "copy of the other; give each kiosk's database once"),
			         store_read_path(d->src[i]), path, id);
			return -1;
		}
	}
	return 0;
}

int report_load(const char *const *paths, size_t count, struct report_data **out,
                struct kerr *err)
{
	struct report_data *d = xcalloc(1, sizeof *d);

	*out = NULL;
	d->src = xcalloc(count ? count : 1, sizeof *d->src);
	d->real = xcalloc(count ? count : 1, sizeof *d->real);
	for (size_t i = 0; i < count; i++) {
		if (store_read_open(paths[i], &d->src[i], err) < 0) {
			report_data_free(d);
			return -1;
		}
		d->n = i + 1;
		d->real[i] = realpath(paths[i], NULL);
		if (!d->real[i])
			d->real[i] = xstrdup(paths[i]);
		if (check_twice(d, i, err) < 0) {
			report_data_free(d);
			return -1;
		}
	}
	*out = d;
	return 0;
}

int report_load_store(struct store *s, const char *path, struct report_data **out,
                      struct kerr *err)
{
	struct report_data *d = xcalloc(1, sizeof *d);

	*out = NULL;
	d->src = xcalloc(1, sizeof *d->src);
	d->real = xcalloc(1, sizeof *d->real);
	if (store_read_borrow(s, path, &d->src[0], err) < 0) {
		report_data_free(d);
		return -1;
	}
	d->real[0] = xstrdup(path);
	d->n = 1;
	*out = d;
	return 0;
}

void report_data_free(struct report_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		store_read_close(d->src[i]);
		free(d->real[i]);
	}
	free(d->src);
	free(d->real);
	free(d);
}

size_t report_data_kiosks(const struct report_data *d)
{
	return d->n;
}

const char *report_data_kiosk_id(const struct report_data *d, size_t i)
{
	return i < d->n ? store_read_kiosk_id(d->src[i]) : NULL;
}

const char *report_data_kiosk_name(const struct report_data *d, size_t i)
{
	return i < d->n ? store_read_kiosk_name(d->src[i]) : NULL;
}

/* ---- interned strings and small maps ---- */

/* Each distinct lesson set, lesson and step id gets a small number, so that the records and
 * the sorting of a group compare integers, not strings. */
struct intern {
	char **str;
	size_t n, cap;
	uint32_t *slot;   /* open addressing: string number + 1, or 0 for empty */
	size_t nslot;     /* a power of two, at least twice n */
	uint32_t last;    /* the string asked for last: consecutive rows repeat themselves */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;  /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void intern_rehash(struct intern *t)
{
	t->nslot = t->nslot ? t->nslot * 2 : 64;
	free(t->slot);
	t->slot = xcalloc(t->nslot, sizeof *t->slot);
	for (size_t k = 0; k < t->n; k++) {
		size_t i = hash_str(t->str[k]) & (t->nslot - 1);

		while (t->slot[i])
			i = (i + 1) & (t->nslot - 1);
		t->slot[i] = (uint32_t)k + 1;
	}
}

static uint32_t intern(struct intern *t, const char *s)
{
	size_t i;

	if (t->n && strcmp(t->str[t->last], s) == 0)
		return t->last;
	if (2 * (t->n + 1) > t->nslot)
		intern_rehash(t);
	for (i = hash_str(s) & (t->nslot - 1); t->slot[i]; i = (i + 1) & (t->nslot - 1))
		if (strcmp(t->str[t->slot[i] - 1], s) == 0)
			return t->last = t->slot[i] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->str = xrealloc(t->str, t->cap * sizeof *t->str);
	}
	t->str[t->n] = xstrdup(s);
	t->slot[i] = (uint32_t)t->n + 1;
	return t->last = (uint32_t)t->n++;
}

static void intern_free(struct intern *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->slot);
}

/* 64-bit keys to record numbers. */
struct map {
	uint64_t *key;
	size_t *val;      /* SIZE_MAX: empty */
	size_t n, nslot;
};

static size_t map_slot(const struct map *m, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (m->nslot - 1);

	while (m->val[i] != SIZE_MAX && m->key[i] != key)
		i = (i + 1) & (m->nslot - 1);
	return i;
}

static size_t map_get(const struct map *m, uint64_t key)
{
	return m->nslot ? m->val[map_slot(m, key)] : SIZE_MAX;
}

static void map_put(struct map *m, uint64_t key, size_t val)
{
	if (2 * (m->n + 1) > m->nslot) {
		struct map old = *m;

		m->nslot = m->nslot ? 2 * m->nslot : 64;
		m->key = xmalloc(m->nslot * sizeof *m->key);
		m->val = xmalloc(m->nslot * sizeof *m->val);
		memset(m->val, 0xff, m->nslot * sizeof *m->val);
		m->n = 0;
		for (size_t i = 0; i < old.nslot; i++)
			if (old.val[i] != SIZE_MAX)
				map_put(m, old.key[i], old.val[i]);
		free(old.key);
		free(old.val);
	}
	size_t i = map_slot(m, key);

	if (m->val[i] == SIZE_MAX)
		m->n++;
	m->key[i] = key;
	m->val[i] = val;
}

static void map_free(struct map *m)
{
	free(m->key);
	free(m->val);
}

static void sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

/* ---- records ---- */

/* Learners of one lesson (and set) who did not complete it, by their furthest step. */
struct stop {
	int64_t furthest;
	int64_t count;
};

struct lesson_row {
	uint32_t lang, lesson;         /* interned */
	const struct lesson *def;      /* NULL when the lesson is not in the lessons folder */
	size_t pos;                    /* order in its set; NO_POS when not in the folder */
	int64_t step_count;            /* largest recorded, used when def is NULL */
	int64_t started, completed, attempts, visits;
	double *minutes;               /* one per selected completion */
	size_t nminutes, cap_minutes;
	int64_t reach_done;            /* learners who completed it (steps report) */
	struct stop *stops;            /* the others, by furthest step (steps report) */
	size_t nstops, cap_stops;
};

struct step_row {
	size_t lesson;                 /* its lesson_row */
	uint32_t step;                 /* interned */
	int64_t index;                 /* 0-based position in the lesson */
	bool in_catalog;
	const struct step *def;        /* in the lessons folder, or NULL */
	int64_t at_ms, id;             /* for a step only events know: the event that gave index */
	size_t db;
	int64_t attempts, visits, first_ok, hinted;
};

/* One event of the group being read. */
struct gev {
	int64_t id, session, at_ms, step_index, step_count, reset_id, run, run_start_ms;
	uint32_t lang, step;
	bool complete, correct, hint, sel;
};

/* What one learner did in one lesson set of the group's lesson. */
struct in_set {
	uint32_t lang;
	bool completed;
	int64_t furthest;              /* -1 when only a complete event was selected */
	int64_t step_count, attempts;
};

struct session_span {
	int64_t id, first_ms, last_ms;
};

/* The learner being read (learners report). */
struct learner_acc {
	bool any;                      /* has a selected event */
	int64_t id, first_ms, last_ms, started, completed;
	struct session_span *s;
	size_t ns, cap;
};

/* The lesson of the learner being read, as the learners report reads it. */
struct learner_lesson {
	char *id;                      /* its lesson id, or NULL before the first event */
	size_t cap;
	bool any, done;                /* a selected event; a selected completion */
};

/* Learners and completions per week and per month (the overview chooses one at the end). */
struct bucket {
	int64_t key, learners, completions;
};

struct buckets {
	struct bucket *b;
	size_t n, cap;
	struct map map;                /* key -> b[] */
};

/* A period key seen by the learner or the group being read, once each. */
struct seen {
	int64_t *key;
	size_t n, cap;
};

struct overview_acc {
	int64_t learners, sessions, completions;
	int64_t first_ms, last_ms;
	struct buckets weeks, months;
	struct seen lw, lm;            /* the learner's weeks and months */
	struct seen cw, cm;            /* the group's completions: lang << 32 ^ period */
	int64_t day, week, month;      /* the last event's day and its periods (a cache) */
	struct report_kiosk_figures *kiosks;
};

struct engine {
	const struct report_data *d;
	const struct catalog *c;
	const struct report_filter *f;
	enum report_kind kind;
	const struct report_sink *sink;
	bool sink_failed;
	int64_t selected;              /* events the filter selected: 0 is a period without data */
	struct intern strs;
	uint32_t want_lang;            /* --lang interned, or NO_ID */
	struct lesson_row *lessons;
	size_t nlessons, cap_lessons;
	struct map lesson_map;         /* lang << 32 | lesson -> lessons[] */
	struct step_row *steps;
	size_t nsteps, cap_steps;
	struct map step_map;           /* lesson row << 32 | step -> steps[] */
	/* the database and group being read */
	size_t db;
	struct store_read *src;
	bool in_group;
	int64_t g_learner;
	uint32_t g_lesson;
	struct gev *ev;
	size_t nev, cap_ev;
	size_t *order;
	size_t cap_order;
	struct in_set *sets;
	size_t nsets, cap_sets;
	struct learner_acc lr;
	struct learner_lesson ll;      /* the lesson of the learner being read (learners report) */
	int64_t *removed;              /* removed learners of the database (events report) */
	size_t nremoved;
	const char *const *columns;
	size_t ncols;
	struct overview_acc *ov;       /* report_write_overview: also these figures */
};

static size_t lesson_row_of(struct engine *g, uint32_t lang, uint32_t lesson)
{
	uint64_t key = (uint64_t)lang << 32 | lesson;
	size_t i = map_get(&g->lesson_map, key);

	if (i != SIZE_MAX)
		return i;
	g->lessons = xgrow(g->lessons, &g->cap_lessons, g->nlessons, sizeof *g->lessons);
	g->lessons[g->nlessons] = (struct lesson_row){ .lang = lang, .lesson = lesson,
	                                               .pos = NO_POS };
	map_put(&g->lesson_map, key, g->nlessons);
	return g->nlessons++;
}

static struct step_row *step_row_of(struct engine *g, size_t lesson, uint32_t step,
                                    bool *added)
{
	uint64_t key = (uint64_t)lesson << 32 | step;
	size_t i = map_get(&g->step_map, key);

	*added = i == SIZE_MAX;
	if (!*added)
		return &g->steps[i];
	g->steps = xgrow(g->steps, &g->cap_steps, g->nsteps, sizeof *g->steps);
	g->steps[g->nsteps] = (struct step_row){ .lesson = lesson, .step = step };
	map_put(&g->step_map, key, g->nsteps);
	return &g->steps[g->nsteps++];
}

static bool set_wanted(const struct lesson_set *s, const struct report_filter *f)
{
	return !f->lang || strcmp(s->name, f->lang) == 0;
}

/* Every lesson (and, for the steps report, every step) of the wanted sets: a lesson nobody
 * started is a row of zeros. */
static void add_catalog(struct engine *g)
{
	for (size_t s = 0; g->c && s < g->c->count; s++) {
		const struct lesson_set *set = &g->c->sets[s];
		uint32_t lang = intern(&g->strs, set->name);

		for (size_t i = 0; set_wanted(set, g->f) && i < set->count; i++) {
			const struct lesson *l = set->lessons[i];
			size_t row = lesson_row_of(g, lang, intern(&g->strs, l->id));

			if (g->lessons[row].def)
				continue;  /* the same id twice in a set: the first one counts */
			g->lessons[row].def = l;
			g->lessons[row].pos = i;
			for (size_t k = 0; g->kind == REPORT_STEPS && k < l->step_count; k++) {
				bool added;
				struct step_row *st = step_row_of(g, row,
				                                  intern(&g->strs, l->steps[k].id),
				                                  &added);

				if (!added)
					continue;
				st->in_catalog = true;
				st->def = &l->steps[k];
				st->index = (int64_t)k;
			}
		}
	}
}

/* ---- cells ---- */

/* One row's cells, filled left to right; text points at buffers that live until the row is
 * handed to the sink. */
struct filler {
	struct cell cells[MAX_COLUMNS];
	size_t col;
	char buf[2][40];               /* pseudonyms */
	size_t nbuf;
};

static struct cell *next_cell(struct filler *f)
{
	struct cell *c = &f->cells[f->col++];

	c->type = CELL_NULL;
	return c;
}

static void put_text(struct filler *f, const char *s)
{
	struct cell *c = next_cell(f);

	if (s) {
		c->type = CELL_TEXT;
		c->s = (char *)s;
	}
}

static void put_int(struct filler *f, int64_t v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_INT;
	c->i = v;
}

static void put_real(struct filler *f, double v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_REAL;
	c->r = v;
}

static void put_bool(struct filler *f, bool v)
{
	struct cell *c = next_cell(f);

	c->type = CELL_BOOL;
	c->b = v;
}

static void put_null(struct filler *f)
{
	next_cell(f);
}

/* num / den, or null when den is 0: a rate of nothing is undefined, not 0. */
static void put_ratio(struct filler *f, int64_t num, int64_t den)
{
	if (den == 0)
		put_null(f);
	else
		put_real(f, (double)num / (double)den);
}

static void put_time(struct filler *f, int64_t ms)
{
	struct cell *c = next_cell(f);

	c->type = CELL_TIME;
	c->i = ms;
}

/* "1a2b3c4d-17": the same learner gets the same id in every export, and nothing in it names
 * the person.  A removed learner gets none (null): their rows can no longer be linked. */
static void put_pseudonym(struct filler *f, const char *kiosk_id, int64_t learner,
                          bool removed)
{
	char *b = f->buf[f->nbuf++];

	if (removed) {
		put_null(f);
		return;
	}
	snprintf(b, sizeof f->buf[0], "%.*s-%lld", PSEUDONYM_HEX, kiosk_id, (long long)learner);
	put_text(f, b);
}

/* Drops the personal column unless names were asked for. */
static void set_columns(struct engine *g, const char *const *cols, size_t n,
                        const char *personal, const char **out)
{
	g->ncols = 0;
	for (size_t i = 0; i < n; i++)
		if (g->f->with_names || !personal || strcmp(cols[i], personal) != 0)
			out[g->ncols++] = cols[i];
	g->columns = out;
}

/* Hands the row to the sink; the personal cell was only filled when wanted. */
static int emit(struct engine *g, struct filler *f)
{
	if (g->sink->row(g->sink->ctx, f->cells, f->col) < 0) {
		g->sink_failed = true;
		return -1;
	}
	return 0;
}

/* ---- selection ---- */

/* Is at_ms inside --since and --until? */
static bool in_period(const struct report_filter *f, int64_t at_ms)
{
	return !(f->has_since && at_ms < f->since_ms) && !(f->has_until && at_ms > f->until_ms);
}

static bool selected(const struct engine *g, int64_t at_ms, uint32_t lang)
{
	return in_period(g->f, at_ms) && (!g->f->lang || lang == g->want_lang);
}

/* ---- one group: one learner's events in one lesson ---- */

/* Numbers the runs (run.h: the same cut as the kiosk's progress). */
static void mark_runs(struct engine *g)
{
	struct run_mark m = { 0 };
	int64_t run = 0, start = 0;

	for (size_t i = 0; i < g->nev; i++) {
		struct gev *e = &g->ev[i];

		if (run_begins(&m, e->reset_id)) {
			run++;
			start = e->at_ms;
		}
		run_note(&m, e->complete, e->reset_id);
		e->run = run;
		e->run_start_ms = start;
	}
}

static struct in_set *in_set_of(struct engine *g, uint32_t lang)
{
	for (size_t i = 0; i < g->nsets; i++)
		if (g->sets[i].lang == lang)
			return &g->sets[i];
	g->sets = xgrow(g->sets, &g->cap_sets, g->nsets, sizeof *g->sets);
	g->sets[g->nsets] = (struct in_set){ .lang = lang, .furthest = -1 };
	return &g->sets[g->nsets++];
}

/* The step a correct answer leads to, capped at the last step of the lesson as recorded. */
static int64_t got_to(const struct gev *e)
{
	int64_t i = e->step_index + (e->correct ? 1 : 0);

	return e->step_count > 0 && i > e->step_count - 1 ? e->step_count - 1 : i;
}

/* Minutes from the start of the run to this complete event; a clock set back between the
 * two gives 0, not a negative time. */
static double run_minutes(const struct gev *e)
{
	int64_t ms = e->at_ms - e->run_start_ms;

	return ms > 0 ? (double)ms / MS_PER_MINUTE : 0.0;
}

static void add_minutes(struct lesson_row *r, double m)
{
	r->minutes = xgrow(r->minutes, &r->cap_minutes, r->nminutes, sizeof *r->minutes);
	r->minutes[r->nminutes++] = m;
}

/* n more learners stopped at furthest. */
static void add_stop(struct lesson_row *r, int64_t furthest, int64_t n)
{
	for (size_t i = 0; i < r->nstops; i++)
		if (r->stops[i].furthest == furthest) {
			r->stops[i].count += n;
			return;
		}
	r->stops = xgrow(r->stops, &r->cap_stops, r->nstops, sizeof *r->stops);
	r->stops[r->nstops++] = (struct stop){ furthest, n };
}

/* A step only events know takes its position from its latest event (the first recorded of
 * equal times). */
static void step_seen(struct engine *g, struct step_row *s, bool added, const struct gev *e)
{
	if (s->in_catalog)
		return;
	if (added || e->at_ms > s->at_ms ||
	    (e->at_ms == s->at_ms && (g->db < s->db || (g->db == s->db && e->id < s->id)))) {
		s->index = e->step_index;
		s->at_ms = e->at_ms;
		s->db = g->db;
		s->id = e->id;
	}
}

/* qsort_r (GNU): the comparisons below need the engine's arrays. */
static void sort_in(const struct engine *g, void *v, size_t n, size_t size,
                    int (*cmp)(const void *, const void *, void *))
{
	if (n > 1)
		qsort_r(v, n, size, cmp, (void *)g);
}

/* lang, step, run, then as recorded: one group of equal keys per visit. */
static int by_visit(const void *a, const void *b, void *ctx)
{
	const struct engine *g = ctx;
	const struct gev *x = &g->ev[*(const size_t *)a];
	const struct gev *y = &g->ev[*(const size_t *)b];

	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	if (x->run != y->run)
		return cmp_i64(x->run, y->run);
	return cmp_size(*(const size_t *)a, *(const size_t *)b);
}

/* Visits: the selected answers of one run at one step. */
static void count_visits(struct engine *g)
{
	size_t n = 0;
	bool hinted = false;  /* the current visit already counted its hint */
	struct step_row *st = NULL;

	if (g->cap_order < g->nev)
		g->order = xrealloc(g->order, (g->cap_order = g->nev) * sizeof *g->order);
	for (size_t i = 0; i < g->nev; i++)
		if (g->ev[i].sel && !g->ev[i].complete)
			g->order[n++] = i;
	sort_in(g, g->order, n, sizeof *g->order, by_visit);
	for (size_t k = 0; k < n; k++) {
		const struct gev *e = &g->ev[g->order[k]];
		const struct gev *p = k ? &g->ev[g->order[k - 1]] : NULL;
		size_t row = lesson_row_of(g, e->lang, g->g_lesson);

		if (p && p->lang == e->lang && p->step == e->step && p->run == e->run) {
			if (st && e->hint && !hinted) {
				st->hinted++;
				hinted = true;
			}
			continue;
		}
		g->lessons[row].visits++;
		if (g->kind != REPORT_STEPS)
			continue;
		bool added;

		st = step_row_of(g, row, e->step, &added);
		st->visits++;
		st->first_ok += e->correct;
		hinted = e->hint;
		st->hinted += e->hint;
	}
}

/* Lessons and steps reports: what the group adds to its lesson rows and step rows. */
static void count_lesson_group(struct engine *g)
{
	g->nsets = 0;
	for (size_t i = 0; i < g->nev; i++) {
		const struct gev *e = &g->ev[i];
		struct in_set *s;

		if (!e->sel)
			continue;
		s = in_set_of(g, e->lang);
		if (e->step_count > s->step_count)
			s->step_count = e->step_count;
		if (e->complete) {
			s->completed = true;
			if (g->kind == REPORT_LESSONS || g->ov) {
				/* The row first: adding one may move the array. */
				size_t row = lesson_row_of(g, e->lang, g->g_lesson);

				add_minutes(&g->lessons[row], run_minutes(e));
			}
			continue;
		}
		s->attempts++;
		if (got_to(e) > s->furthest)
			s->furthest = got_to(e);
		if (g->kind == REPORT_STEPS) {
			bool added;
			struct step_row *st = step_row_of(g, lesson_row_of(g, e->lang, g->g_lesson),
			                                  e->step, &added);

			step_seen(g, st, added, e);
			st->attempts++;
		}
	}
	for (size_t i = 0; i < g->nsets; i++) {
		const struct in_set *s = &g->sets[i];
		size_t row = lesson_row_of(g, s->lang, g->g_lesson);
		struct lesson_row *r = &g->lessons[row];

		r->started++;
		r->completed += s->completed;
		r->attempts += s->attempts;
		if (s->step_count > r->step_count)
			r->step_count = s->step_count;
		if (g->ov)
			g->ov->completions += s->completed;
		if (s->completed)
			r->reach_done++;
		else
			add_stop(r, s->furthest, 1);
	}
	count_visits(g);
}

static struct session_span *session_of(struct learner_acc *lr, int64_t id)
{
	for (size_t i = lr->ns; i-- > 0;)
		if (lr->s[i].id == id)
			return &lr->s[i];
	lr->s = xgrow(lr->s, &lr->cap, lr->ns, sizeof *lr->s);
	lr->s[lr->ns] = (struct session_span){ id, INT64_MAX, INT64_MIN };
	return &lr->s[lr->ns++];
}

/* ---- the overview's periods ---- */

#define MS_PER_DAY 86400000LL

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Weeks are numbered from the one that began on Monday 1969-12-29 (1970-01-01 was a
 * Thursday, day 0). */
static int64_t week_of(int64_t ms)
{
	return floor_div(floor_div(ms, MS_PER_DAY) + 3, 7);
}

static int64_t month_of(int64_t ms)
{
	int64_t y;
	int m, d;

	isotime_civil_from_days(floor_div(ms, MS_PER_DAY), &y, &m, &d);
	return y * 12 + (m - 1);
}

static int64_t week_start(int64_t week)
{
	return (week * 7 - 3) * MS_PER_DAY;
}

static int64_t month_start(int64_t month)
{
	return isotime_days_from_civil(floor_div(month, 12), (int)(month - floor_div(month, 12) * 12) + 1,
	                               1) * MS_PER_DAY;
}

static bool seen_add(struct seen *s, int64_t key)
{
	if (s->n && s->key[s->n - 1] == key)
		return false;  /* the usual case: the same week as the event before */
	for (size_t i = 0; i < s->n; i++)
		if (s->key[i] == key)
			return false;
	s->key = xgrow(s->key, &s->cap, s->n, sizeof *s->key);
	s->key[s->n++] = key;
	return true;
}

static struct bucket *bucket_of(struct buckets *b, int64_t key)
{
	size_t i = map_get(&b->map, (uint64_t)key);

	if (i != SIZE_MAX)
		return &b->b[i];
	b->b = xgrow(b->b, &b->cap, b->n, sizeof *b->b);
	b->b[b->n] = (struct bucket){ .key = key };
	map_put(&b->map, (uint64_t)key, b->n);
	return &b->b[b->n++];
}

static void buckets_free(struct buckets *b)
{
	free(b->b);
	map_free(&b->map);
}

/* The group's selected events: the learner's periods, and its completions per period (once
 * per lesson set and period, as the lessons report run for that period counts them). */
static void overview_group(struct engine *g)
{
	struct overview_acc *o = g->ov;

	o->cw.n = o->cm.n = 0;
	for (size_t i = 0; i < g->nev; i++) {
		const struct gev *e = &g->ev[i];
		int64_t w, m;

		if (!e->sel)
			continue;
		if (floor_div(e->at_ms, MS_PER_DAY) != o->day) {
			o->day = floor_div(e->at_ms, MS_PER_DAY);
			o->week = week_of(e->at_ms);
			o->month = month_of(e->at_ms);
		}
		w = o->week;
		m = o->month;
		if (e->at_ms < o->first_ms)
			o->first_ms = e->at_ms;
		if (e->at_ms > o->last_ms)
			o->last_ms = e->at_ms;
		seen_add(&o->lw, w);
		seen_add(&o->lm, m);
		session_of(&g->lr, e->session);
		if (!e->complete)
			continue;
		if (seen_add(&o->cw, (int64_t)((uint64_t)e->lang << 32 ^ (uint64_t)w)))
			bucket_of(&o->weeks, w)->completions++;
		if (seen_add(&o->cm, (int64_t)((uint64_t)e->lang << 32 ^ (uint64_t)m)))
			bucket_of(&o->months, m)->completions++;
	}
}

/* The learner just read: counted when they had a selected event. */
static void overview_learner(struct engine *g)
{
	struct overview_acc *o = g->ov;

	if (o->lw.n) {
		o->learners++;
		o->sessions += (int64_t)g->lr.ns;
	}
	for (size_t i = 0; i < o->lw.n; i++)
		bucket_of(&o->weeks, o->lw.key[i])->learners++;
	for (size_t i = 0; i < o->lm.n; i++)
		bucket_of(&o->months, o->lm.key[i])->learners++;
	o->lw.n = o->lm.n = 0;
	g->lr.ns = 0;
}

static void finish_group(struct engine *g)
{
	if (!g->in_group)
		return;
	g->in_group = false;
	mark_runs(g);
	count_lesson_group(g);
	if (g->ov)
		overview_group(g);
	g->nev = 0;
}

/* ---- learners report ---- */

static const char *const learner_columns[] = {
	"learner_id", "kiosk_id", "kiosk_name", "name", "first_seen", "last_seen", "lessons_started",
	"lessons_completed", "minutes_spent",
};

static int session_cmp(const void *a, const void *b)
{
	const struct session_span *x = a, *y = b;

	return cmp_i64(x->id, y->id);
}

/* The learner's lesson just read counts as started, and completed, when selected events say so. */
static void end_learner_lesson(struct engine *g)
{
	g->lr.started += g->ll.any;
	g->lr.completed += g->ll.done;
	g->ll.any = g->ll.done = false;
}

static void begin_learner_lesson(struct engine *g, const char *lesson)
{
	size_t n = strlen(lesson) + 1;

	if (n > g->ll.cap) {
		g->ll.cap = n;
		g->ll.id = xrealloc(g->ll.id, n);
	}
	memcpy(g->ll.id, lesson, n);
}

/* Sum over the learner's sessions, in session order, of the minutes from the session's start
 * (or --since, when later) to its last selected event. */
static int minutes_spent(struct engine *g, double *out, struct kerr *err)
{
	struct learner_acc *lr = &g->lr;

	*out = 0.0;
	sort(lr->s, lr->ns, sizeof *lr->s, session_cmp);
	for (size_t i = 0; i < lr->ns; i++) {
		int64_t start;
		bool found;

		if (store_read_session_start(g->src, lr->s[i].id, &found, &start, err) < 0)
			return -1;
		if (!found)
			start = lr->s[i].first_ms;  /* no session row: a damaged database */
		if (g->f->has_since && start < g->f->since_ms)
			start = g->f->since_ms;
		if (lr->s[i].last_ms > start)
			*out += (double)(lr->s[i].last_ms - start) / MS_PER_MINUTE;
	}
	return 0;
}

static int finish_learner(struct engine *g, struct kerr *err)
{
	struct learner_acc *lr = &g->lr;
	struct filler f = { .col = 0 };
	bool found, removed;
	char *name = NULL;
	double minutes;
	int status;

	finish_group(g);
	end_learner_lesson(g);
	if (g->ov)
		overview_learner(g);
	if (g->kind != REPORT_LEARNERS || !lr->any)
		goto done;
	if (store_read_learner(g->src, lr->id, &found, &removed,
	                       g->f->with_names ? &name : NULL, err) < 0 ||
	    minutes_spent(g, &minutes, err) < 0) {
		free(name);
		return -1;
	}
	put_pseudonym(&f, store_read_kiosk_id(g->src), lr->id, removed);
	put_text(&f, store_read_kiosk_id(g->src));
	put_text(&f, store_read_kiosk_name(g->src));
	if (g->f->with_names)
		put_text(&f, name);
	put_time(&f, lr->first_ms);
	put_time(&f, lr->last_ms);
	put_int(&f, lr->started);
	put_int(&f, lr->completed);
	put_real(&f, minutes);
	status = emit(g, &f);
	free(name);
	if (status < 0)
		return -1;
done:
	lr->any = false;
	lr->started = lr->completed = 0;
	lr->ns = 0;
	return 0;
}

/* Called for each event by learner and lesson (the learners report).  Only what that report
 * shows is kept, straight into the learner's figures: their first and last selected event, the
 * lessons with one and with a completion, and each session's span. */
static int on_learner_event(void *ctx, const struct store_read_event *e, struct kerr *err)
{
	struct engine *g = ctx;
	struct learner_acc *lr = &g->lr;
	const struct report_filter *f = g->f;
	struct session_span *s;

	if (e->learner != lr->id) {
		if (finish_learner(g, err) < 0)
			return -1;
		lr->id = e->learner;
		begin_learner_lesson(g, e->lesson);
	} else if (!g->ll.id || strcmp(g->ll.id, e->lesson) != 0) {
		end_learner_lesson(g);
		begin_learner_lesson(g, e->lesson);
	}
	if (!in_period(f, e->at_ms) || (f->lang && strcmp(e->lang, f->lang) != 0))
		return 0;  /* not selected: as selected() says, without interning the language */
	g->selected++;
	if (!lr->any) {
		lr->any = true;
		lr->first_ms = lr->last_ms = e->at_ms;
	}
	g->ll.any = true;
	g->ll.done |= strcmp(e->kind, "complete") == 0;
	if (e->at_ms < lr->first_ms)
		lr->first_ms = e->at_ms;
	if (e->at_ms > lr->last_ms)
		lr->last_ms = e->at_ms;
	s = session_of(lr, e->session);
	if (e->at_ms < s->first_ms)
		s->first_ms = e->at_ms;
	if (e->at_ms > s->last_ms)
		s->last_ms = e->at_ms;
	return 0;
}

/* Called for each event by learner, lesson and id. */
static int on_grouped_event(void *ctx, const struct store_read_event *e, struct kerr *err)
{
	struct engine *g = ctx;
	struct gev *v;

	if (g->in_group &&
	    (e->learner != g->g_learner || strcmp(g->strs.str[g->g_lesson], e->lesson) != 0))
		finish_group(g);
	if (e->learner != g->lr.id) {
		if (finish_learner(g, err) < 0)
			return -1;
		g->lr.id = e->learner;
	}
	if (!g->in_group) {
		g->in_group = true;
		g->g_learner = e->learner;
		g->g_lesson = intern(&g->strs, e->lesson);
	}
	g->ev = xgrow(g->ev, &g->cap_ev, g->nev, sizeof *g->ev);
	v = &g->ev[g->nev++];
	v->id = e->id;
	v->session = e->session;
	v->at_ms = e->at_ms;
	v->step_index = e->step_index;
	v->step_count = e->step_count;
	v->reset_id = e->reset_id;
	v->lang = intern(&g->strs, e->lang);
	v->step = intern(&g->strs, e->step);
	v->complete = strcmp(e->kind, "complete") == 0;
	v->correct = e->correct;
	v->hint = e->hint;
	v->sel = selected(g, e->at_ms, v->lang);
	g->selected += v->sel;
	return 0;
}

/* ---- events report ---- */

static const char *const event_columns[] = {
	"kiosk_id", "kiosk_name", "learner_id", "session", "lang", "lesson_id", "step_id", "step_index", "kind",
	"answer", "correct", "hint_shown", "show_me", "before_reset", "at",
};

static int i64_cmp(const void *a, const void *b)
{
	return cmp_i64(*(const int64_t *)a, *(const int64_t *)b);
}

static int on_event(void *ctx, const struct store_read_event *e, struct kerr *err)
{
	struct engine *g = ctx;
	const char *kiosk = store_read_kiosk_id(g->src);
	struct filler f = { .col = 0 };
	bool removed;

	if (!selected(g, e->at_ms, g->f->lang ? intern(&g->strs, e->lang) : NO_ID))
		return 0;
	g->selected++;
	removed = g->nremoved &&
	          bsearch(&e->learner, g->removed, g->nremoved, sizeof *g->removed, i64_cmp);
	put_text(&f, kiosk);
	put_text(&f, store_read_kiosk_name(g->src));
	put_pseudonym(&f, kiosk, e->learner, removed);
	if (removed)
		put_null(&f);  /* a session belongs to one learner: it would link their answers */
	else
		put_int(&f, e->session);
	put_text(&f, e->lang);
	put_text(&f, e->lesson);
	put_text(&f, e->step);
	put_int(&f, e->step_index);
	put_text(&f, e->kind);
	if (g->f->with_names)
		put_text(&f, removed ? NULL : e->answer);
	put_bool(&f, e->correct);
	put_bool(&f, e->hint);
	put_bool(&f, e->show_me);
	put_bool(&f, e->reset_id != 0);
	put_time(&f, e->at_ms);
	return emit(g, &f);
}

/* ---- lessons and steps reports: the rows at the end ---- */

static const char *const lesson_columns[] = {
	"lesson_id", "lesson_title", "language", "learners_started", "learners_completed",
	"completion_rate", "median_minutes_to_complete", "steps", "avg_attempts_per_step",
};

static const char *const step_columns[] = {
	"lesson_id", "language", "step_id", "step_text", "step_index", "attempts", "first_try_success_rate",
	"hint_rate", "learners_reached", "learners_stopped_here",
};

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v; the middle value, or the mean of the two middle ones. */
static double median(double *v, size_t n)
{
	sort(v, n, sizeof *v, dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Output order: lesson set, then the order of the lessons folder, then id. */
static int lesson_out_cmp(const void *a, const void *b, void *ctx)
{
	const struct engine *g = ctx;
	const struct lesson_row *x = &g->lessons[*(const size_t *)a];
	const struct lesson_row *y = &g->lessons[*(const size_t *)b];
	const char *const *s = (const char *const *)g->strs.str;
	int c;

	if (x->lang != y->lang && (c = strcmp(s[x->lang], s[y->lang])))
		return c;
	if (x->pos != y->pos)
		return cmp_size(x->pos, y->pos);
	return x->lesson == y->lesson ? 0 : strcmp(s[x->lesson], s[y->lesson]);
}

/* Set, lesson order, lesson id, position, step id. */
static int step_out_cmp(const void *a, const void *b, void *ctx)
{
	const struct engine *g = ctx;
	const struct step_row *x = &g->steps[*(const size_t *)a];
	const struct step_row *y = &g->steps[*(const size_t *)b];
	size_t lx = x->lesson, ly = y->lesson;
	int c;

	if (lx != ly && (c = lesson_out_cmp(&lx, &ly, ctx)))
		return c;
	if (x->index != y->index)
		return cmp_i64(x->index, y->index);
	return x->step == y->step ? 0 :
	       strcmp(g->strs.str[x->step], g->strs.str[y->step]);
}

static int lessons_out(struct engine *g)
{
	size_t *v = xmalloc((g->nlessons ? g->nlessons : 1) * sizeof *v);
	int status = 0;

	for (size_t i = 0; i < g->nlessons; i++)
		v[i] = i;
	sort_in(g, v, g->nlessons, sizeof *v, lesson_out_cmp);
	for (size_t i = 0; status == 0 && i < g->nlessons; i++) {
		struct lesson_row *l = &g->lessons[v[i]];
		struct filler f = { .col = 0 };

		put_text(&f, g->strs.str[l->lesson]);
		put_text(&f, l->def ? l->def->title : NULL);
		put_text(&f, g->strs.str[l->lang]);
		put_int(&f, l->started);
		put_int(&f, l->completed);
		put_ratio(&f, l->completed, l->started);
		if (l->nminutes)
			put_real(&f, median(l->minutes, l->nminutes));
		else
			put_null(&f);
		put_int(&f, l->def ? (int64_t)l->def->step_count : l->step_count);
		put_ratio(&f, l->attempts, l->visits);
		status = emit(g, &f);
	}
	free(v);
	return status;
}

static int steps_out(struct engine *g)
{
	size_t *v = xmalloc((g->nsteps ? g->nsteps : 1) * sizeof *v);
	int status = 0;

	for (size_t i = 0; i < g->nsteps; i++)
		v[i] = i;
	sort_in(g, v, g->nsteps, sizeof *v, step_out_cmp);
	for (size_t i = 0; status == 0 && i < g->nsteps; i++) {
		const struct step_row *s = &g->steps[v[i]];
		const struct lesson_row *l = &g->lessons[s->lesson];
		struct filler f = { .col = 0 };
		int64_t reached = l->reach_done, stopped = 0;
		/* Which step this is, for a reader who does not know the step ids. */
		char *words = s->def && s->def->text ? text_first_words(s->def->text,
		                                                        STEP_TEXT_COLUMNS) : NULL;

		for (size_t k = 0; k < l->nstops; k++) {
			if (l->stops[k].furthest >= s->index)
				reached += l->stops[k].count;
			if (l->stops[k].furthest == s->index)
				stopped += l->stops[k].count;
		}
		put_text(&f, g->strs.str[l->lesson]);
		put_text(&f, g->strs.str[l->lang]);
		put_text(&f, g->strs.str[s->step]);
		put_text(&f, words);
		put_int(&f, s->index);
		put_int(&f, s->attempts);
		put_ratio(&f, s->first_ok, s->visits);
		put_ratio(&f, s->hinted, s->visits);
		put_int(&f, reached);
		put_int(&f, stopped);
		status = emit(g, &f);
		free(words);
	}
	free(v);
	return status;
}

/* ---- one report ---- */

/* One database, inside one read transaction. */
static int read_db(struct engine *g, struct kerr *err)
{
	int status = store_read_begin(g->src, err);

	if (status == 0)
		status = store_read_check_sessions(g->src, err);
	if (status == 0 && g->kind == REPORT_EVENTS) {
		free(g->removed);
		status = store_read_removed(g->src, &g->removed, &g->nremoved, err);
		if (status == 0)
			status = store_read_events(g->src, STORE_READ_BY_ID, on_event, g, err);
	} else if (status == 0) {
		g->in_group = false;
		g->nev = 0;
		g->lr.id = INT64_MIN;
		bool done = false;

		/* From a date on: only the learners and lessons with an event since count at all
		 * (every figure counts selected events only), and the kiosk's totals know which. */
		bool learners = g->kind == REPORT_LEARNERS;
		int (*fn)(void *, const struct store_read_event *, struct kerr *) =
			learners ? on_learner_event : on_grouped_event;

		if (g->f->has_since)
			status = store_read_events_since(g->src, g->f->since_ms, &done, fn, g, err);
		if (status == 0 && !done)
			status = store_read_events(g->src, learners ? STORE_READ_FOR_LEARNERS :
			                           STORE_READ_BY_LEARNER_LESSON, fn, g, err);
		if (status == 0)
			status = finish_learner(g, err);
	}
	store_read_end(g->src);
	return status;
}

static void engine_free(struct engine *g)
{
	for (size_t i = 0; i < g->nlessons; i++) {
		free(g->lessons[i].minutes);
		free(g->lessons[i].stops);
	}
	free(g->lessons);
	free(g->steps);
	map_free(&g->lesson_map);
	map_free(&g->step_map);
	intern_free(&g->strs);
	free(g->ev);
	free(g->order);
	free(g->sets);
	free(g->lr.s);
	free(g->ll.id);
	free(g->removed);
}

int report_write(const struct report_data *d, const struct catalog *c, enum report_kind kind,
                 const struct report_filter *f, const struct report_sink *sink,
                 struct kerr *err)
{
	static const struct report_filter none = { 0 };
	struct engine g = { .d = d, .c = c, .f = f ? f : &none, .kind = kind, .sink = sink,
	                    .want_lang = NO_ID };
	const char *cols[MAX_COLUMNS];
	int status = 0;

	f = g.f;
	err->msg[0] = '\0';
	if (f->has_since && f->has_until && f->since_ms > f->until_ms) {
		kerr_set(err, _("the start of the period is after its end"));
		return -1;
	}
	switch (kind) {
	case REPORT_LESSONS:
		set_columns(&g, lesson_columns, sizeof lesson_columns / sizeof *lesson_columns,
		            NULL, cols);
		break;
	case REPORT_LEARNERS:
		set_columns(&g, learner_columns, sizeof learner_columns / sizeof *learner_columns,
		            "name", cols);
		break;
	case REPORT_STEPS:
		set_columns(&g, step_columns, sizeof step_columns / sizeof *step_columns, NULL,
		            cols);
		break;
	case REPORT_EVENTS:
		set_columns(&g, event_columns, sizeof event_columns / sizeof *event_columns,
		            "answer", cols);
		break;
	default:
		kerr_set(err, _("unknown report"));
		return -1;
	}
	if (f->lang)
		g.want_lang = intern(&g.strs, f->lang);
	if (kind == REPORT_LESSONS || kind == REPORT_STEPS)
		add_catalog(&g);
	if (sink->begin(sink->ctx, kind, g.columns, g.ncols) < 0)
		g.sink_failed = true;
	for (size_t i = 0; !g.sink_failed && status == 0 && i < d->n; i++) {
		g.db = i;
		g.src = d->src[i];
		status = read_db(&g, err);
	}
	if (!g.sink_failed && status == 0 && kind == REPORT_LESSONS)
		status = lessons_out(&g);
	if (!g.sink_failed && status == 0 && kind == REPORT_STEPS)
		status = steps_out(&g);
	if (!g.sink_failed && status == 0 && sink->end)
		sink->end(sink->ctx, g.selected);
	engine_free(&g);
	if (g.sink_failed) {
		err->msg[0] = '\0';
		return -1;
	}
	return status;
}

/* ---- the overview ---- */

/* Every period from the first selected event's to the last one's, zeros included. */
static void overview_periods(struct overview_acc *o, struct report_overview *ov)
{
	int64_t w0 = week_of(o->first_ms), w1 = week_of(o->last_ms);
	bool weeks = w1 - w0 + 1 <= REPORT_MAX_WEEKS;
	struct buckets *b = weeks ? &o->weeks : &o->months;
	int64_t k0 = weeks ? w0 : month_of(o->first_ms), k1 = weeks ? w1 : month_of(o->last_ms);

	ov->period_kind = weeks ? REPORT_WEEKS : REPORT_MONTHS;
	ov->nperiods = (size_t)(k1 - k0 + 1);
	ov->periods = xcalloc(ov->nperiods, sizeof *ov->periods);
	for (int64_t k = k0; k <= k1; k++) {
		struct report_period *p = &ov->periods[k - k0];
		size_t i = map_get(&b->map, (uint64_t)k);

		p->start_ms = weeks ? week_start(k) : month_start(k);
		if (i != SIZE_MAX) {
			p->learners = b->b[i].learners;
			p->completions = b->b[i].completions;
		}
	}
}

/* The median of every completion's minutes, over all lessons. */
static void overview_median(const struct engine *g, struct report_overview *ov)
{
	size_t n = 0, k = 0;
	double *all;

	for (size_t i = 0; i < g->nlessons; i++)
		n += g->lessons[i].nminutes;
	if (n == 0)
		return;
	all = xmalloc(n * sizeof *all);
	for (size_t i = 0; i < g->nlessons; i++) {
		if (g->lessons[i].nminutes == 0)
			continue;  /* minutes is NULL then: memcpy must not see it */
		memcpy(all + k, g->lessons[i].minutes, g->lessons[i].nminutes * sizeof *all);
		k += g->lessons[i].nminutes;
	}
	ov->has_median = true;
	ov->median_minutes = median(all, n);
	free(all);
}

/* The rows of one report (lessons or steps) from the counted records, into sink. */
static int overview_rows(struct engine *g, const struct report_sink *sink,
                         const char *const *columns, size_t n, int (*out)(struct engine *))
{
	const char *cols[MAX_COLUMNS];

	g->sink = sink;
	set_columns(g, columns, n, NULL, cols);
	if (sink->begin(sink->ctx, g->kind, g->columns, g->ncols) < 0 || out(g) < 0) {
		g->sink_failed = true;
		return -1;
	}
	if (sink->end)
		sink->end(sink->ctx, g->selected);
	return 0;
}

static void overview_acc_free(struct overview_acc *o)
{
	buckets_free(&o->weeks);
	buckets_free(&o->months);
	free(o->lw.key);
	free(o->lm.key);
	free(o->cw.key);
	free(o->cm.key);
}

int report_write_overview(const struct report_data *d, const struct catalog *c,
                          const struct report_filter *f, const struct report_sink *lessons,
                          const struct report_sink *steps, struct report_overview *ov,
                          struct kerr *err)
{
	struct report_filter ff = { 0 };
	struct overview_acc o = { .first_ms = INT64_MAX, .last_ms = INT64_MIN, .day = INT64_MIN };
	struct engine g = { .d = d, .c = c, .f = &ff, .kind = REPORT_STEPS, .want_lang = NO_ID,
	                    .ov = &o };
	int status = 0;

	if (f)
		ff = *f;
	ff.with_names = false;  /* the overview is never personal */
	memset(ov, 0, sizeof *ov);
	err->msg[0] = '\0';
	if (ff.has_since && ff.has_until && ff.since_ms > ff.until_ms) {
		kerr_set(err, _("the start of the period is after its end"));
		return -1;
	}
	ov->nkiosks = d->n;
	ov->kiosks = xcalloc(d->n ? d->n : 1, sizeof *ov->kiosks);
	if (ff.lang)
		g.want_lang = intern(&g.strs, ff.lang);
	add_catalog(&g);
	for (size_t i = 0; status == 0 && i < d->n; i++) {
		struct report_kiosk_figures before = { o.learners, o.sessions, o.completions };

		g.db = i;
		g.src = d->src[i];
		status = read_db(&g, err);
		ov->kiosks[i] = (struct report_kiosk_figures){ o.learners - before.learners,
		                                               o.sessions - before.sessions,
		                                               o.completions - before.completions };
	}
	if (status == 0)
		status = overview_rows(&g, lessons, lesson_columns,
		                       sizeof lesson_columns / sizeof *lesson_columns, lessons_out);
	if (status == 0)
		status = overview_rows(&g, steps, step_columns,
		                       sizeof step_columns / sizeof *step_columns, steps_out);
	if (status == 0) {
		ov->events = g.selected;
		ov->learners = o.learners;
		ov->sessions = o.sessions;
		ov->completions = o.completions;
		overview_median(&g, ov);
		if (g.selected > 0) {
			ov->first_ms = o.first_ms;
			ov->last_ms = o.last_ms;
			overview_periods(&o, ov);
		}
	}
	engine_free(&g);
	overview_acc_free(&o);
	if (g.sink_failed)
		err->msg[0] = '\0';
	if (status < 0)
		report_overview_free(ov);
	return status;
}

/* ---- the lessons and steps reports from the running totals (store_stats.h) ----
 *
 * The totals hold, summed over learners, exactly the records the pass over the events builds
 * (lesson_row, step_row); the rows are then made by the same code, lessons_out and
 * steps_out. */

static void tot_lesson(void *ctx, const char *lang, const char *lesson, int64_t learners,
                       int64_t completed, int64_t attempts, int64_t step_count)
{
	struct engine *g = ctx;
	struct lesson_row *r = &g->lessons[lesson_row_of(g, intern(&g->strs, lang),
	                                                 intern(&g->strs, lesson))];

	r->started += learners;
	r->completed += completed;
	r->reach_done += completed;
	r->attempts += attempts;
	if (step_count > r->step_count)
		r->step_count = step_count;
	g->selected += attempts;
}

static void tot_stop(void *ctx, const char *lang, const char *lesson, int64_t furthest,
                     int64_t count)
{
	struct engine *g = ctx;
	struct lesson_row *r = &g->lessons[lesson_row_of(g, intern(&g->strs, lang),
	                                                 intern(&g->strs, lesson))];

	add_stop(r, furthest, count);
}

static void tot_step(void *ctx, const char *lang, const char *lesson, const char *step,
                     int64_t attempts, int64_t visits, int64_t first_ok, int64_t hinted,
                     int64_t index)
{
	struct engine *g = ctx;
	size_t row = lesson_row_of(g, intern(&g->strs, lang), intern(&g->strs, lesson));
	bool added;
	struct step_row *st = step_row_of(g, row, intern(&g->strs, step), &added);

	st->attempts += attempts;
	st->visits += visits;
	st->first_ok += first_ok;
	st->hinted += hinted;
	if (!st->in_catalog)
		st->index = index;
	g->lessons[row].visits += visits;
}

static void tot_completion(void *ctx, const char *lang, const char *lesson, int64_t ms)
{
	struct engine *g = ctx;
	size_t row = lesson_row_of(g, intern(&g->strs, lang), intern(&g->strs, lesson));

	add_minutes(&g->lessons[row], ms > 0 ? (double)ms / MS_PER_MINUTE : 0.0);
	g->selected++;
}

int report_write_totals(struct store *s, const char *path, const struct catalog *c,
                        const struct report_sink *lessons, const struct report_sink *steps,
                        bool *current, struct kerr *err)
{
	static const struct report_filter none = { 0 };
	struct engine g = { .c = c, .f = &none, .kind = REPORT_STEPS, .want_lang = NO_ID };
	const struct store_stats_reader rd = { tot_lesson, tot_stop, tot_step, tot_completion,
	                                       &g };
	struct store_read *r;
	int status;

	*current = false;
	err->msg[0] = '\0';
	if (store_read_borrow(s, path, &r, err) < 0)
		return -1;
	add_catalog(&g);
	/* The same checks as a pass over the events: a damaged session fails both alike. */
	status = store_read_begin(r, err);
	if (status == 0)
		status = store_read_check_sessions(r, err);
	if (status == 0)
		status = store_read_totals(r, &rd, current, err);
	store_read_end(r);
	store_read_close(r);
	if (status == 0 && *current)
		status = overview_rows(&g, lessons, lesson_columns,
		                       sizeof lesson_columns / sizeof *lesson_columns, lessons_out);
	if (status == 0 && *current)
		status = overview_rows(&g, steps, step_columns,
		                       sizeof step_columns / sizeof *step_columns, steps_out);
	engine_free(&g);
	if (g.sink_failed)
		err->msg[0] = '\0';
	return status;
}

void report_overview_free(struct report_overview *ov)
{
	free(ov->periods);
	free(ov->kiosks);
	ov->periods = NULL;
	ov->kiosks = NULL;
	ov->nperiods = ov->nkiosks = 0;
}

void report_hard_init(struct report_hard *h)
{
	h->low_ok = h->high_hint = SIZE_MAX;
	h->low = h->high = 0;
}

void report_hard_add(struct report_hard *h, size_t i, bool ok_null, double ok, bool hint_null,
                     double hint)
{
	if (!ok_null && ok < 1.0 && (h->low_ok == SIZE_MAX || ok < h->low)) {
		h->low_ok = i;
		h->low = ok;
	}
	if (!hint_null && hint > 0.0 && (h->high_hint == SIZE_MAX || hint > h->high)) {
		h->high_hint = i;
		h->high = hint;
	}
}
