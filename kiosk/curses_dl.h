/* curses_dl: ncursesw (with its terminfo library, tinfo), loaded when the kiosk first needs
 * the terminal rather than when the program starts.  Owns the one handle on the library
 * (dlopen of CURSES_SONAME, the soname the Makefile built against), the curses functions the
 * kiosk calls (curses_dl.c DEFINES each of them, with <curses.h>'s own prototype, forwarding
 * to the library's function found with dlsym on that handle) and the library's variables
 * (stdscr, curscr, LINES, COLS, acs_map), which the macros below read where the library keeps
 * them.  Every file that uses curses includes this header instead of <curses.h>.
 *
 * Why: the command-line side of the kiosk (check-lessons, export, learners...) never draws,
 * and loading ncursesw and tinfo at every start was a tenth of a millisecond of the 3 ms
 * check-lessons takes (issue 11), as SQLite and libcrypt were memory at the first frame
 * (sqlite_dl.h).
 *
 * A function the code starts to use must be added to curses_dl.c: the kiosk does not link
 * ncursesw, so a missing one is an undefined reference when the kiosk is linked.  A file must
 * not name the library's variables but through these macros: a direct reference would make
 * the program keep a copy of the variable that the library would then use, not the one read
 * here.  Programs that also link ncursesw (the unit tests) work too: dlopen then returns the
 * loaded library.  Not thread-safe (only the kiosk's main thread draws). */
#ifndef KIOSK_CURSES_DL_H
#define KIOSK_CURSES_DL_H

#include <curses.h>

/* Loads the library if it is not loaded yet.  Returns 0, or -1 when it cannot be loaded:
 * then curses_dl_error() says why, and the functions return ERR (or NULL, or nothing).  A
 * failed load is tried again at the next call. */
int curses_dl_load(void);

/* Why the last load failed, translated: "the screen library libncursesw.so.6 cannot be loaded
 * (reason)"; "" when it did not fail.  Static storage: valid until the next call. */
const char *curses_dl_error(void);

/* Where the loaded library keeps its variables; NULL until it is loaded (nothing reads them
 * before initscr, which loads it). */
extern WINDOW **curses_dl_stdscr, **curses_dl_curscr;
extern int *curses_dl_lines, *curses_dl_cols;
extern chtype *curses_dl_acs_map;

#undef stdscr
#undef curscr
#undef LINES
#undef COLS
#undef acs_map
#define stdscr  (*curses_dl_stdscr)
#define curscr  (*curses_dl_curscr)
#define LINES   (*curses_dl_lines)
#define COLS    (*curses_dl_cols)
#define acs_map curses_dl_acs_map  /* the ACS_ line-drawing characters index it */

#endif
