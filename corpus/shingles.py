"""Matching keys, word shingles and MinHash signatures for near-duplicate detection.

Why this module exists separately from `corpus.dedup`: the signature scheme is part of the
dataset's contract. A persisted index only compares with signatures made by *exactly* the same
recipe (key normalisation, shingle size, hashes, seeds, number of values, bits stored).
`SignatureScheme` records that recipe and the state folder refuses to mix two.

Speed is the point of the recipe (`newshygiene bench` measures it against datasketch's own
`MinHash.update_batch`). Two versions exist; new datasets get version 2, and a dataset begun
with version 1 keeps it (`corpus.dedup.DedupParams.for_dataset`):

- **Key words** (both): the matching key's words as bytes, made with an ASCII error handler
  and a byte translation table instead of the key's regular expressions (`key_bytes`).
- **Word hashes**: version 2 hashes all words of a text at once in numpy, as a polynomial of
  each word's bytes computed from one prefix sum (`word_hashes_of`); version 1 calls xxh3-64
  once per word, which cost ~60 % of a signature.
- **Shingle hashes** (both): a word n-gram's hash is a polynomial of its words' hashes,
  finished by the MurmurHash3 fmix64 mixer, all in numpy. Hashing every n-gram's string
  instead costs a Python join and hash per shingle.
- **Signature**: one-permutation hashing (Li, Owen & Zhang 2012) with densification
  (Shrivastava 2017): a shingle hash's top bits pick one of `num_perm` bins and a bin keeps its
  minimum. Empty bins borrow the value of the first non-empty bin along a fixed pseudo-random
  probe sequence, the same for every document, which keeps Pr[two signatures agree in a bin]
  = Jaccard, as for classic MinHash. Version 2 reads the bins off the sorted shingle hashes
  (the bins are contiguous ranges of the sorted array, so each bin's minimum is its first
  element); version 1 re-mixes every shingle hash and scatters it into its bin. Either costs
  O(shingles + num_perm) instead of O(shingles × num_perm).

- **Batches** (version 2): a text's arrays are short (~600 words), so numpy's cost per call,
  1-3 µs, was most of a signature's time. `MinHasher.fingerprints` signs many texts at once
  (the pipeline hands it a shard): their words are hashed in one pass, their n-grams summed
  and mixed in one (those straddling two texts dropped), their bins read in one; only the
  sort of each text's shingles is a call per text. Each text gets exactly the values it gets
  alone (`tests/corpus/test_dedup.py`).

Measured on 6,000 synthetic articles (~600 words, one core, best of 3): version 2 in batches
45-51 µs a document (19,700-22,000 documents/s; key words 7, word hashes 13, shingle hashes
13, of which the per-text sorts 7, signatures 10), one text at a time 163 µs (before batches,
94-103 µs), version 1 ~130 µs; datasketch's SHA-1 `update_batch` ~900 µs.

Signatures are plain uint64 arrays; `datasketch.MinHashLSH` indexes them (wrapped in a
`LeanMinHash`, which is only a container here) for the shared Redis index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version
from itertools import pairwise
from typing import Literal

import numpy as np
import xxhash

from cleaners.lines import key_bytes, matching_key

__all__ = [
    "BATCH_BYTES",
    "HASH_FUNCTIONS",
    "MINHASH_SCHEME",
    "SIGNATURE_SCHEMES",
    "MinHasher",
    "SignatureScheme",
    "SignatureVersion",
    "key_bytes",
    "matching_key",
    "pack_signature",
    "poly_word_hashes",
    "shingles_batch",
    "shingles_of",
    "token_hashes",
    "tokens",
    "unpack_signature",
    "word_hashes_of",
]

SignatureVersion = Literal[1, 2]
HASH_FUNCTIONS: dict[int, str] = {
    1: "xxh3_64-words-poly-fmix64",
    2: "bytepoly64-words-poly-fmix64",
}
"""Name of each version's shingle hash, as recorded in `SignatureScheme.hash_function`."""

