#!/usr/bin/env python3
"""Golden pipeline cases: each NAME.txt or NAME.html under a folder is an article, and
NAME.expect holds what `quotetrace quotes` must find in it, one JSON object a
line with the fields that matter (kind, text, speaker, speaker_mention, cue,
and the provenance: outlet, published, said_on, citations), in output order.

usage: run.py QUOTETRACE DIR [--update]
"""
import json
import os
import subprocess
import sys

FIELDS = ("kind", "text", "speaker", "speaker_mention", "cue", "outlet", "published", "said_on", "citations")


def project(binary, path):
    out = subprocess.run([binary, "quotes", "--no-progress", path], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{path}: quotetrace exited {out.returncode}: {out.stderr.strip()}")
    rows = []
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        rows.append({k: rec.get(k) for k in FIELDS})
    return rows


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    failures = 0
    cases = sorted(n for n in os.listdir(folder) if n.endswith((".txt", ".html")))
    if not cases:
        sys.exit(f"{folder}: no cases")
    for name in cases:
        path = os.path.join(folder, name)
        expect_path = os.path.splitext(path)[0] + ".expect"
        got = project(binary, path)
        if update:
            with open(expect_path, "w", encoding="utf-8") as f:
                for row in got:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        if not os.path.exists(expect_path):
            print(f"FAIL {name}: no {os.path.basename(expect_path)}")
            failures += 1
            continue
        with open(expect_path, encoding="utf-8") as f:
            want = [json.loads(l) for l in f if l.strip()]
        if got == want:
            print(f"ok   {name} ({len(want)} quotes)")
            continue
        failures += 1
        print(f"FAIL {name}")
        for i in range(max(len(got), len(want))):
            g = got[i] if i < len(got) else None
            w = want[i] if i < len(want) else None
            if g != w:
                print(f"  #{i}\n    want {json.dumps(w, ensure_ascii=False)}\n    got  {json.dumps(g, ensure_ascii=False)}")
    print(f"{len(cases) - failures} of {len(cases)} golden cases pass")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
