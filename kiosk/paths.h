/* paths: where the program finds its lessons, translations and database when no option or
 * variable names them.  Two layouts: the build tree (build/kiosk with build/locale beside it
 * and lessons/ one level up, as `make run` uses it) and an installed program (the folders given
 * to `make install`, compiled in: see the Makefile's install block).  The program is
 * "installed" when its executable lives in the compiled-in BINDIR. */
#ifndef KIOSK_PATHS_H
#define KIOSK_PATHS_H

#include <stdbool.h>

/* True when this executable runs from the compiled-in BINDIR. */
bool paths_installed(void);

/* The lessons folder: installed LESSONSDIR, else lessons/ beside the build.  Caller frees. */
char *paths_lessons(void);

/* The compiled translations: installed LOCALEDIR, else build/locale.  Caller frees. */
char *paths_localedir(void);

/* The database used when nothing names one: the compiled-in system database (the Debian
 * package sets /var/lib/kiosk/kiosk.db) for an installed program, or NULL when there is none
 * (then each user has their own, see cmd_default_db).  Static string; do not free. */
const char *paths_system_db(void);

#endif
