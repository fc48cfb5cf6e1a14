"""Tests of the near-duplicate detector on small hand-written articles.

The texts imitate how wire copy is republished: re-headlined, wrapped in other boilerplate,
cut short, lightly edited. They are cleaned bodies, as the pipeline hands them to dedup.
"""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHashLSH
from pydantic import ValidationError

from corpus.dedup import DedupParams, Match, NearDuplicateIndex, lsh_layout, verify
from corpus.shingles import MinHasher, SignatureScheme, matching_key, tokens

V2 = MinHasher(DedupParams().signature_scheme())


def shingle_hashes(words: list[str], n: int, version: int = 2) -> np.ndarray:
    """Shingles of already tokenized words (joined, they are their own matching key)."""
    scheme = DedupParams(shingle_size=n, signature_version=version).signature_scheme()
    return MinHasher(scheme).shingles(" ".join(words))


FERRY = "\n\n".join(
    [
        "The Harbor Transit Authority will cut weekend ferry service to Gull Island from March, "
        "its board decided on Tuesday, blaming a shortage of licensed deckhands and rising fuel "
        "costs.",
        "Under the plan, the last Saturday boat will leave the mainland at 6:15 p.m. instead of "
        "9:40 p.m., and the Sunday morning crossing at 7 a.m. will be dropped altogether. "
        "Weekday timetables are unchanged.",
        '"We would rather run fewer boats reliably than cancel crossings at the last minute," '
        "said board chair Miriam Okafor. The authority cancelled 41 sailings last summer "
        "because crews were short.",
        "Island residents packed the meeting to object. Shop owner Daniel Reyes said the "
        "earlier evening departure would end dinner trade on Saturdays, when most visitors come "
        "over from the city.",
        "The authority said it had started a paid training programme for deckhands and hoped to "
        "restore the full timetable by the autumn. Fares will rise by 50 cents on April 1, the "
        "first increase since 2019.",
        "A public consultation on the new timetable opens next week and runs for thirty days.",
    ]
)

# The same story on another site: new headline, different boilerplate line at the end.
FERRY_RETITLED = (
    "Gull Island loses late ferries as crews run short\n\n"
    + FERRY
    + "\nSign up for the Morning Briefing newsletter to get local news every day.\n"
)

# A wire abridgement: cut mid-sentence after 80 of 174 words (line breaks lost on the way).
FERRY_ABRIDGED = " ".join(FERRY.split()[:80])


def edited(text: str, *edits: tuple[str, str]) -> str:
    """Apply exact substring edits, failing loudly if one no longer applies."""
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


# Light edits: two words changed, smart quotes, a typo, a joined sentence, an update line.
FERRY_EDITED = (
    edited(
        FERRY,
        ("on Tuesday", "on Tuesday evening"),
        ("rising fuel costs", "higher fuel costs"),
        ('"We would', "\u201cWe would"),
        ('minute," said', "minute,\u201d said"),
        ("residents packed", "residents pakced"),
        ("to object. Shop owner", "to object.Shop owner"),
    )
    + "\nUpdate: The authority has published the draft timetable on its website.\n"
)

# Same topic, same authority, different article: must NOT match.
FERRY_OTHER = "\n\n".join(
    [
        "Gull Island's ferry terminal will close for three weeks in January while engineers "
        "replace the corroded steel ramp that lets cars drive onto the boats, the Harbor "
        "Transit Authority announced.",
        "During the works, foot passengers will board from a temporary pontoon next to the fuel "
        "dock, and vehicles will not be carried at all. Deliveries to the island's grocery "
        "store will come by barge twice a week.",
        "The ramp was installed in 1988 and inspectors found cracks in two of its support beams "
        "during a routine survey in the autumn. Engineers said the ramp was safe for now but "
        "would not pass another winter of storms.",
        "Residents who need to bring a car across for medical reasons can apply for a special "
        "crossing on the supply barge. The authority said the project would cost about 2.3 "
        "million dollars, paid for from a state harbour grant.",
        "Work is scheduled to finish before the spring tourist season begins.",
    ]
)

