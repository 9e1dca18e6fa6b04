"""Sentences no tracked claim matches that still state something a checker should have
checked (a number, a comparison, a cause about the base's subject), and those of them that
state a number or comparison as fact with no source (`unsourced`)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import accounts, hedging, numbers, parts, polarity
from .firstchars import compiled
from .matching import Matcher

__all__ = ["states_something", "unsourced"]

_DIGIT_NOT_YEAR = compiled(rf"(?<![\d.])(?!{numbers.CENTURIES}(?:'?s)?\b)\d")  # nor a decade
# a word that makes the number after it a figure, not a label's: "About 16, ...", "Nearly 30:"
_ABOUT = r"(?:about|around|roughly|nearly|almost|over|under|only|just|some|approximately)"
# Numbers that describe a patient or label a note rather than state a finding, cut from a
# sentence before it is asked whether it states a number. Each piece is one kind:
_NOT_A_FINDING_PIECES = (
    # an age: "a 41-year-old woman", "my 17-year-old", "aged 41", "I was 34 when I came home"
    r"\b\d{1,3}-(?:years?|yrs?|months?)-old\b|\ban? \d{1,3} (?:years?|yrs?|months?) old\b|"
    r"\baged \d{1,3}(?:(?: to| and|-|\u2013) ?\d{1,3})?\b|\bat the age of \d{1,3}\b|"
    r"\b(?:I|he|she|we|they|who) (?:was|were) \d{1,2}(?= when\b|,)|"
    # ...after a name, as reporters write it: "Karen Whitlock, 52, said", "Dave (58)"
    r"(?-i:\b[A-Z][a-z]+)(?:,| \() ?\d{1,2}(?:\)|(?=,))|\b(?:mum|mother|dad|father)-of-\w+\b",
    # a thread's numbering: "1/ Let's talk about...", "🧵 4/ Which means..."
    r"^\W*\d{1,2}/(?!\d)",
    # a note's or a title's number at its head: "Session 1:", "Agenda item 4:", "Email 2:",
    # "Scenario 4B:", "Action 2.1:", "Q1(b)." (not "About 16."), or after a few words:
    # "revision, week 9:"
    rf"^\W*(?!(?:{_ABOUT}|and|or|to|of|in|at|by|with|for)\b)(?:agenda )?"
    r"(?:[a-z]{2,12} ?|q)\d{1,3}[a-z]?(?:\.\d+)*"
    # ("Screen 2 - Tell us...", "MACRO 01 (Welcome): Hi", "MACRO 07, cont.: Please")
    r"(?:\([a-z]\))?(?:\s*\([^()]{1,40}\)|,\s*cont(?:'d|inued|\.)?)?\s*(?:[:.)](?!\d)|[-\u2013\u2014]\s|"
    r"(?<=\([a-z]\))\s)",  # "Q1(b) Compare..."
    # a label's number before a name or a title: "Call 3, Harbor Clinic", "Panel 1, title
    # card:", "Q112 Chair:", "Safety Bulletin 14: ketamine on the front line"
    rf"(?-i:^\W*(?!(?i:{_ABOUT})\b)"
    r"(?:[A-Z][\w'&-]* (?:and |of |the |on |for |& )?){0,5}(?:[A-Z][a-z]+ |Q)\d{1,3}[a-z]?"
    r"(?:\.\d+)*"
    r"(?=, (?:[A-Z]|title)| (?:[A-Z][\w.'-]* ?){1,3}:|:\s))",
    r"^[^:.]{0,40}\b(?:week|month|session|day|part|lecture|module|unit) \d{1,3}"
    r"(?: [a-z]+){0,2}\s*:|\((?:[\w-]+ ){0,3}[\w-]+, (?:week|session|lecture|module|unit) "
    r"\d{1,3}\)",
    # a tour's or a textbook's numbering, with its capital: "Stop 8", "Box 14.2"
    r"(?-i:\b(?:Box|Panel|Stop|Station|Exhibit|Gallery) \d+(?:\.\d+)*\b)",
    # a figure of speech: "half of it went over my head"
    r"\b(?:half|most|all) (?:of )?(?:it|that|this|what (?:she|he|they) said) went (?:over|above) "
    r"(?:my|his|her|our|their) heads?\b",
    # oxygen, "O2"
    r"\bO2\b",
    # a story's time, a class year: "it's been three months since Mum started", "('04)" (not
    # "five years since the spray was approved": a dated fact)
    r"\b(?:it's|it has) been (?:about |nearly |almost |over )?[\w-]+ (?:days?|weeks?|months?) "
    r"since\b|\(\s*'\d\d\s*\)",
    # a numbered paragraph of a report, a policy or a patent: "4.13 A rise in heart rate...",
    # "3.6 No", "[0022] The device..."
    "^" + numbers.PARAGRAPH_NUMBER + r"|^\W*\[\d{4}\]",
    # a numbered part of a document, a list or a course: "Policy update 7.3", "reviewer 2"
    r"\b(?:policy|update|section|version|chapter|paragraph|clause|appendix|table|figure|"
    r"schedule|regulations?|article|annex|"
    r"reviewer|question|answer|card|item|patient|case|module|aim|lecture|unit|entry|session|"
    r"seminar|workshop|"
    r"recommendations?|slide|step|option|point|standard|criterion|issue|protocol|guideline|"
    r"screen|tip|episode|cycle|phase|claim|query) "
    r"\d+(?:\.\d+)*(?:(?:,| and| or| to) \d+(?:\.\d+)*)*\b",
    # a transcript's timestamp, "[04:40] OK, so...", and a number to ring, "call 999"
    r"^\W*\d{1,2}:\d\d(?::\d\d)?\]?|\b(?:call|dial|ring|phone|text) \d{3,}\b",
    # a patent's number, a star rating: "US Patent 5,543,434", "4 stars"
    r"\bpatent(?: application| publication)?(?: no\.?| number)?(?: (?:us|ep|wo|gb))? ?\d[\d,./]*|"
    r"\b(?:\d|one|two|three|four|five)(?:\.5)?[- ]stars?\b",
    # where someone is: "in Bay 2", "bed 4"
    r"\b(?:bay|bed|room|ward|cubicle|chair) \d{1,3}[a-z]?\b",
    # a clock time: "closed at 16:40", "starts 9.30 tomorrow", "at 2 pm", a diary's "06:30:"
    r"\b(?:at|by|until|from) \d{1,2}[:.]\d\d\b|\b\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\b\.?|"
    r"(?<![\d.])\d{1,2}:\d\d(?=\s*:)|"
    r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|h|hrs)?(?=\W*$|\s+(?:on|today|tomorrow)\b)",
    # a date, a diary's day ("Monday 14th:"), a named scale ("PHQ-9")
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?:the )?\d{1,2}(?:st|nd|rd|th)\b|"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december) \d{1,2}(?:st|nd|rd|th)?\b|\b(?:phq|gad)-\d+\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b",
    # a letter's or a meeting's business, an instruction, a review date: the whole sentence
    r"^\W*next (?:meeting|session|review|appointment|visit|call)\b.*|^\W*I am writing\b.*|"
    r"^\W*please (?:do not|don't|avoid|arrive|bring|allow|call|contact|book|wear|eat|drink|tell|"
    r"let|remember to|arrange|make sure|ensure|stay|wait|plan)\b.*|^\W*thank you\b.*|"
    r"\blook forward to\b.*|"
    r"\b(?:will|to) be (?:reviewed|revisited|updated|audited|renewed)\b.*",
)
_NOT_A_FINDING = compiled("|".join(_NOT_A_FINDING_PIECES), re.IGNORECASE)
# ...and sentences that state no finding at all, whatever they hold (searched, not cut: a
# pattern that has to match from the sentence's start to its end is slow on a long draft)
_NO_FINDING_IN_IT = compiled(
    # a review's search: "of 412 records screened, 14 met our inclusion criteria"
    r"\b(?:records screened|full[- ]text articles|inclusion criteria)\b|"
    # a writer's career: "for forty years I gave this drug", "who has been retired longer than"
    r"\b(?:I|we|who) (?:have |has |had )?(?:gave|given|practised|practiced|taught|nursed|"
    r"been retired|retired)\b|"
    # a patient's medicines: "she has taken four antidepressants" (the rest of a history, "she
    # has failed four", is not judged at all: `framing.HISTORY`; "taken" is not there, since
    # "we have taken the view that IM works" asserts)
    r"\b(?:I|she|he|they|we) (?:have|has|had) taken\b|"
    # a study to come: "volunteers will be randomly allocated to one of three routes"
    r"\b(?:will|would) be (?:randomly )?(?:allocated|assigned|randomi[sz]ed|enrolled|"
    r"recruited)\b|" + accounts.OWN_EXPERIENCE,
    # one patient's own experience, told as such (a hedge too: `hedging`)
    re.IGNORECASE,
)


_CAUSAL = compiled(
    r"\b(?:because|causes?|caused|causing|leads? to|led to|results? in|due to|prevents?|"
    r"reduces?|reduced|increases?|increased|improves?|improved|relieves?|relieved|"
    r"so that|therefore|thus)\b",
    re.I,
)


def states_something(text: str, matcher: Matcher) -> bool:
    """Whether a sentence states a number, a comparison or a cause about the base's subject
    (a route, the drug, or a topic its claims have): what a checker should have checked."""
    if len(text.split()) < 4 or not matcher.may_match(text):
        return False  # a sentence with no route, topic or claim word is not about the base
    if not _about_the_subject(text):
        return False  # "Please arrive fifteen minutes early": not about the evidence
    # not "slide 4", "bed 8" (the numbering is looked for only where there is a figure)
    figure = _states_a_figure(text) and _states_a_figure(_without_numbering(text))
    return figure or _compares(text) or bool(_CAUSAL.search(text))


def unsourced(text: str) -> bool:
    """A number (on any subject) or a comparison (about the subject) matching no claim,
    stated as a fact: what "patients report" or "it has been claimed" is attributed, not
    asserted. (Causes alone are only listed as not checked: too many plain sentences
    state one.)"""
    if len(text.split()) < 4:
        return False
    # "I was more nervous than I let on" compares, but not on the subject; "treatments are
    # arriving faster than ever" names neither a route nor the drug it would rank
    if not _states_a_figure(_without_numbering(text)) and not (
        (parts.read_parts(text).routes or parts.names_the_drug(text)) and _compares(text)
    ):
        return False
    return not hedging.attributes(text)


@lru_cache(maxsize=4096)
def _without_numbering(text: str) -> str:
    """The text without a document's numbering, ages, dates, places ("slide 4", "bed 8"):
    asked of a sentence by `states_something` and `unsourced` both."""
    if _NO_FINDING_IN_IT.search(text):
        return " "
    return _NOT_A_FINDING.sub(" ", text)


def _about_the_subject(text: str) -> bool:
    """Whether a text names a route, a topic the claims have, or the base's drug."""
    said = parts.read_parts(text)
    return bool(said.routes or said.topics or parts.names_the_drug(text))


