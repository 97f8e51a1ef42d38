/* paths: see paths.h.  The install folders arrive from the Makefile in build/paths.h, a file
 * rewritten only when they change, so `make install PREFIX=...` recompiles just this file. */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths_config.h"
#include "util.h"

bool paths_installed(void)
{
	char *dir = exe_dir();
	char *bindir = realpath(PATHS_BINDIR, NULL);
	bool installed = dir && bindir && strcmp(dir, bindir) == 0;

	free(dir);
	free(bindir);
	return installed;
}

/* rel beside the executable, for the build tree; rel itself when /proc is missing. */
static char *beside_exe(const char *rel)
{
	char *dir = exe_dir();
	char *path = dir ? xasprintf("%s/%s", dir, rel) : xstrdup(rel);
	char *clean = realpath(path, NULL);  /* build/../lessons reads badly in messages */

	free(dir);
	if (!clean)
		return path;
	free(path);
	return clean;
}

char *paths_lessons(void)
{
	return paths_installed() ? xstrdup(PATHS_LESSONSDIR) : beside_exe("../lessons");
}

char *paths_localedir(void)
{
	return paths_installed() ? xstrdup(PATHS_LOCALEDIR) : beside_exe("locale");
}

const char *paths_system_db(void)
{
	return paths_installed() && *PATHS_SYSTEM_DB ? PATHS_SYSTEM_DB : NULL;
}
