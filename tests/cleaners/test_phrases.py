"""Each phrase kind removes its boilerplate and keeps body lines that merely look similar."""

from __future__ import annotations

import pytest

from tests.cleaners.helpers import PARA_A, article, clean, removed_by

POSITIVE = [
    ("navigation", "Scroll to Top"),
    ("navigation", "↑ Back to top"),
    ("navigation", "Skip to main content"),
    ("navigation", "Home › Local › Transport"),
    ("navigation", "Next article →"),
    ("advertisement", "Advertisement"),
    ("advertisement", "— ADVERTISEMENT —"),
    ("advertisement", "Story continues below"),
    ("newsletter", "Sign up for our morning briefing and get the headlines in your inbox."),
    ("newsletter", "Enter your email address"),
    ("newsletter", "Sign me up →"),
    ("subscribe_prompt", "Already a subscriber? Log in"),
    ("subscribe_prompt", "This story is available exclusively to subscribers."),
    ("share", "Share this article"),
    ("share", "Facebook X LinkedIn WhatsApp Email"),
    ("share", "Follow the Harbour Gazette on Instagram for more stories like this."),
    ("related_link", "Related: Council Approves New Bus Lanes"),
    ("related_link", "READ MORE: Five Things to Know About the Budget"),
    ("copyright", "© 2026 Harbour Gazette. All rights reserved."),
    (
        "copyright",
        "This article originally appeared on Coastal Wire and is republished here with permission.",
    ),
    ("print_note", "A version of this story appeared in print on March 3, 2026, Section B."),
    ("dateline", "Published March 3, 2026"),
    ("dateline", "Updated 4:15 p.m. ET, March 3, 2026"),
    ("dateline", "2026-03-03"),
    ("reading_time", "5 min read"),
    ("cookie_notice", "We and our partners use cookies to personalise content."),
    ("cookie_notice", "Accept all"),
    ("comments", "12 Comments"),
    ("comments", "Join the conversation"),
    ("correction_box", "Spot an error?"),
    ("correction_box", "Submit a Correction →"),
    ("correction_box", "We correct our mistakes promptly. Read our corrections policy."),
    ("footer_links", "About Us | Contact | Careers | Advertise"),
    ("image_credit", "Photo: Ana Ruiz / Harbour Gazette"),
    ("tag_residue", ", , , ,"),
    ("tag_residue", "Tags:"),
    ("tags", "Tags: Transport, Ferries, Budget"),
    ("tags", "More on: Transport, Harbour, Winter Timetable"),
    ("tags", "#Ferries"),
    ("tags", "#Harbour #Winter #Transport"),
    ("related_link", "MORE: Council Approves New Bus Lanes"),
    (
        "newsletter",
        "Want more stories like this? Join 48,000 readers who get The Tide every Monday.",
    ),
    ("cookie_notice", "Your privacy choices"),
    ("image_credit", "File photo | Coastal Picture Desk"),
    ("newsletter", "Join Our Weekend Tide Newsletter"),
    ("newsletter", "NEWSLETTERS"),
    ("newsletter", "Subscribe for the Latest Updates"),
    ("share", "Follow us"),
    ("share", "Pin for later"),
    ("commercial", "Book a demo"),
    ("commercial", "Request a Free Quote →"),
    ("commercial", "Get a free estimate today!"),
    ("commercial", "Talk to our harbour logistics experts"),
    ("commercial", "Advertiser Disclosure"),
    (
        "commercial",
        "Items are chosen by our staff. Purchases made through our links may earn us a commission.",
    ),
    ("commercial", "As an Amazon Associate, I earn from qualifying purchases."),
]


@pytest.mark.parametrize(("rule", "line"), POSITIVE)
def test_phrase_rule_removes_its_kind(rule: str, line: str) -> None:
    result = clean(article(line))
    assert removed_by(result).get(line) == rule
    assert line not in result.paragraphs
    assert PARA_A in result.paragraphs


# Body sentences that share words with boilerplate but are article text.
HARD_NEGATIVES = [
    "The council said it would share the cost of the new pier with the port authority, "
    "which advertises the crossing as the fastest in the region.",
    "Subscribers to the ferry pass, about 2,000 people, will see no change to their fares "
    "this year, the operator said.",
    "Copyright lawyers for the shipbuilder argued the design had been copied from a Danish "
    "yard, a claim the rival firm denies.",
    "Read more carefully, the report suggests the harbour has been losing money since 2019.",
    "The timetable was published on Monday and updated twice after complaints from residents.",
    "Top officials from both towns will meet again next month to review the results.",
    # hashtags that start with a digit, and code, are not tag lines
    "#1 Priority for Commuters",
    "#x#y",
    "More on that later, the operator promised, once the winter figures are in.",
    "The museum asked visitors to join 300 volunteers who clean the beach every spring.",
    "Keywords: ferry demand, seasonal commuting, regional transport funding",
    # commercial words inside article sentences, questions and subheads
    "The operator booked a demo of the new ticket gates for councillors last week.",
    "Councillors asked whether the town should request a quote from a second shipyard.",
    "Request a quote, the mayor told residents, and compare it with last year's fares.",
    "Talk to our readers and you hear the same complaint about the winter timetable.",
    "Newsletters from the port authority promised a new pier by 2027.",
    "The shipyard says it may earn a commission from the sale of the old ferry.",
    "Why the Ferry Newsletter Closed",
]


@pytest.mark.parametrize("line", HARD_NEGATIVES)
def test_body_sentences_that_mention_boilerplate_words_stay(line: str) -> None:
    result = clean(article(line))
    assert line in result.paragraphs
    assert line not in removed_by(result)


def test_a_horizontal_rule_is_not_tag_residue() -> None:
    assert "---" in clean(article("---")).paragraphs
