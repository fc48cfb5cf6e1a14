"""The dataset's memory across runs: what was processed, what was kept, what each site repeats.

Lives in `<dataset>/_state/state.db`, one SQLite file beside the Parquet tables (a leading
underscore keeps pyarrow, Polars and DuckDB from reading it as part of the dataset). Why SQLite:
a run's whole outcome (ledger rows, signatures of kept articles, template counts, the run
record) is committed in ONE transaction, so a run killed at any point is either entirely in the
state or not at all. The Parquet part files a run moved into place before its commit are
recognised by their run id and removed by `recover` on the next start; that is what makes
"kill, start again" end with the same dataset as an uninterrupted run.

Tables:
- ``runs``: one row per committed run, with its summary (counts, removals, parameters).
- ``inputs``: the ledger: (relative path, sha256 of the file's bytes) of every processed input.
  The same bytes at the same path are never processed twice; a changed file is new work.
- ``kept``: every kept article's MinHash signature, shingle count and keep order, so the next
  run deduplicates against everything ever kept (`corpus.history`).
- ``template_counts`` / ``template_sites``: per site, on how many pages each short line was
  seen (one row per site: its line hashes and page counts as two arrays), and how many pages
  the site has. Counting continues across runs, so a run with one new page still knows the
  site's template.
- ``titles``: the hash of every headline seen, so a later page's "related" link to an earlier
  article is recognised (`cleaners.titles`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.shingles import unpack_signature

STATE_DIR = "_state"
DB_NAME = "state.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    run_date TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    PRIMARY KEY (path, sha256)
);
CREATE TABLE IF NOT EXISTS kept (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    n_shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    source_path TEXT NOT NULL,
    run_id TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS titles (hash INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS template_sites (site TEXT PRIMARY KEY, pages INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS template_counts (
    site TEXT PRIMARY KEY,
    hashes BLOB NOT NULL,
    pages BLOB NOT NULL
);
"""

#: How `template_counts` stores a site's lines: ascending signed 64-bit line hashes and, in the
#: same order, on how many pages each was seen (little-endian, so a dataset moves between
#: machines).
HASHES = np.dtype("<i8")
PAGES = np.dtype("<u4")

