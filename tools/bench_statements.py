#!/usr/bin/env python3
"""Benchmark `quotetrace statements` at scale: CPU time, peak memory and the
quality of the clustering (extended B-cubed) on generated quote variants.

usage: tools/bench_statements.py [--binary build/src/quotetrace]
           [--sizes 250000,500000,1000000] [--seed 1] [--keep DIR] [--json FILE]
           [--timeout SECONDS]
       tools/bench_statements.py --self-test

For each size, tools/gen_variants.py writes that many quotes with their true
statements (cached in a temporary folder, keyed by the generator's own bytes);
`quotetrace statements FILE > OUT` runs under /usr/bin/time, and OUT is scored
against the truth with the extended B-cubed precision and recall of Amigo et
al. (2009), which allows a quote in several statements:

    P(i, j) = min(|C(i) & C(j)|, |L(i) & L(j)|) / |C(i) & C(j)|

for each j sharing a predicted statement with i (i itself included), where C
are predicted and L true statements; precision averages P over those j and then
over the quotes; recall swaps C and L. A quote with no predicted statement is a
statement of its own.
"""
import argparse
import hashlib
import itertools
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
GENERATOR = os.path.join(HERE, "gen_variants.py")

# A cluster is big when it holds more items than this; pairs are never
# enumerated inside it (counts are used instead), since 1M quotes in one
# predicted statement would be 10^12 pairs.
BIG_CLUSTER = 20000
MAX_SUBSET_LABELS = 12       # inclusion-exclusion over at most 2^12 label subsets
PAIR_BUDGET = 50_000_000     # pairs of multi-cluster items before sampling


# --- extended B-cubed -------------------------------------------------------

def bcubed_side(clusters, labels):
    """Extended B-cubed precision of `clusters` against `labels` (recall is the
    same with the two swapped): lists of tuples of ints, one per item, each
    non-empty. Returns (score, notes): notes says how it was computed.

    Items with the same (clusters, labels) are one signature with a weight.
    For items i, j sharing exactly one cluster, P(i, j) = [L(i) & L(j) non-empty],
    so an item in one cluster a needs only the weight of the items of a sharing
    a label with it: per cluster, the weight of each label and of each label
    subset held together, and inclusion-exclusion over the subsets of L(i).
    Only pairs of items that are both in several clusters are visited one by
    one (sampled past a budget)."""
    sig_weight = Counter(zip(clusters, labels))
    counts = ({}, {})                 # all items, one-cluster items: (cluster, label subset) -> weight
    sizes = (Counter(), Counter())    # all items, one-cluster items: cluster -> weight
    wide = set()                      # clusters with an item of too many labels
    multi = {}                        # cluster -> signatures of items in several clusters
    for sig, w in sig_weight.items():
        cs, ls = sig
        subsets = []
        if len(ls) > MAX_SUBSET_LABELS:
            wide.update(cs)
        else:
            for k in range(1, len(ls) + 1):
                subsets.extend(itertools.combinations(ls, k))
        for kind in ((0, 1) if len(cs) == 1 else (0,)):
            table = counts[kind]
            for a in cs:
                sizes[kind][a] += w
                for sub in subsets:
                    table[a, sub] = table.get((a, sub), 0) + w
        if len(cs) > 1:
            for a in cs:
                multi.setdefault(a, []).append(sig)

    def hits(kind, a, ls):
        """Weight of the items of a (all, or those in a alone) sharing a label with ls."""
        if len(ls) > MAX_SUBSET_LABELS or a in wide:
            lset = set(ls)
            return sum(w for (cs, l2), w in sig_weight.items()    # rare: a slow exact pass
                       if a in cs and (kind == 0 or len(cs) == 1) and lset.intersection(l2))
        table = counts[kind]
        if len(ls) == 1:
            return table.get((a, ls), 0)
        total = 0
        for k in range(1, len(ls) + 1):
            sign = 1 if k % 2 else -1
            for sub in itertools.combinations(ls, k):
                total += sign * table.get((a, sub), 0)
        return total

    cost = sum(len(multi[a]) for cs, _ in sig_weight if len(cs) > 1 for a in cs)
    rate = min(1.0, PAIR_BUDGET / cost) if cost else 1.0
    rng = random.Random(0)
    total_w = 0
    total = 0.0
    for sig, w in sig_weight.items():
        cs, ls = sig
        if len(cs) == 1:
            total += w * hits(0, cs[0], ls) / sizes[0][cs[0]]
            total_w += w
            continue
        num = sum(hits(1, a, ls) for a in cs)
        den = float(sum(sizes[1][a] for a in cs))
        others = {}
        for a in cs:
            for t in multi[a]:
                others[t] = None
        cset, lset = set(cs), set(ls)
        for t in others:
            if rate < 1.0 and t != sig and rng.random() >= rate:
                continue
            scale = sig_weight[t] / (1.0 if t == sig else rate)
            shared_c = len(cset.intersection(t[0]))
            num += scale * min(shared_c, len(lset.intersection(t[1]))) / shared_c
            den += scale
        total += w * num / den
        total_w += w
    big = sum(1 for n in sizes[0].values() if n > BIG_CLUSTER)
    notes = []
    if big:
        notes.append(f"{big} clusters over {BIG_CLUSTER} items (counted, not paired)")
    if rate < 1.0:
        notes.append(f"pairs of multi-cluster items sampled at {rate:.3g} ({cost} pairs)")
    return (total / total_w if total_w else 0.0), notes


