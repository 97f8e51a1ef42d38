/* catalog: see catalog.h.  Loading keeps a record of every .lesson file, broken or not
 * (struct entry), because the checks across files need them all: a lesson that is broken in
 * one set is not "missing" there, and a copied file that still carries another lesson's id is
 * a duplicate even though the parser already rejected it.
 *
 * Loading runs in three steps: the folders are walked (in name order, every problem of the
 * walk reported as found), then the lesson files are parsed, on every core (parsing is most
 * of the time check-lessons takes), then the checks across files run.  Each file is parsed
 * into its own entry with its own diagnostics, which go into the caller's list where the walk
 * reached the file: the list is the same, in the same order, whatever the number of threads.
 * The parser shares nothing between files but the screen-fit cache, which locks itself. */
#include "catalog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

#define SET_INFO      "set.info"
#define LESSON_EXT    ".lesson"
/* Files read here besides through lesson_parse_file: set.info, and a broken lesson read again
 * to learn its id.  Both are small; a bigger file is not looked at. */
#define MAX_SMALL_FILE (1024 * 1024)
/* More threads than this gain nothing on a few dozen files of a few KiB each. */
#define MAX_THREADS    4

/* Threads that parse lesson files: 0 for one per core (up to MAX_THREADS). */
static unsigned thread_limit;

/* One .lesson file of a set. */
struct entry {
	char *path;            /* as shown in messages: the folder given plus the file name */
	char *stem;            /* file name without .lesson: the id the file must declare */
	char *id;              /* id the file declares: lesson->id, the id recovered from a
	                        * broken file, or stem when none could be recovered */
	int line;              /* line of "lesson:", 1 when unknown */
	struct lesson *lesson; /* NULL when broken; moved into the catalog at the end */
	off_t size;            /* bytes: the biggest files are parsed first */
	size_t diag_at;        /* the caller's diagnostics when the walk reached the file: its
	                        * own go there */
	struct diags diags;    /* the file's own, until they are merged into the caller's */
};

/* One set folder while it loads. */
struct set_load {
	char *dir;             /* folder path as shown in messages */
	char *name;            /* folder name */
	char *language;        /* from set.info, or NULL for the default */
	char *title;           /* from set.info, or NULL for the default */
	char *description;     /* from set.info, or NULL: none */
	int language_line, title_line, description_line;  /* where set.info set them, 0 when
	                                                   * it did not */
	bool partial;          /* set.info "partial: yes": holds only some of the lessons */
	int partial_line;
	struct entry *e;
	size_t count;
	size_t files;          /* NAME.lesson files seen when only scanning (catalog_scan) */
};

struct loader {
	struct set_load *sets;
	size_t count;
	struct diags *d;
	struct fit_cache *cache;  /* lesson files that passed the screen-fit checks, or NULL */
	bool scan_only;           /* catalog_scan: count the lesson files, read none */
};

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A regular file; *size is its size then. */
static bool is_file(const char *path, off_t *size)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	*size = st.st_size;
	return true;
}

