"""How a sentence frames what it says: a study the draft named before it ("that trial was
double-blind", "in that study"), a study of the writer's own or yet to come, what someone
is reported to have said ("the nurse told me (that) ..."), and an open question, a question
reported or a plan, which assert nothing ("it is unclear whether...", "people keep asking
whether...", "the proposed trial will...")."""

from __future__ import annotations

import re

from .accounts import DOUBTS
from .firstchars import compiled
from .negations import ANSWER

__all__ = [
    "ANOTHER_STUDY",
    "HISTORY",
    "IN_THAT_STUDY",
    "OPEN_QUESTION",
    "PLANS",
    "POINTS_BACK",
    "REPORTED",
    "REPORTED_QUESTION",
    "THAT_STUDY",
    "TO_LEARN",
    "asks",
]

# A difference as a subject to learn, not one found: "you wanted to understand the difference
# between a drip and a jab", "this leaflet explains the main differences" (a pattern piece)
TO_LEARN = (
    r"\b(?:understand|explain(?:s|ed)?|learn(?:ed|t)?|discuss(?:ed)?|describe[sd]?|"
    r"cover(?:s|ed)?|asked about|talk (?:you )?through) (?:the |any )?(?:main |key )?differences?\b"
)
# A study of the writer's own or yet to come: no claim about a tracked study is about it.
ANOTHER_STUDY = compiled(
    r"\b(?:our|my|a new|a future|another|the next|a planned|a proposed|next|future|planned|"
    r"proposed|a second|a third|a separate|a different|a later|a more recent)\s+"
    r"(?:[a-z-]+\s+){0,2}?(?:trial|study)\b"
    # (not "a second trial, Chilukuri et al. 2014, ...": the tracked one, named)
    r"(?!,?\s+(?:by |from )?(?-i:[A-Z][a-z]+)(?: et al| and colleagues| &|,? \(?\d{4}))",
    re.I,
)
# "that trial was double-blind": a study the draft has named; "our study will be" is new
THAT_STUDY = compiled(
    r"\b(?:that|this|the) (?:[a-z-]+ )?(?:trial|study) (?:was|were|had)\b|"
    r"\b[Ii]t was (?:also |in fact |actually )?an? (?:[\w-]+ ){0,2}(?:trial|study)\b|"
    r"\b[Ii]t was (?:not |properly |fully )?(?:double[- ]blind|single[- ]blind|open[- ]label|"
    r"randomi[sz]ed)\b"
)
# "in that trial", "the study found", "the Indian team saw": a sentence pointing back to a
# study named before it
IN_THAT_STUDY = compiled(
    r"\b(?:(?:in|from|according to) (?:that|this|the) (?:same |[\w-]+ )?(?:trial|study)|"
    r"(?:that|this|the|its|their) (?:same |[\w-]+ )?(?:team|group|researchers|authors|"
    r"investigators|"
    r"trial|study) (?:also )?(?:found|saw|showed|reported|recorded|observed)|"
    # "an Indian trial in which...", "the one small trial"
    r"(?:a|an|one|the|that) (?:[\w-]+ ){0,2}(?:trial|study) (?:in which|where)|"
    r"(?:the|that) one (?:[\w-]+ ){0,2}(?:trial|study)|"
    # "the 2014 trial from India found infusions clearly beat shots": a trial's ranking
    r"(?:the|that|this) (?:[\w-]+ ){0,2}(?:trial|study|paper)(?: [\w-]+){1,5} (?:found|showed)"
    # (read after the rewording rules: "beat" is "is better than")
    r"(?: that)?(?: [\w-]+){1,4} (?:outperformed|beat|(?:is |are |did )?(?:clearly |much |far )?"
    r"better than)|"
    # a trial's arms: "its infusion arm outperformed both intramuscular arms"
    r"(?:its|their|the) (?:[\w-]+ )?arms?(?= (?:clearly |actually )?(?:outperformed|beat|did))|"
    r"(?:outperformed|beat) (?:the |both |its )?(?:[\w-]+ )?arms)\b"
)
# Who says what a sentence reports, up to what they say ("the nurse told me (that) ...").
REPORTED = compiled(
    r"^[^.;:]{0,120}?\b(?:told (?:me|us|them|him|her|you)|said|says|claims?|claimed|insists?|"
    r"insisted|reckons?|reckoned|believes?|believed|argues?|argued|wrote|writes|explained|"
    r"mentioned|added|replied|countered|pointed out|swears?|swore)(?: that)?,?\s+",
    re.I,
)
# "so many DMs asking whether the drip or the shot is better", "she asked how quickly it
# works", "you want to know which is better": a question reported, not answered
REPORTED_QUESTION = compiled(
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed|ing)?|(?:want(?:s|ed)?|wanting) to "
    r"(?:know|find out|see))(?: \w+){0,4}? (?:whether|if)\b|"
    # "which"/"how quickly" questions, where no clause answering one follows ("..., but IV is",
    # "...: the answer is that")
    r"\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|(?:want|wants|wanted) to know)(?: \w+)? "
    r"(?:which|why|how (?:quickly|fast|soon|long|well|much))\b(?![^.;]*(?:,\s*but\b|;|:))|"
    # a dispute reported: "clinics are divided over whether the drug should go into a vein"
    r"\b(?:divided|split|disagree|disagreed|disagreeing|debate|debated|debating|argue|argued|"
    r"arguing) (?:over|about|on) whether\b|"
    # a quiz's question: "Q2. True or false: IM ketamine passes through the liver."
    r"\btrue or false\s*[:?,]",
    re.IGNORECASE,
)


