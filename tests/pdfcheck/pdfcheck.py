#!/usr/bin/env python3
"""pdfcheck.py - check PDF files against the machine-checkable conditions of
PDF/UA-1 (ISO 14289-1, as enumerated by the Matterhorn Protocol 1.1) and
PDF/A-2 (ISO 19005-2), using pikepdf (Debian's python3-pikepdf).

usage: pdfcheck.py [--ua] [--pdfa] [--quiet] FILE...

With neither --ua nor --pdfa both sets run. Prints one finding per line:

    FILE: CONDITION OBJECT: MESSAGE

where CONDITION is a Matterhorn failure condition ("MH 01-005"), an
ISO 14289-1 clause ("UA 7.1"), an ISO 19005-2 clause ("PDFA 6.2.11.4.1") or,
for requirements of guidepress's own (issue 14) that neither standard states,
"GP ...". OBJECT names the object ("page 3", "obj 12 0", "struct Figure #4").
Exit status: 0 no findings, 1 findings, 2 usage error or unreadable file.
README.md in this folder lists every condition covered and those that no
program can check.
"""
import io
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from fontTools.ttLib import TTFont  # Debian python3-fonttools
from pikepdf import Array, Dictionary, Name, Stream

# ISO 32000-1 14.8.4: the standard structure types.
STANDARD_TYPES = set(
    """Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct
    Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody
    TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
    Warichu WT WP Figure Formula Form""".split())

# Operators that put marks on the page (ISO 32000-1 Table 51, 57, 107, 77).
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh",
             "Tj", "TJ", "'", '"', "BI", "INLINE IMAGE"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "x": "adobe:ns:meta/",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}

# XMP Specification 2004 schemas, pdfaid and the extension schema's own
# namespaces (ISO 19005-2 6.6.2.3): usable in PDF/A-2 without a description.
PREDEFINED_XMP = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/",
    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/tiff/1.0/", "http://www.aiim.org/pdfa/ns/id/",
    "http://www.aiim.org/pdfa/ns/extension/", "http://www.aiim.org/pdfa/ns/schema#",
    "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#", "http://ns.adobe.com/xap/1.0/sType/Dimensions#",
    "http://ns.adobe.com/xap/1.0/sType/ResourceRef#", "http://ns.adobe.com/xap/1.0/sType/Job#",
    "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#", "http://ns.adobe.com/xap/1.0/sType/Version#",
}
FORBIDDEN_ACTIONS = {"Launch", "Sound", "Movie", "ResetForm", "ImportData",
                     "JavaScript", "Hide", "SetOCGState", "Rendition",
                     "Trans", "GoTo3DView"}
STANDARD_BLEND = {"Normal", "Compatible", "Multiply", "Screen", "Overlay",
                  "Darken", "Lighten", "ColorDodge", "ColorBurn", "HardLight",
                  "SoftLight", "Difference", "Exclusion", "Hue", "Saturation",
                  "Color", "Luminosity"}
LANG_RE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def objname(o):
    """A short, stable name for a PDF object in a finding."""
    try:
        if o.is_indirect:
            return "obj %d %d" % (o.objgen[0], o.objgen[1])
    except Exception:
        pass
    return "direct object"


def text_of(s):
    try:
        return str(s)
    except Exception:
        return ""


