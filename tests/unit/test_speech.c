/* Unit tests for speech.c with a recording engine (a script that writes its language argument,
 * the rate and the text it reads to files), and a slow engine to prove that stopping kills the
 * child at once and that no child outlives the kiosk, even after a SIGKILL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "speech.h"

struct fx {
	char dir[64];
	char record[96], slow[96];
};

static void write_script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *body;

	snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-speech-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->record, sizeof f->record, "%s/record", f->dir);
	snprintf(f->slow, sizeof f->slow, "%s/slow", f->dir);
	body = NULL;
	assert_true(asprintf(&body, "cat > %s/text.tmp\necho \"$1 $KIOSK_SPEECH_RATE\" > %s/args\n"
	                     "mv %s/text.tmp %s/text", f->dir, f->dir, f->dir, f->dir) > 0);
	write_script(f->record, body);
	free(body);
	/* The engine that never ends, with a child of its own (as a pipeline would have). */
	assert_true(asprintf(&body, "echo $$ > %s/pid.tmp; mv %s/pid.tmp %s/pid\n"
	                     "sleep 60 & echo $! > %s/grandchild\nwait", f->dir, f->dir, f->dir,
	                     f->dir) > 0);
	write_script(f->slow, body);
	free(body);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = NULL;

	assert_true(asprintf(&cmd, "rm -rf %s", f->dir) > 0);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f);
	return 0;
}

/* Waits up to 5 s for a file to exist; returns its contents (caller frees) or NULL. */
static char *wait_file(const char *dir, const char *name)
{
	char path[160], *buf = calloc(1, 4096);

	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (int i = 0; i < 500; i++) {
		FILE *f = fopen(path, "r");

		if (f) {
			size_t n = fread(buf, 1, 4095, f);

			fclose(f);
			buf[n] = '\0';
			if (n > 0)
				return buf;
		}
		usleep(10000);
	}
	free(buf);
	return NULL;
}

static bool alive(pid_t pid)
{
	char path[64];
	FILE *f;
	char state = '?';

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	/* A zombie waiting to be reaped by init is gone for our purpose. */
	if (fscanf(f, "%*d %*s %c", &state) != 1)
		state = '?';
	fclose(f);
	return state != 'Z';
}

static bool gone_within(pid_t pid, int ms)
{
	for (int i = 0; i < ms / 10; i++) {
		if (!alive(pid))
			return true;
		usleep(10000);
	}
	return !alive(pid);
}

static void test_sends_text_language_and_rate(void **state)
{
	struct fx *f = *state;
	struct speech sp;
	struct kerr err;
	char *text, *args;

	speech_init(&sp, f->record, 110);
	assert_int_equal(speech_say(&sp, "uk", "Крок 1 з 5. Натисніть Enter.", &err), 0);
	text = wait_file(f->dir, "text");
	args = wait_file(f->dir, "args");
	assert_non_null(text);
	assert_non_null(args);
	assert_string_equal(text, "Крок 1 з 5. Натисніть Enter.\n");
	assert_string_equal(args, "uk 110\n");
	free(text);
	free(args);
	speech_stop(&sp);
	assert_int_equal(sp.pid, 0);
}

/* Text that looks like shell syntax is only text: it never reaches a shell. */
static void test_text_never_reaches_a_shell(void **state)
{
	struct fx *f = *state;
	struct speech sp;
	struct kerr err;
	char *text, marker[128];

	snprintf(marker, sizeof marker, "%s/pwned", f->dir);
	speech_init(&sp, f->record, 0);
	char *evil = NULL;
	assert_true(asprintf(&evil, "$(touch %s) `touch %s`; touch %s", marker, marker, marker) > 0);
	assert_int_equal(speech_say(&sp, "bg", evil, &err), 0);
	text = wait_file(f->dir, "text");
	assert_non_null(text);
	assert_int_equal(strncmp(text, evil, strlen(evil)), 0);
	assert_int_equal(access(marker, F_OK), -1);
	assert_int_equal(sp.rate, SPEECH_RATE_DEFAULT);  /* 0 is out of range: the default */
	free(text);
	free(evil);
	speech_stop(&sp);
}

static void test_stop_kills_the_engine_and_its_children(void **state)
{
	struct fx *f = *state;
	struct speech sp;
	struct kerr err;
	char *pid_text, *gc_text;
	pid_t engine, grandchild;

	speech_init(&sp, f->slow, 0);
	assert_int_equal(speech_say(&sp, "bg", "дълъг текст", &err), 0);
	pid_text = wait_file(f->dir, "pid");
	gc_text = wait_file(f->dir, "grandchild");
	assert_non_null(pid_text);
	assert_non_null(gc_text);
	engine = (pid_t)atoi(pid_text);
	grandchild = (pid_t)atoi(gc_text);
	assert_int_equal(engine, sp.pid);  /* exec: the engine is the child itself */
	assert_true(speech_active(&sp));
	speech_stop(&sp);
	assert_false(speech_active(&sp));
	assert_true(gone_within(engine, 1000));
	assert_true(gone_within(grandchild, 1000));
	free(pid_text);
	free(gc_text);
}

/* A new text stops the old one first: never two voices at once. */
static void test_say_replaces_what_is_being_said(void **state)
{
	struct fx *f = *state;
	struct speech sp;
	struct kerr err;
	pid_t first;
	char *pid_text;

	speech_init(&sp, f->slow, 0);
	assert_int_equal(speech_say(&sp, "bg", "първо", &err), 0);
	pid_text = wait_file(f->dir, "pid");
	assert_non_null(pid_text);
	first = sp.pid;
	free(pid_text);
	assert_int_equal(speech_say(&sp, "bg", "второ", &err), 0);
	assert_true(first != sp.pid);
	assert_true(gone_within(first, 1000));
	speech_stop(&sp);
}

/* The kiosk killed with SIGKILL (no handler runs): the speech dies with it. */
static void test_no_child_outlives_a_killed_kiosk(void **state)
{
	struct fx *f = *state;
	pid_t kiosk = fork();
	char *pid_text;
	int status;

	assert_true(kiosk >= 0);
	if (kiosk == 0) {
		struct speech sp;
		struct kerr err;

		speech_init(&sp, f->slow, 0);
		if (speech_say(&sp, "uk", "текст", &err) < 0)
			_exit(1);
		pause();
		_exit(0);
	}
	pid_text = wait_file(f->dir, "pid");
	assert_non_null(pid_text);
	kill(kiosk, SIGKILL);
	assert_int_equal(waitpid(kiosk, &status, 0), kiosk);
	assert_true(gone_within((pid_t)atoi(pid_text), 2000));
	free(pid_text);
}

static void test_missing_engine_is_reported_not_fatal(void **state)
{
	struct fx *f = *state;
	struct speech sp;
	struct kerr err;
	char missing[128];

	snprintf(missing, sizeof missing, "%s/no-such-engine", f->dir);
	speech_init(&sp, missing, 0);
	assert_non_null(speech_problem(&sp));
	/* Starting it anyway fails in the child, silently; the kiosk is not disturbed. */
	assert_int_equal(speech_say(&sp, "bg", "текст", &err), 0);
	for (int i = 0; i < 200 && speech_active(&sp); i++)
		usleep(10000);
	assert_false(speech_active(&sp));
	speech_init(&sp, f->record, 0);
	assert_null(speech_problem(&sp));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sends_text_language_and_rate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_never_reaches_a_shell, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_kills_the_engine_and_its_children, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_say_replaces_what_is_being_said, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_child_outlives_a_killed_kiosk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_engine_is_reported_not_fatal, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
