#!/usr/bin/env bash
# Proves compare.py can fail: a default render personalised with a name must
# differ from the Cairo render in text and in pixels.
set -u
bin=$1 src=$2 work=$3
out=$(python3 "$src/tests/compare/compare.py" "$bin" "$src" "$work" \
      --only accountant-to-data-analyst-default \
      --default-arg --set --default-arg "prepared_for=Someone Else Entirely")
rc=$?
echo "$out"
[ $rc -eq 1 ] || { echo "FAIL: compare.py exited $rc, not 1"; exit 1; }
grep -q "text insert: cairo '' -> default '.*Someone Else Entirely" <<<"$out" ||
  { echo "FAIL: the extra words were not reported"; exit 1; }
grep -q "differ by more than" <<<"$out" || { echo "FAIL: no page was reported as differing"; exit 1; }
echo "ok: a difference in text and pixels fails"
