/* serve/serve.h - `guidepress serve`: the advisers' desk, a small web
 * server (libmicrohttpd) in the same program (private to src/serve).
 *
 * Shape: the parent process answers HTTP with libmicrohttpd (one thread
 * per connection, a bounded number of connections) and never touches
 * Pango or fontconfig, which are not safe to share between threads. Every
 * render goes to one of N worker processes (the same program, exec'ed as
 * `guidepress serve --worker-fd 3`), each with its own gp_engine, over a
 * socket pair: a request is a list of key/value fields, so is the answer.
 * A worker renders into memory only; nothing a client typed touches the
 * disk. */
#ifndef GP_SERVE_H
#define GP_SERVE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include <guidepress/guidepress.h>

#include "base/util.h"

/* Limits of the desk (docs/serve.md lists them). */
#define SV_MAX_FORM_BYTES  ((size_t)256 << 10) /* a client's form */
#define SV_MAX_BATCH_BYTES ((size_t)4 << 20)   /* an uploaded merge CSV */
#define SV_MAX_FIELD_BYTES 4000                /* one form field (the note) */
#define SV_MAX_NAME_BYTES  200                 /* names, dates, e-mail */
#define SV_MAX_FIELDS      2000                /* fields in one form */
#define SV_MAX_BATCH_ROWS  1000                /* rows of one batch */
#define SV_MAX_BATCHES     4                   /* batches kept in memory */
#define SV_PREVIEW_PAGES   24                  /* page images in a preview */
#define SV_PREVIEW_DPI     50.0

/* Catalogue: what a request may name ---------------------------------- */

typedef struct sv_guide {
    char *name; /* file name without .yaml: the only thing a request names */
    char *path; /* never sent to a browser */
    char *from, *to, *market, *lang, *title; /* NULL when the guide has errors */
} sv_guide;

typedef struct sv_style {
    char *name;
    char *spec; /* shipped name, or path of the file */
} sv_style;

typedef struct sv_role {
    char *id;    /* profile file name without .yaml: what a request names */
    char *title; /* "Data Engineer" */
} sv_role;

typedef struct sv_catalog {
    sv_guide *guides;
    size_t n_guides;
    sv_role *roles; /* role profiles: guides composed for any pair */
    size_t n_roles;
    char *roles_dir; /* never sent to a browser */
    sv_style *styles;
    size_t n_styles;
} sv_catalog;

/* The extension point for the guide list: fills cat->guides with every
 * *.yaml of the folders (first folder wins a name), loaded to read from,
 * to, market and language; sorted by from-role, then to-role. A later
 * selection (e.g. "from role -> to role" of role profiles) changes this
 * function only. Returns 0, or -1 when no folder can be read. */
int sv_catalog_list_guides(sv_catalog *cat, const char *const *dirs, size_t n_dirs);
/* Styles: every *.yaml of the folders by name, or the shipped ones. */
int sv_catalog_list_styles(sv_catalog *cat, const char *const *dirs, size_t n_dirs,
                           const char *shipped_dir);
/* Role profiles of dir (render --from/--to): 0, or -1 when they do not
 * load (the desk then offers file guides only). */
int sv_catalog_list_roles(sv_catalog *cat, const char *dir);
const sv_role *sv_catalog_role(const sv_catalog *cat, const char *id);
const sv_guide *sv_catalog_guide(const sv_catalog *cat, const char *name);
const sv_style *sv_catalog_style(const sv_catalog *cat, const char *name);
void sv_catalog_free(sv_catalog *cat);

/* Messages between the server and its workers -------------------------- */

typedef struct sv_field {
    char *key;
    char *val; /* NUL-terminated; may hold NULs (images) */
    size_t len;
} sv_field;

typedef struct sv_msg {
    sv_field *f;
    size_t n, cap;
    bool failed; /* an allocation failed */
} sv_msg;

void sv_msg_add(sv_msg *m, const char *key, const void *val, size_t len);
void sv_msg_adds(sv_msg *m, const char *key, const char *val); /* NULL: skipped */
const sv_field *sv_msg_get(const sv_msg *m, const char *key);  /* first */
const char *sv_msg_str(const sv_msg *m, const char *key);      /* NULL when absent */
void sv_msg_free(sv_msg *m);
int sv_msg_send(int fd, const sv_msg *m);
/* 0, or -1 on end of file, error or a message above max_bytes. timeout_ms
 * < 0 waits for ever. */
