"""Adversarial inputs, one test each: quotetrace QUOTETRACE [--full]

Each hostile input is written (by corpus.py) into a fresh folder beside an
ordinary seed article. `quotes` on the folder must not crash, must name the
hostile input and the place in a diagnostic with the expected code, must say
in its exit status that something was skipped or repaired, must stay within
time and memory bounds, and must still give every quote of the seed.
Some cases also go through `ingest`, `check` and `report`. Lexicons with
wrong types must be a set-up error naming the file, never a crash.
Sizes here keep the suite to about a minute; --full uses the sizes the cases
are named after (1 GB, a million files: minutes and gigabytes of disk).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
from checking import Checks  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
SEED = os.path.join(ROOT, 'seeds', '002_e386a2f4b144bfe4.txt')

# name -> (size, extra options, seconds allowed, peak RSS allowed in MB)
CI = {
    'invalid_utf8': (20000, [], 20, 200),
    'nul_bytes': (20000, [], 20, 200),
    'long_line': (8 << 20, [], 30, 400),
    'unbalanced_quotes': (100000, [], 20, 200),
    'straight_quotes': (100000, [], 20, 200),
    'nested_quotes': (10000, [], 20, 200),
    'many_quotes': (30000, ['--max-quotes', '20000'], 30, 200),
    'deep_html': (100000, [], 30, 300),
    'big_file': (96 << 20, ['--max-document-bytes', str(8 << 20)], 60, 250),
    'empty_file': (0, [], 10, 100),
    'many_files': (5000, [], 60, 200),
    'jsonl_long_line': (24 << 20, ['--max-document-bytes', str(4 << 20)], 30, 250),
    'deep_json': (100000, [], 20, 200),
}
FULL = {
    'long_line': (50 << 20, ['--max-quotes', '1000000'], 300, 2000),
    'big_file': (1 << 30, [], 300, 1200),
    'many_files': (1000000, [], 3600, 2000),
    'jsonl_long_line': (100 << 20, [], 300, 2000),
}
# cases that also go through ingest, check and report (which match
# statements, so their inputs are smaller): name -> (size, extra options)
STORE_CASES = {
    'invalid_utf8': (500, []),
    'nul_bytes': (500, []),
    'empty_file': (0, []),
    'unbalanced_quotes': (100000, []),
    'deep_html': (100000, []),
    'jsonl_long_line': (1 << 20, ['--max-document-bytes', str(100 << 10)]),
}

check = Checks()
# --sanitized (the ASan and UBSan build): the code runs 2-4 times slower and
# the sanitizers' shadow memory and quarantine fill the RSS, so time limits
# grow by SLOWER and the memory bounds, which measure the release build, are
# not checked.
SANITIZED = '--sanitized' in sys.argv
SLOWER = 4 if SANITIZED else 1


# Runs argv[1:] from a small process (a child's peak RSS counts its parent's
# at the fork), passes its exit status on and adds its peak RSS to stderr.
MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write('peak-rss-kb %d\\n' % usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status) & 0xff if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
"""