ORCHARD = "\n\n".join(
    [
        "Apple growers in the Cedar Valley expect their smallest harvest in a decade after a "
        "late frost in April killed most of the blossom on the upper slopes, the regional "
        "growers' cooperative said.",
        "The cooperative estimates the crop at about 60 percent of a normal year. Orchards on "
        "the valley floor, which were protected by wind machines, came through largely "
        "unharmed, while older family farms on the hillsides lost almost everything.",
        "Prices for local cider are expected to rise, and two small producers have already said "
        "they will buy fruit from out of state to keep their presses running. Farm workers "
        "hired for the picking season may get fewer weeks of work.",
        "The state agriculture department has opened applications for emergency loans, and the "
        "cooperative is asking members to report their losses by the end of the month so it can "
        "apply for federal disaster aid.",
    ]
)

# A two-sentence brief that shares a stock phrase with a longer story.
BRIEF = (
    "The Harbor Transit Authority board meets again on Tuesday. The meeting is open to the public."
)


def add_all(index: NearDuplicateIndex, docs: list[tuple[str, str]]) -> dict[str, Match | None]:
    return {doc_id: index.add(doc_id, text) for doc_id, text in docs}


@pytest.fixture
def index() -> NearDuplicateIndex:
    return NearDuplicateIndex(DedupParams())


def test_exact_copy_is_duplicate_of_the_first(index: NearDuplicateIndex) -> None:
    assert index.add("a", FERRY) is None
    match = index.add("b", FERRY)
    assert match == Match(duplicate_of="a", similarity=1.0, measure="jaccard")


def test_retitled_copy_with_other_boilerplate_is_duplicate(index: NearDuplicateIndex) -> None:
    index.add("a", FERRY)
    match = index.add("b", FERRY_RETITLED)
    assert match is not None
    assert match.duplicate_of == "a"
    assert match.measure == "jaccard"


def test_abridged_copy_is_duplicate_by_containment(index: NearDuplicateIndex) -> None:
    full, part = index.shingles(FERRY), index.shingles(FERRY_ABRIDGED)
    verdict = verify(full, part, index.params)
    assert verdict.jaccard < index.params.jaccard_threshold  # Jaccard alone would miss it

    index.add("a", FERRY)
    match = index.add("b", FERRY_ABRIDGED)
    assert match is not None
    assert (match.duplicate_of, match.measure) == ("a", "containment")
    assert match.similarity == pytest.approx(1.0)


def test_full_story_after_its_abridgement_points_at_the_kept_abridgement(
    index: NearDuplicateIndex,
) -> None:
    """Keep order is the caller's: if the short copy came first, it is the one kept."""
    index.add("short", FERRY_ABRIDGED)
    match = index.add("full", FERRY)
    assert match is not None
    assert (match.duplicate_of, match.measure) == ("short", "containment")


def test_lightly_edited_copy_is_duplicate(index: NearDuplicateIndex) -> None:
    index.add("a", FERRY)
    match = index.add("b", FERRY_EDITED)
    assert match is not None
    assert match.duplicate_of == "a"
    assert match.similarity > 0.7


def test_same_topic_different_articles_are_not_duplicates(index: NearDuplicateIndex) -> None:
    results = add_all(index, [("ferry", FERRY), ("ramp", FERRY_OTHER), ("apples", ORCHARD)])
    assert results == {"ferry": None, "ramp": None, "apples": None}
    assert index.kept_count == 3


def test_short_brief_does_not_match_a_long_unrelated_article(index: NearDuplicateIndex) -> None:
    index.add("ferry", FERRY)
    index.add("ramp", FERRY_OTHER)
    assert index.add("brief", BRIEF) is None


