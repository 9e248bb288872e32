#!/usr/bin/env python3
"""Damaged and foreign store files given to every command that takes --db:
a store truncated at several points, bytes flipped in its header and in the
headers of its pages, a page zeroed, a text file, random bytes, an empty
file, another program's SQLite database, a store of a newer schema and a
directory. No command may crash (no signal, no uncaught exception); each
either stops with a message naming the file and a non-zero exit, or, for a
damaged page it never reads, answers from what is sound; `check` reads
everything and says CORRUPTED (exit 1) for a damaged store and "not a
quotetrace store" (exit 3) for a foreign file.

usage: corrupt_test.py QUOTETRACE SEEDS [--articles 40] [--seed 5]
"""
import os
import random
import shutil
import sqlite3
import sys
from contextlib import closing

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

PAGE = 4096


def commands(binary, db, corpus_dir):
    return {
        "ingest": [binary, "ingest", "--no-progress", corpus_dir, "--db", db],
        "check": [binary, "check", "--db", db],
        "report": [binary, "report", "--db", db, "--format", "json"],
        "dot": [binary, "dot", "--db", db],
        "who-said": [binary, "who-said", "What happens in Europe matters for Asia", "--db", db],
    }


def variants(good, rng, size):
    """name -> (kind, how to make the file from the good store): kind is
    'corrupt', 'foreign', 'newer' or 'directory'."""
    data = open(good, "rb").read()

    def flip(*offsets):
        b = bytearray(data)
        for o in offsets:
            b[o] ^= 0xFF
        return bytes(b)

    def zero_page(n):
        b = bytearray(data)
        b[n * PAGE:(n + 1) * PAGE] = bytes(PAGE)
        return bytes(b)

    pages = size // PAGE
    v = {}
    for cut in (50, 100, PAGE, PAGE + 1000, size // 2, size - PAGE, size - 100):
        v[f"truncated at {cut} bytes"] = ("corrupt", data[:cut])
    v["header magic flipped"] = ("corrupt", flip(3))
    v["header page size flipped"] = ("corrupt", flip(16))
    v["header read/write versions flipped"] = ("corrupt", flip(18, 19))
    v["header page count flipped"] = ("corrupt", flip(28, 29, 30, 31))
    v["schema page's b-tree header flipped"] = ("corrupt", flip(100))
    for n in sorted(rng.sample(range(1, pages), min(6, pages - 1))):
        v[f"page {n + 1}'s b-tree header flipped"] = ("corrupt", flip(n * PAGE))
        v[f"page {n + 1}'s cell pointers flipped"] = ("corrupt", flip(n * PAGE + 8, n * PAGE + 9, n * PAGE + 12))
    v[f"page {pages // 2 + 1} zeroed"] = ("corrupt", zero_page(pages // 2))
    # a letter of stored words changed: SQLite keeps no checksums, the rows' digests see it
    b = bytearray(data)
    at = data.index(b"What happens in Europe")
    b[at + 5:at + 12] = b"HAPPENS"
    v["a stored quote's words changed"] = ("altered", bytes(b))
    v["a text file"] = ("foreign", b"not a database, just notes that happen to end in .db\n" * 20)
    v["random bytes"] = ("foreign", bytes(rng.randrange(256) for _ in range(3 * PAGE)))
    v["an empty file"] = ("foreign", b"")
    v["another program's SQLite database"] = ("foreign", None)
    v["a store of a newer schema"] = ("newer", None)
    v["a directory"] = ("directory", None)
    return v


def make(path, name, kind, content, good):
    if kind == "directory":
        os.mkdir(path)
    elif name == "another program's SQLite database":
        with closing(sqlite3.connect(path)) as c:
            c.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
            c.execute("INSERT INTO notes(body) VALUES ('hello')")
            c.commit()
    elif kind == "newer":
        shutil.copy(good, path)
        with closing(sqlite3.connect(path)) as c:
            c.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
            c.commit()
    else:
        with open(path, "wb") as f:
            f.write(content)


def main():
    a = common.arguments(40)
    t = common.Failures()
    rng = random.Random(a.seed)
    with common.scratch("qt_corrupt_") as work:
        corpus_dir = os.path.join(work, "corpus")
        common.corpus.generate(a.seeds, corpus_dir, a.articles, a.seed)
        good = os.path.join(work, "good.db")
        r = common.run([a.binary, "ingest", "--no-progress", corpus_dir, "--db", good])
        t.check("the store to damage is written", r.returncode == 0, r.stderr)
        size = os.path.getsize(good)
        t.check("it was closed cleanly (no write-ahead log left)", not os.path.exists(good + "-wal"))
        print(f"seed {a.seed}: a store of {a.articles + 5} articles, {size} bytes ({size // PAGE} pages)")
        runs = crashes = errors = answered = 0
        for k, (name, (kind, content)) in enumerate(variants(good, rng, size).items()):
            for cmd, args in commands(a.binary, "", corpus_dir).items():
                path = os.path.join(work, f"v{k}_{cmd}.db")
                make(path, name, kind, content, good)
                args = [path if x == "" else x for x in args]
                try:
                    r = common.run(args, timeout=60)
                except Exception as e:  # a hang
                    t.check(f"{name}: {cmd} ends", False, str(e))
                    continue
                runs += 1
                out = r.stdout + r.stderr
                crashed = r.returncode < 0 or "terminate called" in out or "Aborted" in out
                crashes += crashed
                t.check(f"{name}: {cmd} does not crash", not crashed, f"exit {r.returncode}: {r.stderr[-300:]}")
                if kind == "altered":
                    if cmd == "check":
                        t.check(f"{name}: check finds it (exit 1)", r.returncode == 1 and "problem: " in r.stdout,
                                out[-400:])
                    else:
                        answered += r.returncode == 0
                    continue
                if r.returncode == 0:
                    # only a damaged page the command never read
                    answered += 1
                    t.check(f"{name}: {cmd} exits 0 only on a damaged store it could read",
                            kind == "corrupt" and cmd in ("who-said", "dot", "report"), out[-300:])
                    continue
                errors += 1
                if cmd == "check" and kind == "corrupt":
                    t.check(f"{name}: check says CORRUPTED (exit 1)",
                            r.returncode == 1 and r.stdout.startswith(f"{path}: CORRUPTED"), out[-400:])
                    continue
                t.check(f"{name}: {cmd} names the file in its error", path in r.stderr, r.stderr[-300:])
                want = {"corrupt": "[store.corrupt]", "foreign": "[store.foreign]", "newer": "[store.schema]",
                        "directory": "a directory"}[kind]
                t.check(f"{name}: {cmd} says why ({want})", want in r.stderr and r.returncode == 3, r.stderr[-300:])
                if kind == "foreign":
                    t.check(f"{name}: {cmd} says it is not a quotetrace store",
                            "not a quotetrace store" in r.stderr, r.stderr[-300:])
        print(f"damaged or foreign files: {len(variants(good, rng, size))} kinds x 5 commands = {runs} runs; "
              f"crashes {crashes}; refused with a message naming the file {errors}; "
              f"answered from the sound part {answered}")
    t.finish()


if __name__ == "__main__":
    main()
