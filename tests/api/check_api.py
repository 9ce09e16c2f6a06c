#!/usr/bin/env python3
"""tests/api/check_api.py - what the public accessors of the opaque types
return, compared with the files themselves (issue 19).

usage: check_api.py PROGRAM GUIDE STYLE WORKDIR

Runs PROGRAM (opaque_api.c) on GUIDE and STYLE; it prints "key<TAB>value"
lines from the accessors and paints the display list it read to a PDF.
The guide's and the style's values are compared with their files read by
PyYAML (an independent YAML reader); the display's page count, page sizes, fonts and
text with pdfinfo, pdffonts and pdftotext of that PDF."""
import os
import re
import subprocess
import sys

import yaml

prog, guide_path, style, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
pdf = os.path.join(work, "opaque_api.pdf")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


run = subprocess.run([prog, guide_path, style, pdf], capture_output=True, text=True)
sys.stderr.write(run.stderr)
if run.returncode != 0:
    print(f"FAIL: {prog} exited {run.returncode}")
    sys.exit(1)
lines = [l.split("\t") for l in run.stdout.splitlines()]
val = {}
for l in lines:
    val.setdefault(l[0], []).append(l[1:])


def one(key):
    v = val.get(key)
    if not v:
        fail(f"{key} not printed")
        return ""
    return "\t".join(v[0])


def norm(s):
    """Letters and digits only, case-folded: pdftotext's line breaks,
    hyphens and spacing do not matter."""
    return re.sub(r"[\W_]+", "", s).casefold()


with open(guide_path, encoding="utf-8") as f:
    data = yaml.safe_load(f)

# --- the guide against its file ---
for key, default in (("title", None), ("from", None), ("to", None), ("market", None),
                     ("lang", "en-GB"), ("currency", "GBP")):
    want = data.get(key, default)
    if want is None and key == "title":
        want = one("guide.title")  # derived, worded in the guide's language
    if one("guide." + key) != (want if want is not None else "(null)"):
        fail(f"gp_guide_{key} '{one('guide.' + key)}', file '{want}'")
if os.path.realpath(one("guide.path")) != os.path.realpath(guide_path):
    fail(f"gp_guide_path '{one('guide.path')}'")
secs = val.get("guide.section", [])
if int(one("guide.sections")) != len(data["sections"]) or len(secs) != len(data["sections"]):
    fail(f"gp_guide_section_count {one('guide.sections')}, file {len(data['sections'])}")
for i, (got, want) in enumerate(zip(secs, data["sections"])):
    typ, items, line, title = got
    # skills, gaps, list and faq hold `items:`, timeline `steps:`, salary `roles:`
    n = len(want.get("steps") or want.get("roles") or want.get("items") or [])
    if typ != want["type"] or int(items) != n or title != str(want.get("title")).replace(
            "None", "(null)"):
        fail(f"section {i}: gp_guide_section {got}, file {want['type']} with {n} items, "
             f"title {want.get('title')}")
    if int(line) < 1:
        fail(f"section {i} has no source line")
stats = val.get("guide.stat", [])
if "stats" in data and [(s["value"], s["label"]) for s in data["stats"]] != \
        [tuple(s) for s in stats]:
    fail(f"gp_guide_stat {stats}, file {data['stats']}")

# --- the style against its file (a shipped style that extends none) ---
src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
style_file = os.path.join(src, "styles", style + ".yaml")
with open(style_file, encoding="utf-8") as f:
    sdata = yaml.safe_load(f)
if "extends" in sdata:
    print(f"FAIL: {style} extends another style; give check_api.py one written out in full")
    sys.exit(1)


def points(v):
    """A style length ("22mm", "9.5pt", 0) in points."""
    m = re.fullmatch(r"([\d.]+)\s*(pt|mm|cm|in)?", str(v).strip())
    return float(m.group(1)) * {"pt": 1, None: 1, "mm": 72 / 25.4, "cm": 72 / 2.54,
                                "in": 72}[m.group(2)]


if one("style.name") != style:
    fail(f"gp_style_name '{one('style.name')}', not '{style}'")
if os.path.realpath(one("style.path")) != os.path.realpath(style_file):
    fail(f"gp_style_path '{one('style.path')}', not {style_file}")
brand = sdata.get("brand") or {}
if one("style.brand_name") != str(brand.get("name")).replace("None", "(null)"):
    fail(f"gp_style_brand_name '{one('style.brand_name')}', file {brand.get('name')}")
if (one("style.logo") == "(null)") != (brand.get("logo") is None):
    fail(f"gp_style_logo '{one('style.logo')}', file {brand.get('logo')}")
