"""Build the generated part of the bundled sample corpus in `sample_corpus/`.

The sample corpus is the input of the README's first command, so it exercises every reader,
every cleaning rule family, near-duplicate removal and every quarantine reason a user is likely
to meet. All people, towns and outlets in it are invented (domains use the reserved `.example`
TLD); all text was written for this project.

Run from the repository root:

    .venv/bin/python scripts/build_sample_corpus.py          # (re)write the generated files
    .venv/bin/python scripts/build_sample_corpus.py --check  # exit 1 if they are out of date

The output is byte-for-byte reproducible: gzip members use mtime=0 and no file name, WARC
record ids and dates are fixed, and the "random" bytes of the binary file come from a SHA-256
chain. Hand-written files (plain `.txt` and `.html`) are not touched by this script; every file
marked GENERATED below is, and its source text lives in this script, because the corpus folder
holds nothing but inputs.

Sites
-----
The site of a file without a URL is its first folder. Each site has its own, consistent
page template, so every boilerplate line below repeats across at least three of its pages.

* ``harbourtown-herald/`` -- Harbourtown Herald, a coastal town daily. Template: "Skip to
  content", "Home › Local › …" breadcrumb, "By …" / "… | Staff Reporter" bylines, "Published
  March 3, 2026" / "Updated 4:15 p.m." datelines, "Advertisement" + "Story continues below",
  injected related headlines as bare Title Case lines between paragraphs, an "Accuracy Matters"
  corrections box, "Share this article" / "Sign up for our morning briefing" / "Follow us on
  Facebook", author bio (short and long) plus a profile card (city, Education, degree,
  Languages, "English, Spanish", Beats, "City Hall, Transport"), "© 2026 Harbourtown Herald.
  All rights reserved.", "Back to top".
* ``valley-ledger/`` -- Valley Ledger, an inland county weekly. Template: "Valley Ledger › News
  › …" breadcrumb, "By …, Ledger Staff", "Posted Mar 2, 2026 at 6:02 AM", "Tags: , , ,"
  residue, "ADVERTISEMENT", "Read more: …" and "Related: …" lines, a "Spotted a mistake? Tell
  us →" corrections box, "Subscribe today — …", author bio + profile card, "Copyright © 2026
  Valley Ledger Media Group. All rights reserved.", "Scroll to Top".
* ``metro-wire/`` -- Metro Wire, a regional wire service that also syndicates the two papers.
  Template: "METRO WIRE" / "Menu" / "Search" header, "Home › Region › …", "Name | Metro Wire"
  byline, "Updated 9:05 a.m. EST, Mar 4, 2026", ", , , ," tag residue, "Story continues below
  advertisement", "MORE FROM METRO WIRE" + injected headlines, "Share on X" / "Share on
  Facebook" / "Copy link", "Get the Metro Wire daily briefing. Sign up", "This story was first
  published by …" syndication footer, "© 2026 Metro Wire Syndicate. All rights reserved."
* ``feeds/`` -- exports and crawls. Units in them carry their own ``url`` and ``site``; a fourth
  outlet, the Saltmarsh Courier (``saltmarsh-courier``), appears only here.

Files (37 input units)
----------------------
harbourtown-herald/
  2026-03-03-ferry-terminal-vote.txt      ARTICLE. Full Herald template: nav, byline, dateline,
                                          ad marker, injected headlines, reader poll
                                          (question + Yes/No/Vote), corrections box, share and
                                          newsletter prompts, short AND long author bio,
                                          profile card, copyright, Back to top. ORIGINAL of the
                                          Metro Wire verbatim reprint.
  2026-03-05-cold-storage-cooperative.txt ARTICLE. Same template, another author's bio + card.
  2026-03-08-promenade-storm.txt          ARTICLE without a headline line (first line is
                                          "Skip to content"). SAME EVENT as the Metro Wire storm
                                          story, different wording throughout: must not merge.
  2026-03-10-library-reopens.txt          ARTICLE, GENERATED: mojibake (UTF-8 text decoded as
                                          cp1252 and re-saved: "CafÃ©", "donâ€™t").
  2026-03-11-lighthouse-appeal.html       ARTICLE, HTML: <title>, meta author,
                                          article:published_time, canonical link, nav, share
                                          bar, sidebar, newsletter box, footer.
  2026-03-12-bakery-award.txt             ARTICLE, GENERATED: cp1252 bytes with “smart quotes”,
                                          é and – dashes, CRLF line ends. A good article. (cp1252
                                          has no "→": its box reads "Report an error ›".)
  2026-03-14-newsletter-signup.txt        QUARANTINE no_content: nothing but nav, newsletter
                                          pitch, share/follow prompts, corrections box, footer.
  2026-03-15-draft.txt                    QUARANTINE empty: zero bytes (GENERATED).
valley-ledger/
  2026-02-24-tamsin-bridge-closure.txt    ARTICLE. ORIGINAL of the lightly edited reprint in
                                          feeds/export-2026-03-b.jsonl.gz line 1.
  2026-02-27-water-rates.txt              ARTICLE. Reader poll with custom answer lines + Vote.
  2026-03-02-peach-freeze.txt             ARTICLE. Author bio + profile card ("English, Dutch").
                                          ORIGINAL of the abridged Metro Wire reprint.
  2026-03-02-rural-bus-pilot.html         ARTICLE, HTML (WordPress-like page, canonical link).
  2026-03-04-clinic-opens.txt             ARTICLE, GENERATED: UTF-16 LE with BOM, CRLF.
  2026-03-06-partnerstadt-kellerbach.txt  QUARANTINE language: a German article (~250 words).
  2026-03-09-prescribed-burns.txt         ARTICLE without a headline line; bio twice (short +
                                          long) and profile card.
metro-wire/
  2026-03-04-harbourtown-ferry-reprint.txt  DUPLICATE (verbatim): the Herald ferry story's body
                                          under a new headline, Metro Wire boilerplate, later
                                          date, "This story was first published by …".
  2026-03-08-coastal-storm-outages.txt    ARTICLE. Same storm as the Herald story (not a dup).
  2026-03-10-transit-weekend-fare-cap.txt ARTICLE.
  2026-03-12-regional-rents.html.gz       ARTICLE, GENERATED: gzipped HTML page.
  2026-03-13-data-center-water.html       ARTICLE, HTML with JSON-LD, cookie banner, rail.
  2026-03-16-peach-freeze-reprint.txt     DUPLICATE (abridged): first 5 of 9 paragraphs (61 %
                                          of the words) of the Ledger freeze story, four words
                                          changed, later date. On word 5-gram shingles of the
                                          body it has Jaccard ~0.47 but containment ~0.85
                                          with the original: plain Jaccard at a high threshold
                                          will not catch it; containment (or overlap over the
                                          shorter text) will. The verbatim reprint is ~0.89 /
                                          1.0, the bridge reprint ~0.85 / 0.94, the storm pair
                                          0.0 / 0.0.
  2026-03-17-port-dredging-ruling.txt     ARTICLE. Two sentences run together by the scraper
                                          ("…spawning season.The port said…"), while "U.S.",
                                          "3.5" and "www.baykeepers-alliance.example.org" must
                                          stay unsplit.
  2026-03-18-stadium-bond.txt.gz          QUARANTINE truncated: gzip stream cut off (GENERATED).
  thumbnail-cache.txt                     QUARANTINE binary: PNG signature + bytes (GENERATED).
feeds/
  export-2026-03-a.jsonl                  GENERATED, 5 units (Saltmarsh Courier CMS export):
                                          #L1 ARTICLE (text), #L2 ARTICLE (text),
                                          #L3 QUARANTINE malformed (broken JSON, cut mid-string),
                                          #L4 ARTICLE (html field holding a whole page),
                                          #L5 QUARANTINE malformed (valid JSON, no text/html).
  export-2026-03-b.jsonl.gz               GENERATED, 3 units:
                                          #L1 DUPLICATE (lightly edited reprint of the Ledger
                                          bridge story: a sentence added, a few words changed,
                                          later date), #L2 ARTICLE (text),
                                          #L3 ARTICLE (html, a Valley Ledger page).
  crawl-2026-03.warc.gz                   GENERATED, 3 units. Records: #R0 warcinfo, #R1 request,
                                          #R2 #R3 #R4 text/html responses (ARTICLES from three
                                          sites), #R5 image/png response (not a unit).
  broken-2026-03.warc.gz                  GENERATED, 2 units: #R0 a complete text/html response
                                          (ARTICLE), then the second response record cut off
                                          mid-record -> 1 QUARANTINE truncated row. Note:
                                          warcio does NOT raise here; it yields record #R1 with
                                          1,433 payload bytes against an HTTP Content-Length of
                                          3,545 (WARC Content-Length 3,641), so a reader has to
                                          compare the bytes read with the declared length.

Expected outcome (with the default --languages en)
--------------------------------------------------
37 units = 26 articles in the dataset + 3 near-duplicates removed + 8 quarantined
(empty 1, binary 1, truncated 2, malformed 2, no_content 1, language 1). When a duplicate
cluster is resolved the earliest-published member (the original) is the one kept.
"""

