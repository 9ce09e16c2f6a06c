#!/bin/sh
# tests/i18n/check_catalogues.sh SRC - fails when a catalogue in po/LINGUAS
# lacks a message the template has (msgcmp), leaves one untranslated or
# fuzzy (msgattrib), or does not compile cleanly (msgfmt --check: format
# strings match their msgid, the Plural-Forms header is valid).
set -eu
src=$1
pot=$src/po/guidepress.pot
status=0
for lang in $(grep -E '^[a-zA-Z_@]+$' "$src/po/LINGUAS"); do
  po=$src/po/$lang.po
  if [ ! -f "$po" ]; then
    echo "FAIL $lang: po/$lang.po is missing (listed in po/LINGUAS)"
    status=1
    continue
  fi
  if ! msgcmp "$po" "$pot"; then
    echo "FAIL $lang: po/$lang.po lacks messages of the template (run: cmake --build build --target update-po)"
    status=1
  fi
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything else is printed
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "FAIL $lang: untranslated or fuzzy messages:"
    msgattrib --untranslated --no-obsolete "$po" | grep '^msgid ' | grep -v '^msgid ""$' || true
    msgattrib --only-fuzzy --no-obsolete "$po" | grep '^msgid ' | grep -v '^msgid ""$' || true
    status=1
  fi
  if ! msgfmt --check -o /dev/null "$po"; then
    echo "FAIL $lang: msgfmt --check"
    status=1
  fi
  nplurals=$(sed -n 's/^"Plural-Forms: nplurals=\([0-9]*\);.*/\1/p' "$po")
  echo "ok $lang: $(msgfmt --statistics -o /dev/null "$po" 2>&1), nplurals=$nplurals"
done
exit $status
