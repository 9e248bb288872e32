#!/usr/bin/env python3
"""Golden provenance outputs on the seed articles: the Markdown and JSON
reports, the DOT graph and who-said answers, each against a file in
tests/golden/provenance/. A change in extraction or matching shows up here as
a diff to read, then to re-record with --update.

usage: provenance.py QUOTETRACE SEEDS_DIR GOLDEN_DIR [--update]
"""
import difflib
import os
import subprocess
import sys
import tempfile

QUESTIONS = {
    "who_said_europe.json": "What happens in Europe matters for Asia",
    "who_said_blinken.json": "block the support Iran and North Korea provide to Russia",
    "who_said_nobody.json": "The price of bananas in Lisbon doubled last winter",
}


def run(args):
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {out.returncode}: {out.stderr.strip()}")
    return out.stdout


def main():
    binary, seeds, golden = sys.argv[1], sys.argv[2], sys.argv[3]
    update = "--update" in sys.argv[4:]
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "seeds.db")
        run([binary, "ingest", "--no-progress", seeds, "--db", db])
        outputs = {
            "report.md": run([binary, "report", "--db", db]),
            "report.json": run([binary, "report", "--db", db, "--format", "json"]),
            "graph.dot": run([binary, "dot", "--db", db]),
        }
        for name, question in QUESTIONS.items():
            outputs[name] = run([binary, "who-said", question, "--db", db, "--json"])
    failures = 0
    for name, got in sorted(outputs.items()):
        path = os.path.join(golden, name)
        if update:
            with open(path, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {name}")
            continue
        try:
            with open(path, encoding="utf-8") as f:
                want = f.read()
        except OSError:
            print(f"FAIL {name}: no golden file (record it with --update)")
            failures += 1
            continue
        if got == want:
            print(f"ok   {name}")
        else:
            failures += 1
            print(f"FAIL {name}")
            sys.stdout.writelines(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                            "expected", "got", n=1))[:40])
    print(f"{failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