/* The last component of the real path, so "lessons/bg/", "." and "bg" name the same set. */
static char *folder_name(const char *dir)
{
	char *real = realpath(dir, NULL), *slash, *name;

	if (!real)
		return xstrdup(dir);
	slash = strrchr(real, '/');
	name = xstrdup(slash && slash[1] ? slash + 1 : real);
	free(real);
	return name;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir, hidden ones left out, sorted so that every run reports in the same order.
 * Returns -1 (reported) when the folder cannot be read. */
static int list_dir(const char *dir, char ***out, size_t *count, struct diags *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	*out = NULL;
	*count = 0;
	if (!dp) {
		diags_add(d, dir, 0, _("cannot open folder: %s"), strerror(errno));
		return -1;
	}
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		*out = xgrow(*out, &cap, *count, sizeof **out);
		(*out)[(*count)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*count > 1)
		qsort(*out, *count, sizeof **out, name_cmp);
	return 0;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The whole of a small file, or NULL (errno set; EFBIG when too big). */
static char *read_small(const char *path, size_t *len)
{
	return read_small_file(path, MAX_SMALL_FILE, len);
}

/* ---- set.info ---- */

/* "partial: yes" (a set such as uk-BG: Ukrainian lessons about Bulgarian services only). */
static void set_info_partial(struct set_load *s, const char *path, int line, const char *value,
                             struct diags *d)
{
	if (s->partial_line) {
		diags_add(d, path, line, _("duplicate key '%s' (first at line %d); it may appear "
		                           "only once"), "partial", s->partial_line);
		return;
	}
	s->partial_line = line;
	if (strcmp(value, "yes") == 0)
		s->partial = true;
	else if (strcmp(value, "no") != 0)
		diags_add(d, path, line, _("'partial: %s': write 'partial: yes' for a set that "
		                           "has only some of the lessons, or leave the line out"),
		          value);
}

/* The slot of a text key of set.info (name, description, language) and where it was set. */
static char **set_info_slot(struct set_load *s, const char *key, int **seen)
{
	if (strcmp(key, "name") == 0) {
		*seen = &s->title_line;
		return &s->title;
	}
	if (strcmp(key, "description") == 0) {
		*seen = &s->description_line;
		return &s->description;
	}
	*seen = &s->language_line;
	return &s->language;
}

static void set_info_value(struct set_load *s, const char *path, int line, const char *key,
                           const char *value, struct diags *d)
{
	int *seen;
	char **slot = set_info_slot(s, key, &seen);
	size_t w;

	if (*seen) {
		diags_add(d, path, line, _("duplicate key '%s' (first at line %d); it may appear "
		                           "only once"), key, *seen);
		return;
	}
	*seen = line;
	if (!*value) {
		diags_add(d, path, line, _("'%s:' has no value; write it after the colon"), key);
		return;
	}
	if (slot == &s->language && strcmp(value, "bg") != 0 && strcmp(value, "uk") != 0) {
		diags_add(d, path, line, _("unknown language '%s'; use bg or uk"), value);
		return;
	}
	w = text_width(value);
	if (slot == &s->title && w > LESSON_TITLE_COLS) {
		diags_add(d, path, line, _("name is %zu columns wide; at most %d fit on the "
		                           "screen: shorten it"), w, LESSON_TITLE_COLS);
		return;
	}
	if (slot == &s->description && w > CATALOG_DESCRIPTION_COLS) {
		diags_add(d, path, line, _("description is %zu columns wide; at most %d fit on "
		                           "one row of the welcome screen: shorten it"),
		          w, CATALOG_DESCRIPTION_COLS);
		return;
	}
	*slot = xstrdup(value);
}

/* The keys set.info knows. */
static bool set_info_key(const char *key)
{
	static const char *const known[] = { "name", "description", "language", "partial" };

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcmp(key, known[i]) == 0)
			return true;
	return false;
}

static void set_info_line(struct set_load *s, const char *path, int line, char *l,
                          struct diags *d)
{
	char *colon, *v, *end;

	if (*l == '\0' || l[strspn(l, " \t")] == '#' || l[strspn(l, " \t")] == '\0')
		return;
	if (!text_valid_utf8(l, strlen(l))) {
		diags_add(d, path, line, _("line is not valid UTF-8; save the file with UTF-8 "
		                           "encoding"));
		return;
	}
	colon = strchr(l, ':');
	if (*l == ' ' || *l == '\t' || !colon) {
		diags_add(d, path, line, _("expected 'name: ...' or 'language: ...'"));
		return;
	}
	for (end = colon; end > l && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (!set_info_key(l)) {
		diags_add(d, path, line, _("unknown key '%.*s'; set.info has only 'name:', "
		                           "'description:', 'language:' and 'partial:'"),
		          (int)text_fit(l, 40), l);
		return;
	}
	v = colon + 1 + strspn(colon + 1, " \t");
	for (end = v + strlen(v); end > v && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	if (strcmp(l, "partial") == 0)
		set_info_partial(s, path, line, v, d);
	else
		set_info_value(s, path, line, l, v, d);
}

/* The first control character (a NUL too) in s[0..n), or -1: the name is shown on screen. */
static int control_char(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return c;
	}
	return -1;
}

/* Reads the set's set.info when there is one.  A bad line is reported and its value left at
 * the default: the set still loads. */
static void read_set_info(struct set_load *s, struct diags *d)
{
	char *path = join(s->dir, SET_INFO), *buf, *p;
	size_t len;
	int line = 0, bad;

	buf = read_small(path, &len);
	if (!buf) {
		if (errno != ENOENT)
			diags_add(d, path, 0, _("cannot read: %s"), strerror(errno));
		free(path);
		return;
	}
	p = buf;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < buf + len && line < INT_MAX) {
		char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		size_t n = (size_t)((nl ? nl : buf + len) - p);

		line++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if ((bad = control_char(p, n)) >= 0) {
			diags_add(d, path, line, _("line contains the invisible control character "
			                           "0x%02X; delete it"), (unsigned)bad);
		} else {
			p[n] = '\0';  /* over the CR or LF, or buf's own terminator */
			set_info_line(s, path, line, p, d);
		}
		p = nl ? nl + 1 : buf + len;
	}
	free(buf);
	free(path);
}

/* ---- lesson files ---- */

/* The id a rejected file declares, by parsing it again without the file-name rule.  Only a
 * file whose sole problem is its name gives one; that is the copied-file case worth naming. */
static void recover_id(struct entry *e)
{
	struct diags scratch = { 0 };
	struct lesson *l;
	size_t len;
	char *buf = read_small(e->path, &len);

	if (!buf)
		return;
	l = lesson_parse_buffer("", buf, len, &scratch);
	if (l && l->id[0]) {
		free(e->id);
		e->id = xstrdup(l->id);
		e->line = l->line;
	}
	lesson_free(l);
	diags_free(&scratch);
	free(buf);
}

/* A lesson file found by the walk; parse_entries reads it. */
static void add_entry(struct set_load *s, const char *path, const char *file_name,
                      off_t size, const struct diags *d)
{
	struct entry *e;
	size_t n = strlen(file_name);

	s->e = xrealloc(s->e, (s->count + 1) * sizeof *s->e);
	e = &s->e[s->count++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	e->stem = ends_with(file_name, LESSON_EXT) ? xstrndup(file_name, n - strlen(LESSON_EXT))
	                                          : xstrdup(file_name);
	e->id = xstrdup(e->stem);
	e->line = 1;
	e->size = size;
	e->diag_at = d->count;
}

/* Parses one file into its entry.  Runs on any thread: touches only e, and the cache (which
 * locks itself). */
static void parse_entry(struct entry *e, struct fit_cache *cache)
{
	e->lesson = cache ? lesson_parse_file_cached(e->path, cache, &e->diags)
	                  : lesson_parse_file(e->path, &e->diags);
	if (e->lesson)
		e->line = e->lesson->line;
	else
		recover_id(e);
}

/* The files to parse, shared by the threads: each takes the next one not taken. */
struct parse_jobs {
	struct entry **e;
	size_t count;
	atomic_size_t next;
	struct fit_cache *cache;
};

static void *parse_worker(void *arg)
{
	struct parse_jobs *j = arg;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->count)
		parse_entry(j->e[i], j->cache);
	return NULL;
}

static unsigned parse_threads(size_t files)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned n = thread_limit ? thread_limit : cores > 0 ? (unsigned)cores : 1;

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	return files < n ? (unsigned)files : n;
}

