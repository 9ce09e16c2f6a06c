#!/usr/bin/env python3
"""Render tests (issue: typeset the whole guide). Each test renders with the
real program and reads the PDF as a reader would.

usage: test_render.py GUIDEPRESS_BIN SOURCE_DIR WORK_DIR TEST_NAME
"""
import gzip
import json
import os
import re
import subprocess
import sys

BIN, SRC, WORK, NAME = sys.argv[1:5]
SEED = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
STRESS = os.path.join(SRC, "tests/render/stress.yaml")
STYLE = os.path.join(SRC, "styles/default.yaml")
CHECK = os.path.join(SRC, "tests/render/check_seed.py")
os.makedirs(WORK, exist_ok=True)
ENV = dict(os.environ)
ENV.pop("SOURCE_DATE_EPOCH", None)


def run(*args, expect=0, env=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env or ENV)
    if expect is not None and p.returncode != expect:
        sys.exit(f"FAIL: {' '.join(args)} exited {p.returncode}, expected {expect}\n"
                 f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def render(guide, out, *extra):
    run("render", guide, "-o", out, "-q", *extra)
    return out


def out(name):
    return os.path.join(WORK, name)


def fail(msg):
    sys.exit("FAIL: " + msg)


def test_seed_layout():
    pdf = render(SEED, out("seed.pdf"))
    subprocess.run([sys.executable, CHECK, SEED, pdf, "--style", STYLE], check=True)


def test_stress_layout():
    pdf = render(STRESS, out("stress.pdf"))
    subprocess.run([sys.executable, CHECK, STRESS, pdf, "--style", STYLE], check=True)
    # the 240-character word wraps inside its card: no word wider than the text area
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    if "Llanfair" not in text and "llanfair" not in text.lower():
        fail("the long unbreakable word is missing")


def test_pdf_structure():
    pdf = render(SEED, out("struct.pdf"))
    subprocess.run(["qpdf", "--check", pdf], check=True, capture_output=True)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    if not rows:
        fail("no fonts listed")
    for r in rows:
        cols = r.split()
        # name type... emb sub uni object ID: emb/sub/uni are the 5th..3rd from the end
        emb, sub = cols[-5], cols[-4]
        if emb != "yes" or sub != "yes":
            fail(f"font not embedded and subset: {r}")
        if not re.match(r"[A-Z]{6}\+", cols[0]):
            fail(f"font name lacks a subset tag: {r}")
    js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                                   capture_output=True, text=True, check=True).stdout)
    titles = [o["title"] for o in js["outlines"]]
    import yaml
    g = yaml.safe_load(open(SEED, encoding="utf-8"))
    want = [g["title"]] + [s["title"] for s in g["sections"]]
    if titles != want:
        fail(f"outline {titles} != {want}")
    objs = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", pdf],
                                     capture_output=True, text=True, check=True).stdout)
    uris = []
    for v in objs["qpdf"][1].values():
        val = v.get("value") if isinstance(v, dict) else None
        if isinstance(val, dict) and val.get("/Subtype") == "/Link":
            a = val.get("/A")
            if isinstance(a, dict) and "/URI" in a:
                uris.append(a["/URI"])
    alts = [v["value"].get("/Alt", "") for v in objs["qpdf"][1].values()
            if isinstance(v, dict) and isinstance(v.get("value"), dict)
            and v["value"].get("/S") == "/Figure"]
    if not alts or not all("\u00a332,000\u2013\u00a345,000" in a for a in alts):
        fail(f"the salary chart Figure lacks alt text from the data: {alts}")
    if not any("interview-practice" in u for u in uris):
        fail(f"the call to action is not a link annotation (found {uris})")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    for k, v in (("Title", g["title"]), ("Creator", "guidepress"),
                 ("Keywords", "career change")):
        if not re.search(rf"^{k}:\s+.*{re.escape(v)}", info, re.M):
            fail(f"metadata {k} missing {v!r}:\n{info}")


def test_deterministic():
    a = render(SEED, out("det-a.pdf"))
    b = render(SEED, out("det-b.pdf"))
    if open(a, "rb").read() != open(b, "rb").read():
        fail("two renders of the same input differ")
    env = dict(ENV, SOURCE_DATE_EPOCH="1700000000")
    run("render", SEED, "-o", out("det-c.pdf"), "-q", env=env)
    info = subprocess.run(["pdfinfo", out("det-c.pdf")], capture_output=True, text=True).stdout
    if "2023" not in info:
        fail(f"SOURCE_DATE_EPOCH not used for the creation date:\n{info}")


