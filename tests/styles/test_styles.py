#!/usr/bin/env python3
"""tests/styles/test_styles.py - end-to-end tests of brand style sheets.

The shipped styles and small fixture styles render the seed guide, and the
PDF is read back the way a reader gets it: word boxes (pdftotext -bbox),
text (pdftotext), fonts (pdffonts), images (pdfimages -list), page size
(pdfinfo) and pixels (pdftoppm to PPM, parsed here without PIL).

    test_styles.py GUIDEPRESS STYLE_AREA SOURCE_DIR WORK_DIR TEST [ARGS...]

Tests:
    bbox STYLE SIZE   STYLE (a shipped name) on SIZE (A4, A5, Letter, Legal
                      or custom) keeps every word inside the text area,
                      header and footer bands excepted (the text area comes
                      from the style itself, via style_area); no two words
                      overlap; no page ends with a section heading; no card
                      or panel is split (large print on A5 excepted)
    narrow            on A5 the compare panels stack and the cards drop to
                      one column; on A4 they sit side by side
    brand             a ten-line brand file changes palette, logo and footer
    logo_vector       an SVG logo stays vector in the PDF; a PNG logo is an
                      image; both sit in the title block, and in the header
                      only when header.logo asks
    font_file         a font named by path, relative to the style, is used
    sections          per section type: hide, new_page and columns
    print_mono        print-mono has no colour and no filled backgrounds, and
                      its text contrast is 7:1 or more
    large_print       large-print: 14pt and up, 1.5 leading, left-aligned, no
                      italics or capitals, 7:1 contrast, no filled areas, one
                      column of cards
    errors            missing logo and font files name the path tried, key
                      typos get a suggestion, an extends cycle is reported,
                      all with file:line:col, exit 1 and no output file
"""
import os
import re
import shutil
import subprocess
import sys

GUIDEPRESS, STYLE_AREA, SRC, WORK = sys.argv[1:5]
TEST, ARGS = sys.argv[5], sys.argv[6:]
SEED = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
STYLES = os.path.join(SRC, "styles")
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL:", msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def run(*cmd, ok=True):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if ok and p.returncode != 0:
        print(p.stdout, p.stderr)
        raise SystemExit("command failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return p


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def render(style, out, guide=SEED, warnings=None):
    p = run(GUIDEPRESS, "render", guide, "-s", style, "-o", out, "--quiet")
    if warnings is not None:
        warnings.extend(l for l in p.stderr.splitlines() if "warning:" in l)
    return out


def area(style):
    """(w, h, top, right, bottom, left, header_gap) of a style, in pt."""
    p = run(STYLE_AREA, style, STYLES)
    return [float(x) for x in p.stdout.split()]


def words(pdf):
    """[(page, w, h, xMin, yMin, xMax, yMax, text)] from pdftotext -bbox."""
    out = run("pdftotext", "-bbox", pdf, "-").stdout
    res, page, pw, ph = [], 0, 0.0, 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page, pw, ph = page + 1, float(m.group(1)), float(m.group(2))
            continue
        m = re.search(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                      r'yMax="([-\d.]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            res.append((page, pw, ph, x0, y0, x1, y1, m.group(5)))
    return res


def text(pdf, first=None, last=None):
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return run(*cmd, pdf, "-").stdout


def pages(pdf):
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout).group(1))


def ppm(path):
    """(width, height, bytes) of a binary PPM (P6, maxval 255)."""
    with open(path, "rb") as f:
        data = f.read()
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        parts.append(data[pos:end])
        pos = end
    assert parts[0] == b"P6" and parts[3] == b"255", "not an 8-bit P6 PPM"
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[pos + 1:pos + 1 + 3 * w * h]


def count_color(pix, rgb, tol=12):
    n = 0
    r, g, b = rgb
    for i in range(0, len(pix), 3):
        if abs(pix[i] - r) <= tol and abs(pix[i + 1] - g) <= tol and abs(pix[i + 2] - b) <= tol:
            n += 1
    return n


