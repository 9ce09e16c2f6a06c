#!/usr/bin/env bash
# tests/hostile/run.sh GUIDEPRESS CASE
#
# Issue 21, "hostile input, round two": outputs never destroy anything,
# merge outputs stay inside -o DIR, work stays bounded, text is checked up
# front, inputs and images are bounded, and faults leave nothing half
# written. Each CASE builds its files in a fresh temporary folder (never
# the real /dev: device nodes are made with mknod there), runs guidepress
# under a CPU-time and a wall-clock limit, and checks what it wrote and
# printed: the expected message is inline below. docs/limits.md lists
# every limit and refusal with its test.
set -u
bin=${1:?usage: run.sh GUIDEPRESS CASE}
case_name=${2:?usage: run.sh GUIDEPRESS CASE}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
cleanup() {
  [ -n "${bgpid:-}" ] && kill "$bgpid" 2>/dev/null
  mountpoint -q "$work/full" 2>/dev/null && umount "$work/full"
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
bgpid=

fail() {
  echo "FAIL $case_name: $*"
  [ -f err.txt ] && { echo "--- stderr:"; head -n 20 err.txt; }
  exit 1
}
ok() { echo "ok $case_name: $*"; exit 0; }

# run CPU_SECONDS ARGS...: guidepress under limits; sets $rc.
run() {
  local cpu=$1
  shift
  rc=0
  (ulimit -t "$cpu"; exec timeout -k 5 60 "$bin" "$@") >out.txt 2>err.txt </dev/null || rc=$?
  [ "$rc" = 124 ] && fail "still running after 60 s (blocked?)"
  [ "$rc" -gt 128 ] && fail "killed by signal $((rc - 128))"
  return 0
}

# has TEXT...: stderr holds each TEXT (grep -F).
has() {
  for s in "$@"; do
    grep -qF -- "$s" err.txt || fail "stderr lacks: $s"
  done
}

# status N: the exit status was N.
status() { [ "$rc" = "$1" ] || fail "exit status $rc, expected $1"; }

# valid_pdf FILE TEXT...: qpdf --check passes and pdftotext finds each TEXT.
valid_pdf() {
  local pdf=$1
  shift
  [ -f "$pdf" ] && [ -s "$pdf" ] || fail "$pdf missing or empty"
  qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check fails on $pdf"
  pdftotext "$pdf" text.txt || fail "pdftotext fails on $pdf"
  for s in "$@"; do
    grep -qF -- "$s" text.txt || fail "text of $pdf lacks: $s"
  done
}

# no_tmp [DIR]: no temporary output files are left.
no_tmp() {
  local left
  left=$(find "${1:-.}" -name '*.tmp.*' 2>/dev/null | head -n 3)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}

cp "$here/../limits/small-guide.yaml" g.yaml
cp g.yaml g.orig
seed="$root/data/guides/data-engineer-to-backend-developer.yaml"

# vlimit KIB: ulimit -v, except in a sanitizer build, whose shadow memory
# cannot be mapped under any address-space limit (the message checks
# still run there; the memory bound is checked in the normal build).
asan=0
grep -q __asan_init "$bin" && asan=1
vlimit() { [ "$asan" = 1 ] || ulimit -v "$1"; }

# unchanged FILE ORIG: FILE is still a regular file with ORIG's bytes.
unchanged() {
  [ -f "$1" ] && [ ! -L "$1" ] || fail "$1 is no longer a regular file"
  cmp -s "$1" "$2" || fail "$1 was changed"
}

case $case_name in
# 1. Outputs never destroy anything -----------------------------------------
out_is_guide)
  run 20 render g.yaml -o g.yaml
  status 1
  has "g.yaml: error: the output is the input file g.yaml (the same file); it was left untouched"
  unchanged g.yaml g.orig
  no_tmp
  ok "refused, guide untouched" ;;
out_hard_link)
  ln g.yaml hard.pdf
  run 20 render g.yaml -o hard.pdf
  status 1
  has "hard.pdf: error: the output is the input file g.yaml (the same file)"
  unchanged g.yaml g.orig
  [ "$(stat -c %h g.yaml)" = 2 ] || fail "the hard link was replaced"
  ok "hard link to the guide refused" ;;
out_symlink_to_guide)
  ln -s g.yaml link.pdf
  run 20 render g.yaml -o link.pdf
  status 1
  has "link.pdf: error: the output is the input file g.yaml (the same file)"
  [ -L link.pdf ] || fail "the symlink was replaced"
  unchanged g.yaml g.orig
  ok "symlink to the guide refused" ;;
out_is_style_logo_font)
  # The style, its logo and the output named the same by other paths.
  mkdir s
  cp "$root/styles/example-brand.yaml" s/brand.yaml 2>/dev/null ||
    printf 'style: 1\nbrand:\n  name: Acme\n' >s/brand.yaml
  printf 'style: 1\nbrand:\n  name: Acme\n  logo: logo.svg\n' >s/style.yaml
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/></svg>\n' >s/logo.svg
  cp s/style.yaml style.orig
  cp s/logo.svg logo.orig
  run 20 render g.yaml -s s/style.yaml -o ./s/../s/style.yaml
  status 1
  has "error: the output is the input file" "style.yaml (the same file)"
  unchanged s/style.yaml style.orig
  run 20 render g.yaml -s s/style.yaml --format pdf -o s/logo.svg
  status 1
  has "s/logo.svg: error: the output is the input file" "logo.svg (the same file)"
  unchanged s/logo.svg logo.orig
  no_tmp
  ok "style and logo refused as outputs" ;;
