#!/usr/bin/env python3
"""Generate realistic quote variants with known statements, for the scale
benchmark of statement clustering (`quotetrace statements`).

usage: tools/gen_variants.py --quotes N [--seed S] [--source DIR] > quotes.jsonl

Base statements are real sentences: the articles of PolNeAR train and dev,
the strings of MSRP train (one side only of a pair labelled a paraphrase) and
the seed quotes of seeds.gold.yaml (one per gold statement), all from DIR
(default: ../shared beside the tree). Sentences of 8-60 words are kept; exact
duplicates (lower-cased, without punctuation) and near-duplicates (word-set
Jaccard >= 0.5 with a base already kept, found through a rare-word index that
misses about 1% of them) are dropped, so two bases are not the same statement. Each base gets a speaker, drawn from the person names that
PolNeAR annotates as sources, more often the more often they are cited.

Cluster sizes follow a truncated power law (P(k) ~ k^-1.7, k <= 100: half
singletons, mean about 5); when N needs more bases than exist (about 32,000:
beyond 170,000 quotes), the cap grows up to 2,000, then the law flattens,
until the mean covers N. The first quote of a statement is its base as is;
the others are rewritten by a random mix of operations: truncation, adjacent
word swaps, WordNet synonyms, splices of two bases of the same speaker (the
quote belongs to both), case and punctuation changes, and first to third
person. About 15% of quotes have no speaker.

One JSON object a line, in random order:
    {"doc":"g<k>","kind":"direct","text":...,"speaker":...,"truth":[base ids]}
The same seed and N give byte-identical output; a summary goes to stderr.
"""
import argparse
import bisect
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
WORDNET = "/usr/share/wordnet"

MIN_WORDS, MAX_WORDS = 8, 60
JACCARD = 0.5
RARE_KEYS = 5
ALPHA, MIN_CAP, MAX_CAP = 1.7, 100, 2000
NULL_SPEAKER = 0.15
P_TRUNCATE, P_SWAP, P_SYNONYM, P_CASE, P_PUNCT, P_INDIRECT, P_SPLICE = (
    0.35, 0.08, 0.20, 0.12, 0.35, 0.15, 0.03)

# --- base sentences ---------------------------------------------------------

ABBREVIATIONS = frozenset("""
mr mrs ms dr st jr sr sen rep gov gen lt col sgt capt cmdr adm prof rev hon
gop inc corp co ltd vs etc no jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n d.c a.m p.m e.g i.e
""".split())
BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]*[A-Z0-9])")
LEADING_MARKS = "\"“”'‘’ "
PUNCT = re.compile(r"[^\w\s]")


def split_sentences(paragraph):
    """Sentences of one paragraph: a break after . ! ? (and closing marks)
    before a capital or digit, unless the word before is an abbreviation or
    an initial."""
    start = 0
    for m in BOUNDARY.finditer(paragraph):
        before = paragraph[start:m.start() + 1].rsplit(None, 1)[-1]
        word = before.lstrip("\"“‘'([").rstrip(".").lower()
        if m.group(0)[0] == "." and (word in ABBREVIATIONS or len(word) == 1):
            continue
        yield paragraph[start:m.end()].strip()
        start = m.end()
    rest = paragraph[start:].strip()
    if rest:
        yield rest


def clean_sentence(s):
    """A sentence as a quote: typewriter quotes (`` '') as ", no marks around
    it, and no double quote marks at all where they do not pair up."""
    s = s.replace("``", "\"").replace("''", "\"")
    s = " ".join(s.split())
    s = s.strip(LEADING_MARKS)
    if (s.count("\"") % 2) or (s.count("“") != s.count("”")):
        s = s.replace("\"", "").replace("“", "").replace("”", "")
    return " ".join(s.split())


