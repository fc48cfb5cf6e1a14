"""Matching keys, word shingles and MinHash signatures for near-duplicate detection.

Why this module exists separately from `corpus.dedup`: the signature scheme is part of the
dataset's contract. A persisted index, or signatures written to a manifest, only compare with
signatures made by *exactly* the same recipe (key normalisation, shingle size, hash function,
hash seed, MinHash permutations, datasketch version). `SignatureScheme` records that recipe.

Hashing is done once per shingle with xxhash (xxh3, 64 bit) instead of datasketch's default
per-value SHA-1 path, and the MinHash permutations are applied with numpy over all shingles of
a document at once. The arithmetic mirrors datasketch 2.0's ``"affine64"`` scheme bit for bit
(MurmurHash3 64-bit finalizer pre-mix, then ``a*h + b mod 2^64`` with datasketch's own
permutation parameters), so the result is a genuine `datasketch.LeanMinHash` that
`datasketch.MinHashLSH` indexes and that compares with a `datasketch.MinHash` built with
``hashfunc=<the same xxhash>`` and ``scheme="affine64"`` (a test checks this equivalence).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from importlib.metadata import version

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash

from cleaners.lines import matching_key

__all__ = [
    "HASH_FUNCTION",
    "MINHASH_SCHEME",
    "MinHasher",
    "SignatureScheme",
    "matching_key",
    "pack_signature",
    "shingle_hashes",
    "tokens",
    "unpack_signature",
]

HASH_FUNCTION = "xxh3_64"
"""Name of the shingle hash, as recorded in `SignatureScheme.hash_function`."""

MINHASH_SCHEME = "affine64"
"""datasketch permutation scheme matching 64-bit shingle hashes (no folding to 32 bits)."""


# MurmurHash3 fmix64 constants: the same pre-mix datasketch applies before its permutations.
_FMIX_SHIFT = np.uint64(33)
_FMIX_M1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_M2 = np.uint64(0xC4CEB9FE1A85EC53)

# Rows of the (shingles x permutations) matrix computed at a time: bounds memory to
# about _CHUNK * num_perm * 8 bytes (8 MiB at 256 permutations) for very long documents.
_CHUNK = 4096


def tokens(text: str) -> list[str]:
    """Words of the matching key: the units that shingles are built from."""
    return matching_key(text).split()


def shingle_hashes(words: list[str], n: int, seed: int = 0) -> np.ndarray:
    """Hash the distinct word `n`-grams of `words` to a sorted, unique uint64 array.

    A text shorter than `n` words gets one shingle made of all its words, so a short
    brief still has a (tiny) fingerprint instead of none. The sorted-unique form is what
    exact verification intersects, at 8 bytes per shingle instead of a Python set's ~70.
    """
    if n < 1:
        raise ValueError("shingle size must be at least 1")
    if not words:
        return np.empty(0, dtype=np.uint64)
    if len(words) <= n:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    digest = xxhash.xxh3_64_intdigest
    values = np.fromiter(
        (digest(g.encode(), seed) for g in grams), dtype=np.uint64, count=len(grams)
    )
    return np.unique(values)


@dataclass(frozen=True, slots=True)
class SignatureScheme:
    """Everything that must match for two MinHash signatures to be comparable.

    Goes into the dataset manifest so a later run (or a persisted index) can refuse to mix
    signatures made differently; datasketch 2.0 alone changed its default scheme once already.
    """

    num_perm: int
    shingle_size: int
    hash_function: str = HASH_FUNCTION
    hash_seed: int = 0
    minhash_seed: int = 1
    minhash_scheme: str = MINHASH_SCHEME
    key_normalization: str = "nfkc-casefold-digits0-nopunct-v1"
    #: Low bits of each MinHash value that are kept ("b-bit minwise hashing", Li & König 2010):
    #: 16 bits make a 256-permutation signature 512 bytes instead of 2 KiB, and two unrelated
    #: values agree by chance with probability 2^-16, which `corpus.dedup.estimate` corrects.
    signature_bits: int = 16
    datasketch_version: str = version("datasketch")

    def as_dict(self) -> dict[str, object]:
        """Plain dict for a JSON manifest."""
        return asdict(self)


class MinHasher:
    """Turns shingle hashes into datasketch `LeanMinHash` signatures, vectorised with numpy.

    The permutation parameters are taken from a `datasketch.MinHash` of the same
    `num_perm`/seed/scheme, so they are datasketch's own and not a re-implementation.
    """

    def __init__(self, scheme: SignatureScheme) -> None:
        if scheme.minhash_scheme != MINHASH_SCHEME:
            raise ValueError(f"only the {MINHASH_SCHEME!r} MinHash scheme is implemented")
        self.scheme = scheme
        template = MinHash(
            num_perm=scheme.num_perm, seed=scheme.minhash_seed, scheme=MINHASH_SCHEME
        )
        a, b = template.permutations
        self._a = np.asarray(a, dtype=np.uint64)[np.newaxis, :]
        self._b = np.asarray(b, dtype=np.uint64)[np.newaxis, :]

    def signature(self, hashes: np.ndarray) -> LeanMinHash:
        """MinHash signature of a non-empty array of 64-bit shingle hashes."""
        if hashes.size == 0:
            raise ValueError("cannot sign an empty shingle set")
        hv = hashes.astype(np.uint64, copy=False)
        hv = hv ^ (hv >> _FMIX_SHIFT)
        hv = hv * _FMIX_M1
        hv = hv ^ (hv >> _FMIX_SHIFT)
        hv = hv * _FMIX_M2
        hv = hv ^ (hv >> _FMIX_SHIFT)
        mins = np.full(self.scheme.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        for start in range(0, hv.size, _CHUNK):
            block = hv[start : start + _CHUNK, np.newaxis] * self._a + self._b  # wraps mod 2^64
            np.minimum(mins, block.min(axis=0), out=mins)
        if self.scheme.signature_bits < 64:
            mins &= np.uint64((1 << self.scheme.signature_bits) - 1)
        return LeanMinHash(seed=self.scheme.minhash_seed, hashvalues=mins, scheme=MINHASH_SCHEME)


_DTYPES = {16: np.uint16, 32: np.uint32, 64: np.uint64}


def pack_signature(values: np.ndarray, bits: int) -> bytes:
    """A signature's stored form: each value in `bits` bits (what the index keeps on disk)."""
    return np.asarray(values).astype(_DTYPES[bits]).tobytes()


def unpack_signature(blob: bytes, bits: int, offset: int = 0) -> np.ndarray:
    """The uint64 values of a stored signature (the form LSH and estimates work on)."""
    return np.frombuffer(blob, dtype=_DTYPES[bits], offset=offset).astype(np.uint64)
