#!/usr/bin/env python3
"""Self-tests of pdfcheck.py: one small synthetic PDF that meets every
condition the checker covers (PDF/UA-1 and PDF/A-2 at once), proven clean,
and for each condition a copy of it with exactly that defect, proven to be
reported under the expected condition id. So no check can pass vacuously.

usage: test_pdfcheck.py SOURCE_DIR WORK_DIR [NAME-FILTER]
"""
import io
import os
import re
import subprocess
import sys

import pikepdf
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, String

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pdfcheck  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..")
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/pdfcheck-selftest"
ONLY = sys.argv[3] if len(sys.argv) > 3 else None
FONT = os.path.join(SRC, "fonts", "NotoSans-Regular.ttf")
ICC = "/usr/share/color/icc/sRGB.icc"  # icc-profiles-free

TITLE = "Checker test document"
XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">@TITLE@</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>2026-11-25T00:00:00Z</xmp:CreateDate>
   <xmp:CreatorTool>pdfcheck self-test</xmp:CreatorTool>
   <pdf:Producer>pikepdf</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>PDF/UA part</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

# Character codes (= CIDs = glyph ids, Identity) shown on the page, and the
# text the ToUnicode map gives them.
CODES = {0x24: "A", 0x25: "B", 0x26: "C", 0x27: "D", 0x28: "E", 0x29: "F",
         0x2A: "G", 0x2B: "H", 0x2C: "I", 0x2D: "J"}


