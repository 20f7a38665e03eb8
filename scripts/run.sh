#!/bin/sh
# scripts/run.sh BUILD [ARGS...]: start the axos REPL the way `make run`
# does, with the person's disk: $XDG_DATA_HOME/axos/disk.db (by default
# ~/.local/share/axos/disk.db), made on first use, so files made in one
# run are there in the next. --ephemeral among ARGS starts without it.
build=$1
shift
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/axos" || exit 1
exec "$build/cli/axos" --disk "$data/axos/disk.db" "$@"
