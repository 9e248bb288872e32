#!/usr/bin/env python3
"""Kills `quotetrace ingest` with SIGKILL at random moments, and inside its
write transactions at random rows, then checks the store each time: `check`
finds it sound, every document committed before the kill (as a reader saw
just before it) is still there, once, whole and as the uninterrupted run
wrote it; a last ingest gives the uninterrupted run's store exactly.

usage: kill_test.py QUOTETRACE SEEDS [--kills 50] [--row-kills 20] [--articles 200] [--seed 5]
"""
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def ingest(binary, corpus_dir, db, env=None):
    return subprocess.Popen([binary, "ingest", "--no-progress", corpus_dir, "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def prefix_dir(corpus_dir, order, k, work):
    """A folder holding the first k articles of the corpus (links)."""
    d = os.path.join(work, f"first{k}")
    if not os.path.isdir(d):
        os.mkdir(d)
        for name in order[:k]:
            os.link(os.path.join(corpus_dir, name), os.path.join(d, name))
    return d


def stepwise(binary, corpus_dir, order, steps, db, work):
    """Ingests the first k articles for each k of `steps`, then all: the
    store that clean stops at those points give."""
    for k in steps:
        common.run([binary, "ingest", "--no-progress", prefix_dir(corpus_dir, order, k, work), "--db", db])
    return common.run([binary, "ingest", "--no-progress", corpus_dir, "--db", db])


def remove_store(db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def main():
    a = common.arguments(200, kills=50, row_kills=20)
    t = common.Failures()
    rng = random.Random(a.seed)
    print(f"seed {a.seed}: {a.kills} kills at random moments, {a.row_kills} at random rows, "
          f"corpus of the seeds and {a.articles} generated articles", flush=True)
    with common.scratch("qt_kill_") as work:
        corpus_dir = os.path.join(work, "corpus")
        order = common.corpus.generate(a.seeds, corpus_dir, a.articles, a.seed)
        clean = os.path.join(work, "clean.db")
        start = time.monotonic()
        p = ingest(a.binary, corpus_dir, clean)
        first_commit = None
        while p.poll() is None:
            if first_commit is None and common.committed(clean) > 0:
                first_commit = time.monotonic() - start
            time.sleep(0.01)
        whole = time.monotonic() - start
        t.check("the uninterrupted ingest exits 0", p.returncode == 0, p.stderr.read().decode(errors="replace"))
        first_commit = first_commit or 0.0
        print(f"uninterrupted ingest: {len(order)} documents in {whole:.2f} s (first commit after {first_commit:.2f} s)",
              flush=True)
        reference = common.documents(clean)
        reference_dump = common.dump(clean)
        # one run and a run in steps give the same store: resuming restores
        # the statement index and the speaker registry as the run left them
        quarters = [len(order) * k // 4 for k in (1, 2, 3)]
        for steps, what in ((quarters, f"after {quarters} articles"),
                            (list(range(7, len(order), 7)), "every 7 articles")):
            steps_db = os.path.join(work, f"steps{len(steps)}.db")
            r = stepwise(a.binary, corpus_dir, order, steps, steps_db, work)
            stepped = common.dump(steps_db)
            different = len(set(stepped) ^ set(reference_dump))
            t.check(f"an ingest in steps (stopping {what}) gives the one-run store ({different} dump lines differ)",
                    r.returncode == 0 and stepped == reference_dump)

        db = os.path.join(work, "killed.db")
        stats = {"kills": 0, "sound": 0, "checked": 0, "lost": 0, "doubled": 0, "half": 0, "finished": 0,
                 "row_kills": 0, "fresh": 0}

        def after_kill(proc, seen, how):
            status = proc.wait()
            if status == 0:
                # it finished before the kill: start again from nothing
                stats["finished"] += 1
                remove_store(db)
                stops.clear()
                return
            stats["row_kills" if how == "row" else "kills"] += 1
            t_ok = status == -signal.SIGKILL
            if not t_ok:
                t.check(f"{how} kill: ingest ended by SIGKILL", False, f"exit {status}: "
                        + proc.stderr.read().decode(errors="replace"))
            if not os.path.exists(db):
                stats["fresh"] += 1  # killed before the new store appeared: nothing to check
                stats["sound"] += 1
                return
            code, first, out = common.check_store(a.binary, db)
            if code == 0 and first.endswith(": ok"):
                stats["sound"] += 1
            else:
                t.check(f"{how} kill {stats['kills'] + stats['row_kills']}: check finds the store sound", False, out)
            n, doubled, half, problems = common.compare_with_reference(db, reference, order)
            stops.append(n)
            stats["checked"] += n
            stats["doubled"] += doubled
            stats["half"] += half
            if n < seen:
                stats["lost"] += seen - n
                problems.append(f"{seen} documents committed before the kill, {n} after it")
            for pr in problems[:5]:
                t.check(f"{how} kill: the store holds what was committed", False, pr)

        stops = []  # documents stored at each kill since the store was new
        remaining = len(order)
        for _ in range(3 * a.kills):
            if stats["kills"] >= a.kills:
                break
            # a moment in what is left of the work: start-up, then the writes
            left = first_commit + (whole - first_commit) * remaining / len(order)
            delay = rng.uniform(0.0, max(left, 0.05))
            proc = ingest(a.binary, corpus_dir, db)
            time.sleep(delay)
            seen = common.committed(db)
            proc.send_signal(signal.SIGKILL)
            after_kill(proc, seen, "random")
            remaining = len(order) - common.committed(db)
        rows_written = 8 * len(order)
        for _ in range(a.row_kills):
            before = common.committed(db)
            if before == len(order):
                remove_store(db)
                stops.clear()
            env = dict(os.environ, QUOTETRACE_KILL_AFTER_ROWS=str(rng.randint(1, rows_written // 4)))
            proc = ingest(a.binary, corpus_dir, db, env)
            after_kill(proc, common.committed(db) if os.path.exists(db) else 0, "row")

        r = common.run([a.binary, "ingest", "--no-progress", corpus_dir, "--db", db])
        t.check("a last ingest after the kills exits 0", r.returncode == 0, r.stderr)
        code, first, out = common.check_store(a.binary, db)
        t.check("check finds the final store sound", code == 0 and first.endswith(": ok"), out)
        final = common.dump(db)
        # the same stops, without kills
        replay = os.path.join(work, "replay.db")
        stepwise(a.binary, corpus_dir, order, sorted(set(k for k in stops if 0 < k < len(order))), replay, work)
        t.check(f"the final store equals the one clean stops at the same {len(stops)} points give (canonical dump)",
                final == common.dump(replay))
        same = final == reference_dump
        differing = len(set(final) ^ set(reference_dump))
        if not same:
            print("differences from the one-run store:",
                  *sorted(set(final) ^ set(reference_dump))[:4], sep="\n  ")
        kills = stats["kills"] + stats["row_kills"]
        print(f"kills survived: {kills} ({stats['kills']} at random moments, {stats['row_kills']} inside a write; "
              f"{stats['finished']} runs finished before their kill, {stats['fresh']} kills before the store existed)")
        print(f"check sound after {stats['sound']} of {kills} kills; articles checked {stats['checked']}; "
              f"lost {stats['lost']}, doubled {stats['doubled']}, half {stats['half']}")
        print(f"final store: {len(reference)} documents, {len(reference_dump)} dump lines; identical to the one-run "
              f"store: {same} ({differing} lines differ)")
        t.check(f"at least {a.kills} kills at random moments", stats["kills"] >= a.kills,
                f"{stats['kills']} (the others finished first)")
        t.check("check found every killed store sound", stats["sound"] == kills)
        t.check("nothing lost, doubled or half", stats["lost"] == stats["doubled"] == stats["half"] == 0)
    t.finish()


if __name__ == "__main__":
    main()
