/* store: see store.h.  The schema is the list of migrations below: PRAGMA user_version is
 * the number of them applied.  A file is identified (SQLite at all? ours? not newer?) with
 * reads only, before anything writes to it, so another program's database is never touched. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "i18n.h"
#include "run.h"
#include "sqlite_dl.h"
#include "store_stats.h"
#include "text.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define BUSY_TIMEOUT_MS 5000
#define KIOSK_ID_LEN 32

static const char migration_1[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"INSERT INTO meta(key, value) VALUES"
	"  ('kiosk_id', lower(hex(randomblob(16)))),"
	"  ('created_at', " NOW ");"
	"CREATE TABLE learners ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  lang TEXT NOT NULL,"
	"  started_at TEXT NOT NULL,"
	"  ended_at TEXT);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  step_id TEXT NOT NULL,"
	"  step_index INTEGER NOT NULL,"
	"  step_count INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('read', 'choose', 'type', 'complete')),"
	"  answer TEXT,"
	"  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),"
	"  hint_shown INTEGER NOT NULL CHECK (hint_shown IN (0, 1)),"
	"  at TEXT NOT NULL);";

/* name_key is text_fold(name): SQLite's lower() and NOCASE only know ASCII.  Existing rows
 * get their key from fill_name_keys() in the same transaction. */
static const char migration_2[] =
	"ALTER TABLE learners ADD COLUMN name_key TEXT;"
	"CREATE INDEX learners_name_key ON learners(name_key);"
	"CREATE INDEX events_learner_lesson ON events(learner_id, lesson_id);";

/* The trainer's side (issue 4).  Nothing is ever deleted: a reset marks events with the
 * reset's id, a removed learner keeps its row without the name. */
static const char migration_3[] =
	"CREATE TABLE resets ("
	"  id INTEGER PRIMARY KEY,"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  lesson_id TEXT,"
	"  at TEXT NOT NULL,"
	"  source TEXT NOT NULL);"
	"ALTER TABLE events ADD COLUMN reset_id INTEGER REFERENCES resets(id);"
	"ALTER TABLE learners ADD COLUMN removed_at TEXT;"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  learner_id INTEGER REFERENCES learners(id),"
	"  lesson_id TEXT,"
	"  detail TEXT);"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);";

/* Practice screens (issue "Practice screens"): their attempts are events of kind 'practice',
 * and show_me marks an attempt made after the learner watched "show me".  SQLite cannot
 * change a CHECK constraint, so events is rebuilt as its documented procedure says (create
 * the new table, copy, drop, rename, recreate the index).  No table refers to events, so
 * dropping it with foreign keys on deletes nothing elsewhere; check_foreign_keys() then
 * proves, before the commit, that every copied row still points at its session, learner and
 * reset (PRAGMA foreign_keys cannot be turned off inside the transaction). */
static const char migration_4[] =
	"CREATE TABLE events_new ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES sessions(id),"
	"  learner_id INTEGER NOT NULL REFERENCES learners(id),"
	"  lang TEXT NOT NULL,"
	"  lesson_id TEXT NOT NULL,"
	"  step_id TEXT NOT NULL,"
	"  step_index INTEGER NOT NULL,"
	"  step_count INTEGER NOT NULL,"
	"  kind TEXT NOT NULL"
	"    CHECK (kind IN ('read', 'choose', 'type', 'practice', 'complete')),"
	"  answer TEXT,"
	"  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),"
	"  hint_shown INTEGER NOT NULL CHECK (hint_shown IN (0, 1)),"
	"  at TEXT NOT NULL,"
	"  reset_id INTEGER REFERENCES resets(id),"
	"  show_me INTEGER NOT NULL DEFAULT 0 CHECK (show_me IN (0, 1)));"
	"INSERT INTO events_new(id, session_id, learner_id, lang, lesson_id, step_id, step_index,"
	"  step_count, kind, answer, correct, hint_shown, at, reset_id)"
	"  SELECT id, session_id, learner_id, lang, lesson_id, step_id, step_index,"
	"  step_count, kind, answer, correct, hint_shown, at, reset_id FROM events;"
	"DROP TABLE events;"
	"ALTER TABLE events_new RENAME TO events;"
	"CREATE INDEX events_learner_lesson ON events(learner_id, lesson_id);";

/* The trainer's learner list (kiosk learners, the trainer menu) asks each learner's latest
 * session: without this index that was a scan of every session per learner. */
static const char migration_5[] =
	"CREATE INDEX sessions_learner ON sessions(learner_id, started_at);";

static int fill_name_keys(sqlite3 *db);
static void flush_pending(struct store *s);
static void timing_open(struct store *s);
static int check_foreign_keys(sqlite3 *db);

struct migration {
	const char *sql;
	int (*fill)(sqlite3 *db);  /* C part, run after sql in the same transaction; or NULL */
};

