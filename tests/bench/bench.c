/* Benchmarks (make bench): how long the things a learner waits for take on this machine, and
 * the helpers tests/bench.sh uses to set each figure beside its floor.  Not part of make
 * check: figures vary with the disk and the load.
 *
 *   bench micro DIR           in-process figures (wrapping, a durable answer, small reports)
 *   bench lessons DIR         loading DIR's lessons, and its floor (read + UTF-8 check)
 *   bench measure CMD ARG...  runs CMD (output to /dev/null): "SECONDS MAX_RSS_KB"
 *   bench screen DB DIR       the trainer's statistics screen on the kiosk's open connection to
 *                             DB, in ms: all time from its running totals, and by the pass over
 *                             every event; the last 30 days on that connection, and from the
 *                             file (a pass over every event)
 *   bench keys KIOSK FLOOR LESSONS PRACTICE
 *                             CPU microseconds per key: Down/Up on the lesson list of LESSONS,
 *                             a letter/Backspace in the first practice field of PRACTICE's
 *                             second lesson; then the same keys in FLOOR (floor_keys)
 *   bench startup MARK CMD... runs CMD in an 80x24 pseudo-terminal until its output holds MARK
 *                             (the end of the first complete frame): "SECONDS PEAK_RSS_KB",
 *                             the RSS read with CMD stopped as soon as MARK is seen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>
#include <unistr.h>

#include "catalog.h"
#include "read_lessons.h"
#include "fitcache.h"
#include "isotime.h"
#include "layout.h"
#include "report.h"
#include "store.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench_catalog(const char *dir)
{
	const int rounds = 200;
	double t0 = now();
	size_t lessons = 0;

	for (int i = 0; i < rounds; i++) {
		struct catalog c = { 0 };
		struct diags d = { 0 };

		catalog_load(dir, &c, &d);
		lessons = 0;
		for (size_t s = 0; s < c.count; s++)
			lessons += c.sets[s].count;
		catalog_free(&c);
		diags_free(&d);
	}
	printf("catalog_load %s: %zu lessons, %.2f ms per load (%d rounds)\n", dir, lessons,
	       (now() - t0) * 1e3 / rounds, rounds);
}

static void bench_wrap(void)
{
	const char *text = "Добре дошли в онлайн аптеката! Тук ще научите как да поръчате "
	                   "лекарство без рецепта, без да излизате от дома си. Ще видите как "
	                   "се търси лекарство, как се плаща при доставка и как се разпознава "
	                   "фалшив сайт.";
	const int rounds = 20000;
	double t0 = now();

	for (int i = 0; i < rounds; i++) {
		struct layout l;

		layout_wrap(text, LESSON_WRAP_COLS, &l);
		layout_free(&l);
	}
	printf("layout_wrap of a %zu-byte step text at %d columns: %.1f us\n", strlen(text),
	       LESSON_WRAP_COLS, (now() - t0) * 1e6 / rounds);
}

/* A busy kiosk: 200 learners, 20,000 answers, recorded the way the kiosk records them (one
 * durable commit each, a few seconds in all). */
static void fill(struct store *s, int learners, int answers)
{
	struct kerr err;

	for (int l = 0; l < learners; l++) {
		char name[32];
		int64_t id, session;
		bool created;

		snprintf(name, sizeof name, "Учащ %d", l);
		store_find_or_add_learner(s, name, &id, &created, &err);
		store_begin_session(s, id, l % 2 ? "uk" : "bg", &session, &err);
		for (int i = 0; i < answers / learners; i++) {
			char step[16];
			struct store_event ev = {
				.session = session, .learner = id, .lang = l % 2 ? "uk" : "bg",
				.lesson_id = "pharmacy", .step_id = step, .step_index = i % 22,
				.step_count = 22, .kind = "read", .correct = i % 3 != 0,
			};

			snprintf(step, sizeof step, "s%d", i % 22);
			store_record(s, &ev, &err);
		}
	}
}

