#!/usr/bin/env python3
"""Checks a rendered guide PDF against its YAML, the way a reader gets it.

usage: check_seed.py GUIDE.yaml OUT.pdf [--margins T R B L] [--strict-order]

- pdftotext (reading order, whitespace-normalised) contains, in order, every
  section title, card name, step title with its time range, salary range
  formatted as "£32,000–£45,000" / "£130,000+", habit, mistake, FAQ question
  and the call to action;
- pdftotext -bbox: every word lies inside the page's text area horizontally,
  and vertically inside the body unless it is in the header/footer band;
- per page: no step, card, FAQ entry or table row is split (its first and
  last words are on the same page), and no section heading is the last
  body text on its page.
Exits 1 with a list of failures.
"""
import html
import re
import subprocess
import sys

import yaml

sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(
    __import__("os").path.abspath(__file__)), "..", "typo"))
from typeset import typeset  # noqa: E402

SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "JPY": "¥"}


def norm(s):
    s = re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()
    # a line broken after a hyphen ("Developer-\nadjacent") reads as one word
    return re.sub(r"(\w)- (\w)", r"\1-\2", s)


def flat(s):
    """For comparisons: pdftotext drops a hyphen that ends a line
    ("Developer-" + "adjacent" reads "Developeradjacent"), so compare
    without hyphens."""
    return norm(s).replace("-", "")


def money(v, cur):
    sym = SYMBOLS.get(cur)
    n = f"{int(v):,}"
    return f"{sym}{n}" if sym else f"{cur} {n}"


def rng(r, cur):
    lo, hi = r
    open_ended = isinstance(hi, str) and hi.endswith("+")
    hiv = float(str(hi).rstrip("+"))
    if open_ended and float(lo) == hiv:
        return money(hiv, cur) + "+"
    return money(lo, cur) + "\u2013" + money(hiv, cur) + ("+" if open_ended else "")


def plain(rich):
    """Rich text to the words a reader sees (markup removed)."""
    s = re.sub(r"\[([^\]]*)\]\((?:https?://|mailto:)[^)]*\)", r"\1", rich)
    s = re.sub(r"\*\*\*|\*\*|\*", "", s)
    return norm(s)


def pdftotext(pdf, first=None, last=None):
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first), "-l", str(last)]
    cmd += [pdf, "-"]
    return norm(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def expected(g):
    cur = g.get("currency", "GBP")
    out = [g.get("title") or f"{g['from']} to {g['to']}"]
    for sec in g["sections"]:
        out.append(sec["title"])
        t = sec["type"]
        if t in ("skills", "gaps"):
            # cards sit in a grid: a reader may take it row by row or column
            # by column, so within the grid the order is free
            out.append([norm(it["name"]) for it in sec["items"]])
        elif t == "timeline":
            for st in sec["steps"]:
                out += [st["when"], st["title"]]
        elif t == "salary":
            for b_i, band in enumerate(sec["bands"]):
                out.append(band)
                for role in sec["roles"]:
                    out.append(rng(role["ranges"][b_i], cur))
        elif t == "list":
            out += [plain(it) for it in sec["items"]]
        elif t == "faq":
            out += [it["q"] for it in sec["items"]]
        elif t == "cta":
            out.append(plain(sec["body"]))
            if sec.get("link"):
                out.append(sec["link"]["text"])
    lang = g.get("lang", "en")
    return [[typeset(y, lang) for y in x] if isinstance(x, list) else norm(typeset(x, lang))
            for x in out]


UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "": 1.0}


def length(v):
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|mm|cm|in)?\s*", str(v))
    return float(m.group(1)) * UNITS[m.group(2) or ""]


def style_margins(path):
    """Top, right, bottom, left in pt from a style file (following extends
    to shipped styles next to it)."""
    import os
    st = yaml.safe_load(open(path, encoding="utf-8"))
    margin = (st.get("page") or {}).get("margin")
    if margin is None and st.get("extends"):
        parent = st["extends"]
        if "/" not in parent and not parent.endswith(".yaml"):
            parent = os.path.join(os.path.dirname(os.path.abspath(path)), parent + ".yaml")
        else:
            parent = os.path.join(os.path.dirname(os.path.abspath(path)), parent)
        return style_margins(parent)
    vals = margin if isinstance(margin, list) else str(margin).split()
    vals = [length(v) for v in vals]
    t, r, b, l = {1: lambda v: (v[0],) * 4, 2: lambda v: (v[0], v[1], v[0], v[1]),
                  3: lambda v: (v[0], v[1], v[2], v[1]), 4: lambda v: tuple(v)}[len(vals)](vals)
    return [t, r, b, l]


