"""Editorial notices, a pre-filter before a finding's bodies are formed (issue 16;
docs/retractions.md): a retracted work's links leave the claim, an expression of
concern becomes a risk-of-bias concern."""

from __future__ import annotations

from dataclasses import replace

from ..retractions.notices import standing
from .config import GradingConfig
from .types import ClaimEvidence, Link, Step

CONCERN_FLAG = "expression-of-concern"


def screen_notices(
    claim: ClaimEvidence, config: GradingConfig
) -> tuple[ClaimEvidence, GradingConfig, list[Step]]:
    """Drop the links of retracted works (every stance), and make an expression of
    concern a risk-of-bias concern; each as a 0-change `retraction` step naming the
    notice. Corrections are shown elsewhere, not graded; a reinstatement undoes a
    retraction (`notices.standing`)."""
    if not any(link.study.notices for link in claim.links):
        return claim, config, []
    kept: list[Link] = []
    steps: list[Step] = []
    said: set[str] = set()
    for link in claim.links:
        found = standing(link.study.notices)
        key = link.study.key
        if found.retraction is not None:
            why = f"excluded: {key} {found.retraction.describe()} ({link.stance})"
            steps.append(Step("retraction", 0, why))
            continue
        if found.concerns:
            if key not in said:
                said.add(key)
                what = "; ".join(notice.describe() for notice in found.concerns)
                steps.append(Step("retraction", 0, f"{key}: {what}, a risk-of-bias concern"))
            study = replace(link.study, quality=link.study.quality | {CONCERN_FLAG})
            link = replace(link, study=study)
        kept.append(link)
    concerned = any(CONCERN_FLAG in link.study.quality for link in kept)
    if concerned and CONCERN_FLAG not in config.bias_flags:
        config = replace(config, bias_flags=(*config.bias_flags, CONCERN_FLAG))
    return replace(claim, links=tuple(kept)), config, steps