def test_min_shingles_guard_stops_chance_containment() -> None:
    """A few words that also occur in a long story are 'contained' but are not a copy."""
    snippet = "the authority said it had started a paid training programme"
    params = DedupParams(min_shingles=15)
    index = NearDuplicateIndex(params)
    index.add("ferry", FERRY)
    assert verify(index.shingles(snippet), index.shingles(FERRY), params).containment == 1.0
    assert index.add("snippet", snippet) is None


def test_chain_points_at_the_kept_original(index: NearDuplicateIndex) -> None:
    """A (kept) <- B (copy of A) <- C (copy of B): C must point at A, never at duplicate B."""
    copy_b = FERRY_EDITED
    copy_c = edited(copy_b, ("Daniel Reyes", "Dan Reyes"), ("thirty days", "30 days"))
    results = add_all(index, [("A", FERRY), ("B", copy_b), ("C", copy_c)])
    assert results["A"] is None
    assert results["B"] is not None and results["B"].duplicate_of == "A"
    assert results["C"] is not None and results["C"].duplicate_of == "A"
    assert index.kept_count == 1


def test_same_input_order_gives_the_same_result() -> None:
    docs = [
        ("1", FERRY_ABRIDGED),
        ("2", ORCHARD),
        ("3", FERRY),
        ("4", FERRY_OTHER),
        ("5", FERRY_EDITED),
        ("6", BRIEF),
        ("7", FERRY_RETITLED),
    ]
    first = add_all(NearDuplicateIndex(DedupParams()), docs)
    second = add_all(NearDuplicateIndex(DedupParams()), docs)
    assert first == second
    assert {k: v.duplicate_of for k, v in first.items() if v} == {"3": "1", "5": "1", "7": "1"}


def test_repeated_id_gets_a_consistent_answer(index: NearDuplicateIndex) -> None:
    """Ids are content-derived: the same id again is the same text, and is never re-indexed."""
    index.add("kept", FERRY)
    first = index.add("copy", FERRY_EDITED)
    assert index.add("kept", FERRY) == Match("kept", 1.0, "exact")
    assert index.add("copy", FERRY_EDITED) == first
    assert index.kept_count == 1


def test_text_without_words_is_neither_matched_nor_kept(index: NearDuplicateIndex) -> None:
    assert index.add("empty", " \n -- \n") is None
    assert index.kept_count == 0


def test_matching_key_erases_case_digits_punctuation_and_quotes() -> None:
    assert matching_key("\u201cFerry\u201d fares: $2.50,\u00a0up   from 2019!") == (
        "ferry fares 0 00 up from 0000"
    )
    assert matching_key("said.The") == "said the"  # joined sentences still split
    assert matching_key("\uff26\uff25\uff32\uff32\uff39") == "ferry"  # NFKC full-width letters
    assert tokens("Don\u2019t stop") == tokens("don't STOP") == ["don", "t", "stop"]


def test_shingles_are_sorted_unique_and_cover_short_texts() -> None:
    words = "a b c a b c".split()
    hashes = shingle_hashes(words, 3)
    assert hashes.dtype == np.uint64
    assert list(hashes) == sorted(set(hashes.tolist()))
    assert hashes.size == 3  # "a b c", "b c a", "c a b"
    assert shingle_hashes(["short"], 3).size == 1
    assert shingle_hashes([], 3).size == 0


def test_shingles_equal_numpys_sorted_unique_of_the_ngram_hashes() -> None:
    """`shingles_of` dedups by sort + neighbour test; it must give what np.unique gives."""
    from corpus.shingles import _POLY, _fmix64_inplace, shingles_of

    rng = np.random.default_rng(3)
    for size in (1, 2, 3, 5, 40, 700):
        # a small vocabulary, so repeated n-grams (duplicates to remove) are common
        words = rng.integers(0, 6, size=size).astype(np.uint64) * np.uint64(0x9E3779B1)
        width = min(3, size)
        count = size - width + 1
        with np.errstate(over="ignore"):
            combined = words[:count].copy()
            for k in range(1, width):
                combined = combined * _POLY + words[k : k + count]
            expected = np.unique(_fmix64_inplace(combined + np.uint64(width)))
        assert np.array_equal(shingles_of(words, 3), expected), size


