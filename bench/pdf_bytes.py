#!/usr/bin/python3
"""Where the bytes of a PDF from guidepress's own writer go.

    /usr/bin/python3 bench/pdf_bytes.py FILE.pdf [--pages]

Prints one row per kind of object: how many objects, their bytes before
compression, and the bytes they take in the file. A stream written
directly in the file counts with everything from "N 0 obj" to "endobj".
An object inside an object stream gets a share of that object stream's
bytes in the file in proportion to its uncompressed size (the object
stream's own header, the "num offset" pairs, is shared the same way), so
the rows add up to the file size; the row "file overhead" is the rest
(the %PDF header, startxref, %%EOF).

Reads the file's own cross-reference stream (guidepress writes one, with
object streams); pikepdf (Debian's python3-pikepdf) tells what each
object is. With --pages, also the content streams page by page.
Figures only, no assertions: see bench/README.md.
"""
import re
import sys
import zlib
from collections import defaultdict

import pikepdf


def xref_entries(data):
    """{num: (type, a, b)} from the file's cross-reference stream."""
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not m:
        sys.exit("pdf_bytes: no startxref")
    off = int(m.group(1))
    h = re.match(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", data[off:], re.S)
    if not h or b"/XRef" not in h.group(2):
        sys.exit("pdf_bytes: the file has no cross-reference stream")
    d = h.group(2)
    length = int(re.search(rb"/Length (\d+)", d).group(1))
    w = [int(x) for x in re.search(rb"/W\s*\[([\d\s]+)\]", d).group(1).split()]
    size = int(re.search(rb"/Size (\d+)", d).group(1))
    idx = re.search(rb"/Index\s*\[([\d\s]+)\]", d)
    idx = [int(x) for x in idx.group(1).split()] if idx else [0, size]
    raw = data[off + h.end() : off + h.end() + length]
    rows = zlib.decompress(raw) if b"/FlateDecode" in d else raw
    out = {}
    pos = 0
    rw = sum(w)
    pred = re.search(rb"/Predictor (\d+)", d)
    if pred and int(pred.group(1)) >= 10:  # PNG predictors, row by row
        un, prev = bytearray(), bytearray(rw)
        for k in range(0, len(rows), rw + 1):
            f, r = rows[k], bytearray(rows[k + 1 : k + 1 + rw])
            if f == 2:
                r = bytearray((a + b) & 255 for a, b in zip(r, prev))
            elif f != 0:
                sys.exit("pdf_bytes: PNG filter %d in the xref stream is not supported" % f)
            un += r
            prev = r
        rows = bytes(un)

    def field(r, i):
        s = sum(w[:i])
        v = 0
        for c in r[s : s + w[i]]:
            v = v * 256 + c
        return v

    for k in range(0, len(idx), 2):
        for num in range(idx[k], idx[k] + idx[k + 1]):
            r = rows[pos : pos + rw]
            pos += rw
            t = field(r, 0) if w[0] else 1
            out[num] = (t, field(r, 1), field(r, 2))
    return out, int(h.group(1)), len(rows)


def vals(d):
    """The values of a pikepdf dictionary (none for None)."""
    return [] if d is None else [d[k] for k in d.keys()]


def direct_size(data, off):
    """Bytes of the object at off, up to and including its endobj line."""
    end = data.find(b"endobj", off)
    nl = data.find(b"\n", end)
    return (nl + 1 if nl >= 0 else end + 6) - off


class Kinds:
    def __init__(self, pdf):
        self.pdf = pdf
        self.kind = {}
        self.page_of = {}
        root = pdf.Root
        self.mark(root, "catalogue, pages, resources")
        for i, page in enumerate(pdf.pages):
            po = page.obj
            self.mark(po, "catalogue, pages, resources")
            if "/Parent" in po:
                self.mark(po.Parent, "catalogue, pages, resources")
            c = po.get("/Contents")
            streams = list(c) if isinstance(c, pikepdf.Array) else [c] if c is not None else []
            for s in streams:
                head = s.read_bytes()[:60]
                k = "content: header/footer" if b"/Pagination" in head else "content: page body"
                self.mark(s, k)
                self.page_of[s.objgen[0]] = i + 1
            res = po.get("/Resources")
            if res is not None:
                self.mark(res, "catalogue, pages, resources")
                for f in vals(res.get("/Font")):
                    self.font(f)
                for x in vals(res.get("/XObject")):
                    self.mark(x, "images, forms")
                    smask = x.get("/SMask")
                    if smask is not None:
                        self.mark(smask, "images, forms")
            for a in po.get("/Annots") or []:
                self.mark(a, "annotations")
                ap = a.get("/AP")
                if ap is not None:
                    self.mark(ap, "annotations")
                    for v in vals(ap):
                        if isinstance(v, pikepdf.Dictionary) and not isinstance(v, pikepdf.Stream):
                            for s in vals(v):
                                self.mark(s, "annotations")
                        else:
                            self.mark(v, "annotations")
        st = root.get("/StructTreeRoot")
        if st is not None:
            self.mark(st, "structure tree: root, role map")
            pt = st.get("/ParentTree")
            if pt is not None:
                self.tree(pt, "structure tree: ParentTree")
            self.struct(st.get("/K"))
        ol = root.get("/Outlines")
        if ol is not None:
            self.outline(ol)
        names = root.get("/Names")
        if names is not None:
            self.mark(names, "named destinations")
            dests = names.get("/Dests")
            if dests is not None:
                self.tree(dests, "named destinations")
        if root.get("/Dests") is not None:
            self.mark(root.Dests, "named destinations")
        if root.get("/Metadata") is not None:
            self.mark(root.Metadata, "XMP metadata")
        for oi in root.get("/OutputIntents") or []:
            self.mark(oi, "OutputIntent, ICC profile")
            if oi.get("/DestOutputProfile") is not None:
                self.mark(oi.DestOutputProfile, "OutputIntent, ICC profile")
        for key in ("/ViewerPreferences", "/MarkInfo", "/AcroForm"):
            if root.get(key) is not None:
                self.mark(root[key], "catalogue, pages, resources")
        if pdf.trailer.get("/Info") is not None:
            self.mark(pdf.trailer.Info, "Info dictionary")

    def mark(self, o, kind):
        if isinstance(o, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)) and o.is_indirect:
            n = o.objgen[0]
            if n not in self.kind:
                self.kind[n] = kind
                return True
        return False

    def font(self, f):
        self.mark(f, "font dictionaries, widths")
        tu = f.get("/ToUnicode")
        if tu is not None:
            self.mark(tu, "font: ToUnicode CMaps")
        enc = f.get("/Encoding")
        if isinstance(enc, pikepdf.Stream):
            self.mark(enc, "font: embedded CMaps")
        for d in f.get("/DescendantFonts") or []:
            self.mark(d, "font dictionaries, widths")
            if isinstance(d.get("/W"), pikepdf.Array):
                self.mark(d.W, "font dictionaries, widths")
            c2g = d.get("/CIDToGIDMap")
            if isinstance(c2g, pikepdf.Stream):
                self.mark(c2g, "font: CIDToGIDMap, CIDSet")
            fd = d.get("/FontDescriptor")
            if fd is not None:
                self.fontdesc(fd)
        if f.get("/FontDescriptor") is not None:
            self.fontdesc(f.FontDescriptor)

    def fontdesc(self, fd):
        self.mark(fd, "font dictionaries, widths")
        for k in ("/FontFile", "/FontFile2", "/FontFile3"):
            if fd.get(k) is not None:
                self.mark(fd[k], "font programs")
        if fd.get("/CIDSet") is not None:
            self.mark(fd.CIDSet, "font: CIDToGIDMap, CIDSet")

    def tree(self, node, kind):
        if not self.mark(node, kind):
            return
        for k in node.get("/Kids") or []:
            self.tree(k, kind)
        nums = node.get("/Nums") or node.get("/Names") or []
        for i in range(1, len(nums), 2):
            v = nums[i]
            if isinstance(v, pikepdf.Array):
                self.mark(v, kind)

    def struct(self, k):
        todo = [k]
        while todo:
            k = todo.pop()
            if k is None:
                continue
            if isinstance(k, pikepdf.Array):
                self.mark(k, "structure tree: elements")
                todo.extend(k)
            elif isinstance(k, pikepdf.Dictionary):
                if k.get("/Type") in ("/MCR", "/OBJR"):
                    self.mark(k, "structure tree: elements")
                    continue
                if "/S" not in k:
                    continue
                if not self.mark(k, "structure tree: elements") and k.is_indirect:
                    continue
                todo.append(k.get("/K"))

    def outline(self, ol):
        todo = [ol]
        while todo:
            o = todo.pop()
            if o is None or not self.mark(o, "outline (bookmarks)"):
                continue
            todo.append(o.get("/First"))
            todo.append(o.get("/Next"))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit("usage: pdf_bytes.py FILE.pdf [--pages]")
    path = args[0]
    data = open(path, "rb").read()
    entries, xref_num, xref_raw = xref_entries(data)
    pdf = pikepdf.open(path)
    kinds = Kinds(pdf)
    kinds.kind[xref_num] = "cross-reference stream"

    raw = defaultdict(int)  # uncompressed bytes by kind
    filed = defaultdict(float)  # bytes in the file by kind
    count = defaultdict(int)
    page_body = defaultdict(lambda: [0, 0])
    page_hf = defaultdict(lambda: [0, 0])

    def kind_of(n):
        return kinds.kind.get(n, "other")

    members = defaultdict(list)  # object stream -> [(num, index)]
    for n, (t, a, b) in entries.items():
        if t == 2:
            members[a].append((n, b))

    for n, (t, a, b) in sorted(entries.items()):
        if t != 1:
            continue
        size = direct_size(data, a)
        if n in members and n != xref_num:
            stm = pdf.get_object((n, 0))
            body = stm.read_bytes()
            first = int(stm.First)
            head = [int(x) for x in body[:first].split()]
            offs = sorted((head[i + 1], head[i]) for i in range(0, len(head), 2))
            total = len(body)
            for i, (o, num) in enumerate(offs):
                end = offs[i + 1][0] if i + 1 < len(offs) else total - first
                u = end - o
                # the header pair and the stream's wrapping, shared in proportion
                share = size * (u + (first / len(offs))) / total
                k = kind_of(num)
                raw[k] += u
                filed[k] += share
                count[k] += 1
            continue
        k = kind_of(n)
        count[k] += 1
        filed[k] += size
        if n == xref_num:
            raw[k] += xref_raw
        else:
            o = pdf.get_object((n, 0))
            raw[k] += len(o.read_bytes()) if isinstance(o, pikepdf.Stream) else size
        if n in kinds.page_of:
            pg = kinds.page_of[n]
            tgt = page_hf if k == "content: header/footer" else page_body
            tgt[pg][0] += raw_len(pdf, n)
            tgt[pg][1] += size

    listed = sum(filed.values())
    over = len(data) - listed
    rows = sorted(filed.items(), key=lambda kv: -kv[1])
    print(f"{path}: {len(data):,} bytes, {len(pdf.pages)} pages, {len(entries) - 1} objects")
    print(f"{'kind':34} {'objects':>7} {'uncompressed':>12} {'in file':>9} {'share':>6}")
    for k, v in rows:
        print(f"{k:34} {count[k]:7} {raw[k]:12,} {round(v):9,} {100 * v / len(data):5.1f}%")
    print(f"{'file overhead':34} {'':7} {'':12} {round(over):9,} {100 * over / len(data):5.1f}%")
    print(f"{'total':34} {sum(count.values()):7} {'':12} {len(data):9,}")
    if "--pages" in sys.argv:
        print()
        print(f"{'page':>4} {'body raw':>9} {'body file':>9} {'hdr/ftr raw':>11} {'hdr/ftr file':>12}")
        for pg in sorted(set(page_body) | set(page_hf)):
            b, h = page_body[pg], page_hf[pg]
            print(f"{pg:4} {b[0]:9,} {b[1]:9,} {h[0]:11,} {h[1]:12,}")


def raw_len(pdf, n):
    return len(pdf.get_object((n, 0)).read_bytes())


if __name__ == "__main__":
    main()
