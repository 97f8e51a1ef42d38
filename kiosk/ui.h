/* ui: the terminal.  Owns curses set-up and teardown, colours, key decoding, the "window too
 * small" screen, the shared drawing helpers (header, footer, wrapped text, menus), key tables
 * (struct ui_binding: one table both dispatches a screen's keys and writes its footer), and the
 * one event loop that dispatches to the screens and ticks their animations.  Each screen
 * (ui_welcome.c, ui_learner.c, ui_lessons.c, ui_lesson.c, ui_finish.c, ui_goodbye.c and the
 * trainer's) fills a struct screen and keeps its state in a struct made in enter and freed in
 * leave; screens draw and read keys and call the model (store, catalog, lesson, practice_keys,
 * session); the model never draws. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "edit.h"
#include "session.h"
#include "speech.h"
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
	SCREEN_GOODBYE,   /* "Goodbye, Maria! Your progress is saved." after F10 */
	SCREEN_PIN,       /* trainer: enter the PIN */
	SCREEN_TRAINER,   /* trainer: the menu */
	SCREEN_TRAINER_LEARNERS,  /* trainer: all learners */
	SCREEN_TRAINER_LEARNER,   /* trainer: one learner's actions */
	SCREEN_TRAINER_REPORT,    /* trainer: the lessons report */
	SCREEN_COUNT,
	SCREEN_QUIT = SCREEN_COUNT,
};

/* The kiosk's looks: the normal colours, a high-contrast theme for weak eyes (no grey, no
 * colour-only signals) and plain monochrome for terminals without colours. */
enum ui_theme { UI_THEME_NORMAL, UI_THEME_CONTRAST, UI_THEME_MONO, UI_THEME_COUNT };

/* What F4, F5 or F6 just did on a learner's screen (not in the help), or what Esc on the
 * lesson list did, for the note that says so until the next key (ui_access.c). */
enum ui_access_note {
	UI_NOTE_NONE,
	UI_NOTE_READ_ON,       /* F4: every step is read aloud now */
	UI_NOTE_READ_OFF,      /* F4: no longer */
	UI_NOTE_NO_SOUND,      /* F4: on, but nothing can be heard on this computer */
	UI_NOTE_CONTRAST_ON,   /* F5: high contrast */
	UI_NOTE_CONTRAST_OFF,  /* F5: the usual colours again */
	UI_NOTE_LESSON_LEFT,   /* F6: back at the list, the lesson saved where it was */
	UI_NOTE_LIST_LEFT,     /* Esc on the lesson list: the session ended, all is saved; names
	                        * the learner (note_name) on the name screen */
};

/* What the learner's sitting needs; one per process, reset for each new person. */
struct app {
	struct store *store;
	const struct catalog *catalog;
	const char *fixed_set;      /* --lang: skip the welcome screen; NULL otherwise */
	char last_set[64];          /* the folder of the set chosen last on this kiosk: the welcome
	                             * screen highlights it for the next person; "" at first */
	bool kiosk_mode;            /* Ctrl-C and friends do not leave */
	int idle_timeout;           /* seconds without a key before the session ends; 0: never */

	const struct lesson_set *set;  /* chosen language, NULL on the welcome screen */
	struct session sitting;     /* who is at the kiosk; id 0 outside a session */
	const struct lesson *lesson;   /* open lesson */
	size_t step;                /* index of the step on screen */
	bool lesson_finished;       /* the open lesson was just finished: the list highlights the
	                             * next one to take (ui_finish.c sets it, ui_lessons.c uses it) */

	const char *db_path;        /* shown to trainers when no PIN is set */
	enum screen_id trainer_return;  /* where "back" from the trainer menu goes */
	int64_t trainer_learner;    /* the learner a trainer is looking after */

	int maintenance_minutes;    /* >0 under kiosk@.service: leaving gives a login prompt */
	int exit_status;            /* the process's exit status once the kiosk quits */
	/* Work that waits until the first frame is on screen (main.c: reading the lessons,
	 * creating a new database), run once right after it, before any key is read.  false:
	 * the kiosk cannot go on; ui_run returns at once with exit_status set.  NULL: none. */
	bool (*after_first_frame)(struct app *a);

	enum screen_id screen, next;
	char *goodbye_name;         /* whom the goodbye screen addresses (vocative), or NULL */
	enum store_change goodbye_why;  /* the command line reset or removed the person at the
	                                 * screen: the goodbye screen says so */
	int64_t watched;            /* the learner whose audit rows are watched (store_outside_change) */
	int64_t audit_mark;         /* ... from after this audit row */
	char *error;                /* a store failure to show on the current screen, or NULL */