def reference_key(text: str) -> str:
    """The matching key by its definition, with regular expressions (what `key_bytes` and
    `matching_key` must equal): NFKC, casefold, non-word characters and "_" to spaces,
    digits of every script to 0, single spaces."""
    import re
    import unicodedata

    key = unicodedata.normalize("NFKC", text).casefold()
    key = re.sub(r"\d", "0", re.sub(r"[\W_]+", " ", key))
    return " ".join(key.split())


def test_tokens_are_the_matching_key_words() -> None:
    """The byte-table tokenizer must give `matching_key`'s words (curly quotes, dashes, ©,
    NFKC letters, accents, digits) without building the key."""
    samples = [
        FERRY,
        "\u201cFerry\u201d fares \u2014 $2.50,\u00a0up from 2019! \u00a9 Herald \u00b7 News",
        "Caf\u00e9 owners in M\u00fcnchen said.The \uff26\uff25\uff32\uff32\uff39 re_opened",
        "Don\u2019t stop \u2013 it\u2019s \u00bcth of the \ufb01nal plan\u2026",
    ]
    for text in samples:
        assert tokens(text) == reference_key(text).split(), text
        assert matching_key(text) == reference_key(text), text


def test_key_words_equal_the_matching_key_words_on_random_text() -> None:
    """`key_bytes` normalises runs of non-ASCII characters one at a time (an encode error
    handler); on text mixing ASCII with accents, combining marks (which compose with the
    letter before them), ligatures, fractions, full-width and Greek letters, quotes and dashes
    it must give exactly the words of the whole-text `matching_key`."""
    import random

    from corpus.shingles import key_bytes

    alphabet = [
        *"abcXYZ 09.,-'_\n\t",
        "\u00e9", "e\u0301", "\u0301", "\u2019", "\u201c", "\u2014", "\ufb01", "\u00bc",
        "\u03a9", "\u00df", "\u0130", "\uff26", "\u2460", "\u00a0", "\u00a9", "\u2026",
        "\u1100\u1161", "\u00c5", "\u212b", "\u0131", "\u0663", "\u096a", "\uff13",
    ]  # fmt: skip
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        words = [w.decode("utf-8") for w in key_bytes(text).split()]
        assert words == reference_key(text).split(), repr(text)
        assert matching_key(text) == reference_key(text), repr(text)


def test_shingle_hashes_from_text_equal_those_from_words() -> None:
    words = tokens(FERRY)
    for version in (1, 2):
        scheme = DedupParams(signature_version=version).signature_scheme()
        assert np.array_equal(MinHasher(scheme).shingles(FERRY), shingle_hashes(words, 3, version))
    assert not np.array_equal(shingle_hashes(words, 3), shingle_hashes(words, 2))
    assert not np.array_equal(shingle_hashes(words, 3, 1), shingle_hashes(words, 3, 2))


def test_version_2_word_hashes_are_a_polynomial_of_each_words_bytes() -> None:
    """The prefix-sum form must equal the plain polynomial, word by word, whatever the
    spacing around the words; equal words hash equal, different words differently."""
    from corpus.shingles import _BYTE_BASE, key_bytes, poly_word_hashes

    def plain(word: bytes) -> int:
        value = 0
        for byte in word:
            value = (value * _BYTE_BASE + byte) & ((1 << 64) - 1)
        return value

    for text in (FERRY, "  a  bb a ", "x", "", "   ", "caf\u00e9 \u00fcber caf\u00e9"):
        words = key_bytes(text).split()
        assert poly_word_hashes(key_bytes(text)).tolist() == [plain(w) for w in words], text
    hashes = poly_word_hashes(key_bytes("ferry fare ferry fares"))
    assert hashes[0] == hashes[2] and len(set(hashes.tolist())) == 3
    long_text = "word " * 20_000  # beyond the cached power tables' first size
    assert np.all(poly_word_hashes(key_bytes(long_text)) == plain(b"word"))


