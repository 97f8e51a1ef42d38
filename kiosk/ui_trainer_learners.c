/* ui_trainer_learners: the trainers' view of learners: the list with last visit and
 * progress, and one learner's page with rename, reset (one lesson or all) and remove.
 * Resets and removal are confirmed first and keep history (see store_reset).  The learners
 * list and the list of lessons to reset can be long (hundreds of learners, 16+ lessons): a
 * number there is typed one digit at a time with no time limit and shown as it grows, as
 * on the learner's lesson list (ui_listnum); a digit only moves the highlight, Enter acts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses_dl.h"
#include "i18n.h"
#include "isotime.h"
#include "listnum.h"
#include "text.h"
#include "ui.h"
#include "util.h"

/* ---- the list ---- */

/* The list's state, created in enter and freed in leave. */
struct learner_list {
	struct learner_summary *people;
	size_t people_count;
	char **folded;          /* text_fold of each name: the search ignores case, in Cyrillic too */
	struct edit query;      /* what the trainer typed to search */
	size_t *shown;          /* indexes into people of the names that match the query */
	size_t shown_count, list_selected;  /* list_selected: in shown */
	struct listnum number;  /* the learner's number typed so far, shown under the list */
};

static struct learner_list *list;

/* The footer, from the list's key table (below). */
static void list_footer(void);

/* The learners whose folded name contains the folded query: "мар" finds "Мария" and
 * "ЗАМАРИНА" alike. */
static void list_filter(void)
{
	char *q = text_fold(list->query.buf);

	list->shown_count = 0;
	for (size_t i = 0; i < list->people_count; i++)
		if (strstr(list->folded[i], q))
			list->shown[list->shown_count++] = i;
	if (list->list_selected >= list->shown_count)
		list->list_selected = 0;
	free(q);
}

static void list_enter(struct app *a)
{
	struct kerr err;

	list = xcalloc(1, sizeof *list);
	edit_init(&list->query, 40);
	if (store_learner_summaries(a->store, &list->people, &list->people_count, &err) < 0)
		ui_set_error(a, err.msg);
	list->folded = xcalloc(list->people_count + 1, sizeof *list->folded);
	list->shown = xcalloc(list->people_count + 1, sizeof *list->shown);
	for (size_t i = 0; i < list->people_count; i++)
		list->folded[i] = text_fold(list->people[i].name);
	list_filter();
	/* Back from a learner's page: on that learner again. */
	for (size_t i = 0; i < list->shown_count; i++)
		if (list->people[list->shown[i]].id == a->trainer_learner)
			list->list_selected = i;
}

static void list_leave(struct app *a)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->people_count; i++)
		free(list->folded[i]);
	free(list->folded);
	free(list->shown);
	edit_free(&list->query);
	store_free_learner_summaries(list->people, list->people_count);
	free(list);
	list = NULL;
}

/* "2026-11-23T10:15:02.123Z" (UTC, as stored) as local "2026-11-23 12:15 EET", or "never". */
static char *short_time(const char *iso)
{
	int64_t ms;
	char buf[64];

	if (!iso)
		return xstrdup(_("never"));
	if (isotime_parse(iso, false, &ms) < 0 || isotime_format_local(ms, buf, sizeof buf) < 0)
		return xstrdup(iso);
	return xstrdup(buf);
}

/* The row under a learner's name: last visit and lesson counts. */
static char *person_details(const struct learner_summary *p)
{
	char *when = short_time(p->last_seen);
	/* TRANSLATORS: under a learner's name in the trainers' list. */
	char *s = xasprintf(_("last here: %s · lessons: started %zu, completed %zu"), when,
	                    p->lessons_started, p->lessons_completed);

	free(when);
	return s;
}

