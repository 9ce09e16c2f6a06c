/* serve/serve_pool.c - the render workers of `guidepress serve`, and the
 * messages the server exchanges with them.
 *
 * Pango and fontconfig are not safe to share between threads, and the
 * server answers each connection on its own thread, so renders happen in
 * worker processes: the program itself, exec'ed (posix_spawn) as
 * `guidepress serve --worker-fd 3`, so a worker never inherits the
 * server's threads (fork without exec in a threaded process may only call
 * async-signal-safe functions). A worker lives as long as its socket: when
 * the server goes, the worker reads end of file and exits.
 *
 * The pool is bounded twice: N workers, and at most a queue of waiting
 * requests; past that a caller gets SV_CALL_BUSY at once and answers 503
 * with Retry-After instead of queueing without bound. A worker that dies
 * or does not answer within the render deadline is killed and replaced,
 * and only the request it held fails.
 *
 * A message is a count, then per field: key length, value length (both
 * 32-bit, host order: both ends are the same binary), key, value. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "serve/serve.h"

#define RENDER_DEADLINE_MS (60 * 1000)
#define QUEUE_WAIT_S       30
#define MAX_REPLY_BYTES    ((size_t)256 << 20)

extern char **environ;

/* Messages ------------------------------------------------------------------ */

void sv_msg_add(sv_msg *m, const char *key, const void *val, size_t len)
{
    if (m->failed)
        return;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        sv_field *f = realloc(m->f, cap * sizeof *f);
        if (!f) {
            m->failed = true;
            return;
        }
        m->f = f;
        m->cap = cap;
    }
    sv_field *f = &m->f[m->n];
    f->key = strdup(key);
    f->val = malloc(len + 1);
    if (!f->key || !f->val) {
        free(f->key);
        free(f->val);
        m->failed = true;
        return;
    }
    if (len)
        memcpy(f->val, val, len);
    f->val[len] = '\0';
    f->len = len;
    m->n++;
}

void sv_msg_adds(sv_msg *m, const char *key, const char *val)
{
    if (val)
        sv_msg_add(m, key, val, strlen(val));
}

const sv_field *sv_msg_get(const sv_msg *m, const char *key)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->f[i].key, key))
            return &m->f[i];
    return NULL;
}

const char *sv_msg_str(const sv_msg *m, const char *key)
{
    const sv_field *f = sv_msg_get(m, key);
    return f ? f->val : NULL;
}

void sv_msg_free(sv_msg *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->f[i].key);
        free(m->f[i].val);
    }
    free(m->f);
    memset(m, 0, sizeof *m);
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads n bytes; the deadline is absolute (CLOCK_MONOTONIC ms), or < 0. */
static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int read_all(int fd, void *p, size_t n, long long deadline)
{
    char *c = p;
    while (n) {
        if (deadline >= 0) {
            long long left = deadline - now_ms();
            if (left <= 0)
                return -1;
            struct pollfd pfd = {fd, POLLIN, 0};
            int r = poll(&pfd, 1, (int)(left > 1000000 ? 1000000 : left));
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                return -1;
        }
        ssize_t got = read(fd, c, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        c += got;
        n -= (size_t)got;
    }
    return 0;
}

int sv_msg_send(int fd, const sv_msg *m)
{
    if (m->failed)
        return -1;
    uint32_t n = (uint32_t)m->n;
    if (write_all(fd, &n, sizeof n))
        return -1;
    for (size_t i = 0; i < m->n; i++) {
        uint32_t h[2] = {(uint32_t)strlen(m->f[i].key), (uint32_t)m->f[i].len};
        if (write_all(fd, h, sizeof h) || write_all(fd, m->f[i].key, h[0]) ||
            write_all(fd, m->f[i].val, h[1]))
            return -1;
    }
    return 0;
}

int sv_msg_recv(int fd, sv_msg *m, size_t max_bytes, int timeout_ms)
{
    long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    uint32_t n;
    size_t total = 0;
    if (read_all(fd, &n, sizeof n, deadline))
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h[2];
        if (read_all(fd, h, sizeof h, deadline))
            return -1;
        total += (size_t)h[0] + h[1] + 8;
        if (h[0] > 256 || total > max_bytes)
            return -1;
        char key[257];
        char *val = malloc((size_t)h[1] + 1);
        if (!val || read_all(fd, key, h[0], deadline) || read_all(fd, val, h[1], deadline)) {
            free(val);
            return -1;
        }
        key[h[0]] = '\0';
        sv_msg_add(m, key, val, h[1]);
        free(val);
        if (m->failed)
            return -1;
    }
    return 0;
}

