#!/usr/bin/env bash
# tests/bad/run.sh GUIDEPRESS_BIN [WORK_DIR]
#
# Hostile and broken guide files, each with its expected first error written
# inside it: the first line is `# expect: LINE:COL: MESSAGE-SUBSTRING`. For
# every file in tests/bad/guide/ (plus the large ones generated here into
# WORK_DIR: 100,000 nested brackets and a file over the 4 MiB limit) this
# runs `guidepress check FILE` and asserts: exit status 1, the first line of
# stderr starts with `FILE:LINE:COL: error:` and contains the substring, and
# the check finishes in under a second (a hang guard, not a benchmark; a
# slow run is timed once more before it counts as a failure).
set -u
bin=${1:?usage: run.sh GUIDEPRESS_BIN [WORK_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
work=${2:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# Generated cases: too large to commit.
deep="$work/deep_nesting.yaml"
{
    printf '# expect: 2:74: nesting is deeper than the limit of 64 levels\n'
    printf 'sections: '
    head -c 100000 /dev/zero | tr '\0' '['
    printf '\n'
} > "$deep"
big="$work/oversized.yaml"
{
    printf '# expect: 1:1: file is larger than the 4 MiB limit\n'
    printf 'guide: 1\nfrom: Nurse\nto: Clinical Data Analyst\n'
    # 4 MiB of comment lines on top of the header
    yes '# padding padding padding padding padding padding padding pad' | head -c 4194304
} > "$big"

fail=0
count=0
# A hang guard, not a benchmark (each file takes ~10 ms alone; see bench/):
# 3 s per file, so a busy parallel CTest never trips it; more under the sanitizers
# (GP_HANG_LIMIT_MS is set by tests/model.cmake in a sanitizer build).
limit=${GP_HANG_LIMIT_MS:-3000}

for f in "$here"/guide/*.yaml "$deep" "$big"; do
    count=$((count + 1))
    expect=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
    if [ -z "$expect" ]; then
        echo "FAIL $f: no '# expect: LINE:COL: MESSAGE' first line"
        fail=$((fail + 1))
        continue
    fi
    pos=${expect%%: *}
    msg=${expect#*: }
    t0=$(date +%s%N)
    "$bin" check "$f" > "$work/out" 2> "$work/err"
    rc=$?
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    if [ "$ms" -ge "$limit" ]; then
        # a busy machine (parallel CTest under ASan) can stall one run; a hang
        # is slow twice
        t0=$(date +%s%N)
        "$bin" check "$f" > /dev/null 2>&1
        t1=$(date +%s%N)
        ms=$(((t1 - t0) / 1000000))
    fi
    first=$(head -n 1 "$work/err")
    name=${f#"$here"/}
    if [ "$rc" -ne 1 ]; then
        echo "FAIL $name: exit status $rc, expected 1"
        fail=$((fail + 1))
    elif [ "${first#"$f:$pos: error: "}" = "$first" ]; then
        echo "FAIL $name: first line does not start with '$f:$pos: error: '"
        echo "     got: $first"
        fail=$((fail + 1))
    elif [ "${first#*"$msg"}" = "$first" ]; then
        echo "FAIL $name: first line does not contain '$msg'"
        echo "     got: $first"
        fail=$((fail + 1))
    elif [ "$ms" -ge "$limit" ]; then
        echo "FAIL $name: took $ms ms (limit $limit ms)"
        fail=$((fail + 1))
    else
        echo "ok   $name ($ms ms)"
    fi
done

# Command line: usage errors exit 2; JSON output is one valid array.
"$bin" check > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL check without files did not exit 2"; fail=$((fail + 1)); }
"$bin" check --bogus "$here/guide/empty.yaml" > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL check --bogus did not exit 2"; fail=$((fail + 1)); }
"$bin" check --format yaml "$here/guide/empty.yaml" > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL check --format yaml did not exit 2"; fail=$((fail + 1)); }
"$bin" check --format json "$here"/guide/*.yaml > "$work/json" 2> "$work/err"
rc=$?
if [ "$rc" -ne 1 ]; then
    echo "FAIL check --format json: exit status $rc, expected 1"
    fail=$((fail + 1))
elif [ -s "$work/err" ]; then
    echo "FAIL check --format json wrote to stderr: $(head -n 1 "$work/err")"
    fail=$((fail + 1))
elif command -v python3 > /dev/null; then
    if ! python3 - "$work/json" "$count" <<'EOF'
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(items, list) and len(items) >= int(sys.argv[2]) - 2, len(items)
for d in items:
    assert set(d) == {"file", "line", "column", "severity", "code", "message", "path", "hint"}, d
    assert d["severity"] in ("error", "warning") and isinstance(d["line"], int)
EOF
    then
        echo "FAIL check --format json: output is not the expected JSON array"
        fail=$((fail + 1))
    else
        echo "ok   --format json"
    fi
fi

echo "$count files, $fail failures"
[ "$fail" -eq 0 ]
