/* sqlite_dl: SQLite, loaded when the kiosk first opens a database rather than when the
 * program starts.  Owns the one handle on the library (dlopen of SQLITE_SONAME, the soname
 * the Makefile built against) and the sqlite3_* functions the kiosk calls: sqlite_dl.c
 * DEFINES each of them, with <sqlite3.h>'s own prototype, forwarding to the library's
 * function found with dlsym on that handle.  The rest of the code calls SQLite as usual.
 *
 * Why: on the old PCs the kiosk runs on, memory at the first frame counts.  libsqlite3 is
 * linked with BIND_NOW and pulls in libm, whose pages it touches resolving every math
 * function; the two are about 0.6 MiB of the 4 MiB the kiosk holds when its welcome screen
 * shows, and a kiosk starting on a new database opens none before that frame (main.c).
 *
 * A function the code starts to use must be added to sqlite_dl.c: the kiosk does not link
 * libsqlite3, so a missing one is an undefined reference when the kiosk is linked.  Programs
 * that also link libsqlite3 (the unit tests, bench) work too: dlopen then returns the loaded
 * library, and dlsym on its handle never finds these wrappers.  Not thread-safe (the kiosk
 * has one thread). */
#ifndef KIOSK_SQLITE_DL_H
#define KIOSK_SQLITE_DL_H

/* Loads the library if it is not loaded yet.  Returns 0, or -1 when it cannot be loaded:
 * then sqlite3_open_v2 fails with SQLITE_CANTOPEN and a NULL connection, sqlite3_errmsg
 * returns sqlite_dl_error(), and the other functions return SQLITE_MISUSE, 0 or NULL.
 * A failed load is tried again at the next call. */
int sqlite_dl_load(void);

/* Why the last load failed, translated: "the database library libsqlite3.so.0 cannot be
 * loaded (reason)"; "" when it did not fail.  Static storage: valid until the next load. */
const char *sqlite_dl_error(void);

#endif
