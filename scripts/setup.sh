#!/usr/bin/env bash
# Installs the Debian packages guidepress needs to build, test and run.
# Idempotent: does nothing when everything is already installed. Uses sudo
# when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libpango1.0-dev libcairo2-dev libyaml-dev   # text, drawing, YAML
  libhpdf-dev                                 # second PDF painter (PDF/A)
  librsvg2-dev                                # SVG logos as vectors
  libxml2-dev                                 # SVG logo pre-scan (images, <use> fan-out)
  libhyphen-dev hyphen-en-gb hyphen-en-us     # dictionary hyphenation
  libqpdf-dev                                 # AES-256, /Lang, attachments
  libcmocka-dev                               # unit tests
  poppler-utils qpdf                          # checking PDFs in tests
  icc-profiles-free                           # sRGB profile for PDF/A
  python3                                     # test helpers
  libjson-glib-dev                            # reading batch reports (report merge)
  iso-codes                                   # ISO 4217 currency codes (generated table)
  go-md2man dpkg-dev man-db                   # man pages, the .deb (CPack), man -l in tests
  python3-pikepdf python3-fonttools           # tests/pdfcheck: PDF/UA, PDF/A checks
  libharfbuzz-dev libdeflate-dev nettle-dev   # our PDF painter: hb-subset, deflate, AES/SHA-2
  python3-yaml                                # tests/roles: an independent YAML reader
  libical-dev libgmime-3.0-dev                # the plan's calendar (.ics) and email (.eml)
  python3-icalendar                           # reading .ics files in tests
)
# Message catalogues (msgfmt, xgettext, msgcmp) and the glibc locales a
# document's dates and numbers come from (src/base/i18n.c, issue 17).
PACKAGES+=(gettext locales)
GP_LOCALES=(en_GB.UTF-8 cy_GB.UTF-8 ar_SA.UTF-8 ur_PK.UTF-8 pl_PL.UTF-8)
gp_locales() {
  local want=() l s=""
  for l in "${GP_LOCALES[@]}"; do
    locale -a 2>/dev/null | grep -qix "${l%%.*}.utf-\?8" || want+=("$l")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then s="sudo"; fi
  echo "setup: generating locales ${want[*]}" >&2
  for l in "${want[@]}"; do
    grep -qx "$l UTF-8" /etc/locale.gen 2>/dev/null || echo "$l UTF-8" | $s tee -a /etc/locale.gen >/dev/null
  done
  $s locale-gen >&2
}
# `guidepress serve`'s browser tests: chromium, node and npm (Debian's own
# unless the machine has a node), and the npm packages of tests/web exactly
# as locked, installed again only when the lock file changed.
PACKAGES+=(libmicrohttpd-dev libzip-dev chromium)
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
if [ "${GP_SETUP_EXTRA:-}" != "" ]; then
  # shellcheck disable=SC2206
  PACKAGES+=(${GP_SETUP_EXTRA})
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
command -v npm >/dev/null || missing+=(nodejs npm)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
gp_locales

# npm packages of the tests (ajv-cli for the schemas, the browser tests'
# drivers): each tests/<area>/package-lock.json is installed as locked.
root=$(cd "$(dirname "$0")/.." && pwd)
for lock in "$root"/tests/*/package-lock.json; do
  [ -e "$lock" ] || continue
  dir=$(dirname "$lock")
  cmp -s "$lock" "$dir/node_modules/.package-lock.json.installed" 2>/dev/null && continue
  echo "setup: npm ci in ${dir#"$root"/}" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2 &&
   cp package-lock.json node_modules/.package-lock.json.installed)
done