# ruff: noqa: E501  (the HTML page templates below are kept as real, unwrapped markup)
from __future__ import annotations

import argparse
import codecs
import gzip
import hashlib
import html
import io
import json
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "sample_corpus"

EXPECTED = {
    "units": 37,
    "articles": 26,
    "duplicates": 3,
    "quarantined": 8,
    "quarantined_reasons": {
        "empty": 1,
        "binary": 1,
        "truncated": 2,
        "malformed": 2,
        "no_content": 1,
        "language": 1,
    },
}

# Per-unit outcome, keyed like `RawDocument.source_path` (#L = 1-based JSONL line, #R = 0-based
# index of the record in the WARC file, counting every record type). Values: "article",
# "duplicate:<source_path of the original kept>", or "quarantine:<reason>". The truncated
# WARC's quarantine row is listed under the index of the record that was cut off.
OUTCOMES = {
    "harbourtown-herald/2026-03-03-ferry-terminal-vote.txt": "article",
    "harbourtown-herald/2026-03-05-cold-storage-cooperative.txt": "article",
    "harbourtown-herald/2026-03-08-promenade-storm.txt": "article",
    "harbourtown-herald/2026-03-10-library-reopens.txt": "article",
    "harbourtown-herald/2026-03-11-lighthouse-appeal.html": "article",
    "harbourtown-herald/2026-03-12-bakery-award.txt": "article",
    "harbourtown-herald/2026-03-14-newsletter-signup.txt": "quarantine:no_content",
    "harbourtown-herald/2026-03-15-draft.txt": "quarantine:empty",
    "valley-ledger/2026-02-24-tamsin-bridge-closure.txt": "article",
    "valley-ledger/2026-02-27-water-rates.txt": "article",
    "valley-ledger/2026-03-02-peach-freeze.txt": "article",
    "valley-ledger/2026-03-02-rural-bus-pilot.html": "article",
    "valley-ledger/2026-03-04-clinic-opens.txt": "article",
    "valley-ledger/2026-03-06-partnerstadt-kellerbach.txt": "quarantine:language",
    "valley-ledger/2026-03-09-prescribed-burns.txt": "article",
    "metro-wire/2026-03-04-harbourtown-ferry-reprint.txt": "duplicate:harbourtown-herald/2026-03-03-ferry-terminal-vote.txt",
    "metro-wire/2026-03-08-coastal-storm-outages.txt": "article",
    "metro-wire/2026-03-10-transit-weekend-fare-cap.txt": "article",
    "metro-wire/2026-03-12-regional-rents.html.gz": "article",
    "metro-wire/2026-03-13-data-center-water.html": "article",
    "metro-wire/2026-03-16-peach-freeze-reprint.txt": "duplicate:valley-ledger/2026-03-02-peach-freeze.txt",
    "metro-wire/2026-03-17-port-dredging-ruling.txt": "article",
    "metro-wire/2026-03-18-stadium-bond.txt.gz": "quarantine:truncated",
    "metro-wire/thumbnail-cache.txt": "quarantine:binary",
    "feeds/export-2026-03-a.jsonl#L1": "article",
    "feeds/export-2026-03-a.jsonl#L2": "article",
    "feeds/export-2026-03-a.jsonl#L3": "quarantine:malformed",
    "feeds/export-2026-03-a.jsonl#L4": "article",
    "feeds/export-2026-03-a.jsonl#L5": "quarantine:malformed",
    "feeds/export-2026-03-b.jsonl.gz#L1": "duplicate:valley-ledger/2026-02-24-tamsin-bridge-closure.txt",
    "feeds/export-2026-03-b.jsonl.gz#L2": "article",
    "feeds/export-2026-03-b.jsonl.gz#L3": "article",
    "feeds/crawl-2026-03.warc.gz#R2": "article",
    "feeds/crawl-2026-03.warc.gz#R3": "article",
    "feeds/crawl-2026-03.warc.gz#R4": "article",
    "feeds/broken-2026-03.warc.gz#R0": "article",
    "feeds/broken-2026-03.warc.gz#R1": "quarantine:truncated",
}

# Pairs that look alike (same event, same site template) but must NOT be merged.
DISTINCT_PAIRS = [
    (
        "harbourtown-herald/2026-03-08-promenade-storm.txt",
        "metro-wire/2026-03-08-coastal-storm-outages.txt",
    ),
]


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of a source string, each folded onto one line."""
    return [" ".join(block.split()) for block in text.strip().split("\n\n") if block.strip()]


# ---------------------------------------------------------------------------------------------
# Plain-text sources of generated .txt files (written in each site's dump template)
# ---------------------------------------------------------------------------------------------

# Saved as mojibake: the UTF-8 bytes of this text decoded as cp1252, then written as UTF-8.
# (Only characters whose UTF-8 bytes are all defined in cp1252 are used: ’ é.)
LIBRARY_REOPENS = """\
Skip to content
Home › Community › Libraries
Library Reopens With Café and Maker Space After 14-Month Renovation
By Owen Brady
Published March 10, 2026

The Harbourtown Public Library reopened its doors on Saturday after a 14-month renovation, and \
by mid-morning the line stretched down the steps and along Chapel Hill, past the war memorial \
and almost to the post office.

Inside, the 1903 building has been stripped back to its brick walls and rebuilt around a new \
glass staircase. The children’s room has moved from the basement to the sunny ground floor, the \
local history collection has a climate-controlled archive at last, and a small café run by the \
Harbourtown Community Trust occupies what used to be the periodicals room.

"We wanted people to come in even if they don’t want a book," said head librarian Rosalind \
Tewksbury. "If you come for a coffee and leave with a library card, that’s a win."

Advertisement
Story continues below

The $4.6 million project was paid for by a city bond, a state library grant and a fundraising \
campaign that collected more than $700,000 from about 2,000 donors. Contractors found asbestos \
behind the old heating pipes in the first month, which added three months and $380,000 to the job.

