#!/usr/bin/env python3
"""Learn the similarity calibration (data/similarity.yaml) from MSRP train pairs.

usage: tools/calibrate_similar.py [--binary build/src/quotetrace]
           [--train ../shared/eval/msrp/msr-para-train.tsv] [--out data/similarity.yaml]
           [--wordnet DIR] [--folds 5]

What it learns, all from the train file alone (it refuses a file named like a
validation or test split):
  1. rarity: the document frequency of every content stem over the train
     sentences (each string of each pair is one document), through
     `quotetrace similar --stems`;
  2. the credit of a WordNet synonym and of a one-pointer neighbour, chosen on
     a small grid by cross-validated accuracy;
  3. the logistic weights of the alignment features (`quotetrace similar
     --features`), fitted by L2-regularised Newton steps on standardised
     features, and the decision threshold that maximises the cross-validated
     (out-of-fold) accuracy.
Deterministic: folds are pair index modulo --folds; no randomness.
"""
import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
L2 = 1.0  # ridge on standardised weights (not on the bias)
# MSRP pairs all come from one story; quotes to cluster mostly do not. One
# unrelated pair of train strings per train pair, each counting this much in the
# fit, teaches it that little overlap means "not the same" (the cross-validated
# accuracy is still measured on the MSRP pairs alone).
UNRELATED_WEIGHT = 0.25


def read_labels(path):
    labels = []
    with open(path, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5:
                labels.append(1 if cols[0] == "1" else 0)
    return labels


def run(binary, train, calib, wordnet, *flags):
    cmd = [binary, "similar", "--pairs", train, "--calibration", calib, *flags]
    if wordnet:
        cmd += ["--wordnet", wordnet]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def write_yaml(path, cal, header=""):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write(f"threshold: {cal['threshold']:.6f}\n")
        f.write(f"bias: {cal['bias']:.6f}\n")
        f.write(f"synonym_credit: {cal['synonym_credit']}\n")
        f.write(f"related_credit: {cal['related_credit']}\n")
        f.write("weights:\n")
        for name, w in cal["weights"].items():
            f.write(f"  {name}: {w:.6f}\n")
        f.write("idf:\n")
        f.write(f"  documents: {cal['documents']}\n")
        f.write("  df: |\n" if cal["df"] else "  df:\n")
        for stem, n in cal["df"]:
            f.write(f"    {stem} {n}\n")


# --- logistic regression (pure Python: the machines have no numpy) ---------

def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c] != 0:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def standardise(rows):
    d = len(rows[0])
    mean = [sum(r[k] for r in rows) / len(rows) for k in range(d)]
    sd = [math.sqrt(sum((r[k] - mean[k]) ** 2 for r in rows) / len(rows)) or 1.0 for k in range(d)]
    return mean, sd


def fit(rows, ys, ws=None):
    """Weights for [1] + standardised features (rows weighted by ws); returns raw-space bias and weights."""
    ws = ws or [1.0] * len(rows)
    mean, sd = standardise(rows)
    xs = [[1.0] + [(r[k] - mean[k]) / sd[k] for k in range(len(r))] for r in rows]
    d = len(xs[0])
    w = [0.0] * d
    for _ in range(25):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y, sw in zip(xs, ys, ws):
            z = sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = sw * (p - y)
            s = sw * p * (1 - p)
            for i in range(d):
                grad[i] += g * x[i]
                xi_s = x[i] * s
                row = hess[i]
                for j in range(i, d):
                    row[j] += xi_s * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in range(1, d):
            grad[i] += L2 * w[i]
            hess[i][i] += L2
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < 1e-7:
            break
    weights = [w[k + 1] / sd[k] for k in range(len(mean))]
    bias = w[0] - sum(weights[k] * mean[k] for k in range(len(mean)))
    return bias, weights


