#!/usr/bin/env bash
# Prints the options `podman run` and `podman build` need on this machine to
# start a container (often none), by trying, in order:
#   1. none;
#   2. --ulimit nofile=4096:4096 --ulimit nproc=4096:4096, for a host that
#      denies CAP_SYS_RESOURCE, where podman's default limits (raised to the
#      maximum for root) cannot be set;
#   3. the same with --runtime runc, for crun 1.8, which refuses a cgroup v1
#      host whose unified (v2) hierarchy holds a controller ("cgroups in
#      hybrid mode not supported").
# Each try runs `true` in IMAGE (default debian:bookworm-slim, which must be
# stored). Exits 1, printing every try's error on stderr, when none works.
#   podman run $(deploy/podman-options.sh) --rm localhost/guidepress:0.1.0 --version
set -uo pipefail
image=${1:-docker.io/library/debian:bookworm-slim}
lim="--ulimit nofile=4096:4096 --ulimit nproc=4096:4096"
tries=("" "$lim")
command -v runc >/dev/null && tries+=("--runtime runc $lim")
errors=""
for opts in "${tries[@]}"; do
  # shellcheck disable=SC2086  # opts is a list of options
  if err=$(podman run $opts --rm --network none --entrypoint true "$image" 2>&1); then
    echo "$opts"
    exit 0
  fi
  errors+="podman run ${opts:+$opts }--rm --network none --entrypoint true $image: $(tail -n 1 <<<"$err")"$'\n'
done
command -v runc >/dev/null || errors+="(runc is not installed: apt-get install runc)"$'\n'
printf '%s' "$errors" >&2
exit 1
