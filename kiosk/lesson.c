/* lesson: see lesson.h.  Parsing runs in two passes so that one file reports all its problems:
 * read_fields() turns physical lines into key/value fields (joining continuation lines and
 * catching line-level problems: length, control characters, UTF-8, syntax, unknown keys), and
 * build_lesson() checks the structure of the fields and fills struct lesson.  A line that is
 * broken is still used as well as it can be, so one mistake gives one message, not a cascade.
 * The fields of a practice step's mock screen go to lesson_practice.c (see lesson_parse.h). */
#include "lesson.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "fitcache.h"
#include "lesson_parse.h"
#include "layout.h"
#include "swar.h"
#include "text.h"
#include "util.h"

/* A lesson is a few KiB; anything this big is the wrong file, and we refuse it before
 * spending time (and thousands of messages) on it. */
#define LESSON_MAX_FILE   (1024 * 1024)
/* After this many problems in one file the rest are noise (a binary or a wrong file). */
#define LESSON_MAX_DIAGS  50

const char *const lesson_key_names[K_COUNT] = {
	"lesson", "title", "order", "step", "kind", "text", "hint", "success", "option",
	"correct", "feedback", "prompt", "accept",
	"screen", "label", "field", "check", "choice", "list", "button",
	"item", "press", "digits", "date", "required", "value", "must",
	"reject", "case", "default", "say",
};

#define HEADER_KEYS (BIT(K_LESSON) | BIT(K_TITLE) | BIT(K_ORDER))
/* Keys that may appear at most once in a step (feedback too, in a type step). */
#define STEP_ONCE_KEYS (BIT(K_KIND) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_PROMPT) | \
                        BIT(K_SCREEN))
/* Which keys each kind of step may use, besides step: and kind:. */
static const unsigned kind_keys[] = {
	[STEP_READ] = BIT(K_TEXT) | BIT(K_SAY),
	[STEP_CHOOSE] = BIT(K_SAY) | BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_OPTION) |
	                BIT(K_CORRECT) | BIT(K_FEEDBACK),
	[STEP_TYPE] = BIT(K_SAY) | BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | BIT(K_PROMPT) |
	              BIT(K_ACCEPT) | BIT(K_FEEDBACK) | BIT(K_REJECT) | BIT(K_CASE),
	[STEP_PRACTICE] = BIT(K_SAY) | BIT(K_TEXT) | BIT(K_HINT) | BIT(K_SUCCESS) | MOCK_KEYS,
};

static const char *const kind_names[] = {
	[STEP_READ] = "read", [STEP_CHOOSE] = "choose", [STEP_TYPE] = "type",
	[STEP_PRACTICE] = "practice",
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

void lesson_vproblem(struct parser *p, int line, const char *fmt, va_list ap)
{
	char *msg;

	if (p->diags.count > LESSON_MAX_DIAGS)
		return;
	if (p->diags.count == LESSON_MAX_DIAGS) {
		diags_add(&p->diags, p->name, 0,
		          _("more than %d problems; fix these first (is this a lesson file?)"),
		          LESSON_MAX_DIAGS);
		return;
	}
	if (vasprintf(&msg, fmt, ap) < 0)
		die("out of memory");
	diags_add(&p->diags, p->name, line, "%s", msg);
	free(msg);
}

__attribute__((format(printf, 3, 4)))
static void problem(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lesson_vproblem(p, line, fmt, ap);
	va_end(ap);
}

/* ---- pass 1: lines to fields ---- */

/* Whether s[0..8) holds a control character (a byte below 0x20, a tab too, or 0x7f): eight
 * bytes at once by the bit tricks of "has a byte less than" and "has a zero byte", since every
 * byte of every lesson passes here. */
static bool word_has_control(const char *s)
{
	uint64_t w = swar_load(s), del = w ^ (0x7f * SWAR_ONES);

	return (((w - 0x20 * SWAR_ONES) & ~w) | ((del - SWAR_ONES) & ~del)) & SWAR_HIGH;
}

/* Copy of one physical line, made safe to parse: CR of CRLF dropped, control characters and
 * tabs made spaces, bytes of invalid UTF-8 made '?'.  Each problem is reported once. */
static char *clean_line(struct parser *p, int line, const char *s, size_t n, bool utf8_ok,
                        struct buf *into)
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
	into->len = 0;  /* one buffer for every line of the file: no allocation per line */
	buf_add(into, s, n);
	l = into->s;
	for (size_t i = 0; i < n; i++) {
		unsigned char c;

		if (n - i >= 8 && !word_has_control(l + i)) {
			i += 7;
			continue;
		}
		c = (unsigned char)l[i];
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
	if (!utf8_ok && !text_valid_utf8(l, n)) {
		problem(p, line, _("line is not valid UTF-8; save the file with UTF-8 encoding"));
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)l[i] >= 0x80)
				l[i] = '?';
	}
	return l;
}

