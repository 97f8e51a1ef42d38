/* ui_learner: "Who are you?"  The learner types a new name or picks theirs from this
 * kiosk's learners; a typed name that folds to an existing one is that learner. */
#include <curses.h>
#include <stdlib.h>

#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "util.h"

#define NAME_COLS 40

static struct edit name;
static bool name_ready;
static struct learner *learners;
static size_t learner_count;
static size_t selected;
static bool in_list;      /* focus: the list of names, or the field */
static bool empty_note;   /* Enter was pressed on an empty field */

static void forget_learners(void)
{
	store_free_learners(learners, learner_count);
	learners = NULL;
	learner_count = 0;
}

static void learner_enter(struct app *a)
{
	struct kerr err;

	if (!name_ready) {
		edit_init(&name, NAME_COLS - 1);
		name_ready = true;
	}
	edit_clear(&name);
	forget_learners();
	if (store_list_learners(a->store, &learners, &learner_count, &err) < 0)
		ui_set_error(a, err.msg);
	selected = 0;
	in_list = false;
	empty_note = false;
}

static void learner_draw(struct app *a)
{
	int row = 3;

	ui_header(_("Digital skills"), a->set->title);
	row += ui_text(row, 4, ui_cols() - 8, 2, _("Who are you? Type your name and press Enter."),
	               A_BOLD) + 1;
	ui_field(row, 4, NAME_COLS, &name);
	if (in_list)
		ui_cursor(-1, 0);
	row += 2;
	if (empty_note)
		ui_text(row, 4, ui_cols() - 8, 1, _("Please type your name first."),
		        ui_attr(UI_HINT));
	row += 2;
	if (learner_count > 0) {
		const char **names = xcalloc(learner_count, sizeof *names);

		for (size_t i = 0; i < learner_count; i++)
			names[i] = learners[i].name;
		row += ui_text(row, 4, ui_cols() - 8, 1,
		               _("Have you been here before? Press the Down arrow and choose your name."),
		               A_NORMAL) + 1;
		ui_menu(row, ui_rows() - row - 3, names, learner_count,
		        in_list ? selected : (size_t)-1, false);
		free(names);
	}
	ui_footer(learner_count > 0 ? _("Enter: continue   Down/Up: choose a name   Esc: back")
	                            : _("Enter: continue   Esc: back"));
}

static void start_session(struct app *a, int64_t id, const char *who)
{
	struct kerr err;

	if (store_begin_session(a->store, id, a->set->name, &a->session, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	a->learner = id;
	free(a->learner_name);
	a->learner_name = xstrdup(who);
	ui_go(a, SCREEN_LESSONS);
}

static void submit_name(struct app *a)
{
	struct kerr err;
	bool created;
	int64_t id;

	if (text_is_blank(name.buf)) {
		empty_note = true;
		return;
	}
	if (store_find_or_add_learner(a->store, name.buf, &id, &created, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	start_session(a, id, name.buf);
}

static void list_key(struct app *a, const struct ui_key *k)
{
	if (k->code == UK_ENTER) {
		start_session(a, learners[selected].id, learners[selected].name);
	} else if (k->code == UK_UP && selected == 0) {
		in_list = false;
	} else if (k->code == UK_CHAR || k->code == UK_BACKSPACE) {
		in_list = false;  /* typing goes to the field wherever the focus was */
		ui_edit_key(&name, k);
	} else {
		ui_menu_key(k, &selected, learner_count);
	}
}

static void learner_key(struct app *a, const struct ui_key *k)
{
	empty_note = false;
	if (k->code == UK_F10 || k->code == UK_ESC) {
		ui_end_session(a);
		if (k->code == UK_ESC && a->fixed_set)
			ui_go(a, SCREEN_LEARNER);  /* one language only: nothing to go back to */
		return;
	}
	if (in_list) {
		list_key(a, k);
	} else if (k->code == UK_ENTER) {
		submit_name(a);
	} else if (k->code == UK_DOWN && learner_count > 0) {
		in_list = true;
		selected = 0;
	} else {
		ui_edit_key(&name, k);
	}
}

const struct screen ui_learner_screen = {
	.enter = learner_enter, .draw = learner_draw, .key = learner_key,
};
