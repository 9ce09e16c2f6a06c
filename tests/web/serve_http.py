#!/usr/bin/env python3
"""HTTP tests of `guidepress serve` without a browser (stdlib only), so
they also run under AddressSanitizer.

usage: serve_http.py GUIDEPRESS SOURCE_DIR WORK_DIR MODE
  hostile  bad requests get a clear 4xx and the server stays up: a guide
           name with ../, an unknown style, a 10 MB body, invalid UTF-8, a
           100,000-row CSV, no CSRF token, a cross-site Origin, an unknown
           page; guide and style errors show file:line:col and the hint;
           one access-log line per request, without the client's data;
           nothing written to the server's temporary folder.
  token    --token-file: every page asks for the token; the login sets a
           cookie; a non-loopback address without a token is refused.
  busy     one worker and no queue: the requests that find it busy get 503
           with Retry-After at once; the others get their own PDFs.
  load     200 PDF requests from 20 concurrent clients on loopback: every
           one answered with its own client's PDF (503 + Retry-After is
           honoured and retried), and the server answers afterwards.
  batch    upload a merge CSV, follow the progress, download the zip: one
           PDF per good row plus report.json; failed rows listed.
  plan     a start date dates the PDF's steps; "Add to calendar" gives an
           .ics (parsed with icalendar: one entry per step, right dates);
           "Email" gives an RFC 5322 message (parsed with Python's email
           package: the PDF attached, valid, with the client's name, and
           the .ics when dated); a bad date, a bad address or a missing
           one get a 422 page with the message beside the field.
  roles    a guide composed from two role profiles: the page offers the
           roles; the PDF names both; the same role twice or an unknown
           role is refused with a message beside the lists.
"""
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile

EXE, SRC, WORK, MODE = sys.argv[1:5]
GUIDE = "data-engineer-to-backend-developer"
FIX = os.path.join(SRC, "tests", "web", "fixtures")

# Loopback never goes through a proxy.
for k in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(k, None)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)
    else:
        print("ok:", what, flush=True)


class Server:
    def __init__(self, *args, tmp=None, env_extra=None):
        env = dict(os.environ)
        env.update(env_extra or {})
        self.tmp = tmp or tempfile.mkdtemp(prefix="gp-serve-tmp-", dir=WORK)
        env["TMPDIR"] = self.tmp
        self.log = open(os.path.join(WORK, "server-%d.log" % id(self)), "w+")
        self.p = subprocess.Popen([EXE, "serve", "--listen", "127.0.0.1:0", *args],
                                  stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        line = self.p.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.p.kill()
            raise SystemExit("server did not start: %r" % line)
        self.port = int(m.group(1))

    def conn(self, timeout=120):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, cookie=None):
        c = self.conn()
        h = dict(headers or {})
        if cookie:
            h["Cookie"] = cookie
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), data)
        c.close()
        return out

    def csrf(self, cookie=None):
        st, _, body = self.request("GET", "/", cookie=cookie)
        m = re.search(rb'name="csrf" value="([0-9a-f]+)"', body)
        return m.group(1).decode() if m else ""

    def post(self, path, fields, cookie=None, headers=None):
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, body, h, cookie)

    def alive(self):
        try:
            st, _, body = self.request("GET", "/healthz")
            return st == 200 and body == b"ok\n"
        except OSError:
            return False

    def stop(self):
        self.p.terminate()
        try:
            rc = self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = self.p.wait()
        self.log.flush()
        self.log.seek(0)
        return rc, self.log.read()


def pdf_text(data):
    path = os.path.join(WORK, "t-%d.pdf" % threading.get_ident())
    with open(path, "wb") as f:
        f.write(data)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    m = re.search(r"Pages:\s+(\d+)", info)
    return (int(m.group(1)) if m else 0), text


def multipart(fields, files):
    boundary = "gp-test-boundary-7c1f"
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                   % (boundary, k, v)).encode())
    for k, (name, data) in files.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   "Content-Type: text/csv\r\n\r\n" % (boundary, k, name)).encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % boundary).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + boundary


