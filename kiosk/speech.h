/* speech: reading text aloud through an external command, without ever blocking the screen.
 * Owns the speech child: starting it (the engine command, the language code as its argument,
 * the text on its standard input), stopping it at once (the next key, leaving a screen, the
 * idle timeout, the kiosk's end) and making sure it never outlives the kiosk, even after a
 * SIGKILL.  Knows nothing of screens: the UI decides what to say and when.
 *
 * The engine is espeak-ng by default (espeak-ng -v LANG -s RATE), or any command the centre
 * chooses (--speech-cmd / KIOSK_SPEECH_CMD): it is run as `CMD LANG` with the text on standard
 * input and the rate in words per minute in KIOSK_SPEECH_RATE.  The command is the trainer's
 * configuration; the text, which may hold what a learner typed, never reaches a shell. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdbool.h>
#include <sys/types.h>

#include "util.h"

#define SPEECH_RATE_DEFAULT 130  /* words per minute: espeak-ng's own 175 is fast for older ears */
#define SPEECH_RATE_MIN 80
#define SPEECH_RATE_MAX 260

struct speech {
	const char *cmd;  /* NULL or "": espeak-ng; not owned */
	int rate;         /* words per minute, SPEECH_RATE_MIN..SPEECH_RATE_MAX */
	pid_t pid;        /* the speaking child (leader of its own process group), or 0 */
};

/* A speech handle with the default engine and rate; cmd may be NULL. */
void speech_init(struct speech *sp, const char *cmd, int rate);

/* Stops whatever is being said, then starts saying text in lang ("bg", "uk").  Returns at
 * once; 0, or -1 with err when the child could not be started (the kiosk goes on silently). */
int speech_say(struct speech *sp, const char *lang, const char *text, struct kerr *err);

/* Stops the speech now (the child and anything it started) and reaps it.  Safe to call when
 * nothing is being said. */
void speech_stop(struct speech *sp);

/* True while the child is still speaking; reaps it when it has finished. */
bool speech_active(struct speech *sp);

/* Why speech cannot be heard here, for the trainer and `kiosk doctor`: NULL when the engine
 * can be found (and, for espeak-ng, a sound device exists), else a translated sentence. */
const char *speech_problem(const struct speech *sp);

#endif
