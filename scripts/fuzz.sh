#!/bin/sh
# Build the libFuzzer syscall fuzzer with clang (ASan + UBSan +
# LeakSanitizer, coverage on the whole kernel) in build-fuzz/ and run it
# for SECONDS seconds (default 60) on a copy of the seed corpus.
#   sh scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
# Skips (exit 0, with a message) where clang or its libFuzzer runtime is
# missing. A crash stops the run with libFuzzer's report; the input is
# saved in build-fuzz/crashes/ (see tests/fuzz/crashes/README).
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
[ $# -gt 0 ] && shift
BUILD=${FUZZ_BUILD:-build-fuzz}
CC_FUZZ=${FUZZ_CC:-clang}

if ! command -v "$CC_FUZZ" >/dev/null 2>&1; then
    echo "fuzz: skipped: $CC_FUZZ is not installed"
    exit 0
fi
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' > "$probe/p.c"
if ! "$CC_FUZZ" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
    rm -rf "$probe"
    echo "fuzz: skipped: $CC_FUZZ cannot build with -fsanitize=fuzzer (libFuzzer missing)"
    exit 0
fi
rm -rf "$probe"

cmake -S . -B "$BUILD" -DCMAKE_C_COMPILER="$CC_FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DAXOS_FUZZ=ON -DAXOS_SANITIZE=ON -DAXOS_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz_syscalls -j "$(nproc 2>/dev/null || echo 2)" >/dev/null

mkdir -p "$BUILD/corpus" "$BUILD/crashes"
cp tests/fuzz/corpus/* "$BUILD/corpus/" 2>/dev/null || true
echo "fuzz: running for ${SECONDS_TO_RUN}s"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$BUILD/tests/fuzz/fuzz_syscalls" -max_total_time="$SECONDS_TO_RUN" -timeout=20 \
    -rss_limit_mb=2560 -max_len=4096 -print_final_stats=1 -artifact_prefix="$BUILD/crashes/" "$@" \
    "$BUILD/corpus"
