#!/usr/bin/env python3
"""tests/i18n/render_i18n.py GUIDEPRESS SRC OUTDIR CASE - renders guides and
checks what reaches the page in the guide's language (issue 17):

  rtl       the Urdu and Arabic guides: word order from pdftotext -bbox
            positions (right-to-left lines, an English run inside Urdu, the
            first number of a range rightmost, the chart axis and the table
            columns running right to left)
  words     catalogue words, plural forms and dates (Polish, Urdu, Welsh)
  labels    a guide's and a style's `labels:` override catalogue words
  digits    `digits: native` sets layout-written numbers in Arabic-Indic
  unknown   `lang: xx` renders in English with one warning naming `lang`
  elemlang  English label words in a document of another language (no
            catalogue, or a catalogue lacking the message) are elements of
            their own with /Lang en-GB; translated and `labels:` words are not
"""
import json
import os
import re
import shutil
import subprocess
import sys

exe, src, out, case = sys.argv[1:5]
os.makedirs(out, exist_ok=True)
I18N = os.path.join(src, "data/guides-i18n")
UR = os.path.join(I18N, "ur-nurse-se-data-analyst.yaml")
AR = os.path.join(I18N, "ar-mohasib-ila-mohallil-bayanat.yaml")
PL = os.path.join(I18N, "pl-nauczyciel-tester-oprogramowania.yaml")
CY = os.path.join(I18N, "cy-athro-i-ddylunydd-cyfarwyddiadol.yaml")
failed = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failed.append(what)


def render(guide, name, *args):
    pdf = os.path.join(out, name + ".pdf")
    p = subprocess.run([exe, "render", guide, "-o", pdf, *args], capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr)
        sys.exit(f"FAIL render {name}: exit {p.returncode}")
    return pdf, p.stderr