#: A site's line counts: its line hashes, ascending and distinct, and the pages of each.
LineCounts = tuple[np.ndarray, np.ndarray]
NO_LINES: LineCounts = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def run_sums(keys: Sequence[np.ndarray], values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal rows of `keys` (sorted, row i is every key array's item i)
    starts, and the sum of `values` over each run."""
    if not values.size:
        return np.empty(0, dtype=np.int64), values
    change = np.zeros(values.size, dtype=bool)
    change[0] = True
    for key in keys:
        change[1:] |= key[1:] != key[:-1]
    first = np.flatnonzero(change)
    return first, np.add.reduceat(values, first)


def add_line_counts(a: LineCounts, b: LineCounts) -> LineCounts:
    """Two sets of one site's line counts added up: every hash once, ascending, with the sum
    of its pages."""
    hashes = np.concatenate([a[0], b[0]]).astype(np.int64, copy=False)
    pages = np.concatenate([a[1], b[1]]).astype(np.int64, copy=False)
    order = np.argsort(hashes, kind="stable")
    hashes = hashes[order]
    first, sums = run_sums([hashes], pages[order])
    return hashes[first], sums


@dataclass(frozen=True, slots=True)
class KeptSignature:
    """What the index needs of an article kept by an earlier run."""

    doc_id: str
    seq: int
    n_shingles: int
    signature: np.ndarray  # uint64, one value per permutation


class SchemeMismatch(RuntimeError):
    """The dataset's signatures were made by another recipe and cannot be compared."""


class DatasetState:
    """The state folder of one dataset. Open it, read what earlier runs left, commit a run."""

    def __init__(self, output: Path) -> None:
        self.dir = Path(output) / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / DB_NAME
        # One connection, used from one stage at a time; Prefect's tasks may run it on a
        # worker thread, hence check_same_thread=False.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._migrate_template_lines()

    def _migrate_template_lines(self) -> None:
        """Move a dataset's line counts from the one-row-per-line table of earlier versions
        (`template_lines`) into `template_counts`, once, in one transaction.

        Why the change: a run adds its counts to every earlier run's, and upserting one row
        per counted line cost 0.4 s for the 273,000 lines of 10,027 pages, a twentieth of
        the whole run; adding up each site's two arrays in numpy takes milliseconds.
        """
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'template_lines'"
        ).fetchone()
        if found is None:
            return
        with self.transaction() as db:
            rows = db.execute("SELECT site, hash, pages FROM template_lines ORDER BY site, hash")
            by_site: dict[str, tuple[list[int], list[int]]] = {}
            for site, h, n in rows:
                hashes, pages = by_site.setdefault(site, ([], []))
                hashes.append(h)
                pages.append(n)
            self._write_line_counts(
                db, {site: (np.array(h), np.array(n)) for site, (h, n) in by_site.items()}
            )
            db.execute("DROP TABLE template_lines")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DatasetState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a kill inside leaves the state as it was before."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- the signature scheme: refuse to mix incomparable signatures

    def check_scheme(self, scheme: Mapping[str, Any]) -> None:
        """Record the scheme on first use; afterwards insist every run uses the same one."""
        wanted = json.dumps(dict(scheme), sort_keys=True)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('signature_scheme', ?)", (wanted,)
            )
        elif row[0] != wanted:
            raise SchemeMismatch(
                f"{self.path}: this dataset's MinHash signatures were made with {row[0]}; "
                f"this run would make {wanted}. Signatures of different schemes do not compare: "
                "use the dataset's dedup parameters (and datasketch version), or a new output."
            )

    def scheme(self) -> dict[str, Any] | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'signature_scheme'").fetchone()
        return json.loads(row[0]) if row else None

    # --- ledger

    def known_inputs(self) -> set[tuple[str, str]]:
        return set(self._db.execute("SELECT path, sha256 FROM inputs"))

    # --- runs

    def run_ids(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT run_id FROM runs")}

    def runs(self) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT run_id, run_date, started, finished, summary FROM runs ORDER BY rowid"
        )
        return [
            {
                "run_id": r[0],
                "run_date": r[1],
                "started": r[2],
                "finished": r[3],
                **json.loads(r[4]),
            }
            for r in rows
        ]

    # --- kept signatures

    def _signature_bits(self) -> int:
        """How many bits each stored MinHash value has (datasets before b-bit storage: 64)."""
        return int((self.scheme() or {}).get("signature_bits", 64))

    def kept_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM kept").fetchone()[0]

    def index_bytes(self) -> int | None:
        """Bytes on disk of the near-duplicate index (the `kept` table and its id index),
        from SQLite's page statistics; None where SQLite is built without `dbstat`."""
        try:
            row = self._db.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('kept', 'sqlite_autoindex_kept_1')"
            ).fetchone()
        except sqlite3.OperationalError:
            return None
        return int(row[0] or 0)

    def iter_kept(self, only_unshared: bool = False) -> Iterator[KeptSignature]:
        sql = "SELECT doc_id, seq, n_shingles, signature FROM kept"
        if only_unshared:
            sql += " WHERE shared = 0"
        bits = self._signature_bits()
        for doc_id, seq, n, blob in self._db.execute(sql + " ORDER BY seq"):
            yield KeptSignature(doc_id, seq, n, unpack_signature(blob, bits))

    def kept(self, doc_ids: Iterable[str]) -> dict[str, KeptSignature]:
        ids = list(doc_ids)
        found: dict[str, KeptSignature] = {}
        bits = self._signature_bits()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT doc_id, seq, n_shingles, signature FROM kept WHERE doc_id IN ({marks})",
                chunk,
            )
            for doc_id, seq, n, blob in rows:
                found[doc_id] = KeptSignature(doc_id, seq, n, unpack_signature(blob, bits))
        return found

    def source_paths(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Where each kept article came from (for duplicates that point across runs)."""
        ids = list(doc_ids)
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(
                    f"SELECT doc_id, source_path FROM kept WHERE doc_id IN ({marks})", chunk
                )
            )
        return found

    def next_seq(self) -> int:
        return (self._db.execute("SELECT MAX(seq) FROM kept").fetchone()[0] or 0) + 1

    def mark_shared(self, doc_ids: Iterable[str]) -> None:
        """The signatures are in the shared (Redis) index too."""
        with self.transaction() as db:
            db.executemany("UPDATE kept SET shared = 1 WHERE doc_id = ?", ((d,) for d in doc_ids))

    # --- site templates

    def line_counts(self, sites: Iterable[str]) -> dict[str, LineCounts]:
        """Every committed run's line counts of those of `sites` that have any."""
        found: dict[str, LineCounts] = {}
        for site in sorted(sites):
            row = self._db.execute(
                "SELECT hashes, pages FROM template_counts WHERE site = ?", (site,)
            ).fetchone()
            if row is not None:
                found[site] = (
                    np.frombuffer(row[0], dtype=HASHES).astype(np.int64),
                    np.frombuffer(row[1], dtype=PAGES).astype(np.int64),
                )
        return found

    @staticmethod
    def _write_line_counts(db: sqlite3.Connection, counts: Mapping[str, LineCounts]) -> None:
        db.executemany(
            "INSERT INTO template_counts (site, hashes, pages) VALUES (?, ?, ?) "
            "ON CONFLICT(site) DO UPDATE SET hashes = excluded.hashes, pages = excluded.pages",
            (
                (site, hashes.astype(HASHES).tobytes(), pages.astype(PAGES).tobytes())
                for site, (hashes, pages) in counts.items()
            ),
        )

    def title_hashes(self) -> list[int]:
        return [row[0] for row in self._db.execute("SELECT hash FROM titles")]

    def template_summary(self, min_pages: int) -> dict[str, dict[str, int]]:
        """Per site: pages seen and template lines (on >= `min_pages` pages) — for the manifest."""
        rows = self._db.execute(
            "SELECT s.site, s.pages, c.pages FROM template_sites s "
            "LEFT JOIN template_counts c ON c.site = s.site ORDER BY s.site"
        )
        return {
            site: {
                "pages": pages,
                "template_lines": 0
                if counts is None
                else int(np.count_nonzero(np.frombuffer(counts, dtype=PAGES) >= min_pages)),
            }
            for site, pages, counts in rows
        }

    # --- commit

    def commit_run(
        self,
        run: Mapping[str, Any],
        inputs: Iterable[tuple[str, str, int]],
        kept: Iterable[tuple[str, int, int, bytes, str]],
        site_pages: Mapping[str, int],
        line_pages: Mapping[str, LineCounts],
        titles: Iterable[int] = (),
        finish: Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        """Everything a run learned, in one transaction.

        `inputs`: (path, sha256, size); `kept`: (doc_id, seq, n_shingles, signature bytes,
        source_path); `site_pages` / `line_pages`: this run's template counts, added to the
        totals of earlier runs; `line_pages` per site, its distinct line hashes (ascending) and
        their pages. `finish`: called inside the transaction once those rows went in, it returns
        the last fields of the run's record (`run` is updated with them); a caller writing the
        run's data meanwhile waits for it there, and a failure rolls everything back.
        """
        run_id = run["run_id"]
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO inputs (path, sha256, size, run_id) VALUES (?,?,?,?)",
                ((p, h, s, run_id) for p, h, s in inputs),
            )
            db.executemany(
                "INSERT INTO kept (doc_id, seq, n_shingles, signature, source_path, run_id)"
                " VALUES (?,?,?,?,?,?)",
                ((d, q, n, sig, src, run_id) for d, q, n, sig, src in kept),
            )
            db.executemany("INSERT OR IGNORE INTO titles (hash) VALUES (?)", ((h,) for h in titles))
            db.executemany(
                "INSERT INTO template_sites (site, pages) VALUES (?, ?) "
                "ON CONFLICT(site) DO UPDATE SET pages = pages + excluded.pages",
                site_pages.items(),
            )
            earlier = self.line_counts(line_pages)
            self._write_line_counts(
                db,
                {
                    site: add_line_counts(earlier[site], counts) if site in earlier else counts
                    for site, counts in line_pages.items()
                },
            )
            record = {**run, **(finish() if finish else {})}
            summary = {
                k: v
                for k, v in record.items()
                if k not in {"run_id", "run_date", "started", "finished"}
            }
            db.execute(
                "INSERT INTO runs (run_id, run_date, started, finished, summary)"
                " VALUES (?,?,?,?,?)",
                (run_id, run["run_date"], run["started"], record["finished"], json.dumps(summary)),
            )
