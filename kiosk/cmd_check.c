/* cmd_check: kiosk check-lessons [DIR]: every problem in the lesson files as FILE:LINE. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"

int cmd_check_lessons(int argc, char **argv)
{
	/* The process ends right after the report: what was loaded is left to the exit, not
	 * freed piece by piece (a tenth of the command's time).  Static, so it stays reachable
	 * and leak checkers do not count it. */
	static struct catalog c;
	static struct diags d;
	char *dir = argc > 1 ? NULL : cmd_default_lessons();
	int loaded, status;
	size_t lessons = 0;

	/* The threads that parse grow their heaps a page at a time (glibc: one mprotect each,
	 * 45 of them for the bundled lessons); in steps of a megabyte instead.  Address space
	 * only: untouched pages cost no memory.  For this command alone, which ends when the
	 * files are checked. */
	(void)mallopt(M_TOP_PAD, 1 << 20);  /* a refusal only costs the time */
	catalog_free(&c);  /* a call before this one in the same process */
	diags_free(&d);
	c = (struct catalog){ 0 };
	if (argc > 2) {
		fprintf(stderr, _("Usage: kiosk check-lessons [DIR]\n"));
		free(dir);
		return 2;
	}
	loaded = catalog_load(argc > 1 ? argv[1] : dir, &c, &d);
	status = d.count > 0 || loaded < 0 ? 1 : 0;
	diags_sort(&d);
	diags_print(&d, stdout);
	for (size_t i = 0; i < c.count; i++)
		lessons += c.sets[i].count;
	if (status == 0)
		printf(ngettext("%zu lesson checked, no problems found.\n",
		                "%zu lessons checked, no problems found.\n", lessons), lessons);
	free(dir);
	return status;
}
