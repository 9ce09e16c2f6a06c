/* batch/pool.c - the worker processes of a batch (gp_batch_run).
 *
 * Pango and fontconfig are not safe to share between threads, and one bad
 * document must not take the batch down, so every worker is a forked
 * process with its own gp_engine (fonts and parsed styles loaded once,
 * reused for every document it renders). The parent never touches Pango;
 * it owns the plan and talks to each worker over its own SOCK_SEQPACKET
 * socket pair: the parent sends a job number (4 bytes), the worker answers
 * with one packet holding the result (status, pages, bytes, ms, its peak
 * memory, the first error and every diagnostic, field by field). Message boundaries
 * come from the socket type, so there is no framing to get wrong.
 *
 * The fsync of a finished PDF overlaps the next document: the worker
 * first sends a short WIRE_RENDERED packet (the file is written, its fsync
 * is running in the worker's commit thread), the parent gives it the next
 * job at once, and the result follows once the fsync succeeded and the
 * file was renamed into place. So a worker holds at most two jobs (w->job
 * being rendered, w->commit being flushed) and "ok" still means a whole
 * file on disk.
 *
 * A worker that dies (a signal, an exit) while holding a job fails that
 * job alone: the parent reports the signal, removes the job's temporary
 * file and starts a replacement. On SIGINT, SIGTERM or SIGHUP the parent
 * hands out no more work and tells every worker to stop. A worker holds
 * those signals while it renders a document and sends its result, so a
 * document in flight is either finished and counted (the parent reads
 * its result before it reaps the worker) or, when it has not finished
 * within a grace period, killed before its rename; the parent then
 * removes its temporary file. So the summary's "ok" is exactly the
 * number of files written, and unfinished documents never appear
 * (gp_render writes through a temporary file and a rename). Workers ask the kernel to kill them
 * when the parent dies, so a kill -9 of the parent leaves at most OUTPUT.tmp.XXXXXX files, which
 * --resume removes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "base/alloc.h"
#include "batch/batch_int.h"
#include "engine/engine.h"
#include "mail/mail.h"
#include "model/style_struct.h"

#define MAX_PACKET (64 * 1024)
#define MAX_DIAGS  (32 * 1024) /* bytes of diagnostics in one result */

/* What a packet from a worker says about document `index`. */
enum { WIRE_RESULT = 0, WIRE_RENDERED = 1 };

typedef struct wire_hdr {
    uint32_t index;
    int32_t stage; /* WIRE_RENDERED: written, its fsync running; WIRE_RESULT: done */
    int32_t ok;
    int32_t pages;
    int32_t line, col;
    uint32_t file_len, msg_len, diags_len;
    uint64_t bytes;
    uint64_t eml_bytes;
    double ms;
    int64_t rss_kb;
} wire_hdr;

typedef struct worker {
    pid_t pid;       /* 0: slot unused */
    int fd;          /* -1: closed */
    long job;        /* index in b->jobs being rendered, -1 when none */
    double t_job;    /* when it was given the job (gp_batch_now) */
    long commit;     /* rendered, its fsync and rename running, -1 when none */
    double t_commit; /* when that one became the worker's only document */
    bool over;       /* killed for going over the time budget */
} worker;

/* The write end of the self-pipe the signal handler writes to. */
static volatile sig_atomic_t g_sig_fd = -1;

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char c = (unsigned char)sig;
    if (g_sig_fd >= 0 && write(g_sig_fd, &c, 1) < 0) {
        /* nothing to do: the pipe is full, a signal is already pending */
    }
    errno = saved;
}

static const int HANDLED[] = {SIGINT, SIGTERM, SIGHUP};
#define N_HANDLED (sizeof HANDLED / sizeof *HANDLED)

/* How long an interrupted batch waits for the documents in flight to
 * finish before it kills their workers. */
#define GRACE_S 10.0

static void handled_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < N_HANDLED; i++)
        sigaddset(set, HANDLED[i]);
}

/* One diagnostic on the wire, followed by its file, path, hint and
 * message bytes. */
typedef struct wire_diag {
    int32_t code, severity, line, col;
    uint32_t file_len, path_len, hint_len, msg_len;
} wire_diag;

/* Worker side ------------------------------------------------------------- */

/* A copy of d where diagnostics without a file point home: a bad --set
 * value from a CSV cell (a `date` of 2026-13-01) at that cell, a style that
 * cannot be found at the CSV's style cell (or nowhere when it came from -s:
 * it is not this document's fault), a request the build cannot serve at the
 * CSV row, and anything else (a painter failure) at the guide. */