static void list_draw(struct app *a)
{
	/* TRANSLATORS: under the trainers' learner list while a learner's number is typed; %s
	 * is the digits so far, such as "1_" (another digit may follow) or "12". */
	const char *typed = _("Learner number: %s   Enter opens it, Backspace erases a digit.");
	const char **names = xcalloc(list->shown_count + 1, sizeof *names);
	char **details = xcalloc(list->shown_count + 1, sizeof *details);
	int row = 3;

	ui_header(_("Learners"), NULL);
	if (list->people_count == 0) {
		ui_text(row, 4, ui_cols() - 8, 2, _("No learners yet."), A_BOLD);
		list_footer();
		free(details);
		free(names);
		return;
	}
	{
		/* TRANSLATORS: before the search field in the trainers' learner list. */
		const char *label = _("Type letters of a name to search:");
		int col = 4 + (int)text_width(label) + 3;

		ui_text(row, 4, ui_cols() - 8, 1, label, A_BOLD);
		ui_field(row, col, ui_cols() - col - 4 < 30 ? ui_cols() - col - 4 : 30, &list->query);
	}
	row += 2;
	if (list->shown_count == 0)
		ui_text(row, 4, ui_cols() - 8, 2,
		        _("No name contains these letters. Backspace deletes the last one."), A_BOLD);
	for (size_t i = 0; i < list->shown_count; i++) {
		names[i] = list->people[list->shown[i]].name;
		details[i] = person_details(&list->people[list->shown[i]]);
	}
	/* One row under the list for the number being typed (ui_listnum). */
	row += ui_menu_details(row, ui_rows() - row - 3, names, (const char *const *)details,
	                       list->shown_count, list->list_selected, true);
	ui_listnum_draw(&list->number, list->shown_count, typed, row, 4, ui_cols() - 8, 1);
	list_footer();
	for (size_t i = 0; i < list->shown_count; i++)
		free(details[i]);
	free(details);
	free(names);
}

static enum ui_result open_learner(struct app *a, size_t i)
{
	list->list_selected = i;
	a->trainer_learner = list->people[list->shown[i]].id;
	ui_go(a, SCREEN_TRAINER_LEARNER);
	return UI_LEAVE;
}

/* A digit moves the highlight, however slowly the next one comes ("1", a pause, "2": the
 * 12th); only Enter opens, so a number typed slowly never opens the wrong learner. */
static enum ui_result list_digit(struct app *a, const struct ui_key *k)
{
	return ui_listnum_digit(&list->number, k, list->shown_count, &list->list_selected);
}

static enum ui_result open_selected(struct app *a, const struct ui_key *k)
{
	return list->shown_count > 0 ? open_learner(a, list->list_selected) : UI_IGNORED;
}

static enum ui_result list_move(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &list->list_selected, list->shown_count) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result to_menu(struct app *a, const struct ui_key *k)
{
	ui_go(a, SCREEN_TRAINER);
	return UI_LEAVE;
}

/* Letters (not digits: they are a learner's number) go to the search field. */
static enum ui_result search_edit(struct app *a, const struct ui_key *k)
{
	if (!ui_edit_key(&list->query, k))
		return UI_IGNORED;
	list_filter();
	return UI_HANDLED;
}

/* Backspace takes back a digit while a number is typed (the keys just before it were
 * digits, which never reach the search), else the search's last letter. */
static enum ui_result list_erase(struct app *a, const struct ui_key *k)
{
	enum ui_result r = ui_listnum_erase(&list->number, &list->list_selected);

	return r != UI_IGNORED ? r : search_edit(a, k);
}

static const struct ui_binding list_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("open"), open_selected },
	{ UI_KEY_DIGIT, NULL, NULL, list_digit },
	{ UI_KEY(UK_BACKSPACE), NULL, NULL, list_erase },
	{ UI_KEYS_ARROWS, NULL, NULL, list_move },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back to the trainer menu"), to_menu },
	{ UI_KEYS_EDIT, NULL, NULL, search_edit },  /* the field's label says it */
};

static void list_footer(void)
{
	ui_footer_bindings(list_keys, UI_COUNT(list_keys));
}

