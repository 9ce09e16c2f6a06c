#!/usr/bin/env python3
"""Layout tests for issue 20, reading the PDFs as a reader gets them.

usage: test_layout.py GUIDEPRESS SOURCE_DIR WORK_DIR CASE
"""
import os
import re
import subprocess
import sys

GP, SRC, WORK, CASE = sys.argv[1:5]
STYLES = ["default", "print-mono", "large-print", "example-brand"]
os.makedirs(WORK, exist_ok=True)


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def render(guide, style, name, *extra):
    out = os.path.join(WORK, name + ".pdf")
    r = subprocess.run([GP, "render", guide, "-s", style, "-o", out, "-q", *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"render {guide} -s {style}: {r.stderr}")
    return out


def text(pdf, *opts):
    return subprocess.run(["pdftotext", *opts, pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def salary_roles(path):
    """(name, [range strings]) of the salary roles, read from the YAML."""
    roles, cur = [], None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s+- name: "?([^"]+)"?$', line)
        if m:
            cur = [m.group(1), []]
            roles.append(cur)
        m = re.match(r"\s+ranges: \[(.*)\]$", line)
        if m and cur:
            for lo, hi, plus in re.findall(r"\[(\d+), (\d+)(\+?)\]", m.group(1)):
                cur[1].append(f"£{int(lo):,}–£{int(hi):,}{plus}")
    return roles


def case_salary_split():
    guide = os.path.join(SRC, "tests/layout/stress-salary.yaml")
    roles = salary_roles(guide)
    if len(roles) != 10:
        fail(f"fixture has {len(roles)} roles")
    for st in STYLES:
        pdf = render(guide, st, "salary-" + st)
        t = text(pdf, "-raw")
        flat = re.sub(r"\s+", " ", t)
        for name, ranges in roles:
            # every role's header and every one of its figures, whole
            if name.upper() not in flat.upper():
                fail(f"{st}: role {name} missing from the table")
            for rg in ranges:
                if rg not in flat:
                    fail(f"{st}: {name} {rg} missing or broken inside")
        # a figure never breaks inside; a range only after its dash
        bbox = text(pdf, "-bbox")
        money = re.compile(r"£\d+k|£\d{1,3}(,\d{3})*(\+|–(£\d{1,3}(,\d{3})*\+?)?)?")
        for w in re.findall(r">([^<]*£[^<]*)</word>", bbox):
            if not money.fullmatch(w):
                fail(f"{st}: a money figure is broken: word {w!r}")
        for w in re.findall(r">(–[^<]*)</word>", bbox):
            fail(f"{st}: a line starts with a dash: {w!r}")
    print("ok: 10 roles x 3 bands, whole, in every style")


def case_chart_cues():
    guide = os.path.join(SRC, "tests/layout/stress-salary.yaml")
    pdf = render(guide, "default", "chart", "--format", "svg")
    # the SVG has one file per page: on the chart's page every series
    # colour fills its legend swatch and one bar per band (4 times), and the
    # outlined series markers (5 of the 10) are filled white.
    import collections
    import glob
    best = 0
    whites = 0
    for f in sorted(glob.glob(os.path.join(WORK, "chart*.svg"))):
        fills = collections.Counter(re.findall(r"fill:(rgb\([^)]*\))", open(f, encoding="utf-8").read()))
        # (a series colour may also fill a table's header row on that page)
        series = [c for c, n in fills.items() if 4 <= n <= 6]
        if len(series) > best:
            best = len(series)
            whites = fills.get("rgb(100%,100%,100%)", 0)
    if best < 10:
        fail(f"only {best} distinct series colours for 10 roles")
    if whites < 20:
        fail(f"only {whites} outlined markers (want 5 series x (legend + 3 bands))")
    print(f"ok: {best} distinct series colours, {whites} outlined markers")


def case_lint_all():
    import glob
    import json
    guides = sorted(glob.glob(os.path.join(SRC, "data/guides/*.yaml")) +
                    glob.glob(os.path.join(SRC, "data/guides-i18n/*.yaml")) +
                    glob.glob(os.path.join(SRC, "tests/layout/stress-*.yaml")))
    if len(guides) < 13:
        fail(f"only {len(guides)} guides found")
    args = [GP, "check", "--layout"]
    for st in STYLES:
        args += ["-s", st]
    r = subprocess.run(args + ["--format", "json"] + guides, capture_output=True, text=True)
    findings = json.loads(r.stdout)
    for f in findings:
        print(f"{f['file']} [{f['style']}]: page {f['page']}: {f['kind']}: {f['message']}")
    if findings or r.returncode != 0:
        fail(f"{len(findings)} findings (exit {r.returncode}) {r.stderr}")
    r = subprocess.run(args + guides, capture_output=True, text=True)
    oks = [l for l in r.stdout.splitlines() if re.search(r"layout ok \(\d+ pages?\)$", l)]
    if len(oks) != len(guides) * len(STYLES):
        fail(f"{len(oks)} 'layout ok' lines for {len(guides)} guides x {len(STYLES)} styles")
    print(f"ok: {len(guides)} guides x {len(STYLES)} styles, zero findings")


def case_typography():
    seed = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
    on = os.path.join(WORK, "typo-on.yaml")
    open(on, "w").write("style: 1\nextends: default\ntypography: {smart_quotes: true, range_dash: true}\n")
    t = text(render(seed, on, "seed"))
    for want in ["6–12 months", "Week 1–2", "Month 2–4", "sector’s", "shouldn’t"]:
        if want not in t:
            fail(f"default: {want!r} missing")
    for bad in ["6-12 months", "Week 1-2", "'s ", '"']:
        if bad in t:
            fail(f"default: {bad!r} still printed")
    stress = os.path.join(SRC, "tests/render/stress.yaml")
    lp = render(stress, "large-print", "stress-lp")
    fonts = subprocess.run(["pdffonts", lp], capture_output=True, text=True).stdout
    if "Italic" in fonts:
        fail("large-print sets italics:\n" + fonts)
    if "(example.com/careers/guides" not in re.sub(r"\s+", "", text(lp)).replace("see here(", "see here ("):
        if "(example.com" not in text(lp):
            fail("large-print: no link address after the link text")
    pm = text(render(stress, "print-mono", "stress-pm"))
    if not re.search(r"^1\. example\.com/careers", pm, re.M) or "¹" not in pm:
        fail("print-mono: no numbered link-address note")
    dflt = render(stress, "default", "stress-default")
    if "Italic" not in subprocess.run(["pdffonts", dflt], capture_output=True, text=True).stdout:
        fail("default lost its italics")
    # dates and codes keep their hyphens
    if "(example.com" in text(dflt):
        fail("default (a screen style) printed a link address")
    print("ok: dashes, quotes, no italics in large print, link addresses in print styles")


def case_logo_and_contrast():
    bad = os.path.join(WORK, "bad.png")
    open(bad, "wb").write(b"\x89PNG\r\n\x1a\n" + b"\0" * 8 + b"IHDR" + b"\0\0\0\x10\0\0\0\x10" + b"junk" * 10)
    st = os.path.join(WORK, "bad-logo.yaml")
    open(st, "w").write("style: 1\nextends: default\nbrand: {name: X, logo: bad.png}\n")
    r = subprocess.run([GP, "check", st], capture_output=True, text=True)
    if r.returncode != 1 or not re.search(r"bad-logo\.yaml:3:\d+: error: logo .*bad\.png", r.stderr):
        fail(f"corrupt logo not an error at check time: {r.returncode} {r.stderr}")
    low = os.path.join(WORK, "low.yaml")
    open(low, "w").write('style: 1\nextends: default\ncolors: {kick: "#8a8f96"}\ntext:\n  kicker: {color: kick}\n')
    r = subprocess.run([GP, "check", low], capture_output=True, text=True)
    if not re.search(r"low\.yaml:5:\d+: warning: text\.kicker\.color \(#8a8f96\) on cover\.background \(#e6f1f3\) has contrast 2\.83:1", r.stderr):
        fail(f"no contrast warning: {r.stderr}")
    for name in STYLES:
        r = subprocess.run([GP, "check", os.path.join(SRC, "styles", name + ".yaml")], capture_output=True, text=True)
        if r.returncode != 0 or "warning" in r.stderr:
            fail(f"shipped style {name}: {r.stderr}")
    print("ok: corrupt logo is a check error; low contrast warns naming the keys; shipped styles clean")


def case_last_page():
    """No guide ends with its closing block alone on the last page, in any style."""
    import glob
    guides = sorted(glob.glob(os.path.join(SRC, "data", "guides", "*.yaml")) +
                    glob.glob(os.path.join(SRC, "data", "guides-i18n", "*.yaml")))
    checked = 0
    for g in guides:
        src = open(g, encoding="utf-8").read()
        m = re.search(r"- type: cta\n\s+title: \"?([^\"\n]+)", src)
        if not m:
            continue
        # the title's first words, as pdftotext gives them on one line
        head = " ".join(m.group(1).split()[:3])
        for st in STYLES:
            pdf = render(g, st, f"last-{os.path.basename(g)[:-5]}-{st}")
            pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
                ["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
            if pages < 2:
                continue
            lines = [l.strip() for l in text(pdf, "-f", str(pages), "-l", str(pages)).splitlines()
                     if l.strip()]
            at = next((i for i, l in enumerate(lines) if head in l), None)
            if at is None:
                fail(f"{g} -s {st}: the call to action ({head}...) is not on the last page")
            # before it: the running header (one line) and the block moved over
            if at < 2:
                fail(f"{g} -s {st}: the call to action is alone on the last page: {lines[:4]}")
            checked += 1
    if checked < 20:
        fail(f"only {checked} guide x style pairs checked")
    print(f"ok: {checked} guide x style pairs, none with the call to action alone on its last page")


def case_many_notes():
    """Every link address reaches paper as a note, however many (there was a cap of 256)."""
    n = 300
    links = " ".join(f"[site {i}](https://example.org/p{i})" for i in range(1, n + 1))
    g = os.path.join(WORK, "links.yaml")
    open(g, "w").write("guide: 1\nfrom: A\nto: B\nsummary: many links\nsections:\n"
                       "  - type: prose\n    title: Links\n    body: |\n      " + links + "\n")
    t = text(render(g, "print-mono", "many-notes"))
    for i in range(1, n + 1):
        if not re.search(rf"^{i}\. example\.org/p{i}$", t, re.M):
            fail(f"note {i} (example.org/p{i}) is missing")
    print(f"ok: {n} link notes, each with its address")


globals()["case_" + CASE]()