class Checker:
    def __init__(self, path, ua, pdfa):
        self.path, self.ua, self.pdfa = path, ua, pdfa
        self.findings = []
        self.pdf = None
        # (page objgen, mcid) -> how often the content uses it
        self.content_mcids = {}
        self.page_index = {}
        self.font_codes = {}  # font objgen -> set of codes shown
        self.cmap_cache = {}  # embedded encoding CMap objgen -> EmbeddedCMap or error
        self.fonts = {}  # font objgen -> font dictionary
        self.form_uses = {}  # form objgen -> number of Do on pages
        self.form_has_mcid = set()
        self.ttf_cache = {}  # font file objgen -> (glyphs, unitsPerEm, advances)
        self.transparency = False
        self.ops_seen = set()

    def add(self, cond, obj, msg):
        self.findings.append((cond, obj, msg))

    # ------------------------------------------------------------------ run
    def run(self):
        try:
            self.pdf = pikepdf.open(self.path)
        except pikepdf.PasswordError:
            self.add("UA 7.16" if self.ua else "PDFA 6.1.3", "trailer",
                     "file needs a password to open; it cannot be checked")
            return
        except Exception as e:  # not a PDF at all
            self.add("PDF", "file", "cannot be parsed: %s" % e)
            return
        pdf = self.pdf
        self.root = pdf.Root
        for i, p in enumerate(pdf.pages):
            self.page_index[p.obj.objgen] = i + 1
        self.scan_pages()
        if self.ua:
            self.check_ua()
        if self.pdfa:
            self.check_pdfa()

    # --------------------------------------------------------- page content
    def scan_pages(self):
        for i, page in enumerate(self.pdf.pages):
            po = page.obj
            where = "page %d" % (i + 1)
            res = po.get("/Resources", Dictionary())
            try:
                instrs = pikepdf.parse_content_stream(page)
            except Exception as e:
                self.add("PDF", where, "content stream cannot be parsed: %s" % e)
                continue
            self.walk_content(instrs, res, where, po, [], set())

    def walk_content(self, instrs, res, where, page, stack, seen_forms):
        """stack holds one entry per open marked-content sequence:
        (tag, mcid or None, is_artifact)."""
        font = None
        fonts = res.get("/Font", Dictionary()) if res is not None else Dictionary()
        for ins in instrs:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                op, operands = "INLINE IMAGE", []
            else:
                operands, op = ins.operands, str(ins.operator)
            self.ops_seen.add(op)
            if op in ("BMC", "BDC"):
                tag = str(operands[0]) if operands else "?"
                mcid = None
                if op == "BDC" and len(operands) > 1:
                    props = operands[1]
                    if isinstance(props, Name):
                        pr = res.get("/Properties", Dictionary()).get(props)
                        props = pr if pr is not None else Dictionary()
                    if isinstance(props, Dictionary) and "/MCID" in props:
                        mcid = int(props.MCID)
                is_art = tag == "/Artifact"
                in_art = any(s[2] for s in stack)
                in_tagged = any(s[1] is not None for s in stack)
                if self.ua:
                    if is_art and in_tagged:
                        self.add("MH 01-003", where,
                                 "Artifact sequence inside tagged content (MCID %s)"
                                 % next(s[1] for s in stack if s[1] is not None))
                    if mcid is not None and in_art:
                        self.add("MH 01-004", where,
                                 "tagged content (MCID %d) inside an Artifact" % mcid)
                if mcid is not None:
                    if page is None:
                        self.form_has_mcid.add(where)
                    else:
                        key = (page.objgen, mcid)
                        self.content_mcids[key] = self.content_mcids.get(key, 0) + 1
                stack.append((tag, mcid, is_art))
                continue
            if op == "EMC":
                if not stack:
                    self.add("PDF", where, "EMC without a matching BMC/BDC")
                else:
                    stack.pop()
                continue
            if op == "Tf" and operands:
                font = fonts.get(operands[0])
                if font is not None:
                    self.fonts[font.objgen] = font
                elif self.ua or self.pdfa:
                    self.add("PDF", where, "Tf names font %s not in resources"
                             % operands[0])
            if op == "gs" and operands:
                gs = res.get("/ExtGState", Dictionary()).get(operands[0])
                if gs is not None:
                    self.check_extgstate(gs, where)
            painting = op in PAINT_OPS
            if op == "Do" and operands:
                xo = res.get("/XObject", Dictionary()).get(operands[0])
                if xo is None:
                    self.add("PDF", where, "Do names %s not in resources" % operands[0])
                    continue
                st = xo.get("/Subtype")
                if st == "/Form":
                    key = xo.objgen
                    self.form_uses[key] = self.form_uses.get(key, 0) + 1
                    if "/Ref" in xo and self.ua:
                        self.add("MH 30-001", where, "reference XObject %s" % objname(xo))
                    if "/Group" in xo and xo.Group.get("/S") == "/Transparency":
                        self.transparency = True
                    if key in seen_forms:
                        continue  # a form drawing itself: do not loop
                    fres = xo.get("/Resources", res)
                    try:
                        finstrs = pikepdf.parse_content_stream(xo)
                    except Exception as e:
                        self.add("PDF", objname(xo), "form cannot be parsed: %s" % e)
                        continue
                    self.walk_content(finstrs, fres, "%s form %s" % (where, objname(xo)),
                                      None if "/StructParents" in xo else page,
                                      stack, seen_forms | {key})
                    continue
                painting = True
                if st == "/Image":
                    self.check_image(xo, where)
            if op in TEXT_SHOW and font is not None:
                self.record_codes(font, op, operands)
            if painting and self.ua:
                if not any(s[2] or s[1] is not None for s in stack):
                    self.add("MH 01-005", where,
                             "'%s' paints content that is neither tagged (MCID) nor an Artifact"
                             % op)

    def record_codes(self, font, op, operands):
        strings = []
        if op == "TJ":
            for el in operands[0]:
                if isinstance(el, pikepdf.String):
                    strings.append(bytes(el))
        elif op == '"':
            strings.append(bytes(operands[2]))
        else:
            strings.append(bytes(operands[0]))
        two = font.get("/Subtype") == "/Type0"
        codes = self.font_codes.setdefault(font.objgen, set())
        enc = self.embedded_cmap(font) if two else None
        for b in strings:
            if enc is not None:
                codes.update(enc.codes(b))
            elif two:
                for k in range(0, len(b) - 1, 2):
                    codes.add(b[k] << 8 | b[k + 1])
            else:
                codes.update(b)

    def embedded_cmap(self, font):
        """The font's embedded encoding CMap (an EmbeddedCMap), or None for
        a named one (Identity-H/V and the other predefined CMaps)."""
        enc = font.get("/Encoding")
        if not isinstance(enc, Stream):
            return None
        key = enc.objgen
        if key not in self.cmap_cache:
            try:
                self.cmap_cache[key] = EmbeddedCMap(enc.read_bytes())
            except Exception as e:
                self.cmap_cache[key] = str(e)[:80]
        c = self.cmap_cache[key]
        return c if isinstance(c, EmbeddedCMap) else None

    def check_extgstate(self, gs, where):
        bm = gs.get("/BM")
        names = list(bm) if isinstance(bm, Array) else ([bm] if bm is not None else [])
        for n in names:
            if str(n)[1:] not in STANDARD_BLEND and self.pdfa:
                self.add("PDFA 6.2.10", where, "blend mode %s is not standard" % n)
        if gs.get("/SMask", Name.None_) != Name.None_:
            self.transparency = True
        for k in ("/CA", "/ca"):
            if k in gs and float(gs[k]) < 1.0:
                self.transparency = True
        if self.pdfa:
            if "/TR" in gs:
                self.add("PDFA 6.2.5", where, "ExtGState has a transfer function (TR)")
            if "/TR2" in gs and gs.TR2 != Name.Default:
                self.add("PDFA 6.2.5", where, "ExtGState TR2 is not /Default")
            if "/HTP" in gs:
                self.add("PDFA 6.2.5", where, "ExtGState has HTP")

    def check_image(self, xo, where):
        if "/SMask" in xo:
            self.transparency = True
        if not self.pdfa:
            return
        if "/Alternates" in xo:
            self.add("PDFA 6.2.8", objname(xo), "image has Alternates")
        if "/OPI" in xo:
            self.add("PDFA 6.2.8", objname(xo), "image has OPI")
        if xo.get("/Interpolate") is True:
            self.add("PDFA 6.2.8", objname(xo), "image has Interpolate true")
        if xo.get("/Filter") == "/LZWDecode":
            self.add("PDFA 6.1.7.2", objname(xo), "LZW compression")

    # ------------------------------------------------------------ structure
    def number_tree(self, node, out, depth=0):
        if node is None or depth > 32:
            return
        nums = node.get("/Nums")
        if nums is not None:
            for k in range(0, len(nums) - 1, 2):
                out[int(nums[k])] = nums[k + 1]
        for kid in node.get("/Kids", Array()):
            self.number_tree(kid, out, depth + 1)

    def role_of(self, s, rolemap):
        """Resolves a structure type through the RoleMap; returns the
        standard type or None (reported)."""
        seen = []
        t = s
        while t not in STANDARD_TYPES:
            if t in seen:
                self.add("MH 02-003", "RoleMap", "circular mapping: %s"
                         % " -> ".join(seen + [t]))
                return None
            seen.append(t)
            nxt = rolemap.get("/" + t)
            if nxt is None:
                self.add("MH 02-001", "struct %s" % s,
                         "non-standard structure type %s does not map to a standard type" % s)
                return None
            t = str(nxt)[1:]
        return t

    def check_ua(self):
        pdf, root = self.pdf, self.root
        # Encryption (ISO 14289-1 7.16)
        if pdf.is_encrypted:
            try:
                p = int(pdf.encryption.P)
            except Exception:
                p = None
            if p is None:
                self.add("MH 26-001", "Encrypt", "encryption dictionary has no P entry")
            elif not (p & (1 << 9)):
                self.add("MH 26-002", "Encrypt",
                         "P bit 10 (content extraction for accessibility) is off")
        # Tagged PDF (7.1)
        mi = root.get("/MarkInfo")
        if mi is None or mi.get("/Marked") is not True:
            self.add("UA 7.1", "Catalog", "MarkInfo /Marked is not true")
        if mi is not None and mi.get("/Suspects") is True:
            self.add("MH 01-007", "Catalog", "MarkInfo /Suspects is true")
        # Metadata (7.1)
        xmp = self.read_xmp("UA")
        if xmp is None:
            self.add("MH 06-001", "Catalog", "no XMP metadata stream")
        else:
            part = self.xmp_prop(xmp, "pdfuaid", "part")
            if part is None:
                self.add("MH 06-002", "XMP", "no pdfuaid:part (PDF/UA identifier)")
            elif part.strip() != "1":
                self.add("MH 06-002", "XMP", "pdfuaid:part is %r, not 1" % part)
            title = self.xmp_title(xmp)
            if not title:
                self.add("MH 06-003", "XMP", "no dc:title (or it is empty)")
        vp = root.get("/ViewerPreferences")
        if vp is None or "/DisplayDocTitle" not in vp:
            self.add("MH 07-001", "Catalog", "ViewerPreferences has no DisplayDocTitle")
        elif vp.DisplayDocTitle is not True:
            self.add("MH 07-002", "Catalog", "DisplayDocTitle is false")
        # Language (7.2)
        lang = root.get("/Lang")
        if lang is None or not text_of(lang).strip():
            self.add("MH 11-001", "Catalog",
                     "no /Lang: the natural language of the content cannot be determined")
        elif not LANG_RE.match(text_of(lang)):
            self.add("MH 11-001", "Catalog", "/Lang %r is not a language tag" % text_of(lang))
        self.check_structure()
        self.check_annotations_ua()
        self.check_fonts("UA")
        for where in sorted(self.form_has_mcid):
            self.add("UA 7.1", where, "form XObject with its own StructParents holds MCIDs; "
                     "this checker does not follow them (tag on the page instead)")
        # Optional content (7.10): every configuration has a Name
        ocp = root.get("/OCProperties")
        if ocp is not None:
            for cfg in [ocp.get("/D")] + list(ocp.get("/Configs", Array())):
                if cfg is not None and "/Name" not in cfg:
                    self.add("MH 20-001", "OCProperties", "optional content configuration without Name")
                if cfg is not None and "/AS" in cfg:
                    self.add("MH 20-003", "OCProperties", "optional content configuration has AS")

    def check_structure(self):
        root = self.root
        str_root = root.get("/StructTreeRoot")
        if str_root is None:
            self.add("UA 7.1", "Catalog", "no StructTreeRoot: the document is not tagged")
            return
        rolemap = str_root.get("/RoleMap", Dictionary())
        for k, v in rolemap.items():
            if k[1:] in STANDARD_TYPES:
                self.add("MH 02-004", "RoleMap", "standard type %s is remapped to %s" % (k, v))
        parent_tree = {}
        self.number_tree(str_root.get("/ParentTree"), parent_tree)
        # Walk the tree.
        self.struct_mcrs = {}  # (page objgen, mcid) -> element
        self.struct_objrs = {}  # annot objgen -> element
        self.headings = []  # (level or 0 for H, element label)
        self.elem_count = 0
        seen = set()
        kids = str_root.get("/K")
        if kids is None:
            self.add("UA 7.1", "StructTreeRoot", "structure tree is empty (no K)")
            kids = Array()
        if not isinstance(kids, Array):
            kids = Array([kids])
        for k in kids:
            if isinstance(k, Dictionary):
                self.walk_elem(k, None, None, rolemap, seen, 0)
        # ParentTree consistency (ISO 32000-1 14.7.4.4, ISO 14289-1 7.1)
        for page in self.pdf.pages:
            po = page.obj
            pno = self.page_index[po.objgen]
            mcids = sorted(m for (pg, m) in self.content_mcids if pg == po.objgen)
            if not mcids:
                continue
            if "/StructParents" not in po:
                self.add("UA 7.1", "page %d" % pno,
                         "page has marked content (MCIDs) but no /StructParents")
                continue
            arr = parent_tree.get(int(po.StructParents))
            if not isinstance(arr, Array):
                self.add("UA 7.1", "page %d" % pno,
                         "ParentTree has no array for StructParents %d" % int(po.StructParents))
                continue
            for m in mcids:
                if self.content_mcids[(po.objgen, m)] > 1:
                    self.add("UA 7.1", "page %d" % pno, "MCID %d is used %d times"
                             % (m, self.content_mcids[(po.objgen, m)]))
                el = arr[m] if m < len(arr) else None
                if not isinstance(el, Dictionary):
                    self.add("UA 7.1", "page %d" % pno,
                             "ParentTree has no structure element for MCID %d" % m)
                    continue
                owner = self.struct_mcrs.get((po.objgen, m))
                if owner is None:
                    self.add("UA 7.1", "page %d" % pno,
                             "MCID %d is not referenced from the structure tree" % m)
                elif owner.objgen != el.objgen:
                    self.add("UA 7.1", "page %d" % pno,
                             "ParentTree gives %s for MCID %d but the tree has it under %s"
                             % (objname(el), m, objname(owner)))
        for (pg, m), el in sorted(self.struct_mcrs.items(), key=lambda x: x[0]):
            if (pg, m) not in self.content_mcids:
                where = "page %d" % self.page_index.get(pg, 0)
                self.add("UA 7.1", where,
                         "structure element %s references MCID %d, absent from the content"
                         % (objname(el), m))
        self.parent_tree = parent_tree
        # Headings (Matterhorn checkpoint 14)
        levels = [lv for lv, _ in self.headings if lv > 0]
        if levels and any(lv == 0 for lv, _ in self.headings):
            self.add("MH 14-007", "structure", "document uses both H and H1-H6")
        if levels:
            if levels[0] != 1:
                self.add("MH 14-002", self.headings[0][1], "first numbered heading is H%d, not H1"
                         % levels[0])
            prev = levels[0]
            hs = [h for h in self.headings if h[0] > 0]
            for lv, label in hs[1:]:
                if lv > prev + 1:
                    self.add("MH 14-003", label, "H%d follows H%d: level(s) skipped" % (lv, prev))
                prev = lv

    def walk_elem(self, el, parent_type, parent, rolemap, seen, depth):
        if el.objgen != (0, 0):
            if el.objgen in seen:
                self.add("UA 7.1", objname(el), "structure element reached twice (cycle or shared)")
                return
            seen.add(el.objgen)
        if depth > 200:
            self.add("UA 7.1", objname(el), "structure tree deeper than 200")
            return
        s = el.get("/S")
        if s is None:
            if el.get("/Type") in (Name.MCR, Name.OBJR):
                return
            self.add("UA 7.1", objname(el), "structure element without /S")
            return
        raw = str(s)[1:]
        t = self.role_of(raw, rolemap)
        self.elem_count += 1
        label = "struct %s %s" % (raw, objname(el))
        kids = el.get("/K")
        if kids is None:
            kids = Array()
        elif not isinstance(kids, Array):
            kids = Array([kids])
        page = el.get("/Pg")
        kid_types = []
        if t is not None:
            if t in ("H1", "H2", "H3", "H4", "H5", "H6"):
                self.headings.append((int(t[1]), label))
            elif t == "H":
                self.headings.append((0, label))
            if t in ("Figure",) and "/Alt" not in el and "/ActualText" not in el:
                self.add("MH 13-004", label, "Figure has neither Alt nor ActualText")
            if t == "Figure" and "/Alt" in el and not text_of(el.Alt).strip():
                self.add("MH 13-004", label, "Figure's Alt is empty")
            if t == "Formula" and "/Alt" not in el and "/ActualText" not in el:
                self.add("MH 17-002", label, "Formula has neither Alt nor ActualText")
            if t == "Figure" and not self.has_bbox(el):
                self.add("GP figure-bbox", label,
                         "Figure has no BBox in a Layout attribute (issue 14, point 2)")
            if "/Lang" in el and not LANG_RE.match(text_of(el.Lang)):
                self.add("MH 11-001", label, "/Lang %r is not a language tag" % text_of(el.Lang))
        for k in kids:
            if isinstance(k, Dictionary):
                typ = k.get("/Type")
                if typ == Name.MCR:
                    pg = k.get("/Pg", page)
                    self.mcr(pg, int(k.MCID), el, label, k.get("/Stm"))
                elif typ == Name.OBJR:
                    obj = k.get("/Obj")
                    if obj is None:
                        self.add("UA 7.1", label, "OBJR without /Obj")
                    else:
                        self.struct_objrs[obj.objgen] = el
                else:
                    sub = k.get("/S")
                    if sub is not None:
                        sub_t = self.role_of(str(sub)[1:], rolemap) or str(sub)[1:]
                        kid_types.append(sub_t)
                    if k.get("/P") is not None and el.objgen != (0, 0) and \
                            k.P.objgen != el.objgen:
                        self.add("UA 7.1", objname(k), "/P does not point to its parent %s"
                                 % objname(el))
                    self.walk_elem(k, t, el, rolemap, seen, depth + 1)
            elif isinstance(k, int):
                self.mcr(page, int(k), el, label, None)
        if t is not None:
            self.check_syntax(t, parent_type, kid_types, label, el)
            hkids = [x for x in kid_types if x == "H"]
            if len(hkids) > 1:
                self.add("MH 14-006", label, "a node holds %d H elements" % len(hkids))

    def has_bbox(self, el):
        a = el.get("/A")
        attrs = list(a) if isinstance(a, Array) else ([a] if a is not None else [])
        for at in attrs:
            if isinstance(at, Dictionary) and at.get("/O") == Name.Layout and "/BBox" in at:
                return True
        return False

    def mcr(self, page, mcid, el, label, stm):
        if stm is not None:
            return  # MCIDs in form XObjects: counted per form
        if page is None:
            self.add("UA 7.1", label, "MCID %d without a page (/Pg)" % mcid)
            return
        key = (page.objgen, mcid)
        if key in self.struct_mcrs:
            self.add("UA 7.1", label, "MCID %d on page %d is referenced twice"
                     % (mcid, self.page_index.get(page.objgen, 0)))
        self.struct_mcrs[key] = el

    def check_syntax(self, t, parent_type, kid_types, label, el):
        # ISO 32000-1 Table 336/337 (Matterhorn 09-004 tables, 09-005 lists)
        if t == "Table":
            bad = [k for k in kid_types if k not in ("TR", "THead", "TBody", "TFoot", "Caption")]
            if bad:
                self.add("MH 09-004", label, "Table holds %s" % ", ".join(bad))
            self.check_scope(el, label)
        elif t in ("THead", "TBody", "TFoot"):
            if parent_type != "Table":
                self.add("MH 09-004", label, "%s not inside a Table" % t)
            bad = [k for k in kid_types if k != "TR"]
            if bad:
                self.add("MH 09-004", label, "%s holds %s" % (t, ", ".join(bad)))
        elif t == "TR":
            if parent_type not in ("Table", "THead", "TBody", "TFoot"):
                self.add("MH 09-004", label, "TR inside %s" % parent_type)
            bad = [k for k in kid_types if k not in ("TH", "TD")]
            if bad:
                self.add("MH 09-004", label, "TR holds %s" % ", ".join(bad))
        elif t in ("TH", "TD"):
            if parent_type != "TR":
                self.add("MH 09-004", label, "%s inside %s" % (t, parent_type))
        elif t == "L":
            bad = [k for k in kid_types if k not in ("LI", "L", "Caption")]
            if bad:
                self.add("MH 09-005", label, "L holds %s" % ", ".join(bad))
        elif t == "LI":
            if parent_type != "L":
                self.add("MH 09-005", label, "LI inside %s" % parent_type)
            bad = [k for k in kid_types if k not in ("Lbl", "LBody")]
            if bad:
                self.add("MH 09-005", label, "LI holds %s" % ", ".join(bad))
        elif t in ("Lbl", "LBody"):
            if parent_type != "LI":
                self.add("MH 09-005", label, "%s inside %s" % (t, parent_type))

    def check_scope(self, table, label):
        """Matterhorn 15-003: in a table that does not use Headers/ID, every
        TH has a Scope attribute (Table attribute owner)."""
        ths, uses_headers = [], False
        stack = [table]
        while stack:
            e = stack.pop()
            k = e.get("/K")
            kids = k if isinstance(k, Array) else ([k] if k is not None else [])
            for c in kids:
                if not isinstance(c, Dictionary) or "/S" not in c:
                    continue
                s = str(c.S)[1:]
                if s == "TH":
                    ths.append(c)
                if s in ("TH", "TD") and self.table_attr(c, "/Headers") is not None:
                    uses_headers = True
                if s != "Table":
                    stack.append(c)
        if uses_headers:
            return
        for th in ths:
            sc = self.table_attr(th, "/Scope")
            if sc is None:
                self.add("MH 15-003", "struct TH %s" % objname(th), "TH has no /Scope")
            elif sc not in (Name.Row, Name.Column, Name.Both):
                self.add("MH 15-003", "struct TH %s" % objname(th), "TH /Scope is %s" % sc)

    def table_attr(self, el, key):
        a = el.get("/A")
        attrs = list(a) if isinstance(a, Array) else ([a] if a is not None else [])
        for at in attrs:
            if isinstance(at, Dictionary) and at.get("/O") == Name.Table and key in at:
                return at[key]
        return None

    def check_annotations_ua(self):
        objrs = getattr(self, "struct_objrs", {})
        parent_tree = getattr(self, "parent_tree", {})
        for page in self.pdf.pages:
            po = page.obj
            pno = self.page_index[po.objgen]
            annots = [a for a in po.get("/Annots", Array()) if isinstance(a, Dictionary)]
            if not annots:
                continue
            tabs = po.get("/Tabs")
            if tabs is None:
                self.add("MH 28-008", "page %d" % pno, "page has annotations but no /Tabs")
            elif tabs != Name.S:
                self.add("MH 28-009", "page %d" % pno, "/Tabs is %s, not /S" % tabs)
            for a in annots:
                st = a.get("/Subtype")
                where = "page %d annot %s %s" % (pno, st, objname(a))
                if st in (Name.Popup, Name.PrinterMark):
                    continue
                hidden = int(a.get("/F", 0)) & 2
                if hidden:
                    continue
                el = objrs.get(a.objgen)
                if el is None:
                    cond = "MH 28-011" if st == Name.Link else "MH 28-002"
                    self.add(cond, where, "annotation is not the OBJR of a structure element")
                else:
                    want = {"/Link": "Link", "/Widget": "Form"}.get(str(st), "Annot")
                    got = self.role_of(str(el.S)[1:], self.root.StructTreeRoot.get(
                        "/RoleMap", Dictionary()))
                    if got != want:
                        cond = "MH 28-011" if st == Name.Link else "MH 28-002"
                        self.add(cond, where, "annotation sits in a %s element, not %s"
                                 % (got, want))
                    sp = a.get("/StructParent")
                    if sp is None:
                        self.add("UA 7.18.1", where, "annotation has no /StructParent")
                    else:
                        pe = parent_tree.get(int(sp))
                        if not isinstance(pe, Dictionary) or pe.objgen != el.objgen:
                            self.add("UA 7.18.1", where,
                                     "ParentTree entry %d does not give the annotation's element"
                                     % int(sp))
                if st == Name.Link:
                    if not text_of(a.get("/Contents", "")).strip():
                        self.add("MH 28-012", where, "Link annotation has no /Contents")
                elif st != Name.Widget:
                    if not text_of(a.get("/Contents", "")).strip() and \
                            (el is None or "/Alt" not in el):
                        self.add("MH 28-004", where, "annotation has no /Contents and no Alt")

    # ---------------------------------------------------------------- fonts
    def all_fonts(self):
        """Every font dictionary used by a Tf on a page or form, plus fonts
        in page resources that are never used (reported all the same)."""
        out = dict(self.fonts)
        for page in self.pdf.pages:
            res = page.obj.get("/Resources", Dictionary())
            for _, f in res.get("/Font", Dictionary()).items():
                out.setdefault(f.objgen, f)
        return out

    def check_fonts(self, which):
        for key, f in sorted(self.all_fonts().items()):
            name = "font %s %s" % (f.get("/BaseFont", "?"), objname(f))
            st = f.get("/Subtype")
            if st == "/Type3":
                continue
            desc = f
            if st == "/Type0":
                dfs = f.get("/DescendantFonts")
                if not dfs:
                    self.add("PDF", name, "Type0 font without DescendantFonts")
                    continue
                desc = dfs[0]
                if desc.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in desc:
                    self.add("PDFA 6.2.11.3.2" if which == "PDFA" else "UA 7.21.3.2", name,
                             "CIDFontType2 without CIDToGIDMap")
            fd = desc.get("/FontDescriptor")
            if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.add("PDFA 6.2.11.4.1" if which == "PDFA" else "UA 7.21.4.1", name,
                         "font program is not embedded")
            codes = self.font_codes.get(key, set())
            tu = f.get("/ToUnicode")
            if tu is None:
                std_enc = f.get("/Encoding") in (Name.WinAnsiEncoding, Name.MacRomanEncoding,
                                                  Name.StandardEncoding)
                if not std_enc:
                    self.add("PDFA 6.2.11.7.2" if which == "PDFA" else "MH 10-001", name,
                             "no ToUnicode map: its character codes cannot be mapped to Unicode")
            else:
                try:
                    mapped = parse_tounicode(tu.read_bytes())
                except Exception as e:
                    self.add("PDF", name, "ToUnicode cannot be read: %s" % e)
                    mapped = None
                if mapped is not None:
                    missing = sorted(c for c in codes
                                     if c not in mapped or not mapped[c]
                                     or "\ufffd" in mapped[c])
                    if missing:
                        self.add("PDFA 6.2.11.7.2" if which == "PDFA" else "MH 10-001", name,
                                 "%d code(s) shown without a Unicode value in ToUnicode: %s"
                                 % (len(missing), " ".join("%04X" % c for c in missing[:8])))
            if st == "/Type0":
                self.check_encoding_cmap(which, name, f, desc)
            if st == "/Type0" and codes:
                gidmap = desc.get("/CIDToGIDMap", Name.Identity)
                enc = f.get("/Encoding")
                emb = self.embedded_cmap(f)
                if emb is not None:
                    # the codes shown, turned into CIDs by the embedded CMap
                    codes = {emb.cid(c) for c in codes}
                if enc in (Name("/Identity-H"), Name("/Identity-V")) or emb is not None:
                    if isinstance(gidmap, Stream):
                        gm = gidmap.read_bytes()
                        notdef = [c for c in codes if 2 * c + 1 >= len(gm) or
                                  (gm[2 * c] << 8 | gm[2 * c + 1]) == 0]
                    else:
                        notdef = [c for c in codes if c == 0]
                    if notdef:
                        self.add("PDFA 6.2.11.8" if which == "PDFA" else "UA 7.21.8", name,
                                 "text shows the .notdef glyph (code(s) %s)"
                                 % " ".join("%04X" % c for c in sorted(notdef)[:8]))
                    if desc.get("/Subtype") == "/CIDFontType2" and fd is not None and \
                            "/FontFile2" in fd:
                        self.check_truetype(which, name, desc, fd.FontFile2, codes, gidmap)

    def check_encoding_cmap(self, which, name, f, desc):
        """PDF/A-2 6.2.11.3.1 and 6.2.11.3.3 (PDF/UA-1 7.21.3.1, 7.21.3.3)
        for an embedded encoding CMap: it can be read, its dictionary's
        WMode equals the one in the CMap file, its UseCMap is no embedded
        CMap (only predefined ones may be used; a usecmap inside the CMap
        file is not checked), and its CIDSystemInfo has the
        CIDFont's Registry and Ordering and no higher Supplement."""
        enc = f.get("/Encoding")
        if not isinstance(enc, Stream):
            return
        cl3 = "PDFA 6.2.11.3.3" if which == "PDFA" else "UA 7.21.3.3"
        cl1 = "PDFA 6.2.11.3.1" if which == "PDFA" else "UA 7.21.3.1"
        self.embedded_cmap(f)
        cm = self.cmap_cache.get(enc.objgen)
        if not isinstance(cm, EmbeddedCMap):
            self.add(cl3, name, "embedded CMap cannot be read: %s" % cm)
            return
        if int(enc.get("/WMode", 0)) != cm.wmode:
            self.add(cl3, name, "WMode %s in the CMap dictionary, %d in the CMap file"
                     % (enc.get("/WMode", 0), cm.wmode))
        if isinstance(enc.get("/UseCMap"), Stream):
            self.add(cl3, name, "the embedded CMap uses another embedded CMap")
        mine = enc.get("/CIDSystemInfo")
        theirs = desc.get("/CIDSystemInfo")
        if not isinstance(mine, Dictionary) or not isinstance(theirs, Dictionary):
            self.add(cl1, name, "CMap or CIDFont has no CIDSystemInfo")
        elif (str(mine.get("/Registry")) != str(theirs.get("/Registry")) or
              str(mine.get("/Ordering")) != str(theirs.get("/Ordering")) or
              int(theirs.get("/Supplement", 0)) < int(mine.get("/Supplement", 0))):
            self.add(cl1, name, "CIDSystemInfo of the CMap (%s-%s-%s) does not fit the "
                     "CIDFont's (%s-%s-%s)" % (mine.get("/Registry"), mine.get("/Ordering"),
                                               mine.get("/Supplement"), theirs.get("/Registry"),
                                               theirs.get("/Ordering"),
                                               theirs.get("/Supplement")))

    def check_truetype(self, which, name, desc, fontfile, codes, gidmap):
        """With fontTools: the embedded TrueType program parses, holds every
        glyph shown (6.2.11.4.1 / 7.21.4.1) and the /W widths agree with its
        advance widths (6.2.11.5 / 7.21.5)."""
        emb = "PDFA 6.2.11.4.1" if which == "PDFA" else "UA 7.21.4.1"
        met = "PDFA 6.2.11.5" if which == "PDFA" else "UA 7.21.5"
        key = fontfile.objgen
        if key not in self.ttf_cache:
            try:
                tt = TTFont(io.BytesIO(fontfile.read_bytes()), lazy=True)
                n = tt["maxp"].numGlyphs
                upm = tt["head"].unitsPerEm
                hmtx = tt["hmtx"].metrics
                order = tt.getGlyphOrder()
                adv = [hmtx[order[g]][0] if g < len(order) and order[g] in hmtx else None
                       for g in range(n)]
                self.ttf_cache[key] = (n, upm, adv)
            except Exception as e:
                self.ttf_cache[key] = str(e)[:80]
        info = self.ttf_cache[key]
        if isinstance(info, str):
            self.add(emb, name, "embedded font program is not a readable TrueType font: %s"
                     % info)
            return
        n, upm, adv = info
        gm = gidmap.read_bytes() if isinstance(gidmap, Stream) else None

        def gid(c):
            if gm is None:
                return c
            return gm[2 * c] << 8 | gm[2 * c + 1] if 2 * c + 1 < len(gm) else 0
        widths = cid_widths(desc)
        dw = float(desc.get("/DW", 1000))
        missing, wrong = [], []
        for c in sorted(codes):
            g = gid(c)
            if g >= n:
                missing.append(c)
                continue
            want = adv[g] * 1000.0 / upm if adv[g] is not None else None
            got = widths.get(c, dw)
            if want is not None and abs(got - want) > 1.0:
                wrong.append("%04X: /W %g, font %g" % (c, got, round(want, 1)))
        if missing:
            self.add(emb, name, "glyph(s) shown are not in the embedded font program "
                     "(%d glyphs): code(s) %s" % (n, " ".join("%04X" % c for c in missing[:8])))
        if wrong:
            self.add(met, name, "%d width(s) in /W differ from the font program's advances: %s"
                     % (len(wrong), "; ".join(wrong[:4])))

    # ------------------------------------------------------------------ XMP
    def read_xmp(self, which):
        md = self.root.get("/Metadata")
        if md is None or not isinstance(md, Stream):
            return None
        try:
            data = md.read_bytes()
        except Exception as e:
            self.add("PDFA 6.6.2.1" if which == "PDFA" else "MH 06-001", "XMP",
                     "metadata stream cannot be decoded: %s" % e)
            return None
        try:
            tree = ET.fromstring(data)
        except ET.ParseError as e:
            self.add("PDFA 6.6.2.1" if which == "PDFA" else "MH 06-001", "XMP",
                     "XMP is not well-formed XML: %s" % e)
            return None
        self.xmp_bytes = data
        return tree

    def xmp_values(self, tree, prefix, local):
        """Every value of a property, as attribute or element of any
        rdf:Description, with rdf:Alt/Seq/Bag items flattened."""
        q = "{%s}%s" % (NS[prefix], local)
        out = []
        for d in tree.iter("{%s}Description" % NS["rdf"]):
            if q in d.attrib:
                out.append(d.attrib[q])
            for e in d.findall(q):
                lis = e.findall(".//{%s}li" % NS["rdf"])
                if lis:
                    out.extend((li.text or "") for li in lis)
                else:
                    out.append(e.text or "")
        return out

    def xmp_prop(self, tree, prefix, local):
        v = self.xmp_values(tree, prefix, local)
        return v[0] if v else None

    def xmp_title(self, tree):
        q = "{%s}title" % NS["dc"]
        for d in tree.iter("{%s}Description" % NS["rdf"]):
            for e in d.findall(q):
                lis = e.findall(".//{%s}li" % NS["rdf"])
                for li in lis:
                    if li.get("{%s}lang" % NS["xml"]) == "x-default":
                        return (li.text or "").strip()
                if lis:
                    return (lis[0].text or "").strip()
        return None

    # ---------------------------------------------------------------- PDF/A
    def check_pdfa(self):
        pdf, root = self.pdf, self.root
        with open(self.path, "rb") as f:
            head = f.read(1024)
        if not re.match(rb"%PDF-1\.[0-7]", head):
            self.add("PDFA 6.1.2", "header", "file does not start with %PDF-1.n")
        else:
            m = re.match(rb"%PDF-1\.[0-7]\r?\n?\r?(%[^\r\n]*)", head)
            if not m or sum(1 for b in m.group(1)[1:5] if b > 127) < 4:
                self.add("PDFA 6.1.2", "header",
                         "second line is not a comment of at least four bytes above 127")
        # Trailer (6.1.3)
        if "/ID" not in pdf.trailer:
            self.add("PDFA 6.1.3", "trailer", "no /ID")
        if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
            self.add("PDFA 6.1.3", "trailer", "file is encrypted")
        # Streams (6.1.7.1): no external files
        for obj in pdf.objects:
            if isinstance(obj, Stream):
                for k in ("/F", "/FFilter", "/FDecodeParms"):
                    if k in obj.stream_dict:
                        self.add("PDFA 6.1.7.1", objname(obj), "stream has %s" % k)
                if obj.stream_dict.get("/Filter") == Name.LZWDecode:
                    self.add("PDFA 6.1.7.2", objname(obj), "LZWDecode filter")
            if isinstance(obj, Dictionary):
                s = obj.get("/S")
                if s is not None and obj.get("/Type", Name.Action) == Name.Action and \
                        isinstance(s, Name) and str(s)[1:] in FORBIDDEN_ACTIONS and \
                        ("/JS" in obj or "/F" in obj or "/N" in obj or s in
                         (Name.JavaScript, Name.Launch)):
                    self.add("PDFA 6.6.1", objname(obj), "forbidden action %s" % s)
                if obj.get("/Subtype") == Name.PS or (
                        obj.get("/Subtype") == Name.Form and obj.get("/Subtype2") == Name.PS):
                    self.add("PDFA 6.2.9", objname(obj), "PostScript XObject")
        # Catalog
        names = root.get("/Names", Dictionary())
        if "/JavaScript" in names:
            self.add("PDFA 6.6.1", "Catalog", "Names dictionary has JavaScript")
        if "/EmbeddedFiles" in names:
            self.check_embedded(names.EmbeddedFiles)
        for holder, label in [(root, "Catalog")] + [(p.obj, "page %d" % (i + 1))
                                                    for i, p in enumerate(pdf.pages)]:
            if "/AA" in holder:
                self.add("PDFA 6.6.2", label, "additional actions (AA)")
        if "/OpenAction" in root:
            oa = root.OpenAction
            if isinstance(oa, Dictionary) and str(oa.get("/S", "/GoTo"))[1:] in FORBIDDEN_ACTIONS:
                self.add("PDFA 6.6.1", "Catalog", "OpenAction is %s" % oa.S)
        af = root.get("/AcroForm")
        if af is not None:
            if "/XFA" in af:
                self.add("PDFA 6.4.2", "AcroForm", "XFA form")
            if af.get("/NeedAppearances") is True:
                self.add("PDFA 6.4.1", "AcroForm", "NeedAppearances is true")
        if root.get("/NeedsRendering") is True:
            self.add("PDFA 6.4.2", "Catalog", "NeedsRendering is true")
        # Output intent (6.2.2/6.2.3)
        intent = None
        for oi in root.get("/OutputIntents", Array()):
            if oi.get("/S") == Name.GTS_PDFA1:
                intent = oi
        if intent is None:
            self.add("PDFA 6.2.2", "Catalog", "no OutputIntent with S /GTS_PDFA1")
            icc_space = None
        else:
            prof = intent.get("/DestOutputProfile")
            icc_space = None
            if not isinstance(prof, Stream):
                self.add("PDFA 6.2.2", "OutputIntent", "no DestOutputProfile ICC stream")
            else:
                data = prof.read_bytes()
                if len(data) < 132 or data[36:40] != b"acsp":
                    self.add("PDFA 6.2.2", "OutputIntent", "DestOutputProfile is not an ICC profile")
                else:
                    icc_space = data[16:20].decode("latin-1").strip()
                    n = int(prof.get("/N", 0))
                    want = {"RGB": 3, "GRAY": 1, "CMYK": 4}.get(icc_space)
                    if want is None:
                        self.add("PDFA 6.2.2", "OutputIntent",
                                 "profile colour space %r is not RGB, GRAY or CMYK" % icc_space)
                    elif n != want:
                        self.add("PDFA 6.2.2", "OutputIntent",
                                 "/N %d does not match the profile's %s" % (n, icc_space))
                    if data[12:16] not in (b"prtr", b"mntr"):
                        self.add("PDFA 6.2.2", "OutputIntent",
                                 "profile class %r is neither prtr nor mntr" % data[12:16])
        # Device colour (6.2.4.3): cmyk operators with an RGB intent, rgb with CMYK
        if icc_space == "RGB" and self.ops_seen & {"k", "K"}:
            self.add("PDFA 6.2.4.3", "content", "DeviceCMYK used (k/K) with an RGB OutputIntent")
        if icc_space == "CMYK" and self.ops_seen & {"rg", "RG"}:
            self.add("PDFA 6.2.4.3", "content", "DeviceRGB used (rg/RG) with a CMYK OutputIntent")
        # Transparency without an intent needs a page group colour space (6.2.10)
        if self.transparency and intent is None:
            for i, p in enumerate(pdf.pages):
                g = p.obj.get("/Group")
                if g is None or "/CS" not in g:
                    self.add("PDFA 6.2.10", "page %d" % (i + 1),
                             "transparency used, no OutputIntent and no page group /CS")
        # XMP (6.6.2.1) and identification (6.6.4)
        md = root.get("/Metadata")
        xmp = self.read_xmp("PDFA")
        if md is None:
            self.add("PDFA 6.6.2.1", "Catalog", "no Metadata stream")
        elif xmp is not None:
            if "/Filter" in md.stream_dict:
                self.add("PDFA 6.6.2.1", "XMP", "metadata stream is filtered (%s)"
                         % md.stream_dict.Filter)
            raw = self.xmp_bytes
            m = re.search(rb"<\?xpacket begin=[^>]*\?>", raw)
            if not m:
                self.add("PDFA 6.6.2.1", "XMP", "no xpacket header")
            elif re.search(rb"\b(bytes|encoding)=", m.group(0)):
                self.add("PDFA 6.6.2.1", "XMP", "xpacket header has bytes or encoding")
            if not re.search(rb"<\?xpacket end=['\"][rw]['\"]\?>\s*$", raw):
                self.add("PDFA 6.6.2.1", "XMP", "no xpacket trailer")
            part = self.xmp_prop(xmp, "pdfaid", "part")
            conf = self.xmp_prop(xmp, "pdfaid", "conformance")
            if part is None or part.strip() != "2":
                self.add("PDFA 6.6.4", "XMP", "pdfaid:part is %r, not 2" % part)
            if conf is None or conf.strip() not in ("A", "B", "U"):
                self.add("PDFA 6.6.4", "XMP", "pdfaid:conformance is %r, not A, B or U" % conf)
            elif conf.strip() == "A":
                # level A needs a tagged file (6.7.2.2 etc.): cheap part of it
                mi = root.get("/MarkInfo")
                if mi is None or mi.get("/Marked") is not True or "/StructTreeRoot" not in root:
                    self.add("PDFA 6.7.2.2", "Catalog", "conformance A but not a tagged PDF")
                if "/Lang" not in root:
                    self.add("PDFA 6.7.3.3", "Catalog", "conformance A but no /Lang")
            self.check_info_xmp(xmp)
            self.check_xmp_schemas(xmp)
        # Annotations (6.3)
        for i, p in enumerate(pdf.pages):
            for a in p.obj.get("/Annots", Array()):
                self.check_annot_pdfa(a, "page %d annot %s" % (i + 1, objname(a)))
        # Fonts (6.2.11)
        self.check_fonts("PDFA")
        # Optional content (6.9)
        ocp = root.get("/OCProperties")
        if ocp is not None:
            for cfg in [ocp.get("/D")] + list(ocp.get("/Configs", Array())):
                if cfg is not None and "/AS" in cfg:
                    self.add("PDFA 6.9", "OCProperties", "configuration has AS")

    def check_info_xmp(self, xmp):
        info = self.pdf.trailer.get("/Info")
        if info is None:
            return
        pairs = [("/Title", "dc", "title"), ("/Author", "dc", "creator"),
                 ("/Subject", "dc", "description"), ("/Keywords", "pdf", "Keywords"),
                 ("/Creator", "xmp", "CreatorTool"), ("/Producer", "pdf", "Producer")]
        for key, pre, local in pairs:
            if key not in info:
                continue
            want = text_of(info[key])
            got = self.xmp_title(xmp) if local == "title" else None
            if got is None:
                vals = self.xmp_values(xmp, pre, local)
                got = vals[0] if len(vals) == 1 else (", ".join(vals) if vals else None)
            if got is None:
                self.add("PDFA 6.6.2.1", "Info %s" % key,
                         "Info has %s but XMP has no %s:%s" % (key, pre, local))
            elif got.strip() != want.strip():
                self.add("PDFA 6.6.2.1", "Info %s" % key,
                         "Info %s %r differs from XMP %s:%s %r" % (key, want, pre, local, got))
        for key, local in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
            if key in info:
                vals = self.xmp_values(xmp, "xmp", local)
                if not vals:
                    self.add("PDFA 6.6.2.1", "Info %s" % key,
                             "Info has %s but XMP has no xmp:%s" % (key, local))
                elif not same_date(text_of(info[key]), vals[0]):
                    self.add("PDFA 6.6.2.1", "Info %s" % key, "Info %s %r differs from xmp:%s %r"
                             % (key, text_of(info[key]), local, vals[0]))

    def check_xmp_schemas(self, xmp):
        """6.6.2.3.1: a property outside the schemas XMP predefines needs its
        namespace described in a pdfaExtension:schemas entry."""
        ext = self.xmp_values(xmp, "pdfaSchema", "namespaceURI")
        for li in xmp.iter("{%s}namespaceURI" % NS["pdfaSchema"]):
            ext.append(li.text or "")
        described = {u.strip() for u in ext}
        used = set()
        rdf = "{%s}" % NS["rdf"]
        for d in xmp.iter(rdf + "Description"):
            names = list(d.attrib) + [c.tag for c in d]
            for n in names:
                if n.startswith("{") and not n.startswith(rdf):
                    used.add(n[1:n.index("}")])
        for uri in sorted(used - PREDEFINED_XMP - described):
            self.add("PDFA 6.6.2.3.1", "XMP", "namespace %s is neither predefined nor described "
                     "in pdfaExtension:schemas" % uri)

    def check_embedded(self, tree):
        out = []

        def walk(n, d=0):
            if d > 32:
                return
            nm = n.get("/Names", Array())
            for k in range(1, len(nm), 2):
                out.append(nm[k])
            for kid in n.get("/Kids", Array()):
                walk(kid, d + 1)
        walk(tree)
        for fs in out:
            ef = fs.get("/EF", Dictionary())
            st = ef.get("/F", ef.get("/UF"))
            ok = False
            if isinstance(st, Stream):
                data = st.read_bytes()
                ok = data.startswith(b"%PDF") and b"pdfaid" in data
            if not ok:
                self.add("PDFA 6.8", "EmbeddedFiles %s" % text_of(fs.get("/F", "?")),
                         "embedded file is not a PDF/A file (PDF/A-2 allows only PDF/A)")

    def check_annot_pdfa(self, a, where):
        st = a.get("/Subtype")
        allowed = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon",
                   "/PolyLine", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut",
                   "/Stamp", "/Caret", "/Ink", "/Popup", "/Widget", "/PrinterMark",
                   "/TrapNet", "/Watermark", "/Redact"}
        if str(st) not in allowed:
            self.add("PDFA 6.3.1", where, "annotation type %s is not permitted" % st)
        if st != Name.Popup:
            if "/F" not in a:
                self.add("PDFA 6.3.2", where, "annotation has no /F flags")
            else:
                f = int(a.F)
                if not f & 4:
                    self.add("PDFA 6.3.2", where, "Print flag is not set")
                if f & (1 | 2 | 32 | 256):
                    self.add("PDFA 6.3.2", where,
                             "Invisible, Hidden, NoView or ToggleNoView flag set")
        if "/CA" in a and float(a.CA) != 1.0:
            self.add("PDFA 6.3.3", where, "annotation CA is not 1.0")
        ap = a.get("/AP")
        if ap is not None:
            extra = [k for k in ap.keys() if k != "/N"]
            if extra:
                self.add("PDFA 6.3.3", where, "appearance dictionary has %s besides N"
                         % " ".join(extra))
        else:
            r = [float(x) for x in a.get("/Rect", [0, 0, 0, 0])]
            zero = abs(r[2] - r[0]) < 1e-9 and abs(r[3] - r[1]) < 1e-9
            if st not in (Name.Popup, Name.Link) and not zero:
                self.add("PDFA 6.3.3", where, "annotation has no appearance stream")
        act = a.get("/A")
        if isinstance(act, Dictionary) and str(act.get("/S", ""))[1:] in FORBIDDEN_ACTIONS:
            self.add("PDFA 6.6.1", where, "action %s" % act.S)
        if "/AA" in a:
            self.add("PDFA 6.6.2", where, "annotation has additional actions")


