/* log.h: one line per event on stderr (systemd's journal or a file takes it from there).
 * Callers: everything; the server's access log uses log_access(). */
#ifndef IDT_LOG_H
#define IDT_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void	log_set_level(enum log_level);
void	log_msg(enum log_level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...)	log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