/* migrations[i] takes the schema from version i to i + 1.  Append only. */
static const struct migration migrations[] = {
	{ migration_1, NULL },
	{ migration_2, fill_name_keys },
	{ migration_3, NULL },
	{ migration_4, check_foreign_keys },
	{ migration_5, NULL },
	/* The running totals of the trainer's statistics screen (store_stats.h): filled from
	 * every event by store_stats_catch_up in the same transaction (see migrate). */
	{ store_stats_schema, NULL },
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* Statements used after open, prepared once and reused. */
enum stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_BEGIN_READ,
	ST_FIND_LEARNER,
	ST_ADD_LEARNER,
	ST_LIST_LEARNERS,
	ST_BEGIN_SESSION,
	ST_END_SESSION,
	ST_RECORD,
	ST_RUN_EVENTS,
	ST_LEARNER,
	ST_FIND_OTHER,
	ST_RENAME,
	ST_REMOVE,
	ST_FORGET_ANSWERS,
	ST_SUMMARIES,
	ST_ADD_RESET,
	ST_MARK_RESET,
	ST_AUDIT,
	ST_GET_SETTING,
	ST_SET_SETTING,
	ST_PIN_ATTEMPTS,
	ST_RESET_COUNT,
	ST_DATA_VERSION,
	ST_AUDIT_MAX,
	ST_OUTSIDE_CHANGE,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_BEGIN_READ] = "BEGIN",
	[ST_FIND_LEARNER] =
		"SELECT id FROM learners WHERE name_key = ?1 AND removed_at IS NULL"
		" ORDER BY id LIMIT 1",
	[ST_ADD_LEARNER] =
		"INSERT INTO learners(name, name_key, created_at) VALUES (?1, ?2, " NOW ")",
	/* Never seen (NULL) sorts last in DESC; ties on the millisecond go to the later
	 * session, then to the newer learner. */
	[ST_LIST_LEARNERS] =
		"SELECT l.id, l.name, max(s.started_at) AS seen, max(s.id) AS last"
		" FROM learners l LEFT JOIN sessions s ON s.learner_id = l.id"
		" WHERE l.removed_at IS NULL"
		" GROUP BY l.id ORDER BY seen DESC, last DESC, l.id DESC",
	[ST_BEGIN_SESSION] =
		"INSERT INTO sessions(learner_id, lang, started_at) VALUES (?1, ?2, " NOW ")",
	/* ?2: the time the session really ended, when its end is written late. */
	[ST_END_SESSION] =
		"UPDATE sessions SET ended_at = coalesce(?2, " NOW ") WHERE id = ?1",
	[ST_RECORD] =
		"INSERT INTO events(session_id, learner_id, lang, lesson_id, step_id, step_index,"
		" step_count, kind, answer, correct, hint_shown, show_me, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " NOW ")",
	/* The learner's current events in the lesson, cut into runs by run.h: ids, not times,
	 * order them (the clock may be set back).  Events from before a reset are history, not
	 * progress. */
	[ST_RUN_EVENTS] =
		"SELECT kind = 'complete', correct, step_id FROM events"
		" WHERE learner_id = ?1 AND lesson_id = ?2 AND reset_id IS NULL ORDER BY id",
	[ST_LEARNER] =
		"SELECT name, removed_at IS NOT NULL FROM learners WHERE id = ?1",
	[ST_FIND_OTHER] =
		"SELECT id, name FROM learners"
		" WHERE name_key = ?1 AND id <> ?2 AND removed_at IS NULL ORDER BY id LIMIT 1",
	[ST_RENAME] =
		"UPDATE learners SET name = ?2, name_key = ?3 WHERE id = ?1",
	[ST_REMOVE] =
		"UPDATE learners SET name = '', name_key = NULL, removed_at = " NOW
		" WHERE id = ?1 AND removed_at IS NULL",
	/* What a learner typed can be personal (a phone number, a town); whether it was right
	 * is the statistic, and stays. */
	[ST_FORGET_ANSWERS] =
		"UPDATE events SET answer = NULL WHERE learner_id = ?1 AND kind = 'type'",
	/* Ordered as ST_LIST_LEARNERS.  Subqueries rather than joins: joining sessions and
	 * events together would multiply rows. */
	[ST_SUMMARIES] =
		"SELECT l.id, l.name, l.created_at,"
		" (SELECT max(started_at) FROM sessions WHERE learner_id = l.id) AS seen,"
		" (SELECT max(id) FROM sessions WHERE learner_id = l.id) AS last,"
		/* The started lessons' IDs (for `kiosk reset --lesson`), joined by U+001F, which no
		 * lesson ID holds; their number is the count of lessons started (one pass, not two:
		 * a third pass made `kiosk learners` 50% slower). */
		" (SELECT group_concat(lesson_id, char(31)) FROM (SELECT DISTINCT lesson_id FROM events"
		"   WHERE learner_id = l.id AND reset_id IS NULL ORDER BY lesson_id)),"
		" (SELECT count(DISTINCT lesson_id) FROM events"
		"   WHERE learner_id = l.id AND reset_id IS NULL AND kind = 'complete')"
		" FROM learners l WHERE l.removed_at IS NULL"
		" ORDER BY seen DESC, last DESC, l.id DESC",
	[ST_ADD_RESET] =
		"INSERT INTO resets(learner_id, lesson_id, at, source) VALUES (?1, ?2, " NOW ", ?3)",
	/* ?3 NULL: every lesson. */
	[ST_MARK_RESET] =
		"UPDATE events SET reset_id = ?1"
		" WHERE learner_id = ?2 AND reset_id IS NULL AND (?3 IS NULL OR lesson_id = ?3)",
	[ST_AUDIT] =
		"INSERT INTO audit(at, action, learner_id, lesson_id, detail)"
		" VALUES (" NOW ", ?1, ?2, ?3, ?4)",
	[ST_GET_SETTING] =
		"SELECT value FROM settings WHERE key = ?1",
	[ST_SET_SETTING] =
		"INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	/* Newest first: the caller stops at the first attempt that was not wrong. */
	[ST_PIN_ATTEMPTS] =
		"SELECT action = 'pin-wrong' FROM audit"
		" WHERE action IN ('pin-ok', 'pin-wrong', 'pin-set') ORDER BY id DESC",
	/* A reset of every lesson (lesson_id NULL) counts for each lesson. */
	[ST_RESET_COUNT] =
		"SELECT count(*) FROM resets WHERE learner_id = ?1"
		" AND (lesson_id IS NULL OR lesson_id = ?2)",
	/* Changes when another connection (a command-line tool) commits: the cheap test. */
	[ST_DATA_VERSION] = "PRAGMA data_version",
	[ST_AUDIT_MAX] = "SELECT coalesce(max(id), 0) FROM audit",
	/* Rows after ?1 (by rowid: a short range scan) that concern learner ?2. */
	[ST_OUTSIDE_CHANGE] =
		"SELECT id, action FROM audit WHERE id > ?1 AND learner_id = ?2"
		" AND action IN ('reset', 'remove') AND detail LIKE 'source=cli%' ORDER BY id",
};

/* A session end that could not be written (a full disk at F10), kept to be written with
 * its real time as soon as a later write succeeds. */
struct pending_end {
	int64_t session;
	char at[32];
};

struct store {
	sqlite3 *db;
	char *path;
	char *dir;                      /* folder of path, for messages and permission checks */
	char kiosk_id[KIOSK_ID_LEN + 1];
	bool fresh;                     /* empty when opened: created by this open */
	sqlite3_stmt *st[ST_COUNT];
	int64_t data_version;           /* PRAGMA data_version at the last store_outside_change */
	dev_t dev;                      /* the file opened, to notice it deleted or replaced */
	ino_t ino;
	bool gone;                      /* it was: nothing more is written or read */
	struct pending_end *pending;
	size_t npending, cap_pending;
	FILE *timing;                   /* $KIOSK_TIMING_LOG: one line per answer saved */
	struct store_stats *stats;      /* the running totals, kept with every event */
};

/* ---- small SQLite helpers ---- */

/* Runs every statement of a fixed script (no parameters). */
static int exec_script(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	const char *tail;
	int rc = SQLITE_OK;

	while (rc == SQLITE_OK && *sql) {
		rc = sqlite3_prepare_v2(db, sql, -1, &st, &tail);
		if (rc != SQLITE_OK)
			break;
		sql = tail;
		if (!st)
			continue;  /* only blanks were left */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(st);
	}
	return rc;
}

/* Runs a one-value query; *v is 0 when there is no row. */
static int query_int(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	*v = 0;
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

/* The same for a text value, copied into buf ("" when there is no row or it is NULL). */
static int query_text(sqlite3 *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	buf[0] = '\0';
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (t = sqlite3_column_text(st, 0)))
		snprintf(buf, size, "%s", (const char *)t);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc;
}

static void release(sqlite3_stmt *st);

/* Steps a prepared statement that returns no rows and makes it ready for the next use.
 * The error message stays on the connection for the caller. */
