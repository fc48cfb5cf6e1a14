"""Bylines and author boxes: removed from the body, and the author's name kept in `author`.

A bio is recognised by shape and place, not by wording: a paragraph that opens with a person's
name followed by a reporting verb and journalism vocabulary, sitting in the document's tail (only
short lines or other bios follow it). Everything short after the first bio is the profile card.
"""

from __future__ import annotations

import re

from cleaners.lines import is_prose
from cleaners.rules import DocView

_PARTICLE = r"(?:de|da|del|della|der|van|von|bin|al|la|le|st\.?|mac|mc|dos|du)"
_CAP = r"[A-Z][\w'’.-]*"
#: A person's name as bylines print it: 2-4 capitalised words, particles allowed.
NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{1,3}}"
_NAME_RE = re.compile(NAME)

_ROLES = (
    r"staff writer|staff reporter|reporter|senior reporter|correspondent|contributor|contributing"
    r" (?:writer|editor)|editor|senior editor|news editor|managing editor|columnist|freelance"
    r" (?:writer|journalist)|writer|journalist|producer|photographer|special to [\w ]+"
)
THRESHOLDS = {
    "byline_max_words": 16,  # a byline is a label, not a sentence
    "header_max_lines": 8,  # "NAME | Outlet" without a role word only counts above the body
    "outlet_max_words": 5,
    "card_max_words": 12,  # profile-card lines are labels, places, degrees
    "bio_min_words": 8,
}

_BY = re.compile(
    rf"^(?:by|written by|words by|story by|reporting by|text by)[:\s]+(?P<name>{NAME}"
    rf"(?:\s*(?:,|and|&)\s*{NAME})*)\s*(?:$|[|,·•—–(-]\s*(?P<rest>.*)$)",
    re.IGNORECASE,
)
_NAME_ROLE = re.compile(rf"^(?P<name>{NAME})\s*[|,·•—–-]\s*(?P<rest>[\w .&',’-]{{2,60}})$")
_ROLE = re.compile(rf"\b(?:{_ROLES})\b", re.IGNORECASE)
_BARE_NAME = re.compile(rf"^(?P<name>{NAME})$")
_BIO = re.compile(
    rf"^(?:about the author:?\s*)?(?P<name>{NAME})(?:,\s*[\w .,'-]{{1,40}},)?\s+(?:is|was|has|had|covers|"
    r"writes|reports|joined|edits|leads|became|serves|previously|spent)\b"
)
_BIO_VOCAB = re.compile(
    r"\b(?:editor|writer|reporter|journalist|correspondent|columnist|contributor|producer|"
    r"newsroom|journalism|reporting|freelance|staff|covers|has reported|bureau|byline|"
    r"newsletter|publications?|magazine|newspaper|reports? on|writes? about|covers)\b",
    re.IGNORECASE,
)
_CARD_LINK = re.compile(
    r"^(?:more (?:from|by|stories by)|view all (?:stories|posts|articles) by|follow|contact|email|"
    r"e-mail|read more from)\b.*|^[\w.+-]+@[\w-]+\.[\w.]+$|^@\w+$",
    re.IGNORECASE,
)


def clean_name(name: str) -> str:
    """Title-case shouted names and drop trailing credentials ("ANN LEE, MS, RD" → "Ann Lee")."""
    name = re.split(r",\s*(?=[A-Z]{2,}\b)", name.strip())[0].strip(" ,.")
    if name.isupper():
        name = name.title()
    return name


class BylineRule:
    """'By NAME', 'Written by NAME', 'NAME | Staff Writer' anywhere short; a bare name only
    directly under the headline (elsewhere a two-word capitalised line is as likely a subhead).

    Runs twice: before title detection with `bare_names=False` (so "BY ANN LEE" is never taken
    for the headline), and after it to pick up a bare name below the headline.
    """

    name = "byline"

    def __init__(self, bare_names: bool = True) -> None:
        self.bare_names = bare_names

    def find(self, doc: DocView) -> list[int]:
        hits: list[int] = []
        limit = THRESHOLDS["byline_max_words"]
        below_title = (
            doc.neighbour(doc.title_index, 1)
            if self.bare_names and doc.title_index is not None
            else None
        )
        header = set(_header(doc))
        for i in doc.kept():
            text = doc.lines[i].text
            if doc.word_counts[i] > limit:
                continue
            match = _BY.match(text) or self._name_and_role(text, in_header=i in header)
            if match is None and i == below_title and _looks_like_bare_name(text):
                match = _BARE_NAME.match(text)
            if match:
                hits.append(i)
                doc.authors.append(clean_name(re.split(r"\s*(?:,|\band\b|&)\s*", match["name"])[0]))
        return hits

    @staticmethod
    def _name_and_role(text: str, in_header: bool) -> re.Match[str] | None:
        """'NAME | Business Reporter' anywhere; 'NAME | Metro Wire' (an outlet) near the top."""
        match = _NAME_ROLE.match(text)
        if match is None:
            return None
        if _ROLE.search(match["rest"]):
            return match
        short = len(match["rest"].split()) <= THRESHOLDS["outlet_max_words"]
        return match if in_header and short else None


def _header(doc: DocView) -> list[int]:
    """Kept lines above the first prose paragraph: where bylines and datelines sit."""
    header = []
    for i in doc.kept()[: THRESHOLDS["header_max_lines"]]:
        if is_prose(doc.lines[i].text):
            break
        header.append(i)
    return header


def _looks_like_bare_name(text: str) -> bool:
    tokens = text.split()
    return 2 <= len(tokens) <= 3 and all(
        t[:1].isupper() and t.replace("-", "").isalpha() for t in tokens
    )


def is_bio(text: str, word_count: int) -> re.Match[str] | None:
    """A biography sentence: a name, a reporting verb, and journalism vocabulary."""
    if word_count < THRESHOLDS["bio_min_words"]:
        return None
    match = _BIO.match(text)
    if match and _BIO_VOCAB.search(text):
        return match
    return None


class AuthorBioRule:
    """Author biographies in the tail, and the profile card that follows them."""

    name = "author_bio"

    def find(self, doc: DocView) -> list[int]:
        kept = doc.kept()
        card_limit = THRESHOLDS["card_max_words"]
        for position, i in enumerate(kept):
            match = is_bio(doc.lines[i].text, doc.word_counts[i])
            if not match:
                continue
            tail = kept[position + 1 :]
            if all(
                doc.word_counts[j] <= card_limit
                or is_bio(doc.lines[j].text, doc.word_counts[j])
                or _CARD_LINK.match(doc.lines[j].text)
                for j in tail
            ):
                doc.authors.append(clean_name(match["name"]))
                return [i, *tail]
        return []
