#!/usr/bin/env bash
# Scale-out as documented: a 30-row merge run as 4 shards in separate
# processes at once, each with only the environment its scheduler would set
# (a Kubernetes Indexed Job's JOB_COMPLETION_INDEX, or a Slurm array's
# SLURM_ARRAY_TASK_*), then `report merge`. Checks that the union of the
# shards' documents is exactly the batch's, with no duplicates, that every
# PDF is valid and carries its own client's name, and that the merged
# report's totals match. Also checks that deploy/ and docs/batch.md say the
# same commands.
# Usage: shards.sh GUIDEPRESS SOURCE_DIR
set -euo pipefail
gp=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 "$src/tests/batch/gen_clients.py" 30 "$src/data/guides" "$tmp/clients.csv" >/dev/null
rows=$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))' "$tmp/clients.csv")))
[ "$rows" -eq 30 ] || fail "expected 30 rows, got $rows"

run_k8s() { # index
  env -i PATH="$PATH" HOME="$tmp" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" JOB_COMPLETION_INDEX="$1" \
    "$gp" batch --merge "$tmp/clients.csv" -o "$tmp/k8s" --shard auto/4 -j 1 --quiet \
    --report "$tmp/k8s-report-$1.json"
}
run_slurm() { # task id (array 1-4)
  env -i PATH="$PATH" HOME="$tmp" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" SLURM_ARRAY_TASK_ID="$1" SLURM_ARRAY_TASK_MIN=1 \
    SLURM_ARRAY_TASK_MAX=4 SLURM_ARRAY_TASK_COUNT=4 \
    "$gp" batch --merge "$tmp/clients.csv" -o "$tmp/slurm" --shard auto -j 1 --quiet \
    --report "$tmp/slurm-report-$1.json"
}
pids=()
for i in 0 1 2 3; do run_k8s "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || fail "a Kubernetes shard failed"; done
pids=()
for i in 1 2 3 4; do run_slurm "$i" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || fail "a Slurm shard failed"; done

for kind in k8s slurm; do
  "$gp" report merge "$tmp/$kind"-report-*.json -o "$tmp/$kind-merged.json" 2>/dev/null
  GP_SRC=$src python3 - "$tmp/clients.csv" "$tmp/$kind" "$tmp/$kind-merged.json" "$tmp"/"$kind"-report-*.json <<'PY' || fail "$kind: shards do not add up"
import csv, json, os, subprocess, sys
rows = list(csv.DictReader(open(sys.argv[1])))
outdir, merged = sys.argv[2], json.load(open(sys.argv[3]))
shards = [json.load(open(p)) for p in sys.argv[4:]]
want = sorted(os.path.normpath(os.path.join(outdir, r["output"])) for r in rows)
per_shard = [sorted(os.path.normpath(d["output"]) for d in s["documents"]) for s in shards]
union = sorted(o for s in per_shard for o in s)
assert len(union) == len(set(union)), "a document is in two shards"
assert union == want, f"union {len(union)} != batch {len(want)}"
assert sorted({s["shard"] for s in shards}) == sorted(f"{k}/4" for k in range(1, 5)), [s["shard"] for s in shards]
assert sorted(os.path.normpath(d["output"]) for d in merged["documents"]) == want
t = merged["totals"]
assert t["documents"] == 30 and t["ok"] == 30 and t["failed"] == 0, t
assert t["pages"] == sum(s["totals"]["pages"] for s in shards) and t["pages"] > 0, t
assert t["bytes"] == sum(os.path.getsize(o) for o in want), "bytes total"
assert merged["shards"] == 4
for r in rows:
    pdf = os.path.join(outdir, r["output"])
    subprocess.run(["qpdf", "--check", pdf], check=True, capture_output=True)
    text = " ".join(subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    sys.path.insert(0, os.path.join(os.environ["GP_SRC"], "tests", "typo"))
    from typeset import typeset  # the data's straight quotes, as the page sets them
    who = typeset(r["prepared_for"])
    assert who in text, f"{pdf} lacks {who}"
print(f"shards ok: 4 shards, {len(union)} documents, {t['pages']} pages")
PY
done

# A shard given twice, or one missing, is refused by report merge.
if "$gp" report merge "$tmp"/k8s-report-0.json "$tmp"/k8s-report-0.json -o "$tmp/x.json" 2>"$tmp/err"; then
  fail "report merge accepted a shard twice"
fi
grep 'shard 1/4 is given twice' "$tmp/err" >/dev/null || fail "message: $(cat "$tmp/err")"
if "$gp" report merge "$tmp"/k8s-report-0.json "$tmp"/k8s-report-1.json -o "$tmp/x.json" 2>"$tmp/err"; then
  fail "report merge accepted 2 of 4 shards"
fi
grep 'no report for shard 3/4' "$tmp/err" >/dev/null || fail "message: $(cat "$tmp/err")"
# --shard auto outside a scheduler is a usage error that says why.
set +e
env -i PATH="$PATH" ASAN_OPTIONS="${ASAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" "$gp" batch --merge "$tmp/clients.csv" -o "$tmp/none" --shard auto 2>"$tmp/err"
st=$?
set -e
[ $st -eq 2 ] || fail "--shard auto without a scheduler: status $st"
grep 'JOB_COMPLETION_INDEX' "$tmp/err" >/dev/null || fail "message: $(cat "$tmp/err")"

# deploy/ and docs/batch.md agree: the manifests the docs show are the files.
for f in deploy/kubernetes/guides-job.yaml deploy/slurm/render.sbatch deploy/Containerfile; do
  grep -F "$f" "$src/docs/batch.md" >/dev/null || fail "docs/batch.md does not mention $f"
done
python3 - "$src" <<'PY' || fail "docs/batch.md and deploy/ differ"
import re, sys
src = sys.argv[1]
doc = open(f"{src}/docs/batch.md").read()
for f in ["deploy/kubernetes/guides-job.yaml", "deploy/slurm/render.sbatch", "deploy/Containerfile"]:
    body = open(f"{src}/{f}").read()
    # the docs embed each file whole, in a fenced block right after its name
    m = re.search(re.escape(f) + r"[^\n]*\n+```[a-z]*\n(.*?)```", doc, re.S)
    assert m, f"no fenced copy of {f} in docs/batch.md"
    assert m.group(1) == body, f"the copy of {f} in docs/batch.md differs from the file"
print("docs/batch.md embeds deploy/ verbatim")
PY
echo "shards test passed"