def same_date(pdfdate, xmpdate):
    """Compares a PDF date (D:YYYYMMDDHHmmSSOHH'mm) with an XMP date
    (YYYY-MM-DDThh:mm:ss+hh:mm) to the second, as instants."""
    m = re.match(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?([Zz+-])?(\d\d)?'?(\d\d)?", pdfdate)
    x = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T(\d\d):(\d\d)(?::(\d\d))?)?"
                 r"(?:\.\d+)?([Zz+-])?(\d\d)?:?(\d\d)?", xmpdate.strip())
    if not m or not x:
        return False

    def norm(g):
        vals = [int(v) if v and v.isdigit() else d
                for v, d in zip(g[:6], (0, 1, 1, 0, 0, 0))]
        sign = g[6]
        off = 0
        if sign in ("+", "-"):
            off = int(g[7] or 0) * 60 + int(g[8] or 0)
            off = off if sign == "+" else -off
        return tuple(vals), off
    return norm(m.groups()) == norm(x.groups())


def cid_widths(desc):
    """CID -> width from a CIDFont's /W array (ISO 32000-1 9.7.4.3)."""
    out = {}
    w = list(desc.get("/W", Array()))
    i = 0
    while i < len(w):
        first = int(w[i])
        if i + 1 < len(w) and isinstance(w[i + 1], Array):
            for k, v in enumerate(w[i + 1]):
                out[first + k] = float(v)
            i += 2
        elif i + 2 < len(w):
            last, v = int(w[i + 1]), float(w[i + 2])
            if last - first <= 0x10000:
                for c in range(first, last + 1):
                    out[c] = v
            i += 3
        else:
            break
    return out


