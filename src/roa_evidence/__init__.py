"""roa-evidence: claims about ketamine routes, who makes them, and the graded evidence behind each.

Library use::

    from roa_evidence import ClaimFilter, find_claims, open_store

    with open_store() as conn:                      # the shipped evidence base
        for claim in find_claims(conn, ClaimFilter(routes=("IM",))):
            print(claim.id, claim.certainty, claim.status)

Names are imported on first use, so `import roa_evidence` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "open_store": "load.refresh",
    "ClaimFilter": "query.queries",
    "find_claims": "query.queries",
    "find_works": "query.queries",
    "gaps": "query.queries",
    "get_claim": "query.queries",
    "get_work": "query.queries",
    "read_evidence_base": "load.read",
    "grade": "grading",
    "conflicts": "query.views",
    "compare": "query.views",
    "evidence_map": "query.views",
    "check": "draftcheck",
    "render_report": "report",
    "export": "exporters",
    "import_retractions": "retractions.importing",
    "retraction_changes": "retractions.importing",
    "EvidenceError": "errors",
    "InvalidRetractions": "errors",
    "InvalidData": "errors",
    "DataNotFound": "errors",
    "NotFound": "errors",
    "StoreError": "errors",
    "Problem": "errors",
}

__all__ = [
    "ClaimFilter",
    "DataNotFound",
    "EvidenceError",
    "InvalidData",
    "InvalidRetractions",
    "NotFound",
    "Problem",
    "StoreError",
    "__version__",
    "check",
    "compare",
    "conflicts",
    "evidence_map",
    "export",
    "find_claims",
    "find_works",
    "gaps",
    "get_claim",
    "get_work",
    "grade",
    "import_retractions",
    "open_store",
    "read_evidence_base",
    "render_report",
    "retraction_changes",
]

if TYPE_CHECKING:
    from .draftcheck import check
    from .errors import (
        DataNotFound,
        EvidenceError,
        InvalidData,
        InvalidRetractions,
        NotFound,
        Problem,
        StoreError,
    )
    from .exporters import export
    from .grading import grade
    from .load.read import read_evidence_base
    from .load.refresh import open_store
    from .query.queries import ClaimFilter, find_claims, find_works, gaps, get_claim, get_work
    from .query.views import compare, conflicts, evidence_map
    from .report import render_report
    from .retractions.importing import import_retractions, retraction_changes


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'roa_evidence' has no attribute '{name}'")
    return getattr(importlib.import_module(f".{module}", __name__), name)
