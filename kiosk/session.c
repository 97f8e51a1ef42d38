/* session: see session.h. */
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

#include "text.h"
#include "util.h"

int session_start(struct session *s, struct store *st, const char *set_name, int64_t learner,
                  const char *name, struct kerr *err)
{
	int64_t id;

	if (store_begin_session(st, learner, set_name, &id, err) < 0)
		return -1;
	free(s->name);
	s->id = id;
	s->learner = learner;
	s->name = xstrdup(name);
	return 0;
}

char *session_capitalise(const char *typed)
{
	const uint8_t *p = (const uint8_t *)typed;
	char *out = xstrdup(""), buf[8];
	bool word_start = true;
	ucs4_t c;

	for (const uint8_t *q = p; (q = u8_next(&c, q));)
		if (uc_tolower(c) != c) {
			free(out);
			return xstrdup(typed);  /* the person chose their capitals */
		}
	while ((p = u8_next(&c, p))) {
		char *prev = out;
		int n = u8_uctomb((uint8_t *)buf, word_start ? uc_toupper(c) : c, sizeof buf - 1);

		buf[n > 0 ? n : 0] = '\0';
		out = xasprintf("%s%s", prev, buf);
		free(prev);
		word_start = c == ' ' || c == '-';
	}
	return out;
}

int session_start_typed(struct session *s, struct store *st, const char *set_name,
                        const char *typed, struct kerr *err)
{
	int64_t learner;
	bool created;
	char *name = NULL, *capital = session_capitalise(typed);
	int r = -1;

	/* The name as stored (the first spelling, trimmed, with capitals when none were typed):
	 * "  мария " is greeted as Мария. */
	if (store_find_or_add_learner(st, capital, &learner, &created, err) == 0 &&
	    store_learner_name(st, learner, &name, err) == 0)
		r = session_start(s, st, set_name, learner, name, err);
	free(name);
	free(capital);
	return r;
}

int session_end(struct session *s, struct store *st, struct kerr *err)
{
	int r = 0;

	if (s->id && store_end_session(st, s->id, err) < 0)
		r = -1;
	s->id = 0;
	s->learner = 0;
	free(s->name);
	s->name = NULL;
	return r;
}

size_t session_matching_names(const char *const *names, size_t n, const char *typed,
                              size_t *out, size_t max)
{
	char *key = text_fold(typed);
	size_t klen = strlen(key), found = 0;

	for (size_t i = 0; klen > 0 && i < n && found < max; i++) {
		char *f = text_fold(names[i]);

		if (strncmp(f, key, klen) == 0)
			out[found++] = i;
		free(f);
	}
	free(key);
	return found;
}
