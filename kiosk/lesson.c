/* lesson: see lesson.h.  Parsing runs in two passes so that one file reports all its problems:
 * read_fields() turns physical lines into key/value fields (joining continuation lines and
 * catching line-level problems: length, control characters, UTF-8, syntax, unknown keys), and
 * build_lesson() checks the structure of the fields and fills struct lesson.  A line that is
 * broken is still used as well as it can be, so one mistake gives one message, not a cascade. */
#include "lesson.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "fitcache.h"
#include "layout.h"
#include "text.h"
#include "util.h"

/* A lesson is a few KiB; anything this big is the wrong file, and we refuse it before
 * spending time (and thousands of messages) on it. */
#define LESSON_MAX_FILE   (1024 * 1024)
/* After this many problems in one file the rest are noise (a binary or a wrong file). */
#define LESSON_MAX_DIAGS  50

enum key {
	K_LESSON, K_TITLE, K_ORDER, K_STEP, K_KIND, K_TEXT, K_HINT, K_SUCCESS, K_OPTION,
	K_CORRECT, K_FEEDBACK, K_PROMPT, K_ACCEPT,
	/* practice steps: the mock's title, its widgets, and the keys that belong to the
	 * widget above them */
	K_SCREEN, K_LABEL, K_FIELD, K_CHECK, K_CHOICE, K_LIST, K_BUTTON,
	K_ITEM, K_PRESS, K_DIGITS, K_DATE, K_REQUIRED, K_VALUE, K_MUST, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"lesson", "title", "order", "step", "kind", "text", "hint", "success", "option",
	"correct", "feedback", "prompt", "accept",
	"screen", "label", "field", "check", "choice", "list", "button",
	"item", "press", "digits", "date", "required", "value", "must",
};

#define BIT(k) (1u << (k))
#define HEADER_KEYS (BIT(K_LESSON) | BIT(K_TITLE) | BIT(K_ORDER))
/* Keys that may appear at most once in a step (feedback too, in a type step). */
#define STEP_ONCE_KEYS (BIT(K_KIND) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_PROMPT) | \
                        BIT(K_SCREEN))
/* Keys that start a widget of a practice step. */
#define WIDGET_KEYS (BIT(K_LABEL) | BIT(K_FIELD) | BIT(K_CHECK) | BIT(K_CHOICE) | \
                     BIT(K_LIST) | BIT(K_BUTTON))
/* Keys that belong to the widget above them (accept: and feedback: too, in a practice step). */
#define ATTACHED_KEYS (BIT(K_ITEM) | BIT(K_PRESS) | BIT(K_DIGITS) | BIT(K_DATE) | \
                       BIT(K_REQUIRED) | BIT(K_VALUE) | BIT(K_MUST) | BIT(K_ACCEPT) | \
                       BIT(K_FEEDBACK))
/* A field's rules: at most one kind of them per field. */
#define FIELD_RULE_KEYS (BIT(K_ACCEPT) | BIT(K_DIGITS) | BIT(K_DATE) | BIT(K_REQUIRED))
/* Keys that the practice part of the parser (mock_field) handles. */
#define MOCK_KEYS (BIT(K_SCREEN) | WIDGET_KEYS | ATTACHED_KEYS)

/* Which keys each kind of step may use, besides step: and kind:. */
static const unsigned kind_keys[] = {
	[STEP_READ] = BIT(K_TEXT),
	[STEP_CHOOSE] = BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_OPTION) |
	                BIT(K_CORRECT) | BIT(K_FEEDBACK),
	[STEP_TYPE] = BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_PROMPT) |
	              BIT(K_ACCEPT) | BIT(K_FEEDBACK),
	[STEP_PRACTICE] = BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | MOCK_KEYS,
};

static const char *const kind_names[] = {
	[STEP_READ] = "read", [STEP_CHOOSE] = "choose", [STEP_TYPE] = "type",
	[STEP_PRACTICE] = "practice",
};

/* A growing string: continuation lines and repeated text: keys append, and a file of many
 * short lines must not cost quadratic time. */
struct buf {
	char *s;
	size_t len, cap;
};

struct field {
	enum key key;
	int line;        /* line of "key:" */
	struct buf val;  /* trimmed value, continuation lines joined with one space */
};

struct parser {
	const char *name;
	bool trusted;        /* the contents passed the screen-fit checks before: not redone */
	struct diags diags;  /* this file's problems, sorted by line before they are handed on */
	struct field *f;
	size_t count, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

__attribute__((format(printf, 3, 4)))
static void problem(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (p->diags.count > LESSON_MAX_DIAGS)
		return;
	if (p->diags.count == LESSON_MAX_DIAGS) {
		diags_add(&p->diags, p->name, 0,
		          _("more than %d problems; fix these first (is this a lesson file?)"),
		          LESSON_MAX_DIAGS);
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	diags_add(&p->diags, p->name, line, "%s", msg);
	free(msg);
}

/* ---- pass 1: lines to fields ---- */

/* Copy of one physical line, made safe to parse: CR of CRLF dropped, control characters and
 * tabs made spaces, bytes of invalid UTF-8 made '?'.  Each problem is reported once. */
static char *clean_line(struct parser *p, int line, const char *s, size_t n)
{
	char *l;
	int bad = -1;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (n > LESSON_MAX_LINE) {
		problem(p, line, _("line is %zu bytes long; at most %d are allowed: continue on "
		                   "the next line, starting it with a space"), n, LESSON_MAX_LINE);
		/* The rest is not looked at: this bounds every word that reaches the line
		 * breaker, and a megabyte without a space would otherwise take it seconds.
		 * Cut before a UTF-8 continuation byte, not inside a character. */
		n = LESSON_MAX_LINE;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	l = xmalloc(n + 1);
	memcpy(l, s, n);
	l[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)l[i];

		if (c == '\t') {
			l[i] = ' ';
		} else if (c < 0x20 || c == 0x7f) {
			if (bad < 0)
				bad = c;
			l[i] = ' ';
		}
	}
	if (bad >= 0)
		problem(p, line, _("line contains the invisible control character 0x%02X; "
		                   "delete it"), (unsigned)bad);
	if (!text_valid_utf8(l, n)) {
		problem(p, line, _("line is not valid UTF-8; save the file with UTF-8 encoding"));
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)l[i] >= 0x80)
				l[i] = '?';
	}
	return l;
}

static int key_lookup(const char *k)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strcmp(k, key_names[i]) == 0)
			return i;
	return -1;
}

