#!/usr/bin/env bash
# The owning types of the public API stay opaque (issue 19): a program
# that includes <guidepress/guidepress.h> can hold pointers to them and
# call their accessors, but cannot take their size or reach a field, and
# no public header shows a capacity or private field; and docs/api.md
# lists every public function.
# Usage: check_opaque.sh SOURCE_DIR
set -uo pipefail
src=$1
inc=$src/include
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# 1. No growing-array capacity or private pointer in any public header
#    (comments included: a header that still talks about them is stale).
if grep -nE '\bcap_[a-z_]+|\bpriv\b|_private\b' "$inc"/guidepress/*.h; then
  fail "a public header shows the fields above"
fi

# 2. sizeof and a field access fail to compile for each opaque type, with
#    the compiler saying why; a pointer to it and an accessor call compile
#    (so the failures are about the type, not about the test program).
compile() { # NAME CODE: compiles CODE after the umbrella header, C11 -Werror
  printf '#include <guidepress/guidepress.h>\n%s\n' "$2" > "$tmp/$1.c"
  cc -std=c11 -Wall -Wextra -Werror -fsyntax-only -I"$inc" "$tmp/$1.c" 2> "$tmp/$1.err"
}
# type | a field the library uses | an accessor call that must compile
while IFS='|' read -r type field ok; do
  compile "size-$type" "size_t f(void) { return sizeof($type); }" \
    && fail "sizeof($type) compiles: $type is not opaque"
  grep -q "incomplete" "$tmp/size-$type.err" || fail "sizeof($type): $(head -3 "$tmp/size-$type.err")"
  compile "field-$type" "int f(const $type *p) { return p->$field != 0; }" \
    && fail "$type->$field compiles: $type is not opaque"
  grep -q "incomplete" "$tmp/field-$type.err" || fail "$type->$field: $(head -3 "$tmp/field-$type.err")"
  compile "ok-$type" "$ok" || fail "the control program for $type does not compile: $(head -3 "$tmp/ok-$type.err")"
done <<'TYPES'
gp_display|n_pages|size_t f(const gp_display *d) { return gp_display_page_count(d); }
gp_page|n_items|size_t f(const gp_display *d) { size_t n; return gp_display_page_items(d, 0, &n) ? n : 0; }
gp_style|page_width|const char *f(const gp_style *s) { return gp_style_name(s); }
gp_guide|n_sections|size_t f(const gp_guide *g) { return gp_guide_section_count(g); }
TYPES
# 3. docs/api.md lists every function the headers declare (the functions
#    the library exports: cmake/gen-exports.cmake reads them the same way),
#    with its ownership.
documented=0
for f in $(perl -0777 -pe 's{/\*.*?\*/}{}gs' "$inc"/guidepress/*.h \
             | grep -oE '[ *]gp_[a-z0-9_]+[[:space:]]*\(' | grep -oE 'gp_[a-z0-9_]+' | sort -u); do
  if grep -q "\b$f\b" "$src/docs/api.md"; then
    documented=$((documented + 1))
  else
    fail "$f is declared in include/guidepress but not in docs/api.md"
  fi
done
[ "$documented" -gt 100 ] || fail "found only $documented functions in the public headers"

[ $fails -eq 0 ] && echo "opaque: the owning types are opaque, no cap_/priv in public headers," \
  "$documented public functions all in docs/api.md"
exit $((fails > 0))
