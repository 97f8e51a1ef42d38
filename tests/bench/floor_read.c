/* The floor of `kiosk check-lessons DIR` as a whole process (make bench): read_lessons.h and
 * nothing else.  Linked with libunistring only, so that its start-up is what a small C
 * program's is, not the kiosk's (ncursesw).  Exits 1 when nothing valid was read. */
#include "read_lessons.h"

int main(int argc, char **argv)
{
	return read_lessons(argc > 1 ? argv[1] : "lessons") > 0 ? 0 : 1;
}