static enum ui_result list_key(struct app *a, const struct ui_key *k)
{
	if (ui_listnum_key(&list->number, k))  /* Esc took back the number */
		return UI_HANDLED;
	return ui_dispatch(a, k, list_keys, UI_COUNT(list_keys));
}

const struct screen ui_trainer_learners_screen = {
	.enter = list_enter, .leave = list_leave, .draw = list_draw, .key = list_key,
	.purpose = N_("For trainers: every learner of this kiosk. Choose one to see what you can do for them."),
};

/* ---- one learner ---- */

enum action { ACT_RENAME, ACT_RESET_ONE, ACT_RESET_ALL, ACT_REMOVE, ACT_COUNT };

enum mode {
	MODE_MENU,
	MODE_RENAME,       /* the name field is open */
	MODE_PICK_LESSON,  /* choosing the lesson to reset */
	MODE_CONFIRM,      /* Enter confirms pending, Esc cancels */
};

/* The page's state, created in enter and freed in leave. */
struct learner_page {
	enum mode mode;
	enum action pending;
	size_t selected, lesson;
	char *name;
	char *note;
	struct edit field;
	struct listnum number;      /* MODE_PICK_LESSON: the lesson's number typed so far */
	struct progress *progress;  /* per lesson of lessons_of(a), read at enter and after a reset */
	size_t *resets;             /* times each lesson was started afresh */
};

static struct learner_page *me;

/* The footer, from the key table of the current mode (below). */
static void page_footer(void);

/* The lessons a trainer can reset: those of the language in use, else of the first set. */
static const struct lesson_set *lessons_of(const struct app *a)
{
	return a->set ? a->set : &a->catalog->sets[0];
}

static void set_note(const char *msg)
{
	free(me->note);
	me->note = msg ? xstrdup(msg) : NULL;
}

