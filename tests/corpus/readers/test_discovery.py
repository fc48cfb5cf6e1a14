"""Finding input files and dispatching them by suffix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.readers import ReadLimits, iter_input_files, read_path


def touch(root: Path, rel: str, data: bytes = b"text") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def rels(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in iter_input_files(root)]


def test_recursive_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    for rel in ["b/z.txt", "a.html", "b/a/y.jsonl", ".hidden.txt", ".git/x.txt", "b/.cache/q"]:
        touch(tmp_path, rel)
    assert rels(tmp_path) == ["a.html", "b/a/y.jsonl", "b/z.txt"]


def test_symlink_loop_is_followed_once(tmp_path: Path) -> None:
    touch(tmp_path, "site/a.txt")
    os.symlink(tmp_path / "site", tmp_path / "site" / "loop")
    assert rels(tmp_path) == ["site/a.txt"]


def test_broken_symlink_is_listed_and_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    assert rels(tmp_path) == ["dangling.txt"]
    (unit,) = read_path(tmp_path / "dangling.txt", tmp_path, ReadLimits())
    assert unit == Quarantined(
        "dangling.txt",
        Reason.READ_ERROR,
        "cannot read file: No such file or directory",
        tmp_path.name,
    )


def test_missing_input_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="input folder not found"):
        iter_input_files(tmp_path / "missing")


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("report.pdf", '".pdf" files are not read'),
        ("dump.tar.gz", '".tar.gz" files are not read'),
        ("README", "files without an extension are not read"),
    ],
)
def test_unsupported(tmp_path: Path, name: str, detail: str) -> None:
    path = touch(tmp_path, f"s/{name}", b"%PDF-1.4")
    (unit,) = read_path(path, tmp_path, ReadLimits())
    assert isinstance(unit, Quarantined)
    assert (unit.source_path, unit.reason, unit.site) == (f"s/{name}", Reason.UNSUPPORTED, "s")
    assert unit.detail == (
        f"{detail}; supported: .txt, .html, .htm, .jsonl (each optionally .gz), .warc, .warc.gz"
    )


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = touch(tmp_path, "s/PAGE.HTM", b"<p>Hi</p>")
    (doc,) = read_path(path, tmp_path)
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.source_path) == ("html", "s/PAGE.HTM")


def test_reader_bug_becomes_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.readers.text as text_module

    def explode(*_: object) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(text_module, "read_all", explode)
    path = touch(tmp_path, "s/a.txt")
    (unit,) = read_path(path, tmp_path)
    assert unit == Quarantined(
        "s/a.txt", Reason.READ_ERROR, "reader failed unexpectedly: RuntimeError: boom", "s"
    )