static void bench_report(const char *dir, const char *lessons)
{
	char path[96];
	const char *paths[] = { path };
	struct catalog c = { 0 };
	struct diags d = { 0 };
	struct store *s;
	struct kerr err;
	double t0;

	snprintf(path, sizeof path, "%s/report.db", dir);
	if (store_open(path, &s, &err) < 0)
		return;
	fill(s, 200, 20000);
	store_close(s);
	catalog_load(lessons, &c, &d);
	for (enum report_kind k = REPORT_LESSONS; k <= REPORT_EVENTS; k++) {
		struct report_filter all = { 0 };
		struct report_data *data = NULL;
		struct report *r = NULL;

		t0 = now();
		if (report_load(paths, 1, &data, &err) == 0 &&
		    report_build(data, &c, k, &all, &r, &err) == 0)
			printf("report %-8s on 20,000 events: %.1f ms (%zu rows)\n",
			       report_kind_name(k), (now() - t0) * 1e3, r->nrows);
		report_free(r);
		report_data_free(data);
	}
	catalog_free(&c);
	diags_free(&d);
}

static void bench_commit(const char *lessons)
{
	char dir[] = "/tmp/kiosk-bench.XXXXXX", path[64];
	const int rounds = 500;
	struct store *s;
	struct kerr err;
	int64_t learner, session;
	bool created;
	double t0;

	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof path, "%s/bench.db", dir);
	if (store_open(path, &s, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return;
	}
	store_find_or_add_learner(s, "Мария", &learner, &created, &err);
	store_begin_session(s, learner, "bg", &session, &err);
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		struct store_event ev = {
			.session = session, .learner = learner, .lang = "bg",
			.lesson_id = "pharmacy", .step_id = "search", .step_index = 2,
			.step_count = 14, .kind = "type", .answer = "парацетамол", .correct = true,
		};
		store_record(s, &ev, &err);
	}
	printf("store_record (durable commit, WAL, synchronous=FULL) in %s: %.3f ms each\n", dir,
	       (now() - t0) * 1e3 / rounds);
	store_close(s);
	bench_report(dir, lessons);
	for (const char *const *db = (const char *const[]){ "bench", "report", NULL }; *db; db++)
		for (const char *const *ext = (const char *const[]){ "", "-wal", "-shm", NULL };
		     *ext; ext++) {
			snprintf(path, sizeof path, "%s/%s.db%s", dir, *db, *ext);
			unlink(path);
		}
	rmdir(dir);
}

/* ---- floors ---- */

/* Milliseconds per load of dir as the kiosk loads it at start (the screen-fit cache filled by
 * an earlier start), per full check (check-lessons' catalog_load), and per read_lessons of
 * dir (the floor). */
static void bench_lessons(const char *dir)
{
	const int rounds = 200;
	char path[] = "/tmp/kiosk-bench-fit.XXXXXX";
	int fd = mkstemp(path);
	struct fit_cache *cache;
	double t0, load, full, floor;
	size_t bytes = 0;

	if (fd < 0)
		return;
	close(fd);
	/* A first start fills the cache; the next starts read it. */
	for (int pass = 0; pass < 2; pass++) {
		cache = fit_cache_load(path);
		t0 = now();
		for (int i = 0; i < (pass ? rounds : 1); i++) {
			struct catalog c = { 0 };
			struct diags d = { 0 };

			catalog_load_cached(dir, cache, &c, &d);
			catalog_free(&c);
			diags_free(&d);
		}
		load = (now() - t0) * 1e3 / rounds;
		fit_cache_save(cache);
		fit_cache_free(cache);
	}
	unlink(path);
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		struct catalog c = { 0 };
		struct diags d = { 0 };

		catalog_load(dir, &c, &d);
		catalog_free(&c);
		diags_free(&d);
	}
	full = (now() - t0) * 1e3 / rounds;
	t0 = now();
	for (int i = 0; i < rounds; i++)
		bytes = read_lessons(dir);
	floor = (now() - t0) * 1e3 / rounds;
	printf("%.4f %.4f %zu %.4f\n", load, floor, bytes, full);
}