def tounicode(codes):
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
             "%d beginbfchar" % len(codes)]
    for c, t in sorted(codes.items()):
        lines.append("<%04X> <%s>" % (c, t.encode("utf-16-be").hex().upper()))
    lines += ["endbfchar", "endcmap",
              "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode()


def font_widths(data, gids):
    """The /W array for these glyph ids (= CIDs), from the font's hmtx."""
    tt = TTFont(io.BytesIO(data))
    order, hmtx, upm = tt.getGlyphOrder(), tt["hmtx"].metrics, tt["head"].unitsPerEm
    w = []
    for g in gids:
        w += [g, Array([round(hmtx[order[g]][0] * 1000.0 / upm)])]
    return w


def show(*codes):
    return "<" + "".join("%04X" % c for c in codes) + ">"


def content(extra_before="", extra_after="", fig="/Figure <</MCID 2>> BDC"):
    return f"""{extra_before}
/Artifact <</Type /Pagination /Subtype /Header>> BDC
0.9 0.9 0.9 rg 36 800 523 20 re f
EMC
/H1 <</MCID 0>> BDC BT /F1 20 Tf 72 740 Td {show(0x24, 0x25)} Tj ET EMC
/P <</MCID 1>> BDC BT /F1 10 Tf 72 710 Td [{show(0x26)} -20 {show(0x27)}] TJ ET EMC
{fig} q 40 0 0 40 72 640 cm /Im1 Do Q EMC
/H2 <</MCID 3>> BDC BT /F1 14 Tf 72 610 Td {show(0x28)} Tj ET EMC
/Lbl <</MCID 4>> BDC BT /F1 10 Tf 72 590 Td {show(0x29)} Tj ET EMC
/LBody <</MCID 5>> BDC BT /F1 10 Tf 90 590 Td {show(0x2A)} Tj ET EMC
/TH <</MCID 6>> BDC BT /F1 10 Tf 72 560 Td {show(0x2B)} Tj ET EMC
/TD <</MCID 7>> BDC BT /F1 10 Tf 72 545 Td {show(0x2C)} Tj ET EMC
/Link <</MCID 8>> BDC BT /F1 10 Tf 72 520 Td {show(0x2D)} Tj ET EMC
/Artifact BMC 0 0 0 RG 0.5 w 72 500 m 300 500 l S EMC
{extra_after}
"""


class Doc:
    """The good document; mutations edit its named parts before save()."""

    def __init__(self):
        pdf = self.pdf = pikepdf.Pdf.new()
        pdf.add_blank_page(page_size=(595, 842))
        page = self.page = pdf.pages[0].obj
        ind = pdf.make_indirect
        font_data = open(FONT, "rb").read()
        self.fontfile = pikepdf.Stream(pdf, font_data)
        self.fontfile.Length1 = len(font_data)
        self.fd = ind(Dictionary(Type=Name.FontDescriptor, FontName=Name("/NotoSans-Regular"),
                                 Flags=32, FontBBox=[-621, -389, 2800, 1067], ItalicAngle=0,
                                 Ascent=1069, Descent=-293, CapHeight=714, StemV=80,
                                 FontFile2=self.fontfile))
        self.cidfont = ind(Dictionary(
            Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/NotoSans-Regular"),
            CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"),
                                     Supplement=0),
            FontDescriptor=self.fd, DW=1000, CIDToGIDMap=Name.Identity,
            W=Array(font_widths(font_data, sorted(CODES)))))
        self.tu = pikepdf.Stream(pdf, tounicode(CODES))
        self.font = ind(Dictionary(Type=Name.Font, Subtype=Name.Type0,
                                   BaseFont=Name("/NotoSans-Regular"),
                                   Encoding=Name("/Identity-H"),
                                   DescendantFonts=[self.cidfont], ToUnicode=self.tu))
        self.image = pikepdf.Stream(pdf, bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]))
        self.image.Type = Name.XObject
        self.image.Subtype = Name.Image
        self.image.Width = 2
        self.image.Height = 2
        self.image.ColorSpace = Name.DeviceRGB
        self.image.BitsPerComponent = 8
        self.resources = Dictionary(Font=Dictionary(F1=self.font),
                                    XObject=Dictionary(Im1=self.image))
        page.Resources = self.resources
        self.content_extra_before = ""
        self.content_extra_after = ""
        self.figure_bdc = "/Figure <</MCID 2>> BDC"
        page.StructParents = 0
        page.Tabs = Name.S
        self.annot = ind(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=[72, 515, 120, 530], F=4,
            Border=[0, 0, 0], Contents=String("Example link"), StructParent=1,
            A=Dictionary(S=Name.URI, URI=String("https://example.com/"))))
        page.Annots = Array([self.annot])
        # Structure tree
        self.st_root = ind(Dictionary(Type=Name.StructTreeRoot))
        self.doc = self.elem("Document", self.st_root)

        def leaf(t, parent, mcid, **kw):
            e = self.elem(t, parent, **kw)
            e.K = mcid
            return e
        self.h1 = leaf("H1", self.doc, 0)
        self.p = leaf("P", self.doc, 1)
        self.fig = leaf("Figure", self.doc, 2, Alt=String("Three coloured squares"),
                        A=Dictionary(O=Name.Layout, BBox=[72, 640, 112, 680]))
        self.h2 = leaf("H2", self.doc, 3)
        self.l = self.elem("L", self.doc)
        self.li = self.elem("LI", self.l)
        self.lbl = leaf("Lbl", self.li, 4)
        self.lbody = leaf("LBody", self.li, 5)
        self.table = self.elem("Table", self.doc)
        self.tr1 = self.elem("TR", self.table)
        self.th = leaf("TH", self.tr1, 6, A=Dictionary(O=Name.Table, Scope=Name.Column))
        self.tr2 = self.elem("TR", self.table)
        self.td = leaf("TD", self.tr2, 7)
        self.link = self.elem("Link", self.doc)
        self.objr = Dictionary(Type=Name.OBJR, Obj=self.annot, Pg=page)
        self.link.K = Array([8, self.objr])
        self.st_root.K = Array([self.doc])
        self.parent_array = Array([self.h1, self.p, self.fig, self.h2, self.lbl, self.lbody,
                                   self.th, self.td, self.link])
        self.st_root.ParentTree = ind(Dictionary(Nums=Array([0, self.parent_array,
                                                             1, self.link])))
        self.st_root.ParentTreeNextKey = 2
        self.rolemap = Dictionary()
        self.st_root.RoleMap = self.rolemap
        root = pdf.Root
        root.StructTreeRoot = self.st_root
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = String("en-GB")
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        self.xmp = XMP.replace("@TITLE@", TITLE)
        icc = open(ICC, "rb").read()
        self.icc = pikepdf.Stream(pdf, icc)
        self.icc.N = 3
        root.OutputIntents = Array([Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB"),
            DestOutputProfile=self.icc)])
        pdf.trailer.Info = ind(Dictionary(Title=String(TITLE),
                                          CreationDate=String("D:20261125000000Z"),
                                          Creator=String("pdfcheck self-test"),
                                          Producer=String("pikepdf")))
        self.post = []  # byte edits after saving
        self.xmp_filter = False

    def elem(self, t, parent, **kw):
        e = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + t),
                                              P=parent, Pg=self.page, **kw))
        if parent is not self.st_root and parent is not None:
            k = parent.get("/K")
            if k is None:
                parent.K = Array([e])
            else:
                k.append(e)
        return e

    def save(self, path, **kw):
        pdf = self.pdf
        self.page.Contents = pikepdf.Stream(pdf, content(
            self.content_extra_before, self.content_extra_after, self.figure_bdc).encode())
        if self.xmp is not None:
            md = pikepdf.Stream(pdf, self.xmp.encode("utf-8"))
            md.Type = Name.Metadata
            md.Subtype = Name.XML
            if self.xmp_filter:
                # qpdf never compresses a metadata stream: name it
                # otherwise for the save and put the names back afterwards.
                md.Subtype = Name("/XMX")
                md.Type = Name("/Metadatx")
                self.post.append(lambda data: data.replace(b"/Subtype /XMX", b"/Subtype /XML")
                                 .replace(b"/Type /Metadatx", b"/Type /Metadata"))
            pdf.Root.Metadata = md
        kw.setdefault("static_id", True)
        kw.setdefault("fix_metadata_version", False)  # keep our XMP byte for byte
        kw.setdefault("object_stream_mode", pikepdf.ObjectStreamMode.disable)
        pdf.save(path, **kw)
        if self.post:
            data = open(path, "rb").read()
            for f in self.post:
                data = f(data)
            open(path, "wb").write(data)


