#!/usr/bin/env python3
"""The default PDF painter against Cairo (issue 14, point 7): for every guide
in data/ (guides and guides-i18n) in every shipped style, both PDFs must give
the same text (pdftotext, whitespace normalised) and the same pages within a
small pixel tolerance (pdftoppm -r 72 -gray; a pixel differs when its grey
levels are more than THRESHOLD apart, as tests/post/pgmdiff.py counts).

usage: compare.py GUIDEPRESS SOURCE_DIR WORK_DIR [--max-percent P] [--threshold N]
                  [--only SUBSTRING] [--default-arg ARG]...

--default-arg adds ARG to the default painter's render only (selftest.sh
uses it to prove that a difference fails).

Where the texts differ, the difference passes only when every differing word
of the default painter is the guide's own (a word of the guide file) and
one of Cairo's is not: Cairo 1.16 extracts some Arabic ligatures wrongly (issue 14:
"إلى" comes out as "إىل"; "الأداة" as "األداة"), and the new painter must not
copy that; or when only Cairo shows words and none of them is the guide's
(pieces of a word Cairo split, such as a lone mark).

Fails when the default painter is Cairo itself (nothing would be compared)."""
import difflib
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "post"))
from pgmdiff import read_pgm  # noqa: E402

MAX_PERCENT = 0.3  # of a page's pixels
BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                         "\u2066\u2067\u2068\u2069"))
PUNCT = ".,;:!?()\"'\u060c\u061b\u061f\u2013\u2014"


def bare(word):
    return word.translate(BIDI).strip(PUNCT)
THRESHOLD = 64


def run(cmd, env=None):
    r = subprocess.run(cmd, capture_output=True, env=env)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode,
                                                   r.stderr.decode(errors="replace")))
    return r.stdout


def producer(pdf):
    out = run(["pdfinfo", pdf]).decode(errors="replace")
    for line in out.splitlines():
        if line.startswith("Producer:"):
            return line.split(":", 1)[1].strip()
    return ""


def words(pdf):
    """pdftotext's words, also split at the directional marks it puts
    around right-to-left runs (it glues "Excel" to the Arabic word after
    it with only U+202C between them)."""
    text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).decode("utf-8")
    return [w for w in re.split(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", text) if w]


def pages(pdf, prefix):
    for old in glob.glob(prefix + "-*.pgm"):
        os.remove(old)
    run(["pdftoppm", "-r", "72", "-gray", pdf, prefix])
    return sorted(glob.glob(prefix + "-*.pgm"))


def differing(pa, pb, w, threshold):
    """Pixels more than threshold apart; rows compared as bytes first."""
    n = 0
    for y in range(0, len(pa), w):
        ra, rb = pa[y:y + w], pb[y:y + w]
        if ra != rb:
            n += sum(1 for a, b in zip(ra, rb) if abs(a - b) > threshold)
    return n


def main(argv):
    max_percent, threshold, only, args, dextra = MAX_PERCENT, THRESHOLD, None, [], []
    i = 0
    while i < len(argv):
        if argv[i] == "--max-percent":
            max_percent, i = float(argv[i + 1]), i + 2
        elif argv[i] == "--threshold":
            threshold, i = int(argv[i + 1]), i + 2
        elif argv[i] == "--default-arg":
            dextra.append(argv[i + 1])
            i += 2
        elif argv[i] == "--only":
            only, i = argv[i + 1], i + 2
        else:
            args.append(argv[i])
            i += 1
    binary, src, work = args[:3]
    os.makedirs(work, exist_ok=True)
    guides = sorted(glob.glob(os.path.join(src, "data", "guides", "*.yaml"))) + \
        sorted(glob.glob(os.path.join(src, "data", "guides-i18n", "*.yaml")))
    styles = sorted(os.path.basename(s)[:-5]
                    for s in glob.glob(os.path.join(src, "styles", "*.yaml")))
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    failures, cases, worst = [], 0, (0.0, "")
    for g in guides:
        for s in styles:
            name = "%s-%s" % (os.path.basename(g)[:-5], s)
            if only and only not in name:
                continue
            cases += 1
            new, old = os.path.join(work, name + "-default.pdf"), \
                os.path.join(work, name + "-cairo.pdf")
            run([binary, "render", g, "-s", s, "-o", new, "-q"] + dextra, env)
            run([binary, "render", g, "-s", s, "-o", old, "-q", "--backend", "cairo"], env)
            prod = producer(new)
            if "cairo" in prod.lower():
                print("%s: the default painter is Cairo (Producer %r): nothing to compare"
                      % (name, prod))
                return 1
            problems = []
            wn, wo = words(new), words(old)
            fixed = 0
            if wn != wo:
                with open(g, encoding="utf-8") as f:
                    source = {bare(w) for w in f.read().split()}
                sm = difflib.SequenceMatcher(None, wo, wn, autojunk=False)
                shown = 0
                for tag, a1, a2, b1, b2 in sm.get_opcodes():
                    if tag == "equal":
                        continue
                    ours = [bare(w) for w in wn[b1:b2] if bare(w)]
                    theirs = [bare(w) for w in wo[a1:a2] if bare(w)]
                    if ours and all(w in source for w in ours) and \
                            any(w not in source for w in theirs):
                        fixed += 1
                        continue
                    if not ours and theirs and all(w not in source for w in theirs):
                        # only Cairo shows it, and it is no word of the guide:
                        # a piece of a word Cairo split (its lone marks)
                        fixed += 1
                        continue
                    problems.append("text %s: cairo %r -> default %r (after %r)"
                                    % (tag, " ".join(wo[a1:a2])[:120], " ".join(wn[b1:b2])[:120],
                                       " ".join(wo[max(0, a1 - 4):a1])))
                    shown += 1
                    if shown == 5:
                        break
            pn, po = pages(new, os.path.join(work, name + "-d")), \
                pages(old, os.path.join(work, name + "-c"))
            if len(pn) != len(po):
                problems.append("%d pages, Cairo %d" % (len(pn), len(po)))
            for k, (a, b) in enumerate(zip(po, pn)):
                wa, ha, pa = read_pgm(a)
                wb, hb, pb = read_pgm(b)
                if (wa, ha) != (wb, hb):
                    problems.append("page %d: %dx%d px, Cairo %dx%d" % (k + 1, wb, hb, wa, ha))
                    continue
                d = differing(pa, pb, wa, threshold)
                pct = 100.0 * d / (wa * ha)
                if pct > worst[0]:
                    worst = (pct, "%s page %d" % (name, k + 1))
                if pct > max_percent:
                    problems.append("page %d: %d px (%.3f%%) differ by more than %d grey levels "
                                    "(tolerance %.2f%%); images %s %s"
                                    % (k + 1, d, pct, threshold, max_percent, a, b))
            if problems:
                failures.append(name)
                for p in problems:
                    print("%s: %s" % (name, p))
            else:
                print("%s: same text (%d words%s), %d page(s) within %.2f%%"
                      % (name, len(wn), ", %d place(s) where only the default painter gives the "
                         "guide's own words" % fixed if fixed else "", len(pn), max_percent))
    print("%d case(s), %d differ; most differing page: %s"
          % (cases, len(failures), "%.3f%% (%s)" % worst if worst[1] else "none"))
    if cases == 0:
        print("no case matched")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