/* The pool ------------------------------------------------------------------ */

typedef struct sv_worker {
    pid_t pid;
    int fd;
    bool busy;
} sv_worker;

struct sv_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    sv_worker *w;
    int n;
    int waiting, max_waiting;
    char *exe;
};

/* Starts one worker into w (pool lock held). */
static int spawn_worker(sv_pool *p, sv_worker *w)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
        return -1;
    /* The child's end goes to fd 3 in the worker; dup2 to another number
     * drops close-on-exec there, so make sure its number is not 3. */
    int child = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
    close(sv[1]);
    if (child < 0) {
        close(sv[0]);
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, child, 3);
    char *argv[] = {(char *)"guidepress", (char *)"serve", (char *)"--worker-fd", (char *)"3",
                    NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, p->exe, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(child);
    if (rc) {
        close(sv[0]);
        return -1;
    }
    w->pid = pid;
    w->fd = sv[0];
    w->busy = false;
    return 0;
}

static void stop_worker(sv_worker *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    if (w->pid > 0) {
        kill(w->pid, SIGKILL);
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    w->pid = 0;
}

sv_pool *sv_pool_new(int n, const char *exe)
{
    sv_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    p->exe = strdup(exe);
    p->w = calloc((size_t)n, sizeof *p->w);
    p->n = n;
    p->max_waiting = n * 8 < 16 ? 16 : n * 8;
    /* tests set a small queue to see the 503 answer for certain */
    const char *q = getenv("GUIDEPRESS_SERVE_QUEUE");
    if (q && *q >= '0' && *q <= '9' && atoi(q) <= 1000)
        p->max_waiting = atoi(q);
    if (!p->exe || !p->w) {
        sv_pool_free(p);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        p->w[i].fd = -1;
        if (spawn_worker(p, &p->w[i])) {
            sv_pool_free(p);
            return NULL;
        }
    }
    return p;
}

int sv_pool_size(const sv_pool *p)
{
    return p->n;
}

void sv_pool_free(sv_pool *p)
{
    if (!p)
        return;
    for (int i = 0; p->w && i < p->n; i++)
        stop_worker(&p->w[i]);
    free(p->w);
    free(p->exe);
    pthread_cond_destroy(&p->freed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

static sv_worker *idle_worker(sv_pool *p)
{
    for (int i = 0; i < p->n; i++)
        if (!p->w[i].busy && p->w[i].fd >= 0)
            return &p->w[i];
    /* a slot whose worker could not be restarted: try again */
    for (int i = 0; i < p->n; i++)
        if (!p->w[i].busy && p->w[i].fd < 0 && spawn_worker(p, &p->w[i]) == 0)
            return &p->w[i];
    return NULL;
}

int sv_pool_call(sv_pool *p, const sv_msg *req, sv_msg *resp, bool queue)
{
    pthread_mutex_lock(&p->lock);
    sv_worker *w = idle_worker(p);
    if (!w) {
        if (queue && p->waiting >= p->max_waiting) {
            pthread_mutex_unlock(&p->lock);
            return SV_CALL_BUSY;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += QUEUE_WAIT_S;
        p->waiting++;
        while (!(w = idle_worker(p))) {
            int rc = pthread_cond_timedwait(&p->freed, &p->lock, &until);
            if (rc == ETIMEDOUT && queue)
                break;
            if (rc == ETIMEDOUT) { /* a batch waits as long as it takes */
                clock_gettime(CLOCK_REALTIME, &until);
                until.tv_sec += QUEUE_WAIT_S;
            }
        }
        p->waiting--;
        if (!w) {
            pthread_mutex_unlock(&p->lock);
            return SV_CALL_BUSY;
        }
    }
    w->busy = true;
    pthread_mutex_unlock(&p->lock);

    int rc = SV_CALL_OK;
    if (sv_msg_send(w->fd, req) || sv_msg_recv(w->fd, resp, MAX_REPLY_BYTES, RENDER_DEADLINE_MS))
        rc = SV_CALL_FAILED;

    pthread_mutex_lock(&p->lock);
    if (rc != SV_CALL_OK) {
        /* dead, hung or out of step: replace it */
        stop_worker(w);
        spawn_worker(p, w);
    }
    w->busy = false;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
    return rc;
}