	/* Accessibility (ui_help.c, ui_read.c, the theme in ui.c). */
	struct speech speech;       /* the read-aloud child (F3) */
	bool speech_unheard;        /* F3 or F4 found that speech cannot be heard here: the top
	                             * row says so from then on; F3 asks again (ui_read.c) */
	const char *speech_problem; /* why speech cannot be heard here, or NULL: told to trainers */
	size_t read_part;           /* speak_in: the language part to read next, 0 when none */
	bool speech_told;           /* the trainer has seen speech_problem once */
	bool auto_read_default;     /* the kiosk's default: read every step as it opens */
	bool auto_read;             /* this learner's choice (or the default) */
	enum ui_theme theme_default;  /* the kiosk's look, set by a trainer */
	bool help_open;             /* F1: the help of the current screen covers it */
	enum ui_access_note access_note;  /* F4, F5, F6 pressed on the screen: what it did,
	                                   * shown until the next key (ui_access.c) */
	char *note_name;            /* whom UI_NOTE_LIST_LEFT addresses (vocative), or NULL: freed
	                             * with the note, so the name never outlasts it */
};

/* What a key did, as a screen's key handler reports it to the event loop. */
enum ui_result {
	UI_IGNORED,   /* the key means nothing here: the footer flashes to show the keys that do */
	UI_HANDLED,   /* done; the screen is drawn again */
	UI_LEAVE,     /* the screen asked for another one with ui_go() */
};

/* A screen's key table: the keys each binding takes, the words its footer shows and the
 * function that does it.  The footer is made from the same table that dispatches the keys, so
 * the words and what the keys do cannot drift apart (tig's keymap, htop's FunctionBar). */
#define UI_KEY(code) (1u << (code))
_Static_assert(UK_OTHER < 30, "key codes fit below UI_KEY_DIGIT and UI_KEY_TEXT");
#define UI_KEY_DIGIT (1u << 30)   /* 0..9: 1..9 pick, 0 only inside a number such as 10 */
#define UI_KEY_TEXT (1u << 31)    /* any printable character, Space included */
#define UI_KEYS_ARROWS (UI_KEY(UK_UP) | UI_KEY(UK_DOWN) | UI_KEY(UK_HOME) | UI_KEY(UK_END) | \
                        UI_KEY(UK_PGUP) | UI_KEY(UK_PGDN))
#define UI_KEYS_EDIT (UI_KEY_TEXT | UI_KEY(UK_BACKSPACE) | UI_KEY(UK_DELETE) | \
                      UI_KEY(UK_LEFT) | UI_KEY(UK_RIGHT) | UI_KEY(UK_HOME) | UI_KEY(UK_END))
#define UI_KEYS_ANY 0xffffffffu
#define UI_COUNT(array) (sizeof(array) / sizeof((array)[0]))

struct app;
struct ui_binding {
	uint32_t keys;      /* UI_KEY() bits, UI_KEY_DIGIT, UI_KEY_TEXT */
	const char *name;   /* N_(): the key as the footer names it; NULL: not in the footer */
	const char *does;   /* N_(): what it does, after "name: "; or text made translated at
	                     * draw time (ui_footer_first_fit), which gettext leaves as it is */
	enum ui_result (*fn)(struct app *a, const struct ui_key *k);
};

/* Runs the first binding of b[0..n) that takes k; UI_IGNORED when none does. */
enum ui_result ui_dispatch(struct app *a, const struct ui_key *k, const struct ui_binding *b,
                           size_t n);
/* "Enter: next   Esc: back": the named bindings, translated; caller frees. */
char *ui_footer_text(const struct ui_binding *b, size_t n);
/* Copies b[0..n) into out[0..n) with binding i doing the first of texts[0..count) (translated
 * already, still the caller's; the fullest wording first, e.g. "presses "Log in"", then
 * ""Log in"") with which the footer fits in cols columns, so that its last key stays whole;
 * returns that text's index.  When none fits, out is b unchanged (the binding's own, shorter
 * words) and it returns count. */
size_t ui_footer_first_fit(const struct ui_binding *b, size_t n, size_t i,
                           const char *const *texts, size_t count, int cols,
                           struct ui_binding *out);