Council Backs $14 Million Rebuild of Gull Island Ferry Terminal
Fishing Cooperative Opens Cold Store, Ending Long Haul to Calloway

The most popular new feature on opening day was the maker space on the second floor, where \
visitors can use a 3D printer, sewing machines and a laser cutter after a short safety class. \
Twelve-year-old Theo Mancini spent most of the morning printing a miniature copy of the Carrick \
Point lighthouse. "It took two hours," he said. "It’s about the size of my thumb."

The library will also run weekly résumé workshops and English conversation groups, and it has \
extended its opening hours to 8 p.m. on weekdays. Sunday afternoon opening, which ended in 2011 \
after budget cuts, returns in April.

Not every regular welcomed the changes. A handful of longtime patrons said they missed the old \
reading room’s leather armchairs, which were sold at auction to help cover the cost of the work. \
Tewksbury said two of the chairs had since been bought back by an anonymous donor and would \
return to the local history room.

The café is open from 9 a.m. to 4 p.m., Tuesday through Saturday.

Accuracy Matters
We correct our mistakes promptly. Read our corrections policy.
Report an error →

Share this article
Sign up for our morning briefing
Follow us on Facebook

© 2026 Harbourtown Herald. All rights reserved.
Back to top
"""

# Saved as cp1252 with CRLF line ends (an old Windows export); a good article. cp1252 has no
# "→", so this page's corrections box ends in "›".
BAKERY_AWARD = """\
Skip to content
Home › Business › Food & Drink
Harbourtown Baker’s Seaweed Sourdough Wins Regional Bread Prize
By Ines Karlsson
Published March 12, 2026

Amélie Fontaine starts work at 3 a.m., six days a week, in a narrow kitchen behind her shop on \
Anchor Road. On Sunday the early mornings paid off: her seaweed-and-rye sourdough was named best \
loaf at the Coastal Bakers’ Guild competition in Calloway City, beating 140 entries from across \
the region.

“I nearly didn’t enter,” said Fontaine, 38, who opened Fontaine’s Bakehouse in 2021 in what had \
been a bait-and-tackle shop. “My husband filled in the form and told me afterwards.”

The winning loaf uses dulse, a red seaweed gathered by hand from the rocks below Carrick Point, \
which Fontaine dries in a low oven and grinds into the dough. The judges praised its “deep, \
almost smoky crust” and a crumb they described as open but never holey.

Advertisement
Story continues below

Fontaine grew up near Lyon and trained as a pâtissier before moving to Harbourtown – her \
husband’s hometown – in 2016. She spent three years selling bread from a folding table at the \
Saturday market before she could afford a shop. The café corner by the window, with four stools \
and a counter facing the harbour, was added last year.

Seafront Cafés Brace for Busy Easter Weekend
Lighthouse Appeal Passes Halfway Mark

The guild prize brings a $1,000 award and a place at the national finals in the autumn. \
Fontaine said she would spend the money on a second-hand proving cabinet, the one piece of \
equipment she has wanted since the day the shop opened.

Customers on Monday morning did not need a judge to tell them. By 9 a.m. the shop had sold out \
of the prize-winning loaf for the first time, and Fontaine had started a waiting list on a sheet \
of brown paper taped to the counter.

“People are asking for it by name now – ‘the seaweed one,’” she said. “A month ago they looked \
at it like it might bite them.”

The bakery is open Tuesday to Sunday from 7 a.m. until the bread runs out.

Accuracy Matters
We correct our mistakes promptly. Read our corrections policy.
Report an error ›

Share this article
Sign up for our morning briefing
Follow us on Facebook

Ines Karlsson reports on business, fisheries and the working waterfront for the Harbourtown \
Herald.

Harbourtown
Education
B.S. Marine Economics, Calloway State University
Languages
English, Swedish
Beats
Business, Fisheries

© 2026 Harbourtown Herald. All rights reserved.
Back to top
"""

# Saved as UTF-16 LE with a BOM and CRLF line ends; a good article.
CLINIC_OPENS = """\
Valley Ledger › News › Health
Millhaven Gets Its First Walk-In Clinic in a Decade
By Dana Whitcombe, Ledger Staff
Posted Mar 4, 2026 at 6:10 AM
Tags: , , ,

Millhaven residents with a sprained ankle, an ear infection or a child with a fever will no \
longer have to drive 25 minutes to Brackenford to be seen the same day. A walk-in clinic opened \
on Monday in the former hardware store on Main Street, the first in the town since the Millhaven \
Family Practice closed in 2015.

The clinic is run by Ardell County Hospital and staffed by two nurse practitioners, with a \
physician available by video link. It is open from 8 a.m. to 8 p.m. on weekdays and from 9 a.m. \
to 3 p.m. on Saturdays, and it accepts most insurance plans as well as uninsured patients, who \
pay on a sliding scale based on income.

ADVERTISEMENT

"The nearest emergency room should not be where you go for strep throat," said hospital chief \
executive Dr. Imani Rourke. "Half the people in our ER on a Saturday morning could be seen \
faster, and for a lot less money, somewhere like this."

The hospital spent about $900,000 converting the building, which had stood empty for four \
years. The renovation kept the store's pressed-tin ceiling and wooden floor, and one of the old \
nail-and-screw shelving units now holds leaflets in the waiting room.

Read more: On-Demand Bus Pilot Will Serve Valley's Back Roads

By noon on opening day, eleven patients had been seen, including a farmworker who had cut his \
hand on a pruning saw and a mother whose twin toddlers both had ear infections. Nurse \
practitioner Grace Whitfield said the clinic expects to see 30 to 40 patients a day once word \
gets around.

Millhaven's population has grown by about 15 percent since 2020, much of it young families \
priced out of Calloway City, but the town lost its pharmacy and its only dentist over the same \
period. Town council member Ellen Brandt, who lobbied the hospital for three years, called the \
opening "a start, not a finish."

"We still need a pharmacy," she said. "Right now you can get a prescription written here and \
then drive to Brackenford to fill it."

The hospital said it is in talks with a pharmacy chain about space in the same building.

Spotted a mistake? Tell us →
The Ledger is committed to accuracy. See our corrections policy.

Subscribe today — unlimited local news for $1 a week.

Copyright © 2026 Valley Ledger Media Group. All rights reserved.
Scroll to Top
"""

# Gzipped, then cut short, so the stream ends mid-deflate: quarantined as truncated.
STADIUM_BOND = """\
METRO WIRE
Menu
Search
Home › Calloway › Politics
Calloway Voters Will Decide $300 Million Stadium Bond in November
Leon Castellano | Metro Wire
Updated 7:45 p.m. EST, Mar 18, 2026
, , , ,

The Calloway City Council voted 9–4 on Wednesday to put a $300 million bond on the November \
ballot to help pay for a new stadium for the Calloway Mariners, the minor-league baseball team \
that has played at Brewster Field since 1961.

The proposed 9,000-seat ballpark would be built on a former rail yard on the east bank of the \
Pell River, part of a larger plan that includes apartments, a hotel and a riverside park. The \
team's owners have pledged $120 million toward the project and have said they will look at \
offers from other cities if voters reject the bond.

Story continues below advertisement

Supporters on the council said the stadium would anchor the redevelopment of a neighborhood \
that has been largely vacant for thirty years. "That land has been a parking lot for weeds since \
I was in high school," said council member Dolores Ferreira. "This is the first plan anyone has \
brought us that actually fills it."

