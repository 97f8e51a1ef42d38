/* export: see export.h. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "i18n.h"

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD */
#define BOM "\xef\xbb\xbf"

int export_format_parse(const char *name, enum export_format *out)
{
	if (name && strcmp(name, "csv") == 0)
		*out = EXPORT_CSV;
	else if (name && strcmp(name, "json") == 0)
		*out = EXPORT_JSON;
	else if (name && strcmp(name, "xlsx") == 0)
		*out = EXPORT_XLSX;
	else if (name && strcmp(name, "html") == 0)
		*out = EXPORT_HTML;
	else
		return -1;
	return 0;
}

/* s with every byte that does not start a valid UTF-8 character replaced by U+FFFD, or s
 * itself when it is valid (almost always: no copy then); a copy is freed by the caller when
 * the result is not s.  Data typed years ago or written by another tool may hold such bytes,
 * and a JSON or UTF-8 CSV reader would reject the whole file. */
const char *export_clean_utf8(const char *s, size_t *len)
{
	size_t n = strlen(s), out_len = 0;
	char *out;

	*len = n;
	if (!u8_check((const uint8_t *)s, n))
		return s;
	out = xmalloc(3 * n + 1);
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (k <= 0) {
			memcpy(out + out_len, REPLACEMENT, 3);
			out_len += 3;
			i++;
		} else {
			memcpy(out + out_len, s + i, (size_t)k);
			out_len += (size_t)k;
			i += (size_t)k;
		}
	}
	out[out_len] = '\0';
	*len = out_len;
	return out;
}

static void put(FILE *out, const char *s, size_t n)
{
	fwrite_unlocked(s, 1, n, out);
}

static void put_str(FILE *out, const char *s)
{
	fputs_unlocked(s, out);
}

/* ---- CSV ---- */

/* A spreadsheet runs a cell that begins with one of these as a formula (OWASP "CSV
 * injection"); tab and CR can hide the formula sign from a reader's eye. */
static bool formula_start(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

/* Written in runs between the quotes that need doubling, not byte by byte. */
static void csv_text(FILE *out, const char *raw)
{
	size_t n;
	const char *s = export_clean_utf8(raw, &n);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	const char *p = s, *q;

	if (quote)
		putc_unlocked('"', out);
	if (formula_start(s))
		putc_unlocked('\'', out);
	while (quote && (q = strchr(p, '"'))) {
		put(out, p, (size_t)(q - p) + 1);
		putc_unlocked('"', out);
		p = q + 1;
	}
	put(out, p, n - (size_t)(p - s));
	if (quote)
		putc_unlocked('"', out);
	if (s != raw)
		free((char *)s);
}

static void csv_cell(FILE *out, const struct cell *c)
{
	if (c->type == CELL_TEXT) {
		csv_text(out, c->s);
	} else {
		char buf[64];

		put_str(out, report_cell_text(c, buf, sizeof buf));  /* digits, '.', true, false */
	}
}

static void csv_header(FILE *out, const char *const *columns, size_t ncols, bool bom)
{
	if (bom)
		put_str(out, BOM);
	for (size_t i = 0; i < ncols; i++) {
		if (i > 0)
			putc_unlocked(',', out);
		put_str(out, columns[i]);  /* fixed identifiers: nothing to quote */
	}
	put_str(out, "\r\n");
}

static void csv_row(FILE *out, const struct cell *cells, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++) {
		if (i > 0)
			putc_unlocked(',', out);
		csv_cell(out, &cells[i]);
	}
	put_str(out, "\r\n");
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *raw)
{
	size_t n;
	const char *s = export_clean_utf8(raw, &n), *run = s;

	putc_unlocked('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *esc = NULL;
		char buf[8];

		switch (*p) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				snprintf(buf, sizeof buf, "\\u%04x", *p);
				esc = buf;
			}
		}
		if (!esc)
			continue;
		put(out, run, (size_t)((const char *)p - run));
		put_str(out, esc);
		run = (const char *)p + 1;
	}
	put(out, run, n - (size_t)(run - s));
	putc_unlocked('"', out);
	if (s != raw)
		free((char *)s);
}

