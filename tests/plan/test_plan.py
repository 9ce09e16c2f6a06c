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


# 2. Dated plans -------------------------------------------------------------------

FORMS = os.path.join(SRC, "tests/plan/forms.yaml")


def lines_of(text):
    return [" ".join(l.split()) for l in text.splitlines()]


def test_dated_en():
    pdf = out("dated.pdf")
    p = run("render", SEED, "-o", pdf, "--set", "start=2027-01-11")
    text = pdftext(pdf)
    want = ["11–24 Jan 2027", "18 Jan – 7 Feb 2027", "Feb–Apr 2027", "Mar–Jun 2027",
            "May–Jul 2027", "Jul–Oct 2027"]
    got = [l for l in lines_of(text) if "2027" in l and l[:1].isdigit()]
    if [l.split(" ", 1)[1] for l in got] != want:
        fail(f"dated timeline labels: {got}")
    # steps keep their numbers in order: 1 ... 6
    if [l.split(" ", 1)[0] for l in got] != [str(i) for i in range(1, 7)]:
        fail(f"step numbers: {got}")
    # the form it does not understand stays as written, with a warning at its line
    if "Ongoing throughout applications" not in text:
        fail("the undated step lost its text")
    src = open(SEED, encoding="utf-8").read().splitlines()
    ln = next(i for i, l in enumerate(src, 1) if "Ongoing throughout applications" in l)
    col = src[ln - 1].index("Ongoing") + 1 - (1 if src[ln - 1][src[ln - 1].index("Ongoing") - 1] == '"' else 0)
    if f"{SEED}:{ln}:{col}: warning: `Ongoing throughout applications`" not in p.stderr:
        fail(f"no warning at {ln}:{col}: {p.stderr}")
    # the cover: start and expected end (the latest step's end)
    if "Plan: 11 January 2027 to 31 October 2027" not in lines_of(text)[:15]:
        fail("cover plan line missing:\n" + "\n".join(lines_of(text)[:15]))
    # without a start the labels are the data's own
    plain = pdftext(run_pdf(SEED, "plain.pdf"))
    # the data's "Week 1-2", set with the range's en dash (typography.range_dash)
    if "Week 1\u20132" not in plain or "Jan 2027" in plain:
        fail("an undated render changed the labels")
    # a bad start is an error at --set
    p = run("render", SEED, "-o", out("bad.pdf"), "--set", "start=2027-02-30", expect=1)
    if "start` must be a date written YYYY-MM-DD" not in p.stderr:
        fail(p.stderr)


def run_pdf(guide, name, *extra):
    pdf = out(name)
    run("render", guide, "-o", pdf, "-q", *extra)
    return pdf


def test_dated_languages():
    # Polish: stand-alone month names in month ranges, genitive full names on
    # the cover; Welsh: glibc's cy_GB names
    text = lines_of(pdftext(run_pdf(SEED, "pl.pdf", "--set", "start=2027-01-11",
                                    "--set", "lang=pl")))
    for want in ["11–24 sty 2027", "18 sty – 7 lut 2027", "lut–kwi 2027", "lip–paź 2027",
                 "Plan: 11 stycznia 2027 – 31 października 2027"]:
        if not any(want in l for l in text):
            fail(f"Polish: {want!r} missing")
    text = lines_of(pdftext(run_pdf(SEED, "cy.pdf", "--set", "start=2027-01-11",
                                    "--set", "lang=cy")))
    for want in ["11–24 Ion 2027", "Chw–Ebr 2027", "Cynllun: 11 Ionawr 2027 i 31 Hydref 2027"]:
        if not any(want in l for l in text):
            fail(f"Welsh: {want!r} missing")
    if any("Jan 2027" in l for l in text):
        fail("English month names in a Welsh guide")