class base_pool:
    """Kept base sentences with a rare-word index for Jaccard near-duplicates:
    each kept sentence is filed under its RARE_KEYS rarest words, and a new one
    is compared with the sentences filed under its own rarest words. Two
    sentences with Jaccard >= 0.5 share most words, so they nearly always share
    one of their rarest (the exact prefix filter would probe half the words,
    common ones included, and was 30 times slower)."""

    def __init__(self, df):
        self.df = df
        self.texts = []
        self.speakers = []
        self.sets = []
        self.exact = set()
        self.index = {}
        self.dropped = Counter()

    def offer(self, text, speaker=None):
        n = len(text.split())
        if n < MIN_WORDS or n > MAX_WORDS:
            self.dropped["length"] += 1
            return False
        words = PUNCT.sub("", text.lower()).split()
        key = " ".join(words)
        if key in self.exact:
            self.dropped["duplicate"] += 1
            return False
        ws = frozenset(words)
        df = self.df
        prefix = sorted(ws, key=lambda w: (df.get(w, 0), w))[:RARE_KEYS]
        n, sets, index = len(ws), self.sets, self.index
        for other in set().union(*(index.get(w, ()) for w in prefix)):
            o = sets[other]
            if len(o) > 2 * n or 2 * len(o) < n:
                continue
            inter = len(ws & o)
            if inter >= JACCARD * (n + len(o) - inter):
                self.dropped["near-duplicate"] += 1
                return False
        k = len(self.texts)
        self.exact.add(key)
        self.texts.append(text)
        self.speakers.append(speaker)
        self.sets.append(ws)
        for w in prefix:
            self.index.setdefault(w, []).append(k)
        return True


def seed_quotes(path):
    """(text, speaker) of the seed quotes, one per gold statement."""
    try:
        import yaml
    except ImportError:
        print(f"note: no PyYAML, seed quotes skipped", file=sys.stderr)
        return []
    with open(path, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    out, statements = [], set()
    for doc in gold.get("documents", []):
        for q in doc.get("quotes", []):
            st = q.get("statement")
            ids = tuple(st) if isinstance(st, list) else ((st,) if st else ())
            if ids and any(s in statements for s in ids):
                continue
            statements.update(ids)
            out.append((clean_sentence(q["text"]), q.get("speaker")))
    return out


def article_sentences(folder):
    text_dir = os.path.join(folder, "text")
    if not os.path.isdir(text_dir):
        text_dir = folder
    for name in sorted(os.listdir(text_dir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(text_dir, name), encoding="utf-8", errors="replace") as f:
            for paragraph in f.read().split("\n"):
                for s in split_sentences(paragraph):
                    yield clean_sentence(s)


def msrp_sentences(path):
    with open(path, encoding="utf-8-sig") as f:
        next(f, None)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                continue
            yield clean_sentence(cols[3])
            if cols[0].strip() != "1":     # a paraphrase pair is one statement
                yield clean_sentence(cols[4])


def load_bases(source):
    polnear = os.path.join(source, "eval", "polnear")
    seeds = seed_quotes(os.path.join(source, "eval", "seeds.gold.yaml"))
    sentences = []
    for split in ("train", "dev"):
        if os.path.isdir(os.path.join(polnear, split)):
            sentences.extend(article_sentences(os.path.join(polnear, split)))
    msrp = os.path.join(source, "eval", "msrp", "msr-para-train.tsv")
    if os.path.exists(msrp):
        sentences.extend(msrp_sentences(msrp))
    df = Counter()
    for text, _ in seeds:
        df.update(set(PUNCT.sub("", text.lower()).split()))
    for s in sentences:
        df.update(set(PUNCT.sub("", s.lower()).split()))
    pool = base_pool(df)
    for text, speaker in seeds:
        pool.offer(text, speaker)
    n_seeds = len(pool.texts)
    for s in sentences:
        pool.offer(s)
    return pool, n_seeds, len(seeds) + len(sentences)


# --- speakers ---------------------------------------------------------------

TITLES = frozenset("""
mr. mr mrs. mrs ms. ms dr. president sen. senator rep. representative gov.
governor secretary speaker house attorney general vice former candidate
nominee admiral adm. gen. state chairman chairwoman mayor judge justice chief
sheriff activist actor actress author billionaire comedian filmmaker hacker
journalist moderator pastor pollster professor reporter spokesman spokeswoman
rival democrat republican federal retired absent pope
""".split())
NOT_NAME = frozenset("""
the some many most all several both other others these those this that one two
we our new top local leading major media popular white black gay fellow
team super survey supreme democrats republicans democratic republican campaign
senate committee committees group party poll polls watch times street county
city korea europe columbia rico state administration corporation corp document
documents reports website tweet service guide radio edition research fact-check
principles companies funds central square news camp cash pollster speaker
christians americans parents heavyweights lawmakers doctor police election
corps matter laden university presidential candidates
""".split())
NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)?(?: (?:[A-Z][a-z]+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+|De|Van|[A-Z][a-z]+-[A-Z][a-z]+))+$")
FALLBACK_SPEAKERS = ["Jens Stoltenberg", "Antony Blinken", "Olaf Scholz", "Maria Lopez",
                     "David Chen", "Sarah Okafor", "Thomas Berg", "Aisha Rahman"]


def speaker_pool(source):
    """(names, weights): PolNeAR source spans that look like person names
    (titles dropped; cited twice, or also by the surname alone), weighted by
    the square root of how often each is cited, 'Mr. Surname' or the surname
    alone counting for the full name."""
    full, short = Counter(), Counter()
    for split in ("train", "dev"):
        folder = os.path.join(source, "eval", "polnear", split, "attributions")
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".ann"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                for line in f:
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) < 3 or not cols[1].startswith("Source"):
                        continue
                    words = cols[2].split()
                    while words and words[0].lower() in TITLES:
                        words = words[1:]
                    if not words or any(w.lower() in NOT_NAME for w in words) or words[0][0].islower():
                        continue
                    text = " ".join(words)
                    if len(words) == 1 and words[0].isalpha() and words[0][0].isupper():
                        short[text] += 1
                    elif 2 <= len(words) <= 3 and NAME.match(text):
                        full[text] += 1
    if not full:
        return FALLBACK_SPEAKERS, [1.0] * len(FALLBACK_SPEAKERS)
    by_surname = {}
    for name, n in sorted(full.items(), key=lambda x: (-x[1], x[0])):
        by_surname.setdefault(name.split()[-1], name)
    count = Counter()
    for name, n in full.items():    # a name seen once and never by its surname is often no person
        if n > 1 or short[name.split()[-1]]:
            count[name] = n
    for surname, n in short.items():
        if surname in by_surname and by_surname[surname] in count:
            count[by_surname[surname]] += n
    names = sorted(count)
    return names, [math.sqrt(count[n]) for n in names]


