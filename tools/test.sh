#!/usr/bin/env bash
# Set-up, build, then every test suite (unit, golden, cli, eval, fuzz) twice:
# in the release build and in the sanitizer build (AddressSanitizer and
# UndefinedBehaviorSanitizer, tools/sanitize.sh); then each fuzz harness
# for $QUOTETRACE_FUZZ_SECONDS (20) from its seeds. Ends with the line
# "N passed, N failed" over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
ok=0 fail=0 skip=0
# count LOG STATUS: adds a meson test log's figures to the totals.
count() {
  local o f s t
  o=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  f=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  s=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  t=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$1" | tail -1)
  f=$(( ${f:-0} + ${t:-0} ))
  if [ -z "$o" ]; then o=0; [ "$2" -ne 0 ] && f=$((f > 0 ? f : 1)); fi
  ok=$((ok + o)) fail=$((fail + f)) skip=$((skip + ${s:-0}))
}
bash tools/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs "$@" > build/test-output.txt 2>&1
count build/test-output.txt $?
cat build/test-output.txt
if bash tools/sanitize.sh; then
  # ASan and UBSan make the suites 2-4 times slower: the timeouts grow with them
  meson test -C build-san --print-errorlogs --timeout-multiplier 4 "$@" > build-san/test-output.txt 2>&1
  count build-san/test-output.txt $?
  sed 's/^/[sanitizers] /' build-san/test-output.txt
  bash tools/fuzz.sh --ci "${QUOTETRACE_FUZZ_SECONDS:-20}" | tee build-san/fuzz-output.txt
  ok=$((ok + $(grep -c '^fuzz [a-z]*: ok' build-san/fuzz-output.txt)))
  fail=$((fail + $(grep -c '^fuzz [a-z]*: FAILED' build-san/fuzz-output.txt)))
else
  echo "the sanitizer build failed"
  fail=$((fail + 1))
fi
echo "${ok} passed, ${fail} failed, ${skip} skipped"
[ "$fail" -eq 0 ]