static gp_diags *locate_diags(const gp_bjob *j, const gp_batch_opts *o, const gp_diags *d,
                              bool style_failed)
{
    gp_diags *m = gp_diags_new();
    if (!m)
        return NULL;
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        const char *file = g->file;
        int line = g->line, col = g->col;
        if (!file) {
            file = j->input;
            line = col = 0;
            if (j->row > 0 && g->code == GP_ERR_USAGE) {
                file = o->csv_path;
                line = j->line;
                col = 1;
            }
            for (size_t k = 0; k < j->n_set; k++)
                if (g->path && !strcmp(g->path, j->set_keys[k]) && j->set_line[k] > 0) {
                    file = o->csv_path;
                    line = j->set_line[k];
                    col = j->set_col[k];
                }
            if (style_failed) {
                file = j->style_line > 0 ? o->csv_path : NULL;
                line = j->style_line;
                col = j->style_col;
            }
        }
        gp_diags_add(m, g->code, g->severity, file, line, col, g->path, g->hint, "%s", g->message);
    }
    return m;
}

static size_t append(char *buf, size_t at, const char *s, size_t max, uint32_t *len_out)
{
    size_t n = s ? strlen(s) : 0;
    if (n > max)
        n = max;
    if (n)
        memcpy(buf + at, s, n);
    *len_out = (uint32_t)n;
    return at + n;
}

/* A document a worker has rendered: its result so far, its diagnostics
 * (located), and, while its fsync runs, the output to rename. */
typedef struct done_doc {
    uint32_t idx;
    int rc;
    gp_render_result res;
    gp_diags *m;
    gp_render_pending *pending;
} done_doc;

/* Renders job idx into *out. A PDF written to a file comes back with
 * out->pending set (the caller fsyncs and renames it); a document that
 * also mails (--sendmail) is committed here first, so that no message
 * goes out for a file that is not on disk. */
static void worker_render(gp_engine *e, const gp_diags *engine_diags, gp_batch *b, uint32_t idx,
                          gp_diags *d, done_doc *out)
{
    gp_bjob *j = &b->jobs[idx];
    gp_render_result res = {0};
    int rc = -1;
    bool style_failed = false;
    gp_render_pending *pending = NULL;
    gp_diags_clear(d);
    const char *spec = j->style ? j->style : b->opt.style;
    /* The style first (then cached by the engine), so that its errors are
     * known to be the style's. */
    if (e && !gp_engine_style(e, spec, d)) {
        style_failed = true;
    } else if (e) {
        gp_render_request req;
        gp_render_request_init(&req);
        req.guide_path = j->input;
        req.output_path = j->output;
        req.style = spec;
        req.backend = b->opt.backend;
        req.password = j->password ? j->password : b->opt.password;
        req.pdfa = b->opt.pdfa;
        req.format = b->opt.format;
        req.mode = b->opt.mode;
        if (b->opt.csv_path) { /* a row's output may never replace the CSV */
            req.inputs = &b->opt.csv_path;
            req.n_inputs = 1;
        }
        req.ics_path = j->ics;
        req.eml_path = j->eml;
        req.mail_to = j->mail_to;
        req.mail_from = b->opt.mail_from;
        req.mail_subject = b->opt.mail_subject;
        /* the command line's --set first, so the row's cells win */
        const char *keys[GP_BATCH_MAX_SET + GP_BATCH_ROW_SET];
        const char *values[GP_BATCH_MAX_SET + GP_BATCH_ROW_SET];
        size_t n = 0;
        for (size_t k = 0; k < b->opt.n_set; k++, n++) {
            keys[n] = b->opt.set_keys[k];
            values[n] = b->opt.set_values[k];
        }
        for (size_t k = 0; k < j->n_set; k++, n++) {
            keys[n] = j->set_keys[k];
            values[n] = j->set_values[k];
        }
        req.set_keys = keys;
        req.set_values = values;
        req.n_set = n;
        gp_guide *composed = NULL;
        const char *profiles[2] = {j->input, j->role_to_path}; /* outlives gp_render */
        if (j->role_to) { /* --matrix: compose the pair here, in the worker */
            composed = gp_batch_matrix_compose(b, j, d);
            req.guide = composed;
            req.guide_path = NULL;
            req.inputs = profiles;
            req.n_inputs = 2;
        }
        rc = j->role_to && !composed ? -1 : gp_render_deferred(e, &req, &res, d, &pending);
        gp_guide_free(composed);
        if (pending && j->eml && b->opt.sendmail) {
            int ferr = fsync(gp_render_pending_fd(pending)) ? errno : 0;
            rc = gp_render_pending_finish(pending, ferr, d);
            pending = NULL;
        }
        char err[512];
        if (rc == 0 && j->eml && b->opt.sendmail &&
            gp_mail_sendmail(b->opt.sendmail, j->eml, err, sizeof err)) {
            gp_diags_add(d, GP_ERR_IO, GP_SEV_ERROR, j->eml, 0, 0, NULL, NULL, "%s", err);
            rc = -1;
        }
    } else {
        gp_diags_append(d, engine_diags);
    }
    *out = (done_doc){idx, rc, res, locate_diags(j, &b->opt, d, style_failed), pending};
}