# "The proposed trial will compare IM with IV in a double-blind design": a plan, no finding;
# "we would revise it if a trial reads out": a hypothesis
PLANS = compiled(
    r"\bwould\b[^.;]*\bif\b|\bif\b[^.;]*\bwould\b|"
    r"\b(?:aims? to|we (?:therefore |now |also |thus )?(?:plan|propose|intend|hope) "
    r"(?:to\b|an? |the )|"
    # "Our primary outcome will be the change in depression score at one week"
    r"(?:primary|secondary|main) (?:outcome|endpoint|end point|measure)s? (?:will|would) be"
    r"(?![^.;]*\b(?:since|because)\b)|"
    r"(?:proposed|planned|future|new) "
    r"(?:trial|study)|(?:trial|study) (?:will|would) "
    r"(?:compare|test|randomi[sz]e|recruit|enrol)|(?:power|sample[- ]size) calculation|"
    # "this manuscript compares...", "the applicants plan to compare": what a study does
    r"(?:this|the) (?:manuscript|paper|proposal|protocol|application) (?:compares|examines|"
    r"tests|describes|reports)|"
    # what a piece of writing goes on to do: "this essay compares IV and IM ketamine"
    r"\bthis (?:essay|article|post|chapter|section|leaflet|guide|episode|talk|page|sheet) "
    r"(?:compares|looks at|explains|covers|discusses|outlines|summari[sz]es|sets out|will)\b|"
    r"(?:applicants|authors|investigators|they) (?:plan|propose|"
    r"intend) to|"
    # a headline's future ("Northfield researchers to compare nasal spray and drip")
    r"^\W*(?:[A-Z][\w-]* ){0,3}(?:researchers|scientists|team|investigators|doctors) to "
    r"(?:compare|test|study|investigate|examine|trial)\b|"
    # a numbered heading or agenda item ("Item 4: request to add IM ketamine...")
    r"^\W*(?:agenda )?item \d+\b|\b(?:aim|objective|hypothesis) \d+ (?:will|is to)\b|"
    # a request ("we ask the panel to fund infusion for patients whose depression...")
    # (not one giving its reason: "..., because a spray is cheaper", "..., which is as good")
    r"\b(?:we|I) (?:ask|urge|request|call on|implore|petition) (?:[\w'-]+ ){1,4}?to "
    r"(?:fund|approve|cover|add|pay for|reimburse|support|offer|provide|allow)\b"
    r"(?![^.;]*\b(?:since|because|which|as)\b)|"
    # a call for research ("larger trials are needed before any route is preferred")
    r"\b(?:trials?|studies|research|data|evidence) [^.;]{0,60}?\b(?:is|are) "
    r"(?:still |urgently |badly |clearly )?needed\b)",
    re.IGNORECASE,
)