out_fake_devnull)
  # A character device made here (the same node as /dev/null) is written
  # into, not replaced by a regular file.
  mknod null c 1 3 2>/dev/null || { echo "SKIP: mknod not allowed"; exit 0; }
  run 20 render g.yaml -o null
  status 0
  [ -c null ] || fail "the device node was replaced: $(ls -l null)"
  no_tmp
  ok "device node kept: $(ls -l null | cut -c1-10)" ;;
out_fake_devfull)
  # /dev/full's node: every write fails with ENOSPC, reported clearly.
  mknod full c 1 7 2>/dev/null || { echo "SKIP: mknod not allowed"; exit 0; }
  run 20 render g.yaml -o full
  status 1
  has "full: error: cannot write the output file: No space left on device"
  [ -c full ] || fail "the device node was replaced"
  no_tmp
  ok "full device: clear error, node kept" ;;
out_fifo_no_reader)
  mkfifo pipe
  run 20 render g.yaml -o pipe
  status 1
  has "pipe: error: cannot write to this FIFO (no process is reading it)"
  [ -p pipe ] || fail "the FIFO was replaced"
  ok "FIFO without a reader refused at once" ;;
out_fifo_reader)
  mkfifo pipe
  (cat pipe >got.pdf) &
  bgpid=$!
  sleep 0.2
  run 20 render g.yaml -o pipe
  status 0
  wait "$bgpid"
  bgpid=
  [ -p pipe ] || fail "the FIFO was replaced"
  valid_pdf got.pdf "Data Analyst"
  ok "PDF written through the FIFO" ;;
out_folder)
  mkdir dir
  run 20 render g.yaml -o dir
  status 1
  has "dir: error: the output path is a folder"
  [ -d dir ] || fail "the folder is gone"
  ok "folder refused" ;;
out_symlink_to_device)
  mknod null c 1 3 2>/dev/null || { echo "SKIP: mknod not allowed"; exit 0; }
  ln -s null link.pdf
  run 20 render g.yaml -o link.pdf
  status 0
  [ -L link.pdf ] && [ -c null ] || fail "the link or the device was replaced"
  ok "symlink to a device: written through, both kept" ;;
mode_umask)
  (umask 022; exec "$bin" render g.yaml -o a.pdf -q) || fail "render failed"
  (umask 077; exec "$bin" render g.yaml -o b.pdf -q) || fail "render failed"
  (umask 002; exec "$bin" render g.yaml -o c.pdf -q) || fail "render failed"
  [ "$(stat -c %a a.pdf)" = 644 ] || fail "umask 022 gave $(stat -c %a a.pdf)"
  [ "$(stat -c %a b.pdf)" = 600 ] || fail "umask 077 gave $(stat -c %a b.pdf)"
  [ "$(stat -c %a c.pdf)" = 664 ] || fail "umask 002 gave $(stat -c %a c.pdf)"
  ok "644 / 600 / 664 under umask 022 / 077 / 002" ;;
mode_private)
  (umask 022; exec "$bin" render g.yaml -o p.pdf -q --password s3cret) || fail "render failed"
  (umask 022; exec "$bin" render g.yaml -o s.pdf -q --set prepared_for=Jane) || fail "render failed"
  (umask 022; exec "$bin" render g.yaml -o m.pdf -q --set prepared_for=Jane --mode 0640) ||
    fail "render failed"
  [ "$(stat -c %a p.pdf)" = 600 ] || fail "encrypted output has mode $(stat -c %a p.pdf)"
  [ "$(stat -c %a s.pdf)" = 600 ] || fail "personalised output has mode $(stat -c %a s.pdf)"
  [ "$(stat -c %a m.pdf)" = 640 ] || fail "--mode 0640 gave $(stat -c %a m.pdf)"
  run 5 render g.yaml -o x.pdf --mode 999
  status 2
  has "--mode takes octal permission bits such as 0640 (got '999')"
  ok "600 for encrypted and personalised, --mode exact" ;;
empty_password)
  run 20 render g.yaml -o e.pdf --password ''
  status 2
  has "an empty password protects nothing"
  [ ! -e e.pdf ] || fail "a PDF was written"
  run 20 render g.yaml -o e.pdf --password x --owner-password ''
  status 2
  has "an empty password protects nothing"
  ok "empty password refused" ;;
sigterm_render)
  # A 300 dpi PNG render of the seed guide keeps temporary page files
  # open for a while: SIGTERM (then SIGINT) in the middle removes them.
  for sig in TERM INT; do
    rm -f out-*
    "$bin" render "$seed" --format png --dpi 300 -o out.png >/dev/null 2>err.txt &
    bgpid=$!
    for _ in $(seq 1 400); do
      ls out*.tmp.* >/dev/null 2>&1 && break
      sleep 0.01
    done
    ls out*.tmp.* >/dev/null 2>&1 || fail "no temporary file seen before SIG$sig"
    kill -s "$sig" "$bgpid"
    rc=0
    wait "$bgpid" || rc=$?
    bgpid=
    [ "$rc" -gt 128 ] || fail "render was not ended by SIG$sig (status $rc)"
    no_tmp
  done
  ok "SIGTERM and SIGINT leave no temporary file" ;;
