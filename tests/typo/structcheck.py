#!/usr/bin/env python3
"""Walks a PDF's structure tree and checks what tests/typo.cmake expects.

Usage: structcheck.py PDF LANG EXPECT_FILE

1. qpdf --json=1 --json-key=objects: the catalogue has /MarkInfo
   <</Marked true>>, /Lang LANG and a /StructTreeRoot whose only child is
   Document; every Table holds only TR, every TR only TH/TD, every L only
   LI, every LI only Lbl/LBody; every Link holds an OBJR to a Link
   annotation with a URI or destination.
2. pdfinfo -struct-text: each line of EXPECT_FILE, "PATH | text", must
   match an element: PATH is a chain of structure types ending at the
   element ("Table/TR/TH"), text a substring of its first text line.
3. Reading order: the H2 texts come in the same order as in pdftotext's
   output (structure order equals visual order).
"""
import json
import re
import subprocess
import sys


def objects(pdf):
    out = subprocess.run(["qpdf", "--json=1", "--json-key=objects", pdf], check=True,
                         capture_output=True).stdout
    return json.loads(out)["objects"]


def check_tree(objs, lang, errors):
    cat = next(v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")
    if cat.get("/MarkInfo", {}).get("/Marked") is not True:
        errors.append("catalogue has no /MarkInfo << /Marked true >>")
    if cat.get("/Lang") != lang:
        errors.append("catalogue /Lang is %r, expected %r" % (cat.get("/Lang"), lang))
    root = objs.get(cat.get("/StructTreeRoot", ""), {})

    def kids(o):
        k = o.get("/K", [])
        k = k if isinstance(k, list) else [k]
        return [x for x in k if isinstance(x, str) and x.endswith(" R")]

    def ref_kids(o):
        k = o.get("/K", [])
        return k if isinstance(k, list) else [k]

    top = [objs[k].get("/S") for k in kids(root)]
    if top != ["/Document"]:
        errors.append("structure root holds %s, expected one Document" % top)
    allowed = {"/Table": {"/TR"}, "/TR": {"/TH", "/TD"}, "/L": {"/LI"},
               "/LI": {"/Lbl", "/LBody"}}
    counts = {}
    for key, o in objs.items():
        if not isinstance(o, dict) or o.get("/Type") != "/StructElem":
            continue
        s = o.get("/S")
        counts[s] = counts.get(s, 0) + 1
        if s in allowed:
            bad = [objs[k].get("/S") for k in kids(o) if objs[k].get("/S") not in allowed[s]]
            if bad:
                errors.append("%s %s holds %s" % (s, key, bad))
        if s == "/Link":
            annots = [objs.get(x.get("/Obj"), {}) for x in ref_kids(o)
                      if isinstance(x, dict) and x.get("/Type") == "/OBJR"]
            if not any(a.get("/Subtype") == "/Link" and ("/A" in a or "/Dest" in a)
                       for a in annots):
                errors.append("Link %s has no link annotation" % key)
    print("structure elements:", " ".join("%s=%d" % (k[1:], v) for k, v in sorted(counts.items())))
    return counts


def struct_text(pdf):
    """(chain, first text) per element, from pdfinfo -struct-text."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], check=True,
                         capture_output=True).stdout.decode("utf-8")
    stack, elems = [], []
    for line in out.split("\n"):
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"'):
            # text belongs to the innermost element (first text only)
            for e in reversed(elems):
                if e[2] == depth - 1 and e[1] is None:
                    e[1] = body.strip('"')
                    break
            continue
        if body.startswith("/"):
            continue  # an attribute line ("/Scope /Column") under "TH:"
        name = body.split()[0].rstrip(":")
        del stack[depth:]
        stack.append(name)
        elems.append(["/".join(stack), None, depth])
    return [(c, t or "") for c, t, _ in elems]


def main():
    pdf, lang, expect = sys.argv[1], sys.argv[2], sys.argv[3]
    errors = []
    check_tree(objects(pdf), lang, errors)
    elems = struct_text(pdf)
    with open(expect, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            path, text = [x.strip() for x in line.split("|", 1)]
            if not any(c.endswith(path) and text in t for c, t in elems):
                errors.append("no %s element with text %r" % (path, text))
            else:
                print("found %s %r" % (path, text))
    # reading order: H2s in structure order appear in that order in the text
    # poppler cuts an element's text at a ligature (ﬁ): compare the part before
    h2 = [re.split("[\ufb00-\ufb06]", t)[0] for c, t in elems if c.endswith("/H2") and t]
    plain = " ".join(subprocess.run(["pdftotext", pdf, "-"], check=True,
                                    capture_output=True).stdout.decode("utf-8").split())
    pos, last = [], -1
    for t in h2:
        p = plain.find(" ".join(t.split()), last + 1)
        if p < 0 or p < last:
            errors.append("H2 %r is out of reading order" % t)
        last = max(last, p)
    print("%d H2 elements in reading order" % len(h2))
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
