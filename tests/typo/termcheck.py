#!/usr/bin/env python3
"""usage: termcheck.py PDF WORD... [--expect-split]

Reads the PDF with pdftotext -raw and lists every word of WORD... (or its
plural) that is split at a line end by a hyphen ("Engi-" / "neer").
Without --expect-split: exits 1 when any is split. With it: exits 1 when
none is (the control run, so the check itself can fail)."""
import re
import subprocess
import sys

args = sys.argv[1:]
expect = "--expect-split" in args
args = [a for a in args if a != "--expect-split"]
pdf, words = args[0], {w.lower() for w in args[1:]}
words |= {w + "s" for w in words}
lines = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], check=True,
                       capture_output=True, text=True).stdout.splitlines()
splits = []
for a, b in zip(lines, lines[1:]):
    m = re.search(r"(\w+)-$", a.rstrip())
    n = re.match(r"\s*(\w+)", b)
    if m and n and (m.group(1) + n.group(1)).lower() in words:
        splits.append(f"{m.group(1)}-/{n.group(1)}")
print(f"{len(splits)} split terms: {' '.join(splits)}")
sys.exit(0 if bool(splits) == expect else 1)
