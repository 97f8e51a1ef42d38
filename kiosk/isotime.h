/* isotime: ISO 8601 dates and times in UTC, as the database stores them and the reports
 * and --since/--until take them, with no dependence on the process's time zone or locale
 * (proleptic Gregorian calendar, milliseconds since 1970-01-01T00:00:00Z). */
#ifndef KIOSK_ISOTIME_H
#define KIOSK_ISOTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ISOTIME_MS_PER_DAY 86400000LL

/* Parses YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fraction]] with an optional Z or +HH:MM /
 * -HH:MM offset (no offset means UTC).  A date alone means the start of that day (UTC), or
 * with end_of_day its last millisecond.  Returns 0 and *ms, or -1 when s is not such a date
 * or time or names a day that does not exist. */
int isotime_parse(const char *s, bool end_of_day, int64_t *ms);

/* The same for stored times, most of which share their day with the one before: the day of
 * the last call is kept in *last (zero it before the first call).  The same results as
 * isotime_parse(s, false, ms). */
struct isotime_day {
	char date[10];    /* "YYYY-MM-DD" of day_ms; date[0] == 0 when none yet */
	int64_t day_ms;
};
int isotime_parse_stored(const char *s, struct isotime_day *last, int64_t *ms);

/* ms as "YYYY-MM-DDTHH:MM:SS.mmmZ" into buf (at least 25 bytes). */
void isotime_format(int64_t ms, char *buf, size_t size);

/* Days in month m (1-12) of year y (leap years as the Gregorian calendar has them). */
int isotime_days_in_month(int64_t y, int m);

/* Milliseconds since 1970 as local time (the process's TZ) "YYYY-MM-DD HH:MM ZONE" in buf
 * (at least 32 bytes), as trainers read times: the zone ("EET", "EEST") is named because a
 * reader may not know which clock the machine keeps; returns 0, or -1 when the time cannot be
 * shown. */
int isotime_format_local(int64_t ms, char *buf, size_t size);

/* Days since 1970-01-01 of a date, and back. */
int64_t isotime_days_from_civil(int64_t y, int m, int d);
void isotime_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

#endif