SIGNATURE_SCHEMES: dict[int, str] = {1: "oph-densified-v1", 2: "oph-sorted-bins-v2"}
"""How each version makes signature values (recorded in `SignatureScheme.minhash_scheme`)."""

MINHASH_SCHEME = "affine64"
"""The datasketch container label for `LeanMinHash` (datasketch requires one of its names;
it does not change the values, which are ours)."""

# MurmurHash3 fmix64 constants.
_FMIX_SHIFT = np.uint64(33)
_FMIX_M1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_M2 = np.uint64(0xC4CEB9FE1A85EC53)
# Multiplier of the n-gram polynomial (an odd 64-bit constant, the golden ratio's bits).
_POLY = np.uint64(0x9E3779B97F4A7C15)
# Base of version 2's byte polynomial: odd (so invertible mod 2^64, which the prefix-sum
# trick needs) and unlike _POLY, so a word split differently cannot give the same n-gram sum.
_BYTE_BASE = 0xD6E8FEB86659FD93
_EMPTY = np.iinfo(np.uint64).max
_MASK64 = (1 << 64) - 1

_SPACE = 32
#: Key bytes that `MinHasher.fingerprints` hashes in one batch: ~60 articles of 600 words,
#: enough to spread numpy's cost per call thin, small enough that the power tables of
#: `word_hashes_of` stay at 2-4 MB.
BATCH_BYTES = 1 << 18


def tokens(text: str) -> list[str]:
    """Words of the matching key: the units that shingles are built from."""
    return [w.decode("utf-8") for w in key_bytes(text).split()]


def token_hashes(text: str, seed: int = 0) -> np.ndarray:
    """Version 1's word hashes: xxh3-64 of each matching-key word of `text`, in order."""
    words = key_bytes(text).split()
    digest = xxhash.xxh3_64_intdigest
    hashed = map(digest, words) if seed == 0 else (digest(w, seed) for w in words)
    return np.fromiter(hashed, dtype=np.uint64, count=len(words))


