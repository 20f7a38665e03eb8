#!/bin/sh
# Cross-build axos for aarch64 and run the context-switch smoke test under
# qemu user emulation: the aarch64 assembly switch gets exercised on an
# x86-64 machine. Installs the cross compiler and qemu when missing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
need=""
for pkg in gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need="$need $pkg"
done
if [ -n "$need" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends $need
fi
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cmake -S "$top" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$top/cmake/aarch64-linux-gnu.cmake" \
    -DAXOS_BUILD_BENCH=OFF -DAXOS_WITH_SDL=OFF -DAXOS_WITH_GCRYPT=OFF -DAXOS_WITH_CRYPT=OFF -DAXOS_WITH_ZLIB=OFF -DAXOS_BUILD_TESTS=OFF \
    -DAXOS_WITH_DISK=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target axos >/dev/null
aarch64-linux-gnu-gcc -O2 -I"$top/include" "$top/tests/smoke_switch.c" "$build/libaxos.a" \
    -lm -o "$build/smoke_switch"
qemu-aarch64 -L /usr/aarch64-linux-gnu "$build/smoke_switch"