def test_batched_word_hashes_are_each_keys_own() -> None:
    """Keys hashed together (`word_hashes_of`) give each key the word hashes it has alone,
    empty keys and stray spaces included, and the offsets say whose words are whose."""
    from corpus.shingles import key_bytes, poly_word_hashes, word_hashes_of

    keys = [key_bytes(t) for t in (FERRY, "", "x", "  a  bb a ", FERRY_RETITLED, "   ", "x y")]
    hashes, offsets = word_hashes_of(keys)
    assert offsets.tolist()[0] == 0 and offsets[-1] == hashes.size
    for number, key in enumerate(keys):
        alone = word_hashes_of([key])[0]
        assert np.array_equal(hashes[offsets[number] : offsets[number + 1]], alone), key
        assert alone.tolist() == poly_word_hashes(key).tolist()
        assert alone.size == len(key.split())


def test_batched_shingles_are_each_texts_shingles_of_its_words() -> None:
    """`shingles_batch` against `shingles_of` text by text: texts of 0, 1, fewer than n, n and
    many words, with repeated n-grams within a text and across texts (a repeat across texts
    must stay in both)."""
    from corpus.shingles import shingles_batch, shingles_of

    rng = np.random.default_rng(7)
    sizes = [0, 1, 2, 3, 5, 0, 40, 700, 2, 0, 3, 1]
    texts = [rng.integers(0, 6, size=n).astype(np.uint64) * np.uint64(0x9E3779B1) for n in sizes]
    offsets = np.r_[0, np.cumsum(sizes)]
    for n, salt in ((3, 0), (1, 5), (4, 2**63 + 11)):
        hashes, found = shingles_batch(np.concatenate(texts), offsets, n, salt)
        assert found[0] == 0 and found[-1] == hashes.size
        for number, words in enumerate(texts):
            expected = shingles_of(words, n, salt)
            assert np.array_equal(hashes[found[number] : found[number + 1]], expected), number


def test_key_batches_keep_every_key_in_order() -> None:
    from corpus.shingles import batches

    keys = [b"a" * n for n in (0, 5, 90, 3, 400, 1, 1, 1, 0)]
    parts = list(batches(keys, 100))
    assert [key for part in parts for key in part] == keys
    assert all(sum(len(k) + 1 for k in part[:-1]) < 100 for part in parts)
    assert [len(part) for part in parts] == [4, 1, 4]  # a batch closes at 100 bytes or more
    assert list(batches([], 100)) == []


def test_fingerprints_of_a_shard_equal_each_texts_own() -> None:
    """The pipeline signs a shard's texts at once, in several batches of key bytes: every
    text must get what it gets alone (texts without words get None)."""
    from bench.synthetic import iter_articles
    from corpus.dedup import fingerprint, fingerprints
    from corpus.shingles import BATCH_BYTES

    texts = [doc.body for doc in iter_articles(160, seed=2, html_share=0.0, words=600)]
    texts[3:3] = ["", "!!!", "one", "two words", FERRY, FERRY]
    assert sum(len(t) for t in texts) > 2 * BATCH_BYTES  # several batches
    for version in (1, 2):
        params = DedupParams(signature_version=version)
        batch = fingerprints(texts, params)
        assert [f is None for f in batch[3:6]] == [True, True, False]
        for text, found in zip(texts, batch, strict=True):
            alone = fingerprint(text, params)
            assert (found is None) == (alone is None)
            if found is not None:
                assert np.array_equal(found.shingles, alone.shingles)
                assert np.array_equal(found.signature, alone.signature)
        assert np.array_equal(batch[7].signature, batch[8].signature)  # FERRY twice


