"""Byte reading: gzip by magic, size caps, and truncation reported without losing good bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from corpus.documents import Reason
from corpus.readers.base import ReadLimits, describe_size
from corpus.readers.compression import ReadProblem, open_input, read_all

TEXT = b"".join(b"line %05d of a perfectly ordinary article\n" % i for i in range(5000))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problem(path: Path, limits: ReadLimits | None = None) -> ReadProblem:
    with pytest.raises(ReadProblem) as caught:
        read_all(path, limits or ReadLimits())
    return caught.value


def test_plain_file(tmp_path: Path) -> None:
    assert read_all(write(tmp_path, "a.txt", TEXT), ReadLimits()) == TEXT


def test_gzip_file(tmp_path: Path) -> None:
    assert read_all(write(tmp_path, "a.txt.gz", gzip.compress(TEXT)), ReadLimits()) == TEXT


def test_gz_name_without_gzip_bytes_is_read_as_is(tmp_path: Path) -> None:
    assert read_all(write(tmp_path, "a.txt.gz", b"already gunzipped"), ReadLimits()) == (
        b"already gunzipped"
    )


def test_gzip_bytes_without_gz_name_are_gunzipped(tmp_path: Path) -> None:
    assert read_all(write(tmp_path, "a.html", gzip.compress(b"<p>hi</p>")), ReadLimits()) == (
        b"<p>hi</p>"
    )


def test_multi_member_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"first half, ") + gzip.compress(b"second half")
    assert read_all(write(tmp_path, "a.txt.gz", data), ReadLimits()) == (b"first half, second half")


def test_trailing_garbage_after_a_member_is_ignored(tmp_path: Path) -> None:
    data = gzip.compress(b"whole article") + b"\x00\x00junk"
    assert read_all(write(tmp_path, "a.txt.gz", data), ReadLimits()) == b"whole article"


def test_truncated_gzip(tmp_path: Path) -> None:
    found = problem(write(tmp_path, "a.txt.gz", gzip.compress(TEXT)[:-20]))
    assert found.reason is Reason.TRUNCATED
    assert found.detail.startswith("gzip stream ends early after ")
    assert found.detail.endswith(" of decompressed data (truncated download?)")


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(TEXT))
    data[-8:-4] = b"\x00\x00\x00\x00"  # wrong CRC32 in the trailer
    found = problem(write(tmp_path, "a.txt.gz", bytes(data)))
    assert found.reason is Reason.TRUNCATED
    assert "gzip data is corrupt" in found.detail
    assert "incorrect data check" in found.detail


def test_truncated_stream_hands_out_good_bytes_first(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl.gz", gzip.compress(TEXT)[:-200])
    received = bytearray()
    with open_input(path, ReadLimits()) as stream, pytest.raises(ReadProblem) as caught:
        while chunk := stream.read(4096):
            received += chunk
    assert caught.value.reason is Reason.TRUNCATED
    assert len(received) > 100_000
    assert TEXT.startswith(bytes(received))
    assert f"after {describe_size(len(received))} " in caught.value.detail


def test_file_over_max_bytes(tmp_path: Path) -> None:
    found = problem(write(tmp_path, "a.txt", TEXT), ReadLimits(max_bytes=1000))
    assert found.reason is Reason.TOO_LARGE
    assert found.detail == (
        f"file is {describe_size(len(TEXT))}, over the limit of 1,000 bytes (max_bytes)"
    )


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\x00" * 5_000_000)
    found = problem(write(tmp_path, "a.txt.gz", bomb), ReadLimits(max_decompressed_bytes=65536))
    assert found.reason is Reason.TOO_LARGE
    assert found.detail == (
        "decompresses to more than 65,536 bytes (max_decompressed_bytes; a gzip bomb?)"
    )


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    found = problem(tmp_path / "gone.txt")
    assert found.reason is Reason.READ_ERROR
    assert found.detail == "cannot read file: No such file or directory"


def test_folder_is_a_read_error(tmp_path: Path) -> None:
    assert problem(tmp_path).detail == "not a regular file (a folder, pipe or device?)"


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_bytes must be a positive integer"):
        ReadLimits(max_bytes=0)
    assert ReadLimits().max_payload_bytes == 8_000_004


def test_describe_size() -> None:
    assert describe_size(1234) == "1,234 bytes"
    assert describe_size(50 * 1024 * 1024) == "50.0 MiB"