/* The key k[0..n), looked up where it stands in the line (no copy: every line has one). */
static int key_lookup(const char *k, size_t n)
{
	for (int i = 0; i < K_COUNT; i++)
		if (k[0] == lesson_key_names[i][0] && strncmp(k, lesson_key_names[i], n) == 0 &&
		    lesson_key_names[i][n] == '\0')
			return i;
	return -1;
}

/* "Title" is a common slip for "title": say so instead of only "unknown key". */
static int key_lookup_nocase(const char *k)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strcasecmp(k, lesson_key_names[i]) == 0)
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

/* A key that is not one, written as "key: value" at l[0..n): -1 (reported), or the key it is
 * in lowercase (reported too, and used as meant: "Title:" does not also give "missing
 * title"). */
static int unknown_key(struct parser *p, int line, const char *l, size_t n)
{
	char *key = xstrndup(l, n);
	int k = key_lookup_nocase(key);

	if (k >= 0)
		problem(p, line, _("unknown key '%s'; keys are written in lowercase: '%s'"),
		        key, lesson_key_names[k]);
	else
		/* TRANSLATORS: keys ('text:', 'kind: read'...) are the file format and stay in
		 * English in every message; only the words around them are translated. */
		problem(p, line, _("unknown key '%.*s'; lessons/README.md lists the keys"),
		        (int)text_fit(key, 40), key);
	free(key);
	return k;
}

static enum cont key_line(struct parser *p, int line, const char *l)
{
	const char *colon = strchr(l, ':'), *v;
	size_t n;
	int k;

	if (!colon) {
		problem(p, line, _("expected 'key: value'; a line that continues the value above "
		                   "must start with a space"));
		return CONT_SINK;
	}
	n = trim_end(l, (size_t)(colon - l));
	k = n > 0 ? key_lookup(l, n) : -1;
	if (k < 0 && (k = unknown_key(p, line, l, n)) < 0)
		return CONT_SINK;
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
	/* Checked once for the whole file (the usual case) rather than line by line. */
	bool utf8_ok = text_valid_utf8(buf, len);
	struct buf lb = { 0 };

	/* Windows editors put a byte order mark first; it is not part of the text. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end && line < INT_MAX) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *l = clean_line(p, ++line, s, n, utf8_ok, &lb);
		const char *t = l + strspn(l, " ");

		if (*t == '\0' || *t == '#')
			;  /* blank lines and comments change nothing, not even continuation */
		else if (t != l)
			continue_value(p, line, t, cont);
		else
			cont = key_line(p, line, l);
		s = nl ? nl + 1 : end;
	}
	free(lb.s);
}

