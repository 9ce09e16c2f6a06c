#!/usr/bin/env python3
"""Tests for archival and protected output (issue 6): the libharu painter
against the Cairo painter, PDF/A-1b, AES-256 passwords, embedded source and
/Lang. Every test renders with the real program and reads the result back
with poppler and qpdf, as a reader or an archive would.

usage: test_haru.py GUIDEPRESS_BIN SOURCE_DIR WORK_DIR TEST_NAME

Tolerances (stated here and in docs/archival.md):
- text: pdftotext of the two painters is identical, whitespace-normalised
  (it took label tracking of 0.4 pt: at 0.6 pt poppler read Cairo's kerned
  "MATTERS" in 7 pt capitals as "MAT TERS").
- pixels: at 50 dpi grey, at most 0.5% of a page's pixels differ by more
  than 64 grey levels (measured: 0.035% at worst on the seed guide).
"""
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

BIN, SRC, WORK, NAME = sys.argv[1:5]
SEED = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
STRESS = os.path.join(SRC, "tests/render/stress.yaml")
ARABIC = os.path.join(SRC, "data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml")
PGMDIFF = os.path.join(SRC, "tests/post/pgmdiff.py")
ICC = "/usr/share/color/icc/sRGB.icc"
PIXEL_TOLERANCE = 0.5  # percent of a page's pixels
WORD_TOLERANCE = 0.0  # share of words split differently: none
os.makedirs(WORK, exist_ok=True)
ENV = dict(os.environ)
ENV.pop("SOURCE_DATE_EPOCH", None)


def fail(msg):
    sys.exit("FAIL: " + msg)


def out(name):
    return os.path.join(WORK, name)