def test_version_2_signature_is_each_bins_minimum_of_the_sorted_shingles() -> None:
    """Bins read off the sorted array must equal a direct per-bin minimum (top 8 bits = bin
    for 256 values), and empty bins must borrow along the same probe sequences as version 1."""
    from corpus.shingles import _probes

    rng = np.random.default_rng(5)
    scheme = SignatureScheme(num_perm=256, shingle_size=3, signature_bits=64)
    hasher = MinHasher(scheme)
    sets, signatures = [], []
    for size in (1, 2, 50, 600, 3000):
        hashes = np.unique(rng.integers(0, 2**64, size, dtype=np.uint64))
        bins = (hashes >> np.uint64(56)).astype(int)
        expected = np.full(256, -1, dtype=object)
        for value, b in zip(hashes.tolist(), bins.tolist(), strict=True):
            rest = value & ((1 << 56) - 1)
            if expected[b] == -1 or rest < expected[b]:
                expected[b] = rest
        probes = _probes(256, scheme.minhash_seed)
        filled = expected != -1
        for b in np.flatnonzero(~filled):
            donor = next(p for p in probes[b] if filled[p])
            expected[b] = expected[donor]
        assert hasher.values(hashes).tolist() == list(expected), size
        sets.append(hashes)
        signatures.append(list(expected))
    # All sets signed at once, with an empty set among them (its row is all zeros, no signature)
    sets.insert(2, np.empty(0, dtype=np.uint64))
    signatures.insert(2, [0] * 256)
    rows = hasher.batch_values(np.concatenate(sets), np.r_[0, np.cumsum([s.size for s in sets])])
    assert rows.tolist() == signatures


def test_signature_agreement_estimates_jaccard() -> None:
    """One-permutation hashing with densification: the share of equal values estimates the
    Jaccard similarity without bias, as classic MinHash does (std ~ sqrt(J(1-J)/256))."""
    hasher = MinHasher(SignatureScheme(num_perm=256, shingle_size=3, signature_bits=64))
    rng = np.random.default_rng(0)
    errors = []
    for jaccard in (0.1, 0.3, 0.5, 0.8):
        for _ in range(40):
            common_n = round(2 * 600 * jaccard / (1 + jaccard))
            common = rng.integers(0, 2**63, common_n, dtype=np.uint64)
            a = np.unique(np.r_[common, rng.integers(0, 2**63, 600 - common_n, dtype=np.uint64)])
            b = np.unique(np.r_[common, rng.integers(0, 2**63, 600 - common_n, dtype=np.uint64)])
            true = np.intersect1d(a, b).size / np.union1d(a, b).size
            errors.append(float(np.mean(hasher.values(a) == hasher.values(b))) - true)
    assert abs(np.mean(errors)) < 0.01  # unbiased
    assert np.mean(np.abs(errors)) < 0.04  # as precise as 256 classic permutations


def test_signature_is_deterministic_and_short_texts_are_densified() -> None:
    scheme = SignatureScheme(num_perm=128, shingle_size=3)
    hasher = MinHasher(scheme)
    one = hasher.values(shingle_hashes(["brief"], 3))
    assert one.size == 128 and np.all(one == one[0])  # one shingle: every bin borrows it
    first = hasher.values(shingle_hashes(tokens(FERRY), 3))
    again = MinHasher(SignatureScheme(num_perm=128, shingle_size=3)).values(
        shingle_hashes(tokens(FERRY), 3)
    )
    assert np.array_equal(first, again)
    assert first.max() < 2**16  # 16-bit storage
    lsh = MinHashLSH(threshold=0.5, num_perm=128)  # datasketch bands our values
    lsh.insert("ferry", hasher.signature(shingle_hashes(tokens(FERRY), 3)))
    assert lsh.query(hasher.signature(shingle_hashes(tokens(FERRY_RETITLED), 3))) == ["ferry"]


