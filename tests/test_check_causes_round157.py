"""`check` on the general causes behind the misses and false alarms of rounds 157-164, read
in the twenty-fourth pass (docs/check.md). Through the CLI on a real draft and the shipped
base, in sentences worded apart from the rounds'. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, problem_kinds, reviewed_test
from roa_evidence.draftcheck import parts
from roa_evidence.draftcheck.lexicon import canonical

FOUND_WITH_PROBLEM = [
    pytest.param(
        "An injection into the thigh delivers roughly 60 % of the dose to the circulation, "
        "not far off what an infusion manages.",
        "im-bioavailability-93",
        "mismatch",
        id="the_route_a_share_is_measured_against_is_its_yardstick",
    ),
    pytest.param(
        "Tablets get about 16 % of the drug into the blood, relative to a dose "
        "given through a drip.",
        "oral-bioavailability-16",
        "overclaim",
        id="relative_to_a_drip_names_the_yardstick",
    ),
    pytest.param(
        "Taking ketamine as a pill puts almost as much of it into your circulation as an "
        "infusion would.",
        "oral-bioavailability-low",
        "opposite",
        id="as_much_as_a_drip_is_a_share_against_its_yardstick",
    ),
    pytest.param(
        "Ketamine tablets are absorbed nearly as completely as an IV dose.",
        "oral-bioavailability-low",
        "opposite",
        id="absorbed_as_completely_as_iv_is_well_absorbed",
    ),
    pytest.param(
        "In my experience a nasal spray brings on just as much dissociation and blood-pressure "
        "rise as an IV infusion does.",
        "in-smaller-dissociation-bp-hr",
        "opposite",
        id="just_as_much_x_and_y_as_is_a_likeness",
    ),
    pytest.param(
        "An IM injection does just as much for depression as an IV drip.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="routes_alike_for_a_condition_are_alike_in_effect",
    ),
    pytest.param(
        "Despite the marketing, IV is not the most thoroughly investigated way to give ketamine.",
        "iv-most-researched-route",
        "opposite",
        id="most_thoroughly_investigated_is_most_researched",
    ),
    pytest.param(
        "IV ketamine has been researched no more than any other route.",
        "iv-most-researched-route",
        "opposite",
        id="researched_no_more_than_any_other_is_not_the_most",
    ),
    pytest.param(
        "Most of the studies to date have focused on nasal sprays rather than on IV infusions.",
        "iv-most-researched-route",
        "opposite",
        id="most_studies_focused_on_another_route_gives_it_the_superlative",
    ),
    pytest.param(
        "For most patients an IM shot is kinder than an IV infusion, with fewer side effects.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="kinder_than_ranks_on_tolerability",
    ),
    pytest.param(
        "An IV drip is harsher than an IM injection for most patients.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="harsher_than_ranks_on_tolerability",
    ),
    pytest.param(
        "An IM shot may bring rapid relief of depression [@hardy2012randomized].",
        "im-effective-depression",
        "cited-against",
        id="a_work_whose_claims_on_the_topic_are_on_pain_cited_for_depression",
    ),
    pytest.param(
        "After an IM injection there's no taking the dose back.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="no_taking_it_back_is_cannot_be_stopped",
    ),
    pytest.param(
        "An IV drip of ketamine clears stubborn depression within hours.",
        "iv-effective-rapid-depression",
        "overclaim",
        id="clearing_stubborn_depression_is_effective_for_it",
    ),
    pytest.param(
        "You will need a friend to take you home after the drip.",
        "iv-transport-after-treatment",
        "overclaim",
        id="someone_to_drive_you_home_is_arranging_transport",
    ),
    pytest.param(
        "Combining IV ketamine with counselling makes the outcomes far better.",
        "psychotherapy-enhances-outcomes",
        "overclaim",
        id="counselling_that_makes_outcomes_better_is_psychotherapy_improving_them",
    ),
    pytest.param(
        "In that study, the lift in mood reportedly persisted for about ten days.",
        "chilukuri-effect-sustained-3-days",
        "mismatch",
        id="a_figure_on_the_claims_own_topic_and_dimension_matches_in_any_words",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "Quite a few members of our support group mention a pounding heart after an IM shot.",
        "im-tachycardia",
        "overclaim",
        id="people_who_mention_it_pass_it_on",
    ),
    pytest.param(
        "Some patients even tell me that the quick peak of an IM shot makes the session feel "
        "more profound.",
        "im-more-profound-experience",
        "overclaim",
        id="patients_who_even_tell_me_pass_it_on",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


def test_routes_compared_for_a_condition_are_compared_in_effect() -> None:
    said = parts.read_parts("A jab does every bit as much for depression as a drip.")
    assert said.compares == "equivalence" and said.topics == {"efficacy"}
    # ketamine against another treatment compares no routes
    said = parts.read_parts("Ketamine is prescribed for depression more often than ECT.")
    assert "efficacy" not in said.topics


def test_a_likeness_of_reasons_compares_no_routes() -> None:
    said = parts.read_parts(
        "Choosing between a drip and a jab will rest as much on cost and comfort as on evidence."
    )
    assert said.compares != "equivalence"


def test_two_rates_side_by_side_keep_both_routes() -> None:
    """ "30 % after the shot against 10 % after the drip": the drip has a rate of its own, so
    it is a route compared, not the yardstick of a share."""
    said = parts.read_parts(
        "About 30 percent vomited after the injection against 10 percent after the drip."
    )
    assert said.routes == {"IM", "IV"} and not said.yardstick
    said = parts.read_parts("About 93 % of an injection reaches the blood, against a drip's 100 %.")
    assert said.routes == {"IM"} and said.yardstick == {"IV"}
    said = parts.read_parts("The spray is absorbed three times as well as tablets.")
    assert said.routes == {"IN", "oral"} and not said.yardstick


test_what_the_people_the_writer_spoke_to_say_is_passed_on = hearsay_test(
    [
        "Patients I have spoken to report that the drip leaves them groggy.",
        "People we talk with say the spray stings.",
        "Patients I've met online say the spray stings.",
        "A forum said the spray stings.",
        "Some of our clients tell us the spray stings.",
        "People who use the spray at home report that it stings.",
        "Some bloggers go further and say that the spray always stings.",
        "Staff at one clinic claimed the spray never stings.",
        "Street vials are also said to be diluted with tap water.",
    ]
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The relief held for about a fortnight.",
        "The improvement persisted for a week.",
        "Her better mood carried on for ten days.",
    ],
)
def test_holding_for_a_while_is_a_duration(sentence: str) -> None:
    assert "duration" in parts.read_parts(sentence).topics


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine acts far faster than standard antidepressants, which can take a month to work.",
        "Ketamine is much gentler on the body than the older antidepressants.",
    ],
)
def test_ketamine_ranked_against_other_treatments_ranks_no_routes(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert "opposite" not in problem_kinds(finding), finding


def test_the_speed_a_dose_is_changed_at_is_its_rate_of_delivery() -> None:
    assert canonical("Staff can change the speed, and it can be dialled up or down.") == (
        "Staff can change the rate of delivery, and it can be controlled."
    )


# A second reader's cases against this pass's readings (docs/check.md, twenty-fourth pass):
# each read wrongly before its mend. (sentence, a problem it must get, one it must not)
REVIEWED = [
    ("IM ketamine is as effective as IV for depression, despite what critics have claimed.",
     "overclaim", None),
    ("Staff told us a jab works every bit as well as a drip for depression.", "overclaim", None),
    ("Trials in people who are treatment-resistant report that IV ketamine gives rapid relief "
     "of depression.", "overclaim", None),
    ("More clinics offer IV than IM for depression.", None, "opposite"),
    ("After the IM injection, press on the site and hold for a minute.", None, "mismatch"),
    ("The same holds for intramuscular ketamine.", None, "overclaim"),
    ("IM is kinder than IV on price.", None, "opposite"),
    ("A nasal spray delivers about 45 % of the dose, compared with an IM shot's 93 %.", None,
     "mismatch"),
    ("Intranasal ketamine causes half as much dissociation and blood-pressure rise as IV.",
     None, "opposite"),
    ("With IM, there's no stopping it from spreading across Australian clinics.", None,
     "overclaim"),
    ("An IV session lets you control the pace of the conversation with your therapist.", None,
     "overclaim"),
    ("Psychiatrists who treat stubborn depression often start with an IV course.", None,
     "overclaim"),
]  # fmt: skip


test_the_reviews_cases_are_read_right = reviewed_test(REVIEWED)


def test_a_comedown_gentler_than_after_a_drip_is_about_the_comedown(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped, tmp_path, "The comedown after IM is gentler than after an IV infusion."
    )
    assert finding["claim"] == "iv-abrupt-comedown", finding


def test_doubled_chances_of_recovery_with_no_therapy_are_no_psychotherapy_claim(
    shipped: Run, tmp_path: Path
) -> None:
    finding = check_one(
        shipped, tmp_path, "IV ketamine doubles your chances of recovery compared with IM."
    )
    assert finding["claim"] != "psychotherapy-enhances-outcomes", finding
