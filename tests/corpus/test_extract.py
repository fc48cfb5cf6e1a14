"""HTML extraction (`corpus.extract`): precision first, the default pass when precision loses
the article."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from corpus import extract
from tests.conftest import SHARED


def _doc(text: str) -> SimpleNamespace:
    return SimpleNamespace(
        text=text, title="Ferry Service Extended", author=None, date=None, url=None
    )


def _fake(precise: str, full: str):
    def bare(html: str, url: str | None, options: dict[str, Any]) -> SimpleNamespace:
        return _doc(precise if options["favor_precision"] else full)

    return bare


def test_precision_text_is_used_when_it_keeps_most_of_the_article(monkeypatch) -> None:
    full = "Lead paragraph.\n\nSecond paragraph.\n\nRelated: Other Story"
    precise = "Lead paragraph.\n\nSecond paragraph."
    monkeypatch.setattr(extract, "_bare", _fake(precise, full))
    assert extract.extract_html("<html></html>").text == precise


def test_default_text_is_used_when_precision_cut_the_article(monkeypatch) -> None:
    full = "Lead paragraph. " * 40
    precise = "Lead paragraph."
    monkeypatch.setattr(extract, "_bare", _fake(precise, full))
    assert extract.extract_html("<html></html>").text == full


def test_no_text_in_either_pass_is_none(monkeypatch) -> None:
    monkeypatch.setattr(extract, "_bare", lambda html, url, options: None)
    assert extract.extract_html("<html></html>") is None


def test_real_page_extracts_its_article() -> None:
    paragraph = (
        "The harbour authority voted on Tuesday to extend the night ferry service through the "
        "winter, citing a steady rise in commuters from the eastern villages since October."
    )
    html = (
        "<html><head><title>Ferry Service Extended</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<h1>Ferry Service Extended</h1>" + f"<p>{paragraph}</p>" * 4 + "</article></body></html>"
    )
    result = extract.extract_html(html)
    assert result is not None
    assert paragraph in result.text
    assert extract.FALLBACK_OPTIONS["favor_precision"] is False
    assert extract.EXTRACT_OPTIONS["favor_precision"] is True


def _count_metadata(monkeypatch) -> list[object]:
    """Record `page_metadata` calls (it answers with a fixed title)."""
    calls: list[object] = []

    def metadata(tree, url=None) -> SimpleNamespace:
        calls.append(tree)
        return SimpleNamespace(title="Ferry Service Extended", author=None, date=None, url=None)

    monkeypatch.setattr(extract, "page_metadata", metadata)
    return calls


def test_fast_profile_is_one_default_pass_and_one_metadata_read(monkeypatch) -> None:
    calls: list[dict[str, Any]] = []

    def bare(html: str, url: str | None, options: dict[str, Any]) -> SimpleNamespace:
        calls.append(options)
        return _doc("Lead paragraph.\n\nSecond paragraph.")

    monkeypatch.setattr(extract, "_bare", bare)
    metadata = _count_metadata(monkeypatch)
    result = extract.extract_html("<html></html>", profile="fast")
    assert result is not None and result.title == "Ferry Service Extended"
    assert len(calls) == 1 and len(metadata) == 1
    assert calls[0]["fast"] and not calls[0]["with_metadata"]  # page_metadata reads it
    assert not calls[0]["favor_precision"]  # precision alone cuts whole articles


def test_accurate_profile_reads_metadata_once(monkeypatch) -> None:
    calls: list[dict[str, Any]] = []

    def bare(html: str, url: str | None, options: dict[str, Any]) -> SimpleNamespace:
        calls.append(options)
        return _doc("Lead paragraph.")

    monkeypatch.setattr(extract, "_bare", bare)
    metadata = _count_metadata(monkeypatch)
    extract.extract_html("<html></html>")
    assert [c["with_metadata"] for c in calls] == [False, False] and len(metadata) == 1


def test_page_metadata_gives_trafilaturas_four_fields() -> None:
    """`page_metadata` runs trafilatura's metadata steps for title, author, date and URL only:
    on these pages (meta tags, JSON-LD, markup only; a one-word author) and on real benchmark
    pages when ../shared is there, the four values must be trafilatura's own."""
    import gzip

    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    pages = [
        "<html><head><title>Ferry Service Extended | Harbour Herald</title>"
        "<meta name='author' content='Mira Okafor'>"
        "<meta property='article:published_time' content='2026-03-03T10:00:00Z'>"
        "<link rel='canonical' href='https://herald.example/ferry'></head>"
        "<body><article><h1>Ferry Service Extended</h1><p>Body text.</p></article></body></html>",
        '<html><head><script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"headline": "Tram Line Approved", "author": {"name": "Dan Reyes"}, '
        '"datePublished": "2026-02-01"}</script></head><body><p>Text.</p></body></html>',
        "<html><body><h1>Council Votes</h1><p class='byline'>By Alma Varga</p>"
        "<time datetime='2026-01-05'>5 January 2026</time><p>Text of the story.</p></body></html>",
        "<html><head><meta name='author' content='admin'></head><body><p>x</p></body></html>",
    ]
    for path in sorted((SHARED / "bench" / "extraction").glob("*/html/*.html.gz"))[:60]:
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    assert len(pages) in (4, 64)  # 60 real pages when ../shared is there
    for html in pages:
        tree = extract._parse(html)
        ours = extract.page_metadata(tree, None)
        theirs = extract_metadata(extract._parse(html), None, set_date_params(extensive=False))
        for field in ("title", "author", "date", "url"):
            assert getattr(ours, field) == getattr(theirs, field), (field, html[:200])
    first = extract.page_metadata(extract._parse(pages[0]))
    assert (first.author, first.date, first.url) == (
        "Mira Okafor",
        "2026-03-03",
        "https://herald.example/ferry",
    )