def page_ppm(pdf, page, dpi=30):
    base = pdf[:-4] + "-p%d" % page
    run("pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, base)
    return ppm(base + ".ppm")


def hexrgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


def fresh(name):
    d = os.path.join(WORK, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


# bbox ----------------------------------------------------------------------

SIZES = {"A4": "A4", "A5": "A5", "Letter": "Letter", "Legal": "Legal",
         "custom": "[150mm, 8in]"}
TOL_X, TOL_Y = 1.0, 3.0  # pdftotext boxes use the font's ascent and descent


def words_outside(pdf, geo):
    """Words outside the text area and outside the header and footer bands."""
    w, h, top, right, bottom, left, gap = geo
    bad = []
    for (pg, pw, ph, x0, y0, x1, y1, t) in words(pdf):
        if abs(pw - w) > 0.5 or abs(ph - h) > 0.5:
            bad.append("page %d is %.1f x %.1f, the style says %.1f x %.1f" % (pg, pw, ph, w, h))
            continue
        if x0 < left - TOL_X or x1 > w - right + TOL_X:
            bad.append("page %d: %r at x %.1f..%.1f, text area x %.1f..%.1f"
                       % (pg, t, x0, x1, left, w - right))
            continue
        in_body = y0 >= top - TOL_Y and y1 <= h - bottom + TOL_Y
        in_header = y0 >= 0 and y1 <= top - gap * 0.5 + TOL_Y
        in_footer = y0 >= h - bottom + gap * 0.5 - TOL_Y and y1 <= h
        if not (in_body or in_header or in_footer):
            bad.append("page %d: %r at y %.1f..%.1f, text area y %.1f..%.1f"
                       % (pg, t, y0, y1, top, h - bottom))
    return bad


def overlaps(pdf, shrink=0.3):
    """Pairs of words whose boxes overlap on a page. Boxes lose 30% of their
    height top and bottom first: pdftotext's boxes run from the font's
    ascent to its descent, which is taller than a tight leading."""
    bypage, bad = {}, []
    for w in words(pdf):
        if w[7].strip():
            h = w[6] - w[4]
            bypage.setdefault(w[0], []).append(
                (w[3] + 0.3, w[4] + h * shrink, w[5] - 0.3, w[6] - h * shrink, w[7]))
    for pg, boxes in sorted(bypage.items()):
        boxes.sort(key=lambda b: b[1])
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[1] >= a[3]:
                    break
                if a[0] < b[2] and b[0] < a[2]:
                    bad.append("page %d: %r at (%.0f, %.0f) overlaps %r" % (pg, a[4], a[0], a[1], b[4]))
    return bad


def lonely_headings(pdf, geo, h2_size):
    """Pages whose last body line is a section heading (h2), cut off from
    what it introduces."""
    w, h, top, right, bottom, left, gap = geo
    bypage, bad = {}, []
    for wd in words(pdf):
        if wd[4] >= top - TOL_Y and wd[6] <= h - bottom + TOL_Y and wd[7].strip():
            bypage.setdefault(wd[0], []).append(wd)
    for pg, ws in sorted(bypage.items()):
        low = max(ws, key=lambda x: x[6])
        line = [x for x in ws if abs(x[6] - low[6]) < 1]
        if all(abs((x[6] - x[4]) / 1.362 - h2_size) < 0.3 for x in line):
            bad.append("page %d ends with the heading %r" % (pg, " ".join(x[7] for x in line)))
    return bad


def test_bbox(style, size):
    d = fresh("bbox-%s-%s" % (style, size))
    parent = os.path.relpath(os.path.join(STYLES, style + ".yaml"), d)
    extra = "  margin: [1cm, 36pt, 0.5in, 12mm]\n" if size == "custom" else ""
    st = write(os.path.join(d, "page.yaml"),
               "style: 1\nextends: %s\npage:\n  size: %s\n%s" % (parent, SIZES[size], extra))
    geo = area(st)
    warns = []
    pdf = render(st, os.path.join(d, "out.pdf"), warnings=warns)
    # Cards, steps and panels move whole to the next page; only large print
    # on A5 has some taller than a page, which are then split between lines.
    splits = [w for w in warns if "split across pages" in w]
    if not (style == "large-print" and size == "A5"):
        check(not splits, "blocks split across pages:\n" + "\n".join(splits))
    for b in lonely_headings(pdf, geo, text_styles(st)["h2"]["size"]):
        fail(b)
    bad = words_outside(pdf, geo)
    for b in bad[:20]:
        fail(b)
    for b in overlaps(pdf)[:20]:
        fail(b)
    n = len(words(pdf))
    check(n > 2000, "only %d words in the PDF: the guide did not render whole" % n)
    print("%s on %s: %d pages, %d words, %d outside" % (style, size, pages(pdf), n, len(bad)))


# narrow pages ---------------------------------------------------------------

def xs_of(pdf, word):
    return sorted({round(x0) for (_, _, _, x0, _, _, _, t) in words(pdf) if t == word})


def phrase_x(pdf, phrase):
    """x of the first word of each occurrence of phrase (words on one page)."""
    ws, want = words(pdf), phrase.split()
    return [ws[i][3] for i in range(len(ws) - len(want) + 1)
            if [w[7] for w in ws[i:i + len(want)]] == want]


def test_narrow():
    d = fresh("narrow")
    res = {}
    for size in ("A4", "A5"):
        st = write(os.path.join(d, size + ".yaml"),
                   "style: 1\nextends: default\npage: {size: %s}\n" % size)
        pdf = render(st, os.path.join(d, size + ".pdf"))
        # the panel titles "Your current day as a ..." and "Your future day ..."
        cur = phrase_x(pdf, "Your current day")
        fut = phrase_x(pdf, "Your future day")
        res[size] = (cur, fut, xs_of(pdf, "AS"))
    cur, fut, card_x = res["A4"]
    check(cur and fut and abs(cur[0] - fut[0]) > 100,
          "A4: compare panels should sit side by side (x %s and %s)" % (cur, fut))
    check(len(card_x) == 2, "A4: skill cards should be in 2 columns, label x %s" % card_x)
    cur, fut, card_x = res["A5"]
    check(cur and fut and abs(cur[0] - fut[0]) < 2,
          "A5: compare panels should stack (x %s and %s)" % (cur, fut))
    check(len(card_x) == 1, "A5: skill cards should drop to 1 column, label x %s" % card_x)


# brand ----------------------------------------------------------------------

BRAND = """\
style: 1
extends: default
brand:
  name: Kestrel Careers
  logo: kestrel.png
  logo_width: 40mm
colors:
  primary: "#6a1b9a"
  primary_light: "#fbe3c4"
footer: {left: "{brand} test footer", center: "", right: "Page {page} of {pages}"}
"""


def test_brand():
    d = fresh("brand")
    shutil.copy(os.path.join(STYLES, "assets/northbridge-logo.png"), os.path.join(d, "kestrel.png"))
    st = write(os.path.join(d, "brand.yaml"), BRAND)
    check(len(BRAND.splitlines()) <= 12, "the brand file should stay about ten lines")
    pdf = render(st, os.path.join(d, "brand.pdf"))
    base = render("default", os.path.join(d, "default.pdf"))
    # footer text on every page
    n = pages(pdf)
    for p in range(1, n + 1):
        check("Kestrel Careers test footer" in text(pdf, p, p),
              "page %d: the brand's footer text is missing" % p)
    check("test footer" not in text(base), "default must not show the brand footer")
    # palette: the title block is primary_light, the CTA panel primary
    w, h, pix = page_ppm(pdf, 1)
    light = count_color(pix, hexrgb("#fbe3c4"))
    check(light > w * h // 20, "page 1: %d pixels of the brand's primary_light" % light)
    _, _, bpix = page_ppm(base, 1)
    check(count_color(bpix, hexrgb("#fbe3c4")) < 10, "default page 1 has the brand colour")
    w, h, pix = page_ppm(pdf, n)
    purple = count_color(pix, hexrgb("#6a1b9a"))
    check(purple > 500, "last page: %d pixels of the brand's primary (the CTA panel)" % purple)
    # the PNG logo: one raster image in the PDF, on page 1
    imgs = [l.split() for l in run("pdfimages", "-list", pdf).stdout.splitlines()[2:]]
    imgs = [(i[0], i[2]) for i in imgs if i and i[2] == "image"]  # not its alpha (smask)
    check(imgs == [("1", "image")], "expected the PNG logo once, on page 1: %s" % imgs)
    print("brand: %d pages, %d primary_light px on page 1, %d primary px on page %d"
          % (n, light, purple, n))
    # long running texts never overlap: a centre text moves into the room
    # between left and right, or onto a line of its own
    for who in ("Alexandra Montgomery-Richardson",
                "Alexandra Montgomery-Richardson and the spring careers cohort of 2026"):
        out = os.path.join(d, "named.pdf")
        st2 = write(os.path.join(d, "center.yaml"), "style: 1\nextends: brand.yaml\n"
                    "footer: {center: \"Prepared for {prepared_for}\"}\n")
        run(GUIDEPRESS, "render", SEED, "-s", st2, "-o", out, "--quiet",
            "--set", "prepared_for=" + who)
        for o in overlaps(out)[:10]:
            fail(o)
        check(("Prepared for " + who) in " ".join(text(out, 2, 2).split()),
              "page 2: the footer lost %r" % who)
        for b in words_outside(out, area(st2))[:10]:
            fail(b)


# logos ----------------------------------------------------------------------

def test_logo_vector():
    d = fresh("logo")
    svg = os.path.join(STYLES, "assets/northbridge-logo.svg")
    shutil.copy(svg, os.path.join(d, "logo.svg"))
    st = write(os.path.join(d, "svg.yaml"), "style: 1\nextends: default\n"
               "brand: {name: Logo Test, logo: logo.svg}\nheader: {logo: true}\n")
    pdf = render(st, os.path.join(d, "svg.pdf"))
    imgs = [l for l in run("pdfimages", "-list", pdf).stdout.splitlines()[2:] if l.strip()]
    check(not imgs, "an SVG logo must stay vector, but the PDF has images: %s" % imgs)
    # the logo is navy: present at the top right of page 1 (title block) and
    # at the top left of page 2 (header), absent where there is no logo
    navy = hexrgb("#1f3a5f")

    def corner(pdf, page, right):
        w, h, pix = page_ppm(pdf, page, 40)
        n = 0
        for y in range(0, h // 8):
            for x in (range(w // 2, w) if right else range(0, w // 2)):
                i = 3 * (y * w + x)
                if all(abs(pix[i + k] - navy[k]) <= 16 for k in range(3)):
                    n += 1
        return n

    check(corner(pdf, 1, True) > 20, "page 1: no logo in the title block")
    check(corner(pdf, 2, False) > 10, "page 2: no logo in the header")
    st2 = write(os.path.join(d, "nohead.yaml"), "style: 1\nextends: svg.yaml\n"
                "header: {logo: false}\n")
    pdf2 = render(st2, os.path.join(d, "nohead.pdf"))
    check(corner(pdf2, 2, False) == 0, "header.logo: false still shows a logo in the header")
    # example-brand ships an SVG logo too
    pdf3 = render("example-brand", os.path.join(d, "example.pdf"))
    imgs = [l for l in run("pdfimages", "-list", pdf3).stdout.splitlines()[2:] if l.strip()]
    check(not imgs, "example-brand: the SVG logo was rasterised: %s" % imgs)
    check("612 x 792" in run("pdfinfo", pdf3).stdout, "example-brand should be US Letter")


# font files -----------------------------------------------------------------

def renamed_font(src, dst, old, new):
    """Copies a TTF with every occurrence of the family name (ASCII and
    UTF-16BE, same length) replaced, so fontconfig sees a family that is
    not in the bundled fonts/ folder."""
    assert len(old) == len(new)
    with open(src, "rb") as f:
        data = f.read()
    for o, n in ((old, new), (old.replace(" ", ""), new.replace(" ", ""))):
        for enc in ("latin-1", "utf-16-be"):
            data = data.replace(o.encode(enc), n.encode(enc))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "wb") as f:
        f.write(data)


def test_font_file():
    d = fresh("font")
    renamed_font(os.path.join(SRC, "fonts/NotoSans-Italic.ttf"),
                 os.path.join(d, "brandfonts/Kestrel-Italic.ttf"), "Noto Sans", "Kest Sans")
    st = write(os.path.join(d, "font.yaml"), "style: 1\nextends: default\n"
               "fonts: {files: [brandfonts/Kestrel-Italic.ttf]}\n"
               "text:\n  h2: {font: Kest Sans, style: italic, weight: regular}\n")
    pdf = render(st, os.path.join(d, "font.pdf"))
    fonts = run("pdffonts", pdf).stdout
    check("KestSans-Italic" in fonts, "the style's font file is not in the PDF:\n" + fonts)
    base = render("default", os.path.join(d, "default.pdf"))
    check("KestSans" not in run("pdffonts", base).stdout, "default uses the test font")


# sections ---------------------------------------------------------------------

def test_sections():
    d = fresh("sections")
    st = write(os.path.join(d, "sections.yaml"), "style: 1\nextends: default\nsections:\n"
               "  faq: {hide: true}\n  salary: {new_page: true}\n  skills: {columns: 3}\n")
    pdf = render(st, os.path.join(d, "sections.pdf"))
    base = render("default", os.path.join(d, "default.pdf"))
    check("Frequently asked questions" in text(base), "default has no FAQ: bad fixture")
    check("Frequently asked questions" not in text(pdf), "faq: {hide: true} still shows it")
    geo = area(st)
    ws = words(pdf)
    sal = [w for w in ws if w[7] == "Salary" and w[4] > geo[2] - TOL_Y]
    check(sal, "no 'Salary comparison' heading")
    if sal:
        pg = sal[0][0]
        body = [w for w in ws if w[0] == pg and w[4] >= geo[2] - TOL_Y]
        first = min(body, key=lambda w: (round(w[4]), w[3]))
        check(first[7] == "Salary" and first[4] < geo[2] + 10,
              "salary: {new_page: true}: page %d starts with %r at y %.1f"
              % (pg, first[7], first[4]))
    cols = xs_of(pdf, "AS")
    check(len(cols) == 3, "skills: {columns: 3} gave label x %s" % cols)
    check(len(xs_of(base, "AS")) == 2, "default skills should have 2 columns")


# errors ---------------------------------------------------------------------------

LOC = re.compile(r"(\S+\.yaml):(\d+):(\d+): error")


def expect_error(style, out, want, where):
    """Renders with a bad style: exit 1, no output, messages matching want
    (regexes) and an error located at where = (file name, line)."""
    p = run(GUIDEPRESS, "render", SEED, "-s", style, "-o", out, ok=False)
    err = p.stderr
    check(p.returncode == 1, "%s: exit %d, expected 1\n%s" % (style, p.returncode, err))
    check(not os.path.exists(out), "%s: an output file was written" % style)
    for w in want:
        check(re.search(w, err), "%s: no %r in:\n%s" % (style, w, err))
    locs = [(os.path.basename(m.group(1)), int(m.group(2))) for m in LOC.finditer(err)]
    check(where in locs, "%s: no error at %s:%d in:\n%s" % (style, where[0], where[1], err))


def test_errors():
    d = fresh("errors")
    st = write(os.path.join(d, "nologo.yaml"),
               "style: 1\nextends: default\nbrand:\n  logo: art/missing-logo.svg\n")
    expect_error(st, os.path.join(d, "a.pdf"),
                 [re.escape(os.path.join(os.path.realpath(d), "art/missing-logo.svg"))],
                 ("nologo.yaml", 4))
    st = write(os.path.join(d, "nofont.yaml"),
               "style: 1\nextends: default\nfonts:\n  files:\n    - f/Brand-Regular.ttf\n")
    expect_error(st, os.path.join(d, "b.pdf"),
                 [re.escape(os.path.join(os.path.realpath(d), "f/Brand-Regular.ttf"))],
                 ("nofont.yaml", 5))
    st = write(os.path.join(d, "typo.yaml"),
               "style: 1\nextends: default\ncolours:\n  primary: \"#123456\"\n"
               "text:\n  body: {sise: 11pt}\n")
    expect_error(st, os.path.join(d, "c.pdf"),
                 [r"did you mean `colors`", r"did you mean `size`"], ("typo.yaml", 3))
    expect_error(st, os.path.join(d, "c.pdf"), [], ("typo.yaml", 6))
    write(os.path.join(d, "cycle-a.yaml"), "style: 1\nextends: cycle-b.yaml\n")
    write(os.path.join(d, "cycle-b.yaml"), "style: 1\n# b extends a\nextends: ./cycle-a.yaml\n")
    expect_error(os.path.join(d, "cycle-a.yaml"), os.path.join(d, "d.pdf"),
                 [r"cycle", r"cycle-a\.yaml -> .*cycle-b\.yaml -> .*cycle-a\.yaml"],
                 ("cycle-b.yaml", 3))
    st = write(os.path.join(d, "orphan.yaml"), "style: 1\nextends: brands/nowhere.yaml\n")
    expect_error(st, os.path.join(d, "e.pdf"),
                 [re.escape(os.path.join(os.path.realpath(d), "brands/nowhere.yaml"))],
                 ("orphan.yaml", 2))


# print-mono and large-print ---------------------------------------------------

def filled_bands(w, h, pix, white=235, frac=0.3, rows=4):
    """Runs of at least `rows` pixel rows that each hold a non-white run
    wider than frac of the page: a filled panel, not a rule or text."""
    bands, streak = [], 0
    for y in range(h):
        run = best = 0
        base = 3 * y * w
        for x in range(w):
            i = base + 3 * x
            if min(pix[i], pix[i + 1], pix[i + 2]) < white:
                run += 1
                best = max(best, run)
            else:
                run = 0
        streak = streak + 1 if best > frac * w else 0
        if streak == rows:
            bands.append(y - rows + 1)
    return bands


def luminance(rgb):
    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_styles(style):
    out = run(STYLE_AREA, style, STYLES, "--text").stdout
    res = {}
    for line in out.splitlines():
        f = line.split()
        res[f[0]] = {"size": float(f[1]), "leading": float(f[2]), "align": int(f[3]),
                     "italic": f[5] == "1", "upper": f[6] == "1",
                     "contrast": 1.05 / (luminance([float(x) for x in f[7:10]]) + 0.05)}
    return res


def test_print_mono():
    d = fresh("mono")
    pdf = render("print-mono", os.path.join(d, "mono.pdf"))
    for p in range(1, pages(pdf) + 1):
        w, h, pix = page_ppm(pdf, p, 20)
        colour = sum(1 for i in range(0, len(pix), 3)
                     if max(pix[i:i + 3]) - min(pix[i:i + 3]) > 24)
        check(colour == 0, "page %d: %d coloured pixels in a black-and-white style" % (p, colour))
        bands = filled_bands(w, h, pix)
        check(not bands, "page %d: filled background at pixel rows %s" % (p, bands[:5]))
    for role, t in text_styles(os.path.join(STYLES, "print-mono.yaml")).items():
        check(t["contrast"] >= 7, "%s text contrast %.1f:1 on white" % (role, t["contrast"]))
    # the control: default has filled panels, so the check can fail
    base = render("default", os.path.join(d, "default.pdf"))
    w, h, pix = page_ppm(base, 1, 20)
    check(filled_bands(w, h, pix), "default page 1 should show its tinted title block")


def test_large_print():
    d = fresh("large")
    st = text_styles(os.path.join(STYLES, "large-print.yaml"))
    body = st["body"]
    check(body["size"] >= 14, "body %.1fpt, clear print wants 14pt or more" % body["size"])
    check(body["leading"] >= 1.45 * body["size"], "body leading %.1fpt is not about 1.5"
          % body["leading"])
    for role, t in st.items():
        check(t["align"] == 0, "%s is not left-aligned" % role)
        check(not t["italic"] and not t["upper"], "%s uses italics or capitals" % role)
        check(t["contrast"] >= 7, "%s text contrast %.1f:1 on white" % (role, t["contrast"]))
        if role not in ("header", "footer"):
            check(t["size"] >= 14, "%s is %.1fpt" % (role, t["size"]))
    pdf = render("large-print", os.path.join(d, "large.pdf"))
    # most words really are set at the body size or more (box height ~1.36 em)
    hs = [(w[6] - w[4]) / 1.362 for w in words(pdf)]
    small = sum(1 for x in hs if x < 13.9)
    check(small < 0.1 * len(hs), "%d of %d words are under 14pt" % (small, len(hs)))
    # no text on tinted panels: no filled areas at all
    for p in range(1, pages(pdf) + 1):
        w, h, pix = page_ppm(pdf, p, 20)
        bands = filled_bands(w, h, pix)
        check(not bands, "page %d: filled background at pixel rows %s" % (p, bands[:5]))
    # one column: every card label starts at the same x
    cols = xs_of(pdf, "As")
    check(len(cols) == 1, "skill cards in more than one column: label x %s" % cols)


TESTS = {"bbox": test_bbox, "narrow": test_narrow, "brand": test_brand,
         "logo_vector": test_logo_vector, "font_file": test_font_file,
         "sections": test_sections, "errors": test_errors, "print_mono": test_print_mono,
         "large_print": test_large_print}

if __name__ == "__main__":
    os.makedirs(WORK, exist_ok=True)
    TESTS[TEST](*ARGS)
    if FAILS:
        print("%d failure(s)" % len(FAILS))
        sys.exit(1)
    print("ok")
