/* fitcache: see fitcache.h.  The file is text: a first line naming the format, then one
 * fingerprint (16 hex digits) per line. */
#include "fitcache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson.h"
#include "practice.h"
#include "util.h"

/* 2: check-lessons also measures a practice step's success: under its frame; 3: a hint
 * with the label the screen puts before it. */
#define HEADER "kiosk lesson fit cache 3\n"
#define STR2(x) #x
#define STR(x) STR2(x)
/* The screen rules a fingerprint vouches for: a kiosk with other rules never trusts it. */
#define RULES KIOSK_VERSION " " STR(LESSON_WRAP_COLS) " " STR(LESSON_OPTION_COLS) " " \
              STR(LESSON_BODY_ROWS) " " STR(LESSON_NOTE_ROWS) " " STR(LESSON_TYPE_ROWS) " " \
              STR(PRACTICE_MAX_ROWS) " " STR(PRACTICE_TEXT_ROWS) " " STR(PRACTICE_BODY_ROWS)

struct fit_cache {
	char *path;
	uint64_t *old;     /* as read, sorted */
	size_t nold;
	uint64_t *now;     /* vouched for during this start */
	size_t nnow, cap;
	bool changed;
	pthread_mutex_t lock;  /* over now and changed: the catalog parses files on several
	                        * threads */
};

static int key_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

struct fit_cache *fit_cache_load(const char *path)
{
	struct fit_cache *c = xcalloc(1, sizeof *c);
	FILE *f = fopen(path, "r");
	char line[64];
	size_t cap = 0;

	c->path = xstrdup(path);
	pthread_mutex_init(&c->lock, NULL);
	if (!f)
		return c;
	if (fgets(line, sizeof line, f) && strcmp(line, HEADER) == 0) {
		unsigned long long k;

		while (fscanf(f, "%16llx\n", &k) == 1) {
			if (c->nold == cap) {
				cap = cap ? 2 * cap : 32;
				c->old = xrealloc(c->old, cap * sizeof *c->old);
			}
			c->old[c->nold++] = k;
		}
	}
	fclose(f);
	if (c->nold > 1)
		qsort(c->old, c->nold, sizeof *c->old, key_cmp);
	return c;
}

void fit_cache_free(struct fit_cache *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->old);
	free(c->now);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* 64-bit multiply-and-rotate over 8 bytes at a time: a few hundred kilobytes of lessons cost
 * a small part of reading them.  Not a defence against someone crafting collisions: whoever
 * can write the cache file can write the lessons. */
uint64_t fit_cache_key(const char *buf, size_t len)
{
	const uint64_t m = 0x9E3779B97F4A7C15ULL;
	uint64_t h = 0x243F6A8885A308D3ULL ^ len;
	const char *rules = RULES;
	size_t i = 0;

	for (const char *r = rules; *r; r++)
		h = (h ^ (unsigned char)*r) * m;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, buf + i, 8);
		h = (h ^ w) * m;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)buf[i]) * m;
	h ^= h >> 32;
	return h * m ^ (h >> 29);
}

static void keep(struct fit_cache *c, uint64_t key)
{
	for (size_t i = 0; i < c->nnow; i++)
		if (c->now[i] == key)
			return;
	if (c->nnow == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->now = xrealloc(c->now, c->cap * sizeof *c->now);
	}
	c->now[c->nnow++] = key;
}

bool fit_cache_check(struct fit_cache *c, uint64_t key)
{
	bool found = c->nold && bsearch(&key, c->old, c->nold, sizeof key, key_cmp);

	if (found) {
		pthread_mutex_lock(&c->lock);
		keep(c, key);
		pthread_mutex_unlock(&c->lock);
	}
	return found;
}

void fit_cache_add(struct fit_cache *c, uint64_t key)
{
	bool known = c->nold && bsearch(&key, c->old, c->nold, sizeof key, key_cmp);

	pthread_mutex_lock(&c->lock);
	keep(c, key);
	if (!known)
		c->changed = true;
	pthread_mutex_unlock(&c->lock);
}

int fit_cache_save(struct fit_cache *c)
{
	char *tmp;
	FILE *f;
	int status = 0;

	if (c->nnow != c->nold)
		c->changed = true;  /* a file is gone, or was not vouched for this time */
	if (!c->changed)
		return 0;
	tmp = xasprintf("%s.tmp%ld", c->path, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		free(tmp);
		return -1;
	}
	/* Sorted: the threads vouched for the files in no fixed order. */
	if (c->nnow > 1)
		qsort(c->now, c->nnow, sizeof *c->now, key_cmp);
	fputs(HEADER, f);
	for (size_t i = 0; i < c->nnow; i++)
		fprintf(f, "%016llx\n", (unsigned long long)c->now[i]);
	if (fclose(f) != 0 || rename(tmp, c->path) != 0) {
		unlink(tmp);
		status = -1;
	}
	free(tmp);
	c->changed = false;
	return status;
}