def hostile():
    s = Server("--jobs", "2", "--guides", os.path.join(SRC, "data", "guides"),
               "--guides", os.path.join(FIX, "guides"),
               "--styles", os.path.join(SRC, "styles"), "--styles", os.path.join(FIX, "styles"))
    csrf = s.csrf()
    check(len(csrf) == 64, "the page carries a CSRF token")
    base = {"csrf": csrf, "guide": GUIDE, "prepared_for": "Ada Secretname",
            "prepared_by": "Sam Adviser", "date": "2026-11-25", "action": "pdf"}

    st, h, body = s.post("/", base)
    pages, text = pdf_text(body)
    check(st == 200 and h.get("content-type") == "application/pdf", "a good form gives a PDF")
    check(pages >= 5 and "Ada Secretname" in text, "the PDF has pages and the client's name")

    def bad(what, st_want, msg, resp):
        st, _, body = resp
        ok = st == st_want and msg.encode() in body
        check(ok, "%s -> %d with '%s' (got %d)" % (what, st_want, msg, st))
        check(s.alive(), "server answers after: " + what)

    bad("guide name with ../", 400, "no guide of that name",
        s.post("/", dict(base, guide="../../../etc/passwd")))
    bad("absolute guide path", 400, "no guide of that name",
        s.post("/", dict(base, guide="/etc/passwd")))
    bad("guide name in the query", 400, "no guide of that name",
        s.request("GET", "/?guide=..%2F..%2Fetc%2Fpasswd"))
    bad("unknown style", 400, "no style of that name", s.post("/", dict(base, style="nope")))
    bad("style as a path", 400, "no style of that name",
        s.post("/", dict(base, style="../styles/default")))
    big = b"prepared_for=" + b"x" * (10 * 1024 * 1024)
    bad("10 MB body", 413, "larger than this form takes",
        s.request("POST", "/", big, {"Content-Type": "application/x-www-form-urlencoded"}))
    bad("10 MB body without a length", 413, "larger than this form takes",
        s.request("POST", "/", iter([big[i:i + 65536] for i in range(0, len(big), 65536)]),
                  {"Content-Type": "application/x-www-form-urlencoded"}))
    raw = ("csrf=%s&guide=%s&prepared_for=Ada%%FF%%FE&action=pdf" % (csrf, GUIDE)).encode()
    bad("invalid UTF-8", 400, "is not valid UTF-8",
        s.request("POST", "/", raw, {"Content-Type": "application/x-www-form-urlencoded"}))
    bad("a field over its limit", 413, "longer than the desk takes",
        s.post("/", dict(base, prepared_for="y" * 5000)))
    bad("no CSRF token", 403, "CSRF", s.post("/", {k: v for k, v in base.items() if k != "csrf"}))
    bad("a wrong CSRF token", 403, "CSRF", s.post("/", dict(base, csrf="0" * 64)))
    bad("cross-site Origin", 403, "only be sent from the desk",
        s.post("/", base, headers={"Origin": "http://evil.example"}))
    bad("cross-site fetch", 403, "only be sent from the desk",
        s.post("/", base, headers={"Sec-Fetch-Site": "cross-site"}))
    bad("unknown page", 404, "no page at this address", s.request("GET", "/etc/passwd"))
    bad("a body that is not a form", 415, "multipart/form-data",
        s.request("POST", "/", b"{}", {"Content-Type": "application/json"}))
    bad("unknown action", 400, "Unknown action", s.post("/", dict(base, action="rm")))
    bad("a bad date", 422, "`date` must be a date written YYYY-MM-DD",
        s.post("/", dict(base, date="2026-13-45")))

    rows = ["guide,prepared_for,prepared_by,date,output"]
    rows += ["x,C%d,S,2026-01-01," % i for i in range(100000)]
    csv = ("\n".join(rows) + "\n").encode()
    body, ctype = multipart({"csrf": csrf}, {"csv": ("big.csv", csv)})
    bad("a 100,000-row CSV", 413, "at most 1000 rows",
        s.request("POST", "/batch", body, {"Content-Type": ctype}))

    # Guide and style errors: shown in the page with file:line:col and hint.
    st, _, body = s.post("/", dict(base, guide="broken-guide", action="preview"))
    check(st == 422 and b"broken-guide.yaml:11:5:" in body and b"did you mean `title`" in body
          and b"hint: the keys of a prose section are" in body,
          "a guide error is shown with file:line:col and the hint (got %d)" % st)
    st, _, body = s.post("/", dict(base, style="broken-style", action="pdf"))
    check(st == 422 and b"broken-style.yaml:4:1:" in body and b"did you mean `colors`" in body,
          "a style error is shown with file:line:col and the hint (got %d)" % st)
    check(os.path.abspath(SRC).encode() not in body,
          "the page names files, not the server's folders")

    # Ticks and the note reach the PDF; the guide file is unchanged.
    gpath = os.path.join(SRC, "data", "guides", GUIDE + ".yaml")
    before = open(gpath, "rb").read()
    st, _, page = s.post("/", dict(base, action="preview"))
    keeps = re.findall(rb'name="keep" value="([0-9.]+)"', page)
    labels = re.findall(rb'name="keep" value="[0-9.]+" id="[^"]+" checked><label for="[^"]+">'
                        rb'([^<(]+)', page)
    check(len(keeps) >= 4 and len(labels) == len(keeps), "the preview lists the ticks (%d)"
          % len(keeps))
    check(page.count(b"data:image/png;base64,") >= 5, "the preview shows the pages")
    dropped = labels[0].decode().strip()
    fields = dict(base, ticks_for=GUIDE, note="Bring your portfolio on Tuesday.")
    fields["keep"] = [k.decode() for k in keeps[1:]]
    st, _, body = s.post("/", fields)
    pages, text = pdf_text(body)
    flat = " ".join(text.split())
    check(st == 200 and "Bring your portfolio on Tuesday." in flat
          and "A note for Ada Secretname" in flat, "the private note is printed")
    check(dropped not in flat, "an unticked step is left out: %r" % dropped)
    _, full = pdf_text(s.post("/", base)[2])
    check(dropped in " ".join(full.split()), "... and is there when ticked")
    check(open(gpath, "rb").read() == before, "the guide file is never changed")

    check(s.alive(), "server still answers")
    rc, log = s.stop()
    check(rc == 0, "server stops cleanly on SIGTERM (rc %d)" % rc)
    lines = [l for l in log.splitlines() if re.match(r"\d{4}-\d\d-\d\dT", l)]
    check(len(lines) >= 30, "one access-log line per request (%d)" % len(lines))
    check("Secretname" not in log and "portfolio" not in log and csrf not in log,
          "the access log holds no personal data")
    check(os.listdir(s.tmp) == [], "nothing left in the server's temporary folder")