class EmbeddedCMap:
    """An embedded encoding CMap (ISO 32000-1 9.7.5.4): its codespace ranges
    split a string into codes, its cidrange and cidchar sections give each
    code's CID."""

    def __init__(self, data):
        text = data.decode("latin-1")
        self.spaces = []  # (bytes, lo, hi)
        for sec in re.finditer(r"begincodespacerange(.*?)endcodespacerange", text, re.S):
            for lo, hi in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", sec.group(1)):
                self.spaces.append((len(lo) // 2, int(lo, 16), int(hi, 16)))
        if not self.spaces:
            raise ValueError("no codespace range")
        self.ranges = []  # (lo, hi, first cid)
        for sec in re.finditer(r"begincidrange(.*?)endcidrange", text, re.S):
            for lo, hi, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)",
                                        sec.group(1)):
                self.ranges.append((int(lo, 16), int(hi, 16), int(c)))
        self.chars = {}
        for sec in re.finditer(r"begincidchar(.*?)endcidchar", text, re.S):
            for code, c in re.findall(r"<([0-9A-Fa-f]+)>\s*(\d+)", sec.group(1)):
                self.chars[int(code, 16)] = int(c)
        m = re.search(r"/WMode\s+(\d+)\s+def", text)
        self.wmode = int(m.group(1)) if m else 0

    def codes(self, b):
        """The codes of string b, by the codespace ranges (shortest match)."""
        out, i = [], 0
        widths = sorted({n for n, _, _ in self.spaces})
        while i < len(b):
            for n in widths:
                v = int.from_bytes(b[i:i + n], "big") if i + n <= len(b) else None
                if v is not None and any(n == m and lo <= v <= hi for m, lo, hi in self.spaces):
                    out.append(v)
                    i += n
                    break
            else:
                i += widths[0]  # not in any range: skipped (CID 0 in a viewer)
        return out

    def cid(self, code):
        if code in self.chars:
            return self.chars[code]
        for lo, hi, c in self.ranges:
            if lo <= code <= hi:
                return c + code - lo
        return 0


