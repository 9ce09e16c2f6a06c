#!/usr/bin/env python3
"""tests/batch/gen_clients.py - writes a mail-merge CSV of N clients with
distinct names over the guides of a folder, deterministically (no random
state), so a merge test can check each PDF for its own client's name.

Names mix what real cohorts contain and CSV must carry: accents, Welsh
circumflexes, apostrophes, commas ("Okonkwo, Adaeze") and doubled quotes.

usage: gen_clients.py N GUIDES_DIR OUT.csv [--password-every K]
Guide paths are written relative to the CSV's folder when possible."""
import os
import sys

FIRST = ["Amara", "Ben", "Chloé", "Dafydd", "Eleri", "Farah", "Gareth", "Hannah",
         "Ifan", "Jane", "Kwame", "Lowri", "Mei", "Niamh", "Owain", "Priya",
         "Rhys", "Siân", "Tomasz", "Uchenna", "Vikram", "Wen", "Yusuf", "Zara",
         "Aoife", "Bogdan", "Ceri", "Dev", "Efua", "Fintan", "Gwen", "Hamza",
         "Ines", "Jac", "Kemi", "Llinos"]
LAST = ["Okafor", "Jones", "Marchand", "ap Rhys", "Morgan", "Haddad", "Pryce",
        "Lowe", "Ŵyn", "O'Brien", "Mensah-Boateng", "Evans", "Chen", "Ní Bhriain",
        "Williams", "Natarajan", "Hughes", "Llewelyn", "Kowalski", "Eze",
        "Sharma", "Li", "Al-Hakim", "Ahmed", "Byrne", "Popescu"]
ADVISERS = ["Priya Natarajan", "Marcus Hale", "Eleri Morgan"]


def name(i):
    """Distinct for i < len(FIRST) * len(LAST) (936); beyond, a suffix."""
    f = FIRST[i % len(FIRST)]
    l = LAST[(i // len(FIRST) + i) % len(LAST)]
    n = f"{f} {l}"
    if i >= len(FIRST) * len(LAST):
        n += f" {i // (len(FIRST) * len(LAST)) + 1}"
    return n


def csv_field(s):
    if any(c in s for c in ',"\r\n') or s != s.strip():
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    n = int(sys.argv[1])
    guides_dir = sys.argv[2]
    out = sys.argv[3]
    pw_every = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--password-every" else 0
    guides = sorted(g for g in os.listdir(guides_dir) if g.endswith(".yaml"))
    base = os.path.dirname(os.path.abspath(out))
    names = set()
    rows = ["guide,prepared_for,prepared_by,date,output,style" + (",password" if pw_every else "")]
    for i in range(n):
        who = name(i)
        if i % 7 == 3:  # surname first, with a comma
            parts = who.split(" ", 1)
            who = f"{parts[1]}, {parts[0]}"
        if i % 50 == 17:
            who = who.replace(" ", ' "Jo" ', 1)
        assert who not in names, who
        names.add(who)
        g = os.path.relpath(os.path.join(os.path.abspath(guides_dir), guides[i % len(guides)]), base)
        date = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        style = "print-mono" if i % 5 == 4 else ""
        cells = [g, who, ADVISERS[i % 3], date, f"clients/c{i + 1:04d}.pdf", style]
        if pw_every:
            cells.append(f"pw{i}" if i % pw_every == 0 else "")
        rows.append(",".join(csv_field(c) for c in cells))
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(rows) + "\r\n")


if __name__ == "__main__":
    main()