/* "Title" is a common slip for "title": say so instead of only "unknown key". */
static int key_lookup_nocase(const char *k)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strcasecmp(k, key_names[i]) == 0)
			return i;
	return -1;
}

static void add_field(struct parser *p, enum key key, int line, const char *v, size_t n)
{
	struct field *f;

	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->f = xrealloc(p->f, p->cap * sizeof *p->f);
	}
	f = &p->f[p->count++];
	f->key = key;
	f->line = line;
	memset(&f->val, 0, sizeof f->val);
	buf_add(&f->val, v, n);
}

static size_t trim_end(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

/* What an indented line continues: the last field, nothing (an error), or a line that was
 * already reported (its continuation is swallowed so one mistake gives one message). */
enum cont { CONT_NONE, CONT_FIELD, CONT_SINK };

static void continue_value(struct parser *p, int line, const char *t, enum cont cont)
{
	struct buf *b;

	if (cont == CONT_SINK)
		return;
	if (cont == CONT_NONE) {
		problem(p, line, _("line starts with a space, but there is no value above it to "
		                   "continue; remove the leading spaces"));
		return;
	}
	b = &p->f[p->count - 1].val;
	if (b->len > 0)
		buf_add(b, " ", 1);
	buf_add(b, t, trim_end(t, strlen(t)));
}

static enum cont key_line(struct parser *p, int line, const char *l)
{
	const char *colon = strchr(l, ':'), *v;
	char *key;
	int k;

	if (!colon) {
		problem(p, line, _("expected 'key: value'; a line that continues the value above "
		                   "must start with a space"));
		return CONT_SINK;
	}
	key = xstrndup(l, trim_end(l, (size_t)(colon - l)));
	k = key_lookup(key);
	if (k < 0 && (k = key_lookup_nocase(key)) >= 0) {
		/* Used as meant, so that "Title:" does not also give "missing title". */
		problem(p, line, _("unknown key '%s'; keys are written in lowercase: '%s'"),
		        key, key_names[k]);
	} else if (k < 0) {
		/* TRANSLATORS: keys ('text:', 'kind: read'...) are the file format and stay in
		 * English in every message; only the words around them are translated. */
		problem(p, line, _("unknown key '%.*s'; lessons/README.md lists the keys"),
		        (int)text_fit(key, 40), key);
		free(key);
		return CONT_SINK;
	}
	free(key);
	v = colon + 1;
	v += strspn(v, " ");
	add_field(p, (enum key)k, line, v, trim_end(v, strlen(v)));
	return CONT_FIELD;
}

static void read_fields(struct parser *p, const char *buf, size_t len)
{
	const char *s = buf, *end = buf + len;
	enum cont cont = CONT_NONE;
	int line = 0;

	/* Windows editors put a byte order mark first; it is not part of the text. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end && line < INT_MAX) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *l = clean_line(p, ++line, s, n);
		const char *t = l + strspn(l, " ");

		if (*t == '\0' || *t == '#')
			;  /* blank lines and comments change nothing, not even continuation */
		else if (t != l)
			continue_value(p, line, t, cont);
		else
			cont = key_line(p, line, l);
		free(l);
		s = nl ? nl + 1 : end;
	}
}

static void check_empty_values(struct parser *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->f[i].val.len == 0)
			problem(p, p->f[i].line, _("'%s:' has no value; write it after the colon"),
			        key_names[p->f[i].key]);
}

/* ---- pass 2: fields to a lesson ---- */

static const char ID_CHARS[] = "abcdefghijklmnopqrstuvwxyz0123456789-";

static void check_lesson_id(struct parser *p, const struct field *f)
{
	const char *id = f->val.s, *base = strrchr(p->name, '/');
	size_t n, ext = strlen(".lesson");

	if (f->val.len > LESSON_MAX_ID)
		problem(p, f->line, _("lesson id '%s' is %zu bytes long; at most %d are allowed"),
		        id, f->val.len, LESSON_MAX_ID);
	if (id[strspn(id, ID_CHARS)]) {
		/* Comparing with the file name would only suggest a name just as bad. */
		problem(p, f->line, _("lesson id '%s' may contain only a-z, 0-9 and '-'"), id);
		return;
	}
	base = base ? base + 1 : p->name;
	n = strlen(base);
	if (n <= ext || strcmp(base + n - ext, ".lesson") != 0)
		return;  /* not read from a NAME.lesson file: nothing to match */
	if (n - ext != f->val.len || strncmp(base, id, n - ext) != 0)
		problem(p, f->line, _("lesson id '%s' does not match the file name '%s'; rename "
		                      "the file to '%s.lesson' or change the id"), id, base, id);
}

static void check_step_id(struct parser *p, const struct field *f)
{
	const char *id = f->val.s;

	if (f->val.len > LESSON_MAX_ID)
		problem(p, f->line, _("step id '%s' is %zu bytes long; at most %d are allowed"),
		        id, f->val.len, LESSON_MAX_ID);
	if (id[strspn(id, ID_CHARS)])
		problem(p, f->line, _("step id '%s' may contain only a-z, 0-9 and '-'"), id);
}

static void set_order(struct parser *p, struct lesson *l, const struct field *f)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(f->val.s, &end, 10);
	if (end == f->val.s || *end || errno || v < INT_MIN || v > INT_MAX) {
		problem(p, f->line, _("order '%s' is not a whole number; write for example "
		                      "'order: 10'"), f->val.s);
		return;
	}
	l->order = (int)v;
}

static void set_title(struct parser *p, struct lesson *l, const struct field *f)
{
	size_t w = text_width(f->val.s);

	l->title = xstrdup(f->val.s);
	if (w > LESSON_TITLE_COLS)
		problem(p, f->line, _("title is %zu columns wide; at most %d fit on the screen: "
		                      "shorten it"), w, LESSON_TITLE_COLS);
}