def test_dated_forms():
    pdf = out("forms.pdf")
    p = run("render", FORMS, "-o", pdf, "--set", "start=2027-01-11")
    text = lines_of(pdftext(pdf))
    want = {"One day": "13 Jan 2027", "Days": "11–15 Jan 2027", "One week": "25–31 Jan 2027",
            "Weeks across a month": "25 Jan – 14 Feb 2027", "One month": "Feb 2027",
            "Across a year end": "Nov 2027 – Jan 2028", "Open ended": "from Dec 2027",
            "Whole year": "Jan–Dec 2028", "Backwards": "Week 6\u20134",  # the data's "6-4", set with an en dash
            "Zero": "Month 0",
            "Words": "When you feel ready"}
    for title, label in want.items():
        # the label is the line just above the step's title
        i = next((k for k, l in enumerate(text) if l == title), None)
        if i is None or not text[i - 1].endswith(label):
            fail(f"{title}: want {label!r} above it, got {text[i - 1] if i else None!r}")
    src = open(FORMS, encoding="utf-8").read().splitlines()
    for bad in ["Week 6-4", "Month 0", "When you feel ready"]:
        ln = next(i for i, l in enumerate(src, 1) if f"when: {bad}," in l)
        col = src[ln - 1].index(f"when: {bad}") + 7
        if f"{FORMS}:{ln}:{col}: warning: `{bad}` is not a form" not in p.stderr:
            fail(f"no warning for {bad} at {ln}:{col}:\n{p.stderr}")
    if p.stderr.count("warning:") != 3:
        fail(f"expected 3 warnings:\n{p.stderr}")
    if "Plan: 11 January 2027 to 31 December 2028" not in text:
        fail("cover plan line")


# 3. Calendar ----------------------------------------------------------------------


def read_ics(path):
    from icalendar import Calendar
    return Calendar.from_ical(open(path, "rb").read())


def test_ics():
    import datetime as dt
    ics = out("plan.ics")
    p = run("render", SEED, "-o", out("ics.pdf"), "--set", "start=2027-01-11", "--set",
            "prepared_for=Jane Doe", "--ics", ics)
    if "plan.ics: calendar," not in p.stdout:
        fail(p.stdout)
    cal = read_ics(ics)
    if not str(cal.get("PRODID", "")).startswith("-//guidepress//"):
        fail("PRODID")
    if str(cal.get("VERSION")) != "2.0":
        fail("VERSION")
    ev = [c for c in cal.walk() if c.name == "VEVENT"]
    todo = [c for c in cal.walk() if c.name == "VTODO"]
    if len(ev) != 6 or len(todo) != 1:
        fail(f"{len(ev)} events and {len(todo)} to-dos, want 6 dated steps and 1 undated")
    d = lambda c, k: c.get(k).dt
    want = [("2027-01-11", "2027-01-25"), ("2027-01-18", "2027-02-08"),
            ("2027-02-01", "2027-05-01"), ("2027-03-01", "2027-07-01"),
            ("2027-05-01", "2027-08-01"), ("2027-07-01", "2027-11-01")]
    got = [(d(c, "DTSTART").isoformat(), d(c, "DTEND").isoformat()) for c in ev]
    if got != want:
        fail(f"event dates {got}")
    for c in ev:
        if not isinstance(d(c, "DTSTART"), dt.date) or isinstance(d(c, "DTSTART"), dt.datetime):
            fail("DTSTART is not an all-day date")
    if str(ev[0]["SUMMARY"]) != "1. Audit your transferable skills honestly":
        fail(f"SUMMARY {ev[0]['SUMMARY']}")
    if "Week 1-2 (11–24 Jan 2027)" not in str(ev[0]["DESCRIPTION"]):
        fail("DESCRIPTION")
    if str(todo[0]["SUMMARY"]) != "7. Prepare for career-changer interview questions":
        fail("the undated step")
    uids = [str(c["UID"]) for c in ev + todo]
    if len(set(uids)) != 7:
        fail("UIDs not unique")
    # byte-identical on a re-render; UIDs stable with a new start date, and
    # different for another client
    first = open(ics, "rb").read()
    run("render", SEED, "-o", out("ics.pdf"), "-q", "--set", "start=2027-01-11", "--set",
        "prepared_for=Jane Doe", "--ics", ics)
    if open(ics, "rb").read() != first:
        fail("two renders wrote different calendars")
    ics2 = out("plan2.ics")
    run("render", SEED, "-o", out("ics2.pdf"), "-q", "--set", "start=2027-06-07", "--set",
        "prepared_for=Jane Doe", "--ics", ics2)
    cal2 = read_ics(ics2)
    if sorted(str(c["UID"]) for c in cal2.walk() if c.name in ("VEVENT", "VTODO")) != sorted(uids):
        fail("UIDs changed with the start date")
    run("render", SEED, "-o", out("ics3.pdf"), "-q", "--set", "start=2027-01-11", "--set",
        "prepared_for=Bob", "--ics", out("plan3.ics"))
    uids3 = {str(c["UID"]) for c in read_ics(out("plan3.ics")).walk() if c.name == "VEVENT"}
    if uids3 & set(uids):
        fail("two clients share UIDs")
    # DTSTAMP comes from SOURCE_DATE_EPOCH, not the clock
    run("render", SEED, "-o", out("ics4.pdf"), "-q", "--set", "start=2027-01-11", "--ics",
        out("plan4.ics"), env=dict(ENV, SOURCE_DATE_EPOCH="1800000000"))
    stamp = read_ics(out("plan4.ics")).walk("VEVENT")[0]["DTSTAMP"].dt
    if stamp != dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc):
        fail(f"DTSTAMP {stamp}")
    # CRLF line ends and lines folded at 75 octets (RFC 5545 3.1)
    raw = open(ics, "rb").read()
    if b"\r\n" not in raw or any(len(l) > 75 for l in raw.split(b"\r\n")):
        fail("not CRLF / unfolded lines")
    # without a start: a warning, and every step a to-do without dates
    p = run("render", SEED, "-o", out("nostart.pdf"), "--ics", out("nostart.ics"))
    if "no start date" not in p.stderr:
        fail(p.stderr)
    c = read_ics(out("nostart.ics"))
    if len(c.walk("VTODO")) != 7 or c.walk("VEVENT") or any("DTSTART" in t for t in c.walk("VTODO")):
        fail("undated calendar")


