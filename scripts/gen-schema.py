#!/usr/bin/env python3
"""scripts/gen-schema.py - writes docs/schema/guide.schema.json and
style.schema.json.

The structure (keys, types, enums, required keys) comes from the program:
`guidepress schema guide|style` writes it from the loaders' own tables. The
descriptions and examples come from the reference pages users read
(docs/guide-format.md and docs/style-reference.md): each table row
`| `key` | type | ... | meaning |` under a heading that names a mapping
describes that key. So the schema, the loader and the docs are one source.

usage: gen-schema.py GUIDEPRESS SOURCE_DIR OUT_DIR"""
import json
import re
import subprocess
import sys

gp, src, out = sys.argv[1:4]


def tables(md):
    """Yields (heading, header_cells, row_cells) for every Markdown table row."""
    heading, header = "", None
    for line in md.splitlines():
        m = re.match(r"#{2,4} +(.*)", line)
        if m:
            heading, header = m.group(1).strip(), None
            continue
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif not set("".join(cells)) <= set("-: "):
            yield heading, header, cells


def key_of(cell):
    m = re.fullmatch(r"`([a-z_0-9]+)`", cell)
    return m.group(1) if m else None


def clean(text):
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "")


def describe(node, header, cells):
    d = {}
    for name, cell in zip(header, cells):
        if name in ("meaning", "description") and cell:
            d["description"] = clean(cell)
        elif name == "type" and cell and "description" not in d:
            d.setdefault("_type", clean(cell))
        elif name == "example" and cell:
            ex = re.findall(r"`([^`]+)`", cell)
            if ex:
                d["examples"] = ex
    if "description" not in d and "_type" in d:
        d["description"] = d["_type"]
    d.pop("_type", None)
    node.update(d)


def mapping_name(heading):
    m = re.search(r"`([a-z_]+)`", heading)
    return m.group(1) if m else heading.lower()


def style_schema():
    s = json.loads(subprocess.run([gp, "schema", "style"], check=True, capture_output=True,
                                  text=True).stdout)
    md = open(f"{src}/docs/style-reference.md", encoding="utf-8").read()
    props = s["properties"]
    for heading, header, cells in tables(md):
        key = key_of(cells[0])
        if not key:
            continue
        where = mapping_name(heading)
        if heading.lower().startswith("top-level") and key in props:
            describe(props[key], header, cells)
        elif where in props and "properties" in props[where] and key in props[where]["properties"]:
            describe(props[where]["properties"][key], header, cells)
        elif "text style" in heading.lower():
            for role in props["text"]["properties"].values():
                if key in role["properties"]:
                    describe(role["properties"][key], header, cells)
        elif where in ("header and footer",):
            for part in ("header", "footer"):
                if key in props[part]["properties"]:
                    describe(props[part]["properties"][key], header, cells)
        elif where == "sections":
            for sec in props["sections"]["properties"].values():
                if key in sec["properties"]:
                    describe(sec["properties"][key], header, cells)
    return s


def guide_schema():
    s = json.loads(subprocess.run([gp, "schema", "guide"], check=True, capture_output=True,
                                  text=True).stdout)
    md = open(f"{src}/docs/guide-format.md", encoding="utf-8").read()
    props = s["properties"]
    types = {}
    for heading, header, cells in tables(md):
        key = key_of(cells[0])
        if heading.lower() == "top level":
            for k in re.findall(r"`([a-z_]+)`", cells[0]):
                if k in props:
                    describe(props[k], header, cells)
        elif heading.lower() == "section types" and key:
            types[key] = clean(cells[-1]) + " Fields: " + clean(cells[1])
    sec = s["definitions"]["section"]
    sec["description"] = "One section of the body; `type` says which. " + \
        " ".join(f"{k}: {v}." for k, v in types.items())
    return s


for name, schema in (("guide", guide_schema()), ("style", style_schema())):
    with open(f"{out}/{name}.schema.json", "w", encoding="utf-8") as f:
        json.dump(schema, f, indent=2, ensure_ascii=False)
        f.write("\n")
print(f"wrote {out}/guide.schema.json and {out}/style.schema.json")
