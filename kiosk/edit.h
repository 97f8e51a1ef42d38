/* edit: the model of a one-line text field (learner names, typed answers).  Owns a UTF-8
 * buffer and a cursor that always sits on a grapheme boundary: Backspace removes a whole
 * character even when it was typed as a base letter plus a combining mark.  Draws nothing. */
#ifndef KIOSK_EDIT_H
#define KIOSK_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct edit {
	char *buf;        /* NUL-terminated UTF-8 */
	size_t len;       /* bytes used */
	size_t cap;       /* bytes allocated */
	size_t cursor;    /* byte offset, on a grapheme boundary */
	size_t max_cols;  /* refuse input that would make the text wider than this */
};

void edit_init(struct edit *e, size_t max_cols);
void edit_free(struct edit *e);
void edit_clear(struct edit *e);
void edit_set(struct edit *e, const char *utf8);

/* Inserts code point cp at the cursor.  Returns false (and changes nothing) for control
 * characters or when the text would get wider than max_cols.  A combining mark joins the
 * character before it. */
bool edit_insert(struct edit *e, uint32_t cp);

void edit_backspace(struct edit *e);   /* removes the grapheme before the cursor */
void edit_delete(struct edit *e);      /* removes the grapheme at the cursor */
void edit_left(struct edit *e);
void edit_right(struct edit *e);
void edit_home(struct edit *e);
void edit_end(struct edit *e);

/* Display column of the cursor from the start of the text. */
size_t edit_cursor_col(const struct edit *e);

#endif