int sv_msg_recv(int fd, sv_msg *m, size_t max_bytes, int timeout_ms);

/* Worker pool ----------------------------------------------------------- */

typedef struct sv_pool sv_pool;

enum { SV_CALL_OK = 0, SV_CALL_BUSY = 1, SV_CALL_FAILED = 2 };

/* Starts n workers (exec of exe). NULL when none could start. */
sv_pool *sv_pool_new(int n, const char *exe);
/* Sends req to an idle worker and waits for its answer. With queue set,
 * waits for a worker only while fewer than the queue limit are waiting
 * (else SV_CALL_BUSY at once: the caller answers 503). SV_CALL_FAILED
 * when the worker died or hung (it is replaced). */
int sv_pool_call(sv_pool *p, const sv_msg *req, sv_msg *resp, bool queue);
int sv_pool_size(const sv_pool *p);
void sv_pool_free(sv_pool *p);

/* The worker process: answers requests on fd until it closes. */
int sv_worker_main(int fd);

/* The server ----------------------------------------------------------- */

typedef struct sv_batch sv_batch;

typedef struct sv_server {
    sv_catalog cat;
    sv_pool *pool;
    char csrf[65];   /* per-process random token for POST forms */
    char *token;     /* access token, or NULL (loopback without one) */
    char origin[96]; /* never used as a trust decision alone */
    pthread_mutex_t lock;
    sv_batch *batches[SV_MAX_BATCHES];
    bool eml;        /* the engine can write e-mail (.eml) */
    bool start_date; /* the guide takes --set start= */
} sv_server;

#include "cli/frontend.h" /* gp_serve_main, in serve/serve_main.c */

/* An answer, filled by a route and sent by serve_http.c. */
typedef struct sv_reply {
    int status;
    const char *ctype; /* static string */
    gp_buf body;
    char location[160];    /* a redirect, or "" */
    char disposition[200]; /* Content-Disposition, or "" */
    int retry_after;       /* seconds, or 0 */
    char set_cookie[200];  /* Set-Cookie, or "" */
} sv_reply;

/* HTTP (serve_http.c): starts the daemon on addr (IPv4 or IPv6); NULL when
 * it cannot listen. *port receives the bound port. */
struct MHD_Daemon *sv_http_start(sv_server *s, const char *host, int *port, int max_conns);

/* Batches (serve_batch.c). form holds the upload (field csv). */
void sv_batch_create(sv_server *s, const sv_msg *form, sv_reply *r);
/* GET /batch/<id>[/status|/result.zip]; false when url is not one. */
bool sv_batch_get(sv_server *s, const char *url, sv_reply *r);
void sv_batch_free_all(sv_server *s);

/* The guide value of a composed guide (not a file name: '@' never is). */
#define SV_ROLES_GUIDE "@roles"

/* Pages (serve_page.c): HTML into a buffer. */
void sv_html_escape(gp_buf *b, const char *s);
extern const char sv_css[];
extern const char sv_js[];

/* Random hex of 2*n characters into out (n <= 32). 0, or -1. */
int sv_random_hex(char *out, size_t n);

#endif

/* What the desk page shows (serve_page.c). */
typedef struct sv_page {
    const sv_msg *form;    /* submitted values, or NULL (a fresh page) */
    const char *q;         /* guide search, or NULL */
    const sv_guide *guide; /* chosen guide, or NULL */
    const gp_guide *model; /* its model (for the ticks), or NULL */
    const char *ticks_for; /* the name the ticks belong to (the guide's, or a
                              composed pair's "from--to"), or NULL */
    bool ticks_given;      /* the form's ticks belong to this guide */
    const sv_msg *result;  /* a worker's answer (images, diags), or NULL */
    const char *message;   /* a problem with the request, or NULL */
    bool roles;            /* the guide is composed from two role profiles */
    /* a value typed into one field is wrong: shown beside that field */
    const char *start_error, *email_error, *from_error, *roles_error;
} sv_page;

void sv_page_desk(const sv_server *s, const sv_page *pg, gp_buf *out);
void sv_page_login(const sv_server *s, const char *message, gp_buf *out);
void sv_page_message(const char *title, const char *message, gp_buf *out);
void sv_page_batch_form(const sv_server *s, const char *message, gp_buf *out);
/* The file:line:col list of a worker's answer, as HTML. */
void sv_page_diags(const sv_msg *result, gp_buf *out);