/* Lesson-level keys before the first step.  Returns the index of the first step: field. */
static size_t read_header(struct parser *p, struct lesson *l)
{
	const struct field *seen[K_COUNT] = { 0 };
	size_t i;

	for (i = 0; i < p->count && p->f[i].key != K_STEP; i++) {
		const struct field *f = &p->f[i];

		if (!(BIT(f->key) & HEADER_KEYS)) {
			problem(p, f->line, _("'%s:' must be inside a step; add a 'step: ID' line "
			                      "above it"), key_names[f->key]);
			continue;
		}
		if (seen[f->key]) {
			problem(p, f->line, _("duplicate key '%s' (first at line %d); it may "
			                      "appear only once"), key_names[f->key],
			        seen[f->key]->line);
			continue;
		}
		seen[f->key] = f;
		if (f->val.len == 0)
			continue;  /* reported as empty */
		if (f->key == K_LESSON) {
			l->id = xstrdup(f->val.s);
			check_lesson_id(p, f);
		} else if (f->key == K_TITLE) {
			set_title(p, l, f);
		} else {
			set_order(p, l, f);
		}
	}
	if (seen[K_LESSON]) {
		l->line = seen[K_LESSON]->line;
		if (p->f[0].key != K_LESSON)
			problem(p, l->line, _("'lesson:' must be the first key in the file"));
	} else {
		l->line = p->f[0].line;
		problem(p, l->line, _("missing lesson id; start the file with 'lesson: ID', where "
		                      "ID is the file name without .lesson"));
	}
	if (!seen[K_TITLE])
		problem(p, l->line, _("missing 'title:'; add it below the 'lesson:' line"));
	return i;
}

static struct step *new_step(struct lesson *l, const struct field *f)
{
	struct step *s;

	/* Doubling at powers of two keeps appends linear without a separate capacity. */
	if ((l->step_count & (l->step_count - 1)) == 0)
		l->steps = xrealloc(l->steps, (l->step_count ? l->step_count * 2 : 1) *
		                              sizeof *l->steps);
	s = &l->steps[l->step_count++];
	memset(s, 0, sizeof *s);
	s->id = xstrdup(f->val.s);
	s->line = f->line;
	return s;
}

static void check_note(struct parser *p, const struct step *s, const struct field *f)
{
	size_t rows;

	if (f->val.len == 0 || p->trusted)
		return;
	rows = layout_count(f->val.s, LESSON_WRAP_COLS);
	if (rows > LESSON_NOTE_ROWS)
		problem(p, f->line, _("'%s' of step '%s' takes %zu rows on the screen; at most %d "
		                      "fit: shorten it"), key_names[f->key], s->id, rows,
		        LESSON_NOTE_ROWS);
}

static void add_option(struct step *s, const struct field *f)
{
	struct choice *o;

	if ((s->option_count & (s->option_count - 1)) == 0)
		s->options = xrealloc(s->options, (s->option_count ? s->option_count * 2 : 1) *
		                                  sizeof *s->options);
	o = &s->options[s->option_count++];
	o->text = xstrdup(f->val.s);
	o->feedback = NULL;
	o->correct = f->key == K_CORRECT;
}

static void add_accept(struct step *s, const struct field *f)
{
	if ((s->accept_count & (s->accept_count - 1)) == 0)
		s->accept = xrealloc(s->accept, (s->accept_count ? s->accept_count * 2 : 1) *
		                                sizeof *s->accept);
	s->accept[s->accept_count++] = xstrdup(f->val.s);
}

