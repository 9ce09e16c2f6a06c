#!/usr/bin/env bash
# Every public header compiles on its own, as C11 and as C++.
# Usage: check_headers.sh SOURCE_DIR CFLAGS...
set -euo pipefail
src=$1; shift
rc=0
for h in "$src"/include/guidepress/*.h; do
  n=$(basename "$h")
  echo "#include <guidepress/$n>" | cc -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only \
      -I"$src/include" "$@" -x c - || { echo "FAIL: $n does not compile alone (C)"; rc=1; }
  if command -v c++ >/dev/null; then
    echo "#include <guidepress/$n>" | c++ -std=c++17 -Wall -Werror -fsyntax-only \
        -I"$src/include" "$@" -x c++ - || { echo "FAIL: $n does not compile alone (C++)"; rc=1; }
  fi
done
[ $rc -eq 0 ] && echo "headers: all compile alone"
exit $rc
