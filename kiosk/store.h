/* store: the kiosk's SQLite database.  Owns the schema (created and upgraded by
 * PRAGMA user_version migrations), the kiosk id, learners, sessions, and the answer events
 * from which every figure is derived: where a learner stopped and whether a lesson is
 * completed are computed from events, never stored as mutable state (the only figures kept
 * are the running totals of store_stats.h, updated with each event in its transaction and
 * always equal to a recomputation from the events).  Also the trainer's
 * side: resets (which mark events as history, never delete them), removing and renaming
 * learners, settings (trainer PIN hash, idle timeout) and the audit trail of every trainer
 * action.
 *
 * Durability: WAL, synchronous=FULL, one transaction per recorded step, so that once a call
 * here returns 0 the step survives kill -9 or a power cut.  Prepared statements only.
 * All times are UTC ISO 8601 text ("2026-11-23T10:15:02.123Z"). */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lesson.h"
#include "util.h"

#define STORE_SCHEMA_VERSION 6

struct store;
struct sqlite3;

/* Shared with report.c, which reads databases without opening a store, so that both say the
 * same thing the same way: */
/* True when id is a kiosk id as a new database gets it: 32 lowercase hex digits. */
bool store_kiosk_id_valid(const char *id);
/* Why a SQLite call failed, in words a trainer can act on ("the disk is full", "another
 * program is holding the database", "the database file is damaged", ...); SQLite's own
 * message from db for anything else.  Translated; a static string or db's. */
const char *store_sqlite_reason(struct sqlite3 *db, int rc);

/* Opens (creating with mode 0600 when missing) and migrates the database at path.  The folder
 * must exist.  Fails with a clear message in err for a missing folder, a read-only file or
 * folder, anything but a regular file (a named pipe, a device), a file that is not a kiosk
 * database, or a database from a newer kiosk.  Other users must not read it: an existing
 * database (and its -wal, -shm) that they can read loses the "other" permission bits when
 * this user owns it, and is refused otherwise.  The group keeps its bits.
 * Returns 0 and *out, or -1. */
int store_open(const char *path, struct store **out, struct kerr *err);
/* Closes the database; a session end that failed earlier (see store_end_session) gets one
 * last try first. */
void store_close(struct store *s);

/* The open connection, for the read-only queries of store_read.c (reports on the trainer's
 * screens); owned by s. */
struct sqlite3 *store_connection(struct store *s);

/* True when the file at the database's path is no longer the file this store has open: it
 * was deleted, or another file was put in its place, while the kiosk ran.  Every call below
 * that reads or writes learners' data then fails with a message that asks for the trainer
 * (in the learner's language), so no step is shown as done unless it is in the file the next
 * start opens.  Audit rows and PIN attempts are still written, so that the trainer can get
 * in and leave the kiosk. */
bool store_file_gone(const struct store *s);

/* Random id given to this database when it was created (32 hex digits). */
const char *store_kiosk_id(const struct store *s);

struct learner {
	int64_t id;
	char *name;       /* as typed, NFC */
	char *last_seen;  /* time of the latest session, or NULL */
};

/* All learners except removed ones, most recently seen first.  Caller frees with
 * store_free_learners. */
int store_list_learners(struct store *s, struct learner **out, size_t *count, struct kerr *err);
void store_free_learners(struct learner *v, size_t count);

/* Finds the learner whose name folds (text_fold) to the same as name, or adds one with name
 * trimmed, without invisible format characters (text_strip_invisible) and NFC-normalised.  *created tells which.  An empty name is an error.  Removed
 * learners are never found: the same name then makes a new learner. */
int store_find_or_add_learner(struct store *s, const char *name, int64_t *id, bool *created,
                              struct kerr *err);

/* A session is one sitting of one learner at the kiosk. */
int store_begin_session(struct store *s, int64_t learner, const char *lang, int64_t *session,
                        struct kerr *err);
/* When the end cannot be written (a full disk), -1 and err, and the end is kept with its
 * time: the next call that writes (a new session, an answer, another session end, or
 * store_close) writes it first, so the session gets its real end time once there is room. */
int store_end_session(struct store *s, int64_t session, struct kerr *err);
/* Session ends waiting to be written (0 normally). */
size_t store_pending_ends(const struct store *s);

/* One answer or one finished step.  kind is "read", "choose", "type", "practice" (a button
 * pressed on a practice screen), or "complete" (the lesson's finish screen was reached;
 * step_id is then ""). */
struct store_event {
	int64_t session;
	int64_t learner;
	const char *lang;       /* lesson set name: "bg", "uk" */
	const char *lesson_id;
	const char *step_id;
	int step_index;         /* 0-based position in the lesson when answered */
	int step_count;         /* steps the lesson had then */
	const char *kind;
	const char *answer;     /* what was typed or picked (option number), or the label of the
	                         * button pressed (practice); NULL for read */
	bool correct;
	bool hint_shown;
	bool show_me;           /* practice: the "show me" demonstration was used before */
};

