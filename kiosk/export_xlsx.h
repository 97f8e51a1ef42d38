/* export_xlsx: reports (report.h) as an Excel workbook (.xlsx, written with libxlsxwriter),
 * for coordinators whose spreadsheet reads "0.25" in a CSV file as text because their
 * language writes decimals with a comma.  Owns how a report looks in a spreadsheet:
 *   - one sheet per report, named in the command's language (several reports: several sheets);
 *   - row 1: the column headings in the command's language; row 2: the fixed English column
 *     names of the CSV and JSON files, so formulas and scripts can rely on them; both rows
 *     frozen, columns given widths that fit their content;
 *   - numbers as number cells, with the value the CSV file has (rounded to 4 decimals); rates
 *     (columns whose name ends in "_rate") shown as percentages of that value; times as date
 *     cells in local time (the machine's time zone, TZ); booleans as boolean cells; null as an
 *     empty cell; text as text, never a formula (no ' is needed in front of "=").
 * Rows go to the file as they come (libxlsxwriter's constant_memory mode: each row is written
 * to a temporary file once the next begins), so memory does not grow with the report.
 *
 * Call order: export_xlsx_open, then report_write() with export_xlsx_sink for each report
 * (each begin adds a sheet), then export_xlsx_close exactly once. */
#ifndef KIOSK_EXPORT_XLSX_H
#define KIOSK_EXPORT_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "util.h"

struct export_xlsx;

/* A workbook to be written to path (replaced when it exists) at export_xlsx_close; name is the
 * file's name for messages.  Returns 0 and *out, or -1 and err. */
int export_xlsx_open(const char *path, const char *name, struct export_xlsx **out,
                     struct kerr *err);

/* The sink that writes a report as the workbook's next sheet.  When it stops a report (a
 * sheet would pass the spreadsheet's limit of rows), export_xlsx_error says why. */
struct report_sink export_xlsx_sink(struct export_xlsx *x);
const char *export_xlsx_error(const struct export_xlsx *x);

/* Rows written in all sheets so far, and events counted by the last report (report_sink's
 * end: 0 when its period held no data). */
size_t export_xlsx_rows(const struct export_xlsx *x);
int64_t export_xlsx_events(const struct export_xlsx *x);

/* Writes the file and frees x.  Returns 0, or -1 and err. */
int export_xlsx_close(struct export_xlsx *x, struct kerr *err);

#endif