def run(*args, expect=0, env=None):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env=env or ENV)
    if expect is not None and p.returncode != expect:
        fail(f"{' '.join(args)} exited {p.returncode}, expected {expect}\n"
             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def render(guide, name, *extra, env=None):
    path = out(name)
    run("render", guide, "-o", path, "-q", *extra, env=env)
    return path


def tool(*args, check=True, password=None):
    p = subprocess.run(list(args), capture_output=True, text=True)
    if check and p.returncode != 0:
        fail(f"{' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


def text_of(pdf, *extra):
    return tool("pdftotext", *extra, pdf, "-").stdout


def pages_of(pdf, *extra):
    info = tool("pdfinfo", *extra, pdf).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def qpdf_json(pdf, *extra):
    return json.loads(tool("qpdf", "--json", *extra, pdf).stdout)


def objects(pdf):
    """Every object of the file as qpdf's JSON (version 2) values."""
    js = qpdf_json(pdf, "--json-output")
    return js["qpdf"][1]


def catalog(objs):
    root = objs["trailer"]["value"]["/Root"]
    return objs["obj:" + root]["value"]


def resolve(objs, v):
    if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
        o = objs["obj:" + v]
        return o.get("value", o.get("stream"))
    return v


def compare_text(a_pdf, b_pdf, what):
    a, b = text_of(a_pdf), text_of(b_pdf)
    if re.sub(r"\s+", "", a) != re.sub(r"\s+", "", b):
        sa, sb = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
        i = next((k for k in range(min(len(sa), len(sb))) if sa[k] != sb[k]), min(len(sa), len(sb)))
        fail(f"{what}: text differs at {i}: cairo {sa[i - 40:i + 40]!r} / haru {sb[i - 40:i + 40]!r}")
    wa, wb = a.split(), b.split()
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    if changed > WORD_TOLERANCE * len(wa) or " ".join(wa) != " ".join(wb):
        fail(f"{what}: {changed} of {len(wa)} words split differently (over {WORD_TOLERANCE:.0%})")
    if len(wa) < 500:
        fail(f"{what}: only {len(wa)} words extracted")
    print(f"{what}: same text, {len(wa)} words, {changed} split differently")


def compare_pixels(a_pdf, b_pdf, what):
    n = pages_of(a_pdf)
    if pages_of(b_pdf) != n:
        fail(f"{what}: page counts differ: {n} / {pages_of(b_pdf)}")
    for pdf, prefix in ((a_pdf, "a"), (b_pdf, "b")):
        tool("pdftoppm", "-r", "50", "-gray", pdf, out(f"{what}-{prefix}"))
    pairs = []
    width = len(str(n))
    for i in range(1, n + 1):
        pairs += [out(f"{what}-a-{i:0{width}d}.pgm"), out(f"{what}-b-{i:0{width}d}.pgm")]
    p = subprocess.run([sys.executable, PGMDIFF, "--threshold", "64", "--max-percent",
                        str(PIXEL_TOLERANCE), *pairs], capture_output=True, text=True)
    print(p.stdout)
    if p.returncode != 0:
        fail(f"{what}: pixel difference over {PIXEL_TOLERANCE}%:\n{p.stdout}{p.stderr}")


def both(guide, stem, *extra):
    return (render(guide, stem + "-cairo.pdf", *extra),
            render(guide, stem + "-haru.pdf", "--backend", "haru", *extra))


# Painters agree -----------------------------------------------------------------

def agree(guide, stem):
    c, h = both(guide, stem)
    if pages_of(c) != pages_of(h):
        fail(f"{stem}: page counts differ: cairo {pages_of(c)} / haru {pages_of(h)}")
    compare_text(c, h, stem)
    compare_pixels(c, h, stem)


def test_agree_seed():
    agree(SEED, "seed")


def test_agree_stress():
    agree(STRESS, "stress")


def test_structure():
    """Fonts embedded, outline, links, info and /Lang as Cairo writes them;
    deterministic output with an /ID."""
    c, h = both(SEED, "struct")
    tool("qpdf", "--check", h)
    rows = tool("pdffonts", h).stdout.splitlines()[2:]
    if not rows or any(r.split()[-5] != "yes" for r in rows):
        fail("libharu output has a font that is not embedded:\n" + "\n".join(rows))
    oc = [o["title"] for o in qpdf_json(c, "--json-key=outlines")["outlines"]]
    oh = [o["title"] for o in qpdf_json(h, "--json-key=outlines")["outlines"]]
    if oc != oh or not oc:
        fail(f"outlines differ: cairo {oc} / haru {oh}")
    for key in ("Title", "Subject", "Keywords", "Creator", "CreationDate"):
        vc = re.search(rf"^{key}:\s+(.*)$", tool("pdfinfo", c).stdout, re.M)
        vh = re.search(rf"^{key}:\s+(.*)$", tool("pdfinfo", h).stdout, re.M)
        if (vc and vc.group(1)) != (vh and vh.group(1)):
            fail(f"Info {key} differs: {vc and vc.group(1)!r} / {vh and vh.group(1)!r}")
    # the same number of link annotations, and no border on any
    objs = objects(h)
    links = [o["value"] for o in objs.values() if isinstance(o.get("value"), dict)
             and o["value"].get("/Subtype") == "/Link"]
    cl = [o["value"] for o in objects(c).values() if isinstance(o.get("value"), dict)
          and o["value"].get("/Subtype") == "/Link"]
    if len(links) != len(cl):
        fail(f"link annotations: cairo {len(cl)} / haru {len(links)}")
    for l in links:
        if l.get("/Border", [0, 0, 0])[2:3] not in ([0], [0.0]) and \
                resolve(objs, l.get("/BS", {})).get("/W", 1) != 0:
            fail(f"a link has a visible border: {l}")


    again = render(SEED, "struct-haru-2.pdf", "--backend", "haru")
    if open(h, "rb").read() != open(again, "rb").read():
        fail("two libharu renders differ")
    for pdf in (c, h):
        o = objects(pdf)
        if "/ID" not in o["trailer"]["value"]:
            fail(f"{pdf} has no /ID")
        if catalog(o).get("/Lang") != "u:en-GB":
            fail(f"{pdf}: catalogue /Lang is {catalog(o).get('/Lang')!r}")


def test_arabic():
    """Right-to-left runs come out as real (joined) Arabic, not isolated letters."""
    h = render(ARABIC, "ar-haru.pdf", "--backend", "haru")
    text = unicodedata.normalize("NFKC", text_of(h))
    for word in ("محاسب", "بيانات"):
        if word not in text and word[::-1] not in text:
            fail(f"{word} not found in the libharu Arabic text")
    raw = text_of(h)
    if not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in raw):
        fail("no presentation forms: the Arabic was drawn unjoined")


# PDF/A-1b ---------------------------------------------------------------------------

def has_transparency(objs):
    found = []
    for k, o in objs.items():
        v = o.get("value") or (o.get("stream") or {}).get("dict")
        if not isinstance(v, dict):
            continue
        if "/SMask" in v and v["/SMask"] != "/None":
            found.append(f"{k} /SMask")
        g = resolve(objs, v.get("/Group"))
        if isinstance(g, dict) and g.get("/S") == "/Transparency":
            found.append(f"{k} transparency group")
        for key in ("/CA", "/ca"):
            if key in v and float(v[key]) < 1:
                found.append(f"{k} {key} {v[key]}")
    return found


def test_pdfa():
    env = dict(ENV, SOURCE_DATE_EPOCH="1700000000")
    # example-brand has a logo with transparency: it must be flattened
    a = render(SEED, "pdfa1.pdf", "--pdfa", "--backend", "haru", "-s", "example-brand", env=env)
    b = render(SEED, "pdfa2.pdf", "--pdfa", "--backend", "haru", "-s", "example-brand", env=env)
    if open(a, "rb").read() != open(b, "rb").read():
        fail("two PDF/A renders with SOURCE_DATE_EPOCH differ")
    tool("qpdf", "--check", a)
    if not open(a, "rb").read(16).startswith(b"%PDF-1.4"):
        fail("PDF/A-1 output is not PDF 1.4")
    objs = objects(a)
    trailer = objs["trailer"]["value"]
    if "/ID" not in trailer or len(trailer["/ID"]) != 2:
        fail("no /ID in the trailer")
    if "/Encrypt" in trailer:
        fail("PDF/A output is encrypted")
    cat = catalog(objs)
    # XMP: uncompressed, with the PDF/A identification
    meta_ref = cat.get("/Metadata")
    if not meta_ref:
        fail("no /Metadata in the catalogue")
    meta = objs["obj:" + meta_ref]["stream"]["dict"]
    if "/Filter" in meta or meta.get("/Subtype") != "/XML" or meta.get("/Type") != "/Metadata":
        fail(f"metadata stream dictionary: {meta}")
    xmp = tool("pdfinfo", "-meta", a).stdout
    if not re.search(r"<pdfaid:part>1</pdfaid:part>", xmp) or \
            not re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xmp):
        fail("XMP lacks pdfaid:part 1 / pdfaid:conformance B:\n" + xmp)
    title = re.search(r"^Title:\s+(.*)$", tool("pdfinfo", a).stdout, re.M).group(1)
    if f'<rdf:li xml:lang="x-default">{title}</rdf:li>' not in xmp:
        fail(f"XMP dc:title does not match the Info title {title!r}")
    if "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>" not in xmp:
        fail("XMP CreateDate is not SOURCE_DATE_EPOCH")
    # OutputIntent with an embedded sRGB profile
    intents = resolve(objs, cat.get("/OutputIntents"))
    if not intents:
        fail("no /OutputIntents")
    oi = resolve(objs, intents[0])
    if oi.get("/S") != "/GTS_PDFA1" or "/DestOutputProfile" not in oi:
        fail(f"OutputIntent: {oi}")
    prof_ref = oi["/DestOutputProfile"]
    if objs["obj:" + prof_ref]["stream"]["dict"].get("/N") != 3:
        fail("ICC profile stream lacks /N 3")
    num = prof_ref.split()[0]
    icc = subprocess.run(["qpdf", f"--show-object={num}", "--filtered-stream-data", a],
                         capture_output=True).stdout
    if icc != open(ICC, "rb").read() or icc[36:40] != b"acsp":
        fail("the embedded ICC profile is not the sRGB profile")
    # fonts embedded, no transparency
    rows = tool("pdffonts", a).stdout.splitlines()[2:]
    if not rows or any(r.split()[-5] != "yes" for r in rows):
        fail("a font is not embedded:\n" + "\n".join(rows))
    for k, o in objs.items():
        v = o.get("value")
        if isinstance(v, dict) and v.get("/Type") == "/FontDescriptor" and \
                re.match(r"/[A-Z]{6}\+", v.get("/FontName", "")) and "/CIDSet" not in v:
            fail(f"subset font {v.get('/FontName')} has no /CIDSet")
    if "image" not in tool("pdfimages", "-list", a).stdout:
        fail("the logo is missing from the PDF/A file")
    t = has_transparency(objs)
    if t:
        fail("PDF/A output has transparency: " + ", ".join(t))
    # the check above can fail: plain libharu output keeps the logo's alpha
    plain = render(SEED, "pdfa-plain.pdf", "--backend", "haru", "-s", "example-brand")
    if not has_transparency(objects(plain)):
        fail("self-check: the transparent logo should give an /SMask without --pdfa")
    for k, o in objs.items():
        v = o.get("value")
        if isinstance(v, dict) and v.get("/Type") == "/Annot" or \
                isinstance(v, dict) and v.get("/Subtype") == "/Link":
            if not int(v.get("/F", 0)) & 4:
                fail(f"annotation {k} is not printable")
    # same text as the Cairo painter
    compare_text(render(SEED, "pdfa-cairo.pdf", "-s", "example-brand"), a, "pdfa")


