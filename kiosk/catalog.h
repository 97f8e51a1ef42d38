/* catalog: every lesson set under a lessons folder.  A set is one subfolder (lessons/bg,
 * lessons/uk, lessons/uk-BG) with an optional set.info (name:, description:, language:,
 * partial:) and
 * NAME.lesson files.  Owns loading, sorting, and the checks across files: duplicate lesson ids
 * in a set, lessons missing from a set (a "partial: yes" set may leave lessons out and have
 * its own), and sets that disagree on a shared lesson's step ids or kinds. */
#ifndef KIOSK_CATALOG_H
#define KIOSK_CATALOG_H

#include <stddef.h>

#include "diag.h"
#include "lesson.h"

/* A set's description is one row under its name on the welcome screen: 80 columns less the
 * list's margins, its number (up to two digits) and the "v" that marks more sets below. */
#define CATALOG_DESCRIPTION_COLS 66

struct lesson_set {
	char *name;       /* folder name: "bg", "uk", "uk-BG" */
	char *language;   /* interface language (gettext): "bg" or "uk" */
	char *title;      /* shown on the welcome screen in its own language: "Български" */
	char *description;  /* the row under the title there, saying what the set is for
	                     * ("Уроци за ..."); NULL when set.info gives none */
	struct lesson **lessons;  /* only lessons without errors, sorted by order then id */
	size_t count;
};

struct catalog {
	struct lesson_set *sets;  /* sorted by folder name */
	size_t count;
};

/* Loads dir.  dir may be a lessons root (sets in subfolders), one set folder, or one .lesson
 * file.  Broken files add diagnostics and are left out; the rest load.  Returns 0 when at least
 * one lesson loaded, -1 otherwise (d says why: unreadable folder, nothing found...).  Free with
 * catalog_free even after -1. */
int catalog_load(const char *dir, struct catalog *out, struct diags *d);
/* The same, not measuring again against the screen the lesson files whose exact contents
 * passed every check before (cache, see fitcache.h); cache may be NULL.  The kiosk's start. */
struct fit_cache;
int catalog_load_cached(const char *dir, struct fit_cache *cache, struct catalog *out,
                        struct diags *d);

/* Only the sets of dir, as catalog_load gives them when each set has a lesson that loads:
 * names, languages and titles (set.info), with no lesson read: every set's lessons are empty.
 * What the welcome screen needs, long before the lessons themselves.  Problems are not
 * reported (catalog_load reports them).  Returns 0 when some set holds NAME.lesson files, -1
 * otherwise; free with catalog_free either way. */
int catalog_scan(const char *dir, struct catalog *out);

void catalog_free(struct catalog *c);

/* The lesson files of a load are parsed on up to n threads (the calling one included): 1
 * parses them in the calling thread only, 0 (the default) uses one thread per core.  The
 * result is the same whatever n is; tests and benchmarks set it. */
void catalog_set_threads(unsigned n);

const struct lesson_set *catalog_find_set(const struct catalog *c, const char *name);
const struct lesson *lesson_set_find(const struct lesson_set *s, const char *lesson_id);

#endif
