/* Unit tests for export.c: the exact bytes of CSV (RFC 4180 quoting, CRLF, the byte-order
 * mark, formula neutralisation) and JSON (escaping, numbers, null), and the atomic output file
 * (complete or absent, no temporary file left, modes).  Tables are built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"

/* ---- tables ---- */

static struct report *table(size_t ncols, const char *const *cols)
{
	struct report *r = calloc(1, sizeof *r);

	assert_non_null(r);
	r->columns = malloc(ncols * sizeof *r->columns);
	for (size_t i = 0; i < ncols; i++)
		r->columns[i] = cols[i];
	r->ncols = ncols;
	return r;
}

/* Appends a row; cells given as type letters: 's' text, 'i' integer, 'r' real, 'b' boolean,
 * 'n' null, each followed by its value (none for null). */
static void row(struct report *r, const char *types, ...)
{
	va_list ap;
	struct cell *c;

	r->cells = realloc(r->cells, (r->nrows + 1) * r->ncols * sizeof *r->cells);
	c = &r->cells[r->nrows++ * r->ncols];
	assert_int_equal(strlen(types), r->ncols);
	va_start(ap, types);
	for (size_t i = 0; i < r->ncols; i++, c++) {
		memset(c, 0, sizeof *c);
		switch (types[i]) {
		case 's': c->type = CELL_TEXT; c->s = strdup(va_arg(ap, const char *)); break;
		case 'i': c->type = CELL_INT; c->i = va_arg(ap, int64_t); break;
		case 'r': c->type = CELL_REAL; c->r = va_arg(ap, double); break;
		case 'b': c->type = CELL_BOOL; c->b = va_arg(ap, int); break;
		default: c->type = CELL_NULL;
		}
	}
	va_end(ap);
}

/* What export_write puts in a file, as one string; caller frees. */
static char *written(const struct report *r, enum export_format fmt, bool bom)
{
	struct export_options o = { .format = fmt, .bom = bom };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(export_write(fp, r, &o), 0);
	fclose(fp);
	return buf;
}

static void assert_written(const struct report *r, enum export_format fmt, bool bom,
                           const char *want)
{
	char *got = written(r, fmt, bom);

	if (strcmp(got, want) != 0)
		fail_msg("wrote\n%s\nwanted\n%s", got, want);
	free(got);
}

static const char *const two[] = { "a", "b" };

/* ---- CSV ---- */

static void test_csv_quoting(void **state)
{
	static const char *const cols[] = { "name", "n", "rate", "ok", "none" };
	struct report *r = table(5, cols);

	row(r, "sirbn", "Мария", (int64_t)3, 0.75, 1);
	row(r, "sirbn", "Иванов, Иван", (int64_t)0, 1.0, 0);
	row(r, "sirbn", "say \"hi\"", (int64_t)-2, 7.0 / 3.0, 0);
	row(r, "sirbn", "two\nlines", (int64_t)10, 0.0, 0);
	row(r, "sirbn", "cr\rhere", (int64_t)1, 12.5, 0);
	row(r, "sirbn", "", (int64_t)1, 0.5, 0);
	assert_written(r, EXPORT_CSV, false,
		"name,n,rate,ok,none\r\n"
		"Мария,3,0.75,true,\r\n"
		"\"Иванов, Иван\",0,1,false,\r\n"
		"\"say \"\"hi\"\"\",-2,2.3333,false,\r\n"
		"\"two\nlines\",10,0,false,\r\n"
		"\"cr\rhere\",1,12.5,false,\r\n"
		",1,0.5,false,\r\n");
	report_free(r);
}

static void test_csv_bom(void **state)
{
	struct report *r = table(2, two);
	char *got;

	row(r, "ss", "Київ", "x");
	got = written(r, EXPORT_CSV, true);
	assert_memory_equal(got, "\xef\xbb\xbf" "a,b\r\nКиїв,x\r\n", strlen(got) + 1);
	free(got);
	got = written(r, EXPORT_CSV, false);
	assert_int_not_equal((unsigned char)got[0], 0xef);
	free(got);
	report_free(r);
}

