#!/usr/bin/env bash
# guidepress(1) and the program cannot drift: every option a command's
# --help lists is documented in docs/man/guidepress.1.md, and every option
# the page documents is one the program lists.
# Usage: check_man.sh GUIDEPRESS SOURCE_DIR
set -euo pipefail
gp=$1; page=$2/docs/man/guidepress.1.md
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for c in render batch check report watch serve; do "$gp" "$c" --help 2>&1 || true; done \
  | grep -oE -- '--[a-z][a-z0-9-]+' | grep -vx -- --help | sort -u > "$tmp/program"
grep -oE -- '--[a-z][a-z0-9-]+' "$page" | grep -vx -- --help | sort -u > "$tmp/page"
rc=0
while read -r o; do
  grep -qx -- "$o" "$tmp/page" || { echo "FAIL: $o is accepted by the program but not in docs/man/guidepress.1.md"; rc=1; }
done < "$tmp/program"
while read -r o; do
  grep -qx -- "$o" "$tmp/program" || { echo "FAIL: docs/man/guidepress.1.md documents $o, which no --help lists"; rc=1; }
done < "$tmp/page"
[ $rc -eq 0 ] && echo "options: $(wc -l < "$tmp/program") listed, all documented"
exit $rc