def words_bbox(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        w, h = float(page.group(1)), float(page.group(2))
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">(.*?)</word>', page.group(3))]
        pages.append((w, h, words))
    return pages


def main():
    args = sys.argv[1:]
    guide_path, pdf = args[0], args[1]
    margins = None
    if "--margins" in args:
        i = args.index("--margins")
        margins = [float(x) for x in args[i + 1:i + 5]]
    if "--style" in args:
        margins = style_margins(args[args.index("--style") + 1])
    g = yaml.safe_load(open(guide_path, encoding="utf-8"))
    fails = []

    text = flat(pdftotext(pdf))
    pos = 0
    for e in expected(g):
        if isinstance(e, list):  # unordered group
            end = pos
            for name in e:
                k = text.find(flat(name), pos)
                if k < 0:
                    fails.append(f"card name not found after its heading: {name!r}")
                else:
                    end = max(end, k + len(flat(name)))
            pos = end
            continue
        k = text.find(flat(e), pos)
        if k < 0:
            where = "anywhere" if text.find(flat(e)) < 0 else "in reading order"
            fails.append(f"text not found {where}: {e[:90]!r}")
        else:
            pos = k + len(flat(e))

    pages = words_bbox(pdf)
    if margins:
        top, right, bottom, left = margins
        for n, (w, h, words) in enumerate(pages, 1):
            for x0, y0, x1, y1, t in words:
                if x0 < left - 0.6 or x1 > w - right + 0.6:
                    fails.append(f"page {n}: word {t!r} outside the text area x {x0:.1f}..{x1:.1f}")
                if y0 < 0 or y1 > h:
                    fails.append(f"page {n}: word {t!r} off the page")
                # pdftotext boxes run from the font's ascent to its descent,
                # which for Noto Sans overshoots a tight line by up to ~1 pt
                in_body = y0 >= top - 1.5 and y1 <= h - bottom + 1.5
                in_header = y1 <= top
                in_footer = y0 >= h - bottom
                if not (in_body or in_header or in_footer):
                    fails.append(f"page {n}: word {t!r} crosses a margin y {y0:.1f}..{y1:.1f}")

    # Splits and lonely headings, page by page.
    page_text = [flat(pdftotext(pdf, i, i)) for i in range(1, len(pages) + 1)]

    def page_of(s, start=0):
        for i in range(start, len(page_text)):
            if s in page_text[i]:
                return i
        return -1

    def same_page(first, last, what):
        # An entry kept together has its title and the end of its last
        # paragraph on one page. (Titles may recur in prose and short texts
        # may repeat, so look for a page holding both, not the first match.)
        lang = g.get("lang", "en")
        first = flat(typeset(first, lang))[:60]
        last = flat(typeset(plain(last.strip().split("\n\n")[-1]), lang))[-40:]
        if not any(first in t and last in t for t in page_text):
            fails.append(f"{what} split across pages: {first[:50]!r}")

    for sec in g["sections"]:
        t = sec["type"]
        if t == "timeline":
            for st in sec["steps"]:
                same_page(st["title"], st["detail"], "step")
        elif t == "faq":
            for it in sec["items"]:
                same_page(it["q"], it["a"], "FAQ entry")
        elif t == "skills":
            for it in sec["items"]:
                same_page(it["name"], it["to"], "card")
        elif t == "gaps":
            for it in sec["items"]:
                same_page(it["name"], it["how"], "card")
        elif t == "salary":
            cur = g.get("currency", "GBP")
            for b_i, band in enumerate(sec["bands"]):
                last = flat(rng(sec["roles"][-1]["ranges"][b_i], cur))
                p = page_of(flat(rng(sec["roles"][0]["ranges"][b_i], cur)))
                if p >= 0 and last not in page_text[p]:
                    fails.append(f"table row split: {band}")
        # heading not last on its page: something follows it on that page
        title = flat(typeset(sec["title"], g.get("lang", "en")))
        p = page_of(title)
        if p >= 0:
            rest = page_text[p][page_text[p].find(title) + len(title):]
            rest = re.sub(r"Page \d+ of \d+", "", rest).strip()
            if len(rest) < 20:
                fails.append(f"heading alone at the foot of page {p + 1}: {title!r}")

    for f in fails:
        print("FAIL:", f)
    print(f"{len(pages)} pages checked, {len(fails)} failures")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