/* Draws that as the footer, and keeps b as the keys F1 help explains. */
void ui_footer_bindings(const struct ui_binding *b, size_t n);
/* Keeps b as the keys F1 help explains, for a screen that draws its footer itself. */
void ui_keys_shown(const struct ui_binding *b, size_t n);
/* The key table of the footer last drawn (for F1 help). */
const struct ui_binding *ui_keys_current(size_t *n);

/* A screen's life: enter (creates its state), then draw and key in turn, tick while it
 * animates, and leave (frees its state) before the next screen enters.  Only enter, draw and
 * key are required. */
struct screen {
	void (*enter)(struct app *a);  /* when the screen becomes current */
	void (*leave)(struct app *a);  /* before another screen enters, and at the end */
	void (*draw)(struct app *a);   /* on a cleared screen of at least 80x24 */
	enum ui_result (*key)(struct app *a, const struct ui_key *k);
	/* Called on every turn of the event loop; returns the milliseconds until it wants to be
	 * called again (the loop waits for a key no longer), or -1 when nothing is animating. */
	int (*tick)(struct app *a);
	/* F3: what to read aloud on this screen now, in the learner's language; caller frees.
	 * Optional: without it the help's description of the screen is read. */
	char *(*speak)(struct app *a);
	/* F3 on a screen shown in several languages at once (the welcome screen): the text to
	 * read in its i-th language, that language's code in *lang, NULL after the last; each
	 * is read in its own voice, one after the other.  Optional; wins over speak. */
	char *(*speak_in)(struct app *a, size_t i, const char **lang);
	/* A screen shown in several languages at once (the welcome screen): the code of its
	 * i-th language ("bg"), NULL after the last.  F1 help is then shown, and read aloud, in
	 * each of them, one after the other.  Optional: without it, the current language. */
	const char *(*language_at)(const struct app *a, size_t i);
	/* Draws a->error itself, where its layout leaves room (the welcome screen, whose footer
	 * takes a row per language); otherwise the loop draws it above the footer. */
	bool draws_error;
	/* The screen's purpose for F1 help (N_() text); required. */
	const char *purpose;
};

extern const struct screen ui_welcome_screen, ui_learner_screen, ui_lessons_screen,
	ui_lesson_screen, ui_finish_screen, ui_pin_screen, ui_trainer_screen,
	ui_trainer_learners_screen, ui_trainer_learner_screen, ui_report_screen,
	ui_goodbye_screen;

/* The trainer menu opens with F11 then F12 (within TRAINER_KEYS_SECONDS), from any screen;
 * it is deliberately not named in the learners' footers. */
#define TRAINER_KEYS_SECONDS 3

/* The screen behind an id (for help and reading aloud). */
const struct screen *ui_screen_of(enum screen_id s);

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
/* UI_LEAVE when a screen change is pending, else UI_HANDLED: for handlers that call ui_go()
 * or ui_end_session() deep inside. */
enum ui_result ui_result_of(const struct app *a);
void ui_end_session(struct app *a);      /* ends the sitting, back to the welcome screen */
/* F10: ends the sitting with a goodbye that names the learner, then the welcome screen. */
void ui_say_goodbye(struct app *a);
void ui_set_error(struct app *a, const char *msg);
/* The same with msgid (a printf format, marked N_() and translated here) in the learner's
 * language, or, on a screen shown in several languages (language_at: the welcome screen), in
 * each of them, a paragraph apiece: a sentence in one language alone there leaves the others'
 * speakers out (novice tests). */
void ui_set_error_in_each(struct app *a, const char *msgid, ...);
bool ui_is_trainer_screen(enum screen_id s);
/* Leaves the kiosk (the trainer menu, or anyone while no PIN is set): audited as "leave". */
void ui_leave_kiosk(struct app *a);
/* Monotonic seconds, for timeouts and waits. */
double ui_now(void);
/* Ends the learner's session without leaving the current screen (trainer actions). */
void ui_close_session(struct app *a);

/* The look: sets the theme now (colours are set up again). */
void ui_set_theme(enum ui_theme t);
enum ui_theme ui_theme(void);
/* "normal", "contrast", "mono" and back; -1 for an unknown name. */
const char *ui_theme_name(enum ui_theme t);
int ui_theme_parse(const char *name);

/* Accessibility keys, handled by the event loop before the screen's own (ui_help.c and
 * ui_read.c).  F1 opens and closes the help; F3 starts and stops reading aloud. */
