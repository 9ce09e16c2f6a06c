#!/bin/sh
# po/make-pot.sh [OUT] - extracts the message template from the sources with
# xgettext (default OUT: po/guidepress.pot next to this script). The
# keywords are the label functions and the GP_N_ markers (guidepress/lang.h),
# and the CLI's own messages (gp_cli_tr, src/cli/cli.h).
# Locations name the file only, so moving a line does not change the .pot.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$here/guidepress.pot}
cd "$root"
files=$(find src/base src/model src/layout src/cli -name '*.c' | LC_ALL=C sort)
# shellcheck disable=SC2086
xgettext --language=C --from-code=UTF-8 --keyword= \
  --keyword=GP_N_ --keyword=GP_NN_:1,2 \
  --keyword=gp_label:2 --keyword=gp_labeln:2,3 \
  --keyword=gp_tr:2 --keyword=gp_trn:2,3 \
  --keyword=gp_cli_tr --keyword=gp_cli_trn:1,2 \
  --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
  --package-name=guidepress --package-version=1 \
  --msgid-bugs-address=https://github.com/guidepress/guidepress/issues \
  --copyright-holder="the guidepress authors" \
  -o "$out.tmp" $files
# A fixed creation date keeps the file reproducible (the test compares it).
sed 's/^"POT-Creation-Date: .*\\n"$/"POT-Creation-Date: 2026-01-01 00:00+0000\\n"/' "$out.tmp" >"$out"
rm -f "$out.tmp"