tmp_open_fails)
  # The folder cannot take a new file: a clear error, no leak (ASan build).
  mkdir ro
  chmod 555 ro
  if [ "$(id -u)" = 0 ]; then
    # root ignores permissions: a read-only bind or a missing folder instead
    run 20 render g.yaml -o missing/dir/out.pdf
    status 1
    has "missing/dir/out.pdf: error: cannot create the output file: No such file or directory"
  else
    run 20 render g.yaml -o ro/out.pdf
    status 1
    has "ro/out.pdf: error: cannot create the output file: Permission denied"
  fi
  ok "cannot create: clear error" ;;
# 2. Merge outputs stay inside -o DIR ---------------------------------------
merge_confined)
  mkdir out victim
  cp g.yaml victim/keep.pdf
  ln -s "$work/victim" out/escape
  ln -s "$work/victim/keep.pdf" out/link.pdf
  cat >c.csv <<CSV
guide,prepared_for,prepared_by,date,output
g.yaml,Ann,Sam,2026-01-01,../x.pdf
g.yaml,Ann,Sam,2026-01-01,$work/abs.pdf
g.yaml,Ann,Sam,2026-01-01,sub/../../x.pdf
g.yaml,Ann,Sam,2026-01-01,escape/keep.pdf
g.yaml,Ann,Sam,2026-01-01,link.pdf
g.yaml,Ann,Sam,2026-01-01,../g.yaml
g.yaml,Ann,Sam,2026-01-01,deep/ok.pdf
CSV
  run 60 batch --merge c.csv -o out -j 1
  status 1
  has "c.csv:2:27: error: output \`../x.pdf\` leaves the -o folder (\`..\` above it)" \
    "c.csv:3:27: error: output \`$work/abs.pdf\` is an absolute path; a merge writes only inside the -o folder" \
    "c.csv:4:27: error: output \`sub/../../x.pdf\` leaves the -o folder" \
    "c.csv:5:27: error: output \`escape/keep.pdf\` goes through the symlink \`escape\` inside the -o folder" \
    "c.csv:6:27: error: output \`link.pdf\` is a symlink inside the -o folder; it was left alone" \
    "c.csv:7:27: error: output \`../g.yaml\` leaves the -o folder"
  [ ! -e x.pdf ] && [ ! -e abs.pdf ] || fail "a file was written outside -o"
  unchanged g.yaml g.orig
  unchanged victim/keep.pdf g.orig
  [ -L out/link.pdf ] || fail "the symlink was replaced"
  valid_pdf out/deep/ok.pdf "Ann"
  no_tmp
  ok "6 hostile rows refused at their cells, the good row written" ;;
merge_duplicates)
  mkdir out
  cat >c.csv <<'CSV'
guide,prepared_for,prepared_by,date,output
g.yaml,Ann,Sam,2026-01-01,same.pdf
g.yaml,Bob,Sam,2026-01-01,./same.pdf
g.yaml,Cy,Sam,2026-01-01,x/../same.pdf
g.yaml,Di,Sam,2026-01-01,x//./other.pdf
CSV
  run 60 batch --merge c.csv -o out -j 2
  status 1
  has "c.csv:3:1: error: output \`out/same.pdf\` is also written by row 1 (line 2)" \
    "c.csv:4:1: error: output \`out/same.pdf\` is also written by row 1 (line 2)"
  valid_pdf out/same.pdf "Ann"
  valid_pdf out/x/other.pdf "Di"
  ok "three names of one file: one written, two refused" ;;
merge_output_is_input)
  cat >c.csv <<'CSV'
guide,prepared_for,prepared_by,date,output
g.yaml,Ann,Sam,2026-01-01,g.yaml
g.yaml,Bob,Sam,2026-01-01,c.csv
g.yaml,Cy,Sam,2026-01-01,fine.pdf
CSV
  cp c.csv c.orig
  run 60 batch --merge c.csv -o . -j 1
  status 1
  has "c.csv:2:1: error: output \`./g.yaml\` is an input of this batch (a guide, a style or the CSV); it was left untouched" \
    "c.csv:3:1: error: output \`./c.csv\` is an input of this batch"
  unchanged g.yaml g.orig
  unchanged c.csv c.orig
  valid_pdf fine.pdf "Cy"
  ok "outputs naming the guide or the CSV refused" ;;
# 3. Work stays bounded ----------------------------------------------------
unbreakable_200k)
  # 200 KiB with no space took 80 s (quadratic reshaping); the emergency
  # break makes it linear: well inside 20 s of CPU, every letter printed.
  python3 -c "
import string
s = (string.ascii_lowercase * 8000)[:200 * 1024]
open('u.yaml', 'w').write('guide: 1\nfrom: Clerk\nto: Analyst\nsections:\n  - type: prose\n    title: T\n    body: \"' + s + '\"\n')"
  run 20 render u.yaml -o u.pdf
  status 0
  valid_pdf u.pdf abcdefghijklmnopqrstuvwxyzabcdefghijklmnop
  n=$(tr -cd 'a-z' <text.txt | wc -c)
  [ "$n" -ge $((200 * 1024)) ] || fail "only $n letters in the PDF text"
  ! grep -q $'\u200b' text.txt || fail "the emergency break's U+200B reached the PDF text"
  ok "200 KiB unbreakable run: $n letters, $(pdfinfo u.pdf | awk '/^Pages/ {print $2}') pages" ;;
combining_100k)
  # U+0301 100,000 times (one grapheme) took 72 s.
  python3 -c "