/* Runs argv with its output thrown away; prints wall seconds and the child's peak RSS. */
static int measure(char **argv)
{
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 1;
	printf("%.6f %ld\n", now() - t0, ru.ru_maxrss);  /* microseconds: a run can take 2 ms */
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Peak resident memory of a running process so far (VmHWM), in KiB. */
static long peak_rss(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Time from fork to the moment the terminal has received mark, and the peak RSS then. */
static int startup(const char *mark, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	static char out[1 << 16];
	size_t len = 0;
	double t0 = now(), t = -1;
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);

	if (pid < 0)
		return 1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (t < 0 && now() - t0 < 10) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, out + len, sizeof out - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		out[len] = '\0';
		if (memmem(out, len, mark, strlen(mark))) {
			/* Stopped at once: what it holds at the frame, not what the work it goes
			 * on with after the frame adds while /proc is read. */
			kill(pid, SIGSTOP);
			t = now() - t0;
		}
	}
	printf("%.6f %ld\n", t, peak_rss(pid));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
	return t < 0;
}

/* Both reports as the cell texts the screen shows, one line per row: to compare two ways. */
static char *dump(const struct report *a, const struct report *b)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	for (const struct report *r = a; r; r = r == a ? b : NULL)
		for (size_t row = 0; row < r->nrows; row++) {
			for (size_t col = 0; col < r->ncols; col++) {
				char buf[64];

				fprintf(f, "%s,", report_cell_text(report_cell(r, row, col), buf, sizeof buf));
			}
			fputc('\n', f);
		}
	fclose(f);
	return out;
}

static double month[2];  /* this month's view, on the kiosk's connection and from the file */

/* The screen's "this month" (the last 30 days of the file's events here): on the kiosk's
 * connection, which reads only the learners and lessons with an event since, and by a pass
 * over every event of the file; fails when the two differ. */
static int bench_month(struct store *s, const char *db, const struct catalog *c)
{
	struct report_filter f = { .has_since = true };
	sqlite3_stmt *st;
	char *dumps[2] = { NULL, NULL };
	int status = 0;

	if (sqlite3_prepare_v2(store_connection(s), "SELECT max(at) FROM events", -1, &st,
	                       NULL) != SQLITE_OK)
		return 1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		isotime_parse((const char *)sqlite3_column_text(st, 0), false, &f.since_ms);
	sqlite3_finalize(st);
	f.since_ms -= 30 * 86400000LL;
	for (int way = 0; way < 2; way++) {
		month[way] = 1e9;
		for (int i = 0; i < 3; i++) {
			struct report_data *data = NULL;
			struct report *r = NULL, *steps = NULL;
			struct kerr err;
			double t0 = now();

			if ((way == 0 ? report_load_store(s, db, &data, &err) :
			                report_load((const char *const[]){ db }, 1, &data, &err)) < 0 ||
			    report_build_lessons_steps(data, c, &f, &r, &steps, &err) < 0)
				status = 1;
			if (now() - t0 < month[way])
				month[way] = now() - t0;
			free(dumps[way]);
			dumps[way] = dump(r, steps);
			report_free(r);
			report_free(steps);
			report_data_free(data);
		}
		month[way] *= 1e3;
	}
	if (strcmp(dumps[0], dumps[1]) != 0) {
		fprintf(stderr, "bench: this month differs between the two ways\n");
		status = 1;
	}
	free(dumps[0]);
	free(dumps[1]);
	return status;
}

/* What the trainer's statistics screen computes on entering it, on an open kiosk: the lessons
 * and steps reports, from the running totals (as the screen does) and, for comparison, from
 * every event (as it did before).  Prints both in milliseconds (best of 3), and fails when
 * the two differ in any cell. */
static int bench_screen(const char *db, const char *dir)
{
	struct catalog c = { 0 };
	struct diags d = { 0 };
	struct store *s;
	struct kerr err;
	double best = 1e9, best_full = 1e9;
	char *totals = NULL, *full = NULL;
	int status = 0;

	if (store_open(db, &s, &err) < 0) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 1;
	}
	catalog_load(dir, &c, &d);
	for (int i = 0; i < 3; i++) {
		struct report_data *data = NULL;
		struct report *r = NULL, *steps = NULL;
		bool current = false;
		double t0 = now();

		if (report_build_totals(s, db, &c, &r, &steps, &current, &err) < 0 || !current) {
			fprintf(stderr, "bench: the totals are %s\n", current ? err.msg : "not current");
			status = 1;
		}
		if (now() - t0 < best)
			best = now() - t0;
		free(totals);
		totals = dump(r, steps);
		report_free(r);
		report_free(steps);
		r = steps = NULL;
		t0 = now();
		/* The lessons and steps reports, as the screen's charts need both. */
		if (report_load_store(s, db, &data, &err) == 0)
			report_build_lessons_steps(data, &c, NULL, &r, &steps, &err);
		if (now() - t0 < best_full)
			best_full = now() - t0;
		free(full);
		full = dump(r, steps);
		report_free(r);
		report_free(steps);
		report_data_free(data);
	}
	if (strcmp(totals, full) != 0) {
		fprintf(stderr, "bench: the totals differ from the events\n");
		status = 1;
	}
	status |= bench_month(s, db, &c);
	printf("%.1f %.1f %.1f %.1f\n", best * 1e3, best_full * 1e3, month[0], month[1]);
	free(totals);
	free(full);
	catalog_free(&c);
	diags_free(&d);
	store_close(s);
	return status;
}

