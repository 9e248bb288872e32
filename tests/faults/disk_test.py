#!/usr/bin/env python3
"""A store that runs out of space in the middle of an ingest: a file size
limit (RLIMIT_FSIZE, as `prlimit --fsize` sets it) at several sizes, and,
when this process may mount one, a small tmpfs that fills up. Each time
`ingest` must exit non-zero with a message naming the store and the article
it was writing, keep every committed article whole, `check` must pass, and
once there is space again a new ingest must end with the store an
uninterrupted run gives.

usage: disk_test.py QUOTETRACE SEEDS [--articles 300] [--seed 5]
"""
import os
import re
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def ingest(binary, corpus_dir, db, fsize=None):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return common.run([binary, "ingest", "--no-progress", corpus_dir, "--db", db],
                      preexec_fn=limit if fsize else None)


def full_then_space(t, a, name, corpus_dir, db, order, reference, reference_dump, run_full, make_room):
    """One out-of-space run and its aftermath; returns articles kept."""
    r = run_full()
    t.check(f"{name}: ingest exits non-zero, not by a signal", r.returncode > 0, f"exit {r.returncode}")
    m = re.search(r"error \[store\.full\] (\S+): cannot write (\S+): (.*)", r.stderr)
    t.check(f"{name}: the message says the store is out of space, naming it and the article", bool(m)
            and m.group(1) == db and m.group(2) in order, r.stderr.strip())
    print(f"  {name}: {r.stderr.strip()}")
    code, first, out = common.check_store(a.binary, db)
    t.check(f"{name}: check finds the store sound afterwards", code == 0 and first.endswith(": ok"), out)
    n, doubled, half, problems = common.compare_with_reference(db, reference, order)
    t.check(f"{name}: every committed article is whole, none doubled", not problems, "; ".join(problems[:3]))
    if m and m.group(2) in order:
        t.check(f"{name}: the article being written is not stored, those before it are",
                order.index(m.group(2)) == n, f"{n} stored, writing {order.index(m.group(2))}")
    print(f"  {name}: {n} of {len(order)} articles stored when space ran out")
    make_room()
    r = common.run([a.binary, "ingest", "--no-progress", corpus_dir, "--db", db])
    t.check(f"{name}: with space again, a new ingest exits 0", r.returncode == 0, r.stderr)
    t.check(f"{name}: ... and the store is the uninterrupted run's", common.dump(db) == reference_dump)
    return n


def main():
    a = common.arguments(300)
    t = common.Failures()
    print(f"seed {a.seed}: the seeds and {a.articles} generated articles", flush=True)
    with common.scratch("qt_disk_") as work:
        corpus_dir = os.path.join(work, "corpus")
        order = common.corpus.generate(a.seeds, corpus_dir, a.articles, a.seed)
        clean = os.path.join(work, "clean.db")
        r = ingest(a.binary, corpus_dir, clean)
        t.check("the uninterrupted ingest exits 0", r.returncode == 0, r.stderr)
        reference = common.documents(clean)
        reference_dump = common.dump(clean)
        size = os.path.getsize(clean)
        print(f"uninterrupted store: {len(order)} articles, {size} bytes", flush=True)

        runs = 0
        for fraction in (0.25, 0.5, 0.9):
            limit = int(size * fraction)
            db = os.path.join(work, f"limit{limit}.db")
            full_then_space(t, a, f"file size limit {limit} bytes", corpus_dir, db, order, reference, reference_dump,
                            lambda: ingest(a.binary, corpus_dir, db, limit), lambda: None)
            runs += 1
        # a limit so small the store cannot even be created
        db = os.path.join(work, "tiny.db")
        r = ingest(a.binary, corpus_dir, db, 2048)
        t.check("a store that cannot be created: exit non-zero, not by a signal", r.returncode > 0,
                f"exit {r.returncode}")
        t.check("... the message names the store and says it is out of space",
                "[store.full]" in r.stderr and db in r.stderr, r.stderr.strip())
        t.check("... and leaves no file that is half a store", not os.path.exists(db))
        print(f"  file size limit 2048 bytes: {r.stderr.strip()}")

        mnt = os.path.join(work, "tmpfs")
        os.mkdir(mnt)
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size // 2}", "tmpfs", mnt], capture_output=True).returncode == 0
        if mounted:
            try:
                db = os.path.join(mnt, "q.db")
                full_then_space(t, a, f"tmpfs of {size // 2} bytes", corpus_dir, db, order, reference, reference_dump,
                                lambda: ingest(a.binary, corpus_dir, db),
                                lambda: subprocess.run(["mount", "-o", "remount,size=64m", mnt], check=True))
                runs += 1
            finally:
                subprocess.run(["umount", mnt])
        else:
            print("skip the full tmpfs: this process may not mount one (it needs root); the file size limit stands for it")
        print(f"out-of-space runs: {runs}, each with its store sound, nothing lost or doubled, and completed once space was back")
    t.finish()


if __name__ == "__main__":
    main()
