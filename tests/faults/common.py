"""Shared by the fault tests: running quotetrace, reading a store directly
(read-only, never creating a file), a canonical dump of a store, and the
check of a store against the uninterrupted one, document by document."""
import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402  (beside this file)


class Failures:
    """ok/FAIL lines and a count, as the CLI tests print them."""

    def __init__(self):
        self.failed = 0

    def check(self, name, condition, detail=""):
        print(("ok   " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"),
              flush=True)
        if not condition:
            self.failed += 1
        return condition

    def finish(self):
        print(f"{self.failed} failed", flush=True)
        sys.exit(1 if self.failed else 0)


def arguments(articles, **extra):
    """QUOTETRACE SEEDS [--articles N] [--seed S], and integer options given
    as name=default (row_kills=25 is --row-kills)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("seeds")
    ap.add_argument("--articles", type=int, default=articles)
    ap.add_argument("--seed", type=int, default=5)
    for name, default in extra.items():
        ap.add_argument("--" + name.replace("_", "-"), type=int, default=default)
    return ap.parse_args()


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, errors="replace", **kw)


def scratch(prefix):
    return tempfile.TemporaryDirectory(prefix=prefix)


def connect(db):
    """A read-only connection: it never creates the file."""
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def committed(db):
    """How many documents a store holds, or 0 when there is no store yet."""
    if not os.path.exists(db):
        return 0
    try:
        with closing(connect(db)) as c:
            return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # created but still without its tables


def documents(db):
    """name -> (hash, quote rows, citations, credits): what each stored
    document holds, in a form that does not depend on row ids."""
    out = {}
    with closing(connect(db)) as c:
        ids = {}
        for i, name, h, outlet, published, n in c.execute(
                "SELECT id, name, hash, outlet, published, quote_count FROM documents ORDER BY id"):
            if name in out:
                out[name] = None  # stored twice
                continue
            ids[i] = name
            out[name] = {"hash": h, "outlet": outlet, "published": published, "quote_count": n,
                         "quotes": [], "citations": [], "credits": []}
        for row in c.execute(
                "SELECT q.document, q.seq, q.kind, q.text, q.start, q.end, coalesce(s.name, ''), q.mention, q.cue, "
                "q.rule, q.confidence, q.stems, q.said, q.said_words, q.indexed, q.kept, hex(q.restore_keys) FROM quotes q "
                "LEFT JOIN speakers s ON s.id = q.speaker ORDER BY q.document, q.seq"):
            if row[0] in ids and out[ids[row[0]]] is not None:
                out[ids[row[0]]]["quotes"].append(row[1:])
        for row in c.execute("SELECT document, source, start, end, rule FROM citations ORDER BY id"):
            if row[0] in ids and out[ids[row[0]]] is not None:
                out[ids[row[0]]]["citations"].append(row[1:])
        for row in c.execute("SELECT document, name FROM credits ORDER BY rowid"):
            if row[0] in ids and out[ids[row[0]]] is not None:
                out[ids[row[0]]]["credits"].append(row[1])
    return out


def dump(db):
    """The whole store as sorted text lines, without row ids: documents with
    their quotes, each quote's statements, statements with speaker and
    merge, citations, credits, the names and titles the speaker registry
    learnt from each document and the who-said index's vocabulary."""
    lines = []
    with closing(connect(db)) as c:
        for name, d in sorted(documents(db).items()):
            lines.append(f"document {name} {d['hash']} {d['outlet']!r} {d['published']!r} {d['quote_count']}")
            lines += [f"  quote {q!r}" for q in d["quotes"]]
            lines += [f"  cites {x!r}" for x in d["citations"]]
            lines += [f"  credit {x!r}" for x in d["credits"]]
        for row in c.execute(
                "SELECT d.name, q.seq, m.statement, m.sentence FROM quote_statements m JOIN quotes q ON q.id = m.quote "
                "JOIN documents d ON d.id = q.document ORDER BY 1, 2, 3"):
            lines.append(f"member {row!r}")
        for row in c.execute(
                "SELECT st.id, coalesce(sp.name, ''), coalesce(st.merged_into, 0) FROM statements st "
                "LEFT JOIN speakers sp ON sp.id = st.speaker ORDER BY st.id"):
            lines.append(f"statement {row!r}")
        lines += [f"speaker {n!r}" for (n,) in c.execute("SELECT name FROM speakers ORDER BY name")]
        lines += [f"learned {row!r}" for row in c.execute(
            "SELECT d.name, l.name, l.title FROM learned l JOIN documents d ON d.id = l.document ORDER BY l.id")]
        lines += [f"term {t!r} {n}" for t, n in c.execute("SELECT term, doc FROM quote_terms_vocab ORDER BY term")]
    return lines


def compare_with_reference(db, reference, order):
    """Checks a store against the uninterrupted one: every stored document is
    one of the reference's, once, with all its quotes, citations and credits
    exactly; the stored ones are the first of `order` (ingest goes in name
    order). Returns (documents checked, doubled, half, problems)."""
    got = documents(db)
    doubled = sum(1 for d in got.values() if d is None)
    half, problems = 0, []
    for name, d in got.items():
        if d is None:
            problems.append(f"{name} stored twice")
            continue
        ref = reference.get(name)
        if ref is None:
            problems.append(f"{name} is not in the corpus")
        elif d != ref:
            half += 1
            problems.append(f"{name}: {len(d['quotes'])} quotes stored, {len(ref['quotes'])} in the clean run"
                            if len(d["quotes"]) != len(ref["quotes"]) else f"{name} differs from the clean run")
    prefix = set(order[:len(got)])
    if set(got) != prefix:
        problems.append(f"the stored documents are not the first {len(got)} of the ingest order")
    return len(got), doubled, half, problems


def check_store(binary, db):
    """Runs `quotetrace check`; returns (exit status, first line, output)."""
    r = run([binary, "check", "--db", db])
    first = r.stdout.split("\n", 1)[0]
    return r.returncode, first, r.stdout + r.stderr
