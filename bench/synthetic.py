"""A synthetic scraped-news corpus of any size, deterministic for a seed.

Why synthetic: throughput numbers need a corpus of a chosen size (2,000 or 100,000 documents)
that anyone can rebuild bit for bit, with the furniture that makes the pipeline work (per-site
navigation, share rows, newsletter prompts, related links, copyright footers) and reprints for
the near-duplicate stage. All text comes from the phrase banks in `bench.phrases` (original
writing: fictional places, people and outlets); nothing is copied from outside text.

Why a grammar of short parts rather than whole-sentence templates: MinHash LSH proposes
candidate pairs by shared word 3-grams, so unrelated articles must share few of them (as real
news does) or the dedup stage would be measured on a pathological candidate load. Most body
sentences are assembled from one- and two-word parts drawn at each use, mixed with story names
and a few hand-written sentences; two unrelated articles then share only a handful of 3-grams.

Documents are generated one at a time from ``Random(f"{seed}:{index}:...")``, so any document
can be rebuilt from its index alone: a reprint regenerates its source instead of keeping earlier
documents in memory, and 100,000 files stream to disk in constant memory.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import phrases as P
from bench.phrases import SITES, Site, Topic

__all__ = [
    "INDEX_FILE",
    "SITES",
    "Article",
    "GenerateResult",
    "article",
    "generate",
    "iter_articles",
    "render_html",
    "render_text",
]

#: Written beside the documents; the leading dot keeps it out of the pipeline's inputs.
INDEX_FILE = ".synthetic.json"
#: Shares of body paragraphs that are quotes, and of sentences taken from the hand-written prose
#: and from the topic's own facts (each used at most once an article); the rest of the sentences
#: come from the grammar `PATTERNS`.
QUOTE_SHARE, PROSE_SHARE, FACT_SHARE = 0.07, 0.05, 0.05
_EPOCH = date(2026, 1, 5)


# --- slots: story names, and fresh numbers and grammar parts at each use


class _Slots(dict[str, str]):
    """Slot values for `str.format_map`: the story's fixed names, else a fresh draw per use."""

    def __init__(self, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self.makers: dict[str, Callable[[], str]] = {}

    def __missing__(self, key: str) -> str:
        return self.makers[key]()


def _money(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"${rng.randint(2, 480)}.{rng.randint(1, 9)} million"
    return f"${rng.randint(110, 990):,},000"


def _change(rng: random.Random) -> str:
    """How far a figure moved, in one of many forms (digits all look alike to dedup)."""
    n = rng.randint(3, 78)
    return rng.choice(
        (
            f"{n} percent",
            f"{n} points",
            rng.choice(("sharply", "slightly", "steadily", "modestly", "again", "unexpectedly")),
            rng.choice(("fivefold", "markedly", "tenfold", "twofold", "briskly", "noticeably")),
        )
    )


def _makers(rng: random.Random, slots: _Slots, outlet: str) -> dict[str, Callable[[], str]]:
    """Draw functions for every slot a story does not fix."""

    def pick(options: tuple[str, ...]) -> Callable[[], str]:
        return lambda: rng.choice(options).format_map(slots)

    def word(options: tuple[str, ...]) -> Callable[[], str]:
        return lambda: rng.choice(options)

    return {
        "money": lambda: _money(rng),
        "change": lambda: _change(rng),
        "count": lambda: f"{rng.randint(120, 48000):,}",
        "count2": lambda: str(rng.randint(12, 900)),
        "small": lambda: str(rng.randint(2, 19)),
        "smalldec": lambda: f"{rng.randint(1, 9)}.{rng.randint(10, 95)}",
        "pct": lambda: str(rng.randint(3, 78)),
        "rent": lambda: f"{rng.randint(9, 32)}{rng.randint(0, 9)}0",
        "day": lambda: str(rng.randint(1, 28)),
        "year": lambda: str(rng.randint(1994, 2024)),
        "year0": lambda: str(rng.randint(1871, 1968)),
        "year2": lambda: str(rng.randint(2026, 2031)),
        "clock": lambda: f"{rng.randint(5, 11)}:{rng.choice(('00', '15', '30', '45', '20'))}",
        "vote": word(("6-1", "5-2", "7-0", "4-3", "8-1", "5-4", "9-2")),
        "outlet": lambda: outlet,
        "month": word(P.MONTHS),
        "weekday": word(P.WEEKDAYS),
        "body": word(P.BODIES),
        "adv": word(P.ADVERBS),
        "verb": word(P.VERBS_PAST),
        "verb_base": word(P.VERBS_BASE),
        "passive": word(P.PASSIVES),
        "adj": word(P.ADJECTIVES),
        "det": word(P.DETERMINERS),
        "noun": word(P.NOUNS),
        "say": word(P.SAY),
        "modal": word(P.MODALS),
        "metric": word(P.METRICS),
        "move": word(P.MOVES),
        "verdict": word(P.VERDICTS),
        "subj": pick(P.SUBJECTS),
        "body_subj": pick(P.BODY_SUBJECTS),
        "speaker": pick(P.SPEAKERS),
        "according": pick(P.ACCORDING),
        "connect": pick(P.CONNECTORS),
        "adjunct": pick(P.ADJUNCTS),
        "adjunct_lead": pick(tuple(a for a in P.ADJUNCTS if a)),
    }


_ALTERNATIVES = re.compile(r"\[([^\[\]]+)\]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.])")


def _choose_alternatives(template: str, rng: random.Random) -> str:
    """Replace every ``[a|b|c]`` with one of its options."""
    return _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def _sentence(template: str, slots: _Slots, rng: random.Random) -> str:
    """Fill a template; empty grammar parts leave no double spaces or stray commas."""
    text = _choose_alternatives(template, rng).format_map(slots)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(text.split())).replace(",,", ",")
    return text[:1].upper() + text[1:]


_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())