/* ---- the CPU a key costs ---- */

/* A program in an 80x24 pseudo-terminal, and what it wrote lately. */
struct term {
	int fd;
	pid_t pid;
	char out[1 << 16];
	size_t len;
};

static int term_start(struct term *t, char **argv)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	t->len = 0;
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return -1;
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	return 0;
}

/* Reads what arrives within ms; returns the bytes read (-1 at the end). */
static ssize_t term_read(struct term *t, int ms)
{
	struct pollfd p = { t->fd, POLLIN, 0 };
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	if (t->len > sizeof t->out / 2) {  /* keep the newer half */
		memmove(t->out, t->out + t->len - sizeof t->out / 4, sizeof t->out / 4);
		t->len = sizeof t->out / 4;
	}
	n = read(t->fd, t->out + t->len, sizeof t->out - 1 - t->len);
	if (n <= 0)
		return -1;
	t->len += (size_t)n;
	t->out[t->len] = '\0';
	return n;
}

/* Until the output since now holds mark; 0, or -1 after 10 s. */
static int term_wait(struct term *t, const char *mark)
{
	double t0 = now();

	t->len = 0;
	while (now() - t0 < 10) {
		if (term_read(t, 100) < 0)
			return -1;
		if (memmem(t->out, t->len, mark, strlen(mark)))
			return 0;
	}
	return -1;
}

static void term_send(struct term *t, const char *keys)
{
	if (write(t->fd, keys, strlen(keys)) < 0)
		perror("bench: write");
}

/* Waits for the answer to a key: some output, then none for quiet ms.  False when nothing
 * came within a second. */
static bool term_answer(struct term *t, int quiet)
{
	double t0 = now();
	ssize_t n = 0;

	while (n == 0 && now() - t0 < 1)
		n = term_read(t, 10);
	while (n > 0)
		n = term_read(t, quiet);
	return now() - t0 < 1;
}

/* SIGTERM (the kiosk ends cleanly: a profiler around it writes its file), SIGKILL after 10 s. */
static void term_stop(struct term *t)
{
	kill(t->pid, SIGTERM);
	for (int i = 0; i < 1000 && waitpid(t->pid, NULL, WNOHANG) == 0; i++)
		term_read(t, 10);  /* it may write while it ends */
	if (waitpid(t->pid, NULL, WNOHANG) == 0) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, NULL, 0);
	}
	close(t->fd);
}

/* CPU time the process has used so far, in nanoseconds (the scheduler's own count). */
static long long cpu_ns(pid_t pid)
{
	char path[64];
	long long ns = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, "%lld", &ns) != 1)
			ns = -1;
		fclose(f);
	}
	return ns;
}

/* Microseconds of CPU per key, over rounds keys a and b in turn, each answered before the
 * next; -1 when a key went unanswered, or when a (a letter) did not appear on the screen. */
static double cpu_per_key(struct term *t, const char *a, const char *b, int rounds)
{
	long long c0;
	bool ok = true;

	term_answer(t, 100);  /* whatever the screen was still drawing */
	t->len = 0;
	term_send(t, a);
	if (!term_answer(t, 3) || (strcmp(a, "\033OB") != 0 && !memmem(t->out, t->len, a,
	                                                               strlen(a)))) {
		fprintf(stderr, "bench keys: the key did not show\n");
		return -1;
	}
	term_send(t, b);
	term_answer(t, 3);
	c0 = cpu_ns(t->pid);
	for (int i = 0; i < rounds; i++) {
		term_send(t, i % 2 ? b : a);
		ok &= term_answer(t, 3);
	}
	return ok ? (double)(cpu_ns(t->pid) - c0) / 1e3 / rounds : -1;
}

