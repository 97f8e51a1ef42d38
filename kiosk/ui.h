/* ui: the terminal.  Owns curses set-up and teardown, colours, key decoding, the "window too
 * small" screen, the shared drawing helpers (header, footer, wrapped text, menus), and the one
 * event loop that dispatches to the screens.  Each screen (ui_welcome.c, ui_learner.c,
 * ui_lessons.c, ui_lesson.c) fills a struct screen; screens draw and read keys and call the
 * model (store, catalog, lesson, answer); the model never draws. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "edit.h"
#include "store.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24
/* Exit status of a kiosk left for maintenance (kiosk@.service then shows a login prompt). */
#define KIOSK_EXIT_MAINTENANCE 3

enum ui_keycode {
	UK_NONE,      /* nothing happened (a timeout tick) */
	UK_CHAR,      /* ch holds a printable code point */
	UK_ENTER, UK_ESC, UK_TAB, UK_BACKTAB,
	UK_UP, UK_DOWN, UK_LEFT, UK_RIGHT, UK_HOME, UK_END, UK_PGUP, UK_PGDN,
	UK_BACKSPACE, UK_DELETE,
	UK_F1, UK_F2, UK_F3, UK_F4, UK_F5, UK_F6, UK_F7, UK_F8, UK_F9, UK_F10, UK_F11, UK_F12,
	UK_RESIZE,
	UK_OTHER,     /* a key the kiosk does not use */
};

struct ui_key {
	enum ui_keycode code;
	uint32_t ch;  /* UK_CHAR only */
};

enum screen_id {
	SCREEN_WELCOME,   /* choose the language */
	SCREEN_LEARNER,   /* who are you */
	SCREEN_LESSONS,   /* the lesson list */
	SCREEN_LESSON,    /* one step at a time */
	SCREEN_FINISH,    /* congratulations */
	SCREEN_PIN,       /* trainer: enter the PIN */
	SCREEN_TRAINER,   /* trainer: the menu */
	SCREEN_TRAINER_LEARNERS,  /* trainer: all learners */
	SCREEN_TRAINER_LEARNER,   /* trainer: one learner's actions */
	SCREEN_TRAINER_REPORT,    /* trainer: the lessons report */
	SCREEN_COUNT,
	SCREEN_QUIT = SCREEN_COUNT,
};

/* What the learner's sitting needs; one per process, reset for each new person. */
struct app {
	struct store *store;
	const struct catalog *catalog;
	const char *fixed_set;      /* --lang: skip the welcome screen; NULL otherwise */
	bool kiosk_mode;            /* Ctrl-C and friends do not leave */
	int idle_timeout;           /* seconds without a key before the session ends; 0: never */

	const struct lesson_set *set;  /* chosen language, NULL on the welcome screen */
	int64_t learner;            /* 0 until the learner says who they are */
	char *learner_name;
	int64_t session;            /* 0 outside a session */
	const struct lesson *lesson;   /* open lesson */
	size_t step;                /* index of the step on screen */

	const char *db_path;        /* shown to trainers when no PIN is set */
	enum screen_id trainer_return;  /* where "back" from the trainer menu goes */
	int64_t trainer_learner;    /* the learner a trainer is looking after */

	int maintenance_minutes;    /* >0 under kiosk@.service: leaving gives a login prompt */
	int exit_status;            /* the process's exit status once the kiosk quits */

	enum screen_id screen, next;
	char *error;                /* a store failure to show on the current screen, or NULL */
};

struct screen {
	void (*enter)(struct app *a);  /* when the screen becomes current */
	void (*draw)(struct app *a);   /* on a cleared screen of at least 80x24 */
	void (*key)(struct app *a, const struct ui_key *k);
};

extern const struct screen ui_welcome_screen, ui_learner_screen, ui_lessons_screen,
	ui_lesson_screen, ui_finish_screen, ui_pin_screen, ui_trainer_screen,
	ui_trainer_learners_screen, ui_trainer_learner_screen, ui_report_screen;

/* The trainer menu opens with F11 then F12 (within TRAINER_KEYS_SECONDS), from any screen;
 * it is deliberately not named in the learners' footers. */
#define TRAINER_KEYS_SECONDS 3

/* Starts curses; kiosk_mode takes Ctrl-C, Ctrl-Z and Ctrl-\ as plain keys. */
void ui_init(bool kiosk_mode);
/* Restores the terminal; safe to call twice and from die(). */
void ui_end(void);
/* Runs the screens until one asks for SCREEN_QUIT or a terminating signal arrives. */
void ui_run(struct app *a);

/* Draws the current screen now (for animations such as "show me"). */
void ui_redraw(struct app *a);

/* Session bookkeeping shared by screens (ui.c). */
void ui_go(struct app *a, enum screen_id next);
void ui_end_session(struct app *a);      /* ends the sitting, back to the welcome screen */
void ui_set_error(struct app *a, const char *msg);
bool ui_is_trainer_screen(enum screen_id s);
/* Leaves the kiosk (the trainer menu, or anyone while no PIN is set): audited as "leave". */
void ui_leave_kiosk(struct app *a);
/* Monotonic seconds, for timeouts and waits. */
double ui_now(void);
/* Ends the learner's session without leaving the current screen (trainer actions). */
void ui_close_session(struct app *a);

/* Drawing helpers.  Rows and columns are screen coordinates. */
int ui_rows(void);
int ui_cols(void);
void ui_header(const char *title, const char *right);
void ui_footer(const char *keys);             /* the bottom row: names the keys */
/* Wraps text at width from (row, col); draws at most max_rows rows; returns rows used. */
int ui_text(int row, int col, int width, int max_rows, const char *text, int attr);
void ui_text_center(int row, const char *text, int attr);
/* A numbered menu: items[i] drawn as "  N. item" (N = i + 1), the selected one highlighted;
 * long lists scroll so that the selection stays visible.  Returns rows used. */
int ui_menu(int row, int max_rows, const char *const *items, size_t count, size_t selected,
            bool numbered);
/* The same with a second, plain row under each item (details[i]). */
int ui_menu_details(int row, int max_rows, const char *const *items,
                    const char *const *details, size_t count, size_t selected, bool numbered);
/* A field of width cols at col showing e with its cursor, bracketed at col - 2 and
 * col + cols + 1. */
void ui_field(int row, int col, int cols, const struct edit *e);
void ui_progress_bar(int row, int col, int width, size_t done, size_t total);
/* Shows the hardware cursor at the field (or hides it when row < 0). */
void ui_cursor(int row, int col);

/* Left edge of a lesson's text block: as wide as at 80 columns and centred when the window is
 * wider, so a step looks the way check-lessons measured it (ui_lesson.c). */
int lesson_left(void);

/* Attributes for ui_text and friends (defined in ui.c, valid after ui_init). */
enum ui_style { UI_NORMAL, UI_TITLE, UI_SELECTED, UI_WRONG, UI_RIGHT, UI_HINT, UI_DIM };
int ui_attr(enum ui_style s);

/* Moves a menu selection for Up/Down/Home/End/PgUp/PgDn; returns true when k was such a key. */
bool ui_menu_key(const struct ui_key *k, size_t *selected, size_t count);
/* Digit 1..count picks that item: returns its index, or -1. */
int ui_digit(const struct ui_key *k, size_t count);
/* Feeds editing keys and typed characters to a field; true when k was consumed. */
bool ui_edit_key(struct edit *e, const struct ui_key *k);

#endif
