#!/usr/bin/env python3
"""Golden display-list tests (issue 14): renders a fixed set of guides x
styles with `guidepress render --dump-display` and diffs each text dump
against tests/golden/<case>.dl. A difference prints a unified diff (its first
40 lines) and fails; layout changes are judged against this stable list, not
only through extracted text.

usage: golden.py GUIDEPRESS SOURCE_DIR WORK_DIR [--update] [--golden-dir=DIR] [CASE...]

--update (or GP_GOLDEN_UPDATE=1 in the environment) rewrites the goldens
from the current build instead of comparing; tests/golden/update does that.
Look at `git diff tests/golden` before committing regenerated goldens.
"""
import difflib
import os
import subprocess
import sys

REF = "data/guides/data-engineer-to-backend-developer.yaml"
# case name -> (guide, style)
CASES = {
    "seed-default": (REF, "default"),
    "seed-print-mono": (REF, "print-mono"),
    "seed-large-print": (REF, "large-print"),
    "seed-example-brand": (REF, "example-brand"),
    "ar-default": ("data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml", "default"),
    "cy-default": ("data/guides-i18n/cy-athro-i-ddylunydd-cyfarwyddiadol.yaml", "default"),
    "stress-default": ("tests/render/stress.yaml", "default"),
}
MAX_LINES = 40


def render(binary, src, work, name, guide, style):
    pdf = os.path.join(work, name + ".pdf")
    dump = os.path.join(work, name + ".dl")
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)  # the dump must not depend on the caller
    r = subprocess.run([binary, "render", os.path.join(src, guide), "-s", style, "-o", pdf,
                        "--dump-display", dump, "-q"], capture_output=True, text=True,
                       env=env)
    if r.returncode != 0:
        raise SystemExit("%s: guidepress failed (%d): %s" % (name, r.returncode, r.stderr))
    with open(dump, encoding="utf-8") as f:
        return f.read()


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    update = "--update" in argv or os.environ.get("GP_GOLDEN_UPDATE") == "1"
    if len(args) < 3:
        raise SystemExit(__doc__)
    binary, src, work = args[:3]
    only = args[3:]
    unknown = [c for c in only if c not in CASES]
    if unknown:
        raise SystemExit("unknown case(s): %s (known: %s)" % (" ".join(unknown),
                                                              " ".join(CASES)))
    golden_dir = os.path.join(src, "tests", "golden")
    for a in argv:
        if a.startswith("--golden-dir="):
            golden_dir = a.split("=", 1)[1]
    os.makedirs(work, exist_ok=True)
    failed = []
    for name, (guide, style) in CASES.items():
        if only and name not in only:
            continue
        got = render(binary, src, work, name, guide, style)
        path = os.path.join(golden_dir, name + ".dl")
        if update:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            print("%s: %s" % (name, "unchanged" if old == got else "written"))
            continue
        if not os.path.exists(path):
            print("%s: no golden %s (run tests/golden/update)" % (name, path))
            failed.append(name)
            continue
        want = open(path, encoding="utf-8").read()
        if got == want:
            print("%s: same as the golden (%d lines)" % (name, got.count("\n")))
            continue
        failed.append(name)
        diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(),
                                         "tests/golden/%s.dl" % name,
                                         "%s/%s.dl (this build)" % (work, name), lineterm=""))
        print("%s: the display list differs from the golden (%d diff lines, first %d):"
              % (name, len(diff), min(MAX_LINES, len(diff))))
        for line in diff[:MAX_LINES]:
            print("  " + line)
    if failed:
        print("\nFAILED: %s\nIf the change is intended: tests/golden/update [build/guidepress], "
              "look at the pages, then commit tests/golden." % " ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
