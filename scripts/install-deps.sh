#!/bin/sh
# Install the Debian packages axos needs to build, test and run, skipping
# those already present. Uses sudo when not root. Safe to run repeatedly.
set -eu

PACKAGES="cmake make gcc pkg-config libcmocka-dev libedit-dev libsdl2-dev libcrypt-dev \
libsdl2-ttf-dev fonts-dejavu-core \
python3 tmux xvfb xauth x11-apps valgrind clang libclang-rt-dev \
libgcrypt20-dev libsqlite3-dev python3-matplotlib zlib1g-dev"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0

echo "axos: installing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "axos: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
