// Statement matching, first half: the canonical form of a quote, WordNet
// synonymy, and a calibrated similarity between two quotes (0..1) that aligns
// their content words sentence by sentence. All text is UTF-8; all offsets are
// byte offsets into the string the caller passed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotetrace/error.hpp"

namespace quotetrace::match {

// One word of a quote in canonical form.
//   "Programmes" -> {surface "programs", stem "program", content true}
//   "I"          -> {surface "he", stem "he", content false}   (person folded, stop word)
//   "1,000"      -> {surface "1000", stem "1000", content true, number true}
struct token {
    std::string surface;        // NFKC_Casefold, marks folded, American spelling, person and auxiliaries folded
    std::string stem;           // Snowball English stem of `surface` (numbers: the number itself)
    std::size_t begin = 0;      // byte range of the word in the text given to canonicalizer::tokens
    std::size_t end = 0;
    std::uint32_t sentence = 0; // 0-based sentence index inside the text
    bool content = false;       // carries meaning: not a stop word, not part of a reporting frame
    bool number = false;        // a numeral ("90", "2.5", "three" -> "3")
    bool frame = false;         // part of a reporting frame ("he said that", ", according to X")
    bool capital = false;       // written with a capital inside its sentence (a name, most often)
    bool negation = false;      // "not", "never", "no" (stopwords.yaml: negations)
};

// The lexicon of the canonical form, from grammars/<language>/: spelling.yaml
// (British -> American pairs and word classes, number words), stopwords.yaml
// (stop words, negations, person and auxiliary folding, abbreviations) and
// speech_verbs.yaml (the verbs of reporting frames). Thread-safe after
// construction.
class canonicalizer {
public:
    // Throws quotetrace::error with id "lexicon.missing", "lexicon.syntax" or
    // "lexicon.type" naming the file (and line) when a file is unusable.
    //   match::canonicalizer canon(quotetrace::default_grammar_dir());
    explicit canonicalizer(const std::string& grammar_dir);
    ~canonicalizer();
    canonicalizer(canonicalizer&&) noexcept;
    canonicalizer& operator=(canonicalizer&&) noexcept;

    // The words of `utf8` in canonical form, in text order; punctuation and
    // quote marks are dropped, possessive 's too. Invalid UTF-8 bytes count as
    // separators. Never throws for bad text.
    //   canon.tokens("“Programmes,” he said.")  // programs(content), he, said(frame)
    std::vector<token> tokens(std::string_view utf8) const;

    // Canonical spelling of one lower-case word (spelling variants and folding
    // only, no stemming): "fuelling" -> "fueling", "i" -> "he".
    std::string fold_word(std::string_view lower_word) const;

    // Snowball English stem of one canonical word: "programs" -> "program".
    static std::string stem(std::string_view word);

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

// Synonym sets from WordNet 3.0's data.{noun,verb,adj,adv} and *.exc files
// (Debian's wordnet-base). Lemmas are lower case with spaces for underscores.
// A synset id packs the part of speech (0 noun, 1 verb, 2 adj, 3 adv) in the
// top two bits and the data-file offset below. Immutable and thread-safe once
// loaded; an empty instance knows no words.
class wordnet {
public:
    wordnet();
    ~wordnet();
    wordnet(wordnet&&) noexcept;
    wordnet& operator=(wordnet&&) noexcept;

    // Reads the four data files and the exception lists under `dir`.
    // Throws quotetrace::error id "wordnet.missing" naming the path when a
    // data file is absent or unreadable, "wordnet.syntax" naming file and line
    // when a synset line is malformed.
    //   auto wn = match::wordnet::load(match::wordnet::default_dir());
    static wordnet load(const std::string& dir);
    // The same answers without reading ahead: the index and data files are
    // mapped into memory and searched per word (binary search in the sorted
    // index.* and *.exc files, pointers read at their synsets' offsets).
    // Opening costs well under a millisecond, each first lookup a few
    // microseconds: for a few queries (who-said) rather than a corpus.
    // lemma_count() and synset_count() are 0 for an opened WordNet. Throws
    // "wordnet.missing" as load() does.
    static wordnet open(const std::string& dir);

    // $QUOTETRACE_WORDNET when set, else /usr/share/wordnet.
    static std::string default_dir();