/* Appends the event durably (committed before returning 0).  The answer is stored without
 * invisible format characters (text_strip_invisible).  Every call that writes also writes
 * first any session end that failed earlier (see store_end_session). */
int store_record(struct store *s, const struct store_event *ev, struct kerr *err);

enum progress_status {
	PROGRESS_NOT_STARTED,
	PROGRESS_STARTED,
	PROGRESS_COMPLETED,
};

struct progress {
	enum progress_status status;
	size_t resume;  /* 0-based index of the first step of l not yet done in the current run */
	size_t done;    /* steps of l done in the current run */
};

/* Derives a learner's progress in lesson l from current events (those not marked by a
 * reset).  A run starts at the beginning or after the last "complete" event; a step is done
 * in the run when it has a correct event there.  resume is the first step not done; when every step is done but the lesson was not
 * marked complete (the learner left on the last step's praise), it is the last step.  After a
 * "complete" event a new run starts, so a completed lesson begins again at its first step. */
int store_progress(struct store *s, int64_t learner, const struct lesson *l,
                   struct progress *out, struct kerr *err);
/* The same for n lessons at once (out[i] for lessons[i]), in one read transaction: the
 * lesson list.  Returns 0, or -1 and err. */
int store_progress_all(struct store *s, int64_t learner, struct lesson *const *lessons,
                       size_t n, struct progress *out, struct kerr *err);

/* ---- trainer actions ----
 * Each one that changes something is one short write transaction together with its audit
 * row (what, which learner, when, and "source=menu", "source=cli" or "source=learner" in
 * audit.detail), so the command line can act on the database while a kiosk runs on it.
 * Audit rows never hold a name.  Learners are named by id; an id that does not exist or
 * whose learner was removed is an error ("there is no learner 7", "learner 7 was removed"). */

/* Where a trainer action came from; stored as "menu", "cli" or "learner". */
enum store_source {
	STORE_SOURCE_MENU,  /* the trainer menu on the kiosk */
	STORE_SOURCE_CLI,   /* kiosk learners, reset, remove-learner, set-trainer-pin */
	STORE_SOURCE_LEARNER,  /* a learner's own choice on the kiosk (F1 help: F4, F5) */
};

/* One row of the trainers' learner list. */
struct learner_summary {
	int64_t id;
	char *name;
	char *first_seen;          /* when the learner was added */
	char *last_seen;           /* start of the latest session, or NULL: never */
	size_t lessons_started;    /* lessons with a current answer, completed ones included */
	size_t lessons_completed;  /* lessons with a current "complete" event */
	char *lesson_ids;          /* IDs of the lessons started, sorted: "email, first-steps" */
};

/* Every learner not removed, most recently seen first (as store_list_learners), with the
 * figures above counted from current events only: after a reset a lesson counts as not
 * started.  Returns 0 and a vector the caller frees with store_free_learner_summaries. */
int store_learner_summaries(struct store *s, struct learner_summary **out, size_t *count,
                            struct kerr *err);
void store_free_learner_summaries(struct learner_summary *v, size_t count);

/* The name of learner id; caller frees *name.  -1 when there is no such learner or it was
 * removed. */
int store_learner_name(struct store *s, int64_t id, char **name, struct kerr *err);

/* How many times lesson_id was started afresh for the learner (resets of that lesson and of
 * every lesson).  Returns 0, or -1 and err. */
int store_reset_count(struct store *s, int64_t learner, const char *lesson_id, size_t *count,
                      struct kerr *err);

/* ---- noticing the command line ----
 * A running kiosk learns that `kiosk reset` or `kiosk remove-learner` (another process)
 * concerned the person at the screen: store_watch_learner when the sitting begins sets *mark
 * (the last audit row); store_outside_change, cheap enough for every key and tick (one
 * PRAGMA data_version unless another connection wrote), reports what such commands did since
 * and moves *mark on.  Both return 0, or -1 and err. */
enum store_change { STORE_CHANGE_NONE, STORE_CHANGE_RESET, STORE_CHANGE_REMOVED };
int store_watch_learner(struct store *s, int64_t *mark, struct kerr *err);
int store_outside_change(struct store *s, int64_t learner, int64_t *mark,
                         enum store_change *change, struct kerr *err);

/* Starts lesson_id afresh for the learner, or every lesson when lesson_id is NULL.  Nothing
 * is deleted: the current events get reset_id (kept as history and for statistics, ignored
 * by store_progress) and a resets row and an audit row "reset" are added.  *answers is the
 * number of events so marked; when it is 0 there was nothing to reset and nothing is
 * written.  Returns 0 or -1. */
int store_reset(struct store *s, int64_t learner, const char *lesson_id,
                enum store_source source, size_t *answers, struct kerr *err);