# ---------------------------------------------------------------- mutations
def blank(pattern):
    """A byte edit that overwrites a match with spaces (offsets stay valid)."""
    def f(data):
        m = re.search(pattern, data)
        assert m, pattern
        return data[:m.start()] + b" " * (m.end() - m.start()) + data[m.end():]
    return f


def set_type(e, t):
    e.S = Name("/" + t)


def del_key(o, k):
    del o[k]


def embedded_file(d):
    fs = pikepdf.Stream(d.pdf, b"guide: 1\n")
    fs.Type = Name.EmbeddedFile
    spec = Dictionary(Type=Name.Filespec, F=String("guide.yaml"), UF=String("guide.yaml"),
                      EF=Dictionary(F=fs))
    d.pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("guide.yaml"),
                                                                        spec])))


def text_annot(d, in_struct):
    a = d.pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text,
                                       Rect=[300, 700, 320, 720], F=4, StructParent=2))
    d.page.Annots.append(a)
    if in_struct:
        e = d.elem("Annot", d.doc)
        e.K = Array([Dictionary(Type=Name.OBJR, Obj=a)])
        d.st_root.ParentTree.Nums.extend([2, e])


def wrap_table_td(d):
    # a TD directly under Table (no TR)
    td = d.elem("TD", d.table)
    td.K = 9
    d.parent_array.append(td)
    d.content_extra_after = "/TD <</MCID 9>> BDC BT /F1 9 Tf 72 400 Td <0024> Tj ET EMC"


def lbody_under_l(d):
    e = d.elem("LBody", d.l)
    e.K = 9
    d.parent_array.append(e)
    d.content_extra_after = "/LBody <</MCID 9>> BDC BT /F1 9 Tf 72 400 Td <0024> Tj ET EMC"


def reference_xobject(d):
    form = pikepdf.Stream(d.pdf, b"0 0 1 1 re f")
    form.Type = Name.XObject
    form.Subtype = Name.Form
    form.BBox = [0, 0, 1, 1]
    form.Ref = Dictionary(F=String("other.pdf"), Page=0)
    d.resources.XObject.Fm1 = form
    d.content_extra_after = "/Artifact BMC /Fm1 Do EMC"


def move_link_objr_to_p(d):
    d.link.K = Array([8])
    d.p.K = Array([1, Dictionary(Type=Name.OBJR, Obj=d.annot)])
    d.st_root.ParentTree.Nums[3] = d.p


