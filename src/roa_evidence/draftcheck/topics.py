"""What a text is about, by the words it holds: its topics (safety, cost, onset...), the
conditions (depression, pain...) and the populations (children, adults) it names."""

from __future__ import annotations

import re

from .firstchars import compiled
from .lexicon import literals, stems

__all__ = ["CONDITIONS", "POPULATIONS", "TOPICS", "Table", "conditions_said", "found_in"]

# (name, the words one of which a text it matches holds, its pattern)
Table = tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]

_TOPIC_WORDS: dict[str, str] = {
    "safety": r"safe|safer|safety|safely|risks?|risky|riskier|dangerous|harm(?:ful)?|adverse",
    "cost": r"costs?|costly|costlier|cheaper|cheap|expensive|price|afford(?:able)?|pay",
    # ("later work", "published work": studies, not whether it works)
    "efficacy": r"effective|efficacy|works|worked|(?<!later )(?<!earlier )(?<!published )"
    r"(?<!previous )(?<!recent )(?<!further )(?<!other )(?<!scholarly )(?<!research )"
    r"(?<!clinical )(?<!their )(?<!this )(?<!some )work|relief|relieve[sd]?|better|worse|"
    # (not "helped set up infusions", "will help you decide": help with a task)
    r"help(?:s|ed)?(?! (?:(?:you|me|us|them|him|her|patients|staff) )?(?:to )?(?:decide|choose|"
    r"set|plan|arrange|find|get|make|pick|understand|with the|out)\b)|"
    # ("at antidepressant doses" says how much is given, not that it works)
    r"antidepressant(?! doses?\b)|respond(?:ed|s)?|responses?|ham-d|madrs|improv\w*|scores?|"
    r"ratings?|benefits?|beneficial",
    "onset": r"onset|faster|quicker|rapid(?:ly)?|quickly|slower|peaks?",
    # "last quarter", "last year", "my last infusion": a date, not how long something lasts
    "duration": r"lasts|lasted|lasting|(?<!my )(?<!the )(?<!his )(?<!her )(?<!our )(?<!your )"
    r"(?<!their )(?<!this )(?<!at )last(?! (?:quarter|year|week|month|night|time|day|"
    r"decade|card|slide|question|point|item|page|step|caller|speaker|word|one|thing)s?\b)|"
    r"sustained|duration|(?<!no )longer|shorter|linger(?:ing)?|"
    # "the benefit held for a fortnight", "persisted for a week"
    r"(?:held|persist(?:s|ed|ing)?|endur(?:es|ed|ing)|carried on|kept up) (?:up )?for "
    r"(?=(?:about |around |roughly |nearly |almost |over |up to |a full |a good |at least )*"
    r"(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many)\b)|"
    r"(?:infused|infusions?|runs?|ran|running|given|delivered) over"
    r"(?! the (?:past|last|next|previous|coming)\b)|runs? for|running for|"  # not a date
    # "a drip over 40 minutes", "given through a drip, usually over about 40 minutes"
    r"(?:drips?|usually|typically|normally|generally) over (?=(?:about |around |roughly )?"
    r"(?:\d+|an?|forty|thirty|sixty|ninety) (?:min|mins|minutes|hours?)\b)|"
    r"ran for|(?:takes?|took) (?:about |around |roughly |like |approximately |just over |"
    r"just under )?(?:an|\d+|one|two|three|four|five|six|forty|thirty|sixty|ninety)\b"
    r"(?! (?:infusions?|drips?|sessions?|doses?|shots?|jabs?|injections?|treatments?|tries|"
    r"goes|attempts?|courses?|visits?|people|patients)\b)|"
    # how long a patient stays under: "stayed sedated for six hours", "sedation time"
    r"(?:stay(?:s|ed|ing)?|remain(?:s|ed|ing)?) (?:sedated|groggy|drowsy|asleep|woozy|"
    r"dissociated)|sedated for|(?:sedation|recovery) times?|"
    # how long a session runs: "the drip is over in 15 minutes", "stretch a drip out to two
    # hours", "run their dose over two hours"
    r"(?:drips?|infusions?|sessions?|treatments?) (?:is|are|was|were) (?:now |usually |often |"
    r"all )?over in|"
    r"stretch(?:es|ed|ing)? (?:[\w-]+ ){1,4}?out (?:to|over)|"
    r"(?:runs?|ran|running) (?:[\w'-]+ ){1,3}?over (?=(?:a |an )?(?:full |good |whole )?"
    r"(?:\d|one|two|three|four|five|six|half|an? hour))",
    # "fully retained": "with nothing lost on the way in" (absorption.py)
    # ...and a share that "ends up in circulation" or "gets into the blood"
    "bioavailability": r"bioavailab\w*|absorb\w*|absorption|bloodstream|fully retained|"
    r"(?:gets?|ends? up|makes? it|goes|reach(?:es)?) (?:in|into|to)? ?(?:the |your )?"
    r"(?:blood|circulation)",
    # the whole dose said to get to the brain (not the blood: bioavailability)
    "whole-dose-in-brain": r"(?:all of it|every (?:last )?(?:bit|milligram|drop)|(?:whole|"
    r"entire|full) (?:[\w-]+ )?(?:dose|infusion|amount))[^.;]{0,40}?\bbrain",
    # what the liver removes before the blood: not the share that reaches it
    "first-pass": r"first-pass|first pass|metaboli[sz]\w*",
    # what the liver makes of a dose ("metabolised" is the first pass, "metabolites" its yield)
    "metabolites": r"metabolites?|norketamine",
    "side-effects": r"side effects?|adverse|tolerab\w*|tolerated",
    "purity": r"adulterat\w*|contaminat\w*|impurit\w*|purity|non-sterile|counterfeit",
    "sickness": r"nausea|nauseous|dizziness|dizzy|vomiting|vomit\w*",
    "heart": r"tachycardia|heart rate|heart|blood pressure|cardiac|cardiovascular",
    "breathing": r"respiratory|respiration|breathing",
    "dissociation": r"dissociat\w*|bad trip|psychedelic|immersive",
    "administration": r"simpler|easier|harder|administer\w*|convenient|catheter|equipment",
    # "be controlled", not "controlled clinical settings" or "a controlled trial"
    # "nothing can stop or slow it", "you can't take it back" (not "..., full stop")
    # "switch the drip off", "turned it off" (a dose stopped, as "shut off")
    "control": r"shut off|(?<!full )stop(?:ped|ping|s)?|halt(?:ed)?|adjust(?:ed|able|ing)?|"
    r"(?:switch|turn|shut)(?:s|es|ed|ing)? (?:(?:it|them|the|a|this|that|drip|infusion|pump|"
    r"line|dose) ){0,2}off\b(?! by\b)|"
    r"slow (?:it|them|the dose|the drug)(?: down)?|take it back|"
    # "once it is in the muscle it cannot be recalled or slowed"
    r"(?:be|been) (?:recalled|slowed|undone|withdrawn)|"
    # "lets the prescriber set and change the speed", "for anyone who needs close watching"
    r"(?:set|change|alter|vary)(?: and (?:change|alter|adjust))? the (?:speed|rate|pace)|"
    r"close (?:monitoring|watching)|control over (?:the )?(?:dose|dosing|rate|speed)|"
    # (not "control the pace of the conversation")
    r"control (?:the |its )?(?:rate|speed|pace)(?! of (?!(?:the )?(?:drug|dose|infusion|"
    r"delivery|ketamine)\b))|control how (?:fast|quickly)|"
    r"(?:be|is|are|was|were) controlled|rate of delivery|titrat\w*",
    # how a session feels as it ends or goes on: "the comedown", "a smoother, gentler ride"
    "experience": r"come-?down|smoother|gentler|abrupt(?:ly)?|jarring|"
    r"disorient\w*",
    "evidence": r"stud(?:y|ies)|trials?|published|researched|randomi[sz](?:ed|e|ing|ation)|"
    r"double-blind|"
    r"head to head|control group|subjects",
    "setting": r"hospitals?|centres?|centers?|sites?|multi-?cent(?:re|er)\w*|single-?cent\w*",
    "mechanism": r"nmda|receptors?|glutamate|neuroplasticity|antagonist",
    # what the drug does at a receptor: blocks it or stimulates it ("switching it on" is read
    # so first: mechanisms.py)
    "receptor action": r"(?:ant)?agonists?|antagonism|agonism",
    # a dose by one route turned into a dose by another
    "conversion": r"conver(?:t|ts|ted|ting|sions?)|formula|interchangeabl[ey]|equivalent doses?",
}


