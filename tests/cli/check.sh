# Sourced by the CLI test scripts: a scratch folder removed on exit, and
# check NAME CONDITION..., which prints ok or FAIL and counts the failures.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() {
    local name=$1; shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fails=$((fails + 1)); fi
}
