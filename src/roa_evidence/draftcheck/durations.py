"""Writers' wordings of how long an effect lasts and whether it was sustained ("wore off
within an hour", "held to day 3", "kept people feeling better for a fortnight"), and of how
long an infusion runs ("we run the drip over twenty minutes"), as
`wordings` rules; kept apart from `wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["INFUSED_RULES", "RULES"]

_TIME_COUNT = (
    r"(?:a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|ninety)(?:-five)?|\d+)"
)

# ...followed by a span of minutes or hours (not "over my objections", "in one sitting",
# "within four hours of the bag being made up")
_A_SPAN = (
    rf"(?= (?:about |around |roughly |some |under |just |only )?{_TIME_COUNT}"
    r"(?:[- ]and[- ]a[- ]half)?[- ](?:minutes?|mins?|hours?|hrs?)\b(?! of\b))"
)

# How long an infusion runs ("given over", "we run the drip over twenty minutes"), applied in
# order after the rules before them in `wordings.RULES` (before the onsets').
INFUSED_RULES: tuple[tuple[str, str], ...] = (
    (r"\b(?:is |are )?(?:given|delivered|administered|dripped|run in) over\b", "is infused over"),
    (r"\b(?:delivers|gives|runs in) (?:its|the|a|each) dose over\b", "is infused over"),
    # "we run the drip over twenty minutes": the infusion is infused over them
    (
        r"\b(?:run|runs|ran|running|give|gives|gave|giving) (?:a|an|the|each|our|their)"
        r"((?: [\w-]+){0,2}? (?:drip|infusion)) over\b",
        r"\1 is infused over",
    ),
    # "ran the drug into a vein over ten minutes", "infusions should be completed in 15
    # minutes": how long it is infused over
    (
        r"\b(?:run|runs|ran|running|dripped|drip|put|gave|give|given) (?:the drug|the dose|it|"
        r"ketamine) into (?:a|the) vein(?: slowly| steadily| gradually)? over\b" + _A_SPAN,
        "is infused over",
    ),
    (
        r"\b((?:infusions?|drips?)\b(?: [\w-]+){0,2}?) (?:should|must|will|can|could) be "
        r"(?:completed|finished|run|done|given) (?:in|within)\b" + _A_SPAN,
        r"\1 is infused over",
    ),
    # "a drip takes two hours to run" is how long it is infused over
    (
        r"\b(?:takes?|took|needs?|needed) (?=(?:about |around |roughly |some |up to )?"
        r"(?:an?|one|two|three|four|five|six|\d+)\b[\w ]{0,16}? to "
        r"(?:run|drip|infuse|go in|run in|finish)\b)",
        "is infused over ",
    ),
)

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "people stay affected for eight hours": the effects last that long
    (
        r"\b(?:stays?|stayed|staying|remains?|remained|remaining) (?:affected|impaired|"
        r"out of it|spaced out|dissociated)(?= for\b)",
        "effects last",
    ),
    # "wear off within an hour" says how long effects last; "faded" alone says they ended
    (
        r"\b(?:wears?|wore|wearing|died|dies|die|dying) (?:off|down|away) "
        r"(?=within|after|in|somewhere|between|around|about|roughly|at around|by)",
        "last ",
    ),
    # "felt the anaesthetic effects for a whole day": they lasted that long
    (
        r"\b(?:felt|feel|feels|feeling) ((?:the |its )?(?:[\w-]+ )?effects?) (?=for\b)",
        r"\1 lasted ",
    ),
    # a drip that "runs a couple of hours" or "goes in over ten minutes" is infused over them
    # ("the protocol runs it over forty minutes", "run it in gently over about forty minutes")
    (
        r"\b(?:(?:runs?|ran|running) it|runs?|ran|running(?= in\b)|go(?:es)? in|going in|went in)"
        r"(?: in)?(?: slowly| gradually| steadily| gently)?,? "
        r"(?:for |over |in over )?(?=(?:about |around |roughly |just |only |something like |"
        r"(?:somewhere )?"
        rf"between )?{_TIME_COUNT}(?:(?: to | or |-){_TIME_COUNT})? (?:minutes?|mins?|hours?)\b)",
        "is infused over ",
    ),
    # "runs the whole drip in over ten minutes", "runs the drip over about forty minutes"
    (
        r"\b(?:runs?|ran) (?:the |its |each |a )(?:whole |entire |full )?(?:drip|infusion|dose) "
        r"(?:in (?:over )?|over )(?=(?:about |around |roughly |just |only )?"
        rf"{_TIME_COUNT} (?:minutes?|mins?|hours?)\b)",
        "is infused over ",
    ),
    # a regimen that "infuses 0.5 mg/kg over 40 minutes" infuses it over them
    (
        r"\b(?:(?:infuses?|infused|infusing|gives?|giving|delivers?|delivering) (?:at )?"
        r"(?:(?:about |roughly )?[\d.]+ ?mg/kg|the dose|it|ketamine)|(?:gave|delivered) "
        r"(?:(?:about |roughly )?(?:[\d.]+ ?|half an? )mg/kg)) over (?=(?:about |around |roughly )?"
        rf"{_TIME_COUNT} (?:minutes?|mins?|hours?)\b)|"
        # "0.5 mg/kg on the pump over 40 min", "0.5 mg/kg IV over 40 minutes", "dripped into a
        # vein slowly, over roughly 40 minutes"
        r"(?:(?<=mg/kg )(?:(?:on|by|via) (?:the |a )?(?:pump|drip|infusion)|IV|intravenously)|"
        r"\bdripped(?: into (?:a|the) vein)?(?: slowly| gradually| steadily)?,?) over "
        rf"(?=(?:about |around |roughly )?{_TIME_COUNT} (?:minutes?|mins?|hours?)\b)",
        "is infused over ",
    ),
    # an infusion "run in about ten minutes" is infused over them
    (
        r"\b(?:run|runs|given|infused|delivered) in (?=(?:about |around |roughly |under |just )?"
        r"(?:an?|one|two|three|five|ten|fifteen|twenty|thirty|forty|fifty|sixty|\d+) "
        r"(?:minutes?|mins?|hours?)\b)",
        "infused over ",
    ),
    # "over the last six months" says when, not how long something lasts
    (
        # opening on "last" alone, the rule is tried only where "last" is written
        r"\b(?:last)(?:(?<=\bthe last)|(?<=\bthis last)|(?<=\bthese last)) "
        r"(?=(?:few |several |couple of |\w+ )?"
        r"(?:days?|weeks?|months?|years?|decades?|nights?|sessions?)\b)",
        "past ",
    ),
    # effects that "hang around for six hours" or "stick around" last that long
    (r"\b(?:hangs?|hung|hanging|sticks?|stuck|sticking) around\b", "last"),
    # so do effects that "fade within minutes" or "the hour"; one that "faded within a day" (or
    # "24 hours") ended
    (
        # ("within thirty to sixty minutes", "within half an hour to an hour")
        r"\b(?:fade[sd]?|fading|(?:wears?|wore|worn|wearing) off) "
        r"(?=(?:within|after|in) (?:a few |several |[\w-]+ ){0,4}"
        r"(?:seconds|minutes|mins?|moments)\b)|"
        r"\b(?:fades?|fading|(?:wears?|wore|worn|wearing) off) "
        r"(?=within (?:(?:about |around )?half an hour to )?(?:the|an|one) "
        r"hour\b)",
        "last ",
    ),
    # effects that "subside within five minutes" last five minutes (not when they begin)
    (
        r"\b(?:subsides?|subsided|subsiding) "
        r"(?=(?:within|after|in) (?:about |around |roughly |under |less than )?(?:an?|one|two|"
        r"three|four|five|ten|fifteen|twenty|thirty|forty|sixty|\d+)\b)",
        "last ",
    ),
    # side effects that "wear off quickly" are transient (not an effect that failed)
    (
        r"\b(?:(?:wears|wear|wore|wearing|passes|passed|pass) off|fades?|faded|fading|settles?|"
        r"settled|passes|pass) (?:quickly|soon|fast|rapidly)\b"
        r"(?! (?:into|through|to|across|from)\b)",  # not "passes quickly into the brain"
        "transient",
    ),
    (
        r"\b(?:disappear(?:s|ed)?|fade[sd]?|vanish(?:es|ed)?|wore off|wears? off|worn off|"
        r"wane[sd]?|did not last|was lost)\b",
        "was not sustained",
    ),
    # effects "gone within ten minutes" lasted ten minutes (before "were gone", ended)
    # ...and so do effects "over in about five minutes" (a jab "over in seconds" is its giving)
    (
        r"\b(?:is|are|was|were) (?:all )?(?:gone|over) (?=(?:within|after|in) "
        r"(?!(?:a |one |two |a few |[\w-]+ )?(?:seconds?|an instant|a flash|a moment|moments)\b))",
        "last ",
    ),
    (
        r"\b(?:(?:was|were|had) (?:all )?gone|(?:stopped|ceased) working|"
        r"no longer (?:worked|works|helped|helps|lasted))\b",
        "was not sustained",
    ),
    (
        r"\b(?:kept working|persisted|lasted|(?:was|were) (?:reportedly |apparently |still |"
        r"largely )?maintained|held up)\b",
        "was sustained",
    ),
    (
        r"\bstill (?:present|there|evident|apparent|seen|detectable)\b",
        "sustained",  # "was still present": "was sustained"
    ),
    # "the improvement held for about a week": a benefit held for a time is sustained
    (
        # (not "patients were held for three hours"; opening on the verb, so that the rule is
        # tried only where it is written)
        r"\b(?:held|holds|hold)(?<!were held)(?<!was held)(?<!been held)(?<!be held) "
        r"(?=for (?:about |around |roughly |some |up to |only |a full |a whole )?"
        r"(?:an?|one|two|three|four|five|six|seven|several|\d+) (?:full |whole |entire )?"
        r"(?:hours?|days?|weeks?|months?)\b)",
        "was sustained ",
    ),
    # "held to day 3", "held until the third day": sustained until then
    (
        r"\b(?:held|holds|hold) (?:up )?(?=(?:to|until|till|through) (?:the )?(?:day|week|"
        r"first|second|third|fourth|fifth|seventh|\d))",
        "was sustained ",
    ),
    (r"\b(?:kept|keeps|keep) (?:\w+ )?at bay\b", "was sustained"),
    # "kept people feeling better for a fortnight": the benefit was sustained that long
    (
        r"\b(?:kept|keeps|keep) (?:people|patients|them|him|her|you|everyone|participants) "
        r"(?:feeling )?(?:better|well|improved|happier)(?= for\b)|"
        r"\b(?:kept|keeps|keep) (?:people's |patients' |their |your )?mood "
        r"(?:lifted|up|better|improved)(?= for\b)",
        "was sustained",
    ),
)