/* Starts up to n - 1 helpers on j (the caller is the n-th); returns how many started.  They
 * block every signal: the kiosk's handlers (and curses') belong to its main thread.  A helper
 * that cannot start only means fewer threads.  Helpers may run on any core but the caller's:
 * left free, the scheduler often started a new thread on the caller's own core and moved it
 * only milliseconds later, when the caller had parsed nearly everything alone (perf: 1.0 CPU
 * used of 2); the caller takes jobs as they come, so a busy other core costs nothing. */
static unsigned start_helpers(pthread_t *t, unsigned n, struct parse_jobs *j)
{
	sigset_t all, old;
	unsigned started = 0;

	pthread_attr_t attr;
	cpu_set_t others;
	int here = sched_getcpu();

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	if (here >= 0 && sched_getaffinity(0, sizeof others, &others) == 0) {
		CPU_CLR(here, &others);
		if (CPU_COUNT(&others) > 0)
			pthread_attr_setaffinity_np(&attr, sizeof others, &others);
	}
	while (started + 1 < n && pthread_create(&t[started], &attr, parse_worker, j) == 0)
		started++;
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

static int entry_size_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return (x->size < y->size) - (x->size > y->size);
}

/* Each file's diagnostics into d where the walk reached it, in walk order: the list is the
 * one a single thread parsing during the walk would give. */
