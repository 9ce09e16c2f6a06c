/* bench/bench.h - what the parts of gp-bench share: the options, the
 * figures each part measures, and the process helpers.
 *
 * bench.c parses the command line and runs the parts; bench_warm.c times
 * the stages of one document in this process with each painter;
 * bench_proc.c runs the real `guidepress` command line as a child and
 * reads its wall time, CPU time and peak memory from wait4; bench_batch.c
 * writes mail-merge CSVs and times `guidepress batch` on them;
 * bench_bytes.c splits a written PDF's size into what its bytes are spent
 * on; bench_print.c prints the figures as a table or as JSON. */
#ifndef GP_BENCH_H
#define GP_BENCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bench_opts {
    int runs;          /* -n: warm documents per painter */
    bool json;         /* --json */
    bool quick;        /* --quick: 100 documents instead of 1,000 */
    bool no_batch;     /* --no-batch: skip the batch parts */
    const char *guide; /* absolute path of the seed guide */
    const char *style; /* shipped style name or style file */
    const char *cli;   /* the guidepress program next to gp-bench */
    const char *tmp;   /* this run's temporary folder */
} bench_opts;

/* Median, 90th percentile (nearest rank) and minimum, in ms. */
typedef struct bench_stat {
    double median, p90, min;
} bench_stat;

enum { ST_LOAD, ST_LAYOUT, ST_PAINT, ST_POST, ST_RENDER, N_STAGES };
extern const char *const bench_stage_names[N_STAGES];

/* One painter in this process, warm. */
typedef struct bench_warm {
    const char *painter; /* "pdf" (ours), "cairo" or "haru" */
    bool text_cache;     /* layout's paragraph cache on */
    bench_stat stage[N_STAGES];
    int pages;
    size_t paint_bytes; /* what the painter writes */
    size_t bytes;       /* the PDF gp_render writes (post-processed) */
} bench_warm;

/* The parts of a PDF's size (bench_bytes.c): stream bytes as stored. */
enum {
    BP_FONT,     /* font programs: FontFile, FontFile2, FontFile3 (Type 3 glyph procedures) */
    BP_FONT_MAP, /* ToUnicode, CIDToGIDMap, CIDSet, an embedded CMap */
    BP_CONTENT,  /* page content streams */
    BP_IMAGE,    /* image XObjects and their soft masks */
    BP_FORM,     /* form XObjects, tiling patterns, soft-mask groups, appearance streams */
    BP_OBJSTM,   /* object streams: the packed small objects */
    BP_META,     /* XMP metadata, OutputIntent ICC profiles, embedded files */
    BP_OTHER,    /* the file size minus the above */
    N_BYTE_PARTS
};
extern const char *const bench_part_names[N_BYTE_PARTS];

#define BENCH_MAX_FONTS 16

/* One embedded font program. */
typedef struct bench_font {
    char name[64]; /* /BaseFont, e.g. ABCDEF+NotoSans-Bold */
    char type[40]; /* as pdffonts says it: "TrueType", "CID TrueType", ... */
    long long bytes;
} bench_font;

/* Where one PDF's bytes go. */
typedef struct bench_bytes {
    bool ok;        /* false when the file could not be read (message printed) */
    long long file; /* its size */
    long long part[N_BYTE_PARTS];
    int streams[N_BYTE_PARTS]; /* streams counted in each part (BP_OTHER: unclaimed ones) */
    long long xref;            /* the cross-reference stream, part of BP_OTHER */
    int n_streams;             /* streams in the file */
    int pages;
    int n_fonts; /* distinct font programs; the first BENCH_MAX_FONTS are in font */
    bench_font font[BENCH_MAX_FONTS];
} bench_bytes;

/* A child process, as wait4 saw it. */
typedef struct bench_child {
    double wall_ms;
    double cpu_ms;  /* user + system of the child and its waited-for children */
    long maxrss_kb; /* largest resident set of the child or one of them */
} bench_child;

/* `guidepress render` as a fresh process. */
typedef struct bench_cold {
    int runs;
    double wall_median, wall_min; /* ms */
    long rss_kb;                  /* largest ru_maxrss over the runs */
} bench_cold;

/* One `guidepress batch` run. */
typedef struct bench_batch {
    const char *kind; /* "copies" or "mix" */
    int docs, workers;
    double seconds;     /* wall clock of the whole process */
    double cpu_ms;      /* user + system of the batch and its workers */
    long worker_rss_kb; /* the report's max_worker_rss_kb */
    long tree_rss_kb;   /* wait4's ru_maxrss */
    long pages;
    long long bytes;
} bench_batch;

#define BENCH_MAX_BATCH 8

typedef struct bench_results {
    double engine_ms, first_ms; /* engine setup and first (cold) document */
    bench_warm warm[4];         /* pdf (ours), cairo, haru, pdf without the text cache */
    bench_bytes bytes[3];       /* pdf's, cairo's and haru's last warm file */
    bool have_cold;
    bench_cold cold;
    bench_batch batch[BENCH_MAX_BATCH]; /* throughput runs */
    size_t n_batch;
    bench_batch rss[BENCH_MAX_BATCH]; /* -j 1 memory runs */
    size_t n_rss;
    size_t mix_guides;              /* distinct guides in the mix */
    long self_rss_kb;               /* gp-bench's peak RSS before the children */
    double load_before, load_after; /* 1-minute load average */
    double total_s;
} bench_results;

/* Sorts v (n >= 1) and summarises it. */
bench_stat bench_stat_of(double *v, int n);

/* Monotonic clock in milliseconds. */
double bench_now_ms(void);

/* bench_warm.c: fills r->engine_ms, r->first_ms, r->warm and r->bytes. Returns 0, or
 * -1 with a message on stderr. */
int bench_warm_run(const bench_opts *o, bench_results *r);

/* bench_bytes.c: reads the PDF at path with libqpdf and fills *out. On an
 * error (message on stderr) out->ok is false; the bench goes on. */
void bench_bytes_read(const char *path, bench_bytes *out);

/* bench_proc.c: runs argv[0] (a path) with argv, stdout to /dev/null and
 * stderr to the file err_path, waits for it and fills *c. Returns its exit
 * status, or -1 when it could not be started or died of a signal (message
 * on stderr). */
int bench_spawn(char *const argv[], const char *err_path, bench_child *c);

/* Prints the first lines of a child's saved stderr to our stderr. */
void bench_show_file(const char *path);

/* Times `guidepress render GUIDE -s STYLE -o TMP/cold.pdf` runs times.
 * Returns 0, or -1 with a message on stderr. */
int bench_cold_run(const bench_opts *o, int runs, bench_cold *out);

/* Removes path and, for a folder, everything under it. Returns 0 or -1. */
int bench_rm_tree(const char *path);

/* The guidepress program in the folder of this executable, malloc'ed, or
 * NULL with a message on stderr when it is not there. */
char *bench_find_cli(void);

/* bench_batch.c: the throughput runs (copies of the seed guide and a mix
 * of every shipped guide, at -j 1 and -j 2) and the -j 1 memory runs.
 * Returns 0, or -1 with a message on stderr. */
int bench_batch_run_all(const bench_opts *o, bench_results *r);

/* bench_print.c */
void bench_print_table(const bench_opts *o, const bench_results *r);
void bench_print_json(const bench_opts *o, const bench_results *r);

/* Progress on stderr when it is a terminal. */
void bench_progress(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
