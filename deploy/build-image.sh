#!/usr/bin/env bash
# Builds the container image localhost/guidepress:VERSION from the project's
# .deb with deploy/Containerfile, also on a machine that reaches no container
# registry.
#
#   deploy/build-image.sh [-B BUILD_DIR] [-t TAG] [--no-bootstrap]
#
#   -B DIR          take the .deb from DIR: a CMake build folder (where
#                   `cpack -G DEB` runs first) or a folder holding the .deb;
#                   without -B the script makes a Release build (prefix
#                   /usr) in build-image/ first
#   -t TAG          the image's name (default localhost/guidepress:VERSION,
#                   VERSION read from the .deb)
#   --no-bootstrap  fail instead of running debootstrap when the base image
#                   is neither stored nor pullable
#
# Steps:
#  1. the .deb (cmake Release build + cpack, or an existing build folder);
#  2. the base image debian:bookworm-slim: used if stored, else pulled, else
#     made from Debian's own packages: debootstrap --variant=minbase from the
#     mirror apt uses here (apt-get indextargets), trimmed as the official
#     slim image is (no docs, man pages, locales, apt lists), and imported
#     under the official name, so deploy/Containerfile stays the same for
#     everyone;
#  3. podman build (or buildah bud when there is no podman), with only the
#     .deb in the build context; then prints the image's size.
#
# Needs root (or a rootless podman set up for the user) and, for step 2 on
# an offline machine, debootstrap (apt-get install debootstrap).
# Environment: GP_CONTAINER_TOOL=podman|buildah picks the tool;
# GP_BUILD_ARGS replaces the options given to `podman build` (by default
# those deploy/podman-options.sh finds, else --isolation chroot).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build="" tag="" bootstrap=1
while [ $# -gt 0 ]; do
  case $1 in
    -B) build=${2:?-B needs a folder}; shift 2 ;;
    -t) tag=${2:?-t needs a name}; shift 2 ;;
    --no-bootstrap) bootstrap=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-image.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
say() { echo "build-image: $*" >&2; }
die() { echo "build-image: error: $*" >&2; exit 1; }

tool=${GP_CONTAINER_TOOL:-}
if [ -z "$tool" ]; then
  if command -v podman >/dev/null; then tool=podman
  elif command -v buildah >/dev/null; then tool=buildah
  else die "neither podman nor buildah is installed (apt-get install podman)"; fi
fi
command -v "$tool" >/dev/null || die "$tool is not installed"

