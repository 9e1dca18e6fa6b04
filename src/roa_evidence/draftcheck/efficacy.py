"""Writers' plain verbs for what a route does for depression ("rivals the drip", "lifts
depression", "the lift in mood"), as `wordings` rules; kept apart from `wordings` for size,
`wordings.RULES` holds them in place."""

from __future__ import annotations

from .subjects import A_DOSE

__all__ = ["RULES"]

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # a dose or a route "no different from placebo", or a study that "found no difference from
    # a dummy": not effective (not "dropout no different from placebo")
    (
        rf"\b({A_DOSE}\b[^.;,]{{0,40}}?)\b"
        r"(?:was|were|is|are|works?|worked|did|does|performed) (?:basically |"
        r"essentially |largely |really )?no different (?:from|to|than) (?:a |the )?"
        r"(?:placebo|dummy|saline|sham)\w*",
        r"\1is not effective",
    ),
    (
        r"\bfound (?:basically |essentially |largely )?(?:no|little) (?:real |clear |significant |"
        r"meaningful )?difference (?:from|to|over|versus) (?:a |the )?(?:placebo|dummy|saline|"
        r"sham)\w*",
        "found it not effective",
    ),
    # "isn't enough to rule ketamine out": to conclude it will not work
    (
        r"\brule (?:ketamine|the drug|the treatment) out\b|"
        r"\brule out (?:ketamine|the drug|the treatment)\b",
        "conclude it will not work",
    ),
    # "controlled data on the jab do exist": data that could show whether it works
    (
        r"\b(?:controlled|valid|usable|reliable|clinical|trial) (?:data|evidence)\b"
        r"(?! (?:on|for|about) (?:the )?(?:efficacy|effectiveness))"
        r"(?![^.;]{0,40}\b(?:bioavailab\w*|absor\w*|side effects?|safety|cost|onset|duration|"
        r"vomit\w*|dos(?:e|es|ing))\b)",
        "valid data on the efficacy",
    ),
    # one route that "matches" or "rivals" another is as effective as it
    (
        r"\b(?:matches|matched|match|equals|equalled|equaled|rivals|rivalled|rivaled)"
        r"(?= (?:the |an? )?(?:intravenous|intramuscular|iv|im|infusions?|injections?|drips?|"
        r"jabs?|shots?|sprays?|nasal|oral|sublingual)\b)",
        "is as effective as",
    ),
    # two routes that "came out about the same" in a trial: no difference in efficacy ("came
    # out ahead" is left to the ranking's reading: its own rule drew sentences from the claims
    # of a trial's design)
    (
        r"\bcame out (?:(?:about|roughly|much|more or less|pretty much) the same|(?:about |"
        r"roughly )?(?:level|even|equal))\b"
        # (not "the same in price", "for vomiting": another outcome)
        r"(?=\s*(?:[,.;:!?)]|$|for (?:depression|mood)\b|in (?:efficacy|how well)\b))",
        "showed no difference in efficacy",
    ),
    # "a drip lifts depression", "knocks it back": it is effective for it
    (
        r"(?<!-)(?<!who )\b(?:lifts?|lifted|lifting|eases?|eased|easing|knocks? back|"
        r"knocked back|tackles?|tackled|treats?|treated|beats?|beat|clears?|cleared|shifts?|"
        r"shifted|brightens?) "
        r"(?=(?:your |the |their |low |major |a heavy |someone's |severe |stubborn |deep )?"
        r"(?:depression|depressive symptoms|mood|gloom)\b)",
        "is effective for ",
    ),
    # "it just doesn't do anything for depression", "does nothing for depression": it is not
    # effective for it ("did nothing for me" is one patient's outcome: `framing.HISTORY`)
    (
        r"\b(?:(?:does|do|did|will|would)(?: not|n't) do (?:anything|much|a thing|a great deal)|"
        r"(?:does|do|did) (?:nothing|little|next to nothing)) for "
        r"(?=(?:your |the |their |low |major |severe |stubborn )?(?:depression|depressive "
        r"symptoms|mood)\b)",
        "is not effective for ",
    ),
    # "is now a proven treatment for depression": effective for it, said outright
    (
        r"\b(?:is|are) (?:now |already )?an? (?:proven|effective|established|reliable) "
        r"(?:treatment|therapy|option|remedy) for (?=(?:major |severe |stubborn )?depression\b)",
        "is effective for ",
    ),
    (
        r"\b(?:the )?(?:heavy )?(?:fog of )?depression "
        r"(?:lifts|lifted|eases|eased|clears|cleared)\b",
        "is effective for depression",
    ),
    # "the lift in mood", "the boost": the improvement
    (
        # the noun, not the verb ("to lift your mood") nor a ride ("a lift home")
        r"\b(?:lift|boost)(?<!to lift)(?<!to boost)(?: in (?:mood|spirits))?\b"
        r"(?! (?:home|to|back|from|your|my|his|her|their|the|a|an|it|them|people)\b)",
        "improvement",
    ),
    # people who "got better on the drip but not on the spray" responded to it: recovering,
    # not ranking (with no "than" after it in the clause, nor "for" a time: `durations`)
    (
        r"\b(?:got|get|gets|getting|feel|felt|feels|feeling) better\b"
        r"(?! for\b)(?![^.;]{0,60}\bthan\b)",
        "responded",
    ),
)
