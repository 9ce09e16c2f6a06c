#!/usr/bin/env bash
# The container image (issue 19): builds deploy/Containerfile from this
# build tree's .deb with deploy/build-image.sh, renders the reference guide
# and a Welsh guide in it as the image's own user, and runs one shard of a
# batch with the variable a Kubernetes Indexed Job sets. The PDFs' text must
# equal what the build tree's program writes, every font must be embedded,
# and qpdf --check must pass.
#
# SKIPs (exit 77, ctest's SKIP_RETURN_CODE) when podman is missing, when the
# build is sanitized (the .deb's program would need libasan), when the base
# image debian:bookworm-slim is neither stored nor pullable (making it with
# debootstrap takes minutes and a root shell: run deploy/build-image.sh once
# for that), or when no container starts here (deploy/podman-options.sh).
# Usage: image.sh BUILD_DIR SOURCE_DIR GUIDEPRESS
set -euo pipefail
build=$1; src=$2; gp=$3
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v podman >/dev/null || skip "podman is not installed (apt-get install podman)"
if grep -q '^GP_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
  skip "a sanitized build's .deb needs libasan, which the image does not hold"
fi
base=docker.io/library/debian:bookworm-slim
if ! podman image exists "$base"; then
  podman pull -q "$base" >/dev/null 2>&1 ||
    skip "no base image $base stored and none can be pulled; deploy/build-image.sh makes it with debootstrap (a few minutes, as root)"
fi
opts=$("$src/deploy/podman-options.sh" "$base" 2>&1) || skip "no container starts here: $opts"

tag=localhost/guidepress:ctest-$$
tmp=$(mktemp -d)
cleanup() { podman rmi -f "$tag" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >/dev/null)
"$src/deploy/build-image.sh" -B "$tmp/pkg" -t "$tag" >"$tmp/build.log" 2>&1 ||
  { tail -n 30 "$tmp/build.log" >&2; fail "deploy/build-image.sh"; }
grep 'build-image: built' "$tmp/build.log"

# The image's user (uid 10001) writes into the mounted folder, as a pod
# would into a volume it may write.
mkdir -m 0777 "$tmp/out"
# shellcheck disable=SC2086  # opts is a list of options
run() { podman run $opts --rm -v "$src/data:/data:ro" -v "$tmp/out:/out" "$@"; }

check_pdf() { # PDF REFERENCE_PDF
  pdftotext "$1" "$1.txt" || fail "pdftotext $1"
  pdftotext "$2" "$2.txt"
  diff -q "$2.txt" "$1.txt" >/dev/null || { diff "$2.txt" "$1.txt" | head -n 10 >&2; fail "$(basename "$1") in the image differs from the build tree's"; }
  pdffonts "$1" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' || fail "$(basename "$1") has a font that is not embedded"
  qpdf --check "$1" >/dev/null || fail "qpdf --check $(basename "$1")"
}

guide=data/guides/data-engineer-to-backend-developer.yaml
run "$tag" render "/$guide" -o /out/guide.pdf
"$gp" render "$src/$guide" -o "$tmp/ref.pdf" --quiet
check_pdf "$tmp/out/guide.pdf" "$tmp/ref.pdf"
grep -q 'Data Engineer to Backend' "$tmp/out/guide.pdf.txt" || fail "the guide's title is not in the PDF"
echo "image: rendered $guide ($(pdfinfo "$tmp/out/guide.pdf" | awk '/^Pages/ {print $2}') pages), same text as the build tree's"

# The words the layout writes itself come from the catalogues and locales.
cy=data/guides-i18n/cy-athro-i-ddylunydd-cyfarwyddiadol.yaml
run "$tag" render "/$cy" -o /out/cy.pdf --quiet
"$gp" render "$src/$cy" -o "$tmp/cy-ref.pdf" --quiet
check_pdf "$tmp/out/cy.pdf" "$tmp/cy-ref.pdf"
grep -q 'TROSGLWYDDO' "$tmp/out/cy.pdf.txt" || fail "the Welsh guide's labels are not in Welsh"
echo "image: the Welsh guide has its Welsh labels"

# One shard of a Kubernetes Indexed Job, as deploy/kubernetes/guides-job.yaml
# starts it: index 1 of --shard auto/2 is shard 2/2, documents 2 and 4.
mkdir "$tmp/data"
cp -r "$src/data/guides" "$tmp/data/"
python3 "$src/tests/batch/gen_clients.py" 4 "$tmp/data/guides" "$tmp/data/clients.csv"
# shellcheck disable=SC2086,SC2016  # opts is a list; $JOB_COMPLETION_INDEX is the container's
podman run $opts --rm -e JOB_COMPLETION_INDEX=1 -v "$tmp/data:/data:ro" -v "$tmp/out:/out" \
  --entrypoint /bin/sh "$tag" -c \
  'guidepress batch --merge /data/clients.csv -o /out --shard auto/2 -j 2 --report /out/report-$JOB_COMPLETION_INDEX.json --quiet'
[ "$(cd "$tmp/out" && echo clients/*)" = "clients/c0002.pdf clients/c0004.pdf" ] ||
  fail "shard 2/2 wrote $(cd "$tmp/out" && echo clients/*) instead of clients/c0002.pdf clients/c0004.pdf"
python3 - "$tmp/out/report-1.json" "$tmp/data/clients.csv" "$tmp/out/clients" <<'PY' || fail "the shard's report or PDFs"
import csv, json, subprocess, sys
rep = json.load(open(sys.argv[1]))
assert rep["shard"] == "2/2", rep["shard"]
assert rep["totals"]["documents"] == 2 and rep["totals"]["ok"] == 2, rep["totals"]
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
for i in (1, 3):
    name = rows[i]["prepared_for"]
    # the name as the guide prints it: "Last, First" becomes "First Last"
    first = name.split(",")[-1].strip()
    pdf = f"{sys.argv[3]}/c{i + 1:04d}.pdf"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
    assert first in text, f"{pdf} lacks {first!r}"
print("image: shard 2/2 of a 2-pod Indexed Job wrote documents 2 and 4, each with its client's name")
PY
