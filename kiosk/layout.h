/* layout: wraps text to a width in display columns with libunistring's line breaking.
 * Paragraphs are separated by '\n' in the input; words are never cut unless a single word is
 * wider than the width (then it is cut at a grapheme boundary). */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <stddef.h>

struct layout {
	char **line;   /* each a NUL-terminated UTF-8 line, no trailing spaces */
	size_t count;
};

/* Wraps text into lines of at most width columns (width >= 1).  An empty paragraph gives an
 * empty line.  Fills out; free it with layout_free. */
void layout_wrap(const char *text, size_t width, struct layout *out);

void layout_free(struct layout *l);

/* Number of lines text takes at width, without keeping them. */
size_t layout_count(const char *text, size_t width);

#endif
