/* utf8dec: see utf8dec.h. */
#include "utf8dec.h"

void utf8dec_reset(struct utf8dec *d)
{
	d->cp = 0;
	d->min = 0;
	d->need = 0;
}

/* A byte that may begin a character: ASCII, or a lead byte of 2 to 4 bytes (0xc2..0xf4). */
static enum utf8dec_result start(struct utf8dec *d, unsigned char b, uint32_t *cp)
{
	if (b < 0x80) {
		*cp = b;
		return UTF8DEC_CHAR;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		d->cp = b & 0x1f;
		d->need = 1;
		d->min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		d->cp = b & 0x0f;
		d->need = 2;
		d->min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		d->cp = b & 0x07;
		d->need = 3;
		d->min = 0x10000;
	} else {
		return UTF8DEC_BAD;  /* 0x80..0xc1 alone, 0xf5..0xff */
	}
	return UTF8DEC_MORE;
}

enum utf8dec_result utf8dec_feed(struct utf8dec *d, unsigned char b, uint32_t *cp)
{
	if (d->need == 0)
		return start(d, b, cp);
	if ((b & 0xc0) != 0x80) {
		/* The sequence was cut short: drop it, and let this byte begin anew. */
		utf8dec_reset(d);
		return start(d, b, cp);
	}
	d->cp = d->cp << 6 | (b & 0x3f);
	if (--d->need > 0)
		return UTF8DEC_MORE;
	*cp = d->cp;
	if (*cp < d->min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff)) {
		utf8dec_reset(d);
		return UTF8DEC_BAD;
	}
	utf8dec_reset(d);
	return UTF8DEC_CHAR;
}
