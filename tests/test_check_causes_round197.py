"""`check` on the general causes behind the false alarms and misses of rounds 197-212, read
in the thirtieth pass (docs/check.md). In sentences worded apart from the rounds'; a reading
alone (a hedge, a label's number) through the function that reads it, a finding through the
CLI on a real draft and the shipped base."""

from __future__ import annotations

import pytest

from conftest import found_test, hearsay_test
from roa_evidence.draftcheck import numbers, reading, unchecked

FOUND_WITH_PROBLEM = [
    # more often than the claim's word allows, said against a claim that is not contradicted
    pytest.param(
        "Nausea and dizziness after IV or IM ketamine are not as rare as the leaflets say.",
        "side-effects-rare-mild-transient",
        "opposite",
        id="not_as_rare_as_the_leaflets_say_denies_rare",
    ),
    # a drip's running time said with "it" for the drug is still the infusion time
    pytest.param(
        "Our unit runs it over ten minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="runs_it_over_ten_minutes_is_not_the_infusion_time",
    ),
]
FOUND_WITHOUT_PROBLEM = [
    # ...and a dose "given over" a time, written in words
    pytest.param(
        "The team gave half a milligram per kilo over fifty minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="gave_half_a_milligram_per_kilo_over_fifty_minutes",
    ),
    pytest.param(
        "The nurse runs it in gently over about forty-five minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="runs_it_in_over_forty_five_minutes",
    ),
    # the contradicted claim, denied in other words: no problem, cited work and all
    pytest.param(
        "Children's trials put sickness after the jab well above minimal [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="well_above_minimal_denies_minimal",
    ),
    pytest.param(
        "Sickness after a jab is not as rare as clinic pages would have it [@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="not_as_rare_as_claimed_denies_minimal",
    ),
    pytest.param(
        "One clinic says jabs keep children from being sick, which the trials do not bear out "
        "[@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="a_claim_the_trials_do_not_bear_out_is_passed_on",
    ),
    # a refuted claim under a numbered "Myth" heading is denied, not asserted
    pytest.param(
        "Myth 4: only an infusion lets staff set the rate.",
        "iv-only-route-rate-controlled",
        "overclaim",
        id="a_numbered_myth_is_denied",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)

test_an_account_or_a_doubt_is_passed_on = hearsay_test(
    [
        # what the writer's people say of their own treatment, or find
        "Two of the clients we support said the jab hit them like a train.",
        "My brother had the spray, and for him it kicked in within minutes.",
        "Some patients find the spray wears off by teatime.",
        "Many people notice the drip leaves them groggy.",
        "The nasal spray did nothing for me, but that's just my own experience.",
        "He says the jab beats the drip, though that is only his say-so.",
        "We've heard that one clinic lets patients take a spray home.",
        # a figure passed on and doubted
        "The 93 % figure is everywhere, but we could not trace it to any study.",
        "I know of no trial that measures how much a swallowed dose loses to the liver.",
        "Calling the jab as good as a drip goes far beyond what nine patients per arm can show.",
        "Myth 3: a spray works as well as a drip.",
    ],
    asserted=[
        # a trial's result, what the writer's doctor said, and the writer's own experience as
        # a clinician: asserted
        "Patients in the IM arm found the recovery slower.",
        "My doctor said the jab works as well as a drip.",
        "In our experience the jab works as well as a drip.",
        # what hit the writer is theirs; what hit a drug is no account
        "The new rules hit clinics with extra paperwork.",
    ],
)


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        # a decade, an age range, a numbered box or stop, a figure of speech
        ("Before the 1840s, operations on the arm were done without any anaesthetic drug.", False),
        ("The study wants adults aged 18 to 65 who have tried a nasal spray.", False),
        ("Box 3.1 Ketamine: the drip, the jab and the spray", False),
        ("Walk on to Stop 5, where the nasal spray display is.", False),
        ("The pharmacist explained the drip, but half of it went over my head.", False),
        # a figure is still a figure
        ("Half of the spray never gets absorbed.", True),
        ("Adults aged 18 to 65 absorb about 45 % of the spray.", True),
    ],
)
def test_a_date_an_age_or_a_label_is_no_finding(sentence: str, unsourced: bool) -> None:
    assert unchecked.unsourced(sentence) is unsourced


def test_a_decade_is_no_duration_but_a_count_is_a_count() -> None:
    assert numbers.quantities("In the 1840s, surgery was done awake.") == []
    [count] = numbers.quantities("A trial of 1600 patients compared the routes.")
    assert (count.dimension, count.low) == ("participants", 1600)


def test_a_numbered_myth_is_no_speaker() -> None:
    assert reading.speaker("Myth 2: a drip is the only way to control the rate.") == ""
    assert reading.speaker("TESSA: A drip is the only way to control the rate.") == "TESSA: "
