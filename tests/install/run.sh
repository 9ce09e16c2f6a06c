#!/usr/bin/env bash
# Installs the built tree into a temporary prefix, moves the prefix (an
# installed guidepress must find its fonts and styles relative to itself),
# then uses it as a library user and a command-line user would:
#   - a 20-line C program built with `pkg-config --cflags --libs guidepress`
#     alone renders the reference guide; its PDF is checked;
#   - the same program linked against the static library;
#   - the installed program renders from another folder;
#   - the plug-in modules (libharu, libqpdf, librsvg) are installed in
#     <libdir>/guidepress and found there by the relocated program, the
#     shared library and (through GUIDEPRESS_MODULE_DIR and pkg-config's
#     moduledir) the static one; a plain render loads none of them;
#   - the shared library exports the public API and nothing else;
#   - man pages and shell completions are installed and well-formed.
# Usage: run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/stage" >/dev/null
mv "$tmp/stage" "$tmp/prefix"          # relocated after installation
p=$tmp/prefix
libdir=$(cd "$p" && dirname "$(find . -name libguidepress.so.0 | head -1)")
[ -n "$libdir" ] || fail "libguidepress.so.0 not installed"
for f in bin/guidepress include/guidepress/guidepress.h share/guidepress/fonts/NotoSans-Regular.ttf \
         share/guidepress/styles/default.yaml share/man/man1/guidepress.1 \
         share/man/man5/guidepress-guide.5 share/man/man5/guidepress-style.5 \
         share/bash-completion/completions/guidepress share/zsh/vendor-completions/_guidepress \
         "$libdir/libguidepress.a" "$libdir/pkgconfig/guidepress.pc"; do
  [ -e "$p/$f" ] || fail "$f not installed"
done
[ "$(readlink "$p/$libdir/libguidepress.so")" = libguidepress.so.0 ] || fail "libguidepress.so is not a link to the soname"
soname=$(objdump -p "$p/$libdir/libguidepress.so.0" | awk '/SONAME/ {print $2}')
[ "$soname" = libguidepress.so.0 ] || fail "soname is '$soname'"

# Only the public API is exported: every defined dynamic symbol is gp_*
# and declared in an installed header.
nm -D --defined-only "$p/$libdir/libguidepress.so.0" | awk '$2 ~ /[TDBR]/ {sub(/@.*/, "", $3); print $3}' \
  | sort > "$tmp/exported"