def read_pgm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():m.end() + w * h]


def test_reference_png():
    """Pages rendered at 40 dpi (grey) against reference renders: identical
    first, then at most 0.5% of pixels off by 25 levels or more (Cairo's
    buffer-diff rule). Regenerate refs with tests/render/update-refs."""
    pdf = render(SEED, out("ref.pdf"))
    prefix = out("ref-page")
    for f in os.listdir(WORK):
        if f.startswith("ref-page"):
            os.remove(os.path.join(WORK, f))
    subprocess.run(["pdftoppm", "-r", "40", "-gray", pdf, prefix], check=True)
    pages = sorted(f for f in os.listdir(WORK) if f.startswith("ref-page"))
    refdir = os.path.join(SRC, "tests/render/ref")
    refs = sorted(f for f in os.listdir(refdir) if f.endswith(".pgm.gz"))
    if len(pages) != len(refs):
        fail(f"{len(pages)} pages rendered, {len(refs)} reference pages")
    for page, ref in zip(pages, refs):
        w, h, px = read_pgm(os.path.join(WORK, page))
        with gzip.open(os.path.join(refdir, ref), "rb") as f:
            tmp = out("tmp.pgm")
            open(tmp, "wb").write(f.read())
        rw, rh, rpx = read_pgm(tmp)
        if (w, h) != (rw, rh):
            fail(f"{page}: size {w}x{h} != reference {rw}x{rh}")
        if px == rpx:
            continue
        bad = sum(1 for a, b in zip(px, rpx) if abs(a - b) >= 25)
        if bad > 0.005 * w * h:
            fail(f"{page}: {bad} pixels ({100 * bad / (w * h):.2f}%) differ from {ref}")


def test_png_svg():
    pdf = render(SEED, out("fmt.pdf"))
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    for fmt in ("png", "svg"):
        base = out(f"fmt-{fmt}")
        for f in os.listdir(WORK):
            if f.startswith(f"fmt-{fmt}-"):
                os.remove(os.path.join(WORK, f))
        run("render", SEED, "--format", fmt, "--dpi", "30", "-o", base + "." + fmt, "-q")
        files = sorted(f for f in os.listdir(WORK) if f.startswith(f"fmt-{fmt}-"))
        if len(files) != n:
            fail(f"{fmt}: {len(files)} files for {n} pages")
        head = open(os.path.join(WORK, files[0]), "rb").read(64)
        if fmt == "png" and not head.startswith(b"\x89PNG"):
            fail("not a PNG")
        if fmt == "svg" and b"<svg" not in open(os.path.join(WORK, files[0]), "rb").read(400):
            fail("not an SVG")
        if any(".tmp." in f for f in os.listdir(WORK)):
            fail("temporary files left behind")


def test_personalise():
    pdf = render(SEED, out("jane.pdf"), "--set", "prepared_for=Jane Doe",
                 "--set", "prepared_by=Sam Adviser", "--set", "date=2026-11-25")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    for s in ("Prepared for Jane Doe by Sam Adviser", "25 November 2026"):
        if s not in text:
            fail(f"{s!r} not in the PDF")
    last = subprocess.run(["pdftotext", "-f", "3", "-l", "3", pdf, "-"], capture_output=True,
                          text=True).stdout
    if "Jane Doe" not in last:
        fail("the footer does not carry the client's name")
    run("render", SEED, "--set", "nonsense=1", "-o", out("x.pdf"), expect=1)


def test_errors():
    bad = out("bad.yaml")
    open(bad, "w").write("guide: 1\nfrom: A\nto: B\nsections:\n  - type: prose\n    titel: x\n")
    target = out("bad.pdf")
    if os.path.exists(target):
        os.remove(target)
    p = run("render", bad, "-o", target, expect=1)
    if not re.search(r"bad\.yaml:6:5: error: .*titel", p.stderr):
        fail(f"no file:line:col error: {p.stderr}")
    if os.path.exists(target) or any(".tmp." in f for f in os.listdir(WORK)):
        fail("a failed render left a file behind")
    p = run("render", SEED, "-o", "/nonexistent-dir/x.pdf", expect=1)
    if "/nonexistent-dir/x.pdf" not in p.stderr:
        fail(f"unwritable output not reported: {p.stderr}")
    run("render", expect=2)
    run("render", SEED, "--format", "tiff", expect=2)
    run("render", SEED, "--bogus", expect=2)
    # an existing output is replaced whole, never half-written
    good = out("replace.pdf")
    open(good, "w").write("old")
    render(SEED, good)
    if not open(good, "rb").read(5) == b"%PDF-":
        fail("output not replaced")


