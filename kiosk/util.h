/* util: allocation that never returns NULL, the error record modules fill for their callers,
 * and the fatal-exit path.  Out of memory is fatal: die() runs the registered hook (the UI
 * restores the terminal there) before printing and exiting, so the screen is never left raw. */
#ifndef KIOSK_UTIL_H
#define KIOSK_UTIL_H

#include <stddef.h>
#include <stdarg.h>

/* A failed call fills one of these; the caller shows msg on screen or stderr. */
struct kerr {
	char msg[512];
};

/* Fills e->msg.  Control characters in the result (C0, DEL, C1: from a damaged database,
 * a hostile name or file name quoted in the message) become '?', so that printing a message
 * can never move the cursor, set the window title or clear a trainer's terminal. */
void kerr_set(struct kerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Replaces every control character of the UTF-8 text s (C0, DEL, and C1 written as 0xc2
 * 0x80..0x9f) with '?', in place: text safe to print on a terminal. */
void util_printable(char *s);

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* v (an array of elements of size bytes, *cap of them allocated) grown so that it holds at
 * least n + 1: the one array-growth helper.  Doubles, so appending is amortised O(1). */
void *xgrow(void *v, size_t *cap, size_t n, size_t size);
/* printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* The folder part of path: "." when there is none, "/" for a file at the root.  Caller
 * frees. */
char *path_dir(const char *path);

/* The running program's own path ("kiosk" when /proc cannot tell), and its folder (NULL
 * then).  Caller frees.  The one place that asks /proc/self/exe. */
char *exe_path(void);
char *exe_dir(void);

/* The whole of the regular file path, NUL-terminated, when it has at most max bytes; *len is
 * its length.  NULL with errno on failure: EFBIG when larger than max, EISDIR for a folder,
 * EINVAL when it is not a regular file (a named pipe is never opened for reading, so it cannot hang us), or the
 * error of open or read.  Caller frees.  The one small-file reader. */
char *read_small_file(const char *path, size_t max, size_t *len);

/* Called by die() before it prints; the UI registers a terminal restore here. */
void util_set_die_hook(void (*hook)(void));

/* Exit statuses of the program (README, --help): 0 success, 1 a failure or a problem found,
 * 2 a usage error, 3 a fatal internal error (die: out of memory, the terminal could not be
 * started). */
enum {
	EXIT_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_FATAL = 3,
};

/* Restores the terminal (the hook), prints "kiosk: message" and exits with EXIT_FATAL. */
__attribute__((noreturn, format(printf, 1, 2)))
void die(const char *fmt, ...);

#endif
