/* lesson: the lesson model and the parser of the plain-text lesson format (lessons/README.md).
 * Owns struct lesson and everything in it.  Parsing validates each file on its own: syntax,
 * required fields, option rules, ids, UTF-8, and that every step fits an 80x24 screen.
 * Checks across files and languages live in catalog.c; the part of the parser that reads
 * practice screens lives in lesson_practice.c. */
#ifndef KIOSK_LESSON_H
#define KIOSK_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "diag.h"
#include "practice.h"

/* The lesson screen at its smallest (80x24), shared with the UI so that what check-lessons
 * accepts is exactly what the screen can show. */
#define LESSON_WRAP_COLS    76  /* text width: 80 minus a 2-column margin each side */
#define LESSON_OPTION_COLS  71  /* option text width: after "  1. " */
#define LESSON_BODY_ROWS    13  /* rows for text, a blank line, and the options or the field */
#define LESSON_NOTE_ROWS     3  /* feedback, hint, success: at most this many rows each */
#define LESSON_TITLE_COLS   60  /* a title fits the header row */
#define LESSON_TYPE_ROWS     2  /* a type step's prompt row and field row */
#define LESSON_MAX_LINE   1000  /* bytes in one physical line of a lesson file */
#define LESSON_MAX_OPTIONS   6
#define LESSON_MIN_OPTIONS   2
#define LESSON_MAX_ID       40  /* bytes in a lesson or step id: [a-z0-9-] */

enum step_kind {
	STEP_READ,    /* text; Enter continues */
	STEP_CHOOSE,  /* a question with 2-6 options, exactly one correct */
	STEP_TYPE,    /* the learner types; accepted when it matches one "accept" */
	STEP_PRACTICE,  /* a mock screen: the task is done with the expected button */
};

struct choice {  /* one answer of a choose step ("option" would clash with getopt.h) */
	char *text;
	char *feedback;  /* shown when this (wrong) option is picked; may be NULL */
	bool correct;
};

/* "say: WRITTEN = SPOKEN": how a word, number or abbreviation of the step is read aloud. */
struct lesson_say {
	char *written;
	char *spoken;
};

struct step {
	char *id;
	enum step_kind kind;
	int line;           /* line of "step:" in the file, for messages */
	char *text;         /* paragraphs separated by '\n' */
	char *hint;         /* shown after two wrong tries; may be NULL */
	char *success;      /* choose, type: shown after a correct answer; may be NULL */
	char *feedback;     /* type: shown on a wrong answer; may be NULL */
	char *prompt;       /* type: label before the field; may be NULL */
	char **accept;      /* type: accepted answers */
	size_t accept_count;
	struct answer_reject *rejects;  /* type: answers refused, each group with its reason */
	size_t reject_count;
	bool case_counts;   /* type: "case: yes", capital letters must match the accept: */
	struct choice *options;  /* choose */
	size_t option_count;
	struct practice *practice;  /* practice: the mock screen */
	struct lesson_say *says;    /* spoken forms for reading aloud; any kind of step */
	size_t say_count;
};

struct lesson {
	char *id;
	char *title;
	int order;          /* lists sort by order, then id; 0 when not given */
	int line;           /* line of "lesson:" in the file, for messages across files */
	char *path;
	struct step *steps;
	size_t step_count;
};

/* text as it is read aloud: every WRITTEN of s's "say:" lines replaced by its SPOKEN form
 * (the longest first where two start at the same place); caller frees. */
char *lesson_spoken(const struct step *s, const char *text);

/* Parses one lesson file.  Returns the lesson (free with lesson_free), or NULL when the file
 * has any error; every problem found is appended to d as FILE:LINE. */
struct lesson *lesson_parse_file(const char *path, struct diags *d);

/* The same, trusting cache: a file whose contents passed every check before is not measured
 * against the screen again (every other check still runs); a file that passes now is added
 * to cache.  See fitcache.h. */
struct fit_cache;
struct lesson *lesson_parse_file_cached(const char *path, struct fit_cache *cache,
                                        struct diags *d);

/* The same on a buffer; name is used as FILE in messages.  The lesson id must equal the file
 * name only when name ends in ".lesson". */
struct lesson *lesson_parse_buffer(const char *name, const char *buf, size_t len,
                                   struct diags *d);

void lesson_free(struct lesson *l);

/* Index of the step with this id, or -1. */
int lesson_step_index(const struct lesson *l, const char *step_id);

/* Is typed the right answer to type step s?  When it is not, *feedback (if feedback is not
 * NULL) gets what to show: the reason of the reject: group it met, else the step's own
 * feedback, which may be NULL.  The string belongs to s. */
bool lesson_type_check(const struct step *s, const char *typed, const char **feedback);

/* "read", "choose", "type", "practice": the names used in lesson files and in the database. */
const char *lesson_kind_name(enum step_kind k);

#endif