def test_merge_plan():
    # start and ics columns: one dated PDF and one calendar per client
    csv = out("clients.csv")
    with open(csv, "w") as f:
        f.write("guide,prepared_for,prepared_by,date,output,start,ics\n")
        f.write(f"{SEED},Jane Doe,Sam,2026-11-25,jane.pdf,2027-03-01,cal/jane.ics\n")
        f.write(f"{SEED},Bob Ray,Sam,2026-11-25,bob.pdf,,\n")
        f.write(f"{SEED},Ann Lee,Sam,2026-11-25,ann.pdf,2027-13-01,ann.ics\n")
    d = out("merge")
    p = run("batch", "--merge", csv, "-o", d, "-j", "1", expect=1)
    if f"{csv}:4:" not in p.stderr or "`start` must be a date" not in p.stderr:
        fail(p.stderr)
    jane = lines_of(pdftext(os.path.join(d, "jane.pdf")))
    if "Plan: 1 March 2027 to 31 December 2027" not in jane or not any("Mar 2027" in l for l in jane):
        fail("Jane's plan is not dated from her start")
    cal = read_ics(os.path.join(d, "cal/jane.ics"))
    if len(cal.walk("VEVENT")) != 6 or cal.walk("VEVENT")[0]["DTSTART"].dt.isoformat() != "2027-03-01":
        fail("Jane's calendar")
    bob = pdftext(os.path.join(d, "bob.pdf"))
    if "Week 1\u20132" not in bob or os.path.exists(os.path.join(d, "ann.pdf")):
        fail("Bob undated / Ann failed")


# 4. Email -------------------------------------------------------------------------

FAKE_SENDMAIL = "sh " + os.path.join(SRC, "tests/plan/fake-sendmail.sh")


def parse_eml(path):
    import email
    from email import policy
    with open(path, "rb") as f:
        return email.message_from_binary_file(f, policy=policy.default)