void ui_help_draw(struct app *a);
/* What F3 reads while the help is open: the screen's purpose and its keys; caller frees. */
char *ui_help_text(struct app *a);
/* The same in the screen's i-th language (language_at), that language's code in *lang, NULL
 * after the last; a screen in one language has one part, in the current language (*lang
 * NULL).  Caller frees. */
char *ui_help_text_in(struct app *a, size_t i, const char **lang);
/* A key while the help is open: true when it closed it (Esc, F1). */
bool ui_help_key(struct app *a, const struct ui_key *k);
/* What the top row says about reading aloud, so that F3 always visibly does something. */
enum ui_speech_sign {
	UI_SPEECH_IDLE,     /* "F3: read aloud" */
	UI_SPEECH_READING,  /* "Reading aloud… F3: stop" (F1 left out for the time) while the
	                     * speech child runs */
	UI_SPEECH_UNHEARD,  /* "F3: no sound here": F3 or F4 found that nothing can be heard
	                     * (no engine, no sound device); kept until F3 finds sound */
	UI_SPEECH_SIGNS,
};
/* The words of the top row's keys, translated (ui_global_keys_words) or joined across
 * languages (the welcome screen's "помощ / довідка"). */
struct ui_global_words {
	const char *help, *aloud, *reading, *stop, *unheard;
};
/* "F1: help  F3: read aloud" in the current language, or with the sign's words; caller
 * frees. */
char *ui_global_keys_text(enum ui_speech_sign sign);
/* The same from words already translated; caller frees. */
char *ui_global_keys_compose(const struct ui_global_words *w, enum ui_speech_sign sign);
/* The words in the current language (gettext's strings: not freed). */
struct ui_global_words ui_global_keys_words(void);
/* The sign as the current frame began to be drawn (ui.c). */
enum ui_speech_sign ui_speech_sign(void);
/* Whether speech cannot be heard here (no engine, no sound device), asked now; the answer
 * is kept in a->speech_unheard for the top row. */
bool ui_read_unheard(struct app *a);
/* F3: reads the current screen aloud, or stops when it is already reading. */
void ui_read_toggle(struct app *a);
/* Starts the next language part of what F3 is reading when the last one has ended. */
void ui_read_next(struct app *a);
/* Reads the current screen aloud (auto-read of a step). */
void ui_read_now(struct app *a);
/* Stops speech at once (any key, leaving a screen, the idle timeout, the end). */
void ui_read_stop(struct app *a);
/* Applies the kiosk's look and auto-read, then the learner's own when one is at the kiosk. */
void ui_access_load(struct app *a);
/* Learner's choice from the help page: F4 auto-read on/off, F5 the high-contrast look. */
void ui_access_toggle_auto_read(struct app *a);
void ui_access_toggle_theme(struct app *a);
/* Whether code (F4, F5, F6) is the learner's choice on the current screen: a learner's screen
 * (F6: a lesson step) whose key table on screen does not take it itself.  The help lists
 * only these.  ui_access.c. */
bool ui_access_offered(const struct app *a, enum ui_keycode code);
/* F4, F5 or F6 on a learner's screen or in its help: does what the help says and returns the
 * note saying what it did; UI_NOTE_NONE when k is not offered here (ui_access_offered). */
enum ui_access_note ui_access_key(struct app *a, const struct ui_key *k);
/* The note's words in the current language (gettext's: not freed); NULL for UI_NOTE_NONE and
 * for UI_NOTE_LIST_LEFT, whose words name the learner (ui_access_note_say). */
const char *ui_access_note_text(enum ui_access_note n);
/* The note of a as shown and read aloud, with the learner's name where it has one; NULL when
 * there is none.  Caller frees. */
char *ui_access_note_say(const struct app *a);
/* Esc on the lesson list, after the session has ended: the name screen says that all is
 * saved and how to go on, addressing whom (vocative; a takes it, NULL: no note). */
void ui_access_note_list_left(struct app *a, char *whom);
/* Takes the note away with its name (the next key, the end of a session). */
void ui_access_note_clear(struct app *a);
/* Draws a->access_note, if any, wrapped at width from (row, col) in at most max_rows rows, in
 * the hint's style; returns the rows used (0 when there is none, or when a->error is shown
 * instead).  Each learner's screen calls it where it shows its own notes. */
int ui_access_note_draw(const struct app *a, int row, int col, int width, int max_rows);
/* Lesson screen: reads a step aloud as it opens when the learner asked for it. */
void ui_read_step_opened(struct app *a);

