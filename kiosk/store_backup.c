/* store_backup: see store_backup.h. */
#include "store_backup.h"

#include <sqlite3.h>
#include <string.h>

#include "i18n.h"

/* Runs a statement that returns one integer (or text "ok"); -1 with err on failure. */
static int one_row(sqlite3 *db, const char *sql, const char *bind, sqlite3_stmt **out,
                   struct kerr *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK ||
	    (bind && sqlite3_bind_text(*out, 1, bind, -1, SQLITE_STATIC) != SQLITE_OK)) {
		kerr_set(err, _("database error: %s"), sqlite3_errmsg(db));
		sqlite3_finalize(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int count_rows(sqlite3 *db, const char *sql, long long *n, struct kerr *err)
{
	sqlite3_stmt *st;
	int rc;

	if (one_row(db, sql, NULL, &st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		kerr_set(err, _("database error: %s"), sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A kiosk database has meta.kiosk_id; anything else (another program's SQLite file) is
 * refused before a copy is made of it. */
static int check_kiosk_db(sqlite3 *db, const char *path, struct kerr *err)
{
	long long n = 0;
	struct kerr ignored;

	if (count_rows(db, "SELECT count(*) FROM meta WHERE key = 'kiosk_id'", &n, &ignored) < 0 ||
	    n != 1) {
		kerr_set(err, _("%s is not a kiosk database"), path);
		return -1;
	}
	return 0;
}

static int open_db(const char *path, int flags, sqlite3 **db, struct kerr *err)
{
	if (sqlite3_open_v2(path, db, flags, NULL) != SQLITE_OK) {
		kerr_set(err, _("cannot open %s: %s"), path, sqlite3_errmsg(*db));
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	sqlite3_busy_timeout(*db, 5000);
	return 0;
}

/* VACUUM INTO reads the source in one transaction: a snapshot, whatever a kiosk commits
 * meanwhile.  The copy comes out in the rollback-journal mode (no -wal beside it). */
static int copy_snapshot(const char *src, const char *dst, struct kerr *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	if (open_db(src, SQLITE_OPEN_READONLY, &db, err) < 0)
		return -1;
	if (check_kiosk_db(db, src, err) < 0 ||
	    one_row(db, "VACUUM INTO ?", dst, &st, err) < 0) {
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		kerr_set(err, _("cannot copy %s: %s"), src, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int check_copy(const char *dst, struct backup_counts *counts, struct kerr *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int status = -1;

	if (open_db(dst, SQLITE_OPEN_READWRITE, &db, err) < 0)
		return -1;
	/* The copy is in DELETE mode already; saying so makes it certain across SQLite versions. */
	if (one_row(db, "PRAGMA journal_mode = DELETE", NULL, &st, err) < 0)
		goto out;
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (one_row(db, "PRAGMA integrity_check", NULL, &st, err) < 0)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		kerr_set(err, _("the copy failed its integrity check"));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	if (check_kiosk_db(db, dst, err) == 0 &&
	    count_rows(db, "SELECT count(*) FROM learners", &counts->learners, err) == 0 &&
	    count_rows(db, "SELECT count(*) FROM events", &counts->answers, err) == 0)
		status = 0;
out:
	sqlite3_close(db);
	return status;
}

int store_backup(const char *src, const char *dst, struct backup_counts *counts,
                 struct kerr *err)
{
	memset(counts, 0, sizeof *counts);
	if (copy_snapshot(src, dst, err) < 0)
		return -1;
	return check_copy(dst, counts, err);
}