def text(pdf, page=None):
    a = ["pdftotext", "-enc", "UTF-8"]
    if page:
        a += ["-f", str(page), "-l", str(page)]
    t = subprocess.run(a + [pdf, "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", t)


def squash(t):
    """Without white space: pdftotext moves spaces around numbers in RTL
    lines and splits letter-spaced capitals."""
    return re.sub(r"\s+", "", t)


def words(pdf, page):
    """(x_min, y_min, logical text) per word; pdftotext gives the glyphs of
    an Arabic-script word in visual order, so those are reversed back."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    res = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html):
        w = m.group(3)
        if re.search("[\u0600-\u06ff]", w):
            w = w[::-1]
        res.append((float(m.group(1)), float(m.group(2)), w))
    return res


def x_of(ws, word, near_y=None, part=False):
    for x, y, w in ws:
        if (word in w if part else w == word) and (near_y is None or abs(y - near_y) < 4):
            return x, y
    return None, None


if case == "rtl":
    pdf, _ = render(UR, "ur")
    ws = words(pdf, 1)
    title = "نرس سے ڈیٹا تجزیہ کار تک".split()
    x0, y0 = x_of(ws, title[0])
    line = sorted([t for t in ws if y0 is not None and abs(t[1] - y0) < 4], key=lambda t: -t[0])
    check([w for _, _, w in line] == title,
          "ur: the default title (catalogue connective) reads right to left: %s"
          % " ".join(w for _, _, w in line))
    ws3 = words(pdf, 3)
    xb, yb = x_of(ws3, "Band")
    x5, _ = x_of(ws3, "5", yb)
    xk, _ = x_of(ws3, "کی", yb)
    check(xb is not None and x5 is not None and xk is not None and xk < xb < x5,
          "ur: the English run 'Band 5' keeps its own order at the start (right) of an Urdu line")
    xa, ya = x_of(ws3, "55,000", part=True)
    xz, _ = x_of(ws3, "75,000", ya, part=True)
    check(xa is not None and xz is not None and xa > xz,
          "ur: '£55,000 سے £75,000': the first amount stands to the right of the second")
    t = squash(text(pdf, 1))
    check("دورانیہ" in t and "مراحل" in t and "صفحہ1از3" in t,
          "ur: stats labels and footer come from po/ur.po")

    pdf, _ = render(AR, "ar")
    ws = words(pdf, 3)
    xa, ya = x_of(ws, "محاسب")
    xb, _ = x_of(ws, "بيانات", ya)
    check(xa is not None and xb is not None and xa > xb,
          "ar: the salary table's first role column is right of the second")
    x1, y1 = x_of(ws, "28000", part=True)
    x2, _ = x_of(ws, "35000", y1, part=True)
    check(x1 is not None and x2 is not None and x1 > x2,
          "ar: in a range cell the minimum stands right of the maximum")
    zero = [t for t in ws if t[2] == "0"]
    top = [t for t in ws if t[2] == "125"]
    check(bool(zero) and bool(top) and zero[0][0] > top[0][0],
          "ar: the chart axis runs from 0 at the right to 125 thousand at the left")

elif case == "words":
    pdf, _ = render(PL, "pl", "--set", "date=2026-11-24", "--set", "prepared_for=Anna")
    t = squash(text(pdf))
    for w, why in [("Nauczyciel – Tester", "title connective"),
                   ("KROKÓW", "5 steps: Polish genitive plural (ngettext, 3 forms)"),
                   ("UMIEJĘTNOŚCI PRZENOŚNE", "3 skills: Polish few form"),
                   ("24 listopada 2026", "genitive month name from glibc's pl_PL"),
                   ("Strona 1 z 3", "footer template"),
                   ("Przygotowano dla: Anna", "personalisation line"),
                   ("JAKO NAUCZYCIEL", "card label"),
                   ("31650£–35000£", "pl_PL grouping and the symbol after the amount")]:
        check(squash(w) in t, f"pl: {why}: {w!r}")
    check("31\u202f650" in text(pdf).replace(" ", "\u202f") or "31 650" in text(pdf),
          "pl: thousands grouped")
    pdf, _ = render(CY, "cy", "--set", "date=2026-11-24")
    t = squash(text(pdf))
    check("24Tachwedd2026" in t, "cy: Welsh month name in the cover date")
    check("Tudalen1o4" in t, "cy: footer in Welsh")
    # Welsh plurals: a guide with two steps and derived stats
    g = open(CY, encoding="utf-8").read()
    g = re.sub(r"stats:\n(  - .*\n)+", "", g)
    two = os.path.join(out, "cy-two.yaml")
    open(two, "w", encoding="utf-8").write(g)
    pdf, _ = render(two, "cy-two")
    t = squash(text(pdf, 1))
    check("CAMAU" in t or "CHAM" in t or "GAM" in t, "cy: derived steps label in Welsh")
    check("SGILIAUTROSGLWYDDADWY" in t or "SGILTROSGLWYDDADWY" in t,
          "cy: derived skills label in Welsh")

elif case == "labels":
    style = os.path.join(out, "brand.yaml")
    open(style, "w", encoding="utf-8").write(
        'style: 1\nextends: default\nlabels:\n  "Transfers directly": "Carries straight over"\n'
        '  "Page {page} of {pages}": "p. {page}/{pages}"\n')
    g = open(os.path.join(src, "data/guides/data-engineer-to-backend-developer.yaml"),
             encoding="utf-8").read()
    g += '\nlabels:\n  "Page {page} of {pages}": "Sheet {page} of {pages}"\n'
    gp = os.path.join(out, "labelled.yaml")
    open(gp, "w", encoding="utf-8").write(g)
    pdf, _ = render(gp, "labelled", "-s", style)
    t = text(pdf)
    t = squash(t)
    check("CARRIESSTRAIGHTOVER" in t and "TRANSFERSDIRECTLY" not in t,
          "the style's labels: replaces a catalogue label")
    check("Sheet1of" in t and "p.1/" not in t, "the guide's labels: win over the style's")
    bad = gp.replace(".yaml", "-bad.yaml")
    open(bad, "w", encoding="utf-8").write(g.replace('"Page {page} of {pages}": "Sheet',
                                                      '"Page {page} of {pagez}": "Sheet'))
    p = subprocess.run([exe, "render", bad, "-o", os.path.join(out, "bad.pdf")],
                       capture_output=True, text=True)
    check(p.returncode == 1 and re.search(r"labelled-bad\.yaml:\d+:\d+: error: unknown label "
                                          r"`Page \{page\} of \{pagez\}`; did you mean "
                                          r"`Page \{page\} of \{pages\}`", p.stderr) is not None,
          "an unknown label id is an error at its line with the nearest id")
    check(not os.path.exists(os.path.join(out, "bad.pdf")), "no PDF from a bad label")

elif case == "digits":
    style = os.path.join(out, "native.yaml")
    open(style, "w", encoding="utf-8").write("style: 1\nextends: default\ndigits: native\n")
    pdf, _ = render(AR, "ar-native", "-s", style, "--set", "date=2026-11-24")
    t = squash(text(pdf))
    check("٢٨٠٠٠" in t, "ar: salaries in Arabic-Indic digits")
    check("٢٤نوفمبر٢٠٢٦" in t, "ar: the cover date in Arabic-Indic digits")
    check("صفحة١من٣" in t, "ar: page numbers in Arabic-Indic digits")

elif case == "unknown":
    g = open(os.path.join(src, "data/guides/data-engineer-to-backend-developer.yaml"),
             encoding="utf-8").read()
    g = re.sub(r"(?m)^lang:.*\n", "", g).replace("guide: 1\n", "guide: 1\nlang: xx\n", 1)
    gp = os.path.join(out, "xx.yaml")
    open(gp, "w", encoding="utf-8").write(g)
    pdf, err = render(gp, "xx")
    line = g.splitlines().index("lang: xx") + 1
    warns = [l for l in err.splitlines() if "warning:" in l and "lang" in l]
    check(len(warns) == 1 and re.search(r"xx\.yaml:%d:7: warning: `lang: xx`: no catalogue" % line,
                                        warns[0]) is not None,
          "lang: xx: exactly one warning, at the lang field: %r" % warns)
    t = squash(text(pdf))
    check("TRANSFERSDIRECTLY" in t and "Page1of" in t, "lang: xx: English words")
elif case == "elemlang":
    # PDF/UA: /Lang on any element whose language differs from the
    # document's. The words the layout adds fall back to English where the
    # language has no catalogue, or its catalogue lacks the message.
    import pikepdf

    ref = open(os.path.join(src, "data/guides/data-engineer-to-backend-developer.yaml"),
               encoding="utf-8").read()
    ref = re.sub(r"(?m)^lang:.*\n", "", ref)

    def guide(name, lang, extra=""):
        gp = os.path.join(out, name + ".yaml")
        open(gp, "w", encoding="utf-8").write(
            ref.replace("guide: 1\n", "guide: 1\nlang: %s\n%s" % (lang, extra), 1))
        return gp

    def tagged(name, gp, env=None):
        """The P elements with their own /Lang in the PDF, and the texts the
        display list puts inside `tag P lang=...` (so what they hold)."""
        pdf = os.path.join(out, name + ".pdf")
        dump = os.path.join(out, name + ".txt")
        p = subprocess.run([exe, "render", gp, "-o", pdf, "--dump-display", dump],
                           capture_output=True, text=True, env=dict(os.environ, **(env or {})))
        if p.returncode != 0:
            sys.exit(f"FAIL render {name}: {p.stderr}")
        langs = {}
        with pikepdf.open(pdf) as doc:
            check(str(doc.Root.get("/Lang")) == gp_lang[name],
                  f"{name}: catalogue /Lang {doc.Root.get('/Lang')}")
            todo = [doc.Root.StructTreeRoot.K]
            while todo:
                e = todo.pop()
                if isinstance(e, pikepdf.Array):
                    todo.extend(e)
                    continue
                if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
                    continue
                if "/Lang" in e and str(e.S) != "/Document":
                    key = (str(e.S), str(e.Lang))
                    langs[key] = langs.get(key, 0) + 1
                if "/K" in e:
                    todo.append(e.K)
        held, cur = {}, None
        for line in open(dump, encoding="utf-8"):
            line = line.strip()
            m = re.match(r"tag (\w+) lang=(\S+)", line)
            if m:
                cur = m.group(2)
            elif line.startswith("end ") and cur:
                cur = None
            elif cur and line.startswith("text "):
                t = re.search(r'"(.*)"$', line).group(1)
                held[t] = cur
        return langs, held

    gp_lang = {"fr": "fr-FR", "cy": "cy", "fr-labels": "fr-FR", "cy-partial": "cy", "en": "en-US"}
    # no catalogue for French: every card label, the pill and the labels of
    # the stats the loader derives (the guide without `stats:`) are English
    nostats = re.sub(r"(?m)^stats:\n(  - .*\n)+", "", ref)
    check(nostats != ref, "the reference guide has a stats block to leave out")
    gp = os.path.join(out, "fr.yaml")
    open(gp, "w", encoding="utf-8").write(
        nostats.replace("guide: 1\n", "guide: 1\nlang: fr-FR\n", 1))
    langs, held = tagged("fr", gp)
    want = {"WHY IT MATTERS", "HOW TO BUILD IT", "TRANSFERS DIRECTLY", "STEPS", "TIMELINE",
            "TRANSFERABLE SKILLS"}
    check(set(held) == want and set(held.values()) == {"en-GB"},
          "fr: the English labels are marked en-GB in the display list: %r" % held)
    n_dump = sum(1 for l in open(os.path.join(out, "fr.txt"), encoding="utf-8")
                 if re.match(r"\s*tag P lang=en-GB", l))
    check(langs == {("/P", "en-GB"): n_dump} and n_dump >= 3,
          "fr: the PDF has one /P /Lang (en-GB) element per marked label (%d): %r"
          % (n_dump, langs))
    # a guide's own words for a label are in its language: no /Lang
    langs, held = tagged("fr-labels", guide("fr-labels", "fr-FR", "labels:\n"
                         "  Why it matters: \"Pourquoi c'est important\"\n"))
    check("WHY IT MATTERS" not in held and "POURQUOI C’EST IMPORTANT" not in held
          and "HOW TO BUILD IT" in held,
          "fr + labels: the guide's own label is not marked, the others are: %r" % held)
    # Welsh has a complete catalogue: nothing is marked
    langs, held = tagged("cy", guide("cy", "cy"))
    check(langs == {} and held == {}, "cy: no element of another language: %r %r" % (langs, held))
    # English guide: nothing is marked
    langs, held = tagged("en", guide("en", "en-US"))
    check(langs == {} and held == {}, "en-US: no element of another language: %r" % langs)
    # a Welsh catalogue that lacks "Why it matters": only that label is English
    loc = os.path.join(out, "locale", "cy", "LC_MESSAGES")
    os.makedirs(loc, exist_ok=True)
    po = open(os.path.join(src, "po/cy.po"), encoding="utf-8").read()
    po = re.sub(r'msgid "Why it matters"\nmsgstr "[^"]*"', 'msgid "Why it matters"\nmsgstr ""', po)
    open(os.path.join(out, "cy-partial.po"), "w", encoding="utf-8").write(po)
    subprocess.run(["msgfmt", "-o", os.path.join(loc, "guidepress.mo"),
                    os.path.join(out, "cy-partial.po")], check=True)
    langs, held = tagged("cy-partial", guide("cy-partial", "cy"),
                         {"GUIDEPRESS_LOCALEDIR": os.path.join(out, "locale")})
    check(set(held) == {"WHY IT MATTERS"} and langs.get(("/P", "en-GB"), 0) >= 1
          and set(langs) == {("/P", "en-GB")},
          "cy without one message: only that label is marked en-GB: %r %r" % (held, langs))
    p = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests/pdfcheck/pdfcheck.py"), "--ua",
                        os.path.join(out, "fr.pdf")], capture_output=True, text=True)
    check(p.returncode == 0, "fr: PDF/UA checker clean: %s" % p.stdout[-300:])
elif case == "cli":
    # The CLI's own words in the user's language ($LANGUAGE, else
    # $LC_ALL/$LC_MESSAGES/$LANG); file:line:col and JSON stay as they are.
    def gp(env_add, *args):
        env = {k: v for k, v in os.environ.items()
               if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
        env.update(env_add)
        return subprocess.run([exe, *args], capture_output=True, text=True, env=env)
    bad = os.path.join(src, "tests/typo/uncovered.yaml")
    pdf = os.path.join(out, "bad.pdf")
    p = gp({"LANGUAGE": "cy"}, "render", bad, "-o", pdf)
    check(p.returncode == 1 and not os.path.exists(pdf), "cy: failing render exits 1, no file")
    check(re.search(r"(?m)^.*uncovered\.yaml:13:11: gwall: no font covers the Han script", p.stderr)
          is not None, "cy: render error line is 'file:13:11: gwall: ...': %r" % p.stderr[:300])
    check("\n  awgrym: add a font" in p.stderr, "cy: hint line is '  awgrym: ...'")
    check("error:" not in p.stderr and "hint:" not in p.stderr, "cy: no English fixed words")
    p = gp({"LANGUAGE": "cy"}, "render", "--bogus", bad)
    check(p.returncode == 2 and "guidepress render: opsiwn anhysbys '--bogus'" in p.stderr
          and "rhedwch 'guidepress help' i weld sut i'w ddefnyddio" in p.stderr,
          "cy: usage error in Welsh: %r" % p.stderr)
    p = gp({"LANGUAGE": "cy"}, "check", "--layout", bad)
    check(p.returncode == 1 and "uncovered.yaml:16:11: gwall: no font covers the Devanagari"
          in p.stderr, "cy: check --layout reports the coverage error in Welsh")
    # Polish plural forms: 1, 2-4, 5+ pages
    p = gp({"LANGUAGE": "pl"}, "check", "--layout", PL)
    n = re.search(r"\((\d+) (strona|strony|stron)\)", p.stdout)
    want = None
    if n:
        k = int(n.group(1))
        want = "strona" if k == 1 else ("strony" if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14
                                         else "stron")
    check(n is not None and n.group(2) == want and "układ poprawny" in p.stdout,
          "pl: check --layout in Polish with the plural form: %r" % p.stdout)
    # $LANG alone (no $LANGUAGE): Urdu; a C locale: English
    p = gp({"LANG": "ur_PK.UTF-8"}, "rendr")
    check("guidepress: نامعلوم کمانڈ 'rendr'؛ کیا آپ کا مطلب 'render' تھا؟" in p.stderr,
          "ur: unknown command from $LANG: %r" % p.stderr[:200])
    p = gp({"LANG": "C.UTF-8"}, "render", bad, "-o", pdf)
    check("uncovered.yaml:13:11: error: no font covers" in p.stderr and "  hint: " in p.stderr,
          "C locale: English")
    p = gp({"LANGUAGE": "xx:pl", "LANG": "C"}, "render", bad, "-o", pdf)
    check("uncovered.yaml:13:11: błąd: " in p.stderr, "LANGUAGE list: the first known language")
    # batch: the human lines in Arabic, the JSON report untranslated
    d = os.path.join(out, "in")
    os.makedirs(d, exist_ok=True)
    shutil.copy(bad, os.path.join(d, "bad.yaml"))
    rep = os.path.join(out, "report.json")
    p = gp({"LANGUAGE": "ar"}, "batch", d, "-o", os.path.join(out, "o"), "--report", rep)
    check(p.returncode == 1 and re.search(r"bad\.yaml:13:11: خطأ: no font covers", p.stderr)
          is not None and "عدد المستندات: 1، سليمة: 0، فاشلة: 1" in p.stderr,
          "ar: batch error and summary lines in Arabic: %r" % p.stderr[-400:])
    r = json.load(open(rep, encoding="utf-8"))
    docs = r.get("documents", [])
    check(len(docs) == 1 and docs[0].get("status") == "failed"
          and docs[0].get("error", {}).get("message", "").startswith("no font covers the Han"),
          "ar: JSON report keys and values untranslated: %r" % docs)
else:
    sys.exit(f"unknown case {case}")

if failed:
    sys.exit(f"{len(failed)} check(s) failed")
print(f"i18n {case}: ok")
