/* base/atomic.c - see atomic.h. */
#include "base/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/util.h"

/* Temporary files in progress. Changed only with every signal blocked, so
 * a handler calling gp_atomic_remove_all() always sees a whole list. */
static gp_atomic *volatile g_live;

static void live_link(gp_atomic *a, int add)
{
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    if (add) {
        a->next = g_live;
        g_live = a;
    } else {
        for (gp_atomic *volatile *pp = &g_live; *pp; pp = &(*pp)->next)
            if (*pp == a) {
                *pp = a->next;
                break;
            }
        a->next = NULL;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void gp_atomic_remove_all(void)
{
    for (gp_atomic *a = g_live; a; a = a->next)
        if (a->tmp)
            unlink(a->tmp);
}

/* PATH.tmp.XXXXXX, six random letters, created exclusively. */
static int open_tmp(const char *path, char *tmp, size_t cap, mode_t perm)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned long counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char rnd[6];
        if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
            unsigned long v = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^
                              (++counter * 2654435761u);
            for (size_t k = 0; k < sizeof rnd; k++, v >>= 5)
                rnd[k] = (unsigned char)v;
        }
        char sfx[7];
        for (size_t k = 0; k < 6; k++)
            sfx[k] = abc[rnd[k] % (sizeof abc - 1)];
        sfx[6] = '\0';
        snprintf(tmp, cap, "%s.tmp.%s", path, sfx);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, perm);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

static void release(gp_atomic *a)
{
    gp_free(a->tmp);
    gp_free(a->path);
    memset(a, 0, sizeof *a);
}

int gp_atomic_open(gp_atomic *a, const char *path, mode_t perm)
{
    memset(a, 0, sizeof *a);
    size_t cap = strlen(path) + 16;
    a->path = gp_strdup(path);
    a->tmp = gp_malloc(cap);
    if (!a->path || !a->tmp) {
        release(a);
        errno = ENOMEM;
        return -1;
    }
    /* Linked before the file exists, so a signal between open and link
     * cannot leave it behind. */
    snprintf(a->tmp, cap, "%s", "");
    live_link(a, 1);
    int fd = open_tmp(path, a->tmp, cap, perm);
    if (fd < 0) {
        int err = errno;
        live_link(a, 0);
        release(a);
        errno = err;
        return -1;
    }
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        int err = errno;
        close(fd);
        unlink(a->tmp);
        live_link(a, 0);
        release(a);
        errno = err;
        return -1;
    }
    return 0;
}

static int commit(gp_atomic *a, int sync)
{
    int rc = 0, err = 0;
    if (fflush(a->f) != 0 || (sync && fsync(fileno(a->f)) != 0)) {
        rc = -1;
        err = errno;
    }
    if (fclose(a->f) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    a->f = NULL;
    if (rc == 0 && rename(a->tmp, a->path) != 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0)
        unlink(a->tmp);
    live_link(a, 0);
    release(a);
    errno = err;
    return rc;
}

int gp_atomic_commit(gp_atomic *a)
{
    return commit(a, 1);
}

int gp_atomic_commit_synced(gp_atomic *a)
{
    return commit(a, 0);
}

void gp_atomic_abort(gp_atomic *a)
{
    if (!a->tmp)
        return;
    int err = errno;
    if (a->f)
        fclose(a->f);
    unlink(a->tmp);
    live_link(a, 0);
    release(a);
    errno = err;
}

int gp_atomic_write_file(const char *path, const void *data, size_t len, mode_t perm)
{
    gp_atomic a;
    if (gp_atomic_open(&a, path, perm))
        return -1;
    if (len && fwrite(data, 1, len, a.f) != len) {
        int err = errno ? errno : EIO;
        gp_atomic_abort(&a);
        errno = err;
        return -1;
    }
    return gp_atomic_commit(&a);
}