def check_pdf_attachment(msg, client):
    pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
    if len(pdfs) != 1:
        fail(f"{len(pdfs)} PDF attachments")
    data = pdfs[0].get_content()
    path = out(f"attached-{client.split()[0]}.pdf")
    open(path, "wb").write(data)
    qpdf_ok(path)
    if client not in " ".join(pdftext(path).split()):
        fail(f"{client} is not in the attached PDF")
    if pdfs[0]["Content-Transfer-Encoding"] != "base64":
        fail("the PDF is not base64")
    return pdfs[0], data


def test_email():
    eml, pdf, ics = out("jane.eml"), out("jane.pdf"), out("jane.ics")
    p = run("render", SEED, "-o", pdf, "--set", "start=2027-01-11", "--set",
            "prepared_for=Jane Doe", "--set", "prepared_by=Sam Adviser", "--ics", ics,
            "--eml", eml, "--mail-to", "Jane Doe <jane@example.org>", "--mail-from",
            "Sam Adviser <sam@careers.example>")
    size = os.path.getsize(eml)
    if f"jane.eml: email to Jane Doe <jane@example.org>, {size} bytes" not in p.stdout:
        fail(f"the report lacks the message size {size}: {p.stdout}")
    msg = parse_eml(eml)
    if msg.get_content_type() != "multipart/mixed":
        fail(msg.get_content_type())
    if str(msg["To"]) != "Jane Doe <jane@example.org>" or \
            str(msg["From"]) != "Sam Adviser <sam@careers.example>":
        fail(f"addresses {msg['To']} / {msg['From']}")
    if str(msg["Subject"]) != "Your career plan: Data Engineer to Backend Developer":
        fail(f"subject {msg['Subject']}")
    if not msg["Date"] or not msg["Message-ID"] or msg["MIME-Version"] != "1.0":
        fail("headers")
    parts = list(msg.iter_parts())
    if parts[0].get_content_type() != "multipart/alternative":
        fail("no multipart/alternative body")
    kinds = [q.get_content_type() for q in parts[0].iter_parts()]
    if kinds != ["text/plain", "text/html"]:
        fail(f"alternative parts {kinds}")
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    if not plain.startswith("Dear Jane Doe,") or "Sam Adviser" not in plain:
        fail(f"text body: {plain!r}")
    if "<p>Dear Jane Doe,</p>" not in html or "Best wishes,<br>" not in html:
        fail(f"html body: {html!r}")
    att, data = check_pdf_attachment(msg, "Jane Doe")
    if data != open(pdf, "rb").read() or att.get_filename() != "jane.pdf":
        fail("the attachment is not the written PDF")
    cals = [q for q in msg.iter_attachments() if q.get_content_type() == "text/calendar"]
    if len(cals) != 1 or cals[0].get_filename() != "jane.ics":
        fail("no calendar attached")
    from icalendar import Calendar
    cal = Calendar.from_ical(cals[0].get_content())
    if len(cal.walk("VEVENT")) != 6 or cal.walk("VEVENT")[1]["DTSTART"].dt.isoformat() != "2027-01-18":
        fail("the attached calendar")
    # reproducible: a second render writes the same message
    first = open(eml, "rb").read()
    run("render", SEED, "-o", pdf, "-q", "--set", "start=2027-01-11", "--set",
        "prepared_for=Jane Doe", "--set", "prepared_by=Sam Adviser", "--ics", ics,
        "--eml", eml, "--mail-to", "Jane Doe <jane@example.org>", "--mail-from",
        "Sam Adviser <sam@careers.example>")
    if open(eml, "rb").read() != first:
        fail("two renders wrote different emails")