static int kind_lookup(const char *name)
{
	for (int k = STEP_READ; k <= STEP_PRACTICE; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

/* Finds the step's kind: first, since kind: may come after the keys it decides about.
 * Returns -1 when missing or unknown (reported here). */
static int step_kind(struct parser *p, const struct step *s, const struct field *f, size_t n)
{
	const struct field *kf = NULL;
	int k;

	for (size_t i = 1; i < n && !kf; i++)
		if (f[i].key == K_KIND)
			kf = &f[i];
	if (!kf) {
		problem(p, s->line, _("step '%s' has no 'kind:'; add 'kind: read', 'kind: choose', "
		                      "'kind: type' or 'kind: practice'"), s->id);
		return -1;
	}
	if (kf->val.len == 0)
		return -1;  /* reported as empty */
	k = kind_lookup(kf->val.s);
	if (k < 0)
		problem(p, kf->line, _("unknown kind '%s'; use read, choose, type or practice"),
		        kf->val.s);
	return k;
}

/* State of a choose step while its fields are read: feedback: belongs to the option:
 * directly above it. */
struct choose_state {
	struct choice *open;        /* option a feedback: may still attach to */
	int open_feedback_line;     /* line of the feedback already attached to it */
	int second_correct_line;    /* where a second correct: was found, or 0 */
	size_t correct;
	int line[LESSON_MAX_OPTIONS + 1];  /* lines of the options, as far as they are allowed */
};

static void choose_feedback(struct parser *p, struct step *s, const struct field *f,
                            enum key prev, struct choose_state *cs)
{
	if (cs->open && cs->open->feedback) {
		problem(p, f->line, _("duplicate key 'feedback' for one option (first at line %d); "
		                      "each option may have one"), cs->open_feedback_line);
	} else if (cs->open) {
		cs->open->feedback = xstrdup(f->val.s);
		cs->open_feedback_line = f->line;
		check_note(p, s, f);
	} else if (prev == K_CORRECT) {
		problem(p, f->line, _("'feedback:' after 'correct:' is not allowed; use 'success:' "
		                      "for the message after a correct answer"));
	} else {
		problem(p, f->line, _("'feedback:' in a choose step must come directly after the "
		                      "'option:' it belongs to"));
	}
}

static void choose_option(struct step *s, const struct field *f, struct choose_state *cs)
{
	add_option(s, f);
	cs->open = f->key == K_OPTION ? &s->options[s->option_count - 1] : NULL;
	if (f->key == K_CORRECT && ++cs->correct == 2)
		cs->second_correct_line = f->line;
	if (s->option_count <= LESSON_MAX_OPTIONS + 1)
		cs->line[s->option_count - 1] = f->line;
}

static void check_choose(struct parser *p, const struct step *s, const struct choose_state *cs)
{
	size_t n = s->option_count;

	if (cs->correct == 0)
		problem(p, s->line, _("choose step '%s' has no 'correct:' option; exactly one "
		                      "must be correct"), s->id);
	else if (cs->correct > 1)
		problem(p, cs->second_correct_line, _("choose step '%s' has %zu correct options; "
		                                      "exactly one must be correct"),
		        s->id, cs->correct);
	if (n < LESSON_MIN_OPTIONS)
		problem(p, s->line, ngettext("choose step '%s' has %zu option; it needs %d to %d: "
		                             "add 'option:' lines",
		                             "choose step '%s' has %zu options; it needs %d to %d: "
		                             "add 'option:' lines",
		                             n), s->id, n, LESSON_MIN_OPTIONS, LESSON_MAX_OPTIONS);
	else if (n > LESSON_MAX_OPTIONS)
		problem(p, cs->line[LESSON_MAX_OPTIONS], _("choose step '%s' has %zu options; at "
		                                           "most %d fit (keys 1-%d)"),
		        s->id, n, LESSON_MAX_OPTIONS, LESSON_MAX_OPTIONS);
	if (n > LESSON_MAX_OPTIONS)
		return;  /* already wrong; and the pairwise check below stays small */
	for (size_t i = 1; i < n; i++) {
		size_t j = 0;

		while (j < i && strcmp(s->options[i].text, s->options[j].text) != 0)
			j++;
		if (j < i)
			problem(p, cs->line[i], _("step '%s' has the option '%s' twice (first at "
			                          "line %d); options must differ"), s->id,
			        s->options[i].text, cs->line[j]);
	}
}

/* The screen rule of lesson.h: text, a blank row, then the options or the answer field. */
static void check_fits(struct parser *p, const struct step *s, int text_line)
{
	size_t text, extra = 0, rows;

	if (p->trusted)
		return;
	text = layout_count(s->text, LESSON_WRAP_COLS);
	if (s->kind == STEP_CHOOSE)
		for (size_t i = 0; i < s->option_count; i++)
			extra += layout_count(s->options[i].text, LESSON_OPTION_COLS);
	else if (s->kind == STEP_TYPE)
		extra = LESSON_TYPE_ROWS;
	rows = text + 1 + extra;
	if (rows <= LESSON_BODY_ROWS)
		return;
	if (s->kind == STEP_READ)
		problem(p, text_line, _("text of step '%s' takes %zu rows on the 80x24 screen; at "
		                        "most %d fit: shorten it or split the step in two"),
		        s->id, text, LESSON_BODY_ROWS - 1);
	else if (s->kind == STEP_CHOOSE)
		problem(p, text_line, _("step '%s' needs %zu rows on the 80x24 screen (text %zu, "
		                        "blank 1, options %zu); at most %d fit: shorten the text "
		                        "or the options"), s->id, rows, text, extra,
		        LESSON_BODY_ROWS);
	else
		problem(p, text_line, _("step '%s' needs %zu rows on the 80x24 screen (text %zu, "
		                        "blank 1, answer %d); at most %d fit: shorten the text"),
		        s->id, rows, text, LESSON_TYPE_ROWS, LESSON_BODY_ROWS);
}

static void check_prompt(struct parser *p, const struct step *s, const struct field *f)
{
	size_t w = text_width(f->val.s);

	if (w > LESSON_WRAP_COLS)
		problem(p, f->line, _("'prompt' of step '%s' is %zu columns wide; at most %d fit "
		                      "on its row: shorten it"), s->id, w, LESSON_WRAP_COLS);
}

/* ---- practice steps: the mock screen ----
 * Widget keys (field:, check:...) start a widget; the keys below one (accept:, item:,
 * must:, feedback:...) belong to it.  A widget is checked as a whole when the next one
 * starts or the step ends, because its keys may come in any order. */

/* Widths on the mock's rows (see ui_practice.c): a label row has the inner width less a
 * margin each side; a checkbox puts "[x] " and an item "1. ( ) " before the text. */
#define MOCK_LABEL_COLS   (PRACTICE_INNER_COLS - 4)
#define MOCK_CHECK_COLS   (MOCK_LABEL_COLS - 4)
#define MOCK_ITEM_COLS    (MOCK_LABEL_COLS - 7)
/* Buttons are drawn "[ Label ]" with 4 columns between them, on one row. */
#define MOCK_BUTTONS_COLS (PRACTICE_INNER_COLS - 2)
#define MOCK_BUTTON_GAP   4
/* A field holds this many columns of text: "show me" must be able to type its value. */
#define MOCK_TYPED_COLS   (PRACTICE_FIELD_COLS - 1)
#define MOCK_MIN_ITEMS    2
#define MOCK_MAX_CHOICES  6
#define MOCK_MAX_LIST     8

/* A practice step while its fields are read. */
struct mock {
	struct practice *pr;
	bool open;                          /* pr's last widget still takes keys */
	const struct field *once[K_COUNT];  /* keys of the open widget seen so far */
	const struct field *rule;           /* the open field's first rule key */
	int item_line[MOCK_MAX_LIST + 1];   /* lines of its items, as far as allowed */
	const struct field *press;          /* the first 'press: yes' of the step */
	size_t focusable, buttons;
	int extra_focusable_line, extra_button_line;  /* the first one too many, or 0 */
};

static const enum key widget_keys[] = {
	[WIDGET_LABEL] = K_LABEL, [WIDGET_FIELD] = K_FIELD, [WIDGET_CHECK] = K_CHECK,
	[WIDGET_CHOICE] = K_CHOICE, [WIDGET_LIST] = K_LIST, [WIDGET_BUTTON] = K_BUTTON,
};

static const char *widget_key(const struct widget *w)
{
	return key_names[widget_keys[w->kind]];
}

/* The widgets a key that belongs to a widget may follow, as written in the file. */
static const char *owners(enum key k)
{
	switch (k) {
	case K_MUST:
		return "'check:'/'choice:'/'list:'";
	case K_ITEM:
		return "'choice:'/'list:'";
	case K_PRESS:
		return "'button:'";
	case K_FEEDBACK:
		return "'field:'/'check:'/'choice:'/'list:'/'button:'";
	default:
		return "'field:'";
	}
}

static bool owner_ok(enum key k, enum widget_kind w)
{
	switch (k) {
	case K_MUST:
		return w == WIDGET_CHECK || w == WIDGET_CHOICE || w == WIDGET_LIST;
	case K_ITEM:
		return w == WIDGET_CHOICE || w == WIDGET_LIST;
	case K_PRESS:
		return w == WIDGET_BUTTON;
	case K_FEEDBACK:
		return w != WIDGET_LABEL;
	default:
		return w == WIDGET_FIELD;
	}
}

static struct widget *open_widget(struct mock *m)
{
	return m->open ? &m->pr->widgets[m->pr->count - 1] : NULL;
}

static void check_width(struct parser *p, const struct field *f, size_t limit)
{
	size_t w = text_width(f->val.s);

	if (w > limit)
		problem(p, f->line, _("'%s:' text is %zu columns wide; at most %zu fit on its row "
		                      "of the practice screen: shorten it"), key_names[f->key], w,
		        limit);
}

static void check_label(struct parser *p, const struct field *f)
{
	static const size_t limit[] = {
		[K_LABEL] = MOCK_LABEL_COLS, [K_FIELD] = PRACTICE_LABEL_COLS,
		[K_CHECK] = MOCK_CHECK_COLS, [K_CHOICE] = MOCK_LABEL_COLS,
		[K_LIST] = MOCK_LABEL_COLS, [K_BUTTON] = PRACTICE_BUTTON_COLS,
	};

	check_width(p, f, limit[f->key]);
}

static char **add_string(char **v, size_t *n, const char *s)
{
	if ((*n & (*n - 1)) == 0)
		v = xrealloc(v, (*n ? *n * 2 : 1) * sizeof *v);
	v[(*n)++] = xstrdup(s);
	return v;
}

/* ---- a widget as a whole, when it is complete ---- */

/* The field's value must be something its own rule accepts, or "show me" would fail. */
static void check_value(struct parser *p, const struct mock *m, const struct widget *w)
{
	const struct field *v = m->once[K_VALUE];

	if (w->rule == RULE_ANY && m->rule) {
		return;  /* its rule was wrong, and reported */
	} else if (w->rule == RULE_ANY) {
		problem(p, v->line, _("'field: %s' has a 'value:' but no rule; add 'accept:', "
		                      "'digits:', 'date:' or 'required:', or remove the value"),
		        w->label);
	} else if (practice_field_accepts(w, w->value)) {
		return;
	} else if (w->rule == RULE_DIGITS && w->digits > 0) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not %d digits, as its "
		                      "'digits: %d' asks"), w->value, w->label, w->digits,
		        w->digits);
	} else if (w->rule == RULE_DATE) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not a real date written "
		                      "DD.MM.YYYY, as its 'date: yes' asks"), w->value, w->label);
	} else if (w->rule == RULE_ACCEPT) {
		problem(p, v->line, _("value '%s' of 'field: %s' is not one of its 'accept:' "
		                      "answers"), w->value, w->label);
	}
}

