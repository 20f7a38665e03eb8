#!/bin/sh
# Install axos from build tree $1 into a temporary prefix, then build and
# run the embedding example against it with find_package(axos).
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT

cmake --install "$top/$build" --prefix "$prefix" >/dev/null
cmake -S "$top/examples/embed" -B "$work" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work" >/dev/null
(cd "$work" && ctest --output-on-failure)

# The pkg-config file works too.
PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib64/pkgconfig" \
    pkg-config --exists axos && echo "examples: pkg-config finds axos"

# The simulation examples against the installed copy: scenario modules
# built with find_package(axos), swept by the installed axos. A buggy
# program must fail some seed, its fix none.
sim=$(mktemp -d)
trap 'rm -rf "$prefix" "$work" "$sim"' EXIT
cmake -S "$top/examples/sim" -B "$sim" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$sim" >/dev/null
set +e
"$prefix/bin/axos" sweep --seeds 1..100 --scenario "$sim/race.so" buggy >/dev/null 2>&1
buggy=$?
"$prefix/bin/axos" sweep --seeds 1..100 --scenario "$sim/race.so" fixed >/dev/null 2>&1
fixed=$?
set -e
[ "$buggy" = 1 ] && [ "$fixed" = 0 ] || { echo "examples: sim sweep from the install: buggy $buggy, fixed $fixed" >&2; exit 1; }
echo "examples: axos sweep runs the installed simulation examples"
