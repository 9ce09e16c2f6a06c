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
    oks = [l for l in r.stdout.splitlines() if l.endswith("pages)") and "layout ok" in l]
    if len(oks) != len(guides) * len(STYLES):
        fail(f"{len(oks)} 'layout ok' lines for {len(guides)} guides x {len(STYLES)} styles")
    print(f"ok: {len(guides)} guides x {len(STYLES)} styles, zero findings")


globals()["case_" + CASE]()
