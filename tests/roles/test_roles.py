#!/usr/bin/env python3
"""Guides composed from role profiles (issue 18), end to end with the real
program: the composed PDF's text (pdftotext), the compose YAML round trip,
the matrix batch's count, and each bad-data message at its file:line:col.

usage: test_roles.py GUIDEPRESS SOURCE_DIR WORK_DIR CASE
"""
import json
import os
import re
import shutil
import subprocess
import sys

GP, SRC, WORK, CASE = sys.argv[1:5]
ROLES = os.path.join(SRC, "data", "roles")
FIX = os.path.join(SRC, "tests", "roles", "fixtures")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1735689600")


def run(*args, cwd=None):
    return subprocess.run([GP, *args], cwd=cwd or WORK, env=ENV, capture_output=True, text=True)


def fail(msg, p=None):
    if p is not None:
        msg += "\n--- stdout\n" + p.stdout + "\n--- stderr\n" + p.stderr
    sys.exit("FAIL " + CASE + ": " + msg)


def pdftext(path):
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def flat(s):
    return re.sub(r"\s+", " ", s.replace("\u00ad", ""))


def in_order(text, parts):
    at = 0
    for p in parts:
        i = text.find(p, at)
        if i < 0:
            fail("expected %r after offset %d, in this order: %r" % (p, at, parts))
        at = i + len(p)


def fixture_set(name, edits=None, pair=None):
    """A roles folder in WORK/name: roles/role-*.yaml, skills.yaml, and
    transitions/; edits maps a file name to (old, new) replacements."""
    base = os.path.join(WORK, name)
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(os.path.join(base, "roles"))
    os.makedirs(os.path.join(base, "transitions"))
    for f in os.listdir(FIX):
        dst = os.path.join(base, "skills.yaml" if f == "skills.yaml" else os.path.join("roles", f))
        shutil.copy(os.path.join(FIX, f), dst)
    for f, (old, new) in (edits or {}).items():
        p = os.path.join(base, "skills.yaml" if f == "skills.yaml" else os.path.join("roles", f))
        s = open(p).read()
        if old not in s:
            fail("fixture edit: %r not in %s" % (old, f))
        open(p, "w").write(s.replace(old, new, 1))
    if pair:
        open(os.path.join(base, "transitions", pair[0]), "w").write(pair[1])
    return base


def where(path, needle, nth=1):
    """1-based line and column of the nth occurrence of needle in path."""
    text = open(path).read()
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, col


def expect_error(p, file, line, col, message, code=1):
    want = "%s:%d:%d: error: %s" % (file, line, col, message)
    if p.returncode != code:
        fail("exit status %d, expected %d" % (p.returncode, code), p)
    if want not in p.stderr:
        fail("expected the message\n  %s" % want, p)


# Cases --------------------------------------------------------------------