/* Starts argv, sends each of the setup pairs (wait for mark, then send keys), then measures
 * keys a and b. */
static double key_cost(char **argv, const char *const *setup, const char *a, const char *b,
                       int rounds)
{
	struct term t;
	double us = -1;

	if (term_start(&t, argv) < 0)
		return -1;
	for (; *setup; setup += 2) {
		if (term_wait(&t, setup[0]) < 0) {
			fprintf(stderr, "bench keys: %s never showed \"%s\"\n", argv[0], setup[0]);
			goto out;
		}
		term_send(&t, setup[1]);
	}
	us = cpu_per_key(&t, a, b, rounds);
out:
	term_stop(&t);
	return us;
}

/* A key on the lesson list (Down, Up) and a letter typed in a practice field (a letter,
 * Backspace) in the kiosk, each on a new database, and the same keys in floor_keys.  Prints
 * "list floor-list letter floor-letter" in microseconds of CPU per key. */
static int bench_keys(const char *kiosk, const char *floor, const char *lessons,
                      const char *practice)
{
	char dir[] = "/tmp/kiosk-bench-keys.XXXXXX", db1[64], db2[64];
	const int rounds = 400;
	const char *down = "\033OB", *up = "\033OA", *letter = "й", *back = "\177";
	const char *const to_list[] = { "Как се казвате?", "Мария\r", "Здравейте, Мария", "",
	                                NULL };
	const char *const to_field[] = { "Как се казвате?", "Мария\r", "Упражнение с екрани",
	                                 "2\r", "apteka-proba.example", "", NULL };
	const char *const floor_list[] = { "F10: край", "", NULL };
	const char *const floor_field[] = { "Търсене", "", NULL };
	double v[4];

	if (!mkdtemp(dir))
		return 1;
	snprintf(db1, sizeof db1, "%s/list.db", dir);
	snprintf(db2, sizeof db2, "%s/field.db", dir);
	v[0] = key_cost((char *[]){ (char *)kiosk, "--db", db1, "--lang", "bg", "--lessons",
	                            (char *)lessons, NULL }, to_list, down, up, rounds);
	v[1] = key_cost((char *[]){ (char *)floor, "list", NULL }, floor_list, down, up, rounds);
	v[2] = key_cost((char *[]){ (char *)kiosk, "--db", db2, "--lang", "bg", "--lessons",
	                            (char *)practice, NULL }, to_field, letter, back, rounds);
	v[3] = key_cost((char *[]){ (char *)floor, "field", NULL }, floor_field, letter, back,
	                rounds);
	printf("%.1f %.1f %.1f %.1f\n", v[0], v[1], v[2], v[3]);
	for (const char *const *f = (const char *const[]){ db1, db2, NULL }; *f; f++)
		for (const char *const *ext = (const char *const[]){ "", "-wal", "-shm", NULL }; *ext;
		     ext++) {
			char p[96];

			snprintf(p, sizeof p, "%s%s", *f, *ext);
			unlink(p);
		}
	/* The kiosk's screen-fit cache beside each database. */
	for (const char *const *f = (const char *const[]){ db1, db2, NULL }; *f; f++) {
		char p[96];

		snprintf(p, sizeof p, "%s.lessons-checked", *f);
		unlink(p);
	}
	rmdir(dir);
	return v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "micro", *dir = argc > 2 ? argv[2] : "lessons";

	if (strcmp(mode, "measure") == 0 && argc > 2)
		return measure(argv + 2);
	if (strcmp(mode, "screen") == 0 && argc > 3)
		return bench_screen(argv[2], argv[3]);
	if (strcmp(mode, "keys") == 0 && argc > 5)
		return bench_keys(argv[2], argv[3], argv[4], argv[5]);
	if (strcmp(mode, "startup") == 0 && argc > 3)
		return startup(argv[2], argv + 3);
	if (strcmp(mode, "lessons") == 0) {
		bench_lessons(dir);
		return 0;
	}
	bench_catalog(dir);
	bench_wrap();
	bench_commit(dir);
	return 0;
}
