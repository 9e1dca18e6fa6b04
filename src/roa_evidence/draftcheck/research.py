"""Writers' wordings of how much a route has been studied ("the best-studied way", "studied
less than any other route", "most research has used the drip"), read against "the most
researched route", as `wordings` rules; kept apart from `wordings` for size,
`wordings.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["RULES"]


def _studied_than(much: str, other: str) -> str:
    """'(has been) studied `much` than `other` ...' to the end of its clause."""
    return (
        r"\b(?:studied|researched|investigated|tested) (?:far |much |way |a lot |considerably )?"
        rf"{much}(?: often| thoroughly| extensively| widely)? than (?:{other})\b"
        r"[\w ]{0,40}?(?=[.,;:]|$)"
    )


# the drip, in the words these rules read it in (what a claim about IV is set against)
_THE_DRIP = r"(?:the )?(?:drips?|infusions?|iv\b|intravenous)"


def _research_than(much: str) -> str:
    """'has (attracted) `much` research (attention) (behind it) than'."""
    return (
        r"\b(?:has|have|had) (?:(?:got|attracted|received|drawn|had|seen) )?(?:far |much |way |"
        rf"a lot )?{much} (?:research|study|studies|scientific study|evidence)"
        r"(?: attention| interest)?(?: behind (?:it|them)| in [\w ]{1,20}?)? than\b"
    )


# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # studied less than every other route, or least, is not the most researched; more than
    # any other is
    (_research_than("less"), "has been studied less than"),
    # "the drip has been studied less than the spray": IV is not the most researched
    (
        rf"\b({_THE_DRIP}(?: route| one)?)(?:, [\w ]{{1,20}},)? (?:has|have) (?:actually |in fact |"
        r"really )?been studied (?:far |much )?less than\b[\w ]{0,40}?(?=[.,;:]|$)",
        r"\1 is not the most researched",
    ),
    (
        _studied_than("less", "(?:any|all|every)(?: of the)? other|the other"),
        "not the most researched",
    ),
    (_studied_than("more", "(?:any|all|every)(?: of the)? other"), "the most researched"),
    # "the least-studied way", "the one researchers have studied least"
    (
        r"\b(?:(?:least|worst)[- ](?:studied|researched|investigated)|(?:(?:have|has) )?"
        r"(?:studied|researched|investigated) (?:the )?least)\b",
        "not the most researched",
    ),
    # "the best-studied way of giving it", "the most thoroughly investigated route"
    (
        r"\b(?:best|most (?:thoroughly|widely|extensively|closely|heavily))[- ]studied\b",
        "most studied",
    ),
    (
        r"\b(?:best|most (?:thoroughly|widely|extensively|closely|heavily))[- ]"
        r"(?:researched|investigated|tested|evaluated)\b",
        "most researched",
    ),
    # "the most studied way to take ketamine": the most studied route
    (
        r"\bmost (studied|researched) (?:way|method|means|form)(?: (?:to take|of taking|to give|"
        r"of giving|to deliver|of delivering|to use|of using)(?: ketamine| it| the drug)?)?\b",
        r"most \1 route",
    ),
    # "studied no more thoroughly than any other route": not the most researched
    (
        r"\b(?:studied|researched|investigated|tested) no more(?: \w+)? than (?:any|every|all)"
        r"(?: of the)? other(?: routes?| ways?)?\b",
        "not the most researched",
    ),
    # "most research so far has used the injection rather than the drip"
    (
        r"\bmost (?:of the )?(?:research|studies|trials|published work)(?: so far| to date)? "
        r"(?:has|have) (?:used|focused on|looked at|tested|been (?:on|done (?:on|with)))\b",
        "the most researched route is",
    ),
    # "no route has been researched more thoroughly than the intravenous one": IV the most
    (
        r"\bno (?:other )?(?:route|way)(?: of giving ketamine)? has been (?:studied|researched|"
        rf"tested|investigated) (?:more|as)(?: \w+)? (?:than|as) {_THE_DRIP}(?: route| one)?",
        "the drip is the most researched route",
    ),
    # "the muscle route has been studied far more than the drip": it, not IV, the most
    (
        _studied_than("more", rf"{_THE_DRIP}(?: route| one)?"),
        "the most researched rather than the drip",
    ),
    # "the jab has way more research behind it than the drip", "has attracted more research
    # attention than the drip": it, not IV, the most
    (_research_than("more") + rf" (?={_THE_DRIP})", "is the most researched rather than "),
    # "studied (at least) as thoroughly as infusions": the drip is not the most researched
    (
        r"\b(?:studied|researched) (?:about |at least |just |every bit )?as (?:thoroughly|much|"
        rf"extensively|widely) as {_THE_DRIP}(?: infusions?| therapy| route)?\b",
        "studied; the drip is not the most researched route",
    ),
    # "more research has gone into the drip than into any other way", "the intravenous
    # literature is far larger than that for any other route": the most researched
    (
        r"\bmore (?:research|study|studies) (?:has|have) (?:gone into|been done on|been published "
        r"on) ([\w ]{1,30}?) than (?:into |on )?any other (?:way|route|method)(?: of [\w ]{1,30})?",
        r"\1 is the most researched route",
    ),
    (
        r"\b(?:the )?((?:intravenous|intramuscular|intranasal|nasal|oral|iv|im) )literature is"
        r"(?:,[^,]{0,40},)? (?:far |much )?(?:larger|bigger|more extensive) than (?:that )?"
        r"(?:for|on|of) any other (?:route|way|method)",
        r"the \1route is the most researched",
    ),
)
