"""Whether a sentence says the opposite of a claim: a negation or a comparison flipped.

Two signals, each compared between the sentence and the claim's statement:

- negation: the parity of "not", "no", "never", "without", "neither", "cannot",
  "fails to"... after phrases that only look negative have been set aside
  ("no evidence that" is a hedge, "do not differ" and "no difference" state an
  equivalence);
- comparison: each comparative ("faster", "less", "cheaper"...) belongs to a
  scale with a direction; a sentence reversing the direction on a scale the
  claim uses, or swapping which route is on which side of "than", is flipped.
  A claim of equivalence ("as effective as", "comparable", "no difference")
  is flipped by a sentence that puts one route above the other, and the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import antonyms, counts, denials, designs, framing, reversals
from .clauses import CLAUSE_SHARES, clause_shares, clauses, negates_what_other_says
from .firstchars import compiled
from .lexicon import canonical
from .negations import NEGATOR, NOT_NEGATIONS, negations
from .numberwords import NOT_A_MULTIPLE
from .reversals import CLAUSE_END
from .routes import RouteWords, active, routes_in_order

__all__ = ["DUMMY", "Polarity", "clauses", "has_than", "opposite", "polarity"]

_EQUIVALENCE = compiled(
    # "just as much dissociation and blood-pressure rise as with an IV" (not "rest as much on
    # cost as on evidence": a likeness of reasons)
    r"\b(?:as \w+(?: \w+)? as|"
    + NOT_A_MULTIPLE
    + r"(?<!not nearly )as (?:much|many|little|few) (?!on |in |about )(?:[\w-]+ ){2,5}?as\b|"
    r"comparabl[ey]|similar(?:ly)?|equivalent(?:ly)?|equally|"
    r"(?:little|hardly any|not much|negligible|barely any) differences?|"
    # ("the same trial", "the same authors" point back to a study: no likeness)
    r"the same(?! (?:(?!(?:in|across|at|on|for|with|to|as|by|from|of)\b)[\w-]+ )?"
    r"(?:trials?|stud(?:y|ies)|papers?|reviews?|teams?|authors?|"
    r"researchers|investigators|cohorts?|analys[ie]s|meta-analys[ie]s|articles?|documents?|"
    r"reports?|sources?|journals?|year)\b)|(?:do|does|did)(?: not|n't) (?:significantly )?differ|"
    r"no (?:better|worse) (?:or|nor|and) (?:no )?(?:better|worse)|"
    r"no (?:significant |meaningful |real |clear |notable |statistically significant )?"
    r"differences?|not (?:significantly )?different|indistinguishable|on a par|on par)\b",
    re.I,
)
# "it is often claimed", "as is often said": how often a thing is said, which ranks nothing
_OFTEN_SAID = compiled(
    r"\b(?:often|frequently|commonly) (?=(?:been )?(?:claimed|said|reported|quoted|repeated|"
    r"described|cited|heard|told|mentioned|suggested|argued|stated|assumed|believed)\b)",
    re.I,
)


def _without_how_often_said(text: str) -> str:
    lowered = text.lower()  # (the pattern is tried only where its adverbs are)
    if "often" in lowered or "frequently" in lowered or "commonly" in lowered:
        return _OFTEN_SAID.sub("", text)
    return text


_DIFFERENCE = compiled(r"\b(?:differ(?:s|ed)?|different|differences?)\b", re.I)
# "two different doses", "several different routes": which things, not a difference found
# ("a different effect" is one), nor a difference to learn about (`framing.TO_LEARN`)
_SOME_DIFFERENT = compiled(
    r"\b(?:two|three|four|five|several|many|various) different(?= [a-z])|" + framing.TO_LEARN, re.I
)

# Each scale's comparatives: those that go up it, then those that go down it.
_SCALES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "cost": (
        ("costs more", "cost more", "more expensive", "more costly", "costlier"),
        ("costs less", "cost less", "less expensive", "cheaper"),
    ),
    "ease": (
        ("more convenient", "simpler", "easier"),
        ("less convenient", "more difficult", "harder", "more complex", "more complicated"),
    ),
    "risk": (("more dangerous", "riskier", "more risky", "less safe"), ("safer",)),
    "tolerability": (("more tolerable",), ("less tolerable",)),
    "effect": (
        ("more effective", "better", "superior", "deeper"),
        ("less effective", "worse", "inferior", "shallower"),
    ),
    "speed": (
        ("faster", "quicker", "more rapid", "more rapidly", "more quickly"),
        ("slower", "more slowly", "less rapid"),
    ),
    "length": (("longer", "longer-lasting"), ("shorter",)),
    "amount": (
        (
            "more",
            "greater",
            "higher",
            "larger",
            "bigger",
            "increased",
            "common",
            "more common",
            "frequent",
            "more frequent",
            "often",
        ),
        (
            "less",
            "fewer",
            "lower",
            "smaller",
            "reduced",
            "minimal",
            "rare",
            "rarely",
            "uncommon",
            "less common",
            "infrequent",
            "less frequent",
            "seldom",
        ),
    ),
}
# comparative -> (scale, direction)
_COMPARATIVES = {
    word: (scale, direction)
    for scale, (rising, falling) in _SCALES.items()
    for direction, words in ((1, rising), (-1, falling))
    for word in words
}
_COMPARATIVE = compiled(
    # "(n)o longer", "any longer": not any more, no length ("no longer than" is one)
    r"\b(?!(?<=\bno )longer\b(?!\s+than))(?!(?<=\bany )longer\b(?!\s+than))(?:"
    + "|".join(re.escape(c) for c in sorted(_COMPARATIVES, key=len, reverse=True))
    + r")\b",
    re.I,
)
# ("IM over IV", not a span of time: "over the day", "over 40 minutes", "over several hours")
_THAN = compiled(
    r"\b(?:than|compared (?:with|to)|versus|vs\.?|relative to|over(?!\s+(?:\d|(?:the|a|an|"
    r"several|many|some|a few|two|three|four|five|six|ten|twenty|thirty|forty|sixty)\s+"
    r"(?:(?:whole|full|entire|next|following|last|first) )?(?:day|night|morning|evening|"
    r"afternoon|week(?:end)?|fortnight|month|year|course|period|hour|minute|second)s?\b)))\b",
    re.I,
)


_THEN_THAN = compiled(r"\s+than\b", re.I)
# "more than a drip does", "more than with IV": a route right after "than" is compared with
_THAN_ROUTE_WITHIN = 16


def _bound(text: str, match: re.Match[str]) -> bool:
    """Whether "more" is a bound ("more than 40 %"), not a ranking ("more than a drip")."""
    than = _THEN_THAN.match(text, match.end()) if match.group(0).lower() == "more" else None
    if than is None:
        return False
    following = text[than.end() : than.end() + _THAN_ROUTE_WITHIN + 24]
    return not any(start <= _THAN_ROUTE_WITHIN for start, *_ in routes_in_order(following))


@dataclass(frozen=True)
class Polarity:
    """What a text asserts, reduced to what flips it."""

    negated: bool
    equivalence: bool
    difference: bool  # asserts the routes differ, with no direction
    directions: dict[str, int]  # scale -> +1 / -1, oriented by the routes compared
    routes: tuple[str, ...]  # routes in order of mention, for orientation
    # scale -> the route ranked, where no route follows "than" ("the drip is the gentler of
    # the two"): its direction is oriented as if against a route named after it
    ranked_alone: dict[str, str] = field(default_factory=dict)


def _orientation(ranked: str, against: str) -> int:
    """+1 or -1 as `ranked` sorts before or after `against`: directions are kept in one order
    of the two routes, so "IV is faster than IM" and "IM is slower than IV" read alike."""
    return 1 if ranked < against else -1


def _ordered_routes(text: str) -> list[str]:
    return list(dict.fromkeys(route for *_, route in routes_in_order(text)))


def polarity(text: str) -> Polarity:
    """The negation, equivalence and comparison directions a sentence or statement asserts."""
    return _polarity(text, active())


# "the most common route" ranks routes by use; it says nothing of how often an effect is.
_MOST_COMMON = compiled(r"\bmost (?:common|frequent)(?:ly)?\b", re.I)
# ", not faster." at the end: a contrast set against the clause, not its negation.
_TRAILING_CONTRAST = compiled(r",\s*(?:but |and )?not (?:[\w-]+\s*){1,3}[.!]?\s*$", re.I)


def _clause_around(text: str, match: re.Match[str]) -> str:
    """The clause of `text` holding `match` (`CLAUSE_END` bounds it)."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, match.start())), default=0)
    end = CLAUSE_END.search(text, match.end())
    return text[start : end.start() if end else len(text)]