def test_email_template():
    # a style's template, non-ASCII names, a subject from the command line,
    # the size budget, and the errors
    style = out("brand.yaml")
    with open(style, "w", encoding="utf-8") as f:
        f.write("style: 1\nextends: default\nbrand: {name: Northbridge Careers, "
                "contact: advice@northbridge.example}\n"
                "email:\n  subject: \"{prepared_for}: {from} → {to}\"\n"
                "  body: \"Annwyl {prepared_for},\\n\\nYour plan starts {start}.\\n\\n{adviser}\"\n"
                "  max_size: 20 KB\n")
    eml = out("sian.eml")
    p = run("render", SEED, "-s", style, "-o", out("sian.pdf"), "--set", "start=2027-01-11",
            "--set", "prepared_for=Siân Évans", "--eml", eml, "--mail-to", "sian@example.org")
    if "warning: the email is" not in p.stderr or "over the size budget of 20000 bytes" not in p.stderr:
        fail(f"no size warning: {p.stderr}")
    if "(over the size budget)" not in p.stdout:
        fail(p.stdout)
    msg = parse_eml(eml)
    if str(msg["Subject"]) != "Siân Évans: Data Engineer → Backend Developer":
        fail(f"subject {msg['Subject']}")
    raw = open(eml, "rb").read()
    if "Siân".encode() in raw.split(b"\n\n", 1)[0]:
        fail("raw UTF-8 in the headers (want encoded words)")
    if "advice@northbridge.example" not in str(msg["From"]):
        fail("the brand contact is not the sender")
    plain = msg.get_body(("plain",)).get_content()
    if plain != "Annwyl Siân Évans,\n\nYour plan starts 11 January 2027.\n\nNorthbridge Careers\n" \
            and plain.rstrip("\n") != "Annwyl Siân Évans,\n\nYour plan starts 11 January 2027.\n\nNorthbridge Careers":
        fail(f"template: {plain!r}")
    check_pdf_attachment(msg, "Siân Évans")
    p = run("render", SEED, "-s", style, "-o", out("s2.pdf"), "--eml", out("s2.eml"),
            "--mail-to", "x@example.org", "--subject", "Plan for {prepared_for}", "-q",
            "--set", "prepared_for=Bob")
    if str(parse_eml(out("s2.eml"))["Subject"]) != "Plan for Bob":
        fail("--subject")
    # errors: an unknown placeholder in the style, a bad address, no sender
    bad = out("bad-style.yaml")
    with open(bad, "w") as f:
        f.write("style: 1\nemail:\n  body: \"Dear {advisor}\"\n")
    p = run("render", SEED, "-s", bad, "-o", out("x.pdf"), "--eml", out("x.eml"),
            "--mail-to", "x@example.org", "--mail-from", "a@b.example", expect=1)
    if f"{bad}:3:9: error: unknown placeholder `{{advisor}}`; did you mean `{{adviser}}`?" not in p.stderr:
        fail(p.stderr)
    p = run("render", SEED, "-o", out("y.pdf"), "--eml", out("y.eml"), "--mail-to",
            "not an address", "--mail-from", "a@b.example", expect=1)
    if "is not an email address" not in p.stderr:
        fail(p.stderr)
    if os.path.exists(out("y.pdf")) or os.path.exists(out("y.eml")):
        fail("a failed email left files")
    p = run("render", SEED, "-o", out("z.pdf"), "--eml", out("z.eml"), "--mail-to",
            "x@example.org", expect=1)
    if "needs a sender" not in p.stderr:
        fail(p.stderr)
    run("render", SEED, "-o", out("z.pdf"), "--mail-to", "x@example.org", expect=2)


