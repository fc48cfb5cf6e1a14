"""The C4 line filter's rules, the HTML visible-text step, and trafilatura alone."""

from __future__ import annotations

from corpus.evaluation.baselines import (
    c4_clean_page,
    c4_html,
    c4_text,
    count_sentences,
    trafilatura_alone,
    visible_text,
)
from corpus.evaluation.common import EMPTY

PROSE = [
    "The harbor authority cut weekend ferry service on Tuesday.",
    "Residents packed the meeting to object to the new timetable.",
    'The chair said: "We would rather run fewer boats reliably."',
]


def test_keeps_only_long_lines_with_terminal_punctuation() -> None:
    page = "\n".join(
        [
            "Home › News",  # no end mark
            *PROSE,
            "Too short to keep.",  # 4 words
            "This line trails off into an ellipsis...",
            "Share this story on Facebook and Twitter",  # no end mark
            "  Whitespace around a line is stripped before the checks.  ",
        ]
    )
    assert c4_clean_page(page) == [
        *PROSE,
        "Whitespace around a line is stripped before the checks.",
    ]


def test_drops_javascript_and_policy_lines() -> None:
    page = "\n".join(
        [
            *PROSE,
            "Please enable JavaScript to view the comments here.",
            "By using this site you agree to our Privacy Policy and terms.",
            "This website uses cookies to improve your experience.",
        ]
    )
    assert c4_clean_page(page) == PROSE


def test_citation_markers_are_removed() -> None:
    assert c4_clean_page("\n".join([*PROSE, "The ferry first ran in 1902.[1]"]))[-1] == (
        "The ferry first ran in 1902."
    )


def test_whole_page_dropped_for_lorem_ipsum_braces_or_too_few_sentences() -> None:
    assert c4_clean_page("\n".join([*PROSE, "Lorem ipsum dolor sit amet, consectetur."])) is None
    assert c4_clean_page("\n".join([*PROSE, "The config was {broken} for a while."])) is None
    assert c4_clean_page("\n".join(PROSE[:2])) is None
    assert c4_text("\n".join(PROSE[:2])) == ""
    assert c4_clean_page("") is None


def test_sentences_are_counted_by_final_punctuation() -> None:
    assert count_sentences("One here. Two here! Three?") == 3
    assert count_sentences("No end mark") == 1
    assert count_sentences("Costs rose 2.5 percent in 2024.") == 1  # a decimal is no end


HTML = """<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
<script>var x = "The hidden script text should not appear.";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry service cut</h1>
<p>The harbor authority cut weekend ferry service on Tuesday, its board decided.</p>
<p>Residents packed the meeting to <b>object</b> to the new timetable on Friday.</p>
<p>The chair said the authority would rather run fewer boats reliably than cancel.</p>
<!-- a comment that is not text -->
</article><footer>© 2024 Harbor Times. All rights reserved.</footer></body></html>"""


def test_visible_text_is_one_line_per_block_without_scripts() -> None:
    lines = visible_text(HTML).split("\n")
    assert lines[:3] == ["Home News", "Ferry service cut", lines[2]]
    assert "Residents packed the meeting to object to the new timetable on Friday." in lines
    assert not any(
        "hidden script" in line or "color" in line or "comment" in line for line in lines
    )
    assert lines[-1] == "© 2024 Harbor Times. All rights reserved."


def test_c4_on_html_keeps_the_prose_paragraphs() -> None:
    kept = c4_html(HTML).text.split("\n")
    assert len(kept) == 4  # three paragraphs and the copyright line (C4 keeps those)
    assert kept[0].startswith("The harbor authority")


def test_trafilatura_alone_extracts_text_and_title() -> None:
    pred = trafilatura_alone(HTML)
    assert "Residents packed the meeting" in pred.text
    assert "hidden script" not in pred.text
    assert trafilatura_alone("<html><body></body></html>") == EMPTY
