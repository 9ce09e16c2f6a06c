#!/usr/bin/env python3
"""pgmdiff.py - compare two sets of page images (binary PGM, as written by
`pdftoppm -gray`) with a tolerance, in the spirit of Cairo's buffer-diff:
a pixel "differs" when its grey levels are more than THRESHOLD apart.

usage: pgmdiff.py [--threshold N] [--max-percent P] A-1.pgm B-1.pgm [A-2.pgm B-2.pgm ...]

For each pair prints the share of differing pixels among all pixels and
among inked pixels (darker than 250 in either image); fails (exit 1) when
the page sizes differ or any page's share of all pixels exceeds
--max-percent. Pure Python: there is no PIL here."""
import sys


def read_pgm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while data[pos:pos + 1] not in (b"\n", b""):
                pos += 1
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise SystemExit(f"{path}: not an 8-bit binary PGM")
    w, h = int(fields[1]), int(fields[2])
    pix = data[pos + 1:pos + 1 + w * h]
    if len(pix) != w * h:
        raise SystemExit(f"{path}: truncated")
    return w, h, pix


def main(argv):
    threshold, max_percent, files = 64, 100.0, []
    i = 0
    while i < len(argv):
        if argv[i] == "--threshold":
            threshold = int(argv[i + 1])
            i += 2
        elif argv[i] == "--max-percent":
            max_percent = float(argv[i + 1])
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if not files or len(files) % 2:
        raise SystemExit(__doc__)
    ok, tot_diff, tot_px, tot_ink = True, 0, 0, 0
    for a, b in zip(files[0::2], files[1::2]):
        wa, ha, pa = read_pgm(a)
        wb, hb, pb = read_pgm(b)
        if (wa, ha) != (wb, hb):
            print(f"{a} {b}: size {wa}x{ha} != {wb}x{hb}")
            ok = False
            continue
        diff = ink = 0
        for x, y in zip(pa, pb):
            if x < 250 or y < 250:
                ink += 1
                if abs(x - y) > threshold:
                    diff += 1
        pct = 100.0 * diff / (wa * ha)
        pct_ink = 100.0 * diff / ink if ink else 0.0
        print(f"{b}: {diff} px differ ({pct:.3f}% of page, {pct_ink:.2f}% of ink)")
        tot_diff, tot_px, tot_ink = tot_diff + diff, tot_px + wa * ha, tot_ink + ink
        if pct > max_percent:
            print(f"{b}: over the tolerance of {max_percent}%")
            ok = False
    if tot_px:
        print(f"total: {100.0 * tot_diff / tot_px:.3f}% of pixels, "
              f"{100.0 * tot_diff / max(tot_ink, 1):.2f}% of inked pixels differ by more than {threshold}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