/* Appends from[0..n) to out (the diagnostics themselves move; their strings are not copied). */
static void move_diags(struct diags *out, const struct diag *from, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		out->v = xgrow(out->v, &out->cap, out->count, sizeof *out->v);
		out->v[out->count++] = from[i];
	}
}

static void merge_diags(struct loader *ld)
{
	struct diags out = { 0 };
	struct diags *d = ld->d;
	size_t k = 0;

	for (size_t i = 0; i < ld->count; i++)
		for (size_t j = 0; j < ld->sets[i].count; j++) {
			struct entry *e = &ld->sets[i].e[j];

			if (e->diag_at > k) {  /* the walk's own, up to where it met the file */
				move_diags(&out, d->v + k, e->diag_at - k);
				k = e->diag_at;
			}
			move_diags(&out, e->diags.v, e->diags.count);
			free(e->diags.v);
			memset(&e->diags, 0, sizeof e->diags);
		}
	move_diags(&out, d->v + k, d->count - k);
	free(d->v);
	*d = out;
}

/* Parses every lesson file the walk found, the biggest first so that the threads finish
 * together. */
static void parse_entries(struct loader *ld)
{
	struct parse_jobs j = { .cache = ld->cache };
	pthread_t helpers[MAX_THREADS];
	unsigned started;
	size_t n = 0;

	for (size_t i = 0; i < ld->count; i++)
		j.count += ld->sets[i].count;
	if (j.count == 0)
		return;
	j.e = xmalloc(j.count * sizeof *j.e);
	for (size_t i = 0; i < ld->count; i++)
		for (size_t k = 0; k < ld->sets[i].count; k++)
			j.e[n++] = &ld->sets[i].e[k];
	qsort(j.e, j.count, sizeof *j.e, entry_size_cmp);
	atomic_init(&j.next, 0);
	started = start_helpers(helpers, parse_threads(j.count), &j);
	parse_worker(&j);
	for (unsigned i = 0; i < started; i++)
		pthread_join(helpers[i], NULL);
	free(j.e);
	merge_diags(ld);
}

void catalog_set_threads(unsigned n)
{
	thread_limit = n;
}

static struct set_load *new_set(struct loader *ld, const char *dir, const char *name)
{
	struct set_load *s;

	ld->sets = xrealloc(ld->sets, (ld->count + 1) * sizeof *ld->sets);
	s = &ld->sets[ld->count++];
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	s->name = xstrdup(name);
	return s;
}

/* Windows hides known extensions, so "pharmacy.lesson" saved from Notepad can end up as
 * "pharmacy.lesson.txt": say so rather than skip it silently. */
static void check_stray_name(const char *dir, const char *name, struct diags *d)
{
	char *path;

	if (!ends_with(name, LESSON_EXT ".txt"))
		return;
	path = join(dir, name);
	diags_add(d, path, 0, _("not loaded: the name ends in '.txt'; rename it to '%.*s'"),
	          (int)(strlen(name) - strlen(".txt")), name);
	free(path);
}

/* A NAME.lesson entry that is not a regular file is named, never skipped in silence: a link
 * in a loop or to nothing, a folder, a named pipe, a device. */
static void report_unreadable(const char *path, struct diags *d)
{
	struct stat st;

	if (stat(path, &st) < 0 && errno == ELOOP)
		diags_add(d, path, 0, _("not loaded: a symbolic link that leads round in a loop"));
	else if (stat(path, &st) < 0 && errno == ENOENT)
		diags_add(d, path, 0, _("not loaded: a symbolic link to a file that does not exist"));
	else if (stat(path, &st) < 0)
		diags_add(d, path, 0, _("cannot open: %s"), strerror(errno));
	else if (S_ISDIR(st.st_mode))
		diags_add(d, path, 0, _("not loaded: it is a folder, not a lesson file"));
	else
		diags_add(d, path, 0, _("not loaded: not a regular file (a named pipe, a device "
		                        "or a socket)"));
}

/* Loads every NAME.lesson in dir as one set.  A folder without lessons is reported and
 * dropped, so that it cannot make every lesson "missing" there. */