Opponents questioned whether public money should go to a privately owned team while the city \
struggles to fix its streets and staff its libraries. Council member Abram Whitley said the \
bond would add about $38 a year to the property tax bill of a typical homeowner for the next \
three decades. "I like baseball," he said. "I like potholes being filled more."

Brewster Field, which seats 4,200, no longer meets league standards for lighting, locker rooms \
and field drainage, and the team has been playing under a waiver since 2023. League officials \
have said the waiver will not be renewed after the 2028 season.

Share on X
Share on Facebook
Copy link

Get the Metro Wire daily briefing. Sign up
Follow us on Facebook

© 2026 Metro Wire Syndicate. All rights reserved.
"""


# ---------------------------------------------------------------------------------------------
# HTML page templates, one per site (used for .html.gz, the JSONL `html` fields and the WARCs)
# ---------------------------------------------------------------------------------------------


def _ps(paragraphs: list[str], indent: str = "    ") -> str:
    return "\n".join(f"{indent}<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def herald_page(
    title: str, author: str, published: str, dateline: str, url: str, section: str, body: str
) -> str:
    paras = _paragraphs(body)
    mid = len(paras) // 2
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} | Harbourtown Herald</title>
  <meta name="author" content="{esc(author)}">
  <meta property="og:site_name" content="Harbourtown Herald">
  <meta property="article:published_time" content="{published}">
  <link rel="canonical" href="{url}">
  <link rel="stylesheet" href="/static/css/herald.min.css">
</head>
<body class="article-page">
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <div class="masthead"><a href="/"><img src="/static/img/herald-logo.svg" alt="Harbourtown Herald"></a></div>
    <nav class="main-nav"><ul><li><a href="/local/">Local</a></li><li><a href="/business/">Business</a></li><li><a href="/community/">Community</a></li><li><a href="/sport/">Sport</a></li><li><a href="/opinion/">Opinion</a></li></ul></nav>
    <div class="header-cta"><a href="/subscribe/">Subscribe today</a></div>
  </header>
  <div class="breadcrumb">Home › {esc(section)}</div>
  <main id="main" class="layout">
    <article class="story">
      <h1>{esc(title)}</h1>
      <div class="byline">By {esc(author)} | <time datetime="{published}">Published {dateline}</time></div>
      <ul class="share-bar"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li><li><a href="#">Email</a></li></ul>
{_ps(paras[:mid], "      ")}
      <div class="ad-slot">Advertisement</div>
{_ps(paras[mid:], "      ")}
      <div class="corrections-box"><h3>Accuracy Matters</h3><p>We correct our mistakes promptly. <a href="/corrections/">Read our corrections policy.</a></p><a href="/report-error/">Report an error →</a></div>
    </article>
    <aside class="sidebar">
      <section class="most-read"><h2>Most Read</h2><ol>
        <li><a href="/local/2026/03/03/ferry-terminal-vote">Council Backs $14 Million Rebuild of Gull Island Ferry Terminal</a></li>
        <li><a href="/community/2026/03/11/lighthouse-appeal-halfway">Lighthouse Appeal Passes Halfway Mark</a></li>
      </ol></section>
      <section class="newsletter-box"><h2>Sign up for our morning briefing</h2><form><input type="email"><button>Sign up</button></form></section>
    </aside>
  </main>
  <footer class="site-footer">
    <p>Follow us on Facebook · Instagram</p>
    <p>© 2026 Harbourtown Herald. All rights reserved.</p>
    <a href="#top">Back to top</a>
  </footer>
</body>
</html>
"""


def ledger_page(
    title: str, author: str, published: str, dateline: str, url: str, section: str, body: str
) -> str:
    paras = _paragraphs(body)
    mid = len(paras) // 2
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{esc(title)} - Valley Ledger</title>
<meta name="author" content="{esc(author)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
</head>
<body>
<div id="page">
<div class="top-bar"><a href="/e-edition/">E-Edition</a> <a href="/subscribe/">Subscribe today</a></div>
<header id="masthead"><p class="site-title"><a href="/">Valley Ledger</a></p>
<nav id="site-navigation"><a href="/news/">News</a> | <a href="/agriculture/">Agriculture</a> | <a href="/schools/">Schools</a> | <a href="/sports/">Sports</a> | <a href="/obituaries/">Obituaries</a></nav></header>
<div class="crumbs">Valley Ledger › News › {esc(section)}</div>
<div id="content"><div id="primary">
<article class="post">
  <header class="entry-header">
    <h1 class="entry-title">{esc(title)}</h1>
    <div class="entry-meta">By {esc(author)}, Ledger Staff · Posted {dateline}</div>
    <div class="tags">Tags: , , ,</div>
  </header>
  <div class="entry-content">
{_ps(paras[:mid])}
    <p class="advert">ADVERTISEMENT</p>
{_ps(paras[mid:])}
  </div>
  <footer class="entry-footer">
    <div class="corrections">Spotted a mistake? <a href="/contact/corrections/">Tell us →</a> The Ledger is committed to accuracy. See our corrections policy.</div>
    <div class="sharing">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
  </footer>
</article>
</div>
<aside id="secondary"><section class="widget"><h2 class="widget-title">Related</h2><ul>
  <li><a href="/news/2026/02/24/tamsin-bridge-closure/">Tamsin River Bridge on Route 9 to Close for Six Weeks</a></li>
  <li><a href="/news/2026/03/02/on-demand-bus-pilot/">On-Demand Bus Pilot Will Serve Valley's Back Roads</a></li>
</ul></section></aside>
</div>
<footer id="colophon"><p>Copyright © 2026 Valley Ledger Media Group. All rights reserved.</p><a class="to-top" href="#page">Scroll to Top</a></footer>
</div>
</body>
</html>
"""


def wire_page(
    title: str, author: str, published: str, dateline: str, url: str, section: str, body: str
) -> str:
    paras = _paragraphs(body)
    mid = len(paras) // 2
    esc = html.escape
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(title)} - Metro Wire</title>
<meta name="author" content="{esc(author)}">
<meta property="og:site_name" content="Metro Wire">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header class="mw-header"><div class="logo">METRO WIRE</div><button>Menu</button><button>Search</button>
<nav class="mw-nav"><ul><li><a href="/calloway/">Calloway</a></li><li><a href="/region/">Region</a></li><li><a href="/business/">Business</a></li><li><a href="/politics/">Politics</a></li></ul></nav></header>
<main>
<div class="mw-breadcrumb">Home › {esc(section)}</div>
<article class="mw-article">
  <h1>{esc(title)}</h1>
  <p class="mw-byline">{esc(author)} | Metro Wire</p>
  <p class="mw-dateline">Updated {dateline}</p>
  <div class="mw-share"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
  <div class="mw-body">
{_ps(paras[:mid])}
    <div class="mw-ad">Story continues below advertisement</div>
{_ps(paras[mid:])}
  </div>
  <div class="mw-tags">, , , ,</div>
</article>
<aside class="mw-rail"><h3>MORE FROM METRO WIRE</h3><ul>
  <li><a href="/calloway/2026/03/10/weekend-fare-cap">Calloway Transit Board Approves Weekend Fare Cap</a></li>
  <li><a href="/region/2026/03/08/coastal-storm-outages">Overnight Storm Leaves 58,000 Without Power Along the Coast</a></li>
</ul><div class="mw-newsletter"><h3>Get the Metro Wire daily briefing.</h3><a href="/newsletters/">Sign up</a></div></aside>
</main>
<footer class="mw-footer"><p>Follow us on Facebook · X · LinkedIn</p><p>© 2026 Metro Wire Syndicate. All rights reserved.</p></footer>
</body>
</html>
"""


