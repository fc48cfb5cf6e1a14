"""The near-duplicate index of everything earlier runs kept: local (embedded) or shared (Redis).

A run deduplicates its new articles against this history and against its own kept articles
(`corpus.dedup.NearDuplicateIndex`). The history only proposes candidates and supplies their
MinHash signatures and shingle counts; it is written only *after* a run's state is committed
(`corpus.state`), so a killed run can never leave an article in the index that is not in the
dataset (a ghost original that a rerun's copy would point at).

- `LocalHistory` (default, no server): the signatures in the state folder, loaded into one
  numpy matrix at the start of each run and searched band by band for all of the run's
  documents at once (~550 bytes an article in memory, not datasketch's ~35 KiB).
- `RedisHistory` (`--index redis://host:port/db`): datasketch's own Redis storage for the LSH
  band tables plus one Redis hash of signatures, so several workers or machines share one
  index. The state folder remains the source of truth: kept articles not yet marked as shared
  are pushed on the next start, so a crash between commit and push repairs itself.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs, urlparse

import numpy as np

from corpus.dedup import DedupParams, band_keys, lean_minhash, lsh_layout, make_lsh
from corpus.shingles import pack_signature, unpack_signature
from corpus.state import DatasetState, KeptSignature, SchemeMismatch

if TYPE_CHECKING:
    from datasketch import LeanMinHash


class History(Protocol):
    """Candidates and signatures of articles kept by earlier runs."""

    def query(self, signature: LeanMinHash) -> list[str]: ...

    def lookup(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]: ...

    def __len__(self) -> int: ...


_CHUNK_ROWS = 8192  # signatures gathered per numpy block while loading the state


class LocalHistory:
    """Every signature kept by earlier runs, in one numpy matrix (no server).

    Memory is what the state stores: `signature_bits` per value (512 bytes an article at 16
    bits x 256 permutations) plus 32 bytes of id, keep order and size. There are no resident
    band tables: a datasketch `MinHashLSH` in memory costs ~35 KiB an article (117 Python
    sets and their keys), which does not fit millions of articles. Instead a run asks for all
    its documents' candidates at once (`candidates`), band by band: the history's keys of one
    band are computed, looked up among the run's sorted keys, and dropped, so the only other
    memory is ~16 bytes an article for one band at a time. Candidate semantics are LSH's: an
    article is a candidate when any one band of its signature equals the query's.
    """

    def __init__(self, params: DedupParams, kept: Iterable[KeptSignature] = ()) -> None:
        self.params = params
        self.bands, self.rows = lsh_layout(params)  # as the run's own index
        dtype = {16: np.uint16, 32: np.uint32, 64: np.uint64}[params.signature_bits]
        ids: list[bytes] = []
        seqs: list[int] = []
        sizes: list[int] = []
        blocks: list[np.ndarray] = []
        pending: list[np.ndarray] = []
        for item in kept:
            ids.append(item.doc_id.encode())
            seqs.append(item.seq)
            sizes.append(item.n_shingles)
            pending.append(item.signature)
            if len(pending) == _CHUNK_ROWS:
                blocks.append(np.vstack(pending).astype(dtype))
                pending = []
        if pending:
            blocks.append(np.vstack(pending).astype(dtype))
        signatures = np.vstack(blocks) if blocks else np.empty((0, params.num_perm), dtype)
        raw_ids = np.asarray(ids, dtype=f"S{max((len(i) for i in ids), default=1)}")
        # Rows in id order, so `lookup` is a binary search over the ids themselves.
        order = np.argsort(raw_ids, kind="stable")
        self._ids = raw_ids[order]
        self._signatures = signatures[order]
        self._seqs = np.asarray(seqs, dtype=np.int64)[order]
        self._sizes = np.asarray(sizes, dtype=np.int64)[order]

    @classmethod
    def from_state(cls, state: DatasetState, params: DedupParams) -> LocalHistory:
        return cls(params, state.iter_kept())

    @property
    def nbytes(self) -> int:
        """Bytes this index holds (what `newshygiene bench` reports per kept article)."""
        arrays = (self._signatures, self._seqs, self._sizes, self._ids)
        return int(sum(a.nbytes for a in arrays))

    def candidates(self, signatures: np.ndarray) -> list[list[str]]:
        """For each row of `signatures` (the run's documents), the ids of earlier articles
        sharing at least one LSH band with it, in keep order."""
        queries = np.asarray(signatures, dtype=np.uint64)
        if len(self) == 0 or queries.shape[0] == 0:
            return [[] for _ in range(queries.shape[0])]
        query_keys = band_keys(queries, self.bands, self.rows)
        found_q: list[np.ndarray] = []
        found_h: list[np.ndarray] = []
        for band in range(self.bands):
            keys, inverse = np.unique(query_keys[:, band], return_inverse=True)
            history = band_keys(
                self._signatures[:, band * self.rows : (band + 1) * self.rows], 1, self.rows
            )[:, 0]
            pos = np.searchsorted(keys, history)
            pos[pos == keys.size] = 0
            hits = np.flatnonzero(keys[pos] == history)
            if hits.size == 0:
                continue
            # every query whose key is the hit's key: sort queries by key, slice the runs
            by_key = np.argsort(inverse, kind="stable")
            starts = np.searchsorted(inverse[by_key], pos[hits], side="left")
            stops = np.searchsorted(inverse[by_key], pos[hits], side="right")
            for h, a, b in zip(hits, starts, stops, strict=True):
                found_q.append(by_key[a:b])
                found_h.append(np.full(b - a, h, dtype=np.int64))
        result: list[list[str]] = [[] for _ in range(queries.shape[0])]
        if not found_q:
            return result
        pairs = np.unique(
            np.stack([np.concatenate(found_q), np.concatenate(found_h)], axis=1), axis=0
        )
        for q, h in pairs:
            result[int(q)].append(self._ids[h].decode())
        for ids in result:
            ids.sort(key=lambda d: self._seqs[self._row(d)])
        return result

    def query(self, signature: LeanMinHash) -> list[str]:
        return self.candidates(np.asarray(signature.hashvalues)[np.newaxis, :])[0]

    def _row(self, doc_id: str) -> int:
        key = np.asarray(doc_id.encode(), dtype=self._ids.dtype)
        i = int(np.searchsorted(self._ids, key))
        return i if i < self._ids.size and self._ids[i] == key else -1

    def lookup(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]:
        found = {}
        for doc_id in doc_ids:
            row = self._row(doc_id) if len(doc_id.encode()) <= self._ids.dtype.itemsize else -1
            if row >= 0:
                found[doc_id] = KeptSignature(
                    doc_id,
                    int(self._seqs[row]),
                    int(self._sizes[row]),
                    self._signatures[row].astype(np.uint64),
                )
        return found

    def __len__(self) -> int:
        return int(self._seqs.size)


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
            signature = unpack_signature(blob, self.params.signature_bits, _META.size)
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
                    item.doc_id, lean_minhash(item.signature, self.params), check_duplication=False
                )
        if new:
            self._redis.hset(
                self._sigs,
                mapping={
                    item.doc_id: _META.pack(item.seq, item.n_shingles)
                    + pack_signature(item.signature, self.params.signature_bits)
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
