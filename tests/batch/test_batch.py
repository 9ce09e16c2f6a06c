#!/usr/bin/env python3
"""Batch and mail-merge tests (issue #7). Each test runs the real program
and reads what it wrote as a user would: poppler's pdftotext for the text,
qpdf --check for structure, the JSON report with json.load, and cmp for
byte identity across -j.

usage: test_batch.py GUIDEPRESS_BIN SOURCE_DIR WORK_DIR TEST_NAME [ROWS]
"""
import filecmp
import json
import os
import pty
import random
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "typo"))
from typeset import typeset  # noqa: E402
import time

BIN, SRC, WORK, NAME = sys.argv[1:5]
ROWS = int(sys.argv[5]) if len(sys.argv) > 5 else 0
HOSTILE = os.path.join(SRC, "tests/batch/hostile.yaml")
GEN = os.path.join(SRC, "tests/batch/gen_clients.py")

shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
# A snapshot of what rendering reads at run time (fonts, shipped styles,
# guides), so that edits to the checkout while a test runs cannot make two
# runs of one test differ.
SNAP = os.path.join(WORK, "snapshot")
for d in ("fonts", "styles", "data/guides"):
    shutil.copytree(os.path.join(SRC, d), os.path.join(SNAP, d))
GUIDES = os.path.join(SNAP, "data/guides")
ENV = dict(os.environ)
ENV.pop("SOURCE_DATE_EPOCH", None)
ENV.pop("GUIDEPRESS_BATCH_TEST_CRASH", None)
ENV["GUIDEPRESS_DATA_DIR"] = SNAP


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(*args, expect=0, env=None):
    p = subprocess.run([BIN, "batch", *args], capture_output=True, env=env or ENV)
    p.stdout = p.stdout.decode("utf-8", "replace")
    p.stderr = p.stderr.decode("utf-8", "replace")
    if expect is not None and p.returncode != expect:
        fail(f"batch {' '.join(args)} exited {p.returncode}, expected {expect}\n"
             f"stdout: {p.stdout}\nstderr: {p.stderr[-3000:]}")
    return p


def path(*parts):
    return os.path.join(WORK, *parts)


def pdftext(pdf):
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, check=True).stdout.decode()


_checked = {}


