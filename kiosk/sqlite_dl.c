/* sqlite_dl: see sqlite_dl.h. */
#include "sqlite_dl.h"

#include <stdbool.h>
#include <stdio.h>

#include <sqlite3.h>

#include "dl.h"
#include "i18n.h"

#ifndef SQLITE_SONAME
#define SQLITE_SONAME "libsqlite3.so.0"  /* the Makefile names the one built against */
#endif

/* Every function defined below, as the library's own. */
#define SQLITE_DL_FUNCTIONS(X) \
	X(sqlite3_bind_int) X(sqlite3_bind_int64) X(sqlite3_bind_null) X(sqlite3_bind_text) \
	X(sqlite3_busy_handler) X(sqlite3_busy_timeout) X(sqlite3_changes) \
	X(sqlite3_clear_bindings) X(sqlite3_close) X(sqlite3_column_int) X(sqlite3_column_int64) \
	X(sqlite3_column_text) X(sqlite3_db_readonly) X(sqlite3_db_release_memory) \
	X(sqlite3_errmsg) X(sqlite3_exec) X(sqlite3_extended_result_codes) \
	X(sqlite3_file_control) X(sqlite3_finalize) X(sqlite3_get_autocommit) \
	X(sqlite3_last_insert_rowid) X(sqlite3_open_v2) X(sqlite3_prepare_v2) X(sqlite3_reset) \
	X(sqlite3_sleep) X(sqlite3_step)

/* Pointers typed from <sqlite3.h>'s prototypes: a wrong call is a compile error. */
#define SQLITE_DL_POINTER(f) __typeof__(f) *f;
static struct {
	SQLITE_DL_FUNCTIONS(SQLITE_DL_POINTER)
} real;

static void *handle;
static char failure[256];  /* dlerror's text, or the missing function's name */

int sqlite_dl_load(void)
{
#define SQLITE_DL_SYMBOL(f) { #f, (void **)&real.f },
	static const struct dl_symbol symbols[] = { SQLITE_DL_FUNCTIONS(SQLITE_DL_SYMBOL) };
#undef SQLITE_DL_SYMBOL

	/* dl_open asks the handle, never RTLD_DEFAULT: in a program that also links libsqlite3
	 * that would find the functions below rather than the library's. */
	if (!handle)
		handle = dl_open(SQLITE_SONAME, symbols, sizeof symbols / sizeof *symbols, failure,
		                 sizeof failure);
	return handle ? 0 : -1;
}

const char *sqlite_dl_error(void)
{
	static char msg[512];

	if (!failure[0])
		return "";
	/* TRANSLATORS: the library's file name, then why it cannot be loaded (from the system,
	 * in English). */
	snprintf(msg, sizeof msg, _("the database library %s cannot be loaded (%s)"),
	         SQLITE_SONAME, failure);
	return msg;
}

/* True when the library is there to call; loads it on the first call. */
static bool ready(void)
{
	return __builtin_expect(handle != NULL, 1) || sqlite_dl_load() == 0;
}

/* ---- the functions: the library's, or a failure when it cannot be loaded ----
 * Only sqlite3_open_v2 can be reached without the library in the kiosk's own code paths
 * (every other call needs a connection it made); the fallbacks keep any other call safe. */

int sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs)
{
	if (ready())
		return real.sqlite3_open_v2(path, db, flags, vfs);
	*db = NULL;
	return SQLITE_CANTOPEN;
}

const char *sqlite3_errmsg(sqlite3 *db)
{
	return ready() ? real.sqlite3_errmsg(db) : sqlite_dl_error();
}

int sqlite3_close(sqlite3 *db)
{
	return ready() ? real.sqlite3_close(db) : db ? SQLITE_MISUSE : SQLITE_OK;
}

int sqlite3_finalize(sqlite3_stmt *st)
{
	return ready() ? real.sqlite3_finalize(st) : st ? SQLITE_MISUSE : SQLITE_OK;
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st,
                       const char **tail)
{
	if (ready())
		return real.sqlite3_prepare_v2(db, sql, n, st, tail);
	*st = NULL;
	return SQLITE_MISUSE;
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*row)(void *, int, char **, char **),
                 void *arg, char **errmsg)
{
	if (ready())
		return real.sqlite3_exec(db, sql, row, arg, errmsg);
	if (errmsg)
		*errmsg = NULL;
	return SQLITE_MISUSE;
}

int sqlite3_step(sqlite3_stmt *st)
{
	return ready() ? real.sqlite3_step(st) : SQLITE_MISUSE;
}

int sqlite3_reset(sqlite3_stmt *st)
{
	return ready() ? real.sqlite3_reset(st) : SQLITE_MISUSE;
}

int sqlite3_clear_bindings(sqlite3_stmt *st)
{
	return ready() ? real.sqlite3_clear_bindings(st) : SQLITE_MISUSE;
}

int sqlite3_bind_int(sqlite3_stmt *st, int i, int v)
{
	return ready() ? real.sqlite3_bind_int(st, i, v) : SQLITE_MISUSE;
}

int sqlite3_bind_int64(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	return ready() ? real.sqlite3_bind_int64(st, i, v) : SQLITE_MISUSE;
}

int sqlite3_bind_null(sqlite3_stmt *st, int i)
{
	return ready() ? real.sqlite3_bind_null(st, i) : SQLITE_MISUSE;
}

int sqlite3_bind_text(sqlite3_stmt *st, int i, const char *v, int n, void (*free_v)(void *))
{
	return ready() ? real.sqlite3_bind_text(st, i, v, n, free_v) : SQLITE_MISUSE;
}

int sqlite3_column_int(sqlite3_stmt *st, int col)
{
	return ready() ? real.sqlite3_column_int(st, col) : 0;
}

sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *st, int col)
{
	return ready() ? real.sqlite3_column_int64(st, col) : 0;
}

const unsigned char *sqlite3_column_text(sqlite3_stmt *st, int col)
{
	return ready() ? real.sqlite3_column_text(st, col) : NULL;
}

int sqlite3_busy_handler(sqlite3 *db, int (*wait)(void *, int), void *arg)
{
	return ready() ? real.sqlite3_busy_handler(db, wait, arg) : SQLITE_MISUSE;
}

int sqlite3_busy_timeout(sqlite3 *db, int ms)
{
	return ready() ? real.sqlite3_busy_timeout(db, ms) : SQLITE_MISUSE;
}

int sqlite3_changes(sqlite3 *db)
{
	return ready() ? real.sqlite3_changes(db) : 0;
}

int sqlite3_db_readonly(sqlite3 *db, const char *name)
{
	return ready() ? real.sqlite3_db_readonly(db, name) : -1;
}

int sqlite3_db_release_memory(sqlite3 *db)
{
	return ready() ? real.sqlite3_db_release_memory(db) : SQLITE_MISUSE;
}

int sqlite3_extended_result_codes(sqlite3 *db, int on)
{
	return ready() ? real.sqlite3_extended_result_codes(db, on) : SQLITE_MISUSE;
}

int sqlite3_file_control(sqlite3 *db, const char *name, int op, void *arg)
{
	return ready() ? real.sqlite3_file_control(db, name, op, arg) : SQLITE_MISUSE;
}

int sqlite3_get_autocommit(sqlite3 *db)
{
	return ready() ? real.sqlite3_get_autocommit(db) : 1;
}

sqlite3_int64 sqlite3_last_insert_rowid(sqlite3 *db)
{
	return ready() ? real.sqlite3_last_insert_rowid(db) : 0;
}

int sqlite3_sleep(int ms)
{
	return ready() ? real.sqlite3_sleep(ms) : 0;
}