def _powers(base: int, n: int) -> np.ndarray:
    """base^0 … base^(n-1) mod 2^64."""
    out = np.empty(max(n, 1), dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        out[1:] = np.cumprod(np.full(out.size - 1, np.uint64(base), dtype=np.uint64))
    return out


@cache
def _byte_powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Powers of the byte base and of its inverse mod 2^64, for texts of up to `n` bytes."""
    return _powers(_BYTE_BASE, n), _powers(pow(_BYTE_BASE, -1, 1 << 64), n)


def poly_word_hashes(key: bytes) -> np.ndarray:
    """Version 2's word hashes of one key (`key_bytes` output): `word_hashes_of([key])`."""
    return word_hashes_of([key])[0]


def word_hashes_of(keys: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Version 2's word hashes of several keys in one pass: every word's polynomial
    Σ byte_i · B^(len−1−i) mod 2^64, key after key, and each key's first word (`len(keys) + 1`
    offsets, the last one the number of words).

    One prefix sum S_k = Σ_{j<k} byte_j · B^−j over the keys joined by spaces gives any word
    [s, e) as (S_e − S_s) · B^(e−1), the same value wherever the word sits: a handful of numpy
    passes for a whole batch instead of a Python hash call per word. Numpy's cost per call
    (1-3 µs) is most of the time on one 600-word article, so batches are what make it cheap.
    The polynomial is not mixed here: the shingles mix the n-gram sums, where the bits are used.
    """
    data = np.frombuffer(b" " + b" ".join(keys) + b" ", dtype=np.uint8)
    size = data.size
    in_word = data != _SPACE
    edges = np.flatnonzero(in_word[1:] != in_word[:-1])
    edges += 1
    starts, ends = edges[0::2], edges[1::2]
    powers, inverse = _byte_powers(max(1 << 16, 1 << (size - 1).bit_length()))
    prefix = np.empty(size + 1, dtype=np.uint64)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        np.multiply(data, inverse[:size], out=prefix[1:])
        np.cumsum(prefix[1:], out=prefix[1:])
        hashes = prefix[ends]
        hashes -= prefix[starts]
        hashes *= powers[ends - 1]
    # Key i begins at byte 1 + Σ_{j<i} (len_j + 1); its first word is the first word there.
    key_starts = np.ones(len(keys) + 1, dtype=np.intp)
    np.cumsum(np.fromiter(map(len, keys), dtype=np.intp, count=len(keys)) + 1, out=key_starts[1:])
    key_starts[1:] += 1
    offsets = np.searchsorted(starts, key_starts)
    offsets[-1] = starts.size
    return hashes, offsets


def batches(keys: Sequence[bytes], batch_bytes: int) -> Iterator[Sequence[bytes]]:
    """Consecutive runs of `keys` of about `batch_bytes` together (a longer key alone)."""
    first, size = 0, 0
    for number, key in enumerate(keys):
        size += len(key) + 1
        if size >= batch_bytes:
            yield keys[first : number + 1]
            first, size = number + 1, 0
    if first < len(keys):
        yield keys[first:]


def _fmix64_inplace(v: np.ndarray) -> np.ndarray:
    """MurmurHash3's fmix64 of every value, overwriting the array (no temporaries to allocate
    beyond the shifts)."""
    v ^= v >> _FMIX_SHIFT
    v *= _FMIX_M1
    v ^= v >> _FMIX_SHIFT
    v *= _FMIX_M2
    v ^= v >> _FMIX_SHIFT
    return v


def _unique_sorted_inplace(values: np.ndarray) -> np.ndarray:
    values.sort()
    if values.size < 2:
        return values
    first = np.empty(values.size, dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` by a sort and a neighbour test (numpy 2's unique first builds a
    hash table: 3x slower on the few hundred values the dedup stage hands it)."""
    return _unique_sorted_inplace(values.copy())


def shingles_of(word_hashes: np.ndarray, n: int, salt: int = 0) -> np.ndarray:
    """Sorted-unique hashes of the word `n`-grams, from the words' hashes.

    A text shorter than `n` words gets one shingle made of all its words, so a short brief
    still has a (tiny) fingerprint instead of none. The sorted-unique form is what exact
    verification intersects, at 8 bytes per shingle instead of a Python set's ~70. `salt`
    (version 2's seeds) is added before mixing; version 1 has none.
    """
    if n < 1:
        raise ValueError("shingle size must be at least 1")
    size = word_hashes.size
    if size == 0:
        return np.empty(0, dtype=np.uint64)
    # np.unique gives the same array, but numpy 2's hash-table first pass made it 3x slower
    # here (62 µs against 22 µs a document).
    return _unique_sorted_inplace(_fmix64_inplace(_ngram_sums(word_hashes, min(n, size), salt)))


def _ngram_sums(word_hashes: np.ndarray, width: int, salt: int) -> np.ndarray:
    """Each run of `width` consecutive word hashes as a polynomial in `_POLY` (mod 2^64), plus
    the width and salt; not yet mixed."""
    count = word_hashes.size - width + 1
    with np.errstate(over="ignore"):
        combined = word_hashes[:count].copy()
        for k in range(1, width):
            combined *= _POLY  # wraps mod 2^64
            combined += word_hashes[k : k + count]
        combined += np.uint64((width + salt) & _MASK64)
    return combined


