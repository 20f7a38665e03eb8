#!/bin/sh
# libs.sh AXOS [HAVE_SDL]: what the binary loads. A REPL or script loads a
# host library only once it uses it (hostlib/hostlib.h): no SDL2 (and the
# fifty libraries behind it) without a window, no SQLite without a disk,
# no libgcrypt without a digest, no zlib without gzip, no libedit without
# an interactive prompt, no libcrypt without a password to hash;
# each is loaded at its first use. Read from the dynamic loader's own
# account (LD_DEBUG=libs).
axos=$1
. "$(dirname "$0")/lib.sh"

# loads LIB LOG...: yes when the run whose logs these are initialised LIB
loads() {
    lib=$1
    shift
    cat "$@" | grep -q "calling init: .*$lib" && echo yes || echo no
}

log=${TMPDIR:-/tmp}/axos-libs.$$
trap 'rm -f "$log"' EXIT

out=$(LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" -c 'echo hi')
check "echo hi runs" "hi" "$out"
for lib in libSDL2 libsqlite3 libgcrypt libz libedit libcrypt.so; do
    check "echo hi: $lib is not loaded" no "$(loads $lib "$log".*)"
done
rm -f "$log".*

dir=$(mktemp -d)
trap 'rm -f "$log".*; rm -rf "$dir"' EXIT
out=$(LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" --disk "$dir/d.db" -c 'echo abc | md5sum')
check "md5sum on a disk runs" "0bee89b07a248e27c83fc3d5951213c1  -" "$out"
check "a disk: SQLite is loaded then" yes "$(loads libsqlite3 "$log".*)"
check "a digest: libgcrypt is loaded then" yes "$(loads libgcrypt "$log".*)"
check "no prompt: libedit is still not loaded" no "$(loads libedit "$log".*)"
rm -f "$log".*

def=$("$axos" --root -c 'grep -c "^root:.y." /etc/shadow; grep "^root:" /etc/shadow')
out=$(LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" --root --root-password s3cret -c 'grep -c "^root:.y." /etc/shadow; grep "^root:" /etc/shadow')
check "a password to hash: root's line is a yescrypt hash" "1" "$(echo "$out" | head -1)"
check "a password to hash: not the default hash" yes "$([ "$out" != "$def" ] && echo yes || echo no)"
check "a password to hash: libcrypt is loaded then" yes "$(loads libcrypt.so "$log".*)"
rm -f "$log".*

out=$(LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" -c 'echo abc | gzip | gunzip')
check "gzip | gunzip runs" "abc" "$out"
check "gzip: zlib is loaded then" yes "$(loads libz "$log".*)"
rm -f "$log".*

# Only where the build has the SDL backend (AXOS_HAVE_SDL): arg 2 says so.
if [ "${2:-0}" = 1 ]; then
    SDL_VIDEODRIVER=dummy LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" -c 'life -n 2 -t 1' >/dev/null 2>&1
    check "a window: SDL2 is loaded then" yes "$(loads libSDL2 "$log".*)"
    rm -f "$log".*
fi
exit $fail