    bool empty() const noexcept;
    std::size_t lemma_count() const noexcept;
    std::size_t synset_count() const noexcept;

    // Base forms of an inflected word that WordNet lists, from the exception
    // lists and the usual detachment rules: "provided" -> {"provide"},
    // "matters" -> {"matter"}, "went" -> {"go"}. The word itself comes first
    // when it is a lemma. Empty when WordNet does not know the word.
    std::vector<std::string> lemmas(std::string_view word) const;

    // Sorted synset ids of every sense of every base form of `word`.
    std::vector<std::uint32_t> synsets(std::string_view word) const;
    // Sorted synset ids one pointer away from those senses: similar-to,
    // derivation, pertainym, participle, also-see, verb group, hypernym.
    std::vector<std::uint32_t> neighbours(std::string_view word) const;

    // Whether two words share a synset ("supply", "provide").
    bool synonyms(std::string_view a, std::string_view b) const;
    // Whether they share a synset or one's sense is one pointer from the
    // other's ("block" is a kind of "prevent").
    bool related(std::string_view a, std::string_view b) const;

    struct impl;

private:
    std::shared_ptr<const impl> impl_;
};

// The calibration of the similarity: rarity weights of stems (document
// frequencies over a reference corpus), the match credit of synonyms, and the
// logistic weights and threshold that turn the features into a score.
// Produced by tools/calibrate_similar.py; read from data/similarity.yaml.
struct calibration {
    double documents = 0;                      // sentences in the reference corpus
    std::map<std::string, double> df;          // stem -> sentences it occurs in
    double synonym_credit = 0.8;               // a WordNet synonym counts this much of a stem match
    double related_credit = 0.5;               // a one-pointer neighbour
    double bias = 0;
    std::map<std::string, double> weights;     // feature name -> logistic weight
    double threshold = 0.5;                    // score >= threshold means "same statement"
    std::string source;                        // the file it came from, for messages

    // Reads a calibration YAML. Throws quotetrace::error id
    // "calibration.missing" or "calibration.syntax" naming the file (and
    // line), "calibration.type" for a field of the wrong kind or an unknown
    // feature name.
    static calibration load(const std::string& path);
    // $QUOTETRACE_CALIBRATION, else data/similarity.yaml of the source tree,
    // else the installed one.
    static std::string default_path();
};

// A canonical word as a similarity knows it: interned once per similarity,
// with what the alignment needs of it. Never changes once made.
// A hash of a stem's text (or any text), never 0: the same in every run and
// on every machine.
std::uint64_t stem_hash(std::string_view stem) noexcept;

struct lexeme {
    std::string surface;                      // token::surface
    std::string stem;                         // token::stem
    std::uint32_t id = 0;                     // one per surface form
    std::uint32_t stem_id = 0;                // one per stem
    // A hash of the stem's text. Ids follow the order words first came in;
    // what must come out the same in every run (a store's clustering after
    // a restart) hashes this instead.
    std::uint64_t stem_hash = 0;
    double weight = 0;                        // rarity weight of the stem (calibration document frequencies)
    // WordNet synsets, and those one pointer away: both empty for numbers,
    // and for a word that has carried no content yet (only content words
    // are aligned)
    std::vector<std::uint32_t> senses;
    std::vector<std::uint32_t> neighbours;
    // Each synset sets one bit in each half (hashed into 256 two ways): two
    // lexemes whose masks share no bit in either half share no synset, which
    // most pairs show without a list walk. With one half, two in five pairs
    // of unrelated words still shared a bit; both halves must, so far fewer do.
    using mask = std::array<std::uint64_t, 8>;
    mask sense_mask{}, neighbour_mask{};
    static bool overlap(const mask& x, const mask& y) noexcept {
        return ((x[0] & y[0]) | (x[1] & y[1]) | (x[2] & y[2]) | (x[3] & y[3])) != 0 &&
               ((x[4] & y[4]) | (x[5] & y[5]) | (x[6] & y[6]) | (x[7] & y[7])) != 0;
    }
};

// A quote prepared for matching: its canonical words as ids of the
// similarity's lexemes plus what depends on their place in the quote. Small
// (8 bytes a word), cheap to compare, safe to share across threads; valid as
// long as the similarity that made it.
struct prepared {
    enum flag : std::uint8_t { content = 1, number = 2, frame = 4, capital = 8, negation = 16 };
    struct word {
        std::uint32_t lexeme = 0;    // similarity::lexeme_at
        std::uint16_t sentence = 0;  // 0-based sentence index inside the quote (the last one holds the rest)
        std::uint8_t flags = 0;      // the token's booleans, as `flag` bits
        bool is(flag f) const noexcept { return (flags & f) != 0; }
    };
    std::vector<word> words;

