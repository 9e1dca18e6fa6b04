"""Writers' wordings of side effects, of how well a route is tolerated ("the gentler of the
two routes", "easier on patients") and of the oversight it needs ("a professional keeping
watch"), as `wordings` rules; kept apart from `wordings` for size, `wordings.RULES` holds
them in place."""

from __future__ import annotations

__all__ = ["RULES"]

# a route, as writers name it after "than"
_A_ROUTE = (
    r"(?:iv|im|intravenous(?:ly)?|intramuscular(?:ly)?|drips?|infusions?|injections?|jabs?|"
    r"shots?|sprays?|nasal|oral|tablets?|pills?)"
)
# "... than a drip" (not "than after an IV infusion", "than an injection's", "than IV on price")
_THAN_A_ROUTE = rf"(?= than (?:a |an |the )?{_A_ROUTE}\b(?!'s)(?! (?:\w+ )?on (?:price|cost)))"

# sick less (or more) often than after another route: "vomited less often than", "were less
# likely to vomit than", "caused less vomiting than"
_SICK_LESS_OR_MORE = (
    r"\b(?:(?:vomited|threw up|were sick|got sick) {less_or_more}(?: often| frequently)?|"
    r"(?:were|was) {less_or_more} likely to (?:vomit|be sick|throw up)|"
    r"(?:caused|causes|produced|led to) {less_or_more} (?:vomiting|nausea|sickness))"
    # ...than another route, or than those given it ("than kids on the drip", "than those
    # given ketamine into a vein"; not "than expected", "than adults after an IM shot")
    r"(?= than (?:after |with |on )?(?:(?:those|children|kids|patients|people|ones|the ones) "
    r"(?:given|on|having|receiving|who (?:had|got|received)) (?:it |ketamine )?"
    r"(?:by |into |through |via |in )?)?(?:a |an |the )?(?:" + _A_ROUTE + r"|vein|muscle)\b)"
)

# what a route is easy or hard on: people and their bodies ("kids' stomachs"), not their
# schedules or wallets ("patients' wallets")
_THE_BODY = (
    r"(?:patients|people|the body|the patient|the stomach|the tummy|children|kids)"
    r"(?:'s? (?:stomachs?|tummies|bodies))?\b(?!')"
)

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "coming off a drip is always smooth": the comedown after it
    (
        r"\bcoming (?:off|down from|out of) (?=(?:a |an |the |your )(?:drip|infusion)s?\b)",
        "the comedown after ",
    ),
    (r"\b(?:strong|severe|serious|nasty|powerful|heavy) side[- ]effects\b", "intense side effects"),
    # "someone medically trained to keep an eye on you", "a professional keeping watch",
    # "supervised by a professional": professional oversight
    (
        r"\b(?:a professional|a clinician|a nurse|a doctor|medical staff|trained staff) "
        r"(?:keeping watch|watching over|on hand|present)\b",
        "professional oversight",
    ),
    (
        r"\b(?:supervised|watched|monitored) by (?:a |an )?(?:medical )?(?:professional|clinician|"
        r"nurse|doctor|medical team|trained staff)\b",
        "with professional oversight",
    ),
    (
        r"\b(?:anyone|someone|a professional|staff|a nurse|a doctor)"
        r"(?: medically trained| trained)? (?:to )?(?:keep|keeping) an eye on "
        r"(?:you|them|the patient|patients)\b",
        "professional oversight",
    ),
    # "need closer supervision", "the medical team supervising them" (not "close monitoring"
    # or "close watching", which are of the dose: topics.py)
    (
        r"\b(?:closer|close|careful|extra) (?:medical )?(?:supervision|observation)\b|"
        r"\b(?:the |a )?(?:medical team|doctors?|nurses?|staff|clinicians?|professionals?) "
        r"supervising (?:them|him|her|you|patients|the patient)\b",
        "professional oversight",
    ),
    # those the claim of oversight is for: "a history of heart problems", "heart trouble",
    # "a history of psychosis", "a mental-health history" (its "cardiovascular or psychiatric
    # histories")
    (
        r"\b(?:(?:a )?history of (?:heart (?:disease|problems?|trouble)|high blood pressure|"
        r"palpitations)|(?:(?<=with )|(?<=have )|(?<=has )|(?<=had ))(?:a )?(?:heart "
        r"(?:problems?|trouble|disease|conditions?|issues?)|cardiac (?:condition|problems?))|"
        r"(?:a )?(?:heart|cardiac) "
        r"history)\b",
        "cardiovascular history",
    ),
    (
        r"\b(?:(?:a )?history of (?:psychosis|(?:serious )?mental illness|psychiatric illness)|"
        r"(?:(?<=with )|(?<=have )|(?<=has )|(?<=had )|(?<=or ))(?:a )?(?:mental[- ]health "
        r"(?:conditions?|problems?)|"
        r"(?:past )?psychiatric (?:illness|conditions?))|(?:a )?(?:past )?(?:psychiatric|"
        r"mental[- ]health|psych) histor(?:y|ies))\b",
        "psychiatric history",
    ),
    # "a fierce, frightening high": intense side effects
    (
        r"\b(?:fierce|intense|powerful|overwhelming|frightening|terrifying|scary|brutal)"
        r"(?:,? (?:often |very |really )?(?:fierce|intense|frightening|terrifying|scary))? "
        r"(?:high|trip|dissociation|dissociative (?:episode|experience)s?)\b",
        "intense side effects",
    ),
    # tolerability is a scale of its own, not efficacy ("better tolerated" is not "better")
    (
        r"\b(?:better|more easily) tolerated\b|\btolerated (?:(?:much|far|rather) )?(?:better|more "
        r"easily)\b(?! than (?:I|we|you|they|expected|anticipated|feared|hoped)\b)",
        "more tolerable",
    ),
    # "the gentler of the two routes", "the easier of the two for patients to tolerate"
    (
        r"\bthe (?:gentler|kinder|better tolerated|more tolerable) of the (?:two|routes)"
        r"(?: routes)?(?: for (?:patients|people|children) to (?:tolerate|bear|cope with))?|"
        r"\bthe easier of the (?:two|routes)(?: routes)? for (?:patients|people|children) to "
        r"(?:tolerate|bear|cope with)",
        "more tolerable than the other",
    ),
    # "easier on the stomach", "much harder on people than the drip": how well it is borne
    # (not "no harder on patients than": a likening)
    (
        r"(?<!no )\b(?:easier|gentler|kinder) on " + _THE_BODY,
        "more tolerable",
    ),
    (
        r"(?<!no )\b(?:harder|rougher|tougher|harsher) on " + _THE_BODY,
        "less tolerable",
    ),
    # "the injection is gentler than a drip": a route ranked on tolerability
    (r"\b(?:gentler|kinder)" + _THAN_A_ROUTE, "more tolerable"),
    (r"\b(?:harsher|rougher)" + _THAN_A_ROUTE, "less tolerable"),
    (
        r"\b(?:worse|less well|more poorly) tolerated\b|\btolerated (?:(?:much|far) )?(?:worse|"
        r"less well)\b",
        "less tolerable",
    ),
    # "children given IM vomited less often than those given IV", "caused less vomiting than
    # the drip": routes ranked on how well they are tolerated
    (_SICK_LESS_OR_MORE.format(less_or_more="less"), "were more tolerable"),
    (_SICK_LESS_OR_MORE.format(less_or_more="more"), "were less tolerable"),
)
