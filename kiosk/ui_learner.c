/* ui_learner: "Who are you?"  The learner types their name; a typed name that folds to an
 * existing one is that learner.  Earlier learners' names appear only once the person has
 * typed the first letters of their own (names that start with them), so whoever sits down
 * does not see everyone's name; Down then picks one. */
#include <stdlib.h>

#include "answer.h"
#include "curses_dl.h"
#include "i18n.h"
#include "session.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define NAME_COLS 40       /* the box on screen; longer names scroll inside it */
#define NAME_MAX_COLS 100  /* a full Ukrainian name with patronymic fits with room to spare */
#define MAX_SHOWN 50       /* names listed at most (the screen shows fewer and scrolls) */

struct learner_screen {
	struct edit name;
	struct learner *learners;
	size_t learner_count;
	size_t match[MAX_SHOWN];  /* learners whose names start with what is typed */
	size_t match_count;
	size_t selected;          /* in match[] */
	bool in_list;             /* focus: the list of names, or the field */
	bool empty_note;          /* Enter was pressed on an empty field */
};

static struct learner_screen *me;

static void find_matches(void)
{
	const char **names = xcalloc(me->learner_count + 1, sizeof *names);

	for (size_t i = 0; i < me->learner_count; i++)
		names[i] = me->learners[i].name;
	me->match_count = session_matching_names(names, me->learner_count, me->name.buf,
	                                         me->match, MAX_SHOWN);
	free(names);
	if (me->match_count == 0)
		me->in_list = false;
	if (me->selected >= me->match_count)
		me->selected = 0;
}

static void learner_enter(struct app *a)
{
	struct kerr err;

	me = xcalloc(1, sizeof *me);
	edit_init(&me->name, NAME_MAX_COLS);
	if (store_list_learners(a->store, &me->learners, &me->learner_count, &err) < 0)
		ui_set_error(a, err.msg);
}

static void learner_leave(struct app *a)
{
	if (!me)
		return;
	edit_free(&me->name);
	store_free_learners(me->learners, me->learner_count);
	free(me);
	me = NULL;
}

static void start(struct app *a, int r, const struct kerr *err)
{
	if (r < 0) {
		ui_set_error(a, err->msg);
		return;
	}
	ui_access_load(a);  /* this learner's own look and reading aloud */
	ui_go(a, SCREEN_LESSONS);
}

static enum ui_result submit_name(struct app *a, const struct ui_key *k)
{
	struct kerr err;

	if (text_is_blank(me->name.buf)) {
		me->empty_note = true;
		return UI_HANDLED;
	}
	start(a, session_start_typed(&a->sitting, a->store, a->set->name, me->name.buf, &err),
	      &err);
	return ui_result_of(a);
}

static enum ui_result pick_name(struct app *a, const struct ui_key *k)
{
	const struct learner *l = &me->learners[me->match[me->selected]];
	struct kerr err;

	start(a, session_start(&a->sitting, a->store, a->set->name, l->id, l->name, &err), &err);
	return ui_result_of(a);
}

static enum ui_result edit_name(struct app *a, const struct ui_key *k)
{
	me->in_list = false;  /* typing goes to the field wherever the focus was */
	if (!ui_edit_key(&me->name, k))
		return UI_IGNORED;
	find_matches();
	return UI_HANDLED;
}

static enum ui_result to_list(struct app *a, const struct ui_key *k)
{
	if (me->match_count == 0)
		return UI_IGNORED;
	me->in_list = true;
	me->selected = 0;
	return UI_HANDLED;
}

static enum ui_result move_in_list(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_UP && me->selected == 0) {
		me->in_list = false;  /* back to the field */
		return UI_HANDLED;
	}
	if (k->code == UK_DOWN && me->selected + 1 == me->match_count)
		return UI_IGNORED;  /* no wrap: the field is above, not below */
	return ui_menu_key(k, &me->selected, me->match_count) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result back(struct app *a, const struct ui_key *k)
{
	if (a->fixed_set) {  /* one language only: nothing to go back to, start afresh */
		edit_clear(&me->name);
		find_matches();
		return UI_HANDLED;
	}
	ui_end_session(a);
	return UI_LEAVE;
}

