#!/bin/sh
# bench/rss.sh - a batch worker's memory over 100, 1,000 and 10,000 copies.
#
#   bench/rss.sh [GUIDEPRESS] [COUNTS...]      (default: build/guidepress 100 1000 10000)
#
# For each count N: a mail merge of N personalised copies of the reference
# guide ("Client Number1".."Client NumberN", so every copy has its own
# name), run with -j 1 (one forked worker, src/batch/pool.c). Prints the
# worker's peak RSS as the batch report gives it (max_worker_rss_kb: the
# worker's getrusage ru_maxrss, i.e. its VmHWM), and a breakdown of the
# worker's memory from /proc/PID/smaps, sampled every 0.2 s while it runs
# and taken from the last sample before the end: anonymous memory (heap,
# malloc arenas, stacks), file-backed pages of shared libraries, the
# fontconfig cache files, font files and the rest. Figures only, no
# assertions. Uses about N x 50 KB of /tmp at a time; removed after each
# run.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
gp=${1:-$here/build/guidepress}
[ $# -gt 0 ] && shift
counts=${*:-100 1000 10000}
guide=$here/data/guides/data-engineer-to-backend-developer.yaml
tmp=$(mktemp -d /tmp/gp-rss-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

breakdown() { # smaps file -> "anon libs fccache fonts other" in kB (Rss)
    awk '
    /^[0-9a-f]+-[0-9a-f]+ / { path = $6; next }
    /^Rss:/ {
        kb = $2
        if (path == "" || path ~ /^\[(heap|stack|anon)/) anon += kb
        else if (path ~ /fontconfig/ && path ~ /cache/) fc += kb
        else if (path ~ /\.(so|so\.[0-9.]+)$/ || path ~ /\/guidepress$/) libs += kb
        else if (path ~ /\.(ttf|otf|ttc)$/) fonts += kb
        else other += kb
    }
    END { printf "%d %d %d %d %d\n", anon, libs, fc, fonts, other }' "$1"
}

printf '%8s %10s %10s %8s %8s %8s %8s %8s %9s\n' copies "peak(kB)" "rss(kB)" anon libs fc-cache fonts other "s"
for n in $counts; do
    csv=$tmp/m$n.csv
    echo "guide,prepared_for,prepared_by,date,output" >"$csv"
    i=1
    while [ "$i" -le "$n" ]; do
        echo "$guide,Client Number$i,Priya Natarajan,2026-01-12,c$i.pdf"
        i=$((i + 1))
    done >>"$csv"
    out=$tmp/out$n
    start=$(date +%s.%N)
    "$gp" batch --merge "$csv" -o "$out" -j 1 -q --report "$tmp/r$n.json" >/dev/null 2>&1 &
    ppid=$!
    last=""
    while kill -0 "$ppid" 2>/dev/null; do
        for c in $(cat /proc/"$ppid"/task/*/children 2>/dev/null); do
            st=$(awk '/^VmRSS/ {printf "%s ", $2}' /proc/"$c"/status 2>/dev/null || true)
            if [ -n "$st" ] && cat /proc/"$c"/smaps >"$tmp/s.tmp" 2>/dev/null && [ -s "$tmp/s.tmp" ]; then
                mv "$tmp/s.tmp" "$tmp/smaps"
                last=$st
            fi
        done
        sleep 0.2
    done
    wait "$ppid" || true
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    peak=$(sed -n 's/.*"max_worker_rss_kb": *\([0-9]*\).*/\1/p' "$tmp/r$n.json")
    ok=$(grep -o '"status": "ok"' "$tmp/r$n.json" | wc -l)
    set -- $last
    rss=${1:-0}
    b=$(breakdown "$tmp/smaps")
    set -- $b
    printf '%8s %10s %10s %8s %8s %8s %8s %8s %9.1f\n' "$n" "$peak" "$rss" "$1" "$2" "$3" "$4" "$5" "$secs"
    [ "$ok" = "$n" ] || echo "  (only $ok of $n documents ok)"
    cp "$tmp/smaps" "/tmp/gp-rss-smaps-$n.txt" 2>/dev/null || true
    rm -rf "$out" "$csv"
done
echo "(peak: the report's max_worker_rss_kb; rss and its split: the worker's last smaps sample, Rss in kB;"
echo " the last sample is kept in /tmp/gp-rss-smaps-N.txt)"