    // How many of words [begin, end) carry content.
    std::size_t content_words(std::size_t begin, std::size_t end) const noexcept {
        std::size_t n = 0;
        for (std::size_t k = begin; k < end && k < words.size(); ++k) n += words[k].is(content);
        return n;
    }
    std::size_t content_words() const noexcept { return content_words(0, words.size()); }
    // One past the last word of the sentence word `begin` belongs to.
    std::size_t sentence_end(std::size_t begin) const noexcept {
        std::size_t e = begin + 1;
        while (e < words.size() && words[e].sentence == words[begin].sentence) ++e;
        return e;
    }
};
// Names of the features, in the order features() returns them.
const std::vector<std::string>& feature_names();

// Scores pairs of quotes. Refers to the canonicalizer and WordNet it was
// built with, which must outlive it, and owns the lexemes of every word it
// has prepared (each word's stem, weight and senses are looked up once).
// Thread-safe: prepare() interns new words under a lock.
class similarity {
public:
    similarity(const canonicalizer& canon, const wordnet& wn, calibration cal);
    ~similarity();
    similarity(const similarity&) = delete;
    similarity& operator=(const similarity&) = delete;

    prepared prepare(std::string_view utf8) const;

    // The calibrated similarity of two quotes in [0, 1], the best over
    // whole-against-whole and sentence-against-sentence alignments, so a
    // two-sentence quote matches each half printed on its own.
    //   sim.score(sim.prepare("I have invited them."), sim.prepare("He has invited them."))  // high
    double score(const prepared& a, const prepared& b) const { return score(a, b, 0.0); }
    double score(std::string_view a, std::string_view b) const { return score(prepare(a), prepare(b)); }
    // The same score when it reaches `floor`; otherwise some value below
    // `floor`, found sooner: an alignment whose cheap features already bound
    // the score under `floor` skips the costly ones (n-grams, LCS, edits).
    double score(const prepared& a, const prepared& b, double floor) const { return score(a, b, floor, nullptr); }
    // Which sentences gave the best score: an index into prepared::word's
    // `sentence` numbers, or -1 for the whole quote.
    struct aligned_parts {
        int a = -1, b = -1;
    };
    double score(const prepared& a, const prepared& b, double floor, aligned_parts* where) const;
    // score(a, b) >= the calibrated threshold.
    bool same(double score) const noexcept { return score >= cal_.threshold; }

    // How much of `part` `whole` holds: the weighted share of part's content
    // words aligned to whole's (stems, synonyms), times the share aligned in
    // order. A partial quote inside the full one scores near 1.
    double contained(const prepared& part, const prepared& whole) const;
    // The same for each sentence of `several` (a quote of two or more
    // sentences) that has `min_content` content words, held in `whole`: the
    // best, with its index in `sentence` (-1 when none is scored). One
    // sentence of a long direct quote, summed up in a lead's reported speech.
    double contained_sentence(const prepared& several, const prepared& whole, std::size_t min_content,
                              int& sentence) const;

    // The raw features of the whole-against-whole alignment (feature_names()
    // order), for calibration tools.
    std::vector<double> features(const prepared& a, const prepared& b) const;

    const calibration& calib() const noexcept { return cal_; }
    // Distinct words interned so far, and one of them by id.
    std::size_t lexeme_count() const;
    const lexeme& lexeme_at(std::uint32_t id) const;

