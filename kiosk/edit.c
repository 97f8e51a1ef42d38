/* edit: see edit.h. */
#include "edit.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>

#include "text.h"
#include "util.h"

void edit_init(struct edit *e, size_t max_cols)
{
	e->cap = 64;
	e->buf = xmalloc(e->cap);
	e->buf[0] = '\0';
	e->len = 0;
	e->cursor = 0;
	e->max_cols = max_cols;
}

void edit_free(struct edit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = e->cursor = 0;
}

void edit_clear(struct edit *e)
{
	e->len = 0;
	e->cursor = 0;
	e->buf[0] = '\0';
}

static void reserve(struct edit *e, size_t extra)
{
	if (e->len + extra + 1 <= e->cap)
		return;
	while (e->len + extra + 1 > e->cap)
		e->cap *= 2;
	e->buf = xrealloc(e->buf, e->cap);
}

void edit_set(struct edit *e, const char *utf8)
{
	size_t n = strlen(utf8);

	edit_clear(e);
	reserve(e, n);
	memcpy(e->buf, utf8, n + 1);
	e->len = e->cursor = n;
}

/* Only printable text goes into a field: no control characters, no unassigned or private
 * code points, nothing a terminal could interpret, no invisible direction overrides. */
static bool insertable(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || text_is_invisible_format(cp))
		return false;
	return uc_is_print(cp) || uc_is_general_category(cp, UC_CATEGORY_M);
}

bool edit_insert(struct edit *e, uint32_t cp)
{
	char enc[4];
	int n;

	if (!insertable(cp) || (n = text_encode(cp, enc)) == 0)
		return false;
	reserve(e, (size_t)n);
	memmove(e->buf + e->cursor + n, e->buf + e->cursor, e->len - e->cursor + 1);
	memcpy(e->buf + e->cursor, enc, (size_t)n);
	e->len += (size_t)n;
	if (text_width(e->buf) > e->max_cols) {  /* undo: the field is full */
		memmove(e->buf + e->cursor, e->buf + e->cursor + n, e->len - e->cursor - n + 1);
		e->len -= (size_t)n;
		return false;
	}
	e->cursor += (size_t)n;
	/* A combining mark joins the character before it: keep the cursor after the cluster. */
	e->cursor = text_grapheme_next(e->buf, e->len, text_grapheme_prev(e->buf, e->cursor));
	return true;
}

static void cut(struct edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
}

void edit_backspace(struct edit *e)
{
	if (e->cursor > 0)
		cut(e, text_grapheme_prev(e->buf, e->cursor), e->cursor);
}

void edit_delete(struct edit *e)
{
	if (e->cursor < e->len)
		cut(e, e->cursor, text_grapheme_next(e->buf, e->len, e->cursor));
}

void edit_left(struct edit *e)
{
	e->cursor = text_grapheme_prev(e->buf, e->cursor);
}

void edit_right(struct edit *e)
{
	e->cursor = text_grapheme_next(e->buf, e->len, e->cursor);
}

void edit_home(struct edit *e)
{
	e->cursor = 0;
}

void edit_end(struct edit *e)
{
	e->cursor = e->len;
}

size_t edit_cursor_col(const struct edit *e)
{
	return text_width_n(e->buf, e->cursor);
}
