#!/usr/bin/env python3
"""The eval suite: runs the scorers of ../shared/eval on the seeds, on
PolNeAR (dev and train) and on MSRP val (statement similarity) and fails when a figure falls below the floor in
floors.json, the level the project has reached. Provenance is scored here
too: the seeds' outlets, cited sources and event dates against
seeds.gold.yaml, and on PolNeAR the outlets found in the text against the
agency ("wire") its metadata names. Skips (exit 77) when the evaluation data
is not beside the tree.

usage: run_eval.py QUOTETRACE [--shared DIR] [--write-floors]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

import yaml

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


def first_records(path):
    """The first record of each document: the provenance fields are the same on all."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            docs.setdefault(os.path.basename(rec["doc"]), rec)
    return docs


def agrees(got, want):
    """Whether an ISO date, perhaps reduced ("--06-18", "---17"), says what the
    gold date says in the fields it gives."""
    if not got:
        return False
    y, m, d = str(want).split("-")
    if got.startswith("---"):
        return got[3:] == d
    if got.startswith("--"):
        return got[2:] == f"{m}-{d}"[: len(got) - 2]
    return f"{y}-{m}-{d}".startswith(got)


def provenance_seeds(gold_path, records_path):
    """Outlet accuracy, cited-source precision and recall, and how often the
    first dated quote of a document agrees with the gold event date."""
    with open(gold_path, encoding="utf-8") as f:
        gold = yaml.safe_load(f)["documents"]
    docs = first_records(records_path)
    said = {}
    with open(records_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("said_on") and not rec.get("headline"):
                said.setdefault(os.path.basename(rec["doc"]), rec["said_on"])
    outlets = tp = fp = fn = dated = agreed = 0
    for g in gold:
        rec = docs.get(g["file"], {})
        outlets += rec.get("outlet") == g.get("outlet")
        got = {c["source"] for c in rec.get("citations", [])}
        want = set(g.get("cites") or [])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if g.get("event_date"):
            dated += 1
            agreed += agrees(said.get(g["file"]), g["event_date"])
    return {
        "seeds.outlet_accuracy": outlets / len(gold),
        "seeds.cites_precision": tp / max(1, tp + fp),
        "seeds.cites_recall": tp / max(1, tp + fn),
        "seeds.event_date_agreement": agreed / max(1, dated),
    }


def outlet_wire(records_path, metadata_path):
    """Of the PolNeAR documents given an outlet from their text, the share whose
    outlet is the agency their metadata credits (precision); of those whose
    metadata credits an agency, the share given that outlet (recall). Only
    documents with a quote have a record, so only they are counted."""
    with open(metadata_path, encoding="utf-8") as f:
        wire = {r["filename"]: r["wire"] for r in csv.DictReader(f, delimiter="\t")}
    found = right = credited = 0
    for name, rec in first_records(records_path).items():
        agency = wire.get(os.path.splitext(name)[0]) or ""
        agency = "" if agency in ("None", "NA") else agency
        credited += bool(agency)
        if not rec.get("outlet"):
            continue
        found += 1
        right += rec["outlet"].lower() == agency.lower()
    return right / max(1, found), right / max(1, credited)


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
        figures.update(provenance_seeds(os.path.join(ev, "seeds.gold.yaml"), seeds))
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
            p_wire, r_wire = outlet_wire(out, os.path.join(ev, "polnear", "metadata.tsv"))
            figures[f"polnear_{split}.outlet_wire_precision"] = p_wire
            figures[f"polnear_{split}.outlet_wire_recall"] = r_wire
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
