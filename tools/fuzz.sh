#!/usr/bin/env bash
# Fuzzing with the libFuzzer harnesses of tests/fuzz (built in ./build-san by
# tools/sanitize.sh).
#
#   bash tools/fuzz.sh [HARNESS|all] [SECONDS]   fuzz each harness that long (default all, 600 s each);
#                                                the corpus grows in build-san/fuzz/HARNESS/corpus
#   bash tools/fuzz.sh --ci SECONDS              every harness from its seeds only, for tools/test.sh
#   QT_FUZZ_TIMEOUT=60 bash tools/fuzz.sh ...    seconds an input may take before it counts as a hang
#                                                (default 10; libFuzzer counts wall time, so on a
#                                                machine busy with other work a higher bound avoids
#                                                false hangs)
#   bash tools/fuzz.sh --replay HARNESS REPLAY QUOTETRACE
#                                                the replay test: seeds and regressions through REPLAY
#
# Seeds are gathered at run time from the project's own files (seeds/, the
# golden inputs, tests/data, grammars/en); a store seed is ingested from
# seeds/. Each run prints executions, exec/s, coverage and any crash, leak,
# undefined behaviour or hang found (the input is kept as an artifact: add it
# to tests/fuzz/regressions/HARNESS/ with the fix).
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
harnesses=(extract html jsonl lexicon outlets similarity store)

# gather HARNESS DIR QUOTETRACE: the seed corpus of a harness, into DIR.
gather() {
  local name=$1 dir=$2 qt=$3 f
  mkdir -p "$dir"
  case $name in
    extract)
      for f in "$top"/seeds/*.txt "$top"/tests/golden/frames/*.txt "$top"/tests/data/ingest/tree/*.txt; do
        ln -sf "$f" "$dir/"
      done ;;
    html)
      for f in "$top"/tests/golden/frames/*.html "$top"/tests/data/ingest/*.html; do ln -sf "$f" "$dir/"; done ;;
    jsonl)
      for f in "$top"/tests/data/ingest/*.jsonl "$top"/tests/data/ingest/tree/*.jsonl; do ln -sf "$f" "$dir/"; done
      for f in "$top"/tests/golden/frames/*.expect; do ln -sf "$f" "$dir/$(basename "$f").jsonl"; done ;;
    lexicon)
      for f in "$top"/grammars/en/*.yaml; do
        case $(basename "$f") in outlets.yaml) continue ;; esac
        { basename "$f"; cat "$f"; } > "$dir/$(basename "$f")"
      done ;;
    outlets)
      ln -sf "$top/grammars/en/outlets.yaml" "$dir/" ;;
    similarity)
      # each golden quote with the next one, and with itself reworded by the
      # next record's speaker: pairs of related and unrelated statements
      python3 - "$dir" "$top"/tests/golden/frames/*.expect <<'PY'
import json, os, sys
texts = []
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f if line.strip()]
for k in range(len(texts) - 1):
    with open(os.path.join(sys.argv[1], f"pair{k:03d}"), "w", encoding="utf-8") as out:
        out.write(texts[k] + "\t" + texts[k + 1])
PY
      ;;
    store)
      "$qt" ingest --no-progress "$top"/seeds --db "$dir/seeds.db" >/dev/null 2>&1
      "$qt" ingest --no-progress "$top"/seeds/000_*.txt --db "$dir/one.db" >/dev/null 2>&1
      rm -f "$dir"/*.db-wal "$dir"/*.db-shm ;;
  esac
}

dict_of() {
  local d="$top/tests/fuzz/dict/$1.dict"
  [ -f "$d" ] && echo "-dict=$d"
}

# run HARNESS SECONDS CORPUS: one fuzzing run; prints its figures, fails on a finding.
run() {
  local name=$1 secs=$2 corpus=$3 work="$top/build-san/fuzz/$1"
  local seeds="$work/seeds" regressions="$top/tests/fuzz/regressions/$1" log="$work/last.log"
  rm -rf "$seeds"
  mkdir -p "$work/artifacts" "$corpus"
  [ -d "$regressions" ] || regressions=
  gather "$name" "$seeds" "$top/build-san/src/quotetrace"
  local before
  before=$(ls "$work/artifacts" | wc -l)
  "$top/build-san/tests/fuzz/fuzz_$name" -max_total_time="$secs" -timeout="${QT_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" $(dict_of "$name") \
    "$corpus" "$seeds" ${regressions:+"$regressions"} > "$log" 2>&1
  local status=$?
  local runs rate cov ft corp
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(ls "$corpus" | wc -l)
  if [ $status -eq 0 ]; then
    echo "fuzz $name: ok, ${runs:-0} executions in ${secs} s (${rate:-0} exec/s), coverage ${cov:-0} edges / ${ft:-0} features, corpus $corp"
    return 0
  fi
  echo "fuzz $name: FAILED (exit $status) after ${runs:-?} executions; the log: $log"
  grep -E 'ERROR: |runtime error:|invariant broken|SUMMARY|Test unit written' "$log" | head -8 | sed 's/^/  /'
  ls -t "$work/artifacts" | head -$(( $(ls "$work/artifacts" | wc -l) - before )) | sed "s|^|  found: $work/artifacts/|"
  return 1
}

case ${1:-all} in
  --replay)
    name=$2 replay=$3 qt=$4
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    gather "$name" "$tmp/seeds" "$qt"
    args=("$tmp/seeds")
    [ -d "$top/tests/fuzz/regressions/$name" ] && args+=("$top/tests/fuzz/regressions/$name")
    "$replay" "${args[@]}" ;;
  --ci)
    secs=${2:-20} failed=0
    for name in "${harnesses[@]}"; do
      corpus=$(mktemp -d)
      run "$name" "$secs" "$corpus" || failed=$((failed + 1))
      rm -rf "$corpus"
    done
    exit $((failed > 0)) ;;
  *)
    bash "$top/tools/sanitize.sh" || exit 1
    which=${1:-all} secs=${2:-600} failed=0
    [ "$which" = all ] && list=("${harnesses[@]}") || list=("$which")
    for name in "${list[@]}"; do
      [ -x "$top/build-san/tests/fuzz/fuzz_$name" ] || { echo "fuzz: no harness '$name' (${harnesses[*]})"; exit 2; }
      run "$name" "$secs" "$top/build-san/fuzz/$name/corpus" || failed=$((failed + 1))
    done
    exit $((failed > 0)) ;;
esac
