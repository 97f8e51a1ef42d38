/* store_read: see store_read.h.  The queries are chosen by what the file's schema has, asked
 * of the columns themselves rather than user_version, so that a later schema that only adds
 * keeps working: schema 3 added resets and removed learners, schema 4 the "show me" mark. */
#include "store_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "i18n.h"
#include "isotime.h"
#include "store_stats.h"

#define BUSY_TIMEOUT_MS 5000

enum rq {
	RQ_LEARNER,
	RQ_REMOVED,
	RQ_SESSION,
	RQ_SESSION_TIMES,
	RQ_EVENTS_BY_ID,
	RQ_EVENTS_BY_LEARNER,
	RQ_EVENTS_FOR_LEARNERS,
	RQ_COUNT
};

struct store_read {
	char *path;
	sqlite3 *db;
	bool borrowed;                    /* the kiosk's connection: not ours to close */
	bool v3, v4;                      /* schema 3 or later, 4 or later */
	char id[STORE_KIOSK_ID_LEN + 1];
	char *name;                       /* settings.kiosk_name, or NULL */
	sqlite3_stmt *st[RQ_COUNT];
	struct isotime_day day;           /* the day of the last time read */
};

/* The columns the learners report reads (learner_event_of_row), first in every query of
 * events, so that event_of_row reads them the same way and then the rest. */
#define LEARNER_COLUMNS "session_id, learner_id, lang, lesson_id, kind, at"
#define EVENT_COLUMNS(reset, show_me) \
	"SELECT " LEARNER_COLUMNS ", id, step_id, step_index, step_count, answer, correct," \
	" hint_shown, " reset ", " show_me " FROM events"

static const char *query_sql(const struct store_read *r, enum rq q)
{
	switch (q) {
	case RQ_LEARNER:
		return r->v3 ? "SELECT name, removed_at IS NOT NULL FROM learners WHERE id = ?1"
		             : "SELECT name, 0 FROM learners WHERE id = ?1";
	case RQ_REMOVED:
		return r->v3 ? "SELECT id FROM learners WHERE removed_at IS NOT NULL ORDER BY id"
		             : "SELECT id FROM learners WHERE 0";
	case RQ_SESSION:
		return "SELECT started_at FROM sessions WHERE id = ?1";
	case RQ_SESSION_TIMES:
		return "SELECT started_at FROM sessions";
	case RQ_EVENTS_BY_ID:
		return r->v4 ? EVENT_COLUMNS("reset_id", "show_me") " ORDER BY id"
		     : r->v3 ? EVENT_COLUMNS("reset_id", "0") " ORDER BY id"
		             : EVENT_COLUMNS("NULL", "0") " ORDER BY id";
	case RQ_EVENTS_FOR_LEARNERS:
		/* Only what the learners report uses: each column read costs about as much as
		 * the row's seek in the table, so fewer columns is most of that report's time. */
		return "SELECT " LEARNER_COLUMNS " FROM events ORDER BY learner_id, lesson_id, id";
	case RQ_EVENTS_BY_LEARNER:
	default:
		return r->v4 ? EVENT_COLUMNS("reset_id", "show_me") " ORDER BY learner_id, lesson_id, id"
		     : r->v3 ? EVENT_COLUMNS("reset_id", "0") " ORDER BY learner_id, lesson_id, id"
		             : EVENT_COLUMNS("NULL", "0") " ORDER BY learner_id, lesson_id, id";
	}
}

static int db_fail(const struct store_read *r, struct kerr *err, int rc)
{
	int primary = rc & 0xff;

	/* The reasons are the store's, so the kiosk and the export say the same thing. */
	if (primary == SQLITE_NOTADB)
		kerr_set(err, _("cannot read %s: the file is not a kiosk database"), r->path);
	else
		kerr_set(err, _("cannot read the database %s: %s"), r->path,
		         store_sqlite_reason(r->db, rc));
	return -1;
}

static int not_ours(const struct store_read *r, struct kerr *err)
{
	kerr_set(err, _("cannot read %s: it is not a kiosk database (it has no kiosk id)"),
	         r->path);
	return -1;
}

