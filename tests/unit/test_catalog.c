/* Unit tests: the catalog (catalog.c): loading a lessons root, one set folder or one file,
 * set.info, sorting, and the checks across files (duplicate ids, parity between sets).
 * Fixtures live in tests/fixtures/lessons; folders that must be empty or oddly named are
 * made in a temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "catalog.h"
#include "fitcache.h"
#include "util.h"

#define FIXTURES "tests/fixtures/lessons/"
#define P FIXTURES "parity/"

/* ---- helpers ---- */

/* The sorted messages as check-lessons prints them; caller frees. */
static char *diag_text(struct diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	diags_sort(d);
	diags_print(d, f);
	fclose(f);
	return s;
}

/* Loads dir; asserts the return value and the exact messages. */
static void expect_load(const char *dir, int ret, const char *expected)
{
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	assert_int_equal(catalog_load(dir, &c, &d), ret);
	text = diag_text(&d);
	assert_string_equal(text, expected);
	free(text);
	diags_free(&d);
	catalog_free(&c);
}

static char *make_tmpdir(void)
{
	char *dir = xstrdup("/tmp/kiosk-test-catalog-XXXXXX");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void put(const char *dir, const char *rel, const char *content)
{
	char *path = xasprintf("%s/%s", dir, rel), *slash = strrchr(path, '/');
	FILE *f;

	*slash = '\0';
	mkdir(path, 0700);  /* one level is all these tests need */
	*slash = '/';
	if (content) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(content, f);
		fclose(f);
	}
	free(path);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void rm_tree(char *dir)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static const char HELLO[] = "lesson: hello\ntitle: Здравейте\nstep: one\nkind: read\n"
                            "text: Здравейте!\n";

/* ---- loading ---- */

static void root_loads_every_set_sorted(void **state)
{
	struct catalog c;
	struct diags d = { 0 };
	const struct lesson_set *bg, *uk;
	const struct lesson *l;

	assert_int_equal(catalog_load(FIXTURES "good", &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.count, 2);
	bg = &c.sets[0];
	uk = &c.sets[1];
	assert_string_equal(bg->name, "bg");
	assert_string_equal(bg->language, "bg");
	assert_string_equal(bg->title, "Български");
	assert_string_equal(uk->name, "uk");
	assert_string_equal(uk->language, "uk");
	assert_string_equal(uk->title, "Українська");
	/* order 10, 10, 20: equal orders fall back to the id. */
	assert_int_equal(bg->count, 3);
	assert_string_equal(bg->lessons[0]->id, "first-steps");
	assert_string_equal(bg->lessons[1]->id, "keyboard");
	assert_string_equal(bg->lessons[2]->id, "pharmacy");
	assert_int_equal(uk->count, 3);

	assert_ptr_equal(catalog_find_set(&c, "uk"), uk);
	assert_null(catalog_find_set(&c, "ru"));
	l = lesson_set_find(uk, "pharmacy");
	assert_non_null(l);
	assert_string_equal(l->title, "Онлайн-аптека");
	assert_string_equal(l->path, FIXTURES "good/uk/pharmacy.lesson");
	assert_null(lesson_set_find(uk, "nope"));
	assert_null(lesson_set_find(NULL, "pharmacy"));
	diags_free(&d);
	catalog_free(&c);
	assert_int_equal(c.count, 0);
}

static void one_set_folder(void **state)
{
	struct catalog c;
	struct diags d = { 0 };

	assert_int_equal(catalog_load(FIXTURES "good/bg/", &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.sets[0].name, "bg");
	assert_string_equal(c.sets[0].title, "Български");
	assert_int_equal(c.sets[0].count, 3);
	assert_string_equal(c.sets[0].lessons[0]->path, FIXTURES "good/bg/first-steps.lesson");
	catalog_free(&c);
	diags_free(&d);
}

static void one_file_uses_its_folder_set_info(void **state)
{
	struct catalog c;
	struct diags d = { 0 };

	assert_int_equal(catalog_load(FIXTURES "good/uk/keyboard.lesson", &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.sets[0].name, "uk");
	assert_string_equal(c.sets[0].language, "uk");
	assert_string_equal(c.sets[0].title, "Українська");
	assert_int_equal(c.sets[0].count, 1);
	assert_string_equal(c.sets[0].lessons[0]->id, "keyboard");
	catalog_free(&c);
	diags_free(&d);
}

static void one_broken_file(void **state)
{
	expect_load(FIXTURES "broken/unknown-kind.lesson", -1,
	            FIXTURES "broken/unknown-kind.lesson:5: unknown kind 'quiz'; use read, "
	            "choose, type or practice\n");
}

static void missing_path(void **state)
{
	expect_load(FIXTURES "nowhere", -1,
	            FIXTURES "nowhere: cannot open: No such file or directory\n");
}

static void every_broken_fixture_is_left_out(void **state)
{
	struct catalog c;
	struct diags d = { 0 };
	size_t files = 0;

	assert_int_equal(catalog_load(FIXTURES "broken", &c, &d), -1);
	assert_int_equal(c.count, 0);
	/* Every file has at least one message, and nothing outside the folder is named. */
	diags_sort(&d);
	for (size_t i = 0; i < d.count; i++) {
		assert_true(strncmp(d.v[i].file, FIXTURES "broken/", strlen(FIXTURES "broken/"))
		            == 0);
		if (i == 0 || strcmp(d.v[i].file, d.v[i - 1].file) != 0)
			files++;
	}
	assert_true(files >= 40);
	diags_free(&d);
	catalog_free(&c);
}

static void set_info_mistakes_keep_the_set(void **state)
{
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	assert_int_equal(catalog_load(FIXTURES "set-info", &c, &d), 0);
	text = diag_text(&d);
	assert_string_equal(text,
		FIXTURES "set-info/bg/set.info:3: unknown language 'ru'; use bg or uk\n"
		FIXTURES "set-info/bg/set.info:4: duplicate key 'name' (first at line 2); it may "
		"appear only once\n"
		FIXTURES "set-info/bg/set.info:5: unknown key 'colour'; set.info has only "
		"'name:', 'description:', 'language:' and 'partial:'\n"
		FIXTURES "set-info/bg/set.info:6: expected 'name: ...' or 'language: ...'\n");
	assert_int_equal(c.count, 1);
	assert_string_equal(c.sets[0].title, "Български");
	assert_string_equal(c.sets[0].language, "bg");  /* the folder name, since ru is refused */
	free(text);
	diags_free(&d);
	catalog_free(&c);
}

/* description: is the row under the set's name on the welcome screen: read into the set
 * (by the full load and by the scan the welcome screen uses), absent when not given, and
 * refused with FILE:LINE when empty, repeated or wider than its row (66 columns fit, 67 do
 * not; measured in columns, so Cyrillic letters count one each, not two bytes). */
static void description_key_is_read_and_checked(void **state)
{
	char *dir = make_tmpdir();
	char *expected, *text;
	char fits[CATALOG_DESCRIPTION_COLS * 2 + 1] = "", wide[CATALOG_DESCRIPTION_COLS * 2 + 3];
	struct catalog c;
	struct diags d = { 0 };

	for (int i = 0; i < CATALOG_DESCRIPTION_COLS; i++)
		strcat(fits, "ж");
	snprintf(wide, sizeof wide, "%sж", fits);
	put(dir, "bg/set.info", "name: Български\ndescription:   Уроци за услугите в България  \n");
	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "uk/set.info", "name: Українська\n");
	put(dir, "uk/hello.lesson", HELLO);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(c.sets[0].description, "Уроци за услугите в България");
	assert_null(c.sets[1].description);
	catalog_free(&c);
	assert_int_equal(catalog_scan(dir, &c), 0);  /* what the welcome screen reads first */
	assert_string_equal(c.sets[0].description, "Уроци за услугите в България");
	catalog_free(&c);

	text = xasprintf("description: %s\n", fits);
	put(dir, "uk/set.info", text);
	free(text);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(c.sets[1].description, fits);
	catalog_free(&c);

	text = xasprintf("name: Українська\ndescription:\ndescription: %s\n"
	                 "description: Уроки\n", wide);
	put(dir, "uk/set.info", text);
	free(text);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf(
		"%1$s/uk/set.info:2: 'description:' has no value; write it after the colon\n"
		"%1$s/uk/set.info:3: duplicate key 'description' (first at line 2); it may appear "
		"only once\n"
		"%1$s/uk/set.info:4: duplicate key 'description' (first at line 2); it may appear "
		"only once\n", dir);
	assert_string_equal(text, expected);
	assert_null(c.sets[1].description);  /* the set still loads, without one */
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);

	text = xasprintf("description: %s\n", wide);
	put(dir, "uk/set.info", text);
	free(text);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf("%s/uk/set.info:1: description is 67 columns wide; at most 66 fit "
	                     "on one row of the welcome screen: shorten it\n", dir);
	assert_string_equal(text, expected);
	assert_null(c.sets[1].description);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

static void defaults_come_from_the_folder_name(void **state)
{
	char *dir = make_tmpdir();
	struct catalog c;
	struct diags d = { 0 };

	put(dir, "uk-BG/hello.lesson", HELLO);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(c.count, 1);
	assert_string_equal(c.sets[0].name, "uk-BG");
	assert_string_equal(c.sets[0].language, "uk");
	assert_string_equal(c.sets[0].title, "uk-BG");
	catalog_free(&c);
	diags_free(&d);
	rm_tree(dir);
}

static void set_info_with_crlf_bom_and_nul(void **state)
{
	char *dir = make_tmpdir();
	char *info = xasprintf("%s/bg/set.info", dir), *expected;
	static const char bytes[] = "\xEF\xBB\xBFname: Български\r\nlanguage: bg\r\n# x\0y\r\n"
	                            "name\0: z\n";
	struct catalog c;
	struct diags d = { 0 };
	char *text;
	FILE *f;

	put(dir, "bg/hello.lesson", HELLO);
	f = fopen(info, "wb");
	fwrite(bytes, 1, sizeof bytes - 1, f);
	fclose(f);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	/* Both NUL lines, the comment too: a NUL never belongs in the file. */
	expected = xasprintf("%s:3: line contains the invisible control character 0x00; "
	                     "delete it\n%s:4: line contains the invisible control character "
	                     "0x00; delete it\n", info, info);
	assert_string_equal(text, expected);
	assert_string_equal(c.sets[0].title, "Български");
	free(text);
	free(expected);
	free(info);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

static void empty_folders_are_reported(void **state)
{
	char *dir = make_tmpdir();
	char *expected;
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	assert_int_equal(catalog_load(dir, &c, &d), -1);
	text = diag_text(&d);
	expected = xasprintf("%s: no lesson folders or lesson files (NAME.lesson) found\n", dir);
	assert_string_equal(text, expected);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);

	/* An empty set folder next to a good one: reported and left out of parity too. */
	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "old/notes.txt", "бележки");
	put(dir, "uk/hello.lesson.txt", HELLO);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf("%s/old: no lesson files (NAME.lesson) in this folder\n"
	                     "%s/uk: no lesson files (NAME.lesson) in this folder\n"
	                     "%s/uk/hello.lesson.txt: not loaded: the name ends in '.txt'; "
	                     "rename it to 'hello.lesson'\n", dir, dir, dir);
	assert_string_equal(text, expected);
	assert_int_equal(c.count, 1);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

/* ---- checks across files ---- */

static void parity_step_id(void **state)
{
	expect_load(P "step-id", 0,
		P "step-id/uk/greeting.lesson:4: step 'ready' is missing here "
		"(" P "step-id/bg/greeting.lesson:8 has it); every set must have the same steps\n"
		P "step-id/uk/greeting.lesson:8: step 'are-you-ready' is not in "
		P "step-id/bg/greeting.lesson; every set must have the same steps\n");
}

static void parity_kind(void **state)
{
	expect_load(P "kind", 0,
		P "kind/uk/greeting.lesson:8: step 'ready' is a type step here but a choose step "
		"in " P "kind/bg/greeting.lesson:8; kinds must match in every set\n");
}

static void parity_order(void **state)
{
	expect_load(P "order", 0,
		P "order/uk/greeting.lesson:8: step 'name' is step 2 here but step 3 in "
		P "order/bg/greeting.lesson; keep the same order in every set\n");
}

static void parity_step_count(void **state)
{
	expect_load(P "step-count", 0,
		P "step-count/uk/greeting.lesson:8: step 'name' is missing here "
		"(" P "step-count/bg/greeting.lesson:14 has it); every set must have the same "
		"steps\n");
}

static void parity_missing_lesson(void **state)
{
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	assert_int_equal(catalog_load(P "missing", &c, &d), 0);
	text = diag_text(&d);
	assert_string_equal(text,
		P "missing/bg/farewell.lesson:1: lesson 'farewell' is missing from set 'uk'; "
		"add " P "missing/uk/farewell.lesson\n");
	/* The lesson still loads where it exists: parity problems are reported, not fatal. */
	assert_non_null(lesson_set_find(catalog_find_set(&c, "bg"), "farewell"));
	free(text);
	diags_free(&d);
	catalog_free(&c);
}

static void duplicate_lesson_id_in_a_set(void **state)
{
	expect_load(P "duplicate", 0,
		P "duplicate/bg/greeting-copy.lesson:1: lesson id 'greeting' does not match the "
		"file name 'greeting-copy.lesson'; rename the file to 'greeting.lesson' or "
		"change the id\n"
		P "duplicate/bg/greeting-copy.lesson:1: duplicate lesson id 'greeting': "
		P "duplicate/bg/greeting.lesson already has it; give each lesson its own id\n");
}

static void broken_in_one_set_is_not_missing(void **state)
{
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	assert_int_equal(catalog_load(P "broken-one", &c, &d), 0);
	text = diag_text(&d);
	assert_string_equal(text, P "broken-one/uk/greeting.lesson:5: unknown kind 'reed'; use "
	                    "read, choose, type or practice\n");
	/* uk has no loadable lesson left, so the kiosk does not offer it. */
	assert_int_equal(c.count, 1);
	assert_string_equal(c.sets[0].name, "bg");
	free(text);
	diags_free(&d);
	catalog_free(&c);
}

static void parity_across_three_sets(void **state)
{
	char *dir = make_tmpdir();
	char *expected;
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "uk/hello.lesson", HELLO);
	put(dir, "uk-BG/other.lesson", "lesson: other\ntitle: x\nstep: one\nkind: type\n"
	    "text: x\naccept: x\n");
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf(
		"%1$s/bg/hello.lesson:1: lesson 'hello' is missing from set 'uk-BG'; add "
		"%1$s/uk-BG/hello.lesson\n"
		"%1$s/uk-BG/other.lesson:1: lesson 'other' is missing from set 'bg'; add "
		"%1$s/bg/other.lesson\n"
		"%1$s/uk-BG/other.lesson:1: lesson 'other' is missing from set 'uk'; add "
		"%1$s/uk/other.lesson\n", dir);
	assert_string_equal(text, expected);
	assert_int_equal(c.count, 3);
	assert_string_equal(c.sets[2].name, "uk-BG");
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

static const char OTHER[] = "lesson: other\ntitle: Друго\nstep: one\nkind: read\n"
                            "text: Друго.\n";

/* uk-BG (Ukrainian lessons about Bulgarian services) has only some lessons: it may leave
 * out the others, may have its own, and what it shares must still agree. */
static void partial_set_may_leave_lessons_out(void **state)
{
	char *dir = make_tmpdir();
	char *expected;
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "bg/other.lesson", OTHER);
	put(dir, "uk/hello.lesson", HELLO);
	put(dir, "uk/other.lesson", OTHER);
	put(dir, "uk-BG/set.info", "name: Українська (у Болгарії)\nlanguage: uk\npartial: yes\n");
	put(dir, "uk-BG/hello.lesson", HELLO);
	put(dir, "uk-BG/nzok.lesson", "lesson: nzok\ntitle: НЗОК\nstep: one\nkind: read\n"
	    "text: Здоровʼя.\n");
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	assert_string_equal(text, "");
	assert_int_equal(c.count, 3);
	assert_int_equal(catalog_find_set(&c, "uk-BG")->count, 2);
	free(text);
	diags_free(&d);
	catalog_free(&c);

	/* A full set still misses what the other full set has; the partial one never does,
	 * and what it has must match. */
	expected = xasprintf("%s/uk/other.lesson", dir);
	assert_int_equal(remove(expected), 0);
	free(expected);
	put(dir, "uk-BG/hello.lesson", "lesson: hello\ntitle: Вітаємо\nstep: one\nkind: type\n"
	    "text: Напишіть «так».\naccept: так\n");
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf(
		"%1$s/bg/other.lesson:1: lesson 'other' is missing from set 'uk'; add "
		"%1$s/uk/other.lesson\n"
		"%1$s/uk-BG/hello.lesson:3: step 'one' is a type step here but a read step in "
		"%1$s/bg/hello.lesson:3; kinds must match in every set\n", dir);
	assert_string_equal(text, expected);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

static void partial_key_takes_yes_or_no(void **state)
{
	char *dir = make_tmpdir();
	char *expected;
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "bg/other.lesson", OTHER);
	put(dir, "uk/set.info", "partial: no\n");
	put(dir, "uk/hello.lesson", HELLO);
	put(dir, "uk-BG/set.info", "partial: maybe\npartial: yes\n");
	put(dir, "uk-BG/hello.lesson", HELLO);
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	/* "no" is a full set; a wrong value is reported and leaves the set full. */
	expected = xasprintf(
		"%1$s/bg/other.lesson:1: lesson 'other' is missing from set 'uk'; add "
		"%1$s/uk/other.lesson\n"
		"%1$s/bg/other.lesson:1: lesson 'other' is missing from set 'uk-BG'; add "
		"%1$s/uk-BG/other.lesson\n"
		"%1$s/uk-BG/set.info:1: 'partial: maybe': write 'partial: yes' for a set that "
		"has only some of the lessons, or leave the line out\n"
		"%1$s/uk-BG/set.info:2: duplicate key 'partial' (first at line 1); it may appear "
		"only once\n", dir);
	assert_string_equal(text, expected);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

static void practice_steps_take_part_in_parity(void **state)
{
	char *dir = make_tmpdir();
	char *expected;
	struct catalog c;
	struct diags d = { 0 };
	char *text;

	expect_load(FIXTURES "practice", 0, "");
	put(dir, "bg/form.lesson", "lesson: form\ntitle: Формуляр\nstep: one\nkind: practice\n"
	    "text: Отметнете.\nscreen: Сайт\ncheck: Да\nmust: checked\nbutton: Напред\n"
	    "press: yes\n");
	put(dir, "uk/form.lesson", "lesson: form\ntitle: Форма\nstep: one\nkind: type\n"
	    "text: Напишіть «так».\naccept: так\n");
	assert_int_equal(catalog_load(dir, &c, &d), 0);
	text = diag_text(&d);
	expected = xasprintf("%1$s/uk/form.lesson:3: step 'one' is a type step here but a "
	                     "practice step in %1$s/bg/form.lesson:3; kinds must match in "
	                     "every set\n", dir);
	assert_string_equal(text, expected);
	assert_non_null(lesson_set_find(catalog_find_set(&c, "bg"), "form")->steps[0].practice);
	free(text);
	free(expected);
	diags_free(&d);
	catalog_free(&c);
	rm_tree(dir);
}

/* ---- the screen-fit cache ---- */

static size_t load_cached(const char *dir, const char *cache_path, char **diag)
{
	struct fit_cache *cache = fit_cache_load(cache_path);
	struct catalog c;
	struct diags d = { 0 };
	size_t lessons = 0;

	if (catalog_load_cached(dir, cache, &c, &d) == 0)
		for (size_t i = 0; i < c.count; i++)
			lessons += c.sets[i].count;
	assert_int_equal(fit_cache_save(cache), 0);
	fit_cache_free(cache);
	*diag = diag_text(&d);
	diags_free(&d);
	catalog_free(&c);
	return lessons;
}

/* A lesson that passed is remembered by its contents; the same file changed to a text too
 * long for the screen is a stranger again and refused, as check-lessons refuses it. */
static void fit_cache_still_refuses_a_changed_lesson(void **state)
{
	char *dir = make_tmpdir(), *diag, *cache_path = xasprintf("%s/cache", dir);
	char *long_text = xstrdup("lesson: hello\ntitle: Здравейте\nstep: one\nkind: read\ntext:");
	FILE *f;
	char line[64];
	int keys = 0;

	put(dir, "bg/hello.lesson", HELLO);
	assert_int_equal(load_cached(dir, cache_path, &diag), 1);
	assert_string_equal(diag, "");
	free(diag);
	f = fopen(cache_path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		keys++;
	fclose(f);
	assert_int_equal(keys, 2);  /* the format line and one fingerprint */
	/* Trusted now: loads again, the same. */
	assert_int_equal(load_cached(dir, cache_path, &diag), 1);
	free(diag);
	for (int i = 0; i < 200; i++) {
		char *more = xasprintf("%s дълъг текст%s", long_text, i % 10 == 9 ? "\n " : "");

		free(long_text);
		long_text = more;
	}
	put(dir, "bg/hello.lesson", long_text);
	assert_int_equal(load_cached(dir, cache_path, &diag), 0);
	assert_non_null(strstr(diag, "rows on the 80x24 screen"));
	free(diag);
	free(long_text);
	free(cache_path);
	rm_tree(dir);
}

/* The kiosk's welcome screen shows before the lessons are read: catalog_scan gives the same
 * sets as catalog_load (names, languages, titles, order) without parsing a lesson, and a set
 * whose only lesson is broken is in the scan but not in the load, which still refuses the
 * broken file with FILE:LINE.  Both languages. */
static void scan_gives_the_sets_without_reading_lessons(void **state)
{
	char *dir = make_tmpdir(), *text;
	struct catalog scan, full;
	struct diags d = { 0 };

	put(dir, "bg/set.info", "name: Български\nlanguage: bg\n");
	put(dir, "bg/hello.lesson", HELLO);
	put(dir, "bg/broken.lesson", "lesson: broken\ntitle: Счупен\nstep: one\nkind: read\n"
	                             "colour: червено\n");
	put(dir, "uk/set.info", "name: Українська\nlanguage: uk\n");
	put(dir, "uk/broken.lesson", "lesson: broken\ntitle: Зламаний\nstep: one\nkind: read\n"
	                             "колір: червоний\n");
	put(dir, "notes/readme.txt", "not a set");
	assert_int_equal(catalog_scan(dir, &scan), 0);
	assert_int_equal(scan.count, 2);
	assert_string_equal(scan.sets[0].name, "bg");
	assert_string_equal(scan.sets[0].title, "Български");
	assert_string_equal(scan.sets[0].language, "bg");
	assert_int_equal(scan.sets[0].count, 0);  /* no lesson read */
	assert_string_equal(scan.sets[1].name, "uk");
	assert_string_equal(scan.sets[1].title, "Українська");
	assert_string_equal(scan.sets[1].language, "uk");
	assert_int_equal(scan.sets[1].count, 0);
	catalog_free(&scan);

	assert_int_equal(catalog_load(dir, &full, &d), 0);
	assert_int_equal(full.count, 1);  /* uk has no lesson that loads */
	assert_string_equal(full.sets[0].name, "bg");
	assert_int_equal(full.sets[0].count, 1);
	text = diag_text(&d);
	assert_non_null(strstr(text, "/bg/broken.lesson:5: "));
	assert_non_null(strstr(text, "/uk/broken.lesson:5: "));
	free(text);
	diags_free(&d);
	catalog_free(&full);

	/* A single set folder and a single file scan as they load; nothing at all is -1. */
	text = xasprintf("%s/bg", dir);
	assert_int_equal(catalog_scan(text, &scan), 0);
	assert_int_equal(scan.count, 1);
	assert_string_equal(scan.sets[0].title, "Български");
	catalog_free(&scan);
	free(text);
	text = xasprintf("%s/uk/broken.lesson", dir);
	assert_int_equal(catalog_scan(text, &scan), 0);
	assert_string_equal(scan.sets[0].language, "uk");
	catalog_free(&scan);
	free(text);
	text = xasprintf("%s/notes", dir);
	assert_int_equal(catalog_scan(text, &scan), -1);
	assert_int_equal(scan.count, 0);
	catalog_free(&scan);
	free(text);
	rm_tree(dir);
}

/* ---- parsing on several threads ---- */

/* Everything a load gives, as text: each set, lesson and step with its fields, then every
 * message in the order the loader reported it (not sorted). */
static char *dump_load(const char *dir, unsigned threads, struct fit_cache *cache)
{
	struct catalog c;
	struct diags d = { 0 };
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	int ret;

	assert_non_null(f);
	catalog_set_threads(threads);
	ret = cache ? catalog_load_cached(dir, cache, &c, &d) : catalog_load(dir, &c, &d);
	catalog_set_threads(0);
	fprintf(f, "ret %d\n", ret);
	for (size_t i = 0; i < c.count; i++) {
		const struct lesson_set *ls = &c.sets[i];

		fprintf(f, "set %s %s %s\n", ls->name, ls->language, ls->title);
		for (size_t j = 0; j < ls->count; j++) {
			const struct lesson *l = ls->lessons[j];

			fprintf(f, " lesson %s %s %d %d %s\n", l->id, l->title, l->order, l->line,
			        l->path);
			for (size_t k = 0; k < l->step_count; k++) {
				const struct step *st = &l->steps[k];

				fprintf(f, "  step %s %d %d [%s] [%s] [%s] [%s] [%s]", st->id, st->kind,
				        st->line, st->text, st->hint ? st->hint : "-",
				        st->success ? st->success : "-",
				        st->feedback ? st->feedback : "-", st->prompt ? st->prompt : "-");
				for (size_t m = 0; m < st->accept_count; m++)
					fprintf(f, " accept[%s]", st->accept[m]);
				for (size_t m = 0; m < st->option_count; m++)
					fprintf(f, " option[%s|%s|%d]", st->options[m].text,
					        st->options[m].feedback ? st->options[m].feedback : "-",
					        st->options[m].correct);
				fprintf(f, " %zu rejects %zu says\n", st->reject_count, st->say_count);
			}
		}
	}
	for (size_t i = 0; i < d.count; i++)
		fprintf(f, "%s:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].msg);
	fclose(f);
	diags_free(&d);
	catalog_free(&c);
	return s;
}

/* One thread or several: the same catalogue and the same messages in the same order, on the
 * bundled lessons, on every fixture (broken files too), on one set and on one file. */
static void threads_give_the_same_load(void **state)
{
	static const char *const dirs[] = {
		"lessons", FIXTURES, FIXTURES "broken", P, FIXTURES "practice", FIXTURES "rules",
		FIXTURES "set-info", FIXTURES "good/uk/keyboard.lesson", FIXTURES "good/bg/",
	};

	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char *one = dump_load(dirs[i], 1, NULL);

		for (unsigned t = 2; t <= 4; t++) {
			char *many = dump_load(dirs[i], t, NULL);

			assert_string_equal(many, one);
			free(many);
		}
		free(one);
	}
	(void)state;
}

/* The broken fixtures give their messages however many threads parse them (the comparison
 * above is not between two empty lists). */
static void threads_report_broken_files(void **state)
{
	char *many = dump_load(FIXTURES "broken", 2, NULL);

	assert_non_null(strstr(many, "ret -1\n"));
	assert_non_null(strstr(many, "broken/invalid-utf8.lesson:"));
	assert_non_null(strstr(many, "broken/hint-too-long.lesson:"));
	free(many);
	(void)state;
}

/* The messages come in the order the loader walks the folder, whatever thread parsed which
 * file: set.info first, then each file by name, a parsed file's own messages where the walk
 * met it, between those of files that are not parsed (a '.txt' name, a folder). */
static void threads_keep_the_walk_order(void **state)
{
	static const char *const order[] = {
		"bg/set.info:1:", "bg/a.lesson:1:", "bg/b.lesson.txt:", "bg/c.lesson:1:",
		"bg/d.lesson:", "bg/e.lesson:1:",
	};
	char *dir = make_tmpdir(), *set = xasprintf("%s/bg", dir), *sub = xasprintf("%s/d.lesson", set);

	put(dir, "bg/set.info", "bogus line\n");
	put(dir, "bg/a.lesson", "hello\n");
	put(dir, "bg/b.lesson.txt", "lesson: b\n");
	put(dir, "bg/c.lesson", "lesson: c\ntitle: C\n");
	assert_int_equal(mkdir(sub, 0700), 0);
	put(dir, "bg/e.lesson", "\x01\n");
	for (unsigned t = 1; t <= 3; t++) {
		char *text = dump_load(set, t, NULL), *at = text;

		for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
			char *hit = strstr(at, order[i]);

			assert_non_null(hit);
			at = hit + 1;
		}
		free(text);
	}
	for (const char *const *f = (const char *const[]){ "set.info", "a.lesson", "b.lesson.txt",
	                                                  "c.lesson", "e.lesson", NULL }; *f; f++) {
		char *path = xasprintf("%s/%s", set, *f);

		unlink(path);
		free(path);
	}
	rmdir(sub);
	rmdir(set);
	rmdir(dir);
	free(sub);
	free(set);
	free(dir);
	(void)state;
}

/* With the screen-fit cache (the kiosk's start): the same catalogue and messages, and the
 * same cache file written, from one thread or two; and a second start trusts what the first
 * vouched for, however many threads. */
static void threads_fill_the_same_fit_cache(void **state)
{
	char *dir = make_tmpdir(), *path[2], *text[2], *first[2];

	for (unsigned t = 1; t <= 2; t++) {
		struct fit_cache *cache;
		size_t len;

		path[t - 1] = xasprintf("%s/fit%u", dir, t);
		cache = fit_cache_load(path[t - 1]);
		first[t - 1] = dump_load("lessons", t, cache);
		assert_int_equal(fit_cache_save(cache), 0);
		fit_cache_free(cache);
		text[t - 1] = read_small_file(path[t - 1], 1 << 20, &len);
		assert_non_null(text[t - 1]);
	}
	assert_string_equal(first[1], first[0]);
	assert_string_equal(text[1], text[0]);
	for (unsigned t = 1; t <= 2; t++) {
		struct fit_cache *cache = fit_cache_load(path[0]);
		char *again = dump_load("lessons", t, cache);

		assert_string_equal(again, first[0]);
		free(again);
		fit_cache_free(cache);
	}
	for (unsigned t = 1; t <= 2; t++) {
		unlink(path[t - 1]);
		free(path[t - 1]);
		free(text[t - 1]);
		free(first[t - 1]);
	}
	rmdir(dir);
	free(dir);
	(void)state;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fit_cache_still_refuses_a_changed_lesson),
		cmocka_unit_test(scan_gives_the_sets_without_reading_lessons),
		cmocka_unit_test(root_loads_every_set_sorted),
		cmocka_unit_test(one_set_folder),
		cmocka_unit_test(one_file_uses_its_folder_set_info),
		cmocka_unit_test(one_broken_file),
		cmocka_unit_test(missing_path),
		cmocka_unit_test(every_broken_fixture_is_left_out),
		cmocka_unit_test(set_info_mistakes_keep_the_set),
		cmocka_unit_test(description_key_is_read_and_checked),
		cmocka_unit_test(defaults_come_from_the_folder_name),
		cmocka_unit_test(set_info_with_crlf_bom_and_nul),
		cmocka_unit_test(empty_folders_are_reported),
		cmocka_unit_test(parity_step_id),
		cmocka_unit_test(parity_kind),
		cmocka_unit_test(parity_order),
		cmocka_unit_test(parity_step_count),
		cmocka_unit_test(parity_missing_lesson),
		cmocka_unit_test(duplicate_lesson_id_in_a_set),
		cmocka_unit_test(broken_in_one_set_is_not_missing),
		cmocka_unit_test(parity_across_three_sets),
		cmocka_unit_test(partial_set_may_leave_lessons_out),
		cmocka_unit_test(partial_key_takes_yes_or_no),
		cmocka_unit_test(practice_steps_take_part_in_parity),
		cmocka_unit_test(threads_give_the_same_load),
		cmocka_unit_test(threads_report_broken_files),
		cmocka_unit_test(threads_keep_the_walk_order),
		cmocka_unit_test(threads_fill_the_same_fit_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
