"""Writers' wordings of stopping, adjusting and controlling a dose ("can still pause it",
"dial the dose back", "there is no pulling it back", "how fast the drug goes in"), as
`wordings` rules; kept apart from `wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["RULES"]

# "... dial the dose down at the next visit": the next dose is another, not this one adjusted
_NOT_THE_NEXT_DOSE = r"(?![^.;]{0,30}\bnext (?:visit|time|session|dose)\b)"

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "nothing can slow it down or undo it", "nothing can be done to slow or stop it"
    (
        r"\b(?:nothing|no one|nobody) can (?:be done to )?(?:slow|stop|undo|reverse|pause|halt)"
        r"(?:(?: it| things)(?: down)?(?: (?:or|and) (?:slow|stop|undo|reverse|take|pause|halt)"
        r"(?: it| things)?(?: down| back)?)?|(?: down)? (?:or|and) (?:slow|stop|undo|reverse|"
        r"take|pause|halt) it(?: down| back)?)(?= once|\s*[.,;]|$)",
        "it cannot be stopped or adjusted",
    ),
    # "there is no slowing it down", "no taking it back", "no dialling it back", "no pausing
    # it" once a dose is in: it cannot be stopped or adjusted, in the claim's words
    (
        r"\b(?:there is |there's )?no (?:slowing (?:it|things|the dose) down(?: or (?:undoing|"
        r"taking) it(?: back)?)?|undoing it|taking it back(?: out)?|calling it back|"
        r"dial(?:l)?ing (?:it|the dose) back|pausing it)\b",
        "it cannot be stopped or adjusted",
    ),
    # "control how quickly the drug goes in", "set the pace of delivery": its rate of delivery
    (
        r"\bhow (?:quickly|fast|rapidly|slowly) (?:the drug|(?:the )?ketamine|it|the dose|"
        r"the medicine) "
        r"(?:goes in|gets in|is delivered|is given|enters|flows in|runs in|arrives)\b",
        "the rate of delivery",
    ),
    # "some magic delivery speed": the rate of delivery
    (r"\b(?:delivery|infusion|dosing) (?:speed|pace)\b", "rate of delivery"),
    (
        r"\b(?:the )?(?:speed|pace|rate) (?:at which (?:the drug|ketamine|it|the dose) "
        r"(?:goes in|is delivered|is given|enters(?: your (?:body|system|blood|vein))?)|"
        r"of (?:delivery|infusion|administration))\b",
        "the rate of delivery",
    ),
    # "the team can still pause it or dial the dose back", "you can slow it down or stop it":
    # it can be stopped or adjusted
    (
        r"\b(?:can|could) (?:still |always |easily |also )?"
        r"(?:slow (?:it|the dose|things) down (?:or|and) )?(?:stop|pause|halt|interrupt) "
        r"(?:it|the (?:dose|drug|infusion|drip|treatment|spray|session))\b",
        "can be stopped",
    ),
    # "it can still be slowed or pulled back": stopped or adjusted; "cannot be slowed or
    # stopped": not (a pair: "the drip can be paused" alone is the shut-off claim's, and
    # "can be slowed" alone adjusts its rate)
    (
        r"\b(can|could|cannot|can't|can not) (?:still |always |easily |also )?be (?:slowed|"
        r"paused|stopped|halted)(?: down)? (?:or|and) (?:pulled back|taken back|"
        r"slowed(?: down)?|stopped|paused|halted|reversed|undone)\b",
        r"\1 be stopped or adjusted",
    ),
    # "can still be adjusted or withdrawn after injection": stopped
    (
        r"(?<!to an )(?<!to a )(?<!to the )(?<!to )"
        r"\b((?:dose|drug|shot|jab|injection|spray|it)(?: [\w-]+){0,3}?) (?:can|could) (?:still "
        r"|always |easily |also )?be (?:(?:adjusted|reduced) (?:or|and) )?(?:withdrawn|reversed|"
        r"undone|called off)\b",
        r"\1 can be stopped",  # (a dose's, not "consent can be withdrawn")
    ),
    # "they can dial the dose down": adjust it
    (
        r"\b(can|could|will|may) (?:still |always |easily |also )?(?:dial|turn|scale) "
        r"(?:the (?:dose|rate|infusion|drip) |it )(?:back|down)\b" + _NOT_THE_NEXT_DOSE,
        r"\1 adjust the dose",
    ),
    (
        r"\b(can|could|may) (?:easily |still )?be (?:turned|dialled|dialed|scaled) (?:back|down)\b"
        + _NOT_THE_NEXT_DOSE,
        r"\1 be adjusted",
    ),
    (
        r"\b(?:dial|dials|dialled|dialed|turn|turns|turned|scale|scales|scaled) "
        r"(?:the (?:dose|rate|infusion|drip) |it )(?:back|down)\b" + _NOT_THE_NEXT_DOSE,
        "adjusted",
    ),
    # "even after the shot is in", "after it's been given": once given ("once it's in" is read
    # already)
    (
        r"\b(?:even )?after (?:the (?:shot|jab|injection|dose|spray)|it)(?: is|'s| has "
        r"gone| has been|'s been| was)? (?:in|given|injected|sprayed|administered)\b",
        "once given",
    ),
    # "there is no pulling it back", "it can't be taken back", "no stopping it once it's in",
    # "nobody can slow it down or switch it off": it cannot be stopped
    (
        r"\b(?:there is |there's )?no (?:(?:pulling|taking|calling) "
        r"(?:it|the (?:dose|shot|jab|injection|spray)) back|stopping it(?= once|\s*[.,;]|$))|"
        r"\b(?:can't|cannot|can not) be (?:taken|pulled|called) back\b|"
        r"\b(?:nobody|no one) can (?:slow it down|switch it off|stop it|turn it off|"
        r"take it back)\b|"
        # "there is no way to slow things down once it is in", "no stopping or adjusting it"
        # ("stop it working" whole: "stopped working" alone is an effect that faded)
        r"\bno way to (?:slow (?:it|things) down|stop it(?: from)?(?: working)?|stop the dose|"
        r"adjust it|take it back)\b|"
        r"\bno stopping or (?:adjusting|slowing) it\b|"
        # "there's no undoing a jab", "you can't switch off a shot" (switching off a drip is
        # the shut-off claim's: "no switching it off" says nothing of which)
        r"\bno (?:undoing|reversing) (?:it|that|a|the)\b|"
        r"\b(?:can't|cannot|can not) (?:switch|turn) off (?:a|the|your) (?:shot|jab|spray|"
        r"injection|tablet|pill)\b",
        "cannot be stopped",
    ),
    # "goes in at a steady, controlled rate", "is absorbed at a predictable pace": the rate
    # at which it reaches the brain, in the claims' words
    (
        r"\b(?:goes in|gets in|(?:is|gets) (?:absorbed|taken up)(?: (?:from|through|via) (?:the "
        r")?[\w-]+)?|enters (?:the |your )?(?:blood|body|system|bloodstream)) at an? "
        r"((?:[\w-]+,? (?:and |or )?){1,3})(?:rate|pace|speed)\b",
        r"reaches the brain at a \1rate",
    ),
    # "is fairly consistent from patient to patient", "at much the same pace every time": the
    # rate at which it reaches the brain, steady or not
    (
        # (said of delivery or absorption: not "the dose is consistent from patient to patient")
        r"\b((?:delivery|absorption|uptake)\b[^.;]{0,30}?) (?:is|are) ((?:fairly |very |highly |"
        r"quite |remarkably )?(?:steady and )?(?:consistent|steady|predictable|reliable|variable|"
        r"unpredictable)) from (?:one )?(?:patient|person) to (?:the next|another|patient|"
        r"person)\b",
        r"\1 reaches the brain at a \2 rate",
    ),
    (
        r"\bat (?:much |roughly |about )?the same (?:pace|rate|speed) every time\b",
        "at a steady rate",
    ),
    # "how fast a sprayed dose reaches the brain is much the same from one person to the next"
    (
        r"\bhow (?:fast|quickly) ((?:a |the )?(?:[\w-]+ )?(?:dose|drug|ketamine|it) reaches the "
        r"brain) (?:is|was) (?:much |roughly |about |pretty much )?the same from (?:one )?"
        r"(?:person|patient) to (?:the next|another)\b",
        r"\1 at a steady rate",
    ),
    # "reaches the brain at a rate nobody can control": an uncontrolled rate
    (
        r"\ba (?:rate|speed|pace) (?:that )?(?:(?:nobody|no one) can control|"
        r"(?:cannot|can't|can not) be controlled)\b",
        "an uncontrolled rate",
    ),
    # "an infusion is the only route whose speed can be dialled up or down": controlled
    (r"\b(?:dialled|dialed|turned|adjusted|sped) up (?:or|and) (?:down|slowed)\b", "controlled"),
    (
        r"\b(control|adjust|change|whose) (?:the )?(?:speed|pace)\b"
        r"(?! of (?!(?:the )?(?:drug|dose|infusion|delivery|ketamine)\b))",
        r"\1 the rate of delivery",
    ),
)