open('c.yaml', 'w').write('guide: 1\nfrom: Clerk\nto: Analyst\nsections:\n  - type: prose\n    title: T\n    body: \"e' + '\u0301' * 100000 + ' end\"\n')"
  run 20 render c.yaml -o c.pdf
  status 0
  valid_pdf c.pdf end
  ok "100,000 combining marks laid out in bounded pieces" ;;
set_too_long)
  run 20 render g.yaml -o s.pdf --set prepared_for="$(head -c 100000 /dev/zero | tr '\0' x)"
  status 1
  has "guidepress: error: --set: \`prepared_for\` is 100000 bytes long; the limit is 1024 bytes"
  [ ! -e s.pdf ] || fail "a PDF was written"
  ok "100 KB --set value refused" ;;
set_33)
  args=()
  for i in $(seq 1 33); do args+=(--set "prepared_by=P$i"); done
  run 20 render g.yaml -o s.pdf "${args[@]}"
  status 2
  has "too many --set options (at most 32)"
  ok "33rd --set: its own message" ;;
csv_cell_too_long)
  mkdir out
  python3 -c "
open('c.csv', 'w').write('guide,prepared_for,prepared_by,date,output\ng.yaml,' + 'x' * 5000 + ',Sam,2026-01-01,a.pdf\ng.yaml,Ann,Sam,2026-01-01,b.pdf\n')"
  run 60 batch --merge c.csv -o out -j 1
  status 1
  has "c.csv:2:8: error: --set: \`prepared_for\` is 5000 bytes long; the limit is 1024 bytes"
  [ ! -e out/a.pdf ] || fail "the long row was written"
  valid_pdf out/b.pdf Ann
  ok "5,000-byte cell refused at its cell, the next row written" ;;
# 4. Text checked up front ---------------------------------------------------
set_bad_utf8)
  run 20 render g.yaml -o s.pdf --set prepared_for=$'Ann \xff'
  status 1
  has "guidepress: error: --set: \`prepared_for\` is not valid UTF-8: byte 0xFF at byte 5 of the value"
  ok "invalid UTF-8 in --set refused with its byte" ;;
csv_bad_utf8)
  mkdir out
  printf 'guide,prepared_for,prepared_by,date,output\ng.yaml,Ann \xfe,Sam,2026-01-01,a.pdf\n' >c.csv
  run 60 batch --merge c.csv -o out -j 1
  status 1
  has "c.csv:2:12: error: invalid UTF-8 in the CSV file"
  [ ! -e out/a.pdf ] || fail "a PDF was written"
  ok "invalid UTF-8 in a cell refused at its byte" ;;
set_bidi)
  run 20 render g.yaml -o s.pdf --set prepared_for=$'Ann \u202eLIVE'
  status 0
  has "guidepress: warning: --set: \`prepared_for\` has a control character U+202E at character 5; removed"
  valid_pdf s.pdf "Ann LIVE"
  ! grep -q $'\u202e' text.txt || fail "U+202E reached the PDF"
  ok "RLO in --set removed with a warning" ;;
guide_bidi)
  printf 'guide: 1\nfrom: "Clerk\\u202Eevil\\u2066x\\u0007"\nto: Analyst\nsections:\n  - type: prose\n    title: "T\\u0085itle"\n    body: hi\n' >b.yaml
  run 20 render b.yaml -o b.pdf
  status 0
  has "b.yaml:2:7: warning: \`from\` has a control character U+202E at character 6; removed" \
    "b.yaml:6:12: warning: \`title\` has a control character U+0085 at character 2; removed"
  valid_pdf b.pdf "Clerkevilx" "Title"
  ok "bidi and C0/C1 controls in the guide's names removed with warnings" ;;
bom_guide)
  printf '\xef\xbb\xbf' >bom.yaml
  grep -v '^#' g.yaml >>bom.yaml
  run 20 render bom.yaml -o bom.pdf
  status 0
  valid_pdf bom.pdf "Data Analyst"
  run 20 check bom.yaml
  status 0
  ok "a guide saved with a UTF-8 BOM is accepted" ;;
salary_range)
  # Salaries above 1e12 used to be clamped to 1e18 and printed as
  # £1,000,000,000,000,000,000; now each is an error at its number.
  grep -v '^#' g.yaml >sal.yaml
  cat >>sal.yaml <<'EOF'
  - type: salary
    title: "Pay"
    bands: [Entry, Senior]
    roles:
      - name: Analyst
        ranges: [[30000, 45000], [50000, 2e18+]]
      - name: Lead
        ranges: [[30000, 1e13], [50000, 1000000000000]]
EOF
  run 20 render sal.yaml -o sal.pdf
  status 1
  has "sal.yaml:23:42: error: salary 2e18+ is out of range (at most 1000000000000)" \
    "sal.yaml:25:26: error: salary 1e13 is out of range (at most 1000000000000)" \
    "hint: a salary may be at most 1,000,000,000,000 in any currency"
  [ "$(grep -c 'error:' err.txt)" = 2 ] || fail "expected exactly 2 errors"
  [ -e sal.pdf ] && fail "a PDF was written"
  sed -i 's/2e18+/130000+/; s/1e13/45000/' sal.yaml
  run 20 render sal.yaml -o sal.pdf
  status 0
  valid_pdf sal.pdf "1,000,000,000,000" "130,000+"
  grep -qF "1,000,000,000,000,000" text.txt && fail "a clamped amount was printed"
  ok "salaries over 1e12 refused at their position; 1e12 itself prints" ;;