def courier_page(
    title: str, author: str, published: str, dateline: str, url: str, section: str, body: str
) -> str:
    paras = _paragraphs(body)
    esc = html.escape
    return f"""<html><head><meta charset="utf-8"><title>{esc(title)} :: Saltmarsh Courier</title>
<meta name="author" content="{esc(author)}"><meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}"></head>
<body><div id="nav"><a href="/">Home</a> · <a href="/news/">News</a> · <a href="/{esc(section.lower())}/">{esc(section)}</a> · <a href="/events/">Events</a> · <a href="/contact/">Contact</a></div>
<div id="story"><article><h1>{esc(title)}</h1><p class="by">by {esc(author)} · {dateline}</p>
{_ps(paras, "")}
</article>
<div class="share">Share this story: <a href="#">Facebook</a> <a href="#">Email</a></div>
<div class="promo">Never miss a Courier story. Sign up for the Friday newsletter.</div></div>
<div id="footer">The Saltmarsh Courier is an independent, reader-supported paper. © 2026 Saltmarsh Courier.</div>
</body></html>
"""


# ---------------------------------------------------------------------------------------------
# Article sources for the HTML pages, JSONL lines and WARC records
# ---------------------------------------------------------------------------------------------

REGIONAL_RENTS = """
Average rents in the Calloway metro area rose for the ninth quarter in a row at the start of
the year, according to a report released Thursday by the Calloway Regional Housing Council, with
the steepest increases in the small towns of the Tamsin Valley rather than in the city itself.

The median asking rent for a two-bedroom apartment across the region reached $1,840 a month in
the first quarter, up 6.2 percent from a year earlier. In Calloway City the increase was 3.8
percent, the smallest in three years, as a wave of new apartment buildings downtown came onto the
market. In Brackenford and Millhaven, asking rents jumped by more than 11 percent.

Yusuf Halloran, the council's research director and the report's main author, said renters are
following jobs and lower prices out of the city, but the valley towns have built almost no new
rental housing to absorb them. "Demand moved, supply didn't," he said. "When that happens, prices
do the moving."

The report found that about 46 percent of renter households in the region now spend more than 30
percent of their income on rent, the threshold commonly used to call a household cost-burdened.
Among renters over 65 the figure was 58 percent.

Landlords say their own costs have risen sharply. Bettina Croft, who owns 14 units in Millhaven
and chairs the valley's small-landlords association, said her property insurance premiums had
nearly doubled in two years and that reassessments had added hundreds of dollars a year per unit
in property tax. "Nobody I know is getting rich," she said. "We're passing along what's being
passed to us."

The housing council recommends that valley towns allow duplexes and small apartment buildings in
more neighborhoods, and that the county set up a fund to help nonprofits buy existing rental
buildings before they are sold to out-of-state investors. Brackenford's planning board is due to
discuss a zoning change allowing accessory apartments next month.

Tenant advocates said the report confirmed what they have been hearing. The Calloway Tenants'
Union said calls to its hotline from valley residents have tripled since 2023, most of them about
large increases at lease renewal.

The full report, with figures for each town in the region, is available on the housing council's
website.
"""

MARSH_RESTORATION = """
Excavators on Tuesday pulled the last of three rusted tide gates out of the dike along Heron
Creek, letting the sea flow freely into 300 acres of former hayfields for the first time in
nearly a century.

The removal marks the final phase of a ten-year effort by the town of Saltmarsh, the state
wildlife agency and the Heron Creek Land Trust to turn the fields back into the salt marsh they
were before farmers diked and drained them in the 1920s. The project has cost about $8.5 million,
most of it from state and federal coastal resilience grants.

Within hours, water the color of weak tea was spreading across the low ground, filling old
drainage ditches and pooling around fence posts. Land trust director Carmen Aldana stood on the
dike and watched it come in. "Marshes are patient," she said. "This one has been waiting a
hundred years for us to get out of the way."

Restored marshes soak up storm surge, filter runoff before it reaches the bay and shelter young
fish and crabs. Scientists at the state university expect cordgrass to colonize the site within
three to five years, as sediment carried in on each tide slowly raises the ground.

The project has not been without opposition. Some neighbors worried that letting the tide in
would flood their basements or breed mosquitoes. The town built a new earthen berm behind the
homes on Marsh Road, and monitoring wells installed in 2022 have so far shown no change in
groundwater levels, according to town engineer Felipe Ortega.

The partly restored marsh also earned its keep during last weekend's storm, Ortega said. Water
that would once have poured over Marsh Road spread out across the open fields instead.

A public walking trail along the top of the dike will open in June, with two viewing platforms
and signs explaining the history of the site.

Share this story

Read more: Saltmarsh High Robotics Team Heads to State Finals
"""

ROBOTICS_TEAM = """
A robot built from aluminum scraps, a borrowed motor and, in one critical spot, a bicycle brake
cable has carried Saltmarsh High School's robotics team to the state championship for the first
time.

The eleven-member team, known as the Tidebots, finished second out of 38 schools at the regional
qualifier in Calloway City on Saturday. Their robot, nicknamed Barnacle, had to pick up foam rings
and stack them on posts while dodging robots from the opposing alliance.

"We were the smallest school there by a mile," said team captain Rosa Whitaker, a junior. "Some
of the other teams had sponsors and matching jackets. We had a van and a lot of duct tape."

The team was founded three years ago by physics teacher Martin Ebbesen, who runs it out of a
former storage room next to the gym. Its budget this year was about $4,000, most of it raised by
selling chowder at the harbor festival.

The brake cable came in during the semifinal, when part of the lifting arm snapped. Team members
had four minutes to repair it between matches. Sophomore Eli Navarro remembered an old bike in
the back of the team van, and the cable held for the rest of the day.

The state finals take place April 18 in the capital. The team is raising money for travel and
hotel rooms and will hold a pancake breakfast at the Saltmarsh fire station on March 29.

This article appeared in the print edition of the Saltmarsh Courier.
"""

FIRE_DEPARTMENT = """
At a town meeting that ran past 11 p.m., Saltmarsh voters on Monday rejected a proposal to
replace the town's volunteer fire department with a contract from the Calloway County fire
district, choosing instead to spend more to keep the 130-year-old company going.

The vote, 412 to 296, came after nearly four hours of debate in the high school auditorium. The
town will now raise the department's budget by $240,000 a year to pay stipends to volunteers who
take overnight shifts and to hire a full-time chief for the first time.

Membership has fallen from 48 active volunteers in 2010 to 19 today, and chief Dale Kittredge
told residents that on some weekday afternoons only two or three members are in town to answer a
call. "We have never failed to roll a truck," he said. "But I can't promise you that will still
be true next year without help."

The county contract would have cost about $1.1 million a year and guaranteed a paid crew stationed
in town around the clock. Supporters said that was the safer choice. "I love the volunteers. I
also want someone to come when my house is on fire," said resident Peggy Strand.

Opponents argued that the volunteers do far more than fight fires, from pumping out flooded
basements to running the Fourth of July fireworks and the winter coat drive. Several pointed to
last weekend's storm, when volunteers waded out to bring boatyard workers back across the flooded
causeway.

The select board said it would begin advertising for a full-time chief this month and would
revisit the question in three years if volunteer numbers do not recover.
"""