/* A cell a spreadsheet would run as a formula gets a ' in front; our numbers never do. */
static void test_csv_formulas(void **state)
{
	struct report *r = table(2, two);

	row(r, "si", "=HYPERLINK(\"x\")", (int64_t)-1);
	row(r, "sr", "@SUM(1)", -0.5);
	row(r, "ss", "+1", "-5");
	row(r, "ss", "\tTAB", "\r=1");
	row(r, "ss", "a=b", "1-2");
	row(r, "ss", "=1,2", "ok @");
	assert_written(r, EXPORT_CSV, false,
		"a,b\r\n"
		"\"'=HYPERLINK(\"\"x\"\")\",-1\r\n"
		"'@SUM(1),-0.5\r\n"
		"'+1,'-5\r\n"
		"'\tTAB,\"'\r=1\"\r\n"
		"a=b,1-2\r\n"
		"\"'=1,2\",ok @\r\n");
	report_free(r);
}

static void test_csv_empty_report(void **state)
{
	struct report *r = table(2, two);

	assert_written(r, EXPORT_CSV, false, "a,b\r\n");
	report_free(r);
}

/* ---- JSON ---- */

static void test_json_values(void **state)
{
	static const char *const cols[] = { "name", "n", "rate", "ok", "none" };
	struct report *r = table(5, cols);

	row(r, "sirbn", "Мария", (int64_t)3, 0.75, 1);
	row(r, "sirbn", "x", (int64_t)-7, 1.0 / 3.0, 0);
	assert_written(r, EXPORT_JSON, false,
		"[\n"
		"  {\"name\": \"Мария\", \"n\": 3, \"rate\": 0.75, \"ok\": true, \"none\": null},\n"
		"  {\"name\": \"x\", \"n\": -7, \"rate\": 0.3333, \"ok\": false, \"none\": null}\n"
		"]\n");
	report_free(r);
}

static void test_json_escaping(void **state)
{
	static const char *const cols[] = { "s" };
	struct report *r = table(1, cols);

	row(r, "s", "quote \" backslash \\ slash /");
	row(r, "s", "nl\ncr\rtab\tbs\bff\f");
	row(r, "s", "\x01\x1f\x7f");
	row(r, "s", "=HYPERLINK(\"x\") Київ \xe2\x80\xa8");  /* no formula rule in JSON */
	assert_written(r, EXPORT_JSON, false,
		"[\n"
		"  {\"s\": \"quote \\\" backslash \\\\ slash /\"},\n"
		"  {\"s\": \"nl\\ncr\\rtab\\tbs\\bff\\f\"},\n"
		"  {\"s\": \"\\u0001\\u001f\\u007f\"},\n"
		"  {\"s\": \"=HYPERLINK(\\\"x\\\") Київ \xe2\x80\xa8\"}\n"
		"]\n");
	report_free(r);
}

static void test_json_empty_report(void **state)
{
	struct report *r = table(2, two);

	assert_written(r, EXPORT_JSON, false, "[]\n");
	report_free(r);
}

/* Bad bytes become U+FFFD in both formats, so the file stays valid UTF-8. */
static void test_invalid_utf8(void **state)
{
	static const char *const cols[] = { "s" };
	struct report *r = table(1, cols);

	row(r, "s", "a\xff" "b\xd0");
	assert_written(r, EXPORT_CSV, false, "s\r\na\xef\xbf\xbd" "b\xef\xbf\xbd\r\n");
	assert_written(r, EXPORT_JSON, false,
	               "[\n  {\"s\": \"a\xef\xbf\xbd" "b\xef\xbf\xbd\"}\n]\n");
	report_free(r);
}

