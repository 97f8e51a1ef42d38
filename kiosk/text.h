/* text: UTF-8 primitives on top of libunistring.  Owns everything that measures or compares
 * Cyrillic text: display width, grapheme boundaries, validation, and the folded form used to
 * compare answers and names.  Never counts bytes or code points as columns. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..n) is valid UTF-8. */
bool text_valid_utf8(const char *s, size_t n);

/* Display columns of the NUL-terminated UTF-8 string s (combining marks take 0, wide take 2). */
size_t text_width(const char *s);

/* Display columns of s[0..n). */
size_t text_width_n(const char *s, size_t n);

/* Byte length of the longest prefix of s that fits in cols columns without splitting a
 * grapheme cluster. */
size_t text_fit(const char *s, size_t cols);

/* Byte offset of the grapheme cluster that ends at pos (0 when pos is 0). */
size_t text_grapheme_prev(const char *s, size_t pos);

/* Byte offset just after the grapheme cluster that starts at pos (len when pos >= len). */
size_t text_grapheme_next(const char *s, size_t len, size_t pos);

/* NFC form of s; caller frees.  Invalid UTF-8 gives a copy of s. */
char *text_nfc(const char *s);

/* The comparison key: whitespace trimmed at both ends and runs of inner whitespace made one
 * space, NFC normalised, case folded (libunistring u8_casefold).  "  ЙОД " and "йод" written
 * with a decomposed й give the same bytes.  Caller frees. */
char *text_fold(const char *s);

/* text_fold without the case folding: for answers where capital letters count.  Caller
 * frees. */
char *text_normal(const char *s);

/* True when s has nothing but spaces (or is empty). */
bool text_is_blank(const char *s);

/* Writes code point cp as UTF-8 into out (at least 4 bytes); returns its length, 0 if invalid. */
int text_encode(uint32_t cp, char out[4]);

#endif