/* The result packet of a finished document. */
static void result_packet(const done_doc *doc, char *packet, size_t *packet_len)
{
    int rc = doc->rc;
    const gp_render_result res = doc->res;
    const gp_diags *m = doc->m;
    const gp_diag *first = NULL;
    for (size_t i = 0; m && i < gp_diags_count(m) && !first; i++)
        if (gp_diags_get(m, i)->severity == GP_SEV_ERROR)
            first = gp_diags_get(m, i);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    wire_hdr h = {0};
    h.index = doc->idx;
    h.stage = WIRE_RESULT;
    h.ok = rc == 0;
    h.pages = res.pages;
    h.bytes = res.bytes;
    h.eml_bytes = res.eml_bytes;
    h.ms = res.ms;
    h.rss_kb = ru.ru_maxrss;
    if (rc != 0 && first) {
        h.line = first->line;
        h.col = first->col;
    }
    size_t at = sizeof h;
    if (rc != 0) {
        at = append(packet, at, first ? first->file : NULL, 4096, &h.file_len);
        at = append(packet, at, first ? first->message : "rendering failed", 8192, &h.msg_len);
    }
    /* every diagnostic that fits, whole, in MAX_DIAGS bytes */
    size_t diags_at = at;
    for (size_t i = 0; m && i < gp_diags_count(m); i++) {
        const gp_diag *g = gp_diags_get(m, i);
        wire_diag w = {(int32_t)g->code, (int32_t)g->severity, g->line, g->col, 0, 0, 0, 0};
        size_t need = sizeof w + (g->file ? strlen(g->file) : 0) + (g->path ? strlen(g->path) : 0) +
                      (g->hint ? strlen(g->hint) : 0) + strlen(g->message);
        if (at - diags_at + need > MAX_DIAGS)
            break;
        size_t w_at = at;
        at += sizeof w;
        at = append(packet, at, g->file, MAX_DIAGS, &w.file_len);
        at = append(packet, at, g->path, MAX_DIAGS, &w.path_len);
        at = append(packet, at, g->hint, MAX_DIAGS, &w.hint_len);
        at = append(packet, at, g->message, MAX_DIAGS, &w.msg_len);
        memcpy(packet + w_at, &w, sizeof w);
    }
    h.diags_len = (uint32_t)(at - diags_at);
    memcpy(packet, &h, sizeof h);
    *packet_len = at;
}

/* True when the style spec registers font files with the engine. The
 * style is cached by the engine, so after a render this is a lookup. */
static bool style_adds_fonts(gp_engine *e, const char *spec)
{
    gp_diags *tmp = gp_diags_new();
    const gp_style *s = tmp ? gp_engine_style(e, spec, tmp) : NULL;
    gp_diags_free(tmp);
    return s && s->n_font_files > 0;
}

/* The commit thread --------------------------------------------------------
 *
 * A worker overlaps the fsync of one document with the rendering of the
 * next: the main thread hands the written file's descriptor to this
 * thread, which only calls fsync and answers with its errno. The rename,
 * the result and everything else stay in the main thread, so the temporary
 * file list (base/atomic.c), the diagnostics and Pango are never shared.
 * The thread blocks every signal: a stop signal reaches the main thread,
 * which holds it while a document is in flight. */

typedef struct committer {
    int req[2], rep[2]; /* fds to the thread; errnos back */
    pthread_t thread;
    bool running;
    bool busy; /* an fsync was asked for and its answer not read */
} committer;

static void *commit_thread(void *arg)
{
    committer *c = arg;
    int fd;
    while (read(c->req[0], &fd, sizeof fd) == (ssize_t)sizeof fd) {
        int err = fsync(fd) == 0 ? 0 : errno;
        if (write(c->rep[1], &err, sizeof err) != (ssize_t)sizeof err)
            break;
    }
    return NULL;
}

static int committer_start(committer *c)
{
    if (c->running)
        return 0;
    if (pipe(c->req) != 0)
        return -1;
    if (pipe(c->rep) != 0) {
        close(c->req[0]);
        close(c->req[1]);
        return -1;
    }
    for (int i = 0; i < 2; i++) { /* not inherited by --sendmail's command */
        fcntl(c->req[i], F_SETFD, FD_CLOEXEC);
        fcntl(c->rep[i], F_SETFD, FD_CLOEXEC);
    }
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&c->thread, NULL, commit_thread, c);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        for (int i = 0; i < 2; i++) {
            close(c->req[i]);
            close(c->rep[i]);
        }
        return -1;
    }
    c->running = true;
    return 0;
}

static void committer_stop(committer *c)
{
    if (!c->running)
        return;
    close(c->req[1]); /* the thread's read ends */
    pthread_join(c->thread, NULL);
    close(c->req[0]);
    close(c->rep[0]);
    close(c->rep[1]);
    c->running = false;
}

