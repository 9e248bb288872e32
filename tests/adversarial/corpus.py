"""Hostile inputs for quotetrace, written on demand at any size.

Each case writes one file (or folder) into a directory and says what a user
should see: the diagnostic code on stderr and whether the run reports
something skipped or repaired. `size` scales the input; the defaults are the
sizes the adversarial tests are named after (50 MB line, 100,000 marks, ...),
and tests/adversarial/run.py and tools/bench_adversarial.py pass smaller or
larger ones.
"""

import json
import os

# An ordinary paragraph with one attributed quote; fills hostile files so
# that the extractor has real work between the hostile bytes.
SENTENCE = ('"We will keep the port open through the winter," said Harbour '
            'Master Ilse Brandt on Tuesday. ')
PLAIN = 'The ferry schedule was cut again this week after the storms. '


def sentence(k):
    """SENTENCE with a number in it: a line repeated word for word would be
    taken for page furniture."""
    return '"We will keep pier %d open through the winter," said Harbour Master Ilse Brandt. ' % k


def _write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def _fill(path, unit, total, head=b'', tail=b''):
    """Writes `head`, unit(0), unit(1), ... up to exactly `total` bytes in all,
    then `tail`, in blocks (bounded memory)."""
    total -= len(head) + len(tail)
    written, k = 0, 0
    with open(path, 'wb') as f:
        f.write(head)
        while written < total:
            block = b''.join(unit(j).encode() for j in range(k, k + 4096))
            k += 4096
            block = block[:total - written]
            f.write(block)
            written += len(block)
        f.write(tail)


def invalid_utf8(d, size=1000):
    """Overlong forms (C0 AF, E0 80 AF), a surrogate (ED A0 80), F5..FF bytes,
    a truncated sequence and stray continuation bytes, between quotes."""
    bad = [b'\xc0\xaf', b'\xe0\x80\xaf', b'\xed\xa0\x80', b'\xf5\x80\x80\x80', b'\xff',
           b'\xfe', b'\xf8\x88\x80\x80\x80', b'\xe2\x80', b'\x80\xbf', b'\xf4\x90\x80\x80']
    parts = []
    for k in range(size):
        parts.append(sentence(k).encode() + bad[k % len(bad)] + b' ' + PLAIN.encode() + b'\n\n')
    path = os.path.join(d, 'invalid_utf8.txt')
    _write(path, b''.join(parts))
    return path


def nul_bytes(d, size=1000):
    """NUL bytes inside an ordinary article (not a binary file)."""
    parts = [(sentence(k) + 'The\0 council met.\0 ' + PLAIN + '\n\n').encode() for k in range(size)]
    path = os.path.join(d, 'nul_bytes.txt')
    _write(path, b''.join(parts))
    return path


def long_line(d, size=50 << 20):
    """One line of `size` bytes: sentences and quotes, no line break."""
    path = os.path.join(d, 'long_line.txt')
    _fill(path, lambda k: sentence(k) + PLAIN, size)
    return path


def unbalanced_quotes(d, size=100000):
    """`size` opening quote marks that never close, in one paragraph."""
    path = os.path.join(d, 'unbalanced_quotes.txt')
    _write(path, ('\u201cword ' * size + 'said the mayor.\n').encode())
    return path