static int run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	release(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Statement i of stmt_sql, prepared at its first use rather than at open: a start or a
 * command needs a few of them, and preparing them all was 70% of opening a database (the
 * kiosk's start with an existing database, every command).  NULL when it cannot be prepared
 * (a damaged schema; the next call tries again): SQLite's bind and step functions then
 * return SQLITE_MISUSE, which the caller reports as a failure, the reason left in
 * sqlite3_errmsg. */
static sqlite3_stmt *stmt(struct store *s, enum stmt i)
{
	if (!s->st[i] && sqlite3_prepare_v2(s->db, stmt_sql[i], -1, &s->st[i], NULL) != SQLITE_OK) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
	return s->st[i];
}

static void release(sqlite3_stmt *st)
{
	if (!st)  /* not prepared (stmt): sqlite3_clear_bindings does not take NULL */
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	/* STATIC is safe: every statement is reset before the function that bound it returns. */
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* ---- messages ---- */

bool store_kiosk_id_valid(const char *id)
{
	return id && strlen(id) == KIOSK_ID_LEN && strspn(id, "0123456789abcdef") == KIOSK_ID_LEN;
}

const char *store_sqlite_reason(sqlite3 *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return _("the disk is full");
	case SQLITE_READONLY:
		return _("the database cannot be written (read-only)");
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return _("another program is holding the database");
	case SQLITE_CORRUPT:
		return _("the database file is damaged");
	case SQLITE_NOTADB:
		return _("the file is not a kiosk database");
	case SQLITE_IOERR:
		return _("the disk could not be read or written");
	default:
		return sqlite3_errmsg(db);
	}
}

static int fail(const struct store *s, struct kerr *err, int rc, const char *what)
{
	/* TRANSLATORS: "cannot save the answer: the disk is full (database /var/kiosk.db)" */
	kerr_set(err, _("%s: %s (database %s)"), what, store_sqlite_reason(s->db, rc), s->path);
	return -1;
}

/* A failure while opening: name the cause the trainer can fix, permissions first. */
static int open_fail(const struct store *s, struct kerr *err, int rc)
{
	int primary = rc & 0xff;

	if (primary == SQLITE_NOTADB)
		kerr_set(err, _("cannot open %s: the file is not a kiosk database"), s->path);
	else if (primary == SQLITE_BUSY || primary == SQLITE_FULL || primary == SQLITE_CORRUPT)
		kerr_set(err, _("cannot open the database %s: %s"), s->path, store_sqlite_reason(s->db, rc));
	else if (access(s->path, R_OK) < 0)
		kerr_set(err, _("cannot open the database %s: the file cannot be read (%s)"),
		         s->path, strerror(errno));
	else if (access(s->path, W_OK) < 0)
		kerr_set(err, _("cannot open the database %s: the file is read-only"), s->path);
	else if (access(s->dir, W_OK) < 0)
		/* TRANSLATORS: SQLite needs to create files next to the database. */
		kerr_set(err, _("cannot open the database %s: the folder %s is read-only"),
		         s->path, s->dir);
	else
		kerr_set(err, _("cannot open the database %s: %s"), s->path, store_sqlite_reason(s->db, rc));
	return -1;
}

/* ---- the file under us ---- */

/* True when the file at path is no longer the one SQLite has open: deleted, or replaced by
 * another file.  Writing on would confirm steps into a file the next start never opens, and
 * reading on would show progress that is not kept. */
static bool file_moved(const struct store *s)
{
	struct stat st;
	int moved = 0;

	if (stat(s->path, &st) < 0 || st.st_dev != s->dev || st.st_ino != s->ino ||
	    st.st_nlink == 0)
		return true;
	/* SQLite's own view (its open file's inode), for a replacement made between the open
	 * and remember_file(). */
	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
		return false;
	return moved != 0;
}

/* Called before every read or write of the kiosk's data.  The message is for the learner
 * (their language) and the trainer (the path). */
static int check_file(const struct store *s, struct kerr *err)
{
	if (!file_moved(s))
		return 0;
	/* TRANSLATORS: shown to the learner on the lesson screen when an answer cannot be
	 * saved; the database file was deleted or replaced by someone. */
	kerr_set(err, _("This is not saved: the kiosk's database was deleted or replaced. "
	                "Please call the trainer. (database %s)"), s->path);
	return -1;
}

bool store_file_gone(const struct store *s)
{
	return file_moved(s);
}

/* ---- opening ---- */

static int check_folder(const struct store *s, struct kerr *err)
{
	struct stat st;

	if (stat(s->dir, &st) < 0) {
		if (errno == ENOENT)
			kerr_set(err, _("cannot open the database %s: the folder %s does not exist"),
			         s->path, s->dir);
		else
			kerr_set(err, _("cannot open the database %s: cannot reach the folder %s (%s)"),
			         s->path, s->dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		kerr_set(err, _("cannot open the database %s: %s is not a folder"), s->path, s->dir);
		return -1;
	}
	return 0;
}

/* Other users must not read learners' names, answers or the PIN hash, nor SQLite's -wal and
 * -shm files (which get the database's mode).  The group may: a centre server can run its
 * kiosks as several users of one group.  A file of ours is tightened; one of another user
 * that others can read is refused, since only its owner can fix it. */
static int tighten(const struct store *s, const char *file, struct kerr *err)
{
	struct stat st;

	if (stat(file, &st) < 0 || !(st.st_mode & 007))
		return 0;  /* missing (-wal, -shm) or already private */
	if (st.st_uid == geteuid() && chmod(file, st.st_mode & 0770) == 0)
		return 0;
	kerr_set(err, _("cannot open the database %s: %s can be read by every user of this "
	                "computer (names, answers, the PIN hash); its owner must run: chmod o-rwx %s"),
	         s->path, file, file);
	return -1;
}

static int tighten_all(const struct store *s, struct kerr *err)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		char *file = xasprintf("%s%s", s->path, suffixes[i]);
		int r = tighten(s, file, err);

		free(file);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* Only a regular file is a database: a named pipe would hang the open, a device would be
 * read as one. */
static int check_existing(const struct store *s, const struct stat *st, struct kerr *err)
{
	if (S_ISDIR(st->st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is a folder, not a file"), s->path);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		kerr_set(err, _("cannot open the database %s: it is not a regular file (a named "
		                "pipe, a device or a socket)"), s->path);
		return -1;
	}
	return tighten_all(s, err);
}

/* SQLite is loaded when the first database is opened (sqlite_dl.h): before the file is
 * made, so a kiosk that cannot load it leaves nothing behind. */
static int load_library(const struct store *s, struct kerr *err)
{
	if (sqlite_dl_load() == 0)
		return 0;
	kerr_set(err, _("cannot open the database %s: %s"), s->path, sqlite_dl_error());
	return -1;
}

/* Creates a missing database file readable by its owner only (it holds learners' names);
 * an existing file must be a regular file that other users cannot read. */
static int create_file(const struct store *s, struct kerr *err)
{
	struct stat st;
	int fd;

	if (stat(s->path, &st) == 0)
		return check_existing(s, &st, err);
	fd = open(s->path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 && errno == EEXIST)
		/* another kiosk created it just now */
		return stat(s->path, &st) == 0 ? check_existing(s, &st, err) : 0;
	if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
		kerr_set(err, _("cannot create the database %s: the folder %s is read-only"),
		         s->path, s->dir);
		return -1;
	}
	if (fd < 0) {
		kerr_set(err, _("cannot create the database %s: %s"), s->path, strerror(errno));
		return -1;
	}
	(void)fchmod(fd, 0600);  /* whatever the umask */
	close(fd);
	return 0;
}

/* The file SQLite opened, to notice later that it was deleted or replaced. */
static int remember_file(struct store *s, struct kerr *err)
{
	struct stat st;

	if (stat(s->path, &st) < 0) {
		kerr_set(err, _("cannot open the database %s: %s"), s->path, strerror(errno));
		return -1;
	}
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	return 0;
}

/* Waits for another kiosk's lock in short steps, up to BUSY_TIMEOUT_MS.  SQLite's own
 * busy_timeout sleeps 1, 2, 5, 10, ... up to 100 ms between tries: with 20 kiosks on one
 * database an answer could then wait far longer than the other commit took (make stress). */
static int busy_wait(void *arg, int count)
{
	static double since;
	struct timespec ts, nap = { 0, 0 };
	double now;

	(void)arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
	if (count == 0)
		since = now;
	if (now - since > BUSY_TIMEOUT_MS)
		return 0;
	nap.tv_nsec = count < 20 ? 200000 : 1000000;  /* 0.2 ms, then 1 ms */
	nanosleep(&nap, NULL);
	return 1;
}

static int connect_db(struct store *s, struct kerr *err)
{
	int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE, NULL);

	if (rc != SQLITE_OK)
		return open_fail(s, err, rc);
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_handler(s->db, busy_wait, NULL);
	/* Before any read: reading a WAL database would leave -wal and -shm files behind. */
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return open_fail(s, err, SQLITE_READONLY);
	return 0;
}

static int newer_fail(const struct store *s, struct kerr *err, int64_t version)
{
	kerr_set(err, _("cannot open the database %s: it was made by a newer kiosk "
	                "(schema %lld, this kiosk knows up to %d); update the kiosk program"),
	         s->path, (long long)version, STORE_SCHEMA_VERSION);
	return -1;
}

/* Ours when it carries a kiosk id; another program's meta table has other columns. */
static int is_ours(const struct store *s, bool *ours)
{
	int64_t n;
	int rc = query_int(s->db, "SELECT count(*) FROM meta WHERE key = 'kiosk_id'", &n);

	*ours = rc == SQLITE_OK && n == 1;
	return (rc & 0xff) == SQLITE_ERROR ? SQLITE_OK : rc;  /* no such table or column */
}

/* Refuses, with reads only, a file that is not SQLite, another program's database, or one
 * from a newer kiosk.  An empty database is ours to fill. */
static int identify(struct store *s, struct kerr *err)
{
	int64_t version = 0, objects = 0;
	bool ours = false;
	int rc;

	/* One read transaction: another kiosk may be creating the schema right now, and
	 * version 0 from before it with its tables from after would look like a stranger. */
	rc = exec_script(s->db, "BEGIN");
	if (rc == SQLITE_OK)
		rc = query_int(s->db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &objects);
	if (rc == SQLITE_OK && (version != 0 || objects != 0))
		rc = is_ours(s, &ours);
	if (rc != SQLITE_OK)
		open_fail(s, err, rc);
	if (!sqlite3_get_autocommit(s->db))
		exec_script(s->db, "COMMIT");
	if (rc != SQLITE_OK)
		return -1;
	if (version == 0 && objects == 0) {
		s->fresh = true;
		return 0;
	}
	if (!ours || version == 0) {
		kerr_set(err, _("cannot open %s: it is the database of another program, not a "
		                "kiosk database; it was left unchanged"), s->path);
		return -1;
	}
	if (version > STORE_SCHEMA_VERSION)
		return newer_fail(s, err, version);
	return 0;
}

static int configure(struct store *s, struct kerr *err)
{
	char mode[16];
	int rc;

	rc = exec_script(s->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
	/* Turning a new file to WAL needs it to itself.  When several kiosks open a new file at
	 * once, SQLite refuses at once (SQLITE_BUSY, no busy handler: waiting could deadlock)
	 * the one that holds a read lock while another waits to write; a moment later the way
	 * is clear, so try again for as long as the busy timeout. */
	for (int tries = 0; rc == SQLITE_OK; tries++) {
		rc = query_text(s->db, "PRAGMA journal_mode = WAL", mode, sizeof mode);
		if ((rc & 0xff) != SQLITE_BUSY || tries >= BUSY_TIMEOUT_MS / 2)
			break;
		rc = SQLITE_OK;
		sqlite3_sleep(2);
	}
	if (rc != SQLITE_OK)
		return open_fail(s, err, rc);
	if (strcmp(mode, "wal") != 0) {
		kerr_set(err, _("cannot open the database %s: its write-ahead log cannot be "
		                "turned on (journal mode stays %s)"), s->path, mode);
		return -1;
	}
	return 0;
}

/* ---- names ---- */

/* name without invisible format characters (text_strip_invisible) and blanks at either end,
 * NFC; caller frees. */
static char *clean_name(const char *raw)
{
	size_t n, end = 0;
	char *visible = text_strip_invisible(raw), *trimmed, *nfc;
	const char *name = visible;

	while ((n = text_blank_len(name)))
		name += n;
	for (size_t i = 0; name[i]; i += n ? n : 1)
		if (!(n = text_blank_len(name + i)))
			end = i + 1;
	trimmed = xstrndup(name, end);
	nfc = text_nfc(trimmed);
	free(trimmed);
	free(visible);
	return nfc;
}

/* Gives every learner of a version 1 database its trimmed NFC name and its name_key. */
static int fill_name_keys(sqlite3 *db)
{
	sqlite3_stmt *sel = NULL, *upd = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT id, name FROM learners", -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE learners SET name = ?1, name_key = ?2"
		                        " WHERE id = ?3", -1, &upd, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(sel, 1);
		char *clean = clean_name(name ? name : "");
		char *key = text_fold(clean);

		sqlite3_bind_text(upd, 1, clean, -1, SQLITE_STATIC);
		sqlite3_bind_text(upd, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(upd, 3, sqlite3_column_int64(sel, 0));
		rc = run(upd);
		free(clean);
		free(key);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLITE_CONSTRAINT_FOREIGNKEY when any row of the database points at a row that does not
 * exist: then the migration is rolled back rather than committed. */
static int check_foreign_keys(sqlite3 *db)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return SQLITE_CONSTRAINT_FOREIGNKEY;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int set_version(sqlite3 *db, int version)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	return exec_script(db, sql);
}

/* Applies to the running totals every event not applied yet (store_stats.h); prepares their
 * statements on first use, so that a start that saves nothing does not pay for them.  The
 * caller holds a write transaction.  Returns a SQLite code. */
static int stats_catch_up(struct store *s)
{
	int rc = s->stats ? SQLITE_OK : store_stats_prepare(s->db, &s->stats);

	return rc == SQLITE_OK ? store_stats_catch_up(s->stats) : rc;
}

/* Brings the schema from whatever version the file has to STORE_SCHEMA_VERSION in one
 * transaction: a new database is created with one commit (a few disk syncs, not one set per
 * migration), and an upgrade is all or nothing.  BEGIN IMMEDIATE takes the write lock even
 * when there is nothing to do, so a read-only file or folder is found here, at open, and two
 * kiosks opening a new file at once do not both create it. */
static int migrate(struct store *s, struct kerr *err)
{
	int64_t cur;
	int v = 0;
	bool current = true;
	int rc;

	/* A new, empty database holds nothing to lose: its creation need not wait for the disk
	 * (a crash before the next commit only means creating it again).  Upgrades stay
	 * synchronous.  (SQLite changes this only outside a transaction.) */
	if (s->fresh)
		exec_script(s->db, "PRAGMA synchronous = OFF");
	rc = exec_script(s->db, "BEGIN IMMEDIATE");

	if (rc != SQLITE_OK)
		return open_fail(s, err, rc);
	rc = query_int(s->db, "PRAGMA user_version", &cur);
	if (rc == SQLITE_OK && cur > STORE_SCHEMA_VERSION) {
		exec_script(s->db, "ROLLBACK");  /* a newer kiosk upgraded it meanwhile */
		return newer_fail(s, err, cur);
	}
	for (v = (int)cur + 1; rc == SQLITE_OK && v <= STORE_SCHEMA_VERSION; v++) {
		const struct migration *m = &migrations[v - 1];

		rc = exec_script(s->db, m->sql);
		if (rc == SQLITE_OK && m->fill)
			rc = m->fill(s->db);
		if (rc != SQLITE_OK)
			break;
	}
	if (rc == SQLITE_OK && cur < STORE_SCHEMA_VERSION)
		rc = set_version(s->db, STORE_SCHEMA_VERSION);
	/* The totals take in every event not yet applied: all of them just after migration 6,
	 * else those another program added (usually none: one indexed read). */
	if (rc == SQLITE_OK)
		rc = store_stats_current(s->db, &current);
	if (rc == SQLITE_OK && !current)
		rc = stats_catch_up(s);
	if (rc == SQLITE_OK)
		rc = exec_script(s->db, "COMMIT");
	if (s->fresh)  /* every later commit is durable, and makes this one durable with it */
		exec_script(s->db, "PRAGMA synchronous = FULL");
	if (rc == SQLITE_OK)
		return 0;
	if (v > STORE_SCHEMA_VERSION)
		v = STORE_SCHEMA_VERSION;  /* the commit failed */
	/* TRANSLATORS: "cannot upgrade the database X to schema 2: the disk is full" */
	kerr_set(err, _("cannot upgrade the database %s to schema %d: %s"), s->path, v,
	         rc == SQLITE_CONSTRAINT_FOREIGNKEY ?
	         /* TRANSLATORS: e.g. an answer of a learner who is not in the database. */
	         _("the database holds rows that point at rows that do not exist") :
	         store_sqlite_reason(s->db, rc));
	if (!sqlite3_get_autocommit(s->db))
		exec_script(s->db, "ROLLBACK");
	return -1;
}

static int read_kiosk_id(struct store *s, struct kerr *err)
{
	char id[2 * KIOSK_ID_LEN];  /* room to see a value that is too long */
	int rc = query_text(s->db, "SELECT value FROM meta WHERE key = 'kiosk_id'",
	                    id, sizeof id);

	if (rc != SQLITE_OK)
		return open_fail(s, err, rc);
	if (!store_kiosk_id_valid(id)) {
		kerr_set(err, _("cannot open the database %s: its kiosk id is damaged"), s->path);
		return -1;
	}
	memcpy(s->kiosk_id, id, KIOSK_ID_LEN + 1);
	return 0;
}


int store_open(const char *path, struct store **out, struct kerr *err)
{
	struct store *s = xcalloc(1, sizeof *s);

	*out = NULL;
	s->path = xstrdup(path);
	s->dir = path_dir(path);
	if (load_library(s, err) < 0 || check_folder(s, err) < 0 || create_file(s, err) < 0 || connect_db(s, err) < 0 ||
	    remember_file(s, err) < 0 || identify(s, err) < 0 || configure(s, err) < 0 || migrate(s, err) < 0 ||
	    read_kiosk_id(s, err) < 0) {
		store_close(s);
		return -1;
	}
	timing_open(s);
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->db && s->npending && !file_moved(s))
		flush_pending(s);  /* the last chance for a session end that failed */
	free(s->pending);
	if (s->timing)
		fclose(s->timing);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	store_stats_free(s->stats);
	sqlite3_close(s->db);
	free(s->path);
	free(s->dir);
	free(s);
}

struct sqlite3 *store_connection(struct store *s)
{
	return s->db;
}

const char *store_kiosk_id(const struct store *s)
{
	return s->kiosk_id;
}

/* ---- learners ---- */

struct learner_rows {
	struct learner *v;
	size_t n;
};

static void add_learner_row(void *to, sqlite3_stmt *st)
{
	struct learner_rows *rows = to;
	const char *seen = (const char *)sqlite3_column_text(st, 2);
	struct learner *l;

	rows->v = xrealloc(rows->v, (rows->n + 1) * sizeof *rows->v);
	l = &rows->v[rows->n++];
	l->id = sqlite3_column_int64(st, 0);
	l->name = xstrdup((const char *)sqlite3_column_text(st, 1));
	l->last_seen = seen ? xstrdup(seen) : NULL;
}

/* Hands every row of statement i to add (with to); the learner listings' one loop.  One
 * statement is one snapshot, even while a kiosk records answers.  Returns 0, or -1 with err
 * set (the rows added so far are the caller's to free). */
static int each_learner_row(struct store *s, enum stmt i, void (*add)(void *, sqlite3_stmt *),
                            void *to, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, i);
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(to, st);
	if (rc != SQLITE_DONE)
		fail(s, err, rc, _("cannot list the learners"));
	release(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_list_learners(struct store *s, struct learner **out, size_t *count, struct kerr *err)
{
	struct learner_rows rows = { NULL, 0 };

	if (each_learner_row(s, ST_LIST_LEARNERS, add_learner_row, &rows, err) < 0) {
		store_free_learners(rows.v, rows.n);
		return -1;
	}
	*out = rows.v;
	*count = rows.n;
	return 0;
}

void store_free_learners(struct learner *v, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(v[i].name);
		free(v[i].last_seen);
	}
	free(v);
}

/* Looks up key, adding the learner when missing; returns SQLITE_OK or the failing code. */
static int find_or_insert(struct store *s, const char *name, const char *key, int64_t *id,
                          bool *created)
{
	sqlite3_stmt *find = stmt(s, ST_FIND_LEARNER), *add = stmt(s, ST_ADD_LEARNER);
	int rc;

	bind_text(find, 1, key);
	rc = sqlite3_step(find);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(find, 0);
	release(find);
	*created = rc == SQLITE_DONE;
	if (rc == SQLITE_ROW)
		return SQLITE_OK;
	if (rc != SQLITE_DONE)
		return rc;
	bind_text(add, 1, name);
	bind_text(add, 2, key);
	rc = run(add);
	*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* The name to store (trimmed, NFC) and its key, both for the caller to free; -1 with err
 * for a name that is not valid UTF-8 or is empty. */
static int name_and_key(const char *name, char **clean, char **key, struct kerr *err)
{
	if (!name || !text_valid_utf8(name, strlen(name))) {
		kerr_set(err, _("the name is not valid text"));
		return -1;
	}
	*clean = clean_name(name);
	*key = text_fold(*clean);
	if (!**key) {
		kerr_set(err, _("the name is empty: type a name"));
		free(*clean);
		free(*key);
		return -1;
	}
	return 0;
}

int store_find_or_add_learner(struct store *s, const char *name, int64_t *id, bool *created,
                              struct kerr *err)
{
	char *clean, *key;
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	flush_pending(s);
	if (name_and_key(name, &clean, &key, err) < 0)
		return -1;
	/* One write transaction, so two kiosks adding the same name make one learner. */
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = find_or_insert(s, clean, key, id, created);
	if (rc == SQLITE_OK)
		rc = run(stmt(s, ST_COMMIT));
	if (rc != SQLITE_OK) {
		fail(s, err, rc, _("cannot find or add the learner"));
		if (!sqlite3_get_autocommit(s->db))
			run(stmt(s, ST_ROLLBACK));
	}
	free(clean);
	free(key);
	return rc == SQLITE_OK ? 0 : -1;
}

/* ---- sessions and events ---- */

/* The current UTC time as the database writes it (NOW), for a session end written late. */
static void now_text(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	char day[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%03dZ", day, (int)(ts.tv_nsec / 1000000) % 1000);
}

#define MAX_PENDING 1000  /* session ends kept for later; a disk full that long loses older */

static void queue_end(struct store *s, int64_t session, const char *at)
{
	if (s->npending == MAX_PENDING)
		return;
	s->pending = xgrow(s->pending, &s->cap_pending, s->npending, sizeof *s->pending);
	s->pending[s->npending].session = session;
	snprintf(s->pending[s->npending].at, sizeof s->pending[s->npending].at, "%s", at);
	s->npending++;
}

/* Writes the end of session (at the time at, or now when NULL); *changed is whether the
 * session exists. */
static int end_at(struct store *s, int64_t session, const char *at, bool *changed)
{
	sqlite3_stmt *st = stmt(s, ST_END_SESSION);
	int rc;

	sqlite3_bind_int64(st, 1, session);
	bind_text(st, 2, at);
	rc = run(st);
	*changed = rc == SQLITE_OK && sqlite3_changes(s->db) > 0;
	return rc;
}

/* Writes the session ends that failed earlier, with their real times, once the disk has
 * room again; those that still fail stay queued. */
static void flush_pending(struct store *s)
{
	size_t kept = 0;
	bool changed;

	for (size_t i = 0; i < s->npending; i++)
		if (end_at(s, s->pending[i].session, s->pending[i].at, &changed) != SQLITE_OK)
			s->pending[kept++] = s->pending[i];
	s->npending = kept;
}

size_t store_pending_ends(const struct store *s)
{
	return s->npending;
}

int store_begin_session(struct store *s, int64_t learner, const char *lang, int64_t *session,
                        struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_BEGIN_SESSION);
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	flush_pending(s);
	sqlite3_bind_int64(st, 1, learner);
	bind_text(st, 2, lang);
	rc = run(st);
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot start the session"));
	*session = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_end_session(struct store *s, int64_t session, struct kerr *err)
{
	char at[32];
	bool changed;
	int rc;

	now_text(at, sizeof at);
	if (check_file(s, err) < 0)
		return -1;
	flush_pending(s);
	rc = end_at(s, session, at, &changed);
	if (rc != SQLITE_OK) {
		queue_end(s, session, at);
		return fail(s, err, rc, _("cannot end the session"));
	}
	if (!changed) {
		kerr_set(err, _("cannot end the session: there is no session %lld (database %s)"),
		         (long long)session, s->path);
		return -1;
	}
	return 0;
}

/* ---- timing ---- */

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* KIOSK_TIMING_LOG=FILE appends "<milliseconds> <ok|error>" for every answer saved: how long
 * the commit took (the wait for other kiosks' locks and the sync to disk included), to size a
 * centre server with many terminals on one database (make stress reads it). */
static void timing_open(struct store *s)
{
	const char *path = getenv("KIOSK_TIMING_LOG");

	if (path && *path)
		s->timing = fopen(path, "ae");
}

static double timing_start(const struct store *s)
{
	return s->timing ? mono_ms() : 0;
}

static void timing_end(struct store *s, double t0, int rc)
{
	if (!s->timing)
		return;
	fprintf(s->timing, "%.3f %s\n", mono_ms() - t0, rc == SQLITE_OK ? "ok" : "error");
	fflush(s->timing);
}

int store_record(struct store *s, const struct store_event *ev, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_RECORD);
	char *answer;
	double t0;
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	flush_pending(s);
	answer = ev->answer ? text_strip_invisible(ev->answer) : NULL;
	sqlite3_bind_int64(st, 1, ev->session);
	sqlite3_bind_int64(st, 2, ev->learner);
	bind_text(st, 3, ev->lang);
	bind_text(st, 4, ev->lesson_id);
	bind_text(st, 5, ev->step_id ? ev->step_id : "");
	sqlite3_bind_int(st, 6, ev->step_index);
	sqlite3_bind_int(st, 7, ev->step_count);
	bind_text(st, 8, ev->kind);
	bind_text(st, 9, answer);
	sqlite3_bind_int(st, 10, ev->correct);
	sqlite3_bind_int(st, 11, ev->hint_shown);
	sqlite3_bind_int(st, 12, ev->show_me);
	/* One write transaction, synced (FULL) at its commit: the answer and the running
	 * totals it changes are saved together or not at all. */
	t0 = timing_start(s);
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = run(st);
	else
		release(st);
	if (rc == SQLITE_OK)
		rc = stats_catch_up(s);
	if (rc == SQLITE_OK)
		rc = run(stmt(s, ST_COMMIT));
	timing_end(s, t0, rc);
	free(answer);
	if (rc == SQLITE_OK)
		return 0;
	fail(s, err, rc, _("cannot save the answer"));  /* before the rollback clears why */
	if (!sqlite3_get_autocommit(s->db))
		run(stmt(s, ST_ROLLBACK));
	return -1;
}

/* ---- progress ---- */

static int index_of_step(const struct lesson *l, const char *id)
{
	for (size_t i = 0; i < l->step_count; i++)
		if (strcmp(l->steps[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Reads the learner's current events in lesson l: *events, whether one is a complete event,
 * and done[i] for each step of l answered correctly in the current run (run.h; none when
 * that run is over).  Step ids the lesson no longer has are ignored. */
static int current_run(struct store *s, int64_t learner, const struct lesson *l,
                       int64_t *events, bool *completed, bool *done)
{
	sqlite3_stmt *st = stmt(s, ST_RUN_EVENTS);
	struct run_mark m = { 0 };
	int rc;

	*events = 0;
	*completed = false;
	sqlite3_bind_int64(st, 1, learner);
	bind_text(st, 2, l->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		bool complete = sqlite3_column_int(st, 0) != 0;
		int i;

		/* Every event read is current (reset_id 0): only complete events cut runs here. */
		if (run_begins(&m, 0))
			memset(done, 0, l->step_count * sizeof *done);
		run_note(&m, complete, 0);
		++*events;
		*completed |= complete;
		if (!complete && sqlite3_column_int(st, 1) &&
		    (i = index_of_step(l, (const char *)sqlite3_column_text(st, 2))) >= 0)
			done[i] = true;
	}
	release(st);
	if (run_over(&m))
		memset(done, 0, l->step_count * sizeof *done);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Every step done but no "complete" yet means the learner left on the last step's praise
 * screen: they come back to that last step, not to the beginning. */
static void summarise(const bool *done, size_t n, struct progress *out)
{
	bool found = false;

	out->done = 0;
	out->resume = n > 0 ? n - 1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (done[i]) {
			out->done++;
		} else if (!found) {
			out->resume = i;
			found = true;
		}
	}
}

/* Progress in one lesson; the caller holds a read transaction. */
static int progress_of(struct store *s, int64_t learner, const struct lesson *l,
                       struct progress *out)
{
	int64_t events = 0;
	bool completed = false;
	bool *done = xcalloc(l->step_count ? l->step_count : 1, sizeof *done);
	int rc = current_run(s, learner, l, &events, &completed, done);

	if (rc == SQLITE_OK) {
		out->status = completed ? PROGRESS_COMPLETED :
		              events ? PROGRESS_STARTED : PROGRESS_NOT_STARTED;
		summarise(done, l->step_count, out);
	}
	free(done);
	return rc;
}

int store_progress_all(struct store *s, int64_t learner, struct lesson *const *lessons,
                       size_t n, struct progress *out, struct kerr *err)
{
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	/* One read transaction: every lesson's reads see the same events, for one cost. */
	rc = run(stmt(s, ST_BEGIN_READ));
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
		rc = progress_of(s, learner, lessons[i], &out[i]);
	if (rc != SQLITE_OK)
		fail(s, err, rc, _("cannot read the learner's progress"));
	if (!sqlite3_get_autocommit(s->db))
		run(stmt(s, ST_COMMIT));  /* a read: nothing to lose if it fails */
	return rc == SQLITE_OK ? 0 : -1;
}

int store_progress(struct store *s, int64_t learner, const struct lesson *l,
                   struct progress *out, struct kerr *err)
{
	struct lesson *one = (struct lesson *)l;

	return store_progress_all(s, learner, &one, 1, out, err);
}

/* ---- trainer actions ---- */

/* Codes beside SQLite's (which are >= 0) for a write transaction that must not commit:
 * REFUSED when a check failed and err already says why, NOTHING when there was nothing to
 * do. */
#define REFUSED (-1)
#define NOTHING (-2)

static const char *source_name(enum store_source source)
{
	switch (source) {
	case STORE_SOURCE_CLI: return "cli";
	case STORE_SOURCE_LEARNER: return "learner";
	case STORE_SOURCE_MENU: break;
	}
	return "menu";
}

/* Ends a write transaction begun with ST_BEGIN (or not begun, when that failed): commits on
 * SQLITE_OK, else rolls back.  A SQLite failure is reported in err as what.  Returns 0 or
 * -1 (NOTHING counts as success). */
static int end_write(struct store *s, int rc, struct kerr *err, const char *what)
{
	if (rc == SQLITE_OK)
		rc = run(stmt(s, ST_COMMIT));
	if (rc == SQLITE_OK)
		return 0;
	if (rc != REFUSED && rc != NOTHING)
		fail(s, err, rc, what);
	if (!sqlite3_get_autocommit(s->db))
		run(stmt(s, ST_ROLLBACK));
	return rc == NOTHING ? 0 : -1;
}

/* learner 0 and lesson NULL are stored as NULL. */
static int audit(struct store *s, const char *action, int64_t learner, const char *lesson,
                 const char *detail)
{
	sqlite3_stmt *st = stmt(s, ST_AUDIT);

	bind_text(st, 1, action);
	if (learner > 0)
		sqlite3_bind_int64(st, 2, learner);
	bind_text(st, 3, lesson);
	bind_text(st, 4, detail);
	return run(st);
}

/* SQLITE_OK when the learner exists and was not removed, with a copy of the name in *name
 * unless name is NULL; REFUSED with err set when not; or a SQLite code. */
static int active_learner(struct store *s, int64_t id, char **name, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_LEARNER);
	int rc;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		kerr_set(err, _("there is no learner %lld"), (long long)id);
		rc = REFUSED;
	} else if (rc == SQLITE_ROW && sqlite3_column_int(st, 1)) {
		kerr_set(err, _("learner %lld was already removed; nothing changed"), (long long)id);
		rc = REFUSED;
	} else if (rc == SQLITE_ROW) {
		if (name)
			*name = xstrdup((const char *)sqlite3_column_text(st, 0));
		rc = SQLITE_OK;
	}
	release(st);
	return rc;
}

int store_reset_count(struct store *s, int64_t learner, const char *lesson_id, size_t *count,
                      struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_RESET_COUNT);
	int rc;

	*count = 0;
	sqlite3_bind_int64(st, 1, learner);
	sqlite3_bind_text(st, 2, lesson_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = (size_t)sqlite3_column_int64(st, 0);
	release(st);
	if (rc != SQLITE_ROW)
		return fail(s, err, rc, _("cannot read the learner's resets"));
	return 0;
}

static int read_int(sqlite3_stmt *st, int64_t *v)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	release(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int store_watch_learner(struct store *s, int64_t *mark, struct kerr *err)
{
	int rc = read_int(stmt(s, ST_DATA_VERSION), &s->data_version);

	if (rc == SQLITE_OK)
		rc = read_int(stmt(s, ST_AUDIT_MAX), mark);
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the audit log"));
	return 0;
}

int store_outside_change(struct store *s, int64_t learner, int64_t *mark,
                         enum store_change *change, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_OUTSIDE_CHANGE);
	int64_t version = 0;
	int rc = read_int(stmt(s, ST_DATA_VERSION), &version);

	*change = STORE_CHANGE_NONE;
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the audit log"));
	if (version == s->data_version)
		return 0;  /* nobody else wrote: nothing to read */
	s->data_version = version;
	sqlite3_bind_int64(st, 1, *mark);
	sqlite3_bind_int64(st, 2, learner);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*mark = sqlite3_column_int64(st, 0);
		if (strcmp((const char *)sqlite3_column_text(st, 1), "remove") == 0)
			*change = STORE_CHANGE_REMOVED;
		else if (*change == STORE_CHANGE_NONE)
			*change = STORE_CHANGE_RESET;
	}
	release(st);
	if (rc != SQLITE_DONE)
		return fail(s, err, rc, _("cannot read the audit log"));
	return 0;
}

int store_learner_name(struct store *s, int64_t id, char **name, struct kerr *err)
{
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	rc = active_learner(s, id, name, err);
	if (rc == SQLITE_OK)
		return 0;
	if (rc != REFUSED)
		fail(s, err, rc, _("cannot read the learner"));
	return -1;
}

/* "a\x1fb" (group_concat with U+001F) as "a, b", and how many IDs; NULL (none) as "". */
static char *split_ids(const char *joined, size_t *count)
{
	size_t n = 0;
	char *out, *o;

	*count = 0;
	if (!joined || !*joined)
		return xstrdup("");
	for (const char *p = joined; *p; p++)
		n += *p == '\x1f';
	*count = n + 1;
	out = o = xmalloc(strlen(joined) + n + 1);
	for (const char *p = joined; *p; p++) {
		if (*p == '\x1f') {
			*o++ = ',';
			*o++ = ' ';
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

struct summary_rows {
	struct learner_summary *v;
	size_t n;
};

static void add_summary_row(void *to, sqlite3_stmt *st)
{
	struct summary_rows *rows = to;
	const char *seen = (const char *)sqlite3_column_text(st, 3);
	struct learner_summary *l;

	rows->v = xrealloc(rows->v, (rows->n + 1) * sizeof *rows->v);
	l = &rows->v[rows->n++];
	l->id = sqlite3_column_int64(st, 0);
	l->name = xstrdup((const char *)sqlite3_column_text(st, 1));
	l->first_seen = xstrdup((const char *)sqlite3_column_text(st, 2));
	l->last_seen = seen ? xstrdup(seen) : NULL;
	l->lessons_completed = (size_t)sqlite3_column_int64(st, 6);
	l->lesson_ids = split_ids((const char *)sqlite3_column_text(st, 5), &l->lessons_started);
}

int store_learner_summaries(struct store *s, struct learner_summary **out, size_t *count,
                            struct kerr *err)
{
	struct summary_rows rows = { NULL, 0 };

	if (each_learner_row(s, ST_SUMMARIES, add_summary_row, &rows, err) < 0) {
		store_free_learner_summaries(rows.v, rows.n);
		return -1;
	}
	*out = rows.v;
	*count = rows.n;
	return 0;
}

void store_free_learner_summaries(struct learner_summary *v, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(v[i].name);
		free(v[i].first_seen);
		free(v[i].last_seen);
		free(v[i].lesson_ids);
	}
	free(v);
}

/* Adds the resets row, marks the current events with it, and audits; NOTHING when no event
 * was current. */
static int mark_reset(struct store *s, int64_t learner, const char *lesson,
                      enum store_source source, size_t *answers)
{
	sqlite3_stmt *add = stmt(s, ST_ADD_RESET), *mark = stmt(s, ST_MARK_RESET);
	char detail[64];
	int64_t reset_id;
	int rc;

	/* The totals first take in any event another program added, so that the reset ends
	 * the runs as the events have them. */
	rc = stats_catch_up(s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(add, 1, learner);
	bind_text(add, 2, lesson);
	bind_text(add, 3, source_name(source));
	rc = run(add);
	if (rc != SQLITE_OK)
		return rc;
	reset_id = sqlite3_last_insert_rowid(s->db);
	sqlite3_bind_int64(mark, 1, reset_id);
	sqlite3_bind_int64(mark, 2, learner);
	bind_text(mark, 3, lesson);
	rc = run(mark);
	if (rc != SQLITE_OK)
		return rc;
	*answers = (size_t)sqlite3_changes(s->db);
	if (*answers == 0)
		return NOTHING;
	rc = store_stats_reset(s->stats, reset_id, learner, lesson);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(detail, sizeof detail, "source=%s answers=%zu", source_name(source), *answers);
	return audit(s, "reset", learner, lesson, detail);
}

int store_reset(struct store *s, int64_t learner, const char *lesson_id,
                enum store_source source, size_t *answers, struct kerr *err)
{
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	*answers = 0;
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = active_learner(s, learner, NULL, err);
	if (rc == SQLITE_OK)
		rc = mark_reset(s, learner, lesson_id, source, answers);
	return end_write(s, rc, err, _("cannot reset the learner's progress"));
}

int store_remove_learner(struct store *s, int64_t learner, enum store_source source,
                         struct kerr *err)
{
	char detail[32];
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = active_learner(s, learner, NULL, err);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt(s, ST_REMOVE), 1, learner);
		rc = run(stmt(s, ST_REMOVE));
	}
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt(s, ST_FORGET_ANSWERS), 1, learner);
		rc = run(stmt(s, ST_FORGET_ANSWERS));
	}
	if (rc == SQLITE_OK)
		rc = audit(s, "remove", learner, NULL, detail);
	return end_write(s, rc, err, _("cannot remove the learner"));
}

/* REFUSED, with err naming the other learner, when key belongs to someone else. */
static int name_taken(struct store *s, int64_t learner, const char *key, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_FIND_OTHER);
	int rc;

	bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, learner);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		kerr_set(err, _("another learner (%lld) is already called %s"),
		         (long long)sqlite3_column_int64(st, 0),
		         (const char *)sqlite3_column_text(st, 1));
		rc = REFUSED;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	release(st);
	return rc;
}

static int rename_row(struct store *s, int64_t learner, const char *name, const char *key,
                      enum store_source source, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_RENAME);
	char detail[32];
	int rc = active_learner(s, learner, NULL, err);

	if (rc == SQLITE_OK)
		rc = name_taken(s, learner, key, err);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, learner);
	bind_text(st, 2, name);
	bind_text(st, 3, key);
	rc = run(st);
	/* No names in the audit: they would outlive a later removal. */
	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	if (rc == SQLITE_OK)
		rc = audit(s, "rename", learner, NULL, detail);
	return rc;
}