def busy():
    """One worker and no queue: requests beyond the one rendering get 503
    with Retry-After at once, the others their PDFs, and the server goes on."""
    s = Server("--jobs", "1", env_extra={"GUIDEPRESS_SERVE_QUEUE": "0"})
    csrf = s.csrf()
    out = []
    lock = threading.Lock()

    def one(i):
        st, h, body = s.post("/", {"csrf": csrf, "guide": GUIDE, "action": "pdf",
                                   "prepared_for": "Busy Client %d" % i})
        with lock:
            out.append((st, h, body, "Busy Client %d" % i))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    busy = [r for r in out if r[0] == 503]
    done = [r for r in out if r[0] == 200]
    check(len(busy) + len(done) == 8, "every request answered 200 or 503 (%s)"
          % sorted(r[0] for r in out))
    check(busy and all(r[1].get("retry-after") == "2" and b"busy" in r[2] for r in busy),
          "%d answered 503 with Retry-After and a message" % len(busy))
    check(done and all(r[3] in pdf_text(r[2])[1] for r in done),
          "%d answered with their own PDF" % len(done))
    check(s.alive(), "server answers after")
    rc, _ = s.stop()
    check(rc == 0, "server stops cleanly")


def token():
    tf = os.path.join(WORK, "token")
    with open(tf, "w") as f:
        f.write("correct-horse-battery-staple-42\n")
    r = subprocess.run([EXE, "serve", "--listen", "0.0.0.0:0"], capture_output=True, text=True,
                       timeout=30)
    check(r.returncode == 2 and "needs --token-file" in r.stderr,
          "a non-loopback address without a token is refused")
    s = Server("--jobs", "1", "--token-file", tf)
    st, _, body = s.request("GET", "/")
    check(st == 401 and b'<label for="token">Access token</label>' in body,
          "without the token the page asks for it")
    m = re.search(rb'name="csrf" value="([0-9a-f]+)"', body)
    csrf = m.group(1).decode()
    st, _, body = s.post("/", {"csrf": csrf, "guide": GUIDE, "action": "pdf"})
    check(st == 401 and b"access token" in body, "a POST without the token is refused")
    st, _, _ = s.request("GET", "/batch/0123456789abcdef0123456789abcdef/result.zip")
    check(st == 401, "a download without the token is refused")
    st, _, body = s.post("/login", {"csrf": csrf, "token": "wrong-token-wrong-token"})
    check(st == 401 and b"not the access token" in body, "a wrong token is refused")
    st, h, _ = s.post("/login", {"csrf": csrf, "token": "correct-horse-battery-staple-42"})
    ck = h.get("set-cookie", "")
    check(st == 303 and "gp_token=" in ck and "HttpOnly" in ck and "SameSite=Strict" in ck,
          "the right token sets an HttpOnly, SameSite cookie")
    cookie = ck.split(";")[0]
    st, _, body = s.request("GET", "/", cookie=cookie)
    check(st == 200 and b"guide-form" in body, "with the cookie the desk opens")
    st, _, body = s.post("/", {"csrf": csrf, "guide": GUIDE, "action": "pdf",
                               "prepared_for": "Token Client"}, cookie=cookie)
    check(st == 200 and "Token Client" in pdf_text(body)[1], "and renders")
    rc, _ = s.stop()
    check(rc == 0, "server stops cleanly")


