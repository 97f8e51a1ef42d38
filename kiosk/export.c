/* export: see export.h. */
#include "export.h"

#include <errno.h>
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
	else
		return -1;
	return 0;
}

/* s with every byte that does not start a valid UTF-8 character replaced by U+FFFD; caller
 * frees.  Data typed years ago or written by another tool may hold such bytes, and a JSON or
 * UTF-8 CSV reader would reject the whole file. */
static char *clean_utf8(const char *s)
{
	size_t n = strlen(s), len = 0;
	char *out = xmalloc(3 * n + 1);

	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		if (k <= 0) {
			memcpy(out + len, REPLACEMENT, 3);
			len += 3;
			i++;
		} else {
			memcpy(out + len, s + i, (size_t)k);
			len += (size_t)k;
			i += (size_t)k;
		}
	}
	out[len] = '\0';
	return out;
}

/* ---- CSV ---- */

/* A spreadsheet runs a cell that begins with one of these as a formula (OWASP "CSV
 * injection"); tab and CR can hide the formula sign from a reader's eye. */
static bool formula_start(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]);
}

static void csv_text(FILE *out, const char *raw)
{
	char *s = clean_utf8(raw);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		fputc('"', out);
	if (formula_start(s))
		fputc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	free(s);
}

static void csv_cell(FILE *out, const struct cell *c)
{
	if (c->type == CELL_TEXT) {
		csv_text(out, c->s);
	} else {
		char buf[64];

		fputs(report_cell_text(c, buf, sizeof buf), out);  /* digits, '.', true, false */
	}
}

static void csv_write(FILE *out, const struct report *r, bool bom)
{
	if (bom)
		fputs(BOM, out);
	for (size_t i = 0; i < r->ncols; i++) {
		if (i > 0)
			fputc(',', out);
		fputs(r->columns[i], out);  /* fixed identifiers: nothing to quote */
	}
	fputs("\r\n", out);
	for (size_t row = 0; row < r->nrows; row++) {
		for (size_t i = 0; i < r->ncols; i++) {
			if (i > 0)
				fputc(',', out);
			csv_cell(out, report_cell(r, row, i));
		}
		fputs("\r\n", out);
	}
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *raw)
{
	char *s = clean_utf8(raw);

	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
	free(s);
}

static void json_cell(FILE *out, const struct cell *c)
{
	char buf[64];

	switch (c->type) {
	case CELL_TEXT:
		json_string(out, c->s);
		break;
	case CELL_NULL:
		fputs("null", out);
		break;
	default:
		fputs(report_cell_text(c, buf, sizeof buf), out);  /* a JSON number or boolean */
	}
}

static void json_write(FILE *out, const struct report *r)
{
	fputc('[', out);
	for (size_t row = 0; row < r->nrows; row++) {
		fputs(row ? ",\n  {" : "\n  {", out);
		for (size_t i = 0; i < r->ncols; i++) {
			if (i > 0)
				fputs(", ", out);
			json_string(out, r->columns[i]);
			fputs(": ", out);
			json_cell(out, report_cell(r, row, i));
		}
		fputc('}', out);
	}
	fputs(r->nrows ? "\n]\n" : "]\n", out);
}

int export_write(FILE *out, const struct report *r, const struct export_options *o)
{
	errno = 0;
	if (o->format == EXPORT_JSON)
		json_write(out, r);
	else
		csv_write(out, r, o->bom);
	if (fflush(out) != 0 || ferror(out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
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