/* Typing in the field: the list is offered only when names match. */
static const struct ui_binding field_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("continue"), submit_name },
	{ UI_KEY(UK_DOWN), N_("Down arrow"), N_("choose your name below"), to_list },
	{ UI_KEYS_EDIT, NULL, NULL, edit_name },
	{ UI_KEY(UK_ESC) | UI_KEY(UK_F10), N_("Esc"), N_("back"), back },
};
static const struct ui_binding field_keys_no_list[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("continue"), submit_name },
	{ UI_KEYS_EDIT, NULL, NULL, edit_name },
	{ UI_KEY(UK_ESC) | UI_KEY(UK_F10), N_("Esc"), N_("back"), back },
};
static const struct ui_binding list_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("this is me"), pick_name },
	{ UI_KEYS_ARROWS, N_("Up arrow"), N_("back to typing"), move_in_list },
	{ UI_KEY_TEXT | UI_KEY(UK_BACKSPACE), NULL, NULL, edit_name },
	{ UI_KEY(UK_ESC) | UI_KEY(UK_F10), N_("Esc"), N_("back"), back },
};

static const struct ui_binding *current_keys(size_t *n)
{
	if (me->in_list) {
		*n = UI_COUNT(list_keys);
		return list_keys;
	}
	if (me->match_count > 0) {
		*n = UI_COUNT(field_keys);
		return field_keys;
	}
	*n = UI_COUNT(field_keys_no_list);
	return field_keys_no_list;
}

static void draw_matches(int row)
{
	const char **names = xcalloc(me->match_count, sizeof *names);

	for (size_t i = 0; i < me->match_count; i++)
		names[i] = me->learners[me->match[i]].name;
	row += ui_text(row, 4, ui_cols() - 8, 2,
	               _("Have you been here before? Press the Down arrow and choose your name."),
	               A_NORMAL) + 1;
	ui_menu(row, ui_rows() - row - 3, names, me->match_count,
	        me->in_list ? me->selected : (size_t)-1, false);
	free(names);
}

/* A returning learner whose keyboard was left on Latin letters would become a new, empty
 * learner without a word: say so while they type.  Returns the rows it took beyond one. */
static int latin_note(int row, int w)
{
	int used = ui_text(row, 4, w, 2,
	                   _("These letters are Latin. If your name is written in Cyrillic, ask "
	                     "the trainer to switch the keyboard."), ui_attr(UI_HINT));

	return used > 1 ? used - 1 : 0;
}

static void learner_draw(struct app *a)
{
	int row = 3, w = ui_cols() - 8, used;
	const struct ui_binding *keys;
	size_t n;

	ui_header(_("Digital skills"), a->set->title);
	row += ui_text(row, 4, w, 2, _("Who are you? Type your name and press Enter."),
	               A_BOLD) + 1;
	ui_field_focus(row, 4, NAME_COLS, &me->name, !me->in_list);
	row += 2;
	row += ui_text(row, 4, w, 3,
	               _("Small letters are fine. To fix a mistake, press Backspace: the long key "
	                 "at the top right, with an arrow pointing left."), A_NORMAL);
	row++;
	/* F4, F5 just pressed, or Esc on the list: for this key.  Three rows: the note after Esc
	 * holds the learner's name, of up to 100 columns. */
	used = ui_access_note_draw(a, row, 4, w, 3);
	if (used)
		row += used - 1;
	else if (me->empty_note)
		ui_text(row, 4, w, 1, _("Please type your name first."), ui_attr(UI_HINT));
	else if (answer_has_latin_letters(me->name.buf))
		row += latin_note(row, w);
	row += 2;
	if (me->match_count > 0)
		draw_matches(row);
	keys = current_keys(&n);
	ui_footer_bindings(keys, n);
}

static enum ui_result learner_key(struct app *a, const struct ui_key *k)
{
	const struct ui_binding *keys;
	size_t n;

	me->empty_note = false;
	keys = current_keys(&n);
	return ui_dispatch(a, k, keys, n);
}

const struct screen ui_learner_screen = {
	.enter = learner_enter, .leave = learner_leave, .draw = learner_draw, .key = learner_key,
	.purpose = N_("Here you tell the kiosk who you are: type your name, or choose it from the list, so that it remembers how far you got."),
};
