#!/usr/bin/env bash
# The command line and the benchmarks use the library only through its
# public API (issue 19): every #include in src/cli/*.[ch] and bench/*.[ch]
# names a public header (<guidepress/...>), a system or library header
# (<...>), or the folder's own headers ("cli/..." in src/cli, "bench.h" in
# bench/). Anything else ("base/...", "engine/...", "model/...") is a
# private header of the library and fails the test.
# Usage: public_headers.sh SOURCE_DIR
set -uo pipefail
src=$1
cd "$src" || exit 2
# Known exceptions, by file (shell patterns): each says why it may still
# reach inside, and goes when that work lands.
exceptions=(
)
is_exception() {
  local f
  for f in "${exceptions[@]}"; do [[ $1 == $f ]] && return 0; done
  return 1
}
fails=0
files=0
excepted=0
shopt -s nullglob
for f in src/cli/*.[ch] bench/*.[ch]; do
  files=$((files + 1))
  case $f in
    src/cli/*) own='^"cli/[A-Za-z0-9_./-]+\.h"$' ;;
    bench/*) own='^"bench\.h"$' ;;
  esac
  while IFS=: read -r line text; do
    # The header as written: <...> or "...".
    hdr=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*[>"]).*/\1/' <<<"$text")
    if [[ $hdr == \<guidepress/* ]]; then continue; fi
    if [[ $hdr == \<* ]]; then continue; fi # system and library headers
    if [[ $hdr =~ $own ]]; then continue; fi
    if is_exception "$f"; then
      echo "known exception: $f:$line: $hdr"
      excepted=$((excepted + 1))
      continue
    fi
    echo "FAIL: $f:$line: includes $hdr, a private header of the library"
    fails=$((fails + 1))
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include' "$f")
done
[ "$files" -gt 10 ] || { echo "FAIL: found only $files files under src/cli and bench"; exit 1; }
# An exception no file needs any more is reported, for the lead to drop.
for pat in "${exceptions[@]}"; do
  used=0
  for f in $pat; do
    [ -e "$f" ] && grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" \
      | grep -vE '"(cli/[A-Za-z0-9_./-]+|bench)\.h"' >/dev/null && used=1
  done
  [ $used -eq 1 ] || echo "note: the exception $pat is no longer needed; remove it"
done
if [ $fails -eq 0 ]; then
  echo "public headers only: $files files in src/cli and bench checked" \
    "($excepted includes in known exceptions)"
fi
exit $((fails > 0))
