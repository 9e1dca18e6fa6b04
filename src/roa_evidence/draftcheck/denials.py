"""Writers' ways of denying what a claim says without a plain "not" on its verb ("has
nothing to do with NMDA receptors", "has no effect on depression") or by calling it wrong
("the view that X is incorrect": `CLAIM_DENIED`), as `wordings` rules; kept apart from
`wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

import re

from .firstchars import compiled

__all__ = ["CLAIM_DENIED", "RULES", "denied_after"]

# someone's claim, and what says it is wrong
_A_CLAIM = (
    r"(?:view|claim|idea|notion|belief|suggestion|assertion|line|contention|argument|premise|"
    r"statement|assumption)"
)
_IS_WRONG = (
    r"(?:(?:is|was) (?:therefore |thus |simply |plainly |just |also )?(?:incorrect|wrong|false|"
    r"mistaken|untrue|a myth|unsupported)|rates? false|(?:is )?(?:hard|difficult) to sustain|"
    # ("does not hold" negates already)
    r"(?:simply )?collapses|falls apart|overstates it|is (?:now )?out of date|is outdated|"
    # "'only an infusion lets you control the rate' has to go, because..."
    r"(?:has to|must|should) go(?=\s*(?:[,.;:\u2014-]|$|because\b|since\b))|can(?:not|'t) stand)"
)
# "..., which is incorrect", "but that is simply not true": what was just said, called wrong
# ("but it is out of date" may be said of a study, not of what was claimed)
_THAT_IS_WRONG = (
    r"(?:(?:which|but that|and that|but this|and this|but it|(?<=; )(?:that|it|this))"
    r"(?:'s| is| was) "
    r"(?:simply |plainly |just |quite |absolutely )?(?:incorrect|wrong|false|untrue|not true|"
    r"not correct|"
    r"inaccurate|a myth|not the case|nonsense)|(?:which|but that|and that)(?:'s| is) (?:now )?"
    r"(?:out of date|outdated))"
)
# A claim said to be wrong is denied ("is incorrect" itself negates nothing): in one clause
# with it (not "..., and the old chart was wrong"), or said of it just after.
CLAIM_DENIED: tuple[tuple[str, str], ...] = (
    # "it is a myth that X", "it's not the case that X", "it would be wrong to say that X",
    # "it is inaccurate to state X", "nor is it the case that X"
    (
        r"(?:(?:it is|it's|it would(?: therefore| thus)* be|it'd be)"
        r"(?: therefore| thus| simply| just| also| plainly)*"
        # ("it is not true, though, that X")
        r" (?:(?:a myth|false|untrue|not true|not the case)(?:, (?:though|however|then),)? that|"
        r"(?:wrong|inaccurate|incorrect|"
        r"mistaken|misleading) to (?:say|claim|state|suggest|assert)(?: that)?)|"
        r"\b(?:nor|neither) is it (?:the case|true) that)",
        " not ",
    ),
    # "contrary to statements that X, a trial gave...": X denied (not "contrary to popular
    # belief, X", which frames X: `wordings`)
    (
        r"\bcontrary to (?:the |some |many |earlier |frequent |repeated )?(?:[\w-]+ )?"
        r"(?:statements?|claims?|reports?|assertions?|suggestions?) that\b",
        " not ",
    ),
    # "the Committee disagrees that X", "she denied that X" (not "no one denies that X", nor
    # "I do not dispute that X": two negations)
    (
        r"(?<!\bnot )(?<!n't )(?<!\bnever )(?<!\bno one )(?<!\bnobody )(?<!\bcannot )"
        r"(?<!\bwould )(?<!\bto )(?<!\bthe )(?<!\bwho )(?<!\bwhich )(?<!\bcould )"
        r"(?<!\bhardly anyone )(?<!\bfew )"
        r"\b(?:(?:also |strongly |firmly )?(?:disagrees?|disagreed|disputes?|disputed|denies|"
        r"denied|rejects?|rejected)) that\b"
        # (what is denied runs to the sentence's end or a colon: not "Although X disagreed that
        # Y, Z", "Dr S, who disagreed that Y, now agrees")
        r"(?=[^,;]*(?:[:.!?]|$))",
        " not ",
    ),
    # "Distractor B, that X, ignores...": a multiple-choice question's wrong option
    (r"\bdistractor (?:[A-E]|\d)\b,? (?:that|which says|stating)\b", " not "),
    # "the view that X is incorrect", "its second claim, that X, rates False", "the line that
    # X simply collapses", "makes the site's line that X hard to sustain"
    (
        rf"\b{_A_CLAIM},? that\b(?="
        r"(?:(?!\b(?:and|but|although|though|while|whereas|because|since)\b)[^.;:]){0,300}?"
        rf",?\s*\b{_IS_WRONG}\b)",
        " not ",
    ),
    # "'there is only one nasal study' is out of date": a claim quoted, then called wrong
    (
        r"(?<![\w'])['\"\u2018\u201c](?=[^.;:]{10,300}?['\"\u2019\u201d],?\s*"
        rf"\b{_IS_WRONG}\b)",
        " it is not true that ",  # (" not only one study" would read as "not only")
    ),
    # "..., which is incorrect", "..., but that overstates it"
    (rf",? (?:{_THAT_IS_WRONG}|(?:which|but that|and that) overstates it)\b", " not so"),
    # "people say X, but a small trial did...", "advocates like to say X, but infusions under
    # the skin have been adjusted for days": what others say, answered with evidence
    # ("people assume X, but an infusion under the skin can be slowed", "it has been claimed
    # that X, but pumps have been run", "it also claims X, yet the trial found the reverse")
    (
        r"\b(?:(?:people|some|many|others|advocates|proponents|clinics|supporters|fans|critics|"
        r"sceptics|skeptics|counsel|(?:the |their |a )?(?:[\w'-]+ )?(?:authors?|leaflet|website|"
        r"site|brochure|article|commentary|document|file))(?: [\w-]+){0,2} "
        r"(?:like to |love to |often |still |sometimes |will |also |may |might |would )?"
        r"(?:say|says|claims?|argues?|argued|insist|tell you|state|states|stated|asserts?|"
        r"asserted|assume|assumes)|\bit (?:also |often )?(?:claims|says|asserts)|it (?:has "
        r"(?:also |often )?been |is (?:often |sometimes |also )?)(?:claimed|said|argued|asserted|"
        r"suggested))(?: that)?\b"
        r"(?=[^.;]{5,200}?(?:,\s*(?:but|yet)|;\s*however,?)\b"
        r"[^.;]{0,80}?\b(?:(?:trials?|stud(?:y|ies)|research)(?: [\w-]+){0,5} (?:did|does|found|"
        r"shows?|showed|gave|has|have|provides?|provided|titrated|reported)|(?:have|has) (?:been|"
        r"run|given|used|titrated|adjusted|tested|delivered)|"
        r"(?:were|was) (?:[\w-]+ )?(?:run|given|"
        r"used|titrated|adjusted|tested|delivered)|can be (?:[\w-]+ )?(?:slowed|stopped|adjusted|"
        r"controlled|run))\b)",
        " it is not true that ",  # (" not only a drip" would read as "not only")
    ),
    # "a later trial undercuts the claim that X", "which refutes the idea that X"
    # (not "to refute the claim that X, we would need...": a purpose, nothing denied)
    (
        r"(?<!to )\b(?:undercut(?:s|ting)?|undermin(?:es?|ed|ing)|refut(?:es?|ed|ing)|"
        r"rebut(?:s|ted|ting)?|disprov(?:es?|ed|ing)|contradict(?:s|ed|ing)?|debunk(?:s|ed|ing)?|"
        rf"belie[sd]?) (?:the |this |that |any |a )?(?:[\w'-]+ ){{0,2}}{_A_CLAIM} that\b",
        " not ",
    ),
    # "where I part company with them is over the idea that X", "we take issue with the claim
    # that X" ("I do not dispute the claim that X" denies nothing: two negations)
    (
        r"\b(?:I|we|let me|let us)(?:'d| would| must| also| will)* (?:part company with|"
        r"take issue with|"
        r"disagree with|reject|dispute|push back (?:gently |firmly )?on)\b[^.;:]{0,80}?"
        rf"\b{_A_CLAIM} that\b",
        " not ",
    ),
)

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "has nothing to do with NMDA receptors": it does not act on them
    (
        r"\b(?:has|have|had) (?:absolutely )?nothing to do with (?:the )?(?:brain's )?"
        r"(?=[\w-]+ receptors?\b)",
        "does not act on ",
    ),
    # "has no effect on depression": not effective for it
    (
        r"\b(?:has|have|had) (?:no|little) (?:real |measurable |meaningful |noticeable )?"
        r"effect on\b",
        "is not effective for",
    ),
    # "well above minimal", "not as rare as some websites claim": more often than the claim's
    # word allows (both words, so that either claim's wording finds it; that "rare" denies
    # "minimal" is the scale `antonyms` puts them on)
    (r"\b(?:(?:well|far|way|much) above|more than) minimal\b", "not minimal"),
    (
        r"\bnot (?:as|so|that|very) (?:rare|uncommon|infrequent|unusual)\b(?: as (?:[\w'-]+ ){1,6}?"
        r"(?:claims?|suggests?|says?|said|implies|imply|would have it|make out)\b)?",
        "not minimal or rare",
    ),
)


# ...ending its clause: not "..., but that is not true with a slow infusion"
_DENIED_AFTER = compiled(rf"^\W*{_THAT_IS_WRONG}\s*(?:[.,;:!?)\u2013\u2014-]|$)", re.I)


def denied_after(sentence: str, clause: str) -> bool:
    """Whether what follows `clause` in `sentence` denies it ("..., but that is not true"):
    a clause read alone for its negation carries the denial after it."""
    at = sentence.find(clause)
    return (
        at >= 0 and clause != sentence and bool(_DENIED_AFTER.match(sentence[at + len(clause) :]))
    )