static void close_field(struct parser *p, const struct mock *m, const struct widget *w)
{
	if (w->value)
		check_value(p, m, w);
	else if (w->rule != RULE_ANY && w->rule != RULE_ACCEPT)
		problem(p, w->line, _("'field: %s' has '%s:' but no 'value:'; add the value that "
		                      "\"show me\" types"), w->label, key_names[m->rule->key]);
}

static void close_items(struct parser *p, const struct mock *m, struct widget *w)
{
	int max = w->kind == WIDGET_CHOICE ? MOCK_MAX_CHOICES : MOCK_MAX_LIST;
	const struct field *must = m->once[K_MUST];
	size_t n = w->item_count;

	if (n < MOCK_MIN_ITEMS)
		problem(p, w->line, ngettext("'%s: %s' has %zu item; it needs %d to %d: add "
		                             "'item:' lines",
		                             "'%s: %s' has %zu items; it needs %d to %d: add "
		                             "'item:' lines", n),
		        widget_key(w), w->label, n, MOCK_MIN_ITEMS, max);
	else if (n > (size_t)max)
		problem(p, m->item_line[max], _("'%s: %s' has %zu items; at most %d fit"),
		        widget_key(w), w->label, n, max);
	if (!must || must->val.len == 0)
		return;
	for (size_t i = 0; i < n && w->must == PRACTICE_NONE; i++)
		if (strcmp(w->items[i], must->val.s) == 0)
			w->must = i;
	if (w->must == PRACTICE_NONE)
		problem(p, must->line, _("'must: %s' is not an item of '%s: %s'; copy the text of "
		                         "one of its 'item:' lines"), must->val.s, widget_key(w),
		        w->label);
}

/* A feedback: that could never be shown is a mistake worth naming. */
static void check_feedback_shown(struct parser *p, const struct mock *m,
                                 const struct widget *w)
{
	const struct field *f = m->once[K_FEEDBACK];
	bool rule = (w->kind == WIDGET_FIELD && w->rule != RULE_ANY) ||
	            (w->kind == WIDGET_CHECK && m->once[K_MUST]) ||
	            ((w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST) && m->once[K_MUST]);

	if (!f)
		return;
	if (w->kind == WIDGET_BUTTON && w->expected)
		problem(p, f->line, _("'feedback:' of 'button: %s' is never shown: it is the "
		                      "button to press; use 'success:' or put the feedback below "
		                      "a widget"), w->label);
	else if (w->kind != WIDGET_BUTTON && !rule)
		problem(p, f->line, _("'feedback:' of '%s: %s' is never shown: the widget has no "
		                      "rule; add one or remove the feedback"), widget_key(w),
		        w->label);
}

static void close_widget(struct parser *p, struct mock *m)
{
	struct widget *w = open_widget(m);

	if (!w)
		return;
	if (w->kind == WIDGET_FIELD)
		close_field(p, m, w);
	else if (w->kind == WIDGET_CHOICE || w->kind == WIDGET_LIST)
		close_items(p, m, w);
	check_feedback_shown(p, m, w);
	m->open = false;
}

/* ---- keys ---- */

static void open_new_widget(struct parser *p, struct mock *m, const struct field *f)
{
	static const enum widget_kind kinds[] = {
		[K_LABEL] = WIDGET_LABEL, [K_FIELD] = WIDGET_FIELD, [K_CHECK] = WIDGET_CHECK,
		[K_CHOICE] = WIDGET_CHOICE, [K_LIST] = WIDGET_LIST, [K_BUTTON] = WIDGET_BUTTON,
	};
	struct practice *pr = m->pr;
	struct widget *w;

	close_widget(p, m);
	if ((pr->count & (pr->count - 1)) == 0)
		pr->widgets = xrealloc(pr->widgets, (pr->count ? pr->count * 2 : 1) *
		                                    sizeof *pr->widgets);
	w = &pr->widgets[pr->count++];
	memset(w, 0, sizeof *w);
	w->kind = kinds[f->key];
	w->label = xstrdup(f->val.s);
	w->line = f->line;
	w->must = PRACTICE_NONE;
	memset(m->once, 0, sizeof m->once);
	m->rule = NULL;
	m->open = true;
	check_label(p, f);
	if (w->kind == WIDGET_BUTTON && ++m->buttons == PRACTICE_MAX_BUTTONS + 1)
		m->extra_button_line = f->line;
	else if (practice_focusable(w) && w->kind != WIDGET_BUTTON &&
	         ++m->focusable == PRACTICE_MAX_FOCUSABLE + 1)
		m->extra_focusable_line = f->line;
}

