/* run: see run.h. */
#include "run.h"

bool run_begins(const struct run_mark *m, int64_t reset_id)
{
	return !m->any || m->complete || m->reset_id != reset_id;
}

void run_note(struct run_mark *m, bool complete, int64_t reset_id)
{
	m->any = true;
	m->complete = complete;
	m->reset_id = reset_id;
}

bool run_over(const struct run_mark *m)
{
	return m->any && m->complete;
}