static void test_format_names(void **state)
{
	enum export_format f;

	assert_int_equal(export_format_parse("json", &f), 0);
	assert_int_equal(f, EXPORT_JSON);
	assert_int_equal(export_format_parse("csv", &f), 0);
	assert_int_equal(f, EXPORT_CSV);
	assert_int_equal(export_format_parse("xlsx", &f), 0);
	assert_int_equal(f, EXPORT_XLSX);
	assert_int_equal(export_format_parse("ods", &f), -1);
	assert_int_equal(export_format_parse("CSV", &f), -1);
}

/* A full disk is reported, not ignored. */
static void test_write_error(void **state)
{
	struct report *r = table(2, two);
	struct export_options o = { .format = EXPORT_CSV };
	FILE *fp = fopen("/dev/full", "w");

	assert_non_null(fp);
	row(r, "ss", "x", "y");
	assert_int_equal(export_write(fp, r, &o), -1);
	assert_int_equal(errno, ENOSPC);
	fclose(fp);
	report_free(r);
}

/* ---- the atomic file ---- */

struct fx {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/kiosk-export-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof f->path, "%s/report.csv", f->dir);
	*state = f;
	return 0;
}

static int remove_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static size_t files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = calloc(1, 65536);

	assert_non_null(fp);
	assert_non_null(buf);
	assert_true(fread(buf, 1, 65535, fp) < 65535);
	fclose(fp);
	return buf;
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_file_commit(void **state)
{
	struct fx *f = *state;
	struct export_file *out;
	struct kerr err = { "" };
	mode_t old = umask(022);
	char *got;

	put(f->path, "old report\n");
	assert_int_equal(export_file_open(f->path, false, &out, &err), 0);
	fputs("new report\n", export_file_stream(out));
	/* Until the commit, readers still see the old file. */
	got = slurp(f->path);
	assert_string_equal(got, "old report\n");
	free(got);
	assert_int_equal(export_file_commit(out, &err), 0);
	got = slurp(f->path);
	assert_string_equal(got, "new report\n");
	free(got);
	assert_int_equal(files_in(f->dir), 1);  /* no temporary file left */
	assert_int_equal(mode_of(f->path), 0644);
	/* Names or answers inside: the owner only. */
	assert_int_equal(export_file_open(f->path, true, &out, &err), 0);
	fputs("personal\n", export_file_stream(out));
	assert_int_equal(export_file_commit(out, &err), 0);
	assert_int_equal(mode_of(f->path), 0600);
	umask(old);
}

static void test_file_abort(void **state)
{
	struct fx *f = *state;
	struct export_file *out;
	struct kerr err = { "" };
	char *got;

	put(f->path, "old report\n");
	assert_int_equal(export_file_open(f->path, false, &out, &err), 0);
	fputs("half a rep", export_file_stream(out));
	assert_int_equal(files_in(f->dir), 2);
	export_file_abort(out);
	got = slurp(f->path);
	assert_string_equal(got, "old report\n");
	free(got);
	assert_int_equal(files_in(f->dir), 1);
	/* A new file that was never committed does not appear at all. */
	unlink(f->path);
	assert_int_equal(export_file_open(f->path, false, &out, &err), 0);
	export_file_abort(out);
	assert_int_equal(files_in(f->dir), 0);
}

/* The disk fills up (a file size limit here) in the middle of the report: the old file
 * stays, and the temporary file is removed. */
static void test_file_full_disk(void **state)
{
	struct fx *f = *state;
	struct report *r = table(2, two);
	struct export_options o = { .format = EXPORT_CSV };
	struct export_file *out;
	struct kerr err = { "" };
	struct rlimit old, small = { 100, 0 };
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	int wrote;
	char *got;

	for (int i = 0; i < 200; i++)
		row(r, "ss", "Кой сте Вие?", "Стъпка 1 от 6");
	put(f->path, "old report\n");
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small.rlim_max = old.rlim_max;
	assert_int_equal(export_file_open(f->path, false, &out, &err), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	wrote = export_write(export_file_stream(out), r, &o);
	if (wrote == 0)
		assert_int_equal(export_file_commit(out, &err), -1);
	else
		export_file_abort(out);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);
	assert_int_equal(wrote, -1);
	got = slurp(f->path);
	assert_string_equal(got, "old report\n");
	free(got);
	assert_int_equal(files_in(f->dir), 1);
	report_free(r);
}