# --- WordNet synonyms -------------------------------------------------------

STOPWORDS = frozenset("""
a an the and or but if then so as at by for from in into of on onto to with
without about above after against along among around before behind below
between beyond during except inside near off out outside over past since
through throughout till toward under until up upon within is are was were be
been being am do does did have has had having will would shall should can
could may might must not no nor too very just also only even still yet again
i me my mine myself we us our ours ourselves you your yours yourself he him
his himself she her hers herself it its itself they them their theirs
themselves this that these those who whom whose which what when where why how
all any both each few more most other some such one two three there here than
say said says get got go going went make made take took let lets put
""".split())


def wordnet_synonyms(folder=WORDNET):
    """(synonyms, verbs): word -> the other lemmas of its first synset, in the
    part of speech where the word has most senses (sense order comes from
    index.POS, most frequent first; the synset's lemmas from data.POS), and
    the set of one-word verb lemmas."""
    best = {}
    verbs = set()
    for pos in ("noun", "verb", "adj"):
        path = os.path.join(folder, f"index.{pos}")
        if not os.path.exists(path) or not os.path.exists(os.path.join(folder, f"data.{pos}")):
            print(f"note: no WordNet {pos} files in {folder}, fewer synonyms", file=sys.stderr)
            continue
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma, senses, n_ptr = fields[0], int(fields[2]), int(fields[3])
                if pos == "verb" and lemma.isalpha():
                    verbs.add(lemma)
                if lemma.isalpha() and lemma not in STOPWORDS and senses > best.get(lemma, (0,))[0]:
                    best[lemma] = (senses, pos, fields[6 + n_ptr])
    lemmas = {}
    for pos in ("noun", "verb", "adj"):
        wanted = {offset for _, p, offset in best.values() if p == pos}
        if not wanted:
            continue
        with open(os.path.join(folder, f"data.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line[:8] not in wanted:
                    continue
                fields = line.split()
                words = fields[4:4 + 2 * int(fields[3], 16):2]
                lemmas[pos, fields[0]] = [re.sub(r"\(\w+\)$", "", w).replace("_", " ") for w in words]
    out = {}
    for lemma in sorted(best):
        _, pos, offset = best[lemma]
        alts = [w for w in lemmas.get((pos, offset), []) if w.lower() != lemma and w.islower()]
        if alts:
            out[lemma] = alts
    return out, verbs


# --- variant operations -----------------------------------------------------

CORE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
PERSON = {
    "i": ("he", "she"), "me": ("him", "her"), "my": ("his", "her"), "mine": ("his", "hers"),
    "myself": ("himself", "herself"), "i'm": ("he's", "she's"), "i've": ("he's", "she's"),
    "i'll": ("he'll", "she'll"), "i'd": ("he'd", "she'd"),
    "we": ("they", "they"), "us": ("them", "them"), "our": ("their", "their"),
    "ours": ("theirs", "theirs"), "ourselves": ("themselves", "themselves"),
    "we're": ("they're", "they're"), "we've": ("they've", "they've"),
    "we'll": ("they'll", "they'll"), "we'd": ("they'd", "they'd"),
}
FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|us|[Oo]urs?|[Oo]urselves)\b")


def split_token(tok):
    return CORE.match(tok).groups()


THIRD_PERSON_VERB = {"am": "is", "have": "has", "do": "does", "don't": "doesn't", "go": "goes",
                     "'m": "'s"}
MODALS = frozenset("will would can could should must may might shall was did had".split())


def third_person_verb(word, verbs):
    """'think' -> 'thinks' after a new 'he'/'she'; None when word is no
    present-tense verb that needs it."""
    if word in THIRD_PERSON_VERB:
        return THIRD_PERSON_VERB[word]
    if word in MODALS or word not in verbs or not word.isalpha():
        return None
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def to_third_person(tokens, rng, verbs):
    """Direct to reported speech: I/we and their forms become he or she/they;
    a verb right after 'I' agrees ('I think' -> 'he thinks')."""
    female = rng.random() < 0.3
    out = []
    singular = False
    for tok in tokens:
        pre, core, post = split_token(tok)
        key = core.replace("’", "'")
        curly = "’" in core
        if singular and not pre:
            new = third_person_verb(key, verbs)
            if new:
                out.append(pre + (new.replace("'", "’") if curly else new) + post)
                singular = False
                continue
        singular = False
        lower = key.lower()
        if lower not in PERSON or core in ("US", "Us"):
            out.append(tok)
            continue
        new = PERSON[lower][female]
        if curly:
            new = new.replace("'", "’")
        if core[:1].isupper() and (not lower.startswith("i") or not out or out[-1][-1:] in ".!?:"):
            new = new[0].upper() + new[1:]
        out.append(pre + new + post)
        singular = lower == "i" and not post
    return out


def replace_synonyms(tokens, synonyms, rng):
    cands = []
    for k, tok in enumerate(tokens):
        pre, core, post = split_token(tok)
        if core.islower() or (k == 0 and core[:1].isupper() and core[1:].islower()):
            if core.lower() in synonyms:
                cands.append(k)
    if not cands:
        return tokens
    tokens = list(tokens)
    for k in rng.sample(cands, min(len(cands), rng.randint(1, 3))):
        pre, core, post = split_token(tokens[k])
        new = rng.choice(synonyms[core.lower()])
        if core[:1].isupper():
            new = new[0].upper() + new[1:]
        tokens[k] = pre + new + post
    return tokens


def swap_words(tokens, rng):
    if len(tokens) < 3:
        return tokens
    tokens = list(tokens)
    for _ in range(1 if rng.random() < 0.8 else 2):
        k = rng.randint(1, len(tokens) - 2)
        a, b = split_token(tokens[k]), split_token(tokens[k + 1])
        if not a[1] or not b[1]:
            continue
        tokens[k], tokens[k + 1] = a[0] + b[1] + a[2], b[0] + a[1] + b[2]
    return tokens


def truncate(tokens, rng):
    n = len(tokens)
    if n < 4:
        return tokens
    keep = rng.randint(math.ceil(0.6 * n), n - 1)
    start = rng.randint(0, n - keep)
    part = tokens[start:start + keep]
    part[-1] = part[-1].rstrip(",;:—-") or part[-1]
    return part


def change_case(text, rng):
    r = rng.random()
    if r < 0.35:
        return text.lower()
    if r < 0.40:
        return text.upper()
    if r < 0.80:
        return text[:1].lower() + text[1:]
    return text[:1].upper() + text[1:]


def change_punctuation(tokens, rng):
    tokens = list(tokens)
    r = rng.random()
    if r < 0.3:
        commas = [k for k, t in enumerate(tokens[:-1]) if t.endswith(",")]
        if commas:
            k = rng.choice(commas)
            tokens[k] = tokens[k][:-1]
    elif r < 0.5:
        plain = [k for k, t in enumerate(tokens[:-1]) if t[-1:].isalnum()]
        if plain:
            k = rng.choice(plain)
            tokens[k] += ","
    elif r < 0.75:
        text = " ".join(tokens)
        if "’" in text or "“" in text:
            text = text.replace("’", "'").replace("‘", "'").replace("“", "\"").replace("”", "\"")
        else:
            text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
            text = re.sub(r"\"(\S[^\"]*?)\"", "“\\1”", text)
        return text.split(" ")
    else:
        last = tokens[-1]
        if last[-1:] in ".!?":
            tokens[-1] = last.rstrip(".!?") or last
        else:
            tokens[-1] = last + "."
    return tokens


class generator:
    def __init__(self, pool, speakers, wordnet, seed):
        self.pool = pool
        self.synonyms, self.verbs = wordnet
        self.rng = random.Random(seed)
        names, weights = speakers
        cum = []
        total = 0.0
        for w in weights:
            total += w
            cum.append(total)
        rng = self.rng
        self.speaker = [s if s else names[bisect.bisect_left(cum, rng.random() * total)]
                        for s in pool.speakers]

    def plan(self, n_quotes):
        """The base of each quote slot, shuffled, and the size cap used."""
        rng = self.rng
        n_bases = len(self.pool.texts)
        order = list(range(n_bases))
        rng.shuffle(order)
        alpha, cap = size_shape(n_quotes * 1.02 / n_bases)
        cum = []
        total = 0.0
        for k in range(1, cap + 1):
            total += k ** -alpha
            cum.append(total)
        slots = []
        used = []
        while len(slots) < n_quotes:
            for b in order:
                size = bisect.bisect_left(cum, rng.random() * total) + 1
                size = min(size, n_quotes - len(slots))
                slots.extend([b] * size)
                used.append(b)
                if len(slots) >= n_quotes:
                    break
        rng.shuffle(slots)
        return slots, sorted(set(used)), (alpha, cap)

    def variant(self, b, first):
        rng = self.rng
        text = self.pool.texts[b]
        if first:
            return text
        tokens = text.split(" ")
        if rng.random() < P_INDIRECT and FIRST_PERSON.search(text):
            tokens = to_third_person(tokens, rng, self.verbs)
        if rng.random() < P_SYNONYM:
            tokens = replace_synonyms(tokens, self.synonyms, rng)
        if rng.random() < P_SWAP:
            tokens = swap_words(tokens, rng)
        if rng.random() < P_TRUNCATE:
            tokens = truncate(tokens, rng)
        if rng.random() < P_PUNCT:
            tokens = change_punctuation(tokens, rng)
        text = " ".join(tokens)
        if rng.random() < P_CASE:
            text = change_case(text, rng)
        return text

    def write(self, n_quotes, out):
        rng = self.rng
        slots, used, shape = self.plan(n_quotes)
        # a speaker's bases, in the shuffled order, are one speech: a splice
        # joins a sentence with the one before or after it, as outlets quote
        # two sentences together, so a statement is spliced with at most two
        speech = {}
        for b in used:
            speech.setdefault(self.speaker[b], []).append(b)
        neighbours = {}
        for bases in speech.values():
            rng.shuffle(bases)
            for k, b in enumerate(bases):
                neighbours[b] = (bases[k - 1] if k else None, bases[k + 1] if k + 1 < len(bases) else None)
        seen = bytearray(len(self.pool.texts))
        members = Counter()
        splices = 0
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        buf = []
        for k, b in enumerate(slots):
            text = self.variant(b, not seen[b])
            seen[b] = 1
            truth = [b]
            if rng.random() < P_SPLICE:
                before, after = neighbours[b]
                b2 = after if before is None or (after is not None and rng.random() < 0.5) else before
                if b2 is not None:
                    other = self.variant(b2, rng.random() < 0.5)
                    text = other + " " + text if b2 == before else text + " " + other
                    truth = sorted((b, b2))
                    members[b2] += 1
                    splices += 1
            members[b] += 1
            speaker = None if rng.random() < NULL_SPEAKER else self.speaker[b]
            buf.append(dumps({"doc": f"g{k}", "kind": "direct", "text": text,
                              "speaker": speaker, "truth": truth}))
            if len(buf) >= 4096:
                out.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            out.write("\n".join(buf) + "\n")
        return members, splices, shape, len(speech)


def size_mean(alpha, cap):
    w = [k ** -alpha for k in range(1, cap + 1)]
    return sum(k * x for k, x in zip(range(1, cap + 1), w)) / sum(w)


def size_shape(mean_needed):
    """(alpha, cap) of the size law: 1.7 and 100 when the bases suffice; else
    a longer tail (cap up to MAX_CAP), then a flatter law, until the mean
    reaches mean_needed."""
    alpha, cap = ALPHA, MIN_CAP
    while size_mean(alpha, cap) < mean_needed and cap < MAX_CAP:
        cap = min(MAX_CAP, int(cap * 1.1) + 1)
    while size_mean(alpha, cap) < mean_needed and alpha > 0.5:
        alpha = round(alpha - 0.01, 2)
    return alpha, cap


def histogram(sizes):
    bins = [(1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 100), (101, 10 ** 9)]
    counts = [0] * len(bins)
    for s in sizes:
        for i, (lo, hi) in enumerate(bins):
            if lo <= s <= hi:
                counts[i] += 1
                break
    return ", ".join(f"{lo if lo == hi else f'{lo}-{hi}' if hi < 10 ** 9 else f'>{lo - 1}'}: {c}"
                     for (lo, hi), c in zip(bins, counts) if c)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, required=True, help="number of quotes (lines) to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", default=os.path.join(TOP, "..", "shared"),
                    help="folder holding eval/polnear, eval/msrp and eval/seeds.gold.yaml")
    ap.add_argument("--wordnet", default=WORDNET)
    ap.add_argument("--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args()
    if args.quotes < 0:
        ap.error("--quotes must be >= 0")
    t0 = time.perf_counter()
    pool, n_seeds, offered = load_bases(args.source)
    if not pool.texts:
        sys.exit(f"{args.source}: no base sentences found (pass --source DIR)")
    speakers = speaker_pool(args.source)
    synonyms, verbs = wordnet_synonyms(args.wordnet)
    t1 = time.perf_counter()
    gen = generator(pool, speakers, (synonyms, verbs), args.seed)
    out = sys.stdout
    members, splices, (alpha, cap), n_speakers = gen.write(args.quotes, out)
    out.flush()
    t2 = time.perf_counter()
    if not args.quiet:
        sizes = sorted(members.values())
        mean = sum(sizes) / len(sizes) if sizes else 0.0
        print(f"bases: {len(pool.texts)} kept of {offered} sentences ({n_seeds} seed quotes; "
              f"dropped {dict(sorted(pool.dropped.items()))}); {len(speakers[0])} speaker names, "
              f"{len(synonyms)} WordNet words with synonyms; set-up {t1 - t0:.1f} s", file=sys.stderr)
        print(f"quotes: {args.quotes} over {len(sizes)} statements by {n_speakers} speakers, "
              f"mean size {mean:.2f} (P(k) ~ k^-{alpha}, k <= {cap}), largest {sizes[-1] if sizes else 0}, "
              f"{splices} splices; generated in {t2 - t1:.1f} s", file=sys.stderr)
        print(f"statement sizes: {histogram(sizes)}", file=sys.stderr)


if __name__ == "__main__":
    main()