static void load_set_dir(struct loader *ld, const char *dir, const char *name)
{
	struct set_load *s;
	char **names;
	size_t n;

	if (list_dir(dir, &names, &n, ld->d) < 0)
		return;
	s = new_set(ld, dir, name);
	read_set_info(s, ld->d);
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		off_t size;

		if (!ends_with(names[i], LESSON_EXT))
			check_stray_name(dir, names[i], ld->d);
		else if (!is_file(path, &size))  /* one stat a file: the walk is on check-lessons' clock */
			report_unreadable(path, ld->d);
		else if (ld->scan_only)
			s->files++;
		else
			add_entry(s, path, names[i], size, ld->d);
		free(path);
	}
	free_names(names, n);
	if (s->count == 0 && s->files == 0) {
		diags_add(ld->d, dir, 0, _("no lesson files (NAME.lesson) in this folder"));
		free(s->dir);
		free(s->name);
		free(s->language);
		free(s->title);
		free(s->description);
		ld->count--;
	}
}

/* A set folder holds lessons or a set.info; a lessons root holds set folders.  Returns 1 for
 * a set, 0 for a root, -1 when dir cannot be listed (reported). */
static int is_set_dir(const char *dir, struct diags *d)
{
	char **names;
	size_t n;
	int set = 0;

	if (list_dir(dir, &names, &n, d) < 0)
		return -1;
	for (size_t i = 0; i < n && !set; i++)
		set = ends_with(names[i], LESSON_EXT) || strcmp(names[i], SET_INFO) == 0;
	free_names(names, n);
	return set;
}

static void load_root(struct loader *ld, const char *root)
{
	char **names;
	size_t n;

	if (list_dir(root, &names, &n, ld->d) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *dir = join(root, names[i]);

		if (is_dir(dir))
			load_set_dir(ld, dir, names[i]);
		free(dir);
	}
	free_names(names, n);
}

static void load_file(struct loader *ld, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup(".");
	char *name = folder_name(dir);
	struct set_load *s = new_set(ld, dir, name);

	read_set_info(s, ld->d);
	if (ld->scan_only)
		s->files++;
	else
		add_entry(s, path, slash ? slash + 1 : path, 0, ld->d);
	free(name);
	free(dir);
}

/* ---- checks across files ---- */

static int entry_id_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	/* The file named after the id owns it; the others are the copies to fix. */
	c = (strcmp(y->stem, y->id) == 0) - (strcmp(x->stem, x->id) == 0);
	return c ? c : strcmp(x->path, y->path);
}

static void check_duplicate_ids(const struct set_load *s, struct diags *d)
{
	const struct entry **v;

	if (s->count < 2)
		return;
	v = xmalloc(s->count * sizeof *v);
	for (size_t i = 0; i < s->count; i++)
		v[i] = &s->e[i];
	qsort(v, s->count, sizeof *v, entry_id_cmp);
	for (size_t i = 1, first = 0; i < s->count; i++) {
		if (strcmp(v[i]->id, v[first]->id) != 0) {
			first = i;
			continue;
		}
		diags_add(d, v[i]->path, v[i]->line, _("duplicate lesson id '%s': %s already "
		                                       "has it; give each lesson its own id"),
		          v[i]->id, v[first]->path);
	}
	free(v);
}

static const struct entry *set_entry(const struct set_load *s, const char *stem)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->e[i].stem, stem) == 0)
			return &s->e[i];
	return NULL;
}

/* Steps of b that a lacks, and steps of a that b lacks, reported in b's file.  Returns true
 * when both have the same step ids. */
static bool compare_step_ids(const struct lesson *a, const struct lesson *b,
                             struct diags *d)
{
	bool same = a->step_count == b->step_count;

	for (size_t i = 0; i < b->step_count; i++)
		if (lesson_step_index(a, b->steps[i].id) < 0) {
			diags_add(d, b->path, b->steps[i].line, _("step '%s' is not in %s; every "
			                                          "set must have the same steps"),
			          b->steps[i].id, a->path);
			same = false;
		}
	for (size_t i = 0; i < a->step_count; i++) {
		int prev = i > 0 ? lesson_step_index(b, a->steps[i - 1].id) : -1;

		if (lesson_step_index(b, a->steps[i].id) >= 0)
			continue;
		/* Point where it belongs: at the step that comes before it in a. */
		diags_add(d, b->path, prev >= 0 ? b->steps[prev].line : b->line,
		          _("step '%s' is missing here (%s:%d has it); every set must have the "
		            "same steps"), a->steps[i].id, a->path, a->steps[i].line);
		same = false;
	}
	return same;
}