def fresh_dir(name):
    import shutil
    d = out(name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def test_sendmail():
    cap = fresh_dir("captured")
    env = dict(ENV, GP_MAIL_CAPTURE=cap)
    eml = out("s.eml")
    p = run("render", SEED, "-o", out("s.pdf"), "--set", "prepared_for=Jane Doe", "--eml", eml,
            "--mail-to", "jane@example.org", "--mail-from", "sam@example.org",
            "--sendmail", f"{FAKE_SENDMAIL} -t -i", env=env)
    got = sorted(f for f in os.listdir(cap) if f.endswith(".eml"))
    if len(got) != 1 or open(os.path.join(cap, got[0]), "rb").read() != open(eml, "rb").read():
        fail("the program did not get the message")
    if open(os.path.join(cap, got[0][:-4] + ".args")).read().split() != ["-t", "-i"]:
        fail("arguments")
    if "handed to" not in p.stdout:
        fail(p.stdout)
    p = run("render", SEED, "-o", out("s.pdf"), "--eml", eml, "--mail-to", "jane@example.org",
            "--mail-from", "sam@example.org", "--sendmail", FAKE_SENDMAIL,
            env=dict(env, GP_MAIL_EXIT="75"), expect=1)
    if "exited with status 75" not in p.stderr:
        fail(p.stderr)
    # a merge: an email column writes one .eml per client next to its PDF,
    # each handed to the program, with its size in the report
    csv = out("clients.csv")
    with open(csv, "w") as f:
        f.write("guide,prepared_for,prepared_by,date,output,email\n")
        f.write(f"{SEED},Adaeze Okonkwo,Sam,2026-11-25,c/adaeze.pdf,adaeze@example.org\n")
        f.write(f"{SEED},Gareth Pryce,Sam,2026-11-25,c/gareth.pdf,\"Gareth Pryce <g@example.org>\"\n")
        f.write(f"{SEED},No Mail,Sam,2026-11-25,c/nomail.pdf,\n")
    cap2 = fresh_dir("captured2")
    d = out("merge")
    run("batch", "--merge", csv, "-o", d, "-j", "2", "--mail-from", "sam@example.org",
        "--sendmail", FAKE_SENDMAIL, "--report", out("report.json"),
        env=dict(ENV, GP_MAIL_CAPTURE=cap2))
    for name, client in [("adaeze", "Adaeze Okonkwo"), ("gareth", "Gareth Pryce")]:
        msg = parse_eml(os.path.join(d, "c", name + ".eml"))
        check_pdf_attachment(msg, client)
    if os.path.exists(os.path.join(d, "c", "nomail.eml")):
        fail("an email without an address")
    if len([f for f in os.listdir(cap2) if f.endswith(".eml")]) != 2:
        fail("not two messages handed over")
    import json
    rep = json.load(open(out("report.json")))
    sizes = {os.path.basename(r["email"]["file"]): r["email"]["bytes"]
             for r in rep["documents"] if r.get("email")}
    want = {n + ".eml": os.path.getsize(os.path.join(d, "c", n + ".eml")) for n in ("adaeze", "gareth")}
    if sizes != want:
        fail(f"report sizes {sizes} != {want}")


# 5. Fillable tick boxes ---------------------------------------------------------

CHECKLIST = os.path.join(SRC, "data/guides/teacher-to-instructional-designer.yaml")


def guide_boxes(path):
    """(timeline step titles, checklist item texts) of a guide, in order."""
    import yaml
    g = yaml.safe_load(open(path, encoding="utf-8"))
    steps, items = [], []
    for sec in g["sections"]:
        if sec["type"] == "timeline":
            steps += [st["title"] for st in sec["steps"]]
        if sec["type"] == "list" and sec.get("style") == "checklist":
            items += [str(i) for i in sec["items"]]
    return steps, items


def fields_of(pdf):
    import pikepdf
    p = pikepdf.open(pdf)
    if "/AcroForm" not in p.Root:
        return p, []
    return p, list(p.Root.AcroForm.Fields)


def raster(pdf, page, name):
    stem = out(name)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), pdf, stem],
                   check=True)
    got = [f for f in os.listdir(WORK) if f.startswith(name + "-") and f.endswith(".png")]
    return open(os.path.join(WORK, got[0]), "rb").read()


