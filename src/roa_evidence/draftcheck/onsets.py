"""Writers' wordings of when a dose starts to act and how it peaks ("kicks in", "comes on
within ten minutes", "hits harder", "builds up more slowly") and how steadily it gets there
("at a steady, predictable rate"), as `wordings` rules; kept apart from `wordings` for size,
`wordings.RULES` holds them in place."""

from __future__ import annotations

from .subjects import A_DOSE

__all__ = ["RATE_RULES", "RULES"]

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # a dose that "acts more slowly" or "acts sooner" than another: its onset, ranked
    (
        r"\b(?:acts|act|acted|acting)(?= (?:more |much |far |even |a lot )?(?:slowly|quickly|"
        r"faster|slower|sooner|later|rapidly|more quickly|more slowly)\b(?! on\b))",
        "has onset",
    ),
    # ...and one that "acts within two minutes" has its onset then
    (
        r"\b(?:acts|act|acted|acting)(?= within (?:(?:about|around|roughly|under|just) )?"
        r"(?:an?|one|two|three|four|five|ten|fifteen|twenty|thirty|\d+|seconds|minutes|"
        r"moments)\b)",
        "has onset",
    ),
    (r"\b(?:takes?|took) effect\b", "onset"),
    (r"\b(?:kicks?|kicked) in\b", "onset"),
    # "taken around ten minutes to go under": how soon an anaesthetic dose acts
    # ("takes about two minutes to act")
    (
        r"(?<=minutes to )(?:go under|act|work(?! out| through| on)|come on|kick in)\b|"
        r"(?<=seconds to )(?:act|work(?! out| through| on))\b|"
        r"(?<=minutes for (?:him|her) to )go under\b",
        "onset",
    ),
    # "comes on in about ten minutes", "took ten minutes to take hold": its onset
    (
        r"\b(?:comes?|came|coming) on\b(?= (?:in|within|after|slower|faster|more|less|quicker)\b)",
        "onset",
    ),
    (
        # what takes hold is the drug ("depression can take hold again" is no onset)
        r"\b((?:it|ketamine|dose|drug|injection|shot|jab|drip|infusion|spray|lozenge|tablet|"
        r"effects?)\b[^.;]{0,60}?)(?:to )?(?:take|takes|took|taking) hold\b",
        r"\1onset",
    ),
    (
        r"\b(?:hits?|hitting) (?:harder|stronger|more strongly|more intensely)\b",
        "peaks more intensely",
    ),
    # "the jab hits sooner and harder than the drip": it peaks faster
    (r"\b(?:hits?|hitting) (?=(?:sooner|faster|quicker|earlier)\b)", "peaks "),
    # a dose that "builds up more slowly and more gently" peaks so
    (
        r"\b(?:builds?|built|building) up\b(?= (?:more |much |far |a lot )?(?:slowly|quickly|"
        r"rapidly|faster|slower|gradually|gently|sooner|later)\b)",
        "peaks",
    ),
    (r"\bmore gently\b", "less intensely"),
    (r"(?:(?<=\bpeaks )|(?<=\bonset ))more gradually\b", "slower"),
    # "gives a gentler, more gradual peak than a drip": it peaks slower
    (
        r"\b(?:gives|has|produces) an? (?:(?:gentler|softer|milder),? (?:and )?)?(?:more gradual|"
        r"slower) peak\b",
        "peaks slower and less intensely",
    ),
    (r"\b(?:starts?|started) (?:to work|working)\b", "onset"),
    (
        r"\bbefore (?:you|they|patients|people) (?:feel|notice) (?:anything|it|the effects?)\b",
        "before onset",
    ),
    (r"\b(?:starts?|started|begins?|began) to feel (?:its |the )?(?:effects?\b)?", "onset "),
    # effects that "begin within a quarter of an hour" have their onset then
    (
        r"\b((?:effects?|action) (?:[\w-]+ ){0,5}?)(?:begins?|began|starts?|started|appears?|"
        r"appeared|comes? on|came on|sets? in|set in)(?= (?:within|after|in) )",
        r"\1onset",
    ),
    # a dose that "takes a couple of weeks to lift depression" is slow to act, against a claim
    # of rapid relief (what it takes weeks to do is its action, not its wearing off)
    # (said of ketamine or a route in the clause, not "antidepressants, which take weeks")
    (
        rf"\b({A_DOSE}\b[^.;,]{{0,30}}?)"
        r"\b(?:takes?|took|taking|can take|may take) (?:(?:a couple of|a few|several|some|many|"
        r"two|three|four|six) )?(?:weeks|months) (?:to|before it (?:starts? to)?) ?(?:do anything|"
        r"work|act|help|lift|ease|relieve|kick in|take effect|make (?:a|any) difference|"
        r"is effective)\b",
        r"\1is slow to be effective",
    ),
)

# "uptake of the drug from the muscle is", "absorption is": what follows is its rate
_UPTAKE_IS = (
    r"\b(?:uptake|absorption)((?: of (?:the drug|ketamine|it|the dose))?(?: (?:from|in|into|"
    r"through) (?:the |a |an |your )?[\w-]+)?) (?:is|was|are|were) "
    r"(?:(?:very|fairly|quite|pretty|"
    r"wholly|entirely|usually|generally|highly|wildly) )?"
)

# How quickly a dose reaches the brain, and how steadily: applied last of all the rules.
RATE_RULES: tuple[tuple[str, str], ...] = (
    # "how quickly it reaches the brain" is its rate; "varies a great deal" is variable
    (r"\b(?:rate|speed) at which\b", "how quickly"),
    # "uptake from the muscle is steady and predictable", "absorption is erratic": the rate
    # a dose gets in at
    (
        _UPTAKE_IS + r"((?:steady|predictable|consistent|reliable|smooth|even)(?:,? (?:and )?"
        r"(?:steady|predictable|consistent|reliable|smooth|even))?)\b",
        r"it gets in\1 at a \2 rate",
    ),
    (
        _UPTAKE_IS + r"(?:erratic|unpredictable|variable|inconsistent|irregular)\b",
        r"it gets in\1 at a rate that is highly variable",
    ),
    # "at a steady, predictable rate" denies that the rate is highly variable
    (
        r"\b(?:steady|predictable|consistent|constant|reliable)"
        r"(?:,? (?:and )?(?:steady|predictable|consistent|constant|reliable))?"
        r" (?:rate|speed|pace)\b",
        "rate that is not highly variable",
    ),
    (
        r"\b(?:is|are|was|were) (?:wildly |highly |very |hugely |notoriously )?(?:erratic|"
        r"unpredictable|inconsistent|all over the place|a lottery)\b",
        "is highly variable",
    ),
    (
        r"\b(?:vary|varies|varied|swings?|swung|fluctuates?|fluctuated) (?:a great deal|a lot|"
        r"widely|greatly|hugely|wildly|massively|"
        r"considerably|enormously|substantially|from person to person|between people)\b",
        "is highly variable",
    ),
)