/* meta.kiosk_id: what makes a file a kiosk database, and what tells kiosks apart. */
static int read_kiosk_id(struct store_read *r, struct kerr *err)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc = sqlite3_prepare_v2(r->db, "SELECT value FROM meta WHERE key = 'kiosk_id'", -1,
	                            &st, NULL);

	if ((rc & 0xff) == SQLITE_ERROR)
		return not_ours(r, err);  /* no meta table, or not the columns of ours */
	if (rc != SQLITE_OK)
		return db_fail(r, err, rc);
	rc = sqlite3_step(st);
	v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	if (v && store_kiosk_id_valid((const char *)v))
		memcpy(r->id, v, STORE_KIOSK_ID_LEN + 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(r, err, rc);
	if (rc == SQLITE_DONE)
		return not_ours(r, err);
	if (!v || r->id[0] == '\0') {
		kerr_set(err, _("cannot read the database %s: its kiosk id is damaged"), r->path);
		return -1;
	}
	return 0;
}

/* The name a trainer gave the kiosk (kiosk set-name).  A database from before settings
 * existed, or a kiosk never named, has none: that is not an error. */
static int read_kiosk_name(struct store_read *r, struct kerr *err)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	int rc = sqlite3_prepare_v2(r->db, "SELECT value FROM settings WHERE key = 'kiosk_name'",
	                            -1, &st, NULL);

	if ((rc & 0xff) == SQLITE_ERROR)
		return 0;  /* no settings table */
	if (rc != SQLITE_OK)
		return db_fail(r, err, rc);
	rc = sqlite3_step(st);
	v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	free(r->name);
	r->name = v && *v ? xstrdup((const char *)v) : NULL;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(r, err, rc);
}

static int detect_schema(struct store_read *r, struct kerr *err)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(r->db,
		"SELECT (SELECT count(*) FROM pragma_table_info('events') WHERE name = 'reset_id')"
		" + (SELECT count(*) FROM pragma_table_info('learners') WHERE name = 'removed_at'),"
		" (SELECT count(*) FROM pragma_table_info('events') WHERE name = 'show_me')",
		-1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->v3 = sqlite3_column_int(st, 0) == 2;
		r->v4 = r->v3 && sqlite3_column_int(st, 1) == 1;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : db_fail(r, err, rc);
}

/* Every query prepared now, so that a file missing a table or column of ours is refused at
 * open rather than half-way through a report. */
static int prepare_all(struct store_read *r, struct kerr *err)
{
	for (int q = 0; q < RQ_COUNT; q++) {
		int rc = sqlite3_prepare_v2(r->db, query_sql(r, (enum rq)q), -1, &r->st[q], NULL);

		if (rc == SQLITE_OK)
			continue;
		if ((rc & 0xff) == SQLITE_ERROR)
			kerr_set(err, _("cannot read the database %s: it is not a complete kiosk "
			                "database (%s)"), r->path, sqlite3_errmsg(r->db));
		else
			db_fail(r, err, rc);
		return -1;
	}
	return 0;
}

/* The kiosk id, the schema and the statements, inside one read transaction. */
static int identify(struct store_read *r, struct kerr *err)
{
	int status = store_read_begin(r, err);

	if (status == 0)
		status = read_kiosk_id(r, err);
	if (status == 0)
		status = read_kiosk_name(r, err);
	if (status == 0)
		status = detect_schema(r, err);
	if (status == 0)
		status = prepare_all(r, err);
	store_read_end(r);
	return status;
}

static int check_file(const char *path, struct kerr *err)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		if (errno == ENOENT)
			kerr_set(err, _("cannot open the database %s: the file does not exist"), path);
		else
			kerr_set(err, _("cannot open the database %s: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is a folder, not a file"), path);
		return -1;
	}
	/* A named pipe would hang the open forever, a device would be read as a database. */
	if (!S_ISREG(st.st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is not a regular file (a named "
		                "pipe, a device or a socket)"), path);
		return -1;
	}
	return 0;
}

int store_read_open(const char *path, struct store_read **out, struct kerr *err)
{
	struct store_read *r = xcalloc(1, sizeof *r);
	int rc;

	*out = NULL;
	r->path = xstrdup(path);
	if (check_file(path, err) < 0) {
		store_read_close(r);
		return -1;
	}
	/* Opening read-only does not create a missing file. */
	rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db_fail(r, err, rc);
		store_read_close(r);
		return -1;
	}
	sqlite3_extended_result_codes(r->db, 1);
	/* A WAL reader waits only in rare cases (the writer is recovering the log); a rollback
	 * journal database can be locked for the length of one write. */
	sqlite3_busy_timeout(r->db, BUSY_TIMEOUT_MS);
	if (identify(r, err) < 0) {
		store_read_close(r);
		return -1;
	}
	*out = r;
	return 0;
}

