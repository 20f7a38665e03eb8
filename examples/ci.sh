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