style_numbers_range)
  # Every number in a style has a range; out of it is an error at the value.
  printf 'style: 1\nbreaks:\n  orphans: 1000000000\n  last_page_min_fill: 1e300\nemail:\n  max_size: 5000 GB\nsections:\n  salary: {columns: 4}\n' >s.yaml
  run 20 render g.yaml -s s.yaml -o s.pdf
  status 1
  has "s.yaml:3:12: error: expected a whole number from 1 to 20, found a number 1000000000" \
    "s.yaml:4:23: error: expected a number from 0 to 1, found a number 1e300" \
    "s.yaml:6:13: error: expected a size like 10 MB, 512 KB or a number of bytes, found" \
    "s.yaml:8:21: error: expected a number of columns from 1 to 3, found a number 4"
  [ -e s.pdf ] && fail "a PDF was written"
  ok "style numbers out of range refused at their position" ;;
typo_required_key)
  # A misspelt required key gives one error, at the typo, naming the key it
  # probably is; no "missing required key" error on another line.
  printf 'guide: 1\nfrom: Clerk\ntoo: Analyst\nsummary: "x"\nsections:\n  - type: prose\n    titel: "Why"\n    body: "hello"\n' >typo.yaml
  run 20 check typo.yaml
  status 1
  cat >want.txt <<'EOF'
typo.yaml:3:1: error: unknown key `too` in the guide; did you mean `to`?
  hint: the keys of the guide are: guide, from, to, title, kicker, summary, market, lang, currency, stats, prepared_for, prepared_by, date, sections, labels, digits
typo.yaml:7:5: error: unknown key `titel` in section; did you mean `title`?
  hint: the keys of a prose section are: type, title, intro, body
EOF
  diff want.txt err.txt >diff.txt || fail "check output differs: $(cat diff.txt)"
  # A key that is really missing is still reported.
  printf 'guide: 1\nfrom: Clerk\nsummary: "x"\nsections: []\n' >missing.yaml
  run 20 check missing.yaml
  status 1
  has "missing.yaml:1:1: error: missing required key \`to\` in the guide (expected text)"
  # The style's one required key, `style: 1`.
  printf '# brand\n\nstyel: 1\npage:\n  size: A4\n' >s.yaml
  run 20 render g.yaml -s s.yaml -o s.pdf
  status 1
  cat >want.txt <<'EOF'
s.yaml:3:1: error: unknown key `styel`; did you mean `style`?
  hint: start the file with `style: 1`
EOF
  diff want.txt err.txt >diff.txt || fail "render output differs: $(cat diff.txt)"
  ok "one error at each typo" ;;
svg_logo_image)
  # A 20000 x 20000 PNG (48 KB compressed) inside an SVG logo, linked and as
  # a data: URI: it used to be decoded by gdk-pixbuf (1.2 GB). Now the logo
  # is refused from libxml2's parse, before librsvg sees it; the memory limit
  # (ulimit -v 1 GB) would make a decode fail.
  python3 - <<'EOF'