int store_read_borrow(struct store *s, const char *path, struct store_read **out,
                      struct kerr *err)
{
	struct store_read *r = xcalloc(1, sizeof *r);

	*out = NULL;
	r->path = xstrdup(path);
	r->db = store_connection(s);
	r->borrowed = true;
	if (identify(r, err) < 0) {
		store_read_close(r);
		return -1;
	}
	*out = r;
	return 0;
}

void store_read_close(struct store_read *r)
{
	if (!r)
		return;
	for (int q = 0; q < RQ_COUNT; q++)
		sqlite3_finalize(r->st[q]);
	if (!r->borrowed)
		sqlite3_close(r->db);
	free(r->path);
	free(r->name);
	free(r);
}

const char *store_read_path(const struct store_read *r)
{
	return r->path;
}

const char *store_read_kiosk_id(const struct store_read *r)
{
	return r->id;
}

const char *store_read_kiosk_name(const struct store_read *r)
{
	return r->name;
}

int store_read_begin(struct store_read *r, struct kerr *err)
{
	int rc = sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : db_fail(r, err, rc);
}

void store_read_end(struct store_read *r)
{
	/* Ends the read either way; a read has nothing to lose. */
	if (!sqlite3_get_autocommit(r->db))
		sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	/* A merge keeps one connection per database: only the one being read may hold a full
	 * page cache. */
	sqlite3_db_release_memory(r->db);
}

static const char *text_or_empty(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

static int bad_time(const struct store_read *r, const char *what, const unsigned char *at,
                    struct kerr *err)
{
	/* TRANSLATORS: the second %s is "a session" or "an event"; the third is the stored
	 * time as it is. */
	kerr_set(err, _("cannot read the database %s: %s has a damaged time (%s)"), r->path, what,
	         at ? (const char *)at : "NULL");
	return -1;
}

/* The columns of LEARNER_COLUMNS (RQ_EVENTS_FOR_LEARNERS, and the first ones of every query
 * of events); the rest of e stays as the caller set it. */
static int learner_event_of_row(struct store_read *r, sqlite3_stmt *st,
                                struct store_read_event *e, struct kerr *err)
{
	const unsigned char *at = sqlite3_column_text(st, 5);

	if (isotime_parse_stored((const char *)at, &r->day, &e->at_ms) < 0)
		return bad_time(r, _("an event"), at, err);
	e->session = sqlite3_column_int64(st, 0);
	e->learner = sqlite3_column_int64(st, 1);
	e->lang = text_or_empty(st, 2);
	e->lesson = text_or_empty(st, 3);
	e->kind = text_or_empty(st, 4);
	return 0;
}

/* A row of EVENT_COLUMNS. */
static int event_of_row(struct store_read *r, sqlite3_stmt *st, struct store_read_event *e,
                        struct kerr *err)
{
	if (learner_event_of_row(r, st, e, err) < 0)
		return -1;
	e->id = sqlite3_column_int64(st, 6);
	e->step = text_or_empty(st, 7);
	e->step_index = sqlite3_column_int64(st, 8);
	e->step_count = sqlite3_column_int64(st, 9);
	e->answer = (const char *)sqlite3_column_text(st, 10);
	e->correct = sqlite3_column_int(st, 11) != 0;
	e->hint = sqlite3_column_int(st, 12) != 0;
	e->reset_id = sqlite3_column_int64(st, 13);  /* NULL reads as 0 */
	e->show_me = sqlite3_column_int(st, 14) != 0;
	return 0;
}

int store_read_events(struct store_read *r, enum store_read_order order,
                      int (*fn)(void *ctx, const struct store_read_event *e, struct kerr *err),
                      void *ctx, struct kerr *err)
{
	static const enum rq query[] = {
		[STORE_READ_BY_ID] = RQ_EVENTS_BY_ID,
		[STORE_READ_BY_LEARNER_LESSON] = RQ_EVENTS_BY_LEARNER,
		[STORE_READ_FOR_LEARNERS] = RQ_EVENTS_FOR_LEARNERS,
	};
	sqlite3_stmt *st = r->st[query[order]];
	int rc, status = 0;

	while (status == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_read_event e = { .step = "" };

		status = order == STORE_READ_FOR_LEARNERS ? learner_event_of_row(r, st, &e, err)
		                                          : event_of_row(r, st, &e, err);
		if (status == 0)
			status = fn(ctx, &e, err);
	}
	if (status == 0 && rc != SQLITE_DONE)
		status = db_fail(r, err, rc);
	sqlite3_reset(st);
	return status;
}

int store_read_learner(struct store_read *r, int64_t id, bool *found, bool *removed,
                       char **name, struct kerr *err)
{
	sqlite3_stmt *st = r->st[RQ_LEARNER];
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	*removed = *found && sqlite3_column_int(st, 1) != 0;
	if (name)
		*name = *found && !*removed ? xstrdup(text_or_empty(st, 0)) : NULL;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(r, err, rc);
}

int store_read_removed(struct store_read *r, int64_t **ids, size_t *n, struct kerr *err)
{
	sqlite3_stmt *st = r->st[RQ_REMOVED];
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r, err, rc);
}