    struct lexicon;

private:
    const canonicalizer* canon_;
    const wordnet* wn_;
    calibration cal_;
    std::vector<double> w_;  // weights in feature order
    std::unique_ptr<lexicon> lexicon_;
};

// Locality-sensitive hashing of a quote's content stems: `bands` MinHash
// bands of `rows` hashes each. Two quotes become candidates when any band
// agrees; for stem sets of Jaccard similarity J that happens with
// probability 1 - (1 - J^rows)^bands.
struct lsh_options {
    // 30 bands of 3 rows: two quotes whose content stems overlap by a Jaccard
    // of 0.5 meet in some band with probability 0.98, at 0.3 with 0.55, at
    // 0.1 with 0.03 (1 - (1 - J^rows)^bands).
    std::uint32_t bands = 30;
    std::uint32_t rows = 3;
    std::uint64_t seed = 0x5157'7261'6365'2024ULL;
    // Entries visited per band key, newest first: a band that many quotes
    // share (common words) says little, and visiting all of them would make
    // each new quote cost time in proportion to the quotes before it.
    std::size_t bucket_limit = 64;
};

struct cluster_options {
    lsh_options lsh;
    // The score a pair needs when both quotes name the same speaker and come
    // from different documents: the calibration's threshold answers "are two
    // sentences of one story paraphrases", and a shared speaker raises the
    // prior that two such quotes report one utterance. Negative: the
    // calibration's threshold.
    double same_speaker_threshold = 0.40;
    // The score a pair needs when one side has no speaker (an unattributed
    // quote joins a statement only when it is nearly the same words).
    double unattributed_threshold = 0.9;
    // The score two quotes of one speaker in one document need: a news
    // story often reports an utterance twice, summed up in its lead and
    // quoted further down, but its other statements are on the same topic,
    // so the bar is higher than across documents.
    double same_document_threshold = 0.8;
    // A short quote inside a longer one (a partial or headline quote) joins
    // it when this share of its content weight aligns in order and it has at
    // least `containment_words` content words.
    double containment_coverage = 0.8;
    std::size_t containment_words = 4;
    // An unattributed quote joins by containment only when it is longer and
    // held almost whole: a fragment of that size and fidelity is a cut of
    // the same words, not a phrase anyone might say.
    double unattributed_containment_coverage = 0.95;
    std::size_t unattributed_containment_words = 6;
    // Candidates verified per quote, most agreeing bands first; a
    // one-sentence quote stops at the first match this sure.
    std::size_t max_verified = 48;
    double sure = 0.9;
    // Quotes with fewer content words ("authoritarian", "even more
    // important") are too short to tell one utterance from another: each
    // stays its own statement, unless the same speaker says the very same
    // words (all stems, in order) and they hold at least
    // `min_exact_content_words` content words.
    std::size_t min_content_words = 3;
    std::size_t min_exact_content_words = 2;
    // A quote of one speaker that matches two of that speaker's statements
    // this surely (on the same sentence) shows they are one: they merge.
    // Without merging, a statement whose first wordings were far apart
    // stays split for good. Above 1: never merge.
    double merge_threshold = 0.75;
    // Candidates of other statements an attributed one-sentence quote still
    // verifies after a sure match, looking for a statement to merge. More
    // finds more splits to mend but also more false merges: on the
    // generator's 250,000 quotes 4 probes moved B-cubed from P 0.987 /
    // R 0.964 to P 0.973 / R 0.971, with 43% more verifications.
    std::size_t merge_probes = 0;
};

// Online clustering of quotes into statements: each quote added is matched
// against the candidates the index proposes (never all pairs), every
// candidate is verified with the similarity, and the quote joins the
// statement it matches best (a quote of several sentences: every statement
// it matches), or founds a new one. Statement ids
// are dense (0, 1, 2, ...) in order of foundation. Speakers must agree: a quote never
// joins a statement whose speaker is someone else; when either side is
// unattributed it joins only at `unattributed_threshold`. Within one
// document two quotes join at `same_document_threshold` or when one
// contains the other (a headline and its body, the halves of a split quote).
// Statements merge when one quote shows two to be one; ids returned before
// a merge then resolve() to the merged statement.
class statement_index {
public:
    explicit statement_index(const similarity& sim, cluster_options opt = {});
    ~statement_index();
    statement_index(statement_index&&) noexcept;
    statement_index& operator=(statement_index&&) noexcept;

