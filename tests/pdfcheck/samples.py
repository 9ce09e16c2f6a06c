#!/usr/bin/env python3
"""Runs pdfcheck over every shipped guide (data/guides, data/guides-i18n:
left-to-right and right-to-left) in every shipped style (styles/*.yaml),
rendered by the default PDF backend: plain renders are checked for PDF/UA-1,
`--pdfa` renders for PDF/UA-1 and PDF/A-2 together (issue 14, point 7).

usage: samples.py GUIDEPRESS SOURCE_DIR WORK_DIR [--only SUBSTRING] [-- EXTRA RENDER ARGS...]

--only limits the run to guides whose file name contains SUBSTRING (CTest
runs one test per guide).

Prints every finding and a summary line per render; exits 1 on any."""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pdfcheck  # noqa: E402


def main(argv):
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    only = None
    if "--only" in argv:
        k = argv.index("--only")
        only = argv[k + 1]
        argv = argv[:k] + argv[k + 2:]
    binary, src, work = argv[:3]
    os.makedirs(work, exist_ok=True)
    guides = sorted(glob.glob(os.path.join(src, "data", "guides", "*.yaml"))) + \
        sorted(glob.glob(os.path.join(src, "data", "guides-i18n", "*.yaml")))
    styles = sorted(os.path.basename(s)[:-5] for s in glob.glob(os.path.join(src, "styles",
                                                                            "*.yaml")))
    if len(guides) < 8 or len(styles) < 4:
        print("expected at least 8 guides and 4 styles, found %d and %d"
              % (len(guides), len(styles)))
        return 1
    if only:
        guides = [g for g in guides if only in os.path.basename(g)]
        if not guides:
            print("no guide matches %r" % only)
            return 1
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    bad = renders = 0
    for g in guides:
        gname = os.path.basename(g)[:-5]
        for s in styles:
            for mode, flags in (("ua", []), ("pdfa", ["--pdfa"])):
                out = os.path.join(work, "%s-%s-%s.pdf" % (gname, s, mode))
                r = subprocess.run([binary, "render", g, "-s", s, "-o", out, "-q"] + flags
                                   + extra, capture_output=True, text=True, env=env)
                renders += 1
                if r.returncode != 0:
                    print("%s: render failed (%d): %s" % (out, r.returncode, r.stderr.strip()))
                    bad += 1
                    continue
                found = pdfcheck.check_file(out, True, mode == "pdfa")
                for cond, obj, msg in found:
                    print("%s: %s %s: %s" % (os.path.basename(out), cond, obj, msg))
                print("%s: %s, %d finding(s)" % (os.path.basename(out),
                                                 "PDF/UA-1 + PDF/A-2" if flags else "PDF/UA-1",
                                                 len(found)))
                bad += bool(found)
    print("%d render(s), %d with findings" % (renders, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
