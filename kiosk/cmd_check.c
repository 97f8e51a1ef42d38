/* cmd_check: kiosk check-lessons [DIR]: every problem in the lesson files as FILE:LINE. */
#include <stdio.h>
#include <stdlib.h>

#include "catalog.h"
#include "cmd.h"
#include "i18n.h"

int cmd_check_lessons(int argc, char **argv)
{
	char *dir = argc > 1 ? NULL : cmd_default_lessons();
	struct catalog c = { 0 };
	struct diags d = { 0 };
	int loaded, status;
	size_t lessons = 0;

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
	diags_free(&d);
	catalog_free(&c);
	free(dir);
	return status;
}
