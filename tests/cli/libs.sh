#!/bin/sh
# libs.sh AXOS: what the binary loads. A REPL or script that opens no
# window must not load SDL2 (and the fifty libraries behind it); the first
# window does (SDL's dummy video driver, so no display is needed). Read
# from the dynamic loader's own account (LD_DEBUG=libs).
axos=$1
. "$(dirname "$0")/lib.sh"

loads_sdl() {
    grep -q 'calling init: .*libSDL2' "$1" && echo yes || echo no
}

log=${TMPDIR:-/tmp}/axos-libs.$$
trap 'rm -f "$log"' EXIT

out=$(LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" -c 'echo hi')
check "echo hi runs" "hi" "$out"
check "no window: SDL2 is not loaded" no "$(loads_sdl "$log".*)"
rm -f "$log".*

# Only where the build has the SDL backend (AXOS_HAVE_SDL): arg 2 says so.
if [ "${2:-0}" = 1 ]; then
    SDL_VIDEODRIVER=dummy LD_DEBUG=libs LD_DEBUG_OUTPUT="$log" "$axos" -c 'life -n 2 -t 1' >/dev/null 2>&1
    check "a window: SDL2 is loaded then" yes "$(loads_sdl "$log".*)"
    rm -f "$log".*
fi
exit $fail