def test_signature_scheme_records_what_makes_signatures_comparable() -> None:
    scheme = DedupParams(shingle_size=4, num_perm=128).signature_scheme()
    manifest = scheme.as_dict()
    assert manifest["num_perm"] == 128
    assert manifest["shingle_size"] == 4
    assert manifest["hash_function"] == "bytepoly64-words-poly-fmix64"
    assert manifest["minhash_scheme"] == "oph-sorted-bins-v2"
    old = DedupParams(shingle_size=4, num_perm=128, signature_version=1).signature_scheme()
    assert old.as_dict()["hash_function"] == "xxh3_64-words-poly-fmix64"
    assert old.as_dict()["minhash_scheme"] == "oph-densified-v1"
    # a dataset begun with version 1 keeps it; other differences are not taken over
    assert DedupParams().for_dataset(old.as_dict()).signature_version == 1
    assert DedupParams().for_dataset(old.as_dict()).shingle_size == 3
    assert DedupParams().for_dataset(None).signature_version == 2
    assert manifest["signature_bits"] == 16
    assert manifest["datasketch_version"] == "2.0.0"
    assert {"hash_seed", "minhash_seed", "minhash_scheme"} <= manifest.keys()


def test_params_validate_explicit_lsh_bands() -> None:
    with pytest.raises(ValidationError):
        DedupParams(lsh_bands=64)
    with pytest.raises(ValidationError):
        DedupParams(num_perm=128, lsh_bands=64, lsh_rows=4)
    index = NearDuplicateIndex(DedupParams(num_perm=128, lsh_bands=64, lsh_rows=2))
    assert index.lsh_bands_rows == (64, 2)


@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_lsh_layout_is_datasketchs_optimum(num_perm: int) -> None:
    """Computed without datasketch (and scipy), the same (bands, rows) as its `MinHashLSH`."""
    for threshold in (0.05, 0.1, 0.3, 0.5, 0.7, 0.9):
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert lsh_layout(DedupParams(num_perm=num_perm, lsh_threshold=threshold)) == (lsh.b, lsh.r)


def test_prefetched_batch_gives_what_the_streaming_lsh_gives() -> None:
    """`prefetch` (band keys sorted in numpy, no datasketch tables) must decide exactly as the
    datasketch LSH path does, on near-copies, abridged copies and unrelated stories."""
    from corpus.dedup import fingerprint

    rng = np.random.default_rng(3)
    vocabulary = [f"w{i}" for i in range(300)]
    docs: list[tuple[str, str]] = [("ferry", FERRY), ("retitled", FERRY_RETITLED)]
    for i in range(120):
        words = list(rng.choice(vocabulary, size=150))
        docs.append((f"s{i}", " ".join(words)))
        if i % 4 == 0:  # a copy with a tenth of its words changed
            for j in rng.choice(len(words), size=15, replace=False):
                words[j] = str(rng.choice(vocabulary))
            docs.append((f"s{i}-copy", " ".join(words)))
        if i % 5 == 0:  # an abridged copy: its first 40 %
            docs.append((f"s{i}-short", " ".join(words[:60])))
    streaming = add_all(NearDuplicateIndex(DedupParams()), docs)
    batch = NearDuplicateIndex(DedupParams())
    prepared = {doc_id: fingerprint(text, batch.params) for doc_id, text in docs}
    batch.prefetch([(doc_id, prepared[doc_id]) for doc_id, _ in docs])
    batched = {doc_id: batch.add(doc_id, prepared=prepared[doc_id]) for doc_id, _ in docs}
    assert batched == streaming
    assert sum(m is not None for m in streaming.values()) >= 50  # real duplicates decided


def test_common_count_is_the_size_of_the_intersection() -> None:
    from corpus.dedup import common_count

    rng = np.random.default_rng(5)
    for size_a, size_b in ((0, 5), (5, 0), (1, 1), (30, 700), (700, 30), (400, 400)):
        a = np.unique(rng.integers(0, 900, size=size_a).astype(np.uint64))
        b = np.unique(rng.integers(0, 900, size=size_b).astype(np.uint64))
        assert common_count(a, b) == np.intersect1d(a, b, assume_unique=True).size
    top = np.array([np.iinfo(np.uint64).max], dtype=np.uint64)
    assert common_count(top, top) == 1


