"""A corpus for the fault tests: the seed articles plus generated ones.

Generated articles are made of the seeds' own paragraphs and sentences:
each has a headline, a byline and a dateline naming an outlet, some seed
paragraphs (their quotes repeat, as wire copy does) and new quote
paragraphs whose words are seed sentences with a few words swapped, given
to speakers with titles, so that they found new statements, join stored
ones and merge them. The same seed and count give the same files.
"""
import os
import random
import re
import shutil

OUTLETS = ["Yonhap", "IANS", "AP", "Reuters", "AFP", "The Korea Herald", "Kyodo", "TASS"]
CITIES = ["Seoul", "Washington", "Tokyo", "Brussels", "Moscow", "Beijing", "Canberra"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
PEOPLE = [("Foreign Minister", "Anna Kowalski"), ("Defence Secretary", "Rahul Mehta"),
          ("Prime Minister", "Lena Fischer"), ("Ambassador", "Tomas Varga"),
          ("Senator", "Grace Okafor"), ("President", "Miguel Duarte"),
          ("spokesperson", "Ji-woo Park"), ("General", "Olav Lindqvist")]
SENTENCE = re.compile(r"[A-Z][^.!?\"“”]{40,220}[.!?]")


def _seed_material(seeds):
    paragraphs, sentences, words = [], [], set()
    for name in sorted(os.listdir(seeds)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            for line in f.read().split("\n"):
                line = line.strip()
                if len(line) < 80:
                    continue
                if any(m in line for m in ('"', "“", "”")):
                    paragraphs.append(line)
                sentences.extend(SENTENCE.findall(line))
                words.update(w for w in re.findall(r"[a-z]{5,}", line))
    return paragraphs, sentences, sorted(words)


def _variant(rng, sentence, words):
    tokens = sentence.rstrip(".!?").split()
    for _ in range(rng.randint(0, 3)):
        k = rng.randrange(len(tokens))
        if tokens[k].islower() and len(tokens[k]) > 4:
            tokens[k] = rng.choice(words)
    return " ".join(tokens)


def _quote_paragraph(rng, sentence, person, first):
    title, name = person
    who = f"{title} {name}" if first else name.split()[-1]
    day = rng.choice(WEEKDAYS)
    form = rng.randrange(4)
    if form == 0:
        return f"\u201c{sentence},\u201d {who} said on {day}."
    if form == 1:
        return f"{who} said on {day} that {sentence[0].lower() + sentence[1:]}."
    if form == 2:
        return f"\u201c{sentence},\u201d said {who}."
    return f"According to {who}, {sentence[0].lower() + sentence[1:]}."


def generate(seeds, out, count, seed):
    """Writes the seeds and `count` generated articles into `out` (in name
    order: seeds first); returns the list of file names."""
    rng = random.Random(seed)
    paragraphs, sentences, words = _seed_material(seeds)
    os.makedirs(out, exist_ok=True)
    names = []
    for name in sorted(os.listdir(seeds)):
        if name.endswith(".txt"):
            shutil.copy(os.path.join(seeds, name), os.path.join(out, name))
            names.append(name)
    said = []  # (sentence, person): what later articles may report again
    for k in range(count):
        outlet = rng.choice(OUTLETS)
        month = rng.randrange(12)
        lines = [_variant(rng, rng.choice(sentences), words)[:90],
                 f"By {outlet}",
                 f"{rng.choice(CITIES)}, {MONTHS[month]} {rng.randint(1, 28)} ({outlet}) "
                 + _variant(rng, rng.choice(sentences), words) + "."]
        seen = set()
        for _ in range(rng.randint(4, 9)):
            r = rng.random()
            if r < 0.3:
                lines.append(rng.choice(paragraphs))
                continue
            if r < 0.55 and said:
                sentence, person = rng.choice(said)
                sentence = _variant(rng, sentence, words) if rng.random() < 0.5 else sentence
            else:
                sentence, person = _variant(rng, rng.choice(sentences), words), rng.choice(PEOPLE)
                said.append((sentence, person))
            lines.append(_quote_paragraph(rng, sentence, person, person not in seen))
            seen.add(person)
        name = f"gen_{k:05d}.txt"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n\n".join(lines) + "\n")
        names.append(name)
    return names
