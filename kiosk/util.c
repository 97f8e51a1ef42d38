/* util: see util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void (*die_hook)(void);

void kerr_set(struct kerr *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	util_printable(e->msg);
}

void util_printable(char *s)
{
	unsigned char *p = (unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			p[0] = '?', p[1] = '?';
	}
}

void util_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook)
		die_hook();
	va_start(ap, fmt);
	fputs("kiosk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(EXIT_FATAL);
}

static void *check(void *p)
{
	if (!p)
		die("out of memory");
	return p;
}

void *xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *xcalloc(size_t count, size_t size)
{
	return check(calloc(count ? count : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

void *xgrow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap <= n)
		*cap = n + 1;
	if (*cap > (size_t)-1 / (size ? size : 1))
		die("out of memory");
	return xrealloc(v, *cap * size);
}

char *xstrdup(const char *s)
{
	return check(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return check(strndup(s, n));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *exe_path(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return xstrdup("kiosk");
	exe[n] = '\0';
	return xstrdup(exe);
}

char *exe_dir(void)
{
	char *exe = exe_path(), *slash = strrchr(exe, '/');

	if (!slash) {
		free(exe);
		return NULL;
	}
	*slash = '\0';
	return exe;
}

/* Reads at most max + 1 bytes of fd: one more than allowed tells "too big".  size is what
 * fstat says the file holds: the buffer starts there, not at max (a megabyte for a lesson of
 * 20 KiB, allocated and touched for every lesson file), and grows while the file turns out
 * longer (it grew meanwhile, or it is a /proc file that says 0). */
static char *read_fd(int fd, size_t max, size_t size, size_t *len)
{
	size_t cap = (size < max ? size : max) + 2, n = 0;
	char *buf = xmalloc(cap);

	while (n <= max) {
		ssize_t r;

		if (n + 1 == cap) {  /* full but for the NUL: twice the room, up to max + 1 bytes */
			cap = cap <= (max + 2) / 2 ? cap * 2 : max + 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *read_small_file(const char *path, size_t max, size_t *len)
{
	/* O_NONBLOCK: opening a named pipe must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	char *buf;
	int e;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		e = fstat(fd, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		errno = e;
		return NULL;
	}
	buf = read_fd(fd, max, st.st_size > 0 ? (size_t)st.st_size : 0, len);
	e = errno;
	close(fd);
	errno = e;
	return buf;
}