def _comparative_clause(text: str, scales: Iterable[str]) -> str | None:
    """The clause holding the first comparative on one of `scales`, or None."""
    wanted = set(scales)
    for match in _COMPARATIVE.finditer(text):
        if _COMPARATIVES[match.group(0).lower()][0] in wanted and not _bound(text, match):
            return _clause_around(text, match)
    return None


def _ranking_clause(text: str) -> str:
    """The clause holding the first comparative ranking two things ("simpler ... than")."""
    for match in _COMPARATIVE.finditer(text):
        if not _bound(text, match) and _THAN.search(text, match.end()):
            return _clause_around(text, match)
    return text


# ", so don't try it at home." at the end: advice to the reader, not part of the finding
# (", so there is nothing to watch for": reassurance, whose "nothing" is no negation);
# ", though nobody has checked it.": a concession that qualifies the finding, not flips it
# (unless it compares: ", although IV acts faster than IM" may be the finding itself). The
# aside holds no comma of its own, so each comma is scanned once (linear on any input).
_TRAILING_ASIDE = compiled(
    r"[,;]\s*(?:(?:so|and so|therefore)\s+(?:do not|don't|never|please|always|be sure|"
    r"make sure|try|talk|ask|check|there(?:'s| is) (?:nothing|no need) to|no need to)|"
    r"(?:even )?(?:though|although)(?![^.!?,;]*\bthan\b)|even if)"
    r"\b[^.!?,;]*[.!?]?\s*$",
    re.I,
)


