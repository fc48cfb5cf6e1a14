"""Bylines and author boxes: removed from the body, and the author's name kept in `author`.

A bio is recognised by shape and place, not by wording: a paragraph that opens with a person's
name followed by a reporting verb and journalism vocabulary, sitting in the document's tail (only
short lines or other bios follow it). Everything short after the first bio is the profile card.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cleaners.lines import line_key
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
    "labelled_max_words": 10,  # "Author: …" / "Story by …" credit: anything this short is a name
    "card_max_words": 12,  # profile-card lines are labels, places, degrees
    "bio_min_words": 8,
    # "X is Site's travel correspondent." is a bio however short, because it names a job title
    "short_bio_min_words": 5,
}

#: Several people in one credit: "Ann Lee and Bo Chen", "A, B & C", "Dieter Hogen with Uta Pippig".
NAMES = rf"{NAME}(?:\s*(?:,|\band\b|&|\bwith\b)\s*{NAME})*"
# Only the label is case-insensitive: the name itself must be capitalised, so "By defining
# contracts, we …" is never a byline.
_BY = re.compile(
    rf"^(?i:by|written by|words by|story by|reporting by|text by|reported by)[:\s]+"
    rf"(?P<name>(?:the\s+)?{NAMES})\s*(?:$|[|·•(]\s*(?P<rest>.*)$|\s[—–-]\s*(?P<rest2>.*)$"
    r"|,\s*(?P<rest3>(?![A-Z][\w'’.-]*\s*$).*)$)"
)
# An explicit credit label ("Author: Zach", "Story by Nayane", "Written by Maria & Katerina"):
# the label says what follows is the author, so a single or lower-case name counts too.
_LABELLED = re.compile(
    r"^(?i:author|authors|written by|story by|words by|posted by|reported by|reporting by)"
    r"\s*[:\s]\s*(?P<name>[^\s:].*?)\s*$"
)
# "By infuy", "BY ECOFLOW", "By Center for Drug Evaluation and Research": a bare "By …" credit
# whose name is not a person's shape counts only in the header, above the first paragraph.
_BY_HEADER = re.compile(r"^(?i:by)\s+(?P<name>[\w@][\w .,&'’@-]{0,60})$")
# Separators between a name and a role or outlet; a dash needs spaces around it, so the hyphen
# in "End-to-End" or "CVE-2024-49113" never splits a headline into "NAME - role".
_NAME_ROLE = re.compile(
    rf"^(?P<name>{NAMES})\s*(?P<sep>[|,·•]|\s[—–-])\s*(?P<rest>[\w .&',’-]{{2,60}})$"
)
_ROLE = re.compile(rf"\b(?:{_ROLES})\b", re.IGNORECASE)
# Capitalised words that make a line a heading or a job title rather than a person's name.
_NOT_NAME_WORD = re.compile(
    r"^(?:the|a|an|this|our|your|how|why|what|when|key|top|best|new|understanding|introducing"
    r"|consultant|manager|director|officer|partner|president|founder|ceo|cto|head|chief)$",
    re.IGNORECASE,
)
_BARE_NAME = re.compile(rf"^(?P<name>{NAMES})$")
_BIO = re.compile(
    rf"^(?:(?i:about the author):?\s*)?(?P<name>{NAME})(?:,\s*[\w .,'-]{{1,40}},)?\s+(?:is|was|has"
    r"|had|covers|writes|reports|joined|edits|leads|became|serves|previously|spent)\b"
)
_BIO_VOCAB = re.compile(
    r"\b(?:editor|writer|reporter|journalist|correspondent|columnist|contributor|producer|"
    r"newsroom|journalism|reporting|freelance|staff|covers|has reported|bureau|byline|"
    r"newsletter|publications?|magazine|newspaper|reports? on|writes? about|covers)\b",
    re.IGNORECASE,
)
# "… is Pinecrest Herald's travel correspondent." / "… writes about politics and food.":
# a job title or beat in a short sentence about a named person.
_SHORT_BIO = re.compile(
    r"\b(?:is|was) (?:a|an|the|[A-Z][\w .&'’-]{1,40}['’]s) [\w ,&-]{0,40}"
    r"(?:correspondent|reporter|editor|writer|columnist|critic|journalist|contributor)\b"
    r"|\b(?:writes|reports) (?:about|on) \w",
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
    """Credit lines: 'By NAME', 'Author: NAME', 'NAME | Staff Writer' anywhere short; looser
    shapes ('By infuy', 'NAME | Metro Wire', a bare name) only in the header, between the
    headline and the first paragraph, where a credit is expected and a subhead is rare.

    Runs twice: before title detection with `bare_names=False` (so "BY ANN LEE" is never taken
    for the headline), and after it to pick up a bare name below the headline. The author is the
    whole credit ("Ann Lee and Bo Chen"), without role, outlet or trailing credentials.
    """

    name = "byline"

    def __init__(self, bare_names: bool = True) -> None:
        self.bare_names = bare_names

    def find(self, doc: DocView) -> list[int]:
        hits: list[int] = []
        limit = THRESHOLDS["byline_max_words"]
        header = set(_header(doc))
        # The first line of a page is where the headline sits: "Night Ferries - Why and How"
        # and "Headline — Site" have the "NAME - outlet" shape, so the header forms skip it.
        kept = doc.kept()
        headline_slot = kept[0] if kept and doc.title_index is None else None
        for i in kept:
            text = doc.lines[i].text
            if doc.word_counts[i] > limit:
                continue
            in_header = i in header
            name = self._credit(text, in_header, outlet_ok=in_header and i != headline_slot)
            if name is None and self.bare_names and in_header and not doc.authors:
                name = _bare_name(doc, i)
            if name:
                hits.append(i)
                doc.authors.append(clean_name(name))
        return hits

    @classmethod
    def _credit(cls, text: str, in_header: bool, outlet_ok: bool) -> str | None:
        match = _BY.match(text)
        if match:
            return match["name"]
        if in_header:  # lists in the body use labels too ("Author: H.G. Wells" under a book)
            match = _LABELLED.match(text) or _BY_HEADER.match(text)
            if match and _is_label_value(match["name"]):
                return match["name"]
        match = cls._name_and_role(text, outlet_ok)
        return match["name"] if match else None

    @staticmethod
    def _name_and_role(text: str, in_header: bool) -> re.Match[str] | None:
        """'NAME | Business Reporter' anywhere; 'NAME | Metro Wire' (an outlet) near the top."""
        match = _NAME_ROLE.match(text)
        if match is None or not _is_person(match["name"]):
            return None
        if _ROLE.search(match["rest"]):
            return match
        # "Process Knowledge Management, Part IV": after a comma only a role makes a credit
        short = len(match["rest"].split()) <= THRESHOLDS["outlet_max_words"]
        return match if in_header and short and match["sep"] != "," else None


def _is_label_value(value: str) -> bool:
    """What follows a credit label is a name, not a sentence: short, no final punctuation."""
    value = value.strip()
    return (
        bool(value)
        and len(value.split()) <= THRESHOLDS["labelled_max_words"]
        and not value.endswith(("?", "!", ":"))
        and not (value.endswith(".") and not re.search(r"\b[A-Z]\.$", value))
    )


def _is_person(name: str) -> bool:
    """A capitalised phrase that is not a heading or a job title ("Key Points", "The Edge")."""
    return not any(_NOT_NAME_WORD.match(token) for token in re.findall(r"[\w'’]+", name))


def _header(doc: DocView) -> list[int]:
    """Kept lines above the first prose paragraph: where bylines and datelines sit."""
    header = []
    for i in doc.kept()[: THRESHOLDS["header_max_lines"]]:
        if doc.is_prose(i):
            break
        header.append(i)
    return header


def _bare_name(doc: DocView, index: int) -> str | None:
    """A line that is only a person's name, below the headline (or at the top of a page with no
    headline). Subheads share the shape ("Safety Alert", "Yosemite Falls"); what separates them
    is that their words are ordinary vocabulary, so a word the article also uses in lower case
    ("safety") rules the line out, and a heading word ("Key", "Understanding") does too."""
    if doc.title_index is not None and index < doc.title_index:
        return None
    text = doc.lines[index].text
    match = _BARE_NAME.match(text)
    if match is None or not _looks_like_bare_name(text) or not _is_person(text):
        return None
    # A credit sits in a cluster of header lines or right above the text; a subhead is
    # followed by more short lines ("IN PERSON", "Authors of this article:").
    following = doc.neighbour(index, 1)
    if following is None or not (following != index + 1 or doc.is_prose(following)):
        return None
    lower = {w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", text)}
    for j in doc.kept():
        if j != index and lower & set(re.findall(r"\b[a-z][\w'’-]*", doc.lines[j].text)):
            return None
    return match["name"]


def _looks_like_bare_name(text: str) -> bool:
    """2-4 capitalised alphabetic words, or several such names joined by ',', 'and', '&'."""
    people = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return all(
        2 <= len(tokens := person.split()) <= 4
        and all(t[:1].isupper() and t.replace("-", "").replace("'", "").isalpha() for t in tokens)
        for person in people
    )


def is_bio(text: str, word_count: int) -> re.Match[str] | None:
    """A biography sentence: a name, a reporting verb, and journalism vocabulary."""
    if word_count < THRESHOLDS["short_bio_min_words"]:
        return None
    match = _BIO.match(text)
    if match is None:
        return None
    if word_count >= THRESHOLDS["bio_min_words"] and _BIO_VOCAB.search(text):
        return match
    return match if _SHORT_BIO.search(text) else None


class AuthorBioRule:
    """Author biographies in the tail, and the profile card that follows them."""

    name = "author_bio"

    def __init__(self, template: Mapping[str, int] | None = None) -> None:
        # Lines the site repeats on other pages (standards notes, newsletter pitches) may sit
        # after the bio; they are furniture, not article text that would end the tail.
        self.template = template or {}

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
                or line_key(doc.lines[j].text) in self.template
                for j in tail
            ):
                doc.authors.append(clean_name(match["name"]))
                return [i, *tail]
        return []


# "Mira Jansen for Summit Gazette": a photographer's (or stringer's) credit line.
_FOR_OUTLET = re.compile(
    rf"^(?P<name>{NAME}) for (?:the )?(?P<outlet>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){{0,4}})$"
)


class CreditLineRule:
    """'NAME for OUTLET' lines: photo and contributor credits.

    "Gym Workouts for Beginners" has the same shape, so the outlet must be named in the page's
    own boilerplate (copyright, byline, newsletter lines already removed): that is the evidence
    that the words after "for" are a publication, not a subject.
    """

    name = "image_credit"

    def find(self, doc: DocView) -> list[int]:
        boilerplate = " \n".join(doc.lines[i].text.casefold() for i in doc.removed)
        hits = []
        for i in doc.kept():
            match = _FOR_OUTLET.match(doc.lines[i].text)
            if match and _is_person(match["name"]) and match["outlet"].casefold() in boilerplate:
                hits.append(i)
        return hits