import base64, struct, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
w = h = 20000
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 1, 0, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress((b'\0' * (1 + (w + 7) // 8)) * h, 9)) + chunk(b'IEND', b''))
open('big.png', 'wb').write(png)
head = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">\n'
open('linked.svg', 'w').write(head + '<image href="big.png" width="40" height="20"/></svg>\n')
open('data.svg', 'w').write(head + '<g>\n<image xlink:href="data:image/png;base64,'
                            + base64.b64encode(png).decode() + '" width="40" height="20"/></g></svg>\n')
open('other.svg', 'w').write(head + '<use href="linked.svg#x"/></svg>\n')
open('ent.svg', 'w').write('<!DOCTYPE svg [<!ENTITY i "<rect width=\'1\' height=\'1\'/>">]>\n' + head + '&i;</svg>\n')
EOF
  for f in linked data other ent; do
    printf 'style: 1\nbrand:\n  name: Acme\n  logo: %s.svg\n' $f >s_$f.yaml
  done
  rc=0
  (vlimit 1000000; exec "$bin" render g.yaml -s s_linked.yaml -o x.pdf) >out.txt 2>err.txt || rc=$?
  status 1
  has "s_linked.yaml:4:3: error: logo $work/linked.svg: SVG has an <image> (an embedded or linked picture) at line 2; an SVG logo may hold only its own shapes and text"
  rc=0
  (vlimit 1000000; exec "$bin" render g.yaml -s s_data.yaml -o x.pdf) >out.txt 2>err.txt || rc=$?
  status 1
  has "s_data.yaml:4:3: error: logo $work/data.svg: SVG has an <image> (an embedded or linked picture) at line 3; an SVG logo may hold only its own shapes and text"
  run 20 render g.yaml -s s_other.yaml -o x.pdf
  status 1
  has "logo $work/other.svg: SVG links another file at line 2; an SVG logo may hold only its own shapes and text"
  run 20 render g.yaml -s s_ent.yaml -o x.pdf
  status 1
  has "logo $work/ent.svg: SVG declares XML entities at line 2"
  [ -e x.pdf ] && fail "a PDF was written"
  no_tmp
  ok "SVG logos with pictures, links to files or entities refused" ;;
svg_logo_use_bomb)
  # <use> fan-out: 8 levels of 10 <use> each = 10^8 copies of one rect in a
  # 2 KB file (librsvg drew them one by one). Refused by counting the
  # expanded elements; a logo with a few <use> still renders.
  {
    printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20"><defs><rect id="a0" width="1" height="1"/>\n'
    for i in 1 2 3 4 5 6 7 8; do
      printf '<g id="a%d">' $i
      for j in 1 2 3 4 5 6 7 8 9 10; do printf '<use xlink:href="#a%d"/>' $((i - 1)); done
      printf '</g>\n'
    done
    printf '</defs><use xlink:href="#a8"/></svg>\n'
  } >bomb.svg
  printf '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><defs><g id="c"><use href="#c"/></g></defs><use href="#c"/></svg>\n' >cycle.svg
  printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20"><defs><rect id="r" width="4" height="4" fill="red"/></defs><use xlink:href="#r"/><use href="#r" x="10"/><a href="https://example.com"><text y="15">Acme</text></a></svg>\n' >fine.svg
  for f in bomb cycle fine; do
    printf 'style: 1\nbrand:\n  name: Acme\n  logo: %s.svg\n' $f >s_$f.yaml
  done
  rc=0
  (vlimit 1000000; exec "$bin" render g.yaml -s s_bomb.yaml -o x.pdf) >out.txt 2>err.txt || rc=$?
  status 1
  has "s_bomb.yaml:4:3: error: logo $work/bomb.svg: SVG draws more than 100000 elements once each <use> is expanded (a <use> fan-out); an SVG logo may draw at most that many"
  [ -e x.pdf ] && fail "a PDF was written"
  run 20 render g.yaml -s s_cycle.yaml -o x.pdf
  status 1
  has "logo $work/cycle.svg: SVG has a <use> cycle at line 1"
  run 20 render g.yaml -s s_fine.yaml -o fine.pdf
  status 0
  valid_pdf fine.pdf "Data Analyst"
  ok "a <use> bomb and a cycle refused; a logo with two <use> renders" ;;
png_budget)
  # PNG output: pages x dpi^2 x page area is checked before painting.
  run 20 render "$seed" --format png --dpi 1200 -o x.png
  status 1
  has "x.png: error: PNG output of 9 pages at 1200 dpi would be 1253029536 pixels, more than the 1000000000-pixel limit (max_output_pixels); nothing was written" \
    "hint: lower --dpi, or render a PDF"
  printf 'style: 1\npage:\n  size: [100in, 100in]\n' >big.yaml
  run 20 render g.yaml -s big.yaml --format png --dpi 300 -o y.png
  status 1
  has "y.png: error: page 1 at 300 dpi would be 30000 x 30000 pixels; a PNG page may have at most 200000000 pixels and a side at most 32767; nothing was written"
  [ -n "$(ls ./*.png 2>/dev/null)" ] && fail "PNG files were written"
  run 20 render g.yaml --format png --dpi 30 -o z.png
  status 0
  [ "$(head -c 8 z-1.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] || fail "z-1.png is not a PNG"
  ok "PNG pixel budget checked before painting" ;;
# 5. Inputs bounded ----------------------------------------------------------
input_fifo)
  # A FIFO named *.yaml: refused at once by render, check and batch (it used
  # to block the open for ever).
  mkdir dir
  mkfifo dir/pipe.yaml
  cp g.yaml dir/good.yaml
  run 20 render dir/pipe.yaml -o p.pdf
  status 1
  has "dir/pipe.yaml: error: cannot read the file: not a regular file (a FIFO, device or socket); refused without reading it"
  run 20 check dir/pipe.yaml
  status 1
  has "dir/pipe.yaml: error: cannot read the file: not a regular file"
  run 20 render g.yaml -s dir/pipe.yaml -o p.pdf
  status 1
  has "cannot read the style file: not a regular file"
  mkfifo c.csv
  run 20 batch --merge c.csv -o out
  status 1
  has "c.csv: error: cannot read the CSV file: not a regular file"
  run 30 batch dir -o out -j 1
  status 1
  has "dir/pipe.yaml: error: cannot read the file: not a regular file"
  valid_pdf out/good.pdf "Data Analyst"
  mknod dev.yaml c 1 5 2>/dev/null && {
    run 20 render dev.yaml -o d.pdf
    status 1
    has "dev.yaml: error: cannot read the file: not a regular file"
  }
  ok "FIFO (and device) guide, style and CSV refused without blocking" ;;
# 6. Faults --------------------------------------------------------------------
batch_time_limit)
  mkdir in
  cp g.yaml in/a.yaml
  cp g.yaml in/hangs.yaml
  cp g.yaml in/c.yaml
  GUIDEPRESS_BATCH_TEST_HANG=hangs run 30 batch in -o out -j 2 --time-limit 1
  status 1
  has "in/hangs.yaml: error: stopped after 1 s: the document went over the per-document time budget (--time-limit)" \
    "3 documents: 2 ok, 1 failed"
  valid_pdf out/a.pdf "Data Analyst"
  valid_pdf out/c.pdf "Data Analyst"
  [ ! -e out/hangs.pdf ] || fail "the stopped document has a PDF"
  no_tmp out
  ok "a worker over budget stopped, the rest rendered" ;;
render_time_limit)
  # the library's time budget (gp_limits.max_seconds), from render --time-limit:
  # 60 sections of 3,000 words take far longer than 0.05 s to lay out
  python3 -c "print('guide: 1\nfrom: A\nto: B\nsummary: s\nsections:\n' + ''.join(
      '  - type: prose\n    title: Part %d\n    body: |\n      ' % i + ' '.join(['word'] * 3000) + '\n'
      for i in range(60)))" > big.yaml
  run 30 render big.yaml -o big.pdf --time-limit 0.05
  status 1
  has "big.yaml: error: the document went over its time budget of 0.05 s and was stopped; nothing was written"
  [ ! -e big.pdf ] || fail "a PDF was written"
  no_tmp .
  run 30 render big.yaml -o big.pdf --time-limit 600
  status 0
  valid_pdf big.pdf "Part 59"
  run 30 render big.yaml -o big.pdf --time-limit x
  status 2
  has "--time-limit takes seconds from 0 to 86400"
  ok "render --time-limit stops a document over its budget, writes nothing; a generous one renders" ;;