# "She has lived with depression for eleven years and has tried four medications": a
# patient's history, which states no finding about the routes
HISTORY = compiled(
    r"\b(?:I|she|he|they|we) (?:have|has|had) (?:lived with|tried|failed|been on)\b|"
    # "T. has been prescribed a nasal spray to use at home": what one patient was given
    r"\b(?:I|she|he|they|we|[A-Z]\.) (?:have|has|had) been prescribed\b|"
    # "I actually did the nasal spray for a while", "he was on the drip for a year"
    r"^\W*(?:[A-Z][\w .'-]{0,30}:\s*)?(?:(?:honestly|actually|well),?\s+)?"
    r"(?:I|she|he|they|we) (?:actually |once |also |first )?(?:did|tried|was on|were on|"
    r"used|had) (?:the |a |an |some )?(?:[\w-]+ ){0,2}?(?:spray|drip|jab|injections?|"
    r"infusions?|shots?|tablets?|lozenges?|ketamine) (?:[\w-]+ ){0,3}?for (?:a while|a bit|"
    r"some time|a few \w+|several \w+|a couple of \w+|(?:a|one|two|three|four|six|\d+) "
    r"(?:weeks?|months?|years?))\b(?=\W*$)|"  # (all the sentence says: not "..., which work")
    # "the spray did nothing for me", "it didn't work for him": one patient's outcome
    r"\b(?:did|does) (?:nothing|little|next to nothing|not do much|not do anything) for "
    r"(?:me|him|her)\b|"
    r"\b(?:did not|didn't|does not|doesn't) (?:work|help) (?:for )?(?:me|him|her)\b",
    re.I,
)


# "It is unclear whether X": an open question takes no side, so neither X nor its negation
# is asserted ("whether X" and "whether not X" ask the same question).
OPEN_QUESTION = compiled(
    # not "Whether it goes into a vein or a muscle, it ...": either way, it does
    r"^\W*whether\b(?![^,;]{0,80}\bor\b[^,;]{0,40},)|"
    r"\b(?:uncertain|unclear|unknown|not (?:known|clear|certain)|"
    r"(?:no one|nobody) (?:really |yet )?knows|(?:we )?(?:can(?:not|'t| not)|do(?:n't| not)) "
    r"(?:say|tell|know)|remains to be (?:seen|shown)|an open question)"
    r"(?: (?:with|any|confidence|certainty|yet))* (?:whether|if)\b|"
    # "there is little evidence either way on whether either route affects breathing"
    r"\b(?:no|little|scant|limited|not enough) (?:good |real |reliable )?(?:evidence|data) "
    r"(?:either way )?(?:on |about |as to )?whether\b|"
    # "..., so whether IV is better tolerated remains very uncertain"
    r"\bwhether\b[^.;,]{3,120}?\b(?:remains?|is|stays) (?:still )?(?:very |highly |quite )?"
    r"(?:uncertain|unclear|unknown|an open question|not (?:known|clear|established))\b",
    re.I,
)

# a claim the writer doubts ("I remain sceptical that X"), and a work said to side with the
# claim beside it: "though the label is reassuring on this point"
DOUBTED = compiled(DOUBTS, re.IGNORECASE)
SAID_TO_SUPPORT = compiled(
    r"\b(?:is|are|was|were) (?:\w+ )?reassuring\b|\bpoints? (?:that|this) way\b|"
    r"\b(?:backs?|backed) (?:it|this|that) up\b|\b(?:is|are) (?:often |widely )?(?:quoted|cited) "
    r"(?:on|for) (?:that|this)\b|\bas (?:\w+ ){0,3}(?:claims?|says?|reports?)\b",
    re.IGNORECASE,
)


# "That trial then followed its patients for two weeks", "the researchers claimed", "only 18
# people in it": a sentence speaking of a study named just before it, citing nothing itself
POINTS_BACK = compiled(
    # "that trial" at the head of the sentence or after a preposition ("in that study"), not
    # a conjunction ("critics argue that trial design matters"); not "this review" (the
    # writer's own, more often than not)
    r"(?:^\W*|\b(?:in|from|of|by|for|on|with|and|but|so|yet|to|about|after|unlike)\s+)"
    r"(?:that|the same) (?:[\w-]+ ){0,2}?(?:trial|study|paper|review|analysis|meta-analysis|"
    r"pilot)\b|"
    r"\b(?:(?:the|its|their) (?:researchers|authors|investigators|trialists)|"
    r"its (?:[\w-]+ )?(?:patients|participants|subjects|volunteers)|"
    r"(?:those|these) (?:[\w-]+ )?(?:patients|participants|subjects|volunteers|children|kids|"
    r"benefits?|results|findings)|(?:people|patients|participants) in it)\b",
    re.I,
)