# "after a month", "an hour in a clinic chair", "by the next morning", "a day spa": one unit
# of a story's time, not a figure someone measured
_ONE_UNIT = compiled(
    r"^(?:by )?(?:a|an|the next|a full|one full) (?:minute|hour|day|week|fortnight|month|year|"
    r"morning|night|evening|afternoon)$|^overnight$",
    re.I,
)


def _states_a_figure(text: str) -> bool:
    """Whether the text states a number that could be a finding (not one unit of a story's
    time: neither to check nor to source)."""
    stated = [q for q in numbers.quantities(text) if not _ONE_UNIT.match(q.text)]
    return bool(stated or _DIGIT_NOT_YEAR.search(text))


_MULTIPLIER = compiled(
    r"\b(?:twice|thrice|half as|(?:two|three|four|five|ten|\d+(?:\.\d+)?)[- ]?(?:times|fold)|"
    r"doubles?|doubled|doubling|triples?|tripled|halves|halved|halving)\b(?!-)",  # "double-locked"
    re.IGNORECASE,
)


# Comparisons of speech, not findings: "more antidepressants than I can count", "more
# questions than answers", "retired longer than ketamine clinics have existed"
_IDIOM = compiled(
    r"\b(?:more|longer|better|worse)(?: [\w-]+){0,2} than (?:I|we|you|he|she|they) "
    r"(?:can|could|care to|would care to|want to|like to) (?:count|remember|say|admit|imagine)\b|"
    r"\bmore questions than answers\b|\bas far as (?:I|we|you|they|anyone) (?:can |could )?"
    r"(?:tell|see|know)\b|\bfell short of what (?:you|I|we|they|she|he) "
    r"(?:had )?(?:expected|hoped for)\b|"
    r"\b(?:longer|more years) than (?:[\w-]+ ){1,4}(?:has|have) (?:existed|been around)\b|"
    r"\b(?:better|worse|harder|easier|more \w+) than (?:I|we) (?:had )?(?:expected|feared|hoped|"
    r"thought|imagined|let on)\b|"
    # "I feel more like myself than I have in years": someone against their own past (not
    # "patients felt better than they had on oral ketamine": routes ranked)
    r"\b(?:more|less|better|worse)(?: [\w-]+){0,3} than (?:I|we|he|she) (?:have|had|did|"
    r"was|were)(?: been| felt| done)? (?:in|for) (?:years|months|weeks|ages|decades|a long "
    r"(?:time|while))\b",
    re.IGNORECASE,
)


def _compares(text: str) -> bool:
    """A ranking ("faster than", "twice as fast", "doubles the blood level") or a likeness
    of two routes ("as good as a drip"); an idiom ("more than I can count") is no ranking."""
    text = _IDIOM.sub(" ", text)
    if _MULTIPLIER.search(text):
        return True
    found = polarity.polarity(text)
    return bool(found.directions and polarity.has_than(text)) or (
        found.equivalence and len(found.routes) >= 2
    )
