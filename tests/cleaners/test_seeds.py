"""The two real scraped seeds must clean to exactly their expected records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.document import clean_document
from cleaners.normalize import normalize_paragraphs

SEEDS = ["000_f9246d69d85d7013", "001_137b2397e75cfce8"]


def _load(seeds_dir: Path, name: str) -> tuple[str, dict]:
    text = (seeds_dir / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((seeds_dir / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


@pytest.mark.parametrize("name", SEEDS)
def test_seed_title_author_body_and_removals(seeds_dir: Path, name: str) -> None:
    text, expected = _load(seeds_dir, name)
    result = clean_document(text)
    assert result.title == expected["title"]
    assert result.author == expected["author"]
    assert result.paragraphs == expected["body_paragraphs"]
    assert [(r.line, r.text, r.rule) for r in result.removed] == [
        (r["line"], r["text"], r["kind"]) for r in expected["removed"]
    ]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_normalization(seeds_dir: Path, name: str) -> None:
    text, expected = _load(seeds_dir, name)
    paragraphs, edits = normalize_paragraphs(clean_document(text).paragraphs)
    wanted = expected.get("normalization", [])
    assert [(e.before, e.after) for e in edits] == [(n["before"], n["after"]) for n in wanted]
    body = "\n\n".join(expected["body_paragraphs"])
    for n in wanted:
        body = body.replace(n["before"], n["after"])
    assert "\n\n".join(paragraphs) == body
