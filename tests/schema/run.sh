#!/usr/bin/env bash
# JSON Schemas for editors (issue 19), checked three ways:
#   1. docs/schema/*.json are what the program and the docs make now
#      (scripts/gen-schema.py), so they cannot drift from the loaders;
#   2. every shipped guide and style is valid for a standard validator
#      (ajv-cli, draft-07, reading the YAML itself);
#   3. every hostile file the loader refuses for a schema reason (a wrong
#      type, an unknown key, a bad enum value, a missing required key, a
#      wrong version) is refused by the schema too.
# Usage: run.sh GUIDEPRESS SOURCE_DIR
set -uo pipefail
gp=$1; src=$2
ajv=$src/tests/schema/node_modules/.bin/ajv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
if [ ! -x "$ajv" ]; then
  echo "FAIL: ajv-cli is not installed in tests/schema (scripts/setup.sh runs npm ci there)"
  exit 1
fi
python3 "$src/scripts/gen-schema.py" "$gp" "$src" "$tmp" >/dev/null || fail "gen-schema.py failed"
for k in guide style; do
  if ! diff -u "$src/docs/schema/$k.schema.json" "$tmp/$k.schema.json" > "$tmp/$k.diff"; then
    head -40 "$tmp/$k.diff"
    fail "docs/schema/$k.schema.json is out of date: run scripts/gen-schema.py build/guidepress . docs/schema"
  fi
done
valid() { # kind file
  "$ajv" validate --spec=draft7 --strict=false -s "$src/docs/schema/$1.schema.json" -d "$2" >"$tmp/out" 2>&1
}
n=0
for f in "$src"/data/guides/*.yaml "$src"/data/guides-i18n/*.yaml; do
  valid guide "$f" || fail "$f is invalid for the guide schema: $(tail -5 "$tmp/out")"; n=$((n + 1))
done
for f in "$src"/styles/*.yaml; do
  valid style "$f" || fail "$f is invalid for the style schema: $(tail -5 "$tmp/out")"; n=$((n + 1))
done
# Refused by the loader for a schema reason, so refused by the schema too.
schema_guides="bad_currency direct_maybe duplicate_key guide_version_2 list_for_text missing_to
  salary_abc salary_single_number text_for_list top_level_list unknown_key_titel unknown_type_faqs"
schema_styles="bad_align bad_bool bad_color bad_columns bad_unit bad_weight style_version_2
  unknown_key unknown_section unknown_text_style unquoted_hash wrong_type"
m=0
for b in $schema_guides; do
  f=$src/tests/bad/guide/$b.yaml
  [ -e "$f" ] || { fail "$f is gone"; continue; }
  valid guide "$f" && fail "the guide schema accepts $b.yaml ($(head -1 "$f"))"; m=$((m + 1))
done
for b in $schema_styles; do
  f=$src/tests/bad/style/$b.yaml
  [ -e "$f" ] || { fail "$f is gone"; continue; }
  valid style "$f" && fail "the style schema accepts $b.yaml ($(head -1 "$f"))"; m=$((m + 1))
done
[ $fails -eq 0 ] && echo "schema: up to date; $n shipped files valid; $m hostile files refused"
exit $((fails > 0))
