"""Matching keys, word shingles and MinHash signatures for near-duplicate detection.

Why this module exists separately from `corpus.dedup`: the signature scheme is part of the
dataset's contract. A persisted index only compares with signatures made by *exactly* the same
recipe (key normalisation, shingle size, hashes, seeds, number of values, bits stored).
`SignatureScheme` records that recipe and the state folder refuses to mix two.

Speed is the point of the recipe (`newshygiene bench` measures it against datasketch's own
`MinHash.update_batch`):

- **Tokens**: the matching key's words, made with a byte translation table instead of the
  key's regular expressions (see `_word_bytes`).
- **Shingle hashes**: each word is hashed once (xxh3-64); a word n-gram's hash is a polynomial
  of its words' hashes, finished by the MurmurHash3 fmix64 mixer, all in numpy. Hashing every
  n-gram's string instead costs a Python join and hash per shingle.
- **Signature**: one-permutation hashing (Li, Owen & Zhang 2012) with densification
  (Shrivastava 2017): each shingle hash is mixed once; its low bits pick one of `num_perm`
  bins and the rest is its value; a bin keeps its minimum. Empty bins borrow the value of the
  first non-empty bin along a fixed pseudo-random probe sequence, the same for every document,
  which keeps Pr[two signatures agree in a bin] = Jaccard, as for classic MinHash. The cost is
  O(shingles + num_perm) instead of O(shingles × num_perm).

Signatures are plain uint64 arrays; `datasketch.MinHashLSH` indexes them (wrapped in a
`LeanMinHash`, which is only a container here) for the shared Redis index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version

import numpy as np
import xxhash

from cleaners.lines import matching_key

__all__ = [
    "HASH_FUNCTION",
    "MINHASH_SCHEME",
    "MinHasher",
    "SignatureScheme",
    "matching_key",
    "pack_signature",
    "shingle_hashes",
    "token_hashes",
    "tokens",
    "unpack_signature",
]

HASH_FUNCTION = "xxh3_64-words-poly-fmix64"
"""Name of the shingle hash, as recorded in `SignatureScheme.hash_function`."""

SIGNATURE_SCHEME = "oph-densified-v1"
"""How signature values are made (recorded in `SignatureScheme.minhash_scheme`)."""

MINHASH_SCHEME = "affine64"
"""The datasketch container label for `LeanMinHash` (datasketch requires one of its names;
it does not change the values, which are ours)."""

# MurmurHash3 fmix64 constants.
_FMIX_SHIFT = np.uint64(33)
_FMIX_M1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_M2 = np.uint64(0xC4CEB9FE1A85EC53)
# Multiplier of the n-gram polynomial (an odd 64-bit constant, the golden ratio's bits).
_POLY = np.uint64(0x9E3779B97F4A7C15)
_EMPTY = np.iinfo(np.uint64).max

# Bytes of the matching key's text → its words: ASCII letters lower-cased, ASCII digits to
# "0", other ASCII (punctuation, underscore, whitespace) a space; bytes of non-ASCII
# characters are kept (letters of other scripts; non-ASCII punctuation is removed before).
_KEY_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c)
    if (65 <= c <= 90 or 97 <= c <= 122 or c >= 128)
    else (48 if 48 <= c <= 57 else 32)
    for c in range(256)
)
# Non-ASCII characters that are not word characters: quotes, dashes, ©, ·, no-break spaces.
_NON_ASCII_NON_WORD = re.compile(r"[^\x00-\x7f\w]+")


def _word_bytes(text: str) -> list[bytes]:
    """The matching key's words as UTF-8 bytes, without building the key string.

    The same words as `matching_key(text).split()` (NFKC, casefold, punctuation dropped, ASCII
    digits to 0) at a fifth of its cost: one regex pass finds only the rare non-ASCII
    punctuation, and a byte translation table does the rest. Digits of other scripts are kept
    as they are (matching_key maps them to 0); both copies of a story get the same words
    either way, which is all shingles need.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold()
        if not text.isascii():
            text = _NON_ASCII_NON_WORD.sub(" ", text)
    return text.encode("utf-8").translate(_KEY_BYTES).split()


def tokens(text: str) -> list[str]:
    """Words of the matching key: the units that shingles are built from."""
    return [w.decode("utf-8") for w in _word_bytes(text)]


def token_hashes(text: str, seed: int = 0) -> np.ndarray:
    """xxh3-64 of each matching-key word of `text`, in order."""
    words = _word_bytes(text)
    digest = xxhash.xxh3_64_intdigest
    hashed = map(digest, words) if seed == 0 else (digest(w, seed) for w in words)
    return np.fromiter(hashed, dtype=np.uint64, count=len(words))


