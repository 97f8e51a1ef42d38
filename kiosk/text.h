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
/* The number of characters of s[0..n) when every one is a common one-column character
 * (printable ASCII, Latin letters, Cyrillic letters, the usual dashes, quotes and signs of the
 * lessons), which is then also its width; -1 when some character is not, or s is not UTF-8
 * (measure it with text_width_n). */
long text_one_column_chars(const char *s, size_t n);

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

/* Bytes of the blank at s, or 0: the one definition of "blank" (what a learner may type
 * around a name or an answer): an ASCII space, tab, newline, CR, VT or FF, or the no-break
 * space U+00A0. */
size_t text_blank_len(const char *s);

/* True when s has nothing but blanks (or is empty). */
bool text_is_blank(const char *s);

/* The beginning of s on one line, for a table: whitespace runs (line breaks too) made one
 * space, cut at a space to at most cols display columns (cols >= 2) with "…" at the end when
 * anything was cut ("Натиснете Enter, за да…").  Caller frees. */
char *text_first_words(const char *s, size_t cols);
/* True for the invisible format characters a name or an answer must not hold: the
 * direction marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A..202E,
 * U+2066..2069), which reorder what a trainer sees; the invisible ones that make two names
 * that look alike differ (U+00AD, U+200B, U+2060..2064, U+FEFF); and those that make a
 * terminal draw a character wider or narrower than curses counts it, which leaves stale cells
 * on the screen: the zero-width joiner U+200D (emoji sequences), the variation selectors
 * U+FE00..FE0F (emoji presentation) and the skin-tone modifiers U+1F3FB..1F3FF.  An emoji
 * stays, drawn on its own.  The zero-width non-joiner U+200C stays. */
bool text_is_invisible_format(uint32_t cp);

/* Copy of s without those characters; invalid UTF-8 is copied as it is.  Caller frees. */
char *text_strip_invisible(const char *s);

/* Writes code point cp as UTF-8 into out (at least 4 bytes); returns its length, 0 if invalid. */
int text_encode(uint32_t cp, char out[4]);

/* A shell command (its words, each quoted for the shell when it needs it) as lines of at most
 * width columns where they can be: words are never split, so a path stays whole, and every
 * line but the last ends in " \\" (the shell's continuation), so the lines can be copied and
 * run as they are.  Continuation lines start with two spaces.  Returns the number of lines;
 * *lines (caller frees with text_free_lines) holds them. */
size_t text_command_lines(const char *const *words, size_t n, size_t width, char ***lines);
void text_free_lines(char **lines, size_t n);

#endif