def _table(patterns: dict[str, str]) -> Table:
    """Each name's pattern, with the words one of which a text it matches holds."""
    return tuple(
        (name, frozenset(literals(words)), compiled(rf"\b(?:{words})\b", re.I))
        for name, words in patterns.items()
    )


def found_in(table: Table, text: str) -> frozenset[str]:
    """The names in `table` whose pattern `text` matches: each run only on a text holding
    one of its words (see lexicon.literals)."""
    present = stems(text)
    return frozenset(
        name
        for name, words, pattern in table
        if not words.isdisjoint(present) and pattern.search(text)
    )


TOPICS = _table(_TOPIC_WORDS)
_CONDITIONS = {
    # (not "depress respiration": breathing, not the illness)
    "depression": r"depress(?!\w* (?:the |your |her |his )?(?:respirat|breath))\w*|"
    r"antidepressant|ham-d|madrs|low mood",
    "pain": r"pain",
    "anxiety": r"anxiety",
    "ptsd": r"ptsd|post-traumatic",
    "suicidality": r"suicid\w*",
}
CONDITIONS = _table(_CONDITIONS)
# "..., pointing me to a review of pain trials", "according to a large review for chronic
# pain": the cited work, described; its condition is the work's, not the sentence's
_POINTER = compiled(
    r"\b(?:pointing (?:me |us |them |her |him )?to|(?:and )?cit(?:ed|ing)|according to|"
    r"going by|from the [\w-]+ literature)\b[^.;]*",
    re.I,
)


def conditions_said(text: str) -> frozenset[str]:
    """The conditions a sentence speaks of, those of a cited work it describes aside."""
    return found_in(CONDITIONS, _POINTER.sub(" ", text))


_POPULATIONS = {
    "children": r"child(?:ren)?|paediatric|pediatric|kids?|infants?|adolescents?",
    "adults": r"adults?",
    "older adults": r"elderly|older (?:adults|people|patients)",
}
POPULATIONS = _table(_POPULATIONS)