/* 'yes' is the only value of the switches date:, required: and press:. */
static bool yes(struct parser *p, const struct field *f)
{
	if (strcmp(f->val.s, "yes") == 0)
		return true;
	problem(p, f->line, _("'%s: %s': the only value is 'yes'; to leave it out, delete the "
	                      "line"), key_names[f->key], f->val.s);
	return false;
}

static void set_digits(struct parser *p, struct widget *w, const struct field *f)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(f->val.s, &end, 10);
	if (end == f->val.s || *end || errno || v < 1 || v > PRACTICE_MAX_DIGITS) {
		problem(p, f->line, _("'digits: %s': write how many digits the field takes, a "
		                      "whole number from 1 to %d"), f->val.s, PRACTICE_MAX_DIGITS);
		return;  /* digits stays 0: the value is not checked against it */
	}
	w->digits = (int)v;
}

/* A rule key of a field: one kind of rule per field. */
static void field_rule(struct parser *p, struct mock *m, struct widget *w,
                       const struct field *f)
{
	static const enum field_rule rules[] = {
		[K_ACCEPT] = RULE_ACCEPT, [K_DIGITS] = RULE_DIGITS, [K_DATE] = RULE_DATE,
		[K_REQUIRED] = RULE_REQUIRED,
	};

	if (m->rule && m->rule->key != f->key) {
		problem(p, f->line, _("'field: %s' already has the rule '%s:' (line %d); a field "
		                      "takes one kind of rule"), w->label, key_names[m->rule->key],
		        m->rule->line);
		return;
	}
	if (!m->rule)
		m->rule = f;
	if (f->key == K_ACCEPT) {
		w->accept = add_string(w->accept, &w->accept_count, f->val.s);
		check_width(p, f, MOCK_TYPED_COLS);
	} else if (f->key == K_DIGITS) {
		set_digits(p, w, f);
	} else if (!yes(p, f)) {
		return;  /* no rule then, rather than one the trainer did not write */
	}
	w->rule = rules[f->key];
}

static void set_check_must(struct parser *p, struct widget *w, const struct field *f)
{
	if (strcmp(f->val.s, "checked") == 0)
		w->check = CHECK_CHECKED;
	else if (strcmp(f->val.s, "unchecked") == 0)
		w->check = CHECK_UNCHECKED;
	else
		problem(p, f->line, _("'must: %s' for a 'check:' is 'checked' or 'unchecked'"),
		        f->val.s);
}

static void add_item(struct parser *p, struct mock *m, struct widget *w, const struct field *f)
{
	size_t n = w->item_count;

	for (size_t i = 0; i < n && i <= MOCK_MAX_LIST; i++)
		if (strcmp(w->items[i], f->val.s) == 0) {
			problem(p, f->line, _("'%s: %s' has the item '%s' twice (first at line %d); "
			                      "items must differ"), widget_key(w), w->label, f->val.s,
			        m->item_line[i]);
			return;
		}
	w->items = add_string(w->items, &w->item_count, f->val.s);
	if (n <= MOCK_MAX_LIST)
		m->item_line[n] = f->line;
	check_width(p, f, MOCK_ITEM_COLS);
}

static void set_press(struct parser *p, struct mock *m, struct widget *w, const struct field *f)
{
	if (!yes(p, f))
		return;
	w->expected = true;
	if (!m->press)
		m->press = f;
	else
		problem(p, f->line, _("a second button with 'press: yes' (first at line %d); "
		                      "exactly one button is the one to press"), m->press->line);
}

/* Is f allowed on the open widget, and not a second copy of a key it may have once? */
static bool attach_ok(struct parser *p, struct mock *m, const struct field *f)
{
	struct widget *w = open_widget(m);

	if (!w) {
		problem(p, f->line, _("'%s:' must come below the %s it belongs to"),
		        key_names[f->key], owners(f->key));
		return false;
	}
	if (!owner_ok(f->key, w->kind)) {
		problem(p, f->line, _("'%s:' does not belong to the '%s: %s' above it (line %d); "
		                      "it goes below a %s"), key_names[f->key], widget_key(w),
		        w->label, w->line, owners(f->key));
		return false;
	}
	if (f->key == K_ACCEPT || f->key == K_ITEM)
		return true;  /* these repeat */
	if (m->once[f->key]) {
		problem(p, f->line, _("duplicate key '%s' for '%s: %s' (first at line %d); it may "
		                      "appear once per widget"), key_names[f->key], widget_key(w),
		        w->label, m->once[f->key]->line);
		return false;
	}
	m->once[f->key] = f;
	return true;
}

static void attach(struct parser *p, struct step *s, struct mock *m, const struct field *f)
{
	struct widget *w;

	if (f->val.len == 0 || !attach_ok(p, m, f))
		return;  /* an empty value is reported already */
	w = open_widget(m);
	if (BIT(f->key) & FIELD_RULE_KEYS) {
		field_rule(p, m, w, f);
	} else if (f->key == K_VALUE) {
		w->value = xstrdup(f->val.s);
		check_width(p, f, MOCK_TYPED_COLS);
	} else if (f->key == K_MUST && w->kind == WIDGET_CHECK) {
		set_check_must(p, w, f);
	} else if (f->key == K_ITEM) {
		add_item(p, m, w, f);
	} else if (f->key == K_PRESS) {
		set_press(p, m, w, f);
	} else if (f->key == K_FEEDBACK) {
		w->feedback = xstrdup(f->val.s);
		check_note(p, s, f);
	}
	/* must: of a choice or list names an item, maybe one further down: see close_items */
}

static void set_screen(struct parser *p, struct step *s, const struct field *f)
{
	size_t w = text_width(f->val.s);

	s->practice->title = xstrdup(f->val.s);
	if (w > LESSON_TITLE_COLS)
		problem(p, f->line, _("'screen:' is %zu columns wide; at most %d fit in the "
		                      "title bar: shorten it"), w, LESSON_TITLE_COLS);
}

static void mock_field(struct parser *p, struct step *s, struct mock *m, const struct field *f)
{
	if (f->key == K_SCREEN)
		set_screen(p, s, f);
	else if (BIT(f->key) & WIDGET_KEYS)
		open_new_widget(p, m, f);
	else
		attach(p, s, m, f);
}

/* ---- the step as a whole ---- */

