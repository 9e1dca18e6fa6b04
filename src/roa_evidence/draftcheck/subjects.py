"""What a rule's sentence says a thing of when it speaks of the drug: ketamine, a dose of it,
a way of giving it, or "it" (a pattern piece the `wordings` rules share)."""

from __future__ import annotations

__all__ = ["A_DOSE"]

# (a group of no capture: "the drip raises", "infusions were no different", "it can take
# weeks"; not "drugs" nor "they", so often other antidepressants: "they take weeks to work")
A_DOSE = (
    r"(?:ketamine|it|drug|doses?|drips?|infusions?|iv|injections?|shots?|jabs?|sprays?|"
    r"tablets?)"
)
