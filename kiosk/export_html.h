/* export_html: the report a coordinator hands to a municipality or funder: one self-contained
 * HTML page (inline CSS and SVG; no script, no font, image or link to anything outside, so it
 * opens offline and makes no request of any kind).  Owns how the page looks:
 *   - the period, the kiosks included (their names), when the page was made;
 *   - headline figures: learners, sessions, lessons completed, median minutes to complete;
 *   - completion by lesson (started and completed per lesson set) as a bar chart;
 *   - per lesson started, a step funnel (learners reaching each step) with its hardest steps
 *     marked: the lowest first-try success and the highest hint rate;
 *   - learners and completions per week or month as a time chart;
 *   - with several databases, one row per kiosk;
 *   - every chart followed by a table of its numbers; colours from the Okabe-Ito palette (told
 *     apart with colour blindness) and a symbol or pattern wherever a colour carries meaning;
 *   - labels in the interface language (bg, uk, else English), dates in its local style;
 *   - print rules for A4 portrait that keep each chart on one page.
 * Every figure comes from report_write_overview (report.h): the same code and definitions as
 * the CSV reports.  Each figure's cell carries the CSV value in a data-value attribute and the
 * CSV column in data-col, so tests (and scripts) can compare them exactly.  Never personal:
 * no names and no typed answers, whatever the filter asks. */
#ifndef KIOSK_EXPORT_HTML_H
#define KIOSK_EXPORT_HTML_H

#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "report.h"
#include "util.h"

/* Writes the page for the databases of d to out.  made_ms is the moment shown as "made"
 * (milliseconds since 1970, shown in local time).  *events gets the number of selected events
 * (0: the period held no data; the page says so).  Returns 0, or -1 and err (empty when
 * writing failed: errno says why). */
int export_html_write(FILE *out, const struct report_data *d, const struct catalog *c,
                      const struct report_filter *f, int64_t made_ms, int64_t *events,
                      struct kerr *err);

#endif
