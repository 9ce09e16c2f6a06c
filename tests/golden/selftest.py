#!/usr/bin/env python3
"""Proves the golden test can fail: copies the goldens, moves one glyph run
by a point and drops a line in the copy, and requires golden.py to fail with
a unified diff that shows both changes; the untouched copy must pass.

usage: selftest.py GUIDEPRESS SOURCE_DIR WORK_DIR"""
import os
import re
import shutil
import subprocess
import sys

binary, src, work = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
gold = os.path.join(work, "golden-copy")
shutil.rmtree(gold, ignore_errors=True)
os.makedirs(gold)
shutil.copy(os.path.join(here, "cy-default.dl"), gold)
run = [sys.executable, os.path.join(here, "golden.py"), binary, src, os.path.join(work, "out"),
       "--golden-dir=" + gold, "cy-default"]
r = subprocess.run(run, capture_output=True, text=True)
if r.returncode != 0:
    sys.exit("the untouched golden does not pass:\n" + r.stdout + r.stderr)
path = os.path.join(gold, "cy-default.dl")
lines = open(path, encoding="utf-8").read().split("\n")
texts = [i for i, l in enumerate(lines) if l.lstrip().startswith("text ")]
moved, dropped = texts[3], texts[10]
m = re.match(r"(\s*text )([\d.]+)(.*)", lines[moved])
lines[moved] = "%s%.2f%s" % (m.group(1), float(m.group(2)) + 1, m.group(3))
want_moved, want_dropped = lines[moved], lines[dropped]
del lines[dropped]
open(path, "w", encoding="utf-8").write("\n".join(lines))
r = subprocess.run(run, capture_output=True, text=True)
out = r.stdout
ok = (r.returncode == 1 and "@@ " in out and ("  -" + want_moved) in out
      and ("  +" + want_dropped) in out and "tests/golden/update" in out)
print(out)
if not ok:
    sys.exit("FAIL: golden.py did not report the edited golden as expected (exit %d)"
             % r.returncode)
print("ok: an edited golden fails with a readable unified diff")
