"""`check` on the general causes behind the misses and false alarms of rounds 165-172, read
in the twenty-fifth pass (docs/check.md). Through the CLI on a real draft and the shipped
base, in sentences worded apart from the rounds'; the negation's scope through
`polarity.opposite`, where the reading is the point. Each case names the rule that finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, check_one, found_test, hearsay_test, problem_kinds, reviewed_test
from roa_evidence.draftcheck import parts
from roa_evidence.draftcheck.polarity import opposite

FOUND_WITH_PROBLEM = [
    pytest.param(
        "Taking ketamine by mouth is no problem, because the gut soaks up nearly all of a "
        "ketamine tablet.",
        "oral-bioavailability-low",
        "opposite",
        id="soaking_up_nearly_all_of_a_ketamine_tablet_is_well_absorbed",
    ),
    pytest.param(
        "A swallowed dose reaches the bloodstream nearly intact.",
        "oral-bioavailability-low",
        "opposite",
        id="reaching_the_blood_nearly_intact_is_well_absorbed",
    ),
    pytest.param(
        "In the nasal trial the spray went head to head against an infusion.",
        "in-no-head-to-head-vs-iv",
        "opposite",
        id="going_head_to_head_against_is_comparing",
    ),
    pytest.param(
        "Honestly, a nasal spray doesn't do much for depression.",
        "in-may-be-effective-depression",
        "opposite",
        id="not_doing_much_for_depression_is_not_effective_for_it",
    ),
    pytest.param(
        "An injection into the muscle delivers ketamine to the brain at a speed no one can "
        "control.",
        "im-rate-uncontrolled",
        "overclaim",
        id="a_speed_no_one_can_control_is_uncontrolled",
    ),
    pytest.param(
        "Once the spray is in, there is no way to stop it.",
        "non-iv-cannot-be-stopped",
        "overclaim",
        id="no_way_to_stop_it_is_cannot_be_stopped",
    ),
    pytest.param(
        "Intranasal ketamine is an established treatment for depression.",
        "in-may-be-effective-depression",
        "overclaim",
        id="an_established_treatment_for_depression_is_effective_for_it",
    ),
    pytest.param(
        "Most of each spray misses the lining of the nose.",
        "in-most-dose-not-absorbed",
        "overclaim",
        id="missing_the_lining_of_the_nose_is_failing_to_reach_it",
    ),
    pytest.param(
        "In truth the drip isn't the best-studied method of giving ketamine.",
        "iv-most-common-most-studied",
        "opposite",
        id="the_best_studied_method_of_giving_it_is_the_most_studied_route",
    ),
    pytest.param(
        "My aunt was told every milligram of the infusion ends up in her brain.",
        "iv-entire-dose-reaches-brain",
        "overclaim",
        id="every_milligram_of_the_infusion_is_the_entire_dose",
    ),
    pytest.param(
        "After an IM shot, leftover drug goes on seeping into your blood for hours.",
        "im-slow-depot-absorption",
        "overclaim",
        id="going_on_seeping_into_the_blood_is_still_being_absorbed",
    ),
    pytest.param(
        "With a nasal spray, how much fluid each squirt delivers depends on which company made "
        "the bottle.",
        "in-spray-volume-varies",
        "overclaim",
        id="what_each_squirt_delivers_depends_on_the_maker",
    ),
    pytest.param(
        "Kids who got the shot threw up less often than kids on the drip [@roback2006randomized].",
        "iv-better-tolerated-than-im",
        "opposite",
        id="sick_less_often_than_after_the_other_route_is_better_tolerated",
    ),
    pytest.param(
        "Unlike earlier work, the Chilukuri study was properly double-blind [@chilukuri2014acute].",
        "im-study-not-double-blind",
        "opposite",
        id="earlier_work_is_studies_not_a_result",
    ),
    pytest.param(
        "Children hardly ever vomit after an intramuscular dose, trials show "
        "[@roback2006randomized].",
        "im-minimal-vomiting",
        "cited-against",
        id="hardly_ever_is_seldom_not_never",
    ),
    pytest.param(
        "Drips work fast to lift depression, full stop.",
        "iv-effective-rapid-depression",
        "overclaim",
        id="the_claim_about_the_topic_stated_beats_one_using_its_words",
    ),
]

FOUND_WITHOUT_PROBLEM = [
    pytest.param(
        "People who got the jab have reported a racing pulse.",
        "im-tachycardia",
        "overclaim",
        id="those_who_got_it_and_have_reported_pass_it_on",
    ),
    pytest.param(
        "My patients report that the comedown after a drip can be abrupt and disorienting.",
        "iv-abrupt-comedown",
        "overclaim",
        id="my_patients_report_that_passes_it_on",
    ),
    pytest.param(
        "It hit me within a couple of minutes of the jab.",
        "im-onset-1-2-min",
        "overclaim",
        id="ones_own_experience_told_as_such_is_an_account",
    ),
]

test_each_cause_is_read = found_test(FOUND_WITH_PROBLEM, FOUND_WITHOUT_PROBLEM)


# what those who had it say is passed on; a trial's result, in the past, and the writer's own
# figure are not
test_what_those_who_had_it_say_is_passed_on = hearsay_test(
    [
        "Folks who've had the injection say their heart pounded afterwards.",
        "Patients who have had the spray tell a different story, reporting a bitter taste.",
        "Patients I've heard from say the spray stings.",
        "Some of my clients tell me the spray stings.",
    ],
    [
        "Patients who had IM reported more nausea than those who had IV.",
        "My clients report sleeping about 40 % better after a session.",
    ],
)


NO_FIRST_PASS = "An IV dose reaches the bloodstream without first-pass metabolism."
IM_93 = "Intramuscular ketamine has a bioavailability of about 93 %."
IV_RAPID = "IV ketamine gives effective, rapid relief of depression."
IV_BP = "IV ketamine may cause transient increases in blood pressure."
IM_FAST_HEART = "IM ketamine can cause tachycardia in some cases."
ONLY_IV = "IV infusion is the only route whose rate of delivery can be controlled."


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        # the claim negates first pass; the sentence speaks only of the whole dose
        (
            "A drip puts every drop of the dose into the circulation, which is how "
            "bioavailability is defined.",
            NO_FIRST_PASS,
        ),
        # the sentence negates the tracing of a figure, not the figure
        (
            "A figure of 75 % is often quoted for the injection, though we could not trace it "
            "to a human study.",
            IM_93,
        ),
        # fading is a duration the claim says nothing of
        ("A single drip lifts depression quickly, but the benefit fades within a week.", IV_RAPID),
        # a denied duration, though its subject is the claim's ("an effect ... that was not
        # sustained over the days after")
        (
            "One drip brings a rapid antidepressant effect that fades over the days after it.",
            IV_RAPID,
        ),
        # reassurance after the finding is no negation of it
        ("The jab raises your heart rate, so there is nothing to worry about.", IM_FAST_HEART),
    ],
)
def test_a_negation_of_something_the_claim_does_not_say_flips_nothing(
    sentence: str, statement: str
) -> None:
    assert opposite(sentence, statement) is None


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("An IV dose does go through first-pass metabolism.", NO_FIRST_PASS),
        # the subject of a denied verb is what is denied
        ("A rise in blood pressure is not something a drip causes.", IV_BP),
        ("Tachycardia is not a feature of the intramuscular route.", IM_FAST_HEART),
        (
            "My nurse said the shot never changes your heart rate, so there's no need to worry.",
            IM_FAST_HEART,
        ),
        # a denial ("is not supported") denies what came before it
        (
            "The view that IV is the only route whose rate can be controlled is not supported: "
            "pumps have run SC infusions for days.",
            ONLY_IV,
        ),
    ],
)
def test_a_negation_of_what_the_claim_says_still_flips_it(sentence: str, statement: str) -> None:
    assert opposite(sentence, statement) is not None


def test_a_quoted_claim_called_out_of_date_is_denied(shipped: Run, tmp_path: Path) -> None:
    """Never green: a claim quoted and called out of date, whatever the figure after it."""
    finding = check_one(
        shipped,
        tmp_path,
        "Writers still repeat that 'only one study has tested a nasal spray for depression', "
        "which is out of date [@an2021intranasal].",
    )
    assert finding["claim"] == "in-single-published-study"
    assert "opposite" in problem_kinds(finding)
    finding = check_one(
        shipped, tmp_path, "'Only one published study has tested nasal ketamine' is wrong."
    )
    assert finding["claim"] == "in-single-published-study"
    assert finding["verdict"] not in {"confirmed", "strong"}


@pytest.mark.parametrize(
    ("sentence", "duration"),
    [
        ("Patients have the drug by vein, usually over about 40 minutes.", True),
        ("You would get either a drip over 40 minutes or a single jab.", True),
        ("They put a drip in my arm and it took like 45 minutes.", True),
        # a course of drips over weeks is a schedule, not how long one runs
        ("The course is six drips over three weeks.", False),
    ],
)
def test_how_long_a_drip_runs_is_a_duration(sentence: str, duration: bool) -> None:
    assert ("duration" in parts.read_parts(sentence).topics) is duration


# What states no finding is not unsourced, whatever figure or comparison it holds; a figure or
# a ranking of routes stated as fact still is.
NO_FINDING = [
    # idioms of comparison
    "I had tried more antidepressants than I care to remember before ketamine.",
    "The new ketamine clinic left our readers with more questions than answers.",
    "She has been nursing longer than ketamine clinics have been around.",
    # one patient's own experience, told as such, and a trial to come
    "'About ten minutes after the needle went in I felt the fog lift,' he told us.",
    "It hit me within a couple of minutes, and the room seemed to tilt.",
    "Volunteers in the new ketamine trial will be randomly allocated to one of 3 routes.",
    # a document's business
    "Protocol 3.1: where IV access fails, the intramuscular route may be used.",
    "Approve IV ketamine for now, with intramuscular use to be reviewed in 6 months.",
    "Of 250 records screened, 12 met our inclusion criteria for ketamine.",
    "I am sorry the ketamine clinic fell short of what you expected.",
]
STILL_UNSOURCED = [
    "Ketamine lozenges work faster than a nasal spray, more than I expected.",
    "About 30 % of ketamine patients relapse within a week of a drip.",
]


@pytest.mark.parametrize(
    ("sentence", "unsourced"),
    [(s, False) for s in NO_FINDING] + [(s, True) for s in STILL_UNSOURCED],
)
def test_what_states_no_finding_is_not_unsourced(
    shipped: Run, tmp_path: Path, sentence: str, unsourced: bool
) -> None:
    kinds = problem_kinds(check_one(shipped, tmp_path, sentence))
    assert ("unsourced" in kinds) is unsourced, kinds


# A second reader's sentences against the pass's readings (each read wrong before its mend):
# (sentence, a kind that must be reported or None, a kind that must not be)
REVIEWED = [
    # a claim denied in its own scale's words ("fleeting" against "transient")
    ("Side effects of IV and IM ketamine are neither uncommon nor fleeting.", "opposite", None),
    # what "my patients tell me" is their preference, not the efficacy claim after it
    (
        "My patients tell me they prefer the jab, and IM ketamine works just as well as IV for "
        "depression.",
        "overclaim",
        None,
    ),
    ("Hardly any of the spray misses the lining of the nose.", "opposite", "overclaim"),
    # absorbed from the gut, then lost to the liver: the first-pass claim, not its opposite
    (
        "The gut soaks up nearly all of a ketamine tablet, but the liver then breaks down most "
        "of it before it reaches the circulation.",
        None,
        "opposite",
    ),
    ("It took two infusions before the fog lifted.", None, "overclaim"),
    ("Children vomited less often than adults after an IM shot.", None, "opposite"),
    (
        "Chilukuri et al. 2014 was a randomized trial comparing IV and IM ketamine for "
        "depression, but it is out of date.",
        None,
        "opposite",
    ),
    # an idiom in one clause does not hide a ranking of routes in the next
    (
        "The lozenge was easier than I expected and works twice as fast as a nasal spray.",
        "unsourced",
        None,
    ),
    (
        "Since my first infusion I have learned that 30 % of ketamine patients relapse within "
        "a week.",
        "unsourced",
        None,
    ),
    (
        "Across the eligible studies, ketamine lozenges relieved depression in 45 % of patients.",
        "unsourced",
        None,
    ),
]


test_the_reviews_cases_are_read_right = reviewed_test(REVIEWED)