def test_pdfa_conflicts():
    for extra in (["--attach-source"], ["--password", "x"]):
        path = out("conflict.pdf")
        if os.path.exists(path):
            os.remove(path)
        p = run("render", SEED, "-o", path, "--pdfa", *extra, expect=None)
        if p.returncode == 0 or os.path.exists(path):
            fail(f"--pdfa with {extra[0]} was accepted")
        if "PDF/A" not in p.stderr:
            fail(f"no PDF/A explanation: {p.stderr}")


# Passwords ------------------------------------------------------------------------

def fnv_owner(user):
    h = 14695981039346656037
    for ch in ("guidepress owner password:" + user).encode():
        h = ((h ^ ch) * 1099511628211) % (1 << 64)
    return f"gp-owner-{h:016x}"


def test_password():
    plain_text = re.sub(r"\s+", " ", text_of(render(SEED, "plain.pdf")))
    for backend in ("cairo", "haru"):
        pdf = render(SEED, f"enc-{backend}.pdf", "--backend", backend, "--password", "s3cret",
                     "--permissions", "print")
        enc = tool("qpdf", "--show-encryption", "--password=s3cret", pdf).stdout
        for want in ("R = 6", "stream encryption method: AESv3",
                     "string encryption method: AESv3", "print high resolution: allowed",
                     "extract for any purpose: not allowed", "modify other: not allowed"):
            if want not in enc:
                fail(f"{backend}: {want!r} not in qpdf --show-encryption:\n{enc}")
        tool("qpdf", "--check", "--password=s3cret", pdf)
        p = tool("qpdf", "--check", pdf, check=False)
        if p.returncode == 0 or "invalid password" not in p.stderr + p.stdout:
            fail(f"{backend}: opens without the password: {p.stdout} {p.stderr}")
        p = tool("pdftotext", pdf, "-", check=False)
        if p.returncode == 0 and p.stdout.strip():
            fail(f"{backend}: pdftotext reads it without the password")
        got = re.sub(r"\s+", " ", text_of(pdf, "-upw", "s3cret"))
        if re.sub(r"\s", "", got) != re.sub(r"\s", "", plain_text):
            fail(f"{backend}: decrypted text differs from the unprotected render")
        # the documented default owner password, never the user password
        enc = tool("qpdf", "--show-encryption", "--password=" + fnv_owner("s3cret"), pdf).stdout
        if "Supplied password is owner password" not in enc:
            fail(f"{backend}: the derived owner password does not open it as owner:\n{enc}")
    pdf = render(SEED, "enc-owner.pdf", "--password", "u", "--owner-password", "boss",
                 "--permissions", "copy,modify")
    enc = tool("qpdf", "--show-encryption", "--password=boss", pdf).stdout
    for want in ("Supplied password is owner password", "print high resolution: not allowed",
                 "extract for any purpose: allowed", "modify other: allowed"):
        if want not in enc:
            fail(f"--owner-password/--permissions: {want!r} missing:\n{enc}")
    enc = tool("qpdf", "--show-encryption", "--password=u", pdf).stdout
    if "Supplied password is user password" not in enc:
        fail("the user password is not a user password")


