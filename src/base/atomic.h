/* base/atomic.h - the one way guidepress replaces a file: write a
 * temporary file beside it, flush it to disk, rename it into place. A
 * reader (or a `--resume`) sees the old file or the whole new one, never
 * half of one, and a failure or a signal leaves no temporary file.
 *
 * Used by the engine (PDF, PNG and SVG pages, .ics, .eml), the batch
 * report, `report merge` and `compose`. Deciding whether a path may be
 * replaced at all (inputs, devices, folders) is the caller's job. */
#ifndef GP_BASE_ATOMIC_H
#define GP_BASE_ATOMIC_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct gp_atomic {
    char *path; /* the final path */
    char *tmp;  /* PATH.tmp.XXXXXX while open, else NULL */
    FILE *f;    /* writes go here */
    struct gp_atomic *next;
} gp_atomic;

/* Creates PATH.tmp.XXXXXX (O_EXCL, O_NOFOLLOW) with permission bits perm
 * less the umask, and registers it for gp_atomic_remove_all(). Returns 0,
 * or -1 with errno set and *a cleared. */
int gp_atomic_open(gp_atomic *a, const char *path, mode_t perm);

/* Flushes, fsyncs and closes the temporary file and renames it over the
 * path. Returns 0, or -1 with errno set; the temporary file is removed
 * either way and *a is released. */
int gp_atomic_commit(gp_atomic *a);

/* The same for a file the caller has flushed to disk itself, after its
 * last write (an fsync of fileno(a->f) that succeeded, in another thread:
 * the batch overlaps it with the next document): closes and renames it
 * without a second fsync, which costs as much as the first on ext4. */
int gp_atomic_commit_synced(gp_atomic *a);

/* Closes and removes the temporary file; the path is left as it was. */
void gp_atomic_abort(gp_atomic *a);

/* The whole of data as path, through the steps above. 0, or -1 with errno. */
int gp_atomic_write_file(const char *path, const void *data, size_t len, mode_t perm);

/* Removes every temporary file still open in this process. Safe to call
 * from a signal handler (it only walks a list and calls unlink). */
void gp_atomic_remove_all(void);

#endif
