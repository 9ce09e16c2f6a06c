/* mail/sendmail.c - hands a finished email to a sendmail-compatible program.
 *
 * `--sendmail "/usr/sbin/sendmail -t -i"` runs the command through /bin/sh
 * with the .eml file as its standard input, the way mail merge tools and
 * cron hand mail to the local mail system: -t takes the recipients from
 * the message's headers, -i keeps a line with a single dot. guidepress
 * never speaks SMTP itself. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

#include "mail/mail.h"

extern char **environ;

int gp_mail_sendmail(const char *cmd, const char *eml_path, char *err, size_t err_cap)
{
    int fd = open(eml_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, err_cap, "cannot read %s: %s", eml_path, strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd, STDIN_FILENO);
    /* the program's output must not mix with a PDF on our stdout */
    posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd);
    if (rc != 0) {
        snprintf(err, err_cap, "cannot run the sendmail command: %s", strerror(rc));
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) {
            snprintf(err, err_cap, "cannot wait for the sendmail command: %s", strerror(errno));
            return -1;
        }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 0;
    if (WIFEXITED(st))
        snprintf(err, err_cap, "the sendmail command `%s` exited with status %d", cmd,
                 WEXITSTATUS(st));
    else
        snprintf(err, err_cap, "the sendmail command `%s` was killed by signal %d", cmd,
                 WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return -1;
}