/* Drawing helpers.  Rows and columns are screen coordinates. */
int ui_rows(void);
int ui_cols(void);
/* The top row: title at the left, right (the learner's name) at the right; whichever does
 * not fit ends in "…" at a word, never cut silently. */
void ui_header(const char *title, const char *right);
/* The same with keys at the top right instead of ui_global_keys_text (the welcome screen's,
 * in every language). */
void ui_header_keys(const char *title, const char *right, const char *keys);
/* s cut to cols columns with "…" when it is wider; caller frees. */
char *ui_ellipsize(const char *s, int cols);
void ui_footer(const char *keys);             /* the bottom row: names the keys */
void ui_footer_row(int row, const char *keys);  /* the same style on another row */
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
/* Whether that menu, drawn in max_rows, leaves items unseen above and below the ones shown:
 * for a note in words that the list goes on, shown only when it really does. */
void ui_menu_hidden(int max_rows, bool details, size_t count, size_t selected, bool *above,
                    bool *below);
/* A field of width cols at col showing e with its cursor, bracketed at col - 2 and
 * col + cols + 1. */
void ui_field(int row, int col, int cols, const struct edit *e);
/* The same; only a focused field shows its cursor (a reverse-video cell and the terminal's
 * cursor), so two fields on one screen never fight over it. */
void ui_field_focus(int row, int col, int cols, const struct edit *e, bool focus);
void ui_progress_bar(int row, int col, int width, size_t done, size_t total);
/* Shows the hardware cursor at the field (or hides it when row < 0). */
void ui_cursor(int row, int col);

/* Left edge of a lesson's text block: as wide as at 80 columns and centred when the window is
 * wider, so a step looks the way check-lessons measured it (ui_lesson.c). */
int lesson_left(void);

/* Attributes for ui_text and friends (defined in ui.c, valid after ui_init). */
enum ui_style { UI_NORMAL, UI_TITLE, UI_SELECTED, UI_WRONG, UI_RIGHT, UI_HINT, UI_DIM };
int ui_attr(enum ui_style s);

/* Moves a menu selection for Up/Down/Home/End/PgUp/PgDn; returns true when k was such a key.
 * A selection of count or more means none yet: Up and Down both go to the first item. */
bool ui_menu_key(const struct ui_key *k, size_t *selected, size_t count);
/* Digit 1..count picks that item: returns its index, or -1.  In a list of ten or more, digits
 * typed within 1.5 s make one number ("1", "2": item 12).  For short lists (menus, a
 * question's options, the languages), where one digit is enough; long lists (lessons,
 * learners) take numbers with ui_listnum below, which has no time limit. */
int ui_digit(const struct ui_key *k, size_t count);

/* A long list's number, typed one digit at a time with no time limit and shown as it grows
 * (ui_listnum.c; the rule is listnum.h's).  The screen keeps the struct listnum and its
 * highlight *selected, calls ui_listnum_key with every key first, binds its digits to
 * ui_listnum_digit and Backspace to ui_listnum_erase, and draws ui_listnum_draw under the
 * list.  A digit only moves the highlight: Enter acts, as the screen's own key. */
struct listnum;
/* Digit k grows the number for a list of count items and moves *selected to the item it
 * names: UI_HANDLED; UI_IGNORED (nothing changed) when k is no digit or names nothing. */
enum ui_result ui_listnum_digit(struct listnum *ln, const struct ui_key *k, size_t count,
                                size_t *selected);
/* Backspace: takes back the last digit and moves *selected to the item the shorter number
 * names (it stays when no digit is left): UI_HANDLED.  UI_IGNORED when no number is being
 * typed: a screen whose Backspace does something else (a search field) then does that. */
enum ui_result ui_listnum_erase(struct listnum *ln, size_t *selected);
/* Any key but a digit or Backspace forgets the number ("5" after an arrow is item 5).  Esc
 * while a number is typed only forgets it: true, the key is used up (the screen does no
 * more with it; a second Esc goes back as usual); false for every other key. */
bool ui_listnum_key(struct listnum *ln, const struct ui_key *k);
/* The number typed so far, in format (translated, one %s for the digits: "1_" while another
 * digit may follow, "15"), bold, wrapped at width from (row, col) in at most max_rows rows;
 * returns the rows used, 0 when no number is being typed. */
int ui_listnum_draw(const struct listnum *ln, size_t count, const char *format, int row,
                    int col, int width, int max_rows);
/* Feeds editing keys and typed characters to a field; true when k was consumed. */
bool ui_edit_key(struct edit *e, const struct ui_key *k);

#endif
