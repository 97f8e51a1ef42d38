/* answer: decides whether a typed answer is accepted or refused.  Typed text and each accepted
 * answer are compared by text_fold(): trimmed, NFC-normalised, case-folded; a rule with
 * "case: yes" compares without the case folding.  Refused answers ("reject:" lines) come in
 * groups, each with the reason the learner is shown. */
#ifndef KIOSK_ANSWER_H
#define KIOSK_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

/* One group of "reject:" lines and the "feedback:" right after them. */
struct answer_reject {
	char **text;       /* the refused answers */
	size_t count;
	char *feedback;    /* why they are refused; NULL only in a lesson the parser refuses */
};

/* True when typed matches one of accepted[0..n), letter case ignored. */
bool answer_matches(const char *typed, char *const *accepted, size_t n);

/* The same; when case_counts, capital and small letters must match too ("Мария" is not
 * "мария"), while spaces and Unicode normal forms still do not count. */
bool answer_matches_case(const char *typed, char *const *accepted, size_t n, bool case_counts);

/* The first group of g[0..n) that holds typed, or NULL.  Letter case never counts here: an
 * answer a lesson refuses stays refused however it is typed.  digits_only (a "digits:"
 * field): blanks inside do not count either, so "12 34" is "1234". */
const struct answer_reject *answer_rejected(const char *typed, const struct answer_reject *g,
                                            size_t n, bool digits_only);

/* True when a and b are the same answer for answer_rejected (the parser uses it to find a
 * right answer that its own reject: refuses). */
bool answer_same(const char *a, const char *b, bool digits_only);
/* What answer_same compares: a and b are the same when their keys are equal and not empty.
 * For comparing one answer with many (each key made once).  The caller frees it. */
char *answer_same_key(const char *s, bool digits_only);

/* True when typed holds a Latin letter while every one of accepted[0..n) is written in
 * Cyrillic letters only: the keyboard is on the wrong layout, or a look-alike letter slipped
 * in ("Мaрия" with a Latin a), and the learner needs to hear that rather than "wrong". */
bool answer_wrong_script(const char *typed, char *const *accepted, size_t n);

/* What the learner is told then, in the interface language: "some letters" when typed also
 * holds Cyrillic ones, "the letters" when it holds none. */
const char *answer_wrong_script_feedback(const char *typed);

/* True when s holds at least one Latin letter (the name screen warns about them). */
bool answer_has_latin_letters(const char *s);

/* Frees g[0..n) and everything in it, and g itself (from malloc); NULL is fine. */
void answer_rejects_free(struct answer_reject *g, size_t n);

#endif
