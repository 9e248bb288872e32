#!/usr/bin/env python3
"""The eval suite: runs the scorers of ../shared/eval on the seeds, on
PolNeAR (dev and train) and on MSRP val (statement similarity) and fails when a figure falls below the floor in
floors.json, the level the project has reached. Skips (exit 77) when the
evaluation data is not beside the tree.

usage: run_eval.py QUOTETRACE [--shared DIR] [--write-floors]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
SKIP = 77
# A floor sits this far below the figure measured when it was written, so
# that only a real loss trips it.
MARGIN = 0.005


def score(script, args):
    out = subprocess.run([sys.executable, script, *args, "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def quotes(binary, paths, dest):
    with open(dest, "w") as f:
        proc = subprocess.run([binary, "quotes", "--no-progress", *paths], stdout=f, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"quotetrace failed: {proc.stderr[-400:]}")


def measure(binary, shared):
    ev = os.path.join(shared, "eval")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        seeds = os.path.join(tmp, "seeds.jsonl")
        quotes(binary, [os.path.join(TOP, "seeds")], seeds)
        s = score(os.path.join(ev, "score.py"), [os.path.join(ev, "seeds.gold.yaml"), seeds])
        for k in ("quoted_precision", "quoted_recall", "quoted_f1", "indirect_recall", "speaker_accuracy", "link_precision", "link_recall", "link_f1"):
            figures[f"seeds.{k}"] = s[k]
        figures["seeds.boilerplate_quotes_max"] = s["negatives_reported"]
        # statement matching: the paraphrase decisions on MSRP val
        decisions = os.path.join(tmp, "msrp.jsonl")
        pairs = os.path.join(ev, "msrp", "msr-para-val.tsv")
        with open(decisions, "w") as f:
            proc = subprocess.run([binary, "similar", "--pairs", pairs], stdout=f, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"quotetrace similar failed: {proc.stderr[-400:]}")
        m = score(os.path.join(ev, "msrp_score.py"), [pairs, decisions])
        figures["msrp_val.accuracy"] = m["accuracy"]
        figures["msrp_val.f1"] = m["f1"]
        for split in ("dev", "train"):
            out = os.path.join(tmp, f"{split}.jsonl")
            quotes(binary, [os.path.join(ev, "polnear", split, "text")], out)
            p = score(os.path.join(ev, "polnear_score.py"), [os.path.join(ev, "polnear", split), out])
            for k in ("quoted_precision", "quoted_recall", "indirect_precision", "indirect_recall", "source_accuracy"):
                figures[f"polnear_{split}.{k}"] = p[k]
    return figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--shared", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--write-floors", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "eval")):
        print(f"skipped: no evaluation data at {args.shared}/eval")
        sys.exit(SKIP)
    figures = measure(args.binary, args.shared)
    floors_path = os.path.join(HERE, "floors.json")
    if args.write_floors:
        floors = {k: (v if k.endswith("_max") else round(max(0.0, v - MARGIN), 3)) for k, v in figures.items()}
        with open(floors_path, "w") as f:
            json.dump(floors, f, indent=2, sort_keys=True)
            f.write("\n")
        print(f"wrote {floors_path}")
    with open(floors_path) as f:
        floors = json.load(f)
    failed = 0
    for key in sorted(floors):
        got = figures.get(key)
        floor = floors[key]
        ok = got is not None and (got <= floor if key.endswith("_max") else got >= floor)
        print(f"{'ok  ' if ok else 'FAIL'} {key:40s} {got!s:>7}  ({'at most' if key.endswith('_max') else 'floor'} {floor})")
        failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