static void json_cell(FILE *out, const struct cell *c)
{
	char buf[64];

	switch (c->type) {
	case CELL_TEXT:
		json_string(out, c->s);
		break;
	case CELL_NULL:
		put_str(out, "null");
		break;
	case CELL_TIME:
		json_string(out, report_cell_text(c, buf, sizeof buf));  /* ISO 8601 text */
		break;
	default:
		put_str(out, report_cell_text(c, buf, sizeof buf));  /* a JSON number or boolean */
	}
}

static void json_row(FILE *out, const char *const *columns, const struct cell *cells,
                     size_t ncols, size_t row)
{
	put_str(out, row ? ",\n  {" : "\n  {");
	for (size_t i = 0; i < ncols; i++) {
		if (i > 0)
			put_str(out, ", ");
		json_string(out, columns[i]);
		put_str(out, ": ");
		json_cell(out, &cells[i]);
	}
	putc_unlocked('}', out);
}

/* ---- rows as they come ---- */

static int writer_begin(void *ctx, enum report_kind kind, const char *const *columns,
                        size_t ncols)
{
	struct export_writer *w = ctx;

	w->columns = columns;
	w->ncols = ncols;
	w->rows = 0;
	errno = 0;
	if (w->o.format == EXPORT_JSON)
		putc_unlocked('[', w->out);
	else
		csv_header(w->out, columns, ncols, w->o.bom);
	return ferror(w->out) ? -1 : 0;
}

static int writer_row(void *ctx, const struct cell *cells, size_t ncols)
{
	struct export_writer *w = ctx;

	if (w->o.format == EXPORT_JSON)
		json_row(w->out, w->columns, cells, ncols, w->rows);
	else
		csv_row(w->out, cells, ncols);
	w->rows++;
	return ferror(w->out) ? -1 : 0;
}

static void writer_end(void *ctx, int64_t events)
{
	struct export_writer *w = ctx;

	w->events = events;
}

struct report_sink export_sink(struct export_writer *w, FILE *out,
                               const struct export_options *o)
{
	*w = (struct export_writer){ .out = out, .o = *o };
	return (struct report_sink){ .begin = writer_begin, .row = writer_row, .ctx = w,
	                             .end = writer_end };
}

