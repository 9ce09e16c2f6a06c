#!/usr/bin/env bash
# tests/perf/check_size.sh - small files (issue 9): the seed guide's PDF
# stays within its byte budget, packs its small objects into object
# streams, and a brand's SVG logo is one form XObject that every page
# shares (not its paths again on each page).
#
#   check_size.sh GUIDEPRESS SOURCE_DIR WORKDIR
set -euo pipefail
gp=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
guide="$src/data/guides/data-engineer-to-backend-developer.yaml"
fail() { echo "check_size: $*" >&2; exit 1; }

"$gp" render "$guide" -o "$work/seed.pdf" --quiet
size=$(stat -c %s "$work/seed.pdf")
[ "$size" -le 150000 ] || fail "seed guide is $size bytes (budget 150,000)"
qpdf --check "$work/seed.pdf" >/dev/null || fail "qpdf --check failed on the seed guide"
grep -aq "/Type */ObjStm" "$work/seed.pdf" || fail "no object streams in the seed guide"
head -c 8 "$work/seed.pdf" | grep -qE '^%PDF-(1\.[5-7]|2\.0)' || fail "object streams need PDF 1.5 or later"
pdffonts "$work/seed.pdf" | awk 'NR > 2 && ($5 != "yes" || $6 != "yes") {bad = 1} END {exit bad}' ||
  fail "a font is not embedded and subset"
echo "seed guide: $size bytes"

# PDF/A-1 (the libharu painter) is PDF 1.4: no object streams there.
"$gp" render "$guide" --pdfa --backend haru -o "$work/seed-a.pdf" --quiet
! grep -aq "/Type */ObjStm" "$work/seed-a.pdf" || fail "object streams in PDF/A-1 output"

# (--no-forms: the tick boxes' check box appearances are forms too)
"$gp" render "$guide" -s example-brand -o "$work/brand.pdf" --quiet --no-forms
qpdf --qdf --object-streams=disable "$work/brand.pdf" "$work/brand.qdf"
pages=$(grep -ac "^  /Type /Page$" "$work/brand.qdf" || true)
forms=$(grep -ac "/Subtype /Form" "$work/brand.qdf" || true)
[ "$pages" -ge 2 ] || fail "expected several pages in the brand guide, found $pages"
[ "$forms" -eq 1 ] || fail "expected the logo as 1 shared form XObject, found $forms"
# the resources name that one form (per page, or one dictionary shared by
# every page) and every page paints it (in its own content or in a running
# header stream that several pages list, so pages are counted, not Do's)
refs=$(grep -aA1 "/XObject <<" "$work/brand.qdf" | grep -aoE "[0-9]+ 0 R" | sort -u | wc -l)
uses=$(/usr/bin/python3 -c '
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
print(sum(any(op == pikepdf.Operator("Do") for _, op in pikepdf.parse_content_stream(p))
          for p in pdf.pages))' "$work/brand.pdf")
[ "$refs" -eq 1 ] && [ "$uses" -ge "$pages" ] ||
  fail "the logo form is not shared by every page ($uses of $pages pages paint it, $refs objects)"
bsize=$(stat -c %s "$work/brand.pdf")
[ "$bsize" -le 150000 ] || fail "example-brand guide is $bsize bytes (budget 150,000)"
echo "example-brand: $bsize bytes, logo shared by $pages pages"
