/* cmd: the batch commands (kiosk COMMAND ...), one file each (cmd_*.c).  Each takes argv with
 * argv[0] the command name, parses its own options, prints results on stdout and errors on
 * stderr, and returns the exit status: 0 success, 1 failure, 2 usage error (util.h; a fatal
 * error, die(), exits 3). */
#ifndef KIOSK_CMD_H
#define KIOSK_CMD_H

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

/* The table main() dispatches on, NULL-terminated (cmd.c). */
extern const struct command commands[];

/* The lessons folder used when none is given: $KIOSK_LESSONS, else paths_lessons(). */
char *cmd_default_lessons(void);
/* The database used when no --db is given: $KIOSK_DB, else the installed package's system
 * database (paths_system_db), else under $XDG_DATA_HOME or ~/.local/share/kiosk (the folder is
 * created). */
char *cmd_default_db(void);

int cmd_check_lessons(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_doctor(int argc, char **argv);  /* kiosk doctor (cmd_doctor.c) */
/* kiosk backup [--db PATH] --output FILE: a self-contained copy, safe while a kiosk runs. */
int cmd_backup(int argc, char **argv);

/* The trainer's commands (cmd_admin.c); each takes --db PATH. */
int cmd_learners(int argc, char **argv);        /* kiosk learners */
int cmd_reset(int argc, char **argv);           /* kiosk reset --learner ID|NAME [--lesson ID] */
int cmd_remove_learner(int argc, char **argv);  /* kiosk remove-learner ID */
int cmd_set_trainer_pin(int argc, char **argv); /* kiosk set-trainer-pin */
int cmd_set_language(int argc, char **argv);    /* kiosk set-language bg|uk|none */
int cmd_set_name(int argc, char **argv);        /* kiosk set-name [NAME] */
int cmd_set_access(int argc, char **argv);      /* kiosk set-access NAME VALUE */

#endif
