"""What negates a sentence: the words that do ("not", "never", "impossible"...), the phrases
that only look negative ("no evidence that" is a hedge, "in no time" is quickly), and how
many negations a text holds, a negation repeated over a list counted once."""

from __future__ import annotations

import re

from .firstchars import compiled

__all__ = [
    "ANSWER",
    "LIST_WORDS",
    "LITTLE_KNOWN",
    "NEGATOR",
    "NOT_ENOUGH_TO_CONCLUDE",
    "NOT_NEGATIONS",
    "negations",
]

# who answers a question the sentence reports: "..., and I told him no, ...", "she replied
# yes; ..." (its "no" is the answer's, not a negation: framing.asks reads the answer)
ANSWER = r"\b(?:told (?:him|her|them|me|us)|answered|replied)"

# "almost nothing is known": a hedge (hedging.py), whose "nothing" negates nothing
LITTLE_KNOWN = (
    r"(?:little|very little|not much|(?:almost |next to )?nothing) is (?:yet |really )?known"
)
# "does not consider the (trial) evidence sufficient to conclude", "data are insufficient to
# say": no negation of what follows (here) and a very-uncertain hedge (hedging.py)
NOT_ENOUGH_TO_CONCLUDE = (
    # ("trial evidence" is "valid data on the efficacy" once reworded: lexicon.canonical;
    # each branch starts on a word, not on any word before "evidence": a search tries it
    # at every position)
    r"(?:(?:does|do|did)(?: not|n't) (?:consider|find|judge|think) (?:the )?(?:[\w-]+ )?"
    r"(?:evidence|data)(?: on the efficacy)?|(?:evidence|data)"
    r"(?: on the efficacy)? (?:is|are|was|were) (?:not |in))"
    r" ?(?:sufficient|adequate|strong enough|enough) to (?:conclude|say|show|establish|claim)"
)
# Phrases that contain a negator but do not negate the proposition.
NOT_NEGATIONS = compiled(
    r"\b(?:(?:there is |there are )?(?:no|not enough|little|insufficient) "
    r"(?:good |reliable |clear |direct |high[- ]quality |published |strong )?"
    r"(?:(?:evidence|data)(?: either way)?(?: (?:that|whether|on|about|for)(?: whether)?)?|"
    # "no studies on it" hedges; "no trial has compared IN with IV" negates what it did
    r"(?:studies|study|trials?)(?: (?:that|whether|on|about|for|of|in|into|comparing|testing)|"
    r"(?=\s*[,;.]|\s*$)|(?: has| have)(?: yet)? (?:shown|proven|proved|demonstrated|established|"
    r"confirmed|tested|examined|asked)(?: that| whether)?))|"
    r"not (?:known|clear|certain|established)(?: whether| if)?|whether or not|not only|"
    r"(?:we )?(?:can(?:not|'t| not)|do(?:n't| not)) (?:say|tell|know|be sure|judge)"
    r"(?: with (?:any )?(?:confidence|certainty))?(?: whether| if)?|"
    r"(?:no one|nobody) (?:really |yet |truly )?(?:knows|can say)|"
    r"no more than|not more than|no less than|not less than|no later than|"
    rf"{LITTLE_KNOWN}|"
    # idioms: "gone in no time" is quickly, "no doubt" is surely
    # "And no, it does not...", "A. No, it was not...": an answer's "no" (after a speaker's
    # label, if any) adds nothing to the negation that follows
    r"^\W*(?:[AQ]\.\s*|[A-Z][\w ()',]{0,30}:\s*)?(?:and |but |so |oh |well )?"
    # ("Not quite, the arms came out about the same": an answer too)
    r"(?:no|not quite|not really|not exactly)"
    r"(?=\s*[,!:;](?!\s*or\b)|\s+(?:it's|it is|that's|that is|they|we|you|i)\b)|"
    # "...; told him no, once the drip is running it cannot be stopped": an answer's "no"
    rf"{ANSWER},? no(?=\s*[,;:])|"
    # "some claim, without good evidence, that...": a hedge, not a negation of what follows
    r"without (?:any |much |good |strong |solid |reliable |real )*(?:evidence|data|proof)|"
    # "..., and I do not dispute that": the clause before it stands
    r"(?:i|we|nobody|no one) (?:do not|don't|would not|wouldn't|cannot|can't)? ?"
    r"(?:disputes?|deny|denies|doubts?|question|contests?|challenges?) (?:that|this|it)|"
    # "..., and nobody in the group disagreed": what was said stands
    r"(?:nobody|no one|none of (?:us|them))(?: [\w-]+){0,3}? (?:disagreed|objected|argued|"
    r"contradicted (?:it|her|him|them)|pushed back)\b|"
    # "she had not been warned that the injection might cause...": what she was not told
    # stands (not "we have not been told of any case": none happened)
    r"(?:(?:had|has|have|was|were|is|are|did|do|does)(?: not|n't)(?: been)?|never been) "
    r"(?:warned|told|informed|advised|made aware)(?: (?:me|her|him|us|them))? that|"
    # "don't be alarmed if...": reassurance to the reader, not a negation of the finding;
    # "please don't buy it on the street, as...": advice, whose reason is the finding
    r"(?:do not|don't|no need to|not to) (?:be alarmed|worry|panic|be surprised)|"
    r"^\W*(?:please )?(?:do not|don't|never) (?:buy|drive|drink|mix|share|skip|combine|"
    r"inject|operate)\b|"
    # "a third of patients don't respond to it": how many do not, not that it does not work
    # ("depressed patients" is read as "depression" by then)
    r"\b(?:a (?:third|quarter|fifth|tenth|half)|some|many|one in \w+|\d+ ?(?:%|per ?cent)) of "
    r"(?:[\w-]+ ){0,2}?(?:patients|people|users|them|depression) (?:do not|don't|did not|"
    r"didn't|never) "
    r"(?:respond|benefit|improve)|"
    # "depression that has not responded to other treatment": who it is for, not a negation
    r"(?:who|that|which|whose [\w-]+) (?:has|have|had)(?: not|n't| never) (?:yet )?"
    r"(?:responded|improved|budged|lifted|shifted)|"
    r"in no time(?: at all)?|no doubt|no wonder|no matter|without (?:a )?doubt|"
    r"no question(?: about it)?|without question|no two ways about it|"
    # "side effects were nothing much": mild, not absent
    r"nothing (?:much|serious|major|dramatic|to worry about)|no big deal|"
    # "without a placebo these changes cannot be attributed to ketamine": a caveat on the
    # cause, not a denial of the changes
    r"(?:cannot|can't|could not|couldn't|can not) (?:(?:safely|confidently|simply|reliably|"
    r"yet) )?be (?:attributed|credited|ascribed|put down)|"
    # "not always cheaper" is consistent with "can be cheaper"
    r"not always|not necessarily|not in every case|"
    # "does not consider the evidence sufficient to conclude that X": nothing said of X
    rf"{NOT_ENOUGH_TO_CONCLUDE}(?: that| whether)?|"
    # "the evidence does not show that X" says nothing of X
    r"(?:(?:the )?(?:evidence|data|studies|trials?|research) )?"
    r"(?:(?:does|do|did|could|can)(?: not|n't)|cannot|has not|have not|has yet to|have yet to) "
    r"(?:yet )?(?:show(?:n)?|prove(?:n|d)?|demonstrate(?:d)?|establish(?:ed)?|confirm(?:ed)?) "
    r"(?:that|whether|it))\b",
    re.I,
)
NEGATOR = compiled(
    r"\b(?:not|no|never|without|neither|none|nothing|nobody|cannot|fails? to|failed to|"
    r"lacks?|lacking|absent|impossible|unlikely to)\b|n't\b|^\W*nor\b|"
    # "zero real data", "zero ketamine": none (not "zero per cent", "0-10")
    r"\bzero (?=(?:[a-z-]+ )?(?:data|evidence|stud(?:y|ies)|trials?|benefit|effect|ketamine|"
    r"difference|risk|chance|side[- ]effects?)\b)|"
    # "it is rare for either route to depress breathing": seldom does
    r"\b(?:rare|unusual|uncommon) for (?:[\w-]+ ){1,8}?to\b",
    re.I,
)

_COORDINATED = compiled(r"\b(?:and|or|nor)\b|,", re.I)
LIST_WORDS = 6  # a list's items are short: "no drip and no catheter", not two clauses


def negations(text: str) -> int:
    """How many negations the text holds, a negation repeated over a list counted once:
    "needs no drip and no catheter" negates once, "not true that it has no X" twice."""
    count, last_word, last_end = 0, "", 0
    for match in NEGATOR.finditer(text):
        word = match.group(0).lower().replace("n't", "not")
        between = text[last_end : match.start()]
        listed = _COORDINATED.search(between) and len(between.split()) <= LIST_WORDS
        if not (word == last_word and listed):
            count += 1
        last_word, last_end = word, match.end()
    return count
