"""How firmly a sentence states something, against what the evidence allows.

GRADE's guidance on informative statements (Santesso et al. 2020, J Clin
Epidemiol 119:126-135) ties wording to certainty: high certainty states the
effect plainly ("reduces"), moderate says "probably" or "likely", low says
"may", very low says "very uncertain". A claim with no supporting evidence, or
contradicted by the evidence, may not be stated as fact at all: it takes the
very-low wording. A sentence hedged more than needed is fine; one hedged less
is an `overclaim`, and the finding suggests the claim reworded at its level.

Descriptions and definitions (claims about a source, or true by definition)
are checked, not graded: their wording is not hedged, but a description the
record refutes may not be stated as fact either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import numberwords
from .accounts import DOUBTS, OWN_EXPERIENCE, PEOPLE_SAY, RESEARCH_WORKS
from .firstchars import compiled
from .negations import LITTLE_KNOWN, NOT_ENOUGH_TO_CONCLUDE

__all__ = [
    "HEDGES",
    "VERY_UNCERTAIN_LEVEL",
    "attributes",
    "hedge",
    "overclaim",
    "reword",
]

# Hedge levels, weakest claim last: 0 plain, 1 probably, 2 may, 3 very uncertain.
HEDGES = ("plain", "probably", "may", "very uncertain")

_VERY_UNCERTAIN = compiled(
    r"\b(?:very uncertain|(?:is |remains |it is )?(?:uncertain|unclear|unknown|not known|"
    r"not clear) (?:whether|if|how)|uncertain|unclear|"
    r"(?:no|little|insufficient|not enough|scant|sparse|limited|weak|very low[- ]certainty|"
    r"without(?: any| much)?) "
    r"(?:good |reliable |clear |direct |high[- ]quality |published |firm |solid |strong |hard |"
    r"robust |convincing )?(?:evidence|data)|"
    r"evidence (?:(?:for|on|about|behind) (?:this|it|that|them) )?(?:is|remains) (?:very )?"
    r"(?:limited|weak|sparse|scarce|lacking|inconclusive|conflicting|thin|poor)|"
    r"(?:is|are|remains?) (?:still )?(?:not (?:yet )?known|unknown)(?=\s*[.;!?]|\s*$)|"
    r"we do(?:n't| not) know|"
    rf"{LITTLE_KNOWN} (?:about|of)|"
    r"(?:no one|nobody) (?:really |yet |truly )?(?:knows|can say)|"
    r"(?:we )?(?:can(?:not|'t| not)|do(?:n't| not)) (?:say|tell|be sure)"
    r"(?: with (?:any )?(?:confidence|certainty))? (?:whether|if)|"
    r"anecdotal(?:ly)?|reportedly|unproven|untested|unverified|speculative|"
    # a claim the writer sets out to test, "I'd like to check the claim, made online, that X"
    # (not "check the claim, and it holds: X"), or doubts: "I remain sceptical that X"
    r"(?:check|verify|test|question|examine|look into|investigate) the (?:claim|assertion|"
    r"suggestion|idea)s?(?:,[^,.;:]{1,60},)? that\b(?![^.;]{0,150}\band (?:it|they|this|that) "
    r"(?:does|do|did|holds?|held|is true|was true)\b)|" + DOUBTS + "|"
    # a figure passed on and doubted: "but I couldn't find a paper that reports it", "it has
    # never been traced to a study", "an assertion that rests on clinic websites"
    r"(?:could(?:n't| not)|can(?:not|'t)) find (?:(?:a |any |one )?(?:single )?(?:human )?"
    r"(?:paper|study|trial|source)|anyone who (?:has|had) (?:actually |ever )?(?:studied|tested|"
    r"measured|checked))|never been (?:traced|verified|confirmed|measured)|"
    # "but I could not trace it to a human study", "I know of no paper that measures it"
    r"(?:could(?:n't| not)|can(?:not|'t)) trace (?:it|this|that|them|the (?:figure|number|claim))|"
    r"(?:I|we) know of no (?:[\w-]+ )?(?:paper|study|studies|trial|source|evidence|data)"
    r"(?![^.;]{0,50}\b(?:otherwise|to the contrary|contradicts?|disputes?)\b)|"
    # "goes well beyond what a small open-label study can show"
    r"beyond what (?:[\w'-]+ ){1,6}?(?:can|could|does|did) (?:show|support|prove|establish)|"
    # "..., which is far stronger than anything we can source": a claim passed on, doubted
    r"\b(?:far |much |rather |a lot |way )?stronger than (?:anything|what|the evidence|the data)"
    r"\b|"
    # "Myth 2: 'Only a drip lets...'": a claim passed on as a myth
    rf"^\W*(?:myth|rumou?r){numberwords.LABEL_NUMBER}\s*:\W*|"
    # "the 16 % figure has no traceable primary source", "that stat has no tally behind it;
    # it's a guess", "a range that gets copied from site to site", "that number doesn't appear
    # in the studies I've seen": a figure passed on and doubted
    r"\b(?:figure|number|stat|statistic|estimate|range|percentage)\b[^.;]{0,100}?"
    r"(?:(?:has|have) no (?:traceable |known |checked |primary |published |real )*(?:source|"
    r"tally|basis)|\bis (?:just |only )?a guess\b|(?:gets|is|are|get) copied from (?:site|one "
    r"(?:site|website|page)|(?:web)?sites?|blogs?|pages?)|(?:does(?:n't| not)|did(?:n't| not)) "
    r"appear in (?:the|any) (?:stud(?:y|ies)|trials?|papers?|sources?))|"
    r"no (?:single )?(?:source|study|paper|trial|reference) (?:that )?(?:I|we) (?:can|could) find"
    r"(?! (?:that )?(?:says?|said|disputes?|contradicts?|doubts?|disagrees?|suggests?)\b)|"
    r"rests? (?:largely |mostly |only |entirely |solely )?on (?:a single |one )?(?:(?:clinic|blog|"
    r"website|anecdot)\w*|patient (?:reports|accounts))|(?:well )?beyond the (?:data|evidence)|"
    r"anecdote rather than|"
    r"asserted rather than (?:shown|demonstrated|proven)|"
    r"(?:evidence|data|studies|trials?|research) (?:(?:does|do|did)(?: not|n't)|has not|"
    r"have not|has yet to|have yet to) (?:yet )?(?:show|shown|prove|proven|demonstrate|"
    r"demonstrated|establish|established|confirm|confirmed) (?:that|whether)|"
    r"it (?:has (?:also |often |long |widely |frequently |commonly )?been |is (?:also |often |"
    r"widely |frequently |commonly |sometimes )?)"
    r"(?:claimed|said|suggested|reported|asserted|alleged|argued|contended)|"
    r"(?:is|are|was|were|(?:has|have) been) (?:also |often |widely |sometimes )?(?:claimed|said|"
    r"alleged|reported|thought|believed) to|"
    # "their website claimed", "staff at one clinic claimed": a claim, passed on as such (a
    # website that "says" is an attribution, as a leaflet that says is)
    r"\b(?:staff|clinics?|providers?|websites?|sites?|blogs?|forums?|threads?|ads?|adverts?|"
    r"marketing)(?: (?:at|in|from|of) (?:[\w'-]+ ){1,3}?)? (?:also |often )?"
    r"(?:claim|claims|claimed)\b|"
    # "some have even argued"
    r"\bsome (?:have |had )?(?:even |also )?(?:argued|claimed|suggested|insisted)|"
    # "IM onset is reported at around 3 to 4 minutes": a figure passed on
    r"(?:is|are|was|were|(?:has|have) been) (?:often |commonly |usually |widely )?reported "
    r"(?:at|as) (?=(?:about |around |roughly |nearly |some |only |up to |between )?"
    rf"(?:{numberwords.NUMBER}|{numberwords.FRACTIONS})\b)|"
    # "transient rises in blood pressure have been reported": an observation passed on
    # (not "reported in several trials", "in RCTs", "across trials", "in a 2005 PET study")
    r"\b(?:has|have) been (?:occasionally |anecdotally |sometimes )?reported\b"
    rf"(?! (?:in|by|across) [^.;]{{0,40}}?\b{RESEARCH_WORKS}\b)|"
    rf"{PEOPLE_SAY}|"
    rf"{OWN_EXPERIENCE}|"
    # "my patients report that": a clinician passing them on
    # ("my clients report sleeping 40 % better" states the figure as the writer's own)
    r"\bmy (?:patients|clients) (?:often |also |sometimes )?(?:report|say) that|"
    # "the shot, from what my students report, feels more profound": passed on
    r"\bfrom what (?:my |our |the |some )?(?:[\w-]+ )?(?:patients|students|members|clients|"
    r"users|friends|people|others|colleagues|readers|listeners|guests) (?:report|say|tell (?:me|us)"
    r"|describe)|"
    # "figures of 25-50 % are often quoted": a figure passed on, not vouched for
    r"(?:is|are|was|were) (?:often |widely |commonly |frequently |sometimes |still )?"
    r"(?:quoted|repeated|circulated)|"
    # "it's reported that", "there are reports of": hearsay passed on as such
    r"it's (?:(?:also|often|widely|commonly|sometimes) )?(?:been )?(?:claimed|said|reported|"
    r"alleged)|heard it (?:claimed|said|suggested|argued)|"
    r"there (?:are|have been) (?:also |some |many |several |anecdotal |occasional )*reports|"
    r"according to (?:some|anecdotal|patient)|claim(?:s|ing)? that|asserts? that|"
    # "I was sick after my injection even though the leaflet said that basically never
    # happens": a claim passed on and answered by what happened to the writer (not
    # "although the leaflet says otherwise, IM can cause...": the writer's own assertion)
    r"\bI (?:was|felt|got|had|still)\b[^.;]{0,80}?\b(?:even though|although|despite what) "
    r"(?:the|my|a|our|their|your) (?:[\w'-]+ ){0,2}(?:said|says|claimed|claims|promised|"
    r"told (?:me|us))|"
    # "far too few to say whether it matches": no evidence to go on
    r"too (?:few|small|little|short) to (?:say|tell|know|judge|conclude)|"
    rf"{NOT_ENOUGH_TO_CONCLUDE}|"
    r"the (?:first|second) document (?:says|claims|states|asserts))\b",
    re.I,
)
# A claim passed on and answered with the evidence: "the leaflet says 93 %, but I couldn't
# find where that comes from", "she maintains the drip is the only controllable route, an odd
# claim given that...", "the figure usually quoted is a quarter to half, but a more recent
# study measured far less": passed on and doubted, not asserted (`claim_answered`). Read in
# steps over bounded spans, so that a long sentence full of commas costs no more than a short
# one: who passes it on, then the answer's opening, then the evidence it answers with.
_PASSED_ON = compiled(  # (case-sensitive: "States" is a place)
    r"\b(?:claims?|claimed|says|said|states|stated|maintains|maintained|argues|argued|argue|"
    r"insists|insisted|repeats|repeated|quoted|suggests?|suggested|promises?|promised)\b"
)
_ANSWER_OPENS = compiled(
    r"(?:,|;|:|\s[-\u2014])\s*(?:but|however|yet|though|although|(?P<also>and)|"
    r"when (?:it|that|this) (?:is|was|appears|seems))\b",
    re.I,
)
_NOTHING_BEHIND_IT = (
    r"no (?:(?:checked|human|traceable|published) )*(?:source|study|trial|data)|nobody|no one|"
    r"(?:could|can)(?:n't| not) (?:find|trace)|rests? on|little more than|(?:far|much|way) less"
)
_ANSWERED_WITH = compiled(
    r"\b(?:(?:later|newer|recent|more recent|small|second|controlled|double-blind|"
    r"randomi[sz]ed|pilot) (?:[\w-]+ )?(?:study|studies|trials?|measurements?)|"
    rf"{_NOTHING_BEHIND_IT}|(?:far|much|way) (?:lower|fewer))\b",
    re.I,
)
# ...and after ", and" (no contrast of its own) only evidence that goes against it ("and a
# later trial confirmed it" agrees)
_AGAINST = compiled(
    rf"\b(?:{_NOTHING_BEHIND_IT}|lower|fewer|smaller|contradict\w*|disput\w*|otherwise)\b", re.I
)
# ...or called odd on the spot: "she maintains X, an odd claim given that..."
_CALLED_ODD = compiled(
    r", (?:an? (?:odd|curious|strange|bold|surprising) (?:claim|assertion|thing to say)|"
    r"which (?:ignores|overlooks)|"
    # "..., which the paediatric trials don't bear out"
    r"which (?:the |our |later |recent )?(?:[\w-]+ ){0,2}?(?:trials?|stud(?:y|ies)|evidence|data|"
    r"research|record) (?:(?:do(?:es)?|did|have|has)(?:n't| not)(?: really)?|fail(?:ed)? to) "
    r"(?:bear out|borne out|support(?:ed)?|back(?:ed)? up|confirm(?:ed)?)|"
    r"a figure (?:that )?(?:nobody|no one|(?:we|I) (?:could|can)(?:n't| not) "
    r"(?:trace|find|source))|"
    # "..., a statement the clinic could not support with any source", "a figure the court
    # found had no traceable source"
    r"an? (?:statement|claim|assertion|figure|promise)(?: that)?(?: [\w'-]+){0,3}? "
    r"(?:(?:could|can|did|does)(?:n't| not) (?:support|back (?:it )?up|source|substantiate)|"
    r"(?:found |said )?(?:had|has) no (?:traceable |checked |known |published )?source))\b",
    re.I,
)
_SPAN = 160  # characters from one step to the next
_CLAIM_CHARS = 12  # ...and at least this many passed on before the answer opens


def claim_answered(text: str) -> bool:
    """Whether the sentence passes a claim on and answers it with the evidence ("the leaflet
    says 93 %, but I couldn't find where that comes from"): the claim is not asserted."""
    return answer_at(text) is not None


@lru_cache(maxsize=65536)
def answer_at(text: str) -> int | None:
    """Where the answer to a claim passed on begins (`claim_answered`), or None: what the
    sentence says after it (a figure a cited work reports) is the writer's own."""
    for passed in _PASSED_ON.finditer(text):
        after = text[passed.end() : passed.end() + _SPAN]
        if odd := _CALLED_ODD.search(after):
            return passed.end() + odd.end()
        opens = _ANSWER_OPENS.search(after)
        if opens and opens.start() >= _CLAIM_CHARS:  # (not "she maintained, though...")
            answer = text[passed.end() + opens.end() :][:_SPAN]
            against = _AGAINST if opens["also"] else _ANSWERED_WITH
            if against.search(answer):
                return passed.end() + opens.end()
    return None


# "apparently", "supposedly": hearsay, as unsure as "reportedly", but passed on from no one (a
# number so stated is still unsourced)
# ("I gather", "I've heard that": the writer's hearsay, from no one named; not "as I gather
# more data", "I've heard both sides")
_SEEMING = compiled(
    r"\b(?:apparently|supposedly|allegedly)\b|\bfrom what I gather\b|\bI gather(?=,| that\b| "
    r"(?:a few|most|many|several|some) (?:other )?(?:doctors|clinics|people|patients|services|"
    r"others)\b)|"
    r"\b(?:I|we)(?:'ve| have) heard (?:that|it (?:said|claimed))\b|"
    # "some doctors, we're told, let...": hearsay set apart as such
    r",\s?(?:we're|I'm) told,",
    re.I,
)
# "..., and they report that being free to move feels more natural": the people just named
# pass it on (not where the sentence speaks of research: "she ran the trial, and she reports")
_THEIR_ACCOUNT = compiled(
    r"\b(?:they (?:often |also |all |still )?report|(?:she|he) reports)\b(?! to\b)|"
    # "Maureen reports that her blood pressure crept up", "M., who is having it at a clinic,
    # reports that the effects of her injection...": one patient's account of her own (not "It
    # reports that", "Loo reports that IM works": a document's or an author's finding)
    r"\b(?-i:(?!It\b)[A-Z][a-z]*)\.?(?:, who [^.;]{3,80},)? reports that\b"
    r"(?=[^.;]{0,30}\b(?:her|his|their|she|he|they|him|them)\b)",
    re.I,
)
_RESEARCH = compiled(rf"\b(?:{RESEARCH_WORKS}|data|authors?|researchers?)\b", re.I)
_MAY = compiled(
    r"\b(?:may|might|could|possibly|perhaps|potentially|conceivably|"
    r"low[- ]certainty|some evidence|suggests?|suggested|appears? to|seems? to|"
    r"tentative(?:ly)?|preliminary)\b",
    re.I,
)
_PROBABLY = compiled(
    r"\b(?:probably|likely|moderate[- ]certainty|presumably|in all likelihood|"
    r"most likely|it is likely)\b",
    re.I,
)

# "the lining, where it could be absorbed": a modal inside a relative clause qualifies that
# clause, not how firmly the sentence asserts its finding ("a trial, which suggests it may
# work" draws the finding there: its modal is the sentence's).
_RELATIVE_MODAL = compiled(
    r"\b(?:where|which|whereby|in which|by which)\s+"
    r"(?:(?!(?:suggest|indicate|impl|mean|show|hint)\w*\b)[\w-]+\s+){0,3}?(?:may|might|could)\b",
    re.I,
)

# "A pill might sound easier, but swallowed ketamine is...": a point conceded before "but",
# not how firmly what follows is said
_CONCEDED = compiled(r"\b(?:may|might|could) (?:sound|seem|look|appear)\b[^.;,]{0,40}, but\b", re.I)

VERY_UNCERTAIN_LEVEL = 3  # "very uncertain", "reportedly", "patients report"
# The level each certainty (or status) needs at least.
_NEEDED = {"high": 0, "moderate": 1, "low": 2, "very_low": 3, "none": 3}


def hedge(text: str) -> int:
    """The sentence's hedge level: 0 plain, 1 probably, 2 may, 3 very uncertain."""
    if attributes(text) or _SEEMING.search(text) or claim_answered(text):
        return 3
    if _MAY.search(text) and _MAY.search(_CONCEDED.sub(" ", _RELATIVE_MODAL.sub(" ", text))):
        return 2
    if _PROBABLY.search(text):
        return 1
    return 0


def attributes(text: str) -> bool:
    """Whether the sentence passes on what others say or doubt ("patients report", "it has
    been claimed", "reportedly") rather than asserting it."""
    if _VERY_UNCERTAIN.search(text):
        return True
    return bool(_THEIR_ACCOUNT.search(text)) and not _RESEARCH.search(text)


def needed(certainty: str | None, status: str, kind: str) -> int:
    """The hedge level a claim's certainty and status call for (0 when any wording will do)."""
    if status in ("contradicted", "refuted"):
        return 3
    if kind != "finding" or certainty is None:
        return 0  # a description or definition is checked, not graded: stated plainly
    return _NEEDED.get(certainty, 3)


def overclaim(text: str, certainty: str | None, status: str, kind: str) -> str | None:
    """Why the sentence is worded more firmly than the evidence allows, or None."""
    need = needed(certainty, status, kind)
    have = hedge(text)
    if have >= need:
        return None
    if status in ("contradicted", "refuted"):
        why = f"the claim is {status}: it may not be stated as fact"
    elif certainty == "none":
        why = "no evidence supports the claim: it may not be stated as fact"
    else:
        level = (certainty or "").replace("_", " ")
        why = f"{level} certainty needs '{HEDGES[need]}'"
    worded = "states it plainly" if have == 0 else f"says only '{HEDGES[have]}'"
    return f"the sentence {worded}; {why}"


# --------------------------------------------------------------------------
# Rewording a claim's statement at a hedge level

_VERB_BASE = {
    "gives": "give",
    "causes": "cause",
    "reduces": "reduce",
    "reaches": "reach",
    "takes": "take",
    "lasts": "last",
    "produces": "produce",
    "depends": "depend",
    "carries": "carry",
    "suits": "suit",
    "needs": "need",
    "acts": "act",
    "affects": "affect",
    "relieves": "relieve",
    "keeps": "keep",
    "remains": "remain",
    "undergoes": "undergo",
    "avoids": "avoid",
    "fails": "fail",
    "improves": "improve",
    "increases": "increase",
}
_FINITE = compiled(
    r"\b(is|are|has|have|can|does not|do not|does|do|"
    + "|".join(_VERB_BASE)
    + r"|give|cause|reduce|reach|take|last|produce|act|relieve|improve|increase|remain)\b"
)


# A modal verb of the statement itself (the rewording's, not the sentence's hedge `_MAY`)
_MODAL_VERB = compiled(r" (?:may|might|could) (?!not\b)")


def _lower_first(statement: str) -> str:
    first = statement.split(" ", 1)[0]
    if first.isupper() or any(ch.isdigit() for ch in first) or "et al" in statement[:40]:
        return statement
    return statement[:1].lower() + statement[1:]


def reword(statement: str, level: int, certainty: str | None = None, status: str = "") -> str:
    """The claim's statement worded for a hedge level, after GRADE's informative statements."""
    body = statement.strip().rstrip(".")
    # "the lining, where it could be absorbed": that modal is the clause's, not the claim's
    already_may = _MODAL_VERB.search(_RELATIVE_MODAL.sub(" ", body))
    if level >= 3 and already_may:  # "whether X may cause" reads badly: "whether X can cause"
        body = _MODAL_VERB.sub(" can ", body, count=1)
    elif level == 2 and already_may:  # the statement is already worded for low certainty
        return body + "."
    if level >= 3:
        if status in ("contradicted", "refuted"):
            return f"The evidence contradicts the claim that {_lower_first(body)}."
        if certainty == "none" or certainty is None:
            return f"It is not known whether {_lower_first(body)}: no evidence supports it."
        return f"It is very uncertain whether {_lower_first(body)}."
    match = _FINITE.search(body)
    if level == 0 or match is None:
        prefix = {1: "Moderate-certainty evidence suggests that ", 2: "It is possible that "}
        return body + "." if level == 0 else f"{prefix[level]}{_lower_first(body)}."
    verb = match.group(1)
    base = _VERB_BASE.get(verb, verb)
    if level == 1:
        replacement = {
            "is": "is probably",
            "are": "are probably",
            "can": "can probably",
            "does not": "probably does not",
            "do not": "probably do not",
        }.get(verb, f"probably {verb}")
    else:
        replacement = {
            "is": "may be",
            "are": "may be",
            "has": "may have",
            "have": "may have",
            "can": "may",
            "does not": "may not",
            "do not": "may not",
            "does": "may",
            "do": "may",
        }.get(verb, f"may {base}")
    return f"{body[: match.start()]}{replacement}{body[match.end() :]}."
