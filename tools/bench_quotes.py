#!/usr/bin/env python3
"""Benchmark `quotetrace quotes`: throughput (MB/s per core) and peak memory
on real news text, and how time grows when the input doubles.

usage: tools/bench_quotes.py [--source DIR] [--mb 100] [--binary build/src/quotetrace]

The corpus is built from the articles in DIR (default: PolNeAR train beside
the tree) repeated as JSONL records until it reaches the size asked for; the
same corpus is cut to half and a quarter of that to show the growth.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def articles(source):
    names = sorted(n for n in os.listdir(source) if n.endswith(".txt"))
    if not names:
        sys.exit(f"{source}: no .txt articles")
    for n in names:
        with open(os.path.join(source, n), encoding="utf-8", errors="replace") as f:
            yield n, f.read()


def build_corpus(source, path, target_bytes):
    docs = list(articles(source))
    written = 0
    rep = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target_bytes:
            for name, text in docs:
                line = json.dumps({"id": f"{rep}/{name}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                if written >= target_bytes:
                    break
            rep += 1
    return written


def run(binary, path, statements=True):
    """Wall and CPU seconds and peak resident memory (MB) of one run, each in
    its own child (through /usr/bin/time when present, so the peak is this
    run's own)."""
    timer = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None
    cmd = [binary, "quotes", "--no-progress", *([] if statements else ["--no-statements"]), path]
    if timer:
        cmd = [timer, "-f", "TIME %e %U %S %M", *cmd]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.run(cmd, stdout=devnull, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"quotetrace failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = after.ru_maxrss / 1024.0
    for line in proc.stderr.decode(errors="replace").splitlines():
        if line.startswith("TIME "):
            _, w, u, s, m = line.split()
            wall, cpu, rss = float(w), float(u) + float(s), int(m) / 1024.0
    return wall, cpu, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=os.path.join(TOP, "..", "shared", "eval", "polnear", "train", "text"))
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--binary", default=os.path.join(TOP, "build", "src", "quotetrace"))
    ap.add_argument("--no-statements", action="store_true", help="extraction alone, without statement matching")
    args = ap.parse_args()
    if not os.path.isdir(args.source):
        sys.exit(f"{args.source}: corpus folder not found (pass --source DIR of .txt articles)")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for frac in (0.25, 0.5, 1.0):
            path = os.path.join(tmp, f"corpus-{frac}.jsonl")
            size = build_corpus(args.source, path, int(args.mb * frac * 1e6))
            # peak memory is per process: measure each size in a fresh child
            wall, cpu, rss = run(args.binary, path, statements=not args.no_statements)
            rows.append((size, wall, cpu, rss))
            os.remove(path)
    print("| corpus MB | wall s | cpu s | MB/s per core | peak RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size, wall, cpu, rss in rows:
        print(f"| {size / 1e6:.1f} | {wall:.2f} | {cpu:.2f} | {size / 1e6 / cpu:.1f} | {rss:.1f} |")
    for (s1, _, c1, _), (s2, _, c2, _) in zip(rows, rows[1:]):
        print(f"doubling {s1 / 1e6:.0f} -> {s2 / 1e6:.0f} MB: time x{c2 / c1:.2f}")


if __name__ == "__main__":
    main()
