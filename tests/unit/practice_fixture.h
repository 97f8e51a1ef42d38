/* Builds practice screens by hand for the unit tests, so that they depend on the practice
 * model alone, not on the lesson parser.  Included by test_practice.c and
 * test_practice_keys.c (after cmocka.h). */
#ifndef KIOSK_TEST_PRACTICE_FIXTURE_H
#define KIOSK_TEST_PRACTICE_FIXTURE_H

#include "practice.h"
#include "util.h"

/* ---- building practices by hand ---- */

static struct practice *new_practice(void)
{
	struct practice *p = xcalloc(1, sizeof *p);

	p->title = xstrdup("Аптека Здраве · apteka-zdrave.example");
	p->widgets = xcalloc(16, sizeof *p->widgets);
	return p;
}

static size_t add(struct practice *p, enum widget_kind kind, const char *label)
{
	struct widget *w = &p->widgets[p->count];

	assert_true(p->count < 16);
	w->kind = kind;
	w->label = xstrdup(label);
	w->line = (int)p->count + 1;
	w->must = PRACTICE_NONE;
	return p->count++;
}

static char **strings(size_t n, const char *const *v)
{
	char **out = xmalloc(n * sizeof *out);

	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

static size_t add_accept(struct practice *p, const char *label, size_t n,
                         const char *const *accept)
{
	size_t i = add(p, WIDGET_FIELD, label);

	p->widgets[i].rule = RULE_ACCEPT;
	p->widgets[i].accept = strings(n, accept);
	p->widgets[i].accept_count = n;
	return i;
}

static size_t add_field(struct practice *p, const char *label, enum field_rule rule,
                        int digits, const char *value)
{
	size_t i = add(p, WIDGET_FIELD, label);

	p->widgets[i].rule = rule;
	p->widgets[i].digits = digits;
	p->widgets[i].value = value ? xstrdup(value) : NULL;
	return i;
}

static size_t add_check(struct practice *p, const char *label, enum check_rule rule)
{
	size_t i = add(p, WIDGET_CHECK, label);

	p->widgets[i].check = rule;
	return i;
}

static size_t add_items(struct practice *p, enum widget_kind kind, const char *label,
                        size_t n, const char *const *items, size_t must)
{
	size_t i = add(p, kind, label);

	p->widgets[i].items = strings(n, items);
	p->widgets[i].item_count = n;
	p->widgets[i].must = must;
	return i;
}

static size_t add_button(struct practice *p, const char *label, bool expected)
{
	size_t i = add(p, WIDGET_BUTTON, label);

	p->widgets[i].expected = expected;
	return i;
}

#endif