[ -s "$tmp/exported" ] || fail "no symbols exported"
if grep -v '^gp_' "$tmp/exported"; then fail "non-API symbols exported (above)"; fi
while read -r sym; do
  grep -qw "$sym" "$p"/include/guidepress/*.h || fail "exported $sym is in no public header"
done < "$tmp/exported"
echo "exported symbols: $(wc -l < "$tmp/exported")"

guide=$src/data/guides/data-engineer-to-backend-developer.yaml
export PKG_CONFIG_PATH=$p/$libdir/pkgconfig
cd "$tmp"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -o consumer "$src/tests/install/consumer.c" $(pkg-config --cflags --libs guidepress)
LD_LIBRARY_PATH=$p/$libdir ./consumer "$guide" shared.pdf > out.txt
grep -q '^pages [1-9]' out.txt || fail "consumer: $(cat out.txt)"
pdftotext shared.pdf - | tr -s ' \n' ' ' > shared.txt
grep -q 'Installed Client' shared.txt || fail "client name not in the PDF"
grep -q 'Backend Developer' shared.txt || fail "guide text not in the PDF"
pdffonts shared.pdf | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit bad}' || fail "a font is not embedded"
LD_LIBRARY_PATH=$p/$libdir ldd ./consumer | grep "$p/$libdir/libguidepress.so.0" >/dev/null || fail "consumer did not load the installed library"

# Modules: installed, found relative to the relocated library, loaded only
# when used (LD_DEBUG=files lists every object the loader maps).
moddir=$(realpath "$p/$libdir/guidepress")
for m in haru qpdf svg; do
  [ -f "$moddir/guidepress-$m.so" ] || fail "guidepress-$m.so not installed in $libdir/guidepress"
done
[ "$(realpath "$(pkg-config --variable=moduledir guidepress)")" = "$moddir" ] \
  || fail "pkg-config moduledir is $(pkg-config --variable=moduledir guidepress)"
LD_LIBRARY_PATH=$p/$libdir LD_DEBUG=files ./consumer "$guide" plain.pdf 2> plain.ld > /dev/null
if grep -E 'file=(libhpdf|libqpdf|librsvg|.*guidepress-)' plain.ld; then fail "a plain render loaded the above"; fi
LD_LIBRARY_PATH=$p/$libdir LD_DEBUG=files ./consumer "$guide" haru.pdf haru 2> haru.ld > /dev/null \
  || fail "consumer with the libharu painter: $(grep -v '^ *[0-9]*:' haru.ld)"
grep -q "file=$moddir/guidepress-haru.so" haru.ld || fail "libharu painter not loaded from $moddir"
pdfinfo haru.pdf | grep -q 'Producer:.*Haru' || fail "haru.pdf is not libharu's: $(pdfinfo haru.pdf | grep Producer)"
pdftotext haru.pdf - | tr -s ' \n' ' ' | grep -q 'Installed Client' || fail "haru.pdf lacks the client"

# Static: the archive plus pkg-config --static.
# shellcheck disable=SC2046
cc -std=c11 -o consumer-static "$src/tests/install/consumer.c" $(pkg-config --cflags guidepress) \
   "$p/$libdir/libguidepress.a" $(pkg-config --static --libs guidepress | sed 's/-lguidepress//')
./consumer-static "$guide" static.pdf > /dev/null
ldd ./consumer-static | grep libguidepress && fail "static consumer links the shared library"
pdftotext static.pdf - | grep 'Installed Client' >/dev/null || fail "static consumer's PDF lacks the client"
GUIDEPRESS_MODULE_DIR=$(pkg-config --variable=moduledir guidepress) LD_DEBUG=files \
  ./consumer-static "$guide" static-haru.pdf haru 2> static-haru.ld > /dev/null || fail "static consumer, haru"
grep -q "file=$moddir/guidepress-haru.so" static-haru.ld || fail "static consumer: module not from $moddir"
pdftotext static-haru.pdf - | tr -s ' \n' ' ' | grep -q 'Installed Client' || fail "static consumer's libharu PDF"

# The installed program, from another folder, finds its data in the prefix.
mkdir run && cd run
"$p/bin/guidepress" version | grep "data: $p/share/guidepress" \
  || fail "installed program does not use its own share/guidepress: $("$p/bin/guidepress" version)"
"$p/bin/guidepress" render "$guide" -s large-print -o cli.pdf --quiet
pdftotext cli.pdf - | grep 'Backend Developer' >/dev/null || fail "installed program's PDF"
# ... also when started through PATH, as a shell starts it (argv[0] is then
# a bare "guidepress": the folder comes from /proc/self/exe).
PATH="$p/bin:$PATH" guidepress version | grep "data: $p/share/guidepress" \
  || fail "guidepress found through PATH does not use its share/guidepress: $(PATH="$p/bin:$PATH" guidepress version)"
PATH="$p/bin:$PATH" LD_DEBUG=files guidepress render "$guide" --backend haru -o path-haru.pdf --quiet 2> path.ld
grep -q "file=$moddir/guidepress-haru.so" path.ld \
  || fail "guidepress found through PATH did not load its modules from $moddir"
pdftotext path-haru.pdf - | grep 'Backend Developer' >/dev/null || fail "PATH program's libharu PDF"
# an SVG logo (guidepress-svg.so) and the Cairo painter's qpdf pass
LD_DEBUG=files "$p/bin/guidepress" render "$guide" -s example-brand --backend cairo -o svg.pdf --quiet 2> svg.ld
for m in svg qpdf; do
  grep -q "file=$moddir/guidepress-$m.so" svg.ld || fail "installed program did not load $m from $moddir"
done
pdftotext svg.pdf - | grep 'Backend Developer' >/dev/null || fail "installed program's Cairo PDF"
cd ..

man -l "$p/share/man/man1/guidepress.1" 2>/dev/null | grep 'EXIT STATUS' >/dev/null || fail "guidepress(1) does not render"
man -l "$p/share/man/man5/guidepress-style.5" 2>/dev/null | grep 'extends' >/dev/null || fail "guidepress-style(5)"
man -l "$p/share/man/man5/guidepress-guide.5" 2>/dev/null | grep 'timeline' >/dev/null || fail "guidepress-guide(5)"
bash -n "$p/share/bash-completion/completions/guidepress" || fail "bash completion"
( source "$p/share/bash-completion/completions/guidepress"
  COMP_WORDS=(guidepress ren); COMP_CWORD=1; _guidepress; [ "${COMPREPLY[*]}" = render ] ) \
  || fail "bash completion does not complete 'ren'"
echo "install test passed"