def case_composed_pdf():
    """The reference pair, with its pair file, and the same pair composed
    from the profiles alone (a roles folder without transitions/)."""
    out = os.path.join(WORK, "pair.pdf")
    p = run("render", "--roles", ROLES, "--from", "data-engineer", "--to", "backend-developer",
            "-o", out)
    if p.returncode:
        fail("render failed", p)
    t = flat(pdftext(out))
    # facts from the profiles
    # (cards stand two to a row, so pdftotext's order within a row varies)
    in_order(t, ["Skills that transfer directly", "Python or Node.js", "Skills you\u2019ll need to build",
                 "SQL database design and optimisation", "NoSQL databases",
                 "API design and documentation"])
    sk = t[t.find("Skills that transfer directly"):t.find("Skills you\u2019ll need to build")]
    for want in ("Writing Python every day", "Docker and containerisation", "TRANSFERS DIRECTLY",
                 "As a Data Engineer, you use Docker", "Backend Developers rely on Docker",
                 "Message queues (RabbitMQ, Kafka)", "AS A DATA ENGINEER", "AS A BACKEND DEVELOPER"):
        if want not in sk:
            fail("skills section lacks %r" % want)
    in_order(t, ["Salary comparison", "£32,000–£45,000", "£26,000–£38,000", "Sources.",
                 "Reference career-change guide (seed 000_db16703b7709f767), 2025",
                 "an estimate"])
    in_order(t, ["Your current day as a Data Engineer", "Your future day as a Backend Developer"])
    in_order(t, ["Qualifications for Backend Developer roles", "Where to find out more"])
    # advice from the pair file (the reference guide's words)
    in_order(t, ["Can you go from Data Engineer to Backend Developer?",
                 "Why Data Engineers make this change", "How realistic is this career change?",
                 "Audit your transferable skills honestly", "Repositioning your CV",
                 "Frequently asked questions", "Practise Backend Developer interview free"])

    # without the pair file: the timeline comes from the gaps, prerequisites first
    bare = os.path.join(WORK, "bare")
    shutil.rmtree(bare, ignore_errors=True)
    shutil.copytree(ROLES, os.path.join(bare, "roles"))
    shutil.copy(os.path.join(SRC, "data", "skills.yaml"), bare)
    out = os.path.join(WORK, "bare.pdf")
    p = run("render", "--roles", os.path.join(bare, "roles"), "--from", "data-engineer", "--to",
            "backend-developer", "-o", out)
    if p.returncode:
        fail("render without a pair file failed", p)
    t = flat(pdftext(out))
    if "Audit your transferable skills" in t:
        fail("the pair file's timeline appeared without the pair file")
    # database-design needs sql (held); nosql needs database-design;
    # api-design needs http-web, which the Data Engineer lacks: a step of its own
    in_order(t, ["Step-by-step transition plan", "Build SQL database design and optimisation",
                 "Build NoSQL databases", "Build HTTP and how the web works",
                 "It comes before API design and documentation",
                 "Build API design and documentation", "Apply for Backend Developer roles"])
    in_order(t, ["Frequently asked questions", "How long does it take to go from Data Engineer"])


def case_roundtrip():
    """compose -o writes a guide file that check accepts and that renders
    byte for byte like composing in memory."""
    y = os.path.join(WORK, "composed.yaml")
    p = run("compose", "--roles", ROLES, "--from", "data-engineer", "--to", "backend-developer",
            "-o", y)
    if p.returncode:
        fail("compose failed", p)
    text = open(y).read()
    if not text.startswith("# Composed by `guidepress compose"):
        fail("no header comment")
    p = run("check", y)
    if p.returncode or "ok" not in p.stdout:
        fail("check refused the composed guide", p)
    import yaml  # python3-yaml: an independent YAML reader
    doc = yaml.safe_load(text)
    if doc["guide"] != 1 or doc["from"] != "Data Engineer" or doc["to"] != "Backend Developer":
        fail("top level: %r" % {k: doc[k] for k in ("guide", "from", "to")})
    types = [s["type"] for s in doc["sections"]]
    for want in ("skills", "gaps", "timeline", "salary", "compare", "faq", "cta"):
        if want not in types:
            fail("section %s missing: %r" % (want, types))
    sal = next(s for s in doc["sections"] if s["type"] == "salary")
    if sal["roles"][0]["ranges"][2] != [80000, "130000+"]:
        fail("salary ranges did not survive: %r" % sal["roles"][0]["ranges"])
    a, b = os.path.join(WORK, "memory.pdf"), os.path.join(WORK, "file.pdf")
    p = run("render", "--roles", ROLES, "--from", "data-engineer", "--to", "backend-developer",
            "-o", a)
    q = run("render", y, "-o", b)
    if p.returncode or q.returncode:
        fail("render failed", p if p.returncode else q)
    if open(a, "rb").read() != open(b, "rb").read():
        fail("the composed file does not render like composing in memory")
    # every shipped pair composes and checks: one more, without a pair file
    y2 = os.path.join(WORK, "nurse.yaml")
    p = run("compose", "--roles", ROLES, "--from", "nurse", "--to", "clinical-data-analyst",
            "-o", y2)
    if p.returncode or run("check", y2).returncode:
        fail("nurse -> clinical-data-analyst does not compose and check", p)
    # an output that is a profile is refused, and the profile left alone
    copy = os.path.join(WORK, "copy")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROLES, os.path.join(copy, "roles"))
    shutil.copy(os.path.join(SRC, "data", "skills.yaml"), copy)
    prof = os.path.join(copy, "roles", "nurse.yaml")
    before = open(prof, "rb").read()
    p = run("render", "--roles", os.path.join(copy, "roles"), "--from", "nurse", "--to",
            "clinical-data-analyst", "-o", prof)
    if p.returncode == 0 or open(prof, "rb").read() != before:
        fail("render overwrote the role profile it read", p)