# "... while the swallowed remainder does not": a contrast about something else, whose
# negation stands for the clause before it, not against it ("..., but it does not" denies
# the clause itself: a pronoun is the same subject). Bounded, so linear on any input.
_ELLIPTIC_CONTRAST = compiled(
    r"\b(?:while|whereas|but)\s+(?!(?:it|they|this|that|these|those|he|she)\b)"
    r"[^,;.]{0,120}?\b(?:does|do|did|is|are|was|were|has|have|can|could|will|would)"
    r"(?: not|n't)(?=\s*(?:[,;.!?]|$))",
    re.I,
)


# "No, a shot still passes through the liver": "No," answers a question, denying its premise,
# not what the answer goes on to say (an "A:" before it is a label `judging` has taken off).
_ANSWERING_NO = compiled(
    r"^\W*(?:no|nope)\s*[,;:!\u2013\u2014](?!\s*(?:or|and|nor)\b)\s*", re.I
)  # not "No, or very little, first-pass metabolism occurs"


# "(not the esketamine version)": an aside in brackets qualifies a word, it does not negate
# the sentence. A citation in brackets holds no negation either.
_PARENTHETICAL = compiled(r"\([^()]{0,80}\)")


@lru_cache(maxsize=65536)
def _polarity(text: str, lay: RouteWords) -> Polarity:  # lay: a key of the cache
    cleaned = _ANSWERING_NO.sub("", _PARENTHETICAL.sub(" ", canonical(text)))
    cleaned = _TRAILING_CONTRAST.sub(".", _MOST_COMMON.sub(" ", cleaned))
    cleaned = _TRAILING_ASIDE.sub(".", cleaned)
    cleaned = _ELLIPTIC_CONTRAST.sub(" ", cleaned)
    cleaned = NOT_NEGATIONS.sub(" ", _without_how_often_said(cleaned))
    equivalence = bool(_EQUIVALENCE.search(cleaned))
    cleaned = _EQUIVALENCE.sub(" EQUIV ", cleaned)
    difference = bool(_DIFFERENCE.search(cleaned)) and bool(
        _DIFFERENCE.search(_SOME_DIFFERENT.sub(" ", cleaned))
    )
    negated = bool(NEGATOR.search(cleaned)) and negations(_ranking_clause(cleaned)) % 2 == 1
    directions: dict[str, int] = {}
    ranked_alone: dict[str, str] = {}
    for match in _COMPARATIVE.finditer(cleaned):
        scale, sign = _COMPARATIVES[match.group(0).lower()]
        if scale in directions:
            continue  # each scale's first comparison counts (and a long text stays linear)
        if _bound(cleaned, match):
            continue  # "more than 40 %": a bound, not a comparison of routes
        than = _THAN.search(cleaned, match.end())
        before = _ordered_routes(cleaned[: match.start()])
        after = _ordered_routes(cleaned[than.end() :]) if than else []
        if than and not after and len(set(before)) > 1:
            continue  # "drips and shots matter less than whether anything works": not a ranking
        # the comparison's subject is the route named nearest before it ("nurses prefer the
        # shot, although IV acts faster than IM" ranks IV)
        subject = routes_in_order(cleaned[: match.start()])[-1][2] if before else ""
        if subject and after and subject != after[0]:
            orientation = _orientation(subject, after[0])
        else:
            orientation = 1
            if subject and not after and len(set(before)) == 1:
                ranked_alone[scale] = subject
        directions.setdefault(scale, sign * orientation)
    routes = tuple(_ordered_routes(cleaned))
    return Polarity(negated, equivalence, difference, directions, routes, ranked_alone)


