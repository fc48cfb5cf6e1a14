"""Reader polls: an opinion question put to the reader, and its answer buttons and counts.

A question in the body ("Why does this matter?") is the article talking; a poll addresses the
reader's opinion or is followed by answer options. Quoted questions are speech and always stay.
"""

from __future__ import annotations

import re

from cleaners.rules import DocView

THRESHOLDS = {"question_max_words": 25, "min_options": 2}

_OPINION_QUESTION = re.compile(
    r"^(?:poll:\s*)?(?:do|would|will|should|are|have|did|can) you (?:think|agree|support|believe|"
    r"approve|favou?r|trust|expect|plan|feel|prefer|want|consider|side)\b.*\?$"
    r"|^(?:poll:\s*)?what do you think\b.*\?$|^(?:poll:\s*)?(?:how|what) (?:would|do) you (?:rate|"
    r"grade|vote)\b.*\?$",
    re.IGNORECASE,
)
# Questions put to the reader about their own habits and views, the way poll widgets phrase
# them: "How much do you care about …?", "Is X on your mind this year?", "Would you pay more for
# …?", "Should your city …?", "Have you cut back on …?". An article's own questions ask about
# the subject ("What is …?", "How does … work?"), not about the reader.
_READER_QUESTION = re.compile(
    r"^(?:how much|how often|how likely) (?:do|are|would) you\b.*\?$"
    r"|^(?:is|are) [\w' -]{1,40} on your (?:mind|radar|list)\b.*\?$"
    r"|^(?:would|will|could) you (?:pay|switch|buy|move|vote|use|try|give up|sign up)\b.*\?$"
    r"|^should (?:your|our|the) (?:city|town|state|council|county|government|school|country"
    r"|community|neighbou?rhood)\b.*\?$"
    r"|^have you (?:cut back|started|stopped|switched|changed|tried|considered)\b.*\?$"
    r"|^is it (?:still )?worth\b.*\b(?:right now|this year|anymore|today)\?$",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^[^\"“'‘].*\?$")
_OPTION = re.compile(
    r"^(?:yes|no|maybe|not sure|unsure|undecided|don'?t know|other|neither|both|"
    r"(?:yes|no),? [\w' ]{1,30}|vote(?: now)?|submit|view results|show results|see results|"
    r"\d{1,3}(?:\.\d)?\s*%.*|\d[\d,]* votes?|total votes:?\s*[\d,]+)[.!]?$",
    re.IGNORECASE,
)


class ReaderPollRule:
    name = "reader_poll"

    def find(self, doc: DocView) -> list[int]:
        kept = doc.kept()
        hits: list[int] = []
        for position, i in enumerate(kept):
            text = doc.lines[i].text
            if doc.word_counts[i] > THRESHOLDS["question_max_words"] or not _QUESTION.match(text):
                continue
            options = []
            for j in kept[position + 1 :]:
                if not _OPTION.match(doc.lines[j].text):
                    break
                options.append(j)
            opinion = _OPINION_QUESTION.match(text) or _READER_QUESTION.match(text)
            if opinion or len(options) >= THRESHOLDS["min_options"]:
                hits.extend([i, *options])
        return hits