def test_forms():
    import pikepdf
    pdf = out("forms.pdf")
    run("render", CHECKLIST, "-o", pdf, "-q")
    qpdf_ok(pdf)
    steps, items = guide_boxes(CHECKLIST)
    if not steps or not items:
        fail("the test guide needs a timeline and a checklist")
    p, fields = fields_of(pdf)
    if len(fields) != len(steps) + len(items):
        fail(f"{len(fields)} fields for {len(steps)} steps and {len(items)} checklist items")
    if p.Root.AcroForm.NeedAppearances != False:  # noqa: E712
        fail("NeedAppearances must be false")
    names = [str(f.T) for f in fields]
    want = [f"step-{i}" for i in range(1, len(steps) + 1)] + \
        [f"check-{i}" for i in range(len(steps) + 1, len(steps) + len(items) + 1)]
    if sorted(names) != sorted(want) or len(set(names)) != len(names):
        fail(f"field names {names}")
    tips = {str(f.T): str(f.TU) for f in fields}
    for i, title in enumerate(steps, 1):
        if tips[f"step-{i}"] != title:
            fail(f"step-{i} tooltip {tips[f'step-{i}']!r}, want {title!r}")
    for f in fields:
        if f.FT != "/Btn" or f.V != "/Off" or f.AS != "/Off" or f.Subtype != "/Widget":
            fail(f"{f.T}: not an unticked check box")
        if sorted(f.AP.N.keys()) != ["/Off", "/On"] or int(f.F) & 4 == 0:
            fail(f"{f.T}: appearances or print flag")
        # on its page, over the printed box
        if not any(f.objgen == a.objgen for pg in p.pages for a in pg.get("/Annots", [])):
            fail(f"{f.T} is on no page")
    # tagged: each widget is the OBJR kid of a Form structure element
    forms = []

    def walk(e):
        if isinstance(e, pikepdf.Dictionary):
            if e.get("/S") == "/Form":
                forms.append(e)
            k = e.get("/K")
            if isinstance(k, pikepdf.Array):
                for kid in k:
                    walk(kid)
            elif isinstance(k, pikepdf.Dictionary):
                walk(k)
    walk(p.Root.StructTreeRoot)
    objr = set()
    for e in forms:
        k = e.K
        for kid in (k if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                objr.add(kid.Obj.objgen)
    if objr != {f.objgen for f in fields}:
        fail(f"{len(forms)} Form elements hold {len(objr)} of {len(fields)} widgets")
    # printed exactly as today: the page looks the same without the fields
    plain = out("noforms.pdf")
    run("render", CHECKLIST, "-o", plain, "-q", "--no-forms")
    if fields_of(plain)[1]:
        fail("--no-forms wrote fields")
    for pg in range(1, len(p.pages) + 1):
        if raster(pdf, pg, f"f{pg}") != raster(plain, pg, f"n{pg}"):
            fail(f"page {pg} prints differently with form fields")
    if pdftext(pdf) != pdftext(plain):
        fail("text differs")
    # a viewer keeps the state: tick two boxes, save, read them back
    fields[0].V = pikepdf.Name.On
    fields[0].AS = pikepdf.Name.On
    fields[-1].V = pikepdf.Name.On
    fields[-1].AS = pikepdf.Name.On
    p.save(out("ticked.pdf"))
    _, again = fields_of(out("ticked.pdf"))
    if [str(f.V) for f in again].count("/On") != 2 or again[0].V != "/On":
        fail("ticked state not kept")
    qpdf_ok(out("ticked.pdf"))
    # PDF/A keeps the fields (PDF/A-2 allows them with appearances)
    pdfa = out("forms-a.pdf")
    run("render", CHECKLIST, "-o", pdfa, "-q", "--pdfa")
    pa, fa = fields_of(pdfa)
    if len(fa) != len(fields) or pa.Root.AcroForm.NeedAppearances != False:  # noqa: E712
        fail("PDF/A lost the fields")
    checker = os.path.join(SRC, "tests/pdfcheck/pdfcheck.py")
    for f, opt in ((pdf, "--ua"), (pdfa, "--pdfa"), (pdfa, "--ua")):
        r = subprocess.run([sys.executable, checker, opt, f], capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"pdfcheck {opt} {f}:\n{r.stdout}")
    # the other painters print the plain box
    cairo = out("cairo.pdf")
    run("render", CHECKLIST, "-o", cairo, "-q", "--backend", "cairo")
    if fields_of(cairo)[1]:
        fail("cairo wrote fields")


TESTS = {k[5:]: v for k, v in globals().items() if k.startswith("test_")}
if NAME not in TESTS:
    fail(f"unknown test {NAME}")
TESTS[NAME]()
print("ok", NAME)
