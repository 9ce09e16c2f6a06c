#!/usr/bin/env bash
# tests/bad/style/run.sh GUIDEPRESS_BIN [FILE.yaml...]
#
# Broken style sheets, each with its expected first error written inside it
# (Typst's `// Error:` habit): the first line is
#     # expect: LINE:COL: MESSAGE-SUBSTRING
# or, when the error is reported in another file of an `extends` chain,
#     # expect: OTHER.yaml:LINE:COL: MESSAGE-SUBSTRING
# (OTHER relative to this folder). For every file given (default: every
# *.yaml here) this runs `guidepress check FILE` and asserts: exit status 1,
# nothing on stdout, and the first line of stderr starts with
# `FILE:LINE:COL: error: ` and contains the substring. A missing logo or
# font file must also name the absolute path that was tried.
set -u
bin=${1:?usage: run.sh GUIDEPRESS_BIN [FILE.yaml...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -eq 0 ]; then
    set -- "$here"/*.yaml
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail=0
count=0
for f in "$@"; do
    count=$((count + 1))
    name=${f##*/}
    dir=$(dirname "$f")
    expect=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
    if [ -z "$expect" ]; then
        echo "FAIL $name: no '# expect: LINE:COL: MESSAGE' first line"
        fail=$((fail + 1))
        continue
    fi
    msg=${expect#*: }
    pos=${expect%%: *}
    case $pos in
    [0-9]*) where="$f:$pos" ;;
    *) where="$dir/$pos" ;;
    esac
    "$bin" check "$f" > "$work/out" 2> "$work/err"
    rc=$?
    first=$(head -n 1 "$work/err")
    if [ "$rc" -ne 1 ]; then
        echo "FAIL $name: exit status $rc, expected 1"
        fail=$((fail + 1))
    elif [ -s "$work/out" ]; then
        echo "FAIL $name: wrote to stdout: $(head -n 1 "$work/out")"
        fail=$((fail + 1))
    elif [ "${first#"$where: error: "}" = "$first" ]; then
        echo "FAIL $name: first line does not start with '$where: error: '"
        echo "     got: $first"
        fail=$((fail + 1))
    elif [ "${first#*"$msg"}" = "$first" ]; then
        echo "FAIL $name: first line does not contain '$msg'"
        echo "     got: $first"
        fail=$((fail + 1))
    elif [ "${msg#*"file not found"}" != "$msg" ] && [ "${first#*": /"}" = "$first" ]; then
        echo "FAIL $name: a missing file must be named by its absolute path"
        echo "     got: $first"
        fail=$((fail + 1))
    else
        echo "ok   $name"
    fi
done

echo "$count files, $fail failures"
[ "$fail" -eq 0 ]
