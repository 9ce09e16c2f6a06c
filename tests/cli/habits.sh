#!/usr/bin/env bash
# Command-line habits people bring from Typst, pandoc and git (issue 19):
# --opt=value, the output as a second argument, the format from the
# output's extension, "did you mean" for mistyped commands and options,
# `help COMMAND`, -s given twice, and batch --format / --pdfa for a run.
# Each check reads the output (files, magic bytes, text), not exit codes
# alone.
# Usage: habits.sh GUIDEPRESS SOURCE_DIR
set -uo pipefail
gp=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
g=$src/data/guides/data-engineer-to-backend-developer.yaml
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() { # status stderr-pattern -- command...
  local want=$1 pat=$2; shift 3
  "$@" >out.txt 2>err.txt; local st=$?
  [ "$st" -eq "$want" ] || fail "$* -> status $st, wanted $want ($(head -c 300 err.txt))"
  [ -z "$pat" ] || grep -F -- "$pat" err.txt >/dev/null || fail "$* -> stderr lacks '$pat': $(head -c 300 err.txt)"
}

# --opt=value and the output as a second argument; format from extension.
expect 0 "" -- "$gp" render "$g" pages.png --dpi=30 --style=print-mono --quiet
[ "$(head -c 8 pages-1.png | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "pages-1.png is not a PNG"
[ -e pages-9.png ] || fail "not every page written as PNG"
expect 0 "" -- "$gp" render "$g" vector.svg --quiet
head -c 200 vector-1.svg | grep '<svg' >/dev/null || fail "vector-1.svg is not SVG"
expect 0 "" -- "$gp" render "$g" doc.pdf --set=prepared_for=Ffion\ Evans --quiet
[ "$(head -c 5 doc.pdf)" = "%PDF-" ] || fail "doc.pdf is not a PDF"
pdftotext doc.pdf - | grep 'Ffion Evans' >/dev/null || fail "--set=key=value did not reach the PDF"
# --format wins over the extension when given.
expect 0 "" -- "$gp" render "$g" -o forced.out --format pdf --quiet
[ "$(head -c 5 forced.out)" = "%PDF-" ] || fail "--format pdf was not honoured"

# Did you mean ...
expect 2 "did you mean '--output'?" -- "$gp" render "$g" --outptu x.pdf
expect 2 "did you mean '--style'?" -- "$gp" batch "$g" --stlye default
expect 2 "did you mean 'render'?" -- "$gp" rendr "$g"
# help COMMAND is COMMAND --help.
expect 0 "" -- "$gp" help batch
grep -- '--merge' out.txt >/dev/null || fail "help batch does not print batch's options"
expect 2 "unknown command 'nope'" -- "$gp" help nope
# -s twice is an error, not "the last one wins".
expect 2 "-s given twice ('default', then 'print-mono')" -- "$gp" render "$g" -s default -s print-mono
expect 2 "given twice" -- "$gp" batch "$g" -s default --style large-print
expect 2 "the output is given twice" -- "$gp" render "$g" a.pdf -o b.pdf

# The option tables (src/cli/args.c): every command answers a mistyped
# option from its own table, -- ends the options, a flag takes no value.
expect 2 "did you mean '--format'?" -- "$gp" check --formt json "$g"
expect 2 "did you mean '--output'?" -- "$gp" watch "$g" --otput x.pdf
expect 2 "did you mean '--output'?" -- "$gp" report merge a.json --ouptut=b.json
expect 2 "did you mean '--roles'?" -- "$gp" compose --from a --to b --rolse x
expect 2 "--pdfa takes no value" -- "$gp" render "$g" --pdfa=yes
cp "$g" ./-dash.yaml
expect 0 "" -- "$gp" render --quiet -- -dash.yaml dash.pdf
pdftotext dash.pdf - | grep 'Backend' >/dev/null || fail "render -- -dash.yaml did not render the guide"
expect 0 "" -- "$gp" check -- -dash.yaml
grep -- '-dash.yaml: ok' out.txt >/dev/null || fail "check -- -dash.yaml: $(cat out.txt)"
expect 0 "" -- "$gp" render --help
grep -- '--time-limit S' out.txt >/dev/null || fail "render --help does not list its options"

# batch --format png and --pdfa for the whole run.
expect 0 "" -- "$gp" batch "$g" -o pngs --format png -j 1 --quiet
[ -e pngs/data-engineer-to-backend-developer-1.png ] || fail "batch --format png: $(ls pngs)"
expect 0 "" -- "$gp" batch "$g" -o archive --pdfa -j 1 --quiet
/usr/bin/python3 - archive/data-engineer-to-backend-developer.pdf <<'PY' || fail "batch --pdfa did not write PDF/A"
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as pdf:
    xmp = bytes(pdf.Root.Metadata.read_bytes())
    assert b"pdfaid" in xmp, "no pdfaid in the XMP"
PY
# batch parses with the option table too: --opt=value, -j2 written as one
# word, a flag given a value, and the options listed by --help.
expect 0 "" -- "$gp" batch "$g" --output=eq -j1 --style=print-mono --quiet
[ -s eq/data-engineer-to-backend-developer.pdf ] || fail "batch --output=eq -j1: $(ls eq 2>&1)"
pdffonts eq/data-engineer-to-backend-developer.pdf | grep -q . || fail "batch --output=eq wrote no PDF"
expect 2 "--quiet takes no value" -- "$gp" batch "$g" --quiet=yes
expect 2 "-j needs a number of workers from 1 to 1024" -- "$gp" batch "$g" -j0
expect 0 "" -- "$gp" batch --help
grep -- '--shard K/N|auto\[/N\]' out.txt >/dev/null || fail "batch --help does not list its options"
[ $fails -eq 0 ] && echo "cli habits: all checks passed"
exit $((fails > 0))