def embedded_cmap(d, wmode=0, ordering="Identity", use=None):
    """The font's Encoding becomes an embedded CMap with 2-byte codes that
    maps each code to the CID of the same value (what Identity-H does), so
    the page's strings keep their meaning."""
    body = "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (%s) /Supplement 0 >> def" % ordering,
        "/CMapName /Test-Identity-H def", "/CMapType 1 def", "/WMode 0 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        "1 begincidrange", "<0000> <FFFF> 0", "endcidrange", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"]).encode()
    cm = pikepdf.Stream(d.pdf, body)
    cm.Type = Name.CMap
    cm.CMapName = Name("/Test-Identity-H")
    cm.CIDSystemInfo = Dictionary(Registry=String("Adobe"), Ordering=String(ordering),
                                  Supplement=0)
    cm.WMode = wmode
    if use is not None:
        cm.UseCMap = use
    d.font.Encoding = d.pdf.make_indirect(cm)
    return cm


MUTATIONS = [
    # name, edit, expected condition ids (each must be reported)
    ("marked-missing", lambda d: del_key(d.pdf.Root, "/MarkInfo"), ["UA 7.1"]),
    ("marked-false", lambda d: setattr(d.pdf.Root, "MarkInfo", Dictionary(Marked=False)),
     ["UA 7.1"]),
    ("suspects", lambda d: setattr(d.pdf.Root, "MarkInfo", Dictionary(Marked=True,
                                                                         Suspects=True)),
     ["MH 01-007"]),
    ("no-struct-tree", lambda d: del_key(d.pdf.Root, "/StructTreeRoot"), ["UA 7.1"]),
    ("untagged-text", lambda d: setattr(d, "content_extra_after",
                                        "BT /F1 9 Tf 72 400 Td <0024> Tj ET"), ["MH 01-005"]),
    ("untagged-path", lambda d: setattr(d, "content_extra_before", "0 0 0 rg 1 1 5 5 re f"),
     ["MH 01-005"]),
    ("untagged-image", lambda d: setattr(d, "figure_bdc", "/Span BMC"), ["MH 01-005"]),
    ("artifact-in-tagged", lambda d: setattr(
        d, "content_extra_after",
        "/P <</MCID 9>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC"), ["MH 01-003"]),
    ("tagged-in-artifact", lambda d: setattr(
        d, "content_extra_after",
        "/Artifact BMC /P <</MCID 9>> BDC 0 0 1 1 re f EMC EMC"), ["MH 01-004"]),
    ("mcid-not-in-tree", lambda d: setattr(
        d, "content_extra_after", "/P <</MCID 9>> BDC BT /F1 9 Tf 72 400 Td <0024> Tj ET EMC"),
     ["UA 7.1"]),
    ("parenttree-wrong-element", lambda d: d.parent_array.__setitem__(1, d.h1), ["UA 7.1"]),
    ("parenttree-missing", lambda d: del_key(d.st_root, "/ParentTree"), ["UA 7.1"]),
    ("struct-mcid-absent", lambda d: setattr(d.p, "K", Array([1, 42])), ["UA 7.1"]),
    ("page-structparents-missing", lambda d: del_key(d.page, "/StructParents"), ["UA 7.1"]),
    ("mcid-twice", lambda d: setattr(
        d, "content_extra_after", "/P <</MCID 1>> BDC BT /F1 9 Tf 72 400 Td <0024> Tj ET EMC"),
     ["UA 7.1"]),
    ("nonstandard-unmapped", lambda d: set_type(d.p, "Para"), ["MH 02-001"]),
    ("rolemap-circular", lambda d: (set_type(d.p, "Para"),
                                    d.rolemap.__setitem__("/Para", Name("/Text")),
                                    d.rolemap.__setitem__("/Text", Name("/Para"))),
     ["MH 02-003"]),
    ("rolemap-standard-remapped", lambda d: d.rolemap.__setitem__("/P", Name("/Span")),
     ["MH 02-004"]),
    ("figure-no-alt", lambda d: del_key(d.fig, "/Alt"), ["MH 13-004"]),
    ("figure-empty-alt", lambda d: setattr(d.fig, "Alt", String("")), ["MH 13-004"]),
    ("figure-no-bbox", lambda d: del_key(d.fig, "/A"), ["GP figure-bbox"]),
    ("formula-no-alt", lambda d: (set_type(d.fig, "Formula"), del_key(d.fig, "/Alt")),
     ["MH 17-002"]),
    ("th-no-scope", lambda d: del_key(d.th, "/A"), ["MH 15-003"]),
    ("th-bad-scope", lambda d: setattr(d.th, "A", Dictionary(O=Name.Table, Scope=Name.Up)),
     ["MH 15-003"]),
    ("td-under-table", wrap_table_td, ["MH 09-004"]),
    ("th-outside-tr", lambda d: set_type(d.lbl, "TH"), ["MH 09-004", "MH 09-005"]),
    ("lbody-under-l", lbody_under_l, ["MH 09-005"]),
    ("li-outside-l", lambda d: set_type(d.l, "Div"), ["MH 09-005"]),
    ("first-heading-h2", lambda d: set_type(d.h1, "H2"), ["MH 14-002"]),
    ("heading-skip", lambda d: set_type(d.h2, "H3"), ["MH 14-003"]),
    ("h-and-hn", lambda d: set_type(d.h2, "H"), ["MH 14-007"]),
    ("two-h-in-node", lambda d: (set_type(d.h1, "H"), set_type(d.h2, "H")), ["MH 14-006"]),
    ("link-not-in-structure", lambda d: setattr(d.link, "K", Array([8])), ["MH 28-011"]),
    ("link-in-p", move_link_objr_to_p, ["MH 28-011"]),
    ("link-no-contents", lambda d: del_key(d.annot, "/Contents"), ["MH 28-012"]),
    ("link-no-structparent", lambda d: del_key(d.annot, "/StructParent"), ["UA 7.18.1"]),
    ("text-annot-untagged", lambda d: text_annot(d, False), ["MH 28-002", "MH 28-004"]),
    ("text-annot-no-contents", lambda d: text_annot(d, True), ["MH 28-004"]),
    ("tabs-missing", lambda d: del_key(d.page, "/Tabs"), ["MH 28-008"]),
    ("tabs-r", lambda d: setattr(d.page, "Tabs", Name.R), ["MH 28-009"]),
    ("lang-missing", lambda d: del_key(d.pdf.Root, "/Lang"), ["MH 11-001"]),
    ("lang-bad", lambda d: setattr(d.pdf.Root, "Lang", String("English (UK)")), ["MH 11-001"]),
    ("xmp-missing", lambda d: setattr(d, "xmp", None), ["MH 06-001", "PDFA 6.6.2.1"]),
    ("xmp-not-xml", lambda d: setattr(d, "xmp", d.xmp.replace("</x:xmpmeta>", "")),
     ["MH 06-001", "PDFA 6.6.2.1"]),
    ("xmp-no-pdfuaid", lambda d: setattr(d, "xmp", re.sub(r"<pdfuaid:part>.*?</pdfuaid:part>",
                                                          "", d.xmp)), ["MH 06-002"]),
    ("xmp-pdfuaid-2", lambda d: setattr(d, "xmp", d.xmp.replace("<pdfuaid:part>1<",
                                                                "<pdfuaid:part>2<")),
     ["MH 06-002"]),
    ("xmp-no-title", lambda d: (setattr(d, "xmp", re.sub(r"<dc:title>.*?</dc:title>", "",
                                                         d.xmp)),
                                del_key(d.pdf.trailer.Info, "/Title")), ["MH 06-003"]),
    ("displaydoctitle-missing", lambda d: del_key(d.pdf.Root, "/ViewerPreferences"),
     ["MH 07-001"]),
    ("displaydoctitle-false", lambda d: setattr(d.pdf.Root, "ViewerPreferences",
                                                Dictionary(DisplayDocTitle=False)),
     ["MH 07-002"]),
    ("font-not-embedded", lambda d: del_key(d.fd, "/FontFile2"),
     ["UA 7.21.4.1", "PDFA 6.2.11.4.1"]),
    ("no-tounicode", lambda d: del_key(d.font, "/ToUnicode"), ["MH 10-001", "PDFA 6.2.11.7.2"]),
    ("tounicode-gap", lambda d: d.tu.write(tounicode({c: t for c, t in CODES.items()
                                                      if c != 0x27})),
     ["MH 10-001", "PDFA 6.2.11.7.2"]),
    ("tounicode-fffd", lambda d: d.tu.write(tounicode({**CODES, 0x27: "\ufffd"})),
     ["MH 10-001"]),
    ("notdef", lambda d: setattr(d, "content_extra_after",
                                 "/Artifact BMC BT /F1 9 Tf 72 400 Td <0000> Tj ET EMC"),
     ["UA 7.21.8", "PDFA 6.2.11.8"]),
    ("width-differs", lambda d: d.cidfont.W.__setitem__(1, Array([999])),
     ["UA 7.21.5", "PDFA 6.2.11.5"]),
    ("glyph-not-in-font", lambda d: (d.tu.write(tounicode({**CODES, 0xFFF0: "Z"})),
                                     setattr(d, "content_extra_after",
                                             "/Artifact BMC BT /F1 9 Tf 72 400 Td <FFF0> Tj ET EMC")),
     ["UA 7.21.4.1", "PDFA 6.2.11.4.1"]),
    ("font-program-garbage", lambda d: d.fontfile.write(b"\0\1\0\0 not a font" * 50),
     ["UA 7.21.4.1", "PDFA 6.2.11.4.1"]),
    ("no-cidtogidmap", lambda d: del_key(d.cidfont, "/CIDToGIDMap"),
     ["UA 7.21.3.2", "PDFA 6.2.11.3.2"]),
    ("reference-xobject", reference_xobject, ["MH 30-001"]),
    # PDF/A-2
    ("pdfaid-missing", lambda d: setattr(d, "xmp", re.sub(r"<pdfaid:\w+>.*?</pdfaid:\w+>", "",
                                                          d.xmp)), ["PDFA 6.6.4"]),
    ("pdfaid-part-1", lambda d: setattr(d, "xmp", d.xmp.replace("<pdfaid:part>2<",
                                                                "<pdfaid:part>1<")),
     ["PDFA 6.6.4"]),
    ("pdfaid-conformance-x", lambda d: setattr(d, "xmp", d.xmp.replace(
        "<pdfaid:conformance>A<", "<pdfaid:conformance>X<")), ["PDFA 6.6.4"]),
    ("pdfa-a-untagged", lambda d: del_key(d.pdf.Root, "/MarkInfo"), ["PDFA 6.7.2.2"]),
    ("xmp-no-extension-schema", lambda d: setattr(d, "xmp", re.sub(
        r"<pdfaSchema:namespaceURI>.*?</pdfaSchema:namespaceURI>", "", d.xmp)),
     ["PDFA 6.6.2.3.1"]),
    ("xmp-undescribed-namespace", lambda d: setattr(d, "xmp", d.xmp.replace(
        "<pdfuaid:part>1</pdfuaid:part>",
        '<pdfuaid:part>1</pdfuaid:part><gp:x xmlns:gp="https://example.com/gp/">1</gp:x>')),
     ["PDFA 6.6.2.3.1"]),
    ("xmp-filtered", lambda d: setattr(d, "xmp_filter", True), ["PDFA 6.6.2.1"]),
    ("xpacket-missing", lambda d: setattr(d, "xmp", re.sub(r"<\?xpacket[^>]*\?>", "", d.xmp)),
     ["PDFA 6.6.2.1"]),
    ("xpacket-encoding", lambda d: setattr(d, "xmp", d.xmp.replace(
        'id="W5M0MpCehiHzreSzNTczkc9d"', 'id="W5M0MpCehiHzreSzNTczkc9d" encoding="UTF-8"')),
     ["PDFA 6.6.2.1"]),
    ("info-title-differs", lambda d: setattr(d.pdf.trailer.Info, "Title", String("Other")),
     ["PDFA 6.6.2.1"]),
    ("info-date-differs", lambda d: setattr(d.pdf.trailer.Info, "CreationDate",
                                            String("D:20261126000000Z")), ["PDFA 6.6.2.1"]),
    ("info-creator-not-in-xmp", lambda d: setattr(d, "xmp", re.sub(
        r"<xmp:CreatorTool>.*?</xmp:CreatorTool>", "", d.xmp)), ["PDFA 6.6.2.1"]),
    ("outputintent-missing", lambda d: del_key(d.pdf.Root, "/OutputIntents"), ["PDFA 6.2.2"]),
    ("outputintent-n-wrong", lambda d: setattr(d.icc, "N", 4), ["PDFA 6.2.2"]),
    ("outputintent-not-icc", lambda d: d.icc.write(b"not a profile" * 20), ["PDFA 6.2.2"]),
    ("cmyk-with-rgb-intent", lambda d: setattr(d, "content_extra_before",
                                               "/Artifact BMC 0 0 0 1 k 1 1 5 5 re f EMC"),
     ["PDFA 6.2.4.3"]),
    ("trailer-no-id", lambda d: d.post.append(blank(rb"/ID \[<[0-9a-f]+><[0-9a-f]+>\]")),
     ["PDFA 6.1.3"]),
    ("header-no-binary-comment", lambda d: d.post.append(
        lambda data: re.sub(rb"^(%PDF-1\.\d\r?\n)%[^\r\n]{4}", rb"\1%abcd", data, count=1)),
     ["PDFA 6.1.2"]),
    ("encrypted-no-accessibility", None, ["PDFA 6.1.3", "MH 26-002"]),
    ("stream-external-file", lambda d: setattr(d.image, "F", String("x.png")),
     ["PDFA 6.1.7.1"]),
    ("image-interpolate", lambda d: setattr(d.image, "Interpolate", True), ["PDFA 6.2.8"]),
    ("image-alternates", lambda d: setattr(d.image, "Alternates", Array()), ["PDFA 6.2.8"]),
    ("blend-mode", lambda d: (setattr(d.resources, "ExtGState", Dictionary(
        G1=Dictionary(BM=Name("/Dissolve")))), setattr(d, "content_extra_before", "/G1 gs")),
     ["PDFA 6.2.10"]),
    ("transfer-function", lambda d: (setattr(d.resources, "ExtGState", Dictionary(
        G1=Dictionary(TR=Name.Identity))), setattr(d, "content_extra_before", "/G1 gs")),
     ["PDFA 6.2.5"]),
    ("javascript-openaction", lambda d: setattr(d.pdf.Root, "OpenAction", Dictionary(
        S=Name.JavaScript, JS=String("app.alert(1)"))), ["PDFA 6.6.1"]),
    ("javascript-names", lambda d: setattr(d.pdf.Root, "Names", Dictionary(
        JavaScript=Dictionary(Names=Array()))), ["PDFA 6.6.1"]),
    ("launch-link", lambda d: setattr(d.annot, "A", Dictionary(S=Name.Launch,
                                                               F=String("x.exe"))),
     ["PDFA 6.6.1"]),
    ("page-aa", lambda d: setattr(d.page, "AA", Dictionary()), ["PDFA 6.6.2"]),
    ("annot-no-flags", lambda d: del_key(d.annot, "/F"), ["PDFA 6.3.2"]),
    ("annot-hidden", lambda d: setattr(d.annot, "F", 6), ["PDFA 6.3.2"]),
    ("annot-no-print", lambda d: setattr(d.annot, "F", 0), ["PDFA 6.3.2"]),
    ("annot-ap-down", lambda d: setattr(d.annot, "AP", Dictionary(
        N=pikepdf.Stream(d.pdf, b""), D=pikepdf.Stream(d.pdf, b""))), ["PDFA 6.3.3"]),
    ("annot-forbidden-type", lambda d: (setattr(d.annot, "Subtype", Name.Sound)),
     ["PDFA 6.3.1"]),
    ("embedded-non-pdfa", embedded_file, ["PDFA 6.8"]),
    ("cmap-wmode-differs", lambda d: embedded_cmap(d, wmode=1),
     ["PDFA 6.2.11.3.3", "UA 7.21.3.3"]),
    ("cmap-uses-embedded-cmap", lambda d: embedded_cmap(d, use=embedded_cmap(d)),
     ["PDFA 6.2.11.3.3", "UA 7.21.3.3"]),
    ("cmap-other-ordering", lambda d: embedded_cmap(d, ordering="Japan1"),
     ["PDFA 6.2.11.3.1", "UA 7.21.3.1"]),
    ("xfa", lambda d: setattr(d.pdf.Root, "AcroForm", Dictionary(Fields=Array(),
                                                                 XFA=Array())),
     ["PDFA 6.4.2"]),
]