# Attachments -------------------------------------------------------------

def test_attach():
    for backend in ("cairo", "haru"):
        pdf = render(SEED, f"att-{backend}.pdf", "--backend", backend, "--attach-source")
        tool("qpdf", "--check", pdf)
        lst = tool("pdfdetach", "-list", pdf).stdout
        names = re.findall(r"^\d+: (.*)$", lst, re.M)
        if sorted(names) != ["data-engineer-to-backend-developer.yaml", "default.yaml"]:
            fail(f"{backend}: attachments {names}")
        d = out(f"att-{backend}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        tool("pdfdetach", "-saveall", "-o", d, pdf)
        guide = os.path.join(d, "data-engineer-to-backend-developer.yaml")
        if open(guide, "rb").read() != open(SEED, "rb").read():
            fail(f"{backend}: the extracted guide is not the source file")
        style = os.path.join(d, "default.yaml")
        if open(style, "rb").read() != open(os.path.join(SRC, "styles/default.yaml"), "rb").read():
            fail(f"{backend}: the extracted style is not the style file")
        again = render(guide, f"att-{backend}-again.pdf", "--backend", backend, "-s", style)
        if text_of(again) != text_of(pdf):
            fail(f"{backend}: the extracted guide renders to different text")


TESTS = {k[5:]: v for k, v in globals().items() if k.startswith("test_")}

if __name__ == "__main__":
    if NAME not in TESTS:
        fail(f"unknown test {NAME}; known: {', '.join(TESTS)}")
    TESTS[NAME]()
    print(f"haru.{NAME}: ok")