def shingles_batch(
    word_hashes: np.ndarray, offsets: np.ndarray, n: int, salt: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """`shingles_of` for several texts at once: the texts' words are `word_hashes[offsets[i] :
    offsets[i + 1]]`; returns their sorted-unique shingle hashes, text after text, and each
    text's offsets into them. Text i's part is exactly `shingles_of(its words, n, salt)`.

    The n-grams of all texts are summed and mixed in one pass over the batch, the ones that
    straddle two texts dropped; only the sort is per text (one numpy call each).
    """
    if n < 1:
        raise ValueError("shingle size must be at least 1")
    counts = np.diff(offsets)
    long_text = counts >= n
    # n-grams per text: count − n + 1, or one made of all its words for a shorter text
    grams = np.where(long_text, counts - n + 1, counts > 0)
    gram_offsets = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(grams, out=gram_offsets[1:])
    values = np.empty(gram_offsets[-1], dtype=np.uint64)
    size = word_hashes.size
    if size >= n and long_text.any():
        combined = _ngram_sums(word_hashes, n, salt)
        count = combined.size
        # The n-gram starting at word i lies inside its text when i + n <= the text's end.
        inside = np.arange(n, count + n) <= np.repeat(offsets[1:], counts)[:count]
        values[np.repeat(long_text, grams)] = _fmix64_inplace(combined[inside])
    for number in np.flatnonzero(~long_text & (counts > 0)).tolist():
        words = word_hashes[offsets[number] : offsets[number + 1]]
        values[gram_offsets[number]] = shingles_of(words, n, salt)[0]
    bounds = gram_offsets.tolist()
    for start, end in pairwise(bounds):
        if end - start > 1:
            values[start:end].sort()
    first = np.empty(values.size, dtype=bool)
    if values.size:
        np.not_equal(values[1:], values[:-1], out=first[1:])
        first[gram_offsets[:-1][grams > 0]] = True  # a text's first shingle is new to it
    kept = np.zeros(values.size + 1, dtype=np.intp)
    np.cumsum(first, out=kept[1:])
    return values[first], kept[gram_offsets]


@dataclass(frozen=True, slots=True)
class SignatureScheme:
    """Everything that must match for two MinHash signatures to be comparable.

    Goes into the dataset's state so a later run (or a persisted index) can refuse to mix
    signatures made differently.
    """

    num_perm: int
    shingle_size: int
    hash_function: str = HASH_FUNCTIONS[2]
    hash_seed: int = 0
    minhash_seed: int = 1
    minhash_scheme: str = SIGNATURE_SCHEMES[2]
    key_normalization: str = "nfkc-casefold-digits0-nopunct-v1"
    #: Low bits of each MinHash value that are kept ("b-bit minwise hashing", Li & König 2010):
    #: 16 bits make a 256-value signature 512 bytes instead of 2 KiB, and two unrelated
    #: values agree by chance with probability 2^-16, which `corpus.dedup.estimate` corrects.
    signature_bits: int = 16
    datasketch_version: str = version("datasketch")  # its LSH layout bands the values

    @classmethod
    def of_version(cls, signature_version: int, **fields: object) -> SignatureScheme:
        """The scheme of one recipe version (`HASH_FUNCTIONS`, `SIGNATURE_SCHEMES`)."""
        return cls(
            hash_function=HASH_FUNCTIONS[signature_version],
            minhash_scheme=SIGNATURE_SCHEMES[signature_version],
            **fields,  # type: ignore[arg-type]
        )

    @property
    def version(self) -> int:
        """The recipe version (1 or 2) this scheme's names belong to."""
        found = scheme_version(
            {"minhash_scheme": self.minhash_scheme, "hash_function": self.hash_function}
        )
        if found is None:
            raise ValueError(
                f"unknown signature recipe {self.hash_function!r} + {self.minhash_scheme!r}"
            )
        return found

    def as_dict(self) -> dict[str, object]:
        """Plain dict for a JSON manifest."""
        return asdict(self)


def scheme_version(scheme: Mapping[str, object]) -> SignatureVersion | None:
    """The recipe version of a recorded scheme (a manifest's or the state's), if it has one."""
    for number, name in SIGNATURE_SCHEMES.items():
        if (
            scheme.get("minhash_scheme") == name
            and scheme.get("hash_function") == (HASH_FUNCTIONS[number])
        ):
            return number  # type: ignore[return-value]
    return None


@cache
def _probes(num_perm: int, seed: int) -> np.ndarray:
    """For each bin, the fixed order in which an empty bin looks for a donor bin."""
    rng = np.random.default_rng(seed)
    return np.stack([rng.permutation(num_perm) for _ in range(num_perm)]).astype(np.intp)


#: Probes tried first when filling empty bins: with ~600 shingles in 256 bins a tenth of the
#: bins are empty and the first non-empty probe is almost always among the first few, so the
#: full sequence is only gathered for the rare bins whose first 16 probes are all empty.
_FIRST_PROBES = 16


class MinHasher:
    """Turns a text into shingle hashes and those into signatures (one-permutation hashing
    with densification), by the recipe version its scheme names."""

    def __init__(self, scheme: SignatureScheme) -> None:
        self.version = scheme.version
        if scheme.num_perm & (scheme.num_perm - 1):
            raise ValueError("num_perm must be a power of two (bins are picked by bits)")
        self.scheme = scheme
        self._bits = scheme.num_perm.bit_length() - 1
        self._salt = np.uint64(xxhash.xxh3_64_intdigest(b"minhash", scheme.minhash_seed))
        # Version 2 mixes its seeds into the shingle hashes (the signature reads them as is).
        self._shingle_salt = xxhash.xxh3_64_intdigest(
            f"{scheme.hash_seed}:{scheme.minhash_seed}".encode()
        )
        self._probes = _probes(scheme.num_perm, scheme.minhash_seed)
        mask = (1 << scheme.signature_bits) - 1 if scheme.signature_bits < 64 else None
        self._mask = None if mask is None else np.uint64(mask)
        # Version 2's value: the hash without its bin bits, and only the bits stored.
        self._value_mask = np.uint64((_MASK64 >> self._bits) & (mask or _MASK64))

    def shingles(self, text: str) -> np.ndarray:
        """Sorted-unique shingle hashes of `text` (empty for a text without words)."""
        if self.version == 1:
            return shingles_of(token_hashes(text, self.scheme.hash_seed), self.scheme.shingle_size)
        return self.batch_shingles(*word_hashes_of([key_bytes(text)]))[0]

    def batch_shingles(
        self, word_hashes: np.ndarray, offsets: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Version 2's `shingles_batch` of texts' word hashes (`word_hashes_of`), with this
        scheme's shingle size and seeds."""
        return shingles_batch(word_hashes, offsets, self.scheme.shingle_size, self._shingle_salt)

    def values(self, hashes: np.ndarray) -> np.ndarray:
        """The signature (uint64 array of `num_perm` values) of a non-empty shingle set
        (`shingles`' sorted-unique form)."""
        if hashes.size == 0:
            raise ValueError("cannot sign an empty shingle set")
        if self.version == 2:
            return self.batch_values(hashes, np.array([0, hashes.size]))[0]
        mins = self._scattered_minima(hashes)
        if self._mask is not None:
            mins &= self._mask
        return mins

    def fingerprints(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """(shingles, signature) of each text, None for a text without words: what
        `shingles` and `values` give one text at a time, made in batches of ~`BATCH_BYTES` of
        key words (version 2; version 1 text by text)."""
        if self.version == 1:
            return [
                (shingles, self.values(shingles)) if shingles.size else None
                for shingles in map(self.shingles, texts)
            ]
        found: list[tuple[np.ndarray, np.ndarray] | None] = []
        for keys in batches([key_bytes(text) for text in texts], BATCH_BYTES):
            hashes, offsets = self.batch_shingles(*word_hashes_of(keys))
            signatures = self.batch_values(hashes, offsets)
            bounds = offsets.tolist()
            found += [
                (hashes[start:end], signature) if end > start else None
                for start, end, signature in zip(bounds[:-1], bounds[1:], signatures, strict=True)
            ]
        return found

    def _scattered_minima(self, hashes: np.ndarray) -> np.ndarray:
        """Version 1: re-mix every hash; its low bits pick the bin, the rest is its value."""
        mixed = _fmix64_inplace(hashes.astype(np.uint64, copy=False) ^ self._salt)
        bins = (mixed & np.uint64(self.scheme.num_perm - 1)).astype(np.intp)
        mins = np.full(self.scheme.num_perm, _EMPTY, dtype=np.uint64)
        np.minimum.at(mins, bins, mixed >> np.uint64(self._bits))
        empty = np.flatnonzero(mins == _EMPTY)
        if empty.size:
            probes = self._probes[empty]
            donor = np.argmax(mins[probes] != _EMPTY, axis=1)
            mins[empty] = mins[probes[np.arange(empty.size), donor]]
        return mins

    def batch_values(self, hashes: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """Version 2, for the texts whose sorted-unique shingles are `hashes[offsets[i] :
        offsets[i + 1]]`: one signature row per text (a text without shingles gets a row of
        zeros, which is no signature). The top bits of an (already mixed) shingle hash are its
        bin, so in a text's sorted hashes each bin is a contiguous range and its minimum is
        the range's first element; the value is the hash without the bin bits."""
        perm = self.scheme.num_perm
        sizes = np.diff(offsets)
        rows = sizes.size
        # (text, bin) cells in row-major order: non-decreasing along the batch
        cells = np.repeat(np.arange(rows, dtype=np.intp) * perm, sizes)
        cells += (hashes >> np.uint64(64 - self._bits)).astype(np.intp)
        first = np.empty(cells.size, dtype=bool)
        if cells.size:
            first[0] = True
            np.not_equal(cells[1:], cells[:-1], out=first[1:])
        filled_cells = cells[first]
        mins = np.zeros(rows * perm, dtype=np.uint64)
        mins[filled_cells] = hashes[first] & self._value_mask
        filled = np.zeros(rows * perm, dtype=bool)
        filled[filled_cells] = True
        empty = np.flatnonzero(~filled)
        empty = empty[sizes[empty // perm] > 0]  # a text without shingles has no signature
        if empty.size:
            row, bins = np.divmod(empty, perm)
            mins[empty] = mins[row * perm + self._donors(filled.reshape(rows, perm), row, bins)]
        return mins.reshape(rows, perm)

    def _donors(self, filled: np.ndarray, rows: np.ndarray, bins: np.ndarray) -> np.ndarray:
        """For each empty bin (`rows`, `bins`), the first filled bin of its row along the bin's
        probe sequence."""
        probes = self._probes[bins, :_FIRST_PROBES]
        hits = filled[rows[:, None], probes]
        donor = probes[np.arange(bins.size), np.argmax(hits, axis=1)]
        missed = np.flatnonzero(~hits.any(axis=1))
        if missed.size:
            full = self._probes[bins[missed]]
            found = np.argmax(filled[rows[missed, None], full], axis=1)
            donor[missed] = full[np.arange(missed.size), found]
        return donor

    def signature(self, hashes: np.ndarray):
        """The signature wrapped for datasketch's LSH (`LeanMinHash`, a container here)."""
        from datasketch import LeanMinHash

        return LeanMinHash(
            seed=self.scheme.minhash_seed, hashvalues=self.values(hashes), scheme=MINHASH_SCHEME
        )


_DTYPES = {16: np.uint16, 32: np.uint32, 64: np.uint64}


def pack_signature(values: np.ndarray, bits: int) -> bytes:
    """A signature's stored form: each value in `bits` bits (what the index keeps on disk)."""
    return np.asarray(values).astype(_DTYPES[bits]).tobytes()


def unpack_signature(blob: bytes, bits: int, offset: int = 0) -> np.ndarray:
    """The uint64 values of a stored signature (the form LSH and estimates work on)."""
    return np.frombuffer(blob, dtype=_DTYPES[bits], offset=offset).astype(np.uint64)
