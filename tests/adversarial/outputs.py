"""Hostile text through every output: quotetrace QUOTETRACE

Two articles (JSONL) whose quotes, ids and outlets hold <script>, quote
marks, backslashes, every control character, U+2028/2029 and a lone
surrogate go through `quotes`, `ingest`, `report` (md, json, html), `dot` and
`who-said --json`. Each output must parse (JSON with python's json, HTML with
html.parser creating no script element from quote text, DOT with graphviz
when it is installed, Markdown tables keeping their columns), and the
hostile words must come back whole from the store.
"""

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checking import Checks  # noqa: E402

CONTROLS = ''.join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) + '\x7f'
HOSTILE = ('<script>alert(1)</script> back\\slash \\l \\n tab\there ' + CONTROLS +
           ' line\u2028sep\u2029para \ud800 lone | pipe | & <b>bold</b>')
# what the hostile words read as once ingested: the lone surrogate is U+FFFD
STORED = HOSTILE.replace('\ud800', '\ufffd')
SAID = '\u201cWe will keep the port open all winter, ' + HOSTILE + ' and that is final,\u201d said Mayor Ilse Brandt.'
REPORTED = 'Mayor Ilse Brandt said that the "night ferry" ' + HOSTILE + ' would run again.'
RECORDS = [
    {'id': 'doc"<script>|one\nline', 'outlet': '<script>x</script> "News" \\ | Daily', 'date': '2024-06-18',
     'text': 'Mayor Ilse Brandt spoke on Tuesday.\n\n' + SAID + '\n\n' + REPORTED + '\n\nThe council agreed.\n'},
    {'id': 'second|doc', 'outlet': 'Plain Post', 'date': '2024-06-19',
     'text': 'Officials met again.\n\n' + SAID.replace('all winter', 'all this winter') + '\n\n' + REPORTED +
             '\n\nNothing else was said.\n'},
]

check = Checks()


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, timeout=300, **kw)
    return p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace')


def raw_controls(data, allowed=b'\n\r'):
    """Control bytes (C0 and DEL) not `allowed`, and raw U+2028/2029, in output bytes."""
    found = [b for b in set(data) if (b < 0x20 or b == 0x7F) and b not in allowed]
    return found + ([0x2028] if '\u2028'.encode() in data else []) + ([0x2029] if '\u2029'.encode() in data else [])


def json_lines(data, what):
    """One JSON value a line ('\\n' only: str.splitlines() also splits at
    U+2028 and other characters a JSON string may hold)."""
    try:
        return [json.loads(line) for line in data.decode('utf-8').split('\n') if line.strip()]
    except ValueError as e:
        check(False, what + ' parses as JSON: %s' % e)
        return []


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.scripts += tag in ('script', 'iframe', 'object', 'embed')
        for name, _ in attrs:
            self.scripts += name.startswith('on')

    def handle_data(self, data):
        self.text.append(data)


def markdown_tables(text):
    """Each table's rows (header, rule, rows) as lists of lines."""
    tables, current = [], []
    for line in text.split('\n'):
        if line.startswith('|'):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def cells(row):
    return len(re.findall(r'(?<!\\)\|', row))


