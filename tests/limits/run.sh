#!/usr/bin/env bash
# tests/limits/run.sh GUIDEPRESS CASE
#
# Hostile inputs at render time: each CASE below feeds `guidepress render`
# (or `check`) a guide, style, logo or font that must be refused with a
# clear error and exit status 1 - never a crash, a hang or a partial output
# file - or, for the warning cases, rendered (exit 0) with the expected
# warning on stderr and the text really in the PDF. Fixtures that would be
# large or binary (a 30,000 x 30,000 PNG, a guide of 20,000 steps) are made
# here at run time; small ones live next to this script. Each case runs
# under a CPU-time limit and a 120 s wall-clock limit, so a regression to
# quadratic or unbounded work, or a blocked read, fails instead of stalling
# CI. docs/limits.md lists every limit and error.
set -u
bin=${1:?usage: run.sh GUIDEPRESS CASE}
case_name=${2:?usage: run.sh GUIDEPRESS CASE}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

fail() {
  echo "FAIL $case_name: $*"
  [ -f err.txt ] && { echo "--- stderr:"; head -n 20 err.txt; }
  exit 1
}

# run CPU_SECONDS ARGS...: runs guidepress with a CPU-time limit; sets $rc.
run() {
  local cpu=$1
  shift
  rc=0
  # CPU time catches unbounded work; the wall clock a blocked read.
  (ulimit -t "$cpu"; exec timeout -k 5 120 "$bin" "$@") >out.txt 2>err.txt || rc=$?
  if [ "$rc" = 124 ]; then
    fail "still running after 120 s (blocked?)"
  fi
  if [ "$rc" -gt 128 ]; then
    fail "killed by signal $((rc - 128)) (crash, or more than ${cpu}s of CPU)"
  fi
}

# expect_error CPU OUTPUT SUBSTRING... -- ARGS...: exit status 1, stderr
# holds every substring (grep -F), OUTPUT and any temporary file next to it
# do not exist.
expect_error() {
  local cpu=$1 out=$2
  shift 2
  local subs=()
  while [ "$1" != "--" ]; do subs+=("$1"); shift; done
  shift
  run "$cpu" "$@"
  [ "$rc" = 1 ] || fail "exit status $rc, expected 1"
  for s in "${subs[@]}"; do
    grep -qF -- "$s" err.txt || fail "stderr lacks: $s"
  done
  grep -q "error:" err.txt || fail "no error: line on stderr"
  [ ! -e "$out" ] || fail "$out was written although the render failed"
  if ls "$out".tmp.* >/dev/null 2>&1; then fail "temporary file left behind"; fi
  echo "ok $case_name: $(grep -m1 error: err.txt)"
}

# expect_pdf PDF TEXT...: PDF passes qpdf --check and pdftotext finds each TEXT.
expect_pdf() {
  local pdf=$1
  shift
  [ "$rc" = 0 ] || fail "exit status $rc, expected 0"
  [ -s "$pdf" ] || fail "$pdf missing"
  qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check fails on $pdf"
  pdftotext "$pdf" text.txt || fail "pdftotext fails"
  for s in "$@"; do
    grep -qF -- "$s" text.txt || fail "PDF text lacks: $s"
  done
}

guide_small="$here/small-guide.yaml"

# PNG writer for the logo cases: signature + IHDR (+ optional pixel data).
png() { # png FILE WIDTH HEIGHT MODE   MODE: header | full | corrupt
  python3 - "$@" <<'EOF'
import struct, sys, zlib
path, w, h, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
depth, colour = (1, 0) if mode == 'full' else (8, 2)
out = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, colour, 0, 0, 0))
if mode == 'full':  # every row black: a real image that compresses ~1000:1
    row = b'\x00' * (1 + (w + 7) // 8)
    co = zlib.compressobj(9)
    data = b''.join(co.compress(row) for _ in range(h)) + co.flush()
    out += chunk(b'IDAT', data) + chunk(b'IEND', b'')
elif mode == 'corrupt':
    out += chunk(b'IDAT', b'this is not zlib data at all') + chunk(b'IEND', b'')
open(path, 'wb').write(out)
EOF
}