def predict(bias, weights, row):
    z = bias + sum(w * x for w, x in zip(weights, row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def best_threshold(scores, ys):
    """The threshold with the highest accuracy, in the middle of its plateau."""
    ranked = sorted(zip(scores, ys), reverse=True)
    correct = sum(1 for y in ys if y == 0)
    best, best_i = correct, -1
    for i, (_, y) in enumerate(ranked):
        correct += 1 if y == 1 else -1
        if correct > best:
            best, best_i = correct, i
    if best_i < 0:
        return 1.0
    hi = ranked[best_i][0]
    lo = ranked[best_i + 1][0] if best_i + 1 < len(ranked) else 0.0
    return (hi + lo) / 2.0


def figures(scores, ys, t):
    tp = sum(1 for s, y in zip(scores, ys) if s >= t and y)
    fp = sum(1 for s, y in zip(scores, ys) if s >= t and not y)
    fn = sum(1 for s, y in zip(scores, ys) if s < t and y)
    acc = sum(1 for s, y in zip(scores, ys) if (s >= t) == bool(y)) / len(ys)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return acc, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(rows, ys, folds, extra=(), extra_weight=0.0):
    """Out-of-fold probabilities of rows; `extra` rows (unrelated pairs) join every training fold."""
    oof = [0.0] * len(rows)
    for k in range(folds):
        tr = [i for i in range(len(rows)) if i % folds != k]
        bias, weights = fit([rows[i] for i in tr] + list(extra), [ys[i] for i in tr] + [0] * len(extra),
                            [1.0] * len(tr) + [extra_weight] * len(extra))
        for i in range(len(rows)):
            if i % folds == k:
                oof[i] = predict(bias, weights, rows[i])
    return oof


def unrelated_pairs(train, path):
    """Unrelated pairs from the train file: string 1 of pair i with string 2 of a distant pair."""
    with open(train, encoding="utf-8-sig") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    rows = [r for r in rows if len(r) >= 5]
    n = len(rows)
    with open(path, "w", encoding="utf-8") as out:
        out.write("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n")
        for i, r in enumerate(rows):
            j = (i * 7919 + n // 2) % n
            if j == i:
                j = (i + 1) % n
            out.write(f"0\t{r[1]}\t{rows[j][2]}\t{r[3]}\t{rows[j][4]}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "src", "quotetrace"))
    ap.add_argument("--train", default=os.path.join(ROOT, "..", "shared", "eval", "msrp", "msr-para-train.tsv"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "similarity.yaml"))
    ap.add_argument("--wordnet", default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--features", default=None, help="comma-separated subset of features to use (default: all)")
    ap.add_argument("--unrelated-weight", type=float, default=UNRELATED_WEIGHT,
                    help="weight in the fit of each unrelated pair of train strings (0: none)")
    args = ap.parse_args()

    base = os.path.basename(args.train).lower()
    if "val" in base or "test" in base or "dev" in base:
        sys.exit(f"calibrate_similar: refusing to calibrate on {args.train}: train data only")
    labels = read_labels(args.train)

    with tempfile.TemporaryDirectory() as tmp:
        calib = os.path.join(tmp, "similarity.yaml")
        unrelated = os.path.join(tmp, "unrelated.tsv")
        unrelated_pairs(args.train, unrelated)
        blank = {"threshold": 0.5, "bias": 0.0, "synonym_credit": 0.8, "related_credit": 0.5, "weights": {},
                 "documents": 0, "df": []}
        write_yaml(calib, blank)

        # 1. rarity: sentences (strings) each stem occurs in
        recs = run(args.binary, args.train, calib, args.wordnet, "--stems")
        df = {}
        docs = 0
        for r in recs:
            for stems in r.get("stems", []):
                docs += 1
                for s in set(stems):
                    df[s] = df.get(s, 0) + 1
        kept = sorted((s, n) for s, n in df.items() if n >= 2)

        # 2. and 3. credits on a grid, weights and threshold by cross-validation
        best = None
        for syn in (0.6, 0.8, 1.0):
            for rel in (0.0, 0.3, 0.5):
                cal = dict(blank, synonym_credit=syn, related_credit=rel, documents=docs, df=kept)
                write_yaml(calib, cal)
                recs = run(args.binary, args.train, calib, args.wordnet, "--features")
                names = list(recs[0]["features"].keys())
                if args.features:
                    names = [n for n in names if n in args.features.split(",")]
                rows = [[r["features"][n] for n in names] for r in recs]
                rand = [[r["features"][n] for n in names]
                        for r in run(args.binary, unrelated, calib, args.wordnet, "--features")]
                extra = rand if args.unrelated_weight > 0 else []
                oof = cross_validate(rows, labels, args.folds, extra, args.unrelated_weight)
                t = best_threshold(oof, labels)
                acc, f1 = figures(oof, labels, t)
                print(f"synonym {syn} related {rel}: cross-validated accuracy {acc:.4f} F1 {f1:.4f}",
                      file=sys.stderr)
                if best is None or acc > best[0] + 1e-9:
                    best = (acc, f1, syn, rel, names, rows, rand, t)

        acc_cv, f1_cv, syn, rel, names, rows, rand, threshold = best
        extra = rand if args.unrelated_weight > 0 else []
        bias, weights = fit(rows + extra, labels + [0] * len(extra),
                            [1.0] * len(rows) + [args.unrelated_weight] * len(extra))
        scores = [predict(bias, weights, r) for r in rows]
        unrelated_same = sum(1 for r in rand if predict(bias, weights, r) >= threshold) / len(rand)
        acc_tr, f1_tr = figures(scores, labels, threshold)
        cal = dict(blank, synonym_credit=syn, related_credit=rel, documents=docs, df=kept, bias=bias,
                   threshold=threshold, weights=dict(zip(names, weights)))
        header = (
            "# The calibration of `quotetrace similar` and of statement matching.\n"
            "# Produced by tools/calibrate_similar.py from "
            f"{os.path.relpath(os.path.abspath(args.train), ROOT)}\n"
            f"# ({len(labels)} pairs, train split only) on {datetime.date.today().isoformat()}; "
            "do not edit by hand, re-run the tool.\n"
            f"# Fit on train: accuracy {acc_tr:.4f}, F1 {f1_tr:.4f}; {args.folds}-fold cross-validated: "
            f"accuracy {acc_cv:.4f}, F1 {f1_cv:.4f}.\n"
            f"# Unrelated pairs of train strings (one per pair, weight {args.unrelated_weight} in the fit) "
            f"judged the same: {unrelated_same:.2%}.\n"
            "# score = 1 / (1 + exp(-(bias + sum of weight * feature))); same statement when score >= threshold.\n"
            "# idf.df: in how many of the train strings each content stem occurs (stems seen twice or more).\n"
        )
        write_yaml(args.out, cal, header)
    print(f"calibrate_similar: wrote {args.out}: synonym {syn}, related {rel}, threshold {threshold:.4f}; "
          f"train accuracy {acc_tr:.4f} F1 {f1_tr:.4f}, cross-validated accuracy {acc_cv:.4f} F1 {f1_cv:.4f}; "
          f"unrelated pairs judged the same {unrelated_same:.2%}")


if __name__ == "__main__":
    main()
