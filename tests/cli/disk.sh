#!/bin/sh
# disk.sh AXOS RUNSH: the disk and the host copies from the command line:
# files survive from one run to the next (also through scripts/run.sh,
# which `make run` uses, with XDG_DATA_HOME); --ephemeral starts empty; a
# foreign, corrupt or unreadable file is refused with a clear message and
# left as it was; a kill -9 of axos leaves the last committed state;
# --import and --export copy trees without following symbolic links.
axos=$1 runsh=$2
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
# As root, so that the tests may write anywhere (/home is root's); the
# checks of the session's own home run as the ordinary user.
ax() { "$axos" --clock virtual --root "$@" 2>&1; }
ax_user() { "$axos" --clock virtual "$@" 2>&1; }

# a file made in one run is there in the next
ax --disk "$dir/d.db" -c 'echo kept > /home/f; mkdir /home/sub; echo deep > /home/sub/g' >/dev/null
check "second run" "kept
deep" "$(ax --disk "$dir/d.db" -c 'cat /home/f /home/sub/g')"
# the session starts in the loaded tree's home, not in the boot's
ax_user --disk "$dir/h.db" -c 'echo here > h' >/dev/null
check "home after a load" "here
/home/user" "$(ax_user --disk "$dir/h.db" -c 'cat h; pwd')"
check "--ephemeral" "cat: /home/f: No such file or directory" \
    "$(ax --disk "$dir/d.db" --ephemeral -c 'cat /home/f')"

# make run's way: the person's data directory
XDG_DATA_HOME="$dir/xdg" sh "$runsh" "$(dirname "$(dirname "$axos")")" -c 'echo mine > note' >/dev/null 2>&1
check "make run keeps a file" "mine" \
    "$(XDG_DATA_HOME="$dir/xdg" sh "$runsh" "$(dirname "$(dirname "$axos")")" -c 'cat ~/note' 2>&1)"
[ -f "$dir/xdg/axos/disk.db" ] || { echo "FAIL: no disk in XDG_DATA_HOME"; fail=1; }

# files that are not axos disks: refused, never written
printf 'notes\n' > "$dir/text"
before=$(cksum < "$dir/text")
out=$(ax --disk "$dir/text" -c 'echo x > /home/y')
check "text status" 1 $?
check "text message" "axos: --disk $dir/text: not an axos disk (not an SQLite database); it was left as it is" "$out"
check "text untouched" "$before" "$(cksum < "$dir/text")"
if command -v python3 >/dev/null 2>&1; then
    python3 -c "import sqlite3; c=sqlite3.connect('$dir/other.db'); c.execute('create table t(x)'); c.commit()"
    before=$(cksum < "$dir/other.db")
    check "other db" "axos: --disk $dir/other.db: not an axos disk (another program's SQLite database); it was left as it is" \
        "$(ax --disk "$dir/other.db" -c true)"
    check "other db untouched" "$before" "$(cksum < "$dir/other.db")"
fi
check "missing directory" "axos: --disk $dir/no/d.db: its directory does not exist" \
    "$(ax --disk "$dir/no/d.db" -c true)"
check "a directory" "axos: --disk $dir: is a directory, not a disk" "$(ax --disk "$dir" -c true)"

# kill -9 in the middle of writing: the disk opens, with a whole sync
"$axos" --clock virtual --root --disk "$dir/k.db" -c 'i=0; while true; do i=$((i+1)); echo $i > /home/a; echo $i > /home/b; sync; done' >/dev/null 2>&1 &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
out=$(ax --disk "$dir/k.db" -c '[ "$(cat /home/a)" = "$(cat /home/b)" ] && echo same')
check "after kill -9" "same" "$out"

# --import: a host tree in; a link pointing outside is left out, not followed
mkdir -p "$dir/src/sub"
echo one > "$dir/src/one"; echo two > "$dir/src/sub/two"; chmod 750 "$dir/src/sub"
echo secret > "$dir/outside"; ln -s "$dir/outside" "$dir/src/link"
out=$(ax --import "$dir/src:/home/imp" -c 'cat /home/imp/one /home/imp/sub/two; stat -c "%a %n" /home/imp/sub; ls /home/imp')
check "import" "axos: $dir/src/link: a symbolic link (axos has none yet): left out, not followed
one
two
750 /home/imp/sub
one
sub" "$out"
check "import of a missing dir" "axos: --import $dir/nope: No such file or directory" \
    "$(ax --import "$dir/nope:/home/x" -c true)"
check "import needs a pair" "axos: --import $dir/src: HOSTDIR:/path expected" \
    "$(ax --import "$dir/src" -c true)"

# --export: a tree out; a link planted in the target is not written through
mkdir -p "$dir/out"
echo untouched > "$dir/victim"; ln -s "$dir/victim" "$dir/out/x"
out=$(ax --export "/home/e:$dir/out" -c 'mkdir /home/e; echo data > /home/e/x; echo y > /home/e/y; mkdir /home/e/d; echo z > /home/e/d/z')
case $out in
    *"$dir/out/x: Too many levels of symbolic links"*) ;;
    *) echo "FAIL: export through a link: $out"; fail=1 ;;
esac
check "export did not follow" "untouched" "$(cat "$dir/victim")"
check "export wrote the rest" "y
z" "$(cat "$dir/out/y" "$dir/out/d/z")"
check "export of a missing dir" "axos: --export /nope: no such directory in axos" \
    "$(ax --export "/nope:$dir/o2" -c true)"
exit $fail
