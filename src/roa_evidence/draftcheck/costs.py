"""Writers' wordings of what a route costs against another ("roughly half as much as an
infusion", "a third of the price of a drip"), as `wordings` rules: a share of another's
price ranks the two; "as much as" alone would read as a likeness."""

from __future__ import annotations

__all__ = ["PAYERS", "RULES"]

_ABOUT = r"(?:about |roughly |around |only |just |nearly |maybe |perhaps )?"
_A_SHARE = r"(?:half|a third|a quarter|a fifth|a tenth|a fraction|two-thirds|three-quarters)"
# whom it costs, named between the verb and what it costs ("costs patients a third of what IV
# does", "costs insurers more"): the payer does not change the comparison
PAYERS = r"(?:patients|people|you|the patient|them|us|families|the clinic|the NHS|insurers)"
_WHOM = rf"(?: {PAYERS})?"
_TIMES = r"(?:twice|double|three times|four times|several times)"

# (pattern, replacement), applied in order after the rules before them in `wordings.RULES`.
RULES: tuple[tuple[str, str], ...] = (
    # "they cost roughly half as much as an infusion", "at a third of the price of a drip"
    (
        rf"\b(?:(?:costs?|costing){_WHOM}|priced at|charged at|at) {_ABOUT}{_A_SHARE} "
        r"(?:as much as|of what|the price of|the cost of|of the (?:price|cost) of)",
        "costs less than",
    ),
    (
        rf"\b(?:is|are|was|were|comes? in at|came in at) {_ABOUT}{_A_SHARE} "
        r"the (?:price|cost) of\b",
        "is cheaper than",
    ),
    # "this staffing is what pushes the price up": it raises the cost
    (
        r"\b(?:push|pushes|pushed|pushing|drive|drives|drove|driving|bump|bumps|bumped) "
        r"(?:up (?:the |its )?(?:price|cost|bill)s?|(?:the |its )?(?:price|cost|bill)s? up)\b",
        "raises its cost",
    ),
    (
        rf"\b(?:costs?|costing){_WHOM} {_ABOUT}{_TIMES} (?:as much as|what)",
        "costs more than",
    ),
)
