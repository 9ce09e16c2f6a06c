#!/usr/bin/env bash
# Mistakes that used to pass silently (issue 19) are now errors or
# warnings at the user's own line: an unbundled font family, a mistyped
# palette name, an unknown currency code, and an unquoted #hex (one error
# at its line, not eight inside the shipped default.yaml).
# Usage: mistakes.sh GUIDEPRESS SOURCE_DIR
set -uo pipefail
gp=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() { "$gp" "$@" >out.txt 2>err.txt; echo $?; }

printf 'style: 1\nextends: default\nfonts: {body: Comic Sans}\n' > font.yaml
[ "$(run check font.yaml)" = 1 ] || fail "check passed an unbundled font family"
grep -F 'font.yaml:3:15: error: font family `Comic Sans` (text style `body`) is not bundled' err.txt >/dev/null \
  || fail "font family: $(cat err.txt)"

printf 'style: 1\nextends: default\ncolors:\n  pimary: "#4b2e83"\n' > palette.yaml
[ "$(run check palette.yaml)" = 0 ] || fail "a palette typo is a warning, not an error: $(cat err.txt)"
grep -F 'palette.yaml:4:3: warning: colour `pimary` is defined but nothing uses it; did you mean `primary`?' err.txt >/dev/null \
  || fail "palette typo: $(cat err.txt)"
for s in "$src"/styles/*.yaml; do
  [ "$(run check "$s")" = 0 ] || fail "$s: $(cat err.txt)"
  grep -F warning err.txt >/dev/null && fail "a shipped style warns: $(cat err.txt)"
done

printf 'style: 1\nextends: default\ncolors:\n  primary: #1f2a37\n' > hex.yaml
[ "$(run check hex.yaml)" = 1 ] || fail "unquoted #hex passed"
[ "$(grep -c 'error:' err.txt)" = 1 ] || fail "unquoted #hex gave $(grep -c 'error:' err.txt) errors: $(cat err.txt)"
grep -F 'hex.yaml:4:11: error:' err.txt >/dev/null || fail "unquoted #hex not at its line: $(cat err.txt)"
grep -F 'write "#1f2a37"' err.txt >/dev/null || fail "no hint to quote it"

sed 's/^currency: .*/currency: GPB/' "$src/data/guides/data-engineer-to-backend-developer.yaml" > cur.yaml
grep '^currency: GPB' cur.yaml >/dev/null || fail "test guide has no currency line"
[ "$(run check cur.yaml)" = 1 ] || fail "currency GPB passed"
grep -F 'hint: did you mean `GBP`?' err.txt >/dev/null || fail "currency hint: $(cat err.txt)"
sed 's/^currency: .*/currency: EUR/' cur.yaml > eur.yaml
[ "$(run check eur.yaml)" = 0 ] || fail "EUR refused: $(cat err.txt)"

[ $fails -eq 0 ] && echo "mistakes: all caught at the user's line"
exit $((fails > 0))
