/* The floor of the kiosk's start-up (make bench): the least a program must do to show the
 * kiosk's welcome screen: choose a UTF-8 locale, start curses, draw the same Cyrillic lines
 * in the same places and colours, and wait for a key. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

int main(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	start_color();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	init_pair(2, COLOR_BLACK, COLOR_YELLOW);
	attron(COLOR_PAIR(1) | A_BOLD);
	mvhline(0, 0, ' ', COLS);
	attroff(COLOR_PAIR(1) | A_BOLD);
	attron(A_BOLD);
	mvaddstr(3, 34, "Добре дошли!");
	mvaddstr(4, 32, "Ласкаво просимо!");
	attroff(A_BOLD);
	mvaddstr(6, 17, "Натиснете цифрата пред Вашия език и после натиснете Enter.");
	mvaddstr(7, 20, "Натисніть цифру Вашої мови, потім Enter.");
	mvaddstr(10, 2, "> ");
	attron(COLOR_PAIR(2) | A_BOLD);
	addstr(" 1. Български ");
	attroff(COLOR_PAIR(2) | A_BOLD);
	mvaddstr(11, 4, " 2. Українська ");
	attron(COLOR_PAIR(1));
	mvhline(22, 0, ' ', COLS);
	mvaddstr(22, 2, "Цифра або стрілки, потім Enter: вибрати");
	mvhline(23, 0, ' ', COLS);
	mvaddstr(23, 2, "Цифра или стрелки, после Enter: избор");
	attroff(COLOR_PAIR(1));
	refresh();
	getch();
	endwin();
	return 0;
}