/* b checked against a, the first set's version of the same lesson: same step ids, in the same
 * order, of the same kinds.  Every message points into b. */
static void compare_lessons(const struct lesson *a, const struct lesson *b, struct diags *d)
{
	if (!compare_step_ids(a, b, d))
		return;
	for (size_t i = 0; i < b->step_count; i++) {
		if (strcmp(a->steps[i].id, b->steps[i].id) == 0)
			continue;
		diags_add(d, b->path, b->steps[i].line, _("step '%s' is step %zu here but step %d "
		                                          "in %s; keep the same order in every "
		                                          "set"), b->steps[i].id, i + 1,
		          lesson_step_index(a, b->steps[i].id) + 1, a->path);
		return;  /* after one step out of place, every later one is too */
	}
	for (size_t i = 0; i < b->step_count; i++) {
		const struct step *sa = &a->steps[i], *sb = &b->steps[i];

		if (sa->kind != sb->kind)
			diags_add(d, b->path, sb->line, _("step '%s' is a %s step here but a %s "
			                                  "step in %s:%d; kinds must match in "
			                                  "every set"),
			          sb->id, lesson_kind_name(sb->kind), lesson_kind_name(sa->kind),
			          a->path, sa->line);
	}
}

/* One lesson (by file name) across all sets: present in every full set, and the same steps
 * wherever it is.  A partial set (set.info "partial: yes") may leave a lesson out, and a
 * lesson that only partial sets have is not missing from the full ones. */
static void check_parity_of(const struct loader *ld, const char *stem)
{
	const struct entry *first = NULL, *ref = NULL;
	bool in_full = false;

	for (size_t i = 0; i < ld->count; i++) {
		const struct entry *e = set_entry(&ld->sets[i], stem);

		/* "Missing" points at a full set's file: that is the one to copy. */
		if (e && !ld->sets[i].partial && !in_full) {
			in_full = true;
			first = e;
		}
		if (!first)
			first = e;
		if (!ref && e && e->lesson)
			ref = e;
	}
	if (!first)
		return;  /* cannot happen: stem came from some set's files */
	for (size_t i = 0; i < ld->count; i++) {
		const struct set_load *s = &ld->sets[i];
		const struct entry *e = set_entry(s, stem);

		if (!e && (s->partial || !in_full)) {
			continue;
		} else if (!e) {
			char *want = join(s->dir, stem);

			diags_add(ld->d, first->path, first->line,
			          _("lesson '%s' is missing from set '%s'; add %s.lesson"),
			          stem, s->name, want);
			free(want);
		} else if (e->lesson && ref && e != ref) {
			compare_lessons(ref->lesson, e->lesson, ld->d);
		}
	}
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void check_parity(const struct loader *ld)
{
	const char **stems;
	size_t n = 0, total = 0;

	for (size_t i = 0; i < ld->count; i++)
		total += ld->sets[i].count;
	if (ld->count < 2 || total == 0)
		return;
	stems = xmalloc(total * sizeof *stems);
	for (size_t i = 0; i < ld->count; i++)
		for (size_t j = 0; j < ld->sets[i].count; j++)
			stems[n++] = ld->sets[i].e[j].stem;
	qsort(stems, n, sizeof *stems, str_ptr_cmp);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(stems[i], stems[i - 1]) != 0)
			check_parity_of(ld, stems[i]);
	free(stems);
}

/* ---- the catalog ---- */