static void check_buttons_row(struct parser *p, const struct step *s)
{
	const struct practice *pr = s->practice;
	size_t cols = 0, n = 0;

	for (size_t i = 0; i < pr->count; i++) {
		const struct widget *w = &pr->widgets[i];

		if (w->kind != WIDGET_BUTTON)
			continue;
		cols += (n++ ? MOCK_BUTTON_GAP : 0) + text_width(w->label) + 4;
		if (cols > MOCK_BUTTONS_COLS) {
			problem(p, w->line, _("the buttons up to this one need %zu columns on their "
			                      "row; at most %d fit: shorten their labels"), cols,
			        MOCK_BUTTONS_COLS);
			return;
		}
	}
}

static void check_mock_counts(struct parser *p, const struct step *s, const struct mock *m)
{
	if (m->focusable == 0)
		problem(p, s->line, _("practice step '%s' has nothing for the learner to do; add "
		                      "a 'field:', 'check:', 'choice:' or 'list:'"), s->id);
	else if (m->extra_focusable_line)
		problem(p, m->extra_focusable_line, _("practice step '%s' has %zu fields, checks, "
		                                      "choices and lists; at most %d fit"),
		        s->id, m->focusable, PRACTICE_MAX_FOCUSABLE);
	if (m->buttons == 0)
		problem(p, s->line, _("practice step '%s' has no 'button:'; add the button that "
		                      "finishes the task, with 'press: yes' below it"), s->id);
	else if (m->extra_button_line)
		problem(p, m->extra_button_line, _("practice step '%s' has %zu buttons; at most "
		                                   "%d fit"), s->id, m->buttons,
		        PRACTICE_MAX_BUTTONS);
	else if (!m->press)
		problem(p, s->line, _("practice step '%s' has no button with 'press: yes'; mark "
		                      "the button the learner must press"), s->id);
	else
		check_buttons_row(p, s);
}

/* The task above the frame and the frame itself must fit the 80x24 screen. */
static void check_mock_fits(struct parser *p, const struct step *s, const struct mock *m,
                            int text_line)
{
	size_t text, rows;

	if (p->trusted)
		return;
	text = layout_count(s->text, LESSON_WRAP_COLS);
	rows = practice_rows(s->practice);
	if (text_line && text > PRACTICE_TEXT_ROWS)
		problem(p, text_line, _("text of practice step '%s' takes %zu rows on the screen; "
		                        "at most %d fit above the practice screen: shorten it"),
		        s->id, text, PRACTICE_TEXT_ROWS);
	/* Nine widgets never fit: that is said already, as "too many". */
	if (rows > PRACTICE_MAX_ROWS && !m->extra_focusable_line)
		problem(p, s->line, _("the practice screen of step '%s' needs %zu rows; at most "
		                      "%d fit on the 80x24 screen: remove widgets or items"),
		        s->id, rows, PRACTICE_MAX_ROWS);
}

static void check_mock(struct parser *p, const struct step *s, struct mock *m, int text_line)
{
	close_widget(p, m);
	if (!s->practice->title)
		problem(p, s->line, _("practice step '%s' has no 'screen:'; add the made-up name "
		                      "or address shown in its title bar"), s->id);
	check_mock_counts(p, s, m);
	check_mock_fits(p, s, m, text_line);
	if (!s->practice->title)
		s->practice->title = xstrdup("");
}

/* One field of a step whose kind is known and allows the key. */
static void step_field(struct parser *p, struct step *s, const struct field *f,
                       enum key prev, struct buf *text, struct choose_state *cs,
                       struct mock *m)
{
	if (s->kind == STEP_PRACTICE && (BIT(f->key) & MOCK_KEYS)) {
		mock_field(p, s, m, f);
		return;
	}
	switch (f->key) {
	case K_TEXT:
		if (text->len > 0)
			buf_add(text, "\n", 1);
		buf_add(text, f->val.s, f->val.len);
		break;
	case K_HINT:
	case K_SUCCESS:
		*(f->key == K_HINT ? &s->hint : &s->success) = xstrdup(f->val.s);
		check_note(p, s, f);
		break;
	case K_PROMPT:
		s->prompt = xstrdup(f->val.s);
		check_prompt(p, s, f);
		break;
	case K_ACCEPT:
		add_accept(s, f);
		break;
	case K_OPTION:
	case K_CORRECT:
		choose_option(s, f, cs);
		return;  /* keeps cs->open for a feedback: on the next line */
	case K_FEEDBACK:
		if (s->kind == STEP_CHOOSE) {
			choose_feedback(p, s, f, prev, cs);
			return;
		}
		s->feedback = xstrdup(f->val.s);
		check_note(p, s, f);
		break;
	default:
		break;
	}
	cs->open = NULL;
}

/* Is f a key this step may hold (reported when not)? */
static bool step_allows(struct parser *p, const struct step *s, int kind,
                        const struct field *f, const struct field **once)
{
	unsigned bit = BIT(f->key);

	if (bit & HEADER_KEYS) {
		problem(p, f->line, _("'%s:' belongs in the lesson header, above the first "
		                      "'step:'"), key_names[f->key]);
		return false;
	}
	if (f->key != K_KIND && kind >= 0 && !(kind_keys[kind] & bit)) {
		problem(p, f->line, _("key '%s' is not allowed in a %s step"), key_names[f->key],
		        kind_names[kind]);
		return false;
	}
	if ((bit & STEP_ONCE_KEYS) || (f->key == K_FEEDBACK && kind == STEP_TYPE)) {
		if (once[f->key]) {
			problem(p, f->line, _("duplicate key '%s' in step '%s' (first at line %d); "
			                      "it may appear only once"), key_names[f->key], s->id,
			        once[f->key]->line);
			return false;
		}
		once[f->key] = f;
	}
	/* With the kind unknown, only text can be checked without guessing. */
	return kind >= 0 || f->key == K_TEXT;
}

static bool has_key(const struct field *f, size_t n, enum key key)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].key == key)
			return true;
	return false;
}

