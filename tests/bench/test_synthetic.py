"""The synthetic corpus: deterministic, the requested mix, real reprints, readable as input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.__main__ import main as bench_main
from bench.synthetic import INDEX_FILE, SITES, generate, iter_articles
from corpus.dedup import NearDuplicateIndex
from corpus.documents import Quarantined
from corpus.readers import iter_input_files, read_path


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("synthetic")
    return out, generate(out, 120, seed=7, html_share=0.3, duplicate_share=0.2, words=300)


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path, corpus) -> None:
    out, _ = corpus
    again = generate(
        tmp_path / "again", 120, seed=7, html_share=0.3, duplicate_share=0.2, words=300
    )
    assert _tree(out) == _tree(again.out_dir)
    other = generate(
        tmp_path / "other", 120, seed=8, html_share=0.3, duplicate_share=0.2, words=300
    )
    assert set(_tree(other.out_dir)) != set(_tree(out))


def test_writes_n_files_in_site_folders_with_the_requested_shares(corpus) -> None:
    out, result = corpus
    files = iter_input_files(out)  # the pipeline's own discovery: the index file is hidden
    assert len(files) == result.documents == 120
    html = [f for f in files if f.suffix == ".html"]
    assert len(html) == result.html and result.text == 120 - len(html)
    assert 20 <= len(html) <= 52  # 30 % of 120 = 36, binomial sd ~5
    slugs = {site.slug for site in SITES}
    assert len(SITES) >= 20 and {f.relative_to(out).parts[0] for f in files} <= slugs
    assert 14 <= result.reprints <= 36  # 20 % of 120 (the first document cannot be a reprint)
    index = json.loads((out / INDEX_FILE).read_text())
    assert index["documents"] == 120 and len(index["reprint_of"]) == result.reprints


def test_every_file_reads_as_one_document_of_its_site(corpus) -> None:
    out, _ = corpus
    for path in iter_input_files(out):
        units = list(read_path(path, out))
        assert len(units) == 1 and not isinstance(units[0], Quarantined), path
        doc = units[0]
        folder = path.relative_to(out).parts[0]
        if path.suffix == ".html":
            assert doc.kind == "html" and doc.site == f"{folder}.example"
            assert "<article" in doc.content and 'property="og:title"' in doc.content
        else:
            assert doc.kind == "text" and doc.site == folder
            assert (
                "Related:" in doc.content
                or "Read more:" in doc.content
                or "More from" in doc.content
            )
            assert "©" in doc.content or "Copyright" in doc.content


def _sentences(text: str) -> set[str]:
    return {s for s in re.split(r"(?<=[.!?\"])\s+", text) if len(s.split()) > 3}


def test_reprints_copy_an_earlier_original_on_another_site() -> None:
    docs = list(iter_articles(150, seed=3, duplicate_share=0.2, words=300))
    by_index = {d.index: d for d in docs}
    reprints = [d for d in docs if d.reprint_of is not None]
    assert len(reprints) >= 15
    for doc in reprints:
        source = by_index[doc.reprint_of]
        assert source.reprint_of is None and source.index < doc.index
        assert doc.site != source.site and doc.title == source.title
        shared = _sentences(doc.body) & _sentences(source.body)
        assert len(shared) >= 0.6 * len(_sentences(source.body)), doc.edit


def test_dedup_finds_exactly_the_reprints() -> None:
    """The project's own near-duplicate index, on the bodies: reprints match their original,
    and distinct articles never match each other (the phrase banks do not make look-alikes)."""
    index = NearDuplicateIndex()
    for doc in iter_articles(150, seed=3, duplicate_share=0.2, words=300):
        match = index.add(str(doc.index), doc.body)
        expected = None if doc.reprint_of is None else str(doc.reprint_of)
        assert (match.duplicate_of if match else None) == expected, doc.index


def test_generate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["generate", str(tmp_path / "c"), "--n", "12", "--html-share", "1"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["documents"] == printed["html"] == 12
    assert len(list((tmp_path / "c").rglob("*.html"))) == 12