# Lightly edited reprint of valley-ledger/2026-02-24-tamsin-bridge-closure.txt: one sentence
# added (end of paragraph 2), "said Monday" -> "announced this week", "less sure" -> "less
# certain", "gas station" -> "service station"; everything else verbatim.
BRIDGE_REPRINT = """
The Route 9 bridge over the Tamsin River between Brackenford and Millhaven will close to all
traffic for six weeks starting March 16 so crews can replace its worn deck joints and repair
corroded steel beneath the roadway, state highway officials announced this week.

The 1958 bridge carries about 9,000 vehicles a day, including school buses, milk tankers and most
of the traffic headed to the county hospital in Brackenford. During the closure, drivers will be
sent on a signed detour over the Old Mill Road bridge, adding about 11 miles to the trip.
Saltmarsh residents who use Route 9 to reach the hospital should allow at least twenty extra
minutes each way.

District engineer Sandra Kowalczyk said an inspection last autumn found that water leaking
through the deck joints had eaten into the steel in several places. The bridge is not unsafe, she
said, but the repairs cannot wait another winter. "If we do this now, we buy the bridge another
twenty years," Kowalczyk said. "If we put it off, we are talking about a replacement."

Closing the bridge completely, rather than working on one lane at a time, will shorten the job
from five months to six weeks and save about $1.1 million, according to the highway department.

Local officials have spent the past month planning for the detour. The Ardell County school
district will run buses from the Millhaven side fifteen minutes earlier, and the county ambulance
service will station a second crew on the Millhaven side of the river for the duration.

Business owners near the bridge are less certain about the plan. Raj Kapoor, who owns a service
station and convenience store at the Millhaven end, said he expects to lose most of his through
traffic. "Six weeks is six weeks of payroll," he said. "I understand why they need to do it. I
just wish someone had asked us about the timing."

The Old Mill Road bridge has a 15-ton weight limit, so heavy trucks will be routed through
Carver's Crossing, a detour of nearly 30 miles.

The highway department said it would post updates on its website and on message boards at both
ends of the bridge. The bridge is scheduled to reopen by April 27, weather permitting.

This story was first published by the Valley Ledger.
"""

FARMERS_MARKET = """
Saltmarsh's Saturday farmers' market, which has spent twenty winters huddled under pop-up tents
in the library parking lot, will move into the restored Bayside cannery next month, giving its
vendors a permanent roof, running water and, for the first time, electricity at every stall.

The town bought the cannery, a long brick shed on the waterfront that packed sardines until 1979,
for a single dollar from its last owner in 2019. A $1.3 million state grant paid to replace the
roof, repair the sea wall beneath it and install heating, washrooms and a loading dock.

Market manager Lucia Ferrante said 34 vendors have signed up so far, up from about 20 who braved
the parking lot this winter, and there is a waiting list for the ten stalls nearest the doors.
"In January we had farmers selling eggs with gloves on and customers who stayed six minutes," she
said. "Now people can bring their kids, buy a coffee and stay for the morning."

The move is not free. Stall fees will rise from $15 to $35 a week to cover utilities, a change
that worries some of the smallest growers. Ferrante said the market would offer half-price stalls
to first-year vendors and to farms of under five acres.

The cannery will also host a community kitchen where vendors can make jam, pickles and baked goods
under a shared commercial license, something several producers have been asking the town to
provide for years.

The market opens in its new home on April 4 and will run every Saturday from 8 a.m. to 1 p.m.
"""

COUNTY_FAIR = """
The Ardell County Fair will leave the riverside fairgrounds in Brackenford that it has used since
1923 and move to the former county airfield north of Millhaven, after the fair board voted
unanimously on Tuesday to approve a 30-year lease.

The old fairgrounds sit on the Tamsin River floodplain and have flooded twice in the past three
summers, most recently in August 2025, when the livestock barns took on two feet of water a week
before the fair opened. Board president Curtis Bellamy said volunteers spent four days shoveling
mud out of the show ring. "We can't keep asking people to do that," he said.

The airfield, closed to flights since 2009, offers 95 acres of flat, well-drained land and
parking for about 3,000 cars, nearly three times what the current site can hold. The county will
lease it to the fair board for $1 a year; the board plans to raise about $2.7 million over the
next two years for new barns, an exhibition hall and a grandstand.

Not everyone is happy to see the fair leave Brackenford. Shop owners on Front Street say fair
week is one of their busiest of the year. Hannah Osei, who has shown dairy goats at the fair
since she was nine and now leads the county's 4-H goat club, said she understood the decision but
would miss walking to the fairgrounds from town. "Half the fun was the walk," she said.

The 2026 fair will still take place at the old site in August. The first fair at the airfield is
planned for 2027, and the town of Brackenford has said it hopes to turn the old fairgrounds into a
riverside park that can flood without doing much harm.
"""

BIKE_LANES = """
Calloway City will build its first fully protected bike lanes on Fennimore Avenue this summer,
after the city council voted 8–5 on Thursday to remove one lane of car traffic in each direction
along a 2.4-mile stretch between Union Square and the university.

The lanes will be separated from traffic by concrete curbs and planters, and the redesign adds
raised crossings at eleven intersections where pedestrians have been hit in the past five years.
The city's transportation department estimates the work will cost $6.8 million, about half of it
covered by a state safe-streets grant.

Fennimore Avenue is one of the city's most dangerous roads. Since 2021 it has seen four traffic
deaths and more than 60 crashes that sent someone to the hospital, according to city figures.
Council member Nadia Perrault, whose district includes the avenue, read the names of the four
people killed before the vote. "We are not choosing between cars and bikes tonight," she said.
"We are choosing whether to keep burying our neighbors."

Business owners along the avenue were split. Several restaurant owners said they welcomed slower
traffic and wider sidewalks, while others worried that losing about 90 parking spaces would drive
away customers. The city has promised to add loading zones on side streets and to convert a
vacant lot behind the Fennimore branch library into a 40-space car park.

Council members who voted no said the plan would push traffic onto residential streets. Transport
director Kwame Adjei said the department would monitor nearby roads and add speed humps if
traffic increases.

Construction is expected to begin in June and finish before the university's fall term.
"""

HARBOUR_PILOTS = """
Harbourtown's harbour pilots, who guide every large vessel through the narrow channel past
Carrick Point, are asking the city for help buying a new pilot launch after the engine of their
only boat failed during a transfer last month.

The 1998 launch, the Sea Lark, lost power on February 19 while carrying a pilot out to a fuel
tanker waiting off the harbour entrance. Its crew dropped anchor and was towed back by the
lifeboat; nobody was hurt, but the tanker waited nine hours for another pilot to be brought out
by fishing boat.

"On a calm day that's an inconvenience," said senior pilot Agnes Morrow. "On a winter night with a
swell running, it's the kind of thing that ends with somebody in the water."

A new launch built to current safety standards would cost about $1.6 million. The pilots'
association, which is funded by fees charged to visiting ships, has about $600,000 set aside and
wants the city to lend the rest from the harbour fund, to be repaid over ten years.

Harbourmaster Raymond Achebe backed the request, saying the port cannot safely take tankers or
cargo ships without a reliable launch. The Sea Lark has been repaired for now, but a marine
surveyor has advised replacing it within two years.

The council's finance committee will consider the request on March 24.
"""