def load():
    s = Server("--jobs", "2")
    csrf = s.csrf()
    n, conc = 200, 20
    results = [None] * n
    retries = [0]
    lock = threading.Lock()
    nxt = [0]

    def client():
        c = s.conn(timeout=300)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= n:
                break
            name = "Client Number %03d" % i
            body = urllib.parse.urlencode({"csrf": csrf, "guide": GUIDE, "prepared_for": name,
                                           "action": "pdf"}).encode()
            while True:
                try:
                    c.request("POST", "/", body,
                              {"Content-Type": "application/x-www-form-urlencoded"})
                    r = c.getresponse()
                    data = r.read()
                except (OSError, http.client.HTTPException) as e:
                    results[i] = ("error", str(e))
                    c.close()
                    c = s.conn(timeout=300)
                    break
                if r.status == 503:
                    with lock:
                        retries[0] += 1
                    time.sleep(float(r.getheader("Retry-After", "1")))
                    continue
                results[i] = (r.status, data, name)
                break
        c.close()

    threads = [threading.Thread(target=client) for _ in range(conc)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.time() - t0
    bad = [i for i, r in enumerate(results) if r is None or r[0] != 200]
    check(not bad, "all %d requests answered 200 (failed: %s)" % (n, bad[:5]))
    wrong = 0
    for r in results:
        if r and r[0] == 200:
            pages, text = pdf_text(r[1])
            if pages < 5 or r[2] not in text:
                wrong += 1
    check(wrong == 0, "every PDF is its own client's (%d wrong or lost)" % wrong)
    print("load: %d PDFs, %d concurrent, %d answered 503 and retried, %.1f s" %
          (n, conc, retries[0], secs))
    check(s.alive(), "server answers after the load")
    rc, _ = s.stop()
    check(rc == 0, "server stops cleanly")


def batch():
    s = Server("--jobs", "2", "--guides", os.path.join(SRC, "data", "guides"),
               "--guides", os.path.join(FIX, "guides"))
    csrf = s.csrf()
    csv = ("guide,prepared_for,prepared_by,date,output,style\n"
           "%s,Jane Doe,Priya Natarajan,2026-01-12,clients/jane-doe.pdf,\n"
           "teacher-to-instructional-designer,\"Okonkwo, Adaeze\",Marcus Hale,2026-01-20,,"
           "print-mono\n"
           "../../etc/passwd,Evil Row,X,2026-01-01,,\n"
           "broken-guide,Broken Row,X,2026-01-01,,\n"
           "%s,Bad Date,X,2026-02-31,,\n"
           "guides/nurse-to-clinical-data-analyst.yaml,Siobhán O'Brien,Marcus Hale,2026-01-21,,\n"
           % (GUIDE, GUIDE)).encode()
    body, ctype = multipart({"csrf": csrf}, {"csv": ("clients.csv", csv)})
    st, h, page = s.request("POST", "/batch", body, {"Content-Type": ctype})
    check(st == 303 and re.match(r"/batch/[0-9a-f]{32}$", h.get("location", "")),
          "an upload starts a batch (%d)" % st)
    loc = h.get("location", "/batch/x")
    st, _, page = s.request("GET", loc)
    check(st == 200 and b"<progress" in page, "the batch page shows a progress bar")
    status = {}
    for _ in range(600):
        st, _, js = s.request("GET", loc + "/status")
        status = json.loads(js)
        if status.get("done"):
            break
        time.sleep(0.2)
    check(status.get("done") and status.get("total") == 6 and status.get("failed") == 3,
          "the batch finishes: 6 rows, 3 failed (%s)" % status)
    st, _, page = s.request("GET", loc)
    check(b"etc/passwd" in page and b"broken-guide.yaml:11:5" in page and b"2026-02-31" in page,
          "failed rows are listed with their errors")
    st, h, data = s.request("GET", loc + "/result.zip")
    check(st == 200 and h.get("content-type") == "application/zip", "the zip downloads")
    z = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(z.namelist())
    check(names == sorted(["clients/jane-doe.pdf", "report.json",
                           "teacher-to-instructional-designer-2.pdf",
                           "nurse-to-clinical-data-analyst-6.pdf"]),
          "the zip holds the good rows' PDFs and report.json: %s" % names)
    rep = json.loads(z.read("report.json"))
    check(rep["total"] == 6 and rep["ok"] == 3 and rep["failed"] == 3
          and len(rep["documents"]) == 6, "report.json counts the rows")
    for n, who in (("clients/jane-doe.pdf", "Jane Doe"),
                   ("teacher-to-instructional-designer-2.pdf", "Okonkwo, Adaeze"),
                   ("nurse-to-clinical-data-analyst-6.pdf", "Siobhán O\u2019Brien")):
        pages, text = pdf_text(z.read(n)) if n in names else (0, "")
        check(pages >= 5 and who in text, "%s is %s's guide" % (n, who))
    # A bad header is refused as a whole, with line and column.
    body, ctype = multipart({"csrf": csrf}, {"csv": ("c.csv", b"guide,prepard_for\nx,y\n")})
    st, _, page = s.request("POST", "/batch", body, {"Content-Type": ctype})
    check(st == 400 and b"c.csv:1:7" in page and b"prepared_for" in page,
          "an unknown column is refused with line:col and a suggestion (%d)" % st)
    check(s.alive(), "server answers")
    rc, _ = s.stop()
    check(rc == 0, "server stops cleanly")


def field_error(body, field):
    """The message shown beside a field (its id-error paragraph)."""
    m = re.search(rb'<p class="field-error" id="%s-error">([^<]*)</p>' % field.encode(), body)
    return m.group(1).decode() if m else None


def plan():
    import email
    import email.policy
    from icalendar import Calendar
    s = Server("--jobs", "1", "--guides", os.path.join(SRC, "data", "guides"))
    csrf = s.csrf()
    st, _, page = s.request("GET", "/")
    for fid, label in (("start", "Start date"), ("email", "Client’s e-mail address")):
        check(('<label for="%s">%s</label>' % (fid, label)).encode() in page,
              "the page has a labelled %s field" % fid)
    check(b'value="ics">Add to calendar (.ics)' in page and b'value="eml">Email (.eml)' in page,
          "the page has the calendar and e-mail buttons")
    base = {"csrf": csrf, "guide": GUIDE, "prepared_for": "Ada Planname",
            "prepared_by": "Sam Adviser", "date": "2026-11-25", "start": "2027-01-11"}

    # The PDF: dated steps, and the cover's start and end.
    st, h, body = s.post("/", dict(base, action="pdf"))
    pages, text = pdf_text(body)
    check(st == 200 and h.get("content-type") == "application/pdf", "a dated form gives a PDF")
    check("Ada Planname" in text, "the dated PDF has the client's name")
    check("Plan: 11 January 2027 to" in text, "the cover shows the plan's start and end")
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    dated = [ln for ln in text.splitlines()
             if re.fullmatch(r"[0-9 –]*(%s)[A-Za-z0-9 –]* 2027" % months, ln.strip())]
    with open(os.path.join(SRC, "data", "guides", GUIDE + ".yaml"), encoding="utf-8") as f:
        whens = re.findall(r"^\s*-?\s*when:\s*\"?([^\"\n]*)", f.read(), re.M)
    n_steps = len(whens)  # every step is a calendar entry
    # "Week 1-2", "Month 3-6" are dated; "Ongoing ..." stays as written
    n_relative = len([w for w in whens if re.match(r"(Week|Month|Day|Year)s? \d", w)])
    check(len(dated) == n_relative and n_relative >= 4 and "Month 2-4" not in text,
          "every relative step is dated (%d dated labels for %d steps: %s)"
          % (len(dated), n_relative, dated[:3]))
    check("Jan 2027" in text, "the first step falls in January 2027")
    # The desk's PDF is the one `render` makes: tagged PDF/UA-1 from our
    # painter, with a check box field per step and checklist item.
    import io
    import pikepdf
    with pikepdf.open(io.BytesIO(body)) as pdf:
        fields = pdf.Root.get("/AcroForm", {}).get("/Fields", [])
        boxes = [f for f in fields if f.get("/FT") == "/Btn"]
        xmp = pdf.open_metadata()
        check(len(boxes) >= n_steps and all(str(f.get("/TU", "")) for f in boxes),
              "the desk PDF has a fillable check box with a tooltip per step (%d boxes, %d steps)"
              % (len(boxes), n_steps))
        check("/StructTreeRoot" in pdf.Root
              and str(xmp.get("{http://www.aiim.org/pdfua/ns/id/}part")) == "1",
              "the desk PDF is tagged and declares PDF/UA-1")

    # Without a start date the same guide keeps its relative labels.
    st, _, body = s.post("/", dict(base, action="pdf", start=""))
    _, plain = pdf_text(body)
    check(st == 200 and "2027" not in plain, "no start date: no dated steps")

    # The calendar: one entry per step, dated from the start.
    st, h, ics = s.post("/", dict(base, action="ics"))
    check(st == 200 and h.get("content-type", "").startswith("text/calendar"),
          "Add to calendar gives text/calendar (%d)" % st)
    check(h.get("content-disposition") == 'attachment; filename="%s.ics"' % GUIDE,
          "the calendar is an attachment with a safe name")
    cal = Calendar.from_ical(ics)
    entries = [c for c in cal.walk() if c.name in ("VEVENT", "VTODO")]
    check(len(entries) == n_steps and n_steps > 0,
          "one calendar entry per step (%d entries, %d steps)" % (len(entries), n_steps))
    starts = sorted(str(e.decoded("DTSTART")) for e in entries if e.get("DTSTART"))
    check(len(starts) == n_relative and starts[0] == "2027-01-11"
          and all(x >= "2027-01-11" for x in starts),
          "the dated steps' entries start on or after the start date (%s)" % starts[:3])
    check("2027-01-25" in [str(e.decoded("DTEND")) for e in entries if e.get("DTEND")],
          "Week 1-2 from 11 Jan 2027 ends on 24 Jan (DTEND 25 Jan, exclusive)")
    st, _, ics2 = s.post("/", dict(base, action="ics"))
    uids = lambda data: [str(c.get("UID")) for c in Calendar.from_ical(data).walk()
                         if c.name in ("VEVENT", "VTODO")]
    check(uids(ics) == uids(ics2), "the calendar's UIDs are stable across downloads")

    # The e-mail: RFC 5322, the PDF and the calendar attached.
    st, h, eml = s.post("/", dict(base, action="eml", email="Ada Planname <ada@example.org>",
                                  adviser_email="sam@example.org"))
    check(st == 200 and h.get("content-type") == "message/rfc822",
          "Email gives message/rfc822 (%d %s)" % (st, h.get("content-type")))
    check(h.get("content-disposition") == 'attachment; filename="%s.eml"' % GUIDE,
          "the e-mail is an attachment with a safe name")
    msg = email.message_from_bytes(eml, policy=email.policy.default)
    check("ada@example.org" in str(msg["To"]) and "sam@example.org" in str(msg["From"]),
          "To and From are the typed addresses (%s / %s)" % (msg["To"], msg["From"]))
    check(msg["Subject"] is not None and msg["Date"] is not None and msg["Message-ID"],
          "the message has Subject, Date and Message-ID")
    atts = {p.get_content_type(): p for p in msg.iter_attachments()}
    pdf = atts.get("application/pdf")
    pdf_bytes = pdf.get_content() if pdf else b""
    check(pdf_bytes.startswith(b"%PDF-"), "the e-mail carries a PDF attachment")
    path = os.path.join(WORK, "attached.pdf")
    with open(path, "wb") as f:
        f.write(pdf_bytes)
    qc = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    check(qc.returncode == 0, "the attached PDF passes qpdf --check")
    _, atext = pdf_text(pdf_bytes)
    check("Ada Planname" in atext and "Jan 2027" in atext,
          "the attached PDF has the client's name and the dated steps")
    cal_part = atts.get("text/calendar")
    check(cal_part is not None and uids(cal_part.get_content().encode()) == uids(ics),
          "the e-mail attaches the same calendar")
    body_text = msg.get_body(preferencelist=("plain",))
    check(body_text is not None and "Ada Planname" in body_text.get_content(),
          "the text body greets the client")

    # Bad values: a 422 page, the message beside the field, the server up.
    def refused(what, fields, field, words):
        st, h, body = s.post("/", dict(base, **fields))
        msg = field_error(body, field)
        check(st == 422 and h.get("content-type", "").startswith("text/html") and msg
              and words in msg and b'role="alert"' in body,
              "%s -> 422 with '%s' beside #%s (got %d: %s)" % (what, words, field, st, msg))
        check(('aria-describedby="%s-hint %s-error"' % (field, field)).encode() in body
              or ('aria-describedby="%s-error"' % field).encode() in body,
              "%s: the field points at its message" % what)
        check(s.alive(), "server answers after: " + what)
    # The default style has no contact address: the sender must be typed.
    st, _, body = s.post("/", dict(base, action="eml", email="ada@example.org"))
    check(st == 422 and b"fill in the adviser&#39;s e-mail address" in body,
          "an e-mail without a sender asks for the adviser's address (%d)" % st)
    refused("a start date of 30 February", {"start": "2027-02-30", "action": "pdf"},
            "start", "not a date")
    refused("a start date that is text", {"start": "next monday", "action": "preview"},
            "start", "YYYY-MM-DD")
    refused("a calendar without a start date", {"start": "", "action": "ics"},
            "start", "needs the plan")
    refused("a bad e-mail address", {"email": "ada at example", "action": "eml"},
            "email", "not an e-mail address")
    refused("two addresses", {"email": "a@example.org, b@example.org", "action": "eml"},
            "email", "not an e-mail address")
    refused("an e-mail without an address", {"action": "eml"}, "email", "needs the client")
    refused("a bad sender", {"email": "ada@example.org", "adviser_email": "@@",
                             "action": "eml"}, "adviser-email", "not an e-mail address")
    rc, log = s.stop()
    check(rc == 0, "server stops cleanly")
    check("Planname" not in log and "example.org" not in log,
          "the access log has no personal data")


def roles():
    s = Server("--jobs", "1", "--guides", os.path.join(SRC, "data", "guides"),
               "--roles", os.path.join(SRC, "data", "roles"))
    csrf = s.csrf()
    st, _, page = s.request("GET", "/")
    n_profiles = len([f for f in os.listdir(os.path.join(SRC, "data", "roles"))
                      if f.endswith(".yaml")])
    for sel in ("from_role", "to_role"):
        m = re.search(rb'<select id="%s" name="%s"[^>]*>(.*?)</select>' % (sel.encode(),
                                                                           sel.encode()), page)
        opts = re.findall(rb'<option value="([^"]+)"', m.group(1)) if m else []
        check(len(opts) == n_profiles, "%s lists every role profile (%d of %d)"
              % (sel, len(opts), n_profiles))
        check(('<label for="%s">' % sel).encode() in page, "%s has a label" % sel)
    check(b'<option value="nurse">Nurse</option>' in page, "roles are listed by title")
    base = {"csrf": csrf, "guide": "@roles", "from_role": "nurse", "to_role": "ux-designer",
            "prepared_for": "Rolf Pairname"}
    st, h, body = s.post("/", dict(base, action="pdf"))
    pages, text = pdf_text(body)
    check(st == 200 and h.get("content-type") == "application/pdf", "a role pair gives a PDF")
    check(h.get("content-disposition") == 'attachment; filename="nurse--ux-designer.pdf"',
          "the PDF is named after the pair")
    check(pages >= 3 and "Nurse" in text and "UX Designer" in text and "Rolf Pairname" in text,
          "the composed PDF names both roles and the client")
    # Without the radio (no script): the two lists alone choose the pair.
    st, h, body = s.post("/", {k: v for k, v in dict(base, action="pdf").items()
                               if k != "guide"})
    check(st == 200 and h.get("content-type") == "application/pdf",
          "the two lists choose the pair without the radio")
    st, _, body = s.post("/", dict(base, action="preview"))
    check(st == 200 and body.count(b"data:image/png;base64,") >= 3,
          "a role pair has a preview")
    # A pair's steps and checklist can be ticked like a guide file's: the
    # preview lists them, and an unticked step is left out of the PDF.
    keeps = re.findall(rb'name="keep" value="([0-9.]+)"', body)
    labels = re.findall(rb'name="keep" value="[0-9.]+" id="[^"]+" checked><label for="[^"]+">'
                        rb'([^<(]+)', body)
    check(len(keeps) >= 3 and len(labels) == len(keeps)
          and b'name="ticks_for" value="nurse--ux-designer"' in body,
          "a role pair's preview lists its ticks (%d)" % len(keeps))
    if keeps:
        dropped = labels[0].decode().strip()
        fields = dict(base, action="pdf", ticks_for="nurse--ux-designer")
        fields["keep"] = [k.decode() for k in keeps[1:]]
        _, _, pdf = s.post("/", fields)
        flat = " ".join(pdf_text(pdf)[1].split())
        check(dropped and dropped not in flat and "Rolf Pairname" in flat,
              "an unticked step of a pair is left out: %r" % dropped)
        check(dropped in " ".join(text.split()), "... and is there when ticked")
        # ticks sent for another pair are ignored: every step is kept
        fields = dict(base, action="pdf", to_role="data-analyst",
                      ticks_for="nurse--ux-designer", keep=[])
        st, _, pdf = s.post("/", fields)
        check(st == 200 and pdf_text(pdf)[0] >= 3, "ticks of another pair do not apply")
    st, h, eml = s.post("/", dict(base, action="eml", start="2027-03-01",
                                  email="rolf@example.org", adviser_email="sam@example.org"))
    check(st == 200 and h.get("content-type") == "message/rfc822" and b"Nurse" in eml,
          "a role pair gives an e-mail")
    for what, fields, words in (
            ("the same role twice", {"to_role": "nurse"}, "the same role"),
            ("an unknown role", {"to_role": "../../etc/passwd"}, "from the lists"),
            ("no to-role", {"to_role": ""}, "from the lists")):
        st, _, body = s.post("/", dict(base, action="pdf", **fields))
        msg = field_error(body, "roles")
        check(st == 422 and msg and words in msg,
              "%s -> 422 with '%s' (got %d: %s)" % (what, words, st, msg))
        check(s.alive(), "server answers after: " + what)
    rc, _ = s.stop()
    check(rc == 0, "server stops cleanly")


os.makedirs(WORK, exist_ok=True)
{"hostile": hostile, "token": token, "load": load, "batch": batch, "busy": busy, "plan": plan,
 "roles": roles}[MODE]()
if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("all checks passed")