int export_finish(struct export_writer *w)
{
	if (w->o.format == EXPORT_JSON)
		put_str(w->out, w->rows ? "\n]\n" : "]\n");
	if (fflush(w->out) != 0 || ferror(w->out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

int export_write(FILE *out, const struct report *r, const struct export_options *o)
{
	struct export_writer w;
	struct report_sink sink = export_sink(&w, out, o);

	errno = 0;
	sink.begin(sink.ctx, r->kind, r->columns, r->ncols);
	for (size_t row = 0; row < r->nrows; row++)
		sink.row(sink.ctx, report_cell(r, row, 0), r->ncols);
	return export_finish(&w);
}

/* ---- the atomic output file ---- */

struct export_file {
	char *path;    /* as given, for messages */
	char *target;  /* the file replaced: path (never through a symbolic link) */
	char *dir;     /* folder of target */
	char *tmp;     /* the temporary file in dir */
	FILE *fp;
};

static void free_file(struct export_file *f)
{
	free(f->path);
	free(f->target);
	free(f->dir);
	free(f->tmp);
	free(f);
}

static int open_fail(struct export_file *f, struct kerr *err, int e)
{
	if (e == ENOENT)
		kerr_set(err, _("cannot write %s: the folder %s does not exist"), f->path, f->dir);
	else
		kerr_set(err, _("cannot write %s: %s"), f->path, strerror(e));
	free_file(f);
	return -1;
}

static mode_t file_mode(bool personal)
{
	mode_t mask = umask(0);

	umask(mask);
	return personal ? 0600 : 0666 & ~mask;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Refuses a folder, a device, a named pipe (renaming over /dev/null would put a plain file in
 * its place) and a symbolic link: in a shared folder another user may plant a link at the
 * output name that leads to a file of yours, which would be replaced.  The rename in
 * export_file_commit replaces the directory entry itself, so a link planted after this check
 * is replaced, never written through. */
static int check_target(struct export_file *f, struct kerr *err)
{
	struct stat st;

	if (!*base_name(f->path) || (stat(f->path, &st) == 0 && S_ISDIR(st.st_mode))) {
		kerr_set(err, _("cannot write %s: it is a folder, not a file"), f->path);
		return -1;
	}
	if (lstat(f->path, &st) == 0 && S_ISLNK(st.st_mode)) {
		kerr_set(err, _("cannot write %s: it is a symbolic link; give the name of the file "
		                "itself"), f->path);
		return -1;
	}
	if (lstat(f->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		kerr_set(err, _("cannot write %s: it is not a plain file (without --output the "
		                "report goes to standard output)"), f->path);
		return -1;
	}
	return 0;
}

int export_file_open(const char *path, bool personal, struct export_file **out,
                     struct kerr *err)
{
	struct export_file *f = xcalloc(1, sizeof *f);
	int fd;

	*out = NULL;
	f->path = xstrdup(path);
	if (check_target(f, err) < 0) {
		free_file(f);
		return -1;
	}
	f->target = xstrdup(path);
	f->dir = path_dir(f->target);
	/* Hidden and in the same folder: rename() is atomic only within one file system.
	 * mkostemp creates it with O_EXCL: never an existing file or a link. */
	f->tmp = xasprintf("%s/.%s.XXXXXX", f->dir, base_name(f->target));
	fd = mkostemp(f->tmp, O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return open_fail(f, err, errno);
	if (fchmod(fd, file_mode(personal)) < 0 || !(f->fp = fdopen(fd, "w"))) {
		int e = errno;

		close(fd);
		unlink(f->tmp);
		return open_fail(f, err, e);
	}
	*out = f;
	return 0;
}

/* path with its folder made canonical (links followed) and the last name kept as it is, so
 * that a file that does not exist yet can be compared by name; NULL when the folder does not
 * exist.  Caller frees. */
static char *canonical_name(const char *path)
{
	char *dir = path_dir(path), *real = realpath(dir, NULL), *out = NULL;

	if (real)
		out = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base_name(path));
	free(dir);
	free(real);
	return out;
}

/* The files SQLite keeps beside a database. */
static const char *const db_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* True when out (stat'ed in ost when it exists, its name made canonical in cout) is db or one
 * of the files beside it. */
static bool is_db_file(const char *db, const struct stat *ost, const char *cout)
{
	char *real = realpath(db, NULL);
	bool same = false;

	for (size_t i = 0; !same && i < sizeof db_suffixes / sizeof *db_suffixes; i++) {
		char *name = xasprintf("%s%s", real ? real : db, db_suffixes[i]);
		struct stat st;

		same = (ost && stat(name, &st) == 0 && st.st_dev == ost->st_dev &&
		        st.st_ino == ost->st_ino) || (cout && strcmp(name, cout) == 0);
		free(name);
	}
	free(real);
	return same;
}

int export_check_output(const char *path, const char *const *dbs, size_t n, struct kerr *err)
{
	struct stat st;
	bool exists = stat(path, &st) == 0;
	char *cout = canonical_name(path);
	int status = 0;

	for (size_t i = 0; i < n && status == 0; i++) {
		if (is_db_file(dbs[i], exists ? &st : NULL, cout)) {
			kerr_set(err, _("cannot write %s: it is the database %s or a file SQLite keeps "
			                "beside it (-wal, -shm); the database was left unchanged: choose "
			                "another output file"), path, dbs[i]);
			status = -1;
		}
	}
	free(cout);
	return status;
}

FILE *export_file_stream(const struct export_file *f)
{
	return f->fp;
}

const char *export_file_temp_path(const struct export_file *f)
{
	return f->tmp;
}

/* The rename itself reaches the disk only when the folder is synced. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int export_file_commit(struct export_file *f, struct kerr *err)
{
	int e = 0;

	errno = 0;
	if (fflush(f->fp) != 0 || ferror(f->fp))
		e = errno ? errno : EIO;
	else if (fsync(fileno(f->fp)) < 0)
		e = errno;
	if (fclose(f->fp) != 0 && !e)
		e = errno;
	f->fp = NULL;
	if (!e && rename(f->tmp, f->target) < 0)
		e = errno;
	if (e) {
		kerr_set(err, _("cannot write %s: %s"), f->path, strerror(e));
		unlink(f->tmp);
		free_file(f);
		return -1;
	}
	sync_dir(f->dir);
	free_file(f);
	return 0;
}

void export_file_abort(struct export_file *f)
{
	if (!f)
		return;
	if (f->fp)
		fclose(f->fp);
	unlink(f->tmp);
	free_file(f);
}