int store_rename_learner(struct store *s, int64_t learner, const char *name,
                         enum store_source source, struct kerr *err)
{
	char *clean, *key;
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	if (name_and_key(name, &clean, &key, err) < 0)
		return -1;
	/* The uniqueness check and the update in one write transaction, as in find_or_add. */
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = rename_row(s, learner, clean, key, source, err);
	free(clean);
	free(key);
	return end_write(s, rc, err, _("cannot rename the learner"));
}

/* Audit rows and PIN attempts are written even when the file was deleted (check_file): they
 * are not a learner's progress, and refusing them would keep the trainer out of the menu
 * and the kiosk, the only way to put things right. */
int store_audit(struct store *s, const char *action, int64_t learner, const char *lesson_id,
                enum store_source source, struct kerr *err)
{
	char detail[32];
	int rc;

	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	rc = audit(s, action, learner, lesson_id, detail);
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot write to the audit log"));
	return 0;
}

/* ---- settings ---- */

#define SETTING_PIN "trainer_pin"
#define SETTING_IDLE "idle_timeout"

/* *value is a copy the caller frees, or NULL when the key is not set. */
static int get_setting(struct store *s, const char *key, char **value)
{
	sqlite3_stmt *st = stmt(s, ST_GET_SETTING);
	int rc;

	*value = NULL;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = xstrdup((const char *)sqlite3_column_text(st, 0));
	release(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int set_setting(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = stmt(s, ST_SET_SETTING);

	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return run(st);
}

/* seconds from text, or -1 unless it is a whole number in range. */
static int parse_seconds(const char *text)
{
	char *end;
	long v;

	if (!text || !*text)
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || *end || v < 1 || v > STORE_IDLE_TIMEOUT_MAX)
		return -1;
	return (int)v;
}

int store_idle_timeout(struct store *s, int *seconds, struct kerr *err)
{
	char *value;
	int rc = get_setting(s, SETTING_IDLE, &value), v;

	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the settings"));
	/* A damaged value must not lock the kiosk into a useless timeout: use the default. */
	v = parse_seconds(value);
	*seconds = v > 0 ? v : STORE_IDLE_TIMEOUT_DEFAULT;
	free(value);
	return 0;
}

int store_set_idle_timeout(struct store *s, int seconds, enum store_source source,
                           struct kerr *err)
{
	char value[16], detail[48];
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	if (seconds < 1 || seconds > STORE_IDLE_TIMEOUT_MAX) {
		kerr_set(err, _("the idle timeout must be from 1 to %d seconds"),
		         STORE_IDLE_TIMEOUT_MAX);
		return -1;
	}
	snprintf(value, sizeof value, "%d", seconds);
	snprintf(detail, sizeof detail, "source=%s seconds=%d", source_name(source), seconds);
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = set_setting(s, SETTING_IDLE, value);
	if (rc == SQLITE_OK)
		rc = audit(s, "idle-timeout-set", 0, NULL, detail);
	return end_write(s, rc, err, _("cannot save the idle timeout"));
}

#define SETTING_LANGUAGE "language"

static bool is_kiosk_language(const char *lang)
{
	return lang && (strcmp(lang, "bg") == 0 || strcmp(lang, "uk") == 0);
}

int store_kiosk_language(struct store *s, char lang[STORE_LANGUAGE_LEN], struct kerr *err)
{
	char *value;
	int rc = get_setting(s, SETTING_LANGUAGE, &value);

	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the settings"));
	/* Anything but a known language (a damaged value) counts as none set. */
	snprintf(lang, STORE_LANGUAGE_LEN, "%s", is_kiosk_language(value) ? value : "");
	free(value);
	return 0;
}

int store_set_kiosk_language(struct store *s, const char *lang, enum store_source source,
                             struct kerr *err)
{
	char detail[48];
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	if (*lang && !is_kiosk_language(lang)) {
		kerr_set(err, _("'%s' is not a kiosk language: use bg, uk or none"), lang);
		return -1;
	}
	snprintf(detail, sizeof detail, "source=%s language=%s", source_name(source),
	         *lang ? lang : "none");
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = set_setting(s, SETTING_LANGUAGE, lang);
	if (rc == SQLITE_OK)
		rc = audit(s, "language-set", 0, NULL, detail);
	return end_write(s, rc, err, _("cannot save the kiosk language"));
}

/* The settings row of an accessibility choice: "theme", or "learner.12.theme". */
static char *access_key(int64_t learner, const char *name)
{
	return learner ? xasprintf("learner.%lld.%s", (long long)learner, name)
	               : xstrdup(name);
}

static bool access_valid(const char *name, const char *value)
{
	char *end;
	long v;

	if (strcmp(name, "theme") == 0)
		return strcmp(value, "normal") == 0 || strcmp(value, "contrast") == 0 ||
		       strcmp(value, "mono") == 0;
	if (strcmp(name, "auto-read") == 0)
		return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0;
	if (strcmp(name, "speech-rate") == 0) {
		errno = 0;
		v = strtol(value, &end, 10);
		return !errno && *value && !*end && v >= 80 && v <= 260;
	}
	return false;
}

int store_access(struct store *s, int64_t learner, const char *name, char **value,
                 struct kerr *err)
{
	char *key = access_key(learner, name);
	int rc = get_setting(s, key, value);

	free(key);
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the settings"));
	if (*value && !access_valid(name, *value)) {  /* a damaged value counts as none */
		free(*value);
		*value = NULL;
	}
	return 0;
}

int store_set_access(struct store *s, int64_t learner, const char *name, const char *value,
                     enum store_source source, struct kerr *err)
{
	char *key, *detail;
	int rc;

	if (!access_valid(name, value)) {
		kerr_set(err, _("'%s' is not a valid value for %s (theme: normal, contrast or mono; "
		                "speech-rate: 80 to 260; auto-read: yes or no)"), value, name);
		return -1;
	}
	key = access_key(learner, name);
	detail = xasprintf("source=%s %s=%s", source_name(source), name, value);
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = set_setting(s, key, value);
	if (rc == SQLITE_OK)
		rc = audit(s, "access-set", learner, NULL, detail);
	free(key);
	free(detail);
	return end_write(s, rc, err, _("cannot save the setting"));
}

#define SETTING_KIOSK_NAME "kiosk_name"

/* Valid UTF-8 without control characters (a name shown on screens and in every report must
 * not be able to move a cursor), not blank, at most STORE_KIOSK_NAME_MAX columns. */
static int check_kiosk_name(const char *name, struct kerr *err)
{
	const unsigned char *p = (const unsigned char *)name;

	if (!text_valid_utf8(name, strlen(name))) {
		kerr_set(err, _("the kiosk name is not valid UTF-8 text"));
		return -1;
	}
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			kerr_set(err, _("the kiosk name may not contain control characters"));
			return -1;
		}
	}
	if (text_is_blank(name)) {
		kerr_set(err, _("the kiosk name is empty"));
		return -1;
	}
	if (text_width(name) > STORE_KIOSK_NAME_MAX) {
		kerr_set(err, _("the kiosk name is longer than %d columns"), STORE_KIOSK_NAME_MAX);
		return -1;
	}
	return 0;
}