def case_profiles_check():
    """Every shipped profile loads; at least 16 UK roles, each band sourced."""
    import yaml
    ids = sorted(f[:-5] for f in os.listdir(ROLES) if f.endswith(".yaml"))
    if len(ids) < 16:
        fail("only %d role profiles" % len(ids))
    for i in ids:
        doc = yaml.safe_load(open(os.path.join(ROLES, i + ".yaml")))
        uk = [m for m in doc["salary"] if m["market"] == "UK"]
        if not uk:
            fail("%s has no UK salary" % i)
        for band, v in uk[0]["bands"].items():
            if not v.get("source") or not v.get("year"):
                fail("%s %s: no source or year" % (i, band))
            if v.get("estimate") and not v.get("basis"):
                fail("%s %s: an estimate without a basis" % (i, band))
    # and the program loads them all (a compose of the first pair does)
    p = run("compose", "--roles", ROLES, "--from", ids[0], "--to", ids[1], "-o", "-")
    if p.returncode:
        fail("the shipped profiles do not load", p)


def case_matrix():
    """batch --matrix renders every ordered pair: n * (n - 1), or the
    pairs the --from/--to globs keep; --resume skips them all."""
    base = fixture_set("matrix")
    roles = os.path.join(base, "roles")
    out = os.path.join(WORK, "matrix-out")
    shutil.rmtree(out, ignore_errors=True)
    rep = os.path.join(WORK, "matrix.json")
    p = run("batch", "--matrix", roles, "-o", out, "-j", "2", "--report", rep)
    if p.returncode:
        fail("matrix batch failed", p)
    pdfs = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))
    n = 3
    if len(pdfs) != n * (n - 1):
        fail("%d PDFs, expected %d: %r" % (len(pdfs), n * (n - 1), pdfs))
    if "role-a--role-b.pdf" not in pdfs:
        fail("names: %r" % pdfs)
    t = flat(pdftext(os.path.join(out, "role-a--role-b.pdf")))
    in_order(t, ["Role A to Role B", "Skills that transfer", "Delta", "Gamma"])
    report = json.load(open(rep))
    if report["totals"]["ok"] != 6:
        fail("report totals: %r" % report["totals"])
    # filtered: from role-a or role-b, to role-c
    out2 = os.path.join(WORK, "matrix-out2")
    shutil.rmtree(out2, ignore_errors=True)
    p = run("batch", "--matrix", roles, "--from", "role-[ab]", "--to", "*-c", "-o", out2)
    if p.returncode:
        fail("filtered matrix failed", p)
    got = sorted(os.listdir(out2))
    if got != ["role-a--role-c.pdf", "role-b--role-c.pdf"]:
        fail("filtered matrix wrote %r" % got)
    p = run("batch", "--matrix", roles, "-o", out, "--resume", "--report", rep)
    if p.returncode or json.load(open(rep))["totals"]["skipped"] != 6:
        fail("--resume did not skip the six", p)
    # the shipped roles: every ordered pair is planned (counted, not rendered)
    p = run("batch", "--matrix", ROLES, "--from", "data-engineer", "-o",
            os.path.join(WORK, "matrix-out3"), "-j", "2")
    ids = [f for f in os.listdir(ROLES) if f.endswith(".yaml")]
    got = [f for f in os.listdir(os.path.join(WORK, "matrix-out3")) if f.endswith(".pdf")]
    if p.returncode or len(got) != len(ids) - 1:
        fail("data-engineer to every other role: %d PDFs for %d roles" % (len(got), len(ids)), p)