def straight_quotes(d, size=100000):
    """`size` straight double quotes, mostly unpaired, in one paragraph."""
    path = os.path.join(d, 'straight_quotes.txt')
    _write(path, ('"a "b ' * (size // 2) + 'said the mayor.\n').encode())
    return path


def many_quotes(d, size=150000):
    """`size` short attributed quotes in one document, past the count limit."""
    path = os.path.join(d, 'many_quotes.txt')
    _fill(path, lambda k: '"Pier %d stays open," she said. ' % k + ('\n\n' if k % 20 == 19 else ''),
          size * 34)
    return path


def nested_quotes(d, size=10000):
    """Quotes nested `size` deep: “a ‘b “c ... ” ’ ”, then a sentence."""
    opens, closes = [], []
    for k in range(size):
        o, c = ('\u201c', '\u201d') if k % 2 == 0 else ('\u2018', '\u2019')
        opens.append(o + 'w%d ' % k)
        closes.append(c)
    text = ''.join(opens) + 'end' + ''.join(reversed(closes)) + ', said the mayor.\n'
    path = os.path.join(d, 'nested_quotes.txt')
    _write(path, text.encode())
    return path


def deep_html(d, size=100000):
    """HTML with `size` nested elements around a quoted paragraph."""
    path = os.path.join(d, 'deep_html.html')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<html><body>')
        f.write('<div><span>' * (size // 2))
        f.write('<p>' + SENTENCE + '</p>')
        f.write('</span></div>' * (size // 2))
        f.write('</body></html>\n')
    return path


def big_file(d, size=1 << 30):
    """A plain-text file of `size` bytes, far above the document size limit."""
    path = os.path.join(d, 'big_file.txt')
    _fill(path, lambda k: sentence(k) + PLAIN + '\n\n', size)
    return path


def empty_file(d, size=0):
    """A file of no bytes."""
    path = os.path.join(d, 'empty_file.txt')
    _write(path, b'')
    return path


def many_files(d, size=1000000):
    """A folder of `size` tiny articles of one quote each."""
    path = os.path.join(d, 'many_files')
    os.mkdir(path)
    body = SENTENCE.encode()
    for k in range(size):
        sub = os.path.join(path, '%03d' % (k // 10000))
        if k % 10000 == 0:
            os.mkdir(sub)
        _write(os.path.join(sub, '%07d.txt' % k), body)
    return path


def jsonl_long_line(d, size=100 << 20):
    """One JSONL record whose text makes the line `size` bytes long, then an
    ordinary record."""
    path = os.path.join(d, 'jsonl_long_line.jsonl')
    after = json.dumps({'id': 'after', 'text': SENTENCE}) + '\n'
    _fill(path, lambda k: json.dumps(sentence(k) + PLAIN)[1:-1], size + len(after),
          b'{"id":"huge","text":"', ('"}\n' + after).encode())
    return path


def quote_records_long_line(d, size, records):
    """Quote records (JSONL lines, as `quotes` writes them) with one record of
    `size` bytes in the middle, for `statements`."""
    path = os.path.join(d, 'quote_records_long_line.jsonl')
    half = len(records) // 2
    _fill(path, lambda k: json.dumps(sentence(k) + PLAIN)[1:-1], size,
          (''.join(records[:half]) + '{"doc":"huge","kind":"direct","text":"').encode(),
          ('"}\n' + ''.join(records[half:])).encode())
    return path


def deep_json(d, size=100000):
    """A JSONL record with `size` nested arrays beside its text."""
    path = os.path.join(d, 'deep_json.jsonl')
    _write(path, ('{"id":"deep","x":' + '[' * size + ']' * size + ',"text":' + json.dumps(SENTENCE)
                  + '}\n').encode())
    return path


# name -> (writer, the diagnostic code users see, whether the exit status is 1)
CASES = {
    'invalid_utf8': (invalid_utf8, 'utf8.invalid', True),
    'nul_bytes': (nul_bytes, 'utf8.invalid', True),
    'long_line': (long_line, None, False),
    'unbalanced_quotes': (unbalanced_quotes, 'quote.too_deep', True),
    'straight_quotes': (straight_quotes, None, False),
    'nested_quotes': (nested_quotes, 'quote.too_deep', True),
    'many_quotes': (many_quotes, 'quote.too_many', True),
    'deep_html': (deep_html, 'html.too_deep', True),
    'big_file': (big_file, 'input.too_large', True),
    'empty_file': (empty_file, 'input.empty', True),
    'many_files': (many_files, None, False),
    'jsonl_long_line': (jsonl_long_line, 'input.too_large', True),
    'deep_json': (deep_json, None, False),
}
