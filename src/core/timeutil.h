/* timeutil.h: the clock (IDTRACKER_NOW may fix "now" for tests and reminders) and ISO-8601 UTC text,
 * the one time format the database stores (portable between SQLite and PostgreSQL). */
#ifndef IDT_TIMEUTIL_H
#define IDT_TIMEUTIL_H

#include <stdint.h>
#include <time.h>

#define ISO_TIME_LEN	21	/* "2026-11-27T06:51:57Z" + NUL */

time_t	 time_now(void);
/* Monotonic milliseconds, for durations in logs and benches. */
double	 time_mono_ms(void);
void	 time_iso(char out[ISO_TIME_LEN], time_t);
/* The UTC calendar date of t, computed (gmtime_r() reads /etc/localtime on its first call, a file read
 * in every short command that only wants today's date). */
void	 time_ymd(time_t, int *year, int *month, int *day);
/* Parses "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (midnight UTC); -1 on anything else. */
int	 time_parse_iso(const char *, time_t *);
/* Sets the fixed "now" from IDTRACKER_NOW's value (NULL clears it); -1 when unparseable. */
int	 time_set_now(const char *iso);

#endif
