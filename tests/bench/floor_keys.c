/* The floor of a key's CPU cost (make bench): the least a curses program must do for the
 * kiosk's two commonest keys on an 80x24 Cyrillic screen drawn like the kiosk's.
 *   floor_keys list    a list of 16 lessons: Up and Down move the highlight (the two lines
 *                      that change are drawn again)
 *   floor_keys field   a text field: a letter is added, Backspace takes it away */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

#define LESSONS 16

static void lesson_line(int i, bool sel)
{
	if (sel)
		attron(A_REVERSE);
	mvprintw(3 + i, 2, "%2d. Урок %-2d: поръчка на лекарство в аптеката   не е започнат ", i + 1,
	         i + 1);
	if (sel)
		attroff(A_REVERSE);
}

static void frame(void)
{
	attron(A_BOLD);
	mvaddstr(0, 2, "Здравейте, Мария!  Изберете урок.");
	attroff(A_BOLD);
	mvaddstr(23, 2, "Стрелки: изберете урок   Enter: започнете   F10: край");
}

int main(int argc, char **argv)
{
	bool list = argc < 2 || strcmp(argv[1], "field") != 0;
	int sel = 0, len = 0;
	wint_t ch;

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	frame();
	if (list)
		for (int i = 0; i < LESSONS; i++)
			lesson_line(i, i == sel);
	else
		mvaddstr(5, 2, "Търсене: [                              ]");
	refresh();
	for (;;) {
		int r = get_wch(&ch);

		if (r == ERR || (r == OK && ch == 'q'))
			break;
		if (list && r == KEY_CODE_YES && (ch == KEY_DOWN || ch == KEY_UP)) {
			int next = ch == KEY_DOWN ? (sel + 1) % LESSONS : (sel + LESSONS - 1) % LESSONS;

			lesson_line(sel, false);
			lesson_line(next, true);
			sel = next;
		} else if (!list && r == KEY_CODE_YES && ch == KEY_BACKSPACE && len > 0) {
			mvaddch(5, 12 + --len, ' ');
			move(5, 12 + len);
		} else if (!list && r == OK && ch != 127 && ch != 8) {
			wchar_t w[2] = { (wchar_t)ch, 0 };

			mvaddwstr(5, 12 + len++, w);
		} else if (!list && r == OK && len > 0) {
			mvaddch(5, 12 + --len, ' ');
			move(5, 12 + len);
		}
		refresh();
	}
	endwin();
	return 0;
}