# style_with_logo FILE: a style naming FILE as the brand logo.
style_with_logo() {
  printf 'style: 1\nbrand:\n  name: Acme Careers\n  logo: %s\n' "$1" >style.yaml
}

case $case_name in
# Page geometry ------------------------------------------------------------
margins_larger_than_page)
  printf 'style: 1\npage:\n  size: A4\n  margin: 150mm\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:4:11: error: margins leave 0pt of the 595pt page width" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
text_area_too_small)
  # Each margin is legal but the text area left is below 72 x 144 pt.
  printf 'style: 1\npage:\n  size: [50mm, 50mm]\n  margin: 0\n' >style.yaml
  expect_error 20 out.pdf "the margins leave a text area of 142 x 142 pt; at least 72 x 144 pt is needed" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
page_size_negative)
  printf 'style: 1\npage:\n  size: [-100mm, 200mm]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:10: error: page width -283.465pt is too small (at least 72pt, one inch)" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
page_size_zero)
  printf 'style: 1\npage:\n  size: [0mm, 0mm]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:10: error: page width 0pt is too small" \
    "style.yaml:3:15: error: page height 0pt is too small" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
page_size_huge)
  printf 'style: 1\npage:\n  size: [100000mm, 200mm]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:10: error: length \`100000mm\` is too large (at most 200in)" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
margin_negative)
  printf 'style: 1\npage:\n  margin: -10mm\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:11: error: margins cannot be negative" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
padding_negative)
  printf 'style: 1\ncards:\n  padding: -50pt\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:12: error: expected a length of 0 or more, found \`-50pt\`" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
# Font sizes ---------------------------------------------------------------
font_size_zero)
  printf 'style: 1\ntext:\n  body:\n    size: 0\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:4:11: error: font size 0pt is outside the allowed 4pt to 200pt" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
font_size_5000)
  printf 'style: 1\ntext:\n  h1:\n    size: 5000pt\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:4:11: error: font size 5000pt is outside the allowed 4pt to 200pt" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
leading_zero)
  printf 'style: 1\ntext:\n  body:\n    leading: 0\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:4:14: error: leading 0pt is outside the allowed range" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
# Content larger than the page or the document -------------------------------
card_taller_than_page)
  # One skill card whose text alone is taller than an A4 page: it is split
  # with a warning at the card, and everything still prints.
  {
    sed -n '1,/^sections:/p' "$guide_small"
    printf '  - type: skills\n    title: "Skills"\n    items:\n      - name: "Huge card"\n        direct: true\n        from: |-\n'
    for i in $(seq 1 60); do
      printf '          Sentence number %d of a card that keeps going far past the foot of the page.\n\n' "$i"
    done
    printf '          LASTWORDOFTHECARD\n        to: "Short."\n'
  } >tall.yaml
  line=$(grep -n 'name: "Huge card"' tall.yaml | cut -d: -f1)
  run 60 render tall.yaml -o out.pdf
  grep -qF "tall.yaml:$line:9: warning: this block is taller than a page and was split across pages" err.txt ||
    fail "no split warning at tall.yaml:$line:9"
  ! grep -q "error:" err.txt || fail "an error was reported"
  expect_pdf out.pdf "Sentence number 1 of a card" "Sentence number 60 of a card" LASTWORDOFTHECARD
  pages=$(pdfinfo out.pdf | awk '/^Pages:/ {print $2}')
  [ "$pages" -ge 3 ] || fail "card text on $pages pages, expected at least 3"
  echo "ok $case_name: split over $pages pages with a warning" ;;
page_cap_steps)
  # 20,000 timeline steps need about 2,000 pages: refused after about a
  # thousand pages' worth of layout, well inside the CPU limit.
  python3 - <<'EOF'