geo = one("style.page").split()
margins = [points(m) for m in str(sdata["page"]["margin"]).split()]
margins = {1: margins * 4, 2: margins * 2, 4: margins}[len(margins)][:4]
if geo[0] != sdata["page"]["size"] or any(
        abs(float(g) - m) > 0.001 for g, m in zip(geo[3:], margins)):
    fail(f"gp_style_page {geo}, file {sdata['page']} ({margins} pt)")
fonts_alias = sdata.get("fonts", {})
roles = {t[0].split()[0]: t for t in val.get("style.text", [])}
if set(roles) != set(sdata["text"]):
    fail(f"gp_style_text roles {sorted(roles)}, file {sorted(sdata['text'])}")
for role, spec in sdata["text"].items():
    t = roles.get(role)
    if not t:
        continue
    family = fonts_alias.get(spec["font"], spec["font"])
    size, leading, weight = t[1].split()
    if t[0].split(" ", 1)[1] != family or abs(float(size) - points(spec["size"])) > 0.001 \
            or abs(float(leading) - points(spec["leading"])) > 0.001 \
            or int(weight) != {"regular": 400, "bold": 700}.get(spec["weight"], spec["weight"]):
        fail(f"gp_style_text {role}: {t}, file {spec}")

# --- the display list against the PDF painted from it ---
info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", pdf], capture_output=True,
                      text=True, check=True).stdout
pdf_pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
sizes = {int(m.group(1)): (float(m.group(2)), float(m.group(3)))
         for m in re.finditer(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info, re.M)}
pages = int(one("display.pages"))
if pages != pdf_pages or pages < 2:
    fail(f"gp_display_page_count {pages}, pdfinfo {pdf_pages}")
for p in val.get("display.page", []):
    no, w, h, n, glyphs = p[0].split()
    no = int(no)
    pw, ph = sizes.get(no, (0, 0))
    if abs(float(w) - pw) > 0.01 or abs(float(h) - ph) > 0.01:
        fail(f"page {no}: gp_display_page_size {w} x {h}, pdfinfo {pw} x {ph}")
    if int(glyphs) == 0:
        fail(f"page {no}: no glyph runs among its {n} items")
    # every page has the style's size
    if abs(float(w) - float(geo[1])) > 0.01 or abs(float(h) - float(geo[2])) > 0.01:
        fail(f"page {no}: {w} x {h}, gp_style_page {geo[1]} x {geo[2]}")
if len(val.get("display.page", [])) != pages:
    fail("not one display.page line per page")
# A guide without `title:` gets a derived one ("<from> to <to>", worded in
# its language): then only the display and the PDF are compared.
title = data.get("title", one("display.meta.title"))
title_pdf = re.search(r"^Title:\s+(.*)$", info, re.M)
if one("display.meta.title") != title or not title_pdf or title_pdf.group(1) != title:
    fail(f"gp_display_meta title '{one('display.meta.title')}', guide '{title}', "
         f"pdfinfo '{title_pdf.group(1) if title_pdf else None}'")
if one("display.meta.lang") != data.get("lang", "en-GB"):
    fail(f"gp_display_meta lang '{one('display.meta.lang')}'")
# The text of each page's glyph runs is the text pdftotext finds there.
for t in val.get("display.text", []):
    no = int(t[0])
    got = subprocess.run(["pdftotext", "-f", str(no), "-l", str(no), pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    runs = [r for r in t[1].split(" ") if norm(r)]
    missing = [r for r in runs if norm(r) not in norm(got)]
    if not runs or len(missing) > len(runs) // 20:
        fail(f"page {no}: {len(missing)} of {len(runs)} words of its glyph runs are not in "
             f"pdftotext's page, e.g. {missing[:5]}")
if norm(title) not in norm(" ".join(val["display.text"][0][1:])):
    fail("the guide's title is not in page 1's glyph runs")
# Every font the display lists is embedded once in the PDF.
fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                       check=True).stdout.splitlines()[2:]
nf = int(one("display.fonts"))
if nf != len(fonts) or nf != len(val.get("display.font", [])):
    fail(f"gp_display_font_count {nf}, pdffonts lists {len(fonts)}")
# In the same order, by PostScript name ("NotoSans-Bold" after the subset tag).
for (fam, weight, italic), f in zip(val.get("display.font", []), fonts):
    style = ("Bold" if int(weight) >= 700 else "") + ("Italic" if italic == "1" else "")
    want = fam.replace(" ", "") + "-" + (style or "Regular")
    if f.split()[0].split("+")[-1] != want:
        fail(f"display font {fam} {weight} {italic}: pdffonts has {f.split()[0]}, not {want}")

print(f"{len(lines)} accessor values checked against {os.path.basename(guide_path)} and "
      f"its PDF ({pages} pages)")
sys.exit(1 if failures else 0)
