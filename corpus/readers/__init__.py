"""Input discovery and format dispatch: every input file becomes RawDocuments or Quarantined rows.

The contract the rest of the pipeline relies on: `read_path` never raises for bad input.
Each unit (a file, a JSONL line, a WARC response) comes out exactly once, as a document or
as a quarantine row with a reason and a detail a person can act on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers.base import ReadLimits, SourceFile
from corpus.readers.html import read_html
from corpus.readers.jsonl import read_jsonl
from corpus.readers.site import site_for
from corpus.readers.text import read_text
from corpus.readers.warc import read_warc

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ReadLimits",
    "input_files",
    "iter_input_files",
    "read_path",
    "site_for",
]

Reader = Callable[[SourceFile], Iterator[RawDocument | Quarantined]]

# Longest suffixes first, so `.warc.gz` is not taken for a gzipped something else.
_READERS: tuple[tuple[str, Reader], ...] = (
    (".warc.gz", read_warc),
    (".warc", read_warc),
    (".jsonl.gz", read_jsonl),
    (".jsonl", read_jsonl),
    (".html.gz", read_html),
    (".html", read_html),
    (".htm.gz", read_html),
    (".htm", read_html),
    (".txt.gz", read_text),
    (".txt", read_text),
)
SUPPORTED_SUFFIXES = tuple(suffix for suffix, _ in _READERS)


def input_files(input_dir: Path) -> list[tuple[str, Path, int]]:
    """Every candidate input file under `input_dir` as (its path relative to `input_dir`, in
    POSIX form; its path; its size in bytes, 0 where it cannot be read), sorted by the
    relative path.

    Hidden files and folders (a leading '.') are skipped: they are editor, VCS and OS
    droppings, never articles. Symlinked folders are followed once each, so a link loop
    cannot recurse forever. Broken symlinks and unreadable folders are listed anyway, so that
    `read_path` reports them as READ_ERROR instead of letting them vanish. A missing input
    folder is a configuration error, not bad input, so it raises NotADirectoryError.

    One `stat` a file, and relative paths from each folder's own (10,027 files: 0.34 s ->
    0.1 s with `Path` objects, a second `stat` and a `relative_to` for each file).
    """
    if not input_dir.is_dir():
        raise NotADirectoryError(f"input folder not found: {input_dir}")
    found: dict[str, tuple[Path, int]] = {}
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        if error.filename:
            path = Path(error.filename)
            found.setdefault(_relative(path, input_dir), (path, 0))

    for root, dirs, files in os.walk(input_dir, onerror=unreadable, followlinks=True):
        try:
            info = os.stat(root)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        folder = Path(root).relative_to(input_dir).as_posix()
        prefix = "" if folder == "." else f"{folder}/"
        for name in files:
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            try:
                file_info = os.stat(full)
            except OSError:  # a broken link is listed (and quarantined); a vanished file not
                if os.path.islink(full):
                    found.setdefault(prefix + name, (Path(full), 0))
                continue
            if stat.S_ISREG(file_info.st_mode) or os.path.islink(full):
                found.setdefault(prefix + name, (Path(full), file_info.st_size))
    return [(rel, path, size) for rel, (path, size) in sorted(found.items())]


def iter_input_files(input_dir: Path) -> list[Path]:
    """`input_files`' paths alone."""
    return [path for _, path, _ in input_files(input_dir)]


def read_path(
    path: Path, input_dir: Path, limits: ReadLimits | None = None
) -> Iterator[RawDocument | Quarantined]:
    """Read one input file; yield its units in file order. Never raises for bad input."""
    src = SourceFile(
        path=path,
        rel=_relative(path, input_dir),
        input_dir_name=_dir_name(input_dir),
        limits=limits or ReadLimits(),
    )
    if path.is_dir():
        yield src.quarantine(Reason.READ_ERROR, "a folder that could not be listed")
        return
    reader = _reader_for(path.name)
    if reader is None:
        yield src.quarantine(Reason.UNSUPPORTED, _unsupported_detail(path.name))
        return
    try:
        yield from reader(src)
    except Exception as exc:  # last resort: a reader bug must cost this file, not the run
        yield src.quarantine(
            Reason.READ_ERROR, f"reader failed unexpectedly: {type(exc).__name__}: {exc}"
        )


def _reader_for(name: str) -> Reader | None:
    lowered = name.lower()
    for suffix, reader in _READERS:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            return reader
    return None


def _unsupported_detail(name: str) -> str:
    suffixes = Path(name.lower()).suffixes
    suffix = "".join(suffixes[-2:] if suffixes[-1:] == [".gz"] else suffixes[-1:])
    kind = f'"{suffix}" files are' if suffix else "files without an extension are"
    return (
        f"{kind} not read; supported: .txt, .html, .htm, .jsonl (each optionally .gz),"
        " .warc, .warc.gz"
    )


def _relative(path: Path, input_dir: Path) -> str:
    try:
        return path.relative_to(input_dir).as_posix()
    except ValueError:
        return path.name


def _dir_name(input_dir: Path) -> str:
    """The input folder's own name, even for '.' or a trailing slash."""
    return input_dir.name or input_dir.resolve().name or "input"