def bcubed(predicted, truth):
    """(precision, recall, f1, notes) of predicted against truth: lists of
    lists of hashable ids, one per item; an empty prediction is a singleton."""
    ids = {}
    pred = []
    lost = 0
    for k, p in enumerate(predicted):
        if not p:
            lost += 1
            p = [("<none>", k)]
        pred.append(tuple(sorted({ids.setdefault(("p", x), len(ids)) for x in p})))
    true = [tuple(sorted({ids.setdefault(("t", x), len(ids)) for x in t})) for t in truth]
    p, notes_p = bcubed_side(pred, true)
    r, notes_r = bcubed_side(true, pred)
    f = 2 * p * r / (p + r) if p + r else 0.0
    notes = sorted(set(notes_p + notes_r))
    if lost:
        notes.append(f"{lost} quotes without a statement (each scored alone)")
    return p, r, f, notes


def bcubed_pairs(predicted, truth):
    """The definition, pair by pair: for the self-test on small inputs."""
    n = len(predicted)
    pred = [set(p) if p else {("<none>", k)} for k, p in enumerate(predicted)]
    true = [set(t) for t in truth]

    def side(c, l):
        tot = 0.0
        for i in range(n):
            num = den = 0.0
            for j in range(n):
                sc = len(c[i] & c[j])
                if sc:
                    num += min(sc, len(l[i] & l[j])) / sc
                    den += 1
            tot += num / den
        return tot / n
    p, r = side(pred, true), side(true, pred)
    return p, r


# --- generation and runs ----------------------------------------------------

def cached_variants(n, seed, cache):
    with open(GENERATOR, "rb") as f:
        key = hashlib.sha1(f.read()).hexdigest()[:10]
    path = os.path.join(cache, f"variants-{n}-s{seed}-{key}.jsonl")
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        start = time.perf_counter()
        with open(path + ".part", "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, GENERATOR, "--quotes", str(n), "--seed", str(seed)],
                           stdout=out, check=True)
        os.replace(path + ".part", path)
        print(f"generated {n} quotes in {time.perf_counter() - start:.1f} s: {path}", file=sys.stderr)
    return path