base=docker.io/library/debian:bookworm-slim
work=$(mktemp -d "${TMPDIR:-/var/tmp}/gp-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. The .deb.
if [ -z "$build" ]; then
  build=$src/build-image
  say "Release build in $build"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
  cmake --build "$build" -j "$(nproc)" >/dev/null
  rm -f "$build"/guidepress_*.deb
fi
[ -d "$build" ] || die "$build is not a folder"
if [ -f "$build/CPackConfig.cmake" ]; then
  # a build folder: package what it holds now, never a stale .deb
  say "cpack -G DEB in $build"
  (cd "$build" && cpack -G DEB >/dev/null)
fi
ls "$build"/guidepress_*_amd64.deb >/dev/null 2>&1 || die "$build holds no guidepress_*_amd64.deb and is no CMake build folder"
# shellcheck disable=SC2012  # the newest of possibly several versions
deb=$(ls -t "$build"/guidepress_*_amd64.deb | head -n 1)
version=$(dpkg-deb -f "$deb" Version)
tag=${tag:-localhost/guidepress:$version}
mkdir "$work/context"
cp "$deb" "$work/context/"
say "package $(basename "$deb")"

# 2. The base image.
have_base() {
  if [ "$tool" = podman ]; then podman image exists "$base"; else buildah inspect --type image "$base" >/dev/null 2>&1; fi
}
if have_base; then
  say "base image $base is stored"
elif timeout 120 "$tool" pull -q "$base" >"$work/pull.log" 2>&1; then
  say "pulled $base"
else
  say "cannot pull $base: $(tail -n 1 "$work/pull.log")"
  [ "$bootstrap" = 1 ] || die "no base image $base, and --no-bootstrap"
  [ "$(id -u)" -eq 0 ] || die "debootstrap needs root"
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
  # The mirrors apt uses here, for each suite of bookworm.
  # shellcheck disable=SC2016  # $(RELEASE) and $(SITE) are apt's fields
  sites=$(apt-get indextargets --format '$(RELEASE) $(SITE)' 'Identifier: Packages' 'Component: main' | sort -u)
  site_of() { awk -v r="$1" '$1 == r { print $2; exit }' <<<"$sites"; }
  mirror=$(site_of bookworm)
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$work/rootfs
  say "debootstrap --variant=minbase bookworm from $mirror (a few minutes)"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }

  # As the official image: apt sources in deb822 form, then slimmed the way
  # debuerreotype slims it, with dpkg told to keep later packages slim too.
  {
    printf 'Types: deb\nURIs: %s\nSuites: bookworm' "$mirror"
    upd=$(site_of bookworm-updates)
    [ -n "$upd" ] && [ "$upd" = "$mirror" ] && printf ' bookworm-updates'
    printf '\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n'
    sec=$(site_of bookworm-security)
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-security\n' "${sec:-http://deb.debian.org/debian-security}"
    printf 'Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
  } >"$rootfs/etc/apt/sources.list.d/debian.sources"
  rm -f "$rootfs/etc/apt/sources.list"
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# as in debian:bookworm-slim: no documentation, manuals or translations
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  echo 'Acquire::Languages "none";' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
  printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' \
    >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
  printf 'Apt::AutoRemove::SuggestsImportant "false";\n' >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
  (
    cd "$rootfs"
    find usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete
    find usr/share/doc -mindepth 1 -type d -empty -delete
    find usr/share/locale -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
    rm -rf usr/share/man/* usr/share/groff/* usr/share/info/* usr/share/lintian/overrides/* usr/share/linda/*
    rm -rf var/lib/apt/lists/* var/cache/apt/*.bin var/cache/apt/archives/*.deb var/cache/debconf/*-old \
      var/lib/dpkg/*-old var/log/* tmp/* root/.bash_history
    : >etc/machine-id
    : >etc/resolv.conf
    echo localhost >etc/hostname
  )
  say "importing the root file system as $base"
  if [ "$tool" = podman ]; then
    tar --numeric-owner --xattrs -C "$rootfs" -c . |
      podman import --change 'CMD ["bash"]' - "$base" >/dev/null
  else
    tar --numeric-owner --xattrs -C "$rootfs" -c . >"$work/rootfs.tar"
    c=$(buildah from scratch)
    buildah add "$c" "$work/rootfs.tar" / >/dev/null
    buildah config --cmd bash "$c"
    buildah commit -q "$c" "$base" >/dev/null
    buildah rm "$c" >/dev/null
  fi
  rm -rf "$rootfs" "$work/rootfs.tar"
fi

# 3. The image. The RUN steps need what `podman run` needs here
# (deploy/podman-options.sh); chroot isolation when no container starts.
if [ -z "${GP_BUILD_ARGS+set}" ]; then
  if [ "$tool" = podman ] && GP_BUILD_ARGS=$("$src/deploy/podman-options.sh" "$base" 2>"$work/opts.log"); then
    :
  else
    [ "$tool" = podman ] && say "no container starts here, building with --isolation chroot:" && cat "$work/opts.log" >&2
    GP_BUILD_ARGS="--isolation chroot"
  fi
fi
say "$tool build ${GP_BUILD_ARGS:+$GP_BUILD_ARGS }-t $tag"
# shellcheck disable=SC2086  # GP_BUILD_ARGS is a list of options
if [ "$tool" = podman ]; then
  podman build ${GP_BUILD_ARGS:-} -f "$src/deploy/Containerfile" -t "$tag" "$work/context" >&2
else
  buildah bud ${GP_BUILD_ARGS:-} -f "$src/deploy/Containerfile" -t "$tag" "$work/context" >&2
fi
if command -v podman >/dev/null; then
  size=$(podman image inspect --format '{{.Size}}' "$tag")
  say "built $tag: $(numfmt --to=si --suffix=B "$size") ($size bytes)"
else
  say "built $tag: $(buildah images --format '{{.Size}}' "$tag")"
fi
echo "$tag"
