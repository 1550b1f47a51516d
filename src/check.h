/* check.h: `idtracker check`: the offline checker over files, the same verdict the submission
 * office gives (src/draft), as human text or one JSON object per submission per line. */
#ifndef IDT_CHECK_H
#define IDT_CHECK_H

/* argv[0] is "check". Exit status: 0 no submission has an error, 1 one has, 2 usage or unreadable file. */
int	cmd_check(int argc, char **argv);

#endif