static void check_empty_values(struct parser *p)
{
	for (size_t i = 0; i < p->count; i++)
		if (p->f[i].val.len == 0)
			problem(p, p->f[i].line, _("'%s:' has no value; write it after the colon"),
			        lesson_key_names[p->f[i].key]);
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
			                      "above it"), lesson_key_names[f->key]);
			continue;
		}
		if (seen[f->key]) {
			problem(p, f->line, _("duplicate key '%s' (first at line %d); it may "
			                      "appear only once"), lesson_key_names[f->key],
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

/* The screen writes a hint after a label ("Подсказка: ", the longest of the languages): the
 * check measures the hint with a stand-in of that width, so a hint that passes is never cut. */
#define HINT_LABEL_STAND_IN "Подсказка: "

void lesson_check_note(struct parser *p, const struct step *s, const struct field *f)
{
	size_t rows;

	if (f->val.len == 0 || p->trusted)
		return;
	if (f->key == K_HINT) {
		char *shown = xasprintf("%s%s", HINT_LABEL_STAND_IN, f->val.s);

		rows = layout_count(shown, LESSON_WRAP_COLS);
		free(shown);
	} else {
		rows = layout_count(f->val.s, LESSON_WRAP_COLS);
	}
	if (rows > LESSON_NOTE_ROWS)
		problem(p, f->line, _("'%s' of step '%s' takes %zu rows on the screen; at most %d "
		                      "fit: shorten it"), lesson_key_names[f->key], s->id, rows,
		        LESSON_NOTE_ROWS);
}

/* 'yes' is the only value of the switches date:, required: and press:. */
bool lesson_yes(struct parser *p, const struct field *f)
{
	if (strcmp(f->val.s, "yes") == 0)
		return true;
	problem(p, f->line, _("'%s: %s': the only value is 'yes'; to leave it out, delete the "
	                      "line"), lesson_key_names[f->key], f->val.s);
	return false;
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
		lesson_check_note(p, s, f);
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

/* ---- refused answers: reject: lines and their feedback ----
 * Consecutive reject: lines make one group; the feedback: directly after them is the reason
 * shown for all of them.  The same in a type step and under a practice field. */

void lesson_reject_add(struct reject_state *rs, struct answer_reject **v, size_t *n,
                       const struct field *f)
{
	struct answer_reject *g;

	if (f->val.len == 0) {
		rs->refused = true;  /* reported as empty */
		return;
	}
	if (!rs->group) {
		if ((*n & (*n - 1)) == 0)
			*v = xrealloc(*v, (*n ? *n * 2 : 1) * sizeof **v);
		rs->group = &(*v)[(*n)++];
		memset(rs->group, 0, sizeof *rs->group);
	}
	g = rs->group;
	if ((g->count & (g->count - 1)) == 0)
		g->text = xrealloc(g->text, (g->count ? g->count * 2 : 1) * sizeof *g->text);
	g->text[g->count++] = xstrdup(f->val.s);
	rs->line = f->line;
	rs->refused = false;
}

/* A feedback: that closes an open group; false when no group is open (f is then the step's
 * or the widget's own feedback). */
bool lesson_reject_feedback(struct parser *p, const struct step *s, struct reject_state *rs,
                            const struct field *f)
{
	if (!rs->group)
		return false;
	rs->group->feedback = xstrdup(f->val.s);
	lesson_check_note(p, s, f);
	rs->group = NULL;
	return true;
}

/* Something other than reject: or feedback: came after a group: it has no reason to show. */
static void reject_unfinished(struct parser *p, struct reject_state *rs)
{
	problem(p, rs->line, _("'reject:' has no 'feedback:' directly below it; add one that "
	                       "tells the learner why this answer is refused"));
	rs->group = NULL;
}

/* "say: 112 = едно едно две": both sides non-empty. */
static void add_say(struct parser *p, struct step *s, const struct field *f)
{
	const char *eq = strstr(f->val.s, " = ");
	struct lesson_say *n;

	if (!eq || eq == f->val.s || !eq[3]) {
		problem(p, f->line, _("'say:' needs the written form, ' = ' and how to read it "
		                      "aloud, e.g. 'say: 112 = one one two'"));
		return;
	}
	s->says = xrealloc(s->says, (s->say_count + 1) * sizeof *s->says);
	n = &s->says[s->say_count++];
	n->written = xasprintf("%.*s", (int)(eq - f->val.s), f->val.s);
	n->spoken = xstrdup(eq + 3);
}

char *lesson_spoken(const struct step *s, const char *text)
{
	struct buf out = { 0 };

	buf_add(&out, "", 0);
	while (*text) {
		const struct lesson_say *best = NULL;

		for (size_t i = 0; i < s->say_count; i++) {
			size_t n = strlen(s->says[i].written);

			if (strncmp(text, s->says[i].written, n) == 0 &&
			    (!best || n > strlen(best->written)))
				best = &s->says[i];
		}
		if (best) {
			buf_add(&out, best->spoken, strlen(best->spoken));
			text += strlen(best->written);
		} else {
			buf_add(&out, text, 1);
			text++;
		}
	}
	return out.s;
}

/* One field of a step whose kind is known and allows the key. */
static void step_field(struct parser *p, struct step *s, const struct field *f,
                       enum key prev, struct buf *text, struct choose_state *cs,
                       struct mock *m, struct reject_state *rs)
{
	if (s->kind == STEP_PRACTICE && (BIT(f->key) & MOCK_KEYS)) {
		lesson_practice_field(p, s, m, rs, f);
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
		lesson_check_note(p, s, f);
		break;
	case K_PROMPT:
		s->prompt = xstrdup(f->val.s);
		check_prompt(p, s, f);
		break;
	case K_ACCEPT:
		add_accept(s, f);
		break;
	case K_REJECT:
		lesson_reject_add(rs, &s->rejects, &s->reject_count, f);
		break;
	case K_CASE:
		if (f->val.len > 0)
			s->case_counts = lesson_yes(p, f);
		break;
	case K_SAY:
		add_say(p, s, f);
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
		if (lesson_reject_feedback(p, s, rs, f))
			break;
		s->feedback = xstrdup(f->val.s);
		lesson_check_note(p, s, f);
		break;
	default:
		break;
	}
	cs->open = NULL;
}

/* Is f a key this step may hold (reported when not)? */
static bool step_allows(struct parser *p, const struct step *s, int kind,
                        const struct field *f, const struct field **once, bool group_open)
{
	unsigned bit = BIT(f->key);

	if (bit & HEADER_KEYS) {
		problem(p, f->line, _("'%s:' belongs in the lesson header, above the first "
		                      "'step:'"), lesson_key_names[f->key]);
		return false;
	}
	if (f->key != K_KIND && kind >= 0 && !(kind_keys[kind] & bit)) {
		problem(p, f->line, _("key '%s' is not allowed in a %s step"), lesson_key_names[f->key],
		        kind_names[kind]);
		return false;
	}
	/* In a type step, feedback: is once, besides the reasons of reject groups. */
	if ((bit & STEP_ONCE_KEYS) ||
	    (kind == STEP_TYPE && ((f->key == K_FEEDBACK && !group_open) || f->key == K_CASE))) {
		if (once[f->key]) {
			problem(p, f->line, _("duplicate key '%s' in step '%s' (first at line %d); "
			                      "it may appear only once"), lesson_key_names[f->key], s->id,
			        once[f->key]->line);
			return false;
		}
		once[f->key] = f;
	}
	/* With the kind unknown, only text can be checked without guessing. */
	return kind >= 0 || f->key == K_TEXT;
}

/* Does the widget f[first..end) have a digits: rule (blanks then do not count)? */
static bool refusing_digits(const struct field *f, size_t first, size_t end)
{
	for (size_t i = first; i < end; i++)
		if (f[i].key == K_DIGITS)
			return true;
	return false;
}

/* End of the widget whose key is f[first]: the next widget key, or n. */
static size_t widget_end(const struct field *f, size_t first, size_t n)
{
	size_t i = first + 1;

	while (i < n && !(BIT(f[i].key) & WIDGET_KEYS))
		i++;
	return i;
}

/* The comparison key of f[j] (answer_same_key), made once: folding is most of the cost of
 * this check, and each reject: is compared with every right answer of its field. */
static const char *same_key(char **keys, const struct field *f, size_t j, bool digits)
{
	if (!keys[j])
		keys[j] = answer_same_key(f[j].val.s, digits);
	return keys[j];
}

/* The reject: in f[from..to) that refuses f[a], or NULL (answer_same on keys[], filled as
 * needed). */
static const struct field *refusing(const struct field *f, size_t from, size_t to, size_t a,
                                    bool digits, char **keys)
{
	const char *answer = same_key(keys, f, a, digits);

	for (size_t j = from; j < to && *answer; j++)
		if (f[j].key == K_REJECT && strcmp(answer, same_key(keys, f, j, digits)) == 0)
			return &f[j];
	return NULL;
}

/* A right answer (accept:, or the value: "show me" types) that a reject: of the same field
 * or type step refuses: the lesson would praise and refuse the same thing. */
static void check_refused(struct parser *p, const struct step *s, const struct field *f,
                          size_t n)
{
	/* A type step is one block; in a practice step each widget's keys are one. */
	size_t first = s->kind == STEP_PRACTICE ? 0 : 1, end = n;
	/* each field belongs to one widget (or to the type step): one key each */
	char **keys = xcalloc(n, sizeof *keys);

	for (size_t i = 1; i < n; i++) {
		const struct field *r;

		if (s->kind == STEP_PRACTICE && (BIT(f[i].key) & WIDGET_KEYS)) {
			first = i;
			end = widget_end(f, i, n);
			continue;
		}
		if (first == 0 || (f[i].key != K_ACCEPT && f[i].key != K_VALUE) ||
		    f[i].val.len == 0)
			continue;
		r = refusing(f, first, end, i,
		             s->kind == STEP_PRACTICE && refusing_digits(f, first, end), keys);
		if (r && s->kind == STEP_PRACTICE)
			problem(p, f[i].line, _("'%s: %s' of 'field: %s' is refused by its own "
			                        "'reject: %s' (line %d); an answer cannot be both right "
			                        "and refused: remove one of them"),
			        lesson_key_names[f[i].key], f[i].val.s, f[first].val.s, r->val.s, r->line);
		else if (r)
			problem(p, f[i].line, _("'%s: %s' of step '%s' is refused by its own "
			                        "'reject: %s' (line %d); an answer cannot be both right "
			                        "and refused: remove one of them"),
			        lesson_key_names[f[i].key], f[i].val.s, s->id, r->val.s, r->line);
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
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
	struct reject_state rs = { 0 };
	struct buf text = { 0 };
	int kind, text_line = 0;

	if (f->val.len > 0)
		check_step_id(p, f);
	kind = step_kind(p, s, f, n);
	s->kind = kind >= 0 ? (enum step_kind)kind : STEP_READ;
	if (s->kind == STEP_PRACTICE)
		lesson_practice_begin(&m, s);
	for (size_t i = 1; i < n; i++) {
		if (rs.group && f[i].key != K_REJECT && f[i].key != K_FEEDBACK)
			reject_unfinished(p, &rs);
		if (rs.refused && f[i].key != K_REJECT) {
			rs.refused = false;
			if (f[i].key == K_FEEDBACK)
				continue;  /* the reason of a reject: that is reported already */
		}
		if (!step_allows(p, s, kind, &f[i], once, rs.group != NULL)) {
			rs.refused = f[i].key == K_REJECT;
			cs.open = NULL;
			continue;
		}
		if (f[i].key == K_TEXT && !text_line)
			text_line = f[i].line;
		step_field(p, s, &f[i], f[i - 1].key, &text, &cs, &m, &rs);
	}
	if (rs.group)
		reject_unfinished(p, &rs);
	if (kind == STEP_TYPE || kind == STEP_PRACTICE)
		check_refused(p, s, f, n);
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
		lesson_practice_end(p, s, &m, text_line,
		                    once[K_SUCCESS] ? once[K_SUCCESS]->line : s->line);
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
	char *buf = read_small_file(path, LESSON_MAX_FILE, len);

	if (buf)
		return buf;
	if (errno == EFBIG)
		diags_add(d, path, 0, _("file is larger than %d KiB; a lesson is a small text "
		                        "file"), LESSON_MAX_FILE / 1024);
	else if (errno == EISDIR)
		diags_add(d, path, 0, _("not loaded: it is a folder, not a lesson file"));
	else if (errno == EINVAL)
		diags_add(d, path, 0, _("not loaded: not a regular file (a named pipe, a device "
		                        "or a socket)"));
	else
		diags_add(d, path, 0, _("cannot open: %s"), strerror(errno));
	return NULL;
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
	answer_rejects_free(s->rejects, s->reject_count);
	for (size_t i = 0; i < s->option_count; i++) {
		free(s->options[i].text);
		free(s->options[i].feedback);
	}
	free(s->options);
	practice_free(s->practice);
	for (size_t i = 0; i < s->say_count; i++) {
		free(s->says[i].written);
		free(s->says[i].spoken);
	}
	free(s->says);
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

bool lesson_type_check(const struct step *s, const char *typed, const char **feedback)
{
	const struct answer_reject *r = answer_rejected(typed, s->rejects, s->reject_count,
	                                                false);
	bool right = !r && answer_matches_case(typed, s->accept, s->accept_count,
	                                       s->case_counts);

	if (!feedback)
		return right;
	if (right)
		*feedback = NULL;
	else if (r)
		*feedback = r->feedback;  /* the lesson's own reason comes first */
	else if (answer_wrong_script(typed, s->accept, s->accept_count))
		*feedback = answer_wrong_script_feedback(typed);
	else
		*feedback = s->feedback;
	return right;
}
