"""Writers' wordings of a heart rate or a blood pressure that ketamine raises or lowers, as
`wordings` rules; kept apart from `wordings` for size, `wordings.RULES` holds them in place."""

from __future__ import annotations

from .subjects import A_DOSE

__all__ = ["RULES"]

# what raises or lowers a heart rate: the drug, a dose or way of giving it, or "it" (not
# "labetalol, which lowers the blood pressure")
_BY_IT = (
    rf"\b(?P<it>{A_DOSE}\b"
    r"(?:\s+(?!(?:which|that|who|and|but)\b)[\w'-]+){0,3}?)\s+"
)
_RAISES = (
    r"(?:raises?|raised|raising|increases?|increased|increasing|speeds? up|sped up|"
    r"pushes up|push up|pushed up) "
)
_LOWERS = (
    r"(?:lowers?|lowered|lowering|reduces?|reduced|reducing|slows?|slowed|drops?|dropped|"
    r"dropping) "
)
_BRINGS = r"(?:brings?|brought|bringing|slows?|slowed|slowing|knocks?|knocked|knocking) "
_PUSHES = r"(?:push(?:es|ed|ing)?|sends?|sent|sending|drives?|drove|driving|bumps?|bumped) "
_HEART_RATE = r"(?:heart ?rate|pulse|heart ?beat)\b"
_BLOOD_PRESSURE = r"(?:blood pressure|bp)\b"
# whose heart rate or blood pressure: "your", "the patient's"
_WHOSE = r"(?:(?:your|his|her|their|the|a|one's) )?(?:patient's |patients' |person's )?"
# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    (r"\bbp\b", "blood pressure"),
    # "leaves your heart rate completely alone": does not affect it
    (
        r"\b(?:leaves?|left|leaving) " + _WHOSE + "(" + _HEART_RATE + "|" + _BLOOD_PRESSURE + r")"
        r" (?:completely |entirely |largely |well )?(?:alone|unchanged|untouched)\b",
        r"does not affect \1",
    ),
    # "leaves you struggling to breathe": it affects respiratory function
    (
        r"\b(?:struggling|struggle|struggles|fighting|fight|unable|labouring) to breathe\b",
        "significantly affects respiratory function",
    ),
    # "hits your breathing hard": it affects respiratory function
    (
        r"\b(?:hits?|hitting|hammers?|knocks?|slows?|suppress(?:es)?) (?:your |the |their )?"
        r"breathing(?: hard| (?:right |way )?down| badly)?\b",
        "significantly affects respiratory function",
    ),
    # "a nurse will check your blood pressure": a reading taken, not a rise
    (
        r"\b(?:checks?|checked|checking|monitors?|monitored|monitoring|measures?|measured|"
        r"measuring|records?|recorded|recording|takes?|took|taken|taking) "
        + _WHOSE
        + r"(?:"
        + _BLOOD_PRESSURE
        + r"|"
        + _HEART_RATE
        + r")(?:,? (?:and |or )?(?:[\w-]+ ){0,3}?"
        r"(?:" + _BLOOD_PRESSURE + r"|" + _HEART_RATE + r"|oxygen(?: level| saturation)?|"
        r"temperature|breathing))*",
        "takes observations",
    ),
    # "blood pressure and pulse are recorded before and after": observations, not a rise
    (
        rf"\b(?:{_BLOOD_PRESSURE}|{_HEART_RATE})(?:,? (?:and |or )?(?:{_BLOOD_PRESSURE}|"
        rf"{_HEART_RATE}|oxygen(?: levels?| saturations?)?|temperature|breathing))* (?:are|is|"
        r"will be|should be|must be|were|was) (?:checked|monitored|recorded|measured|taken|"
        r"noted|charted)\b"
        # (not where it says why: "... checked, because an infusion pushes it up")
        r"(?![^.;]{0,60}\b(?:because|since|as (?:it|ketamine|the)|so that|in case)\b)",
        "observations are taken",
    ),
    (r"\b(?:blood pressure|bp) (?:rise|rises|increase|increases)\b", "rise in blood pressure"),
    # a heart rate or a blood pressure that ketamine, a dose of it or "it" raises, or lowers
    # (which denies that it rises); what another drug does to them is no claim's
    (_BY_IT + _RAISES + _WHOSE + _HEART_RATE, r"\g<it> cause tachycardia"),
    (_BY_IT + _LOWERS + _WHOSE + _HEART_RATE, r"\g<it> does not cause tachycardia"),
    (_BY_IT + _RAISES + _WHOSE + _BLOOD_PRESSURE, r"\g<it> cause increases in blood pressure"),
    (
        _BY_IT + _LOWERS + _WHOSE + _BLOOD_PRESSURE,
        r"\g<it> does not cause increases in blood pressure",
    ),
    # "pushes the pulse up", "sends your blood pressure up"
    (_BY_IT + _PUSHES + _WHOSE + _HEART_RATE + r" up", r"\g<it> cause tachycardia"),
    (
        _BY_IT + _PUSHES + _WHOSE + _BLOOD_PRESSURE + r" up",
        r"\g<it> cause increases in blood pressure",
    ),
    # "brings blood pressure down", "slows your pulse down"
    (_BY_IT + _BRINGS + _WHOSE + _HEART_RATE + r" down", r"\g<it> does not cause tachycardia"),
    (
        _BY_IT + _BRINGS + _WHOSE + _BLOOD_PRESSURE + r" down",
        r"\g<it> does not cause increases in blood pressure",
    ),
)
