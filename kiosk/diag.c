/* diag: see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	struct diag *g;
	va_list ap;
	int r;

	d->v = xgrow(d->v, &d->cap, d->count, sizeof *d->v);
	g = &d->v[d->count];
	g->file = xstrdup(file ? file : "");
	util_printable(g->file);  /* a file name can hold control characters too */
	g->line = line < 0 ? 0 : line;
	va_start(ap, fmt);
	r = vasprintf(&g->msg, fmt, ap);
	va_end(ap);
	if (r < 0)
		die("out of memory");
	util_printable(g->msg);
	d->count++;
}

static int diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

/* Merge sort rather than qsort: qsort is not stable, and messages on the same line must keep
 * the order the checks found them in.  A fuzzed file can give many thousands of messages, so
 * no quadratic insertion sort either. */
static void merge_sort(struct diag *v, struct diag *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = diag_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void diags_sort(struct diags *d)
{
	struct diag *tmp;

	if (d->count < 2)
		return;
	tmp = xmalloc(d->count * sizeof *tmp);
	merge_sort(d->v, tmp, d->count);
	free(tmp);
}

void diags_print(const struct diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct diag *g = &d->v[i];

		if (g->line > 0)
			fprintf(out, "%s:%d: %s\n", g->file, g->line, g->msg);
		else
			fprintf(out, "%s: %s\n", g->file, g->msg);
	}
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->count = d->cap = 0;
}
