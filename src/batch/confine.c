/* batch/confine.c - a mail merge's output cells stay inside -o DIR.
 *
 * The CSV may come from a web form, so its `output` column is hostile
 * input: `../x.pdf`, `/etc/x.pdf`, `sub/../../x.pdf` or a symlink planted
 * inside DIR must not write anywhere else. A cell is resolved as a path
 * below DIR, component by component: `.` is skipped, `..` goes up one
 * level and may never leave DIR, and every existing component is opened
 * with openat(O_NOFOLLOW | O_DIRECTORY), so a symlink anywhere inside DIR
 * (to a folder or a file) is refused by the kernel rather than by looking
 * at the text. The output then names its file by this normal form
 * (DIR/a/b.pdf), so two cells that name one file (`same.pdf`,
 * `./same.pdf`, `x/../same.pdf`) are found as duplicates, and an output
 * that is an input of the batch (a guide, a style, the CSV) is refused by
 * device and inode. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "batch/batch_int.h"

#define MAX_PARTS 64

char *gp_batch_confine(const char *out_dir, const char *rel, char *why, size_t why_len)
{
    why[0] = '\0';
    if (rel[0] == '/') {
        snprintf(why, why_len, "is an absolute path; a merge writes only inside the -o folder");
        return NULL;
    }
    char *copy = gp_strdup(rel);
    if (!copy)
        return NULL;
    const char *parts[MAX_PARTS];
    size_t n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        if (!strcmp(tok, "."))
            continue;
        if (!strcmp(tok, "..")) {
            if (n == 0) {
                snprintf(why, why_len, "leaves the -o folder (`..` above it)");
                gp_free(copy);
                return NULL;
            }
            n--;
            continue;
        }
        if (n == MAX_PARTS) {
            snprintf(why, why_len, "has more than %d folder levels", MAX_PARTS);
            gp_free(copy);
            return NULL;
        }
        parts[n++] = tok;
    }
    if (n == 0) {
        snprintf(why, why_len, "names the -o folder itself, not a file in it");
        gp_free(copy);
        return NULL;
    }
    /* Walk what exists with the kernel refusing symlinks. */
    int dfd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (size_t i = 0; dfd >= 0 && i < n; i++) {
        struct stat st;
        if (fstatat(dfd, parts[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
            break; /* missing: made by the batch, so no symlink on the way */
        if (S_ISLNK(st.st_mode)) {
            if (i + 1 == n)
                snprintf(why, why_len, "is a symlink inside the -o folder; it was left alone");
            else
                snprintf(why, why_len, "goes through the symlink `%s` inside the -o folder",
                         parts[i]);
            break;
        }
        if (i + 1 == n) {
            if (S_ISDIR(st.st_mode))
                snprintf(why, why_len, "is a folder");
            break;
        }
        int next = openat(dfd, parts[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            snprintf(why, why_len, "goes through `%s`, which is %s", parts[i],
                     errno == ELOOP ? "a symlink" : "not a folder");
            break;
        }
        close(dfd);
        dfd = next;
    }
    if (dfd >= 0)
        close(dfd);
    if (why[0]) {
        gp_free(copy);
        return NULL;
    }
    size_t len = strlen(out_dir) + 2;
    for (size_t i = 0; i < n; i++)
        len += strlen(parts[i]) + 1;
    char *out = gp_malloc(len);
    if (out) {
        size_t at = (size_t)snprintf(out, len, "%s", out_dir);
        for (size_t i = 0; i < n; i++)
            at += (size_t)snprintf(out + at, len - at, "/%s", parts[i]);
    }
    gp_free(copy);
    return out;
}

typedef struct file_id {
    dev_t dev;
    ino_t ino;
} file_id;

static int cmp_id(const void *a, const void *b)
{
    const file_id *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return 0;
}

static bool style_file(const char *s)
{
    size_t l = s ? strlen(s) : 0;
    return s && (strchr(s, '/') || (l > 5 && !strcmp(s + l - 5, ".yaml")) ||
                 (l > 4 && !strcmp(s + l - 4, ".yml")));
}

void gp_batch_check_inputs(gp_batch *b, const char *csv)
{
    size_t cap = 2 * b->n_jobs + 2, n = 0;
    file_id *ids = gp_malloc(cap * sizeof *ids);
    if (!ids)
        return;
    struct stat st;
    const char *extra[2] = {csv, style_file(b->opt.style) ? b->opt.style : NULL};
    for (size_t k = 0; k < 2; k++)
        if (extra[k] && stat(extra[k], &st) == 0)
            ids[n++] = (file_id){st.st_dev, st.st_ino};
    for (size_t i = 0; i < b->n_jobs; i++) {
        const gp_bjob *j = &b->jobs[i];
        if (j->input && stat(j->input, &st) == 0)
            ids[n++] = (file_id){st.st_dev, st.st_ino};
        if (style_file(j->style) && stat(j->style, &st) == 0)
            ids[n++] = (file_id){st.st_dev, st.st_ino};
    }
    qsort(ids, n, sizeof *ids, cmp_id);
    for (size_t i = 0; i < b->n_jobs; i++) {
        gp_bjob *j = &b->jobs[i];
        if (j->status != GP_BATCH_PENDING || !j->output || stat(j->output, &st) != 0)
            continue;
        file_id key = {st.st_dev, st.st_ino};
        if (!bsearch(&key, ids, n, sizeof *ids, cmp_id))
            continue;
        const char *what = "an input of this batch (a guide, a style or the CSV)";
        if (j->row > 0)
            gp_batch_fail(j, csv, j->line, 1, "output `%s` is %s; it was left untouched", j->output,
                          what);
        else
            gp_batch_fail(j, j->input, 0, 0, "output `%s` is %s; it was left untouched", j->output,
                          what);
    }
    gp_free(ids);
}