/* Asks for the fsync of fd; false when the thread cannot take it. */
static bool committer_ask(committer *c, int fd)
{
    if (committer_start(c) != 0)
        return false;
    ssize_t r;
    while ((r = write(c->req[1], &fd, sizeof fd)) < 0 && errno == EINTR) {
    }
    if (r != (ssize_t)sizeof fd)
        return false;
    c->busy = true;
    return true;
}

/* The errno of the fsync asked for last (waits for it). */
static int committer_answer(committer *c)
{
    int err = EIO;
    ssize_t r;
    while ((r = read(c->rep[0], &err, sizeof err)) < 0 && errno == EINTR) {
    }
    c->busy = false;
    return r == (ssize_t)sizeof err ? err : EIO;
}

/* True when a stop signal (held while busy) is waiting for this worker. */
static bool stop_pending(void)
{
    sigset_t p;
    if (sigpending(&p) != 0)
        return false;
    for (size_t i = 0; i < N_HANDLED; i++)
        if (sigismember(&p, HANDLED[i]))
            return true;
    return false;
}

static bool send_packet(int fd, const char *packet, size_t len)
{
    while (send(fd, packet, len, MSG_NOSIGNAL) < 0)
        if (errno != EINTR)
            return false;
    return true;
}

/* Ends the document whose fsync is running: waits for the fsync, renames
 * the file (or removes it and records the error), and sends the result,
 * so the parent's "ok" always means a whole file on disk. */
static bool finish_doc(committer *c, done_doc *doc, int fd, char *packet)
{
    int err = committer_answer(c);
    doc->rc = gp_render_pending_finish(doc->pending, err, doc->m);
    doc->pending = NULL;
    size_t len = 0;
    result_packet(doc, packet, &len);
    gp_diags_free(doc->m);
    doc->m = NULL;
    return send_packet(fd, packet, len);
}

static void worker_main(gp_batch *b, int fd)
{
    gp_diags *engine_diags = gp_diags_new();
    gp_diags *d = gp_diags_new();
    /* The library stops a document over --time-limit itself, with a clear
     * error; the parent's SIGKILL stays for a worker stuck outside it. */
    gp_limits lim;
    gp_limits_default(&lim);
    lim.max_seconds = b->opt.time_limit_s;
    gp_engine_options eo = {NULL, &lim};
    gp_engine *e = gp_engine_new(&eo, engine_diags);
    char *packet = gp_malloc(MAX_PACKET);
    const char *crash = getenv("GUIDEPRESS_BATCH_TEST_CRASH"); /* tests only */
    const char *hang = getenv("GUIDEPRESS_BATCH_TEST_HANG");   /* tests only */
    /* A style's font files stay registered in the engine and would be
     * found as fallbacks by the next document with another style, making
     * a document's bytes depend on what its worker rendered before. So
     * the engine is rebuilt when the style changes after one that added
     * fonts: every document sees the bundled fonts plus its own style's. */
    char *fonts_from = NULL;
    if (!packet || !d || !engine_diags)
        _exit(3);
    committer c = {0};
    done_doc syncing = {0}; /* the document whose fsync runs, when c.busy */
    sigset_t held;
    handled_set(&held);
    for (;;) {
        uint32_t idx;
        ssize_t r;
        if (!c.busy) {
            /* idle: a stop signal ends the worker at once */
            sigprocmask(SIG_UNBLOCK, &held, NULL);
            r = recv(fd, &idx, sizeof idx, 0);
            /* busy: a stop signal waits until this document's result is sent */
            sigprocmask(SIG_BLOCK, &held, NULL);
            if (r < 0 && errno == EINTR)
                continue;
        } else {
            /* a document's fsync runs: wait, signals held, for it or for
             * the next document, whichever comes first */
            struct pollfd p[2] = {{fd, POLLIN, 0}, {c.rep[0], POLLIN, 0}};
            if (poll(p, 2, -1) < 0 && errno != EINTR)
                goto out;
            if (p[1].revents || stop_pending()) {
                /* its fsync is done, or a stop signal came: end it first */
                if (!finish_doc(&c, &syncing, fd, packet))
                    goto out;
                continue;
            }
            if (!p[0].revents)
                continue;
            r = recv(fd, &idx, sizeof idx, 0);
            if (r < 0 && errno == EINTR)
                continue;
        }
        if (r != (ssize_t)sizeof idx || idx >= b->n_jobs)
            break; /* the parent closed the socket: no more work */
        gp_bjob *j = &b->jobs[idx];
        if (crash && crash[0] && strstr(j->input, crash))
            kill(getpid(), SIGKILL);
        if (hang && hang[0] && strstr(j->input, hang))
            for (;;)
                pause();
        const char *spec = j->style ? j->style : b->opt.style ? b->opt.style : "default";
        if (fonts_from && strcmp(fonts_from, spec) != 0) {
            gp_engine_free(e);
            gp_diags_clear(engine_diags);
            e = gp_engine_new(&eo, engine_diags);
            gp_free(fonts_from);
            fonts_from = NULL;
        }
        done_doc doc;
        worker_render(e, engine_diags, b, idx, d, &doc);
        if (e && !fonts_from && style_adds_fonts(e, spec))
            fonts_from = gp_strdup(spec);
        /* the previous document's fsync ran while this one was rendered */
        if (c.busy && !finish_doc(&c, &syncing, fd, packet)) {
            gp_render_pending_abort(doc.pending);
            gp_diags_free(doc.m);
            goto out;
        }
        if (doc.pending && committer_ask(&c, gp_render_pending_fd(doc.pending))) {
            /* tell the parent, which gives out the next document now */
            wire_hdr h = {0};
            h.index = idx;
            h.stage = WIRE_RENDERED;
            syncing = doc;
            if (!send_packet(fd, (const char *)&h, sizeof h))
                goto out;
            continue;
        }
        if (doc.pending) { /* no thread: fsync here, as gp_render does */
            int ferr = fsync(gp_render_pending_fd(doc.pending)) ? errno : 0;
            doc.rc = gp_render_pending_finish(doc.pending, ferr, doc.m);
            doc.pending = NULL;
        }
        size_t len = 0;
        result_packet(&doc, packet, &len);
        gp_diags_free(doc.m);
        if (!send_packet(fd, packet, len))
            goto out;
    }
    if (c.busy)
        finish_doc(&c, &syncing, fd, packet);
out:
    if (c.busy) { /* the parent is gone: the document stays unfinished */
        committer_answer(&c);
        gp_render_pending_abort(syncing.pending);
        gp_diags_free(syncing.m);
    }
    committer_stop(&c);
    gp_batch_matrix_done();
    gp_free(fonts_from);
    gp_engine_free(e);
    gp_diags_free(d);
    gp_diags_free(engine_diags);
    gp_free(packet);
    close(fd);
    exit(0);
}