def test_both_passes_read_one_parsed_tree_and_leave_it_unchanged(monkeypatch) -> None:
    from lxml.html import HtmlElement, tostring

    paragraph = (
        "The harbour authority voted on Tuesday to extend the night ferry service through the "
        "winter, citing a steady rise in commuters from the eastern villages since October."
    )
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Ferry Service Extended</h1>"
        + "".join(f"<p>{paragraph} (Part {n}.)</p>" for n in range(4))
        + "<ul><li>Late crossings every ninety minutes</li></ul></article></body></html>"
    )
    real = extract._bare
    seen: list[tuple[object, bytes]] = []

    def bare(page, url, options):
        before = tostring(page)
        result = real(page, url, options)
        assert tostring(page) == before  # trafilatura did not change the shared tree
        seen.append((page, before))
        return result

    monkeypatch.setattr(extract, "_bare", bare)
    result = extract.extract_html(html)
    assert len(seen) == 2 and seen[0][0] is seen[1][0]
    assert isinstance(seen[0][0], HtmlElement)
    assert result is not None and result.text == real(html, None, extract.EXTRACT_OPTIONS).text


def test_a_body_rendered_twice_is_kept_once() -> None:
    body = [f"Paragraph {n} of the article, long enough to count as body text." for n in "ABCD"]
    text = "\n".join([*body, "Share this story", *body])
    assert extract.drop_repeated_runs(text) == "\n".join([*body, "Share this story"])


def test_single_repeated_lines_are_kept() -> None:
    quote = "“We will run the boats as long as people need them,” the harbour master said."
    text = "\n".join(["Lead paragraph of the story.", quote, "Middle paragraph.", quote, "End."])
    assert extract.drop_repeated_runs(text) == text
    short = "\n".join(["Note: bring a ticket.", "Body.", "Note: bring a ticket."] * 2)
    assert extract.drop_repeated_runs(short) == short


def test_a_short_repeated_block_in_a_long_text_is_kept() -> None:
    """A recurring block (a day of a meal plan, a product's feature list) is content."""
    block = [f"Step {n}: soak the beans overnight, then simmer them for an hour." for n in "123"]
    body = [
        f"Paragraph {n} of a long article that goes on for a while before ending."
        for n in range(30)
    ]
    text = "\n".join([*block, *body, *block])
    assert extract.drop_repeated_runs(text) == text


_BODY = "<p>" + "The harbour authority voted to extend the night ferry service. " * 5 + "</p>"
_DATED_PAGE = (
    "<html><head><title>Ferry Service Extended</title>{meta}</head><body><article>"
    "<h1>Ferry Service Extended</h1>" + _BODY + "<p>The review is due on 14 April 2025, "
    "officials said.</p>" + _BODY + "</article></body></html>"
)


def test_publication_date_comes_from_the_page_markup() -> None:
    meta = '<meta property="article:published_time" content="2026-03-03T10:00:00Z">'
    for profile in ("accurate", "fast"):
        page = extract.extract_html(_DATED_PAGE.format(meta=meta), profile=profile)
        assert page is not None and page.published == "2026-03-03"


def test_a_date_in_the_body_is_not_taken_for_the_publication_date() -> None:
    # htmldate's extensive search would answer 2025-04-14 here (a deadline in the story).
    page = extract.extract_html(_DATED_PAGE.format(meta=""))
    assert page is not None and "14 April 2025" in page.text
    assert page.published is None