# an exam's numbered task: "Q1(a) Define bioavailability and give its value for IV",
# "Question 4: Compare the routes" (a task set, not an answer)
_EXAM_TASK = compiled(
    r"\W*(?:q|question) ?\d{1,2}[a-z]?(?: ?\([a-z]{1,4}\))?[.:)]?\s+(?:define|explain|describe|"
    r"compare|contrast|outline|discuss|list|state|give|name|calculate|evaluate|justify|"
    r"summari[sz]e|critically|identify|suggest|predict)\b"
    # (a task that states its own answer asserts it: "State the IM figure, which is 93 %")
    r"(?![^?]*\b(?:which|that) (?:is|are|was|were)\b)",
    re.IGNORECASE,
)


def asks(text: str) -> bool:
    """Whether the sentence is a question ("Is a shot as good as a drip?"), reports one
    ("people keep asking whether a shot is as good"), plans a study to answer it, or tells a
    patient's history ("she has tried four medications"): none asserts a finding."""
    reported = REPORTED_QUESTION.search(text)
    # "IM works as well as IV, and I wondered why nobody offered it": a "why" takes the first
    # clause as said ("..., but I wonder whether X" still asks X); or the question answered
    presupposed = reported and reported.group(0).lower().endswith("why")
    if reported and (
        (presupposed and _AFTER_AN_ASSERTION.search(text, 0, reported.start()))
        or _ANSWERED.search(text, reported.end())
    ):
        reported = None
    return text.rstrip(" \t\"'\u201d\u2019)]").endswith("?") or bool(
        reported or PLANS.search(text) or HISTORY.search(text) or _EXAM_TASK.match(text)
    )


# an answer the sentence gives to the question it reports, and a clause that says it:
# "..., and I told him yes, most of it is lost to the liver"
_ANSWERED = re.compile(rf"{ANSWER},? (?:yes|no)\s*[,;:]\s*\w", re.I)
# a question reported in a clause joined on after the main one, which asserts its own
_AFTER_AN_ASSERTION = re.compile(
    r"\w,\s+(?:and|so|but)\s+(?:I|we|she|he|they)(?:\s+\w+ly)?\s+$", re.I
)


# "Slide 5: rate of delivery to the brain.", "Module 7: ketamine for pain relief": a numbered
# part's title, with no verb to assert anything (`titles`)
_NUMBERED_LABEL = compiled(
    r"^\W*(?-i:(?:[A-Z][a-z]+ ){0,2})(?:slide|module|session|part|section|lecture|unit|week|day|"
    r"chapter|scenario|station|episode|item|question|case|step|topic)\s+\d{1,3}[a-z]?\s*:\s+",
    re.I,
)
_A_VERB = compiled(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|can|could|may|might|will|would|should|"
    r"must|shall|does|do|did|works?|acts?|gives?|reaches|lasts?|takes?|makes?|causes?|"
    r"cuts?|raises?|lowers?|helps?|beats?|gets?|got|holds?|held|gave|given|goes|went|comes?|"
    r"came|finds?|found|shows?|showed|shown|falls?|fell|rises?|rose|leads?|led|took|taken|"
    r"kept|keeps|feels?|felt|stays?|needs?|means?|seems?|ran|runs?|hits?|drops?|peaks?|"
    r"wears?|wore|sees?|saw|[a-z]+[^\We]ed)\b",  # ("-ed", not "speed")
    re.I,
)


# ...nor a figure, a ranking or a likeness: "Step 3: about 93 % bioavailability", "Case 2:
# IM ketamine cheaper than IV", "Topic 1: IV as the gold standard" state findings in notes
_STATES_A_FINDING = compiled(
    r"\d|%|\bthan\b|\bas (?:[\w-]+ ){0,3}?as\b|\bonly\b|\b(?:no|not|never|none)\b|"
    r"\bas the\b|\b(?:most|least|best|worst|fastest|slowest|safest|cheapest|highest|"
    r"lowest|greatest|strongest|weakest)\b",
    re.I,
)


def titles(text: str) -> bool:
    """Whether the text is a numbered part's title ("Slide 5: rate of delivery to the
    brain"): a label, a number, a colon, and neither a verb nor a finding after it."""
    label = _NUMBERED_LABEL.match(text)
    if label is None:
        return False
    rest = text[label.end() :]
    return not (_A_VERB.search(rest) or _STATES_A_FINDING.search(rest))