static void test_file_open_errors(void **state)
{
	struct fx *f = *state;
	struct export_file *out = (struct export_file *)1;
	struct kerr err = { "" };
	char path[160];

	snprintf(path, sizeof path, "%s/no/such/folder/report.csv", f->dir);
	assert_int_equal(export_file_open(path, false, &out, &err), -1);
	assert_null(out);
	assert_non_null(strstr(err.msg, "does not exist"));
	assert_int_equal(export_file_open(f->dir, false, &out, &err), -1);
	assert_non_null(strstr(err.msg, "folder"));
	snprintf(path, sizeof path, "%s/", f->dir);
	assert_int_equal(export_file_open(path, false, &out, &err), -1);
	/* Renaming over a named pipe or a device would put a plain file in its place (as root,
	 * even over /dev/null): refused.  A pipe stands in for devices here. */
	snprintf(path, sizeof path, "%s/pipe", f->dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(export_file_open(path, false, &out, &err), -1);
	assert_non_null(strstr(err.msg, "not a plain file"));
	assert_int_equal(files_in(f->dir), 1);
}

/* --output onto a symbolic link (planted by another user in a shared folder): refused, the
 * file it leads to keeps its content and its mode, and no temporary file is left. */
static void test_file_symlink(void **state)
{
	struct fx *f = *state;
	struct export_file *out;
	struct kerr err = { "" };
	char sub[160], target[192], link[160];
	struct stat st;
	char *got;

	snprintf(sub, sizeof sub, "%s/shared", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(target, sizeof target, "%s/secret", sub);
	snprintf(link, sizeof link, "%s/latest.csv", f->dir);
	put(target, "old\n");
	assert_int_equal(chmod(target, 0600), 0);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(export_file_open(link, false, &out, &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	got = slurp(target);
	assert_string_equal(got, "old\n");
	free(got);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(files_in(sub), 1);
	assert_int_equal(files_in(f->dir), 2);
}

/* The output may never be a database given as input, nor its -wal or -shm, by any name. */
static void test_check_output(void **state)
{
	struct fx *f = *state;
	struct kerr err = { "" };
	char db[160], wal[170], lnk[160], hard[160], other[160], dotted[200];
	const char *dbs[1] = { db };

	snprintf(db, sizeof db, "%s/k.db", f->dir);
	snprintf(wal, sizeof wal, "%s-wal", db);
	snprintf(lnk, sizeof lnk, "%s/link.db", f->dir);
	snprintf(hard, sizeof hard, "%s/hard.db", f->dir);
	snprintf(other, sizeof other, "%s/report.csv", f->dir);
	snprintf(dotted, sizeof dotted, "%s/./k.db-shm", f->dir);
	put(db, "x");
	assert_int_equal(symlink(db, lnk), 0);
	assert_int_equal(link(db, hard), 0);
	assert_int_equal(export_check_output(db, dbs, 1, &err), -1);
	assert_non_null(strstr(err.msg, "left unchanged"));
	assert_int_equal(export_check_output(lnk, dbs, 1, &err), -1);
	assert_int_equal(export_check_output(hard, dbs, 1, &err), -1);
	assert_int_equal(export_check_output(wal, dbs, 1, &err), -1);     /* not there yet */
	assert_int_equal(export_check_output(dotted, dbs, 1, &err), -1);  /* another spelling */
	dbs[0] = lnk;  /* the database named through a link: its -wal is beside the real file */
	assert_int_equal(export_check_output(wal, dbs, 1, &err), -1);
	assert_int_equal(export_check_output(other, dbs, 1, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_bom),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_csv_empty_report),
		cmocka_unit_test(test_json_values),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_json_empty_report),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test_setup_teardown(test_file_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_full_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_output, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
