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