with open('steps.yaml', 'w') as f:
    f.write('guide: 1\nfrom: Clerk\nto: Analyst\nsections:\n'
            '  - type: timeline\n    title: Many steps\n    duration: forever\n    steps:\n')
    for i in range(20000):
        f.write('      - {title: "Step %d", when: "Week %d", detail: "Do thing number %d."}\n'
                % (i, i, i))
EOF
  expect_error 20 out.pdf "steps.yaml: error: the guide needs more than 1000 pages (the page limit)" \
    -- render steps.yaml -o out.pdf ;;
page_cap_long_text)
  # 2 MiB of prose at 40 pt would be thousands of pages.
  python3 - <<'EOF'
words = 'the quick brown fox jumps over lazy dogs while analysts query data'.split()
with open('long.yaml', 'w') as f:
    f.write('guide: 1\nfrom: Clerk\nto: Analyst\nsections:\n')
    for s in range(8):
        f.write('  - type: prose\n    title: "Part %d"\n    body: |-\n' % s)
        for p in range(400):
            f.write('      ' + ' '.join(words[(p * 7 + k) % len(words)] for k in range(80)) + '\n\n')
EOF
  printf 'style: 1\ntext:\n  body:\n    size: 40pt\n    leading: 48pt\n' >style.yaml
  expect_error 30 out.pdf "long.yaml: error: the guide needs more than 1000 pages (the page limit)" \
    -- render long.yaml -s style.yaml -o out.pdf ;;
guide_file_too_big)
  python3 -c "
import sys
sys.stdout.write('guide: 1\nfrom: A\nto: B\n# ' + 'x' * (4 << 20) + '\n')" >big.yaml
  expect_error 20 out.pdf "big.yaml:1:1: error: file is larger than the 4 MiB limit" \
    -- render big.yaml -o out.pdf ;;
# Markup that once took quadratic time ----------------------------------------
rich_unclosed_markers)
  # 4 fields of 80,000 unclosed `*a ` and 20,000 unclosed `[a](http://x`:
  # each opener used to rescan to the end of the field (about 25 s of CPU);
  # now linear (well under a second).
  python3 - <<'EOF'
with open('stars.yaml', 'w') as f:
    f.write('guide: 1\nfrom: A\nto: B\nsections:\n')
    for s in range(4):
        f.write('  - type: prose\n    title: T%d\n    body: "%s"\n' % (s, '*a ' * 80000))
        f.write('  - type: prose\n    title: L%d\n    body: "%s"\n' % (s, '[a](http://x' * 20000))
EOF
  run 10 check stars.yaml
  [ "$rc" = 0 ] || fail "check exit status $rc, expected 0"
  grep -qF "stars.yaml: ok" out.txt || fail "check did not say ok"
  echo "ok $case_name: checked within the CPU limit" ;;
# Text the loader must not pass on -------------------------------------------------
nul_escape)
  # "\0" in a double-quoted scalar used to cut the string short silently.
  printf 'guide: 1\nfrom: "Clerk\\0hidden"\nto: Analyst\n' >nul.yaml
  expect_error 20 out.pdf "nul.yaml:2:7: error: the text contains a NUL character (U+0000)" \
    -- render nul.yaml -o out.pdf ;;
extends_fifo)
  # A style whose parent is a FIFO: opening it blocked for ever.
  mkfifo parent.yaml
  printf 'style: 1\nextends: ./parent.yaml\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:2:10: error: parent style parent.yaml is not a regular file" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
extends_device)
  printf 'style: 1\nextends: /dev/zero\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:2:10: error: parent style /dev/zero is not a regular file" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
