"""Writers' wordings of how ketamine acts on receptors ("blocks NMDA receptors", "an NMDA
antagonist", "works through NMDA receptors"), as `wordings` rules; kept apart from
`wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

__all__ = ["RULES"]

# A receptor's name ("NMDA"), not a word pointing back to one ("these receptors").
_RECEPTOR = r"(?!(?:these|those|its|their|such|other)\b)([\w-]+)"
# "switching on something called NMDA receptors": a receptor named for a lay reader
_CALLED = r"(?:(?:something|things|what are|what is|a type of thing) )?(?:called |known as )?"

# The receptors the rules name as such ("an NMDA agonist", "an agonist at the NMDA receptor").
_RECEPTOR_NAMES = r"(NMDA|AMPA|GABA|opioid|mu-opioid|dopamine|serotonin|sigma)"
_ACTS_AS = r"\b(?:(?:acts|works|functions|is)(?: mainly| primarily| chiefly| largely)? )?as an? "
# what is done to the receptors just named: "..., switching them on", "... in the brain by
# blocking them"
_THEM = r"(?: in the brain)?,? (?:by |and )?"
_AT_RECEPTOR = rf" (?:at|of|on) (?:the )?(?:brain's )?{_RECEPTOR_NAMES}(?:[- ]receptors?)?\b"

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "a glutamate receptor called NMDA": the receptor's family, not glutamate's activity
    (r"\bglutamate (?=(?:nmda[- ])?receptors?\b)", ""),
    # "a receptor called NMDA", "receptors in the brain called NMDA receptors", "a brain
    # receptor called the NMDA receptor": the NMDA receptor
    (
        r"\b(?:(?:a|the|some|one|this) )?(?:(?:type|kind|class|family) of )?(?:brain )?"
        r"(receptors?)(?: in the brain)? "
        r"(?:called|named|known as) (?:the )?([\w-]+)(?: receptors?\b)?",
        r"the \2 \1",
    ),
    # "ketamine's main target is the NMDA receptor" acts on it ("isn't" does not)
    (
        r"(?:'s|s')? (?:main|primary|chief|principal|real|key) target (is|isn't|is not|was|"
        r"wasn't|was not)(?: really| actually)? (?:the )?([\w-]+) receptors?\b",
        r" \1 acting on \2 receptors",
    ),
    # "acts mainly as an agonist at the NMDA receptor", "works as a blocker of NMDA receptors":
    # acts on them as one
    (
        rf"{_ACTS_AS}(?:agonist|activator|stimulant){_AT_RECEPTOR}",
        r"acts on \1 receptors as an agonist",
    ),
    (
        rf"{_ACTS_AS}(?:antagonist|blocker|inhibitor){_AT_RECEPTOR}",
        r"acts on \1 receptors as an antagonist",
    ),
    # "an NMDA agonist" acts on NMDA receptors as one
    (
        rf"\b(?:an? )?{_RECEPTOR_NAMES}"
        r"(?:[- ]receptor)? (agonist|antagonist)\b",
        r"acts on \1 receptors as an \2",
    ),
    # "an NMDA activator": an agonist, in lay words ("an NMDA blocker" is read below)
    (
        rf"\b(?:an? )?{_RECEPTOR_NAMES}(?:[- ]receptor)? (?:activator|stimulant|opener)\b",
        r"acts on \1 receptors as an agonist",
    ),
    # a receptor blocked is antagonised, one stimulated or switched on is agonised (which of
    # the two a claim says is compared in `polarity`)
    (
        r"\b(?:blocks|blocked|blocking|block|inhibits|inhibited|inhibiting) (?:the )?(?:brain's )?"
        rf"{_CALLED}{_RECEPTOR} receptors?\b",
        r"acts on \1 receptors as an antagonist",
    ),
    (
        r"\b(?:stimulates|stimulated|stimulating|stimulate|excites|excited|"
        r"activates|activated|activating|"
        r"activate|switches on|switching on|switch on|turns on|turning on) (?:the )?(?:brain's )?"
        rf"{_CALLED}{_RECEPTOR} receptors?\b",
        r"acts on \1 receptors as an agonist",
    ),
    (
        r"\b(?:switches|switching|switch|turns|turning|turn) (?:the )?"
        rf"{_RECEPTOR} receptors? on\b",
        r"acts on \1 receptors as an agonist",
    ),
    # a drug "works on", "through" or "via" a receptor or a system: it acts on it
    (
        r"\b(?:works|work|working|worked) (?:through|via|by way of) (?=(?:the )?(?:brain's )?"
        r"(?:[\w-]+ ){0,2}(?:receptors?|system)\b)",
        "acts on ",
    ),
    (
        r"\b(?:works|work|working|worked) (?=on (?:the )?(?:brain's )?(?:[\w-]+ ){0,2}"
        r"(?:receptors?|system)\b)",
        "acts ",
    ),
    # "acts on the brain's NMDA receptors, switching them on": as an agonist ("..., blocking
    # them": as an antagonist)
    (
        rf"\bacts on (?:the )?(?:brain's )?{_RECEPTOR} receptors?{_THEM}(?:(?:switching|"
        r"turning|switches|turns) (?:them|it) on|(?:stimulating|activating|exciting) "
        r"(?:them|it))\b",
        r"acts on \1 receptors as an agonist",
    ),
    (
        rf"\bacts on (?:the )?(?:brain's )?{_RECEPTOR} receptors?{_THEM}(?:blocking|"
        r"blocks|inhibiting|inhibits|damping down) (?:them|it)\b",
        r"acts on \1 receptors as an antagonist",
    ),
    # "ramps up glutamate", "floods the brain with glutamate": raises glutamate activity; "rewires
    # the brain": promotes neuroplasticity
    (
        r"\b(?:ramps?|ramped|ramping|cranks?|cranked|cranking|turns?|turned|turning) up "
        r"(?:the brain's )?glutamate\b|\bfloods? (?:the brain|it) with glutamate\b|"
        r"\b(?:a )?(?:surge|burst|rise|spike) (?:in|of) glutamate\b|"
        # "boosts glutamate (signalling)", "boost a brain chemical called glutamate"
        r"\b(?:boosts?|boosted|boosting|raises?|raised|increases?|increased|increasing) (?:a brain "
        r"chemical called |the brain's )?glutamate(?: signalling| signaling| levels?| release|"
        r" activity)?\b|"
        r"\bglutamate[- ](?:surge|burst|boost)\b",
        "raises glutamate activity",
    ),
    (
        r"\b(?:rewires?|rewired|rewiring|rewire) (?:the brain(?:'s connections)?|your brain|itself|"
        r"its connections|brain circuits|neural circuits|synapses)\b|\b(?:the )?(?:growth|"
        r"formation|sprouting) of new (?:[\w-]+ )?(?:synapses|connections)\b|"
        r"\b(?:grows?|form|forms|rebuilds?|rebuilding|builds?) new (?:synapses|(?:brain |nerve |"
        r"neural |synaptic )connections)\b|\brebuilds? (?:synapses|(?:neural |brain |synaptic )"
        r"connections)\b|"
        # "helps nerve cells form new connections", "helps the brain grow new connections"
        r"\b(?:brain|nerve cells?|neurons?|brain cells?)(?: [\w-]+){0,2}? (?:grows?|grow|form|"
        r"forms|build|builds|rebuilds?) new connections\b|"
        r"\b(?:new )?synap(?:se|tic) growth\b|"
        # "helps brain cells rewire", "lets nerve cells reconnect"
        r"\b(?:brain|nerve) cells? (?:to )?(?:rewire|reconnect|regrow their connections)\b",
        "promotes neuroplasticity",
    ),
    # "an NMDA drug": one that acts on NMDA receptors
    (r"\ban? (?:nmda)[- ](?:drug|medicine|medication)\b", "a drug that acts on nmda receptors"),
    # the NMDA receptor blocked in other words ("the brain's NMDA", its full name)
    (
        r"\b(?:block|blocks|blocking|blocked|antagoni[sz]es?|antagoni[sz]ed|antagoni[sz]ing|"
        r"inhibits?|inhibited|inhibiting) (?:the )?(?:brain's )?(?:glutamate )?"
        r"(?:nmda|n-methyl-d-aspartate)"
        r"(?:[- ](?:glutamate )?receptors?)?\b",
        "acts on nmda receptors as an antagonist",
    ),
    (
        r"\b(?:an )?(?:nmda|n-methyl-d-aspartate)[- ](?:receptor[- ])?"
        r"(?:antagonist|blocker|inhibitor)\b",
        "acts on nmda receptors as an antagonist",
    ),
    (
        r"\b(?:an )?(?:antagonist|blocker) (?:at|of) (?:the )?(?:nmda|n-methyl-d-aspartate)"
        r"(?:[- ](?:glutamate )?receptors?)?\b",
        "acts on nmda receptors as an antagonist",
    ),
)
