#!/usr/bin/env python3
"""Tests for issue 16 (a personal plan that travels): streams, secrets,
dated plans, calendar export and email. Each test runs the real program and
reads what it wrote the way a reader or a mail client would: pdftotext,
qpdf, an iCalendar parser, Python's email package.

usage: test_plan.py GUIDEPRESS_BIN SOURCE_DIR WORK_DIR TEST_NAME
"""
import os
import subprocess
import sys

BIN, SRC, WORK, NAME = sys.argv[1:5]
SEED = os.path.join(SRC, "data/guides/data-engineer-to-backend-developer.yaml")
os.makedirs(WORK, exist_ok=True)
ENV = dict(os.environ)
ENV.pop("SOURCE_DATE_EPOCH", None)


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(*args, expect=0, env=None, stdin=None, text=True):
    p = subprocess.run([BIN, *args], capture_output=True, env=env or ENV, input=stdin,
                       text=text)
    if expect is not None and p.returncode != expect:
        fail(f"{' '.join(args)} exited {p.returncode}, expected {expect}\n"
             f"stdout: {p.stdout}\nstderr: {p.stderr}")
    return p


def out(name):
    return os.path.join(WORK, name)


def pdftext(pdf, *opts):
    return subprocess.run(["pdftotext", "-layout", *opts, pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def qpdf_ok(pdf, password=None):
    args = ["qpdf", "--check", pdf] if password is None else \
        ["qpdf", f"--password={password}", "--check", pdf]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"qpdf --check {pdf}: {p.stdout}{p.stderr}")
    return p.stdout


# 1. Streams and secrets ---------------------------------------------------------


def test_streams():
    # guide from stdin, PDF to stdout: the bytes on stdout are the same PDF
    # as a render to a file
    data = open(SEED, "rb").read()
    p = run("render", "-", "-o", "-", stdin=data, text=False)
    if not p.stdout.startswith(b"%PDF-") or not p.stdout.rstrip().endswith(b"%%EOF"):
        fail("stdout does not hold a PDF")
    if b"pages" not in p.stderr:
        fail("the report line should go to stderr when stdout is the PDF")
    run("render", SEED, "-o", out("file.pdf"), "-q")
    if p.stdout != open(out("file.pdf"), "rb").read():
        fail("a render to stdout differs from a render to a file")
    piped = out("piped.pdf")
    open(piped, "wb").write(p.stdout)
    qpdf_ok(piped)
    if "Backend Developer" not in pdftext(piped):
        fail("the piped PDF lacks the guide's text")
    if os.path.exists("-") or os.path.exists(out("-")):
        fail("a file named - was written")
    # errors in a guide from stdin point at <stdin>:line:col
    bad = "guide: 1\nfrom: A\nto: B\nsummary: s\nsections:\n  - type: prose\n    title: T\n" \
          "    bdy: x\n"
    p = run("render", "-", "-o", out("bad.pdf"), stdin=bad, expect=1)
    if "<stdin>:8:5: error: unknown key `bdy`" not in p.stderr:
        fail(f"stdin error position missing: {p.stderr}")
    if os.path.exists(out("bad.pdf")):
        fail("a failed render left a file")
    # stdin without -o is a usage error, not a file named -.pdf
    p = run("render", "-", stdin="", expect=2)
    if "standard input" not in p.stderr:
        fail(p.stderr)
    # PNG cannot go to a stream
    run("render", SEED, "--format", "png", "-o", "-", expect=1)


def test_secrets():
    pwfile = out("pw.txt")
    with open(pwfile, "w") as f:
        f.write("correct horse\nsecond line ignored\n")
    pdf = out("pwfile.pdf")
    run("render", SEED, "-o", pdf, "-q", "--password-file", pwfile)
    qpdf_ok(pdf, "correct horse")
    p = subprocess.run(["qpdf", "--password=wrong", "--check", pdf], capture_output=True)
    if p.returncode == 0:
        fail("the PDF opens with a wrong password")
    env = dict(ENV, GP_TEST_PW="from-env")
    pdf = out("pwenv.pdf")
    run("render", SEED, "-o", pdf, "-q", "--password-env", "GP_TEST_PW", env=env)
    qpdf_ok(pdf, "from-env")
    if "Backend Developer" not in pdftext(pdf, "-upw", "from-env"):
        fail("decrypted text missing")
    # a missing variable or file is an error and writes nothing
    p = run("render", SEED, "-o", out("nope.pdf"), "--password-env", "GP_NOT_SET_X", expect=1)
    if "GP_NOT_SET_X is not set" not in p.stderr or os.path.exists(out("nope.pdf")):
        fail(p.stderr)
    p = run("render", SEED, "-o", out("nope.pdf"), "--password-file", out("missing"), expect=1)
    if "cannot read the password file" not in p.stderr:
        fail(p.stderr)
    open(out("empty-pw"), "w").close()
    run("render", SEED, "-o", out("nope.pdf"), "--password-file", out("empty-pw"), expect=1)
    # batch: every document protected, the password never on the command line
    bdir = out("batch-pw")
    run("batch", SEED, "-o", bdir, "-q", "-j", "1", "--password-env", "GP_TEST_PW", env=env)
    qpdf_ok(os.path.join(bdir, "data-engineer-to-backend-developer.pdf"), "from-env")
    run("batch", SEED, "-o", bdir + "2", "-q", "-j", "1", "--password-file", pwfile)
    qpdf_ok(os.path.join(bdir + "2", "data-engineer-to-backend-developer.pdf"), "correct horse")


TESTS = {k[5:]: v for k, v in globals().items() if k.startswith("test_")}
if NAME not in TESTS:
    fail(f"unknown test {NAME}")
TESTS[NAME]()
print("ok", NAME)