BROADBAND_COOP = """
Linemen from the Tamsin Valley Broadband Cooperative strung the last stretch of fiber-optic cable
up Ridgeback Lane on Monday, connecting about 600 hilltop homes that until now have relied on
satellite dishes, phone hotspots or, in some cases, the parking lot of the Millhaven library.

The cooperative was founded in 2022 by a group of residents who had given up waiting for a
commercial provider to wire the hills. Members paid a $100 sign-up fee, and the co-op borrowed
$9.4 million from a federal rural broadband program to build 140 miles of cable, most of it
hung on existing electric poles.

For Marguerite Oyelowo, who runs an online bookkeeping business from a converted barn, the change
came the moment the technician left. A file that used to take forty minutes to upload went
through in under ten seconds. "I actually laughed," she said. "Then I called my sister and we
both laughed."

Service costs $65 a month for a gigabit connection, and the co-op says about 70 percent of homes
along the new lines have signed up. Members elect the co-op's board and any profit is returned
to them as credits on their bills.

The cooperative plans to extend its network to the western side of the valley next year, a
further 900 homes, if it can secure a second loan.
"""

RED_PANDAS = """
Two red pandas arrived at the Calloway Zoo this week, the first of their kind to live in the city
since the zoo's old Asian forest exhibit closed in 2012.

The pair, a three-year-old female named Juniper and a four-year-old male named Pip, came from a
partner zoo as part of a breeding program for the endangered species. They will stay out of
public view for about a month while they settle into a new enclosure built around two large
maple trees on the zoo's north slope.

Keepers say the animals are shy but curious. Pip spent most of his first afternoon asleep in the
highest fork of the taller maple, a favorite habit of red pandas, while Juniper explored the
enclosure and ate most of a bowl of bamboo and apple slices.

"They're not bears and they're not raccoons, and they get asked about both all day long," said
head keeper Otto Lindgren. "They are their own wonderful thing."

The enclosure cost about $750,000 and was paid for largely by a donation from a local family
foundation. It includes a heated den, a misting system for hot summer days and a viewing window
set low enough for small children and wheelchair users to see the animals up close.

Fewer than 10,000 red pandas are thought to remain in the wild, where they are threatened by the
loss of the mountain forests they live in. The zoo expects the pair to go on view in late April
and hopes, Lindgren said, that a cub might follow within a year or two.
"""

SEAFRONT_CAFES = """
Cafés and ice cream kiosks along Marine Parade are racing to be ready for Easter weekend, even as
a stretch of the promenade remains fenced off after last month's storm.

Eight of the eleven seafront businesses between the bandstand and the lifeboat station plan to
open on Good Friday, according to the Harbourtown Seafront Traders' Association. The other three
are waiting for insurance payments to cover flood damage to kitchens and cold rooms.

"We lost a walk-in freezer, two fridges and a lot of sleep," said Danny Okafor, who runs the
Driftwood Café opposite the collapsed section of seawall. "But we'll be open if I have to serve
coffee out of a flask."

City officials said the closed section of promenade would stay fenced until repairs begin in May,
and that temporary signs would direct walkers along the road behind it. Association chair Meg
Harrowby said traders had asked the city to move the barriers back far enough for café tables to
fit on the pavement.
"""


# ---------------------------------------------------------------------------------------------
# Generators
# ---------------------------------------------------------------------------------------------


