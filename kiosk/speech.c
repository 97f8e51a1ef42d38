/* speech: see speech.h. */
#include "speech.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"

#define DEFAULT_ENGINE "espeak-ng"

void speech_init(struct speech *sp, const char *cmd, int rate)
{
	sp->cmd = cmd && *cmd ? cmd : NULL;
	if (rate < SPEECH_RATE_MIN || rate > SPEECH_RATE_MAX)
		rate = SPEECH_RATE_DEFAULT;
	sp->rate = rate;
	sp->pid = 0;
}

/* In the child: its own process group (so stopping kills the engine and anything it
 * started), killed with the kiosk whatever way the kiosk dies, quiet on the screen. */
static void child_setup(pid_t kiosk, int text_fd)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGCHLD };
	sigset_t none;
	int null = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != kiosk)  /* the kiosk died before prctl took effect */
		_exit(127);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	dup2(text_fd, STDIN_FILENO);
	/* The screen belongs to the kiosk; espeak-ng prints ALSA errors without a sound card. */
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
	}
}

static void child_exec(const struct speech *sp, const char *lang)
{
	char rate[16];

	snprintf(rate, sizeof rate, "%d", sp->rate);
	setenv("KIOSK_SPEECH_RATE", rate, 1);
	if (!sp->cmd) {
		execlp(DEFAULT_ENGINE, DEFAULT_ENGINE, "-v", lang, "-s", rate, "--stdin", (char *)NULL);
	} else {
		/* "exec" so that the engine itself is the child that PDEATHSIG and stop reach; the
		 * language is "$1", the text arrives on standard input. */
		char *script = xasprintf("exec %s \"$@\"", sp->cmd);

		execl("/bin/sh", "sh", "-c", script, "sh", lang, (char *)NULL);
	}
	_exit(127);
}

/* Writes the whole text to the child's standard input, then closes it: speech texts are a
 * few hundred bytes, far below a pipe's buffer, so this never waits for the engine. */
static void feed(int fd, const char *text)
{
	size_t left = strlen(text);
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);  /* an engine that died early is not fatal */

	while (left > 0) {
		ssize_t n = write(fd, text, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		text += n;
		left -= (size_t)n;
	}
	if (write(fd, "\n", 1) < 0) {
		/* nothing to do: the engine is gone and the kiosk goes on silently */
	}
	close(fd);
	signal(SIGPIPE, old);
}

int speech_say(struct speech *sp, const char *lang, const char *text, struct kerr *err)
{
	pid_t kiosk = getpid(), pid;
	int fds[2];

	speech_stop(sp);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		kerr_set(err, _("cannot start the speech: %s"), strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		kerr_set(err, _("cannot start the speech: %s"), strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[1]);
		child_setup(kiosk, fds[0]);
		child_exec(sp, lang);
	}
	setpgid(pid, pid);  /* also here: the group must exist before a stop can kill it */
	close(fds[0]);
	sp->pid = pid;
	feed(fds[1], text);
	return 0;
}

void speech_stop(struct speech *sp)
{
	if (sp->pid <= 0)
		return;
	kill(-sp->pid, SIGKILL);
	kill(sp->pid, SIGKILL);  /* in case it had not yet made its own group */
	while (waitpid(sp->pid, NULL, 0) < 0 && errno == EINTR)
		;
	sp->pid = 0;
}

bool speech_active(struct speech *sp)
{
	pid_t r;

	if (sp->pid <= 0)
		return false;
	r = waitpid(sp->pid, NULL, WNOHANG);
	if (r == 0)
		return true;
	kill(-sp->pid, SIGKILL);  /* anything the finished engine left behind */
	sp->pid = 0;
	return false;
}

/* The first word of cmd found as an executable, directly or on PATH. */
static bool command_exists(const char *cmd)
{
	size_t n = strcspn(cmd, " \t");
	char *name = xstrndup(cmd, n), *path, *save = NULL;
	const char *env = getenv("PATH");
	bool found = false;

	if (strchr(name, '/')) {
		found = access(name, X_OK) == 0;
		free(name);
		return found;
	}
	path = xstrdup(env && *env ? env : "/usr/local/bin:/usr/bin:/bin");
	for (char *dir = strtok_r(path, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", dir, name);

		found = access(full, X_OK) == 0;
		free(full);
	}
	free(path);
	free(name);
	return found;
}

static bool sound_device_exists(void)
{
	struct stat st;
	const char *pulse = getenv("PULSE_SERVER");

	return (pulse && *pulse) || stat("/dev/snd", &st) == 0;
}

const char *speech_problem(const struct speech *sp)
{
	if (!command_exists(sp->cmd ? sp->cmd : DEFAULT_ENGINE))
		return sp->cmd ? _("The speech command cannot be found: reading aloud is off.")
		               : _("espeak-ng is not installed: reading aloud is off.");
	if (!sp->cmd && !sound_device_exists())
		return _("This computer has no sound device: reading aloud is off.");
	return NULL;
}