int store_kiosk_name(struct store *s, char **name, struct kerr *err)
{
	int rc = get_setting(s, SETTING_KIOSK_NAME, name);

	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the settings"));
	return 0;
}

int store_set_kiosk_name(struct store *s, const char *name, enum store_source source,
                         struct kerr *err)
{
	char detail[32];
	char *nfc;
	int rc;

	if (check_file(s, err) < 0 || check_kiosk_name(name, err) < 0)
		return -1;
	nfc = text_nfc(name);
	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = set_setting(s, SETTING_KIOSK_NAME, nfc);
	if (rc == SQLITE_OK)
		rc = audit(s, "kiosk-name-set", 0, NULL, detail);
	free(nfc);
	return end_write(s, rc, err, _("cannot save the kiosk name"));
}

/* ---- trainer PIN ---- */

int store_trainer_pin(struct store *s, char **hash, struct kerr *err)
{
	int rc = get_setting(s, SETTING_PIN, hash);

	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot read the trainer PIN"));
	return 0;
}

int store_set_trainer_pin(struct store *s, const char *hash, enum store_source source,
                          struct kerr *err)
{
	char detail[32];
	int rc;

	if (check_file(s, err) < 0)
		return -1;
	if (!hash || hash[0] != '$') {
		kerr_set(err, _("cannot save the trainer PIN: only its hash may be stored"));
		return -1;
	}
	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	rc = run(stmt(s, ST_BEGIN));
	if (rc == SQLITE_OK)
		rc = set_setting(s, SETTING_PIN, hash);
	if (rc == SQLITE_OK)
		rc = audit(s, "pin-set", 0, NULL, detail);
	return end_write(s, rc, err, _("cannot save the trainer PIN"));
}

int store_log_pin_attempt(struct store *s, bool ok, enum store_source source,
                          struct kerr *err)
{
	char detail[32];
	int rc;

	snprintf(detail, sizeof detail, "source=%s", source_name(source));
	/* Autocommit: durable before the caller shows the result or starts the delay. */
	rc = audit(s, ok ? "pin-ok" : "pin-wrong", 0, NULL, detail);
	if (rc != SQLITE_OK)
		return fail(s, err, rc, _("cannot record the PIN attempt"));
	return 0;
}

int store_pin_failures(struct store *s, unsigned *failures, struct kerr *err)
{
	sqlite3_stmt *st = stmt(s, ST_PIN_ATTEMPTS);
	int rc;

	*failures = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_int(st, 0))
		++*failures;
	release(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(s, err, rc, _("cannot read the PIN attempts"));
	return 0;
}
