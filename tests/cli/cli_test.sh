#!/usr/bin/env bash
# The command line as users meet it: exit codes, messages that name the input
# and the place, stdin, and that one bad input loses nothing else.
set -u
bin=$1
. "$(dirname "$0")/check.sh"

printf 'He said, "caf\xe9 is bad," and left.\n' > "$work/bad.txt"
printf '\x00\x01\x02binary' > "$work/bin.dat"
printf '{"id":"a","text":"\\"Yes, we will,\\" she said."}\nnot json\n{"id":"c","maintext":"\\"No, we will not,\\" he said."}\n' > "$work/feed.jsonl"
"$bin" quotes --no-progress "$work/bad.txt" "$work/bin.dat" "$work/feed.jsonl" "$work/missing.txt" \
    > "$work/out.jsonl" 2> "$work/err.txt"
rc=$?
check "a skipped or repaired input makes exit status 1" test "$rc" -eq 1
check "invalid UTF-8 is reported with its byte offset" grep -q 'bad.txt@13: warning \[utf8.invalid\]' "$work/err.txt"
check "a binary file is skipped by name" grep -q 'bin.dat.*\[input.binary\]' "$work/err.txt"
check "a malformed JSONL line is reported by number" grep -q 'feed.jsonl:2: .*\[jsonl.malformed\]' "$work/err.txt"
check "a missing file is reported by name" grep -q 'missing.txt.*\[input.unreadable\]' "$work/err.txt"
check "the repaired file still yields its quote" grep -q '"doc":"bad.txt","kind":"direct"' "$work/out.jsonl"
check "the JSONL lines around the bad one still come out" test "$(grep -c '"doc":"[ac]"' "$work/out.jsonl")" -eq 2
check "every output line is JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]): json.loads(line)' "$work/out.jsonl"

echo '"Fine, thank you," she said.' | "$bin" quotes - > "$work/stdin.jsonl"
check "stdin is read with -" grep -q '"text":"Fine, thank you"' "$work/stdin.jsonl"
echo '"Fine," she said.' > "$work/clean.txt"
"$bin" quotes "$work/clean.txt" > /dev/null 2>&1
check "a clean run exits 0" test $? -eq 0

"$bin" --grammars "$work/nowhere" quotes "$work/clean.txt" > /dev/null 2> "$work/setup.txt"
rc=$?
check "a missing lexicon is a set-up error (exit 3)" test "$rc" -eq 3
check "the set-up error names its id" grep -q 'lexicon.missing' "$work/setup.txt"

mkdir -p "$work/lex"
cp "$(dirname "$0")/../../grammars/en/"*.yaml "$work/lex/"
printf 'speech: {not: [a list}\n' > "$work/lex/speech_verbs.yaml"
"$bin" --grammars "$work/lex" quotes "$work/clean.txt" > /dev/null 2> "$work/lexerr.txt"
rc=$?
check "a broken lexicon file is a set-up error naming the file" test "$rc" -eq 3
check "the lexicon error names the file and line" grep -q 'speech_verbs.yaml:1' "$work/lexerr.txt"

mkdir -p "$work/lex2"
cp "$(dirname "$0")/../../grammars/en/"*.yaml "$work/lex2/"
printf -- '- name: [unclosed\n' > "$work/lex2/outlets.yaml"
"$bin" --grammars "$work/lex2" quotes "$work/clean.txt" > /dev/null 2> "$work/outerr.txt"
rc=$?
check "a broken outlet gazetteer is a set-up error naming the file" test "$rc" -eq 3
check "the gazetteer error names its id and file" grep -q 'lexicon.syntax.*outlets.yaml' "$work/outerr.txt"

# provenance from a crawler's fields: the domain names the outlet, the date is
# the publication date "said Monday" resolves against
printf '{"id":"p","source_domain":"www.yna.co.kr","date_publish":"2024-06-19 06:35:00","text":"\\"We act,\\" Stoltenberg said Monday, according to Russian news agency Interfax."}\n' \
    | "$bin" quotes --no-statements - > "$work/prov.jsonl"
check "provenance fields come last in each record" python3 -c '
import json, sys
rec = json.loads(open(sys.argv[1]).readline())
assert list(rec)[-4:] == ["outlet", "published", "said_on", "citations"], list(rec)
assert rec["outlet"] == "Yonhap" and rec["published"] == "2024-06-19" and rec["said_on"] == "2024-06-17", rec
assert [(c["source"], c["rule"]) for c in rec["citations"]] == [("Interfax", "according-to")], rec' "$work/prov.jsonl"

mkdir -p "$work/tree/sub"
echo '"One," Ann said.' > "$work/tree/b.txt"
echo '"Two," Ben said.' > "$work/tree/sub/a.txt"
"$bin" quotes "$work/tree" > "$work/tree.jsonl"
check "folders are read recursively in name order" test "$(python3 -c '
import json, sys
print(",".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$work/tree.jsonl")" = "b.txt,a.txt"

"$bin" --help > /dev/null
check "--help works" test $? -eq 0
"$bin" > /dev/null 2>&1
check "no subcommand is a usage error (exit 2)" test $? -eq 2
"$bin" quotes --no-such-option x > /dev/null 2>&1
check "an unknown option is a usage error (exit 2)" test $? -eq 2

echo "$fails failed"
exit $((fails > 0))