def run_case(name, edit, want, checker_args=("--ua", "--pdfa")):
    d = Doc()
    path = os.path.join(WORK, name + ".pdf")
    save_kw = {}
    if name == "encrypted-no-accessibility":
        save_kw["encryption"] = pikepdf.Encryption(
            owner="owner", user="", R=3, metadata=False, aes=False, allow=pikepdf.Permissions(accessibility=False))
    elif edit is not None:
        edit(d)
    d.save(path, **save_kw)
    found = pdfcheck.check_file(path, "--ua" in checker_args, "--pdfa" in checker_args)
    return path, found


def main():
    os.makedirs(WORK, exist_ok=True)
    failures = 0
    cases = list(MUTATIONS)
    # The good document: no finding at all, under both checks.
    path, found = run_case("good", None, [])
    for f in found:
        print("FAIL good: unexpected finding: %s %s: %s" % f)
    failures += bool(found)
    # Through the command line too: exit 0, no output on stdout.
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfcheck.py"), "--ua", "--pdfa",
                        path], capture_output=True, text=True)
    if r.returncode != 0 or r.stdout:
        print("FAIL good via CLI: exit %d, stdout %r" % (r.returncode, r.stdout))
        failures += 1
    # A role-mapped custom type is fine.
    d = Doc()
    set_type(d.p, "Para")
    d.rolemap["/Para"] = Name.P
    p2 = os.path.join(WORK, "good-rolemap.pdf")
    d.save(p2)
    found = pdfcheck.check_file(p2, True, True)
    if found:
        print("FAIL good-rolemap: %s" % found)
        failures += 1
    # An embedded encoding CMap (as the writer's one-byte codes use) is fine,
    # and its codes are read through it.
    d = Doc()
    embedded_cmap(d)
    p3 = os.path.join(WORK, "good-embedded-cmap.pdf")
    d.save(p3)
    found = pdfcheck.check_file(p3, True, True)
    if found:
        print("FAIL good-embedded-cmap: %s" % found)
        failures += 1
    ran = 0
    for name, edit, want in cases:
        if ONLY and ONLY not in name:
            continue
        ran += 1
        path, found = run_case(name, edit, want)
        got = {c for c, _, _ in found}
        missing = [w for w in want if w not in got]
        if missing:
            failures += 1
            print("FAIL %s: expected %s, got %s" % (name, missing,
                                                    ["%s %s: %s" % f for f in found] or "none"))
        else:
            print("ok   %s: %s" % (name, "; ".join("%s %s" % (c, m) for c, _, m in found
                                                  if c in want)[:150]))
    # The CLI reports findings with exit 1 and one line each.
    bad = os.path.join(WORK, "lang-missing.pdf")
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfcheck.py"), "--ua", bad],
                       capture_output=True, text=True)
    if r.returncode != 1 or not re.search(r"^%s: MH 11-001 Catalog: " % re.escape(bad),
                                          r.stdout, re.M):
        print("FAIL CLI on a bad file: exit %d, stdout %r" % (r.returncode, r.stdout))
        failures += 1
    # --pdfa alone does not report UA conditions (and the reverse).
    if any(c.startswith("PDFA") for c, _, _ in pdfcheck.check_file(bad, True, False)):
        print("FAIL --ua alone reported a PDF/A condition")
        failures += 1
    if any(not c.startswith("PDFA") for c, _, _ in pdfcheck.check_file(
            os.path.join(WORK, "tabs-missing.pdf"), False, True)):
        print("FAIL --pdfa alone reported a PDF/UA condition")
        failures += 1
    # Not a PDF: exit 1 with a finding, never a traceback.
    junk = os.path.join(WORK, "junk.pdf")
    open(junk, "wb").write(b"not a pdf\n")
    r = subprocess.run([sys.executable, os.path.join(HERE, "pdfcheck.py"), junk],
                       capture_output=True, text=True)
    if r.returncode != 1 or "Traceback" in r.stderr:
        print("FAIL junk file: exit %d, %s" % (r.returncode, r.stderr[-300:]))
        failures += 1
    print("%d mutation(s) checked, %d failure(s)" % (ran, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