def case_unknown_skill():
    base = fixture_set("unknown-skill", {"role-b.yaml": ("{id: gamma,", "{id: gamm,")})
    p = run("render", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-b", "-o", os.path.join(WORK, "x.pdf"))
    f = os.path.join(base, "roles", "role-b.yaml")
    line, col = where(f, "gamm,")
    expect_error(p, f, line, col, "unknown skill id `gamm`")
    if "did you mean `gamma`?" not in p.stderr:
        fail("no suggestion", p)
    if os.path.exists(os.path.join(WORK, "x.pdf")):
        fail("a PDF was written")


def case_cycle():
    base = fixture_set("cycle", {"skills.yaml": ("build: Study alpha.}",
                                                 "build: Study alpha., prerequisites: [gamma]}")})
    p = run("compose", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-b", "-o", os.path.join(WORK, "x.yaml"))
    f = os.path.join(base, "skills.yaml")
    line, col = where(f, "alpha]}")  # beta's prerequisite alpha closes alpha -> gamma -> beta
    expect_error(p, f, line, col,
                 "prerequisite cycle: alpha -> gamma -> beta -> alpha")
    if os.path.exists(os.path.join(WORK, "x.yaml")):
        fail("a guide file was written")


def case_no_shared():
    base = fixture_set("no-shared")
    out = os.path.join(WORK, "noshared.pdf")
    p = run("render", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-c", "-o", out)
    if p.returncode:
        fail("render failed", p)
    t = flat(pdftext(out))
    in_order(t, ["Role As and Role Cs share none of the skills in their profiles",
                 "Skills that transfer",
                 "None of the skills in the Role A profile appears in the Role C profile, so no "
                 "skill transfers as it is.", "Skills you\u2019ll need to build", "Beta"])
    # and the timeline puts Beta's missing prerequisite Alpha? Role A has alpha: no step for it
    in_order(t, ["Step-by-step transition plan", "Build Beta", "Apply for Role C roles"])


def case_market_missing():
    base = fixture_set("market")
    p = run("render", "--roles", os.path.join(base, "roles"), "--from", "role-c", "--to",
            "role-a", "--market", "IE", "-o", os.path.join(WORK, "x.pdf"))
    f = os.path.join(base, "roles", "role-a.yaml")
    line, col = where(f, "- market: UK")
    expect_error(p, f, line, col,
                 "role `role-a` has no salary bands for market `IE`, so role-c -> role-a cannot "
                 "be composed for it")
    if "this profile has salary bands for: UK" not in p.stderr:
        fail("no hint naming the markets it has", p)


def case_same_role():
    base = fixture_set("same")
    p = run("render", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-a", "-o", os.path.join(WORK, "x.pdf"))
    if p.returncode == 0 or "--from and --to are both `role-a`" not in p.stderr:
        fail("from = to was not refused", p)
    p = run("compose", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-bb")
    if p.returncode != 2 or "no role profile `role-bb`" not in p.stderr or \
            "did you mean `role-b`?" not in p.stderr:
        fail("an unknown role was not refused with a suggestion", p)


def case_check_files():
    """check takes profiles, the vocabulary and pair files, and points at the
    file and line of a mistake."""
    files = [os.path.join(ROLES, "nurse.yaml"), os.path.join(SRC, "data", "skills.yaml"),
             os.path.join(SRC, "data", "transitions", "data-engineer--backend-developer.yaml")]
    p = run("check", *files)
    if p.returncode or p.stdout.count(": ok") != 3:
        fail("check refused shipped role files", p)
    base = fixture_set("check", {"role-b.yaml": ("{id: gamma,", "{id: gamm,")})
    f = os.path.join(base, "roles", "role-b.yaml")
    line, col = where(f, "gamm,")
    expect_error(run("check", f), f, line, col, "unknown skill id `gamm`")


def case_pair_error():
    pair = ("role-a--role-b.yaml", "transition: 1\nfrom: role-a\nto: role-b\n"
            "timeline:\n  title: Plan\n  duration: 3 months\n  stepz: []\n")
    base = fixture_set("pair", pair=pair)
    p = run("render", "--roles", os.path.join(base, "roles"), "--from", "role-a", "--to",
            "role-b", "-o", os.path.join(WORK, "x.pdf"))
    f = os.path.join(base, "transitions", "role-a--role-b.yaml")
    line, col = where(f, "stepz")
    expect_error(p, f, line, col, "unknown key `stepz`")


def main():
    os.makedirs(WORK, exist_ok=True)
    fn = globals().get("case_" + CASE)
    if not fn:
        sys.exit("unknown case " + CASE)
    fn()
    print("ok " + CASE)


main()