def gz(data: bytes) -> bytes:
    """Reproducible gzip: no file name in the header, mtime 0."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def mojibake(text: str) -> str:
    """UTF-8 text read back as cp1252: what a misconfigured scraper saves ("cafÃ©")."""
    return text.encode("utf-8").decode("cp1252")  # strict: the source avoids undefined bytes


def binary_blob(size: int = 1536) -> bytes:
    """A PNG signature and IHDR chunk followed by deterministic pseudo-random bytes."""
    head = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x40\x00\x00\x00\x40\x08\x06\x00\x00\x00"
    )
    out = bytearray(head)
    block = b"newshygiene-sample-corpus"
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


def jsonl_a() -> bytes:
    courier = "https://www.saltmarsh-courier.example"
    lines = [
        json.dumps(
            {
                "url": f"{courier}/news/2026/03/03/tide-gates-removed",
                "site": "saltmarsh-courier",
                "title": "Tide Gates Come Out as Saltmarsh Restoration Enters Final Phase",
                "author": "Joel Amari",
                "published": "2026-03-03",
                "text": "\n\n".join(_paragraphs(MARSH_RESTORATION)),
            },
            ensure_ascii=False,
        ),
        json.dumps(
            {
                "url": f"{courier}/schools/2026/03/06/robotics-state-finals",
                "site": "saltmarsh-courier",
                "title": "Saltmarsh High Robotics Team Heads to State Finals",
                "author": "Naomi Feld",
                "published": "2026-03-06",
                "text": "\n\n".join(_paragraphs(ROBOTICS_TEAM)),
            },
            ensure_ascii=False,
        ),
        # Malformed: the exporter died mid-record (unterminated string, no closing brace).
        '{"url": "https://www.saltmarsh-courier.example/news/2026/03/07/seal-pups", '
        '"site": "saltmarsh-courier", "title": "Seal Pup Season Arrives Early on Gull Bar", '
        '"author": "Joel Amari", "published": "2026-03-07", "text": "Volunteers from the '
        "Saltmarsh Seal Watch counted eleven pups on the sandbar at low tide on Thurs",
        json.dumps(
            {
                "url": f"{courier}/news/2026/03/10/volunteer-fire-vote",
                "site": "saltmarsh-courier",
                "title": "Saltmarsh Votes to Keep Its Volunteer Fire Department",
                "author": "Joel Amari",
                "published": "2026-03-10",
                "html": courier_page(
                    "Saltmarsh Votes to Keep Its Volunteer Fire Department",
                    "Joel Amari",
                    "2026-03-10T21:40:00-05:00",
                    "March 10, 2026",
                    f"{courier}/news/2026/03/10/volunteer-fire-vote",
                    "News",
                    FIRE_DEPARTMENT,
                ),
            },
            ensure_ascii=False,
        ),
        # Valid JSON, but a photo gallery: neither `text` nor `html`.
        json.dumps(
            {
                "url": f"{courier}/photos/2026/03/01/winter-carnival-gallery",
                "site": "saltmarsh-courier",
                "title": "Photos: Saltmarsh Winter Carnival",
                "author": "Courier Staff",
                "published": "2026-03-01",
                "images": 24,
            },
            ensure_ascii=False,
        ),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def jsonl_b() -> bytes:
    courier = "https://www.saltmarsh-courier.example"
    ledger_url = "https://www.valley-ledger.example/news/2026/03/11/county-fair-airfield/"
    lines = [
        {
            "url": f"{courier}/region/2026/03/05/route-9-bridge-closure",
            "site": "saltmarsh-courier",
            "title": "Route 9 Bridge Closure Will Add Miles to Hospital Trips",
            "author": "Dana Whitcombe",
            "published": "2026-03-05",
            "text": "\n\n".join(_paragraphs(BRIDGE_REPRINT)),
        },
        {
            "url": f"{courier}/news/2026/03/14/farmers-market-cannery",
            "site": "saltmarsh-courier",
            "title": "Farmers' Market Moves Indoors to Old Cannery",
            "author": "Naomi Feld",
            "published": "2026-03-14",
            "text": "\n\n".join(_paragraphs(FARMERS_MARKET)),
        },
        {
            "url": ledger_url,
            "site": "valley-ledger",
            "title": "Ardell County Fair Will Move to Former Airfield",
            "author": "Tomas Verhoek",
            "published": "2026-03-11",
            "html": ledger_page(
                "Ardell County Fair Will Move to Former Airfield",
                "Tomas Verhoek",
                "2026-03-11T06:00:00-05:00",
                "Mar 11, 2026 at 6:00 AM",
                ledger_url,
                "Agriculture",
                COUNTY_FAIR,
            ),
        },
    ]
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    return gz(text.encode("utf-8"))


# Each entry: (url, builder, title, author, published ISO, human dateline, section, body).
CRAWL_PAGES = [
    (
        "https://www.metro-wire.example/calloway/2026/03/19/fennimore-bike-lanes",
        wire_page,
        "Calloway Council Approves Protected Bike Lanes on Fennimore Avenue",
        "Leon Castellano",
        "2026-03-19T22:10:00-05:00",
        "10:10 p.m. EST, Mar 19, 2026",
        "Calloway › Transportation",
        BIKE_LANES,
    ),
    (
        "https://www.harbourtown-herald.example/local/2026/03/16/harbour-pilots-launch",
        herald_page,
        "Harbour Pilots Seek New Launch After Engine Failure",
        "Ines Karlsson",
        "2026-03-16T07:00:00-05:00",
        "March 16, 2026",
        "Local › Harbour",
        HARBOUR_PILOTS,
    ),
    (
        "https://www.valley-ledger.example/news/2026/03/17/broadband-coop-ridgeback/",
        ledger_page,
        "Broadband Co-op Strings Fiber to 600 Hilltop Homes",
        "Dana Whitcombe",
        "2026-03-17T06:15:00-05:00",
        "Mar 17, 2026 at 6:15 AM",
        "Technology",
        BROADBAND_COOP,
    ),
]

BROKEN_PAGES = [
    (
        "https://www.metro-wire.example/calloway/2026/03/19/zoo-red-pandas",
        wire_page,
        "Calloway Zoo Welcomes Red Panda Pair",
        "Leon Castellano",
        "2026-03-19T11:30:00-05:00",
        "11:30 a.m. EST, Mar 19, 2026",
        "Calloway › Community",
        RED_PANDAS,
    ),
    (
        "https://www.harbourtown-herald.example/business/2026/03/20/seafront-cafes-easter",
        herald_page,
        "Seafront Cafés Brace for Busy Easter Weekend",
        "Owen Brady",
        "2026-03-20T07:00:00-05:00",
        "March 20, 2026",
        "Business › Tourism",
        SEAFRONT_CAFES,
    ),
]


def _warc_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'newshygiene:' + name)}>"


def _response(writer, page: tuple, date: str):
    from warcio.statusandheaders import StatusAndHeaders

    url, builder, title, author, published, dateline, section, body = page
    payload = builder(title, author, published, dateline, url, section, body).encode("utf-8")
    http = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(payload))),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=http,
        warc_headers_dict={"WARC-Record-ID": _warc_id(url), "WARC-Date": date},
    )


def _record_bytes(make: Callable) -> bytes:
    """One record written as its own gzip member; `make(writer)` returns the record."""
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(make(writer))
    return buf.getvalue()


def crawl_warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders

    members = []
    info = (
        b"software: newshygiene-sample-crawler/0.1\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: Sample crawl of three invented news sites\r\n"
    )
    members.append(
        _record_bytes(
            lambda w: w.create_warc_record(
                "",
                "warcinfo",
                payload=io.BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _warc_id("warcinfo"),
                    "WARC-Date": "2026-03-20T08:00:00Z",
                    "WARC-Filename": "crawl-2026-03.warc.gz",
                },
            )
        )
    )
    first_url = CRAWL_PAGES[0][0]
    members.append(
        _record_bytes(
            lambda w: w.create_warc_record(
                first_url,
                "request",
                http_headers=StatusAndHeaders(
                    "GET /calloway/2026/03/19/fennimore-bike-lanes HTTP/1.1",
                    [
                        ("Host", "www.metro-wire.example"),
                        ("User-Agent", "newshygiene-sample-crawler/0.1"),
                        ("Accept", "text/html"),
                    ],
                    is_http_request=True,
                ),
                warc_headers_dict={
                    "WARC-Record-ID": _warc_id("request:" + first_url),
                    "WARC-Date": "2026-03-20T08:00:01Z",
                },
            )
        )
    )
    for i, page in enumerate(CRAWL_PAGES):
        members.append(
            _record_bytes(lambda w, p=page, i=i: _response(w, p, f"2026-03-20T08:00:{2 + i:02d}Z"))
        )

    png = binary_blob(600)
    png_url = "https://www.metro-wire.example/static/img/metro-wire-logo.png"
    members.append(
        _record_bytes(
            lambda w: w.create_warc_record(
                png_url,
                "response",
                payload=io.BytesIO(png),
                length=len(png),
                http_headers=StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", "image/png"), ("Content-Length", str(len(png)))],
                    protocol="HTTP/1.1",
                ),
                warc_headers_dict={
                    "WARC-Record-ID": _warc_id(png_url),
                    "WARC-Date": "2026-03-20T08:00:09Z",
                },
            )
        )
    )
    return b"".join(members)


def broken_warc() -> bytes:
    """A complete first response record, then the second one cut off mid-member."""
    first = _record_bytes(lambda w: _response(w, BROKEN_PAGES[0], "2026-03-20T09:00:00Z"))
    second = _record_bytes(lambda w: _response(w, BROKEN_PAGES[1], "2026-03-20T09:00:01Z"))
    return first + second[: len(second) // 2]


def truncated_gz(text: str) -> bytes:
    data = gz(text.encode("utf-8"))
    return data[: int(len(data) * 0.55)]


def generated_files() -> dict[str, bytes]:
    """Relative path -> exact bytes of every generated corpus file."""
    crlf = lambda s: s.replace("\n", "\r\n")  # noqa: E731
    rents_url = "https://www.metro-wire.example/business/2026/03/12/regional-rents"
    return {
        "harbourtown-herald/2026-03-10-library-reopens.txt": mojibake(LIBRARY_REOPENS).encode(
            "utf-8"
        ),
        "harbourtown-herald/2026-03-12-bakery-award.txt": crlf(BAKERY_AWARD).encode("cp1252"),
        "harbourtown-herald/2026-03-15-draft.txt": b"",
        "valley-ledger/2026-03-04-clinic-opens.txt": codecs.BOM_UTF16_LE
        + crlf(CLINIC_OPENS).encode("utf-16-le"),
        "metro-wire/2026-03-12-regional-rents.html.gz": gz(
            wire_page(
                "Regional Rents Climb for Ninth Straight Quarter",
                "Leon Castellano",
                "2026-03-12T09:00:00-05:00",
                "9:00 a.m. EST, Mar 12, 2026",
                rents_url,
                "Business › Real Estate",
                REGIONAL_RENTS,
            ).encode("utf-8")
        ),
        "metro-wire/2026-03-18-stadium-bond.txt.gz": truncated_gz(STADIUM_BOND),
        "metro-wire/thumbnail-cache.txt": binary_blob(),
        "feeds/export-2026-03-a.jsonl": jsonl_a(),
        "feeds/export-2026-03-b.jsonl.gz": jsonl_b(),
        "feeds/crawl-2026-03.warc.gz": crawl_warc(),
        "feeds/broken-2026-03.warc.gz": broken_warc(),
    }


def write(target: Path) -> list[str]:
    written = []
    for rel, data in generated_files().items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    return written


def check(target: Path) -> list[str]:
    """Generated files that are missing or differ from what this script produces."""
    stale = []
    for rel, data in generated_files().items():
        path = target / rel
        if not path.is_file() or path.read_bytes() != data:
            stale.append(rel)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    parser.add_argument(
        "--out", type=Path, default=CORPUS, help="corpus folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = check(args.out)
        for rel in stale:
            print(f"out of date: {rel}", file=sys.stderr)
        return 1 if stale else 0
    for rel in write(args.out):
        print(rel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
