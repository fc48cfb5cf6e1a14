"""site_for: one site per publication, whatever the URL spelling; folders when there is no URL."""

from __future__ import annotations

import pytest

from corpus.readers.site import host_of, site_for


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.Herald.example/news/1", "herald.example"),
        ("http://herald.example:8080/x", "herald.example"),
        ("https://user:pw@WWW.herald.example./x", "herald.example"),
        ("//cdn.herald.example/x", "cdn.herald.example"),
        ("herald.example/news/1", "herald.example"),
        ("www2.herald.example", "www2.herald.example"),
        ("/news/relative", None),
        ("not a url", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_host_of(url: str | None, host: str | None) -> None:
    assert host_of(url) == host


def test_url_wins_over_folder() -> None:
    assert site_for("folder/a.html", "https://www.gazette.example/a", "input") == (
        "gazette.example"
    )


def test_first_folder_without_url() -> None:
    assert site_for("herald/2024/05/a.txt", None, "input") == "herald"
    assert site_for("herald/a.html", "/relative/only", "input") == "herald"


def test_loose_file_uses_the_input_folder_name() -> None:
    assert site_for("a.txt", None, "scrape-2024") == "scrape-2024"
