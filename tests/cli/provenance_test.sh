#!/usr/bin/env bash
# The store and provenance commands on the seed articles: ingest is
# idempotent and survives a kill, check sees a sound store, report, dot and
# who-said say what the seeds hold, DOT renders cleanly, HTML shows in a
# browser (when graphviz and chromium are installed).
set -u
bin=$1
seeds=$(cd "$(dirname "$0")/../../seeds" && pwd)
. "$(dirname "$0")/check.sh"
count() {  # count DB FIELD: one line of `check`
    "$bin" check --db "$1" | sed -n "s/^$2 //p"
}

db=$work/q.db
"$bin" ingest --no-progress "$seeds" --db "$db" > "$work/ingest1.txt" 2> "$work/ingest1.err"
check "ingest of the seeds exits 0" test $? -eq 0
check "ingest says what it added" grep -q '^added 5 documents' "$work/ingest1.txt"
"$bin" ingest --no-progress "$seeds" --db "$db" > "$work/ingest2.txt" 2>&1
check "a second ingest adds nothing" grep -q '^added 0 documents (0 quotes, 0 new statements), 5 unchanged' "$work/ingest2.txt"
"$bin" check --db "$db" > "$work/check.txt"
check "check passes on the store" test $? -eq 0
check "check prints ok and counts" grep -q ': ok$' "$work/check.txt"
check "check counts the seeds' documents" test "$(count "$db" documents)" = 5

# durability: killed inside a transaction, the store holds whole documents only
killed=$work/killed.db
QUOTETRACE_KILL_AFTER_ROWS=60 "$bin" ingest --no-progress "$seeds" --db "$killed" > /dev/null 2>&1
check "the ingest was killed" test $? -eq 137
"$bin" check --db "$killed" > "$work/killed-check.txt"
check "check passes after the kill" test $? -eq 0
partial=$(count "$killed" documents)
check "the kill left some documents, not all" test "$partial" -ge 1 -a "$partial" -lt 5
"$bin" ingest --no-progress "$seeds" --db "$killed" > /dev/null 2>&1
check "the ingest is run again" test $? -eq 0
for field in documents quotes statements speakers; do
    check "after the kill and a new ingest, $field as in one clean run" \
        test "$(count "$killed" "$field")" = "$(count "$db" "$field")"
done
"$bin" report --format json --db "$db" > "$work/clean.json"
"$bin" report --format json --db "$killed" > "$work/resumed.json"
check "after the kill and a new ingest, the report is the clean run's" cmp -s "$work/clean.json" "$work/resumed.json"

# report
"$bin" report --db "$db" > "$work/report.md"
check "report exits 0" test $? -eq 0
check "the report names the articles without an outlet" \
    grep -q '^Articles that name no outlet: 001_4cd515b1816362b4.txt, 004_ec39493773d21da9.txt.$' "$work/report.md"
check "the report shows word-level drift" grep -q '~~.*~~.*\*\*' "$work/report.md"
check "the JSON report: one statement has 001, 002 and 003, first reported by 002 (IANS, 2024-06-19)" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
def europe(s):
    return any("What happens in Europe" in t["text"] for t in s["tellings"])
hits = [s for s in r["statements"] if europe(s)]
ok = False
for s in hits:
    docs = {t["article"][:3] for t in s["tellings"]}
    if {"001", "002", "003"} <= docs and s["first_published"] == "2024-06-19" \
            and s["first_reports"] == ["002_e386a2f4b144bfe4.txt"] and s["speaker"] == "Jens Stoltenberg":
        outlets = {t["article"][:3]: t["outlet"] for t in s["tellings"]}
        ok = outlets["001"] is None and outlets["002"] == "IANS" and outlets["003"] == "The Asia Business Daily"
sys.exit(0 if ok else 1)' "$work/clean.json"
"$bin" report "$seeds" --format json > "$work/oneoff.json" 2>/dev/null
check "report over paths (a store in memory) equals report over the store" cmp -s "$work/clean.json" "$work/oneoff.json"
"$bin" report --db "$db" --format yaml > /dev/null 2> "$work/format.err"
check "an unknown --format is a usage error (exit 2)" test $? -eq 2
check "the format error names the value" grep -q 'yaml' "$work/format.err"