def _fmix64(values: np.ndarray) -> np.ndarray:
    v = values ^ (values >> _FMIX_SHIFT)
    v = v * _FMIX_M1
    v = v ^ (v >> _FMIX_SHIFT)
    v = v * _FMIX_M2
    return v ^ (v >> _FMIX_SHIFT)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` by a sort and a neighbour test (numpy 2's unique first builds a
    hash table: 3x slower on the few hundred values the dedup stage hands it)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    first = np.empty(values.size, dtype=bool)
    first[0] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


def shingles_of(word_hashes: np.ndarray, n: int) -> np.ndarray:
    """Sorted-unique hashes of the word `n`-grams, from the words' hashes.

    A text shorter than `n` words gets one shingle made of all its words, so a short brief
    still has a (tiny) fingerprint instead of none. The sorted-unique form is what exact
    verification intersects, at 8 bytes per shingle instead of a Python set's ~70.
    """
    if n < 1:
        raise ValueError("shingle size must be at least 1")
    size = word_hashes.size
    if size == 0:
        return np.empty(0, dtype=np.uint64)
    width = min(n, size)
    count = size - width + 1
    with np.errstate(over="ignore"):
        combined = word_hashes[:count].copy()
        for k in range(1, width):
            combined *= _POLY  # wraps mod 2^64
            combined += word_hashes[k : k + count]
        mixed = _fmix64(combined + np.uint64(width))
    # np.unique gives the same array, but numpy 2's hash-table first pass made it 3x slower
    # here (62 µs against 22 µs a document).
    return sorted_unique(mixed)


def shingle_hashes(words: list[str], n: int, seed: int = 0) -> np.ndarray:
    """Sorted-unique hashes of the distinct word `n`-grams of `words` (already tokenized)."""
    digest = xxhash.xxh3_64_intdigest
    hashes = np.fromiter((digest(w.encode(), seed) for w in words), np.uint64, len(words))
    return shingles_of(hashes, n)  # the same hashes as token_hashes gives for these words


@dataclass(frozen=True, slots=True)
class SignatureScheme:
    """Everything that must match for two MinHash signatures to be comparable.

    Goes into the dataset's state so a later run (or a persisted index) can refuse to mix
    signatures made differently.
    """

    num_perm: int
    shingle_size: int
    hash_function: str = HASH_FUNCTION
    hash_seed: int = 0
    minhash_seed: int = 1
    minhash_scheme: str = SIGNATURE_SCHEME
    key_normalization: str = "nfkc-casefold-digits0-nopunct-v1"
    #: Low bits of each MinHash value that are kept ("b-bit minwise hashing", Li & König 2010):
    #: 16 bits make a 256-value signature 512 bytes instead of 2 KiB, and two unrelated
    #: values agree by chance with probability 2^-16, which `corpus.dedup.estimate` corrects.
    signature_bits: int = 16
    datasketch_version: str = version("datasketch")  # its LSH layout bands the values

    def as_dict(self) -> dict[str, object]:
        """Plain dict for a JSON manifest."""
        return asdict(self)


@cache
def _probes(num_perm: int, seed: int) -> np.ndarray:
    """For each bin, the fixed order in which an empty bin looks for a donor bin."""
    rng = np.random.default_rng(seed)
    return np.stack([rng.permutation(num_perm) for _ in range(num_perm)]).astype(np.intp)


class MinHasher:
    """Turns shingle hashes into signatures: one-permutation hashing with densification."""

    def __init__(self, scheme: SignatureScheme) -> None:
        if scheme.minhash_scheme != SIGNATURE_SCHEME:
            raise ValueError(f"only the {SIGNATURE_SCHEME!r} signature scheme is implemented")
        if scheme.num_perm & (scheme.num_perm - 1):
            raise ValueError("num_perm must be a power of two (bins are picked by low bits)")
        self.scheme = scheme
        self._bits = scheme.num_perm.bit_length() - 1
        self._salt = np.uint64(xxhash.xxh3_64_intdigest(b"minhash", scheme.minhash_seed))
        self._probes = _probes(scheme.num_perm, scheme.minhash_seed)
        mask = (1 << scheme.signature_bits) - 1 if scheme.signature_bits < 64 else None
        self._mask = None if mask is None else np.uint64(mask)

    def values(self, hashes: np.ndarray) -> np.ndarray:
        """The signature (uint64 array of `num_perm` values) of a non-empty shingle set."""
        if hashes.size == 0:
            raise ValueError("cannot sign an empty shingle set")
        mixed = _fmix64(hashes.astype(np.uint64, copy=False) ^ self._salt)
        bins = (mixed & np.uint64(self.scheme.num_perm - 1)).astype(np.intp)
        mins = np.full(self.scheme.num_perm, _EMPTY, dtype=np.uint64)
        np.minimum.at(mins, bins, mixed >> np.uint64(self._bits))
        empty = np.flatnonzero(mins == _EMPTY)
        if empty.size:
            probes = self._probes[empty]
            donor = np.argmax(mins[probes] != _EMPTY, axis=1)
            mins[empty] = mins[probes[np.arange(empty.size), donor]]
        if self._mask is not None:
            mins &= self._mask
        return mins

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