/* Where the learner is in each lesson, and how often it was started afresh. */
static void read_progress(struct app *a)
{
	const struct lesson_set *set = lessons_of(a);
	struct kerr err;

	free(me->progress);
	free(me->resets);
	me->progress = xcalloc(set->count + 1, sizeof *me->progress);
	me->resets = xcalloc(set->count + 1, sizeof *me->resets);
	if (store_progress_all(a->store, a->trainer_learner, set->lessons, set->count,
	                       me->progress, &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	for (size_t i = 0; i < set->count; i++)
		if (store_reset_count(a->store, a->trainer_learner, set->lessons[i]->id,
		                      &me->resets[i], &err) < 0) {
			ui_set_error(a, err.msg);
			return;
		}
}

static void learner_enter(struct app *a)
{
	struct kerr err;

	me = xcalloc(1, sizeof *me);
	edit_init(&me->field, 40);
	if (store_learner_name(a->store, a->trainer_learner, &me->name, &err) < 0) {
		ui_set_error(a, err.msg);
		ui_go(a, SCREEN_TRAINER_LEARNERS);
		return;
	}
	read_progress(a);
}

static void learner_leave(struct app *a)
{
	if (!me)
		return;
	edit_free(&me->field);
	free(me->name);
	free(me->note);
	free(me->progress);
	free(me->resets);
	free(me);
	me = NULL;
}

static char *confirm_text(const struct app *a)
{
	const struct lesson_set *set = lessons_of(a);

	switch (me->pending) {
	case ACT_RESET_ONE:
		return xasprintf(_("Start the lesson \"%s\" afresh for %s? Earlier answers stay in the statistics."),
		                 set->lessons[me->lesson]->title, me->name);
	case ACT_RESET_ALL:
		return xasprintf(_("Start all lessons afresh for %s? Earlier answers stay in the statistics."),
		                 me->name);
	case ACT_REMOVE:
		return xasprintf(_("Remove %s? The name is erased; the anonymous statistics stay."),
		                 me->name);
	default:
		return xstrdup("");
	}
}

static void draw_mode(const struct app *a, int row)
{
	/* TRANSLATORS: under the trainers' list of lessons to start afresh while a lesson's
	 * number is typed; %s is the digits so far, such as "1_" or "12".  Enter then asks to
	 * confirm. */
	const char *typed = _("Lesson number: %s   Enter chooses it, Backspace erases a digit.");
	const struct lesson_set *set = lessons_of(a);

	if (me->mode == MODE_RENAME) {
		ui_text(row, 4, ui_cols() - 8, 1, _("New name, then Enter:"), A_BOLD);
		ui_field(row + 1, 6, 40, &me->field);
	} else if (me->mode == MODE_PICK_LESSON) {
		char **titles = xcalloc(set->count + 1, sizeof *titles);

		for (size_t i = 0; i < set->count; i++)  /* the ID as `kiosk reset --lesson` takes it */
			titles[i] = xasprintf("%s  (%s)", set->lessons[i]->title, set->lessons[i]->id);
		ui_text(row, 4, ui_cols() - 8, 1, _("Which lesson?"), A_BOLD);
		/* One row under the list for the number being typed (ui_listnum). */
		row += 1 + ui_menu(row + 1, ui_rows() - row - 4, (const char *const *)titles,
		                   set->count, me->lesson, true);
		ui_listnum_draw(&me->number, set->count, typed, row, 4, ui_cols() - 8, 1);
		for (size_t i = 0; i < set->count; i++)
			free(titles[i]);
		free(titles);
	} else if (me->mode == MODE_CONFIRM) {
		char *q = confirm_text(a);

		row += ui_text(row, 4, ui_cols() - 8, 3, q, A_BOLD);
		free(q);
	} else if (me->note) {
		ui_text(row, 4, ui_cols() - 8, 3, me->note, ui_attr(UI_RIGHT));
	}
}

/* "basics-1  Мишката: step 3 of 6 · started afresh 1 time": the id is what
 * `kiosk reset --lesson` takes. */
static char *progress_line(const struct lesson *l, const struct progress *p, size_t resets)
{
	char *state, *line;

	if (p->status == PROGRESS_COMPLETED)
		state = xstrdup(_("completed"));
	else if (p->status == PROGRESS_STARTED)
		state = xasprintf(_("step %zu of %zu"), p->resume + 1, l->step_count);
	else
		state = xstrdup(_("not started"));
	if (resets > 0) {
		char *more = xasprintf(ngettext("%s · started afresh %zu time",
		                                "%s · started afresh %zu times", resets), state, resets);

		free(state);
		state = more;
	}
	line = xasprintf("%s  %s: %s", l->id, l->title, state);
	free(state);
	return line;
}

static void draw_progress(const struct app *a, int row)
{
	const struct lesson_set *set = lessons_of(a);
	int last = ui_rows() - 3;

	if (!me->progress || row > last)
		return;
	ui_text(row++, 4, ui_cols() - 8, 1, _("Progress (lesson ID, title, where the learner is):"),
	        A_BOLD);
	for (size_t i = 0; i < set->count && row <= last; i++) {
		char *line = progress_line(set->lessons[i], &me->progress[i], me->resets[i]);

		if (row == last && i + 1 < set->count) {  /* no room for the rest: say so */
			free(line);
			line = xasprintf(_("... and %zu more lessons"), set->count - i);
		}
		row += ui_text(row, 6, ui_cols() - 10, 1, line, A_NORMAL);
		free(line);
	}
}

static void learner_draw(struct app *a)
{
	const char *items[ACT_COUNT] = {
		_("Rename"), _("Start one lesson afresh"), _("Start all lessons afresh"),
		_("Remove this learner"),
	};
	int row = 3;

	ui_header(_("Learners"), me->name);
	row += ui_menu(row, ACT_COUNT, items, ACT_COUNT, me->selected, true) + 1;
	draw_mode(a, row);
	if (me->mode == MODE_MENU)
		draw_progress(a, row + (me->note ? 2 : 0));
	page_footer();
}

static void run_pending(struct app *a)
{
	const struct lesson_set *set = lessons_of(a);
	const char *lesson = me->pending == ACT_RESET_ONE ? set->lessons[me->lesson]->id : NULL;
	struct kerr err;
	size_t answers = 0;
	char *msg;

	me->mode = MODE_MENU;
	if (me->pending == ACT_REMOVE) {
		if (store_remove_learner(a->store, a->trainer_learner, STORE_SOURCE_MENU, &err) < 0) {
			ui_set_error(a, err.msg);
			return;
		}
		if (a->sitting.learner == a->trainer_learner) {  /* the person at the kiosk: end it */
			ui_close_session(a);
			a->trainer_return = a->fixed_set ? SCREEN_LEARNER : SCREEN_WELCOME;
		}
		ui_go(a, SCREEN_TRAINER_LEARNERS);
		return;
	}
	if (store_reset(a->store, a->trainer_learner, lesson, STORE_SOURCE_MENU, &answers,
	                &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	/* What was started afresh, and for whom: "Done: 18 answers kept" alone left a trainer
	 * unsure whether one lesson or all had gone (trainer test r19). */
	if (!answers)
		msg = xstrdup(_("There was nothing to start afresh."));
	else if (lesson)
		/* TRANSLATORS: the first %s is a lesson's title, the second the learner's name. */
		msg = xasprintf(ngettext("Done: \"%s\" starts afresh for %s; %zu earlier answer is "
		                         "kept as history.",
		                         "Done: \"%s\" starts afresh for %s; %zu earlier answers are "
		                         "kept as history.", answers),
		                set->lessons[me->lesson]->title, me->name ? me->name : "", answers);
	else
		msg = xasprintf(ngettext("Done: every lesson starts afresh for %s; %zu earlier answer "
		                         "is kept as history.",
		                         "Done: every lesson starts afresh for %s; %zu earlier answers "
		                         "are kept as history.", answers), me->name ? me->name : "",
		                answers);
	read_progress(a);
	set_note(msg);
	free(msg);
}

static void rename_now(struct app *a)
{
	struct kerr err;

	if (store_rename_learner(a->store, a->trainer_learner, me->field.buf, STORE_SOURCE_MENU,
	                         &err) < 0) {
		ui_set_error(a, err.msg);
		return;
	}
	free(me->name);
	me->name = NULL;
	if (store_learner_name(a->store, a->trainer_learner, &me->name, &err) < 0) {
		ui_set_error(a, err.msg);
		me->name = xstrdup("");
	}
	if (a->sitting.learner == a->trainer_learner) {
		free(a->sitting.name);
		a->sitting.name = xstrdup(me->name);
	}
	me->mode = MODE_MENU;
	set_note(_("Saved."));
}

static void start_action(struct app *a, enum action act)
{
	listnum_clear(&me->number);  /* the lesson list starts with no number typed */
	me->selected = act;
	me->pending = act;
	if (act == ACT_RENAME) {
		edit_set(&me->field, me->name);
		me->mode = MODE_RENAME;
	} else if (act == ACT_RESET_ONE) {
		me->mode = lessons_of(a)->count ? MODE_PICK_LESSON : MODE_MENU;
	} else {
		me->mode = MODE_CONFIRM;
	}
}

/* ---- the page's keys: one table per mode ---- */

static enum ui_result page_back(struct app *a, const struct ui_key *k)
{
	if (me->mode != MODE_MENU) {
		/* Esc cancels what is open; after a question, say that nothing changed (a trainer
		 * test: back on the menu without a word, she checked every lesson). */
		set_note(me->mode == MODE_CONFIRM ? _("Cancelled: nothing was changed.") : NULL);
		me->mode = MODE_MENU;
		return UI_HANDLED;
	}
	ui_go(a, SCREEN_TRAINER_LEARNERS);
	return UI_LEAVE;
}

static enum ui_result act_digit(struct app *a, const struct ui_key *k)
{
	int d = ui_digit(k, ACT_COUNT);

	if (d < 0)
		return UI_IGNORED;
	start_action(a, (enum action)d);
	return UI_HANDLED;
}

static enum ui_result act_selected(struct app *a, const struct ui_key *k)
{
	start_action(a, (enum action)me->selected);
	return UI_HANDLED;
}

static enum ui_result act_move(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &me->selected, ACT_COUNT) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result rename_save(struct app *a, const struct ui_key *k)
{
	rename_now(a);
	return UI_HANDLED;
}

static enum ui_result rename_edit(struct app *a, const struct ui_key *k)
{
	return ui_edit_key(&me->field, k) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result lesson_pick(struct app *a, size_t i)
{
	me->lesson = i;
	me->mode = MODE_CONFIRM;
	return UI_HANDLED;
}

/* A digit only moves the highlight, with no time limit ("1", a pause, "6": lesson 16);
 * Enter then asks to confirm: no lesson is started afresh on digits alone. */
static enum ui_result lesson_digit(struct app *a, const struct ui_key *k)
{
	return ui_listnum_digit(&me->number, k, lessons_of(a)->count, &me->lesson);
}

static enum ui_result lesson_erase(struct app *a, const struct ui_key *k)
{
	return ui_listnum_erase(&me->number, &me->lesson);
}

static enum ui_result lesson_selected(struct app *a, const struct ui_key *k)
{
	return lesson_pick(a, me->lesson);
}

static enum ui_result lesson_move(struct app *a, const struct ui_key *k)
{
	return ui_menu_key(k, &me->lesson, lessons_of(a)->count) ? UI_HANDLED : UI_IGNORED;
}

static enum ui_result confirm_yes(struct app *a, const struct ui_key *k)
{
	run_pending(a);
	return ui_result_of(a);
}

static const struct ui_binding menu_keys[] = {
	{ UI_KEY_DIGIT, N_("Digit"), N_("choose"), act_digit },
	{ UI_KEY(UK_ENTER), N_("Arrows, then Enter"), N_("choose"), act_selected },
	{ UI_KEYS_ARROWS, NULL, NULL, act_move },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("back"), page_back },
};
static const struct ui_binding rename_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("save"), rename_save },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("cancel"), page_back },
	{ UI_KEYS_EDIT, NULL, NULL, rename_edit },
};
static const struct ui_binding lesson_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Digit or arrows, then Enter"), N_("choose"), lesson_selected },
	{ UI_KEY_DIGIT, NULL, NULL, lesson_digit },
	{ UI_KEY(UK_BACKSPACE), NULL, NULL, lesson_erase },
	{ UI_KEYS_ARROWS, NULL, NULL, lesson_move },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("cancel"), page_back },
};
static const struct ui_binding confirm_keys[] = {
	{ UI_KEY(UK_ENTER), N_("Enter"), N_("yes"), confirm_yes },
	{ UI_KEY(UK_ESC), N_("Esc"), N_("no"), page_back },
};

static const struct ui_binding *page_keys(size_t *n)
{
#define TABLE(t) (*n = UI_COUNT(t), t)
	switch (me->mode) {
	case MODE_RENAME:
		return TABLE(rename_keys);
	case MODE_PICK_LESSON:
		return TABLE(lesson_keys);
	case MODE_CONFIRM:
		return TABLE(confirm_keys);
	case MODE_MENU:
		break;
	}
	return TABLE(menu_keys);
#undef TABLE
}

static void page_footer(void)
{
	size_t n;
	const struct ui_binding *keys = page_keys(&n);

	ui_footer_bindings(keys, n);
}

static enum ui_result learner_key(struct app *a, const struct ui_key *k)
{
	size_t n;
	const struct ui_binding *keys = page_keys(&n);

	set_note(NULL);
	if (ui_listnum_key(&me->number, k))  /* Esc took back the number */
		return UI_HANDLED;
	return ui_dispatch(a, k, keys, n);
}

const struct screen ui_trainer_learner_screen = {
	.enter = learner_enter, .leave = learner_leave, .draw = learner_draw, .key = learner_key,
	.purpose = N_("For trainers: what you can do for this learner."),
};
