/* session: one person's sitting at the kiosk, from "who are you" to goodbye.  Owns who is
 * sitting (learner id and name as typed) and the store's session row, and decides which
 * earlier learners' names a person may see while typing their own.  Curses-free: the screens
 * (ui_learner.c, ui.c) call it and show what it returns. */
#ifndef KIOSK_SESSION_H
#define KIOSK_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct session {
	int64_t id;        /* the store's session; 0 outside a session */
	int64_t learner;   /* 0 until the person says who they are */
	char *name;        /* the learner's name, NFC as stored; NULL outside a session */
};

/* Starts a session for learner (named name) in lesson set set_name.  Returns 0, or -1 with
 * err filled and s unchanged. */
int session_start(struct session *s, struct store *st, const char *set_name, int64_t learner,
                  const char *name, struct kerr *err);

/* The same for a typed name: the learner whose name folds to the same text, else a new one;
 * s->name is then the name as stored (trimmed, first spelling, session_capitalise()d when it
 * was new). */
int session_start_typed(struct session *s, struct store *st, const char *set_name,
                        const char *typed, struct kerr *err);

/* typed with a capital at the start of each word when it has no capitals at all ("мария
 * петрова" -> "Мария Петрова"; "McNeil" stays): the screen says small letters are fine, and
 * the greeting should still look right.  Caller frees. */
char *session_capitalise(const char *typed);

/* Ends the session (if any) and forgets who was sitting, even when the store fails: the next
 * person must never inherit this one's name.  Returns 0, or -1 with err filled. */
int session_end(struct session *s, struct store *st, struct kerr *err);

/* The names a person may see while typing their own: only after at least one letter, and only
 * names whose folded form starts with what is typed (folded: "мар" finds "Мария Петрова").
 * Fills out[] with indexes into names[0..n) (at most max), returns how many. */
size_t session_matching_names(const char *const *names, size_t n, const char *typed,
                              size_t *out, size_t max);

#endif
