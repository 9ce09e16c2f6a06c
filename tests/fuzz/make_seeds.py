#!/usr/bin/env python3
"""tests/fuzz/make_seeds.py - writes the small seed guides for the render
fuzz target (tests/fuzz/corpus/render/seed-*.yaml) and the rich-text seeds
(tests/fuzz/corpus/rich/seed-*.txt).

The render target skips inputs over 4 KiB so that one execution stays fast,
and the shipped guides are 11-30 KiB; so each seed is one guide's header
with a single one of its sections, lists cut to two entries and prose cut
to 300 characters. Rich-text seeds are the prose fields of every guide.
Run once by hand (needs PyYAML); its output is checked in, and the fuzzer's
merged corpus grows from it.
"""
import glob
import os
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
render_dir = os.path.join(here, "corpus", "render")
rich_dir = os.path.join(here, "corpus", "rich")
os.makedirs(render_dir, exist_ok=True)
os.makedirs(rich_dir, exist_ok=True)

LIMIT = 4000


def shrink(v, prose=300, items=2):
    if isinstance(v, str):
        return v[:prose]
    if isinstance(v, list):
        return [shrink(x, prose, items) for x in v[:items]]
    if isinstance(v, dict):
        return {k: shrink(x, prose, items) for k, x in v.items()}
    return v


def prose_fields(v, out):
    if isinstance(v, str):
        if len(v) > 40 and (" " in v):
            out.append(v)
    elif isinstance(v, list):
        for x in v:
            prose_fields(x, out)
    elif isinstance(v, dict):
        for x in v.values():
            prose_fields(x, out)


n_render = n_rich = 0
guides = sorted(glob.glob(os.path.join(root, "data", "guides", "*.yaml")) +
                glob.glob(os.path.join(root, "data", "guides-i18n", "*.yaml")))
for path in guides:
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        g = yaml.safe_load(f)
    head = {k: shrink(v) for k, v in g.items() if k != "sections"}
    for i, sec in enumerate(g.get("sections", [])):
        for prose, items in ((300, 2), (120, 1)):
            doc = dict(head)
            doc["sections"] = [shrink(sec, prose, items)]
            text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
            if len(text.encode()) <= LIMIT:
                break
        else:
            continue
        name = "seed-%s-%02d-%s.yaml" % (stem, i, sec.get("type", "x"))
        with open(os.path.join(render_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
        n_render += 1
    texts = []
    prose_fields(g, texts)
    for k, t in enumerate(texts):
        if "*" in t or "[" in t or "\n" in t:
            with open(os.path.join(rich_dir, "seed-%s-%03d.txt" % (stem, k)), "w",
                      encoding="utf-8") as f:
                f.write(t)
            n_rich += 1
print("wrote %d render seeds, %d rich seeds" % (n_render, n_rich), file=sys.stderr)
