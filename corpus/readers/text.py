"""Plain-text articles (`.txt`, optionally gzipped): one file, one unit.

No metadata is guessed here (not even a title from the first line): the cleaners decide what
a first line is, with the rest of the text in view.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpus.documents import Quarantined, RawDocument, Reason
from corpus.encoding import DecodeProblem, decode_text
from corpus.readers.base import SourceFile
from corpus.readers.compression import ReadProblem, read_all

__all__ = ["read_text"]


def read_text(src: SourceFile) -> Iterator[RawDocument | Quarantined]:
    """A RawDocument(kind="text") for the file, or one Quarantined row saying why not."""
    try:
        data = read_all(src.path, src.limits)
        text, encoding = decode_text(data)
    except (ReadProblem, DecodeProblem) as problem:
        yield src.quarantine(problem.reason, problem.detail)
        return
    too_large = src.too_many_chars(len(text))
    if too_large:
        yield src.quarantine(Reason.TOO_LARGE, too_large)
        return
    yield RawDocument(
        source_path=src.rel, site=src.folder_site, kind="text", content=text, encoding=encoding
    )
