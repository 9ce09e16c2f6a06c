#!/usr/bin/env python3
"""Check that a guide YAML carries every word of a plain-text seed guide.

Usage: check_seed_words.py [--allow-reorder] SEED.txt GUIDE.yaml

The seed is the guide as plain text (what a reader sees in the PDF). Every
whitespace-separated token of it must appear in the YAML file's text, and in
the same order as far as practical. Text that the layout generates rather
than the guide file is skipped:

  * bare step/skill/list numbers (a paragraph that is just "1", "2", ...);
  * the "As a <from>" / "As a <to>" skill-card labels (the loader's
    defaults, or the file's from_label / to_label);
  * the "Expected timeline:" prefix in front of the timeline duration;
  * salary table money formatting: a seed line "Entry£32,000–£45,000" is
    checked as the band name "Entry" (anywhere) plus the numbers 32000 and
    45000 (in order); "£130,000+" becomes 130000+.

Stdlib only; the YAML is read as raw text (its syntax is validated by the
program itself). Prints missing tokens with their seed context and exits 1
when any are missing; tokens found only out of order are reported for
information only with --allow-reorder (otherwise they fail too). Exit 0 when
nothing is missing or out of order.
"""
import difflib
import re
import sys

# Characters stripped from both ends of every token on both sides, so that
# YAML quoting ("Title") and flow syntax ([a, b]) do not hide a word.
STRIP = '"{}[],'

SALARY_LINE = re.compile(r'^(.+?)£([\d,]+)–£([\d,]+)(\+?)$')


def norm(tok):
    return tok.strip(STRIP)


def yaml_tokens(text):
    text = text.replace('\\"', '"')
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith('#'):
            continue  # comments
        for t in line.split():
            t = norm(t)
            if t:
                out.append(t)
    return out


def scalar_after(text, key):
    m = re.search(r'^\s*' + re.escape(key) + r':\s*(.+?)\s*$', text, re.M)
    if not m:
        return None
    v = m.group(1)
    if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'':
        v = v[1:-1]
    return v


def seed_tokens(seed, ytext):
    """Returns (ordered, presence_only): lists of (token, context)."""
    labels = set()
    frm, to = scalar_after(ytext, 'from'), scalar_after(ytext, 'to')
    if frm:
        labels.add('As a ' + frm)
    if to:
        labels.add('As a ' + to)
    for k in ('from_label', 'to_label'):
        v = scalar_after(ytext, k)
        if v:
            labels.add(v)

    ordered, presence = [], []
    for para in re.split(r'\n\s*\n', seed):
        p = para.strip()
        if not p or re.fullmatch(r'\d{1,3}', p) or p in labels:
            continue
        if p.startswith('Expected timeline:'):
            p = p[len('Expected timeline:'):]
        for line in p.split('\n'):
            m = SALARY_LINE.match(line.strip())
            if m:
                band, lo, hi, plus = m.groups()
                for w in band.split():
                    presence.append((w, line))
                ordered.append((lo.replace(',', ''), line))
                ordered.append((hi.replace(',', '') + plus, line))
                continue
            words = line.split()
            for i, w in enumerate(words):
                t = norm(w)
                if t:
                    ctx = ' '.join(words[max(0, i - 4):i + 5])
                    ordered.append((t, ctx))
    return ordered, presence


def main(argv):
    allow_reorder = '--allow-reorder' in argv
    argv = [a for a in argv if a != '--allow-reorder']
    if len(argv) != 3:
        sys.stderr.write('usage: check_seed_words.py [--allow-reorder] '
                         'SEED.txt GUIDE.yaml\n')
        return 2
    with open(argv[1], encoding='utf-8') as f:
        seed = f.read()
    with open(argv[2], encoding='utf-8') as f:
        ytext = f.read()

    ytoks = yaml_tokens(ytext)
    yset = set(ytoks)
    ordered, presence = seed_tokens(seed, ytext)

    stoks = [t for t, _ in ordered]
    sm = difflib.SequenceMatcher(None, stoks, ytoks, autojunk=False)
    matched = [False] * len(stoks)
    for a, _b, n in sm.get_matching_blocks():
        for i in range(a, a + n):
            matched[i] = True

    missing, unordered = [], []
    for i, (t, ctx) in enumerate(ordered):
        if matched[i]:
            continue
        (unordered if t in yset else missing).append((t, ctx))
    for t, ctx in presence:
        if t not in yset:
            missing.append((t, ctx))

    for t, ctx in unordered:
        print(f'out of order: {t!r}  (… {ctx} …)')
    for t, ctx in missing:
        print(f'MISSING: {t!r}  (… {ctx} …)')
    total = len(ordered) + len(presence)
    print(f'{argv[2]}: {total} seed tokens checked, {len(missing)} missing, '
          f'{len(unordered)} out of order')
    return 1 if missing or (unordered and not allow_reorder) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
