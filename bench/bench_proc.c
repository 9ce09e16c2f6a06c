/* bench/bench_proc.c - the real command line as a child process.
 *
 * A user or a scheduler pays for a fresh process: loading the program and
 * its shared libraries, fontconfig reading the bundled fonts, parsing the
 * style. gp-bench starts `guidepress` with posix_spawn and takes what the
 * kernel reports when it ends (wait4): the wall time from spawn to exit,
 * the CPU time, and ru_maxrss, the largest resident set of the child or
 * of any child it waited for (a batch's workers), in KiB. That figure
 * also carries the peak of the mm the child had before it exec'ed, which
 * posix_spawn shares with gp-bench: gp-bench runs its children while it is
 * still small (a few MiB), before the warm part loads fonts. */
#include "bench.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static double tv_ms(struct timeval t)
{
    return (double)t.tv_sec * 1e3 + (double)t.tv_usec / 1e3;
}

int bench_spawn(char *const argv[], const char *err_path, bench_child *c)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa)) {
        fputs("gp-bench: out of memory\n", stderr);
        return -1;
    }
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    pid_t pid;
    double t0 = bench_now_ms();
    int err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err) {
        fprintf(stderr, "gp-bench: cannot run %s: %s\n", argv[0], strerror(err));
        return -1;
    }
    int status;
    struct rusage ru;
    pid_t got;
    do
        got = wait4(pid, &status, 0, &ru);
    while (got < 0 && errno == EINTR);
    c->wall_ms = bench_now_ms() - t0;
    if (got < 0) {
        fprintf(stderr, "gp-bench: waiting for %s: %s\n", argv[0], strerror(errno));
        return -1;
    }
    c->cpu_ms = tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
    c->maxrss_kb = ru.ru_maxrss;
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "gp-bench: %s %s died of signal %d\n", argv[0], argv[1], WTERMSIG(status));
        return -1;
    }
    return WEXITSTATUS(status);
}

void bench_show_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[1024];
    for (int i = 0; i < 20 && fgets(line, sizeof line, f); i++)
        fputs(line, stderr);
    fclose(f);
}

int bench_cold_run(const bench_opts *o, int runs, bench_cold *out)
{
    char pdf[PATH_MAX], err[PATH_MAX];
    snprintf(pdf, sizeof pdf, "%s/cold.pdf", o->tmp);
    snprintf(err, sizeof err, "%s/cold.err", o->tmp);
    char *argv[] = {
        (char *)o->cli, "render", (char *)o->guide, "-s", (char *)o->style, "-o", pdf, NULL};
    double wall[16];
    if (runs > 16)
        runs = 16;
    out->runs = runs;
    out->rss_kb = 0;
    for (int i = 0; i < runs; i++) {
        bench_child c;
        int rc = bench_spawn(argv, err, &c);
        if (rc != 0) {
            if (rc > 0)
                fprintf(stderr, "gp-bench: `guidepress render` exited with status %d\n", rc);
            bench_show_file(err);
            return -1;
        }
        wall[i] = c.wall_ms;
        if (c.maxrss_kb > out->rss_kb)
            out->rss_kb = c.maxrss_kb;
    }
    bench_stat s = bench_stat_of(wall, runs);
    out->wall_median = s.median;
    out->wall_min = s.min;
    return 0;
}

int bench_rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char sub[PATH_MAX];
        if (snprintf(sub, sizeof sub, "%s/%s", path, de->d_name) >= (int)sizeof sub ||
            bench_rm_tree(sub))
            rc = -1;
    }
    closedir(dir);
    return rmdir(path) || rc ? -1 : 0;
}

char *bench_find_cli(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) {
        fprintf(stderr, "gp-bench: cannot find my own program: %s\n", strerror(errno));
        return NULL;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = '\0';
    size_t len = strlen(self) + sizeof "/guidepress";
    char *cli = malloc(len);
    if (!cli) {
        fputs("gp-bench: out of memory\n", stderr);
        return NULL;
    }
    snprintf(cli, len, "%s/guidepress", self);
    if (access(cli, X_OK)) {
        fprintf(stderr,
                "gp-bench: %s: %s\n  build it first: cmake --build %s --target guidepress\n", cli,
                strerror(errno), self);
        free(cli);
        return NULL;
    }
    return cli;
}