/* Parent side -------------------------------------------------------------- */

static int spawn(gp_batch *b, worker *ws, size_t nw, size_t k, const int sig_pipe[2])
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)
        return -1;
    int buf = MAX_PACKET * 2;
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
        if (getppid() != parent)
            _exit(1);
        for (size_t i = 0; i < N_HANDLED; i++)
            signal(HANDLED[i], SIG_DFL);
        close(sv[0]);
        close(sig_pipe[0]);
        close(sig_pipe[1]);
        for (size_t i = 0; i < nw; i++)
            if (i != k && ws[i].fd >= 0)
                close(ws[i].fd);
        worker_main(b, sv[1]);
    }
    close(sv[1]);
    ws[k].pid = pid;
    ws[k].fd = sv[0];
    ws[k].job = -1;
    ws[k].commit = -1;
    ws[k].over = false;
    return 0;
}

/* The jobs still to hand out: todo from cursor on, plus jobs given back
 * because their worker was gone before it could take them. */
typedef struct jobq {
    size_t cursor;
    long *back;
    size_t n_back; /* at most two per worker */
} jobq;

/* Next pending job, or -1. */
static long next_job(gp_batch *b, jobq *q)
{
    if (q->n_back)
        return q->back[--q->n_back];
    while (q->cursor < b->n_todo) {
        size_t j = b->todo[q->cursor++];
        if (b->jobs[j].status == GP_BATCH_PENDING)
            return (long)j;
    }
    return -1;
}

static bool more_jobs(const gp_batch *b, const jobq *q)
{
    return q->n_back > 0 || q->cursor < b->n_todo;
}

static void close_worker(worker *w)
{
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
}

/* Gives w its next job, or, when none is left and w has no document in
 * flight, closes its socket (it then exits). */