def _title_case(text: str) -> str:
    return " ".join(
        w if (i and w.lower() in _SMALL_WORDS) else w[:1].upper() + w[1:]
        for i, w in enumerate(text.split())
    )


def _place(rng: random.Random) -> str:
    return rng.choice(P.PLACE_PREFIXES) + rng.choice(P.PLACE_STEMS) + rng.choice(P.PLACE_SUFFIXES)


def _street(rng: random.Random) -> str:
    return f"{rng.choice(P.STREET_NAMES)} {rng.choice(P.STREET_KINDS)}"


def _person(rng: random.Random) -> tuple[str, str]:
    last = rng.choice(P.LAST_NAMES)
    return f"{rng.choice(P.FIRST_NAMES)} {last}", last


# --- one story


@dataclass(frozen=True, slots=True)
class Story:
    """What an article is about: topic, names and headline (cheap: no body yet)."""

    topic: Topic
    title: str
    author: str
    published: date
    names: dict[str, str]


@dataclass(frozen=True, slots=True)
class Article:
    """One document of the corpus, before rendering to text or HTML."""

    index: int
    site: Site
    title: str
    author: str
    published: date
    paragraphs: tuple[str, ...]
    related: str  # another article's headline
    kind: str  # "txt" or "html"
    reprint_of: int | None = None  # index of the original this one reprints
    edit: str | None = None  # how a reprint differs from its original

    @property
    def relpath(self) -> str:
        """Where the document goes under the corpus folder: the site is the first folder."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:60]
        return f"{self.site.slug}/{self.published.isoformat()}-{slug}-{self.index:06d}.{self.kind}"

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _story(seed: int, index: int) -> Story:
    """The names and headline of article `index` (its reprints share them)."""
    rng = random.Random(f"{seed}:{index}:story")
    topic = rng.choice(P.TOPICS)
    place, place2 = _place(rng), _place(rng)
    kind, kind2 = rng.sample(topic.kinds, 2)
    thing, thing2 = rng.sample(topic.things, 2)
    group, group2 = rng.sample(topic.groups, 2)
    names = {
        "place": place,
        "place2": place2,
        "org": f"the {place} {kind}",
        "org2": f"the {place2} {kind2}",
        "thing": thing,
        "thing2": thing2,
        "group": group,
        "group2": group2,
        "r1": rng.choice(topic.roles),
        "r2": rng.choice(P.CRITIC_ROLES),
        "street": _street(rng),
        "street2": _street(rng),
        "uni": rng.choice(P.UNIVERSITIES),
    }
    for n in range(1, 5):
        names[f"p{n}"], names[f"p{n}l"] = _person(rng)
    headline = {
        "Place": place,
        "Kind": kind,
        "Thing": _title_case(thing),
        "Month": rng.choice(P.MONTHS),
        "Money": f"${rng.randint(2, 90)} Million",
        "Count": f"{rng.randint(2, 40):,},000",
        "Count2": str(rng.randint(40, 900)),
        "Small": str(rng.randint(2, 30)),
    }
    title = rng.choice(topic.headlines).format_map(headline)
    author = _person(rng)[0]
    published = _EPOCH + timedelta(days=rng.randrange(0, 300))
    return Story(topic, title, author, published, names)


def _slots_for(story: Story, rng: random.Random, outlet: str) -> _Slots:
    slots = _Slots(story.names)
    slots.makers = _makers(rng, slots, outlet)
    return slots


def _paragraphs(story: Story, rng: random.Random, words: int, outlet: str) -> list[str]:
    """Body paragraphs of about `words` words: 1-3 sentences each, quotes on their own."""
    slots = _slots_for(story, rng, outlet)
    prose, facts = list(P.GENERIC), list(story.topic.facts)
    rng.shuffle(prose)
    rng.shuffle(facts)

    def template() -> str:
        draw = rng.random()
        if draw < PROSE_SHARE and prose:
            return prose.pop()
        if draw < PROSE_SHARE + FACT_SHARE and facts:
            return facts.pop()
        return rng.choice(P.PATTERNS)

    paragraphs: list[str] = []
    count = 0
    while count < words:
        if rng.random() < QUOTE_SHARE:
            opener, closer = rng.choice(P.QUOTE_OPENERS), rng.choice(P.QUOTE_CLOSERS)
            quote = _sentence(f"{opener}, {closer}", slots, rng)
            speaker = slots[rng.choice(("p1l", "p2l", "p3l", "p4"))]
            paragraph = f'"{quote}," {speaker} {rng.choice(P.SAY)}.'
        else:
            sentences = rng.randint(1, 3)
            paragraph = " ".join(_sentence(template(), slots, rng) for _ in range(sentences))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


# --- originals and reprints


def _plan(seed: int, index: int, duplicate_share: float) -> tuple[int | None, random.Random]:
    """(the earlier document this one reprints, or None; the document's own rng)."""
    rng = random.Random(f"{seed}:{index}:plan")
    if index > 0 and rng.random() < duplicate_share:
        return rng.randrange(index), rng
    return None, rng


def _original_of(seed: int, index: int, duplicate_share: float) -> int:
    """Follow reprint links back to the original, so every reprint copies an original."""
    source, _ = _plan(seed, index, duplicate_share)
    while source is not None:
        index = source
        source, _ = _plan(seed, index, duplicate_share)
    return index


def _site_index(seed: int, index: int) -> int:
    return random.Random(f"{seed}:{index}:site").randrange(len(SITES))


def _original(seed: int, index: int, site: int, words: int) -> tuple[Story, list[str]]:
    story = _story(seed, index)
    rng = random.Random(f"{seed}:{index}:body")
    return story, _paragraphs(story, rng, words, SITES[site].name)


_SENTENCE_END = re.compile(r"(?<=[.!?\"])\s+(?=[A-Z\"])")


def _reprint(
    paragraphs: list[str], story: Story, rng: random.Random, outlet: str
) -> tuple[list[str], str]:
    """A light edit of an original: one sentence rewritten, the ending trimmed, or both."""
    edit = rng.choice(("sentence", "trim", "both"))
    paragraphs = list(paragraphs)
    if edit in ("sentence", "both"):
        target = rng.randrange(len(paragraphs))
        sentences = _SENTENCE_END.split(paragraphs[target])
        slots = _slots_for(story, rng, outlet)
        sentences[rng.randrange(len(sentences))] = _sentence(rng.choice(P.PATTERNS), slots, rng)
        paragraphs[target] = " ".join(sentences)
    if edit in ("trim", "both") and len(paragraphs) > 4:
        paragraphs = paragraphs[: len(paragraphs) - rng.randint(1, max(1, len(paragraphs) // 5))]
    return paragraphs, edit


def article(
    seed: int, index: int, html_share: float = 0.5, duplicate_share: float = 0.1, words: int = 600
) -> Article:
    """Document `index` of the corpus for `seed`, rebuilt from scratch (no earlier state)."""
    source, rng = _plan(seed, index, duplicate_share)
    kind = "html" if rng.random() < html_share else "txt"
    other = rng.randrange(index + 50)
    related = _story(seed, other if other != index else index + 1).title
    if source is None:
        site = _site_index(seed, index)
        story, paragraphs = _original(seed, index, site, words)
        return Article(
            index=index,
            site=SITES[site],
            title=story.title,
            author=story.author,
            published=story.published,
            paragraphs=tuple(paragraphs),
            related=related,
            kind=kind,
        )
    original = _original_of(seed, source, duplicate_share)
    first_site = _site_index(seed, original)
    story, paragraphs = _original(seed, original, first_site, words)
    site = (first_site + rng.randrange(1, len(SITES))) % len(SITES)
    edited, edit = _reprint(paragraphs, story, rng, SITES[site].name)
    edited.append(
        f"This story was first published by {SITES[first_site].name} and is republished "
        "with permission."
    )
    return Article(
        index=index,
        site=SITES[site],
        title=story.title,
        author=story.author,
        published=story.published + timedelta(days=rng.randint(1, 4)),
        paragraphs=tuple(edited),
        related=related,
        kind=kind,
        reprint_of=original,
        edit=edit,
    )


def iter_articles(
    n: int, seed: int = 0, html_share: float = 0.5, duplicate_share: float = 0.1, words: int = 600
) -> Iterator[Article]:
    """The corpus's documents in index order, one at a time."""
    for index in range(n):
        yield article(seed, index, html_share, duplicate_share, words)


# --- rendering


def _long_date(day: date, rng: random.Random) -> str:
    clock = f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(('a.m.', 'p.m.'))}"
    return f"{P.MONTHS[day.month - 1]} {day.day}, {day.year} {clock}"


def render_text(doc: Article) -> str:
    """A scraper's plain-text dump: furniture above and below, a related link mid-body."""
    site = doc.site
    rng = random.Random(f"render:{doc.index}")
    middle = min(3, len(doc.paragraphs))
    body = [*doc.paragraphs[:middle], f"{site.related} {doc.related}", *doc.paragraphs[middle:]]
    lines = [
        site.nav_sep.join(site.sections),
        doc.title,
        site.byline.format(author=doc.author),
        site.dateline.format(date=_long_date(doc.published, rng)),
        "",
        "\n\n".join(body),
        "",
        site.share,
        site.newsletter,
        "",
        site.copyright.format(year=doc.published.year),
        site.extra,
    ]
    return "\n".join(lines) + "\n"


def render_html(doc: Article) -> str:
    """A realistic article page: head metadata, nav menu, <article>, related aside, footer."""
    site, esc = doc.site, html.escape
    rng = random.Random(f"render:{doc.index}")
    url = f"https://www.{site.slug}.example/news/{doc.published:%Y/%m/%d}/{doc.index:06d}/"
    stamp = f"{doc.published.isoformat()}T{rng.randint(5, 21):02d}:{rng.randint(0, 59):02d}:00Z"
    menu = "\n".join(
        f'      <li><a href="/{s.lower().replace(" ", "-")}/">{esc(s)}</a></li>'
        for s in site.sections
    )
    paragraphs = "\n".join(f"    <p>{esc(p)}</p>" for p in doc.paragraphs)
    byline = esc(site.byline.format(author=doc.author))
    dateline = esc(site.dateline.format(date=_long_date(doc.published, rng)))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(doc.title)} | {esc(site.name)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(doc.title)}">
<meta property="og:url" content="{url}">
<meta name="author" content="{esc(doc.author)}">
<meta property="article:published_time" content="{stamp}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/{site.slug}.css">
</head>
<body>
<header class="masthead">
  <p class="site-title"><a href="/">{esc(site.name)}</a></p>
  <nav class="main-menu">
    <ul>
{menu}
    </ul>
  </nav>
</header>
<main>
<article class="story">
  <header>
    <h1>{esc(doc.title)}</h1>
    <p class="byline">{byline}</p>
    <p class="dateline"><time datetime="{stamp}">{dateline}</time></p>
  </header>
  <div class="story-body">
{paragraphs}
  </div>
  <div class="share-tools">{esc(site.share)}</div>
</article>
<aside class="related">
  <h2>{esc(site.related.rstrip(":"))}</h2>
  <ul>
    <li><a href="/news/related/{doc.index:06d}/">{esc(doc.related)}</a></li>
  </ul>
  <div class="newsletter"><p>{esc(site.newsletter)}</p><form><input type="email"></form></div>
</aside>
</main>
<footer class="site-footer">
  <p>{esc(site.copyright.format(year=doc.published.year))}</p>
  <p><a href="/privacy/">Privacy</a> · <a href="/terms/">Terms</a>
     · <a href="/contact/">Contact</a></p>
  <p>{esc(site.extra)}</p>
</footer>
</body>
</html>
"""


# --- writing a corpus


@dataclass
class GenerateResult:
    """What `generate` wrote: the counts a benchmark reports and the tests check."""

    out_dir: Path
    documents: int = 0
    html: int = 0
    text: int = 0
    reprints: int = 0
    bytes: int = 0
    sites: Counter[str] = field(default_factory=Counter)
    reprint_of: dict[str, str] = field(default_factory=dict)  # reprint path -> original path

    def as_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "documents": self.documents,
            "html": self.html,
            "text": self.text,
            "reprints": self.reprints,
            "bytes": self.bytes,
            "sites": len(self.sites),
        }


def generate(
    out_dir: Path | str,
    n: int,
    seed: int = 0,
    html_share: float = 0.5,
    duplicate_share: float = 0.1,
    words: int = 600,
) -> GenerateResult:
    """Write `n` documents under `out_dir/<site>/`, one at a time; return what was written.

    Also writes `out_dir/.synthetic.json` (parameters, counts, reprint → original paths), so a
    benchmark can say how many duplicates the pipeline should find. Only the paths of originals
    are kept in memory (for that map), never documents.
    """
    out = Path(out_dir)
    result = GenerateResult(out)
    original_paths: dict[int, str] = {}
    for doc in iter_articles(n, seed, html_share, duplicate_share, words):
        data = (render_html(doc) if doc.kind == "html" else render_text(doc)).encode("utf-8")
        path = out / doc.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        result.documents += 1
        result.bytes += len(data)
        result.sites[doc.site.slug] += 1
        result.html += doc.kind == "html"
        result.text += doc.kind == "txt"
        if doc.reprint_of is None:
            original_paths[doc.index] = doc.relpath
        else:
            result.reprints += 1
            result.reprint_of[doc.relpath] = original_paths[doc.reprint_of]
    parameters = {
        "n": n,
        "seed": seed,
        "html_share": html_share,
        "duplicate_share": duplicate_share,
        "words": words,
    }
    index = {"generator": "bench.synthetic", "parameters": parameters, **result.as_dict()}
    del index["out_dir"]  # the same seed gives the same bytes wherever the corpus is written
    index["reprint_of"] = result.reprint_of
    (out / INDEX_FILE).write_text(json.dumps(index, indent=1, sort_keys=True))
    return result
