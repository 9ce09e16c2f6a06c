#!/usr/bin/env python3
"""Tests of our own PDF painter (issue 14), read back with qpdf, poppler and
pikepdf as a reader would.

usage: test_pdfwriter.py GUIDEPRESS_BIN SOURCE_DIR WORK_DIR TEST_NAME
"""
import glob
import os
import re
import subprocess
import sys

import pikepdf

BIN, SRC, WORK, NAME = sys.argv[1:5]
SEED = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
ARABIC = os.path.join(SRC, "data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml")
UA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
STYLES = ["default", "example-brand", "large-print", "print-mono"]
os.makedirs(WORK, exist_ok=True)
ENV = dict(os.environ)
ENV.pop("SOURCE_DATE_EPOCH", None)


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(*args, expect=0, env=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env or ENV)
    if expect is not None and p.returncode != expect:
        fail(f"{' '.join(args)} exited {p.returncode}, expected {expect}\n"
             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def out(name):
    return os.path.join(WORK, name)


def render(guide, name, *extra, env=None):
    path = out(name)
    run("render", guide, "-o", path, "-q", *extra, env=env)
    return path


def tool(*args, ok=(0,)):
    p = subprocess.run(args, capture_output=True)
    if p.returncode not in ok:
        fail(f"{' '.join(args)} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8", errors="replace"), p.stderr.decode("utf-8", errors="replace")


def qpdf_clean(pdf, *extra):
    o, e = tool("qpdf", "--check", *extra, pdf)
    if "No syntax or stream encoding errors" not in o or "WARNING" in o + e:
        fail(f"qpdf --check {pdf}:\n{o}\n{e}")


def text(pdf, *extra):
    return tool("pdftotext", *extra, pdf, "-")[0]


def words(s):
    return re.findall(r"\w+", s)


def fonts(pdf):
    o, _ = tool("pdffonts", pdf)
    rows = [ln.split() for ln in o.splitlines()[2:] if ln.strip()]
    return rows


def test_output():
    """Every guide in data/, every shipped style: qpdf clean, one embedded
    Unicode-mapped subset per face, and the same words as the Cairo painter
    gives (pdftotext)."""
    guides = sorted(glob.glob(os.path.join(SRC, "data/guides*/*.yaml")))
    if len(guides) < 8:
        fail(f"expected the 8 shipped guides, found {len(guides)}")
    for g in guides:
        for style in STYLES if g == SEED else ["default"]:
            base = os.path.basename(g)[:-5] + "-" + style
            ours = render(g, base + ".pdf", "-s", style)
            cairo = render(g, base + "-cairo.pdf", "-s", style, "--backend", "cairo")
            qpdf_clean(ours)
            rows = fonts(ours)
            names = [r[0].split("+", 1)[-1] for r in rows]
            if len(set(names)) != len(names):
                fail(f"{base}: a face is embedded twice: {names}")
            for r in rows:
                if r[-5:-2] != ["yes", "yes", "yes"] or "CID" not in r:
                    fail(f"{base}: font not an embedded Unicode-mapped CID subset: {r}")
            ta, tb = words(text(ours)), words(text(cairo))
            if g != ARABIC and ta != tb:
                fail(f"{base}: words differ from the Cairo painter's\n"
                     f"ours:  {' '.join(ta[:80])}\ncairo: {' '.join(tb[:80])}")


def test_arabic():
    """Arabic lam-alef ligatures extract as the source's words (ActualText)."""
    pdf = render(ARABIC, "ar.pdf")
    src = open(ARABIC, encoding="utf-8").read()
    t = text(pdf)
    for w in ["إلى", "الانتقال"]:
        if src.count(w) == 0:
            fail(f"self-check: {w} not in the source")
        if t.count(w) < src.count(w):
            fail(f"'{w}': {t.count(w)} in the PDF text, {src.count(w)} in the source")
    if "إىل" in t:
        fail("'إىل' (reversed lam-alef) in the text")


def test_deterministic():
    env = dict(ENV, SOURCE_DATE_EPOCH="1700000000")
    a = render(SEED, "det1.pdf", env=env)
    b = render(SEED, "det2.pdf", env=env)
    if open(a, "rb").read() != open(b, "rb").read():
        fail("two renders of the same input differ")
    c = render(SEED, "det3.pdf", "--set", "title=Another title", env=env)
    ida = pikepdf.open(a).trailer.ID[0]
    idc = pikepdf.open(c).trailer.ID[0]
    if bytes(ida) == bytes(idc):
        fail("different content, same /ID")


def contents(page):
    c = page.obj.Contents
    return list(c) if isinstance(c, pikepdf.Array) else [c]


def font_programs(pdf):
    return sorted(bytes(f.FontDescriptor.FontFile2.read_raw_bytes())
                  for p in pdf.pages for k in p.Resources.Font.keys()
                  for f in p.Resources.Font[k].DescendantFonts)


def test_batchcopies():
    """A mail merge's copies: each page's body is a content stream of its own,
    byte for byte the same in copies that use the same glyphs (deflated once
    per batch), and the personal lines are in the running footer's stream. A
    copy from a batch process, whose caches hold the copies before it, is
    byte-identical to the same copy rendered alone."""
    env = dict(ENV, SOURCE_DATE_EPOCH="1700000000")
    # the third name brings glyphs the guide does not use (K, J): its subsets,
    # and so its glyph codes, differ from the first two copies'
    names = ["Ada Lovelace", "Grace Hopper", "Karen Sparck Jones"]
    csv = out("copies.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("guide,prepared_for,prepared_by,date,output,style\n")
        for i, n in enumerate(names):
            f.write(f"{SEED},{n},An Adviser,2026-01-12,copy{i}.pdf,\n")
    run("batch", "--merge", csv, "-j", "1", "-q", "-o", out("copies"), env=env)
    for i, n in enumerate(names):
        alone = render(SEED, f"alone{i}.pdf", "--set", "prepared_for=" + n, "--set",
                       "prepared_by=An Adviser", "--set", "date=2026-01-12", env=env)
        copy = os.path.join(out("copies"), f"copy{i}.pdf")
        if open(copy, "rb").read() != open(alone, "rb").read():
            fail(f"the batch's copy {i} differs from the same copy rendered alone")
        if n not in text(copy):
            fail(f"copy {i}: no '{n}' in the text")
    pdfs = [pikepdf.open(os.path.join(out("copies"), f"copy{i}.pdf")) for i in range(3)]
    if font_programs(pdfs[0]) != font_programs(pdfs[1]):
        fail("self-check: the first two copies use different glyphs")
    for k in range(len(pdfs[0].pages)):
        streams = [contents(p.pages[k]) for p in pdfs[:2]]
        if len(streams[0]) < 2:
            fail(f"page {k + 1}: one content stream, the running footer not apart")
        tails = [b"".join(x.read_bytes() for x in s[1:]) for s in streams]
        if b"/Pagination" not in tails[0] or tails[0] == tails[1]:
            fail(f"page {k + 1}: the personal footer is not in the last streams")
        if k == 0:
            continue  # the cover names the client in its body too
        raw = [s[0].read_raw_bytes() for s in streams]
        if raw[0] != raw[1]:
            fail(f"page {k + 1}: the body's stream differs between copies")

def test_encryption():
    pdf = render(SEED, "enc.pdf", "--password", "s3cret", "--permissions", "print")
    qpdf_clean(pdf, "--password=s3cret")
    o, _ = tool("qpdf", "--show-encryption", "--password=s3cret", pdf)
    for want in ("R = 6", "stream encryption method: AESv3", "extract for accessibility: allowed",
                 "print high resolution: allowed", "extract for any purpose: not allowed"):
        if want not in o:
            fail(f"encryption: no '{want}' in\n{o}")
    plain = words(text(render(SEED, "enc-plain.pdf")))
    if words(text(pdf, "-upw", "s3cret")) != plain:
        fail("the decrypted text differs from the plain render's")
    p = subprocess.run(["pdftotext", pdf, "-"], capture_output=True)
    if p.returncode == 0:
        fail("pdftotext read the encrypted file without the password")
    own = render(SEED, "enc-owner.pdf", "--password", "u", "--owner-password", "boss")
    o, _ = tool("qpdf", "--show-encryption", "--password=boss", own)
    if "Supplied password is owner password" not in o:
        fail("the owner password does not open the file as owner")


def test_tagged():
    """PDF/UA-1 pieces: structure, artifacts, /Scope, XMP, viewer prefs."""
    pdf = render(SEED, "ua.pdf")
    with pikepdf.open(pdf) as p:
        root = p.Root
        if root.Lang != "en-GB" and not str(root.Lang).startswith("en"):
            fail(f"catalogue /Lang is {root.get('/Lang')}")
        if not root.MarkInfo.Marked:
            fail("no /MarkInfo /Marked true")
        if not root.ViewerPreferences.DisplayDocTitle:
            fail("no /DisplayDocTitle true")
        meta = p.open_metadata()
        if meta.get(UA_PART) != "1":
            fail(f"XMP pdfuaid:part is {meta.get(UA_PART)}")
        if not meta.get("dc:title"):
            fail("XMP has no dc:title")
        for i, page in enumerate(p.pages):
            if "/Annots" in page and page.get("/Tabs") != "/S":
                fail(f"page {i + 1} has annotations but no /Tabs /S")
            for a in page.get("/Annots", []):
                if "/Contents" not in a or "/StructParent" not in a:
                    fail(f"page {i + 1}: a link without /Contents or /StructParent")
        counts, scopes, figs = {}, [], []

        def walk(e, depth=0):
            if depth > 60:
                return
            s = str(e.get("/S", ""))
            counts[s] = counts.get(s, 0) + 1
            if s == "/TH":
                scopes.append(str(e.A.Scope))
            if s == "/Figure":
                figs.append(e)
            k = e.get("/K")
            kids = k if isinstance(k, pikepdf.Array) else [k] if k is not None else []
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, depth + 1)

        walk(root.StructTreeRoot.K)
        for need in ("/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Lbl", "/LBody", "/Table",
                     "/TR", "/TH", "/TD", "/Link", "/Figure"):
            if counts.get(need, 0) == 0:
                fail(f"no {need} element: {counts}")
        if "/Column" not in scopes or "/Row" not in scopes:
            fail(f"TH scopes: {scopes}")
        for f in figs:
            if not str(f.get("/Alt", "")) or "/BBox" not in f.get("/A", {}):
                fail("a Figure without /Alt or /BBox")
    # every mark is tagged content or an artifact: no painting operator
    # outside a BDC/EMC pair
    qdf = out("ua.qdf")
    tool("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    data = open(qdf, "rb").read().decode("latin-1")
    if "/Artifact<</Type/Pagination/Subtype/Footer>>BDC" not in data:
        fail("no footer artifact")
    if "/Artifact<</Type/Layout>>BDC" not in data:
        fail("no layout artifact")
    for stream in re.findall(r"stream\n(.*?)endstream", data, re.S):
        if "BT" not in stream:
            continue
        depth = 0
        for tok in re.findall(r"BDC|EMC|\bBT\b|\b(?:re|f|S|B|Do)\n", stream):
            if tok == "BDC":
                depth += 1
            elif tok == "EMC":
                depth -= 1
            elif depth <= 0:
                fail(f"'{tok.strip()}' outside marked content")


def test_pdfa():
    env = dict(ENV, SOURCE_DATE_EPOCH="1700000000")
    pdf = render(SEED, "a.pdf", "--pdfa", "-s", "example-brand", env=env)
    qpdf_clean(pdf)
    with pikepdf.open(pdf) as p:
        meta = p.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get(UA_PART) != "1":
            fail(f"XMP pdfaid:part {meta.get('pdfaid:part')}, pdfuaid {meta.get(UA_PART)}")
        oi = p.Root.OutputIntents[0]
        if oi.S != "/GTS_PDFA1" or "/DestOutputProfile" not in oi:
            fail("no sRGB OutputIntent")
        if "/Encrypt" in p.trailer:
            fail("PDF/A file is encrypted")
        if "/StructTreeRoot" not in p.Root:
            fail("PDF/A file is not tagged")
    bad = os.path.join(SRC, "tests/limits/missing-glyphs.yaml")
    p = run("render", bad, "-o", out("bad-a.pdf"), "--pdfa", expect=None)
    if p.returncode == 0 or os.path.exists(out("bad-a.pdf")):
        fail("PDF/A with uncovered characters was written")
    # outside PDF/A too: an error naming the field (file:line:col), no file
    if os.path.exists(out("bad.pdf")):
        os.remove(out("bad.pdf"))
    p = run("render", bad, "-o", out("bad.pdf"), expect=None)
    if p.returncode == 0 or os.path.exists(out("bad.pdf")):
        fail("a PDF with uncovered characters was written")
    if not re.search(r"missing-glyphs\.yaml:\d+:\d+: error: no font covers", p.stderr):
        fail(f"no error naming the field: {p.stderr}")


def test_bigsubset():
    """A face whose subset has more than 256 glyphs keeps two-byte codes
    (Identity-H) while one-byte codes serve the others through the shared
    embedded CMap; both extract as the source's text and pass the checker."""
    letters = ([chr(c) for c in range(0x100, 0x180)] + [chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2] +
               [chr(c) for c in range(0x3B1, 0x3CA)] + [chr(c) for c in range(0x410, 0x450)])
    words_ = [" ".join("".join(letters[i:i + 8]) for i in range(0, len(letters), 8))]
    src = open(SEED, encoding="utf-8").read()
    at = src.index("\n  - type: prose\n")
    section = ('\n  - type: prose\n    title: "Letters"\n    body: |-\n      %s\n' % words_[0])
    guide = out("big.yaml")
    with open(guide, "w", encoding="utf-8") as f:
        f.write(src[:at] + section + src[at:])
    pdf = render(guide, "big.pdf")
    qpdf_clean(pdf)
    encs = {r[0].split("+", 1)[-1]: r[-6] if len(r) >= 7 else "?" for r in fonts(pdf)}
    if encs.get("NotoSans-Regular") != "Identity-H":
        fail(f"the regular face (over 256 glyphs) should keep Identity-H: {encs}")
    if "Custom" not in encs.values():
        fail(f"no face uses the one-byte embedded CMap: {encs}")
    t = text(pdf)
    for w in words_[0].split():
        if w not in t:
            fail(f"'{w}' is not in the PDF text")
    check = os.path.join(SRC, "tests/pdfcheck/pdfcheck.py")
    p = subprocess.run([sys.executable, check, "--ua", pdf], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"pdfcheck: {p.stdout}{p.stderr}")


TESTS = {k[5:]: v for k, v in globals().items() if k.startswith("test_")}
if NAME not in TESTS:
    fail(f"unknown test {NAME}")
TESTS[NAME]()
print("ok", NAME)
