#!/usr/bin/env python3
"""Time on hostile input stays linear: each adversarial input of
tests/adversarial/corpus.py at sizes N, 2N and 4N through `quotetrace quotes`,
with the CPU time (user + system) and peak RSS of each run and the ratio of
each doubling (x2.2 at most passes).

    python3 tools/bench_adversarial.py                     # every case, extraction alone
    python3 tools/bench_adversarial.py --statements        # with statement matching
    python3 tools/bench_adversarial.py nested_quotes --option=--max-quote-depth=4096

Prints a Markdown table; exits 1 when a doubling costs more than x2.2.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'adversarial'))
import corpus  # noqa: E402

# name -> (N, options): N large enough that start-up is a small part
BASE = {
    'invalid_utf8': (50000, []),
    'nul_bytes': (50000, []),
    'long_line': (16 << 20, []),
    'unbalanced_quotes': (1000000, []),
    'straight_quotes': (1000000, []),
    'nested_quotes': (100000, []),
    'many_quotes': (25000, []),
    'deep_html': (100000, []),
    'big_file': (32 << 20, ['--max-document-bytes', str(1 << 30)]),
    'many_files': (10000, []),
    'jsonl_long_line': (16 << 20, []),
    'deep_json': (1000000, []),
}

# Runs argv[1:] and prints its CPU seconds and peak RSS (KB) on stderr.
MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, u = os.wait4(pid, 0)
sys.stderr.write('measure %f %d\\n' % (u.ru_utime + u.ru_stime, u.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
"""


def measure(cmd):
    p = subprocess.run([sys.executable, '-c', MEASURE] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    last = p.stderr.decode().strip().splitlines()[-1].split()
    return p.returncode, float(last[1]), int(last[2]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('cases', nargs='*', help='cases to run (default: all)')
    ap.add_argument('--exe', default=os.path.join(ROOT, 'build', 'src', 'quotetrace'))
    ap.add_argument('--statements', action='store_true', help='with statement matching')
    ap.add_argument('--option', action='append', default=[], help='another option for quotes (--option=--x=1)')
    ap.add_argument('--scale', type=float, default=1.0, help='multiply every N')
    ap.add_argument('--repeat', type=int, default=1, help='runs per size (the fastest counts)')
    ap.add_argument('--tmp', default=None, help='folder for the inputs (default: the system temporary folder)')
    args = ap.parse_args()

    cases = args.cases or list(BASE)
    print('| input | N | CPU s at N / 2N / 4N | ratio 2N/N, 4N/2N | peak RSS MB at 4N |')
    print('| --- | ---: | ---: | ---: | ---: |')
    worst = 0.0
    for name in cases:
        n, opts = BASE[name]
        n = max(1, int(n * args.scale))
        times, peak = [], 0.0
        for size in (n, 2 * n, 4 * n):
            d = tempfile.mkdtemp(prefix='qt-bench-', dir=args.tmp)
            try:
                path = corpus.CASES[name][0](d, size)
                cmd = [args.exe, 'quotes', '--no-progress'] + ([] if args.statements else ['--no-statements'])
                cmd += opts + args.option + [path]
                best = None
                for _ in range(args.repeat):
                    rc, secs, peak = measure(cmd)
                    if rc not in (0, 1):
                        print('%s at %d: exit %d' % (name, size, rc), file=sys.stderr)
                    best = secs if best is None else min(best, secs)
                times.append(best)
            finally:
                shutil.rmtree(d, ignore_errors=True)
        ratios = [times[1] / max(times[0], 1e-3), times[2] / max(times[1], 1e-3)]
        worst = max(worst, *ratios)
        print('| %s | %s | %.2f / %.2f / %.2f | x%.2f, x%.2f | %.0f |'
              % (name, format(n, ','), times[0], times[1], times[2], ratios[0], ratios[1], peak), flush=True)
    print('\nworst doubling: x%.2f (%s)' % (worst, 'linear' if worst <= 2.2 else 'SUPER-LINEAR'))
    return 0 if worst <= 2.2 else 1


if __name__ == '__main__':
    sys.exit(main())