static void dispatch(gp_batch *b, worker *w, jobq *q)
{
    long j = next_job(b, q);
    if (j < 0) {
        if (w->commit < 0)
            close_worker(w);
        return;
    }
    uint32_t idx = (uint32_t)j;
    w->job = j;
    w->t_job = gp_batch_now();
    ssize_t r;
    while ((r = send(w->fd, &idx, sizeof idx, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
    }
    if (r < 0) { /* the worker died before it took the job: not the job's fault */
        q->back[q->n_back++] = j;
        w->job = -1;
    } /* its hang-up is seen at the next poll */
}

static char *dup_n(const char *s, size_t n)
{
    char *d = gp_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* The diagnostics of a result packet; NULL when none could be read. */
static gp_diags *read_diags(const char *p, size_t len)
{
    gp_diags *d = gp_diags_new();
    size_t at = 0;
    while (d && at + sizeof(wire_diag) <= len) {
        wire_diag w;
        memcpy(&w, p + at, sizeof w);
        at += sizeof w;
        size_t n = (size_t)w.file_len + w.path_len + w.hint_len + w.msg_len;
        if (n > len - at)
            break;
        char *file = w.file_len ? dup_n(p + at, w.file_len) : NULL;
        char *path = w.path_len ? dup_n(p + at + w.file_len, w.path_len) : NULL;
        char *hint = w.hint_len ? dup_n(p + at + w.file_len + w.path_len, w.hint_len) : NULL;
        char *msg = dup_n(p + at + w.file_len + w.path_len + w.hint_len, w.msg_len);
        at += n;
        if (msg)
            gp_diags_add(d, (gp_code)w.code,
                         w.severity == GP_SEV_WARNING ? GP_SEV_WARNING : GP_SEV_ERROR, file, w.line,
                         w.col, path, hint, "%s", msg);
        gp_free(file);
        gp_free(path);
        gp_free(hint);
        gp_free(msg);
    }
    if (d && !gp_diags_count(d)) {
        gp_diags_free(d);
        d = NULL;
    }
    return d;
}

static void take_result(gp_batch *b, worker *w, const char *pkt, size_t len)
{
    wire_hdr h;
    if (len < sizeof h)
        return;
    memcpy(&h, pkt, sizeof h);
    if (h.index >= b->n_jobs || sizeof h + h.file_len + h.msg_len + h.diags_len > len)
        return;
    if (h.stage == WIRE_RENDERED) { /* written; the result follows its fsync */
        if ((long)h.index == w->job) {
            w->commit = w->job;
            w->t_commit = gp_batch_now();
            w->job = -1;
        }
        return;
    }
    gp_bjob *j = &b->jobs[h.index];
    const char *p = pkt + sizeof h;
    j->status = h.ok ? GP_BATCH_OK : GP_BATCH_FAILED;
    j->pages = h.pages;
    j->bytes = (size_t)h.bytes;
    j->eml_bytes = (size_t)h.eml_bytes;
    j->ms = h.ms;
    if (!h.ok) {
        j->err_file = h.file_len ? dup_n(p, h.file_len) : NULL;
        j->err_msg = dup_n(p + h.file_len, h.msg_len);
        j->err_line = h.line;
        j->err_col = h.col;
    }
    j->diags = h.diags_len ? read_diags(p + h.file_len + h.msg_len, h.diags_len) : NULL;
    if (h.rss_kb > b->max_rss_kb)
        b->max_rss_kb = (long)h.rss_kb;
    if ((long)h.index == w->job)
        w->job = -1;
    if ((long)h.index == w->commit)
        w->commit = -1;
    gp_batch_job_done(b, h.index);
}

/* A worker's socket hung up: reap it and fail the job it held. A worker
 * can hold two: one being rendered, and the one before it, written and
 * waiting for its fsync (which the worker finishes after the rendering).
 * The one being rendered is the one that died; the other is given out
 * again (its temporary file removed; had it been renamed already, it is
 * written again, with the same bytes). */
static void worker_died(gp_batch *b, worker *w, jobq *q)
{
    close_worker(w);
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
    }
    w->pid = 0;
    long blamed = w->job >= 0 ? w->job : w->commit;
    if (w->job >= 0 && w->commit >= 0) {
        size_t ci = (size_t)w->commit;
        gp_batch_clean_tmp(b, &ci, 1);
        q->back[q->n_back++] = w->commit;
    }
    w->job = w->commit = -1;
    if (blamed < 0)
        return;
    size_t ji = (size_t)blamed;
    gp_bjob *j = &b->jobs[ji];
    gp_batch_clean_tmp(b, &ji, 1);
    if (w->over)
        gp_batch_fail(j, j->input, 0, 0,
                      "stopped after %.0f s: the document went over the per-document time "
                      "budget (--time-limit)",
                      b->opt.time_limit_s);
    else if (WIFSIGNALED(st))
        gp_batch_fail(j, j->input, 0, 0,
                      "the worker rendering this document crashed: signal %d (%s)", WTERMSIG(st),
                      strsignal(WTERMSIG(st)));
    else
        gp_batch_fail(j, j->input, 0, 0,
                      "the worker rendering this document exited unexpectedly with status %d",
                      WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    gp_batch_job_done(b, ji);
}

/* What the worker behind a polled socket p has for the parent: *w is that
 * worker, and the return value the length of the result packet read into
 * pkt, 0 when it hung up (or its socket broke), or -1 when there is
 * nothing to do now (no event, or a signal interrupted the read). */
static ssize_t ready(worker *ws, size_t nw, const struct pollfd *p, char *pkt, worker **w)
{
    *w = NULL;
    if (!p->revents)
        return -1;
    for (size_t k = 0; k < nw && !*w; k++)
        if (ws[k].fd == p->fd)
            *w = &ws[k];
    if (!*w)
        return -1;
    ssize_t r = (p->revents & POLLIN) ? recv(p->fd, pkt, MAX_PACKET, 0) : 0;
    if (r < 0)
        return errno == EINTR ? -1 : 0; /* a broken socket: as a hang-up */
    return r;
}

/* After a stop signal: read the results of the documents in flight (their
 * workers finish them, send them and then die of the pending signal), for
 * up to GRACE_S seconds; a worker still busy after that is killed, and
 * its document is reported skipped. */
static void drain(gp_batch *b, worker *ws, size_t nw, struct pollfd *pfd, char *pkt)
{
    double until = gp_batch_now() + GRACE_S;
    for (;;) {
        size_t np = 0;
        for (size_t k = 0; k < nw; k++)
            if (ws[k].fd >= 0 && (ws[k].job >= 0 || ws[k].commit >= 0))
                pfd[np++] = (struct pollfd){ws[k].fd, POLLIN, 0};
        double left = until - gp_batch_now();
        if (np == 0 || left <= 0)
            break;
        int n = poll(pfd, np, (int)(left * 1000) + 1);
        if (n < 0 && errno != EINTR)
            break;
        for (size_t i = 0; n > 0 && i < np; i++) {
            worker *w;
            ssize_t r = ready(ws, nw, &pfd[i], pkt, &w);
            if (r < 0)
                continue;
            if (r > 0)
                take_result(b, w, pkt, (size_t)r);
            else
                close_worker(w); /* gone without a result: its job is skipped */
        }
    }
    for (size_t k = 0; k < nw; k++)
        if (ws[k].pid > 0 && (ws[k].job >= 0 || ws[k].commit >= 0))
            kill(ws[k].pid, SIGKILL);
}

int gp_batch_pool_run(gp_batch *b)
{
    jobq q = {0};
    size_t pending = 0;
    for (size_t i = 0; i < b->n_todo; i++)
        pending += b->jobs[b->todo[i]].status == GP_BATCH_PENDING;
    if (!pending)
        return 0;
    size_t nw = b->opt.workers > 0 ? (size_t)b->opt.workers : 1;
    if (nw > pending)
        nw = pending;
    int sig_pipe[2];
    if (pipe(sig_pipe) != 0) {
        gp_diags_add(b->run_diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "pipe: %s",
                     strerror(errno));
        return -1;
    }
    fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
    fcntl(sig_pipe[0], F_SETFL, O_NONBLOCK);
    g_sig_fd = sig_pipe[1];
    struct sigaction sa, old[N_HANDLED];
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_HANDLED; i++)
        sigaction(HANDLED[i], &sa, &old[i]);

    worker *ws = gp_calloc(nw, sizeof *ws);
    struct pollfd *pfd = gp_calloc(nw + 1, sizeof *pfd);
    char *pkt = gp_malloc(MAX_PACKET);
    q.back = gp_calloc(2 * nw, sizeof *q.back);
    int rc = 0;
    if (!ws || !pfd || !pkt || !q.back) {
        gp_diags_add(b->run_diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory");
        rc = -1;
        goto out;
    }
    for (size_t k = 0; k < nw; k++)
        ws[k].fd = -1;
    for (size_t k = 0; k < nw; k++) {
        if (spawn(b, ws, nw, k, sig_pipe) != 0) {
            if (k == 0) {
                gp_diags_add(b->run_diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                             "cannot start a worker: %s", strerror(errno));
                rc = -1;
                goto out;
            }
            break; /* run with the workers we have */
        }
        dispatch(b, &ws[k], &q);
    }
    for (;;) {
        size_t np = 0;
        pfd[np++] = (struct pollfd){sig_pipe[0], POLLIN, 0};
        for (size_t k = 0; k < nw; k++)
            if (ws[k].fd >= 0)
                pfd[np++] = (struct pollfd){ws[k].fd, POLLIN, 0};
        if (np == 1)
            break; /* every worker has been told to stop */
        /* the time budget: wake up when the oldest job runs out of it,
         * and stop a worker that is over it (the document fails alone;
         * a new worker takes the next one) */
        int timeout = -1;
        if (b->opt.time_limit_s > 0) {
            double t = gp_batch_now();
            for (size_t k = 0; k < nw; k++) {
                /* the document being rendered; else the one whose fsync runs */
                if (ws[k].fd < 0 || (ws[k].job < 0 && ws[k].commit < 0) || ws[k].over)
                    continue;
                double since = ws[k].job >= 0 ? ws[k].t_job : ws[k].t_commit;
                double left = since + b->opt.time_limit_s - t;
                if (left <= 0) {
                    ws[k].over = true;
                    kill(ws[k].pid, SIGKILL);
                    continue;
                }
                int ms = (int)(left * 1000) + 1;
                if (timeout < 0 || ms < timeout)
                    timeout = ms;
            }
        }
        if (poll(pfd, np, timeout) < 0) {
            if (errno == EINTR)
                continue;
            gp_diags_add(b->run_diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "poll: %s",
                         strerror(errno));
            rc = -1;
            break;
        }
        unsigned char sig;
        if ((pfd[0].revents & POLLIN) && read(sig_pipe[0], &sig, 1) == 1) {
            b->interrupted = sig;
            break;
        }
        for (size_t i = 1; i < np; i++) {
            worker *w;
            ssize_t r = ready(ws, nw, &pfd[i], pkt, &w);
            if (r < 0)
                continue;
            if (r > 0) {
                take_result(b, w, pkt, (size_t)r);
                if (w->job < 0)
                    dispatch(b, w, &q);
                continue;
            }
            size_t k = (size_t)(w - ws);
            worker_died(b, w, &q);
            if (more_jobs(b, &q) && spawn(b, ws, nw, k, sig_pipe) == 0)
                dispatch(b, &ws[k], &q);
        }
    }
    if (b->interrupted) {
        for (size_t k = 0; k < nw; k++)
            if (ws[k].pid > 0)
                kill(ws[k].pid, SIGTERM);
        drain(b, ws, nw, pfd, pkt);
    }
    for (size_t k = 0; k < nw; k++) {
        if (ws[k].pid <= 0)
            continue;
        close_worker(&ws[k]);
        int st = 0;
        while (waitpid(ws[k].pid, &st, 0) < 0 && errno == EINTR) {
        }
        if (!b->interrupted && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
            gp_diags_add(b->run_diags, GP_WARN_OTHER, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "a worker ended badly (%s %d) after its last document",
                         WIFSIGNALED(st) ? "signal" : "status",
                         WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
            b->worker_errors++;
        }
        for (int i = 0; i < 2; i++) { /* in flight when interrupted */
            long jj = i ? ws[k].commit : ws[k].job;
            size_t ji = (size_t)jj;
            if (jj >= 0)
                gp_batch_clean_tmp(b, &ji, 1);
        }
    }
    for (size_t i = 0; i < b->n_todo; i++) {
        gp_bjob *j = &b->jobs[b->todo[i]];
        if (j->status != GP_BATCH_PENDING)
            continue;
        if (b->interrupted) {
            j->status = GP_BATCH_SKIPPED;
            b->skipped++;
        } else { /* every worker died and none could be started again */
            gp_batch_fail(j, j->input, 0, 0, "not rendered: no worker process could be started");
            gp_batch_job_done(b, b->todo[i]);
        }
    }
out:
    for (size_t i = 0; i < N_HANDLED; i++)
        sigaction(HANDLED[i], &old[i], NULL);
    g_sig_fd = -1;
    close(sig_pipe[0]);
    close(sig_pipe[1]);
    gp_free(ws);
    gp_free(pfd);
    gp_free(pkt);
    gp_free(q.back);
    return rc;
}

/* Temporary files ----------------------------------------------------------- */

typedef struct out_name {
    char *dir;
    const char *base;
} out_name;

static int cmp_out(const void *a, const void *b)
{
    const out_name *x = a, *y = b;
    int c = strcmp(x->dir, y->dir);
    return c ? c : strcmp(x->base, y->base);
}

static int cmp_base(const void *key, const void *elem)
{
    return strcmp(key, ((const out_name *)elem)->base);
}

/* "x.pdf.tmp.Ab12Cd" -> length of "x.pdf", else 0. */
static size_t tmp_prefix(const char *name)
{
    size_t l = strlen(name);
    if (l <= 11 || memcmp(name + l - 11, ".tmp.", 5) != 0)
        return 0;
    return l - 11;
}

size_t gp_batch_clean_tmp(gp_batch *b, const size_t *idx, size_t n)
{
    out_name *o = gp_calloc(n ? n : 1, sizeof *o);
    size_t no = 0, removed = 0;
    if (!o)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *out = b->jobs[idx[i]].output;
        if (!out)
            continue;
        const char *slash = strrchr(out, '/');
        o[no].dir = slash ? dup_n(out, slash == out ? 1 : (size_t)(slash - out)) : dup_n(".", 1);
        o[no].base = slash ? slash + 1 : out;
        if (o[no].dir)
            no++;
    }
    qsort(o, no, sizeof *o, cmp_out);
    for (size_t s = 0; s < no;) {
        size_t e = s + 1;
        while (e < no && !strcmp(o[e].dir, o[s].dir))
            e++;
        DIR *dir = opendir(o[s].dir);
        struct dirent *de;
        while (dir && (de = readdir(dir)) != NULL) {
            size_t pl = tmp_prefix(de->d_name);
            if (!pl)
                continue;
            char *prefix = dup_n(de->d_name, pl);
            if (prefix && bsearch(prefix, o + s, e - s, sizeof *o, cmp_base)) {
                size_t dl = strlen(o[s].dir);
                char *path = gp_malloc(dl + strlen(de->d_name) + 2);
                if (path) {
                    sprintf(path, "%s/%s", o[s].dir, de->d_name);
                    removed += unlink(path) == 0;
                    gp_free(path);
                }
            }
            gp_free(prefix);
        }
        if (dir)
            closedir(dir);
        s = e;
    }
    for (size_t i = 0; i < no; i++)
        gp_free(o[i].dir);
    gp_free(o);
    return removed;
}
