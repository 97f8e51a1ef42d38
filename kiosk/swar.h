/* swar: eight bytes at a time in one 64-bit word ("SIMD within a register"), for the loops
 * that look at every byte of every lesson (the UTF-8 check, the control-character scan, the
 * one-column measure, the break search).  Bit tricks only: no instruction beyond x86-64's
 * baseline, and plain C elsewhere.  A word is read with memcpy; the byte a set bit stands
 * for is bit / 8 only in a little-endian word (SWAR_LE), so code that needs positions keeps
 * a byte loop for the other byte order. */
#ifndef KIOSK_SWAR_H
#define KIOSK_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGH 0x8080808080808080ULL
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_LE 1
#else
#define SWAR_LE 0
#endif

static inline uint64_t swar_load(const void *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* The high bit of each byte of w that is zero. */
static inline uint64_t swar_zero_bytes(uint64_t w)
{
	return ~(((w & ~SWAR_HIGH) + ~SWAR_HIGH) | w) & SWAR_HIGH;
}

/* How many bytes have their high bit set, in a w where only high bits may be (a multiply:
 * x86-64's baseline has no popcount instruction). */
static inline size_t swar_count_high(uint64_t w)
{
	return (size_t)(((w >> 7) * SWAR_ONES) >> 56);
}

#endif