# Logos ------------------------------------------------------------------------
logo_huge_header)
  # A 33-byte file declaring 30,000 x 30,000 pixels: refused from its header.
  png logo.png 30000 30000 header
  style_with_logo logo.png
  expect_error 20 out.pdf "style.yaml:4:3: error: logo $work/logo.png: PNG is 30000 x 30000 pixels" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_huge_complete)
  # A complete, valid 30,000 x 30,000 PNG (110 KB on disk, 3.6 GB decoded):
  # refused before decoding, so within a tight CPU limit.
  png logo.png 30000 30000 full
  style_with_logo logo.png
  expect_error 5 out.pdf "error: logo $work/logo.png: PNG is 30000 x 30000 pixels" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_over_pixel_limit)
  # 7,000 x 7,000 is under the 32,767 side limit but over 40 megapixels.
  png logo.png 7000 7000 header
  style_with_logo logo.png
  expect_error 20 out.pdf "PNG is 7000 x 7000 pixels, more than the 40000000-pixel limit" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_too_wide)
  # 40,000 x 1 is few pixels, but wider than Cairo can hold (32,767).
  png logo.png 40000 1 header
  style_with_logo logo.png
  expect_error 20 out.pdf "PNG is 40000 x 1 pixels; a side may be at most 32767 pixels" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_corrupt)
  png logo.png 100 100 corrupt
  style_with_logo logo.png
  expect_error 20 out.pdf "style.yaml:4:3: error: logo $work/logo.png: PNG is corrupt or unreadable" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_not_image)
  echo "just some text, not a picture" >logo.png
  style_with_logo logo.png
  expect_error 20 out.pdf "error: logo $work/logo.png: not a PNG or SVG image (or a corrupt one)" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
logo_svg_corrupt)
  echo '<svg xmlns="http://www.w3.org/2000/svg" width="10" height=' >logo.svg
  style_with_logo logo.svg
  expect_error 20 out.pdf "error: logo $work/logo.svg: not a PNG or SVG image (or a corrupt one)" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
# Fonts ------------------------------------------------------------------------
font_not_font)
  echo "hello, I am not a font" >brand.ttf
  printf 'style: 1\nfonts:\n  files: [brand.ttf]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:11: error: not a TrueType or OpenType font file: $work/brand.ttf" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
font_bad_tables)
  # The TrueType magic number, then garbage: passes the loader's sniffing,
  # refused by FreeType when the font set is built.
  printf '\000\001\000\000garbage where the table directory should be' >brand.ttf
  printf 'style: 1\nfonts:\n  files: [brand.ttf]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:11: error: font file $work/brand.ttf is missing or is not a TrueType/OpenType font" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
font_truncated)
  head -c 5000 "$root/fonts/NotoSans-Regular.ttf" >brand.ttf
  printf 'style: 1\nfonts:\n  files: [brand.ttf]\n' >style.yaml
  expect_error 20 out.pdf "style.yaml:3:11: error: font file $work/brand.ttf is missing or is not a TrueType/OpenType font" \
    -- render "$guide_small" -s style.yaml -o out.pdf ;;
# Missing glyphs -----------------------------------------------------------------
missing_glyphs)
  # CJK and emoji: no bundled font has them. An error per field naming its
  # position, the script and the first missing character; no PDF.
  cp "$here/missing-glyphs.yaml" glyphs.yaml
  expect_error 20 out.pdf "hint: add a font that covers it" -- render glyphs.yaml -o out.pdf
  grep -qE '^glyphs\.yaml:4:10: error: no font covers the Han script: .*(U\+65E5)' err.txt || fail "no error for the summary's CJK at 4:10"
  grep -qE '^glyphs\.yaml:7:12: error: no font covers these symbols or emoji: .*(U\+1F600)' err.txt || fail "no error for the title's emoji at 7:12"
  grep -qE '^glyphs\.yaml:[0-9]+:[0-9]+: error: .*(U\+1F680)' err.txt || fail "no error for the body's emoji"
  [ "$(grep -c 'error:' err.txt)" = 3 ] || fail "expected exactly 3 errors"
  echo "ok $case_name: $(grep -c 'error:' err.txt) errors" ;;
*)
  echo "unknown case $case_name"
  exit 2 ;;
esac
exit 0
