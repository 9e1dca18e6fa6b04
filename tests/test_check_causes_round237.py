"""`check` on the general causes behind the misses and false alarms of rounds 237-244, read
in the thirty-third pass (docs/check.md). In sentences worded apart from the rounds'; a
finding through the CLI on a real draft and the shipped base."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, problem_kinds, reviewed_test
from roa_evidence.draftcheck import numbers, unchecked

FOUND_WITH_PROBLEM = [
    # a fraction in words with no digit in the sentence is still a share
    pytest.param(
        "Reportedly only about a twentieth of a swallowed tablet ends up in the blood "
        "[@fanta2015population].",
        "oral-bioavailability-16",
        "mismatch",
        id="a_twentieth_with_no_digit_beside_it",
    ),
    # "nearly all of it reaches the blood" is a share too, and far from an oral dose's
    pytest.param(
        "Swallowed as a pill, almost all of the drug gets into the bloodstream.",
        "oral-bioavailability-16",
        "opposite",
        id="nearly_all_is_a_share",
    ),
    # blinding said of patients and staff "kept blind"
    pytest.param(
        "In the IM trial both patients and doctors were kept blind to the route.",
        "im-study-not-double-blind",
        "opposite",
        id="kept_blind_is_double_blind",
    ),
    # "tolerated better than": routes ranked on tolerability, not on effect
    pytest.param(
        "An injection into the muscle is tolerated much better than a drip.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="tolerated_better_than_ranks_tolerability",
    ),
    # "a more gradual peak" is a slower one
    pytest.param(
        "A jab produces a softer, more gradual peak than an infusion does.",
        "im-peaks-faster-than-iv",
        "opposite",
        id="a_more_gradual_peak_is_slower",
    ),
    # by-products are metabolites; the drug outnumbering them, or hardly any of them, is
    # the contrary of metabolites outweighing it
    pytest.param(
        "After a tablet, the drug itself outnumbers its by-products in the brain.",
        "oral-metabolites-dwarf-ketamine",
        "opposite",
        id="the_drug_outnumbering_its_by_products",
    ),
    pytest.param(
        "Swallowed ketamine reaches the brain with scarcely any breakdown products alongside.",
        "oral-metabolites-dwarf-ketamine",
        "opposite",
        id="scarcely_any_breakdown_products",
    ),
    # a phrasal verb split round its object: "push the pulse up"
    pytest.param(
        "Ketamine does not push your pulse up after an IM injection.",
        "im-tachycardia",
        "opposite",
        id="not_pushing_the_pulse_up",
    ),
    # "an NMDA activator" stimulates what the claim says it blocks
    pytest.param(
        "Given IV or IM, ketamine is best described as an NMDA activator.",
        "nmda-receptor-target",
        "opposite",
        id="an_nmda_activator",
    ),
    # "the site you inject makes no difference": absorption does not depend on it
    pytest.param(
        "For an IM dose, the site you inject makes no difference to how quickly it works.",
        "im-absorption-depends-on-site",
        "opposite",
        id="the_site_makes_no_difference",
    ),
    # one route's dose converted into another's: there is a formula after all
    pytest.param(
        "Most clinics convert a nasal dose into an IV dose with a simple multiplier.",
        "routes-not-interchangeable",
        "opposite",
        id="a_dose_converted_with_a_multiplier",
    ),
    pytest.param(
        "An IV dose of 50 mg is the same as 125 mg sprayed up the nose.",
        "routes-not-interchangeable",
        "opposite",
        id="one_routes_mg_the_same_as_anothers",
    ),
    # a work said to side with a claim it contradicts, beside an open question
    pytest.param(
        "It is unclear whether either route spares breathing, though the label is reassuring "
        "on this point [@ketalar_label].",
        "no-respiratory-depression",
        "cited-against",
        id="a_contrary_work_said_to_reassure",
    ),
    # how long an infusion runs, in other words
    pytest.param(
        "In the early trials, staff ran the drug into a vein over about ten minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="ran_into_a_vein_over_a_time",
    ),
    pytest.param(
        "Infusions should be finished within 20 minutes.",
        "iv-infusion-over-40-60-min",
        "mismatch",
        id="infusions_finished_within_a_time",
    ),
    # why another route is used ("when we cannot find a vein") is no claim about IV
    pytest.param(
        "When we cannot find a vein, a jab in the thigh starts working within about fifteen "
        "minutes.",
        "im-onset-1-2-min",
        "mismatch",
        id="no_vein_found_is_a_circumstance",
    ),
    # "the statement that X is out of date" denies X
    pytest.param(
        "The statement that IM ketamine peaks faster than IV is out of date.",
        "im-peaks-faster-than-iv",
        "opposite",
        id="the_statement_that_x_is_out_of_date",
    ),
    # observations taken "because an infusion can push it up" still assert the rise
    pytest.param(
        "Your blood pressure will be checked often, because an infusion can push it up for a "
        "while.",
        "iv-transient-blood-pressure-rise",
        "overclaim",
        id="observations_taken_because_of_a_rise",
    ),
    # "doesn't hinge on the delivery speed": the effect does not depend on the rate
    pytest.param(
        "Its antidepressant effect really doesn't hinge on the dosing speed.",
        "rate-determines-antidepressant-effect",
        "opposite",
        id="does_not_hinge_on_the_delivery_speed",
    ),
    # "loses a chunk of the dose in the liver" is a first pass
    pytest.param(
        "A jab into the muscle loses a good part of the dose in the liver.",
        "im-no-first-pass",
        "opposite",
        id="loses_part_of_the_dose_in_the_liver",
    ),
    # (rounds 245-252, read in the pass's second half) a share "into the blood" after the
    # verb, "the same whichever company made the pump", "much the same from one person to
    # the next"
    pytest.param(
        "A swallowed tablet gets nearly all of the drug into the blood.",
        "oral-bioavailability-16",
        "opposite",
        id="gets_nearly_all_of_it_into_the_blood",
    ),
    pytest.param(
        "Each press of the pump delivers exactly the same amount whatever make of device you use.",
        "in-spray-volume-varies",
        "opposite",
        id="the_same_amount_whatever_make",
    ),
    pytest.param(
        "How fast a sprayed dose reaches the brain is much the same from one patient to the next.",
        "in-rate-variable",
        "opposite",
        id="much_the_same_from_one_patient_to_the_next",
    ),
    # a dose that "can still be slowed or pulled back" can be stopped
    pytest.param(
        "Even after a nasal dose is given, it can still be paused or taken back.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="can_still_be_paused_or_taken_back",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    # an exam's task sets a question; a claim checked is not asserted
    pytest.param(
        "Q2(b) Explain why an IV dose reaches the bloodstream in full.",
        "iv-no-first-pass",
        "overclaim",
        id="an_exam_task_asserts_nothing",
    ),
    pytest.param(
        "We set out to verify the claim that IM works as well as IV for depression.",
        "im-as-effective-as-iv-depression",
        "overclaim",
        id="a_claim_to_verify_is_not_asserted",
    ),
    pytest.param(
        "Reportedly, a nasal dose cannot simply be converted into an IV dose.",
        "routes-not-interchangeable",
        "opposite",
        id="no_conversion_agrees",
    ),
    # "into my thigh" is IM; what the writer felt is one patient's account, not a figure
    pytest.param(
        "The nurse gave it into my thigh and within a minute or two I felt it.",
        "im-onset-1-2-min",
        "overclaim",
        id="given_into_my_thigh_is_my_account",
    ),
    # the sentence gives the cited work's own figure ("one case in four" of 26 %): it reports
    # the evidence against the claim, it does not assert the claim
    pytest.param(
        "In the big paediatric trial, about one case in four vomited after the IM dose "
        "[@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="one_case_in_four_is_the_cited_works_figure",
    ),
    # an open question, or a doubt, asserts neither side: the label's contrary finding is
    # what makes the writer doubt it
    pytest.param(
        "It is unclear whether ketamine spares breathing by either route, and the label lists "
        "respiratory depression [@ketalar_label].",
        "no-respiratory-depression",
        "cited-against",
        id="an_open_question_beside_the_contrary_work",
    ),
    pytest.param(
        "I remain sceptical that neither route affects breathing, as the label lists "
        "respiratory depression [@ketalar_label].",
        "no-respiratory-depression",
        "cited-against",
        id="a_doubt_beside_the_contrary_work",
    ),
    pytest.param(
        "Given IV or IM, ketamine acts as an NMDA blocker.",
        "nmda-receptor-target",
        "opposite",
        id="an_nmda_blocker_agrees",
    ),
    pytest.param(
        "Reportedly, a drip is tolerated better than an injection into the muscle.",
        "iv-better-tolerated-than-im",
        "opposite",
        id="tolerated_better_in_the_claims_order_agrees",
    ),
    pytest.param(
        "It is very uncertain, but a muscle injection reportedly cannot be slowed or stopped "
        "once given.",
        "non-iv-cannot-be-stopped",
        "opposite",
        id="cannot_be_slowed_or_stopped_agrees",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [
        # a diary's day, a patent's paragraph, a query's number, an exam's part, an idiom
        ("Thursday 9th: you squeezed my hand when the ketamine drip was turned down.", False),
        ("[0014] The pump delivers ketamine through a nasal cannula.", False),
        ("Query 7 asks why the infusion was stopped early.", False),
        ("Q3(a) Explain why a nasal dose of ketamine is absorbed unevenly.", False),
        ("No clinic offers a rectal ketamine product, as far as I know.", False),
        # ...beside a figure or a ranking, which is still one
        ("Thursday 9th: the drip ran at 40 mg an hour.", True),
        ("As far as we can tell, the spray is cheaper than a drip.", True),
    ],
)
def test_labels_dates_and_idioms_are_no_figures(sentence: str, unsourced: bool) -> None:
    assert unchecked.unsourced(sentence) is unsourced


def test_a_plural_one_is_no_second() -> None:
    # "ones" was read as "one s": a second
    assert not numbers.quantities("We gave the restless ones a dose into the thigh.")
    assert [q.text for q in numbers.quantities("It acts in 30s.")] == ["30s"]


@pytest.mark.parametrize(
    "sentence",
    [
        # a dose against another dose, and a rate of events, are no share of the dose
        "The IM dose we give is about a third of the dose given for surgery.",
        "Our failure rate with intramuscular sedation has stayed under 5 %.",
    ],
)
def test_a_ratio_of_doses_or_a_rate_is_no_bioavailability(
    shipped: Run, tmp_path: Path, sentence: str
) -> None:
    finding = check_one(shipped, tmp_path, sentence)
    assert finding["claim"] != "im-bioavailability-93"
    assert "mismatch" not in problem_kinds(finding)


def test_a_share_of_the_dose_is_still_one(shipped: Run, tmp_path: Path) -> None:
    finding = check_one(shipped, tmp_path, "An IM dose has a bioavailability of about 60 %.")
    assert finding["claim"] == "im-bioavailability-93"
    assert "mismatch" in problem_kinds(finding)


@pytest.mark.parametrize(
    "sentence",
    [
        "Heart rate and blood pressure are checked every ten minutes during the infusion.",
        "4.2 Blood pressure and pulse are recorded before and after every infusion.",
    ],
)
def test_observations_taken_state_no_rise(shipped: Run, tmp_path: Path, sentence: str) -> None:
    assert check_one(shipped, tmp_path, sentence)["problems"] == []


# A second reader's cases (sentence, kind reported or None, kind not reported or None): the
# pass's first rules misread each
test_a_second_reader_finds_no_regression = reviewed_test(
    [
        # pausing or slowing a drip alone is no pair: not the other routes' claim
        ("The drip can be paused while the nurse checks the line.", None, "overclaim"),
        # a conversion with no route on one side converts nothing between routes
        ("We convert the IV dose to a per-kilogram dose before each session.", None, "opposite"),
        ("The conversion is simple once you know the patient's weight.", None, "opposite"),
        (
            "For potency, 100 mg of racemic ketamine is roughly the same as 50 mg of esketamine.",
            None,
            "opposite",
        ),
        # an infusion's place, a sitting, a bag's shelf life: no length of infusion
        ("Infusions should be completed in a quiet room with the lights low.", None, "overclaim"),
        ("Drips must be finished within four hours of the bag being made up.", None, "mismatch"),
        ("They ran the drug into a vein over my objections.", None, "overclaim"),
        # a claim checked and found to hold is asserted
        (
            "We need to check the claim, and it holds: oral ketamine bioavailability is about 16 %.",
            "overclaim",
            None,
        ),
        # what follows "but" after a doubt asserts; a colleague's doubt is not the writer's
        (
            "Whether children mind the needle is unclear, but IM ketamine has a minimal incidence "
            "of vomiting [@roback2006randomized].",
            "cited-against",
            None,
        ),
        (
            "My colleague is sceptical about sprays, but IM ketamine has a minimal incidence of "
            "vomiting [@roback2006randomized].",
            "cited-against",
            None,
        ),
        # a difference to the pain is no difference to absorption
        ("Where you inject makes no difference to the pain of the jab.", None, "opposite"),
        # "in my unit" is no dose given to the writer
        (
            "We gave ketamine in my unit to hundreds of patients, and IM always took effect within "
            "1-2 minutes.",
            "overclaim",
            None,
        ),
        # an exam task that states its answer asserts it
        (
            "Question 2: State the bioavailability of IM ketamine, which is about 93 %.",
            "overclaim",
            None,
        ),
    ]
)


def test_a_count_of_studies_after_in_is_a_count(shipped: Run, tmp_path: Path) -> None:
    # "in three studies" was read as "in one small trial" (which trial, not how many), so a
    # sentence counting three against the claim's one came back green (held-out round 255)
    finding = check_one(
        shipped,
        tmp_path,
        "The spray has now been tried in four trials for depression [@lapidus2014randomized].",
    )
    assert finding["claim"] == "in-single-published-study"
    assert "mismatch" in problem_kinds(finding)
    assert finding["verdict"] not in ("confirmed", "strong")