    // Adds one quote of `document` said by `speaker` ("" when unknown);
    // returns the ascending ids of its statements (never empty), with the
    // ids of statements it merged into them.
    //   idx.add("What happens in Europe matters for Asia", "Jens Stoltenberg", "002")  // {0}
    std::vector<std::uint32_t> add(std::string_view text, std::string_view speaker, std::string_view document = {});
    // Puts back what an earlier run clustered (read from a store), without
    // verifying anything: first every statement id it issued, with its
    // speaker and the id it was merged into (itself when none), then every
    // quote with the statements it reports. Later quotes find restored ones
    // as candidates, and new statements are numbered after the highest id
    // restored. Restore everything before the first add().
    //   idx.restore_statement(0, "Jens Stoltenberg", 0);
    //   idx.restore("What happens in Europe matters for Asia", "Jens Stoltenberg", "002", {0});
    void restore_statement(std::uint32_t statement, std::string_view speaker, std::uint32_t merged_into);
    // `sentences` gives, per statement, the sentence of the quote that
    // reports it (as sentence() said when it was added; -1 the whole quote),
    // `indexed` what indexed() said of it (-1: unknown, judged from its
    // words, which can keep a quote that add() did not) and `keys` what
    // restore_keys() said: with them the quote is indexed without its
    // canonical form, which is made only when a later quote verifies it
    // (restoring a large store costs a fraction; empty or damaged keys: the
    // text is prepared now, as without them).
    void restore(std::string_view text, std::string_view speaker, std::string_view document,
                 const std::vector<std::uint32_t>& statements, const std::vector<int>& sentences = {},
                 int indexed = -1, std::string_view keys = {});
    // How the quote added last stays in the index: not at all (too short,
    // or the very words of an earlier quote), by its very words only (short,
    // or a near-copy of a kept quote, which later quotes find through that
    // one), or also as a candidate that later quotes are verified against.
    // A store keeps it so that restore() rebuilds the index add() built.
    enum class indexing : int { none = 0, words = 1, kept = 2 };
    indexing indexed() const noexcept;
    // What restore() needs to index the quote added last again without
    // preparing it (bytes, some 100 for a quote of a dozen content words;
    // empty when it is not indexed): a store keeps them beside indexed().
    std::string restore_keys() const;
    // The statements the quote added last holds for later quotes when kept,
    // each with the sentence that reports it (-1 the whole quote), as ids
    // issued then: a quote whose two sentences joined two statements that
    // later merged keeps both, which the resolved ids cannot say. Give
    // them to restore() (`statements` and `sentences`) to rebuild it.
    std::vector<std::pair<std::uint32_t, int>> kept_statements() const;
    // The sentence of the quote added last that reports `statement` (0-based),
    // or -1 when the whole quote does or the quote was not kept: what a store
    // keeps so that restore() gives back the same index.
    int sentence(std::uint32_t statement) const;

    std::size_t quotes() const noexcept;
    std::size_t statements() const noexcept;  // ids issued, merged ones included
    std::size_t merged() const noexcept;      // statements merged into another
    std::size_t verified() const noexcept;    // candidate pairs scored so far
    // The speaker of a statement ("" when none of its quotes has one).
    const std::string& speaker(std::uint32_t statement) const;
    // Lets quotes of an organisation and of a person who speaks for it
    // ("NATO" and its secretary general) share statements: `speaks_for(
    // organisation, person)` is asked for two different speakers. A
    // statement of both takes the person as its speaker.
    void set_affiliation(std::function<bool(std::string_view organisation, std::string_view person)> speaks_for);
    // The statement an id stands for now: ids that add() returned before a
    // merge resolve to the statement they merged into. add() returns
    // resolved ids; a batch that wants final ids resolves them at the end.
    std::uint32_t resolve(std::uint32_t statement) const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

// One line of an MSRP-format file: Quality<TAB>id1<TAB>id2<TAB>string1<TAB>string2.
struct msrp_pair {
    std::size_t line = 0;  // 1-based line number in the file
    bool ok = false;       // false: the line is malformed (reported through the sink)
    int quality = -1;      // 1 paraphrase, 0 not, -1 unknown
    std::string id1, id2, text1, text2;
};

// Reads an MSRP-format file ("-" for stdin): skips the header line (and a
// UTF-8 BOM), calls `on_pair` for every other non-empty line in order. A line
// with fewer than five fields gets a diagnostic "msrp.malformed" naming the
// file and line and is still passed on with ok = false, so callers can keep
// one output per pair position. Throws quotetrace::error id
// "input.unreadable" when the file cannot be opened.
void read_msrp(const std::string& path, const std::function<void(const msrp_pair&)>& on_pair,
               const diagnostic_sink& sink);

}  // namespace quotetrace::match