_SAID_COUNT = {"one": "one", "many": "several", "none": "no"}
_ADDS_A_NEGATION = "the sentence adds a negation"
_DROPS_A_NEGATION = "the sentence drops a negation"


def by_negation(reason: str | None) -> bool:
    """Whether `opposite` found the flip by counting negations alone."""
    return reason in (_ADDS_A_NEGATION, _DROPS_A_NEGATION)


def adds_a_negation(reason: str | None) -> bool:
    """Whether `opposite` found the sentence denying the statement: a negation it adds, or
    another route doing what the statement says only one does."""
    return reason in (_ADDS_A_NEGATION, reversals.ANOTHER_ROUTE_TOO)


def opposite(sentence: str, statement: str) -> str | None:
    """Why the sentence asserts the opposite of the statement, or None when it does not."""
    if framing.OPEN_QUESTION.search(sentence):
        return None
    # A design is read as such ("open-label" says "not double-blind" with no "not"): where
    # both say the same of it, the rest of each is read without it; where they differ, that
    # is the reversal, unless a negation says so first ("drops a negation"). A design the
    # claim says nothing of is another fact about the study ("only 18 got the shot, and it
    # wasn't blinded"): its "not" is not the claim's (a placebo as such may be a comparator:
    # "no better than placebo").
    said_design, claimed_design = designs.read(sentence), designs.read(statement)
    reversed_design = designs.reversed_design(said_design, claimed_design)
    if designs.agrees(said_design, claimed_design):
        sentence, statement = said_design.rest, claimed_design.rest
    elif not claimed_design.terms and any(False in says for says in said_design.says.values()):
        sentence = said_design.rest
    return _reversed(sentence, statement) or reversed_design


def _reversed(sentence: str, statement: str) -> str | None:
    claimed = polarity(statement)
    if claimed.negated and reversals.RATHER_THAN.search(sentence):
        sentence = reversals.rather_than_as_not(sentence)
    said = polarity(sentence)
    negated = said.negated
    # a ranking has its own clause; a sentence ranking nothing is read in the clause that
    # says what the claim says ("IM is simpler to give, since no cannula stays in"), and one
    # ranking without "than" in its comparative's clause ("IM, which is simpler to give
    # because no line stays in": a negation in its reason is the reason's)
    if not claimed.directions or not has_than(sentence):
        scales = claimed.directions.keys()
        ranking = _comparative_clause(canonical(sentence), scales) if scales else None
        clause = ranking or _claim_clause(sentence, statement)
        # "X, but that is simply not true": the clause saying X, denied just after it
        negated = polarity(clause).negated != denials.denied_after(sentence, clause)
    negated = _each_clause_says(sentence, statement, negated)
    if negated != claimed.negated and _compared_with_a_dummy(sentence, statement):
        negated = claimed.negated
    if reversals.receptor_reversed(sentence, statement):
        return "the sentence says it stimulates the receptors the claim says it blocks"
    if not claimed.negated and not negated and reversals.set_aside(sentence, statement):
        return "the sentence sets the claim aside ('rather than ...')"
    if negated != claimed.negated and (
        negates_what_other_says(sentence, statement)
        if negated
        else negates_what_other_says(statement, sentence)
    ):
        return _ADDS_A_NEGATION if negated else _DROPS_A_NEGATION
    # (a comparison says its contrary of one of the routes it ranks: read as a ranking)
    contrary = (
        None if has_than(sentence) else antonyms.contrary(sentence, statement, claimed.routes)
    )
    if contrary:
        claim_word, said_word = contrary
        return f"the sentence says the contrary ('{said_word}' against the claim's '{claim_word}')"
    if given := reversals.given_away(sentence, statement, claimed.routes):
        return given
    # "the spray may beat placebo": a ranking against a dummy, not against another route
    against_a_dummy = len(said.routes) < 2 and bool(DUMMY.search(sentence))
    for scale, direction in () if against_a_dummy else said.directions.items():
        ranked = said.ranked_alone.get(scale)
        others = [r for r in claimed.routes if r != ranked]
        if ranked in claimed.routes and len(others) == 1 and _orientation(ranked, others[0]) < 0:
            direction = -direction  # "IV is the gentler" against "IV ... than IM": as ordered
        if claimed.directions.get(scale, direction) != direction:
            return f"the sentence reverses the comparison ({scale})"
    claimed_counts = counts.counted(statement)
    for thing, count in counts.counted(sentence).items() if claimed_counts else ():
        if claimed_counts.get(thing, count) != count:
            in_sentence, in_claim = (_SAID_COUNT[c] for c in (count, claimed_counts[thing]))
            return f"the claim says {in_claim} {thing}, the sentence {in_sentence}"
    if claimed.equivalence and not said.equivalence and said.difference:
        return "the claim finds no difference, the sentence says there is one"
    if said.equivalence and not claimed.equivalence and claimed.difference:
        return "the claim finds a difference, the sentence says there is none"
    if claimed.equivalence and not said.equivalence and _directional(said, canonical(sentence)):
        return "the claim finds no difference between the routes, the sentence ranks them"
    if said.equivalence and not claimed.equivalence and _directional(claimed, canonical(statement)):
        return "the claim ranks the routes, the sentence says they are alike"
    return None


