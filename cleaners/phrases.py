"""The phrase table: every line-level boilerplate kind that a pattern can recognise on its own.

This is the one place to read (and extend) what the phrase rules remove. Patterns are regular
expressions over `match_form(line)` (casefolded, NFKC, curly quotes straightened, single
spaces). `whole` patterns must match the entire line; `contains` patterns may match anywhere
but only in lines of at most `max_words` words, so a body paragraph that merely mentions
"cookies" or "all rights reserved" is never removed. Patterns describe kinds of boilerplate,
not the wording of any one site.
"""

from __future__ import annotations

from dataclasses import dataclass

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?"
#: A calendar date in the shapes news sites print: "March 3, 2026", "3 Mar 2026", "3/4/2026",
#: "2026-03-04T10:00Z", optionally with a weekday and a time.
DATE = (
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:.]+(?:z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|{_MONTH}\s+\d{{4}})(?:,?\s*(?:at\s+)?{_TIME})?"
)
_ARROW = r"\s*[→›»>↗⟶]?"
_SEP = r"[|·•/,;:–—-]"


@dataclass(frozen=True)
class PhraseSpec:
    """One kind of boilerplate as patterns: its rule name is the kind reported in `removed`."""

    name: str
    whole: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    max_words: int = 25


PHRASES: tuple[PhraseSpec, ...] = (
    PhraseSpec(
        "navigation",
        whole=(
            r"[↑⬆^]?\s*(?:back to top|scroll to top|return to top(?: of (?:the )?page)?|top of page"
            r"|go to top|to top|top)\s*[↑⬆^]?",
            r"skip to (?:main )?(?:content|navigation)",
            r"(?:main )?menu|close menu|open menu|toggle navigation|search|search this site",
            r"[←‹«<]?\s*(?:previous|prev|next|older|newer) (?:article|story|post|page)\b.*",
            r"home\s*[›»>/|]\s*.+",
            # breadcrumbs: "Valley Ledger › News › Health" (2+ short segments joined by › or »)
            r"[^›»]{1,40}(?:\s*[›»]\s*[^›»]{1,40}){1,6}",
        ),
        max_words=20,
    ),
    PhraseSpec(
        "advertisement",
        whole=(
            r"[-—–\s]*(?:advertisement|advertisements|advertising|ad|sponsored(?: content)?"
            r"|paid (?:post|content)|promoted)[-—–\s]*",
            r"(?:the )?(?:story|article) continues (?:below|after (?:this|the) (?:ad|advertisement))\.?",
            r"continue reading (?:below|the (?:main )?story)\.?",
            r"story continues below(?: advertisement)?\.?",
        ),
        max_words=8,
    ),
    PhraseSpec(
        "newsletter",
        whole=(
            rf"sign (?:me )?up(?: now| today| here| for free)?{_ARROW}",
            rf"subscribe(?: now| today| for free| here)?{_ARROW}",
            r"enter your e-?mail(?: address)?:?",
            r"(?:your )?e-?mail(?: address)?:?",
            r"newsletters?",
            # "Join Our Newsletter", "Subscribe for the Latest Updates", "Subscribe to us"
            r"join (?:our|the|my) (?:[\w'-]+ ){0,3}(?:newsletter|mailing list|email list)\b.*",
            r"subscribe (?:to us|to get access|for (?:the )?(?:latest )?(?:updates|news))[.!]?",
        ),
        contains=(
            r"\bsign up (?:for|to) (?:our|the|a)\b.*\b(?:newsletter|briefing|digest|bulletin|e-?mails?|updates)\b",
            r"\b(?:newsletter|briefing|digest)\b.*\b(?:inbox|sign up|subscribe)\b",
            r"\b(?:in|to) your inbox\b",
            r"\bsubscribe to (?:our|the) (?:free )?(?:daily |weekly )?(?:newsletter|briefing|digest)\b",
            r"\bby (?:signing up|subscribing|clicking)\b.*\b(?:agree|consent|accept)\b",
            r"\bunsubscribe at any time\b",
            # the pitch by numbers: "Join 120,000 readers who get …", "Want more stories like this?"
            r"\bjoin [\d,.]+\s*(?:k|m|million|thousand)? (?:other )?(?:readers|subscribers|people)\b",
            r"^want more (?:stories|news|articles|coverage) like this\b",
            r"\b(?:get|receive) (?:our|the) (?:free )?(?:daily |weekly |morning |evening )?"
            r"(?:newsletter|briefing|digest)\b",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "subscribe_prompt",
        whole=(
            r"already (?:a|an) (?:subscriber|member|account holder)\??\s*(?:log|sign) ?in.*",
            r"start (?:your|a) free trial.*",
            r"(?:log|sign) ?in(?: or register)?(?: to continue)?",
        ),
        contains=(
            r"\b(?:available|reserved) (?:exclusively |only )?(?:to|for) (?:subscribers|members)\b",
            r"\bsubscribe (?:now )?to (?:continue|keep) reading\b",
            r"\bbecome (?:a|an) (?:member|subscriber|supporter)\b",
            r"\bsupport (?:our|independent|local) journalism\b",
            r"\byou(?:'ve| have) (?:reached|read) (?:your|all your|\d+) (?:free )?(?:articles|stories)\b",
            r"\bsubscribers? only\b",
            r"^subscribe (?:today|now)\b",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "share",
        whole=(
            r"share(?: this)?(?: article| story| post| page)?(?: on| via| with)?:?",
            r"(?:(?:share|tweet|email|e-mail|print|copy link|link copied|whatsapp|facebook|twitter"
            r"|x|linkedin|reddit|pinterest|telegram|messenger|threads|bluesky|flipboard|print this"
            r"(?: page| article)?|email this(?: article)?|share on \w+|save|gift(?: this)? article)"
            rf"\s*{_SEP}?\s*)+",
        ),
        contains=(
            r"\bfollow (?:us|[\w.' ]{1,40}) on (?:facebook|twitter|x|instagram|linkedin|tiktok"
            r"|youtube|threads|bluesky|whatsapp|telegram)\b",
            r"\bshare (?:this|it) (?:on|with|via)\b",
            r"\blike us on facebook\b",
            r"^(?:follow us|share your story|pin (?:it )?for later)[.!]?$",
        ),
        max_words=25,
    ),
    PhraseSpec(
        "related_link",
        whole=(
            r"(?:related|read more|read also|also read|see also|more from [\w .&'-]+|recommended"
            r"(?: reading| for you)?|you (?:may|might) also like|don'?t miss|must read|more stories"
            r"|further reading|related (?:stories|articles|content|coverage|reading|links?)|read next"
            r"|trending(?: now)?|most read|popular(?: now)?|watch)"
            rf"\s*(?:{_SEP}|\s[—–-]\s|:)\s*.+",
            r"more\s*[:|]\s*.+",  # "MORE: Other Headline"
            r"related(?: stories| articles| content| coverage| links)?|you (?:may|might) also like"
            r"|more (?:stories|news|from (?:this|our) (?:author|site))|recommended(?: for you)?"
            r"|read next|most read|trending(?: now| stories)?|top stories|latest news",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "copyright",
        whole=(
            r"(?:©|\(c\)|ⓒ)\s*\w.*",
            r"copyright\s*(?:©|\(c\))?\s*\d{4}\b.*",
            r".*\ball rights reserved\b.*",
        ),
        contains=(
            r"\b(?:originally|first) (?:appeared|published|ran) (?:on|in|at|by)\b",
            r"\b(?:re)?published (?:here )?with (?:the )?permission\b",
            r"^distributed by\b",
            r"\b(?:reprinted|republished|syndicated) (?:with permission )?(?:from|by)\b",
            r"\bmay not be (?:re)?(?:published|broadcast|rewritten|redistributed|reproduced)\b",
            r"^[\w.&' -]{2,60} is (?:a )?(?:part|member|division|subsidiary) of [\w.&' -]{2,60}"
            r"(?:group|media|network|publishing|holdings|company|inc|llc|ltd)\b",
        ),
        max_words=40,
    ),
    PhraseSpec(
        "print_note",
        contains=(
            r"\bappeared in (?:the )?(?:\w+ )?(?:print|printed) (?:edition|on|version)\b",
            r"\bin print on\b.*\bpage\b",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "dateline",
        whole=(
            rf"(?:first |last )?(?:published|posted|updated|modified|last updated|last modified"
            rf"|date)(?: on| at)?:?\s*{DATE}(?:\s*[|·•,]\s*(?:(?:last )?updated|modified):?\s*{DATE})?",
            rf"{DATE}",
            rf"(?:updated|posted|published):?\s*{_TIME}(?:,?\s*{DATE})?",
            rf"(?:first )?published:?\s*{DATE}\s*[·•|]\s*last updated:?\s*{DATE}",
        ),
        max_words=16,
    ),
    PhraseSpec(
        "reading_time",
        whole=(
            r"(?:⏱|🕒|🕑)?\s*(?:estimated )?(?:reading time|read time)?:?\s*\d+\s*[-–]?\s*"
            r"(?:min|mins|minute|minutes)\.?(?:\s*read)?",
            r"(?:estimated )?(?:reading|read) time:?\s*.{1,20}",
        ),
        max_words=8,
    ),
    PhraseSpec(
        "cookie_notice",
        whole=(
            r"accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|decline(?: all)?|allow(?: all)?"
            r"(?: cookies)?|manage (?:preferences|cookies|settings|consent)|cookie (?:settings|preferences)"
            r"|got it|i agree|i accept",
            # the banner's own heading
            r"(?:your )?privacy (?:choices|settings|preferences|options)|we value your privacy"
            r"|cookie (?:consent|notice)|(?:this (?:site|website) uses )?cookies",
        ),
        contains=(
            r"\b(?:we|this (?:site|website)|our (?:site|website)|partners) (?:and [\w ]{1,30} )?"
            r"(?:use|uses|store|stores) cookies\b",
            r"\bcookie (?:policy|settings|preferences|notice|banner)\b",
            r"\bby (?:continuing|using) (?:to (?:browse|use) )?(?:this|our) (?:site|website)\b",
        ),
        max_words=40,
    ),
    PhraseSpec(
        "comments",
        whole=(
            r"\d+ comments?|comments?(?: \(\d+\))?|be the first to comment\.?"
            r"|join the (?:conversation|discussion)\.?|leave a (?:comment|reply)\.?"
            r"|(?:show|view|hide|load) (?:all )?comments?|post a comment"
            r"|comments? (?:are|is) (?:closed|disabled)(?: for this (?:story|article|post))?\.?"
            r"|(?:log|sign) ?in(?: or register)? to (?:comment|reply)\.?",
        ),
        contains=(r"\bcommunity guidelines\b", r"\bcomments? (?:section|policy)\b"),
        max_words=20,
    ),
    PhraseSpec(
        "correction_box",
        whole=(
            r"(?:truth|fairness|accuracy|ethics|corrections?)(?: (?:and|&) (?:accuracy|fairness|ethics"
            r"|corrections?|transparency))?(?: matters?)?",
            rf"(?:submit|request|suggest|send) (?:a|us a) correction{_ARROW}",
            rf"(?:report|flag) (?:an? )?(?:error|inaccuracy|correction|mistake|typo){_ARROW}",
            rf"spot(?:ted)? an? (?:error|mistake|typo)\??{_ARROW}",
        ),
        contains=(
            r"\bcommitted to (?:truth|accuracy|fairness)\b",
            r"\b(?:editorial|ethics|journalistic) (?:standards|policy|guidelines)\b",
            r"\bcorrections? policy\b",
            r"\bcorrects? (?:factual |its )?(?:mistakes|errors)\b",
            r"\bneeds? (?:fixing|correcting)\b.*\b(?:e-?mail|contact|let us know)\b",
            r"\bverifies the (?:stories|news|facts)\b",
            r"\b(?:see|found|notice) (?:something|an error|a mistake)\b.*\?",
            r"^spot(?:ted)? an? (?:error|mistake|typo)\b",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "footer_links",
        whole=(
            r"(?:about(?: us)?|contact(?: us| the newsroom)?|careers|jobs|advertise(?: with us)?|privacy"
            r"(?: policy| notice)?|terms(?: of (?:use|service))?|cookie policy|accessibility"
            r"(?: statement)?|site ?map|sitemap|help|faq|masthead|rss|newsletters|subscribe"
            rf"|do not sell my (?:personal )?info(?:rmation)?)(?:\s*{_SEP}\s*(?:about(?: us)?|contact"
            r"(?: us)?|careers|jobs|advertise(?: with us)?|privacy(?: policy| notice)?|terms(?: of "
            r"(?:use|service))?|cookie policy|accessibility(?: statement)?|site ?map|sitemap|help|faq"
            r"|masthead|rss|newsletters|subscribe|do not sell my (?:personal )?info(?:rmation)?))*",
        ),
        max_words=30,
    ),
    PhraseSpec(
        "image_credit",
        whole=(
            r"\(?(?:photo|image|picture|video|illustration|graphic)s?(?: credit)?s?:\s*.{2,80}\)?",
            r"\(?(?:photo|image|picture|illustration)s? (?:by|courtesy(?: of)?)\s+.{2,80}\)?",
            r"\(?credits?:\s*.{2,60}\)?",
            r"\(?(?:file|stock|handout|staff) (?:photo|image|picture)s?\b.{0,60}\)?",
        ),
        max_words=15,
    ),
    PhraseSpec(
        # Commercial furniture of content-marketing and review pages: the call to action of the
        # page's sponsor ("Book a demo", "Request a free quote") and the affiliate disclosure.
        # Calls to action are whole short lines only (an article may well say "we booked a
        # demo"); disclosures are matched by their fixed legal wording within short lines.
        "commercial",
        whole=(
            r"(?:book|schedule|request|get|try) (?:a |your |our )?(?:free |personalized |live )?"
            r"(?:demo|quote|consultation|trial)(?: today| now| here)?[.!]?" + _ARROW,
            r"get (?:a |your )?free (?:quote|estimate|consultation)(?: today| now)?[.!]?" + _ARROW,
            r"(?:talk|speak) to (?:our|an?) (?:[\w&-]+ ){0,4}(?:experts?|specialists?|team)[.!]?",
            r"advertiser disclosure",
        ),
        contains=(
            r"\b(?:purchases|sales) (?:made )?through (?:our|these|the) links may earn\b",
            r"\b(?:we|i) may (?:earn|receive) (?:a )?(?:small )?(?:commission|compensation)\b",
            r"\bas an? (?:amazon associate|affiliate(?: marketer)?),? (?:i|we) earn\b",
            r"\bproducts are (?:chosen|selected) independently by our editors\b",
        ),
        max_words=40,
    ),
    PhraseSpec(
        "tag_residue",
        whole=(
            r"[,;·•|/\\\s]*[,;·•|/\\][,;·•|/\\\s]*",  # separators only; "---" is a rule
            r"(?:tags|topics|tagged|filed under|categories|related topics|more on)\s*:?"
            r"\s*[,;·•|\s]*",
        ),
        max_words=4,
    ),
    PhraseSpec(
        "tags",
        whole=(
            r"(?:tags|topics|tagged(?: with)?|filed under|categories|related topics|more on)"
            r"\s*:\s*\S.*",
            # hashtags: each starts with a letter, so "#1 Pick" and "#X#X" (code) are not tags
            r"#[^\W\d_][\w'’-]*(?:[\s,]+#[^\W\d_][\w'’-]*)*",
        ),
        max_words=30,
    ),
)

#: A menu row: 4+ short section names joined by "|" or "·" ("News | Sport | Travel | Food").
#: Table header rows share the shape, so `cleaners.rules.MenuRowRule` applies it only above the
#: first paragraph; digits and sentence punctuation rule out table rows with figures.
MENU_ROW = r"(?:[^\d|·•.!?]{2,24}\s[|·•]\s){3,}[^\d|·•.!?]{2,24}"
