#!/usr/bin/env bash
# Lazy loading of the plug-in modules (tests/modules.cmake).
# Usage: check.sh GUIDEPRESS_BIN LIBGUIDEPRESS_SO SOURCE_DIR
set -euo pipefail
bin=$1; lib=$2; src=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
guide=$src/data/guides/data-engineer-to-backend-developer.yaml
heavy='lib(hpdf|qpdf|rsvg|gmime|ical)'

# 1. Not linked: neither the program nor the shared library needs them.
for f in "$bin" "$lib"; do
  if readelf -d "$f" | grep NEEDED | grep -E "$heavy"; then fail "$f links the above"; fi
done

# Renders under LD_DEBUG=files, which logs every object the loader maps
# (file=NAME); loaded NAME... checks the log.
render() { # LOG ARGS...
  local log=$1; shift
  LD_DEBUG=files "$bin" render "$guide" --quiet "$@" 2> "$tmp/$log" \
    || fail "render $*: $(grep -v '^ *[0-9]*:' "$tmp/$log")"
}
loaded() { grep -qE "file=[^ ]*$2" "$tmp/$1"; }
text_ok() { pdftotext "$1" - | tr -s ' \n' ' ' | grep -q 'Data Engineer to Backend Developer' \
              || fail "$1: the guide's title is not in the PDF"; }

# 2. A plain render (our PDF painter, default style, PNG-free) maps none.
render plain.log -o "$tmp/plain.pdf"
if grep -E "file=[^ ]*($heavy|guidepress-)" "$tmp/plain.log"; then fail "a plain render loaded the above"; fi
text_ok "$tmp/plain.pdf"

# 3. Each module when its feature is used, and nothing more.
render haru.log -o "$tmp/haru.pdf" --backend haru
loaded haru.log 'guidepress-haru\.so' || fail "--backend haru did not load guidepress-haru.so"
loaded haru.log libhpdf || fail "--backend haru did not load libhpdf"
pdfinfo "$tmp/haru.pdf" | grep -q 'Producer:.*Haru' || fail "haru.pdf was not written by libharu"
text_ok "$tmp/haru.pdf"

render svg.log -o "$tmp/svg.pdf" -s example-brand   # its logo is an SVG
loaded svg.log 'guidepress-svg\.so' || fail "an SVG logo did not load guidepress-svg.so"
loaded svg.log librsvg || fail "an SVG logo did not load librsvg"
if loaded svg.log libhpdf; then fail "an SVG logo loaded libhpdf"; fi
qpdf --qdf --object-streams=disable "$tmp/svg.pdf" "$tmp/svg-qdf.pdf"
# the logo's form is the one with a /Matrix (check boxes' forms have none)
grep -aq '/Matrix' "$tmp/svg-qdf.pdf" || fail "svg.pdf has no form XObject for the logo"
text_ok "$tmp/svg.pdf"

render cairo.log -o "$tmp/cairo.pdf" --backend cairo
loaded cairo.log 'guidepress-qpdf\.so' || fail "--backend cairo did not load guidepress-qpdf.so (its fix-ups)"
if loaded cairo.log "lib(hpdf|rsvg)"; then fail "--backend cairo without a logo loaded libharu or librsvg"; fi
text_ok "$tmp/cairo.pdf"

render attach.log -o "$tmp/attach.pdf" --attach-source
loaded attach.log 'guidepress-qpdf\.so' || fail "--attach-source did not load guidepress-qpdf.so"
pdfdetach -list "$tmp/attach.pdf" | grep -q 'data-engineer-to-backend-developer.yaml' \
  || fail "attach.pdf lacks the guide: $(pdfdetach -list "$tmp/attach.pdf")"

render plan.log -o "$tmp/plan.pdf" --set start=2027-01-11 --ics "$tmp/plan.ics" \
  --eml "$tmp/plan.eml" --mail-to "Jane Doe <jane@example.org>" --mail-from adviser@example.org
loaded plan.log 'guidepress-ics\.so' || fail "--ics did not load guidepress-ics.so"
loaded plan.log 'guidepress-mail\.so' || fail "--eml did not load guidepress-mail.so"
loaded plan.log libical || fail "--ics did not load libical"
loaded plan.log libgmime || fail "--eml did not load GMime"
[ "$(grep -c '^BEGIN:VEVENT' "$tmp/plan.ics")" -gt 3 ] || fail "plan.ics has no events"
grep -q '^To: Jane Doe <jane@example.org>' "$tmp/plan.eml" || fail "plan.eml: $(head -5 "$tmp/plan.eml")"
grep -q 'application/pdf' "$tmp/plan.eml" || fail "plan.eml has no PDF"

# 4. A module that is missing or broken is an error naming it; no output
# is written and an existing output is left alone.
mkdir "$tmp/empty" "$tmp/broken"
echo keep > "$tmp/kept.pdf"
set +e
GUIDEPRESS_MODULE_DIR=$tmp/empty "$bin" render "$guide" --backend haru -o "$tmp/kept.pdf" 2> "$tmp/missing.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "missing module: exit $rc"
grep -q "module guidepress-haru.so is not installed (looked in $tmp/empty" "$tmp/missing.err" \
  || fail "missing module: $(cat "$tmp/missing.err")"
[ "$(cat "$tmp/kept.pdf")" = keep ] || fail "missing module: the existing output was replaced"
echo 'not an ELF file' > "$tmp/broken/guidepress-svg.so"
set +e
GUIDEPRESS_MODULE_DIR=$tmp/broken "$bin" render "$guide" -s example-brand -o "$tmp/broken.pdf" 2> "$tmp/broken.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "broken module: exit $rc"
grep -q "cannot load module guidepress-svg.so: .*guidepress-svg.so" "$tmp/broken.err" \
  || fail "broken module: $(cat "$tmp/broken.err")"
[ ! -e "$tmp/broken.pdf" ] || fail "broken module: a PDF was written"
echo "modules: a plain render maps none of libharu, libqpdf, librsvg, GMime, libical; each loads on use"