# who-said
"$bin" who-said "What happens in Europe matters for Asia" --db "$db" --json > "$work/europe.json"
check "who-said: Jens Stoltenberg first, with 001, 002 and 003" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["answers"]
docs = {r["article"][:3] for r in a[0]["statements"][0]["reports"]}
sys.exit(0 if a and a[0]["speaker"] == "Jens Stoltenberg" and {"001", "002", "003"} <= docs else 1)' "$work/europe.json"
"$bin" who-said "block the support Iran and North Korea provide to Russia" --db "$db" --json > "$work/blinken.json"
check "who-said: Antony Blinken first" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["answers"]
sys.exit(0 if a and a[0]["speaker"] == "Antony Blinken" and a[0]["confidence"] >= 0.8 else 1)' "$work/blinken.json"
"$bin" who-said "The price of bananas in Lisbon doubled last winter" --db "$db" --json > "$work/nobody.json"
check "who-said: a phrase nobody said gets no answer" python3 -c '
import json, sys
sys.exit(0 if json.load(open(sys.argv[1]))["answers"] == [] else 1)' "$work/nobody.json"
"$bin" who-said "The price of bananas in Lisbon doubled last winter" --db "$db" > "$work/nobody.txt"
check "who-said says so in words" grep -q '^No one in the store said that' "$work/nobody.txt"
"$bin" who-said "Europe" --db "$db" --limit 0 > /dev/null 2> "$work/limit.err"
check "who-said --limit 0 is a usage error (exit 2) naming the option" sh -c "test $? -eq 2 && grep -q -- '--limit' '$work/limit.err'"
"$bin" who-said "What happens in Europe matters for Asia" --db "$db" > "$work/europe.txt"
check "who-said in words: speaker, statement, articles" \
    sh -c "head -1 '$work/europe.txt' | grep -q '^Jens Stoltenberg  confidence' && grep -q '002_e386a2f4b144bfe4.txt  IANS  2024-06-19' '$work/europe.txt'"

# dot
"$bin" dot --db "$db" > "$work/all.dot"
check "dot exits 0" test $? -eq 0
check "dot draws every kind of edge it has" sh -c "grep -q 'label=\"publishes\"' '$work/all.dot' && grep -q 'label=\"reports\"' '$work/all.dot' && grep -q 'label=\"said\"' '$work/all.dot' && grep -q 'label=\"contains\"' '$work/all.dot'"
"$bin" dot --db "$db" --speaker "Antony Blinken" > "$work/blinken.dot"
check "dot --speaker keeps that speaker" grep -q 'label="Antony Blinken"' "$work/blinken.dot"
check "dot --speaker drops the others" sh -c "! grep -q 'Jens Stoltenberg' '$work/blinken.dot'"
"$bin" dot --db "$db" --outlet IANS --since 2024-06-01 --until 2024-06 > "$work/ians.dot"
check "dot --outlet --since --until keeps IANS's article" grep -q '002_e386a2f4b144bfe4.txt' "$work/ians.dot"
check "dot --outlet drops other outlets' articles" sh -c "! grep -q '003_fc44ccf4c878b1e0.txt' '$work/ians.dot'"
"$bin" dot --db "$db" --since June > /dev/null 2> "$work/since.err"
check "a malformed --since is a usage error (exit 2)" test $? -eq 2
check "the date error names the option and value" grep -q -- '--since "June"' "$work/since.err"
if command -v dot > /dev/null; then
    for f in all blinken ians; do
        dot -Tsvg "$work/$f.dot" > "$work/$f.svg" 2> "$work/$f.dot.err"
        check "dot -Tsvg renders $f.dot" test $? -eq 0 -a -s "$work/$f.svg"
        check "dot -Tsvg gives no warning on $f.dot" test ! -s "$work/$f.dot.err"
    done
else
    echo "skip dot -Tsvg rendering: graphviz is not installed (apt-get install graphviz)"
fi

# HTML
"$bin" report --db "$db" --format html > "$work/report.html"
check "the HTML report loads nothing from a network" sh -c "! grep -Eq '(src|href)=\"(https?:)?//' '$work/report.html'"
browser=""
for b in chromium chromium-browser google-chrome; do command -v "$b" > /dev/null && browser=$b && break; done
if [ -n "$browser" ]; then
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$work/report.html" \
        > "$work/dom.html" 2> "$work/browser.err"
    check "headless $browser loads the HTML report" test -s "$work/dom.html"
    check "the page's script ran and counted what it shows" python3 -c '
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<span id=\"shown\">(\d+) statements, (\d+) tellings, (\d+) marked differences shown</span>", dom)
sections = dom.count("<section class=\"statement\"")
sys.exit(0 if m and int(m.group(1)) == sections > 0 and int(m.group(2)) > 0 and int(m.group(3)) > 0 else 1)' "$work/dom.html"
    check "the browser shows the timeline and a marked difference" \
        sh -c "grep -q 'class=\"timeline\"' '$work/dom.html' && grep -q '<del>' '$work/dom.html' && grep -q '<ins>' '$work/dom.html'"
else
    echo "skip HTML in a browser: chromium is not installed (apt-get install chromium)"
fi

# errors name the input
"$bin" report --db "$work/none.db" > /dev/null 2> "$work/missing.err"
check "a missing store is a set-up error (exit 3)" test $? -eq 3
check "the error names the store" grep -q "none.db.*\[\?store.missing\|store.missing.*none.db" "$work/missing.err"
echo "not a database, just text that is long enough to be read as a file header" > "$work/text.db"
"$bin" check --db "$work/text.db" > /dev/null 2> "$work/text.err"
check "a file that is not a store is refused (exit 3)" test $? -eq 3
check "the refusal names the file" grep -q 'text.db: not a quotetrace store' "$work/text.err"

echo "$fails failed"
exit $((fails > 0))
