/* isotime: see isotime.h. */
#include "isotime.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
int64_t isotime_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void isotime_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int isotime_days_in_month(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Reads exactly n ASCII digits. */
static bool digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		*v = *v * 10 + (**p - '0');
	}
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* ".123456" after the seconds: milliseconds, further digits dropped. */
static bool fraction(const char **p, int *ms)
{
	int n = 0;

	*ms = 0;
	if (!expect(p, '.'))
		return true;
	for (; **p >= '0' && **p <= '9'; (*p)++, n++)
		if (n < 3)
			*ms = *ms * 10 + (**p - '0');
	for (int i = n; i < 3; i++)
		*ms *= 10;
	return n > 0;
}

/* "Z", "+02:00", "-0530", or nothing (UTC): minutes east of UTC. */
static bool zone(const char **p, int *minutes)
{
	int sign, h, m;

	*minutes = 0;
	if (**p == 'Z' || **p == 'z') {
		(*p)++;
		return true;
	}
	if (**p != '+' && **p != '-')
		return true;
	sign = **p == '-' ? -1 : 1;
	(*p)++;
	if (!digits(p, 2, &h))
		return false;
	expect(p, ':');
	if (!digits(p, 2, &m) || h > 23 || m > 59)
		return false;
	*minutes = sign * (h * 60 + m);
	return true;
}

/* "THH:MM[:SS[.fff]][zone]" after the date: milliseconds into the day, before the offset. */
static bool clock_time(const char **p, int64_t *ms, int *offset)
{
	int h, m, s = 0, frac = 0;

	if (**p != 'T' && **p != 't' && **p != ' ')
		return false;
	(*p)++;
	if (!digits(p, 2, &h) || !expect(p, ':') || !digits(p, 2, &m) || h > 23 || m > 59)
		return false;
	if (expect(p, ':') && (!digits(p, 2, &s) || s > 59 || !fraction(p, &frac)))
		return false;
	if (!zone(p, offset))
		return false;
	*ms = ((h * 60LL + m) * 60 + s) * 1000 + frac;
	return true;
}

int isotime_parse(const char *s, bool end_of_day, int64_t *ms)
{
	const char *p = s;
	int y, m, d, offset = 0;
	int64_t day, t = 0;

	if (!s || !digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &m) ||
	    !expect(&p, '-') || !digits(&p, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > isotime_days_in_month(y, m))
		return -1;
	day = isotime_days_from_civil(y, m, d) * ISOTIME_MS_PER_DAY;
	if (*p == '\0') {
		*ms = day + (end_of_day ? ISOTIME_MS_PER_DAY - 1 : 0);
		return 0;
	}
	if (!clock_time(&p, &t, &offset) || *p != '\0')
		return -1;
	*ms = day + t - offset * 60000LL;
	return 0;
}

void isotime_format(int64_t ms, char *buf, size_t size)
{
	int64_t days = ms / ISOTIME_MS_PER_DAY, rest = ms % ISOTIME_MS_PER_DAY, y;
	int m, d;

	if (rest < 0) {
		rest += ISOTIME_MS_PER_DAY;
		days--;
	}
	isotime_civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
	         (int)(rest / 3600000), (int)(rest / 60000 % 60), (int)(rest / 1000 % 60),
	         (int)(rest % 1000));
}


static int two(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' ?
	       (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* The kiosk writes "YYYY-MM-DDTHH:MM:SS.mmmZ" (strftime %f): parsed here without the general
 * parser, the day looked up only when it changes.  Anything else goes to isotime_parse. */
int isotime_parse_stored(const char *s, struct isotime_day *last, int64_t *ms)
{
	int h, m, sec, f1, f2;

	if (!s || strlen(s) != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != '.' || s[23] != 'Z' || (h = two(s + 11)) < 0 || h > 23 ||
	    (m = two(s + 14)) < 0 || m > 59 || (sec = two(s + 17)) < 0 || sec > 59 ||
	    (f1 = two(s + 20)) < 0 || s[22] < '0' || s[22] > '9')
		return isotime_parse(s, false, ms);
	f2 = s[22] - '0';
	if (last->date[0] == '\0' || memcmp(last->date, s, 10) != 0) {
		char date[11];

		memcpy(date, s, 10);
		date[10] = '\0';
		if (isotime_parse(date, false, &last->day_ms) < 0) {
			last->date[0] = '\0';
			return -1;
		}
		memcpy(last->date, s, 10);
	}
	*ms = last->day_ms + ((h * 60LL + m) * 60 + sec) * 1000 + f1 * 10 + f2;
	return 0;
}

int isotime_format_local(int64_t ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M %Z", &tm))
		return -1;
	return 0;
}
