"""What others say, passed on as such ("patients report", "members who have tried both tell
us"), and one patient's own experience told as such ("it hit me within minutes"): accounts,
read at GRADE's very-uncertain level as "reportedly" is (`hedging`), and never a finding of
the writer's own (`unchecked`). Pattern pieces, joined into the readers' expressions."""

from __future__ import annotations

__all__ = ["DOUBTS", "OWN_EXPERIENCE", "PEOPLE_SAY", "RESEARCH_WORKS"]

# Works of research: what is reported in them is a finding, not something people say
RESEARCH_WORKS = (
    r"(?:trials?|stud(?:y|ies)|papers?|reviews?|articles?|rcts?|meta-analys[ie]s|literature)"
)

# "patients report", "listeners often say": what others say, passed on as such
PEOPLE_SAY = (
    # (not "trials in people who...", "studies of patients...": a study's result)
    r"(?<!\bmy )(?<!\bin )(?<!\bwith )(?<!study of )(?<!studies of )(?<!trial of )"
    r"(?<!trials of )"
    # "among our members who have tried both, most report that": some of a group, passing on
    r"(?:(?:members|patients|users|people|clients|veterans|friends|colleagues)\b[^.;]{0,60}?"
    r"\b(?:most|many|several|some) (?:(?:often |also )?report that|say that)|"
    r"by (?:(?:many |most |some )?(?:patients|users|people)'|patients?) accounts|"
    r"(?:some |many |a few |other |(?:some|many|most|a few) of (?:my|our) )?"
    r"(?:patient groups|patient advocates|patients|"
    r"people|users|clinics|authors|sources|advocates|proponents|backers|supporters|"
    r"commentators|practitioners|listeners|readers|viewers|members|veterans|guests|clients|"
    r"writers|bloggers|influencers|forums?|blogs?|websites|threads?|others|folks) "
    r"(?:(?:online |elsewhere )?(?:often |sometimes |commonly |frequently |also |still |do |"
    r"generally |mostly |widely |consistently |repeatedly |regularly |even )?(?:have |had )?"
    r"(?:report|say|describe|claim|claims|believe|feel that|reported|said|described|claimed|"
    r"told|mention|mentioned|tell (?:me|us))|"
    # "patients I have spoken to report", "people we talk to say", "patients I've met online say"
    r"(?:I|we)(?:'ve| have)? (?:(?:spoken|talked|talk|speak) (?:to|with)|(?:met|seen|treated)"
    r"(?: online)?|heard from) (?:report|say|describe|mention|tell (?:me|us))|"
    # "people who got it in the muscle have reported", "folks who've had it report feeling":
    # what those who had it say, in the present ("patients who had IM reported more nausea",
    # in the past, is a trial's result)
    r"who(?:'ve| have| had)? (?:got|had|received|tried|used) (?:[\w'-]+ ){1,5}?"
    r"(?:report(?:ing)?|have reported|say|describe|have said|tell (?:me|us|a different story))\b|"
    # "people who inject into a muscle report that": what they say, passed on
    r"who (?:[\w'-]+ ){1,5}?(?:report|say|tell (?:me|us)) that|"
    # "some writers go further and say that"
    r"go (?:further|as far) and (?:say|claim|argue)|"
    # "patients in one online community say", "users on forums have said": hearsay
    # ("patients in the IM arm reported more nausea" is a trial's result: not a hedge)
    r"(?:on|in|at|from|of) (?!(?:the |each |both |either )?(?:[\w-]+ )?(?:arms?|groups?|trials?|"
    r"stud(?:y|ies))\b)(?![^.;]{0,40}?\b" + RESEARCH_WORKS + r"\b)"
    r"(?:[\w'-]+ ){1,5}?(?:often |also |still |generally )?"
    r"(?:report|say|describe|claim|claimed|mention|tell (?:me|us)|reported that|"
    r"(?:have|had) (?:said|reported|described|claimed|told))|"
    # "patients who have tried both say", "members who've had both tell us", "viewers who've
    # had infusions tell me": what patients report, though the claim iv-more-relief-than-in is
    # worded so (writers split on it; the rounds since 80 all read it as passed on; "anyone
    # who has tried both will tell you" is no one in particular, and stays an assertion)
    r"(?:[\w'-]+ ){0,3}?who(?:'ve| have| had)? (?:[\w-]+ ){0,2}?"
    r"(?:tried|had|used|experienced|done) "
    r"(?:(?:both|the two)(?: routes)?,? (?:often |generally |mostly |usually |all |tend to )?"
    r"(?:report(?:ed)?|say|said|(?:keep )?tell(?:ing)? (?:me|us|her|him)|told (?:me|us|her|him)|"
    r"describe)|"
    # ...of one route or several, saying so or telling the writer ("patients who had the
    # infusion reported faster relief" is a trial's result)
    r"(?:an? |the |several |many )?[\w-]+,? (?:often |generally |mostly |usually |all )?"
    r"(?:say|said|tell (?:me|us)|told (?:me|us)))))|"
    # (the lookbehinds at the head govern only the group before this point)
    # "a couple of people I support said", "clients we see tell us": passed on by the writer
    r"\b(?:people|patients|clients|service users|residents|those|folks) (?:I|we) (?:support|"
    r"look after|care for|work with|see|visit|know) (?:often |have )?(?:said|say|report(?:ed)?|"
    r"told (?:me|us)|tell (?:me|us)|describe[sd]?)\b|"
    # "some patients find the effects linger": an experience some have, not a finding
    r"\b(?:some|many|a few|plenty of) (?:patients|people|users|clients|of them) "
    r"(?:find|notice)\b|"
    # an account said to be no more than one: "..., though that's only what she reported",
    # "but that's just my experience", "though that is only her say-so"
    r"\b(?:that's|that is|this is|it's|it is) (?:only|just|merely) (?:(?:what|how) (?:she|he|"
    r"they|I|we|one patient|patients|the patient) (?:reported|said|felt|described|told)|"
    r"(?:my|her|his|their|one (?:person|patient)'s) (?:own )?(?:experience|say-so|opinion|word|"
    r"story|impression)\b)|"
    r"\bonly (?:my|her|his|their) say-so\b"
)
# a claim the writer doubts, without denying it: "I was less persuaded by the claim that X",
# "we remain sceptical that X" (the writer's own doubt: a colleague's is theirs)
DOUBTS = (
    r"\b(?:I|we)(?:'m|'re| am| are| was| were| remain| remained)? (?:still )?(?:(?:less|not|un) ?"
    r"(?:persuaded|convinced) by|(?:sceptical|skeptical|doubtful|unconvinced) (?:of|about|that))"
)
# one patient's own experience, told as such: "within minutes of the needle going in I
# felt...", "it hit me within minutes": an account, as "patients report" is
OWN_EXPERIENCE = (
    r"\b(?:(?:I|we) (?:felt|noticed|started to feel|began to feel)|"
    r"(?:hit|knocked|got to) me|"
    # "they put it into my shoulder, and within minutes the room went soft": given to me
    r"(?:put|gave|injected|pushed|sprayed) (?:it|the (?:dose|drug|ketamine|shot|jab)|ketamine) "
    r"(?:into|up) my|"
    # "he says it hits him within a couple of minutes": one user's account of their own
    r"(?:says?|said) (?:that )?it (?:hits|hit|kicks in for|works for) (?:him|her|them)|"
    # "my son had his as a shot, and for him it kicked in within a minute": one patient's
    r"for (?:me|him|her|them),? it (?:kicked in|worked|hit|wore off|took)|"
    # "side effects for me were mild" ("in my experience, X" asserts X: a clinician's
    # experience is no hedge, rounds 15-133 say)
    r"(?:side effects|effects|the comedown|the nausea|the dizziness|the dissociation) for me "
    r"(?:was|were|has been|have been)(?! that))\b"
)
