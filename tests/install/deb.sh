#!/usr/bin/env bash
# Builds the .deb with CPack and checks it as dpkg would see it: its
# dependencies are computed from the binaries (dpkg-shlibdeps), its files
# are where Debian expects them, and the unpacked program renders a guide
# from wherever it is unpacked.
# Usage: deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >/dev/null)
deb=$(ls "$tmp"/pkg/guidepress_*_*.deb)
dpkg-deb -f "$deb" Package Version Depends > "$tmp/control"
grep '^Package: guidepress' "$tmp/control" >/dev/null || fail "package name"
for d in libpango-1.0-0 libcairo2 libyaml-0-2 icc-profiles-free; do
  grep "$d" "$tmp/control" >/dev/null || fail "Depends lacks $d: $(cat "$tmp/control")"
done
dpkg-deb -c "$deb" | awk '{print $6}' > "$tmp/files"
for f in ./usr/bin/guidepress ./usr/include/guidepress/guidepress.h ./usr/share/guidepress/styles/default.yaml \
         ./usr/share/man/man1/guidepress.1 ./usr/share/bash-completion/completions/guidepress; do
  grep -x -- "$f" "$tmp/files" >/dev/null || fail "$f not in the package"
done
grep -E '^\./usr/lib/(x86_64-linux-gnu/)?libguidepress\.so\.0' "$tmp/files" >/dev/null || fail "no shared library"
for m in haru qpdf svg; do
  grep -E "^\./usr/lib/(x86_64-linux-gnu/)?guidepress/guidepress-$m\.so\$" "$tmp/files" >/dev/null \
    || fail "module guidepress-$m.so not in the package"
done
# the modules' libraries are still dependencies of the package (dpkg-shlibdeps reads the modules)
for d in libhpdf libqpdf librsvg2; do
  grep "$d" "$tmp/control" >/dev/null || fail "Depends lacks $d: $(cat "$tmp/control")"
done
dpkg-deb -x "$deb" "$tmp/root"
cd "$tmp"
"$tmp/root/usr/bin/guidepress" render "$src/data/guides/data-engineer-to-backend-developer.yaml" -o deb.pdf --quiet
pdftotext deb.pdf - > deb.txt
grep 'Backend Developer' deb.txt >/dev/null || fail "unpacked program's PDF"
# the modules are found relative to the unpacked program
"$tmp/root/usr/bin/guidepress" render "$src/data/guides/data-engineer-to-backend-developer.yaml" \
  --backend haru -s example-brand -o deb-haru.pdf --quiet
pdfinfo deb-haru.pdf | grep -q 'Producer:.*Haru' || fail "unpacked program's libharu PDF"
echo "deb: $(basename "$deb"), $(wc -l < "$tmp/files") entries; $(grep Depends "$tmp/control" | cut -c1-80)..."
