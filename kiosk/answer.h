/* answer: decides whether a typed answer is accepted.  Typed text and each accepted answer
 * are compared by text_fold(): trimmed, NFC-normalised, case-folded. */
#ifndef KIOSK_ANSWER_H
#define KIOSK_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

/* True when typed matches one of accepted[0..n). */
bool answer_matches(const char *typed, char *const *accepted, size_t n);

#endif