static int lesson_order_cmp(const void *a, const void *b)
{
	const struct lesson *x = *(const struct lesson *const *)a;
	const struct lesson *y = *(const struct lesson *const *)b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Default language: the folder name up to the first '-' ("uk-BG" speaks uk). */
static char *default_language(const char *name)
{
	return xstrndup(name, strcspn(name, "-"));
}

/* Moves the loaded lessons of s into a new set of c; sets without any are left out (when
 * scanning: sets without lesson files). */
static void publish_set(struct catalog *c, struct set_load *s)
{
	struct lesson_set *ls;
	size_t n = s->files;

	for (size_t i = 0; i < s->count; i++)
		n += s->e[i].lesson != NULL;
	if (n == 0)
		return;
	c->sets = xrealloc(c->sets, (c->count + 1) * sizeof *c->sets);
	ls = &c->sets[c->count++];
	ls->name = xstrdup(s->name);
	ls->language = s->language ? xstrdup(s->language) : default_language(s->name);
	ls->title = xstrdup(s->title ? s->title : s->name);
	ls->description = s->description ? xstrdup(s->description) : NULL;
	ls->lessons = n > s->files ? xmalloc((n - s->files) * sizeof *ls->lessons) : NULL;
	ls->count = 0;
	for (size_t i = 0; i < s->count; i++)
		if (s->e[i].lesson) {
			ls->lessons[ls->count++] = s->e[i].lesson;
			s->e[i].lesson = NULL;
		}
	if (ls->count > 1)
		qsort(ls->lessons, ls->count, sizeof *ls->lessons, lesson_order_cmp);
}

static int set_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lesson_set *)a)->name, ((const struct lesson_set *)b)->name);
}

static void loader_free(struct loader *ld)
{
	for (size_t i = 0; i < ld->count; i++) {
		struct set_load *s = &ld->sets[i];

		for (size_t j = 0; j < s->count; j++) {
			free(s->e[j].path);
			free(s->e[j].stem);
			free(s->e[j].id);
			lesson_free(s->e[j].lesson);
			diags_free(&s->e[j].diags);
		}
		free(s->e);
		free(s->dir);
		free(s->name);
		free(s->language);
		free(s->title);
		free(s->description);
	}
	free(ld->sets);
}

int catalog_load(const char *dir, struct catalog *out, struct diags *d)
{
	return catalog_load_cached(dir, NULL, out, d);
}

static int load(const char *dir, struct fit_cache *cache, bool scan_only, struct catalog *out,
                struct diags *d);

int catalog_load_cached(const char *dir, struct fit_cache *cache, struct catalog *out,
                        struct diags *d)
{
	return load(dir, cache, false, out, d);
}

int catalog_scan(const char *dir, struct catalog *out)
{
	struct diags scratch = { 0 };  /* catalog_load reports the same problems, and more */
	int rc = load(dir, NULL, true, out, &scratch);

	diags_free(&scratch);
	return rc;
}

static int load(const char *dir, struct fit_cache *cache, bool scan_only, struct catalog *out,
                struct diags *d)
{
	struct loader ld = { .d = d, .cache = cache, .scan_only = scan_only };
	size_t reported = d->count;
	struct stat st;
	int set;

	memset(out, 0, sizeof *out);
	if (stat(dir, &st) != 0) {
		diags_add(d, dir, 0, _("cannot open: %s"), strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		load_file(&ld, dir);
	} else if ((set = is_set_dir(dir, d)) < 0) {
		return -1;
	} else if (set) {
		char *name = folder_name(dir);

		load_set_dir(&ld, dir, name);
		free(name);
	} else {
		load_root(&ld, dir);
	}
	if (!scan_only)
		parse_entries(&ld);
	for (size_t i = 0; i < ld.count; i++)
		check_duplicate_ids(&ld.sets[i], d);
	if (!scan_only)
		check_parity(&ld);
	for (size_t i = 0; i < ld.count; i++)
		publish_set(out, &ld.sets[i]);
	if (out->count > 1)
		qsort(out->sets, out->count, sizeof *out->sets, set_cmp);
	if (ld.count == 0 && d->count == reported)
		diags_add(d, dir, 0, _("no lesson folders or lesson files (NAME.lesson) found"));
	loader_free(&ld);
	return out->count > 0 ? 0 : -1;
}

void catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->count; i++) {
		struct lesson_set *s = &c->sets[i];

		for (size_t j = 0; j < s->count; j++)
			lesson_free(s->lessons[j]);
		free(s->lessons);
		free(s->name);
		free(s->language);
		free(s->title);
		free(s->description);
	}
	free(c->sets);
	c->sets = NULL;
	c->count = 0;
}

const struct lesson_set *catalog_find_set(const struct catalog *c, const char *name)
{
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->sets[i].name, name) == 0)
			return &c->sets[i];
	return NULL;
}

const struct lesson *lesson_set_find(const struct lesson_set *s, const char *lesson_id)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->lessons[i]->id, lesson_id) == 0)
			return s->lessons[i];
	return NULL;
}
