/* export: writes a report table (report.h) as a file a coordinator opens elsewhere, and puts
 * that file in place atomically (also for the xlsx workbooks of export_xlsx.h).  Owns the two
 * text file formats:
 *   CSV  RFC 4180: a header row of column names, CRLF after every row, a field quoted when it
 *        holds a comma, a quote, CR or LF, quotes doubled.  A text field that begins with
 *        = + - @ TAB or CR gets a ' in front, so a spreadsheet shows it instead of running it as
 *        a formula (a learner named "=HYPERLINK(...)").  Numbers and booleans written from
 *        typed cells are never changed.  Null is an empty field; booleans are true/false;
 *        times are ISO 8601 in UTC ("2026-11-02T09:01:00.000Z"), as are JSON's strings.
 *        With bom, the file starts with a UTF-8 byte-order mark so that Excel reads Cyrillic.
 *   JSON an array of objects, one per row, keys in column order; numbers as numbers, null as
 *        null, booleans as true/false, strings with quotes, backslashes and control characters
 *        escaped and all other UTF-8 passed through.
 * Text that is not valid UTF-8 is written with U+FFFD in place of each bad byte, so both
 * formats are always valid UTF-8. */
#ifndef KIOSK_EXPORT_H
#define KIOSK_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "util.h"

enum export_format {
	EXPORT_CSV,
	EXPORT_JSON,
	EXPORT_XLSX,  /* written by export_xlsx.h, to a file only */
	EXPORT_HTML,  /* the page of export_html.h: every figure, never personal */
};

/* "csv", "json", "xlsx" or "html"; returns 0, or -1 for anything else. */
int export_format_parse(const char *name, enum export_format *out);

struct export_options {
	enum export_format format;
	bool bom;  /* CSV only: UTF-8 byte-order mark first (--excel) */
};

/* s with every byte that does not start a valid UTF-8 character replaced by U+FFFD, and its
 * length in *len.  Returns s itself when it is valid, else a copy the caller frees (the
 * result is not s). */
const char *export_clean_utf8(const char *s, size_t *len);

/* Writes r to out.  Returns 0, or -1 when writing failed (errno says why). */
int export_write(FILE *out, const struct report *r, const struct export_options *o);

/* Writes rows as report_write() hands them over, so a report of any size goes to the file
 * without being held in memory.  export_sink fills w (which must outlive the report) and
 * returns the sink to give report_write; export_finish ends the file (JSON's closing bracket)
 * and flushes it.  Returns 0, or -1 when writing failed (errno says why). */
struct export_writer {
	FILE *out;
	struct export_options o;
	const char *const *columns;
	size_t ncols;
	size_t rows;  /* rows written so far */
	int64_t events;  /* events the report counted (report_sink's end) */
};
struct report_sink export_sink(struct export_writer *w, FILE *out,
                               const struct export_options *o);
int export_finish(struct export_writer *w);

/* An output file that appears complete or not at all: written to a temporary file in the same
 * folder, then flushed to disk and renamed over path.  Call order: export_file_open, write to
 * export_file_stream, then exactly one of export_file_commit or export_file_abort (both free
 * the handle and never leave the temporary file behind). */
struct export_file;

/* personal: the file will hold names or answers, so it is made readable by its owner only
 * (0600); otherwise it gets the usual mode (0666 less the umask).  Returns 0 and *out, or -1
 * and err (missing folder, no permission, path is a folder, a device, a named pipe or a
 * symbolic link: a link is never written through). */
int export_file_open(const char *path, bool personal, struct export_file **out,
                     struct kerr *err);
FILE *export_file_stream(const struct export_file *f);
/* The temporary file's name, for a writer that writes by name rather than through the stream
 * (export_xlsx.h; kiosk backup: SQLite's VACUUM INTO fills the empty file).  Commit then syncs
 * and renames it. */
const char *export_file_temp_path(const struct export_file *f);

/* -1 and err when the output path is one of the n databases dbs, or the -wal, -shm or
 * -journal file beside one: compared by device and inode (so a hard link, a symbolic link or
 * another spelling of the name is caught) and, for a file that does not exist yet, by its
 * canonical name.  Writing there would replace a kiosk's data with the report. */
int export_check_output(const char *path, const char *const *dbs, size_t n, struct kerr *err);
/* Returns 0 when path now holds everything written, or -1 and err (path is then unchanged). */
int export_file_commit(struct export_file *f, struct kerr *err);
void export_file_abort(struct export_file *f);

#endif