def run(cmd, timeout, keep=None):
    """Runs cmd; returns (exit status, stdout, stderr, seconds, peak RSS in MB).
    With `keep`, stdout is not returned whole: keep(line) is called for each
    line and stdout is the number of lines (this process stays small, as a
    child's peak RSS counts the parent's at the fork)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen([sys.executable, '-c', MEASURE] + cmd, stdout=out, stderr=err)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        secs = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        if keep is None:
            stdout = out.read()
        else:
            stdout = 0
            for line in out:
                stdout += 1
                keep(line)
        text = err.read().decode('utf-8', 'replace')
        rest, _, peak = text.rstrip('\n').rpartition('\n')
        if not peak.startswith('peak-rss-kb '):
            return p.returncode, stdout, text, secs, 0.0
        return p.returncode, stdout, rest + '\n' if rest else '', secs, int(peak.split()[1]) / 1024


def seed_quotes(exe):
    rc, out, err, _, _ = run([exe, 'quotes', '--no-statements', '--no-progress', SEED], 60)
    assert rc == 0, err
    return [json.loads(line)['text'] for line in out.splitlines()]


def quotes_case(exe, name, size, extra, seconds, mb, expected):
    writer, code, flagged = corpus.CASES[name]
    with tempfile.TemporaryDirectory(prefix='qt-adv-') as d:
        t0 = time.monotonic()
        hostile = writer(d, size)
        made = time.monotonic() - t0
        shutil.copy(SEED, os.path.join(d, 'zz_seed.txt'))
        seed = []

        def keep(line):
            if b'"doc":"zz_seed.txt"' in line:
                seed.append(json.loads(line)['text'])
        rc, count, err, secs, peak = run([exe, 'quotes', '--no-statements', '--no-progress'] + extra + [d],
                                         seconds * 3 * SLOWER, keep)
        label = '%s (%s): ' % (name, size)
        print('     %s written in %.1f s; quotes took %.2f s, peak RSS %.0f MB, %d quotes'
              % (label, made, secs, peak, count))
        check(rc in (0, 1), label + 'no crash (exit %d)' % rc)
        check(rc == (1 if flagged else 0), label + 'exit status %d says %s' % (rc, 'something was skipped or repaired' if flagged else 'all read'))
        if code:
            pattern = re.escape(hostile) + r'(:\d+)?(@\d+|:\d+)?: warning \[' + re.escape(code) + r'\]'
            check(re.search(pattern, err) is not None, label + 'stderr names the input, the place and [%s]' % code)
        else:
            check('warning' not in err and 'error' not in err, label + 'no warning: ' + err[:200])
        check(seed == expected, label + 'the seed beside it gives all its %d quotes' % len(expected))
        check(secs <= seconds * SLOWER, label + 'within %d s' % (seconds * SLOWER))
        if not SANITIZED:
            check(peak <= mb, label + 'peak RSS within %d MB' % mb)


def store_case(exe, name, size, extra):
    writer, code, flagged = corpus.CASES[name]
    label = '%s (%s) in a store: ' % (name, size)
    with tempfile.TemporaryDirectory(prefix='qt-adv-') as d:
        writer(d, size)
        shutil.copy(SEED, os.path.join(d, 'zz_seed.txt'))
        db = os.path.join(tempfile.mkdtemp(dir=d), 'store.db')
        rc, _, err, secs, peak = run([exe, 'ingest', '--no-progress', '--db', db] + extra + [d], 300)
        print('     %singest took %.2f s, peak RSS %.0f MB' % (label, secs, peak))
        check(rc == (1 if flagged else 0), label + 'ingest exit status %d' % rc)
        if code:
            check('[%s]' % code in err, label + 'ingest says [%s]' % code)
        stored(exe, db, label)


def stored(exe, db, label):
    rc, out, err, _, _ = run([exe, 'check', '--db', db], 120)
    check(rc == 0, label + 'check finds the store sound')
    rc, out, err, _, _ = run([exe, 'report', '--db', db, '--format', 'json'], 120)
    articles = set()
    if rc == 0:
        for s in json.loads(out)['statements']:
            articles.update(t['article'] for t in s['tellings'])
    check('zz_seed.txt' in articles, label + 'the report holds the seed article')


# Wrong types where the lexicons expect lists, maps and strings.
WRONG = [{'a': {'b': 1}}, 42, None, [None, 3, {'k': 'v'}, [[1]]]]


def lexicon_cases(exe):
    src = os.path.join(ROOT, 'grammars')
    with tempfile.TemporaryDirectory(prefix='qt-lex-') as d:
        article = os.path.join(d, 'a.txt')
        shutil.copy(SEED, article)
        g = os.path.join(d, 'g')
        shutil.copytree(src, g)
        tried = 0
        for base in sorted(os.listdir(os.path.join(src, 'en'))):
            if not base.endswith('.yaml'):
                continue
            original = yaml.safe_load(open(os.path.join(src, 'en', base), encoding='utf-8'))
            variants = [[1, 2], {'x': None}, 7, None]
            if isinstance(original, dict):
                for key in list(original)[:2]:
                    for w in WRONG:
                        variants.append(dict(original, **{key: w}))
            else:
                for w in WRONG:
                    variants.append([w] + original[1:])
                    variants.append([dict(original[0], **{k: w}) for k in list(original[0])[:2]])
            # the matcher's word lists are read only with statement matching
            matching = base in ('spelling.yaml', 'stopwords.yaml')
            for v in variants:
                with open(os.path.join(g, 'en', base), 'w', encoding='utf-8') as f:
                    yaml.safe_dump(v, f, allow_unicode=True)
                cmd = [exe, '--grammars', os.path.join(g, 'en'), 'quotes', '--no-progress', article]
                if not matching:
                    cmd.insert(4, '--no-statements')
                rc, out, err, _, _ = run(cmd, 120)
                tried += 1
                what = 'lexicon %s as %s: ' % (base, json.dumps(v)[:60])
                if rc == 3:
                    check(base in err and re.search(r'error \[(lexicon|calibration)\.\w+\]', err) is not None,
                          what + 'set-up error naming the file: ' + err.strip()[:160])
                else:
                    check(rc in (0, 1) and 'terminate' not in err, what + 'read or refused, no crash (exit %d)' % rc)
            shutil.copy(os.path.join(src, 'en', base), os.path.join(g, 'en', base))
        print('     %d broken lexicons tried' % tried)


def statements_case(exe, size):
    """A record line of `size` bytes among the seed's quote records: `statements`
    skips it with a warning naming the input and line, and every other record
    comes out with the statements it gets without it, from a file and from
    standard input alike, in bounded memory."""
    label = 'statements_long_record (%s): ' % size
    rc, out, err, _, _ = run([exe, 'quotes', '--no-statements', '--no-progress', SEED], 60)
    assert rc == 0, err
    records = out.decode().splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix='qt-adv-') as d:
        plain = os.path.join(d, 'records.jsonl')
        with open(plain, 'w') as f:
            f.writelines(records)
        rc, clean, err, _, _ = run([exe, 'statements', '--no-progress', plain], 60)
        check(rc == 0, label + 'the records alone are read (exit %d): %s' % (rc, err[:200]))
        path = corpus.quote_records_long_line(d, size, records)
        line = len(records) // 2 + 1
        for how, argv, stdin in (('file', [path], None), ('stdin', ['-'], path)):
            cmd = [exe, 'statements', '--no-progress'] + argv
            with open(stdin or os.devnull, 'rb') as feed:
                start = time.monotonic()
                p = subprocess.run([sys.executable, '-c', MEASURE] + cmd, stdin=feed, capture_output=True)
                secs = time.monotonic() - start
            err = p.stderr.decode('utf-8', 'replace')
            peak = int(err.rstrip('\n').rpartition('peak-rss-kb ')[2]) / 1024
            shown = path if how == 'file' else '<stdin>'
            print('     %s%s: %.2f s, peak RSS %.0f MB, %d records out' % (label, how, secs, peak, p.stdout.count(b'\n')))
            check(p.returncode == 1, label + how + ': exit status 1 says a line was skipped (exit %d)' % p.returncode)
            check(re.search(re.escape(shown) + ':%d: warning \\[statements.too_large\\]' % line, err) is not None,
                  label + how + ': stderr names the input, the line and [statements.too_large]')
            check(p.stdout == clean, label + how + ': every other record comes out as without the long line')
            check(secs <= 30 * SLOWER, label + how + ': within %d s' % (30 * SLOWER))
            if not SANITIZED:
                check(peak <= 150, label + how + ': peak RSS within 150 MB')


def main():
    exe = sys.argv[1]
    sizes = dict(CI)
    if '--full' in sys.argv:
        sizes.update(FULL)
    only = [a for a in sys.argv[2:] if not a.startswith('--')]
    expected = seed_quotes(exe)
    assert expected, 'the seed gives quotes'
    for name, (size, extra, seconds, mb) in sizes.items():
        if not only or name in only:
            quotes_case(exe, name, size, extra, seconds, mb, expected)
    for name, (size, extra) in STORE_CASES.items():
        if not only or name in only:
            store_case(exe, name, size, extra)
    if not only or 'statements_long_record' in only:
        statements_case(exe, (100 << 20) if '--full' in sys.argv else (24 << 20))
    if not only or 'lexicon' in only:
        lexicon_cases(exe)
    return check.finish()


if __name__ == '__main__':
    sys.exit(main())
