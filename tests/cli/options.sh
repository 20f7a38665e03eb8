#!/bin/sh
# options.sh AXOS: the command line itself (no shell needed).
axos=$1
. "$(dirname "$0")/lib.sh"

out=$("$axos" --help); check "--help exits 0" 0 $?
case $out in usage:*--seed*--clock*--trace*--version*) ;; *) check "--help text" "usage: ..." "$out" ;; esac
check "--version" "axos 0.1.0" "$("$axos" --version)"
for bad in --bogus "--clock" "--clock sometimes" "--seed x" "--seed -1" "--seed"; do
    # shellcheck disable=SC2086
    "$axos" $bad >/dev/null 2>&1
    check "$bad is a usage error" 2 $?
done
err=$("$axos" --clock sometimes 2>&1)
check "--clock error names the choices" "axos: --clock: host or virtual, not sometimes" "$err"
exit $fail
