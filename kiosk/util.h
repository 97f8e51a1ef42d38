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

void kerr_set(struct kerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

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

/* The folder part of path: "." when there is none, "/" for a file at the root.  Caller
 * frees. */
char *path_dir(const char *path);

/* Called by die() before it prints; the UI registers a terminal restore here. */
void util_set_die_hook(void (*hook)(void));
__attribute__((noreturn, format(printf, 1, 2)))
void die(const char *fmt, ...);

#endif
