/* utf8dec: turns the bytes a terminal sends into code points, one byte at a time, and never
 * gets stuck: a byte that cannot start a character (0xff, a stray continuation byte, an
 * overlong or out-of-range lead) is dropped, and a sequence cut short by a byte that does not
 * continue it is dropped while that byte starts afresh ("c3 28" gives "(").  Overlong forms,
 * surrogates and code points above U+10FFFF are dropped too.  Knows nothing of curses: the UI
 * feeds it the bytes curses reads. */
#ifndef KIOSK_UTF8DEC_H
#define KIOSK_UTF8DEC_H

#include <stdint.h>

struct utf8dec {
	uint32_t cp;    /* the code point so far */
	uint32_t min;   /* the smallest code point the sequence's length may encode */
	int need;       /* continuation bytes still expected; 0 between characters */
};

enum utf8dec_result {
	UTF8DEC_CHAR,   /* *cp holds a complete code point */
	UTF8DEC_MORE,   /* part of a character: feed the next byte */
	UTF8DEC_BAD,    /* an invalid byte or sequence was dropped; nothing to use */
};

/* Forgets a half-read character (a function key came in between). */
void utf8dec_reset(struct utf8dec *d);

/* Feeds one byte; see enum utf8dec_result. */
enum utf8dec_result utf8dec_feed(struct utf8dec *d, unsigned char byte, uint32_t *cp);

#endif
