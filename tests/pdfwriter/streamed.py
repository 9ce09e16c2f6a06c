#!/usr/bin/env python3
"""A PDF render is streamed: layout decides every page break first, then
hands each finished page to our painter, which writes it to the output file
and frees it (src/layout/stream.h; issue 14, point 6). These checks hold it
to the file the whole-display-list path writes, byte for byte, and to its
memory:

  same bytes   every guide in data/ (left-to-right and right-to-left) and
               the stress guide, in every shipped style, tagged, untagged
               and PDF/A: the streamed file is the file `--dump-display`
               and `-o -` write (both paint a whole display list);
  long guide   a 3,000-step timeline: the same bytes again, "Page 1 of N"
               on the first page and the last step on the last, and the
               streamed render's peak memory (the child's own maxrss, from
               wait4) is below the whole-list render's, by at least the
               pages' items that the whole list holds;
  twice        the same, every guide and style laid out twice as a long
               document is (GUIDEPRESS_TEST_STREAM_LONG=1: blocks freed
               after one text area, src/layout/stream.c);
  long, mixed  the reference guide and the Arabic guide with their sections
               10 and 30 times over (over 40 pages: laid out twice, stream.c), in
               every shipped style: the same bytes as the whole list;
  disk full    a write that fails half-way through the stream: an error
               naming the file, nothing left behind.

usage: streamed.py GUIDEPRESS SOURCE_DIR OUT_DIR
"""
import glob
import os
import subprocess
import sys

exe, src, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
failed = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failed.append(what)


def run(args, env=None, stdout=None):
    """Runs guidepress; returns (exit status, stderr, peak RSS in KB)."""
    e = dict(os.environ, **(env or {}))
    p = subprocess.Popen([exe] + args, stdout=stdout or subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=e)
    err = p.stderr.read().decode("utf-8", "replace")
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, err, ru.ru_maxrss


def read(path):
    with open(path, "rb") as f:
        return f.read()


guides = sorted(glob.glob(os.path.join(src, "data/guides/*.yaml")) +
                glob.glob(os.path.join(src, "data/guides-i18n/*.yaml")) +
                [os.path.join(src, "tests/render/stress.yaml")])
styles = sorted(os.path.splitext(os.path.basename(s))[0]
                for s in glob.glob(os.path.join(src, "styles/*.yaml")))
check(len(guides) >= 10 and len(styles) >= 4, "%d guides, %d styles" % (len(guides), len(styles)))

# same bytes -----------------------------------------------------------------
variants = [("tagged", []), ("untagged", ["--no-tags"]), ("pdfa", ["--pdfa"])]
n = bad = 0
for g in guides:
    name = os.path.splitext(os.path.basename(g))[0]
    for st in styles:
        for vname, extra in variants:
            if vname != "tagged" and st != "default":
                continue  # the variants once per guide; every style tagged
            base = os.path.join(out, "%s.%s.%s" % (name, st, vname))
            args = ["render", g, "-s", st, "-q"] + extra
            rc1, err1, _ = run(args + ["-o", base + ".pdf"])
            rc2, err2, _ = run(args + ["-o", base + ".whole.pdf", "--dump-display",
                                       base + ".dump"])
            n += 1
            if rc1 or rc2:
                bad += 1
                print("  %s %s %s: exit %d / %d: %s%s" % (name, st, vname, rc1, rc2, err1, err2))
                continue
            a, b = read(base + ".pdf"), read(base + ".whole.pdf")
            if a != b or not a.startswith(b"%PDF-") or os.path.getsize(base + ".dump") == 0:
                bad += 1
                print("  %s %s %s: streamed %d bytes, whole list %d bytes" %
                      (name, st, vname, len(a), len(b)))
            else:
                os.remove(base + ".whole.pdf")
                os.remove(base + ".dump")
check(n > 0 and bad == 0,
      "streamed = whole display list, byte for byte (%d of %d renders differ)" % (bad, n))

n = bad = 0
for g in guides:
    name = os.path.splitext(os.path.basename(g))[0]
    for st in styles:
        base = os.path.join(out, "%s.%s.tagged" % (name, st))
        rc, err, _ = run(["render", g, "-s", st, "-q", "-o", base + ".twice.pdf"],
                         env={"GUIDEPRESS_TEST_STREAM_LONG": "1"})
        n += 1
        if rc or read(base + ".twice.pdf") != read(base + ".pdf"):
            bad += 1
            print("  %s %s: exit %d %s" % (name, st, rc, err.strip()[:300]))
check(n > 0 and bad == 0,
      "laid out twice (a long document's path) = whole display list (%d of %d differ)" % (bad, n))

seed = os.path.join(src, "data/guides/data-engineer-to-backend-developer.yaml")
rc1, _, _ = run(["render", seed, "-q", "-o", os.path.join(out, "seed.pdf")])
with open(os.path.join(out, "seed.stdout.pdf"), "wb") as f:
    rc2, _, _ = run(["render", seed, "-q", "-o", "-"], stdout=f)