def qpdf_ok(pdf):
    """qpdf --check, once per version of a file."""
    st = os.stat(pdf)
    key = (pdf, st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _checked:
        _checked[key] = subprocess.run(["qpdf", "--check", pdf],
                                       capture_output=True).returncode == 0
    return _checked[key]


def guide_title(yaml_path):
    with open(yaml_path, encoding="utf-8") as f:
        m = re.search(r'^title:\s*"?([^"\n]+)"?\s*$', f.read(), re.M)
    return m.group(1)


def load_report(p, n_docs):
    with open(p, encoding="utf-8") as f:
        r = json.load(f)
    docs, t = r["documents"], r["totals"]
    if len(docs) != n_docs or t["documents"] != n_docs:
        fail(f"report lists {len(docs)} documents (totals {t['documents']}), expected {n_docs}")
    for s in ("ok", "failed", "skipped"):
        n = sum(1 for d in docs if d["status"] == s)
        if n != t[s]:
            fail(f"report totals say {t[s]} {s}, the records say {n}")
    if t["ok"] + t["failed"] + t["skipped"] != n_docs:
        fail("report totals do not add up")
    for d in docs:
        if d["status"] == "failed" and not (d["error"] and d["error"]["message"]):
            fail(f"failed record without an error: {d}")
        if d["status"] != "failed" and d["error"] is not None:
            fail(f"error on a record that did not fail: {d}")
        if d["status"] == "ok" and "\ufffd" not in d["output"] and \
                (d["pages"] < 1 or d["bytes"] != os.path.getsize(d["output"])):
            fail(f"ok record does not match its file: {d}")
    if t["pages"] != sum(d["pages"] for d in docs) or t["bytes"] != sum(d["bytes"] for d in docs):
        fail("report page or byte totals do not match the records")
    return r


def merge_csv(n, name="clients.csv", extra=()):
    csv = path(name)
    subprocess.run([sys.executable, GEN, str(n), GUIDES, csv, *extra], check=True)
    return csv


def client_names(csv):
    """prepared_for of every row, parsed with Python's csv module (a second
    reader to check ours against)."""
    import csv as pycsv
    with open(csv, encoding="utf-8", newline="") as f:
        return [row["prepared_for"] for row in pycsv.DictReader(f)]


def check_names(out_dir, names, sample):
    idx = list(range(len(names)))
    if sample < len(idx):
        idx = sorted(random.Random(20260112).sample(idx, sample))
    for i in idx:
        pdf = os.path.join(out_dir, "clients", f"c{i + 1:04d}.pdf")
        text = " ".join(pdftext(pdf).split())
        # the data's straight quotes (O'Brien, "Jo") are set as the
        # language's quotes (typography.smart_quotes): tests/typo/typeset.py
        if typeset(f"Prepared for {names[i]}") not in text:
            fail(f"{pdf}: 'Prepared for {names[i]}' not in its text")


def pdfs_in(d):
    return sorted(f for f in os.listdir(d) if f.endswith(".pdf"))


# Tests ----------------------------------------------------------------------------


def test_hostile():
    """Every good guide renders; the hostile one fails alone at its line."""
    weird_dir = path("weird")
    os.makedirs(weird_dir)
    # a file name that needs JSON escaping, with a byte that is not UTF-8
    weird = os.path.join(os.fsencode(weird_dir), b'we"ird\\ \x01name\xff.yaml')
    shutil.copy(os.path.join(GUIDES, "accountant-to-data-analyst.yaml"), weird)
    report = path("report.json")
    p = run(GUIDES, HOSTILE, os.fsdecode(weird), "-o", path("out"), "--report", report, "-j", "2",
            expect=1)
    if not re.search(r"hostile\.yaml:9:5: error: ", p.stderr):
        fail("the hostile guide's error is not reported at hostile.yaml:9:5:\n" + p.stderr)
    guides = sorted(g for g in os.listdir(GUIDES) if g.endswith(".yaml"))
    for g in guides:
        pdf = path("out", g[:-5] + ".pdf")
        if not os.path.exists(pdf) or not qpdf_ok(pdf):
            fail(f"{pdf} missing or broken")
        if guide_title(os.path.join(GUIDES, g)) not in " ".join(pdftext(pdf).split()):
            fail(f"{pdf} does not show its guide's title")
    if os.path.exists(path("out", "hostile.pdf")):
        fail("a PDF was written for the hostile guide")
    if len(pdfs_in(path("out"))) != len(guides) + 1:
        fail(f"expected {len(guides) + 1} PDFs, found {pdfs_in(path('out'))}")
    with open(report, "rb") as f:
        raw = f.read()
    raw.decode("utf-8")  # strict: the report is valid UTF-8
    r = load_report(report, len(guides) + 2)
    bad = [d for d in r["documents"] if d["status"] == "failed"]
    if len(bad) != 1 or not bad[0]["input"].endswith("hostile.yaml"):
        fail(f"expected only the hostile guide to fail: {bad}")
    e = bad[0]["error"]
    if not (e["file"].endswith("hostile.yaml") and e["line"] == 9 and e["column"] == 5):
        fail(f"hostile error position: {e}")
    if not any("we\"ird\\ \x01name\ufffd" in d["input"] for d in r["documents"]):
        fail("the escaped file name did not survive the JSON round trip")


def test_crash():
    """A worker killed by a signal fails its document alone and is replaced."""
    env = dict(ENV, GUIDEPRESS_BATCH_TEST_CRASH="nurse-to")
    report = path("report.json")
    p = run(GUIDES, "-o", path("out"), "--report", report, "-j", "1", env=env, expect=1)
    if "crashed: signal 9" not in p.stderr:
        fail("no crash message:\n" + p.stderr)
    r = load_report(report, 6)
    if r["totals"]["ok"] != 5 or r["totals"]["failed"] != 1:
        fail(f"expected 5 ok and 1 failed: {r['totals']}")
    # with -j 1 the documents after the crash needed the replacement worker
    for d in r["documents"]:
        if d["status"] == "ok" and not qpdf_ok(d["output"]):
            fail(f"{d['output']} broken")
    if [f for f in os.listdir(path("out")) if ".tmp." in f]:
        fail("the crashed document left a temporary file")


def test_merge():
    """ROWS clients, one PDF each with the client's name; -j 1 and -j 2
    write identical bytes (compared on a --shard of the rows: a quarter of
    a small run, a tenth of a large one)."""
    csv = merge_csv(ROWS)
    names = client_names(csv)
    if len(set(names)) != ROWS:
        fail("generated names are not distinct")
    report = path("report.json")
    t0 = time.monotonic()
    run("--merge", csv, "-o", path("j2"), "-j", "2", "-q", "--report", report)
    secs = time.monotonic() - t0
    r = load_report(report, ROWS)
    if r["totals"]["ok"] != ROWS:
        fail(f"not every row rendered: {r['totals']}")
    for i, d in enumerate(r["documents"]):
        if d["row"] != i + 1 or d["line"] != i + 2 or not d["output"].endswith(f"c{i + 1:04d}.pdf"):
            fail(f"record {i} is out of order or misnumbered: {d}")
    if len(pdfs_in(path("j2", "clients"))) != ROWS:
        fail("wrong number of PDFs")
    check_names(path("j2"), names, 200)
    # -j 1 over one shard of the rows
    n_shards = 10 if ROWS > 100 else 4
    run("--merge", csv, "-o", path("j1"), "-j", "1", "-q", "--shard", f"1/{n_shards}")
    j1 = pdfs_in(path("j1", "clients"))
    want = (ROWS + n_shards - 1) // n_shards
    if len(j1) != want:
        fail(f"-j 1 wrote {len(j1)} PDFs, expected {want}")
    for f in j1:
        if (int(f[1:5]) - 1) % n_shards != 0:
            fail(f"--shard 1/{n_shards} rendered {f}")
        if not filecmp.cmp(path("j1", "clients", f), path("j2", "clients", f), shallow=False):
            fail(f"{f} differs between -j 1 and -j 2")
    print(f"{ROWS} documents at -j 2 in {secs:.1f} s ({ROWS / secs:.1f} documents/s); "
          f"max worker RSS {r['totals']['max_worker_rss_kb']} KB")


def test_guide_cache():
    """One worker renders every row from one parse of each guide (issue 14,
    point 5): what a row sets (prepared_for, the dated plan of `start`)
    never reaches a later row, and each row's PDF is byte for byte the one
    a fresh process writes for that row alone."""
    ref = os.path.join(GUIDES, "data-engineer-to-backend-developer.yaml")
    other = os.path.join(GUIDES, "nurse-to-clinical-data-analyst.yaml")
    head = "guide,prepared_for,prepared_by,date,output,start\n"
    rows = [f"{ref},Alice Liddell,Ann Adviser,2026-03-02,r1.pdf,2027-01-11",
            f"{ref},,,2026-03-02,r2.pdf,",
            f"{other},Carol,Ann Adviser,2026-03-03,r3.pdf,2027-02-01",
            f"{ref},Bob,,2026-03-04,r4.pdf,",
            f"{other},,,2026-03-05,r5.pdf,"]
    csv = path("cache.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(rows) + "\n")
    p = run("--merge", csv, "-o", path("all"), "-j", "1", "--report", path("cache.json"))
    if load_report(path("cache.json"), len(rows))["totals"]["ok"] != len(rows):
        fail(f"not every row rendered: {p.stderr}")
    text = {i: " ".join(pdftext(path("all", f"r{i}.pdf")).split()) for i in range(1, 6)}
    if "Prepared for Alice Liddell" not in text[1] or "Plan: 11 January 2027" not in text[1]:
        fail(f"row 1 lacks its name or its plan: {text[1][:400]}")
    for i in (2, 4, 5):
        if "Alice" in text[i] or "Carol" in text[i] or "Plan:" in text[i] or "2027" in text[i]:
            fail(f"row {i} shows what an earlier row set: {text[i][:600]}")
    if "Week 1–2" not in text[2] or "Prepared for Bob" not in text[4]:
        fail("rows 2 and 4 lack their own plan or name")
    for i, row in enumerate(rows, 1):
        one = path(f"one{i}.csv")
        with open(one, "w", encoding="utf-8") as f:
            f.write(head + row + "\n")
        run("--merge", one, "-o", path(f"one{i}"), "-j", "1", "-q")
        if not filecmp.cmp(path("all", f"r{i}.pdf"), path(f"one{i}", f"r{i}.pdf"), shallow=False):
            fail(f"row {i} rendered after other rows differs from row {i} rendered alone")
    # the same warning, from loading, for every row of the guide that has it
    warn = path("warn.yaml")
    with open(ref, encoding="utf-8") as f:
        src = f.read()
    with open(warn, "w", encoding="utf-8") as f:
        f.write(src.replace("\nto: ", "\nto: \u202e", 1))
    with open(path("warn.csv"), "w", encoding="utf-8") as f:
        f.write(head + "".join(f"{warn},P{i},A,2026-03-02,w{i}.pdf,\n" for i in range(3)))
    p = run("--merge", path("warn.csv"), "-o", path("warn"), "-j", "1")
    if p.stderr.count(f"{warn}:6:5: warning: `to` has a control character U+202E") != 3:
        fail(f"the load warning is not reported once per row: {p.stderr}")


def wait_for_pdfs(d, n, proc, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            fail("the batch finished before it could be interrupted")
        if os.path.isdir(d) and len(pdfs_in(d)) >= n:
            return
        time.sleep(0.02)
    fail("the batch made no progress")


def check_no_partial(d, allow_tmp):
    for f in os.listdir(d):
        p = os.path.join(d, f)
        if f.endswith(".pdf"):
            if os.path.getsize(p) == 0 or not qpdf_ok(p):
                fail(f"partial PDF {p}")
        elif ".pdf.tmp." in f:
            if not allow_tmp:
                fail(f"temporary file left: {p}")
        else:
            fail(f"unexpected file {p}")


def test_interrupt():
    """SIGINT stops cleanly; SIGKILL leaves no partial PDF; --resume finishes."""
    n = ROWS
    csv = merge_csv(n)
    names = client_names(csv)
    out = path("out")
    clients = os.path.join(out, "clients")
    args = [BIN, "batch", "--merge", csv, "-o", out, "-j", "2", "-q"]
    # 1. SIGINT: workers stop, in-flight temporary files are removed.
    proc = subprocess.Popen(args + ["--report", path("int.json")], env=ENV,
                            stderr=subprocess.PIPE)
    wait_for_pdfs(clients, 3, proc)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    if proc.returncode != -signal.SIGINT:
        fail(f"after SIGINT the batch exited {proc.returncode}, not by the signal")
    check_no_partial(clients, allow_tmp=False)
    r = load_report(path("int.json"), n)
    if r["interrupted"] != signal.SIGINT or r["totals"]["skipped"] == 0:
        fail(f"interrupted report: {r['interrupted']} {r['totals']}")
    # 2. SIGKILL of the parent part-way through a resumed run.
    proc = subprocess.Popen(args + ["--resume"], env=ENV, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    done_before = len(pdfs_in(clients))
    wait_for_pdfs(clients, done_before + 6, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # the workers die with their parent (PR_SET_PDEATHSIG); wait for them
    end = time.monotonic() + 30
    while subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True).returncode == 0:
        if time.monotonic() > end:
            fail("workers outlived their killed parent")
        time.sleep(0.05)
    after_kill = pdfs_in(clients)
    if len(after_kill) >= n:
        fail("the batch finished before SIGKILL")
    check_no_partial(clients, allow_tmp=True)
    # a stale temporary file of a planned output goes; an unrelated one stays
    with open(os.path.join(clients, "c0001.pdf.tmp.AbC123"), "wb") as f:
        f.write(b"%PDF-1.5 partial")
    with open(os.path.join(out, "notes.tmp.AbC123"), "wb") as f:
        f.write(b"keep")
    # 3. --resume completes it, rendering only what is missing.
    report = path("resume.json")
    run("--merge", csv, "-o", out, "-j", "2", "-q", "--resume", "--report", report)
    r = load_report(report, n)
    if r["totals"]["skipped"] != len(after_kill) or r["totals"]["ok"] != n - len(after_kill):
        fail(f"--resume: {r['totals']} with {len(after_kill)} PDFs already there")
    check_no_partial(clients, allow_tmp=False)
    if len(pdfs_in(clients)) != n:
        fail("--resume did not complete the batch")
    if not os.path.exists(os.path.join(out, "notes.tmp.AbC123")):
        fail("--resume removed a file that is not one of its outputs")
    check_names(out, names, n)


def test_csv_errors():
    """Header problems stop the merge with file:line:col; row problems fail
    their row alone."""
    d = path("csv")
    os.makedirs(d)
    acc = os.path.join(GUIDES, "accountant-to-data-analyst.yaml")
    shutil.copy(acc, os.path.join(d, "local.yaml"))

    def write(name, text):
        p = os.path.join(d, name)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return p

    bad_head = write("head.csv", "guide,prepard_for,prepared_by,date,output\n")
    p = run("--merge", bad_head, "-o", path("o1"), expect=1)
    if "head.csv:1:7: error: unknown column `prepard_for`" not in p.stderr or \
            "did you mean `prepared_for`?" not in p.stderr or \
            "head.csv:1:1: error: missing required column `prepared_for`" not in p.stderr:
        fail("header errors:\n" + p.stderr)
    quote = write("quote.csv", "guide,prepared_for,prepared_by,date,output\n"
                               "local.yaml,\"Unclosed,x,2026-01-01,a.pdf\n")
    p = run("--merge", quote, "-o", path("o1"), expect=1)
    if "quote.csv:2:12: error: this quoted field is never closed" not in p.stderr:
        fail("unterminated quote:\n" + p.stderr)
    with open(os.path.join(d, "utf8.csv"), "wb") as f:
        f.write(b"guide,prepared_for,prepared_by,date,output\nlocal.yaml,Bad \xff,x,2026-01-01,a.pdf\n")
    p = run("--merge", os.path.join(d, "utf8.csv"), "-o", path("o1"), expect=1)
    if "utf8.csv:2:16: error: invalid UTF-8" not in p.stderr:
        fail("invalid UTF-8:\n" + p.stderr)
    if os.path.exists(path("o1")) and pdfs_in(path("o1")):
        fail("a rejected CSV still rendered documents")

    rows = write("rows.csv",
                 "\ufeffguide,prepared_for,prepared_by,date,output,style,password\r\n"
                 "local.yaml,\"Okonkwo, Adaeze\",Marcus Hale,2026-01-20,ok1.pdf,,\r\n"
                 "local.yaml,Too Few,x\r\n"
                 "local.yaml,Bad Date,x,2026-13-01,bad-date.pdf,,\r\n"
                 "nowhere.yaml,Lost,x,2026-01-01,lost.pdf,,\r\n"
                 "local.yaml,Second,x,2026-01-01,ok1.pdf,,\r\n"
                 "\r\n"
                 f"{acc},\"Multi\r\nLine\",x,2026-02-03,sub/ok2.pdf,print-mono,\r\n"
                 "local.yaml,Locked,x,2026-01-01,locked.pdf,,s3cret\r\n"
                 "local.yaml,Styled,x,2026-01-01,styled.pdf,print-mno,\r\n")
    report = path("rows.json")
    p = run("--merge", rows, "-o", path("o2"), "--report", report, "-j", "2",
            "--set", "prepared_by=Command Line", expect=1)  # CSV cells win over --set
    want = ["rows.csv:3:1: error: this row has 3 fields but the header has 7",
            "rows.csv:4:23: error: ",  # the date cell
            "rows.csv:5:1: error: guide file `nowhere.yaml` not found",
            "rows.csv:6:1: error: output `" + path("o2", "ok1.pdf") + "` is also written by row 1",
            "rows.csv:11:43: error: no shipped style `print-mno`"]
    for w in want:
        if w not in p.stderr:
            fail(f"missing '{w}' in:\n{p.stderr}")
    r = load_report(report, 8)
    st = {d["row"]: d["status"] for d in r["documents"]}
    if [st[i] for i in range(1, 7)] != ["ok", "failed", "failed", "failed", "failed", "ok"]:
        fail(f"row statuses: {st}")
    # the date error points at the cell, in the report too
    e = r["documents"][2]["error"]
    if not (e["file"].endswith("rows.csv") and e["line"] == 4 and e["column"] == 23):
        fail(f"date error position: {e}")
    if "Prepared for Okonkwo, Adaeze by Marcus Hale" not in " ".join(pdftext(path("o2", "ok1.pdf")).split()):
        fail("row 1 is not personalised")
    text = " ".join(pdftext(path("o2", "sub", "ok2.pdf")).split())
    if "Multi Line" not in text or "Accountant to Data Analyst" not in text:
        fail("a quoted field with a line break, an absolute guide path or a sub-folder output failed")
    locked = r["documents"][6]
    if locked["status"] == "ok":  # AES protection is implemented: the PDF must need the password
        if subprocess.run(["qpdf", "--requires-password", locked["output"]]).returncode != 0:
            fail("the password row's PDF is not protected")
    elif "password" not in locked["error"]["message"]:
        fail(f"password row: {locked}")

    for args in (["--shard", "3/2", GUIDES], ["-j", "0", GUIDES], [], ["--merge", rows, GUIDES],
                 ["--bogus", GUIDES]):
        run(*args, "-o", path("o3"), expect=2)


def test_style_fonts():
    """A style's font files do not leak into the next document its worker
    renders: with -j 1, a default-style document after a document whose
    style adds a font fails exactly as when rendered alone (the bundled
    fonts lack its ticks: an error, never empty boxes)."""
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # covers what Noto lacks
    if not os.path.exists(font):
        print(f"SKIP: {font} is not installed")
        return
    d = path("fonts")
    os.makedirs(d)
    with open(os.path.join(d, "dv.yaml"), "w") as f:
        f.write(f"style: 1\nfonts: {{files: [{font}]}}\n")
    with open(os.path.join(GUIDES, "accountant-to-data-analyst.yaml"), encoding="utf-8") as f:
        g = f.read()
    g = re.sub(r'^title: .*$', 'title: "Accountant \u2713 to Data Analyst \u2610"', g, count=1,
               flags=re.M)
    with open(os.path.join(d, "ticks.yaml"), "w", encoding="utf-8") as f:
        f.write(g)
    head = "guide,prepared_for,prepared_by,date,output,style\n"
    with open(os.path.join(d, "both.csv"), "w") as f:
        f.write(head + "ticks.yaml,A,X,2026-01-01,a.pdf,dv.yaml\n"
                       "ticks.yaml,B,X,2026-01-01,b.pdf,\n")
    with open(os.path.join(d, "alone.csv"), "w") as f:
        f.write(head + "ticks.yaml,B,X,2026-01-01,b.pdf,\n")
    both = run("--merge", os.path.join(d, "both.csv"), "-o", path("both"), "-j", "1", "-q",
               expect=1)
    alone = run("--merge", os.path.join(d, "alone.csv"), "-o", path("alone"), "-j", "1", "-q",
                expect=1)
    fonts = subprocess.run(["pdffonts", path("both", "a.pdf")], capture_output=True,
                           text=True).stdout
    if "DejaVuSans" not in fonts:
        fail("the style's font was not used by its own document:\n" + fonts)
    for p in (both, alone):
        if "error: no font covers these symbols or emoji" not in p.stderr:
            fail("no coverage error for the default-style document:\n" + p.stderr)
    if os.path.exists(path("both", "b.pdf")) or os.path.exists(path("alone", "b.pdf")):
        fail("a document depends on the style of the document its worker rendered before")


def test_shard_resume():
    """Shards partition the batch; --resume skips what is up to date and
    redoes what changed; the progress bar draws on a terminal."""
    src = path("guides")
    shutil.copytree(GUIDES, src)
    guides = sorted(g for g in os.listdir(src) if g.endswith(".yaml"))
    seen = []
    for k in (1, 2, 3):
        rep = path(f"shard{k}.json")
        run(src, "-o", path("out"), "--shard", f"{k}/3", "-q", "--report", rep)
        docs = load_report(rep, len([g for i, g in enumerate(guides) if i % 3 == k - 1]))["documents"]
        got = [os.path.basename(d["input"]) for d in docs]
        if got != [g for i, g in enumerate(guides) if i % 3 == k - 1]:
            fail(f"shard {k}/3 ran {got}")
        seen += got
    if sorted(seen) != guides or len(pdfs_in(path("out"))) != len(guides):
        fail("the shards do not cover the batch exactly once")
    rep = path("resume.json")
    run(src, "-o", path("out"), "--resume", "--report", rep)
    if load_report(rep, len(guides))["totals"]["skipped"] != len(guides):
        fail("--resume re-rendered up-to-date documents")
    time.sleep(0.05)
    os.utime(os.path.join(src, guides[0]))  # a newer guide
    p = run(src, "-o", path("out"), "--resume", "--report", rep)
    r = load_report(rep, len(guides))
    redone = [os.path.basename(d["input"]) for d in r["documents"] if d["status"] == "ok"]
    if redone != [guides[0]]:
        fail(f"--resume after touching {guides[0]} rendered {redone}")
    # the progress lines in a log: whole, with nothing after the figures
    # (an ok line without an email once ended in a stray "0")
    lines = [l for l in p.stderr.splitlines() if l.startswith("[")]
    ok_line = re.compile(r"^\[ *\d+/\d+\] ok \S+\.pdf \(\d+ pages, \d+ bytes, \d+ ms\)$")
    skip_line = re.compile(r"^\[ *\d+/\d+\] skipped \S+\.pdf \(up to date\)$")
    if len(lines) != len(guides) or sum(bool(ok_line.match(l)) for l in lines) != 1 or \
            sum(bool(skip_line.match(l)) for l in lines) != len(guides) - 1:
        fail(f"progress lines: {lines}")
    # a list file, relative to its own folder
    with open(path("list.txt"), "w") as f:
        f.write("# two guides\n" + f"guides/{guides[1]}\n\n" + f"  guides/{guides[2]}  \r\n")
    rep = path("list.json")
    run("@" + path("list.txt"), "-o", path("list"), "-q", "--report", rep,
        "--set", "prepared_for=List Reader")
    if load_report(rep, 2)["totals"]["ok"] != 2:
        fail("@list.txt")
    if "Prepared for List Reader" not in pdftext(path("list", guides[2][:-5] + ".pdf")):
        fail("--set did not reach the documents of a batch")
    # progress on a terminal: one line redrawn in place
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(BIN, [BIN, "batch", src, "-o", path("tty"), "-j", "2"], ENV)
    buf = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        fail(f"batch on a terminal exited {status}: {buf!r}")
    out = buf.decode("utf-8", "replace")
    if "\r\x1b[K[" not in out or f"{len(guides)}/{len(guides)}" not in out or "docs/s" not in out:
        fail(f"no progress bar on a terminal: {out!r}")
    if "] ok " in out:
        fail("per-document lines on a terminal")


TESTS = {n[5:]: f for n, f in globals().items() if n.startswith("test_")}
if NAME not in TESTS:
    fail(f"unknown test {NAME}")
TESTS[NAME]()
print(f"ok {NAME}")