def test_implausible_candidates_are_dropped_without_changing_any_decision(monkeypatch) -> None:
    """Stories that share stock sentences are LSH candidates of each other; the signature
    test (`_plausible`) must skip most of their exact verifications and decide exactly as
    verifying every candidate does, abridged copies (low Jaccard, high containment) and
    near-copies included."""
    import corpus.dedup
    from corpus.dedup import fingerprint

    rng = np.random.default_rng(8)
    letters = list("abcdefghijklmnopqrstuvwxyz")
    vocabulary = ["".join(rng.choice(letters, size=6)) for _ in range(2000)]  # (digits → 0)
    stock = [" ".join(rng.choice(vocabulary, size=12)) for _ in range(6)]  # shared sentences
    docs: list[tuple[str, str]] = []
    for i in range(150):
        words = list(rng.choice(vocabulary, size=130))
        text = " ".join(words) + " " + " ".join(rng.choice(stock, size=4, replace=False))
        docs.append((f"s{i}", text))
        if i % 5 == 0:
            docs.append((f"s{i}-short", " ".join(text.split()[:50])))
        if i % 7 == 0:
            edited = text.split()
            for j in rng.choice(len(edited), size=12, replace=False):
                edited[j] = str(rng.choice(vocabulary))
            docs.append((f"s{i}-edit", " ".join(edited)))

    def decide() -> tuple[dict[str, object], int]:
        index = NearDuplicateIndex(DedupParams())
        prepared = {doc_id: fingerprint(text, index.params) for doc_id, text in docs}
        index.prefetch([(doc_id, prepared[doc_id]) for doc_id, _ in docs])
        found = {doc_id: index.add(doc_id, prepared=prepared[doc_id]) for doc_id, _ in docs}
        return found, index.candidates_checked

    filtered, checked = decide()
    monkeypatch.setattr(corpus.dedup, "PLAUSIBLE_SIGMAS", float("inf"))  # verify every one
    everything, all_checked = decide()
    assert filtered == everything
    assert sum(m is not None for m in filtered.values()) == 30 + 22  # abridged + edited
    assert all_checked > 5 * checked, (all_checked, checked)  # stock sentences: many candidates


def test_band_table_searches_only_shared_bands_with_the_same_answer() -> None:
    from corpus.dedup import BandTable

    rng = np.random.default_rng(12)
    keys = rng.integers(0, 40, size=(300, 8)).astype(np.uint64)  # many shared, some unique
    keys[::7] = rng.integers(10**6, 10**9, size=(len(keys[::7]), 8))  # rows sharing nothing
    table = BandTable(keys)
    for row in range(len(keys)):
        assert np.array_equal(table.rows_sharing(keys[row], row), table.rows_sharing(keys[row]))
    assert table.rows_sharing(keys[0], 0).tolist() == [0]


@pytest.mark.parametrize("cap", [1 << 22, 50])  # 50: blocks split down to single rows
def test_band_table_partners_are_every_rows_candidates_at_once(monkeypatch, cap: int) -> None:
    """`partners` on a block of rows gives exactly what `rows_sharing` gives row by row
    (without the row itself), also when the block is split to bound its memory."""
    import corpus.dedup
    from corpus.dedup import BandTable

    monkeypatch.setattr(corpus.dedup, "MAX_PAIR_POSITIONS", cap)
    rng = np.random.default_rng(13)
    keys = rng.integers(0, 40, size=(300, 8)).astype(np.uint64)
    keys[::7] = rng.integers(10**6, 10**9, size=(len(keys[::7]), 8))
    table = BandTable(keys)
    row, other = table.partners(keys, 20, 260)
    assert np.all(np.diff(row) >= 0) and row.min() >= 20 and row.max() < 260
    for r in range(20, 260):
        expected = [o for o in table.rows_sharing(keys[r]).tolist() if o != r]
        assert other[row == r].tolist() == expected
    assert not np.any(row == other)
