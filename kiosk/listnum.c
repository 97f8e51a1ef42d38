/* listnum: see listnum.h. */
#include "listnum.h"

int listnum_digit(struct listnum *ln, unsigned d, size_t count)
{
	size_t joined = ln->value * 10 + d;

	if (d > 9)
		return -1;
	/* value > 0 also keeps "0" from ever starting a number ("0", "5" is 5, not 05). */
	if (listnum_can_grow(ln, count) && joined <= count) {
		ln->value = joined;
		return (int)(joined - 1);
	}
	if (d >= 1 && d <= count) {
		ln->value = d;
		return (int)(d - 1);
	}
	return -1;
}

int listnum_erase(struct listnum *ln)
{
	ln->value /= 10;
	return ln->value > 0 ? (int)(ln->value - 1) : -1;
}

void listnum_clear(struct listnum *ln)
{
	ln->value = 0;
}

bool listnum_can_grow(const struct listnum *ln, size_t count)
{
	return ln->value > 0 && ln->value <= count / 10;
}
