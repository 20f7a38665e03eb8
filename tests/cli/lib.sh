# Helpers for the axos CLI tests (sourced): check NAME EXPECTED ACTUAL.
fail=0
check() {
    if [ "$2" != "$3" ]; then
        printf 'FAIL: %s\n--- expected:\n%s\n--- got:\n%s\n' "$1" "$2" "$3"
        fail=1
    fi
}