enospc_injected)
  GUIDEPRESS_TEST_WRITE_ERROR=ENOSPC run 20 render "$seed" -o full.pdf
  status 1
  has "full.pdf: error: cannot write the output file: No space left on device; nothing was left behind"
  [ ! -e full.pdf ] || fail "a partial PDF was left"
  no_tmp
  mkdir in
  cp g.yaml in/a.yaml
  cp g.yaml in/b.yaml
  GUIDEPRESS_TEST_WRITE_ERROR=ENOSPC run 30 batch in -o out -j 1 --report r.json
  status 1
  has "cannot write the output file: No space left on device"
  grep -q '"failed": 2' r.json || fail "the report does not count 2 failures: $(grep -o '"failed": [0-9]*' r.json)"
  [ -z "$(ls out 2>/dev/null)" ] || fail "files left in out/: $(ls out)"
  ok "injected ENOSPC: no partial file, the batch reports it" ;;
fsync_injected)
  # a batch worker fsyncs a document while it renders the next one; a
  # failed fsync fails that document, with its file removed, and the
  # worker goes on (GUIDEPRESS_TEST_FSYNC_ERROR fails every deferred fsync)
  mkdir in
  for i in 1 2 3; do cp g.yaml "in/g$i.yaml"; done
  GUIDEPRESS_TEST_FSYNC_ERROR=EIO run 30 batch in -o out -j 1 --report r.json
  status 1
  for i in 1 2 3; do
    has "out/g$i.pdf: error: cannot write the output file: flushing it to disk failed: Input/output error; nothing was left behind"
  done
  grep -q '"failed": 3' r.json || fail "the report does not count 3 failures: $(grep -o '"failed": [0-9]*' r.json)"
  [ -z "$(ls out 2>/dev/null)" ] || fail "files left in out/: $(ls out)"
  run 30 batch in -o out -j 1 --resume
  status 0
  for i in 1 2 3; do valid_pdf "out/g$i.pdf"; done
  no_tmp out
  ok "injected fsync failure: each document fails alone, no file left, --resume renders them" ;;
batch_kill_group)
  # SIGKILL to the whole process group, the parent and its workers at once
  # (an OOM kill of the container, kill -9 of a job's group), twice: every
  # .pdf present is whole (a worker renames a file only after its fsync,
  # which runs while it renders the next document), and --resume keeps
  # them, removes the temporary files and renders the rest.
  command -v setsid >/dev/null || { echo "SKIP: no setsid"; exit 0; }
  printf 'guide,prepared_for,prepared_by,date,output\n' >c.csv
  for i in $(seq 1 60); do
    printf '%s,Client %d,Sam,2026-01-01,c%d.pdf\n' "$seed" "$i" "$i" >>c.csv
  done
  for round in 1 2; do
    setsid "$bin" batch --merge c.csv -o out -j 2 --resume >/dev/null 2>&1 &
    bgpid=$!
    want=$((round * 6))
    for _ in $(seq 1 3000); do
      [ "$(find out -name '*.pdf' 2>/dev/null | wc -l)" -ge "$want" ] && break
      sleep 0.01
    done
    kill -KILL -- "-$bgpid"
    wait "$bgpid" 2>/dev/null
    for _ in $(seq 1 200); do pgrep -g "$bgpid" >/dev/null || break; sleep 0.05; done
    pgrep -g "$bgpid" >/dev/null && fail "round $round: processes of the batch outlived SIGKILL"
    bgpid=
    n=$(find out -name '*.pdf' | wc -l)
    [ "$n" -lt 60 ] || fail "round $round: the batch finished before SIGKILL"
    for f in out/*.pdf; do valid_pdf "$f"; done
  done
  run 120 batch --merge c.csv -o out -j 2 --resume
  status 0
  has "60 documents: $((60 - n)) ok, 0 failed, $n skipped"
  for i in $(seq 1 60); do valid_pdf "out/c$i.pdf" "Client $i"; done
  no_tmp out
  ok "SIGKILL to the group twice: $n whole PDFs kept, the rest rendered by --resume" ;;
tmpfs_full)
  mkdir full
  mount -t tmpfs -o size=16k tmpfs full 2>/dev/null || { echo "SKIP: cannot mount a tmpfs here"; exit 0; }
  run 20 render "$seed" -o full/x.pdf
  status 1
  has "full/x.pdf: error: cannot write the output file: No space left on device"
  [ -z "$(ls -A full)" ] || fail "files left on the full file system: $(ls -A full)"
  ok "full 16 KiB tmpfs: clear error, nothing left" ;;
readonly_folder)
  mkdir ro
  mount -t tmpfs -o ro,size=64k tmpfs ro 2>/dev/null || { echo "SKIP: cannot mount a read-only tmpfs here"; exit 0; }
  run 20 render g.yaml -o ro/x.pdf
  umount ro
  status 1
  has "ro/x.pdf: error: cannot create the output file: Read-only file system"
  ok "read-only folder: clear error" ;;
low_memory)
  # GLib aborts (SIGTRAP) instead of reporting a failed allocation or
  # thread start, so a limit below what a render needs is refused up front
  # with a message; above it the render works (one malloc arena, so Pango's
  # threads do not each reserve 64 MiB). An ASan binary cannot start under
  # ulimit -v at all (its shadow memory), so the case is skipped there.
  if grep -q __asan_init "$bin"; then echo "SKIP: sanitizer build"; exit 0; fi
  rc=0
  (ulimit -v 120000; exec "$bin" render "$seed" -o lm.pdf) >out.txt 2>err.txt || rc=$?
  status 1
  has "guidepress: error: the address-space limit (ulimit -v) is 120000 KiB; guidepress needs at least 163840 KiB"
  [ ! -e lm.pdf ] || fail "a PDF was written"
  rc=0
  (ulimit -v 300000; exec "$bin" render "$seed" -o lm.pdf) >out.txt 2>err.txt || rc=$?
  status 0
  valid_pdf lm.pdf "Backend Developer"
  no_tmp
  ok "ulimit -v 120000: clear error; 300000: a valid PDF" ;;
batch_interrupt_figures)
  mkdir in
  for i in $(seq 1 40); do cp "$seed" "in/g$i.yaml"; done
  "$bin" batch in -o out -j 1 >out.txt 2>err.txt &
  bgpid=$!
  for _ in $(seq 1 500); do [ -e out/g2.pdf ] && break; sleep 0.01; done
  kill -INT "$bgpid"
  rc=0
  wait "$bgpid" || rc=$?
  bgpid=
  [ "$rc" = 130 ] || fail "status $rc after SIGINT, expected 130"
  line=$(grep "guidepress batch: 40 documents" err.txt) || fail "no summary line"
  read -r okn failn skipn < <(echo "$line" | sed -E 's/.*: ([0-9]+) ok, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/')
  [ $((okn + failn + skipn)) = 40 ] || fail "figures do not add up: $line"
  rate=$(echo "$line" | sed -nE 's/.*\(([0-9.]+) documents\/s.*/\1/p')
  [ -n "$rate" ] && awk -v r="$rate" 'BEGIN { exit !(r < 10000) }' || fail "rate not sane: $line"
  [ "$(ls out | wc -l)" = "$okn" ] || fail "$(ls out | wc -l) files for $okn ok"
  no_tmp out
  ok "$line" ;;