def _claim_clause(sentence: str, statement: str) -> str:
    """The clause of the sentence that says what the claim says: a negation in another
    clause ("X is not covered, because the body absorbs only 45 %") is about something
    else. The whole sentence when no clause shares clearly more of the claim's words."""
    shares = sorted(clause_shares(sentence, statement), key=lambda s: s[0], reverse=True)
    if shares and shares[0][0] >= CLAUSE_SHARES and shares[0][0] > shares[1][0]:
        return shares[0][1]
    return sentence


def _each_clause_says(sentence: str, statement: str, negated: bool) -> bool:
    """The sentence's negation, when two or more of its clauses speak of the claim and each,
    read alone, says it the same way: "it reaches the brain without passing the liver, so it
    avoids first-pass metabolism" says one negation twice, not a double negation. Else
    `negated`."""
    about = [
        polarity(c).negated for n, c in clause_shares(sentence, statement) if n >= CLAUSE_SHARES
    ]
    return about[0] if len(about) >= 2 and len(set(about)) == 1 else negated


DUMMY = compiled(r"\b(?:saline|placebo|dummy|sugar pill|salt[- ]water|sham)\b", re.I)
_COMPARED = compiled(r"\b(?:compar\w*|head to head|versus|against)\b", re.I)


def _compared_with_a_dummy(sentence: str, statement: str) -> bool:
    """ "The trial set the spray directly against saline" compares it with a dummy, which
    says nothing against "the trial did not compare IN with IV": it names one of the two."""
    claimed = set(_ordered_routes(statement))
    return (
        bool(_COMPARED.search(statement))
        and len(claimed) >= 2
        and len(claimed & set(_ordered_routes(_TRAILING_CONTRAST.sub(".", sentence)))) < 2
        and bool(DUMMY.search(sentence))
    )


def has_than(text: str) -> bool:
    """Whether the text compares with something ("than", "compared with", "versus"), in
    writers' words too ("beats", "outperformed": "is better than")."""
    return bool(_THAN.search(text) or _THAN.search(canonical(text)))


# "the safer choice", "the cheaper option": ranked against the other route the sentence names
_THE_BETTER_CHOICE = compiled(r"\bthe [a-z]+er (?:choice|option|route|bet|pick)\b", re.I)


def _directional(found: Polarity, text: str) -> bool:
    if not found.directions or len(found.routes) < 2:
        return False
    # "a trial that put drips and shots head to head found the shot worked better": the two
    # compared, so "better" is than the other
    return has_than(text) or bool(_THE_BETTER_CHOICE.search(text) or _COMPARED.search(text))
