#!/usr/bin/env python3
"""tests/pdfwriter/rtl_words.py GUIDEPRESS SRC OUTDIR - issue 14, point 1:
pdftotext of every shipped right-to-left guide gives back the guide's own
words. Renders the Arabic and Urdu guides in every shipped style and checks
that every Arabic-script word pdftotext extracts is a word of the guide file
or of its language's catalogue (po/<lang>.po, the words the layout adds).
A word split at a mark ("يوم ًيا" for "يوميًا", FINDINGS.md F3) or a ligature
given back wrongly ("إىل" for "إلى") is not such a word. The Arabic comma
and question mark are punctuation, not letters: pdftotext moves them to the
other end of a word in a right-to-left line, so they are left out."""
import glob
import os
import re
import subprocess
import sys

exe, src, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
LETTERS = r"[\u0620-\u064A\u064B-\u065F\u0670-\u06D3]+"
BIDI = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]"
GUIDES = {"ar": "data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml",
          "ur": "data/guides-i18n/ur-nurse-se-data-analyst.yaml"}
styles = sorted(os.path.basename(p)[:-5] for p in glob.glob(os.path.join(src, "styles", "*.yaml")))
failed = 0
checked = 0
for lang, rel in GUIDES.items():
    allowed = set(re.findall(LETTERS, open(os.path.join(src, rel), encoding="utf-8").read()))
    po = open(os.path.join(src, "po", lang + ".po"), encoding="utf-8").read()
    allowed |= set(re.findall(LETTERS, po))
    for st in styles:
        pdf = os.path.join(out, f"{lang}-{st}.pdf")
        p = subprocess.run([exe, "render", os.path.join(src, rel), "-s", st, "-o", pdf, "-q"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print(f"FAIL render {rel} -s {st}: {p.stderr}")
            failed += 1
            continue
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        words = re.findall(LETTERS, re.sub(BIDI, "", text))
        bad = sorted({w for w in words if w not in allowed})
        checked += len(words)
        if len(words) < 300:
            print(f"FAIL {lang} -s {st}: only {len(words)} words extracted")
            failed += 1
        elif bad:
            print(f"FAIL {lang} -s {st}: {len(bad)} extracted word(s) not in the guide or "
                  f"its catalogue: {bad[:15]}")
            failed += 1
        else:
            print(f"ok   {lang} -s {st}: {len(words)} words, each the guide's or the catalogue's")
if failed:
    sys.exit(f"{failed} case(s) failed")
print(f"rtl words: ok ({checked} words)")