batch_interrupt_group)
  # Ctrl-C at a terminal: SIGINT goes to the whole process group, the
  # workers too. A document being rendered is finished and counted or
  # never appears; "ok" is exactly the number of PDFs written.
  command -v setsid >/dev/null || { echo "SKIP: no setsid"; exit 0; }
  mkdir in
  for i in $(seq 1 40); do cp "$seed" "in/g$i.yaml"; done
  setsid "$bin" batch in -o out -j 2 >out.txt 2>err.txt &
  bgpid=$!
  for _ in $(seq 1 500); do [ -e out/g12.pdf ] && break; sleep 0.01; done
  kill -INT -- "-$bgpid"
  rc=0
  wait "$bgpid" || rc=$?
  bgpid=
  [ "$rc" = 130 ] || fail "status $rc after SIGINT to the group, expected 130"
  line=$(grep "guidepress batch: 40 documents" err.txt) || fail "no summary line"
  okn=$(echo "$line" | sed -E 's/.*: ([0-9]+) ok,.*/\1/')
  [ "$(ls out | wc -l)" = "$okn" ] || fail "$(ls out | wc -l) files for $okn ok: $line"
  for f in out/*.pdf; do valid_pdf "$f"; done
  no_tmp out
  ok "$line" ;;
resume_after_kill)
  mkdir in
  for i in $(seq 1 12); do cp "$seed" "in/g$i.yaml"; done
  printf 'guide,prepared_for,prepared_by,date,output\n' >c.csv
  for i in $(seq 1 12); do printf 'in/g%d.yaml,Client %d,Sam,2026-01-01,c%d.pdf\n' "$i" "$i" "$i" >>c.csv; done
  "$bin" batch --merge c.csv -o out -j 2 >/dev/null 2>&1 &
  bgpid=$!
  for _ in $(seq 1 500); do [ -e out/c3.pdf ] && break; sleep 0.01; done
  kill -KILL "$bgpid"
  wait "$bgpid" 2>/dev/null
  bgpid=
  sleep 0.2
  run 120 batch --merge c.csv -o out -j 2 --resume
  status 0
  for i in $(seq 1 12); do valid_pdf "out/c$i.pdf" "Client $i"; done
  no_tmp out
  ok "SIGKILL mid-merge, then --resume: 12 valid PDFs" ;;
two_batches)
  mkdir in
  for i in $(seq 1 10); do cp g.yaml "in/g$i.yaml"; done
  "$bin" batch in -o out -j 1 >a.txt 2>&1 &
  p1=$!
  "$bin" batch in -o out -j 1 >b.txt 2>&1 &
  p2=$!
  r1=0; r2=0
  wait "$p1" || r1=$?
  wait "$p2" || r2=$?
  [ "$r1" = 0 ] && [ "$r2" = 0 ] || fail "statuses $r1 and $r2"
  for i in $(seq 1 10); do valid_pdf "out/g$i.pdf" "Data Analyst"; done
  no_tmp out
  ok "two batches into one folder: both work, every PDF valid" ;;
*)
  fail "unknown case" ;;
esac
