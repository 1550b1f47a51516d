/* timeutil.c: see timeutil.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "timeutil.h"

static time_t fixed_now;	/* 0 = the real clock */

time_t
time_now(void)
{
	return fixed_now ? fixed_now : time(NULL);
}

double
time_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void
time_iso(char out[ISO_TIME_LEN], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, ISO_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
time_parse_iso(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0;
	size_t len = strlen(s);

	memset(&tm, 0, sizeof(tm));
	if (len == 10) {
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
			return -1;
	} else if (len == 20) {
		if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 || n != 20)
			return -1;
	} else
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*out = timegm(&tm);
	return 0;
}

int
time_set_now(const char *iso)
{
	time_t t;

	if (iso == NULL || *iso == '\0') {
		fixed_now = 0;
		return 0;
	}
	if (time_parse_iso(iso, &t) == -1)
		return -1;
	fixed_now = t;
	return 0;
}

/* days since 1970-01-01 to a proleptic Gregorian date (the civil_from_days algorithm: eras of 400
 * years, years starting in March so that the leap day comes last) */
void
time_ymd(time_t t, int *year, int *month, int *day)
{
	long long z = (long long)(t >= 0 ? t / 86400 : (t - 86399) / 86400) + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;					/* [0, 146096] */
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;	/* [0, 399] */
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* [0, 365] */
	long long mp = (5 * doy + 2) / 153;					/* [0, 11], March first */
	long long y = yoe + era * 400;

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
}
