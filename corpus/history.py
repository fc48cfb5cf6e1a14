"""The near-duplicate index of everything earlier runs kept: local (embedded) or shared (Redis).

A run deduplicates its new articles against this history and against its own kept articles
(`corpus.dedup.NearDuplicateIndex`). The history only proposes candidates and supplies their
MinHash signatures and shingle counts; it is written only *after* a run's state is committed
(`corpus.state`), so a killed run can never leave an article in the index that is not in the
dataset (a ghost original that a rerun's copy would point at).

- `LocalHistory` (default, no server): an in-memory `datasketch.MinHashLSH`, rebuilt at the
  start of each run from the signatures in the state folder.
- `RedisHistory` (`--index redis://host:port/db`): datasketch's own Redis storage for the LSH
  band tables plus one Redis hash of signatures, so several workers or machines share one
  index. The state folder remains the source of truth: kept articles not yet marked as shared
  are pushed on the next start, so a crash between commit and push repairs itself.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Mapping
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

import numpy as np
from datasketch import LeanMinHash

from corpus.dedup import DedupParams, make_lsh
from corpus.shingles import MINHASH_SCHEME
from corpus.state import DatasetState, KeptSignature, SchemeMismatch


class History(Protocol):
    """Candidates and signatures of articles kept by earlier runs."""

    def query(self, signature: LeanMinHash) -> list[str]: ...

    def lookup(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]: ...

    def __len__(self) -> int: ...


def _lean(signature: np.ndarray, params: DedupParams) -> LeanMinHash:
    return LeanMinHash(seed=params.minhash_seed, hashvalues=signature, scheme=MINHASH_SCHEME)


class LocalHistory:
    """Every kept signature in memory (num_perm × 8 bytes each) plus its LSH band tables."""

    def __init__(self, params: DedupParams, kept: Iterable[KeptSignature] = ()) -> None:
        self.params = params
        self._lsh = make_lsh(params)
        self._kept: dict[str, KeptSignature] = {}
        for item in kept:
            self._lsh.insert(item.doc_id, _lean(item.signature, params), check_duplication=False)
            self._kept[item.doc_id] = item

    @classmethod
    def from_state(cls, state: DatasetState, params: DedupParams) -> LocalHistory:
        return cls(params, state.iter_kept())

    def query(self, signature: LeanMinHash) -> list[str]:
        return list(self._lsh.query(signature))

    def lookup(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]:
        return {d: self._kept[d] for d in doc_ids if d in self._kept}

    def __len__(self) -> int:
        return len(self._kept)


_META = struct.Struct("<qq")  # seq, n_shingles — prefixed to the signature bytes in Redis


class RedisHistory:
    """The shared index: datasketch's Redis LSH storage and a hash of signatures.

    Keys are namespaced by `prefix` (default ``newshygiene:<dataset name>``) so several datasets
    can share one Redis; the signature scheme is stored under ``<prefix>:scheme`` and checked,
    exactly as the local state checks it.
    """

    def __init__(self, url: str, params: DedupParams, prefix: str) -> None:
        import redis  # imported here: the embedded default needs no Redis client

        parsed = urlparse(url)
        if parsed.scheme != "redis":
            raise ValueError(f"unsupported index URL {url!r}: expected redis://host:port/db")
        query = parse_qs(parsed.query)
        self.prefix = query.get("prefix", [prefix])[0]
        conn = {
            "host": parsed.hostname or "127.0.0.1",
            "port": parsed.port or 6379,
            "db": int((parsed.path or "/0").lstrip("/") or 0),
        }
        if parsed.password:
            conn["password"] = parsed.password
        self.params = params
        self._redis = redis.Redis(**conn)
        self._redis.ping()  # fail now, with the URL in the error, not mid-run
        self._sigs = f"{self.prefix}:signatures"
        self._lsh = make_lsh(
            params,
            {"type": "redis", "basename": f"{self.prefix}:lsh:".encode(), "redis": conn},
        )

    def check_scheme(self, scheme: Mapping[str, Any]) -> None:
        wanted = json.dumps(dict(scheme), sort_keys=True)
        key = f"{self.prefix}:scheme"
        self._redis.setnx(key, wanted)
        stored = self._redis.get(key).decode()
        if stored != wanted:
            raise SchemeMismatch(
                f"Redis index {self.prefix!r} holds signatures made with {stored}; this run "
                f"would make {wanted}."
            )

    def query(self, signature: LeanMinHash) -> list[str]:
        return list(self._lsh.query(signature))

    def lookup(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]:
        ids = list(doc_ids)
        if not ids:
            return {}
        found = {}
        for doc_id, blob in zip(ids, self._redis.hmget(self._sigs, ids), strict=True):
            if blob is None:
                continue
            seq, n = _META.unpack_from(blob)
            signature = np.frombuffer(blob, dtype=np.uint64, offset=_META.size)
            found[doc_id] = KeptSignature(doc_id, seq, n, signature)
        return found

    def publish(self, kept: Iterable[KeptSignature]) -> list[str]:
        """Add committed articles to the shared index; returns the ids written.

        Idempotent: an id whose signature is already stored is skipped, so a retried push after
        a crash adds nothing twice.
        """
        items = list(kept)
        if not items:
            return []
        stored = self._redis.hmget(self._sigs, [item.doc_id for item in items])
        new = [item for item, blob in zip(items, stored, strict=True) if blob is None]
        # Band tables first, signatures last: an id whose signature is stored is complete.
        # (Re-inserting an id into the band sets after a crash in between changes nothing.)
        with self._lsh.insertion_session() as session:
            for item in new:
                session.insert(
                    item.doc_id, _lean(item.signature, self.params), check_duplication=False
                )
        if new:
            self._redis.hset(
                self._sigs,
                mapping={
                    item.doc_id: _META.pack(item.seq, item.n_shingles) + item.signature.tobytes()
                    for item in new
                },
            )
        return [item.doc_id for item in new]

    def __len__(self) -> int:
        return int(self._redis.hlen(self._sigs))


def open_history(
    state: DatasetState, params: DedupParams, index_url: str | None, prefix: str
) -> History:
    """The history a run deduplicates against; with Redis, first push what the state has and
    the shared index lacks (a previous run that crashed after its commit)."""
    scheme = params.signature_scheme().as_dict()
    state.check_scheme(scheme)
    if not index_url:
        return LocalHistory.from_state(state, params)
    history = RedisHistory(index_url, params, prefix)
    history.check_scheme(scheme)
    pending = list(state.iter_kept(only_unshared=True))
    if pending:
        history.publish(pending)
        state.mark_shared(item.doc_id for item in pending)
    return history