def main():
    exe = sys.argv[1]
    d = tempfile.mkdtemp(prefix='qt-out-')
    try:
        src = os.path.join(d, 'hostile.jsonl')
        with open(src, 'w', encoding='utf-8') as f:
            for r in RECORDS:
                f.write(json.dumps(r) + '\n')

        rc, out, err = run([exe, 'quotes', '--no-progress', src])
        check(rc == 0, 'quotes reads the hostile articles (exit %d) %s' % (rc, err[:200]))
        check(raw_controls(out) == [], 'quotes writes no raw control character, U+2028 or U+2029')
        quotes = json_lines(out, 'quotes')
        texts = [q['text'] for q in quotes]
        check(any(STORED in t for t in texts), 'quotes gives the hostile words whole')
        check({q['doc'] for q in quotes} == {r['id'] for r in RECORDS}, 'quotes gives the hostile ids whole')
        check(RECORDS[0]['outlet'] in {q['outlet'] for q in quotes}, 'quotes gives the hostile outlet whole')

        db = os.path.join(d, 'store.db')
        rc, _, err = run([exe, 'ingest', '--no-progress', '--db', db, src])
        check(rc == 0, 'ingest stores them (exit %d) %s' % (rc, err[:200]))

        rc, out, err = run([exe, 'report', '--db', db, '--format', 'json'])
        check(rc == 0, 'report --format json runs (exit %d) %s' % (rc, err[:200]))
        report = json_lines(out.replace(b'\n', b' '), 'report --format json')
        tellings = [t for r in report for s in r.get('statements', []) for t in s['tellings']]
        check(sorted(t['text'] for t in tellings) == sorted(texts),
              'the store gives back every quote byte for byte (report json against quotes)')
        check({t['article'] for t in tellings} == {r['id'] for r in RECORDS}, 'the store gives back the ids')
        check(RECORDS[0]['outlet'] in {t['outlet'] for t in tellings}, 'the store gives back the outlet')

        rc, out, err = run([exe, 'report', '--db', db, '--format', 'html'])
        check(rc == 0, 'report --format html runs (exit %d)' % rc)
        page = Page()
        page.feed(out.decode('utf-8'))
        page.close()
        check(page.scripts == 1, 'the HTML report has its one script and nothing active from quote text (%d)' % page.scripts)
        shown = ''.join(page.text)
        check('<script>alert(1)</script>' in shown and '<b>bold</b>' in shown,
              'the HTML report shows the hostile words as text')
        check(b'<script>alert' not in out and b'<b>bold' not in out, 'no markup from quote text in the page source')
        check(raw_controls(out, b'\t\n\r') == [], 'the HTML report writes no raw control character but tab and line ends, U+2028 or U+2029')

        rc, out, err = run([exe, 'report', '--db', db])
        check(rc == 0, 'report (Markdown) runs (exit %d)' % rc)
        md = out.decode('utf-8')
        tables = markdown_tables(md)
        check(tables != [], 'the Markdown report has tables')
        for t in tables:
            check(all(cells(row) == cells(t[0]) for row in t),
                  'every row of a Markdown table keeps its %d columns' % (cells(t[0]) - 1))
        check('<script>' not in md and 'alert(1)' in md, 'the Markdown report escapes markup')
        check(raw_controls(out) == [], 'the Markdown report writes no raw control character, U+2028 or U+2029')

        rc, dot, err = run([exe, 'dot', '--db', db])
        check(rc == 0, 'dot runs (exit %d)' % rc)
        check(raw_controls(dot) == [], 'dot writes no raw control character, U+2028 or U+2029')
        if shutil.which('dot'):
            rc, svg, err = run(['dot', '-Tsvg'], input=dot)
            check(rc == 0 and err.strip() == '', 'graphviz reads the DOT export without a warning: ' + err[:200])
            try:
                tree = ET.fromstring(svg)
                active = [e.tag for e in tree.iter() if e.tag.split('}')[-1] in ('script', 'foreignObject')]
                check(active == [], 'the SVG holds no script from quote text')
                svg_text = ''.join(tree.itertext())
                check('<script>alert(1)</script>' in svg_text, 'the SVG shows the hostile words as text')
            except ET.ParseError as e:
                check(False, 'the SVG parses as XML: %s' % e)
        else:
            print('skip graphviz is not installed: DOT not rendered')

        question = '<script>"alert"\\ \x01\u2028 \udcff'.encode('utf-8', 'surrogateescape') + b' \xff'
        injection = '\'); DROP TABLE quotes; -- " OR port* NEAR(port winter) winter^ {kind}: keep'.encode()
        for words in (STORED.encode(), question, injection):
            rc, out, err = run([exe, 'who-said', words, '--db', db, '--json'])
            check(rc == 0, 'who-said --json answers a hostile question (exit %d) %s' % (rc, err[:200]))
            check(raw_controls(out, b'\n\x7f') == [], 'who-said --json writes no raw C0 control character, U+2028 or U+2029')
            answers = json_lines(out, 'who-said --json')
            check(len(answers) == 1, 'who-said --json writes one JSON object')
        rc, out, err = run([exe, 'check', '--db', db])
        check(rc == 0 and b'quotes 6' in out, 'the store is sound and whole after the questions: ' + out.decode()[:80])
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return check.finish()


if __name__ == '__main__':
    sys.exit(main())