/* f[0] is the step: field, f[1..n) the fields up to the next step. */
static void read_step(struct parser *p, struct lesson *l, const struct field *f, size_t n)
{
	struct step *s = new_step(l, f);
	const struct field *once[K_COUNT] = { 0 };
	struct choose_state cs = { 0 };
	struct mock m = { 0 };
	struct buf text = { 0 };
	int kind, text_line = 0;

	if (f->val.len > 0)
		check_step_id(p, f);
	kind = step_kind(p, s, f, n);
	s->kind = kind >= 0 ? (enum step_kind)kind : STEP_READ;
	if (s->kind == STEP_PRACTICE)
		m.pr = s->practice = xcalloc(1, sizeof *s->practice);
	for (size_t i = 1; i < n; i++) {
		if (!step_allows(p, s, kind, &f[i], once)) {
			cs.open = NULL;
			continue;
		}
		if (f[i].key == K_TEXT && !text_line)
			text_line = f[i].line;
		step_field(p, s, &f[i], f[i - 1].key, &text, &cs, &m);
	}
	s->text = text.s ? text.s : xstrdup("");
	if (!has_key(f, n, K_TEXT))
		problem(p, s->line, _("step '%s' has no 'text:'; add the text the learner "
		                      "reads"), s->id);
	if (kind == STEP_CHOOSE)
		check_choose(p, s, &cs);
	if (kind == STEP_TYPE && s->accept_count == 0)
		problem(p, s->line, _("type step '%s' has no 'accept:'; add at least one accepted "
		                      "answer"), s->id);
	if (kind == STEP_PRACTICE)
		check_mock(p, s, &m, text_line);
	else if (kind >= 0 && text_line)
		check_fits(p, s, text_line);
}

static int step_cmp(const void *a, const void *b)
{
	const struct step *x = *(const struct step *const *)a;
	const struct step *y = *(const struct step *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorted rather than pairwise: a fuzzed file can hold a hundred thousand steps. */
static void check_step_ids_unique(struct parser *p, const struct lesson *l)
{
	const struct step **v;

	if (l->step_count < 2)
		return;
	v = xmalloc(l->step_count * sizeof *v);
	for (size_t i = 0; i < l->step_count; i++)
		v[i] = &l->steps[i];
	qsort(v, l->step_count, sizeof *v, step_cmp);
	for (size_t i = 1, first = 0; i < l->step_count; i++) {
		if (strcmp(v[i]->id, v[first]->id) != 0) {
			first = i;
			continue;
		}
		if (v[i]->id[0])
			problem(p, v[i]->line, _("duplicate step id '%s' (first at line %d); "
			                         "each step needs its own id"), v[i]->id,
			        v[first]->line);
	}
	free(v);
}

static struct lesson *build_lesson(struct parser *p)
{
	struct lesson *l = xcalloc(1, sizeof *l);
	size_t i;

	l->path = xstrdup(p->name);
	i = read_header(p, l);
	while (i < p->count) {
		size_t j = i + 1;

		while (j < p->count && p->f[j].key != K_STEP)
			j++;
		read_step(p, l, &p->f[i], j - i);
		i = j;
	}
	if (l->step_count == 0)
		problem(p, l->line, _("lesson has no steps; add at least one 'step: ID' with its "
		                      "'kind:' and 'text:'"));
	check_step_ids_unique(p, l);
	if (!l->id)
		l->id = xstrdup("");
	if (!l->title)
		l->title = xstrdup("");
	return l;
}

static struct lesson *parse(const char *name, const char *buf, size_t len, bool trusted,
                            struct diags *d)
{
	struct parser p = { .name = name ? name : "", .trusted = trusted };
	struct lesson *l = NULL;

	if (!buf)
		len = 0;
	read_fields(&p, buf, len);
	if (p.count == 0 && p.diags.count == 0)
		problem(&p, 1, _("no lesson in this file; it must start with 'lesson: ID'"));
	else if (p.count > 0) {
		check_empty_values(&p);
		l = build_lesson(&p);
	}
	diags_sort(&p.diags);
	for (size_t i = 0; i < p.diags.count; i++)
		diags_add(d, p.diags.v[i].file, p.diags.v[i].line, "%s", p.diags.v[i].msg);
	if (p.diags.count > 0) {
		lesson_free(l);
		l = NULL;
	}
	for (size_t i = 0; i < p.count; i++)
		free(p.f[i].val.s);
	free(p.f);
	diags_free(&p.diags);
	return l;
}

struct lesson *lesson_parse_buffer(const char *name, const char *buf, size_t len,
                                   struct diags *d)
{
	return parse(name, buf, len, false, d);
}

/* The whole file in memory, or NULL (reported). */
static char *read_file(const char *path, size_t *len, struct diags *d)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;

	if (!fp) {
		diags_add(d, path, 0, _("cannot open: %s"), strerror(errno));
		return NULL;
	}
	buf = xmalloc(LESSON_MAX_FILE + 1);
	n = fread(buf, 1, LESSON_MAX_FILE + 1, fp);
	if (ferror(fp)) {
		diags_add(d, path, 0, _("cannot read: %s"), strerror(errno));
		free(buf);
		buf = NULL;
	} else if (n > LESSON_MAX_FILE) {
		diags_add(d, path, 0, _("file is larger than %d KiB; a lesson is a small text "
		                        "file"), LESSON_MAX_FILE / 1024);
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

struct lesson *lesson_parse_file(const char *path, struct diags *d)
{
	struct lesson *l;
	size_t len;
	char *buf = read_file(path, &len, d);

	if (!buf)
		return NULL;
	l = lesson_parse_buffer(path, buf, len, d);
	free(buf);
	return l;
}

struct lesson *lesson_parse_file_cached(const char *path, struct fit_cache *cache,
                                        struct diags *d)
{
	struct lesson *l;
	size_t len;
	char *buf = read_file(path, &len, d);
	uint64_t key;
	bool trusted;

	if (!buf)
		return NULL;
	key = fit_cache_key(buf, len);
	trusted = fit_cache_check(cache, key);
	l = parse(path, buf, len, trusted, d);
	if (l && !trusted)
		fit_cache_add(cache, key);
	free(buf);
	return l;
}

static void step_free(struct step *s)
{
	free(s->id);
	free(s->text);
	free(s->hint);
	free(s->success);
	free(s->feedback);
	free(s->prompt);
	for (size_t i = 0; i < s->accept_count; i++)
		free(s->accept[i]);
	free(s->accept);
	for (size_t i = 0; i < s->option_count; i++) {
		free(s->options[i].text);
		free(s->options[i].feedback);
	}
	free(s->options);
	practice_free(s->practice);
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->step_count; i++)
		step_free(&l->steps[i]);
	free(l->steps);
	free(l->id);
	free(l->title);
	free(l->path);
	free(l);
}

int lesson_step_index(const struct lesson *l, const char *step_id)
{
	if (!l || !step_id)
		return -1;
	for (size_t i = 0; i < l->step_count; i++)
		if (strcmp(l->steps[i].id, step_id) == 0)
			return (int)i;
	return -1;
}

const char *lesson_kind_name(enum step_kind k)
{
	if ((unsigned)k <= STEP_PRACTICE)
		return kind_names[k];
	return "?";
}