def test_default_output_name():
    cwd = out("cwd")
    os.makedirs(cwd, exist_ok=True)
    subprocess.run([BIN, "render", SEED, "-q"], cwd=cwd, check=True)
    if not os.path.exists(os.path.join(cwd, "data-engineer-to-backend-developer.pdf")):
        fail("default output is not named after the guide")


def test_all_guides():
    gdir = os.path.join(SRC, "data/guides")
    for f in sorted(os.listdir(gdir)):
        if f.endswith(".yaml"):
            pdf = render(os.path.join(gdir, f), out(f[:-5] + ".pdf"))
            subprocess.run([sys.executable, CHECK, os.path.join(gdir, f), pdf, "--style", STYLE],
                           check=True)


def test_table_continued():
    """A salary table longer than a page splits between rows, repeats its
    header on the next page and says "(continued)"; no row is split."""
    bands = [f"Band {i}" for i in range(1, 61)]
    roles = ["Analyst", "Engineer"]
    lines = ["guide: 1", "from: Analyst", "to: Engineer", "sections:",
             "  - type: salary", "    title: Long salary table",
             "    bands: [" + ", ".join(bands) + "]", "    roles:"]
    for r in roles:
        rng = ", ".join(f"[{20000 + 1000 * i}, {30000 + 1000 * i}]" for i in range(60))
        lines.append(f"      - {{name: {r}, ranges: [{rng}]}}")
    guide = out("long-table.yaml")
    open(guide, "w").write("\n".join(lines) + "\n")
    pdf = render(guide, out("long-table.pdf"))
    subprocess.run([sys.executable, CHECK, guide, pdf, "--style", STYLE], check=True)
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    if n < 2:
        fail("the long table did not run onto a second page")
    for p in range(2, n + 1):
        t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"],
                           capture_output=True, text=True).stdout
        if "Band" not in t:
            continue  # the chart page
        if "Long salary table (continued)" not in t or "ANALYST" not in t.upper():
            fail(f"page {p} does not repeat the table header with (continued)")


def test_system_fonts():
    """The machine's fonts are used only when the style asks, and a style's
    fonts never leak into the next document of the same engine."""
    fams = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if "DejaVu Sans" not in fams:
        print("DejaVu Sans not installed: nothing to check")
        return
    parent = os.path.join(SRC, "styles/default.yaml")
    for system in ("false", "true"):
        st = out(f"sys-{system}.yaml")
        with open(st, "w") as f:
            f.write(f"style: 1\nextends: {parent}\n"
                    f"fonts: {{body: DejaVu Sans, system: {system}}}\n")
        if system == "false":
            if os.path.exists(out("sys-false.pdf")):
                os.remove(out("sys-false.pdf"))
            # Without fonts.system the family is not in the font set: an
            # error at the line that names it, never a silent fallback.
            r = subprocess.run([BIN, "render", SEED, "-o", out("sys-false.pdf"), "-q", "-s", st],
                               capture_output=True, text=True)
            want = f"{st}:3:15: error: font family `DejaVu Sans` (text style `body`) is not bundled"
            if r.returncode != 1 or want not in r.stderr:
                fail(f"an unbundled family was not refused at its line:\n{r.stderr}")
            if os.path.exists(out("sys-false.pdf")):
                fail("a PDF was written for a style whose font is missing")
            continue
        pdf = render(SEED, out(f"sys-{system}.pdf"), "-s", st)
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
        if system == "true" and "DejaVuSans" not in fonts:
            fail(f"fonts.system: true did not use the machine's DejaVu Sans:\n{fonts}")
        if system == "false" and "DejaVu" in fonts:
            fail(f"the machine's fonts were used without fonts.system:\n{fonts}")


globals()["test_" + NAME]()
print(f"render.{NAME}: 1 passed, 0 failed")