def parse_tounicode(data):
    """code -> Unicode string, from a ToUnicode CMap's bfchar and bfrange
    sections (ISO 32000-1 9.10.3)."""
    text = data.decode("latin-1")
    out = {}

    def u(h):
        b = bytes.fromhex(h)
        try:
            return b.decode("utf-16-be")
        except UnicodeDecodeError:
            return "\ufffd"
    for sec in re.finditer(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", sec.group(1)):
            out[int(src, 16)] = u(dst)
    for sec in re.finditer(r"beginbfrange(.*?)endbfrange", text, re.S):
        body = sec.group(1)
        for m in re.finditer(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)",
                             body):
            lo, hi, dst = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if hi - lo > 0x10000:
                continue
            if dst.startswith("["):
                items = re.findall(r"<([0-9A-Fa-f]*)>", dst)
                for k, h in enumerate(items):
                    if lo + k <= hi:
                        out[lo + k] = u(h)
            else:
                h = dst[1:-1]
                base = int(h, 16) if h else 0
                width = len(h)
                for c in range(lo, hi + 1):
                    # the last byte increments (ISO 32000-1 9.10.3)
                    v = base + (c - lo)
                    out[c] = u("%0*X" % (width, v)) if width else ""
    return out


def check_file(path, ua, pdfa):
    c = Checker(path, ua, pdfa)
    c.run()
    # one line per distinct finding, in a stable order
    seen, out = set(), []
    for f in c.findings:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def main(argv):
    ua = pdfa = quiet = False
    files = []
    for a in argv:
        if a == "--ua":
            ua = True
        elif a == "--pdfa":
            pdfa = True
        elif a in ("-q", "--quiet"):
            quiet = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("-"):
            print("pdfcheck.py: unknown option %s" % a, file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    if not ua and not pdfa:
        ua = pdfa = True
    total = 0
    for path in files:
        try:
            open(path, "rb").close()
        except OSError as e:
            print("%s: cannot open: %s" % (path, e.strerror), file=sys.stderr)
            return 2
        found = check_file(path, ua, pdfa)
        for cond, obj, msg in found:
            print("%s: %s %s: %s" % (path, cond, obj, msg))
        total += len(found)
        if not quiet:
            print("%s: %d finding(s)" % (path, len(found)), file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