/* Erases a learner's personal data: the name becomes "", name_key NULL, removed_at is set,
 * and what they typed in type steps is blanked (whether it was right stays).
 * The row, sessions and events stay as anonymous statistics; the learner is no longer
 * listed nor found by name.  Audited as "remove".  Returns 0 or -1 (also when the learner
 * was already removed). */
int store_remove_learner(struct store *s, int64_t learner, enum store_source source,
                         struct kerr *err);

/* Gives learner a new name: trimmed and NFC as in store_find_or_add_learner, refused when
 * empty, not valid UTF-8, or when it folds to the name of another learner who was not
 * removed ("another learner (3) is already called Мария").  A change of case only is
 * allowed.  Audited as "rename" (without the names).  Returns 0 or -1. */
int store_rename_learner(struct store *s, int64_t learner, const char *name,
                         enum store_source source, struct kerr *err);

/* Appends one audit row for an action the caller performs itself ("session-end",
 * "leave", ...): learner 0 and lesson_id NULL when none applies.  Returns 0 or -1. */
int store_audit(struct store *s, const char *action, int64_t learner, const char *lesson_id,
                enum store_source source, struct kerr *err);

/* ---- settings ---- */

#define STORE_IDLE_TIMEOUT_DEFAULT 900  /* seconds, while none is set */
#define STORE_IDLE_TIMEOUT_MAX 86400

/* Seconds without a key press after which the kiosk ends a learner's session.  The default
 * when none is set or the stored value is not a number in 1..STORE_IDLE_TIMEOUT_MAX.
 * Returns 0 or -1 (database error only). */
int store_idle_timeout(struct store *s, int *seconds, struct kerr *err);

/* Sets it (1..STORE_IDLE_TIMEOUT_MAX, else -1 with a message); audited as
 * "idle-timeout-set" with the value. */
int store_set_idle_timeout(struct store *s, int seconds, enum store_source source,
                           struct kerr *err);

#define STORE_LANGUAGE_LEN 8

/* The kiosk's own interface language ("bg", "uk"), set once by a trainer: what the kiosk's
 * commands speak when the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) names neither.
 * lang is "" when none is set.  Returns 0 or -1 (database error only). */
int store_kiosk_language(struct store *s, char lang[STORE_LANGUAGE_LEN], struct kerr *err);

/* Sets it: "bg", "uk", or "" for none (else -1 with a message); audited as "language-set". */
int store_set_kiosk_language(struct store *s, const char *lang, enum store_source source,
                             struct kerr *err);

#define STORE_KIOSK_NAME_MAX 80  /* display columns */

/* The kiosk's name as people know it ("Читалище „Христо Ботев“, Пловдив"), shown in reports
 * beside the kiosk id.  *name is NULL when none is set, else the caller frees it.  Returns 0
 * or -1 (database error only). */
int store_kiosk_name(struct store *s, char **name, struct kerr *err);

/* Sets it (NFC): valid UTF-8, no control characters, not blank, at most STORE_KIOSK_NAME_MAX
 * columns, else -1 with a message.  Audited as "kiosk-name-set". */
int store_set_kiosk_name(struct store *s, const char *name, enum store_source source,
                         struct kerr *err);

/* ---- accessibility: the look and reading aloud ----
 * "theme" (normal, contrast, mono), "speech-rate" (words per minute, 80..260) and
 * "auto-read" (yes, no): for the whole kiosk (learner 0, a trainer's choice) or for one
 * learner (their own choice, which wins over the kiosk's). */

/* *value is the setting (the caller frees it), or NULL when none is set.  0 or -1. */
int store_access(struct store *s, int64_t learner, const char *name, char **value,
                 struct kerr *err);

/* Sets it after checking name and value (else -1 with a message); audited as
 * "access-set" with the name and value. */
int store_set_access(struct store *s, int64_t learner, const char *name, const char *value,
                     enum store_source source, struct kerr *err);

/* ---- trainer PIN (hashing and checking are pin.h's) ---- */

/* The stored PIN hash; *hash is NULL when no PIN was ever set, else the caller frees it.
 * Returns 0 or -1. */
int store_trainer_pin(struct store *s, char **hash, struct kerr *err);

/* Stores hash (from pin_hash) as the trainer PIN, audited as "pin-set".  Refuses anything
 * that does not look like a crypt hash ("$..."), so digits are never stored in clear.  A new
 * PIN also ends the run of wrong attempts (see store_pin_failures).  Returns 0 or -1. */
int store_set_trainer_pin(struct store *s, const char *hash, enum store_source source,
                          struct kerr *err);

/* Records one PIN attempt durably: audit "pin-ok" or "pin-wrong".  Returns 0 or -1. */
int store_log_pin_attempt(struct store *s, bool ok, enum store_source source,
                          struct kerr *err);

/* The number of "pin-wrong" attempts since the last "pin-ok" or "pin-set": the input of
 * pin_delay_seconds, read from the audit so the delay survives a restart.  Returns 0 or -1. */
int store_pin_failures(struct store *s, unsigned *failures, struct kerr *err);

#endif
