#!/usr/bin/env bash
# Set-up, build, then every test suite (unit, golden, cli, eval). Ends with
# the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs "$@" > build/test-output.txt 2>&1
status=$?
cat build/test-output.txt
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
skip=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' build/test-output.txt | tail -1)
fail=$(( ${fail:-0} + ${timeout:-0} ))
if [ -z "${ok}" ]; then ok=0; [ $status -ne 0 ] && fail=$((fail > 0 ? fail : 1)); fi
echo "${ok} passed, ${fail} failed, ${skip:-0} skipped"
[ $status -eq 0 ] && [ "$fail" -eq 0 ]
