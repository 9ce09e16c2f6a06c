#!/bin/sh
# tests/i18n/check_pot.sh SRC TMPDIR - fails when po/guidepress.pot is out of
# date with the sources (a label added, changed or removed without running
# `cmake --build build --target pot`), and when a message in the sources is
# missing from the list `labels:` keys are checked against
# (gp_i18n_msgids in src/base/i18n.c), the CLI's own messages apart.
set -eu
src=$1
tmp=$2
mkdir -p "$tmp"
"$src/po/make-pot.sh" "$tmp/fresh.pot"
if ! diff -u "$src/po/guidepress.pot" "$tmp/fresh.pot"; then
  echo "FAIL: po/guidepress.pot is out of date; run: cmake --build build --target pot"
  exit 1
fi
# Every document msgid in the template must be in gp_i18n_msgids (extracted
# alone); the CLI's own messages (src/cli) are not labels a guide can set.
msggrep -v -N 'src/cli/*' "$src/po/guidepress.pot" -o "$tmp/doc.pot"
xgettext --language=C --from-code=UTF-8 --keyword= --keyword=GP_N_ --keyword=GP_NN_:1,2 \
  --omit-header -o "$tmp/registry.pot" "$src/src/base/i18n.c"
rm -f "$tmp/diff.pot" # msgcomm writes nothing when there is no difference
msgcomm --unique --no-location "$tmp/doc.pot" "$tmp/registry.pot" -o "$tmp/diff.pot" || true
if [ -s "$tmp/diff.pot" ] && grep -q '^msgid "[^"]' "$tmp/diff.pot"; then
  echo "FAIL: messages used in the sources but not listed in gp_i18n_msgids (src/base/i18n.c):"
  grep '^msgid ' "$tmp/diff.pot"
  exit 1
fi
echo "ok: template up to date, $(grep -c '^msgid "[^"]' "$src/po/guidepress.pot") messages, the document's all in gp_i18n_msgids"