check(rc1 == 0 and rc2 == 0 and
      read(os.path.join(out, "seed.pdf")) == read(os.path.join(out, "seed.stdout.pdf")),
      "the reference guide: the streamed file = `-o -` (a whole list), byte for byte")

# long guide -------------------------------------------------------------------
STEPS = 3000
long_yaml = os.path.join(out, "long.yaml")
with open(long_yaml, "w", encoding="utf-8") as f:
    f.write("guide: 1\nfrom: A\nto: B\nsummary: long timeline\nsections:\n"
            "  - type: timeline\n    title: Steps\n    duration: \"%d weeks\"\n    steps:\n" % STEPS)
    for i in range(1, STEPS + 1):
        f.write("      - {title: \"Step %d\", when: \"Week %d\", detail: \"Do the work of step %d "
                "and write down what you learnt.\"}\n" % (i, i, i))
lpdf = os.path.join(out, "long.pdf")
rc1, err1, rss_stream = run(["render", long_yaml, "-q", "-o", lpdf])
rc2, err2, rss_whole = run(["render", long_yaml, "-q", "-o", os.path.join(out, "long.whole.pdf"),
                            "--dump-display", os.path.join(out, "long.dump")])
same = rc1 == 0 and rc2 == 0 and read(lpdf) == read(os.path.join(out, "long.whole.pdf"))
check(same, "a %d-step timeline: streamed = whole display list, byte for byte" % STEPS)
if rc1 == 0:
    info = subprocess.run(["pdfinfo", lpdf], capture_output=True, text=True).stdout
    pages = int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])
    first = subprocess.run(["pdftotext", "-l", "1", lpdf, "-"], capture_output=True,
                           text=True).stdout
    last = subprocess.run(["pdftotext", "-f", str(pages), lpdf, "-"], capture_output=True,
                          text=True).stdout
    check(pages > 200 and ("of %d" % pages) in first,
          "the first page says it is one of %d pages" % pages)
    check(("Step %d" % STEPS) in last and ("of %d" % pages) in last,
          "the last page holds step %d and its page number" % STEPS)
    # The whole list holds every page's items (about 100 KB a page here)
    # while the streamed render holds one page at a time. (Not under
    # AddressSanitizer, whose quarantine keeps freed memory.)
    if "ASAN_OPTIONS" in os.environ:
        print("skip peak memory under AddressSanitizer")
    else:
        check(rss_stream + 100 * pages // 10 < rss_whole,
              "peak memory: streamed %d KB, whole display list %d KB (%d pages)" %
              (rss_stream, rss_whole, pages))

# long, mixed ----------------------------------------------------------------------
# Every kind of block (cards, tables that continue on the next page, lists,
# FAQ, the call to action), left to right and right to left, in a document
# long enough for the two layouts of stream.c.
import yaml

for g in [seed, os.path.join(src, "data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml")]:
    with open(g, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    doc["sections"] = doc["sections"] * (10 if g == seed else 30)
    name = "mixed-" + os.path.splitext(os.path.basename(g))[0]
    gy = os.path.join(out, name + ".yaml")
    with open(gy, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
    for st in styles:
        base = os.path.join(out, "%s.%s" % (name, st))
        rc1, err1, _ = run(["render", gy, "-s", st, "-q", "-o", base + ".pdf"])
        rc2, err2, _ = run(["render", gy, "-s", st, "-q", "-o", base + ".whole.pdf",
                            "--dump-display", base + ".dump"])
        ok = rc1 == 0 and rc2 == 0 and read(base + ".pdf") == read(base + ".whole.pdf")
        pages = 0
        if rc1 == 0:
            info = subprocess.run(["pdfinfo", base + ".pdf"], capture_output=True,
                                  text=True).stdout
            pages = int([l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")][0])
        check(ok and pages > 40, "%s, %s: %d pages, streamed = whole list%s" %
              (name, st, pages, "" if ok else " (%s%s)" % (err1.strip()[:300], err2.strip()[:300])))

# disk full ----------------------------------------------------------------------
full = os.path.join(out, "full.pdf")
rc, err, _ = run(["render", long_yaml, "-q", "-o", full], env={"GUIDEPRESS_TEST_WRITE_ERROR": "ENOSPC"})
check(rc != 0 and "cannot write the output file: No space left on device; nothing was left behind"
      in err and err.count("error:") == 1,
      "a write that fails mid-stream: one clear error (%r)" % err.strip()[:200])
check(not os.path.exists(full) and not [x for x in os.listdir(out) if x.startswith(".full.pdf")],
      "... and no file, no temporary file left")

if failed:
    print("%d check(s) failed" % len(failed))
    sys.exit(1)
print("all checks passed")
