/* store_backup: a consistent, self-contained copy of a kiosk database, taken while a kiosk may
 * be writing to it.  Owns the SQLite side of `kiosk backup`: a read-only snapshot of the source
 * (VACUUM INTO, one read transaction, so the copy holds every answer committed before it began,
 * including those still in the -wal file) in the rollback-journal mode, which needs no -wal or
 * -shm file beside it, then a check of the copy.  Where the copy lands is cmd_backup's job. */
#ifndef KIOSK_STORE_BACKUP_H
#define KIOSK_STORE_BACKUP_H

#include "util.h"

/* What a finished copy holds, for the confirmation line. */
struct backup_counts {
	long long learners;
	long long answers;
};

/* Copies the kiosk database at src into dst, which must not exist or be an empty file, then
 * checks the copy (integrity_check, a kiosk id).  Returns 0 and the counts, or -1 with err
 * (not a kiosk database, SQLite's error, a damaged copy).  On failure dst may hold a partial
 * copy: the caller removes it. */
int store_backup(const char *src, const char *dst, struct backup_counts *counts,
                 struct kerr *err);

#endif