int store_read_session_start(struct store_read *r, int64_t id, bool *found, int64_t *ms,
                             struct kerr *err)
{
	sqlite3_stmt *st = r->st[RQ_SESSION];
	int rc, status = 0;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found && isotime_parse_stored((const char *)sqlite3_column_text(st, 0), &r->day,
	                                   ms) < 0)
		status = bad_time(r, _("a session"), sqlite3_column_text(st, 0), err);
	sqlite3_reset(st);
	if (status == 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = db_fail(r, err, rc);
	return status;
}

int store_read_check_sessions(struct store_read *r, struct kerr *err)
{
	sqlite3_stmt *st = r->st[RQ_SESSION_TIMES];
	int rc, status = 0;

	while (status == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t ms;
		const unsigned char *at = sqlite3_column_text(st, 0);

		if (isotime_parse_stored((const char *)at, &r->day, &ms) < 0)
			status = bad_time(r, _("a session"), at, err);
	}
	if (status == 0 && rc != SQLITE_DONE)
		status = db_fail(r, err, rc);
	sqlite3_reset(st);
	return status;
}

int store_read_totals(struct store_read *r, const struct store_stats_reader *rd,
                      bool *current, struct kerr *err)
{
	int rc = store_stats_read(r->db, rd, current);

	return rc == SQLITE_OK ? 0 : db_fail(r, err, rc);
}

int store_read_events_since(struct store_read *r, int64_t since_ms, bool *done,
                            int (*fn)(void *ctx, const struct store_read_event *e,
                                      struct kerr *err),
                            void *ctx, struct kerr *err)
{
	/* stat_groups.max_ms: the latest time of each learner's events in each lesson.  CROSS
	 * JOIN keeps the groups as the outer loop (else SQLite scans every event), and ordering
	 * by their key lets both indexes give the order without sorting. */
	static const char sql[] =
		"SELECT e.session_id, e.learner_id, e.lang, e.lesson_id, e.kind, e.at, e.id,"
		" e.step_id, e.step_index, e.step_count, e.answer, e.correct, e.hint_shown,"
		" e.reset_id, e.show_me"  /* the order of EVENT_COLUMNS */
		" FROM stat_groups g CROSS JOIN events e"
		"  ON e.learner_id = g.learner_id AND e.lesson_id = g.lesson_id"
		" WHERE g.max_ms >= ?1 ORDER BY g.learner_id, g.lesson_id, e.id";
	sqlite3_stmt *st;
	int rc, status = 0;

	*done = false;
	if (!r->borrowed || !r->v4)
		return 0;  /* another file: no totals to trust */
	rc = store_stats_current(r->db, done);
	if (rc != SQLITE_OK)
		return db_fail(r, err, rc);
	if (!*done)
		return 0;
	rc = sqlite3_prepare_v2(r->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(r, err, rc);
	sqlite3_bind_int64(st, 1, since_ms);
	while (status == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_read_event e = { .step = "" };

		status = event_of_row(r, st, &e, err);
		if (status == 0)
			status = fn(ctx, &e, err);
	}
	if (status == 0 && rc != SQLITE_DONE)
		status = db_fail(r, err, rc);
	sqlite3_finalize(st);
	return status;
}
