#!/usr/bin/env python3
"""Readers while an ingest writes: `check`, `report` and `who-said` run in a
loop against the store during an ingest. Each must succeed (never
"database is locked"), `check` must find the store sound, and `report` must
show every article it lists whole (each with all the quotes the
uninterrupted run stored for it, never part of one). Prints how long the
ingest takes alone and with the readers, and the readers' latencies.

usage: readers_test.py QUOTETRACE SEEDS [--articles 600] [--seed 5] [--readers 2]
"""
import json
import os
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def timed_ingest(binary, corpus_dir, db):
    start = time.monotonic()
    p = subprocess.Popen([binary, "ingest", "--no-progress", corpus_dir, "--db", db],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p, start


def main():
    a = common.arguments(600, readers=2)
    t = common.Failures()
    print(f"seed {a.seed}: the seeds and {a.articles} generated articles; {a.readers} reader loops", flush=True)
    with common.scratch("qt_readers_") as work:
        corpus_dir = os.path.join(work, "corpus")
        common.corpus.generate(a.seeds, corpus_dir, a.articles, a.seed)
        clean = os.path.join(work, "clean.db")
        p, start = timed_ingest(a.binary, corpus_dir, clean)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        alone, alone_cpu = time.monotonic() - start, usage.ru_utime + usage.ru_stime
        t.check("the ingest alone exits 0", p.returncode == 0)
        spans = {name: sorted((q[3], q[4]) for q in d["quotes"]) for name, d in common.documents(clean).items()}

        db = os.path.join(work, "read.db")
        p, start = timed_ingest(a.binary, corpus_dir, db)
        while common.committed(db) == 0 and p.poll() is None:
            time.sleep(0.005)
        done = threading.Event()
        lock = threading.Lock()
        runs = {"check": [], "report": [], "who-said": []}
        failures = []
        seen_docs = []

        def reader(k):
            kinds = ["check", "report", "check", "report", "who-said"]  # who-said starts slowest (WordNet)
            i = k
            while not done.is_set():
                kind = kinds[i % len(kinds)]
                i += 1
                args = {"check": [a.binary, "check", "--db", db],
                        "report": [a.binary, "report", "--db", db, "--format", "json"],
                        "who-said": [a.binary, "who-said", "What happens in Europe matters for Asia", "--db", db,
                                     "--json"]}[kind]
                t0 = time.monotonic()
                r = common.run(args)
                took = time.monotonic() - t0
                problem = None
                if r.returncode != 0 or "locked" in r.stderr or "busy" in r.stderr:
                    problem = f"{kind} exit {r.returncode}: {r.stderr.strip()[-300:]}"
                elif kind == "check" and not r.stdout.startswith(f"{db}: ok"):
                    problem = f"check: {r.stdout[-400:]}"
                elif kind == "report":
                    got = {}
                    for s in json.loads(r.stdout)["statements"]:
                        for tl in s["tellings"]:
                            got.setdefault(tl["article"], set()).add((tl["start"], tl["end"]))
                    half = [n for n, sp in got.items() if sorted(sp) != spans.get(n)]
                    if half:
                        problem = f"report shows part of {half[:3]}"
                    with lock:
                        seen_docs.append(len(got))
                elif kind == "who-said":
                    json.loads(r.stdout)
                with lock:
                    runs[kind].append(took)
                    if problem:
                        failures.append(problem)

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(a.readers)]
        for th in threads:
            th.start()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        with_readers, with_cpu = time.monotonic() - start, usage.ru_utime + usage.ru_stime
        done.set()
        for th in threads:
            th.join()
        t.check("the ingest with readers exits 0", p.returncode == 0, p.stderr.read().decode(errors="replace"))
        n = sum(len(v) for v in runs.values())
        for f in failures[:5]:
            t.check("a reader during the ingest", False, f)
        t.check(f"every one of {n} reader runs succeeded and saw whole articles", not failures)
        t.check("each kind of reader ran during the ingest", all(runs.values()), str({k: len(v) for k, v in runs.items()}))
        t.check("the store after the ingest is the one the ingest alone gives", common.dump(db) == common.dump(clean))
        print(f"ingest alone: {alone:.2f} s wall, {alone_cpu:.2f} s CPU; with readers: {with_readers:.2f} s wall, "
              f"{with_cpu:.2f} s CPU (x{with_readers / alone:.2f} wall on this 2-core machine)")
        for kind, v in runs.items():
            if v:
                print(f"{kind}: {len(v)} runs during the ingest, median {statistics.median(v) * 1000:.0f} ms, "
                      f"max {max(v) * 1000:.0f} ms")
        print(f"reader runs {n}, failed {len(failures)} (database is locked: "
              f"{sum('locked' in f or 'busy' in f for f in failures)}); reports saw "
              f"{min(seen_docs, default=0)} to {max(seen_docs, default=0)} articles with quotes, each whole")
    t.finish()


if __name__ == "__main__":
    main()