def run_statements(binary, path, out_path, timeout=None):
    """(wall s, CPU s, peak RSS MB) of `BINARY statements path > out_path`,
    or None when it ran past timeout seconds (it is then stopped)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing, \
            open(out_path, "w") as out:
        cmd = ["/usr/bin/time", "-o", timing.name, "-f", "%e %U %S %M", binary, "statements", path]
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None
        last = timing.read().strip().splitlines()
    err = err.decode(errors="replace")
    if proc.returncode not in (0, 1):
        sys.exit(f"{binary} statements {path}: exit {proc.returncode}\n{err[-2000:]}")
    if err.strip():
        print(f"stderr of statements ({len(err.splitlines())} lines): {err.strip().splitlines()[-1][:300]}",
              file=sys.stderr)
    wall, user, system, rss_kb = last[-1].split()
    return float(wall), float(user) + float(system), int(rss_kb) / 1024.0


def read_truth(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["truth"] for line in f if line.strip()]


def read_predictions(path, n):
    """The statements of each output record, checked against the input order
    by the record count (the generator's doc ids are g0, g1, ...)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("doc") != f"g{len(out)}":
                sys.exit(f"{path}:{k + 1}: record {rec.get('doc')!r} where g{len(out)} was expected "
                         f"(output must keep the input order)")
            out.append(rec.get("statements") or [])
    if len(out) != n:
        sys.exit(f"{path}: {len(out)} records for {n} quotes")
    return out


def cluster_stats(predicted):
    sizes = Counter(x for p in predicted for x in p)
    return len(sizes), (max(sizes.values()) if sizes else 0)


# --- self-test --------------------------------------------------------------

def self_test():
    failures = 0

    def check(name, ok, detail=""):
        nonlocal failures
        print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
        failures += not ok

    # hand-made overlapping example, against the pairwise definition
    truth = [[1], [1], [1, 2], [2], [3]]
    pred = [["a"], ["a", "b"], ["b"], ["b"], []]
    p, r, _, _ = bcubed(pred, truth)
    pp, rr = bcubed_pairs(pred, truth)
    check("overlapping example matches the definition", abs(p - pp) < 1e-12 and abs(r - rr) < 1e-12,
          f"P {p:.4f}/{pp:.4f} R {r:.4f}/{rr:.4f}")
    rng = random.Random(7)
    worst = 0.0
    for _ in range(200):
        n = rng.randint(1, 40)
        truth = [rng.sample(range(8), rng.choice((1, 1, 1, 2, 3))) for _ in range(n)]
        pred = [rng.sample("abcdefgh", rng.choice((0, 1, 1, 1, 2, 3))) for _ in range(n)]
        p, r, _, _ = bcubed(pred, truth)
        pp, rr = bcubed_pairs(pred, truth)
        worst = max(worst, abs(p - pp), abs(r - rr))
    check("200 random overlapping cases match the definition", worst < 1e-9, f"(max diff {worst:.2g})")

    with tempfile.TemporaryDirectory() as tmp:
        n = 30000
        path = cached_variants(n, 1, os.path.join(tempfile.gettempdir(), "quotetrace-bench-statements"))
        truth = read_truth(path)
        check("generator wrote every quote", len(truth) == n, f"({len(truth)})")
        again = os.path.join(tmp, "again.jsonl")
        with open(again, "w") as out:
            subprocess.run([sys.executable, GENERATOR, "--quotes", str(n), "--quiet"], stdout=out,
                           check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
        with open(path, "rb") as a, open(again, "rb") as b:
            check("same seed, same bytes (another hash seed)", a.read() == b.read())

        for name, fake, want in (
                ("truth as prediction", "truth", lambda p, r: p == 1.0 and r == 1.0),
                ("every quote alone", "alone", lambda p, r: p == 1.0 and r < 0.5),
                ("one statement for all (R < 1 only by splices)", "all", lambda p, r: r > 0.99 and p < 0.05),
                ("first base only (splices lose one)", "first", lambda p, r: p == 1.0 and 0.9 < r < 1.0)):
            out = os.path.join(tmp, f"{fake}.jsonl")
            fake_predictor(path, out, fake)
            pred = read_predictions(out, n)
            p, r, f, notes = bcubed(pred, truth)
            check(name, want(p, r), f"P {p:.4f} R {r:.4f} F1 {f:.4f} {'; '.join(notes)}")

    # the sampled path for pairs of multi-cluster items stays close to exact
    global PAIR_BUDGET
    rng = random.Random(3)
    truth = [[rng.randrange(1000)] for _ in range(6000)]
    pred = [["x", "y"] if rng.random() < 0.3 else [rng.choice("xyz")] for _ in range(6000)]
    exact = bcubed(pred, truth)
    saved, PAIR_BUDGET = PAIR_BUDGET, 100000
    approx = bcubed(pred, truth)
    PAIR_BUDGET = saved
    check("sampled pairs close to exact", approx[3] and abs(exact[0] - approx[0]) < 0.01
          and abs(exact[1] - approx[1]) < 0.01,
          f"P {exact[0]:.4f}/{approx[0]:.4f} R {exact[1]:.4f}/{approx[1]:.4f} ({'; '.join(approx[3])})")
    print(f"{'all passed' if not failures else f'{failures} failed'}")
    return 1 if failures else 0


def fake_predictor(path, out_path, how):
    """Stand-in for `quotetrace statements`: copies each record with a
    "statements" field made from its truth ("truth", "first"), alone or all in one."""
    with open(path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for k, line in enumerate(f):
            rec = json.loads(line)
            truth = [f"s{b}" for b in rec["truth"]]
            rec["statements"] = {"truth": truth, "first": truth[:1], "alone": [f"q{k}"], "all": ["one"]}[how]
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


# --- main -------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(TOP, "build", "src", "quotetrace"))
    ap.add_argument("--sizes", default="250000,500000,1000000", help="comma-separated numbers of quotes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", metavar="DIR", help="keep the inputs and the outputs in DIR")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "quotetrace-bench-statements"),
                    help="where generated inputs are cached")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--timeout", type=float, help="stop a run after this many seconds (and the larger sizes)")
    ap.add_argument("--self-test", action="store_true", help="check the scorer with fake predictors")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(self_test())
    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        ap.error(f"--sizes: not a list of numbers: {args.sizes}")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary}: not an executable (build with `ninja -C build`)")
    # CLI11 answers `X --help` for an unknown X with the main help and status 0
    probe = subprocess.run([args.binary, "--help"], capture_output=True, text=True)
    if not any(line.split()[:1] == ["statements"] for line in probe.stdout.splitlines()):
        sys.exit(f"{args.binary} has no `statements` subcommand yet (try --self-test)")
    rows = []
    stopped = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = cached_variants(n, args.seed, args.cache)
            out_dir = args.keep or tmp
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                kept = os.path.join(args.keep, os.path.basename(path))
                if not os.path.exists(kept):
                    shutil.copyfile(path, kept)
            out_path = os.path.join(out_dir, f"statements-{n}.jsonl")
            timed = run_statements(args.binary, path, out_path, args.timeout)
            if timed is None:
                print(f"{n} quotes: stopped after {args.timeout:.0f} s; larger sizes skipped", file=sys.stderr)
                stopped = n
                break
            wall, cpu, rss = timed
            truth = read_truth(path)
            pred = read_predictions(out_path, len(truth))
            start = time.perf_counter()
            p, r, f, notes = bcubed(pred, truth)
            n_pred, largest = cluster_stats(pred)
            n_true, _ = cluster_stats(truth)
            row = {"quotes": n, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(rss, 1),
                   "bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4), "f1": round(f, 4),
                   "predicted_statements": n_pred, "true_statements": n_true,
                   "largest_predicted": largest, "notes": notes}
            rows.append(row)
            print(f"{n} quotes: wall {wall:.1f} s, CPU {cpu:.1f} s, {rss:.0f} MB; "
                  f"{n_pred} statements for {n_true} true (largest {largest}); "
                  f"scored in {time.perf_counter() - start:.1f} s {'; '.join(notes)}", file=sys.stderr)
            if not args.keep:
                os.remove(out_path)
    print("| quotes | CPU s | peak RSS MB | B-cubed P | B-cubed R | F1 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['quotes']:,} | {row['cpu_s']:.2f} | {row['peak_rss_mb']:.1f} | "
              f"{row['bcubed_precision']:.3f} | {row['bcubed_recall']:.3f} | {row['f1']:.3f} |")
    if stopped:
        print(f"| {stopped:,} | > {args.timeout:.0f} (stopped) | | | | |")
    ratios = []
    for a, b in zip(rows, rows[1:]):
        ratio = b["cpu_s"] / a["cpu_s"] if a["cpu_s"] else float("inf")
        ratios.append({"from": a["quotes"], "to": b["quotes"], "cpu_ratio": round(ratio, 2)})
        print(f"{a['quotes']:,} -> {b['quotes']:,} quotes (x{b['quotes'] / a['quotes']:.2g}): CPU time x{ratio:.2f}")
    for row in rows:
        for note in row["notes"]:
            print(f"note ({row['quotes']:,}): {note}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"binary": args.binary, "seed": args.seed, "rows": rows, "ratios": ratios,
                       "stopped_at": stopped, "timeout_s": args.timeout}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
