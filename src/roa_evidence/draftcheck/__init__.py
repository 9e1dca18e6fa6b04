"""Check a writer's draft against the tracked claims, the way a careful editor would.

`check(text, claims)` reads a draft (Markdown, LaTeX or plain text; see
`reading`), and gives one finding per sentence: the claim it repeats (see
`matching`), if any, and its problems:

- `opposite`: it asserts the negation of the claim, or flips its comparison (`polarity`);
- `mismatch`: a number differs from the claim's value and every linked source's (`numbers`);
- `cited-retracted`: it cites a work that is retracted (and not reinstated), without
  saying so (docs/retractions.md);
- `cited-against`: a source it cites contradicts the claim, or reports another value
  than the sentence states, or disputes the claim (a tracked document);
- `overclaim`: worded more firmly than the certainty allows (`hedging`);
- `unknown-key`: it cites a key the evidence base does not hold;
- `unsourced`: a number or comparison that matches no claim and cites nothing.

The verdict is the worst problem, else the claim's status, else `no-claim`.
Everything here is pure: text and claims in, a `CheckReport` out. `judging` checks
one sentence, `checking` every sentence of a draft, `findings` holds what they find,
and `drafts` reads a draft file's bytes as text.
"""

from .checking import check, check_file
from .cited import studied_conditions
from .drafts import BadDraft, decode_draft, docx_text, read_draft
from .findings import (
    FAIL_ON,
    PROBLEM_KINDS,
    STATUSES_WORST_FIRST,
    CheckReport,
    Finding,
    SentenceProblem,
)
from .matching import MATCH_SCORE
from .reading import DRAFT_FORMATS, Sentence, kind_of, split_sentences
from .routes import routes_named

__all__ = [
    "DRAFT_FORMATS",
    "FAIL_ON",
    "MATCH_SCORE",
    "PROBLEM_KINDS",
    "STATUSES_WORST_FIRST",
    "BadDraft",
    "CheckReport",
    "Finding",
    "Sentence",
    "SentenceProblem",
    "check",
    "check_file",
    "decode_draft",
    "docx_text",
    "kind_of",
    "read_draft",
    "routes_named",
    "split_sentences",
    "studied_conditions",
]
