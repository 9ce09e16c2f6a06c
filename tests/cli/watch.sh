#!/usr/bin/env bash
# guidepress watch: renders, renders again when the guide or the style
# changes (also when an editor saves by rename), keeps the last good PDF
# when a save breaks the guide, and stops cleanly on SIGINT.
# Usage: watch.sh GUIDEPRESS SOURCE_DIR
set -euo pipefail
gp=$1; src=$2
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$tmp"
fail() { echo "FAIL: $*"; echo "--- watch log:"; cat log.txt; exit 1; }
cp "$src/data/guides/data-engineer-to-backend-developer.yaml" guide.yaml
printf 'style: 1\nextends: default\nbrand: {name: Watchful Careers}\nfooter: {left: "{brand}"}\n' > brand.yaml
"$gp" watch guide.yaml -s ./brand.yaml -o out.pdf > log.txt 2>&1 &
pid=$!
wait_for() { # count pattern
  for _ in $(seq 1 200); do
    [ "$(grep -c -- "$2" log.txt || true)" -ge "$1" ] && return 0
    sleep 0.1
  done
  fail "timed out waiting for '$2' x$1"
}
text() { pdftotext out.pdf - | tr -s ' \n' ' '; }
wait_for 1 "out.pdf:"
text | grep 'Watchful Careers' >/dev/null || fail "first render lacks the brand"
# An edit in place.
sed -i 's/^kicker: .*/kicker: Watched Kicker Line/' guide.yaml
wait_for 2 "out.pdf:"
text | grep -i 'Watched Kicker Line' >/dev/null || fail "edit in place not rendered"
# An editor's save: a new file renamed over the old one.
sed 's/Watchful Careers/Vigilant Careers/' brand.yaml > brand.yaml.new && mv brand.yaml.new brand.yaml
wait_for 3 "out.pdf:"
text | grep 'Vigilant Careers' >/dev/null || fail "style saved by rename not rendered"
# A broken save: errors are printed, the PDF stays, watching goes on.
cp guide.yaml good.yaml
printf 'guide: 1\nfrom: [unclosed\n' > guide.yaml
wait_for 1 "render failed"
grep 'guide.yaml:' log.txt >/dev/null || fail "no file:line error for the broken guide"
text | grep -i 'Watched Kicker Line' >/dev/null || fail "last good PDF was not kept"
cp good.yaml guide.yaml
wait_for 4 "out.pdf:"
kill -INT "$pid"
wait "$pid" && st=0 || st=$?
pid=
[ "$st" -eq 0 ] || fail "watch exited $st on SIGINT"
grep 'stopped watching' log.txt >/dev/null || fail "no clean stop"
echo "watch: 4 renders, broken save survived, clean stop"
