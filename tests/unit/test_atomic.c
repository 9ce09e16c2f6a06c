/* tests/unit/test_atomic.c - base/atomic.c, the one way guidepress
 * replaces a file: the old file survives every failure, no temporary file
 * is left behind, modes follow the umask, and gp_atomic_remove_all()
 * removes what a signal would have left. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/atomic.h"

static char g_dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/gp-atomic-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Files in the test folder (the temporary ones included). */
static int count_files(void)
{
    DIR *d = opendir(g_dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void writes_and_replaces(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/out.txt", g_dir);
    assert_int_equal(gp_atomic_write_file(p, "first", 5, 0666), 0);
    assert_string_equal(slurp(p), "first");
    assert_int_equal(gp_atomic_write_file(p, "second", 6, 0666), 0);
    assert_string_equal(slurp(p), "second");
    assert_int_equal(count_files(), 1);
}

static void abort_keeps_the_old_file(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/keep.txt", g_dir);
    assert_int_equal(gp_atomic_write_file(p, "old", 3, 0666), 0);
    gp_atomic a;
    assert_int_equal(gp_atomic_open(&a, p, 0666), 0);
    assert_non_null(a.tmp);
    assert_int_equal(strncmp(a.tmp, p, strlen(p)), 0);
    assert_non_null(strstr(a.tmp, ".tmp."));
    fputs("half of a new fi", a.f);
    assert_int_equal(count_files(), 2);
    gp_atomic_abort(&a);
    assert_string_equal(slurp(p), "old");
    assert_int_equal(count_files(), 1);
}

static void remove_all_removes_open_files(void **state)
{
    (void)state;
    char p[128], q[128];
    snprintf(p, sizeof p, "%s/a.pdf", g_dir);
    snprintf(q, sizeof q, "%s/b.pdf", g_dir);
    gp_atomic a, b;
    assert_int_equal(gp_atomic_open(&a, p, 0666), 0);
    assert_int_equal(gp_atomic_open(&b, q, 0666), 0);
    assert_int_equal(count_files(), 2);
    gp_atomic_remove_all(); /* what the SIGTERM handler calls */
    assert_int_equal(count_files(), 0);
    gp_atomic_abort(&b);
    gp_atomic_abort(&a);
    assert_int_equal(count_files(), 0);
}

static void modes_follow_the_umask(void **state)
{
    (void)state;
    char p[128];
    snprintf(p, sizeof p, "%s/mode.txt", g_dir);
    mode_t old = umask(027);
    assert_int_equal(gp_atomic_write_file(p, "x", 1, 0666), 0);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(gp_atomic_write_file(p, "x", 1, 0600), 0);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    umask(old);
}

static void failure_leaves_nothing(void **state)
{
    (void)state;
    char p[128];
    /* a folder that does not exist: the error comes back, nothing appears */
    snprintf(p, sizeof p, "%s/missing/x.pdf", g_dir);
    errno = 0;
    assert_int_equal(gp_atomic_write_file(p, "x", 1, 0666), -1);
    assert_int_equal(errno, ENOENT);
    /* renaming over a folder fails after the data was written */
    snprintf(p, sizeof p, "%s/folder", g_dir);
    assert_int_equal(mkdir(p, 0700), 0);
    char inner[160];
    snprintf(inner, sizeof inner, "%s/f", p);
    assert_int_equal(gp_atomic_write_file(inner, "y", 1, 0666), 0);
    assert_int_equal(gp_atomic_write_file(p, "x", 1, 0666), -1);
    assert_int_equal(count_files(), 1); /* the folder, and no .tmp. file */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(writes_and_replaces, setup, teardown),
        cmocka_unit_test_setup_teardown(abort_keeps_the_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(remove_all_removes_open_files, setup, teardown),
        cmocka_unit_test_setup_teardown(modes_follow_the_umask, setup, teardown),
        cmocka_unit_test_setup_teardown(failure_leaves_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
