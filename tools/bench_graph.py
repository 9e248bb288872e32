#!/usr/bin/env python3
"""Benchmark the provenance graph, the who-said index and the store at scale.

usage: tools/bench_graph.py [--statements 1000000] [--sample 20000]
           [--max-per-statement N] [--db-statements N] [--reuse-db] [--queries 2000]
           [--cold 30] [--keep DIR] [--json FILE] [--answers FILE] [--distinct-stems]
           [--threads N]

tools/gen_variants.py writes --sample quotes with their true statements
(cached in --keep, keyed by the generator's bytes and the sample size);
build/tools/bench_graph repeats them with fresh statement numbers until the
graph holds --statements statements, and reports graph and index build time,
bytes and resident memory, and who-said latency in process (p50 / p99) for
phrases of 5 to 10 words taken from stored quotes and for as many words drawn
from different quotes (which nobody said). With --db-statements N > 0 it also
writes a store of N statements, and times a cold `quotetrace who-said --db`
(a new process per question, start-up included) --cold times, wall and CPU
(user and system, from the child's resource usage). Writing a 1M-statement
store takes minutes: --reuse-db keeps the one an earlier run left in --keep
and times only the cold questions (--statements 0 skips the in-process part).
--answers FILE writes every in-process question with its answers, one a line,
and the cold questions' answers to FILE.cold, so two builds can be compared.
--distinct-stems gives each repetition of the sample a stem of its own, so
that no two quotes of different repetitions hold the same stems (in process
only). --threads N builds the graph with N threads (0, the default: one a
core).
"""
import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def sample_file(keep, quotes, source):
    with open(os.path.join(HERE, "gen_variants.py"), "rb") as f:
        key = hashlib.sha256(f.read()).hexdigest()[:12]
    path = os.path.join(keep, f"variants-{quotes}-{key}.jsonl")
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_variants.py"), "--quotes", str(quotes),
                            "--source", source, "--quiet"], stdout=out, check=True)
        os.replace(path + ".tmp", path)
    return path


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] if values else 0.0


def timed(command, check=False):
    """Runs command without output; returns its wall and CPU (user + system) milliseconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--statements", type=int, default=1000000)
    ap.add_argument("--sample", type=int, default=20000)
    ap.add_argument("--max-per-statement", type=int, default=0)
    ap.add_argument("--db-statements", type=int, default=0)
    ap.add_argument("--reuse-db", action="store_true")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--cold", type=int, default=30)
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--source", default=os.path.join(TOP, "..", "shared"))
    ap.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "quotetrace-bench"))
    ap.add_argument("--json", help="write the figures here too")
    ap.add_argument("--answers", help="write the questions and their answers here (and to FILE.cold)")
    ap.add_argument("--distinct-stems", action="store_true", help="no two repetitions of a quote hold the same stems")
    ap.add_argument("--threads", type=int, default=0, help="threads that build the graph (0: one a core)")
    args = ap.parse_args()
    os.makedirs(args.keep, exist_ok=True)
    bench = os.path.join(args.build, "tools", "bench_graph")
    binary = os.path.join(args.build, "src", "quotetrace")
    for exe in (bench, binary):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_graph.py: {exe} is missing; build first (bash tools/setup.sh)")
    sample = sample_file(args.keep, args.sample, args.source)
    extra = ["--max-per-statement", str(args.max_per_statement)] if args.max_per_statement else []
    answers = ["--answers", args.answers] if args.answers else []
    answers += ["--distinct-stems"] if args.distinct_stems else []
    answers += ["--threads", str(args.threads)] if args.threads else []
    figures = {}
    if args.statements:
        run = subprocess.run([bench, sample, "--statements", str(args.statements), "--queries", str(args.queries)]
                             + extra + answers, capture_output=True, text=True, check=True)
        figures["in_process"] = json.loads(run.stdout)
    if args.db_statements:
        db = os.path.join(args.keep, f"bench-{args.db_statements}.db")
        if not (args.reuse_db and os.path.exists(db)):
            run = subprocess.run([bench, sample, "--statements", str(args.db_statements), "--queries", "0", "--db", db]
                                 + extra, capture_output=True, text=True, check=True)
            figures["store"] = json.loads(run.stdout)
        rng = random.Random(3)
        texts = [json.loads(line)["text"] for line in open(sample, encoding="utf-8")]
        times, cpu, questions = [], [], []
        for _ in range(args.cold):
            words = rng.choice(texts).split()
            n = min(len(words), rng.randint(5, 10))
            at = rng.randint(0, len(words) - n)
            questions.append(" ".join(words[at:at + n]))
            wall, used = timed([binary, "who-said", questions[-1], "--db", db, "--json"], check=True)
            times.append(wall)
            cpu.append(used)
        if args.answers:
            with open(args.answers + ".cold", "w") as out:
                for q in questions:
                    out.write(subprocess.run([binary, "who-said", q, "--db", db, "--json"], capture_output=True,
                                             text=True).stdout)
        empty = os.path.join(args.keep, "empty.db")
        if os.path.exists(empty):
            os.remove(empty)
        subprocess.run([binary, "ingest", os.devnull, "--db", empty], capture_output=True)
        start_up = [timed([binary, "who-said", "nothing at all here", "--db", empty]) for _ in range(5)]
        figures["cold_cli"] = {"db_mb": os.path.getsize(db) / 1e6, "p50_ms": percentile(times, 0.5),
                               "p99_ms": percentile(times, 0.99), "cpu_p50_ms": percentile(cpu, 0.5),
                               "cpu_p99_ms": percentile(cpu, 0.99),
                               "start_up_ms": percentile([w for w, _ in start_up], 0.5),
                               "start_up_cpu_ms": percentile([c for _, c in start_up], 0.5)}
    print(json.dumps(figures, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=2)


if __name__ == "__main__":
    main()
