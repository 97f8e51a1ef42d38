/* Unit tests for util.c: messages safe to print, the one small-file reader, array growth,
 * the program's own folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* A name from a damaged database with an escape sequence that would set the window title and
 * clear the screen: every control character becomes '?'. */
static void test_kerr_escapes_controls(void **state)
{
	struct kerr e;

	kerr_set(&e, "learner %s", "\x1b]2;PWNED\x07\x1b[2J\r\nМария\xc2\x9b");
	assert_string_equal(e.msg, "learner ?]2;PWNED??[2J??Мария??");
}

static void test_printable_keeps_text(void **state)
{
	char s[] = "Йордан · 😀 tab\there";

	util_printable(s);
	assert_string_equal(s, "Йордан · 😀 tab?here");
}

/* A file in a new temporary folder dir holding text; its path into path. */
static void temp_file(char *dir, char *path, size_t size, const char *text)
{
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/a.txt", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void test_read_small_file(void **state)
{
	char dir[] = "/tmp/kiosk-util-XXXXXX", path[64], fifo[64];
	size_t len = 0;
	char *buf;

	temp_file(dir, path, sizeof path, "привет");
	snprintf(fifo, sizeof fifo, "%s/pipe", dir);
	buf = read_small_file(path, 100, &len);
	assert_non_null(buf);
	assert_int_equal(len, strlen("привет"));
	assert_string_equal(buf, "привет");
	free(buf);
	assert_null(read_small_file(path, 5, &len));
	assert_int_equal(errno, EFBIG);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_null(read_small_file(fifo, 100, &len));  /* at once: no writer is awaited */
	assert_int_equal(errno, EINVAL);
	assert_null(read_small_file(dir, 100, &len));
	assert_int_equal(errno, EISDIR);
	assert_null(read_small_file("/nonexistent/x", 100, &len));
	assert_int_equal(errno, ENOENT);
	unlink(path);
	unlink(fifo);
	rmdir(dir);
}

/* The buffer starts at the size fstat gives and grows when the file holds more: exactly max
 * bytes are read, one more is too big, and a /proc file (size 0 to fstat) is read whole. */
static void test_read_small_file_sizes(void **state)
{
	char dir[] = "/tmp/kiosk-util-XXXXXX", path[64], want[4096], *buf;
	size_t len = 0, n = 0;
	FILE *fp;

	temp_file(dir, path, sizeof path, "0123456789");
	buf = read_small_file(path, 10, &len);
	assert_non_null(buf);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	assert_null(read_small_file(path, 9, &len));
	assert_int_equal(errno, EFBIG);

	fp = fopen("/proc/self/limits", "r");
	assert_non_null(fp);
	n = fread(want, 1, sizeof want - 1, fp);
	fclose(fp);
	want[n] = '\0';
	assert_true(n > 100);
	buf = read_small_file("/proc/self/limits", sizeof want, &len);
	assert_non_null(buf);
	assert_int_equal(len, n);
	assert_string_equal(buf, want);
	free(buf);
	assert_null(read_small_file("/proc/self/limits", n - 1, &len));
	assert_int_equal(errno, EFBIG);
	buf = read_small_file("/proc/self/limits", n, &len);  /* exactly max */
	assert_non_null(buf);
	assert_int_equal(len, n);
	free(buf);
	unlink(path);
	rmdir(dir);
}

static void test_xgrow(void **state)
{
	int *v = NULL;
	size_t cap = 0;

	for (size_t n = 0; n < 1000; n++) {
		v = xgrow(v, &cap, n, sizeof *v);
		assert_true(cap > n);
		v[n] = (int)n;
	}
	assert_int_equal(v[999], 999);
	free(v);
}

static void test_exe_dir(void **state)
{
	char *dir = exe_dir(), *exe = exe_path();

	assert_non_null(dir);
	assert_true(strncmp(exe, dir, strlen(dir)) == 0);
	assert_non_null(strstr(exe, "test_util"));
	free(dir);
	free(exe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kerr_escapes_controls),
		cmocka_unit_test(test_printable_keeps_text),
		cmocka_unit_test(test_read_small_file),
		cmocka_unit_test(test_read_small_file_sizes),
		cmocka_unit_test(test_xgrow),
		cmocka_unit_test(test_exe_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
