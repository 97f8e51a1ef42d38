/* diag: a growing list of "FILE:LINE: message" diagnostics, the way lesson problems reach
 * trainers (check-lessons prints them; the kiosk logs them and skips the broken lesson). */
#ifndef KIOSK_DIAG_H
#define KIOSK_DIAG_H

#include <stdio.h>
#include <stddef.h>

struct diag {
	char *file;   /* path as given to the parser */
	int line;     /* 1-based; 0 when the problem is the whole file */
	char *msg;    /* already translated */
};

struct diags {
	struct diag *v;
	size_t count, cap;
};

void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sorts by file, then line (stable), so output is the same on every run. */
void diags_sort(struct diags *d);
/* One line each: "FILE:LINE: message" ("FILE: message" when line is 0). */
void diags_print(const struct diags *d, FILE *out);
void diags_free(struct diags *d);

#endif
