/* cmd: the command table and the defaults commands share.  See cmd.h. */
#include "cmd.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

const struct command commands[] = {
	{ "backup", cmd_backup },
	{ "check-lessons", cmd_check_lessons },
	{ "doctor", cmd_doctor },
	{ "export", cmd_export },
	{ "learners", cmd_learners },
	{ "reset", cmd_reset },
	{ "remove-learner", cmd_remove_learner },
	{ "set-trainer-pin", cmd_set_trainer_pin },
	{ "set-language", cmd_set_language },
	{ "set-name", cmd_set_name },
	{ "set-access", cmd_set_access },
	{ NULL, NULL },
};

char *cmd_default_lessons(void)
{
	const char *env = getenv("KIOSK_LESSONS");

	return env && *env ? xstrdup(env) : paths_lessons();
}

/* mkdir -p, for the default database folder only: an explicit --db must name an existing
 * folder, so that a typo is an error rather than a new, empty database somewhere. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return mkdir(path, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

char *cmd_default_db(void)
{
	const char *env = getenv("KIOSK_DB"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *dir, *db;

	if (env && *env)
		return xstrdup(env);
	/* An installed package keeps one database for the whole machine; its folder comes with
	 * the package (owned by the kiosk user), so it is never created here. */
	if (paths_system_db())
		return xstrdup(paths_system_db());
	if (xdg && *xdg)
		dir = xasprintf("%s/kiosk", xdg);
	else
		dir = xasprintf("%s/.local/share/kiosk", home && *home ? home : ".");
	if (make_dirs(dir) < 0)
		fprintf(stderr, _("kiosk: cannot create the folder %s: %s\n"), dir, strerror(errno));
	db = xasprintf("%s/kiosk.db", dir);
	free(dir);
	return db;
}
