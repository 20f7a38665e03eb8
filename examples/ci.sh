#!/bin/sh
# Install axos from build tree $1 into a temporary prefix, then build and
# run the examples (embed, echo) against it with find_package(axos).
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

# The echo server example builds against the installed axos too, and runs
# on the host and in axos.
cmake -S "$top/examples/echo" -B "$work/echo" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/echo" >/dev/null
(cd "$work/echo" && ctest --output-on-failure)

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
# A program for axos from an installed copy: axos-cc builds it, the
# installed axos runs it.
"$prefix/bin/axos-cc" -O2 -D_FORTIFY_SOURCE=2 "$top/examples/posix/hello.c" -o "$work/hello.so"
out=$("$prefix/bin/axos" --clock virtual --program "$work/hello.so" -c 'hello world')
if [ "$out" != "hello, world" ]; then
    echo "examples: axos-cc's hello printed: $out"
    exit 1
fi
echo "examples: axos-cc hello.c -o hello.so && axos --program hello.so works"

# The POSIX examples as a project of their own: find_package(axos) gives
# axos_add_program. Each is built for the host too; a pipeline of three of
# them must print the same in axos as on the host.
cmake -S "$top/examples/posix" -B "$work/posix" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/posix" >/dev/null
want=$(PATH="$work/posix/host:$PATH" "$work/posix/host/pipeline" gen 40 '|' upcase '|' linecount 2>&1)
got=$("$prefix/bin/axos" --clock virtual --programs "$work/posix/axos" \
      -c "pipeline gen 40 '|' upcase '|' linecount" 2>&1)
if [ "$got" != "$want" ]; then
    printf 'examples: posix pipeline differs\n--- host:\n%s\n--- axos:\n%s\n' "$want" "$got"
    exit 1
fi
echo "examples: the POSIX examples build with find_package(axos) and run alike"
